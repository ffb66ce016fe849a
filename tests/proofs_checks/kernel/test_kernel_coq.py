"""Coq checks the exported lemmas: true statements accepted, known-false ones rejected.

A false statement accepted by ``coqc`` would be a bug in the translation (its meaning changed
on the way to Coq). Each test batches its lemmas into one file to amortise Coq's start-up.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict
from hallbound.proofs_checks.kernel.goals import Goal, step_goal
from hallbound.proofs_checks.kernel.mutants import false_mutants
from hallbound.proofs_checks.kernel.run import Job, check_claim_file

pytestmark = pytest.mark.skipif(
    shutil.which("coqc") is None or shutil.which("coqtop") is None, reason="coqc not installed"
)

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)


def _goal(name: str, lhs, rel: str, rhs, params: list[Param]) -> Goal:
    """The exported lemma of a step, as if the engine had PROVED it."""
    step = Step(name, lhs, rel, rhs, "test")
    claim = Claim("T", "test", params, [step])
    res = StepResult("T", name, step.relation_text(), Verdict.PROVED, "sympy")
    goal = step_goal(claim, step, res, {}, f"s_{name}")
    assert goal.exportable, goal.reason
    return goal


def _kernel(goals: list[Goal], tmp_path: Path) -> dict[str, str]:
    out = check_claim_file(Job("T", "test", goals), tmp_path, timeout=5, file_limit=240)
    return {k.step: k.status for k in out.steps}


def _true_goals() -> list[Goal]:
    unit = [Param("x", x, lo=0, hi=1)]
    return [
        _goal("poly", x**2, ">=", x, [Param("x", x, lo=1)]),  # nra
        _goal("ring", (x + 1) ** 2, "=", x**2 + 2 * x + 1, [Param("x", x)]),  # ring
        _goal("field", (x**2 - 1) / (x - 1), "=", x + 1,  # field, x - 1 <> 0 from 1 < x
              [Param("x", x, lo=1, lo_open=True)]),
        _goal("exp", sp.exp(x), "<=", 1 + x + x**2 + sp.Rational(1, 100), unit),  # interval
        _goal("sqrt", sp.sqrt(x + 1), "<=", 1 + x / 2 + sp.Rational(1, 100), unit),
        _goal("amgm", x**2 + y**2, ">=", 2 * x * y, [Param("x", x), Param("y", y)]),
    ]


def test_true_statements_are_kernel_checked(tmp_path: Path) -> None:
    status = _kernel(_true_goals(), tmp_path)
    assert status == dict.fromkeys(["poly", "ring", "field", "exp", "sqrt", "amgm"], "checked")
    text = (tmp_path / "T.v").read_text()
    assert "kernel: failed" not in text and (tmp_path / "T.vo").exists()


def test_false_statements_are_rejected(tmp_path: Path) -> None:
    unit = [Param("x", x, lo=0, hi=1)]
    planted = [
        # a wrong constant: x^2 + 1 >= 2x is true, >= 3x fails at x = 1
        _goal("constant", x**2 + 1, ">=", 3 * x, [Param("x", x, lo=0, hi=5)]),
        # a dropped hypothesis: x^2 >= x needs x >= 1 (or <= 0); fails at x = 1/2
        _goal("dropped", x**2, ">=", x, [Param("x", x)]),
        # a wrong constant in a transcendental bound: e^1 > 2.7
        _goal("e", sp.exp(x), "<=", 1 + x + x**2 / 5, unit),
        # Coq's totality would make these true: 0/0 = 0, sqrt(-1) = 0, Rpower 0 (1/3) = 1,
        # ln(-1) = 0; SymPy's statements are undefined or false there
        _goal("div", sp.Mul(x, sp.Pow(x, -1), evaluate=False), "<=", 1, unit),
        _goal("sqrt", sp.sqrt(x), ">=", 0, [Param("x", x, lo=-1, hi=1)]),
        _goal("cbrt", x ** sp.Rational(1, 3), ">", 0, unit),
        _goal("ln", sp.log(x), "<=", 0, [Param("x", x, lo=-1, hi=1)]),
    ]
    flipped = [m for g in _true_goals() for m in false_mutants(g)]
    status = _kernel(planted + flipped, tmp_path)
    assert len(status) == len(planted) + len(flipped) == 13
    accepted = [name for name, s in status.items() if s != "failed"]
    assert accepted == []
    text = re.sub(r"\(\*.*?\*\)", "", (tmp_path / "T.v").read_text(), flags=re.S)
    # every step lemma is commented out of the certificate (the prelude's hb_ helpers stay)
    assert re.search(r"Lemma (?!hb_)", text) is None


def _chain_claim(conclusion_rhs) -> tuple[Claim, object]:
    from hallbound.proofs_checks import check_claim

    steps = [Step("1", x**2, "<=", 2 * x, "x <= 2"), Step("2", 2 * x, "<=", 4, "x <= 2")]
    claim = Claim("C", "x^2 <= 4", [Param("x", x, lo=1, hi=2)], steps,
                  conclusion=[(x**2, "<=", conclusion_rhs)])
    return claim, check_claim(claim, trials=20)


def test_closed_claim_is_checked_as_a_whole(tmp_path: Path) -> None:
    from hallbound.proofs_checks.kernel.goals import claim_goals, step_goals

    claim, res = _chain_claim(4)
    assert res.chain_closed
    goals = step_goals(claim, res.steps)
    whole, why = claim_goals(claim, res, goals)
    assert why == "" and [g.goal for g in whole] == ["(x ^ 2) <= 4"]
    out = check_claim_file(Job("C", "test", goals, whole, why, "PROVED"), tmp_path, timeout=5)
    assert [k.status for k in out.steps] == ["checked", "checked"]
    assert out.whole is not None and out.whole.status == "checked" and out.accepted
    assert "Section Claim." in (tmp_path / "C.v").read_text()
    # the same chain cannot give a stronger conclusion: x^2 <= 3 fails at x = 2
    wrong = [dataclasses.replace(g, goal="(x ^ 2) <= 3", name="claim_wrong") for g in whole]
    out = check_claim_file(Job("C", "test", goals, wrong, "", "PROVED"), tmp_path, timeout=5)
    assert out.whole is not None and out.whole.status == "failed"


n = sp.Symbol("n", positive=True)
g = sp.Symbol("g", positive=True)
_UNIT_G = [Param("g", g, lo=0, hi=1, lo_open=True)]


def _strategy_pairs() -> list[tuple[Goal, Goal]]:
    """Per strategy of the prelude (helper lemmas proved in the file), a true step it closes
    and its false twin, which Coq must reject."""
    pos = [Param("x", x, lo=0, lo_open=True)]
    unit = [Param("x", x, lo=0, hi=1)]
    ge1 = [Param("n", n, lo=1), Param("g", g, lo=0, hi=1, lo_open=True)]
    rp = sp.Pow(2 * sp.pi, -n / 2)
    sq = sp.Pow(sp.sqrt(sp.log(4 / g)), 2, evaluate=False)
    ex = sp.exp(-sp.log(3 * n / g), evaluate=False)
    c = sp.sqrt(2) / sp.sqrt(sp.pi)
    return [
        # ln x <= x - 1 on an unbounded domain (hb_ln_le): no box for interval
        (_goal("ln_le", sp.log(x), "<=", x - 1, pos),
         _goal("ln_le_false", sp.log(x), "<=", x - 1 - sp.Rational(1, 100), pos)),
        # x <= sqrt x on [0, 1], tight at both ends (hb_sqrt_le)
        (_goal("sqrt_le", x, "<=", sp.sqrt(x), unit),
         _goal("sqrt_le_false", x, "<=", sp.sqrt(x), [Param("x", x, lo=0, hi=2)])),
        # (2 pi)^(-n/2) g <= g with n unbounded (hb_rpow_le1, hb_pi)
        (_goal("rpow_le1", rp * g, "<=", g, ge1),
         _goal("rpow_le1_false", rp, "<=", sp.Rational(1, 10), ge1)),
        # the side condition 0 <= ln(4/g) of sqrt(ln(4/g)) (hb_ln_nonneg, hb_le_div)
        (_goal("ln_nonneg", sq, "=", sp.log(4 / g), _UNIT_G),
         _goal("ln_nonneg_false", sq, "=", sp.log(4 / g),
               [Param("g", g, lo=0, hi=5, lo_open=True)])),
        # exp(-ln(3n/g)) = g/(3n): ln of both sides split (hb_logs)
        (_goal("logs", ex, "=", g / (3 * n), ge1),
         _goal("logs_false", ex, "=", g / (2 * n), ge1)),
        # c ln(1/x) <= c (1/x - 1), c = sqrt 2 / sqrt pi > 0 (hb_ln_le, then hb_mono or nra)
        (_goal("mono", c * sp.log(1 / x), "<=", c * (1 / x - 1), pos),
         _goal("mono_false", c * sp.log(1 / x), "<=", c * (1 / x - 2), pos)),
        # ln(5/g) >= 1 on (0, 1]: ln split, the sign of ln g, ln 5 bounded (hb_lnrw, hb_lnsign)
        (_goal("ln_split", sp.log(5 / g), ">=", 1, _UNIT_G),
         _goal("ln_split_false", sp.log(5 / g), ">=", 2, _UNIT_G)),
    ]


def test_prelude_strategies_accept_true_and_reject_false_twins(tmp_path: Path) -> None:
    pairs = _strategy_pairs()
    status = _kernel([goal for pair in pairs for goal in pair], tmp_path)
    assert {t.step: status[t.step] for t, _ in pairs} == dict.fromkeys(
        [t.step for t, _ in pairs], "checked")
    assert {f.step: status[f.step] for _, f in pairs} == dict.fromkeys(
        [f.step for _, f in pairs], "failed")


def test_certificates_hold_no_admitted_or_axiom(tmp_path: Path) -> None:
    """The certificate, prelude included, adds nothing unproved: no ``Admitted``, ``Axiom``,
    ``Parameter``/``Hypothesis``/``Variable`` or ``admit`` outside comments."""
    from hallbound.proofs_checks.kernel.run import HEADER

    _kernel([t for t, _ in _strategy_pairs()], tmp_path)
    for text in (HEADER, (tmp_path / "T.v").read_text()):
        code = re.sub(r"\(\*.*?\*\)", "", text, flags=re.S)
        bad = re.findall(r"\b(Admitted|Axiom|Axioms|Parameter|Hypothesis|Variable|Conjecture"
                         r"|admit|give_up)\b", code)
        assert bad == []
    assert "hb_ln_le" in HEADER and "Qed." in HEADER
