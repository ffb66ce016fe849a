r"""Uniform location family on :math:`[\mu - h, \mu + h]`."""

from __future__ import annotations

from typing import Any, ClassVar

import scipy.stats
import sympy as sp

from hallbound.symbolic.families.base import Family, LevelSet
from hallbound.symbolic.families.params import Param
from hallbound.symbolic.values import to_float


class Uniform(Family):
    r"""Uniform law with density :math:`f(a) = \frac{1}{2h}\mathbf 1[|a-\mu| \le h]`.

    Moments: :math:`E A = \mu`, :math:`\operatorname{Var} A = h^2/3`,
    :math:`E(A-\mu)^4 = h^4/5`; :math:`\sup f = 1/(2h)`.
    Level set: :math:`U^\delta = [\mu - h, \mu + h]` (the closed support, where
    :math:`f = 1/(2h)`) when :math:`\delta < 1/(2h)`, else empty; covering radius
    :math:`r(\delta) = h` (else 0).

    Spec keys (``family = "uniform"``): ``mean = [m]`` (the centre :math:`\mu`) and
    ``half_width = h`` (> 0). Only one dimension is supported.
    """

    name = "uniform"
    summary = "uniform on [mu - h, mu + h]"
    dims_text = "d = 1"
    example_state: ClassVar[dict[str, Any]] = {"weight": 0.5, "mean": [0.0], "half_width": 1.0}
    density_text = "1[|a - mu| <= h] / (2 h)"
    symmetric = True
    params = (
        Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),
        Param("h", key="half_width", lower=0, test=(0.2, 3), step=0.1),
    )

    def density(self) -> sp.Expr:
        inside = sp.And(self.a >= self.mu - self.h, self.a <= self.mu + self.h)
        return sp.Piecewise((self.sup_density(), inside), (0, True))

    def cdf_expression(self) -> sp.Expr:
        r""":math:`F(a) = 0` below :math:`\mu - h`, :math:`(a - \mu + h)/(2h)` on the support,
        1 above."""
        return sp.Piecewise(
            (0, self.a < self.mu - self.h),
            ((self.a - self.mu + self.h) / (2 * self.h), self.a <= self.mu + self.h),
            (1, True),
        )

    def mean(self) -> sp.Expr:
        return self.mu

    def variance(self) -> sp.Expr:
        return self.h**2 / 3

    def fourth_central_moment(self) -> sp.Expr:
        return self.h**4 / 5

    def sup_density(self) -> sp.Expr:
        return 1 / (2 * self.h)

    def level_set(self, delta: sp.Expr) -> LevelSet:
        nonempty = sp.StrictLessThan(delta, self.sup_density())
        if nonempty == sp.false:
            return LevelSet("interval", nonempty, region=sp.EmptySet)
        region = sp.Interval(self.mu - self.h, self.mu + self.h)
        return LevelSet("interval", nonempty, region=region)

    def covering_radius(self, delta: sp.Expr) -> sp.Expr:
        nonempty = sp.StrictLessThan(delta, self.sup_density())
        return sp.Piecewise((self.h, nonempty), (0, True))

    def scipy(self) -> Any:
        return scipy.stats.uniform(loc=to_float(self.mu - self.h), scale=to_float(2 * self.h))
