r"""ASCII mathematics, as the claims write it in prose, to LaTeX math.

The claims' justifications, domains, notes and a few symbol names are written in ASCII
(``E[A^2] < oo``, ``exp(-1/2 mu_i^T Sigma_i^-1 mu_i)``, ``A*``, ``det_Sigma_i``,
``Interval.open(0, oo)``). :func:`math_tex` turns one such formula into math-mode LaTeX with
the paper's names (through :func:`symbol_latex`, the one printer of names, defined here
and used by :mod:`hallbound.paper_tex.printer`); :func:`prose_tex` finds the formulas inside a
sentence and sets each in ``$...$``, escaping the words around them.

Rules of :func:`math_tex`: ``<=, >=, !=, ->`` become :math:`\le, \ge, \ne, \to`; ``oo``
:math:`\infty`; ``**`` and ``^`` a superscript (``^T`` :math:`^\top`, ``^-1``
:math:`^{-1}`, ``^(...)`` grouped); ``_`` a subscript (``_star`` :math:`^*`); ``x*`` after a
name or bracket (``A*``, ``A*(X)``) the star :math:`x^*`, else ``*`` a product;
``sqrt(x)`` :math:`\sqrt{x}`; ``exp ln log det max min sup inf Pr`` operators; ``E[``
:math:`\mathbb{E}[`; ``Var`` :math:`\operatorname{Var}`; ``sum prod cap cup`` the big
operators; ``||x||`` :math:`\lVert x\rVert`; ``{`` ``}`` set braces; Greek names;
other words of two or more letters upright.
"""

from __future__ import annotations

import re

from sympy.printing.conventions import split_super_sub
from sympy.printing.latex import LatexPrinter, translate

#: Name prefixes that are operators applied to the rest of the name (``det_Sigma_i``).
NAME_OPERATORS: dict[str, str] = {"det": r"\det", "ln": r"\ln", "log": r"\ln", "exp": r"\exp"}

#: Subscript words that LaTeX typesets as operators.
OPERATOR_SUBSCRIPTS: dict[str, str] = {"max": r"\max", "min": r"\min"}

#: Names printed as base, subscripts and superscripts; anything else is shown verbatim.
SIMPLE_NAME = re.compile(r"^[A-Za-z]+[0-9]*([_^][A-Za-z0-9]+)*$")

#: Symbol names whose LaTeX is not what SymPy guesses (base names, before any subscript).
PAPER_NAMES: dict[str, str] = {
    "d_a": "d_a",
    "N": "N",
    "eps": r"\varepsilon",
    "epsilon": r"\varepsilon",
}

#: Greek letter names that are symbols.
GREEK = frozenset(
    "alpha beta gamma Gamma delta Delta epsilon varepsilon zeta eta theta Theta iota kappa "
    "lambda Lambda mu nu xi Xi pi Pi rho sigma Sigma tau upsilon phi Phi varphi chi psi Psi "
    "omega Omega ell".split()
)

#: Words printed as operators or constants.
WORDS: dict[str, str] = {
    "oo": r"\infty",
    "inf": r"\infty",
    "infty": r"\infty",
    "exp": r"\exp",
    "ln": r"\ln",
    "log": r"\ln",
    "det": r"\det",
    "max": r"\max",
    "min": r"\min",
    "sup": r"\sup",
    "int": r"\int",
    "Pr": r"\Pr",
    "Var": r"\operatorname{Var}",
    "Cov": r"\operatorname{Cov}",
    "sum": r"\sum",
    "prod": r"\prod",
    "cap": r"\bigcap",
    "cup": r"\bigcup",
    "in": r"\in",
    "notin": r"\notin",
    "eps": r"\varepsilon",
    "epsilon": r"\varepsilon",
    "qbar": r"\bar{q}",
    "star": "*",
    "and": r"\text{ and }",
    "or": r"\text{ or }",
    "if": r"\text{ if }",
    "for": r"\text{ for }",
    "with": r"\text{ with }",
    "not": r"\text{ not }",
    "all": r"\text{all }",
    "every": r"\text{every }",
    "some": r"\text{some }",
    "any": r"\text{any }",
}

#: Operators of two characters.
OPERATORS: dict[str, str] = {
    "<=": r"\le",
    ">=": r"\ge",
    "!=": r"\ne",
    "==": "=",
    "->": r"\to",
    "**": "^",
}

_TOKEN = re.compile(
    r"\s+|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*"
    r"|<=|>=|!=|==|->|\*\*|\|\||.",
)

_INTERVAL = re.compile(r"Interval(?:\.(open|Lopen|Ropen))?\(")


def _intervals(text: str) -> str:
    """``Interval.open(a, b)`` -> ``(a, b)`` (SymPy's printed intervals)."""
    while True:
        match = _INTERVAL.search(text)
        if not match:
            return text
        start, depth, i = match.end(), 1, match.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        inner = text[start : i - 1]
        kind = match.group(1)
        left = "(" if kind in ("open", "Lopen") else "["
        right = ")" if kind in ("open", "Ropen") else "]"
        text = text[: match.start()] + left + inner + right + text[i:]


def _close(text: str, start: int) -> int:
    """The index of the bracket closing the one opened just before ``start`` (or -1)."""
    depth = 1
    for k in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k
    return -1


def top_split(text: str) -> list[str]:
    """``text`` split at the commas outside brackets."""
    parts, depth, last = [], 0, 0
    for k, ch in enumerate(text):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(text[last:k])
            last = k + 1
    return [*parts, text[last:]]


_CALL = re.compile(r"\b(Sum|Abs)\(")


def _calls(text: str) -> str:
    """SymPy's ``Sum(x, (i, a, b))`` -> ``sum_(i=a)^(b) (x)`` and ``Abs(x)`` -> ``|x|``."""
    while match := _CALL.search(text):
        end = _close(text, match.end())
        if end < 0:
            return text
        inner = _calls(text[match.end() : end])
        if match.group(1) == "Abs":
            new = f"|{inner}|"
        else:
            parts = top_split(inner)
            limits = parts[1].strip()[1:-1].split(",") if len(parts) == 2 else []
            if len(limits) != 3:
                return text
            i, a, b = (x.strip() for x in limits)
            new = f"sum_({i}={a})^({b}) ({parts[0].strip()})"
        text = text[: match.start()] + new + text[end + 1 :]
    return text


def sympy_calls(text: str) -> str:
    """Program text with SymPy's ``Sum(x, (i, a, b))`` and ``Abs(x)`` calls written the way
    :func:`prose_tex` typesets them (``sum_(i=a)^(b) (x)``, ``|x|``): for text that is not
    SymPy's own (a lemma instance over events), which prose would split inside a call."""
    return _calls(text)


def tokens(text: str) -> list[str]:
    """The tokens of an ASCII formula (whitespace runs kept as one ``" "``)."""
    out = []
    for tok in _TOKEN.findall(_calls(_intervals(text))):
        out.append(" " if tok.isspace() else tok)
    return out


class _Renderer:
    def __init__(self, toks: list[str]) -> None:
        self.toks = toks
        self.i = 0
        self.norm_open = False
        self.abs_open = False

    def peek(self, k: int = 0) -> str | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def group(self, close: str) -> str:
        """Render up to the matching ``close`` (consumed); returns the inside."""
        out = []
        while self.i < len(self.toks):
            if self.toks[self.i] == close:
                self.i += 1
                return "".join(out)
            if close == ")" and self.toks[self.i] == "(":  # nested: keep its brackets
                self.i += 1
                out.append("(" + self.group(")") + ")")
                continue
            out.append(self.one())
        return "".join(out)

    def script(self) -> str:
        """The argument of ``^`` or ``_``: a bracket group, a signed number/name, or one
        token."""
        tok = self.peek()
        if tok is None:
            return ""
        if tok == "(":
            self.i += 1
            return self.group(")")
        if tok == "{":
            self.i += 1
            return self.group("}")
        if tok == "-" and self.peek(1) is not None:
            self.i += 1
            return "-" + self.script()
        self.i += 1
        if tok == "T":
            return r"\top"
        if tok[0].isalpha():
            return self.word(tok, in_script=True)
        return tok

    def word(self, tok: str, in_script: bool = False) -> str:
        if "_" in tok:  # a subscripted name, printed by the one name printer
            head, rest = tok.split("_", 1)
            if head in WORDS and head not in NAME_OPERATORS and head != "star":
                return WORDS[head] + "_{" + ",".join(self.word(p) for p in rest.split("_")) + "}"
            return symbol_latex(tok)

        if tok in WORDS:
            return WORDS[tok]
        if in_script and tok in OPERATOR_SUBSCRIPTS:
            return OPERATOR_SUBSCRIPTS[tok]
        if tok in GREEK:
            return "\\" + tok
        if tok == "E" and self.peek() not in ("_", "^"):
            return r"\mathbb{E}"
        if tok == "ET":
            return r"\mathbb{E} T"
        if len(tok) == 1:
            return tok
        if re.fullmatch(r"sqrt[0-9]+", tok):  # "sqrt2"
            return r"\sqrt{" + tok[4:] + "}"
        match = re.fullmatch(r"([A-Za-z]+?)([0-9]+)", tok)
        if match and (len(match.group(1)) == 1 or match.group(1) in GREEK):  # E1, v0
            head = match.group(1)
            return (f"\\{head}" if head in GREEK else head) + "_{" + match.group(2) + "}"
        return r"\mathrm{" + tok + "}"

    def one(self) -> str:
        tok = self.toks[self.i]
        self.i += 1
        if tok == " ":  # "x=1 lhs=2": a visible gap between two assignments
            prev = self.toks[self.i - 2] if self.i >= 2 else ""
            if prev[:1].isdigit() and (self.peek(0) or "")[:1].isalpha() and self.peek(1) == "=":
                return r"\quad "
            return " "
        if tok[0].isdigit():
            return number_tex(tok)
        gap = 1 if self.peek() == " " else 0
        if tok == "sqrt" and (self.peek(gap) or " ")[0].isdigit():  # "sqrt 2", "sqrt2"
            self.i += gap + 1
            return r"\sqrt{" + number_tex(self.toks[self.i - 1]) + "}"
        if tok == "sqrt" and self.peek() == "(":
            self.i += 1
            return r"\sqrt{" + self.group(")") + "}"
        if tok in ("^", "**"):
            return "^{" + self.script() + "}"
        if tok == "_":
            if self.peek() == "star":
                self.i += 1
                return "^{*}"
            return "_{" + self.script() + "}"
        if tok == "*":
            prev = self.toks[self.i - 2] if self.i >= 2 else " "
            nxt = self.peek() or " "
            if prev != " " and (nxt in (" ", "(", ")", "|", "||", "]", ",", "-", "^") or
                                nxt == "_"):
                return "^{*}"
            return r" \cdot "
        if tok in OPERATORS:
            return OPERATORS[tok]
        if tok == "||":
            self.norm_open = not self.norm_open
            return r"\lVert " if self.norm_open else r"\rVert "
        if tok == "|":
            self.abs_open = not self.abs_open
            return r"\lvert " if self.abs_open else r"\rvert "
        if tok == "{":
            return r"\{"
        if tok == "}":
            return r"\}"
        if tok in ("%", "#", "&", "$"):
            return "\\" + tok
        if tok == "~":
            return r"\sim "
        if tok == "\\":
            return r"\backslash "
        if tok[0].isalpha():
            return self.word(tok)
        return tok


_SCIENTIFIC = re.compile(r"^([0-9]+(?:\.[0-9]+)?)[eE]([+-]?)0*([0-9]+)$")


def number_tex(token: str) -> str:
    r"""A number as a number: ``1e4`` and ``10000`` :math:`\to` ``10^{4}``, ``2.5e-3``
    :math:`\to` ``2.5 \cdot 10^{-3}``; any other token unchanged."""
    if re.fullmatch(r"10000+", token):  # 1000000 -> 10^{6}
        return "10^{" + str(len(token) - 1) + "}"
    match = _SCIENTIFIC.match(token)
    if not match:
        return token
    mantissa, sign, exponent = match.groups()
    power = "10^{" + ("-" if sign == "-" else "") + exponent + "}"
    return power if mantissa in ("1", "1.0") else mantissa + r" \cdot " + power


def math_tex(text: str) -> str:
    """Math-mode LaTeX (no ``$``) of an ASCII formula such as ``E[A^2] < oo``."""
    body = _Renderer(tokens(text.strip()))
    out = []
    while body.i < len(body.toks):
        out.append(body.one())
    return re.sub(r" +", " ", "".join(out)).strip()


# ----- prose ---------------------------------------------------------------------------------

#: References and names that stay words: (B.4a), (S1)-(S3b), Lemma B.1, 6.1, 5.2.1.
_REF = (  # (B.4a), (S1), (R7), B.1, B.4a' -- a bare E1 is a symbol, not a reference
    r"(?:\([A-Z]{1,2}\.?[0-9]+(?:\.[0-9]+)*[a-z]?'?\)|[A-Z]{1,2}\.[0-9]+(?:\.[0-9]+)*[a-z]?'?)"
)
_REFERENCE = re.compile(rf"^{_REF}(?:-{_REF})?$")
_DOTTED = re.compile(r"^[0-9]+(?:\.[0-9]+)+$")
#: Words after which a dotted number (6.1, 5.2.1) is a reference, not a decimal.
REFERENCE_WORDS = frozenset(
    "Lemma Theorem Definition Remark Corollary Assumption Section Proposition Eq Figure "
    "Table Appendix".split()
)
_HYPHEN_WORD = re.compile(r"^[A-Za-z]+(?:-[A-Za-z]+)+$")
_STRONG = re.compile(r"[_^=<>*|\[\]{}+/()]|[0-9]|^-")
_PUNCT_END = ".,;:"
#: Names with a digit that are words, not formulas (the prover z3 is not z_3).
TEXT_NAMES = frozenset({"z3", "Z3"})

#: Words of a sentence that stay words even though :data:`WORDS` can print them in math.
SENTENCE_WORDS = frozenset("and or if for with not star all every some any".split())


def _kind(token: str) -> str:
    """``"math"``, ``"weak"`` (math only between formulas) or ``"text"``."""
    core = token.strip("(),.;:")
    if not core:
        return "text" if token.strip() in _PUNCT_END else "weak"
    if _REFERENCE.match(token.rstrip(",.;:")):
        return "text"
    if core in ("-", "+", "=", "<", ">", "a", "A", "I"):
        return "weak"
    if _HYPHEN_WORD.match(core):
        return "hyphen"
    if core in TEXT_NAMES:
        return "text"
    if _STRONG.search(core):
        return "math"
    if core in SENTENCE_WORDS:
        return "text"
    if core.rstrip("'") in GREEK:  # gamma' = 4 gamma/5
        return "math"
    if core in WORDS or core in GREEK or core in ("E", "sqrt"):
        return "weak" if core in ("in", "notin", "max", "min", "sup", "inf", "sum") else "math"
    if len(core) == 1:
        return "math" if core.isalpha() else "text"
    return "text"


def _split_run(run: str) -> tuple[str, str, str]:
    """Move punctuation and unbalanced brackets at the ends of a formula out of it."""
    prefix, suffix = "", ""
    def balance(text: str) -> int:
        return text.count("(") + text.count("[") - text.count(")") - text.count("]")

    while run and (run[-1] in _PUNCT_END or (run[-1] == ")" and balance(run) < 0)):
        suffix = run[-1] + suffix
        run = run[:-1]
    while run and run[0] == "(" and balance(run) > 0:
        prefix += run[0]
        run = run[1:]
    return prefix, run, suffix


#: A dotted Python path of the package (``hallbound.numeric.bounds.union_bound``).
_CODE_PATH = re.compile(r"^\(?hallbound(\.\w+)+[.,;:)]*$")


def prose_tex(text: str) -> str:
    """A sentence with ASCII formulas as LaTeX: words escaped, each formula in ``$...$``."""
    words = text.split()
    kinds = [_kind(w) for w in words]
    for j in range(1, len(words)):  # "Theorem 6.1": a reference
        if _DOTTED.match(words[j].strip("(),.;:")) and words[j - 1] in REFERENCE_WORDS:
            kinds[j] = "text"
    for j, kind in enumerate(kinds):  # a weak token is math between formulas
        if kind == "weak":
            before = j > 0 and kinds[j - 1] == "math"
            after = j + 1 < len(kinds) and _kind(words[j + 1]) == "math"
            if words[j].strip("(),.;:") in ("in", "notin"):  # "differentiate in s": a word
                kinds[j] = "math" if before and after else "text"
                continue
            kinds[j] = "math" if before or after else "text"
    out: list[str] = []
    j = 0
    while j < len(words):
        if _CODE_PATH.match(words[j]):  # a module path: typewriter, breakable at its dots
            head = words[j].rstrip(".,;:)")
            parts = [escape_text(x) for x in head.split(".")]
            out.append(r"\texttt{" + r".\allowbreak{}".join(parts) + "}"
                       + escape_text(words[j][len(head):]))
            j += 1
            continue
        if kinds[j] == "hyphen":
            head, _, rest = words[j].partition("-")
            lead = head.lstrip("(")
            if lead in GREEK or (len(lead) == 1 and lead.isalpha()):
                pre = head[: len(head) - len(lead)]
                out.append(escape_text(pre) + f"${math_tex(lead)}$-" + escape_text(rest))
            else:
                out.append(escape_text(words[j]))
            j += 1
            continue
        if kinds[j] != "math":
            out.append(escape_text(words[j]))
            j += 1
            continue
        k = j
        while k < len(words) and kinds[k] == "math":
            k += 1
            if words[k - 1].endswith(";"):  # a formula ends at a semicolon
                break
        prefix, run, suffix = _split_run(" ".join(words[j:k]))
        piece = escape_text(prefix) + (f"${math_tex(run)}$" if run else "") + escape_text(suffix)
        out.append(piece)
        j = k
    return " ".join(out)


# ----- names and plain text (used by the paper printer) --------------------------------------
def symbol_latex(name: str, index: str | None = None) -> str:
    r"""LaTeX for a symbol name: ``"Sigma_12", "i"`` :math:`\to` ``\Sigma_{i,12}``.

    A name that already is LaTeX (starts with a backslash) is kept as it is.
    """
    if name in PAPER_NAMES and index is None:
        return PAPER_NAMES[name]
    if name.startswith("\\"):
        return name
    if not SIMPLE_NAME.match(name):  # e.g. "1^T Sigma_i 1": ASCII mathematics
        return math_tex(name)
    base, supers, subs = split_super_sub(name)
    if base in NAME_OPERATORS and subs:  # "det_Sigma_i" -> \det \Sigma_{i}
        return NAME_OPERATORS[base] + " " + symbol_latex("_".join(subs), index)
    if subs and subs[-1] == "star":  # "A_star" -> A^{*}
        supers = [*supers, "*"]
        subs = subs[:-1]
    base_tex = PAPER_NAMES.get(base) or LatexPrinter()._deal_with_super_sub(base)
    sub_parts = [index] if index else []
    sub_parts += [OPERATOR_SUBSCRIPTS.get(s, translate(s)) for s in subs]
    out = base_tex
    if supers:
        out += "^{" + " ".join(supers) + "}"
    if sub_parts:
        out += "_{" + ",".join(sub_parts) + "}"
    return out


def escape_text(text: str) -> str:
    r"""Escape LaTeX's special characters in plain text (``_`` :math:`\to` ``\_``, ...)."""
    table = {
        "\\": r"\textbackslash{}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "{": r"\{",
        "}": r"\}",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "<": r"\textless{}",
        ">": r"\textgreater{}",
        "|": r"\textbar{}",
    }
    return "".join(table.get(ch, ch) for ch in text)


__all__ = [
    "escape_text",
    "math_tex",
    "number_tex",
    "prose_tex",
    "symbol_latex",
    "tokens",
    "top_split",
]
