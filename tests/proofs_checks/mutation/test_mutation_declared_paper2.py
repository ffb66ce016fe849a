"""Paper 2's hand-written law steps that the mutation harness now reaches through a declared
model (hallbound.proofs_checks.mutation.declared): Corollary 2 step 3, Theorem 3 step 1 and
the calibration identity's step 2. Each false mutant is refuted on an exact case, and the
case fails the mutant when recomputed here by hand from the witness."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.mutation import declared as D
from hallbound.proofs_checks.mutation import evaluation as EV
from hallbound.proofs_checks.mutation import operators as OP


def _step(claim_name: str, step_name: str):
    from hallbound.proofs_checks.claims import registry

    claim = next(c for c in registry.all_claims() if c.name == claim_name)
    return claim, next(s for s in claim.steps if s.name == step_name)


def _mutant(claim_name: str, step_name: str, description: str) -> OP.Mutant:
    claim, step = _step(claim_name, step_name)
    return next(m for m in OP.step_mutants(claim, step) if m.description == description)


@pytest.mark.parametrize("claim_name, step_name", [
    ("Corollary 2", "3"), ("Theorem 3", "1"), ("Theorem 4", "1"), ("Calibration identity", "2"),
])
def test_the_declaration_reproduces_the_steps_own_law(claim_name, step_name):
    claim, step = _step(claim_name, step_name)
    ok, how = D.verify(claim, step, np.random.default_rng(3))
    assert ok, how


def test_corollary_2_step_3_halved_is_refuted_on_a_trigram_instance():
    """err_iiv(f_t) = 1/4 ((1 - x1) + x1 + x2 + (1 - x2)) = 1/2 for every f_t: the mutant
    'err_iiv(f_t) = 1/4' fails at the witness whatever q is."""
    mut = _mutant("Corollary 2", "3", "rhs: side * 1/2")
    assert isinstance(mut.step.law, D.DeclaredLawCheck)
    assert EV.first_model(mut).status == "false"
    res = check_step(mut.claim, mut.step, trials=20)
    assert res.verdict.value == "REFUTED"
    q = Fraction(res.witness["q"])
    x1, x2 = int(q > q / 2), int(1 - q > q / 2)  # f_t(r) = [phat(r|.) > t] at any t = q/2
    iiv = Fraction(1, 4) * ((1 - x1) + x1 + x2 + (1 - x2))
    assert iiv == Fraction(1, 2) != Fraction(1, 4)


def test_theorem_3_step_1_doubled_is_refuted_at_a_point_with_positive_phat():
    """int_0^q 1 dt + int_q^1 0 dt = q: twice it equals q only at q = 0, so the witness
    point has phat(r|c) > 0."""
    mut = _mutant("Theorem 3", "1", "lhs: side * 2")
    assert isinstance(mut.step.law, D.DeclaredLawCheck)
    res = check_step(mut.claim, mut.step, trials=20)
    assert res.verdict.value == "REFUTED"
    name, response = res.witness["point"]  # prompt "c<i>", response in V then E order
    c = res.witness["prompts"][int(name[1:])]
    q = Fraction(c["p_hat"][[*c["V"], *c["E"]].index(response)])
    assert 2 * q != q


def test_theorem_3_step_1_true_mutant_is_not_refuted():
    """Dropping the zero integral keeps the step true: never judged false."""
    mut = _mutant("Theorem 3", "1", "lhs: drop term Integral(0, (t, q, 1))")
    assert EV.first_model(mut).status == "true"


def test_calibration_step_2_doubled_delta_is_refuted_where_delta_is_positive():
    """|d/ds L(phat_s)| at s = 1 is |phat(A) - p(A)| = delta on one prompt: '= 2 delta'
    fails exactly where delta > 0; recomputed from the witness's first prompt."""
    mut = _mutant("Calibration identity", "2", "rhs: side * 2")
    assert isinstance(mut.step.law, D.DeclaredLawCheck)
    res = check_step(mut.claim, mut.step, trials=10)
    assert res.verdict.value == "REFUTED"
    c = res.witness["prompts"][0]
    k = len(c["E"])
    ph, p = [Fraction(x) for x in c["p_hat"]], [Fraction(x) for x in c["p"]]
    delta = abs(sum(a - b for a, b in zip(ph, p, strict=True) if a > Fraction(1, k)))
    assert delta > 0


def test_a_mutant_with_no_value_where_the_original_has_one_is_not_true():
    """Dropping the 1 in ln(s phat(A) + 1 - phat(A)) gives ln(phat(A)(s - 1)): at s = 1 its
    slope is infinite (or ln 0 when phat(A) = 0). The mutant is not 'true'."""
    mut = _mutant("Calibration identity", "2", "lhs: drop term 1")
    assert EV.evaluate_mutant(mut).status == "undecidable"
