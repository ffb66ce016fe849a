"""Jupyter (issue 12): rich reprs of derivations, check results, families and mixtures, and
``notebooks/tour.ipynb`` (outputs stripped in git) executed with nbmake."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from hallbound.paper_tex.printer import tex

ROOT = Path(__file__).resolve().parents[1]
TOUR = ROOT / "notebooks" / "tour.ipynb"


def test_derivation_reprs_show_every_step_and_the_result():
    from hallbound.symbolic.losses import make_loss, symbolic_mixture

    der = make_loss("squared").derive(symbolic_mixture("normal", 2))
    latex = der._repr_latex_()
    assert latex.startswith("$$\\begin{aligned}") and latex.endswith("\\end{aligned}$$")
    assert tex(der.result) in latex
    assert latex.count("\\quad") >= len(der.steps)
    page = der._repr_html_()
    assert page.count("<tr>") == len(der.steps) + 2  # header, steps, result
    assert "&#10003;" in page  # verified steps are marked


def test_mixture_and_family_reprs():
    from hallbound.symbolic.families import Laplace
    from hallbound.symbolic.mixture import LatentMixture

    mixture = LatentMixture([sp.Rational(1, 4), sp.Rational(3, 4)], [Laplace(-2, 1), Laplace(2, 3)])
    latex = mixture._repr_latex_()
    assert "p_{1} = \\frac{1}{4}" in latex and "p_{2} = \\frac{3}{4}" in latex
    assert "\\mu = -2" in latex and "b = 3" in latex
    assert mixture._repr_html_().count("<tr>") == 3
    family = Laplace.symbolic()
    assert tex(family.density()) in family._repr_latex_()
    assert tex(family.sup_density()) in family._repr_html_().replace("&amp;", "&")


def test_check_result_reprs_carry_verdicts_and_evidence():
    from hallbound.proofs_checks import Claim, Param, Step, check_claim

    x = sp.Symbol("x", positive=True)
    claim = Claim(
        "mine",
        "x + 1/x >= 2",
        [Param("x", x, lo=0, lo_open=True)],
        [Step("s1", x + 1 / x, ">=", 2, "AM-GM"), Step("s2", x, ">=", x**2, "false")],
    )
    result = check_claim(claim)
    page = result._repr_html_()
    assert "PROVED" in page and "REFUTED" in page and "#cf222e" in page
    witness = result.steps[1].summary()
    assert witness and witness.split(":")[0] in page
    assert page.count("<tr>") == 3
    cells = page.split("<td style='text-align:left'>")
    assert all(c.split("</td>")[0] for c in cells[1:])  # no empty cell: evidence always
    assert "REFUTED" in result._repr_latex_()
    assert "PROVED" in result.steps[0]._repr_latex_()
    assert "s1" in result.steps[0]._repr_html_()


def test_tour_is_stored_without_outputs():
    notebook = json.loads(TOUR.read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert len(code) >= 6
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None
    text = "".join("".join(c["source"]) for c in code)
    for call in (
        "derive(",
        "optimal_estimate(",
        "hallucination_rate(",
        "check_claim(",
        "run_battery(",
        "family_fragment(",
    ):
        assert call in text


@pytest.mark.slow
def test_tour_runs_with_nbmake(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "--nbmake",
            str(TOUR),
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "1 passed" in proc.stdout
    # nbmake runs a copy: the stored notebook keeps no outputs
    test_tour_is_stored_without_outputs()
