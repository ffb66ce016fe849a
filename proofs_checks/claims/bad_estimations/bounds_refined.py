r"""Refined lower bounds on :math:`P_H^\delta` (setting of Theorem 6.1), as claims whose every
step is PROVED (SymPy with the named premises, trust-base lemma instances; probability steps
also checked exactly on random discrete mean laws) or CERTIFIED (the rounding guard), and
whose chains close on a symbolic statement. Implemented by
:mod:`hallbound.numeric.bounds_refined`.

How the statements are read (each a relation over the parameters' domains):

* ``Theorem 6.1, binned conditioning (corrected)``: :math:`P_H^\delta \ge \sum_m \sum_{K}
  (\nu^m_1 * \cdots * \nu^m_N)[K]` (bins :math:`J_m`, forbidden intervals :math:`F_i^m`),
  each convolution written out: :math:`P_H \ge \sum_{k=1}^{L} \prod_{i=1}^N \Pr[D_{k,i}]`
  over the :math:`L` admissible cells :math:`k = (m, k_1, \dots, k_N)`. The chain: the
  complement, the cells inside :math:`\{\|T - x_i\| > r_i\ \forall i\}` (Monotonicity),
  pairwise disjoint (``Additivity (family)``), each the intersection of events of the
  independent :math:`x_i` (``Independence product (family)``). The
  executed sum is the lower end of an Arb ball around it, rounded down (step R9, on the
  trust-base lemma ``Arb ball enclosure``; stated relations name the routine,
  :mod:`hallbound.numeric.bounds_certified`).
* ``Theorem 6.1, two-point enumeration (corrected)``: :math:`P_H^\delta \ge 2^{-Nd}\#\{\text{sign
  patterns with } \|T - x_i\| > r_i\ \forall i\}` (equality for open-ball :math:`U_i`): the
  same chain over the counted patterns, each the intersection of :math:`Nd` independent fair
  signs.
* ``Theorem 6.1, two states (corrected)``: for :math:`N = 2`, :math:`P_H^\delta \ge
  \Pr[\|x_2 - x_1\| > \max(r_1/p_2, r_2/p_1)]`: the event implies that :math:`A^*` is
  outside both balls (z3, from :math:`\|A^* - \mu_1\| = p_2\|D\|`, :math:`\|A^* - \mu_2\| =
  p_1 \|D\|`, stated).

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


def law_cells_total(case: MeanCase) -> tuple[Fraction, Fraction]:
    """Pr[||T - x_i|| > r_i for all i] against the total mass of the admissible cells."""
    bins = case.get("bins")
    return _p_strict(case), sum((_cell_sum(case, m) for m in range(bins)), Fraction(0))


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
NN = sp.Symbol("N", integer=True, positive=True)
K_IX, I_IX = sp.symbols("k i", integer=True)  # the cell/pattern index and the factor index
A_STAR = random_symbol("A*")
MU, RADIUS = sp.IndexedBase("mu", real=True), sp.IndexedBase("r", nonnegative=True)
INSIDE_BASE = sp.IndexedBase("A")  # A_k = {A* in U_k}


def covering_events() -> tuple[sp.Basic, sp.Basic]:
    r"""The events :math:`\bigcup_k \{A^* \in U_k\}` and :math:`\bigcup_k \{\|A^* - \mu_k\|
    \le r_k\}` (:math:`k = 1..N`): the complements of hallucination and of
    :math:`\{\|A^* - \mu_i\| > r_i\ \forall i\}`."""
    k = K_IX
    inside = AnyOf(INSIDE_BASE[k], (k, 1, NN))
    covered = AnyOf(sp.Le(Norm(A_STAR - MU[k]), RADIUS[k]), (k, 1, NN))
    return inside, covered


def covering_assumption() -> tuple[str, sp.Basic, sp.Basic]:
    """Definition 6.3 for every k (U_k inside the closed ball B(mu_k, r_k)), so the union of
    the U_k lies inside the union of the balls: a stated relation of the claim."""
    return ("implies", *covering_events())


def _ball_step(law: LawCheck, events: tuple[sp.Basic, sp.Basic] | None = None) -> Step:
    r"""(R0): :math:`P_H = 1 - \Pr[\bigcup_k A_k] \ge 1 - \Pr[\bigcup_k B_k] = P_>`, by the
    library's ``Monotonicity`` at :math:`\bigcup_k A_k \subseteq \bigcup_k B_k`."""
    inside, covered = events or covering_events()
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


def _complement_step(name: str, covered: sp.Basic) -> Step:
    r"""``1 - Pr[covered] = Pr[not covered]`` (the library's ``Complement``)."""
    return Step(
        name,
        Pr(sp.Not(covered)),
        "=",
        1 - Pr(covered),
        "the complement of the union of the closed balls is {||T - x_i|| > r_i for all i}",
        kind="probability",
        lemmas=(lemma("Complement", A=covered),),
    )


def stated_hypotheses(inst: Any) -> list[Any]:
    """The hypotheses of a lemma instance as the claim states them: each quantified index (a
    fresh dummy in the instance) written as the plain integer symbol of its name."""
    out = []
    for h in inst.hypotheses:
        ren = {v: sp.Symbol(v.name, integer=True) for v, _, _ in h.over}
        out.append(h.map(lambda e, ren=ren: sp.sympify(e).xreplace(ren)))
    return out


def ph_definition() -> tuple[sp.Symbol, Param, dict[sp.Basic, sp.Basic]]:
    """``P_H := 1 - Pr[union_k A_k]`` (a claim definition)."""
    ph, php = unit("P_H")
    return ph, php, {ph: 1 - Pr(covering_events()[0])}


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


def product_family(
    coins: sp.Basic, rows: sp.IndexedBase, n: sp.Basic
) -> tuple[Any, sp.Basic, sp.Basic]:
    r"""The ``Independence product (family)`` instance for row :math:`k` of ``rows``
    (:math:`D_{k,1}, \dots, D_{k,n}`, :math:`D_{k,i}` a function of ``coins[i]``): the
    instance, the row's intersection event and the product of its probabilities."""
    inst = lemma("Independence product (family)", X=coins,
                 A=sp.Lambda(I_IX, rows[K_IX, I_IX]), n=n)
    lhs, _, rhs = inst.conclusion
    return inst, lhs.args[0], rhs


def family_steps(
    prefix: str, covered: sp.Basic, cell: sp.Basic, size: sp.Basic, law: LawCheck | None,
    product: tuple[Any, sp.Basic], law_product: LawCheck | None = None,
) -> list[Step]:
    r"""The steps from :math:`P_>` to :math:`\sum_k \prod_i \Pr[D_{k,i}]`: the complement
    (``{prefix}a``), the cells inside the event (``b``, Monotonicity), their disjoint union
    (``c``, Additivity (family)), each cell a product (``d``, Independence product (family)),
    the sum of the products (``e``)."""
    inst_prod, prod = product
    union = AnyOf(cell, (K_IX, 1, size))
    add = lemma("Additivity (family)", A=sp.Lambda(K_IX, cell), n=size)
    sum_cells = add.conclusion[2]
    return [
        _complement_step(f"{prefix}a (complement)", covered),
        Step(f"{prefix}b (cells inside)", Pr(sp.Not(covered)), ">=", Pr(union),
             "each cell k lies in {||T - x_i|| > r_i for all i} (stated; by (R1), (R2), "
             "(R5), (R6) for the bins): monotonicity of Pr", kind="probability",
             lemmas=(lemma("Monotonicity", A=union, B=sp.Not(covered)),), law=law),
        Step(f"{prefix}c (disjoint cells)", Pr(union), "=", sum_cells,
             "the cells are pairwise disjoint (stated): additivity of Pr over the family",
             kind="probability", lemmas=(add,)),
        Step(f"{prefix}d (independence)", Pr(cell), "=", prod,
             "cell k is the intersection of events D_(k,i), each a function of the i-th "
             "independent coordinate (Assumption 6.1): the product rule", kind="probability",
             lemmas=(inst_prod,), law=law_product),
        Step(f"{prefix}e (sum of products)", sum_cells, "=", sp.Sum(prod, (K_IX, 1, size)),
             f"({prefix}d) for every cell k", kind="probability",
             premises=(Premise(sp.Eq(Pr(cell), prod), by=f"{prefix}d (independence)",
                               solve_for=Pr(cell)),)),
    ]


def family_assumptions(covered: sp.Basic, cell: sp.Basic, size: sp.Basic,
                       inst_prod: Any) -> list[Any]:
    """The stated facts the family steps use: the cells inside the event, pairwise disjoint
    (the hypothesis of Additivity (family)), and the product rule's hypotheses."""
    add = lemma("Additivity (family)", A=sp.Lambda(K_IX, cell), n=size)
    return [("implies", AnyOf(cell, (K_IX, 1, size)), sp.Not(covered)),
            *stated_hypotheses(add), *stated_hypotheses(inst_prod)]


# ----- the claims --------------------------------------------------------------------------
def _bin_steps() -> tuple[list[Step], list[Any]]:
    """(R1), (R2), (R5), (R6): on a cell of bin m (T in [a_m, a_m + h), x_i outside
    F_i^m), ||T - x_i|| > r_i; and the cell's K fixes the bin. With their stated relations."""
    j = sp.Symbol("j", integer=True)
    kk = sp.IndexedBase("k", integer=True)
    tt = sp.IndexedBase("t", nonnegative=True)
    vv = sp.IndexedBase("v", positive=True)
    a = sp.Symbol("a_m", real=True)
    hh, hp = positive("h")
    g, gp = positive("g")
    r, rp = nonneg("r_i")
    eta, ep = nonneg("eta")
    # on E_m: T in the bin J_m = [a_m, a_m + h), and x_i outside F_i^m, on either side of
    # it: one symbol per case (x_i^l, x_i^r), since x_i cannot be on both sides at once
    t_sym, x_left, x_right = sp.symbols("T x_i^l x_i^r", real=True)
    on_bin = (sp.Ge(t_sym, a), sp.Lt(t_sym, a + hh))
    left, right = sp.Lt(x_left, a - r - eta), sp.Gt(x_right, a + hh + r + eta)
    steps = [
        Step("R1 (left of F_i)", t_sym - x_left, ">", r,
             "T in [a_m, a_m + h) and x_i < a_m - r_i - eta (x_i^l: x_i in this case) give "
             "T - x_i > r_i", kind="inequality",
             premises=(Premise(on_bin[0], by="hypothesis", solve_for=t_sym,
                               label="T >= a_m (on E_m)"),
                       Premise(left, by="hypothesis", solve_for=x_left,
                               label="x_i < a_m - r_i - eta (x_i left of F_i^m, on E_m)")),
             params=[Param("a_m", a), rp, ep]),
        Step("R2 (right of F_i)", x_right - t_sym, ">", r,
             "T < a_m + h and x_i > a_m + h + r_i + eta (x_i^r: x_i in this case) give "
             "x_i - T > r_i", kind="inequality",
             premises=(Premise(on_bin[1], by="hypothesis", solve_for=t_sym,
                               label="T < a_m + h (on E_m)"),
                       Premise(right, by="hypothesis", solve_for=x_right,
                               label="x_i > a_m + h + r_i + eta (x_i right of F_i^m, on E_m)")),
             params=[Param("a_m", a), hp, rp, ep]),
        Step("R5 (cells, lower end)", sp.Sum(g * (kk[j] + tt[j]), (j, 1, NN)), ">=",
             g * sp.Sum(kk[j], (j, 1, NN)),
             "Y_j = g (k_j + t_j), t_j in [0, 1): T = sum_j Y_j >= K g", kind="inequality",
             params=[gp]),
        Step("R6 (cells, upper end)", sp.Sum(g * (kk[j] + 1 - vv[j]), (j, 1, NN)), "<",
             g * sp.Sum(kk[j] + 1, (j, 1, NN)),
             "Y_j = g (k_j + 1 - v_j), v_j in (0, 1]: T < sum_j (k_j + 1) g = (K + N) g",
             kind="inequality", params=[gp]),
    ]
    return steps, [*on_bin, left, right]


def binned() -> Claim:
    r"""The binned bound, read as: :math:`P_H \ge \sum_{k=1}^{L} \prod_{i=1}^{N}
    \Pr[D_{k,i}]`, the sum over the :math:`L` admissible cells :math:`k = (m, k_1, \dots,
    k_N)` (bin :math:`m`, cell indices with :math:`a_m \le Kg`, :math:`(K + N) g \le a_m + h`,
    :math:`K = \sum_i k_i`) of the product of :math:`\nu^m_{i,k_i} = \Pr[D_{k,i}]`,
    :math:`D_{k,i} = \{Y_i \in C_{k_i}, x_i \notin F_i^m\}`: the paper's
    :math:`\sum_m \sum_K (\nu^m_1 * \cdots * \nu^m_N)[K]` with each convolution written out."""
    size = sp.Symbol("L", integer=True, positive=True)
    x = sp.IndexedBase(random_symbol("x"))  # x_i = mu_i - mu_0
    inst_prod, cell, prod = product_family(x, sp.IndexedBase("D"), NN)
    _, covered = covering_events()
    ph, php, definitions = ph_definition()
    bin_steps, bin_facts = _bin_steps()
    steps = [
        _ball_step(_law(law_ball)),
        *bin_steps,
        *family_steps("R3", covered, cell, size, _law(law_cells_total),
                      (inst_prod, prod), _law(law_product)),
        _arb_step("R9 (floating error)"),
    ]
    return Claim(
        "Theorem 6.1, binned conditioning (corrected)",
        "P_H^delta >= sum over the admissible cells k (bin m, k_1 + ... + k_N = K with "
        "a_m <= K g, (K+N) g <= a_m + h) of prod_i nu^m_(i,k_i): the sum over m and K of "
        "(nu_1^m * ... * nu_N^m)[K], each convolution written out (returned: the lower end of "
        "its Arb ball, rounded down, step R9)",
        [N_P, Param("L", size, kind="integer", lo=1, search=(1, 6),
                    description="number of admissible cells")],
        steps,
        source="corrected",
        corrects="Theorem 6.1",
        section="6",
        domain="Assumption 6.1 (independent mean laws, common mean), d_a = 1, location "
        "families (r_i deterministic), any bins and cell width, L >= 1 admissible cells (with "
        "none the bound is 0); nu^m_(i,k_i) = Pr[D_(k,i)], D_(k,i) = {Y_i in C_(k_i), x_i "
        "outside F_i^m}; see hallbound.numeric.bounds_refined.binned_bound",
        definitions=definitions,
        # Definition 6.3; the conditions that define a bin's cells (each case of x_i notin
        # F_i^m); the cells' facts (inside the event, disjoint, a product of independent
        # coordinates' events); the reading of the Arb routine
        assumptions=[covering_assumption(), *bin_facts,
                     *family_assumptions(covered, cell, size, inst_prod),
                     ball_assumption(), returned_relation()],
        conclusion=[(ph, ">=", sp.Sum(prod, (K_IX, 1, size)))],
    )


def enumeration() -> Claim:
    r"""The two-point bound, read as :math:`P_H \ge c\, 2^{-Nd}` with :math:`c` the number of
    counted sign patterns: each counted pattern :math:`k` is the event that the :math:`Nd`
    independent fair signs :math:`\sigma_i` take its values (:math:`S_{k,i} = \{\sigma_i =
    \pi_{k,i}\}`, :math:`\Pr[S_{k,i}] = 1/2`)."""
    dd = sp.Symbol("d_a", integer=True, positive=True)
    cnt = sp.Symbol("count", integer=True, positive=True)
    sigma = sp.IndexedBase(random_symbol("sigma"))
    rows = sp.IndexedBase("S")
    inst_prod, pattern, prod = product_family(sigma, rows, NN * dd)
    _, covered = covering_events()
    ph, php, definitions = ph_definition()
    fair = sp.Eq(Pr(rows[K_IX, I_IX]), sp.Rational(1, 2))
    law = LawCheck(_two_point_sample, law_enumeration, _two_point_view, trials=80, label=LABEL)
    family = family_steps("E2", covered, pattern, cnt, law, (inst_prod, prod))
    steps = [
        _ball_step(LawCheck(_two_point_sample, law_ball, _two_point_view, trials=60, label=LABEL)),
        Step(
            "E1 (uniform patterns)",
            sp.Rational(1, 2) ** (NN * dd),
            "=",
            2 ** (-NN * dd),
            "a pattern's probability: the product of N d independent fair coins (Assumption 6.1)",
            kind="independence",
            premises=("Assumption 6.1 (independent mean laws)",),
        ),
        *family,
        Step(
            "E2 (count)",
            family[-1].rhs,
            "=",
            cnt * 2 ** (-NN * dd),
            "each of the N d signs is fair (stated: the two-point law puts 1/2 on each sign): "
            "each pattern has probability 2^(-N d), by (E1)",
            kind="probability",
            premises=(Premise(fair, by="hypothesis", solve_for=Pr(rows[K_IX, I_IX])),),
        ),
        *rounding_guards.steps(),
    ]
    return Claim(
        "Theorem 6.1, two-point enumeration (corrected)",
        "P_H^delta >= 2^(-N d) count, count = #{sign patterns with ||T - x_i|| > r_i for all i}",
        [N_P, D_A, Param("count", cnt, kind="integer", lo=1, search=(1, 8),
                         description="number of counted sign patterns")],
        steps,
        source="corrected",
        corrects="Theorem 6.1",
        section="6",
        domain="Assumption 6.1 with two-point mean laws mu_jk = mu_0 +/- s_jk; location "
        "families; count >= 1 (with none the bound is 0); equality when U_i is the open "
        "ball; see hallbound.numeric.bounds_refined.two_point_bound",
        definitions={**rounding_guards.definitions(), **definitions},
        # Definition 6.3; the counted patterns' facts; fair signs; the standard model of
        # floating point on a counted pattern
        assumptions=[covering_assumption(),
                     *family_assumptions(covered, pattern, cnt, inst_prod), fair,
                     rounding_guards.model_relation()],
        conclusion=[(ph, ">=", cnt * 2 ** (-NN * dd))],
    )


def _two_state_events() -> tuple[sp.Basic, sp.Basic]:
    """For N = 2: the union of the A_k and the union of the two closed balls."""
    inside = AnyOf(INSIDE_BASE[K_IX], (K_IX, 1, 2))
    covered = AnyOf(sp.Le(Norm(A_STAR - MU[K_IX]), RADIUS[K_IX]), (K_IX, 1, 2))
    return inside, covered


def two_states() -> Claim:
    r"""For :math:`N = 2`: :math:`P_H \ge \Pr[\|D\| > \max(r_1/p_2, r_2/p_1)]`,
    :math:`D = \mu_2 - \mu_1`; :math:`\|A^* - \mu_1\| = p_2 \|D\|` and
    :math:`\|A^* - \mu_2\| = p_1 \|D\|` are stated (they are (S1), (S2) under the norm)."""
    p1, pp1 = unit("p_1", lo_open=True, hi_open=True)
    x1, x2 = sp.symbols("x_1 x_2", real=True)
    slack, sp_ = positive("s")
    r1, r2 = RADIUS[1], RADIUS[2]
    nd = Norm(MU[2] - MU[1])
    # the event {||D|| > max(r_1/p_2, r_2/p_1)}: ||D|| above both thresholds (p_2 = 1 - p_1)
    far = sp.And(sp.Gt(nd, r1 / (1 - p1)), sp.Gt(nd, r2 / p1))
    inside, covered = _two_state_events()
    ph, php = unit("P_H")
    law = LawCheck(_two_state_sample, law_two_state, _view2, trials=60, label=LABEL)
    steps = [
        _ball_step(LawCheck(_two_state_sample, law_ball, _view2, trials=60, label=LABEL),
                   (inside, covered)),
        Step("S1 (collinear)", p1 * x1 + (1 - p1) * x2 - x1, "=", (1 - p1) * (x2 - x1),
             "T - x_1 = p_2 D with D = x_2 - x_1, p_2 = 1 - p_1",
             params=[pp1, Param("x_1", x1), Param("x_2", x2)]),
        Step("S2 (collinear)", p1 * x1 + (1 - p1) * x2 - x2, "=", -p1 * (x2 - x1),
             "T - x_2 = -p_1 D", params=[pp1, Param("x_1", x1), Param("x_2", x2)]),
        Step("S3a (state 1)", (1 - p1) * (r1 / (1 - p1) + slack), ">", r1,
             "||D|| = r_1/p_2 + s above r_1/p_2 gives ||T - x_1|| = p_2 ||D|| > r_1",
             kind="inequality", params=[pp1, sp_]),
        Step("S3b (state 2)", p1 * (r2 / p1 + slack), ">", r2,
             "||D|| = r_2/p_1 + s above r_2/p_1 gives ||T - x_2|| = p_1 ||D|| > r_2",
             kind="inequality", params=[pp1, sp_]),
        _complement_step("S4a (complement)", covered),
        Step("S4 (event inside)", Pr(sp.Not(covered)), ">=", Pr(far),
             "by (S1)-(S3b) ||D|| > max(r_1/p_2, r_2/p_1) puts A* outside both balls: "
             "monotonicity of Pr (the implication shown by z3 at every outcome)",
             kind="probability",
             lemmas=(lemma("Monotonicity", A=far, B=sp.Not(covered)),), law=law,
             params=[pp1]),
    ]
    return Claim(
        "Theorem 6.1, two states (corrected)",
        "N = 2: P_H^delta >= Pr[||mu_2 - mu_1|| > max(r_1/p_2, r_2/p_1)]",
        [D_A, pp1],
        steps,
        source="corrected",
        corrects="Theorem 6.1",
        section="6",
        domain="Assumption 6.1, N = 2, location families; see "
        "hallbound.numeric.bounds_refined.two_state_exact",
        definitions={ph: 1 - Pr(inside)},
        # Definition 6.3 for N = 2; T - x_1 = p_2 D and T - x_2 = -p_1 D under the norm
        assumptions=[("implies", inside, covered),
                     sp.Eq(Norm(A_STAR - MU[1]), (1 - p1) * nd),
                     sp.Eq(Norm(A_STAR - MU[2]), p1 * nd)],
        conclusion=[(ph, ">=", Pr(far))],
    )


def _view2(case: MeanCase) -> dict[str, Any]:
    out = case.describe()
    out["r"] = [float(v) for v in case.get("r")]
    return out


def claims() -> list[Claim]:
    return [binned(), enumeration(), two_states()]
