"""The kernel field: ``verify FILE.tex --coq DIR`` and ``check --coq DIR``; premises exported
as hypotheses (SymPy's ``solve`` not trusted); the kernel mark of the LaTeX verdict table."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sympy as sp

from hallbound.cli import main
from hallbound.proofs_checks import Claim, Param, Step
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict
from hallbound.proofs_checks.kernel import run as kernel_run
from hallbound.proofs_checks.kernel.goals import step_goal
from hallbound.proofs_checks.kernel.run import Job, check_claim_file

HAS_COQ = shutil.which("coqc") is not None and shutil.which("coqtop") is not None
NO_COQ = "coqc/coqtop not installed (apt-get install coq libcoq-interval): an environment gap"

# the third step holds only under the stated relation y <= x (a hypothesis of its lemma)
TEX = r"""% hb: assume x > 0
% hb: assume y \le x
\begin{align}
(x+1)^2 &= x^2 + 2x + 1 \\
&\ge 2x + 1 \\
&\ge x + y + 1
\end{align}
"""


def _verify(tmp_path: Path, capsys: pytest.CaptureFixture) -> dict:
    tex = tmp_path / "chain.tex"
    tex.write_text(TEX)
    assert main(["verify", str(tex), "--coq", str(tmp_path / "coq"), "--json", "-",
                 "--no-cache"]) == 0
    return json.loads(capsys.readouterr().out)


def test_verify_coq_without_coqc_writes_lemmas_with_stated_relations(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kernel_run, "coq_available", lambda: False)
    data = _verify(tmp_path, capsys)
    steps = data["environments"][0]["steps"]
    assert [s["kernel"] for s in steps] == ["not run (coqc missing)"] * 3
    assert data["kernel"]["coqc"] == "missing" and data["kernel"]["proved_steps"] == 3
    text = (tmp_path / "coq" / "chain_environment_1.v").read_text()
    assert "Lemma line_6 : forall (x : R) (y : R), 0 < x -> y <= x ->" in text
    assert "Lemma claim_1 :" in text  # the chain's conclusion, from the step lemmas


@pytest.mark.skipif(not HAS_COQ, reason=NO_COQ)
def test_verify_coq_checks_each_proved_step_and_the_chain(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = _verify(tmp_path, capsys)
    env = data["environments"][0]
    assert [s["kernel"] for s in env["steps"]] == ["checked"] * 3
    assert env["conclusion"]["kernel"] == "checked"
    assert data["kernel"]["fraction"] == 1.0
    tex = tmp_path / "chain.tex"
    assert main(["verify", str(tex), "--coq", str(tmp_path / "coq2")]) == 0
    out = capsys.readouterr().out
    assert "kernel: checked" in out
    assert "kernel: 3 of 3 PROVED/CERTIFIED steps kernel-checked by coqc (100%)" in out


a, x, p, r = (sp.Symbol(n, real=True) for n in ("a", "x", "p", "r"))


def _premise_goal(lhs, rel: str, rhs, premise, solve_for, params: list[Param],
                  name: str = "s"):
    """The lemma of a step with one premise solved for ``solve_for``, as if PROVED."""
    step = Step(name, lhs, rel, rhs, "test",
                premises=(Premise(premise, by="hypothesis", solve_for=solve_for),))
    claim = Claim("T", "test", params, [step])
    res = StepResult("T", name, step.relation_text(), Verdict.PROVED, "sympy")
    goal = step_goal(claim, step, res, {}, f"s_{name}")
    assert goal.exportable, goal.reason
    return goal


def test_premise_is_a_hypothesis_not_a_solution() -> None:
    # p (1 - r) < 1 - 2r solved for p divides by 1 - r, which vanishes at r = 1 (Theorem C.1
    # (corrected), C.4''): the lemma states the premise itself, no slack and no division
    goal = _premise_goal(p + r * (1 - p), "<", 1 - r, sp.Lt(p * (1 - r), 1 - 2 * r), p,
                         [Param("p", p, lo=0, hi=1), Param("r", r, lo=0, hi=1)])
    assert [n for n, _ in goal.binders] == ["p", "r"]
    assert not goal.conditions and "/" not in goal.goal
    assert any("<" in h and "p" in h and "r" in h for h in goal.hyps)


@pytest.mark.skipif(not HAS_COQ, reason=NO_COQ)
def test_premise_steps_true_checked_false_at_a_vanishing_coefficient_rejected(
    tmp_path: Path,
) -> None:
    unit = [Param("a", a, lo=0, hi=1), Param("x", x)]
    true = _premise_goal(p + r * (1 - p), "<", 1 - r, sp.Lt(p * (1 - r), 1 - 2 * r), p,
                         [Param("p", p, lo=0, hi=1), Param("r", r, lo=0, hi=1)], "true")
    # a x < 1 solved for x is x = (1 - s)/a: it misses a = 0, where a^2 x < a fails (0 < 0)
    false = _premise_goal(a**2 * x, "<", a, sp.Lt(a * x, 1), x, unit, "false")
    out = check_claim_file(Job("T", "test", [true, false]), tmp_path, timeout=5,
                           file_limit=240)
    assert {k.step: k.status for k in out.steps} == {"true": "checked", "false": "failed"}


@pytest.mark.skipif(not HAS_COQ, reason=NO_COQ)
def test_a_premise_with_a_division_is_multiplied_out(tmp_path: Path) -> None:
    # Theorem C.1 (corrected), C.4': r < (1 - p)/(2 - p) gives p + r (1 - p) < 1 - r; nra
    # alone gave up on the division (a tactic limit), hb_undiv multiplies it out by 2 - p > 0
    params = [Param("p", p, lo=0, hi=1, lo_open=True, hi_open=True), Param("r", r, lo=0, hi=1)]
    premise = sp.Lt(r, (1 - p) / (2 - p))
    true = _premise_goal(p + r * (1 - p), "<", 1 - r, premise, r, params, "c4")
    # false twins: a tighter bound (fails as r -> (1 - p)/(2 - p)), and the premise's
    # division by 2 - p replaced by one by 1 - p (r < 1 no longer gives it)
    tight = _premise_goal(p + r * (1 - p), "<", 1 - r - sp.Rational(1, 10), premise, r, params,
                          "tight")
    loose = _premise_goal(p + r * (1 - p), "<", 1 - r, sp.Lt(r, (1 - p) / (1 - p / 2)), r,
                          params, "loose")
    out = check_claim_file(Job("T", "test", [true, tight, loose]), tmp_path, timeout=5,
                           file_limit=240)
    assert {k.step: k.status for k in out.steps} == {
        "c4": "checked", "tight": "failed", "loose": "failed"}
    assert "hb_undiv" in (tmp_path / "T.v").read_text()


@pytest.mark.skipif(not HAS_COQ, reason=NO_COQ)
def test_a_goal_with_a_division_is_multiplied_out(tmp_path: Path) -> None:
    # the shape of why-hallucinate's Theorem 1, step 8: x <= p / r gives x <= (p + 1) / r
    # (r >= 1), a division in the hypothesis and in the goal; the false twin halves the bound
    params = [Param("x", x, lo=0), Param("p", p, lo=0), Param("r", r, lo=1)]
    premise = sp.Le(x, p / r)
    true = _premise_goal(x, "<=", (p + 1) / r, premise, x, params, "goal_div")
    false = _premise_goal(x, "<=", p / (2 * r), premise, x, params, "goal_div_false")
    out = check_claim_file(Job("T", "test", [true, false]), tmp_path, timeout=5,
                           file_limit=240)
    assert {k.step: k.status for k in out.steps} == {
        "goal_div": "checked", "goal_div_false": "failed"}


def test_check_coq_without_coqc_marks_each_exported_step(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kernel_run, "coq_available", lambda: False)
    argv = ["check", "Lemma B.1", "--trials", "20", "--coq", str(tmp_path), "--json", "-",
            "--quiet"]
    assert main(argv) == 0
    steps = {s["step"]: s for s in json.loads(capsys.readouterr().out)["steps"]}
    assert steps["B.2b"]["kernel"] == "not run (coqc missing)"
    assert steps["B.2a"]["kernel"].startswith("not exportable (")
    assert (tmp_path / "Lemma_B_1.v").exists()


def test_check_coq_rejects_a_file_as_folder(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_text("")
    assert main(["check", "Lemma B.1", "--trials", "20", "--coq", str(f), "--quiet"]) == 2


def test_verdict_table_marks_the_kernel() -> None:
    from hallbound.paper_tex.claims_tex import verdict_table

    s = StepResult("T", "one", "x <= 1", Verdict.PROVED, "sympy")
    plain = verdict_table(type("R", (), {"steps": [s]})())
    s.kernel = "checked"
    marked = verdict_table(type("R", (), {"steps": [s]})())
    assert "Coq kernel: checked" in marked and "Coq kernel" not in plain
