"""The refined bounds' claims: no step refuted, every step below PROVED names its premise or
its trial count, the exact checks do catch a wrong step, each chain closes on its symbolic
statement, and each probability step needs the stated fact it rests on."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from hallbound.proofs_checks.claims.bad_estimations import bounds_refined as br
from hallbound.proofs_checks.engine.checker import check_claim, check_step
from hallbound.proofs_checks.engine.probability import run_law_check


@pytest.mark.parametrize(("index", "verdict"), [(0, "PROVED"), (1, "CERTIFIED"), (2, "PROVED")])
def test_no_step_is_refuted_and_each_chain_closes_on_its_symbolic_statement(
    index: int, verdict: str
) -> None:
    claim = br.claims()[index]
    result = check_claim(claim)
    assert not result.refuted
    assert claim.source == "corrected" and claim.corrects == "Theorem 6.1"
    assert claim.conclusion and claim.conclusion[0][1] == ">="
    assert result.verdict.value == verdict, result.verdict
    assert result.chain_closed, result.chain
    assert all(s.verdict.value in ("PROVED", "CERTIFIED") for s in result.steps)


def test_exact_law_checks_catch_an_overlapping_bin_sum() -> None:
    # Counting the same mass twice (bins overlapping) must be refuted by the exact check.
    def doubled(case):
        lhs, rhs = br.law_bins(case)
        return lhs, 2 * rhs + Fraction(1, 10**6)

    check = br._law(doubled, trials=30)
    case, lhs, rhs, _ = run_law_check(check, ">=", np.random.default_rng(0))
    assert case is not None and lhs < rhs


def test_cell_sum_matches_a_direct_enumeration() -> None:
    # The convolution sum of one bin equals the direct sum over the joint atoms of the
    # admissible-cell events (independent reference: no convolution, no nu).
    rng = np.random.default_rng(7)
    for _ in range(20):
        case = br._sample(rng)
        m, g, n = case.get("m"), case.get("g"), case.n
        a, b = br._bin(case, m)

        def event(mus, case=case, m=m, g=g, n=n, a=a, b=b):
            x = [mu - case.mu0 for mu in mus]
            if not all(br._allowed(case, m, j, x[j]) for j in range(n)):
                return False
            big_k = sum((case.p[j] * x[j]) // g for j in range(n))
            return big_k * g >= a and (big_k + n) * g <= b

        assert case.prob(event) == br._cell_sum(case, m)


def _step_verdict(claim, name: str, drop=None) -> str:
    """The verdict of step ``name`` alone, with the claim's stated relation ``drop`` removed."""
    import dataclasses

    kept = [a for a in claim.assumptions if drop is None or a is not drop]
    changed = dataclasses.replace(claim, assumptions=kept)
    (step,) = [s for s in changed.steps if s.name == name]
    return check_step(changed, dataclasses.replace(step, law=None), trials=20).verdict.value


@pytest.mark.parametrize(
    ("index", "name", "position"),
    [
        (0, "R0 (covering ball)", 0),  # Definition 6.3 (the union of the U_k in the balls)
        (0, "R1 (left of F_i)", 3),  # x_i < a_m - r_i - eta
        (0, "R2 (right of F_i)", 4),  # x_i > a_m + h + r_i + eta
        (0, "R3b (cells inside)", 5),  # the cells lie in {||T - x_i|| > r_i for all i}
        (0, "R3c (disjoint cells)", 6),  # the cells are pairwise disjoint
        (0, "R3d (independence)", 7),  # x_1, ..., x_N independent (Assumption 6.1)
        (0, "R3d (independence)", 8),  # D_(k,i) a function of x_i
        (1, "R0 (covering ball)", 0),
        (1, "E2b (cells inside)", 1),  # the counted patterns lie in the event
        (1, "E2c (disjoint cells)", 2),  # distinct patterns are disjoint
        (1, "E2d (independence)", 3),  # the N d signs independent
        (1, "E2 (count)", 5),  # each sign fair
        (2, "R0 (covering ball)", 0),
        (2, "S4 (event inside)", 1),  # ||A* - mu_1|| = p_2 ||D||
        (2, "S4 (event inside)", 2),  # ||A* - mu_2|| = p_1 ||D||
    ],
)
def test_event_steps_are_proved_from_their_stated_conditions(
    index: int, name: str, position: int
) -> None:
    # Each step is PROVED from the claim's stated relations (Definition 6.3 through the
    # library's Monotonicity, or the conditions that define the event); without the one it
    # rests on it is not PROVED (the premise is then unbacked or the lemma's hypothesis unmet).
    claim = br.claims()[index]
    assert _step_verdict(claim, name) == "PROVED"
    assert _step_verdict(claim, name, drop=claim.assumptions[position]) != "PROVED"


def test_the_covering_assumption_is_definition_6_3_over_the_union() -> None:
    # The stated relation reads: the union of the events {A* in U_k} implies the union of the
    # closed balls {||A* - mu_k|| <= r_k}, k = 1..N (and not the converse).
    tag, inside, covered = br.covering_assumption()
    assert tag == "implies"
    assert str(inside) == "AnyOf(A[k], k=1..N)"
    assert str(covered) == "AnyOf(Norm(A* - mu[k]) <= r[k], k=1..N)"


def _binned_claim():
    return next(c for c in br.claims() if c.name.startswith("Theorem 6.1, binned"))


def test_r9_is_proved_on_the_arb_lemma_and_needs_its_stated_relations() -> None:
    import dataclasses

    claim = _binned_claim()
    step = next(s for s in claim.steps if s.name.startswith("R9"))
    res = check_step(claim, step)
    assert res.verdict.name == "PROVED" and not res.assumed, (res.verdict, res.assumed)
    assert "Arb ball enclosure" in str(step.premises[1].by)
    for drop in (br.ball_assumption(), br.returned_relation()):  # either one is needed
        kept = [a for a in claim.assumptions if a is not drop and a != drop]
        weaker = dataclasses.replace(claim, assumptions=kept)
        assert check_step(weaker, step).verdict.name != "PROVED", drop


def test_r9_stated_relations_hold_on_the_executed_routine() -> None:
    # returned <= lo_ball: the float binned_bound returns is at most the lower end (exact
    # rational) of the ball certified_binned_ball computes
    import sympy as sp

    from hallbound.numeric import bounds_certified as bc
    from hallbound.numeric.bounds_refined import binned_bound
    from hallbound.proofs_checks.library.lemmas_arb import lower_end

    for case in (([0.3, 0.7], [0.8, 1.1], [3.0, 3.0], "normal"),
                 ([0.2, 0.3, 0.5], [0.4, 0.5, 0.3], [1.0, 2.0, 1.5], "laplace")):
        ball = bc.certified_binned_ball(*case, bins=8, refine=2)
        returned = binned_bound(*case, bins=8, refine=2)
        assert sp.Rational(returned) <= lower_end(ball, bc.DEFAULT_PREC)


def test_a_wrong_threshold_is_not_proved_by_the_event_rules() -> None:
    # ||D|| > r_1 (not r_1/p_2) does not keep A* out of the first ball: z3 finds no proof
    import dataclasses

    import sympy as sp

    from hallbound.proofs_checks.library.lemma_library import lemma

    claim = br.claims()[2]
    step = next(s for s in claim.steps if s.name == "S4 (event inside)")
    far = step.lemmas[0].args["A"]
    weak = far.xreplace({far.args[0].rhs: br.RADIUS[2], far.args[1].rhs: br.RADIUS[1]})
    assert weak != far
    bad = dataclasses.replace(step, rhs=step.rhs.func(weak), law=None,
                              lemmas=(lemma("Monotonicity", A=weak, B=step.lemmas[0].args["B"]),))
    assert check_step(claim, bad, trials=20).verdict.value != "PROVED"
    assert isinstance(weak, sp.And)


def test_a_quantified_hypothesis_over_another_range_is_not_the_stated_one() -> None:
    # the stated independence is for i in 1..N; stated for i in 1..N-1 it backs nothing
    import dataclasses

    claim = br.claims()[0]
    hyp = claim.assumptions[7]
    (v, lo, hi), = hyp.over
    shorter = dataclasses.replace(hyp, over=((v, lo, hi - 1),))
    kept = [shorter if a is hyp else a for a in claim.assumptions]
    changed = dataclasses.replace(claim, assumptions=kept)
    step = next(s for s in changed.steps if s.name == "R3d (independence)")
    assert check_step(changed, dataclasses.replace(step, law=None), trials=20).verdict.value \
        != "PROVED"
