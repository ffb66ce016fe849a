r"""A worked family in one file: the Logistic location family :math:`\mathrm{Logistic}(\mu, s)`.

Import this module and ``hallbound`` knows ``family = "logistic"`` (the ``register`` line at
the end). ``tests/testing/test_examples_logistic.py`` runs it through the property battery,
``estimate``, ``rate`` and ``derive``; the README section "Adding a family" walks through it.

What is written here: the parameters (each once), the density, and the closed forms that are
better than the base class's fallbacks (the moments, which SymPy's ``integrate`` gets wrong
for this density, and SciPy's own law, which samples faster than numerical inversion).
Everything else comes from the base class: the spec reader, the symbolic family, ``shifted``,
:math:`\sup f = f(\mu)` (a symmetric family), the CDF (SymPy's integral, checked against
quadrature), the level set and covering radius (``solve`` for symbols, bisection for numbers:
:math:`h(\delta) = 2s\,\operatorname{arccosh}(1/\sqrt{4s\delta})`), and the strategies.
"""

from __future__ import annotations

from typing import Any

import scipy.stats
import sympy as sp

from hallbound.symbolic.families import register
from hallbound.symbolic.families.base import SymmetricIntervalFamily
from hallbound.symbolic.families.params import Param
from hallbound.symbolic.values import to_float


class Logistic(SymmetricIntervalFamily):
    r"""Logistic law with density
    :math:`f(a) = \dfrac{e^{-z}}{s\,(1 + e^{-z})^2}`, :math:`z = (a-\mu)/s`.

    Moments: :math:`E A = \mu`, :math:`\operatorname{Var} A = \pi^2 s^2/3`,
    :math:`E(A-\mu)^4 = 7\pi^4 s^4/15`; :math:`\sup f = 1/(4s)`.

    Spec keys (``family = "logistic"``): ``mean = [m]`` and ``scale = s`` (> 0).
    """

    name = "logistic"
    params = (
        Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),
        Param("s", key="scale", lower=0, test=(0.3, 3.0), step=0.1),
    )

    def density(self) -> sp.Expr:
        z = (self.a - self.mu) / self.s
        return sp.exp(-z) / (self.s * (1 + sp.exp(-z)) ** 2)

    def variance(self) -> sp.Expr:
        return sp.pi**2 * self.s**2 / 3

    def fourth_central_moment(self) -> sp.Expr:
        return 7 * sp.pi**4 * self.s**4 / 15

    def scipy(self) -> Any:
        return scipy.stats.logistic(loc=to_float(self.mu), scale=to_float(self.s))


register(Logistic)
