"""The random-variable layer under the trust base (``library/randomness``): ``evaluate``
against values computed by hand, exact and 50-digit; joint laws; random symbols and their
operators."""

from __future__ import annotations

import pickle
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.library.lemma_library import (
    lemma,
)
from hallbound.proofs_checks.library.randomness import Cov as CovOp
from hallbound.proofs_checks.library.randomness import (
    E,
    JointLaw,
    Pr,
    RandomSymbol,
    Var,
    evaluate,
    independent,
    is_random,
    random_law,
    random_symbol,
    random_symbols,
)

X = random_symbol("X")
Y = random_symbol("Y")
Z = random_symbol("Z")


# ----- randomness.evaluate against hand computation ---------------------------------------

HALF, QUARTER = Fraction(1, 2), Fraction(1, 4)
LAW_XY = independent(
    JointLaw.single(X, [0, 1, 2], [HALF, QUARTER, QUARTER]),
    JointLaw.single(Y, [1, -1], [HALF, HALF]),
)


def test_evaluate_exact_values_by_hand() -> None:
    a = sp.Symbol("a")
    assert evaluate(E(X), LAW_XY) == Fraction(3, 4)  # 0/2 + 1/4 + 2/4
    assert evaluate(E(X**2), LAW_XY) == Fraction(5, 4)
    assert evaluate(Var(X), LAW_XY) == Fraction(11, 16)  # 5/4 - 9/16
    assert evaluate(CovOp(X, X + Y), LAW_XY) == Fraction(11, 16)  # Var X + Cov(X, Y) = Var X
    assert evaluate(CovOp(X, X * Y), LAW_XY) == 0  # E[X^2 Y] - E[X] E[XY] = 0 - 0
    # |X - 3/4| >= 1/2 at X = 0 and X = 2
    assert evaluate(Pr(sp.Ge(sp.Abs(X - E(X)), a)), LAW_XY, {a: HALF}) == Fraction(3, 4)
    assert evaluate(Pr(sp.And(X > 0, Y > 0)), LAW_XY) == Fraction(1, 4)
    assert evaluate(Pr(sp.Or(X > 1, Y < 0)), LAW_XY) == Fraction(5, 8)  # 1 - (3/4)(1/2)
    assert evaluate(Pr(sp.Ge(X, a)), LAW_XY, {"a": 1}) == HALF
    assert evaluate(E(X) / a + 1, LAW_XY, {a: 3}) == Fraction(5, 4)
    assert evaluate(Pr(sp.Not(X >= 1)), LAW_XY) == HALF


def test_evaluate_irrational_values_at_50_digits() -> None:
    got = evaluate(E(sp.exp(X)), LAW_XY)
    with mpmath.workdps(60):
        want = mpmath.mpf(1) / 2 + mpmath.e / 4 + mpmath.e**2 / 4
        assert abs(got - want) < mpmath.mpf(10) ** -48
    got2 = evaluate(sp.sqrt(E(X)), LAW_XY)  # sqrt(3/4) = sqrt(3)/2
    with mpmath.workdps(60):
        assert abs(got2 - mpmath.sqrt(3) / 2) < mpmath.mpf(10) ** -48


def test_evaluate_rejects_what_it_cannot_compute() -> None:
    with pytest.raises(InputError) as err:
        evaluate(X + E(X), LAW_XY)
    assert err.value.parameter == "expr"
    with pytest.raises(InputError) as err:
        evaluate(E(X) + sp.Symbol("b"), LAW_XY)
    assert err.value.parameter == "env"
    with pytest.raises(InputError) as err:
        evaluate(E(Z), LAW_XY)
    assert err.value.parameter == "law"
    with pytest.raises(InputError):
        Pr(X + 1)


def test_joint_law_validation() -> None:
    with pytest.raises(InputError) as err:
        JointLaw.single(X, [0, 1], [HALF, QUARTER])
    assert err.value.parameter == "probs"
    with pytest.raises(InputError) as err:
        JointLaw.single(X, [0, 1], [Fraction(3, 2), -HALF])
    assert err.value.parameter == "probs"
    with pytest.raises(InputError) as err:
        JointLaw.single(X, [0.5], [1])
    assert err.value.parameter == "atoms"
    with pytest.raises(InputError) as err:
        independent(LAW_XY, JointLaw.single(X, [0], [1]))
    assert err.value.parameter == "laws"


def test_random_law_is_exact_and_seeded() -> None:
    rng = np.random.default_rng(7)
    law = random_law(rng, (X, Y), correlated=True)
    assert sum(law.probs) == 1 and all(isinstance(q, Fraction) for q in law.probs)
    again = random_law(np.random.default_rng(7), (X, Y), correlated=True)
    assert [dict(a) for a in law.atoms] == [dict(a) for a in again.atoms]
    ind = random_law(np.random.default_rng(3), (X, Y), size=2)
    assert len(ind) == 4 and set(ind.symbols) == {X, Y}
    # independence by construction: Pr(X = x, Y = y) = Pr(X = x) Pr(Y = y)
    for a, _q in ind.outcomes():
        px = evaluate(Pr(sp.Eq(X, a[X])), ind)
        py = evaluate(Pr(sp.Eq(Y, a[Y])), ind)
        assert evaluate(Pr(sp.And(sp.Eq(X, a[X]), sp.Eq(Y, a[Y]))), ind) == px * py


def test_random_symbols_and_operators() -> None:
    assert X != sp.Symbol("X", real=True) and X == random_symbol("X")
    assert pickle.loads(pickle.dumps(X)) == X
    assert isinstance(pickle.loads(pickle.dumps(X)), RandomSymbol)
    assert hash(pickle.loads(pickle.dumps(X))) == hash(X)
    assert random_symbols(E(X) + Y) == {X, Y}
    assert is_random(X + 1) and not is_random(E(X) + 1) and not is_random(Pr(X > 1))
    assert Pr(X > 1).is_nonnegative and E(X).is_real and Var(X).is_nonnegative
    assert Pr(sp.true) == 1 and Pr(sp.false) == 0
    assert r"\mathbb{E}" in sp.latex(E(X)) and r"\Pr" in sp.latex(Pr(X > 1))


def test_deterministic_parameters_refuse_random_variables() -> None:
    with pytest.raises(InputError, match="c"):
        lemma("Linearity (constant factor)", c=X, X=Y)
    # inside E the value is a number: allowed
    assert lemma("Linearity (constant factor)", c=E(X), X=Y).conclusion[2] == E(X) * E(Y)


def test_operators_print_to_latex_under_a_power() -> None:
    # SymPy's printer passes exp= for E[T]^2; the operators must take it
    assert sp.latex(E(X) ** 2) == r"\left(\mathbb{E}\left[X\right]\right)^{2}"
    assert sp.latex(Pr(sp.Ge(X, 1)) ** 3).endswith("^{3}")
