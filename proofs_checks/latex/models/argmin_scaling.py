r"""The minimisers do not change when the objective is scaled by a positive constant or shifted
by a constant: ``\arg\min_x F(x) = \arg\min_x G(x)`` when ``F = c\,G + r`` with ``c > 0`` and
``c``, ``r`` free of ``x`` (the same for ``\arg\max``).

Optimisation texts write this step at every proximal-gradient or majorisation iteration:
``\arg\min_x f(x_k) + \langle \nabla f(x_k), x - x_k\rangle + \frac L2\|x - x_k\|^2 + g(x)
= \arg\min_x \frac1L(\langle \nabla f(x_k), x - x_k\rangle + \frac L2\|x - x_k\|^2 + g(x))``.
The reader keeps ``\arg\min_x F`` over an unrestricted index as an opaque atom whose argument
is the body and the index. :func:`argmin_scaling_check` proves the step when both sides are
such atoms over the same index and head, ``c = (\partial F/\partial s) / (\partial G/\partial
s)`` for a quantity ``s`` of the body that depends on the index is positive (SymPy's
assumptions: a stated ``L > 0``) and free of every such quantity, and ``F - c G`` is free of
them too. A quantity depends on the index unless it is a plain variable other than the index,
or a function value or norm whose argument does not name the index (an inner product or any
quantity read as text counts as depending on it). The set of minimisers is then the same set.
A restricted range (``\arg\min_{x \in C}``), a negative or unknown-sign factor, or a remainder
that may depend on the index is left alone; the model never refutes.

A subscripted name of the index's letter (``x_k``) is an iterate, fixed, and not a coordinate
of the index, only when the environment writes a name of that family as the minimiser itself
(``x_{k+1} = \arg\min_x \dots``, :func:`iterates`): ``x_{k+1}`` then lies in the index's
space, so ``x_k`` is a point of it too, never a coordinate of the bound ``x``.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

_KEY = re.compile(r"(?P<op>argmin|argmax)_\{(?P<i>\\?[A-Za-z]+)\}\(.*\)", re.S)


def _parts(expr: sp.Basic, table: Any) -> tuple[str, sp.Basic, sp.Symbol] | None:
    """``(head, body, index)`` when ``expr`` is an ``argmin``/``argmax`` atom over an
    unrestricted index; None otherwise."""
    atom = table.atoms.get(expr) if isinstance(expr, sp.Symbol) else None
    if atom is None or atom.head not in ("argmin", "argmax") or not isinstance(atom.arg, sp.Tuple):
        return None
    m = _KEY.fullmatch(atom.key)
    if m is None or len(atom.arg) != 2 or m.group("op") != atom.head:
        return None
    body, idx = atom.arg
    if not isinstance(idx, sp.Symbol) or idx.name != m.group("i").lstrip("\\"):
        return None
    return atom.head, body, idx


def _carries(name: str, idx: sp.Symbol, fixed: bool = False) -> bool:
    """Whether the name ``name`` carries the index's name (``x``, ``x_1``, ``x_k``, ``xbar``,
    ``xtilde``: a coordinate, an iterate or a decoration of the index may move with it); with
    ``fixed`` (:func:`iterates`) a subscripted ``x_k`` does not."""
    if fixed and re.fullmatch(rf"{re.escape(idx.name)}_(?:\{{[^{{}}]*\}}|[A-Za-z0-9]+)", name):
        return False
    return idx.name in name


#: ``x_{k+1} = \argmin_{x}`` (``\arg\min``, ``\operatorname{arg min}``) in the raw text.
_ITERATE = (r"(?<![A-Za-z\\]){x}_(?:\{{[^{{}}]*\}}|[A-Za-z0-9])\s*&?\s*=\s*&?\s*"
            r"\\(?:argmin|arg\s*\\min|operatorname\*?\{{arg\s*\\?,?\s*min\}})"
            r"\s*_\s*\{{?\s*{x}\s*\}}?")


def iterates(checker: Any, line: int, idx: sp.Symbol) -> bool:
    """Whether the environment holding ``line`` writes ``x_{..} = \\argmin_x`` for the index
    ``x`` (a one-letter name): its subscripted names are then iterates (module doc)."""
    from hallbound.proofs_checks.latex.models.ball_volumes import _env_text

    if not re.fullmatch(r"[A-Za-z]", idx.name):
        return False
    return re.search(_ITERATE.format(x=idx.name), _env_text(checker, line)) is not None


def _free_of(s: sp.Symbol, idx: sp.Symbol, table: Any, fixed: bool = False) -> bool:
    """Whether the quantity ``s`` is known not to depend on the index ``idx``: a plain variable
    whose name does not carry the index's name, or a function value / norm whose argument
    names no such variable."""
    atom = table.atoms.get(s)
    if s == idx or ((atom is None or not fixed) and _carries(s.name, idx, fixed)):
        return False  # with iterates fixed, an atom is judged by its arguments below
    if atom is None:
        return True
    if atom.kind not in ("func", "norm") or atom.arg is None:
        return False
    if fixed and _carries(str(atom.head), idx, fixed):
        return False  # x(t): the index itself applied
    names = {str(d) for d in atom.depends} | {str(v) for v in atom.arg.free_symbols}
    return not any(_carries(n, idx, fixed) for n in names)


def _related(moving: set, checker: Any) -> set:
    """``moving`` closed under the stated relations: every symbol of a stated relation,
    equation or definition (``% hb: assume``, ``% hb: let``) that names a moving quantity
    moves too (``y = -4x`` makes ``y`` move with ``x``)."""
    groups = [a.free_symbols | b.free_symbols
              for a, _, b in getattr(checker, "relations", []) if hasattr(a, "free_symbols")
              and hasattr(b, "free_symbols")]
    groups += [sp.sympify(a).free_symbols | sp.sympify(b).free_symbols
               for a, b, *_ in getattr(checker, "equations", [])]
    groups += [sp.sympify(k).free_symbols | sp.sympify(v).free_symbols
               for k, v in getattr(checker, "defs", {}).items()]
    out, grown = set(moving), True
    while grown:
        grown = False
        for g in groups:
            if g & out and not g <= out:
                out |= g
                grown = True
    return out


def _scale(body_f: sp.Basic, body_g: sp.Basic, moving: set) -> sp.Basic | None:
    """The constant ``c`` with ``F - c G`` free of ``moving`` (None when there is none)."""
    for s in sorted(moving, key=str):
        dg = sp.diff(body_g, s)
        if dg == 0:
            continue
        c = sp.simplify(sp.diff(body_f, s) / dg)
        if c.free_symbols & moving:
            return None
        rest = sp.simplify(sp.expand(body_f - c * body_g))
        return c if not rest.free_symbols & moving else None
    return None


def argmin_scaling_check(check: Any, step: Any, checker: Any) -> None:
    r"""The hook: an UNDECIDED ``\arg\min_x F = \arg\min_x G`` with ``F = c G + r``, ``c > 0``
    and ``c``, ``r`` free of ``x`` is PROVED (module doc); any other step is left as it is."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or step.rel != "=":
        return
    left, right = _parts(step.lhs, table), _parts(step.rhs, table)
    if left is None or right is None or left[0] != right[0] or left[2].name != right[2].name:
        return
    idx = left[2]
    defs = getattr(checker, "defs", {})
    body_f = left[1].xreplace(defs)
    body_g = right[1].xreplace({right[2]: idx}).xreplace(defs)
    syms = body_f.free_symbols | body_g.free_symbols | {idx}
    fixed = iterates(checker, check.line, idx)
    moving = _related({s for s in syms if not _free_of(s, idx, table, fixed)}, checker)
    if any(_carries(str(v), idx) for t in getattr(checker, "let_texts", []) for v in
           re.findall(r"[A-Za-z]+", t)):
        return  # a definition names the index, whether read or not: kept out
    if not moving & body_g.free_symbols:
        return  # an objective free of the index: every point is a minimiser
    try:
        c = _scale(body_f, body_g, moving)
    except Exception:  # noqa: BLE001 - sympy could not differentiate or simplify: not shown
        return
    if c is None or c.is_positive is not True:
        return
    check.verdict = "PROVED"
    check.method = "argmin: positive scaling and a constant shift"
    check.detail = (f"the left objective is {sp.sstr(c)} > 0 times the right one plus a "
                    f"quantity free of {idx.name}: the same {left[0]} set")
    check.witness = None


__all__ = ["argmin_scaling_check"]
