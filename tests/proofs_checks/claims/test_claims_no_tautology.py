"""No registered claim has a step whose two sides are the same expression as built.

SymPy's automatic evaluation can fold a step's computation before the checker sees it
(:math:`5/(\\gamma/2)` becomes :math:`10/\\gamma`, :math:`t/(1-t)` at :math:`t = 3/4` becomes
3), so the step would display, and be "proved", as a tautology ``x = x``: the step shown would
not be the computation the paper makes. Steps are built unevaluated instead; this test scans
every claim of both papers for a step whose sides are structurally identical (``lhs == rhs``).
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy as sp

from hallbound.proofs_checks.claims.registry import all_claims
from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.verdicts import Verdict


def tautologies(claims: Iterable[Claim]) -> list[str]:
    """``claim / step: relation`` for every step whose two SymPy sides are identical as built
    (text sides are not compared: they carry no computation)."""
    out = []
    for claim in claims:
        for step in claim.steps:
            lhs, rhs = step.lhs, step.rhs
            if isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic) and lhs == rhs:
                out.append(f"{claim.name} / {step.name}: {step.relation_text()}")
    return out


def test_the_scan_finds_a_step_folded_by_automatic_evaluation() -> None:
    g = sp.Symbol("gamma", positive=True)
    folded = Step("14", g / 3 + g / 6, "=", g / 2, "total failure probability")
    kept = Step("14", sp.Add(g / 3, g / 6, evaluate=False), "=", g / 2, "the same, unevaluated")
    claim = Claim("planted", "text", [], [folded, kept])
    assert tautologies([claim]) == ["planted / 14: gamma/2 = gamma/2"]


def test_written_at_keeps_the_computation_and_the_checker_still_decides_it() -> None:
    from hallbound.proofs_checks.claims.common import written_at

    g = sp.Symbol("gamma", positive=True)
    at_half = written_at(5 / g, {g: g / 2})  # Lemma 1's 5/gamma at gamma/2
    assert at_half != 10 / g and sp.simplify(at_half - 10 / g) == 0
    assert at_half.has(g / 2)  # the substituted value is still there
    gg = Param("gamma", g, lo=0, hi=1, lo_open=True)
    claim = Claim("planted", "text", [gg], [])
    true = Step("1", at_half, "=", 10 / g, "Lemma 1 at gamma/2")
    false = Step("1", at_half, "=", 5 / g, "a wrong value")
    assert check_step(claim, true).verdict is Verdict.PROVED
    assert check_step(claim, false).verdict is Verdict.REFUTED


def test_no_registered_step_is_a_tautology_as_built() -> None:
    claims = all_claims()
    assert {c.paper for c in claims} == {"bad-estimations", "why-hallucinate"}
    found = tautologies(claims)
    assert not found, "steps whose two sides are identical as built:\n" + "\n".join(found)
