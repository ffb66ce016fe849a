r"""Suprema of explicit polynomial bodies evaluated exactly (:mod:`.models.extremum_values`).

Mutation style: a conjugate with the wrong scaling (``\sup_x (xy - \frac a2 x^2) = y^2/a``)
is REFUTED, its witness re-checked here by hand (the quadratic's maximum ``y^2/(2a)``); the
true form is SUPPORTED, never REFUTED."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks.latex.models.extremum_values import poly_extremum
from hallbound.proofs_checks.latex.verify import verify_tex


def _one(body: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{body}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_a_conjugate_with_the_wrong_scaling_is_refuted() -> None:
    s = _one(r"\sup_{x} \left(x y - \frac{a}{2} x^2\right) = \frac{y^2}{a}",
             pre="% hb: assume a > 0\n")
    assert s.verdict == "REFUTED" and s.method == "exact extrema"
    a, y = Fraction(s.witness["a"]), Fraction(s.witness["y"])
    assert a > 0
    assert y * y / (2 * a) != y * y / a  # the maximum of xy - a x^2/2 is y^2/(2a)


def test_the_true_conjugate_of_a_quadratic_is_supported() -> None:
    s = _one(r"\sup_{x} \left(x y - \frac{a}{2} x^2\right) = \frac{y^2}{2a}",
             pre="% hb: assume a > 0\n")
    assert s.verdict == "SUPPORTED" and "exactly" in s.detail


def test_an_integer_index_keeps_the_model_out() -> None:
    s = _one(r"\min_{n} (n^2 - n) + y = y - \frac{1}{4}")
    assert s.method != "exact extrema"


def test_poly_extremum_exact_values() -> None:
    x = sp.Symbol("x")
    assert poly_extremum(-x**2 + 2 * x, x, True) == 1
    assert poly_extremum(x**2 - x, x, False) == sp.Rational(-1, 4)
    assert poly_extremum(x**3, x, True) is None  # unbounded
    assert poly_extremum(x**2, x, True) is None


def test_a_stated_range_of_the_index_keeps_the_model_out() -> None:
    # over x >= 0 the max of -x^2 - 2x is 0 (at x = 0); over the reals it would be 1
    s = _one(r"\max_{x} (-x^2 - 2x) = 0", pre="% hb: assume x \\ge 0\n")
    assert s.verdict != "REFUTED" and s.method != "exact extrema"
    assert any("range of the index x is stated" in n for n in s.notes)
    # over the positive integers min (t^2 - t) = 0 (t = 1); over the reals -1/4
    t = _one(r"\min_{t} (t^2 - t) = 0", pre="% hb: assume t \\in \\mathbb{N}\n")
    assert t.verdict != "REFUTED"
    u = _one(r"\min_{t} (t^2 - t + a) = a", pre="% hb: assume a > 0, t \\in \\mathbb{Z}\n")
    assert u.verdict != "REFUTED"
    # a stated domain of another variable still lets the model decide
    v = _one(r"\max_{x} (-x^2 - 2x) = 0", pre="% hb: assume y \\ge 0\n")
    assert v.verdict == "REFUTED" and v.method == "exact extrema"


def test_the_detail_warns_when_no_negative_value_was_tried() -> None:
    # a |a| / 4 is right for a > 0 only (at a = -1: 1/4 vs -1/4): SUPPORTED must say so
    s = _one(r"\sup_{x} (a x - x^2) = \frac{a |a|}{4}")
    assert s.verdict == "SUPPORTED" and "no value <= 0 was tried for a" in s.detail
    t = _one(r"\sup_{x} (a x - x^2) = \frac{a |a|}{4}", pre="% hb: assume a > 0\n")
    assert t.verdict == "SUPPORTED" and "no value <= 0" not in t.detail
