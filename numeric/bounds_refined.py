r"""Refined, proved lower bounds on the hallucination probability :math:`P_H^\delta` in the
setting of Theorem 6.1 (claims in
:mod:`hallbound.proofs_checks.claims.bad_estimations.bounds_refined`).

Notation (one state's mean :math:`\mu_j = \mu_0 + x_j`, :math:`x_j = s_j\odot\xi_j`
independent, Assumption 6.1): :math:`T := A^* - \mu_0 = \sum_j p_j x_j`, so
:math:`A^* - \mu_i = T - x_i`. Since :math:`U_i^\delta \subset \bar B(\mu_i, r_i)`
(Definition 6.3),

.. math::

    P_H^\delta \;\ge\; \Pr\big[\|T - x_i\| > r_i \ \ \forall i\big] =: P_>,

with equality up to the boundary events :math:`\{\|T-x_i\| = r_i\}` when :math:`U_i^\delta`
is the open ball (symmetric unimodal families with strictly decreasing density).

**Two-point enumeration** (:func:`two_point_bound`): with two-point mean laws
:math:`x_{jk} = \pm s_{jk}` the :math:`2^{Nd}` sign patterns are equally likely, so
:math:`P_> = 2^{-Nd}\,\#\{\text{patterns with } \|T - x_i\| > r_i\ \forall i\}` exactly.

**Binned conditioning** (:func:`binned_bound`, :math:`d = 1`, continuous mean laws): cut the
line into bins :math:`J_m = [a_m, a_m + h)` and forbid
:math:`F_i^m = [a_m - r_i - \eta, a_m + h + r_i + \eta]`. On
:math:`E_m := \{T \in J_m\} \cap \bigcap_i \{x_i \notin F_i^m\}` every
:math:`|T - x_i| > r_i` (if :math:`x_i < a_m - r_i` then :math:`T - x_i > r_i`; if
:math:`x_i > a_m + h + r_i` then :math:`x_i - T > r_i`), and the :math:`E_m` are disjoint, so
:math:`P_> \ge \sum_m \Pr[E_m]`. To bound :math:`\Pr[E_m]` cut :math:`Y_j := p_j x_j` into
cells :math:`C_k = [kg, (k+1)g)`; with
:math:`\nu^m_{jk} := \Pr[Y_j \in C_k,\ x_j \notin F_j^m]` (an exact CDF difference),
independence gives :math:`\Pr[\bigcap_j \{Y_j \in C_{k_j}, x_j \notin F_j^m\}] =
\prod_j \nu^m_{jk_j}`, and on that event :math:`T \in [Kg, (K+N)g)`, :math:`K = \sum_j k_j`.
Keeping the index vectors whose range lies inside :math:`J_m` (disjoint events):

.. math::

    P_H^\delta \;\ge\; \sum_m \sum_{K:\ a_m \le Kg,\ (K+N)g \le a_m + h}
    \big(\nu^m_{1} * \nu^m_{2} * \cdots * \nu^m_{N}\big)[K],

a discrete convolution (FFT). Dropped tail cells and bins only remove non-negative terms.
As :math:`h, g \to 0` the bound tends to :math:`P_>`: unlike the union bound it keeps the
independence of the :math:`x_i` (a product over states), so it stays informative when
:math:`\sum_i \Pr[\|T - x_i\| \le r_i] > 1`.

Floating error: :func:`binned_bound` evaluates the sum in ball arithmetic
(:mod:`hallbound.numeric.bounds_certified`: exact rational grid, Arb CDFs, ``arb_poly``
convolution) and returns the lower end of a ball that contains the exact sum, rounded down
(claim step R9, on the trust-base lemma ``Arb ball enclosure``). :func:`binned_bound_float`
is the FFT path (scipy ``ndtr``/``exp``, numpy FFT; :data:`FLOAT_MARGIN` = :math:`10^{-9}`
subtracted, forbidden intervals widened by :math:`\eta = 10^{-12}(1 + L + \max r)`): faster
(about 2-30 times, ``examples/bench_binned_certified.py``) but not proved, since no bound of
the FFT's and the CDFs' rounding follows here; it is kept as the benchmark's baseline and a
cross-check of the certified value.

**Two states** (:func:`two_state_exact`): for :math:`N = 2`, :math:`T - x_1 = p_2 D`,
:math:`T - x_2 = -p_1 D` with :math:`D = x_2 - x_1`, so :math:`P_> = \Pr[\|D\| >
\max(r_1/p_2, r_2/p_1)]` exactly (a 1-D integral over :math:`x_1`, or a chi-square tail).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
import sympy.stats as st

from hallbound.errors import InputError
from hallbound.numeric.refined_inputs import (  # noqa: F401 - re-exported
    BinnedGrid,
    _continuous,
    _row,
    _support,
    _variance,
    binned_grid,
    binned_inputs,
    continuous_kinds,
)
from hallbound.symbolic import mean_laws

#: Subtracted by :func:`binned_bound_float` (an allowance for its floating error, not proved).
FLOAT_MARGIN = 1e-9
#: Largest ``N d`` the two-point enumeration accepts (2^(N d) patterns).
MAX_ENUMERATION = 20


@functools.cache
def _cdf_function(kind: str) -> Any:
    expr = mean_laws.standard_cdf(kind) if _continuous(kind) else None
    if expr is None:
        raise InputError("kind", f"no continuous CDF for mean law {kind!r}")
    return sp.lambdify(mean_laws.X_STD, expr, modules=["scipy", "numpy"])


@functools.cache
def _density_function(kind: str) -> Any:
    r"""The standard density :math:`f_\xi(x)` for scalars, lambdified from
    :func:`hallbound.symbolic.mean_laws.standard_density`."""
    expr = mean_laws.standard_density(kind) if _continuous(kind) else None
    if expr is None:
        raise InputError("kind", f"no density for mean law {kind!r}")
    return sp.lambdify(mean_laws.X_STD, expr, modules="math")


@functools.cache
def _finite_support(law: mean_laws.StandardLaw) -> tuple[np.ndarray, np.ndarray]:
    r"""Support points (ascending) and masses of a law without a density, from its
    ``sympy.stats`` variable (the record; for ``two-point``: :math:`\pm 1`, mass 1/2 each)."""
    table = st.density(law.variable()).dict
    points = sorted(table, key=float)
    return (
        np.array([float(x) for x in points], dtype=float),
        np.array([float(table[x]) for x in points], dtype=float),
    )


def finite_support(kind: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_finite_support` of the registered kind (an error for a continuous law)."""
    law = mean_laws.law_kind(kind, "kind")
    if law.has_density:
        raise InputError("kind", f"mean law {kind!r} has a density, not a finite support")
    return _finite_support(law)


def standard_cdf(kind: str, x: np.ndarray) -> np.ndarray:
    r"""CDF of the standard law, lambdified from the ``sympy.stats`` expression
    (:func:`hallbound.symbolic.mean_laws.standard_cdf`): :math:`\Phi(x)`,
    :math:`\mathrm{clip}((x+1)/2)`, Laplace :math:`\tfrac12 e^{x}` / :math:`1-\tfrac12 e^{-x}`."""
    x = np.asarray(x, dtype=float)
    return np.broadcast_to(_cdf_function(kind)(x), x.shape).astype(float)


# ----- two-point laws: exact enumeration ---------------------------------------------------
#: Inputs of :func:`two_point_bound` stay in ``[2^-MODEL_EXPONENT, 2^MODEL_EXPONENT]`` (weights:
#: 0 or above the lower end), where the standard model of floating point covers every
#: operation (no overflow; an underflow adds at most ``2^-1074``): the rounding guard's
#: analysis needs it (claim step E3).
MODEL_EXPONENT = 400


def _model_range(p: np.ndarray, r: np.ndarray, scale: np.ndarray) -> None:
    lo, hi = 2.0**-MODEL_EXPONENT, 2.0**MODEL_EXPONENT
    if np.any((scale < lo) | (scale > hi)):
        raise InputError("scale", f"scales must lie in [2^-{MODEL_EXPONENT}, "
                                  f"2^{MODEL_EXPONENT}] (rounding-guard model)")
    if np.any(r > hi):
        raise InputError("r", f"radii must be <= 2^{MODEL_EXPONENT} (rounding-guard model)")
    if np.any((p > 0) & (p < lo)):
        raise InputError("p", f"weights must be 0 or >= 2^-{MODEL_EXPONENT} "
                              "(rounding-guard model)")


@dataclass(frozen=True)
class TwoPointPatterns:
    """The sign patterns of :func:`two_point_bound`, as computed in floating point: each
    pattern's ``weight``, ``x`` (patterns, N, d), ``dist2`` (patterns, N), and per state the
    ``threshold`` ``fl(r_i^2 + guard_i)`` a strict count must exceed (the guard of claim step
    E3) and ``lower`` ``fl(r_i^2 - guard_i)`` a weak count must reach."""

    weight: np.ndarray
    x: np.ndarray
    dist2: np.ndarray
    threshold: np.ndarray
    lower: np.ndarray


def two_point_patterns(p: Any, r: Any, scale: Any) -> TwoPointPatterns:
    """The :math:`2^{Nd}` sign patterns of two-point mean laws and their squared distances
    (inputs as for :func:`two_point_bound`, validated the same way)."""
    p, r, scale, kinds = _row(p, r, scale, "two-point")
    _model_range(p, r, scale)
    n, d = scale.shape
    if n * d > MAX_ENUMERATION:
        raise InputError("p", f"N d = {n * d} > {MAX_ENUMERATION}: too many sign patterns")
    points, masses = finite_support(kinds[0])  # the record's support and masses
    k = points.size
    digits = (np.arange(k ** (n * d))[:, None] // k ** np.arange(n * d)) % k  # (patterns, N d)
    x = points[digits].reshape(-1, n, d) * scale  # (patterns, N, d)
    weight = np.ones(digits.shape[0])
    for column in digits.T:
        weight *= masses[column]
    t = np.einsum("j,pjk->pk", p, x)
    dist2 = ((t[:, None, :] - x) ** 2).sum(-1)  # (patterns, N)
    r2 = r**2
    guard = 1e-12 * (r2 + ((np.abs(points).max() * scale) ** 2).sum())
    return TwoPointPatterns(weight, x, dist2, r2 + guard, r2 - guard)


def two_point_bound(p: Any, r: Any, scale: Any, *, strict: bool = True) -> float:
    r""":math:`\Pr[\|T - x_i\| > r_i\ \forall i]` (``strict``) or with :math:`\ge` (the
    exact :math:`P_H^\delta` for open-ball :math:`U_i`), by enumerating the :math:`2^{Nd}`
    equally likely sign patterns of two-point mean laws. ``scale``: ``(N, d)`` offsets.

    The strict comparison is made with a relative guard of :math:`10^{-12}` (a pattern
    within rounding of the boundary is not counted), so the strict value is a valid lower
    bound in floating point; the count is exact. That the guard covers the rounding is the
    claim step E3, certified by interval arithmetic under the standard model of floating
    point, which holds on the accepted inputs (:data:`MODEL_EXPONENT`).
    """
    pat = two_point_patterns(p, r, scale)
    ok = (pat.dist2 > pat.threshold) if strict else (pat.dist2 >= pat.lower)
    return float(pat.weight[ok.all(-1)].sum())


# ----- continuous laws in one dimension: binned conditioning -------------------------------
def binned_bound_float(
    p: Any,
    r: Any,
    scale: Any,
    kind: str | Sequence[str] = "normal",
    *,
    bins: int = 120,
    refine: int = 4,
    chunk: int = 16,
) -> float:
    r"""The binned-conditioning sum in floating point (FFT), minus :data:`FLOAT_MARGIN`: an
    estimate of :func:`binned_bound`, not proved (module doc), ``d = 1``.

    ``p``, ``r``: ``(N,)``; ``scale``: ``(N,)`` or ``(N, 1)``; ``kind``: ``normal``,
    ``uniform`` or ``laplace`` (one, or one per state). ``bins`` bounds the number of bins
    (cost), ``refine`` = cells per bin per state (slack :math:`1/\text{refine}` of a bin).
    """
    p, r, s, kinds = binned_inputs(p, r, scale, kind, bins, refine)
    grid = binned_grid(p, r, s, kinds, int(bins), int(refine))
    n = p.size
    eta = 1e-12 * (1.0 + grid.bins * grid.h + float(r.max()))
    lengths = 2 * grid.half_cells + 1  # cells -n_j .. n_j (one spare at the top)
    total = int(lengths.sum() - n + 1)
    nfft = 1 << int(math.ceil(math.log2(max(total, 2))))
    offset = -int(grid.half_cells.sum())  # K of the first entry of the convolution
    edges, cell_mass = [], []
    for j in range(n):
        k = np.arange(-grid.half_cells[j], grid.half_cells[j] + 1)
        if p[j] > 0:
            xe = np.append(k, k[-1] + 1) * grid.g / p[j]  # x-edges of the cells
            c = standard_cdf(kinds[j], xe / s[j])
            edges.append(xe)
            cell_mass.append(np.diff(c))
        else:  # Y_j = 0: one cell (k = 0) holding the whole law
            edges.append(None)
            cell_mass.append((k == 0).astype(float))
    total_sum = 0.0
    starts = grid.first_bin_cell + grid.cells_per_bin * np.arange(grid.bins)
    for lo in range(0, grid.bins, chunk):
        a_cells = starts[lo : lo + chunk]
        a = a_cells * grid.g  # (b,)
        spec = np.ones((a.size, nfft // 2 + 1), dtype=complex)
        for j in range(n):
            u = (a - r[j] - eta)[:, None]
            v = (a + grid.h + r[j] + eta)[:, None]
            if edges[j] is None:
                inside = standard_cdf(kinds[j], v / s[j]) - standard_cdf(kinds[j], u / s[j])
                mass = cell_mass[j][None, :] * np.clip(1.0 - inside, 0.0, 1.0)
            else:
                xe = edges[j]
                left = np.maximum(xe[None, :-1], u)
                right = np.minimum(xe[None, 1:], v)
                cl = standard_cdf(kinds[j], left / s[j])
                cr = standard_cdf(kinds[j], right / s[j])
                overlap = np.where(right > left, cr - cl, 0.0)
                mass = np.clip(cell_mass[j][None, :] - overlap, 0.0, None)
            spec *= np.fft.rfft(mass, n=nfft, axis=1)
        conv = np.fft.irfft(spec, n=nfft, axis=1)[:, :total]
        csum = np.concatenate([np.zeros((a.size, 1)), np.cumsum(conv, axis=1)], axis=1)
        k_lo = a_cells - offset  # index of K = a_m / g
        k_hi = k_lo + grid.cells_per_bin - n  # last admissible K (inclusive)
        i0 = np.clip(k_lo, 0, total)
        i1 = np.clip(k_hi + 1, 0, total)
        rows = np.arange(a.size)
        part = np.where(i1 > i0, csum[rows, i1] - csum[rows, i0], 0.0)
        total_sum += float(part.sum())
    return float(min(1.0, max(0.0, total_sum - FLOAT_MARGIN)))


def binned_bound(
    p: Any,
    r: Any,
    scale: Any,
    kind: str | Sequence[str] = "normal",
    *,
    bins: int = 120,
    refine: int = 4,
) -> float:
    r"""The binned-conditioning lower bound on :math:`P_H^\delta` (module doc), ``d = 1``,
    proved: evaluated in ball arithmetic
    (:func:`hallbound.numeric.bounds_certified.certified_binned_bound`), the returned float is
    at most the exact binned sum (claim step R9). Inputs as :func:`binned_bound_float`."""
    from hallbound.numeric.bounds_certified import certified_binned_bound

    return certified_binned_bound(p, r, scale, kind, bins=bins, refine=refine)


# ----- two states: exact ------------------------------------------------------------------
def two_state_exact(p: Any, r: Any, scale: Any, kind: str | Sequence[str] = "normal") -> float:
    r""":math:`P_> = \Pr[\|D\| > m]`, :math:`D = x_2 - x_1`, :math:`m = \max(r_1/p_2,
    r_2/p_1)` for :math:`N = 2`. Normal laws with isotropic scales: chi-square tail
    :math:`1 - F_{\chi^2_d}(m^2/(s_1^2+s_2^2))`; two-point: the 4 patterns (``d = 1``);
    other 1-D laws: :math:`E_{x_1}[\Pr[|x_2 - x_1| > m \mid x_1]]` by ``scipy.integrate.quad``
    (absolute error below :math:`10^{-10}`)."""
    p, r, scale, kinds = _row(p, r, scale, kind)
    if p.size != 2:
        raise InputError("p", "two_state_exact needs N = 2")
    with np.errstate(divide="ignore"):
        m = max(r[0] / p[1] if p[1] > 0 else math.inf, r[1] / p[0] if p[0] > 0 else math.inf)
    if not math.isfinite(m):
        return 0.0
    d = scale.shape[1]
    if all(mean_laws.law_kind(k, "kind").standard_normal for k in kinds):
        s2 = (scale**2).sum(0)
        if not np.allclose(s2, s2[0]):
            raise InputError("scale", "two_state_exact needs isotropic normal scales")
        from scipy.stats import chi2

        return float(chi2.sf(m**2 / s2[0], d))
    if d != 1:
        raise InputError("scale", "two_state_exact: non-normal laws only in d = 1")
    s1, s2_ = scale[0, 0], scale[1, 0]
    if all(k == "two-point" for k in kinds):
        (va, wa), (vb, wb) = (finite_support(k) for k in kinds)
        return sum(
            float(u * w) for a, u in zip(va, wa, strict=True) for b, w in zip(vb, wb, strict=True)
            if abs(b * s2_ - a * s1) > m
        )
    from scipy.integrate import quad

    def tail(x1: float) -> float:  # Pr[|x_2 - x_1| > m | x_1]
        hi = 1.0 - standard_cdf(kinds[1], np.array((x1 + m) / s2_))
        lo = standard_cdf(kinds[1], np.array((x1 - m) / s2_))
        return float(hi + lo)

    if kinds[0] == "two-point":
        points, masses = finite_support(kinds[0])
        return sum(float(w) * tail(v * s1) for v, w in zip(points, masses, strict=True))
    density = _density_function(kinds[0])
    lim = _support(kinds[0]) * 1.5
    points = [-1.0, 1.0, 0.0]
    val, _ = quad(
        lambda z: density(z) * tail(s1 * z), -lim, lim, points=points, epsabs=1e-12, limit=200
    )
    return float(val)


# ----- the combined refined bound ----------------------------------------------------------
@dataclass(frozen=True)
class RefinedBound:
    """A proved lower bound and the method that gave it (``two-point``, ``binned``,
    ``union``)."""

    value: float
    method: str


def refined_bound(
    p: Any, r: Any, scale: Any, kind: str | Sequence[str] = "normal", **options: Any
) -> RefinedBound:
    r"""The best proved lower bound available: two-point enumeration (all two-point laws,
    :math:`Nd \le 20`), else the larger of the binned bound (``d = 1``, continuous laws; the
    certified :func:`binned_bound`, never the float path) and
    the union bound (:func:`hallbound.numeric.bounds.union_bound`). The maximum of
    valid lower bounds is a valid lower bound."""
    from hallbound.numeric.bounds import union_bound

    p, r, scale, kinds = _row(p, r, scale, kind)
    n, d = scale.shape
    if all(k == "two-point" for k in kinds) and n * d <= MAX_ENUMERATION:
        return RefinedBound(two_point_bound(p, r, scale), "two-point")
    ub = float(union_bound(p, r, scale, kinds))
    if d == 1 and all(_continuous(k) for k in kinds):
        bb = binned_bound(p, r, scale, kinds, **options)
        if bb >= ub:
            return RefinedBound(bb, "binned")
    return RefinedBound(ub, "union")


__all__ = [
    "continuous_kinds",
    "FLOAT_MARGIN",
    "MAX_ENUMERATION",
    "MODEL_EXPONENT",
    "BinnedGrid",
    "RefinedBound",
    "binned_bound",
    "binned_bound_float",
    "binned_grid",
    "binned_inputs",
    "finite_support",
    "refined_bound",
    "standard_cdf",
    "two_point_bound",
    "two_point_patterns",
    "TwoPointPatterns",
    "two_state_exact",
]
