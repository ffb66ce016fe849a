r"""The first, independent model of a mutant's truth (:func:`evaluate_mutant`): 50-digit
points of the raw relation, hand-checked models of opaque symbols, exact law cases; where
it cannot decide, the second, finite model (:mod:`hallbound.proofs_checks.mutation.models`),
then the third, two-sided model of a few steps
(:mod:`hallbound.proofs_checks.mutation.bound_models`)."""

from __future__ import annotations

import dataclasses
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
from hallbound.proofs_checks.mutation import opaque_models as OM
from hallbound.proofs_checks.mutation.forms import fails
from hallbound.proofs_checks.mutation.opaque_models import Model
from hallbound.proofs_checks.mutation.operators import (
    _FLIPS,
    DEFAULT_SEED,
    EVAL_POINTS,
    LAW_CASES,
    MIN_VALID,
    Mutant,
    _is_sym,
    _premise_objects,
)


# ----- independent evaluation ------------------------------------------------------------
@dataclass
class Evaluation:
    """``status``: ``"false"`` (a witness where the original holds and the mutant fails),
    ``"true"`` (no such point among those tried) or ``"undecidable"``; ``how`` says by what."""

    status: str
    how: str
    witness: dict[str, Any] | None = None
    model: str = "first"


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
    ("Theorem 6.1 (corrected)", "U5"): OM.ball_model,
    ("Theorem 6.1 (corrected)", "U4"): OM.convolution_model,
    ("Theorem C.1 (corrected)", "C.3a"): OM.total_expectation_model,
    ("Corollary 3", "5 (failure)"): OM.good_turing_model,
    ("Lemma 1", "4a"): lambda: OM.parameters_only_model("phi0 in [0, 1), any law with IDK "
                                                       "mass phi0"),
    ("Theorem 2", "LB 3a"): lambda: OM.parameters_only_model("an integer N >= 1, any law"),
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
            if witness is None and (violated_exact(lm, rm, mut[1])
                                    or _equal_against_strict(mut, params, pt, lm, rm)):
                witness = pt
                if not strict:
                    break
    if witness is not None:
        return "false", witness
    if valid < MIN_VALID:
        return "too-few", None
    return "true", None


def _exact_point(params: Sequence[Param], pt: Mapping[str, Any]) -> dict[sp.Basic, sp.Basic]:
    """A sampled point as exact SymPy numbers (a binary float is the rational it stores)."""
    out: dict[sp.Basic, sp.Basic] = {}
    for p in params:
        v = pt[p.name]
        if isinstance(v, Fraction):
            out[p.symbol] = sp.Rational(v.numerator, v.denominator)
        elif isinstance(v, int | np.integer):
            out[p.symbol] = sp.Integer(int(v))
        else:
            out[p.symbol] = sp.Rational(float(v))  # raises on a matrix: no exact point
    return out


def _equal_against_strict(mut: tuple[sp.Basic, str, sp.Basic], params: Sequence[Param],
                          pt: Mapping[str, Any], lm: Any, rm: Any) -> bool:
    r"""A strict mutant (``<``, ``>``) fails where its sides are *exactly* equal (issue 19,
    E10: ``x > 1`` is false at ``x = 1``): equal at 50 digits first (cheap), then
    :math:`\text{lhs} - \text{rhs}` at the exact point simplifies to 0 (SymPy). A
    difference SymPy cannot reduce to 0 is not counted (never a guessed equality)."""
    if mut[1] not in ("<", ">"):
        return False
    with mpmath.workdps(50):
        if abs(mpmath.re(lm) - mpmath.re(rm)) > mpmath.mpf(10) ** -40 * (1 + abs(lm) + abs(rm)):
            return False
    try:
        diff = (mut[0] - mut[2]).xreplace(_exact_point(params, pt))
        return sp.simplify(diff) == 0
    except Exception:  # noqa: BLE001 - no exact value at this point: not counted
        return False


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
    return not (p.is_integer and abs(x - mpmath.nint(x)) > tol)


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
    :mod:`hallbound.proofs_checks.mutation.models` (built once per step and kept in
    ``models``)."""
    first = first_model(m, seed=seed, points=points)
    if first.status != "undecidable":
        return first
    second = second_model(m, seed=seed, models=models)
    if second.status != "undecidable":
        return second
    third = third_model(m)
    if third is not None and third.status != "undecidable":
        return third
    more = f" | {third.how}" if third is not None else ""
    return Evaluation("undecidable", f"{first.how} | {second.how}{more}", model="")


def third_model(m: Mutant) -> Evaluation | None:
    """The mutant judged by the third, two-sided model of its step
    (:mod:`hallbound.proofs_checks.mutation.bound_models`); None where it has none."""
    from hallbound.proofs_checks.mutation.bound_models import third_model as decide

    defs = _definitions(m.claim)
    out = decide(m, lambda e: _defined(e, defs))
    if out is None:
        return None
    status, how, witness = out
    return Evaluation(status, how, _jsonable(witness) if witness else None, model="third")


def second_model(m: Mutant, seed: int = DEFAULT_SEED,
                 models: dict[Any, Any] | None = None) -> Evaluation:
    """The mutant judged by the finite model of its (original) step."""
    from hallbound.proofs_checks.mutation import models as FM

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
        if model.rewrite is not None:
            orig = (model.rewrite(orig[0]), orig[1], model.rewrite(orig[2]))
            mut = (model.rewrite(mut[0]), mut[1], model.rewrite(mut[2]))
        if model.closed:
            constraints = list(model.constraints())
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
    from hallbound.proofs_checks.mutation.models import self_contained

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
    if model is not None and model.one_sided:
        return Evaluation("undecidable", f"no point fails in a one-sided model ({how})")
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
    """A SymPy number as a ``Fraction`` (rational) or a 50-digit mpmath number (None when
    ``v`` has no numeric value)."""
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    with mpmath.workdps(50):
        try:
            return mpmath.mpmathify(sp.N(v, 60))
        except (TypeError, ValueError):
            return None


def _written_out(v: sp.Basic) -> sp.Basic:
    """``v`` with its integrals, derivatives, ``Subs`` and sums carried out (a law value
    substituted into a displayed side, e.g. a number under ``d/ds``)."""
    if v.has(sp.zoo, sp.nan):
        return sp.nan  # no value before the operators run (log 0 under d/ds is not 0)
    if v.has(sp.Integral, sp.Derivative, sp.Subs, sp.Sum):
        return v.doit()
    return v


def _law_mapping(m: Mutant) -> Callable[[Any], dict[str, Fraction]] | None:
    """A hand-written :data:`LAW_MAPS` entry, else the finite-instance quantities of
    :mod:`hallbound.proofs_checks.mutation.laws` where the law's cases are instances."""
    from hallbound.proofs_checks.mutation.declared import declared_mapping
    from hallbound.proofs_checks.mutation.laws import instance_values

    mapping = _lookup(LAW_MAPS, m.claim.name, m.original.name)
    if mapping is not None:
        return mapping
    cases = list(m.original.law.cases)[:1]
    sides = (m.original.lhs, m.original.rhs, m.step.lhs, m.step.rhs)
    need = {s.name for e in sides for s in getattr(e, "free_symbols", set())}
    if cases and need <= set(instance_values(cases[0]) or {}):
        return instance_values
    return declared_mapping(m.claim, m.original, DEFAULT_SEED)


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
        return _evaluate_through(m, mapping, rng)
    return Evaluation("undecidable", "a side mutation the law cannot see, and no law mapping")


def _evaluate_through(m: Mutant, mapping: Callable[[Any], Any],
                      rng: np.random.Generator) -> Evaluation:
    """The law's cases through ``mapping`` (case -> values of the step's symbols): "false" at
    the first case where the original holds and the mutant fails; "true" after
    :data:`MIN_VALID` such cases, unless the mutated sides had no real value (infinite, or
    a function at a pole) on a case where the original has one: then "undecidable"."""
    o, s, law = m.original, m.step, m.original.law
    how = f"law cases ({law.label}) through the step's symbols"
    valid = undefined = 0
    for case in _law_cases(law, rng):
        try:
            raw = mapping(case)
        except Exception:  # noqa: BLE001 - the law's cases changed shape: no mapping
            raw = None
        if raw is None:
            return Evaluation("undecidable", "the law mapping does not fit the law's cases")
        try:
            values = {k: _as_sympy(v) for k, v in raw.items()}
            vals = [_written_out(_subs_by_name(sp.sympify(e), values))
                    for e in (o.lhs, o.rhs, s.lhs, s.rhs)]
        except (ZeroDivisionError, TypeError, ValueError, sp.SympifyError):
            continue
        if any(v.free_symbols for v in vals) or any(v.has(sp.zoo, sp.nan) for v in vals[:2]):
            return Evaluation("undecidable", "law mapping leaves free symbols")
        nums = [_exact_or_mp(v) for v in vals]
        if any(_is_bad(x) for x in nums[:2]) or s.rel not in _FLIPS:
            continue
        if fails(nums[0], o.rel, nums[1]):
            continue
        if any(v.has(sp.zoo, sp.nan) for v in vals[2:]) or any(_is_bad(x) for x in nums[2:]):
            undefined += 1
            continue
        valid += 1
        if fails(nums[2], s.rel, nums[3]):
            return Evaluation("false", how, _jsonable(law.describe(case)))
    if undefined:
        return Evaluation("undecidable", f"the mutated sides have no real value on {undefined} "
                          "law cases where the original holds")
    if valid < MIN_VALID:
        return Evaluation("undecidable", f"fewer than {MIN_VALID} law cases where the "
                          "original holds")
    return Evaluation("true", how)


def _as_sympy(v: Any) -> sp.Basic:
    """A law value (``Fraction``, int, 50-digit or SymPy number) as a SymPy number."""
    from hallbound.proofs_checks.mutation.declared import _as_sympy as conv

    return conv(v)


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
