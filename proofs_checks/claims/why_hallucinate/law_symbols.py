r"""How the displayed symbols of the finite-instance claims take values on their law cases
(:attr:`~hallbound.proofs_checks.engine.claim.Claim.law_symbols`), from the paper's
definitions (Section 2 and Section 5 of *Why Language Models Hallucinate*):

* :math:`K = \min_c |E_c|`, :math:`k = \max_c |V_c|`, :math:`A = \{\hat p > 1/K\}`,
  :math:`B` its complement;
* :math:`q(S) = \sum_{(c, r) \in S} \mu(c) q(r|c)` for :math:`q \in \{p, \hat p\}`, and
  :math:`D(S) = \sum_S D` with the instance's :math:`D`;
* :math:`\mathrm{err} = \hat p(E)`, :math:`\mathrm{err}_{iiv}` and
  :math:`\delta = |\hat p(A) - p(A)|` as the instance computes them;
* multiple choice: :math:`C = K + 1`, :math:`\mathbb E_t` over :math:`t \sim U[0, 1]`, and
  :math:`\min_t \mathrm{err}_{iiv}(f_t)` (= :math:`\mathrm{opt}(G)` for the threshold
  classifiers :math:`G`);
* at a point ``(instance, prompt index, response index)`` of a pointwise step:
  :math:`\mu = \mu(c)`, :math:`E_c = |E_c|`, :math:`q = \hat p(r|c)`.

These tables are declarations only: ``check`` never reads them. The mutation harness
(:mod:`hallbound.proofs_checks.mutation.declared`) uses one on a step only where it
reproduces the step's own law exactly on every case it tries.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from hallbound.proofs_checks.claims.why_hallucinate.symbols import (
    DAV,
    DBV,
    C,
    Ec,
    K,
    delta,
    err,
    err_iiv,
    k,
    mu,
    pA,
    pAV,
    pB,
    pBV,
    phA,
    phB,
    phBV,
    q,
)
from hallbound.symbolic.why_hallucinate.finite import FiniteInstance


def _in_a(inst: FiniteInstance, c: Any, j: int) -> bool:
    return c.p_hat[j] > inst.threshold()


def _mass(which: str, keep: Callable[[FiniteInstance, Any, int], bool]
          ) -> Callable[[FiniteInstance], Fraction]:
    """:math:`q(S)`: ``which`` in ``p``/``p_hat``, ``S`` the examples where ``keep``."""
    return lambda inst: sum((c.weight * getattr(c, which)[j] for _, j, c in inst.items()
                             if keep(inst, c, j)), Fraction(0))


def _dmass(keep: Callable[[FiniteInstance, Any, int], bool]
           ) -> Callable[[FiniteInstance], Fraction]:
    """:math:`D(S)`."""
    return lambda inst: sum((inst.D(c, j) for _, j, c in inst.items() if keep(inst, c, j)),
                            Fraction(0))


def _mean_t(inst: FiniteInstance, g: Callable[[Fraction], Fraction]) -> Fraction:
    r""":math:`\mathbb E_t g(t)`, :math:`t \sim U[0,1]`, :math:`g` constant between the
    values of :math:`\hat p` (its value at each piece's left end)."""
    b = inst.breakpoints()
    return sum(((hi - lo) * g(lo) for lo, hi in zip(b, b[1:], strict=False)), Fraction(0))


def _valid(inst: FiniteInstance, c: Any, j: int) -> bool:
    return c.is_valid(j)


#: Theorem 1's quantities on a finite instance (Theorem 1, Corollary 1, its consequences,
#: Observation 2).
THEOREM_1: dict[Any, Callable[[Any], Any]] = {
    err: lambda inst: inst.err(),
    err_iiv: lambda inst: inst.err_iiv(),
    delta: lambda inst: inst.delta(),
    K: lambda inst: inst.K,
    k: lambda inst: inst.k,
    pAV: _mass("p_hat", lambda i, c, j: _in_a(i, c, j) and not _valid(i, c, j)),
    pBV: _mass("p_hat", lambda i, c, j: not _in_a(i, c, j) and not _valid(i, c, j)),
    phBV: _mass("p_hat", lambda i, c, j: not _in_a(i, c, j) and _valid(i, c, j)),
    pB: _mass("p", lambda i, c, j: not _in_a(i, c, j)),
    phB: _mass("p_hat", lambda i, c, j: not _in_a(i, c, j)),
    pA: _mass("p", _in_a),
    phA: _mass("p_hat", _in_a),
    DAV: _dmass(lambda i, c, j: _in_a(i, c, j) and not _valid(i, c, j)),
    DBV: _dmass(lambda i, c, j: not _in_a(i, c, j) and _valid(i, c, j)),
    "sum mu|V|": lambda inst: sum((c.weight * len(c.valid) for c in inst.prompts), Fraction(0)),
    "sum mu": lambda inst: sum((c.weight for c in inst.prompts), Fraction(0)),
    "opt(G)": lambda inst: inst.best_threshold()[1],
}

#: A point ``(instance, prompt index, response index)`` of a pointwise step (steps 4, 5).
POINT: dict[Any, Callable[[Any], Any]] = {
    mu: lambda pt: pt[0].prompts[pt[1]].weight,
    Ec: lambda pt: len(pt[0].prompts[pt[1]].errors),
    K: lambda pt: pt[0].K,
    q: lambda pt: pt[0].prompts[pt[1]].p_hat[pt[2]],
}

#: One prompt (Corollary 1's step 11): :math:`|V|`, :math:`|E|` of that prompt.
ONE_PROMPT: dict[Any, Callable[[Any], Any]] = {
    **THEOREM_1,
    "|V|": lambda inst: len(inst.prompts[0].valid),
    "|E|": lambda inst: len(inst.prompts[0].errors),
}

#: Theorem 4 and Theorem 3 (multiple choice, C = K + 1).
MULTIPLE_CHOICE: dict[Any, Callable[[Any], Any]] = {
    err: lambda inst: inst.err(),
    C: lambda inst: inst.K + 1,
    "E_t FP": lambda inst: _mean_t(inst, inst.false_positive),
    "E_t FN": lambda inst: _mean_t(inst, inst.false_negative),
    "E_t err_iiv": lambda inst: inst.expected_err_iiv(),
    "min_t err_iiv(f_t)": lambda inst: inst.best_threshold()[1],
    "opt(G)": lambda inst: inst.best_threshold()[1],
}
