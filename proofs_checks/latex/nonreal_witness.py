r"""A witness where one side has no real value, about a variable whose domain the text
does not state.

The engine refutes ``\ln(x^2) = 2\ln x`` at a negative ``x`` when ``x`` is a real
parameter (:func:`~hallbound.proofs_checks.engine.exact_sides.nonreal_side`): the right side
has no real value there. That reading is the text's only when the text states that ``x``
takes such values: ``% hb: assume x \in \mathbb{R}``, bounds on both sides (``-1 \le x \le 1``)
or a box. An author who writes ``\ln x`` about an ``x`` of which nothing is stated, or only
one bound (``x \le 1``: the witness comes from the side left open), usually means ``x > 0``:
there the witness is withdrawn (UNDECIDED, saying what to state)."""

from __future__ import annotations

from hallbound.proofs_checks.engine.search import NONREAL_METHOD
from hallbound.proofs_checks.engine.verdicts import Verdict
from hallbound.proofs_checks.latex.hypotheses import SymbolTable, domain_for
from hallbound.proofs_checks.latex.verify_results import LineCheck


def unstated(table: SymbolTable, names: list[str]) -> list[str]:
    """The names among ``names`` of real parameters with no stated domain (``\\in``), no box
    and not both bounds: one stated bound leaves the other side open (module doc)."""
    out = []
    for sym, p in table.params.items():
        if p.name not in names or p.kind != "real":
            continue
        if p.name in table.hyp.boxes or (p.lo is not None and p.hi is not None):
            continue
        dom = domain_for(sym.name, table.hyp.domains)
        if dom is None or (p.lo is None) != (p.hi is None):
            out.append(p.name)
    return out


def withdraw_unstated_nonreal(check: LineCheck, table: SymbolTable) -> None:
    """A REFUTED step whose witness gives one side no real value
    (:data:`~hallbound.proofs_checks.engine.search.NONREAL_METHOD`) becomes UNDECIDED when
    a variable of the witness has no stated domain (see the module doc)."""
    if check.verdict != Verdict.REFUTED.value or check.method != NONREAL_METHOD:
        return
    names = unstated(table, list(check.witness or {}))
    if not names:
        return
    pts = ", ".join(f"{k}={v}" for k, v in (check.witness or {}).items())
    check.verdict = Verdict.UNDECIDED.value
    check.method = "not decided"
    check.detail = (
        f"a side has no real value at {pts}, but nothing states the domain of "
        f"{', '.join(names)} (the text may mean only values where both sides are real): add "
        f"`% hb: assume` with what the text states ({names[0]} \\in \\mathbb{{R}}, or "
        f"{names[0]} > 0) to check it"
    )
    check.witness = check.lhs_value = check.rhs_value = None
