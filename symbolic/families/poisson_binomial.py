r"""Poisson-binomial count family: the number of heads of independent coins, plus an offset."""

from __future__ import annotations

import functools
from typing import Any, ClassVar

import numpy as np
import scipy.stats
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.families.base import Family, LevelSet
from hallbound.symbolic.families.common import (
    check_dim_one,
    finite_radius,
    finite_region,
)
from hallbound.symbolic.families.params import Param
from hallbound.symbolic.values import to_float


class PoissonBinomial(Family):
    r"""Sum of independent Bernoulli(:math:`p_j`), :math:`j = 1..n`, plus an offset ``c``.

    The masses :math:`f(c+k)`, :math:`k = 0..n`, are the coefficients of the generating
    polynomial

    .. math:: G(t) = \prod_{j=1}^n (1 - p_j + p_j t) = \sum_{k=0}^n f(c+k)\, t^k.

    Moments: :math:`E A = c + \sum_j p_j`, :math:`\operatorname{Var} A = \sum_j p_j q_j`
    (:math:`q_j = 1-p_j`), :math:`E(A-EA)^4 = \sum_j p_j q_j(1 - 6p_jq_j)
    + 3(\sum_j p_j q_j)^2` (cumulants add). :math:`\sup f = \max_k f(c+k)`. Level set: the
    points :math:`c+k` with :math:`f(c+k) > \delta`; covering radius
    :math:`r(\delta) = \max_k \mathbf 1[f(c+k) > \delta]\,|c + k - EA|`.

    Spec keys (``family = "poisson_binomial"``): ``probs = [theta_1, ..., theta_n]`` (each in
    [0, 1]) and the optional ``offset = c`` (default 0). ``shifted(mu)`` keeps the coins and
    moves the offset so that the mean becomes ``mu``.
    """

    name = "poisson_binomial"
    summary = "heads of independent coins, plus an offset"
    dims_text = "d = 1 (discrete)"
    example_state: ClassVar[dict[str, Any]] = {"weight": 0.5, "probs": [0.1, 0.5, 0.9]}
    density_text = "coefficient of t^k in prod_j (1 - theta_j + theta_j t) at a = c + k"
    discrete = True
    params = (
        Param(
            "probs",
            kind="probabilities",
            test=(0.05, 0.95),
            step=0.05,
            size=(1, 5),
            symbol_name="theta",
        ),
        Param("offset", default=0, test=(-3, 3), step=1, symbol_name="c", location=True),
    )

    def validate(self) -> None:
        if not self.probs:
            raise InputError("probs", "need at least one coin")

    @classmethod
    def symbolic(cls, dim: int = 1, n: int = 3) -> PoissonBinomial:
        """``n`` coins with symbolic head probabilities :math:`\\theta_1..\\theta_n` (not
        :math:`p_j`, which name the mixture weights), offset ``c``."""
        check_dim_one(dim, cls.name)
        probs = list(sp.symbols(f"theta_1:{n + 1}", positive=True))
        return cls(probs, sp.Symbol("c", real=True))

    @property
    def n(self) -> int:
        """The number of coins."""
        return len(self.probs)

    def masses(self) -> list[sp.Expr]:
        r""":math:`[f(c), \dots, f(c+n)]`, the coefficients of :math:`G(t)`."""
        return list(_masses(self.probs))

    def points(self) -> list[sp.Expr]:
        """The support :math:`c, c+1, \\dots, c+n`."""
        return [self.offset + k for k in range(self.n + 1)]

    def density(self) -> sp.Expr:
        pieces = [(m, sp.Eq(self.a, x)) for x, m in zip(self.points(), self.masses(), strict=True)]
        return sp.Piecewise(*pieces, (0, True))

    @property
    def mu(self) -> sp.Expr:  # type: ignore[override]
        r"""The location of the law: its mean :math:`c + \sum_j p_j`."""
        return self.mean()

    def mean(self) -> sp.Expr:
        return self.offset + sp.Add(*self.probs)

    def variance(self) -> sp.Expr:
        return sp.Add(*[p * (1 - p) for p in self.probs])

    def fourth_central_moment(self) -> sp.Expr:
        pq = [p * (1 - p) for p in self.probs]
        return sp.Add(*[v * (1 - 6 * v) for v in pq]) + 3 * sp.Add(*pq) ** 2

    def sup_density(self) -> sp.Expr:
        return sp.Max(*self.masses())

    def level_set(self, delta: sp.Expr) -> LevelSet:
        nonempty = sp.StrictLessThan(delta, self.sup_density())
        region = finite_region(self.points(), self.masses(), delta, self.a)
        return LevelSet("finite", nonempty, region=region)

    def covering_radius(self, delta: sp.Expr) -> sp.Expr:
        return finite_radius(self.points(), self.masses(), self.mean(), delta)

    def support_points(self) -> np.ndarray:
        """The support :math:`c, c+1, \\dots, c+n` as floats."""
        return np.array([[to_float(self.offset + k)] for k in range(int(self.n) + 1)])

    def scipy(self) -> Any:
        p = [to_float(v) for v in self.probs]
        return scipy.stats.poisson_binom(p, loc=to_float(self.offset))


@functools.lru_cache(maxsize=256)
def _masses(probs: tuple[sp.Expr, ...]) -> tuple[sp.Expr, ...]:
    r"""The coefficients of :math:`G(t) = \prod_j (1 - p_j + p_j t)` (cached by the coins)."""
    t = sp.Dummy("t")
    g = sp.Poly(sp.prod([1 - p + p * t for p in probs]), t)
    return tuple(sp.expand(g.coeff_monomial(t**k)) for k in range(len(probs) + 1))
