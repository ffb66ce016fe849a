"""Every claim hallbound checks: the paper's (as stated) and the corrected ones, in paper order.

``all_claims()`` builds them (cached); ``find(names)`` selects by exact name (with the
corrected claim that replaces it: ``"Theorem 5.1"`` also selects ``"Theorem 5.1
(corrected)"``), or else by a case-insensitive prefix.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from hallbound.proofs_checks.claim import Claim

from hallbound.errors import InputError

_MODULES = (
    "lemma_b1",
    "theorem_5_1",
    "theorem_5_2",
    "lemmas",
    "theorem_6_1",
    "theorem_c1",
    "corrected",
    "paley_zygmund",  # Lemma B.2 (corrected)
    "union_bound",  # Theorem 6.1 (corrected)
    "bounds_refined",  # refined lower bounds on P_H (tightness helper)
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


def names() -> list[str]:
    """The names of every registered claim."""
    return [c.name for c in all_claims()]


def find(selection: Sequence[str] | None) -> list[Claim]:
    """The claims named in ``selection`` (all when empty); :class:`InputError` on a name
    that matches nothing."""
    claims = list(all_claims())
    if not selection:
        return claims
    chosen: list[Claim] = []
    for want in selection:
        exact = [c for c in claims if c.name == want or c.corrects == want]
        hits = exact or [c for c in claims if c.name.lower().startswith(want.lower())]
        if not hits:
            raise InputError("CLAIM", f"no claim named {want!r} (known: {', '.join(names())})")
        chosen.extend(c for c in hits if c not in chosen)
    return chosen
