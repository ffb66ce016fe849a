"""Monte Carlo hallucination rate: the compiled kernel against an independent NumPy
implementation (same stream, same count), thread-count independence, closed forms, CLI."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import scipy.stats

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.numeric.montecarlo import (
    RateProblem,
    count_hallucinations,
    hallucination_rate,
    numpy_count,
)
from hallbound.spec import parse_spec


def spec_dict(family: str, states: list[dict], law: dict, delta: float = 0.05) -> dict:
    return {"family": family, "delta": delta, "mean_law": law, "state": states}


CASES = {
    "normal-1d": spec_dict(
        "normal",
        [
            {"weight": 0.3, "mean": [1.0], "cov": [[1.0]]},
            {"weight": 0.7, "mean": [5.0], "cov": [[2.0]]},
        ],
        {"kind": "normal", "center": [0.0], "scale": [2.0]},
    ),
    "normal-2d-laplace": spec_dict(
        "normal",
        [
            {"weight": 0.2, "mean": [0.0, 0.0], "cov": [[1.0, 0.2], [0.2, 0.5]]},
            {"weight": 0.5, "mean": [0.0, 0.0], "cov": [[0.7, 0.0], [0.0, 0.7]]},
            {"weight": 0.3, "mean": [0.0, 0.0], "cov": [[1.5, -0.4], [-0.4, 1.0]]},
        ],
        {"kind": "laplace", "center": [1.0, -1.0], "scale": [1.5, 2.5]},
        delta=0.02,
    ),
    "uniform-uniform": spec_dict(
        "uniform",
        [
            {"weight": 0.5, "mean": [0.0], "half_width": 1.0},
            {"weight": 0.5, "mean": [0.0], "half_width": 2.0},
        ],
        {"kind": "uniform", "center": [0.0], "scale": [3.0]},
        delta=0.2,
    ),
    "laplace-two-point": spec_dict(
        "laplace",
        [
            {"weight": 0.4, "mean": [0.0], "scale": 1.0},
            {"weight": 0.6, "mean": [0.0], "scale": 0.5},
        ],
        {"kind": "two-point", "center": [0.5], "scale": [1.7]},
        delta=0.1,
    ),
    "student-normal": spec_dict(
        "student_t",
        [
            {"weight": 0.5, "mean": [0.0], "df": 3.0, "scale": 1.0},
            {"weight": 0.5, "mean": [0.0], "df": 5.0, "scale": 0.8},
        ],
        {"kind": "normal", "center": [0.0], "scale": [2.0]},
    ),
}


def problem(name: str) -> RateProblem:
    return RateProblem.from_spec(parse_spec(CASES[name]))


@pytest.mark.parametrize("name", sorted(CASES))
def test_kernel_count_equals_numpy_implementation(name: str) -> None:
    if name == "uniform-uniform":
        pytest.importorskip("hallbound.symbolic.families.uniform")
    pb = problem(name)
    n = 30_011
    got = count_hallucinations(pb, n, seed=11, chunk=4096)
    want = numpy_count(pb, n, seed=11, chunk=4096)
    assert got == want
    assert 0 < got < n


def test_count_independent_of_thread_count() -> None:
    pb = problem("normal-2d-laplace")
    counts = {t: count_hallucinations(pb, 50_003, seed=3, threads=t, chunk=997) for t in (1, 2, 3)}
    assert len(set(counts.values())) == 1
    assert count_hallucinations(pb, 50_003, seed=4, chunk=997) != counts[1]


def two_normal_spec(tmp_path, sigma: float, s: float, delta: float) -> str:
    text = f"""
family = "normal"
delta = {delta}
[mean_law]
kind = "normal"
center = [0.0]
scale = [{s}]
[[state]]
weight = 0.5
mean = [0.0]
cov = [[{sigma**2}]]
[[state]]
weight = 0.5
mean = [0.0]
cov = [[{sigma**2}]]
"""
    path = tmp_path / "two.toml"
    path.write_text(text)
    return str(path)


def test_rate_matches_closed_form_two_normals(tmp_path, capsys) -> None:
    sigma, s, delta = 1.0, 2.0, 0.05
    path = two_normal_spec(tmp_path, sigma, s, delta)
    assert main(["rate", path, "--n", "400000", "--seed", "7", "--level", "0.999", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"estimate", "ci", "n", "seed"}
    assert out["n"] == 400000 and out["seed"] == 7
    # Hand derivation: f(a) = exp(-(a-mu)^2/2s^2)/sqrt(2 pi sigma^2) <= delta iff
    # |a - mu| >= r = sigma sqrt(-2 ln delta - ln(2 pi sigma^2)); the estimate is (mu1+mu2)/2,
    # at distance |mu1 - mu2|/2 from both; mu1 - mu2 ~ N(0, 2 s^2).
    r = sigma * math.sqrt(-2 * math.log(delta) - math.log(2 * math.pi * sigma**2))
    closed = 2 * scipy.stats.norm.sf(2 * r / (s * math.sqrt(2)))
    lo, hi = out["ci"]
    assert lo <= closed <= hi
    assert lo <= out["estimate"] <= hi


def test_two_point_law_closed_form() -> None:
    # mu_i = +/- 2 independently; both states N(mu_i, 1): hallucination iff mu_1 != mu_2
    # (then the estimate 0 sits at distance 2 > r(0.1) = 1.49 from both).
    spec = spec_dict(
        "normal",
        [{"weight": 0.5, "mean": [0.0], "cov": [[1.0]]}] * 2,
        {"kind": "two-point", "center": [0.0], "scale": [2.0]},
        delta=0.1,
    )
    result = hallucination_rate(RateProblem.from_spec(parse_spec(spec)), 20_000, 1, level=0.999)
    lo, hi = result.ci
    assert lo <= 0.5 <= hi


@pytest.mark.parametrize(
    ("argv", "parameter"),
    [
        (["--n", "-5"], "n"),
        (["--n", "10", "--level", "1.5"], "level"),
        (["--n", "10", "--level", "0"], "level"),
        (["--n", "10", "--seed", "-1"], "seed"),
    ],
)
def test_rate_bad_arguments_exit_2(tmp_path, capsys, argv, parameter) -> None:
    path = two_normal_spec(tmp_path, 1.0, 2.0, 0.05)
    assert main(["rate", path, *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"hallbound: error: {parameter}:")


def test_unknown_mean_law_and_missing_table(tmp_path, capsys) -> None:
    path = tmp_path / "bad.toml"
    text = two_normal_spec(tmp_path, 1.0, 2.0, 0.05)
    path.write_text(
        open(text).read().replace('kind = "normal"\ncenter', 'kind = "cauchyish"\ncenter')
    )
    assert main(["rate", str(path), "--n", "10"]) == 2
    assert "mean_law.kind" in capsys.readouterr().err
    spec = dict(CASES["normal-1d"])
    spec.pop("mean_law")
    with pytest.raises(InputError, match="mean_law"):
        RateProblem.from_spec(parse_spec(spec))
    spec["mean_law"] = {"kind": "normal", "center": [0.0], "scale": [1.0], "spread": 2}
    with pytest.raises(InputError, match=r"mean_law\.spread"):
        RateProblem.from_spec(parse_spec(spec))


def test_unknown_loss_rejected() -> None:
    spec = {**CASES["normal-1d"], "loss": "no_such_loss"}
    with pytest.raises(InputError, match="loss"):
        RateProblem.from_spec(parse_spec(spec))


SYMMETRIC = spec_dict(
    "normal",
    [{"weight": 0.5, "mean": [0.0], "cov": [[1.0]]}] * 2,
    {"kind": "normal", "center": [0.0], "scale": [2.0]},
)


def test_python_method_matches_kernel_draw_by_draw() -> None:
    pb = RateProblem.from_spec(parse_spec(SYMMETRIC))
    kernel = count_hallucinations(pb, 150, 3, chunk=64)
    assert count_hallucinations(pb, 150, 3, chunk=64, method="python") == kernel
    assert 0 < kernel < 150


def test_absolute_loss_on_symmetric_pair_equals_midpoint_rule() -> None:
    # Two equal-weight N(mu_i, 1) states: the mixture median is (mu_1 + mu_2)/2 by symmetry,
    # the same point as the mean, so on the same draws the counts agree.
    pa = RateProblem.from_spec(parse_spec({**SYMMETRIC, "loss": "absolute"}))
    assert not pa.fast and pa.compiled
    ps = RateProblem.from_spec(parse_spec(SYMMETRIC))
    expected = count_hallucinations(ps, 150, 5, chunk=64)
    assert count_hallucinations(pa, 150, 5, chunk=64) == expected
    assert count_hallucinations(pa, 150, 5, chunk=64, method="python") == expected
    # Student-t has no closed-form CDF for the compiled median: the kernel is refused.
    pt = problem("student-normal").with_values(loss="absolute")
    assert not pt.compiled
    with pytest.raises(InputError, match="method"):
        count_hallucinations(pt, 10, 5, method="kernel")


def test_state_override_of_mean_law() -> None:
    spec = {**CASES["normal-1d"]}
    spec["state"] = [dict(s) for s in spec["state"]]
    spec["state"][1]["mean_law"] = {"kind": "uniform", "center": [0.0], "scale": [4.0]}
    pb = RateProblem.from_spec(parse_spec(spec))
    assert list(pb.kinds) == [0, 1]
    np.testing.assert_array_equal(pb.scales[:, 0], [2.0, 4.0])


def test_state_without_finite_mean_rejected() -> None:
    spec = spec_dict(
        "student_t",
        [{"weight": 1.0, "mean": [0.0], "df": 1.0, "scale": 1.0}],
        {"kind": "normal", "center": [0.0], "scale": [1.0]},
    )
    with pytest.raises(InputError, match=r"^state\[1\]"):
        RateProblem.from_spec(parse_spec(spec))
