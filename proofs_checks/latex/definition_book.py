r"""The display definitions of one file, in file order (:class:`DefinitionBook`): recorded
where :func:`~hallbound.proofs_checks.latex.verify.verify_tex` reads them, checked once
(:mod:`.definition_use`: the defined part, the value, self-reference, redefinition, how the
file uses the name), and handed to each later environment."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.definition_scope import limit, local_names, usable
from hallbound.proofs_checks.latex.definition_use import (
    bound_in,
    declare_functions,
    function_substitutions,
    head_of,
    mentions,
    name_substitutions,
    param_texts,
    read_lhs,
    shape_of,
)
from hallbound.proofs_checks.latex.definition_values import Defined, read_in_place
from hallbound.proofs_checks.latex.display_definitions import (
    Definition,
    after_relation,
    definition_remark,
    has_relation,
    second_definition,
    split_row,
)
from hallbound.proofs_checks.latex.hypotheses import SymbolTable
from hallbound.proofs_checks.latex.let_guard import withdraw_let_inside_atom
from hallbound.proofs_checks.latex.math_names import Evidence, scan_evidence
from hallbound.proofs_checks.latex.math_parser import Unreadable, parse_expression
from hallbound.proofs_checks.latex.math_tokens import GREEK, LatexError, tokenize
from hallbound.proofs_checks.latex.row_remarks import column_states_condition


class DefinitionBook:
    """The file's definitions and how its rows use names (:meth:`scan`)."""

    def __init__(self) -> None:
        self.defs: list[Definition] = []
        self.evidence = Evidence()
        #: the names used as values outside the values of definitions
        self.values = Evidence()

    def scan(self, rows: list[str]) -> None:
        """How the file's rows use names (definition parts blanked): names applied to a
        bracket and names used as values, as :func:`.math_names.scan_evidence` spells them."""
        for text in rows:
            blanked, site, _ = split_row(text)
            try:
                self.evidence.merge(scan_evidence(tokenize(blanked)))
                if site is None:
                    self.values.standalone |= scan_evidence(tokenize(text)).standalone
                else:  # the chain after a definition's value (not the value itself)
                    rest = after_relation(blanked)
                    self.values.standalone |= scan_evidence(tokenize(rest)).standalone
            except LatexError:
                continue

    def record(self, lhs: str, value: Any, value_text: str, line: int, env: int,
               atoms: dict, hyp: Any = None) -> Definition:
        """Add the definition ``lhs := value`` of environment ``env`` (``value`` as read
        there, an :class:`Unreadable` when it could not be); returns it, with ``refused``
        set when it is not used."""
        d = Definition("", lhs, (), value_text, line, env)
        self.defs.append(d)
        got = read_lhs(lhs)
        if isinstance(got, str):
            d.refused = got
            return d
        d.name, d.params = got
        head = head_of(lhs)
        if value is None or not value_text:
            d.refused = "it has no value"
        elif isinstance(value, Unreadable):
            d.refused = f"its value cannot be read ({value.error.message})"
        elif hyp is not None and not _reads_alike(value, value_text, hyp):
            d.refused = f"its value's text {value_text!r} does not read as the row does"
        elif mentions(head, value_text):
            d.refused = f"{head} occurs in its own value"
        elif any(bound_in(p, [value_text]) for p in param_texts(lhs)):
            d.refused = "a parameter is bound inside the value (a sum or integral index)"
        else:
            d.refused = shape_of(d, value, atoms, set(self.evidence.applied),
                                 self.evidence.standalone, self.values.standalone)
        self._redefined(d)
        return d

    def refuse(self, lhs: str, why: str, line: int, env: int) -> None:
        """A definition whose row could not be read at all."""
        d = Definition("", lhs, (), "", line, env, refused=f"its row cannot be read ({why})")
        got = read_lhs(lhs)
        if not isinstance(got, str):
            d.name = got[0]
            self._redefined(d)
        self.defs.append(d)

    def _redefined(self, d: Definition) -> None:
        """A name defined before: the same definition again is a repeat; a different one
        stops the earlier one here, and is not used either."""
        for e in self.defs:
            if e is d or e.name != d.name or e.until is not None:
                continue
            same = (e.params, " ".join(e.value.split())) == (d.params, " ".join(d.value.split()))
            if same and not e.refused:
                d.refused = d.refused or f"repeats the definition of line {e.line}"
                return
            e.until = d.env
            d.refused = (f"{d.latex} is defined differently on line {e.line}: neither "
                         "definition is used from here on")
            return

    def active(self, env: int) -> list[Definition]:
        """The definitions that hold in environment ``env``."""
        return [d for d in self.defs if d.active(env)]


def _reads_alike(value: Any, text: str, hyp: Any) -> bool:
    """Whether ``text`` read on its own (as later displays read it) is ``value``, the value
    as its row read it (a remark cut from the row, ``\\text{for } x > 0``, is not)."""
    scratch = SymbolTable(hyp)
    scratch.prescan([text])
    try:
        again = parse_expression(text, scratch.scope(), 0)
    except LatexError:
        return False
    return sp.sstr(again) == sp.sstr(value)


_TEXT_ARG = re.compile(r"\\(?:text|textrm|textnormal|mbox|hbox|textit)\s*\{([^{}]*)\}")
_STATES = re.compile(r"[<>=]|\\(?:le|leq|ge|geq|lt|gt|ne|neq|leqslant|geqslant|leqq|geqq|in|"
                     r"notin|forall|subset|subseteq|mid)(?![A-Za-z])")
_WHOLE_LINE = re.compile(r"\\in\s*(?:\\mathbb\s*\{?\s*R\s*\}?|\\R|\\Reals)(?![A-Za-z])")


def _names(latex: str) -> set[str]:
    """The one-letter and Greek names written in ``latex``."""
    return {w for w in re.findall(r"\\[A-Za-z]+|[A-Za-z]", latex)
            if len(w) == 1 or w[1:] in GREEK}


def condition_remark(text: str, lhs: str, column: str = "") -> str:
    r"""The remark after a forward definition's value (:func:`.definition_remark`) when it
    states a condition over a name other than the defined name and its parameters
    (``c := \sqrt{x^2} \quad (x \ge 0)``, ``\quad \text{for } x \ge 0``, ``\forall n``);
    '' when it states none (``\quad (3)``, ``f(x) := x^2, \ x > 0``, ``x \in \mathbb{R}``).
    Such a definition holds only under its condition: it is refused (never substituted
    unconditionally). ``column``: the row's bracketed comment column, read as a remark."""
    remark = re.sub(r"\\(?:label|tag)\*?\s*\{[^{}]*\}", " ",
                    definition_remark(text) + " " + column)
    if not remark.strip():
        return ""
    maths = _TEXT_ARG.sub(lambda m: " , " + " ".join(re.findall(r"\$([^$]*)\$", m.group(1))),
                          remark)
    maths = _WHOLE_LINE.sub(" ", maths)
    shown = " ".join(remark.split())
    if not _names(maths) - _names(lhs):
        return ""  # about the parameters only: the domain of the function
    states = _STATES.search(maths) or column_states_condition(remark.strip(" ,"))
    return shown if states else ""


def record_row(checker: Any, env: Any, row: int, site_name: tuple, value_text: str,
               value: Any, where: Any) -> None:
    """Record the definition of row ``row`` (``site_name``: its symbol and defined name;
    ``value`` as read, ``where``: the source offset of a character of the row)."""
    site, lhs = site_name
    line = checker.doc.line_col(where(site.start))[0]
    d = checker.book.record(lhs, value, value_text, line, env.index, checker.table.atoms,
                            checker.hyp)
    span = (env.rows[row].offset, env.rows[row].end)
    limit(d, head_of(lhs), checker.blank, checker.doc.environments, span)
    bracket = getattr(checker.doc, "brackets", {}).get(env.rows[row].offset)
    cond = condition_remark(checker.blank[span[0] : span[1]], lhs,
                            f"\\quad ({bracket})" if bracket is not None else "")
    if cond and not d.refused:
        d.refused = (f"it is stated under the condition '{cond}', which is not carried to "
                     "the steps that use it")
    second = second_definition(checker.blank[span[0] : span[1]])
    if second:
        checker.book.refuse(second, "a second definition in the same row (after a ',', "
                            "'\\quad' or '\\text') is not read", line, env.index)
    checker.unchecked.append((env.rows[row].end, env.name, "definition"))


def refuse_row(checker: Any, env: Any, row: int, site_name: tuple, why: str, at: int,
               text: str) -> int | None:
    """A definition row that cannot be read: the definition is refused; the row's line when
    the row holds nothing but the definition (no step is lost), else None."""
    line = checker.doc.line_col(at)[0]
    checker.book.refuse(site_name[1], why, line, env.index)
    if has_relation(text):
        return None
    checker.unchecked.append((env.rows[row].end, env.name, "definition"))
    return line


def names_here(checker: Any, env: Any, hyp: Any, table: Any, defs: dict) -> dict:
    """The display definitions that hold in ``env`` and that its rows write
    (``checker.display_defs``); the names among them substituted like a ``let`` after the
    environment's own (``defs``)."""
    rows = [checker.blank[r.offset : r.end] for r in env.rows]
    declare_functions(checker.book.defs, env.index, hyp, rows)
    lets = [d.arg for d in env.directives if d.verb == "let"]
    assumed = [d.arg for d in env.directives if d.verb == "assume"]
    own = local_names(hyp, lets)
    params = [p for r in rows for p in param_texts(split_row(r)[2])]
    ok = {id(d) for d in checker.book.active(env.index)
          if usable(d, env.index, own, rows) and _free_here(d, env.index, params, assumed)}
    kept = [d for d in checker.book.active(env.index)
            if id(d) in ok and any(mentions(head_of(d.latex), r) for r in rows)]
    checker.display_defs = _with_dependencies(checker.book, kept, ok, env.index)
    names = [d for d in checker.display_defs if d.shape == "name"]
    in_place = _in_place(names, table, rows, env.index)
    defs, used = name_substitutions([d for d in names if d.name not in in_place], table, defs)
    used += [d for d in names if d.name in table.values]
    for d in used:
        d.uses += 1
    checker.display_lets = [d.text for d in used]
    return defs


def _in_place(names: list[Definition], table: Any, rows: list[str], env: int) -> set[str]:
    """The name definitions whose values are read in place of the name (a sum, an indexed
    term: :mod:`.definition_values`), used or refused (a note); their names."""
    items = []
    for d in names:
        try:
            value = parse_expression(d.value, table.scope(), 0)
        except LatexError:
            continue  # name_substitutions says why
        items.append(Defined(d.name, d.latex, d.value, 0, value))
    by_name = {d.name: d for d in names}

    def refuse(x: Defined, why: str) -> None:
        by_name[x.name].notes.append(f"environment {env}: not used there: {why}")

    return read_in_place(items, table, rows, refuse)


def _free_here(d: Definition, env: int, params: list[str], assumed: list[str]) -> bool:
    """Whether ``d``'s name is neither a parameter of a function defined in the environment
    (``g(t) := ..`` binds ``t`` there) nor named by a local ``assume`` (a note when not)."""
    head = head_of(d.latex)
    if any(mentions(head, p) for p in params):
        d.notes.append(f"environment {env}: not used there, where {head} is a parameter of a "
                       "function defined there")
        return False
    if any(mentions(head, a) for a in assumed):
        d.notes.append(f"environment {env}: not used there, where '% hb: assume' states "
                       f"something about {head}")
        return False
    return True


def _with_dependencies(book: DefinitionBook, kept: list[Definition], ok: set[int],
                       env: int) -> list[Definition]:
    """``kept`` and, transitively, the definitions their values use (file order); a kept
    definition whose value uses a defined name that cannot be used here is dropped (a note),
    and so is every one that needs it."""
    keep = {id(d): d for d in kept}
    changed = True
    while changed:
        changed = False
        for d in list(keep.values()):
            needs = [e for e in book.defs if e is not d and e.name and e.name != d.name
                     and mentions(head_of(e.latex), d.value)]
            if any(id(e) not in ok for e in needs):
                del keep[id(d)]
                d.notes.append(f"environment {env}: not used there, where a definition its "
                               "value uses cannot be used")
                changed = True
                continue
            for e in needs:
                if id(e) not in keep:
                    keep[id(e)] = e
                    changed = True
    return [d for d in book.defs if id(d) in keep]


def functions_here(checker: Any, table: Any, defs: dict) -> dict:
    """The values of the defined functions read in the environment replaced by the
    definitions (in ``defs`` and in the stated relations and equations)."""
    funcs = [d for d in checker.display_defs if d.shape != "name"]
    if not funcs:
        return defs
    subs, used = function_substitutions(funcs, table, checker.hyp)
    for d in used:
        d.uses += 1
        checker.display_lets.append(d.text)
    if not subs:
        return defs
    checker.relations = [(a.xreplace(subs), op, b.xreplace(subs))
                         for a, op, b in checker.relations]
    checker.equations = [(a.xreplace(subs), b.xreplace(subs), t)
                         for a, b, t in checker.equations]
    return {**{k: v.xreplace(subs) for k, v in defs.items()}, **subs}


def display_guard(checker: Any, check: Any, step: Any) -> None:
    """A REFUTED step where a display-defined name occurs inside an opaque quantity (after
    the substitution) is withdrawn (:func:`.let_guard.withdraw_let_inside_atom`)."""
    if checker.display_lets and checker.table is not None:
        seen = replace(step, lhs=step.lhs.xreplace(checker.defs),
                       rhs=step.rhs.xreplace(checker.defs))
        withdraw_let_inside_atom(check, seen, checker.table, checker.display_lets)
        check.detail = check.detail.replace("`% hb: let ", "the display definition `", 1)


__all__ = ["DefinitionBook", "display_guard", "functions_here", "names_here", "record_row",
           "refuse_row"]
