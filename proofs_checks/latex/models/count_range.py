r"""Which counts the small-count model (:mod:`.small_counts`) writes out, and how far they must
reach before a step is SUPPORTED.

A count ``n`` (the upper limit of ``\sum_{i=1}^n``) is tried

* from the least value its stated domain allows: the stated lower end of an integer domain
  (``n \in \mathbb{Z}, n \ge 0`` starts at 0), :data:`NEGATIVE_START` for an integer
  domain with no lower end (``n \in \mathbb{Z}``: an empty or backwards range, read by the
  empty-range convention, sum 0 and product 1), 1 for a count whose domain is not stated (the
  text's notation makes it a number of terms);
* for :data:`FIRST_COUNTS` consecutive values, then just past the largest whole number ``c``
  the step writes (:func:`largest_constant`): ``c + 1``, ``c + 2`` and ``2c + 2``, up to
  :data:`MAX_COUNT`. A step such as :math:`(\sum_{i=1}^n a_i)^2 \le 8 \sum_{i=1}^n a_i^2`
  holds up to ``n = 8`` only: the first values alone would support it.

The step is SUPPORTED only when a count past ``c`` was tried (:func:`needed_reach`); a count
whose stated domain is not the integers (``x \in [1, 10]``) is no count at all: a sum to
a non-whole bound has no meaning (:func:`noninteger_counts`), and the model declines.
"""

from __future__ import annotations

import math
from typing import Any

import sympy as sp

#: Consecutive counts tried from the least allowed one.
FIRST_COUNTS = 6
#: The least count tried for an integer domain with no lower end.
NEGATIVE_START = -2
#: The largest count tried (a sum of more terms is not written out: ``MAX_TERMS``).
MAX_COUNT = 40


def least_count(p: Any) -> int:
    """The least count tried for the parameter ``p`` (module doc)."""
    if p.lo is None:
        return NEGATIVE_START if p.is_integer else 1
    lo = float(p.lo)
    if lo == int(lo) and not p.lo_open:
        first = int(lo)
    else:
        first = math.floor(lo) + 1
    return first if p.is_integer else max(first, 1)


def largest_constant(exprs: list[Any]) -> int:
    """The largest absolute value of a whole number written in ``exprs`` (numerators and
    denominators of fractions too; 0 for none)."""
    out = 0
    for e in exprs:
        if not isinstance(e, sp.Basic):
            continue
        for r in e.atoms(sp.Rational):
            out = max(out, abs(int(r.p)), abs(int(r.q)))
    return out


def count_values(p: Any, constant: int = 0) -> list[int]:
    """The counts tried for ``p`` (module doc), kept where its stated domain contains them;
    the degenerate counts below 2 (no term, one term, a backwards range) come last: a
    failure at ``n >= 2`` is the clearer witness."""
    start = least_count(p)
    values = list(range(start, start + FIRST_COUNTS))
    values += [k for k in (constant + 1, constant + 2, 2 * constant + 2)
               if k >= start + FIRST_COUNTS and k <= MAX_COUNT and k not in values]
    values = [k for k in values if p.contains(k)]
    return [k for k in values if k >= 2] + [k for k in values if k < 2]


def needed_reach(constant: int) -> int:
    """The least count that must be tried (no failure there) for the step to be SUPPORTED:
    one past the largest whole number the step writes."""
    return constant + 1


def noninteger_counts(counts: set[sp.Symbol], table: Any) -> list[str]:
    """The counts (LaTeX names) whose stated domain is not the integers (a real interval):
    a sum or product up to them has no meaning at non-whole values."""
    from hallbound.proofs_checks.latex.hypotheses import domain_for

    out = []
    for s in sorted(counts, key=str):
        dom = table.hyp.domains.get(s.name) or domain_for(s.name, table.hyp.domains)
        if dom is not None and not getattr(dom, "integer", False):
            out.append(str(table.latex.get(s, s.name)))
    return out


__all__ = ["FIRST_COUNTS", "MAX_COUNT", "NEGATIVE_START", "count_values", "largest_constant",
           "least_count", "needed_reach", "noninteger_counts"]
