r"""An infimum is at most each value, a supremum at least each value:
``\inf_x F(x) \le F(x)`` and ``F(x) \le \sup_x F(x)``.

The reader keeps ``\inf_{x} F`` (and ``\sup``, ``\min``, ``\max``) over an unrestricted index
as an opaque atom whose argument is the body and the index. When the other side of a ``\le``
(``\ge``) step is that body itself, at the index's own name (the text's element of the range),
the step holds for every function: PROVED (:func:`extremum_check`). A restricted range
(``\inf_{x \in D}``) or a value at any other point (whose membership in the range is not
known) is left alone.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

_KEY = re.compile(r"(?P<op>inf|sup|min|max)_\{(?P<i>\\?[A-Za-z]+)\}\(.*\)")
_LOWER = ("inf", "min")
_UPPER = ("sup", "max")


def _parts(expr: sp.Basic, table: Any) -> tuple[str, sp.Basic] | None:
    """``(op, body at the index's own name)`` when ``expr`` is an extremum atom over an
    unrestricted index; None otherwise."""
    atom = table.atoms.get(expr) if isinstance(expr, sp.Symbol) else None
    if atom is None or atom.head not in (*_LOWER, *_UPPER) or not isinstance(atom.arg, sp.Tuple):
        return None
    m = _KEY.fullmatch(atom.key)
    if m is None or len(atom.arg) != 2:
        return None
    body, idx = atom.arg
    if not isinstance(idx, sp.Symbol) or idx.name != m.group("i").lstrip("\\"):
        return None
    named = table.symbols.get(idx.name)
    return m.group("op"), body.xreplace({idx: named}) if named is not None else body


def extremum_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED ``\\inf_x F \\le F`` / ``F \\le \\sup_x F`` step (either side,
    ``\\le`` or ``\\ge``) is PROVED; any other step is left as it is."""
    table = checker.table
    if check.verdict != "UNDECIDED" or step is None or table is None:
        return
    if step.rel not in ("<=", ">="):
        return
    small, big = (step.lhs, step.rhs) if step.rel == "<=" else (step.rhs, step.lhs)
    small, big = small.xreplace(checker.defs), big.xreplace(checker.defs)
    lo, hi = _parts(small, table), _parts(big, table)
    ok = (lo is not None and lo[0] in _LOWER and sp.simplify(lo[1] - big) == 0) or (
        hi is not None and hi[0] in _UPPER and sp.simplify(hi[1] - small) == 0)
    if not ok:
        return
    check.verdict = "PROVED"
    check.method = "extremum"
    check.detail = ("an infimum (minimum) over an index is at most the value at any point of "
                    "its range, a supremum (maximum) at least it; the other side is the body "
                    "at the index's own name")
    check.witness = None


__all__ = ["extremum_check"]
