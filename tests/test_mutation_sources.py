"""A premise that does not follow from the source it names: the checker searches the step
with the source in the premise's place (engine/sources.py). A false step is REFUTED with a
witness that satisfies the source, the domain and the claim's stated relations (checked
here by hand); a step that is true under its source is never REFUTED (it stays ASSUMED).
Each of the three kinds of source has a planted false step and a true one."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks.engine.checker import check_claim, check_step
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.engine.verdicts import Verdict

x, y, m = sp.symbols("x y m", real=True)
PX = Param("x", x, lo=0, hi=2)
PY = Param("y", y, lo=0, hi=10)


def _value(v) -> sp.Basic:
    return sp.Rational(Fraction(v).limit_denominator(10**12)) if not isinstance(v, int) \
        else sp.Integer(v)


# ----- a premise backed by the claim's assumptions -----------------------------------------
def _hypothesis_claim(rhs, premise_rhs) -> Claim:
    """y = x^2 (a stated relation), x in [0, 2]; the step y <= rhs rests on the premise
    y <= premise_rhs, said to follow from the claim's assumptions."""
    step = Step("s1", y, "<=", rhs, "from y = x^2",
                premises=(Premise(sp.Le(y, premise_rhs), by="hypothesis", solve_for=y),))
    return Claim("sources: hypothesis", "y <= bound", [PX, PY], [step],
                 assumptions=[sp.Eq(y, x**2)])


def test_false_step_on_an_unfollowed_hypothesis_premise_is_refuted_with_a_real_witness():
    # y <= 2 "because y <= 2 by the assumptions": false, y = x^2 reaches 4
    claim = _hypothesis_claim(2, 2)
    res = check_step(claim, claim.steps[0])
    assert res.verdict is Verdict.REFUTED
    assert "premise not implied by its source" in res.method
    w = {k: _value(v) for k, v in res.witness.items()}
    assert 0 <= w["x"] <= 2 and 0 <= w["y"] <= 10  # in the domain
    assert w["y"] == w["x"] ** 2  # the claim's assumption holds at the witness
    assert w["y"] > 2  # and the step fails there


def test_true_step_on_an_unfollowed_hypothesis_premise_is_not_refuted():
    # y <= 4 "because y <= 3": the premise does not follow (y reaches 4), the step is true
    claim = _hypothesis_claim(4, 3)
    res = check_step(claim, claim.steps[0])
    assert res.verdict is Verdict.ASSUMED


# ----- a premise backed by an earlier step -------------------------------------------------
PX1 = Param("x", x, lo=0, hi=1)
PY1 = Param("y", y, lo=0, hi=1)
CITED = Step("a", x * y, "<=", x, "y <= 1")


def _cited_claim(rhs, premise_rhs) -> Claim:
    """Step a: x y <= x (proved on [0, 1]^2); step b: x y + 1 <= rhs + 1 resting on the
    premise x y <= premise_rhs, said to follow from step a."""
    step = Step("b", x * y + 1, "<=", rhs + 1, "from (a)",
                premises=(Premise((x * y, "<=", premise_rhs), by="a", solve_for=y),))
    return Claim("sources: cited", "x y <= bound", [PX1, PY1], [CITED, step])


def test_false_step_on_an_unfollowed_cited_premise_is_refuted_with_a_real_witness():
    claim = _cited_claim(x / 2, x / 2)
    res = check_claim(claim, trials=50).steps[1]
    assert res.verdict is Verdict.REFUTED
    assert "(a)" in res.method
    w = {k: _value(v) for k, v in res.witness.items()}
    assert 0 <= w["x"] <= 1 and 0 <= w["y"] <= 1
    assert w["x"] * w["y"] <= w["x"]  # the source (step a) holds at the witness
    assert w["x"] * w["y"] + 1 > w["x"] / 2 + 1  # the step fails there


def test_true_step_on_an_unfollowed_cited_premise_is_not_refuted():
    claim = _cited_claim(x, x / 2)  # x y <= x follows from (a); the premise does not
    res = check_claim(claim, trials=50).steps[1]
    assert res.verdict is Verdict.ASSUMED


# ----- a given entry against the claim's definition ------------------------------------------
def _given_claim(rhs, value) -> Claim:
    """m := x + 1 (the claim's definition), x in [0, 1]; the step m <= rhs is checked with
    the given m := value."""
    step = Step("g", m, "<=", rhs, "m = x + 1", given={m: value})
    return Claim("sources: given", "m <= bound", [PX1], [step], definitions={m: x + 1})


def test_false_step_with_a_given_against_the_definition_is_refuted():
    # the mutant's given m := x + 1/2 makes m <= 3/2 read x <= 1 (true), but m is x + 1
    claim = _given_claim(sp.Rational(3, 2), x + sp.Rational(1, 2))
    res = check_step(claim, claim.steps[0])
    assert res.verdict is Verdict.REFUTED
    assert "definition" in res.method
    w = _value(res.witness["x"])
    assert 0 <= w <= 1 and w + 1 > sp.Rational(3, 2)


def test_true_step_with_a_given_against_the_definition_is_not_refuted():
    claim = _given_claim(sp.Rational(5, 2), x + sp.Rational(1, 2))  # x + 1 <= 5/2 holds
    res = check_step(claim, claim.steps[0])
    assert res.verdict is Verdict.ASSUMED


def test_a_premise_with_no_source_stays_an_assumption():
    # by=None: the premise is the step's own assumption; y <= 2 given y <= 2 is not refuted
    step = Step("s1", y, "<=", 2, "assumed", premises=(Premise(sp.Le(y, 2), solve_for=y),))
    claim = Claim("sources: none", "y <= 2", [PX, PY], [step], assumptions=[sp.Eq(y, x**2)])
    assert check_step(claim, step).verdict is Verdict.ASSUMED
