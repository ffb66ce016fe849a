r"""Opaque atoms: the non-arithmetic quantities of a step proved *from* a relation, as reals.

A step proved from a lemma instance or a premise (``from Markov: ...``) is exported as the
implication *source relation => step relation*. Its sides hold expectations, probabilities,
norms, ball volumes or finite sums, which Coq's real arithmetic does not know. Each such
**atom** (an application of :data:`OPAQUE_HEADS`, outermost first) becomes a real variable
of its own, universally quantified, one per distinct SymPy expression (the same atom twice is
the same variable, as a function gives the same value on the same argument).

Sound: the lemma Coq proves holds for *every* real value of each variable, in particular
for the atom's value. Only what the atom's head means is assumed (:func:`atom_facts`: a
probability lies in :math:`[0, 1]`; a variance, a norm, a ball's volume is :math:`\ge 0`),
so Coq only proves the step when it follows from the source relation and these facts by
real arithmetic.
Only heads whose values are finite reals are abstracted (``SupDensity``, which may be
:math:`+\infty`, is not). Finite sums are abstracted only in a step proved *from* a lemma or
premise; elsewhere they are translated (:mod:`.sums`).
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy as sp

from hallbound.proofs_checks.library.lemma_library import BallVolume, CondE, Norm
from hallbound.proofs_checks.library.randomness import Cov, E, Pr, Var

#: The heads abstracted into opaque real variables (real-valued, finite).
OPAQUE_HEADS: tuple[type, ...] = (Pr, E, Var, Cov, BallVolume, Norm, CondE, sp.Sum)


def _is_atom(e: sp.Basic) -> bool:
    if not isinstance(e, OPAQUE_HEADS):
        return False
    if isinstance(e, sp.Sum):  # a finite sum of real terms: integer limits, real body
        limits_ok = all(lim[1].is_integer and lim[2].is_integer for lim in e.limits)
        return bool(limits_ok and e.function.is_real)
    return True


def atoms_of(exprs: Iterable[sp.Basic], sums: bool = True) -> list[sp.Basic]:
    r"""The opaque atoms of ``exprs`` (outermost, each once, in order of appearance); finite
    sums among them only with ``sums``. An atom that reads a summation index of any sum of
    ``exprs`` (``Pr(A[k])`` in :math:`\sum_k \Pr(A_k)`, or beside it) is never one: its
    value changes with the index, one real variable would not stand for it."""
    exprs = [e for e in exprs if isinstance(e, sp.Basic)]
    bound = {lim[0] for e in exprs for s in e.atoms(sp.Sum) for lim in s.limits}
    out: list[sp.Basic] = []

    def walk(e: sp.Basic) -> None:
        whole_sum = isinstance(e, sp.Sum) and sums
        if _is_atom(e) and (whole_sum or not isinstance(e, sp.Sum)) and (
                whole_sum or not e.free_symbols & bound):
            if e not in out:
                out.append(e)
            return
        for a in e.args:
            walk(a)

    for e in exprs:
        walk(e)
    return out


def abstraction(exprs: Iterable[sp.Basic], taken: Iterable[str] = (), sums: bool = True
                ) -> dict[sp.Basic, sp.Symbol]:
    """Each opaque atom of ``exprs`` (:func:`atoms_of`) -> a fresh real symbol
    ``hb_<head><k>`` (no name in ``taken``, nor a free symbol's name)."""
    exprs = list(exprs)
    used = set(taken) | {str(s) for e in exprs if isinstance(e, sp.Basic)
                         for s in e.free_symbols}
    out: dict[sp.Basic, sp.Symbol] = {}
    for k, atom in enumerate(atoms_of(exprs, sums)):
        base = f"hb_{type(atom).__name__}{k}"
        name = base
        while name in used:
            name += "_"
        used.add(name)
        out[atom] = sp.Symbol(name, real=True)
    return out


def abstracted(e: sp.Basic, table: dict[sp.Basic, sp.Symbol]) -> sp.Basic:
    """``e`` with each atom of ``table`` replaced by its symbol (outermost first)."""
    return e.xreplace(table) if table else e


def atom_facts(atom: sp.Basic, name: str) -> list[str]:
    """What the atom's head means, as Coq hypotheses on its variable ``name``:
    :math:`0 \\le \\Pr \\le 1`; :math:`\\operatorname{Var}, \\lVert\\cdot\\rVert,
    \\operatorname{vol} \\ge 0`. Nothing for an expectation, a covariance or a sum."""
    if isinstance(atom, Pr):
        return [f"0 <= {name}", f"{name} <= 1"]
    if isinstance(atom, Var | Norm | BallVolume):
        return [f"0 <= {name}"]
    return []
