r"""Variance and covariance as a symmetric bilinear form, for the LaTeX reader.

For random variables with finite second moments (which writing ``Var``/``Cov`` presumes):

* :math:`\operatorname{Cov}(\sum_i a_i X_i + c, \sum_j b_j Y_j + d) = \sum_{i,j} a_i b_j
  \operatorname{Cov}(X_i, Y_j)` for constants :math:`a_i, b_j, c, d`;
* :math:`\operatorname{Cov}(X, X) = \operatorname{Var}(X)`, ``Cov`` is symmetric, so
  :math:`\operatorname{Var}(\sum_i a_i X_i + c) = \sum_i a_i^2 \operatorname{Var}(X_i) + 2
  \sum_{i<j} a_i a_j \operatorname{Cov}(X_i, X_j)`; the variance of a constant is 0.

:func:`random_split` writes an argument as ``sum c_k R_k`` (plus a constant) with each
``c_k`` a constant and each ``R_k`` a product of random variables; the reader then writes
every ``Var``/``Cov`` in the basis ``Var[R]`` / ``Cov(R, S)`` (an unordered pair), so equal
quantities are the same symbol. What is constant and what is random:

* a constant is a number, or an unconditioned, unsubscripted expectation atom
  (``\mathbb{E}[X]``, a number however ``X`` is distributed);
* a random variable is a letter that :func:`.math_atoms.random_letter` calls random (a
  capital Latin letter: ``X``, ``Z_{t+s}``, the rule of the finite-law moment model), unless
  it is written bold, with an arrow or blackboard (:func:`vector_name`: a random vector);
* anything else (a lower-case or Greek letter, which may be a constant of the text or a
  random variable; a function value ``f(X)``; a conditional expectation; a sum) cannot be
  classified, and then :func:`random_split` gives None: the reader keeps the atom opaque
  rather than pull out a factor that may be random.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from hallbound.proofs_checks.latex.math_atoms import (
    Atom,
    expectation_key,
    linear_terms,
    random_letter,
)

#: At most this many random terms are expanded (``n`` terms give ``n (n + 1) / 2`` atoms).
MAX_TERMS = 8


def constant_atom(atom: Atom) -> bool:
    """An unconditioned, unsubscripted expectation: a number. Known from how the atom was
    made, not from its text: its argument was read (``arg``) and its key is exactly the key of
    ``E[arg]`` (a condition, ``E[X | Y]``, or a subscript, ``E_\\theta``, changes the key; an
    expectation read as tokens only, such as ``E[X \\vert\\ Y]`` unsplit, has no ``arg``). (A
    probability is not taken: ``P(X)`` may be a mass function at a random point.)"""
    return atom.kind == "E" and atom.arg is not None and \
        atom.key == expectation_key(atom.arg) and "|" not in atom.key and "mid" not in atom.key


def _factor_kind(factor: sp.Basic, atoms: Mapping[sp.Symbol, Atom]) -> str | None:
    """``"const"``, ``"random"`` or None (unclassified) for one factor of a product."""
    symbols = factor.free_symbols
    if not symbols:
        return "const" if factor.is_extended_real else None
    if all(s in atoms and constant_atom(atoms[s]) for s in symbols):
        return "const"
    if all(s not in atoms and random_letter(s.name) and not vector_name(s.name)
           for s in symbols):
        return "random"
    return None


def vector_name(name: str) -> bool:
    """A bold, arrowed or blackboard name (``Xbold``, ``Xvec_i``, ``Xbb``): possibly a random
    vector, whose cross-covariance is not symmetric (``Cov(X, Y) = Cov(Y, X)^T``)."""
    return name.split("_", 1)[0].endswith(("bold", "vec", "bb"))


def random_split(arg: sp.Basic, atoms: Mapping[sp.Symbol, Atom]
                 ) -> list[tuple[sp.Basic, sp.Basic]] | None:
    """``arg`` as ``[(c_k, R_k)]`` (``arg = sum c_k R_k + constant``; the constant is
    dropped, terms with the same ``R_k`` are merged, zero coefficients removed); None when a
    factor cannot be classified (module doc) or there are more than :data:`MAX_TERMS`."""
    terms = linear_terms(arg)
    if terms is None:
        return None
    merged: dict[sp.Basic, sp.Basic] = {}
    for coeff, rest in terms:
        const, rand = coeff, sp.Integer(1)
        for factor in sp.Mul.make_args(rest):
            kind = _factor_kind(factor, atoms)
            if kind is None:
                return None
            if kind == "const":
                const *= factor
            else:
                rand *= factor
        if rand != 1:
            merged[rand] = merged.get(rand, sp.Integer(0)) + const
    out = [(c, r) for r, c in merged.items() if sp.expand(c) != 0]
    return out if len(out) <= MAX_TERMS else None


def bilinear_pairs(left: list[tuple[sp.Basic, sp.Basic]], right: list[tuple[sp.Basic, sp.Basic]]
                   ) -> list[tuple[sp.Basic, sp.Basic, sp.Basic]]:
    """``Cov(sum a_i X_i, sum b_j Y_j)`` as ``[(a_i b_j, X_i, Y_j)]``."""
    return [(a * b, x, y) for a, x in left for b, y in right]


def variance_pairs(terms: list[tuple[sp.Basic, sp.Basic]]
                   ) -> list[tuple[sp.Basic, sp.Basic, sp.Basic]]:
    """``Var(sum a_i X_i)`` as ``[(a_i^2, X_i, X_i)] + [(2 a_i a_j, X_i, X_j), i < j]``."""
    out = [(a**2, x, x) for a, x in terms]
    for i, (a, x) in enumerate(terms):
        out += [(2 * a * b, x, y) for b, y in terms[i + 1:]]
    return out


__all__ = ["MAX_TERMS", "bilinear_pairs", "constant_atom", "random_split", "variance_pairs",
           "vector_name"]
