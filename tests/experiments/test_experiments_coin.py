"""Coin aggregation: the exact figures against an independent brute force over all
2^N head/tail outcomes of every input, in rationals; the learned part on a small sample."""

from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction

import numpy as np
import pytest
import scipy.stats

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.experiments.coin import coin_exact, coin_learn

DELTAS = [Fraction(1, 20), Fraction(1, 5), Fraction(3, 10), Fraction(2, 5), Fraction(1, 2)]


def brute_force(n: int) -> dict[str, object]:
    """Averages and rates by enumerating every input and every outcome vector."""
    coins = [Fraction(i, 2 * n) for i in range(1, 2 * n + 1)]
    inputs = list(itertools.combinations(coins, n))
    sums = {"p_estimate": Fraction(0), "p_ceil": Fraction(0), "p_round": Fraction(0)}
    sums["p_mode"] = Fraction(0)
    sums["bayes_risk"] = Fraction(0)
    hits = {v: [0] * len(DELTAS) for v in ("estimate", "ceil", "round", "mode")}
    for chosen in inputs:
        law: dict[int, Fraction] = {}
        for heads in itertools.product((0, 1), repeat=n):
            w = math.prod((q if h else 1 - q) for q, h in zip(chosen, heads, strict=True))
            law[sum(heads)] = law.get(sum(heads), Fraction(0)) + w
        est = sum(chosen)
        mean_by_law = sum(k * w for k, w in law.items())
        assert mean_by_law == est  # Lemma B.1: the optimum is the mean
        at = {
            "estimate": law.get(int(est), Fraction(0)) if est.denominator == 1 else Fraction(0),
            "ceil": law.get(math.ceil(est), Fraction(0)),
            "round": law.get(math.floor(est + Fraction(1, 2)), Fraction(0)),
            "mode": max(law.values()),
        }
        for v, value in at.items():
            sums[f"p_{v}"] += value
            for j, d in enumerate(DELTAS):
                hits[v][j] += value <= d
        sums["bayes_risk"] += sum((k - est) ** 2 * w for k, w in law.items())
    m = len(inputs)
    return {
        "averages": {k: v / m for k, v in sums.items()},
        "rates": {v: [Fraction(h, m) for h in hs] for v, hs in hits.items()},
    }


@pytest.mark.parametrize("n", [2, 3, 5])
def test_exact_averages_match_brute_force(n: int) -> None:
    got = coin_exact(n, DELTAS)
    ref = brute_force(n)
    assert got.exhaustive and got.inputs == math.comb(2 * n, n)
    for name, value in ref["averages"].items():
        assert got.averages[name].exact == value, name
    for name, values in ref["rates"].items():
        assert [f.exact for f in got.rates[name]] == values, name


def test_n2_paper_metric_by_hand() -> None:
    # Coins 1/4, 1/2, 3/4, 1. P(K = ceil(A*)) for the six pairs:
    # {1,2}: 1/2, {1,3}: 5/8, {1,4}: 1/4, {2,3}: 3/8, {2,4}: 1/2, {3,4}: 3/4; mean 1/2.
    assert coin_exact(2).averages["p_ceil"].exact == Fraction(1, 2)


def test_sampled_inputs_agree_with_exact_within_error() -> None:
    exact = coin_exact(5)
    sampled = coin_exact(5, max_inputs=10, samples=4000, seed=3)
    assert not sampled.exhaustive
    for name in ("p_ceil", "p_round", "p_mode"):
        fig = sampled.averages[name]
        assert fig.exact is None
        assert abs(fig.value - float(exact.averages[name].exact)) <= 4 * fig.stderr


def test_learned_part_small() -> None:
    curve = coin_learn(3, samples=600, epochs=3, seed=1)
    assert curve.epochs == [1, 2, 3]
    assert len(curve.train_mse) == 3 and len(curve.val_metric) == 3
    assert all(0 <= v <= 1 for v in curve.val_metric)
    # No regressor beats the mode on the validation mean of f(ceil(.)).
    assert max(curve.val_metric) <= curve.mode_val_metric + 1e-12
    assert 0 < curve.optimal_train_mse < 3


def test_learned_references_independent() -> None:
    curve = coin_learn(2, samples=200, epochs=1, seed=5)
    rng = np.random.default_rng(np.random.SeedSequence(5))
    keys = rng.random((200, 4))
    labels = np.sort(np.argsort(keys, axis=1)[:, :2] + 1, axis=1)
    p = labels[160:] / 4
    ref = np.mean([scipy.stats.poisson_binom.pmf(math.ceil(row.sum() - 1e-12), row) for row in p])
    assert curve.optimal_val_metric == pytest.approx(ref, abs=1e-12)


def test_cli_json_has_exact_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["experiment", "coin", "--json", "--n", "3"]) == 0
    payload = json.loads(capsys.readouterr().out)
    (entry,) = payload["exact"]
    assert Fraction(entry["averages"]["p_ceil"]["exact"]) == brute_force(3)["averages"]["p_ceil"]
    assert "learned" not in payload


def test_cli_plot(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "coin.png"
    args = ["experiment", "coin", "--n", "2", "--samples", "300", "--epochs", "2"]
    assert main([*args, "--plot", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "argv, parameter",
    [
        (["--n", "0"], "n"),
        (["--n", "a"], "n"),
        (["--delta", "0"], "delta"),
        (["--delta", "1.5"], "delta"),
        (["--plot", "x.gif"], "plot"),
    ],
)
def test_cli_bad_input(argv: list[str], parameter: str, capsys) -> None:
    assert main(["experiment", "coin", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"hallbound: error: {parameter}: ")


def test_bad_n_raises() -> None:
    with pytest.raises(InputError, match="^n: "):
        coin_exact(-1)


def test_learned_part_is_seeded() -> None:
    a = coin_learn(2, samples=300, epochs=2, seed=11)
    b = coin_learn(2, samples=300, epochs=2, seed=11)
    c = coin_learn(2, samples=300, epochs=2, seed=12)
    assert a.train_mse == b.train_mse and a.val_metric == b.val_metric
    assert a.train_mse != c.train_mse
