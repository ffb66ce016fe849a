r"""Shared pieces of the Good-Turing claims (Kalai et al. 2025, App. B and Theorem 2): the
symbols and parameter domains, the union-bound step, and exact enumeration of the Good-Turing
quantities of small samples."""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.precision import EXACT_DIGITS
from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    param,
    sym,
)
from hallbound.proofs_checks.engine.claim import Premise, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.proofs_checks.library.randomness import Pr, random_symbol
from hallbound.symbolic.why_hallucinate.instances import random_simplex

N = sym("N", positive=True, integer=True)
g = sym("gamma", positive=True)
z, phi, u, w, w1 = (sym(n, nonnegative=True) for n in ("z", "phi0", "u", "w", "w1"))
ell = sym("ell", positive=True)  # ln(3N/gamma) or ln(5/gamma), by step
NN = param(N, 1, None, search=(1, 10**6))
N2 = param(N, 2, None, search=(2, 10**6))
GG = param(g, 0, 1, lo_open=True, search=(1e-6, 1))
W, W1 = param(w, 0, None, search=(0, 10)), param(w1, 0, None, search=(0, 10))
ELL = param(ell, 0, None, lo_open=True, search=(1e-3, 50))


def tail_event(text: str) -> Any:
    """The event ``{text > 0}`` of the random quantity named ``text``."""
    return sp.Gt(random_symbol(text), 0)


def union_step(
    name: str,
    a: str,
    pa: Any,
    b: str,
    pb: Any,
    total: Any,
    why: str,
    by: tuple[str | None, str | None] = (None, None),
) -> Step:
    """``Pr[A or B] <= total`` from the library's Union bound, with the two tail bounds
    ``Pr[A] <= pa`` and ``Pr[B] <= pb`` as premises, backed by the earlier steps named in
    ``by`` (whose relation must be the premise; their verdict caps this one), or unbacked
    (None: the step is at most ASSUMED)."""
    ev_a, ev_b = tail_event(a), tail_event(b)
    return Step(
        name,
        Pr(sp.Or(ev_a, ev_b)),
        "<=",
        total,
        why,
        kind="probability",
        params=(GG,),
        premises=(
            Premise(sp.Le(Pr(ev_a), pa), by[0], Pr(ev_a), f"Pr[{a} > 0] <= {pa}"),
            Premise(sp.Le(Pr(ev_b), pb), by[1], Pr(ev_b), f"Pr[{b} > 0] <= {pb}"),
        ),
        lemmas=(lemma("Union bound", A=ev_a, B=ev_b),),
    )


# ----- exact enumeration of Good-Turing quantities --------------------------------------
def _gt_case(rng: np.random.Generator) -> tuple[tuple[Fraction, ...], int, Fraction]:
    nu = tuple(random_simplex(rng, int(rng.integers(1, 4)), zeros=False))
    return nu, int(rng.integers(1, 6)), F(int(rng.integers(1, 11)), 10)


def _samples(nu: tuple[Fraction, ...], n: int):
    for seq in itertools.product(range(len(nu)), repeat=n):
        pr = F(1)
        for x in seq:
            pr *= nu[x]
        cnt = Counter(seq)
        m = sum((nu[x] for x in range(len(nu)) if x not in cnt), F(0))
        gt = F(sum(1 for v in cnt.values() if v == 1), n)
        yield pr, m, gt


def _gt_view(case) -> dict[str, Any]:
    nu, n, gam = case
    return {"nu": [str(x) for x in nu], "N": n, "gamma": str(gam)}


def _gt_law(fn, label: str) -> LawCheck:
    return LawCheck(
        _gt_case,
        fn,
        _gt_view,
        trials=40,
        label=f"exact enumeration of every sample, |supp nu| <= 3, N <= 5: {label}",
    )


@functools.cache
def _means(case) -> tuple[Fraction, Fraction]:
    nu, n, _ = case
    eg = sum((pr * gt for pr, _, gt in _samples(nu, n)), F(0))
    em = sum((pr * m for pr, m, _ in _samples(nu, n)), F(0))
    return eg, em


def _prob(case, event) -> Any:
    """Pr[event(M, GT)] exactly (the event is decided at 50 digits)."""
    nu, n, _ = case
    with mpmath.workdps(EXACT_DIGITS):
        return sum((pr for pr, m, gt in _samples(nu, n) if event(m, gt)), F(0))


def _mp(x: Fraction) -> Any:
    return mpmath.mpf(x.numerator) / x.denominator
