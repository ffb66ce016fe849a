r"""An allow-list parser from LaTeX math to SymPy expressions.

Text from a file is **never** evaluated (no ``eval``, ``sympify`` or ``parse_expr``): a
tokenizer splits it into commands (``\frac``), letters, numbers and symbols, each with its
offset, and a recursive-descent (precedence climbing) parser builds SymPy objects directly
for the constructs it knows; anything else raises :class:`LatexError` with the offset.

Grammar (precedence, lowest first): ``+ -`` ; products (``\cdot``, ``\times``, ``/`` and
juxtaposition) ; unary ``-`` ; ``^`` (and the postfix ``^\top``/``^T`` transpose, ``^{-1}``
inverse of a matrix, ``!``) ; atoms. Atoms: numbers, letters and Greek letters with an
optional subscript (``\mu_i``, ``x_{12}``; inside ``\sum_{i=...}`` a subscript ``i`` makes
an indexed ``\mu[i]``), ``\pi``, ``e``, ``\infty``, groups ``(..) [..] {..} \{..\}``,
``\frac``/``\dfrac``/``\tfrac``, ``\sqrt{}``/``\sqrt[n]{}``, ``\binom``, the functions
``\ln \log \exp \sin \cos \tan \sinh \cosh \tanh \det`` (``\log`` is the natural log),
``\min``/``\max`` of a list, ``|x|``, ``\lVert x\rVert`` / ``\|x\|``, ``\sum``/``\prod``
with limits, ``\mathbf{1}`` (the all-ones vector of the declared dimension) and matrices or
vectors declared by the caller. Spacing (``\,``, ``\quad``), ``\left``/``\right`` and sizing
commands, ``\label{..}``, ``\tag{..}``, ``\nonumber`` are ignored; ``\text{..}`` starts a
remark that runs to the end of the row (``x \ge 0 \quad \text{for all } x``).

Beyond arithmetic (:mod:`~hallbound.proofs_checks.latex.math_reading`): expectations,
probabilities, variances and covariances (``\mathbb{E}``, ``\E``, ``E[..]``, ``\Pr``,
``\mathbb{P}``, ``Var``, ``Cov``, with ``|``/``\mid`` conditioning), function values
``f(x)`` under the application rules (``% hb: function`` / ``% hb: variable``), derivatives
``f'(x)``/``f^{(k)}(x)``, ``\Gamma(x)``, operator words (``KL(..)``,
``\operatorname{dist}(..)``), norms of undeclared vectors and inner products, integrals
(evaluated by SymPy within a CPU limit, else opaque), sums over sets, ``\sup``/``\inf``/
``\min``/``\max`` over sets and ``a + \cdots + b``: opaque atoms
(:mod:`~hallbound.proofs_checks.latex.math_atoms`) with only the facts true of them.

The parser's methods are split by role: arithmetic and atoms here, commands in operand
position in :mod:`~hallbound.proofs_checks.latex.math_commands` (``\frac``, ``\sin^2 x``,
``\log_b``, ``\operatorname``, accents), names and subscripts in
:mod:`~hallbound.proofs_checks.latex.math_symbols`, sums in
:mod:`~hallbound.proofs_checks.latex.math_sums`, probability and functions in
:mod:`~hallbound.proofs_checks.latex.math_reading`.

Work is bounded: at most :data:`MAX_LENGTH` characters per expression, nesting depth
:data:`MAX_DEPTH`, numeric exponents up to :data:`MAX_EXPONENT`, a number raised to a number
at most :data:`MAX_RESULT_DIGITS` digits, and explicit (numeric-limit) sums of at most
:data:`MAX_TERMS` terms.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_atoms import (
    Atom,
)
from hallbound.proofs_checks.latex.math_commands import CommandsMixin
from hallbound.proofs_checks.latex.math_decorations import DecorationsMixin
from hallbound.proofs_checks.latex.math_derivatives import DerivativesMixin
from hallbound.proofs_checks.latex.math_evaluation import EvaluationMixin, bar_as_bracket
from hallbound.proofs_checks.latex.math_limits import LimitsMixin
from hallbound.proofs_checks.latex.math_linear import LinearForms, LinearMixin
from hallbound.proofs_checks.latex.math_names import (
    _DECORATED,
    LETTERLIKE,
    Evidence,
    closer_of,
    is_closer,
    scan_evidence,
)
from hallbound.proofs_checks.latex.math_names import match_group as _skip_group_any
from hallbound.proofs_checks.latex.math_order import operator_product, ordered_text
from hallbound.proofs_checks.latex.math_reading import ReadingMixin
from hallbound.proofs_checks.latex.math_sums import SumsMixin
from hallbound.proofs_checks.latex.math_symbols import SymbolsMixin
from hallbound.proofs_checks.latex.math_tokens import (
    GREEK,
    IGNORED,
    MAX_DEPTH,
    MAX_LENGTH,
    RELATIONS,
    UNSUPPORTED_HINT,
    LatexError,
    Token,
    token_end,
    tokenize,
)
from hallbound.proofs_checks.latex.math_tokens import skip_group as _skip_group
from hallbound.proofs_checks.latex.math_unicode import unknown_character
from hallbound.proofs_checks.latex.math_values import (
    _abs,
    _div,
    _mul,
    _norm,
    _number,
    _pow,
    _transpose,
)

#: Brackets that open an expectation's argument after ``E`` and its scripts.
_BRACKET_OPENERS = (("sym", "["), ("cmd", "{"), ("cmd", "lbrace"))


@dataclass
class Scope:
    """What names mean while parsing.

    ``symbols`` maps a name (``mu_i``, ``delta``, ``x_1``) to a SymPy symbol, created by
    ``make_symbol(name, latex)`` on first use; ``objects`` maps names to vectors/matrices;
    ``dim`` is the size of ``\\mathbf{1}`` when the text fixes it (None: the size being
    tried, :func:`.dim_reading.vector_dim`); ``latex`` records each symbol's LaTeX.
    """

    make_symbol: Callable[[str, str], sp.Symbol]
    objects: Mapping[str, sp.MatrixBase] = field(default_factory=dict)
    dim: int | None = None
    latex: dict[sp.Symbol, str] = field(default_factory=dict)
    #: ``(key, latex, lo, hi, lo_open) -> symbol`` of an opaque atom with known bounds
    #: (None: ``make_symbol(key, latex)``, bounds dropped)
    make_atom: Callable[..., sp.Symbol] | None = None
    #: the opaque atoms read so far (symbol -> what it stands for)
    atoms: dict[sp.Symbol, Atom] = field(default_factory=dict)
    #: names declared ``% hb: function`` / ``% hb: variable``
    functions: set[str] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    #: how names are used in the whole environment (see math_reading.scan_evidence)
    evidence: Evidence | None = None
    #: how names are used in the whole document (displays, assumptions, inline math)
    document: Evidence | None = None
    #: the sums merged and the parts split by linearity (math_linear)
    linear: LinearForms = field(default_factory=LinearForms)
    #: letters an ``assume``, ``box`` or ``let`` item names (``d`` of ``d > 0``): numbers
    named: frozenset[str] = frozenset()
    #: names read as their defined values (``X = \\sum_i X_i``: :mod:`.definition_values`):
    #: name -> (value, pattern of the name in an atom's key)
    values: Mapping[str, Any] = field(default_factory=dict)
    #: names substituted by their values after the side is read (``let``, ``S := t^2``):
    #: name -> value; one read where a symbol of its value is bound is refused (math_defined)
    substituted: Mapping[str, Any] = field(default_factory=dict)


class Parser(CommandsMixin, SymbolsMixin, ReadingMixin, SumsMixin, LinearMixin,
             EvaluationMixin, DerivativesMixin, DecorationsMixin, LimitsMixin):
    """Parses one expression or relation chain from a token list."""

    def __init__(self, tokens: list[Token], scope: Scope, end: int) -> None:
        self.toks = tokens
        self.pos = 0
        self.scope = scope
        self.end_offset = end
        self.depth = 0
        self.bound: dict[str, sp.Symbol] = {}  # summation indices in scope
        self.in_abs = 0
        self.row_evidence = scan_evidence(tokens)
        self.in_script = 0

    # -- helpers ---------------------------------------------------------------------------
    def peek(self, k: int = 0) -> Token | None:
        j = self.pos + k
        return self.toks[j] if j < len(self.toks) else None

    def at(self, kind: str, text: str | None = None, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t.kind == kind and (text is None or t.text == text)

    def offset(self) -> int:
        t = self.peek()
        return t.offset if t else self.end_offset

    def fail(self, message: str, offset: int | None = None) -> LatexError:
        return LatexError(message, self.offset() if offset is None else offset)

    def next(self) -> Token:
        t = self.peek()
        if t is None:
            raise self.fail("unexpected end of expression")
        self.pos += 1
        return t

    def expect(self, kind: str, text: str) -> Token:
        t = self.peek()
        if t is None or t.kind != kind or t.text != text:
            got = "end of expression" if t is None else repr(_show(t))
            raise self.fail(f"expected {text!r}, got {got}")
        return self.next()

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"nested deeper than {MAX_DEPTH} levels")

    def leave(self) -> None:
        self.depth -= 1

    # -- relations -------------------------------------------------------------------------
    def relation_token(self) -> str | None:
        t = self.peek()
        if t is None:
            return None
        key = t.text if t.kind == "sym" else "\\" + t.text if t.kind == "cmd" else None
        return RELATIONS.get(key) if key else None

    def relation_at(self, j: int) -> bool:
        """Whether token ``j`` is a relation."""
        t = self.toks[j]
        key = t.text if t.kind == "sym" else "\\" + t.text if t.kind == "cmd" else None
        return key is not None and key in RELATIONS

    def chain(self) -> tuple[list[sp.Basic], list[str], list[tuple[int, int]]]:
        """``e0 REL e1 REL e2 ...``: expressions, relations and each relation token's span
        (start, end offsets). A chain may start with a relation (``&\\le e``)."""
        exprs: list[sp.Basic] = []
        rels: list[str] = []
        offs: list[tuple[int, int]] = []
        if self.relation_token() is None:
            exprs.append(self.expression())
        while (rel := self.relation_token()) is not None:
            tok = self.next()
            offs.append((tok.offset, token_end(tok)))
            rels.append(rel)
            exprs.append(self.expression())
        self.skip_punctuation()
        if self.peek() is not None:
            raise self.unexpected()
        return exprs, rels, offs

    def skip_punctuation(self) -> None:
        while self.at("sym", ",") or self.at("sym", ".") or self.at("sym", ";"):
            self.next()

    def unexpected(self) -> LatexError:
        t = self.peek()
        assert t is not None
        if t.kind == "cmd" and t.text in UNSUPPORTED_HINT:
            return self.fail(f"unsupported: {UNSUPPORTED_HINT[t.text]}")
        if t.kind == "cmd":
            return self.fail(f"unsupported LaTeX command \\{t.text}")
        if t.kind == "sym" and not t.text.isascii():
            return self.fail(unknown_character(t.text))
        if t.kind == "sym" and t.text in ")]" and _unbalanced(self.toks, self.pos):
            opener = "(" if t.text == ")" else "["
            return self.fail(f"unbalanced {t.text!r}: no {opener!r} opens it (a typo in the "
                             "source?)")
        return self.fail(f"unexpected {_show(t)!r}")

    def whole_expression(self) -> sp.Basic:
        e = self.expression()
        self.skip_punctuation()
        if self.peek() is not None:
            raise self.unexpected()
        return e

    # -- arithmetic ------------------------------------------------------------------------
    def expression(self) -> sp.Basic:
        self.enter()
        if self.at("sym", "-") or self.at("sym", "+"):
            neg = self.next().text == "-"
            value = self.product()
            value = -value if neg else value
        else:
            value = self.product()
        last = value
        terms = [value]  # the written terms, in order (a series' pattern is read from them)
        while self.at("sym", "+") or self.at("sym", "-"):
            op = self.next().text
            if op == "+" and any(self.at("cmd", d) for d in ("cdots", "ldots", "dots", "dotsb")):
                self.next()  # first + \cdots + last: one atom for the terms it stands for
                if not self.at("sym", "+"):  # a + b + \dots: a series, one atom
                    if isinstance(value, sp.MatrixBase):
                        raise self.fail("an ellipsis after a vector or matrix")
                    geometric = geometric_series(terms)
                    if geometric is not None:
                        value = geometric
                        continue
                    key = f"{sp.sstr(value)} + ..."
                    deps = value.free_symbols
                    value = self.atom_symbol("sum", "series", key, key, depends=deps)
                    continue
                self.next()
                end = self.product()
                if isinstance(value, sp.MatrixBase) or isinstance(end, sp.MatrixBase):
                    raise self.fail("an ellipsis between vectors or matrices")
                value = value - last + self.ellipsis_sum(last, end)
                last = end
                terms.append(None)  # terms left out: no pattern is read after them
                continue
            rhs = self.product()
            last = rhs if op == "+" else -rhs
            terms.append(last)
            value = value + rhs if op == "+" else value - rhs
        self.leave()
        return value

    def starts_factor(self) -> bool:
        t = self.peek()
        if t is None:
            return False
        if t.kind in ("num", "letter"):
            return True
        if t.kind == "sym":
            return t.text in "([{" or (t.text == "|" and not self.in_abs)
        if t.text in ("}", ")", "]", "rVert", "rvert", "rceil", "rfloor") or t.text in IGNORED:
            return False
        if t.text in ("|", "Vert", "vert") and self.in_abs:
            return False
        if "\\" + t.text in RELATIONS:
            return False
        return t.text not in ("cdot", "times", "right", "rbrace")

    def product(self) -> sp.Basic:
        r"""Factors joined by ``\cdot``, ``\times``, ``*``, ``/`` or juxtaposition;
        ``a_1 \cdots a_n`` (between two factors): one atom for the factors it stands for."""
        value = self.unary()
        last: sp.Basic = value
        prefix = sp.Integer(1)
        while True:
            if self.at("cmd", "cdot") or self.at("cmd", "times") or self.at("sym", "*"):
                self.next()
                if self.product_ellipsis_follows():
                    continue
                prefix, last = value, self.unary()
                value = _mul(value, last)
            elif self.at("sym", "/"):
                self.next()
                prefix, last = sp.Integer(1), _div(value, self.unary(), self)
                value = last
            elif self.product_ellipsis_follows():
                self.next()
                end = self.power()
                if isinstance(last, sp.MatrixBase) or isinstance(end, sp.MatrixBase):
                    raise self.fail("an ellipsis between vectors or matrices")
                key = f"{sp.sstr(last)} * ... * {sp.sstr(end)}"
                deps = last.free_symbols | end.free_symbols
                last = self.atom_symbol("product", "ellipsis", key, key,
                                        arg=sp.Tuple(last, end), depends=deps)
                value = _mul(prefix, last)
            elif self.starts_factor():
                self.refuse_numbers_side_by_side()
                prefix, last = value, self.power()
                value = _mul(value, last)
            else:
                return value

    def refuse_numbers_side_by_side(self) -> None:
        r"""A number right after a number, with only spacing between (``2 5``, ``2\!5``,
        ``1\,00``): TeX prints them as one number, so they are never multiplied; refused.
        A one-digit script before is no number of the text (``x^2 3`` is ``x^{2} 3``)."""
        if not self.at("num") or self.pos == 0 or self.toks[self.pos - 1].kind != "num":
            return
        before = self.toks[self.pos - 2] if self.pos >= 2 else None
        if before is not None and before.kind == "sym" and before.text in "^_":
            return
        first, second = self.toks[self.pos - 1].text, self.toks[self.pos].text
        raise self.fail(f"two numbers side by side ({first} {second}): write one number "
                        f"({first}{second}, with \\, only before groups of three digits) "
                        "or a product with \\cdot")

    def product_ellipsis_follows(self) -> bool:
        r"""``\cdots``/``\ldots``/``\dots`` (not consumed) followed by a factor, between
        two factors (``\lambda_1 \cdots \lambda_n``, ``a_1 \cdot \ldots \cdot a_n``)."""
        if not any(self.at("cmd", d) for d in ("cdots", "ldots", "dots", "dotsm")):
            return False
        if self.at("cmd", "cdot", 1) or self.at("cmd", "times", 1):
            del self.toks[self.pos + 1]  # a_1 \cdot \ldots \cdot a_n
        t = self.peek(1)
        return t is not None and (t.kind in ("letter", "num") or t.text in GREEK)

    def unary(self) -> sp.Basic:
        if self.at("sym", "-"):
            self.next()
            return -self.unary()
        if self.at("sym", "+"):
            self.next()
            return self.unary()
        return self.power()

    def power(self) -> sp.Basic:
        self.enter()
        base = self.evaluation_bracket() if self.at("sym", "[") else None  # [F]_a^b
        if base is None and self.at("sym", "["):
            base = self.bracket_entry()  # [Y^k]_{ij}: an entry, never a product
        if base is None and self.at("sym", "("):
            base = self.paren_entry()  # (Y^k)_{ii}: an entry (math_decorations)
        base = self.atom() if base is None else base
        while True:
            if self.at("sym", "^"):
                at = self.next().offset
                if self.at("cmd", "prime") or (self.at("sym", "{") and self.at("cmd", "prime", 1)):
                    raise self.fail("primes (derivatives or renamed variables) are not "
                                    "supported", at)  # x^\prime is x', never x
                if self.transpose_follows() or (
                    isinstance(base, sp.MatrixBase) and self.letter_t_follows()
                ):
                    base = _transpose(base, self, at)
                    continue
                self.refuse_letter_transpose(base, at)
                if self.star_follows() and isinstance(base, sp.Symbol) and base in self.scope.latex:
                    # x^* / x^\star: a point of its own (an optimum), not a power
                    tex = self.scope.latex[base]
                    base = self.symbol(f"{base.name}star", f"{tex}^{{*}}")
                    continue
                labelled = self.word_superscript(base, at)
                if labelled is not None:  # N^{int}_\varepsilon(A): a label, not a power
                    base = labelled
                    continue
                label = self.label_superscript(base)
                if label is not None:  # x^{(i)}: the i-th x, not a power
                    base = label
                    continue
                exp_ = self.script()
                base = _pow(base, exp_, self, at)
            elif self.at("sym", "_") and (subscripted := self.subscripted_norm(base)) is not None:
                base = subscripted
            elif self.at("sym", "!"):
                at = self.next().offset
                if isinstance(base, sp.MatrixBase):
                    raise self.fail("factorial of a vector or matrix", at)
                if not (base.is_Integer and 0 <= int(base) <= 170) and not base.free_symbols:
                    raise self.fail("factorial of a non-integer or too large number", at)
                base = sp.factorial(base)
            elif self.at("sym", "'"):
                raise self.fail("primes (derivatives or renamed variables) are not supported")
            else:
                self.leave()
                return base

    def star_follows(self) -> bool:
        """``*``, ``\\star``, ``{*}`` or ``{\\star}`` after ``^`` (consumed when present)."""
        for k, n in ((0, 1), (1, 3)):
            t = self.peek(k)
            if t is not None and (t.text == "*" or (t.kind == "cmd" and t.text == "star")):
                if n == 1 or (self.at("sym", "{") and self.at("sym", "}", 2)):
                    self.pos += n
                    return True
        return False

    def refuse_letter_transpose(self, base: sp.Basic, at: int) -> None:
        r"""``A^T``/``A^{T}`` on a name that is not a declared vector or matrix: a transpose
        or the power ``A^T``? Refused, unless ``T`` is a summation index, declared
        (``% hb: variable T``) or has a stated domain (then the power). A number's ``^T``
        (``2^T``, ``e^T``) and a bracket's (``(1-p)^T``) are powers."""
        if not isinstance(base, sp.Symbol) or base in self.scope.atoms:
            return
        t_next = self.at("letter", "T") and not self.at("sym", "_", 1)
        if not (t_next or (self.at("sym", "{") and self.at("letter", "T", 1)
                           and self.at("sym", "}", 2))):
            return
        if "T" in self.bound or "T" in self.scope.variables:
            return
        shown = self.scope.latex.get(base, base.name)
        raise self.fail(f"{shown}^T: a transpose or a power? Declare {shown} a vector or matrix "
                        "(assume ... \\in \\mathbb{R}^{d} or \\succ 0), or T a number "
                        "(% hb: variable T, or an assumption on T)", at)

    def transpose_follows(self) -> bool:
        if self.at("cmd", "top") or self.at("cmd", "intercal"):
            self.next()
            return True
        if self.at("letter", "T") and "T" not in self.bound:
            # ^T is a transpose only for vectors and matrices: decided by the caller's base
            return False
        if self.at("sym", "{") and (self.at("cmd", "top", 1) or self.at("cmd", "intercal", 1)):
            if self.at("sym", "}", 2):
                self.pos += 3
                return True
        return False

    def letter_t_follows(self) -> bool:
        if self.at("letter", "T"):
            self.next()
            return True
        if self.at("sym", "{") and self.at("letter", "T", 1) and self.at("sym", "}", 2):
            self.pos += 3
            return True
        return False

    def script(self) -> sp.Basic:
        """The argument of ``^`` or ``_``: a braced group or a single token."""
        if self.at("sym", "{"):
            return self.group("{", "}")
        t = self.peek()
        if t is None:
            raise self.fail("missing exponent")
        if t.kind == "num":
            self.next()
            # ^23 means ^{2}3 in TeX: take the first digit only
            if len(t.text) > 1:
                self.toks.insert(self.pos, Token("num", t.text[1:], t.offset + 1))
            return sp.Integer(t.text[0])
        self.in_script += 1  # ^n (b - a): a one-token script is never applied to (..)
        try:
            return self.atom()
        finally:
            self.in_script -= 1

    def group(self, open_: str, close: str) -> sp.Basic:
        self.expect("sym", open_) if open_ in "([{" else self.expect("cmd", open_)
        self.enter()
        saved, self.in_abs = self.in_abs, 0
        value = self.expression()
        self.in_abs = saved
        if close in ")]}":
            self.expect("sym", close)
        else:
            self.expect("cmd", close)
        self.leave()
        return value

    # -- atoms -----------------------------------------------------------------------------
    def atom(self) -> sp.Basic:
        t = self.peek()
        if t is None:
            raise self.fail("missing operand")
        if t.kind == "num":
            self.next()
            if self.at("letter", "e") or self.at("letter", "E"):
                nxt = self.peek(1)
                if nxt is not None and (nxt.kind == "num" or nxt.text in "+-"):
                    raise self.fail("write 10^{k} instead of the 'e' notation")
            return _number(t, self)
        if t.kind == "letter":
            word = self.letter_run()
            if word is not None:  # Var[..], Cov(..), KL(..): an operator, not a product
                return self.read_operator(word, t.offset)
            self.next()
            if t.text == "E" and self.expectation_letter():
                return self.read_expectation(t.offset)
            if t.text == "E" and self.undeclared_e_before_bar():
                raise self.fail("E|..| with the letter E also used as a number: an expectation "
                                "or a product? write \\mathbb{E}|..| or E[|..|]", t.offset)
            if t.text == "E" and self.undeclared_e_before_name():
                raise self.fail("E X reads as an expectation or as E times X: write "
                                "\\mathbb{E}[X], or declare '% hb: variable E'", t.offset)
            if t.text == "P" and self.event_follows():  # P(X > t), P[A | B]: a probability
                return self.read_probability(t.offset)
            return self.name(t.text, t.text, t.offset)
        if t.kind == "sym":
            if t.text == "(":
                return self.group("(", ")")
            if t.text == "[":
                return self.group("[", "]")
            if t.text == "{":
                return self.group("{", "}")
            if t.text == "|" and (self.at("sym", "_", 1) or self.at("sym", "^", 1)):
                raise self.fail("an evaluation bar F|_a^b is not read (which terms does it "
                                "cover?): write [F]_a^b")
            if t.text == "|" and not self.in_abs:
                return self.bars("|", "sym", _abs)
            raise self.unexpected()
        return self.command(t)

    def expectation_letter(self) -> bool:
        r"""``E[..]``, ``E\{..\}``, ``E_{..}[..]``, and a bare ``E(..)`` unless ``E`` is
        declared or used on its own: the letter E is the expectation."""
        if "E" in self.scope.variables or "E" in self.scope.functions:
            return False
        k = 0
        if self.at("sym", "_"):
            k = 2 if not self.at("sym", "{", 1) else _skip_group(self.toks, self.pos + 1) - self.pos
        if self.at("sym", "[", k) or self.at("cmd", "{", k) or self.at("cmd", "lbrace", k):
            return True
        env = self.scope.evidence or Evidence()
        alone = "E" in self.row_evidence.standalone or "E" in env.standalone
        if k == 0 and not alone and not self.in_abs and self.bar_opens():
            return True  # E|X - m|: the expectation of |X - m|, never the letter E times |..|
        # E_2(z) is a function (an Eisenstein series), not an expectation: E(..) only bare
        return k == 0 and self.at("sym", "(") and not alone

    def undeclared_e_before_bar(self) -> bool:
        """An undeclared letter E before an opening bar that :meth:`expectation_letter` did
        not take (E also stands alone as a number elsewhere): neither reading is safe."""
        declared = "E" in self.scope.variables or "E" in self.scope.functions
        return not declared and not self.in_abs and self.bar_opens()

    def undeclared_e_before_name(self) -> bool:
        r"""An undeclared letter E directly before a name (``E X^2``, ``EX``, ``E \xi``,
        ``E \bar X``), also with a script that is not a number (``E_\theta X``,
        ``E_{x \sim p} X``, ``E^\pi X``, ``E^\pi[X]``): probability texts write the
        expectation so, other texts a product; neither reading is safe (``E X^2 \ge (E X)^2``
        is Jensen's inequality, false for a number E). Numeric scripts read as today
        (``E_4 E_6``, the Eisenstein series; ``E^2 X``)."""
        if "E" in self.scope.variables or "E" in self.scope.functions:
            return False
        k, labelled = 0, False
        while self.at("sym", "_", k) or self.at("sym", "^", k):
            start = self.pos + k + 1
            if start >= len(self.toks):
                return False
            end = _skip_group(self.toks, start) if self.at("sym", "{", k + 1) else start + 1
            if self.toks[end - 1].kind == "cmd":
                end = _skip_group(self.toks, end)  # E_\mathrm{emp}: the command's argument
            script = [t for t in self.toks[start:end] if t.text not in ("{", "}")]
            labelled = labelled or not script or any(t.kind != "num" for t in script)
            k = end - self.pos
        if k and not labelled:
            return False
        if k and any(self.at(kind, text, k) for kind, text in _BRACKET_OPENERS):
            return True  # E^\pi[X]: E_\theta[X] is an expectation (expectation_letter)
        nxt = self.peek(k)
        if nxt is None:
            return False
        return nxt.kind == "letter" or (nxt.kind == "cmd" and (
            nxt.text in LETTERLIKE or nxt.text in _DECORATED))

    def bar_opens(self) -> bool:
        r"""An absolute value or norm opens here: ``|``, ``\|``, ``\lvert``, ``\Vert``,
        ``\lVert``."""
        bars = ("|", "lvert", "Vert", "lVert")
        return self.at("sym", "|") or any(self.at("cmd", c) for c in bars)

    def event_follows(self) -> bool:
        """A bracket holding a top-level relation or a conditioning bar follows (and the
        letter there is not declared): ``P(X > t)``, ``P[A \\mid B]``."""
        name = self.toks[self.pos - 1].text
        if name in self.scope.variables or name in self.scope.functions:
            return False
        if not (self.at("sym", "(") or self.at("sym", "[")):
            return False
        inner = self.toks[self.pos + 1 : _skip_group_any(self.toks, self.pos)]
        depth = 0
        for t in inner:
            depth += closer_of(t) is not None
            depth -= is_closer(t)
            key = t.text if t.kind == "sym" else "\\" + t.text
            if depth == 0 and (key in RELATIONS or key == "\\mid"):
                return True
        return bool(self.split_condition(inner)[1])

    def bars(self, close: str, kind: str, wrap: Callable[[sp.Basic], sp.Basic]) -> sp.Basic:
        self.next()
        self.enter()
        self.in_abs += 1
        start = self.pos
        value = self.expression()
        inside = self.toks[start : self.pos]
        self.in_abs -= 1
        self.expect(kind, close)
        self.leave()
        if wrap is _norm and not isinstance(value, sp.MatrixBase):
            return self.norm_atom(value, inside)  # the norm of an undeclared vector: an atom >= 0
        if wrap is _abs and not isinstance(value, sp.MatrixBase) and operator_product(
                inside, self.scope.variables):
            key = f"|{ordered_text(value, inside)}|"  # |A B x|: maybe a norm (math_order)
            return self.atom_symbol("norm", "bars", key, key, lo=0.0, arg=value,
                                    depends=value.free_symbols)
        if self.at("sym", "_") and wrap is _norm:  # \|x\|_2
            self.next()
            sub = self.script()
            if sub != 2:
                raise self.fail("only the Euclidean norm \\|.\\|_2 is supported")
        return wrap(value)


def _unbalanced(toks: list[Token], k: int) -> bool:
    """Whether the closing bracket ``toks[k]`` closes more brackets of its kind than the
    tokens before it open."""
    close = toks[k].text
    opener = "(" if close == ")" else "["
    depth = 0
    for t in toks[: k + 1]:
        if t.kind == "sym" and t.text == opener:
            depth += 1
        elif t.kind == "sym" and t.text == close:
            depth -= 1
    return depth < 0


def _latex_base(name: str) -> str:
    return "\\" + name if name in GREEK else name


def _show(t: Token) -> str:
    return "\\" + t.text if t.kind == "cmd" else t.text


def parse_chain(
    text: str, scope: Scope, base: int = 0
) -> tuple[list[sp.Basic], list[str], list[tuple[int, int]]]:
    """Parse ``e0 REL e1 REL ...`` (offsets of errors are ``base`` + position in ``text``)."""
    return _parse(text, scope, base, Parser.chain)


@dataclass(frozen=True)
class Unreadable:
    """A side of a chain that could not be read (its error); the other sides still are."""

    error: LatexError


def parse_chain_pieces(
    text: str, scope: Scope, base: int = 0
) -> tuple[list[Any], list[str], list[tuple[int, int]]]:
    """Like :func:`parse_chain`, but each side between two top-level relations is read on
    its own: a side that fails is an :class:`Unreadable` in the list, and the other sides are
    still read, so that only the steps touching it are lost. Raises :class:`LatexError` when
    the text cannot be tokenised or no side can be read."""
    toks = tokenize(text, base)
    pieces: list[list[Token]] = [[]]
    rels: list[str] = []
    spans: list[tuple[int, int]] = []
    depth = 0
    for t in toks:
        if closer_of(t) is not None:
            depth += 1
        elif is_closer(t):
            depth -= 1
        key = t.text if t.kind == "sym" else "\\" + t.text
        if depth == 0 and key in RELATIONS:
            rels.append(RELATIONS[key])
            spans.append((t.offset, token_end(t)))
            pieces.append([])
            continue
        pieces[-1].append(t)
    evidence = scan_evidence(toks)
    exprs: list[Any] = []
    for k, piece in enumerate(pieces):
        if k == 0 and not piece and rels:
            continue  # the row starts with a relation
        end = spans[k][0] if k < len(spans) else base + len(text)
        piece = bar_as_bracket(piece) or piece  # F \Big|_a^b ending a side: [F]_a^b
        try:
            exprs.append(_run(piece, scope, end, Parser.whole_expression, evidence))
        except LatexError as err:
            exprs.append(Unreadable(err))
    if all(isinstance(e, Unreadable) for e in exprs):
        raise exprs[0].error
    return exprs, rels, spans


def parse_expression(text: str, scope: Scope, base: int = 0) -> sp.Basic:
    """Parse one expression (no relation)."""
    return _parse(text, scope, base, Parser.whole_expression)


def _parse(text: str, scope: Scope, base: int, rule: Any) -> Any:
    """Run one parser ``rule`` on ``text``; any failure becomes a :class:`LatexError`."""
    return _run(tokenize(text, base), scope, base + len(text), rule)


def _run(toks: list[Token], scope: Scope, end: int, rule: Any, evidence: Any = None) -> Any:
    """Run ``rule`` on a parser of ``toks`` (row ``evidence`` of name use, when given)."""
    base = toks[0].offset if toks else end
    try:
        parser = Parser(toks, scope, end)
        if evidence is not None:
            parser.row_evidence = evidence
        return rule(parser)
    except RecursionError:
        raise LatexError("nested too deeply", base) from None
    except LatexError:
        raise
    except Exception as err:  # noqa: BLE001 - SymPy refused a construct: report, never crash
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise LatexError(f"cannot be read: {reason}", base) from None



def _below_one(r: sp.Basic) -> bool:
    """Whether SymPy shows ``|r| < 1`` from the symbols' assumptions."""
    if sp.simplify(1 - r**2).is_positive:
        return True
    if r.is_positive:
        return bool(sp.simplify(1 / r - 1).is_positive)
    if r.is_negative:
        return bool(sp.simplify(-1 / r - 1).is_positive)
    return False


def geometric_series(terms: list[Any]) -> sp.Basic | None:
    r"""``a + a r + a r^2 + \dots`` (at least three written terms, every ratio of consecutive
    terms the same ``r``, and ``|r| < 1`` shown from the symbols' assumptions): its sum
    :math:`a / (1 - r)`. None for any other series (then it stays one opaque atom): a
    pattern is read only where three terms fix it and the series converges."""
    if len(terms) < 3 or any(t is None or isinstance(t, sp.MatrixBase) or t == 0 for t in terms):
        return None
    try:
        r = sp.simplify(terms[1] / terms[0])
        if any(sp.simplify(terms[k + 1] / terms[k] - r) != 0 for k in range(1, len(terms) - 1)):
            return None
        if not (r.is_real and _below_one(r)):
            return None
        return sp.simplify(terms[0] / (1 - r))
    except (TypeError, ValueError, ZeroDivisionError, RecursionError):
        return None

__all__ = [
    "GREEK",
    "MAX_LENGTH",
    "LatexError",
    "Parser",
    "RELATIONS",
    "Scope",
    "Token",
    "Unreadable",
    "parse_chain",
    "parse_chain_pieces",
    "parse_expression",
    "tokenize",
]
