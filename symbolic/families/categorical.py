r"""Categorical family: one-hot vectors :math:`e_k \in \mathbb R^C` with probabilities
:math:`\pi_k`."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import scipy.stats
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.families.base import Family, LevelSet
from hallbound.symbolic.families.common import (
    concrete,
    finite_radius,
    finite_region,
    vector,
)
from hallbound.symbolic.families.params import Param, check_simplex
from hallbound.symbolic.values import to_float


class Categorical(Family):
    r"""One of ``C`` classes, encoded one-hot: :math:`f(e_k) = \pi_k`, ``dim = C``.

    Moments: :math:`E A = \pi` (the probability vector),
    :math:`E\|A - \pi\|^2 = 1 - \|\pi\|^2`,
    :math:`E\|A-\pi\|^4 = \sum_k \pi_k (1 - 2\pi_k + \|\pi\|^2)^2`
    (as :math:`\|e_k - \pi\|^2 = 1 - 2\pi_k + \|\pi\|^2`). :math:`\sup f = \max_k \pi_k`.
    Level set: :math:`\{e_k : \pi_k > \delta\}`; covering radius
    :math:`r(\delta) = \max_k \mathbf 1[\pi_k > \delta] \sqrt{1 - 2\pi_k + \|\pi\|^2}`.

    Spec keys (``family = "categorical"``): ``probs = [pi_1, ..., pi_C]`` (C >= 2, each in
    [0, 1], summing to 1 within 1e-12). This is not a location family: ``shifted(mu)``
    returns the categorical law whose mean is ``mu``, i.e. with probabilities ``mu`` (which
    must lie in the simplex, else :class:`InputError` naming ``mean``).
    """

    name = "categorical"
    summary = "one of C classes, one-hot"
    dims_text = "d = C >= 2 (discrete)"
    example_state: ClassVar[dict[str, Any]] = {"weight": 0.5, "probs": [0.2, 0.3, 0.5]}
    density_text = "pi_k at a = e_k"
    discrete = True
    simplex = True
    params = (Param("probs", kind="simplex", symbol_name="pi", latex=r"\pi"),)
    test_dims = (2, 4)

    def validate(self) -> None:
        if len(self.probs) < 2:
            raise InputError("probs", f"need at least 2 classes, got {len(self.probs)}")

    @property
    def mu(self) -> sp.ImmutableMatrix:
        r"""The mean :math:`\pi` as a column."""
        return sp.ImmutableMatrix(self.probs)

    @classmethod
    def symbolic(cls, dim: int = 3) -> Categorical:
        r""":math:`\pi_1..\pi_{C-1}` symbols, :math:`\pi_C = 1 - \sum_{k<C} \pi_k`."""
        if dim < 2:
            raise InputError("dim", f"a categorical law needs >= 2 classes, got {dim}")
        free = list(sp.symbols(f"pi_1:{dim}", positive=True))
        return cls([*free, 1 - sp.Add(*free)])

    def shifted(self, mu: Any) -> Categorical:
        values = vector(mu, self.dim)
        if concrete(*values):
            check_simplex(values, "mean")
        return Categorical(values)

    def corners(self) -> list[sp.Matrix]:
        """The one-hot vectors :math:`e_1..e_C`."""
        return [sp.eye(self.dim)[:, k] for k in range(self.dim)]

    def density(self) -> sp.Expr:
        pieces = [
            (p, sp.And(*[sp.Eq(x, e) for x, e in zip(self.a, corner, strict=True)]))
            for p, corner in zip(self.probs, self.corners(), strict=True)
        ]
        return sp.Piecewise(*pieces, (0, True))

    def mean(self) -> sp.Matrix:
        return self.mu

    def _norm2(self) -> sp.Expr:
        return sp.Add(*[p**2 for p in self.probs])

    def variance(self) -> sp.Expr:
        return 1 - self._norm2()

    def fourth_central_moment(self) -> sp.Expr:
        s = self._norm2()
        return sp.Add(*[p * (1 - 2 * p + s) ** 2 for p in self.probs])

    def sup_density(self) -> sp.Expr:
        return sp.Max(*self.probs)

    def level_set(self, delta: sp.Expr) -> LevelSet:
        nonempty = sp.StrictLessThan(delta, self.sup_density())
        region = finite_region(self.corners(), self.probs, delta, self.a)
        return LevelSet("finite", nonempty, region=region)

    def covering_radius(self, delta: sp.Expr) -> sp.Expr:
        return finite_radius(self.corners(), self.probs, self.mu, delta)

    def covariance(self) -> sp.Matrix:
        r""":math:`\operatorname{diag}(\pi) - \pi\pi^\top`."""
        return sp.diag(*self.probs) - self.mu * self.mu.T

    def marginal(self, coord: int) -> Any:
        r"""Coordinate k is Bernoulli(:math:`\pi_k`)."""
        return scipy.stats.bernoulli(to_float(self.probs[coord]))

    def support_points(self) -> np.ndarray:
        """The one-hot corners as rows."""
        return np.eye(self.dim)

    def support_table(self) -> tuple[np.ndarray, np.ndarray]:
        return self.support_points(), np.array([to_float(p) for p in self.probs], dtype=float)

    def scipy(self) -> Any:
        return scipy.stats.multinomial(1, np.array([to_float(p) for p in self.probs]))
