r"""Independence stated in the running text (prose), outside any ``% hb: assume`` line.

A clause of the text (a sentence cut at ``;``, "but", "while", "whereas", "however",
"although") that says variables are independent: the word "independent" (also
"independently", "mutually/jointly/pairwise independent", "independent copies"), "i.i.d."
or "iid", or ``\perp`` / ``\perp\!\!\!\perp`` / ``\indep`` between two of them. A clause
that also says "not", "n't", "neither", "nor", "dependent", "non-independent",
"conditionally", "given" or "linearly" (also "affinely", "algebraically") is not counted
(``X, Y are not independent``, ``X \perp Y \mid Z`` read as conditional: a ``\mid`` in the
formula counts as "given").

Each counted clause gives (:class:`ProseIndependence`):

* ``names``: every variable named in the clause's inline formulas (``$X, Y$``,
  ``$X_1, \dots, X_n$`` -> the family ``X_*``, ``$(X_i)$`` -> ``X_*``), read wide: a
  refutation at a law where two of them are dependent says nothing of the text
  (:mod:`.models.prose_laws` withdraws it);
* ``law``: the clause read strictly as a law statement, or None. Read only for the forms
  ``$LIST$ (and $LIST$) (are|be|is) (mutually|jointly) independent|i.i.d. (random
  variables|...)`` and ``$X$ is independent of $LIST$``, with no "if", "whether",
  "suppose", "contradiction", "pairwise" in the clause; it is the statement
  :func:`~.models.law_statements.read_law_statement` gives for the same words written in an
  ``assume`` line, so the law model may draw only laws that meet it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from hallbound.proofs_checks.latex.document import Document
from hallbound.proofs_checks.latex.models.law_statements import (
    LawStatement,
    family,
    norm_name,
    read_law_statement,
)

_KEY = re.compile(r"\bindependent(?:ly)?\b|\bi\.\s*i\.\s*d\b|\biid\b"
                  r"|\\perp(?![A-Za-z])|\\indep\w*|\\independent(?![A-Za-z])")
_NEGATION = re.compile(r"\bnot\b|n't\b|\bneither\b|\bnor\b|\bdependent\b|\bnon-?independent\b"
                       r"|\bconditional(?:ly)?\b|\bgiven\b|\\mid(?![A-Za-z])"
                       r"|\b(?:linearly|affinely|algebraically)\b", re.I)
_CLAUSE = re.compile(r";|\b(?:but|while|whereas|however|although)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\\$])|\n\s*\n|\\\\"
                       r"|\\(?:begin|end|(?:sub)*section|paragraph|item|documentclass|"
                       r"usepackage|label|caption|title|chapter)\b\*?(?:\[[^\]]*\])?(?:\{[^{}]*\})*")
_HEDGED = re.compile(r"\b(?:if|whether|suppose|supposing|contradiction|pairwise)\b", re.I)
_MATH = re.compile(r"(?<!\\)\$\$[^$]{1,1000}?\$\$|(?<![\\$])\$[^$]{1,1000}?(?<!\\)\$"
                   r"|\\\(.{1,1000}?\\\)", re.S)
#: ``LIST (and LIST) (are|be|is) (mutually|jointly) independent|i.i.d.`` then an end, a noun
#: of random variables, or "of LIST".
_STRICT = re.compile(
    r"(?P<lists>(?:@\d+@\s*(?:,\s*(?:and\s+)?|and\s+)?)+?)\s*(?:are|be|is)?\s*"
    r"(?:(?:mutually|jointly)\s+)?(?P<key>independent|i\.\s*i\.\s*d\.?|iid)\s*"
    r"(?:(?:real(?:-valued)?\s+)?(?:random\s+(?:variables|vectors|elements)|variables|samples)"
    r"|of\s+(?P<of>@\d+@))?\s*(?:(?:[,.]|\b(?:with|each|and|so|such)\b).*)?", re.I | re.S)
_DOTS = ("dots", "ldots", "cdots")
#: The words a strictly read clause may start with.
_LEAD = re.compile(
    r"^\s*(?:(?:let|assume(?:\s+that)?|where|with|now|here|we\s+assume\s+that"
    r"|the\s+(?:random\s+)?variables)\s+)*", re.I)
_CUT = re.compile(r"\\sim(?![A-Za-z])|\\in(?![A-Za-z])|=|:|\\colon(?![A-Za-z])")


@dataclass(frozen=True)
class ProseIndependence:
    """One clause of the text that says variables are independent (module doc)."""

    offset: int
    line: int
    sentence: str
    names: frozenset[str]
    law: LawStatement | None = None

    def where(self) -> str:
        """``line 3: 'Let $X, Y$ be independent.'``"""
        return f"line {self.line}: {self.sentence!r}"


def _list_part(formula: str) -> str:
    """The part of an inline formula that lists variables (before ``\\sim``, ``\\in``, ``=``);
    ``(X_i)_{i=1}^n`` -> ``X_i``."""
    head = re.sub(r"\\(?:left|right|big|Big)\s*", "", formula)
    m = re.match(r"\s*\(\s*([^()]*?)\s*\)\s*_\s*\{[^{}]*\}\s*(?:\^\s*(?:\{[^{}]*\}|\w))?", head)
    return m.group(1) if m else _CUT.split(head, maxsplit=1)[0]


def _names(formula: str) -> set[str]:
    """Every variable name an inline formula lists (families as ``X_*``), read item by item:
    an item that is no variable adds nothing."""
    out: set[str] = set()
    parts = re.split(r"\\perp(?:\s*\\!)*(?:\s*\\perp)?|\\indep\w*|\\independent", formula)
    for part in parts:
        items = [t.strip() for t in re.split(r",|\\quad|\\text\{\s*and\s*\}", _list_part(part))]
        dots = any(t.lstrip("\\") in _DOTS for t in items)
        for item in items:
            for one in item.strip("()").split(","):
                name = norm_name(one.strip())
                if name is None or one.strip().lstrip("\\") in _DOTS:
                    continue
                fam = family(name)
                if fam is None and dots:
                    fam = re.sub(r"_[A-Za-z0-9]+('*)$", r"_*\1", name) if "_" in name else None
                out.add(fam or name)
    return out


def _strict(clause: str, formulas: list[str]) -> LawStatement | None:
    """The clause read as a law statement (module doc), or None."""
    if _HEDGED.search(clause):
        return None
    k = 0

    def mark(_m: re.Match) -> str:
        nonlocal k
        k += 1
        return f" @{k - 1}@ "

    coded = _MATH.sub(mark, clause)
    coded = _LEAD.sub("", coded)
    m = _STRICT.fullmatch(coded.strip())
    if m is None:
        return None
    lists = [formulas[int(i)] for i in re.findall(r"@(\d+)@", m.group("lists"))]
    if any(_CUT.search(f) for f in lists):
        return None
    key = m.group("key").lower().replace(" ", "")
    words = "i.i.d." if key.startswith(("i.i", "iid")) else "independent"
    if m.group("of"):
        words += " of"
    text = ", ".join(lists) + f" \\text{{ {words}}}"
    if m.group("of"):
        text += " " + formulas[int(m.group("of").strip("@"))]
    law = read_law_statement(text)
    return replace(law, text=text) if law is not None else None


def _clauses(text: str, start: int) -> list[tuple[int, str]]:
    """The clauses of one sentence, each with its offset."""
    out, at = [], 0
    for m in _CLAUSE.finditer(text):
        out.append((start + at, text[at:m.start()]))
        at = m.end()
    out.append((start + at, text[at:]))
    return out


def _display_free(doc: Document) -> str:
    """The blanked text with every display environment blanked too (its rows are no prose)."""
    chars = list(doc.blank)
    for env in doc.environments:
        for i in range(env.offset, min(env.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def prose_independence(doc: Document) -> list[ProseIndependence]:
    """Every clause of the text outside displays that says variables are independent
    (module doc), in order."""
    text = _display_free(doc)
    out: list[ProseIndependence] = []
    at = 0
    bounds = [m.end() for m in _SENTENCE.finditer(text)] + [len(text)]
    for end in bounds:
        sentence, start = text[at:end], at
        at = end
        if _KEY.search(sentence) is None:
            continue
        for off, clause in _clauses(sentence, start):
            if _KEY.search(clause) is None or _NEGATION.search(clause):
                continue
            formulas = [f.strip("$") if not f.startswith("\\(") else f[2:-2]
                        for f in (m.group(0) for m in _MATH.finditer(clause))]
            names = set().union(*map(_names, formulas)) if formulas else set()
            if not names:
                continue
            shown = " ".join(sentence.split())
            out.append(ProseIndependence(off, doc.line_col(off)[0], shown[:200],
                                         frozenset(names), _strict(clause, formulas)))
    return out


__all__ = ["ProseIndependence", "prose_independence"]
