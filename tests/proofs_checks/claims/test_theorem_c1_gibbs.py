"""Theorem C.1 as stated: Gibbs' step (C.1b) is PROVED from ln x <= x - 1 and Definition C.1's
probability vectors (sum_t p(t) = sum_t qbar(t) = 1, stated relations of the claim), and is
not PROVED without them."""

from __future__ import annotations

import dataclasses

import pytest

from hallbound.proofs_checks.claims.bad_estimations import theorem_c1 as tc1
from hallbound.proofs_checks.engine.checker import check_step


def _gibbs(claim) -> str:
    earlier = {}
    for step in claim.steps[:3]:  # C.1a, C.1b (log bound), C.1b (Gibbs)
        earlier[step.name] = check_step(claim, step, trials=20, earlier=earlier)
    return earlier["C.1b (Gibbs)"].verdict.value


@pytest.mark.parametrize("keep", [(0, 1), (0,), (1,), ()])
def test_gibbs_needs_both_probability_vectors(keep: tuple[int, ...]) -> None:
    (claim,) = tc1.claims()
    assert list(claim.assumptions) == list(tc1.SUMS_ONE)
    assert [s.name for s in claim.steps[:3]] == ["C.1a", "C.1b (log bound)", "C.1b (Gibbs)"]
    kept = [tc1.SUMS_ONE[k] for k in keep]
    verdict = _gibbs(dataclasses.replace(claim, assumptions=kept))
    assert (verdict == "PROVED") == (keep == (0, 1)), (keep, verdict)
