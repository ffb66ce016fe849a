r"""``% hb: by NAME``: match a step against a library lemma's conclusion.

The lemma's conclusion :math:`L(\theta) \mathrel{R} U(\theta)` (its parameters :math:`\theta`
as SymPy placeholders) is turned into a pattern, each scalar parameter a ``Wild``; a step
``lhs REL rhs`` matches when ``REL`` is ``R`` (or its mirror, with the sides swapped) and
SymPy's structural matching finds :math:`\theta` with :math:`L(\theta) = \text{lhs}` and
:math:`U(\theta) = \text{rhs}`. The instance ``lemma(NAME, **theta)`` then goes to the step
(``Step.lemmas``): the engine proves the step from the instance's conclusion and checks its
hypotheses as sub-steps, so a match found here is never trusted on its own.

Lemmas with sequence, event or function parameters (Cauchy-Schwarz on sums, Jensen, union
bounds, ...) are not matched from LaTeX: their citation is an unbacked premise.
"""

from __future__ import annotations

import itertools
from typing import Any

import sympy as sp

_MIRROR = {"<=": ">=", "<": ">", ">=": "<=", ">": "<", "=": "="}
_SCALAR_KINDS = ("real", "positive", "nonnegative", "integer")
_MAX_ATOMS = 6


def match_lemma(name: str, lhs: Any, rel: str, rhs: Any) -> tuple[Any | None, str]:
    """``(instance, "")`` when the step matches lemma ``name``'s conclusion, else
    ``(None, reason)``."""
    try:
        from hallbound.proofs_checks.library.lemma_library import LIBRARY, lemma
    except ImportError:  # pragma: no cover - an engine without the lemma library
        return None, "this engine has no lemma library"
    if name not in LIBRARY:
        return None, f"no lemma {name!r} in the library"
    lem = LIBRARY[name]
    if any(p.kind not in _SCALAR_KINDS for p in lem.params):
        return (
            None,
            f"{name!r} has random, sequence, event or function parameters (not matched from LaTeX)",
        )
    wilds = {p.placeholder: sp.Wild(f"w_{p.name}") for p in lem.params}
    c_lhs, c_rel, c_rhs = lem.conclusion
    pattern = sp.Tuple(c_lhs, c_rhs).xreplace(wilds)
    if rel == c_rel:
        target = sp.Tuple(lhs, rhs)
    elif _MIRROR[rel] == c_rel:
        target = sp.Tuple(rhs, lhs)
    else:
        return None, f"{name!r} concludes {c_rel}, the step states {rel}"
    found = target.match(pattern)
    candidates: list[dict[str, Any]] = []
    if found and all(wilds[p.placeholder] in found for p in lem.params):
        candidates.append({p.name: found[wilds[p.placeholder]] for p in lem.params})
    # SymPy rewrites some forms on construction (sqrt(a b) = sqrt(a) sqrt(b) for a, b > 0),
    # so also try the step's own variables as the lemma's parameters
    atoms = sorted(target.free_symbols, key=str)[:_MAX_ATOMS]
    candidates += [
        dict(zip([p.name for p in lem.params], combo, strict=True))
        for combo in itertools.product(atoms, repeat=len(lem.params))
    ]
    for args in candidates:
        try:
            inst = lemma(name, **args)
        except ValueError:
            continue
        i_lhs, _, i_rhs = inst.conclusion
        if _same(sp.Tuple(i_lhs, i_rhs), target):
            return inst, ""
    return None, f"the step does not have the form of {name!r}'s conclusion"


def matchable_lemmas() -> list[str]:
    """The names ``% hb: by NAME`` can match: the lemma library's lemmas whose parameters
    are all scalars (in the library's order). Any other name is an unbacked citation."""
    try:
        from hallbound.proofs_checks.library.lemma_library import LIBRARY
    except ImportError:  # pragma: no cover - an engine without the lemma library
        return []
    return [name for name, lem in LIBRARY.items()
            if all(p.kind in _SCALAR_KINDS for p in lem.params)]


def _same(a: sp.Tuple, b: sp.Tuple) -> bool:
    if a == b:
        return True
    try:
        return all(sp.simplify(x - y) == 0 for x, y in zip(a, b, strict=True))
    except Exception:  # noqa: BLE001 - SymPy could not decide: no match
        return False


__all__ = ["match_lemma", "matchable_lemmas"]
