"""The search keys a point by parameter name: two different symbols with one name would be
drawn equal at every point while the prover keeps them apart.

Through the API a user's parameter ``s0`` met the slack ``s0`` of the first premise solved
(``x = 3 - s0``): the false ``x + s0 <= 3`` (``x <= 3``, ``s0`` in [0, 10]) was SUPPORTED
on 593 points, every one with the two ``s0`` equal. The slack now takes a fresh name, and
the search refuses two symbols under one name. Through ``verify`` one name is one symbol
(``x_1`` and ``x_{1}``, ``\\mu_1`` and ``\\mu_{1}``)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, Verdict
from hallbound.proofs_checks.engine.checker import check_claim
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.engine.falsify import falsify
from hallbound.proofs_checks.latex.verify import verify_tex

x, s0 = sp.symbols("x s0", real=True)


def _slack_claim(rhs: int, by: str | None) -> object:
    step = Step("s", x + s0, "<=", rhs, "t",
                premises=(Premise(sp.Le(x, 3), by=by, solve_for=x),))
    claim = Claim("c", "t", [Param("x", x), Param("s0", s0, lo=0, hi=10)], [step],
                  assumptions=[sp.Le(x, 3)])
    return check_claim(claim, trials=100).steps[0]


@pytest.mark.parametrize("by", ["hypothesis", None])
def test_a_parameter_named_like_a_slack_is_drawn_apart_from_it(by: str | None) -> None:
    res = _slack_claim(3, by)
    assert res.verdict is Verdict.REFUTED
    assert res.witness["x"] + res.witness["s0"] > 3 and res.witness["x"] <= 3
    assert _slack_claim(13, by).verdict is not Verdict.REFUTED  # x <= 3, s0 <= 10: true


def test_the_search_refuses_two_symbols_under_one_name() -> None:
    a, b = sp.Symbol("y", real=True), sp.Symbol("y", positive=True)
    params = [Param("y", a), Param("y", b, lo=0, lo_open=True)]
    with pytest.raises(ValueError, match="named 'y'"):
        falsify(params, lambda pt: (pt["y"], pt["y"]), "=", np.random.default_rng(0))


def _verdict(rel: str) -> str:
    rep = verify_tex(f"\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=40)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s.verdict


def test_verify_reads_one_name_as_one_symbol() -> None:
    assert _verdict("x_1 - x_{1} = 0") == "PROVED"
    assert _verdict("\\mu_{1} - \\mu_1 = 0") == "PROVED"
    assert _verdict("x_1 - x_{2} = 0") not in ("PROVED", "CERTIFIED", "SUPPORTED")
