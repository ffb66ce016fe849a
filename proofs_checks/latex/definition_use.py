r"""What a display definition (:mod:`.display_definitions`) means, and where it holds.

A definition holds in the later display environments of its part of the file (file order,
never before it, never in its own environment; where: :mod:`.definition_scope`), read in
that environment's symbols:

* a name (``C_f := expr``): substituted like a ``% hb: let`` (the value is parsed in the
  environment; :func:`name_substitutions`);
* a function (``f(x) := expr(x)``, ``K(s, t) := ..``): every value ``f(a)`` the environment
  reads becomes ``expr(a)``: the parameters replaced by the arguments, and each function
  value ``g(x)`` on the right by the value ``g(a)`` (the same quantity the reader makes of
  ``g(a)`` written out; :func:`function_substitutions`);
* point-free (``\phi := E_4^2 / \Delta`` where every letter on the right is a function
  applied elsewhere in the file, and ``\phi`` is applied later but never used as a value):
  ``\phi(w)`` becomes ``E_4(w)^2 / \Delta(w)``, pointwise algebra.

The defined function is read as a function in the later environments (as if declared
``% hb: function``). A definition is not used (one line in the report says why) when its
defined part is not a name or a name applied to distinct plain parameters, its value cannot
be read, the defined name occurs in its own value, the name is defined again differently
(neither is used from there on), or the name is used both as a function and as a value in the
file. In one environment it is not used (a note) when a ``% hb: let`` or an ``assume``
equation there defines the same name (the environment's own wins) or when the name is bound
there (an index of a sum, product, ``\sup``, ``\min``, ``\arg\min`` ..., a variable of
integration).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.dim_reading import recording
from hallbound.proofs_checks.latex.display_definitions import Definition
from hallbound.proofs_checks.latex.hypotheses import (
    Hypotheses,
    SymbolTable,
    name_of,
    plain_free,
    split_top_level,
)
from hallbound.proofs_checks.latex.math_atoms import Atom
from hallbound.proofs_checks.latex.math_parser import LatexError, parse_expression
from hallbound.proofs_checks.latex.math_tokens import tokenize

#: Commands whose subscript binds a name (``\sum_{i}``, ``\sup_{f \in F}``).
_BINDERS = frozenset(
    "sum prod int iint oint sup inf max min lim limsup liminf bigcup bigcap bigoplus "
    "argmin argmax arg operatorname mathop esssup essinf coprod bigvee bigwedge".split()
)
#: What a point-free value may not hold: a power or a mark on a letter (``f^2``, ``f^{-1}``,
#: ``f^*``, ``f^T``, ``f'``; ``f^2`` may be ``f o f``) or a composition; only a bracket may
#: carry a power, a plain number (``(f + g)^2``).
_COMPOSED = re.compile(r"(?<!\))\s*\^|\^(?!\s*\{?\s*\d+\s*\}?)|'|"
                       r"\\(?:circ|prime|dagger)(?![A-Za-z])")
#: In a quotient of functions (``E_4^2 / \Delta``) the algebra is pointwise, so a positive
#: integer power of a letter is a pointwise power too; marks and other powers stay refused.
_MARKED = re.compile(r"\^(?!\s*\{?\s*\d+\s*\}?)|'|\\(?:circ|prime|dagger)(?![A-Za-z])")
_FUNCTION_LHS = re.compile(r"^(?P<head>.+?)\s*\\?(?:left)?\((?P<params>[^()]*)\\?(?:right)?\)$")


def _bare(name: str) -> str:
    """A SymPy name as the name scanner spells it (``phi_{-4}`` -> ``phi_-4``)."""
    return name.replace("{", "").replace("}", "")


def head_of(latex: str) -> str:
    """The defined name of a defined part (``f`` of ``f(x, y)``; the part itself else)."""
    m = _FUNCTION_LHS.match(latex.strip())
    return (m.group("head") if m else latex).strip()


def param_texts(latex: str) -> list[str]:
    """The parameters of a defined part as written (``[x, \\mu]`` of ``f(x, \\mu)``)."""
    m = _FUNCTION_LHS.match(latex.strip())
    return [p.strip() for p, _ in split_top_level(m.group("params"), 0)] if m else []


def read_lhs(latex: str) -> tuple[str, tuple[str, ...]] | str:
    """``(SymPy name, parameter names)`` of a defined part: a name (no parameters) or a name
    applied to distinct plain names; a string (why not) otherwise."""
    m = _FUNCTION_LHS.match(latex.strip())
    head = m.group("head") if m else latex
    try:
        name = _plain_name(head)
        params = tuple(name_of(p, 0) for p, _ in split_top_level(m.group("params"), 0)) if m \
            else ()
    except LatexError as err:
        return f"the defined part {latex!r} is not a name or a function of names ({err.message})"
    if m and (not params or len(set(params)) < len(params) or name in params):
        return f"the parameters of {latex!r} are not distinct names"
    return name, params


def _plain_name(latex: str) -> str:
    r"""The SymPy name of a plain name (``C_f``, ``\hat{\mu}_n``, ``\phi_{-4}``); a
    LatexError for anything the reader keeps as an opaque quantity (``\|y\|``, ``E[X]``)."""
    table = SymbolTable(Hypotheses())
    e = parse_expression(latex, table.scope(), 0)
    if not isinstance(e, sp.Symbol) or e in table.atoms:
        raise LatexError(f"expected one name, got {latex.strip()!r}", 0)
    return e.name


def mentions(latex: str, value: str) -> bool:
    """Whether the name written ``latex`` (its tokens) occurs in ``value``; a plain name
    followed by a subscript is another name (``f`` is not in ``f_1``). Braces are ignored
    (``\\phi_{0}`` is ``\\phi_0``)."""
    try:
        want = [(t.kind, t.text) for t in tokenize(latex) if t.text not in ("{", "}")]
        have = [(t.kind, t.text) for t in tokenize(value) if t.text not in ("{", "}")]
    except LatexError:
        return True  # cannot tell: treat as self-referential
    n = len(want)
    subscripted = any(t == ("sym", "_") for t in want)
    for k in range(len(have) - n + 1):
        if have[k : k + n] == want:
            after = have[k + n] if k + n < len(have) else None
            if subscripted or after != ("sym", "_"):
                return True
    return False


def bound_in(name_latex: str, texts: list[str]) -> bool:
    r"""Whether the name written ``name_latex`` is bound in the rows ``texts``: it occurs in
    the subscript of a binder (``\sum``, ``\sup``, ``\arg\min`` ...) or after the ``d`` of
    an integral (``dx``, ``\mathrm{d}x``, ``\,d\mu``)."""
    try:
        want = [t.text for t in tokenize(name_latex)]
    except LatexError:
        return True
    for text in texts:
        try:
            toks = tokenize(text)
        except LatexError:
            continue
        words = [t.text for t in toks]
        integral = "int" in words or "iint" in words or "oint" in words
        for k, t in enumerate(toks):
            if t.kind == "cmd" and t.text in _BINDERS:
                j = k + 1
                while j < len(toks) and toks[j].text in ("{", "}", "*", "limits", "nolimits"):
                    j += 1  # \operatorname*{argmin}, \mathop{..}\limits
                    if j - k > 12:
                        break
                while j < len(toks) and toks[j].kind == "letter" and words[j] != "_":
                    j += 1  # the letters of \operatorname{argmin}
                if j < len(toks) and words[j] == "_" and _in_group(want, words, j + 1):
                    return True
            if integral and t.text == "d" and words[k + 1 : k + 1 + len(want)] == want:
                return True
    return False


def _in_group(want: list[str], words: list[str], i: int) -> bool:
    """Whether ``want`` occurs in the group (or single token) starting at ``words[i]``."""
    if i >= len(words):
        return False
    if words[i] != "{":
        return words[i : i + len(want)] == want
    depth, j = 0, i
    while j < len(words):
        depth += {"{": 1, "}": -1}.get(words[j], 0)
        if depth == 0:
            break
        j += 1
    group = words[i + 1 : j]
    return any(group[k : k + len(want)] == want for k in range(len(group) - len(want) + 1))


def shape_of(d: Definition, value: Any, atoms: dict, applied: set[str],
             standalone: set[str], values: set[str] | None = None) -> str:
    """Set ``d.shape`` from the value as read in its own environment and how the file uses
    names (``applied`` / ``standalone``: names as the scanner spells them; ``values``: the
    names used as values outside definitions' values, ``standalone`` when not given); ''
    when the definition can be used, else why not."""
    values = standalone if values is None else values
    if not isinstance(value, sp.Expr):
        return "its value is not a number (a vector, a matrix or a set)"
    if d.params:
        d.shape = "function"
        for a in _reachable(value, atoms):
            if {getattr(x, "name", "") for x in a.depends} & set(d.params) \
                    and (a.kind != "func" or a.arg is None):
                return f"a parameter occurs inside {a.latex}, a quantity kept opaque"
        return ""
    bare = _bare(d.name)
    if bare in applied and bare in standalone:
        return f"{d.latex} is used both as a function and as a value in this file"
    if bare not in applied:
        return ""
    d.shape = "pointfree"
    pointwise = "\\frac" in d.value or "/" in d.value
    if (_MARKED if pointwise else _COMPOSED).search(d.value):
        return (f"a power, inverse, transpose, prime or composition in {d.value!r} (f^2 may be "
                f"f o f, f^{{-1}} the inverse): {d.latex}(..) is not read point-free")
    letters = sorted(value.free_symbols, key=str)
    if not letters:
        return f"{d.latex} is applied later, but its value holds no function"
    for s in letters:
        if s in atoms:
            return (f"{atoms[s].latex} on the right is not a letter: {d.latex}(..) is "
                    "not read point-free")
        if _bare(s.name) in values:
            return (f"{s.name} on the right is also used as a value in this file: "
                    f"{d.latex}(..) is not read point-free")
        if _bare(s.name) not in applied:
            return (f"{s.name} on the right is not applied as a function in this file: "
                    f"{d.latex}(..) is not read point-free")
    d.letters = tuple(s.name for s in letters)
    return ""


def _reachable(value: Any, atoms: dict) -> list[Atom]:
    """The atoms of ``value`` and those inside their arguments, nested."""
    seen: set = set()
    todo = [t for t in value.free_symbols if t in atoms]
    while todo:
        t = todo.pop()
        if t not in seen:
            seen.add(t)
            todo += [u for u in getattr(atoms[t].arg, "free_symbols", set()) if u in atoms]
    return [atoms[t] for t in seen]


def declare_functions(defs: list[Definition], env: int, hyp: Hypotheses,
                      rows: list[str] | None = None) -> None:
    """The functions defined before environment ``env`` are read as functions there, and so
    are the letters of a point-free value, only where ``rows`` write the defined name (the
    definition applies them there; elsewhere ``\\Delta (t + 1)`` may be a product)."""
    for d in defs:
        if d.active(env) and d.shape != "name":
            letters = d.letters if rows is None or any(
                mentions(head_of(d.latex), r) for r in rows) else ()
            hyp.functions.update(n for n in (d.name, *letters) if n not in hyp.variables)


def name_substitutions(defs: list[Definition], table: SymbolTable,
                       earlier: dict) -> tuple[dict, list[Definition]]:
    """The name definitions as ``symbol -> value`` in ``table``'s symbols, chained with
    ``earlier`` (the environment's own ``let``) as :func:`.verify_rows._definitions` does;
    with the definitions used."""
    out = dict(earlier)
    used = []
    for d in defs:
        try:
            with recording() as sized:  # a size-dependent part goes with the name
                value = parse_expression(d.value, table.scope(), 0)
        except LatexError as err:
            d.notes.append(f"not used in one environment: {err.message}")
            continue
        if not isinstance(value, sp.Expr):
            continue
        if sized:
            table.objects.kinds.setdefault(d.name, frozenset(sized))
        sym = table.make(d.name, d.latex)
        value = value.xreplace(out) if out else value
        out = {k: v.xreplace({sym: value}) for k, v in out.items()}
        out[sym] = value
        used.append(d)
    return out, used


def _register(table: SymbolTable, atom: Atom, scratch: SymbolTable | None = None) -> sp.Symbol:
    """The environment's symbol for ``atom`` (made, with its bounds, when new; the atoms in
    its argument too, from ``scratch``)."""
    if scratch is not None and isinstance(atom.arg, sp.Basic):
        for t in atom.arg.free_symbols:
            if t in scratch.atoms:
                _register(table, scratch.atoms[t], scratch)
    sym = table.make_atom(atom.key, atom.latex, atom.lo, atom.hi, atom.lo_open)
    table.atoms.setdefault(sym, atom)
    return sym


def _applied(head: str, head_latex: str, args: tuple, table: SymbolTable,
             like: Atom | None = None) -> sp.Symbol:
    """The function value ``head(args)`` as the reader keys it (``head(sstr(arg), ..)``)."""
    key = f"{head}({', '.join(sp.sstr(a) for a in args)})"
    latex = f"{head_latex}({', '.join(sp.latex(a) for a in args)})"
    deps: set = set()
    for a in args:
        for s in a.free_symbols:
            deps |= set(table.atoms[s].depends) if s in table.atoms else {s}
    lo, hi, lo_open = (like.lo, like.hi, like.lo_open) if like else (None, None, False)
    return _register(table, Atom("func", head, key, latex, lo, hi, lo_open,
                                 sp.Tuple(*args), frozenset(deps)))


def _read_value(d: Definition, hyp: Hypotheses) -> tuple[Any, SymbolTable] | None:
    """The value read in a scratch table with the environment's hypotheses (so its symbols
    are the environment's)."""
    if d.letters:  # point-free: the letters' products, as in the definition's own display
        hyp = replace(hyp, functions=hyp.functions - set(d.letters),
                      variables=hyp.variables | set(d.letters))
    scratch = SymbolTable(hyp)
    scratch.prescan([d.value])
    try:
        value = parse_expression(d.value, scratch.scope(), 0)
    except LatexError as err:
        d.notes.append(f"not used in one environment: {err.message}")
        return None
    return (value, scratch) if isinstance(value, sp.Expr) else None


def _instance(d: Definition, value: Any, scratch: SymbolTable, args: tuple,
              table: SymbolTable) -> Any:
    """The value of ``d`` at ``args`` in ``table``'s symbols (None when it cannot be made):
    each parameter replaced by its argument, each function value on the right that
    depends on a parameter (nested ones too) by the value at the arguments."""
    if d.shape == "pointfree":
        if any(s in scratch.atoms for s in value.free_symbols):
            return None
        subs = {s: _applied(s.name, scratch.latex.get(s, s.name), args, table)
                for s in value.free_symbols}
        return value.xreplace(subs)
    sub = {scratch.symbols[p]: a for p, a in zip(d.params, args, strict=True)
           if p in scratch.symbols}
    memo: dict = {}

    def image(s: sp.Symbol) -> Any:
        if s not in memo:
            atom = scratch.atoms.get(s)
            if s in sub:
                memo[s] = sub[s]
            elif atom is None:
                memo[s] = table.make(s.name, scratch.latex.get(s, s.name))
            elif not atom.depends & set(sub):
                memo[s] = _register(table, atom, scratch)
            elif atom.kind != "func" or atom.arg is None:
                memo[s] = None
            else:
                inner = {t: image(t) for t in atom.arg.free_symbols}
                memo[s] = None if any(v is None for v in inner.values()) else _applied(
                    atom.head, atom.latex.split("(", 1)[0], tuple(atom.arg.xreplace(inner)),
                    table, atom)
        return memo[s]

    # indexed terms x[i] (and their labels x) are the environment's already: never a symbol
    images = {s: image(s) for s in plain_free(value)}
    return None if any(v is None for v in images.values()) else value.xreplace(images)


def function_substitutions(defs: list[Definition], table: SymbolTable,
                           hyp: Hypotheses) -> tuple[dict, list[Definition]]:
    """``f(a) -> value at a`` for every value of a defined function the environment reads
    (an argument known only by its text, or bound by a sum there, is left opaque)."""
    out: dict = {}
    used: list[Definition] = []
    reads: dict[int, Any] = {}
    for _ in range(3):  # a value may hold another defined function: its values too
        before = len(out)
        for k, d in enumerate(defs):
            for sym, atom in list(table.atoms.items()):
                if sym in out or not _value_of(atom, d):
                    continue
                if k not in reads:
                    reads[k] = _read_value(d, hyp)
                if reads[k] is None:
                    break
                got = _instance(d, reads[k][0], reads[k][1], tuple(atom.arg), table)
                if got is not None:
                    out[sym] = got
                    if d not in used:
                        used.append(d)
        if len(out) == before:
            break
    for _ in range(3):
        out = {k: v.xreplace(out) for k, v in out.items()}
    return out, used


def _value_of(atom: Atom, d: Definition) -> bool:
    """Whether ``atom`` is a value ``f(a)`` of the defined function (read arguments, as many
    as its parameters, no bound name of the same spelling among what it depends on)."""
    return (atom.kind == "func" and atom.head == d.name and atom.arg is not None
            and len(atom.arg) == max(len(d.params), 1)
            and not any(getattr(s, "name", "") == d.name for s in atom.depends))


__all__ = [
    "bound_in",
    "declare_functions",
    "function_substitutions",
    "head_of",
    "mentions",
    "name_substitutions",
    "param_texts",
    "read_lhs",
    "shape_of",
]
