r"""Decorated compounds and entries of a parenthesised matrix: opaque atoms keyed by what is
written (:class:`DecorationsMixin`, a base of
:class:`~hallbound.proofs_checks.latex.math_parser.Parser`).

Reading rules:

- ``\hat{a+b}``, ``\widehat{f g}``, ``\tilde{..}``, ``\widetilde{..}``, ``\bar{..}``,
  ``\overline{..}`` of a compound: one atom keyed ``overline{KEY}`` with ``KEY`` the
  normalised content (:func:`.math_order.ordered_text` of its value: a product of letters
  keeps its written order; the raw tokens when the content does not read). The atom is
  never the undecorated value and never split (``\overline{a+b}`` is a conjugate for some
  authors, a closure or a mean for others): ``\overline{a+b} = \overline{a} + \overline{b}``
  is never PROVED. The same content read twice is the same atom. A bracket right after it
  (``\widehat{f*g}(\xi)``, ``\overline{\operatorname{cone}}(C)``) is refused: an application
  or a product, which is not known.
- ``\widehat{R_n}`` (one name with a plain subscript): the name ``\widehat{R}_n``, its
  subscript read as usual (so that ``\widehat{R_i}`` in a sum over ``i`` is indexed): the
  accent over the whole name or over its letter only is typography, the same quantity.
- ``(Y^k)_{ii}``, ``(A B)_{ij}``, ``(\log p)_t``: the entry of the parenthesised matrix or
  vector, an opaque atom keyed ``(CONTENT)_LABEL`` as written (like ``[Y^k]_{ij}``,
  :meth:`.math_evaluation.EvaluationMixin.bracket_entry`), never a product. Refused where it
  may be a sequence or a family (``(a_n)_{n}``, ``(X_t)_{t \ge 0}``, ``(x_i)_{i \in I}``: the
  label holds a relation or names an index written as a subscript inside), and with a
  superscript after the label (``(x_k)_{k=1}^n``, ``(Y)_{ij}^2``).
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_names import match_group, raw_key, show
from hallbound.proofs_checks.latex.math_order import ordered_text
from hallbound.proofs_checks.latex.math_tokens import GREEK, RELATIONS

#: Decorations read as an opaque atom around a compound.
COMPOUND_ACCENTS = frozenset("hat widehat tilde widetilde bar overline".split())
#: Label tokens that make ``(..)_{..}`` a family: ``(X_t)_{t \ge 0}``, ``(x_i)_{i \in I}``.
_FAMILY_MARKS = frozenset({"\\in", "\\mathbb", ":", "\\mid", "\\subset", "\\subseteq"})


def _plain_subscripted(toks: list[Any]) -> bool:
    """``R_n``, ``R_{n}``, ``\\theta_{k}``: one letter or Greek letter with a subscript of one
    letter or number."""
    if len(toks) not in (3, 5) or show(toks[1]) != "_":
        return False
    head = toks[0].kind == "letter" or (toks[0].kind == "cmd" and toks[0].text in GREEK)
    sub = toks[2:] if len(toks) == 3 else toks[3:4]
    braced = len(toks) == 3 or (show(toks[2]) == "{" and show(toks[4]) == "}")
    return head and braced and sub[0].kind in ("letter", "num")


def _family_label(inner: list[Any], label: list[Any]) -> bool:
    """Whether ``(inner)_{label}`` may be a sequence or family (module doc)."""
    marks = {show(t) for t in label}
    if marks & _FAMILY_MARKS or any(m in RELATIONS for m in marks):
        return True
    letters = {t.text for t in label if t.kind == "letter" or t.text in GREEK}
    subscripts: set[str] = set()
    for k, t in enumerate(inner[:-1]):
        if show(t) != "_":
            continue
        end = match_group(inner, k + 1) + 1 if show(inner[k + 1]) == "{" else k + 2
        subscripts |= {x.text for x in inner[k + 1 : end] if x.kind == "letter" or x.text in GREEK}
    return bool(letters & subscripts)


class DecorationsMixin:
    """Decorated compounds and ``(..)_{..}`` entries (see the module doc)."""

    toks: list[Any]
    pos: int
    scope: Any

    def accent(self, name: str, offset: int) -> sp.Basic:
        r"""``\hat x``, ``\hat{\theta}``: the name ``xhat``; ``\widehat{R_n}``: the name
        ``Rwidehat_n``; a compound: an opaque atom (module doc)."""
        start, braced = self.pos, self.at("sym", "{")  # type: ignore[attr-defined]
        inner = self.raw_group_text()  # type: ignore[attr-defined]
        if re.fullmatch(r"\\?[A-Za-z]+", inner):
            base = inner.lstrip("\\")
            return self.name(f"{base}{name}", f"\\{name}{{{inner}}}", offset)  # type: ignore[attr-defined]
        toks = self.toks[start + 1 : self.pos - 1]
        if name not in COMPOUND_ACCENTS or not braced:
            raise self.fail(f"\\{name} of a compound expression", offset)  # type: ignore[attr-defined]
        if _plain_subscripted(toks):
            base = show(toks[0]).lstrip("\\")
            self.toks[self.pos : self.pos] = toks[1:]  # the subscript, read after the name
            return self.name(f"{base}{name}", f"\\{name}{{{show(toks[0])}}}", offset)  # type: ignore[attr-defined]
        if self.at_opener():  # type: ignore[attr-defined]
            raise self.fail(f"\\{name}{{..}} of a compound before a bracket: an application "
                            "or a product? not read", offset)  # type: ignore[attr-defined]
        value = self.try_parse(toks)  # type: ignore[attr-defined]
        text = ordered_text(value, toks) if value is not None else f"'{raw_key(toks)}'"
        key = f"{name}{{{text}}}"
        deps = value.free_symbols if value is not None else self.entry_depends(toks)  # type: ignore[attr-defined]
        return self.atom_symbol("decorated", name, key, f"\\{name}{{{raw_key(toks)}}}",  # type: ignore[attr-defined]
                                arg=value, depends=deps)

    def paren_entry(self) -> sp.Basic | None:
        """``(Y^k)_{ii}`` at the position (``(`` next, a subscript after its ``)``): the entry
        atom (consumed); None (nothing consumed) when no subscript follows the bracket.
        Refused when it may be a family or a superscript follows (module doc)."""
        close = match_group(self.toks, self.pos)
        if close + 2 >= len(self.toks) or show(self.toks[close]) != ")" \
                or show(self.toks[close + 1]) != "_":
            return None
        sub = close + 2
        end = match_group(self.toks, sub) + 1 if show(self.toks[sub]) == "{" else sub + 1
        inner, label = self.toks[self.pos + 1 : close], self.toks[sub:end]
        at = self.toks[self.pos].offset
        if end > len(self.toks) or not inner:
            return None
        if end < len(self.toks) and show(self.toks[end]) == "^":
            raise self.fail("(..)_{..}^{..}: a family (x_k)_{k=1}^n or an entry's power? "
                            "not read", at)  # type: ignore[attr-defined]
        if _family_label(inner, label):
            raise self.fail("(..)_{..} may be a sequence or family such as (a_n)_{n}: "
                            "not read", at)  # type: ignore[attr-defined]
        self.pos = end
        key = f"({raw_key(inner)})_{raw_key(label)}"
        deps = self.entry_depends(inner) | self.entry_depends(label)  # type: ignore[attr-defined]
        return self.atom_symbol("func", "entry", key, key, depends=deps)  # type: ignore[attr-defined]


__all__ = ["COMPOUND_ACCENTS", "DecorationsMixin"]
