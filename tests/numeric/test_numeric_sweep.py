"""Sweeps: rows against direct evaluation (hand-derived r_x and mean-law moments), the rate
column against ``hallbound rate``, whole-or-nothing output, grid errors."""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pytest

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.numeric.sweep import parse_values
from hallbound.numeric.theorem61 import paper_bound

SPEC = """
family = "normal"
delta = 0.05
[mean_law]
kind = "normal"
center = [0.0]
scale = [2.0]
[[state]]
weight = 0.3
mean = [1.0]
cov = [[1.0]]
[[state]]
weight = 0.7
mean = [5.0]
cov = [[1.0]]
"""


@pytest.fixture
def spec_path(tmp_path):
    path = tmp_path / "spec.toml"
    path.write_text(SPEC)
    return path


def read_rows(path) -> list[dict[str, str]]:
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def test_bound_rows_match_direct_evaluation(spec_path, tmp_path, capsys) -> None:
    out = tmp_path / "out" / "grid.csv"
    argv = [
        "sweep",
        str(spec_path),
        "--out",
        str(out),
        "--delta",
        "0.01:0.1:4",
        "--scale",
        "10,30",
        "--states",
        "2,3",
        "--weights",
        "equal",
    ]
    assert main(argv) == 0
    rows = read_rows(out)
    assert len(rows) == 4 * 2 * 2
    for row in rows:
        delta, n, s = float(row["delta"]), int(row["N"]), float(row["scale"])
        # N(mu, 1): r(delta) = sqrt(-2 ln delta - ln 2 pi); normal mean law: sigma^d = s^2, K = 1/3.
        r = math.sqrt(-2 * math.log(delta) - math.log(2 * math.pi))
        assert float(row["r_x"]) == pytest.approx(r, rel=1e-12)
        want = paper_bound([1 / n] * n, [s * s] * n, [1 / 3] * n, r)
        got = float(row["bound"])
        if want.applicable:
            assert got == pytest.approx(float(want.product), rel=1e-12)
        else:
            assert math.isnan(got) and row["applicable"] == "False"
    if (out.with_suffix(".parquet")).exists():
        import pyarrow.parquet as pq

        table = pq.read_table(out.with_suffix(".parquet")).to_pydict()
        assert table["delta"] == [float(r["delta"]) for r in rows]


def test_rate_column_matches_rate_command(spec_path, tmp_path, capsys) -> None:
    out = tmp_path / "rate.csv"
    argv = [
        "sweep",
        str(spec_path),
        "--out",
        str(out),
        "--what",
        "rate",
        "--n",
        "20000",
        "--seed",
        "5",
        "--delta",
        "0.05",
        "--no-parquet",
    ]
    assert main(argv) == 0
    (row,) = read_rows(out)
    assert not out.with_suffix(".parquet").exists()
    capsys.readouterr()
    assert main(["rate", str(spec_path), "--n", "20000", "--seed", "5", "--json"]) == 0
    ref = json.loads(capsys.readouterr().out)
    assert int(row["count"]) == ref["count"]
    assert float(row["ci_lo"]) == pytest.approx(ref["ci"][0], rel=1e-12)


@pytest.mark.parametrize(
    ("extra", "parameter"),
    [
        (["--delta", "0.01:0.1:100000", "--scale", "1:2:100000"], "grid"),
        (["--delta", "-0.1"], "delta"),
        (["--what", "rate", "--n", "-3"], "n"),
        (["--what", "rate", "--n", "10", "--level", "2"], "level"),
        (["--weights", "0.5,0.2"], "weights"),
        (["--states", "3", "--weights", "spec"], "weights"),
    ],
)
def test_bad_grid_exits_2_without_output(spec_path, tmp_path, capsys, extra, parameter) -> None:
    out = tmp_path / "bad.csv"
    assert main(["sweep", str(spec_path), "--out", str(out), *extra]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"hallbound: error: {parameter}:")
    assert list(tmp_path.iterdir()) == [spec_path]


def test_parse_values() -> None:
    assert parse_values(["0.1,0.2", "1:2:3"], "x") == [0.1, 0.2, 1.0, 1.5, 2.0]
    assert parse_values(["2:6:3"], "N", integer=True) == [2, 4, 6]
    with pytest.raises(InputError, match="^x:"):
        parse_values(["a"], "x")
    with pytest.raises(InputError, match="^grid:"):
        parse_values(["0:1:1000000000000"], "x")
    assert np.isclose(parse_values(["1e-3"], "x")[0], 0.001)
