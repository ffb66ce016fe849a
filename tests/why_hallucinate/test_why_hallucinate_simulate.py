"""The numba Arbitrary-Facts kernel against the exact finite model (fractions), and the
simulate CLI."""

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
from hallbound.numeric.why_hallucinate import prompt_terms, simulate
from hallbound.symbolic.why_hallucinate.facts import ALGORITHMS, Facts


@given(st.integers(0, 2**32 - 1), st.sampled_from(ALGORITHMS), st.integers(2, 6))
def test_kernel_matches_the_exact_model(seed, algorithm, r):
    rng = np.random.default_rng(seed)
    m = int(rng.integers(1, 6))
    alpha = tuple(Fraction(int(x), 4) for x in rng.integers(0, 5, size=m))
    answer = tuple(int(x) for x in rng.integers(0, r, size=m))
    sample = []
    for _ in range(int(rng.integers(1, 12))):
        c = int(rng.integers(0, m))
        sample.append((c, answer[c] if rng.random() < float(alpha[c]) else -1))
    facts = Facts((Fraction(1, m),) * m, (r,) * m, alpha, answer, tuple(sample))
    inst = facts.model(algorithm)
    ans = np.array([sum(1 for c, x in sample if c == i and x >= 0) for i in range(m)])
    idk = np.array([sum(1 for c, x in sample if c == i and x < 0) for i in range(m)])
    out = prompt_terms(
        np.array([float(a) for a in alpha]), ans, idk, r, ALGORITHMS.index(algorithm), 1.0
    )
    assert out[0] / len(sample) == pytest.approx(float(facts.sr()))
    assert out[1] == pytest.approx(float(facts.missing_mass()))
    assert out[2] == pytest.approx(float(inst.err()))
    assert out[3] == pytest.approx(float(inst.err_iiv()))
    assert abs(out[4]) == pytest.approx(float(inst.delta()), abs=1e-12)


def test_reference_run_of_the_note():
    sim = simulate(10**5, 10**5, 365, "0.5:1", "calibrated", 3, 7, (0.01,))
    # sr ~ E[alpha e^-alpha] for alpha ~ U[.5, 1] (one sample per prompt on average)
    expect = (1.5 * math.exp(-0.5) - 2 * math.exp(-1)) / 0.5
    for row in sim.rows:
        assert row["sr"] == pytest.approx(expect, abs=0.01)
        assert row["delta"] == 0.0  # the calibrated algorithm: delta_z = 0
        assert row["lower"] <= row["err"] <= row["upper"]
        assert row["err"] <= row["MM"] * 364 / 365 + 1e-12  # Theorem 2 UB step 3
    assert sim.failures["0.01"]["lower"]["failures"] == 0


def test_memorize_idk_has_no_errors_but_large_delta():
    sim = simulate(2000, 2000, 10, "0.5:1", "memorize-idk", 2, 1, (0.1,))
    for row in sim.rows:
        assert row["err"] == 0 and row["delta"] > 0.2


def test_simulate_cli(capsys):
    assert (
        main(
            [
                "simulate",
                "arbitrary-facts",
                "--prompts",
                "500",
                "--n",
                "500",
                "--answers",
                "5",
                "--trials",
                "4",
                "--seed",
                "3",
                "--gamma",
                "0.05,0.5",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert len(out["trials"]) == 4 and set(out["failures"]) == {"0.05", "0.5"}
    assert out["failures"]["0.05"]["lower"]["ci95"][1] <= 1
    assert (
        main(["simulate", "arbitrary-facts", "--prompts", "5", "--n", "5", "--answers", "1"]) == 2
    )
    assert "--answers" in capsys.readouterr().err
    with pytest.raises(InputError, match="--alpha"):
        simulate(5, 5, 3, "0.9:0.1", "calibrated", 1, 0)
