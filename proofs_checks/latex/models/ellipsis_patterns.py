r"""Entries with a shifted index and ellipses of compound terms, written out at a count
(used by :mod:`.small_counts`).

Texts index a family by a count with a shift (``Z_{n-1}``, ``x_{n+1}``) and write an ellipsis
between two compound terms of one pattern, ascending or descending:
``(Z_n - Z_{n-1}) + (Z_{n-1} - Z_{n-2}) + \cdots + (Z_1 - Z_0)`` or
``f(x_1) y_1 + \cdots + f(x_n) y_n``. Here

* :func:`shifted_entry` reads an entry name ``Z_{n-1}`` as ``(Z, n, -1)`` (``Z_3``:
  ``(Z, None, 3)``), so that at the count ``n = 4`` it is the entry ``Z_3``;
* :func:`ellipsis_pattern` reads an ellipsis atom whose ends are expressions in entries:
  one end (the *anchor*) has only numbered entries, the other is the anchor with every index
  shifted by the same ``count + s``; the ellipsis then stands for the terms ``T(j)``,
  ``j = 0 .. count + s``, ``T(j)`` the anchor with every index raised by ``j``
  (:func:`pattern_terms`). A pattern whose ends do not match that way is not read.

The ellipsis steps by 1 only where the terms say so (:func:`_steps_by_one`): every family
at one index in a term (``f(x_1) y_1``), or a difference of consecutive entries
(``Z_1 - Z_0``, ``f(Z_1) - f(Z_0)``). A term that covers two indices otherwise (a pair
``a_1 + a_2``, which texts step by 2) or more (``Z_2 - Z_0``) is not read: the stride
is the author's, not guessed.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

_SHIFTED = re.compile(r"(?P<base>[A-Za-z]+)_\{?(?P<letter>[A-Za-z])?(?P<shift>[+-]?\d+)?\}?")


def shifted_entry(name: str) -> tuple[str, str | None, int] | None:
    """``(base, count letter or None, shift)`` of an entry name: ``Z_{n-1}`` ->
    ``("Z", "n", -1)``, ``Z_n`` -> ``("Z", "n", 0)``, ``Z_3`` -> ``("Z", None, 3)``; None
    for any other name (``Z_{ij}``, ``Z_{2n}``)."""
    m = _SHIFTED.fullmatch(name)
    if m is None or (m.group("letter") is None and m.group("shift") is None):
        return None
    if m.group("letter") is None and m.group("shift").startswith(("+", "-")):
        return None
    shift = int(m.group("shift") or 0)
    return m.group("base"), m.group("letter"), shift


def _entries(expr: Any, atoms: dict) -> dict[sp.Symbol, tuple[str, str | None, int]] | None:
    """Every free symbol of ``expr`` as an entry; None when one is not an entry."""
    out = {}
    for s in sp.sympify(expr).free_symbols:
        parts = shifted_entry(s.name) if s not in atoms else None
        if parts is None:
            return None
        out[s] = parts
    return out


def _keyed(expr: Any, entries: dict, shift: Any) -> Any:
    """``expr`` with each entry replaced by a placeholder named by its base and its index
    plus ``shift`` (a SymPy expression in the count letter)."""
    swap = {}
    for s, (base, letter, k) in entries.items():
        index = sp.expand((sp.Symbol(letter) if letter else 0) + k + shift)
        swap[s] = sp.Symbol(f"{base}@{sp.sstr(index)}")
    return sp.expand(expr.xreplace(swap))


def ellipsis_pattern(atom: Any, atoms: dict) -> tuple[Any, dict, str, int] | None:
    """``(anchor, its entries, count letter, s)`` of an ellipsis atom between compound
    terms of one pattern (module doc); None for any other atom."""
    if getattr(atom, "head", None) != "ellipsis" or not isinstance(atom.arg, sp.Tuple):
        return None
    ends = [(e, _entries(e, atoms)) for e in atom.arg]
    if any(ent is None or not ent for _, ent in ends):
        return None
    anchors = [k for k, (_, ent) in enumerate(ends) if all(p[1] is None for p in ent.values())]
    if len(anchors) != 1:
        return None
    (anchor, a_ent), (other, o_ent) = ends[anchors[0]], ends[1 - anchors[0]]
    letters = {p[1] for p in o_ent.values()}
    if len(letters) != 1 or None in letters:
        return None
    letter = letters.pop()
    base, _, k = min(o_ent.values(), key=lambda p: (p[0], p[2]))
    low = min(p[2] for p in a_ent.values() if p[0] == base) if any(
        p[0] == base for p in a_ent.values()) else None
    if low is None:
        return None
    s = k - low
    if not _steps_by_one(anchor, a_ent):
        return None
    if _keyed(anchor, a_ent, sp.Symbol(letter) + s) != _keyed(other, o_ent, 0):
        return None
    return anchor, a_ent, letter, s


def _steps_by_one(anchor: Any, entries: dict) -> bool:
    """Whether consecutive terms of the pattern are the anchor shifted by 1: the anchor's
    entries are at one index per family and at most two consecutive indices in all, and
    when two, the anchor is ``P(k+1) - P(k)`` (its part at the high index is minus its part
    at the low index raised by 1), a step of a telescoping sum."""
    indices = {k for _, _, k in entries.values()}
    if len(indices) == 1:
        return True
    if len(indices) != 2 or max(indices) - min(indices) != 1:
        return False
    low = min(indices)
    parts: dict[int, list[Any]] = {low: [], low + 1: []}
    for term in sp.Add.make_args(sp.expand(anchor)):
        at = {entries[x][2] for x in term.free_symbols if x in entries}
        if len(at) != 1:
            return False
        parts[at.pop()].append(term)
    lo, hi = sp.Add(*parts[low]), sp.Add(*parts[low + 1])
    raised = lo.xreplace({x: sp.Symbol(f"{b}@{k + 1}") for x, (b, _, k) in entries.items()})
    named = hi.xreplace({x: sp.Symbol(f"{b}@{k}") for x, (b, _, k) in entries.items()})
    return sp.expand(named + raised) == 0


def pattern_terms(pattern: tuple[Any, dict, str, int], count: int,
                  make: Any) -> list[Any] | None:
    """The terms ``T(0) .. T(count + s)`` of a pattern at a count; None when the ellipsis
    would run backwards there (fewer than one term). ``make(name, latex)`` gives the
    environment's symbol of an entry."""
    anchor, entries, _, s = pattern
    last = count + s
    if last < 0:
        return None
    from hallbound.proofs_checks.latex.math_tokens import GREEK

    terms = []
    for j in range(last + 1):
        swap = {sym: make(f"{base}_{k + j}",
                          f"{chr(92) + base if base in GREEK else base}_{{{k + j}}}")
                for sym, (base, _, k) in entries.items()}
        terms.append(anchor.xreplace(swap))
    return terms


def entry_definitions(defs: dict, counts: set[str]) -> list[tuple[str, str, Any, dict]]:
    """The stated definitions of a family entry by entries of other families at a generic
    index (``D_i = Z_i - Z_{i-1}``): ``(base, index letter, expression, its entries)``; the
    index letter is no count."""
    out = []
    for sym, expr in defs.items():
        parts = shifted_entry(getattr(sym, "name", ""))
        if parts is None or parts[1] is None or parts[2] != 0 or parts[1] in counts:
            continue
        entries = _entries(expr, {})
        if entries and all(p[1] == parts[1] for p in entries.values()) and all(
                p[0] != parts[0] for p in entries.values()):
            out.append((parts[0], parts[1], expr, entries))
    return out


def apply_entry_definitions(expr: Any, definitions: list, make: Any) -> Any:
    """``expr`` (written out at a count) with each numbered entry ``D_3`` of a defined family
    replaced by its definition at that index (``Z_3 - Z_2``); raises ValueError when the
    definition reaches an entry before index 0."""
    swap = {}
    for s in getattr(expr, "free_symbols", set()):
        parts = shifted_entry(s.name)
        if parts is None or parts[1] is not None:
            continue
        for base, _, body, entries in definitions:
            if base != parts[0]:
                continue
            k = parts[2]
            if any(k + sh < 0 for _, _, sh in entries.values()):
                raise ValueError("a definition reaching an entry before index 0")
            swap[s] = body.xreplace({e: make(f"{b}_{k + sh}", f"{b}_{{{k + sh}}}")
                                     for e, (b, _, sh) in entries.items()})
    return expr.xreplace(swap) if swap else expr


__all__ = ["apply_entry_definitions", "ellipsis_pattern", "entry_definitions", "pattern_terms",
           "shifted_entry"]
