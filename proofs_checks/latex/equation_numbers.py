r"""A hand-written equation number at the end of a row: ``2a = a \quad (2)``.

The tokenizer drops spacing (:mod:`.math_tokens`), so a bracketed group written after wide
spacing would otherwise multiply the last term (``a \quad (2)`` read as ``2a``). At the end of
a row, after wide spacing (``\quad``, ``\qquad``, ``\hfill``, two or more ``~``), followed only
by punctuation, spacing, ``\label{..}``/``\tag{..}``:

* a group that is only a label (:data:`TAG`: ``(4)``, ``(2.3)``, ``(4a)``, ``(A.1)``,
  ``(a)``, ``(iv)``, ``(*)``, ``(\dagger)``, ``[4]``) is an equation number: the formula ends
  before the spacing (the step's note says so: :func:`equation_number_notes`);
* any other group (``\quad (a + b)``, ``\quad (2a)``) is never read as a factor: the row is
  refused. A condition (``\quad (x > 0)``) is cut off before the tokenizer when it reads
  (:mod:`.row_conditions`); a group holding a remark (``\quad (\text{by } (2))``) is left to
  the remark readers (:mod:`.row_remarks`, :mod:`.row_labels`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

#: A label: a number or dotted numbers (a capital letter before, a small letter after, each
#: optional), one letter, a roman numeral, stars, daggers.
TAG = re.compile(r"[A-Z]?\.?[0-9]+(?:\.[0-9]+)*[a-z]?'*|[A-Za-z]'*|[ivxlc]+|[IVXLC]+"
                 r"|\*{1,3}|\\(?:ast|star|dagger|ddagger|S[0-9.]+)")
NOTE = "the row's {tag} read as an equation number (not a factor)"
_WIDE = frozenset(("quad", "qquad", "hfill"))
_SPACING = _WIDE | frozenset((",", ";", ":", "!", " "))
_AFTER = frozenset(("nonumber", "notag")) | _SPACING
_OPENERS, _CLOSERS = "([{", ")]}"
_REMARKS = frozenset("text textrm mbox hbox textnormal textit forall".split())
_SOURCE_TAG = re.compile(r"(?:\\q?quad|\\hfill|~{2,})(?![A-Za-z])\s*(\([^()]*\)|\[[^\[\]]*\])"
                         r"(?:\s|[.,;]|\\[,;:! ]|\\q?quad(?![A-Za-z])|\\(?:nonumber|notag)"
                         r"(?![A-Za-z])|\\(?:label|tag)\*?\s*\{[^{}]*\})*$")


def _spacing(t: Any) -> bool:
    return (t.kind == "cmd" and t.text in _SPACING) or (t.kind == "sym" and t.text == "~")


def _close(raw: Sequence[Any], k: int) -> int:
    """The index of the bracket closing the one at ``raw[k]``; -1 when none does."""
    depth = 0
    for j in range(k, len(raw)):
        if raw[j].kind == "sym" and raw[j].text in _OPENERS:
            depth += 1
        elif raw[j].kind == "sym" and raw[j].text in _CLOSERS:
            depth -= 1
            if depth == 0:
                return j
    return -1


def _row_ends(raw: Sequence[Any], k: int) -> bool:
    r"""Whether only punctuation, spacing, ``\nonumber`` and ``\label``/``\tag`` groups
    follow ``raw[k]``."""
    while k < len(raw):
        t = raw[k]
        if t.kind == "cmd" and t.text in ("label", "tag"):
            k += 1 + (k + 1 < len(raw) and raw[k + 1].text == "*")
            if k < len(raw) and raw[k].text == "{":
                k = _close(raw, k)
                if k < 0:
                    return False
            k += 1
            continue
        if not ((t.kind == "cmd" and t.text in _AFTER) or (t.kind == "sym" and t.text in ".,;~")):
            return False
        k += 1
    return True


def _shown(tokens: Sequence[Any]) -> str:
    return "".join(("\\" + t.text) if t.kind == "cmd" else t.text for t in tokens)


def equation_number(out: Sequence[Any], raw: Sequence[Any], i: int, error: Any) -> bool:
    r"""Whether the formula ends at ``raw[i]`` before an equation number (module doc);
    raises ``error(message, offset)`` when a bracketed group that is no label follows wide
    spacing at the end of the row (``out``: the tokens read before ``raw[i]``)."""
    if not out or not _spacing(raw[i]) or (i > 0 and _spacing(raw[i - 1])):
        return False
    k, tildes, wide = i, 0, False
    while k < len(raw) and _spacing(raw[k]):
        tildes += raw[k].text == "~"
        wide |= raw[k].kind == "cmd" and raw[k].text in _WIDE
        k += 1
    if not (wide or tildes >= 2) or k >= len(raw) or raw[k].kind != "sym" \
            or raw[k].text not in "([":
        return False
    end = _close(raw, k)
    if end < 0 or not _row_ends(raw, end + 1):
        return False
    inner = raw[k + 1 : end]
    if any(t.kind == "cmd" and t.text in _REMARKS for t in inner):
        return False  # "x \quad (\text{by } (2))": a remark (row_remarks, row_labels)
    if inner and TAG.fullmatch(_shown(inner)):
        return True
    raise error(f"the group '{_shown(raw[k:end + 1])}' after the spacing at the end of the row "
                "is neither an equation number nor a condition that reads: the row is not "
                "checked (a factor would be written without the spacing)", raw[k].offset)


def equation_number_notes(text: str) -> list[str]:
    r"""The note of an equation number at the end of the LaTeX ``text`` (``\quad (4)``)."""
    m = _SOURCE_TAG.search(text)
    inner = re.sub(r"\s+", "", m.group(1)[1:-1]) if m is not None else ""
    return [NOTE.format(tag=m.group(1).strip())] if m and TAG.fullmatch(inner) else []


__all__ = ["NOTE", "TAG", "equation_number", "equation_number_notes"]
