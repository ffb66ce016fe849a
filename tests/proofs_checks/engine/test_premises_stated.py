"""A premise that is word for word one of the claim's stated relations is backed at once
(:func:`hallbound.proofs_checks.engine.premises.stated`); anything else still needs a proof."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.engine.premises import stated
from hallbound.proofs_checks.engine.verdicts import Verdict

x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
XP, YP = Param("x", x), Param("y", y)


def _claim(*assumptions: sp.Basic, steps: tuple[Step, ...] = ()) -> Claim:
    return Claim("planted", "text", [XP, YP], list(steps), assumptions=assumptions)


def test_stated_matches_either_way_round_and_nothing_else() -> None:
    c = _claim(sp.Le(x, y))
    assert stated(c, (x, "<=", y)) and stated(c, (y, ">=", x))
    assert not stated(c, (x, "<", y))  # stronger than stated
    assert not stated(c, (x, "<=", y + 1))  # true, but not word for word: proved elsewhere
    assert not stated(_claim(), (x, "<=", y))


def test_a_stated_premise_backs_a_step_and_an_unstated_one_does_not() -> None:
    step = Step("1", x, "<=", y + 1, "from x <= y", kind="inequality",
                premises=(Premise(sp.Le(x, y), "hypothesis", x, "x <= y"),))
    assert check_step(_claim(sp.Le(x, y)), step).verdict is Verdict.PROVED
    res = check_step(_claim(sp.Le(y, x)), step)  # x <= y is not what the claim states
    assert res.verdict is not Verdict.PROVED
