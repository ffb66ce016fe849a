r"""Finite sums with a symbolic bound, as Coq terms: :math:`\sum_{i=1}^{n} f(i)` is
``hb_sum (fun i : nat => F) n`` with ``hb_sum f 0 = 0``, ``hb_sum f (S k) = hb_sum f k +
f (S k)`` (a ``Fixpoint`` of the file's prelude, so Coq computes it; no axiom).

* the bound ``n`` is a parameter declared ``nat`` (its real value ``INR n``): only where the
  parameter's domain has a lower end :math:`\ge 0`, so no value of the step is left out;
* the summation index ``i`` is a ``nat``; in the body it reads ``INR i``;
* an indexed family ``x[i]`` (``x[a, t]``) whose index is a summation index is a Coq function
  ``x : nat -> R`` (``nat -> nat -> R``), universally quantified; its SymPy sign assumption
  (``nonnegative``, ``positive``) is a hypothesis ``forall i, 0 <= x i``;
* a premise over ``x[k]`` at a free index ``k`` (``vv[k] >= v_min``, one per term) is a
  hypothesis ``forall k : nat, ...``: stronger than "for k in 1..n", but a sum reads its
  families at ``1..n`` only, so each family extends outside that range to one satisfying it.

A sum whose lower limit is not 1, whose bound is not such a parameter, or whose terms have
translation side conditions (:math:`\ln p_t` needs :math:`p_t > 0` at every ``t``) is not
exportable. Coq proves a sum step by induction on the bound (``tactics.sum_script``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import sympy as sp

from hallbound.proofs_checks.kernel.coq_terms import NotExportable, Term, coq_name


def nat_key(sym: sp.Symbol) -> sp.Symbol:
    """The key under which a ``nat`` variable's Coq name is kept in a translation's names."""
    return sp.Symbol(f"__nat__{sym.name}")


def nat_ident(sym: sp.Basic, names: Mapping[sp.Basic, str]) -> str | None:
    """The ``nat`` Coq name of ``sym`` (a summation index, or a bound parameter), if any."""
    if isinstance(sym, sp.Symbol) and nat_key(sym) in names:
        return names[nat_key(sym)]
    m = re.fullmatch(r"\(INR (\w+)\)", names.get(sym, ""))
    return m.group(1) if m else None


def family_term(e: sp.Indexed, names: Mapping[sp.Basic, str]) -> str | None:
    """``(x i)`` for a family's entry at ``nat`` indices, else None."""
    fam = names.get(e.base.label)
    if fam is None:
        return None
    idx = [nat_ident(i, names) for i in e.indices]
    if any(i is None for i in idx):
        return None
    return f"({fam} {' '.join(idx)})"  # type: ignore[arg-type]


def sum_term(e: sp.Sum, names: Mapping[sp.Basic, str], out: Term,
             term: Callable[[sp.Expr, Mapping[sp.Basic, str], Term], str]) -> str:
    """``(hb_sum (fun i : nat => BODY) n)`` for a one-limit sum from 1 to a ``nat`` bound."""
    if len(e.limits) != 1:
        raise NotExportable("a sum over several indices at once")
    i, lo, hi = e.limits[0]
    bound = str(int(hi)) if hi.is_Integer and hi >= 0 else nat_ident(hi, names)
    if lo != 1 or bound is None:
        raise NotExportable(f"a finite sum from {lo} to {hi} (only 1..n over a natural-number "
                            "parameter n is translated)")
    taken = set(names.values())
    ident = coq_name(str(i), taken)
    inner = {**names, i: f"(INR {ident})", nat_key(i): ident}
    body = Term("")
    text = term(e.function, inner, body)
    if body.conditions:
        raise NotExportable(f"a finite sum whose terms have side conditions "
                            f"({'; '.join(body.conditions)[:80]})")
    out.features |= body.features | {"sum"}
    return f"(hb_sum (fun {ident} : nat => {text}) {bound})"


def families(exprs: list[sp.Basic]) -> tuple[set[sp.Basic], dict[sp.Basic, sp.Indexed],
                                              set[sp.Basic]]:
    """The summation indices of ``exprs``' sums, each family read at one of them (label ->
    an entry, for its arity and sign), and the sums' symbolic upper bounds."""
    sums = [s for e in exprs for s in e.atoms(sp.Sum)]
    bound = {lim[0] for s in sums for lim in s.limits}
    uppers = {lim[2] for s in sums for lim in s.limits if isinstance(lim[2], sp.Symbol)}
    fams: dict[sp.Basic, sp.Indexed] = {}
    for e in exprs:
        for x in sorted(e.atoms(sp.Indexed), key=sp.default_sort_key):
            if set(x.indices) & bound:
                fams.setdefault(x.base.label, x)
    return bound, fams, uppers


def declare_families(goal: object, fams: Mapping[sp.Basic, sp.Indexed],
                     names: dict[sp.Basic, str]) -> None:
    """A binder ``x : nat -> R`` per family (``goal.binders``), its sign as a hypothesis
    (``goal.hyps``), its Coq name in ``names``."""
    taken = {n for n, _ in goal.binders}  # type: ignore[attr-defined]
    for label, entry in fams.items():
        ident = coq_name(str(label), taken)
        taken.add(ident)
        arity = len(entry.indices)
        goal.binders.append((ident, " -> ".join(["nat"] * arity + ["R"])))  # type: ignore
        names[label] = ident
        args = " ".join(f"hb_i{k}" for k in range(arity))
        sign = ("0 <" if entry.is_positive else "0 <=" if entry.is_nonnegative else None)
        if sign:
            goal.hyps.append(f"(forall {args} : nat, {sign} ({ident} {args}))")  # type: ignore


def free_indices(src: tuple, fams: Mapping[sp.Basic, sp.Indexed],
                 known: Mapping[sp.Basic, object]) -> list[sp.Symbol]:
    """The free indices of a relation's family entries (``vv[k]`` in ``vv[k] >= v_min``)
    that no parameter declares: the relation holds at each, a ``forall`` hypothesis."""
    out: list[sp.Symbol] = []
    for side in (src[0], src[2]):
        for x in side.atoms(sp.Indexed):
            if x.base.label not in fams:
                continue
            for i in x.indices:
                if isinstance(i, sp.Symbol) and i not in known and i in side.free_symbols \
                        and i not in out:
                    out.append(i)
    return out


def per_index(names: Mapping[sp.Basic, str], indices: list[sp.Symbol]
              ) -> tuple[dict[sp.Basic, str], str]:
    """``names`` with each index a ``nat`` variable; the ``forall k : nat,`` prefix."""
    inner = dict(names)
    taken = set(names.values())
    idents = []
    for i in indices:
        ident = coq_name(str(i), taken)
        taken.add(ident)
        idents.append(ident)
        inner[i] = f"(INR {ident})"
        inner[nat_key(i)] = ident
    return inner, (f"forall {' '.join(idents)} : nat, " if idents else "")
