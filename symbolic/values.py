"""Turning user numbers into exact SymPy numbers, and back.

A float from a spec file becomes the exact rational of its shortest decimal repr
(``0.3 -> 3/10``), so that closed forms stay exact and every later evaluation, float or
50-digit, starts from the number the user wrote.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import sympy as sp

from hallbound.errors import InputError


def exact(value: object, parameter: str) -> sp.Expr:
    """An exact SymPy number for a finite int/float/str/SymPy value, else :class:`InputError`."""
    if isinstance(value, sp.Basic):
        return value  # symbolic or already exact
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(parameter, f"must be a number, got {value!r}")
    if not math.isfinite(value):
        raise InputError(parameter, f"must be finite, got {value!r}")
    if isinstance(value, int):
        return sp.Integer(value)
    return sp.Rational(repr(value))


def exact_vector(values: object, parameter: str, length: int | None = None) -> list[sp.Expr]:
    """A list of exact numbers; checks the length when given."""
    if isinstance(values, int | float) and not isinstance(values, bool):
        values = [values]
    if not isinstance(values, Sequence) or isinstance(values, str):
        raise InputError(parameter, f"must be a list of numbers, got {values!r}")
    if length is not None and len(values) != length:
        raise InputError(parameter, f"must have length {length}, got {len(values)}")
    return [exact(v, f"{parameter}[{i}]") for i, v in enumerate(values)]


def exact_matrix(values: object, parameter: str, size: int | None = None) -> sp.Matrix:
    """A square exact matrix; checks the size when given."""
    if not isinstance(values, Sequence) or isinstance(values, str) or not values:
        raise InputError(parameter, f"must be a square matrix (list of rows), got {values!r}")
    rows = [exact_vector(row, f"{parameter}[{i}]", len(values)) for i, row in enumerate(values)]
    if size is not None and len(rows) != size:
        raise InputError(parameter, f"must be {size}x{size}, got {len(rows)}x{len(rows)}")
    return sp.Matrix(rows)


def is_numeric(expr: object) -> bool:
    """True when a SymPy expression (or matrix) has no free symbols."""
    return not getattr(expr, "free_symbols", set())


def to_float(expr: object) -> float:
    """Evaluate a closed SymPy expression to a Python float (15+ digits first)."""
    return float(sp.N(expr, 30))
