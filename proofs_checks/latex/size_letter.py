r"""The letter of an unfixed size: in :math:`x \in \mathbb{R}^d` the letter ``d`` is the
size of ``x``, so in each size tried (:mod:`.dimensions`) ``d`` equals that size.

The letter is tied (:func:`stated_letter`) when every vector of the unfixed size names the
same one letter, no matrix has the unfixed size (``A \succ 0`` says nothing of ``d``), no
``let`` defines it and no stated relation links it to another name (``n \ge d``). In the run
of size ``s`` (:func:`letter_value`) a step that holds the letter and a vector or another
size-dependent part of the free size is checked with ``d = s`` (:func:`tie_step`), when
``s`` meets the letter's stated domain (its number set and bounds, ``d \ge 5``); a size
outside it is left out: each step of the environment carries :data:`OUTSIDE_NOTE` in that
run, and :func:`.dimensions.merge_dim_check` ignores that run. Reading the letter records it
as a size-dependent part (:func:`.dim_reading.note_sized`): a step checked with ``d = s``
holds in the sizes tried only (at most SUPPORTED). A step that holds the letter alone keeps
it free. A letter of a free size that is not tied (:func:`untied_letters`) is a number of
its own, and a step that reads it is never REFUTED.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.dim_reading import size_tried

#: The start of the note on each step of a run whose size lies outside the letter's domain.
OUTSIDE_NOTE = "size left out:"
#: How a letter of a free size that is not tied to the size built is named in the size note.
UNTIED = "the untied size letter"


def stated_letter(hyp: Any, lets: list[str]) -> str:
    """The letter of the unfixed size (module doc); "" when none is tied."""
    if hyp.dim is not None or any(d.kind == "spd" for d in hyp.domains.values()):
        return ""
    free = [d for d in hyp.domains.values() if d.kind == "vector" and d.dim is None]
    letters = {d.size_name for d in free}
    if len(letters) != 1 or "" in letters:
        return ""
    (letter,) = letters
    if letter in hyp.domains and hyp.domains[letter].kind != "real":
        return ""
    if any(t.split("=", 1)[0].strip() == letter for t in lets):
        return ""
    if any(name == letter for name, _, _ in hyp.definitions):
        return ""
    return letter


def letter_value(hyp: Any, table: Any, relations: list[tuple[Any, str, Any]]
                 ) -> tuple[dict[sp.Symbol, sp.Basic], str]:
    """``({d: s}, "")`` for the tied letter ``d`` and the size ``s`` being tried when ``s``
    meets the letter's domain and the stated relations on ``d`` alone; ``({}, note)`` when
    it does not (the note starts with :data:`OUTSIDE_NOTE`); ``({}, "")`` when no letter is
    tied. Reading ``d`` from here on records it (``table.objects.kinds``)."""
    letter = hyp.size_letter
    if not letter:
        for name in untied_letters(hyp):  # d free beside the size built: never REFUTED
            table.objects.kinds.setdefault(name, frozenset({f"{UNTIED} {name}"}))
        return {}, ""
    size = size_tried()
    table.objects.kinds[letter] = frozenset({f"the size letter {letter}"})
    sym = table.make(letter, letter)
    outside = f"{OUTSIDE_NOTE} size {size} lies outside the stated domain of {letter}"
    dom = hyp.domains.get(letter)
    if dom is not None and not _in_domain(dom, size):
        return {}, outside
    if any(sym in _free(a) | _free(b) and _free(a) | _free(b) != {sym} for a, _, b in relations):
        table.objects.kinds[letter] = frozenset({f"{UNTIED} {letter}"})  # n >= d: not tied
        return {}, ""
    for lhs, op, rhs in relations:
        if _free(lhs) | _free(rhs) != {sym}:
            continue
        held = sp.sympify(_RELATION[op](lhs.xreplace({sym: size}), rhs.xreplace({sym: size})))
        if held is not sp.true:  # false, or not decided: nothing is claimed in this size
            return {}, outside
    return {sym: sp.Integer(size)}, ""


def tie_step(step: Any, sized: frozenset[str], checker: Any) -> tuple[Any, frozenset[str]]:
    """``step`` with the tied letter set to the size tried (the definitions in force
    substituted first) when it also holds a vector or a size-dependent part of the free size,
    and the size-dependent parts it holds. A step that holds the letter alone keeps it free
    (``V(B_r) = r^d V(B_1)``: ``d`` is any dimension there), and the letter is no part of it."""
    letter = checker.letter
    if not letter:
        return step, sized
    (sym, size), = letter.items()
    kind = f"the size letter {sym.name}"
    if kind not in sized:
        return step, sized
    table = checker.table
    free = _free(step.lhs) | _free(step.rhs)
    vectors = any(getattr(obj, "free_symbols", set()) & free for obj in table.objects.values())
    if not vectors and not sized - {kind}:
        return step, sized - {kind}
    defs = {**checker.defs, **letter}
    return replace(step, lhs=step.lhs.xreplace(defs).xreplace(letter),
                   rhs=step.rhs.xreplace(defs).xreplace(letter)), sized


def untied_letters(hyp: Any) -> set[str]:
    """The letters naming a free size (``d`` of ``\\mathbb{R}^d``) that are not tied to the
    size built (two letters, a matrix of a free size, a ``let`` of the letter): a step that
    reads one is never REFUTED by vectors of a size other than the letter's value
    (:func:`.dimensions.merge_dim_check`)."""
    return {d.size_name for d in hyp.domains.values()
            if d.kind == "vector" and d.dim is None and d.size_name} - {hyp.size_letter}


def _in_domain(dom: Any, size: int) -> bool:
    """Whether the integer ``size`` lies in ``dom``'s interval."""
    lo, hi, lo_open, hi_open = dom.ends()
    if lo is not None and (size < lo or (lo_open and size == lo)):
        return False
    return not (hi is not None and (size > hi or (hi_open and size == hi)))


def _free(x: Any) -> set:
    return set(x.free_symbols) if isinstance(x, sp.Basic) else set()


_RELATION = {"<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge, "!=": sp.Ne, "=": sp.Eq}


__all__ = ["OUTSIDE_NOTE", "UNTIED", "letter_value", "stated_letter", "tie_step",
           "untied_letters"]
