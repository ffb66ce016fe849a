r"""mathtools' ``\DeclarePairedDelimiter`` (met on a real derivation outside the corpus,
issue 21: ``\DeclarePairedDelimiter{\ceil}{\lceil}{\rceil}``; papers define ``\abs`` and
``\norm`` this way): ``\abs{x}``, ``\abs*{x}`` and ``\abs[\big]{x}`` read as the delimiters
around ``x``, the size dropped. A call the definition does not fit stays unread. Expected
verdicts are worked out by hand."""

from __future__ import annotations

from hallbound.proofs_checks.latex.macros import expand, read_definitions
from hallbound.proofs_checks.latex.verify import verify_tex

DEFS = (
    "\\DeclarePairedDelimiter\\abs{\\lvert}{\\rvert}\n"
    "\\DeclarePairedDelimiter{\\norm}{\\lVert}{\\rVert}\n"
)


def verdicts(body: str) -> list[str]:
    rep = verify_tex(DEFS + "\\begin{align}\n" + body + "\n\\end{align}\n", time_limit=2.0)
    return [s.verdict for c in rep.environments for s in c.steps]


def test_all_three_call_forms_read_as_the_delimited_argument() -> None:
    table, errors = read_definitions(DEFS)
    assert errors == []
    for call in (r"\abs{t - 1}", r"\abs*{t - 1}", r"\abs[\big]{t - 1}", r"\abs[\Big] {t - 1}"):
        assert expand(call, table)[0].split() == ["\\lvert", "t", "-", "1", "\\rvert"], call


def test_true_step_proved_and_planted_error_refuted() -> None:
    # |t^2 - 4| = |t - 2| |t + 2| holds for every real t
    assert verdicts("\\abs*{t^2 - 4} &= \\abs{t - 2}\\abs[\\big]{t + 2}") == ["PROVED"]
    # dropped bars: |t - 2| = t - 2 fails at t = 0
    assert verdicts("\\abs{t - 2} &= t - 2") == ["REFUTED"]
    # a flipped inequality on a norm: ||x|| <= -1 never holds
    assert "PROVED" not in verdicts("\\norm{x} &\\le -1")


def test_a_call_without_its_argument_is_refused() -> None:
    got = verdicts("\\abs &= 1")
    assert got in ([], ["UNDECIDED"])


def test_the_x_variant_is_not_read_as_the_plain_one() -> None:
    # \DeclarePairedDelimiterX takes an argument count and a body: not read here
    table, _ = read_definitions(r"\DeclarePairedDelimiterX{\set}[1]{\{}{\}}{#1}")
    assert "set" not in table
