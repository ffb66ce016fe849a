"""The engine rules issue 22 added, each shown to prove what it should and to refuse what it
must not: instances of a cited step, the same relation after taking logarithms, min/max,
probabilities in [0, 1], premises kept as facts, and no finite slack against infinity."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.engine.claim import Param
from hallbound.proofs_checks.engine.premises import (
    AS_FACT,
    as_substitution,
    implies,
    instance_of,
)
from hallbound.proofs_checks.engine.prover import prove_relation
from hallbound.proofs_checks.library.lemma_library import SupDensity
from hallbound.proofs_checks.library.randomness import Pr, random_symbol

x = sp.Symbol("x", positive=True)
X_P = Param("x", x, lo=0, lo_open=True)
LN = (sp.log(x), "<=", x - 1)  # shown for x > 0
nu = sp.Symbol("nu", positive=True)
NU_P = Param("nu", nu, lo=0, hi=1, lo_open=True, hi_open=True)
N = sp.Symbol("N", integer=True, positive=True)
N_P = Param("N", N, kind="integer", lo=1)
y = sp.Symbol("y", real=True)


def test_an_instance_inside_the_domain() -> None:
    p, q = sp.IndexedBase("p", positive=True), sp.IndexedBase("q", positive=True)
    t = sp.Symbol("t", integer=True)
    got = instance_of(LN, (sp.log(p[t]) - sp.log(q[t]), "<=", p[t] / q[t] - 1), [X_P])
    assert got is not None and "x = p[t]/q[t]" in got
    assert instance_of(LN, (sp.log(1 - nu), "<=", -nu), [X_P], [NU_P]) is not None


def test_no_instance_outside_the_domain_or_of_another_relation() -> None:
    # y in [-1, 1] may be <= 0, where log is not the cited relation's
    assert instance_of(LN, (sp.log(y), "<=", y - 1), [X_P], [Param("y", y, lo=-1, hi=1)]) is None
    # a stronger right side is no instance
    assert instance_of(LN, (sp.log(2 * nu), "<=", 2 * nu - 2), [X_P], [NU_P]) is None
    # the relation flipped is no instance
    assert instance_of(LN, (sp.log(nu), ">=", nu - 1), [X_P], [NU_P]) is None


def test_same_relation_after_taking_logarithms() -> None:
    log_form = sp.log(N * nu) + (N - 1) * sp.log(1 - nu)
    target = (nu * (1 - nu) ** (N - 1), "<=", 1 / N)
    assert "taking logarithms" in implies((log_form, "<=", 0), target, [NU_P, N_P])
    # not from a weaker source, not to a stronger target
    assert implies((log_form, "<=", 1), target, [NU_P, N_P]) is None
    assert implies((log_form, "<=", 0), (target[0], "<=", 1 / (2 * N)), [NU_P, N_P]) is None


def test_a_fact_is_not_solved_for_a_parameter() -> None:
    rel = (sp.log(N * nu) + (N - 1) * sp.log(1 - nu), "<=", 0)
    assert as_substitution(rel, AS_FACT) is None
    assert as_substitution((x, "<=", 1), x) is not None


def test_min_and_max() -> None:
    s = sp.Symbol("s", nonnegative=True)
    dom = {x: sp.Interval(0, 1)}
    assert prove_relation(x, "<=", sp.Min(1, x + s), dom)
    assert prove_relation(sp.Max(x, sp.Rational(1, 2)), "<=", 1, dom)
    assert prove_relation(x, "<=", sp.Min(sp.Rational(1, 2), x + s), dom) is None


def test_probabilities_lie_in_the_unit_interval() -> None:
    a = Pr(sp.Le(random_symbol("X"), 1))
    assert prove_relation(a, "<=", 1, {})
    assert prove_relation(a, "<=", sp.Rational(1, 2), {}) is None
    b = Pr(sp.Ge(random_symbol("X"), 3))
    assert prove_relation(a + b, "<=", 1, {}) is None  # two events: nothing relates them


def test_no_finite_slack_against_infinity() -> None:
    w, d = random_symbol("W"), sp.Symbol("d", integer=True, positive=True)
    g = sp.Symbol("g", positive=True)
    sup = SupDensity(w, d)
    assert implies((sup, "<=", g), (sup, "<", sp.oo))  # bounded above by a finite number
    assert implies((sup, ">=", g), (sup, "<", sp.oo)) is None  # may be +oo


def test_a_quantity_that_may_be_infinite_is_not_written_as_a_lower_bound_plus_a_slack() -> None:
    w, d = random_symbol("W"), sp.Symbol("d", integer=True, positive=True)
    g = sp.Symbol("g", positive=True)
    sup = SupDensity(w, d)
    assert as_substitution((sup, ">=", g), sup) is None  # sup = g + s would miss sup = +oo
    assert as_substitution((sup, "<=", g), sup) is not None
    assert as_substitution((sup, "=", g), sup) == ({sup: g}, [])
