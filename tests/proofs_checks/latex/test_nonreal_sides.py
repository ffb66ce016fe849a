r"""A side with no real value where the other has one (``\ln(x^2) = 2\ln x`` at a negative
``x``): REFUTED when the text states ``x`` real, UNDECIDED when nothing is stated about
``x`` (an author writing ``\ln x`` usually means ``x > 0``); exact gaps below the 50-digit
tolerance and strict steps false at a root are refuted through ``verify`` too."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def _one(body: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{body}\n\\end{{equation}}\n", trials=40)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_a_log_of_a_negative_real_refutes_when_x_is_stated_real() -> None:
    s = _one(r"\ln(x^2) = 2 \ln x", "% hb: assume x \\in \\mathbb{R}\n")
    assert s.verdict == "REFUTED" and s.witness["x"] < 0


def test_a_log_of_an_unstated_variable_is_not_refuted() -> None:
    s = _one(r"\ln(x^2) = 2 \ln x")
    assert s.verdict == "UNDECIDED" and "\\mathbb{R}" in s.detail


def test_one_stated_bound_leaves_the_open_side_unstated() -> None:
    # x <= 1 beside \ln x: the author means 0 < x <= 1; a witness from the open side is not
    # the text's (a false alarm); bounds on both sides that include negatives are
    s = _one(r"\ln x \le 0", "% hb: assume x \\le 1\n")
    assert s.verdict == "UNDECIDED"
    s = _one(r"\ln(x^2) = 2 \ln x", "% hb: assume -1 \\le x \\le 1\n")
    assert s.verdict == "REFUTED" and s.witness["x"] < 0


def test_the_log_identity_on_positive_x_is_not_refuted() -> None:
    assert _one(r"\ln(x^2) = 2 \ln x", "% hb: assume x > 0\n").verdict != "REFUTED"


def test_an_exact_gap_below_the_tolerance_refutes() -> None:
    assert _one(r"10^{50} + 1 = 10^{50}").verdict == "REFUTED"
    assert _one(r"10^{50} + n \le 10^{50}",
                "% hb: assume n \\ge 1, n \\in \\mathbb{Z}\n").verdict == "REFUTED"
    assert _one(r"10^{50} + n > 10^{50}",
                "% hb: assume n \\ge 1, n \\in \\mathbb{Z}\n").verdict != "REFUTED"


def test_a_strict_square_fails_at_its_root() -> None:
    pre = "% hb: assume x \\in \\mathbb{R}\n"
    assert _one(r"(3x - 1)^2 > 0", pre).verdict == "REFUTED"
    assert _one(r"(3x - 1)^2 \ge 0", pre).verdict != "REFUTED"
