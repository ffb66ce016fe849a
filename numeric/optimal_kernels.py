r"""Compiled Bayes-optimal estimators for the Monte Carlo kernel (continuous families).

The Monte Carlo draw moves every state to a drawn location :math:`\mu_i`; the kernel then
needs the loss's optimal estimate of the moved mixture :math:`\sum_i p_i f_i(\cdot;\mu_i)`.
The mean (squared, Bregman, Brier, cross-entropy) is a weighted sum and needs nothing here.
This module generates, from the families' SymPy expressions (printed by
:mod:`hallbound.numeric.compile`, never re-typed), njit functions ``optimal{j}(ms)`` of the
tuple of the states' location coordinates j, for the two other kinds:

* **quantile** (``absolute``: :math:`\tau = 1/2`; ``pinball``): the lower quantile
  :math:`\inf\{s : F(s) \ge \tau - \epsilon\}`, :math:`F = \sum_i p_i F_i(s; \mu_i)` from each
  family's CDF (per coordinate: the marginal CDFs; :math:`F_i'` by SymPy differentiation),
  :math:`\epsilon` = :data:`~hallbound.numeric.estimators.CDF_TOLERANCE` (as the Python
  path). The bracket :math:`[\min_i q_i, \max_i q_i]`,
  :math:`q_i = \mu_i + F_{i,0}^{-1}(\tau)`, holds the root because :math:`F` is a convex
  combination of the :math:`F_i` (widened if rounding says
  otherwise); inside it, Newton steps on :math:`F - \tau` with :math:`F' = \sum_i p_i f_i`,
  replaced by bisection whenever a step leaves the bracket (and after 60 steps), until the
  bracket is shorter than :data:`TOL` :math:`\cdot\max(1, |s|)` (a converged Newton iterate
  is nudged by half that across the root to close the bracket); the upper end (where the
  predicate holds) is returned, so flat stretches of :math:`F` give the smallest root.
* **mode** (``zero_one``): :math:`\arg\max_s \sum_i p_i f_i(s;\mu_i)`. A safeguarded Newton
  ascent (Newton on :math:`f' = 0` where :math:`f'' < 0`, else a gradient step of length
  ``h``; every step halved until :math:`f` does not decrease or, in a concave stretch,
  :math:`|f'|` decreases: values alone are flat to rounding near a maximum) runs from each
  state's mode :math:`\mu_i + m_i` and from the mixture mean, until a step is below
  :data:`TOL` :math:`\cdot\max(1, |s|)`. Fallback: :data:`GRID` points across the union of the
  states' ranges (each state's :math:`[F^{-1}(10^{-10}), F^{-1}(1 - 10^{-10})]`, the Python
  path's range); any grid point above the best value found restarts the ascent there. The
  derivatives :math:`f', f''` are SymPy derivatives of the density (Dirac terms of
  :math:`|x|` dropped: the a.e. derivative; kinks are caught by starting at the modes).
  In d > 1 (``optimal_nd``): the same ascent with the SymPy gradient and Hessian (a Newton
  step where the Hessian is negative definite, else a gradient step), from the same starts as
  the Python path's multi-start L-BFGS-B (each state's mode and the mixture mean), no grid.

Agreement with the Python path (:func:`hallbound.numeric.estimators.optimal_estimate`):
quantiles agree to about ``1e-12`` (both solve the same predicate; the Python path bisects to
float resolution on scipy's CDFs, this one stops at :data:`TOL`). Modes of smooth densities
agree to about ``1e-8``: the Python path's bounded Brent search (L-BFGS-B in d > 1) sees
only function values, flat to rounding within :math:`\sqrt{\epsilon}` of a maximum; Newton
on :math:`f'` is more accurate. A draw is counted differently only when some
:math:`f_i(s^*)` lies within that distance times :math:`|f_i'|` of :math:`\delta`, or two
modes are equally high to that accuracy: events of probability of that order per draw.

Supported: continuous families; quantiles, per coordinate in any dimension, need a
closed-form (marginal) CDF
(:meth:`~hallbound.symbolic.families.base.Family.marginal_cdf_expression`: Normal in d
dimensions, Laplace, Uniform; not Student-t, whose CDF is an incomplete beta function); modes
need a density without ``Piecewise`` (not Uniform, whose mixture mode is not unique).
Anything else keeps the Python path (:func:`unsupported_reason` says why).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.numeric.estimators import CDF_TOLERANCE
from hallbound.symbolic.values import to_float

#: Relative length (times ``max(1, |s|)``) at which root finding and ascent stop.
TOL = 1e-12
#: Grid points of the mode fallback.
GRID = 32
#: Tail mass outside each state's range (the Python path's ``TAIL``).
TAIL = 1e-10


def estimator_kind(problem: Any) -> str:
    """``mean``, ``quantile`` or ``mode``: the kind of the problem's optimal estimate."""
    from hallbound.symbolic.losses import make_loss

    kind = make_loss(problem.loss, **dict(problem.loss_options)).estimator
    return _SAME_KERNEL.get(kind, kind)


#: Estimator kinds computed by another kind's kernel (a law is the mean of one-hot outcomes).
_SAME_KERNEL = {"law": "mean"}


def quantile_level(problem: Any) -> float:
    r""":math:`\tau` of a quantile loss."""
    from hallbound.symbolic.losses import make_loss

    return float(make_loss(problem.loss, **dict(problem.loss_options)).quantile_level)


def unsupported_reason(problem: Any) -> str | None:
    """Why ``problem``'s optimal estimate has no compiled kernel, or None when it has one
    (:data:`_KERNELS`: the mean needs none; quantiles and modes are searched)."""
    kind = estimator_kind(problem)
    if kind not in _KERNELS:
        return f"no compiled estimator of kind {kind!r}"
    reason, _ = _KERNELS[kind]
    if reason is None:
        return None
    if not problem.states:
        return "the problem carries no states"
    if any(getattr(s, "discrete", False) for s in problem.states):
        return "discrete families keep the Python estimator"
    try:
        return reason(problem)
    except NotImplementedError as err:
        return str(err)


def _quantile_reason(problem: Any) -> str | None:
    """None when every coordinate's CDF is concrete (``_cdfs`` raises otherwise)."""
    for j in range(problem.dim):
        _cdfs(problem, j)
    return None


def _mode_reason(problem: Any) -> str | None:
    for i, f in enumerate(problem.densities):
        if f.has(sp.Piecewise):
            return f"state {i}: the density is piecewise (the mode is not unique)"
    return None


def _cdfs(problem: Any, coord: int = 0) -> list[sp.Expr]:
    r""":math:`F_{i,j}(a_j; \mu_j)`, coordinate j's CDF of each moved state, in the problem's
    ``point[j]`` and ``location[j]`` symbols."""
    a, m = problem.point[coord], problem.location[coord]
    loc = problem.location[0] if problem.dim == 1 else sp.Matrix(problem.location)
    out = []
    for state in problem.states:
        moved = state.shifted(loc)
        expr = moved.marginal_cdf_expression(coord).xreplace(
            dict(zip(moved.point_symbols(), problem.point, strict=True))
        )
        if expr.free_symbols - {a, m}:
            raise NotImplementedError(f"{state.name}: the CDF has free parameters")
        out.append(expr)
    return out


def _printed(exprs: list[sp.Expr], args: tuple, name: str) -> str:
    """``def name(x0, x1): ... return (e_0, e_1, ...)`` with common subexpressions shared."""
    from hallbound.numeric.compile import expression_source

    replacements, reduced = sp.cse(exprs, symbols=sp.numbered_symbols("t_"))
    symbols = [s for s, _ in replacements]
    lines = [f"def {name}({', '.join(f'x{k}' for k in range(len(args)))}):"]
    all_args = (*args, *symbols)
    for sym, value in replacements:
        body = expression_source(value, all_args, "_").splitlines()[1].strip()[len("return ") :]
        lines.append(f"    {_rename(sym, all_args)} = {body}")
    outs = [
        expression_source(e, all_args, "_").splitlines()[1].strip()[len("return ") :]
        for e in reduced
    ]
    lines.append(f"    return {_tuple(outs)}")
    return "\n".join(lines) + "\n"


def _rename(sym: sp.Symbol, all_args: tuple) -> str:
    return f"x{all_args.index(sym)}"


def _drop_dirac(expr: sp.Expr) -> sp.Expr:
    """The a.e. derivative: Dirac terms (from derivatives of ``|x|``, ``sign``) set to 0."""
    return expr.replace(lambda e: isinstance(e, sp.DiracDelta), lambda e: sp.S.Zero)


def _offsets(problem: Any, q: float, coord: int = 0) -> list[float]:
    """Per state, :math:`F_{i,j}^{-1}(q)`: coordinate j's quantile of the state moved to 0."""
    from hallbound.numeric.estimators import _marginal

    zero = 0 if problem.dim == 1 else [0] * problem.dim
    return [float(_marginal(s.shifted(zero), coord).ppf(q)) for s in problem.states]


def _mode_offsets(problem: Any) -> list[Any]:
    """Per state, its mode at location 0 (the Python path's own estimate of that state): a
    float (d = 1) or a vector."""
    from hallbound.numeric.estimators import mixture_mode
    from hallbound.symbolic.mixture import LatentMixture

    zero = 0 if problem.dim == 1 else [0] * problem.dim
    modes = [mixture_mode(LatentMixture([1], [s.shifted(zero)])) for s in problem.states]
    return [float(m[0]) for m in modes] if problem.dim == 1 else modes


def _tuple(values: list[str]) -> str:
    return "(" + ", ".join(values) + ("," if len(values) == 1 else "") + ")"


def _quantile_parts(problem: Any, j: int, tau: float, weights: list[str]) -> list[str]:
    """Source of ``optimal{j}(ms)``: coordinate j's lower tau-quantile of the moved mixture
    (the density :math:`F'` is the SymPy derivative of the CDF)."""
    a, m = problem.point[j], problem.location[j]
    n = problem.size
    parts = []
    for i, F in enumerate(_cdfs(problem, j)):
        f = _drop_dirac(sp.diff(F, a))
        parts.append(_printed([F, f], (a, m), f"_cdf{j}_{i}"))
        parts.append(f"cdf{j}_{i} = njit(cache=True, nogil=True, inline='always')(_cdf{j}_{i})\n")
    mix = ["@njit(cache=True, nogil=True, inline='always')", f"def mix{j}(x, ms):"]
    mix += ["    F = 0.0", "    f = 0.0"]
    for i in range(n):
        mix += [
            f"    Fi, fi = cdf{j}_{i}(x, ms[{i}])",
            f"    F += {weights[i]} * Fi",
            f"    f += {weights[i]} * fi",
        ]
    mix.append("    return F, f\n")
    parts.append("\n".join(mix))
    q = _offsets(problem, tau, j)
    ends = ", ".join(f"ms[{i}] + {q[i]!r}" for i in range(n))
    body = _QUANTILE.format(
        tau=repr(tau),
        level=repr(tau - CDF_TOLERANCE),
        lo=f"min(({ends}))",
        hi=f"max(({ends}))",
        tol=TOL,
    )
    parts.append(body.replace("mix(", f"mix{j}(").replace("def optimal(", f"def optimal{j}("))
    return parts


def _mode_nd_parts(problem: Any, weights: list[str]) -> list[str]:
    """Source of ``optimal_nd(ms)`` (``ms``: N tuples of d location coordinates): the mode in
    d > 1 by Newton ascent (gradient and Hessian by SymPy) from each state's mode and the
    mixture mean, the starts of the Python path's multi-start search."""
    d, n = problem.dim, problem.size
    point, location = problem.point, problem.location
    pairs = [(j, k) for j in range(d) for k in range(j, d)]
    parts = []
    for i, f in enumerate(problem.densities):
        grad = [_drop_dirac(sp.diff(f, a)) for a in point]
        hess = [_drop_dirac(sp.diff(grad[j], point[k])) for j, k in pairs]
        parts.append(_printed([f, *grad, *hess], (*point, *location), f"_pdf{i}"))
        parts.append(f"pdf{i} = njit(cache=True, nogil=True, inline='always')(_pdf{i})\n")
    xs = ", ".join(f"x[{j}]" for j in range(d))
    mix = ["@njit(cache=True, nogil=True, inline='always')", "def mixnd(x, ms):"]
    mix += ["    f = 0.0", f"    g = np.zeros({d})", f"    H = np.zeros(({d}, {d}))"]
    for i in range(n):
        ms = ", ".join(f"ms[{i}][{j}]" for j in range(d))
        mix.append(f"    r = pdf{i}({xs}, {ms})")
        mix.append(f"    f += {weights[i]} * r[0]")
        mix += [f"    g[{j}] += {weights[i]} * r[{1 + j}]" for j in range(d)]
        mix += [
            f"    H[{j}, {k}] += {weights[i]} * r[{1 + d + q}]" for q, (j, k) in enumerate(pairs)
        ]
    mix += [f"    H[{k}, {j}] = H[{j}, {k}]" for j, k in pairs if j != k]
    mix.append("    return f, g, H\n")
    parts.append("\n".join(mix))
    modes = _mode_offsets(problem)
    spread = [math.sqrt(to_float(s.variance())) for s in problem.states]
    starts = []
    for i in range(n):
        coords = ", ".join(f"ms[{i}][{j}] + {float(modes[i][j])!r}" for j in range(d))
        starts.append(f"    x, f = ascend_nd(np.array(({coords})), ms)")
    mean = ", ".join(" + ".join(f"{weights[i]} * ms[{i}][{j}]" for i in range(n)) for j in range(d))
    starts.append(f"    x, f = ascend_nd(np.array(({mean})), ms)")
    body = "\n".join(
        line + "\n    if f > best_f:\n        best_x, best_f = x, f" for line in starts
    )
    parts.append(_MODE_ND.format(step=repr(0.25 * min(spread)), tol=TOL, d=d, starts=body.lstrip()))
    return parts


def estimator_source(problem: Any) -> str:
    """The generated numba source defining ``optimal{j}(ms)`` for each coordinate j
    (``ms``: the states' j-th location coordinates) for ``problem``."""
    reason = unsupported_reason(problem)
    if reason is not None:
        raise InputError("loss", f"{problem.loss}: {reason}")
    _, source = _KERNELS[estimator_kind(problem)]
    if source is None:
        raise InputError("loss", f"{problem.loss}: the mean needs no generated estimator")
    return "\n\n".join(source(problem, [repr(float(w)) for w in problem.weights]))


def _quantile_source(problem: Any, weights: list[str]) -> list[str]:
    """The parts of the quantile kernel, one ``optimal{j}`` per coordinate."""
    tau = quantile_level(problem)
    parts: list[str] = []
    for j in range(problem.dim):
        parts += _quantile_parts(problem, j, tau, weights)
    return parts


def _mode_source(problem: Any, weights: list[str]) -> list[str]:
    """The parts of the mode kernel (a joint search in d > 1 dimensions)."""
    if problem.dim > 1:
        return _mode_nd_parts(problem, weights)
    a, m = problem.point[0], problem.location[0]
    n = problem.size
    parts = []
    for i, f in enumerate(problem.densities):
        d1 = _drop_dirac(sp.diff(f, a))
        d2 = _drop_dirac(sp.diff(d1, a))
        parts.append(_printed([f, d1, d2], (a, m), f"_pdf{i}"))
        parts.append(f"pdf{i} = njit(cache=True, nogil=True, inline='always')(_pdf{i})\n")
    mix = ["@njit(cache=True, nogil=True, inline='always')", "def mix(x, ms):"]
    mix += ["    f = 0.0", "    g = 0.0", "    c = 0.0"]
    for i in range(n):
        mix += [
            f"    fi, gi, ci = pdf{i}(x, ms[{i}])",
            f"    f += {weights[i]} * fi",
            f"    g += {weights[i]} * gi",
            f"    c += {weights[i]} * ci",
        ]
    mix.append("    return f, g, c\n")
    parts.append("\n".join(mix))
    dens = ["@njit(cache=True, nogil=True, inline='always')", "def mixf(x, ms):"]
    dens.append(
        "    return " + " + ".join(f"{weights[i]} * pdf{i}(x, ms[{i}])[0]" for i in range(n))
    )
    parts.append("\n".join(dens) + "\n")
    modes = _mode_offsets(problem)
    lo, hi = _offsets(problem, TAIL), _offsets(problem, 1 - TAIL)
    iqr = [b - c for b, c in zip(_offsets(problem, 0.75), _offsets(problem, 0.25), strict=True)]
    step = 0.5 * min(iqr)
    if not (np.isfinite(step) and step > 0):
        raise InputError("family", "cannot size the mode search (no finite quartiles)")
    starts = [f"ms[{i}] + {modes[i]!r}" for i in range(n)]
    starts.append(" + ".join(f"{weights[i]} * ms[{i}]" for i in range(n)))
    parts.append(
        _MODE.format(
            starts=_tuple(starts),
            glo="min((" + ", ".join(f"ms[{i}] + {lo[i]!r}" for i in range(n)) + "))",
            ghi="max((" + ", ".join(f"ms[{i}] + {hi[i]!r}" for i in range(n)) + "))",
            step=repr(step),
            tol=TOL,
            grid=GRID,
        )
    )
    return parts


#: Per estimator kind: (why a problem has no kernel, or None: it needs none; the kernel's
#: source parts, or None). A new kind adds one row.
_KERNELS: dict[str, tuple[Callable[[Any], str | None] | None,
                          Callable[[Any, list[str]], list[str]] | None]] = {
    "mean": (None, None),
    "quantile": (_quantile_reason, _quantile_source),
    "mode": (_mode_reason, _mode_source),
}


_QUANTILE = """
@njit(cache=True, nogil=True)
def optimal(ms):
    tau = {tau}
    level = {level}
    lo = {lo}
    hi = {hi}
    step = max(1.0, hi - lo)
    for _ in range(2000):
        F, f = mix(lo, ms)
        if F < level:
            break
        lo -= step
        step *= 2.0
    step = max(1.0, hi - lo)
    for _ in range(2000):
        F, f = mix(hi, ms)
        if F >= level:
            break
        hi += step
        step *= 2.0
    x = 0.5 * (lo + hi)
    for k in range(400):
        F, f = mix(x, ms)
        if F >= level:
            hi = x
        else:
            lo = x
        tol = {tol} * max(1.0, abs(hi))
        if hi - lo <= tol:
            break
        xn = 0.5 * (lo + hi)
        if k < 60 and f > 0.0:
            xn = x - (F - tau) / f
            if abs(xn - x) < 0.5 * tol:
                xn = x - 0.5 * tol if x == hi else x + 0.5 * tol
            if not (lo < xn < hi):
                xn = 0.5 * (lo + hi)
        x = xn
    return hi
"""

_MODE = """
@njit(cache=True, nogil=True, inline='always')
def ascend(x, ms):
    f, g, c = mix(x, ms)
    for _ in range(200):
        if g == 0.0:
            break
        if c < 0.0:
            step = -g / c
        else:
            step = {step} if g > 0.0 else -{step}
        accepted = False
        for _ in range(80):
            xn = x + step
            fn, gn, cn = mix(xn, ms)
            if fn >= f or (c < 0.0 and cn < 0.0 and abs(gn) < abs(g)):
                accepted = True
                break
            step *= 0.5
        if not accepted:
            break
        moved = abs(xn - x)
        x, f, g, c = xn, fn, gn, cn
        if moved <= {tol} * max(1.0, abs(x)):
            break
    return x, f


@njit(cache=True, nogil=True)
def optimal0(ms):
    best_x = 0.0
    best_f = -1.0
    for s in {starts}:
        x, f = ascend(s, ms)
        if f > best_f:
            best_x, best_f = x, f
    glo = {glo}
    ghi = {ghi}
    for k in range({grid}):
        s = glo + (ghi - glo) * k / ({grid} - 1)
        if mixf(s, ms) > best_f:
            x, f = ascend(s, ms)
            if f > best_f:
                best_x, best_f = x, f
    return best_x
"""

_MODE_ND = """
@njit(cache=True, nogil=True)
def ascend_nd(x, ms):
    f, g, H = mixnd(x, ms)
    for _ in range(200):
        size = np.sqrt(np.sum(g * g))
        if size == 0.0:
            break
        newton = np.linalg.eigvalsh(H).max() < 0.0
        if newton:
            step = np.linalg.solve(H, -g)
        else:
            step = ({step} / size) * g
        accepted = False
        for _ in range(80):
            xn = x + step
            fn, gn, Hn = mixnd(xn, ms)
            if fn >= f:
                accepted = True
                break
            if newton and np.sqrt(np.sum(gn * gn)) < size and np.linalg.eigvalsh(Hn).max() < 0.0:
                accepted = True
                break
            step = 0.5 * step
        if not accepted:
            break
        moved = np.sqrt(np.sum((xn - x) ** 2))
        x, f, g, H = xn, fn, gn, Hn
        if moved <= {tol} * max(1.0, np.sqrt(np.sum(x * x))):
            break
    return x, f


@njit(cache=True, nogil=True)
def optimal_nd(ms):
    best_x = np.zeros({d})
    best_f = -1.0
    {starts}
    return best_x
"""


__all__ = [
    "GRID",
    "TOL",
    "estimator_kind",
    "estimator_source",
    "unsupported_reason",
]
