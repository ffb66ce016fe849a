r"""Parameter declarations: each family parameter is written once, as a :class:`Param`.

A declaration holds everything the rest of hallbound asks about a parameter:

* ``name``: the attribute of a member (``state.b``) and the key of ``parameters()``;
* ``key``: the ``[[state]]`` key of a spec file (``scale = 2``); ``None`` for a parameter
  that is not read from specs;
* ``kind``: ``scalar`` (a real number), ``integer``, ``probabilities`` (a list of numbers in
  [0, 1]), ``simplex`` (a probability vector of length ``dim``), ``location`` (the mean: a
  number in 1-D, a vector of length ``dim`` otherwise) or ``covariance`` (a ``dim x dim``
  symmetric positive definite matrix);
* ``lower``/``upper``/``closed``: the domain of a scalar (or of each entry), open unless
  ``closed``; the SymPy symbol of :meth:`symbol` carries the matching assumptions
  (``positive`` when ``lower >= 0``);
* ``test``/``step``/``size``: the closed range (and grid step) the Hypothesis strategies draw
  from, and the range of lengths of a ``probabilities`` list;
* ``default``: the value when a spec omits the key (``None``: the key is required);
* ``symbol_name``/``latex``: the name of the symbol of the symbolic family and its LaTeX;
* ``location``: ``shifted(mu)`` moves this parameter (see
  :meth:`hallbound.symbolic.families.base.Family.shifted`).

Readers (:meth:`Param.read`) turn a spec value into exact SymPy numbers and raise
:class:`~hallbound.errors.InputError` naming the key.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.families.common import plain
from hallbound.symbolic.values import exact, exact_matrix, exact_vector

KINDS = ("scalar", "integer", "probabilities", "simplex", "location", "covariance")
#: Probability vectors must sum to 1 within this tolerance.
SUM_TOLERANCE = 1e-12


@dataclass(frozen=True)
class Param:
    """One family parameter, declared once (see the module docstring)."""

    name: str
    key: str | None = ""
    kind: str = "scalar"
    lower: float = -math.inf
    upper: float = math.inf
    closed: bool = False
    test: tuple[float, float] | None = None
    step: float = 0.0
    size: tuple[int, int] | None = None
    default: Any = None
    symbol_name: str | None = None
    latex: str | None = None
    location: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Param {self.name}: kind must be one of {KINDS}, got {self.kind!r}")
        if self.key == "":
            object.__setattr__(self, "key", self.name)

    # ----- domain -------------------------------------------------------------------------
    def contains(self, value: float) -> bool:
        """``value`` in the domain (open unless ``closed``)."""
        if self.closed:
            return self.lower <= value <= self.upper
        return self.lower < value < self.upper

    def domain_text(self) -> str:
        """The domain as text, e.g. ``(0, inf)`` or ``[0, 1]``."""
        left, right = ("[", "]") if self.closed else ("(", ")")
        return f"{left}{_fmt(self.lower)}, {_fmt(self.upper)}{right}"

    def describe(self, vector: bool = False) -> str:
        """The domain of the spec key in words (``hallbound families``, the README's table).

        By kind: ``real vector of length d`` (a ``location`` when ``vector``, else ``[m], m
        real``), ``symmetric positive-definite d x d matrix``, ``list of n >= 1 values in
        [0, 1]``, ``list of C >= 2 values in [0, 1] summing to 1``, ``integer n >= 1``, and for
        a scalar its bounds (``b > 0``, ``p in [0, 1]``, ``real``); then ``default x`` when
        the key may be left out."""
        sym = self.symbol_name or self.name
        text = {
            "location": "real vector of length d" if vector else "[m], m real",
            "covariance": "symmetric positive-definite d x d matrix",
            "probabilities": "list of n >= 1 values in [0, 1]",
            "simplex": "list of C >= 2 values in [0, 1] summing to 1",
        }.get(self.kind) or self._bounds_text(sym)
        if self.default is not None:
            text += f", default {self.default}"
        return text

    def _bounds_text(self, sym: str) -> str:
        """``integer n >= 1``, ``b > 0``, ``p in [0, 1]``, ``x < 3``, ``real``."""
        lo, hi = math.isfinite(self.lower), math.isfinite(self.upper)
        strict = "=" if self.closed else ""
        if lo and hi:
            text = f"{sym} in {self.domain_text()}"
        elif lo:
            text = f"{sym} >{strict} {_fmt(self.lower)}"
        elif hi:
            text = f"{sym} <{strict} {_fmt(self.upper)}"
        else:
            text = "real" if self.kind == "scalar" else sym
        return f"integer {text}" if self.kind == "integer" else text

    def example(self, dim: int = 1) -> Any:
        """A value for an example ``[[state]]`` (plain Python, as a spec holds it): the middle
        of the test range (rounded to its grid; else of the domain, else 0 or the default);
        a list for the list kinds, the identity for a covariance, uniform for a simplex."""
        if self.kind == "covariance":
            return [[1.0 if i == j else 0.0 for j in range(dim)] for i in range(dim)]
        if self.kind == "simplex":
            return [1.0 / max(dim, 2)] * max(dim, 2)
        mid = self._middle()
        if self.kind == "integer":
            return int(round(mid))
        if self.kind == "location":
            return [mid] * dim
        if self.kind == "probabilities":
            return [mid] * (self.size[0] if self.size else 1)
        return mid

    def test_values(self) -> tuple[sp.Expr, ...]:
        """Exact values where the base class's fallbacks are checked: the low end, the middle
        and the high end of the test range (else of a finite stretch of the domain), on the
        grid of ``step`` (integers for ``integer``), inside the domain."""
        if self.test is not None:
            lo, hi = self.test
        else:
            mid = self._middle()
            lo, hi = mid - 0.5, mid + 0.5
        out: list[sp.Expr] = []
        for x in (lo, (lo + hi) / 2, hi):
            if self.kind == "integer":
                value = sp.Integer(round(x))
            elif self.step:
                value = sp.Integer(round(x / self.step)) * sp.Rational(repr(float(self.step)))
            else:
                value = sp.Rational(repr(float(x)))
            if self.kind in ("location", "probabilities") or self.contains(float(value)):
                if value not in out:
                    out.append(value)
        return tuple(out) or (sp.Rational(repr(self._middle())),)

    def _middle(self) -> float:
        if self.test is not None:
            lo, hi = self.test
        elif self.default is not None:
            return float(self.default)
        else:
            lo, hi = self.lower, self.upper
        if math.isinf(lo) and math.isinf(hi):
            mid = 0.0
        elif math.isinf(hi):
            mid = lo + 1.0
        elif math.isinf(lo):
            mid = hi - 1.0
        else:
            mid = (lo + hi) / 2
        if not self.step:
            return float(mid)
        base = lo if math.isfinite(lo) else 0.0
        on_grid = float(round(base + round((mid - base) / self.step) * self.step, 12))
        return on_grid if self.contains(on_grid) else float(mid)

    def assumptions(self) -> dict[str, bool]:
        """SymPy assumptions of the parameter's symbol."""
        if self.kind == "integer":
            return {"integer": True, "positive": True} if self.lower >= 0 else {"integer": True}
        if self.lower >= 0 and not (self.closed and self.lower == 0):
            return {"positive": True}
        if self.lower >= 0:
            return {"nonnegative": True}
        return {"real": True}

    def symbol(self) -> sp.Symbol:
        """The SymPy symbol of the symbolic family (scalar kinds), named ``symbol_name``."""
        return sp.Symbol(self.symbol_name or self.name, **self.assumptions())

    def latex_symbol(self) -> str:
        """The LaTeX of the parameter's symbol (``latex``, else SymPy's)."""
        return self.latex or sp.latex(self.symbol())

    # ----- reading a spec value -------------------------------------------------------------
    def read(self, state: dict[str, Any], family: str, dim: int | None = None) -> Any:
        """The exact value of this parameter in ``state`` (one ``[[state]]`` table)."""
        key = self.key or self.name
        if key not in state:
            if self.default is not None:
                return sp.sympify(self.default)
            raise InputError(key, f"missing for a {family} state")
        value = state[key]  # NumPy in, plain numbers out (a matrix keeps its rows)
        value = value.tolist() if isinstance(value, np.ndarray) and value.ndim > 1 else plain(value)
        reader = getattr(self, f"_read_{self.kind}")
        return reader(value, key, dim)

    def _check(self, value: sp.Expr, key: str) -> sp.Expr:
        if not self.contains(float(value)):
            raise InputError(key, f"must lie in {self.domain_text()}, got {value}")
        return value

    def _read_scalar(self, value: Any, key: str, dim: int | None) -> sp.Expr:
        return self._check(exact(value, key), key)

    def _read_integer(self, value: Any, key: str, dim: int | None) -> sp.Expr:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(key, f"must be an integer, got {value!r}")
        return self._check(sp.Integer(value), key)

    def _read_probabilities(self, value: Any, key: str, dim: int | None) -> list[sp.Expr]:
        if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 0:
            raise InputError(key, "must be a non-empty list")
        values = exact_vector(value, key)
        for i, v in enumerate(values):
            if not 0 <= v <= 1:
                raise InputError(f"{key}[{i}]", f"must lie in [0, 1], got {v}")
        return values

    def _read_simplex(self, value: Any, key: str, dim: int | None) -> list[sp.Expr]:
        values = self._read_probabilities(value, key, dim)
        if dim is not None and len(values) != dim:
            raise InputError(key, f"must have length {dim}, got {len(values)}")
        check_simplex(values, key)
        return values

    def _read_location(self, value: Any, key: str, dim: int | None) -> Any:
        values = exact_vector(value, key, dim)
        return values[0] if len(values) == 1 else sp.ImmutableMatrix(values)

    def _read_covariance(self, value: Any, key: str, dim: int | None) -> sp.ImmutableMatrix:
        cov = exact_matrix(value, key, dim)
        check_covariance(cov, key)
        return sp.ImmutableMatrix(cov)


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


def _fmt(x: float) -> str:
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:g}"


__all__ = ["KINDS", "SUM_TOLERANCE", "Param", "check_covariance", "check_simplex"]
