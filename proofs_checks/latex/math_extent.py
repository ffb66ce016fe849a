r"""The extent of an operator over an index (``\sup_x``, ``\inf_x``, ``\max_x``, ``\min_x``,
``\arg\min_x``): the reader takes its body to be the next factor, as ``\sup_x \langle y, x
\rangle``. Authors also write ``\sup_x \langle y, x \rangle - f(x)`` (a conjugate), meaning
the supremum of the whole difference. When the index occurs again after the body, beyond a
top-level ``+`` or ``-`` of the same group (and no later operator binds the same letter:
:func:`index_after_body`), the operator covers the rest of its group (the terms free of the
index commute with it), never a reading ``(\sup_x \langle y, x\rangle) - f(x)`` with a free
``x``. Sums and products keep their one-factor body.

Two shapes keep the earlier refusal (the extent is ambiguous), never the long reading: a body
the author closed with brackets (``\sup_x \big(xy - x^2\big) - x``, ``\max_x 2(1 - x) + x``:
:func:`body_closed`), and an extension that leaves the body free of the index (``\max_k a_k
- a_k``: the gap at a free ``k`` is then the only sensible reading). A letter carrying a
subscript of its own (``x_0`` after ``\sup_x``) is another name, not a recurrence.
"""

from __future__ import annotations

from typing import Any

from hallbound.proofs_checks.latex.math_names import closer_of, is_closer, match_group, show

#: Operators that bind an index written below them.
BINDERS = frozenset("sup inf max min argmin argmax sum prod int bigcup bigcap esssup".split())
#: Brackets that group terms (a ``\langle .. \rangle`` or ``\lceil .. \rceil`` is a function).
GROUPING = frozenset({("sym", "("), ("sym", "["), ("cmd", "{"), ("cmd", "lbrace"),
                      ("cmd", "lbrack")})
PRODUCT_SIGNS = frozenset("cdot times ast".split())


def _binds(toks: list[Any], k: int, index: str) -> bool:
    """Whether the token at ``k`` is an operator whose subscript names ``index``."""
    t = toks[k]
    if t.kind != "cmd" or t.text not in BINDERS or k + 1 >= len(toks):
        return False
    if show(toks[k + 1]) != "_":
        return False
    depth, j = 0, k + 2
    while j < len(toks):
        u = toks[j]
        depth += closer_of(u) is not None
        depth -= is_closer(u)
        if u.text == index and u.kind in ("letter", "cmd"):
            return True
        if depth <= 0:
            return False
        j += 1
    return False


def _recurs(toks: list[Any], k: int, index: str, plain: bool) -> bool:
    """Whether the token at ``k`` is the index letter itself (with a ``plain`` index, one
    without a subscript, ``x_0`` is another name)."""
    t = toks[k]
    if t.text != index or t.kind not in ("letter", "cmd"):
        return False
    return not (plain and k + 1 < len(toks) and show(toks[k + 1]) == "_")


def body_closed(toks: list[Any], start: int, end: int) -> bool:
    r"""Whether the body ``toks[start:end]`` holds, at its top level, a bracket group that
    groups terms: one that opens the body, or one not applied to a name (``f(x)``, ``E[X]``
    and ``\log(x)`` are applications, ``2(1 - x)`` and ``(x - 1)^2`` are groups)."""
    k = start
    while k < end:
        t = toks[k]
        if closer_of(t) is None:
            k += 1
            continue
        prev = toks[k - 1] if k > start else None
        applied = prev is not None and (prev.kind == "letter" or (
            prev.kind == "cmd" and not is_closer(prev) and prev.text not in PRODUCT_SIGNS))
        if (t.kind, t.text) in GROUPING and not applied:
            return True
        k = match_group(toks, k) + 1
    return False


def index_after_body(toks: list[Any], pos: int, index: str | None, plain: bool = False) -> bool:
    """Whether ``index`` occurs after a top-level ``+``/``-`` that follows position ``pos``
    (the end of the operator's body), within the same group (``plain``: the index has no
    subscript of its own, so ``x_0`` does not count as ``x``)."""
    if not index:
        return False
    depth, signed = 0, False
    for k in range(pos, len(toks)):
        t = toks[k]
        if closer_of(t) is not None:
            depth += 1
        elif is_closer(t):
            depth -= 1
            if depth < 0:
                return False  # the enclosing group ends
        elif depth == 0 and t.kind == "sym" and t.text in "+-":
            signed = True
        if _binds(toks, k, index):
            return False
        if signed and _recurs(toks, k, index, plain):
            return True
    return False


__all__ = ["BINDERS", "GROUPING", "body_closed", "index_after_body"]
