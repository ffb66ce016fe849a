"""The trust base's audit, the cases: one random case generator per lemma (:data:`GENERATORS`)
and the pinned tight cases (:data:`PINNED`). Every public name stays importable from
:mod:`hallbound.proofs_checks.library.lemma_audit`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from hallbound.proofs_checks.library.audit_model import (
    XS,
    Case,
    F,
    Pinned,
    X,
    Y,
    Z,
    _s,
)
from hallbound.proofs_checks.library.randomness import (
    E,
    JointLaw,
    RandomSymbol,
    evaluate,
    random_law,
)

# ----- helpers for generators -------------------------------------------------------------


def _pick(rng: np.random.Generator, items: Sequence[Any]) -> Any:
    return items[int(rng.integers(len(items)))]


def _grid(rng: np.random.Generator, lo: float, hi: float, denom: int = 4) -> Fraction:
    """A uniform value of the grid ``lo, lo + 1/denom, ..., hi``."""
    return F(int(rng.integers(round(lo * denom), round(hi * denom) + 1)), denom)


def _law(
    rng: np.random.Generator,
    symbols: Sequence[RandomSymbol],
    lo: int = -3,
    hi: int = 3,
    modes: Sequence[str] = ("independent", "independent", "correlated", "comonotone", "point"),
) -> JointLaw:
    """A broad exact law: independent (product), correlated (a random joint table), comonotone
    (every variable a copy of the first) or a point mass."""
    mode = _pick(rng, modes)
    size = int(rng.integers(1, 4))
    if mode == "point":
        return JointLaw(({s: _grid(rng, lo, hi) for s in symbols},), (F(1),))
    if mode == "independent":
        return random_law(rng, symbols, size=size, lo=lo, hi=hi)
    if mode == "correlated":
        return random_law(rng, symbols, size=size + 1, lo=lo, hi=hi, correlated=True)
    first = random_law(rng, symbols[:1], size=size + 1, lo=lo, hi=hi)
    atoms = tuple({s: a[symbols[0]] for s in symbols} for a in first.atoms)
    return JointLaw(atoms, first.probs)


def _values_on(expr: sp.Basic, law: JointLaw) -> list[Fraction]:
    """The exact values of a rational random expression at the law's outcomes."""
    out = []
    for atom, _ in law.outcomes():
        v = sp.sympify(expr).xreplace({k: _rational(x) for k, x in atom.items()})
        out.append(F(int(v.p), int(v.q)) if v.is_Rational else None)
    return [v for v in out if v is not None]


def _event(rng: np.random.Generator, symbols: Sequence[RandomSymbol], depth: int = 0) -> Any:
    """A random event: a threshold on a variable or a sum, possibly combined (and/or/not)."""
    u = rng.random()
    if depth < 2 and u < 0.3:
        op = _pick(rng, (sp.And, sp.Or))
        return op(_event(rng, symbols, depth + 1), _event(rng, symbols, depth + 1))
    if depth < 2 and u < 0.4:
        return sp.Not(_event(rng, symbols, depth + 1))
    s = _pick(rng, symbols)
    if len(symbols) > 1 and rng.random() < 0.25:
        s = s + _pick(rng, symbols)
    rel = _pick(rng, (sp.Ge, sp.Gt, sp.Le, sp.Lt))
    return rel(s, _grid(rng, -3, 3, 2))


def _vector(rng: np.random.Generator, n: int, lo: float = -3, hi: float = 3) -> tuple:
    return tuple(_grid(rng, lo, hi, 2) for _ in range(n))


def _random_expr(rng: np.random.Generator) -> Any:
    return _pick(rng, (X, -X, X + Y, X * Y, X**2, X**2 - Y, sp.Abs(X - Y), X - 1, 2 * X + 1))


# ----- generators, one per lemma ----------------------------------------------------------
# Each draws arguments of either sign (zero included) and laws of every shape, so that every
# hypothesis of its lemma is violated on a good share of the cases.


def _gen_markov(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    x = _random_expr(rng)
    values = _values_on(x, law)
    a = _pick(rng, values) if values and rng.random() < 0.5 else _grid(rng, -2, 4)
    return Case({"X": x, "a": a}, law)


def _gen_moment(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    x = _random_expr(rng)
    a = abs(_threshold(rng, x, law))
    if rng.random() < 0.15:
        a = -a
    return Case({"X": x, "a": a}, law)


def _gen_expectation_order(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    low = _random_expr(rng)
    gap = _pick(rng, (X**2, sp.Abs(Y), (X - Y) ** 2, sp.Integer(0), -(X**2), Y, sp.Integer(-1)))
    return Case({"X": low, "Y": low + gap}, law)


def _gen_constant_factor(rng: np.random.Generator) -> Case:
    return Case({"c": _grid(rng, -3, 3), "X": _random_expr(rng)}, _law(rng, (X, Y)))


def _gen_two_vectors(rng: np.random.Generator) -> Case:
    n = int(rng.integers(1, 4))
    x = _vector(rng, n)
    y = tuple(2 * v for v in x) if rng.random() < 0.2 else _vector(rng, n)
    return Case({"x": x, "y": y})


def _gen_cs_expectations(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    return Case({"X": _random_expr(rng), "Y": _random_expr(rng)}, law)


def _convex_or_not(rng: np.random.Generator) -> sp.Lambda:
    r"""A cubic :math:`a_3 s^3 + a_2 s^2 + a_1 s` (its :math:`\varphi''` is affine, so
    :math:`\varphi'' \ge 0` at the extreme points of the argument's values makes :math:`\varphi`
    convex on their hull) or :math:`c e^{bs} + a_1 s` (:math:`\varphi''` of constant sign)."""
    a1 = _grid(rng, -2, 2, 2)
    if rng.random() < 0.6:
        a3 = _pick(rng, (0, 0, 0, F(1, 2), -F(1, 2), 1, -1))
        a2 = _grid(rng, -2, 2, 2)
        return sp.Lambda(_s, a3 * _s**3 + a2 * _s**2 + a1 * _s)
    c = _pick(rng, (1, F(1, 2), -1, -F(1, 2)))
    b = _pick(rng, (1, -1, F(1, 2), 2))
    return sp.Lambda(_s, c * sp.exp(b * _s) + a1 * _s)


def _gen_jensen(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    arg = _pick(rng, (X, X + Y, X * Y, X - Y))
    points = tuple(sorted(set(_values_on(arg, law)) | {F(0)}))
    return Case({"phi": _convex_or_not(rng), "X": arg}, law, points=points)


def _gen_two_events(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    return Case({"A": _event(rng, (X, Y)), "B": _event(rng, (X, Y))}, law)


def _gen_event_family(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    k = int(rng.integers(1, 5))
    return Case({"A": tuple(_event(rng, (X, Y)) for _ in range(k))}, law)


def _gen_monotone(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    u = rng.random()
    if u < 0.35:
        b = _event(rng, (X, Y))
        return Case({"A": sp.And(b, _event(rng, (X, Y))), "B": b}, law)
    if u < 0.7:
        k = _grid(rng, -3, 3, 2)
        return Case({"A": sp.Ge(X, k), "B": sp.Ge(X, k - _grid(rng, -1, 2, 2))}, law)
    return Case({"A": _event(rng, (X, Y)), "B": _event(rng, (X, Y))}, law)


def _gen_independence(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y, Z))

    def on(*symbols: RandomSymbol) -> Any:
        return _event(rng, symbols)

    a = _pick(rng, (X, X, X, Y, (X, Y)))  # A an event on X, else on something else
    b = _pick(rng, (Y, Y, Y, X, (X, Y)))
    a, b = (on(*v) if isinstance(v, tuple) else on(v) for v in (a, b))
    u = rng.random()
    if u < 0.15:  # the same event twice: a function of both only if it is trivial
        a = b
    elif u < 0.3:
        b = a
    return Case({"X": X, "Y": Y, "A": a, "B": b}, law)


def _gen_paley_zygmund(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    t = _pick(rng, (X, X**2, sp.Abs(X - Y), X * Y + 1, X - 1, -X, X + Y, sp.Abs(X)))
    return Case({"T": t, "theta": _grid(rng, -1, 2, 8)}, law)


_EXPONENTS = (F(3, 2), F(2), F(3), F(4), F(5, 4), F(1, 2), F(2, 3), F(1, 3), F(-1), F(-2))


def _gen_hoelder(rng: np.random.Generator) -> Case:
    n = int(rng.integers(1, 4))
    p = _pick(rng, _EXPONENTS)
    q = p / (p - 1) if rng.random() < 0.75 else _pick(rng, _EXPONENTS)
    return Case({"x": _vector(rng, n), "y": _vector(rng, n), "p": p, "q": q})


def _gen_amgm(rng: np.random.Generator) -> Case:
    return Case({"x": _grid(rng, -3, 6, 2), "y": _grid(rng, -3, 6, 2)})


def _gen_amgm_n(rng: np.random.Generator) -> Case:
    n = int(rng.integers(0, 5))
    return Case({"x": _vector(rng, n, -2, 6)})


def _threshold(rng: np.random.Generator, expr: sp.Basic, law: JointLaw) -> Fraction:
    """A threshold on ``expr - E[expr]``: its largest value on the law (where a tail bound is
    sharpest), another of its values, or a grid value of either sign."""
    mean = evaluate(E(expr), law)
    devs = sorted(v - mean for v in _values_on(expr, law)) if isinstance(mean, Fraction) else []
    u = rng.random()
    if devs and u < 0.4:
        return devs[-1]
    if devs and u < 0.7:
        return _pick(rng, devs)
    return _grid(rng, -1, 2)


def _gen_hoeffding(rng: np.random.Generator) -> Case:
    n = int(rng.integers(1, 4))
    xs = XS[:n]
    law = _law(rng, xs, lo=-1, hi=1)
    a = [law.support(s)[0] for s in xs]  # [a_i, b_i] the range of X_i ...
    b = [law.support(s)[-1] for s in xs]
    if rng.random() < 0.5:  # ... or one end moved out (widened) or in (narrowed)
        j, delta = int(rng.integers(n)), _pick(rng, (F(1, 4), F(1, 2), 1, -F(1, 4), -F(1, 2)))
        if rng.random() < 0.5:
            a[j] -= delta
        else:
            b[j] += delta
    t = _threshold(rng, sum(xs), law)
    return Case({"X": xs, "a": tuple(a), "b": tuple(b), "t": t}, law)


def _max_change(f: sp.Basic, xi: RandomSymbol, law: JointLaw) -> Fraction:
    """The largest change of ``f`` when ``xi`` alone moves over its support (the other
    variables of ``f`` over theirs)."""
    syms = sorted(f.free_symbols & set(law.symbols), key=lambda s: s.name)
    others = [s for s in syms if s != xi]
    best = F(0)
    for rest in itertools.product(*[law.support(s) for s in others]):
        base = {s: _rational(v) for s, v in zip(others, rest, strict=True)}
        vals = [sp.sympify(f).xreplace({**base, xi: _rational(v)}) for v in law.support(xi)]
        best = max(best, max(vals) - min(vals))
    return F(int(best.p), int(best.q)) if isinstance(best, sp.Rational) else best


def _rational(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _gen_mcdiarmid(rng: np.random.Generator) -> Case:
    n = int(rng.integers(1, 4))
    xs = XS[:n]
    law = _law(rng, (*xs, Y), lo=-1, hi=1)
    f = _pick(
        rng,
        (sp.Add(*xs), sp.Add(*xs) / n, sp.Max(*xs), sp.Mul(*xs), xs[0] + Y, sp.Add(*xs) + Y / 4),
    )
    exact = rng.random() < 0.5  # c_i the true bounded differences; else scaled
    c = []
    for s in xs:
        true = _max_change(f, s, law)
        factor = 1 if exact else _pick(rng, (1, F(1, 2), 2, 0))
        c.append(true * factor if true else _pick(rng, (0, F(1, 4), 1)))
    return Case({"F": f, "X": xs, "c": tuple(c), "t": _threshold(rng, f, law)}, law)


def _gen_gauss(rng: np.random.Generator) -> Case:
    return Case({"x": _grid(rng, -3, 6)})


def _gen_ball(rng: np.random.Generator) -> Case:
    return Case({"d": int(rng.integers(-1, 6)), "r": _grid(rng, -2, 3, 2)})


def _gen_two_reals(rng: np.random.Generator) -> Case:
    return Case({"x": _grid(rng, -5, 5, 2), "y": _grid(rng, -5, 5, 2)})


_WIDTHS = (F(0), F(1, 2), F(1), F(1), F(2))


def _widths(rng: np.random.Generator, symbols: Sequence[RandomSymbol]) -> dict:
    """A uniform part of random width (0: none, the symbol has no density) for each symbol."""
    return {x: _pick(rng, _WIDTHS) for x in symbols}


def _gen_sup_convolution(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    x = _pick(rng, (X, X, -X, 2 * X, X / 2))
    y = _pick(rng, (Y, Y, -Y, Y / 2, -X, X, 2 * Y - 1))
    d = _pick(rng, (1, 1, 1, 2, 0))
    return Case({"X": x, "Y": y, "d": d}, law, widths=_widths(rng, (X, Y)))


def _gen_sup_scaling(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    x = _pick(rng, (X, X, -X, X + Y, X - Y / 2))
    c = _pick(rng, (F(-2), F(-1), F(-1, 2), F(0), F(1, 2), F(1), F(3, 2), F(2)))
    d = _pick(rng, (1, 1, 2, 3, 0))
    return Case({"X": x, "c": c, "d": d}, law, widths=_widths(rng, (X, Y)))


def _gen_ball_mass(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y), lo=-2, hi=2)
    x = _pick(rng, (X, X, X + Y, 2 * X - Y, X - 1, -X))
    d = _pick(rng, (1, 1, 1, 1, 0))
    return Case({"X": x, "d": d, "r": _grid(rng, 0, 3)}, law, widths=_widths(rng, (X, Y)))


def _gen_total_expectation(rng: np.random.Generator) -> Case:
    law = _law(rng, (X, Y))
    return Case({"X": _random_expr(rng), "B": _event(rng, (X, Y))}, law)


def _gen_constant(rng: np.random.Generator) -> Case:
    return Case({"c": _grid(rng, -3, 3)}, _law(rng, (X, Y)))


#: The case generator of each library lemma (by name).
GENERATORS: dict[str, Callable[[np.random.Generator], Case]] = {
    "Markov": _gen_markov,
    "Monotonicity (expectations)": _gen_expectation_order,
    "Linearity (constant factor)": _gen_constant_factor,
    "Chebyshev": _gen_moment,
    "Cantelli": _gen_moment,
    "Cauchy-Schwarz (sums)": _gen_two_vectors,
    "Cauchy-Schwarz (expectations)": _gen_cs_expectations,
    "Jensen": _gen_jensen,
    "Union bound": _gen_two_events,
    "Union bound (family)": _gen_event_family,
    "Monotonicity": _gen_monotone,
    "Total probability": _gen_two_events,
    "Independence product": _gen_independence,
    "Paley-Zygmund": _gen_paley_zygmund,
    "Hoelder": _gen_hoelder,
    "AM-GM": _gen_amgm,
    "AM-GM (n terms)": _gen_amgm_n,
    "Hoeffding": _gen_hoeffding,
    "McDiarmid": _gen_mcdiarmid,
    "Gaussian tail (Mills)": _gen_gauss,
    "Gaussian tail (lower)": _gen_gauss,
    "Ball volume": _gen_ball,
    "Sup density (convolution)": _gen_sup_convolution,
    "Sup density (scaling)": _gen_sup_scaling,
    "Ball mass": _gen_ball_mass,
    "Expectation of a constant": _gen_constant,
    "Total expectation": _gen_total_expectation,
    "Triangle": _gen_two_reals,
    "Triangle (norm)": _gen_two_vectors,
    "Reverse triangle": _gen_two_reals,
}


# ----- pinned tight cases -----------------------------------------------------------------


def _two_point(s: RandomSymbol, lo: Any, hi: Any, p_hi: Fraction) -> JointLaw:
    """``s = hi`` with probability ``p_hi``, else ``lo``."""
    return JointLaw.single(s, [lo, hi], [1 - p_hi, p_hi])


def _bernoulli_pair() -> JointLaw:
    """X1, X2 independent, each uniform on {0, 1}."""
    return JointLaw(
        tuple({XS[0]: u, XS[1]: v} for u in (0, 1) for v in (0, 1)), (F(1, 4),) * 4
    )


_HALF = F(1, 2)

#: Tight or near-tight textbook cases, per lemma (each holds with equality, or nearly, so a
#: strengthened constant fails on it).
PINNED: dict[str, tuple[Pinned, ...]] = {
    "Markov": (
        Pinned(Case({"X": X, "a": 2}, _two_point(X, 0, 2, F(1, 4))),
               "X in {0, a}: Pr[X >= a] = E[X]/a (equality)"),
    ),
    "Monotonicity (expectations)": (
        Pinned(Case({"X": X, "Y": X}, _two_point(X, -1, 3, F(1, 3))), "X = Y: equality"),
    ),
    "Linearity (constant factor)": (
        Pinned(Case({"c": 3, "X": X}, _two_point(X, 0, 1, _HALF)), "an identity"),
    ),
    "Chebyshev": (
        Pinned(
            Case({"X": X, "a": 2}, JointLaw.single(X, [-2, 0, 2], [F(1, 4), _HALF, F(1, 4)])),
            "X in {-a, 0, a}, symmetric: Pr[|X - EX| >= a] = Var X / a^2 (equality)",
        ),
    ),
    "Cantelli": (
        Pinned(Case({"X": X, "a": 1}, _two_point(X, -1, 1, _HALF)),
               "X = +-1 w.p. 1/2, a = 1 = Var X: Pr = 1/2 = Var/(Var + a^2) (equality)"),
    ),
    "Cauchy-Schwarz (sums)": (
        Pinned(Case({"x": (1, 2), "y": (2, 4)}), "y = 2x: equality"),
    ),
    "Cauchy-Schwarz (expectations)": (
        Pinned(Case({"X": X, "Y": 2 * X}, _two_point(X, 1, 3, _HALF)), "Y = 2X: equality"),
    ),
    "Jensen": (
        Pinned(Case({"phi": sp.Lambda(_s, 2 * _s + 1), "X": X}, _two_point(X, -1, 3, _HALF),
                    points=(F(-1), F(0), F(3))),
               "phi affine: equality"),
        Pinned(Case({"phi": sp.Lambda(_s, _s**2 + _s), "X": X}, JointLaw.single(X, [3], [1]),
                    points=(F(0), F(3))),
               "X constant: equality"),
    ),
    "Union bound": (
        Pinned(Case({"A": sp.Le(X, 0), "B": sp.Ge(X, 1)}, _two_point(X, 0, 1, _HALF)),
               "disjoint events: equality"),
    ),
    "Union bound (family)": (
        Pinned(Case({"A": tuple(sp.Eq(X, k) for k in (1, 2, 3))},
                    JointLaw.single(X, [1, 2, 3], [F(1, 3)] * 3)),
               "a partition into three events of probability 1/3: 1 = 1/3 + 1/3 + 1/3"),
    ),
    "Monotonicity": (
        Pinned(Case({"A": sp.Ge(X, 2), "B": sp.Ge(X, 1)}, _two_point(X, 0, 2, _HALF)),
               "A = B almost surely: equality"),
    ),
    "Total probability": (
        Pinned(Case({"A": sp.Ge(X, 1), "B": sp.Ge(X, 2)},
                    JointLaw.single(X, [0, 1, 2], [F(1, 3)] * 3)), "an identity"),
    ),
    "Independence product": (
        Pinned(Case({"X": XS[0], "Y": XS[1], "A": sp.Ge(XS[0], 1), "B": sp.Ge(XS[1], 1)},
                    _bernoulli_pair()), "an identity under independence"),
    ),
    "Paley-Zygmund": (
        Pinned(Case({"T": X, "theta": 0}, _two_point(X, 0, 2, F(1, 4))),
               "T in {0, c}, theta = 0: Pr[T > 0] = E[T]^2/E[T^2] (equality)"),
        Pinned(Case({"T": X, "theta": _HALF}, _two_point(X, _HALF, F(11, 2), F(1, 10))),
               "T in {theta E T, b}, E T = 1, theta = 1/2, Pr[T = b] = 1/10: "
               "bound/probability = 1/(1 + 3/10)"),
    ),
    "Hoelder": (
        Pinned(Case({"x": (1, 2), "y": (1, 4), "p": 3, "q": F(3, 2)}),
               "|y_i| = |x_i|^(p-1): equality"),
    ),
    "AM-GM": (Pinned(Case({"x": 3, "y": 3}), "x = y: equality"),),
    "AM-GM (n terms)": (Pinned(Case({"x": (2, 2, 2)}), "equal terms: equality"),),
    "Hoeffding": (
        Pinned(Case({"X": (XS[0],), "a": (0,), "b": (4,), "t": 3},
                    _two_point(XS[0], 0, 4, F(1, 4))),
               "one variable on {0, 4}, Pr[X = 4] = 1/4, t = 3: Pr = 1/4 vs exp(-9/8)"),
        Pinned(Case({"X": XS[:2], "a": (0, 0), "b": (1, 1), "t": 1}, _bernoulli_pair()),
               "two fair bits, t = 1: Pr = 1/4 vs exp(-1)"),
    ),
    "McDiarmid": (
        Pinned(Case({"F": XS[0], "X": (XS[0],), "c": (4,), "t": 3},
                    _two_point(XS[0], 0, 4, F(1, 4))),
               "F = X on {0, 4}, Pr[X = 4] = 1/4, t = 3: Pr = 1/4 vs exp(-9/8)"),
        Pinned(Case({"F": XS[0] + XS[1], "X": XS[:2], "c": (1, 1), "t": 1}, _bernoulli_pair()),
               "F = sum of two fair bits, t = 1: Pr = 1/4 vs exp(-1)"),
    ),
    "Gaussian tail (Mills)": (
        Pinned(Case({"x": 10}), "x = 10: (1 - Phi(x)) x / phi(x) = 1 - 1/x^2 + O(x^-4)"),
    ),
    "Gaussian tail (lower)": (
        Pinned(Case({"x": 10}), "x = 10: bound/(1 - Phi(x)) = 1 - 2/x^4 + O(x^-6)"),
    ),
    "Ball volume": (
        Pinned(Case({"d": 1, "r": 3}), "V_1(3) = 6"),
        Pinned(Case({"d": 2, "r": 1}), "V_2(1) = pi"),
        Pinned(Case({"d": 3, "r": F(3, 2)}), "V_3(3/2) = 4/3 pi (3/2)^3 = 9 pi/2"),
    ),
    "Sup density (convolution)": (
        Pinned(Case({"X": X, "Y": Y, "d": 1}, JointLaw(({X: F(0), Y: F(3)},), (F(1),)),
                    widths={X: F(1)}),
               "X uniform on [0, 1), Y = 3 constant: sup f_{X+Y} = 1 = sup f_X (equality)"),
        Pinned(Case({"X": X, "Y": -Y, "d": 2}, JointLaw(({X: F(0), Y: F(1)},), (F(1),)),
                    widths={X: _HALF}),
               "X uniform on [0, 1/2)^2, Y = (1, 1) constant, d = 2: sup f_{X-Y} = 4 = "
               "sup f_X (equality)"),
    ),
    "Sup density (scaling)": (
        Pinned(Case({"X": X, "c": 2, "d": 1}, JointLaw.single(X, [0], [1]), widths={X: F(1)}),
               "X uniform on [0, 1), c = 2: sup f_{2X} = 1/2 = 1/2^1 (an identity)"),
        Pinned(Case({"X": X, "c": -_HALF, "d": 2}, JointLaw.single(X, [0], [1]),
                    widths={X: F(1)}),
               "X uniform on [0, 1)^2, c = -1/2: sup f_{cX} = 4 = 1/(1/2)^2 (an identity)"),
    ),
    "Ball mass": (
        Pinned(Case({"X": X, "d": 1, "r": 1}, JointLaw.single(X, [-1], [1]), widths={X: F(2)}),
               "X uniform on [-1, 1), r = 1: Pr = 1 = (1/2) * 2 (equality)"),
    ),
    "Expectation of a constant": (Pinned(Case({"c": 3}), "an identity: E[3] = 3"),),
    "Total expectation": (
        Pinned(Case({"X": X, "B": sp.Ge(X, 1)}, JointLaw.single(X, [0, 1, 2], [F(1, 3)] * 3)),
               "an identity: E[X] = 1 = (2/3)(3/2) + (1/3) 0"),
    ),
    "Triangle": (Pinned(Case({"x": 2, "y": 3}), "same signs: equality"),),
    "Triangle (norm)": (Pinned(Case({"x": (1, 2), "y": (2, 4)}), "y = 2x: equality"),),
    "Reverse triangle": (Pinned(Case({"x": 5, "y": 2}), "0 <= y <= x: equality"),),
}



