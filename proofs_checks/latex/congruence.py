r"""Proofs of a step that hold for every value of its opaque atoms (``verify``'s own prover,
tried when the engine finds none).

A step ``lhs REL rhs`` (``REL`` one of ``=``, ``<=``, ``>=``) is PROVED here when
``lhs - rhs`` is zero for every value of every atom, once three exact facts are used:

* **congruence**: two values of one function (the same head: ``f``, ``f'``, a norm with the
  same subscript) at arguments that are equal are equal, ``f(a) = f(b)`` when ``a = b``;
* **absolute homogeneity of a norm**: :math:`\|c\,v\| = |c|\,\|v\|` for a factor ``c`` that
  is a number or a variable with a stated real domain (a scalar; a variable with no domain,
  a vector or matrix domain, or an ``assume`` item that was refused, may be a vector, a
  matrix or complex, and is never pulled out), and only for a norm of
  :func:`homogeneous_norm` (no subscript, ``_2``, ``_p`` with a number ``p >= 1``, ...;
  never ``\|v\|_0``, a count);
* **the stated equations** (``% hb: assume a^2 + b^2 = 1``, ``x_0 = t x + (1-t) x^*``): an
  expression ``N/D`` is zero where they hold when ``N`` lies in the ideal they generate
  (remainder 0 on division by their Groebner basis) and ``D`` is shown non-zero there
  (:meth:`Ideal.nonzero`; ``(a^2+b^2-1)/(a^4+2a^2b^2+b^4-1)`` is 0/0 on the circle).

Arguments are compared as commutative expressions, so an argument is used only when it is
linear in the symbols with no stated domain (``t x + (1-t) x^*`` with ``t`` a scalar):
``A x`` against ``x A`` is never identified. Every check is exact (SymPy ``expand``,
``groebner``/``reduced`` over the rationals) and small (:data:`MAX_EQUATIONS`,
:data:`MAX_DEGREE`); anything larger, or not polynomial, proves nothing.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_atoms import Atom

#: Most stated equations used as an ideal.
MAX_EQUATIONS = 6
#: Highest total degree of a polynomial handed to ``groebner``.
MAX_DEGREE = 6
#: Kinds of atoms that are values of one function at their arguments.
FUNCTION_KINDS = frozenset({"func", "norm", "H"})
#: Kinds whose arguments are a set (a joint entropy): compared in any order.
SYMMETRIC_KINDS = frozenset({"H"})
#: Relations a zero difference proves.
CLOSED_RELATIONS = frozenset({"=", "<=", ">="})


def _scalar(s: sp.Symbol, scalars: set[sp.Symbol]) -> bool:
    """A scalar: a variable with a stated domain or in a stated order relation (``scalars``);
    every symbol of the reader is real, so SymPy's assumptions do not tell."""
    return s in scalars


def linear_in_unknowns(expr: sp.Basic, scalars: set[sp.Symbol],
                       atoms: Mapping[sp.Symbol, Atom]) -> bool:
    """Whether each term of ``expr`` (expanded) has at most one factor that is a symbol with
    no stated real domain (a possible vector or matrix), to the first power."""
    try:
        expanded = sp.expand(expr)
    except (TypeError, ValueError, RecursionError):
        return False
    for term in sp.Add.make_args(expanded):
        unknown = 0
        for factor in sp.Mul.make_args(term):
            base, exp = factor.as_base_exp()
            syms = [s for s in base.free_symbols if not _scalar(s, scalars) and s not in atoms]
            if not syms:
                continue
            if not isinstance(base, sp.Symbol) or exp != 1:
                return False
            unknown += 1
        if unknown > 1:
            return False
    return True


class Ideal:
    """The polynomials of the stated equations, with a Groebner basis over the rationals
    (built when first needed; ``None`` when there are none, too many or too large)."""

    def __init__(self, gaps: Iterable[sp.Basic]) -> None:
        self.polys = [p for p in (_numerator(g) for g in gaps) if p is not None and p != 0]
        self._basis: Any = False

    def basis(self, extra: set[sp.Symbol]) -> Any:
        if self._basis is not False:
            return self._basis
        self._basis = None
        if not self.polys or len(self.polys) > MAX_EQUATIONS:
            return None
        gens = sorted(set().union(*(p.free_symbols for p in self.polys)) | extra, key=str)
        try:
            if any(sp.Poly(p, *gens).total_degree() > MAX_DEGREE for p in self.polys):
                return None
            self._basis = (sp.groebner(self.polys, *gens, order="grevlex", domain="QQ"), gens)
        except (sp.PolynomialError, sp.CoercionFailed, TypeError, ValueError,
                NotImplementedError):
            self._basis = None
        return self._basis

    def zero(self, expr: sp.Basic) -> bool:
        """Whether ``expr = N/D`` (``together``) is 0 wherever the equations hold: ``N`` is 0,
        or ``N`` is in the ideal and ``D`` is shown non-zero there (:meth:`nonzero`)."""
        parts = _fraction(expr)
        if parts is None:
            return False
        num, den = parts
        if num == 0:
            return True  # an identity of rational functions
        if not self.polys or not num.free_symbols:
            return False
        return self._member(num) and self.nonzero(den)

    def _member(self, num: sp.Basic) -> bool:
        """Whether the polynomial ``num`` is in the ideal (remainder 0 on its basis)."""
        found = self.basis(set())
        if found is None:
            return False
        basis, gens = found
        if not num.free_symbols <= set(gens):
            # symbols the equations do not mention: the basis stays one of the same ideal
            extra = num.free_symbols - set(gens)
            gens = sorted(set(gens) | extra, key=str)
            try:
                basis = sp.groebner(list(basis.exprs), *gens, order="grevlex", domain="QQ")
            except (sp.PolynomialError, sp.CoercionFailed, TypeError, ValueError):
                return False
        try:
            if sp.Poly(num, *gens).total_degree() > 2 * MAX_DEGREE:
                return False
            _, rem = sp.reduced(num, list(basis.exprs), *gens, order="grevlex", domain="QQ")
        except (sp.PolynomialError, sp.CoercionFailed, TypeError, ValueError,
                NotImplementedError):
            return False
        return sp.expand(rem) == 0

    def nonzero(self, den: sp.Basic) -> bool:
        """Whether the denominator ``den`` is shown non-zero wherever the equations hold: a
        non-zero number, of one strict sign by the symbols' assumptions (the stated
        domains), or a rational polynomial with no common zero with the equations, even a
        complex one (``1`` is in the ideal with ``den`` added). Anything else (a radical
        coefficient, a function, a large degree) is not shown: the numerator's membership
        then proves nothing (``(x^2 - 2)/(x - \\sqrt 2)`` is 0/0 where ``x^2 = 2``)."""
        if den.is_number:
            return den.is_zero is False
        if den.is_positive or den.is_negative:
            return True
        poly = _numerator(den)
        if poly is None or poly != sp.expand(den) or len(self.polys) >= MAX_EQUATIONS:
            return False
        gens = sorted(set().union(poly.free_symbols, *(p.free_symbols for p in self.polys)),
                      key=str)
        try:
            if sp.Poly(poly, *gens).total_degree() > MAX_DEGREE:
                return False
            basis = sp.groebner([*self.polys, poly], *gens, order="grevlex", domain="QQ")
        except (sp.PolynomialError, sp.CoercionFailed, TypeError, ValueError,
                NotImplementedError):
            return False
        return list(basis.exprs) == [1]


def _fraction(expr: sp.Basic) -> tuple[sp.Basic, sp.Basic] | None:
    """``(N, D)`` with ``expr = N/D`` (``together``), ``N`` expanded and a polynomial with
    rational coefficients (or 0), or None when it is not one."""
    try:
        num, den = sp.fraction(sp.together(expr))
        num = sp.expand(num)
    except (TypeError, ValueError, RecursionError, sp.PolynomialError):
        return None
    if num == 0:
        return sp.Integer(0), den
    if num.has(sp.Float) or not num.is_polynomial(*num.free_symbols):
        return None
    return num, den


def _numerator(expr: sp.Basic) -> sp.Basic | None:
    """The expanded numerator of ``expr`` as a polynomial with rational coefficients, or
    None when it is not one (functions, radicals, floats, symbolic powers)."""
    parts = _fraction(expr)
    return None if parts is None else parts[0]


#: Subscripts (spaces, braces, ``\\mathrm``-like wrappers and backslashes removed) of norms
#: that are absolutely homogeneous, besides a number ``p >= 1`` and ``\\ell_p``/``L^p``.
HOMOGENEOUS_SUBSCRIPTS = frozenset({"", "infty", "F", "op", "*", "TV", "HS", "tr", "max",
                                    "2to2"})
_WRAPPER = re.compile(r"\\(?:mathrm|operatorname|text|textrm|rm|mathsf|mathbf)|[\s{}\\]")
_LP = re.compile(r"(?:ell|L)[_^]?(?P<p>[0-9]+(?:\.[0-9]+)?|infty)")


def homogeneous_norm(head: str) -> bool:
    """Whether a norm atom of this ``head`` (``norm``, ``norm_SUB``) is absolutely
    homogeneous: no subscript, a subscript of :data:`HOMOGENEOUS_SUBSCRIPTS`, or a number
    ``p >= 1`` (``_2``, ``_{1.5}``, ``_{\\ell_3}``). ``_0`` (a count), ``_p`` (``p`` may be
    below 1), any other subscript and ``|A x|`` (``bars``: a norm, or a determinant) are
    not."""
    if head == "norm":
        return True
    if not head.startswith("norm_"):
        return False
    sub = _WRAPPER.sub("", head[len("norm_"):])
    if sub in HOMOGENEOUS_SUBSCRIPTS:
        return True
    m = _LP.fullmatch(sub)
    number = m.group("p") if m else sub
    if number == "infty":
        return True
    return re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", number) is not None and float(number) >= 1


def _norm_factors(arg: sp.Basic, scalars: set[sp.Symbol]) -> tuple[sp.Basic, sp.Basic]:
    """``(c, v)`` with ``arg = c * v``, ``c`` the factors that are numbers or scalars."""
    c, v = sp.Integer(1), sp.Integer(1)
    for f in sp.Mul.make_args(sp.factor_terms(arg)):
        if f.is_number or (f.free_symbols and all(_scalar(s, scalars) for s in f.free_symbols)):
            c *= f
        else:
            v *= f
    return c, v


def _homogeneous(expr: sp.Basic, atoms: Mapping[sp.Symbol, Atom],
                 scalars: set[sp.Symbol]) -> tuple[sp.Basic, dict[sp.Symbol, Atom]]:
    r"""``expr`` with each norm atom :math:`\|c\,v\|` (``c`` scalar, not 1) replaced by
    :math:`|c|\,\|v\|`, the atom of ``||v||`` (same subscript) made when the text has none;
    and the atoms, those new ones added."""
    out = dict(atoms)
    by_key = {(a.head, sp.srepr(a.arg)): s for s, a in atoms.items()
              if a.kind == "norm" and a.arg is not None}
    rep: dict[sp.Symbol, sp.Basic] = {}
    for s in expr.free_symbols:
        a = atoms.get(s)
        if a is None or a.kind != "norm" or a.arg is None or not homogeneous_norm(a.head):
            continue
        c, v = _norm_factors(a.arg, scalars)
        if c == 1 or v == 1 or not linear_in_unknowns(v, scalars, atoms):
            continue  # a product of unknowns (matrices?) is keyed by its written order
        key = (a.head, sp.srepr(v))
        sym = by_key.get(key)
        if sym is None:
            sym = sp.Symbol(f"{a.head}[{sp.sstr(v)}]", nonnegative=True)
            by_key[key] = sym
            out[sym] = Atom("norm", a.head, sym.name, sym.name, lo=0.0, arg=v)
        rep[s] = sp.Abs(c) * sym
    return (expr.xreplace(rep) if rep else expr), out


def _same_arguments(kind: str, args: tuple, other: tuple, ideal: Ideal) -> bool:
    """Whether two argument lists are equal where the stated equations hold (for a
    symmetric kind, in some order; at most 4 arguments are permuted)."""
    if kind in SYMMETRIC_KINDS and 1 < len(args) <= 4:
        orders = itertools.permutations(other)
    else:
        orders = iter([other])
    return any(all(ideal.zero(x - y) for x, y in zip(args, o, strict=True)) for o in orders)


def _merge(atoms_used: list[sp.Symbol], atoms: Mapping[sp.Symbol, Atom], ideal: Ideal,
           scalars: set[sp.Symbol]) -> dict[sp.Symbol, sp.Symbol]:
    """Congruence: a map sending each function atom to the first one of the same head whose
    arguments are equal to its own (where the stated equations hold)."""
    rep: dict[sp.Symbol, sp.Symbol] = {}
    seen: list[sp.Symbol] = []
    for s in sorted(atoms_used, key=str):
        a = atoms[s]
        if a.kind not in FUNCTION_KINDS or a.arg is None:
            continue
        args = tuple(a.arg) if isinstance(a.arg, sp.Tuple) else (a.arg,)
        if not all(linear_in_unknowns(x, scalars, atoms) for x in args):
            continue
        for t in seen:
            b = atoms[t]
            other = tuple(b.arg) if isinstance(b.arg, sp.Tuple) else (b.arg,)
            if b.head != a.head or len(other) != len(args):
                continue
            if _same_arguments(a.kind, args, other, ideal):
                rep[s] = t
                break
        else:
            seen.append(s)
    return rep


def prove_for_all_atoms(
    lhs: Any,
    rel: str,
    rhs: Any,
    atoms: Mapping[sp.Symbol, Atom],
    equations: Iterable[tuple[Any, Any]] = (),
    scalars: Iterable[sp.Symbol] = (),
) -> str | None:
    """How ``lhs REL rhs`` holds for every value of its atoms, by the facts of the module doc
    (a method text), or None when it is not shown that way."""
    if rel not in CLOSED_RELATIONS:
        return None
    if not all(isinstance(e, sp.Expr) for e in (lhs, rhs)):
        return None
    sc = set(scalars)
    ideal = Ideal(a - b for a, b in equations)
    diff = lhs - rhs
    how = []
    rep = _merge([s for s in diff.free_symbols if s in atoms], atoms, ideal, sc)
    diff = diff.xreplace(rep)
    scaled, atoms2 = _homogeneous(diff, atoms, sc)
    if scaled != diff:
        how.append("a norm is absolutely homogeneous")
        rep2 = _merge([s for s in scaled.free_symbols if s in atoms2], atoms2, ideal, sc)
        rep.update(rep2)
        diff = scaled.xreplace(rep2)
    if rep:
        how.insert(0, "equal arguments give equal values")
    if ideal.zero(diff):
        if ideal.polys and _numerator(diff) not in (None, 0):
            how.append("the stated equations")
        return "congruence: " + (", ".join(how) or "an identity in the atoms")
    return None


__all__ = ["Ideal", "linear_in_unknowns", "prove_for_all_atoms"]


#: CPU seconds the prover of this module may spend on one step.
CONGRUENCE_CPU_S = 10.0


def scalars_of(table: Any, relations: Iterable[tuple[Any, str, Any]]) -> set[sp.Symbol]:
    """The variables known to be real scalars: those with a stated real (not vector or
    matrix) domain and those in a stated order relation, less every name written in an
    ``assume`` item that was refused (``t \\in \\mathbb{C}``: maybe complex)."""
    from hallbound.proofs_checks.latex.hypotheses import domain_for

    hyp = table.hyp
    out = set()
    for s in table.params:
        dom = domain_for(s.name, hyp.domains)
        if dom is not None and getattr(dom, "kind", "real") == "real":
            out.add(s)
    for a, op, b in relations:
        if op in ("<", "<=", ">", ">="):
            out |= {s for e in (a, b) if isinstance(e, sp.Basic) for s in e.free_symbols}
    refused = _refused_names(hyp)
    return {s for s in out - set(getattr(table, "atoms", {}))
            if s.name.split("_", 1)[0] not in refused}


_NOT_USED = re.compile(r"\(in (?P<item>'.*'|\".*\"): not used\)")


def _refused_names(hyp: Any) -> set[str]:
    """The letters and commands (``t``, ``alpha``) written in the ``assume`` items that an
    error says were not used (``(in 't \\in \\mathbb{C}': not used)``)."""
    from hallbound.proofs_checks.latex.math_tokens import LatexError, tokenize

    out: set[str] = set()
    for _, message in getattr(hyp, "errors", []):
        m = _NOT_USED.search(message)
        if m is None:
            continue
        item = ast.literal_eval(m.group("item"))
        try:
            out |= {t.text for t in tokenize(item) if t.kind in ("letter", "cmd")}
        except LatexError:
            out |= set(re.findall(r"[A-Za-z]+", item)) | set(item)
    return out


def upgrade(check: Any, step: Any, checker: Any) -> None:
    """A step the engine left UNDECIDED or SUPPORTED that :func:`prove_for_all_atoms` shows
    becomes PROVED (method ``congruence: ...``); run in a worker with a CPU limit."""
    from hallbound.proofs_checks.latex.worker import run_with_budget

    table = checker.table
    if check.verdict not in ("UNDECIDED", "SUPPORTED") or table is None or checker.contradictory:
        return
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    equations = [(a, b) for a, b, _ in checker.equations]
    used = {s for e in (lhs, rhs) if isinstance(e, sp.Basic) for s in e.free_symbols}
    if not equations and not any(table.atoms[s].kind in FUNCTION_KINDS
                                 for s in used if s in table.atoms):
        return  # nothing this module knows that the engine did not try
    scalars = scalars_of(table, checker.relations)
    defs = checker.defs
    # the definitions (``% hb: let``, ``x_0 = ...``) hold inside the arguments too
    atoms = {s: a if a.arg is None else replace(a, arg=a.arg.xreplace(defs))
             for s, a in table.atoms.items()}
    status, how, used = run_with_budget(
        lambda: prove_for_all_atoms(lhs, step.rel, rhs, atoms, equations, scalars),
        min(checker.limit, CONGRUENCE_CPU_S),
    )
    checker.charged += used
    if status != "ok" or how is None:
        return
    check.verdict = "PROVED"
    check.method = how
    check.detail = ("holds for every value of the opaque quantities"
                    + (" where the stated equations hold" if "equations" in how else ""))
    check.witness = check.lhs_value = check.rhs_value = None
