r"""Hypothesis strategies for hallbound objects (public, documented, composable).

Each strategy draws *valid* objects only, so a property fails because of the code under test,
never because of a malformed input:

* :func:`families` -- a concrete member of a built-in (or user) family: positive-definite
  covariances, positive scales, probabilities in (0, 1), probability vectors on the simplex;
* :func:`latent_mixtures` -- a :class:`~hallbound.symbolic.mixture.LatentMixture` with exact
  rational weights on the simplex (:math:`p_i > 0`, :math:`\sum_i p_i = 1` exactly);
* :func:`mean_laws` -- a :class:`~hallbound.symbolic.mean_laws.MeanLaw` (Assumption 6.1's
  :math:`d_i^\mu`) with positive scales;
* :func:`deltas` -- a level :math:`\delta \in (0, 1]`; given a mixture, one in its meaningful
  range :math:`(0, \max_i \sup f_i)` (so that at least one :math:`U_i^\delta` is non-empty);
* :func:`losses` -- a :class:`~hallbound.symbolic.losses.Loss` with valid options
  (:math:`\tau \in (0, 1)` for pinball, a positive-definite ``W`` for Mahalanobis).

They compose with Hypothesis' own strategies::

    from hypothesis import given, strategies as st
    from hallbound.testing import strategies as hs

    @given(hs.latent_mixtures(family="laplace", states=st.integers(2, 4)), hs.deltas())
    def test_something(mixture, delta): ...

Parameters accept a plain value or a strategy (``family="normal"`` or
``family=st.sampled_from(["normal", "laplace"])``; ``states=3`` or ``states=st.integers(1, 4)``).
Numbers are drawn on coarse decimal grids (e.g. multiples of 1/100) so that the exact
rationals the families store stay small and the SymPy closed forms stay fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from hallbound.symbolic.families import FAMILIES, Family, family_class
from hallbound.symbolic.mixture import LatentMixture


def _as_strategy(value: Any) -> st.SearchStrategy[Any]:
    return value if isinstance(value, st.SearchStrategy) else st.just(value)


def _grid(lo: float, hi: float, step: float) -> st.SearchStrategy[sp.Rational]:
    """Exact rationals ``k * step`` in ``[lo, hi]`` (``step`` a power of ten or 1/2)."""
    q = sp.nsimplify(step)
    k_lo, k_hi = int(np.ceil(lo / step - 1e-9)), int(np.floor(hi / step + 1e-9))
    return st.integers(k_lo, k_hi).map(lambda k: sp.Rational(k) * q)


def _floats(values: Sequence[sp.Rational]) -> list[float]:
    return [float(v) for v in values]


# ----- per-family state tables -----------------------------------------------------------------
@st.composite
def positive_definite(draw: st.DrawFn, dim: int) -> list[list[float]]:
    r"""A covariance :math:`\Sigma = L L^\top + \tfrac{1}{10} I`, rounded to 1/100, symmetric.

    Rounding keeps it symmetric exactly; the smallest eigenvalue is checked to be
    :math:`\ge 0.05` (rejected otherwise), so it is positive definite with margin.
    """
    entries = []
    for i in range(dim):
        row = []
        for j in range(dim):
            if j < i:
                row.append(draw(_grid(-1, 1, 0.1)))
            elif j == i:
                row.append(draw(_grid(0.4, 2, 0.1)))
            else:
                row.append(sp.Integer(0))
        entries.append(row)
    low = sp.Matrix(entries)
    cov = low * low.T + sp.eye(dim) / 10
    m = np.array(cov, dtype=float)
    if np.linalg.eigvalsh(m).min() < 0.05:
        from hypothesis import reject

        reject()
    return [[float(cov[i, j]) for j in range(dim)] for i in range(dim)]


def _location() -> st.SearchStrategy[sp.Rational]:
    return _grid(-5, 5, 0.25)


def _family_cls(family: str | type[Family]) -> type[Family]:
    return family if isinstance(family, type) else family_class(family)


def _scalar(lo: float, hi: float, step: float) -> st.SearchStrategy[Any]:
    """Floats on the grid ``k * step`` in ``[lo, hi]``; for ``step == 0``, floats in
    ``[lo, hi]`` rounded to 3 digits (clamped back into the range)."""
    if step:
        return _grid(lo, hi, step).map(float)
    return (
        st.floats(lo, hi, allow_nan=False)
        .map(lambda x: round(x, 3))
        .map(lambda x: min(max(x, lo), hi))
    )


def _test_range(param: Any) -> tuple[float, float]:
    if param.test is None:
        raise ValueError(f"family: parameter {param.name!r} declares no test range")
    lo, hi = param.test
    return lo, hi


def _param_value(draw: st.DrawFn, param: Any, dim: int) -> Any:
    """One value of ``param`` (a :class:`~hallbound.symbolic.families.params.Param`) drawn
    from its test range, by kind (one row of :data:`_VALUE_DRAWS` per kind, none per
    family)."""
    if param.kind not in _VALUE_DRAWS:
        raise ValueError(f"family: no strategy for parameter kind {param.kind!r}")
    return _VALUE_DRAWS[param.kind](draw, param, dim)


def _draw_location(draw: st.DrawFn, param: Any, dim: int) -> list[float]:
    lo, hi = _test_range(param)
    return [draw(_scalar(lo, hi, param.step)) for _ in range(dim)]


def _draw_probabilities(draw: st.DrawFn, param: Any, dim: int) -> list[float]:
    lo, hi = _test_range(param)
    size_lo, size_hi = param.size or (1, 1)
    return draw(st.lists(_scalar(lo, hi, param.step), min_size=size_lo, max_size=size_hi))


def _draw_integer(draw: st.DrawFn, param: Any, dim: int) -> int:
    lo, hi = _test_range(param)
    return draw(st.integers(int(lo), int(hi)))


def _draw_scalar(draw: st.DrawFn, param: Any, dim: int) -> float:
    lo, hi = _test_range(param)
    return draw(_scalar(lo, hi, param.step))


#: How a value of each parameter kind is drawn: kind -> (draw, param, dim) -> value.
_VALUE_DRAWS: dict[str, Callable[[st.DrawFn, Any, int], Any]] = {
    "location": _draw_location,
    "covariance": lambda draw, param, dim: draw(positive_definite(dim)),
    "simplex": lambda draw, param, dim: draw(simplex_weights(dim)),
    "probabilities": _draw_probabilities,
    "integer": _draw_integer,
    "scalar": _draw_scalar,
}


@st.composite
def state_tables(draw: st.DrawFn, family: str | type[Family], dim: int = 1) -> dict[str, Any]:
    """One ``[[state]]`` table (without ``weight``) of ``family`` with valid parameters,
    built from the family's declared ``params`` (their spec keys and test ranges); params
    with no spec key are skipped, optional ones are drawn too."""
    cls = _family_cls(family)
    params = getattr(cls, "params", ())
    if not params:
        raise ValueError(f"family: no strategy for {cls.name!r} (it declares no params)")
    return {p.key: _param_value(draw, p, dim) for p in params if p.key is not None}


def family_dims(family: str | type[Family]) -> st.SearchStrategy[int]:
    """Dimensions a family's states may have: its ``test_dims`` (Normal 1-3, categorical
    2-4, others 1)."""
    lo, hi = _family_cls(family).test_dims
    return st.integers(lo, hi) if hi > lo else st.just(lo)


def _family_name(family: Any) -> st.SearchStrategy[str]:
    if family is None:
        return st.sampled_from(sorted(FAMILIES))
    if isinstance(family, type) and issubclass(family, Family):
        return st.just(family.name)
    return _as_strategy(family)


def _user_class(family: Any) -> type[Family] | None:
    return family if isinstance(family, type) and issubclass(family, Family) else None


def _build_state(cls: type[Family], table: dict[str, Any], dim: int | None) -> Family:
    return cls.from_spec(table, dim)


@st.composite
def families(draw: st.DrawFn, family: Any = None, dim: Any = None) -> Family:  # noqa: D417 - documented in module
    """A concrete member of ``family`` (a name, a class, a strategy, or any registered)."""
    name = draw(_family_name(family))
    cls = _user_class(family) or family_class(name)
    d = draw(_as_strategy(dim) if dim is not None else family_dims(cls))
    return _build_state(cls, draw(state_tables(cls, d)), d)


@st.composite
def simplex_weights(draw: st.DrawFn, n: int) -> list[sp.Rational]:
    """Exact rationals :math:`k_i / \\sum_j k_j` with :math:`k_i \\in \\{1..20\\}`: sum 1."""
    ks = draw(st.lists(st.integers(1, 20), min_size=n, max_size=n))
    total = sum(ks)
    return [sp.Rational(k, total) for k in ks]


@st.composite
def latent_mixtures(
    draw: st.DrawFn, family: Any = None, states: Any = None, dim: Any = None
) -> LatentMixture:
    """A :class:`LatentMixture` of ``states`` members of one family (default 1-3 states)."""
    name = draw(_family_name(family))
    cls = _user_class(family) or family_class(name)
    n = draw(_as_strategy(states) if states is not None else st.integers(1, 3))
    d = draw(_as_strategy(dim) if dim is not None else family_dims(cls))
    tables = [draw(state_tables(cls, d)) for _ in range(n)]
    laws = [_build_state(cls, t, d) for t in tables]
    return LatentMixture(draw(simplex_weights(n)), laws)


# ----- mean laws, deltas, losses ---------------------------------------------------------------
@st.composite
def mean_laws(draw: st.DrawFn, dim: Any = 1, kind: Any = None, center: Any = None) -> Any:
    r"""A mean law :math:`\mu = \mu_0 + s \odot \xi` (kinds normal, uniform, laplace, two-point)."""
    from hallbound.symbolic.mean_laws import KINDS, MeanLaw

    d = draw(_as_strategy(dim))
    k = draw(_as_strategy(kind) if kind is not None else st.sampled_from(sorted(KINDS)))
    if center is None:
        c = tuple(draw(_grid(-3, 3, 0.5)) for _ in range(d))
    else:
        c = tuple(sp.nsimplify(x) for x in np.atleast_1d(draw(_as_strategy(center))))
    s = tuple(draw(_grid(0.5, 8, 0.25)) for _ in range(d))
    return MeanLaw(k, c, s)


def sup_densities(mixture: LatentMixture) -> list[float]:
    r""":math:`\sup f_i` per state, as floats."""
    return [float(sp.N(s.sup_density(), 20)) for s in mixture.states]


def deltas(
    mixture: LatentMixture | None = None, *, nonempty: bool = True
) -> st.SearchStrategy[float]:
    r"""A level :math:`\delta`.

    Without a mixture: :math:`\delta \in [10^{-4}, 1]` (log-uniform on a decimal grid). With a
    mixture and ``nonempty``: :math:`\delta = u \max_i \sup f_i` with :math:`u \in [0.01, 0.99]`
    (at least one :math:`U_i^\delta` non-empty); ``nonempty=False`` also allows
    :math:`u \in (0.99, 1.5]`.
    """
    if mixture is None:
        return st.integers(-400, 0).map(lambda k: float(f"{10 ** (k / 100):.4g}"))
    top = max(sup_densities(mixture))
    upper = 0.99 if nonempty else 1.5
    return st.floats(0.01, upper).map(lambda u: float(f"{u * top:.6g}")).filter(lambda x: x > 0)


def _option(spec: Any, dim: int) -> st.SearchStrategy[Any]:
    """The strategy of one :class:`~hallbound.symbolic.losses.TestOption`."""
    if spec.kind == "grid":
        return _grid(spec.lo, spec.hi, spec.step).map(float)
    if spec.kind == "positive_definite":
        return positive_definite(dim)
    if spec.kind == "choice":
        return st.sampled_from(list(spec.choices))
    raise ValueError(f"loss: unknown test option kind {spec.kind!r}")


@st.composite
def losses(draw: st.DrawFn, names: Any = None, dim: int = 1) -> Any:
    """A :class:`~hallbound.symbolic.losses.Loss` with valid options (each option drawn as
    the loss's ``test_options`` declare)."""
    from hallbound.symbolic.losses import LOSSES, loss_class

    name = draw(_as_strategy(names) if names is not None else st.sampled_from(sorted(LOSSES)))
    cls = loss_class(name)
    options = {key: draw(_option(cls.test_options[key], dim)) for key in cls.option_names}
    return cls(**options)


def family_losses(family: str | type[Family]) -> tuple[str, ...]:
    """Loss names whose ``law_kinds`` hold the family's kind of law (registry order): the
    losses that apply to some member (positive-domain losses need a positive support; the
    battery shifts discrete mixtures there)."""
    from hallbound.symbolic.losses import LOSSES

    cls = _family_cls(family)
    kind = "simplex" if cls.simplex else "discrete" if cls.discrete else "continuous"
    return tuple(name for name, loss in LOSSES.items() if kind in loss.law_kinds)


def applicable_losses(mixture: LatentMixture) -> tuple[str, ...]:
    """The loss names whose optimal estimator and expected loss make sense for ``mixture``
    (each loss's :meth:`~hallbound.symbolic.losses.Loss.applies_to`, registry order).

    Continuous laws: squared, absolute, pinball, Mahalanobis (zero-one's expected loss is 1
    for every estimate of a density; a generic Bregman generator has no numeric value).
    Discrete counts: squared, absolute, pinball, zero-one, Mahalanobis, and KL / Itakura-Saito
    when the support is positive. One-hot (simplex) laws: squared, Brier, cross-entropy,
    zero-one.
    """
    from hallbound.symbolic.losses import LOSSES

    return tuple(name for name, loss in LOSSES.items() if loss.applies_to(mixture.states))


__all__ = [
    "applicable_losses",
    "deltas",
    "families",
    "family_dims",
    "family_losses",
    "latent_mixtures",
    "losses",
    "mean_laws",
    "positive_definite",
    "simplex_weights",
    "state_tables",
    "sup_densities",
]
