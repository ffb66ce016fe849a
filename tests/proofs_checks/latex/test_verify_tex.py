"""``verify_tex`` and ``hallbound verify``: documents, directives, limits, CLI, JSON, annotate."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.proofs_checks.latex.document import MAX_CHARS, read_document
from hallbound.proofs_checks.latex.report import annotate, render
from hallbound.proofs_checks.latex.verify import compose, run_with_time_limit, verify_tex

DOC = r"""\documentclass{article}
\usepackage{amsmath}
\begin{document}
% hb: assume x > 0
\begin{align}
x^2 + 1 &\ge 2x \\
&\ge x \label{eq:two} \\
&\ge 2 + x
\end{align}
\end{document}
"""


def steps(report, k: int = 0) -> list[tuple[int, str]]:
    return [(s.line, s.verdict) for s in report.environments[k].steps]


def test_chain_lines_verdicts_and_conclusion() -> None:
    rep = verify_tex(DOC, trials=40)
    # x^2 + 1 - 2x = (x-1)^2 >= 0; 2x - x = x > 0; x >= 2 + x is false for every x
    assert [v for _, v in steps(rep)] == ["PROVED", "PROVED", "REFUTED"]
    assert [ln for ln, _ in steps(rep)] == [6, 7, 8]
    bad = rep.environments[0].steps[2]
    w = bad.witness["x"]
    assert w > 0 and not (w >= 2 + w)
    assert bad.lhs_value == pytest.approx(w) and bad.rhs_value == pytest.approx(2 + w)
    con = rep.environments[0].conclusion
    # the chain is broken; checked directly, x^2 + 1 >= 2 + x fails at x = 1/2 (1.25 < 2.5)
    assert con.relation == ">=" and con.verdict == "REFUTED"
    assert "broken at line 8" in con.method
    assert rep.refuted


def test_conclusion_relation_is_composed() -> None:
    assert compose(["=", "="]) == "="
    assert compose(["=", "<=", "="]) == "<="
    assert compose(["<=", "<", "="]) == "<"
    assert compose([">=", "="]) == ">="
    assert compose([">", ">="]) == ">"
    assert compose(["<=", ">="]) is None


def test_mixed_directions_have_no_conclusion() -> None:
    rep = verify_tex(r"\begin{align*} a &\le a + 1 \\ &\ge a \end{align*}", trials=20)
    con = rep.environments[0].conclusion
    assert con.verdict == "UNDECIDED" and con.method == "no conclusion"


def test_weakest_step_bounds_the_conclusion() -> None:
    # step 1 is an identity (PROVED); step 2 is true but only SUPPORTED or CERTIFIED; the
    # conclusion cannot be stronger than step 2
    text = r"""% hb: assume a > 0, b > 0, c > 0
\begin{align*}
\frac{a+b+c}{3} &= \frac{a}{3} + \frac{b}{3} + \frac{c}{3} \\
&\ge \sqrt[3]{abc}
\end{align*}"""
    rep = verify_tex(text, trials=40)
    v1, v2 = (s.verdict for s in rep.environments[0].steps)
    assert v1 == "PROVED" and v2 in ("PROVED", "CERTIFIED", "SUPPORTED")
    assert rep.environments[0].conclusion.verdict == v2


def test_definitions_boxes_and_dimension() -> None:
    text = r"""% hb: assume 0 < s \le 1
% hb: let y = s^2
% hb: box s \in [0.1, 1]
\begin{equation} y \le s \end{equation}"""
    rep = verify_tex(text, trials=20)
    # s^2 <= s on (0, 1]
    assert rep.environments[0].steps[0].verdict in ("PROVED", "CERTIFIED")
    assert rep.errors == []


def test_errors_keep_line_and_column_and_the_rest_is_checked() -> None:
    text = "\n".join(
        [
            r"\begin{equation}",
            r"\nabla g \le \frac{\mathbb{E}[X]}{a}",
            r"\end{equation}",
            r"\input{../private}",
            r"% hb: assume z > 0",
            r"\begin{equation}",
            r"z + 1 > z",
            r"\end{equation}",
        ]
    )
    rep = verify_tex(text, trials=20)
    msgs = {(e.line, e.column): e.message for e in rep.errors}
    assert "gradients" in msgs[(2, 1)]
    assert "not followed" in msgs[(4, 1)]
    assert len(rep.environments) == 1
    assert rep.environments[0].steps[0].verdict == "PROVED"


def test_input_is_never_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "private.tex"
    # if this file were read, its false equation would appear as a REFUTED step
    secret.write_text(r"\begin{equation} 1 = 2 \end{equation}")
    main_tex = tmp_path / "sub" / "main.tex"
    main_tex.parent.mkdir()
    main_tex.write_text(r"\input{../private} \include{../private}")
    monkeypatch.chdir(main_tex.parent)
    rep = verify_tex(main_tex.read_text())
    assert rep.environments == []
    assert [e.message.split()[0] for e in rep.errors] == ["\\input", "\\include"]


def test_bad_assumption_is_reported() -> None:
    # an assumption that cannot be read is refused with an error naming it (a relation
    # between two variables, x <= y, is read since issue 21)
    text = r"""% hb: assume x \in \mathcal{S}, 0 < q < 1
\begin{equation} q^2 < q \end{equation}"""
    rep = verify_tex(text, trials=20)
    assert any("\\mathcal{S}" in e.message and "not used" in e.message for e in rep.errors)
    assert rep.environments[0].steps[0].verdict in ("PROVED", "CERTIFIED")


def test_cited_lemma_never_hides_a_counterexample() -> None:
    # issue 21: p <= m/a is false at points that satisfy every stated assumption; citing a
    # lemma that cannot back it does not hide the witness (it was ASSUMED before)
    text = r"""% hb: assume a > 0, m > 0, 0 \le p \le 1
\begin{equation} p \le \frac{m}{a} % hb: by Markov
\end{equation}"""
    step = verify_tex(text, trials=20).environments[0].steps[0]
    assert step.verdict == "REFUTED" and step.witness is not None
    w = step.witness
    assert 0 <= w["p"] <= 1 and w["a"] > 0 and w["m"] > 0 and w["p"] > w["m"] / w["a"]
    assert any("Markov" in n for n in step.notes)


def test_references_resolve_numbers_and_labels() -> None:
    text = r"""% hb: assume x > 0
\begin{align}
x &\le x + 1 \label{eq:a} \\
&\le x + 2 % hb: from \eqref{eq:a}
\end{align}
\begin{align}
x + 1 &\le x + 3 % hb: from (2), (9)
\end{align}"""
    rep = verify_tex(text, trials=20)
    assert rep.environments[0].steps[1].cites == ["eq:a"]
    assert rep.environments[1].steps[0].cites == ["(2)"]
    assert [e.message for e in rep.errors] == ["from: no equation '(9)' in this file"]


# -- limits ----------------------------------------------------------------------------------


def test_huge_text_is_refused() -> None:
    with pytest.raises(InputError, match="text: longer than"):
        verify_tex("x" * (10 * 1024 * 1024))


def test_exponent_tower_and_nesting_give_errors_not_hangs() -> None:
    text = "\n".join(
        [
            r"\begin{equation} 10^{10^{10}} \ge 1 \end{equation}",
            r"\begin{equation} " + "{" * 5000 + "x" + "}" * 5000 + r" = x \end{equation}",
            r"\begin{equation} x = " + "(" * 3000 + "x" + ")" * 3000 + r" \end{equation}",
        ]
    )
    rep = verify_tex(text, trials=10)
    assert [e.line for e in rep.errors] == [1, 2, 3]
    assert "too large" in rep.errors[0].message
    assert "nested" in rep.errors[1].message or "longer" in rep.errors[1].message


def test_step_time_limit_gives_undecided() -> None:
    rep = verify_tex(DOC, time_limit=1e-6)
    assert {s.verdict for s in rep.environments[0].steps} == {"UNDECIDED"}
    assert all("time limit" in s.detail for s in rep.environments[0].steps)


def test_worker_is_killed_after_its_limit() -> None:
    def spin() -> None:  # CPU work without end: stopped by the CPU budget
        while True:
            pass

    status, value = run_with_time_limit(spin, 0.2)
    assert status == "budget" and value is None
    assert run_with_time_limit(lambda: 6 * 7, 30) == ("ok", 42)
    status, value = run_with_time_limit(lambda: 1 / 0, 30)
    assert status == "error" and "ZeroDivisionError" in value


def test_document_rows_numbers_and_directives() -> None:
    doc = read_document(
        r"""% hb: assume x > 0
\begin{align}
a &= b \\ % hb: by Markov
&= c \nonumber \\
&= d \tag{7}
\end{align}
\begin{equation*} e \end{equation*}"""
    )
    env = doc.environments[0]
    assert [r.number for r in env.rows] == ["1", None, "7"]
    assert [d.verb for d in env.rows[0].directives] == ["by"]
    assert [d.verb for d in env.directives] == ["assume"]
    assert doc.environments[1].rows[0].number is None
    assert MAX_CHARS >= 100_000


# -- CLI, JSON, annotate -----------------------------------------------------------------


STEP_KEYS = {
    "line",
    "lhs",
    "relation",
    "rhs",
    "verdict",
    "method",
    "witness",
    "lhs_value",
    "rhs_value",
}


def test_cli_json_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src = tmp_path / "d.tex"
    src.write_text(DOC)
    out = tmp_path / "r.json"
    assert main(["verify", str(src), "--json", str(out), "--trials", "30"]) == 0
    table = capsys.readouterr().out
    assert "REFUTED" in table and "x=" in table and "chain" in table
    data = json.loads(out.read_text())
    assert set(data) == {"environments", "errors"}
    env = data["environments"][0]
    assert {"index", "line", "steps", "conclusion"} <= set(env)
    for s in env["steps"]:
        assert STEP_KEYS <= set(s)
    assert env["steps"][2]["witness"] is not None and "x" in env["steps"][2]["witness"]
    assert main(["verify", str(src), "--strict", "--trials", "30"]) == 1
    assert main(["verify", str(tmp_path / "missing.tex")]) == 2
    assert "hallbound: error: FILE:" in capsys.readouterr().err
    big = tmp_path / "big.tex"
    big.write_bytes(b"x" * (10 * 1024 * 1024))
    assert main(["verify", str(big)]) == 2
    binary = tmp_path / "bin.tex"
    binary.write_bytes(b"\xff\xfe\x00")
    assert main(["verify", str(binary)]) == 2


def test_cli_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    import io
    import sys

    data = rb"\begin{equation} 2 + 2 = 4 \end{equation}"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["verify", "-", "--strict"]) == 0
    assert "PROVED" in capsys.readouterr().out


def test_render_lists_errors_and_counts() -> None:
    rep = verify_tex(r"\begin{equation} \partial A = 1 \end{equation}")
    text = render(rep)
    assert "line 1, column 18" in text and "1 error(s)" in text


def test_annotate_tags_each_row() -> None:
    rep = verify_tex(DOC, trials=30)
    out = annotate(rep)
    assert out.count(r"\tag*{") == 3
    assert r"\tag*{\scriptsize REFUTED, chain REFUTED}" in out
    # a fragment is wrapped into a complete document
    frag = annotate(verify_tex(r"\begin{equation} 1 = 1 \end{equation}"))
    assert frag.startswith("\\documentclass") and "\\tag*{\\scriptsize PROVED" in frag


@pytest.mark.tex
def test_annotated_corpus_compiles(tmp_path: Path) -> None:
    if shutil.which("pdflatex") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdflatex not found")
        pytest.skip("no pdflatex")
    corpus = Path(__file__).parents[2] / "data" / "derivations"
    sources = {
        name: (corpus / name).read_text()
        for name in ("paper_lemma_b4_chain.tex", "unsupported_constructs.tex", "cites_equation.tex")
    }
    # eqnarray (no \tag there), a row that already has a \tag, \notag, gather*, multline
    sources["envs.tex"] = "\n".join(
        [
            r"\begin{eqnarray} x + 1 &>& x \\ &\ge& x - 1 \end{eqnarray}",
            r"\begin{align} a^2 + b^2 &\ge 2ab \tag{T} \\ &= 2ba \notag \end{align}",
            r"\begin{gather*} 1 + 1 = 2 \end{gather*}",
            r"\begin{multline} (a+b)^2 = a^2 + 2ab + b^2 \end{multline}",
            r"\input{../private} \include{missing}",  # reported, and not followed here either
        ]
    )
    for name, source in sources.items():
        rep = verify_tex(source, trials=20)
        (tmp_path / name).write_text(annotate(rep))
        proc = subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stdout[-2000:]
        assert (tmp_path / name.replace(".tex", ".pdf")).stat().st_size > 0


def test_cited_lemma_is_matched_and_proves_the_step() -> None:
    text = r"""% hb: assume t > 0
\begin{equation}
\frac{1}{2}\operatorname{erfc}\left(\frac{t}{\sqrt{2}}\right) \le \frac{e^{-t^2/2}}{t\sqrt{2\pi}}
% hb: by Gaussian tail (Mills)
\end{equation}
\begin{equation}
|x - y| \le |x| + |y| % hb: by Triangle
\end{equation}"""
    rep = verify_tex(text, trials=20)
    mills, tri = rep.environments[0].steps[0], rep.environments[1].steps[0]
    assert mills.verdict == "PROVED" and "Gaussian tail (Mills)" in mills.method
    # |x - y| <= |x| + |y| is the triangle inequality for x and -y: true, but the LaTeX
    # form differs from the lemma's |x + y|, so it is not matched; the relation may still be
    # shown or supported on its own, never refuted
    assert tri.verdict in ("PROVED", "CERTIFIED", "SUPPORTED", "ASSUMED")


def test_citing_a_refuted_or_later_line_makes_a_step_assumed() -> None:
    text = r"""% hb: assume x > 0
\begin{align}
x + 1 &\ge x \label{eq:a} \\
x &\ge 2x \label{eq:b}
\end{align}
% hb: assume x > 0
\begin{align}
x + 2 &\ge x % hb: from \eqref{eq:a}
\end{align}
% hb: assume x > 0
\begin{align}
x + 3 &\ge x % hb: from \eqref{eq:b}
\end{align}
% hb: assume x > 0
\begin{align}
x + 4 &\ge x % hb: from (6)
\end{align}
\begin{align}
y = y \label{z}
\end{align}"""
    rep = verify_tex(text, trials=20)
    by_line = {s.line: s for c in rep.environments for s in c.steps}
    # x + k >= x holds outright; a cited PROVED line keeps PROVED, a cited REFUTED line
    # (x >= 2x for x > 0) or a later line (6) leaves the step resting on an unbacked premise
    assert by_line[8].verdict == "PROVED"
    assert by_line[12].verdict == "ASSUMED" and "REFUTED" in by_line[12].assumed[0]
    assert by_line[16].verdict == "ASSUMED"


def test_total_time_limit_leaves_the_rest_undecided() -> None:
    rep = verify_tex(DOC, total_time=1e-9)
    assert {s.verdict for s in rep.environments[0].steps} == {"UNDECIDED"}
    assert all("total time limit" in s.detail for s in rep.environments[0].steps)
    with pytest.raises(InputError, match="total_time"):
        verify_tex(DOC, total_time=0)


def test_an_unreadable_row_cuts_the_chain() -> None:
    text = r"""% hb: assume x > 0
\begin{align}
x &\le x + 1 \\
&\le \partial A \\
&\le x + 3 \\
&\le x + 2
\end{align}"""
    rep = verify_tex(text, trials=20)
    # no step may join x + 1 to x + 3 across the unreadable row (line 4)
    pairs = [(s.lhs, s.rhs) for c in rep.environments for s in c.steps]
    assert pairs == [("x", "x + 1"), ("x + 3", "x + 2")]
    assert [s.verdict for c in rep.environments for s in c.steps] == ["PROVED", "REFUTED"]
    for c in rep.environments:
        assert c.conclusion.verdict == "UNDECIDED" and "line(s) 4" in c.conclusion.detail
    assert [(e.line, e.column) for e in rep.errors] == [(4, 6)]


def test_box_directive_gives_a_certified_step() -> None:
    text = r"""% hb: assume 0 \le x \le 1, 0 \le y \le 1
% hb: box x \in [0, 1], y \in [0, 1]
\begin{equation}
\sqrt{1 + x y} + e^{x - y} \ge \frac{3}{2} + \frac{x - y}{2} - \frac{1}{10}
\end{equation}"""
    step = verify_tex(text, trials=30).environments[0].steps[0]
    # by hand: sqrt(1 + xy) >= 1 and e^t - t/2 >= 1/2 + ln(2)/2 (t = x - y), so the gap is
    # at least 1 + 0.846 - 1.5 + 0.1 > 0.44 on the whole box
    assert step.verdict in ("PROVED", "CERTIFIED")
    if step.verdict == "CERTIFIED":
        assert step.box == {"x": [0.0, 1.0], "y": [0.0, 1.0]}
