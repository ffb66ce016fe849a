"""HCDR audit on synthetic Gaussian-mixture embeddings whose truth is known, bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest

from hallbound.cli import main
from hallbound.experiments.audit import AuditConfig, audit

D, K, PER_CLASS = 12, 3, 1000


def class_means() -> np.ndarray:
    rng = np.random.default_rng(0)
    m = rng.normal(size=(K, D))
    return 10 * m / np.linalg.norm(m, axis=1, keepdims=True)


def draw_real(rng: np.random.Generator, per_class: int) -> tuple[np.ndarray, np.ndarray]:
    means = class_means()
    x = np.vstack([means[c] + rng.normal(size=(per_class, D)) for c in range(K)])
    return x, np.repeat(np.arange(K), per_class)


def draw_far(rng: np.random.Generator, n: int) -> np.ndarray:
    """Around the midpoint of two class means: the squared-loss answer to 'class 0 or 1'."""
    means = class_means()
    return 0.5 * (means[0] + means[1]) + 0.3 * rng.normal(size=(n, D))


@pytest.fixture(scope="module")
def synthetic():
    rng = np.random.default_rng(1)
    x, y = draw_real(rng, PER_CLASS)
    like, _ = draw_real(rng, 200)
    far = draw_far(rng, 600)
    gen = np.vstack([like, far, np.vstack([like[:300], far[:300]])])
    groups = np.repeat(np.array(["real", "far", "mix"]), 600)
    result = audit(x, y, gen, groups, AuditConfig(percentile=10, pca=6, components=(1, 3)))
    return result, x, y, gen, groups


def test_recovers_known_truth_within_interval(synthetic) -> None:
    result, *_ = synthetic
    # Truth for the fitted HCDR: a large independent sample from the real law.
    big, _ = draw_real(np.random.default_rng(99), 20000)
    p_real = result.model.outside(big).mean()
    truths = {"real": p_real, "far": 1.0, "mix": 0.5 * p_real + 0.5}
    shares = {s.name: s for s in result.groups}
    for name, truth in truths.items():
        lo, hi = shares[name].ci
        assert lo <= truth <= hi, (name, truth, shares[name].to_json())
    # The fitted HCDR holds about 1 - percentile/100 of the real law.
    assert abs(p_real - 0.10) < 0.03


def test_held_out_share_near_percentile(synthetic) -> None:
    result, *_ = synthetic
    lo, hi = result.real_test.ci
    assert lo <= 0.10 + 0.02 and hi >= 0.10 - 0.02
    # Thresholds are the calibration split's 10th percentiles: by construction.
    assert result.real_calibration.rate == pytest.approx(0.10, abs=0.01)


def test_outside_matches_definition(synthetic) -> None:
    result, _, _, gen, _ = synthetic
    logf = result.generated_logf
    # Outside the HCDR <=> at or below the threshold of every class (union of HDRs).
    expected = np.all(logf <= np.array(result.thresholds), axis=1)
    assert np.array_equal(result.model.outside(gen), expected)
    assert result.generated.outside == int(expected.sum())


def write_npz(tmp_path, name: str, **arrays) -> str:
    path = tmp_path / name
    np.savez(path, **arrays)
    return str(path)


def test_cli_json_and_plot(tmp_path, capsys) -> None:
    rng = np.random.default_rng(3)
    x, y = draw_real(rng, 60)
    real = write_npz(tmp_path, "real.npz", X=x, labels=y)
    gen = write_npz(tmp_path, "gen.npz", X=draw_far(rng, 40), group=np.arange(40) % 2)
    fig = tmp_path / "audit.png"
    argv = ["audit", "--real", real, "--generated", gen, "--pca", "4", "--components", "1:2"]
    argv += ["--covariance", "full"]
    assert main([*argv, "--json", "--plot", str(fig)]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload["groups"]) == {"0", "1"}
    assert payload["generated"]["n"] == 40
    assert payload["config"]["covariance"] == "full"
    assert fig.read_bytes()[:4] == b"\x89PNG"


def _bad_case(tmp_path, case: str) -> list[str]:
    rng = np.random.default_rng(4)
    x, y = draw_real(rng, 30)
    g = draw_far(rng, 10)
    real_kw: dict = {"X": x, "labels": y}
    gen_kw: dict = {"X": g}
    if case == "dims":
        gen_kw["X"] = g[:, :5]
    elif case == "few":
        real_kw["labels"] = np.where(np.arange(len(y)) < 5, 7, y)
    elif case == "nan_real":
        x = x.copy()
        x[3, 2] = np.nan
        real_kw["X"] = x
    elif case == "nan_gen":
        g = g.copy()
        g[0, 0] = np.nan
        gen_kw["X"] = g
    elif case == "missing":
        del real_kw["labels"]
    elif case == "labels_len":
        real_kw["labels"] = y[:-1]
    elif case == "group_len":
        gen_kw["group"] = np.arange(3)
    real = write_npz(tmp_path, "r.npz", **real_kw)
    gen = write_npz(tmp_path, "g.npz", **gen_kw)
    return ["audit", "--real", real, "--generated", gen, "--pca", "3"]


@pytest.mark.parametrize(
    "case, parameter",
    [
        ("dims", "generated.X"),
        ("few", "real.labels"),
        ("nan_real", "real.X"),
        ("nan_gen", "generated.X"),
        ("missing", "real"),
        ("labels_len", "real.labels"),
        ("group_len", "generated.group"),
    ],
)
def test_cli_bad_input_one_line_exit_2(tmp_path, capsys, case: str, parameter: str) -> None:
    assert main(_bad_case(tmp_path, case)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"hallbound: error: {parameter}: "), err


@pytest.mark.parametrize(
    "extra, parameter",
    [
        (["--percentile", "0"], "percentile"),
        (["--percentile", "nan"], "percentile"),
        (["--pca", "0"], "pca"),
        (["--components", "3:1"], "components"),
        (["--covariance", "spherical"], "covariance"),
        (["--plot", "a.jpgx"], "plot"),
    ],
)
def test_cli_bad_options(tmp_path, capsys, extra: list[str], parameter: str) -> None:
    argv = _bad_case(tmp_path, "ok")
    assert main([*argv, *extra]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"hallbound: error: {parameter}: "), err


def test_missing_file(tmp_path, capsys) -> None:
    argv = ["audit", "--real", str(tmp_path / "no.npz"), "--generated", str(tmp_path / "x.npz")]
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("hallbound: error: real: no such file")


@pytest.mark.parametrize("flag, parameter", [("--real", "real"), ("--generated", "generated")])
def test_directory_given_as_file_says_so(tmp_path, capsys, flag: str, parameter: str) -> None:
    argv = _bad_case(tmp_path, "ok")
    folder = tmp_path / "folder.npz"
    folder.mkdir()
    argv[argv.index(flag) + 1] = str(folder)
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"hallbound: error: {parameter}: {folder} is a directory, not a file"], err
