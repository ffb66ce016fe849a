"""Opaque atoms: in a step proved from a relation, ``E(...)``, ``Pr(...)`` and finite sums are
real variables of their own; Coq then checks the implication by real arithmetic alone, and
rejects what needs a property of the atoms it was not given (the translation test)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict
from hallbound.proofs_checks.kernel.goals import step_goal
from hallbound.proofs_checks.kernel.mutants import false_mutants
from hallbound.proofs_checks.kernel.opaque import abstraction, atoms_of
from hallbound.proofs_checks.kernel.run import Job, check_claim_file
from hallbound.proofs_checks.library.randomness import E, Pr, random_symbol

HAS_COQ = shutil.which("coqc") is not None and shutil.which("coqtop") is not None
X, Y = random_symbol("X"), random_symbol("Y")
a = sp.Symbol("a", real=True)
p = sp.Symbol("p", real=True)
i, n = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True)
xs = sp.IndexedBase("x", real=True)
POS = [Param("a", a, lo=0, lo_open=True), Param("p", p)]


def _goal(name: str, lhs, rel: str, rhs, premise, params=POS):
    """A step proved under the premise ``premise`` (solved for ``p``), as if PROVED."""
    step = Step(name, lhs, rel, rhs, "test",
                premises=(Premise(premise, by="hypothesis", solve_for=p),))
    claim = Claim("T", "test", params, [step])
    res = StepResult("T", name, step.relation_text(), Verdict.PROVED, "sympy")
    goal = step_goal(claim, step, res, {}, f"s_{name}")
    assert goal.exportable, goal.reason
    return goal


def test_each_distinct_atom_is_one_variable() -> None:
    s = sp.Sum(xs[i], (i, 1, n))
    exprs = [E(X) / a + Pr(X >= a), E(X) ** 2 + s, E(Y)]
    assert atoms_of(exprs) == [E(X), Pr(X >= a), s, E(Y)]
    table = abstraction(exprs, taken={"hb_E0"})
    assert len(set(table.values())) == 4 and "hb_E0" not in {str(v) for v in table.values()}
    assert all(v.is_real for v in table.values())


def test_a_step_from_a_relation_reads_its_atoms_as_reals() -> None:
    g = _goal("markov", 2 * p, "<=", 2 * E(X) / a, sp.Le(p, E(X) / a))
    assert g.opaque == ["E(X)"]
    assert [n for n, _ in g.binders] == ["a", "hb_E0", "p"]
    assert "p <= ((hb_E0) / (a))" in g.hyps and not any("X" in h for h in g.hyps)


def test_a_direct_step_keeps_its_atoms_not_exportable() -> None:
    step = Step("s", E(X) ** 2, ">=", 0, "test")
    claim = Claim("T", "test", [], [step])
    res = StepResult("T", "s", step.relation_text(), Verdict.PROVED, "sympy")
    g = step_goal(claim, step, res, {}, "s_1")
    assert not g.exportable and "E(X)" in str(g.reason)


def _pairs():
    """True implications over atoms, each with a false twin that needs more than the source
    relation (a property of the atoms the kernel is not given, or another atom)."""
    ex, ey = E(X), E(Y)
    return [
        (_goal("scale", 2 * p, "<=", 2 * ex / a, sp.Le(p, ex / a)),
         _goal("scale_false", p, "<=", ex, sp.Le(p, ex / a))),  # needs a = 1
        (_goal("same", p + ey, "<=", ex / a + ey, sp.Le(p, ex / a)),
         _goal("other_atom", p, "<=", ey / a, sp.Le(p, ex / a))),  # E(Y) is not E(X)
        (_goal("square", p * ex**2, "<=", p * ex**2 + 1, sp.Le(p, ex / a)),
         _goal("nonneg", 0, "<=", ex, sp.Le(p, ex / a))),  # E(X) >= 0 is not known
        # a probability is at most 1 (Theorem 6.1 (corrected), U7b); an expectation is not
        (_goal("pr_le_1", Pr(X >= a), "<=", sp.Min(1, p), sp.Le(Pr(X >= a), p)),
         _goal("e_le_1", ex, "<=", sp.Min(1, p), sp.Le(ex, p))),
    ]


@pytest.mark.skipif(not HAS_COQ, reason="coqc/coqtop not installed")
def test_true_implications_checked_false_twins_and_mutants_rejected(tmp_path: Path) -> None:
    pairs = _pairs()
    true = [t for t, _ in pairs]
    goals = [*true, *[f for _, f in pairs], *[m for t in true for m in false_mutants(t)]]
    out = check_claim_file(Job("T", "test", goals), tmp_path, timeout=5, file_limit=240)
    status = {k.step: k.status for k in out.steps}
    assert [status[t.step] for t in true] == ["checked"] * 4
    assert [s for name, s in status.items() if name not in {t.step for t in true}] == (
        ["failed"] * 8)
    markov = next(k for k in out.steps if k.step == "scale")
    assert markov.opaque == ["E(X)"]
    assert markov.text() == ("checked (1 term(s) such as E(X) read as opaque reals: Pr in "
                             "[0, 1], Var, Norm, vol >= 0)")


def test_an_atom_that_reads_a_summation_index_is_not_abstracted() -> None:
    k = sp.Symbol("k", integer=True)
    a_k = sp.IndexedBase("A")[k]
    total = sp.Sum(Pr(X >= a_k), (k, 1, n))
    assert atoms_of([total, Pr(X >= a_k) - E(X)], sums=False) == [E(X)]
    assert atoms_of([total, E(X)], sums=True) == [total, E(X)]
