r"""Parser methods for LaTeX commands in operand position (``\frac``, ``\sqrt``, ``\sin``,
``\operatorname{..}``, ``\mathbb{..}``, accents ...): the :class:`CommandsMixin` of
:class:`~hallbound.proofs_checks.latex.math_parser.Parser`.

Read as written, never guessed:

- ``\sin^2 x``, ``\log^{3}(x)``: the power of the value, ``(\sin x)^2`` (a positive integer
  exponent on a function of :data:`POWER_PREFIX_FUNCTIONS`); ``\sin^{-1}`` and other
  exponents are refused (``\sin^{-1}`` is the inverse function in some texts).
- ``\log_b x``: ``\ln x / \ln b`` (``\ln`` takes no base).
- ``\det A`` / ``\trace A``: the value for a declared matrix; for an undeclared name an
  opaque atom keyed by that name (the same on every row), with no fact about it.
- ``\operatorname{\mathbb{E}}`` (one command in the braces): that command, as if written bare.
- ``\Re z``, ``\Im z``: opaque function values of ``z`` (``z`` may be complex), the value
  for a real number; ``\dim V``, ``\deg p``: opaque function values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.dim_reading import note_sized, vector_dim
from hallbound.proofs_checks.latex.math_atoms import (
    COVARIANCE_CMDS,
    EXPECTATION_CMDS,
    OPERATOR_CONTENTS,
    PROBABILITY_CMDS,
    VARIANCE_CMDS,
)
from hallbound.proofs_checks.latex.math_derivatives import Leibniz, leibniz_parts
from hallbound.proofs_checks.latex.math_names import bold_name, show, styled_name
from hallbound.proofs_checks.latex.math_tokens import FUNCTIONS, GREEK, Token, skip_group
from hallbound.proofs_checks.latex.math_values import _abs, _ceiling, _div, _floor, _norm

#: Functions whose ``\f^k x`` (a positive integer k) means ``(\f x)^k`` by convention.
POWER_PREFIX_FUNCTIONS = frozenset("sin cos tan sinh cosh tanh ln log".split())
_ACCENTS = ("bar", "hat", "tilde", "overline", "widehat", "widetilde", "check", "breve")
_STYLES = ("mathbb", "mathcal", "mathfrak", "mathscr", "mathsf", "mathit", "mathtt")
_OPERATOR_OVER_SET = ("argmin", "argmax", "sup", "inf", "min", "max")


class CommandsMixin:
    """Commands in operand position (see the module doc)."""

    toks: list[Any]
    pos: int
    scope: Any

    def command(self, t: Token) -> sp.Basic:
        """The value of the command ``t`` at the position (and its arguments)."""
        name = t.text
        if name in GREEK:
            self.next()
            return self.name(name, "\\" + name, t.offset)
        if name in ("pi", "infty"):
            self.next()
            return sp.pi if name == "pi" else sp.oo
        probability = self.probability_command(name, t.offset)
        if probability is not None:
            return probability
        if name == "langle":
            return self.read_inner_product(t.offset)
        if name == "nabla":
            return self.read_gradient(t.offset)
        if name == "arg" and (self.at("cmd", "min", 1) or self.at("cmd", "max", 1)):
            self.pos += 2  # \arg\min (\mathop{\arg\min}): one operator over a set
            return self.big_operator("arg" + self.toks[self.pos - 1].text, t.offset)
        if name in _STYLES:
            self.next()
            return self.styled(name, t.offset)
        if name in ("mathbbm", "mathds", "mathbbold") and self.at("sym", "{", 1):
            self.next()  # \mathbbm{1}\{A\}: the indicator (no other use is read)
            if self.raw_group_text() == "1" and self.indicator_follows("1"):
                return self.read_indicator(t.offset)
            raise self.fail(f"unsupported: \\{name}", t.offset)
        if name in ("frac", "dfrac", "tfrac", "nicefrac", "cfrac"):
            self.next()
            parts = leibniz_fraction(self.toks, self.pos)
            if isinstance(parts, str):
                raise self.fail(parts, t.offset)
            if parts is not None and self.d_is_number() and _plain_d(self.toks, self.pos):
                raise self.fail(  # d > 0 assumed: \frac{d}{dn} n^2 = d/n n^2 or 2n?
                    "\\frac{d}{d..} with d a number here (assumed, declared or used as one): "
                    "a quotient or a derivative? write the derivative upright "
                    "(\\frac{\\mathrm{d}}{\\mathrm{d}x}) or as f'(x)", t.offset)
            if parts is not None:  # \frac{d}{dx} E: a derivative, never a quotient
                self.pos = skip_group(self.toks, skip_group(self.toks, self.pos))
                return self.read_leibniz(parts, t.offset)
            num = self.group("{", "}") if self.at("sym", "{") else self.script()
            den = self.group("{", "}") if self.at("sym", "{") else self.script()
            return _div(num, den, self)
        if name == "binom":
            self.next()
            n = self.group("{", "}") if self.at("sym", "{") else self.script()
            k = self.group("{", "}") if self.at("sym", "{") else self.script()
            return sp.binomial(n, k)
        if name == "sqrt":
            self.next()
            index = self.group("[", "]") if self.at("sym", "[") else sp.Integer(2)
            arg = self.group("{", "}") if self.at("sym", "{") else self.script()
            return sp.root(arg, index) if index != 2 else sp.sqrt(arg)
        if name in FUNCTIONS:
            self.next()
            return self.function(FUNCTIONS[name], name)
        if name in ("det", "tr", "trace"):
            self.next()
            return self.matrix_function(name, t.offset)
        if name in ("Re", "Im", "dim", "deg"):
            self.next()
            return self.function(lambda z: self.complex_part(name, z), name)
        if name in ("lim", "limsup", "liminf"):
            self.next()
            return self.read_limit(name, t.offset)  # math_limits
        return self.bracket_command(t)

    def complex_part(self, name: str, z: sp.Basic) -> sp.Basic:
        r"""``\Re z`` / ``\Im z``: the value for a real number (``\Re 3 = 3``, ``\Im 3 = 0``);
        otherwise an opaque function value keyed by ``z`` (every symbol is read as real, but
        the text's ``z`` may be complex, so ``\Re \rho`` is never ``\rho``). ``\dim V``,
        ``\deg p``: always the opaque value, with no fact about it."""
        if isinstance(z, sp.MatrixBase):
            raise self.fail(f"\\{name} of a vector or matrix")
        if name in ("Re", "Im") and not z.free_symbols and z.is_real:
            return z if name == "Re" else sp.Integer(0)
        return self.atom_symbol("func", name, f"{name}({sp.sstr(z)})",
                                f"\\{name}({sp.sstr(z)})", arg=sp.Tuple(z),
                                depends=z.free_symbols)

    def probability_command(self, name: str, offset: int) -> sp.Basic | None:
        r"""``\E``, ``\Pr``, ``\Var``, ``\Cov``, ``\int``: their reading; None for others."""
        readers = (
            (EXPECTATION_CMDS, self.read_expectation),
            (PROBABILITY_CMDS, self.read_probability),
            (VARIANCE_CMDS, self.read_variance),
            (COVARIANCE_CMDS, self.read_covariance),
            (frozenset({"int"}), self.read_integral),
        )
        for names, read in readers:
            if name in names:
                self.next()
                return read(offset)
        return None

    def bracket_command(self, t: Token) -> sp.Basic:
        r"""Big operators, norms, ``\{..\}``, bold and upright names, accents."""
        name = t.text
        if name in ("min", "max") and not self.at("sym", "_", 1):
            self.next()
            return self.minmax(sp.Min if name == "min" else sp.Max)
        if name in (*_OPERATOR_OVER_SET, "esssup", "sum", "prod"):
            self.next()  # over a set: an opaque atom of the range and the next factor
            return self.big_operator(name, t.offset)
        if name in ("lVert", "Vert", "|"):
            close = {"lVert": "rVert", "Vert": "Vert", "|": "|"}[name]
            return self.bars(close, "cmd", _norm)
        if name in ("lvert", "vert"):
            return self.bars("rvert" if name == "lvert" else "vert", "cmd", _abs)
        if name in ("lceil", "lfloor"):  # \lceil x \rceil, \lfloor x \rfloor of a number
            rounding = _ceiling if name == "lceil" else _floor
            return self.bars("r" + name[1:], "cmd", rounding)
        if name == "{":
            self.next()
            self.enter()
            value = self.expression()
            self.expect("cmd", "}")
            self.leave()
            return value
        if name in ("mathbf", "boldsymbol", "bm", "vec"):
            self.next()
            return self.bold(name, t.offset)
        if name in ("mathrm", "operatorname"):
            self.next()
            return self.upright(name, t.offset)
        if name in _ACCENTS:
            self.next()
            return self.accent(name, t.offset)  # math_decorations
        raise self.unexpected()

    def upright(self, name: str, offset: int) -> sp.Basic:
        r"""``\mathrm{..}`` / ``\operatorname{..}`` (``*`` allowed): ``e``, a function, an
        operator word (``Var``, ``KL``), a letter, or the one command written inside."""
        if self.at("sym", "*"):  # \operatorname*{..}: limits below, same operator
            self.next()
        if self.unwrap_command_group():  # \operatorname{\mathbb{E}}: read \mathbb{E}
            return self.atom()
        inner = self.raw_group_text()
        if inner == "e":
            return sp.E
        if inner in FUNCTIONS:
            return self.function(FUNCTIONS[inner], inner)
        if inner in ("tr", "trace", "det"):
            return self.matrix_function(inner, offset)
        if re.fullmatch(r"\\?arg\s*(\\[,;! ]\s*)?\\?(min|max)", inner):
            inner = "arg" + inner[-3:]  # \operatorname{\arg\min}, \operatorname*{arg\,max}
        if inner in _OPERATOR_OVER_SET:
            return self.big_operator(inner, offset)  # over a set: an opaque atom
        if inner in OPERATOR_CONTENTS or (
            re.fullmatch(r"[A-Za-z]{2,}|[A-Za-z]+\^\{?[0-9]\}?", inner)
            and (self.at_opener() or self.at("sym", "_") or self.at("sym", "^"))
        ):
            return self.read_operator(inner, offset)
        if re.fullmatch(r"[A-Za-z]", inner) and inner != "d":
            return self.name(inner, f"\\{name}{{{inner}}}", offset)
        raise self.fail(f"unsupported: \\{name}{{{inner}}}", offset)

    def matrix_function(self, name: str, offset: int) -> sp.Basic:
        r"""``\det A``, ``\tr A``: the value for a declared square matrix; an opaque atom
        ``det(A)`` for a single undeclared name (read the same on every row)."""
        arg = self.function(lambda x: x, name)
        if isinstance(arg, sp.MatrixBase):
            if arg.shape[0] != arg.shape[1]:
                raise self.fail(f"\\{name} of a matrix that is not square", offset)
            note_sized("determinant" if name == "det" else "trace")
            return sp.factor(arg.det()) if name == "det" else arg.trace()
        if isinstance(arg, sp.Symbol) and self.scope.make_atom is not None:
            word = "det" if name == "det" else "tr"
            key = f"{word}({arg.name})"
            shown = self.scope.latex.get(arg, arg.name)
            return self.atom_symbol("func", word, key, f"\\{name} {shown}")
        raise self.fail(f"\\{name} of something that is not a declared matrix", offset)

    def styled(self, style: str, offset: int) -> sp.Basic:
        r"""``\mathbb{E}``/``\mathbb{P}``/``\mathbb{V}``: operators; ``\mathcal{F}`` and the
        like: the symbol ``Fcal`` (``\mathbb{R}``: ``Rbb``)."""
        inner = self.raw_group_text()
        if inner == "I" and style == "mathbb" and self.mutual_information_follows():
            return self.read_mutual_information(offset)
        if inner == "H" and style == "mathbb" and (self.at("sym", "[") or self.at("sym", "(")):
            return self.read_entropy(offset)
        if inner in ("1", "I") and style == "mathbb" and self.indicator_follows(inner):
            return self.read_indicator(offset)
        if inner == "E" and style in ("mathbb", "mathsf"):
            return self.read_expectation(offset)
        if inner == "P" and style in ("mathbb", "mathsf"):
            return self.read_probability(offset)
        if inner == "V" and style == "mathbb":
            return self.read_variance(offset)
        sym = styled_name(style, inner)
        if sym is None:
            raise self.fail(f"unsupported: \\{style}{{{inner}}}", offset)
        return self.name(sym, f"\\{style}{{{inner}}}", offset)

    def raw_group_text(self) -> str:
        """The text of a braced group (nested braces kept), or of the single token there
        (``\\bar X``)."""
        if not self.at("sym", "{"):
            t = self.next()
            if t.kind == "cmd" and t.text not in GREEK:
                raise self.fail(f"unsupported argument \\{t.text}", t.offset)
            return show(t)
        close = skip_group(self.toks, self.pos) - 1  # the matching brace
        parts = [show(t) for t in self.toks[self.pos + 1 : close]]
        self.pos = close + 1
        return "".join(parts)

    def unwrap_command_group(self) -> bool:
        r"""``{\cmd{..}..}`` (one command with its braced arguments) after ``\operatorname``:
        drop the outer braces, so that the command is read as itself (``\mathbb{E}``);
        False (nothing consumed) for any other group."""
        if not (self.at("sym", "{") and self.at("cmd", None, 1)):
            return False
        close = skip_group(self.toks, self.pos) - 1
        j = self.pos + 2
        while j < close and self.toks[j].text == "{" and self.toks[j].kind == "sym":
            j = skip_group(self.toks, j)
        if j != close:
            return False
        del self.toks[close]
        del self.toks[self.pos]
        return True

    def bold(self, command: str, offset: int) -> sp.Basic:
        r"""``\mathbf{E}``/``\mathbf{P}``: operators; ``\mathbf{1}``, ``\mathbf{0}``,
        ``\mathbf{I}``: the ones and zero vectors and the identity; a letter: the declared
        vector or matrix of that name, else a name of its own (:func:`.math_names.bold_name`:
        ``\mathbf{x}`` is ``xbold``, ``\vec{x}`` is ``xvec``), never the plain letter ``x``,
        which a paper uses for another object (a coordinate, a scalar)."""
        inner = self.raw_group_text()
        if inner == "E":
            return self.read_expectation(offset)
        if inner == "P":
            return self.read_probability(offset)
        if inner == "1" and self.indicator_follows(inner):  # \mathbf{1}\{A\}: indicator
            return self.read_indicator(offset)
        if inner == "1":
            return sp.ones(vector_dim(self.scope.dim, "ones vector"), 1)
        if inner == "0":
            return sp.zeros(vector_dim(self.scope.dim, "zero vector"), 1)
        if inner == "I":
            return sp.eye(vector_dim(self.scope.dim, "identity"))
        if re.fullmatch(r"\\?[A-Za-z]+", inner):
            plain = inner.lstrip("\\")
            if plain in self.scope.objects:  # \mathbf{x} for a declared vector x
                return self.scope.objects[plain]
            return self.name(bold_name(command, plain), f"\\{command}{{{inner}}}", offset)
        raise self.fail(f"unsupported: \\{command}{{{inner}}}", offset)

    def function_power(self, name: str) -> sp.Basic | None:
        r"""The ``k`` of ``\sin^k`` (consumed) for a positive integer literal ``k`` and a
        function of :data:`POWER_PREFIX_FUNCTIONS`; None (nothing consumed) when there is no
        ``^``. Any other exponent is refused."""
        if not self.at("sym", "^"):
            return None
        k = self.peek(1)
        if k is not None and k.kind == "sym" and k.text == "{" and self.at("sym", "}", 3):
            k, width = self.peek(2), 4
        else:
            width = 2
        ok = k is not None and k.kind == "num" and k.text.isdigit() and int(k.text) >= 1
        if name not in POWER_PREFIX_FUNCTIONS or not ok or (width == 2 and len(k.text) > 1):
            raise self.fail(f"write (\\{name} x)^k instead of \\{name}^k x")
        self.pos += width
        return sp.Integer(k.text)

    def log_base(self, name: str) -> sp.Basic | None:
        r"""The base ``b`` of ``\log_b`` (consumed); None when there is none."""
        if not self.at("sym", "_"):
            return None
        if name != "log":
            raise self.fail(f"\\{name} with a base is not supported; divide by \\ln b")
        self.next()
        base = self.script()
        if isinstance(base, sp.MatrixBase) or base == 1 or base.is_nonpositive:
            raise self.fail("the base of \\log_b must be a positive number other than 1")
        return base

    def function_follows(self) -> bool:
        r"""A function command (``\sin``, ``\log``, ...) is next: it starts a new factor."""
        t = self.peek()
        return t is not None and t.kind == "cmd" and t.text in FUNCTIONS

    def function(self, func: Callable[[sp.Basic], sp.Basic], name: str) -> sp.Basic:
        r"""``\f(x)``, ``\f[x]``, ``\f x`` (one factor), ``\f^k x``, ``\log_b x``."""
        base = self.log_base(name)
        power = self.function_power(name)
        if base is None:
            base = self.log_base(name)  # \log^2_b x
        if self.at("sym", "("):  # \det(A)^{-1/2}: the exponent applies to the value
            arg = self.group("(", ")")
        elif self.at("sym", "["):
            arg = self.group("[", "]")
        else:
            arg = self.power()  # \ln x, \ln x^2, \exp x: one factor
            if self.starts_factor() and not self.function_follows():
                # \ln x y: ln(x) y or ln(xy)? refuse to guess (\cos x \sin x is no question)
                raise self.fail(f"ambiguous argument of \\{name}: write \\{name}(...)")
        if isinstance(arg, sp.MatrixBase):
            if name in ("det", "tr", "trace"):
                return arg
            if arg.shape != (1, 1):
                raise self.fail(f"\\{name} of a vector or matrix")
            arg = arg[0, 0]
        # \log_b x: ln x / ln b; a bare \log reads in the base being tried (log_reading)
        value = func(arg) if base is None else sp.log(arg) / sp.log(base)
        return value if power is None else value**power


__all__ = ["POWER_PREFIX_FUNCTIONS", "CommandsMixin"]


def _argument(tokens: list[Token], i: int) -> tuple[list[Token], int]:
    """The tokens of the argument at ``tokens[i]`` (a braced group's inside, or one token),
    and the index after it."""
    if i >= len(tokens):
        return [], i
    end = skip_group(tokens, i)
    if end == i:
        return [tokens[i]], i + 1
    return tokens[i + 1 : end - 1], end


def _plain_d(tokens: list[Token], i: int) -> bool:
    r"""Whether the ``\frac`` at ``tokens[i]`` writes the letter ``d`` (not ``\mathrm{d}``)
    first in its numerator or denominator."""
    num, j = _argument(tokens, i)
    den, _ = _argument(tokens, j)
    return any(p and p[0].kind == "letter" and p[0].text == "d" for p in (num, den))


def leibniz_fraction(tokens: list[Token], i: int) -> Leibniz | str | None:
    r"""The ``\frac`` arguments at ``tokens[i]`` as Leibniz notation
    (:func:`.math_derivatives.leibniz_parts`: a numerator starting with ``d`` over ``d``
    and a variable, ``\frac{d}{dx}``, ``\frac{dy}{dt}``, ``\frac{d^2 y}{d x^2}``); read as a
    quotient, ``d`` would cancel (``\frac{d}{dx} e^x = e^x / x``). ``\frac{d}{d+1}`` or
    ``\frac{d^2}{d_i}`` are quotients (None)."""
    num, j = _argument(tokens, i)
    den, _ = _argument(tokens, j)
    if len(num) < 1 or len(den) < 2:
        return None
    return leibniz_parts(num, den)
