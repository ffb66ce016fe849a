"""A `% hb: let` whose name occurs inside an opaque quantity never backs a REFUTED."""

from hallbound.proofs_checks.latex.let_guard import defined_name
from hallbound.proofs_checks.latex.verify import verify_tex


def _verdicts(tex: str) -> list[str]:
    report = verify_tex(tex)
    return [s.verdict for env in report.environments for s in env.steps]


KL_ZERO = "\\begin{align*}\n\\mathrm{KL}(\\mu, \\nu) &= 0\n\\end{align*}\n"


def test_a_let_inside_an_opaque_quantity_withdraws_the_refutation() -> None:
    """KL(mu, nu) = 0 is false for arbitrary measures, true once nu = mu."""
    assert _verdicts(KL_ZERO) == ["REFUTED"]
    assert _verdicts("% hb: let \\nu = \\mu\n" + KL_ZERO) != ["REFUTED"]


def test_an_unrelated_let_keeps_the_refutation() -> None:
    assert _verdicts("% hb: let c = 2\n" + KL_ZERO) == ["REFUTED"]


def test_the_defined_name_is_the_first_name_of_the_left_side() -> None:
    assert defined_name("\\nu = \\mu") == "nu"
    assert defined_name("f(x) = x^2") == "f"
    assert defined_name("no equation") is None
