r"""Finite sums and products whose range may be improper, for the prover
(:mod:`~hallbound.proofs_checks.engine.prover`).

SymPy evaluates :math:`\sum_{i=a}^{b}` and :math:`\prod_{i=a}^{b}` by Karr's convention
(:math:`\sum_{i=1}^{-1} f(i) = -f(0)`, :math:`\prod_{i=1}^{-1} f(i) = 1/f(0)`), which agrees
with the empty-range convention a text means (sum 0, product 1) only when :math:`b \ge a - 1`;
a range to a non-whole bound has no meaning. A range is *improper* when a limit is not known
to be an integer or :math:`b - a + 1` is not known to be :math:`\ge 0`
(:func:`improper_ranges`); the prover sees such a sum or product as an opaque quantity
(:func:`opaque_improper`), so an identity it proves holds under any reading of the range
(linearity), and no closed form by Karr's convention enters a proof.
"""

from __future__ import annotations

import sympy as sp


def finite(limit: sp.Basic) -> bool:
    """A summation limit with no infinity in it."""
    return not sp.sympify(limit).has(sp.oo, -sp.oo, sp.zoo)


def improper_ranges(*exprs: sp.Basic) -> list[sp.Basic]:
    r"""The finite sums and products of ``exprs`` (outermost first) with a range that may be
    improper: a limit not known to be an integer, or a length :math:`b - a + 1` not known to
    be :math:`\ge 0` (SymPy's assumptions). Inside a proper range over ``i`` from ``a``, ``i``
    is read as :math:`a + m`, :math:`m \ge 0` an integer (``\sum_{i=1}^n \sum_{j=1}^i`` is
    proper for :math:`n \ge 0`)."""
    out: list[sp.Basic] = []
    for e in exprs:
        if isinstance(e, sp.Basic) and not getattr(e, "is_Matrix", False):
            _improper(e, {}, out)
    return out


def _improper(e: sp.Basic, inside: dict, out: list[sp.Basic]) -> None:
    if isinstance(e, sp.Sum | sp.Product):
        inner = dict(inside)
        for i, lo, hi in reversed(e.limits):  # the last range is the outermost
            lo, hi = lo.xreplace(inner), hi.xreplace(inner)
            if not (finite(lo) and finite(hi)):
                continue  # a series: see opaque_series
            if not (lo.is_integer and hi.is_integer) or (hi - lo + 1).is_nonnegative is not True:
                out.append(e)
                return
            inner[i] = lo + sp.Dummy(f"{i}_offset", integer=True, nonnegative=True)
        _improper(e.function, inner, out)
        return
    for a in e.args:
        if isinstance(a, sp.Basic):
            _improper(a, inside, out)


def opaque_improper(*exprs: sp.Basic) -> list[sp.Basic]:
    r"""``exprs`` (finite sums already expanded by linearity) with each sum or product of
    :func:`improper_ranges` replaced by an undefined function of its free
    symbols (equal terms by the same function, real when SymPy knows the term is real): an
    identity of the result holds under any reading of an improper range (module doc), and
    no closed form evaluated by Karr's convention enters the proof."""
    table: dict[sp.Basic, sp.Basic] = {}
    for k, big in enumerate(sorted(set(improper_ranges(*exprs)), key=sp.default_sort_key)):
        args = sorted(big.free_symbols, key=sp.default_sort_key)
        real = {"real": True} if big.is_real is True else {}
        table[big] = sp.Function(f"_range{k}", **real)(*args) if args else sp.Dummy(
            f"_range{k}", **real)
    return [x.xreplace(table) if isinstance(x, sp.Basic) else x for x in exprs]


__all__ = ["finite", "improper_ranges", "opaque_improper"]
