r"""The finite-law model of expectations, variances, covariances and probabilities
(``\mathbb{E}[..]``, ``\operatorname{Var}(..)``, ``\operatorname{Cov}(.., ..)``, ``\Pr[..]``),
beside :mod:`.finite_laws`' entropies.

A step is modelled when every free symbol of ``lhs - rhs`` is such an atom, unconditioned and
without a subscript, whose argument is a polynomial (an expectation, a variance) or a
relation between polynomials (a probability) in random variables (a pair of them for a
covariance, none of them indexed by a letter: ``Cov(Z_t, Z_{t+s})`` is not modelled); a
random variable is a variable that a read statement names (:mod:`.law_statements`) or that
is written with a capital Latin letter (``X``, ``U_1``): a lower-case or Greek letter
inside an expectation may be a constant of the text, so such a step is not modelled. Laws
are drawn as in :mod:`.finite_laws` (independent blocks, copies), the variables taking
values in ``{-1, -1/2, 0, 1/3, 1/2, 1, 3/2, 2, 3}`` with rational probabilities, and each
atom and ``lhs - rhs`` are computed exactly (SymPy rationals): a failure needs no tolerance.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_atoms import Atom, random_letter
from hallbound.proofs_checks.latex.models.finite_laws import (
    REAL_VALUES,
    Factor,
    Group,
    Model,
    _structure,
)
from hallbound.proofs_checks.latex.models.law_statements import LawStatement, law_names

#: The values a random variable is drawn from.
REAL = Group("R", REAL_VALUES, lambda a, b: a + b, lambda a: -a)
MOMENT_KINDS = frozenset({"E", "Var", "Cov", "Pr"})
_RELATIONS = {">=": sp.Ge, "<=": sp.Le, ">": sp.Gt, "<": sp.Lt}


def _event(key: str, symbols: set[sp.Symbol]) -> sp.Basic | None:
    """``Pr[X + Y >= 2]``'s event as a SymPy relation, or None when it is not one relation
    between polynomials in ``symbols``."""
    inner = key[3:-1]
    for op, cls in _RELATIONS.items():
        parts = inner.split(f" {op} ")
        if len(parts) != 2 or any(o in p for p in parts for o in (" < ", " > ", "=")):
            continue
        names = {s.name: s for s in symbols}
        try:
            sides = [sp.sympify(p, locals=names) for p in parts]
        except (sp.SympifyError, SyntaxError, TypeError, ValueError):
            return None
        if all(_polynomial(s, symbols) for s in sides):
            return cls(*sides)
    return None


def _polynomial(expr: Any, symbols: set[sp.Symbol]) -> bool:
    return isinstance(expr, sp.Expr) and expr.free_symbols <= symbols and bool(
        expr.is_polynomial(*symbols) if symbols else expr.is_number)


def moment_quantity(atom: Atom) -> tuple | None:
    """``("E", expr)``, ``("Var", expr)``, ``("Cov", (expr, expr))`` or ``("Pr", relation)``
    of an unconditioned, unsubscripted atom; None otherwise."""
    opener = "(" if atom.kind == "Cov" else "["
    if atom.kind not in MOMENT_KINDS or " | " in atom.key or not atom.key.startswith(
            f"{atom.kind}{opener}"):
        return None
    deps = set(atom.depends)
    if atom.kind == "Pr":
        ev = _event(atom.key, deps)
        return None if ev is None else ("Pr", ev)
    if atom.kind == "Cov":
        pair = atom.arg
        ok = isinstance(pair, sp.Tuple) and len(pair) == 2 and all(
            _polynomial(a, deps) for a in pair)
        return ("Cov", pair) if ok and not any(_letter_indexed(s.name) for s in deps) else None
    if atom.arg is None or not _polynomial(atom.arg, deps):
        return None
    return (atom.kind, atom.arg)


def _letter_indexed(name: str) -> bool:
    """A member of a family indexed by a letter (``Z_t``, ``B_{t+s}``, ``X_i``): a process or
    a sample whose joint law the text fixes in words (a Brownian motion, an i.i.d. sample);
    its covariances (``Cov(Z_t, Z_{t+s}) = Var(Z_t)``) are such facts, not identities, so a
    law drawn without them refutes nothing."""
    _, _, index = name.partition("_")
    return any(c.isalpha() for c in index)


def _random(name: str, named: set[str]) -> bool:
    return name in named or random_letter(name)


def build_moment_model(lhs: sp.Basic, rel: str, rhs: sp.Basic,
                       atoms: Mapping[sp.Symbol, Atom],
                       laws: list[LawStatement]) -> Model | None:
    """The model of a step of expectations / variances / probabilities (module doc), or
    None."""
    try:
        diff = sp.expand(lhs - rhs)
    except Exception:  # noqa: BLE001 - not an expression the model reads
        return None
    if not isinstance(diff, sp.Expr) or not diff.free_symbols or diff.is_number:
        return None
    symbols = sorted(diff.free_symbols, key=lambda s: s.name)
    quantities = []
    for sym in symbols:
        q = None if sym not in atoms else moment_quantity(atoms[sym])
        if q is None:
            return None
        quantities.append((Fraction(1), q))
    rvs = set().union(*(q[1].free_symbols for _, q in quantities))
    named = law_names(laws, {s.name for s in rvs})
    if not rvs or not all(_random(s.name, named) for s in rvs):
        return None
    model = _structure(quantities, rel, laws)
    if model is not None:
        model.groups, model.refute_in = [REAL.name], {REAL.name}
        model.symbols, model.diff = symbols, diff
        model.moments = MOMENTS
    return model


def points(factors: list[Factor], names: set[str]) -> Iterator[tuple[dict[str, int], Fraction]]:
    """Each outcome of the factors that touch ``names``, with its probability."""
    used = [f for f in factors if set(f[0]) & names]
    for combo in itertools.product(*(list(f[1].items()) for f in used)):
        point: dict[str, int] = {}
        p = Fraction(1)
        for f, (outcome, q) in zip(used, combo, strict=True):
            point.update(zip(f[0], outcome, strict=True))
            p *= q
        yield point, p


def _exact(v: Any) -> sp.Rational:
    """A drawn value (an int or a Fraction) as a SymPy rational."""
    f = Fraction(v)
    return sp.Rational(f.numerator, f.denominator)


def _covariance(pair: sp.Tuple, factors: list[Factor]) -> sp.Rational:
    """``Cov(X, Y) = E[XY] - E[X] E[Y]`` under the law, exactly."""
    syms = {s.name: s for s in pair.free_symbols}
    ex, ey, exy = sp.Integer(0), sp.Integer(0), sp.Integer(0)
    for point, p in points(factors, set(syms)):
        x, y = pair.xreplace({s: _exact(point[n]) for n, s in syms.items()})
        weight = sp.Rational(p.numerator, p.denominator)
        ex, ey, exy = ex + weight * x, ey + weight * y, exy + weight * x * y
    return exy - ex * ey


def moment_value(q: tuple, factors: list[Factor]) -> sp.Rational:
    """The exact value of ``E[expr]``, ``Var[expr]``, ``Cov(expr, expr)`` or ``Pr[event]``
    under the law."""
    if q[0] == "Cov":
        return _covariance(q[1], factors)
    syms = {s.name: s for s in q[1].free_symbols}
    first, second = sp.Integer(0), sp.Integer(0)
    for point, p in points(factors, set(syms)):
        value = q[1].xreplace({s: _exact(point[n]) for n, s in syms.items()})
        weight = sp.Rational(p.numerator, p.denominator)
        if q[0] == "Pr":
            first += weight if bool(value) else 0
        else:
            first += weight * value
            second += weight * value**2
    return second - first**2 if q[0] == "Var" else first


def exact_gap(model: Model, factors: list[Factor]) -> tuple[sp.Rational, dict[int, float]]:
    """``lhs - rhs`` under the law, exactly, and each atom's value (by the term's index)."""
    values = {sym: moment_value(q, factors) for sym, (_, q) in
              zip(model.symbols, model.terms, strict=True)}
    return (model.diff.xreplace(values),
            {i: float(v) for i, v in enumerate(values.values())})


#: Below this size an irrational ``lhs - rhs`` is not counted as a failure.
_MARGIN = sp.Float("1e-30", 60)


def exact_fails(rel: str, value: sp.Basic) -> bool:
    """Whether ``value = lhs - rhs`` breaks ``rel``: decided exactly for a rational
    ``value``; otherwise at 60 digits with a margin (an equality met by an unsimplified
    algebraic number is never counted as a failure)."""
    value = sp.simplify(value)
    if not value.is_Rational:
        approx = sp.N(value, 60)
        if not approx.is_real:
            return False
        value = approx if abs(approx) > _MARGIN else sp.Integer(0)
        if value == 0 and rel in ("<", ">"):
            return False  # an equality case is not established numerically
    if rel == "=":
        return value != 0
    return bool({"<=": value > 0, "<": value >= 0, ">=": value < 0, ">": value <= 0}[rel])


#: The exact evaluation of a moment model, attached to each one (:attr:`Model.moments`).
MOMENTS = SimpleNamespace(value=moment_value, gap=exact_gap, fails=exact_fails)

__all__ = ["REAL", "build_moment_model", "exact_fails", "exact_gap", "moment_quantity",
           "moment_value", "points"]
