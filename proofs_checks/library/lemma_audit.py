r"""An audit of the lemma library that can fail: broad random cases, pinned tight cases.

The property tests of the library draw cases that satisfy every hypothesis, so they cannot
notice a hypothesis dropped from a lemma. This audit draws *broad* cases instead (exact finite
laws from :func:`~hallbound.proofs_checks.library.randomness.random_law`, comonotone copies, point
masses; arguments of either sign, zero, empty sequences), many of which violate a hypothesis,
and

* keeps a case only when the lemma's OWN declared hypotheses hold on it
  (:func:`~hallbound.proofs_checks.library.lemma_library.hypotheses_failing`);
* evaluates both sides of the conclusion on the case (exactly, or at 50 digits);
* reports a :class:`Finding` when the conclusion is false, or not a real number (undefined),
  on a kept case: the lemma as written in the library is unsound (a hypothesis was dropped,
  a constant strengthened, a sum turned into a product, ...).

The density lemmas (``Sup density (...)``, ``Ball mass``) are audited in a density model: a
random symbol with a width :math:`w > 0` in ``Case.widths`` stands for :math:`S + w U_S`,
:math:`U_S` uniform on :math:`[0, 1)` and independent of everything else, so linear
expressions in such symbols have piecewise-polynomial densities whose sup
(:func:`sup_density`; a vector in :math:`\mathbb R^d` has :math:`d` independent coordinates)
and ball mass (:func:`ball_mass`, dimension 1) are computed exactly; a symbol without a width
has no density (:math:`\sup f = +\infty`).

Pinned cases (:data:`PINNED`) are textbook extremal cases where the conclusion holds with
equality or nearly (Markov's two-point law, Chebyshev's three-point law, the Paley-Zygmund
two-point law at :math:`\theta = 1/2`, Hoeffding on one wide two-point variable, ...): any
strengthening of a constant makes the conclusion fail there.

The lemma ``Ball volume`` states the value of an opaque :class:`~hallbound.proofs_checks.
lemma_library.BallVolume`; the audit evaluates it by :func:`ball_volume_reference`, which does
not use the Gamma function: :math:`V_1(r) = 2r`, :math:`V_2(r) = \pi r^2`,
:math:`V_d(r) = \frac{2\pi r^2}{d} V_{d-2}(r)`.

:func:`failing_lemmas` runs the audit and the pinned cases on every library lemma (cached,
seeded) and names each lemma that fails, with a one-line reason; a lemma the audit has no
generator or pinned case for is named too (it is unaudited).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.library import lemma_library as _lib
from hallbound.proofs_checks.library import lemmas_concentration as _concentration
from hallbound.proofs_checks.library.lemma_library import (
    BallVolume,
    CondE,
    Hypothesis,
    Lemma,
    LemmaInstance,
    Norm,
    SupDensity,
    hypotheses_failing,
)
from hallbound.proofs_checks.library.randomness import (
    E,
    JointLaw,
    Number,
    Pr,
    RandomSymbol,
    evaluate,
    holds,
    random_law,
    random_symbol,
    random_symbols,
)

#: Cases drawn per lemma by :func:`failing_lemmas`.
DEFAULT_CASES = 40
#: Seed of :func:`failing_lemmas` (each lemma's stream also depends on its name).
DEFAULT_SEED = 20240519

X = random_symbol("X")
Y = random_symbol("Y")
Z = random_symbol("Z")
XS = tuple(random_symbol(f"X{j}") for j in range(1, 4))
_POINT = random_symbol("_point")
POINT_LAW = JointLaw.single(_POINT, [0], [1])
_s = sp.Symbol("s", real=True)

F = Fraction


# ----- records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One instance to audit: the lemma's ``args``, an exact finite ``law`` for its random
    quantities, ``env`` (values of free symbols) and ``points`` (where a hypothesis over a
    real variable, such as Jensen's :math:`\\varphi''(u) \\ge 0`, is checked)."""

    args: Mapping[str, Any]
    law: JointLaw = POINT_LAW
    env: Mapping[Any, Any] | None = None
    points: tuple[Fraction, ...] | None = None
    widths: Mapping[RandomSymbol, Fraction] | None = None

    def text(self) -> str:
        """The arguments (and the law, when it is not a point mass) as one line."""
        args = ", ".join(f"{k}={_short(v)}" for k, v in self.args.items())
        if self.widths:
            widths = sorted(self.widths.items(), key=lambda kv: kv[0].name)
            args += " with " + ", ".join(f"{x} + {w} U_{x}" for x, w in widths)
        if self.law is POINT_LAW:
            return args
        atoms = "; ".join(
            "{" + ", ".join(f"{s}={v}" for s, v in sorted(a.items(), key=lambda kv: kv[0].name))
            + f"}}:{q}"
            for a, q in self.law.outcomes()
        )
        return f"{args} on law [{atoms}]"


def _short(v: Any) -> str:
    if isinstance(v, tuple):
        return "(" + ", ".join(map(str, v)) + ")"
    return str(v)


@dataclass(frozen=True)
class Outcome:
    """What one case gave: ``status`` is ``"skipped"`` (a hypothesis fails or is undefined on
    the case), ``"holds"``, ``"false"`` (the conclusion fails) or ``"undefined"`` (a side of
    the conclusion is not a finite real number); ``lhs``/``rhs`` are the sides when defined."""

    status: str
    lhs: Number | None = None
    rhs: Number | None = None
    detail: str = ""


@dataclass(frozen=True)
class Finding:
    """A case on which the lemma's hypotheses hold and its conclusion is false or undefined."""

    lemma: str
    case: Case
    outcome: Outcome
    source: str = "audit"  # "audit" (a random case) or "pinned" (a tight case)

    def text(self) -> str:
        o = self.outcome
        if o.status == "undefined":
            what = f"conclusion undefined ({o.detail})"
        elif o.status == "skipped":
            what = f"the hypotheses fail on it ({o.detail})"
        else:
            what = f"conclusion false: {_num(o.lhs)} {o.detail} {_num(o.rhs)} fails"
        return f"{self.source} case {self.case.text()}: {what}"


def _num(v: Number | None) -> str:
    if v is None:
        return "?"
    if isinstance(v, Fraction):
        return str(v)
    return sp.sstr(sp.Float(v, 8))


@dataclass(frozen=True)
class AuditResult:
    """``drawn`` cases, of which ``kept`` satisfied the hypotheses; ``finding`` is the first
    counterexample (None: none found)."""

    lemma: str
    drawn: int
    kept: int
    finding: Finding | None


@dataclass(frozen=True)
class Pinned:
    """A tight (or near-tight) textbook case of a lemma; ``why`` says why it is extremal."""

    case: Case
    why: str


# ----- evaluating a case ------------------------------------------------------------------


class _Undefined(Exception):
    """A value that is not a finite real number."""


def _is_undefined(err: InputError) -> bool:
    return err.problem.startswith(("not finite", "not real", "cannot decide the event"))


def ball_volume_reference(d: Any, r: Any) -> sp.Expr:
    r"""The Lebesgue measure of :math:`\{x \in \mathbb R^d : |x| \le r\}` without the Gamma
    function: :math:`V_1(r) = 2r`, :math:`V_2(r) = \pi r^2` and
    :math:`V_d(r) = \frac{2\pi r^2}{d} V_{d-2}(r)` (integrate the last two coordinates in
    polar form); the empty set (volume 0) for :math:`r < 0`. A dimension that is not an
    integer :math:`\ge 1` has no Euclidean ball: undefined."""
    d, r = sp.sympify(d), sp.sympify(r)
    if not (d.is_Integer and d >= 1) or not r.is_number or r.is_real is not True:
        raise _Undefined(f"no ball of dimension {d} and radius {r}")
    if r < 0:
        return sp.S.Zero
    vol = {1: 2 * r, 2: sp.pi * r**2}
    for k in range(3, int(d) + 1):
        vol[k] = 2 * sp.pi * r**2 / k * vol[k - 2]
    return vol[int(d)]


def _with_references(expr: sp.Basic, env: Mapping[Any, Any] | None) -> sp.Basic:
    """``expr`` with each :class:`BallVolume` replaced by :func:`ball_volume_reference`."""
    if not expr.has(BallVolume):
        return expr
    values = {
        (sp.Symbol(k) if isinstance(k, str) else k): sp.nsimplify(v) for k, v in (env or {}).items()
    }

    def ref(e: BallVolume) -> sp.Expr:
        d, r = (a.xreplace(values) for a in e.args)
        return ball_volume_reference(d, r)

    return expr.replace(lambda e: isinstance(e, BallVolume), ref)


# ----- the density model -------------------------------------------------------------------
# A random symbol S of a case with a width w_S > 0 (``Case.widths``) stands for S + w_S U_S,
# U_S uniform on [0, 1) and independent of everything else: its law has a density (piecewise
# constant). A random vector in R^d has d independent coordinates, each with that law. The
# sup density and the ball mass of a linear expression in such symbols are computed exactly.


def _linear(expr: sp.Basic) -> tuple[dict[RandomSymbol, sp.Rational], sp.Rational]:
    """``expr`` as ``sum_S a_S S + b`` with rational ``a_S``, ``b`` (else undefined)."""
    expr = sp.expand(sp.sympify(expr))
    syms = sorted(random_symbols(expr), key=lambda x: x.name)
    coef = {x: sp.sympify(expr.coeff(x)) for x in syms}
    const = sp.sympify(expr.xreplace({x: 0 for x in syms}))
    rest = sp.expand(expr - sum((a * x for x, a in coef.items()), sp.S.Zero) - const)
    if rest != 0 or not all(a.is_Rational for a in [*coef.values(), const]):
        raise _Undefined(f"the density model reads linear expressions only, not {expr}")
    return {x: a for x, a in coef.items() if a != 0}, const


def _mixture(expr: sp.Basic, case: Case) -> tuple[list[tuple[Fraction, Fraction]], list[Fraction]]:
    """The law of ``expr`` in the model: atoms ``(v, q)`` of its discrete part, each spread by
    the sum of independent uniforms on ``[0, h)``, ``h`` in the returned lengths (none: no
    density). The uniform parts of negative coefficients are shifted into the atoms."""
    coef, const = _linear(expr)
    widths = case.widths or {}
    lengths, shift = [], F(0)
    for x, a in coef.items():
        w = F(widths.get(x, 0))
        if w > 0:
            a_f = F(int(a.p), int(a.q))
            lengths.append(abs(a_f) * w)
            shift += min(F(0), a_f * w)
    if len(lengths) > 2:
        raise _Undefined("the density model sums at most two uniform parts")
    atoms: dict[Fraction, Fraction] = {}
    for atom, q in case.law.outcomes():
        v = F(int(const.p), int(const.q)) + shift
        for x, a in coef.items():
            if x not in atom:
                raise _Undefined(f"{x} has no law in the case")
            v += F(int(a.p), int(a.q)) * atom[x]
        atoms[v] = atoms.get(v, F(0)) + q
    return sorted(atoms.items()), lengths


def _kernel(t: Fraction, lengths: Sequence[Fraction]) -> Fraction:
    """The density at ``t`` of the sum of independent uniforms on ``[0, h)`` (right-continuous)."""
    if len(lengths) == 1:
        (h,) = lengths
        return 1 / h if 0 <= t < h else F(0)
    h1, h2 = lengths
    return max(F(0), min(h1, t) - max(F(0), t - h2)) / (h1 * h2)


def _kernel_cdf(t: Fraction, lengths: Sequence[Fraction]) -> Fraction:
    """``Pr[sum of the uniforms <= t]``."""
    if len(lengths) == 1:
        (h,) = lengths
        return min(F(1), max(F(0), t / h))

    def sq(x: Fraction) -> Fraction:
        return max(F(0), x) ** 2

    h1, h2 = lengths
    return (sq(t) - sq(t - h1) - sq(t - h2) + sq(t - h1 - h2)) / (2 * h1 * h2)


def _dimension(d: Any) -> int:
    d = sp.sympify(d)
    if not (d.is_Integer and d >= 1):
        raise _Undefined(f"no Lebesgue density in dimension {d}")
    return int(d)


def sup_density(expr: sp.Basic, d: Any, case: Case) -> sp.Expr:
    """:math:`\\sup f` of ``expr`` in the model (``oo``: no density); in :math:`\\mathbb R^d`
    with independent coordinates, the d-th power of the one-dimensional sup."""
    dim = _dimension(d)
    atoms, lengths = _mixture(expr, case)
    if not lengths:
        return sp.oo
    breaks = [F(0), *lengths, sum(lengths, F(0))]
    best = max(
        sum((q * _kernel(z + b - v, lengths) for v, q in atoms), F(0))
        for z, _ in atoms
        for b in breaks
    )
    return sp.Rational(best.numerator, best.denominator) ** dim


def ball_mass(expr: sp.Basic, d: Any, r: Any, case: Case) -> sp.Expr:
    """:math:`\\Pr[\\lVert X \\rVert \\le r]` in the model, in dimension 1 (the audit's model
    does not integrate over discs)."""
    if _dimension(d) != 1:
        raise _Undefined("the density model computes the ball mass in dimension 1 only")
    r = sp.nsimplify(r)
    if not r.is_Rational:
        raise _Undefined(f"radius {r} is not rational")
    rf = F(int(r.p), int(r.q))
    atoms, lengths = _mixture(expr, case)
    if rf < 0:
        return sp.S.Zero
    if not lengths:
        total = sum((q for v, q in atoms if abs(v) <= rf), F(0))
    else:
        total = sum(
            (q * (_kernel_cdf(rf - v, lengths) - _kernel_cdf(-rf - v, lengths)) for v, q in atoms),
            F(0),
        )
    return sp.Rational(total.numerator, total.denominator)


def _with_densities(expr: sp.Basic, case: Case) -> sp.Basic:
    """``expr`` with each ``SupDensity`` and each ``Pr[Norm(X) <= r]`` replaced by its value in
    the density model (a ``Norm`` elsewhere is undefined)."""
    expr = sp.sympify(expr)
    if expr.has(CondE):
        expr = expr.replace(lambda e: isinstance(e, CondE), lambda e: _conditional(e, case))
    if not expr.has(SupDensity, Norm):
        return expr

    def is_ball(e: sp.Basic) -> bool:
        return (
            isinstance(e, Pr)
            and isinstance(e.args[0], sp.LessThan)
            and isinstance(e.args[0].lhs, Norm)
        )

    def ball(e: Pr) -> sp.Expr:
        event = e.args[0]
        d = _ball_dimension(expr, event.lhs.args[0])
        return ball_mass(event.lhs.args[0], d, event.rhs, case)

    expr = expr.replace(is_ball, ball)
    expr = expr.replace(
        lambda e: isinstance(e, SupDensity), lambda e: sup_density(e.args[0], e.args[1], case)
    )
    if expr.has(Norm):
        raise _Undefined("a norm outside a ball event")
    return expr


def _conditional(e: sp.Basic, case: Case) -> sp.Expr:
    """``E[X | B] = E[X 1_B] / Pr[B]`` on the case's law (undefined when ``Pr[B] = 0``)."""
    x, event = e.args
    mass = evaluate(Pr(event), case.law, case.env)
    if mass == 0:
        raise _Undefined(f"Pr[{event}] = 0: no conditional expectation given it")
    total = evaluate(E(x * sp.Piecewise((1, event), (0, True))), case.law, case.env)
    value = total / mass
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    return sp.Float(value, 50)


def _ball_dimension(expr: sp.Basic, x: sp.Basic) -> sp.Basic:
    """The dimension of the ball event on ``x``: the ``d`` of a ``BallVolume`` (or of a
    ``SupDensity`` of ``x``) in the same expression; 1 when there is none."""
    for e in expr.atoms(BallVolume):
        return e.args[0]
    for e in expr.atoms(SupDensity):
        if e.args[0] == x:
            return e.args[1]
    return sp.S.One


def _modelled(inst: LemmaInstance, case: Case) -> LemmaInstance:
    """The instance with its hypotheses read in the density model: a relation with a
    ``SupDensity`` decided on its values (``oo`` included); ``independent`` fails when two of
    its quantities share a symbol with a uniform part (the same U)."""
    hyps = []
    for h in inst.hypotheses:
        if h.rel == "independent":
            hyps.append(_independence(h, case))
        elif h.rel in ("=", "<=", "<", ">=", ">") and (
            sp.sympify(h.lhs).has(SupDensity, Norm) or sp.sympify(h.rhs).has(SupDensity, Norm)
        ):
            lhs, rhs = _with_densities(h.lhs, case), _with_densities(h.rhs, case)
            if lhs.has(sp.oo) or rhs.has(sp.oo):
                truth = bool(sp.Rel(lhs, rhs, "==" if h.rel == "=" else h.rel))
                hyps.append(_decided(truth))
            else:
                hyps.append(Hypothesis(lhs, h.rel, rhs, h.scope, h.over))
        else:
            hyps.append(h)
    return dataclasses.replace(inst, hypotheses=tuple(hyps))


def _independence(h: Hypothesis, case: Case) -> Hypothesis:
    widths = case.widths or {}
    seen: set[RandomSymbol] = set()
    for q in h.lhs.args:
        jittered = {x for x in random_symbols(q) if widths.get(x, 0) > 0}
        if jittered & seen:
            return _decided(False)
        seen |= jittered
    return h


def _decided(truth: bool) -> Hypothesis:
    """A hypothesis that holds (``0 = 0``) or fails (``0 = 1``) on every case."""
    return Hypothesis(sp.S.Zero, "=", sp.S.Zero if truth else sp.S.One, "deterministic")


def _side(expr: sp.Basic, case: Case) -> Number:
    try:
        expr = _concentration.on_sample_law(expr)
        expr = _with_densities(expr, case)
        if expr == sp.oo:
            return mpmath.inf
        return evaluate(_with_references(sp.sympify(expr), case.env), case.law, case.env)
    except InputError as err:
        if _is_undefined(err):
            raise _Undefined(err.problem) from err
        raise
    except (ZeroDivisionError, OverflowError) as err:
        raise _Undefined(str(err)) from err


def run(lem: Lemma, case: Case) -> Outcome:
    """The outcome of ``case`` for ``lem``: its hypotheses first (a case where one fails, or
    cannot be evaluated to a number, is ``"skipped"``), then the conclusion."""
    inst = lem.instance(**case.args)
    try:
        inst = _modelled(inst, case)
        failing = hypotheses_failing(inst, case.law, case.env, case.points)
    except _Undefined as err:
        return Outcome("skipped", detail=f"a hypothesis is undefined: {err}")
    except InputError as err:
        if _is_undefined(err):
            return Outcome("skipped", detail=f"a hypothesis is undefined: {err.problem}")
        raise
    except (ZeroDivisionError, OverflowError) as err:
        return Outcome("skipped", detail=f"a hypothesis is undefined: {err}")
    if failing:
        return Outcome("skipped", detail="; ".join(h.text() for h in failing))
    lhs, rel, rhs = inst.conclusion
    try:
        left, right = _side(lhs, case), _side(rhs, case)
    except _Undefined as err:
        return Outcome("undefined", detail=str(err))
    if _infinite(left) or _infinite(right):  # no tolerance at infinity
        ok = bool(sp.Rel(_sym_number(left), _sym_number(right), "==" if rel == "=" else rel))
        return Outcome("holds" if ok else "false", left, right, rel)
    if holds(left, rel, right):
        return Outcome("holds", left, right, rel)
    return Outcome("false", left, right, rel)


def _infinite(v: Number) -> bool:
    return isinstance(v, mpmath.mpf) and mpmath.isinf(v)


def _sym_number(v: Number) -> sp.Expr:
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    return sp.oo if _infinite(v) and v > 0 else sp.Float(v, 50)


# ----- helpers for generators -------------------------------------------------------------


def _pick(rng: np.random.Generator, items: Sequence[Any]) -> Any:
    return items[int(rng.integers(len(items)))]


def _grid(rng: np.random.Generator, lo: float, hi: float, denom: int = 4) -> Fraction:
    """A uniform value of the grid ``lo, lo + 1/denom, ..., hi``."""
    return F(int(rng.integers(round(lo * denom), round(hi * denom) + 1)), denom)


def _law(
    rng: np.random.Generator,
    symbols: Sequence[RandomSymbol],
    lo: int = -3,
    hi: int = 3,
    modes: Sequence[str] = ("independent", "independent", "correlated", "comonotone", "point"),
) -> JointLaw:
    """A broad exact law: independent (product), correlated (a random joint table), comonotone
    (every variable a copy of the first) or a point mass."""
    mode = _pick(rng, modes)
    size = int(rng.integers(1, 4))
    if mode == "point":
        return JointLaw(({s: _grid(rng, lo, hi) for s in symbols},), (F(1),))
    if mode == "independent":
        return random_law(rng, symbols, size=size, lo=lo, hi=hi)
    if mode == "correlated":
        return random_law(rng, symbols, size=size + 1, lo=lo, hi=hi, correlated=True)
    first = random_law(rng, symbols[:1], size=size + 1, lo=lo, hi=hi)
    atoms = tuple({s: a[symbols[0]] for s in symbols} for a in first.atoms)
    return JointLaw(atoms, first.probs)


def _values_on(expr: sp.Basic, law: JointLaw) -> list[Fraction]:
    """The exact values of a rational random expression at the law's outcomes."""
    out = []
    for atom, _ in law.outcomes():
        v = sp.sympify(expr).xreplace({k: _rational(x) for k, x in atom.items()})
        out.append(F(int(v.p), int(v.q)) if v.is_Rational else None)
    return [v for v in out if v is not None]


def _event(rng: np.random.Generator, symbols: Sequence[RandomSymbol], depth: int = 0) -> Any:
    """A random event: a threshold on a variable or a sum, possibly combined (and/or/not)."""
    u = rng.random()
    if depth < 2 and u < 0.3:
        op = _pick(rng, (sp.And, sp.Or))
        return op(_event(rng, symbols, depth + 1), _event(rng, symbols, depth + 1))
    if depth < 2 and u < 0.4:
        return sp.Not(_event(rng, symbols, depth + 1))
    s = _pick(rng, symbols)
    if len(symbols) > 1 and rng.random() < 0.25:
        s = s + _pick(rng, symbols)
    rel = _pick(rng, (sp.Ge, sp.Gt, sp.Le, sp.Lt))
    return rel(s, _grid(rng, -3, 3, 2))


def _vector(rng: np.random.Generator, n: int, lo: float = -3, hi: float = 3) -> tuple:
    return tuple(_grid(rng, lo, hi, 2) for _ in range(n))


def _random_expr(rng: np.random.Generator) -> Any:
    return _pick(rng, (X, -X, X + Y, X * Y, X**2, X**2 - Y, sp.Abs(X - Y), X - 1, 2 * X + 1))


# ----- generators, one per lemma ----------------------------------------------------------
# Each draws arguments of either sign (zero included) and laws of every shape, so that every
# hypothesis of its lemma is violated on a good share of the cases.


def _gen_markov(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    x = _random_expr(rng)
    values = _values_on(x, law)
    a = _pick(rng, values) if values and rng.random() < 0.5 else _grid(rng, -2, 4)
    return Case({"X": x, "a": a}, law)


def _gen_moment(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    x = _random_expr(rng)
    a = abs(_threshold(rng, x, law))
    if rng.random() < 0.15:
        a = -a
    return Case({"X": x, "a": a}, law)


def _gen_expectation_order(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    low = _random_expr(rng)
    gap = _pick(rng, (X**2, sp.Abs(Y), (X - Y) ** 2, sp.Integer(0), -(X**2), Y, sp.Integer(-1)))
    return Case({"X": low, "Y": low + gap}, law)


def _gen_constant_factor(rng: np.random.Generator) -> Case:
    return Case({"c": _grid(rng, -3, 3), "X": _random_expr(rng)}, _law(rng, (X, Y)))


def _gen_two_vectors(rng: np.random.Generator) -> Case:
    n = int(rng.integers(1, 4))
    x = _vector(rng, n)
    y = tuple(2 * v for v in x) if rng.random() < 0.2 else _vector(rng, n)
    return Case({"x": x, "y": y})


def _gen_cs_expectations(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    return Case({"X": _random_expr(rng), "Y": _random_expr(rng)}, law)


def _convex_or_not(rng: np.random.Generator) -> sp.Lambda:
    r"""A cubic :math:`a_3 s^3 + a_2 s^2 + a_1 s` (its :math:`\varphi''` is affine, so
    :math:`\varphi'' \ge 0` at the extreme points of the argument's values makes :math:`\varphi`
    convex on their hull) or :math:`c e^{bs} + a_1 s` (:math:`\varphi''` of constant sign)."""
    a1 = _grid(rng, -2, 2, 2)
    if rng.random() < 0.6:
        a3 = _pick(rng, (0, 0, 0, F(1, 2), -F(1, 2), 1, -1))
        a2 = _grid(rng, -2, 2, 2)
        return sp.Lambda(_s, a3 * _s**3 + a2 * _s**2 + a1 * _s)
    c = _pick(rng, (1, F(1, 2), -1, -F(1, 2)))
    b = _pick(rng, (1, -1, F(1, 2), 2))
    return sp.Lambda(_s, c * sp.exp(b * _s) + a1 * _s)


def _gen_jensen(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    arg = _pick(rng, (X, X + Y, X * Y, X - Y))
    points = tuple(sorted(set(_values_on(arg, law)) | {F(0)}))
    return Case({"phi": _convex_or_not(rng), "X": arg}, law, points=points)


def _gen_two_events(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    return Case({"A": _event(rng, (X, Y)), "B": _event(rng, (X, Y))}, law)


def _gen_event_family(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    k = int(rng.integers(1, 5))
    return Case({"A": tuple(_event(rng, (X, Y)) for _ in range(k))}, law)


def _gen_monotone(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    u = rng.random()
    if u < 0.35:
        b = _event(rng, (X, Y))
        return Case({"A": sp.And(b, _event(rng, (X, Y))), "B": b}, law)
    if u < 0.7:
        k = _grid(rng, -3, 3, 2)
        return Case({"A": sp.Ge(X, k), "B": sp.Ge(X, k - _grid(rng, -1, 2, 2))}, law)
    return Case({"A": _event(rng, (X, Y)), "B": _event(rng, (X, Y))}, law)


def _gen_independence(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y, Z))

    def on(*symbols: RandomSymbol) -> Any:
        return _event(rng, symbols)

    a = _pick(rng, (X, X, X, Y, (X, Y)))  # A an event on X, else on something else
    b = _pick(rng, (Y, Y, Y, X, (X, Y)))
    a, b = (on(*v) if isinstance(v, tuple) else on(v) for v in (a, b))
    u = rng.random()
    if u < 0.15:  # the same event twice: a function of both only if it is trivial
        a = b
    elif u < 0.3:
        b = a
    return Case({"X": X, "Y": Y, "A": a, "B": b}, law)


def _gen_paley_zygmund(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    t = _pick(rng, (X, X**2, sp.Abs(X - Y), X * Y + 1, X - 1, -X, X + Y, sp.Abs(X)))
    return Case({"T": t, "theta": _grid(rng, -1, 2, 8)}, law)


_EXPONENTS = (F(3, 2), F(2), F(3), F(4), F(5, 4), F(1, 2), F(2, 3), F(1, 3), F(-1), F(-2))


def _gen_hoelder(rng: np.random.Generator) -> Case:
    n = int(rng.integers(1, 4))
    p = _pick(rng, _EXPONENTS)
    q = p / (p - 1) if rng.random() < 0.75 else _pick(rng, _EXPONENTS)
    return Case({"x": _vector(rng, n), "y": _vector(rng, n), "p": p, "q": q})


def _gen_amgm(rng: np.random.Generator) -> Case:
    return Case({"x": _grid(rng, -3, 6, 2), "y": _grid(rng, -3, 6, 2)})


def _gen_amgm_n(rng: np.random.Generator) -> Case:
    n = int(rng.integers(0, 5))
    return Case({"x": _vector(rng, n, -2, 6)})


def _threshold(rng: np.random.Generator, expr: sp.Basic, law: JointLaw) -> Fraction:
    """A threshold on ``expr - E[expr]``: its largest value on the law (where a tail bound is
    sharpest), another of its values, or a grid value of either sign."""
    mean = evaluate(E(expr), law)
    devs = sorted(v - mean for v in _values_on(expr, law)) if isinstance(mean, Fraction) else []
    u = rng.random()
    if devs and u < 0.4:
        return devs[-1]
    if devs and u < 0.7:
        return _pick(rng, devs)
    return _grid(rng, -1, 2)


def _gen_hoeffding(rng: np.random.Generator) -> Case:
    n = int(rng.integers(1, 4))
    xs = XS[:n]
    law = _law(rng, xs, lo=-1, hi=1)
    a = [law.support(s)[0] for s in xs]  # [a_i, b_i] the range of X_i ...
    b = [law.support(s)[-1] for s in xs]
    if rng.random() < 0.5:  # ... or one end moved out (widened) or in (narrowed)
        j, delta = int(rng.integers(n)), _pick(rng, (F(1, 4), F(1, 2), 1, -F(1, 4), -F(1, 2)))
        if rng.random() < 0.5:
            a[j] -= delta
        else:
            b[j] += delta
    t = _threshold(rng, sum(xs), law)
    return Case({"X": xs, "a": tuple(a), "b": tuple(b), "t": t}, law)


def _max_change(f: sp.Basic, xi: RandomSymbol, law: JointLaw) -> Fraction:
    """The largest change of ``f`` when ``xi`` alone moves over its support (the other
    variables of ``f`` over theirs)."""
    syms = sorted(f.free_symbols & set(law.symbols), key=lambda s: s.name)
    others = [s for s in syms if s != xi]
    best = F(0)
    for rest in itertools.product(*[law.support(s) for s in others]):
        base = {s: _rational(v) for s, v in zip(others, rest, strict=True)}
        vals = [sp.sympify(f).xreplace({**base, xi: _rational(v)}) for v in law.support(xi)]
        best = max(best, max(vals) - min(vals))
    return F(int(best.p), int(best.q)) if isinstance(best, sp.Rational) else best


def _rational(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _gen_mcdiarmid(rng: np.random.Generator) -> Case:
    n = int(rng.integers(1, 4))
    xs = XS[:n]
    law = _law(rng, (*xs, Y), lo=-1, hi=1)
    f = _pick(
        rng,
        (sp.Add(*xs), sp.Add(*xs) / n, sp.Max(*xs), sp.Mul(*xs), xs[0] + Y, sp.Add(*xs) + Y / 4),
    )
    exact = rng.random() < 0.5  # c_i the true bounded differences; else scaled
    c = []
    for s in xs:
        true = _max_change(f, s, law)
        factor = 1 if exact else _pick(rng, (1, F(1, 2), 2, 0))
        c.append(true * factor if true else _pick(rng, (0, F(1, 4), 1)))
    return Case({"F": f, "X": xs, "c": tuple(c), "t": _threshold(rng, f, law)}, law)


def _gen_gauss(rng: np.random.Generator) -> Case:
    return Case({"x": _grid(rng, -3, 6)})


def _gen_ball(rng: np.random.Generator) -> Case:
    return Case({"d": int(rng.integers(-1, 6)), "r": _grid(rng, -2, 3, 2)})


def _gen_two_reals(rng: np.random.Generator) -> Case:
    return Case({"x": _grid(rng, -5, 5, 2), "y": _grid(rng, -5, 5, 2)})


_WIDTHS = (F(0), F(1, 2), F(1), F(1), F(2))


def _widths(rng: np.random.Generator, symbols: Sequence[RandomSymbol]) -> dict:
    """A uniform part of random width (0: none, the symbol has no density) for each symbol."""
    return {x: _pick(rng, _WIDTHS) for x in symbols}


def _gen_sup_convolution(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    x = _pick(rng, (X, X, -X, 2 * X, X / 2))
    y = _pick(rng, (Y, Y, -Y, Y / 2, -X, X, 2 * Y - 1))
    d = _pick(rng, (1, 1, 1, 2, 0))
    return Case({"X": x, "Y": y, "d": d}, law, widths=_widths(rng, (X, Y)))


def _gen_sup_scaling(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    x = _pick(rng, (X, X, -X, X + Y, X - Y / 2))
    c = _pick(rng, (F(-2), F(-1), F(-1, 2), F(0), F(1, 2), F(1), F(3, 2), F(2)))
    d = _pick(rng, (1, 1, 2, 3, 0))
    return Case({"X": x, "c": c, "d": d}, law, widths=_widths(rng, (X, Y)))


def _gen_ball_mass(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y), lo=-2, hi=2)
    x = _pick(rng, (X, X, X + Y, 2 * X - Y, X - 1, -X))
    d = _pick(rng, (1, 1, 1, 1, 0))
    return Case({"X": x, "d": d, "r": _grid(rng, 0, 3)}, law, widths=_widths(rng, (X, Y)))


def _gen_total_expectation(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    return Case({"X": _random_expr(rng), "B": _event(rng, (X, Y))}, law)


def _gen_constant(rng: np.random.Generator) -> Case:
    return Case({"c": _grid(rng, -3, 3)}, _law(rng, (X, Y)))


#: The case generator of each library lemma (by name).
GENERATORS: dict[str, Callable[[np.random.Generator], Case]] = {
    "Markov": _gen_markov,
    "Monotonicity (expectations)": _gen_expectation_order,
    "Linearity (constant factor)": _gen_constant_factor,
    "Chebyshev": _gen_moment,
    "Cantelli": _gen_moment,
    "Cauchy-Schwarz (sums)": _gen_two_vectors,
    "Cauchy-Schwarz (expectations)": _gen_cs_expectations,
    "Jensen": _gen_jensen,
    "Union bound": _gen_two_events,
    "Union bound (family)": _gen_event_family,
    "Monotonicity": _gen_monotone,
    "Total probability": _gen_two_events,
    "Independence product": _gen_independence,
    "Paley-Zygmund": _gen_paley_zygmund,
    "Hoelder": _gen_hoelder,
    "AM-GM": _gen_amgm,
    "AM-GM (n terms)": _gen_amgm_n,
    "Hoeffding": _gen_hoeffding,
    "McDiarmid": _gen_mcdiarmid,
    "Gaussian tail (Mills)": _gen_gauss,
    "Gaussian tail (lower)": _gen_gauss,
    "Ball volume": _gen_ball,
    "Sup density (convolution)": _gen_sup_convolution,
    "Sup density (scaling)": _gen_sup_scaling,
    "Ball mass": _gen_ball_mass,
    "Expectation of a constant": _gen_constant,
    "Total expectation": _gen_total_expectation,
    "Triangle": _gen_two_reals,
    "Triangle (norm)": _gen_two_vectors,
    "Reverse triangle": _gen_two_reals,
}


# ----- pinned tight cases -----------------------------------------------------------------


def _two_point(s: RandomSymbol, lo: Any, hi: Any, p_hi: Fraction) -> JointLaw:
    """``s = hi`` with probability ``p_hi``, else ``lo``."""
    return JointLaw.single(s, [lo, hi], [1 - p_hi, p_hi])


def _bernoulli_pair() -> JointLaw:
    """X1, X2 independent, each uniform on {0, 1}."""
    return JointLaw(
        tuple({XS[0]: u, XS[1]: v} for u in (0, 1) for v in (0, 1)), (F(1, 4),) * 4
    )


_HALF = F(1, 2)

#: Tight or near-tight textbook cases, per lemma (each holds with equality, or nearly, so a
#: strengthened constant fails on it).
PINNED: dict[str, tuple[Pinned, ...]] = {
    "Markov": (
        Pinned(Case({"X": X, "a": 2}, _two_point(X, 0, 2, F(1, 4))),
               "X in {0, a}: Pr[X >= a] = E[X]/a (equality)"),
    ),
    "Monotonicity (expectations)": (
        Pinned(Case({"X": X, "Y": X}, _two_point(X, -1, 3, F(1, 3))), "X = Y: equality"),
    ),
    "Linearity (constant factor)": (
        Pinned(Case({"c": 3, "X": X}, _two_point(X, 0, 1, _HALF)), "an identity"),
    ),
    "Chebyshev": (
        Pinned(
            Case({"X": X, "a": 2}, JointLaw.single(X, [-2, 0, 2], [F(1, 4), _HALF, F(1, 4)])),
            "X in {-a, 0, a}, symmetric: Pr[|X - EX| >= a] = Var X / a^2 (equality)",
        ),
    ),
    "Cantelli": (
        Pinned(Case({"X": X, "a": 1}, _two_point(X, -1, 1, _HALF)),
               "X = +-1 w.p. 1/2, a = 1 = Var X: Pr = 1/2 = Var/(Var + a^2) (equality)"),
    ),
    "Cauchy-Schwarz (sums)": (
        Pinned(Case({"x": (1, 2), "y": (2, 4)}), "y = 2x: equality"),
    ),
    "Cauchy-Schwarz (expectations)": (
        Pinned(Case({"X": X, "Y": 2 * X}, _two_point(X, 1, 3, _HALF)), "Y = 2X: equality"),
    ),
    "Jensen": (
        Pinned(Case({"phi": sp.Lambda(_s, 2 * _s + 1), "X": X}, _two_point(X, -1, 3, _HALF),
                    points=(F(-1), F(0), F(3))),
               "phi affine: equality"),
        Pinned(Case({"phi": sp.Lambda(_s, _s**2 + _s), "X": X}, JointLaw.single(X, [3], [1]),
                    points=(F(0), F(3))),
               "X constant: equality"),
    ),
    "Union bound": (
        Pinned(Case({"A": sp.Le(X, 0), "B": sp.Ge(X, 1)}, _two_point(X, 0, 1, _HALF)),
               "disjoint events: equality"),
    ),
    "Union bound (family)": (
        Pinned(Case({"A": tuple(sp.Eq(X, k) for k in (1, 2, 3))},
                    JointLaw.single(X, [1, 2, 3], [F(1, 3)] * 3)),
               "a partition into three events of probability 1/3: 1 = 1/3 + 1/3 + 1/3"),
    ),
    "Monotonicity": (
        Pinned(Case({"A": sp.Ge(X, 2), "B": sp.Ge(X, 1)}, _two_point(X, 0, 2, _HALF)),
               "A = B almost surely: equality"),
    ),
    "Total probability": (
        Pinned(Case({"A": sp.Ge(X, 1), "B": sp.Ge(X, 2)},
                    JointLaw.single(X, [0, 1, 2], [F(1, 3)] * 3)), "an identity"),
    ),
    "Independence product": (
        Pinned(Case({"X": XS[0], "Y": XS[1], "A": sp.Ge(XS[0], 1), "B": sp.Ge(XS[1], 1)},
                    _bernoulli_pair()), "an identity under independence"),
    ),
    "Paley-Zygmund": (
        Pinned(Case({"T": X, "theta": 0}, _two_point(X, 0, 2, F(1, 4))),
               "T in {0, c}, theta = 0: Pr[T > 0] = E[T]^2/E[T^2] (equality)"),
        Pinned(Case({"T": X, "theta": _HALF}, _two_point(X, _HALF, F(11, 2), F(1, 10))),
               "T in {theta E T, b}, E T = 1, theta = 1/2, Pr[T = b] = 1/10: "
               "bound/probability = 1/(1 + 3/10)"),
    ),
    "Hoelder": (
        Pinned(Case({"x": (1, 2), "y": (1, 4), "p": 3, "q": F(3, 2)}),
               "|y_i| = |x_i|^(p-1): equality"),
    ),
    "AM-GM": (Pinned(Case({"x": 3, "y": 3}), "x = y: equality"),),
    "AM-GM (n terms)": (Pinned(Case({"x": (2, 2, 2)}), "equal terms: equality"),),
    "Hoeffding": (
        Pinned(Case({"X": (XS[0],), "a": (0,), "b": (4,), "t": 3},
                    _two_point(XS[0], 0, 4, F(1, 4))),
               "one variable on {0, 4}, Pr[X = 4] = 1/4, t = 3: Pr = 1/4 vs exp(-9/8)"),
        Pinned(Case({"X": XS[:2], "a": (0, 0), "b": (1, 1), "t": 1}, _bernoulli_pair()),
               "two fair bits, t = 1: Pr = 1/4 vs exp(-1)"),
    ),
    "McDiarmid": (
        Pinned(Case({"F": XS[0], "X": (XS[0],), "c": (4,), "t": 3},
                    _two_point(XS[0], 0, 4, F(1, 4))),
               "F = X on {0, 4}, Pr[X = 4] = 1/4, t = 3: Pr = 1/4 vs exp(-9/8)"),
        Pinned(Case({"F": XS[0] + XS[1], "X": XS[:2], "c": (1, 1), "t": 1}, _bernoulli_pair()),
               "F = sum of two fair bits, t = 1: Pr = 1/4 vs exp(-1)"),
    ),
    "Gaussian tail (Mills)": (
        Pinned(Case({"x": 10}), "x = 10: (1 - Phi(x)) x / phi(x) = 1 - 1/x^2 + O(x^-4)"),
    ),
    "Gaussian tail (lower)": (
        Pinned(Case({"x": 10}), "x = 10: bound/(1 - Phi(x)) = 1 - 2/x^4 + O(x^-6)"),
    ),
    "Ball volume": (
        Pinned(Case({"d": 1, "r": 3}), "V_1(3) = 6"),
        Pinned(Case({"d": 2, "r": 1}), "V_2(1) = pi"),
        Pinned(Case({"d": 3, "r": F(3, 2)}), "V_3(3/2) = 4/3 pi (3/2)^3 = 9 pi/2"),
    ),
    "Sup density (convolution)": (
        Pinned(Case({"X": X, "Y": Y, "d": 1}, JointLaw(({X: F(0), Y: F(3)},), (F(1),)),
                    widths={X: F(1)}),
               "X uniform on [0, 1), Y = 3 constant: sup f_{X+Y} = 1 = sup f_X (equality)"),
        Pinned(Case({"X": X, "Y": -Y, "d": 2}, JointLaw(({X: F(0), Y: F(1)},), (F(1),)),
                    widths={X: _HALF}),
               "X uniform on [0, 1/2)^2, Y = (1, 1) constant, d = 2: sup f_{X-Y} = 4 = "
               "sup f_X (equality)"),
    ),
    "Sup density (scaling)": (
        Pinned(Case({"X": X, "c": 2, "d": 1}, JointLaw.single(X, [0], [1]), widths={X: F(1)}),
               "X uniform on [0, 1), c = 2: sup f_{2X} = 1/2 = 1/2^1 (an identity)"),
        Pinned(Case({"X": X, "c": -_HALF, "d": 2}, JointLaw.single(X, [0], [1]),
                    widths={X: F(1)}),
               "X uniform on [0, 1)^2, c = -1/2: sup f_{cX} = 4 = 1/(1/2)^2 (an identity)"),
    ),
    "Ball mass": (
        Pinned(Case({"X": X, "d": 1, "r": 1}, JointLaw.single(X, [-1], [1]), widths={X: F(2)}),
               "X uniform on [-1, 1), r = 1: Pr = 1 = (1/2) * 2 (equality)"),
    ),
    "Expectation of a constant": (Pinned(Case({"c": 3}), "an identity: E[3] = 3"),),
    "Total expectation": (
        Pinned(Case({"X": X, "B": sp.Ge(X, 1)}, JointLaw.single(X, [0, 1, 2], [F(1, 3)] * 3)),
               "an identity: E[X] = 1 = (2/3)(3/2) + (1/3) 0"),
    ),
    "Triangle": (Pinned(Case({"x": 2, "y": 3}), "same signs: equality"),),
    "Triangle (norm)": (Pinned(Case({"x": (1, 2), "y": (2, 4)}), "y = 2x: equality"),),
    "Reverse triangle": (Pinned(Case({"x": 5, "y": 2}), "0 <= y <= x: equality"),),
}


_concentration.register(GENERATORS, PINNED)


# ----- the audit --------------------------------------------------------------------------


def _stream(name: str, seed: int) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def audit(
    lem: Lemma,
    cases: int = DEFAULT_CASES,
    seed: int = DEFAULT_SEED,
    *,
    undefined: bool = True,
    generator: Callable[[np.random.Generator], Case] | None = None,
) -> AuditResult:
    """Draw ``cases`` broad cases for ``lem`` (its generator in :data:`GENERATORS`, found by
    name, or ``generator``), keep those where its own hypotheses hold, and return the first
    where its conclusion is false (or, with ``undefined``, not a finite real number).
    Deterministic: the stream depends on ``seed`` and the lemma's name."""
    if cases < 1:
        raise InputError("cases", f"must be >= 1, got {cases}")
    gen = generator or GENERATORS.get(lem.name)
    if gen is None:
        raise InputError("lem", f"no case generator for {lem.name!r}")
    rng = _stream(lem.name, seed)
    kept = 0
    for drawn in range(1, cases + 1):
        case = gen(rng)
        out = run(lem, case)
        if out.status == "skipped":
            continue
        kept += 1
        if out.status == "false" or (undefined and out.status == "undefined"):
            return AuditResult(lem.name, drawn, kept, Finding(lem.name, case, out))
    return AuditResult(lem.name, cases, kept, None)


def check_pinned(lem: Lemma, pinned: Sequence[Pinned] | None = None) -> Finding | None:
    """The first pinned case of ``lem`` (default: :data:`PINNED`) on which its hypotheses
    fail or its conclusion is false or undefined."""
    for p in PINNED.get(lem.name, ()) if pinned is None else pinned:
        out = run(lem, p.case)
        if out.status != "holds":
            return Finding(lem.name, p.case, out, source=f"pinned ({p.why})")
    return None


@functools.cache
def _check(lem: Lemma, cases: int, seed: int) -> tuple[str, AuditResult | None]:
    """Why ``lem`` fails (empty: it passes), and its audit; cached on the lemma's contents."""
    if lem.name not in GENERATORS or not PINNED.get(lem.name):
        return "unaudited: no case generator or pinned case in lemma_audit", None
    try:
        found = check_pinned(lem)
        result = audit(lem, cases, seed)
    except Exception as err:  # noqa: BLE001 - an audit that cannot run vouches for nothing
        return f"audit error: {type(err).__name__}: {err}".replace("\n", " "), None
    found = found or result.finding
    return (found.text().replace("\n", " ") if found else ""), result


def audit_results() -> dict[str, AuditResult | None]:
    """The audit of each library lemma as :func:`failing_lemmas` ran it (None: not run)."""
    return {
        name: _check(lem, DEFAULT_CASES, DEFAULT_SEED)[1] for name, lem in _lib.LIBRARY.items()
    }


def failing_lemmas() -> dict[str, str]:
    """Lemma name -> one-line reason, for every library lemma whose audit (:data:`DEFAULT_CASES`
    broad cases, seed :data:`DEFAULT_SEED`) or pinned case fails, or that has no generator or
    pinned case. Empty when the library passes. Cached per lemma, on the lemma's contents (a
    lemma changed in :data:`~hallbound.proofs_checks.library.lemma_library.LIBRARY` is audited
    anew)."""
    out = {}
    for name, lem in _lib.LIBRARY.items():
        reason, _ = _check(lem, DEFAULT_CASES, DEFAULT_SEED)
        if reason:
            out[name] = reason
    return out


def clear_cache() -> None:
    """Forget the results of :func:`failing_lemmas`."""
    _check.cache_clear()
