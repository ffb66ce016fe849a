r"""What a ``\text{..}`` remark on a row may leave unread (the tokenizer ends the formula at
the remark: :func:`~hallbound.proofs_checks.latex.math_tokens.tokenize`).

Two kinds of remark cannot be cut off in silence, and refuse the row instead (a
:class:`~hallbound.proofs_checks.latex.math_tokens.LatexError` naming the remark):

* **a condition** (``\text{for } x \ge 0``, ``\quad\text{if } x < 0``, ``\text{provided
  $t > 0$}``, ``\text{as long as}``, ``\text{unless}``, ``\text{whenever}``, ...) followed by
  mathematics, or with mathematics (``$..$``) inside: the row states its relation only
  under the condition; checked without it, a true step is refuted (``\sqrt{x^2} = x`` for
  ``x \ge 0``). The condition is to be stated with ``% hb: assume``. (A condition that reads
  as relations over the row's variables never gets here: the row is read up to it, and it
  is the row's assumption, :mod:`.row_conditions`.) A universal remark over bare names
  (``\text{for all } x, y``) restricts nothing and is passed over;
* **a relation after any remark** (``x+1 \le 2x+1 \text{ and hence } \le x``,
  ``\quad\text{so}\quad x + 1 \le x``): a claim of the row that would be dropped. Only a
  justification (``\text{since }``, ``\text{because of } a < 1``, ``\text{by }``, ...) may
  carry a relation: it is a reason, not a claim of the chain, and the step is checked
  without it (never with more than the stated assumptions).

Any other remark (``\text{(by Jensen)}``, ``\text{a.s.}``, ``\text{for all } n``) ends the
formula as before.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from typing import Any

#: Words that open a condition (matched whole, at the start of the remark).
CONDITION_WORDS = (
    "for", "if", "iff", "only if", "when", "whenever", "where", "wherever", "provided",
    "providing", "as long as", "as", "unless", "given", "assuming", "assume", "with", "on",
    "in", "except", "such that", "s.t.", "in case", "whence", "so long as", "at",
)
#: Words that open a justification (a reason for the step, not one of its claims).
JUSTIFICATION_WORDS = (
    "since", "because", "by", "due to", "using", "from", "thanks to", "as shown", "cf.",
    "see",
)


def _opening(words: Sequence[str]) -> re.Pattern[str]:
    """A pattern matching one of ``words`` whole at the start (the longest first)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?:{alternatives})(?![a-z])")


_CONDITION = _opening(CONDITION_WORDS)
_JUSTIFICATION = _opening(JUSTIFICATION_WORDS)
_UNIVERSAL = re.compile(r"for\s+(?:all|every|any|each)\s*$")
#: Greek names (a reason's relation over one may be contradicted by a witness).
_GREEK_NAMES = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu "
    "xi pi rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma "
    "Phi Psi Omega".split())
#: Set relations a reason may state (``\text{by } x \in [0,1]``), besides the order ones.
_SET_RELATIONS = frozenset("in notin subset subseteq supset supseteq ne neq".split())
#: A relation inside ``$..$`` of a remark (``\text{since $x \le 1$}``).
_INLINE_RELATION = re.compile(r"\$[^$]*(?:[<>=]|\\(?:le|ge|leq|geq|lt|gt|ne|neq|in|notin|"
                              r"subset|subseteq|leqslant|geqslant)(?![A-Za-z]))[^$]*\$")
#: ``\forall x \in \mathbb{R}``: a range over all reals (token texts), no restriction.
_REALS = frozenset(("mathbbR", "R", "Reals", "mathbbR^n", "mathbbR^d"))
_NO_BRACES = str.maketrans("", "", "{}")
#: Tokens after a remark that carry no mathematics (punctuation, closing brackets).
_PUNCTUATION = frozenset(",.;:)]}&")


def group_text(text: str, base: int, raw: Sequence[Any], i: int, j: int) -> tuple[str, str]:
    """The source between the braces of the group ``raw[i:j]`` (offsets shifted by
    ``base`` in ``text``; ``""`` when ``raw[i]`` opens no group) and the source after it."""
    if j <= i + 1 or raw[i].text != "{":
        return "", text[raw[i].offset - base:] if i < len(raw) else ""
    return (text[raw[i].offset - base + 1 : raw[j - 1].offset - base],
            text[raw[j - 1].offset - base + 1:])


def _words(remark: str) -> str:
    r"""The remark in lower case, ``~`` and spacing commands as spaces, leading punctuation
    and a leading ``and``/``or`` dropped: ``\text{~and for }`` gives ``for``."""
    out = re.sub(r"~|\\[,;: !]|\\q?quad", " ", remark).lower()
    out = re.sub(r"^[\s,;:.(\[]*(?:(?:and|or|but)\s+)?", "", out)
    return out.strip()


def _meaningful(after: Sequence[Any], spacing: Container[str],
                remarks: Container[str]) -> list[Any]:
    r"""The tokens of ``after`` that carry mathematics: spacing commands, punctuation,
    closing brackets and later ``\text{..}`` groups (their words) left out."""
    out: list[Any] = []
    k = 0
    while k < len(after):
        t = after[k]
        if t.kind == "cmd" and t.text in remarks:
            k += 1
            depth = 0
            while k < len(after):  # the remark's braced words
                depth += (after[k].text == "{") - (after[k].text == "}")
                k += 1
                if depth <= 0:
                    break
            continue
        if not ((t.kind == "cmd" and t.text in spacing)
                or (t.kind == "sym" and t.text in _PUNCTUATION)):
            out.append(t)
        k += 1
    return out


def remark_condition(remark: str) -> bool:
    r"""Whether the remark ``\text{remark}`` opens with a condition word (``for``, ``if``)."""
    return bool(_CONDITION.match(_words(remark)))


def _names_only(tokens: Sequence[Any]) -> bool:
    r"""Whether ``tokens`` are bare names (``x, y``, ``x_1``, ``\alpha``): no relation, set
    or operation."""
    return all(t.kind in ("letter", "num") or (t.kind == "sym" and t.text in ",_{}")
               or (t.kind == "cmd" and t.text.isalpha() and t.text not in ("in", "notin"))
               for t in tokens) and any(t.kind in ("letter", "cmd") for t in tokens)


def _relational(tokens: Sequence[Any], relations: Container[str]) -> bool:
    r"""Whether ``tokens`` hold a relation (``\le``, ``=``) or a set relation (``\in``)."""
    return any((t.text if t.kind == "sym" else "\\" + t.text) in relations
               or (t.kind == "cmd" and t.text in _SET_RELATIONS) for t in tokens)


def _continues(token: Any) -> bool:
    r"""Whether ``token``, the first after a reason, is a binary operator (``+``, ``\cdot``):
    the maths goes on with the side, it is no relation the reason states."""
    if token.kind == "sym":
        return token.text in ("+", "-", "*", "/")
    return token.kind == "cmd" and token.text in ("cdot", "times", "pm", "mp", "div")


def remark_refusal(remark: str, rest: str, after: Sequence[Any], relations: Container[str],
                   spacing: Container[str], remarks: Container[str]) -> str | None:
    r"""Why the row must be refused at the remark ``\text{remark}`` followed by the tokens
    ``after`` (their source ``rest``, quoted in the message; rules of the module doc), or
    None when the remark may end the formula.
    ``relations``: relation token texts (``=``, ``\le``); ``spacing``: commands that carry
    nothing (``quad``); ``remarks``: the ``\text``-like commands."""
    words = _words(remark)
    math = _meaningful(after, spacing, remarks)
    shown = re.sub(r"\s+", " ", f"\\text{{{remark}}}{rest}").strip()
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    if _JUSTIFICATION.match(words):
        if math and _continues(math[0]):
            return (f"maths after the remark '{shown}' continues the side (an operator "
                    "follows the reason): the row is not checked; put the reason at the end "
                    "of the row, or in brackets")
        return None  # a reason: checked without it; a REFUTED must meet it (stated_reasons)
    if "$" in remark and not _CONDITION.match(words):
        return (f"the remark '{shown}' states something of the row's variables that is not "
                "read (a condition?): the step is not checked; state the condition with "
                "'% hb: assume'")
    condition = _CONDITION.match(words)
    if condition and (math or "$" in remark):
        if _UNIVERSAL.match(words) and "$" not in remark and _names_only(math):
            return None  # "for all x": no restriction
        return (f"the remark '{shown}' states a condition ('{condition.group()} ...'): the "
                "step holds only under it and is not checked; state the condition with "
                "'% hb: assume' (and write the step without the remark)")
    related = [t for t in math
               if (t.text if t.kind == "sym" else "\\" + t.text) in relations]
    if related:
        return (f"a relation after the remark '{shown}' is not read: the row is not "
                "checked; write the relation as a row of its own (or continue the chain "
                "without the remark)")
    return None


def forall_refusal(rest: str, after: Sequence[Any], relations: Container[str],
                   spacing: Container[str], remarks: Container[str]) -> str | None:
    r"""Why a row must be refused at ``\forall`` followed by the tokens ``after`` (their
    source ``rest``), or None when the quantifier may end the formula: over bare names
    (``\forall x, y``) or all reals (``\forall x \in \mathbb{R}``) it restricts nothing;
    any other range (``\forall x \ge 1``, ``\forall x \in [0,1]``) is a condition, as
    ``\text{for } x \ge 1`` is: checked without it, a true step is refuted."""
    math = _meaningful(after, spacing, remarks)
    if not math or (_names_only(math) and not _relational(math, relations)):
        return None
    at = next((k for k, t in enumerate(math) if t.kind == "cmd" and t.text == "in"), None)
    if at is not None and _names_only(math[:at]) \
            and "".join(t.text for t in math[at + 1:]).translate(_NO_BRACES) in _REALS:
        return None
    shown = re.sub(r"\s+", " ", f"\\forall {rest}").strip()
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return (f"the quantifier '{shown}' states a condition: the step holds only under it "
            "and is not checked; state the condition with '% hb: assume' (and write the "
            "step without it)")


_COLUMN_REMARK = re.compile(
    r"\\(?:text|textrm|mbox|hbox|textnormal|textit)\s*\{(?P<words>[^{}]*)\}(?P<rest>.*)", re.S)


def column_states_condition(column: str) -> bool:
    r"""Whether a comment column (``&& \text{if } x < 0``, ``& \text{for } t \ge 0``) holds
    a remark that states a condition over mathematics (then the column is left on the row,
    for :func:`remark_refusal` to refuse it; any other column is blanked as a comment)."""
    m = _COLUMN_REMARK.search(column)
    if m is None:
        return False
    words = _words(m.group("words"))
    if _JUSTIFICATION.match(words) or not _CONDITION.match(words):
        return False
    rest = re.sub(r"[\s,.;:)\]}&]|\\q?quad|\\[,;!: ]", "", m.group("rest"))
    return "$" in m.group("words") or bool(rest)


meaningful = _meaningful

__all__ = ["CONDITION_WORDS", "JUSTIFICATION_WORDS", "column_states_condition",
           "forall_refusal", "group_text", "meaningful", "remark_condition", "remark_refusal"]
