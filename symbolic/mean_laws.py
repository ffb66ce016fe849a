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

(``rademacher`` is an alias of ``two-point``.) Each kind is one :class:`StandardLaw` record
in :data:`KINDS`: its ``sympy.stats`` variable (moments, density, CDF, sup density are
derived from it) and its draw :math:`\xi = T(\text{primitive})`, one SymPy expression of a
standard normal :math:`z` (normal: :math:`T = z`) or a uniform :math:`u` (uniform:
:math:`2u - 1`; laplace: the inverse CDF; two-point: :math:`+1` if :math:`u < 1/2` else
:math:`-1`). The NumPy draw (:func:`draw_standard`) and the numba kernel's draw
(:func:`hallbound.numeric.montecarlo.draw_source`) are generated from :math:`T`; a new kind
is one record (:func:`register`).

With :math:`m_k := E[\xi^k]` (derived with ``sympy.stats``), the paper's moments in
:math:`d` dimensions are

.. math::

    \sigma_i^d = E\|\mu_i - \mu_0\|^2 = m_2 \sum_j s_j^2, \qquad
    E\|\mu_i - \mu_0\|^4 = m_2^2\Big[\big(\textstyle\sum_j s_j^2\big)^2 - \sum_j s_j^4\Big]
                           + m_4 \sum_j s_j^4,

    K_i = \frac{(E\|\mu_i - \mu_0\|^2)^2}{E\|\mu_i - \mu_0\|^4}.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
import sympy.stats as st

from hallbound.errors import InputError
from hallbound.symbolic.values import exact, exact_vector


@dataclass(frozen=True)
class Primitive:
    r"""A primitive draw of the generator: ``method`` is the ``numpy.random.Generator``
    method (called with a shape in NumPy, with no argument in the numba kernel) and
    ``symbol`` the variable a :attr:`StandardLaw.transform` is written in."""

    symbol: sp.Symbol
    method: str


#: The primitives a standard draw starts from: a standard normal :math:`z`
#: (``standard_normal``) or a uniform :math:`u \in [0, 1)` on the grid :math:`2^{-53}\mathbb Z`
#: (``random``).
PRIMITIVES: dict[str, Primitive] = {
    "normal": Primitive(sp.Symbol("z", real=True), "standard_normal"),
    "uniform": Primitive(sp.Symbol("u", nonnegative=True), "random"),
}
Z_PRIMITIVE = PRIMITIVES["normal"].symbol
U_PRIMITIVE = PRIMITIVES["uniform"].symbol
#: ``random()`` can return 0; an inverse CDF that diverges there reads this value instead.
U_GUARD = sp.Rational(1, 2**54)


@dataclass(frozen=True)
class StandardLaw:
    r"""A centred standard law :math:`\xi` for one coordinate: the whole record of a kind.

    ``variable`` builds its ``sympy.stats`` random variable (moments, density, CDF and sup
    come from it); the draw is :math:`\xi = T(\text{primitive})`, one SymPy expression
    ``transform`` in the primitive's symbol (:data:`PRIMITIVES`), from which both the NumPy
    draw (:func:`draw_standard`) and the numba kernel's draw
    (:func:`hallbound.numeric.montecarlo.draw_source`) are generated. ``support_radius``:
    half-width of the support kept by bounds that truncate the law (mass outside is
    dropped, which keeps a lower bound valid). ``code``: the integer the Monte Carlo problem
    stores for the kind.
    """

    name: str
    code: int
    scale_meaning: str
    variable: Callable[[], Any]  # a sympy.stats random variable
    primitive: str
    transform: sp.Expr
    support_radius: float

    def __post_init__(self) -> None:
        if self.primitive not in PRIMITIVES:
            raise InputError("primitive", f"must be one of {', '.join(PRIMITIVES)}")
        symbol = PRIMITIVES[self.primitive].symbol
        if not sp.sympify(self.transform).free_symbols <= {symbol}:
            raise InputError("transform", f"must be an expression in {symbol} alone")
        if not self.support_radius > 0:
            raise InputError("support_radius", "must be > 0")

    @property
    def standard_normal(self) -> bool:
        """True when the law is :math:`N(0, 1)`: its draw is :math:`\\pm z` of the normal
        primitive. The Gaussian shortcuts of the bounds ask this capability of the record,
        not the kind's name."""
        z = PRIMITIVES[self.primitive].symbol
        return z == Z_PRIMITIVE and sp.expand(sp.sympify(self.transform) ** 2 - z**2) == 0

    @property
    def has_density(self) -> bool:
        """False for a finite law (``two-point``), True for a continuous one."""
        return not isinstance(self.variable().pspace, st.frv.SingleFinitePSpace)


#: Registry of mean-law kinds (the ``kind`` key of ``[mean_law]``): one record per kind.
KINDS: dict[str, StandardLaw] = {
    "normal": StandardLaw(
        "normal",
        0,
        "standard deviation",
        lambda: st.Normal("xi", 0, 1),
        "normal",
        Z_PRIMITIVE,
        7.5,
    ),
    "uniform": StandardLaw(
        "uniform",
        1,
        "half-width",
        lambda: st.Uniform("xi", -1, 1),
        "uniform",
        2 * U_PRIMITIVE - 1,
        1.0,
    ),
    "laplace": StandardLaw(
        "laplace",
        2,
        "Laplace scale b",
        lambda: st.Laplace("xi", 0, 1),
        "uniform",
        # inverse CDF: ln 2u below 1/2, -ln 2(1 - u) above; u = 0 reads U_GUARD
        sp.Piecewise(
            (sp.log(2 * U_GUARD), sp.Eq(U_PRIMITIVE, 0)),
            (sp.log(2 * U_PRIMITIVE), U_PRIMITIVE < sp.Rational(1, 2)),
            (-sp.log(2 * (1 - U_PRIMITIVE)), True),
        ),
        13.0,
    ),
    "two-point": StandardLaw(
        "two-point",
        3,
        "offset (+/- scale)",
        lambda: st.FiniteRV(
            "xi", {sp.Integer(-1): sp.Rational(1, 2), sp.Integer(1): sp.Rational(1, 2)}
        ),
        "uniform",
        sp.Piecewise((1, U_PRIMITIVE < sp.Rational(1, 2)), (-1, True)),
        1.0,
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


def law_by_code(code: int) -> StandardLaw:
    """The registered standard law whose :attr:`StandardLaw.code` is ``code``."""
    for law in KINDS.values():
        if law.code == int(code):
            return law
    raise InputError("kind", f"no mean law has code {code}")


def register(law: StandardLaw) -> None:
    """Add a kind to :data:`KINDS` (its name and code must be new): one record is the whole
    of a kind. The record states its law twice (the ``sympy.stats`` variable and the draw's
    transform), so :func:`check_draws` must accept it first. Clears the cached derivations."""
    if law.name in KINDS or law.name in ALIASES:
        raise InputError("kind", f"mean law {law.name!r} is already registered")
    if any(other.code == law.code for other in KINDS.values()):
        raise InputError("code", f"code {law.code} is already used")
    check_draws(law)
    KINDS[law.name] = law
    _clear_caches()


#: Draws and p-value floor of :func:`check_draws`.
CHECK_DRAWS, CHECK_P = 20_000, 1e-6


def check_draws(law: StandardLaw, seed: int = 20261130) -> None:
    r"""Raise :class:`InputError` (``transform``) unless :data:`CHECK_DRAWS` draws of the
    record's transform (fixed seed) have the law of its ``sympy.stats`` variable: a
    Kolmogorov-Smirnov test against the variable's CDF (continuous laws) or a chi-square test
    against its masses (finite laws), rejected below p = :data:`CHECK_P`. A statistical check,
    deterministic by its seed; the symbolic check of the built-in records is in the tests."""
    import scipy.stats

    rng = np.random.default_rng(seed)
    draws = apply_transform(law, getattr(rng, PRIMITIVES[law.primitive].method)(CHECK_DRAWS))
    xi = law.variable()
    if law.has_density:
        cdf = sp.lambdify(X_STD, sp.simplify(st.cdf(xi)(X_STD)), modules=["numpy", "scipy"])
        p_value = scipy.stats.kstest(draws, lambda x: np.asarray(cdf(x), dtype=float)).pvalue
    else:
        masses = {float(k): float(v) for k, v in st.density(xi).dict.items() if v != 0}
        values = np.array(sorted(masses))
        seen = np.array([np.sum(draws == v) for v in values], dtype=float)
        if seen.sum() != CHECK_DRAWS:
            raise InputError("transform", f"{law.name}: draws outside the law's support")
        expected = CHECK_DRAWS * np.array([masses[v] for v in values])
        p_value = scipy.stats.chisquare(seen, expected).pvalue
    if not p_value >= CHECK_P:
        raise InputError(
            "transform",
            f"{law.name}: the draws do not have the law of its sympy.stats variable "
            f"(p = {p_value:.2g} on {CHECK_DRAWS} draws)",
        )


def unregister(name: str) -> None:
    """Remove a kind added by :func:`register` (and the cached derivations)."""
    KINDS.pop(name, None)
    _clear_caches()


def _clear_caches() -> None:
    for cached in (standard_moments, standard_density, standard_cdf, _derived_sup_density):
        cached.cache_clear()


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
    law = law_kind(kind)
    if not law.has_density:
        return None
    return sp.simplify(st.density(law.variable())(X_STD))


@functools.cache
def standard_cdf(kind: str) -> sp.Expr | None:
    r"""The CDF of the standard law :math:`\xi` in :data:`X_STD` (``sympy.stats``), or None
    for a law without a density."""
    law = law_kind(kind)
    if not law.has_density:
        return None
    return sp.simplify(st.cdf(law.variable())(X_STD))


#: Injection point of the mutation harness's planted source change
#: (:func:`planted_sup_density_scale`): a factor on one kind's sup density. Empty in use.
_SUP_DENSITY_SCALE: dict[str, sp.Expr] = {}


@contextlib.contextmanager
def planted_sup_density_scale(kind: str, factor: sp.Expr) -> Iterator[None]:
    """Within the block, :func:`standard_sup_density` of ``kind`` is multiplied by
    ``factor`` (a deliberate error, for mutation testing: every consumer reads the value
    through :func:`standard_sup_density` at call time)."""
    name = law_kind(kind, "kind").name
    _SUP_DENSITY_SCALE[name] = sp.sympify(factor)
    try:
        yield
    finally:
        _SUP_DENSITY_SCALE.pop(name, None)


def standard_sup_density(kind: str) -> sp.Expr:
    r""":math:`\sup_x f_\xi(x)`, derived from :func:`standard_density` by maximising each
    piece over its set (``sympy.calculus.util.maximum``); :math:`\infty` without a density.

    The sup density of :math:`\mu - \mu_0 = s \odot \xi` in :math:`d` coordinates is
    :math:`\prod_k \sup f_\xi / s_k`."""
    value = _derived_sup_density(kind)
    factor = _SUP_DENSITY_SCALE.get(kind)
    return value if factor is None else value * factor


@functools.cache
def _derived_sup_density(kind: str) -> sp.Expr:
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
    r"""Standard draws :math:`\xi = T(\text{primitive})` of ``kind``, on the Monte Carlo
    kernel's stream: the record's primitive (``rng.standard_normal`` or ``rng.random``) in
    C order, then its ``transform`` :math:`T` (:func:`apply_transform`), so the values are
    bit for bit those of the kernel's generated draw."""
    law = law_kind(kind)
    raw = getattr(rng, PRIMITIVES[law.primitive].method)(shape)
    return apply_transform(law, raw)


def apply_transform(law: StandardLaw | str, raw: np.ndarray) -> np.ndarray:
    r""":math:`T` of ``law`` on an array of primitive values (float array, same shape).

    Generated from the record's ``transform`` by ``lambdify``: over NumPy when
    :math:`T` uses only arithmetic, ``sqrt`` and ``Piecewise`` (correctly rounded, the same
    bits as the kernel's ``math``), else element by element over Python's ``math``
    (``np.log``'s SIMD loop differs from the C library's ``log`` in the last bit)."""
    if isinstance(law, str):
        law = law_kind(law)
    raw = np.asarray(raw, dtype=float)
    with np.errstate(all="ignore"):
        out = np.asarray(_numpy_transform(law)(raw), dtype=float)
    return out if out.shape == raw.shape else np.array(np.broadcast_to(out, raw.shape))


def _rounds_like_math(expr: sp.Expr) -> bool:
    """True when NumPy evaluates ``expr`` with the bits of Python's ``math``: only exactly
    rounded operations (arithmetic, integer powers, square roots) and ``Piecewise``."""
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Piecewise):
            continue
        if isinstance(node, sp.Function):
            return False
        if isinstance(node, sp.Pow) and not (
            node.exp.is_Integer or node.exp in (sp.S.Half, -sp.S.Half)
        ):
            return False
    return True


@functools.cache
def _numpy_transform(law: StandardLaw) -> Callable[[np.ndarray], Any]:
    symbol = PRIMITIVES[law.primitive].symbol
    if _rounds_like_math(law.transform):
        return sp.lambdify(symbol, law.transform, modules="numpy")
    scalar = sp.lambdify(symbol, law.transform, modules="math")
    ufunc = np.frompyfunc(lambda x: float(scalar(x)), 1, 1)
    return lambda x: ufunc(x).astype(float)


def _vector(value: Any, parameter: str, dim: int | None) -> list[sp.Expr]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if dim is None:
            return [exact(value, parameter)]
        return [exact(value, parameter)] * dim
    return exact_vector(value, parameter, dim)


__all__ = [
    "ALIASES",
    "KINDS",
    "PRIMITIVES",
    "U_GUARD",
    "U_PRIMITIVE",
    "Z_PRIMITIVE",
    "MeanLaw",
    "Primitive",
    "StandardLaw",
    "apply_transform",
    "draw_standard",
    "law_by_code",
    "law_kind",
    "moment_expressions",
    "planted_sup_density_scale",
    "register",
    "standard_cdf",
    "standard_density",
    "standard_moments",
    "standard_sup_density",
    "unregister",
]
