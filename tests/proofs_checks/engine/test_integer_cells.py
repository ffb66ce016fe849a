"""A case split over an integer parameter has no cell between two consecutive integers
(issue 22): steps shown for n = 1 and for n >= 2 cover every integer n >= 1."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.engine.checker import check_claim
from hallbound.proofs_checks.engine.claim import Claim, Param, Step

n = sp.Symbol("n", integer=True, positive=True)


def _claim(second_lo: int) -> Claim:
    one = Param("n", n, kind="integer", lo=1, hi=1)
    rest = Param("n", n, kind="integer", lo=second_lo)
    return Claim(
        "Toy integer split", "n^2 >= n", [Param("n", n, kind="integer", lo=1)],
        [Step("n = 1", n**2, ">=", n, "1 >= 1", params=(one,)),
         Step("n >= 2", n**2, ">=", n, "n (n - 1) >= 0", params=(rest,))],
        conclusion=[(n**2, ">=", n)],
    )


def test_two_integer_cases_close_the_chain() -> None:
    res = check_claim(_claim(2))
    assert res.chain_closed, res.chain


def test_a_missing_integer_leaves_the_chain_open() -> None:
    res = check_claim(_claim(3))  # n = 2 is covered by no step
    assert not res.chain_closed, res.chain
