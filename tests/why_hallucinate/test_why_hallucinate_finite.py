"""Kalai et al. (2025) toolkit: finite quantities, Theorem 1/4 properties, evaluators, CLI.

Expected values are computed independently: by hand for the worked examples, by brute force
over thresholds, by direct float arithmetic for the evaluators.
"""

from __future__ import annotations

import json
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.symbolic.why_hallucinate import bounds
from hallbound.symbolic.why_hallucinate.finite import from_mapping, make
from hallbound.symbolic.why_hallucinate.instances import MODES, equality_case, random_instance
from hallbound.why_hallucinate.files import load

F = Fraction
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


@given(SEEDS, st.sampled_from(MODES))
def test_theorem1_holds_on_every_instance(seed, mode):
    inst = random_instance(np.random.default_rng(seed), mode)
    assert inst.err() >= 2 * inst.err_iiv() - F(inst.k, inst.K) - inst.delta()


def test_theorem1_ties_at_threshold_go_to_B():
    # |E| = 2, K = 2: p-hat(e0) = 1/2 exactly is not above 1/K, so f-hat(e0) = -.
    inst = make([F(1)], [1], [2], [[F(1), F(0), F(0)]], [[F(0), F(1, 2), F(1, 2)]])
    assert inst.threshold() == F(1, 2)
    # D(v) = 1/2 misclassified (p-hat(v) = 0), errors all negative: err_iiv = 1/2.
    assert inst.err_iiv() == F(1, 2)
    assert inst.delta() == 0  # A is empty
    assert inst.err() == 1 and inst.theorem1_rhs() == F(1, 2)


def test_equality_case_is_tight():
    for n in (1, 2, 5):
        inst = equality_case(n)
        assert (inst.err(), inst.err_iiv(), inst.delta()) == (0, F(1, 2), 0)
        assert inst.theorem1_rhs() == 0


def test_negative_control_p_on_errors_can_break_theorem1():
    rng = np.random.default_rng(3)
    fails = [random_instance(rng, p_error_mass=True) for _ in range(500)]
    assert any(i.err() < i.theorem1_rhs() for i in fails)


@given(SEEDS, st.sampled_from(MODES))
def test_theorem4_with_exact_expectation(seed, mode):
    inst = random_instance(np.random.default_rng(seed), mode, multiple_choice=True)
    c = inst.K + 1
    e_t = inst.expected_err_iiv()
    # E_t independently, by linearity: Pr_t[p-hat(x) > t] = p-hat(x) for t ~ U[0, 1].
    by_linearity = sum(
        inst.D(pr, j) * (1 - pr.p_hat[j] if pr.is_valid(j) else pr.p_hat[j])
        for _, j, pr in inst.items()
    )
    assert e_t == by_linearity
    fn = sum(pr.weight * (1 - pr.p_hat[0]) for pr in inst.prompts) / 2
    assert fn == inst.err() / 2  # step 3: the false-negative identity
    assert e_t >= inst.best_threshold()[1]
    assert inst.err() >= 2 * (1 - F(1, c)) * e_t >= 2 * (1 - F(1, c)) * inst.best_threshold()[1]
    if len({len(pr.errors) for pr in inst.prompts}) == 1:
        assert e_t == c * inst.err() / (2 * (c - 1))


@given(SEEDS)
def test_calibration_identity(seed):
    inst = random_instance(np.random.default_rng(seed), "dirichlet")
    # make p-hat positive on supp p: mix with the uniform
    pr = [
        (c.weight, len(c.valid), len(c.errors), c.p, [(q + F(1, len(c.p))) / 2 for q in c.p_hat])
        for c in inst.prompts
    ]
    inst = make(
        [x[0] for x in pr],
        [x[1] for x in pr],
        [x[2] for x in pr],
        [x[3] for x in pr],
        [x[4] for x in pr],
    )
    t = inst.threshold()

    def loss(s: float) -> float:
        total = 0.0
        for c in inst.prompts:
            a = sum(float(q) for q in c.p_hat if q > t)
            z = s * a + (1 - a)
            for pj, qj in zip(c.p, c.p_hat, strict=True):
                if pj:
                    qs = float(qj) * (s if qj > t else 1) / z
                    total -= float(c.weight * pj) * math.log(qs)
        return total

    h = 1e-6
    deriv = (loss(1 + h) - loss(1 - h)) / (2 * h)
    assert deriv == pytest.approx(float(inst.signed_delta()), abs=1e-6)


def test_corollary2_trigram(tmp_path):
    inst = load("examples/why_hallucinate_trigram.toml")
    for q in (F(0), F(1, 3), F(1)):
        two = make([F(1, 2)] * 2, [1, 1], [1, 1], [[1, 0], [1, 0]], [[q, 1 - q], [1 - q, q]])
        assert two.err() == F(1, 2)
        assert all(two.err_iiv(F(i, 10)) == F(1, 2) for i in range(11))
    aware = make([F(1, 2)] * 2, [1, 1], [1, 1], [[1, 0], [1, 0]], [[1, 0], [1, 0]])
    assert aware.err() == 0
    assert inst.err() == F(1, 2)


def test_uniform_p_hat_has_zero_delta_z():
    rng = np.random.default_rng(5)
    for _ in range(50):
        inst = random_instance(rng, "uniform")
        assert all(inst.delta(z) == 0 for z in inst.breakpoints())


def test_input_errors():
    with pytest.raises(InputError, match="weight"):
        from_mapping(
            {
                "prompt": [
                    {
                        "weight": 0.5,
                        "valid": ["a"],
                        "errors": ["b"],
                        "p": {"a": 1},
                        "p_hat": {"a": 1},
                    }
                ]
            }
        )
    with pytest.raises(InputError, match="p_hat"):
        from_mapping(
            {"prompt": [{"valid": ["a"], "errors": ["b"], "p": {"a": 1}, "p_hat": {"a": "1/2"}}]}
        )
    with pytest.raises(InputError, match="errors"):
        from_mapping({"prompt": [{"valid": ["a"], "errors": [], "p": {"a": 1}, "p_hat": {"a": 1}}]})


def test_json_input_matches_toml(tmp_path):
    data = {
        "prompt": [
            {
                "weight": "1",
                "valid": ["a", "b"],
                "errors": ["x", "y", "z"],
                "p": {"a": 0.25, "b": 0.75},
                "p_hat": {"a": 0.5, "x": 0.5},
            }
        ]
    }
    path = tmp_path / "i.json"
    path.write_text(json.dumps(data))
    inst = load(path)
    # K = 3, threshold 1/3: A = {a, x}; p-hat(A) = 1, p(A) = 1/4.
    assert inst.delta() == F(3, 4)
    assert inst.err() == F(1, 2)
    # D: a 1/8, b 3/8, x,y,z 1/6 each; wrong: b (3/8), x (1/6).
    assert inst.err_iiv() == F(3, 8) + F(1, 6)


def test_evaluators_match_hand_arithmetic():
    out = bounds.singleton_lower(0.3, 10**6, 364, 0.01)
    hand = 0.3 - 2 / 364 - (35 + 6 * math.log(10**6)) / 1000 - 0.01
    assert out["lower"] == pytest.approx(hand, rel=1e-12) and out["confidence"] == 0.99
    out = bounds.singleton_lower(0.3, 10**5, 10, 0.0, 0.05)
    hand = 0.3 - 0.2 - 6 * math.log(3 * 10**5 / 0.05) / math.sqrt(10**5)
    assert out["lower"] == pytest.approx(hand, rel=1e-12) and out["confidence"] == 0.95
    up = bounds.singleton_upper(0.3, 10**4, 9, 0.1)
    assert up["upper"] == pytest.approx(0.3 - 0.03 + 5 * math.sqrt(math.log(50) / 1e4))
    assert bounds.singleton_upper(0.3, 100, 9)["upper"] == pytest.approx(0.27 + 1.3)
    assert bounds.multiple_choice_lower(0.3, 4)["lower"] == pytest.approx(0.45)
    with pytest.raises(InputError, match="--gamma"):
        bounds.singleton_lower(0.3, 10, 2, 0.0, 0.0)


def test_cli_bound(capsys):
    assert (
        main(
            [
                "bound",
                "singleton",
                "--sr",
                "0.2",
                "--n",
                "100000",
                "--min-errors",
                "364",
                "--delta",
                "0",
                "--gamma",
                "0.01",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["lower"] == pytest.approx(0.2 - 2 / 364 - 6 * math.log(3e5 / 0.01) / math.sqrt(1e5))
    assert set(out) >= {"lower", "confidence", "terms"}
    assert main(["bound", "iiv", "examples/why_hallucinate_trigram.toml", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["err"] == 0.5 and out["lower"] == 0.0 and out["holds"] is True
    assert main(["bound", "multiple-choice", "--err-iiv", "2", "--choices", "3"]) == 2
    assert "--err-iiv" in capsys.readouterr().err


def test_proptest_paper_cli_and_a_failing_property(capsys, monkeypatch):
    from hallbound.why_hallucinate import properties

    assert main(["proptest", "--paper", "why-hallucinate", "--examples", "15"]) == 0
    out = capsys.readouterr().out
    assert out.count("PASS") == len(properties.PROPERTIES)

    def too_strong(inst):  # drops the -k/K - delta slack: false (equality case: 0 >= 1)
        assert inst.err() >= 2 * inst.err_iiv(), "too strong"

    monkeypatch.setitem(properties.PROPERTIES, "too_strong", (too_strong, {}))
    (res,) = properties.run(50, ["too_strong"])
    assert not res.passed and "seed" in res.counterexample
    inst = random_instance(
        np.random.default_rng(res.counterexample["seed"]), res.counterexample["mode"]
    )
    assert inst.err() < 2 * inst.err_iiv()
    assert main(["proptest", "--paper", "nope"]) == 2
