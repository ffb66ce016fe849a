r"""A condition written at the end of a row becomes an assumption of that row's steps only.

``\sqrt{x^2} = x \quad \text{for } x \ge 0``, ``|x| = -x \qquad \text{if } x < 0``,
``x^2 + 1 \ge x + 1 \quad \forall x \ge 1``, ``f(x) \le 1 \quad \forall x \in [0, 1]``,
``\text{whenever } 0 < t < 1``, ``\text{if $x > 0$ and $y > 0$}``, ``\quad (x > 0)``,
``\quad (\text{for } x > 0)``: the row states its relations only under the condition.
:func:`split_condition` finds where the condition starts (the formula is read up to there)
and :func:`read_condition` reads it as relations ``(lhs, op, rhs)`` over the row's variables:

* one relation or a chain (``0 < t < 1``), order relations only;
* a membership in an interval (``x \in [0, 1]``, ``(0, \infty)``, ends any expressions) or
  in a real number set with a settled lower end (``\mathbb{R}_{>0}``, ``\mathbb{R}_{\ge 0}``);
* several of them joined by ``,``, ``\text{and}`` or ``\quad``; ``x, y \ge 0`` is
  ``x \ge 0, y \ge 0``.

Anything else (words, ``\text{for some}``, ``\text{for large } n``, an integer set, a set of
disputed lower end such as ``\mathbb{R}_+``, an equation, ``\ne``, a function value, a
variable the row does not name) is not read: the row is left as written, and the tokenizer
refuses it with its message (:func:`.row_remarks.remark_refusal`). A condition never widens
anything: it is added to the environment's stated assumptions, and a witness must meet both.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.assume_remarks import split_remarks
from hallbound.proofs_checks.latex.domains import Domain, read_number_set
from hallbound.proofs_checks.latex.hypotheses import split_top_level
from hallbound.proofs_checks.latex.math_atoms import OPERATOR_CONTENTS
from hallbound.proofs_checks.latex.math_parser import (
    LatexError,
    Scope,
    parse_chain,
    parse_expression,
)
from hallbound.proofs_checks.latex.row_remarks import remark_condition
from hallbound.proofs_checks.latex.row_separators import split_at_separator

#: Words that open a condition this reader takes (whole words, lower case).
OPENINGS = ("for all", "for every", "for any", "for each", "for", "if", "when", "whenever",
            "provided that", "provided", "as long as", "assuming", "given")
_OPENING = re.compile("(?:" + "|".join(re.escape(w) for w in OPENINGS) + ")(?![a-z])")
#: Words that open a condition only directly before its ``$..$`` (or none: ``($x > 0$)``).
_BEFORE_MATH = re.compile(r"(?:valid (?:on|for|when|if)|restrict(?:ing|ed) to|on|where|with"
                          r"|holds? (?:on|for|when|if))?\s*(?=\$)")
_TEXT = re.compile(r"\\(?:text|textrm|mbox|hbox|textnormal|textit)\s*\{")
_FORALL = re.compile(r"\\forall(?![A-Za-z])")
_QUAD_PAREN = re.compile(r"\\q?quad(?![A-Za-z])[\s&]*\(")  # alignat's "&\qquad& (x > 0)"
#: What may close a row after its condition: punctuation, spacing, labels, tags.
_TAIL = re.compile(r"(?:\s|[.,;]|\\[,;:! ]|\\q?quad(?![A-Za-z])|\\(?:nonumber|notag)(?![A-Za-z])"
                   r"|\\(?:label|tag)\*?\s*\{[^{}]*\})*$")
_ORDER = {"<", "<=", ">", ">="}
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
_IN = re.compile(r"\\in(?![A-Za-z])")
_RELATION = re.compile(r"\\in(?![A-Za-z])|\\[lg]e(?:q|qslant)?(?![A-Za-z])|\\[lg]t(?![A-Za-z])"
                       r"|<|>")
_NESTED = re.compile(r"\\(?:begin|end)(?![A-Za-z])|\\\\")
_INF = re.compile(r"^\s*[+-]?\s*\\infty\s*$")

Relation = tuple[Any, str, Any]


def _close(text: str, i: int) -> int:
    """The offset just past the group that the opening bracket at ``text[i - 1]`` starts."""
    depth = 1
    while i < len(text) and depth:
        if text[i] == "\\":
            i += 2
            continue
        depth += (text[i] in "{([") - (text[i] in "})]")
        i += 1
    return i if depth == 0 else -1


def _top_level(text: str) -> list[int]:
    """The offsets of ``text`` outside braces (where a condition may start)."""
    out, depth, i = [], 0, 0
    while i < len(text):
        c = text[i]
        if depth == 0:
            out.append(i)
        if c == "\\":
            i += 2 if i + 1 < len(text) and not text[i + 1].isalpha() else 1
            continue
        depth += (c == "{") - (c == "}")
        i += 1
    return out


def _untailed(text: str) -> str:
    """``text`` without the punctuation, spacing, labels and tags that end the row."""
    m = _TAIL.search(text)
    return text[: m.start()] if m is not None else text


def _from_text(text: str, at: int, end: int) -> str | None:
    r"""The condition of the remark ``\text{..}`` at ``text[at:end]`` (its words past the
    opening, ``$..$`` parts, and the row after it); None when it is not one this reader
    takes."""
    inner = text[at:end].split("{", 1)[1][:-1].strip()
    if len(inner) >= 2 and inner[0] == "(" and inner[-1] == ")":
        inner = inner[1:-1]  # "\text{(valid on $x \ge 0$)}": the remark in brackets
    words = re.sub(r"~|\\[,;: !]|\\q?quad", " ", inner).strip()
    m = _OPENING.match(words.lower()) or _BEFORE_MATH.match(words.lower())
    if m is None:
        return None
    after = words[m.end():]
    rest = text[end:]
    if "$" not in after:
        return _untailed(rest) if not after.strip() and not _TAIL.fullmatch(rest) else None
    if not _TAIL.fullmatch(rest):
        return None  # mathematics both inside the remark and after it
    pieces = re.split(r"\$([^$]*)\$", after)
    joints, maths = pieces[::2], pieces[1::2]
    if any(re.sub(r"[\s,]|\band\b", "", j) for j in joints):
        return None  # words other than "and" between the formulas
    return ", ".join(maths)


def _label(text: str, at: int, inner: str) -> bool:
    r"""Whether the remark ``\text{inner}`` at ``text[at]`` is a bracketed label or reason
    (``\text{(cross term)}``, ``(\text{Gauss})``): no ``$..$``, no condition word."""
    bracketed = inner[:1] in "([" and inner[-1:] in ")]" and len(inner) >= 2
    opened = text[:at].rstrip().endswith(("(", "["))
    return (bracketed or opened) and "$" not in inner and not remark_condition(inner)


def split_condition(text: str) -> tuple[int, str] | None:
    r"""Where the row ``text`` ends its formula at a condition, and the condition's LaTeX
    (``(cut, condition)``), for a remark that opens with one of :data:`OPENINGS`, a
    ``\forall``, or a ``\quad (..)`` holding a relation at the end of the row; None when
    the row has no such condition (its remarks are then left to the tokenizer). A row
    that holds an environment (``cases``, ``pmatrix``) or a line break is left as it is."""
    if _NESTED.search(text):
        return None
    for i in _top_level(text):
        if (second := split_at_separator(text, i)) is not None:
            return i, _untailed(second)  # "x \qquad x \ge 0", "x && x \ge 0"
        if (m := _TEXT.match(text, i)) is not None:
            end = _close(text, m.end())
            if end < 0:
                return None
            inner = text[m.end():end - 1].strip()
            if inner in OPERATOR_CONTENTS or inner in ("d", ""):
                continue
            got = _from_text(text, i, end)
            if got is None and _label(text, i, inner):
                continue  # "2x\,\text{(cross term)} + 1": read on (row_labels)
            return (i, got) if got is not None else None
        if (m := _FORALL.match(text, i)) is not None:
            rest = text[m.end():]
            return (i, _untailed(rest)) if not _TAIL.fullmatch(rest) else None
        if (m := _QUAD_PAREN.match(text, i)) is not None:
            end = _close(text, m.end())
            inside = text[m.end():end - 1] if end > 0 else ""
            if end > 0 and _TAIL.fullmatch(text[end:]) and _RELATION.search(inside):
                return i, bracket_condition(inside)
    return None


def bracket_condition(inside: str) -> str:
    r"""The condition's LaTeX of a bracketed condition ``(..)``: past an opening remark or
    ``\forall`` when the inside starts with one (``\text{for } x \ge 0`` gives
    ``x \ge 0``), else the whole inside."""
    split = split_condition(inside)
    return split[1] if split is not None and split[0] == 0 else inside


def _interval(var: Any, rest: str, scope: Scope) -> list[Relation] | None:
    r"""``var \in`` an interval ``[a, b]`` / ``(a, \infty)`` (ends any expressions) or a real
    set with a settled lower end (``\mathbb{R}_{>0}``), as order relations; None when the
    set is not one of those."""
    rest = rest.strip()
    if len(rest) >= 2 and rest[0] in "([" and rest[-1] in ")]":
        ends = split_top_level(rest[1:-1], 0)
        if len(ends) != 2:
            return None
        out: list[Relation] = []
        for end, op, infinite in ((ends[0][0], "<" if rest[0] == "(" else "<=", "-"),
                                       (ends[1][0], "<" if rest[-1] == ")" else "<=", "+")):
            if _INF.match(end):
                if end.strip().startswith("-") != (infinite == "-"):
                    return None  # [\infty, ..] or [.., -\infty]
                continue
            value = parse_expression(end, scope)
            out.append((value, op, var) if infinite == "-" else (var, op, value))
        return out
    dom = Domain()
    if not read_number_set(rest, dom) or dom.integer or dom.kind != "real" \
            or dom.zero_disputed or dom.hi is not None:
        return None
    if dom.lo is None:
        return []  # all reals: no restriction
    return [(var, ">" if dom.lo_open else ">=", sp.Integer(int(dom.lo)))]


def _item(item: str, scope: Scope) -> list[Relation] | None:
    """The relations of one item of a condition (module doc), or None."""
    if (m := _IN.search(item)) is not None:
        var = parse_expression(item[:m.start()], scope)
        return _interval(var, item[m.end():], scope) if isinstance(var, sp.Symbol) else None
    exprs, rels, _ = parse_chain(item, scope)
    if not rels or len(exprs) != len(rels) + 1 or not set(rels) <= _ORDER:
        return None
    return [(exprs[k], rels[k], exprs[k + 1]) for k in range(len(rels))]


def _distributed(items: list[str]) -> list[str] | None:
    """``x, y \\ge 0`` as ``x \\ge 0`` and ``y \\ge 0``: a bare item takes the relation of
    the next item that has one; None when a bare item is left over."""
    out: list[str] = []
    waiting: list[str] = []
    for item in items:
        m = _RELATION.search(item)
        if m is None:
            waiting.append(item)
            continue
        out += [w + " " + item[m.start():] for w in waiting]
        waiting = []
        out.append(item)
    return None if waiting else out


def _numeric(e: Any, variables: set[Any]) -> bool:
    """Whether ``e`` has a value at each point of the row's ``variables`` (no function of
    the author's, sum, integral, matrix)."""
    if not isinstance(e, sp.Expr) or not e.free_symbols <= variables:
        return False
    if e.has(sp.Sum, sp.Product, sp.Integral, sp.Indexed, sp.Derivative):
        return False
    return not any(isinstance(f, sp.core.function.AppliedUndef)
                   or (type(f).__module__ or "").startswith("hallbound")
                   for f in e.atoms(sp.Function))


def read_condition(latex: str, scope: Scope, variables: set[Any]) -> list[Relation] | None:
    r"""The condition ``latex`` as order relations over ``variables`` (the symbols of the
    row), or None when any part of it does not read so (module doc). An empty list: the
    condition restricts nothing (``\forall x \in \mathbb{R}``)."""
    errors: list[tuple[int, str]] = []
    items = split_remarks(split_top_level(latex, 0), errors)
    spread = _distributed([t for t, _ in items])
    if errors or spread is None or not spread:
        return None
    out: list[Relation] = []
    try:
        for item in spread:
            rels = _item(item, scope)
            if rels is None:
                return None
            out += rels
    except (LatexError, ValueError, TypeError):
        return None
    for a, _, b in out:
        if not (_numeric(a, variables) and _numeric(b, variables)):
            return None
        if not (a.free_symbols | b.free_symbols):
            return None  # a relation between numbers states nothing about the row
    return out


def condition_text(relations: list[Relation]) -> str:
    """The relations as text for the report (``x >= 0, x <= 1``)."""
    return ", ".join(f"{sp.sstr(a)} {op} {sp.sstr(b)}" for a, op, b in relations)


def met_at(relations: list[Relation], values: dict[Any, Any]) -> bool:
    """Whether every relation holds exactly at ``values`` (symbol -> exact number); False
    when one cannot be decided there."""
    ops = {"<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge}
    for a, op, b in relations:
        try:
            left, right = sp.sympify(a).xreplace(values), sp.sympify(b).xreplace(values)
            if left.free_symbols or right.free_symbols:
                return False
            if ops[op](left, right) is not sp.true:
                return False
        except (TypeError, ValueError):
            return False
    return True


__all__ = ["OPENINGS", "bracket_condition", "condition_text", "met_at", "read_condition",
           "split_condition"]
