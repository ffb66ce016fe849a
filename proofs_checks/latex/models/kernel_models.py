r"""What the finite-measure model (:mod:`.measure_models`) draws for the kernel notation of
:mod:`.kernel_terms`: Markov kernels from the drawn point set to itself, and the generators of
``D_f`` that the text does not declare convex.

* A Markov kernel is an ``n x n`` matrix of strictly positive rationals, each row a
  probability measure (so every ``\kappa(x) \ll \eta(x)`` holds); rows are drawn like the
  measures (weights 1..9, 1..99, 1..999, or nearly a point mass). A kernel the text does
  not state Markov (``\kappa \text{ a Markov kernel}``) and that is in no divergence's
  argument is drawn in the wider round with rows of mass 1/2, 1, 3/2, 2 (a finite kernel);
  a name read as a kernel only because it follows ``\otimes`` gets constant rows (a product
  measure) in about half of the draws, and a failure is then never a refutation.
* ``D_f`` with ``f`` not declared convex (:func:`free_generators`): ``f`` may be any function,
  so the model draws it among the convex generators with ``f(1) = 0`` in the conventional
  round and adds the non-convex :data:`NONCONVEX` in the wider one. A failure is then never a
  refutation (the text may mean a convex ``f`` without saying so): it is UNDECIDED, naming the
  function; a pass in both rounds is SUPPORTED, naming the functions tried.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

import mpmath as mp

from hallbound.proofs_checks.latex.models.divergence_terms import tokens
from hallbound.proofs_checks.latex.models.kernel_integrals import density_pairs
from hallbound.proofs_checks.latex.models.kernel_terms import (
    base_names,
    compound_names,
    guessed_kernels,
)

#: Functions on (0, inf) that are not convex: name, f(1) = 0?, the function (mpmath).
NONCONVEX: list[tuple[str, bool, Any]] = [
    ("-t log t", True, lambda t: -t * mp.log(t)),
    ("(t - 1)^3", True, lambda t: (t - 1) ** 3),
    ("sin(t - 1)", True, lambda t: mp.sin(t - 1)),
]
#: The letters authors use for the generator of an f-divergence.
_GENERATORS = frozenset({"f", "g", "\\phi", "\\varphi"})


def kernel_context(lhs: str, rhs: str) -> tuple[set[str], set[str]]:
    """``(measures, kernels)`` named by the kernel notation of the two sides."""
    return compound_names(tokens(lhs) + tokens(rhs))


def guessed_roles(lhs: str, rhs: str) -> set[str]:
    r"""The names read as kernels only because they follow ``\otimes`` (a law of the text
    may be meant: ``\mu \otimes \rho`` the product measure)."""
    return guessed_kernels(tokens(lhs) + tokens(rhs))


def kernels_in(terms: list[Any], kernels: set[str]) -> set[str]:
    """The names of ``kernels`` that occur anywhere in the read ``terms``."""
    out: set[str] = set()
    stack = list(terms)
    while stack:
        t = stack.pop()
        if isinstance(t, tuple):
            stack.extend(t)
        elif isinstance(t, str) and t in kernels:
            out.add(t)
    return out


def unstated_at_points(nodes: list[Any], stated: set[tuple[str, str]]) -> list[tuple[str, str]]:
    r"""The pairs ``(a, b)`` whose ``a \ll b`` a density at points of ``nodes`` needs and the
    environment does not state (``stated``: the pairs of its ``\ll``, a kernel's written
    ``kappa(x)``); every drawn measure has full support, so a pass says nothing about them."""
    kernels = {(a.split("(")[0], b.split("(")[0]) for a, b in stated if "(" in a}
    pairs = density_pairs(nodes)
    if pairs is None:
        return [("the density's numerator", "its denominator")]
    return sorted({(a, b) for kind, a, b in pairs
                   if a != b and (a, b) not in (stated if kind == "m" else kernels)})


def free_generators(text: str, about_measures: bool) -> set[str]:
    r"""The generators ``f`` of the ``D_f(..)`` of ``text`` (``D_f``, ``D_{f}``,
    ``D_\phi``), when the step is about measures (``about_measures``: a kernel, a declared
    probability measure or a stated ``\ll``): otherwise ``D_\phi(x, y)`` may be a Bregman
    divergence of points, and nothing is returned."""
    if not about_measures:
        return set()
    toks = tokens(text)
    out = set()
    for i, t in enumerate(toks[:-2]):
        if t != "D" or toks[i + 1] != "_":
            continue
        sub = toks[i + 3] if toks[i + 2] == "{" and i + 4 < len(toks) \
            and toks[i + 4] == "}" else toks[i + 2]
        if sub in _GENERATORS:
            out.add(sub.lstrip("\\"))
    return out


def _row(rng: random.Random, size: int) -> tuple[Fraction, ...]:
    top = rng.choice((9, 99, 999, 0))
    raw = [rng.randint(1, top or 1) for _ in range(size)]
    if not top:  # nearly a point mass
        raw[rng.randrange(size)] = rng.randint(50, 999)
    total = sum(raw)
    return tuple(Fraction(r, total) for r in raw)


#: Row masses of a kernel the text does not state Markov, drawn in the wider round.
WIDER_ROWS = (Fraction(1, 2), Fraction(1), Fraction(3, 2), Fraction(2))


def draw_kernels(masses: dict, names: list[str], size: int, rng: random.Random,
                 finite: tuple[list[str], list[str]] = ([], [])) -> None:
    """Add a kernel (a tuple of ``size`` rows on the ``size`` points) to ``masses`` for each
    name of ``names``: each row a probability measure (a Markov kernel), except the rows of
    the names of ``finite[0]`` (kernels not stated Markov, in the wider round), scaled by a
    mass of :data:`WIDER_ROWS`; the names of ``finite[1]`` (a law or a kernel: role not
    stated) get one row repeated (a product measure) in about half of the draws."""
    for name in names:
        rows = [_row(rng, size) for _ in range(size)]
        if name in finite[1] and rng.random() < 0.5:
            rows = [rows[0]] * size
        if name in finite[0]:
            rows = [tuple(x * m for x in r) for r, m in
                    ((r, rng.choice(WIDER_ROWS)) for r in rows)]
        masses[name] = tuple(rows)


def show_value(value: tuple) -> str:
    """A measure's masses or a kernel's rows as the witness prints them."""
    if value and isinstance(value[0], tuple):
        return "(" + ", ".join(show_value(r) for r in value) + ")"
    return "(" + ", ".join(str(x) for x in value) + ")"


def show_kernels(masses: dict) -> str:
    """``; \\kappa(x, .) rows = ((..), (..))`` for each kernel of ``masses`` ("" if none)."""
    out = ""
    for name, value in sorted(masses.items()):
        if value and isinstance(value[0], tuple):
            tex = "\\" + name if len(name) > 1 else name
            kind = "Markov kernel" if all(sum(r) == 1 for r in value) else "finite kernel"
            out += f"; {tex} = {show_value(value)} ({kind}, row x is {tex}(x, .))"
    return out


__all__ = ["NONCONVEX", "WIDER_ROWS", "base_names", "draw_kernels", "free_generators",
           "guessed_roles", "kernel_context", "kernels_in", "show_kernels", "show_value",
           "unstated_at_points"]
