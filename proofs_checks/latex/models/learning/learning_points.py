r"""A fixed point ``z_0`` in a step of the finite learning model (:mod:`.learning_models`):
what the text states about it that the model meets.

A step that evaluates the class only at a fixed point, ``f(z_0)`` (and uses no sample, ghost
sample or fresh point ``z ~ P``, only perhaps the signs), is checked at every point of each
drawn domain taken as ``z_0`` (the group ``"x0"``, never averaged). Two statements are then
met:

* a range of the class at the point, ``lo \le f(z_0) \le hi`` with numbers ``lo < hi``: the
  search draws the value families (:data:`.learning_models.FAMILIES`) that lie in
  ``[lo, hi]`` and families out to its ends (:func:`ranged_families`: ``{lo, hi}``,
  ``{lo, (lo+hi)/2, hi}``, five even points with ``0``); with no stated range the class at
  ``z_0`` is unbounded and the model stays out;
* the law of the data a point mass at ``z_0``, ``z = z_0`` (``\text{ a.s.}``): the step uses
  neither the sample nor ``P``, so it does not depend on that law.

Any other statement is judged as before by :func:`.learning_stated.stated_on_model`. The
text may fix ``z_0`` elsewhere with properties not stated (every function of the class equal
there, say), so a failure is only a note (UNDECIDED, never REFUTED); a step that holds at
every point is SUPPORTED.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from hallbound.proofs_checks.latex.models.learning.learning_models import FAMILIES

#: The groups a step with a fixed point may use besides it.
POINT_ONLY = frozenset({"x0", "sigma"})
_NUM = r"(-?\d+(?:/\d+)?)"
_POINT = r"z_\{?0\}?"


def _range(text: str, letter: str) -> tuple[Fraction, Fraction] | None:
    """``(lo, hi)`` of ``lo \\le f(z_0) \\le hi`` written with the class variable ``letter``."""
    le = r"\s*\\leq?\s*"
    m = re.fullmatch(r"\s*" + _NUM + le + re.escape(letter) + r"\s*\(\s*" + _POINT
                     + r"\s*\)" + le + _NUM + r"\s*", text)
    if m is None:
        return None
    lo, hi = Fraction(m.group(1)), Fraction(m.group(2))
    return (lo, hi) if lo < hi else None


def _point_mass(key: Any, value: Any) -> bool:
    """Whether a definition is ``z = z_0``: the data a point mass at the fixed point."""
    return (getattr(key, "name", "") == "z"
            and re.fullmatch(_POINT, getattr(value, "name", "")) is not None)


def fixed_point_terms(scope: dict, table: Any, defs: dict
                      ) -> tuple[frozenset[str], dict, tuple] | str:
    """For a step with ``f(z_0)`` (module doc): the texts of the statements met, the
    definitions left to judge, and the value families (narrowest first) to draw; or
    why the model stays out."""
    if not scope["used"] <= POINT_ONLY:
        return "a fixed point z_0 together with the sample or a fresh point"
    letters = {f for f, _ in scope["classes"]}
    if len(letters) != 1:
        return "a fixed point z_0 without one class variable"
    (letter,) = letters
    met: set[str] = set()
    lo, hi = None, None
    for text in table.hyp.stated:
        got = _range(text, letter)
        if got is not None:
            if lo is not None:
                return "two stated ranges of the class at z_0"
            lo, hi = got
            met.add(text)
        elif re.fullmatch(r"\s*z\s*=\s*" + _POINT + r"\s*", text):
            met.add(text)
    kept = {k: v for k, v in defs.items() if not _point_mass(k, v)}
    if lo is None or hi is None:
        return ("no stated range lo \\le f(z_0) \\le hi of the class at z_0 (its values "
                "may be any reals)")
    return frozenset(met), kept, ranged_families(lo, hi)


def ranged_families(lo: Fraction, hi: Fraction) -> tuple[tuple[str, tuple[Fraction, ...]], ...]:
    """The value families of the stated range ``[lo, hi]``: those of
    :data:`.learning_models.FAMILIES` inside it (narrowest first), then ``{lo, hi}``,
    ``{lo, (lo+hi)/2, hi}`` and ``lo + k (hi - lo)/4`` (``k = 0..4``) with ``0`` when inside."""
    mid = (lo + hi) / 2
    grid = {lo + k * (hi - lo) / 4 for k in range(5)} | ({Fraction(0)} if lo < 0 < hi else set())
    out = [f for f in FAMILIES if all(lo <= v <= hi for v in f[1])]
    for values in ((lo, hi), (lo, mid, hi), tuple(sorted(grid))):
        if all(set(values) != set(f[1]) for f in out):
            out.append(("{" + ", ".join(map(str, values)) + "}", values))
    return tuple(out)


__all__ = ["POINT_ONLY", "fixed_point_terms", "ranged_families"]
