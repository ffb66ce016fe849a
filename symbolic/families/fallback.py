r"""Generic fallbacks of :class:`~hallbound.symbolic.families.base.Family` (1-D continuous laws).

Each function answers one family method from the declared density alone:

* **concrete parameters**: 30-digit numerics of the standard density :math:`f_0`
  (:mod:`hallbound.symbolic.families.numerics`), returned as SymPy numbers;
* **symbolic parameters**: SymPy (``integrate``, ``solve``, ``maximum``), with a CPU-time budget of
  :data:`SYMPY_SECONDS` per attempt. A symbolic answer is accepted only when it agrees, to
  :data:`AGREEMENT` relative error, with the numerics at three *test members* (every parameter
  at the low end, the middle and the high end of its declared test range,
  :func:`test_points`) and, for level sets, at two levels :math:`\delta = \sup f/2` and
  :math:`\sup f/10`. Otherwise moments are returned as an unevaluated ``Integral`` (still
  exact, evaluated by quadrature once the parameters are numbers), and the other methods
  raise ``NotImplementedError`` naming the method to write. Limitation (stated): a formula
  wrong only away from these points would pass the check.

Results are cached here, keyed by the (immutable, hashable) family member.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import scipy.stats
import sympy as sp

from hallbound.symbolic.families.common import exact_end
from hallbound.symbolic.families.level_set import LevelSet
from hallbound.symbolic.families.numerics import (
    DIGITS,
    StandardNumerics,
    T,
    numerics_of,
    to_float30,
    to_rational,
)

#: CPU seconds SymPy may spend on one symbolic attempt (main thread only; elsewhere no
#: limit). CPU time, not wall time: the same answer on an idle and on a loaded machine.
SYMPY_SECONDS = 20.0
#: Relative agreement required between a symbolic answer and the numerics at the test point.
AGREEMENT = 1e-8


class _OutOfTime(BaseException):  # noqa: N818 - not an Exception: SymPy's excepts pass it on
    """Raised by the timer of :func:`_budget`."""


def _budget(seconds: float) -> contextlib.AbstractContextManager[bool]:
    """Raise :class:`_OutOfTime` in the block once it has used ``seconds`` of CPU time (main
    thread, POSIX only): CPU time, not wall time, so the answer does not depend on the load
    (:func:`hallbound.budget.cpu_timer`; a caller's CPU timer is given back)."""
    from hallbound.budget import cpu_timer

    return cpu_timer(seconds, _OutOfTime)


def _attempt(job: Callable[[], Any]) -> Any:
    """``job()`` within the budget; ``None`` when SymPy fails or runs out of time."""
    try:
        with _budget(SYMPY_SECONDS):
            return job()
    except (_OutOfTime, NotImplementedError, ValueError, TypeError, RecursionError):
        return None


# ----- numerics of a concrete member -------------------------------------------------------
def numerics(family: Any) -> StandardNumerics:
    """The numerics of a concrete 1-D member (shared by all its locations)."""
    if family.dim != 1 or family.discrete:
        raise NotImplementedError(f"{family.name}: numeric fallbacks are for 1-D densities")
    if not family.is_concrete():
        raise NotImplementedError(f"{family.name}: numerics need concrete parameters")
    loc = family.location_param()
    base = family.replace(**{loc.name: 0}) if loc is not None else family
    return numerics_of(base)


def _concrete(family: Any, *values: Any) -> bool:
    return family.is_concrete() and all(not sp.sympify(v).free_symbols for v in values)


# ----- the test points ----------------------------------------------------------------------
def test_points(family: Any) -> list[tuple[Any, dict[sp.Symbol, sp.Expr]]]:
    """Members where a symbolic answer is checked, each with the substitution that takes the
    symbolic family there: every symbolic parameter at the low end, the middle and the high end
    of its test range (:meth:`Param.test_values`; locations at 0)."""
    points = []
    for k in range(3):
        changes, subs = {}, {}
        for p in family.params:
            value = getattr(family, p.name)
            if isinstance(value, sp.Symbol):
                values = p.behaviour.check_values(p)
                changes[p.name] = subs[value] = values[min(k, len(values) - 1)]
        points.append((family.replace(**changes), subs))
    unique = []
    for point in points:
        if point[0] not in [q[0] for q in unique]:
            unique.append(point)
    return unique


def _agrees(family: Any, result: sp.Expr, want: Callable[[Any], Any], extra: Any = None) -> bool:
    """``result`` (symbolic) equals ``want(member)`` at every test point; ``extra(member)``
    adds substitutions (e.g. a level delta) per point."""
    for member, subs in test_points(family):
        more = extra(member) if extra is not None else {}
        if not _close(result.subs({**subs, **more}), want(member)):
            return False
    return True


def _close(got: Any, want: Any) -> bool:
    """``got`` (SymPy) and ``want`` (a finite number) agree to :data:`AGREEMENT`, relative,
    with an absolute floor of :data:`AGREEMENT` times :math:`10^{-12}`."""
    try:
        g = complex(sp.N(got, DIGITS))
        w = float(sp.N(want, DIGITS))
    except (TypeError, ValueError):
        return False
    if not (math.isfinite(w) and math.isfinite(g.real) and math.isfinite(g.imag)):
        return False
    tol = AGREEMENT * abs(w) + AGREEMENT * 1e-12
    return abs(g.imag) <= tol and abs(g.real - w) <= tol


def _limits(family: Any) -> tuple[sp.Expr, sp.Expr]:
    """The support of :math:`f_0` as exact SymPy limits (``-oo``/``oo`` for infinite ends)."""
    lo, hi = family.support_of()
    return exact_end(lo), exact_end(hi)


# ----- moments ------------------------------------------------------------------------------
def moment(family: Any, k: int) -> sp.Expr:
    r"""k = 1: the mean offset :math:`m_0 = \int t f_0`; k = 2, 4: the central moment
    :math:`\int (t - m_0)^k f_0`."""
    if family.is_concrete():
        m0, var, m4 = numerics(family).moments()
        value = m0 if k == 1 else var if k == 2 else m4
        if not mpmath.isfinite(value):  # the integral does not converge: no number
            return sp.nan
        return to_rational(value) if k == 1 else to_float30(value)
    return _symbolic_moment(_at_zero(family), k)


def _at_zero(family: Any) -> Any:
    """The member at location 0 (what the standard density depends on: one cache entry for
    every location)."""
    loc = family.location_param()
    return family.replace(**{loc.name: 0}) if loc is not None else family


@functools.lru_cache(maxsize=256)
def _symbolic_moment(family: Any, k: int) -> sp.Expr:
    lo, hi = _limits(family)
    f0 = family.standard_density(T)
    m0 = sp.Integer(0) if family.symmetric or k == 1 else moment(family, 1)
    integrand = T * f0 if k == 1 else (T - m0) ** k * f0
    formal = sp.Integral(integrand, (T, lo, hi))
    result = _attempt(lambda: sp.simplify(formal.doit()))
    if result is not None and not result.has(sp.Integral, sp.nan, sp.zoo, sp.oo):
        if _agrees(family, result, lambda member: moment(member, k)):
            return result
    return formal


def sup_density(family: Any) -> sp.Expr:
    r""":math:`\sup_t f_0(t)`."""
    if family.is_concrete():
        return to_float30(numerics(family).peak_value())
    return _symbolic_sup(_at_zero(family))


@functools.lru_cache(maxsize=256)
def _symbolic_sup(family: Any) -> sp.Expr:
    from sympy.calculus.util import maximum

    lo, hi = _limits(family)
    where = sp.Interval(lo, hi)
    result = _attempt(lambda: sp.simplify(maximum(family.standard_density(T), T, where)))
    if result is not None and _agrees(family, result, sup_density):
        return result
    raise NotImplementedError(
        f"{family.name}: SymPy finds no sup of the density; write sup_density()"
    )


# ----- distribution function ------------------------------------------------------------------
def cdf_expression(family: Any) -> sp.Expr:
    r""":math:`F(a) = \int_{\mathrm{lo}}^{a - \mathrm{loc}} f_0(u)\,du`.

    SymPy integrates once per family class, with symbolic parameters (checked against the
    tabulated numeric CDF at seven points, two of them beyond the support's ends when they are
    finite, of each test member); a concrete member substitutes its numbers into that
    expression, so the cost is paid once per class, not per member."""
    if family.dim != 1 or family.discrete:
        raise NotImplementedError(f"{family.name}: no closed-form CDF")
    if family.is_concrete():
        general = type(family).symbolic()
        subs = {
            getattr(general, p.name): getattr(family, p.name)
            for p in family.params
            if isinstance(getattr(general, p.name), sp.Symbol)
        }
        return _symbolic_cdf(general).subs(subs)
    return _symbolic_cdf(family)


@functools.lru_cache(maxsize=256)
def _symbolic_cdf(family: Any) -> sp.Expr:
    u = sp.Symbol("u", real=True)
    lower = _limits(family)[0]
    x = family.a - family.location()
    f0 = family.standard_density(u)
    result = _attempt(lambda: sp.simplify(sp.integrate(f0, (u, lower, x))))
    if result is None or result.has(sp.Integral):
        raise NotImplementedError(f"{family.name}: SymPy finds no CDF; write cdf_expression()")
    for member, subs in test_points(family):
        num = numerics(member)
        at = result.subs(subs)
        spread = math.sqrt(float(num.moments()[1])) if mpmath.isfinite(num.moments()[1]) else 1.0
        ts = [float(num.mode) + q * spread for q in (-2.0, -1.0, 0.0, 0.5, 1.5)]
        ts += [end + step for end, step in ((num.lo, -1.0), (num.hi, 1.0)) if math.isfinite(end)]
        for t in ts:
            want = float(num.cdf(np.array([t]))[0])
            if not abs(complex(sp.N(at.subs(family.a, member.location() + t), 20)) - want) <= 1e-9:
                raise NotImplementedError(
                    f"{family.name}: SymPy's CDF disagrees with quadrature; write cdf_expression()"
                )
    return result


# ----- level sets -------------------------------------------------------------------------------
def _numeric_intervals(family: Any, delta: Any) -> list[tuple[mpmath.mpf, mpmath.mpf]]:
    return numerics(family).level_intervals(delta)


#: Levels (as fractions of :math:`\sup f`) where symbolic level-set ends are checked.
LEVELS = (sp.Rational(1, 2), sp.Rational(1, 10))


def _level_checks(family: Any, delta: sp.Expr) -> list[tuple[Any, dict, list]]:
    r"""Per test member and level: the member, the substitution (parameters and delta) and
    the numeric intervals of :math:`\{f_0 > \delta\}` there."""
    out = []
    for member, subs in test_points(family):
        for fraction in LEVELS:
            level = sp.N(member.sup_density(), DIGITS) * fraction
            more = {delta: level} if isinstance(delta, sp.Symbol) else {}
            out.append((member, {**subs, **more}, _numeric_intervals(member, level)))
    return out


def half_width(family: Any, delta: sp.Expr) -> sp.Expr:
    r"""Symmetric unimodal families: :math:`h > 0` with :math:`f_0(h) = \delta` (0 when
    :math:`\delta \ge \sup f`)."""
    if _concrete(family, delta):
        intervals = _numeric_intervals(family, delta)
        return to_float30(intervals[-1][1]) if intervals else sp.Integer(0)
    return _symbolic_half_width(_at_zero(family), delta)


@functools.lru_cache(maxsize=256)
def _symbolic_half_width(family: Any, delta: sp.Expr) -> sp.Expr:
    h = sp.Symbol("h", positive=True)
    f0 = family.standard_density(h)
    roots = _attempt(lambda: sp.solve(sp.Eq(f0, delta), h)) or []
    checks = _level_checks(family, delta)
    for root in roots:
        if all(ivs and _close(root.subs(subs), ivs[-1][1]) for _, subs, ivs in checks):
            return root
    raise NotImplementedError(
        f"{family.name}: SymPy solves no f(mu + h) = delta; write half_width()"
    )


def level_set(family: Any, delta: sp.Expr) -> Any:
    """:math:`U^\\delta` of a 1-D density: numeric intervals, or SymPy's two roots."""
    if _concrete(family, delta):
        intervals = _numeric_intervals(family, delta)
        loc = sp.Float(str(sp.N(family.location(), DIGITS)), DIGITS)
        parts = [
            sp.Interval.open(loc + to_float30(lo), loc + to_float30(hi)) for lo, hi in intervals
        ]
        region = sp.Union(*parts) if parts else sp.EmptySet
        return LevelSet("interval", sp.true if parts else sp.false, region=region)
    left, right = _symbolic_ends(_at_zero(family), delta)
    loc = family.location()
    nonempty = sp.StrictLessThan(delta, family.sup_density())
    return LevelSet("interval", nonempty, region=sp.Interval.open(loc + left, loc + right))


def covering_radius(family: Any, delta: sp.Expr) -> sp.Expr:
    r""":math:`\max_e |e - m_0|` over the ends :math:`e` of :math:`\{f_0 > \delta\}`."""
    if _concrete(family, delta):
        intervals = _numeric_intervals(family, delta)
        if not intervals:
            return sp.Integer(0)
        m0 = numerics(family).moments()[0]
        if not mpmath.isfinite(m0):  # no mean: the ball is centred at the location
            m0 = mpmath.mpf(0)
        with mpmath.workdps(DIGITS):
            return to_float30(max(max(abs(lo - m0), abs(hi - m0)) for lo, hi in intervals))
    left, right = _symbolic_ends(_at_zero(family), delta)
    m0 = family.mean() - family.location()
    far = sp.Max(sp.Abs(left - m0), sp.Abs(right - m0))
    return sp.Piecewise((far, sp.StrictLessThan(delta, family.sup_density())), (0, True))


@functools.lru_cache(maxsize=256)
def _symbolic_ends(family: Any, delta: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    roots = _attempt(lambda: sp.solve(sp.Eq(family.standard_density(T), delta), T)) or []
    checks = _level_checks(family, delta)
    if all(len(ivs) == 1 for _, _, ivs in checks):
        left = [r for r in roots if all(_close(r.subs(s), ivs[0][0]) for _, s, ivs in checks)]
        right = [r for r in roots if all(_close(r.subs(s), ivs[0][1]) for _, s, ivs in checks)]
        if left and right:
            return left[0], right[0]
    raise NotImplementedError(
        f"{family.name}: SymPy solves no f = delta for both ends; write level_set() and "
        "covering_radius()"
    )


# ----- numeric bridges ---------------------------------------------------------------------------
def scipy_law(family: Any) -> Any:
    """A frozen ``rv_continuous`` with the numerics' density and tabulated CDF (no ``_stats``:
    SciPy integrates moments itself)."""
    num = numerics(family)
    lo, hi = num.range_above(None)
    law = _law_class(num)(a=lo, b=hi, name=family.name)
    return law(loc=float(family.location()))


@functools.lru_cache(maxsize=256)
def _law_class(num: StandardNumerics) -> type:
    """An ``rv_continuous`` subclass for one standard density (SciPy re-instantiates the
    class with its constructor keywords when freezing, so ``num`` is a class attribute)."""

    class _Law(scipy.stats.rv_continuous):
        def _pdf(self, x: np.ndarray) -> np.ndarray:
            return num.f_grid(np.asarray(x, dtype=float))

        def _cdf(self, x: np.ndarray) -> np.ndarray:
            return num.cdf(np.asarray(x, dtype=float))

    return _Law


def sample(family: Any, rng: np.random.Generator, size: int) -> np.ndarray:
    """Draws by numerical inversion (SciPy's PINV, u-resolution 1e-12), shape ``(size, 1)``.
    The inversion table is built once per standard density (:func:`_inversion`); the draws
    come from ``rng`` alone, so a seed gives the same draws whether the table was cached."""
    num = numerics(family)
    draws = _inversion(num).rvs(size, random_state=rng) + float(family.location())
    return np.asarray(draws, dtype=float).reshape(size, 1)


@functools.lru_cache(maxsize=64)
def _inversion(num: StandardNumerics) -> Any:
    """SciPy's PINV generator for one standard density (its setup evaluates the density tens
    of thousands of times; the table depends on the density only)."""
    from scipy.stats.sampling import NumericalInversePolynomial

    class _Pdf:
        def pdf(self, x: float) -> float:
            return float(num.f_grid(np.array([x]))[0])

    lo, hi = num.range_above(None)
    return NumericalInversePolynomial(
        _Pdf(), domain=(lo, hi), center=num.mode, u_resolution=1e-12
    )


__all__ = [
    "AGREEMENT",
    "SYMPY_SECONDS",
    "cdf_expression",
    "covering_radius",
    "half_width",
    "level_set",
    "moment",
    "numerics",
    "sample",
    "scipy_law",
    "sup_density",
    "test_points",
]
