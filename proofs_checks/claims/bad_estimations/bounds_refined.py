r"""Refined lower bounds on :math:`P_H^\delta` (setting of Theorem 6.1), as claims whose every
step is PROVED (SymPy with the named premises; probability steps also checked exactly on
random discrete mean laws). Implemented by :mod:`hallbound.numeric.bounds_refined`.

* ``Theorem 6.1, binned conditioning (corrected)``: :math:`P_H^\delta \ge \sum_m \sum_{K}
  (\nu^m_1 * \cdots * \nu^m_N)[K]` (bins :math:`J_m`, forbidden intervals :math:`F_i^m`); the
  executed sum is the lower end of an Arb ball around it, rounded down (step R9, on the
  trust-base lemma ``Arb ball enclosure``; stated relations name the routine,
  :mod:`hallbound.numeric.bounds_certified`).
* ``Theorem 6.1, two-point enumeration (corrected)``: :math:`P_H^\delta \ge 2^{-Nd}\#\{\text{sign
  patterns with } \|T - x_i\| > r_i\ \forall i\}` (equality for open-ball :math:`U_i`).
* ``Theorem 6.1, two states (corrected)``: for :math:`N = 2`, :math:`P_H^\delta \ge
  \Pr[\|x_2 - x_1\| > \max(r_1/p_2, r_2/p_1)]`.

Notation: :math:`x_j = \mu_j - \mu_0` (independent, Assumption 6.1), :math:`T = A^* - \mu_0 =
\sum_j p_j x_j`, :math:`Y_j = p_j x_j`, :math:`U_i^\delta \subset \bar B(\mu_i, r_i)`.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from hallbound.proofs_checks.claims.bad_estimations import rounding_guards
from hallbound.proofs_checks.claims.common import D_A, N_P, nonneg, positive, unit
from hallbound.proofs_checks.claims.laws import MeanCase, random_case
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.engine.probability import DiscreteLaw, LawCheck
from hallbound.proofs_checks.library.lemma_library import AnyOf, Norm, lemma
from hallbound.proofs_checks.library.randomness import Pr, random_symbol

LABEL = "exact discrete mean laws (rational atoms, weights, radii, bins)"
#: Why the additivity steps stay SUPPORTED (exact on laws, no rule to prove them from): the trust
#: base's ``Additivity (disjoint)`` is for two events; these need a family of symbolic size
#: whose members' disjointness is an identity of events in R^d that no rule checks.
NO_ADDITIVITY = ("no proof here: additivity over a family of symbolic size, whose disjointness "
                 "the engine cannot check (the trust base's additivity is for two events)")


# ----- exact cases -------------------------------------------------------------------------
def _sample(rng: np.random.Generator) -> MeanCase:
    """A random case with per-state radii ``r``, bins ``a0, h, M`` and cell width ``g``."""
    n = int(rng.integers(2, 4))
    r = tuple(Fraction(int(rng.integers(0, 12)), 4) for _ in range(n))
    h = Fraction(int(rng.integers(1, 7)), 4)
    g = h / (int(rng.integers(1, 4)) * n)
    a0 = Fraction(int(rng.integers(-24, 0)), 4)
    bins = int(np.ceil(-2 * a0 / h)) + 1
    m = int(rng.integers(0, bins))
    k = tuple(int(v) for v in rng.integers(-8, 8, size=n))
    extra = {"r": r, "h": h, "g": g, "a0": a0, "bins": bins, "m": m, "k": k}
    return random_case(rng, n=n, **extra)


def _view(case: MeanCase) -> dict[str, Any]:
    out = case.describe()
    for key in ("r", "k"):
        out[key] = [float(v) for v in case.get(key)]
    out["family"] = "U_i = open interval of radius r_i around mu_i"
    return out


def _x(case: MeanCase, mus: tuple) -> list[Fraction]:
    return [m - case.mu0 for m in mus]


def _t(case: MeanCase, mus: tuple) -> Fraction:
    return case.a_star(mus) - case.mu0


def _p_open(case: MeanCase) -> Fraction:
    r = case.get("r")
    return case.prob(lambda m: all(abs(case.a_star(m) - m[i]) >= r[i] for i in range(case.n)))


def _p_strict(case: MeanCase) -> Fraction:
    r = case.get("r")
    return case.prob(lambda m: all(abs(case.a_star(m) - m[i]) > r[i] for i in range(case.n)))


def _bin(case: MeanCase, m: int) -> tuple[Fraction, Fraction]:
    a = case.get("a0") + m * case.get("h")
    return a, a + case.get("h")


def _allowed(case: MeanCase, m: int, j: int, x: Fraction) -> bool:
    """:math:`x_j \\notin F_j^m = [a_m - r_j, a_m + h + r_j]`."""
    a, b = _bin(case, m)
    r = case.get("r")[j]
    return x < a - r or x > b + r


def _event_m(case: MeanCase, m: int) -> Fraction:
    a, b = _bin(case, m)

    def ev(mus: tuple) -> bool:
        x, t = _x(case, mus), _t(case, mus)
        return a <= t < b and all(_allowed(case, m, j, x[j]) for j in range(case.n))

    return case.prob(ev)


def _nu(case: MeanCase, m: int, j: int) -> dict[int, Fraction]:
    r""":math:`\nu^m_{jk} = \Pr[Y_j \in C_k, x_j \notin F_j^m]`, nonzero cells only."""
    g, p, law = case.get("g"), case.p[j], case.laws[j]
    out: dict[int, Fraction] = {}
    for atom, q in zip(law.atoms, law.probs, strict=True):
        x = atom - case.mu0
        if _allowed(case, m, j, x):
            k = (p * x) // g
            out[k] = out.get(k, Fraction(0)) + q
    return out


def _cell_sum(case: MeanCase, m: int) -> Fraction:
    r""":math:`\sum_{K \text{ admissible}} (\nu_1 * \cdots * \nu_N)[K]` for bin ``m``."""
    a, b = _bin(case, m)
    g, n = case.get("g"), case.n
    nus = [_nu(case, m, j) for j in range(n)]
    total = Fraction(0)
    for ks in itertools.product(*[list(v.items()) for v in nus]):
        big_k = sum(k for k, _ in ks)
        if big_k * g >= a and (big_k + n) * g <= b:
            prod = Fraction(1)
            for _, q in ks:
                prod *= q
            total += prod
    return total


def law_ball(case: MeanCase) -> tuple[Fraction, Fraction]:
    return _p_open(case), _p_strict(case)


def law_bins(case: MeanCase) -> tuple[Fraction, Fraction]:
    bins = case.get("bins")
    return _p_strict(case), sum((_event_m(case, m) for m in range(bins)), Fraction(0))


def law_product(case: MeanCase) -> tuple[Fraction, Fraction]:
    m, k, g = case.get("m"), case.get("k"), case.get("g")

    def cell(j: int, x: Fraction) -> bool:
        return k[j] * g <= case.p[j] * x < (k[j] + 1) * g and _allowed(case, m, j, x)

    joint = case.prob(lambda mus: all(cell(j, x) for j, x in enumerate(_x(case, mus))))
    prod = Fraction(1)
    for j, law in enumerate(case.laws):
        prod *= law.prob(lambda a, j=j: cell(j, a - case.mu0))
    return joint, prod


def law_cells(case: MeanCase) -> tuple[Fraction, Fraction]:
    m = case.get("m")
    return _event_m(case, m), _cell_sum(case, m)


def law_whole(case: MeanCase) -> tuple[Fraction, Fraction]:
    bins = case.get("bins")
    return _p_open(case), sum((_cell_sum(case, m) for m in range(bins)), Fraction(0))


def _law(fn, trials: int = 60) -> LawCheck:
    return LawCheck(_sample, fn, _view, trials=trials, label=LABEL)


# ----- two-point cases ---------------------------------------------------------------------
def _two_point_sample(rng: np.random.Generator) -> MeanCase:
    n = int(rng.integers(2, 6))
    mu0 = Fraction(int(rng.integers(-4, 5)), 2)
    laws = []
    for _ in range(n):
        s = Fraction(int(rng.integers(1, 9)), 2)
        laws.append(DiscreteLaw((mu0 - s, mu0 + s), (Fraction(1, 2), Fraction(1, 2))))
    w = [int(v) for v in rng.integers(1, 10, size=n)]
    p = tuple(Fraction(v, sum(w)) for v in w)
    r = tuple(Fraction(int(rng.integers(0, 16)), 4) for _ in range(n))
    return MeanCase(p, tuple(laws), mu0, (("r", r),))


def law_enumeration(case: MeanCase) -> tuple[Fraction, Fraction]:
    """P_> (exact law) against the count over the 2^N equally likely sign patterns."""
    r = case.get("r")
    hits = 0
    for signs in itertools.product((0, 1), repeat=case.n):
        mus = tuple(case.laws[j].atoms[s] for j, s in enumerate(signs))
        t = case.a_star(mus)
        hits += all(abs(t - mus[i]) > r[i] for i in range(case.n))
    return _p_strict(case), Fraction(hits, 2**case.n)


def _two_point_view(case: MeanCase) -> dict[str, Any]:
    out = case.describe()
    out["r"] = [float(v) for v in case.get("r")]
    return out


# ----- two states --------------------------------------------------------------------------
def _two_state_sample(rng: np.random.Generator) -> MeanCase:
    case = _sample(rng)
    base = random_case(rng, n=2)
    return MeanCase(base.p, base.laws, base.mu0, (("r", case.get("r")[:2]),))


def law_two_state(case: MeanCase) -> tuple[Fraction, Fraction]:
    r = case.get("r")
    p1, p2 = case.p
    thr = max(r[0] / p2, r[1] / p1)
    return _p_strict(case), case.prob(lambda m: abs(m[1] - m[0]) > thr)


# ----- shared steps ------------------------------------------------------------------------
def covering_events() -> tuple[sp.Basic, sp.Basic]:
    r"""The events :math:`\bigcup_k \{A^* \in U_k\}` and :math:`\bigcup_k \{\|A^* - \mu_k\|
    \le r_k\}` (:math:`k = 1..N`): the complements of hallucination and of
    :math:`\{\|A^* - \mu_i\| > r_i\ \forall i\}`."""
    nn = sp.Symbol("N", integer=True, positive=True)
    k = sp.Symbol("k", integer=True)
    a_star = random_symbol("A*")
    mu, radius = sp.IndexedBase("mu", real=True), sp.IndexedBase("r", nonnegative=True)
    inside = AnyOf(sp.IndexedBase("A")[k], (k, 1, nn))  # A_k = {A* in U_k}
    covered = AnyOf(sp.Le(Norm(a_star - mu[k]), radius[k]), (k, 1, nn))
    return inside, covered


def covering_assumption() -> tuple[str, sp.Basic, sp.Basic]:
    """Definition 6.3 for every k (U_k inside the closed ball B(mu_k, r_k)), so the union of
    the U_k lies inside the union of the balls: a stated relation of the claim."""
    return ("implies", *covering_events())


def _ball_step(law: LawCheck) -> Step:
    r"""(R0): :math:`P_H = 1 - \Pr[\bigcup_k A_k] \ge 1 - \Pr[\bigcup_k B_k] = P_>`, by the
    library's ``Monotonicity`` at :math:`\bigcup_k A_k \subseteq \bigcup_k B_k`."""
    inside, covered = covering_events()
    return Step(
        "R0 (covering ball)",
        1 - Pr(inside),
        ">=",
        1 - Pr(covered),
        "U_k^delta is inside the closed ball B_k(r_k) (Definition 6.3), so the union of the "
        "U_k is inside the union of the balls: monotonicity of Pr; A* - mu_i = T - x_i",
        kind="probability",
        lemmas=(lemma("Monotonicity", A=inside, B=covered),),
        law=law,
    )


#: R9's symbols: the exact binned sum S, the lower end of the Arb ball computed for it
#: (``bounds_certified.certified_binned_ball``), and the returned float.
BINNED_SUM = sp.Symbol("S_binned", nonnegative=True)
BALL_LOWER = sp.Symbol("lo_ball", real=True)
RETURNED = sp.Symbol("returned", real=True)


def returned_relation() -> sp.Basic:
    """The stated relation of the returned float: ``float_below`` rounds the ball's lower
    end down and the clip at 1 only lowers it: returned <= lo_ball."""
    return sp.Le(RETURNED, BALL_LOWER)


def ball_assumption() -> tuple[sp.Tuple, str, sp.Basic]:
    """The stated relation of R9 (the reading of the executed routine): ``lo_ball`` is the
    lower end of the Arb ball that ``certified_binned_ball`` computes for the binned sum."""
    return (sp.Tuple(BINNED_SUM, BALL_LOWER), "arb-ball", sp.true)


def _arb_step(name: str) -> Step:
    r"""(R9): the returned float :math:`\le` the exact binned sum :math:`S`: it is at most the
    lower end :math:`\ell` of the Arb ball of :math:`S` (rounded down, clipped at 1; stated),
    and :math:`\ell \le S` by ``Arb ball enclosure``."""
    return Step(
        name,
        RETURNED,
        "<=",
        BINNED_SUM,
        "binned_bound returns at most lo_ball (stated): the lower end of the Arb ball that "
        "certified_binned_ball computes for the binned sum S (exact rational grid and "
        "forbidden intervals, CDFs by erfc/exp, convolution by arb_poly products), rounded "
        "down to a float and clipped at 1; the ball contains S (Arb ball enclosure), so "
        "lo_ball <= S",
        kind="inequality",
        note="enclosed in Arb balls (python-flint, 64 bits): each cell mass (CDF differences "
        "at exact rational edges and forbidden ends, erfc/exp/min/max), the N-fold "
        "convolution (arb_poly products), the sums over K and over the bins; the stated "
        "relations read hallbound.numeric.bounds_certified, tested against 100-digit mpmath "
        "sums and planted wrong roundings",
        premises=(
            Premise(returned_relation(), by="hypothesis", solve_for=RETURNED,
                    label="returned <= lo_ball (rounded down, clipped at 1)"),
            Premise(sp.Le(BALL_LOWER, BINNED_SUM),
                    by=lemma("Arb ball enclosure", e=BINNED_SUM, lo=BALL_LOWER),
                    solve_for=BALL_LOWER, label="lo_ball <= S_binned (Arb ball enclosure)"),
        ),
        params=[Param("S_binned", BINNED_SUM, lo=0), Param("lo_ball", BALL_LOWER),
                Param("returned", RETURNED)],
    )


# ----- the claims --------------------------------------------------------------------------
def binned() -> Claim:
    i, j, m = sp.symbols("i j m", integer=True)
    nn = sp.Symbol("N", integer=True, positive=True)
    mm = sp.Symbol("M", integer=True, positive=True)
    e = sp.IndexedBase("e", nonnegative=True)  # Pr[E_m]
    nu = sp.IndexedBase("nu", nonnegative=True)
    kk = sp.IndexedBase("k", integer=True)
    tt = sp.IndexedBase("t", nonnegative=True)
    vv = sp.IndexedBase("v", positive=True)
    p_gt, pgp = unit("P_>")
    w, wp = nonneg("w")
    a = sp.Symbol("a_m", real=True)
    hh, hp = positive("h")
    g, gp = positive("g")
    r, rp = nonneg("r_i")
    eta, ep = nonneg("eta")
    # on E_m: T in the bin J_m = [a_m, a_m + h), and x_i outside F_i^m, on either side of
    # it: one symbol per case (x_i^l, x_i^r), since x_i cannot be on both sides at once
    # (stated together on one x_i, the two cases would contradict each other, and anything
    # would follow from them)
    t_sym, x_left, x_right = sp.symbols("T x_i^l x_i^r", real=True)
    on_bin = (sp.Ge(t_sym, a), sp.Lt(t_sym, a + hh))
    left, right = sp.Lt(x_left, a - r - eta), sp.Gt(x_right, a + hh + r + eta)
    joint = sp.Symbol("Pr[cap_j {Y_j in C_kj, x_j notin F_j}]", nonnegative=True)
    pe, pep = unit("Pr[E_m]")
    conv = sp.IndexedBase("c", nonnegative=True)  # (nu_1 * ... * nu_N)[K]
    big_k = sp.Symbol("K", integer=True)
    steps = [
        _ball_step(_law(law_ball)),
        Step(
            "R1 (left of F_i)",
            t_sym - x_left,
            ">",
            r,
            "T in [a_m, a_m + h) and x_i < a_m - r_i - eta (x_i^l: x_i in this case) give "
            "T - x_i > r_i",
            kind="inequality",
            premises=(
                Premise(on_bin[0], by="hypothesis", solve_for=t_sym, label="T >= a_m (on E_m)"),
                Premise(left, by="hypothesis", solve_for=x_left,
                        label="x_i < a_m - r_i - eta (x_i left of F_i^m, on E_m)"),
            ),
            params=[Param("a_m", a), rp, ep],
        ),
        Step(
            "R2 (right of F_i)",
            x_right - t_sym,
            ">",
            r,
            "T < a_m + h and x_i > a_m + h + r_i + eta (x_i^r: x_i in this case) give "
            "x_i - T > r_i",
            kind="inequality",
            premises=(
                Premise(on_bin[1], by="hypothesis", solve_for=t_sym,
                        label="T < a_m + h (on E_m)"),
                Premise(right, by="hypothesis", solve_for=x_right,
                        label="x_i > a_m + h + r_i + eta (x_i right of F_i^m, on E_m)"),
            ),
            params=[Param("a_m", a), hp, rp, ep],
        ),
        Step(
            "R3 (disjoint bins)",
            p_gt,
            ">=",
            sp.Sum(e[m], (m, 1, mm)),
            "by (R1), (R2) each E_m lies in {|T - x_i| > r_i for all i}; the J_m are disjoint",
            kind="probability",
            given={p_gt: sp.Sum(e[m], (m, 1, mm)) + w},
            premises=("(R1)", "(R2)", "additivity of Pr on disjoint events"),
            params=[pgp, wp],
            law=_law(law_bins),
            note=f"{NO_ADDITIVITY} (the bins J_m, M symbolic)",
        ),
        Step(
            "R4 (independence)",
            joint,
            "=",
            sp.Product(nu[j], (j, 1, nn)),
            "each {Y_j in C_kj, x_j notin F_j^m} depends on mu_j only",
            kind="independence",
            given={joint: sp.Product(nu[j], (j, 1, nn))},
            premises=("Assumption 6.1 (independent mean laws)",),
            law=_law(law_product),
            note="no proof here: the trust base's Independence product is for two events, not "
            "N (symbolic)",
        ),
        Step(
            "R5 (cells, lower end)",
            sp.Sum(g * (kk[j] + tt[j]), (j, 1, nn)),
            ">=",
            g * sp.Sum(kk[j], (j, 1, nn)),
            "Y_j = g (k_j + t_j), t_j in [0, 1): T = sum_j Y_j >= K g",
            kind="inequality",
            params=[gp],
        ),
        Step(
            "R6 (cells, upper end)",
            sp.Sum(g * (kk[j] + 1 - vv[j]), (j, 1, nn)),
            "<",
            g * sp.Sum(kk[j] + 1, (j, 1, nn)),
            "Y_j = g (k_j + 1 - v_j), v_j in (0, 1]: T < sum_j (k_j + 1) g = (K + N) g",
            kind="inequality",
            params=[gp],
        ),
        Step(
            "R7 (admissible K)",
            pe,
            ">=",
            sp.Sum(conv[big_k], (big_k, 1, mm)),
            "by (R4)-(R6) the cell events with a_m <= K g, (K + N) g <= a_m + h are disjoint "
            "sub-events of E_m, of total mass sum_K (nu_1 * ... * nu_N)[K]; dropped cells "
            "only lose mass",
            kind="probability",
            given={pe: sp.Sum(conv[big_k], (big_k, 1, mm)) + w},
            premises=("(R4)", "(R5)", "(R6)", "additivity of Pr on disjoint events"),
            params=[pep, wp],
            law=_law(law_cells),
            note=f"{NO_ADDITIVITY} (the cells K)",
        ),
        Step(
            "R8 (whole bound)",
            "P_H",
            ">=",
            "sum_m sum_K (nu_1^m * ... * nu_N^m)[K]",
            "(R0), (R3), (R7)",
            kind="definition",
            law=_law(law_whole, trials=40),
            note="no proof here: its sides are text (sums of convolutions over bins), and "
            "two of the steps it composes, (R3) and (R7), are SUPPORTED; checked exactly",
        ),
        _arb_step("R9 (floating error)"),
    ]
    return Claim(
        "Theorem 6.1, binned conditioning (corrected)",
        "P_H^delta >= sum_m sum_{K: a_m <= K g, (K+N) g <= a_m + h} "
        "(nu_1^m * ... * nu_N^m)[K] (returned: the lower end of its Arb ball, rounded down)",
        [N_P],
        steps,
        source="corrected",
        corrects="Theorem 6.1",
        section="6",
        domain="Assumption 6.1 (independent mean laws, common mean), d_a = 1, location "
        "families (r_i deterministic), any bins and cell width; see "
        "hallbound.numeric.bounds_refined.binned_bound",
        # Definition 6.3, and the conditions that define E_m (each case of x_i notin F_i^m)
        assumptions=[covering_assumption(), *on_bin, left, right, ball_assumption(),
                     returned_relation()],
    )


def enumeration() -> Claim:
    nn = sp.Symbol("N", integer=True, positive=True)
    dd = sp.Symbol("d_a", integer=True, positive=True)
    cnt, cp = nonneg("count")
    p_gt, pgp = unit("P_>")
    steps = [
        _ball_step(LawCheck(_two_point_sample, law_ball, _two_point_view, trials=60, label=LABEL)),
        Step(
            "E1 (uniform patterns)",
            sp.Rational(1, 2) ** (nn * dd),
            "=",
            2 ** (-nn * dd),
            "a pattern's probability: the product of N d independent fair coins (Assumption 6.1)",
            kind="independence",
            premises=("Assumption 6.1 (independent mean laws)",),
        ),
        Step(
            "E2 (count)",
            p_gt,
            "=",
            cnt / 2 ** (nn * dd),
            "P_> is the sum over the patterns in the event of 2^(-N d), by (E1)",
            kind="probability",
            given={p_gt: cnt / 2 ** (nn * dd)},
            premises=("(E1)",),
            params=[cp, pgp],
            law=LawCheck(
                _two_point_sample, law_enumeration, _two_point_view, trials=80, label=LABEL
            ),
            note=f"{NO_ADDITIVITY} (the 2^(N d) patterns, N and d symbolic)",
        ),
        *rounding_guards.steps(),
    ]
    return Claim(
        "Theorem 6.1, two-point enumeration (corrected)",
        "P_H^delta >= 2^(-N d) #{sign patterns with ||T - x_i|| > r_i for all i}",
        [N_P, D_A],
        steps,
        source="corrected",
        corrects="Theorem 6.1",
        section="6",
        domain="Assumption 6.1 with two-point mean laws mu_jk = mu_0 +/- s_jk; location "
        "families; equality when U_i is the open ball; see "
        "hallbound.numeric.bounds_refined.two_point_bound",
        # Definition 6.3, and the standard model of floating point on a counted pattern
        assumptions=[covering_assumption(), rounding_guards.model_relation()],
        definitions=rounding_guards.definitions(),
    )


def two_states() -> Claim:
    p1, pp1 = unit("p_1", lo_open=True, hi_open=True)
    x1, x2 = sp.symbols("x_1 x_2", real=True)
    dn, dp = nonneg("||D||")
    r1, rp1 = nonneg("r_1")
    r2, rp2 = nonneg("r_2")
    p_gt, pgp = unit("P_>")
    q, qp = unit("Pr[||D|| > max(r_1/p_2, r_2/p_1)]")
    # the event {||D|| > max(r_1/p_2, r_2/p_1)}: ||D|| above both thresholds (p_2 = 1 - p_1)
    far = (sp.Gt(dn, r1 / (1 - p1)), sp.Gt(dn, r2 / p1))
    steps = [
        _ball_step(LawCheck(_two_state_sample, law_ball, _view2, trials=60, label=LABEL)),
        Step(
            "S1 (collinear)",
            p1 * x1 + (1 - p1) * x2 - x1,
            "=",
            (1 - p1) * (x2 - x1),
            "T - x_1 = p_2 D with D = x_2 - x_1, p_2 = 1 - p_1",
            params=[pp1, Param("x_1", x1), Param("x_2", x2)],
        ),
        Step(
            "S2 (collinear)",
            p1 * x1 + (1 - p1) * x2 - x2,
            "=",
            -p1 * (x2 - x1),
            "T - x_2 = -p_1 D",
            params=[pp1, Param("x_1", x1), Param("x_2", x2)],
        ),
        Step(
            "S3a (state 1)",
            (1 - p1) * dn,
            ">",
            r1,
            "||D|| > max(r_1/p_2, r_2/p_1) >= r_1/p_2 gives ||T - x_1|| = p_2 ||D|| > r_1",
            kind="inequality",
            premises=(Premise(far[0], by="hypothesis", solve_for=dn,
                              label="||D|| > r_1/p_2 (on the event)"),),
            params=[pp1, rp1, dp],
        ),
        Step(
            "S3b (state 2)",
            p1 * dn,
            ">",
            r2,
            "||D|| > r_2/p_1 gives ||T - x_2|| = p_1 ||D|| > r_2; conversely (S3a), (S3b) "
            "need ||D|| > both thresholds",
            kind="inequality",
            premises=(Premise(far[1], by="hypothesis", solve_for=dn,
                              label="||D|| > r_2/p_1 (on the event)"),),
            params=[pp1, rp2, dp],
        ),
        Step(
            "S4 (exact)",
            p_gt,
            "=",
            q,
            "by (S1)-(S3b) {||T - x_i|| > r_i, i = 1, 2} = {||D|| > max(r_1/p_2, r_2/p_1)}",
            kind="probability",
            given={p_gt: q},
            premises=("(S1)", "(S2)", "(S3a)", "(S3b)"),
            params=[pgp, qp],
            law=LawCheck(_two_state_sample, law_two_state, _view2, trials=60, label=LABEL),
            note="no proof here: an identity of events in R^d (||T - x_i|| = p_(3-i) ||D||) "
            "that the event rules take only as a stated relation",
        ),
    ]
    return Claim(
        "Theorem 6.1, two states (corrected)",
        "N = 2: P_H^delta >= Pr[||mu_2 - mu_1|| > max(r_1/p_2, r_2/p_1)]",
        [D_A],
        steps,
        source="corrected",
        corrects="Theorem 6.1",
        section="6",
        domain="Assumption 6.1, N = 2, location families; see "
        "hallbound.numeric.bounds_refined.two_state_exact",
        # Definition 6.3, and the conditions that define the event of the statement
        assumptions=[covering_assumption(), *far],
    )


def _view2(case: MeanCase) -> dict[str, Any]:
    out = case.describe()
    out["r"] = [float(v) for v in case.get("r")]
    return out


def claims() -> list[Claim]:
    return [binned(), enumeration(), two_states()]
