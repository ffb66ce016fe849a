r"""Parser methods for names: a letter or Greek letter with its subscript, a summation
index, an indexed ``x[i]`` inside a sum, or a function value ``f(x)`` (the application rules
are in :mod:`~hallbound.proofs_checks.latex.math_reading`): the :class:`SymbolsMixin` of
:class:`~hallbound.proofs_checks.latex.math_parser.Parser`.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_atoms import CONVENTIONAL_FUNCTIONS
from hallbound.proofs_checks.latex.math_defined import defined_value
from hallbound.proofs_checks.latex.math_names import Evidence, raw_key, show
from hallbound.proofs_checks.latex.math_reading import label_name, split_top
from hallbound.proofs_checks.latex.math_tokens import GREEK, Token, skip_group


class SymbolsMixin:
    """Names and their subscripts (see the module doc)."""

    toks: list[Any]
    pos: int
    scope: Any
    bound: dict[str, sp.Symbol]

    def symbol(self, name: str, latex: str) -> sp.Basic:
        if name in self.scope.objects:
            return self.scope.objects[name]
        if name in getattr(self.scope, "values", {}):
            return defined_value(name, self.scope.values[name][0], self.bound, self.offset())
        if name in getattr(self.scope, "substituted", {}):  # replaced later: not captured here
            defined_value(name, self.scope.substituted[name], self.bound, self.offset())
        sym = self.scope.make_symbol(name, latex)
        self.scope.latex.setdefault(sym, latex)
        return sym

    def name(self, base: str, latex: str, offset: int) -> sp.Basic:
        """A letter or Greek letter with its subscript, or its value at ``(..)`` when it is
        applied (see :mod:`~hallbound.proofs_checks.latex.math_reading`)."""
        value, full, full_latex = self.plain_name(base, latex, offset)
        if value is _OPAQUE_LABEL:  # d_{I^\circ}, f_{n_0(x)}: a name of its own, opaque
            applied = self.maybe_application(base, full, full_latex, offset)
            if applied is not None:
                return applied
            return self.atom_symbol("label", base, full, full_latex)
        if value is not None:
            if isinstance(value, sp.Indexed) and self.at("sym", "("):
                if self.application_kind(base, full) == "function":
                    return self.indexed_application(base, value, full_latex)
            if isinstance(value, sp.Symbol) and self.function_index(base):
                # \sup_{h \in H} h(x): the bound name is a function, h(x) its value
                applied = self.maybe_application(base, full, full_latex, offset)
                if applied is not None:
                    return applied
            return value
        if full == "e" and "e" not in self.scope.variables:
            # Euler's number, unless the text declares e a variable (a domain, `variable e`)
            return sp.E
        if full == "i" and "i" not in self.scope.variables and self.scope.make_atom:
            # a free i may be the imaginary unit: a real symbol that refutes nothing
            return self.atom_symbol("imaginary", "i", "i", "i")
        if full not in self.scope.objects and base not in self.scope.objects:
            applied = self.maybe_application(base, full, full_latex, offset)
            if applied is not None:
                return applied
        return self.symbol(full, full_latex)

    def indexed_application(self, base: str, value: sp.Indexed, latex: str) -> sp.Basic:
        """``f_i(x)`` inside a sum over ``i`` (the bracket at the position): an atom keyed
        ``f_[i](x)`` that depends on ``i``, so that the sum of it stays opaque (never ``n``
        times one value, never confused with a free ``f_i(x)``)."""
        toks = self.read_group_tokens()
        args, deps = self.args_key(toks, (",", ";", ":"))
        index = value.indices[0]
        key = f"{base}_[{sp.sstr(index)}]({args})"
        shown = f"{latex}({raw_key(toks)})"
        return self.atom_symbol("func", base, key, shown, depends=deps | {index})

    def label_superscript(self, base: Any) -> sp.Basic | None:
        """``x^{(i)}`` (after the ``^``, consumed): the i-th ``x``, a symbol of its own
        (``x^{(1)}``), or the indexed ``x^()[i]`` when ``i`` is a summation index; never the
        power ``x^i``. None (nothing consumed) for any other superscript or base."""
        if not (isinstance(base, sp.Symbol) and base in self.scope.latex):
            return None
        if self.pos >= 2 and self.toks[self.pos - 2].text in (")", "]"):
            return None  # (x)^{(2)}: a bracket's power
        if not (self.at("sym", "{") and self.at("sym", "(", 1) and self.at("sym", ")", 3)):
            return None
        label = self.peek(2)
        if not self.at("sym", "}", 4) or label is None or label.kind not in ("letter", "num"):
            return None
        self.pos += 5
        name, tex = f"{base.name}^()", f"{self.scope.latex[base]}^{{({label.text})}}"
        if label.text in self.bound:
            return sp.Indexed(sp.IndexedBase(name, real=True), self.bound[label.text])
        return self.symbol(f"{name}_{label.text}", tex)

    def word_superscript(self, base: Any, at: int) -> sp.Basic | None:
        """``N^{int}(A)``, ``N^{int}_\\varepsilon(A)`` (at the ``^``): a superscript word of two
        letters or more on a name applied to a bracket is a label of a function (an internal
        covering number) or a power times a bracket. It is read as the label, the value
        ``N^{int}_\\varepsilon(A)`` of a function of its own (:meth:`labelled_application`),
        when none of the word's letters is used as a name anywhere else in the environment
        (no power ``N^{i n t}`` of letters that occur nowhere else is meant) and the bracket
        holds one set-like name (a capital letter with an optional subscript: no product
        ``c \\cdot (B_1)`` brackets one symbol); otherwise the formula is refused. None
        (nothing consumed) for any other superscript."""
        if not (isinstance(base, sp.Symbol) and base in self.scope.latex):
            return None
        if not self.at("sym", "{"):
            return None
        k = self.pos + 1
        while k < len(self.toks) and self.toks[k].kind == "letter":
            k += 1
        if k - self.pos - 1 < 2 or not (k < len(self.toks) and self.toks[k].text == "}"):
            return None
        word = "".join(t.text for t in self.toks[self.pos + 1 : k])
        nxt = k + 1  # a subscript written after the word is read first (subscript_first)
        if nxt + 1 < len(self.toks) and self.toks[nxt].text == "_":
            nxt = skip_group(self.toks, nxt + 1) if self.toks[nxt + 1].text == "{" else nxt + 2
        if not (nxt < len(self.toks) and self.toks[nxt].text == "("):
            return None
        if self.unused_letters(word, base) and _set_like(self.toks, nxt):
            return self.labelled_application(base, word, k + 1)
        raise self.fail("a superscript word on a name applied to a bracket "
                        "(N^{int}(A)): a function's label or a power? Write the "
                        "function as one name (N_{int}) or the power with \\cdot", at)

    def unused_letters(self, word: str, base: sp.Symbol | None = None) -> bool:
        """Whether no letter of ``word`` is used as a name elsewhere in the environment (on
        its own, applied, declared, a bound index, or any letter written outside such a
        word: ``m`` in ``c^{mn}`` or ``x_m``), and ``base`` is not a declared variable."""
        env = getattr(self.scope, "evidence", None) or Evidence()
        declared = getattr(self.scope, "variables", set())
        if base is not None and (base.name in declared
                                 or self.scope.latex.get(base, "") in declared):
            return False
        used = (env.standalone | self.row_evidence.standalone | set(env.applied)
                | set(self.row_evidence.applied) | set(self.bound) | env.letters
                | self.row_evidence.letters
                | declared | getattr(self.scope, "functions", set()))
        return not any(c in used for c in word)

    def labelled_application(self, base: sp.Symbol, word: str, after: int) -> sp.Basic:
        """The atom ``N^{word}_{sub}(A)``: the position is past the word's ``}`` (``after``);
        the subscript and the bracket are consumed."""
        self.pos = after
        tex = f"{self.scope.latex[base]}^{{{word}}}"
        name = f"{base.name}^{word}"
        if self.at("sym", "_"):
            self.next()
            sub = raw_key(self.subscript_tokens())
            tex, name = f"{tex}_{{{sub}}}", f"{name}_{{{sub}}}"
        toks = self.read_group_tokens()
        args, deps, parsed = self.args_read(toks, (",",))
        return self.atom_symbol("func", name, f"{name}({args})", f"{tex}({raw_key(toks)})",
                                arg=parsed, depends=deps)

    def function_index(self, base: str) -> bool:
        """Whether the bound index ``base`` is applied as a function at the position
        (``\\sup_{f \\in F} f(x)``): a conventional function letter or a declared function
        followed by a bracket. Any other index (``\\sum_i i(i+1)``) is a number."""
        if not (self.at("sym", "(") or self.at("sym", "[")):
            return False
        return base in CONVENTIONAL_FUNCTIONS or base in getattr(self.scope, "functions", set())

    def plain_name(self, base: str, latex: str, offset: int) -> tuple[Any, str, str]:
        """``(value, name, latex)``: value is the summation index or indexed ``x[i]`` when
        the name is one, else None (the caller makes the symbol ``name``).

        A subscript is a label: ``x_1``, ``x_{k+1}``, ``N_{t,A_t}``, ``f_{i_0}``,
        ``\\mu_{a^*}`` name symbols of their own (a subscript with other commands or brackets,
        ``d_{I^\\circ}``, is :data:`_OPAQUE_LABEL`). Inside a sum over ``i``, ``x_i`` is the
        indexed ``x[i]``; a subscript that holds the index with other symbols (``x_{i,j}``,
        ``\\mu_{A_i}``) is refused (the base of a nested name, the ``i`` of ``f_{i_0}``, is no
        use of the index)."""
        if self.at("sym", "_"):
            self.next()
            sub_toks = self.subscript_tokens()
            text = _label_text(sub_toks)
            own = label_name(base, sub_toks)
            if own in self.bound:  # an integration variable with a subscript (d\omega_1)
                return self.bound[own], own, f"{latex}_{{{text}}}"
            if len(sub_toks) == 1 and sub_toks[0].text in self.bound:
                value = sp.Indexed(sp.IndexedBase(base, real=True), self.bound[sub_toks[0].text])
                return value, f"{base}_{text}", f"{latex}_{{{text}}}"
            if _uses_index(sub_toks, self.bound):
                return self.index_subscript(base, latex, sub_toks, text, offset), "", ""
            commands = any(t.kind == "cmd" and t.text not in GREEK and t.text not in _LABEL_CMDS
                           for t in sub_toks)
            if commands or not (
                re.fullmatch(r"[A-Za-z0-9,]+|[A-Za-z0-9]+([+-][A-Za-z0-9]+)*|-[0-9]+", text)
                or _LABEL.fullmatch(text)
            ):
                raw = raw_key(sub_toks)
                return _OPAQUE_LABEL, f"{base}_{{{raw}}}", f"{latex}_{{{raw}}}"
            simple = re.fullmatch(r"[A-Za-z0-9,]+", text)
            name = f"{base}_{text}" if simple else f"{base}_{{{text}}}"  # x_{k+1}
            return None, name, f"{latex}_{{{text}}}"
        if base in self.bound:
            return self.bound[base], base, latex
        return None, base, latex

    def index_subscript(self, base: str, latex: str, sub_toks: list[Token], text: str,
                        offset: int) -> sp.Basic:
        """A subscript that uses a summation index with other symbols (``N_{t,a}``,
        ``\\mu_{A_s}`` inside a sum over ``a`` or ``s``): the value of the function ``base``
        at the subscript's parts, an atom keyed ``N(t, a)``, ``mu(A[s])`` that depends on the
        index (so that the sum of it stays opaque). A subscript with brackets or commands
        (``d_{B(x_i, r)}``), a part that cannot be read, or a bracket after the name keeps
        the refusal."""
        parts = [piece for part in split_top(sub_toks, (",",)) for piece in _index_pieces(part)]
        plain = all(t.kind in ("letter", "num") or t.text in _INDEX_SYMS or t.text in GREEK
                    or t.text in _LABEL_CMDS for t in sub_toks)
        values = [self.try_parse(part) for part in parts] if plain else [None]
        mixed = next((part for part in parts if _digit_by_letter(part)), None)
        if mixed is not None:  # a_{2i}: the entry (2, i) or the term 2i? a_{i1}: (i, 1)?
            shown = "".join(t.text for t in mixed)
            entry = ",".join(t.text for t in mixed) if len(mixed) == 2 else "2,i"
            term = entry.replace(",", " \\cdot ")
            raise self.fail(
                f"subscript {text!r}: {shown!r} sets a number beside an index (an entry "
                f"{base}_{{{entry}}}? a term {base}_{{{shown}}}?); write the entry with a comma "
                f"({base}_{{{entry}}}) or the term with an operator ({base}_{{{term}}})",
                offset,
            )
        juxtaposed = any(_adjacent_letters(part) for part in parts)  # ik+1: (i,k+1)? i k+1?
        if juxtaposed or any(v is None for v in values) or self.at("sym", "(") \
                or self.at("sym", "["):
            raise self.fail(
                f"subscript {text!r} mixes a summation index with other symbols", offset
            )
        deps: set = set()
        for v in values:
            deps |= v.free_symbols
        key = f"{base}({', '.join(sp.sstr(v) for v in values)})"
        return self.atom_symbol("func", base, key, f"{latex}_{{{text}}}",
                                arg=sp.Tuple(*values), depends=deps)

    def subscript_tokens(self) -> list[Token]:
        """The tokens of a subscript: a braced group (nested groups, Greek letters, ``*``,
        ``'`` and ``\\prime`` allowed) or one token (``x_12`` is ``x_{1}2``)."""
        if self.at("sym", "{"):
            close = skip_group(self.toks, self.pos) - 1
            toks = self.toks[self.pos + 1 : close]
            self.pos = close + 1
            return toks
        t = self.next()
        if t.kind == "num":  # x_12 means x_{1}2
            if len(t.text) > 1:
                self.toks.insert(self.pos, Token("num", t.text[1:], t.offset + 1))
            return [Token("num", t.text[0], t.offset)]
        if t.kind == "letter" or (t.kind == "cmd" and t.text in GREEK):
            return [t]
        raise self.fail(f"unsupported subscript {show(t)!r}", t.offset)


#: ``plain_name``'s value for a subscript that is no plain label (``I^\circ``,
#: ``n_0(x)``, ``B(x, 2r)``): the name is an opaque atom keyed by the subscript's text, so
#: that two texts of one value (``d_{2r}``, ``d_{r+r}``) never refute a step.
_OPAQUE_LABEL = object()
#: Symbols allowed in a subscript read as arguments (``N_{t,a}``, ``\mu_{A_s}``, ``x_{a^2}``).
_INDEX_SYMS = frozenset(", _ ^ { } + - *".split())
#: Commands allowed in a subscript label besides Greek letters.
_LABEL_CMDS = frozenset("star ast prime".split())
#: A subscript label: names, numbers, nested scripts, ``*``/``'``, commas, ``+``/``-``.
_LABEL = re.compile(r"[A-Za-z0-9,_^*'+\-{}]+")


def _index_pieces(part: list[Token]) -> list[list[Token]]:
    """A subscript part of two or more letters side by side, ``ij`` or ``i j``, is that many
    indices (``a_{ij}`` is the entry at ``(i, j)``, never at the product ``i j``, else
    ``a_{ij}`` and ``a_{ji}`` would be one atom); any other part is one piece, read as written
    (``2i``, ``i+1``). Letters side by side among other symbols (``ik+1``) stay one piece,
    and :meth:`SymbolsMixin.index_subscript` refuses it."""
    letters = [t for t in part if t.kind == "letter" or (t.kind == "cmd" and t.text in GREEK)]
    if len(part) >= 2 and len(letters) == len(part):
        return [[t] for t in part]
    return [part]


def _digit_by_letter(part: list[Token]) -> bool:
    """Whether a number and a letter stand side by side in ``part`` with nothing else in it
    (``1i``, ``i1``, ``2i``, ``0i``: an entry ``(2, i)`` or a term ``2i``?), or a letter is
    followed by a number anywhere (``i1+1``). A number before a letter among operators
    (``2i+1``) is read as the term, its coefficient times the index."""
    def letter(t: Token) -> bool:
        return t.kind == "letter" or (t.kind == "cmd" and t.text in GREEK)
    pairs = list(zip(part, part[1:], strict=False))
    if any(letter(a) and b.kind == "num" for a, b in pairs):
        return True
    side = any(a.kind == "num" and letter(b) for a, b in pairs)
    return side and all(letter(t) or t.kind == "num" for t in part)


def _adjacent_letters(part: list[Token]) -> bool:
    """Whether two letters (or Greek letters) stand side by side in ``part``."""
    def letter(t: Token) -> bool:
        return t.kind == "letter" or (t.kind == "cmd" and t.text in GREEK)
    return any(letter(a) and letter(b) for a, b in zip(part, part[1:], strict=False))


def _label_text(toks: list[Token]) -> str:
    """The subscript's text; braces around one token dropped (``A_{t}`` is ``A_t``)."""
    out = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.text == "{" and k + 2 < len(toks) and toks[k + 2].text == "}":
            out.append(toks[k + 1].text)
            k += 3
            continue
        out.append(t.text)
        k += 1
    return "".join(out)


def _uses_index(toks: list[Token], bound: dict[str, sp.Symbol]) -> bool:
    """Whether a subscript's tokens use a summation index: a bound letter that is not the
    base of a nested name (the ``i`` of ``i_0``) or of a starred or primed one (``a^*``)."""
    for k, t in enumerate(toks):
        if t.text not in bound or t.kind == "num":
            continue
        after = [x.text for x in toks[k + 1 : k + 3]]
        if after[:1] in (["_"], ["'"]) or after in (["^", "*"], ["^", "star"], ["^", "prime"]):
            continue  # i_0, a^*: names of their own
        return True
    return False

def _set_like(toks: list[Token], k: int) -> bool:
    """Whether the bracket ``toks[k]`` holds one set-like name: a capital letter with an
    optional subscript (``(A)``, ``(B_1)``, ``(B_{1 + \\varepsilon/2})``)."""
    j = k + 2
    if not (j < len(toks) and toks[k + 1].kind == "letter" and toks[k + 1].text.isupper()):
        return False
    if toks[j].text == "_":
        j = skip_group(toks, j + 1) if j + 1 < len(toks) and toks[j + 1].text == "{" else j + 2
    return j < len(toks) and toks[j].text == ")"


__all__ = ["SymbolsMixin"]
