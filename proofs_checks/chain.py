r"""Does a claim's chain close? Steps composed by transitivity into the statement.

Each step ``a REL b`` (REFUTED steps excluded) is an edge of a graph on expressions, oriented
the "less than" way: ``a <= b`` and ``a < b`` go from ``a`` to ``b``, ``a >= b`` and ``a > b``
from ``b`` to ``a``, and ``a = b`` both ways. Two expressions are the same node when their
difference simplifies to 0 after the claim's definitions are substituted. A conclusion
``L <= R`` closes when a path leads from ``L`` to ``R``; it is ``<`` when some edge is strict
and ``=`` when every edge is an equality, and a conclusion ``L < R`` (``L = R``) needs a strict
(all-equality) path. Every relation of ``Claim.conclusion`` must close.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from hallbound.proofs_checks.claim import Claim, Step
from hallbound.proofs_checks.prover import substitute
from hallbound.proofs_checks.verdicts import StepResult, Verdict

_RANK = {"=": 0, "<=": 1, "<": 2}


def _orient(lhs: Any, op: str, rhs: Any) -> tuple[Any, str, Any] | None:
    if op == "=":
        return lhs, "=", rhs
    if op in ("<=", "<"):
        return lhs, op, rhs
    if op in (">=", ">"):
        return rhs, "<=" if op == ">=" else "<", lhs
    return None


def _combine(a: str, b: str) -> str:
    return a if _RANK[a] >= _RANK[b] else b


def _accepts(conclusion: str, got: str) -> bool:
    if conclusion == "=":
        return got == "="
    if conclusion == "<":
        return got == "<"
    return True


class _Nodes:
    """Expressions up to simplification (after the claim's definitions)."""

    def __init__(self, claim: Claim) -> None:
        self.definitions = dict(claim.definitions)
        self.items: list[sp.Basic] = []

    def key(self, expr: Any) -> int | None:
        if not isinstance(expr, sp.Basic):
            return None
        e = sp.sympify(substitute(expr, self.definitions))
        for i, other in enumerate(self.items):
            if e == other or _same(e, other):
                return i
        self.items.append(e)
        return len(self.items) - 1


def _signature(e: sp.Basic) -> tuple:
    """Free symbols and applied function classes: two expressions with different signatures
    are kept apart without simplifying (at worst a path is missed: never a false close)."""
    return (
        frozenset(e.free_symbols),
        frozenset(type(f) for f in e.atoms(sp.Function)),
        frozenset(e.atoms(sp.Indexed)),
    )


def _same(a: sp.Basic, b: sp.Basic) -> bool:
    try:
        if getattr(a, "is_Matrix", False) or getattr(b, "is_Matrix", False):
            return False
        if _signature(a) != _signature(b):
            return False
        return sp.expand(a - b) == 0 or sp.simplify(a - b) == 0
    except Exception:  # noqa: BLE001 - not comparable: different nodes
        return False


def close(claim: Claim, results: Sequence[StepResult]) -> tuple[bool, str]:
    """``(closed, explanation)`` for the claim's conclusion."""
    if not claim.conclusion:
        return False, "chain open: the statement is text, with no symbolic conclusion to reach"
    usable = {r.step for r in results if r.verdict is not Verdict.REFUTED}
    nodes = _Nodes(claim)
    edges: dict[int, list[tuple[int, str, str]]] = {}
    for step in claim.steps:
        if step.name in usable:
            _add(edges, nodes, step)
    parts = []
    for lhs, op, rhs in claim.conclusion:
        oriented = _orient(lhs, op, rhs)
        path = None
        if oriented is not None:
            start, want, goal = oriented
            a, b = nodes.key(start), nodes.key(goal)
            if a is not None and b is not None:
                path = _search(edges, a, b, want)
        text = f"{sp.sstr(lhs)} {op} {sp.sstr(rhs)}"
        if path is None:
            return False, f"chain open: no path of steps gives {text}"
        parts.append(f"{text} by {' -> '.join(path) if path else 'identity'}")
    return True, "chain closes: " + "; ".join(parts)


def _add(edges: dict, nodes: _Nodes, step: Step) -> None:
    oriented = _orient(step.lhs, step.rel, step.rhs)
    if oriented is None:
        return
    a_expr, op, b_expr = oriented
    a, b = nodes.key(a_expr), nodes.key(b_expr)
    if a is None or b is None:
        return
    edges.setdefault(a, []).append((b, op, step.name))
    if op == "=":
        edges.setdefault(b, []).append((a, op, step.name))


def _search(edges: dict, start: int, goal: int, want: str) -> list[str] | None:
    """Breadth-first search over (node, relation so far); the path as step names."""
    frontier: list[tuple[int, str, list[str]]] = [(start, "=", [])]
    seen = {(start, "=")}
    while frontier:
        nxt = []
        for node, rel, path in frontier:
            if node == goal and _accepts(want, rel) and (path or start == goal):
                return path
            for b, op, name in edges.get(node, []):
                r = _combine(rel, op)
                if (b, r) in seen:
                    continue
                seen.add((b, r))
                nxt.append((b, r, [*path, name]))
        frontier = nxt
    return None
