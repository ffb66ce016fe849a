r"""Random variables, probability and expectation as SymPy objects, and their exact evaluation.

A random variable is a :class:`RandomSymbol` (a :class:`sympy.Symbol` subclass, real by default).
:class:`Pr`, :class:`E`, :class:`Var` and :class:`Cov` are opaque SymPy functions: SymPy keeps
them as written and knows only their signs (:math:`\Pr[A] \ge 0`, :math:`\operatorname{Var} X
\ge 0`, both real). Events are SymPy Booleans and relationals::

    X = random_symbol("X")
    Pr(sp.Ge(X, a)) <= E(X) / a          # Markov, as a SymPy relation

:class:`JointLaw` is a finite joint law with exact (``Fraction``) atoms and probabilities, and
:func:`evaluate` interprets an expression over it:

.. math::

    \mathbb E[f] = \sum_\omega q_\omega f(\omega), \qquad
    \Pr[A] = \sum_{\omega \in A} q_\omega, \qquad
    \operatorname{Var} X = \mathbb E[(X - \mathbb E X)^2], \qquad
    \operatorname{Cov}(X, Y) = \mathbb E[(X - \mathbb E X)(Y - \mathbb E Y)].

The result is an exact ``Fraction`` whenever the expression is rational on the law, otherwise a
50-digit ``mpmath.mpf`` (terms are evaluated with SymPy's ``evalf`` at 60 digits).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import mpmath
import numpy as np
import sympy as sp
from sympy.logic.boolalg import Boolean, BooleanAtom

from hallbound.errors import InputError
from hallbound.precision import EXACT_DIGITS, GUARD_DIGITS

#: Decimal digits of non-rational results.
DIGITS = EXACT_DIGITS
_WORK_DIGITS = GUARD_DIGITS

Number = Fraction | mpmath.mpf


# ----- random variables -------------------------------------------------------------------


class RandomSymbol(sp.Symbol):
    """A random variable: a SymPy symbol that :func:`evaluate` reads from a :class:`JointLaw`.

    It hashes, compares and pickles like a :class:`sympy.Symbol` of the same class;
    ``RandomSymbol("X") != Symbol("X")``.
    """


def random_symbol(name: str, **assumptions: Any) -> RandomSymbol:
    """A random variable named ``name`` (``real=True`` unless the assumptions say otherwise)."""
    if not name:
        raise InputError("name", "must be a non-empty string")
    assumptions.setdefault("real", True)
    return RandomSymbol(name, **assumptions)


def random_symbols(expr: Any) -> set[RandomSymbol]:
    """The random variables in ``expr`` (also those inside ``IndexedBase`` labels)."""
    return set(sp.sympify(expr).atoms(RandomSymbol)) if expr is not None else set()


def is_random(expr: Any) -> bool:
    """True when ``expr`` contains a random variable outside every Pr/E/Var/Cov.

    ``X + 1`` is random; ``E(X) + 1`` and ``Pr(X >= 1)`` are numbers.
    """
    expr = sp.sympify(expr)
    if isinstance(expr, RandomSymbol):
        return True
    if isinstance(expr, _Operator):
        return False
    return any(is_random(a) for a in expr.args)


# ----- the operators ----------------------------------------------------------------------


class _Operator(sp.Function):
    """Base of Pr, E, Var, Cov (opaque: evaluated only by :func:`evaluate`)."""

    def _eval_evalf(self, prec: int) -> None:
        """No numeric value outside :func:`evaluate`. SymPy's default looks up the mpmath
        function of the class's name, and ``mpmath.E`` is Euler's number: ``E(1/4)`` then
        crashed inside a relation's sign test (``1/4 >= E(1/4)/4``)."""
        return None


class Pr(_Operator):
    r""":math:`\Pr[A]` of an event ``A`` (a SymPy Boolean); real, in :math:`[0, 1]`."""

    nargs = 1
    is_real = True
    is_nonnegative = True

    @classmethod
    def eval(cls, event: sp.Basic) -> sp.Expr | None:
        if event is sp.true:
            return sp.S.One
        if event is sp.false:
            return sp.S.Zero
        if not isinstance(event, Boolean | sp.Indexed):
            raise InputError("event", f"Pr needs an event (a SymPy Boolean), got {event}")
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(self._latex_body(printer), exp)

    def _latex_body(self, printer: Any) -> str:
        return r"\Pr\left[" + printer._print(self.args[0]) + r"\right]"


class E(_Operator):
    r""":math:`\mathbb E[X]`; real."""

    nargs = 1
    is_real = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(self._latex_body(printer), exp)

    def _latex_body(self, printer: Any) -> str:
        return r"\mathbb{E}\left[" + printer._print(self.args[0]) + r"\right]"


class Var(_Operator):
    r""":math:`\operatorname{Var}[X] = \mathbb E[(X - \mathbb E X)^2]`; non-negative."""

    nargs = 1
    is_real = True
    is_nonnegative = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(self._latex_body(printer), exp)

    def _latex_body(self, printer: Any) -> str:
        return r"\operatorname{Var}\left[" + printer._print(self.args[0]) + r"\right]"


class Cov(_Operator):
    r""":math:`\operatorname{Cov}(X, Y) = \mathbb E[(X - \mathbb E X)(Y - \mathbb E Y)]`."""

    nargs = 2
    is_real = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(self._latex_body(printer), exp)

    def _latex_body(self, printer: Any) -> str:
        a, b = (printer._print(x) for x in self.args)
        return r"\operatorname{Cov}\left(" + a + ", " + b + r"\right)"


OPERATORS: tuple[type[sp.Function], ...] = (Pr, E, Var, Cov)


# ----- finite joint laws ------------------------------------------------------------------


def _fraction(value: Any, param: str) -> Fraction:
    if isinstance(value, bool):
        raise InputError(param, f"must be a rational number, got {value!r}")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, sp.Basic) and value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    raise InputError(param, f"must be an exact rational (int, Fraction), got {value!r}")


@dataclass(frozen=True, eq=False)
class JointLaw:
    r"""A finite joint law: outcome :math:`\omega_k` (a mapping random variable -> value) has
    probability ``probs[k]``. Values and probabilities are exact ``Fraction``; the
    probabilities are non-negative and sum to 1; every atom names the same variables."""

    atoms: tuple[Mapping[RandomSymbol, Fraction], ...]
    probs: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        atoms = tuple(self.atoms)
        probs = tuple(_fraction(q, "probs") for q in self.probs)
        if not atoms:
            raise InputError("atoms", "a law needs at least one atom")
        if len(atoms) != len(probs):
            raise InputError("probs", f"{len(probs)} probabilities for {len(atoms)} atoms")
        if any(q < 0 for q in probs):
            raise InputError("probs", "must be non-negative")
        if sum(probs) != 1:
            raise InputError("probs", f"must sum to 1, got {sum(probs)}")
        keys = set(atoms[0])
        clean = []
        for atom in atoms:
            if set(atom) != keys:
                raise InputError("atoms", "every atom must name the same random variables")
            for k in atom:
                if not isinstance(k, RandomSymbol):
                    raise InputError("atoms", f"keys must be RandomSymbol, got {k!r}")
            clean.append(MappingProxyType({k: _fraction(v, "atoms") for k, v in atom.items()}))
        object.__setattr__(self, "atoms", tuple(clean))
        object.__setattr__(self, "probs", probs)

    @classmethod
    def single(cls, X: RandomSymbol, atoms: Sequence[Any], probs: Sequence[Any]) -> JointLaw:
        """The law of one variable: ``X = atoms[k]`` with probability ``probs[k]``."""
        if len(atoms) != len(probs):
            raise InputError("probs", f"{len(probs)} probabilities for {len(atoms)} atoms")
        return cls(tuple({X: a} for a in atoms), tuple(probs))

    @property
    def symbols(self) -> tuple[RandomSymbol, ...]:
        """The random variables, sorted by name."""
        return tuple(sorted(self.atoms[0], key=lambda s: s.name))

    def __len__(self) -> int:
        return len(self.atoms)

    def outcomes(self) -> list[tuple[Mapping[RandomSymbol, Fraction], Fraction]]:
        """The atoms with positive probability, with their probabilities."""
        return [(a, q) for a, q in zip(self.atoms, self.probs, strict=True) if q > 0]

    def support(self, X: RandomSymbol) -> tuple[Fraction, ...]:
        """The sorted values of ``X`` with positive probability."""
        if X not in self.atoms[0]:
            raise InputError("X", f"{X} is not a variable of this law")
        return tuple(sorted({a[X] for a, _ in self.outcomes()}))

    def marginal(self, symbols: Sequence[RandomSymbol]) -> JointLaw:
        """The joint law of ``symbols`` alone (equal atoms merged)."""
        for s in symbols:
            if s not in self.atoms[0]:
                raise InputError("symbols", f"{s} is not a variable of this law")
        acc: dict[tuple[Fraction, ...], Fraction] = {}
        for a, q in zip(self.atoms, self.probs, strict=True):
            key = tuple(a[s] for s in symbols)
            acc[key] = acc.get(key, Fraction(0)) + q
        return JointLaw(tuple(dict(zip(symbols, k, strict=True)) for k in acc), tuple(acc.values()))


def independent(*laws: JointLaw) -> JointLaw:
    r"""The product law: the groups of variables of ``laws`` are mutually independent,
    :math:`q_{(\omega_1, \dots, \omega_m)} = \prod_j q^{(j)}_{\omega_j}`."""
    if not laws:
        raise InputError("laws", "need at least one law")
    seen: set[RandomSymbol] = set()
    for law in laws:
        common = seen & set(law.symbols)
        if common:
            raise InputError("laws", f"variables {sorted(map(str, common))} appear twice")
        seen |= set(law.symbols)
    atoms = []
    probs = []
    for combo in itertools.product(*[law.outcomes() for law in laws]):
        merged: dict[RandomSymbol, Fraction] = {}
        q = Fraction(1)
        for a, w in combo:
            merged.update(a)
            q *= w
        atoms.append(merged)
        probs.append(q)
    return JointLaw(tuple(atoms), tuple(probs))


def random_law(
    rng: np.random.Generator,
    symbols: Sequence[RandomSymbol],
    *,
    size: int = 3,
    lo: int = -4,
    hi: int = 4,
    denom: int = 4,
    correlated: bool = False,
) -> JointLaw:
    """A random exact law of ``symbols``: values on the grid ``[lo, hi]`` with step
    ``1/denom`` and integer weights 1..9, normalised.

    Independent (``correlated=False``): each variable gets ``size`` atoms and the law is the
    product. Correlated: ``size`` joint outcomes, each a random tuple of values.
    """
    if size < 1:
        raise InputError("size", f"must be >= 1, got {size}")
    if lo > hi:
        raise InputError("lo", f"must be <= hi ({hi}), got {lo}")
    if not symbols:
        raise InputError("symbols", "need at least one random variable")

    def value() -> Fraction:
        return Fraction(int(rng.integers(lo * denom, hi * denom + 1)), denom)

    def weights(k: int) -> tuple[Fraction, ...]:
        w = [int(x) for x in rng.integers(1, 10, size=k)]
        return tuple(Fraction(x, sum(w)) for x in w)

    if correlated:
        atoms = tuple({s: value() for s in symbols} for _ in range(size))
        return JointLaw(atoms, weights(size))
    singles = []
    for s in symbols:
        vals = [value() for _ in range(size)]
        singles.append(JointLaw.single(s, vals, weights(size)))
    return independent(*singles)


# ----- evaluation -------------------------------------------------------------------------


def _as_sympy_number(value: Any, param: str) -> sp.Expr:
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, mpmath.mpf):
        return sp.Float(value, _WORK_DIGITS)
    try:
        out = sp.sympify(value)
    except (sp.SympifyError, TypeError) as err:
        raise InputError(param, f"not a number: {value!r}") from err
    if not out.is_number:
        raise InputError(param, f"not a number: {value!r}")
    return out


def _number(value: sp.Basic, param: str = "expr") -> sp.Expr:
    """An exact Rational, or a real Float at 60 digits."""
    if isinstance(value, BooleanAtom):
        raise InputError(param, "an event where a number is needed")
    if value.is_Rational:
        return value
    if value.free_symbols:
        raise InputError(param, f"free symbols {sorted(map(str, value.free_symbols))} left")
    num = sp.N(value, _WORK_DIGITS)
    if num.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise InputError(param, f"not finite: {value}")
    re, im = num.as_real_imag()
    if im != 0 and abs(im) > sp.Float(10) ** (-_WORK_DIGITS + 5) * (1 + abs(re)):
        raise InputError(param, f"not real: {value}")
    return sp.Float(re, _WORK_DIGITS)


def _truth(event: sp.Basic) -> bool:
    if event is sp.true or event is True:
        return True
    if event is sp.false or event is False:
        return False
    if isinstance(event, sp.core.relational.Relational):
        lhs = _number(event.lhs, "event")
        rhs = _number(event.rhs, "event")
        out = event.func(lhs, rhs)
        if isinstance(out, BooleanAtom):
            return bool(out)
    raise InputError("event", f"cannot decide the event {event} at an outcome")


def _grouped(
    law: JointLaw, expr: sp.Basic
) -> list[tuple[dict[RandomSymbol, sp.Rational], Fraction]]:
    """Outcomes projected on the random variables of ``expr`` (equal projections merged)."""
    syms = sorted(random_symbols(expr), key=lambda s: s.name)
    known = set(law.atoms[0])
    for s in syms:
        if s not in known:
            raise InputError("law", f"no law for the random variable {s}")
    acc: dict[tuple[Fraction, ...], Fraction] = {}
    for a, q in law.outcomes():
        key = tuple(a[s] for s in syms)
        acc[key] = acc.get(key, Fraction(0)) + q
    return [
        ({s: sp.Rational(v.numerator, v.denominator) for s, v in zip(syms, k, strict=True)}, q)
        for k, q in acc.items()
    ]


def _expect(f: sp.Basic, law: JointLaw) -> sp.Expr:
    total: sp.Expr = sp.S.Zero
    for sub, q in _grouped(law, f):
        total += sp.Rational(q.numerator, q.denominator) * _number(f.xreplace(sub))
    return _number(total)


def _prob(event: sp.Basic, law: JointLaw) -> sp.Expr:
    total = Fraction(0)
    for sub, q in _grouped(law, event):
        if _truth(event.xreplace(sub)):
            total += q
    return sp.Rational(total.numerator, total.denominator)


def _apply(op: sp.Basic, law: JointLaw) -> sp.Expr:
    if isinstance(op, Pr):
        return _prob(op.args[0], law)
    if isinstance(op, E):
        return _expect(op.args[0], law)
    if isinstance(op, Var):
        x = op.args[0]
        return _expect((x - _expect(x, law)) ** 2, law)
    x, y = op.args
    return _expect((x - _expect(x, law)) * (y - _expect(y, law)), law)


def _resolve(expr: sp.Basic, law: JointLaw) -> sp.Basic:
    """Replace every Pr/E/Var/Cov by its value, innermost first."""
    if not expr.args or not expr.has(*OPERATORS):
        return expr
    if isinstance(expr, sp.Indexed | sp.IndexedBase):
        return expr
    args = [_resolve(a, law) for a in expr.args]
    rebuilt = expr.func(*args)
    if isinstance(rebuilt, _Operator):  # Pr(true) is already 1: SymPy may decide the event
        return _apply(rebuilt, law)
    return rebuilt


def _env_map(env: Mapping[Any, Any] | None, expr: sp.Basic) -> dict[sp.Basic, sp.Expr]:
    if not env:
        return {}
    by_name = {s.name: s for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    out: dict[sp.Basic, sp.Expr] = {}
    for k, v in env.items():
        if isinstance(k, RandomSymbol):
            raise InputError("env", f"{k} is a random variable: give it a law, not a value")
        key = by_name.get(k) if isinstance(k, str) else k
        if key is None:
            continue
        out[key] = _as_sympy_number(v, f"env[{k}]")
    return out


def to_number(value: sp.Basic) -> Number:
    """A SymPy number as ``Fraction`` (rational) or 50-digit ``mpmath.mpf``."""
    value = _number(value)
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    with mpmath.workdps(DIGITS):
        return +mpmath.mpf(value._mpf_)


def evaluate(expr: Any, law: JointLaw, env: Mapping[Any, Any] | None = None) -> Number:
    r"""The value of ``expr`` on ``law``: Pr/E/Var/Cov are computed over the law (nested ones
    innermost first, e.g. :math:`\Pr[|T - \mathbb E T| \ge a]`); other symbols take their
    values from ``env`` (keys: symbols or their names; values: numbers).

    Returns an exact ``Fraction`` when the value is rational, else a 50-digit ``mpmath.mpf``.
    A random variable outside every operator, or a symbol without a value, is an
    :class:`~hallbound.errors.InputError`.
    """
    expr = sp.sympify(expr)
    if isinstance(expr, Boolean) and not isinstance(expr, sp.Symbol):
        raise InputError("expr", "an event: wrap it in Pr(...)")
    expr = expr.xreplace(_env_map(env, expr))
    value = _resolve(expr, law)
    if is_random(value):
        raise InputError("expr", f"random variables outside Pr/E/Var/Cov in {value}")
    if value.free_symbols:
        names = sorted(map(str, value.free_symbols))
        raise InputError("env", f"no value for {names}")
    return to_number(value)


def holds(lhs: Number, rel: str, rhs: Number, rtol: float = 1e-30) -> bool:
    """``lhs REL rhs``: exact for two ``Fraction``; otherwise at 50 digits, where the relation
    fails only when it is violated by more than ``rtol * (1 + |lhs| + |rhs|)``."""
    if rel not in ("=", "==", "<=", "<", ">=", ">"):
        raise InputError("rel", f"unknown relation {rel!r}")
    if isinstance(lhs, Fraction | int) and isinstance(rhs, Fraction | int):
        return {
            "=": lhs == rhs,
            "==": lhs == rhs,
            "<=": lhs <= rhs,
            "<": lhs < rhs,
            ">=": lhs >= rhs,
            ">": lhs > rhs,
        }[rel]
    with mpmath.workdps(DIGITS):
        l = mpmath.mpf(lhs.numerator) / lhs.denominator if isinstance(lhs, Fraction) else lhs
        r = mpmath.mpf(rhs.numerator) / rhs.denominator if isinstance(rhs, Fraction) else rhs
        tol = mpmath.mpf(rtol) * (1 + abs(l) + abs(r))
        if rel in ("<=", "<"):
            return bool(l <= r + tol)
        if rel in (">=", ">"):
            return bool(l >= r - tol)
        return bool(abs(l - r) <= tol)


def _with_exp(tex: str, exp: Any) -> str:
    """``tex`` raised to the printed power ``exp`` (SymPy's printer passes it for x**n)."""
    return tex if exp is None else r"\left(" + tex + r"\right)^{" + str(exp) + "}"
