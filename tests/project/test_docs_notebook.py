"""Docs and notebook (issue 23, item 4): the README says how long the suite takes and how to
open the tour, cites nothing outside the repository; notebook texts keep their subscripts; a
user's claim is labelled as the user's; verify's witnesses carry the digits that show the
violation."""

from __future__ import annotations

import re
from pathlib import Path

import sympy as sp

ROOT = Path(__file__).resolve().parents[2]


def test_readme_states_suite_time_and_notebook_extra():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"suite takes (about )?\d+(-\d+)? minutes on a\s+2-core machine", readme)
    assert "pip install -e '.[notebook]'" in readme
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^notebook = \["jupyterlab>=4"\]$', pyproject, flags=re.M)
    tour = (ROOT / "notebooks" / "tour.ipynb").read_text(encoding="utf-8")
    assert ".[notebook]" in tour


def test_docs_cite_no_file_outside_the_repository():
    docs = [ROOT / "README.md", ROOT / "ARCHITECTURE.md", *ROOT.glob("examples/**/*.md")]
    for path in docs:
        assert "shared/" not in path.read_text(encoding="utf-8"), path


def test_notebook_justifications_keep_subscripts():
    from hallbound.notebook import derivation_html, derivation_latex
    from hallbound.symbolic.losses import make_loss, symbolic_mixture

    der = make_loss("bregman").derive(symbolic_mixture("normal", 2))
    latex = derivation_latex(der)
    assert "H_{\\phi}\\text{ is the Hessian of }\\phi" in latex
    assert "H phi" not in latex and "differentiate }\\in" not in latex
    assert "\\(H_{\\phi}\\) is the Hessian" in derivation_html(der)


def _user_result():
    from hallbound.proofs_checks import Claim, Param, Step, check_claim

    x = sp.Symbol("x", positive=True)
    claim = Claim("mine", "x + 1/x >= 2", [Param("x", x, lo=0, lo_open=True)],
                  [Step("s1", x + 1 / x, ">=", 2, "AM-GM")])
    return check_claim(claim)


def test_a_users_claim_is_labelled_as_the_users():
    from hallbound.notebook import claim_result_html
    from hallbound.proofs_checks.engine.report import render_claim

    result = _user_result()
    assert "mine  [your claim]" in render_claim(result)
    page = claim_result_html(result)
    assert "mine [your claim]" in page and "[paper]" not in page


def test_verify_witness_shows_the_violation():
    from hallbound.proofs_checks.latex.report import _num, render
    from hallbound.proofs_checks.latex.verify import verify_tex

    source = "% hb: assume x > 0\n\\begin{equation}\nx \\ge 2.000001\n\\end{equation}\n"
    text = render(verify_tex(source, trials=50))
    assert "REFUTED" in text and "rhs=2.000001" in text  # 6 digits printed "rhs=2"
    assert (_num(2.0), _num(0.25), _num(2.0000001)) == ("2", "0.25", "2.0000001")
