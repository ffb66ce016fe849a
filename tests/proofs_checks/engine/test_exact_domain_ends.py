r"""A closed irrational domain end (:math:`\pi/4`, :math:`\sqrt{2}`, :math:`e`) is tried
exactly by the falsification search
(:func:`hallbound.proofs_checks.engine.boundary_points.closed_ends`): a strict step false only
there is REFUTED (both sides exactly equal), the open-ended or non-strict twin is not."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, check_claim
from hallbound.proofs_checks.engine.boundary_points import boundary_values, closed_ends

x = sp.Symbol("x", real=True)


def _verdict(param: Param, lhs, rel, rhs) -> str:
    claim = Claim("c", "c", [param], [Step("s", lhs, rel, rhs, "j")])
    return check_claim(claim, seed=1).steps[0].verdict.value


CASES = [
    (dict(lo=0, hi=sp.pi / 4), sp.tan(x), "<", 1),
    (dict(lo=sp.sqrt(2), hi=3), x**2, ">", 2),
    (dict(lo=sp.E, hi=5), sp.log(x), ">", 1),
    (dict(lo=0, hi=sp.pi / 6), sp.sin(x), "<", sp.Rational(1, 2)),
    (dict(lo=sp.Rational(1, 3), hi=1), 3 * x, ">", 1),
]


@pytest.mark.parametrize(("dom", "lhs", "rel", "rhs"), CASES)
def test_a_step_false_only_at_a_closed_end_is_refuted(dom, lhs, rel, rhs):
    assert _verdict(Param("x", x, **dom), lhs, rel, rhs) == "REFUTED"


@pytest.mark.parametrize(("dom", "lhs", "rel", "rhs"), CASES)
def test_the_non_strict_twin_is_not_refuted(dom, lhs, rel, rhs):
    twin = {"<": "<=", ">": ">="}[rel]
    assert _verdict(Param("x", x, **dom), lhs, twin, rhs) != "REFUTED"


@pytest.mark.parametrize(("dom", "lhs", "rel", "rhs"), CASES[:4])
def test_the_open_ended_twin_is_not_refuted(dom, lhs, rel, rhs):
    opened = {"hi_open": True} if rel == "<" else {"lo_open": True}
    assert _verdict(Param("x", x, **dom, **opened), lhs, rel, rhs) != "REFUTED"


def test_a_planted_wrong_constant_is_still_refuted():
    assert _verdict(Param("x", x, lo=0, hi=sp.pi / 4), sp.tan(x), "<", sp.Rational(9, 10)) \
        == "REFUTED"


def test_closed_ends_and_stated_irrational_bounds():
    got = closed_ends([Param("x", x, lo=sp.sqrt(2), hi=3, hi_open=True)])
    assert got == {"x": [sp.sqrt(2)]}
    p = Param("x", x, lo=0, hi=0.7853981633974484)
    assert boundary_values([(x, "<=", sp.pi / 4)], [p]) == {"x": [sp.pi / 4]}
    assert boundary_values([(x, "<", sp.pi / 4)], [p]) == {}  # not in the domain: no end
