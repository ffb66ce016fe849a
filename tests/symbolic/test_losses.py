"""Losses: symbolic derivations of the Bayes-optimal estimators, registry, rendering."""

import json
from pathlib import Path

import numpy as np
import pytest
import scipy.optimize
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.bregman import GENERATORS, derive_bregman_mean
from hallbound.symbolic.derivation import Derivation, DerivationError, Label
from hallbound.symbolic.losses import (
    LOSSES,
    derive_estimator,
    loss_class,
    make_loss,
    symbolic_mixture,
)


def hand_mean(n, dim):
    """sum_i p_i mu_i written by hand, with the names symbolic_mixture uses."""
    p = sp.symbols(f"p_1:{n + 1}", positive=True)
    if dim == 1:
        mus = sp.symbols(f"mu_1:{n + 1}", real=True)
        return sp.Add(*[pi * mi for pi, mi in zip(p, mus, strict=True)])
    cols = [sp.Matrix(sp.symbols(f"mu_{i}_1:{dim + 1}", real=True)) for i in range(1, n + 1)]
    return sum((pi * c for pi, c in zip(p, cols, strict=True)), sp.zeros(dim, 1))


def same(x, y):
    if isinstance(x, sp.MatrixBase) or isinstance(y, sp.MatrixBase):
        return sp.simplify(sp.Matrix(x) - sp.Matrix(y)) == sp.zeros(*sp.Matrix(x).shape)
    return sp.simplify(x - y) == 0


@pytest.mark.parametrize("name", ["squared", "bregman", "mahalanobis", "kl", "itakura_saito"])
@pytest.mark.parametrize(("n", "dim"), [(2, 1), (3, 1), (2, 2)])
def test_bregman_losses_derive_the_mean(name, n, dim):
    der = derive_estimator(name, "normal", n, dim)
    assert same(der.result, hand_mean(n, dim))
    # every identity step was checked; the derivation has FOC, SOC and global steps
    assert sum(s.verified for s in der.steps) >= 6
    json.dumps(der.to_dict())
    assert r"\begin{align*}" in der.to_latex()


def test_generic_bregman_first_order_condition_independently():
    """E over a 3-atom law with symbolic weights: d/ds E[D_phi(A, s)] vanishes at the mean."""
    phi = sp.Function("phi")
    s = sp.Symbol("s", real=True)
    w = sp.symbols("w1:4", positive=True)
    x = sp.symbols("x1:4", real=True)

    def D(a, t):
        return phi(a) - phi(t) - sp.diff(phi(t), t) * (a - t)

    risk = sp.Add(*[wi * D(xi, s) for wi, xi in zip(w, x, strict=True)])
    mean = sp.Add(*[wi * xi for wi, xi in zip(w, x, strict=True)])
    on_simplex = {w[2]: 1 - w[0] - w[1]}
    foc = sp.diff(risk, s).subs(s, mean).subs(on_simplex)
    assert sp.simplify(foc.doit()) == 0
    soc = sp.diff(risk, s, 2).subs(s, mean).subs(on_simplex).doit()
    assert sp.simplify(soc - sp.diff(phi(s), s, 2).subs(s, mean).subs(on_simplex).doit()) == 0
    # and the toolkit's derivation gives the same mean for this law
    der = derive_bregman_mean(GENERATORS["generic"], list(w), list(x), 1)
    assert same(der.result, mean)


@pytest.mark.parametrize("name", ["kl", "itakura_saito", "mahalanobis", "squared"])
def test_bregman_brute_force_minimiser_is_the_mean(name):
    rng = np.random.default_rng(7)
    atoms = rng.uniform(0.5, 4.0, size=5)
    probs = rng.dirichlet(np.ones(5))
    loss = make_loss(name, **({"W": [[2.5]]} if name == "mahalanobis" else {}))
    f = loss.numeric(1)
    res = scipy.optimize.minimize_scalar(
        lambda s: float(np.sum(probs * f(s, atoms))),
        bounds=(0.4, 4.1),
        method="bounded",
        options={"xatol": 1e-12},
    )
    assert res.x == pytest.approx(float(probs @ atoms), abs=1e-6)


def test_named_divergences_have_their_closed_forms():
    a, s = sp.symbols("a s", positive=True)
    assert same(make_loss("kl").expression([s], [a]), a * sp.log(a / s) - a + s)
    assert same(make_loss("itakura_saito").expression([s], [a]), a / s - sp.log(a / s) - 1)
    assert same(make_loss("squared").expression([s], [a]), (a - s) ** 2)


@pytest.mark.parametrize("tau", [0.5, 0.25, 0.9])
def test_pinball_derives_cdf_equation(tau):
    der = derive_estimator("pinball", "normal", 3, 1, tau=tau)
    assert der.result is None
    s = sp.Symbol("s", real=True)
    p = sp.symbols("p_1:4", positive=True)
    F = [sp.Function(f"F_{i}")(s) for i in range(1, 4)]
    expected = sp.Eq(sp.Add(*[pi * Fi for pi, Fi in zip(p, F, strict=True)]), sp.nsimplify(tau))
    assert der.condition == expected
    assert any("Leibniz" in st.justification and st.verified for st in der.steps)


def test_absolute_is_twice_pinball_half():
    der = derive_estimator("absolute", "normal", 2, 1)
    assert der.steps[0].verified
    assert der.condition.rhs == sp.Rational(1, 2)
    s = np.linspace(-3, 3, 13)
    a = np.linspace(-2, 4, 13)
    ab = make_loss("absolute").numeric(1)
    pin = make_loss("pinball", tau=0.5).numeric(1)
    assert np.allclose(ab(s, a), np.abs(a - s))
    assert np.allclose(2 * pin(s, a), np.abs(a - s))


def test_pinball_numeric_matches_hand_formula():
    f = make_loss("pinball", tau=0.3).numeric(1)
    for s, a in [(0.0, 1.0), (1.0, 0.0), (2.0, 2.0)]:
        u = a - s
        assert f(s, a) == pytest.approx(u * (0.3 - (1.0 if u < 0 else 0.0)), abs=1e-15)


def test_cross_entropy_gibbs_and_result():
    der = derive_estimator("cross_entropy", "normal", 2, 3)
    assert same(der.result, hand_mean(2, 3))
    assert any("Gibbs" in st.justification and st.verified for st in der.steps)
    with pytest.raises(InputError, match="dim"):
        derive_estimator("cross_entropy", "normal", 2, 1)


def test_cross_entropy_on_categorical_states_sums_to_one():
    der = derive_estimator("cross_entropy", "categorical", 2, 3)
    assert der.result.shape == (3, 1)
    assert any(st.verified and "simplex" in st.justification for st in der.steps)


def test_zero_one_conditions():
    cont = derive_estimator("zero_one", "normal", 2, 1)
    assert "argmax" in str(cont.condition)
    assert any("first-order" in st.justification for st in cont.steps)
    disc = derive_estimator("zero_one", "binomial", 2)
    assert "pmf" in " ".join(st.justification for st in disc.steps)


@pytest.mark.parametrize(
    "family", ["laplace", "student_t", "uniform", "binomial", "poisson_binomial", "categorical"]
)
def test_squared_loss_on_every_family_gives_the_mixture_mean(family):
    mix = symbolic_mixture(family, 2)
    der = make_loss("squared").derive(mix)
    assert same(der.result, mix.mean())


def test_registry_and_bad_options():
    assert set(LOSSES) >= {
        "squared",
        "bregman",
        "mahalanobis",
        "kl",
        "itakura_saito",
        "absolute",
        "pinball",
        "zero_one",
        "cross_entropy",
        "brier",
    }
    assert loss_class("log_loss") is LOSSES["cross_entropy"]
    cases = [
        (("nope",), {}, "loss"),
        (("pinball",), {"tau": 1.5}, "tau"),
        (("pinball",), {"tau": "x"}, "tau"),
        (("squared",), {"tau": 0.5}, "loss_options"),
        (("bregman",), {"generator": "cubic"}, "generator"),
        (("mahalanobis",), {"W": [[1.0, 2.0], [2.0, 1.0]]}, "W"),
    ]
    for args, kwargs, parameter in cases:
        with pytest.raises(InputError) as info:
            make_loss(*args, **kwargs)
        assert info.value.parameter == parameter


def test_bad_symbolic_mixture_arguments():
    with pytest.raises(InputError, match="states"):
        symbolic_mixture("normal", 0)
    with pytest.raises(InputError, match="family"):
        symbolic_mixture("cauchyish", 2)


def test_derivation_refuses_false_identity_and_renders():
    x = sp.Symbol("x")
    der = Derivation("demo")
    der.identity((x + 1) ** 2, x**2 + 2 * x + 1, "expand")
    with pytest.raises(DerivationError):
        der.identity((x + 1) ** 2, x**2 + 1, "wrong")
    der.step(sp.Eq(Label("E[L]", r"\mathbb{E}[L]"), x), "a_b & 50% {x}")
    latex = der.to_latex()
    assert r"\mathbb{E}[L] = x" in latex
    assert r"a\_b \& 50\% \{x\}" in latex
    text = der.to_text()
    assert "[verified]" in text and "E[L] = x" in text
    d = der.to_dict()
    assert [s["verified"] for s in d["steps"]] == [True, False]


def test_concrete_mixture_derivation_is_exact():
    from hallbound.spec import load_spec

    mix = load_spec(Path(__file__).resolve().parents[2] / "examples" / "two_normals.toml").mixture
    assert make_loss("squared").derive(mix).result == sp.Rational(19, 5)
    assert make_loss("itakura_saito").derive(mix).result == sp.Rational(19, 5)
    cond = make_loss("absolute").derive(mix).condition
    assert cond.lhs.coeff(sp.Function("F_1")(sp.Symbol("s", real=True))) == sp.Rational(3, 10)


def test_latex_of_a_derivation_does_not_depend_on_what_ran_before():
    """Labels once took the LaTeX form registered by whichever derivation ran first."""
    import subprocess
    import sys

    code = (
        "from hallbound.symbolic.losses import derive_estimator, make_loss\n"
        "{first}"
        "print(derive_estimator(make_loss('absolute'), 'normal', 2).to_latex())\n"
    )
    warm = "derive_estimator(make_loss('squared'), 'normal', 2).to_latex()\n"
    outputs = [
        subprocess.run(
            [sys.executable, "-c", code.format(first=first)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for first in ("", warm)
    ]
    assert outputs[0] == outputs[1]
    assert "s^*" in outputs[0] and "s*" not in outputs[0].replace("s^*", "")


def test_bregman_derivation_accepts_means_of_mixed_float_precision():
    """A 30-digit and a 15-digit Float used to fail the identity check by rounding alone."""
    means = [sp.Float("0.083333333333333333333333333333", 30), sp.Float(1.0 / 3)]
    der = derive_bregman_mean(GENERATORS["squared"], [sp.Rational(1, 2)] * 2, means, 1)
    assert abs(float(der.result) - (0.5 / 12 + 0.5 / 3)) < 1e-15


def test_derivation_identity_still_refutes_a_wrong_float_step():
    der = Derivation("float check", [], None)
    with pytest.raises(DerivationError):
        der.identity(sp.Float(0.3), sp.Rational(1, 3), "wrong by 1/30")
