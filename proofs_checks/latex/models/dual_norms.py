r"""The dual norm: ``\sup_{\|x\|_p \le 1} \langle v, x\rangle = \|v\|_q`` for conjugate
exponents (Hoelder's inequality, with equality attained).

Convex-analysis texts compute the conjugate of a norm's indicator, or a support function,
with this line. The reader keeps ``\sup_{\|x\|_p \le 1} F`` as an opaque atom keyed by its
text and ``\|v\|_q`` as a norm atom (head ``norm_q``). :func:`dual_norm_check` PROVES an
equation whose one side is such a supremum of the inner product of the index with a vector
``v`` (either order, coefficient 1, ``v`` not naming the index) over the closed unit ball of
``\|.\|_p``, and whose other side is ``\|v\|_q``, when ``p`` and ``q`` are conjugate: the
numbers ``1/p + 1/q = 1`` (``\infty`` with 1), or a stated equation that is ``1/p + 1/q = 1``
up to a nonzero factor (SymPy). A norm's index is read as positive, so conjugate symbols are
both above 1 (Hoelder's range). Another radius, exponent, body or a stated item naming the
index keeps the model out; it never refutes.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.stated_letters import index_stated

_BAR = r"(?:\\lVert|\\\||\\Vert)"
_RBAR = r"(?:\\rVert|\\\||\\Vert)"
_SUP = re.compile(r"sup_\{\{?" + _BAR + r"\{?(?P<x>\\?[A-Za-z]+)\}?" + _RBAR + r"\}?_\{?"
                  r"(?P<p>\\?[A-Za-z0-9]+)\}?(?:\\leq?|\\leqslant)1\}\(<(?P<a>[^<>,]+),"
                  r"(?P<b>[^<>,]+)>\)")
_NORM = re.compile(r"\|\|(?P<v>[^|]+)\|\|_(?P<q>.+)")


def _exponent(text: str) -> sp.Expr | None:
    if text.lstrip("\\") in ("infty", "oo"):
        return sp.oo
    if re.fullmatch(r"[0-9]+", text):
        return sp.Integer(text)
    return sp.Symbol(text.lstrip("\\")) if re.fullmatch(r"\\?[A-Za-z]+", text) else None


def _conjugate(p: sp.Expr, q: sp.Expr, checker: Any) -> bool:
    """Whether ``1/p + 1/q = 1``: numbers, or a stated equation (module doc)."""
    if p.is_number and q.is_number:
        return bool(sp.simplify(1 / p + 1 / q - 1) == 0) and p > 0 and q > 0
    target = 1 / p + 1 / q - 1
    names = {s.name: s for s in target.free_symbols}
    stated = [(a, b) for a, op, b in getattr(checker, "relations", []) if op == "="]
    stated += [(a, b) for a, b, *_ in getattr(checker, "equations", [])]
    for a, b in stated:
        if not isinstance(a, sp.Basic) or not isinstance(b, sp.Basic):
            continue
        gap = (a - b).xreplace({s: names[s.name] for s in (a - b).free_symbols
                                if s.name in names})
        ratio = sp.simplify(gap / target)
        if ratio.is_number and ratio != 0 and ratio.is_finite:
            return True
    return False


def _sides(step: Any, table: Any) -> tuple[re.Match, re.Match] | None:
    """The supremum's and the norm's key matches, the step being ``sup = norm`` either way."""
    for sup, norm in ((step.lhs, step.rhs), (step.rhs, step.lhs)):
        a, b = table.atoms.get(sup), table.atoms.get(norm)
        if a is None or b is None or a.head != "sup" or b.kind != "norm":
            continue
        ms = _SUP.fullmatch(re.sub(r"\s+", "", a.key))
        mn = _NORM.fullmatch(re.sub(r"\s+", "", b.key))
        if ms is not None and mn is not None:
            return ms, mn
    return None


def dual_norm_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED ``\\sup_{\\|x\\|_p \\le 1} <v, x> = \\|v\\|_q`` with ``p``, ``q``
    conjugate is PROVED (module doc); any other step is left as it is."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or step.rel != "=":
        return
    found = _sides(step, table)
    if found is None:
        return
    ms, mn = found
    x = ms.group("x")
    inner = {ms.group("a"), ms.group("b")}
    if x not in inner or len(inner) != 2:
        return
    (v,) = inner - {x}
    if v != mn.group("v") or x.lstrip("\\") in re.findall(r"[A-Za-z]+", v):
        return
    p, q = _exponent(ms.group("p")), _exponent(mn.group("q").strip("{}"))
    if p is None or q is None or index_stated(table.hyp, x):
        return
    if not _conjugate(p, q, checker):
        return
    check.verdict = "PROVED"
    check.method = "dual norm"
    check.detail = (f"the supremum of <{v}, {x}> over the unit ball of the {p}-norm is the "
                    f"{q}-norm of {v} for conjugate exponents 1/{p} + 1/{q} = 1 (Hoelder's "
                    "inequality, attained; a norm's index read as positive)")
    check.witness = None


__all__ = ["dual_norm_check"]
