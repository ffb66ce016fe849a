r"""A reason that states a relation (``\text{because of } a < 1``, ``\text{since $x \ge 0$}``)
holds where the author uses it: a counterexample must meet it.

The tokenizer ends the formula at such a remark
(:func:`~hallbound.proofs_checks.latex.row_remarks.remark_refusal`), so the step is checked
without the reason, never with more than the stated assumptions: a PROVED stands (it holds
without the reason). A REFUTED stands only when its witness meets every relation the reason
states, each read and evaluated exactly at the witness (:func:`withdraw_against_reason`);
otherwise it is withdrawn (UNDECIDED, quoting the reason and naming ``% hb: assume``): a
witness that contradicts the author's reason refutes nothing the author claimed.
"""

from __future__ import annotations

import numbers
import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_parser import LatexError, parse_expression
from hallbound.proofs_checks.latex.row_remarks import JUSTIFICATION_WORDS

_WORDS = "|".join(re.escape(w) for w in sorted(JUSTIFICATION_WORDS, key=len, reverse=True))
#: ``\text{since ...}`` (any text command) and what follows it on the row
_REASON = re.compile(r"\\(?:text|textrm|mbox|textnormal|textit)\s*\{\s*(?:" + _WORDS
                     + r")\b(?P<inside>[^{}]*)\}(?P<rest>[^\n]*)")
_REL = re.compile(r"\\leq?\b|\\geq?\b|\\neq?\b|\\lt\b|\\gt\b|<|>|=|\\in\b")
_OPS = {"<": sp.Lt, ">": sp.Gt, "=": sp.Eq, r"\le": sp.Le, r"\leq": sp.Le, r"\ge": sp.Ge,
        r"\geq": sp.Ge, r"\lt": sp.Lt, r"\gt": sp.Gt}


def reason_texts(row: str) -> list[str]:
    r"""The mathematics of each reason on the row that states a relation (the ``$..$`` inside
    the remark, and what follows it up to the next remark), e.g. ``a < 1``."""
    out = []
    for m in _REASON.finditer(row):
        parts = re.findall(r"\$([^$]*)\$", m.group("inside"))
        rest = re.split(r"\\(?:text|textrm|mbox|quad|qquad)\b|\\\\", m.group("rest"))[0]
        parts.append(rest.strip().strip(").,;").strip())
        out += [p for p in parts if _REL.search(p) and re.search(r"[A-Za-z]", _no_cmds(p))]
    return out


def withdraw_against_reason(check: Any, row: str, table: Any) -> None:
    """Withdraw ``check``'s REFUTED unless its witness meets each relation a reason on
    ``row`` states (module doc); add a note when it does."""
    if check.verdict != "REFUTED":
        return
    texts = reason_texts(row)
    if not texts:
        return
    values = {s: sp.nsimplify(check.witness[p.name]) for s, p in table.params.items()
              if check.witness and p.name in check.witness
              and isinstance(check.witness[p.name], numbers.Real)}
    met = all(_holds(t, table, values) for t in texts)
    shown = "; ".join(texts)
    if met:
        check.notes.append(f"the witness meets the step's stated reason ({shown})")
        return
    check.verdict, check.method = "UNDECIDED", "not decided"
    check.detail = (f"the counterexample found does not meet (or cannot be checked against) "
                    f"the step's stated reason '{shown}': state it with '% hb: assume'")
    check.witness = check.lhs_value = check.rhs_value = None


def _holds(text: str, table: Any, values: dict) -> bool:
    """Whether the chain of relations ``text`` holds exactly at ``values`` (False when it
    cannot be read or decided there)."""
    pieces = re.split(r"(\\leq?\b|\\geq?\b|\\lt\b|\\gt\b|<|>|=)", text)
    if len(pieces) < 3 or re.search(r"\\neq?\b|\\in\b", text):
        return False
    try:
        sides = [parse_expression(p, table.scope()) for p in pieces[::2]]
    except (LatexError, ValueError, TypeError):
        return False
    for a, op, b in zip(sides, pieces[1::2], sides[1:], strict=False):
        a, b = sp.sympify(a).xreplace(values), sp.sympify(b).xreplace(values)
        if a.free_symbols or b.free_symbols:
            return False
        if _OPS[op](a, b) is not sp.true:
            return False
    return True


def _no_cmds(text: str) -> str:
    return re.sub(r"\\[A-Za-z]+", "", text)


__all__ = ["reason_texts", "withdraw_against_reason"]
