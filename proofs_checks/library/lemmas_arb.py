r"""The trust-base lemma of ball arithmetic: ``Arb ball enclosure``.

F. Johansson, *Arb: efficient arbitrary-precision midpoint-radius interval arithmetic*, IEEE
Transactions on Computers 66(8), 2017, pp. 1281-1292, Sect. II-III: every operation of Arb
(addition, multiplication, division, ``erf``, ``erfc``, ``exp``, ``sqrt``, minimum and
maximum, polynomial multiplication ``arb_poly_mul``, the matrix product ``arb_mat_mul`` used
as a dot product) returns a ball that contains the exact result for every input in its input
balls (the *inclusion principle*); by induction on the expression, a ball computed operation
by operation from balls containing the exact leaves contains the exact value of the
expression.

The lemma states one consequence, for a real expression :math:`e` with exact rational leaves:
if :math:`\ell` is the lower end of the ball Arb returns for :math:`e` (the hypothesis
``arb-ball`` on :math:`(e, \ell)`), then :math:`\ell \le e`. A claim meets the hypothesis only
by stating it (the reading of an executed routine, shown under "assuming"); on a concrete
expression it is checked by :func:`arb_ball_holds`, which evaluates :math:`e` with
:func:`arb_evaluate` (SymPy ``Add``, ``Mul``, integer and half-integer powers, ``erf``,
``erfc``, ``exp``, ``Min``, ``Max`` and rationals, each mapped to the Arb operation by
:func:`hallbound.numeric.arb_ops.arb_operation`, the table the binned bound uses) and
compares :math:`\ell` exactly with the lower end of that ball. The audit's cases are in
:mod:`.audit_arb`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flint
import sympy as sp

from hallbound.errors import InputError
from hallbound.numeric.arb_ops import arb_operation, rational_ball
from hallbound.proofs_checks.library import lemma_checks as _checks
from hallbound.proofs_checks.library import lemma_library as _lib
from hallbound.proofs_checks.library.lemma_library import Hypothesis, Lemma, Param

#: Working precision (bits) of :func:`arb_evaluate` by default.
PREC = 64

_e = sp.Symbol("e", real=True)
_lo = sp.Symbol("lo", real=True)

ARB_ENCLOSURE = Lemma(
    "Arb ball enclosure",
    "F. Johansson, Arb: efficient arbitrary-precision midpoint-radius interval arithmetic, "
    "IEEE Trans. Computers 66(8) (2017) 1281-1292, Sect. II-III (the inclusion principle of "
    "every operation: add, mul, div, erf, erfc, exp, sqrt, min, max, arb_poly_mul, arb_mat_mul), "
    "by induction on the expression",
    (Param("e", "real", _e), Param("lo", "real", _lo)),
    (Hypothesis(sp.Tuple(_e, _lo), "arb-ball", sp.true, "deterministic"),),
    (_lo, "<=", _e),
    note="arb-ball: lo is the lower end of the ball Arb returns for e, evaluated operation by "
    "operation from exact rational leaves",
)

LEMMAS: tuple[Lemma, ...] = (ARB_ENCLOSURE,)
#: The names of :data:`LEMMAS`.
NAMES: tuple[str, ...] = tuple(lem.name for lem in LEMMAS)
_lib.LIBRARY.update((lem.name, lem) for lem in LEMMAS)  # the trust base holds them


def _leaf(e: sp.Basic) -> flint.arb:
    if e.is_Rational:
        return rational_ball(e)
    raise InputError("e", f"not an exact rational leaf or a supported operation: {e}")


#: The operation table (one Arb operation per SymPy head), the one the binned bound's CDFs are
#: compiled with (:func:`hallbound.numeric.arb_ops.arb_operation`).
_apply = arb_operation


def arb_evaluate(e: Any, prec: int = PREC,
                 apply: Callable[[sp.Basic, list[Any]], Any] | None = None) -> flint.arb:
    """The ball Arb returns for the real expression ``e`` at ``prec`` bits, operation by
    operation from exact rational leaves (``apply``: the operation table, for planted
    variants; default the Arb operations)."""
    step = _apply if apply is None else apply
    e = sp.sympify(e)

    def walk(x: sp.Basic) -> Any:
        if x.is_Rational:
            return _leaf(x)
        if x == sp.E:  # exp(1), which SymPy writes as a constant
            return step(sp.exp(sp.S.One, evaluate=False), [_leaf(sp.S.One)])
        if isinstance(x, sp.Pow):  # the exponent is a constant of the operation
            return step(x, [walk(x.args[0])])
        if not x.args:
            raise InputError("e", f"not an exact rational leaf: {x}")
        return step(x, [walk(a) for a in x.args])

    with flint.ctx.workprec(int(prec)):
        return walk(e)


def lower_end(ball: flint.arb, prec: int = PREC) -> sp.Rational:
    """The lower end of ``ball`` as an exact rational (Arb's lower bound rounded down to
    ``prec`` bits)."""
    with flint.ctx.workprec(int(prec)):
        lo = ball.lower()
    man, exp = lo.man_exp()
    return sp.Integer(int(man)) * sp.Integer(2) ** int(exp)


def arb_ball_holds(sides: sp.Tuple, law: Any = None, values: Any = None) -> bool:
    """Whether ``(e, lo)`` meets ``arb-ball``: ``lo`` is exactly the lower end of
    :func:`arb_evaluate` of ``e`` (``law`` and ``values`` are unused: the relation is
    between numbers)."""
    if len(sides) != 2:
        return False
    e, lo = sides
    if not sp.sympify(lo).is_Rational:
        return False
    try:
        ball = arb_evaluate(e)
    except InputError:
        return False
    return bool(ball.is_finite()) and lower_end(ball) == lo


_checks.HYPOTHESIS_CHECKS["arb-ball"] = arb_ball_holds
