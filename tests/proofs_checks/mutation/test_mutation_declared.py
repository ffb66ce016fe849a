"""Law steps through a claim's declared symbols (hallbound.proofs_checks.mutation.declared).

The toy claim states "mean <= max" for a finite list of numbers in [0, 1], checked by a
hand-written law (a second formula, ``xs -> (mean(xs), max(xs))``). Which mutant is false
is argued next to each one; the witnesses are recomputed here by hand.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.proofs_checks.mutation import declared as D
from hallbound.proofs_checks.mutation import evaluation as EV
from hallbound.proofs_checks.mutation import operators as OP
from hallbound.proofs_checks.mutation import summary as R

m, big_m = sp.Symbol("m", nonnegative=True), sp.Symbol("M", nonnegative=True)
PM, PBIG = Param("m", m, lo=0, hi=1), Param("M", big_m, lo=0, hi=1)
#: [1, 1, 0]: mean 2/3, max 1 (2 * mean = 4/3 > max)
WITNESS = (Fraction(1), Fraction(1), Fraction(0))


def _mean(xs: tuple[Fraction, ...]) -> Fraction:
    return sum(xs, Fraction(0)) / len(xs)


def _law() -> LawCheck:
    def sample(rng: np.random.Generator) -> tuple[Fraction, ...]:
        return tuple(Fraction(int(k), 4) for k in rng.integers(0, 5, size=int(rng.integers(2, 5))))

    def view(xs: tuple[Fraction, ...]) -> dict:
        return {"xs": [str(x) for x in xs]}

    return LawCheck(sample, lambda xs: (_mean(xs), max(xs)), view, trials=60,
                    cases=[WITNESS, (Fraction(0), Fraction(1))], label="finite lists")


RIGHT = {m: _mean, "M": max}
WRONG = {m: max, "M": _mean}  # the two symbols swapped: a guessed, wrong mapping
STEP = Step("mean", m, "<=", big_m, "a mean is at most the maximum", kind="inequality",
            law=_law())


def _claim(table: dict) -> Claim:
    return Claim("toy declared", "mean <= max", [PM, PBIG], [STEP], law_symbols=table)


def _mutant(claim: Claim, **changes) -> OP.Mutant:
    new = dataclasses.replace(STEP, **changes)
    new = D.with_declared_law(claim, STEP, new, OP.DEFAULT_SEED)
    return OP.Mutant(dataclasses.replace(claim, steps=[new]), new, STEP, "hand", str(changes))


def test_law_symbols_must_map_symbols_to_functions():
    with pytest.raises(InputError, match="law_symbols"):
        Claim("bad", "x", [PM], [STEP], law_symbols={m: 3})
    with pytest.raises(InputError, match="law_symbols"):
        Step("s", m, "<=", 1, "j", law_symbols={1.5: _mean})


def test_a_declaration_that_reproduces_the_law_is_verified():
    ok, how = D.verify(_claim(RIGHT), STEP, np.random.default_rng(1))
    assert ok, how


def test_a_swapped_declaration_is_refused_and_the_hand_law_kept():
    claim = _claim(WRONG)
    ok, why = D.verify(claim, STEP, np.random.default_rng(1))
    assert not ok and "the step's law gives" in why
    mut = _mutant(claim, lhs=2 * m)
    assert mut.step.law is STEP.law  # the hand-written law stays: no guessed mapping judges


def test_an_undeclared_symbol_is_refused():
    ok, why = D.verify(_claim({m: _mean}), STEP, np.random.default_rng(1))
    assert not ok and "M" in why


def test_a_false_mutant_is_refuted_on_an_exact_case_that_fails_by_hand():
    # 2 mean <= max: false on [1, 1, 0] (4/3 > 1)
    mut = _mutant(_claim(RIGHT), lhs=2 * m)
    assert isinstance(mut.step.law, D.DeclaredLawCheck)
    ev = EV.first_model(mut)
    assert ev.status == "false"
    res = check_step(mut.claim, mut.step, trials=30)
    assert res.verdict.value == "REFUTED"
    xs = tuple(Fraction(x) for x in res.witness["xs"])
    assert 2 * _mean(xs) > max(xs)


@pytest.mark.parametrize("changes", [{"lhs": m / 2}, {"rhs": 2 * big_m}, {"rhs": big_m + 1}])
def test_a_true_mutant_is_true_and_never_refuted(changes):
    # mean/2 <= max, mean <= 2 max, mean <= max + 1: true for lists of numbers >= 0
    mut = _mutant(_claim(RIGHT), **changes)
    assert isinstance(mut.step.law, D.DeclaredLawCheck)
    assert EV.first_model(mut).status == "true"
    assert check_step(mut.claim, mut.step, trials=60).verdict.value != "REFUTED"


def test_the_original_through_its_declaration_is_not_refuted():
    claim = _claim(RIGHT)
    law = D.declared_law(claim, STEP, dataclasses.replace(STEP), OP.DEFAULT_SEED)
    assert law is not None
    step = dataclasses.replace(STEP, law=law)
    assert check_step(dataclasses.replace(claim, steps=[step]), step, trials=60
                      ).verdict.value != "REFUTED"


def test_a_declared_law_demotion_is_not_blamed_on_the_hand_written_law():
    row = {"independent": "false", "verdict": "SUPPORTED", "operator": "premise+scale-side",
           "mutation": "rhs: side * 2", "law": "declared", "original_rel": "<=", "method": ""}
    assert R.demotion_cause(row) != "premise-law"
    assert R.demotion_cause({**row, "operator": "scale-side"}) == "other"


def test_every_declaration_of_the_project_reproduces_its_steps_laws():
    """Each law step of a registered claim whose displayed symbols are all declared is
    verified (a wrong declaration fails here, and would otherwise be ignored silently)."""
    from hallbound.proofs_checks.claims import registry

    verified, refused = 0, []
    for claim in registry.all_claims():
        for step in claim.steps:
            table = D.declared_table(claim, step)
            if step.law is None or not table or not D._free_names(step) <= set(table):
                continue
            ok, how = D.verify(claim, step, np.random.default_rng(7))
            if ok:
                verified += 1
            else:
                refused.append((claim.name, step.name, how))
    assert not refused
    assert verified >= 60


def test_a_project_law_step_mutant_is_refuted_through_the_declaration():
    """Theorem 1, step 8b (sum mu|V| <= k sum mu): its hand-written law computes the
    original sides; through the declaration, 'sum mu|V| <= k sum mu / 2' is refuted on an
    exact instance, and the instance fails it by hand (sum of weights 1, k = |V_c|)."""
    from hallbound.proofs_checks.claims import registry

    claim = next(c for c in registry.all_claims() if c.name == "Theorem 1")
    step = next(s for s in claim.steps if s.name == "8b")
    mut = next(x for x in OP.step_mutants(claim, step) if x.description == "rhs: side * 1/2")
    assert isinstance(mut.step.law, D.DeclaredLawCheck)
    assert EV.first_model(mut).status == "false"
    res = check_step(mut.claim, mut.step, trials=20)
    assert res.verdict.value == "REFUTED"
    prompts = res.witness["prompts"]
    vm = sum(Fraction(c["mu"]) * len(c["V"]) for c in prompts)
    k = max(len(c["V"]) for c in prompts)
    assert vm > Fraction(k, 2) * sum(Fraction(c["mu"]) for c in prompts)
