"""A step citing another claim as a lemma instance (issue 22): the cited claim's conclusion
is instantiated by substitution, its domains become premises, the citing step is capped by
the cited claim's verdict, and a cycle is refused."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.engine.checker import check_claim
from hallbound.proofs_checks.engine.citation import cite, cited_claims
from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.verdicts import Verdict

X = sp.Symbol("x", real=True)
Y = sp.Symbol("y", real=True)


def _cited(step_rhs: sp.Expr = X, name: str = "Toy square") -> Claim:
    """x^2 <= x on [0, 1] (true with ``step_rhs = x``; the planted variant's step is false)."""
    return Claim(
        name,
        "x^2 <= x on [0, 1]",
        [Param("x", X, lo=0, hi=1)],
        [Step("1", X**2, "<=", step_rhs, "x <= 1")],
        conclusion=[(X**2, "<=", X)],
    )


def _citing(cited: Claim, value: sp.Expr = Y / 2, hi: float = 2, name: str = "Toy half") -> Claim:
    """(y/2)^2 <= y/2 for y in [0, hi], from the cited claim at x = y/2."""
    return Claim(
        name,
        "(y/2)^2 <= y/2",
        [Param("y", Y, lo=0, hi=hi)],
        [Step("c", (Y / 2) ** 2, "<=", Y / 2, "the cited claim at x = y/2",
              lemmas=(cite(cited, x=value),))],
        conclusion=[((Y / 2) ** 2, "<=", Y / 2)],
    )


def _step(res, name: str = "c"):
    return next(s for s in res.steps if s.step == name)


def test_a_proved_cited_claim_backs_the_step_by_its_conclusion() -> None:
    inst = cite(_cited(), x=Y / 2)
    assert inst.conclusion == ((Y / 2) ** 2, "<=", Y / 2)
    # the domain x in [0, 1] becomes the premises y/2 >= 0 and y/2 <= 1
    assert {(h.lhs, h.rel, h.rhs) for h in inst.hypotheses} == {(Y / 2, ">=", 0), (Y / 2, "<=", 1)}
    res = check_claim(_citing(_cited()))
    step = _step(res)
    assert step.verdict is Verdict.PROVED, step.method
    assert step.method.startswith("from Toy square"), step.method
    assert res.verdict is Verdict.PROVED and res.chain_closed


def test_a_planted_false_cited_claim_leaves_the_citing_step_unproved() -> None:
    planted = _cited(step_rhs=X / 2)  # x^2 <= x/2: false at x = 1
    assert check_claim(planted).verdict is Verdict.REFUTED
    res = check_claim(_citing(planted))
    step = _step(res)
    assert step.verdict is Verdict.ASSUMED
    assert any("Toy square, which is REFUTED" in a for a in step.assumed), step.assumed
    assert res.verdict is not Verdict.PROVED


def test_a_value_outside_the_cited_domain_is_an_unmet_premise() -> None:
    # x^2 <= 1 is shown on [0, 1]; cited at x = -y (y in [0, 1]) it is true, but the
    # premise -y >= 0 of the citation fails: the step is not PROVED, and names it
    cited = Claim("Toy unit", "x^2 <= 1 on [0, 1]", [Param("x", X, lo=0, hi=1)],
                  [Step("1", X**2, "<=", 1, "x <= 1")], conclusion=[(X**2, "<=", 1)])
    citing = Claim("Toy minus", "y^2 <= 1", [Param("y", Y, lo=0, hi=1)],
                   [Step("c", Y**2, "<=", 1, "Toy unit at x = -y",
                         lemmas=(cite(cited, x=-Y),))],
                   conclusion=[(Y**2, "<=", 1)])
    step = _step(check_claim(citing))
    assert step.verdict is Verdict.ASSUMED
    assert any("-y >= 0" in a for a in step.assumed), step.assumed


def test_a_cycle_is_refused() -> None:
    first = _citing(_cited(), name="Toy square")  # cites a claim of its own name
    step = _step(check_claim(first))
    assert step.verdict is Verdict.ASSUMED
    assert any("circular" in a for a in step.assumed), step.assumed
    # through another claim: B cites A, then A (same name) cites B
    b = _citing(_cited(), name="Toy B")
    a = Claim("Toy square", "x^2 <= x", [Param("x", X, lo=0, hi=1)],
              [Step("c", X**2, "<=", X, "from B", lemmas=(cite(b, y=2 * X),))],
              conclusion=[(X**2, "<=", X)])
    assert cited_claims(a) == {"Toy B", "Toy square"}
    assert _step(check_claim(a)).verdict is Verdict.ASSUMED


def test_bad_citations_name_the_parameter() -> None:
    with pytest.raises(InputError, match="z"):
        cite(_cited(), x=Y, z=1)
    with pytest.raises(InputError, match="x"):
        cite(_cited())
    n = sp.Symbol("n", integer=True, positive=True)
    integer = Claim("Toy n", "n >= 1", [Param("n", n, kind="integer", lo=1)],
                    [Step("1", n, ">=", 1, "domain")], conclusion=[(n, ">=", 1)])
    with pytest.raises(InputError, match="integer"):
        cite(integer, n=Y)
    with pytest.raises(InputError, match="conclusion"):
        cite(Claim("Toy text", "words", [], [Step("1", 1, "<=", 2, "arithmetic")]))


def test_warm_checks_the_cited_claim_once() -> None:
    from hallbound.proofs_checks.engine import citation

    cited = _cited(name="Toy warm")
    step = _citing(cited, name="Toy warm citing").steps[0]
    citation._RESULTS.pop(citation._fingerprint(cited), None)
    citation.warm(step)
    assert citation._RESULTS[citation._fingerprint(cited)].verdict is Verdict.PROVED


def test_a_cited_claim_of_the_same_name_with_another_domain_is_checked_again() -> None:
    # x^2 <= x holds on [0, 1] and fails on [0, 2]: the cached result of the first must not
    # back a citation of the second (same name, same steps, another domain)
    good = _cited(name="Same name")
    wide = Claim("Same name", "x^2 <= x", [Param("x", X, lo=0, hi=2)],
                 [Step("1", X**2, "<=", X, "x <= 1")], conclusion=[(X**2, "<=", X)])
    assert _step(check_claim(_citing(good, hi=2))).verdict is Verdict.PROVED
    res = check_claim(_citing(wide, value=Y / 4, hi=2, name="Toy quarter"))
    assert _step(res).verdict is not Verdict.PROVED


def test_a_conclusion_over_a_step_declared_symbol_cannot_be_cited() -> None:
    z = sp.Symbol("z", real=True)
    inner = Claim("Inner", "z^2 <= z", [Param("x", X, lo=0, hi=1)],
                  [Step("1", z**2, "<=", z, "z in [0, 1]", params=(Param("z", z, lo=0, hi=1),))],
                  conclusion=[(z**2, "<=", z)])
    with pytest.raises(InputError, match="only its steps declare"):
        cite(inner, x=Y)
