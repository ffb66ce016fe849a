r"""The written order of a product inside a norm or an inner product.

The reader's values are commutative SymPy expressions (every letter a real number), but inside
``\|..\|`` and on each side of ``\langle .., ..\rangle`` papers multiply matrices and vectors:
``\|A B x\|`` is not ``\|B A x\|``. :func:`ordered_text` is the key text of such an argument.

Reading rule: split the argument's tokens at its top-level ``+`` / ``-`` (each summand keeps
its sign). When no summand holds two letter factors (outside scripts), nothing is ordered and
the key text is ``sstr(value)`` as before (``\|x - y\|``, ``\|2 x\|``). Otherwise it is
``sstr(value) [t_1 ; ... ; t_k]`` with ``t_i`` the text of summand ``i`` as written (spacing,
``\left``/``\right``/``\big``, ``\cdot`` dropped), the summands sorted (a sum of vectors is
commutative; a product is not). Two arguments then share a key only when they are the same
summands, each written with its factors in the same order: ``A B x`` and ``B A x`` differ,
``A B x + y`` and ``y + A B x`` agree, and ``2 A x`` and ``A (2 x)`` differ (left undecided).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_names import LETTERLIKE, closer_of, is_closer, show

#: Spacing and sizing tokens: no part of what is written.
_SPACING = frozenset({
    "\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad", "\\left", "\\right", "\\big",
    "\\Big", "\\bigg", "\\Bigg", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\biggl", "\\biggr",
})
#: Tokens that do not change what a product is: spacing, sizing, an explicit product dot.
_SILENT = _SPACING | {"\\cdot"}


def _operand_end(t: Any) -> bool:
    """Whether a sign after ``t`` is a binary ``+`` / ``-`` (``t`` ends an operand)."""
    text = show(t)
    return text.isalnum() or is_closer(t) or text == "'" or (
        t.kind == "cmd" and t.text in LETTERLIKE)


def summands(toks: list[Any]) -> list[list[Any]]:
    """``toks`` split before each top-level ``+`` / ``-`` that follows an operand (a letter,
    a number, a closing bracket): a summand starts with its sign token, if written. A sign
    after an operator (``\\cdot -x``) or a script sign is no split."""
    out: list[list[Any]] = [[]]
    depth = 0
    prev: Any = None
    for t in toks:
        text = show(t)
        if depth == 0 and text in ("+", "-") and prev is not None and _operand_end(prev):
            out.append([])
        if closer_of(t) is not None:
            depth += 1
        elif is_closer(t):
            depth -= 1
        out[-1].append(t)
        if text not in _SPACING:
            prev = t
    return [s for s in out if s]


def letter_factors(toks: list[Any]) -> int:
    """How many letters (``A``, ``x``, ``\\ell``) a summand writes outside its sub- and
    superscripts: with two or more, their order may matter."""
    count, k = 0, 0
    while k < len(toks):
        t = toks[k]
        if show(t) in ("_", "^"):
            k += 1  # skip the script: one token or a whole group
            if k < len(toks) and closer_of(toks[k]) is not None:
                depth = 0
                while k < len(toks):
                    depth += closer_of(toks[k]) is not None
                    depth -= is_closer(toks[k])
                    if depth == 0:
                        break
                    k += 1
        elif t.kind == "letter" or (t.kind == "cmd" and t.text in LETTERLIKE):
            count += 1
        k += 1
    return count


def written_text(toks: list[Any]) -> str:
    """The text of a summand as written, its leading ``+`` and silent tokens dropped."""
    texts = [show(t) for t in toks if show(t) not in _SILENT]
    if texts and texts[0] == "+":
        texts = texts[1:]
    return " ".join(texts)


def ordered_text(value: sp.Basic, toks: list[Any]) -> str:
    """The key text of a norm's argument or an inner product's side (module doc): the value,
    and the written summands when one of them is a product of two or more letters."""
    parts = summands(toks)
    if all(letter_factors(p) < 2 for p in parts):
        return sp.sstr(value)
    return f"{sp.sstr(value)} [{' ; '.join(sorted(written_text(p) for p in parts))}]"
