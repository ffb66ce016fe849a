r"""Markov's inequality and the union bound, exact (the rules of :mod:`.tail_events`, whose
module doc gives them): ``Pr[Y >= a] <= E[Y]/a`` for ``Y >= 0``, ``a > 0``;
``Pr[|u| >= t] <= Pr[u >= t] + Pr[u <= -t]``; ``Pr[A \cup B] <= Pr[A] + Pr[B]``; each with
any bound shown to be larger.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_atoms import expectation_key, linear_terms
from hallbound.proofs_checks.latex.models.event_atoms import (
    FLIP,
    Signs,
    Unshown,
    lower_form,
    normal_form,
    read_event,
    same_form,
)


def expectation_of(arg: sp.Expr, atoms: dict) -> sp.Expr | None:
    """``E[arg]`` as the reader writes it (numeric linearity), from the atoms present;
    None when one of its expectations is not an atom of the environment."""
    by_key = {a.key: s for s, a in atoms.items() if a.kind == "E"}
    terms = linear_terms(arg)
    if terms is None:
        return None
    total: sp.Expr = sp.Integer(0)
    for coeff, rest in terms:
        if rest == 1:
            total += coeff
            continue
        sym = by_key.get(expectation_key(rest))
        if sym is None:
            return None
        total += coeff * sym
    return total


def upper(lhs: sp.Expr, rel: str, rhs: sp.Expr, atoms: dict) -> tuple | None:
    """``(Pr atom, its event, bound, strict)`` of ``Pr[..] <= bound`` (either way round)."""
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, FLIP[rel]
    if rel not in ("<=", "<") or not isinstance(lhs, sp.Symbol):
        return None
    event = read_event(atoms.get(lhs))
    return None if event is None else (lhs, event, rhs, rel == "<")


def upper_union(lhs: sp.Expr, rel: str, rhs: sp.Expr, atoms: dict) -> tuple | None:
    r"""``(Pr atom, None, bound, strict)`` of ``Pr[A \cup B] <= bound`` (either way round)."""
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, FLIP[rel]
    if rel not in ("<=", "<") or not isinstance(lhs, sp.Symbol):
        return None
    return None if union_parts(atoms.get(lhs)) is None else (lhs, None, rhs, rel == "<")


def markov(found: tuple, atoms: dict, signs: Signs) -> str | None:
    """Markov's inequality (module doc); :class:`Unshown` naming a condition not shown."""
    _, event, bound, strict = found
    y, a, _ = lower_form(event)
    ey = expectation_of(y, atoms)
    if ey is None or not ey.free_symbols & set(atoms) & bound.free_symbols:
        return None
    if not signs.shown(y, False):
        raise Unshown(f"{sp.sstr(y)} >= 0")
    if not signs.shown(a, True):
        raise Unshown(f"{sp.sstr(a)} > 0")
    random = maybe_random(a, atoms)
    if random:
        raise Unshown(f"the threshold's {', '.join(random)} is not random")
    nonneg = {ey: sp.Dummy("EY", nonnegative=True)} if ey in atoms else {}
    gap = bound - ey / a
    if (not strict and signs.equal(bound, ey / a)) or signs.shown(gap, strict, nonneg):
        return (f"Markov's inequality: {sp.sstr(y)} >= 0 and {sp.sstr(a)} > 0, so "
                f"Pr <= E[{sp.sstr(y)}]/({sp.sstr(a)}), and the bound is at least that")
    raise Unshown(f"bound - E[{sp.sstr(y)}]/({sp.sstr(a)}) {'>' if strict else '>='} 0")


def union_bound(found: tuple, atoms: dict, signs: Signs) -> str | None:
    """``Pr[|u| >= t] <= Pr[u >= t] + Pr[u <= -t]`` and larger bounds (module doc)."""
    _, event, bound, strict_rel = found
    big, t, strict = lower_form(event)
    if not isinstance(big, sp.Abs):
        return None
    u = big.args[0]
    want = [(sp.expand(u - t), strict), (sp.expand(-u - t), strict)]
    probs = {s: read_event(atoms[s]) for s in bound.free_symbols if s in atoms}
    hits = []
    for target in want:
        match = [s for s, e in probs.items() if e is not None and same_form(normal_form(e), target)]
        if not match:
            return None
        hits.append(match[0])
    nonneg = {s: sp.Dummy(f"P{k}", nonnegative=True)
              for k, s in enumerate(sorted((s for s in bound.free_symbols
                                            if s in atoms and atoms[s].kind == "Pr"), key=str))}
    if signs.shown(bound - hits[0] - hits[1], strict_rel, nonneg):
        return (f"the union bound: |{sp.sstr(u)}| {'>' if strict else '>='} {sp.sstr(t)} is "
                f"the union of {sp.sstr(u)} {'>' if strict else '>='} {sp.sstr(t)} and "
                f"{sp.sstr(u)} {'<' if strict else '<='} -({sp.sstr(t)}), and the bound is at "
                "least the sum of their probabilities")
    return None


#: Accents the parser appends to a name (``\hat\sigma`` is ``sigmahat``): an estimator.
_ACCENTED = ("hat", "bar", "tilde", "check", "breve")


def maybe_random(a: sp.Expr, atoms: dict) -> list[str]:
    r"""The letters of Markov's threshold ``a`` that may be random (so ``Pr[Y >= a] <=
    E[Y]/a`` may fail: ``Pr[X >= Y] <= E[X]/Y`` is false for ``X = Y`` uniform on
    ``{1/2, 3/2}``): a letter the environment takes an expectation of
    (``E[b]``, ``Var(b)``: an expectation of it alone), a capital Latin letter (``Y``,
    ``T_n``) or an accented name (``\hat\sigma``)."""
    alone = set()
    for at in atoms.values():
        if at.kind in ("E", "Var", "Cov"):
            deps = set(at.arg.free_symbols) if at.arg is not None else set(at.depends)
            alone |= deps if len(deps) == 1 else set()
    out = []
    for s in sorted(a.free_symbols - set(atoms), key=lambda x: x.name):
        base = s.name.split("_", 1)[0]
        if s in alone or (len(base) == 1 and base.isupper()) or base.endswith(_ACCENTED):
            out.append(s.name)
    return out


_OPEN, _CLOSE = ("(", "[", "{", "\\{", "\\lbrace"), (")", "]", "}", "\\}", "\\rbrace")


def union_parts(atom: Any) -> list[str] | None:
    r"""The texts of ``A``, ``B``, .. of ``Pr[A \cup B \cup ..]`` (an unconditioned,
    unsubscripted atom read as text), each without one pair of outer brackets; None when the
    event is no top-level union."""
    if atom is None or atom.kind != "Pr" or not atom.key.startswith("Pr[") or \
            not atom.key.endswith("]") or " | " in atom.key:
        return None
    toks, parts, depth = atom.key[3:-1].split(" "), [[]], 0
    for t in toks:
        depth += (t in _OPEN) - (t in _CLOSE)
        if t == "\\cup" and depth == 0:
            parts.append([])
        else:
            parts[-1].append(t)
    if len(parts) < 2 or any(not p or _relation_at_top(p) for p in parts):
        return None  # \theta \in A \cup B: the union is of sets, inside one event
    return [_bare(p) for p in parts]


#: Tokens that make a part of ``A \cup B`` a statement, not an event's name.
_RELATIONS = frozenset({r"\in", "\notin", r"\subseteq", r"\subset", "=", "<", ">", r"\le",
                        r"\leq", r"\ge", r"\geq", "\ne", "\neq", "|", r"\mid"})


def _relation_at_top(toks: list[str]) -> bool:
    """Whether a relation or a bar stands outside every bracket of ``toks``."""
    depth = 0
    for t in toks:
        depth += (t in _OPEN) - (t in _CLOSE)
        if depth == 0 and t in _RELATIONS:
            return True
    return False


def _bare(toks: list[str]) -> str:
    """The text of ``toks`` without one pair of outer brackets around all of it."""
    if len(toks) > 2 and toks[0] in _OPEN and toks[-1] == _CLOSE[_OPEN.index(toks[0])] and \
            _balanced(toks[1:-1]):
        toks = toks[1:-1]
    return " ".join(toks)


def _balanced(toks: list[str]) -> bool:
    depth = 0
    for t in toks:
        depth += (t in _OPEN) - (t in _CLOSE)
        if depth < 0:
            return False
    return depth == 0


def union_of_events(found: tuple, atoms: dict, signs: Signs) -> str | None:
    r"""``Pr[A \cup B] <= Pr[A] + Pr[B]`` (any number of events) and larger bounds: each
    event's text is the whole event text of a probability of the bound."""
    lhs, _, bound, strict_rel = found
    parts = union_parts(atoms.get(lhs))
    if parts is None:
        return None
    inner = {_bare(atoms[s].key[3:-1].split(" ")): s for s in bound.free_symbols
             if s in atoms and atoms[s].kind == "Pr" and atoms[s].key.startswith("Pr[")
             and " | " not in atoms[s].key}
    if any(p not in inner for p in parts):
        return None
    hits = {inner[p] for p in parts}
    nonneg = {s: sp.Dummy(f"P{k}", nonnegative=True)
              for k, s in enumerate(sorted((s for s in bound.free_symbols
                                            if s in atoms and atoms[s].kind == "Pr"), key=str))}
    if signs.shown(bound - sum(hits), strict_rel, nonneg):
        return (f"the union bound: Pr of a union of {len(parts)} events is at most the sum of "
                "their probabilities, and the bound is at least that sum")
    return None


__all__ = ["expectation_of", "markov", "union_bound", "union_of_events", "union_parts",
           "upper", "upper_union"]
