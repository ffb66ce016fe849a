r"""Mean laws :math:`d_i^\mu` (Definition 6.1, Assumption 6.1): how each state's mean is drawn.

A mean law draws :math:`\mu_i = \mu_0 + s \odot \xi` with independent coordinates
:math:`\xi_j` from a *standard* law of the given ``kind`` (centred, symmetric) and a
per-coordinate ``scale`` :math:`s_j > 0`:

=============== ========================================== ==========================
kind            :math:`\xi` (standard law)                  ``scale`` means
=============== ========================================== ==========================
``normal``      :math:`N(0, 1)`                             standard deviation
``uniform``     :math:`U(-1, 1)`                            half-width
``laplace``     density :math:`\tfrac12 e^{-|x|}`           Laplace scale :math:`b`
``two-point``   :math:`\pm 1` with probability 1/2 each      the offset :math:`\pm s`
=============== ========================================== ==========================

(``rademacher`` is an alias of ``two-point``.) With :math:`m_k := E[\xi^k]` (derived with
``sympy.stats``), the paper's moments in :math:`d` dimensions are

.. math::

    \sigma_i^d = E\|\mu_i - \mu_0\|^2 = m_2 \sum_j s_j^2, \qquad
    E\|\mu_i - \mu_0\|^4 = m_2^2\Big[\big(\textstyle\sum_j s_j^2\big)^2 - \sum_j s_j^4\Big]
                           + m_4 \sum_j s_j^4,

    K_i = \frac{(E\|\mu_i - \mu_0\|^2)^2}{E\|\mu_i - \mu_0\|^4}.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
import sympy.stats as st

from hallbound.errors import InputError
from hallbound.symbolic.values import exact, exact_vector


@dataclass(frozen=True)
class StandardLaw:
    """A centred standard law :math:`\\xi` for one coordinate."""

    name: str
    code: int  # the integer the Monte Carlo kernel switches on
    scale_meaning: str
    variable: Callable[[], Any]  # a sympy.stats random variable


#: Registry of mean-law kinds (the ``kind`` key of ``[mean_law]``).
KINDS: dict[str, StandardLaw] = {
    "normal": StandardLaw("normal", 0, "standard deviation", lambda: st.Normal("xi", 0, 1)),
    "uniform": StandardLaw("uniform", 1, "half-width", lambda: st.Uniform("xi", -1, 1)),
    "laplace": StandardLaw("laplace", 2, "Laplace scale b", lambda: st.Laplace("xi", 0, 1)),
    "two-point": StandardLaw(
        "two-point",
        3,
        "offset (+/- scale)",
        lambda: st.FiniteRV(
            "xi", {sp.Integer(-1): sp.Rational(1, 2), sp.Integer(1): sp.Rational(1, 2)}
        ),
    ),
}
ALIASES: dict[str, str] = {"rademacher": "two-point", "gaussian": "normal"}
TABLE_KEYS = ("kind", "center", "scale")


def law_kind(name: object, parameter: str = "mean_law.kind") -> StandardLaw:
    """The registered standard law for ``name``, else :class:`InputError` naming ``parameter``."""
    if not isinstance(name, str):
        raise InputError(parameter, f"must be a string, got {name!r}")
    key = ALIASES.get(name.lower(), name.lower())
    if key not in KINDS:
        known = ", ".join([*sorted(KINDS), *sorted(ALIASES)])
        raise InputError(parameter, f"unknown mean law {name!r} (known: {known})")
    return KINDS[key]


@functools.cache
def standard_moments(kind: str) -> tuple[sp.Expr, sp.Expr]:
    r""":math:`(m_2, m_4) = (E\xi^2, E\xi^4)` of the standard law, derived by ``sympy.stats``."""
    xi = law_kind(kind).variable()
    return sp.simplify(st.E(xi**2)), sp.simplify(st.E(xi**4))  # exact already


#: The variable of :func:`standard_density`.
X_STD = sp.Symbol("x", real=True)


@functools.cache
def standard_density(kind: str) -> sp.Expr | None:
    r"""The density of the standard law :math:`\xi` in :data:`X_STD` (``sympy.stats``), or
    None for a law without one (``two-point``)."""
    xi = law_kind(kind).variable()
    if isinstance(xi.pspace, st.frv.SingleFinitePSpace):
        return None
    return sp.simplify(st.density(xi)(X_STD))


@functools.cache
def standard_cdf(kind: str) -> sp.Expr | None:
    r"""The CDF of the standard law :math:`\xi` in :data:`X_STD` (``sympy.stats``), or None
    for a law without a density."""
    xi = law_kind(kind).variable()
    if isinstance(xi.pspace, st.frv.SingleFinitePSpace):
        return None
    return sp.simplify(st.cdf(xi)(X_STD))


@functools.cache
def standard_sup_density(kind: str) -> sp.Expr:
    r""":math:`\sup_x f_\xi(x)`, derived from :func:`standard_density` by maximising each
    piece over its set (``sympy.calculus.util.maximum``); :math:`\infty` without a density.

    The sup density of :math:`\mu - \mu_0 = s \odot \xi` in :math:`d` coordinates is
    :math:`\prod_k \sup f_\xi / s_k`."""
    from sympy.calculus.util import maximum

    pdf = standard_density(kind)
    if pdf is None:
        return sp.oo
    pieces = pdf.args if isinstance(pdf, sp.Piecewise) else ((pdf, sp.true),)
    rest: sp.Set = sp.S.Reals
    best = []
    for expr, cond in pieces:
        where = (sp.S.Reals if cond is sp.true else cond.as_set()).intersect(rest)
        rest = rest - where
        if where is not sp.S.EmptySet:
            best.append(maximum(expr, X_STD, where))
    return sp.simplify(sp.Max(*best))


def moment_expressions(kind: str, dim: int) -> tuple[sp.Expr, sp.Expr, sp.Expr, list[sp.Symbol]]:
    r"""Symbolic :math:`(\sigma^d, E\|\mu-\mu_0\|^4, K)` in scale symbols :math:`s_1..s_d`."""
    if dim < 1:
        raise InputError("dim", f"must be >= 1, got {dim}")
    m2, m4 = standard_moments(law_kind(kind).name)
    s = (
        list(sp.symbols(f"s_1:{dim + 1}", positive=True))
        if dim > 1
        else [sp.Symbol("s", positive=True)]
    )
    sum2 = sp.Add(*[x**2 for x in s])
    sum4 = sp.Add(*[x**4 for x in s])
    second = m2 * sum2
    fourth = m2**2 * (sum2**2 - sum4) + m4 * sum4
    return second, sp.expand(fourth), second**2 / sp.expand(fourth), s


@dataclass(frozen=True)
class MeanLaw:
    r"""The law :math:`d^\mu` of one state's mean: :math:`\mu = \mu_0 + s\odot\xi`."""

    kind: str
    center: tuple[sp.Expr, ...]
    scale: tuple[sp.Expr, ...]

    def __post_init__(self) -> None:
        law = law_kind(self.kind, "mean_law.kind")
        object.__setattr__(self, "kind", law.name)
        if len(self.center) != len(self.scale):
            raise InputError("mean_law.scale", f"must have length {len(self.center)}")
        for j, s in enumerate(self.scale):
            if not s > 0:
                raise InputError(f"mean_law.scale[{j}]", f"must be > 0, got {s}")

    # construction ----------------------------------------------------------------------
    @classmethod
    def from_spec(cls, table: Any, dim: int | None = None, parameter: str = "mean_law") -> MeanLaw:
        """Read a ``[mean_law]`` table (keys ``kind``, ``center``, ``scale``).

        A scalar ``center``/``scale`` is broadcast to ``dim`` coordinates.
        """
        if not isinstance(table, dict):
            raise InputError(parameter, "must be a table")
        for key in table:
            if key not in TABLE_KEYS:
                raise InputError(
                    f"{parameter}.{key}", f"unknown key (known: {', '.join(TABLE_KEYS)})"
                )
        for key in TABLE_KEYS:
            if key not in table:
                raise InputError(f"{parameter}.{key}", "missing")
        law = law_kind(table["kind"], f"{parameter}.kind")
        center = _vector(table["center"], f"{parameter}.center", dim)
        scale = _vector(table["scale"], f"{parameter}.scale", len(center))
        for j, s in enumerate(scale):
            if not s > 0:
                raise InputError(f"{parameter}.scale[{j}]", f"must be > 0, got {s}")
        return cls(law.name, tuple(center), tuple(scale))

    @property
    def dim(self) -> int:
        return len(self.center)

    @property
    def code(self) -> int:
        """The kernel's integer code of :attr:`kind`."""
        return KINDS[self.kind].code

    def with_scale(self, scale: float | Sequence[float]) -> MeanLaw:
        """The same law with another scale (a number is used for every coordinate)."""
        values = _vector(scale, "scale", self.dim)
        return MeanLaw(self.kind, self.center, tuple(values))

    # moments ---------------------------------------------------------------------------
    def _subs(self, expr: sp.Expr, symbols: list[sp.Symbol]) -> sp.Expr:
        # the scale is exact (see ``_vector``), so the result is exact: expand, don't guess
        return sp.expand(expr.subs(dict(zip(symbols, self.scale, strict=True))))

    def second_moment(self) -> sp.Expr:
        r""":math:`\sigma^d = E\|\mu - \mu_0\|^2` (exact)."""
        second, _, _, s = moment_expressions(self.kind, self.dim)
        return self._subs(second, s)

    def fourth_moment(self) -> sp.Expr:
        r""":math:`E\|\mu - \mu_0\|^4` (exact)."""
        _, fourth, _, s = moment_expressions(self.kind, self.dim)
        return self._subs(fourth, s)

    def kurtosis_ratio(self) -> sp.Expr:
        r""":math:`K = (E\|\mu-\mu_0\|^2)^2 / E\|\mu-\mu_0\|^4` (exact)."""
        return sp.simplify(self.second_moment() ** 2 / self.fourth_moment())

    # numeric ---------------------------------------------------------------------------
    def center_vector(self) -> np.ndarray:
        return np.array([float(c) for c in self.center], dtype=float)

    def scale_vector(self) -> np.ndarray:
        return np.array([float(s) for s in self.scale], dtype=float)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` draws of :math:`\\mu`, shape ``(size, dim)`` (same stream as the kernel)."""
        xi = draw_standard(rng, self.kind, (size, self.dim))
        return self.center_vector() + self.scale_vector() * xi


def draw_standard(rng: np.random.Generator, kind: str, shape: tuple[int, ...]) -> np.ndarray:
    r"""Standard draws :math:`\xi`, using exactly the primitives of the Monte Carlo kernel.

    normal: ``standard_normal``; uniform: :math:`2u - 1`; laplace: inverse CDF of
    :math:`u` (:math:`\ln 2u` below 1/2, :math:`-\ln 2(1-u)` above); two-point:
    :math:`+1` if :math:`u < 1/2` else :math:`-1`; :math:`u` from ``rng.random``.
    """
    name = law_kind(kind).name
    if name == "normal":
        return rng.standard_normal(shape)
    u = rng.random(shape)
    if name == "uniform":
        return 2.0 * u - 1.0
    if name == "laplace":
        u = np.where(u == 0.0, 2.0**-54, u)
        with np.errstate(divide="ignore"):
            return np.where(u < 0.5, np.log(2.0 * u), -np.log(2.0 * (1.0 - u)))
    return np.where(u < 0.5, 1.0, -1.0)


def _vector(value: Any, parameter: str, dim: int | None) -> list[sp.Expr]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if dim is None:
            return [exact(value, parameter)]
        return [exact(value, parameter)] * dim
    return exact_vector(value, parameter, dim)


__all__ = [
    "ALIASES",
    "KINDS",
    "MeanLaw",
    "StandardLaw",
    "draw_standard",
    "law_kind",
    "moment_expressions",
    "standard_cdf",
    "standard_density",
    "standard_moments",
    "standard_sup_density",
]
