r"""The evaluation bracket :math:`\left[F\right]_a^b = F(b) - F(a)`, as integrations by parts
and antiderivatives write it (``2 \left[ g(u)^2 \right]_0^{1/2}``).

The variable is the one symbol ``F`` depends on (a plain symbol of ``F``, or the argument of a
function value in it: ``g(u)`` depends on ``u``); ``F`` is read again with that variable
bound to each end, so a function value becomes its value there (``g(1/2)``, the same atom as
a ``g\left(\frac12\right)`` written elsewhere). A bracket whose ``F`` depends on several
symbols (which one is the variable?) or on none is refused with a message saying so. At an
end ``+-\infty`` the value of ``F`` is its limit there (:mod:`.math_limits`: a number only
where SymPy and mpmath agree, else an opaque atom of the limit), never ``F`` at infinity.

The evaluation bar ``F \Big|_a^b`` is read as ``[F]_a^b`` when it ends a side whose ``F`` is
one term (no top-level ``+`` or ``-``: a constant factor gives the same value under either
extent) and nothing but punctuation follows (:func:`bar_as_bracket`); a bar inside a side
or after a sum keeps its refusal (which terms does it cover?).

A bracket with a subscript only, ``[Y^k]_{ij}``, is an entry of the bracketed matrix: an opaque
atom keyed by the bracket's content and the subscript (:meth:`EvaluationMixin.bracket_entry`).
A bracket around one name with both scripts (``[Y]_{ij}^2``) is no evaluation (of what
variable?): it is refused, never read as ``Y(2) - Y(ij)``.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_arguments import single_name
from hallbound.proofs_checks.latex.math_names import (
    closer_of,
    is_closer,
    match_group,
    raw_key,
    show,
    split_top,
)
from hallbound.proofs_checks.latex.math_tokens import Token

#: Size commands that may precede the bar.
_SIZES = frozenset("big Big bigg Bigg bigr Bigr biggr Biggr right".split())


def _one_term(toks: list[Any]) -> bool:
    """Whether ``toks`` hold no top-level ``+``/``-`` after their first token."""
    depth = 0
    for k, t in enumerate(toks):
        if closer_of(t) is not None:
            depth += 1
        elif is_closer(t):
            depth -= 1
        elif depth == 0 and k > 0 and t.kind == "sym" and t.text in "+-":
            return False
    return True


def bar_as_bracket(piece: list[Any]) -> list[Any] | None:
    r"""The tokens of one side ``F \Big|_a^b`` (``F`` one term, the bar last but for
    punctuation) rewritten as ``[F]_a^b``; None when the side is not of that shape."""
    toks = list(piece)
    while toks and toks[-1].kind in ("sym", "cmd") and toks[-1].text in (".", ",", ";", "!"):
        toks.pop()
    bars = [k for k, t in enumerate(toks) if t.kind == "sym" and t.text == "|"]
    if len(bars) != 1:
        return None
    k = bars[0]
    head = toks[:k]
    if head and head[-1].kind == "cmd" and head[-1].text in _SIZES:
        head = head[:-1]
    tail = toks[k + 1 :]
    if not head or not tail or show(tail[0]) not in ("_", "^") or not _one_term(head):
        return None
    j, marks = 0, set()
    while j < len(tail) and show(tail[j]) in ("_", "^") and show(tail[j]) not in marks:
        marks.add(show(tail[j]))
        j += 1
        if j < len(tail) and closer_of(tail[j]) is not None:
            j = match_group(tail, j) + 1
        else:
            j += 1
    if marks != {"_", "^"} or j != len(tail):
        return None
    at = toks[k].offset
    return [Token("sym", "[", head[0].offset), *head, Token("sym", "]", at), *tail]


class EvaluationMixin:
    """``[F]_a^b`` at the parser's position (see the module doc)."""

    toks: list[Any]
    pos: int
    scope: Any
    bound: dict[str, Any]

    def evaluation_bracket(self) -> sp.Basic | None:
        """``[F]_a^b`` / ``[F]^b_a`` at the position (``[`` next): ``F(b) - F(a)``
        (consumed); None (nothing consumed) when no ``_``/``^`` pair follows the bracket."""
        start = self.pos
        close = match_group(self.toks, self.pos)
        if close + 1 >= len(self.toks) or show(self.toks[close]) != "]":
            return None
        if show(self.toks[close + 1]) not in ("_", "^"):
            return None
        inner = self.toks[start + 1 : close]
        if single_name(inner):  # [Y]_{ij}^2: an entry's power, never Y(2) - Y(ij)
            return None
        self.pos = close + 1
        ends: dict[str, Any] = {}
        for _ in range(2):
            for mark in ("_", "^"):
                if mark not in ends and self.at("sym", mark):  # type: ignore[attr-defined]
                    self.next()  # type: ignore[attr-defined]
                    ends[mark] = self.script()  # type: ignore[attr-defined]
        if len(ends) != 2:
            self.pos = start
            return None
        lower, upper = ends["_"], ends["^"]
        offset = self.toks[start].offset
        for end in (lower, upper):
            if end.has(sp.oo, -sp.oo, sp.zoo) and end not in (sp.oo, -sp.oo):
                raise self.fail("an evaluation [F] at an end that is not finite or "
                                "+-infinity: not read", offset)  # type: ignore[attr-defined]
        name = self.bracket_variable(inner, offset)
        written = raw_key(self.toks[start : self.pos])
        return self.end_value(inner, name, upper, written) \
            - self.end_value(inner, name, lower, written)

    def end_value(self, inner: list[Any], name: str, end: sp.Basic, written: str) -> sp.Basic:
        """``F(end)``; at ``+-oo`` the limit of ``F`` there (:mod:`.math_limits`: a value
        SymPy and mpmath agree on, else an opaque atom), never ``F`` at infinity."""
        if end not in (sp.oo, -sp.oo):
            return self.value_at(inner, name, end)
        var = sp.Symbol(name, real=True)
        body = self.value_at(inner, name, var)
        return self.limit_value("lim", body, var, end, "", written)  # type: ignore[attr-defined]

    def bracket_entry(self) -> sp.Basic | None:
        """``[Y^k]_{ij}`` at the position (``[`` next, a subscript after its ``]`` and no
        superscript after that): an entry of the bracketed matrix, an opaque atom keyed by the
        bracket's content and the subscript as written (consumed); never a product. None
        (nothing consumed) for any other bracket."""
        close = match_group(self.toks, self.pos)
        if close + 2 >= len(self.toks) or show(self.toks[close]) != "]" \
                or show(self.toks[close + 1]) != "_":
            return None
        sub = close + 2
        end = match_group(self.toks, sub) + 1 if show(self.toks[sub]) == "{" else sub + 1
        if end > len(self.toks) or (end < len(self.toks) and show(self.toks[end]) == "^"):
            return None
        inner, label = self.toks[self.pos + 1 : close], self.toks[sub:end]
        if not inner:
            return None
        self.pos = end
        key = f"[{raw_key(inner)}]_{raw_key(label)}"
        deps = self.entry_depends(inner) | self.entry_depends(label)
        return self.atom_symbol("func", "entry", key, key, depends=deps)  # type: ignore[attr-defined]

    def entry_depends(self, toks: list[Any]) -> set:
        """The symbols an entry's content or subscript names: those of each comma-separated
        piece that reads (``[A x]_{i,j}``), and every bound index spelled by a letter among
        ``toks`` (read or not), so that a sum over ``i`` keeps ``[A x]_i`` inside."""
        body = toks[1:-1] if toks and show(toks[0]) == "{" else toks
        deps: set = set()
        for piece in split_top(body, (",",)):
            value = self.try_parse(piece)  # type: ignore[attr-defined]
            if value is not None:
                deps |= value.free_symbols
        bound = self.bound  # type: ignore[attr-defined]
        named = {t.text for t in toks if t.kind in ("letter", "cmd")}
        return deps | {bound[name] for name in named & set(bound)}

    def bracket_variable(self, inner: list[Any], offset: int) -> str:
        """The name of the one symbol ``F`` (``inner``) depends on; refused otherwise."""
        value = self.sub_parse(inner)  # type: ignore[attr-defined]
        if isinstance(value, sp.MatrixBase):
            raise self.fail("an evaluation [F] of a vector or matrix", offset)  # type: ignore[attr-defined]
        atoms = self.scope.atoms
        names: set[str] = set()
        for s in value.free_symbols:
            deps = atoms[s].depends if s in atoms else {s}
            names |= {d.name for d in deps if isinstance(d, sp.Symbol)}
        if len(names) != 1:
            which = ", ".join(sorted(names)) or "no symbol"
            raise self.fail(  # type: ignore[attr-defined]
                f"an evaluation [F]_a^b (or evaluation bar F|_a^b) needs one variable in F "
                f"(it has {which})", offset)
        return names.pop()

    def value_at(self, inner: list[Any], name: str, end: sp.Basic) -> sp.Basic:
        """``F`` (``inner``) read with the symbol ``name`` standing for ``end``."""
        with self.binding(name, end):  # type: ignore[attr-defined]
            return self.sub_parse(inner)  # type: ignore[attr-defined]


__all__ = ["EvaluationMixin"]
