r"""A point where a stated relation has no value (``\ln n`` at ``n = 0``) does not meet it.

The search's test of the stated relations took the tolerance relative to the value of
``lhs - rhs``: at ``n = 0``, ``\ln n - 1 = -\infty`` and the tolerance became infinite, so
``\ln n \ge 1`` "held" there. The true ``n \ge 2`` was REFUTED at ``n = 0`` through the API,
and ``verify`` withdrew the witness of the false ``n \ge 3`` as "a bug"."""

from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step
from hallbound.proofs_checks.engine.checker import _assumptions_hold, check_claim
from hallbound.proofs_checks.engine.instances import _holds as instance_holds
from hallbound.proofs_checks.engine.stated_extension import _holds as exact_holds
from hallbound.proofs_checks.latex.verdict_rules import _holds as witness_holds
from hallbound.proofs_checks.latex.verify import verify_tex

n = sp.Symbol("n", real=True)
LOG = (sp.log(n), ">=", 1)


def _step(rhs: int, integer: bool = False) -> object:
    p = Param("n", n, kind="integer") if integer else Param("n", n)
    claim = Claim("T", "t", [p], [Step("s", n, ">=", sp.Integer(rhs), "t")],
                  assumptions=[LOG])
    return check_claim(claim, trials=200).steps[0]


def test_an_undefined_relation_is_not_met() -> None:
    params = [Param("n", n)]
    hold = _assumptions_hold(Claim("t", None, params, [], assumptions=[LOG]), params)
    assert hold({"n": 0}) is False and hold({"n": Fraction(-1)}) is False
    assert hold({"n": 3}) is True and hold({"n": 2}) is False
    assert instance_holds(-math.inf, ">=") is False and instance_holds(1, ">=") is True
    assert witness_holds(sp.log(n) - 1, ">=", {n: 0.0}) is False
    assert witness_holds(sp.log(n) - 1, ">=", {n: 3.0}) is True
    assert exact_holds(-sp.oo, "<=", sp.Integer(0)) is False
    assert exact_holds(sp.Integer(-1), "<=", sp.Integer(0)) is True


def test_a_true_step_under_a_log_assumption_is_not_refuted() -> None:
    assert _step(2).verdict.value != "REFUTED"
    assert _step(3, integer=True).verdict.value != "REFUTED"  # n >= e for an integer: n >= 3


def test_a_false_step_is_refuted_at_a_point_meeting_the_assumption() -> None:
    res = _step(3)
    assert res.verdict.value == "REFUTED"
    assert math.e <= res.witness["n"] < 3


def _verify(pre: str, rel: str) -> object:
    (s,) = [s for ch in verify_tex(f"{pre}\\begin{{align}}\n{rel}\n\\end{{align}}\n",
                                   trials=100).environments for s in ch.steps]
    return s


def test_verify_refutes_a_lone_symbol_bounded_by_a_relation_in_it_alone() -> None:
    s = _verify("% hb: assume \\ln n \\ge 1\n", "n \\ge 3")
    assert s.verdict == "REFUTED" and math.e <= s.witness["n"] < 3, s.detail
    assert "bug" not in (s.detail or "")
    assert _verify("% hb: assume \\ln n \\ge 1\n", "n \\ge 2").verdict != "REFUTED"
    s = _verify("% hb: assume n \\in \\mathbb{N}, \\ln n \\ge 1\n", "n \\ge 3")
    assert s.verdict in ("PROVED", "SUPPORTED"), s.detail
