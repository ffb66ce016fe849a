r"""Exact (Clopper-Pearson) confidence intervals for a binomial proportion.

For :math:`k` successes in :math:`n` trials and level :math:`1 - \alpha`:

.. math::

    \mathrm{lo} = B^{-1}\!\left(\tfrac{\alpha}{2};\, k,\, n - k + 1\right), \qquad
    \mathrm{hi} = B^{-1}\!\left(1 - \tfrac{\alpha}{2};\, k + 1,\, n - k\right),

with :math:`\mathrm{lo} = 0` when :math:`k = 0` and :math:`\mathrm{hi} = 1` when :math:`k = n`
(:math:`B^{-1}` the Beta quantile, ``scipy.stats.beta.ppf``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hallbound.errors import InputError


def require_level(level: float, parameter: str = "level") -> float:
    """A confidence level in the open interval (0, 1)."""
    if isinstance(level, bool) or not isinstance(level, int | float) or not math.isfinite(level):
        raise InputError(parameter, f"must be a number in (0, 1), got {level!r}")
    if not 0.0 < level < 1.0:
        raise InputError(parameter, f"must lie in (0, 1), got {level!r}")
    return float(level)


def require_count(n: int, parameter: str = "n", minimum: int = 1) -> int:
    """A whole number >= ``minimum``."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise InputError(parameter, f"must be an integer, got {n!r}")
    if n < minimum:
        raise InputError(parameter, f"must be >= {minimum}, got {n}")
    return n


def clopper_pearson(k: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """The exact two-sided interval ``(lo, hi)`` for ``k`` successes in ``n`` trials, at
    confidence ``level`` (:func:`clopper_pearson_alpha` with ``alpha = 1 - level``)."""
    n = require_count(n, "n")
    k = require_count(k, "k", 0)
    if k > n:
        raise InputError("k", f"must be <= n = {n}, got {k}")
    return clopper_pearson_alpha(k, n, 1.0 - require_level(level))


def clopper_pearson_alpha(k: int, n: int, alpha: float) -> tuple[float, float]:
    r"""The Clopper-Pearson interval, the one implementation in hallbound:
    :math:`lo = B^{-1}(\alpha/2;\, k, n-k+1)` (0 when k = 0) and
    :math:`hi = B^{-1}(1-\alpha/2;\, k+1, n-k)` (1 when k = n), with :math:`B^{-1}` the Beta
    quantile; it covers the success probability with probability at least ``1 - alpha``.
    Counts are not validated here (:func:`clopper_pearson` does)."""
    from scipy.stats import beta

    lo = 0.0 if k == 0 else float(beta.ppf(alpha / 2, k, n - k + 1))
    hi = 1.0 if k == n else float(beta.ppf(1 - alpha / 2, k + 1, n - k))
    return lo, hi


@dataclass(frozen=True)
class RateEstimate:
    """A Monte Carlo proportion: ``count`` of ``n``, its estimate and exact interval."""

    count: int
    n: int
    level: float
    seed: int | None = None

    @property
    def estimate(self) -> float:
        return self.count / self.n

    @property
    def ci(self) -> tuple[float, float]:
        return clopper_pearson(self.count, self.n, self.level)

    def to_dict(self) -> dict[str, object]:
        """JSON-able: ``estimate``, ``ci`` [lo, hi], ``n``, ``seed``, ``count``, ``level``."""
        lo, hi = self.ci
        return {
            "estimate": self.estimate,
            "ci": [lo, hi],
            "n": self.n,
            "seed": self.seed,
            "count": self.count,
            "level": self.level,
        }


__all__ = [
    "RateEstimate",
    "clopper_pearson",
    "clopper_pearson_alpha",
    "require_count",
    "require_level",
]
