r"""A :class:`~hallbound.symbolic.families.base.Family` built from a user's TOML spec.

.. code-block:: toml

    name = "logistic"
    density = "exp(-(a - mu)/s) / (s * (1 + exp(-(a - mu)/s))**2)"
    support = [-inf, inf]      # range of a - mu (may be finite, e.g. [0, inf])
    tolerance = 1e-8           # allowed |integral of the density - 1|   (optional)

    [parameters.s]
    domain = [0, inf]          # valid values: the open interval (lower, upper)
    test = [0.3, 3.0]          # the closed range property tests draw from (optional)

The density is a one-dimensional continuous location family
:math:`f(a) = f_0(a - \mu_{\mathrm{loc}};\theta)` written in ``a`` (the point), ``mu`` (the
location) and the declared parameters :math:`\theta`. The string goes through the allow-list
parser :func:`~hallbound.testing.safe_expr.parse_expression`; nothing in the file is executed.

Before the family is used, :func:`load_user_family` checks, at every point of a grid over the
test ranges (lower end, middle, upper end of each parameter): the density is real, finite and
non-negative on a grid over its effective range; it integrates to 1 within ``tolerance``
(mpmath tanh-sinh quadrature at 30 digits); and it is a location family
(:math:`f(a;\mu) = f(a-\mu;0)` at sample points).

Family quantities are computed numerically at 30 digits, not in closed form, and returned as
SymPy ``Float``\ s: the mean :math:`\mu = \mu_{\mathrm{loc}} + \int t f_0(t)\,dt` (the
attribute ``mu`` of a member is the **mean**, the centre of Definition 6.3's ball; the spec's
``mu`` is the location), the central moments, :math:`\sup f` (grid maximum refined by golden
section), the level set :math:`U^\delta=\{f>\delta\}` (the sign changes of :math:`f_0-\delta`
on a grid of :data:`GRID_POINTS` points over the range where :math:`f_0` exceeds
:math:`10^{-3}\delta`, each refined by 100 bisection steps in mpmath) and the covering radius
:math:`r = \max_{e}|e - \mu|` over the level set's end points ``e``. Limitation (stated, not
hidden): a component of :math:`U^\delta` narrower than the grid step, or density mass beyond
the first point where the tail drops below :math:`10^{-3}\delta`, would be missed; the
property battery's independent checks (``covers``/``minimal``) test exactly these claims.
"""

from __future__ import annotations

import itertools
import keyword
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import mpmath
import numpy as np
import scipy.stats
import sympy as sp

from hallbound.errors import InputError
from hallbound.spec import read_toml
from hallbound.symbolic.families.base import Family, LevelSet
from hallbound.symbolic.values import exact, exact_vector, is_numeric
from hallbound.testing.safe_expr import RESERVED, parse_expression

#: Points of the grid used to locate level-set end points and the mode.
GRID_POINTS = 4001
#: Digits of the mpmath evaluations.
DIGITS = 30
#: exp arguments beyond this magnitude are clamped (exp(-1e5) is 0 to any useful precision;
#: without the clamp, mpmath spends unbounded time on doubly exponential tails).
EXP_CLAMP = 1e5


def _safe_exp(x: Any) -> Any:
    """mpmath ``exp`` that returns 0 / inf for arguments beyond :data:`EXP_CLAMP`."""
    if mpmath.re(x) < -EXP_CLAMP:
        return mpmath.mpf(0)
    if mpmath.re(x) > EXP_CLAMP:
        return mpmath.inf
    return mpmath.exp(x)


_MP_MODULES = [{"exp": _safe_exp}, "mpmath"]
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,30}$")
_TOP_KEYS = {"name", "density", "support", "tolerance", "parameters", "description"}
_PARAM_KEYS = {"domain", "test"}


@dataclass(frozen=True)
class Parameter:
    """A declared parameter: open ``domain`` of valid values, closed ``test`` range."""

    name: str
    lower: float
    upper: float
    test_lower: float
    test_upper: float

    def contains(self, value: float) -> bool:
        return self.lower < value < self.upper


@dataclass
class UserFamilySpec:
    """A validated user-family spec: the parsed density and its declared symbols."""

    name: str
    density: sp.Expr
    a: sp.Symbol
    location: sp.Symbol
    params: list[Parameter]
    symbols: dict[str, sp.Symbol]
    support: tuple[float, float]
    tolerance: float
    source: str = ""
    _cache: dict[tuple[float, ...], _Numerics] = field(default_factory=dict, repr=False)

    def standard_density(self, values: dict[str, sp.Expr]) -> sp.Expr:
        """:math:`f_0(t;\\theta)`: the density at location 0 with parameters substituted."""
        subs = {self.symbols[p.name]: values[p.name] for p in self.params}
        subs[self.location] = sp.Integer(0)
        return self.density.subs(subs)

    def numerics(self, values: dict[str, Any]) -> _Numerics:
        """The numeric analysis of :math:`f_0` at concrete parameter values (cached)."""
        key = tuple(float(values[p.name]) for p in self.params)
        if key not in self._cache:
            self._cache[key] = _Numerics(
                self, dict(zip([p.name for p in self.params], key, strict=True))
            )
        return self._cache[key]

    def test_points(self) -> list[dict[str, float]]:
        """Parameter values checked at load: lower, middle, upper end of each test range."""
        axes = [
            sorted({p.test_lower, (p.test_lower + p.test_upper) / 2, p.test_upper})
            for p in self.params
        ]
        points = list(itertools.product(*axes))
        if len(points) > 27:
            points = [tuple(ax[min(k, len(ax) - 1)] for ax in axes) for k in range(3)]
        return [dict(zip([p.name for p in self.params], pt, strict=True)) for pt in points]


class _Numerics:
    r"""Numeric facts about :math:`f_0(\cdot;\theta)` at one parameter point."""

    def __init__(self, spec: UserFamilySpec, values: dict[str, float]) -> None:
        self.spec = spec
        expr = spec.standard_density({k: sp.Float(v, DIGITS) for k, v in values.items()})
        t = spec.a
        self.f_mp = sp.lambdify(t, expr, modules=_MP_MODULES)
        self.f_np = sp.lambdify(t, expr, modules=["numpy", "scipy"])
        lo, hi = spec.support
        self.lo, self.hi = lo, hi
        self.mode = self._mode()
        self.peak = float(self.f(self.mode))

    # evaluation -------------------------------------------------------------------------
    def f(self, t: float | mpmath.mpf) -> mpmath.mpf:
        """:math:`f_0(t)` at 30 digits (0 outside the support); raises on non-real values."""
        if not self.lo <= float(t) <= self.hi:
            return mpmath.mpf(0)
        with mpmath.workdps(DIGITS):
            try:
                value = self.f_mp(mpmath.mpf(t))
            except (ZeroDivisionError, OverflowError, ValueError):
                return mpmath.mpf("nan")
            if isinstance(value, mpmath.mpc):
                if abs(value.imag) > 0:
                    return mpmath.mpf("nan")
                value = value.real
            return mpmath.mpf(value)

    def f_grid(self, grid: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            values = np.asarray(self.f_np(grid), dtype=complex) * np.ones_like(grid)
        out = np.where(np.abs(values.imag) > 0, np.nan, values.real)
        return np.where((grid < self.lo) | (grid > self.hi), 0.0, out)

    # ranges ------------------------------------------------------------------------------
    def _mode(self) -> float:
        lo, hi = self.range_above(None)
        grid = np.linspace(lo, hi, GRID_POINTS)
        values = self.f_grid(grid)
        k = int(np.nanargmax(values))
        a, b = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
        return _golden_max(lambda x: float(self.f(x)), a, b)

    def range_above(self, level: float | None) -> tuple[float, float]:
        """A finite range outside which :math:`f_0 < 10^{-3}` level (doubling search)."""
        floor = 1e-3 * (level if level is not None else 1e-12)
        ends = []
        for end, sign in ((self.lo, -1.0), (self.hi, 1.0)):
            if math.isfinite(end):
                ends.append(end)
                continue
            t = 1.0
            while t < 2.0**60 and not float(self.f(sign * t)) < floor:
                t *= 2.0
            if t >= 2.0**60:
                raise InputError("density", "does not decay in the tails (not normalisable)")
            ends.append(sign * t)
        return ends[0], ends[1]

    # integrals ---------------------------------------------------------------------------
    def integral(self, g: Any = None) -> mpmath.mpf:
        r""":math:`\int g(t) f_0(t)\,dt` over the support (tanh-sinh, 30 digits).

        Finite pieces only: the core range where :math:`f_0 \ge 10^{-15}` split at the mode,
        then each infinite tail as doubling intervals :math:`[2^k R, 2^{k+1} R]` until a piece
        adds less than :math:`10^{-20}` (so no quadrature node lands where the formula
        overflows).
        """
        weight = (lambda t: 1) if g is None else g
        lo, hi = self.range_above(None)
        core = sorted({lo, min(max(self.mode, lo), hi), hi})
        with mpmath.workdps(DIGITS):

            def piece(a: float, b: float) -> mpmath.mpf:
                return mpmath.quad(lambda t: weight(t) * self.f(t), [mpmath.mpf(a), mpmath.mpf(b)])

            total = mpmath.fsum(
                piece(a, b) for a, b in zip(core[:-1], core[1:], strict=True) if b > a
            )
            for end, sign in ((lo, -1.0), (hi, 1.0)):
                support_end = self.lo if sign < 0 else self.hi
                if math.isfinite(support_end):
                    continue
                a = end
                for _ in range(200):
                    b = a * 2 if a * sign > 0 else a + sign * max(1.0, abs(a))
                    part = piece(min(a, b), max(a, b))
                    total += part
                    a = b
                    if not mpmath.isfinite(part) or abs(part) < mpmath.mpf("1e-20"):
                        break
            return total

    def moments(self) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]:
        """Mean offset, variance and fourth central moment of :math:`f_0`."""
        cached = getattr(self, "_moments", None)
        if cached is None:
            m0 = self.integral(lambda t: t)
            var = self.integral(lambda t: (t - m0) ** 2)
            m4 = self.integral(lambda t: (t - m0) ** 4)
            cached = self._moments = (m0, var, m4)
        return cached

    # distribution function --------------------------------------------------------------
    def _cdf_table(self) -> tuple[np.ndarray, np.ndarray]:
        """Cell edges over the core range and the cumulative mass at each edge."""
        cached = getattr(self, "_table", None)
        if cached is None:
            lo, hi = self.range_above(None)
            edges = np.linspace(lo, hi, 2001)
            nodes, weights = np.polynomial.legendre.leggauss(20)
            a, b = edges[:-1, None], edges[1:, None]
            x = (a + b) / 2 + (b - a) / 2 * nodes[None, :]
            cells = (self.f_grid(x.ravel()).reshape(x.shape) * weights).sum(axis=1)
            cells *= (edges[1:] - edges[:-1]) / 2
            tail = float(self.integral()) - cells.sum()  # mass outside the core range
            cum = np.concatenate([[0.0], np.cumsum(cells)]) + max(tail, 0.0) / 2
            cached = self._table = (edges, cum)
        return cached

    def cdf(self, t: np.ndarray) -> np.ndarray:
        r""":math:`F_0(t)`: tabulated cell masses (20-point Gauss-Legendre per cell) plus a
        Gauss-Legendre integral over the last partial cell."""
        edges, cum = self._cdf_table()
        t = np.clip(np.asarray(t, dtype=float), edges[0], edges[-1])
        k = np.clip(np.searchsorted(edges, t, side="right") - 1, 0, len(edges) - 2)
        nodes, weights = np.polynomial.legendre.leggauss(20)
        a = edges[k][..., None]
        b = t[..., None]
        x = (a + b) / 2 + (b - a) / 2 * nodes
        part = (self.f_grid(x.ravel()).reshape(x.shape) * weights).sum(axis=-1) * (t - edges[k]) / 2
        return np.clip(cum[k] + part, 0.0, 1.0)

    # level sets -------------------------------------------------------------------------
    def level_intervals(self, delta: Any) -> list[tuple[mpmath.mpf, mpmath.mpf]]:
        r"""End points (offsets from the location) of the components of :math:`\{f_0>\delta\}`."""
        dval = float(delta)
        if not self.peak > dval:
            return []
        lo, hi = self.range_above(dval)
        grid = np.union1d(np.linspace(lo, hi, GRID_POINTS), [self.mode])
        above = self.f_grid(grid) > dval
        intervals = []
        k = 0
        while k < len(grid):
            if not above[k]:
                k += 1
                continue
            j = k
            while j + 1 < len(grid) and above[j + 1]:
                j += 1
            left = self._edge(grid[k - 1], grid[k], delta) if k > 0 else mpmath.mpf(grid[0])
            right = self._edge(grid[j + 1], grid[j], delta) if j + 1 < len(grid) else grid[j]
            with mpmath.workdps(DIGITS):
                intervals.append((mpmath.mpf(left), mpmath.mpf(right)))
            k = j + 1
        return intervals

    def _edge(self, outside: float, inside: float, delta: float) -> mpmath.mpf:
        """Bisection (100 steps, 30 digits) for the crossing of :math:`f_0 = \\delta`."""
        with mpmath.workdps(DIGITS):
            out, ins = mpmath.mpf(outside), mpmath.mpf(inside)
            d = mpmath.mpf(str(sp.N(delta, DIGITS)))
            for _ in range(100):
                mid = (out + ins) / 2
                if self.f(mid) > d:
                    ins = mid
                else:
                    out = mid
            return ins


def _float(x: Any) -> sp.Float:
    """An mpmath number as a 30-digit SymPy Float."""
    with mpmath.workdps(DIGITS):
        return sp.Float(mpmath.nstr(mpmath.mpf(x), DIGITS), DIGITS)


def _rational(x: Any) -> sp.Rational:
    """An mpmath number as the exact rational of its 30-digit decimal (0 below 1e-25: the
    quadrature's noise for a symmetric law), so means stay exact SymPy numbers."""
    with mpmath.workdps(DIGITS):
        if abs(x) < mpmath.mpf("1e-25"):
            return sp.Integer(0)
        return sp.Rational(mpmath.nstr(mpmath.mpf(x), DIGITS, min_fixed=-1e9, max_fixed=1e9))


def _golden_max(func: Any, a: float, b: float, steps: int = 80) -> float:
    """Golden-section search for the maximum of a unimodal ``func`` on ``[a, b]``."""
    g = (math.sqrt(5) - 1) / 2
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = func(c), func(d)
    for _ in range(steps):
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = func(c)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = func(d)
    candidates = [(func(x), x) for x in (a, b, (a + b) / 2)]
    return max(candidates)[1]


class UserFamily(Family):
    r"""A member of a user-declared location family (see the module docstring)."""

    spec: ClassVar[UserFamilySpec]

    def __init__(self, params: dict[str, sp.Expr], location: sp.Expr) -> None:
        self.dim = 1
        self.a = self.spec.a
        self.params = dict(params)
        self.location = location
        if is_numeric(location) and all(is_numeric(v) for v in params.values()):
            m0 = self.numerics().moments()[0]
            self.mu = location + _rational(m0)
        else:
            self.mu = location

    # construction -----------------------------------------------------------------------
    @classmethod
    def symbolic(cls, dim: int = 1) -> UserFamily:
        if dim != 1:
            raise InputError("dim", "user families are one-dimensional")
        params = {p.name: cls.spec.symbols[p.name] for p in cls.spec.params}
        return cls(params, cls.spec.location)

    @classmethod
    def from_spec(cls, state: dict[str, Any], dim: int | None = None) -> UserFamily:
        if dim not in (None, 1):
            raise InputError("mean", "user families are one-dimensional")
        if "mean" not in state:
            raise InputError("mean", f"missing for a {cls.name} state")
        mean = exact_vector(state["mean"], "mean", 1)[0]
        params = {}
        for p in cls.spec.params:
            if p.name not in state:
                raise InputError(p.name, f"missing for a {cls.name} state")
            value = exact(state[p.name], p.name)
            if not p.contains(float(value)):
                raise InputError(p.name, f"must lie in ({p.lower}, {p.upper}), got {value}")
            params[p.name] = value
        return cls.with_mean(params, mean)

    @classmethod
    def with_mean(cls, params: dict[str, Any], mean: Any) -> UserFamily:
        """The member with these parameters whose mean is ``mean``."""
        values = {k: exact(v, k) for k, v in params.items()}
        m0 = cls.spec.numerics(values).moments()[0]
        return cls(values, exact(mean, "mean") - _rational(m0))

    def shifted(self, mu: Any) -> UserFamily:
        value = mu if isinstance(mu, sp.Basic) else exact_vector(mu, "mean", 1)[0]
        return type(self).with_mean(self.params, value)

    def parameters(self) -> dict[str, Any]:
        return {"mu": self.mu, **self.params}

    def numerics(self) -> _Numerics:
        return self.spec.numerics({k: float(v) for k, v in self.params.items()})

    # closed forms (numeric at 30 digits) ----------------------------------------------
    def density(self) -> sp.Expr:
        subs = {self.spec.symbols[k]: v for k, v in self.params.items()}
        subs[self.spec.location] = self.location
        return self.spec.density.subs(subs)

    def variance(self) -> sp.Expr:
        return _float(self.numerics().moments()[1])

    def fourth_central_moment(self) -> sp.Expr:
        return _float(self.numerics().moments()[2])

    def sup_density(self) -> sp.Expr:
        num = self.numerics()
        return _float(num.f(num.mode))

    def level_set(self, delta: sp.Expr) -> LevelSet:
        intervals = self.numerics().level_intervals(delta)
        loc = sp.Float(str(sp.N(self.location, DIGITS)), DIGITS)
        parts = [sp.Interval.open(loc + _float(l), loc + _float(r)) for l, r in intervals]
        region = sp.Union(*parts) if parts else sp.EmptySet
        return LevelSet("interval", sp.true if parts else sp.false, region=region)

    def covering_radius(self, delta: sp.Expr) -> sp.Expr:
        intervals = self.numerics().level_intervals(delta)
        if not intervals:
            return sp.Integer(0)
        m0 = self.numerics().moments()[0]
        with mpmath.workdps(DIGITS):
            far = max(max(abs(l - m0), abs(r - m0)) for l, r in intervals)
            return _float(far)

    # numeric -----------------------------------------------------------------------------
    def scipy(self) -> Any:
        num = self.numerics()
        loc = float(self.location)

        class _Dist(scipy.stats.rv_continuous):
            def _pdf(self, x: np.ndarray) -> np.ndarray:
                return num.f_grid(np.asarray(x, dtype=float))

            def _cdf(self, x: np.ndarray) -> np.ndarray:
                return num.cdf(np.asarray(x, dtype=float))

            def _stats(self) -> tuple[float, float, None, None]:
                m0, var, _ = num.moments()
                return float(m0), float(var), None, None

        lo, hi = num.range_above(None)
        return _Dist(a=lo, b=hi, name=self.name)(loc=loc)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draws by numerical inversion (scipy's PINV, u-resolution 1e-12)."""
        from scipy.stats.sampling import NumericalInversePolynomial

        num = self.numerics()

        class _Pdf:
            def pdf(self, x: float) -> float:
                return float(num.f_grid(np.array([x]))[0])

        lo, hi = num.range_above(None)
        gen = NumericalInversePolynomial(
            _Pdf(), domain=(lo, hi), center=num.mode, u_resolution=1e-12, random_state=rng
        )
        draws = gen.rvs(size) + float(self.location)
        return np.asarray(draws, dtype=float).reshape(size, 1)


# ----------------------------------------------------------------------------------------
# loading and checking a spec
# ----------------------------------------------------------------------------------------
def load_user_family(path: str | Path) -> type[UserFamily]:
    """Read, validate and check a TOML spec; return its :class:`UserFamily` subclass.

    Bad content raises :class:`InputError` (one line naming the problem); nothing in the file
    is executed.
    """
    spec = parse_user_family(read_toml(path), source=str(path))
    check_user_family(spec)
    return make_family_class(spec)


def parse_user_family(data: dict[str, Any], source: str = "") -> UserFamilySpec:
    """Validate the spec's structure and parse its density (no numerics yet)."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise InputError("spec", f"unknown key {unknown[0]!r}")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise InputError("name", "missing, or not a short identifier (letters, digits, _)")
    params_table = data.get("parameters", {})
    if not isinstance(params_table, dict):
        raise InputError("parameters", "must be a table of parameter tables")
    params = [_parse_parameter(k, v) for k, v in params_table.items()]
    a = sp.Symbol("a", real=True)
    location = sp.Symbol("mu", real=True)
    symbols = {"a": a, "mu": location}
    for prm in params:
        symbols[prm.name] = sp.Symbol(prm.name, positive=prm.lower >= 0 or None, real=True)
    density = parse_expression(data.get("density"), symbols, "density")
    if a not in density.free_symbols:
        raise InputError("density", "does not depend on the point 'a'")
    support = data.get("support", [-math.inf, math.inf])
    if (
        not isinstance(support, list)
        or len(support) != 2
        or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in support)
        or not support[0] < support[1]
    ):
        raise InputError("support", "must be [lower, upper] with lower < upper")
    tolerance = data.get("tolerance", 1e-8)
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float):
        raise InputError("tolerance", "must be a number")
    if not 0 < tolerance <= 1e-2:
        raise InputError("tolerance", f"must lie in (0, 0.01], got {tolerance}")
    return UserFamilySpec(
        name,
        density,
        a,
        location,
        params,
        symbols,
        (float(support[0]), float(support[1])),
        float(tolerance),
        source,
    )


def _parse_parameter(name: object, table: object) -> Parameter:
    if not isinstance(name, str) or not _NAME.match(name) or keyword.iskeyword(name):
        raise InputError("parameters", f"bad parameter name {name!r}")
    if name in RESERVED or name in ("a", "mu"):
        raise InputError(f"parameters.{name}", "name is reserved")
    if not isinstance(table, dict) or set(table) - _PARAM_KEYS or "domain" not in table:
        raise InputError(f"parameters.{name}", "must be a table with 'domain' (and 'test')")
    lower, upper = _pair(table["domain"], f"parameters.{name}.domain")
    t_lower, t_upper = _pair(table.get("test", table["domain"]), f"parameters.{name}.test")
    if not (lower <= t_lower <= t_upper <= upper) or not all(
        map(math.isfinite, (t_lower, t_upper))
    ):
        raise InputError(f"parameters.{name}.test", "must be a finite range inside the domain")
    if t_lower == lower:
        t_lower = lower + max(1e-3, 1e-3 * abs(lower))
    if t_upper == upper:
        t_upper = upper - max(1e-3, 1e-3 * abs(upper))
    if not t_lower <= t_upper:
        raise InputError(f"parameters.{name}.test", "is empty inside the open domain")
    return Parameter(name, lower, upper, t_lower, t_upper)


def _pair(value: object, parameter: str) -> tuple[float, float]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in value)
        or not value[0] <= value[1]
    ):
        raise InputError(parameter, "must be [lower, upper] with lower <= upper")
    return float(value[0]), float(value[1])


def check_user_family(spec: UserFamilySpec, samples: int = 400) -> None:
    """Raise :class:`InputError` unless the density is a normalised, non-negative location law.

    At each :meth:`UserFamilySpec.test_points` parameter point: real, finite and
    :math:`\\ge 0` on ``samples`` grid points; :math:`|\\int f_0 - 1| \\le` tolerance; and
    :math:`f(a;\\mu) = f(a-\\mu;0)` at three points.
    """
    for values in spec.test_points():
        where = ", ".join(f"{k}={v:g}" for k, v in values.items()) or "no parameters"
        num = spec.numerics(values)
        lo, hi = num.range_above(None)
        grid = np.linspace(lo, hi, samples)
        for t in grid:
            v = num.f(t)
            if not mpmath.isfinite(v):
                raise InputError("density", f"not a finite real number at a-mu={t:g} ({where})")
            if v < 0:
                raise InputError("density", f"negative ({float(v):.3g}) at a-mu={t:g} ({where})")
        total = num.integral()
        if not mpmath.isfinite(total) or abs(total - 1) > spec.tolerance:
            raise InputError(
                "density",
                f"integrates to {mpmath.nstr(total, 12)}, not 1 within {spec.tolerance:g} "
                f"({where})",
            )
        _check_location(spec, values, num, where)


def _check_location(spec: UserFamilySpec, values: dict[str, float], num: _Numerics, where: str):
    subs = {spec.symbols[k]: sp.Float(v, DIGITS) for k, v in values.items()}
    f = sp.lambdify([spec.a, spec.location], spec.density.subs(subs), modules=_MP_MODULES)
    shift = mpmath.mpf("1.375")
    with mpmath.workdps(DIGITS):
        for t in (num.mode, num.mode + 0.5, num.mode - 0.75):
            if not spec.support[0] < t < spec.support[1]:
                continue
            base = num.f(t)
            moved = f(mpmath.mpf(t) + shift, shift)
            if abs(moved - base) > 1e-12 * max(1, abs(base)):
                raise InputError(
                    "density", f"is not a location family: f(a; mu) != f(a - mu; 0) ({where})"
                )


def make_family_class(spec: UserFamilySpec) -> type[UserFamily]:
    """A :class:`UserFamily` subclass bound to ``spec`` (``name`` = the spec's name)."""
    return type(f"UserFamily_{spec.name}", (UserFamily,), {"name": spec.name, "spec": spec})


__all__ = [
    "Parameter",
    "UserFamily",
    "UserFamilySpec",
    "check_user_family",
    "load_user_family",
    "make_family_class",
    "parse_user_family",
]
