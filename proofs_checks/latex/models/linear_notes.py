r"""Say that linearity was used when a decided step rests on atoms made by a split
(:mod:`~hallbound.proofs_checks.latex.math_linear`): a finite sum or a definite integral
split termwise with constant factors outside, an inner product split over ``+``/``-`` with
numeric coefficients, two sums merged under another name of their bound index.
:func:`linearity_note` adds that reading to the detail; it never changes a verdict.
"""

from __future__ import annotations

from typing import Any

#: What each rule takes for granted, by the kind :class:`.math_linear.LinearForms` records.
RULES: dict[str, str] = {
    "sum": "finite sums split termwise with constant factors outside (only a range written "
           "finite: \\sum_{i=a}^{b}, \\sum_{a \\le i \\le b}, \\sum_{i \\in [n]}; never "
           "\\sum_i or \\sum_{i \\in S})",
    "integral": "definite integrals split termwise with constant factors outside, a finite "
                "sum inside exchanged with the integral (each part taken to be integrable)",
    "inner": "inner products split over +/- with numeric coefficients (bilinearity; real "
             "inner products, <x, y> = <y, x>, as every inner product is read)",
    "index": "sums over the same range with another name of the bound index are one sum",
}
_DECIDED = ("PROVED", "CERTIFIED", "SUPPORTED", "REFUTED")


def linearity_note(check: Any, step: Any, checker: Any) -> None:
    """The hook: a decided step whose sides hold a part made by a split gets the rule used
    (:data:`RULES`) in its detail; nothing else changes."""
    table = getattr(checker, "table", None)
    forms = getattr(table, "linear", None)
    if check.verdict not in _DECIDED or step is None or forms is None or not forms.parts:
        return
    used = set()
    for side in (step.lhs, step.rhs):
        for s in getattr(side, "free_symbols", ()):
            used |= forms.parts.get(s, set())
    if not used:
        return
    note = "read by linearity: " + "; ".join(RULES[k] for k in sorted(used))
    check.detail = f"{check.detail}; {note}" if check.detail else note


__all__ = ["RULES", "linearity_note"]
