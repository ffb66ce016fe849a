r"""The order of two exact real numbers, decided exactly or not at all (a domain end written
``\log_2 8`` or ``log(8)/log(2)`` is 3; the truth value of an undecided SymPy Relational is
never taken)."""

from __future__ import annotations

from typing import Any

import sympy as sp


def exact_order(a: Any, b: Any) -> int | None:
    r"""The order of two exact real numbers: -1 (:math:`a < b`), 0, 1, or None when it cannot
    be decided. The sign of :math:`a - b` from SymPy's assumptions, then from its simplified
    form (:math:`\log 8/\log 2 - 3` is 0), then from 60 digits when they leave no doubt;
    never the truth value of an undecided Relational."""
    try:
        d = sp.sympify(a) - sp.sympify(b)
    except (TypeError, sp.SympifyError):
        return None
    for form in (d, None):
        if form is None:
            try:
                form = sp.simplify(d)
            except (TypeError, ValueError, RecursionError):
                return None
        if form.is_zero:
            return 0
        if form.is_positive:
            return 1
        if form.is_negative:
            return -1
    try:
        v = sp.N(d, 60)
    except (TypeError, ValueError):
        return None
    if v.is_number and v.is_real and v.is_Float and abs(v) > sp.Float(10) ** -40:
        return 1 if v > 0 else -1
    return None


__all__ = ["exact_order"]
