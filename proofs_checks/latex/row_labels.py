r"""Mathematics written after a ``\text{..}`` remark in the middle of a row.

The tokenizer ends the formula at a remark (:func:`.math_tokens.tokenize`); a side must
never be read shorter than written. :func:`remark_gap` says what to do with the tokens after
a remark that :func:`.row_remarks.remark_refusal` let pass:

* **a label or reason enclosed in brackets** (``x^2 + 2x\,\text{(cross term)} + 1``,
  ``\frac{n(n+1)}{2}\;(\text{Gauss}) + n``, ``a \;(\text{by the bound})\; \le b``) between a
  complete operand and a ``+``, ``-`` or a relation: the remark is skipped and the row is
  read on (the remark is a reason as before; it holds no ``$..$`` and no condition word);
  so is such a label that opens the row (``\text{(i)}\quad x \le y``);
* **nothing** after it (punctuation, spacing, other remarks only): the formula ends there;
* **anything else** (``(\text{Gauss})\, n``, ``\text{then } 2x``): the row is refused, the
  mathematics after the remark being unread. A justification written without brackets
  (``\text{since } a < 1``) keeps what follows it as its reason, as before.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from typing import Any

from hallbound.proofs_checks.latex.row_remarks import (
    JUSTIFICATION_WORDS,
    meaningful,
    remark_condition,
)

_OPEN, _CLOSE = "([", ")]"
#: Tokens after which an operand is complete (a sum may go on after the remark).
_OPERAND_END = frozenset(")]}|!'")
_OPERATOR_CMDS = frozenset("cdot times pm mp div ast circ".split())
#: Tokens that go on from a complete operand (besides the relations).
_GOES_ON = frozenset("+-")
_JUSTIFICATION = re.compile("(?:" + "|".join(re.escape(w) for w in JUSTIFICATION_WORDS)
                            + ")(?![a-z])")


def _enclosure_end(raw: Sequence[Any], j: int, opened: bool, remark: str) -> int | None:
    """Index just past the remark's enclosure: past the bracket that closes the one
    opened before the remark (``opened``), or ``j`` when the remark's words are themselves
    in brackets (``\\text{(cross term)}``); None when the remark is not enclosed."""
    if opened:
        depth = 1
        for k in range(j, len(raw)):
            t = raw[k]
            if t.kind == "sym" and t.text in _OPEN:
                depth += 1
            elif t.kind == "sym" and t.text in _CLOSE:
                depth -= 1
                if depth == 0:
                    return k + 1
        return None
    words = remark.strip()
    if len(words) >= 2 and words[0] in _OPEN and words[-1] in _CLOSE:
        return j
    return None


def _operand_end(t: Any, relations: Container[str]) -> bool:
    """Whether a formula may end at ``t`` (a letter, number, closing bracket, name)."""
    if t.kind in ("letter", "num"):
        return True
    if t.kind == "sym":
        return t.text in _OPERAND_END
    return ("\\" + t.text not in relations and t.text.isalpha()
            and t.text not in _OPERATOR_CMDS)


def remark_gap(remark: str, rest_text: str, out: Sequence[Any], raw: Sequence[Any], j: int,
               relations: Container[str], spacing: Container[str],
               remarks: Container[str]) -> int | str | None:
    r"""What follows the remark ``\text{remark}`` (the source after it: ``rest_text``) whose
    group ends at ``raw[j]`` (``out``: the tokens read before it): an index ``k`` to read on
    from ``raw[k]`` (an enclosed label between an operand and ``+``, ``-`` or a relation;
    ``out`` then loses the bracket that opened the remark), the refusal when mathematics
    after it would be dropped, None when the formula may end at the remark (module doc)."""
    opened = bool(out) and out[-1].kind == "sym" and out[-1].text in _OPEN
    end = _enclosure_end(raw, j, opened, remark)
    words = re.sub(r"^[\s(\[]*", "", remark.lower())
    if end is None:
        if _JUSTIFICATION.match(words) or remark_condition(remark):
            return None  # the math after it is its reason, or its (universal) range
        rest = meaningful(raw[j:], spacing, remarks)
        return gap_message(remark, rest_text) if rest else None
    rest = meaningful(raw[end:], spacing, remarks)
    if not rest:
        return None
    first = rest[0]
    before = out[:-1] if opened else out
    goes_on = (first.kind == "sym" and first.text in _GOES_ON) or (
        (first.text if first.kind == "sym" else "\\" + first.text) in relations)
    placed = not before or (goes_on and _operand_end(before[-1], relations))
    if placed and "$" not in remark and not remark_condition(remark):
        return end  # between an operand and "+", "-" or a relation, or opening the row
    return gap_message(remark, rest_text)


def gap_message(remark: str, rest: str) -> str:
    """The refusal for mathematics after a remark that would be dropped."""
    shown = re.sub(r"\s+", " ", f"\\text{{{remark}}}{rest}").strip()
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return (f"mathematics after the remark '{shown}' is not read: the row is not checked; "
            "move the remark to the end of the row (or into a comment column)")


__all__ = ["gap_message", "remark_gap"]
