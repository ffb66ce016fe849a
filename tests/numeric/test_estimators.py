"""Numeric optimal estimates: defining equations (mpmath, 50 digits) and brute force."""

from fractions import Fraction

import mpmath
import numpy as np
import pytest
import scipy.integrate
import scipy.optimize
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st

from hallbound.errors import InputError
from hallbound.numeric.estimators import mixture_law, optimal_estimate
from hallbound.spec import parse_spec
from hallbound.symbolic.losses import symbolic_mixture

mpmath.mp.dps = 50


def mixture(family, states, delta=0.05):
    return parse_spec({"family": family, "delta": delta, "state": states}).mixture


def normals(weights, means, sds):
    return mixture(
        "normal",
        [
            {"weight": w, "mean": [m], "cov": [[s * s]]}
            for w, m, s in zip(weights, means, sds, strict=True)
        ],
    )


def mpf(v):
    """The exact decimal the user wrote (shortest repr of the float)."""
    return mpmath.mpf(repr(float(v)))


def mp_normal_cdf(x, weights, means, sds):
    x = mpmath.mpf(float(x))
    return sum(
        mpf(w) * mpmath.ncdf(x, mu=mpf(m), sigma=mpf(s))
        for w, m, s in zip(weights, means, sds, strict=True)
    )


def test_mean_of_two_normals_is_3_8():
    est = optimal_estimate(normals([0.3, 0.7], [1.0, 5.0], [1.0, 1.0]), "squared")
    assert est.tolist() == [pytest.approx(3.8, abs=1e-15)]


@pytest.mark.parametrize("loss", ["bregman", "brier", "mahalanobis"])
def test_mean_type_losses_give_the_mean(loss):
    est = optimal_estimate(normals([0.25, 0.75], [-2.0, 6.0], [1.0, 3.0]), loss)
    assert est[0] == pytest.approx(0.25 * -2 + 0.75 * 6, abs=1e-14)


def test_median_solves_cdf_equation_to_1e_12():
    w, m, s = [0.3, 0.7], [1.0, 5.0], [1.0, 1.0]
    med = optimal_estimate(normals(w, m, s), "absolute")[0]
    assert abs(mp_normal_cdf(med, w, m, s) - mpmath.mpf(1) / 2) < 1e-12


@given(
    w1=st.floats(0.05, 0.95),
    m1=st.floats(-20, 20),
    m2=st.floats(-20, 20),
    s1=st.floats(0.1, 5),
    s2=st.floats(0.1, 5),
    tau=st.floats(0.01, 0.99),
)
def test_quantile_solves_cdf_equation(w1, m1, m2, s1, s2, tau):
    w = [w1, 1 - w1]
    mix = normals(w, [m1, m2], [s1, s2])
    q = optimal_estimate(mix, "pinball", tau=tau)[0]
    wx = [float(x) for x in mix.weight_vector()]
    assert abs(mp_normal_cdf(q, wx, [m1, m2], [s1, s2]) - mpmath.mpf(repr(tau))) < 1e-12


def test_median_matches_brute_force_expected_absolute_loss():
    w, m, s = [0.4, 0.6], [-1.0, 3.0], [0.5, 2.0]
    laws = [scipy.stats.norm(mu, sd) for mu, sd in zip(m, s, strict=True)]

    def risk(x):
        def integrand(a):
            return abs(a - x) * sum(wi * law.pdf(a) for wi, law in zip(w, laws, strict=True))

        return sum(
            scipy.integrate.quad(integrand, lo, hi)[0] for lo, hi in [(-np.inf, x), (x, np.inf)]
        )

    res = scipy.optimize.minimize_scalar(
        risk, bounds=(-3, 5), method="bounded", options={"xatol": 1e-10}
    )
    assert optimal_estimate(normals(w, m, s), "absolute")[0] == pytest.approx(res.x, abs=1e-5)


def test_flat_cdf_gives_smallest_median():
    mix = mixture(
        "uniform",
        [
            {"weight": 0.5, "mean": [0.5], "half_width": 0.5},
            {"weight": 0.5, "mean": [2.5], "half_width": 0.5},
        ],
    )
    # F = 1/2 on [1, 2]: the lower median is 1
    assert optimal_estimate(mix, "absolute")[0] == pytest.approx(1.0, abs=1e-12)
    # tau = 0.25: F(s) = s / 2 on [0, 1], unique root 0.5
    assert optimal_estimate(mix, "pinball", tau=0.25)[0] == pytest.approx(0.5, abs=1e-12)


def laplace_cdf(x, mu, b):
    mu, b = mpf(mu), mpf(b)
    x = mpmath.mpf(float(x))
    return mpmath.exp((x - mu) / b) / 2 if x < mu else 1 - mpmath.exp(-(x - mu) / b) / 2


def test_laplace_quantile_against_mpmath():
    mix = mixture(
        "laplace",
        [
            {"weight": 0.2, "mean": [0.0], "scale": 1.0},
            {"weight": 0.8, "mean": [4.0], "scale": 0.5},
        ],
    )
    q = optimal_estimate(mix, "pinball", tau=0.7)[0]
    value = mpmath.mpf("0.2") * laplace_cdf(q, 0.0, 1.0) + mpmath.mpf("0.8") * laplace_cdf(
        q, 4.0, 0.5
    )
    assert abs(value - mpmath.mpf("0.7")) < 1e-12


def poisson_binomial_pmf(probs):
    """Exact pmf by convolution with rationals."""
    pmf = [Fraction(1)]
    for p in probs:
        p = Fraction(repr(p))
        nxt = [Fraction(0)] * (len(pmf) + 1)
        for k, v in enumerate(pmf):
            nxt[k] += v * (1 - p)
            nxt[k + 1] += v * p
        pmf = nxt
    return pmf


def test_discrete_median_mode_by_exact_enumeration():
    coins = [[0.2, 0.3, 0.5], [0.6, 0.9, 0.9]]
    weights = [Fraction(1, 4), Fraction(3, 4)]
    mix = mixture(
        "poisson_binomial",
        [{"weight": float(w), "probs": c} for w, c in zip(weights, coins, strict=True)],
    )
    pmfs = [poisson_binomial_pmf(c) for c in coins]
    law = [sum(w * pmf[k] for w, pmf in zip(weights, pmfs, strict=True)) for k in range(4)]
    risks = [sum(law[k] * abs(k - x) for k in range(4)) for x in range(4)]
    best = min(risks)
    assert optimal_estimate(mix, "absolute")[0] == risks.index(best)
    assert optimal_estimate(mix, "zero_one")[0] == law.index(max(law))
    points, masses = mixture_law(mix)
    assert np.allclose(masses, [float(v) for v in law], rtol=0, atol=1e-15)
    assert points[:, 0].tolist() == [0.0, 1.0, 2.0, 3.0]


def test_continuous_mode_against_dense_grid_and_stationarity():
    w, m, s = [0.3, 0.7], [1.0, 5.0], [1.0, 1.0]
    mode = optimal_estimate(normals(w, m, s), "zero_one")[0]
    grid = np.linspace(-5, 10, 1_500_001)
    dens = sum(wi * scipy.stats.norm(mi, si).pdf(grid) for wi, mi, si in zip(w, m, s, strict=True))
    assert mode == pytest.approx(grid[np.argmax(dens)], abs=2e-5)

    def f(x):
        return sum(
            mpmath.mpf(repr(wi)) * mpmath.npdf(x, mpmath.mpf(repr(mi)), mpmath.mpf(repr(si)))
            for wi, mi, si in zip(w, m, s, strict=True)
        )

    assert abs(mpmath.diff(f, mpmath.mpf(mode))) < 1e-7


def test_bimodal_mode_picks_the_higher_peak():
    # the lighter state is narrower, so its peak is higher: 0.4/0.2 > 0.6/1
    w, m, s = [0.4, 0.6], [-3.0, 3.0], [0.2, 1.0]
    assert optimal_estimate(normals(w, m, s), "zero_one")[0] == pytest.approx(-3.0, abs=1e-4)


def test_two_dimensional_mode_and_componentwise_median():
    mix = mixture(
        "normal",
        [
            {"weight": 0.3, "mean": [0.0, 0.0], "cov": [[1.0, 0.0], [0.0, 1.0]]},
            {"weight": 0.7, "mean": [4.0, 1.0], "cov": [[1.0, 0.3], [0.3, 0.5]]},
        ],
    )
    laws = [state.scipy() for state in mix.states]
    w = mix.weight_vector()
    mode = optimal_estimate(mix, "zero_one")
    xs, ys = np.meshgrid(np.linspace(2, 6, 801), np.linspace(-1, 3, 801))
    pts = np.stack([xs.ravel(), ys.ravel()], axis=1)
    dens = sum(wi * law.pdf(pts) for wi, law in zip(w, laws, strict=True))
    assert np.allclose(mode, pts[np.argmax(dens)], atol=1e-2)
    med = optimal_estimate(mix, "absolute")
    for j, sds in enumerate([(1.0, 1.0), (1.0, np.sqrt(0.5))]):
        means = [0.0, [4.0, 1.0][j]]
        assert abs(mp_normal_cdf(med[j], list(w), means, list(sds)) - mpmath.mpf(1) / 2) < 1e-12


def test_categorical_cross_entropy_and_zero_one():
    probs = [[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]]
    mix = mixture(
        "categorical", [{"weight": 0.25, "probs": probs[0]}, {"weight": 0.75, "probs": probs[1]}]
    )
    law = 0.25 * np.array(probs[0]) + 0.75 * np.array(probs[1])
    est = optimal_estimate(mix, "cross_entropy")
    assert np.allclose(est, law, atol=1e-15)

    # brute force: minimise the expected log loss over the simplex (softmax coordinates)
    def risk(z):
        q = np.exp(z - z.max())
        q /= q.sum()
        return -float(law @ np.log(q))

    res = scipy.optimize.minimize(risk, np.zeros(3), method="BFGS", options={"gtol": 1e-12})
    q = np.exp(res.x - res.x.max())
    assert np.allclose(q / q.sum(), est, atol=1e-6)
    mode = optimal_estimate(mix, "zero_one")
    assert mode.tolist() == np.eye(3)[int(np.argmax(law))].tolist()


def test_bad_inputs_raise_input_error():
    mix = normals([0.5, 0.5], [-1.0, -2.0], [1.0, 1.0])
    with pytest.raises(InputError, match="positive"):
        optimal_estimate(mix, "kl")
    with pytest.raises(InputError, match="tau"):
        optimal_estimate(mix, "pinball", tau=0.0)
    with pytest.raises(InputError, match="loss"):
        optimal_estimate(mix, "hinge")
    with pytest.raises(InputError, match="weight"):
        optimal_estimate(symbolic_mixture("normal", 2), "squared")


def test_mean_that_does_not_exist_is_an_input_error():
    mix = mixture(
        "student_t",
        [
            {"weight": 0.5, "mean": [0.0], "df": 0.8, "scale": 1.0},
            {"weight": 0.5, "mean": [6.0], "df": 0.8, "scale": 2.0},
        ],
    )
    with pytest.raises(InputError, match="mean"):
        optimal_estimate(mix, "squared")
    # the mode still exists: compare with a dense grid of the scipy densities
    grid = np.linspace(-1, 1, 400_001)
    dens = 0.5 * scipy.stats.t(0.8, 0, 1).pdf(grid) + 0.5 * scipy.stats.t(0.8, 6, 2).pdf(grid)
    assert optimal_estimate(mix, "zero_one")[0] == pytest.approx(grid[np.argmax(dens)], abs=1e-5)
