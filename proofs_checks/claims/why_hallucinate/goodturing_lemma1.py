r"""Kalai et al. (2025), App. B: Lemma 1 (:math:`|MM - sr| \le 4.42\sqrt{\ln(5/\gamma)/N}` with
probability :math:`\ge 1 - \gamma`), step by step, closing on its symbolic statement.

**The model of the sample (the paper's steps 1-3), as stated relations.** The sample
:math:`s` is mapped to :math:`s'` by writing every :math:`(c, \mathrm{IDK})` as IDK; then
:math:`s' \sim \varphi^N` (step 1), and :math:`M' :=` ``MissingMass(N)``,
:math:`GT' :=` ``GoodTuring(N)`` are the missing mass and the Good-Turing estimate of
:math:`s'`, the objects of Corollary 3. :math:`D :=` ``MissedMass(N, phi0)`` is
:math:`\varphi_0 [\mathrm{IDK} \notin s']` with :math:`\varphi_0 = \varphi(\mathrm{IDK})`.
Each prompt has one non-IDK answer, so a prompt is a singleton of :math:`s` exactly when
its pair is seen once in :math:`s'`, and the only other possible singleton of :math:`s'` is
IDK (step 2: :math:`sr \le GT' \le sr + 1/N`); the values :math:`s'` misses are the pairs of
the unanswered prompts and possibly IDK (step 3: :math:`M' = MM + D`). :math:`MM` is a mass
and :math:`sr` a fraction: both lie in :math:`[0, 1]`. These relations are the claim's
reading of the paper's definitions (shown under "assuming"); the tests check them on every
realization of small Arbitrary-Facts instances (exact enumeration).

**The proof, on lemma instances.** The tail of :math:`D` (``Missed value (tail)``, the
paper's steps 4-5), Corollary 3 at :math:`4\gamma/5` (cited as a PROVED claim), the union
bound, the implication between the events (z3 at every outcome, under the model relations
and :math:`\ln(5/\gamma) \ge 1`: the paper's steps 6-10), and the complement.
"""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.claims.common import written_at
from hallbound.proofs_checks.claims.why_hallucinate.common import F, claim, param
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_common import (
    GG,
    NN,
    N,
    W,
    ell,
    g,
    phi,
    z,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_cor3 import GOOD, corollary_3
from hallbound.proofs_checks.engine.citation import cite
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.proofs_checks.library.lemmas_concentration import (
    GoodTuring,
    MissedMass,
    MissingMass,
)
from hallbound.proofs_checks.library.randomness import Pr, random_symbol

MM, SR = random_symbol("MM"), random_symbol("sr")
M1, G1 = MissingMass(N), GoodTuring(N)  # of the mapped sample s' ~ phi^N
D = MissedMass(N, phi)  # phi0 [IDK not in s']
PHI = param(phi, 0, 1)
#: The event of Lemma 1's statement: |MM - sr| <= 4.42 sqrt(ln(5/gamma)/N).
L1_STATEMENT = sp.Le(sp.Abs(MM - SR), F(442, 100) * sp.sqrt(sp.log(5 / g) / N))
#: Corollary 3's event for s' at gamma' = 4 gamma/5: |M' - GT'| <= 1/N + 2.42 sqrt(ln(5/gamma)/N).
COR3_GOOD = GOOD.xreplace({g: 4 * g / 5})
#: The missed IDK mass above ln(5/gamma)/N (the paper's step 5 failure event).
MISSED = sp.Ge(D, ell / N)
#: The model of the sample (the paper's steps 1-3), as stated relations.
MODEL = (
    sp.Eq(M1, MM + D),
    sp.Le(SR, G1),
    sp.Le(G1, SR + 1 / N),
    sp.Ge(MM, 0),
    sp.Le(MM, 1),
    sp.Ge(SR, 0),
    sp.Le(SR, 1),
)


def arithmetic_steps() -> list[Step]:
    """The paper's constants and one-line inequalities (steps 4, 6, 8, 10)."""
    log_at = written_at(sp.log(4 / g), {g: 4 * g / 5})  # Corollary 3 at gamma' = 4 gamma/5
    return [
        Step("4a", sp.log(1 - phi) + phi, "<=", 0, "ln(1 - x) <= -x, so (1-phi0)^N <= "
             "e^(-N phi0)", kind="calculus", params=(param(phi, 0, 1, hi_open=True),)),
        Step("4b", sp.exp(-N * (sp.log(5 / g) / N + W.symbol)), "<=", g / 5,
             "e^(-N phi0) <= gamma/5 in the case phi0 = ln(5/gamma)/N + w, w >= 0",
             kind="inequality", params=(NN, GG, W)),
        Step("6", ell, ">=", 1, "ln(5/gamma) >= ln 5 >= 1 (gamma <= 1)", params=(GG,)),
        Step("8", log_at, "=", sp.log(5 / g), "Corollary 3 at gamma' = 4 gamma/5", params=(GG,)),
        Step("10a", 2 * sp.log(5 / g) / N, ">=", sp.log(5 / g) / N + 1 / N,
             "z = 2 ln(5/gamma)/N, step 6", params=(NN, GG)),
        Step("10b", z, "<=", sp.sqrt(z), "z <= 1", kind="calculus", params=(param(z, 0, 1),)),
        Step("10c", sp.sqrt(2) + F(242, 100), "<=", F(442, 100), "arithmetic (3.834... <= "
             "4.42)", params=()),
        Step("10d", F(442, 100) * sp.sqrt(z / 2), ">=", 2, "z > 1: the bound exceeds 2",
             kind="calculus", params=(param(z, 1, None, lo_open=True, search=(1, 100)),)),
    ]


def probability_steps() -> list[Step]:
    """The tail of the missed IDK mass, Corollary 3 cited, the union, the implication
    between the events, and the complement."""
    bad = sp.Not(L1_STATEMENT)
    either = sp.Or(MISSED, sp.Not(COR3_GOOD))
    return [
        Step("5", Pr(MISSED), "<=", g / 5,
             "Pr[phi0 [IDK not in s'] >= ln(5/gamma)/N] <= e^(-ln(5/gamma)) (steps 3-5)",
             kind="probability", params=(NN, GG, PHI),
             lemmas=(lemma("Missed value (tail)", n=N, p=phi, t=ell / N),)),
        Step("8 (Corollary 3)", Pr(COR3_GOOD), ">=", 1 - 4 * g / 5,
             "Corollary 3 (a PROVED claim) at gamma' = 4 gamma/5 for s' ~ phi^N",
             kind="probability", params=(NN, GG),
             lemmas=(cite(corollary_3(), N=N, gamma=4 * g / 5),)),
        Step("8 (failure)", Pr(sp.Not(COR3_GOOD)), "<=", 4 * g / 5,
             "the complement of (8, Corollary 3)", kind="probability", params=(NN, GG),
             premises=(Premise(sp.Ge(Pr(COR3_GOOD), 1 - 4 * g / 5), by="8 (Corollary 3)",
                               solve_for=Pr(COR3_GOOD)),),
             lemmas=(lemma("Total probability", A=sp.true, B=COR3_GOOD),)),
        Step("9 (union bound)", Pr(either), "<=", g, "steps 5 and 8: gamma/5 + 4 gamma/5",
             kind="probability", params=(NN, GG, PHI),
             premises=(Premise(sp.Le(Pr(MISSED), g / 5), by="5", solve_for=Pr(MISSED)),
                       Premise(sp.Le(Pr(sp.Not(COR3_GOOD)), 4 * g / 5), by="8 (failure)",
                               solve_for=Pr(sp.Not(COR3_GOOD)))),
             lemmas=(lemma("Union bound", A=MISSED, B=sp.Not(COR3_GOOD)),)),
        Step("10 (failure)", Pr(bad), "<=", g,
             "outside both events, |MM - sr| <= ln(5/gamma)/N + 1/N + 2.42 sqrt(ln(5/gamma)/N) "
             "<= 4.42 sqrt(ln(5/gamma)/N) (steps 7-10; the implication by z3 at every outcome)",
             kind="probability", params=(NN, GG, PHI), cites=("6",),
             premises=(Premise(sp.Le(Pr(either), g), by="9 (union bound)",
                               solve_for=Pr(either)),),
             lemmas=(lemma("Monotonicity", A=bad, B=either),)),
        Step("Lemma 1", Pr(L1_STATEMENT), ">=", 1 - g, "the complement of (10, failure)",
             kind="probability", params=(NN, GG, PHI),
             premises=(Premise(sp.Le(Pr(bad), g), by="10 (failure)", solve_for=Pr(bad)),),
             lemmas=(lemma("Total probability", A=sp.true, B=L1_STATEMENT),)),
    ]


def lemma_1() -> Claim:
    """Lemma 1: for every N >= 1, gamma in (0, 1] (and every law: phi0 in [0, 1]),
    Pr[|MM - sr| <= 4.42 sqrt(ln(5/gamma)/N)] >= 1 - gamma."""
    return claim(
        "Lemma 1",
        "Pr[|MM - sr| <= 4.42 sqrt(ln(5/gamma)/N)] >= 1 - gamma",
        [*arithmetic_steps(), *probability_steps()],
        hypotheses=[NN, GG, PHI],
        definitions={ell: sp.log(5 / g)},  # in Lemma 1, ell := ln(5/gamma)
        assumptions=MODEL,
        conclusion=[(Pr(L1_STATEMENT), ">=", 1 - g)],
        section="B",
        note="MM, sr: the missing mass and the singleton rate of the sample (random); "
        "MissingMass(N), GoodTuring(N), MissedMass(N, phi0): of the mapped sample s' ~ phi^N "
        "(phi0 = phi(IDK)); the stated relations are the paper's steps 1-3",
    )
