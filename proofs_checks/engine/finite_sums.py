r"""Finite sums and products with integer limits, evaluated with their error controlled.

Two readings, both with the usual convention for an empty range (:math:`\sum_{i=a}^{b} f = 0`,
:math:`\prod_{i=a}^{b} f = 1` when :math:`b < a`, as the search's ``range(a, b + 1)`` reads it):

* :func:`mp_lambdify`, the search's evaluator: SymPy's mpmath printer writes
  :math:`\sum_{k=1}^{n} \frac{1}{k(k+1)}` as ``sum(1/(k*(k+1)) for k in range(1, n+1))``
  over Python integers, so each term is a double (``1/2 -> 0.5``) whatever the working
  precision, and a true telescoping identity fails "at 50 digits" by a rounding. Here each
  index is an ``mpmath.mpf`` (every term at the working precision) above
  :data:`SCREEN_DIGITS`, and the terms are added with ``mpmath.fsum``; in the
  double-precision screen a range of more than :data:`SCREEN_MP_TERMS` terms keeps Python
  integers, its double terms added with ``math.fsum`` (correctly rounded: no round-off
  accumulated over the terms; a screen only, a candidate is re-read at 50 digits), and
  above the screen a range of more than :data:`MAX_MP_TERMS` terms has no value
  (``ValueError``: no witness), in the screen one of more than :data:`MAX_SCREEN_TERMS`.
* :func:`written_out`, for the confirmation of a witness: at an exact point each sum and
  product is written out term by term as an exact SymPy expression (rational terms add up
  to a rational), innermost first; ``None`` when a limit is not an integer there or the
  ranges hold more than :data:`MAX_EXACT_TERMS` terms in all: no enclosure, so the witness is
  unconfirmed, never taken on a rounded value.
"""

from __future__ import annotations

import builtins
import math
from collections.abc import Iterator, Sequence
from typing import Any

import mpmath
import sympy as sp
from sympy.printing.pycode import MpmathPrinter

from hallbound.precision import SCREEN_DIGITS

#: Above this many terms (all ranges together) a sum is not written out exactly: a witness
#: that rests on it stays unconfirmed.
MAX_EXACT_TERMS = 10_000
#: Above this many terms a range has no value at more than double precision (mpmath terms
#: cost microseconds each; a witness there could not be confirmed, :data:`MAX_EXACT_TERMS`).
MAX_MP_TERMS = MAX_EXACT_TERMS
#: Up to this many terms a range is summed in mpmath even in the double-precision screen.
SCREEN_MP_TERMS = 1_000
#: Above this many terms a range has no value even in the screen (the search draws integers
#: up to 10^15).
MAX_SCREEN_TERMS = 1_000_000


def index_range(a: Any, b: Any) -> Iterator[Any]:
    """The indices ``a, a+1, ..., b`` (none when ``b < a``): ``mpmath.mpf`` numbers above
    :data:`SCREEN_DIGITS`, or for a range of at most :data:`SCREEN_MP_TERMS` terms; Python
    integers for a longer range in the screen. ``TypeError`` when a limit is no integer,
    ``ValueError`` when the range holds more than :data:`MAX_MP_TERMS` terms above the
    screen's precision (:data:`MAX_SCREEN_TERMS` in the screen)."""
    lo, hi = _whole(a), _whole(b)
    count = hi - lo + 1
    screen = mpmath.mp.dps <= SCREEN_DIGITS
    if count > (MAX_SCREEN_TERMS if screen else MAX_MP_TERMS):
        raise ValueError(f"a range of {count} terms: no value at {mpmath.mp.dps} digits")
    if screen and count > SCREEN_MP_TERMS:
        return iter(range(lo, hi + 1))
    return (mpmath.mpf(k) for k in range(lo, hi + 1))


def _whole(v: Any) -> int:
    """A summation limit as a Python integer; ``TypeError`` when it is not an integer."""
    if isinstance(v, bool):
        raise TypeError("a truth value as a summation limit")
    if isinstance(v, int):
        return v
    if isinstance(v, mpmath.mpf) and mpmath.isfinite(v) and v == mpmath.floor(v):
        return int(v)
    raise TypeError(f"a summation limit that is no integer: {v!r}")


def term_sum(terms: Any) -> Any:
    """The sum of ``terms``: ``math.fsum`` when all are doubles, ``mpmath.fsum`` when all are
    real or complex mpmath numbers (or integers), else ``sum`` (matrices)."""
    terms = list(terms)
    if all(isinstance(t, float) for t in terms):
        return math.fsum(terms)
    if all(isinstance(t, mpmath.mpf | mpmath.mpc | int | float) for t in terms):
        return mpmath.fsum(terms)
    return builtins.sum(terms)


def exact_binomial(n: Any, k: Any) -> Any:
    r""":math:`\binom{n}{k}`: SymPy's value when both are whole numbers (0 for
    :math:`k > n \ge 0` or :math:`k < 0`, where the gamma form has a pole and the point
    would be lost), as an mpmath number; else mpmath's gamma form."""
    if all(isinstance(v, int) or (isinstance(v, mpmath.mpf) and mpmath.isint(v))
           for v in (n, k)):
        n, k = int(n), int(k)
        if k < 0 or 0 <= n < k:
            return mpmath.mpf(0)
        if min(k, abs(n - k)) <= EXACT_BINOMIAL_TERMS:
            return mpmath.mpf(int(sp.binomial(n, k)))
    return mpmath.binomial(n, k)


#: Past this many factors a whole-number binomial coefficient is left to mpmath.
EXACT_BINOMIAL_TERMS = 2000


class _SumPrinter(MpmathPrinter):
    """SymPy's mpmath printer, with each summation index drawn from :func:`index_range`
    and the terms added by :func:`term_sum`; a binomial coefficient by
    :func:`exact_binomial` (SymPy's printer writes it through gamma, which has poles at
    ``k > n``)."""

    def _print_binomial(self, expr: sp.binomial) -> str:
        return f"_hb_binomial({self._print(expr.args[0])}, {self._print(expr.args[1])})"

    def _print_Sum(self, expr: sp.Sum) -> str:
        loops = " ".join(
            f"for {self._print(i)} in _hb_index_range({self._print(a)}, {self._print(b)})"
            for i, a, b in expr.limits[::-1])
        return f"(_hb_term_sum({self._print(expr.function)} {loops}))"


def mp_lambdify(symbols: Sequence[sp.Symbol], expr: Any) -> Any:
    """``sympy.lambdify(symbols, expr, "mpmath")`` with sums term by term in mpmath
    (:func:`index_range`)."""
    printer = _SumPrinter({"fully_qualified_modules": False, "inline": True,
                           "allow_unknown_functions": True, "user_functions": {}})
    return sp.lambdify(list(symbols), expr,
                       modules=[{"_hb_index_range": index_range, "_hb_term_sum": term_sum,
                                 "_hb_binomial": exact_binomial},
                                "mpmath"], printer=printer)


def written_out(expr: sp.Basic, cap: int = MAX_EXACT_TERMS) -> sp.Basic | None:
    """``expr`` (at an exact point: its limits are numbers) with every sum and product
    written out term by term, exactly (module doc); None when a limit is not an integer,
    a range is infinite, or more than ``cap`` terms would be written in all."""
    left = [cap]

    def out(e: Any) -> Any:
        if not isinstance(e, sp.Basic) or not e.args:
            return e
        if isinstance(e, sp.Sum | sp.Product):
            return _expanded(e, out, left)
        args = [out(a) for a in e.args]
        return e.func(*args) if args != list(e.args) else e

    try:
        return out(expr)
    except _NotWritten:
        return None


class _NotWritten(Exception):
    """A range that cannot be written out (no integer limit, too many terms)."""


def _expanded(e: sp.Sum | sp.Product, out: Any, left: list[int]) -> sp.Basic:
    *inner, (i, lo, hi) = e.limits  # the last range is the outermost
    body = type(e)(e.function, *inner) if inner else e.function
    lo, hi = out(lo), out(hi)
    if not (getattr(lo, "is_Integer", False) and getattr(hi, "is_Integer", False)):
        raise _NotWritten(f"a limit that is no integer: {lo}, {hi}")
    count = max(int(hi) - int(lo) + 1, 0)
    left[0] -= count
    if left[0] < 0:
        raise _NotWritten("too many terms")
    terms = [out(body.xreplace({i: sp.Integer(k)})) for k in range(int(lo), int(hi) + 1)]
    return sp.Add(*terms) if isinstance(e, sp.Sum) else sp.Mul(*terms)


__all__ = ["MAX_EXACT_TERMS", "MAX_MP_TERMS", "MAX_SCREEN_TERMS", "SCREEN_MP_TERMS", "index_range",
           "mp_lambdify", "term_sum", "written_out"]
