"""The mutation report (hallbound.proofs_checks.mutation.summary): the
three kill kinds, the decided fraction and the targets.

The end-to-end test runs five hand-made mutants of a tiny claim through the harness (the
independent models, then the real checker); which mutant is false and how the checker
answers is argued in each mutant's comment.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from hallbound.proofs_checks import mutation as M
from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.proofs_checks.library.randomness import E, JointLaw, Pr, evaluate, random_symbol
from hallbound.proofs_checks.mutation import runner
from hallbound.proofs_checks.mutation import summary as R


# ----- counting on hand-written outcomes ------------------------------------------------
def _o(claim: str, status: str, verdict: str | None = None) -> dict:
    return {"claim": claim, "independent": status, "verdict": verdict,
            "independent_how": "x", "kill": None}


@pytest.mark.parametrize(("verdict", "kind"), [
    ("REFUTED", "refuted"), ("SUPPORTED", "demoted"), ("ASSUMED", "demoted"),
    ("UNDECIDED", "demoted"), ("PROVED", "survived"), ("CERTIFIED", "survived"),
    ("TIMEOUT", "timeout"), ("ERROR: ValueError", "error"), (None, None),
])
def test_kill_kind(verdict, kind):
    assert R.kill_kind(verdict) == kind


def test_tally_counts_each_kind_per_claim_and_in_total():
    outs = [
        _o("A", "false", "REFUTED"), _o("A", "false", "SUPPORTED"), _o("A", "true"),
        _o("A", "undecidable"), _o("B", "false", "PROVED"), _o("B", "false", "REFUTED"),
        _o("B", "skipped"), _o("B", "false", "TIMEOUT"),
    ]
    s = R.tally(outs)
    a, b, t = s["per_claim"]["A"], s["per_claim"]["B"], s["total"]
    assert (a["generated"], a["decided"], a["false"], a["refuted"], a["demoted"],
            a["survived"]) == (4, 3, 2, 1, 1, 0)
    assert (b["generated"], b["decided"], b["false"], b["refuted"], b["survived"],
            b["timeout"], b["skipped"]) == (4, 3, 3, 1, 1, 1, 1)
    assert (t["generated"], t["decided"], t["false"], t["refuted"], t["demoted"]) == (8, 6, 5,
                                                                                      2, 1)
    f = s["fractions"]
    assert f["decided"] == pytest.approx(6 / 7)  # 8 generated, 1 skipped (never evaluated)
    assert f["killed"] == pytest.approx(3 / 5)  # 2 REFUTED + 1 demoted of 5 false
    assert f["refuted_share"] == pytest.approx(2 / 3)
    assert f["targets"] == {"decided": False, "killed": False, "refuted_share": False}


def test_targets_met_exactly_at_the_thresholds():
    outs = [_o("A", "false", "REFUTED")] * 8 + [_o("A", "false", "ASSUMED")] * 2
    outs += [_o("A", "true")] * 8 + [_o("A", "undecidable")] * 2  # 18/20 = 90% decided
    f = R.tally(outs)["fractions"]
    assert f["targets"] == {"decided": True, "killed": True, "refuted_share": True}


def test_source_change_counts_as_one_false_mutant_with_its_first_broken_step():
    src = {"claim": "T", "false": True, "killed": True,
           "step_verdicts": {"U1": "PROVED", "U5": "REFUTED"}}
    row = R.tally([], src)["per_claim"]["T (source change)"]
    assert (row["generated"], row["false"], row["refuted"]) == (1, 1, 1)


def test_reasons_are_grouped_with_their_counts_blanked():
    outs = [dict(_o("A", "undecidable"), independent_how=f"only {k} of 40 points")
            for k in (1, 2, 3)]
    assert R.undecided_reasons(outs) == [("only # of # points", 3)]


def test_undecided_by_step_counts_each_step_and_names_its_reason():
    outs = [dict(_o("A", "undecidable"), step="s1", independent_how=f"only {k} points")
            for k in (1, 2)]
    outs += [dict(_o("Lemma 2", "undecidable"), step="16 (failure)", independent_how="y"),
             dict(_o("A", "false", "REFUTED"), step="s2")]
    rows = R.undecided_by_step(outs)
    assert rows[0] == ("A", "s1", 2, "only # points")
    assert rows[1][:3] == ("Lemma 2", "16 (failure)", 1) and "Good-Turing" in rows[1][3]
    assert len(rows) == 2


# ----- a tiny claim, end to end -----------------------------------------------------------
x = sp.Symbol("x", real=True)
a = sp.Symbol("a", positive=True)
X = random_symbol("X", nonnegative=True)
PX = Param("x", x, lo=0, hi=1)
PA = Param("a", a, lo=1, hi=3)


def _markov_law() -> LawCheck:
    """A hand-written law check of Markov: it computes the ORIGINAL sides on random laws of
    X >= 0 (so it cannot see an edit of the displayed sides)."""

    def sample(rng: np.random.Generator) -> tuple[JointLaw, Fraction]:
        atoms = sorted({Fraction(int(k), 2) for k in rng.integers(0, 7, size=3)})
        return JointLaw.single(X, atoms, [Fraction(1, len(atoms))] * len(atoms)), Fraction(
            int(rng.integers(2, 7)), 2)

    def sides(case: tuple[JointLaw, Fraction]) -> tuple[Fraction, Fraction]:
        law, av = case
        return evaluate(Pr(sp.Ge(X, av)), law), evaluate(E(X), law) / av

    return LawCheck(sample, sides, lambda c: {"a": str(c[1])}, trials=40)


S1 = Step("S1", 2 * x, "<=", x + 1, "x <= 1", params=[PX])
S2 = Step("S2", Pr(sp.Ge(X, a)), "<=", E(X) / a, "Markov", kind="probability", law=_markov_law(),
          params=[PA])
S3 = Step("S3", x**2, ">=", 0, "a square", params=[PX])
TOY = Claim("toy kill kinds", "three steps", [PX, PA], [S1, S2, S3],
            assumptions=[(X, ">=", sp.Integer(0))])


def _mutant(step: Step, desc: str, **changes) -> M.Mutant:
    new = dataclasses.replace(step, **changes)
    claim = dataclasses.replace(TOY, steps=[new if s is step else s for s in TOY.steps])
    return M.Mutant(claim, new, step, "hand", desc)


MUTANTS = [
    # 2x > x + 1 means x > 1: false at every x in [0, 1]; the falsifier's first point refutes
    _mutant(S1, "flip", rel=">"),
    # 4x <= x + 1 means x <= 1/3: false on (1/3, 1]; refuted
    _mutant(S1, "4x", lhs=4 * x),
    # 2x <= x + 2 means x <= 2: true on [0, 1]; never checked
    _mutant(S1, "x + 2", rhs=x + 2),
    # Pr[X >= a] <= E X / (2a): false for X = a (1 > 1/2); the checker's law computes the
    # original sides, so it finds no counterexample, and cannot prove a false relation:
    # SUPPORTED or weaker, a demotion
    _mutant(S2, "half bound", rhs=E(X) / (2 * a)),
    # x^2 < 0: false everywhere; the checker is sound, so an unsound answer is simulated
    # below (PROVED for S3): the harness must report it as a survivor
    _mutant(S3, "flip", rel="<"),
]


@pytest.fixture(scope="module")
def toy_result():
    real = M.check_mutant

    def unsound(m, *args, **kw):
        if m.original.name == "S3":
            return "PROVED", "a simulated unsound checker"
        return real(m, *args, **kw)

    mp = pytest.MonkeyPatch()
    mp.setattr(runner, "check_mutant", unsound)  # where run_mutants looks it up
    try:
        outcomes = M.run_mutants(TOY.name, MUTANTS, trials=20)
    finally:
        mp.undo()
    return M.summarize(outcomes, None, 0.0, M.DEFAULT_SEED, 20, None)


def test_toy_claim_statuses(toy_result):
    got = [(o["step"], o["mutation"], o["independent"]) for o in toy_result["outcomes"]]
    assert got == [("S1", "flip", "false"), ("S1", "4x", "false"), ("S1", "x + 2", "true"),
                   ("S2", "half bound", "false"), ("S3", "flip", "false")]


def test_toy_claim_kill_kinds(toy_result):
    kinds = [o["kill"] for o in toy_result["outcomes"]]
    assert kinds == ["refuted", "refuted", None, "demoted", "survived"]
    row = toy_result["per_claim"]["toy kill kinds"]
    assert {k: row[k] for k in R.COLUMNS} == {"generated": 5, "decided": 5, "false": 4,
                                              "refuted": 2, "demoted": 1, "survived": 1}
    assert (toy_result["killed_by_refuted"], toy_result["killed_by_demotion"],
            toy_result["survived"]) == (2, 1, 1)
    assert toy_result["decided_fraction"] == 1.0
    assert toy_result["score"] == pytest.approx(3 / 4)
    assert toy_result["refuted_share"] == pytest.approx(2 / 3)
    assert [s["step"] for s in toy_result["survivors"]] == ["S3"]


def test_toy_report_shows_the_three_kinds_and_the_decided_fraction(toy_result):
    text = M.report(toy_result)
    header = text.splitlines()[0].split()
    assert header == ["claim", "generated", "decided", "false", "REFUTED", "demoted", "survived"]
    assert "decided: 5/5 mutants (100.0%" in text
    assert "by REFUTED 2, by demotion 1, survived 1" in text
    assert "kills by REFUTED: 2/3 (66.7%" in text
    assert "S3" in M.survivor_table(toy_result)


# ----- a real claim, pinned by reasoning --------------------------------------------------
def test_corollary_2_decided_fraction_and_kill_breakdown():
    r"""Corollary 2 of Why Language Models Hallucinate, every mutant decided and killed;
    step 1's mutants counted by hand (its later steps are proved symbolically and their
    mutants are only required to be decided and killed).

    Step 1 is :math:`2 - 2/C = 1` with ``given`` :math:`C := 2`, i.e. the constant identity
    1 = 1. Its mutants (the operators of the module doc; no premise variant, since no mutated
    side is linear in C):

    * relation: ``<`` and ``>`` (1 < 1, 1 > 1): 2, false;
    * left side :math:`2 - 2/C` (value 1 at C = 2): times 2 and 1/2 (2, 1/2); each of the
      constants 2, -2, -1 doubled and halved (3, 0, 0, 3/2, 3/2, 2 - sqrt 2); the factor
      :math:`1/C` dropped (0); each term dropped (-1, 2); the side and each term negated
      (-1, -3, 3): 14, all different from 1, false;
    * right side 1: times 2 and 1/2, the constant 1 doubled and halved, negated (2, 1/2, 2,
      1/2, -1): 5, false.

    So 21 mutants of step 1, all false. The 19 side mutants of step 1 are constant relations
    violated by at least 1/2: the falsifier refutes them at its one point. The two strict
    flips hold nowhere but fail only by equality: REFUTED where equality counts against a
    strict relation (issue item 7), else at most a demotion; never PROVED or CERTIFIED.
    """
    from hallbound.proofs_checks.claims.registry import all_claims

    claim = next(c for c in all_claims() if c.name == "Corollary 2")
    rows = [o.to_dict() for o in M.run_claim(claim, trials=20)]
    s = R.tally(rows)["per_claim"]["Corollary 2"]
    assert s["decided"] == s["generated"] and s["survived"] == 0
    assert s["refuted"] + s["demoted"] == s["false"]
    first = [o for o in rows if o["step"] == "1"]
    assert len(first) == 21 and all(o["independent"] == "false" for o in first)
    assert sum(o["kill"] == "refuted" for o in first) >= 19
    demoted = [o["mutation"] for o in first if o["kill"] == "demoted"]
    assert set(demoted) <= {"= -> <", "= -> >"}


def test_demotion_causes_name_the_reason_a_kill_is_not_a_refutation():
    base = {"independent": "false", "verdict": "SUPPORTED", "law": "", "original_rel": "<="}
    rows = [
        dict(base, operator="premise+scale-side", mutation="lhs: side * 2; given ..."),
        dict(base, operator="flip-rel", mutation="= -> <", original_rel="="),
        dict(base, operator="scale-side", mutation="rhs: side * 2", law="hand-written"),
        dict(base, operator="drop-term", mutation="lhs: drop term x", verdict="UNDECIDED"),
        dict(base, operator="drop-term", mutation="lhs: drop term y"),
        dict(base, operator="drop-term", mutation="lhs: drop term z", verdict="REFUTED"),
        dict(base, operator="premise+scale-side", mutation="rhs: side * 2; premises ...",
             law="hand-written"),
        dict(base, operator="premise+drop-term", mutation="lhs: drop term x; premises ...",
             verdict="ASSUMED", method="sympy assuming x <= 2 (does not follow from (3))"),
    ]
    assert [R.demotion_cause(r) for r in rows] == ["premise", "strict", "hand-law",
                                                   "no-number", "other", "other",
                                                   "premise-law", "premise-source"]
    causes = R.demotion_causes(rows)
    assert [n for _, n in causes] == [1, 1, 1, 1, 1, 1, 1]  # the REFUTED one is no demotion


def test_side_only_share_leaves_out_the_premise_changed_mutants():
    base = {"independent": "false", "verdict": "REFUTED"}
    rows = [
        dict(base, operator="scale-side"),
        dict(base, operator="drop-term", verdict="SUPPORTED"),
        dict(base, operator="premise+scale-side", verdict="ASSUMED"),
        dict(base, operator="premise+drop-term", verdict="ASSUMED"),
        dict(base, operator="flip-rel", independent="true", verdict=None),
    ]
    assert R.side_only_share(rows) == (1, 2)  # the premise+ demotions do not count
    res = M.summarize([], None, 0.0, M.DEFAULT_SEED, 20, None)
    res["side_only_refuted"] = R.side_only_share(rows)
    assert "without the premise-changed mutants (true conditionals, demoted by design): " \
           "1/2 (50.0%)" in M.report(res)
