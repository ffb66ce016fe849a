r"""Helpers shared by the families: the point symbol, locations, discrete level sets.

Spec values are read by each family's declared parameters
(:meth:`hallbound.symbolic.families.params.Param.read`); here: the point symbol, location
conversions and the discrete level-set helpers.
The discrete helpers build, from a finite support :math:`\{x_k\}` with masses
:math:`f_k`, the level set :math:`U^\delta = \{x_k : f_k > \delta\}` and the covering radius

.. math:: r(\delta) = \max_k \, \mathbf 1[f_k > \delta]\, \|x_k - \mu\|,

which is 0 when no mass exceeds :math:`\delta`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.values import exact_vector, is_numeric


def point_symbol(dim: int, name: str = "a") -> sp.Expr | sp.Matrix:
    """The point ``a`` (a real symbol, or a column of ``a_1..a_d``)."""
    if dim == 1:
        return sp.Symbol(name, real=True)
    return sp.Matrix(sp.symbols(f"{name}_1:{dim + 1}", real=True))


# ----- spec readers (the rest is in params.Param.read) -----------------------------------
def check_dim_one(dim: int | None, family: str) -> None:
    """1-D families: a given ``dim`` must be 1."""
    if dim is not None and dim != 1:
        raise InputError("mean", f"{family} is one-dimensional, other states have dim {dim}")


def plain(value: Any) -> Any:
    """NumPy arrays and scalars as Python lists and numbers (for the exact readers)."""
    if isinstance(value, np.ndarray):
        return value.reshape(-1).tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def vector(value: Any, dim: int, key: str = "mean") -> list[sp.Expr]:
    """A location vector of length ``dim`` from a list, array, SymPy matrix or expressions."""
    if isinstance(value, sp.MatrixBase):
        values = list(value)
    elif isinstance(value, list | tuple) and all(isinstance(v, sp.Basic) for v in value):
        values = list(value)
    else:
        values = exact_vector(plain(value), key)
    if len(values) != dim:
        raise InputError(key, f"must have length {dim}, got {len(values)}")
    return values


def scalar(value: Any, key: str = "mean") -> sp.Expr:
    """A scalar location from a number, a one-element list/array, or a SymPy expression."""
    value = plain(value)
    if isinstance(value, sp.MatrixBase):
        if value.shape != (1, 1):
            raise InputError(key, f"must be a scalar, got shape {value.shape}")
        return value[0, 0]
    if isinstance(value, sp.Basic):
        return value
    values = exact_vector(value, key)
    if len(values) != 1:
        raise InputError(key, f"must be a scalar, got {len(values)} values")
    return values[0]


# ----- discrete level sets ----------------------------------------------------------------
class MaxOver(sp.Function):
    r""":math:`\max_{k=\ell}^{h} g(k)`, written ``MaxOver(g, k, l, h)``, like ``Sum``.

    Evaluates to ``Max`` by itself once the bounds are integers and ``g`` has no other free
    symbol (e.g. after ``subs`` of every parameter), and by ``.doit()`` as soon as the
    bounds are integers; the empty range gives 0. Used for a covering radius whose support
    size is a symbol (Binomial with symbolic ``n``).
    """

    nargs = 4

    @staticmethod
    def _expand(expr: sp.Expr, k: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
        values = [expr.subs(k, i) for i in range(int(lo), int(hi) + 1)]
        return sp.Max(*values) if values else sp.Integer(0)

    @classmethod
    def eval(cls, expr: sp.Expr, k: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr | None:
        if lo.is_Integer and hi.is_Integer and expr.free_symbols <= {k}:
            return cls._expand(expr, k, lo, hi)
        return None

    def doit(self, **hints: Any) -> sp.Expr:
        expr, k, lo, hi = (a.doit(**hints) if hints.get("deep", True) else a for a in self.args)
        if lo.is_Integer and hi.is_Integer:
            return self._expand(expr, k, lo, hi)
        return self.func(expr, k, lo, hi)

    @property
    def free_symbols(self) -> set[sp.Basic]:
        expr, k, lo, hi = self.args
        return (expr.free_symbols - {k}) | lo.free_symbols | hi.free_symbols

    def _latex(self, printer: Any) -> str:
        expr, k, lo, hi = (printer._print(x) for x in self.args)
        return rf"\max_{{{k}={lo}}}^{{{hi}}} {expr}"


def distance(x: Any, mu: Any) -> sp.Expr:
    """:math:`\\|x - \\mu\\|_2` for scalars or column matrices."""
    if isinstance(x, sp.MatrixBase):
        diff = x - mu
        return sp.sqrt(sp.expand((diff.T * diff)[0, 0]))
    return sp.Abs(x - mu)


def finite_radius(
    points: Sequence[Any], masses: Sequence[sp.Expr], mu: Any, delta: sp.Expr
) -> sp.Expr:
    r""":math:`\max_k \mathbf 1[f_k > \delta] \|x_k - \mu\|` (exact for numbers)."""
    terms = [
        sp.Piecewise((distance(x, mu), sp.StrictGreaterThan(m, delta)), (0, True))
        for x, m in zip(points, masses, strict=True)
    ]
    return sp.Max(*terms)


def finite_region(
    points: Sequence[Any], masses: Sequence[sp.Expr], delta: sp.Expr, a: sp.Basic
) -> sp.Basic:
    r""":math:`\{x_k : f_k > \delta\}`: a ``FiniteSet`` for numbers, else a ``ConditionSet``.

    Vector points become tuples. For symbolic masses the region is
    :math:`\{a \in \{x_k\} : f(a) > \delta\}`, written with the mass attached to each point.
    """
    as_member = [sp.Tuple(*x) if isinstance(x, sp.MatrixBase) else x for x in points]
    conditions = [sp.StrictGreaterThan(m, delta) for m in masses]
    if all(c in (sp.true, sp.false) for c in conditions):
        return sp.FiniteSet(*[x for x, c in zip(as_member, conditions, strict=True) if c])
    support = sp.FiniteSet(*as_member)
    sym = sp.Tuple(*a) if isinstance(a, sp.MatrixBase) else a
    mass = sp.Piecewise(
        *[
            (m, sp.Eq(sym, x) if not isinstance(x, sp.Tuple) else sp.And(*map(sp.Eq, sym, x)))
            for x, m in zip(as_member, masses, strict=True)
        ],
        (0, True),
    )
    return sp.ConditionSet(sym, sp.StrictGreaterThan(mass, delta), support)


def concrete(*values: Any) -> bool:
    """True when every value is a number (no free symbols)."""
    return all(is_numeric(v) for v in values)


def exact_end(x: float) -> sp.Expr:
    """A support end as an exact SymPy number (``oo`` for infinite ends)."""
    if math.isinf(x):
        return sp.oo if x > 0 else -sp.oo
    return sp.Rational(repr(float(x))) if isinstance(x, float) else sp.Integer(x)
