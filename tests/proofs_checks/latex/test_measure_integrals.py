r"""Integrals against an unknown measure on point masses
(:mod:`hallbound.proofs_checks.latex.models.measure_integrals`).

Mutation style: a planted false step (a sinc integral with a factor 2 dropped) is REFUTED, its
witness (a point mass and the variables) re-checked here by hand with ``math``; the true form
is never REFUTED; a measure the text says something about, a symbol that may be the imaginary
unit, and a variable on one side only keep the model from refuting."""

from __future__ import annotations

import math
from fractions import Fraction

from hallbound.proofs_checks.latex.verify import verify_tex


def _one(body: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{body}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_a_dropped_factor_two_in_the_sinc_integral_is_refuted() -> None:
    s = _one(r"\int 2 \frac{\sin(r x)}{x} \, d\mu(x) = r \int \frac{\sin(r x)}{r x} \, d\mu(x)")
    assert s.verdict == "REFUTED" and s.method == "point-mass measures"
    point = s.witness["mu"]
    assert point.startswith("delta_")  # one point mass, weight 1
    a, r = float(Fraction(point[len("delta_"):])), float(Fraction(s.witness["r"]))
    lhs = 2 * math.sin(r * a) / a
    rhs = r * math.sin(r * a) / (r * a)
    assert abs(lhs - rhs) > 1e-6


def test_the_true_sinc_constant_is_not_refuted() -> None:
    s = _one(r"\int 2 \frac{\sin(r x)}{x} \, d\mu(x) = 2 r \int \frac{\sin(r x)}{r x} \, d\mu(x)")
    assert s.verdict in ("PROVED", "SUPPORTED")


def test_an_inequality_of_integrals_is_sampled() -> None:
    s = _one(r"\int x^2 \, d\mu(x) \le \int (x^2 + 1) \, d\mu(x)")
    assert s.verdict in ("PROVED", "SUPPORTED")
    if s.verdict == "SUPPORTED":
        assert "delta_" in s.detail
    bad = _one(r"\int (x^2 + 1) \, d\mu(x) \le \int x^2 \, d\mu(x)")
    assert bad.verdict == "REFUTED"
    a = float(Fraction(bad.witness["mu"].split("delta_")[1].split(" ")[0]))
    assert a * a + 1 > a * a  # the measure is a point mass: the step fails there


def test_a_statement_about_the_measure_keeps_the_model_from_refuting() -> None:
    s = _one(r"\int 2 x \, d\mu(x) = \int x \, d\mu(x)",
             pre="% hb: assume \\mu \\text{ symmetric}\n")
    assert s.verdict != "REFUTED"


def test_a_possible_imaginary_unit_keeps_the_model_out() -> None:
    s = _one(r"\int e^{i t x} \, d\mu(x) = \int \cos(t x) \, d\mu(x)")
    assert s.method != "point-mass measures"


def test_a_variable_on_one_side_only_is_not_refuted() -> None:
    s = _one(r"\int \frac{\sin(r x)}{x} \, d\mu(x) \le s \int 1 \, d\mu(x)")
    assert s.verdict != "REFUTED"


def test_a_step_true_for_a_centred_measure_is_not_refuted() -> None:
    # true when the text says in words that mu has mean zero (the symmetric law is sampled)
    s = _one(r"\int x^2 \, d\mu(x) - \left(\int x \, d\mu(x)\right)^2 = \int x^2 \, d\mu(x)")
    assert s.verdict != "REFUTED"


def test_a_probability_measure_is_what_the_model_draws() -> None:
    s = _one(r"\int 2 \frac{\sin(r x)}{x} \, d\mu(x) = \int \frac{\sin(r x)}{x} \, d\mu(x)",
             pre="% hb: assume r > 0\n% hb: assume \\mu \\text{ probability measure}\n")
    assert s.verdict == "REFUTED"
    assert float(Fraction(s.witness["r"])) > 0  # the stated r > 0


def test_a_relation_about_other_variables_does_not_block_the_model() -> None:
    s = _one(r"\int 2 x^2 \, d\mu(x) = \int x^2 \, d\mu(x)", pre="% hb: assume a > 0\n")
    assert s.verdict == "REFUTED"


def test_an_undeclared_measure_is_drawn_with_mass_other_than_one() -> None:
    # nothing stated on mu: mu = 2 delta_1 gives int 1 dmu = 2 and breaks Jensen (2 < 4)
    s = _one(r"\int 1 \, d\mu(x) = 1")
    assert s.verdict not in ("SUPPORTED", "PROVED", "REFUTED")
    assert "mu = 2 delta_1" in s.detail
    t = _one(r"\int x^2 \, d\mu(x) \ge \left(\int x \, d\mu(x)\right)^2")
    assert t.verdict not in ("SUPPORTED", "PROVED", "REFUTED")
    # declared a probability measure: both are sampled (true there), never refuted
    pre = "% hb: assume \\mu \\text{ probability measure}\n"
    assert _one(r"\int 1 \, d\mu(x) = 1", pre=pre).verdict == "SUPPORTED"
    u = _one(r"\int x^2 \, d\mu(x) \ge \left(\int x \, d\mu(x)\right)^2", pre=pre)
    assert u.verdict == "SUPPORTED" and "; 2 delta_1" not in u.detail
    # a step false at every measure is still refuted with an undeclared measure
    assert _one(r"\int 2 x^2 \, d\mu(x) = \int x^2 \, d\mu(x)").verdict == "REFUTED"


def test_the_detail_warns_when_no_negative_value_was_tried() -> None:
    s = _one(r"\int a x^2 \, d\mu(x) \ge 0", pre="% hb: assume \\mu \\text{ probability measure}\n")
    assert s.verdict == "SUPPORTED" and "no value <= 0 was tried for a" in s.detail
