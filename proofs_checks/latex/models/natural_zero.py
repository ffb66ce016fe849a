r"""Steps about a variable whose set holds 0 for some authors: checked at 0 too.

``n \in \mathbb{N}`` is :math:`n \ge 1` for some authors and :math:`n \ge 0` for others (ISO
80000-2, most logic and CS texts, Lean); ``\mathbb{Z}_+`` and ``\mathbb{R}_+`` likewise
(:func:`~hallbound.proofs_checks.latex.domains.read_number_set` marks such a domain,
``Domain.zero_disputed``). A verdict must hold under both readings. The checker proves and
searches under the narrower one (:math:`n \ge 1`), so a REFUTED step's witness has every such
variable in it, false for both readings; a PROVED, CERTIFIED or SUPPORTED step is then checked
at 0 by :func:`natural_zero_check`, for every nonempty subset of such variables of the step
set to 0 together (the others still at least 1: the subsets cover every point). Such a
symbol is read ``nonnegative``, not ``positive`` (:meth:`.domains.Domain.sympy_assumptions`),
so its sides are not simplified as if 0 were out (``0^n``, ``\max(n, 1)``, ``|n - 1|``). A step
with more than :data:`MAX_ALL_SUBSETS` such variables is not checked at 0 (too many subsets):
its PROVED, CERTIFIED or SUPPORTED verdict is withdrawn, the detail saying so. At 0:

* a side that is not defined there (``1/n``, ``\log n``: SymPy gives ``zoo``/``nan``), or a
  stated relation that is false there, makes no claim at 0: the verdict stands;
* both sides numbers: the relation is decided exactly; false (or not decided) there: the step
  is UNDECIDED, the detail naming the point and the convention;
* other letters left: the step with the variables at 0 goes to the checker again, under the
  stated relations at 0; a PROVED or CERTIFIED step stays, any other verdict withdraws it
  (a SUPPORTED step only when that check is REFUTED);
* an opaque quantity that names the variable (``\Pr[kX \ge ka]``, ``\mathbb{E}[S_n]``) cannot be
  evaluated at 0: a PROVED or CERTIFIED step is withdrawn (UNDECIDED), a SUPPORTED one stays.

The model never refutes: a step false at 0 only is true for the authors whose set starts at 1.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim
from hallbound.proofs_checks.engine.instances import written_out
from hallbound.proofs_checks.latex.hypotheses import domain_for
from hallbound.proofs_checks.latex.models.stated_letters import names_letter

#: Up to this many disputed variables in a step, every subset of them is set to 0 (15 checks
#: for 4); above it, the step is not checked at 0 and its verdict is withdrawn.
MAX_ALL_SUBSETS = 4
_STRONG = ("PROVED", "CERTIFIED")
_UNDEFINED = (sp.zoo, sp.nan, sp.oo, -sp.oo)


def disputed_symbols(table: Any) -> dict[sp.Symbol, str]:
    """The environment's symbols whose domain holds 0 for some authors, each with its set's
    LaTeX (``\\mathbb{N}``)."""
    out: dict[sp.Symbol, str] = {}
    for name, sym in table.symbols.items():
        dom = table.hyp.domains.get(name) or domain_for(name, table.hyp.domains)
        if dom is not None and getattr(dom, "zero_disputed", ""):
            out[sym] = dom.zero_disputed
    return out


def _atom_names(atom: Any, sym: sp.Symbol, latex: str) -> bool:
    """Whether the opaque quantity ``atom`` depends on ``sym`` (its symbols, its argument, or
    the letter in its LaTeX)."""
    if sym in getattr(atom, "depends", ()) or any(
            getattr(s, "name", None) == sym.name for s in getattr(atom, "depends", ())):
        return True
    arg = getattr(atom, "arg", None)
    if isinstance(arg, sp.Basic) and any(s.name == sym.name for s in arg.free_symbols):
        return True
    return names_letter(getattr(atom, "latex", ""), latex)


def _subsets(syms: list[sp.Symbol]) -> list[tuple[sp.Symbol, ...]]:
    """Every nonempty subset of ``syms`` (at most :data:`MAX_ALL_SUBSETS` of them)."""
    return [c for k in range(1, len(syms) + 1) for c in combinations(syms, k)]


def _defined(e: Any) -> bool:
    return isinstance(e, sp.Basic) and not any(e.has(u) for u in _UNDEFINED)


def _holds(lhs: sp.Basic, rel: str, rhs: sp.Basic) -> bool | None:
    """Whether the number relation holds, decided exactly (None: not decided)."""
    diff = sp.simplify(lhs - rhs)
    if not (diff.is_real or diff.is_zero):
        return None
    tests = {"=": diff.is_zero, "!=": diff.is_nonzero, "<=": diff.is_nonpositive,
             "<": diff.is_negative, ">=": diff.is_nonnegative, ">": diff.is_positive}
    return tests.get(rel)


def _at_zero(x: Any, zero: dict) -> Any:
    """``x`` with the variables of ``zero`` at 0, its sums and products with integer limits
    written out (:func:`~hallbound.proofs_checks.engine.instances.written_out`: an empty or
    backwards range is 0 for a sum, 1 for a product, not SymPy's Karr value)."""
    e = sp.sympify(x).xreplace(zero)
    return written_out(e) if isinstance(e, sp.Basic) and e.has(sp.Sum, sp.Product) else e


def _relations_at(checker: Any, zero: dict) -> list | None:
    """The stated relations with the variables at 0; None when one of them is false there
    (0 is then outside what the text states)."""
    out = []
    for a, op, b in getattr(checker, "relations", []):
        a0, b0 = _at_zero(a, zero), _at_zero(b, zero)
        if not (_defined(a0) and _defined(b0)):
            return None
        if not (a0.free_symbols or b0.free_symbols) and _holds(a0, op, b0) is False:
            return None
        out.append((a0, op, b0))
    return out


def _verdict_at(step: Any, zero: dict, checker: Any) -> tuple[str, str]:
    """``(outcome, how)`` of the step with the variables of ``zero`` at 0: ``"no claim"``
    (a side undefined, or a stated relation false there), ``"holds"``, ``"fails"`` or
    ``"open"`` (not decided)."""
    defs = getattr(checker, "defs", {}) or {}
    lhs = _at_zero(sp.sympify(step.lhs).xreplace(defs), zero)
    rhs = _at_zero(sp.sympify(step.rhs).xreplace(defs), zero)
    if not (_defined(lhs) and _defined(rhs)):
        return "no claim", "a side is not defined there"
    relations = _relations_at(checker, zero)
    if relations is None:
        return "no claim", "a stated relation is false there"
    if not (lhs.free_symbols or rhs.free_symbols):
        holds = _holds(lhs, step.rel, rhs)
        shown = f"{sp.sstr(lhs)} {step.rel} {sp.sstr(rhs)}"
        if holds is None:
            return "open", f"{shown} is not decided exactly"
        return ("holds", shown) if holds else ("fails", f"{shown} is false")
    params = [p for p in step.params if p.symbol not in zero]
    retry = replace(step, lhs=lhs, rhs=rhs, params=params, lemmas=[], cites=[], box=None,
                    evaluate=None, law=None)
    claim = Claim(step.name, None, [], [retry], source="latex", definitions={},
                  assumptions=relations)
    res = checker.check(claim, retry)
    verdict = getattr(getattr(res, "verdict", None), "value", "UNDECIDED")
    shown = f"{sp.sstr(lhs)} {step.rel} {sp.sstr(rhs)}"
    if verdict in _STRONG:
        return "holds", shown
    if verdict == "REFUTED":
        return "fails", f"{shown} is REFUTED there"
    return "open", f"{shown} is {verdict} there"


def natural_zero_check(check: Any, step: Any, checker: Any) -> None:
    """The hook (module doc): a PROVED, CERTIFIED or SUPPORTED step with a variable whose set
    holds 0 for some authors is checked at 0; false or not decided there, it is UNDECIDED."""
    table = getattr(checker, "table", None)
    if check.verdict not in (*_STRONG, "SUPPORTED") or step is None or table is None:
        return
    disputed = disputed_symbols(table)
    if not disputed:
        return
    defs = getattr(checker, "defs", {}) or {}
    sides = [sp.sympify(e).xreplace(defs) for e in (step.lhs, step.rhs)]
    free = set().union(*(e.free_symbols for e in sides if isinstance(e, sp.Basic)))
    atoms = getattr(table, "atoms", {}) or {}
    inside = [s for s in disputed for a in free if a in atoms
              and _atom_names(atoms[a], s, table.latex.get(s, s.name))]
    if inside:
        if check.verdict in _STRONG:
            _withdraw(check, inside[0], disputed[inside[0]], table,
                      "an opaque quantity of the step depends on it, so the step cannot be "
                      "evaluated there")
        return
    here = sorted((s for s in disputed if s in free), key=lambda s: s.name)
    if len(here) > MAX_ALL_SUBSETS:
        _withdraw(check, tuple(here), disputed[here[0]], table,
                  f"the step has {len(here)} such variables, more than {MAX_ALL_SUBSETS}, too "
                  "many to check every choice of them at 0", each=True)
        return
    for subset in _subsets(here):
        outcome, how = _verdict_at(step, dict.fromkeys(subset, sp.Integer(0)), checker)
        if outcome == "fails" or (outcome == "open" and check.verdict in _STRONG):
            _withdraw(check, subset, disputed[subset[0]], table, how)
            return


def _withdraw(check: Any, syms: Any, set_tex: str, table: Any, how: str,
              each: bool = False) -> None:
    """Make ``check`` UNDECIDED: false or not decided with ``syms`` at 0 (``each``: not
    checked with any of them at 0)."""
    syms = syms if isinstance(syms, tuple) else (syms,)
    names = [table.latex.get(s, s.name) for s in syms]
    at = ", ".join(f"{n} = 0" for n in names)
    stated = ", ".join(names) if each else names[0]
    where = (f"not checked with any of {', '.join(names)} at 0" if each else f"but at {at}")
    check.detail = (f"{check.verdict} with 0 left out of {set_tex} ({check.method}), {where}, "
                    f"which {set_tex} holds for some authors: {how}; if the text leaves "
                    f"0 out, state {stated} > 0 (or {stated} \\ge 1)")
    check.verdict = "UNDECIDED"
    check.method = "not decided"
    check.witness = check.lhs_value = check.rhs_value = None


__all__ = ["MAX_ALL_SUBSETS", "disputed_symbols", "natural_zero_check"]
