r"""The convex conjugate by its definition: ``h^*(v) = \sup_x \langle v, x\rangle - h(x)``.

Convex-analysis texts open every conjugate computation with this line, often for a function
defined in the prose (``g(x) = f(Ax+b)``, read from a ``% hb: assume`` / ``let`` line):
``g^*(y) = \sup_x \langle y, x\rangle - f(Ax+b)``. The reader keeps ``h^*(v)`` as an opaque
function value (head ``h^*``) and ``\sup_x F`` over an unrestricted index as an opaque atom
whose argument is the body and the index. :func:`conjugate_check` replaces each ``h^*(v)`` of
the step by a ``\sup_x`` atom of the same step whose body is exactly ``\langle v, x\rangle -
h(x)`` (the inner product an atom naming ``v`` and the index, in either order, with
coefficient 1; ``h(x)`` the function value at the index, or the stated definition of
``h(x)``), and PROVES the step when the two sides are then equal (SymPy: the difference
simplifies to 0; ``<-u, w>`` read as ``-<u, w>``, linearity). A restricted supremum
(``\sup_{\|x\| \le 1}``), another sign or factor, an argument written differently, or a
stated definition of ``h^*`` itself keeps the model out, and so does any stated item naming
the index letter (``x \ge 0``, ``x \in C``) other than a plain definition (``h(x) = ..``); it
never refutes.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.stated_letters import index_stated

_SUP = re.compile(r"sup_\{(?P<i>\\?[A-Za-z]+)\}\(.*\)", re.S)
_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WS.sub("", text)


def _sup_parts(sym: sp.Symbol, table: Any) -> tuple[sp.Basic, sp.Symbol] | None:
    """``(body, index)`` of a ``\\sup`` atom over an unrestricted index; None otherwise."""
    atom = table.atoms.get(sym)
    if atom is None or atom.head != "sup" or not isinstance(atom.arg, sp.Tuple):
        return None
    m = _SUP.fullmatch(atom.key)
    if m is None or len(atom.arg) != 2:
        return None
    body, idx = atom.arg
    if not isinstance(idx, sp.Symbol) or idx.name != m.group("i").lstrip("\\"):
        return None
    return body, idx


def _conjugate_parts(sym: sp.Symbol, table: Any) -> tuple[str, str] | None:
    """``(h, v)`` (names as text) of a function value ``h^*(v)``; None otherwise."""
    atom = table.atoms.get(sym)
    if atom is None or atom.kind != "func" or not atom.head.endswith("^*"):
        return None
    h = atom.head[:-2]
    if not re.fullmatch(r"\\?[A-Za-z]+(_[A-Za-z0-9]+)?", h):
        return None
    key = atom.key
    if not key.startswith(atom.head + "(") or not key.endswith(")"):
        return None
    return h, key[len(atom.head) + 1:-1]


def _is_value_at(r: sp.Basic, h: str, idx: sp.Symbol, table: Any, defs: dict) -> bool:
    """Whether ``r`` is ``h(idx)``: the function value, or the stated definition of it."""
    if isinstance(r, sp.Symbol):
        atom = table.atoms.get(r)
        if (atom is not None and atom.kind == "func" and atom.head == h
                and isinstance(atom.arg, sp.Tuple) and tuple(atom.arg) == (idx,)):
            return True
    name = f"{h}({idx.name})"
    return any(str(k) == name and sp.simplify(v - r) == 0 for k, v in defs.items())


def _defines(sup: sp.Symbol, h: str, v: str, table: Any, defs: dict) -> bool:
    """Whether the atom ``sup`` is ``\\sup_x \\langle v, x\\rangle - h(x)`` (module doc)."""
    parts = _sup_parts(sup, table)
    if parts is None:
        return False
    body, idx = parts
    if re.search(rf"(?<![A-Za-z\\]){idx.name}(?![A-Za-z])", v):
        return False  # the point names the index: not the definition
    want = {f"<{_squash(v)},{idx.name}>", f"<{idx.name},{_squash(v)}>"}
    for s in body.free_symbols:
        atom = table.atoms.get(s)
        if atom is None or atom.kind != "inner" or _squash(atom.key) not in want:
            continue
        rest = sp.expand(s - body)
        if s not in rest.free_symbols and _is_value_at(rest, h, idx, table, defs):
            return True
    return False


def _inner_args(key: str) -> tuple[str, str] | None:
    """The two arguments of an inner-product key ``<a, b>`` (split at its top-level comma)."""
    if not (key.startswith("<") and key.endswith(">")):
        return None
    depth = 0
    for i, c in enumerate(key[1:-1], 1):
        depth += c in "([{"
        depth -= c in ")]}"
        if c == "," and depth == 0:
            return _squash(key[1:i]), _squash(key[i + 1:-1])
    return None


def _one_term(text: str) -> bool:
    """Whether ``text`` has no ``+``/``-`` outside brackets (``-y + z`` is not ``-(y + z)``)."""
    depth = 0
    for c in text:
        depth += c in "([{"
        depth -= c in ")]}"
        if depth == 0 and c in "+-":
            return False
    return bool(text)


def inner_negations(syms: set, table: Any) -> dict[sp.Symbol, sp.Basic]:
    """``<-u, w> -> -<u, w>`` (or ``-<w, u>``) for the inner-product atoms among ``syms``
    whose negated form is also among them: an inner product is linear in each argument
    (and real ones symmetric; ``-1`` is its own conjugate)."""
    by_args: dict[tuple[str, str], sp.Symbol] = {}
    for s in syms:
        atom = table.atoms.get(s)
        args = _inner_args(atom.key) if atom is not None and atom.kind == "inner" else None
        if args is not None:
            by_args[args] = s
    out: dict[sp.Symbol, sp.Basic] = {}
    for (a, b), s in by_args.items():
        for u, w in ((a, b), (b, a)):
            if u.startswith("-") and _one_term(u[1:]):
                plain = by_args.get((u[1:], w)) or by_args.get((w, u[1:]))
                if plain is not None:
                    out[s] = -plain
    return out


def conjugate_check(check: Any, step: Any, checker: Any) -> None:
    r"""The hook: an UNDECIDED step equal once each ``h^*(v)`` is read as the ``\sup_x
    \langle v, x\rangle - h(x)`` atom the step writes is PROVED (module doc)."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or step.rel != "=":
        return
    defs = getattr(checker, "defs", {})
    syms = step.lhs.free_symbols | step.rhs.free_symbols
    sups = [s for s in syms if _sup_parts(s, table) is not None]
    sub: dict[sp.Symbol, sp.Symbol] = {}
    for s in syms:
        parts = _conjugate_parts(s, table)
        if parts is None:
            continue
        if any(str(k).startswith(f"{parts[0]}^*") for k in defs):
            return  # the text defines h^* itself: its definition rules
        match = [u for u in sups if _defines(u, parts[0], parts[1], table, defs)]
        if len(match) == 1:
            if index_stated(table.hyp, _sup_parts(match[0], table)[1].name):
                return  # a stated item restricts the index: not the unrestricted supremum
            sub[s] = match[0]
    if not sub:
        return
    try:
        diff = (step.lhs - step.rhs).xreplace(sub).xreplace(inner_negations(syms, table))
        same = sp.simplify(sp.expand(diff)) == 0
    except Exception:  # noqa: BLE001 - sympy could not simplify: nothing shown
        return
    if not same:
        return
    names = ", ".join(sorted(str(k) for k in sub))
    check.verdict = "PROVED"
    check.method = "convex conjugate: definition"
    check.detail = (f"{names} read by the definition h^*(v) = sup_x <v, x> - h(x) (the "
                    "supremum the step writes, over an unrestricted index), <-u, w> = -<u, w>: "
                    "the sides agree")
    check.witness = None


__all__ = ["conjugate_check"]
