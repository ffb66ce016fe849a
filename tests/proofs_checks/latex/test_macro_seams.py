r"""A misread found on real derivations from a repository outside the corpus (issue 21): a
macro argument, or the text after a call, was glued to a control word that ends the body:
``\newcommand{\abs}[1]{\left\lvert#1\right\rvert}`` with ``\abs{I_j}`` gave ``\lvertI_j``
and ``\newcommand{\s}[1]{\sin#1}`` with ``\s{h}`` gave ``\sinh``. TeX tokenizes the body
first, so the control word never absorbs the argument's letters. The expected verdicts are
worked out by hand."""

from __future__ import annotations

from hallbound.proofs_checks.latex.macros import expand, read_definitions
from hallbound.proofs_checks.latex.verify import verify_tex


def verdicts(tex: str) -> list[str]:
    rep = verify_tex(tex, time_limit=2.0)
    return [s.verdict for c in rep.environments for s in c.steps]


def test_macro_argument_is_not_glued_to_the_control_word_before_it() -> None:
    table, _ = read_definitions(
        r"\newcommand{\abs}[1]{\left\lvert#1\right\rvert}\newcommand{\s}[1]{\sin#1}"
    )
    text, _ = expand(r"\abs{I_j}y + \s{h}", table)
    assert "\\lvertI" not in text and "\\rverty" not in text
    assert "\\sinh" not in text
    # the argument written after a control word still reads as its argument
    assert text.split() == ["\\left\\lvert", "I_j", "\\right\\rvert", "y", "+", "\\sin", "h"]


def test_argument_ending_in_a_control_word_is_kept_apart_from_body_letters() -> None:
    table, _ = read_definitions(r"\newcommand{\p}[1]{#1x}")
    text, _ = expand(r"\p{\alpha}", table)
    assert "\\alphax" not in text and text.split() == ["\\alpha", "x"]


def test_absolute_value_macro_of_a_letter_reads_and_is_checked() -> None:
    macros = "\\newcommand{\\abs}[1]{\\left\\lvert#1\\right\\rvert}\n"
    true_step = macros + (
        "\\begin{equation}\n\\abs{t^2 - 4} = \\abs{t - 2}\\abs{t + 2}\n\\end{equation}\n"
    )
    assert verdicts(true_step) == ["PROVED"]
    # a planted error (dropped bars): |t - 2| = t - 2 fails at t = 0
    false_step = macros + "\\begin{equation}\n\\abs{t - 2} = t - 2\n\\end{equation}\n"
    assert verdicts(false_step) == ["REFUTED"]


def test_glued_function_name_stays_refused_not_read_as_sinh() -> None:
    # \s{h 2} is \sin h 2: an ambiguous argument of \sin, refused (before: \sinh 2, a
    # different function, and the true step sin(2h) = sin(2h) REFUTED)
    tex = (
        "\\newcommand{\\s}[1]{\\sin#1}\n"
        "\\begin{equation}\n\\s{h 2} = \\sin(2h)\n\\end{equation}\n"
    )
    assert "REFUTED" not in verdicts(tex)
