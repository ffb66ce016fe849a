r"""Known-false variants of exported steps, to test the translation: Coq must reject each.

For a step the engine proved on its domain (non-empty), each variant below is false at
*every* point of that domain, so a kernel that accepts one exposes a bug in the exporter's
translation (a statement that changed meaning on its way to Coq), never a weak tactic:

* ``flipped``: :math:`a \le b` becomes :math:`a > b` (and likewise for ``<``, ``>=``, ``>``);
* ``shifted``: :math:`a = b` becomes :math:`a = b + 1` (a wrong constant).
"""

from __future__ import annotations

import dataclasses

from hallbound.proofs_checks.kernel.goals import Goal

#: Each order relation and its negation.
NEGATION = {"<=": ">", "<": ">=", ">=": "<", ">": "<="}


def false_mutants(goal: Goal) -> list[Goal]:
    """The known-false variants of an exported goal (see the module doc)."""
    if not goal.exportable:
        return []
    if goal.rel == "=":
        text, rel, kind = f"{goal.lhs} = ({goal.rhs} + 1)", "=", "shifted"
    else:
        rel = NEGATION[goal.rel]
        text, kind = f"{goal.lhs} {rel} {goal.rhs}", "flipped"
    return [dataclasses.replace(goal, name=f"{goal.name}_{kind}", goal=text, rel=rel,
                                step=f"{goal.step} ({kind})")]
