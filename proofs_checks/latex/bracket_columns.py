r"""A comment column that is one bracketed group: ``\sqrt{x^2} &= x && (x \ge 0)``,
``a &\le b & (\mathbb{E}[\sigma_i] = 0)``, ``&& (\text{for } x \ge 0)``.

The column is always blanked from the row (:mod:`.document`: read into the side it breaks
the parse); its text is kept (:attr:`.Document.brackets`, by the offset of the row) and read
here:

* **a condition**: the inside reads as the condition of the unbracketed form
  (:func:`.row_conditions.read_condition` over the row's variables, past an opening remark
  ``\text{for } ..``, ``\text{if $..$}`` or ``\forall``:
  :func:`.row_conditions.bracket_condition`): it becomes the row's condition, exactly as
  ``&& x \ge 0`` does (:func:`.row_condition_use.cut_condition`);
* **a condition that does not read** (``(\text{for large } n)``): the row is refused, as
  the same column without brackets is (:func:`.row_remarks.column_states_condition`);
* **a reason or a fact** (``(\text{by (3)})``, ``(\mathbb{E}[\sigma_i] = 0)``,
  ``(\text{since } a < 1)``): the step is checked without it, and a REFUTED verdict stands
  only when its witness meets every relation the bracket states that can be evaluated at
  the witness (:func:`withdraw_against_bracket`): a relation over the witness's variables
  that cannot be decided there counts as not met; one over no variable of the witness (after
  substitution some symbol is left) states nothing about it and is passed over.
"""

from __future__ import annotations

import numbers
import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.domains import Domain, read_number_set
from hallbound.proofs_checks.latex.hypotheses import split_top_level
from hallbound.proofs_checks.latex.macros import MacroError, expand
from hallbound.proofs_checks.latex.math_parser import LatexError, parse_chain, parse_expression
from hallbound.proofs_checks.latex.row_conditions import met_at, read_condition
from hallbound.proofs_checks.latex.row_remarks import column_states_condition

_TEXT_GROUP = re.compile(r"\\(?:text|textrm|mbox|hbox|textnormal|textit)\s*\{([^{}]*)\}")
_JOINTS = re.compile(r"\\q?quad(?![A-Za-z])|\\[,;: ]|\\(?:and|text)\b")
_RELATION = re.compile(r"\\(?:leq?|geq?|lt|gt|neq?|in|notin|leqslant|geqslant|leqq|geqq|nless|ngtr"
                       r"|nleq|ngeq)(?![A-Za-z])|[<>=]")
#: Negated and doubled relations, rewritten before reading (``\not< 1`` is ``\ge 1``).
_REWRITES = [(re.compile(p), r) for p, r in (
    (r"\\not\s*\\in(?![A-Za-z])", r"\\notin "), (r"\\not\s*=", r"\\neq "),
    (r"\\not\s*(?:<|\\lt(?![A-Za-z]))|\\nless(?![A-Za-z])", r"\\geq "),
    (r"\\not\s*(?:>|\\gt(?![A-Za-z]))|\\ngtr(?![A-Za-z])", r"\\leq "),
    (r"\\not\s*\\le(?:q|qq|qslant)?(?![A-Za-z])|\\nleq(?![A-Za-z])", ">"),
    (r"\\not\s*\\ge(?:q|qq|qslant)?(?![A-Za-z])|\\ngeq(?![A-Za-z])", "<"),
    (r"\\leqq(?![A-Za-z])", r"\\leq "), (r"\\geqq(?![A-Za-z])", r"\\geq "))]
_OR = re.compile(r"\\(?:lor|vee)(?![A-Za-z])")
_AND = re.compile(r"\\(?:land|wedge)(?![A-Za-z])")
_NOTIN = re.compile(r"\\notin(?![A-Za-z])")
_NE = re.compile(r"\\neq?(?![A-Za-z])")
_IN = re.compile(r"\\in(?![A-Za-z])")
_OPS = {"<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge, "=": sp.Eq}


def row_bracket(doc: Any, row: Any, macros: dict[str, Any]) -> str | None:
    """The inside of the row's bracketed comment column with the author's macros expanded
    (None: the row has none, or its macros do not expand)."""
    inside = getattr(doc, "brackets", {}).get(row.offset)
    if inside is None:
        return None
    try:
        return expand(inside, macros)[0]
    except MacroError:
        return None


def refuse_unread(inside: str) -> None:
    """Raise :class:`LatexError` when the bracket ``inside``, which did not read as a
    condition, states one all the same (``(\\text{for large } n)``): the row is refused, as
    without the brackets."""
    if column_states_condition(f"({inside})"):
        shown = inside if len(inside) <= 50 else inside[:47] + "..."
        raise LatexError(f"the bracketed remark '({shown})' states a condition that is not "
                         "read: the row is not checked; state the condition with "
                         "'% hb: assume'", 0)


def bracket_relations(inside: str) -> list[str]:
    r"""The relations a bracket states, as texts: each ``$..$`` of its remarks and each piece
    of its mathematics outside the remarks (split at commas, ``\quad``, remarks) that holds a
    relation (``(\text{since } a < 1)`` gives ``a < 1``)."""
    maths = [m for g in _TEXT_GROUP.findall(inside) for m in re.findall(r"\$([^$]*)\$", g)]
    outside = _TEXT_GROUP.sub(" , ", inside.replace("$", " "))
    for part in _JOINTS.split(outside):
        maths += [p for p, _ in split_top_level(part, 0)]
    return [p.strip() for p in maths if _RELATION.search(p) and re.search(r"[A-Za-z0-9]", p)]


def _member(var: Any, rest: str, values: dict[Any, Any]) -> bool | None:
    r"""Whether ``var``'s value lies in the number set ``rest`` under every reading of it
    (``\mathbb{R}_+``, ``\mathbb{N}``: 0 left out, the narrower one); None when the set is
    not read or ``var`` has no value."""
    dom = Domain()
    if var not in values or not read_number_set(rest.strip(), dom) or dom.kind != "real":
        return None
    v = values[var]
    lo_in = dom.lo is None or v > dom.lo or (v == dom.lo and not dom.lo_open)
    hi_in = dom.hi is None or v < dom.hi or (v == dom.hi and not dom.hi_open)
    whole = not dom.integer or v == int(v)
    return bool(lo_in and hi_in and whole)


def _mentions(text: str, names: set[str]) -> bool:
    """Whether ``text`` names one of the witness's variables ``names`` (``x``, ``x_1``,
    ``\\alpha``: the letters before a subscript, as a whole word)."""
    bases = {re.sub(r"^\\\\", "", n).split("_")[0] for n in names}
    return any(b and re.search(rf"(?<![A-Za-z]){re.escape(b)}(?![A-Za-z])", text)
               for b in bases)


def _combined(results: list[bool | None], any_of: bool, over: bool) -> bool | None:
    """Several results joined by "or" (``any_of``) or "and": None parts (unread) count as
    not met when the text is ``over`` the witness's variables, else they state nothing."""
    if any_of and True in results:
        return True
    if not any_of and False in results:
        return False
    if None not in results:
        return any_of is False
    return False if over else None


def _evaluate(text: str, table: Any, values: dict[Any, Any],
              names: set[str] | None = None) -> bool | None:
    r"""Whether the relation ``text`` holds at the witness ``values`` (True/False), or None
    when it states nothing about it (unread, or a symbol left after substitution, and none of
    the witness's variables ``names`` written in it); a relation over the witness that cannot
    be decided or read there is False. ``\lor``/``\vee``, ``\land``/``\wedge``, ``\notin``,
    ``\not<`` and ``\geqq`` are read."""
    for pattern, repl in _REWRITES:
        text = pattern.sub(repl, text)
    over = _mentions(text, names or set())
    for joint, any_of in ((_OR, True), (_AND, False)):
        if len(parts := joint.split(text)) > 1:
            return _combined([_evaluate(p, table, values, names) for p in parts], any_of, over)
    if _NOTIN.search(text):
        got = _evaluate(_NOTIN.sub(r"\\in ", text), table, values, names)
        return (not got) if got is not None else (False if over else None)
    try:
        return _evaluate_one(text, table, values)
    except (LatexError, ValueError, TypeError, AttributeError):
        return False if over else None  # not read: not met when it names the witness


def _evaluate_one(text: str, table: Any, values: dict[Any, Any]) -> bool | None:
    """Whether the relation ``text`` holds at the witness ``values`` (True/False), or None
    when it states nothing about the witness (a symbol left after substitution); a relation
    over the witness that cannot be decided there is False; raises when it does not read."""
    scope = table.scope()
    known = set(values)
    if (m := _IN.search(text)) is not None:
        var = parse_expression(text[:m.start()], scope)
        relations = read_condition(text, scope, known)
        if relations:
            return met_at(relations, values)
        got = _member(var, text[m.end():], values)
        return got if got is not None else (False if var in known else None)
    if len(parts := _NE.split(text)) == 2:
        sides = [parse_expression(p, scope) for p in parts]
        links = [(sides[0], "!=", sides[1])]
    else:
        exprs, rels, _ = parse_chain(text, scope)
        links = list(zip(exprs, rels, exprs[1:], strict=False))
    out: bool | None = None
    for a, op, b in links:
        try:
            left, right = sp.sympify(a).xreplace(values), sp.sympify(b).xreplace(values)
        except (sp.SympifyError, TypeError, ValueError):
            continue
        if left.free_symbols or right.free_symbols or not isinstance(left, sp.Expr) \
                or not isinstance(right, sp.Expr):
            continue  # not evaluable at the witness: states nothing about it
        if not (sp.sympify(a).free_symbols | sp.sympify(b).free_symbols) & known:
            continue  # a fact between constants: not about the witness
        if op == "!=":
            holds = sp.Ne(left, right)
        elif op in _OPS:
            holds = _OPS[op](left, right)
        else:
            return False  # a relation over the witness this reader cannot decide
        if holds is not sp.true:
            return False
        out = True
    return out


def withdraw_against_bracket(check: Any, inside: str | None, table: Any,
                             condition: Any = None) -> None:
    """Withdraw ``check``'s REFUTED unless its witness meets every relation of the bracketed
    column ``inside`` that can be evaluated at the witness (module doc); a note says so
    when it does, unless the row has a ``condition`` (its own note says it)."""
    if inside is None or check.verdict != "REFUTED":
        return
    texts = bracket_relations(inside)
    if not texts:
        return
    witness = check.witness or {}
    values = {s: sp.Rational(witness[p.name]) for s, p in table.params.items()
              if p.name in witness and isinstance(witness[p.name], numbers.Real)}
    names = {p.name for s, p in table.params.items() if s in values}
    results = [(t, _evaluate(t, table, values, names)) for t in texts]
    failed = [t for t, r in results if r is False]
    shown = "; ".join(texts)
    if not failed:
        if any(r for _, r in results) and not condition:
            check.notes.append(f"the witness meets the step's bracketed remark ({shown})")
        return
    check.verdict, check.method = "UNDECIDED", "not decided"
    check.detail = (f"the counterexample found does not meet (or cannot be checked against) "
                    f"the step's bracketed remark '{'; '.join(failed)}': state it with "
                    "'% hb: assume' if it is a condition")
    check.witness = check.lhs_value = check.rhs_value = None


__all__ = ["bracket_relations", "refuse_unread", "row_bracket",
           "withdraw_against_bracket"]
