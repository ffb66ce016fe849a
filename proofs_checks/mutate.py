r"""Mutation testing of the checker: false variants of every step must not be PROVED.

For every step of every registered claim the tool builds *mutants* (new
:class:`~hallbound.proofs_checks.engine.claim.Step` objects made with :func:`dataclasses.replace`,
inside a copy of the claim):

* ``flip-rel``: the relation reversed (:math:`\le \leftrightarrow \ge`, :math:`< \leftrightarrow
  >`, :math:`=` to :math:`<` or :math:`>`);
* ``scale-const``: one numeric constant :math:`c` of a side replaced by :math:`2c` or
  :math:`c/2`;
* ``scale-side``: a whole side times :math:`2` or :math:`1/2`;
* ``drop-factor`` / ``drop-term``: one factor of a product / one term of a sum removed;
* ``flip-sign``: a side, or one term of a sum, negated;
* ``premise+...``: a side mutated *and* the step's premise altered the same way, so that the
  step still "simplifies" after the premise substitution. For the old ``given`` mapping the
  premise value of one key :math:`k` is re-solved from
  :math:`\text{lhs}'(k) - \text{rhs}'(k) = \text{lhs}_0 - \text{rhs}_0` (the original
  substituted difference); :class:`~hallbound.proofs_checks.engine.claim.Premise` objects are
  rewritten to state the mutated relation itself.

A step whose law check is built from its displayed sides
(:class:`~hallbound.proofs_checks.engine.law_checks.ExprLawCheck`) gets the law rebuilt from the
mutated sides (:func:`with_source_law`): in the source both come from the same expressions,
so an edit reaches both. A hand-written law (a second, typed formula) is kept.

A mutant counts only when an **independent** evaluation shows it false at some point of the
step's domain (:func:`evaluate_mutant`); the evaluation never uses the mutated premise nor the
checker. The **first model** (:func:`first_model`):

* steps with a ``law`` (:class:`~hallbound.proofs_checks.engine.probability.LawCheck`): the law's
  exact cases with the mutated relation, when the mutation only changed the relation or
  scaled/negated a whole side; other side mutations through a mapping from the step's
  symbols to values of a case (:data:`LAW_MAPS`, and the finite-instance quantities of
  :mod:`hallbound.proofs_checks.mutation_laws`);
* SymPy sides: 50-digit mpmath at seeded random points of the parameter domains
  (:func:`hallbound.proofs_checks.engine.falsify.sample_param`), either raw (when the original raw
  relation holds at every sample: the step is a statement about its parameters alone; a
  step that states nothing else is judged even where it is itself false) or under a
  hand-checked *model* (:data:`MODELS`): a substitution of the step's opaque symbols by a
  realisable instance (e.g. :math:`W` uniform on a ball for U5) or the original premise
  where it only reparametrises the step's domain; the claim's assumptions connected to the
  step's symbols constrain the points.

Where it cannot decide, the **second model** (:mod:`hallbound.proofs_checks.mutation_models`)
makes the step finite: sums over a symbolic :math:`N` written out at small :math:`N`, exact
random laws for ``Pr``/``E``/``Var``, the stated equalities and premises substituted (through
slacks), an unknown density uniform, events as indicators, matrices explicit. Either model
calls a mutant *true* only with at least :data:`MIN_VALID` points where the premises and the
original hold; otherwise the mutant is *not independently decidable*, with its reason.

A false mutant is checked by the real checker (at most :data:`CHECK_SECONDS` of CPU each,
:func:`cpu_budget`), and counted by its verdict
(:mod:`hallbound.proofs_checks.mutation_report`): **killed by REFUTED**, **killed by
demotion** (SUPPORTED, ASSUMED, UNDECIDED) or **survived** (PROVED, CERTIFIED: a soundness
bug, listed); a TIMEOUT or a crash is listed and counts as neither. The report gives, per
claim and in total, generated / decided / false / REFUTED / demoted / survived, the decided
fraction (decided / evaluated) and the targets (>= 90% decided, every false mutant killed,
>= 80% of the kills by REFUTED), and why the undecided mutants were not decided. Planted
mutants (:func:`planted_mutants`) include "Chebyshev with Var/(4a^2)" and "drop V_d from U5
together with its premise"; :func:`planted_source_mutation` halves the uniform mean law's
sup density in the source formula and re-checks ``Theorem 6.1 (corrected)``.

Usage: ``python -m hallbound.proofs_checks.mutate [--claims NAME ...] [--json FILE]
[--seed S] [--trials N] [--per-step K] [--step-share F] [--jobs J] [--check-seconds S]``.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import math
import sys
import time
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.falsify import nice_points, sample_param, violated_exact
from hallbound.proofs_checks.engine.probability import holds
from hallbound.proofs_checks.mutation_models import fails

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


def _numbers(expr: sp.Basic) -> list[sp.Number]:
    seen: list[sp.Number] = []
    for node in sp.preorder_traversal(expr):
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
    return [n for n in sp.preorder_traversal(expr) if isinstance(n, kind) and len(n.args) >= 2]


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


# ----- planted mutants -------------------------------------------------------------------
def _find_step(claims: Sequence[Claim], claim: str, prefix: str) -> tuple[Claim, Step] | None:
    for c in claims:
        if c.name == claim:
            for s in c.steps:
                if s.name == prefix or s.name.startswith(prefix + " "):
                    return c, s
    return None


def _planted(claim: Claim, step: Step, lhs: Any, rhs: Any, name: str, op: str,
             side_factor: tuple[str, Fraction] | None,
             drop: Mapping[sp.Basic, sp.Basic] | None = None) -> Mutant:
    changes: dict[str, Any] = {"lhs": lhs, "rhs": rhs}
    variants = _premise_variants(step, lhs, step.rel, rhs)
    given = dict(getattr(step, "given", {}) or {})
    if drop is not None and given:  # drop the same factor from the premise
        changes["given"] = {k: v.xreplace(dict(drop)) for k, v in given.items()}
    for _, ch in variants:
        for k, v in ch.items():
            changes.setdefault(k, v)
    new = with_source_law(dataclasses.replace(step, **changes), step)
    return Mutant(_with_step(claim, step, new), new, step, op, name, side_factor=side_factor,
                  premise_changed=True, planted=name)


def planted_mutants(claims: Sequence[Claim]) -> list[Mutant]:
    """The planted false steps named in issue #10 (where the claims still hold the step)."""
    out: list[Mutant] = []
    hit = _find_step(claims, "Lemma B.3", "B.3")
    if hit and _is_sym(hit[1].rhs):
        c, s = hit
        out.append(_planted(c, s, s.lhs, s.rhs / 4, "Chebyshev with Var/(4a^2)",
                            "premise+scale-side", ("rhs", Fraction(1, 4))))
    hit = _find_step(claims, "Theorem 6.1 (corrected)", "U5")
    if hit and _is_sym(hit[1].rhs):
        c, s = hit
        drop = _ball_volume_factor(sp.sympify(s.rhs))
        if drop is not None:
            rhs = s.rhs.xreplace(drop)
            out.append(_planted(c, s, s.lhs, rhs, "drop V_d from U5 together with its premise",
                                "premise+drop-factor", None, drop=drop))
    return out


def _ball_volume_factor(expr: sp.Basic) -> dict[sp.Basic, sp.Basic] | None:
    r"""How to drop :math:`V_d` from a product: a symbol named ``V_d`` or the Gamma-function
    expression of the ball volume goes to 1; an opaque ``BallVolume(d, r)`` (the volume
    :math:`V_d r^d`) becomes :math:`r^d`. None when the product has no such factor."""
    factors = expr.args if isinstance(expr, sp.Mul) else (expr,)
    for f in factors:
        if isinstance(f, sp.Symbol) and f.name in ("V_d", "V_{d}"):
            return {f: sp.Integer(1)}
        if type(f).__name__ == "BallVolume" and len(f.args) == 2:
            dim, r = f.args
            return {f: r**dim}
    for f in factors:
        if f.has(sp.gamma):
            return {f: sp.Integer(1)}
    return None


# ----- independent evaluation ------------------------------------------------------------
@dataclass
class Evaluation:
    """``status``: ``"false"`` (a witness where the original holds and the mutant fails),
    ``"true"`` (no such point among those tried) or ``"undecidable"``; ``how`` says by what."""

    status: str
    how: str
    witness: dict[str, Any] | None = None
    model: str = "first"


@dataclass(frozen=True)
class Model:
    r"""A realisable instance of a step's opaque symbols: ``subs`` maps symbol *names* to
    SymPy expressions in the ``params`` (plus the claim's and step's own parameters)."""

    subs: Callable[[], dict[str, sp.Basic]]
    params: Callable[[], list[Param]]
    description: str


def _ball_model() -> Model:
    r"""U5: :math:`W` uniform on the ball of radius :math:`R` in :math:`\mathbb R^d`, so
    :math:`\sup g_W = 1/(V_d R^d)` and :math:`\Pr[\|W\| \le r] = \min(1, (r/R)^d)`."""
    d = sp.Symbol("d_a", integer=True, positive=True)
    big_r = sp.Symbol("R_ball", positive=True)
    r = sp.Symbol("r_i", nonnegative=True)
    vd = sp.pi ** (d / 2) / sp.gamma(d / 2 + 1)

    def subs() -> dict[str, sp.Basic]:
        return {
            "Pr[||W_i|| <= r_i]": sp.Min(1, (r / big_r) ** d),
            "V_d": vd,
            "g_W(w)": 1 / (vd * big_r**d),
            "r_i": r,
            "d_a": d,
        }

    def params() -> list[Param]:
        return [
            Param("d_a", d, kind="integer", lo=1, hi=6),
            Param("R_ball", big_r, lo=0.1, hi=5),
            Param("r_i", r, lo=0, hi=5),
        ]

    return Model(subs, params, "W uniform on a ball of radius R_ball")


def _convolution_model() -> Model:
    r"""U4: :math:`W = c\,\mu_k` (the other terms degenerate): :math:`\sup g_W = G_k/|c|^d`."""
    d = sp.Symbol("d_a", integer=True, positive=True)
    gk = sp.Symbol("G_k", positive=True)
    ck = sp.Symbol("|c_ik|", positive=True)

    def subs() -> dict[str, sp.Basic]:
        return {"g_W(w)": gk / ck**d, "G_k": gk, "|c_ik|": ck, "d_a": d}

    def params() -> list[Param]:
        return [
            Param("d_a", d, kind="integer", lo=1, hi=6),
            Param("G_k", gk, lo=0.01, hi=10),
            Param("|c_ik|", ck, lo=0.01, hi=1),
        ]

    return Model(subs, params, "W = c mu_k, other terms degenerate")


def _vectors_model(names: dict[str, str]) -> Model:
    r"""Two vectors :math:`x, y \in \mathbb R^2`: norms, inner product, squared norms."""
    x1, x2, y1, y2 = sp.symbols("x1 x2 y1 y2", real=True)
    exprs = {
        "|x|": sp.sqrt(x1**2 + x2**2),
        "|y|": sp.sqrt(y1**2 + y2**2),
        "|x|^2": x1**2 + x2**2,
        "|y|^2": y1**2 + y2**2,
        "<x,y>": x1 * y1 + x2 * y2,
        "|x-y|": sp.sqrt((x1 - y1) ** 2 + (x2 - y2) ** 2),
    }

    def subs() -> dict[str, sp.Basic]:
        return {sym: exprs[what] for sym, what in names.items()}

    def params() -> list[Param]:
        return [Param(str(s), s, search=(-5, 5)) for s in (x1, x2, y1, y2)]

    return Model(subs, params, "two vectors in R^2")


def _given_model(claim: Claim, step: Step) -> Model | None:
    """The original premise substitution, where it only reparametrises the step's domain."""
    given = dict(getattr(step, "given", {}) or {})
    if not given or not all(isinstance(k, sp.Symbol) for k in given):
        return None
    return Model(lambda: {str(k): v for k, v in given.items()}, lambda: [],
                 "the original premise (a reparametrisation of the domain)")


_NORMS = {"||v0||": "|x|", "||mu_i||": "|y|", "||v0 - mu_i||": "|x-y|"}

#: (claim name, step name or prefix) -> model. Hand-checked: each substitution is realisable,
#: so a mutant false under it is false. ``"given"`` = the original premise substitution, used
#: only where it reparametrises hypotheses (a case split, delta = e^-lambda, a hypothesis
#: ||v0|| <= eps), never where it restates the step. Under a model, every original premise
#: (Premise object) of the step is a constraint on the points; without one, only the claim's
#: assumptions and the premises backed by ``"hypothesis"`` are.
MODELS: dict[tuple[str, str], Callable[[], Model] | str] = {
    ("Theorem 6.1 (corrected)", "U5"): _ball_model,
    ("Theorem 6.1 (corrected)", "U4"): _convolution_model,
    ("Lemma B.4", "B.4b"): lambda: _vectors_model({"A": "|x|^2", "B": "<x,y>", "C": "|y|^2"}),
    ("Theorem 5.2 (corrected)", "B.3a'"): lambda: _vectors_model(_NORMS),
    ("Theorem 5.2 (corrected)", "B.3c'"): lambda: _vectors_model(_NORMS),
    ("Theorem 5.2 (corrected)", "B.3d'"): lambda: _vectors_model(_NORMS),
    ("Theorem 5.2 (corrected)", "B.3 (conclusion)'"): "given",
    ("Theorem 5.2", "B.3 (reverse triangle)"): lambda: _vectors_model(_NORMS),
    ("Theorem 5.2", "B.3 (hypotheses)"): lambda: _vectors_model(_NORMS),
    ("Theorem 5.2", "B.3 (distance)"): lambda: _vectors_model(_NORMS),
    ("Theorem 5.3", "B.8c (reverse triangle)"): lambda: _vectors_model(_NORMS),
    ("Theorem 5.3", "B.8c (hypotheses)"): lambda: _vectors_model(_NORMS),
    ("Theorem 5.3", "B.8c (distance)"): lambda: _vectors_model(_NORMS),
    ("Theorem 5.3", "B.8c (conclusion)"): "given",
    ("Theorem 5.3", "B.8 (v0)"): "given",
    ("Theorem 5.2 (corrected)", "norm"): "given",
    ("Theorem 5.2", "B.3 (conclusion)"): "given",
    ("Theorem 5.3", "B.8a"): "given",
    ("Theorem 5.3", "B.8b"): "given",
    ("Theorem 5.3", "B.8c (Theorem 5.2 with eps = L B_delta)"): "given",
    ("Theorem 5.1 (corrected)", "B.1' (m_i real)"): "given",
    ("Theorem 5.1 (corrected)", "B.4' (other case)"): "given",
    ("Corollary 5.2.1 (corrected)", "C.2' B.4' (other case)"): "given",
    ("Theorem C.1 (corrected)", "C.2' (other corners)"): "given",
    ("Theorem C.1 (corrected)", "C.4' (outside corner i)"): "given",
    ("Theorem 6.1, binned conditioning (corrected)", "R1 (left of F_i)"): "given",
    ("Theorem 6.1, binned conditioning (corrected)", "R2 (right of F_i)"): "given",
    ("Theorem 6.1, two states (corrected)", "S3a (state 1)"): "given",
    ("Theorem 6.1, two states (corrected)", "S3b (state 2)"): "given",
}


def _cheb_map(case: Any) -> dict[str, Fraction]:
    t, a = case
    m = t.mean()
    return {"Pr[|T - ET| >= a]": t.prob(lambda x: abs(x - m) >= a), "Var[T]": t.moment(2, m),
            "a": a}


def _b5a_map(c: Any) -> dict[str, Fraction]:
    d = c.get("d1")

    def dev2(m: Any) -> Fraction:
        return (c.a_star(m) - c.mu0) ** 2

    return {
        "Pr[||mu_0 - A*||^2 >= d_1^2]": c.prob(lambda m: dev2(m) >= d * d),
        "E[(A* - mu_0)^2]": c.expect(dev2),
        "d_1": d,
    }


def _b6_map(c: Any) -> dict[str, Fraction]:
    th = c.get("theta")
    return {
        "Pr[||mu_i - mu_0||^2 >= theta sigma_i^d]": c.laws[0].prob(
            lambda x: (x - c.mu0) ** 2 >= th * c.sigma(0)
        ),
        "theta": th,
        "K_i": c.kappa(0),
    }


def _pz_map(case: Any) -> dict[str, Fraction]:
    t, th = case
    c = th * t.mean()
    lo = sum((q * a for a, q in zip(t.atoms, t.probs, strict=True) if a <= c), Fraction(0))
    hi = sum((q * a for a, q in zip(t.atoms, t.probs, strict=True) if a > c), Fraction(0))
    return {
        "E[T]": t.mean(),
        "E[T^2]": t.moment(2),
        "P = Pr[T > theta E T]": t.prob(lambda x: x > c),
        "1 - theta": 1 - th,
        "E[T 1{T <= theta E T}]": lo,
        "E[T 1{T > theta E T}]": hi,
    }


#: (claim, step) -> case -> {symbol name: exact value}: the step's symbols on a law case.
LAW_MAPS: dict[tuple[str, str], Callable[[Any], dict[str, Fraction]]] = {
    ("Lemma B.3", "B.3"): _cheb_map,
    ("Lemma B.5", "B.5a"): _b5a_map,
    ("Lemma B.6", "B.6"): _b6_map,
    ("Lemma B.2 (corrected)", "PZ1"): _pz_map,
    ("Lemma B.2 (corrected)", "PZ2"): _pz_map,
    ("Lemma B.2 (corrected)", "PZ3"): _pz_map,
}


def _lookup(table: Mapping[tuple[str, str], Any], claim: str, step: str) -> Any:
    if (claim, step) in table:
        return table[(claim, step)]
    for (c, s), v in table.items():
        if c == claim and step.startswith(s + " "):
            return v
    return None


def _rng(seed: int, *names: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32("/".join(names).encode())])


def _mp(v: Any) -> Any:
    """An exact mpmath number (ints too: ``1/N`` of a Python int would be a binary float)."""
    if isinstance(v, Fraction):
        return mpmath.mpf(v.numerator) / v.denominator
    if isinstance(v, int | np.integer):
        return mpmath.mpf(int(v))
    return mpmath.mpf(float(v))


def _is_bad(x: Any) -> bool:
    try:
        return bool(mpmath.im(x) != 0 or mpmath.isnan(mpmath.re(x)) or mpmath.isinf(x))
    except (TypeError, ValueError):
        return True


def _point_view(point: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in point.items():
        out[k] = int(v) if isinstance(v, int | np.integer) else float(v)
    return out


def _evaluate_points(
    orig: tuple[sp.Basic, str, sp.Basic],
    mut: tuple[sp.Basic, str, sp.Basic],
    params: list[Param],
    rng: np.random.Generator,
    n_points: int,
    strict: bool = False,
    domain: Sequence[tuple[sp.Basic, Param]] = (),
    constraints: Sequence[tuple[sp.Basic, str, sp.Basic]] = (),
    everywhere: bool = False,
) -> tuple[str, dict[str, Any] | None]:
    """``("false", point)`` at a point where the original holds and the mutant fails (50
    digits); ``("true", None)`` when there is none. Points where an expression of ``domain``
    leaves its parameter's domain, or a relation of ``constraints`` (the original premises)
    fails, are skipped. With ``strict`` (a raw relation, no model), the
    original must hold at *every* point, else ``("original-fails", point)``; with
    ``everywhere`` the mutant is judged at points where the original fails too (a step that
    states nothing else, false as stated there). ``("too-few", None)``: fewer than
    :data:`MIN_VALID` points to judge at."""
    syms = [p.symbol for p in params]
    try:
        fo = [sp.lambdify(syms, e, modules="mpmath") for e in (orig[0], orig[2])]
        fm = [sp.lambdify(syms, e, modules="mpmath") for e in (mut[0], mut[2])]
        fd = [(sp.lambdify(syms, e, modules="mpmath"), p) for e, p in domain]
        fc = [(sp.lambdify(syms, a, modules="mpmath"), r, sp.lambdify(syms, b, modules="mpmath"))
              for a, r, b in constraints]
    except Exception:  # noqa: BLE001 - no numeric form
        return "undecidable", None
    witness = None
    points = nice_points(params, limit=32) + [
        {p.name: sample_param(p, rng) for p in params} for _ in range(n_points)
    ]
    original_fails = None
    valid = 0
    for pt in points:
        with mpmath.workdps(50):
            args = [_mp(pt[p.name]) for p in params]
            try:
                if not all(_inside(p, mpmath.mpmathify(f(*args))) for f, p in fd):
                    continue
                if not all(_satisfied(mpmath.mpmathify(fa(*args)), r, mpmath.mpmathify(fb(*args)))
                           for fa, r, fb in fc):
                    continue
                lo, ro = (mpmath.mpmathify(f(*args)) for f in fo)
                lm, rm = (mpmath.mpmathify(f(*args)) for f in fm)
            except Exception:  # noqa: BLE001 - a point SymPy's numeric form cannot take
                continue
            if any(_is_bad(x) for x in (lo, ro, lm, rm)):
                continue
            if violated_exact(lo, ro, orig[1]):
                original_fails = original_fails or pt
                if strict:
                    return "original-fails", original_fails
                if not everywhere:
                    continue
            valid += 1
            if witness is None and violated_exact(lm, rm, mut[1]):
                witness = pt
                if not strict:
                    break
    if witness is not None:
        return "false", witness
    if valid < MIN_VALID:
        return "too-few", None
    return "true", None


def _satisfied(lhs: Any, rel: str, rhs: Any) -> bool:
    """A premise relation holds at 50 digits (within the re-check tolerance); unknown
    relations and non-real values count as not satisfied."""
    if rel not in _FLIPS or _is_bad(lhs) or _is_bad(rhs):
        return False
    return not violated_exact(lhs, rhs, rel)


def _as_relation(obj: Any) -> tuple[sp.Basic, str, sp.Basic] | None:
    """``(lhs, rel, rhs)`` of a SymPy relational or a triple; None otherwise."""
    if isinstance(obj, tuple) and len(obj) == 3 and _is_sym(obj[0]) and _is_sym(obj[2]):
        return sp.sympify(obj[0]), str(obj[1]), sp.sympify(obj[2])
    ops = {sp.Eq: "=", sp.Le: "<=", sp.Lt: "<", sp.Ge: ">=", sp.Gt: ">"}
    for cls, rel in ops.items():
        if isinstance(obj, cls):
            return obj.lhs, rel, obj.rhs
    return None


def _inside(p: Param, v: Any) -> bool:
    """A 50-digit value inside a parameter's stated domain (integers: within 1e-30)."""
    if _is_bad(v):
        return False
    x = mpmath.re(v)
    tol = mpmath.mpf(10) ** -30 * (1 + abs(x))
    if p.lo is not None and (x < p.lo - tol or (p.lo_open and x <= p.lo)):
        return False
    if p.hi is not None and (x > p.hi + tol or (p.hi_open and x >= p.hi)):
        return False
    return not (p.kind == "integer" and abs(x - mpmath.nint(x)) > tol)


_OPAQUE = (sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Indexed,
           sp.core.function.AppliedUndef)


def _definitions(claim: Claim) -> dict[sp.Basic, sp.Basic]:
    return dict(getattr(claim, "definitions", {}) or {})


def _defined(expr: Any, defs: Mapping[sp.Basic, sp.Basic]) -> sp.Basic:
    """``expr`` with the claim's definitions substituted (repeatedly: they may chain) and
    the known opaque functions expanded."""
    out = sp.sympify(expr)
    for _ in range(5):
        new = out.xreplace(dict(defs)) if defs else out
        if new == out:
            break
        out = new
    return expand_known(out)


def _params_for(claim: Claim, step: Step, exprs: Sequence[sp.Basic],
                extra: Sequence[Param] = ()) -> list[Param] | None:
    known = {p.symbol: p for p in extra}
    for s, p in claim.params_by_symbol(step).items():
        known.setdefault(s, p)
    free: set = set()
    for e in exprs:
        free |= e.free_symbols
    if any(s not in known or known[s].kind == "spd" for s in free):
        return None
    return sorted((known[s] for s in free), key=lambda p: p.name)


def _ball_volume(dim: sp.Basic, r: sp.Basic) -> sp.Basic:
    r""":math:`\pi^{d/2} r^d / \Gamma(d/2 + 1)`."""
    return sp.pi ** (dim / 2) * r**dim / sp.gamma(dim / 2 + 1)


#: Opaque functions of the claims (by class name) and their values, written here
#: independently of the lemma library.
KNOWN_FUNCTIONS: dict[str, Callable[..., sp.Basic]] = {"BallVolume": _ball_volume}


def expand_known(expr: sp.Basic) -> sp.Basic:
    """``expr`` with every :data:`KNOWN_FUNCTIONS` application replaced by its value."""
    return expr.replace(
        lambda e: isinstance(e, sp.Function) and type(e).__name__ in KNOWN_FUNCTIONS,
        lambda e: KNOWN_FUNCTIONS[type(e).__name__](*e.args),
    )


def _subs_by_name(expr: sp.Basic, subs: dict[str, sp.Basic]) -> sp.Basic:
    table = {s: subs[s.name] for s in expr.free_symbols if getattr(s, "name", None) in subs}
    return expr.xreplace(table)


def evaluate_mutant(m: Mutant, seed: int = DEFAULT_SEED, points: int = EVAL_POINTS,
                    models: dict[Any, Any] | None = None) -> Evaluation:
    """Decide, independently of the checker and of the mutated premise, whether the mutant
    is false somewhere in the step's domain: the first model (:func:`first_model`), then,
    where it cannot decide, the finite model of
    :mod:`hallbound.proofs_checks.mutation_models` (built once per step and kept in
    ``models``)."""
    first = first_model(m, seed=seed, points=points)
    if first.status != "undecidable":
        return first
    second = second_model(m, seed=seed, models=models)
    if second.status != "undecidable":
        return second
    return Evaluation("undecidable", f"{first.how} | {second.how}", model="")


def second_model(m: Mutant, seed: int = DEFAULT_SEED,
                 models: dict[Any, Any] | None = None) -> Evaluation:
    """The mutant judged by the finite model of its (original) step."""
    from hallbound.proofs_checks import mutation_models as FM

    key = (m.claim.name, m.original.name, id(m.original), seed)
    cache = {} if models is None else models
    if key not in cache:
        original_claim = dataclasses.replace(m.claim, steps=[
            m.original if st is m.step else st for st in m.claim.steps])
        defs = _definitions(original_claim)
        cache[key] = FM.build(original_claim, m.original,
                              _rng(seed, "finite model", m.claim.name, m.original.name),
                              lambda e: _defined(e, defs))
    model = cache[key]
    if model.reason:
        return Evaluation("undecidable", f"finite model: {model.reason}", model="second")
    status, witness = FM.judge(model, m.step.lhs, m.step.rel, m.step.rhs)
    if status == "undecidable":
        why = (witness or {}).get("reason", "the mutant has no concrete form")
        return Evaluation("undecidable", f"finite model: {why}", model="second")
    return Evaluation(status, model.description, _jsonable(witness), model="second")


def _relevant(constraints: Sequence[tuple[sp.Basic, str, sp.Basic]],
              syms: set[sp.Basic]) -> list[tuple[sp.Basic, str, sp.Basic]]:
    """The constraints connected to ``syms`` through shared symbols (transitively)."""
    reach, chosen, rest = set(syms), [], list(constraints)
    changed = True
    while changed:
        changed = False
        for c in list(rest):
            free = c[0].free_symbols | c[2].free_symbols
            if free & reach:
                chosen.append(c)
                rest.remove(c)
                reach |= free
                changed = True
    return chosen


def first_model(m: Mutant, seed: int = DEFAULT_SEED, points: int = EVAL_POINTS) -> Evaluation:
    """The first model: law cases, the step's evaluator, or 50-digit points of the relation
    (raw, or under a hand-checked model of :data:`MODELS`; see the module doc)."""
    o, s = m.original, m.step
    rng = _rng(seed, m.claim.name, o.name, m.key)
    if o.law is not None:
        return _evaluate_law(m, rng)
    if o.evaluate is not None:
        if not m.rel_only:
            return Evaluation("undecidable", "evaluate-callable step: only relation flips")
        return _evaluate_callable(m, rng, points)
    if not (_is_sym(o.lhs) and _is_sym(o.rhs) and _is_sym(s.lhs) and _is_sym(s.rhs)):
        return Evaluation("undecidable", "sides are not SymPy expressions")
    entry = _lookup(MODELS, m.claim.name, o.name)
    # a model stands for the claim's definitions by a realisable instance of them
    defs = _definitions(m.claim) if entry in (None, "given") else {}
    orig = (_defined(o.lhs, defs), o.rel, _defined(o.rhs, defs))
    mut = (_defined(s.lhs, defs), s.rel, _defined(s.rhs, defs))
    model: Model | None = None
    domain: list[tuple[sp.Basic, Param]] = []
    hyps = list(getattr(m.claim, "assumptions", ()) or ())
    hyps += [p.relation for p in _premise_objects(o) if getattr(p, "by", None) == "hypothesis"]
    if entry is not None:  # hand-checked: every original premise constrains the points
        hyps += [p.relation for p in _premise_objects(o) if getattr(p, "by", None) != "hypothesis"]
    constraints: list[tuple[sp.Basic, str, sp.Basic]] = []
    opaque: list[tuple[sp.Basic, str, sp.Basic]] = []
    for h in hyps:
        rel = _as_relation(h)
        if rel is None:
            continue
        if any(e.has(*_OPAQUE) for e in (rel[0], rel[2])):
            opaque.append(rel)
        else:
            constraints.append((_defined(rel[0], defs), rel[1], _defined(rel[2], defs)))
    step_syms = orig[0].free_symbols | orig[2].free_symbols
    constraints = _relevant(constraints, step_syms)
    reach = step_syms.union(*(a.free_symbols | b.free_symbols for a, _, b in constraints))
    if entry is None and any((a.free_symbols | b.free_symbols) & reach for a, _, b in opaque):
        return Evaluation("undecidable", "a hypothesis on the step's symbols that cannot "
                          "be evaluated (no model)")
    if entry == "given":
        model = _given_model(m.claim, o)
        known = m.claim.params_by_symbol(o)
        domain = [(sp.sympify(v), known[k]) for k, v in dict(o.given).items() if k in known]
    elif entry is not None:
        model = entry()
    if model is not None:
        table = model.subs()
        orig = (_subs_by_name(orig[0], table), orig[1], _subs_by_name(orig[2], table))
        mut = (_subs_by_name(mut[0], table), mut[1], _subs_by_name(mut[2], table))
        constraints = [
            (_subs_by_name(expand_known(a), table), r, _subs_by_name(expand_known(b), table))
            for a, r, b in constraints
        ]
        params = _params_for(m.claim, o, [orig[0], orig[2], mut[0], mut[2],
                                          *(e for a, _, b in constraints for e in (a, b))],
                             model.params())
        how = f"50-digit points under the model: {model.description}"
    else:
        params = _params_for(m.claim, o, [orig[0], orig[2], mut[0], mut[2],
                                          *(e for a, _, b in constraints for e in (a, b))])
        how = "50-digit points of the raw relation"
    if domain and params is not None:
        extra = _params_for(m.claim, o, [e for e, _ in domain])
        if extra is None:
            return Evaluation("undecidable", "premise values without a numeric domain")
        params = sorted({p.name: p for p in (*params, *extra)}.values(), key=lambda p: p.name)
    if params is None:
        return Evaluation("undecidable", "symbols without a numeric domain (no model)")
    if any(e.has(*_OPAQUE) for e in (*orig[::2], *mut[::2])):
        return Evaluation("undecidable", "unevaluated sums, integrals or functions (no model)")
    # raw relations: the original must hold at every sampled point (else its truth rests on
    # something the step does not state, and a point where it fails says nothing) unless
    # the step states nothing besides its relation (then such a point shows it false as
    # stated, and the mutant is judged at every point of the domain)
    from hallbound.proofs_checks.mutation_models import self_contained

    alone = model is None and self_contained(o)
    strict = model is None and not alone
    status, pt = _evaluate_points(orig, mut, params, rng, points, strict=strict, domain=domain,
                                  constraints=constraints, everywhere=alone)
    if status == "false":
        return Evaluation("false", how, _point_view(pt))
    if status == "original-fails":
        why = "the original relation fails at a sampled point"
        return Evaluation("undecidable", f"{why} (false, or true only under a premise)")
    if status == "undecidable":
        return Evaluation("undecidable", "no numeric form")
    if status == "too-few":
        return Evaluation("undecidable", f"fewer than {MIN_VALID} points satisfy the premises")
    return Evaluation("true", how)


def _evaluate_callable(m: Mutant, rng: np.random.Generator, points: int) -> Evaluation:
    o = m.original
    params = list(o.params)
    pts = nice_points(params, limit=16) + [
        {p.name: sample_param(p, rng) for p in params} for _ in range(points // 4)
    ]
    from hallbound.proofs_checks.engine.falsify import exact_point, mp_point

    for pt in pts:
        with mpmath.workdps(50):
            try:
                lhs, rhs = o.evaluate(mp_point(exact_point(pt)))
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                continue
            if _is_bad(lhs) or _is_bad(rhs) or violated_exact(lhs, rhs, o.rel):
                continue
            if violated_exact(lhs, rhs, m.step.rel):
                return Evaluation("false", "the step's own evaluator at 50 digits",
                                  {k: str(v) for k, v in pt.items()})
    return Evaluation("true", "the step's own evaluator at 50 digits")


def _law_cases(law: Any, rng: np.random.Generator) -> Iterator[Any]:
    yield from law.cases
    for _ in range(min(LAW_CASES, max(law.trials, 1))):
        yield law.sample(rng)


def _scaled(v: Any, f: Fraction) -> Any:
    return v * f


def _exact_or_mp(v: sp.Basic) -> Any:
    """A SymPy number as a ``Fraction`` (rational) or a 50-digit mpmath number."""
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    with mpmath.workdps(50):
        return mpmath.mpmathify(sp.N(v, 60))


def _law_mapping(m: Mutant) -> Callable[[Any], dict[str, Fraction]] | None:
    """A hand-written :data:`LAW_MAPS` entry, else the finite-instance quantities of
    :mod:`hallbound.proofs_checks.mutation_laws` where the law's cases are instances."""
    from hallbound.proofs_checks.mutation_laws import instance_values

    mapping = _lookup(LAW_MAPS, m.claim.name, m.original.name)
    if mapping is not None:
        return mapping
    cases = list(m.original.law.cases)[:1]
    if cases and instance_values(cases[0]) is not None:
        return instance_values
    return None


def _evaluate_law(m: Mutant, rng: np.random.Generator) -> Evaluation:
    """The law's cases, with the mutated relation (and a whole side scaled), or through a
    mapping of each case to the step's symbols; "true" needs :data:`MIN_VALID` cases where
    the original holds."""
    o, s = m.original, m.step
    law = o.law
    valid = 0
    if m.rel_only or (m.side_factor is not None and not law.monte_carlo):
        how = f"law cases ({law.label}), mutated relation"
        for case in _law_cases(law, rng):
            lhs, rhs = law.evaluate(case)
            if not holds(lhs, o.rel, rhs):
                continue  # outside the original's truth: not evidence
            valid += 1
            if m.side_factor is not None:
                side, f = m.side_factor
                lhs, rhs = (_scaled(lhs, f), rhs) if side == "lhs" else (lhs, _scaled(rhs, f))
            if not holds(lhs, s.rel, rhs):
                return Evaluation("false", how, _jsonable(law.describe(case)))
        if valid < MIN_VALID:
            return Evaluation("undecidable", f"fewer than {MIN_VALID} law cases where the "
                              "original holds")
        return Evaluation("true", how)
    mapping = _law_mapping(m)
    if mapping is not None and _is_sym(s.lhs) and _is_sym(s.rhs):
        how = f"law cases ({law.label}) through the step's symbols"
        for case in _law_cases(law, rng):
            try:
                raw = mapping(case)
            except Exception:  # noqa: BLE001 - the law's cases changed shape: no mapping
                return Evaluation("undecidable", "the law mapping does not fit the law's cases")
            if raw is None:
                return Evaluation("undecidable", "the law mapping does not fit the law's cases")
            values = {k: sp.Rational(v.numerator, v.denominator) for k, v in raw.items()}
            try:
                vals = [
                    _subs_by_name(sp.sympify(e), values)
                    for e in (o.lhs, o.rhs, s.lhs, s.rhs)
                ]
            except (ZeroDivisionError, TypeError):
                continue
            if any(v.free_symbols for v in vals) or any(v.has(sp.zoo, sp.nan) for v in vals):
                return Evaluation("undecidable", "law mapping leaves free symbols")
            nums = [_exact_or_mp(v) for v in vals]
            if any(_is_bad(x) for x in nums) or s.rel not in _FLIPS:
                continue
            if fails(nums[0], o.rel, nums[1]):
                continue
            valid += 1
            if fails(nums[2], s.rel, nums[3]):
                return Evaluation("false", how, _jsonable(law.describe(case)))
        if valid < MIN_VALID:
            return Evaluation("undecidable", f"fewer than {MIN_VALID} law cases where the "
                              "original holds")
        return Evaluation("true", how)
    return Evaluation("undecidable", "a side mutation the law cannot see, and no law mapping")


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, float | np.floating | mpmath.mpf):
        return float(v)
    return v if isinstance(v, str | int | bool) or v is None else str(v)


# ----- the planted source-formula change --------------------------------------------------
@contextlib.contextmanager
def halved_uniform_sup_density() -> Iterator[list[str]]:
    r"""Halve the uniform mean law's sup density where the source formula lives, for the
    duration of the block; yields the names of what was patched (empty: nothing found).

    Patched in every loaded ``hallbound`` module (so that ``from ... import`` copies change
    too): a dict ``LOG_SUP_STANDARD`` (its ``"uniform"`` entry loses :math:`\log 2`), and any
    function whose name ends in ``sup_density`` (``hallbound.symbolic.mean_laws.
    standard_sup_density`` and the like: the uniform law's value is halved; for names
    starting with ``log``, :math:`\log 2` is subtracted).
    """
    import importlib

    from hallbound.proofs_checks.claims import registry

    claim_modules = [
        f"hallbound.proofs_checks.claims.{n}" for n in getattr(registry, "_MODULES", ())
    ]
    for modname in ("hallbound.numeric.bounds", "hallbound.symbolic.mean_laws",
                    *claim_modules):  # loaded first, so no import inside the block keeps a patch
        with contextlib.suppress(ImportError):
            importlib.import_module(modname)
    undo: list[Callable[[], None]] = []
    patched: list[str] = []
    wrappers: dict[int, Callable[..., Any]] = {}
    for modname, mod in sorted(sys.modules.items()):
        if not modname.startswith("hallbound.") or mod is None or modname == __name__:
            continue
        table = vars(mod).get("LOG_SUP_STANDARD")
        if isinstance(table, dict) and "uniform" in table:
            old = table["uniform"]
            table["uniform"] = old - math.log(2)
            undo.append(lambda t=table, v=old: t.__setitem__("uniform", v))
            patched.append(f"{modname}.LOG_SUP_STANDARD['uniform']")
        for name, fn in list(vars(mod).items()):
            if not name.endswith("sup_density") or not callable(fn) or isinstance(fn, type):
                continue
            if id(fn) not in wrappers:
                wrappers[id(fn)] = _halving(fn, log=name.startswith("log"))
            setattr(mod, name, wrappers[id(fn)])
            undo.append(lambda m=mod, n=name, f=fn: setattr(m, n, f))
            patched.append(f"{modname}.{name}")
    try:
        yield patched
    finally:
        for u in reversed(undo):
            u()


def _halving(fn: Callable[..., Any], log: bool) -> Callable[..., Any]:
    def wrapped(*args: Any, **kw: Any) -> Any:
        out = fn(*args, **kw)
        kind = kw.get("kind", args[0] if args else None)
        kind = getattr(kind, "kind", getattr(kind, "name", kind))
        if kind == "uniform":
            return out - sp.log(2) if log else out / 2
        return out

    return wrapped


def uniform_sup_density() -> float:
    """The sup density of the standard uniform mean law U(-1, 1) as the source states it:
    ``hallbound.symbolic.mean_laws.standard_sup_density("uniform")``."""
    from hallbound.symbolic import mean_laws

    return float(mean_laws.standard_sup_density("uniform"))


def planted_source_mutation(
    seed: int = DEFAULT_SEED, trials: int = DEFAULT_TRIALS, baseline: bool = False
) -> dict:
    """Halve the uniform sup density in the source, check independently that the patched
    value is false (scipy's U(-1, 1) density at 0 is 1/2), rebuild ``Theorem 6.1
    (corrected)`` and check it step by step: killed when a step is neither PROVED nor
    CERTIFIED (then the claim is not either). ``baseline``: also check the unpatched claim
    (slow; for reading the report)."""
    from scipy.stats import uniform

    truth = float(uniform(loc=-1, scale=2).pdf(0.0))
    with halved_uniform_sup_density() as patched:
        try:
            stated = uniform_sup_density()
        except (ImportError, AttributeError, KeyError):
            stated = None
        verdicts, holds_now = _check_until_broken(_theorem_6_1_corrected(), seed, trials)
    base_verdicts = None
    if baseline:
        base_verdicts, _ = _check_until_broken(_theorem_6_1_corrected(), seed, trials)
    false = stated is not None and abs(stated - truth) > 1e-12
    return {
        "name": "halve the uniform mean law's sup density",
        "patched": patched,
        "independent": {"scipy U(-1,1) pdf(0)": truth, "source after the patch": stated},
        "false": bool(false and patched),
        "claim": "Theorem 6.1 (corrected)",
        "claim_verdict": "PROVED/CERTIFIED" if holds_now else "not PROVED/CERTIFIED",
        "step_verdicts": verdicts,
        "unpatched_step_verdicts": base_verdicts,
        "killed": not holds_now,
    }


def _check_until_broken(claim: Claim, seed: int, trials: int) -> tuple[dict[str, str], bool]:
    """Check the steps in order (each with the results before it) until one is neither
    PROVED nor CERTIFIED; then the claim cannot be. Returns the verdicts seen, and whether
    every step (hence possibly the claim) holds."""
    from hallbound.proofs_checks.engine.checker import check_step

    done: dict[str, Any] = {}
    verdicts: dict[str, str] = {}
    earlier = _takes_earlier()
    for step in claim.steps:
        kw = {"earlier": dict(done)} if earlier else {}
        res = check_step(claim, step, seed=seed, trials=trials, **kw)
        done[step.name] = res
        verdicts[step.name] = res.verdict.value
        if res.verdict.value not in HOLDING:
            return verdicts, False
    return verdicts, True


def _theorem_6_1_corrected() -> Claim:
    """A freshly built ``Theorem 6.1 (corrected)`` (not the registry's cached copy)."""
    import importlib

    from hallbound.proofs_checks.claims import registry

    for name in getattr(registry, "_MODULES", ("bad_estimations.corrected",)):
        mod = importlib.import_module(f"hallbound.proofs_checks.claims.{name}")
        for c in mod.claims():
            if c.name == "Theorem 6.1 (corrected)":
                return c
    raise LookupError("no claim named 'Theorem 6.1 (corrected)'")


# ----- running the checker ---------------------------------------------------------------
@dataclass
class Outcome:
    """One mutant's evaluation and (for false mutants) the checker's verdict."""

    claim: str
    step: str
    operator: str
    description: str
    relation: str
    evaluation: Evaluation
    verdict: str | None = None
    method: str = ""
    planted: str = ""
    check_seconds: float = 0.0
    law: str = ""
    original_rel: str = ""

    @property
    def killed(self) -> bool | None:
        if self.evaluation.status != "false" or self.verdict is None:
            return None
        return self.verdict not in HOLDING

    @property
    def kill(self) -> str | None:
        """How a false mutant ended: ``refuted``, ``demoted``, ``survived`` or ``error``
        (:func:`hallbound.proofs_checks.mutation_report.kill_kind`); None when unchecked."""
        from hallbound.proofs_checks.mutation_report import kill_kind

        return kill_kind(self.verdict) if self.evaluation.status == "false" else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "step": self.step,
            "operator": self.operator,
            "mutation": self.description,
            "relation": self.relation,
            "independent": self.evaluation.status,
            "independent_how": self.evaluation.how,
            "witness": self.evaluation.witness,
            "verdict": self.verdict,
            "method": self.method,
            "killed": self.killed,
            "kill": self.kill,
            "model": self.evaluation.model,
            "planted": self.planted,
            "check_seconds": self.check_seconds,
            "law": self.law,
            "original_rel": self.original_rel,
        }


def _law_kind(step: Step) -> str:
    """``"displayed"`` (a law check built from the step's sides), ``"hand-written"`` (a
    second, typed formula) or ``""`` (no law)."""
    from hallbound.proofs_checks.engine.law_checks import ExprLawCheck

    if step.law is None:
        return ""
    return "displayed" if isinstance(step.law, ExprLawCheck) else "hand-written"


def check_mutant(
    m: Mutant,
    seed: int = DEFAULT_SEED,
    trials: int = DEFAULT_TRIALS,
    cache: dict[str, Any] | None = None,
    budget: float | None = None,
) -> tuple[str, str]:
    """The real checker's verdict on the mutated step (``ERROR: ...`` when it raises,
    :data:`TIMEOUT` after ``budget`` seconds of CPU, default :data:`CHECK_SECONDS`).

    The steps the mutated step cites (``cites``, and premises backed ``by`` a step name) are
    checked first, unmutated, and passed to the checker as ``earlier`` results (memoised in
    ``cache``), so that a mutant is never killed for a missing context."""
    from hallbound.proofs_checks.engine.checker import check_step

    try:
        with cpu_budget(CHECK_SECONDS if budget is None else budget):
            kw: dict[str, Any] = {}
            if _takes_earlier():
                kw["earlier"] = _earlier(m.claim, m.step, seed, trials,
                                         {} if cache is None else cache)
            res = check_step(m.claim, m.step, seed=seed, trials=trials, **kw)
    except OutOfBudget:
        return TIMEOUT, f"no verdict within {CHECK_SECONDS if budget is None else budget:g} s CPU"
    except Exception as err:  # noqa: BLE001 - a crash is recorded, never a PROVED
        return f"ERROR: {type(err).__name__}", str(err)[:200]
    return res.verdict.value, res.method


class OutOfBudget(BaseException):  # noqa: N818 - not an Exception: the checker's excepts pass it
    """Raised by :func:`cpu_budget` when the checker runs out of CPU time on a mutant."""


@contextlib.contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`OutOfBudget` in the block after ``seconds`` of the process's CPU time
    (``ITIMER_PROF``: load on other processes does not count; main thread, POSIX only; no
    limit elsewhere or when ``seconds <= 0``)."""
    import signal
    import threading

    if (seconds <= 0 or threading.current_thread() is not threading.main_thread()
            or not hasattr(signal, "setitimer")):
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise OutOfBudget

    old = signal.signal(signal.SIGPROF, _raise)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def _takes_earlier() -> bool:
    import inspect

    from hallbound.proofs_checks.engine.checker import check_step

    return "earlier" in inspect.signature(check_step).parameters


def _cited(step: Step) -> list[str]:
    names = [str(n) for n in getattr(step, "cites", ()) or ()]
    for p in _premise_objects(step):
        by = getattr(p, "by", None)
        if isinstance(by, str) and by != "hypothesis":
            names.append(by)
    return names


def _earlier(claim: Claim, step: Step, seed: int, trials: int,
             cache: dict[str, Any]) -> dict[str, Any]:
    """Results of the (unmutated) steps ``step`` cites, recursively, checked once each."""
    from hallbound.proofs_checks.engine.checker import check_step

    by_name = {s.name: s for s in claim.steps}
    out: dict[str, Any] = {}
    for name in _cited(step):
        original = by_name.get(name)
        if original is None or original is step:
            continue
        if name not in cache:
            sub = _earlier(claim, original, seed, trials, cache)
            cache[name] = check_step(claim, original, seed=seed, trials=trials, earlier=sub)
        out[name] = cache[name]
    return out


def run_claim(
    claim: Claim,
    seed: int = DEFAULT_SEED,
    trials: int = DEFAULT_TRIALS,
    per_step: int | None = None,
    planted: Sequence[Mutant] = (),
    step_share: float = 1.0,
    check_seconds: float = CHECK_SECONDS,
) -> list[Outcome]:
    """Evaluate the mutants of one claim (plus ``planted``) and check the false ones (at
    most ``check_seconds`` of CPU each).

    With ``per_step``, each step's mutants are taken in a seeded random order (planted ones
    first, then those that alter a premise with the relation) and evaluation stops once
    ``per_step`` false mutants of the step were found and checked; the rest are recorded as
    ``skipped``. ``step_share`` < 1 mutates only that
    share of the claim's steps (a seeded choice; steps with planted mutants always)."""
    steps = list(claim.steps)
    if step_share < 1:
        order = _rng(seed, "steps", claim.name).permutation(len(steps))
        keep = max(1, math.ceil(step_share * len(steps)))
        chosen = {steps[i].name for i in order[:keep]} | {m.original.name for m in planted}
        steps = [st for st in steps if st.name in chosen]
    mutants = [*planted, *(m for st in steps for m in step_mutants(claim, st))]
    return run_mutants(claim.name, mutants, seed=seed, trials=trials, per_step=per_step,
                       check_seconds=check_seconds)


def run_mutants(
    claim: str,
    mutants: Sequence[Mutant],
    seed: int = DEFAULT_SEED,
    trials: int = DEFAULT_TRIALS,
    per_step: int | None = None,
    check_seconds: float = CHECK_SECONDS,
) -> list[Outcome]:
    """Evaluate ``mutants`` (of the claim named ``claim``) step by step and check the false
    ones with the real checker (see :func:`run_claim` for ``per_step``)."""
    by_step: dict[str, list[Mutant]] = {}
    for m in mutants:
        by_step.setdefault(m.original.name, []).append(m)
    outcomes: list[Outcome] = []
    for step, ms in by_step.items():
        if per_step is not None:  # planted first, then premise-altering mutants, then others
            rng = _rng(seed, "select", claim, step)
            keep = [m for m in ms if m.planted]
            prem = [m for m in ms if not m.planted and m.premise_changed]
            rest = [m for m in ms if not m.planted and not m.premise_changed]
            ms = keep + [prem[i] for i in rng.permutation(len(prem))] + [
                rest[i] for i in rng.permutation(len(rest))
            ]
        found = 0
        cache: dict[str, Any] = {}
        models: dict[Any, Any] = {}
        for m in ms:
            o = Outcome(claim, step, m.operator, m.description, m.step.relation_text(),
                        Evaluation("skipped", "per-step limit reached"), planted=m.planted,
                        law=_law_kind(m.original), original_rel=m.original.rel)
            outcomes.append(o)
            if per_step is not None and found >= per_step and not m.planted:
                continue
            o.evaluation = evaluate_mutant(m, seed=seed, models=models)
            if o.evaluation.status == "false":
                found += 1
                t0 = time.process_time()
                o.verdict, o.method = check_mutant(m, seed=seed, trials=trials, cache=cache,
                                                   budget=check_seconds)
                o.check_seconds = round(time.process_time() - t0, 3)
    return outcomes


def _run_named(name: str, seed: int, trials: int, per_step: int | None,
               with_planted: bool, step_share: float = 1.0,
               check_seconds: float = CHECK_SECONDS) -> list[Outcome]:
    """:func:`run_claim` on a registered claim, by name (for worker processes)."""
    from hallbound.proofs_checks.claims import registry

    claim = next(c for c in registry.all_claims() if c.name == name)
    planted = planted_mutants([claim]) if with_planted else []
    return run_claim(claim, seed=seed, trials=trials, per_step=per_step, planted=planted,
                     step_share=step_share, check_seconds=check_seconds)


def run(
    claims: Sequence[Claim],
    seed: int = DEFAULT_SEED,
    trials: int = DEFAULT_TRIALS,
    per_step: int | None = None,
    with_planted: bool = True,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    step_share: float = 1.0,
    check_seconds: float = CHECK_SECONDS,
) -> dict[str, Any]:
    """Mutation testing of ``claims``: every outcome, the score and the planted results.

    The mutants of one claim run in one process; ``jobs > 1`` spreads registered claims
    over that many worker processes. The checker spends at most ``check_seconds`` of CPU on
    one mutant."""
    t0 = time.perf_counter()
    c0 = time.process_time()
    outcomes: list[Outcome] = []
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [
                (c.name, pool.submit(_run_named, c.name, seed, trials, per_step, with_planted,
                                     step_share, check_seconds))
                for c in claims
            ]
            for name, fut in futures:
                outcomes.extend(fut.result())
                if progress:
                    progress(name)
    else:
        planted = planted_mutants(claims) if with_planted else []
        for c in claims:
            if progress:
                progress(c.name)
            mine = [m for m in planted if m.claim.name == c.name]
            outcomes.extend(run_claim(c, seed=seed, trials=trials, per_step=per_step,
                                      planted=mine, step_share=step_share,
                                      check_seconds=check_seconds))
    source = None
    if with_planted and any(c.name == "Theorem 6.1 (corrected)" for c in claims):
        source = planted_source_mutation(seed=seed, trials=trials)
    out = summarize(outcomes, source, time.perf_counter() - t0, seed, trials, per_step)
    out["step_share"] = step_share
    out["check_seconds"] = check_seconds
    out["cpu_seconds"] = round(time.process_time() - c0, 1)  # this process (jobs=1: all)
    return out


def summarize(outcomes: Sequence[Outcome], source: dict | None, seconds: float, seed: int,
              trials: int, per_step: int | None) -> dict[str, Any]:
    """Every outcome, the per-claim and total counts of
    :func:`hallbound.proofs_checks.mutation_report.tally` (with the three kill kinds), the
    reasons the undecidable mutants were not decided, and the survivors."""
    from hallbound.proofs_checks import mutation_report as R

    rows = [o.to_dict() for o in outcomes]
    summary = R.tally(rows, source)
    t = summary["total"]
    counts = {k: t[k] for k in ("false", "true", "undecidable", "skipped")}
    return {
        "seed": seed,
        "trials": trials,
        "per_step": per_step,
        "seconds": round(seconds, 1),
        "mutants": t["generated"],
        "independent": counts,
        "checked": t["false"],
        "killed": t["refuted"] + t["demoted"],
        "killed_by_refuted": t["refuted"],
        "killed_by_demotion": t["demoted"],
        "survived": t["survived"],
        "score": summary["fractions"]["killed"],
        "decided_fraction": summary["fractions"]["decided"],
        "refuted_share": summary["fractions"]["refuted_share"],
        "targets": summary["fractions"]["targets"],
        "per_claim": summary["per_claim"],
        "total": t,
        "demotions": R.demotions(rows),
        "demotion_causes": R.demotion_causes(rows),
        "undecided_reasons": R.undecided_reasons(rows),
        "checker_errors": [r for r in rows if r["kill"] in ("error", "timeout")],
        "survivors": [r for r in rows if r["kill"] == "survived"],
        "planted": [r for r in rows if r["planted"]],
        "source_mutation": source,
        "outcomes": rows,
    }


def survivor_table(result: Mapping[str, Any]) -> str:
    """The surviving false mutants: claim, step, mutation, verdict (one line each)."""
    rows = [(s["claim"], s["step"], f"{s['operator']}: {s['mutation']}", s["verdict"])
            for s in result["survivors"]]
    src = result.get("source_mutation")
    if src and src["false"] and not src["killed"]:
        rows.append((src["claim"], "(source)", src["name"], str(src["claim_verdict"])))
    if not rows:
        return "no surviving false mutants"
    w = [min(max(len(r[i]) for r in rows), cap) for i, cap in enumerate((34, 26, 70, 10))]
    lines = [f"{'claim':<{w[0]}}  {'step':<{w[1]}}  {'mutation':<{w[2]}}  verdict"]
    for r in rows:
        cells = [r[i][: w[i]].ljust(w[i]) for i in range(3)]
        lines.append("  ".join(cells) + "  " + r[3])
    return "\n".join(lines)


def score_line(result: Mapping[str, Any]) -> str:
    """``mutation score: killed/false killed (p%)``, killed = by REFUTED + by demotion."""
    k, m = result["killed"], result["checked"]
    pct = 100.0 * k / m if m else float("nan")
    return (f"mutation score: {k}/{m} killed ({pct:.1f}%): {result['killed_by_refuted']} by "
            f"REFUTED, {result['killed_by_demotion']} by demotion, {result['survived']} survived")


def report(result: Mapping[str, Any], reasons: int = 12) -> str:
    """The text report: the per-claim table, the decided fraction and the kill kinds with
    their targets, the demotions by verdict, the most frequent reasons a mutant was not
    decided, and the survivors."""
    from hallbound.proofs_checks import mutation_report as R

    out = [R.table({"per_claim": result["per_claim"], "total": result["total"]}), ""]
    out += R.score_lines({"total": result["total"], "fractions": {
        "decided": result["decided_fraction"], "killed": result["score"],
        "refuted_share": result["refuted_share"], "targets": result["targets"]}})
    if result["demotions"]:
        out.append("demoted to: " + ", ".join(f"{k} {v}" for k, v in
                                              sorted(result["demotions"].items())))
        out.append("demotions by cause:")
        out += [f"  {n:5d}  {why}" for why, n in result["demotion_causes"]]
    if result["undecided_reasons"]:
        out.append("not decided, by reason:")
        out += [f"  {n:5d}  {why}" for why, n in result["undecided_reasons"][:reasons]]
        rest = sum(n for _, n in result["undecided_reasons"][reasons:])
        if rest:
            out.append(f"  {rest:5d}  (other reasons)")
    if result["checker_errors"]:
        n = len(result["checker_errors"])
        out.append(f"no verdict: checker errors and CPU-budget timeouts (neither killed nor "
                   f"survived): {n}")
        for e in result["checker_errors"]:
            where = f"{e['claim']} / {e['step']} / {e['mutation'][:60]}"
            out.append(f"  {where}: {e['verdict']} {e['method']}")
    out += ["", "survivors (false by a model, PROVED/CERTIFIED by the checker):",
            survivor_table(result), "",
            score_line(result) + f"; {result['seconds']} s wall, "
            f"{result.get('cpu_seconds', '?')} s CPU (this process)"]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    from hallbound.errors import InputError
    from hallbound.io import atomic_write_text
    from hallbound.proofs_checks.claims import registry

    ap = argparse.ArgumentParser(prog="python -m hallbound.proofs_checks.mutate",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", nargs="*", default=None, help="claim names (default: all)")
    ap.add_argument("--json", default=None, help="write every outcome to this JSON file")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seeds every random draw")
    ap.add_argument("--trials", type=int, default=DEFAULT_TRIALS, help="checker trials/mutant")
    ap.add_argument("--per-step", type=int, default=None,
                    help="check at most this many false mutants per step (seeded choice)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (one claim each)")
    ap.add_argument("--check-seconds", type=float, default=CHECK_SECONDS,
                    help="CPU seconds the checker may spend on one mutant (then TIMEOUT)")
    ap.add_argument("--step-share", type=float, default=1.0,
                    help="mutate only this share of each claim's steps (seeded choice)")
    args = ap.parse_args(argv)
    try:
        if args.trials < 1:
            raise InputError("--trials", "must be >= 1")
        if args.per_step is not None and args.per_step < 1:
            raise InputError("--per-step", "must be >= 1")
        if args.jobs < 1:
            raise InputError("--jobs", "must be >= 1")
        if not 0 < args.step_share <= 1:
            raise InputError("--step-share", "must be in (0, 1]")
        if args.check_seconds <= 0:
            raise InputError("--check-seconds", "must be > 0")
        claims = registry.find(args.claims)
    except InputError as err:
        print(f"hallbound: error: {err}", file=sys.stderr)
        return 2
    result = run(claims, seed=args.seed, trials=args.trials, per_step=args.per_step,
                 progress=lambda n: print(f"... {n}", file=sys.stderr, flush=True),
                 jobs=args.jobs, step_share=args.step_share, check_seconds=args.check_seconds)
    print(report(result))
    if args.json:
        import json

        atomic_write_text(args.json, json.dumps(result, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
