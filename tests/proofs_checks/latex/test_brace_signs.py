r"""Sign notes under braces (:mod:`.models.brace_signs`): ``\underbrace{X}_{\geq 0}`` read as
a sign of ``X`` on the author's word; the step follows when the sign rules give its relation,
and it is PROVED only when SymPy shows every note true (ASSUMED otherwise). A
flipped relation, a wrong note, a term that does not cancel, a strict relation after a sum
that may be empty, or a factor with no note is never PROVED by this rule."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.models.brace_signs import split_terms, term_sign
from hallbound.proofs_checks.latex.verify import verify_tex

LAGRANGIAN = (r"f_0(x) + \sum_{ i= 1}^{ m} \underbrace{\lambda_i}_{\geq 0}"
              r" \underbrace{f_i(x)}_{\leq 0}+ \sum_{ i= 1}^{ p} \nu_i \underbrace{h_i(x)}_{=0}")


def _one(rel: str) -> object:
    rep = verify_tex(f"\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_weak_duality_step_follows_from_the_noted_signs_taken_on_trust() -> None:
    """The notes on lambda_i, f_i(x), h_i(x) are the author's word (nothing shows them): the
    step follows from them, so it is ASSUMED, never PROVED, and the detail names each note."""
    s = _one(f"{LAGRANGIAN} \\leq f_0(x)")
    assert s.verdict == "ASSUMED" and s.method == "signs noted under braces"
    assert "not computed" in s.detail and "f_i(x) \\leq 0" in s.detail


def test_a_false_note_on_an_opaque_term_never_proves_a_false_step() -> None:
    """g(x) = x^2 + 1 > 0 says nothing to SymPy; the note g(x) <= 0 is false, and with it the
    step. Taken on trust it gives at most ASSUMED, never PROVED."""
    s = _one(r"f(x) + \underbrace{g(x)}_{\leq 0} \le f(x)")
    assert s.verdict != "PROVED"


@pytest.mark.parametrize("planted", [
    f"{LAGRANGIAN} \\geq f_0(x)",  # flipped inequality
    f"{LAGRANGIAN} < f_0(x)",  # strict, but both sums may be empty or zero
    f"{LAGRANGIAN} \\leq f_1(x)",  # the unnoted term does not cancel
    LAGRANGIAN.replace(r"_{\geq 0}", r"_{\leq 0}") + r" \leq f_0(x)",  # wrong note
    LAGRANGIAN.replace(r"\underbrace{\lambda_i}_{\geq 0}", r"\lambda_i") + r" \leq f_0(x)",
    LAGRANGIAN.replace(r"\underbrace{h_i(x)}_{=0}", r"\underbrace{h_i(x)}_{\geq 0}")
    + r" \leq f_0(x)",  # nu_i of unknown sign times a nonnegative factor
    f"{LAGRANGIAN} = f_0(x)",  # the first sum is only known to be <= 0
])
def test_a_planted_false_step_is_not_proved(planted: str) -> None:
    assert _one(planted).verdict not in ("PROVED", "ASSUMED"), planted


def test_strict_signs_without_a_sum_give_a_strict_relation() -> None:
    s = _one(r"a + \underbrace{b}_{>0} \underbrace{c}_{<0} < a")
    assert s.verdict == "ASSUMED"
    assert _one(r"a + \underbrace{b}_{>0} \underbrace{c}_{<0} > a").verdict != "PROVED"
    assert _one(r"a - \underbrace{b}_{\ge 0} \le a").verdict == "ASSUMED"
    assert _one(r"a - \underbrace{b}_{\ge 0} \ge a").verdict != "PROVED"


def test_a_term_the_rules_cannot_read_is_left_undecided() -> None:
    """A fraction, a power, a coefficient, an infinite sum, a note that is not a sign, or a
    zero times an unbounded factor: the model refuses, the step stays unproved."""
    for side in (r"a + \frac{1}{\underbrace{b}_{=0}}", r"a + \underbrace{b}_{\le 0}^2",
                 r"a + 2\underbrace{b}_{\le 0}",
                 r"a + \sum_{i=1}^{\infty} \underbrace{b_i}_{\le 0}",
                 r"a + \underbrace{b}_{\text{small}}", r"a + \infty \underbrace{b}_{=0}"):
        assert _one(f"{side} \\le a").verdict != "PROVED", side
    assert term_sign(r"\infty \underbrace{b}_{=0}") is None
    assert term_sign(r"\underbrace{b}_{\le 0}^2") is None


def test_terms_split_at_top_level_signs_only() -> None:
    assert split_terms(r"-a + b - \frac{1}{2}(c-d) + e^{-x} - - f") == [
        (-1, "a"), (1, "b"), (-1, r"\frac{1}{2}(c-d)"), (1, "e^{-x}"), (1, "f")]
    assert split_terms(r"a + (b") is None


def test_a_note_shown_false_is_not_trusted() -> None:
    """``-b^2 - 1`` is negative for every real ``b``: a ``\\geq 0`` note on it is not a fact."""
    assert _one(r"a + \underbrace{-b^2 - 1}_{\geq 0} \ge a").verdict != "PROVED"
    assert _one(r"a + \underbrace{b^2 + 1}_{\geq 0} \ge a").verdict == "PROVED"


def test_a_sign_inside_angle_brackets_does_not_split_a_term() -> None:
    assert split_terms(r"\langle a + b, c \rangle - d") == [(1, r"\langle a + b, c \rangle"),
                                                           (-1, "d")]
