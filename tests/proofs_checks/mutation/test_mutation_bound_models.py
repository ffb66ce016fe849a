"""The third mutation model (mutation/bound_models.py, nonneg.py, intervals.py): the sign
prover proves only true inequalities, the interval truth is three-valued, and the mutants of
Theorem 4 "6a", Corollary 3 "5 (failure)" and Lemma 2 "15 (union bound)" are decided as an
independent computation here says."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import mpmath
import pytest
import sympy as sp

from hallbound.proofs_checks.claims import registry
from hallbound.proofs_checks.mutation import bound_models as BM
from hallbound.proofs_checks.mutation import evaluation as EV
from hallbound.proofs_checks.mutation import operators as OP
from hallbound.proofs_checks.mutation.intervals import enclose, interval, truth
from hallbound.proofs_checks.mutation.nonneg import domain_form, proved_sign

N = sp.Symbol("N", integer=True, positive=True)
G = sp.Symbol("gamma", positive=True)


def _proved(expr: sp.Basic, n0: int = 1) -> bool:
    return proved_sign(domain_form(expr, {"N": n0}, unit=("gamma",)))


HALF = sp.Rational(1, 2)


def _t(c: sp.Basic, inside: sp.Basic = 4 / G, power: sp.Basic = HALF) -> sp.Basic:
    return 1 / N + c * sp.sqrt(sp.log(inside)) / N**power


def test_prover_proves_true_threshold_comparisons():
    base = _t(sp.Rational(121, 50))
    assert _proved(_t(sp.Rational(121, 25)) - base)
    assert _proved(_t(sp.Rational(121, 50), 8 / G) - base)
    assert _proved(_t(sp.Rational(121, 50), power=sp.Rational(1, 4)) - base)
    ell = sp.log(3 * N / G)
    assert _proved(sp.sqrt(2) * ell - 1, n0=2)  # ln(6/gamma) > 1 at N = 2
    assert _proved(sp.log(10 / G) - sp.sqrt(sp.log(10 / G)))  # ln(10/gamma) >= 1


def test_prover_refuses_false_or_unproved_inequalities():
    base = _t(sp.Rational(121, 50))
    assert not _proved(_t(sp.Rational(121, 100)) - base)  # negative everywhere
    assert not _proved(sp.log(2 / G) - 1)  # ln 2 < 1 as gamma -> 1
    assert not _proved(sp.sqrt(2) * sp.log(3 * N / G) - 3, n0=2)  # fails at N = 2, gamma ~ 1
    assert not _proved(1 - sp.Rational(221, 50) * sp.sqrt(sp.log(10 / G)) / sp.sqrt(N))


def test_interval_truth_is_three_valued():
    x = sp.Symbol("x")
    half = interval((Fraction(0), Fraction(1, 2)))
    assert truth(sp.Abs(x - 1) > sp.Rational(1, 3), {"x": half}) is True
    assert truth(sp.Or(x > 2, x < -1), {"x": interval((0, 1))}) is False
    assert truth(x > sp.Rational(1, 2), {"x": interval((0, 1))}) is None
    box = enclose(sp.sqrt(2), {})
    with mpmath.workdps(60):
        assert box.a <= mpmath.sqrt(2) <= box.b and box.b - box.a < mpmath.mpf(10) ** -30


def _mutants(claim: str, step: str) -> tuple[list[OP.Mutant], object]:
    c = next(x for x in registry.all_claims() if x.name == claim)
    s = next(x for x in c.steps if x.name == step)
    return OP.step_mutants(c, s), c


def test_order_model_agrees_with_a_grid_of_the_triangle():
    mutants, _ = _mutants("Theorem 4", "6a")
    a, b = sp.Symbol("min_t err_iiv(f_t)"), sp.Symbol("err_iiv(f_t)")
    grid = [(sp.Rational(i, 4), sp.Rational(j, 4)) for i, j in itertools.product(range(5), repeat=2)
            if i <= j]
    seen = set()
    for m in mutants:
        ev = EV.third_model(m)
        assert ev is not None and ev.status in ("true", "false"), m.description
        lhs, rhs = (BM._plain(x, dict.fromkeys((a.name, b.name))) for x in (m.step.lhs, m.step.rhs))
        rel = sp.Rel(lhs, rhs, m.step.rel)
        holds = [bool(rel.xreplace({a: x, b: y})) for x, y in grid]
        assert (ev.status == "true") == all(holds), m.step.relation_text()
        seen.add(ev.status)
    assert seen == {"true", "false"}


def _one(mutants: list[OP.Mutant], text: str) -> OP.Mutant:
    return next(m for m in mutants if m.step.relation_text() == text)


@pytest.fixture(scope="module")
def cor3():
    """Every mutant of each operator, not the first MAX_PER_OPERATOR: which ones the generator
    keeps depends on SymPy's canonical order, and the tests below name the mutants they need."""
    with pytest.MonkeyPatch.context() as mp:
        for name in ("scale_constants", "drop_factors", "drop_terms", "flip_signs"):
            every = getattr(OP, name)
            mp.setattr(OP, name, lambda expr, limit=0, _op=every: _op(expr, limit=10**6))
        return _mutants("Corollary 3", "5 (failure)")[0]


_E = "Pr(Abs(GoodTuring(N) - MissingMass(N)) > 1/N + 121*sqrt(log(4/gamma))/(50*sqrt(N)))"


def test_corollary_3_weakened_bounds_are_true_and_impossible_ones_false(cor3):
    assert EV.third_model(_one(cor3, f"{_E} <= 2*gamma")).status == "true"
    assert EV.third_model(_one(cor3, f"-{_E} <= gamma")).status == "true"
    stronger = _E.replace("121*sqrt(log(4/gamma))/(50*sqrt(N))",
                          "121*sqrt(log(8/gamma))/(50*sqrt(N))")
    assert EV.third_model(_one(cor3, f"{stronger} <= gamma")).status == "true"
    neg = EV.third_model(_one(cor3, f"{_E} <= -gamma"))
    assert neg.status == "false" and neg.model == "third"


def test_corollary_3_a_witness_law_is_exact(cor3):
    """'Pr(GoodTuring(N) > t) <= gamma': under the uniform law on K values with all draws
    distinct, N_1/N = 1; recomputed here: Pr[all distinct] = prod (1 - i/K) > gamma."""
    m = _one(cor3, "Pr(GoodTuring(N) > 1/N + 121*sqrt(log(4/gamma))/(50*sqrt(N))) <= gamma")
    ev = EV.third_model(m)
    assert ev.status == "false"
    n, g = int(ev.witness["N"]), Fraction(ev.witness["gamma"])
    if "K =" in ev.witness["law"]:
        k = 10**6 * n * n
        p = math.prod(Fraction(k - i, k) for i in range(n))
        t = 1 / n + 121 / 50 * math.sqrt(math.log(4 / g) / n)
        assert p > g and 1 > t + 1e-9


def test_corollary_3_a_loosened_threshold_stays_undecided(cor3):
    """Half the constant: true or false only by the true tail at large N, not a guess."""
    half = _E.replace("/(50*sqrt(N))", "/(100*sqrt(N))")
    assert EV.third_model(_one(cor3, f"{half} <= gamma")).status == "undecidable"


def test_a_project_step_is_never_called_false():
    """The unmutated steps themselves, judged by the third model, are true."""
    for claim, step in BM.EVENT_SPECS:
        c = next(x for x in registry.all_claims() if x.name == claim)
        s = next(x for x in c.steps if x.name == step)
        m = OP.Mutant(c, s, s, "none", "the original")
        ev = EV.third_model(m)
        assert ev is not None and ev.status == "true", (claim, step, ev)


def test_lemma_2_empty_components_make_a_mutant_true(monkeypatch):
    # every factor dropped, not the first MAX_PER_OPERATOR: the traversal order of the
    # event's union (and so which four are kept) varies with the process's hash seed
    every = OP.drop_factors
    monkeypatch.setattr(OP, "drop_factors", lambda expr, limit=0: every(expr, limit=10**6))
    mutants, _ = _mutants("Lemma 2", "15 (union bound)")
    m = next(x for x in mutants if x.operator == "drop-factor"  # the factor err_iiv dropped:
             and "err_iiv" not in x.step.relation_text())  # the event 2 < MM - ... (any order)
    assert EV.third_model(m).status == "true"  # 2 < MM - ... is empty: MM <= 1
    flip = next(x for x in mutants if x.operator == "flip-rel")
    ev = EV.third_model(flip)
    assert ev.status == "false" and ev.witness["N"] == "2"  # both events empty at N = 2
