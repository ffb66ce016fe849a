r"""Calculus identities over unspecified functions (:mod:`.models.derivative_integrals`):
SUPPORTED when they hold for random instances (a polynomial plus an exponential; ``F'`` the
derivative of ``F``);
a planted error (a wrong constant, a dropped square, swapped limits, a product for a sum) is
never SUPPORTED nor REFUTED; a step with a free letter, an infinite limit, or an ``F'``
without its ``F`` is left alone."""

from __future__ import annotations

import random

import sympy as sp

from hallbound.proofs_checks.latex.models.derivative_integrals import draw_polynomial
from hallbound.proofs_checks.latex.verify import verify_tex

METHOD = "exact, drawn function instances"
SQUARE = r"4 \int_0^{1/2} g'(u) g(u) du = 2 \left[ g(u)^2 \right]_0^{1/2}"
PARTS = (r"\int_0^1 f'(x) h(x) dx = f(1) h(1) - f(0) h(0) - \int_0^1 f(x) h'(x) dx")


def _one(rel: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_integral_of_a_derivative_times_the_function_is_supported() -> None:
    s = _one(SQUARE)
    assert s.verdict == "SUPPORTED" and s.method == METHOD


def test_integration_by_parts_with_two_functions_is_supported() -> None:
    s = _one(PARTS)
    assert s.verdict == "SUPPORTED" and s.method == METHOD


def test_planted_errors_are_not_supported_and_not_refuted() -> None:
    planted = [
        SQUARE.replace("= 2", "= 3"),  # wrong constant
        SQUARE.replace("g(u)^2", "g(u)"),  # dropped square
        SQUARE.replace(r"\right]_0^{1/2}", r"\right]_{1/2}^0"),  # swapped limits
        PARTS.replace("- f(0) h(0)", "+ f(0) h(0)"),  # flipped sign
        PARTS.replace("f(1) h(1)", "(f(1) + h(1))"),  # sum for product
    ]
    for rel in planted:
        s = _one(rel)
        assert s.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED", "REFUTED"), rel
        assert s.method != METHOD


def test_steps_it_cannot_read_stay_undecided() -> None:
    for rel in (
        r"4 \int_0^{a} g'(u) g(u) du = 2 g(a)^2 - 2 g(0)^2",  # a free letter
        r"\int_0^{1} g'(u) h(u) du = h(1)^2 - h(0)^2",  # g' without g: maybe another function
    ):
        s = _one(rel)
        assert s.method != METHOD and s.verdict not in ("REFUTED",), rel


def test_drawn_functions_are_a_polynomial_plus_an_exponential() -> None:
    """A formula exact only for polynomials up to some degree (a quadrature rule, a Taylor
    polynomial) must fail on the draws: each has an exponential part."""
    rng = random.Random(3)
    u = sp.Symbol("u_poly")
    degrees = set()
    for _ in range(200):
        f = draw_polynomial(rng)
        exps = [t for t in f.as_ordered_terms() if t.has(sp.exp)]
        assert len(exps) == 1
        degrees.add(sp.degree(f - exps[0], u))
    assert degrees == set(range(2, 7))


def test_a_quadrature_rule_exact_for_polynomials_is_not_supported() -> None:
    """Gauss-Lobatto with 4 nodes integrates g' exactly for every polynomial g of degree
    <= 6 (all the drawn degrees), not for g in general: the exponential part refutes it;
    a third derivative is not read."""
    nodes = r"g'(\frac{5-\sqrt{5}}{10}) + \frac{5}{12} g'(\frac{5+\sqrt{5}}{10})"
    rule = (r"\int_0^1 g'(u) g(0) du = g(0) \left(\frac{1}{12} g'(0) + \frac{5}{12} "
            + nodes + r" + \frac{1}{12} g'(1)\right)")
    s = _one(rule)
    assert s.method != METHOD and s.verdict not in ("SUPPORTED", "REFUTED")
    assert any("calculus identity model: the step fails" in n for n in s.notes)
    s = _one(r"\int_0^1 g'''(u) g(u) du = 0")
    assert s.method != METHOD


def test_an_order_one_gap_at_a_huge_scale_is_not_supported() -> None:
    """f(10^20) is of size e^(10^20): a dropped f(0) or an added 1 is far below 50 digits of
    it, yet the step is false; the true step at the same scale is not refuted."""
    for rel in (r"\int_0^{10^{20}} f'(u) du = f(10^{20})",
                r"\int_0^{10^{40}} f'(u) du = f(10^{40}) - f(0) + 1"):
        assert _one(rel).verdict not in ("SUPPORTED", "PROVED", "CERTIFIED"), rel
    assert _one(r"\int_0^{10^{20}} f'(u) du = f(10^{20}) - f(0)").verdict != "REFUTED"


def test_named_and_special_functions_are_not_arbitrary() -> None:
    r"""\zeta has a pole at 1 inside [0, 2], \psi one at 0, W is not real below -1/e: the
    fundamental theorem does not hold over such ranges; only one Latin letter is arbitrary."""
    for rel in (r"\int_0^2 \zeta'(u) \zeta(u) du = \frac{\zeta(2)^2 - \zeta(0)^2}{2}",
                r"\int_0^3 \psi'(u) du = \psi(3) - \psi(0)",
                r"\int_{-1}^{0} W'(u) du = W(0) - W(-1)",
                r"\int_0^1 \Gamma'(u) du = \Gamma(1) - \Gamma(0)"):
        assert _one(rel).verdict not in ("SUPPORTED", "PROVED", "CERTIFIED"), rel
    assert _one(r"\int_0^1 f'(u) du = f(1) - f(0)").verdict == "SUPPORTED"
