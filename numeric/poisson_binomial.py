r"""Poisson-binomial laws: the number of heads :math:`K = \sum_{j=1}^n B_j` of independent
coins :math:`B_j \sim \mathrm{Bernoulli}(p_j)`.

The probability generating function is the product of the coins' ones,

.. math:: G(x) = \sum_{k=0}^n \Pr[K = k]\, x^k = \prod_{j=1}^n (1 - p_j + p_j x),

and every method below evaluates its coefficients:

* :func:`pmf_dp` multiplies the factors one by one (a numba kernel, :math:`O(n^2)`):
  :math:`r^{(j)}_k = (1 - p_j)\, r^{(j-1)}_k + p_j\, r^{(j-1)}_{k-1}`.
* :func:`pmf_dft` evaluates :math:`G` on the :math:`(n+1)`-th roots of unity (the
  characteristic function, Hong 2013) and inverts the discrete Fourier transform:
  :math:`\Pr[K = k] = \frac{1}{n+1} \sum_{l=0}^{n} G(\omega^l)\, \omega^{-lk}`,
  :math:`\omega = e^{2\pi i/(n+1)}`; round-off is clipped to :math:`[0, 1]`.
* :func:`pmf_exact` multiplies the factors in exact rational arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np
from numba import njit

from hallbound.errors import InputError

__all__ = ["pmf", "pmf_dft", "pmf_dp", "pmf_dp_rows", "pmf_exact", "validate_probabilities"]


def validate_probabilities(p: object, parameter: str = "p") -> np.ndarray:
    """Return ``p`` as a 1-D float array; raise :class:`InputError` unless every entry is
    a finite number in :math:`[0, 1]` and there is at least one."""
    try:
        arr = np.asarray(p, dtype=float)
    except (TypeError, ValueError) as err:
        raise InputError(parameter, f"must be numbers, got {p!r}") from err
    if arr.ndim != 1:
        raise InputError(parameter, f"must be a flat list of probabilities, got shape {arr.shape}")
    if arr.size == 0:
        raise InputError(parameter, "must hold at least one probability, got none")
    bad = ~np.isfinite(arr)
    if bad.any():
        bad_value = float(arr[bad][0])
        raise InputError(parameter, f"must be finite, got {bad_value!r} at index {_first(bad)}")
    out = (arr < 0) | (arr > 1)
    if out.any():
        bad_value = float(arr[out][0])
        raise InputError(parameter, f"must lie in [0, 1], got {bad_value!r} at index {_first(out)}")
    return np.ascontiguousarray(arr)


def _first(mask: np.ndarray) -> int:
    return int(np.flatnonzero(mask)[0])


@njit(cache=True)
def _dp_kernel(p: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    n = p.shape[0]
    r = np.zeros(n + 1)
    r[0] = 1.0
    for j in range(n):
        q = p[j]
        for k in range(j + 1, 0, -1):
            r[k] = (1.0 - q) * r[k] + q * r[k - 1]
        r[0] = (1.0 - q) * r[0]
    return r


@njit(cache=True)
def _dp_rows_kernel(p: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    m, n = p.shape
    out = np.zeros((m, n + 1))
    for i in range(m):
        out[i] = _dp_kernel(p[i])
    return out


@njit(cache=True)
def _dp_checked(p: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """:func:`_dp_kernel` after a range check; an empty array flags a bad entry (or NaN)."""
    for q in p:
        if not (0.0 <= q <= 1.0):
            return np.empty(0)
    return _dp_kernel(p)


def pmf_dp(p: np.ndarray) -> np.ndarray:
    r"""Poisson-binomial pmf :math:`(\Pr[K=0], \dots, \Pr[K=n])` by the product recursion
    :math:`r_k \leftarrow (1-p_j) r_k + p_j r_{k-1}` (numba kernel; every step is a convex
    combination, so the result stays in :math:`[0, 1]` with relative error :math:`O(n\epsilon)`).

    The range check runs compiled; only a bad input pays for :func:`validate_probabilities`,
    which names the offending entry."""
    arr = p if _is_flat_float(p) else np.ascontiguousarray(p, dtype=np.float64)
    if arr.ndim == 1 and arr.size > 0:
        out = _dp_checked(arr)
        if out.size:
            return out
    return _dp_kernel(validate_probabilities(p))


def _is_flat_float(p: object) -> bool:
    return (
        isinstance(p, np.ndarray) and p.dtype == np.float64 and p.ndim == 1 and p.flags.c_contiguous
    )


def pmf_dp_rows(p: np.ndarray) -> np.ndarray:
    """:func:`pmf_dp` for each row of an ``(m, n)`` array; returns ``(m, n + 1)``."""
    arr = np.asarray(p, dtype=float)
    if arr.ndim != 2:
        raise InputError("p", f"must be a 2-D array of rows, got shape {arr.shape}")
    validate_probabilities(arr.reshape(-1))
    return _dp_rows_kernel(np.ascontiguousarray(arr))


def pmf_dft(p: np.ndarray) -> np.ndarray:
    r"""Poisson-binomial pmf by the DFT of the characteristic function (DFT-CF):
    :math:`\Pr[K=k] = \frac{1}{n+1}\sum_{l=0}^{n} \phi_l\, e^{-2\pi i lk/(n+1)}` with
    :math:`\phi_l = \prod_j (1 - p_j + p_j e^{2\pi i l/(n+1)})`. Only
    :math:`l \le \lfloor (n+1)/2 \rfloor` is computed (:math:`\phi_{n+1-l} = \bar\phi_l`);
    the inverse is ``numpy.fft.irfft``. Absolute error :math:`O(n\epsilon)`; values are
    clipped to :math:`[0, 1]`."""
    arr = validate_probabilities(p)
    size = arr.size + 1
    z = np.exp(2j * np.pi * np.arange(size // 2 + 1) / size)
    phi = np.ones(z.shape, dtype=complex)
    for q in arr:
        phi *= (1.0 - q) + q * z
    out = np.fft.irfft(np.conj(phi), n=size)
    return np.clip(out, 0.0, 1.0)


def pmf_exact(p: Sequence[Fraction]) -> list[Fraction]:
    r"""Exact Poisson-binomial pmf: the coefficients of :math:`\prod_j (1 - p_j + p_j x)`
    in rational arithmetic. Entries may be :class:`~fractions.Fraction`, ``int`` or decimal
    strings (``"0.1"`` is exactly 1/10); floats are taken at their exact binary value."""
    probs = [_fraction(v, i) for i, v in enumerate(p)]
    if not probs:
        raise InputError("p", "must hold at least one probability, got none")
    r: list[Fraction] = [Fraction(1)]
    for q in probs:
        nxt = [Fraction(0)] * (len(r) + 1)
        for k, rk in enumerate(r):
            nxt[k] += (1 - q) * rk
            nxt[k + 1] += q * rk
        r = nxt
    return r


def _fraction(value: object, index: int) -> Fraction:
    try:
        q = Fraction(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError) as err:
        raise InputError("p", f"must be a probability, got {value!r} at index {index}") from err
    if not 0 <= q <= 1:
        raise InputError("p", f"must lie in [0, 1], got {value!r} at index {index}")
    return q


def pmf(p: Sequence[float] | Sequence[Fraction] | np.ndarray, method: str = "auto"):
    """Poisson-binomial pmf. ``method``: ``"dp"``, ``"dft"``, ``"exact"`` (a list of
    Fractions) or ``"auto"`` (exact when every entry is a Fraction, else :func:`pmf_dp`).

    ``auto`` never picks the DFT: both methods cost :math:`O(n^2)`, and the compiled DP
    measured 10-20x faster than the DFT-CF at n = 1000..20000 (0.08 s against 1.9 s at
    n = 20000) while keeping relative accuracy in the tails."""
    if method == "exact":
        return pmf_exact(list(p))
    if method == "auto":
        items = list(p) if not isinstance(p, np.ndarray) else None
        if items and all(isinstance(v, Fraction) for v in items):
            return pmf_exact(items)
        arr = validate_probabilities(p)
        return _dp_kernel(arr)
    if method == "dp":
        return pmf_dp(np.asarray(p, dtype=float))
    if method == "dft":
        return pmf_dft(np.asarray(p, dtype=float))
    raise InputError("method", f"must be one of auto, dp, dft, exact, got {method!r}")
