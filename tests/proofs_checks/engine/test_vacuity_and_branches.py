"""Soundness holes of a third review, through the public API (``Claim``, ``Param``, ``Step``,
``check_claim``): stated relations that no point meets but z3 cannot see (exp, log, sin),
premises solved through one branch of a many-valued inverse (tan, LambertW), domains with no
point, a SUPPORTED resting on too few sampled points, and statements written in LaTeX."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks import Claim, Param, Step, check_claim
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.engine.consistency import holds_at, met_at
from hallbound.proofs_checks.engine.premises import as_substitution, chooses_a_branch
from hallbound.proofs_checks.engine.verdicts import Verdict

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
HOLDS = (Verdict.PROVED, Verdict.CERTIFIED, Verdict.SUPPORTED)


def _claim(premise, step, xdom=(0, 10), ydom=(0, 10), solve_for=None) -> Claim:
    prem = Premise(premise, by="hypothesis", solve_for=solve_for)
    return Claim(
        "user claim", "", [Param("x", x, lo=xdom[0], hi=xdom[1]),
                           Param("y", y, lo=ydom[0], hi=ydom[1])],
        [Step("s", *step, "premise", premises=[prem])],
        assumptions=[premise], conclusion=[step], source="corrected",
    )


@pytest.mark.parametrize(("premise", "step", "xdom"), [
    ((x, ">=", sp.exp(y) + 20), (x, ">=", sp.Integer(20)), (0, 10)),  # x <= 10 < 21
    ((sp.log(x), "<=", sp.Integer(-50)), (x, "<=", sp.Rational(1, 2)), (1, 10)),  # log x >= 0
    ((sp.sin(x), ">=", sp.Integer(2)), (sp.sin(x), ">=", sp.Integer(2)), (0, 10)),
])
def test_stated_relations_no_point_meets_earn_nothing(premise, step, xdom) -> None:
    res = check_claim(_claim(premise, step, xdom=xdom))
    assert res.steps[0].verdict not in HOLDS
    assert res.verdict not in HOLDS
    assert "no point of the domains" in res.steps[0].detail


@pytest.mark.parametrize(("premise", "step"), [
    ((x, ">=", sp.exp(y) + 2), (x, ">=", sp.Integer(2))),
    ((sp.sin(x), ">=", sp.Rational(1, 2)), (x, ">=", sp.Integer(0))),
    ((x, "=", sp.exp(y)), (x, ">", sp.Integer(0))),  # an equality: solved, then sampled
])
def test_stated_relations_met_somewhere_keep_their_proof(premise, step) -> None:
    res = check_claim(_claim(premise, step, ydom=(0, 2)))
    assert res.steps[0].verdict is Verdict.PROVED


def test_the_point_found_meets_every_relation() -> None:
    params = [Param("x", x, lo=0, hi=10), Param("y", y, lo=0, hi=2)]
    rels = [(x, "=", sp.exp(y)), (y, ">=", sp.Integer(1))]
    point = met_at(params, rels)
    assert point is not None and float(point["y"]) >= 1
    assert abs(float(point["x"]) - float(sp.exp(point["y"]))) < 1e-12
    assert not holds_at(params, [(x, ">", sp.Integer(10))], {"x": 10, "y": 0})


@pytest.mark.parametrize(("premise", "step", "xdom", "ydom"), [
    # tan(x) = y has x = atan(y) + k pi: x <= 2 fails at x = pi + 1/2
    (sp.Eq(sp.tan(x), y), (x, "<=", sp.Integer(2)), (-10, 10), (-100, 100)),
    # x e^x = y: LambertW(y) is the principal branch; x = -2 is on the other
    (sp.Eq(x * sp.exp(x), y), (x, ">=", sp.Integer(-1)), (-10, 10), (-1, 1)),
])
def test_a_premise_solved_through_one_branch_proves_nothing(premise, step, xdom, ydom) -> None:
    res = check_claim(_claim(premise, step, xdom=xdom, ydom=ydom, solve_for=x))
    assert res.steps[0].verdict not in HOLDS


def test_branch_choosing_solutions_are_recognised() -> None:
    assert chooses_a_branch(sp.tan(x) - y, x, sp.atan(y))
    assert chooses_a_branch(x * sp.exp(x) - y, x, sp.LambertW(y))
    assert chooses_a_branch(sp.Abs(x) - y, x, y)
    assert chooses_a_branch(x ** sp.Rational(2, 3) - y, x, y ** sp.Rational(3, 2))
    assert not chooses_a_branch(2 * x - y, x, y / 2)
    assert not chooses_a_branch(sp.exp(x) - y, x, sp.log(y))
    # the substitution itself is refused, and a one-to-one one is kept
    assert as_substitution((sp.tan(x), "=", y), solve_for=x) is None
    assert as_substitution((sp.exp(x), "=", y), solve_for=x) == ({x: sp.log(y)}, [])


def test_supported_needs_enough_sampled_points() -> None:
    # an equality premise kept as a fact: sampling almost never meets it
    res = check_claim(_claim(sp.Eq(sp.tan(x), y), (x, "<=", sp.Integer(2)),
                             xdom=(-10, 10), ydom=(-100, 100), solve_for=x))
    step = res.steps[0]
    assert step.verdict is not Verdict.SUPPORTED
    if step.verdict is Verdict.UNDECIDED and step.method == "falsification search":
        assert "sampled point(s) meet the premises" in step.detail


@pytest.mark.parametrize(("kw", "why"), [
    (dict(kind="integer", lo=0.2, hi=0.8), "no integer"),
    (dict(kind="integer", lo=1, hi=2, lo_open=True, hi_open=True), "no integer"),
    (dict(lo=1, hi=1, lo_open=True), "has no point"),
    (dict(lo=5, hi=1), "lo=5 > hi=1"),
])
def test_an_empty_domain_is_refused(kw, why) -> None:
    with pytest.raises(InputError, match=why):
        Param("n", sp.Symbol("n", real=True), **kw)


def test_a_one_point_domain_is_accepted() -> None:
    assert Param("n", sp.Symbol("n", real=True), kind="integer", lo=1, hi=1).contains(1)


@pytest.mark.parametrize("text", [
    r"x + \frac{1}{x} \ge 3",          # LaTeX without dollars
    "x + x^-1 >= 3",                    # ^ for a power
    "For all x > 0: x + 1/(x) >= 3",   # a formula with brackets in prose
])
def test_a_statement_that_writes_another_relation_is_refused(text: str) -> None:
    step = (x + 1 / x, ">=", sp.Integer(2))
    with pytest.raises(InputError, match="statement"):
        Claim("AM-GM", text, [Param("x", x, lo=0, lo_open=True)],
              [Step("s", *step, "algebra")], conclusion=[step], source="corrected")


@pytest.mark.parametrize("text", [
    "x + 1/x >= 2 (AM-GM)", "For all x > 0: x + 1/(x) >= 2", "x + x^-1 >= 2",
    "the arithmetic-geometric mean inequality",
])
def test_a_statement_that_is_the_conclusion_or_words_is_kept(text: str) -> None:
    step = (x + 1 / x, ">=", sp.Integer(2))
    claim = Claim("AM-GM", text, [Param("x", x, lo=0, lo_open=True)],
                  [Step("s", *step, "algebra")], conclusion=[step], source="corrected")
    assert check_claim(claim).verdict is Verdict.PROVED


def test_an_integer_domain_with_fractional_ends_is_searched_inside() -> None:
    n = sp.Symbol("n", integer=True)
    step = (n, ">=", sp.Integer(2))
    claim = Claim("ints", "", [Param("n", n, kind="integer", lo=0.2, hi=1.8)],
                  [Step("s", *step, "algebra")], conclusion=[step], source="corrected")
    (res,) = check_claim(claim).steps
    assert res.verdict is Verdict.REFUTED and res.witness == {"n": 1}
