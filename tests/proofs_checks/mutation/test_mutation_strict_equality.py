"""A strict mutant is false where its two sides are exactly equal (issue 19, items 7 and 10).

``a = b`` flipped to ``a < b`` (or ``a > b``) fails at every point, by equality. The first
model used to call such a mutant *true* (equality within the 50-digit tolerance never counted
against a strict relation), so a false mutant was never checked. Now equality at 50 digits is
confirmed exactly (SymPy, at the exact point) and counts; a strict mutant whose sides are
merely *close* (1e-45 apart) stays true. Every witness is re-checked here with Fractions.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks import mutation as M
from hallbound.proofs_checks.engine.claim import Claim, Param, Step

x = sp.Symbol("x", real=True)
PX = Param("x", x, lo=0, hi=2)


def _mutant(step: Step, rel: str, rhs: sp.Basic | None = None) -> M.Mutant:
    new = Step(step.name, step.lhs, rel, step.rhs if rhs is None else rhs, "mutant",
               params=step.params)
    claim = Claim("toy strict", "x", [PX], [new])
    return M.Mutant(claim, new, step, "flip-rel", f"{step.rel} -> {rel}")


def _identity() -> Step:
    return Step("S", x * (x + 1), "=", x**2 + x, "expand", params=[PX])


def test_an_identity_flipped_to_strict_is_false_with_an_exact_witness():
    for rel in ("<", ">"):
        ev = M.evaluate_mutant(_mutant(_identity(), rel))
        assert ev.status == "false", (rel, ev.how)
        xv = Fraction(ev.witness["x"])
        assert 0 <= xv <= 2
        assert xv * (xv + 1) == xv**2 + xv  # the sides are equal: a < b and a > b both fail


def test_the_checker_refutes_the_flipped_identity_by_equality():
    verdict, method = M.check_mutant(_mutant(_identity(), "<"))
    assert verdict == "REFUTED"
    assert "exactly equal" in method


def test_a_strict_mutant_with_sides_only_close_stays_true():
    tiny = sp.Rational(1, 10**45)  # 1e-45 apart: equal at 50 digits' tolerance, never exactly
    step = Step("S", x + tiny, ">", x, "tiny", params=[PX])
    ev = M.evaluate_mutant(_mutant(step, ">", rhs=x + tiny / 2))
    assert ev.status == "true", ev.how
    verdict, _ = M.check_mutant(_mutant(step, ">", rhs=x + tiny / 2))
    assert verdict != "REFUTED"


def test_a_true_equivalent_mutant_is_not_refuted():
    step = Step("S", (x + 1) ** 2, ">=", x**2 + 2 * x, "square", params=[PX])
    same = _mutant(step, ">", rhs=x**2 + 2 * x)  # (x + 1)^2 = x^2 + 2x + 1 > x^2 + 2x: true
    ev = M.evaluate_mutant(same)
    assert ev.status == "true"
    assert M.check_mutant(same)[0] != "REFUTED"


# ----- the second (finite) model: sums over a symbolic N ---------------------------------
i = sp.Symbol("i", integer=True)
n = sp.Symbol("N", integer=True, positive=True)
xs = sp.IndexedBase("x")
PN = Param("N", n, kind="integer", lo=1, search=(1, 6))
S = sp.Sum(xs[i], (i, 1, n))
TINY = sp.Rational(1, 10**45)


def _sum_mutant(lhs: sp.Basic, rel: str, rhs: sp.Basic, new_rel: str,
                new_rhs: sp.Basic) -> M.Mutant:
    step = Step("S", lhs, rel, rhs, "sum", params=[PN])
    new = Step("S", lhs, new_rel, new_rhs, "mutant", params=[PN])
    return M.Mutant(Claim("toy sums", "x", [PN], [new]), new, step, "test", "test")


def test_second_model_counts_an_exact_irrational_equality_against_a_strict_mutant():
    m = _sum_mutant(sp.sqrt(2) * S, "=", sp.sqrt(2 * S**2), "<", sp.sqrt(2 * S**2))
    assert M.first_model(m).status == "undecidable"
    ev = M.evaluate_mutant(m)
    assert (ev.status, ev.model) == ("false", "second"), ev.how
    size = int(ev.witness["N"])
    total = sum(Fraction(str(ev.witness[f"x[{k}]"])) for k in range(1, size + 1))
    assert total >= 0  # sqrt(2) * total = sqrt(2 * total^2): the strict '<' fails


def test_second_model_does_not_count_sides_only_close_against_a_strict_mutant():
    lhs = sp.sqrt(2) * S + TINY
    m = _sum_mutant(lhs, ">=", sp.sqrt(2 * S**2), ">", sp.sqrt(2 * S**2) + TINY / 2)
    ev = M.evaluate_mutant(m)
    assert (ev.status, ev.model) == ("true", "second"), (ev.how, ev.witness)
    # sqrt(2) S + 1e-45 > sqrt(2) S + 5e-46 holds: 5e-46 apart is not equal
