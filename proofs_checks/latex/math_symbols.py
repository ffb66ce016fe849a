r"""Parser methods for names: a letter or Greek letter with its subscript, a summation
index, an indexed ``x[i]`` inside a sum, or a function value ``f(x)`` (the application rules
are in :mod:`~hallbound.proofs_checks.latex.math_reading`): the :class:`SymbolsMixin` of
:class:`~hallbound.proofs_checks.latex.math_parser.Parser`.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_names import show
from hallbound.proofs_checks.latex.math_tokens import GREEK, Token


class SymbolsMixin:
    """Names and their subscripts (see the module doc)."""

    toks: list[Any]
    pos: int
    scope: Any
    bound: dict[str, sp.Symbol]

    def symbol(self, name: str, latex: str) -> sp.Basic:
        if name in self.scope.objects:
            return self.scope.objects[name]
        sym = self.scope.make_symbol(name, latex)
        self.scope.latex.setdefault(sym, latex)
        return sym

    def name(self, base: str, latex: str, offset: int) -> sp.Basic:
        """A letter or Greek letter with its subscript, or its value at ``(..)`` when it is
        applied (see :mod:`~hallbound.proofs_checks.latex.math_reading`)."""
        value, full, full_latex = self.plain_name(base, latex, offset)
        if value is not None:
            if isinstance(value, sp.Indexed) and self.at("sym", "("):
                if self.application_kind(base, full) == "function":
                    raise self.fail(f"{full_latex}(...): a function indexed by a sum", offset)
            return value
        if full == "e":
            return sp.E
        if full == "i" and "i" not in self.scope.variables and self.scope.make_atom:
            # a free i may be the imaginary unit: a real symbol that refutes nothing
            return self.atom_symbol("imaginary", "i", "i", "i")
        if full not in self.scope.objects and base not in self.scope.objects:
            applied = self.maybe_application(base, full, full_latex, offset)
            if applied is not None:
                return applied
        return self.symbol(full, full_latex)

    def plain_name(self, base: str, latex: str, offset: int) -> tuple[Any, str, str]:
        """``(value, name, latex)``: value is the summation index or indexed ``x[i]`` when
        the name is one, else None (the caller makes the symbol ``name``)."""
        if self.at("sym", "_"):
            self.next()
            sub_toks = self.subscript_tokens()
            text = "".join(t.text for t in sub_toks)
            if len(sub_toks) == 1 and sub_toks[0].text in self.bound:
                value = sp.Indexed(sp.IndexedBase(base, real=True), self.bound[sub_toks[0].text])
                return value, f"{base}_{text}", f"{latex}_{{{text}}}"
            if any(t.text in self.bound for t in sub_toks):
                raise self.fail(
                    f"subscript {text!r} mixes a summation index with other symbols", offset
                )
            if not re.fullmatch(r"[A-Za-z0-9,]+|[A-Za-z0-9]+([+-][A-Za-z0-9]+)*|-[0-9]+", text):
                raise self.fail(f"unsupported subscript {text!r}", offset)
            simple = re.fullmatch(r"[A-Za-z0-9,]+", text)
            name = f"{base}_{text}" if simple else f"{base}_{{{text}}}"  # x_{k+1}
            return None, name, f"{latex}_{{{text}}}"
        if base in self.bound:
            return self.bound[base], base, latex
        return None, base, latex

    def subscript_tokens(self) -> list[Token]:
        if self.at("sym", "{"):
            self.next()
            toks = []
            while not self.at("sym", "}"):
                t = self.next()
                if t.kind == "cmd" and t.text not in GREEK:
                    raise self.fail(f"unsupported subscript command \\{t.text}", t.offset)
                toks.append(t)
            self.next()
            return toks
        t = self.next()
        if t.kind == "num":  # x_12 means x_{1}2
            if len(t.text) > 1:
                self.toks.insert(self.pos, Token("num", t.text[1:], t.offset + 1))
            return [Token("num", t.text[0], t.offset)]
        if t.kind == "letter" or (t.kind == "cmd" and t.text in GREEK):
            return [t]
        raise self.fail(f"unsupported subscript {show(t)!r}", t.offset)


__all__ = ["SymbolsMixin"]
