r"""The verdict of the finite sum model (:mod:`.finite_sums`): SUPPORTED when every drawn
instance meets the step, a note otherwise (the roles of the names are read from notation, so
no refutation rests on them)."""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.finite_sum_sides import (
    _DEFINED,
    read_sides,
    real_name,
)
from hallbound.proofs_checks.latex.models.finite_sums import (
    MAX_COUNT,
    passes_numbers,
    sample_box,
    search,
    set_sizes,
)


def _stated(step: Any, checker: Any, read_names: set[str],
            expanded: frozenset[str] = frozenset()) -> str | None:
    """Why the environment's statements keep the model out: anything but definitions of
    names the step does not use (``N_{t,a} = \\sum_s \\mathbb{I}\\{A_s = a\\}`` beside a step
    without ``N``: such a definition restricts none of the drawn objects). ``read_names``:
    the names the sum atoms read (functions, sequences, the free integer, the set)."""
    hyp = checker.table.hyp
    if hyp.laws or hyp.facts or checker.refused or checker.equations or (
            len(hyp.stated) != len(hyp.definitions)):
        return "the environment states assumptions other than definitions"
    used = set((step.lhs - step.rhs).free_symbols)
    for s in list(used):
        atom = checker.table.atoms.get(s)
        used |= set(atom.depends) if atom is not None else set()
    names = {_head(s) for s in used} | read_names
    for key in checker.defs:
        defined = _DEFINED.fullmatch(str(key))
        if defined and defined.group(1) in expanded:  # evaluated by it (finite_sum_sides)
            continue
        if key in used or _head(key) in names:
            return f"a definition of {key}, which the step uses"
    return None


def _head(key: Any) -> str:
    r"""The base name of a defined or used name: ``f`` of ``f(a)``, ``N`` of ``N_{t,a}``,
    ``A`` of ``\mathcal{A}``."""
    if isinstance(key, sp.core.function.AppliedUndef):
        return str(key.func)
    text = re.sub(r"\\math[a-z]+|[{}\s\\]", "", str(key))
    return re.split(r"[_\[(]", text)[0]


def finite_sum_check(check: Any, step: Any, checker: Any) -> None:
    """SUPPORTED for a step of finite sums that every drawn instance meets (module doc);
    nothing when the model stays out; a note on a failure."""
    table = checker.table
    if check.verdict != "UNDECIDED" or table is None or checker.contradictory:
        return
    if step.rel not in ("=", "<=", "<", ">=", ">") or checker.relations:
        return
    atoms = table.atoms
    if not any(getattr(atoms.get(s), "kind", None) == "sum"
               for s in (step.lhs - step.rhs).free_symbols):
        return
    read = read_sides(step.lhs, step.rhs, atoms, checker.defs)
    if isinstance(read, str):
        check.notes.append(f"finite sum model not used: {read}")
        return
    left, right, info = read
    why = _stated(step, checker, {_head(n) for n in info["types"]} | {info["set"] or ""},
                  frozenset(info["defs"]))
    if why is not None:
        check.notes.append(f"finite sum model not used: {why}")
        return
    if not passes_numbers(left, right):
        check.notes.append("finite sum model not used: a number of the step past the sizes "
                           f"and counts drawn (up to {MAX_COUNT})")
        return
    fail, checked = search(left, step.rel, right, checker.seed, info["defs"])
    counts, scale = sample_box(left, right)
    seqs = sorted(n for n, k in info["types"].items() if k == "seq")
    funcs = sorted(real_name(n) if k == "real" else n for n, k in info["types"].items()
                   if (k in ("func", "real") or k.startswith("call")) and n not in info["defs"])
    where = info["set"] or "of values"
    sizes = set_sizes(left, right)
    drawn = (f"the set {where} = {{0..K-1}} with K in {{{', '.join(map(str, sizes))}}}"
             + (f", the sequence(s) {', '.join(seqs)} with values drawn in it" if seqs else "")
             + (f", the function(s) {', '.join(funcs)} with values drawn in "
                "{-2, -3/2, .., 3}" + (f" and {scale} times these" if scale > 1 else "")
                if funcs else "")
             + (f", {', '.join(sorted(info['defs']))} by the stated definition(s)"
                if info["defs"] else "")
             + (f", {info['count'][0]} in {{{', '.join(map(str, counts))}}} written out"
                if info["count"] else ""))
    if fail is not None:
        check.notes.append(f"the finite sum model breaks the step ({drawn}) at {fail}; not "
                           "refuted: the roles of the names are read from notation")
        return
    check.verdict, check.method = "SUPPORTED", "finite sum model"
    check.detail = (f"{checked} finite instances computed exactly ({drawn}): no failure; "
                    "weak evidence: small sets and counts only")
    check.trials = checked
    check.witness = check.lhs_value = check.rhs_value = None



__all__ = ["finite_sum_check"]
