r"""Probabilities of one relation, as the tail-event rules read them (:mod:`.tail_events`,
:mod:`.tail_bounds`): ``Pr[a R b]`` read back from its atom's key (``R`` among
``>=, >, <=, <``; unconditioned, unsubscripted), and each letter as a real number with only the
sign its stated domain gives (``% hb: assume \lambda > 0``), for the project's sign prover
(:func:`~hallbound.proofs_checks.engine.prover.prove_sign`); a letter with no stated domain
has no sign.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import domain_assumptions
from hallbound.proofs_checks.engine.prover import prove_equal, prove_sign
from hallbound.proofs_checks.latex.models.parametric_moments import sympify_named

RELS = (">=", "<=", ">", "<")
FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}
Event = tuple[sp.Expr, str, sp.Expr]


class Unshown(Exception):
    """A side condition that is not shown (the step stays UNDECIDED with a note)."""


def read_event(atom: Any) -> Event | None:
    """``(a, R, b)`` of an unconditioned, unsubscripted ``Pr[a R b]`` atom; None otherwise."""
    if atom is None or atom.kind != "Pr" or not atom.key.startswith("Pr[") or \
            " | " in atom.key or not atom.key.endswith("]"):
        return None
    inner = atom.key[3:-1]
    for op in RELS:
        parts = inner.split(f" {op} ")
        if len(parts) != 2 or any(f" {o} " in p or "=" in p or " & " in p
                                  for p in parts for o in RELS):
            continue
        try:
            a, b = (sympify_named(p, set(atom.depends)) for p in parts)
        except (sp.SympifyError, SyntaxError, TypeError, ValueError, AttributeError):
            return None
        if not _faithful((a, b), parts, set(atom.depends)):
            return None
        return a, op, b
    return None


def _faithful(sides: tuple, texts: list[str], deps: set) -> bool:
    """Whether the sides read back as the key's texts, from the atom's own letters and SymPy's
    functions only (a name SymPy would read as its own, ``S(x)`` or ``N(x)``, is refused)."""
    for side, text in zip(sides, texts, strict=True):
        if not isinstance(side, sp.Expr) or sp.sstr(side) != text or \
                not side.free_symbols <= deps:
            return False
        if any(not (type(f).__module__ or "").startswith("sympy.functions")
               for f in side.atoms(sp.Function)):
            return False
    return True


class Signs:
    """Each letter real, with the sign its stated domain gives (module doc)."""

    def __init__(self, table: Any, exprs: list[sp.Basic]) -> None:
        self.map: dict[sp.Symbol, sp.Symbol] = {}
        for e in exprs:
            for s in e.free_symbols:
                if s not in table.atoms and s not in self.map:
                    self.map[s] = sp.Symbol(s.name, **_sign(table.params.get(s)))

    def __call__(self, e: sp.Basic) -> sp.Basic:
        return e.xreplace(self.map)

    def shown(self, e: sp.Expr, strict: bool, atoms: dict | None = None) -> bool:
        """Whether ``e >= 0`` (``> 0``) is shown; ``atoms`` maps atoms to signed numbers."""
        try:
            return prove_sign(self(e).xreplace(atoms or {}), strict) is not None
        except Exception:  # noqa: BLE001 - a sign SymPy cannot decide: not shown
            return False

    def equal(self, a: sp.Basic, b: sp.Basic) -> bool:
        try:
            return prove_equal(self(a), self(b)) is not None
        except Exception:  # noqa: BLE001 - cannot simplify: not shown
            return False


def _sign(p: Any) -> dict[str, bool]:
    """SymPy assumptions of a letter from its stated domain (real, and a sign only when the
    domain's end gives it: :func:`~hallbound.proofs_checks.engine.claim.domain_assumptions`;
    integer also when the symbol is)."""
    if p is None or not isinstance(getattr(p, "symbol", None), sp.Symbol):
        return {"real": True}  # no stated domain, or a matrix: no sign
    out = domain_assumptions(p) or {"real": True}
    if p.symbol.is_integer is True:
        out["integer"] = True
    return out


def lower_form(event: Event) -> tuple[sp.Expr, sp.Expr, bool]:
    """``(big, small, strict)`` with the event reading ``big >= small`` (``>`` if strict)."""
    a, op, b = event
    return (a, b, op == ">") if op in (">=", ">") else (b, a, op == "<")


def normal_form(event: Event) -> tuple[sp.Expr, bool]:
    big, small, strict = lower_form(event)
    return sp.expand(big - small), strict


def same_form(x: tuple[sp.Expr, bool], y: tuple[sp.Expr, bool]) -> bool:
    return x[1] == y[1] and sp.expand(x[0] - y[0]) == 0


__all__ = ["FLIP", "Event", "Signs", "Unshown", "lower_form", "normal_form", "read_event",
           "same_form"]
