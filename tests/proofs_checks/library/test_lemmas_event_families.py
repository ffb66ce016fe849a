"""The family event lemmas of the trust base (issue 22, item 2; the refined Theorem 6.1
bounds): ``Additivity (family)`` (finite additivity over pairwise disjoint events) and
``Independence product (family)`` (the product rule for events of independent variables).

Property tests on enumerated finite probability spaces: random disjoint families (slices of a
random exact law, cut by random events) and random independent product spaces, each side
computed exactly. Planted false variants (the hypothesis dropped, a wrong constant, a product
for the sum, a sum for the product) must be named by the trust-base audit, and nothing else.
"""

from __future__ import annotations

import dataclasses
import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from hallbound.proofs_checks.library import lemma_audit
from hallbound.proofs_checks.library import lemma_library as lib
from hallbound.proofs_checks.library.lemmas_events import (
    ADDITIVITY_FAMILY,
    INDEPENDENCE_FAMILY,
)
from hallbound.proofs_checks.library.randomness import (
    JointLaw,
    Pr,
    independent,
    random_law,
    random_symbol,
)

F = Fraction
XS = tuple(random_symbol(f"V{j}") for j in range(1, 4))
X = XS[0]


def _disjoint_family(rng: np.random.Generator, k: int) -> tuple[sp.Basic, ...]:
    cuts = sorted(F(int(v), 2) for v in rng.integers(-6, 7, size=k + 1))
    return tuple(sp.And(sp.Gt(X, a), sp.Le(X, b)) for a, b in itertools.pairwise(cuts))


def _by_outcomes(events: tuple[sp.Basic, ...], law: JointLaw) -> tuple[Fraction, Fraction]:
    """Pr[union] and the sum of the Pr[A_k], counted outcome by outcome (not by the lemma)."""
    union = total = F(0)
    for atom, q in law.outcomes():
        hits = [bool(e.xreplace({s: sp.Rational(v) for s, v in atom.items()})) for e in events]
        union += q if any(hits) else 0
        total += q * sum(hits)
    return union, total


@pytest.mark.parametrize("seed", range(30))
def test_additivity_on_random_disjoint_families(seed: int) -> None:
    rng = np.random.default_rng(seed)
    law = random_law(rng, (X,), size=int(rng.integers(1, 6)), lo=-4, hi=4, denom=2)
    events = _disjoint_family(rng, int(rng.integers(1, 5)))
    inst = lib.lemma("Additivity (family)", A=events)
    assert not lib.hypotheses_failing(inst, law)
    lhs, rhs = lib.conclusion_values(inst, law)
    assert lhs == rhs
    union, total = _by_outcomes(events, law)
    assert (lhs, rhs) == (union, total)


def test_additivity_hypothesis_fails_on_overlapping_events() -> None:
    law = JointLaw.single(X, [1, 2, 3], [F(1, 3)] * 3)
    inst = lib.lemma("Additivity (family)", A=(sp.Le(X, 2), sp.Ge(X, 2), sp.Ge(X, 3)))
    # X = 2 is in A_1 and A_2, X = 3 in A_2 and A_3: the hypothesis fails at k = 1 and 2
    assert [h.rel for h in lib.hypotheses_failing(inst, law)] == ["implies", "implies"]
    assert lib.conclusion_values(inst, law) == (1, F(5, 3))


def test_additivity_at_symbolic_size_is_a_sum() -> None:
    n = sp.Symbol("L", integer=True, positive=True)
    inst = lib.lemma("Additivity (family)", A=sp.IndexedBase("C"), n=n)
    lhs, rel, rhs = inst.conclusion
    assert rel == "=" and isinstance(rhs, sp.Sum) and rhs.limits[0][2] == n
    (hyp,) = inst.hypotheses
    assert hyp.rel == "implies" and hyp.over[0][2] == n


def _product_space(rng: np.random.Generator, n: int) -> JointLaw:
    return independent(*[random_law(rng, (v,), size=int(rng.integers(1, 4))) for v in XS[:n]])


@pytest.mark.parametrize("seed", range(30))
def test_product_on_random_independent_spaces(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(1, 4))
    law = _product_space(rng, n)
    events = tuple(sp.Ge(v, F(int(rng.integers(-8, 9)), 4)) for v in XS[:n])
    inst = lib.lemma("Independence product (family)", X=XS[:n], A=events)
    assert not lib.hypotheses_failing(inst, law)
    lhs, rhs = lib.conclusion_values(inst, law)
    joint = sum((q for atom, q in law.outcomes()
                 if all(atom[v] >= e.rhs for v, e in zip(XS, events, strict=False))), F(0))
    assert lhs == rhs == joint


def test_product_hypotheses_fail_without_independence_or_measurability() -> None:
    pair = JointLaw(({XS[0]: F(0), XS[1]: F(0)}, {XS[0]: F(1), XS[1]: F(1)}), (F(1, 2),) * 2)
    copied = lib.lemma("Independence product (family)", X=XS[:2],
                       A=(sp.Ge(XS[0], 1), sp.Ge(XS[1], 1)))
    assert [h.rel for h in lib.hypotheses_failing(copied, pair)] == ["independent"]
    assert lib.conclusion_values(copied, pair) == (F(1, 2), F(1, 4))
    bits = independent(*[JointLaw.single(v, [0, 1], [F(1, 2)] * 2) for v in XS[:2]])
    wrong = lib.lemma("Independence product (family)", X=XS[:2],
                      A=(sp.Ge(XS[0], 1), sp.Ge(XS[0], 1)))
    assert [h.rel for h in lib.hypotheses_failing(wrong, bits)] == ["measurable"]


def test_product_with_a_row_of_a_doubly_indexed_family() -> None:
    n, l, i = sp.Symbol("N", integer=True, positive=True), *sp.symbols("l i", integer=True)
    d, x = sp.IndexedBase("D"), sp.IndexedBase(random_symbol("x"))
    inst = lib.lemma("Independence product (family)", X=x, A=sp.Lambda(i, d[l, i]), n=n)
    _, _, rhs = inst.conclusion
    (k, lo, hi) = rhs.limits[0]
    assert rhs.function == Pr(d[l, k]) and (lo, hi) == (1, n)
    assert [h.lhs for h in inst.hypotheses if h.rel == "measurable"][0].base == d


# ----- planted false variants: the audit names each -----------------------------------------
def _conclusion(lem: lib.Lemma, rhs: sp.Basic) -> lib.Lemma:
    lhs, rel, _ = lem.conclusion
    return dataclasses.replace(lem, conclusion=(lhs, rel, rhs))


def _drop(lem: lib.Lemma, rel: str) -> lib.Lemma:
    kept = tuple(h for h in lem.hypotheses if h.rel != rel)
    assert len(kept) == len(lem.hypotheses) - 1
    return dataclasses.replace(lem, hypotheses=kept)


def _seq(lem: lib.Lemma, name: str) -> sp.Basic:
    return next(p.placeholder for p in lem.params if p.name == name)


def _additivity_product() -> lib.Lemma:
    a, n = _seq(ADDITIVITY_FAMILY, "A"), _seq(ADDITIVITY_FAMILY, "n")
    k = sp.Symbol("k", integer=True)
    return _conclusion(ADDITIVITY_FAMILY, sp.Product(Pr(a[k]), (k, 1, n)))


def _additivity_doubled() -> lib.Lemma:
    return _conclusion(ADDITIVITY_FAMILY, 2 * ADDITIVITY_FAMILY.conclusion[2])


def _product_sum() -> lib.Lemma:
    a, n = _seq(INDEPENDENCE_FAMILY, "A"), _seq(INDEPENDENCE_FAMILY, "n")
    i = sp.Symbol("i", integer=True)
    return _conclusion(INDEPENDENCE_FAMILY, sp.Sum(Pr(a[i]), (i, 1, n)))


PLANTS = {
    "additivity without disjointness": (
        "Additivity (family)", lambda: _drop(ADDITIVITY_FAMILY, "implies")),
    "additivity as a product": ("Additivity (family)", _additivity_product),
    "additivity with a factor 2": ("Additivity (family)", _additivity_doubled),
    "product without independence": (
        "Independence product (family)", lambda: _drop(INDEPENDENCE_FAMILY, "independent")),
    "product without measurability": (
        "Independence product (family)", lambda: _drop(INDEPENDENCE_FAMILY, "measurable")),
    "product as a sum": ("Independence product (family)", _product_sum),
}


@pytest.mark.parametrize("label", sorted(PLANTS))
def test_a_planted_false_variant_is_named_by_the_audit(
    label: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, make = PLANTS[label]
    monkeypatch.setitem(lib.LIBRARY, name, make())
    try:  # the audit's cache is keyed on each lemma's contents: the plant is audited anew
        failing = lemma_audit.failing_lemmas()
    finally:
        monkeypatch.undo()
    assert name in failing, label
    assert not {n for n in failing if n != name}


def test_the_audit_keeps_cases_of_both_lemmas() -> None:
    results = lemma_audit.audit_results()
    for name in ("Additivity (family)", "Independence product (family)"):
        res = results[name]
        assert res is not None and res.finding is None
        assert res.kept >= res.drawn // 5, (name, res.kept, res.drawn)
