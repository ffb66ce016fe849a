r"""Checking a lemma instance on an exact finite law (``randomness.JointLaw``):
:func:`hypothesis_holds`, :func:`hypotheses_failing`, :func:`conclusion_values` and
:func:`conclusion_holds`. The trust base's audit and tests run every lemma through them.

Relations of hypotheses: ``=``, ``<=``, ``<``, ``>=``, ``>``; ``implies`` (event ``lhs``
implies event ``rhs`` pointwise); ``measurable`` (``lhs`` is a function of the quantities in
the tuple ``rhs``); ``independent`` (``lhs`` is the tuple of quantities); and
``bounded-differences`` (``rhs = (X_i, c_i)``, and once unrolled ``(X_i, c_i, (X_1, ..., X_n))``:
changing ``X_i`` alone over its support changes ``lhs``, as a function of the family
``X_1, ..., X_n``, by at most ``c_i``).

Every name stays importable from :mod:`hallbound.proofs_checks.library.lemma_library`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp
from sympy.logic.boolalg import Boolean

from hallbound.errors import InputError
from hallbound.proofs_checks.library.lemma_model import Hypothesis, LemmaInstance
from hallbound.proofs_checks.library.randomness import (
    JointLaw,
    Number,
    RandomSymbol,
    _number,
    _resolve,
    _truth,
    evaluate,
    holds,
    is_random,
    random_symbols,
    to_number,
)

#: Checks of hypothesis kinds that a lemma module adds (kind -> ``check(sides, law, values)``,
#: ``values(expr)`` giving ``expr`` at each outcome of ``law``): the module that defines the
#: kind's lemmas registers its check when it is imported, so this module imports none of them.
HYPOTHESIS_CHECKS: dict[str, Callable[..., bool]] = {}


def _values(expr: sp.Basic, law: JointLaw, env_map: Mapping[sp.Basic, sp.Expr]) -> list[Any]:
    """Value of ``expr`` at each outcome with positive probability (with the probability)."""
    e = _resolve(sp.sympify(expr).xreplace(env_map), law)
    out = []
    for atom, q in law.outcomes():
        v = e.xreplace({k: sp.Rational(x.numerator, x.denominator) for k, x in atom.items()})
        if isinstance(v, Boolean):
            out.append((sp.true if _truth(v) else sp.false, q))
        else:
            out.append((_number(v), q))
    return out


def _sym(x: Any) -> sp.Expr:
    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    return sp.sympify(x)


def _env(env: Mapping[Any, Any] | None) -> dict[sp.Basic, sp.Expr]:
    if not env:
        return {}
    return {(sp.Symbol(k) if isinstance(k, str) else k): _sym(v) for k, v in env.items()}


def _num_holds(lhs: sp.Basic, rel: str, rhs: sp.Basic, rtol: float) -> bool:
    return holds(to_number(lhs), rel, to_number(rhs), rtol)


def hypothesis_holds(
    h: Hypothesis,
    law: JointLaw,
    env: Mapping[Any, Any] | None = None,
    points: Sequence[Any] | None = None,
    rtol: float = 1e-30,
) -> bool:
    """Whether ``h`` holds on ``law`` (exactly; 50 digits with ``rtol`` where irrational).

    Pointwise relations are checked at every outcome; ``independent`` by comparing the joint
    law of the quantities with the product of their marginals; ``measurable`` by checking that
    ``lhs`` is constant where the quantities are; ``bounded-differences`` over the product of
    the supports, ``lhs`` read as a function of the family (see :func:`_bounded_differences`).
    A real variable in ``over`` is checked only at ``points`` (default: every
    value in the law's support and 0), a necessary check, not a proof.
    """
    em = _env(env)
    if h.over:
        reals = [v for v, _, _ in h.over if not v.is_integer]
        if len(reals) != len(h.over):
            raise InputError("over", f"index range of {h.text()} is not concrete")
        pts = points
        if pts is None:
            pts = sorted({x for a, _ in law.outcomes() for x in a.values()} | {Fraction(0)})
        for combo in itertools.product(pts, repeat=len(reals)):
            s = {v: _sym(x) for v, x in zip(reals, combo, strict=True)}
            g = Hypothesis(h.lhs.xreplace(s), h.rel, h.rhs.xreplace(s), h.scope)
            if not hypothesis_holds(g, law, env, rtol=rtol):
                return False
        return True
    if h.rel == "independent":
        cols = [_values(v, law, em) for v in h.lhs.args]
        joint: dict[tuple[Any, ...], Fraction] = {}
        margs: list[dict[Any, Fraction]] = [{} for _ in cols]
        for rows in zip(*cols, strict=True):
            q = rows[0][1]
            key = tuple(v for v, _ in rows)
            joint[key] = joint.get(key, Fraction(0)) + q
            for m, v in zip(margs, key, strict=True):
                m[v] = m.get(v, Fraction(0)) + q
        for combo in itertools.product(*[list(m.items()) for m in margs]):
            prod = Fraction(1)
            for _, q in combo:
                prod *= q
            if joint.get(tuple(v for v, _ in combo), Fraction(0)) != prod:
                return False
        return True
    if h.rel == "measurable":
        lhs = _values(h.lhs, law, em)
        cols = [_values(v, law, em) for v in h.rhs.args]
        seen: dict[tuple[Any, ...], Any] = {}
        for i, (val, _) in enumerate(lhs):
            key = tuple(c[i][0] for c in cols)
            if seen.setdefault(key, val) != val:
                return False
        return True
    if h.rel == "bounded-differences":
        return _bounded_differences(h, law, em, rtol)
    if h.rel in HYPOTHESIS_CHECKS:  # e.g. "conditional-sum", registered by its lemma module
        return HYPOTHESIS_CHECKS[h.rel](h.lhs, law, lambda e: _values(e, law, em))
    if h.scope == "deterministic" and not (is_random(h.lhs) or is_random(h.rhs)):
        if h.rel == "implies":
            return (not _truth(_resolve(h.lhs.xreplace(em), law))) or _truth(
                _resolve(h.rhs.xreplace(em), law)
            )
        return holds(evaluate(h.lhs, law, env), h.rel, evaluate(h.rhs, law, env), rtol)
    lhs = _values(h.lhs, law, em)
    rhs = _values(h.rhs, law, em)
    for (l, _), (r, _) in zip(lhs, rhs, strict=True):
        if h.rel == "implies":
            if _truth(l) and not _truth(r):
                return False
        elif not _num_holds(l, h.rel, r, rtol):
            return False
    return True


def _bounded_differences(
    h: Hypothesis, law: JointLaw, em: Mapping[sp.Basic, sp.Expr], rtol: float
) -> bool:
    r"""Changing ``X_i`` alone changes ``lhs`` by at most ``c_i``.

    ``lhs`` is read as a function :math:`g` of the family :math:`X_1, \dots, X_n` (the third
    element of ``rhs``; just ``X_i`` when absent). When ``lhs`` involves another random
    variable :math:`Y` and is, on the law, a function of the family (it may be: :math:`Y` a
    copy of :math:`X_1`), :math:`g` is read from the law, and must be known on the whole
    product of the supports (else the check fails: :math:`g` is not determined there);
    otherwise :math:`g` is the formula, each variable over its support, the others held fixed.
    """
    xi, ci, *rest = h.rhs.args
    if not isinstance(xi, RandomSymbol):
        raise InputError("rhs", f"bounded differences need a random variable, got {xi}")
    family = tuple(rest[0].args) if rest else (xi,)
    if not all(isinstance(x, RandomSymbol) for x in family):
        raise InputError("rhs", f"bounded differences need random variables, got {family}")
    f = _resolve(h.lhs.xreplace(em), law)
    c = _resolve(ci.xreplace(em), law)
    if not random_symbols(f) <= set(family) | {xi}:
        table = _function_of(f, family, law)
        if table is not None:
            return _table_differences(table, family, xi, law, c, rtol)
    syms = sorted(random_symbols(f) | {xi}, key=lambda s: s.name)
    supports = {s: law.support(s) for s in syms}
    others = [s for s in syms if s != xi]
    for rest_values in itertools.product(*[supports[s] for s in others]):
        base = {
            s: sp.Rational(v.numerator, v.denominator)
            for s, v in zip(others, rest_values, strict=True)
        }
        vals = []
        for v in supports[xi]:
            base[xi] = sp.Rational(v.numerator, v.denominator)
            vals.append(_number(f.xreplace(base)))
        for u, w in itertools.combinations(vals, 2):
            if not _num_holds(sp.Abs(u - w), "<=", c, rtol):
                return False
    return True


def _function_of(
    f: sp.Basic, family: Sequence[sp.Basic], law: JointLaw
) -> dict[tuple[Fraction, ...], sp.Expr] | None:
    """``f`` as a table on the values of ``family`` seen on the law; None when ``f`` is not a
    function of them (two outcomes with equal family values and different ``f``)."""
    table: dict[tuple[Fraction, ...], sp.Expr] = {}
    for atom, _ in law.outcomes():
        key = tuple(atom[x] for x in family)
        sub = {k: sp.Rational(v.numerator, v.denominator) for k, v in atom.items()}
        value = _number(f.xreplace(sub))
        if table.setdefault(key, value) != value:
            return None
    return table


def _table_differences(
    table: Mapping[tuple[Fraction, ...], sp.Expr],
    family: Sequence[sp.Basic],
    xi: sp.Basic,
    law: JointLaw,
    c: sp.Basic,
    rtol: float,
) -> bool:
    k = list(family).index(xi)
    supports = [law.support(x) for x in family]
    for point in itertools.product(*supports):
        for v in supports[k]:
            other = (*point[:k], v, *point[k + 1 :])
            if point not in table or other not in table:
                return False
            if not _num_holds(sp.Abs(table[point] - table[other]), "<=", c, rtol):
                return False
    return True


def hypotheses_failing(
    inst: LemmaInstance,
    law: JointLaw,
    env: Mapping[Any, Any] | None = None,
    points: Sequence[Any] | None = None,
) -> list[Hypothesis]:
    """The hypotheses of ``inst`` that fail on ``law`` (empty: all hold)."""
    return [h for h in inst.hypotheses if not hypothesis_holds(h, law, env, points)]


def conclusion_values(
    inst: LemmaInstance, law: JointLaw, env: Mapping[Any, Any] | None = None
) -> tuple[Number, Number]:
    """Both sides of the conclusion evaluated on ``law`` (``randomness.evaluate``)."""
    lhs, _, rhs = inst.conclusion
    return evaluate(lhs, law, env), evaluate(rhs, law, env)


def conclusion_holds(
    inst: LemmaInstance,
    law: JointLaw,
    env: Mapping[Any, Any] | None = None,
    rtol: float = 1e-30,
) -> bool:
    """Whether the conclusion of ``inst`` holds on ``law``."""
    lhs, rhs = conclusion_values(inst, law, env)
    return holds(lhs, inst.conclusion[1], rhs, rtol)

