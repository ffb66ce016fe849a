r"""Document reading for ``hallbound verify`` (issue 21): nested environments, comment
columns, unclosed environments, the author's macros, and hostile input. Fast: most tests
only read the document; the few that check steps use few trials."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.proofs_checks.latex.document import MAX_CHARS, read_document
from hallbound.proofs_checks.latex.macros import (
    MAX_EXPANDED,
    MacroError,
    expand,
    read_definitions,
)
from hallbound.proofs_checks.latex.verify import verify_tex


def _rows(text: str) -> list[list[str]]:
    """Each environment's rows as the math the parser sees (whitespace squeezed)."""
    doc = read_document(text)
    return [[" ".join(doc.blank[r.offset : r.end].split()) for r in env.rows]
            for env in doc.environments]


# -- nested environments -------------------------------------------------------------------


def test_split_in_equation_star_gives_one_row_per_line() -> None:
    text = r"""\begin{equation*}
\begin{split}
(a+b)^2 &= a^2 + 2ab + b^2 \\
&\ge 4ab
\end{split}
\end{equation*}"""
    assert _rows(text) == [["(a+b)^2 &= a^2 + 2ab + b^2", "&\\ge 4ab"]]


@pytest.mark.parametrize(
    "inner, args",
    [("aligned", "[t]"), ("alignedat", "{2}"), ("gathered", ""), ("split", ""),
     ("aligned", "")],
)
@pytest.mark.parametrize("outer", ["equation", "equation*", "align", "align*", "gather",
                                   "gather*"])
def test_each_nested_row_environment_in_each_display(outer: str, inner: str,
                                                     args: str) -> None:
    text = (f"\\begin{{{outer}}}\n\\begin{{{inner}}}{args}\n x &= y \\\\\n &= z\n"
            f"\\end{{{inner}}}\n\\end{{{outer}}}")
    assert _rows(text) == [["x &= y", "&= z"]]


def test_bracket_display_with_aligned_is_read() -> None:
    text = r"""Some text \[ \begin{aligned} a &= b \\[2pt] &= c \end{aligned} \] more text.
\[ x = y \]"""
    assert _rows(text) == [["a &= b", "&= c"], ["x = y"]]
    assert all(r.number is None for e in read_document(text).environments for r in e.rows)


def test_multlined_continues_one_formula() -> None:
    text = r"""\begin{equation}
\begin{multlined} a + b \\ + c \end{multlined} = d
\end{equation}"""
    assert _rows(text) == [["a + b + c = d"]]


def test_cases_rows_are_not_row_breaks() -> None:
    text = r"""\begin{align}
f &= \begin{cases} 1 \\ 2 \end{cases} \\
&= g
\end{align}"""
    rows = _rows(text)[0]
    assert len(rows) == 2 and "\\begin{cases}" in rows[0]


def test_equation_with_split_has_one_number_on_its_last_row() -> None:
    doc = read_document(r"""\begin{equation} \label{eq:s}
\begin{split} a &= b \\ &= c \end{split}
\end{equation}
\begin{align}
d &= e \\
&= f \nonumber
\end{align}""")
    assert [r.number for r in doc.environments[0].rows] == [None, "1"]
    assert doc.environments[0].rows[1].labels == ["eq:s"]
    assert [r.number for r in doc.environments[1].rows] == ["2", None]


def test_comment_columns_and_text_remarks_are_dropped() -> None:
    text = r"""% hb: assume b > 0
\begin{align}
a + b &= b + a && \text{commutativity} \\
&\le a + b + 1 && (b \ge 0) \\
&\le a + b + 2 \quad \text{since } 1 \le 2
\end{align}"""
    rows = _rows(text)[0]
    assert rows[1] == "&\\le a + b + 1"
    rep = verify_tex(text, trials=20)
    assert rep.errors == []
    assert [s.verdict for s in rep.environments[0].steps] == ["PROVED"] * 3


def test_an_opening_double_ampersand_is_alignment_not_a_comment() -> None:
    text = r"""\begin{flalign*}
&& a &= b && \text{remark} \\
&& &= c &&
\end{flalign*}"""
    assert _rows(text) == [["&& a &= b", "&& &= c"]]


def test_nested_split_is_checked() -> None:
    # issue 21: "unsupported LaTeX command \begin" before
    rep = verify_tex(r"""\begin{equation*}
\begin{split}
(a+b)^2 &= a^2 + 2ab + b^2 \\
&= (b+a)^2
\end{split}
\end{equation*}""", trials=20)
    assert rep.errors == []
    assert [s.verdict for s in rep.environments[0].steps] == ["PROVED", "PROVED"]


# -- unclosed environments -----------------------------------------------------------------


def test_missing_end_is_an_error_not_zero_chains() -> None:
    rep = verify_tex("\\begin{align}\nx &= x\n")
    assert rep.environments == []
    assert len(rep.errors) == 1 and "not closed" in rep.errors[0].message
    assert rep.unclosed == 1 and rep.strict_failures()


def test_wrong_end_and_a_new_begin_close_nothing() -> None:
    doc = read_document(r"""\begin{align} a &= b \end{aligned}
\begin{equation} c = c
\begin{align} d &= d \end{align}
\end{equation}""")
    messages = [m for _, m in doc.errors]
    assert any("\\end{aligned} does not close \\begin{align}" in m for m in messages)
    assert any("\\begin{equation} is not closed" in m for m in messages)
    assert [e.name for e in doc.environments] == ["align"]
    assert doc.unclosed == 2


def test_strict_fails_on_an_unclosed_environment(tmp_path: Path) -> None:
    src = tmp_path / "open.tex"
    src.write_text("\\begin{equation} 2 + 2 = 4 \\end{equation}\n\\begin{align}\nx &= x\n")
    assert main(["verify", str(src), "--trials", "10"]) == 0
    assert main(["verify", str(src), "--strict", "--trials", "10"]) == 1


# -- macros ----------------------------------------------------------------------------------


def test_macro_definitions_and_expansion() -> None:
    table, errors = read_definitions(r"""\newcommand{\sabs}[1]{\left|#1\right|}
\newcommand\sq[2][2]{#2^{#1}}
\DeclareMathOperator*{\argmax}{arg\,max}
\def\pair#1#2{(#1, #2)}
\let\eps=\epsilon
\newcommand{\half}{\frac{1}{2}}
\renewcommand{\half}{\frac12}
\providecommand{\half}{0}
\newcommand{\half}{1}
\newcommand{\bad}[x]{y}""")
    assert len(errors) == 1 and "\\bad" in errors[0][1]
    text, _ = expand(r"\sabs{x} + \sq{a} + \sq[3]{b} + \pair uv + \eps + \half + \argmax",
                     table)
    assert text == (r"\left|x\right| + a^{2} + b^{3} + (u, v) + \epsilon + \frac12"
                    r" + \operatorname{arg\,max}")


def test_expansion_keeps_offsets_into_the_file() -> None:
    table, _ = read_definitions(r"\newcommand{\norm}[1]{\|#1\|}")
    text, omap = expand(r"1 + \norm{xy}", table, base=100)
    assert text == r"1 + \|xy\|"
    assert omap[:4] == [100, 101, 102, 103]  # "1 + " keeps its place
    assert omap[4] == 104  # the body comes from the call
    assert omap[text.index("x")] == 100 + r"1 + \norm{xy}".index("x")  # an argument keeps its


def test_macros_are_expanded_in_rows_and_assumptions() -> None:
    rep = verify_tex(r"""\newcommand{\sabs}[1]{\left|#1\right|}
\newcommand{\eps}{\varepsilon}
% hb: assume \eps > 0
\begin{equation}
\sabs{x} + \eps > \sabs{x}
\end{equation}""", trials=20)
    assert rep.errors == []
    assert rep.environments[0].steps[0].verdict == "PROVED"


def test_ensuremath_and_xspace_in_macro_bodies() -> None:
    rep = verify_tex(r"""\newcommand{\half}{\ensuremath{\frac{1}{2}}\xspace}
\begin{equation} \half + \half = 1 \end{equation}""", trials=10)
    assert rep.errors == [] and rep.environments[0].steps[0].verdict == "PROVED"


def test_macros_file_option(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    macros = tmp_path / "macros.tex"
    macros.write_text("\\newcommand{\\E}{\\mathrm{e}}\n\\newcommand{\\sq}[1]{#1^2}\n"
                      "\\input{secret}\n")
    src = tmp_path / "main.tex"
    src.write_text("\\begin{equation} \\sq{\\E} = \\E \\cdot \\E \\end{equation}")
    assert main(["verify", str(src), "--macros", str(macros), "--strict",
                 "--trials", "10"]) == 0
    out = capsys.readouterr().out
    assert "PROVED" in out and "macros file, line 3: \\input is not followed" in out
    # without the macros the row cannot be read
    assert main(["verify", str(src), "--strict", "--trials", "10"]) == 1
    assert main(["verify", str(src), "--macros", str(tmp_path / "missing.tex")]) == 2


def test_macros_parameter_is_checked() -> None:
    with pytest.raises(InputError, match="macros"):
        verify_tex("x", macros=3)  # type: ignore[arg-type]


# -- hostile input: each one line, fast ------------------------------------------------------


def _one_error(rep, needle: str) -> None:
    hits = [e for e in rep.errors if needle in e.message]
    assert len(hits) == 1, [e.message for e in rep.errors]


def test_macro_that_calls_itself_or_doubles_is_one_error() -> None:
    start = time.perf_counter()
    rep = verify_tex(r"""\def\a{\a\a}
\newcommand{\b}{\b}
\newcommand{\c}{x\c}
\begin{equation} \a = 1 \end{equation}
\begin{equation} \b = 1 \end{equation}
\begin{equation} \c = 1 \end{equation}
\begin{equation} 2 + 2 = 4 \end{equation}""", trials=10)
    assert time.perf_counter() - start < 45
    for name in ("\\a:", "\\b:", "\\c:"):
        _one_error(rep, name)
    assert len(rep.skipped) == 3
    assert rep.environments[-1].steps[0].verdict == "PROVED"  # the rest is still checked


def test_expansion_limits() -> None:
    table, _ = read_definitions(r"\def\x{\x}\def\d{\d\d}\def\w{abcdefghijklmnopqrstuvwxyz}")
    for text in (r"\x", r"\d", "\\w" * (MAX_EXPANDED // 20)):
        with pytest.raises(MacroError):
            expand(text, table)


def test_write18_and_input_are_reported_never_run(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.tex").write_text(r"\begin{equation} 1 = 2 \end{equation}")
    rep = verify_tex(r"""\immediate\write18{touch pwned}
\newcommand{\sneaky}{\input{other}}
\begin{equation} \sneaky \end{equation}
\input{other}""", trials=10)
    assert not (tmp_path / "pwned").exists()
    _one_error(rep, "\\write18 is not run")
    assert any("\\input" in e.message and "not followed" in e.message for e in rep.errors)
    assert not any(s.verdict == "REFUTED" for c in rep.environments for s in c.steps)


def test_a_megabyte_is_refused_in_one_line(tmp_path: Path,
                                           capsys: pytest.CaptureFixture) -> None:
    big = tmp_path / "big.tex"
    big.write_text("\\begin{align} x &= x \\end{align}\n" * (2 * MAX_CHARS // 33))
    start = time.perf_counter()
    assert main(["verify", str(big)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "longer than" in err[0]
    assert time.perf_counter() - start < 45


def test_hostile_structure_near_the_size_limit_is_answered_fast() -> None:
    unclosed = "\\begin{align}" * ((MAX_CHARS - 100) // 13)
    long_row = "\\begin{align}\n" + "x+" * ((MAX_CHARS - 100) // 2) + "x\n\\end{align}"
    defs = "\\newcommand{\\q}[x]{y}" * ((MAX_CHARS - 100) // 22)
    for text in (unclosed, long_row, defs):
        start = time.perf_counter()
        rep = verify_tex(text, trials=10)
        assert time.perf_counter() - start < 45
        assert len(rep.errors) <= 25  # listed once, then counted in one line
        assert rep.strict_failures()
