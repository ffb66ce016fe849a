r"""Shared pieces of the claims of Kalai et al. (2025) (``paper="why-hallucinate"``).

Finite-distribution steps carry a :class:`~hallbound.proofs_checks.engine.probability.LawCheck`
that evaluates both sides **exactly** (``Fraction``) on random finite instances
(:mod:`hallbound.symbolic.why_hallucinate.instances`) and first on the edge cases: ties at the
threshold :math:`1/K`, point masses, uniform :math:`\hat p`, :math:`\hat p = p`, the
equality case and the no-prompt case. Symbols are named as in the note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.symbolic.why_hallucinate.facts import Facts, random_facts
from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, make
from hallbound.symbolic.why_hallucinate.instances import MODES, equality_case, random_instance

PAPER = "why-hallucinate"
F = Fraction


def sym(name: str, **kw: Any) -> sp.Symbol:
    return sp.Symbol(name, **kw)


def param(s: sp.Symbol, lo: float | None = None, hi: float | None = None, **kw: Any) -> Param:
    kind = "integer" if s.is_integer else "real"
    return Param(s.name, s, kind=kind, lo=lo, hi=hi, **kw)


def edge_instances(multiple_choice: bool = False) -> list[FiniteInstance]:
    """Ties at 1/K, point masses, uniform and memorizing p-hat, the equality case."""
    o, h = F(1), F(1, 2)
    out = [
        make([o], [1], [2], [[o, 0, 0]], [[0, h, h]]),  # tie at 1/K = 1/2: ties go to B
        make([o], [1], [2], [[o, 0, 0]], [[h, h, 0]]),  # tie on a valid and an error
        make([o], [1], [1], [[o, 0]], [[0, o]]),  # point mass on the error, K = 1
        make([o], [1], [3], [[o, 0, 0, 0]], [[o, 0, 0, 0]]),  # point mass on the answer
        make([h, h], [1, 1], [1, 1], [[o, 0], [o, 0]], [[h, h], [h, h]]),  # uniform
        make(
            [F(1, 3), F(2, 3)],
            [1, 1],
            [2, 4],
            [[o, 0, 0], [o] + [0] * 4],
            [[F(1, 3)] * 3, [F(1, 5)] * 5],
        ),  # uniform, unequal |E_c|
    ]
    if not multiple_choice:
        out += [
            equality_case(1),
            equality_case(3),
            make([o], [2], [2], [[h, h, 0, 0]], [[h, h, 0, 0]]),  # memorize
            make(
                [h, h],
                [3, 1],
                [2, 5],
                [[F(1, 3)] * 3 + [0, 0], [o] + [0] * 5],
                [[F(1, 2), 0, 0, F(1, 2), 0], [F(1, 5), 0, F(1, 5), F(1, 5), F(1, 5), F(1, 5)]],
            ),
        ]
    return out


def instance_view(inst: FiniteInstance) -> dict[str, Any]:
    """A witness: each prompt's weight, V, E, p and p-hat (exact, as strings)."""
    return {
        "prompts": [
            {
                "mu": str(c.weight),
                "V": list(c.valid),
                "E": list(c.errors),
                "p": [str(q) for q in c.p],
                "p_hat": [str(q) for q in c.p_hat],
            }
            for c in inst.prompts
        ],
        "K": inst.K,
        "k": inst.k,
    }


def finite_law(
    fn: Callable[[FiniteInstance], tuple[Any, Any]],
    modes: Sequence[str] = MODES,
    multiple_choice: bool = False,
    trials: int = 100,
    extra_cases: Sequence[FiniteInstance] = (),
    label: str = "",
) -> LawCheck:
    """Exact check of ``fn(instance) -> (lhs, rhs)`` on edge and random instances."""
    count = [0]

    def sample(rng: np.random.Generator) -> FiniteInstance:
        count[0] += 1
        mode = modes[count[0] % len(modes)]
        return random_instance(rng, mode, multiple_choice=multiple_choice)

    cases = [*edge_instances(multiple_choice), *extra_cases]
    kind = "multiple-choice " if multiple_choice else ""
    return LawCheck(
        sample,
        fn,
        instance_view,
        trials=trials,
        cases=cases,
        label=label or f"exact {kind}finite instances ({', '.join(modes)}) and edge cases",
    )


def point_law(
    where: Callable[[FiniteInstance, Any, int], bool],
    fn: Callable[[FiniteInstance, Any, int], tuple[Any, Any]],
    fallback: FiniteInstance,
    trials: int = 100,
    label: str = "",
    multiple_choice: bool = False,
) -> LawCheck:
    """Exact check of a pointwise relation ``fn(instance, prompt, j) -> (lhs, rhs)`` at
    every point of the edge instances where ``where`` holds, then at a random such point of
    random instances (``fallback`` when a draw has none): the two sides are the step's.
    ``multiple_choice``: the instances are multiple-choice ones (|V_c| = 1)."""

    def points(inst: FiniteInstance) -> list[tuple[FiniteInstance, int, int]]:
        return [(inst, i, j) for i, j, c in inst.items() if where(inst, c, j)]

    def sample(rng: np.random.Generator) -> tuple[FiniteInstance, int, int]:
        for _ in range(20):
            pts = points(random_instance(rng, multiple_choice=multiple_choice))
            if pts:
                return pts[int(rng.integers(0, len(pts)))]
        return points(fallback)[0]

    edges = edge_instances(multiple_choice)
    cases = [p for inst in [*edges, fallback] for p in points(inst)]
    return LawCheck(
        sample,
        lambda cs: fn(cs[0], cs[0].prompts[cs[1]], cs[2]),
        lambda cs: {
            **instance_view(cs[0]),
            "point": [cs[0].prompts[cs[1]].name, cs[0].prompts[cs[1]].responses()[cs[2]]],
        },
        trials=trials,
        cases=cases,
        label=label or "exact, at points of random and edge finite instances",
    )


def facts_law(fn: Callable[[Facts], tuple[Any, Any]], trials: int = 120) -> LawCheck:
    """Exact check on random small Arbitrary-Facts realizations and samples."""
    return LawCheck(
        lambda rng: random_facts(rng),
        fn,
        lambda f: f.describe(),
        trials=trials,
        label="exact Arbitrary-Facts realizations (a, sample)",
    )


def claim(
    name: str, statement: Any, steps: Sequence[Step], all_steps: bool = False, **kw: Any
) -> Claim:
    """A claim of this paper; exact ``Fraction`` sides become SymPy rationals.
    ``all_steps``: the statement is the conjunction of the steps (a list of facts)."""
    kw.setdefault("hypotheses", [])
    for st in steps:
        for side in ("lhs", "rhs"):
            value = getattr(st, side)
            if isinstance(value, Fraction):
                setattr(st, side, sp.Rational(value.numerator, value.denominator))
    if all_steps:
        kw["conclusion"] = [(st.lhs, st.rel, st.rhs) for st in steps]
    return Claim(name, statement, steps=list(steps), paper=PAPER, **kw)


def worst(values: Sequence[Fraction] | Any) -> Fraction:
    """The maximum of a possibly empty sequence (0 when empty)."""
    vals = list(values)
    return max(vals) if vals else F(0)
