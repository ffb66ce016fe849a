"""The public strategies draw valid parameters only (checked independently of the code
that builds the objects: NumPy eigenvalues, exact sums, SciPy suprema)."""

import math

import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from hallbound.symbolic.families import FAMILIES
from hallbound.testing import strategies as hs

FEW = settings(max_examples=max(3, settings().max_examples // 3))


@FEW
@given(hs.latent_mixtures(family="normal", states=st.integers(1, 3), dim=st.integers(1, 3)))
def test_normal_covariances_are_positive_definite_and_weights_on_the_simplex(m):
    for state in m.states:
        cov = np.array(state.Sigma, dtype=float)
        assert np.array_equal(cov, cov.T)
        assert np.linalg.eigvalsh(cov).min() > 0.04
    assert sum(m.weights) == 1
    assert all(w > 0 for w in m.weights)


@FEW
@given(st.sampled_from(sorted(FAMILIES)).flatmap(lambda f: hs.latent_mixtures(family=f)))
def test_every_family_gives_valid_states(m):
    for state in m.states:
        assert state.is_concrete()
        law = state.scipy()  # SciPy accepts the parameters
        if state.name == "categorical":
            probs = [sp.nsimplify(p) for p in state.probs]
            assert sum(probs) == 1 and all(p >= 0 for p in probs)
        elif getattr(state, "discrete", False):
            assert math.isclose(float(law.pmf(np.arange(-5, 40)).sum()), 1.0, rel_tol=1e-9)
        else:
            assert math.isfinite(float(law.pdf(state.mean_vector()[0])))


@FEW
@given(st.data())
def test_deltas_lie_in_the_meaningful_range(data):
    m = data.draw(hs.latent_mixtures(family=st.sampled_from(["normal", "laplace", "binomial"])))
    delta = data.draw(hs.deltas(m))
    top = max(float(s.scipy().pdf(s.mean_vector()[0])) if not s.discrete else 0 for s in m.states)
    if any(s.discrete for s in m.states):
        top = max(float(max(s.scipy().pmf(np.arange(-10, 30)))) for s in m.states)
    assert 0 < delta < top or m.dim > 1


@given(hs.deltas())
def test_deltas_without_mixture_lie_in_zero_one(delta):
    assert 1e-4 * 0.999 <= delta <= 1


@FEW
@given(hs.mean_laws(dim=st.integers(1, 3)))
def test_mean_laws_have_positive_scales(law):
    assert all(s > 0 for s in law.scale) and len(law.center) == len(law.scale)


@FEW
@given(hs.losses(dim=2))
def test_losses_have_valid_options(loss):
    if loss.name == "pinball":
        assert 0 < loss.quantile_level < 1
    if loss.name == "mahalanobis":
        assert np.linalg.eigvalsh(loss.W).min() > 0


@FEW
@given(hs.families(family="uniform"), st.floats(-1, 1))
def test_composes_with_hypothesis_strategies(state, u):
    assert state.name == "uniform" and -1 <= u <= 1


def _on_grid(x, lo, hi, step):
    return lo - 1e-12 <= x <= hi + 1e-12 and (step == 0 or abs(x / step - round(x / step)) < 1e-9)


@FEW
@given(
    st.sampled_from(sorted(FAMILIES)).flatmap(
        lambda f: hs.family_dims(f).flatmap(
            lambda d: st.tuples(st.just(f), st.just(d), hs.state_tables(f, d))
        )
    )
)
def test_state_tables_follow_the_declared_params(case):
    family, dim, table = case
    params = {p.key: p for p in FAMILIES[family].params if p.key is not None}
    assert set(table) == set(params)
    for key, value in table.items():
        p = params[key]
        if p.kind == "covariance":
            m = np.array(value, dtype=float)
            assert m.shape == (dim, dim) and np.linalg.eigvalsh(m).min() > 0.04
        elif p.kind == "simplex":
            assert len(value) == dim and sum(value) == 1 and all(v > 0 for v in value)
        elif p.kind == "integer":
            assert isinstance(value, int) and p.test[0] <= value <= p.test[1]
        else:
            values = value if isinstance(value, list) else [value]
            if p.kind == "location":
                assert len(values) == dim
            if p.kind == "probabilities":
                assert p.size[0] <= len(values) <= p.size[1]
            assert all(_on_grid(float(v), *p.test, p.step) for v in values), (key, values)


def test_a_new_family_needs_no_strategy_branch():
    """state_tables reads only ``params``: a class nobody registered gets valid tables."""
    from hallbound.symbolic.families.params import Param

    class Fake:
        name = "not_registered"
        params = (
            Param("mu", key="mean", kind="location", test=(-1, 1), step=0.5, location=True),
            Param("k", kind="integer", test=(2, 4)),
            Param("w", test=(0.1, 0.2)),  # step 0: floats rounded to 3 digits
            Param("hidden", key=None, test=(0, 1)),  # no spec key: not drawn
        )

    @FEW
    @given(hs.state_tables(Fake, 2))
    def check(table):
        assert set(table) == {"mean", "k", "w"}
        assert len(table["mean"]) == 2 and all(x in (-1, -0.5, 0, 0.5, 1) for x in table["mean"])
        assert table["k"] in (2, 3, 4)
        assert 0.1 <= table["w"] <= 0.2 and round(table["w"], 3) == table["w"]

    check()
