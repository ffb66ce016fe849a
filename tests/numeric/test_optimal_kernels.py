"""Compiled optimal estimators (median, quantile, mode) in the Monte Carlo kernel: against
the Python path (``optimal_estimate``), against mpmath references, and the counts."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import scipy.stats
import sympy as sp

from hallbound.numeric.estimators import mixture_pdf, optimal_estimate
from hallbound.numeric.montecarlo import RateProblem, compiled_estimator, count_hallucinations
from hallbound.numeric.optimal_kernels import estimator_kind, unsupported_reason
from hallbound.spec import parse_spec
from hallbound.symbolic.families import family_class
from hallbound.symbolic.mixture import LatentMixture

NORMAL = {
    "family": "normal",
    "delta": 0.2,
    "mean_law": {"kind": "normal", "center": [0.0], "scale": [1.5]},
    "state": [
        {"weight": 0.45, "mean": [0.0], "cov": [[1.0]]},
        {"weight": 0.55, "mean": [0.0], "cov": [[0.5]]},
    ],
}
LAPLACE = {
    "family": "laplace",
    "delta": 0.2,
    "mean_law": {"kind": "uniform", "center": [0.0], "scale": [3.0]},
    "state": [
        {"weight": 0.25, "mean": [0.0], "scale": 1.0},
        {"weight": 0.35, "mean": [0.0], "scale": 0.6},
        {"weight": 0.4, "mean": [0.0], "scale": 1.4},
    ],
}
UNIFORM = {
    "family": "uniform",
    "delta": 0.2,
    "mean_law": {"kind": "normal", "center": [0.0], "scale": [2.0]},
    "state": [
        {"weight": 0.5, "mean": [0.0], "half_width": 1.0},
        {"weight": 0.5, "mean": [0.0], "half_width": 0.5},
    ],
}
STUDENT = {
    "family": "student_t",
    "delta": 0.2,
    "mean_law": {"kind": "normal", "center": [0.0], "scale": [1.5]},
    "state": [
        {"weight": 0.6, "mean": [0.0], "df": 3.0, "scale": 1.0},
        {"weight": 0.4, "mean": [0.0], "df": 7.0, "scale": 0.7},
    ],
}
SPECS = {"normal": NORMAL, "laplace": LAPLACE, "uniform": UNIFORM, "student_t": STUDENT}


def make(name: str, loss: str, **options) -> RateProblem:
    spec = {**SPECS[name], "loss": loss}
    if options:
        spec["loss_options"] = options
    return RateProblem.from_spec(parse_spec(spec))


def moved(pb: RateProblem, locations) -> LatentMixture:
    states = [s.shifted(float(m)) for s, m in zip(pb.states, locations, strict=True)]
    return LatentMixture([float(w) for w in pb.weights], states)


def random_locations(pb: RateProblem, count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(0.0, 2.0, size=(count, pb.size))


# ----- the CDF expressions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("family", "table"),
    [
        ("normal", {"mean": [0.7], "cov": [[2.5]]}),
        ("laplace", {"mean": [-0.3], "scale": 0.8}),
        ("uniform", {"mean": [1.2], "half_width": 0.9}),
    ],
)
def test_family_cdf_matches_scipy_and_integrates_density(family, table) -> None:
    state = family_class(family).from_spec(table, 1)
    a = state.point_symbols()[0]
    F = sp.lambdify(a, state.cdf_expression(), "mpmath")
    f = sp.lambdify(a, state.density(), "mpmath")
    law = state.scipy()
    for x in np.linspace(-4.0, 4.0, 23):
        assert float(F(mp.mpf(x))) == pytest.approx(float(law.cdf(x)), abs=1e-14)
    # F(x) - F(y) is the integral of the density (mpmath quadrature, split at kinks).
    x, y = mp.mpf("-1.3"), mp.mpf("2.1")
    kinks = sorted({float(x), float(y), *[float(v) for v in law.support() if np.isfinite(v)]})
    kinks = [k for k in kinks + [float(state.mean_vector()[0])] if float(x) <= k <= float(y)]
    mp.mp.dps = 30
    try:
        integral = mp.quad(f, sorted(set(kinks)))
    finally:
        mp.mp.dps = 15
    assert float(F(y) - F(x)) == pytest.approx(float(integral), abs=1e-12)


def test_normal_marginal_cdf_matches_scipy() -> None:
    state = family_class("normal").from_spec(
        {"mean": [0.5, -1.0], "cov": [[2.0, 0.3], [0.3, 0.5]]}, 2
    )
    a = state.point_symbols()
    for j, sd in ((0, np.sqrt(2.0)), (1, np.sqrt(0.5))):
        F = sp.lambdify(a[j], state.marginal_cdf_expression(j), "mpmath")
        law = scipy.stats.norm(state.mean_vector()[j], sd)
        for x in np.linspace(-3.0, 3.0, 13):
            assert float(F(mp.mpf(x))) == pytest.approx(float(law.cdf(x)), abs=1e-14)


NORMAL_2D = {
    "family": "normal",
    "delta": 0.02,
    "loss": "pinball",
    "loss_options": {"tau": 0.3},
    "mean_law": {"kind": "laplace", "center": [1.0, -1.0], "scale": [1.5, 2.5]},
    "state": [
        {"weight": 0.2, "mean": [0.0, 0.0], "cov": [[1.0, 0.2], [0.2, 0.5]]},
        {"weight": 0.5, "mean": [0.0, 0.0], "cov": [[0.7, 0.0], [0.0, 0.7]]},
        {"weight": 0.3, "mean": [0.0, 0.0], "cov": [[1.5, -0.4], [-0.4, 1.0]]},
    ],
}


def test_compiled_quantile_in_two_dimensions_equals_python_path() -> None:
    pb = RateProblem.from_spec(parse_spec(NORMAL_2D))
    assert pb.compiled and pb.dim == 2
    estimate = compiled_estimator(pb)
    rng = np.random.default_rng(6)
    for _ in range(15):
        locs = rng.normal(0.0, 2.0, size=(3, 2))
        states = [s.shifted([float(v) for v in m]) for s, m in zip(pb.states, locs, strict=True)]
        ref = optimal_estimate(
            LatentMixture([float(w) for w in pb.weights], states), "pinball", tau=0.3
        )
        np.testing.assert_allclose(
            estimate(locs), ref, rtol=0, atol=2e-12 * max(1.0, np.abs(ref).max())
        )
    kernel = count_hallucinations(pb, 60, 3, chunk=16)
    assert kernel == count_hallucinations(pb, 60, 3, chunk=16, method="python")
    assert 0 < kernel < 60


def test_compiled_mode_in_two_dimensions_equals_python_path() -> None:
    spec = {**NORMAL_2D, "loss": "zero_one", "loss_options": {}, "delta": 0.226}
    pb = RateProblem.from_spec(parse_spec(spec))
    assert pb.compiled and pb.dim == 2
    estimate = compiled_estimator(pb)
    rng = np.random.default_rng(8)
    for _ in range(10):
        locs = rng.normal(0.0, 2.0, size=(3, 2))
        states = [s.shifted([float(v) for v in m]) for s, m in zip(pb.states, locs, strict=True)]
        mix = LatentMixture([float(w) for w in pb.weights], states)
        ours, ref = estimate(locs), optimal_estimate(mix, "zero_one")
        pdf = mixture_pdf(mix)
        # L-BFGS-B (the Python path) stops about 1e-8 from the maximum; Newton is closer.
        assert pdf(ours)[0] >= pdf(ref)[0] * (1 - 1e-12)
        np.testing.assert_allclose(ours, ref, rtol=0, atol=1e-6)
    kernel = count_hallucinations(pb, 20, 3, chunk=8)
    assert kernel == count_hallucinations(pb, 20, 3, chunk=8, method="python")
    assert 0 < kernel < 20


def test_student_t_has_no_closed_form_cdf() -> None:
    pb = make("student_t", "absolute")
    assert "CDF" in (unsupported_reason(pb) or "")
    assert not pb.compiled


# ----- estimates against the Python path -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "loss", "options"),
    [
        ("normal", "absolute", {}),
        ("normal", "pinball", {"tau": 0.2}),
        ("laplace", "absolute", {}),
        ("laplace", "pinball", {"tau": 0.85}),
        ("uniform", "absolute", {}),
        ("uniform", "pinball", {"tau": 0.3}),
    ],
)
def test_compiled_quantile_equals_python_path(name, loss, options) -> None:
    pb = make(name, loss, **options)
    assert pb.compiled and not pb.fast
    estimate = compiled_estimator(pb)
    for locs in random_locations(pb, 40, 1):
        ours = estimate(locs)
        ref = float(optimal_estimate(moved(pb, locs), loss, **options)[0])
        assert ours == pytest.approx(ref, abs=2e-12 * max(1.0, abs(ref)))


@pytest.mark.parametrize("name", ["normal", "laplace", "student_t"])
def test_compiled_mode_equals_python_path(name) -> None:
    pb = make(name, "zero_one")
    assert pb.compiled
    estimate = compiled_estimator(pb)
    for locs in random_locations(pb, 25, 2):
        mix = moved(pb, locs)
        ours = estimate(locs)
        ref = float(optimal_estimate(mix, "zero_one")[0])
        # The Python path's bounded Brent search sees only values (flat near a maximum):
        # about 1e-8 in the location, so compare the densities there tightly.
        pdf = lambda x, mix=mix: float(  # noqa: E731
            sum(w * s.scipy().pdf(x) for w, s in zip(pb.weights, mix.states, strict=True))
        )
        assert pdf(ours) >= pdf(ref) * (1 - 1e-12)
        assert ours == pytest.approx(ref, abs=1e-6)


def test_uniform_mode_keeps_python_path() -> None:
    pb = make("uniform", "zero_one")
    assert not pb.compiled
    assert "piecewise" in (unsupported_reason(pb) or "")


def test_brier_and_cross_entropy_are_the_mean() -> None:
    # Their optimum is the mixture law, reported through its mean: the kernel's weighted sum.
    base = make("normal", "absolute")
    for loss in ("brier", "cross_entropy"):
        pb = base.with_values(loss=loss)
        assert estimator_kind(pb) == "mean" and pb.fast and pb.compiled


# ----- mpmath references ---------------------------------------------------------------------


def test_normal_mixture_median_against_mpmath() -> None:
    pb = make("normal", "pinball", tau=0.35)
    estimate = compiled_estimator(pb)
    sds = [mp.sqrt(1), mp.sqrt(mp.mpf("0.5"))]
    weights = [mp.mpf("0.45"), mp.mpf("0.55")]
    mp.mp.dps = 40
    try:
        for locs in random_locations(pb, 10, 3):
            mus = [mp.mpf(float(v)) for v in locs]
            F = lambda x, mus=mus: sum(  # noqa: E731
                w * mp.ncdf(x, mu=m, sigma=s) for w, m, s in zip(weights, mus, sds, strict=True)
            )
            lo, hi = min(mus) - 10, max(mus) + 10
            ref = mp.findroot(lambda x, F=F: F(x) - mp.mpf("0.35"), (lo, hi), solver="anderson")
            assert estimate(locs) == pytest.approx(float(ref), abs=1e-11)
    finally:
        mp.mp.dps = 15


def test_normal_mixture_mode_against_mpmath() -> None:
    pb = make("normal", "zero_one")
    estimate = compiled_estimator(pb)
    sds = [mp.mpf(1), mp.sqrt(mp.mpf("0.5"))]
    weights = [mp.mpf("0.45"), mp.mpf("0.55")]
    mp.mp.dps = 40
    try:
        for locs in random_locations(pb, 10, 4):
            mus = [mp.mpf(float(v)) for v in locs]
            f = lambda x, mus=mus: sum(  # noqa: E731
                w * mp.npdf(x, mu=m, sigma=s) for w, m, s in zip(weights, mus, sds, strict=True)
            )
            # Every local maximum: a root of f' started from a fine grid; keep the highest.
            grid = np.linspace(float(min(mus)) - 3, float(max(mus)) + 3, 400)
            values = [float(f(mp.mpf(x))) for x in grid]
            k = int(np.argmax(values))
            ref = mp.findroot(lambda x, f=f: mp.diff(f, x), mp.mpf(grid[k]))
            assert estimate(locs) == pytest.approx(float(ref), abs=1e-9)
    finally:
        mp.mp.dps = 15


# ----- counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "loss", "options", "delta"),
    [
        ("normal", "absolute", {}, 0.3),
        ("laplace", "pinball", {"tau": 0.7}, 0.2),
        ("normal", "zero_one", {}, 0.55),
    ],
)
def test_compiled_count_equals_python_count(name, loss, options, delta) -> None:
    pb = make(name, loss, **options).with_values(delta=delta)
    kernel = count_hallucinations(pb, 90, 11, chunk=40)
    python = count_hallucinations(pb, 90, 11, chunk=40, method="python")
    assert kernel == python
    assert 0 < kernel < 90


def test_compiled_count_independent_of_threads() -> None:
    pb = make("normal", "zero_one").with_values(delta=0.55)
    one = count_hallucinations(pb, 30000, 5, threads=1, chunk=4096)
    two = count_hallucinations(pb, 30000, 5, threads=2, chunk=4096)
    assert one == two
    # and equals the hits of the compiled estimator applied to the same stream by hand
    from hallbound.numeric.montecarlo import chunk_generator

    estimate = compiled_estimator(pb)
    dens = [scipy.stats.norm(0, 1), scipy.stats.norm(0, np.sqrt(0.5))]
    hits = 0
    for c in range(2):
        gen = chunk_generator(5, c)
        for _ in range(4096):
            locs = pb.centers[:, 0] + pb.scales[:, 0] * gen.standard_normal(2)
            s = estimate(locs)
            if all(d.pdf(s - m) <= pb.delta for d, m in zip(dens, locs, strict=True)):
                hits += 1
    assert hits == count_hallucinations(pb, 8192, 5, chunk=4096)
    assert 0 < hits < 8192
