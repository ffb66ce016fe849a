r"""Complex scalars declared through a macro (``\newcommand{\C}{\mathbb{C}}``, ``\def\CC{..}``,
"Let $z \in \C$"): :mod:`.models.complex_letters` reads the declaration with the macro's
body, so a step proved only with :math:`z` read real is withdrawn; a macro for another set
declares nothing, and what holds for complex :math:`z` keeps its verdict."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.macros import read_definitions
from hallbound.proofs_checks.latex.models.complex_letters import (
    complex_names,
    complex_set_macros,
)
from hallbound.proofs_checks.latex.verify import verify_tex

STRONG = ("PROVED", "CERTIFIED")


def _one(preamble: str, row: str) -> object:
    text = f"{preamble}\n\\begin{{align*}}\n{row}\n\\end{{align*}}\n"
    (s,) = [s for ch in verify_tex(text, trials=60).environments for s in ch.steps]
    return s


@pytest.mark.parametrize("preamble", [
    "\\newcommand{\\C}{\\mathbb{C}}\nLet $z \\in \\C$.",
    "\\def\\CC{\\mathbb{C}}\nLet $z \\in \\CC$.",
    "\\newcommand{\\cx}{\\mathbb C}\nFor $w, z \\in \\cx$ we have",
    "\\newcommand{\\Cset}{\\mathbb{C}}\\newcommand{\\CC}{\\Cset}\nLet $z \\in \\CC$.",
    "Let $z \\in \\C$.",  # \C defined in a file not given
])
def test_a_letter_declared_complex_through_a_macro_is_not_read_real(preamble: str) -> None:
    for row in (r"|z|^2 &= z^2", r"z^2 &\ge 0"):
        s = _one(preamble, row)
        assert s.verdict == "UNDECIDED" and "real" in s.detail


def test_what_holds_for_complex_letters_stays_proved() -> None:
    s = _one("\\newcommand{\\C}{\\mathbb{C}}\nLet $z \\in \\C$.", r"(z + 1)^2 &= z^2 + 2 z + 1")
    assert s.verdict in STRONG


def test_a_macro_for_another_set_declares_nothing() -> None:
    s = _one("\\newcommand{\\C}{\\mathcal{C}}\nLet $z \\in \\C$.", r"z^2 &\ge 0")
    assert s.verdict in STRONG


def test_the_macros_that_name_the_complex_numbers() -> None:
    table, _ = read_definitions(r"\newcommand{\C}{\mathbb{C}} \def\CC{{\mathbb C}}"
                                r" \newcommand{\cC}{\mathcal{C}} \newcommand{\V}[1]{\mathbb{C}^#1}")
    assert complex_set_macros(table) == ("C", "CC")
    assert complex_names(r"Let $q, \rho \in \CC^n$", ("CC",)) == {"q", "rho"}
    assert complex_names(r"Let $z \in \CC$", ()) == set()
