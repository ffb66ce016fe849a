"""Two premises that premise elimination would both solve for the same symbol (review s11,
finding 5): ``x >= 10`` and ``x <= 20`` (unbacked), step ``x >= 5`` was REFUTED at
``x = -6.8e15``: the second substitution overwrote the first, which was then neither a
substitution nor a condition. Now the later premise is kept as a fact (for an unbacked
premise, a condition the search keeps to at each point)."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, Verdict, check_claim
from hallbound.proofs_checks.engine.claim import Premise

x = sp.Symbol("x", real=True)
X = Param("x", x)
GE10, LE20, LE1 = (Premise(r, by=None) for r in (sp.Ge(x, 10), sp.Le(x, 20), sp.Le(x, 1)))


def _result(rel: str, rhs, premises):
    step = Step("s", x, rel, sp.Integer(rhs), "algebra", premises=list(premises))
    return check_claim(Claim("c", "c", [X], [step], source="user"), seed=1).steps[0]


def test_a_step_true_under_both_premises_is_assumed_not_refuted():
    assert _result(">=", 5, (GE10, LE20)).verdict is Verdict.ASSUMED
    assert _result("<=", 25, (GE10, LE20)).verdict is Verdict.ASSUMED
    assert _result(">=", 5, (GE10, LE1)).verdict is not Verdict.REFUTED  # never both


def test_a_step_false_between_the_premises_is_refuted_inside_both():
    for rel, rhs in ((">=", 15), ("<=", 19)):
        res = _result(rel, rhs, (GE10, LE20))
        assert res.verdict is Verdict.REFUTED
        w = float(res.witness["x"])
        assert 10 <= w <= 20, res.witness
