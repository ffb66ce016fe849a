r"""Labelled samples ``\{(x^{(i)}, y^{(i)})\}`` in the finite learning model
(:mod:`.models.learning_labels`): with the stated ranges ``y, h(x) \in \{-1, 1\}`` the
classification steps of a Rademacher bound are SUPPORTED; a planted error is never
SUPPORTED (a note with the breaking instance, no refutation); without the stated ranges the
model stays out."""

from __future__ import annotations

from fractions import Fraction

from hallbound.proofs_checks.latex.models.learning.learning_labels import label_facts, strip_pair
from hallbound.proofs_checks.latex.models.learning.learning_models import Evaluator, Instance
from hallbound.proofs_checks.latex.models.learning.learning_terms import read_side
from hallbound.proofs_checks.latex.verify import verify_tex

E = r"\mathbb{E}_{\{(x^{(i)}, y^{(i)})\}, \sigma_i}"
RANGES = r"y, h(x) \in \{-1,1\}"
YH = rf"\frac{{1}}{{2}} {E}\left[\sup_{{h \in \mathcal H}} \frac{{1}}{{n}}\sum^n_{{i=1}} " \
    r"-h(x^{(i)})y^{(i)}\sigma_i \right]"
H = rf"\frac{{1}}{{2}} {E}\left[\sup_{{h \in \mathcal H}} \frac{{1}}{{n}}\sum^n_{{i=1}} " \
    r"h(x^{(i)})\sigma_i \right]"


def _steps(body: str, *assume: str) -> list:
    text = "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=30).environments for s in c.steps]


def test_a_labelled_pair_is_the_sample() -> None:
    assert strip_pair(r"\{ ( x ^ { ( i ) } , y ^ { ( i ) } ) \} , \sigma _ i") == (
        "S,\\sigma_i", True)
    assert strip_pair("S, \\sigma")[1] is False


def test_labels_and_inputs_evaluate_exactly() -> None:
    # one input, points (x1, -1) and (x1, +1) with weights 1/4, 3/4; h = (1,); n = 1:
    # E_z[h(x_1) y_1] = -1/4 + 3/4 = 1/2
    inst = Instance((Fraction(1, 4), Fraction(3, 4)), ((Fraction(1),),), 1, "{-1, 1}",
                    xs=(0, 0), labels=(-1, 1))
    scope: dict = {}
    node = read_side("E_\\{ ( x ^ { ( i ) } , y ^ { ( i ) } ) \\}[sup_{h \\in \\mathcal H}("
                     "sum_{i=1}^{n}(h(x^()[i])*y^()[i])/n)]", scope)
    assert Evaluator(inst).value(node, {}) == Fraction(1, 2)


def test_the_ranges_must_both_be_stated() -> None:
    class Fact:
        def __init__(self, subject: str, function: str | None) -> None:
            self.subject, self.function, self.text = subject, function, subject
            self.values = (Fraction(-1), Fraction(1))

    assert label_facts([Fact("h(x)", "h"), Fact("y", None)], {"h"}) == {"h(x)", "y"}
    assert label_facts([Fact("h(x)", "h")], {"h"}) is None


def test_a_label_times_a_sign_has_the_law_of_a_sign() -> None:
    (s,) = _steps(f"{YH} &= {H}", RANGES)
    assert s.verdict == "SUPPORTED" and "labelled instances" in s.detail
    assert "one input only at n > 3" in s.detail  # rev7: the sampled inputs are named


def test_a_wrong_factor_is_not_supported() -> None:
    (s,) = _steps(f"{YH} &= 2 {H}", RANGES)
    assert s.verdict != "SUPPORTED" and s.verdict != "REFUTED"
    assert any("labelled sample" in n for n in s.notes)


def test_without_the_stated_ranges_the_model_stays_out() -> None:
    (s,) = _steps(f"{YH} &= {H}")
    assert s.method != "finite learning model"
    assert any("without the stated ranges" in n for n in s.notes)


# -- the zero-one loss l_{0-1}((x^{(i)}, y^{(i)}), h) = 1[h(x^{(i)}) != y^{(i)}] -------------

LOSS = rf"{E}\left[\sup_{{h \in \mathcal H}} \frac{{1}}{{n}}\sum^n_{{i=1}} " \
    r"\ell_{0-1}((x^{(i)}, y^{(i)}),h)\sigma_i \right]"


def _signed(sign: str) -> str:
    return rf"{E}\left[\sup_{{h \in \mathcal H}} \frac{{1}}{{n}}\sum^n_{{i=1}} " \
        rf"\left(\frac{{{sign}h(x^{{(i)}})y^{{(i)}}+1}}{{2}}\right)\sigma_i \right]"


def test_zero_one_loss_evaluates_exactly() -> None:
    # one input, points (x1, -1) and (x1, +1) with weights 1/4, 3/4; h = (1,); n = 1:
    # E_z[1[h(x_1) != y_1]] = P(y = -1) = 1/4, by hand
    inst = Instance((Fraction(1, 4), Fraction(3, 4)), ((Fraction(1),),), 1, "{-1, 1}",
                    xs=(0, 0), labels=(-1, 1))
    scope: dict = {}
    node = read_side(r"E_\{ ( x ^ { ( i ) } , y ^ { ( i ) } ) \}[sup_{h \in \mathcal H}("
                     r"sum_{i=1}^{n}(ell_{0-1}(( x ^ { ( i ) } , y ^ { ( i ) } ), h)))]", scope)
    assert Evaluator(inst).value(node, {}) == Fraction(1, 4)


def test_zero_one_loss_as_half_one_minus_margin_is_supported() -> None:
    (step,) = _steps(LOSS + " = " + _signed("-"), RANGES)
    assert step.verdict == "SUPPORTED", step.detail


def test_zero_one_loss_with_its_half_dropped_is_not_supported() -> None:
    # (the sign of the margin may flip: -y sigma has the law of sigma, both are true)
    dropped = _signed("-").replace(r"\frac{-h(x^{(i)})y^{(i)}+1}{2}", r"(-h(x^{(i)})y^{(i)}+1)")
    assert dropped != _signed("-")
    (step,) = _steps(LOSS + " = " + dropped, RANGES)
    assert step.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED"), step.detail


def test_zero_one_loss_without_the_stated_ranges_or_another_loss_stays_out() -> None:
    (bare,) = _steps(LOSS + " = " + _signed("-"))
    other = LOSS.replace(r"\ell_{0-1}", r"\ell_{sq}")
    (sq,) = _steps(other + " = " + _signed("-"), RANGES)
    for step in (bare, sq):
        assert "finite learning model" not in step.method, step.detail
