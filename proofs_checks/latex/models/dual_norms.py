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
both above 1 (Hoelder's range); a stated domain or inequality that lets ``p`` or ``q`` fall
below 1 (``0 < p < 1``: no norm, the supremum is not ``\|v\|_q``) keeps the model out.
Another radius, exponent, body, a stated item or a definition naming the index (``v = 2x``:
``v`` moves with it) keeps the model out; it never refutes.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.stated_letters import names_letter, stated_naming

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


def _defines_with(checker: Any, letter: str) -> bool:
    """Whether a definition the checker holds names ``letter`` (``v = 2x``: ``v`` then moves
    with the index)."""
    for k, val in getattr(checker, "defs", {}).items():
        for e in (k, val):
            if isinstance(e, sp.Basic) and any(names_letter(str(s), letter) or
                                                s.name == letter.lstrip("\\")
                                                for s in e.free_symbols):
                return True
    return False


def _at_least_one(e: sp.Expr, checker: Any) -> bool:
    r"""Whether the exponent ``e`` is at least 1 for every value the text allows: a number
    ``\ge 1``; a symbol with no stated domain and no stated inequality naming it (then the
    conjugate equation with positive indices puts it above 1), or a stated domain whose lower
    end is at least 1 (``0 < p < 1``, ``p > 0`` keep the model out)."""
    if e.is_number:
        return bool(e >= 1)
    name = str(e)
    table = checker.table
    dom = getattr(table.hyp, "domains", {})
    for n, d in dom.items():
        if n.lstrip("\\") == name and (d.lo is None or not bool(d.lo >= 1)):
            return False
    for s, prm in table.params.items():
        if s.name == name and prm.lo is not None and not bool(prm.lo >= 1):
            return False
        if s.name == name and prm.lo is None and prm.hi is not None:
            return False
    for a, op, b in getattr(checker, "relations", []):
        if op != "=" and any(isinstance(x, sp.Basic) and name in {s.name for s in
                                                                   x.free_symbols}
                             for x in (a, b)):
            if not _lower_bound_one(a, op, b, name):
                return False
    return True


def _lower_bound_one(a: Any, op: str, b: Any, name: str) -> bool:
    r"""Whether the stated relation is ``name >= c`` / ``name > c`` (or ``c <= name``) with a
    number ``c \ge 1``."""
    if op in ("<=", "<"):
        a, b, op = b, a, {"<=": ">=", "<": ">"}[op]
    return (op in (">=", ">") and isinstance(a, sp.Symbol) and a.name == name
            and isinstance(b, sp.Basic) and b.is_number and bool(b >= 1))


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
    if p is None or q is None or stated_naming(table.hyp, [x]) or _defines_with(checker, x):
        return
    if not _at_least_one(p, checker) or not _at_least_one(q, checker):
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
