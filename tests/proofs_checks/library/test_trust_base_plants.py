"""Planting the issue's trust-base mutants, one at a time: ``failing_lemmas`` names each.

Issue 19, "Done when": C1 Markov without X >= 0, C2 Chebyshev with Var/(2a^2), C3 Paley-Zygmund with
(1 - theta), C4 Monotonicity without A => B, C5 ball volume with Gamma(d/2), C6 the family union
bound with a product, C8 Hoeffding with sum(b - a) unsquared. Each mutant is written here from the
lemma's parameters (not copied from the library), planted in ``LIBRARY`` (monkeypatch), and
:func:`~hallbound.proofs_checks.library.lemma_audit.failing_lemmas`, its cache cleared, must name
that lemma and no other. The unplanted library passes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
import sympy as sp

from hallbound.proofs_checks.library import lemma_audit
from hallbound.proofs_checks.library import lemma_library as lib
from hallbound.proofs_checks.library.lemma_library import Lemma
from hallbound.proofs_checks.library.randomness import Pr, Var


def _param(lem: Lemma, name: str) -> sp.Basic:
    return next(p.placeholder for p in lem.params if p.name == name)


def _drop(rel: str) -> Callable[[Lemma], Lemma]:
    def mutate(lem: Lemma) -> Lemma:
        kept = tuple(h for h in lem.hypotheses if h.rel != rel)
        assert len(kept) == len(lem.hypotheses) - 1
        return dataclasses.replace(lem, hypotheses=kept)

    return mutate


def _markov_without_nonnegativity(lem: Lemma) -> Lemma:
    x = _param(lem, "X")
    kept = tuple(h for h in lem.hypotheses if not (h.lhs == x and h.rel == ">="))
    assert len(kept) == len(lem.hypotheses) - 1
    return dataclasses.replace(lem, hypotheses=kept)


def _bound(new: Callable[[Lemma], sp.Basic]) -> Callable[[Lemma], Lemma]:
    def mutate(lem: Lemma) -> Lemma:
        lhs, rel, _ = lem.conclusion
        return dataclasses.replace(lem, conclusion=(lhs, rel, new(lem)))

    return mutate


def _chebyshev_half(lem: Lemma) -> sp.Basic:
    return Var(_param(lem, "X")) / (2 * _param(lem, "a") ** 2)


def _pz_unsquared(lem: Lemma) -> sp.Basic:
    from hallbound.proofs_checks.library.randomness import E

    t, theta = _param(lem, "T"), _param(lem, "theta")
    return (1 - theta) * E(t) ** 2 / E(t**2)


def _ball_gamma(lem: Lemma) -> sp.Basic:
    d, r = _param(lem, "d"), _param(lem, "r")
    return sp.pi ** (d / 2) * r**d / sp.gamma(d / 2)


def _union_product(lem: Lemma) -> sp.Basic:
    events, n = _param(lem, "A"), _param(lem, "n")
    k = sp.Symbol("k", integer=True)
    return sp.Product(Pr(events[k]), (k, 1, n))


def _hoeffding_unsquared(lem: Lemma) -> sp.Basic:
    a, b, t, n = (_param(lem, s) for s in ("a", "b", "t", "n"))
    i = sp.Symbol("i", integer=True)
    return sp.exp(-2 * t**2 / sp.Sum(b[i] - a[i], (i, 1, n)))


def _halved(lem: Lemma) -> sp.Basic:
    return lem.conclusion[2] / 2


def _scaling_one_power_too_many(lem: Lemma) -> sp.Basic:
    x, c, d = (_param(lem, s) for s in ("X", "c", "d"))
    from hallbound.proofs_checks.library.lemma_library import SupDensity

    return SupDensity(x, d) / sp.Abs(c) ** (d + 1)


def _twice_the_constant(lem: Lemma) -> sp.Basic:
    return 2 * _param(lem, "c")


def _without_the_complement(lem: Lemma) -> sp.Basic:
    from hallbound.proofs_checks.library.lemma_library import CondE

    x, b = _param(lem, "X"), _param(lem, "B")
    return Pr(b) * CondE(x, b)


PLANTS: dict[str, tuple[str, Callable[[Lemma], Lemma]]] = {
    # issue 22's new lemmas: a dropped hypothesis, a wrong constant
    "N1": ("Sup density (convolution)", _drop("independent")),
    "N2": ("Sup density (convolution)", _bound(_halved)),
    "N3": ("Sup density (scaling)", _bound(_scaling_one_power_too_many)),
    "N4": ("Ball mass", _bound(_halved)),
    "N5": ("Expectation of a constant", _bound(_twice_the_constant)),
    "N6": ("Total expectation", _bound(_without_the_complement)),
    "C1": ("Markov", _markov_without_nonnegativity),
    "C2": ("Chebyshev", _bound(_chebyshev_half)),
    "C3": ("Paley-Zygmund", _bound(_pz_unsquared)),
    "C4": ("Monotonicity", _drop("implies")),
    "C5": ("Ball volume", _bound(_ball_gamma)),
    "C6": ("Union bound (family)", _bound(_union_product)),
    "C8": ("Hoeffding", _bound(_hoeffding_unsquared)),
}


def test_the_unplanted_library_passes() -> None:
    assert lemma_audit.failing_lemmas() == {}
    results = lemma_audit.audit_results()
    assert set(results) == set(lib.LIBRARY)
    assert all(r is not None and r.finding is None and r.kept > 0 for r in results.values())


@pytest.mark.parametrize("label", sorted(PLANTS))
def test_a_planted_mutant_is_named(label: str, monkeypatch: pytest.MonkeyPatch) -> None:
    name, mutate = PLANTS[label]
    mutant = mutate(lib.LIBRARY[name])
    assert mutant != lib.LIBRARY[name]
    monkeypatch.setitem(lib.LIBRARY, name, mutant)
    lemma_audit.clear_cache()
    failing = lemma_audit.failing_lemmas()
    assert set(failing) == {name}, (label, failing)
    reason = failing[name]
    assert reason and "\n" not in reason
    # the case named is a counterexample to the mutant, not to the library's lemma
    found = lemma_audit.check_pinned(mutant) or lemma_audit.audit(mutant).finding
    assert found is not None and found.text() == reason
    assert lemma_audit.run(mutant, found.case).status in ("false", "undefined")
    monkeypatch.undo()
    assert lemma_audit.run(lib.LIBRARY[name], found.case).status in ("holds", "skipped")


def test_the_result_follows_the_library_without_clearing_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # cached on each lemma's contents: a lemma changed after a first call is audited anew
    assert lemma_audit.failing_lemmas() == {}
    name, mutate = PLANTS["C4"]
    monkeypatch.setitem(lib.LIBRARY, name, mutate(lib.LIBRARY[name]))
    assert set(lemma_audit.failing_lemmas()) == {name}


def test_a_lemma_without_a_generator_is_unaudited(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = dataclasses.replace(lib.LIBRARY["Triangle"], name="Triangle (copy)")
    monkeypatch.setitem(lib.LIBRARY, "Triangle (copy)", extra)
    failing = lemma_audit.failing_lemmas()
    assert set(failing) == {"Triangle (copy)"} and "unaudited" in failing["Triangle (copy)"]


def test_c4_planted_fails_check_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Monotonicity without A => B: Lemma B.6 cites it, and its check no longer holds (the
    step resting on the lemma is ASSUMED, naming the audit's counterexample)."""
    from hallbound.proofs_checks import Verdict
    from hallbound.proofs_checks.claims.bad_estimations.lemmas import lemma_b6
    from hallbound.proofs_checks.engine.checker import check_claim

    assert check_claim(lemma_b6()).verdict.holds
    name, mutate = PLANTS["C4"]
    monkeypatch.setitem(lib.LIBRARY, name, mutate(lib.LIBRARY[name]))
    res = check_claim(lemma_b6())
    assert not res.verdict.holds
    step = res.steps[0]  # B.6a: searched on exact laws still, but no longer proved
    assert step.verdict is Verdict.SUPPORTED
    assert "Monotonicity failed the trust-base audit" in step.detail


def test_a_lemma_outside_the_trust_base_is_an_assumption() -> None:
    """A user's own Lemma object (here a false 'lemma': x <= 0 for every real x) backs no
    proof: the step is at most ASSUMED, and says why."""
    from hallbound.proofs_checks import Claim, Param, Step, Verdict, check_claim

    x = sp.Symbol("x", real=True)
    fake = Lemma("Everything is small", "nowhere", (lib.Param("x", "real", x),), (),
                 (x, "<=", sp.Integer(0)))
    inst = fake.instance(x=x)
    step = Step("s", x, "<=", sp.Integer(0), "my lemma", kind="lemma", lemmas=(inst,))
    res = check_claim(Claim("mine", "", [Param("x", x, lo=-1, hi=0)], [step]))
    assert res.steps[0].verdict is Verdict.ASSUMED
    assert any("not a lemma of the trust base" in a for a in res.steps[0].assumed)
