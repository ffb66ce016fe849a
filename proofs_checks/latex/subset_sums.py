r"""Sums over the subsets of a finite set whose terms depend on the sizes only:
``\sum_{D \subseteq Q} N^{-|Q \setminus D|} = (1 + 1/N)^{|Q|}`` (the binomial theorem).

The reader (:meth:`~.math_reading.ReadingMixin.opaque_big_operator`) asks
:func:`subset_range` whether a sum ranges over ``X \subseteq Y``; inside its body a size
``|Y \setminus X|`` (or ``\backslash``) is then ``|Y| - |X|``, exact because ``X \subseteq Y``
(:func:`rewrite_differences`). When the body, read with ``|X|`` as ``j``, is
``b(j) = b_0 a^j`` (``a``, ``b_0`` free of ``X``), the sum over the ``\binom{q}{j}`` subsets of
each size ``j`` is ``b_0 (1 + a)^q``, ``q = |Y|`` (:func:`binomial_closed_form`); any other body
(``X`` used otherwise than through ``|X|``, a term not geometric in ``|X|``) gives None and the
sum stays one opaque atom.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

_STYLES = ("mathcal", "mathbb", "mathscr", "mathfrak", "mathsf", "mathbf", "mathrm")
_OPEN = {("sym", "|"), ("cmd", "lvert"), ("cmd", "vert")}
_CLOSE = {("sym", "|"), ("cmd", "rvert"), ("cmd", "vert")}
_MINUS = {("cmd", "setminus"), ("cmd", "backslash")}


def _set_name(toks: list[Any]) -> bool:
    """Whether ``toks`` write one set name: a letter, or ``\\mathcal{L}`` and the like."""
    kinds = [(t.kind, t.text) for t in toks]
    if len(kinds) == 1:
        return kinds[0][0] == "letter"
    return (len(kinds) == 4 and kinds[0][0] == "cmd" and kinds[0][1] in _STYLES
            and kinds[1] == ("sym", "{") and kinds[2][0] == "letter" and kinds[3] == ("sym", "}"))


def subset_range(sub: list[Any]) -> tuple[list[Any], list[Any]] | None:
    """``(X, Y)`` (their tokens) of a range ``X \\subseteq Y``; None for any other range."""
    cut = [k for k, t in enumerate(sub) if (t.kind, t.text) == ("cmd", "subseteq")]
    if len(cut) != 1:
        return None
    x, y = sub[:cut[0]], sub[cut[0] + 1:]
    return (x, y) if _set_name(x) and _set_name(y) else None


def _same(toks: list[Any], k: int, name: list[Any]) -> bool:
    """Whether ``toks[k:]`` starts with the tokens of ``name``."""
    part = toks[k:k + len(name)]
    return [(t.kind, t.text) for t in part] == [(t.kind, t.text) for t in name]


def rewrite_differences(toks: list[Any], x: list[Any], y: list[Any]) -> list[Any]:
    """``toks`` with each ``|Y \\setminus X|`` written ``(|Y| - |X|)`` (same delimiters)."""
    return rewrite_with_origins(toks, x, y)[0]


def rewrite_with_origins(toks: list[Any], x: list[Any],
                         y: list[Any]) -> tuple[list[Any], list[int]]:
    """:func:`rewrite_differences` and, for each output token, the index of the input token
    it starts from (a rewritten size: the index of its opening delimiter), so that a reader
    can put back the tokens after the body it read."""
    out: list[Any] = []
    origin: list[int] = []
    k = 0
    n, m = len(y), len(x)
    while k < len(toks):
        t = toks[k]
        end = k + 1 + n + 1 + m
        if ((t.kind, t.text) in _OPEN and end < len(toks) and _same(toks, k + 1, y)
                and (toks[k + 1 + n].kind, toks[k + 1 + n].text) in _MINUS
                and _same(toks, k + 2 + n, x) and (toks[end].kind, toks[end].text) in _CLOSE):
            close = toks[end]
            sym = type(t)
            new = [sym("sym", "(", t.offset), t, *toks[k + 1:k + 1 + n], close,
                   sym("sym", "-", t.offset), t, *x, close, sym("sym", ")", close.offset)]
            out += new
            origin += [k] * len(new)
            k = end + 1
            continue
        out.append(t)
        origin.append(k)
        k += 1
    return out, origin


def binomial_closed_form(body: sp.Basic, size_x: sp.Basic, size_y: sp.Basic,
                         x: sp.Symbol) -> sp.Basic | None:
    """``b_0 (1 + a)^{|Y|}`` for a body ``b(|X|) = b_0 a^{|X|}`` (module doc), else None."""
    j = sp.Dummy("j", integer=True, nonnegative=True)
    try:
        b = body.xreplace({size_x: j})
        if x in b.free_symbols or j not in b.free_symbols:
            return None
        b0 = b.subs(j, 0)
        if b0 == 0 or b0.has(sp.nan, sp.zoo):
            return None
        a = sp.simplify(b.subs(j, 1) / b0)
        if j in a.free_symbols or sp.simplify(sp.powsimp(b - b0 * a**j, force=False)) != 0:
            return None
        return b0 * (1 + a) ** size_y
    except (TypeError, ValueError, ZeroDivisionError, RecursionError):
        return None


__all__ = ["binomial_closed_form", "rewrite_differences", "rewrite_with_origins", "subset_range"]
