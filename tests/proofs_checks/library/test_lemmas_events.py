"""The event lemmas of the trust base (issue 22, item 2): the complement and additivity over
disjoint events.

Both are checked by hand on exact laws; planted false variants (a wrong constant, the
disjointness hypothesis dropped, a product for the sum) must be named by the trust-base audit,
and by nothing else.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
import sympy as sp

from hallbound.proofs_checks.library import lemma_audit
from hallbound.proofs_checks.library import lemma_library as lib
from hallbound.proofs_checks.library.lemmas_events import ADDITIVITY, COMPLEMENT, NAMES
from hallbound.proofs_checks.library.randomness import JointLaw, Pr, random_symbol

F = Fraction
X = random_symbol("X")
DIE = JointLaw.single(X, [1, 2, 3, 4, 5, 6], [F(1, 6)] * 6)


def test_the_lemmas_are_in_the_trust_base_and_pass_the_audit() -> None:
    assert set(NAMES) == {"Complement", "Additivity (disjoint)", "Additivity (family)",
                          "Independence product (family)"}
    assert all(lib.LIBRARY[n].reference.strip() for n in NAMES)
    failing = lemma_audit.failing_lemmas()
    assert not {n: failing[n] for n in NAMES if n in failing}


def test_complement_by_hand_on_a_die() -> None:
    inst = lib.lemma("Complement", A=sp.Ge(X, 5))
    # Pr[X < 5] = 4/6 and 1 - Pr[X >= 5] = 1 - 2/6
    assert lib.conclusion_values(inst, DIE) == (sp.Rational(2, 3), sp.Rational(2, 3))


def test_additivity_by_hand_and_its_hypothesis() -> None:
    low, high, mid = sp.Le(X, 2), sp.Ge(X, 5), sp.Ge(X, 2)
    inst = lib.lemma("Additivity (disjoint)", A=low, B=high)
    assert not lib.hypotheses_failing(inst, DIE)
    assert lib.conclusion_values(inst, DIE) == (sp.Rational(2, 3), sp.Rational(2, 3))
    # overlapping events: the hypothesis fails, and so would the conclusion (5/6 != 1/3 + 5/6)
    bad = lib.lemma("Additivity (disjoint)", A=low, B=mid)
    assert [h.rel for h in lib.hypotheses_failing(bad, DIE)] == ["implies"]
    assert not lib.conclusion_holds(bad, DIE)


def _conclusion(lem: lib.Lemma, rhs: sp.Basic) -> lib.Lemma:
    lhs, rel, _ = lem.conclusion
    return dataclasses.replace(lem, conclusion=(lhs, rel, rhs))


def _event(lem: lib.Lemma, name: str) -> sp.Basic:
    return next(p.placeholder for p in lem.params if p.name == name)


def _complement_two() -> lib.Lemma:
    return _conclusion(COMPLEMENT, 2 - Pr(_event(COMPLEMENT, "A")))


def _complement_same() -> lib.Lemma:
    return _conclusion(COMPLEMENT, Pr(_event(COMPLEMENT, "A")))


def _additivity_without_disjointness() -> lib.Lemma:
    return dataclasses.replace(ADDITIVITY, hypotheses=())


def _additivity_product() -> lib.Lemma:
    a, b = _event(ADDITIVITY, "A"), _event(ADDITIVITY, "B")
    return _conclusion(ADDITIVITY, Pr(a) * Pr(b))


PLANTS = {
    "complement with 2 - Pr[A]": ("Complement", _complement_two),
    "complement as Pr[A]": ("Complement", _complement_same),
    "additivity without disjointness": ("Additivity (disjoint)", _additivity_without_disjointness),
    "additivity with a product": ("Additivity (disjoint)", _additivity_product),
}


@pytest.mark.parametrize("label", sorted(PLANTS))
def test_a_planted_false_variant_is_named_by_the_audit(
    label: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, make = PLANTS[label]
    monkeypatch.setitem(lib.LIBRARY, name, make())
    lemma_audit.clear_cache()
    try:
        failing = lemma_audit.failing_lemmas()
    finally:
        monkeypatch.undo()
        lemma_audit.clear_cache()
    assert name in failing, label
    assert not {n for n in failing if n != name}
