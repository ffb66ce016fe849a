r"""The values the finite-law moment model (:mod:`.law_verdicts`) draws a real random
variable on: :data:`.finite_laws.REAL_VALUES` widened past every number the step writes
(:func:`widened_values`), narrowed to a stated domain, and to a stated finite set's own
values (:func:`domain_values`: ``X \\in \\{-1, 1\\}`` is -1 and 1, not the interval)."""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.finite_laws import REAL_VALUES
from hallbound.proofs_checks.latex.models.function_facts import FiniteSet, parser_name


def _inside(v: Any, dom: Any) -> bool:
    lo, hi, lo_open, hi_open = dom.ends()
    if dom.kind != "real":
        return False
    return ((lo is None or v > lo or (v == lo and not lo_open))
            and (hi is None or v < hi or (v == hi and not hi_open)))


def _set_values(name: str, hyp: Any, values: tuple) -> tuple:
    """The values ``name`` may be drawn on: those in every finite set stated for it
    (``X \\in \\{-1, 1\\}``: -1 and 1 only, never the interval between), else ``values``."""
    sets = [set(f.values) for f in hyp.facts if isinstance(f, FiniteSet)
            and f.function is None and parser_name(f.subject) == name]
    if not sets:
        return tuple(values)
    return tuple(sorted(set.intersection(*sets)))


def widened_values(lhs: Any, rhs: Any, atoms: dict, symbols: list) -> tuple:
    """:data:`REAL_VALUES` with ``-2``, ``-(B + 1)``, ``B + 1`` and ``2B + 2``, ``B`` the
    largest absolute number the step writes (in its sides and in its atoms' keys, at least
    3), so that a bound met only because the values stop at 3 (``E[X^2] \\le 9``,
    ``\\Pr[X + Y > 6] = 0``) is not sampled as met."""
    cap = 10**6
    big = 3
    for e in (lhs, rhs):
        for node in sp.preorder_traversal(e) if isinstance(e, sp.Basic) else ():
            if node.is_Number and node.is_finite:
                big = max(big, min(int(abs(node)), cap))
    for s in symbols:
        for m in re.findall(r"\d+(?:\.\d+)?", getattr(atoms.get(s), "key", "")):
            big = max(big, min(int(float(m)), cap))
    extra = {-2, -(big + 1), big + 1, 2 * big + 2}
    return tuple(sorted(set(REAL_VALUES) | extra))


def domain_values(name: str, dom: Any, hyp: Any, values: tuple) -> tuple:
    """The ``values`` (or the values of the finite sets stated for ``name``) inside the
    stated domain ``dom`` (integers only for an integer domain)."""
    return tuple(v for v in _set_values(name, hyp, values)
                 if _inside(v, dom) and (not dom.integer or v == int(v)))


__all__ = ["domain_values", "widened_values"]
