r"""The high-density region :math:`U^\delta = \{a : f(a) > \delta\}` of a family, in closed
form (:class:`LevelSet`; :meth:`hallbound.symbolic.families.base.Family.level_set` returns one).

Each shape is a subclass that knows how to test membership, print itself and give the point a
check probes (:class:`IntervalLevelSet`, :class:`EllipsoidLevelSet`, :class:`FiniteLevelSet`);
``LevelSet(kind, ...)`` builds the subclass registered for ``kind`` in :data:`LEVEL_SETS`, so
no code elsewhere compares a level set's kind with a string."""

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

    ``kind`` names the subclass (:data:`LEVEL_SETS`), one of:

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

    def __new__(cls, kind: str = "", *args: Any, **kwargs: Any) -> LevelSet:
        """``LevelSet(kind, ...)`` is the subclass of :data:`LEVEL_SETS` for ``kind``."""
        if cls is LevelSet:
            if kind not in LEVEL_SETS:
                raise ValueError(f"unknown level-set kind {kind!r} (known: {sorted(LEVEL_SETS)})")
            cls = LEVEL_SETS[kind]
        return object.__new__(cls)

    def __post_init__(self) -> None:
        if LEVEL_SETS.get(self.kind) is not type(self):
            raise ValueError(f"a {type(self).__name__} cannot have kind {self.kind!r}")

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
        return self._contains(np.atleast_1d(np.asarray(point, dtype=float)))

    def _contains(self, x: np.ndarray) -> bool:
        raise NotImplementedError

    def latex(self, a: str = "a") -> str:
        """LaTeX of the set (SymPy's printer of ``region``)."""
        return sp.latex(self.region)

    def text(self) -> str:
        """Plain-text form of the set, on one line."""
        return " ".join(str(self.region).split())

    def far_point(self, center: Sequence[float], digits: int) -> list[sp.Expr]:
        """The point of the set farthest from ``center``, moved inward by a relative
        :math:`10^{-11}` where the set is open (``digits``-digit numbers)."""
        raise NotImplementedError


#: Relative step a far point is moved inward by.
_SHRINK = 1 - sp.Rational(1, 10**11)


def _farthest(points: Sequence[Sequence[Any]], center: Sequence[float]) -> list[Any]:
    return list(max(points, key=lambda p: sum((float(a) - b) ** 2
                                              for a, b in zip(p, center, strict=True))))


@dataclass(frozen=True)
class IntervalLevelSet(LevelSet):
    """``region`` is a SymPy ``Interval`` (or ``Union`` of them) in ``a``."""

    def _contains(self, x: np.ndarray) -> bool:
        v = float(x[0])
        return any(
            (lo < v if lopen else lo <= v) and (v < hi if ropen else v <= hi)
            for lo, hi, lopen, ropen in self._float_intervals
        )

    def far_point(self, center: Sequence[float], digits: int) -> list[sp.Expr]:
        c0 = sp.Float(repr(float(center[0])), digits)
        ends = [e for e in (self.region.inf, self.region.sup) if e.is_finite]  # type: ignore[union-attr]
        far = max(ends, key=lambda e: abs(float(sp.N(e, 30)) - center[0]))
        return [c0 + (sp.N(far, digits) - c0) * _SHRINK]


@dataclass(frozen=True)
class EllipsoidLevelSet(LevelSet):
    r""":math:`\{a : (a-c)^\top M (a-c) < \ell\}` with ``center`` c, ``shape`` M (positive
    definite) and ``level`` :math:`\ell`."""

    def _contains(self, x: np.ndarray) -> bool:
        c, m, level = self._float_ellipsoid
        diff = x - c
        return bool(diff @ m @ diff < level)

    def latex(self, a: str = "a") -> str:
        """``\\{a : (a-\\mu)^\\top \\Sigma^{-1} (a-\\mu) < \\ell\\}``."""
        c = sp.latex(self.center.T if self.center is not None else "c")
        m = sp.latex(self.shape)
        return rf"\left\{{ {a} : ({a}-{c})^\top {m} ({a}-{c}) < {sp.latex(self.level)} \right\}}"

    def text(self) -> str:
        from hallbound.symbolic.derivation import formula_text

        return (
            f"{{a : (a - c)^T M (a - c) < {self.level}}} with c = {formula_text(self.center)}, "
            f"M = {formula_text(self.shape)}"
        )

    def far_point(self, center: Sequence[float], digits: int) -> list[sp.Expr]:
        lam, vecs = np.linalg.eigh(np.array(self.shape, dtype=float))
        v = vecs[:, 0]
        reach = sp.sqrt(sp.N(self.level, digits) / sp.Float(repr(float(lam[0])), digits))
        ctr = [sp.N(x, digits) for x in (list(self.center) if self.center.shape else [self.center])]  # type: ignore[union-attr]
        cands = [
            [ctr[j] + sgn * reach * sp.Float(repr(float(v[j])), digits) * _SHRINK
             for j in range(len(v))]
            for sgn in (1, -1)
        ]
        return _farthest(cands, center)


@dataclass(frozen=True)
class FiniteLevelSet(LevelSet):
    r"""``region`` is a SymPy ``FiniteSet`` of support points (tuples for vectors) for concrete
    parameters; with symbolic ones, a ``ConditionSet`` of the support points whose mass exceeds
    :math:`\delta`."""

    def _contains(self, x: np.ndarray) -> bool:
        return any(
            coords.shape == x.shape and np.allclose(coords, x, rtol=0, atol=1e-12)
            for coords in self._float_members
        )

    def far_point(self, center: Sequence[float], digits: int) -> list[sp.Expr]:
        members = list(self.region)  # type: ignore[arg-type]
        pts = [list(m) if isinstance(m, sp.Tuple | tuple) else [m] for m in members]
        return _farthest(pts, center)


#: The level-set shapes by kind (``LevelSet(kind, ...)`` builds the subclass).
LEVEL_SETS: dict[str, type[LevelSet]] = {
    "interval": IntervalLevelSet,
    "ellipsoid": EllipsoidLevelSet,
    "finite": FiniteLevelSet,
}


__all__ = [
    "LEVEL_SETS",
    "EllipsoidLevelSet",
    "FiniteLevelSet",
    "IntervalLevelSet",
    "LevelSet",
    "Point",
]
