"""``hallbound tex``: printer, macros, determinism, atomic output, CLI (no TeX engine needed)."""

from __future__ import annotations

import hashlib
import math
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import scipy.stats
import sympy as sp

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.paper_tex import document
from hallbound.paper_tex.document import MANIFEST, TexOptions, generate
from hallbound.paper_tex.figures import example_mixture, interval_bounds
from hallbound.paper_tex.formulas_tex import slug
from hallbound.paper_tex.macros import macro_names, macros_tex
from hallbound.paper_tex.printer import escape_text, symbol_latex, tex

pytestmark = pytest.mark.xdist_group("all_claims")  # every claim checked once a worker: conftest


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative posix path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tex") / "out"
    generate(out)
    return out


# ----- printer ------------------------------------------------------------------------------
def test_symbol_names_follow_the_paper() -> None:
    mu, sigma, delta = sp.symbols("mu sigma delta", positive=True)
    big = sp.Symbol("Sigma_12")
    assert tex(mu, state_index="i", indexed={mu}) == r"\mu_{i}"
    assert tex(big, state_index="i", indexed={big}) == r"\Sigma_{i,12}"
    assert tex(big) == r"\Sigma_{12}"
    assert tex(delta, state_index="i", indexed={mu}) == r"\delta"
    assert symbol_latex("lambda_max") == r"\lambda_{\max}"
    assert symbol_latex("p_i") == r"p_{i}"
    assert symbol_latex("d_a") == "d_a"
    assert tex(sp.log(delta)) == r"\ln{\left(\delta \right)}"
    assert tex(sigma**2, state_index="j", indexed={sigma}) == r"\sigma_{j}^{2}"


def test_escape_text_escapes_every_special_character() -> None:
    assert escape_text("a_b & 50% #1 $x$ {y}") == r"a\_b \& 50\% \#1 \$x\$ \{y\}"
    assert escape_text("|x| <= 2^k ~") == (
        r"\textbar{}x\textbar{} \textless{}= 2\textasciicircum{}k \textasciitilde{}"
    )
    assert slug("Theorem 5.1 (as stated)") == "theorem-5-1-as-stated"


# ----- macros -------------------------------------------------------------------------------
def test_every_macro_is_namespaced_and_defined_once() -> None:
    text = macros_tex()
    names = macro_names()
    assert all(n.startswith("hb") for n in names)
    assert len(names) == len(set(names))
    for name in names:
        assert f"\\{name}" in text or f"{{{name}}}" in text
    # Fragments never define a macro without the prefix.
    for line in text.splitlines():
        if line.startswith("\\newcommand") or line.startswith("\\providecommand"):
            assert line.split("{", 2)[1].startswith("\\hb")


# ----- the generated tree -------------------------------------------------------------------
def test_tree_has_main_macros_and_manifest(generated: Path) -> None:
    files = tree(generated)
    assert {"main.tex", "macros.tex", MANIFEST, "figures/mixture.pdf"} <= set(files)
    for line in files[MANIFEST].decode().splitlines():
        digest, path = line.split("  ", 1)
        assert hashlib.sha256(files[path]).hexdigest() == digest
    assert set(files) == {MANIFEST} | {
        ln.split("  ", 1)[1] for ln in files[MANIFEST].decode().splitlines()
    }


def test_main_inputs_every_fragment_and_fragments_have_no_preamble(generated: Path) -> None:
    files = tree(generated)
    main_text = files["main.tex"].decode()
    fragments = [p for p in files if p.endswith(".tex") and p not in ("main.tex", "macros.tex")]
    assert fragments
    for path in fragments:
        assert f"\\input{{\\hbDir {path[:-4]}}}" in main_text, path
        text = files[path].decode()
        for forbidden in ("\\documentclass", "\\usepackage", "\\begin{document}"):
            assert forbidden not in text, (path, forbidden)


#: A quick subset of claims for the second, cross-process run.
SUBSET = ("Lemma B.1", "Theorem 5.1", "Theorem 5.1 (corrected)", "Lemma B.2")


def test_two_runs_give_identical_trees(generated: Path, tmp_path: Path) -> None:
    # The same claims generated here and in a fresh process (other hash seed, through the
    # CLI) give byte-identical trees; the full tree shares every non-claim file with both.
    here = tmp_path / "here"
    generate(here, TexOptions(claims=SUBSET))
    again = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    cmd = [sys.executable, "-m", "hallbound", "tex", "--out", str(again), *SUBSET]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert tree(again) == tree(here)
    assert sorted(proc.stdout.split()) == sorted(str(again / p) for p in tree(here))
    full = tree(generated)
    for path, data in tree(here).items():
        if path.startswith(("formulas/", "tables/", "figures/")) or path == "macros.tex":
            assert full[path] == data, path
    assert {p for p in tree(here) if p.startswith("claims/")} == {
        "claims/summary.tex",
        "claims/lemma-b-1.tex",
        "claims/lemma-b-2.tex",
        "claims/lemma-b-2-corrected.tex",  # selected with Lemma B.2, as `check` does
        "claims/theorem-5-1.tex",
        "claims/theorem-5-1-corrected.tex",
    }


def test_pdf_figures_carry_no_date(generated: Path) -> None:
    for path, data in tree(generated).items():
        if path.endswith(".pdf"):
            assert b"/CreationDate" not in data and b"/ModDate" not in data, path


def test_figure_regions_are_the_normal_level_sets() -> None:
    # U_i^delta = {f_i > delta}: at the ends f_i = delta (scipy), inside f_i > delta.
    mixture = example_mixture()
    delta = 0.05
    for state in mixture.states:
        ((a, b),) = interval_bounds(state.level_set(sp.Rational(1, 20)))
        law = scipy.stats.norm(loc=float(state.mean_vector()[0]), scale=1.0)
        assert math.isclose(law.pdf(a), delta, rel_tol=1e-12)
        assert math.isclose(law.pdf(b), delta, rel_tol=1e-12)
        assert law.pdf((a + b) / 2) > delta


# ----- atomic output and refusals ------------------------------------------------------------
def test_failure_leaves_the_old_tree_untouched(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    generate(out, TexOptions(sections=("formulas",)))
    before = tree(out)

    def broken(options: TexOptions) -> tuple[dict[str, str | bytes], str]:
        raise RuntimeError("boom")

    monkeypatch.setitem(document.SECTIONS, "figures", broken)
    with pytest.raises(RuntimeError):
        generate(out)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_refuses_to_replace_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "paper.tex").write_text("mine")
    with pytest.raises(InputError, match="--out"):
        generate(tmp_path)
    assert (tmp_path / "paper.tex").read_text() == "mine"


def test_cli_writes_the_tree_and_rejects_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tex", "--out", str(tmp_path / "o"), "--seed", "-1"]) == 2
    assert "--seed" in capsys.readouterr().err
    assert main(["tex", "--out", str(tmp_path / "o"), "No Such Claim 9.9"]) == 2
    assert "CLAIM: no claim named 'No Such Claim 9.9'" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_matrix_ones_and_verbatim_names() -> None:
    d = sp.Symbol("d_a", integer=True, positive=True)
    one = sp.OneMatrix(d, 1)
    sigma = sp.MatrixSymbol("Sigma_i", d, d)
    assert tex(one.T * sigma * one) == r"\mathbf{1}^{\top} \Sigma_{i} \mathbf{1}"
    assert symbol_latex("1^T Sigma_i 1") == r"1^{\top} \Sigma_{i} 1"
    assert symbol_latex("det_Sigma_i") == r"\det \Sigma_{i}"


# ----- claims (duck-typed claims: the fragment format, independent of the registry) ---------
class _Verdict:
    def __init__(self, value: str) -> None:
        self.value = value


class _Result:
    def __init__(self, step: str, verdict: str, evidence: str) -> None:
        self.step, self.verdict, self.method = step, _Verdict(verdict), "sympy"
        self.detail, self._evidence = "", evidence

    def summary(self) -> str:
        return self._evidence


def _claim(source: str = "paper") -> object:
    x = sp.Symbol("delta", positive=True)
    steps = [
        SimpleNamespace(name="B.1", lhs=x**2, rel="<=", rhs=x, justification="x_1 & y", note=""),
        SimpleNamespace(
            name="B.2", lhs="f_i(0)", rel="=", rhs=sp.Integer(0), justification="", note="sic"
        ),
    ]
    return SimpleNamespace(
        name="Lemma Z.9",
        statement="it holds",
        steps=steps,
        source=source,
        corrects="Lemma Z.8" if source != "paper" else None,
        domain_text=lambda: "delta in (0, 1]",
        paper="bad-estimations",
    )


def test_claim_fragment_has_statement_steps_and_verdicts() -> None:
    from hallbound.paper_tex.claims_tex import claim_fragment, claim_title, summary_table

    claim = _claim()
    results = [_Result("B.1", "PROVED", ""), _Result("B.2", "REFUTED", "delta=2: lhs=4 rhs=2")]
    results[1].witness, results[1].lhs, results[1].rhs = {"delta": 2.0}, 2.0, 2.000001
    result = SimpleNamespace(steps=results, verdict=_Verdict("REFUTED"))
    text = claim_fragment(claim, result)
    assert "\\begin{hbclaim}{Lemma Z.9 (as stated): \\hbREFUTED}" in text
    assert "$\\hbFit{\\delta^{2} \\le \\delta}$" in text
    assert "f_{i}(0) = 0" in text
    assert "$x_{1}$ \\& $y$" in text and "\\emph{Note:} sic" in text
    rows = [ln for ln in text.splitlines() if ln.startswith("(B.")]
    assert rows == [  # Method and Evidence in one cell; the witness with the digits it needs
        "(B.1) & \\hbPROVED & SymPy \\\\",
        "(B.2) & \\hbREFUTED & SymPy; counterexample at $\\delta = 2$: "
        "left side $2$, right side $2.000001$ \\\\",
    ]
    assert claim_title(_claim("corrected")) == "Lemma Z.9 (corrected)"
    table = summary_table([claim], [result])
    assert "Lemma Z.9 & as stated & \\hbREFUTED & 1 & 1 \\\\" in table  # empty columns dropped
    assert "SUPPORTED" not in table and "UNDECIDED" not in table


def test_unknown_claim_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from hallbound.paper_tex import claims_tex
    from hallbound.proofs_checks.claims import registry

    monkeypatch.setattr(claims_tex, "registered_claims", lambda: [_claim()])
    monkeypatch.setattr(registry, "all_claims", lambda: (_claim(),))
    assert claims_tex.select_claims(["lemma-z-9"])[0].name == "Lemma Z.9"
    with pytest.raises(InputError, match="CLAIM"):
        claims_tex.select_claims(["Theorem 99"])


def test_verdict_table_says_what_the_checker_says(generated: Path) -> None:
    from hallbound.paper_tex.asciimath import prose_tex
    from hallbound.proofs_checks.claims.registry import all_claims
    from hallbound.proofs_checks.engine.checker import check_claim

    (claim,) = [c for c in all_claims() if c.name == "Theorem 5.1"]
    result = check_claim(claim)
    text = (generated / "claims" / "theorem-5-1.tex").read_text()
    rows = [ln for ln in text.splitlines() if " & \\hb" in ln]
    expected = [f"({prose_tex(s.step)}) & \\hb{s.verdict.value} &" for s in result.steps]
    assert [r[: len(e)] for r, e in zip(rows, expected, strict=True)] == expected
    assert "REFUTED" in {s.verdict.value for s in result.steps}
