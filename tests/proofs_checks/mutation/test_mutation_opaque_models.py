"""Closed models of the steps with opaque operators (mutation/opaque_models.py): U4 and U5
of Theorem 6.1 (corrected), C.3a of Theorem C.1 (corrected). Each false verdict's witness
is recomputed here by hand from the model's construction."""

from __future__ import annotations

import math

import pytest
import sympy as sp

from hallbound.proofs_checks.claims import registry
from hallbound.proofs_checks.library.randomness import random_symbol
from hallbound.proofs_checks.mutation import evaluation as EV
from hallbound.proofs_checks.mutation import opaque_models as OM
from hallbound.proofs_checks.mutation import operators as OP


def _mutants(claim: str, step: str) -> dict[str, OP.Mutant]:
    c = next(x for x in registry.all_claims() if x.name == claim)
    s = next(x for x in c.steps if x.name.startswith(step))
    return {m.description: m for m in OP.step_mutants(c, s)}


@pytest.fixture(scope="module")
def u4():
    return _mutants("Theorem 6.1 (corrected)", "U4")


@pytest.fixture(scope="module")
def u5():
    return _mutants("Theorem 6.1 (corrected)", "U5")


@pytest.fixture(scope="module")
def c3a():
    return _mutants("Theorem C.1 (corrected)", "C.3a")


def test_coefficient_reads_a_linear_argument_only():
    mu, r = random_symbol("mu_j"), random_symbol("R")
    c = sp.Symbol("c")
    assert OM._coefficient(r + c * mu) == c
    assert OM._coefficient(-mu + 2 * r) == -1
    assert OM._coefficient(r + mu**2) is None  # not linear: no value
    assert OM._coefficient(r + c) is None  # no mu_j: a point mass, no density


def test_u4_halved_bound_is_false_where_sup_density_is_g_over_c_to_the_d(u4):
    m = u4["rhs: side * 1/2"]
    ev = EV.first_model(m)
    assert ev.status == "false"
    g, c, d = ev.witness["G_j"], ev.witness["c_ij"], ev.witness["d_a"]
    assert g / abs(c) ** d > g / (2 * abs(c) ** d)  # sup f_{c mu_j} = G/|c|^d


def test_u4_mutants_the_model_cannot_write_out_stay_undecided(u4):
    # drop the mu_j term: R alone is the constant 0 in the model, with no density
    ev = EV.first_model(u4["lhs: drop term mu_j*c_ij"])
    assert ev.status == "undecidable"


def test_u4_true_mutant_dropping_r_is_true(u4):
    assert EV.first_model(u4["lhs: drop term R"]).status == "true"


def test_u5_without_the_ball_volume_is_false_by_hand(u5):
    m = u5["rhs: drop factor BallVolume(d_a, r_i)"]
    ev = EV.first_model(m)
    assert ev.status == "false"
    c, d, r = abs(ev.witness["c_ij"]), ev.witness["d_a"], ev.witness["r_i"]
    vd = math.pi ** (d / 2) / math.gamma(d / 2 + 1)
    prob = min(1.0, (r / c) ** d)  # ||c mu_j|| <= r, mu_j uniform on the unit ball
    sup = 1 / (vd * c**d)
    assert prob <= vd * r**d * sup * (1 + 1e-12)  # the original holds there
    assert prob > sup * (1 + 1e-9)  # the mutant fails


def test_u5_original_relation_is_true_under_the_model(u5):
    assert EV.first_model(u5["lhs: side * 1/2"]).status == "true"


def test_c3a_model_is_the_law_of_total_expectation(c3a):
    m = c3a["rhs: -1 -> 2*-1"]  # p_X(i) = a p_i + (1 - 2 p_i) b
    ev = EV.first_model(m)
    assert ev.status == "false"
    p, a, b = ev.witness["p_i"], ev.witness["a"], ev.witness["b"]
    assert 0 < p < 1 and b <= (1 - p) / (2 - p)  # the claim's bound on rho = b
    p_x = p * a + (1 - p) * b  # E q(i) for q(i) = a on Z_i, b off it
    assert p_x != pytest.approx(a * p + (1 - 2 * p) * b)


def test_c3a_flipped_identity_is_false_by_exact_equality(c3a):
    ev = EV.first_model(c3a["= -> <"])
    assert ev.status == "false"  # p_X(i) < p_X(i) fails at every point


@pytest.fixture(scope="module")
def cor3():
    return _mutants("Corollary 3", "5 (failure)")


def test_sample_law_of_good_turing_and_missing_mass_by_hand():
    from fractions import Fraction as Fr

    assert all(sum(p for p, _, _ in OM._sample_outcomes(n, OM.GT_LAW)) == 1
               for n in OM.GT_SIZES)
    # N = 2 from (1/2, 1/4, 1/4): |G - M| > 1/2 on {a,b}, {a,c} (G = 1, M = 1/4) and on
    # {b,b}, {c,c} (G = 0, M = 3/4): 2 * 1/4 + 2 * 1/16 = 5/8
    far = sum(p for p, g, mm in OM._sample_outcomes(2, OM.GT_LAW) if abs(g - mm) > Fr(1, 2))
    assert far == Fr(5, 8)


def test_good_turing_without_its_deviation_term_is_false_by_hand(cor3):
    m = next(x for d, x in cor3.items() if d.startswith("lhs: drop term 121"))
    ev = EV.first_model(m)
    assert ev.status == "false"
    n, gamma = ev.witness["N"], ev.witness["gamma"]
    far = sum(p for p, g, mm in OM._sample_outcomes(n, OM.GT_LAW) if abs(g - mm) > 1 / n)
    assert far > gamma  # Pr[|G_N - M_N| > 1/N] <= gamma fails


def test_good_turing_model_is_one_sided(cor3):
    # at N <= 4 the original's event is empty: a weaker or stronger bound that holds there
    # is not shown true
    ev = EV.first_model(cor3["rhs: side * 2"])
    assert ev.status == "undecidable" and "one-sided" in ev.how
