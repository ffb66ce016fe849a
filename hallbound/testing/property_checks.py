"""The checks of the property battery: each property as a plain function of one generated case
(optimal estimates, family quantities, estimators, covering radius, Monte Carlo bound,
predicate, seed), raising :class:`PropertyFailure` with the numbers when it fails.
:mod:`hallbound.testing.properties` draws the cases, runs the battery and re-exports every
public name here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.integrate
import scipy.optimize
import sympy as sp

from hallbound.precision import PROPERTY_DIGITS
from hallbound.symbolic.families import Family
from hallbound.symbolic.mixture import LatentMixture

#: Property names, in the order the battery runs them.
PROPERTIES: tuple[str, ...] = (
    "optimal",
    "symbolic_numeric",
    "covering",
    "bound",
    "predicate",
    "seed",
)
#: Monte Carlo draws per example of the ``bound`` property.
BOUND_DRAWS = 20_000
#: Confidence level of the Clopper-Pearson interval in the ``bound`` property.
BOUND_LEVEL = 0.999
#: Relative tolerance of the expected-loss comparison (quadrature error allowance).
LOSS_TOLERANCE = 1e-9
#: Digits of the high-precision density evaluations.
DIGITS = PROPERTY_DIGITS
#: The moments each property needs (a property not listed needs none).
NEEDS: dict[str, tuple[str, ...]] = {
    "optimal": ("mean",),
    "symbolic_numeric": ("mean",),
    "covering": ("mean",),
    "bound": ("mean",),
}

Bound = Callable[[LatentMixture, Sequence[Any], float], float]


class PropertyFailure(AssertionError):
    """A property does not hold; the message gives the numbers."""


# =========================================================================================
# helpers
# =========================================================================================
def _point_subs(state: Family, x: Sequence[Any]) -> dict[sp.Symbol, sp.Expr]:
    return dict(zip(state.point_symbols(), x, strict=True))


def density_hp(state: Family, x: Sequence[Any]) -> sp.Float:
    """:math:`f(x)` from the SymPy expression at :data:`DIGITS` digits (exact inputs kept)."""
    pts = [v if isinstance(v, sp.Basic) else sp.Float(repr(float(v)), DIGITS) for v in x]
    value = state.density().subs(_point_subs(state, pts))
    return sp.N(value, DIGITS)


def _unit(v: Sequence[float]) -> np.ndarray:
    x = np.asarray(v, dtype=float)
    n = np.linalg.norm(x)
    return x / n if n > 0 else np.eye(len(x))[0]


def _cov(state: Family) -> np.ndarray:
    """The covariance matrix as floats (``Family.covariance``)."""
    return np.array(state.covariance(), dtype=float)


def _support_union(mixture: LatentMixture) -> np.ndarray:
    """The union of the states' supports (discrete laws), sorted rows."""
    return np.unique(np.concatenate([s.support_points() for s in mixture.states]), axis=0)


# =========================================================================================
# 1. the optimal estimator is optimal
# =========================================================================================
def expected_loss(mixture: LatentMixture, loss: Any, s: Sequence[float]) -> float:
    r""":math:`E\,\ell(s, A) = \sum_i p_i E_i\,\ell(s, A)` without Monte Carlo.

    Discrete states: the finite sum over the support (``support_table``). Quadratic losses
    (:meth:`~hallbound.symbolic.losses.Loss.quadratic_weight` :math:`W`) on continuous laws in
    d > 1: :math:`(s-\mu_i)^\top W(s-\mu_i) + \operatorname{tr}(W\operatorname{Cov}_i)`.
    Otherwise (separable losses on continuous laws): per coordinate, adaptive quadrature of
    :math:`\ell_j(s_j, a_j) f_{ij}(a_j)` over the marginal, split at :math:`s_j`, the mean and
    the support's ends.
    """
    s = np.asarray(s, dtype=float).reshape(-1)
    dim = mixture.dim
    ell = loss.numeric(dim)
    total = []
    for w, state in zip(mixture.weight_vector(), mixture.states, strict=True):
        W = None if state.discrete or dim == 1 else loss.quadratic_weight(dim)
        if state.discrete:
            pts, masses = state.support_table()
            vals = [float(ell(*s, *x)) for x in pts]
            total.append(w * math.fsum(m * v for m, v in zip(masses, vals, strict=True)))
        elif W is not None:
            diff = s - state.mean_vector()
            total.append(w * (diff @ W @ diff + np.trace(W @ _cov(state))))
        else:
            total.append(w * _separable_loss(state, loss, s))
    return math.fsum(total)


def _separable_loss(state: Family, loss: Any, s: np.ndarray) -> float:
    parts = []
    means = state.mean_vector()
    for j in range(state.dim):
        law = state.marginal(j)
        ell1 = loss.coordinate_loss(j)
        lo, hi = (float(x) for x in law.support())
        pdf = _pdf_callable(law)
        cuts = sorted(c for c in {lo, hi, float(s[j]), float(means[j])} if lo <= c <= hi)
        for a, b in zip(cuts[:-1], cuts[1:], strict=False):
            if b <= a:
                continue
            val, _ = scipy.integrate.quad(
                lambda x, sj=float(s[j]), pdf=pdf, ell1=ell1: float(ell1(sj, x)) * pdf(x),
                a,
                b,
                epsabs=1e-13,
                epsrel=1e-12,
                limit=400,
            )
            parts.append(val)
    return math.fsum(parts)


def _pdf_callable(law: Any) -> Callable[[float], float]:
    return lambda x: float(law.pdf(x))


def perturbed(mixture: LatentMixture, loss: Any, s_star: np.ndarray, v: Any, h: float):
    """A nearby estimate in the loss's domain (:meth:`~hallbound.symbolic.losses.Loss.perturb`)
    with scale :math:`\\sqrt{\\max_i \\operatorname{Var}_i / d}` (1 if not finite) and, for
    discrete laws, the union of the supports as candidates."""
    dim = mixture.dim
    scale = math.sqrt(max(float(sp.N(s.variance(), 15)) for s in mixture.states) / dim)
    if not math.isfinite(scale) or scale <= 0:
        scale = 1.0
    discrete = all(s.discrete for s in mixture.states)
    return loss.perturb(
        s_star,
        v,
        h,
        scale=scale,
        candidates=_support_union(mixture) if discrete else None,
        simplex=mixture.states[0].simplex,
    )


def check_optimal(mixture: LatentMixture, loss: Any, v: Any, h: float) -> str:
    """Property 1; returns a one-line summary."""
    from hallbound.numeric.estimators import optimal_estimate

    s_star = optimal_estimate(mixture, loss)
    s = perturbed(mixture, loss, s_star, v, h)
    e_star = expected_loss(mixture, loss, s_star)
    e_other = expected_loss(mixture, loss, s)
    tol = LOSS_TOLERANCE * (1 + abs(e_other))
    if not e_star <= e_other + tol:
        raise PropertyFailure(
            f"{loss.name}: E loss at optimal estimate {s_star.tolist()} is {e_star!r}, "
            f"larger than {e_other!r} at {np.asarray(s).tolist()}"
        )
    return f"{loss.name}: {e_star:.6g} <= {e_other:.6g}"


# =========================================================================================
# 2. symbolic and numeric agree
# =========================================================================================
def _close(a: float, b: float, rel: float = 1e-7, abs_: float = 1e-10) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= abs_ + rel * max(abs(a), abs(b))


def _num(expr: Any) -> float:
    value = sp.N(expr, 20)
    if value in (sp.oo, sp.zoo, sp.nan) or value == -sp.oo:
        return math.inf if value == sp.oo else math.nan
    return float(value)


def check_family_quantities(state: Family, u: float) -> None:
    r"""Property 2, family part: density, mean, variance, fourth moment, sup f.

    Numeric references, independent of the SymPy closed forms: discrete laws, exact sums over
    ``support_table`` (masses from ``scipy.stats``); 1-D densities, adaptive quadrature of
    ``scipy()``'s pdf (a moment the closed form calls infinite must be infinite for SciPy's
    ``stats`` too); d > 1 densities, a trapezoid rule on a grid in the whitened coordinates
    :math:`\mu + V\Lambda^{1/2} z`, :math:`z \in [-10, 10]^d` (:func:`_grid_reference`).
    """
    name = state.name
    mass = None
    if state.discrete:
        pts, masses = state.support_table()
        mean = np.sum(masses[:, None] * pts, axis=0)
        sq = np.sum((pts - mean) ** 2, axis=1)
        var, m4, sup = float(masses @ sq), float(masses @ sq**2), float(masses.max())
        k = int(u * 1e6) % len(pts)
        x = [sp.nsimplify(v) for v in pts[k]]
        ref_density = float(masses[k])
    elif state.dim > 1:
        mass, mean, var, m4, sup = _grid_reference(state)
        sd = np.array([float(state.marginal(j).std()) for j in range(state.dim)])
        x = list(state.mean_vector() + (u - 0.5) * sd)
        ref_density = float(state.scipy().pdf(np.asarray(x, dtype=float)))
    else:
        law = state.scipy()
        mean, var = _moments_by_quad(state, law)
        m4 = _fourth_central(state, law, float(mean[0]))
        sup = _numeric_sup(state, law)
        lo, hi = (float(v) for v in law.ppf([0.001, 0.999]))
        x = [lo + u * (hi - lo)]
        ref_density = float(law.pdf(x[0]))
    checks = [
        ("density", float(density_hp(state, x)), ref_density, 1e-9),
        ("total mass", 1.0 if mass is not None else None, mass, 1e-9),
        ("variance", _num(state.variance()), var, 1e-7),
        ("fourth central moment", _num(state.fourth_central_moment()), m4, 1e-6),
        ("sup density", _num(state.sup_density()), sup, 1e-7),
    ]
    sym_mean = state.mean_vector()
    if not np.allclose(sym_mean, mean, rtol=1e-9, atol=1e-10):
        raise PropertyFailure(f"{name}: mean {sym_mean.tolist()} != numeric {mean.tolist()}")
    for what, symbolic, numeric, rel in checks:
        if symbolic is None:
            continue
        if not _close(symbolic, numeric, rel):
            raise PropertyFailure(f"{name}: {what} symbolic {symbolic!r} != numeric {numeric!r}")


def _grid_reference(state: Family) -> tuple[float, np.ndarray, float, float, float]:
    r"""Total mass, mean, :math:`E\|A - m\|^2`, :math:`E\|A - m\|^4` and :math:`\sup f` of a
    d-dimensional density by the trapezoid rule on :math:`a = c + V\Lambda^{1/2} z`, with
    :math:`V\Lambda V^\top` the covariance (it only places the grid), :math:`c` the mean and
    :math:`z` on a grid of :math:`[-10, 10]^d` (81 points per axis in 2-D, fewer above);
    the sup is refined by L-BFGS-B from the best grid point. Spectrally accurate for smooth
    light-tailed densities; a heavy-tailed one would fail the comparison, not pass it."""
    dim = state.dim
    law = state.scipy()
    lam, vecs = np.linalg.eigh(_cov(state))
    root = np.sqrt(np.clip(lam, 1e-300, None))
    n = min(81, int(3e5 ** (1 / dim))) | 1
    z = np.linspace(-10.0, 10.0, n)
    grid = np.stack(np.meshgrid(*([z] * dim), indexing="ij"), axis=-1).reshape(-1, dim)
    pts = state.mean_vector() + (grid * root) @ vecs.T
    f = np.asarray(law.pdf(pts), dtype=float).reshape(-1)
    weights = f * (z[1] - z[0]) ** dim * float(np.prod(root))
    mass = math.fsum(weights)
    mean = weights @ pts / mass
    sq = np.sum((pts - mean) ** 2, axis=1)
    k = int(np.argmax(f))
    res = scipy.optimize.minimize(
        lambda y: -float(law.pdf(y)) / f[k], pts[k], method="L-BFGS-B", options={"gtol": 1e-12}
    )
    sup = max(float(f[k]), float(law.pdf(res.x)))
    return mass, mean, float(weights @ sq / mass), float(weights @ sq**2 / mass), sup


def _diverges(law: Any, moment: str) -> bool:
    """SciPy's ``stats`` says the moment (``"v"`` variance, ``"k"`` kurtosis) is infinite."""
    value = float(np.asarray(law.stats(moments=moment)))
    return math.isinf(value)


def _moments_by_quad(state: Family, law: Any) -> tuple[np.ndarray, float]:
    """Mean and variance by adaptive quadrature of ``law.pdf`` (split at the support's ends,
    the mean and the 0.001/0.999 quantiles); an infinite closed-form variance is checked
    against SciPy's ``stats`` instead."""
    mid = float(state.mean_vector()[0])
    m = _integral(law, lambda t: t, mid)
    if math.isinf(_num(state.variance())) and _diverges(law, "v"):
        return np.array([m]), math.inf
    return np.array([m]), _integral(law, lambda t: (t - m) ** 2, m)


def _integral(law: Any, g: Callable[[float], float], mid: float) -> float:
    r""":math:`\int g(t) f(t)\,dt` over the support, split at the ends, ``mid`` and the
    0.001/0.999 quantiles."""
    lo, hi = (float(v) for v in law.support())
    pdf = _pdf_callable(law)
    qs = [float(v) for v in law.ppf([1e-3, 1 - 1e-3])]
    cuts = sorted(c for c in {lo, hi, mid, *qs} if lo <= c <= hi)
    return math.fsum(
        scipy.integrate.quad(lambda t: g(t) * pdf(t), a, b, epsrel=1e-12, limit=400)[0]
        for a, b in zip(cuts[:-1], cuts[1:], strict=False)
        if b > a
    )


def _fourth_central(state: Family, law: Any, m: float) -> float:
    """:math:`E(A - m)^4` by quadrature; when the closed form is infinite, ``inf`` if SciPy's
    kurtosis is infinite too (else the quadrature value, which then disagrees)."""
    if math.isinf(_num(state.fourth_central_moment())) and _diverges(law, "k"):
        return math.inf
    return _integral(law, lambda t: (t - m) ** 4, m)


def _numeric_sup(state: Family, law: Any) -> float:
    lo, hi = (float(v) for v in law.ppf([1e-6, 1 - 1e-6]))
    grid = np.linspace(lo, hi, 20001)
    vals = np.asarray(law.pdf(grid), dtype=float)
    k = int(np.argmax(vals))
    a, b = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
    res = scipy.optimize.minimize_scalar(
        lambda t: -float(law.pdf(t)), bounds=(a, b), method="bounded", options={"xatol": 1e-12}
    )
    return max(float(vals.max()), float(-res.fun))


def _mixture_masses(mixture: LatentMixture) -> dict[tuple[float, ...], float]:
    r"""Support point :math:`\mapsto \sum_i p_i P_i(A = x)` from each state's ``support_table``."""
    out: dict[tuple[float, ...], float] = {}
    for w, state in zip(mixture.weight_vector(), mixture.states, strict=True):
        pts, masses = state.support_table()
        for x, mass in zip(pts, masses, strict=True):
            key = tuple(float(v) for v in x)
            out[key] = out.get(key, 0.0) + float(w) * float(mass)
    return out


def check_estimator(mixture: LatentMixture, loss: Any) -> None:
    """Property 2, estimator part: the derivation's result agrees with the numeric estimate.

    Mean-type estimators are compared with the derivation's closed form; quantiles and modes
    have a defining condition (F(s) = tau, argmax f), checked directly against SciPy laws
    (:data:`ESTIMATOR_CHECKS`, one check per estimator kind)."""
    from hallbound.numeric.estimators import optimal_estimate

    if loss.estimator not in ESTIMATOR_CHECKS:
        raise PropertyFailure(f"{loss.name}: no check for estimator kind {loss.estimator!r}")
    ESTIMATOR_CHECKS[loss.estimator](mixture, loss, optimal_estimate(mixture, loss))


def _check_mean(mixture: LatentMixture, loss: Any, numeric: np.ndarray) -> None:
    der = loss.derive(mixture)
    if der.result is None:
        raise PropertyFailure(f"{loss.name}: derivation has neither result nor condition")
    values = list(der.result) if hasattr(der.result, "shape") else [der.result]
    symbolic = np.array([_num(v) for v in values])
    if not np.allclose(symbolic, numeric, rtol=1e-10, atol=1e-12):
        raise PropertyFailure(
            f"{loss.name}: derived {symbolic.tolist()} != numeric {numeric.tolist()}"
        )


def _check_quantile(mixture: LatentMixture, loss: Any, numeric: np.ndarray) -> None:
    from hallbound.numeric.estimators import mixture_cdf

    tau = float(loss.quantile_level)
    for j in range(mixture.dim):
        F = mixture_cdf(mixture, j)
        s = float(numeric[j])
        below = float(F(np.nextafter(s, -np.inf) - 1e-9 * max(1, abs(s))))
        if not (float(F(s)) >= tau - 1e-9 and below <= tau + 1e-9):
            raise PropertyFailure(
                f"{loss.name}: numeric quantile {s} has F(s)={float(F(s))}, "
                f"F(s-)={below}, tau={tau}"
            )


def _check_mode(mixture: LatentMixture, loss: Any, numeric: np.ndarray) -> None:
    from hallbound.numeric.estimators import mixture_pdf

    if all(s.discrete for s in mixture.states):
        masses = _mixture_masses(mixture)  # from support_table, independent of mixture_pdf
        at = masses.get(tuple(float(x) for x in numeric), 0.0)
        best = max(masses.values())
        if at < best * (1 - 1e-9):
            raise PropertyFailure(
                f"{loss.name}: mode {numeric.tolist()} has mass {at} < the largest {best}"
            )
        return
    pdf = mixture_pdf(mixture)
    at = float(pdf(numeric.reshape(1, -1))[0])
    cands = np.array([s.mean_vector() for s in mixture.states])
    best = float(pdf(cands).max())
    if at < best * (1 - 1e-9):
        raise PropertyFailure(f"{loss.name}: mode {numeric.tolist()} has f={at} < {best}")


#: The check of a numeric optimum per estimator kind (:attr:`Loss.estimator`).
ESTIMATOR_CHECKS: dict[str, Callable[[LatentMixture, Any, np.ndarray], None]] = {
    "mean": _check_mean,
    "law": _check_mean,
    "quantile": _check_quantile,
    "mode": _check_mode,
}


# =========================================================================================
# 3. the covering radius covers and is minimal
# =========================================================================================
def check_covering(state: Family, delta: float, directions: Sequence[Sequence[float]]) -> str:
    """Property 3 for one state at level ``delta``; returns a summary."""
    d = sp.Rational(repr(float(delta))) if not isinstance(delta, sp.Basic) else delta
    r = float(sp.N(state.covering_radius(d), 30))
    ls = state.level_set(d)
    center = state.mean_vector()
    spread = math.sqrt(max(float(sp.N(state.variance(), 15)), 1e-12))
    if not math.isfinite(spread):
        spread = 1.0
    empty = ls.is_empty()
    # covers: sampled points with f > delta lie within r
    points = _probe_points(state, center, r, spread, directions)
    for x in points:
        f = state.pdf(x)
        if f > float(delta) * (1 + 1e-9) and np.linalg.norm(x - center) > r * (1 + 1e-9) + 1e-12:
            raise PropertyFailure(
                f"{state!r}: point {x.tolist()} has f={f!r} > delta={delta} but lies at "
                f"distance {np.linalg.norm(x - center)!r} > r={r!r}"
            )
    if empty:
        if r != 0:
            raise PropertyFailure(f"{state!r}: U^delta empty at delta={delta} but r={r}")
        return f"empty U at delta={delta}"
    # minimal: a point of U^delta at distance >= r (1 - 1e-9)
    witness = _far_point(state, ls, center, d)
    fw = density_hp(state, witness)
    dist = float(sp.N(sp.sqrt(sum((w - c) ** 2 for w, c in zip(witness, center, strict=True))), 30))
    if not (fw > d and dist >= r * (1 - 1e-9)):
        raise PropertyFailure(
            f"{state!r}: no point of U^delta found at distance >= r(1-1e-9): farthest "
            f"candidate {[float(w) for w in witness]} at {dist!r} (r={r!r}) has f={fw} "
            f"(delta={delta})"
        )
    return f"r={r:.6g}, witness at {dist:.6g}"


def _probe_points(
    state: Family, center: np.ndarray, r: float, spread: float, directions: Sequence[Any]
) -> list[np.ndarray]:
    if state.discrete:
        return list(state.support_points())
    pts = []
    for u in directions:
        v = _unit(np.asarray(u, dtype=float)[: state.dim])
        for t in (0.25, 0.5, 0.9, 0.999, 1.0 + 1e-6, 1.01, 1.5, 3.0):
            pts.append(center + t * r * v)
        for t in (0.5, 1.0, 2.0, 5.0):
            pts.append(center + t * spread * v)
    return pts


def _far_point(state: Family, ls: Any, center: np.ndarray, delta: sp.Expr) -> list[sp.Expr]:
    """The point of :math:`U^\\delta` farthest from the mean, moved inward by 1e-11 (exact;
    :meth:`~hallbound.symbolic.families.level_set.LevelSet.far_point`)."""
    return ls.far_point(center, DIGITS)


# =========================================================================================
# 4. optimal estimators never beat a valid bound
# =========================================================================================
@dataclass
class BoundOutcome:
    """The Monte Carlo rate and the bounds compared with its upper limit."""

    count: int
    n: int
    upper: float
    bounds: dict[str, float] = field(default_factory=dict)


def mc_upper_limit(
    mixture: LatentMixture, laws: Sequence[Any], delta: float, n: int, seed: int
) -> tuple[int, float]:
    """Hallucinations among ``n`` draws and the Clopper-Pearson upper limit at BOUND_LEVEL."""
    from hallbound.numeric.intervals import clopper_pearson

    count = mc_count(mixture, laws, delta, n, seed)
    return count, clopper_pearson(count, n, BOUND_LEVEL)[1]


def mc_count(mixture: LatentMixture, laws: Sequence[Any], delta: float, n: int, seed: int) -> int:
    r"""Draws (of ``n``) where the squared-loss optimum :math:`\sum_i p_i\mu_i` hallucinates.

    The NumPy reference of the Monte Carlo kernel,
    :func:`hallbound.numeric.montecarlo.numpy_count`, on the kernel's streams: the same
    count as the compiled kernel (``hallbound rate``) with this ``seed``.
    """
    from hallbound.numeric.montecarlo import RateProblem, numpy_count

    return numpy_count(RateProblem.from_mixture(mixture, laws, delta), n, seed)


def paper_theorem61_bound(mixture: LatentMixture, laws: Sequence[Any], delta: float) -> float:
    r"""Theorem 6.1 as stated: :math:`\prod_i P_i K_i` (NaN when its hypothesis fails)."""
    from hallbound.numeric.theorem61 import covering_radius_max, laws_bound

    r_x = covering_radius_max(mixture, delta)
    return float(laws_bound(mixture.weight_vector(), laws, r_x).product)


def union_bound(mixture: LatentMixture, laws: Sequence[Any], delta: float) -> float:
    """Claim ``Theorem 6.1 (corrected)``: the union bound of ``numeric.bounds``."""
    from hallbound.numeric.bounds import union_bound_from_laws

    if mixture.size < 2:  # the claim is stated for N >= 2
        return math.nan
    return union_bound_from_laws(mixture.weight_vector(), mixture.covering_radii(delta), laws)


def refined_bound(mixture: LatentMixture, laws: Sequence[Any], delta: float) -> float:
    """Claims ``Theorem 6.1 (refined: ...)``: ``numeric.bounds_refined.refined_bound``."""
    from hallbound.numeric.bounds_refined import refined_bound as best

    if mixture.size < 2:
        return math.nan
    scale = np.array([law.scale_vector() for law in laws])
    radii = np.asarray(mixture.covering_radii(delta), dtype=float)
    return float(best(mixture.weight_vector(), radii, scale, [law.kind for law in laws]).value)


def checker_bounds() -> dict[str, Bound]:
    """The bounds whose claims the checker proves (``Theorem 6.1 (corrected)`` and
    ``Theorem 6.1 (refined: ...)``), by claim name."""
    return {
        "Theorem 6.1 (corrected): union bound": union_bound,
        "Theorem 6.1 (refined)": refined_bound,
    }


def check_bound(
    mixture: LatentMixture,
    laws: Sequence[Any],
    delta: float,
    bounds: dict[str, Bound],
    seed: int = 0,
    n: int = BOUND_DRAWS,
) -> BoundOutcome:
    """Property 4: every bound is at most the MC upper limit of :math:`P_H^\\delta`."""
    count, upper = mc_upper_limit(mixture, laws, delta, n, seed)
    out = BoundOutcome(count, n, upper)
    for name, bound in bounds.items():
        value = float(bound(mixture, laws, delta))
        out.bounds[name] = value
        if math.isfinite(value) and value > upper:
            raise PropertyFailure(
                f"bound {name} = {value!r} exceeds the Monte Carlo upper limit {upper!r} "
                f"of P_H (count {count} of {n}, level {BOUND_LEVEL}, seed {seed})"
            )
    return out


# =========================================================================================
# 5. predicate vs region form
# =========================================================================================
def check_predicate(mixture: LatentMixture, delta: float, points: Sequence[Sequence[float]]):
    """Property 5 at each point away from the boundary; returns how many were compared."""
    compared = 0
    for x in points:
        dens = mixture.state_densities(x)
        if any(abs(f - delta) <= 1e-9 * delta for f in dens):
            continue
        pred = mixture.hallucinates(x, delta)
        region = not mixture.in_hcdr(x, delta)
        if pred != region:
            raise PropertyFailure(
                f"at {list(map(float, x))}: Definition 4.2 says hallucinates={pred}, "
                f"Remark 6.1's region form says {region} (densities {dens}, delta={delta})"
            )
        compared += 1
    return compared


def predicate_points(mixture: LatentMixture, delta: float, offsets: Sequence[Any]) -> list:
    """Means (each state's location where it has no mean), the squared-loss estimate (when
    it exists), support points and offsets around the means."""
    means = [_centre(s) for s in mixture.states]
    pts = [*means]
    overall = mixture.mean_vector()
    if np.all(np.isfinite(overall)):
        pts.append(overall)
    for s in mixture.states:
        if s.discrete:
            pts.extend(s.support_points())
    for k, off in enumerate(offsets):
        base = means[k % len(means)]
        pts.append(base + np.asarray(off, dtype=float)[: mixture.dim])
    return pts


# =========================================================================================
# 6. same seed, same numbers
# =========================================================================================
def check_seed(mixture: LatentMixture, laws: Sequence[Any], delta: float, seed: int) -> None:
    """Property 6: two runs with one seed give identical samples and MC counts."""
    for i, state in enumerate(mixture.states):
        a = state.sample(np.random.default_rng(seed), 64)
        b = state.sample(np.random.default_rng(seed), 64)
        if not np.array_equal(a, b):
            raise PropertyFailure(f"state {i + 1}: two samples with seed {seed} differ")
    for i, law in enumerate(laws):
        if not np.array_equal(
            law.sample(np.random.default_rng(seed), 64), law.sample(np.random.default_rng(seed), 64)
        ):
            raise PropertyFailure(f"mean law {i + 1}: two samples with seed {seed} differ")
    has_mean = all(np.all(np.isfinite(s.mean_vector())) for s in mixture.states)
    if not mixture.states[0].simplex and has_mean:  # the kernel takes densities with a mean
        c1, c2 = (
            mc_count(mixture, laws, delta, 2000, seed),
            mc_count(mixture, laws, delta, 2000, seed),
        )
        if c1 != c2:
            raise PropertyFailure(f"Monte Carlo counts {c1} != {c2} with seed {seed}")


def _centre(state: Family) -> np.ndarray:
    """The state's mean, or its location parameter when the mean does not exist."""
    mean = state.mean_vector()
    if np.all(np.isfinite(mean)) or state.location_param() is None:
        return mean
    loc = state.location()
    values = list(loc) if isinstance(loc, sp.MatrixBase) else [loc]
    return np.array([float(sp.N(v, 17)) for v in values], dtype=float)

