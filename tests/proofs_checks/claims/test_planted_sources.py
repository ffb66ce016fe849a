"""Executed bounds are the proved bounds (issue 19, item 9): each shared source that
``hallbound.numeric.bounds.union_bound`` reads is planted with a wrong formula, one at a
time, and ``Theorem 6.1 (corrected)`` is rebuilt from the registry and checked: a step of the
claim (not only a unit test) must turn REFUTED, and with it the claim; where the step's point
cannot be checked against the claim's model relations (``SupDensity``, ``Pr`` of events), the
point where the relation fails is named and withdrawn, and the claim is not PROVED.

The sources: the uniform mean-law record (B2), the union bound's term in
``hallbound.symbolic.union_bound`` (B3: a wrong power of |c|, B4: a dropped factor, B5: a wrong
ball volume); the library's ball volume (C5, which the running bound no longer reads, but the
claim compares the executed term with) and its union bound (C6). Each test
also computes the running bound by hand, with and without the plant (independent values: the
length of [-r, r], the U(-1, 1) density, the coefficients c_ij = p_j - [i = j]). A halved
uniform sup density is planted in ``test_proofs_bounds``.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import sympy as sp
import sympy.stats as st

from hallbound.numeric.bounds import union_bound
from hallbound.proofs_checks.claims import registry
from hallbound.proofs_checks.engine.checker import check_claim
from hallbound.proofs_checks.engine.verdicts import ClaimResult, Verdict
from hallbound.proofs_checks.library import lemma_library
from hallbound.symbolic import mean_laws
from hallbound.symbolic import union_bound as ub

CLAIM = "Theorem 6.1 (corrected)"
#: The audit's case: five equal weights, r = 0.05, unit uniform scales in d = 1.
P, R, SCALE = [0.2] * 5, 0.05, np.ones((5, 1))
#: |c_ij| at the j the bound picks (j = i: 1 - p_i), and the U(-1, 1) density.
C_BEST, G_UNIFORM = 0.8, 0.5
#: The record caches, taken before any plant replaces a function.
_CACHED = (
    mean_laws.standard_moments,
    mean_laws.standard_density,
    mean_laws.standard_cdf,
    mean_laws._derived_sup_density,  # behind standard_sup_density (which reads the plant)
)
#: The link steps: PROVED today, so that a plant that refutes one is seen.
LINKS = (
    "U0 (sup density, uniform)",
    "U0d (draws, uniform)",
    "U0d (draws, laplace, u in (0, 1/2))",
    "U0d (draws, laplace, u in (1/2, 1))",
    "U0i (draws in order, laplace, u = 1/2)",
    "U2a (union bound)",
    "U5b (ball volume)",
    "U5c (ball volume by slicing, d = 1)",
    "U5c (ball volume by slicing, d = 2)",
    "U5c (ball volume by slicing, d = 3)",
    "U7a (executed term)",
)


def _clear() -> None:
    for cached in _CACHED:
        cached.cache_clear()
    ub.log_term.cache_clear()
    registry.all_claims.cache_clear()


@pytest.fixture
def fresh(monkeypatch):
    """Caches cleared before the test and after it (before its plants are undone: nothing
    runs in between, so no planted value stays cached)."""
    _clear()
    yield monkeypatch
    _clear()


def _by_hand(v1: float = 2.0, g: float = G_UNIFORM, c: float = C_BEST) -> float:
    """1 - sum_i V_1 r G / |c|: five equal terms."""
    return 1 - 5 * v1 * R * g / c


def _bound() -> float:
    return float(union_bound(P, R, SCALE, "uniform"))


def _check() -> ClaimResult:
    """The claim as ``hallbound check`` builds it (registry, rebuilt), checked."""
    registry.all_claims.cache_clear()
    (claim,) = registry.find([CLAIM])
    return check_claim(claim, trials=30)


def _verdicts(result: ClaimResult) -> dict[str, Verdict]:
    return {s.step: s.verdict for s in result.steps}


def _refuted_at(result: ClaimResult, step: str) -> None:
    got = _verdicts(result)
    assert got[step] is Verdict.REFUTED, (step, got[step])
    assert result.verdict is Verdict.REFUTED and not result.holds


def _caught_at(result: ClaimResult, step: str) -> None:
    """The plant is caught at ``step``: REFUTED, or a point where the relation fails that
    the checker withdrew because the claim's model relations (``SupDensity(mu_j, d_a) =
    G_j``, ``Pr`` of the covering events, independence) cannot be evaluated there; either
    way the step and the claim are not PROVED."""
    res = next(s for s in result.steps if s.step == step)
    withdrawn = res.verdict is Verdict.UNDECIDED and "withdrawn" in res.method \
        and res.detail.startswith("the relation fails at ")
    assert res.verdict is Verdict.REFUTED or withdrawn, (step, res.verdict, res.method)
    assert result.verdict not in (Verdict.PROVED, Verdict.CERTIFIED) and not result.holds


def _lemma_with(name: str, rhs: sp.Basic) -> lemma_library.Lemma:
    lem = lemma_library.LIBRARY[name]
    lhs, rel, _ = lem.conclusion
    return dataclasses.replace(lem, conclusion=(lhs, rel, rhs))


#: The analysis steps: instances of the trust base's density lemmas, and U7's link from the
#: executed term to the claim (issue 22): PROVED, so the whole claim is PROVED unplanted.
ANALYSIS = (
    "U4 (convolution)",
    "U5 (ball)",
    "U5d (density term)",
    "U7b (term)",
    "U7c (at W_k)",
    "U7 (bound)",
)


def test_unplanted_the_links_are_proved_and_the_claim_is_what_it_was(fresh) -> None:
    assert _bound() == pytest.approx(_by_hand())  # 0.6875
    result = _check()
    got = _verdicts(result)
    assert {s: got[s] for s in LINKS} == {s: Verdict.PROVED for s in LINKS}
    assert {s: got[s] for s in ANALYSIS} == {s: Verdict.PROVED for s in ANALYSIS}
    # every step PROVED: a plant that refutes or demotes any step changes the claim's verdict
    assert result.verdict is Verdict.PROVED and result.chain_closed
    assert set(got.values()) == {Verdict.PROVED}


@pytest.mark.parametrize(
    ("name", "step"),
    [
        ("Sup density (convolution)", "U4 (convolution)"),
        ("Sup density (scaling)", "U4 (convolution)"),
        ("Ball mass", "U5 (ball)"),
    ],
)
def test_a_halved_density_lemma_demotes_the_claim(fresh, name: str, step: str) -> None:
    """The trust base's density lemmas with a bound half as large (false: the pinned tight
    cases refute it): the step citing the lemma rests on an assumption, and the claim is no
    longer PROVED. The running bound does not read these lemmas (no change)."""
    from hallbound.proofs_checks.library import lemma_audit

    lhs, rel, rhs = lemma_library.LIBRARY[name].conclusion
    fresh.setitem(lemma_library.LIBRARY, name, _lemma_with(name, rhs / 2))
    lemma_audit.clear_cache()
    _clear()
    assert _bound() == pytest.approx(_by_hand())
    result = _check()
    # no longer PROVED: ASSUMED (the failing lemma named), or UNDECIDED when the step's own
    # proof needed the lemma's conclusion (U5 since the engine refuses premise solutions
    # whose denominator may vanish)
    assert _verdicts(result)[step] in (Verdict.ASSUMED, Verdict.UNDECIDED)
    assert result.verdict is not Verdict.PROVED and not result.holds
    lemma_audit.clear_cache()


def test_b2_uniform_record_on_twice_the_support(fresh) -> None:
    """The record's variable U(-2, 2) (density and sup density 1/4 follow it), its draws
    still 2u - 1: the bound rises to 0.84375 and the draws' step is refuted."""
    wrong = dataclasses.replace(
        mean_laws.KINDS["uniform"], variable=lambda: st.Uniform("xi", -2, 2)
    )
    fresh.setitem(mean_laws.KINDS, "uniform", wrong)
    _clear()
    assert _bound() == pytest.approx(_by_hand(g=0.25))
    result = _check()
    assert _verdicts(result)["U0 (sup density, uniform)"] is Verdict.PROVED  # f <= G still
    _refuted_at(result, "U0d (draws, uniform)")


def test_b3_union_bound_term_with_a_wrong_power_of_c(fresh) -> None:
    def wrong() -> sp.Expr:
        return ub.ball_volume(ub.DIM, ub.RADIUS) * ub.SUP / ub.COEF ** (ub.DIM - 1)

    fresh.setattr(ub, "term", wrong)
    _clear()
    assert _bound() == pytest.approx(_by_hand(c=1.0))  # |c|^0: 0.75
    _caught_at(_check(), "U7a (executed term)")


def test_b4_union_bound_term_without_pi_to_the_d_half(fresh) -> None:
    true_term = ub.term
    fresh.setattr(ub, "term", lambda: true_term().xreplace({sp.pi: sp.Integer(1)}))
    _clear()
    v1 = 1 / float(sp.gamma(sp.Rational(3, 2)))  # 2/sqrt(pi) instead of 2
    assert _bound() == pytest.approx(_by_hand(v1=v1))  # 0.8237
    _caught_at(_check(), "U7a (executed term)")


def test_c5_ball_volume_with_gamma_of_d_half(fresh) -> None:
    """The library's ball volume pi^(d/2) r^d / Gamma(d/2): the running bound does not read
    the library (its term is ``hallbound.symbolic.union_bound``'s, unchanged), slicing refutes
    the lemma at d = 1, and the link between the executed and the proved term is not proved."""
    lem = lemma_library.LIBRARY["Ball volume"]
    rhs = lem.conclusion[2]
    (gamma,) = rhs.atoms(sp.gamma)
    fresh.setitem(
        lemma_library.LIBRARY,
        "Ball volume",
        _lemma_with("Ball volume", rhs.xreplace({gamma: sp.gamma(gamma.args[0] - 1)})),
    )
    _clear()
    assert _bound() == pytest.approx(_by_hand())  # 0.6875, as unplanted
    result = _check()
    _caught_at(result, "U5c (ball volume by slicing, d = 1)")
    u7a = next(s for s in result.steps if s.step == "U7a (executed term)")
    assert u7a.verdict in (Verdict.REFUTED, Verdict.ASSUMED) or (
        u7a.verdict is Verdict.UNDECIDED and "withdrawn" in u7a.method)


def test_b5_executed_ball_volume_with_gamma_of_d_half(fresh) -> None:
    """The executed term's ball volume pi^(d/2) r^d / Gamma(d/2) (V_1 becomes 1): the running
    bound reads it and the link to the library's proved term refutes it."""
    right = ub.ball_volume
    fresh.setattr(ub, "ball_volume", lambda d, r: right(d, r) * (d / 2))
    _clear()
    assert _bound() == pytest.approx(_by_hand(v1=1.0))  # 0.84375
    _caught_at(_check(), "U7a (executed term)")


def test_c6_union_bound_lemma_with_a_product(fresh) -> None:
    """The library's family union bound with a product: the displayed U2a, computed on exact
    discrete mean laws, is refuted. The running bound sums its terms itself (no change)."""
    rhs = lemma_library.LIBRARY["Union bound (family)"].conclusion[2]
    fresh.setitem(
        lemma_library.LIBRARY,
        "Union bound (family)",
        _lemma_with("Union bound (family)", sp.Product(rhs.function, *rhs.limits)),
    )
    _clear()
    assert _bound() == pytest.approx(_by_hand())
    _refuted_at(_check(), "U2a (union bound)")


# ----- the executed function itself -----------------------------------------------------
@pytest.mark.parametrize("d", [1, 2, 3, 7, 400])
def test_log_term_is_log_ball_volume_times_g_over_c(d: int) -> None:
    """log(V_d r^d G / |c|^d) with log V_d from SciPy's gammaln (independent of the claim),
    including d = 400, where Gamma(d/2 + 1) overflows a float."""
    from scipy.special import gammaln

    r, log_g, log_c = 1.3, -0.7, np.log(0.4)
    log_v = d / 2 * np.log(np.pi) - gammaln(d / 2 + 1)
    expected = log_v + d * np.log(r) + log_g - d * log_c
    assert ub.log_term()(d, r, log_g, log_c) == pytest.approx(expected, rel=1e-12)


def test_high_dimension_bound_is_not_one_when_every_state_is_close() -> None:
    """d = 400, unit uniform scales, r = 100: |A* - mu_i| <= |mu_1 - mu_2| / 2 <= 20 < r for
    both states, so P_H = 0; the density term is >= 1 and the bound must be 0 (with
    Gamma overflowing, log V_d was -inf and the bound 1)."""
    assert union_bound([0.5, 0.5], 100.0, np.ones((2, 400)), "uniform") == 0.0
    assert union_bound([0.5, 0.5], 100.0, np.ones((2, 400)), "normal") == 0.0
