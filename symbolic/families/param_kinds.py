"""What each kind of family parameter does, as objects: one :class:`ParamKind` per kind.

A :class:`~hallbound.symbolic.families.params.Param` declares its kind by name
(``kind="location"``); the name is looked up once in :data:`PARAM_KINDS`, and every question
that depends on the kind (how a spec value is read, what its domain says in words, what an
example value is, whether it fixes the dimension of a member, whether it can be a symbol) is a
method of the kind object. A new kind is one subclass and one row of :data:`PARAM_KINDS`.

The methods take the declaring ``param`` (its bounds, test range, step, size) as their first
argument; they never import :mod:`params` (which imports this module).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.values import exact, exact_matrix, exact_vector

#: Probability vectors must sum to 1 within this tolerance.
SUM_TOLERANCE = 1e-12


class ParamKind:
    """A scalar parameter: a real number in the declared domain (the base behaviour)."""

    name = "scalar"
    #: Members may have ``dim > 1`` when a parameter of this kind is declared.
    multidimensional = False
    #: :meth:`Family.symbolic` may make the parameter a SymPy symbol.
    symbolic = True
    #: A test value outside the domain is kept (the domain bounds each entry, not the value).
    keeps_test_values_outside_domain = False

    def describe(self, param: Any, vector: bool) -> str:
        """The domain of the spec key in words (``b > 0``, ``p in [0, 1]``, ``real``)."""
        return _bounds_text(param, "real")

    def example(self, param: Any, dim: int, middle: float) -> Any:
        """A plain value for an example ``[[state]]`` (``middle``: the test range's)."""
        return middle

    def test_value(self, param: Any, x: float) -> sp.Expr:
        """The exact test value nearest ``x`` (on the grid of ``param.step`` when set)."""
        if param.step:
            return sp.Integer(round(x / param.step)) * sp.Rational(repr(float(param.step)))
        return sp.Rational(repr(float(x)))

    def check_values(self, param: Any) -> tuple[sp.Expr, ...]:
        """Where a symbolic answer is checked against the numeric one for this parameter."""
        return param.test_values()

    def assumptions(self, param: Any) -> dict[str, bool]:
        """SymPy assumptions of the parameter's symbol (``positive`` when ``lower >= 0``)."""
        if param.lower >= 0 and not (param.closed and param.lower == 0):
            return {"positive": True}
        if param.lower >= 0:
            return {"nonnegative": True}
        return {"real": True}

    def read(self, param: Any, value: Any, key: str, dim: int | None) -> Any:
        """The exact value of a spec entry (plain Python), domain-checked."""
        return _in_domain(param, exact(value, key), key)

    def dimension(self, value: Any) -> int | None:
        """The dimension a member's value fixes (None: it fixes none)."""
        return None

    def spec_dimension(self, value: Any, current: int | None) -> int | None:
        """The dimension the next spec keys are read with, once this value is read."""
        return current


class IntegerKind(ParamKind):
    """An integer in the declared domain."""

    name = "integer"

    def describe(self, param: Any, vector: bool) -> str:
        sym = param.symbol_name or param.name
        return "integer " + _bounds_text(param, sym)

    def example(self, param: Any, dim: int, middle: float) -> Any:
        return int(round(middle))

    def test_value(self, param: Any, x: float) -> sp.Expr:
        return sp.Integer(round(x))

    def assumptions(self, param: Any) -> dict[str, bool]:
        return {"integer": True, "positive": True} if param.lower >= 0 else {"integer": True}

    def read(self, param: Any, value: Any, key: str, dim: int | None) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(key, f"must be an integer, got {value!r}")
        return _in_domain(param, sp.Integer(value), key)


class ProbabilitiesKind(ParamKind):
    """A non-empty list of numbers in [0, 1] (of a length in ``param.size``)."""

    name = "probabilities"
    symbolic = False
    keeps_test_values_outside_domain = True

    def describe(self, param: Any, vector: bool) -> str:
        return "list of n >= 1 values in [0, 1]"

    def example(self, param: Any, dim: int, middle: float) -> Any:
        return [middle] * (param.size[0] if param.size else 1)

    def read(self, param: Any, value: Any, key: str, dim: int | None) -> Any:
        if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 0:
            raise InputError(key, "must be a non-empty list")
        values = exact_vector(value, key)
        for i, v in enumerate(values):
            if not 0 <= v <= 1:
                raise InputError(f"{key}[{i}]", f"must lie in [0, 1], got {v}")
        return values


class SimplexKind(ProbabilitiesKind):
    """A probability vector of length ``dim`` (at least 2 entries, summing to 1)."""

    name = "simplex"
    multidimensional = True
    keeps_test_values_outside_domain = False

    def describe(self, param: Any, vector: bool) -> str:
        return "list of C >= 2 values in [0, 1] summing to 1"

    def example(self, param: Any, dim: int, middle: float) -> Any:
        return [1.0 / max(dim, 2)] * max(dim, 2)

    def read(self, param: Any, value: Any, key: str, dim: int | None) -> Any:
        values = super().read(param, value, key, dim)
        if dim is not None and len(values) != dim:
            raise InputError(key, f"must have length {dim}, got {len(values)}")
        check_simplex(values, key)
        return values

    def dimension(self, value: Any) -> int | None:
        return len(value)


class LocationKind(ParamKind):
    """The mean: a number in 1-D, a real vector of length ``dim`` otherwise."""

    name = "location"
    keeps_test_values_outside_domain = True

    def describe(self, param: Any, vector: bool) -> str:
        return "real vector of length d" if vector else "[m], m real"

    def example(self, param: Any, dim: int, middle: float) -> Any:
        return [middle] * dim

    def check_values(self, param: Any) -> tuple[sp.Expr, ...]:
        return (sp.Integer(0),)

    def read(self, param: Any, value: Any, key: str, dim: int | None) -> Any:
        values = exact_vector(value, key, dim)
        return values[0] if len(values) == 1 else sp.ImmutableMatrix(values)

    def dimension(self, value: Any) -> int | None:
        return int(value.shape[0]) if isinstance(value, sp.MatrixBase) else None

    def spec_dimension(self, value: Any, current: int | None) -> int | None:
        return value.rows if isinstance(value, sp.MatrixBase) else 1


class CovarianceKind(ParamKind):
    """A ``dim x dim`` symmetric positive-definite matrix."""

    name = "covariance"
    multidimensional = True
    symbolic = False

    def describe(self, param: Any, vector: bool) -> str:
        return "symmetric positive-definite d x d matrix"

    def example(self, param: Any, dim: int, middle: float) -> Any:
        return [[1.0 if i == j else 0.0 for j in range(dim)] for i in range(dim)]

    def read(self, param: Any, value: Any, key: str, dim: int | None) -> Any:
        cov = exact_matrix(value, key, dim)
        check_covariance(cov, key)
        return sp.ImmutableMatrix(cov)

    def dimension(self, value: Any) -> int | None:
        return int(value.shape[0])


#: The parameter kinds, by the name a declaration gives.
PARAM_KINDS: dict[str, ParamKind] = {
    kind.name: kind
    for kind in (
        ParamKind(),
        IntegerKind(),
        ProbabilitiesKind(),
        SimplexKind(),
        LocationKind(),
        CovarianceKind(),
    )
}


def check_simplex(probs: Sequence[sp.Expr], key: str) -> None:
    """Raise :class:`InputError` unless the numbers are >= 0 and sum to 1 (within 1e-12)."""
    for i, p in enumerate(probs):
        if not p >= 0:
            raise InputError(f"{key}[{i}]", f"must be >= 0, got {p}")
    total = float(sp.N(sp.Add(*probs), 30))
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise InputError(key, f"must sum to 1 (within 1e-12), got {total!r}")


def check_covariance(cov: sp.Matrix, key: str = "cov") -> None:
    """Raise :class:`InputError` unless ``cov`` is symmetric positive definite."""
    m = np.array(cov, dtype=float)
    if not np.allclose(m, m.T, rtol=0, atol=1e-12):
        raise InputError(key, "must be symmetric")
    if np.linalg.eigvalsh(m).min() <= 0:
        raise InputError(key, "must be positive definite")


def fmt_bound(x: float) -> str:
    """A domain bound as text: ``inf``, ``-inf`` or ``%g``."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:g}"


def _bounds_text(param: Any, unbounded: str) -> str:
    """``b > 0``, ``p in [0, 1]``, ``x < 3``, or ``unbounded`` for the whole line."""
    sym = param.symbol_name or param.name
    lo, hi = math.isfinite(param.lower), math.isfinite(param.upper)
    strict = "=" if param.closed else ""
    if lo and hi:
        return f"{sym} in {param.domain_text()}"
    if lo:
        return f"{sym} >{strict} {fmt_bound(param.lower)}"
    if hi:
        return f"{sym} <{strict} {fmt_bound(param.upper)}"
    return unbounded


def _in_domain(param: Any, value: sp.Expr, key: str) -> sp.Expr:
    if not param.contains(float(value)):
        raise InputError(key, f"must lie in {param.domain_text()}, got {value}")
    return value
