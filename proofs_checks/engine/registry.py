"""Every claim hallbound checks: the paper's (as stated) and the corrected ones, in paper order.

``all_claims()`` builds them (cached); ``find(names)`` selects by exact name (with the
corrected claim that replaces it: ``"Theorem 5.1"`` also selects ``"Theorem 5.1
(corrected)"``), or else by a case-insensitive prefix.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from hallbound.errors import InputError
from hallbound.proofs_checks.engine.claim import Claim

_MODULES = (
    "bad_estimations.lemma_b1",
    "bad_estimations.theorem_5_1",
    "bad_estimations.theorem_5_2",
    "bad_estimations.lemmas",
    "bad_estimations.theorem_6_1",
    "bad_estimations.theorem_c1",
    "bad_estimations.corrected",
    "bad_estimations.paley_zygmund",  # Lemma B.2 (corrected)
    "bad_estimations.union_bound",  # Theorem 6.1 (corrected)
    "bad_estimations.bounds_refined",  # refined lower bounds on P_H (tightness helper)
    "why_hallucinate.claims",  # Kalai et al. (2025), paper="why-hallucinate"
)


@functools.cache
def all_claims() -> tuple[Claim, ...]:
    """The paper's claims as stated, then the corrected claims."""
    import importlib

    out: list[Claim] = []
    for name in _MODULES:
        module = importlib.import_module(f"hallbound.proofs_checks.claims.{name}")
        out.extend(module.claims())
    return tuple(out)


def names(paper: str | None = None) -> list[str]:
    """The names of every registered claim (of one paper when ``paper`` is given)."""
    return [c.name for c in all_claims() if paper in (None, c.paper)]


def papers() -> list[str]:
    """The paper keys of the registered claims, in registry order."""
    return list(dict.fromkeys(c.paper for c in all_claims()))


def find(selection: Sequence[str] | None, paper: str | None = None) -> list[Claim]:
    """The claims named in ``selection`` (all when empty), of ``paper`` only when given;
    :class:`InputError` on a name that matches nothing or an unknown paper."""
    claims = list(all_claims())
    if paper is not None:
        if paper not in papers():
            raise InputError("--paper", f"unknown paper {paper!r} (known: {', '.join(papers())})")
        claims = [c for c in claims if c.paper == paper]
    if not selection:
        return claims
    chosen: list[Claim] = []
    for want in selection:
        exact = [c for c in claims if c.name == want or c.corrects == want]
        hits = exact or [c for c in claims if c.name.lower().startswith(want.lower())]
        if not hits:
            raise InputError("CLAIM", f"no claim named {want!r} (known: {', '.join(names(paper))})")
        chosen.extend(c for c in hits if c not in chosen)
    return chosen
