"""Family parameter kinds as objects (symbolic/families/param_kinds.py): each kind's example
reads back through its own reader, fixes the dimension it was made for, and has a strategy."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.families.param_kinds import PARAM_KINDS
from hallbound.symbolic.families.params import KINDS, Param

#: A parameter of each kind, declared as a family would.
DECLARED = {
    "scalar": Param("b", lower=0, test=(0.5, 2.0), step=0.25),
    "integer": Param("n", kind="integer", lower=1, test=(1, 9)),
    "probabilities": Param("p", kind="probabilities", test=(0.1, 0.9), size=(3, 5)),
    "simplex": Param("w", kind="simplex"),
    "location": Param("mu", kind="location", test=(-2, 2), location=True),
    "covariance": Param("Sigma", key="cov", kind="covariance"),
}


def test_every_kind_is_declared_here_and_has_an_object():
    assert set(DECLARED) == set(KINDS) == set(PARAM_KINDS)
    assert all(p.behaviour is PARAM_KINDS[kind] for kind, p in DECLARED.items())


@pytest.mark.parametrize("kind", sorted(DECLARED))
@pytest.mark.parametrize("dim", [2, 3])
def test_example_reads_back_and_fixes_its_dimension(kind, dim):
    param = DECLARED[kind]
    value = param.read({param.key: param.example(dim)}, "test", dim)
    fixed = param.behaviour.dimension(value)
    if param.behaviour.multidimensional or kind == "location":
        assert fixed == dim  # a covariance, a simplex, a vector location: d entries
    else:
        assert fixed is None
    assert param.behaviour.spec_dimension(value, dim) == dim


def test_a_scalar_location_sets_dimension_one():
    param = DECLARED["location"]
    value = param.read({"mu": [1.5]}, "test", None)
    assert value == sp.Rational(3, 2)
    assert param.behaviour.dimension(value) is None
    assert param.behaviour.spec_dimension(value, None) == 1


@pytest.mark.parametrize(
    ("kind", "value", "needle"),
    [
        ("scalar", -1.0, "must lie in (0, inf)"),
        ("integer", 2.5, "must be an integer"),
        ("probabilities", [], "non-empty"),
        ("probabilities", [0.5, 1.5], "p[1]: must lie in [0, 1]"),
        ("simplex", [0.2, 0.2], "must sum to 1"),
        ("covariance", [[1.0, 2.0], [2.0, 1.0]], "positive definite"),
    ],
)
def test_each_reader_refuses_bad_values_naming_the_key(kind, value, needle):
    param = DECLARED[kind]
    with pytest.raises(InputError) as err:
        param.read({param.key: value}, "test", 2 if kind == "covariance" else None)
    assert needle in str(err.value)
    assert str(err.value).startswith(param.key)


def test_symbolic_kinds_make_symbols_with_their_assumptions():
    assert [k for k in KINDS if PARAM_KINDS[k].symbolic] == ["scalar", "integer", "location"]
    assert DECLARED["integer"].symbol().is_integer and DECLARED["integer"].symbol().is_positive
    assert DECLARED["scalar"].symbol().is_positive
    assert DECLARED["location"].symbol().is_real


def test_every_kind_has_a_strategy():
    from hallbound.testing.strategies import _VALUE_DRAWS

    assert set(_VALUE_DRAWS) == set(PARAM_KINDS)
