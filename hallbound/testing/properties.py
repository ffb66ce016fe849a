r"""The property battery: six properties every family must satisfy, as Hypothesis tests.

Used by ``tests/testing/test_properties_*.py`` (built-in families) and by ``hallbound proptest``
(families a user brings). Each property is a *check* (a plain function that raises
:class:`PropertyFailure` with the numbers) and a Hypothesis test built around it by
:func:`battery`:

1. ``optimal`` -- the optimal estimator is optimal: for every applicable loss,
   :math:`E\,\ell(s^*, A) \le E\,\ell(s^* + h v, A)` for drawn directions ``v`` and sizes ``h``;
   :math:`E\,\ell` is an exact finite sum (discrete laws), a closed form per state
   (quadratic losses in d > 1, ``Loss.quadratic_weight``), or adaptive quadrature split at
   every kink (continuous laws), never Monte Carlo.
2. ``symbolic_numeric`` -- symbolic and numeric agree: each state's density (evaluated from
   its SymPy expression at 30 digits) against ``scipy.stats``; mean, variance, fourth central
   moment and :math:`\sup f` against numerical integration / sums / optimisation; the loss's
   derived estimator (closed form, quantile condition, or argmax) against
   :func:`~hallbound.numeric.estimators.optimal_estimate`.
3. ``covering`` -- the covering radius covers (every sampled point with :math:`f > \delta`
   lies within :math:`r` of the mean) and is minimal (a point of :math:`U^\delta`, checked by
   evaluating :math:`f` at 40 digits, lies at distance :math:`\ge r(1 - 10^{-9})`) whenever
   :math:`U^\delta` is not empty; :math:`r = 0` when it is.
4. ``bound`` -- optimal estimators never beat a valid bound: the Clopper-Pearson upper limit
   (level :data:`BOUND_LEVEL`) of :math:`P_H^\delta` from :data:`BOUND_DRAWS` Monte Carlo draws
   is :math:`\ge` every bound passed in (by default :func:`checker_bounds`, those the checker
   marks valid). The paper's Theorem 6.1 bound goes through the same check via
   :func:`paper_theorem61_bound`.
5. ``predicate`` -- Definition 4.2's predicate (:math:`f_i(a) \le \delta` for all i) agrees
   with Remark 6.1's region form (:math:`a \notin \bigcup_i U_i^\delta`), away from the
   boundary (points with :math:`|f_i(a) - \delta| \le 10^{-9}\delta` are skipped).
6. ``seed`` -- same seed, same numbers: family samples, mean-law samples and Monte Carlo
   counts repeat exactly.

Families without a mean (a Cauchy law). The first four properties need each state's mean
(:data:`NEEDS`): the expected loss, the moments compared, the covering radius's centre and the
squared-loss estimate of the Monte Carlo rate. A family may declare ``has_mean = False`` (or
``has_variance = False``) as a class attribute; otherwise :func:`moment_status` looks at one
member in the middle of the test ranges (the numeric fallback returns ``nan`` for a divergent
moment). :func:`run_battery` then reports each property that needs a missing moment as not
applicable, with the reason, at once, instead of letting Hypothesis hunt through examples
that cannot pass; the others run (``predicate`` probes around each state's location, ``seed``
leaves out the Monte Carlo counts, which need the mean).

The checks themselves (one function per property) are in
:mod:`hallbound.testing.property_checks`; this module draws the cases and runs the battery,
and re-exports every public name of the checks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallbound.symbolic.families import Family, family_class
from hallbound.symbolic.losses import loss_class
from hallbound.symbolic.mean_laws import KINDS
from hallbound.symbolic.mixture import LatentMixture
from hallbound.testing import strategies as hs
from hallbound.testing.property_checks import (
    BOUND_DRAWS,
    BOUND_LEVEL,
    DIGITS,
    LOSS_TOLERANCE,
    NEEDS,
    PROPERTIES,
    Bound,
    BoundOutcome,
    PropertyFailure,
    _num,
    check_bound,
    check_covering,
    check_estimator,
    check_family_quantities,
    check_optimal,
    check_predicate,
    check_seed,
    checker_bounds,
    density_hp,
    expected_loss,
    mc_count,
    mc_upper_limit,
    paper_theorem61_bound,
    perturbed,
    predicate_points,
    refined_bound,
    union_bound,
)


# =========================================================================================
# moments that do not exist
# =========================================================================================
@dataclass(frozen=True)
class MomentStatus:
    """Whether a family's members have a mean and a variance, and how that was learnt."""

    mean: bool
    variance: bool
    source: str

    def missing(self, needs: Sequence[str]) -> list[str]:
        """The moments among ``needs`` that do not exist."""
        return [m for m in needs if not getattr(self, m)]


def moment_status(family: str | type[Family]) -> MomentStatus:
    """The family's declaration (class attributes ``has_mean`` / ``has_variance``, True or
    False), else the numeric fallback on :func:`probe_member`: a ``nan`` or infinite mean or
    variance does not exist. Discrete families (finite supports) have both. When the probe
    itself fails, both are taken to exist: every property runs and reports what it finds."""
    cls = family if isinstance(family, type) else family_class(family)
    declared = (getattr(cls, "has_mean", None), getattr(cls, "has_variance", None))
    if all(isinstance(v, bool) for v in declared):
        return MomentStatus(bool(declared[0]), bool(declared[1]), "declared by the family")
    if cls.discrete:
        return MomentStatus(True, True, "a discrete law")
    try:
        member = probe_member(cls)
        with np.errstate(all="ignore"):
            mean = bool(np.all(np.isfinite(member.mean_vector())))
            variance = mean and math.isfinite(_num(member.variance()))
    except Exception as err:  # noqa: BLE001 - no verdict here: every property then runs
        return MomentStatus(True, True, f"not probed ({type(err).__name__})")
    if isinstance(declared[0], bool):
        mean = declared[0]
    if isinstance(declared[1], bool):
        variance = declared[1]
    return MomentStatus(mean, variance, f"numeric fallback at {member!r}")


def probe_member(cls: type[Family]) -> Family:
    """A member in the middle of every parameter's test range (location 0, identity
    covariance, equal weights), in the family's smallest test dimension."""
    dim = cls.test_dims[0]
    table = {p.key: _probe_value(p, dim) for p in cls.params if p.key is not None}
    return cls.from_spec(table, dim)


def _probe_value(param: Any, dim: int) -> Any:
    """The middle of ``param``'s test range, shaped by its kind (:data:`_PROBES`; a kind
    without a row, a scalar, takes the middle itself)."""
    lo, hi = param.test if param.test is not None else (0, 0)
    middle = sp.Rational(repr(float(lo))) / 2 + sp.Rational(repr(float(hi))) / 2
    shape = _PROBES.get(param.kind)
    return middle if shape is None else shape(param, dim, middle, lo)


#: The probe value of each non-scalar parameter kind: (param, dim, middle, low end) -> value.
_PROBES: dict[str, Callable[[Any, int, Any, Any], Any]] = {
    "location": lambda param, dim, middle, lo: [0] * dim,
    "covariance": lambda param, dim, middle, lo: np.eye(dim).tolist(),
    "simplex": lambda param, dim, middle, lo: [sp.Rational(1, dim)] * dim,
    "probabilities": lambda param, dim, middle, lo: [middle] * (param.size or (1, 1))[0],
    "integer": lambda param, dim, middle, lo: int(lo),
}


def not_applicable(name: str, family: str, status: MomentStatus) -> str | None:
    """Why property ``name`` cannot run for a family with these moments, or None."""
    missing = status.missing(NEEDS.get(name, ()))
    if not missing:
        return None
    what = " and ".join(f"the {m}" for m in missing)
    return f"needs {what}, which does not exist for {family} ({status.source})"


# =========================================================================================
# strategies per property, and the battery
# =========================================================================================
def _directions(dim: int, k: int = 3) -> st.SearchStrategy[list[list[float]]]:
    coord = st.floats(-1, 1, allow_nan=False).map(lambda x: round(x, 3))
    return st.lists(st.lists(coord, min_size=dim, max_size=dim), min_size=k, max_size=k)


def _mixtures(family: Any, states: Any = None, dim: Any = None) -> st.SearchStrategy:
    return hs.latent_mixtures(
        family=family, states=states if states is not None else st.integers(1, 3), dim=dim
    )


def _dims_for(family: Any) -> st.SearchStrategy[int] | None:
    """The family's ``test_dims``, capped at 2 for densities (quadrature per coordinate and
    grid references cost more in 3-D); ``None`` (the family's own) for discrete laws."""
    cls = family if isinstance(family, type) else family_class(family)
    lo, hi = cls.test_dims
    if cls.discrete or hi <= lo:
        return None
    return st.integers(lo, min(hi, max(lo, 2)))


@st.composite
def _optimal_case(draw: st.DrawFn, family: Any, loss: Any = None) -> tuple:
    m = draw(_mixtures(family, dim=_dims_for(family)))
    names = hs.applicable_losses(m)
    chosen = draw(st.sampled_from(names) if loss is None else st.just(loss))
    positive = loss_class(chosen).domain == "positive"
    if positive and chosen not in names and all(s.discrete for s in m.states):
        low = min(float(s.support_points().min()) for s in m.states)
        shift = sp.Integer(1 - math.floor(low))
        m = LatentMixture(m.weights, [s.shifted(s.mean() + shift) for s in m.states])
    lo = draw(hs.losses(names=chosen, dim=m.dim))
    v = draw(_directions(m.dim, 1))[0]
    h = draw(st.sampled_from([0.01, 0.05, 0.2, 0.5, 1.0, 2.0]))
    return m, lo, v, h


@st.composite
def _covering_case(draw: st.DrawFn, family: Any) -> tuple:
    state = draw(hs.families(family=family, dim=_dims_for(family)))
    delta = draw(hs.deltas(LatentMixture([1], [state]), nonempty=draw(st.booleans())))
    return state, delta, draw(_directions(state.dim, 3))


@st.composite
def _bound_case(draw: st.DrawFn, family: Any) -> tuple:
    m = draw(_mixtures(family, states=st.integers(2, 3), dim=_dims_for(family)))
    kind = draw(st.sampled_from(sorted(KINDS)))  # every registered mean-law kind
    center = [float(draw(hs._grid(-2, 2, 0.5))) for _ in range(m.dim)]
    laws = [draw(hs.mean_laws(dim=m.dim, kind=kind, center=center)) for _ in range(m.size)]
    delta = draw(hs.deltas(m))
    return m, laws, delta, draw(st.integers(0, 2**32 - 1))


@st.composite
def _predicate_case(draw: st.DrawFn, family: Any) -> tuple:
    m = draw(_mixtures(family, dim=_dims_for(family)))
    delta = draw(hs.deltas(m, nonempty=False))
    scale = st.floats(-4, 4, allow_nan=False).map(lambda x: round(x, 4))
    offs = draw(st.lists(st.lists(scale, min_size=m.dim, max_size=m.dim), min_size=4, max_size=8))
    return m, delta, offs


#: Health checks that are about a test's cost, not its meaning: left out of the battery's
#: output (a slow family is the user's family, not a bug of the test).
QUIET_HEALTH_CHECKS = (HealthCheck.too_slow, HealthCheck.data_too_large,
                       HealthCheck.large_base_example)


def _settings(max_examples: int | None) -> settings:
    base = settings()
    n = base.max_examples if max_examples is None else max_examples
    return settings(
        max_examples=n, deadline=None, suppress_health_check=QUIET_HEALTH_CHECKS, database=None
    )


def battery(
    family: str | type[Family],
    *,
    max_examples: int | None = None,
    bounds: dict[str, Bound] | None = None,
    losses: Sequence[str] | None = None,
    record: dict[str, Any] | None = None,
) -> dict[str, Callable[[], None]]:
    """The six properties for ``family`` as zero-argument Hypothesis tests (by name).

    ``bounds`` defaults to :func:`checker_bounds`; ``record`` (a dict) receives each
    property's last example under its name (after a failure: the shrunk counterexample).
    """
    fam = family if isinstance(family, type) else family_class(family).name
    cfg = _settings(max_examples)
    rec = record if record is not None else {}
    use_bounds = checker_bounds() if bounds is None else bounds
    one_hot = (family if isinstance(family, type) else family_class(family)).simplex

    @cfg
    @given(st.data())
    def optimal(data: st.DataObject) -> None:
        loss = data.draw(st.sampled_from(list(losses))) if losses else None
        m, lo, v, h = data.draw(_optimal_case(fam, loss))
        if loss is not None and loss not in hs.applicable_losses(m):
            return
        rec["optimal"] = {"mixture": m.states, "weights": m.weights, "loss": lo, "v": v, "h": h}
        check_optimal(m, lo, v, h)

    @cfg
    @given(st.data())
    def symbolic_numeric(data: st.DataObject) -> None:
        m, lo, _, _ = data.draw(_optimal_case(fam, None))
        u = data.draw(st.floats(0.01, 0.99))
        rec["symbolic_numeric"] = {"mixture": m.states, "weights": m.weights, "loss": lo, "u": u}
        for s in m.states:
            check_family_quantities(s, u)
        check_estimator(m, lo)

    @cfg
    @given(st.data())
    def covering(data: st.DataObject) -> None:
        state, delta, dirs = data.draw(_covering_case(fam))
        rec["covering"] = {"state": state, "delta": delta, "directions": dirs}
        check_covering(state, delta, dirs)

    @cfg
    @given(st.data())
    def bound(data: st.DataObject) -> None:
        if one_hot or not use_bounds:  # the bounds and the Monte Carlo take densities
            return
        m, laws, delta, seed = data.draw(_bound_case(fam))
        rec["bound"] = {
            "mixture": m.states,
            "weights": m.weights,
            "laws": laws,
            "delta": delta,
            "seed": seed,
        }
        check_bound(m, laws, delta, use_bounds, seed)

    @cfg
    @given(st.data())
    def predicate(data: st.DataObject) -> None:
        m, delta, offs = data.draw(_predicate_case(fam))
        rec["predicate"] = {"mixture": m.states, "weights": m.weights, "delta": delta}
        check_predicate(m, delta, predicate_points(m, delta, offs))

    @cfg
    @given(st.data())
    def seed(data: st.DataObject) -> None:
        m, laws, delta, sd = data.draw(_bound_case(fam))
        rec["seed"] = {"mixture": m.states, "laws": laws, "seed": sd}
        check_seed(m, laws, delta, sd)

    tests = {
        "optimal": optimal,
        "symbolic_numeric": symbolic_numeric,
        "covering": covering,
        "bound": bound,
        "predicate": predicate,
        "seed": seed,
    }
    return tests


@dataclass
class Outcome:
    """One property's result in a battery run."""

    name: str
    passed: bool
    detail: str = ""
    counterexample: dict[str, Any] | None = None
    applicable: bool = True

    @property
    def label(self) -> str:
        """``PASS``, ``FAIL`` or ``N/A`` (the property needs a moment the family lacks)."""
        if not self.applicable:
            return "N/A"
        return "PASS" if self.passed else "FAIL"


def run_battery(
    family: str | type[Family],
    *,
    max_examples: int | None = None,
    bounds: dict[str, Bound] | None = None,
    only: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Run the battery; a failing property reports its shrunk counterexample.
    ``progress(1)`` is called after each property. A property that needs a moment the
    family lacks (:func:`moment_status`) is not run: its outcome is not applicable
    (``applicable=False``, not passed) with the reason."""
    record: dict[str, Any] = {}
    tests = battery(family, max_examples=max_examples, bounds=bounds, record=record)
    names = list(only or PROPERTIES)
    status = moment_status(family) if any(NEEDS.get(n) for n in names) else None
    label = family.name if isinstance(family, type) else str(family)
    outcomes = []
    for name in names:
        reason = not_applicable(name, label, status) if status is not None else None
        if reason is not None:
            outcomes.append(Outcome(name, False, reason, None, applicable=False))
            if progress is not None:
                progress(1)
            continue
        try:
            tests[name]()
        except Exception as err:  # noqa: BLE001 - every failure is reported, with its example
            first = str(err).splitlines()[0] if str(err) else type(err).__name__
            detail = first if isinstance(err, PropertyFailure) else f"{type(err).__name__}: {first}"
            outcomes.append(Outcome(name, False, detail, record.get(name)))
        else:
            outcomes.append(Outcome(name, True))
        if progress is not None:
            progress(1)
    return outcomes


__all__ = [
    "battery",
    "Bound",
    "BOUND_DRAWS",
    "BOUND_LEVEL",
    "BoundOutcome",
    "check_bound",
    "check_covering",
    "check_estimator",
    "check_family_quantities",
    "check_optimal",
    "check_predicate",
    "check_seed",
    "checker_bounds",
    "density_hp",
    "DIGITS",
    "expected_loss",
    "LOSS_TOLERANCE",
    "mc_count",
    "mc_upper_limit",
    "moment_status",
    "MomentStatus",
    "NEEDS",
    "not_applicable",
    "Outcome",
    "paper_theorem61_bound",
    "perturbed",
    "predicate_points",
    "probe_member",
    "PROPERTIES",
    "PropertyFailure",
    "refined_bound",
    "run_battery",
    "union_bound",
]
