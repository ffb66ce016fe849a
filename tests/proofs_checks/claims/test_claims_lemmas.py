"""Lemmas B.2-B.6 under the earned-verdict engine: the closing ones close through library
lemmas, planted false variants do not reach PROVED, and the law checks compute the displayed
relation itself (checked against hand computations in exact fractions)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks import Verdict, check_claim, check_step
from hallbound.proofs_checks.claims.laws import joint_mean_case
from hallbound.proofs_checks.claims.registry import find
from hallbound.proofs_checks.engine.law_checks import LawCase, law_check, single_law, write_out
from hallbound.proofs_checks.engine.probability import run_law_check
from hallbound.proofs_checks.library.randomness import E, JointLaw, Pr, Var, random_symbol

CLOSING = ("Lemma B.3", "Lemma B.4", "Lemma B.6", "Lemma B.2 (corrected)")


def _claim(name: str):
    return find([name])[0]


def _step(claim, name: str):
    return next(s for s in claim.steps if s.name == name)


def _with_step(claim, name: str, **changes):
    steps = [dataclasses.replace(s, **changes) if s.name == name else s for s in claim.steps]
    return dataclasses.replace(claim, steps=steps)


def _sym(claim, name: str):
    found = {str(s): s for s in claim.definitions} | {p.name: p.symbol for p in claim.hypotheses}
    return found[name]


@pytest.fixture(scope="module")
def results():
    return {n: check_claim(_claim(n), trials=30) for n in (*CLOSING, "Lemma B.2")}


@pytest.mark.parametrize("name", CLOSING)
def test_closing_claims_close_with_every_step_proved(results, name) -> None:
    res = results[name]
    assert res.chain_closed, res.chain
    assert res.verdict is Verdict.PROVED
    assert all(s.verdict is Verdict.PROVED and not s.assumed for s in res.steps)
    assert all(s.lemmas for s in res.steps if s.step != "B.4a")  # every step cites the library


def test_lemma_b2_as_stated_stays_refuted(results) -> None:
    res = results["Lemma B.2"]
    assert res.verdict is Verdict.REFUTED
    w = res.steps[0].witness
    theta = Fraction(w["theta"]).limit_denominator(100)

    def law(d):
        return [Fraction(a).limit_denominator(100) for a in d["atoms"]], [
            Fraction(q) for q in d["probs"]
        ]

    (ta, tp), (za, zp) = law(w["T"]), law(w["Z"])
    et = sum(a * q for a, q in zip(ta, tp, strict=True))
    tail = sum(q for a, q in zip(ta, tp, strict=True) if a > theta * et)
    ez = sum(a * q for a, q in zip(za, zp, strict=True))
    ez2 = sum(a * a * q for a, q in zip(za, zp, strict=True))
    assert tail < (1 - theta) ** 2 * ez**2 / ez2  # the bound with Z fails


@pytest.mark.slow
def test_lemma_b5_closes_through_library_lemmas() -> None:
    res = check_claim(_claim("Lemma B.5"), trials=20)
    assert res.chain_closed and "B.5a" in res.chain
    by = {s.step: s for s in res.steps}
    for s in res.steps:
        assert s.verdict is Verdict.PROVED, (s.step, s.method)
    assert "Markov" in by["B.5a"].lemmas[0] and "Cauchy-Schwarz" in by["B.5d (pointwise)"].lemmas[0]
    assert "Monotonicity (expectations)" in by["B.5d"].lemmas[0]
    assert "Linearity (constant factor)" in by["B.5e"].lemmas[0]
    assert res.verdict is Verdict.PROVED


def test_lemma_b5d_without_its_pointwise_step_is_not_proved() -> None:
    # the monotonicity of E needs X <= Y at every outcome: that is the cited pointwise
    # Cauchy-Schwarz step; without the citation the lemma's hypothesis is not backed
    claim = _claim("Lemma B.5")
    step = _step(claim, "B.5d")
    lone = dataclasses.replace(step, cites=())
    res = check_step(claim, lone, trials=10)
    # only the exact law search stands: SUPPORTED, and the unbacked hypothesis is named
    assert res.verdict is Verdict.SUPPORTED and res.trials
    assert "Monotonicity (expectations) hypothesis" in res.detail


# ----- planted false variants ----------------------------------------------------------------
def test_chebyshev_with_a_quarter_of_the_variance_is_refuted() -> None:
    claim = _claim("Lemma B.3")
    step = _step(claim, "B.3")
    t = random_symbol("T")
    a = _sym(claim, "a")
    rhs = Var(t) / (4 * a**2)
    sample = single_law(t, env=lambda rng, law: {a: Fraction(int(rng.integers(1, 9)), 2)})
    bad = _with_step(claim, "B.3", rhs=rhs, law=law_check(step.lhs, rhs, sample, trials=150))
    res = check_claim(bad, trials=30)
    s = res.steps[0]
    assert s.verdict is Verdict.REFUTED and not res.holds
    atoms = [Fraction(x).limit_denominator(100) for x in s.witness["T"]["atoms"]]
    probs = [Fraction(q) for q in s.witness["T"]["probs"]]
    av = Fraction(s.witness["a"]).limit_denominator(100)
    mean = sum(p * x for p, x in zip(probs, atoms, strict=True))
    var = sum(p * (x - mean) ** 2 for p, x in zip(probs, atoms, strict=True))
    tail = sum(p for p, x in zip(probs, atoms, strict=True) if abs(x - mean) >= av)
    assert tail > var / (4 * av**2)


def test_chebyshev_flipped_is_not_proved() -> None:
    claim = _claim("Lemma B.3")
    res = check_claim(_with_step(claim, "B.3", rel=">="), trials=30)
    assert res.steps[0].verdict not in (Verdict.PROVED, Verdict.CERTIFIED)
    assert not res.holds


def test_cauchy_with_a_doubled_side_is_not_proved() -> None:
    claim = _claim("Lemma B.4")
    b = _sym(claim, "B")
    res = check_claim(_with_step(claim, "B.4b", lhs=2 * b**2), trials=30)
    assert _verdict(res, "B.4b") not in (Verdict.PROVED, Verdict.CERTIFIED)
    assert not res.chain_closed and not res.holds
    # independent: x = y = (1) gives 2 B^2 = 2 > 1 = A C
    assert 2 * 1**2 > 1 * 1


def test_cauchy_reversed_conclusion_does_not_close() -> None:
    claim = _claim("Lemma B.4")
    (lhs, _, rhs), = claim.conclusion
    res = check_claim(dataclasses.replace(claim, conclusion=[(lhs, ">=", rhs)]), trials=30)
    assert not res.chain_closed and not res.holds


def test_paley_zygmund_without_the_square_is_not_proved() -> None:
    claim = _claim("Lemma B.6")
    theta, kappa = _sym(claim, "theta"), _sym(claim, "K_i")
    step = dataclasses.replace(_step(claim, "B.6b"), rhs=(1 - theta) * kappa)
    assert check_step(claim, step, trials=30).verdict not in (Verdict.PROVED, Verdict.CERTIFIED)


def test_paley_zygmund_hypothesis_must_be_backed() -> None:
    # without the claim's assumption E(mu_i - mu_0)^4 > 0 the lemma's hypothesis is unbacked
    claim = dataclasses.replace(_claim("Lemma B.6"), assumptions=[])
    s = check_step(claim, _step(claim, "B.6b"), trials=30)
    assert s.verdict not in (Verdict.PROVED, Verdict.CERTIFIED)
    assert "Paley-Zygmund hypothesis: E((mu_i - mu_0)**4) > 0" in s.detail + "".join(s.assumed)


def test_corrected_b2_with_theta_beyond_one_is_not_proved() -> None:
    claim = _claim("Lemma B.2 (corrected)")
    theta = claim.hypotheses[0]
    wide = dataclasses.replace(theta, hi=2)
    step = dataclasses.replace(claim.steps[0], params=[wide])
    res = check_claim(dataclasses.replace(claim, hypotheses=[wide], steps=[step]), trials=30)
    s = res.steps[0]
    assert s.verdict not in (Verdict.PROVED, Verdict.CERTIFIED) and not res.holds
    assert "Paley-Zygmund hypothesis: theta <= 1" in s.detail + "".join(s.assumed)


def test_b5_markov_at_the_wrong_level_is_not_proved() -> None:
    from hallbound.proofs_checks.library.lemma_library import lemma

    claim = _claim("Lemma B.5")
    step = _step(claim, "B.5a")
    a_star, d1 = _sym(claim, "A*"), _sym(claim, "d_1")
    mu0 = next(s for s in step.rhs.free_symbols if s.name == "mu_0")
    wrong = lemma("Markov", X=(a_star - mu0) ** 2, a=d1)  # Pr[X >= d_1], not d_1^2
    res = check_step(claim, dataclasses.replace(step, lemmas=(wrong,)), trials=20)
    assert res.verdict not in (Verdict.PROVED, Verdict.CERTIFIED)


def test_b5_sum_of_weights_edited_with_the_step_is_not_proved() -> None:
    # the premise sum p_i = 2 (edited together with the step's substitution) is not the claim's
    claim = _claim("Lemma B.5")
    step = _step(claim, "B.5c")
    (key, _), = step.given.items()
    unbacked = dataclasses.replace(step, given={}, premises=())  # sum p_i = 1 is needed
    assert check_step(claim, unbacked, trials=10).verdict not in (
        Verdict.PROVED, Verdict.CERTIFIED)
    bad = dataclasses.replace(step, given={key: 2})
    res = check_step(claim, bad, trials=20)
    assert res.verdict not in (Verdict.PROVED, Verdict.CERTIFIED)
    # and with the claim's assumption edited to match, the identity itself fails
    edited = dataclasses.replace(claim, assumptions=[sp.Eq(key, 2)])
    assert check_step(edited, bad, trials=20).verdict not in (Verdict.PROVED, Verdict.CERTIFIED)


def _verdict(res, name: str) -> Verdict:
    return next(s.verdict for s in res.steps if s.step == name)


# ----- the law checks compute the displayed relation ----------------------------------------
def test_law_check_evaluates_the_displayed_sides_exactly() -> None:
    t = random_symbol("T")
    a = sp.Symbol("a", positive=True)
    law = JointLaw.single(t, [0, 1, 3], [Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)])
    case = LawCase(law, {a: Fraction(3, 2)})
    check = law_check(Pr(sp.Ge(sp.Abs(t - E(t)), a)), Var(t) / a**2, lambda rng: case)
    lhs, rhs = check.evaluate(case)
    # by hand: E T = 1, Var T = (1/2)(1) + 0 + (1/4)(4) = 3/2, |T - 1| >= 3/2 only at T = 3
    assert lhs == Fraction(1, 4)
    assert rhs == Fraction(3, 2) / Fraction(9, 4)
    assert check.describe(case)["T"]["atoms"] == [0.0, 1.0, 3.0]


def test_law_check_redraws_until_the_where_conditions_hold() -> None:
    t = random_symbol("T", nonnegative=True)
    zero = LawCase(JointLaw.single(t, [0], [1]))
    one = LawCase(JointLaw.single(t, [2], [1]))
    draws = iter([zero, zero, one])
    check = law_check(E(t), E(t**2), lambda rng: next(draws), where=[sp.Gt(E(t**2), 0)])
    assert check.sample(np.random.default_rng(0)) is one
    never = law_check(E(t), E(t**2), lambda rng: zero, where=[sp.Gt(E(t), 0)], tries=3)
    with pytest.raises(InputError):
        never.sample(np.random.default_rng(0))


def test_law_check_finds_a_false_relation() -> None:
    t = random_symbol("T")
    check = law_check(E(t) ** 2, E(t**2) / 2, single_law(t), trials=50)  # false: Jensen
    case, lhs, rhs, _ = run_law_check(check, "<=", np.random.default_rng(1))
    assert case is not None and lhs > rhs


def test_write_out_expands_sums_over_a_case() -> None:
    i, n = sp.Symbol("i", integer=True), sp.Symbol("N", integer=True, positive=True)
    p, x = sp.IndexedBase("p"), sp.IndexedBase("x")
    u, v = random_symbol("u"), random_symbol("v")
    out = write_out(sp.Sum(p[i] * x[i], (i, 1, n)), {x: (u, v), p: (Fraction(1, 3), 2)}, (n, 2))
    assert sp.simplify(out - (u / 3 + 2 * v)) == 0
    with pytest.raises(InputError):
        write_out(x[3], {x: (u, v)})


def test_joint_mean_case_has_a_common_mean_and_weights_summing_to_one() -> None:
    i, n = sp.Symbol("i", integer=True), sp.Symbol("N", integer=True, positive=True)
    p, mu = sp.IndexedBase("p", positive=True), sp.IndexedBase(random_symbol("mu"), real=True)
    mu0 = sp.Symbol("mu_0", real=True)
    rng = np.random.default_rng(3)
    for _ in range(5):
        case = joint_mean_case(rng, mu, p, n, mu0)
        k = case.length[1]
        assert sum(case.seqs[p]) == 1 and all(q > 0 for q in case.seqs[p])
        for j in range(k):
            x = case.seqs[mu][j]
            assert case.value(E(x)) == case.env[mu0]  # Assumption 6.1 (1)
        # independence: Pr[mu_1 = a, mu_2 = b] = Pr[mu_1 = a] Pr[mu_2 = b], by hand
        law = case.law
        x1, x2 = case.seqs[mu][0], case.seqs[mu][1]
        for a in law.support(x1):
            for b in law.support(x2):
                joint = sum(q for at, q in law.outcomes() if at[x1] == a and at[x2] == b)
                m1 = sum(q for at, q in law.outcomes() if at[x1] == a)
                m2 = sum(q for at, q in law.outcomes() if at[x2] == b)
                assert joint == m1 * m2
        total = case.value(sp.Sum(p[i], (i, 1, n)))
        assert total == 1


def test_law_check_keeps_its_expressions_for_other_sides() -> None:
    t = random_symbol("T")
    s = sp.Symbol("s", real=True)  # a defined name: s := E[T]
    law = JointLaw.single(t, [0, 2], [Fraction(1, 4), Fraction(3, 4)])
    case = LawCase(law)
    check = law_check(s**2, E(t**2), lambda rng: case, definitions={s: E(t)})
    assert check.evaluate(case) == (Fraction(9, 4), Fraction(3))  # (3/2)^2, (3/4) 4
    # a mutant's sides on the same case: 2 s^2 vs E[T^2]
    assert check.sides(case, 2 * s**2, E(t**2)) == (Fraction(9, 2), Fraction(3))
