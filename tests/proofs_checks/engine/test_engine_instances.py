"""Steps with a symbolic length (sums to ``n``, indexed entries): the checker writes out small
instances and searches them (``proofs_checks/engine/instances.py``). A false step is REFUTED
with a witness re-checked here by hand; a true one is never REFUTED, and a witness always
satisfies the relations the step is stated under."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.engine.claim import Claim, Param, Step

i = sp.Symbol("i", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
N_PARAM = Param("n", n, kind="integer", lo=1, search=(1, 6))
x, y = sp.IndexedBase("x", real=True), sp.IndexedBase("y", real=True)
p = sp.IndexedBase("p", positive=True)
t = sp.Symbol("t", real=True)
A, C = sp.Symbol("A", nonnegative=True), sp.Symbol("C", nonnegative=True)
B = sp.Symbol("B", real=True)
SUMS = {A: sp.Sum(x[i] ** 2, (i, 1, n)), B: sp.Sum(x[i] * y[i], (i, 1, n)),
        C: sp.Sum(y[i] ** 2, (i, 1, n))}


def _check(step: Step, assumptions=(), definitions=None):
    claim = Claim("instances test", "a step with a symbolic length", [N_PARAM], [step],
                  definitions=definitions or {}, assumptions=list(assumptions))
    return check_step(claim, step, trials=40)


def _q(v) -> Fraction:
    return Fraction(v)  # witnesses are dyadic rationals: the float is exact


def _entries(witness: dict, base: str, length: int) -> list[Fraction]:
    return [_q(witness[f"{base}[{k}]"]) for k in range(1, length + 1)]


def test_a_b4_mutant_with_a_symbolic_length_is_refuted_with_a_real_witness() -> None:
    """Lemma B.4a with the factor 2 of the cross term dropped: sum_i (x_i t - y_i)^2 =
    A t^2 - B t + C is false (the true coefficient is 2B)."""
    step = Step("B.4a (mutant)", sp.Sum((x[i] * t - y[i]) ** 2, (i, 1, n)), "=",
                A * t**2 - B * t + C, "expand the square", params=[Param("t", t)])
    res = _check(step, definitions=SUMS)
    assert res.verdict.value == "REFUTED"
    assert "written-out instance" in res.method
    w = res.witness
    length = int(w["n"])
    assert length >= 1
    xs, ys, tt = _entries(w, "x", length), _entries(w, "y", length), _q(w["t"])
    lhs = sum((a * tt - b) ** 2 for a, b in zip(xs, ys, strict=True))
    a_, b_ = sum(a * a for a in xs), sum(a * b for a, b in zip(xs, ys, strict=True))
    c_ = sum(b * b for b in ys)
    assert lhs != a_ * tt**2 - b_ * tt + c_
    assert lhs == a_ * tt**2 - 2 * b_ * tt + c_  # the true identity holds there


def test_a_true_symbolic_length_step_is_not_refuted() -> None:
    """Cauchy-Schwarz for sums, stated without its lemma: SymPy cannot prove it, the written
    out instances find no counterexample."""
    step = Step("CS", sp.Sum(x[i] * y[i], (i, 1, n)) ** 2, "<=",
                sp.Sum(x[i] ** 2, (i, 1, n)) * sp.Sum(y[i] ** 2, (i, 1, n)), "Cauchy-Schwarz")
    res = _check(step)
    assert res.verdict.value != "REFUTED"
    assert res.verdict.value == "UNDECIDED"
    assert "no counterexample on written-out instances" in res.detail


SUM_P = (sp.Sum(p[i], (i, 1, n)), "=", 1)


def test_a_stated_sum_constraint_is_respected() -> None:
    """sum_i p_i^2 <= 1 holds for positive p summing to 1 (each p_i <= 1): never REFUTED
    under that assumption; without it, p_1 = 2 refutes it."""
    step = Step("P2", sp.Sum(p[i] ** 2, (i, 1, n)), "<=", 1, "p_i <= 1")
    assert _check(step, assumptions=[SUM_P]).verdict.value != "REFUTED"
    free = _check(step)
    assert free.verdict.value == "REFUTED"
    ps = [_q(v) for k, v in free.witness.items() if k.startswith("p[")]
    assert all(v > 0 for v in ps) and sum(v * v for v in ps) > 1


def test_a_witness_satisfies_the_stated_sum_exactly() -> None:
    """sum_i p_i^2 >= 1/2 is false for p = (1/3, 1/3, 1/3): the witness has positive
    entries summing to exactly 1 (one entry solved from the assumption)."""
    step = Step("P3", sp.Sum(p[i] ** 2, (i, 1, n)), ">=", sp.Rational(1, 2), "false")
    res = _check(step, assumptions=[SUM_P])
    assert res.verdict.value == "REFUTED"
    length = int(res.witness["n"])
    ps = _entries(res.witness, "p", length)
    assert all(v > 0 for v in ps)
    assert sum(ps) == 1
    assert sum(v * v for v in ps) < Fraction(1, 2)


def test_an_eliminated_parameter_stays_in_its_domain() -> None:
    """x in [0, 10] with the premise x <= 3, written x = 3 - s0: sum_i w_i x >= 0 holds
    (w >= 0, x >= 0). A draw s0 > 3 puts x outside its domain: never a witness."""
    from hallbound.proofs_checks.engine.claim import Premise

    xs = sp.Symbol("x", real=True)
    w = sp.IndexedBase("w", nonnegative=True)
    step = Step("E9", sp.Sum(w[i] * xs, (i, 1, n)), ">=", 0, "w, x >= 0",
                premises=(Premise((xs, "<=", 3), by="hypothesis", solve_for=xs),))
    claim = Claim("instances test", "a step with a symbolic length",
                  [N_PARAM, Param("x", xs, lo=0, hi=10)], [step])
    res = check_step(claim, step, trials=40)
    assert res.verdict.value != "REFUTED"


def test_a_sequence_with_no_stated_domain_is_not_drawn() -> None:
    """Entries of a sequence declared without assumptions (probabilities, events) have no
    stated domain: no written-out instance, so no witness from one."""
    q = sp.IndexedBase("q")
    step = Step("Q", sp.Sum(q[i], (i, 1, n)), "<=", n, "q_i <= 1 (not stated)")
    res = _check(step)
    assert res.verdict.value != "REFUTED"
