r"""The extent of an operator over an index (``\sup_x``, ``\inf_x``, ``\max_x``, ``\min_x``,
``\arg\min_x``): the reader takes its body to be the next factor, as ``\sup_x \langle y, x
\rangle``. Authors also write ``\sup_x \langle y, x \rangle - f(x)`` (a conjugate), meaning
the supremum of the whole difference. When the index occurs again after the body, beyond a
top-level ``+`` or ``-`` of the same group (and no later operator binds the same letter:
:func:`index_after_body`), the operator covers the rest of its group (the terms free of the
index commute with it), never a reading ``(\sup_x \langle y, x\rangle) - f(x)`` with a free
``x``. Sums and products keep their one-factor body.
"""

from __future__ import annotations

from typing import Any

from hallbound.proofs_checks.latex.math_names import closer_of, is_closer, show

#: Operators that bind an index written below them.
BINDERS = frozenset("sup inf max min argmin argmax sum prod int bigcup bigcap esssup".split())


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


def index_after_body(toks: list[Any], pos: int, index: str | None) -> bool:
    """Whether ``index`` occurs after a top-level ``+``/``-`` that follows position ``pos``
    (the end of the operator's body), within the same group."""
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
        if signed and t.text == index and t.kind in ("letter", "cmd"):
            return True
    return False


__all__ = ["BINDERS", "index_after_body"]
