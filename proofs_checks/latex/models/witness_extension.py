r"""Extend a witness through a stated equation that names variables the step does not.

A REFUTED step's witness fixes only the step's variables. A stated equation such as
:math:`\sigma^2 = \frac{1}{n^2}\sum_i (b_i - a_i)^2` also names a family (``a_i``, ``b_i``)
the point does not fix, so the point may break it. Here those variables are *drawn* and the
equation is *solved* for one of them, exactly:

* a plain variable of the equation that the point does not fix is drawn from
  :data:`DRAWS` (within its stated domain), all but the one solved for;
* an opaque sum with no numeric range (``\sum_i body``) is written out through its family's
  entries: every entry is 0 except the solved one, entry 1 (``b_1``); this is the sum's
  value for every index range that holds index 1 (so the unstated range does not matter),
  and is used only when the body is 0 at all-zero entries and 0 lies in each family's
  stated domain;
* the solved value is a real root (SymPy, exact) inside the solved variable's domain, and
  the equation is re-checked exactly at the extended point.

The caller re-checks every stated relation at the extended point.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import sympy as sp

#: Values drawn for a free variable that is not solved for (first one inside its domain).
DRAWS = (1, 0, 2, sp.Rational(1, 2))
#: Most (solved variable, draws) combinations tried.
MAX_TRIES = 24


def _family_sum(atom: Any) -> tuple[sp.Basic, sp.Symbol] | None:
    """``(body, index)`` of an opaque sum atom with no numeric range, else None."""
    if getattr(atom, "kind", None) != "sum" or getattr(atom, "head", None) != "sum":
        return None
    arg = atom.arg
    if not isinstance(arg, sp.Tuple) or len(arg) != 2 or not isinstance(arg[1], sp.Symbol):
        return None
    return arg[0], arg[1]


def _entries(body: sp.Basic, index: sp.Symbol) -> list[sp.Indexed] | None:
    """The family entries ``a[i]`` of ``body`` (indexed by ``index`` alone), or None when
    ``body`` holds another use of the index or another kind of entry."""
    found = sorted(body.atoms(sp.Indexed), key=str)
    if any(e.indices != (index,) for e in found):
        return None
    rest = body.xreplace({e: sp.Integer(0) for e in found})
    if index in rest.free_symbols:
        return None
    return found


def extend(gap: sp.Basic, values: dict[Any, Any], unknown: set[Any], atoms: dict,
           domain_of: Callable[[str], Any], name_of: Callable[[Any], str],
           inside: Callable[[Any, Any], bool],
           holds: Callable[[Any, str, dict], bool | None]
           ) -> tuple[dict[str, float], str] | None:
    """A point meeting ``gap = 0`` that extends ``values`` over ``unknown`` (plain
    variables and opaque unranged sums): the new entries shown by name (``domain_of(name)``
    gives a stated domain, ``name_of(symbol)`` its name, ``inside(x, domain)`` membership,
    ``holds(gap, "=", point)`` the exact re-check), with a note saying how the families
    were written out (or ""); ``values`` is extended in place (the sums' values
    included). None when none is found."""
    plain = [u for u in unknown if u not in atoms]
    sums = {u: _family_sum(atoms[u]) for u in unknown if u in atoms}
    if any(v is None for v in sums.values()):
        return None
    written: dict[Any, sp.Basic] = {}
    entry_syms: dict[Any, sp.Symbol] = {}
    for u, (body, index) in sums.items():  # type: ignore[misc]
        found = _entries(body, index)
        if not found or body.xreplace({e: sp.Integer(0) for e in found}) != 0:
            return None
        for e in found:
            base = str(e.base)
            if base not in entry_syms:
                entry_syms[base] = sp.Symbol(f"{base}_1_", real=True)
            dom = domain_of(f"{base}_i")
            if dom is not None and not inside(0.0, dom):
                return None
        one = {e: entry_syms[str(e.base)] for e in found}
        written[u] = body.xreplace({index: 1}).xreplace(
            {e.func(e.base, 1): s for e, s in one.items()}).xreplace(one)
    exact = {k: sp.nsimplify(x, rational=True) for k, x in values.items()}
    base_gap = sp.sympify(gap).xreplace(written).xreplace(exact)
    free = [*sorted(plain, key=str), *(entry_syms[b] for b in sorted(entry_syms))]
    names = {s: (name_of(s) if s in plain else f"{str(s)[:-3]}_{{1}}") for s in free}
    doms = {s: domain_of(s.name if s in plain else f"{str(s)[:-3]}_i") for s in free}
    tries = 0
    for solved in reversed(free):  # a family entry first: the family is what is unknown
        others = [s for s in free if s is not solved]
        for draw in itertools.product(DRAWS, repeat=len(others)):
            tries += 1
            if tries > MAX_TRIES:
                return None
            drawn = dict(zip(others, draw, strict=True))
            if any(doms[s] is not None and not inside(float(v), doms[s]) for s, v in drawn.items()):
                continue
            point = _solve(base_gap.xreplace(drawn), solved, doms[solved], inside)
            if point is None:
                continue
            full = {**drawn, solved: point}
            if holds(base_gap.xreplace(full), "=", {}) is not True:
                continue
            for s, v in full.items():
                if s in plain:
                    values[s] = float(v)
            for u, w in written.items():
                values[u] = float(w.xreplace(full))
            shown = {names[s]: float(v) for s, v in full.items()}
            note = (f"the stated equation is met with every other entry of "
                    f"{', '.join(sorted(entry_syms))} 0 (any index range holding 1)"
                    if entry_syms else "")
            return shown, note
    return None


def _solve(gap: sp.Basic, s: sp.Symbol, dom: Any,
           inside: Callable[[Any, Any], bool]) -> sp.Basic | None:
    """The real root of ``gap`` in ``s`` nearest 0 inside ``dom`` (exact), or None."""
    try:
        roots = [r for r in sp.solve(gap, s) if r.is_real]
    except (NotImplementedError, TypeError, ValueError):
        return None
    for r in sorted(roots, key=lambda r: abs(float(r))):
        if dom is None or inside(float(r), dom):
            return r
    return None


__all__ = ["DRAWS", "MAX_TRIES", "extend"]
