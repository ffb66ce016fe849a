r"""A proved lower bound on the hallucination probability :math:`P_H^\delta` in the setting of
Theorem 6.1: the union bound over the states (claim ``Theorem 6.1 (corrected)``).

With :math:`A^* = \sum_j p_j\mu_j` and :math:`W_i := A^* - \mu_i = \sum_j c_{ij}\mu_j`,
:math:`c_{ij} = p_j - [i=j]` (so :math:`\sum_j c_{ij} = 0` and :math:`W_i` does not depend on
:math:`\mu_0`), and :math:`U_i^\delta \subset \bar B(\mu_i, r_i)` (Definition 6.3):

.. math::

    P_H^\delta \;\ge\; 1 - \sum_i \Pr[\|W_i\| \le r_i]
    \;\ge\; 1 - \sum_i \min\Big(1,\; V_d\, r_i^d \min_{j:\,c_{ij}\ne 0}
    \frac{G_j}{|c_{ij}|^d}\Big),

:math:`V_d = \pi^{d/2}/\Gamma(d/2+1)`, :math:`G_j = \sup` of the density of
:math:`\mu_j - \mu_0` (the density of a sum of independent terms is at most that of any one
of them). For Normal mean laws :math:`W_i \sim N(0, \mathrm{diag}(v_{ik}))`,
:math:`v_{ik} = \sum_j c_{ij}^2 s_{jk}^2`, and the term is at most
:math:`F_{\chi^2_d}(r_i^2/\min_k v_{ik})` (exact for isotropic scales); the smaller of the two
terms is used.

Supported mean laws (``hallbound.symbolic.mean_laws`` kinds, :math:`\mu_j = \mu_0 + s\odot \xi`):
:math:`G = \prod_k \sup f_\xi / s_k` with :math:`\sup f_\xi` from :func:`standard_sup` (``normal``
:math:`(2\pi)^{-1/2}`, ``uniform`` and ``laplace`` :math:`1/2`); ``two-point`` laws have no density:
the density term is 1 (no information). The term itself is evaluated by
:func:`hallbound.symbolic.union_bound.log_term`, generated from the expression the claim
checks: nothing of the formula is typed here. The claim checks what this module reads:
:func:`standard_sup` against each law's density and its draws (steps ``U0``, ``U0d``) and the
evaluated expression against the proved term (step ``U7a``). Both are read when called (a changed
source changes the bound and the claim together). Requires location families (deterministic
:math:`r_i`) and the independence of the :math:`\mu_j` (Assumption 6.1).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic import mean_laws
from hallbound.symbolic.union_bound import log_term


def standard_sup(kind: str) -> sp.Expr:
    r""":math:`\sup f_\xi` of one standard coordinate of ``kind`` (exact; :math:`\infty`
    without a density): :func:`~hallbound.symbolic.mean_laws.standard_sup_density` of the
    registered kind, the value the bound uses and the claim's steps ``U0``/``U0d`` check."""
    return mean_laws.standard_sup_density(mean_laws.law_kind(kind, "kind").name)


def log_sup_standard(kind: str) -> float:
    r""":math:`\log` of :func:`standard_sup` (:math:`+\infty` without a density)."""
    g = standard_sup(kind)
    return math.inf if g == sp.oo else float(sp.log(g))


def ball_volume(d: int) -> float:
    r""":math:`V_d = \pi^{d/2} / \Gamma(d/2 + 1)`: the claim's term at :math:`r = G = |c| = 1`."""
    return math.exp(float(log_term()(d, 1.0, 0.0, 0.0)))


def coefficients(p: np.ndarray) -> np.ndarray:
    r""":math:`c_{ij} = p_j - [i=j]`, shape ``(..., N, N)``."""
    p = np.asarray(p, dtype=float)
    n = p.shape[-1]
    return p[..., None, :] - np.eye(n)


def _check(p: np.ndarray, r: np.ndarray, scale: np.ndarray, kinds: Sequence[str]) -> None:
    if p.ndim < 1 or p.shape[-1] < 2:
        raise InputError("p", "needs at least two weights (last axis)")
    if np.any(~np.isfinite(p)) or np.any(p < 0) or np.any(np.abs(p.sum(-1) - 1) > 1e-9):
        raise InputError("p", "weights must be finite, >= 0 and sum to 1")
    if np.any(~np.isfinite(r)) or np.any(r < 0):
        raise InputError("r", "radii must be finite and >= 0")
    if np.any(~np.isfinite(scale)) or np.any(scale <= 0):
        raise InputError("scale", "scales must be finite and > 0")
    for k in kinds:  # looked up now: a kind registered after import counts
        mean_laws.law_kind(k, "kind")


def union_bound(
    p: Any,
    r: Any,
    scale: Any,
    kind: str | Sequence[str] = "normal",
    method: str = "best",
) -> np.ndarray:
    r"""Lower bound on :math:`P_H^\delta` (see the module doc), vectorised over leading axes.

    ``p``: weights, shape ``(..., N)``. ``r``: covering radii :math:`r_i`, shape ``(..., N)``
    (or broadcastable, e.g. a scalar :math:`r_x`). ``scale``: mean-law scales
    :math:`s_{jk}`, shape ``(..., N, d)``. ``kind``: one mean-law kind, or one per state.
    ``method``: ``"density"`` (any supported kind), ``"gaussian"`` (all ``normal``) or
    ``"best"`` (the smaller term of those that apply). Returns shape ``(...)``, clipped to
    :math:`[0, 1]`.
    """
    p = np.asarray(p, dtype=float)
    scale = np.asarray(scale, dtype=float)
    if scale.ndim < 2:
        raise InputError("scale", "must have shape (..., N, d)")
    n = scale.shape[-2]
    r = np.broadcast_to(np.asarray(r, dtype=float), p.shape)
    kinds = [kind] * n if isinstance(kind, str) else list(kind)
    if len(kinds) != n or p.shape[-1] != n:
        raise InputError("kind", f"need one kind per state (N = {n})")
    _check(p, r, scale, kinds)
    if method not in ("best", "density", "gaussian"):
        raise InputError("method", f"unknown method {method!r}")
    all_normal = all(mean_laws.law_kind(k, "kind").standard_normal for k in kinds)
    if method == "gaussian" and not all_normal:
        raise InputError("method", "'gaussian' needs normal mean laws")
    terms = None
    if method in ("best", "density"):
        terms = density_terms(p, r, scale, kinds)
    if method == "gaussian" or (method == "best" and all_normal):
        g = gaussian_terms(p, r, scale)
        terms = g if terms is None else np.minimum(terms, g)
    return np.clip(1.0 - terms.sum(-1), 0.0, 1.0)


def density_terms(
    p: np.ndarray, r: np.ndarray, scale: np.ndarray, kinds: Sequence[str]
) -> np.ndarray:
    r""":math:`\min(1, V_d r_i^d \min_j G_j/|c_{ij}|^d)`, shape ``(..., N)``."""
    d = scale.shape[-1]
    const = np.array([log_sup_standard(k) for k in kinds])
    log_g = d * const - np.log(scale).sum(-1)  # (..., N): log sup density of mu_j - mu_0
    c = np.abs(coefficients(p))  # (..., N, N)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        # the claim's log V_d r_i^d G_j / |c_ij|^d for every pair (i, j)
        pair = log_term()(d, r[..., :, None], log_g[..., None, :], np.log(c))
        pair = np.where(c > 0, pair, np.inf)
        log_t = pair.min(-1)  # (..., N)
        term = np.exp(np.minimum(log_t, 0.0))
    return np.where(np.isnan(log_t), 1.0, term)  # 0 * (no density): no information


def gaussian_terms(p: np.ndarray, r: np.ndarray, scale: np.ndarray) -> np.ndarray:
    r""":math:`F_{\chi^2_d}(r_i^2/\min_k v_{ik})` for Normal mean laws, shape ``(..., N)``."""
    from scipy.stats import chi2

    d = scale.shape[-1]
    c2 = coefficients(p) ** 2  # (..., i, j)
    v = np.einsum("...ij,...jk->...ik", c2, scale**2)  # (..., i, k)
    vmin = v.min(-1)
    with np.errstate(divide="ignore"):
        x = np.where(vmin > 0, r**2 / vmin, np.inf)
    return np.where(np.isfinite(x), chi2.cdf(x, d), 1.0)


def union_bound_from_laws(
    p: Sequence[float], r: Any, laws: Sequence[Any], method: str = "best"
) -> float:
    """:func:`union_bound` from ``hallbound.symbolic.mean_laws.MeanLaw`` objects (one per
    state; only their ``kind`` and ``scale`` matter)."""
    if len(laws) != len(p):
        raise InputError("laws", f"need one mean law per state ({len(p)})")
    scale = np.array([law.scale_vector() for law in laws])
    return float(union_bound(np.asarray(p, float), r, scale, [law.kind for law in laws], method))
