"""The second, finite model of the mutation harness (hallbound.proofs_checks.mutation.models).

Each test builds a step the first model cannot decide (sums over a symbolic N, Pr/E of a
random variable, an unknown density, an event sequence) and checks the finite model's answer
against a truth value computed here by hand, re-checking every witness in exact arithmetic.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks import mutation as M
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.library.randomness import E, Pr, random_symbol
from hallbound.proofs_checks.mutation import models as FM

i = sp.Symbol("i", integer=True)
n = sp.Symbol("N", integer=True, positive=True)
xs = sp.IndexedBase("x")
PN = Param("N", n, kind="integer", lo=1, search=(1, 6))


def _mutant(claim: Claim, step: Step, lhs=None, rel=None, rhs=None) -> M.Mutant:
    new = Step(step.name, step.lhs if lhs is None else lhs, rel or step.rel,
               step.rhs if rhs is None else rhs, "mutant", kind=step.kind, params=step.params,
               premises=step.premises, given=step.given)
    return M.Mutant(dataclasses.replace(claim, steps=[new]), new, step, "test", "test")


def _frac(v) -> Fraction:
    return Fraction(str(v))


# ----- sums over a symbolic N -----------------------------------------------------------
def _qm_am() -> tuple[Claim, Step]:
    r""":math:`(\sum_{i \le N} x_i)^2 \le N \sum_{i \le N} x_i^2` (Cauchy-Schwarz), N >= 1."""
    lhs = sp.Sum(xs[i], (i, 1, n)) ** 2
    rhs = n * sp.Sum(xs[i] ** 2, (i, 1, n))
    step = Step("S", lhs, "<=", rhs, "Cauchy-Schwarz", params=[PN])
    return Claim("toy sums", "x", [PN], [step]), step


def test_first_model_cannot_decide_a_sum_over_symbolic_n():
    claim, step = _qm_am()
    m = _mutant(claim, step, rhs=step.rhs / 2)
    assert M.first_model(m).status == "undecidable"


def test_finite_model_finds_the_false_sum_mutant_and_its_witness_checks_by_hand():
    claim, step = _qm_am()
    m = _mutant(claim, step, rhs=step.rhs / 2)  # (sum x)^2 <= (N/2) sum x^2: false (N = 1)
    ev = M.evaluate_mutant(m)
    assert (ev.status, ev.model) == ("false", "second")
    w = ev.witness
    size = int(w["N"])
    vals = [_frac(w[f"x[{k}]"]) for k in range(1, size + 1)]
    assert sum(vals) ** 2 > Fraction(size, 2) * sum(v * v for v in vals)


def test_finite_model_calls_the_weaker_sum_mutant_true():
    claim, step = _qm_am()
    m = _mutant(claim, step, rhs=2 * step.rhs)  # (sum x)^2 <= N sum x^2 <= 2 N sum x^2: true
    ev = M.evaluate_mutant(m)
    assert (ev.status, ev.model) == ("true", "second")


def test_written_out_sum_uses_a_stated_equality():
    r""":math:`\sum_i p_i x_i \le \max` ... here :math:`\sum_i p_i = 1` (stated) makes
    :math:`\sum_i p_i c = c`; the mutant :math:`\sum_i p_i c = 2c` is false for c != 0."""
    p = sp.IndexedBase("p")
    c = sp.Symbol("c", real=True)
    pc = Param("c", c, lo=1, hi=2)
    step = Step("S", sp.Sum(p[i] * c, (i, 1, n)), "=", c, "sum p = 1", params=[PN, pc])
    claim = Claim("toy weights", "x", [PN, pc], [step],
                  assumptions=[sp.Eq(sp.Sum(p[i], (i, 1, n)), 1)])
    assert M.evaluate_mutant(_mutant(claim, step, rhs=2 * c)).status == "false"
    assert M.evaluate_mutant(_mutant(claim, step, rhs=c * 1)).status == "true"


# ----- Pr and E of a random variable -----------------------------------------------------
X = random_symbol("X", nonnegative=True)
a = sp.Symbol("a", positive=True)
PA = Param("a", a, lo=1, hi=3)


def _markov() -> tuple[Claim, Step]:
    step = Step("S", Pr(sp.Ge(X, a)), "<=", E(X) / a, "Markov", kind="probability",
                params=[PA])
    return Claim("toy Markov", "x", [PA], [step], assumptions=[(X, ">=", sp.Integer(0))]), step


def _law_values(witness: dict) -> tuple[list[Fraction], list[Fraction]]:
    law = witness["X"]
    return [Fraction(v) for v in law["atoms"]], [Fraction(q) for q in law["probs"]]


def test_first_model_cannot_decide_a_pr_e_step_without_a_law():
    claim, step = _markov()
    assert M.first_model(_mutant(claim, step, rhs=step.rhs / 2)).status == "undecidable"


def test_finite_model_refutes_markov_with_half_the_bound_exactly():
    claim, step = _markov()
    ev = M.evaluate_mutant(_mutant(claim, step, rhs=step.rhs / 2))
    assert (ev.status, ev.model) == ("false", "second")
    atoms, probs = _law_values(ev.witness)
    av = _frac(ev.witness["a"])
    tail = sum(q for t, q in zip(atoms, probs, strict=True) if t >= av)
    mean = sum(q * t for t, q in zip(atoms, probs, strict=True))
    assert all(t >= 0 for t in atoms)  # the law respects X's stated sign
    assert tail > mean / (2 * av)  # Pr[X >= a] <= E X / (2a) fails on this law


def test_finite_model_keeps_markov_with_twice_the_bound():
    claim, step = _markov()
    ev = M.evaluate_mutant(_mutant(claim, step, rhs=2 * step.rhs))
    assert (ev.status, ev.model) == ("true", "second")


def test_finite_model_finds_the_flipped_markov_false_and_the_witness_checks():
    """Pr[X >= a] > E[X]/a is false wherever Markov holds, i.e. on every law."""
    claim, step = _markov()
    ev = M.evaluate_mutant(_mutant(claim, step, rel=">"))
    assert ev.status == "false"
    atoms, probs = _law_values(ev.witness)
    av = _frac(ev.witness["a"])
    tail = sum(q for t, q in zip(atoms, probs, strict=True) if t >= av)
    assert tail <= sum(q * t for t, q in zip(atoms, probs, strict=True)) / av


# ----- an unknown density -----------------------------------------------------------------
def test_unknown_density_is_modelled_uniform_and_the_variance_identity_checks():
    r""":math:`\int (A - a)^2 f = A^2 - 2 A m + \int a^2 f` with :math:`m = \int a f`; the
    mutant with :math:`-A m` (the 2 dropped) is false for :math:`A m \ne 0`."""
    f = sp.Function("f")
    av, big_a, m1 = sp.Symbol("a", real=True), sp.Symbol("A", real=True), sp.Symbol("m_1")
    pa = Param("A", big_a, lo=1, hi=3)
    integral = sp.Integral((big_a - av) ** 2 * f(av), (av, -sp.oo, sp.oo))
    second = sp.Integral(av**2 * f(av), (av, -sp.oo, sp.oo))
    step = Step("S", integral, "=", big_a**2 - 2 * big_a * m1 + second, "expand", params=[pa])
    claim = Claim("toy density", "x", [pa], [step], assumptions=[
        sp.Eq(sp.Integral(f(av), (av, -sp.oo, sp.oo)), 1),
        sp.Eq(sp.Integral(av * f(av), (av, -sp.oo, sp.oo)), m1)])
    assert M.first_model(_mutant(claim, step)).status == "undecidable"
    good = M.evaluate_mutant(_mutant(claim, step))
    assert good.status == "true"
    bad = M.evaluate_mutant(_mutant(claim, step, rhs=big_a**2 - big_a * m1 + second))
    assert bad.status == "false"
    lo, width, av_ = (_frac(bad.witness[k]) for k in ("f_left", "f_width", "A"))
    mean = lo + width / 2  # f uniform on [lo, lo + width]
    assert av_ * mean != 0  # the dropped term A m is not zero there


# ----- the model refuses what it cannot see ------------------------------------------------
def test_a_step_true_only_under_an_unstated_premise_is_undecidable():
    """x <= y on [0, 1]^2 with only a text premise: the original fails on the model, which
    therefore decides nothing (rather than calling its mutants false)."""
    x, y = sp.symbols("x y", real=True)
    px, py = Param("x", x, lo=0, hi=1), Param("y", y, lo=0, hi=1)
    step = Step("S", x, "<=", y, "by a premise", params=[px, py], premises=("x <= y",))
    claim = Claim("toy premise", "x", [px, py], [step])
    ev = M.evaluate_mutant(_mutant(claim, step, rhs=y / 2))
    assert ev.status == "undecidable"
    assert "original fails" in ev.how


def test_a_stated_premise_is_used_through_its_slack():
    """With the premise x <= y stated (solved for y), x <= y is true and x <= y/2 false
    at x = y > 0, inside [0, 1]^2."""
    x, y = sp.symbols("x y", real=True)
    px, py = Param("x", x, lo=0, hi=1), Param("y", y, lo=0, hi=1)
    prem = Premise(sp.Le(x, y), "hypothesis", y)
    step = Step("S", x, "<=", y, "premise", params=[px, py], premises=(prem,))
    claim = Claim("toy premise", "x", [px, py], [step])
    assert M.evaluate_mutant(_mutant(claim, step)).status == "true"
    ev = M.evaluate_mutant(_mutant(claim, step, rhs=y / 2))
    assert ev.status == "false"
    xv = _frac(ev.witness["x"])
    assert 0 < xv <= 1  # x <= y/2 with y >= x fails only where x > 0, e.g. y = x


def test_fails_counts_equality_against_a_strict_relation():
    assert FM.fails(Fraction(1), "<", Fraction(1))
    assert not FM.fails(Fraction(1), "<=", Fraction(1))
    assert FM.fails(Fraction(2), "=", Fraction(1))
    assert not FM.fails(sp.Float(1, 50), ">=", sp.Float(1, 50))


def test_a_guessed_entry_domain_never_judges_where_the_original_fails():
    r""":math:`\sum_j v_j > 0` with no domain stated for :math:`v_j`: the model draws the
    entries in [0, 1], where the original fails (all zero). A step that states nothing else
    would be judged anyway, but the domain is the model's guess, so it decides nothing."""
    vs = sp.IndexedBase("v")
    step = Step("S", sp.Sum(vs[i], (i, 1, n)), ">", 0, "positive parts", params=[PN])
    claim = Claim("toy guess", "x", [PN], [step])
    ev = M.evaluate_mutant(_mutant(claim, step, rel="<="))
    assert ev.status == "undecidable"
    assert "original fails" in ev.how
