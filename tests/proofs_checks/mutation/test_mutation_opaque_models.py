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
