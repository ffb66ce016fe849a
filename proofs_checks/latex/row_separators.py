r"""Two formulas on one row, separated by spacing or a column mark.

``\sqrt{x^2} = x \qquad x \ge 0``, ``\max(n, 1) = n \quad n \ge 1``,
``\sqrt{x^2} &= x && x \ge 0``, ``x &= y &\qquad& x \ge 0`` (alignat): after a formula that
holds a relation, a ``\quad``, ``\qquad``, a column mark ``&`` or two or more small spaces
(``\,\,``) followed by a new operand start a second formula, never a factor of the first
(``x \qquad x`` is not ``x \cdot x``). :func:`split_at_separator` gives the second formula to
the row-condition reader (:mod:`.row_conditions`: it becomes the row's assumption when it
reads as one); :func:`separator_refusal` refuses the row in the tokenizer when it is still
there (the condition did not read). :func:`column_states_maths` keeps such a comment column
on the row (:mod:`.document` blanks any other as a comment).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from typing import Any

#: Spacing commands of a quad or more, and the small ones (two or more separate).
_WIDE = frozenset(("quad", "qquad"))
_SMALL = frozenset((",", ";", ":", " ", "\n", "\t"))
#: Commands that never start an operand.
_NOT_OPERAND = frozenset(
    "text textrm mbox hbox textnormal intertext textit forall right label tag nonumber "
    "notag cdot times pm mp div ast circ quad qquad in notin".split())
_RELATION_TEXT = re.compile(r"=|<|>|\\(?:le|ge|leq|geq|lt|gt|leqslant|geqslant|in|ne|neq)"
                            r"(?![A-Za-z])")
_SEPARATOR = re.compile(r"(?:\s|&|\\q?quad(?![A-Za-z])|\\[,;: ])+")
_OPERAND_START = re.compile(r"[A-Za-z0-9]|\\(?!(?:" + "|".join(sorted(_NOT_OPERAND))
                            + r")(?![A-Za-z]))[A-Za-z]+")
_COLUMN_TEXT = re.compile(r"\s*\\(?:text|textrm|mbox|hbox|textnormal|textit)\s*\{([^{}]*)\}")
_JUSTIFYING = re.compile(r"[\s(\[]*(?:since|because|by|due to|using|from|thanks to|as shown"
                         r"|cf\.|see)(?![a-z])")


def _strong(run: str) -> bool:
    """Whether the spacing ``run`` separates two formulas (a quad, a column mark, or two
    small spaces or more)."""
    return "&" in run or "quad" in run or len(re.findall(r"\\[,;: ]", run)) >= 2


def split_at_separator(text: str, i: int) -> str | None:
    r"""The second formula of the row ``text`` when a separator starts at ``text[i]``
    (module doc: a relation before it, a new operand and a relation after it); None
    otherwise."""
    m = _SEPARATOR.match(text, i)
    if m is None or not _strong(m.group()) or not _RELATION_TEXT.search(text, 0, i):
        return None
    rest = text[m.end():]
    if _OPERAND_START.match(rest) is None or not _RELATION_TEXT.search(rest):
        return None
    return rest


def _ends_operand(t: Any, relations: Container[str]) -> bool:
    if t.kind in ("letter", "num"):
        return True
    if t.kind == "sym":
        return t.text in ")]}|!'"
    return t.text.isalpha() and "\\" + t.text not in relations and t.text not in _NOT_OPERAND


def _starts_operand(t: Any, relations: Container[str]) -> bool:
    if t.kind in ("letter", "num"):
        return True
    return (t.kind == "cmd" and t.text.isalpha() and "\\" + t.text not in relations
            and t.text not in _NOT_OPERAND)


def _is_relation(t: Any, relations: Container[str]) -> bool:
    return (t.text if t.kind == "sym" else "\\" + t.text) in relations


def separator_refusal(out: Sequence[Any], raw: Sequence[Any], i: int,
                      relations: Container[str]) -> str | None:
    r"""Why the row is refused at the separator starting at ``raw[i]`` (``out``: the
    tokens read before it), or None: a formula with a relation before it, and a new
    operand after it (for small spaces, and a relation further on)."""
    t = raw[i]
    if not out or not ((t.kind == "cmd" and t.text in _WIDE | _SMALL)
                       or (t.kind == "sym" and t.text == "&")):
        return None
    if not any(_is_relation(o, relations) for o in out) \
            or not _ends_operand(out[-1], relations):
        return None
    k, wide, small = i, False, 0
    while k < len(raw) and ((raw[k].kind == "cmd" and raw[k].text in _WIDE | _SMALL)
                            or (raw[k].kind == "sym" and raw[k].text == "&")):
        wide |= raw[k].text in _WIDE or raw[k].text == "&"
        small += raw[k].text in _SMALL
        k += 1
    if k >= len(raw) or not _starts_operand(raw[k], relations):
        return None
    if not wide and (small < 2 or not any(_is_relation(r, relations) for r in raw[k:])):
        return None
    return ("a second formula after the spacing (a condition of the row?) is not read: the "
            "row is not checked; state the condition with '% hb: assume' or as "
            "'\\text{for } x \\ge 0'")


#: A column that is one bracketed group (one level of brackets inside), then punctuation.
_BRACKETED = re.compile(r"\s*\(((?:[^()]|\([^()]*\))*)\)\s*[.,;]?\s*")


def bracketed(column: str) -> str | None:
    r"""The inside of a column that is one bracketed group (``&& (x \ge 0)`` gives
    ``x \ge 0``), or None for any other column."""
    m = _BRACKETED.fullmatch(column)
    return m.group(1) if m is not None else None


def column_states_maths(column: str) -> bool:
    r"""Whether a comment column (``&& x \ge 0``, ``&& \forall x \ge 0``,
    ``&& \text{($x \ge 0$)}``) states mathematics of the row, to be read as its condition
    or refused, never blanked: a relation or quantifier outside a leading remark, or a
    remark with ``$..$`` that is no justification (``&& \text{by } (2)`` is a comment); a
    column with its own alignment before a relation (``& y &= 2``) is a second equation; a
    column that is one bracketed group (``&& (x \ge 0)``, ``&& (\mathbb{E}[\sigma_i] = 0)``)
    is blanked and read on its own (:mod:`.bracket_columns`: a condition or a reason)."""
    if re.search(r"&\s*(?:" + _RELATION_TEXT.pattern + ")", column):
        return False  # "x &= 1 & y &= 2": a second equation beside the first (a comment)
    if bracketed(column) is not None:
        return False  # "&& (x \ge 0)": read from the blanked column (bracket_columns)
    m = _COLUMN_TEXT.match(column)
    if m is not None:
        return "$" in m.group(1) and _JUSTIFYING.match(m.group(1).lower()) is None
    return bool(_RELATION_TEXT.search(column)) or "\\forall" in column


__all__ = ["bracketed", "column_states_maths", "separator_refusal", "split_at_separator"]
