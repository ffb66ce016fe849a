r"""The lemma library: the checker's trust base, small and tested.

Each :class:`Lemma` is a standard result written ONCE as SymPy expressions in its parameters,
with its hypotheses and a reference. A step cites an instance::

    from hallbound.proofs_checks.library.lemma_library import lemma
    inst = lemma("Markov", X=(T - E(T)) ** 2, a=a ** 2)
    inst.conclusion      # (Pr((T - E[T])**2 >= a**2), "<=", E[(T - E[T])**2] / a**2)
    inst.hypotheses      # (T - E[T])**2 >= 0 pointwise; a**2 > 0 deterministic

How an instance is built (simultaneous substitution, function and sequence parameters,
written-out sums, hygienic renaming of bound variables) is described in
:mod:`~hallbound.proofs_checks.library.lemma_model`.

Hypotheses (:class:`Hypothesis`) carry a scope:

* ``"pointwise"``: holds at every outcome (random variables range over their support);
* ``"deterministic"``: a relation between numbers (it may contain Pr/E/Var; variables listed in
  ``over`` are universally quantified, e.g. Jensen's :math:`\varphi''(t) \ge 0` for all real
  :math:`t`);
* :class:`Independent`: the listed random quantities are mutually independent.

Relations of hypotheses: ``=``, ``<=``, ``<``, ``>=``, ``>``; ``implies`` (event ``lhs``
implies event ``rhs`` pointwise); ``measurable`` (``lhs`` is a function of the quantities in
the tuple ``rhs``); ``independent`` (``lhs`` is the tuple of quantities); and
``bounded-differences`` (``rhs = (X_i, c_i)``, and once unrolled ``(X_i, c_i, (X_1, ..., X_n))``:
changing ``X_i`` alone over its support changes ``lhs``, as a function of the family
``X_1, ..., X_n``, by at most ``c_i``).

:func:`hypotheses_failing` and :func:`conclusion_holds` check an instance on an exact finite
law (``randomness.JointLaw``); the tests run every lemma through them.

This module holds the table of lemmas (:data:`LIBRARY`, with :func:`lemma` and :func:`names`);
the model is in :mod:`~hallbound.proofs_checks.library.lemma_model` (``Lemma``, ``Param``,
``Hypothesis``, ``LemmaInstance``), the opaque objects in
:mod:`~hallbound.proofs_checks.library.lemma_notation` (``AnyOf``, ``SupDensity``, ...), the
checks on finite laws in :mod:`~hallbound.proofs_checks.library.lemma_checks`; every public
name of those is importable from here. A module of further lemmas adds them with one line,
``lemma_library.LIBRARY.update((lem.name, lem) for lem in LEMMAS)``, and is imported by the
package's ``__init__``.
"""


from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.library.lemma_checks import (
    conclusion_holds,
    conclusion_values,
    hypotheses_failing,
    hypothesis_holds,
)
from hallbound.proofs_checks.library.lemma_model import (
    HYPOTHESIS_RELATIONS,
    KINDS,
    LEMMA_PARAM_KINDS,
    Hypothesis,
    Independent,
    Lemma,
    LemmaInstance,
    LemmaParamKind,
    Param,
)
from hallbound.proofs_checks.library.lemma_notation import (
    AnyOf,
    BallVolume,
    CondE,
    Norm,
    SupDensity,
)
from hallbound.proofs_checks.library.randomness import E, Pr, Var, random_symbol

__all__ = [
    "HYPOTHESIS_RELATIONS",
    "KINDS",
    "LIBRARY",
    "LEMMA_PARAM_KINDS",
    "AnyOf",
    "BallVolume",
    "CondE",
    "Hypothesis",
    "Independent",
    "Lemma",
    "LemmaInstance",
    "Norm",
    "Param",
    "LemmaParamKind",
    "SupDensity",
    "conclusion_holds",
    "conclusion_values",
    "hypotheses_failing",
    "hypothesis_holds",
    "lemma",
    "names",
]

# ----- the lemmas -------------------------------------------------------------------------

_X = random_symbol("X")
_Y = random_symbol("Y")
_T = random_symbol("T")
_F = random_symbol("F")
_a = sp.Symbol("a", real=True)
_t = sp.Symbol("t", real=True)
_x = sp.Symbol("x", real=True)
_y = sp.Symbol("y", real=True)
_p = sp.Symbol("p", real=True)
_q = sp.Symbol("q", real=True)
_r = sp.Symbol("r", real=True)
_theta = sp.Symbol("theta", real=True)
_n = sp.Symbol("n", integer=True)
_d = sp.Symbol("d", integer=True)
_i = sp.Symbol("i", integer=True)
_k = sp.Symbol("k", integer=True)
_A = sp.Symbol("A")
_B = sp.Symbol("B")
_xs = sp.IndexedBase("x", real=True)
_ys = sp.IndexedBase("y", real=True)
_as = sp.IndexedBase("a", real=True)
_bs = sp.IndexedBase("b", real=True)
_cs = sp.IndexedBase("c", real=True)
_Xs = sp.IndexedBase(_X)
_As = sp.IndexedBase("A")
_phi = sp.Function("phi")
_u = sp.Symbol("u", real=True)  # Jensen's quantified variable

_DURRETT = "R. Durrett, Probability: Theory and Examples (4th/5th ed.)"
_VERSHYNIN = "R. Vershynin, High-Dimensional Probability (2018)"
_HLP = "G. H. Hardy, J. E. Littlewood, G. Polya, Inequalities (2nd ed., 1952)"


def _P(name: str, kind: str, placeholder: Any, arity: int = 1) -> Param:
    return Param(name, kind, placeholder, arity)


def _H(lhs: Any, rel: str, rhs: Any, scope: str = "deterministic", over: Any = ()) -> Hypothesis:
    return Hypothesis(sp.sympify(lhs), rel, sp.sympify(rhs), scope, tuple(over))


def _indep(*vs: Any, over: Any = ()) -> Hypothesis:
    tup = sp.Tuple(*vs)
    return Hypothesis(tup, "independent", sp.true, Independent(tuple(tup)), tuple(over))


def _over(i: sp.Symbol, n: sp.Basic) -> tuple[tuple[sp.Basic, sp.Basic, sp.Basic]]:
    return ((i, sp.S.One, n),)


def _sum(e: sp.Basic, i: sp.Symbol = _i) -> sp.Sum:
    return sp.Sum(e, (i, 1, _n))


_S_hoeff = _sum(_Xs[_i])
_gauss_tail = sp.erfc(_x / sp.sqrt(2)) / 2  # 1 - Phi(x)
_gauss_density = sp.exp(-(_x**2) / 2) / sp.sqrt(2 * sp.pi)  # phi(x)

_LEMMAS: tuple[Lemma, ...] = (
    Lemma(
        "Markov",
        f"{_DURRETT}, Thm 1.6.4 (Chebyshev's inequality, general form); {_VERSHYNIN}, Prop. 1.2.4",
        (_P("X", "random", _X), _P("a", "positive", _a)),
        (_H(_X, ">=", 0, "pointwise"), _H(_a, ">", 0)),
        (Pr(sp.Ge(_X, _a)), "<=", E(_X) / _a),
    ),
    Lemma(
        "Monotonicity (expectations)",
        f"{_DURRETT}, Thm 1.5.1 (monotonicity of the integral)",
        (_P("X", "random", _X), _P("Y", "random", _Y)),
        (_H(_X, "<=", _Y, "pointwise"),),
        (E(_X), "<=", E(_Y)),
    ),
    Lemma(
        "Linearity (constant factor)",
        f"{_DURRETT}, Thm 1.5.1 (linearity of the integral)",
        (_P("c", "real", _a), _P("X", "random", _X)),
        (),
        (E(_a * _X), "=", _a * E(_X)),
        note="c is deterministic: a real parameter holds no random variable",
    ),
    Lemma(
        "Chebyshev",
        f"{_VERSHYNIN}, Cor. 1.2.5; {_DURRETT}, Thm 1.6.4 with phi(x) = x^2",
        (_P("X", "random", _X), _P("a", "positive", _a)),
        (_H(_a, ">", 0),),
        (Pr(sp.Ge(sp.Abs(_X - E(_X)), _a)), "<=", Var(_X) / _a**2),
    ),
    Lemma(
        "Cantelli",
        "F. P. Cantelli (1928); G. Grimmett, D. Stirzaker, Probability and Random Processes "
        "(one-sided Chebyshev inequality)",
        (_P("X", "random", _X), _P("a", "positive", _a)),
        (_H(_a, ">", 0),),
        (Pr(sp.Ge(_X - E(_X), _a)), "<=", Var(_X) / (Var(_X) + _a**2)),
    ),
    Lemma(
        "Cauchy-Schwarz (sums)",
        "J. M. Steele, The Cauchy-Schwarz Master Class (2004), Ch. 1",
        (_P("x", "sequence", _xs), _P("y", "sequence", _ys), _P("n", "integer", _n)),
        (),
        (_sum(_xs[_i] * _ys[_i]) ** 2, "<=", _sum(_xs[_i] ** 2) * _sum(_ys[_i] ** 2)),
        length="n",
        note="a tuple for x and y gives the finite vector form",
    ),
    Lemma(
        "Cauchy-Schwarz (expectations)",
        f"{_DURRETT}, Thm 1.6.3 (Hoelder) with p = q = 2",
        (_P("X", "random", _X), _P("Y", "random", _Y)),
        (),
        (E(_X * _Y) ** 2, "<=", E(_X**2) * E(_Y**2)),
    ),
    Lemma(
        "Jensen",
        f"{_DURRETT}, Thm 1.6.2",
        (_P("phi", "function", _phi), _P("X", "random", _X)),
        (_H(sp.Derivative(_phi(_u), (_u, 2)), ">=", 0, over=((_u, -sp.oo, sp.oo),)),),
        (_phi(E(_X)), "<=", E(_phi(_X))),
        note="convexity as phi'' >= 0 on the real line",
    ),
    Lemma(
        "Union bound",
        f"{_DURRETT}, Thm 1.1.1 (ii) (subadditivity)",
        (_P("A", "event", _A), _P("B", "event", _B)),
        (),
        (Pr(sp.Or(_A, _B)), "<=", Pr(_A) + Pr(_B)),
    ),
    Lemma(
        "Union bound (family)",
        f"{_DURRETT}, Thm 1.1.1 (ii) (subadditivity)",
        (_P("A", "event-sequence", _As), _P("n", "integer", _n)),
        (),
        (Pr(AnyOf(_As[_k], (_k, 1, _n))), "<=", sp.Sum(Pr(_As[_k]), (_k, 1, _n))),
        length="n",
    ),
    Lemma(
        "Monotonicity",
        f"{_DURRETT}, Thm 1.1.1 (i)",
        (_P("A", "event", _A), _P("B", "event", _B)),
        (_H(_A, "implies", _B, "pointwise"),),
        (Pr(_A), "<=", Pr(_B)),
    ),
    Lemma(
        "Total probability",
        f"{_DURRETT}, Sect. 1.1 (additivity of a measure)",
        (_P("A", "event", _A), _P("B", "event", _B)),
        (),
        (Pr(_A), "=", Pr(sp.And(_A, _B)) + Pr(sp.And(_A, sp.Not(_B)))),
    ),
    Lemma(
        "Independence product",
        f"{_DURRETT}, Sect. 2.1 (definition of independence)",
        (
            _P("X", "random", _X),
            _P("Y", "random", _Y),
            _P("A", "event", _A),
            _P("B", "event", _B),
        ),
        (
            _indep(_X, _Y),
            _H(_A, "measurable", sp.Tuple(_X), "pointwise"),
            _H(_B, "measurable", sp.Tuple(_Y), "pointwise"),
        ),
        (Pr(sp.And(_A, _B)), "=", Pr(_A) * Pr(_B)),
    ),
    Lemma(
        "Paley-Zygmund",
        "R. Paley, A. Zygmund (1932); J.-P. Kahane, Some Random Series of Functions, Ch. 1 "
        "(T in the bound, not Z: the corrected Lemma B.2)",
        (_P("T", "random", _T), _P("theta", "real", _theta)),
        (
            _H(_T, ">=", 0, "pointwise"),
            _H(_theta, ">=", 0),
            _H(_theta, "<=", 1),
            _H(E(_T**2), ">", 0),
        ),
        (Pr(sp.Gt(_T, _theta * E(_T))), ">=", (1 - _theta) ** 2 * E(_T) ** 2 / E(_T**2)),
    ),
    Lemma(
        "Hoelder",
        f"{_HLP}, Sect. 2.7 (Hoelder's inequality for sums)",
        (
            _P("x", "sequence", _xs),
            _P("y", "sequence", _ys),
            _P("p", "real", _p),
            _P("q", "real", _q),
            _P("n", "integer", _n),
        ),
        (_H(_p, ">", 1), _H(1 / _p + 1 / _q, "=", 1)),
        (
            _sum(sp.Abs(_xs[_i] * _ys[_i])),
            "<=",
            _sum(sp.Abs(_xs[_i]) ** _p) ** (1 / _p) * _sum(sp.Abs(_ys[_i]) ** _q) ** (1 / _q),
        ),
        length="n",
    ),
    Lemma(
        "AM-GM",
        f"{_HLP}, Sect. 2.5",
        (_P("x", "nonnegative", _x), _P("y", "nonnegative", _y)),
        (_H(_x, ">=", 0), _H(_y, ">=", 0)),
        (sp.sqrt(_x * _y), "<=", (_x + _y) / 2),
    ),
    Lemma(
        "AM-GM (n terms)",
        f"{_HLP}, Sect. 2.5",
        (_P("x", "sequence", _xs), _P("n", "integer", _n)),
        (_H(_n, ">=", 1), _H(_xs[_i], ">=", 0, over=_over(_i, _n))),
        (sp.Product(_xs[_i], (_i, 1, _n)) ** (1 / _n), "<=", _sum(_xs[_i]) / _n),
        length="n",
    ),
    Lemma(
        "Hoeffding",
        f"{_VERSHYNIN}, Thm 2.2.6; W. Hoeffding (1963), Thm 2",
        (
            _P("X", "random-sequence", _Xs),
            _P("a", "sequence", _as),
            _P("b", "sequence", _bs),
            _P("t", "positive", _t),
            _P("n", "integer", _n),
        ),
        (
            _indep(_Xs[_i], over=_over(_i, _n)),
            _H(_as[_i], "<=", _Xs[_i], "pointwise", _over(_i, _n)),
            _H(_Xs[_i], "<=", _bs[_i], "pointwise", _over(_i, _n)),
            _H(_as[_i], "<", _bs[_i], over=_over(_i, _n)),
            _H(_t, ">", 0),
        ),
        (
            Pr(sp.Ge(_S_hoeff - E(_S_hoeff), _t)),
            "<=",
            sp.exp(-2 * _t**2 / _sum((_bs[_i] - _as[_i]) ** 2)),
        ),
        length="n",
    ),
    Lemma(
        "McDiarmid",
        "S. Boucheron, G. Lugosi, P. Massart, Concentration Inequalities (2013), Thm 6.2; "
        "C. McDiarmid (1989)",
        (
            _P("F", "random", _F),
            _P("X", "random-sequence", _Xs),
            _P("c", "sequence", _cs),
            _P("t", "positive", _t),
            _P("n", "integer", _n),
        ),
        (
            _indep(_Xs[_i], over=_over(_i, _n)),
            _H(_F, "measurable", sp.Tuple(_Xs[_i]), "pointwise", _over(_i, _n)),
            _H(_F, "bounded-differences", sp.Tuple(_Xs[_i], _cs[_i]), "pointwise", _over(_i, _n)),
            _H(_sum(_cs[_i] ** 2), ">", 0),
            _H(_t, ">", 0),
        ),
        (Pr(sp.Ge(_F - E(_F), _t)), "<=", sp.exp(-2 * _t**2 / _sum(_cs[_i] ** 2))),
        length="n",
    ),
    Lemma(
        "Gaussian tail (Mills)",
        f"{_VERSHYNIN}, Prop. 2.1.2 (upper bound); R. D. Gordon (1941)",
        (_P("x", "positive", _x),),
        (_H(_x, ">", 0),),
        (_gauss_tail, "<=", _gauss_density / _x),
        note="1 - Phi(x) = erfc(x / sqrt 2) / 2",
    ),
    Lemma(
        "Gaussian tail (lower)",
        f"{_VERSHYNIN}, Prop. 2.1.2 (lower bound, in the form x/(1+x^2)); R. D. Gordon (1941)",
        (_P("x", "positive", _x),),
        (_H(_x, ">", 0),),
        (_gauss_tail, ">=", _x / (1 + _x**2) * _gauss_density),
    ),
    Lemma(
        "Ball volume",
        "NIST DLMF 5.19.4; G. B. Folland, Real Analysis (2nd ed.), Cor. 2.55",
        (_P("d", "integer", _d), _P("r", "nonnegative", _r)),
        (_H(_d, ">=", 1), _H(_r, ">=", 0)),
        (BallVolume(_d, _r), "=", sp.pi ** (_d / 2) * _r**_d / sp.gamma(_d / 2 + 1)),
    ),
    Lemma(
        "Sup density (convolution)",
        f"{_DURRETT}, Thm 2.1.16 (5th ed.; 2.1.11 in the 4th): X + Y has the density "
        "z -> E[f_X(z - Y)], at most sup f_X",
        (_P("X", "random", _X), _P("Y", "random", _Y), _P("d", "integer", _d)),
        (_indep(_X, _Y), _H(_d, ">=", 1)),
        (SupDensity(_X + _Y, _d), "<=", SupDensity(_X, _d)),
        note="X, Y random vectors in R^d; when X has no bounded density, sup f_X = +oo and "
        "the bound says nothing",
    ),
    Lemma(
        "Sup density (scaling)",
        "G. B. Folland, Real Analysis (2nd ed.), Thm 2.44 (linear change of variables): "
        "cX has the density x -> f_X(x/c)/|c|^d",
        (_P("X", "random", _X), _P("c", "real", _a), _P("d", "integer", _d)),
        (_H(sp.Abs(_a), ">", 0), _H(_d, ">=", 1)),
        (SupDensity(_a * _X, _d), "=", SupDensity(_X, _d) / sp.Abs(_a) ** _d),
        note="X a random vector in R^d, c a non-zero real number",
    ),
    Lemma(
        "Ball mass",
        f"{_DURRETT}, Thm 1.5.1 (monotonicity of the integral): Pr[X in B] = int_B f_X "
        "<= sup f_X vol(B)",
        (_P("X", "random", _X), _P("d", "integer", _d), _P("r", "nonnegative", _r)),
        (_H(_d, ">=", 1), _H(SupDensity(_X, _d), "<", sp.oo)),
        (Pr(sp.Le(Norm(_X), _r)), "<=", SupDensity(_X, _d) * BallVolume(_d, _r)),
        note="B the closed ball of radius r about 0 (apply it to X - m for another centre)",
    ),
    Lemma(
        "Expectation of a constant",
        f"{_DURRETT}, Sect. 1.4 (the integral of a simple function): E[c] = c Pr[Omega] = c",
        (_P("c", "real", _a),),
        (),
        (E(_a), "=", _a),
        note="c is deterministic: a real parameter holds no random variable",
    ),
    Lemma(
        "Total expectation",
        f"{_DURRETT}, Thm 4.1.13 (E[E[X | F]] = E[X]) with F generated by the event B, where "
        "E[X | F] = E[X | B] on B and E[X | not B] off B (Example 4.1.3)",
        (_P("X", "random", _X), _P("B", "event", _B)),
        (_H(Pr(_B), ">", 0), _H(Pr(sp.Not(_B)), ">", 0)),
        (
            E(_X),
            "=",
            Pr(_B) * CondE(_X, _B) + Pr(sp.Not(_B)) * CondE(_X, sp.Not(_B)),
        ),
        note="the tower rule for the partition {B, not B}",
    ),
    Lemma(
        "Triangle",
        "the triangle inequality for the absolute value",
        (_P("x", "real", _x), _P("y", "real", _y)),
        (),
        (sp.Abs(_x + _y), "<=", sp.Abs(_x) + sp.Abs(_y)),
    ),
    Lemma(
        "Triangle (norm)",
        "Minkowski's inequality for p = 2; " + _HLP + ", Sect. 2.11",
        (_P("x", "sequence", _xs), _P("y", "sequence", _ys), _P("n", "integer", _n)),
        (),
        (
            sp.sqrt(_sum((_xs[_i] + _ys[_i]) ** 2)),
            "<=",
            sp.sqrt(_sum(_xs[_i] ** 2)) + sp.sqrt(_sum(_ys[_i] ** 2)),
        ),
        length="n",
    ),
    Lemma(
        "Reverse triangle",
        "the reverse triangle inequality for the absolute value",
        (_P("x", "real", _x), _P("y", "real", _y)),
        (),
        (sp.Abs(_x - _y), ">=", sp.Abs(_x) - sp.Abs(_y)),
    ),
)

#: The library, by name.
LIBRARY: dict[str, Lemma] = {lem.name: lem for lem in _LEMMAS}


def names() -> list[str]:
    """The names of the lemmas in the library."""
    return list(LIBRARY)


def lemma(name: str, **args: Any) -> LemmaInstance:
    """The instance of library lemma ``name`` with ``args`` substituted."""
    if name not in LIBRARY:
        raise InputError("name", f"no lemma {name!r} in the library (have: {names()})")
    return LIBRARY[name].instance(**args)
