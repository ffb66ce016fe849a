r"""The high-density region :math:`U^\delta = \{a : f(a) > \delta\}` of a family, in closed
form (:class:`LevelSet`; :meth:`hallbound.symbolic.families.base.Family.level_set` returns one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import sympy as sp

from hallbound.symbolic.values import to_float

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


__all__ = ["LevelSet", "Point"]
