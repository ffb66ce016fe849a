r"""A :class:`~hallbound.symbolic.families.base.Family` built from a user's TOML spec.

.. code-block:: toml

    name = "logistic"
    density = "exp(-(a - mu)/s) / (s * (1 + exp(-(a - mu)/s))**2)"
    support = [-inf, inf]      # range of a - mu (may be finite, e.g. [0, inf])
    tolerance = 1e-8           # allowed |integral of the density - 1|   (optional)
    has_mean = true            # optional: false for a law without a mean (Cauchy); when
                               # absent, the numeric fallback finds out

    [parameters.s]
    domain = [0, inf]          # valid values: the open interval (lower, upper)
    test = [0.3, 3.0]          # the closed range property tests draw from (optional)

The density is a one-dimensional continuous location family
:math:`f(a) = f_0(a - \mu_{\mathrm{loc}};\theta)` written in ``a`` (the point), ``mu`` (the
location) and the declared parameters :math:`\theta`. The string goes through the allow-list
parser :func:`~hallbound.testing.safe_expr.parse_expression`; nothing in the file is executed.

Before the family is used, :func:`load_user_family` checks, at every point of a grid over the
test ranges (lower end, middle, upper end of each parameter) and at three generic points
(irrational fractions of every test range, :data:`GENERIC`): the density is real, finite and
non-negative on a grid over its effective range; it integrates to 1 within ``tolerance``
(mpmath tanh-sinh quadrature at 30 digits); and it is a location family
(:math:`f(a;\mu) = f(a-\mu;0)` at sample points).

Members are the generic :class:`~hallbound.symbolic.families.base.Family` with the spec's
density: every family quantity is a fallback of the base class, numeric at 30 digits for
concrete members (:mod:`hallbound.symbolic.families.fallback`): the mean
:math:`\mu = \mu_{\mathrm{loc}} + \int t f_0(t)\,dt` (the attribute ``mu`` of a member is the
**mean**, the centre of Definition 6.3's ball; the spec's ``mu`` is the location, the member's
``loc``), the central moments, :math:`\sup f`, the level set and the covering radius, with the
limitations stated in :mod:`hallbound.symbolic.families.numerics`.
"""

from __future__ import annotations

import itertools
import keyword
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import mpmath
import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.registry import suggestion
from hallbound.spec import read_toml
from hallbound.symbolic.families.base import Family
from hallbound.symbolic.families.numerics import DIGITS, MP_MODULES, StandardNumerics
from hallbound.symbolic.families.params import Param
from hallbound.testing.safe_expr import RESERVED, parse_expression

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,30}$")
_TOP_KEYS = {
    "name", "density", "support", "tolerance", "parameters", "description", "has_mean",
    "has_variance",
}
_PARAM_KEYS = {"domain", "test"}
#: Fractions of each test range checked besides its ends and middle (1/pi, sqrt 2 - 1, the
#: golden ratio's 0.618..): no polynomial with rational roots vanishes there.
GENERIC = (1 / math.pi, math.sqrt(2) - 1, (math.sqrt(5) - 1) / 2)


@dataclass(frozen=True, eq=False)
class UserFamilySpec:
    """A validated user-family spec: the parsed density and its declared symbols."""

    name: str
    density: sp.Expr
    a: sp.Symbol
    location: sp.Symbol
    params: list[Param]
    symbols: dict[str, sp.Symbol]
    support: tuple[float, float]
    tolerance: float
    source: str = ""
    has_mean: bool | None = None
    has_variance: bool | None = None

    def standard_density(self, values: dict[str, sp.Expr]) -> sp.Expr:
        """:math:`f_0(t;\\theta)`: the density at location 0 with parameters substituted."""
        subs = {self.symbols[p.name]: values[p.name] for p in self.params}
        subs[self.location] = sp.Integer(0)
        return self.density.subs(subs)

    def numerics(self, values: dict[str, Any]) -> StandardNumerics:
        """The numeric analysis of :math:`f_0` at concrete parameter values."""
        expr = self.standard_density({k: sp.Float(v, DIGITS) for k, v in values.items()})
        return StandardNumerics(expr, self.a, self.support)

    def test_points(self) -> list[dict[str, float]]:
        """Parameter values checked at load: lower, middle, upper end of each test range."""
        axes = [sorted({p.test[0], (p.test[0] + p.test[1]) / 2, p.test[1]}) for p in self.params]
        points = list(itertools.product(*axes))
        if len(points) > 27:
            points = [tuple(ax[min(k, len(ax) - 1)] for ax in axes) for k in range(3)]
        return [dict(zip([p.name for p in self.params], pt, strict=True)) for pt in points]

    def generic_points(self) -> list[dict[str, float]]:
        """Parameter values at irrational fractions of each test range (:data:`GENERIC`), all
        parameters at the same fraction: a density normalised only at the ends and the middle
        (``f * (1 + (s - 1)(s - 2)(s - 3))`` with ``test = [1, 3]``) is caught there."""
        if not self.params:
            return []
        return [{p.name: p.test[0] + g * (p.test[1] - p.test[0]) for p in self.params}
                for g in GENERIC]


class UserFamily(Family):
    r"""A member of a user-declared location family (see the module docstring): the generic
    :class:`~hallbound.symbolic.families.base.Family` with the spec's density; every other
    quantity is a fallback (numeric at 30 digits for concrete members). The parameter
    ``loc`` is the spec's location ``mu``; the spec key ``mean`` is the mean, and the member's
    attribute :attr:`mu` is the mean (the centre of Definition 6.3's ball)."""

    spec: ClassVar[UserFamilySpec]

    def density(self) -> sp.Expr:
        subs = {self.spec.symbols[p.name]: getattr(self, p.name) for p in self.spec.params}
        subs[self.spec.location] = self.loc
        return self.spec.density.subs(subs).subs(self.spec.a, self.a)

    @property
    def mu(self) -> sp.Expr:
        """The mean: the location plus :math:`\\int t f_0(t)\\,dt`."""
        return self.mean()


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
        hint = suggestion(unknown[0], sorted(_TOP_KEYS))
        raise InputError("spec", f"unknown key {unknown[0]!r}{hint}")
    moments = {k: data.get(k) for k in ("has_mean", "has_variance")}
    for key, value in moments.items():
        if value is not None and not isinstance(value, bool):
            raise InputError(key, f"must be true or false, got {value!r}")
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
        moments["has_mean"],
        moments["has_variance"],
    )


def _parse_parameter(name: object, table: object) -> Param:
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
    return Param(name, lower=lower, upper=upper, test=(t_lower, t_upper))


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
    generic = spec.generic_points()
    for values in [*spec.test_points(), *generic]:
        where = ", ".join(f"{k}={v:.6g}" for k, v in values.items()) or "no parameters"
        where = f"family {spec.name!r} at {where}" + (
            ", a generic point of the test ranges" if values in generic else "")
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


def _check_location(
    spec: UserFamilySpec, values: dict[str, float], num: StandardNumerics, where: str
) -> None:
    subs = {spec.symbols[k]: sp.Float(v, DIGITS) for k, v in values.items()}
    f = sp.lambdify([spec.a, spec.location], spec.density.subs(subs), modules=MP_MODULES)
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
    """A :class:`UserFamily` subclass bound to ``spec`` (``name`` = the spec's name), with one
    :class:`~hallbound.symbolic.families.params.Param` per declared parameter (after ``loc``,
    read from the spec key ``mean``)."""
    params = (
        Param(
            "loc",
            key="mean",
            kind="location",
            test=(-5, 5),
            step=0.25,
            location=True,
            symbol_name="mu",
        ),
        *spec.params,
    )
    body = {"name": spec.name, "spec": spec, "params": params, "support": spec.support}
    for key in ("has_mean", "has_variance"):  # a declared moment (else the fallback decides)
        if getattr(spec, key) is not None:
            body[key] = getattr(spec, key)
    return type(f"UserFamily_{spec.name}", (UserFamily,), body)


__all__ = [
    "UserFamily",
    "UserFamilySpec",
    "check_user_family",
    "load_user_family",
    "make_family_class",
    "parse_user_family",
]
