r"""Steps proved with every letter real, in a document with complex scalars: checked again.

The reader reads every letter, and every inner product :math:`\langle x, y\rangle`, as a real
number. Where the document gives evidence of complex scalars (``Evidence.complex_scalars``,
:func:`~hallbound.proofs_checks.latex.document_evidence.complex_evidence`) that reading can
prove what is false: ``|z|^2 = z^2`` for ``z \in \mathbb{C}``, ``\langle x, y\rangle^2 \ge 0``
for ``x, y \in \mathbb{C}^n``. :func:`complex_letter_check` takes a PROVED, CERTIFIED or
SUPPORTED step whose sides hold

* a letter the document places in the complex numbers (``z \in \mathbb{C}``, ``q, w \in
  \mathbb{C}``, ``ℂ``, or a macro for it: ``\newcommand{\C}{\mathbb{C}}``, ``\def\CC{\mathbb
  C}``, and ``\C`` left undefined; in the prose, a displayed formula or a ``% hb: assume``),
  or
* an inner product of two different sides (``\langle x, x\rangle`` is real, left as it is),

and re-reads it with those quantities complex (SymPy symbols with ``complex=True``): an
equation of sums, products and integer powers whose LaTeX writes no modulus, root, conjugate
or function (the reader may have used realness there: ``|z|^2`` is read ``z^2``) and whose
``lhs - rhs`` still vanishes keeps its verdict; any other step (an inequality between complex
quantities, an equation that needs them real) is UNDECIDED, its detail naming them. It runs
before the models that read ``\Re``, ``\Im`` and the imaginary unit with complex letters
(:mod:`.complex_parts`), which may then decide the step. It never refutes: the text may mean
such a letter to be real.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.document_evidence import complex_evidence_shown
from hallbound.proofs_checks.latex.macros import Macro, MacroError, expand

#: The complex numbers: ``\mathbb{C}``, ``\mathbb C``, ``\Bbb C``, ``\mathbf{C}``, ``ℂ``.
_SET_C = r"\\(?:mathbb|Bbb|mathbf|mathds)\s*\{?\s*C(?![A-Za-z])|ℂ"
#: A macro body that is the set and nothing else (``\mathbb{C}``, ``{\mathbb C}``).
_BODY_C = re.compile(rf"\s*\{{?\s*(?:{_SET_C})\s*\}}?\s*\}}?\s*$")
#: ``z \in \mathbb{C}``, ``q, \rho \in \mathbb C^n``, ``w \in ℂ``: the names listed.
_NAMES = r"((?:\\?[A-Za-z]+\s*,\s*)*\\?[A-Za-z]+)\s*\\in\s*"
_STRONG = ("PROVED", "CERTIFIED", "SUPPORTED")


@lru_cache(maxsize=64)
def _declared(set_macros: tuple[str, ...]) -> re.Pattern[str]:
    """The declaration pattern, the set also written as one of ``set_macros`` (names)."""
    alts = [_SET_C] + [rf"\\{re.escape(n)}(?![A-Za-z])" for n in set_macros]
    return re.compile(_NAMES + "(?:" + "|".join(alts) + ")")


def complex_set_macros(macros: dict[str, Macro] | None) -> tuple[str, ...]:
    r"""The names of the macros of ``macros`` whose body, expanded, is the set of complex
    numbers (``\newcommand{\C}{\mathbb{C}}``); also ``C`` when ``macros`` does not define
    it (``\C`` is the usual name, its definition maybe in a file not given)."""
    macros = macros or {}
    out = [] if "C" in macros else ["C"]
    for name, m in macros.items():
        if m.nargs or "C" not in m.body and "ℂ" not in m.body:
            continue
        try:
            body, _ = expand(m.body, macros)
        except MacroError:
            continue
        if _BODY_C.match(body):
            out.append(name)
    return tuple(sorted(set(out)))


def complex_names(text: str, set_macros: tuple[str, ...] = ()) -> set[str]:
    r"""The names ``text`` places in the complex numbers, without their backslash
    (``\rho \in \mathbb{C}`` gives ``rho``); the set may also be written as one of the
    macros ``set_macros`` (:func:`complex_set_macros`)."""
    return {name.lstrip("\\") for m in _declared(tuple(set_macros)).finditer(text)
            for name in re.split(r"\s*,\s*", m.group(1))}


#: A list of names alone in an inline formula: ``z``, ``z, w``, ``\zeta_1``.
_ONE = r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]\}?)?"
_LIST = rf"\s*((?:{_ONE}\s*,\s*)*{_ONE})\s*"
#: What a complex scalar is called: a complex number, scalar, variable or constant.
_NOUN = r"complex(?:\s+|-)(?:numbers?|scalars?|variables?|constants?)\b"
#: The prose declarations of complex letters: ``$w$ is a complex number``, ``let $z, w$ be
#: complex numbers``, ``for complex $z$``, ``$z$ complex``; ``$z = x + iy$`` (also ``a + bi``,
#: ``x + \mathrm{i} y``) names ``z``.
_PROSE = re.compile(
    rf"\${_LIST}\$\s*(?:(?:is|are|be|denotes?|stands?\s+for)\s+)?"
    rf"(?:(?:a|an|two|some|any|arbitrary|nonzero|non-zero|given|fixed)\s+)*{_NOUN}"
    rf"|\$\s*([A-Za-z])\s*\$\s*,?\s*complex\b(?![\s-]+(?:Hilbert|vector|inner|matri|valued))"
    rf"|\bcomplex(?:\s+(?:numbers?|scalars?|variables?))?\s+\${_LIST}\$")
_CARTESIAN = re.compile(r"(?<![A-Za-z\\_^])([A-Za-z]|\\[a-z]+)\s*=\s*[A-Za-z]\s*[+-]\s*"
                        r"(?:(?:i|\\mathrm\{i\})\s*[A-Za-z]|[A-Za-z]\s*i)(?![A-Za-z_^{(])")


@lru_cache(maxsize=16)
def prose_complex_names(text: str) -> frozenset[str]:
    r"""The names the prose of ``text`` calls complex (``_PROSE``: "let $w$ be a complex
    number", "for complex $z$") or writes in Cartesian form (``_CARTESIAN``: ``z = x + iy``),
    without their backslash."""
    out: set[str] = set()
    for m in _PROSE.finditer(text):
        names = m.group(1) or m.group(2) or m.group(3) or ""
        out |= {n.lstrip("\\") for n in re.split(r"\s*,\s*", names.strip()) if n}
    for m in _CARTESIAN.finditer(text):
        out.add(m.group(1).lstrip("\\"))
    return frozenset(out)


def _complex_quantities(free: set, table: Any, declared: set[str]) -> list[sp.Symbol]:
    """The symbols of ``free`` that may be complex: a letter of ``declared``, or an inner
    product atom with two different sides (no lower bound 0)."""
    out = []
    for s in free:
        atom = table.atoms.get(s)
        if atom is not None:
            if atom.kind == "inner" and atom.lo is None:
                out.append(s)
            continue
        if s.name in declared or table.latex.get(s, "").lstrip("\\") in declared:
            out.append(s)
    return sorted(out, key=lambda s: s.name)


#: LaTeX whose reading may already use that a letter is real (``|z|^2`` is read ``z^2``,
#: ``\\sqrt{z^2}`` as ``|z|``, ``\\overline{z}`` as ``z``): no re-check is trusted there.
_REAL_READING = re.compile(r"\||\\(?:[lr]?[vV]ert|abs|sqrt|overline|bar|Re|Im|mathfrak|conj"
                           r"|log|ln|exp|operatorname)(?![A-Za-z])")


def _rational(e: sp.Basic) -> bool:
    """Whether ``e`` is built from numbers, symbols, sums, products and integer powers."""
    if isinstance(e, (sp.Symbol, sp.Number)):
        return True
    if isinstance(e, sp.Pow):
        return e.exp.is_Integer and _rational(e.base)
    return isinstance(e, (sp.Add, sp.Mul)) and all(_rational(a) for a in e.args)


def _holds_complex(lhs: Any, rhs: Any, syms: list[sp.Symbol], text: str) -> bool:
    """Whether ``lhs - rhs``, a rational expression of the step's quantities whose LaTeX
    (``text``) writes no modulus, root, conjugate or function, vanishes with ``syms``
    complex (the numerator over one denominator expands to 0)."""
    if _REAL_READING.search(text) or not (_rational(lhs) and _rational(rhs)):
        return False
    repl = {s: sp.Symbol(f"{s.name}__complex", complex=True) for s in syms}
    try:
        num, _ = sp.fraction(sp.together((lhs - rhs).xreplace(repl)))
        return sp.expand(num) == 0
    except Exception:  # noqa: BLE001 - SymPy could not rewrite it: not shown
        return False


def _evidence_shown(checker: Any) -> str:
    """What the checked document writes that shows complex scalars, quoted for a detail."""
    text = getattr(getattr(checker, "doc", None), "text", "") or ""
    bodies = tuple(m.body for m in (getattr(checker, "macros", None) or {}).values())
    shown = complex_evidence_shown(text, bodies)
    return f" (it writes '{shown[:40]}')" if shown else ""


def _note_inner(check: Any, step: Any, checker: Any, table: Any) -> None:
    """An undecided step with an inner product of two different sides, in a document with
    complex scalars: say why ``<x, y>`` and ``<y, x>`` were read as different numbers."""
    if check.verdict != "UNDECIDED" or step is None or "complex scalars" in (check.detail or ""):
        return
    try:
        free = sp.sympify(step.lhs).free_symbols | sp.sympify(step.rhs).free_symbols
    except (sp.SympifyError, TypeError, AttributeError):
        return
    if not any(getattr(table.atoms.get(s), "kind", None) == "inner"
               and table.atoms[s].lo is None for s in free):
        return
    note = (f"the document has complex scalars{_evidence_shown(checker)}: <x, y> is read as "
            "the conjugate of <y, x>, never as equal to it")
    check.detail = f"{check.detail}; {note}" if check.detail else note


def complex_letter_check(check: Any, step: Any, checker: Any) -> None:
    """The hook (module doc): withdraw a verdict that holds only with complex quantities read
    as real numbers."""
    table = getattr(checker, "table", None)
    if step is None or table is None:
        return
    if not getattr(getattr(table, "document", None), "complex_scalars", False):
        return
    if check.verdict not in _STRONG:
        _note_inner(check, step, checker, table)
        return
    defs = getattr(checker, "defs", {}) or {}
    lhs, rhs = (sp.sympify(e).xreplace(defs) for e in (step.lhs, step.rhs))
    if not (isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic)):
        return
    doc = getattr(checker, "doc", None)
    set_macros = complex_set_macros(getattr(checker, "macros", None))
    text = getattr(doc, "text", "") or ""
    declared = complex_names(text, set_macros) | prose_complex_names(text)
    declared |= {n for item in getattr(table.hyp, "items", [])
                 for n in complex_names(item, set_macros)}
    syms = _complex_quantities(lhs.free_symbols | rhs.free_symbols, table, declared)
    text = f"{check.lhs} {check.rhs}"
    if not syms or (step.rel == "=" and _holds_complex(lhs, rhs, syms, text)):
        return
    names = ", ".join(table.latex.get(s, s.name) for s in syms)
    check.detail = (f"{check.verdict} with {names} read as real numbers ({check.method}), but "
                    f"the document has complex scalars{_evidence_shown(checker)} and the step "
                    f"does not hold for complex {names} by this reading: no verdict")
    check.verdict, check.method = "UNDECIDED", "not decided"
    check.witness = check.lhs_value = check.rhs_value = None


__all__ = ["complex_letter_check", "complex_names", "complex_set_macros",
           "prose_complex_names"]
