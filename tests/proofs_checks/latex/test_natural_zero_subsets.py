r"""Several variables of sets that hold 0 for some authors (:mod:`.models.natural_zero`): every
choice of them at 0 is checked (pairs too), up to ``MAX_ALL_SUBSETS`` of them; past that the
step is not checked at 0 and keeps no PROVED, CERTIFIED or SUPPORTED verdict."""

from __future__ import annotations

from hallbound.proofs_checks.latex.models.natural_zero import MAX_ALL_SUBSETS, _subsets
from hallbound.proofs_checks.latex.verify import verify_tex

STRONG = ("PROVED", "CERTIFIED")


def _one(rel: str, names: str) -> object:
    assume = ", ".join(f"{v} \\in \\mathbb{{N}}" for v in names)
    text = f"% hb: assume {assume}\n\\begin{{align*}}\n{rel}\n\\end{{align*}}\n"
    (s,) = [s for ch in verify_tex(text, trials=60).environments for s in ch.steps]
    return s


def test_four_variables_false_with_two_of_them_at_zero_are_not_proved() -> None:
    s = _one(r"a c + b d + a d + b c + c d &\ge c + d", "abcd")  # a = b = 0, c = d = 1
    assert s.verdict == "UNDECIDED" and "a = 0, b = 0" in s.detail
    s = _one(r"a + b + 2^{-c-d} &\ge 1", "abcd")  # a = b = 0
    assert s.verdict == "UNDECIDED"


def test_four_variables_true_at_every_zero_stay_proved() -> None:
    assert _one(r"a b + c d &\ge 0", "abcd").verdict in STRONG


def test_five_variables_are_too_many_to_check_at_zero() -> None:
    s = _one(r"a + b + c + d + m^2 &\ge 0", "abcdm")
    assert s.verdict == "UNDECIDED" and "too many" in s.detail
    assert _one(r"a + b + c + d + m^2 &\ge 0", "abcd").verdict in STRONG  # m real: 4 checked


def test_every_subset_up_to_the_limit_is_tried() -> None:
    assert MAX_ALL_SUBSETS >= 4
    assert len(_subsets(list("abcd"))) == 15
