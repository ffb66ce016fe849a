r"""Kalai et al. (2025), App. B and Theorem 2: the registry lists of the four Good-Turing
claims (``paper="why-hallucinate"``): Corollary 3 (:mod:`.goodturing_cor3`, on lemma
instances of the trust base), Lemma 1 (:mod:`.goodturing_lemma1`, citing Corollary 3),
Lemma 2 (:mod:`.goodturing_lemma2`) and Theorem 2 (:mod:`.goodturing_theorem2`).
"""

from __future__ import annotations

from hallbound.proofs_checks.claims.why_hallucinate.goodturing_cor3 import corollary_3
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma1 import lemma_1
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2 import lemma_2
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_theorem2 import theorem_2
from hallbound.proofs_checks.engine.claim import Claim


def claims_paper() -> list[Claim]:
    return [corollary_3(), lemma_1(), lemma_2(), theorem_2()]


def claims_corrected() -> list[Claim]:
    return []
