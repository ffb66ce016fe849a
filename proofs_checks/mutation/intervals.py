r"""Certified interval values of SymPy expressions and three-valued truth of events (for the
third mutation model, :mod:`hallbound.proofs_checks.mutation.bound_models`).

:func:`enclose` evaluates an expression with ``mpmath.iv`` (outward rounding): a number
from a rational is the interval of its two roundings, a symbol the interval it is given.
:func:`truth` says whether a relation (or an ``And``/``Or``/``Not`` of relations) is
certainly true (True), certainly false (False) or not decided (None) on those intervals."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

import sympy as sp
from mpmath import iv

DPS = 40


@contextlib.contextmanager
def _precision() -> Iterator[None]:
    """``iv`` at :data:`DPS` digits inside the block (restored after)."""
    old = iv.prec
    iv.dps = DPS
    try:
        yield
    finally:
        iv.prec = old


class NotEnclosed(ValueError):
    """The expression has a part :func:`enclose` cannot bound."""


def interval(v: Any) -> Any:
    """``v`` (an int, a Fraction, a SymPy rational or a pair of those) as an ``iv.mpf``."""
    with _precision():
        if isinstance(v, tuple):
            return iv.mpf([interval(v[0]).a, interval(v[1]).b])
        if isinstance(v, sp.Rational):
            v = Fraction(int(v.p), int(v.q))
        if isinstance(v, Fraction):
            return iv.mpf(v.numerator) / iv.mpf(v.denominator)
        if isinstance(v, int):
            return iv.mpf(v)
    raise NotEnclosed(f"not an exact number: {v!r}")


def _power(base: Any, e: sp.Basic) -> Any:
    if e.is_Integer:
        k = int(e)
        out = iv.mpf(1)
        for _ in range(abs(k)):
            out = out * base
        return out if k >= 0 else 1 / out
    if e == sp.Rational(1, 2):
        if base.a < 0:
            raise NotEnclosed("sqrt of a possibly negative number")
        return iv.sqrt(base)
    if e.is_Rational:
        if base.a <= 0:
            raise NotEnclosed("a fractional power of a possibly non-positive number")
        return iv.exp(iv.log(base) * interval(e))
    raise NotEnclosed(f"power {e}")


def enclose(expr: sp.Basic, env: Mapping[str, Any]) -> Any:
    """An ``iv.mpf`` holding the value of ``expr`` for every value of each free symbol in
    its interval ``env[symbol name]``; :class:`NotEnclosed` where it cannot."""
    with _precision():
        return _enc(expr, env)


def _enc(e: sp.Basic, env: Mapping[str, Any]) -> Any:
    if e.is_Symbol:
        if e.name not in env:
            raise NotEnclosed(f"no interval for {e.name}")
        return env[e.name]
    if e.is_Rational:
        return interval(e)
    if e is sp.E:
        return iv.e
    if e is sp.pi:
        return iv.pi
    if e.is_Add:
        out = iv.mpf(0)
        for a in e.args:
            out = out + _enc(a, env)
        return out
    if e.is_Mul:
        out = iv.mpf(1)
        for a in e.args:
            out = out * _enc(a, env)
        return out
    if e.is_Pow:
        return _power(_enc(e.base, env), e.exp)
    if isinstance(e, sp.Abs):
        return abs(_enc(e.args[0], env))
    if isinstance(e, sp.log):
        x = _enc(e.args[0], env)
        if x.a <= 0:
            raise NotEnclosed("log of a possibly non-positive number")
        return iv.log(x)
    if isinstance(e, sp.exp):
        return iv.exp(_enc(e.args[0], env))
    raise NotEnclosed(f"cannot enclose {type(e).__name__}")


def sign_holds(d: Any, rel: str) -> bool | None:
    """Whether ``x rel 0`` for every ``x`` in the interval ``d`` (True), for none (False), or
    neither is certain (None)."""
    lo, hi = d.a, d.b
    table = {
        ">": (lo > 0, hi <= 0), ">=": (lo >= 0, hi < 0),
        "<": (hi < 0, lo >= 0), "<=": (hi <= 0, lo > 0),
        "==": (lo == 0 and hi == 0, lo > 0 or hi < 0),
        "!=": (lo > 0 or hi < 0, lo == 0 and hi == 0),
    }
    yes, no = table[rel]
    return True if yes else (False if no else None)


def truth(event: Any, env: Mapping[str, Any]) -> bool | None:
    """Three-valued truth of ``event`` (a relation, ``And``, ``Or``, ``Not``, or a SymPy
    boolean) on the intervals ``env``; None also where a side cannot be enclosed."""
    if event is sp.true or event is True:
        return True
    if event is sp.false or event is False:
        return False
    if isinstance(event, sp.Not):
        t = truth(event.args[0], env)
        return None if t is None else not t
    if isinstance(event, (sp.And, sp.Or)):
        vals = [truth(a, env) for a in event.args]
        if isinstance(event, sp.And):
            return False if False in vals else (None if None in vals else True)
        return True if True in vals else (None if None in vals else False)
    if isinstance(event, sp.core.relational.Relational):
        try:
            d = enclose(event.lhs - event.rhs, env)
        except NotEnclosed:
            return None
        return sign_holds(d, event.rel_op)
    return None
