r"""The union bound's density term (setting of Theorem 6.1), written once: the expression the
running bound (:func:`hallbound.numeric.bounds.union_bound`) evaluates.

The term for one pair of states :math:`(i, j)` is
:math:`V_d\, r_i^d\, G_j / |c_{ij}|^d` with :math:`V_d r^d = \pi^{d/2} r^d / \Gamma(d/2 + 1)`
the volume of the Euclidean ball (NIST DLMF 5.19.4). The claim ``Theorem 6.1 (corrected)``
checks this expression against the proved term built from the trust base's ``Ball volume``
lemma (its step ``U7a``), so a changed formula here changes a ``check`` verdict.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import sympy as sp

#: Symbols of the bound's term for one pair of states (i, j).
DIM = sp.Symbol("d", integer=True, positive=True)
RADIUS = sp.Symbol("r_i", positive=True)
SUP = sp.Symbol("G_j", positive=True)
COEF = sp.Symbol("|c_ij|", positive=True)
LOG_SUP, LOG_COEF = sp.symbols("log_G_j log_c_ij", real=True)


def ball_volume(d: sp.Expr, r: sp.Expr) -> sp.Expr:
    r""":math:`\operatorname{vol}(B_d(r)) = \pi^{d/2} r^d / \Gamma(d/2 + 1)`."""
    return sp.pi ** (d / 2) * r**d / sp.gamma(d / 2 + 1)


def term() -> sp.Expr:
    r""":math:`V_d r_i^d\, G_j / |c_{ij}|^d`: the union bound's term (before the min with 1)."""
    return ball_volume(DIM, RADIUS) * SUP / COEF**DIM


def log_term_expression() -> sp.Expr:
    r""":math:`\log` of :func:`term` in ``(DIM, RADIUS, LOG_SUP, LOG_COEF)``: the expression
    :func:`log_term` evaluates (read when called)."""
    return sp.expand_log(sp.log(term().subs({SUP: sp.exp(LOG_SUP), COEF: sp.exp(LOG_COEF)})))


class _LogGamma(sp.Function):
    r""":math:`\log\Gamma(x)`, :math:`x > 0`, kept unevaluated so that NumPy evaluates it as
    ``scipy.special.gammaln``: :math:`\Gamma` overflows past :math:`x \approx 171` (then
    :math:`\log\Gamma = \infty` made the term 0 and the bound 1), and SymPy's ``loggamma``
    rewrites half-integer arguments back through :math:`\Gamma`."""

    nargs = 1


def _numeric_log_gamma(expr: sp.Expr) -> sp.Expr:
    return expr.replace(
        lambda e: isinstance(e, sp.log) and isinstance(e.args[0], sp.gamma),
        lambda e: _LogGamma(e.args[0].args[0]),
    )


@functools.cache
def log_term() -> Callable[..., Any]:
    r""":math:`\log` of :func:`term` as a NumPy function of ``(d, r, log G, log |c|)``,
    generated (lambdified) from :func:`log_term_expression`, with :math:`\log\Gamma` evaluated
    as ``gammaln`` (finite for every dimension)."""
    from scipy.special import gammaln

    expr = _numeric_log_gamma(log_term_expression())
    return sp.lambdify(
        (DIM, RADIUS, LOG_SUP, LOG_COEF),
        expr,
        modules=[{"_LogGamma": gammaln}, "scipy", "numpy"],
    )


__all__ = [
    "COEF",
    "DIM",
    "LOG_COEF",
    "LOG_SUP",
    "RADIUS",
    "SUP",
    "ball_volume",
    "log_term",
    "log_term_expression",
    "term",
]
