r"""Rows joined by an implication between them state a condition, not a claim for every value.

In ::

    2x + 1 &\le x + 3 \\
    \implies x &\le 2

the author supposes the first row and derives the second from it; neither holds for every
``x``, and neither is false. A row whose next row opens with an arrow (the premise) is never
REFUTED: the text supposes it. A row that opens with one (the consequence; :mod:`.relation_marks`
reads it as a statement of its own) is REFUTED only by a witness that meets the premise,
checked exactly at the witness (``(y+1)^2 \ge 4y \\ \implies \frac{(y+1)^2}{y} \ge 5`` is
refuted at a ``y`` where the premise holds); any other refutation is withdrawn (UNDECIDED,
saying why). A PROVED row stays PROVED: it holds for every value, premise or not.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Sequence
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.stated_reasons import _holds

#: An arrow opening a row (after the alignment mark and spacing): forward, backward or both.
_OPENING_ARROW = re.compile(
    r"^(?:\s|&|\\[,;:!]|\\q?quad\b)*\\(?:implies|impliedby|iff|Rightarrow|Leftarrow|"
    r"Leftrightarrow|Longrightarrow|Longleftarrow|Longleftrightarrow)(?![A-Za-z])")
#: An arrow closing a row (the next row is what it leads to).
_CLOSING_ARROW = re.compile(
    r"\\(?:implies|impliedby|iff|Rightarrow|Leftarrow|Leftrightarrow|Longrightarrow|"
    r"Longleftarrow|Longleftrightarrow)(?:\s|\\[,;:!]|\\q?quad\b)*(?:\\\\\s*)?$")


def implication_role(rows: Sequence[Any], index: int) -> str | None:
    """``"consequence"`` when row ``index`` opens with an arrow or the row before ends with
    one, ``"premise"`` when it ends with one or the next row opens with one, else None
    (``rows``: objects with ``text``)."""
    text = rows[index].text
    if _OPENING_ARROW.match(text) or (
            index > 0 and _CLOSING_ARROW.search(rows[index - 1].text.rstrip())):
        return "consequence"
    if _CLOSING_ARROW.search(text.rstrip()) or (
            index + 1 < len(rows) and _OPENING_ARROW.match(rows[index + 1].text)):
        return "premise"
    return None


def premise_text(rows: Sequence[Any], index: int) -> str:
    """The relation of the row before ``index``, its arrows, alignment marks, spacing and
    remarks dropped ('' when there is none)."""
    if index == 0:
        return ""
    text = _CLOSING_ARROW.sub("", rows[index - 1].text.rstrip())
    text = _OPENING_ARROW.sub("", text)
    text = re.sub(r"\\(?:text|mathrm|textrm|mbox|label|tag)\{[^}]*\}", " ", text)
    return re.sub(r"&|\\[,;:!]|\\q?quad\b|\\\\", " ", text).strip().rstrip(",.;")


def withdraw_in_implication(check: Any, rows: Sequence[Any], index: int, table: Any) -> None:
    """Withdraw a REFUTED verdict of a premise, or of a consequence whose witness does not
    meet its premise exactly (module doc)."""
    if check.verdict != "REFUTED":
        return
    role = implication_role(rows, index)
    if role is None:
        return
    premise = premise_text(rows, index) if role == "consequence" else ""
    if premise:
        values = {s: sp.nsimplify(check.witness[p.name]) for s, p in table.params.items()
                  if check.witness and p.name in check.witness
                  and isinstance(check.witness[p.name], numbers.Real)}
        if _holds(premise, table, values):
            check.notes.append(f"the witness meets the premise of the implication ({premise})")
            return
    check.verdict, check.method = "UNDECIDED", "not decided"
    check.detail = (f"this row is the {role} of an implication (an arrow between rows): the "
                    "text supposes it or derives it from a supposition, so a value where it "
                    "fails " + ("and the premise does not hold (or cannot be checked) "
                                if premise else "") + "is no counterexample; state the "
                    "premise with '% hb: assume' to check the consequence under it")
    check.witness = check.lhs_value = check.rhs_value = None
