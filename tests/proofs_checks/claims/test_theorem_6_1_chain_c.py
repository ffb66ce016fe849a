"""Theorem 6.1's (B.5 chain c) is PROVED from (B.9) and (B.10): (B.10) solved for Pr[E2], (B.9)
for the moment in its bound, and Lemma B.6's stated E(mu_i - mu_0)^4 > 0 as the sign of the
denominator. Without that stated relation, or without (B.10), it is not PROVED."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import sympy as sp

from hallbound.proofs_checks.claims.bad_estimations import theorem_6_1 as t61
from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.engine.verdicts import Verdict

CHAIN = "B.5 chain c"


def _verdict(claim) -> str:
    """Chain c's verdict with (B.9) and (B.10) taken as PROVED (their own proofs are
    tested in test_theorem_6_1_steps.py); a step missing from the claim stays missing."""
    names = {s.name for s in claim.steps}
    earlier = {n: SimpleNamespace(verdict=Verdict.PROVED, assumed=[], region={})
               for n in ("B.9", "B.10") if n in names}
    (step,) = [s for s in claim.steps if s.name == CHAIN]
    res = check_step(claim, dataclasses.replace(step, law=None), trials=10, earlier=earlier)
    return res.verdict.value


def test_chain_c_is_proved() -> None:
    (claim,) = t61.claims()
    assert _verdict(claim) == "PROVED"


def test_chain_c_needs_the_stated_fourth_moment() -> None:
    (claim,) = t61.claims()
    kept = [a for a in claim.assumptions if not (isinstance(a, sp.Gt) and a.rhs == 0)]
    assert len(kept) == len(claim.assumptions) - 1
    assert _verdict(dataclasses.replace(claim, assumptions=kept)) != "PROVED"


def test_chain_c_needs_b10() -> None:
    (claim,) = t61.claims()
    steps = [s for s in claim.steps if s.name != "B.10"]
    assert _verdict(dataclasses.replace(claim, steps=steps)) != "PROVED"
