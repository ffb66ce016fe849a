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


#: The set of complex numbers: ``\mathbb{C}``, ``\mathbb C``, ``\Bbb C``, ``\mathbf{C}``, ``ℂ``,
#: a ``\C`` or ``\CC`` macro (a macro defined as one of them is found through its body).
_SET_C = r"\\(?:mathbb|Bbb|mathbf|mathds)\s*\{?\s*C(?![A-Za-z])|ℂ|\\CC?(?![A-Za-z])"
#: A conjugated inner product: ``\overline{\langle ..\rangle}``, ``\bar\langle``,
#: ``\langle y, x\rangle^*``, ``\langle y, x\rangle^{\ast}``.
_CONJ_INNER = (r"\\overline\s*\{?\s*\\langle|\\(?:bar|conj)\s*\{?\s*\\langle"
               r"|\\rangle\s*\^\s*\{?\s*(?:\*|\\ast(?![A-Za-z]))")
#: A letter times its own conjugate: ``z \bar z``, ``\overline{w} w`` (a sample mean
#: ``\bar X`` alone is no evidence).
_CONJ_SELF = (r"(?<![A-Za-z\\])([A-Za-z])\s*\\(?:bar|overline)\s*\{?\s*\1(?![A-Za-z])"
              r"|\\(?:bar|overline)\s*\{?\s*([A-Za-z])\s*\}?\s*\2(?![A-Za-z])")
#: An adjoint: ``A^\dagger``, ``x^{\mathsf H}``, ``x^H``, ``x^*y`` (a starred letter applied
#: to another letter; a lone ``x^*``, the usual optimum, is no evidence).
_ADJOINT = (r"\^\s*\{?\s*\\dagger(?![A-Za-z])"
            r"|(?<![A-Za-z\\])[A-Za-z]\s*\^\s*(?:\{\s*(?:\\math(?:sf|rm)\s*\{\s*H\s*\}|H)\s*\}"
            r"|H(?![A-Za-z]))"
            r"|(?<![A-Za-z\\])[a-z]\^\{?\*\}?\s*[a-z](?![A-Za-z_(])")
#: The real or imaginary part applied to something: ``\Re(z)``, ``\mathrm{Re}\langle x,
#: y\rangle``, ``\operatorname{Re} z``, ``\Im z``; never ``\Re^n`` or ``x \in \Re`` (the
#: reals written ``\Re``). ``\mathrm{Im}``/``\operatorname{Im}`` also name the image of a map,
#: so they count only before ``\langle`` or the letters ``z``, ``w``.
_APPLIED = (r"\s*(?:\\left\s*|\\[bB]igg?l?\s*)?"
            r"(?:[(\[{]|\\\{|\\langle|\\,\s*[a-z]|[a-z](?![A-Za-z]))")
_PARTS = (r"(?:\\(?:mathrm|operatorname|textrm|text|rm)\s*\{\s*Re\s*\}|\\Re(?![A-Za-z])"
          rf"|\\Im(?![A-Za-z])){_APPLIED}"
          r"|\\(?:mathrm|operatorname|textrm|text)\s*\{\s*Im\s*\}\s*(?:\\left\s*)?\(?\s*"
          r"(?:\\langle|[zw](?![A-Za-z]))")
#: Words: a complex number, Hilbert space, vector space, matrix, scalar, complex-valued,
#: "over the complex numbers", Hermitian, unitary, sesquilinear.
_WORDS = (r"\b(?:[Hh]ermitian|[Uu]nitary|sesquilinear)\b|\bover\s+the\s+complex\b"
          r"|\b[Cc]omplex(?:\s+|-)(?:numbers?|Hilbert|inner|vector|matri(?:x|ces)|scalars?"
          r"|valued|entries|coefficients|conjugat\w*|field|plane|variables?|linear"
          r"|Euclidean|exponentials?)\b")
#: The imaginary unit written as such: ``\sqrt{-1}``, an upright ``\mathrm{i}``/``\textrm{i}``/
#: ``\imath``, ``i^2 = -1``, the words "imaginary unit/part"; a barred letter said to be "the
#: conjugate" (``\bar\lambda`` is the conjugate; "the conjugate of f" alone is Fenchel's).
_UNIT = (r"\\sqrt\s*\{\s*-\s*1\s*\}|\\(?:mathrm|textrm|rm|mathup|text)\s*\{\s*i\s*\}"
         r"|\\imath(?![A-Za-z])|(?<![A-Za-z\\_{])i\s*\^\s*\{?\s*2\s*\}?\s*=\s*-\s*1(?![0-9])"
         r"|\bimaginary\s+(?:unit|parts?|numbers?|axis)\b"
         r"|\\(?:bar|overline)\s*\{?\s*\\?[A-Za-z]+\s*\}?\s*\$?\s*(?:is|denotes|be)\s+(?:the|its)"
         r"\s+conjugate\b")
_COMPLEX = re.compile("|".join([_SET_C, _CONJ_INNER, _CONJ_SELF, _ADJOINT, _PARTS, _WORDS,
                                _UNIT]))
#: The imaginary unit written with ``i``: ``x + iy``, ``a + bi``, ``a - i b``, ``e^{i\theta}``,
#: ``e^{-2\pi i k x}``; counted only in a document that never uses ``i`` as an index.
_UNIT_I = re.compile(r"(?<![A-Za-z\\_^])[A-Za-z]\s*[+-]\s*(?:i\s*[A-Za-z]|[A-Za-z]\s*i)"
                     r"(?![A-Za-z_^{(])|e\s*\^\s*\{\s*-?\s*(?:2\s*\\pi\s*)?i(?![a-z]{2})")
#: ``i`` used as an index: ``x_i``, ``_{i}``, ``_{i=1}``, ``i = 1``, ``i \in``, ``i, j``.
_INDEX_I = re.compile(r"_\s*\{?\s*i(?![A-Za-z])|(?<![A-Za-z\\])i\s*(?:=|\\in(?![A-Za-z])|,\s*j)")


def complex_evidence_shown(text: str, macro_bodies: tuple[str, ...] = ()) -> str | None:
    r"""What the document writes that gives evidence of complex scalars (the first match of
    ``_COMPLEX`` in ``text`` as written, prose, comments and ``% hb:`` lines included, or in
    the bodies of the macros it may use: the set, a conjugated inner product, ``z\bar z``, an
    adjoint, ``\Re``/``\Im`` applied, the words; else of ``_UNIT_I`` where ``i`` is never
    an index), or None when it gives none."""
    for t in [text, *macro_bodies]:
        if m := _COMPLEX.search(t):
            return " ".join(m.group(0).split())
    if _INDEX_I.search(text) is None and (m := _UNIT_I.search(text)):
        return " ".join(m.group(0).split())
    return None


def complex_evidence(text: str, macro_bodies: list[str]) -> bool:
    """Whether the document gives evidence of complex scalars (:func:`complex_evidence_shown`).
    Read wide on purpose: evidence only takes away what holds over the reals alone (the
    symmetry of inner products, a letter declared complex read as real)."""
    return complex_evidence_shown(text, tuple(macro_bodies)) is not None


def environment_table(hyp: Hypotheses, document: Evidence | None, blank: str,
                      rows: list[Row]) -> SymbolTable:
    """An environment's symbol table that knows how the document uses each name, with the
    rows' use (as written, ``blank[row.offset:row.end]``) scanned before any assumption is
    read: ``h < 2`` on a row makes ``h(x + 1)`` in an ``assume`` line a product, as on the
    rows."""
    table = SymbolTable(hyp, document)
    table.prescan([blank[r.offset : r.end] for r in rows])
    return table


__all__ = ["complex_evidence", "complex_evidence_shown", "document_evidence", "document_texts",
           "environment_table", "inline_formulas"]
