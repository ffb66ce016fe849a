r"""Equations with the imaginary unit: ``|q - a - ib|^2 = (q - a)^2 + b^2``,
``(u - \frac{6i}{\pi z} v)^2 = u^2 - \frac{12 i}{\pi z} u v - \frac{36}{\pi^2 z^2} v^2``.

The reader keeps a free ``i`` (one not declared ``% hb: variable i`` and not bound by a sum)
as an opaque real atom that refutes nothing and proves nothing, as it may be the imaginary
unit. This model reads it as the imaginary unit (``i^2 = -1``) on an UNDECIDED equation and
proves the step when ``lhs - rhs`` simplifies to 0 with ``i = \sqrt{-1}``
(:func:`imaginary_unit_check`). It reads only what it can evaluate exactly:

- sums, products, integer powers of the letters, the opaque quantities and the numbers
  ``\pi``, ``e``, and powers of positive numbers: there ``lhs - rhs`` is a rational function
  and its vanishing does not depend on whether the letters are real or complex;
- the modulus ``|..|`` only where every other symbol is a plain letter (no opaque quantity
  such as ``E_2(z)``, whose value may be complex): the letters are read as real numbers, the
  reading every other verdict of ``verify`` uses, and the detail says so. The reader, whose
  ``i`` is a real symbol, writes ``|q - a - ib|^2`` as ``(q - a - ib)^2``; the model re-reads
  such a row's LaTeX with a complex ``i`` (:func:`complex_reading`), so that the modulus stays
  ``|z|^2 = re(z)^2 + im(z)^2``, and uses that reading only when putting the real ``i`` back
  into it gives the reader's expression again (the same row, read the same way).

An inequality, or any other function (``\log``, ``\sqrt`` of a letter, ``\Re``), is left
alone, and the model never refutes: a step that fails with ``i = \sqrt{-1}`` stays UNDECIDED.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import sympy as sp

#: The largest ``lhs - rhs`` (SymPy operations) the model rewrites.
MAX_OPS = 400
_ATOMIC = (sp.Symbol, sp.Number, sp.core.numbers.ImaginaryUnit, sp.core.numbers.Pi,
           sp.core.numbers.Exp1)


def _readable(expr: sp.Basic, plain_only: bool) -> tuple[bool, bool]:
    """``(readable, has_modulus)`` for ``expr`` with ``i`` already the imaginary unit:
    readable when it is built from sums, products, integer powers (any power of a positive
    number) and, where ``plain_only`` holds, the modulus ``Abs``."""
    if isinstance(expr, _ATOMIC):
        return True, False
    if isinstance(expr, (sp.Add, sp.Mul)):
        parts = [_readable(a, plain_only) for a in expr.args]
        return all(p[0] for p in parts), any(p[1] for p in parts)
    if isinstance(expr, sp.Pow):
        base, exp = expr.args
        if not (exp.is_Integer or (base.is_Number and base.is_positive and exp.is_Number)):
            return False, False
        return _readable(base, plain_only)
    if isinstance(expr, sp.Abs) and plain_only:
        ok, _ = _readable(expr.args[0], plain_only)
        return ok, True
    return False, False


#: Ways a text writes ``i`` as the imaginary unit; removed before the index scan.
_UNIT = re.compile(r"\\math(?:rm|it)\{i\}|\\imath(?![A-Za-z])|i\s*=\s*\\sqrt\{-1\}"
                   r"|i\^\{?2\}?\s*=\s*-\s*1")
_LONE_I = r"(?<![A-Za-z\\])i(?![A-Za-z])"
_REL = r"(?:=|<|>|\\(?:in|le|leq|ge|geq|ne|neq|to|mapsto)(?![A-Za-z]))"
#: Uses of ``i`` as an index or a variable: compared or ranged (``i = 1``, ``i \in [n]``,
#: ``1 \le i``), listed (``(i, j)``, ``\{i\}``, ``\dots, i``), or quantified in words.
_INDEX_USES = [
    re.compile(_LONE_I + r"\s*" + _REL),
    re.compile(_REL + r"\s*" + _LONE_I),
    re.compile(r"(?:[(,]|\\\{|dots)\s*" + _LONE_I + r"\s*(?:[),]|\\\})"),
    re.compile(r"\b(?:each|every|all|any|some|for|index)\s+\$?\s*i\b"),
    re.compile(r"\$\s*i\s*\$"),
]
_SCRIPT = re.compile(r"(?P<base>\\?[A-Za-z]*|.)\s*(?P<op>[_^])\s*"
                     r"(?P<arg>\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|\\[A-Za-z]+|.)")


def index_use(text: str) -> str | None:
    r"""The first place ``text`` may use ``i`` as an index or a variable (None when it never
    does): a subscript or superscript holding the letter ``i`` (``x_i``, ``\sum_{i=1}``,
    ``a^{(i)}``; an exponent of ``e`` or ``\exp`` excepted, ``e^{2\pi i z}``), or
    ``i`` compared, ranged, listed or quantified (``i = 1``, ``i \in [n]``, ``(i, j)``,
    ``for each i``). The unit written ``\mathrm{i}``, ``i^2 = -1``, ``i = \sqrt{-1}`` is
    not such a use."""
    text = _UNIT.sub(" ", text)
    for m in _SCRIPT.finditer(text):
        arg = re.sub(r"\\[A-Za-z]+", " ", m.group("arg"))
        if "i" not in arg:
            continue
        if m.group("op") == "^" and m.group("base") in ("e", "\\exp", "\\mathrm{e}"):
            continue
        return m.group(0)
    for pat in _INDEX_USES:
        m = pat.search(text)
        if m:
            return m.group(0)
    return None


def _complex_letter(text: str, letters: set) -> str | None:
    r"""A letter of ``letters`` that ``text`` places in the complex numbers (``q \in
    \mathbb{C}``, ``q, w \in \mathbb{C}``), or None: the modulus reads letters as real."""
    for m in re.finditer(r"((?:\\?[A-Za-z]+\s*,\s*)*\\?[A-Za-z]+)\s*\\in\s*\\mathbb\s*\{?C",
                         text):
        for name in re.split(r"\s*,\s*", m.group(1)):
            if name.lstrip("\\") in letters:
                return name
    return None


def _vanishes(diff: sp.Basic, modulus: bool) -> bool:
    r"""True when ``diff`` is exactly 0: the numerator of it over one denominator expands to 0
    (the modulus first written as ``\sqrt{re^2 + im^2}`` over real letters). Expressions of
    more than :data:`MAX_OPS` operations are not tried (no slow simplification)."""
    try:
        if sp.count_ops(diff) > MAX_OPS:
            return False
        e = sp.expand_complex(diff) if modulus else diff
        num, _ = sp.fraction(sp.together(e))
        return sp.expand(num) == 0
    except Exception:  # noqa: BLE001 - sympy could not rewrite it: not shown
        return False


#: LaTeX that writes a modulus (``|z|``, ``\lvert z \rvert``, ``\abs{z}``).
_MODULUS = re.compile(r"\||\\[lr]?[vV]ert(?![A-Za-z])|\\abs(?![A-Za-z])")


def _reread(text: str, scope: Any, units: set, unit: sp.Symbol) -> sp.Basic:
    """``text`` parsed with each symbol of ``units`` (the reader's real ``i``) replaced by the
    complex symbol ``unit`` as it is read, so that no ``|..|^2`` around it is dropped; the
    scope's atoms and LaTeX names are copied, the reader's tables are left as they were."""
    from hallbound.proofs_checks.latex.math_parser import parse_expression

    make_atom = scope.make_atom

    def atom(*args: Any, **kw: Any) -> sp.Symbol:
        sym = make_atom(*args, **kw)
        return unit if sym in units else sym

    return parse_expression(text, dataclasses.replace(
        scope, make_atom=atom, atoms=dict(scope.atoms), latex=dict(scope.latex)))


def complex_reading(check: Any, step: Any, table: Any, defs: dict, units: set,
                    unit: sp.Basic = sp.I) -> tuple | None:
    r"""``(lhs, rhs)`` of the row re-read from its LaTeX (``check.lhs``, ``check.rhs``) with
    ``i = unit`` (``\sqrt{-1}``), the modulus kept (``|a + ib|^2`` is ``a^2 + b^2``, not
    ``(a + ib)^2``), definitions substituted; None when the row writes no modulus, cannot be
    re-read, or the re-reading with the real ``i`` put back differs from the reader's
    ``step.lhs``/``rhs``."""
    texts = (getattr(check, "lhs", None), getattr(check, "rhs", None))
    if not all(isinstance(t, str) for t in texts) or not any(_MODULUS.search(t) for t in texts):
        return None
    cplx = sp.Dummy("i")  # no assumptions: complex, so that SymPy keeps |..| around it
    (real_i,) = units if len(units) == 1 else (None,)
    if real_i is None:
        return None
    out = []
    for text, read in zip(texts, (step.lhs, step.rhs), strict=True):
        try:
            expr = _reread(text, table.scope(), units, cplx)
            same = sp.expand(expr.xreplace({cplx: real_i}) - read) == 0
        except Exception:  # noqa: BLE001 - a row the parser or SymPy refuses: not re-read
            return None
        if not same:
            return None
        out.append(expr.xreplace(defs).xreplace({cplx: unit}))
    return tuple(out)


def modulus_keeps_unit(check: Any, step: Any, table: Any, defs: dict, units: set) -> bool:
    """Whether the row, re-read with a complex ``i`` (:func:`complex_reading`), keeps ``i``
    in ``lhs - rhs`` expanded: ``|a + ib|^2 = (a + ib)^2`` cancels ``i`` only because the
    reader's real ``i`` dropped the modulus, so a proof of it says nothing of ``i^2 = -1``."""
    unit = sp.Symbol("i_unit")  # complex: no assumptions
    sides = complex_reading(check, step, table, defs, units, unit)
    if sides is None:
        return False
    try:
        return unit in sp.expand(sides[0] - sides[1]).free_symbols
    except Exception:  # noqa: BLE001 - cannot expand: i is there
        return True


def imaginary_unit_check(check: Any, step: Any, checker: Any) -> None:
    r"""The hook: an UNDECIDED equation in which a free ``i`` remains is PROVED when
    ``lhs - rhs`` simplifies to 0 with ``i`` the imaginary unit and every other part of it
    is read (see the module docstring); any other step is left as it is."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or step.rel != "=":
        return
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    diff = lhs - rhs
    units = {s for s, a in table.atoms.items() if a.kind == "imaginary"}
    found = diff.free_symbols & units
    if not found:
        return
    had_abs = diff.has(sp.Abs)  # SymPy may evaluate |q - i b| = |q + i b| for real letters
    diff = diff.xreplace({u: sp.I for u in found})
    reread = complex_reading(check, step, table, checker.defs, found)
    if reread is not None:
        diff = reread[0] - reread[1]
        had_abs = True  # the row writes |..| around i: SymPy may already have evaluated it
    # the sides' own symbols: SymPy may have evaluated |E + ib|^2 = E^2 + b^2 away
    others = {s for s in lhs.free_symbols | rhs.free_symbols | diff.free_symbols
              if s in table.atoms and s not in units}
    if had_abs and others:
        return  # the modulus only over plain letters
    ok, modulus = _readable(diff, plain_only=not others)
    modulus = modulus or had_abs
    if not ok or not _vanishes(diff, modulus):
        return
    doc = getattr(checker, "doc", None)
    use = index_use(getattr(doc, "text", "") or "")
    if use is not None:
        check.notes.append(f"i is not read as the imaginary unit: the text may use it as an "
                           f"index or a variable ({use.strip()!r})")
        return
    letters = {s.name for s in (lhs - rhs).free_symbols}
    cplx = _complex_letter(getattr(doc, "text", "") or "", letters) if modulus else None
    if cplx is not None:
        check.notes.append(f"the modulus reads the letters as real, but the text places {cplx} "
                           "in the complex numbers: not decided")
        return
    check.verdict = "PROVED"
    check.method = "sympy, i the imaginary unit"
    real = ("; the letters read as real numbers (the modulus is evaluated)" if modulus
            else "; a polynomial identity in the other quantities, real or complex")
    check.detail = ("lhs - rhs simplifies to 0 with i = sqrt(-1) (no use of i as an index "
                    "or a variable in the text; declare '% hb: variable i' if i is one)"
                    f"{real}")
    check.witness = None


__all__ = ["imaginary_unit_check"]
