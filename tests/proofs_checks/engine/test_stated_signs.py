"""Stated signs in the engine: a premise may be solved through a denominator the claim states
is non-zero (:func:`~hallbound.proofs_checks.engine.premises.stated_nonzero`), and the sign
prover may use a stated sign of an expectation
(:func:`~hallbound.proofs_checks.engine.premises.signed_atoms`). Each rule has a planted
claim without the stated relation whose step is then not PROVED, and a false step that the
stated sign does not prove."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.engine.premises import as_substitution, signed_atoms
from hallbound.proofs_checks.engine.verdicts import Verdict
from hallbound.proofs_checks.library.randomness import E, Pr, random_symbol

X = random_symbol("X")
M4 = E((X - 1) ** 4)  # sign unknown to SymPy once expanded
P = Pr(sp.Ge(X, 1))
c = sp.Symbol("c", real=True)
CP = Param("c", c, lo=0, hi=1)


def _claim(*assumptions: sp.Basic, steps: tuple[Step, ...] = ()) -> Claim:
    return Claim("planted", "text", [CP], list(steps), assumptions=assumptions)


def _step(rel: str = ">=") -> Step:
    # P >= c / M4 (premise) and c >= 0 give P M4 >= c: needs M4 > 0
    return Step(
        "1", P * sp.expand(M4), rel, c, "from P >= c / E(X-1)^4", kind="probability",
        premises=(Premise(sp.Ge(P, c / M4), "hypothesis", P),),
    )


def test_a_stated_nonzero_denominator_lets_the_premise_be_solved() -> None:
    # P = (c + s) / E(X-1)^4 divides by an expectation whose sign SymPy does not know
    assert as_substitution((c, "<=", P * sp.expand(M4)), P) is None  # P = (c + s)/M4
    assert as_substitution((c, "<=", P * sp.expand(M4)), P, nonzero=[M4]) is not None


def test_the_stated_sign_proves_the_step_and_is_needed() -> None:
    stated = sp.Gt(M4, 0)
    step = _step()
    claim = _claim(stated, sp.Ge(P, c / M4), steps=(step,))
    assert check_step(claim, step).verdict is Verdict.PROVED
    bare = _claim(sp.Ge(P, c / M4), steps=(step,))
    assert check_step(bare, step).verdict is not Verdict.PROVED


def test_a_false_step_is_not_proved_by_the_stated_sign() -> None:
    # P M4 <= c - 1 is false at c = 0 (P M4 >= 0 > -1)
    step = Step("1", P * sp.expand(M4), "<=", c - 1, "planted false", kind="probability",
                premises=(Premise(sp.Ge(P, c / M4), "hypothesis", P),))
    claim = _claim(sp.Gt(M4, 0), sp.Ge(P, c / M4), steps=(step,))
    assert check_step(claim, step).verdict is not Verdict.PROVED


def test_an_atom_under_a_sum_index_is_left_alone() -> None:
    i, n = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True)
    y = sp.IndexedBase("y")
    inner = E(y[i] ** 2)
    claim = _claim(sp.Gt(M4, 0))
    got = signed_atoms(claim, (sp.Sum(inner, (i, 1, n)) + M4,))
    assert M4 in got and inner not in got
    assert got[M4].is_positive


def test_a_premise_written_out_follows_from_its_step_at_once() -> None:
    from hallbound.proofs_checks.engine.premises import _same_up_to_expansion

    source = (Pr(sp.Ge((X - 1) ** 2, c)), ">=", (1 - c) ** 2 / M4)
    written = (sp.expand(source[0]), ">=", sp.expand(source[2]))
    assert _same_up_to_expansion(source, written)
    assert not _same_up_to_expansion(source, (written[0], ">", written[2]))  # stronger
    assert not _same_up_to_expansion(source, (written[0], ">=", (1 - c) / M4))
