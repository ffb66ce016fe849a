r"""Independence the text states in prose (:mod:`~hallbound.proofs_checks.latex.
prose_independence`), used by the law model and guarded everywhere else.

* :func:`prose_laws`: the statements read strictly from clauses *before* the environment
  (``Let $X, Y$ be independent.``) about variables of the step that no ``% hb: assume`` law
  statement of the environment names; the finite-law model draws only laws that meet them,
  so ``E[XY] = E[X]E[Y]`` is checked under independence (and a failure at an independent law
  is a counterexample of the text's statement). Its detail names the sentence.
* :func:`prose_independence_check`, a guard run after every model: a REFUTED step about the
  moments or laws of two or more variables (the variables its opaque quantities depend on)
  that one clause of the text calls independent (anywhere in the text, read wide), whose
  refutation did not draw independent laws for them (:data:`PROSE_NOTE` absent), is
  withdrawn: UNDECIDED, the detail naming the sentence. It never decides a step.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.law_statements import (
    LawStatement,
    in_family,
    law_names,
)

#: The note the law model writes when it drew laws under a prose statement.
PROSE_NOTE = "independence read from the text"


def step_variables(lhs: Any, rhs: Any, atoms: dict) -> set[str]:
    """The variables the opaque quantities of a step depend on (``E[XY]``: X, Y); plain
    letters outside such quantities are not counted."""
    out: set[str] = set()
    for side in (lhs, rhs):
        for sym in getattr(side, "free_symbols", ()):
            atom = atoms.get(sym)
            if atom is not None:
                out |= {str(d) for d in atom.depends}
    return out


def _covered(names: frozenset[str] | set[str], variables: set[str]) -> list[str]:
    """The variables among ``variables`` that ``names`` (names and families ``X_*``) holds."""
    fams = [n for n in names if "_*" in n]
    return sorted(v for v in variables if v in names or any(in_family(v, f) for f in fams))


def prose_laws(checker: Any, lhs: Any, rhs: Any, atoms: dict,
               stated: list[LawStatement]) -> list[tuple[LawStatement, str]]:
    """The strictly read prose statements before the environment about two or more of the
    step's variables, none of them named by a ``stated`` law; each with where it is."""
    variables = step_variables(lhs, rhs, atoms)
    named = law_names(stated, variables)
    out = []
    for p in getattr(checker, "prose", ()):
        if p.law is None or p.offset >= getattr(checker, "env_offset", -1):
            continue
        hit = _covered(p.names, variables)
        if len(hit) >= 2 and not (set(hit) & named) and not law_names(stated, set(p.names)):
            out.append((p.law, p.where()))
    return out


def prose_independence_check(check: Any, step: Any, checker: Any) -> None:
    """The guard (module doc): withdraw a REFUTED verdict that may rest on dependence
    between variables the text calls independent."""
    table = getattr(checker, "table", None)
    if check.verdict != "REFUTED" or table is None or not getattr(checker, "prose", ()):
        return
    if any(n.startswith(PROSE_NOTE) for n in check.notes):
        return
    defs = getattr(checker, "defs", {}) or {}
    lhs, rhs = (sp.sympify(e).xreplace(defs) if isinstance(e, sp.Basic) else e
                for e in (step.lhs, step.rhs))
    variables = step_variables(lhs, rhs, table.atoms)
    for p in checker.prose:
        hit = _covered(p.names, variables)
        if len(hit) < 2:
            continue
        was = check.detail
        check.verdict, check.method = "UNDECIDED", "not decided"
        check.witness = check.lhs_value = check.rhs_value = None
        check.detail = (f"refuted ({was}), but the text says {', '.join(hit)} are independent "
                        f"({p.where()}) and the refutation did not draw independent laws for "
                        "them: add `% hb: assume` with the independence it states")
        check.notes = [n for n in check.notes
                       if not n.startswith(("witness law", "no assumption on the law"))]
        check.notes.append(f"independence stated in the text: {p.where()}")
        return


__all__ = ["PROSE_NOTE", "prose_independence_check", "prose_laws", "step_variables"]
