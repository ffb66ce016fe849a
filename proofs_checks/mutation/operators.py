r"""Mutation operators: false variants of a step (relation flipped, constants and sides
scaled, factors and terms dropped, signs flipped, premises altered with the sides), as
new :class:`~hallbound.proofs_checks.engine.claim.Step` objects in a copy of the claim."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Step

DEFAULT_SEED = 20250925
#: Checker trials per mutant (small: mutants are many).
DEFAULT_TRIALS = 30
#: Random points of the independent evaluation (after the "nice" points).
EVAL_POINTS = 120
#: Law cases of the independent evaluation (the law's own cases come first).
LAW_CASES = 150
#: At most this many mutants per operator, side and step.
MAX_PER_OPERATOR = 4
#: Seconds of CPU the checker may spend on one mutant (then the verdict is TIMEOUT).
CHECK_SECONDS = 30.0
#: The verdict recorded when the checker runs out of its budget on a mutant.
TIMEOUT = "TIMEOUT"
#: "true" needs at least this many points where the premises and the original hold.
MIN_VALID = 8

ORDER_RELS = ("<=", "<", ">=", ">")
_FLIPS: dict[str, tuple[str, ...]] = {
    "<=": (">",),
    "<": (">=",),
    ">=": ("<",),
    ">": ("<=",),
    "=": ("<", ">"),
}
HOLDING = frozenset({"PROVED", "CERTIFIED"})


# ----- mutation operators (pure functions on SymPy expressions) ------------------------------
def flip_relation(rel: str) -> tuple[str, ...]:
    """The relations that contradict ``rel`` somewhere unless both sides are always equal
    (``<=`` -> ``>``, ``=`` -> ``<`` and ``>``); empty for non-order relations."""
    return _FLIPS.get(rel, ())


def _xreplace(expr: sp.Basic, table: dict) -> sp.Basic | None:
    """``expr.xreplace(table)``, or None where SymPy refuses the result (e.g. a matrix
    dimension that is no longer an integer)."""
    try:
        return expr.xreplace(table)
    except (ValueError, TypeError, AttributeError):
        return None


def walk(expr: sp.Basic) -> Iterator[sp.Basic]:
    """The nodes of ``expr`` in pre-order, each node's arguments in SymPy's canonical order
    (:func:`sympy.ordered`). A plain :func:`sympy.preorder_traversal` walks the argument *set*
    of ``Or``/``And``/``Min``/``Max``, whose order follows the process's hash seed: the
    mutants kept (the first :data:`MAX_PER_OPERATOR`) would then differ between processes."""
    return sp.preorder_traversal(expr, keys=True)


def _numbers(expr: sp.Basic) -> list[sp.Number]:
    seen: list[sp.Number] = []
    for node in walk(expr):
        if isinstance(node, sp.Number) and node != 0 and node not in seen:
            seen.append(node)
    return seen


def scale_constants(expr: sp.Basic, limit: int = MAX_PER_OPERATOR) -> list[tuple[str, sp.Basic]]:
    r"""Each numeric constant :math:`c \ne 0` of ``expr`` replaced (everywhere it occurs) by
    :math:`2c` and by :math:`c/2`: ``(description, mutated)`` pairs, mutated != expr."""
    out: list[tuple[str, sp.Basic]] = []
    for c in _numbers(expr)[:limit]:
        for f, word in ((2, "2*"), (sp.Rational(1, 2), "1/2*")):
            new = _xreplace(expr, {c: c * f})
            if new is not None and new != expr:
                out.append((f"{c} -> {word}{c}", new))
    return out


def _nodes(expr: sp.Basic, kind: type) -> list[sp.Basic]:
    return [n for n in walk(expr) if isinstance(n, kind) and len(n.args) >= 2]


def drop_factors(expr: sp.Basic, limit: int = MAX_PER_OPERATOR) -> list[tuple[str, sp.Basic]]:
    """Each non-numeric factor of each product in ``expr`` removed (one at a time)."""
    out: list[tuple[str, sp.Basic]] = []
    for node in _nodes(expr, sp.Mul):
        for k, arg in enumerate(node.args):
            if isinstance(arg, sp.Number):
                continue  # constants are scale-const's business
            rest = sp.Mul(*(a for j, a in enumerate(node.args) if j != k))
            new = _xreplace(expr, {node: rest})
            if new is not None and new != expr:
                out.append((f"drop factor {sp.sstr(arg)}", new))
            if len(out) >= limit:
                return out
    return out


def drop_terms(expr: sp.Basic, limit: int = MAX_PER_OPERATOR) -> list[tuple[str, sp.Basic]]:
    """Each term of each sum in ``expr`` removed (one at a time)."""
    out: list[tuple[str, sp.Basic]] = []
    for node in _nodes(expr, sp.Add):
        for k, arg in enumerate(node.args):
            rest = sp.Add(*(a for j, a in enumerate(node.args) if j != k))
            new = _xreplace(expr, {node: rest})
            if new is not None and new != expr:
                out.append((f"drop term {sp.sstr(arg)}", new))
            if len(out) >= limit:
                return out
    return out


def flip_signs(expr: sp.Basic, limit: int = MAX_PER_OPERATOR) -> list[tuple[str, sp.Basic]]:
    """``-expr``, and each term of each sum negated (one at a time)."""
    out: list[tuple[str, sp.Basic]] = []
    if expr != 0:
        out.append(("negate side", -expr))
    for node in _nodes(expr, sp.Add):
        for k, arg in enumerate(node.args):
            args = list(node.args)
            args[k] = -arg
            new = _xreplace(expr, {node: sp.Add(*args)})
            if new is not None and new != expr:
                out.append((f"negate term {sp.sstr(arg)}", new))
            if len(out) >= limit + 1:
                return out
    return out


def scale_side(expr: sp.Basic, factor: sp.Rational) -> sp.Basic:
    """The whole side times ``factor``."""
    return expr * factor


# ----- mutants ---------------------------------------------------------------------------
@dataclass
class Mutant:
    """A mutated step inside a copy of its claim.

    ``side_factor`` = ``(side, f)`` when the mutation multiplied a whole side by a number
    (``f = -1`` for a negated side): a law can evaluate it. ``rel_only``: only the relation
    changed. ``premise_changed``: the premise was altered with the relation.
    """

    claim: Claim
    step: Step
    original: Step
    operator: str
    description: str
    side_factor: tuple[str, Fraction] | None = None
    rel_only: bool = False
    premise_changed: bool = False
    planted: str = ""

    @property
    def key(self) -> str:
        return f"{self.claim.name} / {self.original.name} / {self.operator}: {self.description}"


def _is_sym(x: Any) -> bool:
    return isinstance(x, sp.Basic) and not getattr(x, "is_Matrix", False)


def _with_step(claim: Claim, old: Step, new: Step) -> Claim:
    steps = [new if s is old else s for s in claim.steps]
    return dataclasses.replace(claim, steps=steps)


def _premise_objects(step: Step) -> list[Any]:
    return [p for p in getattr(step, "premises", ()) or () if hasattr(p, "relation")]


def _relational(lhs: Any, rel: str, rhs: Any) -> Any:
    ops = {"<=": sp.Le, "<": sp.Lt, ">=": sp.Ge, ">": sp.Gt, "=": sp.Eq}
    if rel in ops and _is_sym(lhs) and _is_sym(rhs):
        return ops[rel](lhs, rhs, evaluate=False)
    return (lhs, rel, rhs)


def adjust_given(step: Step, lhs: sp.Basic, rhs: sp.Basic) -> dict | None:
    r"""A ``given`` that makes the mutated sides substitute to the original difference.

    For one symbol key :math:`k` of ``step.given`` (the others substituted first), solve
    :math:`\text{lhs}'(k) - \text{rhs}'(k) = \text{lhs}_0 - \text{rhs}_0` (the right side
    being the original step after its premise substitution) where the left side is linear
    in :math:`k`. None when no key works.
    """
    from hallbound.proofs_checks.engine.prover import substitute

    given = dict(getattr(step, "given", {}) or {})
    if not given or not (_is_sym(step.lhs) and _is_sym(step.rhs)):
        return None
    try:
        target = sp.sympify(substitute(step.lhs, given) - substitute(step.rhs, given))
    except Exception:  # noqa: BLE001 - SymPy could not substitute: no adjustment
        return None
    for key in given:
        if not isinstance(key, sp.Symbol):
            continue
        others = {k: v for k, v in given.items() if k != key}
        try:
            expr = sp.sympify(substitute(lhs, others) - substitute(rhs, others))
            if key not in expr.free_symbols:
                continue
            slope = sp.diff(expr, key)
            if key in slope.free_symbols or slope == 0:
                continue  # only premises linear in the key are re-solved
            sol = (target - expr.xreplace({key: sp.Integer(0)})) / slope
        except Exception:  # noqa: BLE001 - no closed form: try the next key
            continue
        if not sol.has(sp.I, sp.nan, sp.zoo):
            return {**others, key: sol}
    return None


def _premise_variants(step: Step, lhs: Any, rel: str, rhs: Any) -> list[tuple[str, dict]]:
    """Field changes that alter the premise together with the relation (both APIs)."""
    out: list[tuple[str, dict]] = []
    new_given = adjust_given(step, lhs, rhs) if rel == step.rel else None
    if new_given is not None:
        desc = "; ".join(f"{sp.sstr(k)} := {sp.sstr(v)}" for k, v in new_given.items())
        out.append((f"given {desc}", {"given": new_given}))
    objs = _premise_objects(step)
    if objs:
        relation = _relational(lhs, rel, rhs)
        new_premises = []
        for p in step.premises:
            if hasattr(p, "relation"):
                solve_for = getattr(p, "solve_for", None)
                free = getattr(lhs, "free_symbols", set())
                if solve_for is not None and solve_for not in free:
                    solve_for = next(iter(sorted(free, key=str)), None)
                changes: dict[str, Any] = {"relation": relation}
                if hasattr(p, "solve_for"):
                    changes["solve_for"] = solve_for
                try:
                    new_premises.append(dataclasses.replace(p, **changes))
                except TypeError:
                    new_premises.append(p)
            else:
                new_premises.append(p)
        out.append(("premises restate the mutated relation", {"premises": tuple(new_premises)}))
    return out


def _side_mutations(expr: sp.Basic) -> Iterator[tuple[str, str, sp.Basic, Fraction | None]]:
    """(operator, description, mutated side, whole-side factor or None)."""
    for f in (Fraction(2), Fraction(1, 2)):
        yield "scale-side", f"side * {f}", scale_side(expr, sp.Rational(f.numerator,
                                                                      f.denominator)), f
    for desc, new in scale_constants(expr):
        yield "scale-const", desc, new, None
    for desc, new in drop_factors(expr):
        yield "drop-factor", desc, new, None
    for desc, new in drop_terms(expr):
        yield "drop-term", desc, new, None
    for desc, new in flip_signs(expr):
        yield "flip-sign", desc, new, (Fraction(-1) if desc == "negate side" else None)


def _replace(step: Step, **changes: Any) -> Step | None:
    try:
        return dataclasses.replace(step, **changes)
    except (ValueError, TypeError):
        return None


def step_mutants(claim: Claim, step: Step) -> list[Mutant]:
    """Every mutant of one step (see the module doc)."""
    out: list[Mutant] = []

    def add(op: str, desc: str, new: Step | None, **kw: Any) -> None:
        if new is not None:
            new = with_source_law(new, step)
            if new.law is step.law:  # a hand-written law: the claim's declared symbols
                from hallbound.proofs_checks.mutation.declared import with_declared_law

                new = with_declared_law(claim, step, new, DEFAULT_SEED)
            out.append(Mutant(_with_step(claim, step, new), new, step, op, desc, **kw))

    for rel in flip_relation(step.rel):
        add("flip-rel", f"{step.rel} -> {rel}", _replace(step, rel=rel), rel_only=True)
    sym = _is_sym(step.lhs) and _is_sym(step.rhs)
    if not sym or step.rel not in _FLIPS:
        return out
    has_premise = bool(getattr(step, "given", None)) or bool(_premise_objects(step))
    for side in ("lhs", "rhs"):
        expr = sp.sympify(getattr(step, side))
        for op, desc, new, factor in _side_mutations(expr):
            if new == expr:
                continue  # e.g. 2 * 0: not a mutant
            sf = (side, factor) if factor is not None else None
            add(op, f"{side}: {desc}", _replace(step, **{side: new}), side_factor=sf)
            if not has_premise:
                continue
            lhs = new if side == "lhs" else step.lhs
            rhs = new if side == "rhs" else step.rhs
            for pdesc, changes in _premise_variants(step, lhs, step.rel, rhs):
                add(
                    f"premise+{op}",
                    f"{side}: {desc}; {pdesc}",
                    _replace(step, **{side: new}, **changes),
                    side_factor=sf,
                    premise_changed=True,
                )
    return out


def with_source_law(new: Step, original: Step) -> Step:
    """``new`` with its law check rebuilt from its own sides where the original's law check
    is built from the displayed sides (:class:`~hallbound.proofs_checks.engine.law_checks.
    ExprLawCheck`: in the source both come from the same expressions, so an edit of them
    reaches both; same sampler, cases, trials and label). A hand-written law (a second,
    typed formula) is kept: an edit of the displayed sides does not reach it."""
    from hallbound.proofs_checks.engine.law_checks import ExprLawCheck, law_check

    law = original.law
    if not isinstance(law, ExprLawCheck) or (new.lhs, new.rhs) == (original.lhs, original.rhs):
        return new
    if not (_is_sym(new.lhs) and _is_sym(new.rhs)):
        return new
    rebuilt = law_check(new.lhs, new.rhs, law.sample, definitions=law.definitions,
                        trials=law.trials, label=law.label)
    rebuilt.cases = law.cases
    return dataclasses.replace(new, law=rebuilt)


def claim_mutants(claim: Claim) -> list[Mutant]:
    """Every mutant of every step of ``claim``."""
    return [m for s in claim.steps for m in step_mutants(claim, s)]

def _takes_earlier() -> bool:
    import inspect

    from hallbound.proofs_checks.engine.checker import check_step

    return "earlier" in inspect.signature(check_step).parameters
