r"""The written order of a product inside a norm, an inner product or bars ``|..|``.

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

Bars ``|..|`` are an absolute value, unless a summand writes an operator product
(:func:`operator_product`): an upper-case letter directly followed by another letter factor,
``|A B x|``, ``|A x|``, ``|\Sigma v|``. Then the bars may be a vector norm or a determinant,
so the reader keeps the written order as it does for ``\|..\|`` (an atom ``>= 0``), and
``|A B x| = |B A x|`` is never proved. ``|t X|``, ``|E[X]|``, ``|S_n / n|`` stay scalars.
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


#: Upper-case Greek letters that name matrices (``\Sigma^{1/2} x``).
_MATRIX_GREEK = frozenset({"Sigma", "Lambda"})


def _script_end(toks: list[Any], k: int) -> int:
    """The index after the sub-/superscripts and primes that start at ``k``."""
    while k < len(toks) and show(toks[k]) in ("_", "^", "'"):
        if show(toks[k]) == "'":
            k += 1
            continue
        k += 1
        if k < len(toks) and closer_of(toks[k]) is not None:
            depth = 0
            while k < len(toks):
                depth += closer_of(toks[k]) is not None
                depth -= is_closer(toks[k])
                k += 1
                if depth == 0:
                    break
        else:
            k += 1
    return k


def _upper(t: Any) -> bool:
    return (t.kind == "letter" and len(t.text) == 1 and t.text.isupper()) or (
        t.kind == "cmd" and t.text in _MATRIX_GREEK)


def operator_product(toks: list[Any], scalars: Any = frozenset()) -> bool:
    r"""Whether a top-level summand of ``toks`` writes an upper-case letter (``A``,
    ``\Sigma``) directly followed, after its scripts, by another letter factor (``A B``,
    ``A x``, ``A_1^T y``): a product that may be of matrices and vectors (module doc). A
    letter in ``scalars`` (a stated real interval: ``% hb: assume E > 0``) is a number."""
    for part in summands(toks):
        texts = [t for t in part if show(t) not in _SILENT]
        depth = 0
        for k, t in enumerate(texts):
            if closer_of(t) is not None:
                depth += 1
            elif is_closer(t):
                depth -= 1
            if depth or not _upper(t) or t.text in scalars:
                continue
            j = _script_end(texts, k + 1)
            nxt = texts[j] if j < len(texts) else None
            if nxt is not None and (
                nxt.kind == "letter" or (nxt.kind == "cmd" and nxt.text in LETTERLIKE)
            ):
                return True
    return False
