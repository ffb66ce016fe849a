r"""Opaque atoms of the LaTeX reader: quantities the parser names but does not evaluate.

An *atom* is a real SymPy symbol that stands for one quantity the text writes but the checker
cannot compute: an expectation :math:`\mathbb{E}[X]`, a probability :math:`\Pr[X \ge t]`, a
variance, an uninterpreted function value :math:`f(x)`, a norm, an inner product, an integral or
a sum over a set. Its name is a key built from the normalised argument (the SymPy printing of
the parsed argument where it can be read, else the argument's tokens), so the same expectation
is the same symbol on every row and identical quantities cancel.

An atom carries only facts that hold for every reading of it (:class:`Atom` ``lo``/``hi``):

* ``Pr`` (any event, conditioned or not) lies in :math:`[0, 1]`;
* ``Var`` and norms are :math:`\ge 0`; :math:`\langle x, x\rangle \ge 0`;
* ``E[T]`` is :math:`\ge 0` (:math:`> 0`) when SymPy knows ``T`` is non-negative (positive) from
  the symbols' assumptions (``E[X^2]``, ``E[|X|]``).

Exact rules applied while reading (:func:`expectation`, :func:`variance`):

* linearity of ``E`` for *numeric* constants and sums: ``E[2X + Y - 3] = 2E[X] + E[Y] - 3``
  (a symbolic factor is never pulled out: ``E[aX]`` stays one atom, since ``a`` may be random);
* ``Var[aX + b] = a^2 Var[X]`` for numbers ``a``, ``b``; ``Var[c] = 0``; ``Cov(X, X) = Var[X]``;
  ``Cov`` is symmetric and bilinear, ``Var`` its quadratic form, where every term of the
  argument is a constant times a product of random variables
  (:mod:`~hallbound.proofs_checks.latex.math_covariance`);
* ``Var[X] = E[X^2] - E[X]^2`` and ``Cov(X, Y) = E[XY] - E[X]E[Y]`` when the environment also
  writes those expectations (:func:`atom_definitions`; the checker substitutes it like a
  ``% hb: let``).

Atoms are not independent numbers (:math:`\mathbb{E}[X^2] \ge \mathbb{E}[X]^2`, Markov's
inequality, ...), so a counterexample that sets them freely may describe no real distribution
or function: :func:`refutation_blocker` says when a REFUTED verdict must be withdrawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy as sp

#: Commands read as an expectation operator (``\E`` etc. when the author's macro is not
#: expanded: the conventional meaning).
EXPECTATION_CMDS = frozenset("E Exp Ex EE bbE Expect Expectation expect".split())
#: Commands read as a probability.
PROBABILITY_CMDS = frozenset("Pr P PP bbP Prob prob Probability".split())
#: Commands read as a variance / covariance.
VARIANCE_CMDS = frozenset("Var var Variance variance".split())
COVARIANCE_CMDS = frozenset("Cov cov Covariance".split())
#: ``\mathbb{..}``/``\mathbf{..}``/``\operatorname{..}``/``\mathrm{..}`` contents read as
#: operators.
OPERATOR_CONTENTS: dict[str, str] = {
    "E": "E",
    "P": "Pr",
    "Pr": "Pr",
    "Var": "Var",
    "var": "Var",
    "V": "Var",
    "Cov": "Cov",
    "cov": "Cov",
}
#: Operators with a known range, true under every usual normalisation (name -> (lo, hi)).
OPERATOR_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "TV": (0.0, 1.0),
    "KL": (0.0, None),
}
#: Lower-case italic words that are operators when a bracket follows (never products).
OPERATOR_WORDS = frozenset(
    "var cov corr dist diam sgn sign supp rank vol card dim span conv prox argmin argmax".split()
)
#: Letters conventionally naming functions: ``f(x)`` is a function value (unless the letter is
#: also used on its own in the environment, or declared ``% hb: variable``).
CONVENTIONAL_FUNCTIONS = frozenset("f g h F G phi varphi psi Phi Psi ell".split())


@dataclass(frozen=True)
class Atom:
    """One opaque quantity: ``kind`` (``E``, ``Pr``, ``Var``, ``Cov``, ``func``, ``op``,
    ``norm``, ``inner``, ``integral``, ``sum``), its ``head`` (the function or operator name),
    ``key`` (the symbol's name), ``latex``, the known bounds ``lo``/``hi`` (None: unbounded),
    the parsed argument ``arg`` (None when read as tokens only) and the symbols it depends on."""

    kind: str
    head: str
    key: str
    latex: str
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    arg: sp.Basic | None = None
    depends: frozenset = field(default_factory=frozenset)


def atom_definitions(atoms: Mapping[sp.Symbol, Atom]) -> dict[sp.Symbol, sp.Basic]:
    r"""``Var[X] -> E[X^2] - E[X]^2`` for each (unconditioned) variance atom whose two
    expectations are atoms of the same environment too, and ``Cov(X, Y) -> E[XY] -
    E[X]E[Y]`` for each (unconditioned) covariance atom whose three expectations are."""
    by_key = {a.key: s for s, a in atoms.items()}
    out: dict[sp.Symbol, sp.Basic] = {}
    for sym, atom in atoms.items():
        if atom.kind == "Cov" and isinstance(atom.arg, sp.Tuple) and len(atom.arg) == 2:
            x, y = atom.arg
            found = [by_key.get(expectation_key(t)) for t in (x * y, x, y)]
            if all(f is not None for f in found):
                out[sym] = found[0] - found[1] * found[2]
            continue
        if atom.kind != "Var" or atom.arg is None:
            continue
        e2 = by_key.get(expectation_key(atom.arg**2))
        e1 = by_key.get(expectation_key(atom.arg))
        if e2 is not None and e1 is not None:
            out[sym] = e2 - e1**2
    return out


def random_letter(name: str) -> bool:
    """Whether a plain symbol (no atom) named ``name`` is read as a random variable: a capital
    Latin letter (``X``, ``U_1``, ``Z_{t+s}``). A lower-case or Greek letter may be a constant
    of the text (the finite-law moment model and the bilinear reading of ``Var``/``Cov``
    share this rule)."""
    return name[:1].isupper() and name[:1].isascii()


def expectation_key(arg: sp.Basic, cond: str = "", sub: str = "") -> str:
    """The symbol name of ``E_{sub}[arg | cond]``."""
    return f"E{'_' + sub if sub else ''}[{sp.sstr(arg)}{' | ' + cond if cond else ''}]"


def linear_terms(arg: sp.Basic, max_terms: int = 20) -> list[tuple[sp.Basic, sp.Basic]] | None:
    """``arg`` as ``sum c_k T_k`` with numbers ``c_k`` (``T_k = 1`` for the constant term),
    expanded when it is a polynomial of at most ``max_terms`` terms; None when not real-valued
    scalar."""
    if isinstance(arg, sp.MatrixBase):
        return None
    expanded = arg
    try:
        if arg.is_polynomial() and not arg.is_number:
            candidate = sp.expand(arg)
            if len(sp.Add.make_args(candidate)) <= max_terms:
                expanded = candidate
    except (TypeError, ValueError, NotImplementedError):
        expanded = arg
    out = []
    for term in sp.Add.make_args(expanded):
        coeff, rest = term.as_coeff_Mul()
        out.append((coeff, rest))
    return out


def sign_bounds(arg: sp.Basic) -> tuple[float | None, bool]:
    """``(lo, lo_open)`` of ``E[arg]``: ``0`` when SymPy knows ``arg >= 0`` (open when
    ``> 0``), else ``None``."""
    if arg.is_positive:
        return 0.0, True
    if arg.is_nonnegative:
        return 0.0, False
    return None, False


def atoms_in(expr: sp.Basic, atoms: Mapping[sp.Symbol, Atom]) -> list[Atom]:
    """The atoms among ``expr``'s free symbols."""
    if not isinstance(expr, sp.Basic):
        return []
    return [atoms[s] for s in expr.free_symbols if s in atoms]


def _realisable(a: Atom, atoms: Mapping[sp.Symbol, Atom], constrained: set[sp.Symbol],
                value: float | None = None) -> bool:
    """Whether every value in ``a``'s bounds is the value of ``a`` for some distribution:
    ``E``/``Var``/``Pr`` of one plain symbol, or ``TV``/``KL`` of plain symbols, none of them
    with a stated domain; or whether ``value`` is, for the entropy ``H[X]`` of one plain
    symbol: any ``value >= 0`` (a discrete entropy; a differential one takes it too)."""
    plain = all(s not in atoms and s not in constrained for s in a.depends)
    if a.kind in ("E", "Var", "Pr"):
        return plain and isinstance(a.arg, sp.Symbol) and a.arg not in atoms
    if a.kind == "H":
        one = isinstance(a.arg, sp.Tuple) and len(a.arg) == 1 and isinstance(a.arg[0], sp.Symbol)
        return plain and one and a.arg[0] not in atoms and value is not None and value >= 0
    return plain and a.kind == "op" and a.head in OPERATOR_BOUNDS and bool(a.depends)


def _jointly_realisable(left: list[Atom], atoms: Mapping[sp.Symbol, Atom],
                        constrained: set[sp.Symbol], values: Mapping[str, float]) -> bool:
    """Atoms each realisable (:func:`_realisable`) about pairwise different variables: some
    independent variables give them any such values at once."""
    seen: set = set()
    for a in left:
        if not _realisable(a, atoms, constrained, values.get(a.key)) or a.depends & seen:
            return False
        seen |= a.depends
    return True


def refutation_blocker(
    lhs: sp.Basic, rhs: sp.Basic, atoms: Mapping[sp.Symbol, Atom], constrained: set[sp.Symbol],
    values: Mapping[str, float] | None = None,
) -> str | None:
    r"""Why a counterexample to ``lhs REL rhs`` found by setting the atoms freely (within their
    bounds) may describe nothing real; None when it is a genuine counterexample.

    Atoms that cancel from ``lhs - rhs`` do not matter. When atoms remain, a counterexample is
    kept only when one atom is all that remains of ``lhs - rhs`` and it is an expectation /
    variance / probability of a single symbol ``X`` with no stated domain (``constrained``), or
    a ``TV``/``KL`` of such symbols: some distribution of ``X`` has any mean, any variance >= 0,
    any event probability in [0, 1]; some pair of measures any TV in [0, 1], any KL >= 0.
    Several such atoms about pairwise different variables are kept too (independent
    variables take any values at once), and so is an entropy ``H[X]`` of one variable when
    the witness (``values``, by atom key) gives it a value >= 0.
    Everything else is related in ways the reader does not model: two expectations
    (:math:`\mathbb{E}[X^2] \ge \mathbb{E}[X]^2`), norms (the triangle inequality),
    integrals, and function values, whose functions the text describes (``q_k`` majorises
    ``f``, ``f`` is convex) in words no directive states."""
    try:
        diff = sp.expand(lhs - rhs)
    except Exception:  # noqa: BLE001 - cannot simplify: judge on the sides themselves
        diff = lhs - rhs
    left = atoms_in(diff, atoms)
    if not left:
        return None
    others = diff.free_symbols - {s for s in diff.free_symbols if s in atoms}
    if not others and _jointly_realisable(left, atoms, constrained, values or {}):
        return None
    for a in left:
        if len(left) == 1 and not others and _realisable(a, atoms, constrained):
            continue
        if a.kind == "imaginary":
            return (
                "the counterexample sets i to a real number, but i may be the imaginary unit "
                "(declare '% hb: variable i' if it is a variable)"
            )
        names = ", ".join(sorted(x.latex for x in left))
        return (
            f"the counterexample sets {names} as free numbers; they are related in ways "
            "the reader does not model, so it may describe no real distribution or function"
        )
    return None


__all__ = [
    "Atom",
    "CONVENTIONAL_FUNCTIONS",
    "EXPECTATION_CMDS",
    "OPERATOR_WORDS",
    "PROBABILITY_CMDS",
    "atom_definitions",
    "atoms_in",
    "expectation_key",
    "linear_terms",
    "random_letter",
    "refutation_blocker",
    "sign_bounds",
]
