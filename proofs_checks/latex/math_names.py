r"""Names and bracket groups in a token list: how an environment uses each name.

:func:`scan_evidence` records, for every letter (or Greek letter, or decorated letter such as
``\hat{L}``, ``\mathcal{R}``) with its subscript, whether it is used as a number (next to
arithmetic) and which bracket groups it is applied to; the parser's rules for ``f(..)`` (see
:mod:`~hallbound.proofs_checks.latex.math_reading`) read it. The bracket helpers
(:func:`match_group`, :func:`split_top`) work on any opening/closing pair of
:data:`OPENERS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

OPENERS = {("sym", "("): ")", ("sym", "["): "]", ("sym", "{"): "}", ("cmd", "{"): "\\}"}
OPENERS.update({("cmd", "langle"): "\\rangle", ("cmd", "lbrace"): "\\rbrace"})
OPENERS.update({("cmd", "lbrack"): "\\rbrack", ("cmd", "lceil"): "\\rceil"})
OPENERS.update({("cmd", "lfloor"): "\\rfloor"})
CLOSERS = frozenset(OPENERS.values())
LETTERLIKE = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
    "nu xi omicron rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Sigma Upsilon Phi Psi Omega ell".split()
)


def show(t: Any) -> str:
    """The LaTeX text of a token."""
    return "\\" + t.text if t.kind == "cmd" else t.text


def closer_of(t: Any) -> str | None:
    """The closing token text of an opening token (None if ``t`` opens nothing)."""
    return OPENERS.get((t.kind, t.text))


def is_closer(t: Any) -> bool:
    return show(t) in CLOSERS


def raw_key(tokens: list[Any]) -> str:
    """Tokens joined with single spaces: the key of a construct read as text."""
    return " ".join(show(t) for t in tokens)


@dataclass
class Evidence:
    """How names are used in an environment: on their own (``standalone``), and the argument
    texts each is applied to (``applied``: name -> set of texts)."""

    standalone: set[str] = field(default_factory=set)
    applied: dict[str, set[str]] = field(default_factory=dict)
    #: every letter written, in a word or an exponent too, except the letters of a
    #: superscript word on a name applied to a bracket (``N^{int}_e(A)``: :func:`_letters`)
    letters: set[str] = field(default_factory=set)
    #: whether the document gives evidence of complex scalars (``\\mathbb{C}``, a conjugated
    #: inner product: :func:`.document_evidence.complex_evidence`); inner products then keep
    #: their written order (:math:`\\langle x, y \\rangle = \\overline{\\langle y, x
    #: \\rangle}`)
    complex_scalars: bool = False

    def merge(self, other: Evidence) -> None:
        self.standalone |= other.standalone
        self.letters |= other.letters
        self.complex_scalars = self.complex_scalars or other.complex_scalars
        for k, v in other.applied.items():
            self.applied.setdefault(k, set()).update(v)


def scan_evidence(toks: list[Any]) -> Evidence:
    """Names used as numbers and names applied to a ``(..)``/``[..]`` group in ``toks``.

    A use counts as a number (``standalone``) only next to arithmetic: an operator, a
    relation, a number or another factor (``x(1-x)``, ``h < 2``, ``2p``); a name alone in a
    norm, a bracket or an argument list (``\\|f\\|``, ``D(\\mu, \\nu)``, ``f \\circ g``)
    says nothing. A letter adjacent to another letter (an italic word such as ``Var``)
    counts as neither."""
    ev = Evidence()
    i = 0
    n = len(toks)
    while i < n:
        start = i
        t = toks[i]
        is_letter = t.kind == "letter"
        if t.kind == "cmd" and t.text in _DECORATED and i + 1 < n:
            # \hat{L}(h), \mathcal{R}(F): the parser's names Lhat, Rcal
            j = match_group(toks, i + 1) if toks[i + 1].text == "{" else i + 1
            inner = "".join(x.text for x in toks[i + 1 : j + 1] if x.text not in "{}")
            if inner.isalpha() or inner in LETTERLIKE:
                i = j
                named = type(t)("letter", _DECORATED[t.text](inner), t.offset)
                toks = [*toks[:i], named, *toks[i + 1 :]]
                n = len(toks)
                t = toks[i]
                is_letter = True
            else:
                i += 1
                continue
        elif is_letter and _in_word(toks, i):
            i += 1
            continue
        elif not (is_letter or (t.kind == "cmd" and t.text in LETTERLIKE)):
            i += 1
            continue
        name, i = _scan_name(toks, i)
        nxt = toks[i] if i < n else None
        if nxt is not None and nxt.kind == "sym" and nxt.text in "([":
            j = match_group(toks, i)
            ev.applied.setdefault(name, set()).add(nxt.text + raw_key(toks[i + 1 : j]))
        elif nxt is None or not (
            (nxt.kind == "sym" and nxt.text in "'^")
            or (nxt.kind == "cmd" and nxt.text in ("circ", "prime"))
        ):
            prev = toks[start - 1] if start > 0 else None
            if _arithmetic(prev) or _arithmetic(nxt):
                ev.standalone.add(name)
    ev.letters = _letters(toks)
    return ev


def _letters(toks: list[Any]) -> set[str]:
    """Every letter token of ``toks`` (``m``, ``n`` in ``c^{mn}`` too), except those of a
    superscript word of two letters or more directly followed (after an optional subscript)
    by a bracket: ``N^{int}_\varepsilon(A)``, the pattern the reader may read as a label."""
    out: set[str] = set()
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "sym" and t.text == "^" and i + 1 < n and toks[i + 1].text == "{":
            j = match_group(toks, i + 1)
            inner = toks[i + 2 : j]
            k = j + 1
            if k + 1 < n and toks[k].text == "_":
                k = match_group(toks, k + 1) + 1 if toks[k + 1].text == "{" else k + 2
            if len(inner) >= 2 and all(x.kind == "letter" for x in inner) and k < n \
                    and toks[k].text == "(":
                i = j + 1
                continue
        if t.kind == "letter":
            out.add(t.text)
        i += 1
    return out


_ARITH_CMDS = frozenset("cdot times le ge leq geq lt gt neq leqslant geqslant pm mp".split())


def _arithmetic(t: Any) -> bool:
    """Whether ``t`` (a neighbour of a name) makes the name a number: an operator, a
    relation, a number or another factor."""
    if t is None:
        return False
    if t.kind in ("num", "letter"):
        return True
    if t.kind == "sym":
        return t.text in "+-*/=<>"
    return t.text in _ARITH_CMDS or t.text in LETTERLIKE


_ACCENTS = ("bar", "hat", "tilde", "overline", "widehat", "widetilde", "check", "breve")
_STYLES = ("mathcal", "mathfrak", "mathbb", "mathscr", "mathsf", "mathtt", "mathit")
#: Commands that make a name of a letter, and the parser's name of ``\cmd{X}``.
_DECORATED: dict[str, Any] = {a: (lambda x, a=a: x + a) for a in _ACCENTS}
_DECORATED.update({s: (lambda x, s=s: styled_name(s, x) or x) for s in _STYLES})
_DECORATED.update({b: (lambda x, b=b: bold_name(b, x)) for b in ("mathbf", "boldsymbol", "bm",
                                                                  "vec")})


def _in_word(toks: list[Any], i: int) -> bool:
    t = toks[i]
    before = toks[i - 1] if i > 0 else None
    after = toks[i + 1] if i + 1 < len(toks) else None
    return bool(
        (before is not None and before.kind == "letter" and before.offset + 1 == t.offset)
        or (after is not None and after.kind == "letter" and t.offset + 1 == after.offset)
    )


def _scan_name(toks: list[Any], i: int) -> tuple[str, int]:
    """The parser's name of the letter at ``i`` with its subscript, and the index after it."""
    base = toks[i].text
    i += 1
    if i < len(toks) and toks[i].kind == "sym" and toks[i].text == "_":
        i += 1
        if i < len(toks) and toks[i].kind == "sym" and toks[i].text == "{":
            j = match_group(toks, i)
            return f"{base}_{''.join(t.text for t in toks[i + 1 : j])}", j + 1
        if i < len(toks):
            return f"{base}_{toks[i].text[:1]}", i + 1
    return base, i


def match_group(toks: list[Any], i: int) -> int:
    """Index of the token closing the group opened at ``i`` (``len(toks)`` if none)."""
    depth = 0
    for j in range(i, len(toks)):
        if closer_of(toks[j]) is not None:
            depth += 1
        elif is_closer(toks[j]):
            depth -= 1
            if depth == 0:
                return j
    return len(toks)


def split_top(toks: list[Any], seps: tuple[str, ...]) -> list[list[Any]]:
    """``toks`` split at top-level tokens whose text is in ``seps``."""
    out: list[list[Any]] = [[]]
    depth = 0
    for t in toks:
        if closer_of(t) is not None:
            depth += 1
        elif is_closer(t):
            depth -= 1
        if depth == 0 and show(t) in seps:
            out.append([])
            continue
        out[-1].append(t)
    return out


def styled_name(style: str, inner: str) -> str | None:
    """The symbol name of ``\\mathcal{F}`` (``Fcal``) and the like; None if ``inner`` is not a
    letter or Greek letter."""
    suffix = {
        "mathcal": "cal",
        "mathfrak": "frak",
        "mathbb": "bb",
        "mathscr": "scr",
        "mathsf": "sf",
        "mathtt": "tt",
        "mathit": "",
        "mathnormal": "",
    }.get(style)
    if suffix is None or not re.fullmatch(r"\\?[A-Za-z]+", inner):
        return None
    return inner.lstrip("\\") + suffix


def bold_name(command: str, inner: str) -> str:
    """The symbol name of ``\\mathbf{x}``, ``\\boldsymbol{x}``, ``\\bm{x}`` (``xbold``) and
    ``\\vec{x}`` (``xvec``): a name of its own, never the plain letter's."""
    return inner.lstrip("\\") + ("vec" if command == "vec" else "bold")


__all__ = [
    "CLOSERS",
    "bold_name",
    "Evidence",
    "LETTERLIKE",
    "OPENERS",
    "closer_of",
    "is_closer",
    "match_group",
    "raw_key",
    "scan_evidence",
    "show",
    "split_top",
    "styled_name",
]
