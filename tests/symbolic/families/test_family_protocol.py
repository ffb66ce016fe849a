"""The Family protocol (issue 11): a family declares its parameters and density, and every other
quantity comes from the base class's fallbacks.

Two minimal subclasses are written here, each with parameters and a density only (and the
default support): a symmetric one (the Logistic law, through ``SymmetricIntervalFamily``) and an
asymmetric one (the Gumbel law, through ``Family``). Both pass the property battery, ``estimate``
and ``rate``; ``derive`` gives the Logistic covering radius in closed form and says plainly that
the Gumbel level set has none. Expected values come from SciPy (``scipy.stats.logistic`` and
``gumbel_r``, root finding, quadrature), never from the fallbacks themselves.
"""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pytest
import scipy.integrate
import scipy.optimize
import scipy.stats
import sympy as sp

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.symbolic.families import FAMILIES, fallback, register
from hallbound.symbolic.families.base import Family, SymmetricIntervalFamily
from hallbound.symbolic.families.params import Param

EULER_GAMMA = 0.5772156649015329
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "logistic_family.py"


def _mini_logistic() -> type[SymmetricIntervalFamily]:
    """The README's Logistic with everything but ``params`` and ``density`` stripped: no
    moments, no SciPy law, nothing but what a minimal subclass writes."""
    spec = importlib.util.spec_from_file_location("logistic_family_for_protocol", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # registers "logistic": undone at once
    FAMILIES.pop("logistic", None)
    full = module.Logistic
    body = {"name": "mini_logistic", "params": full.params, "density": full.density}
    return type("MiniLogistic", (SymmetricIntervalFamily,), body)


MiniLogistic = _mini_logistic()


class MiniGumbel(Family):
    """Parameters and density only; the location is not the mean (mean = mu + gamma beta)."""

    name = "mini_gumbel"
    params = (
        Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),
        Param("beta", key="scale", lower=0, test=(0.5, 2.0), step=0.1),
    )

    def density(self) -> sp.Expr:
        z = (self.a - self.mu) / self.beta
        return sp.exp(-(z + sp.exp(-z))) / self.beta


@pytest.fixture
def registered():
    for cls in (MiniLogistic, MiniGumbel):
        register(cls)
    yield
    for cls in (MiniLogistic, MiniGumbel):
        FAMILIES.pop(cls.name, None)


def _gumbel(mean: float, beta: float):
    """SciPy's Gumbel law with the given mean."""
    return scipy.stats.gumbel_r(loc=mean - EULER_GAMMA * beta, scale=beta)


def _level_ends(law, delta: float) -> tuple[float, float]:
    """The two ends of {f > delta} of a unimodal SciPy law (brentq on each side of the mode)."""
    mode = scipy.optimize.minimize_scalar(
        lambda x: -law.pdf(x), bracket=(law.mean() - 1, law.mean() + 1)
    ).x
    lo = scipy.optimize.brentq(lambda x: law.pdf(x) - delta, mode - 100, mode, xtol=1e-14)
    hi = scipy.optimize.brentq(lambda x: law.pdf(x) - delta, mode, mode + 100, xtol=1e-14)
    return lo, hi


# ----- the protocol ---------------------------------------------------------------------------
def test_spec_reader_names_the_key() -> None:
    with pytest.raises(InputError) as err:
        MiniGumbel.from_spec({"mean": [0.0]})
    assert err.value.parameter == "scale"
    with pytest.raises(InputError) as err:
        MiniGumbel.from_spec({"mean": [0.0], "scale": -1.0})
    assert err.value.parameter == "scale" and "(0, inf)" in str(err.value)
    with pytest.raises(InputError) as err:
        MiniGumbel.from_spec({"mean": [0.0, 1.0], "scale": 1.0})
    assert err.value.parameter == "mean"


def test_members_are_immutable_and_hashable() -> None:
    m = MiniLogistic.from_spec({"mean": [1.0], "scale": 2.0})
    with pytest.raises(AttributeError):
        m.s = 3  # type: ignore[misc]
    assert m == MiniLogistic(1, 2) and hash(m) == hash(MiniLogistic(1, 2))
    assert m.replace(s=3) == MiniLogistic(1, 3) and m.s == 2
    assert MiniLogistic.symbolic().s.is_positive  # the symbol carries the domain


def test_asymmetric_mean_and_shift() -> None:
    g = MiniGumbel.from_spec({"mean": [1.5], "scale": 2.0})
    assert float(g.mean()) == pytest.approx(1.5, abs=1e-12)  # the spec key "mean" is the mean
    assert float(g.mu) == pytest.approx(1.5 - EULER_GAMMA * 2.0, abs=1e-12)  # the location
    moved = g.shifted(-4)
    assert float(moved.mean()) == pytest.approx(-4.0, abs=1e-12) and moved.beta == g.beta


def test_numeric_fallbacks_agree_with_scipy() -> None:
    g = MiniGumbel.from_spec({"mean": [0.5], "scale": 1.5})
    law = _gumbel(0.5, 1.5)
    assert float(g.variance()) == pytest.approx(law.var(), rel=1e-12)
    centred = _gumbel(0.0, 1.5)
    m4 = scipy.integrate.quad(lambda x: x**4 * centred.pdf(x), -40, 80, epsabs=0, limit=400)[0]
    assert float(g.fourth_central_moment()) == pytest.approx(m4, rel=1e-9)
    assert float(g.sup_density()) == pytest.approx(math.exp(-1) / 1.5, rel=1e-12)
    lo, hi = _level_ends(law, 0.1)
    r = float(g.covering_radius(sp.Rational(1, 10)))
    assert r == pytest.approx(max(0.5 - lo, hi - 0.5), rel=1e-9)
    region = g.level_set(sp.Rational(1, 10)).region
    assert float(region.inf) == pytest.approx(lo, abs=1e-9) and float(region.sup) == pytest.approx(
        hi, abs=1e-9
    )
    assert float(g.covering_radius(sp.Rational(1, 2))) == 0  # delta above sup f: empty
    draws = g.sample(np.random.default_rng(3), 20000)[:, 0]
    assert scipy.stats.kstest(draws, law.cdf).pvalue > 1e-3


def test_symbolic_fallbacks_are_checked() -> None:
    sym = MiniLogistic.symbolic()
    delta = sp.Symbol("delta", positive=True)
    assert sp.simplify(sym.sup_density() - 1 / (4 * sym.s)) == 0
    h = sym.covering_radius(delta)
    at = {sym.s: sp.Rational(3, 2), delta: sp.Rational(1, 20)}
    want = _level_ends(scipy.stats.logistic(scale=1.5), 0.05)[1]
    assert float(h.subs(at)) == pytest.approx(want, rel=1e-10)
    cdf = sym.cdf_expression().subs({sym.s: 2, sym.mu: 1, sym.a: sp.Rational(7, 4)})
    assert float(cdf) == pytest.approx(scipy.stats.logistic(1, 2).cdf(1.75), rel=1e-12)
    # SymPy's own integral of t^2 f_0 is wrong for this density (it returns "-2 Integral + oo"):
    # the fallback refuses it and keeps the exact, unevaluated integral, correct once evaluated.
    var = sym.variance()
    assert var.has(sp.Integral)
    assert float(var.subs(sym.s, 2).evalf(20)) == pytest.approx(math.pi**2 * 4 / 3, rel=1e-12)


def test_a_planted_wrong_symbolic_answer_is_refused(monkeypatch) -> None:
    """Mutation test of the check: whatever SymPy 'finds', a wrong formula never comes back."""
    sym = MiniLogistic.symbolic()
    delta = sp.Symbol("delta", positive=True)
    fallback._symbolic_half_width.cache_clear()
    fallback._symbolic_moment.cache_clear()
    wrong = 2 * sym.s * sp.acosh(1 / sp.sqrt(4 * sym.s * delta)) * (1 + sp.Rational(1, 10**6))
    monkeypatch.setattr(fallback, "_attempt", lambda job: [wrong])
    with pytest.raises(NotImplementedError, match="half_width"):
        sym.half_width(delta)
    monkeypatch.setattr(
        fallback, "_attempt", lambda job: sym.s**2 * sp.pi**2 / 3 * (1 + sp.Rational(1, 10**6))
    )
    assert MiniGumbel.symbolic().variance().has(sp.Integral)
    fallback._symbolic_half_width.cache_clear()
    fallback._symbolic_moment.cache_clear()


# ----- the whole battery and the commands -----------------------------------------------------
@pytest.mark.parametrize("cls", [MiniLogistic, MiniGumbel], ids=lambda c: c.name)
def test_property_battery_passes(registered, cls) -> None:
    from hallbound.testing.properties import PROPERTIES, run_battery

    outcomes = run_battery(cls, max_examples=3)
    assert [o.name for o in outcomes] == list(PROPERTIES)
    assert all(o.passed for o in outcomes), [o for o in outcomes if not o.passed]


def test_estimate_asymmetric(registered, tmp_path, capsys) -> None:
    path = tmp_path / "est.toml"
    path.write_text(
        'family = "mini_gumbel"\nloss = "squared"\ndelta = 0.05\n'
        "[[state]]\nweight = 0.25\nmean = [1.0]\nscale = 1.0\n"
        "[[state]]\nweight = 0.75\nmean = [5.0]\nscale = 0.5\n"
    )
    assert main(["estimate", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["estimate"] == pytest.approx([0.25 * 1 + 0.75 * 5], abs=1e-12)
    laws = [_gumbel(1.0, 1.0), _gumbel(5.0, 0.5)]
    assert out["densities"] == pytest.approx([law.pdf(4.0) for law in laws], rel=1e-10)
    radii = []
    for law, mean in zip(laws, (1.0, 5.0), strict=True):
        lo, hi = _level_ends(law, 0.05)
        radii.append(max(mean - lo, hi - mean))
    assert out["covering_radii"] == pytest.approx(radii, rel=1e-9)


def test_rate_asymmetric(registered, tmp_path, capsys) -> None:
    # Two equal states whose means mu_1, mu_2 ~ N(0, t^2): A* = (mu_1 + mu_2)/2 sits at -D/2 and
    # +D/2 from them (D = mu_1 - mu_2 ~ N(0, 2 t^2)), so P_H = P(g(-D/2) <= delta, g(D/2) <=
    # delta) with g the density centred at its mean: a 1-D integral, done here with SciPy.
    beta, t, delta = 1.0, 3.0, 0.05
    path = tmp_path / "rate.toml"
    path.write_text(
        f'family = "mini_gumbel"\nloss = "squared"\ndelta = {delta}\n'
        f'[mean_law]\nkind = "normal"\ncenter = [0.0]\nscale = [{t}]\n'
        f"[[state]]\nweight = 0.5\nmean = [0.0]\nscale = {beta}\n"
        f"[[state]]\nweight = 0.5\nmean = [0.0]\nscale = {beta}\n"
    )
    assert (
        main(["rate", str(path), "--n", "200000", "--seed", "5", "--level", "0.999", "--json"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    g = _gumbel(0.0, beta)
    lo, hi = _level_ends(g, delta)
    # no hallucination iff D lies in (2 lo, 2 hi) or in (-2 hi, -2 lo); both contain 0
    # (lo < 0 < hi), so their union is (min(2 lo, -2 hi), max(2 hi, -2 lo))
    assert lo < 0 < hi
    d_law = scipy.stats.norm(scale=t * math.sqrt(2))
    closed = 1 - (d_law.cdf(max(2 * hi, -2 * lo)) - d_law.cdf(min(2 * lo, -2 * hi)))
    lo_ci, hi_ci = out["ci"]
    assert lo_ci <= closed <= hi_ci


def test_derive(registered, capsys) -> None:
    assert main(["derive", "--family", "mini_logistic", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    radius = sp.sympify(out["covering_radius"])
    values = {"s": 1.5, "delta": 0.05}
    subs = {sym: values[sym.name] for sym in radius.free_symbols}
    want = _level_ends(scipy.stats.logistic(scale=1.5), 0.05)[1]
    assert float(radius.subs(subs)) == pytest.approx(want, rel=1e-10)
    assert main(["derive", "--family", "mini_gumbel", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["covering_radius"] is None and "no closed form" in out["note"]
    assert "exp" in out["density"]


def test_new_family_is_one_file_and_one_registry_line() -> None:
    """The README's worked example registers itself; the built-in registry lists classes only."""
    text = EXAMPLE.read_text()
    assert text.count("register(") == 1 and "class Logistic(" in text
    assert all(issubclass(cls, Family) and cls.params for cls in FAMILIES.values())


# ----- regressions from review: what the fallbacks must not claim -------------------------------
class MiniEpanechnikov(Family):
    """A finite support declared once; the density formula carries no indicator."""

    name = "mini_epanechnikov"
    symmetric = True
    support = (-1.0, 1.0)
    params = (Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),)

    def density(self) -> sp.Expr:
        return sp.Rational(3, 4) * (1 - (self.a - self.mu) ** 2)


class MiniCauchy(SymmetricIntervalFamily):
    """Symmetric about its location, but with no mean and no variance."""

    name = "mini_cauchy"
    params = (Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),)

    def density(self) -> sp.Expr:
        return 1 / (sp.pi * (1 + (self.a - self.mu) ** 2))


class MiniHalfGamma(Family):
    """Gamma of shape 1/2: unbounded at 0."""

    name = "mini_half_gamma"
    support = (0.0, math.inf)
    params = (Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),)

    def density(self) -> sp.Expr:
        t = self.a - self.mu
        return t ** sp.Rational(-1, 2) * sp.exp(-t) / sp.sqrt(sp.pi)


def test_a_declared_support_bounds_the_density_and_the_cdf() -> None:
    e = MiniEpanechnikov(0)
    assert e.pdf(2.0) == 0 and e.pdf(-1.5) == 0 and e.pdf(0.5) == pytest.approx(0.5625)
    cdf = e.cdf_expression()
    exact = {x: 0.5 + 0.75 * x - 0.25 * x**3 for x in (-0.5, 0.0, 0.5)}  # by hand
    exact.update({-3.0: 0.0, -2.0: 0.0, 2.0: 1.0, 3.0: 1.0})
    for x, want in exact.items():
        assert float(cdf.subs(e.a, x)) == pytest.approx(want, abs=1e-12), x
    assert not any(isinstance(v, sp.Float) for v in cdf.atoms(sp.Number))  # exact ends
    assert float(e.variance()) == pytest.approx(0.2, rel=1e-12)  # 3/4 * int t^2 (1 - t^2)


def test_no_mean_no_variance_means_nan_not_a_number() -> None:
    c = MiniCauchy(2)
    assert c.mean() is sp.nan and c.variance() is sp.nan
    assert c.fourth_central_moment() is sp.nan
    # the ball is centred at the location (as for Student t with df <= 1)
    want = math.sqrt(1 / (math.pi * 0.1) - 1)  # f0(h) = 0.1
    assert float(c.covering_radius(sp.Rational(1, 10))) == pytest.approx(want, rel=1e-10)


def test_an_unbounded_density_is_refused_not_emptied() -> None:
    g = MiniHalfGamma(0)
    with pytest.raises(NotImplementedError, match="unbounded"):
        g.sup_density()
    with pytest.raises(NotImplementedError, match="unbounded"):
        g.covering_radius(sp.Integer(1))


def test_symbolic_shift_of_an_asymmetric_family_moves_the_mean() -> None:
    sym = MiniGumbel.symbolic()
    x = sp.Symbol("x", real=True)
    moved = sym.shifted(x)
    offset = sym.mean() - sym.mu  # the mean offset, an unevaluated integral here
    assert moved.mu == x - offset and moved.beta == sym.beta
    # the offset is the integral of t f_0(t): evaluated here with SciPy at beta = 2, it is the
    # Gumbel mean offset gamma * beta (SymPy's own evalf of this integral takes minutes)
    assert isinstance(offset, sp.Integral)
    ((t, lo, hi),) = offset.limits
    assert (lo, hi) == (-sp.oo, sp.oo)
    integrand = sp.lambdify(t, offset.function.subs(sym.beta, 2), modules=["math"])
    value = scipy.integrate.quad(integrand, -30, 120, epsabs=1e-13, limit=400)[0]
    assert value == pytest.approx(EULER_GAMMA * 2, rel=1e-10)


def test_the_check_points_and_the_comparison() -> None:
    n = Param("n", kind="integer", lower=1, closed=True, test=(1, 10))
    assert all(v.is_Integer for v in n.test_values()) and n.test_values()[0] == 1
    p = Param("p", lower=0, upper=1, test=(0.05, 0.95), step=0.05)
    assert p.test_values() == (sp.Rational(1, 20), sp.Rational(1, 2), sp.Rational(19, 20))
    assert not fallback._close(5, math.inf) and not fallback._close(sp.nan, 1)
    assert not fallback._close(2e-9, 1e-12)  # relative, not absolute, near zero
    assert fallback._close(1 + 1e-12, 1)
    points = fallback.test_points(MiniGumbel.symbolic())
    assert [float(m.beta) for m, _ in points] == [0.5, 1.2, 2.0]  # on the 0.1 grid


def test_the_sympy_budget_gives_back_a_callers_timer() -> None:
    import signal

    # the budget is a CPU-time timer (ITIMER_PROF): a caller's CPU timer is given back
    old = signal.signal(signal.SIGPROF, lambda *_: None)
    signal.setitimer(signal.ITIMER_PROF, 100.0)
    try:
        assert fallback._attempt(lambda: 7) == 7
        left, _ = signal.getitimer(signal.ITIMER_PROF)
        assert 90 < left <= 100.1
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def test_members_cannot_be_changed_through_their_values() -> None:
    m = MiniGumbel(0, 1)
    with pytest.raises(TypeError):
        m._values["beta"] = 5  # type: ignore[index]
    assert m.beta == 1
