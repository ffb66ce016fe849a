r"""Kalai et al. (2025), App. B: how Lemma 2's steps close on its symbolic statement
:math:`\Pr[2\,err_{iiv} \ge sr - 6\ln(3N/\gamma)/\sqrt N] \ge 1 - \gamma`.

Lemma 1 is cited at :math:`\gamma/2` (a PROVED claim). The heavy prompts (step 6) rest on
the trust base's ``Missed heavy value (union)`` (a union of missed-value tails over the fewer
than :math:`1/\zeta` values of mass :math:`> \zeta`), the conditional tail (step 12) on
``Hoeffding (conditional)`` (Hoeffding given the data, on the event
:math:`\sum_U \mu'^2 \le \zeta`); with the union bound they give
:math:`\Pr[2\,err_{iiv} < MM - \sqrt{2/N}\,\ln(3N/\gamma)] \le \gamma/2`; the union bound and
the implications between the events (z3 at every outcome) give the statement for
:math:`N \ge 2`, and for :math:`N = 1` it holds surely (step 0).

Stated relations (the claim's reading of the paper's construction, shown under "assuming";
the tests check them exactly on every realization of small enumerated Arbitrary-Facts
instances, and on the exact law of the answers):

* Lemma 1's model of the sample (Lemma 1's steps 1-3);
* :math:`err_{iiv} \ge S := \sum_{c \in U} \mu'(c)\gamma_c \ge 0` (steps 7-8: the definition
  of :math:`D`, terms dropped);
* given the data, :math:`S` is a sum of terms :math:`\mu'(c)\gamma_c`, :math:`\gamma_c \in
  [0, 1]` independent, with :math:`\mathbb E[S \mid data] = MM/2` (steps 5, 8-10: the answers
  :math:`a_c`, :math:`c \in U`, stay uniform and independent given the data, which hold only
  :math:`(c, IDK)` for them; the mean 1/2 is step 10, PROVED);
* :math:`V := \sum_U \mu'^2 \le MaxMissed(N)\,MM` (step 11 summed over :math:`U`; the pairs of
  :math:`U` are values :math:`s'` misses), :math:`V \ge 0`, :math:`MaxMissed(N) \ge 0`.

Steps 5, 7, 8 and 9 were exact checks on sampled realizations (SUPPORTED); they are these
stated relations now, as Lemma 1's steps 1-3 are: Lemma 2's verdict is conditional on this
reading of the construction.
"""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate.common import param
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_common import (
    GG,
    N2,
    N,
    ell,
    g,
    phi,
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
from hallbound.proofs_checks.library.lemmas_tails import MaxMissed
from hallbound.proofs_checks.library.randomness import Pr, random_symbol

ERR_IIV = random_symbol("err_iiv")
S = random_symbol("S")  # sum_{c in U} mu'(c) gamma_c
V = random_symbol("V")  # sum_{c in U} mu'(c)^2
ZETA = ell / N
#: The largest mass of a value the mapped sample s' ~ phi^N misses (>= max_U mu'(c)).
MAXM = MaxMissed(N)
#: Step 6's failure event: s' misses a value of mass > zeta (implied by: some unanswered
#: prompt has mu'(c) > zeta, the paper's event).
A_EVENT = sp.Gt(MAXM, ZETA)
#: Hoeffding's deviation in step 12: sqrt(zeta ln(6/gamma)/2).
T12 = sp.sqrt(ZETA * sp.log(6 / g) / 2)
#: Step 12's failure event on the event of step 6 (the paper's conditioning, Eq. 10): S <=
#: E[S | data] - t and sum_U mu'^2 <= zeta.
HOEF_EVENT = sp.And(sp.Le(S, MM / 2 - T12), sp.Le(V, ZETA))
#: Step 4's target: 2 err_iiv >= MM - sqrt(2/N) ln(3N/gamma).
E2 = sp.Ge(2 * ERR_IIV, MM - sp.sqrt(2 / N) * ell)
#: Lemma 1's event at gamma/2.
L1_HALF = L1_STATEMENT.xreplace({g: g / 2})
#: Lemma 2's statement: 2 err_iiv >= sr - 6 ln(3N/gamma)/sqrt(N).
STMT2 = sp.Ge(2 * ERR_IIV, SR - 6 * ell / sp.sqrt(N))
#: The stated relations of Lemma 2: Lemma 1's model; err_iiv >= S >= 0 (steps 7-8); given the
#: data, S = sum_U mu'(c) gamma_c with the gamma_c in [0, 1] independent and E[S | data] =
#: MM/2 (steps 5, 8-10); V = sum_U mu'^2 <= max_U mu' * MM <= MaxMissed(N) MM (step 11).
MODEL2 = (*MODEL, sp.Ge(ERR_IIV, S), sp.Ge(S, 0),
          (sp.Tuple(S, MM / 2, V), "conditional-sum", sp.true),
          sp.Ge(V, 0), sp.Le(V, MAXM * MM), sp.Ge(MAXM, 0, evaluate=False))
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


def tail_steps() -> list[Step]:
    """Steps 6 and 12 on the trust base's two tail lemmas, and their union (step 14)."""
    p2 = (N2, GG, PHI)  # N >= 2 (N = 1 is step 0)
    by6c0 = Premise(sp.Ge(ell, 1), "6c0", ell)
    # ell = ln(6/gamma) + s1 >= ln(6/gamma) = 1.7 + s2 (steps 13a, 2b): both logs positive
    logs = (Premise(sp.Ge(ell, sp.log(6 / g)), "13a", ell),
            Premise(sp.Ge(sp.log(6 / g), sp.Rational(17, 10)), "2b", g))
    return [
        Step("6 (lemma)", Pr(A_EVENT), "<=", g / (3 * ell),
             "the values of mass > zeta are fewer than 1/zeta, each missed with probability "
             "<= (1 - zeta)^N <= e^(-zeta N) = gamma/(3N) (6b); the union bound over them "
             "(6a): (1/zeta) gamma/(3N); zeta > 0 by 6c0",
             kind="probability", params=p2, cites=("6c0",),
             lemmas=(lemma("Missed heavy value (union)", n=N, t=ZETA),)),
        Step("6", Pr(A_EVENT), "<=", g / 3,
             "step 6 (lemma) with e^(-zeta N) = gamma/(3N) (6b) and ln(3N/gamma) >= 1 (6c0)",
             kind="probability", params=p2,
             premises=(Premise(sp.Le(Pr(A_EVENT), g / (3 * ell)), "6 (lemma)", Pr(A_EVENT)),
                       by6c0)),
        Step("12 (Hoeffding)", Pr(HOEF_EVENT), "<=", g / 6,
             "given the data, S = sum_U mu'(c) gamma_c, gamma_c in [0, 1] independent, "
             "E[S | data] = MM/2 (steps 9, 10); Hoeffding with ranges [0, mu'(c)] on "
             "sum_U mu'^2 <= zeta: exp(-2 (zeta ln(6/gamma)/2)/zeta) = gamma/6 (step 12)",
             kind="probability", params=p2, premises=logs,
             lemmas=(lemma("Hoeffding (conditional)", S=S, m=MM / 2, V=V, t=T12, v=ZETA),)),
        Step("14 (union bound)", Pr(sp.Or(A_EVENT, HOEF_EVENT)), "<=", g / 2,
             "the events of steps 6 and 12: gamma/3 + gamma/6", kind="probability", params=p2,
             premises=(Premise(sp.Le(Pr(A_EVENT), g / 3), "6", Pr(A_EVENT)),
                       Premise(sp.Le(Pr(HOEF_EVENT), g / 6), "12 (Hoeffding)",
                               Pr(HOEF_EVENT))),
             lemmas=(lemma("Union bound", A=A_EVENT, B=HOEF_EVENT),)),
    ]


def closing_steps() -> list[Step]:
    """Steps 1 (Lemma 1 cited), 4 and 14 as events, the union, and the statement (N >= 2,
    and N = 1)."""
    p2 = (N2, GG, PHI)  # N >= 2 (N = 1 is step 0)
    both = sp.Or(A_EVENT, HOEF_EVENT)
    either = sp.Or(sp.Not(L1_HALF), sp.Not(E2))
    return [
        *tail_steps(),
        Step("1 (Lemma 1)", Pr(L1_HALF), ">=", 1 - g / 2,
             "Lemma 1 (a PROVED claim) at gamma/2", kind="probability", params=p2,
             lemmas=(cite(lemma_1(), N=N, gamma=g / 2, phi0=phi),)),
        _complement("1 (failure)", L1_HALF, g / 2, "1 (Lemma 1)", p2),
        _monotone("14 (err_iiv)", sp.Not(E2), both, g / 2, "14 (union bound)",
                  "outside the event of step 6, sum_U mu'^2 <= MaxMissed(N) MM <= zeta (11); "
                  "outside that of step 12 as well, 2 err_iiv >= 2 S > MM - 2 sqrt(zeta "
                  "ln(6/gamma)/2) >= MM - sqrt(2/N) ln(3N/gamma) (steps 8, 13; z3)",
                  p2, ("13a",)),
        Step("15 (union bound)", Pr(either), "<=", g, "steps 1 and 14: gamma/2 + gamma/2",
             kind="probability", params=p2,
             premises=(Premise(sp.Le(Pr(sp.Not(L1_HALF)), g / 2), by="1 (failure)",
                               solve_for=Pr(sp.Not(L1_HALF))),
                       Premise(sp.Le(Pr(sp.Not(E2)), g / 2), by="14 (err_iiv)",
                               solve_for=Pr(sp.Not(E2)))),
             lemmas=(lemma("Union bound", A=sp.Not(L1_HALF), B=sp.Not(E2)),)),
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
