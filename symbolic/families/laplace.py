r"""Laplace location family :math:`\mathrm{Laplace}(\mu, b)` on the real line."""

from __future__ import annotations

from typing import Any, ClassVar

import scipy.stats
import sympy as sp

from hallbound.symbolic.families.base import SymmetricIntervalFamily
from hallbound.symbolic.families.params import Param
from hallbound.symbolic.values import to_float


class Laplace(SymmetricIntervalFamily):
    r"""Laplace law with density :math:`f(a) = \frac{1}{2b} e^{-|a-\mu|/b}`.

    Moments: :math:`E A = \mu`, :math:`\operatorname{Var} A = 2b^2`,
    :math:`E(A-\mu)^4 = 24 b^4`; :math:`\sup f = 1/(2b)`.
    Level set: :math:`U^\delta = (\mu - h, \mu + h)` with
    :math:`h(\delta) = b \ln\frac{1}{2b\delta}`, non-empty iff :math:`\delta < 1/(2b)`;
    covering radius :math:`r(\delta) = h(\delta)` (else 0).

    Spec keys (``family = "laplace"``): ``mean = [m]`` (the location :math:`\mu`) and
    ``scale = b`` (> 0). Only one dimension is supported.
    """

    name = "laplace"
    summary = "Laplace (double exponential)"
    dims_text = "d = 1"
    example_state: ClassVar[dict[str, Any]] = {"weight": 0.5, "mean": [0.0], "scale": 1.0}
    density_text = "exp(-|a - mu| / b) / (2 b)"
    params = (
        Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),
        Param("b", key="scale", lower=0, test=(0.2, 3), step=0.1),
    )

    def density(self) -> sp.Expr:
        return sp.exp(-sp.Abs(self.a - self.mu) / self.b) / (2 * self.b)

    def cdf_expression(self) -> sp.Expr:
        r""":math:`F(a) = \tfrac12 e^{(a-\mu)/b}` for :math:`a < \mu`, else
        :math:`1 - \tfrac12 e^{-(a-\mu)/b}`."""
        z = (self.a - self.mu) / self.b
        return sp.Piecewise((sp.exp(z) / 2, self.a < self.mu), (1 - sp.exp(-z) / 2, True))

    def mean(self) -> sp.Expr:
        return self.mu

    def variance(self) -> sp.Expr:
        return 2 * self.b**2

    def fourth_central_moment(self) -> sp.Expr:
        return 24 * self.b**4

    def sup_density(self) -> sp.Expr:
        return 1 / (2 * self.b)

    def half_width(self, delta: sp.Expr) -> sp.Expr:
        r""":math:`h(\delta) = b \ln\frac{1}{2b\delta}` (solves :math:`f(\mu \pm h) = \delta`)."""
        return -self.b * sp.log(2 * self.b * delta)

    def scipy(self) -> Any:
        return scipy.stats.laplace(loc=to_float(self.mu), scale=to_float(self.b))
