"""The two trust-base lemmas of Lemma 2's tails (issue 22): ``Missed heavy value (union)`` and
``Hoeffding (conditional)``. Their exact laws by hand, the conditional-sum hypothesis on laws
that meet it and on laws that break it, the lemmas on every small exact law, and each planted
false variant (a wrong constant, a dropped hypothesis, a dropped part of the event) caught by
the audit."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import pytest
import sympy as sp

from hallbound.proofs_checks.library import lemma_audit as la
from hallbound.proofs_checks.library.audit_model import Case, run
from hallbound.proofs_checks.library.audit_tails import M_COND, cond_sum_law
from hallbound.proofs_checks.library.lemmas_concentration import laws_up_to
from hallbound.proofs_checks.library.lemmas_tails import (
    COND_HOEFFDING,
    MAXMISSED_SYM,
    MISSED_HEAVY,
    conditional_sum_holds,
    max_missed_law,
    term,
    weight,
)
from hallbound.proofs_checks.library.randomness import Pr

F = Fraction


def _law_dict(law) -> dict[Fraction, Fraction]:
    return {a[MAXMISSED_SYM]: q for a, q in law.outcomes()}


def test_max_missed_law_by_hand() -> None:
    # nu = (1/4, 3/4), n = 2: the 3/4 value is missed with (1/4)^2 = 1/16, the 1/4 value
    # alone with (3/4)^2 = 9/16, and both are seen with 2 (1/4)(3/4) = 6/16
    assert _law_dict(max_missed_law((F(1, 4), F(3, 4)), 2)) == {
        F(3, 4): F(1, 16), F(1, 4): F(9, 16), F(0): F(6, 16)}
    assert _law_dict(max_missed_law((F(1, 2), F(1, 2)), 1)) == {F(1, 2): F(1)}
    with pytest.raises(Exception, match="nu"):
        max_missed_law((F(1, 2),), 1)


def test_missed_heavy_value_holds_on_every_small_law() -> None:
    worst = 0.0
    for nu in laws_up_to(3, 4):
        for n in range(1, 5):
            law = max_missed_law(nu, n)
            for t in (F(1, 10), F(1, 5), F(1, 3), F(49, 100), F(1, 2), F(4, 5)):
                out = run(MISSED_HEAVY, Case({"n": n, "t": t}, law))
                assert out.status == "holds", (nu, n, t, out)
                pr = sum((q for a, q in law.outcomes() if a[MAXMISSED_SYM] > t), F(0))
                worst = max(worst, float(pr) * float(t) / math.exp(-n * float(t)))
    assert 0.75 < worst <= 1  # nu = (1/2, 1/2), n = 1, t = 0.49: 0.8 of the bound


def _sides(k: int) -> sp.Tuple:
    s = sum(weight(i + 1) * term(i + 1) for i in range(k))
    return sp.Tuple(s, M_COND, sum(weight(i + 1) ** 2 for i in range(k)))


def _holds(law, sides) -> bool:
    from hallbound.proofs_checks.library.lemma_checks import _values

    return conditional_sum_holds(sides, law, lambda e: _values(e, law, {}))


def test_conditional_sum_hypothesis_on_laws_that_meet_and_break_it() -> None:
    fair = ((F(0), F(1)), F(1, 2))
    two_g = cond_sum_law((F(1, 3), F(2, 3)), [[F(1), F(1, 2)], [F(2), F(0)]],
                         [[fair, fair], [((F(1, 4), F(1)), F(1, 4)), fair]])
    assert _holds(two_g, _sides(2))
    coupled = cond_sum_law((F(1),), [[F(1), F(1)]], [[fair, fair]], coupled=True)
    assert not _holds(coupled, _sides(2))  # y_1 = y_2: not independent given G
    wide = cond_sum_law((F(1),), [[F(1)]], [[((F(0), F(2)), F(1, 2))]])
    assert not _holds(wide, _sides(1))  # a term outside [0, 1]
    s, m, v = _sides(2)
    assert not _holds(two_g, sp.Tuple(s, m + F(1, 4), v))  # a wrong conditional mean
    assert not _holds(two_g, sp.Tuple(s, m, v + 1))  # V is not sum w_i^2


def test_conditional_hoeffding_holds_on_broad_cases_and_the_pinned_case() -> None:
    assert la.check_pinned(COND_HOEFFDING) is None
    result = la.audit(COND_HOEFFDING, 300, seed=7)
    assert result.finding is None and result.kept > 100
    assert not {MISSED_HEAVY.name, COND_HOEFFDING.name} & set(la.failing_lemmas())


def _p(lem, name: str):
    return next(p.placeholder for p in lem.params if p.name == name)


def _caught(lem) -> bool:
    return la.check_pinned(lem) is not None or la.audit(lem).finding is not None


def test_planted_false_variants_are_caught() -> None:
    n, t = _p(MISSED_HEAVY, "n"), _p(MISSED_HEAVY, "t")
    lhs, rel, _ = MISSED_HEAVY.conclusion
    heavy = [
        dataclasses.replace(MISSED_HEAVY, conclusion=(lhs, rel, sp.exp(-n * t))),  # one value
        dataclasses.replace(MISSED_HEAVY, conclusion=(lhs, rel, sp.exp(-2 * n * t) / t)),
        dataclasses.replace(MISSED_HEAVY, hypotheses=MISSED_HEAVY.hypotheses[:1]),  # no t > 0
    ]
    c = COND_HOEFFDING
    s, m, v_, t2, v = (_p(c, x) for x in ("S", "m", "V", "t", "v"))
    lhs, rel, rhs = c.conclusion
    cond = [
        dataclasses.replace(c, conclusion=(lhs, rel, sp.exp(-4 * t2**2 / v))),  # constant
        dataclasses.replace(c, hypotheses=c.hypotheses[1:]),  # no conditional independence
        dataclasses.replace(c, conclusion=(Pr(sp.Le(s, m - t2)), rel, rhs)),  # V <= v dropped
        dataclasses.replace(c, hypotheses=(c.hypotheses[0], c.hypotheses[2])),  # no t > 0
    ]
    assert v_ is not None
    for variant in [*heavy, *cond]:
        assert _caught(variant), variant
    assert not _caught(MISSED_HEAVY) and not _caught(COND_HOEFFDING)
