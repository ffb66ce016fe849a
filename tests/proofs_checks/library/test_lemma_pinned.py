"""Pinned tight cases of the library lemmas, with both sides computed by hand.

Issue 19, item 8: the property tests draw random cases, on which a strengthened constant
usually still holds (Chebyshev with Var/(2a^2), Paley-Zygmund with (1-theta), Hoeffding with
sum(b-a) unsquared all passed them). A tight case, where the conclusion holds with equality or
nearly, catches any strengthening: :data:`~hallbound.proofs_checks.library.lemma_audit.PINNED` holds
textbook extremal cases, and this file checks each against values derived by hand (below,
with the derivation), so that the pinned cases are really tight, then shows that scaling the
bound by a factor just beyond the case's slack makes the pinned check fail.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import mpmath
import pytest
import sympy as sp

from hallbound.proofs_checks.library.lemma_audit import (
    PINNED,
    Case,
    _Undefined,
    ball_volume_reference,
    check_pinned,
    run,
)
from hallbound.proofs_checks.library.lemma_library import LIBRARY

F = Fraction


def _upper_gauss_tail(x: int) -> mpmath.mpf:
    """1 - Phi(x) by quadrature of the density (not through erfc, as the lemma writes it)."""
    with mpmath.workdps(60):
        return mpmath.quad(lambda s: mpmath.exp(-(s**2) / 2) / mpmath.sqrt(2 * mpmath.pi),
                           [x, x + 5, x + 20, mpmath.inf])


def _gauss_density(x: int) -> mpmath.mpf:
    with mpmath.workdps(60):
        return mpmath.exp(-mpmath.mpf(x) ** 2 / 2) / mpmath.sqrt(2 * mpmath.pi)


E = sp.E
PI = sp.pi

#: Both sides of the conclusion at each pinned case, in the order of PINNED, by hand:
HAND: dict[str, list[tuple[object, object]]] = {
    # X in {0, 2}, Pr[X = 2] = 1/4, a = 2: Pr[X >= 2] = 1/4; E[X]/a = (2/4)/2 = 1/4
    "Markov": [(F(1, 4), F(1, 4))],
    # X = Y in {-1, 3}, Pr[X = 3] = 1/3: E[X] = -2/3 + 1 = 1/3 on both sides
    "Monotonicity (expectations)": [(F(1, 3), F(1, 3))],
    # c = 3, X fair on {0, 1}: E[3X] = 3/2 = 3 E[X]
    "Linearity (constant factor)": [(F(3, 2), F(3, 2))],
    # X in {-2, 0, 2} w.p. 1/4, 1/2, 1/4, a = 2: Pr[|X| >= 2] = 1/2; Var X = 4/2 = 2, 2/4
    "Chebyshev": [(F(1, 2), F(1, 2))],
    # X = +-1 w.p. 1/2, a = 1: Pr[X >= 1] = 1/2; Var = 1, 1/(1 + 1) = 1/2
    "Cantelli": [(F(1, 2), F(1, 2))],
    # x = (1, 2), y = (2, 4): (2 + 8)^2 = 100; (1 + 4)(4 + 16) = 100
    "Cauchy-Schwarz (sums)": [(100, 100)],
    # X in {1, 3} fair, Y = 2X: E[XY] = 2 E[X^2] = 2 * 5; (10)^2 = 100 = 5 * 20
    "Cauchy-Schwarz (expectations)": [(100, 100)],
    # phi(s) = 2s + 1, X fair on {-1, 3}: phi(1) = 3 = E[2X + 1];
    # phi(s) = s^2 + s, X = 3: 12 = 12
    "Jensen": [(3, 3), (12, 12)],
    # X fair on {0, 1}, A = {X <= 0}, B = {X >= 1}: Pr[A or B] = 1 = 1/2 + 1/2
    "Union bound": [(1, 1)],
    # X uniform on {1, 2, 3}, A_k = {X = k}: 1 = 3 * 1/3
    "Union bound (family)": [(1, 1)],
    # X fair on {0, 2}, A = {X >= 2}, B = {X >= 1}: both 1/2
    "Monotonicity": [(F(1, 2), F(1, 2))],
    # X uniform on {0, 1, 2}, A = {X >= 1}, B = {X >= 2}: 2/3 = 1/3 + 1/3
    "Total probability": [(F(2, 3), F(2, 3))],
    # X fair on {0, 1}: Pr[not X >= 1] = 1/2 = 1 - 1/2; A = {X >= 5} empty: 1 = 1 - 0
    "Complement": [(F(1, 2), F(1, 2)), (1, 1)],
    # X fair on {0, 1}, A = {X <= 0}, B = {X >= 1}: Pr[A or B] = 1 = 1/2 + 1/2
    "Additivity (disjoint)": [(1, 1)],
    # X uniform on {1, 2, 3}, A_k = {X = k}: Pr[union] = 1 = 1/3 + 1/3 + 1/3
    "Additivity (family)": [(1, 1)],
    # three independent fair bits, A_i = {X_i >= 1}: Pr[all] = 1/8 = (1/2)^3
    "Independence product (family)": [(F(1, 8), F(1, 8))],
    # two independent fair bits: Pr[X1 = 1, X2 = 1] = 1/4 = 1/2 * 1/2
    "Independence product": [(F(1, 4), F(1, 4))],
    # T in {0, 2}, Pr[T = 2] = 1/4, theta = 0: Pr[T > 0] = 1/4; E T = 1/2, E T^2 = 1: 1/4.
    # T in {1/2, 11/2} w.p. 9/10, 1/10, theta = 1/2: E T = 9/20 + 11/20 = 1, so
    # Pr[T > 1/2] = 1/10; E T^2 = 9/40 + 121/40 = 13/4: (1/2)^2 * 1 / (13/4) = 1/13
    "Paley-Zygmund": [(F(1, 4), F(1, 4)), (F(1, 10), F(1, 13))],
    # x = (1, 2), y = (1, 4), p = 3, q = 3/2: 1 + 8 = 9; (1 + 8)^(1/3) (1 + 8)^(2/3) = 9
    "Hoelder": [(9, 9)],
    "AM-GM": [(3, 3)],  # sqrt(9) = 3 = (3 + 3)/2
    "AM-GM (n terms)": [(2, 2)],  # 8^(1/3) = 2 = 6/3
    # X on {0, 4}, Pr[X = 4] = 1/4, t = 3: Pr[X - 1 >= 3] = 1/4; exp(-2 * 9 / 16).
    # Two fair bits, t = 1: Pr[S - 1 >= 1] = 1/4; exp(-2 * 1 / 2)
    "Hoeffding": [(F(1, 4), E ** F(-9, 8)), (F(1, 4), E**-1)],
    "McDiarmid": [(F(1, 4), E ** F(-9, 8)), (F(1, 4), E**-1)],
    # x = 10: 1 - Phi(10) against phi(10)/10 and 10/101 phi(10)
    "Gaussian tail (Mills)": [(_upper_gauss_tail(10), _gauss_density(10) / 10)],
    "Gaussian tail (lower)": [(_upper_gauss_tail(10), mpmath.mpf(10) / 101 * _gauss_density(10))],
    # V_1(3) = 6; V_2(1) = pi; V_3(3/2) = 4/3 pi (27/8) = 9 pi / 2
    "Ball volume": [(6, 6), (PI, PI), (9 * PI / 2, 9 * PI / 2)],
    # X uniform on [0, 1), Y = 3: the density of X + 3 is 1 on [3, 4). In R^2, X uniform on
    # [0, 1/2)^2 and Y = (1, 1): both densities are 2 * 2 = 4
    "Sup density (convolution)": [(1, 1), (4, 4)],
    # 2X uniform on [0, 2): density 1/2 = 1/2^1; X/(-2) uniform on (-1/2, 0]^2: 2^2 = 4 = 1/(1/4)
    "Sup density (scaling)": [(F(1, 2), F(1, 2)), (4, 4)],
    # X uniform on [-1, 1), r = 1: Pr[|X| <= 1] = 1; sup f = 1/2, vol B_1(1) = 2
    "Ball mass": [(1, 1)],
    "Expectation of a constant": [(3, 3)],  # E[3] = 3
    # X uniform on {0, 1, 2}, B = {X >= 1}: E[X] = 1; (2/3) E[X | B] + (1/3) E[X | not B]
    # = (2/3)(3/2) + (1/3) 0 = 1
    "Total expectation": [(1, 1)],
    "Triangle": [(5, 5)],  # |2 + 3| = 5 = 2 + 3
    # |(3, 6)| = 3 sqrt 5 = sqrt 5 + 2 sqrt 5
    "Triangle (norm)": [(3 * sp.sqrt(5), 3 * sp.sqrt(5))],
    "Reverse triangle": [(3, 3)],  # |5 - 2| = 3 = 5 - 2
    # nu = (1/2, 1/2), n = 5: M = 1/2 iff one value is missed, Pr = 2/2^5 = 1/16, else 0;
    # E M = 1/32, so M - E M >= 15/32 iff M = 1/2; exp(-5 (15/32)^2) = exp(-1125/1024)
    "Missing mass (upper tail)": [(F(1, 16), E ** F(-1125, 1024))],
    # nu uniform on 3 values, n = 4: E M = 3 (1/3)(2/3)^4 = 16/81; E M - M >= 16/81 iff M = 0
    # (all seen): 1 - (3 (2/3)^4 - 3 (1/3)^4) = 4/9; exp(-(e/2) 4 (16/81)^2) = exp(-512 e/6561)
    "Missing mass (lower tail)": [(F(4, 9), sp.exp(-512 * E / 6561))],
    # one value, n = 1: the draw is a singleton (G = 1) and nothing is missed (M = 0): 1 = 1/1
    "Good-Turing bias": [(1, 1)],
    # nu uniform on 10 values, n = 1: M = 9/10 surely, G = 1 surely
    "Good-Turing bias (sign)": [(F(9, 10), 1)],
    # nu = (1/6, 5/6), n = 2: G = 1 iff the draws differ, Pr = 2 (1/6)(5/6) = 5/18 = E G;
    # G - E G >= 13/18 iff G = 1; exp(-2 (13/18)^2 / 2) = exp(-169/324)
    "Good-Turing (upper tail)": [(F(5, 18), E ** F(-169, 324))],
    # nu uniform on 3 values, n = 2: G = 1 iff the draws differ (2/3 = E G); E G - G >= 2/3 iff
    # G = 0, Pr = 1/3; exp(-2 (2/3)^2 / 2) = exp(-4/9)
    "Good-Turing (lower tail)": [(F(1, 3), E ** F(-4, 9))],
    # nu = (1/6, 5/6), n = 1, t = p = 1/6: the value is missed with probability 5/6;
    # exp(-n t) = exp(-1/6)
    "Missed value (tail)": [(F(5, 6), E ** F(-1, 6))],
    # (X, Y) = (10, 0) or (0, 10) fairly, c = d = 1/2, a = b = 1: |X + Y + 1/2| = 10.5 >= 2.5
    # surely (1); Pr[X >= 1] + Pr[-X >= 1] + Pr[Y >= 1] + Pr[-Y >= 1] = 1/2 + 0 + 1/2 + 0
    "Union bound (triangle)": [(1, 1)],
    # nu = (1/2, 1/2), n = 1: one value is always missed, Pr[Mbar > 0.49] = 1 against
    # exp(-0.49)/0.49
    "Missed heavy value (union)": [(1, E ** F(-49, 100) * F(100, 49))],
    # one fair term in {0, 1}, w = 1: Pr[Y <= 1/2 - 1/2, 1 <= 1] = 1/2 against exp(-2/4)
    "Hoeffding (conditional)": [(F(1, 2), E ** F(-1, 2))],
    # Arb's lower end for erfc(1/3) + exp(-1/7) (the case's lo, within 2^-58 below it) and
    # the exact value (60 digits)
    "Arb ball enclosure": [(PINNED["Arb ball enclosure"][0].case.args["lo"],
                            sp.erfc(sp.Rational(1, 3)) + sp.exp(-sp.Rational(1, 7)))],
}

#: How far from equality each near-tight case is allowed to be (bound / probability, or the
#: inverse for a lower bound); 1 for an equality
SLACK = {
    ("Paley-Zygmund", 1): 1.31,  # 10/13
    ("Hoeffding", 0): 1.31,  # exp(-9/8) / (1/4) = 1.2988
    ("Hoeffding", 1): 1.48,  # exp(-1) / (1/4) = 1.4715
    ("McDiarmid", 0): 1.31,
    ("McDiarmid", 1): 1.48,
    ("Gaussian tail (Mills)", 0): 1.0102,  # 1/(1 - 1/x^2 + 3/x^4) at x = 10
    ("Gaussian tail (lower)", 0): 1.0003,  # 1 - 2/x^4 at x = 10
    ("Missing mass (upper tail)", 0): 5.34,  # 16 exp(-1125/1024) = 5.3337
    ("Missing mass (lower tail)", 0): 1.83,  # (9/4) exp(-512 e/6561) = 1.8200
    ("Good-Turing (upper tail)", 0): 2.14,  # (18/5) exp(-169/324) = 2.1369
    ("Good-Turing (lower tail)", 0): 1.93,  # 3 exp(-4/9) = 1.9237
    ("Good-Turing bias (sign)", 0): 1.12,  # 10/9
    ("Missed value (tail)", 0): 1.016,  # (6/5) exp(-1/6) = 1.01578
    ("Missed heavy value (union)", 0): 1.26,  # exp(-0.49)/0.49 = 1.2496
    ("Hoeffding (conditional)", 0): 1.22,  # 2 exp(-1/2) = 1.2131
    # a ball of radius ~2^-63 at 64 bits (a Fraction: 1 + 2**-58 is 1.0 as a float)
    ("Arb ball enclosure", 0): 1 + Fraction(1, 2**58),
}

PINS = [(name, k) for name in sorted(PINNED) for k in range(len(PINNED[name]))]


def _num(v: object) -> mpmath.mpf:
    with mpmath.workdps(60):
        if isinstance(v, Fraction):
            return mpmath.mpf(v.numerator) / v.denominator
        if isinstance(v, mpmath.mpf):
            return v
        return mpmath.mpf(sp.N(sp.sympify(v), 60))


def _close(a: object, b: object) -> bool:
    x, y = _num(a), _num(b)
    return abs(x - y) <= mpmath.mpf(10) ** -40 * (1 + abs(x) + abs(y))


def test_every_lemma_has_a_pinned_case_and_hand_values() -> None:
    assert set(PINNED) == set(LIBRARY)
    assert {n: len(v) for n, v in HAND.items()} == {n: len(v) for n, v in PINNED.items()}


@pytest.mark.parametrize(("name", "k"), PINS)
def test_pinned_case_has_the_hand_values_and_is_tight(name: str, k: int) -> None:
    lem = LIBRARY[name]
    out = run(lem, PINNED[name][k].case)
    assert out.status == "holds", (name, k, out)
    want_lhs, want_rhs = HAND[name][k]
    assert _close(out.lhs, want_lhs), (name, k, out.lhs, want_lhs)
    assert _close(out.rhs, want_rhs), (name, k, out.rhs, want_rhs)
    rel = lem.conclusion[1]
    small, big = (want_lhs, want_rhs) if rel in ("<=", "<", "=") else (want_rhs, want_lhs)
    with mpmath.workdps(60):  # whatever precision another test module left set
        ratio = _num(big) / _num(small)
        slack = _num(SLACK.get((name, k), 1 + Fraction(1, 10**40)))
        assert 1 <= ratio <= slack, (name, k, ratio, slack)


def _strengthened(name: str, factor: float) -> object:
    """The lemma with its bound made ``factor`` times stronger (an identity: rescaled)."""
    lem = LIBRARY[name]
    lhs, rel, rhs = lem.conclusion
    k = sp.Rational(str(factor))
    new = rhs / k if rel in ("<=", "<") else rhs * k
    return dataclasses.replace(lem, conclusion=(lhs, rel, new))


@pytest.mark.parametrize(("name", "k"), PINS)
def test_a_strengthened_constant_fails_the_pinned_case(name: str, k: int) -> None:
    factor = SLACK.get((name, k), 1.0) * 1.001
    strong = _strengthened(name, factor)
    out = run(strong, PINNED[name][k].case)
    assert out.status == "false", (name, k, out)
    assert check_pinned(strong) is not None
    assert check_pinned(LIBRARY[name]) is None


def test_ball_volume_reference_by_hand() -> None:
    # textbook values: 2r, pi r^2, 4/3 pi r^3, pi^2 r^4 / 2, 8/15 pi^2 r^5
    r = sp.Rational(3, 2)
    want = {1: 2 * r, 2: PI * r**2, 3: F(4, 3) * PI * r**3, 4: PI**2 * r**4 / 2,
            5: sp.Rational(8, 15) * PI**2 * r**5}
    for d, v in want.items():
        assert sp.simplify(ball_volume_reference(d, r) - v) == 0, d
    assert ball_volume_reference(3, -1) == 0  # {|x| <= -1} is empty
    for bad in ((0, 1), (-1, 1), (sp.Rational(1, 2), 1)):
        with pytest.raises(_Undefined):
            ball_volume_reference(*bad)


def test_the_pinned_cases_kill_the_issue_mutants() -> None:
    # C2 Var/(2a^2), C3 (1 - theta), C8 sum(b - a) unsquared: each fails a pinned case
    cheb = LIBRARY["Chebyshev"]
    lhs, rel, rhs = cheb.conclusion
    assert check_pinned(dataclasses.replace(cheb, conclusion=(lhs, rel, rhs / 2))) is not None
    pz = LIBRARY["Paley-Zygmund"]
    lhs, rel, rhs = pz.conclusion
    theta = next(p.placeholder for p in pz.params if p.name == "theta")
    weaker_factor = rhs / (1 - theta)  # (1-theta) E[T]^2 / E[T^2]
    assert check_pinned(dataclasses.replace(pz, conclusion=(lhs, rel, weaker_factor))) is not None
    hoeff = LIBRARY["Hoeffding"]
    lhs, rel, rhs = hoeff.conclusion
    (total,) = rhs.atoms(sp.Sum)
    i = total.limits[0][0]
    a, b = (next(p.placeholder for p in hoeff.params if p.name == s) for s in "ab")
    unsquared = sp.Sum(b[i] - a[i], *total.limits)
    c8 = dataclasses.replace(hoeff, conclusion=(lhs, rel, rhs.xreplace({total: unsquared})))
    assert c8.conclusion != hoeff.conclusion
    found = check_pinned(c8)
    assert found is not None and found.outcome.status == "false"


def test_a_pinned_case_outside_the_hypotheses_is_reported() -> None:
    lem = LIBRARY["Markov"]
    bad = Case({"X": PINNED["Markov"][0].case.args["X"], "a": -1}, PINNED["Markov"][0].case.law)
    found = check_pinned(lem, [dataclasses.replace(PINNED["Markov"][0], case=bad)])
    assert found is not None and found.outcome.status == "skipped"
    assert "pinned" in found.text() and "\n" not in found.text()
