r"""How the whole document uses each name: every display row, every ``% hb: assume`` line
and every inline formula (``$..$``, ``\(..\)``).

The parser's rule 6 for ``f(..)`` (:mod:`~hallbound.proofs_checks.latex.math_reading`) reads
a name as a function when the document applies it to two different arguments and never uses
it on its own next to arithmetic (:func:`~hallbound.proofs_checks.latex.math_names.
scan_evidence` decides both, text by text). The texts are read as written (macros not
expanded): a macro's name is a command, never a letter, so it adds no evidence.
"""

from __future__ import annotations

import re

from hallbound.proofs_checks.latex.document import Document, Row
from hallbound.proofs_checks.latex.hypotheses import Hypotheses, SymbolTable
from hallbound.proofs_checks.latex.math_names import Evidence, scan_evidence
from hallbound.proofs_checks.latex.math_tokens import MAX_LENGTH, LatexError, tokenize

#: Math in the running text: ``$$..$$``, ``$..$`` (no escaped dollar) and ``\(..\)``.
_INLINE = re.compile(r"(?<!\\)\$\$([^$]{1,1000}?)\$\$|(?<![\\$])\$([^$]{1,1000}?)(?<!\\)\$"
                     r"|\\\((.{1,1000}?)\\\)", re.S)


def inline_formulas(text: str) -> list[str]:
    """The inline formulas of ``text`` (comments already blanked), in order."""
    return [m.group(1) or m.group(2) or m.group(3) or "" for m in _INLINE.finditer(text)]


def document_texts(doc: Document) -> list[str]:
    """Every math text of ``doc``: display rows, ``assume`` lines, inline formulas."""
    texts = [doc.blank[r.offset : r.end] for e in doc.environments for r in e.rows]
    texts += [d.arg for e in doc.environments for d in e.directives if d.verb == "assume"]
    return texts + inline_formulas(doc.blank)


def document_evidence(doc: Document) -> Evidence:
    """The union of :func:`~hallbound.proofs_checks.latex.math_names.scan_evidence` over
    :func:`document_texts` (a text that cannot be tokenised adds nothing)."""
    ev = Evidence()
    for text in document_texts(doc):
        if len(text) > MAX_LENGTH:
            continue
        try:
            ev.merge(scan_evidence(tokenize(text)))
        except LatexError:
            continue
    return ev


#: Evidence of complex scalars: the set of complex numbers (``\mathbb{C}``, ``\mathbb C``,
#: ``\Bbb C``, ``\mathbf{C}``, ``ℂ``, a ``\C`` macro), a conjugated inner product
#: (``\overline{\langle ..\rangle}``), a ``\text{Hermitian}``/``unitary``/``\mathrm{Re}``.
_COMPLEX = re.compile(r"\\(?:mathbb|Bbb|mathbf|mathds)\s*\{?\s*C(?![A-Za-z])|ℂ|\\C(?![A-Za-z])"
                      r"|\\overline\s*\{?\s*\\langle|\\(?:bar|conj)\s*\{?\s*\\langle"
                      r"|\b(?:[Hh]ermitian|unitary|sesquilinear)\b")


def complex_evidence(text: str, macro_bodies: list[str]) -> bool:
    r"""Whether the document (``text`` as written, comments and ``% hb:`` lines included, and
    the bodies of the macros it may use) gives evidence of complex scalars (``_COMPLEX``).
    Read wide on purpose: evidence only takes away the symmetry of inner products, which
    holds over the reals alone."""
    return any(_COMPLEX.search(t) for t in [text, *macro_bodies])


def environment_table(hyp: Hypotheses, document: Evidence | None, blank: str,
                      rows: list[Row]) -> SymbolTable:
    """An environment's symbol table that knows how the document uses each name, with the
    rows' use (as written, ``blank[row.offset:row.end]``) scanned before any assumption is
    read: ``h < 2`` on a row makes ``h(x + 1)`` in an ``assume`` line a product, as on the
    rows."""
    table = SymbolTable(hyp, document)
    table.prescan([blank[r.offset : r.end] for r in rows])
    return table


__all__ = ["complex_evidence", "document_evidence", "document_texts", "environment_table",
           "inline_formulas"]
