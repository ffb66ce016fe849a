r"""Regression tests for the reading holes a soundness review found in ``verify`` (issues 19
and 21): each false PROVED is no longer PROVED, each false alarm is no longer REFUTED, and a
control of the same shape keeps its right verdict.

* H4: ``\mathbf{x}``, ``\boldsymbol{x}``, ``\bm{x}``, ``\vec{x}`` are names of their own;
* H7: ``1\,000`` is one number; other numbers side by side are refused, never multiplied;
* H9: ``^\top``, ``^\intercal``, ``^T`` on an undeclared name and ``^\prime`` are refused;
* H11: a free ``i`` (maybe the imaginary unit) blocks a proof as it blocks a refutation;
* H8: ``assume`` items are split at ``\quad`` / ``\text{ and }``; another remark is an error;
* H5: a symbol named in a stated relation is constrained (its ``Var`` is not free);
* H6: an empty domain or box is one error, and no step is REFUTED outside it;
* H2: stated relations that no point meets (``\sin x \ge 2``) prove nothing.
"""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks.engine.claim import Param
from hallbound.proofs_checks.latex.consistency import find_point, holds_exactly
from hallbound.proofs_checks.latex.hypotheses import Domain
from hallbound.proofs_checks.latex.verify import verify_tex

PROOF = ("PROVED", "CERTIFIED")


def _run(text: str) -> tuple[list, list[str]]:
    """The steps of ``text`` and its error messages."""
    rep = verify_tex(text, trials=120)
    steps = [s for c in rep.environments for s in c.steps]
    return steps, [e.message for e in rep.errors]


def _align(row: str, pre: str = "") -> str:
    return pre + "\\begin{align} " + row + " \\end{align}"


def _verdicts(text: str) -> list[str]:
    return [s.verdict for s in _run(text)[0]]


# -- H4: bold and arrow letters ---------------------------------------------------------------


@pytest.mark.parametrize("cmd", ["mathbf", "boldsymbol", "bm", "vec"])
def test_a_bold_or_arrow_letter_is_not_the_plain_letter(cmd: str) -> None:
    (verdict,) = _verdicts(_align(f"\\{cmd}{{x}} &= x"))
    assert verdict not in PROOF


def test_an_expectation_of_a_bold_letter_is_another_expectation() -> None:
    (verdict,) = _verdicts(_align(r"\mathbb{E}[\mathbf{X}] &= \mathbb{E}[X]"))
    assert verdict not in PROOF


def test_bold_letters_keep_their_algebra_and_declared_vectors() -> None:
    assert _verdicts(_align(r"\mathbf{x} + x &= x + \mathbf{x}")) == ["PROVED"]
    assert _verdicts(_align(r"\mathbf{x}^2 &\ge 0")) == ["PROVED"]
    # the bold form of a declared vector is that vector
    pre = "% hb: assume x \\in \\mathbb{R}^{2}\n"
    assert _verdicts(_align(r"\mathbf{x}^\top \mathbf{x} &= x^\top x", pre)) == ["PROVED"]


# -- H7: digit groups --------------------------------------------------------------------------


def test_a_thin_space_joins_groups_of_three_digits() -> None:
    assert _verdicts(_align(r"1\,000 &= 0")) == ["REFUTED"]  # was PROVED: 1 * 000 = 0
    assert _verdicts(_align(r"1\,000 &> 999")) == ["PROVED"]  # was REFUTED
    assert _verdicts(_align(r"12\,345\,678 &= 12345678")) == ["PROVED"]


@pytest.mark.parametrize("row", [r"2 5 &= 10", r"2\!5 &= 10", r"1\,00 &= 0", r"\sqrt 2 3 &= 0"])
def test_numbers_side_by_side_are_refused_not_multiplied(row: str) -> None:
    steps, errors = _run(_align(row))
    assert all(s.verdict not in PROOF for s in steps)
    assert any("two numbers side by side" in e for e in errors)


def test_scripts_and_fractions_of_single_digits_still_read() -> None:
    assert _verdicts(_align(r"\frac 1 2 &= 0.5")) == ["PROVED"]
    assert _verdicts(_align(r"x^2 3 &= 3 x^2")) == ["PROVED"]


# -- H9: transposes and primes -----------------------------------------------------------------


@pytest.mark.parametrize(
    "row",
    [
        r"A^\top B &= B A^\top",
        r"(A B)^\top &= A^\top B^\top",
        r"A^\intercal B &= B A",
        r"x^\top y &= y x^\top",
        r"A^T B &= B A^T",
        r"x^\prime &= x",
    ],
)
def test_a_transpose_or_prime_of_an_undeclared_name_proves_nothing(row: str) -> None:
    steps, errors = _run(_align(row))
    assert all(s.verdict not in PROOF for s in steps)
    assert any("transpose" in e or "prime" in e for e in errors)


def test_a_prime_is_no_false_alarm() -> None:
    steps, _ = _run(_align(r"y^\prime &\ge y + 1"))
    assert all(s.verdict != "REFUTED" for s in steps)


def test_declared_transposes_and_declared_powers_still_read() -> None:
    pre = "% hb: assume x \\in \\mathbb{R}^{2}, y \\in \\mathbb{R}^{2}\n"
    assert _verdicts(_align(r"x^\top y &= y^\top x", pre)) == ["PROVED"]
    assert _verdicts(_align(r"x^{T} x^{T} &= x^{2T}", "% hb: variable T\n")) == ["PROVED"]
    assert _verdicts(_align(r"(1 - p)^T &= (1 - p)^T")) == ["PROVED"]  # a bracket's power


# -- H11: a free i -----------------------------------------------------------------------------


def test_a_free_i_blocks_a_proof() -> None:
    (step,) = _run(_align(r"i^2 &\ge 0"))[0]
    assert step.verdict == "UNDECIDED" and "imaginary unit" in step.detail


def test_a_declared_i_or_one_that_cancels_keeps_its_proof() -> None:
    assert _verdicts(_align(r"i^2 &\ge 0", "% hb: variable i\n")) == ["PROVED"]
    assert _verdicts(_align(r"i^2 &= i \cdot i")) == ["PROVED"]


# -- H8: remarks in assume items ---------------------------------------------------------------


@pytest.mark.parametrize(
    "assume",
    [
        r"x \ge 0 \text{ and } x \le 1",
        r"x \ge 0 \quad x \le 1",
        r"x \ge 0 \text{, } x \le 1",
        r"x \le 1 \quad \text{and} \quad x \ge 0",
        r"x \ge 0 \text{ a.s.}, x \le 1 \text{ almost surely}",  # a final qualifier
        r"x \ge 0, x \le 1",  # the control: commas were read before
    ],
)
def test_an_assumption_joined_by_a_remark_is_read_whole(assume: str) -> None:
    pre = f"% hb: assume {assume}\n"
    assert _verdicts(_align(r"x^2 &\le x", pre)) == ["PROVED"]  # was REFUTED at x = 2
    (false,) = _run(_align(r"x^2 &\ge x", pre))[0]
    assert false.verdict == "REFUTED" and 0 <= false.witness["x"] <= 1


def test_an_assumption_with_an_unread_remark_is_an_error_not_a_cut() -> None:
    steps, errors = _run(_align(r"x^2 &\le x", "% hb: assume x \\le 1 \\text{ for } x \\ge 0\n"))
    assert [s.verdict for s in steps] != ["REFUTED"]
    assert any("\\text{ for }" in e and "not read" in e for e in errors)


# -- H5: a symbol in a stated relation ---------------------------------------------------------


@pytest.mark.parametrize("assume", [r"X^2 \le 1", r"|X| \le 1"])
def test_a_variance_of_a_related_symbol_is_not_free(assume: str) -> None:
    pre = f"% hb: assume {assume}\n"
    assert _verdicts(_align(r"\operatorname{Var}[X] &\le 1", pre)) != ["REFUTED"]


@pytest.mark.parametrize("pre", ["", "% hb: assume Y^2 \\le 1\n"])
def test_a_variance_of_a_free_symbol_is_still_refuted(pre: str) -> None:
    assert _verdicts(_align(r"\operatorname{Var}[X] &\le 1", pre)) == ["REFUTED"]


# -- H6: empty domains and boxes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "pre",
    [
        "% hb: assume n \\in \\mathbb{Z}\n% hb: box n \\in [0.2, 0.8]\n",
        "% hb: box n \\in [0.2, 0.8]\n% hb: assume n \\in \\mathbb{Z}\n",
        "% hb: assume n \\in \\mathbb{Z}, n \\in (0.2, 0.8)\n",
        "% hb: assume n \\in (1, 1)\n",
        "% hb: assume n > 1\n% hb: box n \\in [0, 1]\n",
    ],
)
def test_an_empty_domain_is_one_error_and_refutes_nothing(pre: str) -> None:
    steps, errors = _run(_align(r"n &\ge 100", pre))
    assert [s.verdict for s in steps] == ["UNDECIDED"]
    assert len(errors) == 1 and ("empty" in errors[0] or "no value of n" in errors[0])


def test_a_box_with_an_integer_inside_still_refutes() -> None:
    pre = "% hb: assume n \\in \\mathbb{Z}\n% hb: box n \\in [0.2, 1.8]\n"
    (step,) = _run(_align(r"n &\ge 100", pre))[0]
    assert step.verdict == "REFUTED" and step.witness["n"] == 1


@pytest.mark.parametrize(
    ("domain", "empty"),
    [
        (Domain(lo=0.2, hi=0.8, integer=True), True),
        (Domain(lo=1, hi=2, lo_open=True, hi_open=True, integer=True), True),
        (Domain(lo=1, hi=2, lo_open=True, integer=True), False),
        (Domain(lo=1, hi=1, hi_open=True), True),
        (Domain(lo=1, hi=1), False),
        (Domain(lo=5, hi=1), True),
        (Domain(lo=5), False),
    ],
)
def test_domain_emptiness(domain: Domain, empty: bool) -> None:
    assert domain.is_empty() is empty


# -- H2: stated relations that no point meets --------------------------------------------------


@pytest.mark.parametrize(
    ("assume", "row"),
    [
        (r"\sin(x) \ge 2", r"\sin(x) &\ge 2 \\ &> 1"),
        (r"1 \le x \le 10, \ln x \le -50", r"x &\le \frac{1}{2}"),
        (r"e^{x} < 0", r"x^2 + 1 &\le 0"),
        (r"e^{\Pr[A]} \ge 3", r"\Pr[A] &\ge 1"),
    ],
)
def test_relations_no_point_meets_prove_nothing(assume: str, row: str) -> None:
    steps, errors = _run(_align(row, f"% hb: assume {assume}\n"))
    assert steps and all(s.verdict == "UNDECIDED" for s in steps)
    assert any("no point meets them all" in e for e in errors)


def test_relations_a_point_meets_still_prove() -> None:
    steps, errors = _run(_align(r"\sin(x) &\ge \frac{1}{2} \\ &> 0",
                                "% hb: assume \\sin(x) \\ge \\frac{1}{2}\n"))
    assert [s.verdict for s in steps] == ["PROVED", "PROVED"]
    assert not errors


def test_find_point_needs_an_exact_point_in_the_domains() -> None:
    x, y = sp.symbols("x y", real=True)
    params = {x: Param("x", x, lo=0.0, hi=1.0), y: Param("y", y, lo=0.0, hi=1.0)}
    point = find_point([(x, "<=", y), (y, "<=", x)], params)
    assert point is not None and point[x] == point[y] and 0 <= point[x] <= 1
    assert find_point([(sp.exp(x), "<", sp.Integer(0))], {}) is None  # e^x is tiny, not < 0
    assert find_point([(x, ">", sp.Integer(1))], params) is None  # outside x's domain
    assert holds_exactly(x - 1, "<", {x: 1.0}) is False
