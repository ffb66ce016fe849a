"""Premise-changed mutants (``premise+...``) are true conditionals: the mutated premise gives
the mutated relation by construction. The independent model calls them false by using the
*original* premise, but no point that satisfies the mutant's own premise refutes the mutant,
so the checker must demote them (ASSUMED, naming the premise), never REFUTE them (that
would be a false alarm) nor prove them.

The toy claim: y = x^2 (a stated relation), x in [0, 2]; the step y <= 4 rests on the
premise y = x^2, backed by the claim's assumptions."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.engine.verdicts import Verdict
from hallbound.proofs_checks.mutation.operators import step_mutants

x, y = sp.symbols("x y", real=True)
STEP = Step("s1", y, "<=", 4, "y = x^2 <= 4",
            premises=(Premise(sp.Eq(y, x**2), by="hypothesis", solve_for=y),))
CLAIM = Claim("premise mutants", "y <= 4", [Param("x", x, lo=0, hi=2),
                                            Param("y", y, lo=0, hi=10)], [STEP],
              assumptions=[sp.Eq(y, x**2)])


def _premise_mutant(description: str):
    found = [m for m in step_mutants(CLAIM, STEP)
             if m.premise_changed and m.description.startswith(description)]
    assert len(found) == 1, [m.description for m in step_mutants(CLAIM, STEP)]
    return found[0]


def test_the_original_step_is_proved():
    assert check_step(CLAIM, STEP).verdict is Verdict.PROVED


def test_a_premise_mutant_is_a_true_conditional_and_is_demoted_not_refuted():
    # y <= 2 with the premise y <= 2: false under the claim's y = x^2 (x = 2 gives 4),
    # true as stated (its premise gives it), so ASSUMED with the premise named
    m = _premise_mutant("rhs: side * 1/2")
    assert (m.step.lhs, m.step.rel, m.step.rhs) == (y, "<=", 2)
    assert [sp.sstr(p.relation) for p in m.step.premises] == ["y <= 2"]
    res = check_step(m.claim, m.step)
    assert res.verdict is Verdict.ASSUMED
    assert any("y <= 2" in a for a in res.assumed)


def test_no_premise_mutant_of_the_toy_step_is_refuted_or_proved_while_unbacked():
    for m in step_mutants(CLAIM, STEP):
        if not m.premise_changed:
            continue
        res = check_step(m.claim, m.step, trials=40)
        assert res.verdict is not Verdict.REFUTED, m.description
        if res.verdict in (Verdict.PROVED, Verdict.CERTIFIED):  # only if its premise is backed
            assert not res.assumed, m.description
