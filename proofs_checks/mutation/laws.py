r"""Law cases as values of a step's symbols, for the mutation harness
(:mod:`hallbound.proofs_checks.mutation`): a step checked on exact finite instances of *Why
Language Models Hallucinate*
(:class:`hallbound.symbolic.why_hallucinate.finite.FiniteInstance`) states
a relation between named quantities (:math:`\hat p(A \setminus V)`, :math:`D(B \cap V)`,
:math:`\mathbb E_t \mathrm{FP}`, ...); :func:`instance_values` computes each of them on an
instance, from the paper's definitions, written here independently of the claims:

* :math:`K = \min_c |E_c|`, :math:`k = \max_c |V_c|`, the threshold :math:`1/K`,
  :math:`A = \{(c, r): \hat p(r|c) > 1/K\}`, :math:`B` its complement, :math:`V` the valid
  and :math:`E` the erroneous responses;
* :math:`q(S) = \sum_{(c,r) \in S} \mu(c)\,q(r|c)` for :math:`q \in \{p, \hat p\}`;
* :math:`D(c, r) = \mu(c) p(r|c)/2 + [r \in E_c]\,\mu(c)/(2|E_c|)` and
  :math:`D(S) = \sum_S D`;
* :math:`\mathrm{err} = \hat p(E)`, :math:`\mathrm{err}_{iiv} = D(A \cap E) + D(B \cap V)`,
  :math:`\delta = |\hat p(A) - p(A)|`;
* :math:`\mathbb E_t g(t)` for :math:`t \sim U[0, 1]` and :math:`g` constant between the
  values of :math:`\hat p` (:math:`\mathrm{FP}(t) = D(\{\hat p > t\} \cap E)`,
  :math:`\mathrm{FN}(t) = D(\{\hat p \le t\} \cap V)`);
* at a point :math:`(c, r)` of a pointwise step: :math:`\mu = \mu(c)`,
  :math:`E_c = |E_c|`, :math:`q = \hat p(r|c)`.

A case that is not an instance (or an ``(instance, prompt index, response index)`` point)
gives None: the harness then has no mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any


def _is_instance(x: Any) -> bool:
    return hasattr(x, "prompts") and hasattr(x, "items") and hasattr(x, "breakpoints")


def _mass(inst: Any, which: str, keep: Callable[[Any, int], bool]) -> Fraction:
    """:math:`q(S)` for ``which`` in ``p``/``p_hat`` over the examples where ``keep``."""
    return sum((c.weight * getattr(c, which)[j] for _, j, c in inst.items() if keep(c, j)),
               Fraction(0))


def _d(c: Any, j: int) -> Fraction:
    """:math:`D(c, r)` (see the module doc)."""
    out = c.weight * c.p[j] / 2
    if not c.is_valid(j):
        out += c.weight / (2 * len(c.errors))
    return out


def _dmass(inst: Any, keep: Callable[[Any, int], bool]) -> Fraction:
    return sum((_d(c, j) for _, j, c in inst.items() if keep(c, j)), Fraction(0))


def _mean_over_t(inst: Any, g: Callable[[Fraction], Fraction]) -> Fraction:
    r""":math:`\int_0^1 g(t)\,dt` for :math:`g` constant on the pieces between the values of
    :math:`\hat p` in :math:`(0, 1)` (its value at each piece's left end)."""
    cuts = sorted({c.p_hat[j] for _, j, c in inst.items() if 0 < c.p_hat[j] < 1}
                  | {Fraction(0), Fraction(1)})
    return sum(((hi - lo) * g(lo) for lo, hi in zip(cuts, cuts[1:], strict=False)), Fraction(0))


def _values(inst: Any) -> dict[str, Fraction]:
    big_k = min(len(c.errors) for c in inst.prompts)
    small_k = max(len(c.valid) for c in inst.prompts)
    t = Fraction(1, big_k)

    def in_a(c: Any, j: int) -> bool:
        return c.p_hat[j] > t

    def fp(s: Fraction) -> Fraction:
        return _dmass(inst, lambda c, j: c.p_hat[j] > s and not c.is_valid(j))

    def fn(s: Fraction) -> Fraction:
        return _dmass(inst, lambda c, j: c.p_hat[j] <= s and c.is_valid(j))

    out = {
        "K": Fraction(big_k),
        "k": Fraction(small_k),
        "C": Fraction(big_k + 1),
        "err": _mass(inst, "p_hat", lambda c, j: not c.is_valid(j)),
        "err_iiv": fp(t) + fn(t),
        "delta": abs(_mass(inst, "p_hat", in_a) - _mass(inst, "p", in_a)),
        "phat(A-V)": _mass(inst, "p_hat", lambda c, j: in_a(c, j) and not c.is_valid(j)),
        "phat(B-V)": _mass(inst, "p_hat", lambda c, j: not in_a(c, j) and not c.is_valid(j)),
        "phat(B&V)": _mass(inst, "p_hat", lambda c, j: not in_a(c, j) and c.is_valid(j)),
        "D(A-V)": _dmass(inst, lambda c, j: in_a(c, j) and not c.is_valid(j)),
        "D(B&V)": _dmass(inst, lambda c, j: not in_a(c, j) and c.is_valid(j)),
        "p(A)": _mass(inst, "p", in_a),
        "p(B)": _mass(inst, "p", lambda c, j: not in_a(c, j)),
        "phat(A)": _mass(inst, "p_hat", in_a),
        "phat(B)": _mass(inst, "p_hat", lambda c, j: not in_a(c, j)),
        "E_t FP": _mean_over_t(inst, fp),
        "E_t FN": _mean_over_t(inst, fn),
    }
    out["E_t err_iiv"] = out["E_t FP"] + out["E_t FN"]
    return out


def instance_values(case: Any) -> dict[str, Fraction] | None:
    """The named quantities of a finite instance, or of a point ``(instance, i, j)`` (then
    also ``mu``, ``E_c`` and ``q`` at that point); None for any other case."""
    if _is_instance(case):
        return _values(case)
    if isinstance(case, tuple) and len(case) == 3 and _is_instance(case[0]):
        inst, i, j = case
        c = inst.prompts[i]
        return {**_values(inst), "mu": c.weight, "E_c": Fraction(len(c.errors)),
                "q": c.p_hat[j]}
    return None


def names(cases: Iterable[Any]) -> set[str]:
    """The names :func:`instance_values` gives on every one of ``cases``."""
    out: set[str] | None = None
    for case in cases:
        vals = instance_values(case)
        keys = set(vals) if vals is not None else set()
        out = keys if out is None else out & keys
    return out or set()
