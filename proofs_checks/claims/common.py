r"""Symbols and parameter domains shared by the claims, named as in the paper.

Each :class:`~hallbound.proofs_checks.engine.claim.Param` carries the paper's name (``delta``,
``d_a``, ``N``, ``p``, ``Sigma``, ``eps``, ``C``, ...) so witnesses print in the paper's
notation. Unbounded domains carry a ``search`` range used only by falsification.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import mpmath
import sympy as sp

from hallbound.proofs_checks.engine.claim import Param
from hallbound.symbolic.families.normal import gaussian_density, normal_density_at

delta = sp.Symbol("delta", positive=True)
d_a = sp.Symbol("d_a", integer=True, positive=True)
N = sp.Symbol("N", integer=True, positive=True)
eps = sp.Symbol("epsilon", nonnegative=True)

DELTA = Param(
    "delta",
    delta,
    lo=0,
    hi=1,
    lo_open=True,
    search=(1e-6, 1.0),
    description="hallucination level, delta in (0, 1]",
)
D_A = Param("d_a", d_a, kind="integer", lo=1, search=(1, 6), description="output dimension")
N_P = Param("N", N, kind="integer", lo=2, search=(2, 8), description="number of latent states")
EPS = Param("eps", eps, lo=0, search=(0, 5), description="distance of A' from A*")


def positive(
    name: str, search: tuple[float, float] = (1e-3, 1e3), **kw: Any
) -> tuple[sp.Symbol, Param]:
    """A positive real symbol and its domain (0, oo)."""
    s = sp.Symbol(name, positive=True)
    return s, Param(name, s, lo=0, lo_open=True, search=search, **kw)


def nonneg(name: str, search: tuple[float, float] = (0, 10), **kw: Any) -> tuple[sp.Symbol, Param]:
    """A non-negative real symbol (a slack variable) and its domain [0, oo)."""
    s = sp.Symbol(name, nonnegative=True)
    return s, Param(name, s, lo=0, search=search, **kw)


def unit(
    name: str, lo_open: bool = False, hi_open: bool = False, **kw: Any
) -> tuple[sp.Symbol, Param]:
    """A symbol in [0, 1] (open ends on request)."""
    s = sp.Symbol(name, positive=True) if lo_open else sp.Symbol(name, nonnegative=True)
    return s, Param(name, s, lo=0, hi=1, lo_open=lo_open, hi_open=hi_open, **kw)


def real(name: str, search: tuple[float, float] = (-10, 10), **kw: Any) -> tuple[sp.Symbol, Param]:
    s = sp.Symbol(name, real=True)
    return s, Param(name, s, search=search, **kw)


@cache
def _normal_pdf(d: int) -> Any:
    """The :math:`N(\\mu, \\Sigma)` density in ``d`` dimensions, lambdified (mpmath) from
    :func:`hallbound.symbolic.families.normal.normal_density_at`; arguments: the point, the
    mean and the covariance entries, each flattened row by row."""
    a = sp.Matrix(sp.symbols(f"a_1:{d + 1}", real=True))
    mu = sp.Matrix(sp.symbols(f"mu_1:{d + 1}", real=True))
    cov = sp.Matrix(d, d, sp.symbols(f"S_1:{d * d + 1}", real=True))
    expr = normal_density_at(a, mu, cov, d)
    return sp.lambdify([*a, *mu, *cov], expr, modules="mpmath")


def gauss_pdf(point: mpmath.matrix, mean: mpmath.matrix, cov: mpmath.matrix) -> Any:
    r"""The :math:`N(\mu, \Sigma)` density at a point, in mpmath (current precision):
    :math:`(2\pi)^{-d/2}\det(\Sigma)^{-1/2}\exp(-\tfrac12 (a-\mu)^\top\Sigma^{-1}(a-\mu))`,
    evaluated from the one formula in :mod:`hallbound.symbolic.families.normal`."""
    d = cov.rows
    args = [point[i] for i in range(d)] + [mean[i] for i in range(d)]
    args += [cov[i, j] for i in range(d) for j in range(d)]
    return mpmath.mpmathify(_normal_pdf(d)(*args))


def stated_density(quadratic_form: Any, det_sigma: Any, dim: Any) -> Any:
    r"""A density written the paper's way, :math:`(2\pi)^{-d/2}\det(\Sigma)^{-1/2}e^{-Q/2}`, for
    a stated quadratic form ``Q`` (the formula of
    :func:`hallbound.symbolic.families.normal.gaussian_density`; SymPy or mpmath numbers)."""
    return _stated()(quadratic_form, det_sigma, dim)


@cache
def _stated() -> Any:
    q, det, d = sp.symbols("Q D d")
    return sp.lambdify([q, det, d], gaussian_density(q, d, det), modules="mpmath")


#: :math:`(2\pi)^{-d_a/2}`, the Normal constant (the density formula at :math:`Q = 0`,
#: :math:`\det\Sigma = 1`).
TWO_PI = gaussian_density(0, d_a, 1)


def ones(d: int) -> mpmath.matrix:
    """The all-ones column vector in R^d."""
    return mpmath.matrix([[1] for _ in range(d)])


def matrix_view(m: Any) -> list[list[float]]:
    """An mpmath matrix or nested list -> nested list of numbers (for witnesses)."""
    if isinstance(m, list):
        return m
    return [[m[i, j] for j in range(m.cols)] for i in range(m.rows)]


#: :math:`\lambda = -\ln\delta \ge 0`: proofs write :math:`\delta = e^{-\lambda}` so that SymPy
#: knows :math:`\delta \le 1` (``given={delta: exp(-lam)}``).
lam = sp.Symbol("lambda", nonnegative=True)
LAM = Param("lambda", lam, lo=0, search=(0, 15), description="-ln(delta)")
DELTA_AS_EXP = {delta: sp.exp(-lam)}


def written_at(expr: sp.Basic, values: Mapping[sp.Basic, Any]) -> sp.Basic:
    r"""``expr`` with ``values`` put in, as the paper writes the computation.

    The nodes the substitution reaches are rebuilt without SymPy's automatic evaluation, so
    :math:`5/\gamma` at :math:`\gamma/2` stays :math:`5/(\gamma/2)` rather than becoming
    :math:`10/\gamma` (a step built from the folded value would read
    :math:`10/\gamma = 10/\gamma`, which is not the computation). The rest of ``expr`` and
    the values themselves are taken as built. The checker still substitutes and simplifies,
    so the step is decided on the same mathematics.
    """
    with sp.evaluate(False):
        return expr.xreplace(dict(values))
