"""Finite sums with a symbolic bound in Coq (``hb_sum``, induction on the bound): the
translation as text, true sum steps checked, known-false twins rejected."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict
from hallbound.proofs_checks.kernel.coq_export import NotExportable, to_coq
from hallbound.proofs_checks.kernel.goals import step_goal
from hallbound.proofs_checks.kernel.mutants import false_mutants
from hallbound.proofs_checks.kernel.run import Job, check_claim_file

HAS_COQ = shutil.which("coqc") is not None and shutil.which("coqtop") is not None
i, k = sp.Symbol("i", integer=True), sp.Symbol("k", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
t, v = sp.Symbol("t", real=True), sp.Symbol("v", real=True)
x, y, z, w = (sp.IndexedBase(s, real=True) for s in ("x", "y", "z", "w"))
nn = sp.IndexedBase("nn", nonnegative=True)
pp = sp.IndexedBase("pp", positive=True)
N_PARAM = Param("n", n, kind="integer", lo=1)


def _goal(name: str, lhs, rel: str, rhs, params, premises=()):
    step = Step(name, lhs, rel, rhs, "test", premises=premises)
    claim = Claim("T", "test", [N_PARAM], [step])
    res = StepResult("T", name, step.relation_text(), Verdict.PROVED, "sympy")
    return step_goal(claim, step, res, {}, f"s_{name}")


def S(body, var=i):  # noqa: N802 - the sum sign
    return sp.Sum(body, (var, 1, n))


def test_a_sum_is_hb_sum_over_a_nat_bound_with_families_as_functions() -> None:
    g = _goal("lin", S(x[i] + 2), "=", S(x[i]) + 2 * n, [])
    assert g.exportable, g.reason
    assert ("n", "nat") in g.binders and ("x", "nat -> R") in g.binders
    assert "1 <= (INR n)" in g.hyps and g.sum_bounds == ["n"]
    assert "(hb_sum (fun i : nat => (x i)) n)" in g.lhs  # the engine's sides, split
    assert "(hb_sum (fun i : nat => 1) n)" in g.lhs


def test_sums_outside_the_model_are_not_exportable() -> None:
    with pytest.raises(NotExportable, match="finite sum from 0"):
        to_coq(sp.Sum(x[i], (i, 0, n)), {n: "(INR n)"})
    with pytest.raises(NotExportable, match="side conditions"):
        to_coq(sp.Sum(sp.log(nn[i]), (i, 1, n)), {n: "(INR n)", nn.label: "nn"})
    real_bound = sp.Symbol("b", real=True)
    with pytest.raises(NotExportable, match="not a parameter in the naturals"):
        bad = _goal("b", sp.Sum(x[i], (i, 1, real_bound)), ">=", 0,
                    [Param("b", real_bound, lo=0)])
        raise NotExportable(bad.reason or "")


def _pairs():
    """True sum steps (the proof each needs in a comment) and false twins."""
    per_term = (Premise(sp.Ge(w[k], v), by="hypothesis", solve_for=v),)
    ident = S((t * x[i] - y[i]) ** 2)
    expanded = S(x[i] ** 2) * t**2 - 2 * S(x[i] * y[i]) * t + S(y[i] ** 2)
    return [
        # linearity by induction: sum (t x - y)^2 = A t^2 - 2 B t + C (Lemma B.4, B.4a)
        (_goal("expand", ident, "=", expanded, [Param("t", t)]),
         _goal("expand_false", ident, "=", expanded + S(y[i] ** 2), [Param("t", t)])),
        # termwise, from a premise per term: sum z^2 w >= v sum z^2 (Theorem 6.1, U6)
        (_goal("termwise", S(z[k] ** 2 * w[k], k), ">=", v * S(z[k] ** 2, k),
               [Param("v", v, lo=0)], per_term),
         _goal("termwise_false", S(z[k] ** 2 * w[k], k), ">=", 2 * v * S(z[k] ** 2, k),
               [Param("v", v, lo=0)], per_term)),
        # a family's sign: sum (x + nn) >= sum x (binned conditioning, R5)
        (_goal("sign", S(x[i] + nn[i]), ">=", S(x[i]), []),
         _goal("sign_false", S(x[i] + y[i]), ">=", S(x[i]), [])),
        # strict, n >= 1 and each term positive (binned conditioning, R6); with a
        # non-negative family the relation fails (all zero)
        (_goal("strict", S(x[i] - pp[i]), "<", S(x[i]), []),
         _goal("strict_false", S(x[i] - nn[i]), "<", S(x[i]), [])),
    ]


@pytest.mark.skipif(not HAS_COQ, reason="coqc/coqtop not installed")
def test_true_sum_steps_checked_false_twins_and_mutants_rejected(tmp_path: Path) -> None:
    pairs = _pairs()
    true = [g for g, _ in pairs]
    assert all(g.exportable for g, f in pairs) and all(f.exportable for _, f in pairs)
    goals = [*true, *[f for _, f in pairs], *[m for g in true for m in false_mutants(g)]]
    out = check_claim_file(Job("T", "test", goals), tmp_path, timeout=5, file_limit=240)
    status = {r.step: r.status for r in out.steps}
    assert [status[g.step] for g in true] == ["checked"] * 4
    assert [s for name, s in status.items() if name not in {g.step for g in true}] == (
        ["failed"] * 8)
