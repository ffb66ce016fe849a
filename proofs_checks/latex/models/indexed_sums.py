r"""Sums of indexed families under a stated pointwise definition: termwise equality and an
excluded zero term.

The reader keeps ``\sum_i k_i t_i`` as an opaque atom whose argument is ``(body, index)``
(``k[i]*t[i]``), and a stated ``k_i = f_i - g_i f_{i_0}/g_{i_0}`` as a definition of the
symbol ``k_i``, which never reaches ``k[i]`` inside the sum. Here a stated definition of
``k_i`` (a letter with one index) is read as the definition of the family ``k`` at every
index, ``k_j`` its right side with ``i`` replaced by ``j``, and an entry ``f_{i_0}`` written
as a symbol is the family ``f`` at ``i_0``. Two sums are then compared
(:func:`indexed_sum_check`):

* the same range (the same text of the index and its bounds): their bodies, each definition
  substituted, agree at every index: PROVED (a sum of equal terms);
* ``\sum_{i \ne a} body`` against ``\sum_i body`` (otherwise the same range): the body at
  ``i = a``, each definition substituted, is 0: PROVED (the sums differ at most by that term,
  and not at all when ``a`` lies outside the range).

Any other pair (other bounds, a coefficient outside a sum, two indices) is left alone; a
difference that does not simplify to 0 proves nothing, so no step is REFUTED here.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

_HEAD = re.compile(r"sum_\{(?P<i>[^{}]*)\}(?P<rest>\^\{[^{}]*\}|\^\S)?\(")
_ENTRY = re.compile(r"(?P<b>[A-Za-z]+)_\{?(?P<i>[A-Za-z](?:_?\{?[0-9A-Za-z]\}?)?)\}?")
_NE = re.compile(r"(?P<i>[A-Za-z])(?:≠|\\neq?)(?P<a>.+)")


def _index_name(text: str) -> str:
    return re.sub(r"[\s{}]+", "", text)


def _entry(name: str) -> tuple[str, str] | None:
    """``(family, index)`` of a symbol named ``f_{i_0}`` / ``k_i``; None otherwise."""
    m = _ENTRY.fullmatch(name)
    return (m.group("b"), _index_name(m.group("i"))) if m else None


def canonical(expr: sp.Basic) -> sp.Basic:
    """``expr`` with each entry ``f[j]`` and each symbol ``f_j`` written alike: ``f[j]`` with
    the index a symbol named without braces."""
    subs: dict[sp.Basic, sp.Basic] = {}
    for ind in expr.atoms(sp.Indexed):
        if len(ind.indices) == 1 and isinstance(ind.indices[0], sp.Symbol):
            idx = sp.Symbol(_index_name(ind.indices[0].name))
            subs[ind] = sp.IndexedBase(ind.base.label.name)[idx]
    for s in expr.free_symbols:
        got = _entry(s.name) if isinstance(s, sp.Symbol) else None
        if got is not None:
            subs[s] = sp.IndexedBase(got[0])[sp.Symbol(got[1])]
    return expr.xreplace(subs)


def _definitions(checker: Any) -> dict[str, tuple[sp.Symbol, sp.Expr]]:
    """Each stated definition of a family entry ``k_i`` (one letter index) whose right side
    names an entry at that index (so it defines the family pointwise): family -> (index, right
    side)."""
    out = {}
    for key, value in checker.defs.items():
        got = _entry(key.name) if isinstance(key, sp.Symbol) else None
        if got is None or not got[1].isalpha() or len(got[1]) != 1:
            continue
        idx, value = sp.Symbol(got[1]), canonical(value)
        if any(b.indices == (idx,) for b in value.atoms(sp.Indexed)):
            out[got[0]] = (idx, value)  # a right side at its own index: pointwise
    return out


def _substitute(expr: sp.Basic, defs: dict) -> sp.Basic:
    """``expr`` with each defined family's entries written out (twice: a definition may use
    another)."""
    for _ in range(2):
        subs = {}
        for ind in expr.atoms(sp.Indexed):
            name = ind.base.label.name
            if name in defs:
                idx, value = defs[name]
                subs[ind] = value.xreplace({idx: ind.indices[0]})
        expr = expr.xreplace(subs)
    return expr


def _sum(expr: sp.Basic, table: Any) -> tuple[str, str, sp.Basic, sp.Symbol] | None:
    """``(index text, bounds text, body, index)`` of a sum atom over one index, or of a
    combination :math:`\\sum_k c_k S_k` of such atoms over the same range and index (as the
    reader's linearity leaves ``\\sum_i (f_i - c g_i) t_i``) with each ``c_k`` free of the
    index: the body :math:`\\sum_k c_k b_k` (exact: a finite sum is linear)."""
    found = []
    for term in sp.Add.make_args(expr):
        coeff, rest = term.as_independent(*[s for s in term.free_symbols
                                             if s in table.atoms], as_Add=False)
        one = _one_sum(rest, table)
        if one is None or (found and one[:2] + one[3:] != found[0][1][:2] + found[0][1][3:]):
            return None
        if one[3] in coeff.free_symbols or _index(one[3]) in coeff.free_symbols:
            return None
        found.append((coeff, one))
    if not found:
        return None
    first = found[0][1]
    return first[0], first[1], sp.Add(*[c * one[2] for c, one in found]), first[3]


def _index(sym: sp.Symbol) -> sp.Symbol:
    return sp.Symbol(_index_name(sym.name))


def _one_sum(expr: sp.Basic, table: Any) -> tuple[str, str, sp.Basic, sp.Symbol] | None:
    """``(index text, bounds text, body, index)`` of a sum atom over one index."""
    atom = table.atoms.get(expr) if isinstance(expr, sp.Symbol) else None
    if atom is None or atom.kind != "sum" or not isinstance(atom.arg, sp.Tuple):
        return None
    if len(atom.arg) != 2 or not isinstance(atom.arg[1], sp.Symbol):
        return None
    m = _HEAD.match(atom.latex)
    if m is None:
        return None
    return m.group("i").strip(), m.group("rest") or "", atom.arg[0], atom.arg[1]


def _zero(expr: sp.Basic) -> bool:
    try:
        return bool(sp.simplify(expr) == 0)
    except Exception:  # noqa: BLE001 - an expression SymPy cannot simplify: no proof
        return False


def _excluded(a: str, b: str) -> sp.Symbol | None:
    """The excluded index ``a`` when range ``a`` is range ``b`` less one index; None
    otherwise."""
    m = _NE.fullmatch(re.sub(r"\s+", "", a))
    if m is None or m.group("i") != b.strip():
        return None
    text = _index_name(m.group("a"))
    return sp.Symbol(text) if re.fullmatch(r"[A-Za-z](?:_?[0-9A-Za-z])?", text) else None


def indexed_sum_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED equation between two sums over one index (module doc) is
    PROVED when the terms agree, or differ by one term that is 0; else left alone."""
    table = checker.table
    if check.verdict != "UNDECIDED" or step is None or table is None or step.rel != "=":
        return
    left, right = _sum(step.lhs, table), _sum(step.rhs, table)
    defs = _definitions(checker)
    if left is None or right is None or not defs:
        return
    if left[1] != right[1] or left[3] != right[3] or left[3].name not in {
            str(i) for i, _ in defs.values()}:
        return  # a definition at another index letter may be of one entry only
    idx = sp.Symbol(_index_name(left[3].name))
    bl, br = (_substitute(canonical(s[2]), defs) for s in (left, right))
    if left[0] == right[0]:
        if _zero(bl - br):
            _proved(check, "the two sums have the same range and, with each stated "
                           "definition of an indexed family written out, equal terms")
        return
    for a, b, (one, other) in ((left, right, (bl, br)), (right, left, (br, bl))):
        at = _excluded(a[0], b[0])
        if at is not None and _zero(one - other) and _zero(other.xreplace({idx: at, left[3]: at})):
            _proved(check, f"the sums differ at most by the term at {at}, which is 0 with "
                           "each stated definition of an indexed family written out")
            return


def _proved(check: Any, why: str) -> None:
    check.verdict = "PROVED"
    check.method = "indexed sums"
    check.detail = why
    check.witness = None


__all__ = ["canonical", "indexed_sum_check"]
