r"""Equations in ``\Re``, ``\Im``, conjugates and moduli of complex letters
(:mod:`.models.complex_parts`): PROVED when ``lhs - rhs`` vanishes with the letters complex
except those stated real; a planted error (a flipped sign, a dropped square, ``\Im`` for
``\Re``, a product for a sum) is never PROVED, and a letter the text does not state real, an
unread function or an ``i`` used as an index leaves the step UNDECIDED."""

from __future__ import annotations

from hallbound.proofs_checks.latex.models.complex_parts import real_letters
from hallbound.proofs_checks.latex.verify import verify_tex

REAL = "% hb: assume 0 < \\delta < 1\n% hb: assume t \\in \\mathbb{R}\n"
#: Re(1/z) for z = 1 + delta + 2it - rho, delta and t real, rho complex
RATIO = (r"\Re\left(\frac{1}{1+\delta+2it-\rho}\right) = \frac{1+\delta-\Re\rho}"
         r"{(1+\delta-\Re\rho)^2+(2t-\Im\rho)^2}")
CONJ = (r"\frac{\Re(1+\delta-2it-\overline{\rho})}{|1+\delta+2it-\rho|^2} = "
        r"\frac{1+\delta-\Re \rho}{(1+\delta-\Re \rho)^2+(2t-\mathfrak{I}\rho)^2}")


def _one(rel: str, pre: str = REAL) -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_real_part_of_a_reciprocal_is_proved() -> None:
    s = _one(RATIO)
    assert s.verdict == "PROVED" and s.method == "sympy, complex letters"
    assert "delta, t" in s.detail


def test_conjugate_modulus_and_fraktur_imaginary_part_are_read() -> None:
    s = _one(CONJ)
    assert s.verdict == "PROVED" and s.method == "sympy, complex letters"


def test_the_conjugate_flips_the_imaginary_part() -> None:
    assert _one(r"\Im(\overline{\rho}) = -\Im \rho", "").verdict == "PROVED"
    assert _one(r"\Im(\overline{\rho}) = \Im \rho", "").verdict not in ("PROVED", "CERTIFIED")


def test_planted_errors_are_not_proved() -> None:
    planted = [
        RATIO.replace(r"2t-\Im\rho", r"2t+\Im\rho"),  # flipped sign
        RATIO.replace(r"(1+\delta-\Re\rho)^2+", r"(1+\delta-\Re\rho)+"),  # dropped square
        RATIO.replace(r"{1+\delta-\Re\rho}", r"{1+\delta-\Im\rho}"),  # Im for Re
        RATIO.replace(r"^2+(2t", r"^2 \cdot (2t"),  # product for sum
        CONJ.replace(r"\Re(1+", r"\Im(1+"),  # Im for Re
        CONJ.replace(r"|^2}", r"|}"),  # modulus not squared
    ]
    for rel in planted:
        s = _one(rel)
        assert s.verdict not in ("PROVED", "CERTIFIED"), rel


def test_a_letter_not_stated_real_is_complex_and_the_step_stays_undecided() -> None:
    """Re(1/(a + 2it)) = a/(a^2 + 4t^2) needs t real: with t only bounded in modulus (or
    not stated at all) the step is not shown."""
    rel = r"\Re\left(\frac{1}{a+2it}\right) = \frac{a}{a^2+4t^2}"
    assert _one(rel, "% hb: assume a > 0\n% hb: assume t \\in \\mathbb{R}\n").verdict == "PROVED"
    for pre in ("% hb: assume a > 0\n", "% hb: assume a > 0\n% hb: assume |t| \\ge 2\n"):
        s = _one(rel, pre)
        assert s.verdict not in ("PROVED", "CERTIFIED", "REFUTED"), pre


def test_real_letters_are_only_those_stated() -> None:
    from hallbound.proofs_checks.latex.hypotheses import Domain, Hypotheses

    hyp = Hypotheses(items=["0 < \\delta < 1", "x, y \\in \\mathbb{R}", "|t| \\ge 2",
                            "\\Re s > 1"],
                     domains={"delta": Domain(lo=0.0, hi=1.0), "t": Domain(lo=2.0),
                              "s": Domain(lo=1.0)})
    assert real_letters(hyp) == {"delta", "x", "y"}


def test_unread_function_or_index_i_is_left_alone() -> None:
    s = _one(r"\Re(\zeta(\overline{s})) = \Re(\zeta(s))", "")
    assert s.verdict not in ("PROVED", "CERTIFIED", "REFUTED")
    s = _one(r"\Re\left(\frac{1}{a+2it}\right) = \frac{a}{a^2+4t^2}",
             "% hb: assume a > 0\n% hb: assume t \\in \\mathbb{R}\n"
             "% hb: assume i \\in \\mathbb{N}\n")
    assert s.method != "sympy, complex letters"


def test_the_modulus_of_a_complex_letter_is_kept() -> None:
    """|z|^2 is (Re z)^2 + (Im z)^2 for a complex z, not z^2: |z + w|^2 needs the conjugate."""
    assert _one(r"|z|^2 = (\Re z)^2 + (\Im z)^2", "").verdict == "PROVED"
    assert _one(r"|z|^2 = (\Re z)^2 - (\Im z)^2", "").verdict not in ("PROVED", "CERTIFIED")
    good = r"|z+w|^2 = |z|^2 + |w|^2 + 2\Re(z \overline{w})"
    assert _one(good, "").verdict == "PROVED"
    bad = good.replace(r"\overline{w}", "w")  # conjugate dropped: false for complex w
    assert _one(bad, "").verdict not in ("PROVED", "CERTIFIED")


def test_a_real_part_written_in_a_text_font_does_not_make_the_letter_real() -> None:
    r"""``\text{Re}\, s > 1`` bounds ``\Re s``: ``\Im s = 0`` (false for s = 2 + i) is not PROVED
    whatever the font of ``Re``, and a bound ``s > 1`` written plainly still makes s real."""
    for part in (r"\text{Re}\, s", r"\mathrm{Re}\, s", r"\operatorname{Re} s", r"\text{Re}(s)"):
        pre = f"% hb: assume {part} > 1\n"
        assert _one(r"\Im s = 0", pre).verdict not in ("PROVED", "CERTIFIED"), part
        assert _one(r"\Re\left(\frac{1}{s}\right) = \frac{1}{s}", pre).verdict not in (
            "PROVED", "CERTIFIED"), part
    assert _one(r"\Im s = 0", "% hb: assume s > 1\n").verdict == "PROVED"
