r"""The validated inputs and the grid of the refined Theorem 6.1 bounds
(:mod:`hallbound.numeric.bounds_refined`, :mod:`hallbound.numeric.bounds_certified`): the
weights ``p``, radii ``r``, scales and mean-law kinds of the states, and the bins and cells of
the binned-conditioning bound."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from hallbound.errors import InputError
from hallbound.symbolic import mean_laws


def continuous_kinds() -> tuple[str, ...]:
    """The registered mean-law kinds with a density (the binned bound's domain), looked up
    at call time."""
    return tuple(name for name, law in mean_laws.KINDS.items() if law.has_density)


def _continuous(kind: str) -> bool:
    return mean_laws.law_kind(kind, "kind").has_density


def _support(kind: str) -> float:
    """Half-width of the kept support of one standard coordinate (mass outside is dropped),
    from the record (:attr:`~hallbound.symbolic.mean_laws.StandardLaw.support_radius`)."""
    return mean_laws.law_kind(kind, "kind").support_radius


def _variance(kind: str) -> float:
    """Variance of one standard coordinate (``sympy.stats``, ``mean_laws.standard_moments``)."""
    return float(mean_laws.standard_moments(kind)[0])


def _row(p: Any, r: Any, scale: Any, kind: str | Sequence[str]) -> tuple:
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or p.size < 2:
        raise InputError("p", "needs a vector of at least two weights")
    if np.any(~np.isfinite(p)) or np.any(p < 0) or abs(p.sum() - 1.0) > 1e-9:
        raise InputError("p", "weights must be finite, >= 0 and sum to 1")
    n = p.size
    r = np.broadcast_to(np.asarray(r, dtype=float), (n,)).copy()
    if np.any(~np.isfinite(r)) or np.any(r < 0):
        raise InputError("r", "radii must be finite and >= 0")
    scale = np.asarray(scale, dtype=float)
    if scale.ndim == 1:
        scale = scale[:, None]
    if scale.shape[0] != n or scale.ndim != 2:
        raise InputError("scale", f"must have shape (N, d) with N = {n}")
    if np.any(~np.isfinite(scale)) or np.any(scale <= 0):
        raise InputError("scale", "scales must be finite and > 0")
    kinds = [kind] * n if isinstance(kind, str) else list(kind)
    if len(kinds) != n:
        raise InputError("kind", f"need one kind per state (N = {n})")
    kinds = [mean_laws.law_kind(k, "kind").name for k in kinds]
    return p, r, scale, kinds


@dataclass(frozen=True)
class BinnedGrid:
    """The bins (width ``h``, ``B`` cells each), cell width ``g`` and the cells kept."""

    h: float
    g: float
    cells_per_bin: int
    first_bin_cell: int
    bins: int
    half_cells: np.ndarray  # n_j: cells k in [-n_j, n_j) per state


def binned_grid(
    p: np.ndarray, r: np.ndarray, s: np.ndarray, kinds: Sequence[str], bins: int, refine: int
) -> BinnedGrid:
    """Bin width :math:`h = \\max(\\min_i r_i/6, 2L_T/\\text{bins})`, cell width
    :math:`g = h/(\\text{refine}\\cdot N)`, :math:`L_T = \\min(\\sum_j p_j L_j, 9\\sigma_T)`."""
    n = p.size
    reach = np.array([_support(k) for k in kinds]) * s  # kept half-support of x_j
    sd_t = math.sqrt(float(np.sum(p**2 * s**2 * np.array([_variance(k) for k in kinds]))))
    l_t = min(float(np.sum(p * reach)), 9.0 * sd_t)
    h = max(float(r.min()) / 6.0, 2.0 * l_t / bins)
    per_bin = refine * n
    g = h / per_bin
    half = np.ceil(p * reach / g).astype(np.int64)
    first = -int(math.ceil(l_t / g))
    count = int(math.ceil(2 * l_t / h))
    return BinnedGrid(h, g, per_bin, first, count, half)


def binned_inputs(
    p: Any, r: Any, scale: Any, kind: str | Sequence[str], bins: int, refine: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The validated inputs of the binned bound: ``p``, ``r``, the scales ``s`` (``(N,)``)
    and the kinds; an :class:`InputError` naming the parameter otherwise."""
    p, r, scale, kinds = _row(p, r, scale, kind)
    if scale.shape[1] != 1:
        raise InputError("scale", "the binned bound is one-dimensional (d = 1)")
    if not all(_continuous(k) for k in kinds):
        raise InputError("kind", "the binned bound needs continuous mean laws")
    if int(bins) < 1 or int(refine) < 1:
        raise InputError("bins", "bins and refine must be >= 1")
    return p, r, scale[:, 0], kinds
