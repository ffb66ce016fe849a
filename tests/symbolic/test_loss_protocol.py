"""The loss protocol (domain, law kinds, quadratic weight, coordinate loss, perturb, test
options): each answer checked against an independent computation or a hand-written table."""

from fractions import Fraction

import numpy as np
import pytest
import scipy.integrate
import scipy.stats
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from hallbound.errors import InputError
from hallbound.symbolic.families import Binomial, Categorical, Normal, Uniform
from hallbound.symbolic.losses import LOSSES, law_kind, make_loss, numeric_generators
from hallbound.symbolic.mixture import LatentMixture
from hallbound.testing import strategies as hs
from hallbound.testing.properties import expected_loss

FEW = settings(max_examples=max(5, settings().max_examples // 2), deadline=None)


def _applicable(*states):
    return {name for name, cls in LOSSES.items() if cls.applies_to(list(states))}


def test_applicability_matches_a_hand_written_table():
    normal = Normal.from_spec({"mean": [0.0], "cov": [[1.0]]})
    uniform_pos = Uniform.from_spec({"mean": [5.0], "half_width": 1.0})
    binom_pos = Binomial.from_spec({"n": 4, "p": 0.3, "offset": 1})
    binom_zero = Binomial.from_spec({"n": 4, "p": 0.3})
    cat = Categorical.from_spec({"probs": [0.2, 0.3, 0.5]}, 3)
    continuous = {"squared", "absolute", "pinball", "mahalanobis"}
    discrete = continuous | {"zero_one"}
    assert _applicable(normal) == continuous
    assert _applicable(uniform_pos) == continuous  # positive support, but not a pmf
    assert _applicable(binom_pos) == discrete | {"kl", "itakura_saito"}
    assert _applicable(binom_zero) == discrete  # support starts at 0: no KL
    assert _applicable(binom_pos, binom_zero) == discrete  # one state reaches 0
    assert _applicable(cat) == {"squared", "brier", "cross_entropy", "zero_one"}
    assert [law_kind(s) for s in (normal, binom_pos, cat)] == ["continuous", "discrete", "simplex"]


def test_domains_by_hand():
    assert {n for n, c in LOSSES.items() if c.domain == "positive"} == {"kl", "itakura_saito"}
    assert {n for n, c in LOSSES.items() if c.domain == "simplex"} == {"brier", "cross_entropy"}
    assert make_loss("bregman", generator="kl").domain == "positive"
    assert make_loss("bregman", generator="squared").domain == "real"


def test_numeric_generators_exclude_the_symbolic_ones():
    assert numeric_generators() == ("itakura_saito", "kl", "squared")


@pytest.mark.parametrize("dim", [1, 2, 3])
@pytest.mark.parametrize("name", ["squared", "brier", "mahalanobis"])
def test_quadratic_weight_reproduces_the_expression(name, dim):
    W = np.array([[2.0, 0.5, 0.0], [0.5, 1.0, 0.25], [0.0, 0.25, 3.0]])[:dim, :dim]
    loss = make_loss(name, W=W) if name == "mahalanobis" else make_loss(name)
    weight = loss.quadratic_weight(dim)
    s, a = loss.symbols(dim)
    d = sp.Matrix(a) - sp.Matrix(s)
    quad = (d.T * sp.Matrix(np.asarray(weight).tolist()) * d)[0, 0]
    assert sp.simplify(sp.expand(loss.expression(s, a) - quad)) == 0


@pytest.mark.parametrize("name", ["absolute", "kl", "cross_entropy", "zero_one", "pinball"])
def test_non_quadratic_losses_have_no_weight(name):
    loss = make_loss(name, tau=0.3) if name == "pinball" else make_loss(name)
    assert loss.quadratic_weight(2) is None


def test_mahalanobis_without_numeric_w_has_no_weight():
    assert make_loss("mahalanobis").quadratic_weight(2) is None
    assert make_loss("mahalanobis", W=np.eye(3)).quadratic_weight(2) is None


def test_closed_form_on_a_categorical_matches_the_exact_sum():
    probs = [Fraction(1, 5), Fraction(3, 10), Fraction(1, 2)]
    state = Categorical.from_spec({"probs": [float(p) for p in probs]}, 3)
    W = np.array([[2.0, 0.5, 0.0], [0.5, 1.0, 0.25], [0.0, 0.25, 3.0]])
    s = np.array([0.1, 0.6, 0.3])
    loss = make_loss("mahalanobis", W=W)
    # the protocol's closed form with the family's covariance
    cov = np.array(state.covariance(), dtype=float)
    diff = s - state.mean_vector()
    closed = diff @ loss.quadratic_weight(3) @ diff + np.trace(loss.quadratic_weight(3) @ cov)
    # exact sum over the one-hot outcomes
    exact = sum(
        float(p) * float((np.eye(3)[k] - s) @ W @ (np.eye(3)[k] - s)) for k, p in enumerate(probs)
    )
    assert closed == pytest.approx(exact, rel=1e-12)
    # and the battery's expected loss (exact sum path) agrees
    mix = LatentMixture([1], [state])
    assert expected_loss(mix, loss, s) == pytest.approx(exact, rel=1e-12)


def test_closed_form_on_a_2d_normal_matches_quadrature():
    mean, cov = [0.5, -1.0], [[1.0, 0.3], [0.3, 0.5]]
    state = Normal.from_spec({"mean": mean, "cov": cov}, 2)
    W = np.array([[2.0, 0.5], [0.5, 1.0]])
    s = np.array([0.2, 0.4])
    law = scipy.stats.multivariate_normal(mean, cov)
    sds = np.sqrt(np.diag(cov))
    lo, hi = np.array(mean) - 12 * sds, np.array(mean) + 12 * sds

    def integrand(y, x):
        d = np.array([x, y]) - s
        return float(d @ W @ d) * float(law.pdf([x, y]))

    ref, _ = scipy.integrate.dblquad(integrand, lo[0], hi[0], lo[1], hi[1], epsabs=1e-11)
    got = expected_loss(LatentMixture([1], [state]), make_loss("mahalanobis", W=W), s)
    assert got == pytest.approx(ref, rel=1e-7)


@FEW
@given(
    st.lists(st.floats(0.1, 5), min_size=2, max_size=2),
    st.lists(st.floats(0.1, 5), min_size=2, max_size=2),
)
def test_coordinate_losses_sum_to_the_loss(s, a):
    for loss in (
        make_loss("squared"),
        make_loss("absolute"),
        make_loss("pinball", tau=0.3),
        make_loss("kl"),
        make_loss("itakura_saito"),
        make_loss("mahalanobis", W=np.diag([2.0, 0.5])),
    ):
        total = sum(float(loss.coordinate_loss(j)(s[j], a[j])) for j in range(2))
        assert total == pytest.approx(float(loss.numeric(2)(*s, *a)), rel=1e-12, abs=1e-12)


def test_non_separable_losses_refuse_a_coordinate_loss():
    with pytest.raises(InputError):
        make_loss("zero_one").coordinate_loss(0)
    with pytest.raises(InputError):
        make_loss("mahalanobis", W=[[2.0, 0.5], [0.5, 1.0]]).coordinate_loss(0)


unit_vectors = st.lists(st.floats(-1, 1, allow_nan=False), min_size=3, max_size=3)
sizes = st.sampled_from([0.01, 0.05, 0.2, 0.5, 1.0, 2.0])


@FEW
@given(hs.simplex_weights(3), unit_vectors, sizes)
def test_perturb_on_the_simplex_stays_there(w, v, h):
    s = np.array([float(x) for x in w])
    for name in ("brier", "cross_entropy"):
        out = make_loss(name).perturb(s, v, h)
        assert np.all(out > 0) and out.sum() == pytest.approx(1, abs=1e-12)
    # a real-domain loss on one-hot outcomes stays on the simplex too
    out = make_loss("squared").perturb(s, v, h, simplex=True)
    assert np.all(out > 0) and out.sum() == pytest.approx(1, abs=1e-12)


@FEW
@given(st.lists(st.floats(0.1, 10), min_size=3, max_size=3), unit_vectors, sizes)
def test_perturb_positive_stays_positive(s, v, h):
    for name in ("kl", "itakura_saito"):
        assert np.all(make_loss(name).perturb(s, v, h) > 0)


@FEW
@given(st.lists(st.floats(-5, 5), min_size=2, max_size=2), unit_vectors, sizes)
def test_perturb_real_moves_by_h_times_scale(s, v, h):
    out = make_loss("absolute").perturb(s, v, h, scale=3.0)
    assert np.linalg.norm(out - np.array(s)) == pytest.approx(3.0 * h, rel=1e-9)


def test_perturb_mode_picks_a_candidate():
    cands = np.arange(7, dtype=float).reshape(-1, 1)
    for h in (0.01, 0.05, 0.2, 0.5, 1.0, 2.0):
        out = make_loss("zero_one").perturb(np.array([3.0]), [1.0], h, candidates=cands)
        assert out.tolist() == [float(int(h * 1000) % 7)]


def test_every_option_has_a_test_option():
    for name, cls in LOSSES.items():
        for key in cls.option_names:
            assert key in cls.test_options, (name, key)


def test_catalogue_describes_absolute_as_the_median():
    from hallbound.catalogue import losses

    info = {i.name: i for i in losses()}
    assert "median" in info["absolute"].estimate and "= 1/2" in info["absolute"].estimate
    assert "quantile" in info["pinball"].estimate and "= tau" in info["pinball"].estimate
