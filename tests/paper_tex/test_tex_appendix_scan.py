"""The claims appendix is paste-ready (issue 23, item 1): the compiled PDF's text
(``pdftotext``) holds no program leftovers, every relation, witness and lemma instance is
typeset by the paper printer, long formulas break instead of being cut, the papers have their
own sections with their citations, and each claim carries its verdict."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from hallbound.paper_tex.claims_tex import how_shown, lemma_tex, paper_heading, value_tex
from hallbound.paper_tex.program_tex import program_tex, relation_tex
from tests.paper_tex.test_tex_compile import latexmk, pdf_text, require_tex

pytestmark = pytest.mark.xdist_group("all_claims")  # every claim checked once a worker: conftest

#: Program text that must not reach the appendix's PDF (issue 23's list, plus ``>=``).
LEFTOVERS: dict[str, re.Pattern[str]] = {
    "sqrt": re.compile(r"sqrt"),
    "gamma as a word": re.compile(r"\bgamma\b"),
    "Sum(": re.compile(r"Sum\("),
    "Abs(": re.compile(r"Abs\("),
    "**": re.compile(r"\*\*"),
    "<=": re.compile(r"<="),
    ">=": re.compile(r">="),
    "ellipsis": re.compile("\u2026"),
    "_{": re.compile(r"_\{"),
    "1e_4": re.compile(r"\b[0-9]e_"),
}

#: Lemma instances as the checker reports them (``StepResult.lemmas``).
LEMMAS = (
    "Chebyshev(X=T, a=a): Pr(Abs(T - E(T)) >= a) <= Var(T)/a**2  [if a > 0 (deterministic)]",
    "Triangle (norm)(x=(mu_i-v0), y=v0, n=d_a): sqrt(Sum(((mu_i-v0)[i] + v0[i])**2, "
    "(i, 1, d_a))) <= sqrt(Sum((mu_i-v0)[i]**2, (i, 1, d_a))) + sqrt(Sum(v0[i]**2, (i, 1, d_a)))",
    "Union bound (family)(A=A, n=N): Pr(AnyOf(A[k], k=1..N)) <= Sum(Pr(A[k]), (k, 1, N))",
    "Ball volume(d=d_a, r=r_i): BallVolume(d_a, r_i) = pi**(d_a/2)*r_i**d_a/gamma(d_a/2 + 1)"
    "  [if d_a >= 1 (deterministic); r_i >= 0 (deterministic)]",
    "Monotonicity(A=A[k], B=Abs(A* - mu[k]) <= r[k]): Pr(A[k]) <= Pr(Abs(A* - mu[k]) <= r[k])"
    "  [if A[k] implies Abs(A* - mu[k]) <= r[k] (pointwise)]",
)


def leftovers(text: str) -> list[str]:
    """The names of the program leftovers found in ``text``."""
    return [name for name, pattern in LEFTOVERS.items() if pattern.search(text)]


def test_program_text_is_parsed_and_printed():
    assert program_tex("Sum(x[i]*y[i], (i, 1, n))**2") == (
        r"\left(\sum_{i=1}^{n} x_{i} y_{i}\right)^{2}"
    )
    assert program_tex("ln(5/gamma)/N") == r"\frac{\ln{\left(\frac{5}{\gamma} \right)}}{N}"
    assert "\\Gamma" in program_tex("gamma(d_a/2 + 1)")
    assert program_tex("Abs(A* - mu[k])") == r"\left|{A^{*} - \mu_{k}}\right|"
    assert relation_tex("Pr(T >= a) <= E(T)/a")[1] == r"\le"
    assert program_tex("not sympy: at all") is None


@pytest.mark.parametrize("lemma", LEMMAS)
def test_lemma_instances_have_no_program_text(lemma: str):
    out = lemma_tex(lemma)
    assert out.startswith("lemma ")
    text = re.sub(r"\\[A-Za-z]+", " ", out)  # the LaTeX without its commands
    assert leftovers(text.replace("_{", "")) == [], out
    assert "Sum(" not in out and "Abs(" not in out and "**" not in out


def test_witness_digits_show_the_violation_and_long_formulas_break():
    step = SimpleNamespace(
        verdict=SimpleNamespace(value="REFUTED"), method="falsification search", detail="",
        witness={"x": 2.0, "Sigma_1": [[2, 0], [0, 1]], "p": ["1/2", "1/2"]},
        lhs=2.0, rhs=2.000001, lemmas=[], cites=[], assumed=[], trials=None,
    )
    cell = how_shown(step)
    assert "left side $2$, right side $2.000001$" in cell
    assert r"\begin{pmatrix}2 & 0 \\ 0 & 1\end{pmatrix}" in cell
    assert r"p = (\frac{1}{2}" in cell
    assert value_tex(1e-7) == "10^{-7}" and value_tex(2.5e12) == r"2.5 \cdot 10^{12}"
    long = lemma_tex(LEMMAS[1])
    assert long.count(r"\hbFit{") == 2 and r"\hfill" in long  # broken before the relation
    assert "..." not in long


def test_papers_have_their_citations():
    assert paper_heading("bad-estimations").startswith("Claims of Liu")
    assert "``Why Language Models Hallucinate''" in paper_heading("why-hallucinate")


# ----- the compiled appendix ----------------------------------------------------------------


def _compile(folder: Path) -> str:
    return pdf_text(latexmk(folder))


def test_scanner_finds_leftovers_in_a_pdf(tmp_path: Path):
    require_tex()
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\\begin{document}\n"
        "\\verb|Sum(x**2, (i, 1, n)) <= sqrt(gamma)| and \\verb|Abs(x_{1})|\n"
        "\\end{document}\n",
        encoding="utf-8",
    )
    found = leftovers(_compile(tmp_path))
    assert set(found) >= {"sqrt", "gamma as a word", "Sum(", "**", "<=", "_{", "Abs("}


@pytest.mark.slow
@pytest.mark.tex
def test_compiled_appendix_has_no_program_leftovers(tmp_path: Path):
    from hallbound.paper_tex.claims_tex import claim_titles
    from hallbound.paper_tex.document import TexOptions, generate
    from hallbound.proofs_checks.engine.claim import PAPERS

    require_tex()
    out = tmp_path / "appendix"
    generate(out, TexOptions(sections=("claims",)))
    text = _compile(out)
    assert leftovers(text) == [], [
        text[max(0, m.start() - 80) : m.end() + 80]
        for p in LEFTOVERS.values() for m in [p.search(text)] if m
    ]
    for key, cite in PAPERS.items():  # a section per paper, titled with its citation
        author = cite.split(",")[0]
        assert f"Claims of {author}" in text, key
    assert "Liu et al. (2025)" in text and "Kalai et al. (2025)" in text  # the title
    assert text.count("Claim verdict:") >= len(claim_titles(()))
    log = (out / "main.log").read_text(errors="replace")
    assert [ln for ln in log.splitlines() if ln.startswith("Overfull")] == []
    pages = subprocess.run(["pdfinfo", str(out / "main.pdf")], check=True, capture_output=True,
                           text=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) > 10


@pytest.mark.parametrize(
    ("name", "latex"),
    [
        ("at N = 1e4", "at $N = 10^{4}$"),
        ("(sqrt2 + 4.42 = 5.834)", r"$(\sqrt{2} + 4.42 = 5.834)$"),
        ("1 + sqrt 2 = 2.41421", r"$1 + \sqrt{2} = 2.41421$"),
        ("U4 (convolution)", "U4 (convolution)"),
        ("Corollary 3 at gamma' = 4 gamma/5", r"Corollary $3$ at $\gamma' = 4 \gamma/5$"),
        ("shown on N in [2, 1000000]", r"shown on $N \in [2, 10^{6}]$"),
    ],
)
def test_step_names_are_text_with_numbers_as_numbers(name: str, latex: str):
    from hallbound.paper_tex.claims_tex import step_name_tex

    assert step_name_tex(name) == latex
