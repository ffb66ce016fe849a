r"""Does a claim's chain close? Steps composed by transitivity into the statement.

Each step ``a REL b`` (REFUTED steps excluded) is an edge of a graph on expressions, oriented
the "less than" way: ``a <= b`` and ``a < b`` go from ``a`` to ``b``, ``a >= b`` and ``a > b``
from ``b`` to ``a``, and ``a = b`` both ways. Two expressions are the same node when their
difference simplifies to 0 after the claim's definitions are substituted. A conclusion
``L <= R`` closes when a path leads from ``L`` to ``R``; it is ``<`` when some edge is strict
and ``=`` when every edge is an equality, and a conclusion ``L < R`` (``L = R``) needs a strict
(all-equality) path. Every relation of ``Claim.conclusion`` must close.

A step shown only on a part of the claim's domain (its own ``params`` narrow a claim parameter,
or a CERTIFIED step's box does) is an edge only there: the chain closes when every cell of the
case split those parts define has a path of steps shown on it (:func:`closure`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Step
from hallbound.proofs_checks.engine.premises import interval_of
from hallbound.proofs_checks.engine.prover import substitute
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict

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
        self.memo: dict[sp.Basic, int] = {}  # an expression's node, once found (per claim)

    def key(self, expr: Any) -> int | None:
        if not isinstance(expr, sp.Basic):
            return None
        if expr in self.memo:
            return self.memo[expr]
        e = sp.sympify(substitute(expr, self.definitions))
        for i, other in enumerate(self.items):
            if e == other or _same(e, other):
                self.memo[expr] = i
                return i
        self.items.append(e)
        self.memo[expr] = len(self.items) - 1
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
    """``(closed, explanation)`` for the claim's conclusion on its whole domain."""
    out = closure(claim, results)
    return out.closed, out.text


@dataclass
class Closure:
    """How the steps reach the conclusion. ``closed``: on the whole domain. ``uncovered``:
    the cells of the domain (parameter symbol -> SymPy set) where no path of steps shown on
    that cell reaches it; ``text`` explains either."""

    closed: bool
    text: str
    uncovered: list[dict[sp.Basic, sp.Set]] = field(default_factory=list)

    def uncovered_text(self, claim: Claim) -> dict[str, str]:
        """Per parameter name, the union of the uncovered cells' parts, as text."""
        names = {p.symbol: p.name for p in claim.hypotheses}
        out: dict[sp.Basic, sp.Set] = {}
        for cell in self.uncovered:
            for sym, part in cell.items():
                out[sym] = sp.Union(out.get(sym, sp.S.EmptySet), part)
        return {names.get(k, str(k)): f"{names.get(k, k)} in {set_text(v)}" for k, v in out.items()}


def set_text(part: sp.Set) -> str:
    """A union of intervals and points as a reader writes it: ``[0, 1) U {3} U (5, oo)``."""
    pieces = part.args if isinstance(part, sp.Union) else (part,)
    out = []
    for x in pieces:
        if isinstance(x, sp.Interval):
            left = "(" if x.left_open or x.start.is_infinite else "["
            right = ")" if x.right_open or x.end.is_infinite else "]"
            out.append(f"{left}{sp.sstr(x.start)}, {sp.sstr(x.end)}{right}")
        elif isinstance(x, sp.Range):
            out.append(f"the integers {sp.sstr(x.inf)}..{sp.sstr(x.sup)}")
        elif isinstance(x, sp.FiniteSet):
            out.append("{" + ", ".join(sp.sstr(v) for v in x.args) + "}")
        else:
            out.append(sp.sstr(x))
    return " U ".join(out)


#: At most this many cells of a case split are examined (beyond it: uncovered as a whole).
MAX_CELLS = 64


def closure(claim: Claim, results: Sequence[StepResult]) -> Closure:
    """Does a path of steps reach each relation of the conclusion, on every part of the
    claim's domain? A step shown only on a part of a parameter's domain (its ``region``) is
    an edge only on that part: the domain is cut into cells at the ends of those parts (a
    case split), and each cell needs its own path among the steps shown on it."""
    if not claim.conclusion:
        return Closure(False, "chain open: the statement is text, with no symbolic conclusion "
                       "to reach")
    usable = [r for r in results if r.verdict is not Verdict.REFUTED]
    nodes = _Nodes(claim)  # shared by every cell: the nodes do not depend on the cell
    whole = _paths(claim, usable, nodes)
    if isinstance(whole, str):
        return Closure(False, whole)
    cells = _cells(claim, usable)
    if cells is None:
        cut = sorted({k for r in usable for k in r.region})
        return Closure(False, "chain open: too many cases in the split over " + ", ".join(cut),
                       [_full(claim, cut)])
    missing = []
    for cell in cells:
        on = [r for r in usable if _covers(r, cell)]
        if isinstance(_paths(claim, on, nodes), str):
            missing.append(cell)
    if missing:
        shown = "; ".join(
            ", ".join(f"{sp.sstr(k)} in {set_text(v)}" for k, v in c.items()) for c in missing
        )
        return Closure(False, "chain open: the steps reach the conclusion only on part of the "
                       f"domain; not on {shown}", missing)
    cases = f" (case split over {len(cells)} cells)" if len(cells) > 1 else ""
    return Closure(True, "chain closes: " + "; ".join(whole) + cases)


def _paths(
    claim: Claim, usable: Sequence[StepResult], nodes: _Nodes | None = None
) -> list[str] | str:
    """One path per conclusion relation among the ``usable`` steps, or why there is none
    (``nodes``: a node table to reuse, built for ``claim``)."""
    names = {r.step for r in usable}
    nodes = nodes if nodes is not None else _Nodes(claim)
    edges: dict[int, list[tuple[int, str, str]]] = {}
    for step in claim.steps:
        if step.name in names:
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
            return f"chain open: no path of steps gives {text}"
        parts.append(f"{text} by {' -> '.join(path) if path else 'identity'}")
    return parts


def _domain(claim: Claim, sym: sp.Basic) -> sp.Set:
    """The parameter's domain: its interval, or the integers in it (an integer parameter's
    case split has no cell between two consecutive integers)."""
    for p in claim.hypotheses:
        if p.symbol == sym:
            dom = interval_of(p)
            return dom.intersect(sp.S.Integers) if p.is_integer else dom
    return sp.S.Reals


def _full(claim: Claim, names: Sequence[Any]) -> dict[sp.Basic, sp.Set]:
    return {k: _domain(claim, k) for k in names}


def _cells(claim: Claim, usable: Sequence[StepResult]) -> list[dict[sp.Basic, sp.Set]] | None:
    """The product, over the parameters some step narrows, of the pieces their domains are
    cut into by the ends of the steps' parts (points and open intervals between them)."""
    cut = sorted({k for r in usable for k in r.region}, key=sp.default_sort_key)
    if not cut:
        return [{}]
    axes = []
    for sym in cut:
        dom = _domain(claim, sym)
        ends = set()
        for r in usable:
            part = r.region.get(sym)
            for piece in (part.args if isinstance(part, sp.Union) else (part,)) if part else ():
                if isinstance(piece, sp.Interval):
                    ends.update(e for e in (piece.start, piece.end) if e.is_finite)
                elif isinstance(piece, sp.FiniteSet):
                    ends.update(piece.args)
        ends = sorted(ends)
        pieces = [sp.FiniteSet(e) for e in ends]
        bounds = [-sp.oo, *ends, sp.oo]
        pieces += [sp.Interval.open(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
        axis = [dom.intersect(x) for x in pieces]
        axes.append([x for x in axis if x is not sp.S.EmptySet])
    total = 1
    for axis in axes:
        total *= len(axis)
    if total > MAX_CELLS:
        return None
    return [dict(zip(cut, combo, strict=True)) for combo in itertools.product(*axes)]


def _covers(result: StepResult, cell: Mapping[sp.Basic, sp.Set]) -> bool:
    return all(
        cell[k].is_subset(part) is True for k, part in result.region.items() if k in cell
    )


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
