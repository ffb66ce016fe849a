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


def _steps(tex: str) -> list:
    rep = verify_tex(tex, trials=30)
    return [s for ch in rep.environments for s in ch.steps]


def test_an_i_the_text_uses_as_an_index_is_not_the_imaginary_unit() -> None:
    """C1 (review): x_i (1 + i)^2 = 2 i x_i is false at i = 1, x_1 = 1 (4 != 2); an i that
    subscripts x_i, indexes a sum, is ranged or assumed on anywhere in the text stays out."""
    env = "\\begin{{equation}}\n{}\n\\end{{equation}}\n"
    s = _one(r"x_i (1 + i)^2 = 2 i x_i")
    assert s.verdict not in ("PROVED", "REFUTED")
    assert any("index" in n for n in s.notes)
    for pre in (env.format(r"S = \sum_{i=1}^n (1 + i)^2"), "for each $i$ we have\n",
                env.format(r"T = a^{(i)}"), "where $i \\in [n]$\n", "with $1 \\le i \\le n$\n"):
        *_, last = _steps(pre + env.format(r"(1 + i)^2 = 2i"))
        assert last.verdict not in ("PROVED", "REFUTED"), pre
    assert _one(r"(1 + i)^2 = 2i", "% hb: assume i \\ge 1\n").verdict != "PROVED"


def test_the_unit_written_as_the_unit_is_still_read() -> None:
    """e^{2 pi i z}, i^2 = -1 and the modulus keep the reading (no index use of i)."""
    pre = "Here $i^2 = -1$ and $q = e^{2\\pi i z}$.\n"
    assert _one(r"(1 + i)^2 = 2i", pre).verdict == "PROVED"
    assert _one(r"(a + i b)(a - i b) = a^2 + b^2", "(i) a list item\n").verdict != "REFUTED"


def test_a_letter_the_text_places_in_c_keeps_the_modulus_out() -> None:
    """C4 (review): the modulus reads letters as real; |q + ib| = |q - ib| is false for
    complex q (q = i, b = 1: 2 != 0), so a stated q in C keeps it out (SymPy evaluates the
    two moduli equal for real letters: the detail must still say the letters are real)."""
    rel = r"|q + i b| = |q - i b|"
    s = _one(rel, "Let $q \\in \\mathbb{C}$.\n")
    assert s.verdict not in ("PROVED", "REFUTED")
    assert any("complex numbers" in n for n in s.notes)
    t = _one(rel, "Let $q \\in \\mathbb{R}$.\n")
    assert t.verdict == "PROVED" and "read as real" in t.detail


MODULUS = r"|q - a - ib|^2 = (q - a)^2 + b^2"


def test_the_modulus_squared_of_a_number_with_i_is_proved() -> None:
    """|z|^2 = re(z)^2 + im(z)^2 with the letters real: the reader's real i writes
    |q - a - ib|^2 as (q - a - ib)^2; the model re-reads the row with a complex i."""
    for rel in (MODULUS, r"\left| q - a - i b \right|^2 = (q - a)^2 + b^2",
                r"\lvert a + ib \rvert^2 = a^2 + b^2"):
        s = _one(rel)
        assert s.verdict == "PROVED" and s.method == "sympy, i the imaginary unit", rel
        assert "read as real" in s.detail


def test_planted_errors_in_the_modulus_are_not_proved() -> None:
    """A dropped square, a flipped sign, 2b^2 and a dropped outer square are never PROVED
    (nor REFUTED: a counterexample would set i to a real number)."""
    for bad in (r"|q - a - ib|^2 = (q - a) + b^2", r"|q - a - ib|^2 = (q - a)^2 - b^2",
                r"|q - a - ib|^2 = (q + a)^2 + b^2", r"|q - a - ib|^2 = (q - a)^2 + 2b^2",
                r"|q - a - ib| = (q - a)^2 + b^2"):
        assert _one(bad).verdict != "PROVED", bad


def test_a_proof_that_needs_a_real_i_inside_a_modulus_is_withdrawn() -> None:
    """|a + ib|^2 = (a + ib)^2 is false for i = sqrt(-1) (a = 0, b = 1: 1 != -1), yet i
    cancels once the reader's real i drops the modulus: it is not PROVED."""
    s = _one(r"|q - a - ib|^2 = (q - a - ib)^2")
    assert s.verdict not in ("PROVED", "REFUTED")
    assert _one(r"|a + ib|^2 = (a + ib)(a - ib)").verdict == "PROVED"


def test_the_modulus_stays_out_where_i_is_an_index_or_a_variable() -> None:
    s = _one(r"|x_i - ib|^2 = x_i^2 + b^2")
    assert s.verdict not in ("PROVED", "REFUTED") and any("index" in n for n in s.notes)
    for pre in ("for each $i$ we have\n", "% hb: variable i\n", "Let $q \\in \\mathbb{C}$.\n"):
        t = _one(MODULUS, pre)
        assert t.verdict not in ("PROVED", "REFUTED"), pre


def test_a_modulus_around_an_opaque_quantity_is_not_read() -> None:
    """E(z) may be complex: |E(z) + i b|^2 = E(z)^2 + b^2 is left UNDECIDED."""
    s = _one(r"|E(z) + i b|^2 = E(z)^2 + b^2")
    assert s.verdict not in ("PROVED", "REFUTED")
