r"""A hand-written equation number in a row: ``2a = a \quad (2)``, ``(2) \qquad 2a = 4a``.

The tokenizer drops spacing (:mod:`.math_tokens`), so a bracketed group written after
spacing would otherwise multiply the last term (``a \quad (2)`` read as ``2a``). After wide
spacing (``\quad``, ``\qquad``, ``\hfill``, two or more ``~``), or looser spacing (two spacing
commands, ``\;``, ``\ ``, ``~``) before a group holding a digit or a star:

* a group that is only a label (:data:`TAG`: ``(4)``, ``(2.3)``, ``(4a)``, ``(A.1)``,
  ``(a)``, ``(iv)``, ``(*)``, ``(\dagger)``, ``[4]``) is an equation number when only
  punctuation, spacing, ``\label{..}``/``\tag{..}`` follow it (the formula ends there: the
  step's note says so, :func:`equation_number_notes`), or a remark (``\quad \text{..}``,
  ``\quad (\text{by ..})``), another label (``\quad (3)``), ``\forall``: it is skipped and
  the rest is read by the remark readers as without it; followed by anything else (more
  mathematics) the row is refused, never read with a factor;
* a number group at the end of a row after one thin space (``x \, (2)``) is refused too;
* any other group after wide spacing at the end of a row or before a remark
  (``\quad (a + b)``, ``\quad (2a)``) is never read as a factor: the row is refused. A
  condition (``\quad (x > 0)``) is cut off before the tokenizer when it reads
  (:mod:`.row_conditions`); a group holding a remark (``\quad (\text{by } (2))``) is left to
  the remark readers (:mod:`.row_remarks`, :mod:`.row_labels`);
* a leading number group before spacing (``(2) \qquad 2x = 4x``) is skipped; a leading
  letter label (``(a) \quad``) refuses the row;
* a ``\tag{..}`` whose content states a relation (``\tag{$x \ge 0$}``) refuses the row: a
  tag is a label, its relation is neither dropped silently nor read as a condition.
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
_LOOSE = frozenset((";", ":", " ", "~"))
_OPENERS, _CLOSERS = "([{", ")]}"
_RELATIONS = frozenset("le ge leq geq lt gt ne neq leqslant geqslant leqq geqq in notin "
                       "subset subseteq approx sim".split())
_REMARKS = frozenset("text textrm mbox hbox textnormal textit forall".split())
_SOURCE_INNER = re.compile(r"(?:\\q?quad|\\hfill|~|\\[;: ])(?![A-Za-z])\s*(\([^()]*[0-9*][^()]*\))"
                           r"(?=\s*,?\s*(?:\\q?quad|\\[;: ]|~|\\text|\\label))")
_SOURCE_LEAD = re.compile(r"^[\s&]*(\([^()]*[0-9*][^()]*\))\s*(?:\\q?quad|\\[;: ]|~)")
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


def _tag_condition(raw: Sequence[Any], k: int, end: int, error: Any) -> None:
    r"""Raise ``error`` when the ``\tag{..}`` group ``raw[k..end]`` states a relation
    (``\tag{$x \ge 0$}``): a tag's content is a label, never a condition read."""
    inner = raw[k + 1 : end]
    if any((t.kind == "sym" and t.text in "<>=") or (t.kind == "cmd" and t.text in _RELATIONS)
           for t in inner):
        raise error(f"the tag '{_shown(inner)}' states a relation: it is not read as the "
                    "row's condition, so the row is not checked; state it with "
                    "'% hb: assume'", raw[k].offset)


def _past_labels(raw: Sequence[Any], k: int, error: Any) -> int:
    r"""The index past the punctuation, ``\nonumber`` and ``\label``/``\tag`` groups from
    ``raw[k]`` on (spacing stops it); -1 when a group does not close."""
    while k < len(raw):
        t = raw[k]
        if t.kind == "cmd" and t.text in ("label", "tag"):
            j = k + 1 + (k + 1 < len(raw) and raw[k + 1].text == "*")
            if j < len(raw) and raw[j].text == "{":
                close = _close(raw, j)
                if close < 0:
                    return -1
                if t.text == "tag":
                    _tag_condition(raw, j, close, error)
                j = close
            k = j + 1
        elif (t.kind == "cmd" and t.text in ("nonumber", "notag")) \
                or (t.kind == "sym" and t.text in ".,;"):
            k += 1
        else:
            return k
    return k


def _row_ends(raw: Sequence[Any], k: int, error: Any) -> bool:
    r"""Whether only punctuation, spacing, ``\nonumber`` and ``\label``/``\tag`` groups
    follow ``raw[k]``."""
    while k < len(raw):
        j = _past_labels(raw, k, error)
        m = _gap(raw, j)[0] if j >= 0 else j
        if m == j:
            return j >= len(raw)
        k = m
    return True


def refuse_tag_condition(raw: Sequence[Any], i: int, error: Any) -> None:
    r"""Raise ``error`` when the ``\tag{..}`` (or ``\tag*{..}``) at ``raw[i]`` states a
    relation (``\tag{$x \ge 0$}``): it is neither dropped nor read as a condition."""
    j = i + 1 + (i + 1 < len(raw) and raw[i + 1].text == "*")
    if j < len(raw) and raw[j].text == "{" and (end := _close(raw, j)) > 0:
        _tag_condition(raw, j, end, error)


def _shown(tokens: Sequence[Any]) -> str:
    return "".join(("\\" + t.text) if t.kind == "cmd" else t.text for t in tokens)


def _gap(raw: Sequence[Any], i: int) -> tuple[int, int]:
    r"""The end of the spacing run from ``raw[i]`` and how wide it separates: 2 for wide
    spacing (``\quad``, ``\hfill``, ``~~``), 1 for loose spacing (two spacing commands,
    ``\;``, ``\:``, ``\ ``, ``~``), 0 for one thin space (``\,``, ``\!``)."""
    k, tildes, wide, loose = i, 0, False, False
    while k < len(raw) and _spacing(raw[k]):
        tildes += raw[k].text == "~"
        wide |= raw[k].kind == "cmd" and raw[k].text in _WIDE
        loose |= raw[k].text in _LOOSE
        k += 1
    return k, 2 if wide or tildes >= 2 else int(loose or k - i >= 2)


def _follows(raw: Sequence[Any], k: int, error: Any) -> int:
    r"""Where reading goes on after an equation number ending before ``raw[k]``: ``len(raw)``
    when the row ends (punctuation, labels, spacing), ``k``' past the labels when a remark
    follows (``\text{..}``, ``(\text{..})``, another number, ``\forall``); -1 otherwise."""
    if _row_ends(raw, k, error):
        return len(raw)
    k = _past_labels(raw, k, error)
    if k < 0:
        return -1
    m, _ = _gap(raw, k)
    t = raw[m]
    if t.kind == "cmd" and t.text in _REMARKS:
        return k
    if t.kind == "sym" and t.text in "([" and (end := _close(raw, m)) > 0:
        inner = raw[m + 1 : end]
        if any(x.kind == "cmd" and x.text in _REMARKS for x in inner) \
                or (m > k and inner and TAG.fullmatch(_shown(inner))):
            return k
    return -1


def _numbered(inner: Sequence[Any]) -> bool:
    """Whether a label group holds a digit or a star (``(2)``, ``(A.1)``, ``(*)``)."""
    shown = _shown(inner)
    return bool(inner) and TAG.fullmatch(shown) is not None \
        and (re.search(r"[0-9*]|dagger|ast|star", shown) is not None)


def _leading(raw: Sequence[Any], i: int, error: Any) -> int:
    r"""Past a leading equation number (``(2) \qquad 2x = 4x``), or -1 when none is there;
    a leading letter label (``(a) \quad x = y``) is refused."""
    end = _close(raw, i)
    if end < 0:
        return -1
    after, width = _gap(raw, end + 1)
    inner = raw[i + 1 : end]
    if width == 0 or after >= len(raw) or not inner or not TAG.fullmatch(_shown(inner)):
        return -1
    if _numbered(inner):
        return after
    raise error(f"the group '{_shown(raw[i:end + 1])}' before the spacing at the start of the "
                "row is either a label or a factor: the row is not checked", raw[i].offset)


def equation_number(out: Sequence[Any], raw: Sequence[Any], i: int, error: Any) -> int:
    r"""Where reading goes on when an equation number starts at ``raw[i]`` (module doc):
    past it, or ``len(raw)`` when it ends the row; -1 when none does. Raises
    ``error(message, offset)`` when a bracketed group after the spacing is neither a label
    nor a factor (``out``: the tokens read before ``raw[i]``)."""
    if not out and raw[i].kind == "sym" and raw[i].text in "([":
        return _leading(raw, i, error)
    if not out or not _spacing(raw[i]) or (i > 0 and _spacing(raw[i - 1])):
        return -1
    k, width = _gap(raw, i)
    if k >= len(raw) or raw[k].kind != "sym" or raw[k].text not in "([":
        return -1
    end = _close(raw, k)
    if end < 0:
        return -1
    inner = raw[k + 1 : end]
    if any(t.kind == "cmd" and t.text in _REMARKS for t in inner):
        return -1  # "x \quad (\text{by } (2))": a remark (row_remarks, row_labels)
    label = bool(inner) and TAG.fullmatch(_shown(inner)) is not None
    if label and (width == 2 or (width == 1 and _numbered(inner))):
        if (go := _follows(raw, end + 1, error)) >= 0:
            return go
        raise error(f"the equation number '{_shown(raw[k:end + 1])}' is followed by more "
                    "mathematics: the row is not checked (a factor would be written without "
                    "the spacing)", raw[k].offset)
    if (width == 2 or (label and _numbered(inner))) and _follows(raw, end + 1, error) >= 0:
        raise error(f"the group '{_shown(raw[k:end + 1])}' after the spacing at the end of the "
                    "row is neither an equation number nor a condition that reads: the row is "
                    "not checked (a factor would be written without the spacing)",
                    raw[k].offset)
    return -1


def equation_number_notes(text: str) -> list[str]:
    r"""The note of an equation number at the end of the LaTeX ``text`` (``\quad (4)``),
    else of one before a remark or at the start of the row (``\quad (2) \quad \text{..}``,
    ``(2) \qquad``)."""
    m = _SOURCE_TAG.search(text) or _SOURCE_INNER.search(text) or _SOURCE_LEAD.search(text)
    inner = re.sub(r"\s+", "", m.group(1)[1:-1]) if m is not None else ""
    return [NOTE.format(tag=m.group(1).strip())] if m and TAG.fullmatch(inner) else []


__all__ = ["NOTE", "TAG", "equation_number", "equation_number_notes", "refuse_tag_condition"]
