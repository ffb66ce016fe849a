"""A user's own claim, built through the public API, can never come out stronger than the
computation behind it: the constructions E1-E10 of the soundness audit, each with the answer
it must get (refused, REFUTED, or at most SUPPORTED with the uncovered part named)."""

from __future__ import annotations

import json

import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks import Claim, Param, Step, Verdict, check_claim
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.engine.report import render, to_json
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.proofs_checks.library.randomness import E, random_symbol

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
X10 = Param("x", x, lo=0, hi=10)
ZERO, ONE, TWO = sp.Integer(0), sp.Integer(1), sp.Integer(2)


def test_e1_a_step_on_a_narrower_domain_does_not_prove_the_claim() -> None:
    """x <= 1 shown for x in [0, 1] is not x <= 1 for x in [0, 10]: the rest is searched,
    and the conclusion is false there."""
    step = Step("s", x, "<=", ONE, "narrowed", params=[Param("x", x, lo=0, hi=1)])
    res = check_claim(Claim("E1", "x <= 1", [X10], [step], conclusion=[(x, "<=", ONE)]))
    assert res.steps[0].verdict is Verdict.PROVED
    assert res.steps[0].shown_on == {"x": "x in [0, 1]"}
    assert not res.chain_closed
    assert res.uncovered == {"x": "x in (1, 10]"}
    assert res.verdict is Verdict.REFUTED
    assert 1 < res.uncovered_check.witness["x"] <= 10


def test_e1_narrowing_to_a_true_part_leaves_the_claim_supported_and_names_the_rest() -> None:
    f = x * (20 - x)
    step = Step("s", f, ">=", ZERO, "narrowed", params=[Param("x", x, lo=0, hi=1)])
    res = check_claim(Claim("E1b", "", [X10], [step], conclusion=[(f, ">=", ZERO)]))
    assert res.verdict is Verdict.SUPPORTED
    assert res.uncovered == {"x": "x in (1, 10]"}
    assert res.uncovered_check.trials > 0
    assert "uncovered: x in (1, 10]" in render([res])


def test_a_stated_case_split_that_covers_the_domain_closes() -> None:
    f = x * (20 - x)
    steps = [
        Step("low", f, ">=", ZERO, "case x <= 1", params=[Param("x", x, lo=0, hi=1)]),
        Step("high", f, ">=", ZERO, "case x >= 1", params=[Param("x", x, lo=1, hi=10)]),
    ]
    res = check_claim(Claim("split", "", [X10], steps, conclusion=[(f, ">=", ZERO)]))
    assert res.chain_closed and res.verdict is Verdict.PROVED
    assert "case split" in res.chain


def test_a_case_split_with_a_gap_names_the_gap() -> None:
    f = x * (20 - x)
    steps = [
        Step("low", f, ">=", ZERO, "", params=[Param("x", x, lo=0, hi=1, hi_open=True)]),
        Step("high", f, ">=", ZERO, "", params=[Param("x", x, lo=1, hi=10, lo_open=True)]),
    ]
    res = check_claim(Claim("gap", "", [X10], steps, conclusion=[(f, ">=", ZERO)]))
    assert not res.chain_closed
    assert res.uncovered == {"x": "x in {1}"}
    assert not res.verdict.holds


def test_e2_a_definition_cannot_rebind_a_quantified_symbol() -> None:
    with pytest.raises(InputError, match="definitions"):
        Claim("E2", "x <= 1", [X10], [Step("s", x, "<=", ONE, "")],
              definitions={x: sp.Rational(1, 2)}, conclusion=[(x, "<=", ONE)])


@pytest.mark.parametrize(
    ("assumptions", "lo", "hi"),
    [({"positive": True}, 0, 1), ({"positive": True}, -1, 1), ({"nonnegative": True}, -1, 1),
     ({"integer": True}, 0, 5), ({"negative": True}, None, 0)],
)
def test_e3_symbol_assumptions_stronger_than_the_domain_are_refused(
    assumptions: dict, lo: float | None, hi: float | None
) -> None:
    """Symbol('x', positive=True) with x in [0, 1] would let SymPy prove x(2-x) > 0 (0 at
    x = 0); with x in [-1, 1] it rewrites sqrt(x^2) = x to x = x when the step is built."""
    s = sp.Symbol("x", **assumptions)
    with pytest.raises(InputError, match="^x: x is declared"):
        Param("x", s, lo=lo, hi=hi)


def test_e3_assumptions_the_domain_implies_are_accepted() -> None:
    Param("x", sp.Symbol("x", positive=True), lo=0, lo_open=True)
    Param("x", sp.Symbol("x", nonnegative=True), lo=0, hi=1)
    Param("n", sp.Symbol("n", integer=True, positive=True), kind="integer", lo=1)
    Param("x", sp.Symbol("x", negative=True), hi=0, hi_open=True)


def test_e3_with_an_honest_symbol_the_boundary_point_refutes() -> None:
    step = Step("s", x * (2 - x), ">", ZERO, "")
    res = check_claim(Claim("E3", "", [Param("x", x, lo=0, hi=1)], [step],
                            conclusion=[(x * (2 - x), ">", ZERO)]))
    assert res.steps[0].verdict is Verdict.REFUTED
    assert res.steps[0].witness == {"x": 0}


def test_e4_a_certified_box_narrower_than_the_domain_covers_only_the_box() -> None:
    """exp(x) + sin(x) > 0 is certified on [0, 5]; the claim's x >= 0 goes beyond."""
    h = sp.exp(x) + sp.sin(x)
    step = Step("s", h, ">", ZERO, "on a box", box={"x": (0, 5)})
    res = check_claim(Claim("E4", "", [Param("x", x, lo=0)], [step],
                            conclusion=[(h, ">", ZERO)]))
    assert res.steps[0].verdict is Verdict.CERTIFIED
    assert res.steps[0].shown_on == {"x": "x in [0, 5]"}
    assert res.uncovered == {"x": "x in (5, oo)"}
    assert res.verdict is Verdict.SUPPORTED


def test_e4_a_step_false_beyond_its_box_is_refuted_by_the_wide_search() -> None:
    """x(20 - x) >= 0 holds on [0, 10] but not at x = 50; the search of an unbounded domain
    reaches beyond [0, 10]."""
    f = x * (20 - x)
    step = Step("s", f, ">=", ZERO, "on a box", box={"x": (0, 10)})
    res = check_claim(Claim("E4b", "", [Param("x", x, lo=0)], [step],
                            conclusion=[(f, ">=", ZERO)]))
    assert res.verdict is Verdict.REFUTED
    assert res.steps[0].witness["x"] > 20


def test_e5_a_lemma_hypothesis_is_not_proved_by_a_claim_parameter_of_the_same_name() -> None:
    """Jensen with phi(s) = s^3 needs phi'' = 6u >= 0 for every real u; a claim parameter
    u in [0, 1] must not capture the lemma's bound u (E[X]^3 <= E[X^3] is false for X
    uniform on {-1, 0})."""
    u = sp.Symbol("u", real=True)
    s = sp.Symbol("s", real=True)
    big_x = random_symbol("X")
    inst = lemma("Jensen", phi=sp.Lambda(s, s**3), X=big_x)
    step = Step("s", E(big_x) ** 3, "<=", E(big_x**3), "Jensen", kind="lemma", lemmas=(inst,))
    res = check_claim(Claim("E5", "", [Param("u", u, lo=0, hi=1)], [step],
                            conclusion=[(E(big_x) ** 3, "<=", E(big_x**3))]))
    assert not res.steps[0].verdict.holds
    assert not res.verdict.holds
    assert any("Jensen hypothesis" in a for a in res.steps[0].assumed)


def test_e6_assumptions_are_shown_in_the_report_and_the_json() -> None:
    step = Step("s", x, "<=", y, "premise", premises=[Premise((x, "<=", y), by="hypothesis")])
    claim = Claim("E6", "", [X10, Param("y", y, lo=0, hi=10)], [step],
                  assumptions=[(x, "<=", y)], conclusion=[(x, "<=", y)])
    res = check_claim(claim)
    assert res.assumptions == ["x <= y"]
    assert "assuming: x <= y" in render([res])
    record = json.loads(to_json([res]))["claims"][0]
    assert record["assumptions"] == ["x <= y"]


def test_e7_a_statement_written_as_a_formula_must_be_the_conclusion() -> None:
    xp = sp.Symbol("x", positive=True)
    dom = [Param("x", xp, lo=0, lo_open=True)]
    steps = [Step("s", xp + 1 / xp, ">=", TWO, "AM-GM")]
    with pytest.raises(InputError, match="^statement:"):
        Claim("E7", "x + 1/x >= 3", dom, steps, conclusion=[(xp + 1 / xp, ">=", TWO)])
    with pytest.raises(InputError, match="^statement:"):
        Claim("E7", "x + 1/x >= 3 for all x > 0", dom, steps,
              conclusion=[(xp + 1 / xp, ">=", TWO)])
    ok = Claim("E7", "2 <= x + 1/x", dom, steps, conclusion=[(xp + 1 / xp, ">=", TWO)])
    res = check_claim(ok)
    assert res.verdict is Verdict.PROVED
    assert res.statement == "x + 1/x >= 2"


def test_e7_prose_is_a_comment_and_the_conclusion_is_the_statement() -> None:
    xp = sp.Symbol("x", positive=True)
    claim = Claim("E7", "the AM-GM inequality", [Param("x", xp, lo=0, lo_open=True)],
                  [Step("s", xp + 1 / xp, ">=", TWO, "AM-GM")],
                  conclusion=[(xp + 1 / xp, ">=", TWO)])
    res = check_claim(claim)
    assert res.statement == "x + 1/x >= 2"
    assert res.comment == "the AM-GM inequality"


def test_e9_eliminated_variables_stay_in_their_domain() -> None:
    """x(3 - x) >= 0 for x >= 0 and x <= 3: the premise is eliminated as x = 3 - s0; a
    slack s0 > 3 puts x outside its domain and must not be a witness."""
    step = Step("s", x * (3 - x), ">=", ZERO, "from x <= 3",
                premises=[Premise((x, "<=", 3), by="hypothesis", solve_for=x)])
    claim = Claim("E9", "", [Param("x", x, lo=0)], [step], assumptions=[(x, "<=", 3)])
    res = check_claim(claim)
    assert res.steps[0].verdict is not Verdict.REFUTED


def test_e9_a_real_counterexample_is_reported_in_the_original_variable() -> None:
    """x(2 - x) >= 0 fails for x in (2, 3]: the witness names x, not only the slack."""
    step = Step("s", x * (2 - x), ">=", ZERO, "from x <= 3",
                premises=[Premise((x, "<=", 3), by="hypothesis", solve_for=x)])
    claim = Claim("E9b", "", [Param("x", x, lo=0)], [step], assumptions=[(x, "<=", 3)])
    res = check_claim(claim).steps[0]
    assert res.verdict is Verdict.REFUTED
    assert 2 < res.witness["x"] <= 3


def test_e10_equality_is_a_counterexample_to_a_strict_relation() -> None:
    step = Step("s", x, ">", ONE, "from x >= 1")
    res = check_claim(Claim("E10", "", [Param("x", x, lo=1, hi=2)], [step],
                            conclusion=[(x, ">", ONE)]))
    assert res.verdict is Verdict.REFUTED
    assert res.steps[0].witness == {"x": 1}
    assert res.steps[0].lhs == res.steps[0].rhs == 1


def test_e10_a_strict_relation_near_but_not_at_equality_is_not_refuted() -> None:
    """x + 10^-40 > x holds everywhere: 50-digit closeness is not exact equality."""
    step = Step("s", x + sp.Rational(1, 10**40), ">", x, "tiny gap")
    res = check_claim(Claim("near", "", [Param("x", x, lo=1, hi=2)], [step]))
    assert res.steps[0].verdict is not Verdict.REFUTED


def test_a_narrowed_parameter_that_enters_only_through_a_premise_still_narrows() -> None:
    """y <= 2 shown with y <= x and x in [0, 1] says nothing for x in (1, 10]."""
    step = Step("s", y, "<=", TWO, "from y <= x",
                premises=[Premise((y, "<=", x), by="hypothesis", solve_for=y)],
                params=[Param("x", x, lo=0, hi=1)])
    claim = Claim("via premise", "", [X10, Param("y", y, lo=-10, hi=10)], [step],
                  assumptions=[(y, "<=", x)], conclusion=[(y, "<=", TWO)])
    res = check_claim(claim)
    assert res.steps[0].shown_on == {"x": "x in [0, 1]"}
    assert not res.chain_closed
    assert res.verdict is Verdict.REFUTED  # y = 5 <= x = 6 breaks y <= 2


def test_a_step_citing_a_narrowed_step_inherits_its_part() -> None:
    f = x * (20 - x)
    steps = [
        Step("a", f, ">=", ZERO, "case", params=[Param("x", x, lo=0, hi=1)]),
        Step("b", f + 1, ">", ZERO, "from (a)", cites=("a",)),
    ]
    res = check_claim(Claim("cite", "", [X10], steps, conclusion=[(f + 1, ">", ZERO)]))
    assert res.steps[1].shown_on == {"x": "x in [0, 1]"}
    assert not res.chain_closed


def test_a_box_on_part_of_a_step_variable_is_not_a_certificate_of_the_step() -> None:
    """t is the step's own variable on [0, oo); a certificate on t in [0, 1] is not the
    step for every t."""
    t = sp.Symbol("t", real=True)
    h = sp.exp(t) + sp.sin(t)
    step = Step("s", h, ">", ZERO, "box on t", params=[Param("t", t, lo=0)], box={"t": (0, 1)})
    res = check_claim(Claim("own", "", [], [step]))
    assert res.steps[0].verdict is not Verdict.CERTIFIED


# ----- from the adversarial review: each construction must not say more than its computation


def test_an_integer_redeclaration_of_a_real_parameter_narrows_it() -> None:
    """x(x - 1) >= 0 holds at every integer but not at x = 1/2."""
    f = x * (x - 1)
    step = Step("s", f, ">=", ZERO, "integers", params=[Param("x", x, kind="integer", lo=0,
                                                              hi=10)])
    res = check_claim(Claim("int", "", [X10], [step], conclusion=[(f, ">=", ZERO)]))
    assert not res.chain_closed
    assert res.verdict is Verdict.REFUTED


def test_a_symbol_with_a_parameters_name_must_be_that_parameter() -> None:
    xp = sp.Symbol("x", positive=True)
    e = xp * (xp + 1)
    with pytest.raises(InputError, match="^symbols: x in the claim is not the parameter x"):
        Claim("F1", "", [Param("x", x, lo=-1, hi=1)], [Step("s", e, ">", ZERO, "")],
              conclusion=[(e, ">", ZERO)])
    with pytest.raises(InputError, match="^symbols:"):
        Claim("F4", "", [X10], [Step("s", x, "<=", ONE, "")],
              definitions={sp.Symbol("x"): sp.Rational(1, 2)}, conclusion=[(x, "<=", ONE)])


def test_undeclared_symbols_of_the_conclusion_are_shown_with_their_source() -> None:
    xp = sp.Symbol("x", positive=True)
    e = xp * (xp + 1)
    res = check_claim(Claim("bare", "", [], [Step("s", e, ">", ZERO, "")],
                            conclusion=[(e, ">", ZERO)]))
    assert res.implicit == ["x: positive, nonnegative (no parameter declares it)"]
    assert "other variables: x: positive" in render([res])
    z = sp.Symbol("z", real=True)
    steps = [Step("a", z, "<=", ONE, "", params=[Param("z", z, lo=0, hi=1)]),
             Step("b", z, "<=", ONE, "", params=[Param("z", z, lo=0, hi=sp.Rational(1, 2))])]
    res = check_claim(Claim("two", "", [], steps, conclusion=[(z, "<=", ONE)]))
    assert not res.chain_closed and "different domains" in res.chain


@pytest.mark.parametrize(
    "symbol",
    [sp.IndexedBase("p", positive=True)[sp.Symbol("i", integer=True)],
     sp.Function("f", positive=True)(sp.Symbol("t", real=True))],
)
def test_assumptions_of_indexed_and_function_parameters_are_checked(symbol: sp.Basic) -> None:
    with pytest.raises(InputError, match="is declared positive"):
        Param("p", symbol, lo=0, hi=1)


def test_parameter_names_are_unique() -> None:
    with pytest.raises(InputError, match="^hypotheses: two parameters named 'x'"):
        Claim("dup", "", [X10, Param("x", y, lo=0, hi=1)], [Step("s", x, "<=", y, "")])


def test_a_random_variables_sign_is_stated_by_the_claim() -> None:
    """Markov needs X >= 0: a nonnegative random symbol must be stated in the assumptions,
    and a random variable is not a parameter."""
    a = sp.Symbol("a", real=True)
    big_x = random_symbol("X", nonnegative=True)
    concl = (sp.Integer(1), "<=", ONE)
    step = Step("s", E(big_x), ">=", ZERO, "X >= 0")
    with pytest.raises(InputError, match=r"^assumptions: the random variable X"):
        Claim("M", "", [Param("a", a, lo=0, lo_open=True)], [step], conclusion=[concl])
    ok = Claim("M", "", [Param("a", a, lo=0, lo_open=True)], [step],
               assumptions=[(big_x, ">=", ZERO)], conclusion=[concl])
    assert check_claim(ok).assumptions == ["X >= 0"]
    with pytest.raises(InputError, match="is a random variable, not a parameter"):
        Param("X", random_symbol("X"), lo=0)


def test_a_float_is_the_decimal_it_prints_as() -> None:
    """Float('0.1', 3) is 3277/32768 in binary, which SymPy equates with 1/10 at 3 digits;
    the claim reads it as 1/10, so x <= 1/10 on [0, 3277/32768] is refuted, not proved."""
    top = sp.Rational(3277, 32768)
    step = Step("s", x, "<=", sp.Float("0.1", 3), "")
    res = check_claim(Claim("f", "", [Param("x", x, lo=0, hi=float(top))], [step],
                            conclusion=[(x, "<=", sp.Rational(1, 10))]))
    assert res.verdict is Verdict.REFUTED


def test_a_pole_inside_the_box_is_no_certificate() -> None:
    c = sp.sqrt(2) / 3
    f = 1 / (x - c)
    step = Step("s", f, ">=", -sp.Integer(10) ** 20, "", box={"x": (0, 1)})
    res = check_claim(Claim("pole", "", [Param("x", x, lo=0, hi=1)], [step]))
    assert res.steps[0].verdict is not Verdict.CERTIFIED


@pytest.mark.parametrize(
    ("f", "bound"),
    [(sp.exp(x) * sp.log(1 + sp.exp(-x)), sp.Rational(1, 2)),
     ((1 + 1 / x**10) ** (x**10), TWO)],
)
def test_rounding_is_no_witness(f: sp.Expr, bound: sp.Expr) -> None:
    """Both hold for x >= 1 (exp(x) log(1 + exp(-x)) increases to 1; (1 + 1/u)^u >= 2 for
    u >= 1), but at x in the hundreds of thousands every fixed precision rounds 1 + tiny to 1."""
    res = check_claim(Claim("w", "", [Param("x", x, lo=1)], [Step("s", f, ">=", bound, "")]))
    assert res.steps[0].verdict is not Verdict.REFUTED


def test_the_search_keeps_the_claims_assumptions() -> None:
    """y <= 5 follows from y <= x - 5 and x <= 10; the uncovered part x in (5, 10] is
    searched only where y <= x - 5, and the witness (if any) names every parameter."""
    step = Step("s", y, "<=", sp.Integer(5), "case x <= 5",
                premises=[Premise((y, "<=", x - 5), by="hypothesis", solve_for=y)],
                params=[Param("x", x, lo=0, hi=5)])
    claim = Claim("U1", "", [X10, Param("y", y, lo=-10, hi=10)], [step],
                  assumptions=[(y, "<=", x - 5)], conclusion=[(y, "<=", sp.Integer(5))])
    res = check_claim(claim)
    assert res.verdict is Verdict.SUPPORTED
    assert res.uncovered == {"x": "x in (5, 10]"}


def test_a_statement_with_prose_around_its_formula_is_compared() -> None:
    xp = sp.Symbol("x", positive=True)
    dom = [Param("x", xp, lo=0, lo_open=True)]
    steps = [Step("s", xp + 1 / xp, ">=", TWO, "AM-GM")]
    concl = [(xp + 1 / xp, ">=", TWO)]
    for text in ("For all x > 0, x + 1/x >= 3", "x + 1/x >= 3 (AM-GM)", "x + 1/x >= 3 holds",
                 r"$x + 1/x \geq 3$"):
        with pytest.raises(InputError, match="^statement:"):
            Claim("E7", text, dom, steps, conclusion=concl)
    Claim("E7", "For all x > 0, x + 1/x >= 2 (AM-GM)", dom, steps, conclusion=concl)


@pytest.mark.parametrize("relation", [sp.exp(x) <= 0, sp.exp(x) > 0, False])
def test_a_premise_sympy_already_decided_is_an_input_error_naming_it(relation) -> None:
    """``Premise(sp.exp(x) <= 0)`` reaches the engine as ``False``: the relation is lost, so
    the step names the premise instead of failing later with "not a relation: False"."""
    with pytest.raises(InputError, match=r"premises: step 's': premise 2 \(why\) is the "
                                         r"constant (True|False)"):
        Step("s", x**2, ">=", -1, "", premises=[Premise(x > -5, by="hypothesis"),
                                                Premise(relation, by=None, label="why")])


def test_the_same_premise_as_a_tuple_is_kept_to() -> None:
    """Written as a tuple, ``exp(x) <= 0`` holds nowhere: the search has no point, nothing
    is REFUTED and nothing is PROVED from an unbacked premise."""
    step = Step("s", x**2, ">=", 1, "", premises=[Premise((sp.exp(x), "<=", 0), by=None)])
    res = check_claim(Claim("c", "c", [Param("x", x)], [step], source="user"), seed=1)
    assert res.steps[0].verdict not in (Verdict.PROVED, Verdict.REFUTED)
