"""The lemma library (the checker's trust base), tested on random exact laws and numbers.

Every lemma is run through one harness: build an instance with random arguments, check its
hypotheses on a random exact finite law (pointwise over the atoms; independence by the product
construction), evaluate both sides of the conclusion with ``randomness.evaluate`` (the lemma's
own SymPy formula, nothing re-typed), and assert the relation. Deliberately wrong variants go
through the same harness and are caught.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pytest
import sympy as sp
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from hallbound.errors import InputError
from hallbound.proofs_checks.library import lemma_audit as audit_mod
from hallbound.proofs_checks.library.lemma_library import (
    LIBRARY,
    BallVolume,
    Lemma,
    conclusion_holds,
    conclusion_values,
    hypotheses_failing,
    lemma,
    names,
)
from hallbound.proofs_checks.library.randomness import (
    E,
    JointLaw,
    Pr,
    RandomSymbol,
    evaluate,
    holds,
    independent,
    random_symbol,
)

X = random_symbol("X")
Y = random_symbol("Y")
Z = random_symbol("Z")
XS = tuple(random_symbol(f"X{j}") for j in range(1, 4))
HALF = Fraction(1, 2)
_DUMMY = random_symbol("_dummy")
POINT_LAW = JointLaw.single(_DUMMY, [0], [1])


# ----- strategies -------------------------------------------------------------------------


def fracs(lo: float, hi: float, denom: int = 4) -> st.SearchStrategy[Fraction]:
    return st.integers(int(lo * denom), int(hi * denom)).map(lambda k: Fraction(k, denom))


def positive(hi: float = 4, denom: int = 4) -> st.SearchStrategy[Fraction]:
    return st.integers(1, int(hi * denom)).map(lambda k: Fraction(k, denom))


@st.composite
def laws(
    draw: Any,
    symbols: tuple[RandomSymbol, ...],
    lo: float = -3,
    hi: float = 3,
    max_atoms: int = 3,
    correlated: bool = False,
) -> JointLaw:
    """A random exact law: independent (product of single laws) or a random joint table."""
    if correlated:
        k = draw(st.integers(1, max_atoms + 1))
        atoms = [{s: draw(fracs(lo, hi)) for s in symbols} for _ in range(k)]
        w = draw(st.lists(st.integers(1, 9), min_size=k, max_size=k))
        return JointLaw(tuple(atoms), tuple(Fraction(x, sum(w)) for x in w))
    singles = []
    for s in symbols:
        k = draw(st.integers(1, max_atoms))
        vals = draw(st.lists(fracs(lo, hi), min_size=k, max_size=k))
        w = draw(st.lists(st.integers(1, 9), min_size=k, max_size=k))
        singles.append(JointLaw.single(s, vals, [Fraction(x, sum(w)) for x in w]))
    return independent(*singles)


@dataclass
class Case:
    args: dict[str, Any]
    law: JointLaw = POINT_LAW
    env: dict[Any, Any] | None = None
    points: tuple[Fraction, ...] | None = None


def events(symbols: tuple[RandomSymbol, ...]) -> st.SearchStrategy[sp.Basic]:
    """Random events: thresholds, conjunctions, disjunctions of the symbols."""
    atom = st.builds(
        lambda s, rel, c: rel(s, c),
        st.sampled_from(symbols),
        st.sampled_from([sp.Ge, sp.Gt, sp.Le, sp.Lt]),
        fracs(-3, 3),
    )
    return st.recursive(
        atom,
        lambda ev: st.one_of(
            st.builds(sp.And, ev, ev), st.builds(sp.Or, ev, ev), st.builds(sp.Not, ev)
        ),
        max_leaves=3,
    )


@st.composite
def markov_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    nonneg = draw(st.sampled_from([X**2, sp.Abs(X + Y), (X - E(X)) ** 2, X**2 * Y**2]))
    return Case({"X": nonneg, "a": draw(positive())}, law)


@st.composite
def moment_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    rv = draw(st.sampled_from([X, X + Y, X * Y, X**2 - Y]))
    return Case({"X": rv, "a": draw(positive())}, law)


@st.composite
def cs_sums_case(draw: Any) -> Case:
    n = draw(st.integers(1, 5))
    x = draw(st.lists(fracs(-4, 4), min_size=n, max_size=n))
    y = draw(st.lists(fracs(-4, 4), min_size=n, max_size=n))
    return Case({"x": tuple(x), "y": tuple(y)})


@st.composite
def cs_expect_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=True))
    return Case(
        {"X": draw(st.sampled_from([X, X + 1])), "Y": draw(st.sampled_from([Y, X * Y]))}, law
    )


_s = sp.Symbol("s", real=True)
CONVEX = (
    sp.Lambda(_s, _s**2),
    sp.Lambda(_s, sp.exp(_s)),
    sp.Lambda(_s, _s**4 - 3 * _s),
    sp.Lambda(_s, sp.exp(-_s) + _s**2 / 2),
    sp.Lambda(_s, (_s - 1) ** 2 + 3 * _s),
)
GRID = tuple(Fraction(k, 2) for k in range(-10, 11))


@st.composite
def jensen_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=True))
    rv = draw(st.sampled_from([X, X + Y, X * Y]))
    return Case({"phi": draw(st.sampled_from(CONVEX)), "X": rv}, law, points=GRID)


@st.composite
def two_events_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    return Case({"A": draw(events((X, Y))), "B": draw(events((X, Y)))}, law)


@st.composite
def union_family_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    evs = draw(st.lists(events((X, Y)), min_size=1, max_size=4))
    return Case({"A": tuple(evs)}, law)


@st.composite
def monotone_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    a, c = draw(events((X, Y))), draw(events((X, Y)))
    if draw(st.booleans()):
        return Case({"A": sp.And(a, c), "B": a}, law)  # A & C implies A
    k, slack = draw(fracs(-3, 3)), draw(fracs(0, 2))
    return Case({"A": sp.Ge(X, k), "B": sp.Ge(X, k - slack)}, law)


@st.composite
def complement_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    return Case({"A": draw(events((X, Y)))}, law)


@st.composite
def disjoint_case(draw: Any) -> Case:
    """A inside C and B inside not C: disjoint by construction."""
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    c = draw(events((X, Y)))
    return Case({"A": sp.And(draw(events((X, Y))), c), "B": sp.And(draw(events((X, Y))),
                                                                    sp.Not(c))}, law)


@st.composite
def disjoint_family_case(draw: Any) -> Case:
    """Events inside consecutive slices of X (disjoint by construction), under any law."""
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    cuts = sorted(draw(st.lists(fracs(-3, 3), min_size=2, max_size=5)))
    evs = [sp.And(sp.Gt(X, a), sp.Le(X, b), draw(events((X, Y))))
           for a, b in zip(cuts, cuts[1:], strict=False)]
    return Case({"A": tuple(evs)}, law)


@st.composite
def product_family_case(draw: Any) -> Case:
    """n independent variables (a product law), the i-th event a function of X_i."""
    n = draw(st.integers(1, 3))
    law = draw(laws(XS[:n]))
    evs = tuple(draw(events((v,))) for v in XS[:n])
    return Case({"X": XS[:n], "A": evs}, law)


@st.composite
def independence_case(draw: Any) -> Case:
    law = draw(laws((X, Y, Z)))
    a = sp.Ge(X, draw(fracs(-3, 3))) if draw(st.booleans()) else sp.Lt(X**2, draw(fracs(0, 9)))
    b = sp.And(sp.Ge(Y, draw(fracs(-3, 3))), sp.Le(Y, draw(fracs(-3, 3))))
    return Case({"X": X, "Y": Y, "A": a, "B": b}, law)


@st.composite
def pz_case(draw: Any) -> Case:
    law = draw(laws((X, Y), lo=0, correlated=draw(st.booleans())))
    rv = draw(st.sampled_from([X, X**2, sp.Abs(X - Y), X * Y + 1]))
    theta = draw(fracs(0, 1, 8))
    return Case({"T": rv, "theta": theta}, law)


@st.composite
def hoelder_case(draw: Any) -> Case:
    n = draw(st.integers(1, 4))
    x = draw(st.lists(fracs(-4, 4), min_size=n, max_size=n))
    y = draw(st.lists(fracs(-4, 4), min_size=n, max_size=n))
    p = draw(
        st.sampled_from([Fraction(3, 2), Fraction(2), Fraction(3), Fraction(5, 4), Fraction(4)])
    )
    return Case({"x": tuple(x), "y": tuple(y), "p": p, "q": p / (p - 1)})


@st.composite
def amgm2_case(draw: Any) -> Case:
    return Case({"x": draw(fracs(0, 9)), "y": draw(fracs(0, 9))})


@st.composite
def amgm_n_case(draw: Any) -> Case:
    n = draw(st.integers(1, 5))
    return Case({"x": tuple(draw(st.lists(fracs(0, 9), min_size=n, max_size=n)))})


@st.composite
def hoeffding_case(draw: Any, max_n: int = 3) -> Case:
    n = draw(st.integers(1, max_n))
    xs = XS[:n]
    law = draw(laws(xs, lo=-2, hi=2))
    a, b = [], []
    for s in xs:
        sup = law.support(s)
        lo = sup[0] - draw(st.sampled_from([0, Fraction(1, 4), 1]))
        hi = sup[-1] + draw(st.sampled_from([0, Fraction(1, 4), 1]))
        a.append(lo)
        b.append(hi if hi > lo else lo + Fraction(1, 2))
    return Case({"X": xs, "a": tuple(a), "b": tuple(b), "t": draw(positive(3, 8))}, law)


@st.composite
def mcdiarmid_case(draw: Any) -> Case:
    n = draw(st.integers(1, 3))
    xs = XS[:n]
    law = draw(laws(xs, lo=0, hi=1))
    kind = draw(st.sampled_from(["sum", "mean", "max", "prod"]))
    f = {
        "sum": sp.Add(*xs),
        "mean": sp.Add(*xs) / n,
        "max": sp.Max(*xs) if n > 1 else xs[0],
        "prod": sp.Mul(*xs),
    }[kind]
    widths = [law.support(s)[-1] - law.support(s)[0] for s in xs]
    if kind in ("sum", "mean"):
        c = tuple((w if w > 0 else Fraction(1, 4)) / (n if kind == "mean" else 1) for w in widths)
    else:
        c = (Fraction(1),) * n
    return Case({"F": f, "X": xs, "c": c, "t": draw(positive(2, 8))}, law)


@st.composite
def gauss_case(draw: Any) -> Case:
    return Case({"x": draw(positive(8, 16))})


@st.composite
def ball_case(draw: Any) -> Case:
    return Case({"d": draw(st.integers(1, 5)), "r": draw(fracs(0, 5))})


@st.composite
def two_reals_case(draw: Any) -> Case:
    return Case({"x": draw(fracs(-9, 9)), "y": draw(fracs(-9, 9))})


@st.composite
def norm_case(draw: Any) -> Case:
    n = draw(st.integers(1, 4))
    x = draw(st.lists(fracs(-4, 4), min_size=n, max_size=n))
    y = draw(st.lists(fracs(-4, 4), min_size=n, max_size=n))
    return Case({"x": tuple(x), "y": tuple(y)})


@st.composite
def expectation_order_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    low = draw(st.sampled_from([X, X * Y, -(X**2)]))
    gap = draw(st.sampled_from([X**2, sp.Abs(Y), (X - Y) ** 2, sp.Integer(0)]))
    return Case({"X": low, "Y": low + gap}, law)  # X <= X + gap at every outcome


@st.composite
def constant_factor_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    return Case(
        {"c": draw(fracs(-4, 4)), "X": draw(st.sampled_from([X, X * Y, X**2 - Y]))}, law
    )


_JITTER = st.sampled_from([Fraction(1, 2), Fraction(1), Fraction(2)])


@st.composite
def sup_convolution_case(draw: Any) -> audit_mod.Case:
    # X and Y independent (a product law, each with its own uniform part): sup f_{X+Y} <= sup f_X
    law = draw(laws((X, Y)))
    widths = {X: draw(_JITTER), Y: draw(st.sampled_from([Fraction(0), Fraction(1)]))}
    args = {"X": draw(st.sampled_from([X, 2 * X, -X])), "Y": draw(st.sampled_from([Y, -Y])),
            "d": draw(st.integers(1, 3))}
    return audit_mod.Case(args, law, widths=widths)


@st.composite
def sup_scaling_case(draw: Any) -> audit_mod.Case:
    c = draw(fracs(-3, 3).filter(lambda v: v != 0))
    widths = {X: draw(_JITTER), Y: draw(_JITTER)}
    args = {"X": draw(st.sampled_from([X, X + Y])), "c": c, "d": draw(st.integers(1, 3))}
    return audit_mod.Case(args, draw(laws((X, Y))), widths=widths)


@st.composite
def ball_mass_case(draw: Any) -> audit_mod.Case:
    widths = {X: draw(_JITTER), Y: draw(st.sampled_from([Fraction(0), Fraction(1)]))}
    args = {"X": draw(st.sampled_from([X, X + Y, X - 1])), "d": 1, "r": draw(fracs(0, 3))}
    return audit_mod.Case(args, draw(laws((X, Y), correlated=draw(st.booleans()))),
                          widths=widths)


@st.composite
def total_expectation_case(draw: Any) -> audit_mod.Case:
    # B of probability strictly between 0 and 1: both conditional expectations exist
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    b = draw(events((X, Y)).filter(
        lambda e: 0 < evaluate(Pr(e), law) < 1))
    x = draw(st.sampled_from([X, X * Y, X**2 - Y]))
    return audit_mod.Case({"X": x, "B": b}, law)


@st.composite
def constant_case(draw: Any) -> Case:
    return Case({"c": draw(fracs(-4, 4))}, draw(laws((X, Y))))


@st.composite
def sample_case(draw: Any, tail: bool = True, max_n: int = 5) -> audit_mod.Case:
    """The exact law of (M_n, G_n) of n <= max_n draws from a law on 1-3 values."""
    from hallbound.proofs_checks.library.lemmas_concentration import G_SYM as G_N
    from hallbound.proofs_checks.library.lemmas_concentration import M_SYM as M_N
    from hallbound.proofs_checks.library.lemmas_concentration import sample_law

    w = draw(st.lists(st.integers(1, 6), min_size=1, max_size=3))
    nu = tuple(Fraction(x, sum(w)) for x in w)
    n = draw(st.integers(1, max_n))
    law = sample_law(nu, n)
    if not tail:
        return audit_mod.Case({"n": n}, law)
    # t at a deviation the law takes (where a tail bound is tightest), or on a grid
    devs = set()
    for sym in (M_N, G_N):
        mean = sum((a[sym] * q for a, q in law.outcomes()), Fraction(0))
        devs |= {abs(a[sym] - mean) for a, _ in law.outcomes()} - {Fraction(0)}
    grid = fracs(0, 1).filter(lambda v: v > 0)
    t = draw(st.sampled_from(sorted(devs)) if devs and draw(st.booleans()) else grid)
    return audit_mod.Case({"n": n, "t": t}, law)


@st.composite
def missed_case(draw: Any) -> audit_mod.Case:
    """The law of nu_0 [x_0 not in s], n <= 8 draws; t at nu_0 (tightest) or on a grid."""
    from hallbound.proofs_checks.library.lemmas_concentration import missed_law

    w = draw(st.lists(st.integers(1, 6), min_size=1, max_size=3))
    nu, n = tuple(Fraction(x, sum(w)) for x in w), draw(st.integers(0, 8))
    t = draw(st.sampled_from([nu[0]]) if draw(st.booleans()) else fracs(-1, 1))
    return audit_mod.Case({"n": n, "p": nu[0], "t": t}, missed_law(nu, n))


@st.composite
def heavy_case(draw: Any) -> audit_mod.Case:
    """The law of the largest missed mass, n in 1..6 draws of a law on <= 4 values, t > 0."""
    from hallbound.proofs_checks.library.lemmas_tails import max_missed_law

    w = draw(st.lists(st.integers(1, 6), min_size=1, max_size=4))
    nu, n = tuple(Fraction(x, sum(w)) for x in w), draw(st.integers(1, 6))
    t = draw(st.sampled_from(sorted(set(nu))) if draw(st.booleans()) else fracs(0, 1))
    return audit_mod.Case({"n": n, "t": max(t, Fraction(1, 16))}, max_missed_law(nu, n))


@st.composite
def cond_hoeffding_case(draw: Any) -> audit_mod.Case:
    """A weighted sum of 1-3 terms in [0, 1], independent given G (1 or 2 values), weights a
    function of G, m its conditional mean; t, v > 0."""
    from hallbound.proofs_checks.library.audit_tails import M_COND, cond_sum_law
    from hallbound.proofs_checks.library.lemmas_tails import term, weight

    k, ng = draw(st.integers(1, 3)), draw(st.integers(1, 2))
    unit = fracs(0, 1)
    weights = [[draw(fracs(0, 2)) for _ in range(k)] for _ in range(ng)]
    terms = [[((draw(unit), draw(unit)), draw(st.sampled_from([Fraction(j, 4) for j in
                                                                range(5)])))
              for _ in range(k)] for _ in range(ng)]
    g_probs = (Fraction(1),) if ng == 1 else (Fraction(1, 3), Fraction(2, 3))
    s = sum(weight(i + 1) * term(i + 1) for i in range(k))
    v = sum(weight(i + 1) ** 2 for i in range(k))
    args = {"S": s, "m": M_COND, "V": v, "t": draw(fracs(0, 2).filter(lambda x: x > 0)),
            "v": draw(fracs(0, 4).filter(lambda x: x > 0))}
    return audit_mod.Case(args, cond_sum_law(g_probs, weights, terms))


@st.composite
def triangle_case(draw: Any) -> Case:
    law = draw(laws((X, Y), correlated=draw(st.booleans())))
    d = draw(fracs(0, 2))
    c = draw(fracs(-2, 2).filter(lambda v: abs(v) <= d))
    x = draw(st.sampled_from([X, X - Y, 2 * X]))
    return Case({"X": x, "Y": Y, "c": c, "a": draw(fracs(-1, 3)), "b": draw(fracs(-1, 3)),
                 "d": d}, law)


@st.composite
def arb_case(draw: Any) -> audit_mod.Case:
    """A random expression of the binned bound's operations and Arb's lower end for it."""
    import numpy as np

    from hallbound.proofs_checks.library.audit_arb import random_expression
    from hallbound.proofs_checks.library.lemmas_arb import arb_evaluate, lower_end

    e = random_expression(np.random.default_rng(draw(st.integers(0, 2**32 - 1))))
    return audit_mod.Case({"e": e, "lo": lower_end(arb_evaluate(e))})


CASES: dict[str, st.SearchStrategy[Case]] = {
    "Arb ball enclosure": arb_case(),
    "Missing mass (upper tail)": sample_case(),
    "Missing mass (lower tail)": sample_case(),
    "Good-Turing bias": sample_case(tail=False),
    "Good-Turing bias (sign)": sample_case(tail=False),
    "Good-Turing (upper tail)": sample_case(),
    "Good-Turing (lower tail)": sample_case(),
    "Union bound (triangle)": triangle_case(),
    "Missed value (tail)": missed_case(),
    "Missed heavy value (union)": heavy_case(),
    "Hoeffding (conditional)": cond_hoeffding_case(),
    "Sup density (convolution)": sup_convolution_case(),
    "Sup density (scaling)": sup_scaling_case(),
    "Ball mass": ball_mass_case(),
    "Expectation of a constant": constant_case(),
    "Total expectation": total_expectation_case(),
    "Monotonicity (expectations)": expectation_order_case(),
    "Linearity (constant factor)": constant_factor_case(),
    "Markov": markov_case(),
    "Chebyshev": moment_case(),
    "Cantelli": moment_case(),
    "Cauchy-Schwarz (sums)": cs_sums_case(),
    "Cauchy-Schwarz (expectations)": cs_expect_case(),
    "Jensen": jensen_case(),
    "Union bound": two_events_case(),
    "Union bound (family)": union_family_case(),
    "Monotonicity": monotone_case(),
    "Total probability": two_events_case(),
    "Complement": complement_case(),
    "Additivity (disjoint)": disjoint_case(),
    "Independence product": independence_case(),
    "Additivity (family)": disjoint_family_case(),
    "Independence product (family)": product_family_case(),
    "Paley-Zygmund": pz_case(),
    "Hoelder": hoelder_case(),
    "AM-GM": amgm2_case(),
    "AM-GM (n terms)": amgm_n_case(),
    "Hoeffding": hoeffding_case(),
    "McDiarmid": mcdiarmid_case(),
    "Gaussian tail (Mills)": gauss_case(),
    "Gaussian tail (lower)": gauss_case(),
    "Ball volume": ball_case(),
    "Triangle": two_reals_case(),
    "Triangle (norm)": norm_case(),
    "Reverse triangle": two_reals_case(),
}


# ----- the harness ------------------------------------------------------------------------


@functools.cache
def ball_volume_by_integration(d: int) -> sp.Expr:
    r"""vol(B_d(r)) by slicing, independent of the lemma's formula:
    V_1(r) = 2r, V_d(r) = \int_{-r}^{r} V_{d-1}(\sqrt{r^2 - s^2}) ds."""
    r = sp.Symbol("r", positive=True)
    if d == 1:
        return 2 * r
    s = sp.Symbol("s", real=True)
    prev = ball_volume_by_integration(d - 1)
    return sp.simplify(sp.integrate(prev.subs(r, sp.sqrt(r**2 - s**2)), (s, -r, r)))


def _ball_volumes(expr: sp.Basic) -> sp.Basic:
    """Replace BallVolume(d, r) by its value from :func:`ball_volume_by_integration`."""
    r = sp.Symbol("r", positive=True)
    return expr.replace(
        lambda e: isinstance(e, BallVolume),
        lambda e: ball_volume_by_integration(int(e.args[0])).subs(r, e.args[1]),
    )


def run_case(lem: Lemma, case: Case) -> bool:
    """Hypotheses must hold on the case (asserted); returns whether the conclusion holds."""
    if isinstance(case, audit_mod.Case):  # the density lemmas: the audit's density model
        out = audit_mod.run(lem, case)
        assert out.status != "skipped", out.detail
        return out.status == "holds"
    inst = lem.instance(**case.args)
    failing = hypotheses_failing(inst, case.law, case.env, case.points)
    assert not failing, [h.text() for h in failing]
    if inst.conclusion[0].has(BallVolume):
        lhs, rel, rhs = inst.conclusion
        l = evaluate(_ball_volumes(lhs), case.law, case.env)
        return holds(l, rel, evaluate(rhs, case.law, case.env))
    return conclusion_holds(inst, case.law, case.env)


def _nondegenerate(name: str, case: Case) -> bool:
    if name != "Paley-Zygmund":
        return True
    return evaluate(E(case.args["T"] ** 2), case.law) > 0


def test_every_required_lemma_is_in_the_library_with_a_reference() -> None:
    required = {
        "Markov",
        "Chebyshev",
        "Cantelli",
        "Cauchy-Schwarz (sums)",
        "Cauchy-Schwarz (expectations)",
        "Jensen",
        "Union bound",
        "Union bound (family)",
        "Monotonicity",
        "Total probability",
        "Independence product",
        "Paley-Zygmund",
        "Hoelder",
        "AM-GM",
        "AM-GM (n terms)",
        "Hoeffding",
        "McDiarmid",
        "Gaussian tail (Mills)",
        "Ball volume",
        "Triangle",
        "Reverse triangle",
        "Missing mass (upper tail)",
        "Missing mass (lower tail)",
        "Good-Turing bias",
        "Good-Turing (upper tail)",
        "Good-Turing (lower tail)",
        "Missed value (tail)",
        "Missed heavy value (union)",
        "Hoeffding (conditional)",
        "Arb ball enclosure",
    }
    assert required <= set(names())
    assert set(CASES) == set(LIBRARY), "every lemma needs a property test case"
    for lem in LIBRARY.values():
        assert lem.reference.strip(), lem.name


@pytest.mark.parametrize("name", sorted(CASES))
@given(data=st.data())
def test_lemma_holds_on_random_exact_laws(name: str, data: Any) -> None:
    case = data.draw(CASES[name].filter(lambda c: _nondegenerate(name, c)))
    assert run_case(LIBRARY[name], case), (name, case)


# ----- the harness catches wrong variants -------------------------------------------------


def _scale_c() -> sp.Basic:
    return next(p.placeholder for p in LIBRARY["Sup density (scaling)"].params if p.name == "c")


def _variant(name: str, rhs_map: Any) -> Lemma:
    lem = LIBRARY[name]
    lhs, rel, rhs = lem.conclusion
    return dataclasses.replace(lem, name=name + " (wrong)", conclusion=(lhs, rel, rhs_map(rhs)))


WRONG = {
    "Markov with E[X]/(2a)": ("Markov", lambda r: r / 2),
    "Linearity with 2 c E[X]": ("Linearity (constant factor)", lambda r: 2 * r),
    "Chebyshev with Var/(4a^2)": ("Chebyshev", lambda r: r / 4),
    "Hoeffding with 4 in place of 2": ("Hoeffding", lambda r: r**2, hoeffding_case(max_n=1)),
    "Union bound with max": (
        "Union bound",
        lambda r: sp.Max(*[Pr(e) for e in (sp.Symbol("A"), sp.Symbol("B"))]),
    ),
    "Cantelli halved": ("Cantelli", lambda r: r / 2),
    "Sup density of a sum halved": ("Sup density (convolution)", lambda r: r / 2),
    "Scaling with |c|^(d+1)": ("Sup density (scaling)", lambda r: r / sp.Abs(_scale_c())),
    "Ball mass halved": ("Ball mass", lambda r: r / 2),
    "E[c] = 2c": ("Expectation of a constant", lambda r: 2 * r),
    "Total expectation doubled": ("Total expectation", lambda r: 2 * r),
    "Missing mass upper tail with exp(-3 n t^2)": ("Missing mass (upper tail)", lambda r: r**3),
    "Missing mass lower tail with exp(-6 n t^2)": (
        "Missing mass (lower tail)", lambda r: r ** (12 / sp.E)),
    "Good-Turing tail with c_i = 1/n": ("Good-Turing (upper tail)", lambda r: r**4),
    "Good-Turing lower tail with c_i = 1/n": ("Good-Turing (lower tail)", lambda r: r**4),
    "Good-Turing bias 1/(2n)": ("Good-Turing bias", lambda r: r / 2),
    "Union bound (triangle) without the lower tails": (
        "Union bound (triangle)", lambda r: sp.Add(*[t for t in r.args if not _lower_tail(t)])),
    "Complement with 2 - Pr[A]": ("Complement", lambda r: r + 1),
    "Additivity with the larger term only": (
        "Additivity (disjoint)", lambda r: sp.Max(*r.args)),
    "Additivity (family) halved": ("Additivity (family)", lambda r: r / 2),
    "Independence product (family) squared": ("Independence product (family)", lambda r: r**2),
    "Good-Turing bias (sign) with 1/(4n) to spare": (
        "Good-Turing bias (sign)", lambda r: r - 1 / (4 * _sample_n())),
}


def _lower_tail(term: sp.Basic) -> bool:
    """``Pr[-X >= a]``: a tail of the negated variable."""
    return isinstance(term, Pr) and term.args[0].lhs.could_extract_minus_sign()


def _sample_n() -> sp.Basic:
    return next(p.placeholder for p in LIBRARY["Good-Turing bias"].params if p.name == "n")


@pytest.mark.parametrize("label", sorted(WRONG))
def test_harness_catches_a_wrong_variant(label: str) -> None:
    name, rhs_map, *strategy = WRONG[label]
    wrong = _variant(name, rhs_map)
    assert wrong.conclusion != LIBRARY[name].conclusion
    case = find(
        strategy[0] if strategy else CASES[name],
        lambda c: not run_case(wrong, c),
        settings=settings(
            max_examples=2000, derandomize=True, database=None, phases=[Phase.generate]
        ),
    )
    # the counterexample is genuine: the hypotheses hold (asserted in run_case) and the true
    # lemma holds on the same case
    assert not run_case(wrong, case)
    assert run_case(LIBRARY[name], case)


def test_a_broken_hypothesis_is_reported() -> None:
    # Markov on a variable that takes negative values
    law = JointLaw.single(X, [-2, 1], [Fraction(1, 2), Fraction(1, 2)])
    inst = lemma("Markov", X=X, a=1)
    assert [h.rel for h in hypotheses_failing(inst, law)] == [">="]
    # the product rule on a comonotone (dependent) law: the hypothesis and the conclusion fail
    law2 = JointLaw(({X: 0, Y: 0}, {X: 1, Y: 1}), (Fraction(1, 2), Fraction(1, 2)))
    inst2 = lemma("Independence product", X=X, Y=Y, A=sp.Ge(X, 1), B=sp.Ge(Y, 1))
    assert [h.rel for h in hypotheses_failing(inst2, law2)] == ["independent"]
    assert conclusion_values(inst2, law2) == (Fraction(1, 2), Fraction(1, 4))
    # an event that is not a function of its variable
    inst3 = lemma("Independence product", X=X, Y=Y, A=sp.Ge(X + Y, 1), B=sp.Ge(Y, 1))
    law3 = independent(
        JointLaw.single(X, [0, 1], [Fraction(1, 2)] * 2),
        JointLaw.single(Y, [0, 1], [Fraction(1, 2)] * 2),
    )
    assert [h.rel for h in hypotheses_failing(inst3, law3)] == ["measurable"]
    # a bounded difference that is too small
    inst4 = lemma("McDiarmid", F=XS[0] + XS[1], X=XS[:2], c=(Fraction(1, 2), 1), t=1)
    law4 = independent(*[JointLaw.single(s, [0, 1], [Fraction(1, 2)] * 2) for s in XS[:2]])
    failing = hypotheses_failing(inst4, law4)
    assert [(h.rel, h.rhs.args[0]) for h in failing] == [("bounded-differences", XS[0])]


def test_bounded_differences_read_lhs_as_a_function_of_the_family() -> None:
    # F = X1 + Y with Y a copy of X1 is the function 2 X1 of the family (X1): moving X1 over
    # {0, 1} moves F by 2, not by 1 (the formula with Y held fixed); found by the audit
    x1, y = XS[0], Y
    copy = JointLaw(({x1: 0, y: 0}, {x1: 1, y: 1}), (HALF, HALF))
    tight = lemma("McDiarmid", F=x1 + y, X=(x1,), c=(2,), t=1)
    loose = lemma("McDiarmid", F=x1 + y, X=(x1,), c=(1,), t=1)
    assert hypotheses_failing(tight, copy) == []
    assert [h.rel for h in hypotheses_failing(loose, copy)] == ["bounded-differences"]
    # Y independent of X1: F is no function of X1 (measurability fails); the formula's
    # difference in X1, Y held fixed, is 1
    indep = independent(
        JointLaw.single(x1, [0, 1], [HALF, HALF]), JointLaw.single(y, [0, 1], [HALF, HALF])
    )
    assert [h.rel for h in hypotheses_failing(loose, indep)] == ["measurable"]


def test_evaluate_an_event_that_sympy_decides_once_expectations_are_numbers() -> None:
    # |X - Y| - E|X - Y| >= 0 with E|X - Y| = 0 becomes |X - Y| >= 0, which SymPy decides
    # (true): Pr[true] is 1, and evaluation used to crash on it
    copy = JointLaw(({X: 0, Y: 0}, {X: 1, Y: 1}), (HALF, HALF))
    event = sp.Ge(sp.Abs(X - Y) - E(sp.Abs(X - Y)), 0)
    assert evaluate(Pr(event), copy) == 1
    assert evaluate(Pr(sp.Not(event)) + E(X), copy) == HALF


# ----- instances --------------------------------------------------------------------------


def test_instance_substitutes_simultaneously() -> None:
    a_user = sp.Symbol("a", real=True)  # the same symbol as Markov's placeholder a
    x_det = sp.Symbol("X", positive=True)  # a deterministic symbol named like placeholder X
    inst = lemma("Markov", X=a_user, a=x_det)
    assert inst.conclusion == (Pr(sp.Ge(a_user, x_det)), "<=", E(a_user) / x_det)
    assert hash(inst) == hash(lemma("Markov", X=a_user, a=x_det)) and inst == lemma(
        "Markov", X=a_user, a=x_det
    )


def test_instance_with_symbolic_sequences_keeps_n() -> None:
    u, v = sp.IndexedBase("u"), sp.IndexedBase("v")
    m = sp.Symbol("m", integer=True, positive=True)
    inst = lemma("Cauchy-Schwarz (sums)", x=u, y=v, n=m)
    i = next(iter(inst.conclusion[0].atoms(sp.Sum))).variables[0]
    assert inst.conclusion[0] == sp.Sum(u[i] * v[i], (i, 1, m)) ** 2
    fin = lemma("Cauchy-Schwarz (sums)", x=(1, 2), y=(3, 4))
    assert fin.conclusion == ((1 * 3 + 2 * 4) ** 2, "<=", (1 + 4) * (9 + 16))


def test_hoeffding_instance_unrolls_hypotheses() -> None:
    inst = lemma("Hoeffding", X=XS, a=(0, 0, 0), b=(1, 1, 2), t=1)
    indep = [h for h in inst.hypotheses if h.rel == "independent"]
    assert len(indep) == 1 and tuple(indep[0].lhs) == XS
    pointwise = [h for h in inst.hypotheses if h.scope == "pointwise"]
    assert len(pointwise) == 6
    assert inst.conclusion[2] == sp.exp(sp.Rational(-2, 6))
    assert "Hoeffding" in inst.text() and r"\Pr" in inst.latex()


@pytest.mark.parametrize(
    ("name", "args", "param"),
    [
        ("Markov", {"X": X}, "a"),
        ("Markov", {"X": X, "a": 1, "b": 2}, "b"),
        ("Markov", {"X": X, "a": sp.Ge(X, 1)}, "a"),
        ("Monotonicity", {"A": X + 1, "B": sp.Ge(X, 0)}, "A"),
        ("Jensen", {"phi": "exp", "X": X}, "phi"),
        ("Jensen", {"phi": sp.Lambda((_s, Y), _s), "X": X}, "phi"),
        ("Cauchy-Schwarz (sums)", {"x": (1, 2), "y": (1, 2, 3)}, "y"),
        ("Cauchy-Schwarz (sums)", {"x": (1, 2), "y": (1, 2), "n": 3}, "n"),
        ("Cauchy-Schwarz (sums)", {"x": sp.IndexedBase("u"), "y": sp.IndexedBase("v")}, "n"),
        ("Ball volume", {"d": Fraction(1, 2), "r": 1}, "d"),
        ("No such lemma", {}, "name"),
    ],
)
def test_bad_instance_arguments_name_the_parameter(
    name: str, args: dict[str, Any], param: str
) -> None:
    with pytest.raises(InputError) as err:
        lemma(name, **args)
    assert err.value.parameter == param
