"""The falsification search tests the stated relations at the point the step is evaluated at.

Two ways it did not: a symbol a premise eliminates (``x = 3 - s0`` from ``x <= 3``) was
tested at its own draw while the sides used ``3 - s0``, so the true step ``y^2 <= x`` under
``x >= y^2`` was REFUTED at a point breaking ``x >= y^2``; and the tolerance in favour of a
``<=`` relation was absolute (``1e-30``), so ``Delta <= 2 sqrt(2 c log(t+1) / N)`` was taken
to hold at ``Delta = 5e-324, c = 0`` (where it reads ``5e-324 <= 0``) and the true UCB step
``N <= 8 c log(t+1) / Delta^2`` got a witness that breaks it."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, Verdict
from hallbound.proofs_checks.engine.checker import _assumptions_hold, check_claim
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.latex.verify import verify_tex

x, y = sp.symbols("x y", real=True)


def _claim(rhs: sp.Expr, lhs: sp.Expr = y**2) -> Claim:
    premise = sp.Le(x, 3)
    step = Step("s", lhs, "<=", rhs, "t",
                premises=(Premise(premise, by="hypothesis", solve_for=x),))
    return Claim("T", "t", [Param("x", x), Param("y", y)], [step],
                 assumptions=[premise, (x, ">=", y**2)])


def test_a_true_step_over_an_eliminated_symbol_is_not_refuted() -> None:
    res = check_claim(_claim(x), trials=200).steps[0]
    assert res.verdict.value != "REFUTED", res.witness


def test_a_step_without_the_eliminated_symbol_keeps_its_draw_for_the_assumptions() -> None:
    # the sides do not hold x (nor the slack): x's draw stands for some x with x <= 3 and
    # x >= y^2, so y^2 <= 3 holds at every point the search keeps
    for lhs, rhs in ((y**2, sp.Integer(3)), (sp.exp(y**2), sp.exp(3) + sp.sin(y) ** 2)):
        res = check_claim(_claim(rhs, lhs), trials=200).steps[0]
        assert res.verdict.value != "REFUTED", res.witness
    res = check_claim(_claim(sp.Rational(5, 2)), trials=200).steps[0]  # y^2 <= 5/2: false
    assert res.verdict.value == "REFUTED"


def test_a_false_step_over_an_eliminated_symbol_is_refuted_at_a_point_meeting_all() -> None:
    res = check_claim(_claim(x - sp.Rational(1, 10)), trials=200).steps[0]
    assert res.verdict.value == "REFUTED"
    w = {k: Fraction(v) for k, v in res.witness.items()}
    assert w["x"] == 3 - w["s0"]  # the value evaluated, not the draw of x
    assert w["x"] <= 3 and w["x"] >= w["y"] ** 2 and w["y"] ** 2 > w["x"] - Fraction(1, 10)


def test_the_tolerance_in_favour_of_a_relation_is_relative_to_its_terms() -> None:
    d, c = sp.symbols("d c", real=True)
    params = [Param("d", d, lo=0, lo_open=True), Param("c", c)]
    claim = Claim("t", None, params, [], assumptions=[(d, "<=", 2 * sp.sqrt(c))])
    hold = _assumptions_hold(claim, params)
    tiny = Fraction(5e-324)
    assert not hold({"d": tiny, "c": Fraction(0)})  # 5e-324 <= 0 is false
    assert hold({"d": tiny, "c": tiny**2 / 4})  # on the boundary: holds
    assert hold({"d": Fraction(2), "c": Fraction(1)})
    assert not hold({"d": Fraction(2) + Fraction(1, 10**20), "c": Fraction(1)})


_UCB = r"""% hb: assume \Delta_{A_t} > 0
% hb: assume \Delta_{A_t} \le 2 \sqrt{\frac{2 c \log(t + 1)}{N_{t,A_t}}}
% hb: assume N_{t,A_t} > 0
\begin{align*}
  N_{t,A_t} &\le \frac{K c \log(t + 1)}{\Delta_{A_t}^2}
\end{align*}
"""


def test_the_squared_ucb_width_step_is_checked_and_a_wrong_constant_refuted() -> None:
    true = verify_tex(_UCB.replace("K", "8"), trials=200).environments[0].steps[0]
    assert true.verdict == "SUPPORTED", true.detail
    false = verify_tex(_UCB.replace("K", "4"), trials=200).environments[0].steps[0]
    assert false.verdict == "REFUTED"


def test_a_chain_of_eliminations_is_tested_at_its_composed_value() -> None:
    """x = y - s0 and y = 2 - s1: the stated x >= z^2 is tested at x = 2 - s1 - s0, where the
    sides are evaluated; z^2 <= x is then true, and z^2 <= x - 1/10 false with a witness whose
    printed x is the evaluated one."""
    x, y, z = sp.symbols("x y z", real=True)
    p1, p2 = sp.Le(x, y), sp.Le(y, 2)
    premises = (Premise(p1, by="hypothesis", solve_for=x),
                Premise(p2, by="hypothesis", solve_for=y))
    params = [Param("x", x), Param("y", y), Param("z", z)]
    verdicts = {}
    for rhs, truth in ((x, True), (x - sp.Rational(1, 10), False)):
        claim = Claim("T", "t", params, [Step("s", z**2, "<=", rhs, "t", premises=premises)],
                      assumptions=[p1, p2, (x, ">=", z**2)])
        verdicts[truth] = check_claim(claim, trials=200).steps[0]
    assert verdicts[True].verdict is not Verdict.REFUTED
    w = verdicts[False].witness
    assert verdicts[False].verdict is Verdict.REFUTED
    assert w["x"] == pytest.approx(2 - w["s1"] - w["s0"]) and w["x"] >= w["z"] ** 2


def test_chained_definitions_are_tested_at_their_composed_value() -> None:
    u, v, w = sp.symbols("u v w", real=True)
    claim = Claim("T", "t", [Param("w", w)], [Step("s", w**2, "<=", u, "t")],
                  assumptions=[(u, ">=", w**2)], definitions={u: v + 1, v: 2 * w})
    assert check_claim(claim, trials=200).steps[0].verdict is not Verdict.REFUTED
