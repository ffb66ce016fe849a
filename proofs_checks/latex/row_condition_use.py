r"""How a row's condition (:mod:`.row_conditions`) reaches the steps of that row.

* :func:`cut_condition`: the row is read up to its condition, which is read as relations
  over the variables the row names; a condition that does not read leaves the row as it is
  (the tokenizer then refuses it, as before);
* :func:`under`: while a step of the row is checked, the condition is added to the
  environment's stated relations (the search keeps to them, the provers may use them, the
  models and rules that read them see them), and a link between one variable and a number
  (``x \ge 0``) narrows that variable's domain as ``% hb: assume x \ge 0`` would; the stated
  assumptions stay: both hold (a domain is only ever narrowed);
* :func:`keep_to_condition`: a REFUTED verdict stands only when its witness meets every
  relation of the condition, each evaluated exactly at the witness; otherwise it is
  withdrawn (UNDECIDED). Every verdict of the row carries a note naming the condition.
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.bracket_columns import refuse_unread
from hallbound.proofs_checks.latex.dim_reading import recording
from hallbound.proofs_checks.latex.domains import Domain
from hallbound.proofs_checks.latex.hypotheses import domain_for
from hallbound.proofs_checks.latex.math_parser import (
    LatexError,
    Scope,
    Unreadable,
    parse_chain_pieces,
)
from hallbound.proofs_checks.latex.row_conditions import (
    Relation,
    bracket_condition,
    condition_text,
    met_at,
    read_condition,
    split_condition,
)
from hallbound.proofs_checks.latex.verdict_rules import _contradictory


def cut_condition(text: str, scope: Scope, previous: Any = None, bracket: str | None = None
                  ) -> tuple[str, list[Relation], Any]:
    """The row ``text`` up to a condition that reads (:mod:`.row_conditions`) over the
    variables of the row (and of ``previous``, the side before it, when the row continues
    a chain), the condition's relations and the formula's pieces (as
    :func:`parse_chain_pieces` gives them); ``(text, [], None)`` when the row has no
    condition that reads. ``bracket``: the inside of the row's bracketed comment column
    (:mod:`.bracket_columns`), the condition when the row has none other that reads; one
    that states a condition but does not read refuses the row (:class:`LatexError`)."""
    split = split_condition(text)
    if split is not None and (got := _over_row(text[:split[0]], split[1], scope,
                                               previous)) is not None:
        return text[:split[0]], *got
    if bracket is not None:
        if (got := _over_row(text, bracket_condition(bracket), scope, previous)) is not None:
            return text, *got
        refuse_unread(bracket)
    return text, [], None


def _over_row(formula: str, latex: str, scope: Scope, previous: Any
              ) -> tuple[list[Relation], Any] | None:
    """The condition ``latex`` read over the variables of the row's ``formula`` (and of
    ``previous``), and the formula's pieces; None when either does not read."""
    try:
        parsed = parse_chain_pieces(formula, scope, 0)
    except LatexError:
        return None
    variables: set[Any] = set()
    for e in parsed[0]:
        if not isinstance(e, Unreadable) and hasattr(e, "free_symbols"):
            variables |= e.free_symbols
    if len(parsed[0]) == len(parsed[1]) and hasattr(previous, "free_symbols"):
        variables |= previous.free_symbols  # "&\le x + 1 \quad \text{for } y \ge 0"
    relations = read_condition(latex, scope, variables)
    if not relations or not parsed[1]:
        return None
    return relations, parsed


def read_row(text: str, table: Any, previous: Any, definition: bool, bracket: str | None = None
             ) -> tuple[str, list[Relation], Any, frozenset[str]]:
    """A row read: its text cut at a condition that reads (:func:`cut_condition`; not on
    a definition's row; ``bracket``: the row's bracketed comment column), the condition,
    its pieces (:func:`parse_chain_pieces`, each side on its own) and the size-dependent
    parts read on it (:func:`.dim_reading.recording`)."""
    with recording() as sized:
        text, condition, parsed = (text, [], None) if definition \
            else cut_condition(text, table.scope(), previous, bracket)
        parsed = parsed or parse_chain_pieces(text, table.scope(), 0)
    return text, condition, parsed, frozenset(sized)


@contextmanager
def under(checker: Any, relations: list[Relation], table: Any) -> Iterator[None]:
    """``checker.relations`` (and their texts, and whether they may contradict each other)
    with ``relations`` added, for the duration of the block; the definitions in force are
    substituted into them. Nothing is changed when ``relations`` is empty."""
    if not relations:
        yield
        return
    saved = (checker.relations, checker.relation_texts, checker.contradictory)
    params: dict[Any, Any] = {}
    domains: dict[str, Any] = {}
    rest = _narrow(table, relations, params, domains)
    defs = dict(getattr(checker, "defs", {}) or {})
    added = [(sp.sympify(a).xreplace(defs), op, sp.sympify(b).xreplace(defs))
             for a, op, b in rest]
    checker.relations = [*saved[0], *added]
    checker.relation_texts = [*saved[1], *(condition_text([r]) for r in rest)]
    checker.contradictory = bool(checker.relations) and _contradictory(checker.relations, table)
    try:
        yield
    finally:
        checker.relations, checker.relation_texts, checker.contradictory = saved
        table.params.update(params)  # in place: whoever holds the tables sees them restored
        for name, dom in domains.items():
            if dom is None:
                table.hyp.domains.pop(name, None)
            else:
                table.hyp.domains[name] = dom


_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _narrow(table: Any, relations: list[Relation], params: dict[Any, Any],
            domains: dict[str, Any]) -> list[Relation]:
    """Narrow the domain (its Param and its :class:`.Domain`) of each variable that a
    relation bounds by a number that a float holds exactly, as ``assume`` does (a witness
    must still meet the relation exactly: :func:`keep_to_condition`); the relations left,
    which become stated relations (one that would empty a domain among them). The Params
    and domains replaced are saved, as they were first, into ``params`` and ``domains``
    (None: the name had no domain)."""
    rest: list[Relation] = []
    for a, op, b in relations:
        var, bound = (a, b) if isinstance(a, sp.Symbol) else (b, a)
        op = op if var is a else _MIRROR[op]
        p = table.params.get(var)
        if p is None or p.kind != "real" or not isinstance(var, sp.Symbol) \
                or not getattr(bound, "is_number", False) or bound.is_real is not True \
                or sp.Rational(float(bound)) != bound:  # an end a float holds exactly only
            rest.append((var, op, bound))
            continue
        old = domain_for(var.name, table.hyp.domains)
        dom = replace(old) if old is not None else Domain()
        value, strict = float(bound), op in ("<", ">")
        if op in (">", ">="):
            dom.tighten_lo(value, strict)
        else:
            dom.tighten_hi(value, strict)
        if dom.kind != "real" or dom.is_empty() or p.is_integer:
            rest.append((var, op, bound))
            continue
        lo, hi, lo_open, hi_open = dom.lo, dom.hi, dom.lo_open, dom.hi_open
        if p.lo is not None and (lo is None or p.lo > lo or (p.lo == lo and p.lo_open)):
            lo, lo_open = p.lo, p.lo_open
        if p.hi is not None and (hi is None or p.hi < hi or (p.hi == hi and p.hi_open)):
            hi, hi_open = p.hi, p.hi_open
        if lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open))):
            rest.append((var, op, bound))
            continue
        params.setdefault(var, p)
        domains.setdefault(var.name, table.hyp.domains.get(var.name))
        table.hyp.domains[var.name] = dom
        table.params[var] = replace(p, lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open)
    return rest


def with_relations(claim: Any, relations: list[Relation]) -> Any:
    """A copy of ``claim`` whose stated relations are ``relations`` (the claim itself when
    they are its own; the copy is not validated again: its steps were, one by one)."""
    if list(claim.assumptions) == list(relations):
        return claim
    out = copy.copy(claim)
    out.assumptions = list(relations)
    return out


def record_condition(conditions: dict[tuple[int, int], list[Relation]], key: tuple[int, int],
                     condition: list[Relation], chain_rows: list[int]) -> None:
    """Record the ``condition`` of the row ``key`` (environment, row) in ``conditions``; a
    row that continues a chain (its earlier rows: ``chain_rows``) in which another row
    states a different condition (cases written as rows) is refused (:class:`LatexError`:
    which condition holds where is not read)."""
    if not condition:
        return
    others = [conditions.get((key[0], row)) for row in chain_rows]
    if any(o and o != condition for o in others):
        raise LatexError("the rows of this chain state different conditions (cases?): the "
                         "row is not checked; write each case as a chain of its own", 0)
    conditions[key] = condition


def keep_to_condition(check: Any, relations: list[Relation], table: Any,
                      what: str = "the row's condition") -> None:
    """Withdraw ``check``'s REFUTED unless its witness meets every relation of the row's
    condition (exactly, at the witness's values); note the condition on the check (``what``
    names it: the row's, or for a chain's conclusion those of its rows)."""
    if not relations:
        return
    note = f"under {what}: {condition_text(relations)}"
    if note not in check.notes:
        check.notes.append(note)
    if check.verdict != "REFUTED":
        return
    witness = check.witness or {}
    values = {s: sp.Rational(witness[p.name]) for s, p in table.params.items()
              if p.name in witness and isinstance(witness[p.name], numbers.Real)}
    if met_at(relations, values):
        check.notes.append(f"the witness meets {what}")
        return
    check.verdict, check.method = "UNDECIDED", "not decided"
    check.detail = ("the counterexample found does not meet (or cannot be checked against) "
                    f"{what}: {condition_text(relations)}")
    check.witness = check.lhs_value = check.rhs_value = None


__all__ = ["cut_condition", "keep_to_condition", "read_row", "record_condition", "under",
           "with_relations"]
