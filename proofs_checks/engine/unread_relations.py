r"""Stated relations a falsification search cannot test, and that bear on what it draws.

The search keeps to the claim's stated relations by testing each one at every point
(:func:`~hallbound.proofs_checks.engine.search._assumptions_hold`). A relation with no
numeric form there is left out of that test: one holding ``E``/``Pr``/``Var`` or an opaque
function (``f(x) = 0``), a sum to a symbolic length or an integral, a symbol the search does
not draw (``x \le y`` with ``y`` undeclared), or a statement in words (``"x <= 1/2"``).

Such a relation can still constrain the drawn parameters, alone or with others:
``mu = E X`` and ``X <= 1 - mu`` give ``mu <= 1/2``; ``f(x) = 0`` and ``f(x) = x - 1/2`` give
``x = 1/2``; ``x <= y`` and ``y <= 1/2`` give ``x <= 1/2``. A point of the search may then
break what the claim states, and a "counterexample" there refutes nothing.

:func:`unread_relations` lists them: every left-out relation that shares a name with a drawn
parameter, directly or through a chain of left-out relations (names: the free symbols, the
random variables, the heads of opaque functions; for a text, its identifiers). The checker
withdraws a witness while the list is not empty (UNDECIDED, naming the relations), so that a
REFUTED always rests on a point that meets everything the claim states."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param
from hallbound.proofs_checks.engine.search import _at, _relation_or_none, composed

_IDENT = re.compile(r"[^\W\d]\w*")


def unread_relations(
    claim: Claim, params: list[Param], subs: Mapping[sp.Basic, Any] | None = None
) -> list[Any]:
    """The stated relations of ``claim`` the search at ``params`` (under the step's
    substitution ``subs``) cannot test and that reach a drawn parameter (as the claim states
    them: :func:`describe` gives their text); an empty list when every relation that bears
    on the draw is tested."""
    drawn = {p.symbol for p in params}
    values = {k: v for k, v in composed(subs or {}).items()
              if isinstance(v, sp.Basic) and v.free_symbols <= drawn}
    reached = set().union(*(_words(p.name, split=False) for p in params)) \
        | {str(s) for s in drawn} | {str(k) for k in values}
    left_out = [(a, names) for a in claim.assumptions
                if (names := _left_out_names(a, drawn, values)) is not None]
    out: list[Any] = []
    changed = True
    while changed:
        changed = False
        for a, names in left_out:
            if names & reached and not any(a is b for b in out):
                out.append(a)
                reached |= names
                changed = True
    return out


def _left_out_names(
    a: Any, drawn: set[sp.Basic], values: Mapping[sp.Basic, Any]
) -> set[str] | None:
    """The names an assumption the search leaves out is about; None when the search tests
    it (a relation with a numeric form over drawn symbols only)."""
    if isinstance(a, str):
        return _words(a)
    rel = _relation_or_none(a)
    if rel is not None:
        rel = _relation_or_none(_at(rel, values)) if values else rel
        if rel is not None and (rel[0].free_symbols | rel[2].free_symbols) <= drawn:
            return None  # tested at every point (or found to have no numeric form there)
    return _names(a)


def _words(text: str, split: bool = True) -> set[str]:
    """The identifiers of a text, each also split at ``_`` (``p_t`` names ``p`` and ``t``;
    not for a parameter's own name: ``N_e`` is not ``N``), and the name of each Greek
    letter."""
    out = set()
    for w in _IDENT.findall(text):
        out |= {w, *filter(None, w.split("_"))} if split else {w}
    for c in text:  # a Greek letter also by its name: "μ" is "mu"
        if "GREEK" in unicodedata.name(c, ""):
            out.add(unicodedata.name(c).split()[-1].lower())
    return out


def _names(a: Any) -> set[str]:
    """Free symbols, random variables and opaque function heads of every SymPy part."""
    if isinstance(a, sp.Basic):
        out = {str(s) for s in a.free_symbols}
        out |= {str(f.func) for f in a.atoms(sp.Function)
                if isinstance(f, sp.core.function.AppliedUndef)}
        return out
    if isinstance(a, tuple | list):
        return set().union(*(_names(x) for x in a)) if a else set()
    declared = getattr(a, "vars", None)  # an independence declaration and the like
    return _names(tuple(declared)) if declared is not None else _words(str(a))


def describe(a: Any) -> str:
    """A stated relation as text."""
    if isinstance(a, tuple) and len(a) == 3:
        return f"{sp.sstr(a[0])} {a[1]} {sp.sstr(a[2])}"
    return a if isinstance(a, str) else sp.sstr(a)


__all__ = ["describe", "unread_relations"]
