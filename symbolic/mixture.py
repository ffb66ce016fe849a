r"""A latent mixture :math:`A = \sum_i p_i f_i`: weights and one conditional law per state.

Definition 4.2: an output :math:`a` :math:`\delta`-hallucinates when
:math:`f_i(a) \le \delta` for every state :math:`i`; Remark 6.1 states the same as
:math:`a \notin \bigcup_i U_i^\delta`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.families.base import Family, Point
from hallbound.symbolic.values import exact, is_numeric, to_float

#: Weights must sum to 1 within this tolerance.
WEIGHT_TOLERANCE = 1e-12


class LatentMixture:
    r"""Weights :math:`p_1..p_N` and conditional laws :math:`f_1..f_N` of one family."""

    def __init__(self, weights: Sequence[Any], states: Sequence[Family]) -> None:
        if len(states) == 0:
            raise InputError("state", "a mixture needs at least one state")
        if len(weights) != len(states):
            raise InputError("weight", f"{len(weights)} weights for {len(states)} states")
        self.weights = [exact(w, f"weight[{i}]") for i, w in enumerate(weights, start=1)]
        self.states = list(states)
        dims = {s.dim for s in self.states}
        if len(dims) != 1:
            raise InputError("mean", f"states have different dimensions {sorted(dims)}")
        self.dim = dims.pop()
        if all(is_numeric(w) for w in self.weights):
            self._check_weights()

    def _check_weights(self) -> None:
        values = [to_float(w) for w in self.weights]
        for i, w in enumerate(values, start=1):  # state numbers start at 1
            if not w > 0:
                raise InputError(f"weight[{i}]", f"must be > 0, got {w}")
        total = float(sp.N(sum(self.weights), 30))
        if abs(total - 1.0) > WEIGHT_TOLERANCE:
            raise InputError("weight", f"weights must sum to 1 (within 1e-12), got {total!r}")

    @property
    def size(self) -> int:
        """The number of latent states N."""
        return len(self.states)

    # closed forms ----------------------------------------------------------------------
    def density(self) -> sp.Expr:
        r"""Marginal density :math:`f(a) = \sum_i p_i f_i(a)` (all states share the point ``a``)."""
        a = self.states[0].a
        terms = []
        for w, s in zip(self.weights, self.states, strict=True):
            f = s.density()
            if s.a != a:
                f = f.subs(
                    dict(zip(s.point_symbols(), self.states[0].point_symbols(), strict=True))
                )
            terms.append(w * f)
        return sp.Add(*terms)

    def mean(self) -> sp.Expr | sp.Matrix:
        r""":math:`E[A] = \sum_i p_i \mu_i` (the squared-loss optimal estimate)."""
        total = self.weights[0] * self.states[0].mean()
        for w, s in zip(self.weights[1:], self.states[1:], strict=True):
            total = total + w * s.mean()
        return total

    # numeric ---------------------------------------------------------------------------
    def weight_vector(self) -> np.ndarray:
        """Weights as floats."""
        return np.array([to_float(w) for w in self.weights], dtype=float)

    def mean_vector(self) -> np.ndarray:
        """:math:`\\sum_i p_i \\mu_i` as a float vector."""
        pairs = zip(self.weight_vector(), self.states, strict=True)
        return sum(w * s.mean_vector() for w, s in pairs)

    def state_densities(self, point: Point) -> list[float]:
        """:math:`[f_1(a), ..., f_N(a)]` at a concrete point."""
        return [s.pdf(point) for s in self.states]

    def max_density(self, point: Point) -> float:
        """:math:`\\max_i f_i(a)`: the paper's "key insight" quantity."""
        return max(self.state_densities(point))

    def hallucinates(self, point: Point, delta: float) -> bool:
        """Definition 4.2: :math:`f_i(a) \\le \\delta` for every state i."""
        return all(f <= delta for f in self.state_densities(point))

    def in_hcdr(self, point: Point, delta: float) -> bool:
        """Remark 6.1's region form: :math:`a \\in \\bigcup_i U_i^\\delta`."""
        d = exact(delta, "delta")
        return any(s.level_set(d).contains(point) for s in self.states)

    def covering_radii(self, delta: float) -> list[float]:
        """:math:`r_i(\\delta)` per state (Definition 6.3)."""
        d = exact(delta, "delta")
        return [to_float(s.covering_radius(d)) for s in self.states]
