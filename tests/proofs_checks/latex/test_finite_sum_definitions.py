r"""Names whose subscript holds a summation index (``N_{t,a}``, ``\mu_{A_s}``) read as function
values, and definitions stated beside a step of finite sums evaluated, not drawn
(models/finite_sum_sides.py): SUPPORTED for the true identities of pull counts and gaps,
never for a planted error, never REFUTED."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

_N = "% hb: assume N_{t,a} = \\sum_{s=0}^{t-1} \\mathbb{I}\\{A_s = a\\}\n"
_GAP = "% hb: assume \\Delta_a = \\mu^* - \\mu_a\n"


def _steps(assume: str, body: str):
    text = assume + "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for env in verify_tex(text).environments for s in env.steps]


def test_a_subscript_with_the_index_is_a_function_value_not_a_refusal() -> None:
    report = verify_tex("\\begin{align*}\n\\sum_{s=0}^{T-1} \\mu_{A_s} = "
                        "\\sum_{s=0}^{T-1} \\mu_{A_s}\n\\end{align*}\n")
    assert not report.errors
    steps = [s for env in report.environments for s in env.steps]
    assert steps[0].verdict != "REFUTED"


@pytest.mark.parametrize(("assume", "body"), [
    (_N, r"\sum_{a \in \mathcal{A}} N_{t,a} f(a) = \sum_{s=0}^{t-1} f(A_s)"),
    (_N, r"\sum_{a \in \mathcal{A}} N_{t,a} f(a) = \sum_{a \in \mathcal{A}} \sum_{s=0}^{t-1}"
         r" \mathbb{I}\{A_s = a\} f(a)"),
    (_N, r"\sum_{a \in \mathcal{A}} N_{t,a} = t"),
    (_GAP, r"\sum_{s=0}^{T-1} \Delta_{A_s} = \sum_{s=0}^{T-1} \mu^* - \sum_{s=0}^{T-1} "
           r"\mu_{A_s}"),
    (_N + _GAP, r"\sum_{a \in \mathcal{A}} N_{T,a} \Delta_a = \sum_{s=0}^{T-1} \Delta_{A_s}"),
])
def test_true_identities_with_stated_definitions_are_supported(assume: str, body: str) -> None:
    step = _steps(assume, body)[0]
    assert step.verdict == "SUPPORTED", step.notes
    assert "by the stated definition" in step.detail


@pytest.mark.parametrize(("assume", "body"), [
    # the count from 1 to t: one pull too many
    (_N, r"\sum_{a \in \mathcal{A}} N_{t,a} f(a) = \sum_{s=1}^{t} f(A_s)"),
    (_N, r"\sum_{a \in \mathcal{A}} N_{t,a} = t + 1"),  # wrong constant
    (_N, r"\sum_{a \in \mathcal{A}} N_{t,a} f(a)^2 \le \sum_{s=0}^{t-1} f(A_s)"),  # square
    (_N, r"\sum_{a \in \mathcal{A}} N_{t,a} < t"),  # flipped: the sum equals t
    # the gap's sign flipped, and a product for a sum
    (_GAP, r"\sum_{s=0}^{T-1} \Delta_{A_s} = \sum_{s=0}^{T-1} \mu_{A_s} - \sum_{s=0}^{T-1} "
           r"\mu^*"),
    (_GAP, r"\sum_{s=0}^{T-1} \Delta_{A_s} = \sum_{s=0}^{T-1} \mu^* \mu_{A_s}"),
])
def test_planted_errors_are_not_supported(assume: str, body: str) -> None:
    step = _steps(assume, body)[0]
    assert step.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED", "REFUTED")


def test_without_its_definition_a_pull_count_is_drawn_and_nothing_is_claimed() -> None:
    # N_{T,a} undefined here: the identity depends on what N is, so no SUPPORTED
    step = _steps(_GAP, r"\sum_{a \in \mathcal{A}} N_{T,a} \Delta_a = "
                        r"\sum_{s=0}^{T-1} \Delta_{A_s}")[0]
    assert step.verdict not in ("SUPPORTED", "PROVED", "REFUTED")


@pytest.mark.parametrize("assume", [
    "% hb: assume N_{t,a} = t^2 \\log(t)\n",  # a definition the reader cannot evaluate
    "% hb: assume N_{t,a} \\le t\n",  # a bound, not a definition
])
def test_a_definition_it_cannot_read_keeps_the_model_out(assume: str) -> None:
    step = _steps(assume, r"\sum_{a \in \mathcal{A}} N_{t,a} f(a) = "
                          r"\sum_{s=0}^{t-1} f(A_s)")[0]
    assert step.verdict not in ("SUPPORTED", "PROVED", "REFUTED")


def test_a_free_name_that_bounds_no_range_is_not_drawn_as_an_integer() -> None:
    # true for every integer x, false at x = 1/2: x must not be written out as 0..4
    step = _steps("", r"\sum_{a \in \mathcal{A}} x \cdot (x - 1) \ge 0")[0]
    assert step.verdict not in ("SUPPORTED", "PROVED", "REFUTED")
    assert any("bounds no sum's range" in n for n in step.notes)
