r"""The count vectors of an i.i.d. sample from a finite law, with their exact probabilities
(the multinomial law), shared by the exact laws of the missing-mass and tail lemmas."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from fractions import Fraction

from hallbound.errors import InputError


def _compositions(n: int, k: int) -> Iterator[tuple[int, ...]]:
    """Every vector of ``k`` non-negative integers summing to ``n``."""
    if k == 1:
        yield (n,)
        return
    for first in range(n + 1):
        for rest in _compositions(n - first, k - 1):
            yield (first, *rest)


def probability_vector(nu: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """``nu`` as exact fractions; :class:`InputError` naming ``nu`` unless it is a
    probability vector."""
    nu = tuple(Fraction(x) for x in nu)
    if not nu or any(x < 0 for x in nu) or sum(nu) != 1:
        raise InputError("nu", f"must be a probability vector, got {nu}")
    return nu


def count_vectors(
    nu: Sequence[Fraction], n: int
) -> Iterator[tuple[tuple[int, ...], Fraction]]:
    r"""Each count vector :math:`(c_x)` of a sample :math:`s \sim \nu^n` with positive
    probability :math:`\frac{n!}{\prod_x c_x!}\prod_x \nu(x)^{c_x}` (exact).
    :class:`InputError` on a bad ``nu`` or a negative ``n``."""
    nu = probability_vector(nu)
    if n < 0:
        raise InputError("n", f"must be >= 0, got {n}")
    for counts in _compositions(n, len(nu)):
        p = Fraction(math.factorial(n))
        for x, c in zip(nu, counts, strict=True):
            p = p * x**c / math.factorial(c)
        if p:
            yield counts, p
