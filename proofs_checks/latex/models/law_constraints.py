r"""Stated relations and equations about the laws of a finite-law model's variables
(:mod:`.finite_laws`, :mod:`.moment_laws`): ``% hb: assume \mathbb{E}[X] = 0``,
``\operatorname{Cov}(X, Y) = 0``, ``d[X; Y] = 0``, ``\bbH[X - Y] = \bbH[X] + \bbH[Y]``.

A stated relation, equation or definition whose names meet the model's random variables
(directly, inside an atom such as ``E[X*Y]``, or through a definition ``Z = X + Y``) is
either

* read as a :class:`Stated` relation between quantities the model computes (entropies and
  Ruzsa distances for an entropy model, expectations / variances / probabilities for a
  moment model, of the model's variables only), then checked on every drawn law: a law that
  breaks it is not counted, neither as a failure nor as support; or
* a reason not to use the model at all (it would draw laws that may break it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_atoms import Atom, atom_definitions
from hallbound.proofs_checks.latex.models.finite_laws import (
    Model,
    _def_terms,
    quantity_of,
    qvars,
)
from hallbound.proofs_checks.latex.models.law_statements import family, in_family
from hallbound.proofs_checks.latex.models.moment_laws import moment_quantity
from hallbound.proofs_checks.latex.models.rv_terms import TermError, substitute_quantity

_NAME = re.compile(r"[A-Za-z]+(?:_\{?[A-Za-z0-9*]+\}?)?'*")
_RELS = frozenset({"=", "<=", "<", ">=", ">"})


@dataclass(frozen=True)
class Stated:
    """``diff REL 0`` over the atom symbols of ``quantities`` (symbol, quantity), as stated
    in ``text``."""

    diff: sp.Expr
    rel: str
    quantities: tuple[tuple[sp.Symbol, tuple], ...]
    text: str


def _names(expr: Any, defs: Mapping[Any, Any]) -> set[str]:
    """Every name written in ``expr``'s symbols (``E[X*Y]`` -> E, X, Y), with the names of
    the definitions of the names it uses."""
    out: set[str] = set()
    todo = [expr]
    seen: set[str] = set()
    by_name = {str(k): v for k, v in defs.items()}
    while todo:
        e = todo.pop()
        for s in getattr(e, "free_symbols", set()):
            for n in _NAME.findall(s.name):
                n = n.replace("{", "").replace("}", "")
                out.add(n)
                if n in by_name and n not in seen:
                    seen.add(n)
                    todo.append(by_name[n])
    return out


_LAW_KEY = re.compile(r"(?:E|Var|Cov|Pr|H|I|d|\\?mathbb\{?[EH]\}?|bbH)\s*[\[(]")
_LAW_KINDS = frozenset({"E", "Var", "Cov", "Pr", "H"})


def _symbols(expr: Any, defs: Mapping[Any, Any]) -> set[sp.Symbol]:
    """Every symbol of ``expr``, with the symbols of the definitions of those it uses."""
    by_name = {str(k): v for k, v in defs.items()}
    out: set[sp.Symbol] = set()
    todo = [expr]
    while todo:
        for s in getattr(todo.pop(), "free_symbols", set()):
            if s not in out:
                out.add(s)
                if s.name in by_name:
                    todo.append(by_name[s.name])
    return out


def _law_vars(sym: sp.Symbol, atoms: Mapping[sp.Symbol, Atom]) -> set[str] | None:
    """The random variables of a law atom (E/Var/Cov/Pr/H/I/d) as parsed (its ``depends``);
    the empty set for a symbol that is no law atom; None for a law atom whose variables were
    not parsed (a placeholder key such as ``E[X_{k+1}]``): its variables cannot be matched."""
    atom = atoms.get(sym)
    if atom is None:
        return None if _LAW_KEY.match(sym.name) else set()
    head = atom.head.strip("[]\\")
    if atom.kind not in _LAW_KINDS and not (atom.kind == "func" and head in ("H", "I", "d")):
        return set()
    deps = {str(d) for d in atom.depends}
    return deps or None


def _atoms_meet(expr: Any, defs: Mapping[Any, Any], atoms: Mapping[sp.Symbol, Atom],
                model_names: set[str]) -> bool:
    """Whether a law atom of ``expr`` (or of a definition it uses) is about a variable of
    the model, matched by the atom's parsed variables; a law atom whose variables were not
    parsed always meets (it blocks the model rather than being skipped)."""
    for sym in _symbols(expr, defs):
        found = _law_vars(sym, atoms)
        if found is None or _meets(found, model_names):
            return True
    return False


def _meets(names: set[str], model_names: set[str]) -> bool:
    for n in names:
        fam = family(n)
        if n in model_names or (fam and any(in_family(m, fam) for m in model_names)):
            return True
    return False


def _quantity(sym: sp.Symbol, atoms: Mapping[sp.Symbol, Atom], model: Model,
              dterms: dict) -> tuple | None:
    atom = atoms.get(sym)
    if atom is None:
        return None
    if model.diff is None:
        q = quantity_of(atom, True)
        return None if q is None else substitute_quantity(q, dterms)
    return moment_quantity(atom)


def _items(checker: Any, dterms: dict) -> list[tuple[Any, str, Any, str]]:
    """Every stated relation, equation and definition as ``(lhs, rel, rhs, text)``; the
    definitions of random variables the model reads (``Z = X + Y``) are left out (they are
    substituted)."""
    texts = list(getattr(checker, "relation_texts", []))
    out = []
    for i, (a, op, b) in enumerate(checker.relations):
        out.append((a, op, b, texts[i] if i < len(texts) else f"{a} {op} {b}"))
    out += [(a, "=", b, t) for a, b, t in checker.equations]
    own = atom_definitions(checker.table.atoms)  # Var = E[X^2] - E[X]^2: an identity
    out += [(k, "=", v, f"{k} = {v}") for k, v in checker.defs.items()
            if not (str(k) in dterms and _NAME.fullmatch(str(k))) and own.get(k) != v]
    return out


def _domain_items(table: Any, atoms: Mapping[sp.Symbol, Atom]
                  ) -> list[tuple[Any, str, Any, str]]:
    """The stated domains of quantities (``\\mathbb{E}[X] \\ge 0``,
    ``\\operatorname{Cov}(X, Y) \\le 0``; a domain of a plain variable is the caller's) as
    relations on the atom's symbol (a placeholder symbol named as the key when no atom of
    that name was read: then the relation is not one the model reads)."""
    by_key = {a.key: s for s, a in atoms.items()}
    out: list[tuple[Any, str, Any, str]] = []
    for key, dom in table.hyp.domains.items():
        if _NAME.fullmatch(key):
            continue
        sym = by_key.get(key, sp.Symbol(key))
        if dom.kind != "real" or getattr(dom, "integer", False):
            out.append((sym, "in", sp.Integer(0), f"{key} in a stated set"))
            continue
        lo, hi, lo_open, hi_open = dom.ends()
        if lo is not None:
            out.append((sym, ">" if lo_open else ">=", sp.nsimplify(lo), f"{key} >= {lo}"))
        if hi is not None:
            out.append((sym, "<" if hi_open else "<=", sp.nsimplify(hi), f"{key} <= {hi}"))
    return out


def _def_atoms(table: Any) -> tuple[dict[sp.Symbol, Atom], dict[str, str]]:
    """The atoms of the stated definitions' left sides (``\\mathbb{E}[X] = 0`` defines the
    atom ``E[X]``), read in a scratch symbol table, and each definition's text as written
    (by the name of its left side)."""
    from hallbound.proofs_checks.latex.hypotheses import SymbolTable
    from hallbound.proofs_checks.latex.math_parser import parse_expression

    scratch = SymbolTable(table.hyp)
    texts: dict[str, str] = {}
    for name, expr, at in table.hyp.definitions:
        try:
            key = parse_expression(name, scratch.scope(), at)
            parse_expression(expr, scratch.scope(), at)
        except Exception:  # noqa: BLE001,S112 - an unreadable side stays unread
            continue
        texts[str(key)] = f"{name} = {expr}"
    return scratch.atoms, texts


def stated_on(model: Model, table: Any, checker: Any) -> tuple[list[Stated], str]:
    """The stated relations about the model's variables, read (module doc), and a reason
    not to use the model ("" when every such relation is read)."""
    names = set().union(*(qvars(q) for _, q in model.terms))
    names |= set(model.base) | {n for c, s in model.copies for n in (*c, *s)}
    dterms = _def_terms(checker.defs)
    scratch, texts = _def_atoms(table)
    atoms = {**scratch, **table.atoms}
    out = []
    for lhs, rel, rhs, text in [*_items(checker, dterms), *_domain_items(table, atoms)]:
        text = texts.get(str(lhs), text) if rel == "=" else text
        both = sp.Tuple(lhs, rhs)
        if not (_meets(_names(both, checker.defs), names)
                or _atoms_meet(both, checker.defs, atoms, names)):
            continue
        why = f"a stated relation about the law of its variables ({text}) is not one it reads"
        try:
            diff = sp.expand(sp.sympify(lhs) - sp.sympify(rhs))
        except (TypeError, ValueError, sp.SympifyError):
            return [], why
        if rel not in _RELS or not isinstance(diff, sp.Expr):
            return [], why
        quantities = []
        for sym in sorted(diff.free_symbols, key=lambda s: s.name):
            try:
                q = _quantity(sym, atoms, model, dterms)
            except TermError:
                q = None
            if q is None or not qvars(q) <= names:
                return [], why
            quantities.append((sym, q))
        out.append(Stated(diff, rel, tuple(quantities), text))
    return out, ""


__all__ = ["Stated", "stated_on"]
