r"""Implication between events, decided by z3 at every outcome.

An event is a SymPy Boolean (``And``, ``Or``, ``Not``, relations) over random quantities and
parameters. ``A`` implies ``B`` (:math:`A \subseteq B`) when, at every outcome, ``A`` and the
pointwise facts (the claim's stated relations, its parameters' domains, the relations of the
steps it cites) force ``B``. :func:`event_implies` shows it for ALL real values of the random
quantities, which is stronger than at every outcome and therefore sound: the facts and
``A`` and ``not B`` are handed to z3 and must be unsatisfiable.

Terms outside rational arithmetic are abstracted, soundly:

* a union :class:`~hallbound.proofs_checks.library.lemma_notation.AnyOf` with integer
  limits is written out (``Or`` of its terms); with other limits it is not taken;
* ``|x|`` becomes ``If(x >= 0, x, -x)``;
* ``u**(1/2)`` and ``u**(-1/2)`` become a fresh :math:`w \ge 0` with :math:`w^2 = u` (and
  :math:`1/w`);
* any other term (``log``, ``exp``, ``MissingMass(N)``, ``Pr[...]``) becomes a fresh real
  variable, the same one wherever the term occurs. A claim about all values of the variable
  holds in particular at the term's value; what is known of the term must come from the
  facts (e.g. ``log(5/gamma) >= 1`` from a cited step).

z3 runs under a deterministic resource budget; "unknown" or a model is no proof (None).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sympy as sp
import z3

from hallbound.proofs_checks.engine.z3_prover import RLIMIT_PER_SECOND
from hallbound.proofs_checks.library.lemma_notation import AnyOf

#: The default budget: z3 resource units (deterministic, the same on any load).
RLIMIT = 40 * RLIMIT_PER_SECOND


class _Abstraction:
    """SymPy terms to z3 terms, with the side conditions the abstraction adds."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.vars: dict[sp.Basic, Any] = {}
        self.side: list[Any] = []

    def var(self, term: sp.Basic) -> Any:
        if term not in self.vars:
            name = f"v{len(self.vars)}_{sp.sstr(term)[:20]}"
            v = z3.Real(name, self.ctx)
            self.vars[term] = v
            if getattr(term, "is_nonnegative", None):
                self.side.append(v >= 0)
            if getattr(term, "is_positive", None):
                self.side.append(v > 0)
        return self.vars[term]

    def root(self, base: sp.Basic) -> Any:
        key = sp.sqrt(base, evaluate=False)
        fresh = key not in self.vars
        w = self.var(key)
        if fresh:
            self.side.extend([w >= 0, w * w == self.term(base)])
        return w

    def term(self, e: sp.Basic) -> Any:
        e = sp.sympify(e)
        if isinstance(e, sp.Rational):
            return z3.RealVal(f"{e.p}/{e.q}", self.ctx)
        if isinstance(e, sp.Add):
            return z3.Sum([self.term(a) for a in e.args])
        if isinstance(e, sp.Mul):
            return z3.Product([self.term(a) for a in e.args])
        if isinstance(e, sp.Abs):
            x = self.term(e.args[0])
            return z3.If(x >= 0, x, -x)
        if isinstance(e, sp.Pow):
            return self._power(e)
        if isinstance(e, sp.Symbol) and not e.free_symbols - {e}:
            return self.var(e)
        return self.var(e)

    def _power(self, e: sp.Pow) -> Any:
        base, exp = e.args
        if exp.is_Integer:
            b = self.term(base)
            k = int(exp)
            if k == 0:
                return z3.RealVal(1, self.ctx)
            prod = b if abs(k) == 1 else z3.Product([b] * abs(k))
            return prod if k > 0 else 1 / prod
        if exp == sp.Rational(1, 2):
            return self.root(base)
        if exp == sp.Rational(-1, 2):
            return 1 / self.root(base)
        return self.var(e)

    def event(self, b: Any) -> Any:
        """A SymPy Boolean as a z3 Boolean (relations through :meth:`term`)."""
        if b is sp.true or b is True:
            return z3.BoolVal(True, self.ctx)
        if b is sp.false or b is False:
            return z3.BoolVal(False, self.ctx)
        if isinstance(b, sp.And):
            return z3.And([self.event(a) for a in b.args])
        if isinstance(b, sp.Or):
            return z3.Or([self.event(a) for a in b.args])
        if isinstance(b, sp.Not):
            return z3.Not(self.event(b.args[0]))
        if isinstance(b, sp.Implies):
            return z3.Implies(self.event(b.args[0]), self.event(b.args[1]))
        if isinstance(b, AnyOf):  # a finite union (integer limits) written out
            return self._union(b)
        if isinstance(b, sp.core.relational.Relational):
            return self.relation((b.lhs, b.rel_op, b.rhs))
        raise TypeError(f"not an event: {b!r}")

    def _union(self, b: AnyOf) -> Any:
        (v, lo, hi), *rest = b.limits
        if rest or not (lo.is_Integer and hi.is_Integer):
            raise TypeError(f"not a finite union: {b!r}")
        terms = [self.event(b.function.xreplace({v: sp.Integer(j)}))
                 for j in range(int(lo), int(hi) + 1)]
        return z3.Or(terms) if terms else z3.BoolVal(False, self.ctx)

    def relation(self, rel: tuple[Any, str, Any]) -> Any:
        lhs, op, rhs = rel
        a, c = self.term(sp.sympify(lhs)), self.term(sp.sympify(rhs))
        return {"<": a < c, "<=": a <= c, ">": a > c, ">=": a >= c, "=": a == c,
                "==": a == c, "!=": a != c}[op]


def event_implies(
    a: Any,
    b: Any,
    facts: Iterable[tuple[Any, str, Any]] = (),
    domains: Mapping[sp.Symbol, sp.Interval] | None = None,
    rlimit: int = RLIMIT,
) -> str | None:
    """A description of the z3 proof that event ``a`` implies event ``b`` under ``facts``
    (relations ``(lhs, op, rhs)`` that hold at every outcome) and the parameters'
    ``domains``, or None (not shown: an unknown, a model, or a term z3 cannot take)."""
    ctx = z3.Context()
    ab = _Abstraction(ctx)
    try:
        goal = z3.And(ab.event(sp.sympify(a)), z3.Not(ab.event(sp.sympify(b))))
        hyps = [ab.relation(f) for f in facts if f[1] in ("<", "<=", ">", ">=", "=", "==")]
        for s, dom in (domains or {}).items():
            v = ab.term(s)
            if isinstance(dom, sp.FiniteSet):  # a parameter fixed to its values
                hyps.append(z3.Or([v == ab.term(x) for x in dom.args]))
                continue
            if dom.start.is_finite:
                lo = ab.term(dom.start)
                hyps.append(v > lo if dom.left_open else v >= lo)
            if dom.end.is_finite:
                hi = ab.term(dom.end)
                hyps.append(v < hi if dom.right_open else v <= hi)
    except (TypeError, ValueError, z3.Z3Exception):
        return None
    solver = z3.Solver(ctx=ctx)
    solver.set("rlimit", int(rlimit))
    solver.add(*ab.side, *hyps, goal)
    if solver.check() == z3.unsat:
        return f"z3: the event implies the other at every outcome ({len(hyps)} facts)"
    return None
