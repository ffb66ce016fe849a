"""Selecting claims by name: the generic part of a claim registry.

The claims themselves are registered in :mod:`hallbound.proofs_checks.claims.registry`
(the engine imports no claim). :func:`select` picks by exact name (with the corrected claim
that replaces it: ``"Theorem 5.1"`` also selects ``"Theorem 5.1 (corrected)"``), or else by a
case-insensitive prefix.
"""

from __future__ import annotations

from collections.abc import Sequence

from hallbound.errors import InputError
from hallbound.proofs_checks.engine.claim import Claim


def claim_names(claims: Sequence[Claim], paper: str | None = None) -> list[str]:
    """The names of ``claims`` (of one paper when ``paper`` is given)."""
    return [c.name for c in claims if paper in (None, c.paper)]


def claim_papers(claims: Sequence[Claim]) -> list[str]:
    """The paper keys of ``claims``, in order of first appearance."""
    return list(dict.fromkeys(c.paper for c in claims))


def select(
    claims: Sequence[Claim], selection: Sequence[str] | None, paper: str | None = None
) -> list[Claim]:
    """The claims of ``claims`` named in ``selection`` (all when empty), of ``paper`` only when
    given; :class:`InputError` on a name that matches nothing or an unknown paper."""
    pool = list(claims)
    if paper is not None:
        known = claim_papers(pool)
        if paper not in known:
            raise InputError("--paper", f"unknown paper {paper!r} (known: {', '.join(known)})")
        pool = [c for c in pool if c.paper == paper]
    if not selection:
        return pool
    chosen: list[Claim] = []
    for want in selection:
        exact = [c for c in pool if c.name == want or c.corrects == want]
        hits = exact or [c for c in pool if c.name.lower().startswith(want.lower())]
        if not hits:
            known = ", ".join(claim_names(claims, paper))
            raise InputError("CLAIM", f"no claim named {want!r} (known: {known})")
        chosen.extend(c for c in hits if c not in chosen)
    return chosen


__all__ = ["claim_names", "claim_papers", "select"]
