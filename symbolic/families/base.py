r"""The :class:`Family` protocol and :class:`LevelSet`.

A family is a location family of conditional laws: each latent state's law is the family
shifted to its mean :math:`\mu`. Parameters are SymPy objects: symbols (with assumptions)
for derivations, exact numbers for concrete mixtures. Every quantity is one closed-form
SymPy expression; numeric evaluation (``pdf``), LaTeX and compiled kernels all derive from it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

import numpy as np
import sympy as sp

from hallbound.symbolic.families.params import Param
from hallbound.symbolic.values import is_numeric, to_float

Point = float | Sequence[float] | np.ndarray


@dataclass(frozen=True)
class LevelSet:
    r"""The high-density region :math:`U^\delta = \{a : f(a) > \delta\}` in closed form.

    ``kind`` is one of:

    * ``"interval"``: ``region`` is a SymPy ``Interval`` (or ``Union`` of them) in ``a``;
    * ``"ellipsoid"``: :math:`\{a : (a-c)^\top M (a-c) < \ell\}` with ``center`` c,
      ``shape`` M (positive definite) and ``level`` :math:`\ell`;
    * ``"finite"``: ``region`` is a SymPy ``FiniteSet`` of support points (tuples for vectors)
      for concrete parameters; with symbolic ones, a ``ConditionSet`` of the support points
      whose mass exceeds :math:`\delta`.

    :meth:`contains` works on concrete level sets and compares floats (endpoints, ellipsoid
    and support points are converted once and cached).

    ``nonempty`` is the condition (a SymPy boolean in :math:`\delta` and the parameters)
    under which the region is not empty; for concrete numbers it evaluates to True/False.
    When it is False, the set is empty whatever ``region`` says.
    """

    kind: str
    nonempty: sp.Basic
    region: sp.Basic | None = None
    center: sp.Matrix | None = None
    shape: sp.Matrix | None = None
    level: sp.Expr | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when the condition is (numerically) false; raises for a symbolic condition."""
        cond = self.nonempty
        if cond not in (sp.true, sp.false, True, False):
            cond = sp.simplify(cond)
        if cond in (sp.true, True):
            return False
        if cond in (sp.false, False):
            return True
        raise ValueError(f"level set emptiness is symbolic: {self.nonempty}")

    @cached_property
    def _float_intervals(self) -> list[tuple[float, float, bool, bool]]:
        """``(lo, hi, left_open, right_open)`` for each interval of ``region``, as floats."""
        region = self.region
        parts = region.args if isinstance(region, sp.Union) else (region,)
        out = []
        for part in parts:
            if part is sp.S.EmptySet:
                continue
            if isinstance(part, sp.FiniteSet):  # degenerate single points
                out.extend((to_float(x), to_float(x), False, False) for x in part)
                continue
            lo, hi = to_float(part.start), to_float(part.end)
            out.append((lo, hi, bool(part.left_open), bool(part.right_open)))
        return out

    @cached_property
    def _float_ellipsoid(self) -> tuple[np.ndarray, np.ndarray, float]:
        c = np.array([to_float(v) for v in self.center], dtype=float)  # type: ignore[union-attr]
        m = np.array([[to_float(v) for v in row] for row in self.shape.tolist()], dtype=float)  # type: ignore[union-attr]
        return c, m, to_float(self.level)

    @cached_property
    def _float_members(self) -> list[np.ndarray]:
        return [
            np.atleast_1d(np.array([to_float(v) for v in np.atleast_1d(member)], dtype=float))
            for member in self.region  # type: ignore[union-attr]
        ]

    def contains(self, point: Point) -> bool:
        """Membership of a concrete point (numeric level sets only; float comparisons)."""
        if self.is_empty():
            return False
        x = np.atleast_1d(np.asarray(point, dtype=float))
        if self.kind == "interval":
            v = float(x[0])
            return any(
                (lo < v if lopen else lo <= v) and (v < hi if ropen else v <= hi)
                for lo, hi, lopen, ropen in self._float_intervals
            )
        if self.kind == "ellipsoid":
            c, m, level = self._float_ellipsoid
            diff = x - c
            return bool(diff @ m @ diff < level)
        if self.kind == "finite":
            return any(
                coords.shape == x.shape and np.allclose(coords, x, rtol=0, atol=1e-12)
                for coords in self._float_members
            )
        raise ValueError(f"unknown level-set kind {self.kind!r}")

    def latex(self, a: str = "a") -> str:
        """LaTeX of the set, e.g. ``\\{a : (a-\\mu)^\\top \\Sigma^{-1} (a-\\mu) < \\ell\\}``."""
        if self.kind == "ellipsoid":
            c = sp.latex(self.center.T if self.center is not None else "c")
            m = sp.latex(self.shape)
            return (
                rf"\left\{{ {a} : ({a}-{c})^\top {m} ({a}-{c}) < {sp.latex(self.level)} \right\}}"
            )
        return sp.latex(self.region)


class Family(ABC):
    r"""A location family of conditional laws :math:`f(a) = f_0(a - \mu)`.

    Subclasses implement one formula per method, in the style of ``sympy.stats``:
    :meth:`density`, :meth:`variance`, :meth:`fourth_central_moment`, :meth:`sup_density`,
    :meth:`level_set`, :meth:`covering_radius`, plus the numeric bridges :meth:`scipy` and
    :meth:`sample`. ``a`` (the point) and ``mu`` (the location) are SymPy objects: a scalar
    symbol/expression when ``dim == 1``, a column ``Matrix`` otherwise.
    """

    #: Registry name used in spec files and on the command line.
    name: ClassVar[str]
    #: True for pmfs on a countable support.
    discrete: ClassVar[bool] = False
    #: True when outcomes (and estimates) are probability vectors (one-hot outcomes).
    simplex: ClassVar[bool] = False
    #: The parameters, each declared once (:class:`~hallbound.symbolic.families.params.Param`).
    params: ClassVar[tuple[Param, ...]] = ()
    #: The dimensions property tests draw (lowest, highest).
    test_dims: ClassVar[tuple[int, int]] = (1, 1)

    dim: int
    a: sp.Expr | sp.Matrix
    mu: sp.Expr | sp.Matrix

    # ----- construction ---------------------------------------------------------------
    @classmethod
    @abstractmethod
    def symbolic(cls, dim: int = 1) -> Family:
        """The family with symbolic parameters (for ``derive``)."""

    @classmethod
    @abstractmethod
    def from_spec(cls, state: dict[str, Any], dim: int | None = None) -> Family:
        """A concrete member from one ``[[state]]`` table of a spec file (validated)."""

    @abstractmethod
    def shifted(self, mu: Any) -> Family:
        """The same law moved to location ``mu`` (a number, vector, or SymPy object)."""

    def _repr_latex_(self) -> str:
        """Jupyter: density, sup, moments and covering radius as one display."""
        from hallbound.notebook import family_latex

        return family_latex(self)

    def _repr_html_(self) -> str:
        from hallbound.notebook import family_html

        return family_html(self)

    @abstractmethod
    def parameters(self) -> dict[str, Any]:
        """The parameters, by the paper's names, as SymPy objects."""

    # ----- closed forms ---------------------------------------------------------------
    @abstractmethod
    def density(self) -> sp.Expr:
        """The density (or pmf) :math:`f(a)` as an expression in :attr:`a`."""

    def mean(self) -> sp.Expr | sp.Matrix:
        r""":math:`E[A] = \mu` for a location family."""
        return self.mu

    def cdf_expression(self) -> sp.Expr:
        r"""The distribution function :math:`F(a) = P(A \le a)` as an expression in :attr:`a`
        (1-D families). Families without a closed form that ``math`` can evaluate raise
        ``NotImplementedError``; the compiled quantile estimators then fall back to Python.
        (Not named ``cdf``: the quantile derivation keeps :math:`F_i` abstract.)"""
        raise NotImplementedError(f"{self.name}: no closed-form CDF")

    def marginal_cdf_expression(self, coord: int) -> sp.Expr:
        r"""The CDF of coordinate ``coord``, :math:`F_j(a_j) = P(A_j \le a_j)`, as an expression
        in that coordinate of :attr:`a` (1-D families: :meth:`cdf_expression`)."""
        if self.dim == 1 and coord == 0:
            return self.cdf_expression()
        raise NotImplementedError(f"{self.name}: no closed-form marginal CDF")

    @abstractmethod
    def variance(self) -> sp.Expr:
        r""":math:`E\|A - E A\|^2` (the trace of the covariance for vectors)."""

    @abstractmethod
    def fourth_central_moment(self) -> sp.Expr:
        r""":math:`E\|A - E A\|^4`."""

    @abstractmethod
    def sup_density(self) -> sp.Expr:
        r""":math:`\sup_a f(a)`."""

    @abstractmethod
    def level_set(self, delta: sp.Expr) -> LevelSet:
        r""":math:`U^\delta = \{a : f(a) > \delta\}` in closed form."""

    @abstractmethod
    def covering_radius(self, delta: sp.Expr) -> sp.Expr:
        r""":math:`r(\delta) = \inf\{r > 0 : U^\delta \subset B(\mu, r)\}` (0 when empty)."""

    # ----- numeric bridges ------------------------------------------------------------
    @abstractmethod
    def scipy(self) -> Any:
        """The same law as a frozen ``scipy.stats`` distribution (concrete members only)."""

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` draws, shape ``(size, dim)``."""
        draws = np.asarray(self.scipy().rvs(size=size, random_state=rng), dtype=float)
        return draws.reshape(size, self.dim)

    def covariance(self) -> sp.Matrix:
        r"""The covariance matrix :math:`\operatorname{Cov}(A)` (``dim x dim``); in 1-D
        :math:`[\operatorname{Var} A]`. Families in several dimensions override it."""
        if self.dim == 1:
            return sp.Matrix([[self.variance()]])
        raise NotImplementedError(f"{self.name}: no covariance matrix")

    def marginal(self, coord: int) -> Any:
        """Coordinate ``coord``'s law as a frozen 1-D ``scipy.stats`` distribution."""
        if self.dim == 1 and coord == 0:
            return self.scipy()
        raise NotImplementedError(f"{self.name}: no 1-D marginals")

    def support_points(self) -> np.ndarray:
        """A discrete law's support as floats, shape ``(K, dim)`` (1-D: from ``scipy``'s
        support, or its quantiles :math:`10^{-10}` and :math:`1 - 10^{-10}` when unbounded)."""
        if not self.discrete or self.dim != 1:
            raise NotImplementedError(f"{self.name}: no finite support to enumerate")
        law = self.scipy()
        lo, hi = law.support()
        if not (np.isfinite(lo) and np.isfinite(hi)):
            lo, hi = law.ppf(1e-10), law.ppf(1 - 1e-10)
        return (lo + np.arange(int(round(hi - lo)) + 1, dtype=float)).reshape(-1, 1)

    def support_table(self) -> tuple[np.ndarray, np.ndarray]:
        """A discrete law's support ``(K, dim)`` and masses ``(K,)`` as floats (masses from
        ``scipy.stats``, independent of :meth:`density`)."""
        pts = self.support_points()
        return pts, np.asarray(self.scipy().pmf(pts[:, 0]), dtype=float)

    def is_concrete(self) -> bool:
        """True when every parameter is a number (no free symbols besides ``a``)."""
        return all(is_numeric(v) for v in self.parameters().values())

    def point_symbols(self) -> list[sp.Symbol]:
        """The coordinates of :attr:`a`, in order."""
        if isinstance(self.a, sp.MatrixBase):
            return list(self.a)
        return [self.a]

    def pdf_function(self) -> Callable[..., float]:
        """``f`` as a Python callable of the coordinates of ``a`` (NumPy backend)."""
        cached = getattr(self, "_pdf_fn", None)
        if cached is None:
            cached = sp.lambdify(self.point_symbols(), self.density(), modules=["numpy", "scipy"])
            self._pdf_fn = cached
        return cached

    def pdf(self, point: Point) -> float:
        """The density at a concrete point (concrete members only)."""
        x = np.atleast_1d(np.asarray(point, dtype=float)).reshape(-1)
        if x.size != self.dim:
            from hallbound.errors import InputError

            raise InputError("point", f"must have length {self.dim}, got {x.size}")
        return float(self.pdf_function()(*x))

    def mean_vector(self) -> np.ndarray:
        """The mean as a float vector of length ``dim``."""
        m = self.mean()
        values = list(m) if isinstance(m, sp.MatrixBase) else [m]
        return np.array([to_float(v) for v in values], dtype=float)

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v}" for k, v in self.parameters().items())
        return f"{type(self).__name__}({params})"


class SymmetricIntervalFamily(Family):
    r"""A 1-D family whose level set is :math:`(\mu - h(\delta), \mu + h(\delta))`, with
    :math:`h` from :meth:`half_width` (symmetric, strictly unimodal densities): then
    :math:`U^\delta` is that open interval when :math:`\delta < \sup f`, empty otherwise,
    and :math:`r(\delta) = h(\delta)`."""

    @abstractmethod
    def half_width(self, delta: sp.Expr) -> sp.Expr:
        r""":math:`h(\delta)`, the solution of :math:`f(\mu + h) = \delta`."""

    def level_set(self, delta: sp.Expr) -> LevelSet:
        nonempty = sp.StrictLessThan(delta, self.sup_density())
        if nonempty == sp.false:
            return LevelSet("interval", nonempty, region=sp.EmptySet)
        h = self.half_width(delta)
        return LevelSet("interval", nonempty, region=sp.Interval.open(self.mu - h, self.mu + h))

    def covering_radius(self, delta: sp.Expr) -> sp.Expr:
        nonempty = sp.StrictLessThan(delta, self.sup_density())
        return sp.Piecewise((self.half_width(delta), nonempty), (0, True))
