r"""Counterexamples on point-mass laws, for a step the search cannot evaluate because its sides
hold means or probabilities of random variables.

Under the law where every random variable is a constant, :math:`X \equiv x`,

.. math::

    \mathbb E[f(X)] = f(x), \qquad \Pr[A] = \mathbf 1[A(x)], \qquad
    \operatorname{Var} X = \operatorname{Cov}(X, Y) = 0,

so the step becomes a relation between numbers, and the constants :math:`x` are searched like
parameters. A point-mass law is a law: a point where the relation fails, and where every
stated relation of the claim on those variables holds, is a counterexample. It is used only
to REFUTE, never to prove (a relation true on constants may fail on other laws).

The form is refused (the step stays undecided) unless the search can honour everything the
claim states about the variables:

* every stated relation and every premise of the step that shares a variable with the step
  (a random variable or a parameter, directly or through one another) is read through the
  step's substitution (definitions, ``given``, eliminated premises) and must be a relation
  the search evaluates on point-mass laws (pointwise, or through :math:`\Pr`,
  :math:`\mathbb E`, Var, Cov; no opaque function, conditional expectation or sum); the
  search keeps to them. A premise the substitution eliminates is met by construction;
* a stated relation that no point mass meets (:math:`\operatorname{Var} X = 1`) refuses the
  form: a witness could not meet it;
* a claim that states something in words, a step with a premise in words or a citation of
  another step: refused (what they say is not a relation the search can keep to);
* none of the random variables occurs in a quantity a premise of the step eliminates (its
  value was then fixed through another variable, and need not be the constant's);
* a random variable declared anything beyond real (positive, nonzero, integer, ...) is not
  drawn: the form is refused;
* the sides hold nothing else the search cannot evaluate (conditional expectations, opaque
  functions, nested operators, undeclared symbols).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param, Step, structured, texts
from hallbound.proofs_checks.engine.premises import Backing, shared_step_params
from hallbound.proofs_checks.engine.prover import substitute
from hallbound.proofs_checks.library.randomness import (
    Cov,
    E,
    Pr,
    RandomSymbol,
    Var,
    random_symbol,
    random_symbols,
)

#: The search range of a constant random variable without a sign.
SEARCH = (-4.0, 4.0)

METHOD = ("falsification search on point-mass laws (each random variable constant: "
          "E[f(X)] = f(x), Pr[A] = 1 or 0, Var = Cov = 0), re-verified at 50 digits")


@dataclass(frozen=True)
class PointMassForm:
    """The step's sides on point-mass laws, each random variable's constant a plain real
    symbol named after it; the parameters to search; the eliminated parameters with their
    values in the same form (each must stay in its domain); and the claim's stated relations
    with the relations on the random variables in that form (the search keeps to them)."""

    params: list[Param]
    lhs: sp.Basic
    rhs: sp.Basic
    derived: list[tuple[Param, sp.Basic]]
    assumptions: list[Any]


def _foreign(expr: sp.Basic) -> bool:
    """``expr`` holds something the point-mass form cannot evaluate."""
    if expr.has(sp.Sum, sp.Integral, sp.Derivative, sp.Subs):
        return True
    for f in expr.atoms(sp.Function):
        if isinstance(f, E | Pr | Var | Cov):
            if any(isinstance(g, E | Pr | Var | Cov) for g in f.args[0].atoms(sp.Function)):
                return True  # nested operators
            continue
        if isinstance(f, sp.core.function.AppliedUndef) or (
                (type(f).__module__ or "").startswith("hallbound")):
            return True
    return False


def _constant(expr: sp.Basic) -> sp.Basic:
    """``expr`` on the point-mass law of its random variables (see the module doc)."""
    def one(f: sp.Basic) -> sp.Basic:
        if isinstance(f, E):
            return f.args[0]
        if isinstance(f, Pr):
            return sp.Piecewise((sp.S.One, f.args[0]), (sp.S.Zero, True))
        return sp.S.Zero  # Var, Cov

    return expr.replace(lambda n: isinstance(n, E | Pr | Var | Cov), one)


_OPS = {"<=", "<", ">=", ">", "=", "!="}


def _as_relation(a: Any) -> sp.Basic | None:
    """A stated relation as a SymPy relational (``(X, ">=", 0)`` too); None for text or
    any other statement."""
    if isinstance(a, tuple) and len(a) == 3 and a[1] in _OPS:
        lhs, op, rhs = sp.sympify(a[0]), a[1], sp.sympify(a[2])
        return sp.Eq(lhs, rhs) if op == "=" else sp.Rel(lhs, rhs, op)
    if isinstance(a, sp.core.relational.Relational):
        return a
    return None


def _statements(claim: Claim, step: Step, backing: Backing) -> list[Any] | None:
    """The claim's stated relations and the step's premises that its substitution does not
    eliminate, each through that substitution (definitions, ``given``, eliminated
    premises); None when one of them is not a relation (text, or a structure of its own),
    or when the step cites another step or has a premise in words."""
    if step.cites or texts(step) or any(isinstance(a, str) for a in claim.assumptions):
        return None  # what a citation or a text says is not a relation the search can keep
    premises = structured(step)
    met = {p.relation for p in premises
           if p.solve_for is not None and p.solve_for in backing.subs}
    out = []
    for a in (*claim.assumptions, *(p.relation for p in premises)):
        if isinstance(a, sp.Basic) and a in met:
            continue
        rel = _as_relation(a)
        if rel is None:
            if isinstance(a, tuple) and not set().union(
                    *(x.free_symbols for x in a if isinstance(x, sp.Basic))):
                continue  # a statement about no variable at all
            return None
        out.append(sp.sympify(substitute(rel, backing.subs)))
    return out


def _linked(statements: list[Any], symbols: set[sp.Basic]) -> tuple[set, list] | None:
    """The statements that share a variable with ``symbols``, directly or through one
    another (random variables and parameters alike), and all their variables; None when
    one of them cannot be evaluated on point-mass laws."""
    closure, used = set(symbols), []
    pending = [a for a in statements if a is not sp.true]
    changed = True
    while changed:
        changed = False
        for a in list(pending):
            if not (a.free_symbols & closure):
                continue
            if not isinstance(a, sp.core.relational.Relational) or _foreign(a):
                return None
            closure |= a.free_symbols
            used.append(a)
            pending.remove(a)
            changed = True
    return closure, used


def _param(rv: RandomSymbol) -> Param | None:
    """The constant of ``rv`` as a parameter (a plain real symbol of the same name); None
    when ``rv`` is declared anything beyond real (positive, nonzero, integer, ...): the
    search would not keep to it."""
    if rv.assumptions0 != random_symbol(rv.name).assumptions0:
        return None
    return Param(rv.name, sp.Dummy(rv.name, real=True), search=SEARCH)


def point_mass_form(claim: Claim, step: Step, backing: Backing, lhs: Any, rhs: Any,
                    known: Mapping[sp.Basic, Param],
                    derived: list[tuple[Param, sp.Basic]]) -> PointMassForm | None:
    """The step on point-mass laws (see the module doc), or None where that form would not
    honour what the claim states. ``known``: the step's parameters by symbol (a symbol
    the step does not declare, linked to the constants by a stated relation, takes the
    domain every step of the claim that declares it gives it); ``derived``: the parameters
    its premises eliminate, with their values."""
    if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)):
        return None
    if not (random_symbols(lhs) | random_symbols(rhs)) or _foreign(lhs) or _foreign(rhs):
        return None
    statements = _statements(claim, step, backing)
    linked = None if statements is None else _linked(
        statements, lhs.free_symbols | rhs.free_symbols)
    if linked is None:
        return None
    closure, used = linked
    rvs = {s for s in closure if isinstance(s, RandomSymbol)}
    if any(random_symbols(k) & rvs for k in backing.subs if isinstance(k, sp.Basic)):
        return None
    new = {rv: _param(rv) for rv in rvs}
    if any(p is None for p in new.values()):
        return None
    table = {rv: p.symbol for rv, p in new.items()}

    def form(e: sp.Basic) -> sp.Basic | None:
        if _foreign(e):
            return None
        out = _constant(e).xreplace(table)
        return None if random_symbols(out) else out

    sides = [form(lhs), form(rhs)]
    kept = [form(a) for a in used]
    values = [(p, form(sp.sympify(substitute(v, backing.subs)))) for p, v in derived]
    if any(x is None for x in (*sides, *kept)) or any(v is None for _, v in values):
        return None
    kept = [a for a in kept if a is not sp.true]
    if not all(isinstance(a, sp.core.relational.Relational) for a in kept):
        return None  # a statement no point mass meets (Var X = 1), or not a relation
    free = set().union(*(x.free_symbols for x in (*sides, *kept)))
    known = {**shared_step_params(claim), **known}  # a domain every step gives it
    if not free <= set(known) | set(table.values()):
        return None  # an undeclared symbol
    others = sorted((known[s] for s in free if s in known), key=lambda p: p.name)
    return PointMassForm([*others, *sorted(new.values(), key=lambda p: p.name)],
                         sides[0], sides[1], values, [*claim.assumptions, *kept])
