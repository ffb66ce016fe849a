"""Stated signs for the engine: expressions a claim's stated relations declare positive,
negative or non-zero.

* :func:`stated_nonzero` lets a premise be solved through a denominator the claim states is
  non-zero (:func:`~hallbound.proofs_checks.engine.premises.misses_points`);
* :func:`signed_atoms` lets the sign prover use a stated sign of an expectation or a
  probability (:func:`~hallbound.proofs_checks.engine.proving.prove_step`).

Both are sound as every stated relation is: it holds at every point the claim speaks of.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim


def listed(e: sp.Basic, among: Sequence[sp.Basic]) -> bool:
    """``e`` is one of ``among``, up to expansion (also inside ``E``/``Pr`` arguments)."""
    return any(e == a or sp.expand(e - a) == 0 for a in among)


def stated_signs(claim: Claim) -> list[tuple[sp.Basic, bool]]:
    """``(e, True)`` for each stated relation ``e > 0`` (or ``0 < e``), ``(e, False)`` for
    ``e < 0`` (or ``0 > e``), as written."""
    out: list[tuple[sp.Basic, bool]] = []
    for a in claim.assumptions:
        if not isinstance(a, sp.Rel) or a.rel_op not in (">", "<"):
            continue
        if a.rhs == 0 and a.lhs != 0:
            out.append((a.lhs, a.rel_op == ">"))
        elif a.lhs == 0 and a.rhs != 0:
            out.append((a.rhs, a.rel_op == "<"))
    return out


def signed_atoms(claim: Claim, exprs: Sequence[Any]) -> dict[sp.Basic, sp.Basic]:
    """When the claim states a sign (``e > 0``, ``e < 0``) of an expectation or probability
    in ``exprs``: each ``E[...]``/``Pr[...]`` there mapped to a fresh symbol that carries the
    stated sign (matched up to expansion) or else exactly what SymPy knows of the atom
    (real, non-negative, ...), so that the sign prover uses the stated sign and sees no sum
    inside an atom (which would make it expand a factored side). Sound as every stated
    relation is: it holds at every point the claim speaks of. Empty when no such atom."""
    from hallbound.proofs_checks.library.randomness import E, Pr

    signs = stated_signs(claim)
    exprs = [e for e in exprs if isinstance(e, sp.Basic)]
    # an atom reading a variable that a sum, product or integral binds is left alone (one
    # symbol for it would stand for every value of that variable at once)
    bound = {lim[0] for e in exprs for big in e.atoms(sp.Sum, sp.Product, sp.Integral)
             for lim in big.limits}
    atoms = {a for e in exprs for a in e.atoms(E, Pr) if not (a.free_symbols & bound)}
    out: dict[sp.Basic, sp.Basic] = {}
    for target, positive in signs:  # one symbol per stated atom, however it is written
        kind = {"positive": True} if positive else {"negative": True}
        symbol = sp.Dummy("stated", real=True, **kind)
        for a in atoms:
            if a not in out and listed(a, [target]):
                out[a] = symbol
    if not out:
        return {}
    for a in atoms - set(out):
        known = {k: True for k in ("real", "nonnegative", "positive", "nonpositive",
                                   "negative") if getattr(a, f"is_{k}") is True}
        out[a] = sp.Dummy("atom", **known)
    return out


def stated_nonzero(claim: Claim) -> list[sp.Basic]:
    """The expressions a stated relation of the claim declares non-zero: ``e > 0``,
    ``e < 0``, ``e != 0`` (either way round against 0), as written."""
    out: list[sp.Basic] = []
    for a in claim.assumptions:
        if not isinstance(a, sp.Rel) or a.rel_op not in (">", "<", "!="):
            continue
        lhs, rhs = a.lhs, a.rhs
        if rhs == 0 and lhs != 0:
            out.append(lhs)
        elif lhs == 0 and rhs != 0:
            out.append(rhs)
    return out
