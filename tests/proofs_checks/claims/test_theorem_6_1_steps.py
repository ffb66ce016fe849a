"""Theorem 6.1 as stated: the steps proved from the trust base (B.10 through Lemma B.6's
Monotonicity and Paley-Zygmund; chain a through Monotonicity and Definition 6.3), and the
exact case on which (B.5 chain b) fails, recomputed here without the claim's law functions."""

from __future__ import annotations

import dataclasses
import functools
import itertools
from fractions import Fraction

import pytest

from hallbound.proofs_checks.claims.bad_estimations import theorem_6_1 as t61
from hallbound.proofs_checks.engine.checker import check_step


def _verdicts(claim, names: tuple[str, ...]) -> dict[str, str]:
    """The verdicts of the named steps in order, each checked after the earlier ones (no law
    check: the symbolic verdict alone)."""
    earlier, out = {}, {}
    for step in claim.steps:
        if step.name in names:
            res = check_step(claim, dataclasses.replace(step, law=None), trials=20,
                             earlier=earlier)
            earlier[step.name] = res
            out[step.name] = res.verdict.value
    return out


B10 = ("B.10a (weak event)", "B.10b (Paley-Zygmund)", "B.10")


def test_b10_and_chain_a_are_proved_from_the_trust_base() -> None:
    (claim,) = t61.claims()
    got = _verdicts(claim, (*B10, "B.5 chain a"))
    assert got == dict.fromkeys((*B10, "B.5 chain a"), "PROVED")


def test_chain_a_needs_definition_6_3() -> None:
    # Without the stated relation (outside the ball implies outside U_i) Monotonicity's
    # hypothesis is unmet: chain a is not PROVED.
    (claim,) = t61.claims()
    kept = [a for a in claim.assumptions if not (isinstance(a, tuple) and a[0] == "implies")]
    assert len(kept) == len(claim.assumptions) - 1
    bare = dataclasses.replace(claim, assumptions=kept)
    assert _verdicts(bare, ("B.5 chain a",)) != {"B.5 chain a": "PROVED"}


def test_b10_rests_on_paley_zygmund() -> None:
    # B.10 composes (B.10a) and (B.10b); when (B.10b) is missing B.10 is not PROVED.
    (claim,) = t61.claims()
    steps = [s for s in claim.steps if s.name != "B.10b (Paley-Zygmund)"]
    bare = dataclasses.replace(claim, steps=steps)
    assert _verdicts(bare, ("B.10a (weak event)", "B.10"))["B.10"] != "PROVED"


def _enumerate(case):
    """(p, mu) pairs of the joint law of two independent discrete means."""
    (a1, a2) = case.laws
    for (x, q), (y, w) in itertools.product(zip(a1.atoms, a1.probs, strict=True),
                                            zip(a2.atoms, a2.probs, strict=True)):
        yield q * w, (x, y)


def test_chain_b_fails_on_the_pinned_case() -> None:
    case = t61.CHAIN_B_WITNESS
    p1, p2 = case.p
    r, alpha = case.get("r"), case.get("alpha_1")
    assert p1 + p2 == 1 and case.mu0 == 0
    for law in case.laws:  # the common mean mu_0 = 0
        assert sum(a * q for a, q in zip(law.atoms, law.probs, strict=True)) == 0
    sig = [sum(q * a * a for a, q in zip(law.atoms, law.probs, strict=True))
           for law in case.laws]
    d2 = p1 * p1 * sig[0] + p2 * p2 * sig[1]  # d^2 = sum_j p_j^2 sigma_j^d
    # the hypothesis: theta_1(alpha_1) = (alpha_1 d + r)^2 / sigma_1 <= 1 with alpha_1 > 1,
    # and some alpha_2 > 1 for state 2 (alpha = 1 + tiny works when (d + r)^2 < sigma_2)
    for i, a in ((0, alpha), (1, Fraction(1))):
        room = sig[i] - r * r - a * a * d2  # (a d + r)^2 <= sigma_i  <=>  room >= 2 a d r
        assert alpha > 1 and room > 0 and room * room > 4 * a * a * d2 * r * r
    lhs = sum(w for w, (x, y) in _enumerate(case) if abs(p1 * x + p2 * y - x) > r)
    e1 = sum(w for w, (x, y) in _enumerate(case) if (p1 * x + p2 * y) ** 2 <= alpha**2 * d2)
    e2 = sum(w for w, (x, _) in _enumerate(case)
             if abs(x) >= r and (abs(x) - r) ** 2 >= alpha**2 * d2)
    assert lhs == Fraction(579, 1250)
    assert lhs < e1 * e2  # chain b: Pr[A* notin B_1(r)] >= Pr[E1] Pr[E2] is false here
    assert (lhs, e1 * e2) == t61.c2(case)


@pytest.mark.parametrize("name", ["B.5 chain b"])
def test_chain_b_is_refuted_by_its_law_check(name: str) -> None:
    (claim,) = t61.claims()
    (step,) = [s for s in claim.steps if s.name == name]
    res = check_step(claim, dataclasses.replace(
        step, law=dataclasses.replace(step.law, trials=0)))
    assert res.verdict.value == "REFUTED"


B9 = tuple(f"{t61.B5_PREFIX}{n}" for n in ("B.5a", "B.5c", "B.5d (pointwise)", "B.5d",
                                           "B.5e")) + (
    "B.9c1 (Lemma B.5)", "B.9c (Lemma B.5)", "B.9a (complement)", "B.9b (weak event)", "B.9")


@functools.cache
def _b9_results() -> tuple[object, dict]:
    """Theorem 6.1 and the results of the (B.9) steps, checked once (no law check)."""
    (claim,) = t61.claims()
    earlier = {}
    for step in claim.steps:
        if step.name in B9:
            earlier[step.name] = check_step(claim, dataclasses.replace(step, law=None),
                                            trials=20, earlier=earlier)
    return claim, earlier


def _b9_planted(change) -> str:
    """The verdict of (B.9) changed by ``change`` (step -> step), on the same earlier steps."""
    claim, earlier = _b9_results()
    step = change(next(s for s in claim.steps if s.name == "B.9"))
    steps = [step if s.name == "B.9" else s for s in claim.steps]
    planted = dataclasses.replace(claim, steps=steps)
    return check_step(planted, dataclasses.replace(step, law=None), trials=20,
                      earlier={k: v for k, v in earlier.items() if k != "B.9"}).verdict.value


def test_b9_is_proved_from_lemma_b5_the_complement_and_monotonicity() -> None:
    claim, results = _b9_results()
    assert {k: v.verdict.value for k, v in results.items()} == dict.fromkeys(B9, "PROVED")
    by = {s.name: s for s in claim.steps}
    assert [i.lemma.name for i in by["B.9a (complement)"].lemmas] == ["Complement"]
    assert [p.by for p in by["B.9"].premises] == [
        "B.9b (weak event)", "B.9a (complement)", "B.9c (Lemma B.5)"]


def test_b9_with_a_stronger_bound_is_not_proved() -> None:
    # 1 - (sum p^2) sigma^d / (2 d^2): Lemma B.5's bound halved, which its premises do not give
    assert _b9_planted(lambda s: dataclasses.replace(s, rhs=1 - (1 - s.rhs) / 2)) != "PROVED"


def test_b9_without_the_complement_premise_is_not_proved() -> None:
    def drop(s):
        return dataclasses.replace(
            s, premises=tuple(p for p in s.premises if p.by != "B.9a (complement)"))

    assert _b9_planted(drop) != "PROVED"
