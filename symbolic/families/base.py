r"""The :class:`Family` protocol and :class:`LevelSet`.

A family is a location family of conditional laws: each latent state's law is the family
shifted to its mean :math:`\mu`. Parameters are declared once
(:class:`~hallbound.symbolic.families.params.Param`) and hold SymPy objects: symbols (with the
domain's assumptions) for derivations, exact numbers for concrete mixtures. The density is one
SymPy expression; numeric evaluation (``pdf``), LaTeX and compiled kernels all derive from it.
Every other quantity is a closed form the family writes, or a fallback of this base class
(:mod:`hallbound.symbolic.families.fallback`: SymPy checked against 30-digit numerics, or the
numerics themselves), which says which it is (an unevaluated ``Integral``, a ``Float``).
"""

from __future__ import annotations

import functools
import math
import types
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.families import fallback
from hallbound.symbolic.families.common import check_dim_one, point_symbol, scalar, vector
from hallbound.symbolic.families.numerics import T
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
    r"""A family of conditional laws :math:`f(a)`, in the style of ``scipy.stats.rv_continuous``.

    A subclass declares its parameters once (:attr:`params`, a tuple of
    :class:`~hallbound.symbolic.families.params.Param`), its :meth:`density` as a SymPy
    expression in :attr:`a` and, for a continuous 1-D family, the :attr:`support` of
    :math:`a - \mathrm{location}`. Everything else has a generic fallback:

    * construction: ``Family(*values)`` in declaration order (or by name), :meth:`symbolic`,
      :meth:`from_spec` (the declared spec keys, domains checked), :meth:`shifted`,
      :meth:`parameters`, :meth:`replace`; members are immutable and hashable (caches live
      outside them, keyed by the member);
    * closed forms: :meth:`mean`, :meth:`variance`, :meth:`fourth_central_moment`,
      :meth:`sup_density`, :meth:`cdf_expression`, :meth:`level_set`, :meth:`covering_radius`.
      For symbolic parameters the fallback is SymPy's (``integrate``, ``solve``,
      ``maximum``), accepted only when it agrees with 30-digit quadrature at the middle of
      every parameter's test range; otherwise an unevaluated ``Integral`` (moments) or
      ``NotImplementedError`` naming the method to write. For concrete parameters the
      fallback is numeric at 30 digits (:mod:`hallbound.symbolic.families.numerics`:
      tanh-sinh quadrature, golden-section mode, bisected level-set ends);
    * numeric bridges: :meth:`scipy` (a ``scipy.stats.rv_continuous`` of the density),
      :meth:`sample` (numerical inversion), :meth:`marginal`, :meth:`covariance`,
      :meth:`support_points`/:meth:`support_table` (discrete laws).

    A family overrides a method only where a closed form is better. ``a`` (the point) and the
    location are SymPy objects: scalars when ``dim == 1``, column matrices otherwise.
    """

    #: Registry name used in spec files and on the command line.
    name: ClassVar[str]
    #: True for pmfs on a countable support.
    discrete: ClassVar[bool] = False
    #: True when outcomes (and estimates) are probability vectors (one-hot outcomes).
    simplex: ClassVar[bool] = False
    #: True for a density symmetric about its location and unimodal there.
    symmetric: ClassVar[bool] = False
    #: The parameters, each declared once (:class:`~hallbound.symbolic.families.params.Param`).
    params: ClassVar[tuple[Param, ...]] = ()
    #: The dimensions property tests draw (lowest, highest).
    test_dims: ClassVar[tuple[int, int]] = (1, 1)
    #: Support of :math:`a - \mathrm{location}` of a 1-D continuous family.
    support: ClassVar[tuple[float, float]] = (-math.inf, math.inf)
    #: Texts of ``hallbound families`` (empty: generated by
    #: :func:`hallbound.catalogue.generic_text`): a one-line summary, the dimensions, an
    #: example ``[[state]]`` and the density in plain text.
    summary: ClassVar[str] = ""
    dims_text: ClassVar[str] = ""
    example_state: ClassVar[dict[str, Any] | None] = None
    density_text: ClassVar[str] = ""
    #: ``lambdify`` modules for :meth:`pdf_function`.
    lambdify_modules: ClassVar[tuple[Any, ...]] = ("numpy", "scipy")

    dim: int
    a: sp.Expr | sp.Matrix

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A class whose :attr:`support` is finite at an end gets its :meth:`density` set to 0
        outside it (the formula a family writes need not carry the indicator)."""
        super().__init_subclass__(**kwargs)
        written = getattr(cls, "density", None)
        written = getattr(written, "__wrapped__", written)  # the formula, not an earlier mask
        lo, hi = cls.support
        if written is None or getattr(written, "__isabstractmethod__", False) or cls.discrete:
            return
        if math.isinf(lo) and math.isinf(hi):
            if "density" not in cls.__dict__ and hasattr(cls.density, "__wrapped__"):
                cls.density = written  # type: ignore[method-assign]
            return

        @functools.wraps(written)
        def density(self: Family) -> sp.Expr:
            t = self.a - self.location()
            inside = sp.And(t >= _exact(lo), t <= _exact(hi))
            return sp.Piecewise((written(self), inside), (0, True))

        cls.density = density  # type: ignore[method-assign]

    # ----- construction ---------------------------------------------------------------
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = [p.name for p in self.params]
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes {len(names)} parameters {names}")
        values = dict(zip(names, args, strict=False))
        for key, value in kwargs.items():
            if key not in names or key in values:
                raise TypeError(f"{type(self).__name__}: unexpected or repeated {key!r}")
            values[key] = value
        for p in self.params:
            if p.name not in values:
                if p.default is None:
                    raise TypeError(f"{type(self).__name__}: missing parameter {p.name!r}")
                values[p.name] = p.default
            values[p.name] = _freeze(values[p.name])
        object.__setattr__(self, "_values", types.MappingProxyType(values))
        dim = self._dimension()
        object.__setattr__(self, "dim", dim)
        object.__setattr__(self, "a", point_symbol(dim))
        self.validate()

    def validate(self) -> None:  # noqa: B027 - a hook, empty by default
        """Checks across parameters (raise :class:`InputError`); none by default."""

    def _dimension(self) -> int:
        for p in self.params:
            value = self._values[p.name]
            if p.kind == "covariance":
                return int(value.shape[0])
            if p.kind == "simplex":
                return len(value)
            if p.kind == "location" and isinstance(value, sp.MatrixBase):
                return int(value.shape[0])
        return 1

    def __getattr__(self, name: str) -> Any:
        values = self.__dict__.get("_values")
        if values is not None and name in values:
            return values[name]
        raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} members are immutable: use replace()")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} members are immutable")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and dict(other._values) == dict(self._values)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), tuple(self._values.items())))

    def replace(self, **changes: Any) -> Family:
        """The member with some parameters changed (by name)."""
        return type(self)(**{**self._values, **changes})

    @classmethod
    def multidimensional(cls) -> bool:
        """True when members may have ``dim > 1`` (a covariance or simplex parameter)."""
        return any(p.kind in ("covariance", "simplex") for p in cls.params) or cls.test_dims[1] > 1

    @classmethod
    def location_param(cls) -> Param | None:
        """The parameter :meth:`shifted` moves (``location=True``), if any."""
        return next((p for p in cls.params if p.location), None)

    @classmethod
    def symbolic(cls, dim: int = 1, **fixed: Any) -> Family:
        """The family with symbolic parameters (for ``derive``); ``fixed`` pins some by name.

        Each scalar parameter becomes its declared symbol (with the domain's assumptions), the
        location a real symbol. Vector and matrix parameters need an override."""
        if not cls.multidimensional():
            check_dim_one(dim, cls.name)
        values: dict[str, Any] = {}
        for p in cls.params:
            if p.name in fixed:
                values[p.name] = sp.sympify(fixed[p.name])
            elif p.kind in ("scalar", "integer", "location"):
                values[p.name] = p.symbol()
            else:
                raise NotImplementedError(f"{cls.name}: write symbolic() for {p.kind} {p.name}")
        return cls(**values)

    @classmethod
    def from_spec(cls, state: dict[str, Any], dim: int | None = None) -> Family:
        """A concrete member from one ``[[state]]`` table: each declared key, domain-checked.

        A location declared under the spec key ``mean`` is the mean: when the family's mean is
        not its location (an asymmetric law), the member is shifted so that it is."""
        if not cls.multidimensional():
            check_dim_one(dim, cls.name)
            dim = 1
        values: dict[str, Any] = {}
        d = dim
        for p in cls.params:
            if p.key is None:
                continue
            values[p.name] = p.read(state, cls.name, d)
            if p.kind == "location":
                d = 1 if not isinstance(values[p.name], sp.MatrixBase) else values[p.name].rows
        member = cls(**values)
        loc = cls.location_param()
        if loc is not None and loc.key == "mean":
            member = member.shifted(values[loc.name])
        return member

    def shifted(self, mu: Any) -> Family:
        r"""The same law moved so that its mean is ``mu`` (a number, vector or SymPy object):
        the location becomes :math:`\mu - (E A - \mathrm{location})`."""
        loc = self.location_param()
        if loc is None:
            raise NotImplementedError(f"{self.name}: no location parameter to shift")
        target = scalar(mu) if self.dim == 1 else sp.ImmutableMatrix(vector(mu, self.dim))
        here = self._values[loc.name]
        offset = _mean_offset(self, here)
        new = target if offset is None else target - offset
        if new == here:
            return self
        return self.replace(**{loc.name: new})

    def parameters(self) -> dict[str, Any]:
        """The parameters, by the paper's names (each Param's ``symbol_name``)."""
        out = {}
        for p in self.params:
            value = self._values[p.name]
            out[p.symbol_name or p.name] = sp.Tuple(*value) if isinstance(value, tuple) else value
        return out

    def _repr_latex_(self) -> str:
        """Jupyter: density, sup, moments and covering radius as one display."""
        from hallbound.notebook import family_latex

        return family_latex(self)

    def _repr_html_(self) -> str:
        from hallbound.notebook import family_html

        return family_html(self)

    # ----- the density and the standard law ------------------------------------------
    @abstractmethod
    def density(self) -> sp.Expr:
        """The density (or pmf) :math:`f(a)` as an expression in :attr:`a`."""

    def location(self) -> sp.Expr:
        """The location parameter's value (0 for a family without one)."""
        loc = self.location_param()
        return self._values[loc.name] if loc is not None else sp.Integer(0)

    def standard_density(self, t: sp.Symbol = T) -> sp.Expr:
        r""":math:`f_0(t) = f(\mathrm{location} + t)`, the density about the location (1-D)."""
        if self.dim != 1:
            raise NotImplementedError(f"{self.name}: the standard density is 1-D")
        return self.density().subs(self.a, self.location() + t)

    def support_of(self) -> tuple[float, float]:
        r"""The support of :math:`a - \mathrm{location}` (the class's :attr:`support`)."""
        return self.support

    # ----- closed forms (fallbacks) ---------------------------------------------------
    def mean(self) -> sp.Expr | sp.Matrix:
        r""":math:`E[A]`: the location for a symmetric family (``nan`` when
        :math:`\int |t| f_0` diverges), else location :math:`+ \int t f_0(t)\,dt` (see the class
        docstring for how the integral is done)."""
        if self.symmetric:  # the location, once the mean is known to exist
            if self.is_concrete() and self.dim == 1 and not self.discrete:
                if fallback.moment(self, 1) is sp.nan:  # e.g. a Cauchy law: no mean
                    return sp.nan
            return self.location()
        return self.location() + fallback.moment(self, 1)

    def variance(self) -> sp.Expr:
        r""":math:`E\|A - E A\|^2 = \int (t - m_0)^2 f_0(t)\,dt` (the trace of the covariance
        for vectors)."""
        return fallback.moment(self, 2)

    def fourth_central_moment(self) -> sp.Expr:
        r""":math:`E\|A - E A\|^4 = \int (t - m_0)^4 f_0(t)\,dt`."""
        return fallback.moment(self, 4)

    def sup_density(self) -> sp.Expr:
        r""":math:`\sup_a f(a)`: :math:`f_0(0)` for a symmetric family, else the maximum of
        :math:`f_0` (``sympy.calculus.util.maximum``, or the numeric mode)."""
        if self.symmetric:
            return self.standard_density().subs(T, 0)
        return fallback.sup_density(self)

    def cdf_expression(self) -> sp.Expr:
        r"""The distribution function :math:`F(a) = \int_{-\infty}^{a} f` as an expression in
        :attr:`a` (1-D): SymPy's integral, checked against quadrature; ``NotImplementedError``
        when SymPy finds none (the compiled quantile estimators then fall back to Python).
        (Not named ``cdf``: the quantile derivation keeps :math:`F_i` abstract.)"""
        return fallback.cdf_expression(self)

    def marginal_cdf_expression(self, coord: int) -> sp.Expr:
        r"""The CDF of coordinate ``coord``, :math:`F_j(a_j) = P(A_j \le a_j)`, as an expression
        in that coordinate of :attr:`a` (1-D families: :meth:`cdf_expression`)."""
        if self.dim == 1 and coord == 0:
            return self.cdf_expression()
        raise NotImplementedError(f"{self.name}: no closed-form marginal CDF")

    def level_set(self, delta: sp.Expr) -> LevelSet:
        r""":math:`U^\delta = \{a : f(a) > \delta\}`: the intervals where :math:`f_0 > \delta`
        (ends from ``solve`` for symbolic parameters, bisection for numbers)."""
        return fallback.level_set(self, delta)

    def covering_radius(self, delta: sp.Expr) -> sp.Expr:
        r""":math:`r(\delta) = \inf\{r > 0 : U^\delta \subset B(E A, r)\}` (0 when empty): the
        farthest end of :math:`U^\delta` from the mean."""
        return fallback.covering_radius(self, delta)

    # ----- numeric bridges ------------------------------------------------------------
    def scipy(self) -> Any:
        """The same law as a frozen ``scipy.stats`` distribution (concrete members only):
        an ``rv_continuous`` with the density and the tabulated CDF of the numerics (no
        ``_stats``: SciPy integrates the moments itself, independently of :meth:`variance`)."""
        return fallback.scipy_law(self)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` draws, shape ``(size, dim)``: ``scipy().rvs`` when :meth:`scipy` is a
        closed form, else numerical inversion (SciPy's PINV, u-resolution 1e-12)."""
        if type(self).scipy is Family.scipy:
            return fallback.sample(self, rng, size)
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
        """``f`` as a Python callable of the coordinates of ``a`` (NumPy backend; cached
        outside the member, by member)."""
        return _pdf_function(self)

    def pdf(self, point: Point) -> float:
        """The density at a concrete point (concrete members only)."""
        x = np.atleast_1d(np.asarray(point, dtype=float)).reshape(-1)
        if x.size != self.dim:
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


def _exact(x: float) -> sp.Expr:
    """A support end as an exact SymPy number (``oo`` for infinite ends)."""
    if math.isinf(x):
        return sp.oo if x > 0 else -sp.oo
    return sp.Rational(repr(float(x))) if isinstance(x, float) else sp.Integer(x)


def _freeze(value: Any) -> Any:
    """Parameter values as immutable SymPy objects (lists -> tuples, matrices immutable)."""
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value)
    if isinstance(value, list | tuple):
        return tuple(sp.sympify(v) for v in value)
    return sp.sympify(value)


def _mean_offset(family: Family, location: Any) -> Any:
    """:math:`E A - \\mathrm{location}`, or ``None`` when it is 0 or does not exist."""
    if family.symmetric:
        return None
    offset = family.mean() - location
    if isinstance(offset, sp.MatrixBase):
        return None if offset.is_zero_matrix else offset
    offset = sp.sympify(offset)
    # no mean (nan, or an infinite value): the location stands for it. An unevaluated
    # Integral has infinite limits but is a finite offset, so look at the value, not the atoms.
    if offset == 0 or offset.has(sp.nan, sp.zoo) or offset in (sp.oo, -sp.oo):
        return None
    return offset


@functools.lru_cache(maxsize=512)
def _pdf_function(family: Family) -> Callable[..., float]:
    modules = list(family.lambdify_modules)
    return sp.lambdify(family.point_symbols(), family.density(), modules=modules)


class SymmetricIntervalFamily(Family):
    r"""A 1-D family symmetric and unimodal about its location :math:`\mu`: its level set is
    :math:`(\mu - h(\delta), \mu + h(\delta))` with :math:`h` from :meth:`half_width`, that
    open interval when :math:`\delta < \sup f = f(\mu)`, empty otherwise, and
    :math:`r(\delta) = h(\delta)`. :meth:`half_width` falls back to SymPy's ``solve`` (checked
    at the test point) or, for numbers, to bisection."""

    symmetric = True

    def half_width(self, delta: sp.Expr) -> sp.Expr:
        r""":math:`h(\delta) > 0`, the solution of :math:`f(\mu + h) = \delta`."""
        return fallback.half_width(self, delta)

    def level_set(self, delta: sp.Expr) -> LevelSet:
        nonempty = sp.StrictLessThan(delta, self.sup_density())
        if nonempty == sp.false:
            return LevelSet("interval", nonempty, region=sp.EmptySet)
        h, mu = self.half_width(delta), self.location()
        return LevelSet("interval", nonempty, region=sp.Interval.open(mu - h, mu + h))

    def covering_radius(self, delta: sp.Expr) -> sp.Expr:
        nonempty = sp.StrictLessThan(delta, self.sup_density())
        if nonempty == sp.false:
            return sp.Integer(0)
        return sp.Piecewise((self.half_width(delta), nonempty), (0, True))
