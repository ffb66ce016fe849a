r"""Tokens of LaTeX math for the allow-list parser: commands, letters, numbers, symbols.

:func:`tokenize` splits a formula into :class:`Token` objects (each with its offset) and drops
what carries no mathematics: spacing and sizing commands (``\,``, ``\left``, ``\big``,
``\left.``), ``\label``/``\tag``, the wrappers ``\mathop{..}``; a ``\text{..}`` remark ends the
formula (:mod:`.row_remarks`, :mod:`.row_labels`), except ``\text{Var}(..)`` and the like,
which name an operator. The limits on hostile input (length, depth, exponents) are set here.
Unicode math (``≤``, ``α``, ``n₀``) is read as the LaTeX it stands for (:mod:`.math_unicode`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp

from hallbound.proofs_checks.latex.equation_numbers import (
    equation_number,
    refuse_tag_condition,
)
from hallbound.proofs_checks.latex.log_reading import bare_log
from hallbound.proofs_checks.latex.math_atoms import OPERATOR_CONTENTS
from hallbound.proofs_checks.latex.math_unicode import ambiguous_root, latex_for
from hallbound.proofs_checks.latex.relation_marks import (
    leading_implication,
    leading_name,
    over_relation,
)
from hallbound.proofs_checks.latex.row_labels import remark_gap
from hallbound.proofs_checks.latex.row_remarks import forall_refusal, group_text, remark_refusal
from hallbound.proofs_checks.latex.row_separators import separator_refusal

#: Longest accepted expression, in characters.
MAX_LENGTH = 4000
#: Deepest accepted nesting (groups, fractions, exponents, ...).
MAX_DEPTH = 40
#: Largest absolute value of a numeric exponent.
MAX_EXPONENT = 1000
#: Most decimal digits of a number raised to a numeric power.
MAX_RESULT_DIGITS = 2000
#: Most digits in a number literal.
MAX_LITERAL_DIGITS = 40
#: Most terms of a sum or product with numeric limits (it is written out).
MAX_TERMS = 50

GREEK: tuple[str, ...] = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
    "nu xi omicron rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Sigma Upsilon Phi Psi Omega ell"
).split()

#: Commands that are dropped (spacing, sizing, line punctuation).
IGNORED = frozenset(
    "left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr middle "
    "quad qquad , ; : ! nonumber notag displaystyle textstyle limits nolimits bigm Bigm biggm "
    "Biggm scriptstyle qedhere".split()
) | {" ", "\n", "\t"}
#: Commands dropped with the braces of their argument (the argument's tokens are kept): a
#: math class (``\\mathopen\\|``, ``\\mathrel{=}``) sets spacing only, never the meaning.
UNWRAP = frozenset("mathop mathord mathrel mathbin mathopen mathclose mathpunct mathinner "
                   "ensuremath".split())
#: Commands whose braced argument is dropped with them.
IGNORED_WITH_ARG = frozenset("label tag".split())
#: Braces with a note under or over them: the note is dropped, the braced part kept.
ANNOTATIONS = frozenset("underbrace overbrace".split())
#: Text commands: a remark; the formula ends where one starts.
TEXT_REMARK = frozenset("text textrm mbox hbox textnormal intertext textit".split())
#: Functions of one argument.
FUNCTIONS: dict[str, Callable[[sp.Expr], sp.Expr]] = {
    "ln": sp.log,
    "log": bare_log,  # ln x / ln b, b the base being tried (log_reading)
    "exp": sp.exp,
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "tanh": sp.tanh,
    "arctan": sp.atan,
    "erf": sp.erf,
    "erfc": sp.erfc,
}
#: Relations: token text -> relation name of :mod:`hallbound.proofs_checks.engine.claim`.
RELATIONS: dict[str, str] = {
    "=": "=",
    "<": "<",
    ">": ">",
    r"\le": "<=",
    r"\leq": "<=",
    r"\leqslant": "<=",
    r"\ge": ">=",
    r"\geq": ">=",
    r"\geqslant": ">=",
    r"\lt": "<",
    r"\gt": ">",
}
#: What :func:`.row_remarks.remark_refusal` is told: relations, spacing, text commands.
_REMARK_SETS = (frozenset(RELATIONS), IGNORED, TEXT_REMARK | IGNORED_WITH_ARG)
#: Constructs named in the "unsupported" message.
UNSUPPORTED_HINT: dict[str, str] = {
    "iint": "integrals are not evaluated from LaTeX",
    "oint": "integrals are not evaluated from LaTeX",
    "cdots": "an ellipsis is read only between two terms (a + \\cdots + b) or two factors "
    "(a_1 \\cdots a_n)",
    "ldots": "an ellipsis cannot be checked; write the sum with \\sum",
    "dots": "an ellipsis cannot be checked; write the sum with \\sum",
    "partial": "derivatives are not evaluated from LaTeX",
    "nabla": "gradients are not evaluated from LaTeX",
    "lim": "limits are not evaluated from LaTeX",
    "input": "\\input is never followed",
    "include": "\\include is never followed",
    "otimes": "product measures and tensor products (\\otimes) are not read",
    "backslash": "set differences (\\backslash) are not read",
    "setminus": "set differences (\\setminus) are not read",
}


class LatexError(ValueError):
    """A construct the parser refuses, at ``offset`` of the parsed text."""

    def __init__(self, message: str, offset: int) -> None:
        self.message = message
        self.offset = offset
        super().__init__(message)


@dataclass(frozen=True)
class Token:
    """``kind``: ``cmd`` (text without the backslash), ``num``, ``letter`` or ``sym``;
    ``width``: the characters of the source it spans when that is not its text's length
    (a token read from a Unicode character, ``≤`` for ``\\le``: :func:`token_end`)."""

    kind: str
    text: str
    offset: int
    width: int | None = field(default=None, compare=False)


def token_end(t: Token) -> int:
    """The offset just past ``t`` in the source (``\\le`` spans 3 characters, ``≤`` one)."""
    return t.offset + (t.width if t.width is not None else len(t.text) + (t.kind == "cmd"))


_TOKEN = re.compile(
    r"\\(?P<cmd>[A-Za-z]+|.)|(?P<num>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)|(?P<letter>[A-Za-z])"
    r"|(?P<space>\s+)|(?P<sym>.)",
    re.S,
)


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Tokens of ``text`` (offsets shifted by ``base``), with ignored constructs removed."""
    if len(text) > MAX_LENGTH:
        raise LatexError(f"expression longer than {MAX_LENGTH} characters", base)
    out: list[Token] = []
    raw = unwrap_wrappers(_raw_tokens(text, base))
    i = 0
    while i < len(raw):
        t = raw[i]
        if t.kind == "cmd" and t.text in ("left", "right") and _is_token(raw, i + 1, "sym", "."):
            i += 2  # \left. and \right.: an invisible delimiter
            continue
        if (past := equation_number(out, raw, i, LatexError)) >= 0:  # "x = y \quad (4)": a
            i = past  # label, skipped; "x = y \quad (a + b)": refused there (equation_numbers)
            continue
        if why := separator_refusal(out, raw, i, _REMARK_SETS[0]):
            raise LatexError(why, t.offset)  # "x \qquad x \ge 0": two formulas
        if (t.kind == "cmd" and t.text in IGNORED) or leading_implication(
                out, raw, i, RELATIONS, IGNORED):  # "\implies B" opening a row: B alone
            i += 1
            continue
        if (over := over_relation(raw, i, RELATIONS)) is not None:  # \overset{(a)}{\le}
            if isinstance(over, str):
                raise LatexError(over, t.offset)
            out.append(over[0])
            i = over[1]
            continue
        if t.kind == "cmd" and t.text in TEXT_REMARK:
            j = skip_group(raw, i + 1)
            word = "".join(x.text for x in raw[i + 2 : j - 1]) if j > i + 1 else ""
            differential = word == "d" and j < len(raw) and (raw[j].kind == "letter"
                                                             or raw[j].text in GREEK)
            named = differential or leading_name(out, raw, i, j, RELATIONS)
            if named or (word in OPERATOR_CONTENTS and j < len(raw)
                         and raw[j].text in ("(", "[", "{")):
                # \text{d}x: a differential; \text{Var}(X): an operator name; \text{Loss} =
                # opening the row: a name (relation_marks); not remarks
                out.append(Token("cmd", "mathrm" if named else "operatorname", t.offset))
                out.extend(raw[i + 1 : j])
                i = j
                continue
            remark, rest = group_text(text, base, raw, i + 1, j)
            gap = remark_gap(remark, rest, out, raw, j, *_REMARK_SETS)
            if isinstance(gap, int):  # "2x\,\text{(cross term)} + 1": the label is skipped
                out, i = (out[:-1] if out and out[-1].text in "([" else out), gap
                continue
            if why := remark_refusal(remark, rest, raw[j:], *_REMARK_SETS) or gap:
                raise LatexError(why, t.offset)  # a condition or maths after the remark
            while out and out[-1].kind == "sym" and out[-1].text in "([":
                out.pop()  # "x \quad (\text{by } (2))": the bracket opened the remark
            break  # "x \quad \text{for all } y": the remark ends the formula
        if t.kind == "cmd" and t.text == "forall":  # "x \le y \quad \forall x, y": ends
            if out and (why := forall_refusal(text[t.offset - base + len("\\forall"):],
                                              raw[i + 1:], *_REMARK_SETS)):
                raise LatexError(why, t.offset)  # "\forall x \ge 1": a condition
            break
        if t.kind == "cmd" and t.text in ANNOTATIONS and _is_token(raw, i + 1, "sym", "{"):
            raw = _drop_annotation(raw, i)  # the braced part is read on from raw[i]
            continue
        if t.kind == "cmd" and t.text in IGNORED_WITH_ARG:
            if t.text == "tag":
                refuse_tag_condition(raw, i, LatexError)  # \tag{$x \ge 0$}: refused
            star = _is_token(raw, i + 1, "sym", "*")  # \tag*{..}: the starred tag
            i = skip_group(raw, i + 2 if star else i + 1)
            continue
        if t.kind == "sym" and t.text == "&":
            i += 1
            continue
        if _digit_group_follows(raw, i, out):  # 1\,000: one number, 1000
            out[-1] = Token("num", out[-1].text + t.text, out[-1].offset)
            i += 1
            continue
        out.append(t)
        i += 1
    return subscript_first(drop_name_braces(out))


def _raw_tokens(text: str, base: int) -> list[Token]:
    """Every token of ``text``, spaces dropped; Unicode math read as its LaTeX
    (:mod:`.math_unicode`: each token of it at the character's offset, spanning the
    character or script run)."""
    raw: list[Token] = []
    skip = 0
    for m in _TOKEN.finditer(text):
        if m.start() < skip or m.lastgroup == "space":
            continue
        kind = m.lastgroup or "sym"
        if kind == "sym" and not m.group().isascii():
            if m.group() == "√" and ambiguous_root(text, m.start()):
                raise LatexError(ambiguous_root(text, m.start()), base + m.start())
            latex, skip = latex_for(text, m.start())
            if latex:
                at, width = base + m.start(), skip - m.start()
                raw += [Token(t.kind, t.text, at, width) for t in _raw_tokens(latex, 0)]
                continue
        raw.append(Token(kind, m.group(kind), base + m.start()))
    return raw


def _script_end(toks: list[Token], i: int) -> int:
    """End of the script operand at ``toks[i]`` (a braced group or one token); -1 when it
    is a command taking a braced argument (``^\\frac12``) or missing."""
    if i >= len(toks):
        return -1
    if _is_token(toks, i, "sym", "{"):
        return skip_group(toks, i)
    if toks[i].kind == "cmd" and _is_token(toks, i + 1, "sym", "{"):
        return -1
    return i + 1


#: Big operators whose limits may be written in either order (``\sum^n_{i=1}``).
_BIG_OPERATORS = frozenset(
    "sum prod coprod int iint iiint oint bigcup bigcap bigoplus bigotimes bigvee bigwedge "
    "bigsqcup".split())


def _label_superscript(toks: list[Token], i: int, end: int) -> bool:
    """Whether the superscript ``toks[i:end]`` (after the ``^``) is a label the reader
    names (``*``, ``\\star``, ``{(k)}``), never a power or an operation (``-1``, ``2``,
    ``\\top``, ``\\dagger``, a word)."""
    inner = toks[i + 1 : end - 1] if _is_token(toks, i, "sym", "{") else toks[i:end]
    if len(inner) == 1:
        t = inner[0]
        return (t.kind == "sym" and t.text == "*") or (t.kind == "cmd" and t.text == "star")
    return (len(inner) >= 3 and _is_token(inner, 0, "sym", "(")
            and _is_token(inner, len(inner) - 1, "sym", ")"))


def subscript_first(toks: list[Token]) -> list[Token]:
    r"""Scripts written superscript first, read only where the order does not change the
    meaning: the limits of a big operator (``\sum^n_{i=1}`` is ``\sum_{i=1}^n``,
    ``\int^b_a``) and a label superscript (``X^{(i)}_t`` is ``X_t^{(i)}``, ``x^*_i`` is
    ``x_i^*``, one named symbol). Any other ``x^{a}_{b}`` on a symbol is left as written
    (the parser refuses it): ``A^{-1}_{11}`` is the entry of the inverse, ``(A^{-1})_{11}``,
    and ``A^2_{12}`` an entry of ``A^2``, never a power of the entry ``A_{11}``."""
    out = list(toks)
    i = 0
    while i < len(out):
        if _is_token(out, i, "sym", "^"):
            e1 = _script_end(out, i + 1)
            if e1 > 0 and _is_token(out, e1, "sym", "_") and _reorder_allowed(out, i, e1):
                e2 = _script_end(out, e1 + 1)
                if e2 > 0:
                    out[i:e2] = out[e1:e2] + out[i:e1]
                    i = e2
                    continue
        i += 1
    return out


def _reorder_allowed(toks: list[Token], i: int, e1: int) -> bool:
    """Whether ``toks[i:e1]`` (a ``^`` and its operand, a subscript after it) may be read
    subscript first: on a big operator, or when the superscript is a label."""
    nucleus = toks[i - 1] if i > 0 else None
    if nucleus is not None and nucleus.kind == "cmd" and nucleus.text in _BIG_OPERATORS:
        return True
    return _label_superscript(toks, i + 1, e1)


def _digit_group_follows(raw: list[Token], i: int, out: list[Token]) -> bool:
    r"""Whether ``raw[i]`` is a group of exactly three digits written after a number with
    only a thin space ``\,`` between (``1\,000``, ``12\,345\,678``, ``0.123\,456``):
    TeX's thousands separator, so the two are one number (``out[-1]``, to be joined). The
    number before: a first group (one to three digits, or a decimal whose fraction has
    three) or a group joined so already. Other numbers side by side are refused."""
    t = raw[i]
    if t.kind != "num" or not re.fullmatch(r"[0-9]{3}", t.text) or i < 2 or not out:
        return False
    before, sep = raw[i - 2], raw[i - 1]
    if sep.kind != "cmd" or sep.text != "," or before.kind != "num" or out[-1].kind != "num":
        return False
    if out[-1].offset < before.offset:  # ``before`` was joined to a number already
        return True
    return out[-1] is before and bool(re.fullmatch(r"[0-9]{1,3}|[0-9]*\.[0-9]{3}", before.text))


def _name_token(t: Token) -> bool:
    return t.kind == "letter" or (t.kind == "cmd" and t.text in GREEK)


#: Commands between operands (no argument): braces after them hold an operand.
_OPERATOR_CMDS = frozenset("cdot times pm mp div ast star circ".split())


def _takes_argument(prev: Token) -> bool:
    """Whether a group after ``prev`` may be its argument or script."""
    if prev.kind == "cmd":
        return "\\" + prev.text not in RELATIONS and prev.text not in _OPERATOR_CMDS
    return prev.kind == "sym" and prev.text in ("^", "_", "}", "]")


def _one_unit(toks: list[Token], i: int) -> int:
    """End of the group opened at ``toks[i]`` when it holds one name (``{x}``,
    ``{\\alpha}``) or one command with its braced arguments (``{\\mathbb{E}}``,
    ``{\\hat{x}}``); -1 otherwise."""
    close = skip_group(toks, i) - 1
    first = toks[i + 1] if i + 1 < close else None
    if first is None:
        return -1
    if _name_token(first) and close == i + 2:
        return close
    if first.kind != "cmd" or first.text in GREEK:
        return -1
    j = i + 2
    while j < close and _is_token(toks, j, "sym", "{"):
        j = skip_group(toks, j)
    return close if j == close else -1


def drop_name_braces(toks: list[Token]) -> list[Token]:
    r"""``{x}``, ``{\alpha}``, ``{\mathbb{E}}`` standing for an operand (a macro's body
    such as ``\ensuremath{\mathbb{E}}``, ``{R}_D``): the braces removed, so that a
    subscript or an argument after them binds to it as in TeX. Braces that are a command's
    argument or a script are kept: after a command, ``^``, ``_``, ``}`` or ``]``
    (``\hat{x}``, ``x^{n}``, ``\frac{a}{b}``, ``\sqrt[3]{x}``)."""
    drop: set[int] = set()
    for i, t in enumerate(toks):
        if t.kind != "sym" or t.text != "{" or (i > 0 and _takes_argument(toks[i - 1])):
            continue
        if i > 1 and toks[i - 1].text == "*" and toks[i - 2].kind == "cmd":
            continue  # \operatorname*{..}: a starred command's argument
        try:
            close = _one_unit(toks, i)
        except LatexError:
            return toks  # unbalanced: the parser reports it
        if close > 0:
            drop |= {i, close}
    return [t for k, t in enumerate(toks) if k not in drop] if drop else toks


def _drop_annotation(raw: list[Token], i: int) -> list[Token]:
    r"""``\underbrace{X}_{note}`` / ``\overbrace{X}^{note}`` at ``raw[i]``: the tokens with
    the command and its note removed (``{X}`` kept, still to be read)."""
    j = skip_group(raw, i + 1)
    script = "_" if raw[i].text == "underbrace" else "^"
    k = (skip_group(raw, j + 1) if _is_token(raw, j + 1, "sym", "{") else j + 2) \
        if _is_token(raw, j, "sym", script) else j
    return raw[:i] + raw[i + 1 : j] + raw[k:]


def _is_token(tokens: list[Token], i: int, kind: str, text: str) -> bool:
    return i < len(tokens) and tokens[i].kind == kind and tokens[i].text == text


def unwrap_wrappers(raw: list[Token]) -> list[Token]:
    r"""``\mathop{X}`` and the like: the command and its braces removed, ``X`` kept; a
    wrapper of one token (``\mathopen\|``, ``\mathclose)``, ``\mathrel=``): the command
    removed, the token read as written."""
    drop: set[int] = set()
    for i, t in enumerate(raw):
        if t.kind == "cmd" and t.text in UNWRAP and _is_token(raw, i + 1, "sym", "{"):
            j = skip_group(raw, i + 1)
            drop |= {i, i + 1, j - 1}
        elif t.kind == "cmd" and t.text in UNWRAP and i + 1 < len(raw):
            drop.add(i)
    return [t for k, t in enumerate(raw) if k not in drop] if drop else raw


def skip_group(tokens: list[Token], i: int) -> int:
    """Index after a braced group starting at ``tokens[i]`` (or ``i`` if none)."""
    if i >= len(tokens) or tokens[i].text != "{":
        return i
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].kind == "sym" and tokens[j].text == "{":
            depth += 1
        elif tokens[j].kind == "sym" and tokens[j].text == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    raise LatexError("unbalanced braces", tokens[i].offset)


__all__ = ["FUNCTIONS", "GREEK", "IGNORED", "LatexError", "MAX_DEPTH", "MAX_EXPONENT",
           "MAX_LENGTH", "MAX_LITERAL_DIGITS", "MAX_RESULT_DIGITS", "MAX_TERMS", "RELATIONS",
           "Token", "UNSUPPORTED_HINT", "skip_group", "token_end", "tokenize"]
