r"""The binned-conditioning lower bound of :mod:`hallbound.numeric.bounds_refined`, evaluated
in ball arithmetic (Arb, through python-flint), so that the returned float is proved to be
below the exact binned sum (claim step R9 of ``Theorem 6.1, binned conditioning
(corrected)``).

The grid is :func:`~hallbound.numeric.bounds_refined.binned_grid`'s (cell width :math:`g`, a
float, hence an exact dyadic rational :math:`G`). Everything geometric is exact rational
(``fmpq``):

* bin :math:`m` is :math:`J_m = [a_m, a_m + H)` with :math:`a_m = c_m G` (:math:`c_m` the
  bin's first cell) and :math:`H = B G` (:math:`B` cells per bin);
* the forbidden interval of state :math:`j` is :math:`F_j^m = [u, v]`,
  :math:`u = a_m - r_j`, :math:`v = a_m + H + r_j` (:math:`r_j` the float radius, exact; the
  margin :math:`\eta` of the claim is 0 here: no rounding is left to absorb);
* cell :math:`k` of :math:`Y_j = p_j x_j` is :math:`x_j \in [e_k, e_{k+1})`,
  :math:`e_k = kG/p_j`.

Which cells meet :math:`F_j^m` is decided exactly on these rationals (no floating branch).
A cell disjoint from :math:`F_j^m` keeps its mass :math:`\Phi_j(e_{k+1}) - \Phi_j(e_k)`; a
cell inside it has mass 0; a cell cut by it keeps the pieces outside,
:math:`[\Phi_j(\min(e_{k+1}, u)) - \Phi_j(e_k)]_{e_k < u} + [\Phi_j(e_{k+1}) -
\Phi_j(\max(e_k, v))]_{e_{k+1} > v}`. Only the CDF values are balls: :math:`\Phi_j(x) =
\Phi(x / s_j)` at the exact rational :math:`x/s_j`, with the standard CDF of the mean-law
record (``sympy.stats``: normal :math:`\tfrac12 + \tfrac12\operatorname{erf}(z/\sqrt2)`,
Laplace and uniform piecewise) compiled into Arb operations (:func:`arb_cdf`; a piece is
chosen by deciding its condition exactly on the rational :math:`z`). The :math:`N`-fold
convolution is formed by ``arb_poly`` products (each coefficient a ball) of two groups of
factors, and its sum over the admissible :math:`K` by one short ``arb_poly`` product and an
``arb_mat`` dot product (:func:`_window_sum`); the bins are summed in Arb. Cost: 2-12 times
the float path (``examples/bench_binned_certified.py``, medians; 0.01-1 s for N <= 5 at the
default grid).

**Contract** (:func:`certified_binned_ball`): the returned ball contains the exact binned sum
:math:`\sum_m \sum_K (\nu^m_1 * \cdots * \nu^m_N)[K]` of this grid, by the trust-base lemma
``Arb ball enclosure`` (each operation's output ball contains the exact result for every
input in its input balls; composition keeps the containment). :func:`certified_binned_bound`
returns its lower end rounded down to a float and clipped at 1: a float at most the exact
sum, hence (claim steps R0-R8) at most :math:`P_H^\delta`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any

import flint
import numpy as np
from flint import arb, arb_mat, arb_poly, fmpq

from hallbound.errors import InputError
from hallbound.numeric.arb_ops import compile_real
from hallbound.numeric.refined_inputs import binned_grid, binned_inputs
from hallbound.symbolic import mean_laws

#: Working precision (bits) of the ball evaluation.
DEFAULT_PREC = 64


def exact(x: float) -> fmpq:
    """The float ``x`` as the exact rational it is (a dyadic rational)."""
    if not math.isfinite(x):
        raise InputError("x", f"must be finite, got {x!r}")
    num, den = float(x).as_integer_ratio()
    return fmpq(num, den)


@functools.cache
def arb_cdf(kind: str) -> Callable[[fmpq], arb]:
    r"""The standard CDF of a mean law with a density, compiled from its record
    (:func:`hallbound.symbolic.mean_laws.standard_cdf`) into Arb operations
    (:func:`hallbound.numeric.arb_ops.compile_real`): a function of an exact rational z
    returning a ball that contains :math:`\Phi(z)` (an :class:`InputError` naming ``kind``
    for a law without a density, or a CDF with no Arb operation)."""
    law = mean_laws.law_kind(kind, "kind")
    if not law.has_density:
        raise InputError("kind", f"no continuous CDF for mean law {kind!r}")
    try:
        return compile_real(mean_laws.standard_cdf(law.name), mean_laws.X_STD)
    except InputError as err:
        raise InputError("kind", f"no ball-arithmetic CDF for {kind!r}: {err.problem}") from err


class _State:
    """One state's cells: exact edges :math:`e_k = kG/p_j`, CDF balls at the edges, and the
    masses of the cells :math:`k = -n_j .. n_j` (``p_j = 0``: one cell, :math:`k = 0`)."""

    def __init__(self, p: fmpq, s: fmpq, half: int, g: fmpq, cdf: Callable[[fmpq], arb]):
        self.p, self.s, self.half, self.g, self.cdf = p, s, half, g, cdf
        if p != 0:
            ks = range(-half, half + 2)
            self.cdf_at_edge = [self.at(self.edge(k)) for k in ks]
            c = self.cdf_at_edge
            self.mass = [b - a for a, b in zip(c[:-1], c[1:], strict=True)]

    def at(self, x: fmpq) -> arb:
        """:math:`\\Phi_j(x) = \\Phi(x / s_j)` at the exact rational ``x``."""
        return self.cdf(x / self.s)

    def edge(self, k: int) -> fmpq:
        return k * self.g / self.p

    def _edge_cdf(self, k: int) -> arb:
        return self.cdf_at_edge[k + self.half]

    def _cut(self, k: int, u: fmpq, v: fmpq) -> arb:
        """Mass of cell ``k`` outside :math:`[u, v]` (the pieces left of u and right of v)."""
        lo, hi = self.edge(k), self.edge(k + 1)
        out = arb(0)
        if lo < u:
            out += (self.at(u) if u < hi else self._edge_cdf(k + 1)) - self._edge_cdf(k)
        if hi > v:
            out += self._edge_cdf(k + 1) - (self.at(v) if v > lo else self._edge_cdf(k))
        return out

    def masses(self, u: fmpq, v: fmpq) -> list[arb]:
        r""":math:`\nu_{jk} = \Pr[Y_j \in C_k,\ x_j \notin [u, v]]` for every kept cell."""
        if self.p == 0:  # Y_j = 0: cell 0 holds the whole law
            return [1 - self.at(v) + self.at(u)]
        n = self.half
        first = max(-n, int((u * self.p / self.g).ceil()))  # e_k >= u
        last = min(n, int((v * self.p / self.g).floor()) - 1)  # e_{k+1} <= v
        cut = {k for k in (first - 1, last + 1, int((u * self.p / self.g).floor()))
               if -n <= k <= n and not first <= k <= last}
        zero = arb(0)
        out = [zero if first <= k <= last else self.mass[k + n] for k in range(-n, n + 1)]
        for k in cut:
            out[k + n] = self._cut(k, u, v)
        return out


def _states(p: tuple, r: tuple, s: tuple, kinds: tuple, bins: int, refine: int) -> tuple:

    p, r, s = (np.array(v, dtype=float) for v in (p, r, s))
    grid = binned_grid(p, r, s, list(kinds), bins, refine)
    g = exact(grid.g)
    states = [
        _State(exact(float(pj)), exact(float(sj)), int(nj), g, arb_cdf(k))
        for pj, sj, nj, k in zip(p, s, grid.half_cells, kinds, strict=True)
    ]
    return grid, g, [exact(float(x)) for x in r], states


def _product(polys: list[arb_poly], top: int) -> arb_poly:
    """The product of ``polys`` up to degree ``top`` (coefficients above it cut before each
    product: with non-negative exponents they never reach degree ``top`` or below)."""
    prod = arb_poly([1])
    for poly in polys:
        prod = (prod * poly.truncate(top + 1)).truncate(top + 1)
    return prod


def _split(lengths: list[int]) -> int:
    """The first ``h`` factors hold about half the total length (``1 <= h < N``)."""
    total, acc = sum(lengths), 0
    for h, n in enumerate(lengths[:-1], start=1):
        acc += n
        if 2 * acc >= total:
            return h
    return len(lengths) - 1


def _window_sum(a: list[arb], b: arb_poly, i0: int, i1: int) -> arb:
    r""":math:`\sum_{I=i_0}^{i_1} (a * b)[I] = \sum_k a_k\, (b * W)[i_1 - k]`, with
    :math:`W = 1 + x + \dots + x^{i_1 - i_0}` (so :math:`(b * W)[j] = \sum_{t=0}^{i_1 - i_0}
    b_{j-t}`): one short ``arb_poly`` product and one dot product (``arb_mat``), no product
    of the two long factors."""
    bw = (b * arb_poly([1] * (i1 - i0 + 1))).coeffs()
    k0, k1 = max(0, i1 - len(bw) + 1), min(len(a) - 1, i1)
    if k1 < k0:
        return arb(0)
    row = arb_mat(1, k1 - k0 + 1, a[k0 : k1 + 1])
    col = arb_mat(k1 - k0 + 1, 1, bw[i1 - k1 : i1 - k0 + 1][::-1])
    return (row * col)[0, 0]


def _bin_sum(states: list[_State], radii: list[fmpq], g: fmpq, cell0: int, per_bin: int,
             offset: int) -> arb:
    r""":math:`\sum_{K} (\nu_1 * \cdots * \nu_N)[K]` over :math:`c \le K \le c + B - N` for
    the bin starting at cell :math:`c` = ``cell0`` (exact forbidden intervals, ball masses):
    the factors split in two groups, each group's product by ``arb_poly`` (cut above the
    window's top), and the window's sum of the two products' convolution by
    :func:`_window_sum` (a dot product in ``arb_mat``)."""
    a = cell0 * g
    h = per_bin * g
    i0 = cell0 - offset
    i1 = cell0 + per_bin - len(states) - offset
    if i1 < 0:
        return arb(0)
    polys = [arb_poly(st.masses(a - rj, a + h + rj)) for st, rj in zip(states, radii, strict=True)]
    cut = _split([2 * st.half + 1 for st in states])
    left, right = _product(polys[:cut], i1), _product(polys[cut:], i1)
    return _window_sum(left.coeffs(), right, i0, i1)


def certified_binned_ball(
    p: Any,
    r: Any,
    scale: Any,
    kind: str | Sequence[str] = "normal",
    *,
    bins: int = 120,
    refine: int = 4,
    prec: int = DEFAULT_PREC,
) -> arb:
    r"""A ball containing the exact binned sum :math:`\sum_m \sum_K (\nu^m_1 * \cdots *
    \nu^m_N)[K]` on :func:`~hallbound.numeric.bounds_refined.binned_grid`'s grid (module
    doc). Inputs and errors as :func:`~hallbound.numeric.bounds_refined.binned_bound`;
    ``prec``: working precision in bits (>= 30)."""

    if int(prec) < 30:
        raise InputError("prec", f"must be >= 30 bits, got {prec}")
    p, r, s, kinds = binned_inputs(p, r, scale, kind, bins, refine)
    return _ball(tuple(map(float, p)), tuple(map(float, r)), tuple(map(float, s)),
                 tuple(kinds), int(bins), int(refine), int(prec))


@functools.lru_cache(maxsize=256)
def _ball(p: tuple, r: tuple, s: tuple, kinds: tuple, bins: int, refine: int,
          prec: int) -> arb:
    """:func:`certified_binned_ball` on validated, hashable inputs (a pure function of them:
    cached, so a panel that asks twice for one row pays once)."""
    with flint.ctx.workprec(prec):
        grid, g, radii, states = _states(p, r, s, kinds, bins, refine)
        offset = -sum(st.half for st in states)  # K of the product's first coefficient
        total = arb(0)
        for m in range(grid.bins):
            cell0 = grid.first_bin_cell + grid.cells_per_bin * m
            total += _bin_sum(states, radii, g, cell0, grid.cells_per_bin, offset)
        return total


def clear_cache() -> None:
    """Forget the cached balls of :func:`certified_binned_ball` (benchmarks)."""
    _ball.cache_clear()


def float_below(x: arb, prec: int = DEFAULT_PREC) -> float:
    """The largest float at most the lower end of the ball ``x`` (directed rounding: the
    lower end, rounded down to ``prec`` bits, is an exact binary number; a float rounded to
    nearest above it steps down)."""
    with flint.ctx.workprec(int(prec)):
        lo = x.lower()
    f = float(lo)
    if arb(f) > lo:
        f = math.nextafter(f, -math.inf)
    return f


def certified_binned_bound(
    p: Any,
    r: Any,
    scale: Any,
    kind: str | Sequence[str] = "normal",
    *,
    bins: int = 120,
    refine: int = 4,
    prec: int = DEFAULT_PREC,
) -> float:
    r"""The binned lower bound on :math:`P_H^\delta`, proved below the exact binned sum: the
    lower end of :func:`certified_binned_ball` rounded down, clipped at 1 (so the returned
    float is at most the lower end: claim step R9's stated relation). It is not clipped at 0:
    when the sum is within rounding of 0 the lower end may be a tiny negative number (below
    :math:`10^{-15}` in size), a valid, if trivial, lower bound."""
    ball = certified_binned_ball(p, r, scale, kind, bins=bins, refine=refine, prec=prec)
    return min(1.0, float_below(ball, prec))


__all__ = [
    "DEFAULT_PREC",
    "arb_cdf",
    "certified_binned_ball",
    "certified_binned_bound",
    "clear_cache",
    "exact",
    "float_below",
]
