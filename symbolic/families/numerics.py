r"""Numeric facts about a 1-D standard density :math:`f_0` at 30 digits (the fallbacks).

Used by :mod:`hallbound.symbolic.families.fallback` for every family method without a closed
form (TOML user families and minimal subclasses): the mean offset :math:`m_0 = \int t f_0`, the
central moments, :math:`\sup f_0` (grid maximum refined by golden section), the CDF (tabulated
Gauss-Legendre cell masses), and the level set :math:`\{f_0 > \delta\}`: the sign changes of
:math:`f_0 - \delta` on a grid of :data:`GRID_POINTS` points over the range where :math:`f_0`
exceeds :math:`10^{-3}\delta`, each refined by 100 bisection steps in mpmath. Limitation
(stated, not hidden): a component of :math:`U^\delta` narrower than the grid step, or density
mass beyond the first point where the tail drops below :math:`10^{-3}\delta`, would be missed;
the property battery's independent ``covering`` checks test exactly these claims.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.precision import QUADRATURE_DIGITS

#: Points of the grid used to locate level-set end points and the mode.
GRID_POINTS = 4001
#: Doublings in a row without a smaller tail piece after which an integral is divergent.
STALLED_PIECES = 8
#: Digits of the mpmath evaluations.
DIGITS = QUADRATURE_DIGITS
#: exp arguments beyond this magnitude are clamped (exp(-1e5) is 0 to any useful precision;
#: without the clamp, mpmath spends unbounded time on doubly exponential tails).
EXP_CLAMP = 1e5


def _safe_exp(x: Any) -> Any:
    """mpmath ``exp`` that returns 0 / inf for arguments beyond :data:`EXP_CLAMP`."""
    if mpmath.re(x) < -EXP_CLAMP:
        return mpmath.mpf(0)
    if mpmath.re(x) > EXP_CLAMP:
        return mpmath.inf
    return mpmath.exp(x)


MP_MODULES = [{"exp": _safe_exp}, "mpmath"]


class StandardNumerics:
    r"""Numeric facts about a standard density :math:`f_0(t)` with concrete parameters.

    ``expr`` is :math:`f_0` in the symbol ``t`` (parameters already numbers), ``support`` the
    range of :math:`t` outside which :math:`f_0 = 0`. Objects are built once per parameter
    point by :func:`numerics_of` (cached there, keyed by the family member) and hold no
    mutable state besides their own memo of moments and the CDF table.
    """

    def __init__(self, expr: sp.Expr, t: sp.Symbol, support: tuple[float, float]) -> None:
        self.f_mp = sp.lambdify(t, expr, modules=MP_MODULES)
        self.f_np = sp.lambdify(t, expr, modules=["numpy", "scipy"])
        lo, hi = support
        self.lo, self.hi = lo, hi
        self.mode = self._mode()
        self.peak = float(self.f(self.mode))
        self.bounded = self._bounded()

    def _bounded(self) -> bool:
        """False when :math:`f_0` is not finite at its mode, or exceeds it next to a finite end
        of the support (a density unbounded there, e.g. a Gamma law of shape < 1)."""
        if not math.isfinite(self.peak):
            return False
        for end, sign in ((self.lo, 1.0), (self.hi, -1.0)):
            if math.isfinite(end):
                for eps in (1e-6, 1e-9, 1e-12):
                    if float(self.f(end + sign * eps * max(1.0, abs(end)))) > self.peak * 1.000001:
                        return False
        return True

    def peak_value(self) -> mpmath.mpf:
        r""":math:`\sup f_0` (the value at the numeric mode); raises ``NotImplementedError`` for
        an unbounded density, whose level sets the grid cannot resolve."""
        if not self.bounded:
            raise NotImplementedError(
                "the density is unbounded (or not finite at its mode): the numeric fallbacks "
                "need a bounded density; write sup_density(), level_set() and covering_radius()"
            )
        return self.f(self.mode)

    # evaluation -------------------------------------------------------------------------
    def f(self, t: float | mpmath.mpf) -> mpmath.mpf:
        """:math:`f_0(t)` at 30 digits (0 outside the support); raises on non-real values."""
        if not self.lo <= float(t) <= self.hi:
            return mpmath.mpf(0)
        with mpmath.workdps(DIGITS):
            try:
                value = self.f_mp(mpmath.mpf(t))
            except (ZeroDivisionError, OverflowError, ValueError):
                return mpmath.mpf("nan")
            if isinstance(value, mpmath.mpc):
                if abs(value.imag) > 0:
                    return mpmath.mpf("nan")
                value = value.real
            return mpmath.mpf(value)

    def f_grid(self, grid: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            values = np.asarray(self.f_np(grid), dtype=complex) * np.ones_like(grid)
        out = np.where(np.abs(values.imag) > 0, np.nan, values.real)
        return np.where((grid < self.lo) | (grid > self.hi), 0.0, out)

    # ranges ------------------------------------------------------------------------------
    def _mode(self) -> float:
        lo, hi = self.range_above(None)
        grid = np.linspace(lo, hi, GRID_POINTS)
        values = self.f_grid(grid)
        k = int(np.nanargmax(values))
        a, b = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
        return golden_max(lambda x: float(self.f(x)), a, b)

    def range_above(self, level: float | None) -> tuple[float, float]:
        """A finite range outside which :math:`f_0 < 10^{-3}` level (doubling search)."""
        floor = 1e-3 * (level if level is not None else 1e-12)
        ends = []
        for end, sign in ((self.lo, -1.0), (self.hi, 1.0)):
            if math.isfinite(end):
                ends.append(end)
                continue
            t = 1.0
            while t < 2.0**60 and not float(self.f(sign * t)) < floor:
                t *= 2.0
            if t >= 2.0**60:
                raise InputError("density", "does not decay in the tails (not normalisable)")
            ends.append(sign * t)
        return ends[0], ends[1]

    # integrals ---------------------------------------------------------------------------
    def integral(self, g: Any = None) -> mpmath.mpf:
        r""":math:`\int g(t) f_0(t)\,dt` over the support (tanh-sinh, 30 digits).

        Finite pieces only: the core range where :math:`f_0 \ge 10^{-15}` split at the mode,
        then each infinite tail as doubling intervals :math:`[2^k R, 2^{k+1} R]` until a piece
        adds less than :math:`10^{-20}` (so no quadrature node lands where the formula
        overflows). A tail that has not converged after 200 doublings (a divergent integral,
        e.g. the mean of a Cauchy law, or one too slow to tell) gives ``nan``: no number is
        claimed. So does a tail whose pieces have not shrunk over :data:`STALLED_PIECES`
        doublings in a row (each piece at least the one before, as for :math:`|t| f_0` of a
        Cauchy law, where every piece tends to :math:`s \ln 2 / \pi`): it stops there
        instead of integrating all 200.
        """
        weight = (lambda t: 1) if g is None else g
        lo, hi = self.range_above(None)
        core = sorted({lo, min(max(self.mode, lo), hi), hi})
        with mpmath.workdps(DIGITS):

            def piece(a: float, b: float) -> mpmath.mpf:
                return mpmath.quad(lambda t: weight(t) * self.f(t), [mpmath.mpf(a), mpmath.mpf(b)])

            total = mpmath.fsum(
                piece(a, b) for a, b in zip(core[:-1], core[1:], strict=True) if b > a
            )
            for end, sign in ((lo, -1.0), (hi, 1.0)):
                support_end = self.lo if sign < 0 else self.hi
                if math.isfinite(support_end):
                    continue
                a, previous, stalled = end, None, 0
                for _ in range(200):
                    b = a * 2 if a * sign > 0 else a + sign * max(1.0, abs(a))
                    part = piece(min(a, b), max(a, b))
                    total += part
                    a = b
                    if not mpmath.isfinite(part) or abs(part) < mpmath.mpf("1e-20"):
                        break
                    stalled = stalled + 1 if previous is not None and abs(part) >= previous else 0
                    if stalled >= STALLED_PIECES:
                        return mpmath.mpf("nan")
                    previous = abs(part)
                else:
                    return mpmath.mpf("nan")
            return total

    def moments(self) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]:
        """Mean offset, variance and fourth central moment of :math:`f_0`."""
        return self._moments

    @functools.cached_property
    def _moments(self) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]:
        """``nan`` for a moment whose integral does not converge (no mean: all three)."""
        if not mpmath.isfinite(self.integral(lambda t: abs(t))):
            nan = mpmath.mpf("nan")
            return nan, nan, nan
        m0 = self.integral(lambda t: t)
        var = self.integral(lambda t: (t - m0) ** 2)
        m4 = self.integral(lambda t: (t - m0) ** 4)
        return m0, var, m4

    # distribution function --------------------------------------------------------------
    @functools.cached_property
    def _cdf_table(self) -> tuple[np.ndarray, np.ndarray]:
        """Cell edges over the core range and the cumulative mass at each edge."""
        lo, hi = self.range_above(None)
        edges = np.linspace(lo, hi, 2001)
        nodes, weights = np.polynomial.legendre.leggauss(20)
        a, b = edges[:-1, None], edges[1:, None]
        x = (a + b) / 2 + (b - a) / 2 * nodes[None, :]
        cells = (self.f_grid(x.ravel()).reshape(x.shape) * weights).sum(axis=1)
        cells *= (edges[1:] - edges[:-1]) / 2
        tail = float(self.integral()) - cells.sum()  # mass outside the core range
        cum = np.concatenate([[0.0], np.cumsum(cells)]) + max(tail, 0.0) / 2
        return edges, cum

    def cdf(self, t: np.ndarray) -> np.ndarray:
        r""":math:`F_0(t)`: tabulated cell masses (20-point Gauss-Legendre per cell) plus a
        Gauss-Legendre integral over the last partial cell."""
        edges, cum = self._cdf_table
        t = np.clip(np.asarray(t, dtype=float), edges[0], edges[-1])
        k = np.clip(np.searchsorted(edges, t, side="right") - 1, 0, len(edges) - 2)
        nodes, weights = np.polynomial.legendre.leggauss(20)
        a = edges[k][..., None]
        b = t[..., None]
        x = (a + b) / 2 + (b - a) / 2 * nodes
        part = (self.f_grid(x.ravel()).reshape(x.shape) * weights).sum(axis=-1) * (t - edges[k]) / 2
        return np.clip(cum[k] + part, 0.0, 1.0)

    # level sets -------------------------------------------------------------------------
    def level_intervals(self, delta: Any) -> list[tuple[mpmath.mpf, mpmath.mpf]]:
        r"""End points (offsets from the location) of the components of :math:`\{f_0>\delta\}`."""
        dval = float(delta)
        if not float(self.peak_value()) > dval:
            return []
        lo, hi = self.range_above(dval)
        grid = np.union1d(np.linspace(lo, hi, GRID_POINTS), [self.mode])
        above = self.f_grid(grid) > dval
        intervals = []
        k = 0
        while k < len(grid):
            if not above[k]:
                k += 1
                continue
            j = k
            while j + 1 < len(grid) and above[j + 1]:
                j += 1
            left = self._edge(grid[k - 1], grid[k], delta) if k > 0 else mpmath.mpf(grid[0])
            right = self._edge(grid[j + 1], grid[j], delta) if j + 1 < len(grid) else grid[j]
            with mpmath.workdps(DIGITS):
                intervals.append((mpmath.mpf(left), mpmath.mpf(right)))
            k = j + 1
        return intervals

    def _edge(self, outside: float, inside: float, delta: float) -> mpmath.mpf:
        """Bisection (100 steps, 30 digits) for the crossing of :math:`f_0 = \\delta`."""
        with mpmath.workdps(DIGITS):
            out, ins = mpmath.mpf(outside), mpmath.mpf(inside)
            d = mpmath.mpf(str(sp.N(delta, DIGITS)))
            for _ in range(100):
                mid = (out + ins) / 2
                if self.f(mid) > d:
                    ins = mid
                else:
                    out = mid
            return ins


def to_float30(x: Any) -> sp.Float:
    """An mpmath number as a 30-digit SymPy Float."""
    with mpmath.workdps(DIGITS):
        return sp.Float(mpmath.nstr(mpmath.mpf(x), DIGITS), DIGITS)


def to_rational(x: Any) -> sp.Rational:
    """An mpmath number as the exact rational of its 30-digit decimal (0 below 1e-25: the
    quadrature's noise for a symmetric law), so means stay exact SymPy numbers."""
    with mpmath.workdps(DIGITS):
        if abs(x) < mpmath.mpf("1e-25"):
            return sp.Integer(0)
        return sp.Rational(mpmath.nstr(mpmath.mpf(x), DIGITS, min_fixed=-1e9, max_fixed=1e9))


def golden_max(func: Any, a: float, b: float, steps: int = 80) -> float:
    """Golden-section search for the maximum of a unimodal ``func`` on ``[a, b]``."""
    g = (math.sqrt(5) - 1) / 2
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = func(c), func(d)
    for _ in range(steps):
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = func(c)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = func(d)
    candidates = [(func(x), x) for x in (a, b, (a + b) / 2)]
    return max(candidates)[1]


#: The variable of standard densities.
T = sp.Symbol("t", real=True)


@functools.lru_cache(maxsize=256)
def numerics_of(family: Any) -> StandardNumerics:
    """The numerics of ``family``'s standard density (a concrete 1-D member; cached by member,
    so all members with the same parameters but another location share one entry via the
    caller, which passes the member at location 0)."""
    expr = family.standard_density(T)
    return StandardNumerics(sp.N(expr, DIGITS), T, family.support_of())


__all__ = [
    "DIGITS",
    "GRID_POINTS",
    "StandardNumerics",
    "T",
    "numerics_of",
    "to_float30",
    "to_rational",
]
