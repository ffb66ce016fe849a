r"""Marks around relations that leave the statement unchanged
(:mod:`hallbound.proofs_checks.latex.relation_marks`, math class wrappers of
:mod:`.math_tokens`):

* ``\overset{(a)}{\le}``, ``\stackrel{\text{Jensen}}{=}``: the relation, the note dropped; a
  note that changes the relation (in law, a.s., a question, a limit) refuses the row;
* ``\implies B`` opening a row: ``B`` checked alone, never a link of the chain before;
* ``\text{Residual} = a = b``: the name opens the row, the step after it is read;
* ``\mathopen\|``, ``\mathclose\|``, ``\mathrel{=}``, ``\mathbin{+}``: the wrapped token.

Each true step is not REFUTED; its planted false twin is REFUTED (or at least not PROVED).
"""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(body: str, assume: str = "", env: str = "align*", pre: str = ""
         ) -> tuple[list[str], list[str]]:
    head = f"% hb: assume {assume}\n" if assume else ""
    rep = verify_tex(f"{pre}{head}\\begin{{{env}}}\n{body}\n\\end{{{env}}}\n", trials=60)
    return ([s.verdict for ch in rep.environments for s in ch.steps],
            [e.message for e in rep.errors])


# -- a note over a relation ---------------------------------------------------------------

# (true rows, false twin, assumption)
NOTES = [
    (r"(u+2)^2 &\overset{(a)}{=} u^2 + 4u + 4", r"(u+2)^2 &\overset{(a)}{=} u^2 + 2u + 4", ""),
    (r"u^2 + 9 &\stackrel{\text{AM-GM}}{\ge} 6u", r"u^2 + 9 &\stackrel{\text{AM-GM}}{\le} 6u",
     "u > 0"),
    (r"\frac{1}{u+1} &\underset{\eqref{e1}}{<} \frac{1}{u}",
     r"\frac{1}{u+1} &\underset{\eqref{e1}}{>} \frac{1}{u}", "u > 0"),
    (r"3u &\overset{(ii)}\le 4u", r"3u &\overset{(ii)}\le 2u", "u > 0"),
]


@pytest.mark.parametrize(("true_row", "false_row", "assume"), NOTES)
def test_a_note_over_a_relation_is_the_relation(true_row: str, false_row: str,
                                                assume: str) -> None:
    good, errors = _run(true_row, assume)
    assert good == ["PROVED"] and not errors
    bad, _ = _run(false_row, assume)
    assert bad == ["REFUTED"]


def test_a_noted_relation_links_the_chain_and_keeps_the_side_text() -> None:
    rep = verify_tex("% hb: assume v > 0\n\\begin{align*}\n(v+1)^2 &\\overset{(a)}{=} "
                     "v^2 + 2v + 1 \\\\\n&\\stackrel{(b)}{\\ge} 2v + 1\n\\end{align*}\n")
    steps = [s for ch in rep.environments for s in ch.steps]
    assert [s.verdict for s in steps] == ["PROVED", "PROVED"]
    assert steps[1].lhs.strip() == "v^2 + 2v + 1"  # the note's braces are not on a side


@pytest.mark.parametrize("row", [
    r"X &\stackrel{d}{=} Y",                       # equal in law, not in value
    r"X &\overset{\mathcal{D}}{=} -X",
    r"Y &\overset{\text{a.s.}}{=} 1",
    r"u &\overset{?}{=} u + 1",                    # a question
    r"u + 1 &\stackrel{!}{=} 0",                   # a requirement
    r"\frac{u}{u+1} &\overset{u \to \infty}{=} 1",  # a limit
    r"2u &\stackrel{\text{set}}{=} 0",
    r"\log(2u) &\stackrel{c}{=} \log u",            # up to a constant
    r"\log(2u) &\stackrel{+}{=} \log u",
    r"2^{u+1} &\stackrel{.}{=} 2^u",                  # to first order in the exponent
    r"u^2 + u &\overset{u=1}{=} 2",                   # a condition, not a note
    r"u &\overset{\mu\text{-a.e.}}{=} u + 1",
])
def test_a_note_that_changes_the_relation_refuses_the_row(row: str) -> None:
    verdicts, errors = _run(row)
    assert verdicts == [] and any("note over the relation" in e for e in errors)


# -- an implication opening a row -----------------------------------------------------------

def test_the_statement_after_an_implication_is_checked_alone() -> None:
    body = r"(y+1)^2 &\ge 4y \\ \implies \frac{(y+1)^2}{y} &\ge 4"
    rep = verify_tex(f"% hb: assume y > 0\n\\begin{{align*}}\n{body}\n\\end{{align*}}\n")
    assert [s.verdict for ch in rep.environments for s in ch.steps] == ["PROVED", "PROVED"]
    assert len(rep.environments) == 2  # two chains: the implication is no link
    assert not rep.errors


@pytest.mark.parametrize("arrow", [r"\implies", r"\Rightarrow", r"\Longrightarrow", r"\iff",
                                   r"&\Longleftrightarrow"])
def test_a_false_statement_after_an_implication_is_refuted(arrow: str) -> None:
    verdicts, errors = _run(rf"(y+1)^2 &\ge 4y \\ {arrow} \frac{{(y+1)^2}}{{y}} \ge 5", "y > 0")
    assert verdicts == ["PROVED", "REFUTED"] and not errors


@pytest.mark.parametrize("body", [
    r"y &\le y + 1 \implies y - 1 \le y",           # inside a row: not read
    r"y &\le y + 1 \\ \implies &\le y + 2",          # followed by a relation: never a link
    r"y + 1 &\ge y \\ \Leftarrow y + 2 \ge y",       # backward: the right side suffices
    r"y + 1 &\ge y \\ \impliedby y + 2 \ge y",
])
def test_an_implication_elsewhere_is_not_read(body: str) -> None:
    verdicts, errors = _run(body, "y > 0")
    assert errors
    assert len(verdicts) <= 1 and "REFUTED" not in verdicts


# -- a named quantity opening a row ---------------------------------------------------------

def test_a_text_name_opening_a_row_leaves_the_next_step_read() -> None:
    good, errors = _run(r"\text{Residual} = \frac{m}{2} + \frac{m}{2} = m", env="equation*")
    assert good == ["UNDECIDED", "PROVED"] and errors  # the name's own step: not read
    bad, _ = _run(r"\text{Residual} = \frac{m}{2} + \frac{m}{2} = 2m", "m > 0",
                  env="equation*")
    assert bad[-1] == "REFUTED"


@pytest.mark.parametrize("body", [
    r"m + 1 &\ge m \quad \text{Residual} = 0",   # not opening the row: a remark
    r"\text{so} \; m + 1 \ge m + 2",              # no relation right after the word
])
def test_a_text_word_elsewhere_stays_a_remark(body: str) -> None:
    verdicts, errors = _run(body, "m > 0")
    assert verdicts == [] and any("after the remark" in e for e in errors)


# -- math class wrappers ----------------------------------------------------------------------

def test_math_class_wrappers_read_as_the_token_they_wrap() -> None:
    pre = "\\def\\nrm#1{\\mathopen| #1 \\mathclose|}\n"
    good, errors = _run(r"\nrm{w}^2 \mathrel{=} w^2 \mathbin{+} 0", env="equation*", pre=pre)
    assert good == ["PROVED"] and not errors
    bad, _ = _run(r"\nrm{w}^2 \mathrel{=} w^2 \mathbin{+} 1", env="equation*", pre=pre)
    assert bad == ["REFUTED"]


def test_a_norm_written_with_mathopen_is_the_norm() -> None:
    pre = "\\def\\norm#1{\\mathopen\\| #1 \\mathclose\\|}\n"
    good, errors = _run(r"\norm{z - z}_2 = 0", env="equation*", pre=pre)
    assert good and "REFUTED" not in good and not errors
    bad, _ = _run(r"\norm{z}_2 \le -1", env="equation*", pre=pre)
    assert "PROVED" not in bad and not any("mathopen" in e for e in _)


# -- \dim, \deg: opaque function values ---------------------------------------------------------

def test_dim_and_deg_are_opaque_values() -> None:
    good, errors = _run(r"\dim V + \deg p - 1 \le \deg(p) + \dim(V)", env="equation*")
    assert good == ["PROVED"] and not errors
    bad, _ = _run(r"\dim V + \deg p + 1 \le \deg(p) + \dim(V)", env="equation*")
    assert bad == ["REFUTED"]


@pytest.mark.parametrize("row", [r"\dim V \ge 0", r"\deg p \ge 0"])
def test_no_fact_about_an_opaque_dimension_is_refuted_from_its_value(row: str) -> None:
    verdicts, _ = _run(row, env="equation*")
    assert verdicts == ["UNDECIDED"]  # true of every dimension; the reading knows no range


def test_an_ambiguous_argument_of_dim_is_refused() -> None:
    verdicts, errors = _run(r"\dim V W = \dim(V) \dim(W)", env="equation*")
    assert verdicts == [] and any("ambiguous argument of \\dim" in e for e in errors)
