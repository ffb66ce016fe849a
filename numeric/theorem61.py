r"""Theorem 6.1 as stated: :math:`P_H^\delta > \prod_i P_i K_i`, vectorised over grids.

With weights :math:`p`, mean-law variances :math:`\sigma_i^d`, kurtosis ratios :math:`K_i`
(:mod:`hallbound.symbolic.mean_laws`) and the uniform covering radius :math:`r_x`:

.. math::

    d = \Big(\sum_j p_j^2 \sigma_j^d\Big)^{1/2}, \qquad
    \theta_i(\alpha) = \frac{(\alpha d + r_x)^2}{\sigma_i^d}, \qquad
    P_i = \max_{\alpha > 1,\ \theta_i(\alpha) \le 1}
          \Big(1 - \frac{1}{\alpha^2}\Big)\big(1 - \theta_i(\alpha)\big)^2 .

Such an :math:`\alpha` exists iff :math:`d + r_x < \sqrt{\sigma_i^d}` (the theorem's
condition); otherwise :math:`P_i` is NaN and ``feasible`` is False. The maximum is exact:
the objective vanishes at :math:`\alpha = 1` and at :math:`\theta_i = 1`, and the stationary
point is the root in :math:`(1, \alpha_{\max})` of the polynomial left after dividing the
numerator of :math:`\partial_\alpha` objective by :math:`\sigma_i^d - (\alpha d + r_x)^2`
(SymPy derives it: :func:`stationary_polynomial`); a bracketed Newton iteration on it converges to
machine precision. Kernels come from the same expressions via :mod:`.compile`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from hallbound.errors import InputError

ALPHA, D, RX, SIGMA = sp.symbols("alpha d r_x sigma", positive=True)
#: :math:`\theta_i(\alpha)` as stated.
THETA = (ALPHA * D + RX) ** 2 / SIGMA
#: The objective :math:`(1 - 1/\alpha^2)(1 - \theta)^2` (its max over alpha is :math:`P_i`).
OBJECTIVE = (1 - 1 / ALPHA**2) * (1 - THETA) ** 2


@functools.cache
def stationary_polynomial() -> sp.Poly:
    r"""The polynomial in :math:`\alpha` whose root in :math:`(1, \alpha_{\max})` maximises.

    :math:`\operatorname{numer}(\partial_\alpha \mathrm{OBJECTIVE}) =
    (\sigma - (\alpha d + r_x)^2) \cdot q(\alpha)`; returns :math:`q` (exact division).
    """
    numerator = sp.expand(sp.numer(sp.together(sp.diff(OBJECTIVE, ALPHA))))
    quotient, remainder = sp.div(numerator, sp.expand(SIGMA - (ALPHA * D + RX) ** 2), ALPHA)
    if sp.simplify(remainder) != 0:  # pragma: no cover - a derivation failure
        raise AssertionError("stationary polynomial: theta = 1 factor did not divide")
    return sp.Poly(quotient, ALPHA)


_SOLVER = """
@njit(cache=True, nogil=True)
def solve_state(dd, r, s):
    if not (s > 0.0 and dd > 0.0 and r >= 0.0):
        return math.nan, math.nan
    root = math.sqrt(s)
    if not (dd + r < root):
        return math.nan, math.nan
    lo = 1.0
    hi = (root - r) / dd
    flo = q(lo, dd, r, s)
    x = 0.5 * (lo + hi)
    for _ in range(200):
        fx = q(x, dd, r, s)
        if fx == 0.0:
            break
        if (fx > 0.0) == (flo > 0.0):
            lo = x
            flo = fx
        else:
            hi = x
        step = fx / dq(x, dd, r, s)
        xn = x - step
        if not (lo < xn < hi):
            xn = 0.5 * (lo + hi)
        if abs(xn - x) <= 4e-16 * x or hi - lo <= 4e-16 * x:
            x = xn
            break
        x = xn
    return x, objective(x, dd, r, s)


@njit(cache=True, parallel=True)
def bound_rows(p, sigma, kk, rx, alpha_out, p_out, d_out):
    m_rows, n_states = p.shape
    for m in prange(m_rows):
        acc = 0.0
        for j in range(n_states):
            acc += p[m, j] * p[m, j] * sigma[m, j]
        dd = math.sqrt(acc)
        d_out[m] = dd
        for i in range(n_states):
            a, value = solve_state(dd, rx[m], sigma[m, i])
            alpha_out[m, i] = a
            p_out[m, i] = value
"""


@functools.cache
def _kernels() -> Any:
    from hallbound.numeric.compile import expression_source, load_source

    poly = stationary_polynomial().as_expr()
    args = (ALPHA, D, RX, SIGMA)
    parts = [
        expression_source(poly, args, "_q"),
        expression_source(sp.diff(poly, ALPHA), args, "_dq"),
        expression_source(OBJECTIVE, args, "_objective"),
    ]
    wraps = "".join(
        f"{n} = njit(cache=True, nogil=True, inline='always')(_{n})\n"
        for n in ("q", "dq", "objective")
    )
    return load_source("\n\n".join(parts) + "\n\n" + wraps + _SOLVER, "thm61")


@dataclass(frozen=True)
class PaperBound:
    r"""Theorem 6.1's quantities; arrays have the grid shape, plus a last axis of N states.

    ``P`` (:math:`P_i`), ``alpha`` (:math:`\alpha_i^*`), ``PK`` (:math:`P_i K_i`),
    ``feasible`` (some :math:`\alpha_i > 1` has :math:`\theta_i \le 1`); per grid point:
    ``d``, ``product`` (:math:`\prod_i P_i K_i`, NaN unless ``applicable``) and
    ``applicable`` (every state feasible: the theorem's hypothesis).
    """

    P: np.ndarray
    alpha: np.ndarray
    PK: np.ndarray
    feasible: np.ndarray
    d: np.ndarray
    product: np.ndarray
    applicable: np.ndarray


def paper_bound(
    p: Sequence[float] | np.ndarray,
    sigma_d: Sequence[float] | np.ndarray,
    K: Sequence[float] | np.ndarray,
    r_x: float | np.ndarray,
) -> PaperBound:
    r"""Theorem 6.1 (as stated) for weights ``p``, :math:`\sigma_i^d`, :math:`K_i`, :math:`r_x`.

    ``p``, ``sigma_d`` and ``K`` broadcast to shape ``(..., N)``, ``r_x`` to ``(...)``; the
    result's arrays have that grid shape (see :class:`PaperBound`).
    """
    p_arr, s_arr, k_arr = (np.asarray(v, dtype=float) for v in (p, sigma_d, K))
    r_arr = np.asarray(r_x, dtype=float)
    for name, arr in (("p", p_arr), ("sigma_d", s_arr), ("K", k_arr), ("r_x", r_arr)):
        if np.isnan(arr).any():
            raise InputError(name, "contains NaN")
    if p_arr.ndim == 0 or s_arr.ndim == 0 or k_arr.ndim == 0:
        raise InputError("p", "p, sigma_d and K need a last axis of N states")
    try:
        shape = np.broadcast_shapes(p_arr.shape, s_arr.shape, k_arr.shape, r_arr.shape + (1,))
    except ValueError:
        raise InputError("p", "p, sigma_d, K (..., N) and r_x (...) do not broadcast") from None
    if (r_arr < 0).any():
        raise InputError("r_x", "must be >= 0")
    if (s_arr < 0).any():
        raise InputError("sigma_d", "must be >= 0")
    grid, n_states = shape[:-1], shape[-1]
    rows = int(np.prod(grid, dtype=np.int64))
    flat = [
        np.array(np.broadcast_to(a, shape).reshape(rows, n_states), order="C")
        for a in (p_arr, s_arr, k_arr)
    ]
    rx = np.array(np.broadcast_to(r_arr, grid).reshape(rows), order="C")
    alpha = np.empty((rows, n_states))
    P = np.empty((rows, n_states))
    d = np.empty(rows)
    _kernels().bound_rows(flat[0], flat[1], flat[2], rx, alpha, P, d)
    PK = P * flat[2]
    feasible = ~np.isnan(P)
    applicable = feasible.all(axis=1)
    product = np.where(applicable, np.prod(np.where(feasible, PK, 1.0), axis=1), np.nan)
    return PaperBound(
        P=P.reshape(shape),
        alpha=alpha.reshape(shape),
        PK=PK.reshape(shape),
        feasible=feasible.reshape(shape),
        d=d.reshape(grid),
        product=product.reshape(grid),
        applicable=applicable.reshape(grid),
    )


def covering_radius_max(mixture: Any, delta: float) -> float:
    r""":math:`r_x = \max_i r_i(\delta)` (Definition 6.3) from the families' closed forms."""
    return max(mixture.covering_radii(delta))


def spec_bound(spec: Any, delta: float | None = None) -> PaperBound:
    """Theorem 6.1 for a parsed spec: weights, mean-law moments and :math:`r_x` at ``delta``."""
    from hallbound.symbolic.mean_laws import MeanLaw

    laws = []
    for i in range(spec.mixture.size):
        table = spec.state_mean_law(i)
        if table is None:
            raise InputError("mean_law", "missing: the bound needs a [mean_law] table")
        laws.append(MeanLaw.from_spec(table, spec.mixture.dim))
    return laws_bound(
        spec.mixture.weight_vector(),
        laws,
        covering_radius_max(spec.mixture, spec.delta if delta is None else delta),
    )


def laws_bound(
    weights: Sequence[float] | np.ndarray, laws: Sequence[Any], r_x: float
) -> PaperBound:
    """Theorem 6.1 from weights and one :class:`MeanLaw` per state."""
    sigma = [float(law.second_moment()) for law in laws]
    kk = [float(law.kurtosis_ratio()) for law in laws]
    return paper_bound(np.asarray(weights, dtype=float), sigma, kk, r_x)


__all__ = [
    "ALPHA",
    "D",
    "OBJECTIVE",
    "PaperBound",
    "RX",
    "SIGMA",
    "THETA",
    "covering_radius_max",
    "laws_bound",
    "paper_bound",
    "spec_bound",
    "stationary_polynomial",
]
