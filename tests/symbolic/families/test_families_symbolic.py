"""Symbolic members: densities integrate to 1, moments and radii match independent sums.

Continuous laws are checked with mpmath quadrature at 30 digits after substituting random
parameters into the symbolic density; discrete laws by exact sums over their support.
Also: spec validation names the key, ``shifted``, the registry and sampling.
"""

from __future__ import annotations

from fractions import Fraction
from math import comb

import mpmath
import numpy as np
import pytest
import scipy.integrate
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from hallbound.errors import InputError
from hallbound.spec import parse_spec
from hallbound.symbolic.families import FAMILIES, family_class
from hallbound.symbolic.values import to_float

DELTA = sp.Symbol("delta", positive=True)
DPS = 20
#: mpmath quadrature is slow: a fifth of the profile's examples (at least 3).
FEW = settings(max_examples=max(3, settings.default.max_examples // 5))


def rationals(lo: int, hi: int, scale: int = 100) -> st.SearchStrategy[sp.Rational]:
    return st.integers(lo, hi).map(lambda k: sp.Rational(k, scale))


def quad_moment(fam, values: dict, power: int) -> mpmath.mpf:
    r""":math:`\int (a - \mu)^{power} f(a)\, da` by mpmath at 30 digits (split at the mode)."""
    f = fam.density().subs(values)
    mu = fam.mu.subs(values)
    g = sp.lambdify(fam.a, (fam.a - mu) ** power * f, modules="mpmath")
    with mpmath.workdps(DPS):
        m = mpmath.mpf(sp.N(mu, DPS))
        w = mpmath.mpf(sp.N(sp.sqrt(fam.variance().subs(values)), DPS))
        if fam.name == "uniform":
            return mpmath.quad(g, [m - w * mpmath.sqrt(3), m, m + w * mpmath.sqrt(3)])
        cuts = [m + k * w for k in (-8, -2, 0, 2, 8)]
        return mpmath.quad(g, [-mpmath.inf, *cuts, mpmath.inf])


CONTINUOUS = {
    "laplace": lambda f: {f.mu: rationals(-300, 300), f.b: rationals(5, 400)},
    "uniform": lambda f: {f.mu: rationals(-300, 300), f.h: rationals(5, 400)},
    "student_t": lambda f: {
        f.mu: rationals(-300, 300),
        f.nu: rationals(600, 2000),
        f.s: rationals(5, 400),
    },
    "normal": lambda f: {f.mu: rationals(-300, 300), f.Sigma[0, 0]: rationals(5, 400)},
}


def draw_values(name: str, data: st.DataObject):
    fam = FAMILIES[name].symbolic(1)
    strategies = CONTINUOUS[name](fam)
    if name == "normal":  # Sigma = [[sigma^2]]: draw sigma
        sigma = next(iter(fam.Sigma[0, 0].free_symbols))
        strategies = {fam.mu: strategies[fam.mu], sigma: rationals(5, 400)}
    values = {sym: data.draw(s, label=str(sym)) for sym, s in strategies.items()}
    return fam, values


@pytest.mark.parametrize("name", sorted(CONTINUOUS))
@FEW
@given(data=st.data())
def test_symbolic_density_integrates_to_one_with_its_moments(name, data):
    fam, values = draw_values(name, data)
    with mpmath.workdps(DPS):
        assert quad_moment(fam, values, 0) == pytest.approx(1, rel=1e-15)
        assert quad_moment(fam, values, 1) == pytest.approx(0, abs=1e-12)
        var = mpmath.mpf(sp.N(fam.variance().subs(values), DPS))
        assert quad_moment(fam, values, 2) == pytest.approx(var, rel=1e-13)
        fourth = mpmath.mpf(sp.N(fam.fourth_central_moment().subs(values), DPS))
        assert quad_moment(fam, values, 4) == pytest.approx(fourth, rel=1e-10)


@pytest.mark.parametrize("name", sorted(CONTINUOUS))
@given(data=st.data(), u=st.integers(1, 99))
def test_symbolic_radius_sits_on_the_level_curve(name, data, u):
    """f(mu + r(delta)) = delta for delta = u% of sup f, and f(mu) = sup f."""
    fam, values = draw_values(name, data)
    sup = fam.sup_density().subs(values)
    delta = sp.Rational(u, 100) * sup
    r = fam.covering_radius(DELTA).subs(values).subs(DELTA, delta)
    mu = fam.mu.subs(values)
    f = fam.density().subs(values)
    assert sp.N(f.subs(fam.a, mu) - sup, DPS) == pytest.approx(0, abs=1e-15)
    edge = sp.N(f.subs(fam.a, mu + r), DPS)
    if name == "uniform":
        assert edge == pytest.approx(float(sp.N(sup)), rel=1e-15)
        assert f.subs(fam.a, mu + r + sp.Rational(1, 10**12)) == 0
    else:
        assert edge == pytest.approx(float(sp.N(delta)), rel=1e-14)


def test_normal_two_dim_symbolic_density_integrates_to_one_and_radius_on_curve():
    fam = FAMILIES["normal"].symbolic(2)
    s11, s12, s22 = sp.symbols("Sigma_11 Sigma_12 Sigma_22", real=True)
    values = {
        fam.mu[0]: sp.Rational(1, 3),
        fam.mu[1]: -2,
        s11: 2,
        s12: sp.Rational(1, 2),
        s22: 1,
    }
    f = sp.lambdify(list(fam.a), fam.density().subs(values), "numpy")
    total, _ = scipy.integrate.dblquad(lambda y, x: f(x, y), -12, 12, -12, 12, epsabs=1e-12)
    assert total == pytest.approx(1, rel=1e-9)
    concrete = FAMILIES["normal"].from_spec({"mean": [1 / 3, -2], "cov": [[2, 0.5], [0.5, 1]]})
    delta = sp.Rational(1, 50)
    r = to_float(concrete.covering_radius(delta))
    w, v = np.linalg.eigh(np.array([[2, 0.5], [0.5, 1]]))
    lam_max = 1.5 + np.sqrt(2) / 2  # by hand: roots of x^2 - 3x + 7/4
    assert w[-1] == pytest.approx(lam_max, rel=1e-14)
    edge = np.array([1 / 3, -2]) + r * v[:, -1]
    assert concrete.scipy().pdf(edge) == pytest.approx(0.02, rel=1e-12)


# ----- discrete: exact sums over the support ----------------------------------------------
def brute_moments(points, masses, mean):
    total = sp.expand(sum(masses))
    first = sp.expand(sum(m * x for x, m in zip(points, masses, strict=True)) - mean)
    second = sum(m * (x - mean) ** 2 for x, m in zip(points, masses, strict=True))
    fourth = sum(m * (x - mean) ** 4 for x, m in zip(points, masses, strict=True))
    return total, first, sp.expand(second), sp.expand(fourth)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_poisson_binomial_symbolic_masses_and_moments_exact(n):
    fam = FAMILIES["poisson_binomial"].symbolic(1, n=n)
    pts = [fam.offset + k for k in range(n + 1)]
    masses = [fam.density().subs(fam.a, x) for x in pts]
    total, first, second, fourth = brute_moments(pts, masses, fam.mean())
    assert total == 1
    assert first == 0
    assert second == sp.expand(fam.variance())
    assert fourth == sp.expand(fam.fourth_central_moment())


@pytest.mark.parametrize("n", [1, 2, 5, 6])
def test_binomial_symbolic_n_moments_exact(n):
    fam = FAMILIES["binomial"].symbolic()
    sub = {fam.n: n, fam.offset: 0}
    pts = list(range(n + 1))
    masses = [fam.density().subs(sub).subs(fam.a, k) for k in pts]
    total, first, second, fourth = brute_moments(pts, masses, fam.mean().subs(sub))
    assert total == 1
    assert first == 0
    assert second == sp.expand(fam.variance().subs(sub))
    assert fourth == sp.expand(fam.fourth_central_moment().subs(sub))


@given(n=st.integers(1, 12), p=st.integers(0, 20), u=st.integers(1, 99))
def test_binomial_symbolic_radius_and_sup_match_fractions(n, p, u):
    """MaxOver / mode formula at numbers vs a brute-force computation with Fractions."""
    fam = FAMILIES["binomial"].symbolic()
    pf = Fraction(p, 20)
    pmf = [comb(n, k) * pf**k * (1 - pf) ** (n - k) for k in range(n + 1)]
    sup = max(pmf)
    delta = Fraction(u, 100) * sup
    mean = n * pf
    want = max(abs(k - mean) for k in range(n + 1) if pmf[k] > delta)
    sub = {fam.n: n, fam.p: sp.Rational(p, 20), fam.offset: 3, DELTA: sp.Rational(delta)}
    assert fam.covering_radius(DELTA).subs(sub) == sp.Rational(want)
    assert fam.sup_density().subs(sub) == sp.Rational(sup)


def test_binomial_max_over_waits_for_doit():
    fam = FAMILIES["binomial"].symbolic()
    partial = fam.covering_radius(DELTA).subs(fam.n, 4)  # p, delta still symbols
    assert partial.func.__name__ == "MaxOver"
    expanded = partial.doit()  # a Max of 5 Piecewise terms in p, delta
    sub = {fam.p: sp.Rational(1, 4), DELTA: sp.Rational(1, 100)}
    # hand: masses 81, 108, 54, 12, 1 (/256), mean 1: only k = 4 has mass <= 1/100
    assert expanded.subs(sub) == 2


def test_categorical_symbolic_masses_and_moments_exact():
    fam = FAMILIES["categorical"].symbolic(3)
    corners = fam.corners()
    masses = [fam.density().subs(dict(zip(fam.a, e, strict=True))) for e in corners]
    assert sp.expand(sum(masses)) == 1
    mean = sum((m * e for m, e in zip(masses, corners, strict=True)), sp.zeros(3, 1))
    assert sp.expand(mean - fam.mean()) == sp.zeros(3, 1)
    d2 = [((e - fam.mu).T * (e - fam.mu))[0, 0] for e in corners]
    assert sp.expand(sum(m * d for m, d in zip(masses, d2, strict=True)) - fam.variance()) == 0
    fourth = sum(m * d**2 for m, d in zip(masses, d2, strict=True))
    assert sp.expand(fourth - fam.fourth_central_moment()) == 0


def test_symbolic_forms_render_latex():
    for name, cls in FAMILIES.items():
        fam = cls.symbolic(3 if name == "categorical" else 1)
        for expr in (fam.density(), fam.covering_radius(DELTA), fam.sup_density()):
            assert sp.latex(expr)
    r = FAMILIES["binomial"].symbolic().covering_radius(DELTA)
    assert r"\max_{k=0}^{n}" in sp.latex(r)


def test_student_t_moments_by_regime():
    t = FAMILIES["student_t"]
    assert t.from_spec({"mean": [0], "df": 5, "scale": 2}).variance() == sp.Rational(20, 3)
    assert t.from_spec({"mean": [0], "df": 5, "scale": 1}).fourth_central_moment() == 25
    assert t.from_spec({"mean": [0], "df": 1.5, "scale": 1}).variance() == sp.oo
    assert t.from_spec({"mean": [0], "df": 3, "scale": 1}).fourth_central_moment() == sp.oo
    cauchy = t.from_spec({"mean": [1], "df": 1, "scale": 1})
    assert cauchy.variance() is sp.nan
    assert cauchy.mean() is sp.nan
    # level set and radius still exist (centred at the location)
    assert to_float(cauchy.covering_radius(sp.Rational(1, 10))) == pytest.approx(
        np.sqrt(10 / np.pi - 1), rel=1e-14
    )


# ----- spec validation, shifted, registry, sampling ---------------------------------------
BAD_SPECS = [
    ("laplace", {"mean": [0], "scale": -1}, "scale"),
    ("laplace", {"scale": 1}, "mean"),
    ("laplace", {"mean": [0, 1], "scale": 1}, "mean"),
    ("student_t", {"mean": [0], "df": 0, "scale": 1}, "df"),
    ("student_t", {"mean": [0], "df": 3}, "scale"),
    ("uniform", {"mean": [0], "half_width": 0}, "half_width"),
    ("uniform", {"mean": [float("nan")], "half_width": 1}, "mean[0]"),
    ("binomial", {"n": 0, "p": 0.5}, "n"),
    ("binomial", {"n": 2.5, "p": 0.5}, "n"),
    ("binomial", {"n": True, "p": 0.5}, "n"),
    ("binomial", {"n": 3, "p": 1.5}, "p"),
    ("binomial", {"n": 3, "p": 0.5, "offset": "x"}, "offset"),
    ("poisson_binomial", {"probs": []}, "probs"),
    ("poisson_binomial", {"probs": [0.5, 1.2]}, "probs[1]"),
    ("categorical", {"probs": [0.5, 0.6]}, "probs"),
    ("categorical", {"probs": [1.0]}, "probs"),
    ("categorical", {"probs": [-0.5, 1.5]}, "probs[0]"),
]


@pytest.mark.parametrize(("name", "state", "key"), BAD_SPECS)
def test_bad_state_raises_naming_the_key(name, state, key):
    with pytest.raises(InputError) as info:
        FAMILIES[name].from_spec(state)
    assert info.value.parameter == key
    assert str(info.value).startswith(f"{key}: ")


def test_spec_file_error_names_state_and_key():
    data = {
        "family": "laplace",
        "delta": 0.1,
        "state": [
            {"weight": 0.5, "mean": [0], "scale": 1},
            {"weight": 0.5, "mean": [1], "scale": 0},
        ],
    }
    with pytest.raises(InputError) as info:
        parse_spec(data)
    assert info.value.parameter == "state[2].scale"


def test_one_dim_family_rejects_other_dims_and_categorical_checks_length():
    with pytest.raises(InputError, match="mean"):
        FAMILIES["uniform"].from_spec({"mean": [0], "half_width": 1}, dim=2)
    with pytest.raises(InputError, match="probs"):
        FAMILIES["categorical"].from_spec({"probs": [0.5, 0.5]}, dim=3)


def test_shifted_moves_the_mean_and_keeps_the_shape():
    lap = FAMILIES["laplace"].from_spec({"mean": [0], "scale": 2}).shifted(2.5)
    assert lap.mean() == sp.Rational(5, 2)
    assert lap.pdf(2.5) == pytest.approx(0.25, rel=1e-15)
    b = FAMILIES["binomial"].from_spec({"n": 4, "p": 0.25}).shifted(3)
    assert b.mean() == 3
    assert b.pdf(2.0) == pytest.approx(comb(4, 0) * 0.75**4, rel=1e-14)  # k = 0 at 3 - 1
    assert b.covering_radius(sp.Rational(1, 100)) == 2  # f(6) = 1/256 <= 1/100 < f(5)
    assert b.covering_radius(sp.Rational(1, 1000)) == 3  # support 2..6, all masses > 1/1000
    pb = FAMILIES["poisson_binomial"].from_spec({"probs": [0.5, 0.5]}).shifted(10)
    assert pb.mean() == 10
    assert pb.pdf(10.0) == pytest.approx(0.5, rel=1e-15)
    cat = FAMILIES["categorical"].from_spec({"probs": [0.5, 0.5]}).shifted([0.25, 0.75])
    assert list(cat.mean()) == [sp.Rational(1, 4), sp.Rational(3, 4)]
    with pytest.raises(InputError, match="mean"):
        cat.shifted([0.5, 0.6])


def test_shifted_accepts_numpy_locations():
    n2 = FAMILIES["normal"].from_spec({"mean": [0, 0], "cov": [[1, 0], [0, 1]]})
    assert list(n2.shifted(np.array([1.5, -2.0])).mean()) == [sp.Rational(3, 2), -2]
    n1 = FAMILIES["normal"].from_spec({"mean": [0], "cov": [[1]]})
    assert n1.shifted(np.float64(0.25)).mean() == sp.Rational(1, 4)
    assert n1.shifted(np.array([3])).mean() == 3
    with pytest.raises(InputError, match="mean"):
        n2.shifted(np.array([1.0, 2.0, 3.0]))


def test_large_binomial_pdf_stays_finite():
    fam = FAMILIES["binomial"].from_spec({"n": 400, "p": 0.4, "offset": 2})
    law = fam.scipy()
    for k in (2, 100, 162, 402):
        assert fam.pdf(float(k)) == pytest.approx(law.pmf(k), rel=1e-11, abs=1e-300)


def test_symbolic_normal_covariance_is_symmetric():
    for d in (2, 3, 11):
        sigma = FAMILIES["normal"].symbolic(d).Sigma
        assert sigma == sigma.T
        assert len(sigma.free_symbols) == d * (d + 1) // 2


def test_registry():
    assert set(FAMILIES) >= {
        "normal",
        "laplace",
        "student_t",
        "uniform",
        "binomial",
        "poisson_binomial",
        "categorical",
    }
    for name, cls in FAMILIES.items():
        assert family_class(name) is cls and cls.name == name
    with pytest.raises(InputError) as info:
        family_class("cauchyish")
    assert info.value.parameter == "family"


EXAMPLES = {
    "normal": {"mean": [0, 1], "cov": [[1, 0.2], [0.2, 2]]},
    "laplace": {"mean": [1], "scale": 0.5},
    "student_t": {"mean": [1], "df": 4, "scale": 0.5},
    "uniform": {"mean": [1], "half_width": 0.5},
    "binomial": {"n": 6, "p": 0.3, "offset": -1},
    "poisson_binomial": {"probs": [0.1, 0.7, 0.4]},
    "categorical": {"probs": [0.1, 0.6, 0.3]},
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_samples_have_shape_and_positive_density(name):
    fam = FAMILIES[name].from_spec(EXAMPLES[name])
    draws = fam.sample(np.random.default_rng(7), 50)
    assert draws.shape == (50, fam.dim)
    assert all(fam.pdf(x) > 0 for x in draws)


def test_student_t_radius_with_many_digit_delta_matches_scipy():
    """A delta with 17-digit numerator and denominator once made SymPy factor huge integers."""
    import scipy.stats

    fam = FAMILIES["student_t"].from_spec({"mean": [0.0], "df": 9.31, "scale": 1.3})
    delta = sp.Rational("0.33561234567891234") * fam.sup_density()
    r = float(sp.N(fam.covering_radius(delta), 30))
    assert scipy.stats.t(9.31, scale=1.3).pdf(r) == pytest.approx(float(sp.N(delta, 30)), rel=1e-12)
