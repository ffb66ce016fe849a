r"""Law checks written from the displayed relation itself.

:func:`law_check` builds a :class:`~hallbound.proofs_checks.engine.probability.LawCheck` from the
two SymPy sides of a step (expressions in ``Pr``/``E``/``Var`` of random symbols, see
:mod:`hallbound.proofs_checks.library.randomness`): each case is a random exact
:class:`~hallbound.proofs_checks.library.randomness.JointLaw` with values for the other symbols,
and both sides are computed by :func:`~hallbound.proofs_checks.library.randomness.evaluate` on it,
so the relation searched is exactly the one displayed (no second, hand-typed formula).

Sequences over a symbolic length (:math:`\sum_{i=1}^N p_i \mu_i`) are written out on each case
(:func:`write_out`): the length takes a value, the sums are expanded and each indexed element
:math:`x_j` is replaced by the case's value (a random symbol or a number).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.proofs_checks.library.randomness import (
    JointLaw,
    RandomSymbol,
    evaluate,
    holds,
    random_law,
)


@dataclass(frozen=True)
class LawCase:
    r"""One case: a joint law, values of the plain symbols (``env``), and written-out
    sequences (``seqs``: ``IndexedBase -> values``, with ``length`` its symbol's value)."""

    law: JointLaw
    env: Mapping[sp.Basic, Any] = field(default_factory=dict)
    seqs: Mapping[sp.IndexedBase, tuple[Any, ...]] = field(default_factory=dict)
    length: tuple[sp.Basic, int] | None = None

    def instantiate(self, expr: Any) -> sp.Basic:
        """``expr`` with the sequences written out (see :func:`write_out`)."""
        return write_out(sp.sympify(expr), self.seqs, self.length)

    def value(self, expr: Any) -> Any:
        """The exact value of ``expr`` on this case."""
        return evaluate(self.instantiate(expr), self.law, self.env)

    def describe(self) -> dict[str, Any]:
        """The case in the paper's symbols: each random variable's marginal law (atoms,
        probabilities), the joint law when there are several, and the plain values."""
        out: dict[str, Any] = {}
        for s in self.law.symbols:
            m = self.law.marginal([s])
            out[s.name] = {
                "atoms": [float(a[s]) for a in m.atoms],
                "probs": [str(q) for q in m.probs],
            }
        for k, v in self.env.items():
            out[str(k)] = _plain(v)
        for base, values in self.seqs.items():
            if not any(isinstance(v, RandomSymbol) for v in values):
                out[str(base)] = [_plain(v) for v in values]
        if self.length is not None:
            out[str(self.length[0])] = self.length[1]
        return out


def _plain(v: Any) -> Any:
    if isinstance(v, Fraction):
        return float(v)
    if isinstance(v, sp.Basic) and v.is_number:
        return float(v)
    return str(v)


def write_out(
    expr: sp.Basic,
    seqs: Mapping[sp.IndexedBase, Sequence[Any]],
    length: tuple[sp.Basic, int] | None = None,
) -> sp.Basic:
    r"""Give the length symbol its value, expand every sum with integer limits and replace
    each :math:`x_j` (``IndexedBase`` in ``seqs``) by ``seqs[x][j-1]``."""
    if length is not None:
        expr = expr.xreplace({length[0]: sp.Integer(length[1])})
    table = {base: tuple(_sym(v) for v in values) for base, values in seqs.items()}

    def rewrite(e: sp.Basic) -> sp.Basic:
        if isinstance(e, sp.Indexed) and e.base in table and len(e.indices) == 1:
            j = e.indices[0]
            if j.is_Integer:
                values = table[e.base]
                if not 1 <= int(j) <= len(values):
                    raise InputError(str(e.base), f"index {j} outside 1..{len(values)}")
                return values[int(j) - 1]
            return e
        if isinstance(e, sp.Sum):
            limits = [tuple(lim) for lim in e.limits]
            if all(lo.is_Integer and hi.is_Integer for _, lo, hi in limits):
                (v, lo, hi), rest = limits[0], limits[1:]
                terms = []
                for j in range(int(lo), int(hi) + 1):
                    body = e.function.xreplace({v: sp.Integer(j)})
                    terms.append(rewrite(sp.Sum(body, *rest) if rest else body))
                return sp.Add(*terms)
        if not e.args or isinstance(e, sp.IndexedBase):
            return e
        args = [rewrite(a) for a in e.args]
        if all(a is b for a, b in zip(args, e.args, strict=True)):
            return e
        return e.func(*args)

    return rewrite(expr)


def _sym(v: Any) -> sp.Basic:
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    return sp.sympify(v)


@dataclass
class ExprLawCheck(LawCheck):
    r"""A :class:`LawCheck` that keeps the expressions it checks (after the claim's
    definitions), so that other sides can be computed on the same cases: :meth:`sides` gives
    the exact values of any ``lhs``, ``rhs`` (e.g. a mutant's) on a case."""

    lhs: Any = None
    rhs: Any = None
    definitions: Mapping[sp.Basic, sp.Basic] = field(default_factory=dict)

    def expand(self, expr: Any) -> sp.Basic:
        """``expr`` with the claim's definitions substituted (repeatedly: they may nest)."""
        e = sp.sympify(expr)
        for _ in range(4):
            e2 = e.xreplace(dict(self.definitions))
            if e2 == e:
                break
            e = e2
        return e

    def sides(self, case: LawCase, lhs: Any, rhs: Any) -> tuple[Any, Any]:
        """Exact values of ``lhs`` and ``rhs`` on ``case``."""
        return case.value(self.expand(lhs)), case.value(self.expand(rhs))


def law_check(
    lhs: Any,
    rhs: Any,
    sample: Callable[[np.random.Generator], LawCase],
    *,
    where: Sequence[Any] = (),
    definitions: Mapping[sp.Basic, sp.Basic] | None = None,
    trials: int = 100,
    label: str = "exact discrete laws",
    tries: int = 50,
) -> ExprLawCheck:
    r"""A LawCheck of ``lhs REL rhs`` (the relation is the step's) on cases from ``sample``.

    ``definitions`` (name := expression, the claim's) are substituted first; ``where`` lists
    relations (e.g. :math:`\mathbb E[T^2] > 0`) a case must satisfy: a case failing one is
    drawn again (at most ``tries`` times, then an error: the sampler does not fit)."""
    spec = ExprLawCheck(lambda rng: None, lambda case: (None, None), lambda c: {},
                        definitions=dict(definitions or {}))
    left, right = spec.expand(lhs), spec.expand(rhs)
    conds = [(spec.expand(c.lhs), c.rel_op, spec.expand(c.rhs)) for c in where]

    def ok(case: LawCase) -> bool:
        return all(
            holds(case.value(a), "=" if op == "==" else op, case.value(b)) for a, op, b in conds
        )

    def draw(rng: np.random.Generator) -> LawCase:
        for _ in range(tries):
            case = sample(rng)
            if ok(case):
                return case
        raise InputError("sample", f"no case satisfying {list(where)} in {tries} draws")

    def values(case: LawCase) -> tuple[Any, Any]:
        return case.value(left), case.value(right)

    return ExprLawCheck(
        draw, values, lambda c: c.describe(), trials=trials, label=label,
        lhs=left, rhs=right, definitions=spec.definitions,
    )


def single_law(
    X: RandomSymbol,
    *,
    lo: int = -4,
    hi: int = 4,
    denom: int = 2,
    size: tuple[int, int] = (2, 4),
    env: Callable[[np.random.Generator, JointLaw], Mapping[sp.Basic, Any]] | None = None,
) -> Callable[[np.random.Generator], LawCase]:
    """A sampler: one random variable on a random exact law (``size`` atoms, drawn in the
    half-open range), with plain symbols from ``env(rng, law)``."""

    def sample(rng: np.random.Generator) -> LawCase:
        k = int(rng.integers(size[0], size[1]))
        law = random_law(rng, [X], size=k, lo=lo, hi=hi, denom=denom)
        return LawCase(law, dict(env(rng, law)) if env else {})

    return sample
