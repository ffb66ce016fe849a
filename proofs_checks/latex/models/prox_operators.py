r"""The proximal operator by its definition: ``\mathrm{prox}_h(v) = \arg\min_x h(x) +
\frac12 \|x - v\|_2^2`` (Moreau).

Proximal-gradient derivations end on this line: ``\arg\min_x \frac12 \|x - \tilde x\|_2^2 +
\frac1L g(x) = \mathrm{prox}_{\frac1L g}(\tilde x)``. The reader keeps
``\mathrm{prox}_{c\,g}(v)`` as an opaque operator value (its key ``prox_<subscript>(<v>)``)
and ``\arg\min_x F`` over an unrestricted index as an opaque atom whose argument is the body
and the index. :func:`prox_check` replaces each ``\mathrm{prox}_h(v)`` of the step by an
``\arg\min_x`` atom of the same step whose body is exactly ``h(x) + \frac12 \|x - v\|^2``
(the Euclidean or unnamed norm of ``x - v`` or ``v - x``, squared, halved; ``h(x)`` read from
the subscript as ``c \cdot g(x)`` with the same reader, for a subscript ``g``, ``c\,g`` or
``c \cdot g`` where ``c`` is a number, a name or a ``\frac``; ``v`` a name), and PROVES the
step when the sides are then equal (SymPy: the difference simplifies to 0). Another weight
of the norm, another norm, a sum of functions in the subscript or a point that is not a name
keep the model out, and so does any stated item naming the index letter (``x \ge 0``,
``x \in C``) other than a plain definition (``g(x) = ..``); it never refutes.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_parser import parse_expression
from hallbound.proofs_checks.latex.models.stated_letters import index_stated

_ARGMIN = re.compile(r"argmin_\{(?P<i>\\?[A-Za-z]+)\}\(.*\)", re.S)
_PROX = re.compile(r"prox_(?P<sub>.+)\((?P<v>\\?[A-Za-z][A-Za-z0-9_]*)\)", re.S)
_SUB = re.compile(r"(?:(?P<c>\\frac \{ [^{}]+ \} \{ [^{}]+ \}|[0-9]+|\\?[A-Za-z]+)\s*"
                  r"(?:\\cdot\s*)?)?(?P<h>[A-Za-z])")


def _argmin_parts(sym: sp.Symbol, table: Any) -> tuple[sp.Basic, sp.Symbol] | None:
    """``(body, index)`` of an ``\\arg\\min`` atom over an unrestricted index; None otherwise."""
    atom = table.atoms.get(sym)
    if atom is None or atom.head != "argmin" or not isinstance(atom.arg, sp.Tuple):
        return None
    m = _ARGMIN.fullmatch(atom.key)
    if m is None or len(atom.arg) != 2:
        return None
    body, idx = atom.arg
    if not isinstance(idx, sp.Symbol) or idx.name != m.group("i").lstrip("\\"):
        return None
    return body, idx


def _prox_parts(sym: sp.Symbol, table: Any) -> tuple[str, str, sp.Symbol] | None:
    """``(coefficient text, function name, point)`` of ``\\mathrm{prox}_{c g}(v)``."""
    atom = table.atoms.get(sym)
    if atom is None or atom.head != "prox":
        return None
    m = _PROX.fullmatch(atom.key)
    sub = _SUB.fullmatch(m.group("sub").strip()) if m else None
    if m is None or sub is None:
        return None
    point = [d for d in atom.depends if str(d) == m.group("v")]
    if len(point) != 1:
        return None
    return sub.group("c") or "", sub.group("h"), point[0]


def _defines(u: sp.Symbol, parts: tuple[str, str, sp.Symbol], table: Any) -> bool:
    """Whether the atom ``u`` is ``\\arg\\min_x c g(x) + \\frac12 \\|x - v\\|^2``."""
    found = _argmin_parts(u, table)
    if found is None:
        return False
    body, idx = found
    coef, name, point = parts
    if str(point) == idx.name or re.search(rf"(?<![A-Za-z\\]){idx.name}(?![A-Za-z])", coef):
        return False  # the point or the weight names the index: not the definition
    text = f"{coef} \\cdot {name}({idx.name})" if coef else f"{name}({idx.name})"
    try:
        value = parse_expression(text, table.scope())
    except Exception:  # noqa: BLE001 - the reader refuses the subscript: no match
        return False
    for s in body.free_symbols:
        atom = table.atoms.get(s)
        if atom is not None and atom.kind == "norm" and atom.arg is not None:
            # one symbol per name (the index of an argmin carries its own assumptions)
            names = {str(d): d for d in atom.arg.free_symbols | body.free_symbols | {idx}}
            point = names.get(str(parts[2]), parts[2])
            value = value.xreplace({d: names[str(d)] for d in value.free_symbols
                                    if str(d) in names})
        if (atom is None or atom.kind != "norm" or atom.head not in ("norm", "norm_2")
                or sp.expand(atom.arg - idx + point) != 0
                and sp.expand(atom.arg + idx - point) != 0):
            continue
        if sp.simplify(body - value - s**2 / 2) == 0:
            return True
    return False


def prox_check(check: Any, step: Any, checker: Any) -> None:
    r"""The hook: an UNDECIDED step equal once each ``\mathrm{prox}_h(v)`` is read as the
    ``\arg\min_x h(x) + \frac12\|x - v\|^2`` atom the step writes is PROVED (module doc)."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or step.rel != "=":
        return
    syms = step.lhs.free_symbols | step.rhs.free_symbols
    argmins = [s for s in syms if _argmin_parts(s, table) is not None]
    sub: dict[sp.Symbol, sp.Symbol] = {}
    for s in syms:
        parts = _prox_parts(s, table)
        if parts is None:
            continue
        match = [u for u in argmins if _defines(u, parts, table)]
        if len(match) == 1:
            if index_stated(table.hyp, _argmin_parts(match[0], table)[1].name):
                return  # a stated item restricts the index: not the unrestricted minimiser
            sub[s] = match[0]
    if not sub:
        return
    try:
        same = sp.simplify(sp.expand((step.lhs - step.rhs).xreplace(sub))) == 0
    except Exception:  # noqa: BLE001 - sympy could not simplify: nothing shown
        return
    if not same:
        return
    check.verdict = "PROVED"
    check.method = "proximal operator: definition"
    check.detail = (f"{', '.join(sorted(str(k) for k in sub))} read by the definition "
                    "prox_h(v) = argmin_x h(x) + 1/2 ||x - v||_2^2 (the minimiser the step "
                    "writes, over an unrestricted index): the sides agree")
    check.witness = None


__all__ = ["prox_check"]
