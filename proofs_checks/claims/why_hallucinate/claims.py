r"""Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate": the claims of the
paper, step by step, as stated (``paper="why-hallucinate"``), and ``claims()`` for the
registry.

The claims live in one module per group: :mod:`.reduction` (Theorem 1, Corollary 1, Theorem 1's
consequences), :mod:`.calibration` (the calibration identity, uniform p-hat),
:mod:`.multiple_choice` (Theorems 3-4, Corollary 2), :mod:`.observations` (Observations 1-2,
the confidence targets, the worked numbers) and :mod:`.goodturing` (App. B and Theorem 2).
Finite-distribution steps are checked exactly on random and edge instances (see
:mod:`.common`); algebraic and constant steps are proved by SymPy (or certified by interval
arithmetic); a premise that another step or a cited lemma supplies enters through ``given``
and is named in ``premises``. Corrected claims (``source="corrected"``) follow the paper's.
"""

from __future__ import annotations

from hallbound.proofs_checks.claims.why_hallucinate.calibration import calibration, uniform_delta
from hallbound.proofs_checks.claims.why_hallucinate.multiple_choice import (
    corollary_2,
    theorem_3,
    theorem_4,
)
from hallbound.proofs_checks.claims.why_hallucinate.observations import (
    confidence_targets,
    observation_1,
    observation_2,
    worked_numbers,
)
from hallbound.proofs_checks.claims.why_hallucinate.reduction import (
    consequences,
    corollary_1,
    theorem_1,
)
from hallbound.proofs_checks.engine.claim import Claim


def claims() -> list[Claim]:
    """Every claim of the paper: as stated in paper order, then the corrected ones."""
    from hallbound.proofs_checks.claims.why_hallucinate import goodturing as gt

    return [
        theorem_1(),
        corollary_1(),
        consequences(),
        calibration(),
        uniform_delta(),
        *gt.claims_paper(),
        theorem_4(),
        theorem_3(),
        corollary_2(),
        observation_2(),
        observation_1(),
        confidence_targets(),
        worked_numbers(),
        calibration(as_stated=False),
        confidence_targets(as_stated=False),
        *gt.claims_corrected(),
    ]


__all__ = [
    "calibration",
    "claims",
    "confidence_targets",
    "consequences",
    "corollary_1",
    "corollary_2",
    "observation_1",
    "observation_2",
    "theorem_1",
    "theorem_3",
    "theorem_4",
    "uniform_delta",
    "worked_numbers",
]
