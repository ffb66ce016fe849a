"""Cost guard and progress (issue 12): pilots, ``--max-time`` refusals (one line, exit 2),
progress lines off a terminal, ``--quiet``, Ctrl-C leaves no partial file."""

import io
import math
from pathlib import Path

import pytest

from hallbound import costguard
from hallbound.errors import InputError
from tests.cli_helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
TWO = str(ROOT / "examples" / "two_normals.toml")


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("600", 600.0),
        ("90s", 90.0),
        ("10m", 600.0),
        ("2h", 7200.0),
        ("1.5d", 129600.0),
        ("inf", math.inf),
        ("1e3", 1000.0),
    ],
)
def test_parse_duration(text, seconds):
    assert costguard.parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "ten", "-5", "0", "5 parsecs"])
def test_parse_duration_rejects(text):
    import argparse

    with pytest.raises(argparse.ArgumentTypeError):
        costguard.parse_duration(text)


def test_bad_max_time_is_one_line(capsys):
    code, _, err = run_cli(capsys, "rate", TWO, "--n", "10", "--max-time", "soon")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("hallbound: error: --max-time:")


def test_format_seconds():
    assert costguard.format_seconds(45) == "45 s"
    assert costguard.format_seconds(720) == "12 min"
    assert costguard.format_seconds(3 * 3600) == "3 h"
    assert costguard.format_seconds(5 * 86400) == "5 days"
    assert costguard.format_seconds(math.inf) == "forever"


def test_measure_ignores_warm_up_and_finds_the_steady_cost():
    clock = FakeClock()
    calls = []

    def work(k):
        # 5 s of one-off compilation in the first call, then 1 ms per unit + 2 ms overhead
        clock.now += (5.0 if not calls else 0.0) + 0.002 + 0.001 * k
        calls.append(k)

    per_unit, k, seconds = costguard.measure(work, 10**9, budget=0.25, clock=clock)
    assert calls[0] == 1  # the untimed warm-up
    assert seconds >= 0.25
    assert per_unit == pytest.approx((0.002 + 0.001 * k) / k)
    assert per_unit == pytest.approx(0.001, rel=0.02)


def test_measure_stops_at_total():
    seen = []
    per_unit, k, _ = costguard.measure(seen.append, 3, budget=10.0)
    assert k == 3 and max(seen) == 3


def test_guard_refuses_with_the_estimate():
    with pytest.raises(InputError) as info:
        costguard.guard("rate", 1e12, 1e-8, 600, unit="draw", pilot=(1000, 0.3))
    assert info.value.parameter == "--max-time"
    message = str(info.value)
    assert "\n" not in message
    assert "2.8 h" in message  # 1e12 * 1e-8 s = 10^4 s
    assert "10 min" in message
    est = costguard.guard("rate", 1e6, 1e-8, 600, unit="draw")
    assert est.seconds == pytest.approx(0.01)


def test_progress_prints_a_plain_line_about_every_10_seconds():
    clock = FakeClock()
    stream = io.StringIO()
    with costguard.Progress(100, desc="rate", unit="draw", stream=stream, clock=clock) as bar:
        for _ in range(100):
            clock.now += 1.0
            bar.update(1)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 10  # at 10, 20, ..., 100 s
    assert lines[0].startswith("rate: 10% (10 of 100 draws), 1 draws/s")
    assert lines[0].endswith("elapsed 10 s, ETA 90 s")


def test_progress_quiet_prints_nothing():
    clock = FakeClock()
    stream = io.StringIO()
    with costguard.Progress(10, quiet=True, stream=stream, clock=clock) as bar:
        for _ in range(10):
            clock.now += 30
            bar.update(1)
    assert stream.getvalue() == ""


def test_progress_in_run_pilot_refuses_a_long_run():
    clock = FakeClock()
    stream = io.StringIO()
    bar = costguard.Progress(
        100, desc="tightness", unit="row", max_time=600, stream=stream, clock=clock
    )
    with pytest.raises(InputError) as info, bar:
        clock.now += 30  # one row in 30 s: 100 rows take 50 min
        bar.update(1)
    assert info.value.parameter == "--max-time"
    assert "50 min" in str(info.value)
    ok = costguard.Progress(100, max_time=600, stream=stream, clock=clock)
    with ok:
        for _ in range(100):
            clock.now += 1
            ok.update(1)
    assert ok.done == 100


def test_rate_refuses_a_runaway_n(capsys):
    code, out, err = run_cli(capsys, "rate", TWO, "--n", "1000000000000")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("hallbound: error: --max-time: rate would take about ")
    code, out, err = run_cli(capsys, "rate", TWO, "--n", "2000", "--json", "--quiet")
    assert code == 0 and err == ""


def test_sweep_refuses_a_million_point_rate_grid(tmp_path, capsys):
    out = tmp_path / "grid.csv"
    code, _, err = run_cli(
        capsys,
        "sweep",
        TWO,
        "--out",
        str(out),
        "--delta",
        "0.01:0.1:1000",
        "--scale",
        "1:10:1000",
        "--what",
        "rate",
        "--n",
        "1000000",
    )
    assert code == 2
    assert err.startswith("hallbound: error: --max-time: sweep would take about ")
    assert not out.exists()


def test_check_with_many_trials_is_refused(capsys):
    code, _, err = run_cli(capsys, "check", "Lemma B.1", "--trials", "1000000000")
    assert code == 2
    assert err.startswith("hallbound: error: --max-time: check would take about ")


def test_ctrl_c_leaves_no_partial_file(tmp_path, capsys, monkeypatch):
    calls = []

    def interrupt(self, k=1):
        calls.append(k)
        if len(calls) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(costguard.Progress, "update", interrupt)
    out = tmp_path / "grid.csv"
    code, _, err = run_cli(
        capsys, "sweep", TWO, "--out", str(out), "--delta", "0.01:0.1:10", "--no-parquet"
    )
    assert code == 130
    assert err.strip() == "hallbound: interrupted"
    assert len(calls) == 3
    assert list(tmp_path.iterdir()) == []  # no grid.csv, no temporary file


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("draw", "draws"), ("property", "properties"), ("day", "days"), ("pass", "passes"),
     ("box", "boxes"), ("sample-epoch", "sample-epochs")],
)
def test_unit_plurals_are_english(unit, expected):
    assert costguard.plural(unit) == expected


def test_progress_line_says_properties_not_propertys():
    bar = costguard.Progress(6, desc="proptest", unit="property", stream=io.StringIO())
    bar.done = 3
    line = bar.line(2.0)
    assert "3 of 6 properties" in line and "1.5 properties/s" in line
    assert "propertys" not in line
