"""The engine rules the family lemmas need (issue 22, the refined Theorem 6.1 bounds): a
finite union written out for z3, and a lemma hypothesis the claim states up to the names of
its quantified indices (alpha-equivalence: anything else is not the stated hypothesis)."""

from __future__ import annotations

import dataclasses

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param
from hallbound.proofs_checks.engine.event_logic import event_implies
from hallbound.proofs_checks.engine.stated_relations import stated_hypothesis
from hallbound.proofs_checks.library.lemma_library import AnyOf, Hypothesis, lemma
from hallbound.proofs_checks.library.randomness import random_symbol

X = random_symbol("X")
K = sp.Symbol("k", integer=True)
R = sp.IndexedBase("r", real=True)


def test_a_finite_union_is_written_out_for_z3() -> None:
    union = AnyOf(sp.Le(X, R[K]), (K, 1, 2))  # X <= r_1 or X <= r_2
    facts = [(R[1], "<=", 0), (R[2], "<=", 1)]
    assert event_implies(union, sp.Le(X, 1), facts)
    assert event_implies(union, sp.Le(X, 0), facts) is None  # X = 1/2 <= r_2 = 1
    assert event_implies(sp.Gt(X, 1), sp.Not(union), facts)
    empty = AnyOf(sp.Le(X, R[K]), (K, 1, 0))
    assert event_implies(empty, sp.Le(X, -5))  # the empty union implies anything
    n = sp.Symbol("n", integer=True, positive=True)
    assert event_implies(AnyOf(sp.Le(X, R[K]), (K, 1, n)), sp.Le(X, 1), facts) is None


def _claim(assumptions: list) -> Claim:
    n = sp.Symbol("N", integer=True, positive=True)
    return Claim("family rules", "a test claim", [Param("N", n, kind="integer", lo=1)], [],
                 assumptions=assumptions)


def _instance_hypotheses() -> tuple:
    n = sp.Symbol("N", integer=True, positive=True)
    x, d, i = sp.IndexedBase(random_symbol("x")), sp.IndexedBase("D"), sp.Symbol("i", integer=True)
    return lemma("Independence product (family)", X=x, A=sp.Lambda(i, d[K, i]), n=n).hypotheses


def _renamed(h: Hypothesis, name: str) -> Hypothesis:
    ren = {v: sp.Symbol(name, integer=True) for v, _, _ in h.over}
    return h.map(lambda e: sp.sympify(e).xreplace(ren))


def test_a_stated_hypothesis_backs_the_instance_whatever_its_index_is_called() -> None:
    indep, meas = _instance_hypotheses()
    claim = _claim([_renamed(indep, "j"), _renamed(meas, "q")])
    assert stated_hypothesis(claim, indep) and stated_hypothesis(claim, meas)
    assert not stated_hypothesis(_claim([_renamed(indep, "j")]), meas)


def test_a_hypothesis_that_differs_in_range_scope_or_body_is_not_stated() -> None:
    _, meas = _instance_hypotheses()
    (v, lo, hi), = meas.over
    shorter = dataclasses.replace(meas, over=((v, lo + 1, hi),))
    other_scope = dataclasses.replace(meas, scope="deterministic")
    other_row = meas.map(lambda e: sp.sympify(e).xreplace({K: K + 1}))
    for wrong in (shorter, other_scope, other_row):
        assert not stated_hypothesis(_claim([_renamed(wrong, "j")]), meas)
    # an index bound to another index is no renaming: D[k, i] stated as D[i, i]
    diagonal = meas.map(lambda e: sp.sympify(e).xreplace({K: v}))
    assert not stated_hypothesis(_claim([diagonal]), meas)


def _repeated_variable_claim(inst, extra: tuple = ()) -> Claim:  # noqa: ANN001 - a LemmaInstance
    from hallbound.proofs_checks.engine.claim import Step
    from hallbound.proofs_checks.library.lemma_library import Independent

    lhs, rel, rhs = inst.conclusion
    w = random_symbol("W")
    stated = [Independent((X, w)), *[h for h in inst.hypotheses if h.rel == "measurable"]]
    return Claim("repeated", "Pr[X>=1] = Pr[X>=1]^2", [],
                 [Step("S1", lhs, rel, rhs, "product rule", kind="probability", lemmas=(inst,))],
                 assumptions=[*stated, *extra], conclusion=[(lhs, rel, rhs)])


def test_a_repeated_variable_is_not_an_independent_family() -> None:
    """Pr[X >= 1 and X >= 1] is Pr[X >= 1], not its square (X a fair bit: 1/2 vs 1/4): the
    lemma refuses X = (X, X), and an instance that repeats a variable (built by hand) is not
    backed by a declared Independent(X, W), nor by stating its own false hypothesis."""
    import pytest

    from hallbound.errors import InputError
    from hallbound.proofs_checks.engine.checker import check_claim
    from hallbound.proofs_checks.engine.verdicts import Verdict

    ev = sp.Ge(X, 1)
    with pytest.raises(InputError, match="distinct"):
        lemma("Independence product (family)", X=(X, X), A=(ev, ev))
    w = random_symbol("W")
    good = lemma("Independence product (family)", X=(X, w), A=(ev, ev))
    hyps = tuple(dataclasses.replace(h, lhs=sp.Tuple(X, X)) if h.rel == "independent" else
                 dataclasses.replace(h, rhs=sp.Tuple(X)) for h in good.hypotheses)
    bad = dataclasses.replace(good, hypotheses=hyps)
    indep = next(h for h in hyps if h.rel == "independent")
    for extra in ((), (indep,)):
        res = check_claim(_repeated_variable_claim(bad, extra))
        assert res.steps[0].verdict is not Verdict.PROVED
        assert any("repeats" in a for a in res.steps[0].assumed)
    # control: the same claim with the distinct family (X, W) and A_2 = {W >= 1} is PROVED
    control = lemma("Independence product (family)", X=(X, w), A=(ev, sp.Ge(w, 1)))
    assert check_claim(_repeated_variable_claim(control)).steps[0].verdict is Verdict.PROVED


def test_a_stated_measurability_outside_the_event_variables_is_not_backed() -> None:
    """"X >= 1 measurable in (W,)" is false by its form (X is not among W), stated or not."""
    from hallbound.proofs_checks.engine.stated_relations import _false_by_form

    w = random_symbol("W")
    assert _false_by_form(Hypothesis(sp.Ge(X, 1), "measurable", sp.Tuple(w), "pointwise"))
    assert not _false_by_form(Hypothesis(sp.Ge(X, 1), "measurable", sp.Tuple(X), "pointwise"))
    assert _false_by_form(Hypothesis(sp.Tuple(X, X), "independent", sp.true, "pointwise"))
    assert not _false_by_form(Hypothesis(sp.Tuple(X, w), "independent", sp.true, "pointwise"))


def test_a_sum_of_event_probabilities_over_a_symbolic_range_is_compared_without_a_crash() -> None:
    """SymPy's telescoping solve inside ``simplify`` differentiates ``Pr(~AnyOf(...))`` through
    its event and crashed (the two-point enumeration's E2c with a factor N dropped): the
    probabilities are compared as opaque terms, so unequal sums are not proved, equal ones are."""
    from hallbound.proofs_checks.engine.prover import opaque_operators, prove_equal
    from hallbound.proofs_checks.library.randomness import Pr

    i, n, d, c = (sp.Symbol(s, integer=True, positive=True) for s in ("i", "N", "d", "c"))
    s = sp.IndexedBase("S")

    def cells(hi: sp.Expr) -> sp.Sum:
        return sp.Sum(Pr(sp.Not(AnyOf(sp.Not(s[K, i]), (i, 1, hi)))), (K, 1, c))

    assert prove_equal(cells(n * d), cells(d)) is None
    assert prove_equal(cells(n * d) + cells(d), sp.Sum(cells(n * d).function
                                                         + cells(d).function, (K, 1, c)))
    term = Pr(sp.Ge(X, R[K]))
    opaque = opaque_operators(2 * term - term + Pr(sp.Ge(X, 1)))
    assert not opaque.has(Pr) and len(opaque.atoms(sp.core.function.AppliedUndef)) == 2


def test_an_independence_stated_over_other_variables_is_not_the_hypothesis() -> None:
    """The scope of an ``independent`` hypothesis (the variables said independent) is compared
    too, up to the renaming of the quantified index: same relation sides, other scope -> no."""
    from hallbound.proofs_checks.library.lemma_library import Independent

    indep, _ = _instance_hypotheses()
    renamed = _renamed(indep, "j")
    (j, _, _), = renamed.over
    y = sp.IndexedBase(random_symbol("y"))
    other = dataclasses.replace(renamed, scope=Independent((y[j],)))
    assert stated_hypothesis(_claim([renamed]), indep)
    assert not stated_hypothesis(_claim([other]), indep)


def test_a_hypothesis_backed_by_the_claims_statement_is_named_so_in_the_detail() -> None:
    """rev6 R2: a lemma hypothesis backed only because the claim states it is a premise, not a
    computation: the step's detail says so, naming it; a computed backing adds no such note."""
    from hallbound.proofs_checks.engine.checker import check_claim
    from hallbound.proofs_checks.engine.verdicts import Verdict

    w = random_symbol("W")
    inst = lemma("Independence product (family)", X=(X, w), A=(sp.Ge(X, 1), sp.Ge(w, 1)))
    res = check_claim(_repeated_variable_claim(inst)).steps[0]
    assert res.verdict is Verdict.PROVED
    assert "stated by the claim, taken as given (not computed)" in res.detail
    assert "X >= 1 measurable (X,)" in res.detail and "W >= 1 measurable (W,)" in res.detail
    assert "independent(" not in res.detail  # declared independence: no stated hypothesis
