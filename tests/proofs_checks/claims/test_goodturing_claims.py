"""Corollary 3 of Kalai et al. (2025) on lemma instances (issue 22): PROVED with its chain
closed on the paper's symbolic statement, resting only on trust-base lemmas; the statement
itself checked on exact laws of small samples."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate.goodturing_cor3 import (
    BOUND,
    GOOD,
    corollary_3,
)
from hallbound.proofs_checks.engine.verdicts import Verdict
from hallbound.proofs_checks.library.lemmas_concentration import (
    G_SYM,
    M_SYM,
    laws_up_to,
    sample_law,
)
from hallbound.proofs_checks.library.randomness import Pr

N, GAMMA = sp.Symbol("N", positive=True, integer=True), sp.Symbol("gamma", positive=True)


def test_the_statement_is_the_papers_relation() -> None:
    c = corollary_3()
    ((lhs, op, rhs),) = c.conclusion
    assert op == ">=" and sp.simplify(rhs - (1 - GAMMA)) == 0
    # Pr[|M - GT| <= 1/N + 2.42 sqrt(ln(4/gamma)/N)], the constant as the paper prints it
    assert lhs == Pr(GOOD)
    at = {N: 7, GAMMA: sp.Rational(1, 10)}
    assert math.isclose(float(BOUND.subs(at)), 1 / 7 + 2.42 * math.sqrt(math.log(40) / 7))


def test_the_statement_holds_on_exact_laws_of_small_samples() -> None:
    for nu in laws_up_to(3, denom=4):
        for n in (1, 2, 5):
            law = sample_law(nu, n)
            for gamma in (Fraction(1, 100), Fraction(1, 2), Fraction(1)):
                bound = 1 / n + 2.42 * math.sqrt(math.log(4 / gamma) / n)
                ok = sum((q for a, q in law.outcomes() if abs(a[M_SYM] - a[G_SYM]) <= bound),
                         Fraction(0))
                assert ok >= 1 - gamma


@pytest.mark.slow  # about a minute: every step of the claim, the trust-base audit first
def test_corollary_3_is_proved_on_lemma_instances_only() -> None:
    from hallbound.proofs_checks.engine.checker import check_claim

    res = check_claim(corollary_3())
    assert res.verdict is Verdict.PROVED and res.chain_closed, res.chain
    assert not res.assumed
    assert {s.verdict for s in res.steps} == {Verdict.PROVED}
    used = " ".join(res.lemmas)
    for name in ("Good-Turing bias", "Missing mass (upper tail)", "Missing mass (lower tail)",
                 "Good-Turing (upper tail)", "Good-Turing (lower tail)",
                 "Union bound (triangle)", "Monotonicity", "Total probability"):
        assert name in used, name


def _realizations(max_n: int = 4):
    """Every sample of n <= max_n draws (with its probability) of Arbitrary-Facts instances
    with 1-2 prompts, |R_c| = 2, mu and alpha on a grid (the answer a_c = 0)."""
    import itertools

    from hallbound.symbolic.why_hallucinate.facts import Facts

    grid = (Fraction(0), Fraction(1, 2), Fraction(1))
    for mu in ((Fraction(1),), (Fraction(1, 3), Fraction(2, 3))):
        for alpha in itertools.product(grid, repeat=len(mu)):
            outcomes = [((c, 0), mu[c] * alpha[c]) for c in range(len(mu))] + [
                ((c, -1), mu[c] * (1 - alpha[c])) for c in range(len(mu))]
            outcomes = [o for o in outcomes if o[1] > 0]
            for n in range(1, max_n + 1):
                for seq in itertools.product(outcomes, repeat=n):
                    pr = math.prod((q for _, q in seq), start=Fraction(1))
                    yield Facts(mu, (2,) * len(mu), alpha, (0,) * len(mu),
                                tuple(o for o, _ in seq)), pr


def test_lemma_1_model_relations_hold_on_every_enumerated_realization() -> None:
    # the stated relations of Lemma 1 (the paper's steps 1-3), on every sample of n <= 4:
    # M' = MM + phi0 [IDK not in s'], sr <= GT' <= sr + 1/N, MM and sr in [0, 1]
    tight = {"idk once": False, "idk missed": False}
    for f, _ in _realizations():
        missed = f.phi0() if "IDK" not in f.mapped() else Fraction(0)
        assert f.missing_mass_mapped() == f.missing_mass() + missed
        assert f.sr() <= f.good_turing_mapped() <= f.sr() + Fraction(1, f.n)
        assert 0 <= f.missing_mass() <= 1 and 0 <= f.sr() <= 1
        tight["idk once"] |= f.good_turing_mapped() == f.sr() + Fraction(1, f.n)
        tight["idk missed"] |= missed > 0
    assert all(tight.values()), tight  # both corrections occur: neither relation is slack


def test_lemma_1_statement_holds_on_every_enumerated_realization() -> None:
    for gamma in (Fraction(1, 100), Fraction(1, 2), Fraction(1)):
        ok: dict[tuple, Fraction] = {}
        for f, pr in _realizations(3):
            key = (f.mu, f.alpha, f.n)
            bound = 4.42 * math.sqrt(math.log(5 / gamma) / f.n)
            ok[key] = ok.get(key, Fraction(0)) + (pr if abs(f.missing_mass() - f.sr()) <= bound
                                                   else 0)
        assert all(v >= 1 - gamma for v in ok.values()), gamma


@pytest.mark.slow  # about a minute: Corollary 3 is checked first (it is cited)
def test_lemma_1_is_proved_citing_corollary_3_and_closes() -> None:
    from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma1 import lemma_1
    from hallbound.proofs_checks.engine.checker import check_claim

    res = check_claim(lemma_1())
    by = {s.step: s for s in res.steps}
    assert res.verdict is Verdict.PROVED and res.chain_closed, res.chain
    assert not res.assumed
    assert by["8 (Corollary 3)"].method.startswith("from Corollary 3")
    assert {"5", "8 (failure)"} <= set(by["9 (union bound)"].cites)
    assert by["10 (failure)"].method.startswith("from Monotonicity")
    assert {s.verdict for s in res.steps} == {Verdict.PROVED}


def test_lemma_1_with_a_smaller_constant_is_not_proved() -> None:
    # 3 instead of 4.42: the events no longer imply each other (z3 finds the gap), so the
    # Monotonicity step rests on an unproved hypothesis
    import dataclasses

    from hallbound.proofs_checks.claims.why_hallucinate import goodturing_lemma1 as l1
    from hallbound.proofs_checks.engine.checker import check_step

    stmt = sp.Le(sp.Abs(l1.MM - l1.SR), 3 * sp.sqrt(sp.log(5 / GAMMA) / N))
    good = l1.lemma_1()
    step = next(s for s in good.steps if s.name == "10 (failure)")
    bad = sp.Not(stmt)
    either = step.lemmas[0].hypotheses[0].rhs
    from hallbound.proofs_checks.library.lemma_library import lemma

    planted = dataclasses.replace(step, lhs=Pr(bad),
                                  lemmas=(lemma("Monotonicity", A=bad, B=either),))
    res = check_step(good, planted, earlier={})
    assert res.verdict is Verdict.ASSUMED
    assert any("Monotonicity hypothesis" in a for a in res.assumed), res.assumed
    ok = check_step(good, step, earlier={})  # the paper's 4.42 (premise uncited here)
    assert not any("Monotonicity hypothesis" in a for a in ok.assumed), ok.assumed


def test_lemma_2_conditional_sum_is_met_by_the_law_of_the_answers() -> None:
    # the stated relation of steps 9-10: given the data (mu', f-hat fixed), S = sum_U mu'(c)
    # gamma_c with gamma_c in [0, 1] independent (a_c uniform on R_c, |R_c| = 2 here) and
    # E[S | data] = MM/2, exactly, for every labelling f-hat of two unanswered prompts
    import itertools

    from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2 import _gamma_values
    from hallbound.proofs_checks.library.audit_tails import cond_sum_law
    from hallbound.proofs_checks.library.lemma_checks import _values
    from hallbound.proofs_checks.library.lemmas_tails import conditional_sum_holds, term, weight

    mup = (Fraction(1, 5), Fraction(1, 2))
    s = sum(weight(i + 1) * term(i + 1) for i in range(2))
    v = sum(weight(i + 1) ** 2 for i in range(2))
    half_mm = sp.Rational(sum(mup), 2)
    count = 0
    for labels in itertools.product(itertools.product((True, False), repeat=2), repeat=2):
        terms = [[(tuple(_gamma_values(lab)), Fraction(1, 2)) for lab in labels]]
        law = cond_sum_law((Fraction(1),), [list(mup)], terms)
        assert conditional_sum_holds(sp.Tuple(s, half_mm, v), law,
                                     lambda e, law=law: _values(e, law, {}))
        wrong = sp.Tuple(s, half_mm + sp.Rational(1, 10), v)  # not the conditional mean
        assert not conditional_sum_holds(wrong, law, lambda e, law=law: _values(e, law, {}))
        count += 1
    assert count == 16


def test_lemma_2_and_theorem_2_model_relations_hold_on_every_enumerated_realization() -> None:
    # Lemma 2's err_iiv >= S = sum_U mu' gamma_c >= 0 (steps 7-8) for every algorithm;
    # Theorem 2's err >= 2 err_iiv - 2/K - delta (Theorem 1, k = 2) and, for the calibrated
    # algorithm, err_cal <= MM L/(L+1) (UB 1-3), on every sample of n <= 3
    from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2 import (
        _l2_rhs7,
        _l2_step9,
    )
    from hallbound.symbolic.why_hallucinate.facts import ALGORITHMS

    tight = False
    for f, _ in _realizations(3):
        unanswered = f.unanswered()
        mm = f.missing_mass()  # step 5: MM = sum_U mu'(c)
        assert mm == sum((f.mu_prime(c) for c in unanswered), Fraction(0))
        # step 11 summed: V = sum_U mu'^2 <= max_U mu' MM <= MaxMissed(N) MM (the pairs of U
        # are values s' misses)
        top = max((f.mu_prime(c) for c in unanswered), default=Fraction(0))
        missed = [f.mu_prime(c) for c in unanswered]
        if "IDK" not in f.mapped():
            missed.append(f.phi0())
        assert sum((f.mu_prime(c) ** 2 for c in unanswered), Fraction(0)) <= top * mm
        assert top <= max(missed, default=Fraction(0))
        lik_changed, lik = _l2_step9(f)  # step 9: the data do not depend on a_c, c in U
        assert lik_changed == lik
        for alg in ALGORITHMS:
            inst = f.model(alg)
            s = _l2_rhs7(f, inst)
            assert inst.err_iiv() >= s >= 0, (alg, f)
            assert inst.err() >= inst.theorem1_rhs(), (alg, f)
        cal = f.model("calibrated")
        assert cal.err() <= f.missing_mass() * Fraction(cal.L, cal.L + 1)
        tight |= cal.err() == f.missing_mass() * Fraction(cal.L, cal.L + 1) > 0
    assert tight  # the calibrated bound is reached: the stated relation is not slack


@pytest.mark.slow  # about 4 min: Corollary 3 and Lemma 1 are checked first (cited)
def test_lemma_2_closes_on_trust_base_lemmas_with_no_sampled_step() -> None:
    from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2 import lemma_2
    from hallbound.proofs_checks.engine.checker import check_claim

    res = check_claim(lemma_2())
    by = {s.step: s for s in res.steps}
    assert not res.assumed
    assert res.chain_closed, res.chain
    assert {"6", "12 (Hoeffding)"} <= set(by["14 (union bound)"].cites)
    assert by["1 (Lemma 1)"].verdict is Verdict.PROVED
    assert by["1 (Lemma 1)"].method.startswith("from Lemma 1")
    # the heavy prompts (6) and the conditional Hoeffding tail (12) rest on the trust base
    assert by["6 (lemma)"].method.startswith("from Missed heavy value (union)")
    assert by["12 (Hoeffding)"].method.startswith("from Hoeffding (conditional)")
    for name in ("6", "12 (Hoeffding)", "14 (union bound)", "Lemma 2"):
        assert by[name].verdict is Verdict.PROVED, (name, by[name].method)
    assert not any(s.verdict is Verdict.SUPPORTED for s in res.steps)
    assert by["Lemma 2 (N = 1)"].verdict in (Verdict.PROVED, Verdict.CERTIFIED)
    assert res.verdict.holds


@pytest.mark.slow  # about 5 min: Corollary 3, Lemma 1 and Lemma 2 are checked first (cited)
def test_theorem_2_both_bounds_hold_and_the_lower_bound_cites_lemma_2() -> None:
    from hallbound.proofs_checks.claims.why_hallucinate.goodturing_theorem2 import theorem_2
    from hallbound.proofs_checks.engine.checker import check_claim

    res = check_claim(theorem_2())
    by = {s.step: s for s in res.steps}
    assert res.chain_closed, res.chain
    assert not res.assumed
    assert by["UB"].verdict is Verdict.PROVED and by["UB (Lemma 1)"].verdict is Verdict.PROVED
    assert by["UB 7"].verdict is Verdict.PROVED
    assert by["LB (Lemma 2)"].verdict.holds  # Lemma 2's own verdict (CERTIFIED: its N = 1)
    assert by["LB"].verdict.holds
    assert res.verdict.holds
