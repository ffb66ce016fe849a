r"""Remarks inside an ``% hb: assume`` item (``\\text{ and }``, ``\\quad``, ``\\text{ a.s.}``,
``\\forall``): an item is split where a remark joins two conditions, a final qualifier is
passed over, and any other remark refuses the item with an error naming it."""

from __future__ import annotations

import re

from hallbound.proofs_checks.latex.math_atoms import OPERATOR_CONTENTS

_REMARK = re.compile(r"\\(?:(?P<text>text|textrm|mbox|hbox|textnormal|textit|intertext)"
                     r"\s*\{|(?P<space>q?quad)(?![A-Za-z])|(?P<forall>forall)(?![A-Za-z]))")
#: What a ``\text{..}`` between two conditions may say for them to be two items.
_JOINING = frozenset({"", "and", "und", "et"})
#: Qualifiers at the end of a condition that change nothing in its reading as numbers
#: (``X \le 1 \text{ a.s.}``), written without spaces and dots.
_QUALIFIERS = frozenset({"as", "almostsurely", "ae", "almosteverywhere", "wp1",
                         "withprobability1"})


def _read_through(item: str, start: int, end: int, words: str) -> bool:
    """Whether the remark ``item[start:end]`` (its ``words``) may be passed over: it joins
    two conditions, or it is a qualifier (``a.s.``) that ends the item."""
    if re.sub(r"[\s,;.]+", " ", words).strip().lower() in _JOINING:
        return True
    last = not item[end:].strip(" \t.,;")
    return last and re.sub(r"[\s,;.]+", "", words).lower() in _QUALIFIERS


def _remarks(item: str) -> list[tuple[int, int, str]]:
    """The remarks of an ``assume`` item outside brackets: ``\\text{..}`` (not an operator
    word such as ``\\text{Var}(X)``), ``\\quad``, ``\\qquad``, ``\\forall``, as
    ``(start, end, words)``: the text's words, ``""`` for spacing, ``\\forall`` for the
    quantifier."""
    out: list[tuple[int, int, str]] = []
    depth, i = 0, 0
    while i < len(item):
        m = _REMARK.match(item, i) if depth == 0 else None
        if m is None:
            depth += item[i] in "([{"
            depth -= item[i] in ")]}"
            i += 1 if item[i] != "\\" else 2
            continue
        if m.group("space") or m.group("forall"):
            out.append((m.start(), m.end(), "" if m.group("space") else "\\forall"))
            i = m.end()
            continue
        close, level = m.end(), 1
        while close < len(item) and level:
            level += {"{": 1, "}": -1}.get(item[close], 0)
            close += 1
        words = item[m.end() : close - 1]
        if words.strip() in OPERATOR_CONTENTS and item[close:].lstrip()[:1] in ("(", "[", "{"):
            i = close  # \text{Var}(X): an operator, not a remark
            continue
        out.append((m.start(), close, words))
        i = close
    return out


def split_remarks(items: list[tuple[str, int]], errors: list[tuple[int, str]]
                  ) -> list[tuple[str, int]]:
    """Each ``assume`` item split at the remarks that join two conditions (``\\quad``,
    ``\\text{ and }``, ``\\text{, }``): both parts are read; a final ``\\text{ a.s.}`` is
    passed over. An item with any other remark
    (``\\text{ for }``, ``\\text{if}``, ``\\forall``) is refused whole, with an error naming
    the remark (into ``errors``): reading only the formula around it would state more, or
    less, than the text does; it is never cut in silence."""
    out: list[tuple[str, int]] = []
    for item, at in items:
        marks = _remarks(item)
        unread = [item[a:b] for a, b, w in marks if not _read_through(item, a, b, w)]
        if unread:
            errors.append((at, f"assume: the remark {unread[0].strip()!r} is not read: "
                                   "state each condition as an item of its own (in "
                                   f"{item.strip()!r}: not used)"))
            continue
        start = 0
        for a, b, _ in [*marks, (len(item), len(item), "")]:
            if item[start:a].strip():
                out.append((item[start:a], at + start))
            start = b
    return out
