r"""Bayes-optimal estimates for a concrete :class:`~hallbound.symbolic.mixture.LatentMixture`.

The kind of estimate comes from the loss's derivation (:mod:`hallbound.symbolic.losses`):

* ``mean`` (squared and every Bregman loss) and ``law`` (Brier, cross-entropy: the mixture
  law, reported as its mean vector, appendix C): :math:`\sum_i p_i \mu_i`, closed form;
* ``quantile`` (pinball :math:`\tau`, absolute = median): the lower quantile
  :math:`\inf\{s : F(s) \ge \tau\}` of the mixture CDF :math:`F = \sum_i p_i F_i` (built from
  each state's ``scipy()`` CDF), per coordinate. Continuous laws: ``brentq`` on
  :math:`F - \tau` inside the bracket :math:`[\min_i F_i^{-1}(\tau), \max_i F_i^{-1}(\tau)]`
  (valid because :math:`F` is a convex combination of the :math:`F_i`), then bisection of
  the predicate :math:`F(s) \ge \tau` down to float resolution, which returns the *smallest*
  root when :math:`F` is flat at level :math:`\tau`. Discrete laws: the first support point
  with :math:`F \ge \tau`;
* ``mode`` (zero-one): discrete laws, exact argmax of the mixture pmf over the union of the
  supports (ties: the first point in sorted order); densities, a grid over the union of the
  states' ranges, then a bounded optimiser around the best grid points (1-D) or multi-start
  L-BFGS-B from every state's mean (d > 1).

:func:`optimal_estimate` is the one entry point.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.optimize

from hallbound.errors import InputError
from hallbound.symbolic.families.base import Family
from hallbound.symbolic.losses import Loss, make_loss
from hallbound.symbolic.mixture import LatentMixture
from hallbound.symbolic.values import is_numeric, to_float

#: Tolerance on :math:`F(s) \ge \tau` (absorbs float rounding in :math:`\sum_i p_i F_i`).
CDF_TOLERANCE = 1e-14
#: Tail mass left out of each state's range when gridding for the mode.
TAIL = 1e-10


def optimal_estimate(
    mixture: LatentMixture, loss_name: str | Loss = "squared", **options: Any
) -> np.ndarray:
    r"""The Bayes-optimal estimate :math:`\arg\min_s E[\ell(s, A)]`, a float vector (``dim``).

    ``loss_name`` is a registered loss name (or a :class:`Loss`); ``options`` are the loss's
    options (``tau`` for ``pinball``, ``generator`` for ``bregman``, ``W`` for
    ``mahalanobis``) plus, for modes, ``grid_size`` (default 4001).
    """
    grid_size = int(options.pop("grid_size", 4001))
    loss = make_loss(loss_name, **options) if isinstance(loss_name, str) else loss_name
    require_concrete(mixture)
    if loss.estimator not in NUMERIC_ESTIMATORS:
        raise InputError("loss", f"no numeric estimator for kind {loss.estimator!r}")
    return NUMERIC_ESTIMATORS[loss.estimator](mixture, loss, grid_size)


def _mean_estimate(mixture: LatentMixture, loss: Loss, grid_size: int) -> np.ndarray:
    """The mixture mean (mean-type losses, and laws: the mean of one-hot outcomes)."""
    estimate = mixture_mean(mixture)
    if not np.all(np.isfinite(estimate)):
        raise InputError(
            "loss",
            f"{loss.name} needs the mixture mean, which does not exist here "
            "(a state has no finite mean, e.g. Student-t with df <= 1)",
        )
    if loss.domain == "positive" and np.any(estimate <= 0):
        raise InputError("loss", f"{loss.name} needs a positive mean, got {estimate.tolist()}")
    return estimate


def _quantile_estimate(mixture: LatentMixture, loss: Loss, grid_size: int) -> np.ndarray:
    return mixture_quantile(mixture, float(loss.quantile_level))


def _mode_estimate(mixture: LatentMixture, loss: Loss, grid_size: int) -> np.ndarray:
    return mixture_mode(mixture, grid_size=grid_size)


#: The numeric optimum per estimator kind (:attr:`Loss.estimator`): a table, so that no code
#: branches on the kind; a new kind adds one row.
NUMERIC_ESTIMATORS: dict[str, Callable[[LatentMixture, Loss, int], np.ndarray]] = {
    "mean": _mean_estimate,
    "law": _mean_estimate,
    "quantile": _quantile_estimate,
    "mode": _mode_estimate,
}


def require_concrete(mixture: LatentMixture) -> None:
    """Raise :class:`InputError` unless weights and states are all numbers."""
    if not all(is_numeric(w) for w in mixture.weights):
        raise InputError("weight", "numeric estimates need concrete weights")
    for i, s in enumerate(mixture.states, start=1):
        if not s.is_concrete():
            raise InputError(f"state[{i}]", "numeric estimates need concrete parameters")


# ----- mean ---------------------------------------------------------------------------------


def mixture_mean(mixture: LatentMixture) -> np.ndarray:
    r""":math:`\sum_i p_i \mu_i` (exact SymPy sum, then rounded once to floats)."""
    m = mixture.mean()
    values = list(m) if hasattr(m, "shape") else [m]
    return np.array([to_float(v) for v in values], dtype=float)


# ----- laws per coordinate --------------------------------------------------------------------


def _marginal(state: Family, coord: int) -> Any:
    """A frozen 1-D scipy law of coordinate ``coord`` of ``state`` (``Family.marginal``; kept
    because :mod:`hallbound.numeric.optimal_kernels` imports it)."""
    try:
        return state.marginal(coord)
    except NotImplementedError:
        raise InputError(
            "loss", f"family {state.name!r} gives no 1-D marginals for a quantile"
        ) from None


def _is_discrete(mixture: LatentMixture) -> bool:
    return all(s.discrete for s in mixture.states)


def mixture_cdf(mixture: LatentMixture, coord: int = 0) -> Callable[[Any], Any]:
    r""":math:`F_j(s) = \sum_i p_i F_{i,j}(s)`, coordinate ``coord``'s mixture CDF (vectorised)."""
    weights = mixture.weight_vector()
    laws = [_marginal(s, coord) for s in mixture.states]

    def cdf(x: Any) -> Any:
        return sum(w * law.cdf(x) for w, law in zip(weights, laws, strict=True))

    return cdf


def mixture_quantile(mixture: LatentMixture, tau: float) -> np.ndarray:
    r"""Per coordinate, the lower :math:`\tau`-quantile :math:`\inf\{s : F_j(s) \ge \tau\}`."""
    if not 0 < tau < 1:
        raise InputError("tau", f"must lie in (0, 1), got {tau!r}")
    out = []
    for j in range(mixture.dim):
        laws = [_marginal(s, j) for s in mixture.states]
        F = mixture_cdf(mixture, j)
        if _is_discrete(mixture):
            out.append(_discrete_quantile(laws, F, tau))
        else:
            out.append(_continuous_quantile(laws, F, tau))
    return np.array(out, dtype=float)


def _discrete_quantile(laws: list[Any], F: Callable[[Any], Any], tau: float) -> float:
    points = np.unique(np.concatenate([_support_1d(law) for law in laws]))
    values = np.asarray(F(points), dtype=float)
    hits = np.nonzero(values >= tau - CDF_TOLERANCE)[0]
    return float(points[hits[0]] if hits.size else points[-1])


def _support_1d(law: Any) -> np.ndarray:
    lo, hi = law.support()
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = law.ppf(TAIL), law.ppf(1 - TAIL)
    n = int(round(hi - lo))
    return lo + np.arange(n + 1, dtype=float)


def _continuous_quantile(laws: list[Any], F: Callable[[Any], Any], tau: float) -> float:
    ok = _predicate(F, tau)
    qs = [float(law.ppf(tau)) for law in laws]
    finite = [q for q in qs if math.isfinite(q)]
    lo, hi = (min(finite), max(finite)) if finite else (-1.0, 1.0)
    lo, hi = _expand(ok, lo, hi)
    if not ok(lo) and ok(hi) and hi > lo:
        g = lambda x: float(F(x)) - tau  # noqa: E731
        if g(lo) < 0 < g(hi):
            x0 = scipy.optimize.brentq(g, lo, hi, xtol=1e-300, rtol=4 * np.finfo(float).eps)
            if ok(x0):
                hi = x0
            else:
                lo = x0
    return _bisect(ok, lo, hi)


def _predicate(F: Callable[[Any], Any], tau: float) -> Callable[[float], bool]:
    return lambda x: bool(float(F(x)) >= tau - CDF_TOLERANCE)


def _expand(ok: Callable[[float], bool], lo: float, hi: float) -> tuple[float, float]:
    """Widen ``[lo, hi]`` geometrically until ``not ok(lo)`` and ``ok(hi)``."""
    step = max(1.0, abs(hi - lo))
    for _ in range(2000):
        if not ok(lo):
            break
        lo -= step
        step *= 2
    step = max(1.0, abs(hi - lo))
    for _ in range(2000):
        if ok(hi):
            break
        hi += step
        step *= 2
    return lo, hi


def _bisect(ok: Callable[[float], bool], lo: float, hi: float) -> float:
    """Smallest float ``x`` in ``(lo, hi]`` with ``ok(x)`` (``ok`` monotone, ``ok(hi)``)."""
    if ok(lo):
        return lo
    for _ in range(2200):
        mid = lo + (hi - lo) / 2
        if mid <= lo or mid >= hi:
            break
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


# ----- mode ---------------------------------------------------------------------------------


def mixture_pdf(mixture: LatentMixture) -> Callable[[np.ndarray], np.ndarray]:
    r""":math:`f(s) = \sum_i p_i f_i(s)` on points of shape ``(n, dim)`` (pmf for discrete)."""
    weights = mixture.weight_vector()
    laws = [s.scipy() for s in mixture.states]
    discrete = _is_discrete(mixture)
    dim = mixture.dim

    def pdf(points: np.ndarray) -> np.ndarray:
        x = np.asarray(points, dtype=float).reshape(-1, dim)
        arg = x[:, 0] if dim == 1 else x
        total = np.zeros(x.shape[0])
        for w, law in zip(weights, laws, strict=True):
            vals = law.pmf(arg) if discrete else law.pdf(arg)
            total += w * np.asarray(vals, dtype=float).reshape(-1)
        return total

    return pdf


def mixture_mode(mixture: LatentMixture, grid_size: int = 4001) -> np.ndarray:
    r""":math:`\arg\max_s \sum_i p_i f_i(s)` (see the module notes for the method)."""
    pdf = mixture_pdf(mixture)
    if _is_discrete(mixture):
        pts = np.unique(np.concatenate([s.support_points() for s in mixture.states]), axis=0)
        return pts[int(np.argmax(pdf(pts)))].astype(float)
    if mixture.dim == 1:
        return np.array([_mode_1d(mixture, pdf, grid_size)])
    return _mode_nd(mixture, pdf)


def _mode_1d(mixture: LatentMixture, pdf: Callable[[np.ndarray], np.ndarray], n: int) -> float:
    laws = [s.scipy() for s in mixture.states]
    lo = min(float(law.ppf(TAIL)) for law in laws)
    hi = max(float(law.ppf(1 - TAIL)) for law in laws)
    grid = np.union1d(np.linspace(lo, hi, max(int(n), 3)), mixture_mean(mixture))
    grid = np.union1d(grid, [s.mean_vector()[0] for s in mixture.states])
    values = pdf(grid)
    order = np.argsort(-values, kind="stable")[:8]
    best_x, best_v = float(grid[order[0]]), float(values[order[0]])
    for k in order:
        a = grid[max(k - 1, 0)]
        b = grid[min(k + 1, grid.size - 1)]
        if b <= a:
            continue
        res = scipy.optimize.minimize_scalar(
            lambda x: -float(pdf(np.array([x]))[0]),
            bounds=(a, b),
            method="bounded",
            options={"xatol": 1e-13},
        )
        if -res.fun > best_v:
            best_x, best_v = float(res.x), float(-res.fun)
    return best_x


def _mode_nd(mixture: LatentMixture, pdf: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    starts = [s.mean_vector() for s in mixture.states] + [mixture_mean(mixture)]
    spread = [math.sqrt(max(to_float(s.variance()), 1e-300)) for s in mixture.states]
    pts = np.array(starts)
    lo = pts.min(axis=0) - 10 * max(spread)
    hi = pts.max(axis=0) + 10 * max(spread)
    scale = float(max(pdf(pts).max(), 1e-300))
    best, best_v = pts[int(np.argmax(pdf(pts)))], float(pdf(pts).max())
    for x0 in starts:
        res = scipy.optimize.minimize(
            lambda x: -float(pdf(x)[0]) / scale,
            x0,
            method="L-BFGS-B",
            bounds=list(zip(lo, hi, strict=True)),
            options={"ftol": 1e-15, "gtol": 1e-12},
        )
        value = float(pdf(res.x)[0])
        if value > best_v:
            best, best_v = np.asarray(res.x, dtype=float), value
    return np.asarray(best, dtype=float)


# ----- the law (proper scores) ----------------------------------------------------------------


def mixture_law(mixture: LatentMixture) -> tuple[np.ndarray, np.ndarray]:
    r"""For discrete mixtures, the law itself: support points ``(K, dim)`` and masses
    :math:`\sum_i p_i f_i(x_k)` (the cross-entropy/Brier optimal forecast)."""
    require_concrete(mixture)
    if not _is_discrete(mixture):
        raise InputError("family", "the law as a table needs a discrete family")
    pts = np.unique(np.concatenate([s.support_points() for s in mixture.states]), axis=0)
    return pts, mixture_pdf(mixture)(pts)


__all__ = [
    "NUMERIC_ESTIMATORS",
    "mixture_cdf",
    "mixture_law",
    "mixture_mean",
    "mixture_mode",
    "mixture_pdf",
    "mixture_quantile",
    "optimal_estimate",
    "require_concrete",
]
