r"""The shape of a bracket group after a name: an argument, never a factor.

A name written before a group that holds **one name** (``p(x)``, ``H(X)``, ``\mu(A_\epsilon)``,
``P[N_{T,a}]``, ``T_C(x)``, ``\Lambda(n)``, ``h(X_1^n)``, ``g(\hat x)``) or a **set
expression** (``\mu(A \setminus \{a\})``, ``\mu(A \cup B)``, ``\mu(\emptyset)``,
``\nu(\mathcal X \times \mathcal Y)``) is read as a function value: a product ``c \cdot x``
is written ``cx``, never ``c(x)``, and no number is a union of sets. A group holding a
number or a compound (``c(a+b)``, ``n(n+1)``, ``x(1-x)``, ``\sigma(-a)``, ``p(x^2)``) says
nothing here (:func:`argument_group` is False); the parser's other rules decide it.

Reading rule of one name: an optional decoration (``\hat``, ``\bar``, ``\mathcal``, ...,
around one letter), one letter or Greek letter, then any of: primes ``'``, a subscript
(``_i``, ``_{..}``, any content: a label), a superscript that is a label (``*``, ``\star``,
``\prime``, one letter, ``(k)``; never a number or a compound, which is a power).
"""

from __future__ import annotations

from typing import Any

from hallbound.proofs_checks.latex.math_names import (
    LETTERLIKE,
    closer_of,
    is_closer,
    match_group,
    show,
    split_top,
)

#: Decorations of one letter that keep it one name (``\hat x``, ``\mathcal{X}``).
DECORATIONS = frozenset(
    "bar hat tilde overline widehat widetilde check breve dot ddot mathcal mathfrak mathbb "
    "mathscr mathsf mathtt mathit mathrm mathbf boldsymbol bm vec".split()
)
#: Set operators: no product of numbers holds one at its top level.
SET_OPERATORS = frozenset(r"\setminus \cup \cap \backslash \triangle \sqcup".split())
#: Names of sets with no letter (``\emptyset``).
EMPTY_SETS = frozenset(r"\emptyset \varnothing".split())
#: Superscripts that label a name rather than raise it to a power.
_LABEL_SUPERSCRIPTS = frozenset(r"* \star \prime \ast \dagger".split())


def _letter(t: Any) -> bool:
    return t.kind == "letter" or (t.kind == "cmd" and t.text in LETTERLIKE)


def _name_core(toks: list[Any], i: int) -> int:
    """End index of the (possibly decorated) letter at ``i``; -1 when none is there."""
    if i >= len(toks):
        return -1
    t = toks[i]
    if _letter(t):
        return i + 1
    if t.kind != "cmd" or t.text not in DECORATIONS or i + 1 >= len(toks):
        return -1
    if show(toks[i + 1]) == "{":
        close = match_group(toks, i + 1)
        inner = toks[i + 2 : close]
        ok = len(inner) == 1 and _letter(inner[0])
        return close + 1 if ok and close < len(toks) else -1
    return i + 2 if _letter(toks[i + 1]) else -1


def _script_end(toks: list[Any], i: int) -> tuple[int, list[Any]]:
    """End index and content of the script operand at ``i`` (a braced group or a token)."""
    if i >= len(toks):
        return -1, []
    if show(toks[i]) == "{":
        close = match_group(toks, i)
        return (close + 1, toks[i + 1 : close]) if close < len(toks) else (-1, [])
    return i + 1, [toks[i]]


def _label_superscript(inner: list[Any]) -> bool:
    """Whether a superscript's content is a label (``*``, ``\\prime``, ``n``, ``(k)``)."""
    if len(inner) == 1:
        return show(inner[0]) in _LABEL_SUPERSCRIPTS or _letter(inner[0])
    return (len(inner) >= 3 and show(inner[0]) == "(" and show(inner[-1]) == ")"
            and match_group(inner, 0) == len(inner) - 1)


def single_name(toks: list[Any]) -> bool:
    """Whether ``toks`` are exactly one name with its decorations and labels (module doc)."""
    i = _name_core(toks, 0)
    if i < 0:
        return False
    while i < len(toks):
        t = show(toks[i])
        if t == "'":
            i += 1
        elif t in ("_", "^"):
            end, inner = _script_end(toks, i + 1)
            if end < 0 or not inner or (t == "^" and not _label_superscript(inner)):
                return False
            i = end
        else:
            return False
    return True


def _capital_name(toks: list[Any]) -> bool:
    """One name whose letter is a capital or a styled letter (``A_1``, ``\\mathcal X``)."""
    if not single_name(toks):
        return False
    t = toks[0]
    if t.kind == "cmd" and t.text.startswith("math"):
        return True
    return (t.kind == "letter" and t.text.isupper()) or (t.kind == "cmd" and t.text[:1].isupper())


def set_expression(toks: list[Any]) -> bool:
    """Whether ``toks`` are a set: a set operator at the top level (``A \\setminus B``), a
    braced set ``\\{..\\}`` or ``\\emptyset`` among the top-level terms, or a product
    ``A \\times B`` of capital (set) names only (``a \\times b`` may be numbers)."""
    if not toks:
        return False
    depth = 0
    for t in toks:
        if depth == 0 and (show(t) in SET_OPERATORS or show(t) in EMPTY_SETS):
            return True
        if depth == 0 and closer_of(t) is not None and t.kind == "cmd" \
                and t.text in ("{", "lbrace"):
            return True
        if closer_of(t) is not None:
            depth += 1
        elif is_closer(t):
            depth -= 1
    parts = split_top(toks, ("\\times",))
    return len(parts) > 1 and all(_capital_name(p) for p in parts)


def divergence_split(toks: list[Any]) -> tuple[list[Any], list[Any]] | None:
    """``(P, Q)`` when ``toks`` are two single names around one top-level divergence bar
    (``P \\| Q``, ``P || Q``, ``P \\parallel Q``): a divergence's two arguments, never a
    product or a norm (a norm ``\\|x\\|`` has two bars and nothing outside); None otherwise."""
    cuts, depth, k = [], 0, 0
    while k < len(toks):
        t = toks[k]
        if closer_of(t) is not None:
            depth += 1
        elif is_closer(t):
            depth -= 1
        elif depth == 0 and show(t) in ("\\|", "\\parallel"):
            cuts.append((k, k + 1))
        elif depth == 0 and show(t) == "|" and k + 1 < len(toks) and show(toks[k + 1]) == "|":
            cuts.append((k, k + 2))
            k += 1
        k += 1
    if len(cuts) != 1:
        return None
    left, right = toks[: cuts[0][0]], toks[cuts[0][1] :]
    return (left, right) if single_name(left) and single_name(right) else None


def argument_group(toks: list[Any]) -> bool:
    """Whether the content ``toks`` of a group after a name is an argument: one name or a
    set expression (module doc)."""
    return single_name(toks) or set_expression(toks)


__all__ = ["DECORATIONS", "SET_OPERATORS", "argument_group", "divergence_split", "set_expression",
           "single_name"]
