r"""Tail-bound steps proved by exact rules: a strictly monotone map applied to both sides of
an event, Markov's inequality, and the union bound for ``|u| \ge t``.

Each rule reads probabilities ``\Pr[a \mathrel{R} b]`` (unconditioned, unsubscripted, one
relation ``R`` among ``>=, >, <=, <``) and expectations ``\mathbb{E}[Y]`` as the reader keyed
them (:mod:`~hallbound.proofs_checks.latex.math_atoms`). Every side condition is shown by the
project's sign prover (:func:`~hallbound.proofs_checks.engine.prover.prove_sign`) with each
letter real and carrying only the sign its stated domain gives (``% hb: assume \lambda > 0``);
a letter with no stated domain has no sign. A condition that is not shown leaves the step
UNDECIDED with a note naming it: a sign is never guessed.

* **Monotone events**: ``\Pr[L_1 R R_1] = \Pr[L_2 R' R_2]`` is PROVED when ``L_2 = g(L_1)``
  and ``R_2 = g(R_1)`` for a map ``g`` built from layers, each strictly monotone where it is
  applied: ``t + c``; ``c t`` with ``c > 0`` (``c < 0``: decreasing); ``e^t``; ``\log t``
  with both inputs ``> 0``; ``t^k`` for an odd positive integer ``k``, or for any other
  positive exponent with both inputs ``>= 0``. Then ``L R R_1`` holds exactly when
  ``g(L) R' g(R_1)`` at every outcome, where ``R' = R`` after an even number of decreasing
  layers and ``R`` flipped after an odd number; any other ``R'`` is no proof.
* **Markov**: ``\Pr[Y \ge a] \le B`` (or ``Y > a``) is PROVED when ``Y \ge 0`` at every
  outcome, ``a > 0`` and ``B - \mathbb{E}[Y]/a \ge 0`` (``> 0`` for ``<``) are shown; then
  ``\Pr[Y \ge a] \le \mathbb{E}[Y]/a \le B``. ``\mathbb{E}[Y]`` is read with the reader's own
  linearity (numeric coefficients), so ``\mathbb{E}[|Z - \mu|^2]`` matches.
* **Union bound**: ``\Pr[|u| \ge t] \le B`` (or ``>``) is PROVED when ``B`` holds
  ``\Pr[u \ge t]`` and ``\Pr[u \le -t]`` (the same strictness; any way of writing the two
  events with the same meaning, ``-u \ge t`` among them) and ``B - \Pr[u \ge t] -
  \Pr[u \le -t] \ge 0`` is shown with every probability a number ``>= 0``: the event
  ``|u| \ge t`` is the union of the two for every real ``t``.

Any other step is left as it is.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.event_atoms import FLIP, Event, Signs, Unshown, read_event
from hallbound.proofs_checks.latex.models.tail_bounds import (
    markov,
    union_bound,
    union_of_events,
    upper,
    upper_union,
)


def layers(dst: sp.Expr, src: sp.Expr) -> list[tuple] | None:
    """The layers (outermost first) of a map ``g`` with ``dst = g(src)``: ``(Add, c)``,
    ``(Mul, c)`` (``c`` free of ``src``'s letters), ``(exp,)``, ``(log,)``,
    ``(Pow, k)`` (a positive number ``k``), SymPy's classes; None when ``dst`` is not so
    built."""
    if sp.expand(dst - src) == 0:
        return []
    syms = src.free_symbols
    if isinstance(dst, sp.Pow) and dst.exp.is_number and dst.exp.is_positive:
        if sp.expand(src**dst.exp - dst) == 0:
            return [(sp.Pow, dst.exp)]
        inner = layers(dst.base, src)
        return None if inner is None else [(sp.Pow, dst.exp), *inner]
    if isinstance(dst, sp.exp | sp.log):
        inner = layers(dst.args[0], src)
        return None if inner is None else [(type(dst),), *inner]
    if isinstance(dst, sp.Mul | sp.Add) and syms:
        dep = [a for a in dst.args if a.free_symbols & syms]
        rest = [a for a in dst.args if not a.free_symbols & syms]
        if not dep or not rest:
            return None
        join = sp.Mul if isinstance(dst, sp.Mul) else sp.Add
        inner = layers(join(*dep), src)
        return None if inner is None else [(join, join(*rest)), *inner]
    return None


def _apply(layer: tuple, u: sp.Expr) -> sp.Expr:
    head = layer[0]
    if head is sp.Add:
        return u + layer[1]
    if head is sp.Mul:
        return layer[1] * u
    if head is sp.Pow:
        return u ** layer[1]
    return head(u)


def _direction(layer: tuple, ins: tuple[sp.Expr, sp.Expr], signs: Signs) -> int:
    """+1 (strictly increasing) or -1 (strictly decreasing) where ``layer`` is applied to
    the two inputs ``ins``; :class:`Unshown` naming the condition otherwise."""
    head = layer[0]
    if head is sp.Add or head is sp.exp:
        return 1
    if head is sp.Mul:
        if signs.shown(layer[1], True):
            return 1
        if signs.shown(-layer[1], True):
            return -1
        raise Unshown(f"{sp.sstr(layer[1])} > 0 (or < 0)")
    strict = head is sp.log
    if head is sp.Pow and layer[1].is_integer and layer[1].is_odd:
        return 1
    for u in ins:
        if not signs.shown(u, strict):
            raise Unshown(f"{sp.sstr(u)} {'>' if strict else '>='} 0")
    return 1


def monotone_equal(e1: Event, e2: Event, signs: Signs) -> str | None:
    """How ``e1`` and ``e2`` are the same event (module doc), or None; :class:`Unshown`
    when a map fits but one of its conditions is not shown."""
    unshown = None
    for first, second in ((e1, e2), (e2, e1)):
        for k in (0, 2):  # peel the left sides, or the right sides
            a1, a2, b1, b2 = first[k], second[k], first[2 - k], second[2 - k]
            found = layers(a2, a1)
            if found is None:
                continue
            b, u, sign = b1, a1, 1
            try:
                for layer in reversed(found):
                    sign *= _direction(layer, (u, b), signs)
                    u, b = _apply(layer, u), _apply(layer, b)
            except Unshown as why:
                unshown = unshown or why
                continue
            if not signs.equal(b, b2):
                continue
            want = first[1] if sign > 0 else FLIP[first[1]]
            if second[1] != want:
                continue
            kind = "increasing" if sign > 0 else "decreasing (the relation flips)"
            return (f"the second event applies to both sides of the first a map strictly "
                    f"{kind} where it is used: {_show(found)}")
    if unshown is not None:
        raise unshown
    return None


def _show(found: list[tuple]) -> str:
    """The map, outermost layer first: each layer as ``u -> ..``."""
    u = sp.Symbol("u")
    return " after ".join(f"u -> {sp.sstr(_apply(x, u))}" for x in found)

def tail_event_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED step of one of the three shapes (module doc) is PROVED when its
    conditions are shown, noted when one is not; any other step is left as it is."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or checker.contradictory:
        return
    try:
        how, rule = _attempt(step, checker, table)
    except Unshown as why:
        check.notes.append(f"tail-event rules: {why} is not shown from the stated assumptions"
                           " (no sign is assumed): no proof")
        return
    except Exception:  # noqa: BLE001 - an expression the rules cannot handle: no verdict
        return
    if how is None:
        return
    check.verdict, check.method, check.detail = "PROVED", f"tail-event rules: {rule}", how
    check.witness = None


def _attempt(step: Any, checker: Any, table: Any) -> tuple[str | None, str]:
    lhs, rhs = (sp.sympify(e).xreplace(checker.defs) for e in (step.lhs, step.rhs))
    if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)):
        return None, ""
    atoms = table.atoms
    exprs = [lhs, rhs] + [e for s in lhs.free_symbols | rhs.free_symbols if s in atoms
                          for e in (read_event(atoms[s]) or ())[::2]]
    signs = Signs(table, exprs + [a.arg for a in atoms.values()
                                   if a.kind == "E" and isinstance(a.arg, sp.Basic)])
    return _decide(lhs, step.rel, rhs, atoms, signs)


def _decide(lhs: sp.Expr, rel: str, rhs: sp.Expr, atoms: dict,
            signs: Signs) -> tuple[str | None, str]:
    if rel == "=":
        if not (isinstance(lhs, sp.Symbol) and isinstance(rhs, sp.Symbol)):
            return None, ""
        e1, e2 = read_event(atoms.get(lhs)), read_event(atoms.get(rhs))
        if e1 is None or e2 is None:
            return None, ""
        return monotone_equal(e1, e2, signs), "monotone map of an event"
    found = upper(lhs, rel, rhs, atoms)
    if found is None:
        found = upper_union(lhs, rel, rhs, atoms)
        how = None if found is None else union_of_events(found, atoms, signs)
        return how, "union bound"
    how = union_bound(found, atoms, signs)
    if how is not None:
        return how, "union bound"
    return markov(found, atoms, signs), "Markov's inequality"


__all__ = ["layers", "monotone_equal", "tail_event_check"]
