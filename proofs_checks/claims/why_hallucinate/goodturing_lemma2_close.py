r"""Kalai et al. (2025), App. B: how Lemma 2's steps close on its symbolic statement
:math:`\Pr[2\,err_{iiv} \ge sr - 6\ln(3N/\gamma)/\sqrt N] \ge 1 - \gamma`.

Lemma 1 is cited at :math:`\gamma/2` (a PROVED claim); the tail of steps 5-14 (the heavy
prompts and the conditional Hoeffding bound, checked on exact laws only: SUPPORTED) gives
:math:`\Pr[2\,err_{iiv} < MM - \sqrt{2/N}\,\ln(3N/\gamma)] \le \gamma/2`; the union bound and
the implications between the events (z3 at every outcome) give the statement for
:math:`N \ge 2`, and for :math:`N = 1` it holds surely (step 0).

Stated relations (the claim's reading, shown under "assuming"): Lemma 1's model of the
sample, :math:`err_{iiv} \ge S := \sum_{c \in U} \mu'(c)\gamma_c` (steps 7-8, checked on
exact realizations) and :math:`S \ge 0`.
"""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate.common import param
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_common import (
    GG,
    NN,
    N,
    ell,
    g,
    phi,
    tail_event,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma1 import (
    L1_STATEMENT,
    MM,
    MODEL,
    PHI,
    SR,
    lemma_1,
)
from hallbound.proofs_checks.engine.citation import cite
from hallbound.proofs_checks.engine.claim import Premise, Step
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.proofs_checks.library.randomness import Pr, random_symbol

ERR_IIV = random_symbol("err_iiv")
S = random_symbol("S")  # sum_{c in U} mu'(c) gamma_c
ZETA = ell / N
#: Step 6's failure event: some unanswered prompt has mu'(c) > zeta.
A_EVENT = tail_event("max_U mu' - zeta")
#: Step 12's failure event: S < MM/2 - sqrt(zeta ln(6/gamma)/2).
B_EVENT = sp.Lt(S, MM / 2 - sp.sqrt(ZETA * sp.log(6 / g) / 2))
#: Step 4's target: 2 err_iiv >= MM - sqrt(2/N) ln(3N/gamma).
E2 = sp.Ge(2 * ERR_IIV, MM - sp.sqrt(2 / N) * ell)
#: Lemma 1's event at gamma/2.
L1_HALF = L1_STATEMENT.xreplace({g: g / 2})
#: Lemma 2's statement: 2 err_iiv >= sr - 6 ln(3N/gamma)/sqrt(N).
STMT2 = sp.Ge(2 * ERR_IIV, SR - 6 * ell / sp.sqrt(N))
#: The stated relations of Lemma 2.
MODEL2 = (*MODEL, sp.Ge(ERR_IIV, S), sp.Ge(S, 0))
N1 = param(N, 1, 1)  # the case N = 1 (step 0)


def _complement(name: str, event: sp.Basic, bound: sp.Basic, by: str, params: tuple) -> Step:
    """``Pr[not event] <= bound`` from ``Pr[event] >= 1 - bound`` (step ``by``)."""
    return Step(name, Pr(sp.Not(event)), "<=", bound, f"the complement of ({by})",
                kind="probability", params=params,
                premises=(Premise(sp.Ge(Pr(event), 1 - bound), by=by, solve_for=Pr(event)),),
                lemmas=(lemma("Total probability", A=sp.true, B=event),))


def _monotone(name: str, a: sp.Basic, b: sp.Basic, bound: sp.Basic, by: str, why: str,
              params: tuple, cites: tuple[str, ...]) -> Step:
    """``Pr[a] <= bound`` from ``Pr[b] <= bound`` (step ``by``) and ``a`` implies ``b``."""
    return Step(name, Pr(a), "<=", bound, why, kind="probability", params=params,
                cites=cites,
                premises=(Premise(sp.Le(Pr(b), bound), by=by, solve_for=Pr(b)),),
                lemmas=(lemma("Monotonicity", A=a, B=b),))


def closing_steps() -> list[Step]:
    """Steps 1 (Lemma 1 cited), 4 and 14 as events, the union, and the statement (N >= 2,
    and N = 1)."""
    p2 = (NN, GG, PHI)  # N >= 2 where a step cites 13a (its region)
    both = sp.Or(A_EVENT, B_EVENT)
    either = sp.Or(sp.Not(L1_HALF), sp.Not(E2))
    return [
        Step("1 (Lemma 1)", Pr(L1_HALF), ">=", 1 - g / 2,
             "Lemma 1 (a PROVED claim) at gamma/2", kind="probability", params=p2,
             lemmas=(cite(lemma_1(), N=N, gamma=g / 2, phi0=phi),)),
        _complement("1 (failure)", L1_HALF, g / 2, "1 (Lemma 1)", p2),
        _monotone("14 (err_iiv)", sp.Not(E2), both, g / 2, "14 (union bound)",
                  "2 err_iiv >= 2 S >= MM - 2 sqrt(zeta ln(6/gamma)/2) >= MM - sqrt(2/N) "
                  "ln(3N/gamma) outside the events of steps 6 and 12 (steps 8, 13; z3)",
                  p2, ("13a",)),
        Step("15 (union bound)", Pr(either), "<=", g, "steps 1 and 14: gamma/2 + gamma/2",
             kind="probability", params=p2,
             premises=(Premise(sp.Le(Pr(sp.Not(L1_HALF)), g / 2), by="1 (failure)",
                               solve_for=Pr(sp.Not(L1_HALF))),
                       Premise(sp.Le(Pr(sp.Not(E2)), g / 2), by="14 (err_iiv)",
                               solve_for=Pr(sp.Not(E2)))),
             lemmas=(lemma("Union bound", A=sp.Not(L1_HALF), B=sp.Not(E2)),)),
        Step("2a", sp.log(10 / g), "<=", sp.log(6 / g) + 1, "ln(10/6) <= 1", params=(GG,)),
        Step("2b", sp.log(6 / g), ">=", sp.Rational(17, 10), "ln 6 = 1.79... (gamma <= 1)",
             params=(GG,)),
        _monotone("16 (failure)", sp.Not(STMT2), either, g, "15 (union bound)",
                  "2 err_iiv >= MM - sqrt(2/N) ln(3N/gamma) >= sr - (4.42 sqrt(ln(10/gamma)) "
                  "+ sqrt(2) ln(3N/gamma))/sqrt(N) >= sr - 6 ln(3N/gamma)/sqrt(N) (steps 2-4: "
                  "sqrt(ln(10/gamma)) <= ln(3N/gamma) from 2a, 2b, 13a; z3)",
                  p2, ("2a", "2b", "13a")),
        Step("Lemma 2", Pr(STMT2), ">=", 1 - g, "the complement of (16, failure), N >= 2",
             kind="probability", params=p2,
             premises=(Premise(sp.Le(Pr(sp.Not(STMT2)), g), by="16 (failure)",
                               solve_for=Pr(sp.Not(STMT2))),),
             lemmas=(lemma("Total probability", A=sp.true, B=STMT2),)),
        Step("0 (ell)", ell, ">=", 1, "N = 1: ln(3/gamma) >= ln 3 >= 1", kind="inequality",
             params=(N1, GG)),
        Step("Lemma 2 (N = 1)", Pr(STMT2), ">=", 1 - g,
             "N = 1: 2 err_iiv >= 0 >= sr - 6 ln(3/gamma) surely (step 0)",
             kind="probability", params=(N1, GG, PHI), cites=("0 (ell)",),
             lemmas=(lemma("Monotonicity", A=sp.true, B=STMT2),)),
    ]
