"""Claims of Kalai et al. (2025): registry, paper keys, the refuted steps (witnesses
re-checked independently here), the constant steps, and ``check --paper``."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import pytest

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.proofs_checks.claims.registry import all_claims, find
from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.engine.verdicts import Verdict

PAPER = "why-hallucinate"


def _step(claim: str, step: str):
    (c,) = [x for x in find([claim], paper=PAPER) if x.name == claim]
    return check_step(c, next(s for s in c.steps if s.name == step))


def test_every_result_is_registered_under_the_paper_key():
    names = {c.name for c in all_claims() if c.paper == PAPER}
    for n in (
        "Theorem 1",
        "Corollary 1",
        "Theorem 2",
        "Theorem 3",
        "Theorem 4",
        "Corollary 2",
        "Corollary 3",
        "Lemma 1",
        "Lemma 2",
        "Observation 1",
        "Observation 2",
    ):
        assert n in names
    assert {c.paper for c in all_claims()} == {"bad-estimations", PAPER}
    assert all(c.paper == "bad-estimations" for c in find(["Theorem 5.1"]))


def test_paper_key_disambiguates_and_rejects_unknown():
    assert {c.paper for c in find([], paper=PAPER)} == {PAPER}
    with pytest.raises(InputError, match="--paper"):
        find([], paper="no-such-paper")
    with pytest.raises(InputError, match="CLAIM"):
        find(["Theorem 5.1"], paper=PAPER)


def test_penalty_at_t_075_is_refuted_with_the_true_value():
    res = _step("Confidence targets", "t=0.75")
    assert res.verdict is Verdict.REFUTED
    assert res.lhs == pytest.approx(0.75 / (1 - 0.75)) and res.rhs == 2
    fixed = _step("Confidence targets (corrected)", "t=0.75")
    assert fixed.verdict is Verdict.PROVED


def test_prompted_calibration_as_stated_is_refuted_by_its_witness():
    res = _step("Calibration identity", "3 (prompts, as stated)")
    assert res.verdict is Verdict.REFUTED
    # Recompute the stated loss's derivative at s = 1 from the witness by finite differences.
    w = res.witness
    thr = Fraction(1, w["K"])

    def loss(s: float) -> float:
        total = 0.0
        for c in w["prompts"]:
            ph = [Fraction(x) for x in c["p_hat"]]
            a = float(sum(q for q in ph if q > thr))
            z = s * a + 1 - a
            for q in ph:
                total -= float(Fraction(c["mu"])) * math.log(float(q) * (s if q > thr else 1) / z)
        return total

    h = 1e-6
    deriv = (loss(1 + h) - loss(1 - h)) / (2 * h)
    delta = abs(
        sum(
            Fraction(c["mu"]) * (Fraction(q) - Fraction(p))
            for c in w["prompts"]
            for p, q in zip(c["p"], c["p_hat"], strict=True)
            if Fraction(q) > thr
        )
    )
    assert abs(abs(deriv) - float(delta)) > 1e-3
    assert res.lhs == pytest.approx(abs(deriv), abs=1e-5)


@pytest.mark.parametrize(
    ("claim", "step", "value", "bound"),
    [
        ("Theorem 2", "LB 3b", 6 * math.log(300), 35),
        ("Theorem 2", "UB 6", 5 * math.sqrt(math.log(500)), 13),
        ("Lemma 2", "3", math.sqrt(2) + 4.42, 6),
        ("Corollary 3", "6", 1 + math.sqrt(2), 2.42),
    ],
)
def test_constant_steps_are_proved(claim, step, value, bound):
    assert value <= bound  # the arithmetic itself, independently
    assert _step(claim, step).verdict is Verdict.PROVED


def test_theorem1_is_proved_over_a_finite_x_with_symbolic_sizes():
    from hallbound.proofs_checks.engine.checker import check_claim

    (t1,) = [c for c in find(["Theorem 1"], paper=PAPER) if c.name == "Theorem 1"]
    res = check_claim(t1)
    by = {s.step: s for s in res.steps}
    assert res.chain_closed
    assert all(s.verdict is Verdict.PROVED for s in res.steps), {
        s.step: s.verdict for s in res.steps
    }
    # the sums over X are proved by SymPy, not sampled; 1b rests on the reverse triangle
    assert by["6"].method.startswith("sympy") and not by["6"].trials
    assert "Reverse triangle" in by["1b"].method
    assert by["10"].verdict is Verdict.PROVED and set(by["10"].cites) == {"2", "3", "6", "9"}
    assert res.verdict is Verdict.PROVED


def test_theorem1_sum_steps_need_their_pointwise_facts():
    """Without the stated fact A = {phat > 1/K}, step 6 has no proof (only its exact
    instance check: SUPPORTED); the same
    facts do not prove a false constant (phat(A - V) >= 3 D(A - V) fails at phat = 1/K on A,
    |E_c| = K)."""
    import dataclasses

    import sympy as sp

    from hallbound.proofs_checks.claims.why_hallucinate import reduction as r

    (t1,) = [c for c in find(["Theorem 1"], paper=PAPER) if c.name == "Theorem 1"]
    six = next(s for s in t1.steps if s.name == "6")
    fact = r.T1_FACTS[2]
    dropped = dataclasses.replace(t1, assumptions=[a for a in t1.assumptions if a != fact])
    assert check_step(dropped, six).verdict is Verdict.SUPPORTED
    wrong = dataclasses.replace(six, rhs=3 * r.DAV, law=None)
    assert check_step(t1, wrong).verdict is not Verdict.PROVED
    assert sp.Ge(r.PHA[r.c_, r.j_], r.IA[r.c_, r.j_] / r.K) == fact


def test_check_cli_paper_json(tmp_path, capsys):
    out = tmp_path / "c.json"
    assert main(["check", "Confidence targets", "--paper", PAPER, "--json", str(out),
                 "--verbose"]) == 0
    data = json.loads(out.read_text())
    records = data["steps"]
    assert records and {r["paper"] for r in records} == {PAPER}
    assert {c["paper"] for c in data["claims"]} == {PAPER}
    assert any(r["verdict"] == "REFUTED" and r["step"] == "t=0.75" for r in records)
    assert "[why-hallucinate, paper]" in capsys.readouterr().out
    assert main(["check", "--paper", "bogus"]) == 2


def test_tex_slugs_are_per_paper():
    from hallbound.paper_tex.claims_tex import claim_slug

    (t1,) = [c for c in find(["Theorem 1"], paper=PAPER) if c.name == "Theorem 1"]
    assert claim_slug(t1) == "why-hallucinate-theorem-1"
    (t51,) = find(["Theorem 5.1"], paper="bad-estimations")[:1]
    assert claim_slug(t51) == "theorem-5-1"


@pytest.mark.parametrize(
    "name",
    [
        "Corollary 1",
        "Theorem 1 consequences",
        "Uniform phat is calibrated",
        "Theorem 4",
        "Theorem 3",
        "Corollary 2",
        "Observation 2",
        "Observation 1",
    ],
)
def test_main_text_results_are_proved_and_close(name):
    """Each is PROVED step by step (no step sampled only) and its chain reaches its symbolic
    conclusion."""
    from hallbound.proofs_checks.engine.checker import check_claim

    (c,) = [x for x in find([name], paper=PAPER) if x.name == name]
    assert c.conclusion, "the statement is symbolic"
    res = check_claim(c)
    assert res.chain_closed, res.chain
    weak = {s.step: s.verdict.value for s in res.steps if s.verdict is not Verdict.PROVED}
    assert not weak and res.verdict is Verdict.PROVED


def test_theorem4_min_le_mean_rests_on_the_trust_base():
    """Step 6 (a minimum is at most a mean) is proved from Monotonicity (expectations) and
    Expectation of a constant; without step 6a (min <= err_iiv(f_t) at every t) the lemma's
    hypothesis is unproved and the step is not PROVED."""
    import dataclasses

    from hallbound.proofs_checks.engine.checker import check_claim

    (t4,) = [x for x in find(["Theorem 4"], paper=PAPER) if x.name == "Theorem 4"]
    res = next(s for s in check_claim(t4).steps if s.step == "6")
    assert res.verdict is Verdict.PROVED
    for name in ("Monotonicity (expectations)(", "Expectation of a constant("):
        assert any(x.startswith(name) for x in res.lemmas), res.lemmas
    six = next(s for s in t4.steps if s.name == "6")
    alone = dataclasses.replace(t4, steps=[six])
    assert check_step(alone, six, earlier={}).verdict is not Verdict.PROVED


def test_corollary2_trigram_err_is_one_half_for_every_q():
    """Independently: err = (phat(r2|c1) + phat(r1|c2))/2 with phat(.|c1) = phat(.|c2)."""
    for q in (Fraction(0), Fraction(3, 10), Fraction(1)):
        assert (Fraction(1, 2) * (1 - q) + Fraction(1, 2) * q) == Fraction(1, 2)
    from hallbound.proofs_checks.engine.checker import check_claim

    (c2,) = [x for x in find(["Corollary 2"], paper=PAPER) if x.name == "Corollary 2"]
    res = {s.step: s for s in check_claim(c2).steps}
    assert res["4"].verdict is Verdict.PROVED and res["4"].cites == ["2"]
