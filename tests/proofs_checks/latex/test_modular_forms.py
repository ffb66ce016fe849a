r"""Eisenstein series and the discriminant evaluated in the upper half plane
(:mod:`.models.modular_forms`): a true transformation law is SUPPORTED, a planted error (a
wrong sign, pi for pi^2, a wrong weight, a wrong constant) is REFUTED with a point z as its
witness, and a step the model cannot fully read stays UNDECIDED."""

from __future__ import annotations

import mpmath

from hallbound.proofs_checks.latex.models.modular_forms import eisenstein, modular_value
from hallbound.proofs_checks.latex.verify import verify_tex

FUNCTIONS = "".join(f"% hb: function {h}\n" for h in ("E_2", "E_4", "E_6", "E_8", "\\Delta"))


def _one(rel: str, pre: str = FUNCTIONS) -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_the_series_match_known_values() -> None:
    """E_4(i) = 3 Gamma(1/4)^8 / (2 pi)^6 and E_6(i) = 0 (classical values, independent of
    the code), and Delta(i) = Gamma(1/4)^24 / (2^24 pi^18)."""
    with mpmath.workdps(30):
        g = mpmath.gamma(mpmath.mpf(1) / 4)
        assert abs(eisenstein(4, mpmath.mpc(0, 1)) - 3 * g**8 / (2 * mpmath.pi) ** 6) < 1e-20
        assert abs(eisenstein(6, mpmath.mpc(0, 1))) < 1e-20
        delta = g**24 / (2**24 * mpmath.pi**18)
        assert abs(modular_value("Delta", mpmath.mpc(0, 1)) - delta) < 1e-20 * delta


E2_LAW = r"E_2(-1/z) E_4(z) = z^2 E_2(z) E_4(z) - \frac{6 i z}{\pi} E_4(z)"


def test_the_quasi_modular_law_of_e2_is_supported() -> None:
    s = _one(E2_LAW)
    assert s.verdict == "SUPPORTED" and s.method == "modular forms, evaluated"


def test_planted_errors_in_the_e2_law_are_refuted_with_a_point() -> None:
    for bad in (E2_LAW.replace("- \\frac", "+ \\frac"), E2_LAW.replace("\\pi}", "\\pi^2}")):
        s = _one(bad)
        assert s.verdict == "REFUTED", bad
        assert set(s.witness) == {"z"}


def test_weights_of_delta_and_e8() -> None:
    assert _one(r"\Delta(-1/z) = z^{12} \Delta(z)").verdict == "SUPPORTED"
    assert _one(r"\Delta(-1/z) = z^{10} \Delta(z)").verdict == "REFUTED"
    assert _one(r"E_8(-1/z) = z^8 E_4(z)^2").verdict == "SUPPORTED"
    assert _one(r"E_8(-1/z) = z^8 E_4(z)^3").verdict == "REFUTED"


def test_a_wrong_constant_in_the_discriminant_is_refuted() -> None:
    assert _one(r"E_4(z+1)^3 - E_6(z + 1)^2 = 1728 \Delta(z)").verdict == "SUPPORTED"
    assert _one(r"E_4(z+1)^3 - E_6(z + 1)^2 = 1000 \Delta(z)").verdict == "REFUTED"


def test_what_the_model_cannot_read_stays_undecided() -> None:
    """A second letter, an inequality, a lone weight at the bare letter: no verdict."""
    for rel in (r"E_4(-1/z) = z^4 E_4(z) + a E_6(z)",
                r"E_4(z)^3 - E_6(z)^2 \le 1728 \Delta(z)",
                r"E_8(z) = E_4(z)^3"):
        s = _one(rel)
        assert s.verdict == "UNDECIDED" and s.method != "modular forms, evaluated", rel


def test_an_assumption_on_the_letter_blocks_a_refutation() -> None:
    s = _one(r"\Delta(-1/z) = z^{10} \Delta(z)", FUNCTIONS + "% hb: assume z > 1\n")
    assert s.verdict != "REFUTED"
