"""The missing-mass and Good-Turing lemmas of the trust base (issue 22, item 2).

Each tail is tested on EXACT laws of the sample (every count vector enumerated) of laws on
up to 3 values, for sample sizes beyond the audit's; the Good-Turing bias against its closed
form; and planted false variants (a wrong constant, a dropped hypothesis) must be named by
the trust-base audit.
"""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.library import lemma_audit
from hallbound.proofs_checks.library import lemma_library as lib
from hallbound.proofs_checks.library.lemmas_concentration import (
    D_SYM,
    G_SYM,
    M_SYM,
    NAMES,
    laws_up_to,
    missed_law,
    sample_law,
    tail_exponent,
)

F = Fraction


def test_the_lemmas_are_in_the_trust_base_and_pass_the_audit() -> None:
    assert set(NAMES) <= set(lib.LIBRARY)
    failing = lemma_audit.failing_lemmas()
    assert not {n: failing[n] for n in NAMES if n in failing}


def test_sample_law_by_hand() -> None:
    # nu = (1/2, 1/2), n = 2: both values seen (prob 1/2: M = 0, G = 1), or one seen twice
    # (prob 1/2: M = 1/2, G = 0)
    law = sample_law((F(1, 2), F(1, 2)), 2)
    got = sorted((a[M_SYM], a[G_SYM], q) for a, q in law.outcomes())
    assert got == [(F(0), F(1), F(1, 2)), (F(1, 2), F(0), F(1, 2))]


@pytest.mark.parametrize(
    ("nu", "n", "param"), [((F(1, 2), F(1, 3)), 2, "nu"), ((F(1),), -1, "n")]
)
def test_sample_law_refuses_bad_input(nu: tuple[Fraction, ...], n: int, param: str) -> None:
    with pytest.raises(InputError) as err:
        sample_law(nu, n)
    assert err.value.parameter == param


#: The source's exponent per tail: M+ exp(-n t^2), M- exp(-(e/2) n t^2), G+- exp(-n t^2/2).
SOURCE = {"M+": 1.0, "M-": math.e / 2, "G+": 0.5, "G-": 0.5}


@pytest.mark.parametrize("which", sorted(SOURCE))
def test_each_tail_holds_on_exact_laws_with_the_source_constant(which: str) -> None:
    worst = min(
        tail_exponent(nu, n, which) for nu in laws_up_to(3, denom=5) for n in (1, 2, 4, 8, 12)
    )
    assert worst >= SOURCE[which], (which, worst)
    # and the laws come near enough that a constant 3 times the source's is refuted
    assert worst < 3 * SOURCE[which] + 3, (which, worst)


def test_the_missed_value_tail_on_exact_laws() -> None:
    # Pr[nu_0 [x_0 not in s] >= t] = (1 - nu_0)^n for 0 < t <= nu_0, 0 above: <= exp(-n t)
    for nu in laws_up_to(3, denom=5):
        for n in (0, 1, 2, 5, 20):
            law = missed_law(nu, n)
            assert sum((q for a, q in law.outcomes() if a[D_SYM] == nu[0]), F(0)) == (
                (1 - nu[0]) ** n if nu[0] < 1 else F(int(n == 0))
            )
            for t in (F(-1, 2), F(0), nu[0] / 2, nu[0], nu[0] + F(1, 100)):
                pr = sum((q for a, q in law.outcomes() if a[D_SYM] >= t), F(0))
                assert pr <= math.exp(-n * t) * (1 + 1e-12), (nu, n, t)


def test_the_bias_is_exact_and_in_zero_to_one_over_n() -> None:
    for nu in laws_up_to(3, denom=4):
        for n in (1, 2, 3, 6):
            law = sample_law(nu, n)
            eg = sum((a[G_SYM] * q for a, q in law.outcomes()), F(0))
            em = sum((a[M_SYM] * q for a, q in law.outcomes()), F(0))
            closed = sum((x * x * (1 - x) ** (n - 1) for x in nu), F(0))
            assert eg - em == closed
            assert 0 <= eg - em <= F(1, n)


def _bound_power(name: str, power: sp.Basic) -> lib.Lemma:
    lem = lib.LIBRARY[name]
    lhs, rel, rhs = lem.conclusion
    return dataclasses.replace(lem, conclusion=(lhs, rel, rhs**power))


def _without_t_positive(name: str) -> lib.Lemma:
    lem = lib.LIBRARY[name]
    kept = tuple(h for h in lem.hypotheses if h.rel != ">")
    assert len(kept) == len(lem.hypotheses) - 1
    return dataclasses.replace(lem, hypotheses=kept)


def _bias_halved() -> lib.Lemma:
    lem = lib.LIBRARY["Good-Turing bias"]
    lhs, rel, rhs = lem.conclusion
    return dataclasses.replace(lem, conclusion=(lhs, rel, rhs / 2))


PLANTS = {
    "upper tail exp(-4 n t^2)": ("Missing mass (upper tail)",
                                 lambda: _bound_power("Missing mass (upper tail)", 4)),
    "lower tail exp(-6 n t^2)": ("Missing mass (lower tail)",
                                 lambda: _bound_power("Missing mass (lower tail)", 12 / sp.E)),
    "Good-Turing with c_i = 1/n": ("Good-Turing (upper tail)",
                                   lambda: _bound_power("Good-Turing (upper tail)", 4)),
    "missing mass without t > 0": ("Missing mass (upper tail)",
                                   lambda: _without_t_positive("Missing mass (upper tail)")),
    "Good-Turing without t > 0": ("Good-Turing (lower tail)",
                                  lambda: _without_t_positive("Good-Turing (lower tail)")),
    "bias 1/(2n)": ("Good-Turing bias", _bias_halved),
    "missed value exp(-2 n t)": ("Missed value (tail)",
                                 lambda: _bound_power("Missed value (tail)", 2)),
}


@pytest.mark.parametrize("label", sorted(PLANTS))
def test_a_planted_false_variant_is_named_by_the_audit(
    label: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, make = PLANTS[label]
    monkeypatch.setitem(lib.LIBRARY, name, make())
    lemma_audit.clear_cache()
    try:
        failing = lemma_audit.failing_lemmas()
    finally:
        monkeypatch.undo()
        lemma_audit.clear_cache()
    assert name in failing, label
    assert not {n for n in failing if n != name}
