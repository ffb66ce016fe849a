"""A law whose sides have no real value on some cases: those cases are skipped (as the
falsification search skips such points), never a crash, and never a SUPPORTED or PROVED
resting on no evaluated case."""

from __future__ import annotations

import math
from fractions import Fraction

from hallbound.proofs_checks import Claim, LawCheck, Step, Verdict, check_claim


def _check(ev, rel: str = "<=", lo: int = -3) -> object:
    law = LawCheck(lambda rng: Fraction(int(rng.integers(lo, 4))), ev, lambda c: {"t": c},
                   trials=120, cases=[Fraction(-1), Fraction(0), Fraction(2)])
    step = Step("s", "log t", rel, "t - 1", "log t <= t - 1", kind="probability", law=law)
    return check_claim(Claim("t", "test", [], [step]), trials=40).steps[0]


def _log_sides(t: Fraction) -> tuple[float, Fraction]:
    if t <= 0:
        raise ValueError("log of a non-positive number")
    return math.log(t), t - 1


def test_undefined_cases_are_skipped_and_counted() -> None:
    res = _check(_log_sides)  # log t <= t - 1 holds wherever log t is real
    assert res.verdict is Verdict.SUPPORTED
    assert 20 <= res.trials < 123  # the cases t <= 0 were not counted as evaluated
    assert "skipped" in res.detail


def test_a_counterexample_among_undefined_cases_is_found() -> None:
    res = _check(_log_sides, ">=")  # false at t = 2: log 2 < 1
    assert res.verdict is Verdict.REFUTED


def test_no_evaluable_case_is_undecided_not_supported() -> None:
    def never(t: Fraction) -> tuple[float, float]:
        raise ZeroDivisionError("no real value")

    res = _check(never)
    assert res.verdict is Verdict.UNDECIDED
    assert "no case of the law" in res.detail


def test_a_few_evaluated_cases_among_many_skipped_are_not_support() -> None:
    """Only t = 3 gives log(t - 2) a real value among t in {-30..3}: a handful of evaluated
    cases is too few to call log(t - 2) <= 0 supported."""
    def sides(t: Fraction) -> tuple[float, int]:
        if t <= 2:
            raise ValueError("log of a non-positive number")
        return math.log(t - 2), 0

    res = _check(sides, "<=", lo=-30)
    assert res.verdict is Verdict.UNDECIDED
    assert res.trials < 20
