r"""Definitions of a plain name whose value holds a sum, a product, an integral or an indexed
term (``X = \sum_{i=1}^n X_i``, ``x = \sum_j t_j x_j``), from ``% hb: let``, an ``assume``
equation or a display definition (``X := \sum_i X_i``).

Such a value is not substituted into a read expression: there ``X`` also names the family
``X_i`` (SymPy's ``IndexedBase('X').label`` is the symbol ``X``), and an atom
(``\mathbb{E}[e^{tX}]``) was keyed by its argument when it was read. The reader gives the
plain name its value instead (:mod:`.math_defined`), so that the substitution is exact,
reaches the arguments of expectations, probabilities and norms, and never touches ``X_i``,
``X_1``, ``\hat X`` or a bound index. A value of atoms only (``m = \mathbb{E}[Y]``) and a
definition of an atom or a function value (``\mathbb{E}[X] = 0``, ``f(x_k) = ..``) keep the
substitution of :func:`.verify_rows._definitions`.

Refused, with an error naming it (never a partial substitution):

* a definition that refers to itself (``X = X_1 + X``) or, through others, circularly, and
  one whose value needs a refused definition;
* in the environment: the name bound (a sum index, a variable of integration, ``\sup_X``),
  applied to a bracket (``X(t)``, ``X[..]``), marked by a prime or a labelled superscript
  (``X'``, ``X^{(1)}``): there the letter may name another object (:func:`env_problem`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.definition_use import bound_in, mentions
from hallbound.proofs_checks.latex.math_defined import name_pattern
from hallbound.proofs_checks.latex.math_parser import parse_expression
from hallbound.proofs_checks.latex.math_tokens import LatexError, tokenize


@dataclass
class Defined:
    """One definition ``latex = text`` (``name``: the SymPy name; ``value`` as first read,
    before any other definition is applied)."""

    name: str
    latex: str
    text: str
    at: int
    value: Any


def needs_reading(value: Any, atoms: Mapping) -> bool:
    """Whether ``value`` holds a sum, product, integral or indexed term (then ``X`` may
    also name the family ``X_i``). A value of atoms only (``m = E[Y]``) is substituted as
    before (:func:`.verify_rows._definitions`), so that ``\\frac{d}{dm}`` stays a
    derivative; an atom of a step that writes the name keeps it (:mod:`.let_guard`)."""
    del atoms  # the atoms of the value stay opaque either way
    return isinstance(value, sp.Expr) and value.has(sp.Sum, sp.Product, sp.Integral, sp.Indexed)


def plain_names(value: Any, atoms: Mapping) -> set[str]:
    """The names ``value`` uses as plain symbols: not the label of an indexed term
    (``X`` of ``X[i]``), but inside an atom's argument too (``X`` of ``E[X]``)."""
    out: set[str] = set()
    seen: set = set()

    def walk(e: Any) -> None:
        if isinstance(e, sp.Indexed):
            for i in e.indices:
                walk(i)
        elif isinstance(e, sp.Symbol):
            if e in seen:
                return
            seen.add(e)
            a = atoms.get(e)
            if a is None:
                out.add(e.name)
                return
            for d in a.depends:
                walk(d)
            if isinstance(a.arg, sp.Basic):
                walk(a.arg)
        elif isinstance(e, sp.Basic):
            for x in e.args:
                walk(x)

    walk(value)
    return out


def env_problem(latex: str, rows: list[str]) -> str:
    """Why the plain name written ``latex`` may be another object in ``rows`` ('' if not):
    the name bound there, applied to a bracket or marked. (``S_n`` inside ``\\sum_n`` is the
    indexed ``S[n]``, a family the reader leaves opaque: never replaced by the value.)"""
    try:
        want = [(t.kind, t.text) for t in tokenize(latex) if t.text not in ("{", "}")]
    except LatexError:
        return f"{latex} cannot be read as a name"
    if bound_in(latex, rows):
        return f"{latex} is a bound name here (a sum index, a variable of integration ..)"
    for text in rows:
        try:
            have = [(t.kind, t.text) for t in tokenize(text) if t.text not in ("{", "}")]
        except LatexError:
            return f"a row that writes {latex} cannot be read"
        for k in range(len(have) - len(want) + 1):
            if have[k : k + len(want)] != want or (k and have[k - 1][1] == "\\"):
                continue
            after = [t[1] for t in have[k + len(want) : k + len(want) + 2]]
            if after[:1] in (["("], ["["]):
                return f"{latex} is applied to a bracket here ({latex}(..)): another object?"
            if after[:1] == ["'"] or after == ["^", "("]:
                return f"{latex} is marked here ({latex}', {latex}^{{(1)}}): another object?"
    return ""


def _cyclic(name: str, deps: dict[str, set[str]]) -> bool:
    todo, seen = list(deps.get(name, ())), set()
    while todo:
        n = todo.pop()
        if n == name:
            return True
        if n not in seen:
            seen.add(n)
            todo += deps.get(n, ())
    return False


def read_in_place(items: list[Defined], table: Any, rows: list[str],
                  refuse: Any) -> set[str]:
    """Give the names of ``items`` whose values need it (:func:`needs_reading`, or that use
    such a name) their values in ``table`` (``table.values``, dependencies first); the names
    handled here, used or refused (``refuse(item, why)``)."""
    names = {d.name for d in items}
    deps = {d.name: plain_names(d.value, table.atoms) & names for d in items}
    rich = {d.name for d in items if needs_reading(d.value, table.atoms)}
    while True:
        more = {n for n in names - rich if deps[n] & rich}
        if not more:
            break
        rich |= more
    refused: set[str] = set()
    for d in items:
        if d.name not in rich:
            continue
        why = ("it refers to itself, directly or through another definition" if
               _cyclic(d.name, deps) else env_problem(d.latex, rows))
        if why:
            refuse(d, why)
            refused.add(d.name)
    done: set[str] = set()
    while True:
        ready = [d for d in items if d.name in rich and d.name not in done | refused]
        if not ready:
            return rich
        moved = False
        for d in ready:
            if deps[d.name] & refused:
                refuse(d, "its value uses a definition that is not used")
                refused.add(d.name)
            elif deps[d.name] & rich <= done:
                _apply(d, table, refuse, refused)
                done.add(d.name)
            else:
                continue
            moved = True
        if not moved:  # cannot happen once cycles are refused; never loop
            for d in ready:
                refuse(d, "its value uses a definition that is not used")
                refused.add(d.name)


def _apply(d: Defined, table: Any, refuse: Any, refused: set[str]) -> None:
    """Read ``d``'s value with the definitions it needs applied, and give its name it."""
    try:
        value = parse_expression(d.text, table.scope(), d.at)
    except LatexError as err:
        refuse(d, f"its value cannot be read with the definitions applied ({err.message})")
        refused.add(d.name)
        return
    if d.name in plain_names(value, table.atoms):
        refuse(d, "it refers to itself")
        refused.add(d.name)
        return
    table.values[d.name] = (value, name_pattern(d.latex))
    table.value_texts.append((d.latex, " ".join(d.text.split())))


def definition_note(texts: list[str], table: Any) -> list[str]:
    """The notes ``using the definition X = ..`` of a step whose sides ``texts`` write a
    name read as its value."""
    return [f"using the definition {latex} = {text}" for latex, text in
            getattr(table, "value_texts", []) if any(mentions(latex, t) for t in texts)]


__all__ = ["Defined", "definition_note", "env_problem", "needs_reading", "plain_names",
           "read_in_place"]
