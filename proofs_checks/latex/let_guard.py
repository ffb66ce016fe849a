r"""A ``% hb: let`` whose name occurs inside an opaque quantity of a REFUTED step.

``% hb: let \nu = \mu`` is substituted into the symbols of a step, but not inside an opaque
quantity read as one atom (``\mathrm{KL}(\mu, \nu)``, ``\mathbb{E}[f(X)]``): a counterexample
that sets such an atom freely, or a model that draws ``\nu`` apart from ``\mu``, checks a
step the text does not state. Such a REFUTED is withdrawn (UNDECIDED, saying which name and
which quantity); a step whose atoms do not mention the defined name keeps its verdict."""

from __future__ import annotations

import re
from typing import Any

from hallbound.proofs_checks.engine.verdicts import Verdict

#: A name: a control word or a run of letters (atoms print ``\\nu`` as ``nu``).
_NAME = re.compile(r"\\?[A-Za-z]+")


def defined_name(let_text: str) -> str | None:
    r"""The name a ``let`` item defines: the first name of its left side (``\nu`` in
    ``\nu = \mu``, ``f`` in ``f(x) = x^2``), None when the item has no ``=``."""
    if "=" not in let_text:
        return None
    found = _NAME.search(let_text.split("=", 1)[0])
    return found.group(0).lstrip("\\") if found else None


def subscripted_use(latex: str, texts: list[str]) -> str | None:
    r"""The first use, in ``texts``, of the name written ``latex`` with a subscript (``p_i``,
    ``p_{1}``, ``\theta_k``), as written; None when there is none. A ``let`` of such a name
    (``% hb: let p = 1/2``) would replace the family's base letter too (``p_i`` read as
    ``(1/2)_i``): it is refused instead."""
    name = latex.strip()
    if not name:
        return None
    head = r"(?<![A-Za-z\\])" if name[0].isalpha() else r"(?<![A-Za-z])"
    pattern = re.compile(head + re.escape(name) + r"(?![A-Za-z])\s*_\s*(?:\{[^{}]*\}|\\?\w+)")
    for text in texts:
        if m := pattern.search(text):
            return " ".join(m.group(0).split())
    return None


def _mentions(latex: str, name: str) -> bool:
    return name in {w.lstrip("\\") for w in _NAME.findall(latex)}


def withdraw_let_inside_atom(check: Any, step: Any, table: Any, let_texts: list[str]) -> None:
    """UNDECIDED instead of REFUTED when a ``let``-defined name occurs inside an atom of
    ``step`` (module doc)."""
    if check.verdict != Verdict.REFUTED.value or not let_texts:
        return
    named = [(n, t) for n, t in ((defined_name(t), t) for t in let_texts) if n]
    symbols = set().union(*(getattr(e, "free_symbols", set()) for e in (step.lhs, step.rhs)))
    for s in symbols:
        atom = table.atoms.get(s)
        hit = next((t for n, t in named if atom is not None and _mentions(atom.latex, n)), None)
        if hit is None:
            continue
        found = check.detail or check.method
        check.verdict = Verdict.UNDECIDED.value
        check.method = "not decided"
        check.detail = (
            f"`% hb: let {hit}` defines a name that occurs inside {atom.latex}: the definition "
            f"is not substituted inside that quantity, so the failure found ({found}) is no "
            f"counterexample of the text"
        )
        check.witness = check.lhs_value = check.rhs_value = None
        return
