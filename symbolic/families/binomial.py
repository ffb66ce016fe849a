r"""Binomial count family :math:`c + \mathrm{Bin}(n, p)` (``c`` an optional offset)."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import scipy.special
import scipy.stats
import sympy as sp

from hallbound.symbolic.families.base import Family, LevelSet
from hallbound.symbolic.families.common import (
    MaxOver,
    concrete,
    finite_radius,
    finite_region,
)
from hallbound.symbolic.families.params import Param
from hallbound.symbolic.values import to_float


class Binomial(Family):
    r"""Number of heads in ``n`` tosses of a ``p``-coin, plus an offset ``c``:

    .. math:: f(c + k) = \binom{n}{k} p^k (1-p)^{n-k}, \qquad k = 0, \dots, n.

    Moments: :math:`E A = c + np`, :math:`\operatorname{Var} A = np(1-p)`,
    :math:`E(A - EA)^4 = np(1-p)\,(1 + 3(n-2)p(1-p))`. :math:`\sup f = f(c + m)` at the mode
    :math:`m = \min(\lfloor (n+1)p \rfloor, n)`. Level set: the support points with
    :math:`f > \delta` (non-empty iff :math:`\delta < \sup f`); covering radius
    :math:`r(\delta) = \max_k \mathbf 1[f(c+k) > \delta]\,|c + k - EA|`. With a symbolic
    ``n`` the level set is a ``ConditionSet`` and the radius a :class:`MaxOver`.

    Spec keys (``family = "binomial"``): ``n`` (integer >= 1), ``p`` (in [0, 1]) and the
    optional ``offset = c`` (default 0). ``shifted(mu)`` keeps ``n`` and ``p`` and moves the
    offset so that the mean becomes ``mu`` (the support is then :math:`\mu - np + k`).
    """

    name = "binomial"
    summary = "heads in n tosses of a p-coin, plus an offset"
    dims_text = "d = 1 (discrete)"
    example_state: ClassVar[dict[str, Any]] = {"weight": 0.5, "n": 10, "p": 0.3}
    density_text = "C(n, k) p^k (1 - p)^(n - k) at a = c + k"
    discrete = True
    #: ``binomial`` prints as ``scipy.special.binom``: SymPy's SciPy printer would write
    #: :math:`n!` as an exact integer, which overflows a float for n > 170.
    lambdify_modules = ({"binomial": scipy.special.binom}, "numpy")
    params = (
        Param("n", kind="integer", lower=1, closed=True, test=(1, 10)),
        Param("p", lower=0, upper=1, closed=True, test=(0.05, 0.95), step=0.05),
        Param("offset", default=0, test=(-3, 3), step=1, symbol_name="c", location=True),
    )

    def mass(self, k: sp.Expr) -> sp.Expr:
        r""":math:`\binom{n}{k} p^k (1-p)^{n-k}`."""
        return sp.binomial(self.n, k) * self.p**k * (1 - self.p) ** (self.n - k)

    def density(self) -> sp.Expr:
        k = self.a - self.offset
        on_support = sp.And(sp.Eq(sp.floor(k), k), k >= 0, k <= self.n)
        return sp.Piecewise((self.mass(k), on_support), (0, True))

    @property
    def mu(self) -> sp.Expr:  # type: ignore[override]
        r"""The location of the law: its mean :math:`c + np`."""
        return self.mean()

    def mean(self) -> sp.Expr:
        return self.offset + self.n * self.p

    def variance(self) -> sp.Expr:
        return self.n * self.p * (1 - self.p)

    def fourth_central_moment(self) -> sp.Expr:
        q = self.p * (1 - self.p)
        return self.n * q * (1 + 3 * (self.n - 2) * q)

    def mode(self) -> sp.Expr:
        r""":math:`\min(\lfloor (n+1)p \rfloor, n)`."""
        return sp.Min(sp.floor((self.n + 1) * self.p), self.n)

    def sup_density(self) -> sp.Expr:
        return self.mass(self.mode())

    def _support(self) -> list[int]:
        return list(range(int(self.n) + 1))

    def level_set(self, delta: sp.Expr) -> LevelSet:
        nonempty = sp.StrictLessThan(delta, self.sup_density())
        if concrete(self.n):
            ks = self._support()
            points = [self.offset + k for k in ks]
            region = finite_region(points, [self.mass(k) for k in ks], delta, self.a)
            return LevelSet("finite", nonempty, region=region)
        k = sp.Dummy("k", integer=True)
        support = sp.ImageSet(sp.Lambda(k, self.offset + k), sp.Range(0, self.n + 1))
        region = sp.ConditionSet(self.a, sp.StrictGreaterThan(self.density(), delta), support)
        return LevelSet("finite", nonempty, region=region)

    def covering_radius(self, delta: sp.Expr) -> sp.Expr:
        if concrete(self.n):
            ks = self._support()
            points = [self.offset + k for k in ks]
            return finite_radius(points, [self.mass(k) for k in ks], self.mean(), delta)
        k = sp.Symbol("k", integer=True, nonnegative=True)
        near = sp.Abs(self.offset + k - self.mean())
        term = sp.Piecewise((near, sp.StrictGreaterThan(self.mass(k), delta)), (0, True))
        return MaxOver(term, k, sp.Integer(0), self.n)

    def support_points(self) -> np.ndarray:
        """The support :math:`c, c+1, \\dots, c+n` as floats."""
        return np.array([[to_float(self.offset + k)] for k in range(int(self.n) + 1)])

    def scipy(self) -> Any:
        return scipy.stats.binom(int(self.n), to_float(self.p), loc=to_float(self.offset))
