"""The checking engine on small claims with known answers."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from hallbound.proofs_checks import Claim, LawCheck, Param, Step, Verdict, check_claim
from hallbound.proofs_checks.engine.certify import certify
from hallbound.proofs_checks.engine.probability import (
    DiscreteLaw,
    MCEstimate,
    clopper_pearson,
    holds,
    random_law,
)
from hallbound.proofs_checks.engine.prover import prove_relation

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", positive=True)
X = Param("x", x, search=(-10, 10))


def _one(step: Step, params: list[Param]) -> object:
    return check_claim(Claim("t", "test", params, [step]), trials=100).steps[0]


def test_true_identity_is_proved() -> None:
    res = _one(Step("id", (x + 1) ** 3, "=", x**3 + 3 * x**2 + 3 * x + 1, "algebra"), [X])
    assert res.verdict is Verdict.PROVED


def test_false_inequality_is_refuted_with_a_real_counterexample() -> None:
    # x^2 <= x fails for every x outside [0, 1]
    res = _one(Step("bad", x**2, "<=", x, "bogus"), [X])
    assert res.verdict is Verdict.REFUTED
    w = Fraction(res.witness["x"])
    assert not (w * w <= w)  # independent exact re-check
    assert res.lhs == pytest.approx(float(w * w)) and res.rhs == pytest.approx(float(w))


def test_false_equality_is_refuted() -> None:
    res = _one(Step("bad", sp.sqrt(x**2), "=", x, "sqrt(x^2) = x"), [X])
    assert res.verdict is Verdict.REFUTED
    assert float(res.witness["x"]) < 0


def test_true_inequality_is_certified_on_a_box() -> None:
    # e^y >= 1 + y + y^2/3 on [1/2, 3]: SymPy decides neither the sign nor the critical points
    step = Step("exp", sp.exp(y), ">=", 1 + y + y**2 / 3, "series")
    res = _one(step, [Param("y", y, lo=0.5, hi=3)])
    assert res.verdict is Verdict.CERTIFIED
    assert res.box == {"y": [0.5, 3.0]}
    grid = np.linspace(0.5, 3, 1001)
    assert np.all(np.exp(grid) >= 1 + grid + grid**2 / 3)


def test_calculus_strategy_proves_log_bound() -> None:
    z = sp.Symbol("z", positive=True)
    how = prove_relation(sp.log(z), "<=", z - 1, {z: sp.Interval.open(0, sp.oo)})
    assert how and how.startswith("calculus")


def test_finite_sums_are_reordered() -> None:
    a, t = sp.symbols("a t", integer=True)
    m, c = sp.symbols("M C", integer=True, positive=True)
    w, q = sp.IndexedBase("w"), sp.IndexedBase("q")
    lhs = sp.Sum(w[a] * sp.Sum(q[a, t], (t, 1, c)), (a, 1, m))
    rhs = sp.Sum(sp.Sum(w[a] * q[a, t], (a, 1, m)), (t, 1, c))
    assert prove_relation(lhs, "=", rhs) is not None
    assert prove_relation(lhs, "=", rhs + 1) is None


def test_certify_finds_a_violating_box() -> None:
    res = certify(1 - y**2, {y: (Fraction(0), Fraction(2))})
    assert res.status == "refuted"
    pt = res.point[y]
    assert 1 - pt * pt < 0


def test_certify_touching_corner() -> None:
    assert certify(sp.exp(y) - 1 - y, {y: (Fraction(0), Fraction(5))}).status == "certified"


def test_an_unbacked_given_substitution_is_only_assumed() -> None:
    # from b <= eps (b = eps - w) and m >= s + eps: m - b >= s; nothing backs the premises
    m, b, s, e, w, u = sp.symbols("m b s e w u", nonnegative=True)
    step = Step(
        "tri",
        m - b,
        ">=",
        s,
        "hyps",
        given={b: e - w, m: s + e + u},
        premises=("b <= eps", "m >= s + eps"),
        params=[Param(n, v, lo=0) for n, v in zip("mbsewu", (m, b, s, e, w, u), strict=True)],
    )
    res = _one(step, list(step.params))
    assert res.verdict is Verdict.ASSUMED
    assert res.assumed == ["b <= eps", "m >= s + eps"]


def _markov_case(rng):
    return random_law(rng, size=3, lo=0, hi=4, denom=2), Fraction(int(rng.integers(1, 8)), 2)


def test_exact_law_check_refutes_a_wrong_markov() -> None:
    # Pr[T >= a] <= (E T)^2 / a^2 is false (T = a with probability 1/2, else 0: 1/2 > 1/4)
    def ev(case):
        t, a = case
        return t.prob(lambda v: v >= a), t.mean() ** 2 / (a * a)

    bad = (DiscreteLaw((Fraction(0), Fraction(2)), (Fraction(1, 2), Fraction(1, 2))), Fraction(2))
    law = LawCheck(_markov_case, ev, lambda c: {"a": c[1]}, trials=20, cases=[bad])
    res = _one(
        Step("m", "Pr[T >= a]", "<=", "(E T)^2/a^2", "bogus", kind="probability", law=law), []
    )
    assert res.verdict is Verdict.REFUTED
    assert res.lhs == 0.5 and res.rhs == 0.25


def test_exact_law_check_supports_markov() -> None:
    def ev(case):
        t, a = case
        return t.prob(lambda v: v >= a), t.mean() / a

    law = LawCheck(_markov_case, ev, lambda c: {}, trials=50)
    res = _one(Step("m", "Pr[T >= a]", "<=", "E T / a", "Markov", kind="probability", law=law), [])
    assert res.verdict is Verdict.SUPPORTED and res.trials == 50


def test_monte_carlo_refutation_needs_the_interval() -> None:
    rng = np.random.default_rng(1)

    def ev(case):
        z = rng.standard_normal(20_000)
        return MCEstimate(int((z > 0).sum()), z.size), case

    law = LawCheck(lambda r: 0.6, ev, lambda c: {"claimed": c}, trials=1, monte_carlo=True)
    res = _one(Step("mc", "Pr[Z > 0]", ">=", "0.6", "bogus", kind="probability", law=law), [])
    assert res.verdict is Verdict.REFUTED
    assert "Monte Carlo" in res.method
    # a claim inside the interval is not refuted
    assert holds(MCEstimate(10_000, 20_000), ">=", 0.505)


@given(st.integers(0, 60), st.integers(1, 60))
def test_clopper_pearson_matches_scipy(k: int, extra: int) -> None:
    from scipy.stats import binomtest

    n = k + extra
    lo, hi = clopper_pearson(k, n, 0.05)
    ref = binomtest(k, n).proportion_ci(confidence_level=0.95, method="exact")
    assert lo == pytest.approx(ref.low, abs=1e-9) and hi == pytest.approx(ref.high, abs=1e-9)


def test_same_seed_same_witness() -> None:
    step = Step("bad", x**3 - x, ">=", 0, "bogus")
    a = check_claim(Claim("t", "", [X], [step]), seed=5).steps[0]
    b = check_claim(Claim("t", "", [X], [step]), seed=5).steps[0]
    assert a.verdict is Verdict.REFUTED and a.witness == b.witness


def test_bad_relation_rejected() -> None:
    with pytest.raises(ValueError, match="rel"):
        Step("s", x, "~", x, "")


def test_calculus_strategy_needs_one_variable() -> None:
    # (x - y)^2 - 1 + ... : with two variables the strategy must not run (its critical-point
    # argument is for one variable); x^2 - x y + y^2 >= 0 holds, but not by this strategy
    from hallbound.proofs_checks.engine.prover import prove_by_calculus

    x, y = sp.symbols("x y", real=True)
    dom = {x: sp.Interval(-sp.oo, sp.oo), y: sp.Interval(-sp.oo, sp.oo)}
    assert prove_by_calculus(x**2 - x * y + y**2, False, dom) is None
    assert prove_by_calculus(x**2 - 2 * x + 1, False, dom)
