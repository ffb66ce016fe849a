"""The loss contract: the :class:`Loss` base class (expression, numeric form, derivation,
test options) and the symbolic mixtures its derivations run on (:func:`symbolic_mixture`).
The concrete losses and their registry are in :mod:`hallbound.symbolic.losses`, which
re-exports every public name here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.bregman import (
    Coords,
    as_columns,
    coordinates,
)
from hallbound.symbolic.derivation import Derivation
from hallbound.symbolic.families import Family, family_class
from hallbound.symbolic.mixture import LatentMixture


def symbolic_mixture(
    family: str | type[Family], n_states: int, dim: int | None = None
) -> LatentMixture:
    r"""A mixture of ``n_states`` members of ``family`` with weights :math:`p_1..p_N`
    (positive symbols) and means :math:`\mu_1..\mu_N` (real symbols, or columns
    :math:`\mu_{i,1..d}`); other parameters are the family's symbolic ones, shared.
    ``dim=None`` takes the family's default dimension."""
    if isinstance(n_states, bool) or not isinstance(n_states, int) or n_states < 1:
        raise InputError("states", f"must be an integer >= 1, got {n_states!r}")
    if dim is not None and (isinstance(dim, bool) or not isinstance(dim, int) or dim < 1):
        raise InputError("dim", f"must be an integer >= 1, got {dim!r}")
    cls = family_class(family) if isinstance(family, str) else family
    base = cls.symbolic() if dim is None else cls.symbolic(dim)
    dim = base.dim
    taken = {
        str(x)
        for v in base.parameters().values()
        for x in _free(v) - _free(getattr(base, "mu", None))
    }
    wname = _fresh("p", n_states, taken, ("w", "pi_w"))
    mname = _fresh("mu", n_states, taken, ("m", "nu_m"))
    weights = list(sp.symbols(f"{wname}_1:{n_states + 1}", positive=True))
    states = []
    for i in range(1, n_states + 1):
        mu = (
            sp.Symbol(f"{mname}_{i}", real=True)
            if dim == 1
            else sp.Matrix(sp.symbols(f"{mname}_{i}_1:{dim + 1}", real=True))
        )
        states.append(base.shifted(mu))
    return LatentMixture(weights, states)


def _free(value: Any) -> set[sp.Basic]:
    return set(getattr(value, "free_symbols", set()))


def _fresh(prefix: str, n: int, taken: set[str], fallbacks: tuple[str, ...]) -> str:
    """``prefix`` unless a family parameter already uses ``prefix_i``; then a fallback."""
    for name in (prefix, *fallbacks):
        if not any(x == name or x.startswith(f"{name}_") for x in taken):
            return name
    return f"{prefix}_state"


def estimate_symbol(mixture: LatentMixture) -> sp.Symbol:
    """``s`` (the estimate), or ``ahat`` when a family parameter is already called ``s``."""
    names = {str(x) for st in mixture.states for v in st.parameters().values() for x in _free(v)}
    return sp.Symbol("ahat" if "s" in names else "s", real=True)


def state_means(mixture: LatentMixture) -> list[sp.Matrix]:
    """Each state's mean :math:`E_i[A]` as a column."""
    return as_columns([s.mean() for s in mixture.states], mixture.dim)


def _weight_sum_subs(weights: Sequence[sp.Expr]) -> dict[sp.Expr, sp.Expr] | None:
    last = weights[-1]
    if isinstance(last, sp.Symbol):
        return {last: 1 - sp.Add(*weights[:-1])}
    return None


# ----- the Loss protocol --------------------------------------------------------------------

#: Kinds of laws (see :func:`law_kind`).
LAW_KINDS = ("continuous", "discrete", "simplex")
#: Where estimates live (:attr:`Loss.domain`).
DOMAINS = ("real", "positive", "simplex")


def law_kind(state: Family) -> str:
    """``"simplex"`` (one-hot outcomes, ``Family.simplex``), ``"discrete"`` (a pmf on a
    finite support, ``Family.discrete``) or ``"continuous"`` (a density)."""
    if state.simplex:
        return "simplex"
    return "discrete" if state.discrete else "continuous"


def lowest_point(state: Family) -> float:
    r""":math:`\min_j \inf \operatorname{supp} A_j`: the smallest support point of a discrete
    law (``support_points``), else the smallest lower end of its marginals' supports."""
    if state.discrete:
        return float(np.min(state.support_points()))
    return min(float(state.marginal(j).support()[0]) for j in range(state.dim))


@dataclass(frozen=True)
class TestOption:
    """How the Hypothesis strategies draw one loss option.

    ``kind`` is ``"grid"`` (the numbers ``k * step`` in ``[lo, hi]``), ``"positive_definite"``
    (a ``dim x dim`` symmetric positive-definite matrix,
    :func:`hallbound.testing.strategies.positive_definite`) or ``"choice"`` (one of
    ``choices``).
    """

    __test__ = False  # not a pytest class

    kind: str
    lo: float = 0.0
    hi: float = 0.0
    step: float = 0.0
    choices: tuple[str, ...] = ()


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v)
    return v / n if n > 0 else np.eye(len(v))[0]


def _to_simplex(s: np.ndarray) -> np.ndarray:
    x = np.clip(s, 1e-6, None)
    return x / x.sum()


class Loss(ABC):
    r"""A loss :math:`\ell(s, a)` and the derivation of its Bayes-optimal estimator.

    ``estimator`` names the optimal estimate's kind: ``"mean"``, ``"quantile"``
    (median = 1/2-quantile), ``"mode"`` or ``"law"`` (a proper score: the law itself, whose
    mean vector is the estimate). ``quantile_level`` is :math:`\tau` for quantile losses.

    What the numeric estimators and the property battery need is declared here, so that no
    code asks for a loss by name: :attr:`domain`, :attr:`law_kinds` (:meth:`applies_to`),
    :meth:`quadratic_weight`, :meth:`coordinate_loss`, :meth:`perturb`, :attr:`test_options`.
    """

    name: ClassVar[str]
    estimator: ClassVar[str]
    #: True when the optimum is a point of the law's support (a mode): :meth:`perturb` then
    #: moves to another support point (``candidates``).
    optimum_on_support: ClassVar[bool] = False
    description: ClassVar[str]
    #: Allowed option names (``loss_options`` in a spec).
    option_names: ClassVar[tuple[str, ...]] = ()
    #: Where estimates live: ``"real"`` (:math:`\mathbb{R}^d`), ``"positive"``
    #: (:math:`(0, \infty)^d`) or ``"simplex"`` (probability vectors).
    domain: str = "real"
    #: The kinds of laws (:func:`law_kind`) for which the optimal estimator and the expected
    #: loss are computed numerically (see :meth:`applies_to`).
    law_kinds: ClassVar[frozenset[str]] = frozenset({"continuous", "discrete"})
    #: True when :math:`\ell(s, a) = \sum_j \ell_j(s_j, a_j)` (see :meth:`coordinate_loss`).
    separable: ClassVar[bool] = True
    #: How the Hypothesis strategies draw each option in :attr:`option_names`.
    test_options: ClassVar[dict[str, TestOption]] = {}
    #: Overrides the catalogue's text for the estimator kind (``None``: the kind's text).
    estimate_summary: ClassVar[str | None] = None

    def __init__(self, **options: Any) -> None:
        unknown = sorted(set(options) - set(self.option_names))
        if unknown:
            allowed = ", ".join(self.option_names) or "none"
            raise InputError(
                "loss_options",
                f"unknown option(s) {unknown} for loss {self.name!r} (allowed: {allowed})",
            )
        self.options = dict(options)

    @property
    def quantile_level(self) -> float | None:
        """:math:`\\tau` for quantile estimators, else ``None``."""
        return None

    @abstractmethod
    def expression(self, s: Coords, a: Coords) -> sp.Expr:
        r""":math:`\ell(s, a)` for estimate coordinates ``s`` and target coordinates ``a``."""

    @abstractmethod
    def derive(self, mixture: LatentMixture) -> Derivation:
        """The derivation of the optimal estimator for ``mixture`` (symbolic or concrete)."""

    # derived forms -------------------------------------------------------------------------
    def symbols(self, dim: int = 1) -> tuple[Coords, Coords]:
        """Estimate and target coordinates ``(s, a)``."""
        return coordinates("s", dim), coordinates("a", dim)

    def latex(self, dim: int = 1) -> str:
        r"""LaTeX of :math:`\ell(s, a)`."""
        s, a = self.symbols(dim)
        return sp.latex(self.expression(s, a))

    def numeric(self, dim: int = 1) -> Callable[..., Any]:
        """``ell(s_1..s_d, a_1..a_d)`` as a NumPy function (lambdified from the expression)."""
        s, a = self.symbols(dim)
        return sp.lambdify([*s, *a], self.expression(s, a), modules=["numpy", "scipy"])

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self.options.items())
        return f"{type(self).__name__}({opts})"

    # protocol for the numeric estimators and the property battery ---------------------------
    @classmethod
    def applies_to(cls, states: Sequence[Family]) -> bool:
        r"""True when the optimal estimator and :math:`E\,\ell(s, A)` are defined and computed
        numerically for a mixture of ``states``: every state's :func:`law_kind` is in
        :attr:`law_kinds`, and for ``domain == "positive"`` the support lies in
        :math:`(0, \infty)^d` (:func:`lowest_point` :math:`> 0`)."""
        if not states or any(law_kind(s) not in cls.law_kinds for s in states):
            return False
        if cls.domain == "positive":
            return min(lowest_point(s) for s in states) > 0
        return True

    def quadratic_weight(self, dim: int) -> np.ndarray | None:
        r"""The matrix :math:`W` when :math:`\ell(s, a) = (a - s)^\top W (a - s)` in ``dim``
        coordinates, else ``None``. Then :math:`E\,\ell(s, A) = (s - \mu)^\top W (s - \mu)
        + \operatorname{tr}(W \operatorname{Cov} A)` for any law with mean :math:`\mu`."""
        return None

    def coordinate_loss(self, coord: int = 0) -> Callable[[Any, Any], Any]:
        r""":math:`\ell_j(s_j, a_j)` (NumPy) for a separable loss,
        :math:`\ell(s, a) = \sum_j \ell_j(s_j, a_j)`; here every :math:`\ell_j` is the
        1-D loss :meth:`numeric` ``(1)``. Raises :class:`InputError` for a loss that is not
        a sum over coordinates."""
        if not self.separable:
            raise InputError("loss", f"{self.name} is not a sum over coordinates")
        return self.numeric(1)

    def perturb(
        self,
        s_star: Sequence[float],
        v: Sequence[float],
        h: float,
        *,
        scale: float = 1.0,
        candidates: np.ndarray | None = None,
        simplex: bool = False,
    ) -> np.ndarray:
        r"""An estimate near ``s_star`` in the loss's domain (``v`` is normalised; on the
        simplex it is first projected to :math:`\sum_j v_j = 0`):

        * modes with ``candidates`` (the support of a discrete law): candidate
          :math:`\lfloor 1000 h\rfloor \bmod K`;
        * ``positive``: :math:`s^* \odot e^{h v}`;
        * ``simplex`` (or ``simplex=True``: one-hot outcomes): :math:`\Pi(s^* + h v / 2)`,
          clipped at :math:`10^{-6}` and renormalised;
        * ``real``: :math:`s^* + h\,\mathrm{scale}\,v`.
        """
        s = np.asarray(s_star, dtype=float).reshape(-1)
        dim = s.size
        if self.optimum_on_support and candidates is not None and len(candidates):
            pts = np.asarray(candidates, dtype=float)
            return pts[int(h * 1000) % len(pts)]
        u = _unit(np.asarray(v, dtype=float).reshape(-1)[:dim])
        if simplex:
            u = u - u.mean()
            u = _unit(u) if np.linalg.norm(u) > 0 else np.eye(dim)[0] - 1 / dim
        if self.domain == "positive":
            return s * np.exp(h * u)
        if simplex or self.domain == "simplex":
            return _to_simplex(s + 0.5 * h * u)
        return s + h * scale * u

