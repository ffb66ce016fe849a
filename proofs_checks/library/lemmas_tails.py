r"""Trust-base lemmas for the two tails of Lemma 2 (Kalai et al. 2025, App. B, Eqs. 8-10): a
union of missed-value tails over a family of symbolic size, and Hoeffding's inequality
conditional on a sigma-field.

The lemmas (:data:`LEMMAS`), each with its source:

* ``Missed heavy value (union)``: :math:`\Pr[\bar M_n > t] \le e^{-n t}/t` for
  :math:`t > 0`, where :math:`\bar M_n` (:class:`MaxMissed`) is the largest mass
  :math:`\nu(x)` of a value :math:`x` that the sample :math:`s \sim \nu^n` misses (0 when it
  misses none). The values of mass :math:`> t` are fewer than :math:`1/t` (their masses sum
  to at most 1), each is missed with probability :math:`(1 - \nu(x))^n \le e^{-n t}`, and the
  union bound over that finite family (of symbolic size) gives the bound;
* ``Hoeffding (conditional)``: :math:`\Pr[S \le m - t,\ V \le v] \le e^{-2t^2/v}` for
  :math:`t, v > 0`, when, given a sigma-field :math:`\mathcal G`, :math:`S = \sum_i w_i Y_i`
  with the :math:`Y_i \in [0, 1]` conditionally independent, the weights :math:`w_i \ge 0`
  :math:`\mathcal G`-measurable, :math:`m = \mathbb E[S \mid \mathcal G]` and
  :math:`V = \sum_i w_i^2` (the hypothesis ``conditional-sum`` on :math:`(S, m, V)`).
  Hoeffding's bound :math:`e^{-2t^2/V}` holds under the conditional law; on the
  :math:`\mathcal G`-measurable event :math:`V \le v` it is at most :math:`e^{-2t^2/v}`, and
  the tower rule gives the unconditional bound.

The ``conditional-sum`` hypothesis is checked on an exact finite law
(:func:`conditional_sum_holds`) whose atoms name the conditioning variable :data:`COND_G`, the
weights :func:`weight` and the terms :func:`term`; a claim meets it only by stating it (its
reading of the construction, shown under "assuming"). The audit's cases are in
:mod:`.audit_tails`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.library import lemma_checks as _checks
from hallbound.proofs_checks.library import lemma_library as _lib
from hallbound.proofs_checks.library.lemma_library import Hypothesis, Lemma, Param
from hallbound.proofs_checks.library.randomness import JointLaw, Pr, random_symbol
from hallbound.proofs_checks.library.sample_counts import count_vectors, probability_vector

F = Fraction
_DURRETT = "R. Durrett, Probability: Theory and Examples (5th ed.)"


class MaxMissed(sp.Function):
    r""":math:`\bar M_n`: the largest mass :math:`\nu(x)` of a value :math:`x` that the i.i.d.
    sample :math:`s \sim \nu^n` misses (0 when every value is seen); random, in
    :math:`[0, 1]`."""

    nargs = 1
    is_real = True
    is_nonnegative = True


_n = sp.Symbol("n", integer=True)
_t = sp.Symbol("t", real=True)
_v = sp.Symbol("v", real=True)
_S, _m, _V = random_symbol("S"), random_symbol("m"), random_symbol("V")

MISSED_HEAVY = Lemma(
    "Missed heavy value (union)",
    f"{_DURRETT}, Thm 1.1.1 (ii) (subadditivity over the finite family of the values of "
    "mass > t, fewer than 1/t since the masses sum to 1) and Sect. 2.1 (independence: x is "
    "missed with probability (1 - nu(x))^n <= exp(-n t)); the argument of Kalai et al. "
    "(2025), App. B, Eq. 8",
    (Param("n", "integer", _n), Param("t", "real", _t)),
    (Hypothesis(_n, ">=", sp.S.One, "deterministic"),
     Hypothesis(_t, ">", sp.S.Zero, "deterministic")),
    (Pr(sp.Gt(MaxMissed(_n), _t)), "<=", sp.exp(-_n * _t) / _t),
    note="MaxMissed(n): the largest mass of a value the sample s ~ nu^n misses",
)

COND_HOEFFDING = Lemma(
    "Hoeffding (conditional)",
    "W. Hoeffding, Probability inequalities for sums of bounded random variables, JASA 58 "
    "(1963), Thm 2 (terms w_i Y_i in [0, w_i]), applied under the regular conditional law "
    f"given G ({_DURRETT}, Sect. 4.1.3), then the tower rule (Thm 4.1.13) on the "
    "G-measurable event {V <= v}: Pr[S <= m - t, V <= v] = E[1{V <= v} Pr[S - m <= -t | G]] "
    "<= exp(-2 t^2 / v)",
    (Param("S", "random", _S), Param("m", "random", _m), Param("V", "random", _V),
     Param("t", "real", _t), Param("v", "real", _v)),
    (Hypothesis(sp.Tuple(_S, _m, _V), "conditional-sum", sp.true, "pointwise"),
     Hypothesis(_t, ">", sp.S.Zero, "deterministic"),
     Hypothesis(_v, ">", sp.S.Zero, "deterministic")),
    (Pr(sp.And(sp.Le(_S, _m - _t), sp.Le(_V, _v))), "<=", sp.exp(-2 * _t**2 / _v)),
    note="given G: S = sum_i w_i Y_i, Y_i in [0, 1] conditionally independent, w_i >= 0 "
    "G-measurable, m = E[S | G], V = sum_i w_i^2",
)

LEMMAS: tuple[Lemma, ...] = (MISSED_HEAVY, COND_HOEFFDING)
#: The names of :data:`LEMMAS`.
NAMES: tuple[str, ...] = tuple(lem.name for lem in LEMMAS)
_lib.LIBRARY.update((lem.name, lem) for lem in LEMMAS)  # the trust base holds them

# ----- exact laws --------------------------------------------------------------------------

#: The random symbol a case's law gives ``MaxMissed(n)``.
MAXMISSED_SYM = random_symbol("Mbar_n")
#: The conditioning variable of a ``conditional-sum`` law.
COND_G = random_symbol("G_cond")


def weight(i: int) -> Any:
    """The random symbol of the weight :math:`w_i` in a ``conditional-sum`` law."""
    return random_symbol(f"w_{i}")


def term(i: int) -> Any:
    """The random symbol of the term :math:`Y_i` in a ``conditional-sum`` law."""
    return random_symbol(f"y_{i}")


def max_missed_law(nu: Sequence[Fraction], n: int) -> JointLaw:
    r"""The exact law of :math:`\bar M_n` (``MAXMISSED_SYM``) for :math:`s \sim \nu^n`: every
    count vector of the sample with its multinomial probability; :class:`InputError` on a bad
    ``nu`` or ``n``."""
    nu = probability_vector(nu)
    acc: dict[Fraction, Fraction] = {}
    for counts, p in count_vectors(nu, n):
        top = max((x for x, c in zip(nu, counts, strict=True) if c == 0), default=F(0))
        acc[top] = acc.get(top, F(0)) + p
    return JointLaw(tuple({MAXMISSED_SYM: v} for v in acc), tuple(acc.values()))


def on_tail_law(expr: Any) -> Any:
    """``expr`` with ``MaxMissed(n)`` read as ``MAXMISSED_SYM`` (the audit's case law is the
    law of the sample of that ``n``)."""
    if not isinstance(expr, sp.Basic) or not expr.has(MaxMissed):
        return expr
    return expr.replace(lambda e: isinstance(e, MaxMissed), lambda e: MAXMISSED_SYM)


def _indexed(law: JointLaw, make: Callable[[int], Any]) -> list[Any]:
    keys, out, i = set(law.atoms[0]), [], 1
    while make(i) in keys:
        out.append(make(i))
        i += 1
    return out


def _cond_independent(law: JointLaw, ys: list[Any]) -> bool:
    """Given each value of :data:`COND_G`, the joint law of ``ys`` is the product of their
    marginals (exact)."""
    for g in {a[COND_G] for a, _ in law.outcomes()}:
        part = [(a, q) for a, q in law.outcomes() if a[COND_G] == g]
        total = sum((q for _, q in part), F(0))
        joint: dict[tuple, Fraction] = {}
        margs: list[dict[Fraction, Fraction]] = [{} for _ in ys]
        for a, q in part:
            key = tuple(a[y] for y in ys)
            joint[key] = joint.get(key, F(0)) + q / total
            for mg, val in zip(margs, key, strict=True):
                mg[val] = mg.get(val, F(0)) + q / total
        for key in _product(margs):
            want = math.prod((mg[k] for mg, k in zip(margs, key, strict=True)), start=F(1))
            if joint.get(key, F(0)) != want:
                return False
    return True


def _product(margs: list[dict[Fraction, Fraction]]):
    keys: list[tuple] = [()]
    for mg in margs:
        keys = [(*k, v) for k in keys for v in mg]
    return keys


def conditional_sum_holds(sides: sp.Tuple, law: JointLaw, values: Callable[[Any], list]) -> bool:
    r"""Whether ``(S, m, V)`` is a conditional sum on ``law``: the law names :data:`COND_G`
    and :math:`k \ge 1` weights and terms; each :math:`Y_i \in [0, 1]`, each
    :math:`w_i \ge 0` is a function of :data:`COND_G`, the :math:`Y_i` are independent given
    :data:`COND_G`, and at every outcome :math:`S = \sum_i w_i Y_i`,
    :math:`V = \sum_i w_i^2`, :math:`m = \mathbb E[S \mid G]` (exactly). ``values(expr)``
    gives ``expr``'s value at each outcome of ``law`` (in order)."""
    keys = set(law.atoms[0])
    ws, ys = _indexed(law, weight), _indexed(law, term)
    if COND_G not in keys or not ys or len(ws) != len(ys) or len(sides) != 3:
        return False
    rows = law.outcomes()
    s_v, m_v, v_v = ([x for x, _ in values(e)] for e in sides)
    by_g: dict[Fraction, list] = {}
    for (a, q), s in zip(rows, s_v, strict=True):
        by_g.setdefault(a[COND_G], []).append((s, q))
    cond_mean = {g: sum((s * q for s, q in xs), F(0)) / sum((q for _, q in xs), F(0))
                 for g, xs in by_g.items()}
    seen_w: dict[Fraction, tuple] = {}
    for (a, _), s, m, v in zip(rows, s_v, m_v, v_v, strict=True):
        w, y = [a[x] for x in ws], [a[x] for x in ys]
        if any(not 0 <= x <= 1 for x in y) or any(x < 0 for x in w):
            return False
        if seen_w.setdefault(a[COND_G], tuple(w)) != tuple(w):
            return False
        if s != sum((p * r for p, r in zip(w, y, strict=True)), F(0)):
            return False
        if v != sum((p * p for p in w), F(0)) or m != cond_mean[a[COND_G]]:
            return False
    return _cond_independent(law, ys)


_checks.HYPOTHESIS_CHECKS["conditional-sum"] = conditional_sum_holds
