r"""Student-t location-scale family :math:`t_\nu(\mu, s)` on the real line."""

from __future__ import annotations

from typing import Any, ClassVar

import scipy.stats
import sympy as sp

from hallbound.symbolic.families.base import SymmetricIntervalFamily
from hallbound.symbolic.families.params import Param
from hallbound.symbolic.values import to_float


class StudentT(SymmetricIntervalFamily):
    r"""Student-t law with density

    .. math:: f(a) = \frac{\Gamma(\frac{\nu+1}{2})}{\sqrt{\nu\pi}\, s\, \Gamma(\frac{\nu}{2})}
              \Big(1 + \frac{(a-\mu)^2}{\nu s^2}\Big)^{-\frac{\nu+1}{2}}.

    Moments: :math:`E A = \mu` for :math:`\nu > 1` (undefined, ``nan``, otherwise);
    :math:`\operatorname{Var} A = s^2\nu/(\nu-2)` for :math:`\nu > 2`, :math:`\infty` for
    :math:`1 < \nu \le 2`; :math:`E(A-\mu)^4 = 3 s^4 \nu^2 / ((\nu-2)(\nu-4))` for
    :math:`\nu > 4`, :math:`\infty` for :math:`1 < \nu \le 4`. :math:`\sup f = f(\mu)`.
    Level set: :math:`U^\delta = (\mu - h, \mu + h)` with
    :math:`h(\delta) = s\sqrt{\nu\,((\sup f/\delta)^{2/(\nu+1)} - 1)}`, non-empty iff
    :math:`\delta < \sup f`; covering radius :math:`r(\delta) = h(\delta)` (else 0). The ball
    is centred at the location :math:`\mu` (the mean whenever it exists).

    Spec keys (``family = "student_t"``): ``mean = [m]`` (the location :math:`\mu`),
    ``df = nu`` (> 0) and ``scale = s`` (> 0). Only one dimension is supported.
    """

    name = "student_t"
    summary = "Student t, location-scale"
    dims_text = "d = 1"
    example_state: ClassVar[dict[str, Any]] = {
        "weight": 0.5,
        "mean": [0.0],
        "df": 3.0,
        "scale": 1.0,
    }
    density_text = (
        "Gamma((nu+1)/2) / (Gamma(nu/2) sqrt(nu pi) s) (1 + ((a - mu)/s)^2 / nu)^(-(nu+1)/2)"
    )
    params = (
        Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),
        Param("nu", key="df", lower=0, test=(2.5, 12), step=0.5),
        Param("s", key="scale", lower=0, test=(0.3, 2.5), step=0.1),
    )

    def density(self) -> sp.Expr:
        z2 = (self.a - self.mu) ** 2 / (self.nu * self.s**2)
        return self.sup_density() * (1 + z2) ** (-(self.nu + 1) / 2)

    def mean(self) -> sp.Expr:
        return sp.Piecewise((self.mu, self.nu > 1), (sp.nan, True))

    def cdf_expression(self) -> sp.Expr:
        r"""No elementary closed form for real :math:`\nu` (the regularized incomplete beta
        function, which the compiled kernels cannot print): declared here so the base class does
        not spend SymPy's time budget looking for one; quantiles use SciPy's ``t.cdf``."""
        raise NotImplementedError("student_t: no elementary closed-form CDF for real df")

    def variance(self) -> sp.Expr:
        finite = self.s**2 * self.nu / (self.nu - 2)
        return sp.Piecewise((finite, self.nu > 2), (sp.oo, self.nu > 1), (sp.nan, True))

    def fourth_central_moment(self) -> sp.Expr:
        finite = 3 * self.s**4 * self.nu**2 / ((self.nu - 2) * (self.nu - 4))
        return sp.Piecewise((finite, self.nu > 4), (sp.oo, self.nu > 1), (sp.nan, True))

    def sup_density(self) -> sp.Expr:
        nu = self.nu
        return sp.gamma((nu + 1) / 2) / (sp.sqrt(nu * sp.pi) * self.s * sp.gamma(nu / 2))

    def half_width(self, delta: sp.Expr) -> sp.Expr:
        r""":math:`h(\delta) = s\sqrt{\nu((\sup f/\delta)^{2/(\nu+1)} - 1)}`."""
        base, power = self.sup_density() / delta, 2 / (self.nu + 1)
        if not (base.free_symbols or power.free_symbols):
            # a 50-digit value: exact rational powers of many-digit numbers make SymPy
            # factor huge integers (minutes, or an overflow)
            base, power = sp.N(base, 50), sp.N(power, 50)
        ratio = base**power
        return self.s * sp.sqrt(self.nu * (ratio - 1))

    def scipy(self) -> Any:
        return scipy.stats.t(df=to_float(self.nu), loc=to_float(self.mu), scale=to_float(self.s))
