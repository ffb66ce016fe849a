r"""Integrals against a measure written with ``\partial`` (the blueprints of formalisation
projects: ``\int_x f(x) \partial\mu``, ``\int_x \int_y g \partial\kappa(x) \partial\mu``,
``\int_p h(p) \partial(\mu \otimes \kappa)``), or with the differential inside the measure
(probability texts: ``\int f(x) \mu(dx)``, ``\int \int g(x, y) \kappa(x, dy) \mu(dx)``).

The math reader keeps such an integral whole, as an opaque atom keyed by its text (so the same
integral is the same symbol on every row); the finite-measure model
(:mod:`.models.kernel_integrals`) reads and evaluates it. :func:`partial_extent` finds where it
ends: after as many such measures as there are nested ``\int`` at its top level.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hallbound.proofs_checks.latex.math_names import closer_of, is_closer, match_group


def _measure_end(toks: list[Any], j: int) -> int | None:
    r"""The index after the measure that starts at ``j`` (``\mu``, ``\kappa(x)``,
    ``(\mu \otimes \kappa)``), or None when there is none."""
    if j >= len(toks):
        return None
    if closer_of(toks[j]) is not None:
        end = match_group(toks, j)
        return None if end >= len(toks) else end + 1
    if toks[j].kind not in ("letter", "cmd") or toks[j].text in ("int", "partial"):
        return None
    j += 1
    if j < len(toks) and toks[j].text == "_":  # \partial\mu_1
        j += 2
    if j < len(toks) and toks[j].text == "(":
        end = match_group(toks, j)
        return None if end >= len(toks) else end + 1
    return j


def applied_differential_end(toks: list[Any], j: int) -> int | None:
    r"""The index after ``\mu(dx)`` or ``\kappa(x, dy)`` starting at ``j``, or None."""
    texts = [t.text for t in toks[j:j + 7]]
    if len(texts) < 5 or toks[j].kind not in ("letter", "cmd") or texts[1] != "(" \
            or texts[0] in ("int", "partial", "d"):
        return None
    if texts[2] == "d" and toks[j + 3].kind in ("letter", "cmd") and texts[4] == ")":
        return j + 5
    if len(texts) == 7 and toks[j + 2].kind in ("letter", "cmd") and texts[3] == "," \
            and texts[4] == "d" and toks[j + 5].kind in ("letter", "cmd") and texts[6] == ")":
        return j + 7
    return None


def partial_extent(toks: list[Any], pos: int, relation_at: Callable[[int], bool]) -> int | None:
    r"""The index just after the integral whose integrand starts at ``pos`` (after its
    ``\int``) when it is written against ``\partial`` measures; None when it is not (or when a
    relation, the end of its group or of the side comes first)."""
    depth, open_ints, j = 0, 1, pos
    while j < len(toks):
        t = toks[j]
        applied = applied_differential_end(toks, j) if depth == 0 else None
        if applied is not None:
            open_ints -= 1
            if open_ints == 0:
                return applied
            j = applied
            continue
        if closer_of(t) is not None:
            depth += 1
        elif is_closer(t):
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and relation_at(j):
            return None
        elif depth == 0 and t.kind == "cmd" and t.text == "int":
            open_ints += 1
        elif depth == 0 and t.kind == "cmd" and t.text == "partial":
            end = _measure_end(toks, j + 1)
            if end is None:
                return None
            open_ints -= 1
            if open_ints == 0:
                return end
            j = end
            continue
        j += 1
    return None


__all__ = ["partial_extent"]
