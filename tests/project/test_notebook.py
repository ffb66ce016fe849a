"""Jupyter (issue 12): rich displays of derivations, check results, families and mixtures,
registered as IPython formatters by ``hallbound.notebook`` (issue 20: the model classes carry
no display code), and ``notebooks/tour.ipynb`` (outputs stripped in git) executed with
nbmake."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from hallbound import notebook
from hallbound.paper_tex.printer import tex

ROOT = Path(__file__).resolve().parents[2]
TOUR = ROOT / "notebooks" / "tour.ipynb"


def test_derivation_reprs_show_every_step_and_the_result():
    from hallbound.symbolic.losses import make_loss, symbolic_mixture

    der = make_loss("squared").derive(symbolic_mixture("normal", 2))
    latex = notebook.derivation_latex(der)
    assert latex.startswith("$$\\begin{aligned}") and latex.endswith("\\end{aligned}$$")
    assert tex(der.result) in latex
    assert latex.count("\\quad") >= len(der.steps)
    page = notebook.derivation_html(der)
    assert page.count("<tr>") == len(der.steps) + 2  # header, steps, result
    assert "&#10003;" in page  # verified steps are marked


def test_mixture_and_family_reprs():
    from hallbound.symbolic.families import Laplace
    from hallbound.symbolic.mixture import LatentMixture

    mixture = LatentMixture([sp.Rational(1, 4), sp.Rational(3, 4)], [Laplace(-2, 1), Laplace(2, 3)])
    latex = notebook.mixture_latex(mixture)
    assert "p_{1} = \\frac{1}{4}" in latex and "p_{2} = \\frac{3}{4}" in latex
    assert "\\mu = -2" in latex and "b = 3" in latex
    assert notebook.mixture_html(mixture).count("<tr>") == 3
    family = Laplace.symbolic()
    assert tex(family.density()) in notebook.family_latex(family)
    assert tex(family.sup_density()) in notebook.family_html(family).replace("&amp;", "&")


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
    page = notebook.claim_result_html(result)
    assert "PROVED" in page and "REFUTED" in page and "#cf222e" in page
    witness = result.steps[1].summary()
    assert witness and witness.split(":")[0] in page
    assert page.count("<tr>") == 3
    cells = page.split("<td style='text-align:left'>")
    assert all(c.split("</td>")[0] for c in cells[1:])  # no empty cell: evidence always
    assert "REFUTED" in notebook.claim_result_latex(result)
    assert "PROVED" in notebook.step_result_latex(result.steps[0])
    assert "s1" in notebook.step_result_html(result.steps[0])


def test_register_installs_every_display_on_a_shell():
    """A shell's display formatter (IPython's own) renders each class, subclasses included,
    with this module's functions once :func:`register` ran, and not before."""
    from types import SimpleNamespace

    from IPython.core.formatters import DisplayFormatter

    from hallbound.proofs_checks import Claim, Param, Step, check_claim
    from hallbound.symbolic.families import Laplace
    from hallbound.symbolic.losses import make_loss, symbolic_mixture

    shell = SimpleNamespace(display_formatter=DisplayFormatter())
    der = make_loss("squared").derive(symbolic_mixture("normal", 2))
    family = Laplace.symbolic()
    x = sp.Symbol("x", positive=True)
    result = check_claim(
        Claim("mine", "x >= 0", [Param("x", x, lo=0, lo_open=True)], [Step("s1", x, ">", 0, "")])
    )
    objects = [(der, notebook.derivation_latex, notebook.derivation_html),
               (family, notebook.family_latex, notebook.family_html),
               (result, notebook.claim_result_latex, notebook.claim_result_html),
               (result.steps[0], notebook.step_result_latex, notebook.step_result_html)]
    for obj, _, _ in objects:
        assert "text/latex" not in shell.display_formatter.format(obj)[0]
    assert notebook.register(shell) is True
    for obj, latex, page in objects:
        data = shell.display_formatter.format(obj)[0]
        assert data["text/latex"] == latex(obj) and data["text/html"] == page(obj)


def test_no_shell_registers_nothing():
    assert notebook.register() is False  # outside IPython


def test_model_classes_carry_no_display_code():
    from hallbound.proofs_checks.engine.verdicts import ClaimResult, StepResult
    from hallbound.symbolic.derivation import Derivation
    from hallbound.symbolic.families.base import Family
    from hallbound.symbolic.mixture import LatentMixture

    for cls in (Derivation, Family, LatentMixture, ClaimResult, StepResult):
        assert not hasattr(cls, "_repr_latex_") and not hasattr(cls, "_repr_html_"), cls


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
