"""The trust base's audit, the model: a case (the values of a lemma's variables, or a law),
how a lemma instance is evaluated on it (:func:`run`), and the records of outcomes and findings.
Every public name stays importable from :mod:`hallbound.proofs_checks.library.lemma_audit`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.library import lemmas_concentration as _concentration
from hallbound.proofs_checks.library import lemmas_tails as _tails
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
    random_symbol,
    random_symbols,
)

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
        expr = _tails.on_tail_law(_concentration.on_sample_law(expr))
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


