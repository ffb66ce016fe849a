"""Each verdict path of the engine: what backs a premise, caps from cited steps, chains.

Every PROVED here has a computation behind it; every planted false step or premise edit must
end below PROVED.
"""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, Verdict, check_claim
from hallbound.proofs_checks.engine.claim import Premise

m, b, s, e = sp.symbols("m b s e", nonnegative=True)
PARAMS = [Param(n, v, lo=0) for n, v in zip("mbse", (m, b, s, e), strict=True)]
HYPS = [sp.Le(b, e), sp.Ge(m, s + e)]
M_PREMISE = sp.Ge(m, s + e)


def _check(steps, assumptions=HYPS, conclusion=()):
    claim = Claim("t", "test", PARAMS, steps, assumptions=assumptions, conclusion=conclusion)
    return check_claim(claim, trials=60)


def _triangle(rhs=s, m_premise=M_PREMISE, by="hypothesis") -> Step:
    return Step(
        "tri",
        m - b,
        ">=",
        rhs,
        "triangle",
        premises=(
            Premise(sp.Le(b, e), by="hypothesis", solve_for=b),
            Premise(m_premise, by=by, solve_for=m),
        ),
    )


def test_premises_backed_by_the_claims_assumptions_prove() -> None:
    res = _check([_triangle()]).steps[0]
    assert res.verdict is Verdict.PROVED
    assert res.assumed == []


def test_without_the_assumption_the_same_step_is_assumed() -> None:
    res = _check([_triangle()], assumptions=[sp.Le(b, e)]).steps[0]
    assert res.verdict is Verdict.ASSUMED
    assert any("m >= e + s" in a or "m >= s + e" in a for a in res.assumed)


def test_a_premise_edited_to_match_a_false_step_is_not_proved() -> None:
    # the planted false step m - b >= s + 1, with its premise edited to m >= s + e + 1:
    # SymPy proves the step from the edited premise, but the claim only assumes m >= s + e
    res = _check([_triangle(rhs=s + 1, m_premise=sp.Ge(m, s + e + 1))]).steps[0]
    assert res.verdict not in (Verdict.PROVED, Verdict.CERTIFIED)


def test_an_unbacked_premise_is_named() -> None:
    res = _check([_triangle(by=None)]).steps[0]
    assert res.verdict is Verdict.ASSUMED
    assert res.assumed and "m" in res.assumed[0]


def test_a_premise_cited_from_an_earlier_step() -> None:
    first = Step("one", m, ">=", s + e, "restates the hypothesis", premises=(
        Premise(sp.Ge(m, s + e), by="hypothesis", solve_for=m),))
    result = _check([first, _triangle(by="one")])
    assert [r.verdict for r in result.steps] == [Verdict.PROVED, Verdict.PROVED]
    assert result.steps[1].cites == ["one"]


def test_citing_a_refuted_step_gives_assumed() -> None:
    bad = Step("bad", m, "<=", s, "false: m may exceed s")
    res = _check([bad, _triangle(by="bad")]).steps
    assert res[0].verdict is Verdict.REFUTED
    assert res[1].verdict is Verdict.ASSUMED
    assert any("REFUTED" in a for a in res[1].assumed)


def test_a_cited_supported_step_caps_the_citing_step() -> None:
    x = sp.Symbol("x", positive=True)
    # SymPy cannot prove this one (it is true: x^x >= exp(-1/e)), so it is SUPPORTED
    hard = Step("hard", x**x, ">=", sp.exp(-sp.exp(-1)), "calculus", params=[
        Param("x", x, lo=0, lo_open=True, search=(0.01, 5))])
    nxt = Step("next", x**x + 1, ">=", sp.exp(-sp.exp(-1)) + 1, "add 1", params=hard.params,
               premises=(Premise(sp.Ge(x**x, sp.exp(-sp.exp(-1))), by="hard"),))
    res = _check([hard, nxt]).steps
    assert res[0].verdict is Verdict.SUPPORTED
    assert res[1].verdict is Verdict.SUPPORTED


def test_text_steps_are_assumed_on_their_justification() -> None:
    res = _check([Step("txt", "A*(X)", "=", "E[A(X)]", "Lemma B.1", kind="definition")]).steps[0]
    assert res.verdict is Verdict.ASSUMED and res.assumed == ["Lemma B.1"]


def test_reparametrisation_covering_the_domain_is_backed() -> None:
    delta = sp.Symbol("delta", positive=True)
    lam = sp.Symbol("lambda", nonnegative=True)
    params = [Param("delta", delta, lo=0, hi=1, lo_open=True), Param("lambda", lam, lo=0)]
    good = Step("good", delta, "<=", 1, "delta = e^-lambda", given={delta: sp.exp(-lam)},
                params=params)
    # e^-lambda / 2 covers only (0, 1/2]: proving the step for every lambda says nothing about
    # delta in (1/2, 1]
    half = Step("half", 2 * delta, "<=", 1, "bogus", given={delta: sp.exp(-lam) / 2},
                params=params)
    res = check_claim(Claim("t", "", params[:1], [good, half]), trials=40).steps
    assert res[0].verdict is Verdict.PROVED
    assert res[1].verdict is Verdict.ASSUMED


def test_chain_closes_through_the_steps() -> None:
    x = sp.Symbol("x", positive=True)
    px = Param("x", x, lo=0, lo_open=True, search=(0.01, 10))
    steps = [
        Step("a", (x + 1) ** 2, "=", x**2 + 2 * x + 1, "expand", params=[px]),
        Step("b", x**2 + 2 * x + 1, ">=", 2 * x + 1, "x^2 >= 0", params=[px]),
        Step("c", 2 * x + 1, ">", 2 * x, "1 > 0", params=[px]),
    ]
    claim = Claim("t", "", [px], steps, conclusion=[((x + 1) ** 2, ">", 2 * x)])
    res = check_claim(claim, trials=40)
    assert res.chain_closed and res.verdict is Verdict.PROVED
    # (x + 1)^2 and x^2 + 2x + 1 are one node (their difference simplifies to 0)
    assert "c -> b" in res.chain
    # the same steps do not give an equality, nor a bound in the other direction
    for concl in [((x + 1) ** 2, "=", 2 * x), ((x + 1) ** 2, "<=", 2 * x)]:
        open_ = check_claim(Claim("t", "", [px], steps, conclusion=[concl]), trials=40)
        assert not open_.chain_closed
        assert open_.verdict is Verdict.UNDECIDED and "chain open" in open_.chain


def test_a_claim_without_a_symbolic_statement_does_not_close() -> None:
    x = sp.Symbol("x", real=True)
    res = check_claim(Claim("t", "text", [Param("x", x)], [Step("a", x, "=", x, "id")]))
    assert res.steps[0].verdict is Verdict.PROVED
    assert not res.chain_closed and res.verdict is Verdict.UNDECIDED


def test_z3_proves_a_polynomial_step_sympy_cannot() -> None:
    x, y = sp.symbols("x y", real=True)
    params = [Param("x", x), Param("y", y)]
    step = Step("poly", x * y + x + y, "<=", x**2 + y**2 + 1, "sum of squares", params=params)
    res = check_claim(Claim("t", "", params, [step]), trials=40).steps[0]
    assert res.verdict is Verdict.PROVED and res.method.startswith("z3")
    # independent check: 2(rhs - lhs) = (x - y)^2 + (x - 1)^2 + (y - 1)^2
    assert sp.expand(2 * (x**2 + y**2 + 1 - x * y - x - y)) == sp.expand(
        (x - y) ** 2 + (x - 1) ** 2 + (y - 1) ** 2
    )


def test_a_disagreement_between_provers_is_an_error(monkeypatch) -> None:
    import pytest

    from hallbound.proofs_checks.engine import checker, proving

    x = sp.Symbol("x", real=True)
    params = [Param("x", x, search=(-3, 3))]
    # a broken SymPy path that "proves" x^2 >= 1: z3 must object instead of a PROVED
    monkeypatch.setattr(proving, "prove_relation", lambda *a, **k: "broken prover")
    monkeypatch.setattr(checker, "falsify", _no_witness)
    step = Step("false", x**2, ">=", 1, "bogus", params=params)
    with pytest.raises(checker.ProverDisagreement):
        check_claim(Claim("t", "", params, [step]), trials=10)


def _no_witness(params, evaluate, rel, rng, **kw):
    from hallbound.proofs_checks.engine.falsify import Falsification

    return Falsification(None, None, None, 0)


def test_an_indexed_premise_gets_one_slack_per_index() -> None:
    # premise: q_i <= b_i for every i. A single slack shared by all i would "prove" that the
    # gaps b_i - q_i are all equal, e.g. sum_{i<=2} (b_i - q_i) = 2 (b_i - q_i): false
    i = sp.Symbol("i", integer=True, positive=True)
    q, bb = sp.IndexedBase("q", real=True), sp.IndexedBase("b", real=True)
    premise = Premise(sp.Le(q[i], bb[i]), by="hypothesis", solve_for=q[i])
    step = Step(
        "gaps", sp.Sum(bb[i] - q[i], (i, 1, 2)), "=", 2 * (bb[i] - q[i]), "bogus",
        premises=(premise,),
    )
    claim = Claim("t", "", [], [step], assumptions=[sp.Le(q[i], bb[i])])
    res = check_claim(claim, trials=20).steps[0]
    assert res.verdict not in (Verdict.PROVED, Verdict.CERTIFIED)


def test_a_cited_step_shown_on_a_smaller_domain_does_not_back_the_premise() -> None:
    x = sp.Symbol("x", real=True)
    small = Param("x", x, lo=0, hi=1)
    big = Param("x", x, lo=0, hi=2)
    first = Step("small", x**2, "<=", x, "x in [0, 1]", params=[small])
    # x^2 <= x does not hold for x in (1, 2]: citing it there must not prove 2 x^2 <= 2 x
    second = Step("big", 2 * x**2, "<=", 2 * x, "from (small)", params=[big],
                  premises=(Premise(sp.Le(x**2, x), by="small"),))
    res = check_claim(Claim("t", "", [], [first, second]), trials=40).steps
    assert res[0].verdict is Verdict.PROVED
    assert res[1].verdict is not Verdict.PROVED


def test_an_equality_source_does_not_give_a_strict_target() -> None:
    from hallbound.proofs_checks.engine.premises import implies

    y = sp.Symbol("y", real=True)
    assert implies((y, "=", 1), (2 * y, ">=", 2)) is not None
    assert implies((y, "=", 1), (2 * y, ">", 2)) is None


def test_a_substitution_that_ties_two_parameters_is_not_a_reparametrisation() -> None:
    # P := Q with Q already in the step would "prove" P = Q for independent P, Q
    big_p, big_q = sp.Symbol("P", nonnegative=True), sp.Symbol("Q", nonnegative=True)
    params = [Param("P", big_p, lo=0, hi=1), Param("Q", big_q, lo=0, hi=1)]
    step = Step("tie", big_p, "=", big_q, "bogus", given={big_p: big_q}, params=params)
    res = check_claim(Claim("t", "", params, [step]), trials=20).steps[0]
    assert res.verdict is Verdict.ASSUMED


def test_an_unsolvable_premise_is_not_an_error() -> None:
    x = sp.Symbol("x", positive=True)
    params = [Param("x", x, lo=0, lo_open=True)]
    premise = Premise(sp.Ge(sp.exp(x) + x, 1), by=None, solve_for=x)  # no closed-form solution
    step = Step("s", x, ">=", 0, "trivially", params=params, premises=(premise,))
    res = check_claim(Claim("t", "", params, [step]), trials=20).steps[0]
    assert res.verdict in (Verdict.PROVED, Verdict.ASSUMED)
