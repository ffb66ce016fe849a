r"""A worked family in one file: the Logistic location family :math:`\mathrm{Logistic}(\mu, s)`.

Import this module and ``hallbound`` knows ``family = "logistic"`` (the ``register`` line at
the end). ``tests/test_examples_logistic.py`` runs it through the property battery,
``estimate``, ``rate`` and ``derive``; the README section "Adding a family" walks through it.
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import scipy.stats
import sympy as sp

from hallbound.symbolic.families import register
from hallbound.symbolic.families.base import SymmetricIntervalFamily
from hallbound.symbolic.families.common import (
    check_dim_one,
    point_symbol,
    read_location,
    read_positive,
    scalar,
)
from hallbound.symbolic.values import to_float
from hallbound.testing.user_family import Parameter


class Logistic(SymmetricIntervalFamily):
    r"""Logistic law with density
    :math:`f(a) = \dfrac{1}{4s}\,\operatorname{sech}^2\!\Big(\dfrac{a-\mu}{2s}\Big)`.

    Moments: :math:`E A = \mu`, :math:`\operatorname{Var} A = \pi^2 s^2/3`,
    :math:`E(A-\mu)^4 = 7\pi^4 s^4/15`; :math:`\sup f = 1/(4s)`.
    Level set: :math:`U^\delta = (\mu - h, \mu + h)` with
    :math:`h(\delta) = 2s\,\operatorname{arccosh}\big(1/\sqrt{4s\delta}\big)`, non-empty iff
    :math:`\delta < 1/(4s)`; covering radius :math:`r(\delta) = h(\delta)` (else 0).

    Spec keys (``family = "logistic"``): ``mean = [m]`` and ``scale = s`` (> 0).
    """

    name = "logistic"
    #: The parameters the property strategies draw (test range of ``scale``).
    spec = SimpleNamespace(params=[Parameter("scale", 0.0, math.inf, 0.3, 3.0)])

    def __init__(self, mu: sp.Expr, s: sp.Expr) -> None:
        self.dim = 1
        self.a = point_symbol(1)
        self.mu = mu
        self.s = s

    @classmethod
    def symbolic(cls, dim: int = 1) -> Logistic:
        check_dim_one(dim, cls.name)
        return cls(sp.Symbol("mu", real=True), sp.Symbol("s", positive=True))

    @classmethod
    def from_spec(cls, state: dict[str, Any], dim: int | None = None) -> Logistic:
        check_dim_one(dim, cls.name)
        return cls(read_location(state, cls.name), read_positive(state, "scale", cls.name))

    def shifted(self, mu: Any) -> Logistic:
        return Logistic(scalar(mu), self.s)

    def parameters(self) -> dict[str, Any]:
        return {"mu": self.mu, "s": self.s}

    def density(self) -> sp.Expr:
        z = (self.a - self.mu) / self.s
        return sp.exp(-z) / (self.s * (1 + sp.exp(-z)) ** 2)

    def cdf_expression(self) -> sp.Expr:
        return 1 / (1 + sp.exp(-(self.a - self.mu) / self.s))

    def variance(self) -> sp.Expr:
        return sp.pi**2 * self.s**2 / 3

    def fourth_central_moment(self) -> sp.Expr:
        return 7 * sp.pi**4 * self.s**4 / 15

    def sup_density(self) -> sp.Expr:
        return 1 / (4 * self.s)

    def half_width(self, delta: sp.Expr) -> sp.Expr:
        r""":math:`h(\delta) = 2s\,\operatorname{arccosh}(1/\sqrt{4s\delta})` (solves
        :math:`f(\mu \pm h) = \delta`)."""
        return 2 * self.s * sp.acosh(1 / sp.sqrt(4 * self.s * delta))

    def scipy(self) -> Any:
        return scipy.stats.logistic(loc=to_float(self.mu), scale=to_float(self.s))


register(Logistic)
