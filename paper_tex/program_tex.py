r"""Program text of SymPy objects back to LaTeX: the checker reports lemma instances as
``str()`` of SymPy relations (``Sum(x[i]*y[i], (i, 1, n))**2 <= ...``,
``Pr(Abs(T - E(T)) >= a)``); :func:`program_tex` parses such text back into SymPy and prints
it with the paper printer (:func:`hallbound.paper_tex.printer.tex`), so no ``Sum(``,
``Abs(``, ``**`` or ``<=`` reaches a PDF.

Parsing rules: every name is a symbol (``gamma`` too), unless a bracket follows it: then
``Sum Abs sqrt exp log ln Min Max gamma`` are SymPy's functions, ``E Pr Var Cov`` the
checker's probability operators, ``x[i]`` an indexed name, anything else an undefined
function; ``(expr)[i]`` is the ``i``-th entry of ``expr``; ``A*`` after a name is
:math:`A^*`; ``^`` is a power. Text that still does not parse gives ``None``.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp
from sympy.logic.boolalg import Boolean
from sympy.parsing.sympy_parser import (
    convert_xor,
    parse_expr,
    standard_transformations,
)

from hallbound.paper_tex.printer import tex

#: SymPy functions kept as functions when called.
FUNCTIONS: dict[str, Any] = {
    "Sum": sp.Sum,
    "Abs": sp.Abs,
    "sqrt": sp.sqrt,
    "exp": sp.exp,
    "log": sp.log,
    "ln": sp.log,
    "Min": sp.Min,
    "Max": sp.Max,
    "gamma": sp.gamma,
}

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_STAR = re.compile(r"(?<=[A-Za-z0-9_\]])\*(?=\s*(?:[-+)\],]|<|>|=|$))")


class Entry(sp.Function):
    """``(expr)[i]``: the ``i``-th entry of a vector expression, printed ``(expr)_{i}``."""

    def _latex(self, printer: Any, exp: Any = None) -> str:
        body = r"\left(" + printer._print(self.args[0]) + r"\right)_{" + printer._print(
            self.args[1]
        ) + "}"
        return body if exp is None else "{" + body + "}^{" + exp + "}"


class AnyOf(sp.Function, Boolean):
    r"""``AnyOf(A[k], k=1..N)``: the union of events, printed
    :math:`\bigcup_{k=1}^{N} A_k`."""

    def _latex(self, printer: Any, exp: Any = None) -> str:
        body, (k, lo, hi) = self.args[0], self.args[1]
        return (
            r"\bigcup_{" + printer._print(k) + "=" + printer._print(lo) + "}^{"
            + printer._print(hi) + "} " + printer._print(body)
        )


#: ``k=1..N`` (a range in the checker's text) -> ``(k, 1, N)``.
_RANGE = re.compile(r"\b([A-Za-z]\w*)=(\w+)\.\.(\w+)")

#: Relations at the top level of a formula, longest first.
RELATIONS: dict[str, str] = {"<=": r"\le", ">=": r"\ge", "==": "=", "!=": r"\ne",
                             "<": "<", ">": ">", "=": "="}


def split_relation(text: str) -> tuple[str, str, str] | None:
    """``lhs``, the first relation outside brackets, ``rhs``; ``None`` when there is none."""
    depth = 0
    k = 0
    while k < len(text):
        ch = text[k]
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(ch, 0)
        if depth == 0:
            for op in RELATIONS:
                if text.startswith(op, k):
                    return text[:k].strip(), op, text[k + len(op):].strip()
        k += 1
    return None


def relation_tex(text: str) -> tuple[str, str, str] | None:
    """``(lhs LaTeX, relation LaTeX, rhs LaTeX)`` of program text ``lhs REL rhs`` (or of a
    bare expression, with an empty relation); ``None`` when a side does not parse."""
    parts = split_relation(text)
    if parts is None:
        single = program_tex(text)
        return None if single is None else (single, "", "")
    lhs, op, rhs = parts
    left, right = program_tex(lhs), program_tex(rhs)
    if left is None or right is None:
        return None
    return left, RELATIONS[op], right


def _operators() -> dict[str, Any]:
    from hallbound.proofs_checks.library.randomness import Cov, E, Pr, Var

    return {"E": E, "Pr": Pr, "Var": Var, "Cov": Cov}


def _entries(text: str) -> str:
    """``(x - y)[i]`` -> ``Entry((x - y), i)`` (innermost first)."""
    while (k := text.find(")[")) >= 0:
        depth, start = 0, -1
        for j in range(k, -1, -1):
            depth += {")": 1, "(": -1}.get(text[j], 0)
            if depth == 0:
                start = j
                break
        end = text.find("]", k)
        if start < 0 or end < 0:
            return text
        text = f"{text[:start]}Entry({text[start:k + 1]}, {text[k + 2:end]}){text[end + 1:]}"
    return text


def _namespace(text: str) -> dict[str, Any]:
    """What each name of ``text`` means (see the module's rules)."""
    space: dict[str, Any] = {"Entry": Entry, "AnyOf": AnyOf, "pi": sp.pi, "oo": sp.oo}
    operators = _operators()
    indexed = {m.group(1) for m in re.finditer(r"([A-Za-z][A-Za-z0-9_]*)\[", text)}
    for match in _NAME.finditer(text):
        name = match.group()
        if name in space:
            continue
        after = text[match.end() : match.end() + 1]
        if after == "(":
            space[name] = operators.get(name) or FUNCTIONS.get(name) or sp.Function(name)
        elif name in indexed:  # x[i] somewhere: x is indexed everywhere
            space[name] = sp.IndexedBase(name)
        else:
            space[name] = sp.Symbol(name)
    return space


def parse_program(text: str) -> Any:
    """The SymPy object of a SymPy ``str()`` (see the module's rules), or ``None``."""
    source = _RANGE.sub(r"(\1, \2, \3)", _entries(_STAR.sub("_star", text.strip())))
    if not source:
        return None
    transformations = (*standard_transformations, convert_xor)
    try:
        expr = parse_expr(
            source, local_dict=_namespace(source), transformations=transformations,
            evaluate=False,
        )
    except Exception:  # noqa: BLE001 - not SymPy text: the caller falls back to prose
        return None
    return expr if isinstance(expr, sp.Basic) else None


def program_tex(text: str) -> str | None:
    """Math-mode LaTeX of SymPy program text, or ``None`` when it does not parse."""
    expr = parse_program(text)
    if expr is None or isinstance(expr, sp.logic.boolalg.BooleanAtom):
        return None
    try:
        return tex(expr)
    except Exception:  # noqa: BLE001 - an object the printer cannot print
        return None


__all__ = ["AnyOf", "Entry", "parse_program", "program_tex", "relation_tex", "split_relation"]
