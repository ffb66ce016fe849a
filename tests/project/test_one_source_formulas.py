"""One source for family and mean-law formulas used outside ``symbolic/`` (issue 11 audit).

Each copy that used to be typed by hand (or taken from a library) now reads its source: the
Theorem 6.1 checks take the Normal family's density and the Normal mean law's draws and moments
from their records, the Theorem C.1 simplex mass takes the Normal family's CDF, and the
two-point bounds take the two-point law's support and masses from its ``sympy.stats``
variable. Each test checks the value against an independent reference (SciPy, hand math),
then changes the source and checks that the copy follows.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import scipy.stats
import sympy as sp
import sympy.stats as st

from hallbound.errors import InputError
from hallbound.numeric import bounds_refined as br
from hallbound.proofs_checks.claims.bad_estimations import theorem_6_1 as t61
from hallbound.proofs_checks.claims.bad_estimations import theorem_c1 as tc1
from hallbound.symbolic import mean_laws
from hallbound.symbolic.families import Normal


# ----- Theorem 6.1: the Normal family's density ---------------------------------------------
@pytest.mark.parametrize("r", [Fraction(0), Fraction(1, 7), Fraction(3, 10), Fraction(5, 2)])
def test_theorem_6_1_delta_is_the_normal_density(r: Fraction) -> None:
    assert t61._normal_delta(r) == pytest.approx(scipy.stats.norm.pdf(float(r)), rel=1e-14)


def test_theorem_6_1_delta_follows_the_family_density(monkeypatch) -> None:
    r = Fraction(1, 4)
    good = t61._normal_delta(r)
    true_density = Normal.density
    monkeypatch.setattr(Normal, "density", lambda self: 2 * true_density(self))
    assert t61._normal_delta(r) == pytest.approx(2 * good, rel=1e-14)


def test_theorem_6_1_view_reports_that_delta() -> None:
    case = t61.sample(np.random.default_rng(3))
    view = t61._view(case)
    r = float(case.get("r"))
    assert view["delta"] == pytest.approx(scipy.stats.norm.pdf(r), rel=1e-14)


# ----- Theorem 6.1 (Monte Carlo): the Normal mean law's draws and moments -------------------
def _case() -> dict:
    return t61._mc_sample(np.random.default_rng(11))


def _p_lower_by_hand(p, s, r, i) -> float:
    """Independent: sigma_i = s_i^2, K = 1/3 (E z^4 = 3), the objective of (B.5) typed here."""
    d = np.sqrt(sum(q * q * x * x for q, x in zip(p, s, strict=True)))
    top = (s[i] - r) / d
    a = 1 + (top - 1) * np.arange(1, 401) / 400
    return float(np.max((1 - 1 / a**2) * (1 - (a * d + r) ** 2 / s[i] ** 2) ** 2))


def test_theorem_6_1_monte_carlo_matches_an_independent_computation() -> None:
    case = _case()
    estimate, rhs = t61._mc_eval(case)
    rng = np.random.default_rng(case["seed"])
    mu = rng.normal(0.0, case["s"], size=(t61.MC_DRAWS, 2))  # N(0, s_i^2), NumPy's own
    a_star = mu @ np.asarray(case["p"])
    hits = int(np.all(np.abs(a_star[:, None] - mu) >= case["r"], axis=1).sum())
    assert (estimate.k, estimate.n) == (hits, t61.MC_DRAWS)
    kurtosis = float(scipy.stats.norm.moment(4) / scipy.stats.norm.moment(2) ** 2)  # 3
    expected = 1.0
    for i in range(2):
        expected *= _p_lower_by_hand(case["p"], case["s"], case["r"], i) / kurtosis
    assert rhs == pytest.approx(expected, rel=1e-12)


def test_theorem_6_1_monte_carlo_follows_the_mean_law_record(monkeypatch) -> None:
    case = _case()
    _, good = t61._mc_eval(case)
    true_moments = mean_laws.standard_moments

    def wrong(kind: str):
        m2, m4 = true_moments(kind)
        return (m2, 2 * m4) if kind == "normal" else (m2, m4)

    monkeypatch.setattr(mean_laws, "standard_moments", wrong)
    t61._normal_law.cache_clear()
    try:
        _, bad = t61._mc_eval(case)
    finally:
        t61._normal_law.cache_clear()
    assert bad == pytest.approx(good / 4, rel=1e-12)  # K_i halves for both states


# ----- two-point mean laws: support and masses from the record -----------------------------
def test_two_point_support_is_the_record() -> None:
    points, masses = br.finite_support("two-point")
    assert points.tolist() == [-1.0, 1.0] and masses.tolist() == [0.5, 0.5]
    with pytest.raises(InputError, match="density"):
        br.finite_support("normal")


def _enumerate(p, r, scale, values, masses) -> float:
    """Independent: every pattern of x_jk = values * s_jk, weighted, |T - x_i| > r_i."""
    p, r, scale = np.asarray(p), np.asarray(r), np.asarray(scale)
    n, d = scale.shape
    total = 0.0
    for pattern in itertools.product(range(len(values)), repeat=n * d):
        x = np.array([values[k] for k in pattern]).reshape(n, d) * scale
        t = p @ x
        if all(np.sum((t - x[i]) ** 2) > r[i] ** 2 * (1 + 1e-9) for i in range(n)):
            total += float(np.prod([masses[k] for k in pattern]))
    return total


def test_two_point_bounds_match_an_independent_enumeration() -> None:
    p, r, scale = [0.2, 0.3, 0.5], [0.3, 0.5, 0.4], [[1.0], [0.7], [1.4]]
    expected = _enumerate(p, r, scale, [-1.0, 1.0], [0.5, 0.5])
    assert br.two_point_bound(p, r, scale) == pytest.approx(expected, abs=1e-15)
    q, rr, s = [0.4, 0.6], [0.2, 0.3], [[0.8], [1.1]]
    assert br.two_state_exact(q, rr, s, "two-point") == pytest.approx(
        _enumerate(q, rr, s, [-1.0, 1.0], [0.5, 0.5]), abs=1e-15
    )


def test_two_point_bounds_follow_the_record(monkeypatch) -> None:
    """A lopsided two-point record (values -1, 1 with masses 1/4, 3/4): both bounds move."""
    lopsided = mean_laws.StandardLaw(
        "two-point",
        3,
        "offset (+/- scale)",
        lambda: st.FiniteRV(
            "xi", {sp.Integer(-1): sp.Rational(1, 4), sp.Integer(1): sp.Rational(3, 4)}
        ),
        "uniform",
        sp.Piecewise((1, mean_laws.U_PRIMITIVE < sp.Rational(3, 4)), (-1, True)),
        1.0,
    )
    p, r, scale = [0.2, 0.3, 0.5], [0.3, 0.5, 0.4], [[1.0], [0.7], [1.4]]
    q, rr, s = [0.4, 0.6], [0.2, 0.3], [[0.8], [1.1]]
    good = br.two_point_bound(p, r, scale), br.two_state_exact(q, rr, s, "two-point")
    monkeypatch.setitem(mean_laws.KINDS, "two-point", lopsided)
    moved = br.two_point_bound(p, r, scale), br.two_state_exact(q, rr, s, "two-point")
    expected = (
        _enumerate(p, r, scale, [-1.0, 1.0], [0.25, 0.75]),
        _enumerate(q, rr, s, [-1.0, 1.0], [0.25, 0.75]),
    )
    assert moved == pytest.approx(expected, abs=1e-15)
    assert moved != pytest.approx(good, abs=1e-6)


# ----- Theorem C.1: the Normal family's CDF --------------------------------------------------
@pytest.mark.parametrize(("d", "c"), [(0.05, 2), (0.5, 3), (3.0, 5)])
def test_theorem_c1_simplex_mass_is_the_normal_box_probability(d: float, c: int) -> None:
    sd = np.sqrt(d)
    norm = scipy.stats.norm
    first = norm.cdf(1, loc=1, scale=sd) - norm.cdf(0, loc=1, scale=sd)
    other = norm.cdf(1, loc=0, scale=sd) - norm.cdf(0, loc=0, scale=sd)
    lhs, rhs = tc1._simplex_mass({"d": d, "C": c})
    assert float(lhs) == pytest.approx(first * other ** (c - 1), rel=1e-12)
    assert rhs == 1


def test_theorem_c1_simplex_mass_follows_the_family_cdf(monkeypatch) -> None:
    point = {"d": 0.5, "C": 3}
    good = float(tc1._simplex_mass(point)[0])
    true_cdf = Normal.cdf_expression
    # a wrong CDF, F(a) (1 + a) / 2: F(1) stays, F(0) halves
    monkeypatch.setattr(Normal, "cdf_expression", lambda self: true_cdf(self) * (1 + self.a) / 2)
    tc1._unit_interval_mass.cache_clear()
    try:
        bad = float(tc1._simplex_mass(point)[0])
    finally:
        tc1._unit_interval_mass.cache_clear()
    sd = np.sqrt(0.5)
    norm = scipy.stats.norm
    moved = [norm.cdf(1, loc=m, scale=sd) - norm.cdf(0, loc=m, scale=sd) / 2 for m in (1, 0)]
    assert bad == pytest.approx(moved[0] * moved[1] ** 2, rel=1e-12)
    assert bad != pytest.approx(good, rel=1e-3)


# ----- the coin experiment: the Poisson-binomial family's pmf, mean and variance ------------
@pytest.mark.parametrize("n", [2, 3])
def test_coin_experiment_agrees_with_the_poisson_binomial_family(n: int) -> None:
    """The experiment keeps its own exact integer DP (fast, for up to a million inputs); its
    averages must be those of the family's own formulas (pmf, mean, variance), exactly."""
    from hallbound.experiments.coin import coin_exact
    from hallbound.symbolic.families import PoissonBinomial

    sums = {"p_estimate": 0, "p_ceil": 0, "p_round": 0, "p_mode": 0, "bayes_risk": 0}
    inputs = list(itertools.combinations(range(1, 2 * n + 1), n))
    for chosen in inputs:
        family = PoissonBinomial([sp.Rational(i, 2 * n) for i in chosen])
        mass = {k: family.density().subs(family.a, k) for k in range(n + 1)}
        est = family.mean()
        sums["p_estimate"] += mass.get(int(est), 0) if est.is_integer else 0
        sums["p_ceil"] += mass.get(int(sp.ceiling(est)), 0)
        sums["p_round"] += mass.get(int(sp.floor(est + sp.Rational(1, 2))), 0)
        sums["p_mode"] += max(mass.values())
        sums["bayes_risk"] += family.variance()
    got = coin_exact(n).averages
    for name, total in sums.items():
        expected = sp.Rational(total, len(inputs))
        assert got[name].exact == Fraction(int(expected.p), int(expected.q)), name
