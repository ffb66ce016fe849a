r"""Multivariate Normal location family :math:`N(\mu, \Sigma)` in ``d`` dimensions."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import scipy.stats
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.families.base import Family, LevelSet
from hallbound.symbolic.families.params import Param, check_covariance
from hallbound.symbolic.values import is_numeric


def gaussian_density(quadratic_form: Any, dim: Any, det_sigma: Any) -> sp.Expr:
    r"""The Normal density, written once:

    .. math:: f = (2\pi)^{-d/2} \det(\Sigma)^{-1/2} \exp(-\tfrac12 Q),
              \qquad Q = (a-\mu)^\top \Sigma^{-1} (a-\mu).

    ``quadratic_form`` is :math:`Q` (a scalar; see :func:`quadratic_form` for matrix symbols),
    ``dim`` the dimension :math:`d` (an int or a symbol), ``det_sigma`` :math:`\det\Sigma`.
    :class:`Normal` and the proof checks both build the density from here.
    """
    d = sp.sympify(dim)
    return (2 * sp.pi) ** (-d / 2) / sp.sqrt(det_sigma) * sp.exp(-sp.sympify(quadratic_form) / 2)


def quadratic_form(a: Any, mu: Any, sigma: Any) -> sp.Expr:
    r""":math:`Q = (a-\mu)^\top \Sigma^{-1} (a-\mu)` as a scalar.

    Explicit matrices give the entry of the 1x1 product; matrix symbols (a symbolic dimension)
    give :math:`\operatorname{tr}` of the 1x1 matrix expression, which is the same number.
    """
    diff = a - mu
    prod = (
        diff.T * sigma.inv() * diff
        if isinstance(sigma, sp.MatrixBase)
        else (diff.T * sigma.I * diff)
    )
    if isinstance(prod, sp.MatrixBase):
        return prod[0, 0]
    return sp.Trace(prod)


def normal_density_at(a: Any, mu: Any, sigma: Any, dim: Any) -> sp.Expr:
    r"""The :math:`N(\mu, \Sigma)` density at ``a``: :func:`gaussian_density` of
    :func:`quadratic_form`, with :math:`\det\Sigma` (``Determinant`` for a matrix symbol)."""
    det = sigma.det() if isinstance(sigma, sp.MatrixBase) else sp.Determinant(sigma)
    return gaussian_density(quadratic_form(a, mu, sigma), dim, det)


class MaxEigenvalue(sp.Function):
    r""":math:`\lambda_{\max}(\Sigma)`, the largest eigenvalue of a symmetric positive definite
    matrix, as a SymPy function of :math:`\Sigma` (printed :math:`\lambda_{\max}(\Sigma)`).

    It stays unevaluated while :math:`\Sigma` has free symbols, and evaluates as soon as they are
    substituted: a 1x1 matrix gives its entry; a rational :math:`\Sigma` the largest real root of
    the characteristic polynomial (exact, ``CRootOf`` when it has no radicals); any other numeric
    :math:`\Sigma` a 30-digit ``Float`` of ``numpy.linalg.eigvalsh``.
    """

    nargs = 1

    @classmethod
    def eval(cls, sigma: Any) -> sp.Expr | None:
        if not isinstance(sigma, sp.MatrixBase):
            raise InputError("Sigma", f"lambda_max needs a matrix, got {sigma!r}")
        if sigma.shape == (1, 1):
            return sigma[0, 0]
        if not is_numeric(sigma):
            return None
        poly = sp.Matrix(sigma).charpoly()
        if poly.domain.is_QQ or poly.domain.is_ZZ:
            return max(poly.real_roots())
        values = np.linalg.eigvalsh(np.array(sigma, dtype=float))
        return sp.Float(float(values.max()), 30)

    def _eval_is_commutative(self) -> bool:  # a scalar, though its argument is a matrix
        return True

    def _eval_is_real(self) -> bool:
        return True

    def _eval_is_positive(self) -> bool:  # Sigma is a covariance: positive definite
        return True

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        base = r"\lambda_{\max}(\Sigma)"
        return base if exp is None else f"{base}^{{{exp}}}"

    def _sympystr(self, printer: Any) -> str:
        return "lambda_max(Sigma)"


class Normal(Family):
    r"""Normal law with density

    .. math:: f(a) = (2\pi)^{-d/2} \det(\Sigma)^{-1/2}
              \exp\!\big(-\tfrac12 (a-\mu)^\top \Sigma^{-1} (a-\mu)\big).

    Level set: the ellipsoid :math:`(a-\mu)^\top\Sigma^{-1}(a-\mu) < R^2(\delta)` with
    :math:`R^2 = 2\ln(\sup f/\delta) = -2\ln\delta - d\ln(2\pi) - \ln\det\Sigma`, non-empty iff
    :math:`\delta < \sup f = (2\pi)^{-d/2}\det(\Sigma)^{-1/2}`; covering radius
    :math:`r(\delta) = \sqrt{\lambda_{\max}(\Sigma) R^2}`.
    """

    name = "normal"
    summary = "Gaussian N(mu, Sigma)"
    dims_text = "any d >= 1"
    example_state: ClassVar[dict[str, Any]] = {"weight": 0.5, "mean": [0.0], "cov": [[1.0]]}
    density_text = "exp(-(a - mu)^T Sigma^-1 (a - mu) / 2) / sqrt((2 pi)^d det Sigma)"
    symmetric = True
    params = (
        Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),
        Param("Sigma", key="cov", kind="covariance", latex=r"\Sigma"),
    )
    test_dims = (1, 3)

    # construction ----------------------------------------------------------------------
    @classmethod
    def symbolic(cls, dim: int = 1) -> Normal:
        if dim < 1:
            raise InputError("dim", f"must be >= 1, got {dim}")
        if dim == 1:
            sigma = sp.Symbol("sigma", positive=True)
            return cls(sp.Symbol("mu", real=True), sp.Matrix([[sigma**2]]))
        mu = sp.Matrix(sp.symbols(f"mu_1:{dim + 1}", real=True))
        sep = "" if dim < 10 else ","  # Sigma_12, or Sigma_1,12 from d = 10 on
        entries = [
            [sp.Symbol(f"Sigma_{min(i, j) + 1}{sep}{max(i, j) + 1}", real=True) for j in range(dim)]
            for i in range(dim)
        ]
        return cls(mu, sp.Matrix(entries))

    #: Raise :class:`InputError` unless ``cov`` is symmetric positive definite.
    check_covariance = staticmethod(check_covariance)

    # closed forms ----------------------------------------------------------------------
    def _quadratic_form(self) -> sp.Expr:
        if self.dim == 1:
            return (self.a - self.mu) ** 2 / self.Sigma[0, 0]
        diff = self.a - self.mu
        return (diff.T * self.Sigma.inv() * diff)[0, 0]

    def density(self) -> sp.Expr:
        return gaussian_density(self._quadratic_form(), self.dim, self.Sigma.det())

    def cdf_expression(self) -> sp.Expr:
        r""":math:`F(a) = \tfrac12\big(1 + \operatorname{erf}\frac{a-\mu}{\sqrt{2\Sigma}}\big)`
        (``dim == 1`` only)."""
        if self.dim != 1:
            raise NotImplementedError("normal: the CDF is written for dim == 1")
        return self.marginal_cdf_expression(0)

    def marginal_cdf_expression(self, coord: int) -> sp.Expr:
        r""":math:`F_j(a_j) = \tfrac12\big(1 + \operatorname{erf}
        \frac{a_j-\mu_j}{\sqrt{2\Sigma_{jj}}}\big)`: coordinate j is
        :math:`N(\mu_j, \Sigma_{jj})`."""
        if self.dim == 1:
            a, mu = self.a, self.mu
        else:
            a, mu = self.a[coord], self.mu[coord]
        return (1 + sp.erf((a - mu) / sp.sqrt(2 * self.Sigma[coord, coord]))) / 2

    def mean(self) -> sp.Expr | sp.Matrix:
        return self.mu

    def variance(self) -> sp.Expr:
        return self.Sigma.trace()

    def fourth_central_moment(self) -> sp.Expr:
        r""":math:`E\|A-\mu\|^4 = (\operatorname{tr}\Sigma)^2 + 2\operatorname{tr}(\Sigma^2)`."""
        return sp.expand(self.Sigma.trace() ** 2 + 2 * (self.Sigma * self.Sigma).trace())

    def sup_density(self) -> sp.Expr:
        return gaussian_density(0, self.dim, self.Sigma.det())

    def radius_squared(self, delta: sp.Expr) -> sp.Expr:
        r""":math:`R^2(\delta) = -2\ln\delta - d\ln(2\pi) - \ln\det\Sigma`."""
        return -2 * sp.log(delta) - self.dim * sp.log(2 * sp.pi) - sp.log(self.Sigma.det())

    def level_set(self, delta: sp.Expr) -> LevelSet:
        nonempty = sp.StrictLessThan(delta, self.sup_density())
        r2 = self.radius_squared(delta)
        if self.dim == 1 and nonempty == sp.false:
            return LevelSet("interval", nonempty, region=sp.EmptySet)
        if self.dim == 1:
            half = sp.sqrt(self.Sigma[0, 0] * r2)
            region = sp.Interval.open(self.mu - half, self.mu + half)
            return LevelSet("interval", nonempty, region=region)
        return LevelSet("ellipsoid", nonempty, center=self.mu, shape=self.Sigma.inv(), level=r2)

    def max_eigenvalue(self) -> sp.Expr:
        r""":math:`\lambda_{\max}(\Sigma)` as :class:`MaxEigenvalue` of :math:`\Sigma`: exact for
        rationals, unevaluated (a function of the entries of :math:`\Sigma`) while symbolic."""
        return MaxEigenvalue(sp.ImmutableMatrix(self.Sigma))

    def covering_radius(self, delta: sp.Expr) -> sp.Expr:
        r = sp.sqrt(self.max_eigenvalue() * self.radius_squared(delta))
        return sp.Piecewise((r, sp.StrictLessThan(delta, self.sup_density())), (0, True))

    def covariance(self) -> sp.Matrix:
        return sp.Matrix(self.Sigma)

    # numeric ---------------------------------------------------------------------------
    def marginal(self, coord: int) -> Any:
        r"""Coordinate j is :math:`N(\mu_j, \Sigma_{jj})`."""
        sd = float(np.sqrt(float(self.Sigma[coord, coord])))
        return scipy.stats.norm(loc=self.mean_vector()[coord], scale=sd)

    def scipy(self) -> Any:
        mean = self.mean_vector()
        cov = np.array(self.Sigma, dtype=float)
        if self.dim == 1:
            return scipy.stats.norm(loc=mean[0], scale=float(np.sqrt(cov[0, 0])))
        return scipy.stats.multivariate_normal(mean=mean, cov=cov)
