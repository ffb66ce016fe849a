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


def _report(tex: str):
    report = verify_tex(tex)
    return [s for env in report.environments for s in env.steps], report.errors


def test_a_let_of_a_letter_also_written_as_an_indexed_family_is_refused() -> None:
    """`let p = 1/2` beside `p_i`: substituting would read the family p_i as (1/2)_i."""
    tex = ("% hb: let p = 1/2\n% hb: assume n \\ge 1\n\\begin{align*}\n"
           "\\sum_{i=1}^{n} p_i &= \\frac{n}{2}\n\\end{align*}\n")
    steps, errors = _report(tex)
    assert [s.verdict for s in steps] == ["UNDECIDED"], [s.detail for s in steps]
    assert any("let: p = 1/2" in e.message and "p_i" in e.message for e in errors), errors


def test_a_let_of_a_letter_also_written_with_a_subscript_is_refused() -> None:
    tex = "% hb: let p = 1/2\n\\begin{align*}\np_1 + p &= 1\n\\end{align*}\n"
    steps, errors = _report(tex)
    assert [s.verdict for s in steps] == ["UNDECIDED"], [s.detail for s in steps]
    assert any("p_1" in e.message and "not used" in e.message for e in errors), errors


def test_a_let_without_subscripted_uses_is_still_substituted() -> None:
    ok = "% hb: let p = 1/2\n\\begin{align*}\np + p &= 1\n\\end{align*}\n"
    planted = "% hb: let p = 1/2\n\\begin{align*}\np + p &= 2\n\\end{align*}\n"
    assert _verdicts(ok) == ["PROVED"]
    assert _verdicts(planted) == ["REFUTED"]


def test_a_let_whose_value_is_a_sum_of_the_family_is_read_in_place_not_refused() -> None:
    """`let X = \\sum_i X_i` names the sum of the family: read in place, kept."""
    tex = ("% hb: let X = \\sum_{i=1}^{3} X_i\n\\begin{align*}\n"
           "X &= X_1 + X_2 + X_3\n\\end{align*}\n")
    steps, errors = _report(tex)
    assert not any("subscript" in e.message for e in errors), errors
    assert [s.verdict for s in steps] == ["PROVED"], [s.detail for s in steps]
