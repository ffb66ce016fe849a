"""Paper-ready LaTeX (issue 12): ASCII mathematics goes through one printer into math mode,
the generated tree has no ASCII leftovers outside verbatim, and every Evidence cell says
something."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from hallbound.paper_tex.asciimath import math_tex, prose_tex
from hallbound.paper_tex.printer import symbol_latex

pytestmark = pytest.mark.xdist_group("all_claims")  # every claim checked once a worker: conftest

#: ASCII that must not reach a generated .tex file outside verbatim (issue 12's list, plus
#: escaped ASCII operators and the typewriter fallback for names).
LEFTOVERS = {
    "oo": re.compile(r"(?<![A-Za-z\\])oo(?![A-Za-z])"),
    "**": re.compile(r"\*\*"),
    "_star": re.compile(r"_\{?star"),
    "mu_i^T": re.compile(r"mu_i\^T"),
    "escaped ^": re.compile(r"\\textasciicircum"),
    "escaped <": re.compile(r"\\textless"),
    "escaped >": re.compile(r"\\textgreater"),
    "typewriter name": re.compile(r"\\text\{\\ttfamily"),
    "<= / >=": re.compile(r"<=|>="),
    "det_{": re.compile(r"det_\{"),
}


def strip_verbatim(text: str) -> str:
    """The text without comments, verbatim environments and \\verb."""
    text = re.sub(r"\\begin\{verbatim\}.*?\\end\{verbatim\}", "", text, flags=re.S)
    text = re.sub(r"\\verb(.).*?\1", "", text)
    return "\n".join(re.sub(r"(?<!\\)%.*", "", line) for line in text.splitlines())


def leftovers(text: str) -> list[str]:
    body = strip_verbatim(text)
    return [name for name, pattern in LEFTOVERS.items() if pattern.search(body)]


def test_scanner_finds_what_the_issue_lists():
    assert leftovers(r"$\exp(-1/2 mu_i^T Sigma)$") == ["mu_i^T"]
    assert leftovers(r"E[A^2] < oo") == ["oo"]
    assert leftovers(r"x**2") == ["**"]
    assert leftovers(r"A_{star}") == ["_star"]
    assert leftovers("% a comment with oo and **\n\\verb|x**2|") == []
    assert leftovers(r"\begin{verbatim}oo\end{verbatim}") == []
    assert leftovers(r"\text{zoom} $\infty$ \bigcap") == []


@pytest.mark.parametrize(
    ("ascii", "latex"),
    [
        ("E[A^2] < oo", r"\mathbb{E}[A^{2}] < \infty"),
        ("exp(-1/2 mu_i^T Sigma_i^-1 mu_i)", r"\exp(-1/2 \mu_{i}^{\top} \Sigma_{i}^{-1} \mu_{i})"),
        ("A_star", "A^{*}"),
        ("A*(X_j) - E[A(X_j)]", r"A^{*}(X_{j}) - \mathbb{E}[A(X_{j})]"),
        ("||mu_0 - A*||^2 >= d_1^2", r"\lVert \mu_{0} - A^{*}\rVert ^{2} \ge d_{1}^{2}"),
        ("sqrt(ln(1/delta))", r"\sqrt{\ln(1/\delta)}"),
        ("x in Interval.open(0, oo)", r"x \in (0, \infty)"),
        ("x**2 != 2*x", r"x^{2} \ne 2 \cdot x"),
        ("sum_i p_i mu_i", r"\sum_{i} p_{i} \mu_{i}"),
        ("det_Sigma_i <= delta^-2", r"\det \Sigma_{i} \le \delta^{-2}"),
    ],
)
def test_math_tex(ascii, latex):
    assert math_tex(ascii) == latex
    assert not leftovers(f"${latex}$")


def test_names_go_through_the_same_printer():
    assert symbol_latex("det_Sigma_i") == r"\det \Sigma_{i}"
    assert symbol_latex("A_star") == "A^{*}"
    assert symbol_latex("1^T Sigma_i 1") == r"1^{\top} \Sigma_{i} 1"
    assert symbol_latex("Sigma_12", "i") == r"\Sigma_{i,12}"


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        (
            "needs E[A^2] < oo (dominated convergence)",
            r"needs $\mathbb{E}[A^{2}] < \infty$ (dominated convergence)",
        ),
        (
            "delta in (0, 1]; eps >= 0; N even",
            r"$\delta \in (0, 1]$; $\varepsilon \ge 0$; $N$ even",
        ),
        (
            "Lemma B.2 with T = ||mu_i - mu_0||^2",
            r"Lemma B.2 with $T = \lVert \mu_{i} - \mu_{0}\rVert ^{2}$",
        ),
        (
            "by (S1)-(S3b) and Definition 6.1, the squared-loss minimiser delta-hallucinates",
            r"by (S1)-(S3b) and Definition 6.1, the squared-loss minimiser $\delta$-hallucinates",
        ),
        ("a symbolic proof by a computation", "a symbolic proof by a computation"),
        ("rhs - lhs & more", r"rhs - lhs \& more"),
    ],
)
def test_prose_tex(text, latex):
    assert prose_tex(text) == latex


def _result(verdict, **fields):
    base = {"summary": lambda: "", "detail": "", "method": "sympy", "trials": None}
    base.update(fields)
    return SimpleNamespace(verdict=SimpleNamespace(value=verdict), **base)


def test_evidence_always_says_something():
    from hallbound.paper_tex.claims_tex import evidence

    assert evidence(_result("PROVED")) == "symbolic proof (sympy)"
    assert "neither" in evidence(_result("UNDECIDED"))
    cited = _result("ASSUMED", lemmas=("Markov",), cites=("B.4a",), assumed=("E[T] < oo",))
    text = evidence(cited)
    assert "lemmas: Markov" in text and "uses steps (B.4a)" in text
    assert r"assumes $\mathbb{E}[T] < \infty$" in text
    refuted = _result("REFUTED", summary=lambda: "delta=0.5: lhs=2 rhs=0.5")
    assert evidence(refuted).startswith(r"$\delta=0.5")
    supported = _result("SUPPORTED", summary=lambda: "no counterexample in n=200 trials")
    assert "200" in evidence(supported)
    long = _result("PROVED", detail="word " * 100)
    assert evidence(long).count("word") == 100 and "..." not in evidence(long)  # never cut


@pytest.fixture(scope="module")
def claims_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hallbound.paper_tex.document import TexOptions, generate

    out = tmp_path_factory.mktemp("paper") / "out"
    generate(out, TexOptions(sections=("claims", "formulas")))
    return out


@pytest.mark.slow
def test_generated_tex_has_no_ascii_leftovers(claims_tree: Path):
    found = {}
    for path in sorted(claims_tree.rglob("*.tex")):
        bad = leftovers(path.read_text(encoding="utf-8"))
        if bad:
            found[path.relative_to(claims_tree).as_posix()] = bad
    assert found == {}


@pytest.mark.slow
def test_every_evidence_cell_says_something(claims_tree: Path):
    rows = 0
    for path in sorted((claims_tree / "claims").glob("*.tex")):
        if path.name == "summary.tex":
            continue
        table = path.read_text(encoding="utf-8").split("\\midrule", 1)[1]
        for line in table.splitlines():
            if line.startswith("(") and line.endswith("\\\\"):
                rows += 1
                evidence_cell = line[:-2].rsplit("&", 1)[1].strip()
                assert evidence_cell, line
    assert rows > 50
