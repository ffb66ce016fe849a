"""The parameters-only model (opaque_models.parameters_only_model) for Lemma 1, 4a and
Theorem 2, LB 3a: steps of their own parameters whose claims state relations of random
quantities at those parameters. Mutants are judged at points of the parameter domains;
each witness is recomputed here by hand."""

from __future__ import annotations

import math

from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.mutation import evaluation as EV
from hallbound.proofs_checks.mutation import operators as OP


def _mutant(claim_name: str, step_name: str, description: str) -> OP.Mutant:
    from hallbound.proofs_checks.claims import registry

    claim = next(c for c in registry.all_claims() if c.name == claim_name)
    step = next(s for s in claim.steps if s.name == step_name)
    return next(m for m in OP.step_mutants(claim, step) if m.description == description)


def test_lemma_1_4a_without_the_log_is_false_at_a_positive_phi0():
    """ln(1 - phi0) + phi0 <= 0 becomes phi0 <= 0: false at every phi0 in (0, 1)."""
    ev = EV.evaluate_mutant(_mutant("Lemma 1", "4a", "lhs: drop term log(1 - phi0)"))
    assert ev.status == "false"
    phi0 = ev.witness["phi0"]
    assert 0 < phi0 < 1 and math.log(1 - phi0) + phi0 <= 0


def test_lemma_1_4a_doubled_is_true():
    """2 (ln(1 - phi0) + phi0) <= 0 holds wherever the original does."""
    assert EV.evaluate_mutant(_mutant("Lemma 1", "4a", "lhs: side * 2")).status == "true"


def test_lemma_1_4a_with_no_real_value_is_not_decided():
    """ln(-phi0) + phi0 has no real value on [0, 1): never 'true'."""
    ev = EV.evaluate_mutant(_mutant("Lemma 1", "4a", "lhs: drop term 1"))
    assert ev.status == "undecidable"


def test_theorem_2_lb_3a_doubled_is_false_and_not_passed():
    """12 ln(300 N) = 6 ln 300 + 6 ln N fails at every N >= 1 (6 ln(300 N) > 0)."""
    m = _mutant("Theorem 2", "LB 3a", "lhs: side * 2")
    ev = EV.evaluate_mutant(m)
    assert ev.status == "false"
    n = ev.witness["N"]
    assert n >= 1 and 12 * math.log(300 * n) != 6 * math.log(300) + 6 * math.log(n)
    # the checker's witness for N meets no stated Good-Turing relation it can evaluate
    # (MissingMass(N) = MM + MissedMass(N, phi0) links N): withdrawn, never passed
    res = check_step(m.claim, m.step, trials=20)
    assert res.verdict.value == "REFUTED" or (
        res.verdict.value == "UNDECIDED" and "withdrawn" in res.method)
