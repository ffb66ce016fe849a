"""Every claim hallbound checks: the paper's (as stated) and the corrected ones, in paper order.

``all_claims()`` builds them (cached); ``find(names)`` selects by exact name (with the
corrected claim that replaces it: ``"Theorem 5.1"`` also selects ``"Theorem 5.1
(corrected)"``), or else by a case-insensitive prefix
(:func:`hallbound.proofs_checks.engine.registry.select`).

A user's claims come after the papers': a plugin module (``hallbound --plugin mymod check``) or
an entry point of the group ``hallbound.claims`` registers a :class:`Claim` with
``hallbound.registry.registry("claims").register(claim)``, whose store is :data:`USER_CLAIMS`.
Such a claim is never marked ``registered`` (it is reported as "your claim", not as a
paper's), and may not reuse a paper claim's name.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from hallbound.errors import InputError
from hallbound.proofs_checks.engine.claim import Claim
from hallbound.proofs_checks.engine.registry import claim_names, claim_papers, select

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


#: The user's claims by name: the store of ``hallbound.registry.registry("claims")``.
USER_CLAIMS: dict[str, Claim] = {}


def all_claims() -> tuple[Claim, ...]:
    """The paper's claims as stated, then the corrected claims, then the user's (plugins)."""
    return paper_claims() + user_claims()


def user_claims() -> tuple[Claim, ...]:
    """The claims registered by plugins, in registration order; :class:`InputError` naming
    ``--plugin`` when one takes the name of a paper's claim."""
    users = tuple(USER_CLAIMS.values())
    taken = {c.name for c in paper_claims()}
    for claim in users:
        if claim.name in taken:
            raise InputError("--plugin", f"claim {claim.name!r} is a paper's claim: choose "
                             "another name")
    return users


@functools.cache
def paper_claims() -> tuple[Claim, ...]:
    """The paper's claims as stated, then the corrected claims (built once)."""
    import importlib

    out: list[Claim] = []
    for name in _MODULES:
        module = importlib.import_module(f"hallbound.proofs_checks.claims.{name}")
        out.extend(module.claims())
    for claim in out:
        claim.registered = True
    return tuple(out)


def names(paper: str | None = None) -> list[str]:
    """The names of every registered claim (of one paper when ``paper`` is given)."""
    return claim_names(all_claims(), paper)


def papers() -> list[str]:
    """The paper keys of the registered claims, in registry order."""
    return claim_papers(all_claims())


def find(selection: Sequence[str] | None, paper: str | None = None) -> list[Claim]:
    """The claims named in ``selection`` (all when empty), of ``paper`` only when given;
    :class:`InputError` on a name that matches nothing or an unknown paper."""
    return select(all_claims(), selection, paper)


__all__ = [
    "USER_CLAIMS",
    "all_claims", "find", "names", "paper_claims", "papers", "user_claims"]

#: ``all_claims.cache_clear()`` drops the built papers' claims (tests that plant a source).
all_claims.cache_clear = paper_claims.cache_clear  # type: ignore[attr-defined]
