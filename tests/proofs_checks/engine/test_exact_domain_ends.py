r"""Domain ends that are not floats (1/3, pi, pi/4, 10^{-400}) are kept exactly for the provers
and for confirming a witness; the float ends the search draws within are rounded outward.
Rounded inward, a step false only at the end (``3x < 1`` on ``[0, 1/3]``) was CERTIFIED or
PROVED; rounded the other way, a true step (``\sin x \le 0`` on ``[\pi, 4]``) was REFUTED at a
point outside the domain."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks import Claim, Param, Step, check_claim
from hallbound.proofs_checks.latex.verify import verify_tex

x = sp.Symbol("x", real=True)
STRONG = ("PROVED", "CERTIFIED")


def _api(step: tuple, **domain: object) -> str:
    claim = Claim("c", "c", [Param("x", x, **domain)], [Step("s", *step, "j")])
    return check_claim(claim, seed=1).steps[0].verdict.value


def _tex(assume: str, row: str) -> str:
    text = f"% hb: assume {assume}\n\\begin{{align*}}\n{row}\n\\end{{align*}}\n"
    (chain,) = verify_tex(text, trials=40).environments
    return chain.steps[0].verdict


@pytest.mark.parametrize("assume, row", [
    (r"0 \le x \le \frac{1}{3}", "3x &< 1"),
    (r"x \in [0, \frac{1}{3}]", "3x &< 1"),
    (r"0 \le x \le \frac{\pi}{4}", r"\tan x &< 1"),
    (r"\frac{\pi}{4} \le x \le 1", r"\tan x &> 1"),
])
def test_a_step_false_only_at_an_inexact_end_is_not_proved(assume: str, row: str) -> None:
    assert _tex(assume, row) not in STRONG


@pytest.mark.parametrize("assume, row", [
    (r"\pi \le x \le 4", r"\sin x &\le 0"),
    (r"10^{-400} \le x \le 1", "x &> 0"),
    (r"0 \le x \le \frac{1}{3}", r"3x &\le 1"),
])
def test_a_true_step_on_an_inexact_domain_is_not_refuted(assume: str, row: str) -> None:
    assert _tex(assume, row) != "REFUTED"


@pytest.mark.parametrize("step, domain", [
    ((sp.log(3 * x), ">=", 0), {"lo": sp.Rational(1, 3), "hi": 1}),
    ((sp.sin(x), "<=", 0), {"lo": sp.pi, "hi": 4}),
    ((3 * x, ">=", 1), {"lo": sp.Rational(1, 3)}),
    ((x**3 - x**2 + x, ">", 0), {"lo": 1e-300, "hi": 1}),
])
def test_api_ends_that_are_not_floats_give_no_false_alarm(step: tuple, domain: dict) -> None:
    assert _api(step, **domain) != "REFUTED"


def test_api_a_step_false_at_an_exact_end_is_not_proved() -> None:
    assert _api((3 * x, "<", 1), lo=0, hi=sp.Rational(1, 3)) not in STRONG


def test_the_exact_end_is_kept_and_the_float_contains_it() -> None:
    p = Param("x", x, lo=sp.Rational(1, 3), hi=sp.pi / 4)
    assert p.exact_lo == sp.Rational(1, 3) and p.exact_hi == sp.pi / 4
    assert sp.Rational(p.lo) <= sp.Rational(1, 3) and sp.Rational(p.hi) >= sp.pi / 4
    decimal = Param("x", x, lo=0.1)
    assert decimal.exact_lo == sp.Rational(1, 10)


def test_a_nan_end_is_refused_naming_the_parameter() -> None:
    with pytest.raises(InputError, match="x"):
        Param("x", x, lo=float("nan"))


@pytest.mark.parametrize("new", [{"hi": 2}, {"hi": 2.5}, {"hi": sp.Rational(5, 2)}, {"lo": -1}])
def test_a_replaced_end_is_not_shadowed_by_the_old_exact_end(new: dict) -> None:
    import dataclasses

    p = Param("x", x, lo=0, hi=sp.Rational(1, 3))
    q = dataclasses.replace(p, **new)
    for end, value in new.items():
        assert getattr(q, f"exact_{end}") == sp.nsimplify(value)
