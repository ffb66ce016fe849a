r"""The Fenchel--Young inequality: :math:`\langle v, w\rangle \le h(w) + h^*(v)`.

For any function ``h`` (real or ``+\infty`` valued) and its convex conjugate
:math:`h^*(v) = \sup_x \langle v, x\rangle - h(x)` (the reading :mod:`.conjugates` gives
``h^*(v)`` next to ``h``), taking ``x = w`` in the supremum gives
:math:`h^*(v) \ge \langle v, w\rangle - h(w)` at every ``v`` and ``w``: exact, with no
hypothesis on ``h``.

A step ``lhs <= rhs`` (``<``, or ``>=``/``>`` turned round) is PROVED when ``rhs - lhs`` is
``c (h^*(v) + h(w) - \langle v, w\rangle) + r`` for a number ``c > 0`` and a rest ``r`` the
project's sign prover shows ``>= 0`` (``> 0`` for ``<``), with each letter's stated sign:
``h^*(v)``, ``h(w)`` and the inner product are atoms of the reader with the same ``v`` and
``w`` as written (compared as text without spaces; the inner product's two arguments in
either order, a real inner product being symmetric; a subscript naming the space is
allowed). Several such triples may be taken out one after another. Any other step, an
equation among them, is left as it is; the rule never refutes.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.conjugates import (
    _conjugate_parts,
    _inner_args,
    _squash,
)
from hallbound.proofs_checks.latex.models.event_atoms import Signs

_SPACE = re.compile(r"_(\{[^{}]*\}|[A-Za-z0-9])$")


def _inner(sym: sp.Symbol, table: Any) -> tuple[str, str] | None:
    """The two arguments (text without spaces) of an inner-product atom, a subscript naming
    the space dropped; None otherwise."""
    atom = table.atoms.get(sym)
    if atom is None or atom.kind != "inner":
        return None
    return _inner_args(_SPACE.sub("", atom.key.strip()))


def _value(sym: sp.Symbol, table: Any) -> tuple[str, str] | None:
    """``(h, w)`` of a function value ``h(w)`` of one argument (text without spaces)."""
    atom = table.atoms.get(sym)
    if atom is None or atom.kind != "func" or atom.head.endswith("^*"):
        return None
    key = atom.key
    if not (key.startswith(atom.head + "(") and key.endswith(")")):
        return None
    arg = key[len(atom.head) + 1:-1]
    if "," in arg:
        return None
    return atom.head, _squash(arg)


def take_triples(diff: sp.Expr, table: Any) -> tuple[sp.Expr, list[str]]:
    """``diff`` less every ``c (h^*(v) + h(w) - <v, w>)`` found in it (module doc), and the
    triples taken, as text."""
    taken: list[str] = []
    for _ in range(4):
        coeffs = sp.expand(diff).as_coefficients_dict()
        found = None
        for conj, c in coeffs.items():
            parts = _conjugate_parts(conj, table) if isinstance(conj, sp.Symbol) else None
            if parts is None or not (c.is_number and c > 0):
                continue
            h, v = parts[0], _squash(parts[1])
            for val, cv in coeffs.items():
                got = _value(val, table) if isinstance(val, sp.Symbol) else None
                if got is None or got[0] != h or cv != c:
                    continue
                for inner, ci in coeffs.items():
                    args = _inner(inner, table) if isinstance(inner, sp.Symbol) else None
                    if args is not None and ci == -c and set(args) == {v, got[1]}:
                        found = (c, conj, val, inner, f"{h}^*({v}) + {h}({got[1]}) >= "
                                 f"<{v}, {got[1]}>")
                        break
                if found:
                    break
            if found:
                break
        if found is None:
            break
        c, conj, val, inner, text = found
        diff = sp.expand(diff - c * (conj + val - inner))
        taken.append(text)
    return diff, taken


def fenchel_young_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED ``<=``/``<`` step (either way round) whose slack is
    Fenchel--Young triples plus a rest shown non-negative is PROVED (module doc)."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or checker.contradictory:
        return
    rel, lhs, rhs = step.rel, step.lhs, step.rhs
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
    if rel not in ("<=", "<"):
        return
    try:
        diff = (sp.sympify(rhs) - sp.sympify(lhs)).xreplace(checker.defs)
        rest, taken = take_triples(diff, table)
        if not taken or not Signs(table, [rest]).shown(rest, rel == "<"):
            return
    except Exception:  # noqa: BLE001 - an expression the rule cannot handle: no verdict
        return
    check.verdict, check.method = "PROVED", "Fenchel-Young inequality"
    check.detail = (f"Fenchel-Young: h^*(v) >= <v, w> - h(w) for the conjugate h^* of any h "
                    f"({'; '.join(taken)}); the rest of rhs - lhs, {sp.sstr(rest)[:80]}, "
                    f"is {'> 0' if rel == '<' else '>= 0'} (sign prover)")
    check.witness = None


__all__ = ["fenchel_young_check", "take_triples"]
