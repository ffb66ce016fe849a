r"""Parameter declarations: each family parameter is written once, as a :class:`Param`.

A declaration holds everything the rest of hallbound asks about a parameter:

* ``name``: the attribute of a member (``state.b``) and the key of ``parameters()``;
* ``key``: the ``[[state]]`` key of a spec file (``scale = 2``); ``None`` for a parameter
  that is not read from specs;
* ``kind``: ``scalar`` (a real number), ``integer``, ``probabilities`` (a list of numbers in
  [0, 1]), ``simplex`` (a probability vector of length ``dim``), ``location`` (the mean: a
  number in 1-D, a vector of length ``dim`` otherwise) or ``covariance`` (a ``dim x dim``
  symmetric positive definite matrix); what each kind does (reading, words, examples,
  test values, assumptions, dimension) is a method of its
  :class:`~hallbound.symbolic.families.param_kinds.ParamKind` (:attr:`Param.behaviour`);
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
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.families.common import plain
from hallbound.symbolic.families.param_kinds import (
    PARAM_KINDS,
    SUM_TOLERANCE,
    ParamKind,
    check_covariance,
    check_simplex,
    fmt_bound,
)

#: The names of the parameter kinds (each a :class:`ParamKind` in :data:`PARAM_KINDS`).
KINDS = tuple(PARAM_KINDS)


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
    #: What the kind does (looked up from ``kind`` in :data:`PARAM_KINDS`).
    behaviour: ParamKind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in PARAM_KINDS:
            raise ValueError(f"Param {self.name}: kind must be one of {KINDS}, got {self.kind!r}")
        object.__setattr__(self, "behaviour", PARAM_KINDS[self.kind])
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
        return f"{left}{fmt_bound(self.lower)}, {fmt_bound(self.upper)}{right}"

    def describe(self, vector: bool = False) -> str:
        """The domain of the spec key in words (``hallbound families``, the README's table).

        By kind (:meth:`ParamKind.describe`): ``real vector of length d`` (a ``location`` when
        ``vector``, else ``[m], m real``), ``symmetric positive-definite d x d matrix``, ``list
        of n >= 1 values in [0, 1]``, ``list of C >= 2 values in [0, 1] summing to 1``,
        ``integer n >= 1``, and for a scalar its bounds (``b > 0``, ``p in [0, 1]``,
        ``real``); then ``default x`` when the key may be left out."""
        text = self.behaviour.describe(self, vector)
        if self.default is not None:
            text += f", default {self.default}"
        return text

    def example(self, dim: int = 1) -> Any:
        """A value for an example ``[[state]]`` (plain Python, as a spec holds it): the middle
        of the test range (rounded to its grid; else of the domain, else 0 or the default);
        a list for the list kinds, the identity for a covariance, uniform for a simplex."""
        return self.behaviour.example(self, dim, self._middle())

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
        keep_all = self.behaviour.keeps_test_values_outside_domain
        for x in (lo, (lo + hi) / 2, hi):
            value = self.behaviour.test_value(self, x)
            if keep_all or self.contains(float(value)):
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
        """SymPy assumptions of the parameter's symbol (:meth:`ParamKind.assumptions`)."""
        return self.behaviour.assumptions(self)

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
        return self.behaviour.read(self, value, key, dim)


__all__ = ["KINDS", "SUM_TOLERANCE", "Param", "check_covariance", "check_simplex"]
