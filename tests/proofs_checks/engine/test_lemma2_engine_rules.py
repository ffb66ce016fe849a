"""The engine rules Lemma 2's tails need (issue 22), each with a control that must fail: the
``conditional-sum`` hypothesis is met only by the claim's stated relation; a cited step's
relation is also read with the claim's definitions written out; probabilities are first
treated as non-negative atoms when SymPy decides a sign."""

from __future__ import annotations

import dataclasses

import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2 import lemma_2
from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.engine.prover import prove_relation
from hallbound.proofs_checks.engine.verdicts import Verdict
from hallbound.proofs_checks.library.randomness import Pr, random_symbol


def _run(claim, names: list[str]) -> dict:
    by = {s.name: s for s in claim.steps}
    done: dict = {}
    for name in names:
        done[name] = check_step(claim, by[name], earlier=done)
    return done


def test_conditional_hoeffding_needs_the_stated_structure() -> None:
    claim = lemma_2()
    names = ["13a", "2b", "12 (Hoeffding)"]
    ok = _run(claim, names)["12 (Hoeffding)"]
    assert ok.verdict is Verdict.PROVED, ok.method
    kept = tuple(a for a in claim.assumptions
                 if not (isinstance(a, tuple) and a[1] == "conditional-sum"))
    assert len(kept) == len(claim.assumptions) - 1
    bare = _run(dataclasses.replace(claim, assumptions=kept), names)["12 (Hoeffding)"]
    assert bare.verdict is Verdict.ASSUMED
    assert any("conditional-sum" in a for a in bare.assumed), bare.assumed


def test_a_cited_step_with_the_definitions_written_out() -> None:
    # 6 (lemma) needs zeta = ln(3N/gamma)/N > 0: from 6c0 (ell >= 1, ell := ln(3N/gamma))
    claim = lemma_2()
    names = ["13a", "2b", "6c0", "6 (lemma)"]
    ok = _run(claim, names)["6 (lemma)"]
    assert ok.verdict is Verdict.PROVED, (ok.method, ok.assumed)
    steps = [dataclasses.replace(s, cites=()) if s.name == "6 (lemma)" else s
             for s in claim.steps]
    uncited = _run(dataclasses.replace(claim, steps=steps), names)["6 (lemma)"]
    assert uncited.verdict is Verdict.ASSUMED
    assert any("Missed heavy value (union) hypothesis" in a for a in uncited.assumed)


def test_probabilities_as_atoms_prove_signs_and_refuse_false_ones() -> None:
    s, mm, v = (random_symbol(n) for n in ("S", "MM", "V"))
    n, g = sp.Symbol("N", positive=True, integer=True), sp.Symbol("gamma", positive=True)
    event = sp.And(sp.Le(s, mm / 2 - sp.sqrt(sp.log(3 * n / g) * sp.log(6 / g) / (2 * n))),
                   sp.Le(v, sp.log(3 * n / g) / n))
    other = sp.Gt(v, sp.log(3 * n / g) / n)
    assert prove_relation(Pr(event) + Pr(other), ">=", 0)
    assert prove_relation(Pr(event), "<=", Pr(event) + Pr(other))
    assert prove_relation(Pr(event), "<=", g / 2) is None  # false for some laws
    assert prove_relation(Pr(event) - Pr(other), ">=", 0) is None
