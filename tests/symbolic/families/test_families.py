"""Families against scipy.stats: density, moments, sup f, level sets, covering radii.

Every concrete member is built from a random ``[[state]]`` table; each closed form is
compared with an independent reference (scipy.stats, a brute-force sum over the support,
Isserlis' theorem, a numeric integral).
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from hallbound.symbolic.families import FAMILIES, Family
from hallbound.symbolic.values import to_float


# ----- strategies: random valid [[state]] tables ------------------------------------------
def decimal(lo: int, hi: int, scale: int = 100) -> st.SearchStrategy[float]:
    """A short decimal in [lo/scale, hi/scale] (exact rationals stay small)."""
    return st.integers(lo, hi).map(lambda k: k / scale)


@st.composite
def normal_spec(draw: st.DrawFn) -> dict:
    d = draw(st.integers(1, 3))
    mean = [draw(decimal(-300, 300)) for _ in range(d)]
    root = np.array([[draw(decimal(-20, 20, 10)) for _ in range(d)] for _ in range(d)])
    cov = root @ root.T + np.eye(d) * draw(decimal(10, 200))
    cov = np.round(cov, 2)
    return {"mean": mean, "cov": cov.tolist()}


SPECS: dict[str, st.SearchStrategy[dict]] = {
    "normal": normal_spec(),
    "laplace": st.fixed_dictionaries(
        {"mean": st.lists(decimal(-300, 300), min_size=1, max_size=1), "scale": decimal(5, 400)}
    ),
    "student_t": st.fixed_dictionaries(
        {
            "mean": st.lists(decimal(-300, 300), min_size=1, max_size=1),
            "df": decimal(20, 1500),
            "scale": decimal(5, 400),
        }
    ),
    "uniform": st.fixed_dictionaries(
        {
            "mean": st.lists(decimal(-300, 300), min_size=1, max_size=1),
            "half_width": decimal(5, 400),
        }
    ),
    "binomial": st.fixed_dictionaries(
        {"n": st.integers(1, 15), "p": decimal(0, 100), "offset": st.integers(-5, 5)}
    ),
    "poisson_binomial": st.fixed_dictionaries(
        {"probs": st.lists(decimal(0, 100), min_size=1, max_size=6), "offset": st.integers(-5, 5)}
    ),
    "categorical": st.lists(st.integers(0, 100), min_size=1, max_size=5).map(
        lambda cuts: {
            "probs": [
                (b - a) / 100 for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), 100], strict=True)
            ]
        }
    ),
}
NAMES = sorted(SPECS)


def member(name: str, data: st.DataObject) -> Family:
    return FAMILIES[name].from_spec(data.draw(SPECS[name], label="spec"))


# ----- independent references ------------------------------------------------------------
@functools.lru_cache(maxsize=64)
def law_of(fam: Family):
    """The member's frozen scipy law (built once per member: members are immutable and
    hashable, so the cache lives outside them)."""
    return fam.scipy()


def ref_pdf(fam: Family, x: np.ndarray) -> float:
    """scipy's density / pmf at one point."""
    law = law_of(fam)
    if fam.name == "categorical":
        return float(law.pmf(x))
    if fam.discrete:
        return float(law.pmf(x[0]))
    return float(law.pdf(x if fam.dim > 1 else x[0]))


def support(fam: Family) -> list[np.ndarray]:
    """The support points of a discrete member, as float vectors."""
    if fam.name == "categorical":
        return list(np.eye(fam.dim))
    law = law_of(fam)
    lo, hi = law.support()
    return [np.array([float(k)]) for k in range(int(lo), int(hi) + 1)]


def ref_central_moments(fam: Family) -> tuple[float, float, float]:
    """(mean norm, E||A-EA||^2, E||A-EA||^4) from scipy, by brute force where needed."""
    law = law_of(fam)
    if fam.discrete:
        pts = support(fam)
        w = np.array([ref_pdf(fam, x) for x in pts])
        m = sum(wi * x for wi, x in zip(w, pts, strict=True))
        d2 = np.array([float((x - m) @ (x - m)) for x in pts])
        return float(np.linalg.norm(m)), float(w @ d2), float(w @ d2**2)
    if fam.name == "normal" and fam.dim > 1:
        cov = law.cov
        # Isserlis: E[X_i^2 X_j^2] = S_ii S_jj + 2 S_ij^2
        fourth = float(np.sum(np.outer(np.diag(cov), np.diag(cov)) + 2 * cov**2))
        return float(np.linalg.norm(law.mean)), float(np.trace(cov)), fourth
    mean, var, kurt = (float(v) for v in law.stats(moments="mvk"))
    # scipy: var = inf for 1 < df <= 2 (then E(A-mu)^4 = inf too), nan when df <= 1
    fourth = (kurt + 3) * var**2 if math.isfinite(kurt) else kurt
    if math.isinf(var) or math.isnan(var):
        fourth = var
    return abs(mean), var, fourth


def ref_sup(fam: Family) -> float:
    """sup f: scipy's density at the mode, or the largest mass."""
    if fam.discrete:
        return max(ref_pdf(fam, x) for x in support(fam))
    return ref_pdf(
        fam, fam.mean_vector() if fam.name != "student_t" else np.array([to_float(fam.mu)])
    )


def nearby_points(fam: Family, rng: np.random.Generator, count: int = 40) -> list[np.ndarray]:
    """Random points around the law (plus the support for discrete laws)."""
    if fam.discrete:
        pts = support(fam)
        return [*pts, pts[0] + 0.5, pts[-1] + 1.0]
    scale = math.sqrt(to_float(fam.variance())) if fam.name != "student_t" else to_float(fam.s)
    centre = np.array([to_float(v) for v in (list(fam.mu) if fam.dim > 1 else [fam.mu])])
    return [centre + 3 * scale * rng.standard_normal(fam.dim) for _ in range(count)]


def fraction_of_sup(fam: Family, percent: int) -> sp.Expr:
    """delta = percent/100 * sup f, exact (small rationals: SymPy factors the numerator and
    denominator of a rational raised to a rational power, as in the Student-t radius)."""
    return sp.Rational(percent, 100) * fam.sup_density()


# ----- concrete members vs scipy ---------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
@given(data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_density_matches_scipy(name, data, seed):
    fam = member(name, data)
    for x in nearby_points(fam, np.random.default_rng(seed), 10):
        assert fam.pdf(x) == pytest.approx(ref_pdf(fam, x), rel=1e-9, abs=1e-300)


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_moments_match_scipy(name, data):
    fam = member(name, data)
    mean, var, fourth = ref_central_moments(fam)
    ours = [to_float(fam.variance()), to_float(fam.fourth_central_moment())]
    for got, want in zip(ours, [var, fourth], strict=True):
        if math.isinf(want):
            assert got == math.inf
        elif math.isnan(want):
            assert math.isnan(got)
        else:
            assert got == pytest.approx(want, rel=1e-9, abs=1e-12)
    if not math.isfinite(mean):  # Student-t with df <= 1: no mean
        assert np.isnan(fam.mean_vector()).all()
    else:
        assert float(np.linalg.norm(fam.mean_vector())) == pytest.approx(mean, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_sup_density_is_the_maximum(name, data, seed):
    fam = member(name, data)
    sup = to_float(fam.sup_density())
    assert sup == pytest.approx(ref_sup(fam), rel=1e-10)
    for x in nearby_points(fam, np.random.default_rng(seed), 20):
        assert ref_pdf(fam, x) <= sup * (1 + 1e-12)


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data(), u=st.integers(2, 98), seed=st.integers(0, 2**32 - 1))
def test_level_set_is_where_density_exceeds_delta(name, data, u, seed):
    fam = member(name, data)
    delta = fraction_of_sup(fam, u)
    level = fam.level_set(delta)
    assert not level.is_empty()
    d = to_float(delta)
    for x in nearby_points(fam, np.random.default_rng(seed), 30):
        f = ref_pdf(fam, x)
        if abs(f - d) > 1e-9 * d:
            assert level.contains(x) == (f > d), (x, f, d)


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data(), u=st.integers(2, 98), seed=st.integers(0, 2**32 - 1))
def test_covering_radius_covers_and_is_attained(name, data, u, seed):
    fam = member(name, data)
    delta = fraction_of_sup(fam, u)
    d = to_float(delta)
    r = to_float(fam.covering_radius(delta))
    if fam.discrete:
        centre = fam.mean_vector()
        inside = [x for x in support(fam) if ref_pdf(fam, x) > d * (1 + 1e-12)]
        dist = [float(np.linalg.norm(x - centre)) for x in inside]
        assert max(dist) <= r + 1e-12
        assert max(dist) >= r - 1e-12
        return
    centre = np.array([to_float(v) for v in (list(fam.mu) if fam.dim > 1 else [fam.mu])])
    rng = np.random.default_rng(seed)
    for x in nearby_points(fam, rng, 60):
        if ref_pdf(fam, x) > d:
            assert np.linalg.norm(x - centre) <= r * (1 + 1e-9)
    direction = np.ones(1)
    if fam.dim > 1:
        direction = np.linalg.eigh(np.array(fam.Sigma, dtype=float))[1][:, -1]
    assert ref_pdf(fam, centre + r * (1 - 1e-6) * direction) > d
    if fam.name != "uniform":
        assert ref_pdf(fam, centre + r * (1 + 1e-6) * direction) < d
    else:
        assert ref_pdf(fam, centre + (r + 1e-9) * direction) == 0


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data(), excess=st.sampled_from([0, 1e-6, 0.5, 3.0]))
def test_level_set_empty_above_sup(name, data, excess):
    fam = member(name, data)
    delta = fam.sup_density() * (1 + sp.nsimplify(excess))
    assert fam.level_set(delta).is_empty()
    assert fam.covering_radius(delta) == 0
