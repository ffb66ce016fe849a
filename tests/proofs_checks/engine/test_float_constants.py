"""Floats in a user's claim are read as the shortest decimal that reads back as the same
float: ``0.1`` is 1/10, but ``1.0000000000000002`` (the float after 1) is not 1. SymPy prints
a 53-bit Float with 15 digits, which rounded such constants to a neighbour (a false step
PROVED, a true one REFUTED)."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, check_claim
from hallbound.proofs_checks.engine.claim import shortest_decimal

x = sp.Symbol("x", real=True)


def _verdict(lhs: object, rel: str, rhs: object) -> str:
    claim = Claim("c", "c", [Param("x", x)], [Step("s", lhs, rel, rhs, "j")])
    return check_claim(claim, seed=1).steps[0].verdict.value


@pytest.mark.parametrize("value", [0.1, 1.0000000000000002, 0.30000000000000004, 1e-300,
                                   1e300, 123456.789, -2.5e-17, 0.6931471805599453])
def test_the_decimal_reads_back_as_the_same_float(value: float) -> None:
    exact = shortest_decimal(sp.Float(value))
    assert float(exact) == value
    assert exact == sp.Rational(repr(value))  # Python's shortest round-trip repr


def test_a_subnormal_float_keeps_its_value() -> None:
    assert float(shortest_decimal(sp.Float(2.0**-1074))) == 2.0**-1074


def test_a_float_given_with_few_bits_is_not_its_binary_value() -> None:
    assert shortest_decimal(sp.Float("0.1", 3)) == sp.Rational(1, 10)


@pytest.mark.parametrize("lhs, rhs", [
    (1.0000000000000002, 1),
    (x * 1.000000000000001, x),
    (x**2 + 1 + sp.Float("1e-15"), x**2 + 1),
])
def test_a_constant_off_in_the_sixteenth_digit_is_not_equal(lhs: object, rhs: object) -> None:
    assert _verdict(lhs, "=", rhs) == "REFUTED"


def test_a_true_strict_step_sixteen_digits_deep_is_not_refuted() -> None:
    assert _verdict(x**2 + 1.000000000000001, ">", x**2 + 1) == "PROVED"


def test_decimal_constants_keep_their_decimal_meaning() -> None:
    assert _verdict(0.1 * x, "=", x / 10) == "PROVED"
    assert _verdict(0.5 * x + 0.25 * x, "=", 0.75 * x) == "PROVED"
