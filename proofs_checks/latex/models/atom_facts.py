r"""Exact inequalities between the reader's opaque atoms, true for every reading of them.

Each fact is ``big - small >= 0`` between atoms the step writes:

* **triangle inequality**: :math:`\|\sum_k c_k v_k\| \le \sum_k |c_k|\,\|v_k\|` for numbers
  ``c_k``, two terms or more, every norm of one head that is a norm (no subscript, ``_2``,
  ``_p`` with a number ``p >= 1``, ``_\infty``:
  :func:`~hallbound.proofs_checks.latex.congruence.homogeneous_norm`);
* **absolute value inside the expectation**: :math:`|\mathbb{E}[Y]| \le \mathbb{E}[|Y|]`
  (unconditioned, unsubscripted, both written);
* **monotonicity of probability**: :math:`\Pr[A \cap B] \le \Pr[A]`, :math:`\Pr[A \cap B]
  \le \Pr[B]` and :math:`\Pr[A] \le \Pr[A \cup B]`, the events compared as written (text
  without spaces; ``A`` and ``B`` each a probability atom the step writes).

A step ``lhs <= rhs`` (``<``, or ``>=``/``>`` turned round) is PROVED when ``rhs - lhs``
less ``c_k (big_k - small_k)`` for at most :data:`MAX_FACTS` facts, each ``c_k`` the
coefficient of ``-small_k`` and shown ``> 0``, is shown ``>= 0`` (``> 0`` for ``<``) by the
project's sign prover with each letter's stated sign. Equations and any other step are left
as they are; the rule never refutes.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.congruence import homogeneous_norm
from hallbound.proofs_checks.latex.math_atoms import expectation_key
from hallbound.proofs_checks.latex.models.event_atoms import Signs

#: Most facts taken out of one step.
MAX_FACTS = 3
Fact = tuple[sp.Expr, sp.Symbol, str]  # (big, small, name)


def triangle_facts(syms: set, table: Any) -> list[Fact]:
    """The triangle inequalities among the norm atoms ``syms`` (module doc)."""
    out: list[Fact] = []
    norms = {(a.head, a.arg): s for s in syms
             if (a := table.atoms.get(s)) is not None and a.kind == "norm" and a.arg is not None}
    for (head, arg), sym in norms.items():
        if not homogeneous_norm(head) or not isinstance(arg, sp.Add):
            continue
        big: sp.Expr = sp.Integer(0)
        for term in arg.args:
            c, v = term.as_coeff_Mul()
            found = norms.get((head, v))
            if found is None:
                break
            big += abs(c) * found
        else:
            out.append((big, sym, "triangle inequality"))
    return out


def expectation_facts(syms: set, table: Any) -> list[Fact]:
    """``|E[Y]| <= E[|Y|]`` for the expectation atoms ``syms`` (module doc)."""
    by_key = {a.key: s for s in syms if (a := table.atoms.get(s)) is not None and a.kind == "E"}
    out: list[Fact] = []
    for key, sym in by_key.items():
        arg = table.atoms[sym].arg
        if not key.startswith("E[") or arg is None or not isinstance(arg, sp.Abs):
            continue
        inner = by_key.get(expectation_key(arg.args[0]))
        if inner is not None and key == expectation_key(arg):
            out.append((sym, sp.Abs(inner), "|E[Y]| <= E[|Y|]"))
    return out


def _split_event(text: str, op: str) -> tuple[str, str] | None:
    """The two sides of ``A op B`` at the top level (no brackets around ``op``)."""
    depth = 0
    for i in range(len(text)):
        depth += text[i] in "([{"
        depth -= text[i] in ")]}"
        if depth == 0 and text.startswith(op, i):
            return text[:i].strip(), text[i + len(op):].strip()
    return None


#: Tokens that combine or condition events: an event text holding two of them (or one of
#: them beside ``\\cap``/``\\cup``) is not split (``A \\cap B \\cup C`` has no agreed
#: reading; ``A \\cup B, C`` is an intersection).
_EVENT_OPS = re.compile(r"\\(cap|cup|setminus|smallsetminus|backslash|triangle|sqcup|wedge|"
                        r"vee|land|lor|mid|vert)(?![A-Za-z])|[,;|]")
#: Relations at the top level of a side: ``X \\in A \\cap B`` is not ``{X \\in A} \\cap B``.
_RELATION = re.compile(r"\\(in|notin|le|ge|leq|geq|ne|neq|subset|subseteq)(?![A-Za-z])|[=<>]")


def _top_level(text: str) -> str:
    """``text`` with every bracketed part removed."""
    out, depth = [], 0
    for ch in text:
        depth += ch in "([{"
        if depth == 0:
            out.append(ch)
        depth -= ch in ")]}"
    return "".join(out)


def _event_parts(inner: str) -> tuple[str, tuple[str, str]] | None:
    """``(op, (A, B))`` of an event text ``A op B`` with ``op`` one ``\\cap`` or ``\\cup``,
    the text's only combining token, and no relation at the top level of ``A`` or ``B``."""
    ops = _EVENT_OPS.findall(inner)
    if len(ops) != 1 or ops[0] not in ("cap", "cup"):
        return None
    op = "\\" + ops[0]
    parts = _split_event(inner, op)
    if parts is None or any(not p or _RELATION.search(_top_level(p)) for p in parts):
        return None
    return op, parts


def probability_facts(syms: set, table: Any) -> list[Fact]:
    """``Pr[A cap B] <= Pr[A], Pr[B]`` and ``Pr[A] <= Pr[A cup B]`` (module doc)."""
    by_event: dict[str, sp.Symbol] = {}
    for s in syms:
        a = table.atoms.get(s)
        if a is not None and a.kind == "Pr" and a.key.startswith("Pr[") and a.key.endswith("]"):
            by_event[re.sub(r"\s+", "", a.key[3:-1])] = s
    out: list[Fact] = []
    for s in syms:
        a = table.atoms.get(s)
        if a is None or a.kind != "Pr" or not (a.key.startswith("Pr[") and a.key.endswith("]")):
            continue
        found = _event_parts(a.key[3:-1])
        if found is None:
            continue
        op, parts = found
        for part in parts:
            other = by_event.get(re.sub(r"\s+", "", part))
            if other is None or _EVENT_OPS.search(table.atoms[other].key[3:-1]):
                continue
            if op == "\\cap":
                out.append((other, s, "Pr[A cap B] <= Pr[A]"))
            else:
                out.append((s, other, "Pr[A] <= Pr[A cup B]"))
    return out


def _prove(diff: sp.Expr, facts: list[Fact], signs: Signs, strict: bool,
           depth: int) -> list[str] | None:
    """The facts taken out of ``diff`` until it is shown ``>= 0`` (module doc); None."""
    if signs.shown(diff, strict):
        return []
    if depth == 0:
        return None
    for big, small, name in facts:
        c = -sp.expand(diff).coeff(small)
        if c == 0 or small in c.free_symbols or not signs.shown(c, True):
            continue
        rest = sp.expand(diff - c * (big - small))
        found = _prove(rest, facts, signs, strict, depth - 1)
        if found is not None:
            return [name, *found]
    return None


def atom_fact_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED ``<=``/``<`` step (either way round) that the facts of the
    module doc and the sign prover show is PROVED; any other step is left as it is."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or checker.contradictory:
        return
    rel, lhs, rhs = step.rel, step.lhs, step.rhs
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
    if rel not in ("<=", "<"):
        return
    try:
        diff = (sp.sympify(rhs) - sp.sympify(lhs)).xreplace(checker.defs)
        syms = set(diff.free_symbols)
        facts = [*triangle_facts(syms, table), *expectation_facts(syms, table),
                 *probability_facts(syms, table)]
        if not facts:
            return
        signs = Signs(table, [diff])
        if signs.shown(diff, rel == "<"):
            return
        used = _prove(diff, facts, signs, rel == "<", MAX_FACTS)
    except Exception:  # noqa: BLE001 - an expression the rule cannot handle: no verdict
        return
    if not used:
        return
    check.verdict, check.method = "PROVED", "atom facts"
    check.detail = (f"exact facts between the atoms: {', '.join(used)}; the rest of rhs - lhs "
                    f"is {'> 0' if rel == '<' else '>= 0'} (sign prover)")
    check.witness = None


__all__ = ["atom_fact_check", "expectation_facts", "probability_facts", "triangle_facts"]
