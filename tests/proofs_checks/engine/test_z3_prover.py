"""The z3 second prover: proofs, re-checked counterexamples, and honest refusals."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from hallbound.errors import InputError
from hallbound.proofs_checks.engine.z3_prover import decide

x, y, z = sp.symbols("x y z", real=True)


def _exact(expr: sp.Expr, model: dict[str, Fraction | float]) -> Fraction:
    """Evaluate a polynomial expression at a model with Python Fractions (not SymPy/z3)."""
    f = sp.lambdify(sorted(expr.free_symbols, key=lambda s: s.name), expr, modules=[{}])
    names = sorted(s.name for s in expr.free_symbols)
    return Fraction(f(*[Fraction(model[n]) for n in names]))


def test_proves_two_squares_bound() -> None:
    res = decide(x**2 + y**2, ">=", 2 * x * y)
    assert res.status == "proved" and res.model is None and res.seconds >= 0


def test_proves_a_true_bound_on_a_domain() -> None:
    # on [0, 1]: x^3 <= x (since x^3 - x = x (x - 1)(x + 1) <= 0 there)
    res = decide(x**3, "<=", x, {x: sp.Interval(0, 1)})
    assert res.status == "proved"
    assert "x >= 0" in res.conditions and "x <= 1" in res.conditions
    # the same bound without the domain is false
    res2 = decide(x**3, "<=", x)
    assert res2.status == "refuted"
    assert _exact(x**3 - x, res2.model) > 0


def test_refutes_a_false_bound_with_a_real_counterexample() -> None:
    lhs, rhs = x**2 + y**2, 3 * x * y  # false e.g. at x = y = 1
    res = decide(lhs, ">=", rhs, {x: sp.Interval(0, 2), y: sp.Interval(0, 2)})
    assert res.status == "refuted"
    assert all(isinstance(v, Fraction) for v in res.model.values())
    assert _exact(lhs, res.model) < _exact(rhs, res.model)
    assert 0 <= res.model["x"] <= 2 and 0 <= res.model["y"] <= 2


def test_rational_functions_where_defined() -> None:
    p = sp.Symbol("p", positive=True)
    # AM-GM: p + 1/p >= 2 for p > 0 (assumption taken from the symbol)
    assert decide(p + 1 / p, ">=", 2).status == "proved"
    # x + 1/x >= 2 is false for x < 0
    res = decide(x + 1 / x, ">=", 2)
    assert res.status == "refuted"
    xv = Fraction(res.model["x"])
    assert xv != 0 and xv + 1 / xv < 2
    # (x^2 - 1)/(x - 1) = x + 1 wherever x != 1
    res_eq = decide((x**2 - 1) / (x - 1), "=", x + 1)
    assert res_eq.status == "proved"
    assert any("!= 0" in c for c in res_eq.conditions)


def test_strict_and_equality_relations() -> None:
    assert decide(x**2 + 1, ">", 0).status == "proved"
    res = decide(x**2, ">", 0)
    assert res.status == "refuted" and res.model["x"] == 0
    assert decide((x + y) ** 2, "=", x**2 + 2 * x * y + y**2).status == "proved"
    res2 = decide((x + y) ** 2, "=", x**2 + y**2)
    assert res2.status == "refuted"
    assert _exact((x + y) ** 2 - x**2 - y**2, res2.model) != 0
    assert decide(x**2, "<", -1).status == "refuted"


def test_integers_and_assumptions_become_constraints() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    # n^2 >= n for positive integers (false for reals in (0, 1))
    assert decide(n**2, ">=", n).status == "proved"
    res = decide(z**2, ">=", z, {z: sp.Interval(0, 10)})
    assert res.status == "refuted" and 0 < res.model["z"] < 1
    assert decide(z**2, ">=", z, {z: sp.Interval(0, 10)}, integers=[z]).status == "proved"


def test_floats_are_taken_exactly() -> None:
    assert decide(sp.Float(0.5) * x**2, ">=", 0).status == "proved"


@pytest.mark.parametrize(
    "expr", [sp.exp(x), sp.log(x + 2), sp.sqrt(x**2 + 1), sp.Abs(x), sp.pi * x, sp.sin(x)]
)
def test_not_polynomial(expr: sp.Expr) -> None:
    res = decide(expr, ">=", x - 10)
    assert res.status == "not-polynomial" and res.reason


def test_irrational_domain_end_is_not_polynomial() -> None:
    res = decide(x, "<=", 2, {x: sp.Interval(0, sp.sqrt(2))})
    assert res.status == "not-polynomial"


def test_bad_input_names_the_parameter() -> None:
    with pytest.raises(InputError) as err:
        decide(x, "!=", 1)
    assert err.value.parameter == "rel"
    with pytest.raises(InputError) as err:
        decide(x, "<=", 1, {x: (0, 1)})
    assert err.value.parameter == "domains"
    with pytest.raises(InputError) as err:
        decide(x, "<=", 1, timeout=0)
    assert err.value.parameter == "timeout"


def test_a_hard_query_times_out_as_unknown_or_decides() -> None:
    # whatever z3 answers inside a tiny timeout, it is never a wrong verdict
    lhs = (x**2 + y**2 + z**2) ** 3
    res = decide(lhs, ">=", 27 * x**2 * y**2 * z**2, timeout=0.001)
    assert res.status in ("proved", "unknown")


coeffs = st.integers(-3, 3)


@given(a=coeffs, b=coeffs, c=coeffs)
def test_quadratics_agree_with_the_discriminant(a: int, b: int, c: int) -> None:
    """a x^2 + b x + c >= 0 for all real x iff (a > 0 and b^2 <= 4ac) or (a = b = 0, c >= 0)."""
    true = (a > 0 and b * b <= 4 * a * c) or (a == 0 and b == 0 and c >= 0)
    res = decide(a * x**2 + b * x + c, ">=", 0)
    assert res.status == ("proved" if true else "refuted")
    if res.status == "refuted":
        xv = Fraction(res.model["x"])
        assert a * xv * xv + b * xv + c < 0
