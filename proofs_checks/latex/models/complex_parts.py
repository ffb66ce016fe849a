r"""Equations in the real and imaginary parts of complex numbers:
``\Re(\frac{z'}{z z'}) = \frac{\Re z'}{|z|^2}``, ``\frac{\Re(a - 2it - \overline{\rho})}{|a + 2it -
\rho|^2} = \frac{a - \Re \rho}{(a - \Re \rho)^2 + (2t - \Im \rho)^2}``.

The reader reads every letter as a real number and keeps ``\Re z``, ``\Im z`` as opaque values
and ``\overline{\rho}`` as a letter of its own, so such a step stays UNDECIDED. This model
re-reads an UNDECIDED equation whose row writes ``\Re`` or ``\Im`` (:func:`complex_sides`):

- ``i`` is the imaginary unit (never where the text may use it as an index or a variable,
  :func:`~.imaginary_unit.index_use`);
- ``\mathfrak{R}``, ``\mathfrak{I}`` (what ``\Re``, ``\Im`` print) are read as ``\Re``, ``\Im``;
- ``\overline{x}`` of a letter ``x`` that the step also writes bare is the conjugate of ``x``;
- a letter is a real number only where a stated item makes it one (:func:`real_letters`:
  ``t \in \mathbb{R}``, or a bound ``0 < \delta < 1`` stated without a modulus or a complex
  part); every other letter is a complex number ``x + iy`` (``x, y`` real).

It then evaluates ``\Re``, ``\Im``, ``|.|`` and the conjugate exactly and PROVES the step when
the numerator of ``lhs - rhs`` expands to 0: an identity in the real and imaginary parts of
the complex letters, so it holds whatever complex values they take. The model reads only
sums, products, integer powers, numbers, ``\pi`` and these parts; any other quantity (a
function value, an integral) leaves the step alone, and it never refutes (a step that does
not vanish stays UNDECIDED: the text may mean a letter to be real without saying so).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.imaginary_unit import index_use
from hallbound.proofs_checks.latex.models.stated_letters import names_letter

#: The largest ``lhs - rhs`` (SymPy operations) the model rewrites.
MAX_OPS = 400
_PART = re.compile(r"\\(?:Re|Im)(?![A-Za-z])")
_FRAKTUR = re.compile(r"\\mathfrak\s*(?:\{\s*([RI])\s*\}|([RI]))")
_SET = re.compile(r"\s*((?:\\?[A-Za-z]+\s*,\s*)*\\?[A-Za-z]+)\s*\\in\s*"
                  r"\\mathbb\s*\{?\s*[RNZQ]\s*\}?\s*")
_BOUND = re.compile(r"<|>|\\(?:le|ge|leq|geq|leqslant|geqslant|lt|gt)(?![A-Za-z])")
#: What makes a bound say nothing of a letter's realness (``|z| < 1``, ``\Re z > 0``).
_NOT_PLAIN = re.compile(r"\||\\(?:[lr]vert|abs|Re|Im|mathfrak|overline|bar|ne|neq|in)"
                        r"(?![A-Za-z])|(?<![A-Za-z\\])i(?![A-Za-z])")
#: A word in a text or operator font (``\\text{Re}\\, s > 1``, ``\\operatorname{Im} z``):
#: an item writing one other than a joining word is not a plain bound of its letters.
_WORD = re.compile(r"\\(?:text[a-z]*|math(?:rm|it|sf|bf|op)|operatorname\*?|mbox|hbox)\s*"
                   r"\{\s*([^{}]*?)\s*\}")
_JOINING = frozenset({"", "and", "und", "et"})
_ATOMIC = (sp.Symbol, sp.Number, sp.core.numbers.ImaginaryUnit, sp.core.numbers.Pi)


def _plain(item: str) -> bool:
    r"""Whether ``item`` writes no modulus, complex part, conjugate, ``i`` and no word in a
    text or operator font (``\text{Re}\, s > 1`` is a bound of ``\Re s``, not of ``s``)."""
    if _NOT_PLAIN.search(item):
        return False
    return all(w.strip().lower() in _JOINING for w in _WORD.findall(item))


def _rejoined(items: list[str]) -> list[str]:
    r"""The items with a split at the comma of a thin space ``\,`` undone: ``\text{Re}\, s > 1``
    is one item (a bound of ``\Re s``), not ``\text{Re}\`` and ``s > 1``."""
    out: list[str] = []
    for item in items:
        if out and re.search(r"(?<!\\)(?:\\\\)*\\$", out[-1]):
            out[-1] = f"{out[-1]},{item}"
        else:
            out.append(item)
    return out


def real_letters(hyp: Any) -> set[str]:
    r"""The names a stated item makes real: listed in ``x, t \in \mathbb{R}`` (or
    ``\mathbb{N}``, ``\mathbb{Z}``, ``\mathbb{Q}``), or with a bound of their domain read from an
    item that compares them (``0 < \delta < 1``) and writes no modulus, complex part, conjugate
    or ``i`` (``|t| \ge 2`` and ``\Re s > 1`` do not make ``t``, ``s`` real)."""
    items = _rejoined(list(getattr(hyp, "items", []) or []))
    out: set[str] = set()
    for item in items:
        m = _SET.fullmatch(item)
        if m:
            out |= {n.strip().lstrip("\\") for n in m.group(1).split(",")}
    for name, dom in (getattr(hyp, "domains", {}) or {}).items():
        if dom.kind != "real" or (dom.lo is None and dom.hi is None and not dom.integer):
            continue
        if any(names_letter(t, name) and _BOUND.search(t) and _plain(t) for t in items):
            out.add(name)
    return out


def _reread(text: str, scope: Any, unit: sp.Symbol) -> tuple[sp.Basic, dict, dict]:
    """``text`` parsed on a copy of the scope (its tables left as they were), each imaginary
    atom read as ``unit`` and each letter as a symbol with no assumptions (so that SymPy
    keeps ``|z|``); the expression, the atoms and the LaTeX of the copy's symbols."""
    from hallbound.proofs_checks.latex.math_parser import parse_expression

    make_atom, make_symbol = scope.make_atom, scope.make_symbol
    atoms, latex = dict(scope.atoms), dict(scope.latex)

    def atom(*args: Any, **kw: Any) -> sp.Symbol:
        sym = make_atom(*args, **kw)
        found = atoms.get(sym) or scope.atoms.get(sym)
        return unit if found is not None and found.kind == "imaginary" else sym

    def letter(name: str, tex: str) -> sp.Symbol:
        sym = make_symbol(name, tex)
        plain = sp.Symbol(sym.name)
        latex[plain] = scope.latex.get(sym, tex)
        return plain

    expr = parse_expression(text, dataclasses.replace(
        scope, make_symbol=letter, make_atom=atom, atoms=atoms, latex=dict(scope.latex)))
    return expr, atoms, latex


def _bare_letter(latex: str) -> str | None:
    r"""``rho`` for ``\rho``, ``z`` for ``z``: the name of a one-letter LaTeX, else None."""
    m = re.fullmatch(r"\\?([A-Za-z]+)", latex.strip())
    return m.group(1) if m and (len(m.group(1)) == 1 or latex.startswith("\\")) else None


class _Mapper:
    """Rewrites the reader's symbols as complex quantities (see the module doc)."""

    def __init__(self, atoms: dict, latex: dict, real: set[str], unit: sp.Symbol) -> None:
        self.atoms, self.latex, self.real, self.unit = atoms, latex, real, unit
        self.letters: dict[sp.Symbol, sp.Basic] = {}

    def letter(self, sym: sp.Symbol) -> sp.Basic:
        """A letter: real when stated real, ``x + iy`` otherwise."""
        if sym not in self.letters:
            if sym.name in self.real:
                self.letters[sym] = sp.Symbol(sym.name, real=True)
            else:
                self.letters[sym] = (sp.Symbol(f"{sym.name}_re", real=True)
                                     + sp.I * sp.Symbol(f"{sym.name}_im", real=True))
        return self.letters[sym]

    def symbol(self, sym: sp.Symbol, bare: dict[str, sp.Symbol]) -> sp.Basic | None:
        """The value of one symbol of the step, None when it is not read."""
        if sym == self.unit:
            return sp.I
        atom = self.atoms.get(sym)
        if atom is not None:
            if atom.kind != "func" or atom.head not in ("Re", "Im") or atom.arg is None:
                return None
            inner = self.expr(atom.arg[0], bare)
            if inner is None:
                return None
            return sp.re(inner) if atom.head == "Re" else sp.im(inner)
        tex = self.latex.get(sym, "")
        m = re.fullmatch(r"\\overline\s*\{(.*)\}", tex.strip())
        if m:
            base = _bare_letter(m.group(1))
            if base is None or base not in bare:
                return None
            return sp.conjugate(self.letter(bare[base]))
        if _bare_letter(tex or sym.name) is None:
            return None
        return self.letter(sym)

    def expr(self, e: sp.Basic, bare: dict[str, sp.Symbol]) -> sp.Basic | None:
        """``e`` with every symbol rewritten; None when one is not read."""
        subs = {}
        for s in e.free_symbols:
            value = self.symbol(s, bare)
            if value is None:
                return None
            subs[s] = value
        return e.xreplace(subs)


def _readable(expr: sp.Basic) -> bool:
    """Sums, products, integer powers (any power of a positive number), ``Abs``, ``re``,
    ``im`` and ``conjugate`` of such, over letters and numbers."""
    if isinstance(expr, _ATOMIC):
        return True
    if isinstance(expr, sp.Pow):
        base, exp = expr.args
        if not (exp.is_Integer or (base.is_Number and base.is_positive and exp.is_Number)):
            return False
        return _readable(base)
    if isinstance(expr, (sp.Add, sp.Mul, sp.Abs, sp.re, sp.im, sp.conjugate)):
        return all(_readable(a) for a in expr.args)
    return False


def complex_sides(check: Any, step: Any, checker: Any) -> tuple[sp.Basic, sp.Basic] | None:
    r"""``(lhs, rhs)`` of the row re-read with complex letters (module doc), or None when the
    row writes no ``\Re``/``\Im`` or a part of it is not read."""
    table = getattr(checker, "table", None)
    texts = (getattr(check, "lhs", None), getattr(check, "rhs", None))
    if table is None or not all(isinstance(t, str) for t in texts):
        return None
    if not any(_PART.search(t) for t in texts):
        return None
    texts = tuple(_FRAKTUR.sub(lambda m: "\\" + ("Re" if "R" in m.group(0) else "Im") + " ",
                               t) for t in texts)
    unit = sp.Dummy("i")
    scope = table.scope()
    try:
        read = [_reread(t, scope, unit) for t in texts]
    except Exception:  # noqa: BLE001 - a row the parser refuses: not read
        return None
    atoms = {**read[0][1], **read[1][1]}
    latex = {**read[0][2], **read[1][2]}
    mapper = _Mapper(atoms, latex, real_letters(checker.hyp), unit)
    symbols = read[0][0].free_symbols | read[1][0].free_symbols
    bare = {s.name: s for s in symbols if s not in atoms and s != unit}
    for a in atoms.values():  # letters inside a part: \Re \rho with \overline{\rho}
        if a.kind == "func" and a.arg is not None:
            bare.update({s.name: s for s in a.arg.free_symbols if s not in atoms and s != unit})
    sides = [mapper.expr(e, bare) for e, _, _ in read]
    if any(s is None for s in sides):
        return None
    return sides[0], sides[1]


def _vanishes(diff: sp.Basic) -> bool:
    """True when the numerator of ``diff``, its parts evaluated, expands to 0."""
    try:
        if sp.count_ops(diff) > MAX_OPS or not _readable(diff):
            return False
        num, _ = sp.fraction(sp.together(sp.expand_complex(diff)))
        return sp.expand(num) == 0
    except Exception:  # noqa: BLE001 - sympy could not rewrite it: not shown
        return False


def complex_part_check(check: Any, step: Any, checker: Any) -> None:
    r"""The hook: an UNDECIDED equation whose row writes ``\Re`` or ``\Im`` is PROVED when
    ``lhs - rhs``, re-read with complex letters, vanishes identically (module doc)."""
    if check.verdict != "UNDECIDED" or step is None or step.rel != "=":
        return
    sides = complex_sides(check, step, checker)
    if sides is None or not _vanishes(sides[0] - sides[1]):
        return
    doc = getattr(checker, "doc", None)
    if index_use(getattr(doc, "text", "") or "") is not None:
        return
    real = sorted(real_letters(checker.hyp))
    check.verdict = "PROVED"
    check.method = "sympy, complex letters"
    check.detail = ("lhs - rhs vanishes with i = sqrt(-1), \\Re, \\Im, |.| and the conjugate "
                    "evaluated; letters complex except those stated real ("
                    f"{', '.join(real) if real else 'none'})")
    check.witness = None


__all__ = ["complex_part_check", "complex_sides", "real_letters"]
