r"""Equations with a free ``i`` read as the imaginary unit (:mod:`.models.imaginary_unit`):
PROVED when ``lhs - rhs`` vanishes with ``i^2 = -1``; a planted error (a dropped square, a
wrong sign) is never PROVED; an inequality, or an ``i`` declared a variable, is left alone."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def _one(rel: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


SQUARE = (r"\left(u - \frac{6i}{\pi z} v\right)^2 = u^2 - \frac{12 i}{\pi z} u v"
          r" - \frac{36}{\pi^2 z^2} v^2")


def test_expanding_a_square_with_i_is_proved() -> None:
    s = _one(SQUARE)
    assert s.verdict == "PROVED" and s.method == "sympy, i the imaginary unit"
    assert "i = sqrt(-1)" in s.detail


def test_a_dropped_square_of_pi_is_not_proved() -> None:
    s = _one(SQUARE.replace(r"\pi^2 z^2", r"\pi z^2"))
    assert s.verdict not in ("PROVED", "REFUTED")


def test_function_values_are_a_polynomial_identity() -> None:
    s = _one(r"(E(z) + i F(z))(E(z) - i F(z)) = E(z)^2 + F(z)^2")
    assert s.verdict == "PROVED" and "polynomial identity" in s.detail
    t = _one(r"(E(z) + i F(z))(E(z) - i F(z)) = E(z)^2 - F(z)^2")
    assert t.verdict != "PROVED"


def test_i_squared_is_minus_one_but_not_for_a_declared_variable() -> None:
    assert _one(r"(a + i b)(a - i b) = a^2 + b^2").verdict == "PROVED"
    s = _one(r"(a + i b)(a - i b) = a^2 + b^2", "% hb: variable i\n")
    assert s.verdict != "PROVED" and s.method != "sympy, i the imaginary unit"


def test_an_inequality_with_i_is_left_alone() -> None:
    s = _one(r"(a + i b)(a - i b) \ge 0")
    assert s.method != "sympy, i the imaginary unit" and s.verdict != "REFUTED"
