"""The corrected claims of Section 5 and Appendix C: which close, why the others do not, and
planted false variants (a flipped relation, a doubled constant, a premise edited together with
its step) that must not be PROVED or CERTIFIED. The Normal density the claims use is the one
of ``symbolic/families/normal.py``, checked here against SciPy."""

from __future__ import annotations

import dataclasses
from functools import cache

import mpmath
import numpy as np
import pytest
import sympy as sp
from scipy.stats import multivariate_normal

from hallbound.proofs_checks import Verdict, check_claim, check_step
from hallbound.proofs_checks.claims.bad_estimations import corrected as cc
from hallbound.proofs_checks.claims.bad_estimations import theorem_5_2 as t52
from hallbound.proofs_checks.claims.common import d_a, delta, eps, gauss_pdf
from hallbound.proofs_checks.claims.registry import find
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step

CLOSING = (
    "Theorem 5.1 (corrected)",
    "Corollary 5.2.1 (corrected)",
    "Theorem 5.2 (corrected)",
    "Theorem C.1 (corrected)",
)


@cache
def _result(name: str):
    return check_claim(find([name])[0], trials=20)


def _claim(name: str) -> Claim:
    return find([name])[0]


def _with_step(claim: Claim, name: str, **changes) -> tuple[Claim, Step]:
    """The claim with one step replaced by an edited copy (other steps unchanged)."""
    steps = [dataclasses.replace(s, **changes) if s.name == name else s for s in claim.steps]
    new = dataclasses.replace(claim, steps=steps)
    return new, next(s for s in steps if s.name == name)


def _earlier(claim: Claim, name: str) -> dict:
    """Results of the steps before ``name`` (so cited steps are available)."""
    done = {}
    for s in claim.steps:
        if s.name == name:
            break
        done[s.name] = check_step(claim, s, trials=20, earlier=done)
    return done


def _verdict(claim: Claim, step: Step) -> Verdict:
    return check_step(claim, step, trials=20, earlier=_earlier(claim, step.name)).verdict


# ----- one source: the Normal density --------------------------------------------------------
def test_gauss_pdf_is_the_normal_density() -> None:
    rng = np.random.default_rng(7)
    for d in (1, 2, 3):
        a = rng.normal(size=(d, d))
        cov = a @ a.T + d * np.eye(d)
        mean, x = rng.normal(size=d), rng.normal(size=d)
        got = gauss_pdf(mpmath.matrix(x.tolist()), mpmath.matrix(mean.tolist()),
                        mpmath.matrix(cov.tolist()))
        assert float(got) == pytest.approx(multivariate_normal(mean, cov).pdf(x), rel=1e-12)


def test_theorem_5_1_b6a_is_computed_from_the_formula() -> None:
    claim = _claim("Theorem 5.1")
    step = next(s for s in claim.steps if s.name == "B.6a")
    assert isinstance(step.lhs, sp.Basic)  # no longer a text step
    assert check_step(claim, step).verdict is Verdict.PROVED
    # a wrong stated formula (det^(+1/2)) is not proved
    bad = dataclasses.replace(step, rhs=step.rhs * sp.Determinant(sp.MatrixSymbol(
        "Sigma_N", d_a, d_a)))
    assert check_step(claim, bad).verdict not in (Verdict.PROVED, Verdict.CERTIFIED)


# ----- closing claims ------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", CLOSING)
def test_corrected_claim_closes(name: str) -> None:
    res = _result(name)
    assert res.chain_closed, res.chain
    assert res.verdict is Verdict.PROVED
    assert all(s.verdict is Verdict.PROVED for s in res.steps)
    assert all(not s.assumed for s in res.steps)


@pytest.mark.slow
def test_theorem_c1_corrected_rests_on_lemma_instances_only() -> None:
    """Issue 22: Gibbs' inequality from ln x <= x - 1 at x = p(t)/qbar(t) (a proved step, used
    at every index), and E[q(i) | Z_j] <= rho from the trust base's monotonicity of
    expectation and E[c] = c under the conditional law; nothing ASSUMED."""
    res = _result("Theorem C.1 (corrected)")
    assert res.chain_closed and res.verdict is Verdict.PROVED and not res.assumed
    by = {s.step: s for s in res.steps}
    assert by["C.1b (Gibbs)"].cites == ["C.1b (log bound)"]
    assert by["C.1b (log bound)"].method.startswith("calculus")
    lemmas = " ".join(by["C.2'' (conditional mean)"].lemmas)
    assert "Monotonicity (expectations)" in lemmas and "Expectation of a constant" in lemmas


def test_theorem_c1_gibbs_needs_its_premise() -> None:
    """The Gibbs step without the instance of ln x <= x - 1 is not proved (the sum of
    qbar log(p/qbar) has no sign without it)."""
    claim = _claim("Theorem C.1 (corrected)")
    c1, s1 = _with_step(claim, "C.1b (Gibbs)", premises=())
    assert _verdict(c1, s1) not in (Verdict.PROVED, Verdict.CERTIFIED)
    # a stronger premise, log p - log qbar <= -p/qbar - 1, is no instance of ln x <= x - 1
    step = next(s for s in claim.steps if s.name == "C.1b (Gibbs)")
    (prem,) = step.premises
    lhs, rhs = prem.relation.lhs, prem.relation.rhs
    bad = dataclasses.replace(prem, relation=sp.Le(lhs, -rhs - 2))
    c2, s2 = _with_step(claim, "C.1b (Gibbs)", premises=(bad,))
    assert _verdict(c2, s2) not in (Verdict.PROVED, Verdict.CERTIFIED)


def test_reverse_triangle_step_comes_from_the_library() -> None:
    claim = _claim("Theorem 5.2 (corrected)")
    step = next(s for s in claim.steps if s.name == "B.3a'")
    res = check_step(claim, step)
    assert res.verdict is Verdict.PROVED and "Triangle (norm)" in res.method
    assert any("Triangle (norm)" in x for x in res.lemmas)


# ----- planted false variants ----------------------------------------------------------------
def test_theorem_5_1_corrected_false_variants() -> None:
    claim = _claim("Theorem 5.1 (corrected)")
    # a tripled constant: 3 (2 pi)^(-d_a/2) delta <= delta fails for d_a = 1 (3/sqrt(2 pi)
    # = 1.197); a doubled one holds for every integer d_a >= 1 (2/sqrt(2 pi) = 0.798)
    c2, s2 = _with_step(claim, "B.4e'", lhs=3 * cc.TWO_PI * delta)
    assert _verdict(c2, s2) not in (Verdict.PROVED, Verdict.CERTIFIED)
    # the other case with its premise edited to det > delta^-2 / 4 (the claim still states
    # det > delta^-2): the edited premise is not backed
    edited = Premise(sp.Gt(cc.DET_LARGE, delta**-2 / 4), by="hypothesis", solve_for=cc.DET_LARGE)
    c3, s3 = _with_step(claim, "B.4' (other case)", premises=(edited,))
    assert _verdict(c3, s3) not in (Verdict.PROVED, Verdict.CERTIFIED)
    # the case assumption flipped: det <= delta^-2 no longer backs B.1'
    flipped = dataclasses.replace(claim, assumptions=[
        sp.Ge(sp.log(cc.DET_SMALL), -2 * sp.log(delta)), *claim.assumptions[1:]])
    step = next(s for s in flipped.steps if s.name == "B.1' (m_i real)")
    assert _verdict(flipped, step) not in (Verdict.PROVED, Verdict.CERTIFIED)


def test_theorem_5_2_corrected_false_variants() -> None:
    claim = _claim("Theorem 5.2 (corrected)")
    # the reverse triangle flipped: ||mu|| - ||v0|| >= ||v0 - mu|| does not follow
    c1, s1 = _with_step(claim, "B.3a'", rel=">=")
    assert _verdict(c1, s1) not in (Verdict.PROVED, Verdict.CERTIFIED)
    # the false step sqrt(-2 ln delta) + eps <= ||mu_i|| - ||v0||, with the hypothesis on
    # ||mu_i|| edited to ||mu_i|| >= sqrt(-2 ln delta) + 2 eps so that SymPy derives it: the
    # claim only states ||mu_i|| >= sqrt(-2 ln delta) + eps
    strong = Premise(sp.Ge(t52.MU_NORM, t52.S + 2 * eps), by="hypothesis",
                     solve_for=t52.MU_NORM)
    keep = Premise(sp.Le(t52.B_SYM, eps), by="hypothesis", solve_for=t52.B_SYM)
    c2, s2 = _with_step(claim, "B.3c'", premises=(keep, strong), lhs=t52.S + eps)
    assert _verdict(c2, s2) not in (Verdict.PROVED, Verdict.CERTIFIED)
    # the conclusion with delta / 4 (false at d_a = 1: (2 pi)^(-1/2) > 1/4)
    c3, s3 = _with_step(claim, "B.3 (conclusion)'", rhs=delta / 4)
    assert _verdict(c3, s3) not in (Verdict.PROVED, Verdict.CERTIFIED)


def test_corollary_5_2_1_corrected_false_variant() -> None:
    claim = _claim("Corollary 5.2.1 (corrected)")
    # Lemma B.1's statement flipped: l(A*) - l(E[A]) <= 0 is false for A* != E[A]
    c1, s1 = _with_step(claim, "C.1' (Lemma B.1 at X_j)", rel="<=")
    assert _verdict(c1, s1) not in (Verdict.PROVED, Verdict.CERTIFIED)


def test_theorem_c1_corrected_false_variants() -> None:
    claim = _claim("Theorem C.1 (corrected)")
    rho = next(p.symbol for s in claim.steps for p in s.params if p.name == "rho")
    # the corner premise edited to q(j) >= 1 - rho/2 together with the step q(i) <= rho/2
    step = next(s for s in claim.steps if s.name == "C.2' (other corners)")
    qi, qj = step.lhs, step.premises[1].relation.lhs  # q(i), q(j) under Z_j (random)
    edited = (step.premises[0], Premise(sp.Ge(qj, 1 - rho / 2), by="hypothesis", solve_for=qj))
    c1, s1 = _with_step(claim, "C.2' (other corners)", rhs=rho / 2, premises=edited)
    assert _verdict(c1, s1) not in (Verdict.PROVED, Verdict.CERTIFIED)
    # the step flipped: q(i) >= rho
    c2, s2 = _with_step(claim, "C.2' (other corners)", rel=">=")
    assert _verdict(c2, s2) not in (Verdict.PROVED, Verdict.CERTIFIED)
    assert qi in step.lhs.free_symbols


def test_chain_opens_without_the_conclusion_step() -> None:
    claim = _claim("Theorem 5.2 (corrected)")
    cut = dataclasses.replace(
        claim, steps=[s for s in claim.steps if s.name != "B.3 (conclusion)'"])
    res = check_claim(cut, trials=10)
    assert not res.chain_closed and res.chain.startswith("chain open")
    assert res.verdict not in (Verdict.PROVED, Verdict.CERTIFIED)
