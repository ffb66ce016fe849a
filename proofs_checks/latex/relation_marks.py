r"""Marks around a row's relations that leave what the row states unchanged.

Read by the tokenizer (:func:`~hallbound.proofs_checks.latex.math_tokens.tokenize`), on the
raw tokens of one row:

* **a note over a relation**: ``\stackrel{X}{REL}``, ``\overset{X}{REL}``,
  ``\underset{X}{REL}`` with ``REL`` one relation (``=``, ``\le``, ...) is that relation; the
  note ``X`` (a label ``(a)``, a reference ``\eqref{..}``, a reason ``\text{Jensen}``) is
  dropped as a ``\text`` remark is. A note that changes what the relation states is never
  dropped: equality in law (``d``, ``\mathcal{D}``, ``\mathcal{L}``, ``law``), almost surely
  or in probability (``a.s.``, ``P``, ``w``), up to a constant (``c``, ``+``, ``const``) or
  to first order in the exponent (``.``), a limit or a condition (a note holding ``\to``,
  ``\infty``, ``\lim``, ``\in`` or a relation: ``\overset{x=1}{=}``), a question or a
  requirement (``?``, ``!``, ``set``, ``want``), a definition (``def``, ``\Delta``,
  ``\triangle``: :mod:`.display_definitions` reads those before): the row is refused.
* **an implication opening a row**: ``\implies B``, ``\Rightarrow B``, ``\iff B`` (and the
  long forms) at the start of a row, before anything else of it: ``B`` is a statement of its
  own, read as a row that starts with an expression (a new chain: it is checked alone,
  never as a link of the chain before). An implication anywhere else in a row, or followed
  by a relation (``\implies \le x``), is not read. A backward arrow (``\Leftarrow B``,
  ``\impliedby B``: ``B`` suffices for what came before, it is not stated to hold) is not
  read either.
* **a named quantity opening a row**: ``\text{Residual} = ...`` (a word of two letters or
  more in a text command, first in the row, a relation right after it) is the name
  ``\mathrm{Residual}``, not a remark ending the formula; the steps after it are read.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Any

#: Commands over a relation whose first argument is a note.
OVER_RELATION = frozenset(("stackrel", "overset", "underset"))
#: Arrows whose right side is stated to hold when the left side does.
FORWARD_IMPLICATIONS = frozenset(
    "implies Rightarrow Longrightarrow iff Leftrightarrow Longleftrightarrow".split())
#: Commands of a note that only set its font or size (dropped when the note is compared).
_NOTE_FONTS = frozenset(
    "text textrm textup textnormal textit textsf textbf mathrm mathit mathsf mathbf mathcal "
    "mathscr mathbb mathfrak rm it bf sf scriptstyle scriptscriptstyle tiny small "
    "footnotesize mbox".split())
#: Notes (font, braces, spaces and parentheses dropped, lower case) that change a relation:
#: in law, in probability, up to a constant (``\stackrel{c}{=}``, ``\stackrel{+}{=}``),
#: to first order in the exponent (``\stackrel{.}{=}``), a question, a requirement, a goal.
_MEANING_NOTES = frozenset(
    "d l p w c + . ? ! : law dist distr pr prob ip i.p. ae as const cst set want need wts goal "
    "must def def. delta triangle times cdot iid".split())
#: Parts that make a note change the relation wherever they stand in it (almost surely,
#: almost everywhere, with probability, in law).
_MEANING_PARTS = ("a.s", "a.e", "w.p", "law", "dist", "iid", "const")
#: Commands in a note that make it a limit or a condition (never dropped).
_MEANING_COMMANDS = frozenset(
    "to rightarrow longrightarrow infty lim limsup liminf sim approx xrightarrow in notin "
    "ne neq subset subseteq mapsto".split())


def _is(tokens: Sequence[Any], i: int, kind: str, text: str) -> bool:
    return i < len(tokens) and tokens[i].kind == kind and tokens[i].text == text


def _is_relation(t: Any, relations: Container[str]) -> bool:
    return (t.text if t.kind == "sym" else "\\" + t.text) in relations


def _group_end(tokens: Sequence[Any], i: int) -> int:
    """Index after the braced group opened at ``tokens[i]``; -1 when it is not closed."""
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].kind == "sym" and tokens[j].text in "{}":
            depth += 1 if tokens[j].text == "{" else -1
            if depth == 0:
                return j + 1
    return -1


def note_changes_meaning(note: Sequence[Any], relations: Container[str]) -> bool:
    """Whether the note ``note`` (its tokens, braces excluded) over a relation changes what
    the relation states (module doc): a relation, a limit or a membership in it (a condition:
    ``\\overset{x=1}{=}``, ``\\overset{n \\to \\infty}{\\le}``), or a word of
    :data:`_MEANING_NOTES` / a part of :data:`_MEANING_PARTS`; an empty note does not."""
    if any(t.kind == "cmd" and t.text in _MEANING_COMMANDS or _is_relation(t, relations)
           for t in note):
        return True
    kept = [t for t in note if not (t.kind == "cmd" and t.text in _NOTE_FONTS)]
    word = "".join(t.text for t in kept if t.text not in "{}() ").lower()
    return word in _MEANING_NOTES or any(part in word for part in _MEANING_PARTS)


def over_relation(raw: Sequence[Any], i: int, relations: Container[str]
                  ) -> tuple[Any, int] | str | None:
    r"""At ``raw[i]``, ``\stackrel{X}{REL}`` (or ``\overset``, ``\underset``): the relation
    token (spanning the whole construct) and the index after it when the note is dropped; a
    refusal (why) when the note changes the relation's meaning; None when it is no note over
    one relation."""
    t = raw[i]
    if t.kind != "cmd" or t.text not in OVER_RELATION or not _is(raw, i + 1, "sym", "{"):
        return None
    j = _group_end(raw, i + 1)
    if j < 0 or j >= len(raw):
        return None
    if _is(raw, j, "sym", "{"):
        k = _group_end(raw, j)
        if k != j + 3 or not _is_relation(raw[j + 1], relations):
            return None
        rel = raw[j + 1]
    elif _is_relation(raw[j], relations):
        rel, k = raw[j], j + 1
    else:
        return None
    if note_changes_meaning(raw[i + 2 : j - 1], relations):
        note = "".join(x.text if x.kind != "cmd" else "\\" + x.text for x in raw[i + 2 : j - 1])
        return (f"\\{t.text}{{{note}}}{{...}}: the note over the relation changes what it "
                "states (in law, almost surely, a limit, a question or a definition); not read")
    last = raw[k - 1]
    end = last.offset + (last.width if last.width is not None
                         else len(last.text) + (last.kind == "cmd"))
    return type(rel)(rel.kind, rel.text, t.offset, end - t.offset), k


def leading_implication(out: Sequence[Any], raw: Sequence[Any], i: int,
                        relations: Container[str], ignored: Container[str]) -> bool:
    r"""Whether ``raw[i]`` is a forward implication opening the row (``out``: the tokens
    kept before it, none) with an operand after it (not a relation, not the row's end):
    the implication is dropped and what follows is a statement of its own."""
    t = raw[i]
    if out or t.kind != "cmd" or t.text not in FORWARD_IMPLICATIONS:
        return False
    j = i + 1
    while j < len(raw) and (raw[j].kind == "cmd" and raw[j].text in ignored
                            or _is(raw, j, "sym", "&")):
        j += 1
    return j < len(raw) and not _is_relation(raw[j], relations)


def leading_name(out: Sequence[Any], raw: Sequence[Any], i: int, j: int,
                 relations: Container[str]) -> bool:
    r"""Whether the text command at ``raw[i]`` (its group ending before ``raw[j]``) names a
    quantity: first in the row (``out`` empty), a word of two letters or more, a relation
    right after it (``\text{Residual} = ...``)."""
    word = raw[i + 2 : j - 1]
    return (not out and j < len(raw) and _is_relation(raw[j], relations) and len(word) >= 2
            and all(x.kind == "letter" for x in word))


__all__ = ["FORWARD_IMPLICATIONS", "OVER_RELATION", "leading_implication", "leading_name",
           "note_changes_meaning", "over_relation"]
