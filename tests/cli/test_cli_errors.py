"""Every error is one line, exit status 2, before the work, and leaves no partial file
(issue 23, item 2). One test per defect found by a new user; each runs in seconds: the
errors come when the command line is parsed or before the first unit of work."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

import pytest

from hallbound.cli import build_parser
from tests.cli_helpers import run_cli as run

ROOT = Path(__file__).resolve().parents[2]
TWO = str(ROOT / "examples" / "two_normals.toml")


def one_line_error(capsys, *argv: str) -> str:
    """Run, assert exit 2 with a single ``hallbound: error:`` line and nothing on stdout,
    and return that line."""
    code, out, err = run(capsys, *argv)
    assert code == 2, (out, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("hallbound: error: ")
    assert "Traceback" not in err
    return lines[0]


def _spec(tmp_path: Path, body: str) -> str:
    path = tmp_path / "spec.toml"
    path.write_text(body)
    return str(path)


NORMAL_STATE = "[[state]]\nweight = 1.0\nmean = [1.0]\ncov = [[1.0]]\n"


# ----- output paths ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["check", "Lemma B.1", "--json", "{bad}/nope.json"],
        ["verify", "{tex}", "--json", "{bad}/nope.json"],
        ["verify", "{tex}", "--annotate", "{bad}/out.tex"],
        ["tightness", "--quick", "--json", "{bad}/t.json"],
        ["sweep", TWO, "--out", "{bad}/s.csv"],
        ["experiment", "coin", "--plot", "{bad}/c.png"],
    ],
    ids=["check --json", "verify --json", "verify --annotate", "tightness --json",
         "sweep --out", "experiment --plot"],
)
def test_unwritable_output_is_refused_before_the_work(tmp_path, capsys, argv):
    blocker = tmp_path / "a_file"  # a file where a folder should be: no user can write there
    blocker.write_text("")
    tex = tmp_path / "d.tex"
    tex.write_text("\\[ 1 + 1 = 2 \\]\n")
    argv = [a.format(bad=blocker, tex=tex) for a in argv]
    start = time.perf_counter()
    line = one_line_error(capsys, *argv)
    assert time.perf_counter() - start < 10  # refused when parsed, not after the work
    assert "cannot write" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file", "d.tex"]


def test_proc_path_is_refused(capsys):
    line = one_line_error(capsys, "check", "Lemma B.1", "--json", "/proc/nope.json")
    assert line.startswith("hallbound: error: --json: cannot write /proc/nope.json")


def test_directory_as_output_file_says_so(tmp_path, capsys):
    line = one_line_error(capsys, "check", "--json", str(tmp_path))
    assert "is a directory, not a file" in line


def test_tex_out_that_is_a_file_says_so(tmp_path, capsys):
    target = tmp_path / "x.txt"
    target.write_text("keep")
    line = one_line_error(capsys, "tex", "--out", str(target))
    assert "is a file, not a folder" in line
    assert target.read_text() == "keep"


def test_dash_is_standard_output_for_verify_json(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.tex").write_text("\\[ 1 + 1 = 2 \\]\n")
    code, out, _ = run(capsys, "verify", "d.tex", "--json", "-")
    assert code == 0
    report = json.loads(out)  # only the JSON is on stdout
    assert isinstance(report, dict)
    assert not (tmp_path / "-").exists()


def test_dash_is_standard_output_for_sweep(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "sweep", TWO, "--delta", "0.05,0.1", "--out", "-", "--quiet")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 3 and "delta" in lines[0]  # a header and one row per delta
    assert list(tmp_path.iterdir()) == []


# ----- numbers on the command line ---------------------------------------------------------
def test_integers_accept_integral_exponent_notation():
    parser = build_parser()
    assert parser.parse_args(["rate", TWO, "--n", "1e6"]).n == 1_000_000
    assert parser.parse_args(["simulate", "arbitrary-facts", "--prompts", "2.5e3", "--n",
                              "1e2", "--answers", "3"]).prompts == 2500
    assert parser.parse_args(["derive", "--states", "1e1"]).states == 10


@pytest.mark.parametrize("value", ["1.5", "1e-3", "inf", "ten"])
def test_non_integers_are_refused(capsys, value):
    line = one_line_error(capsys, "rate", TWO, "--n", value)
    assert f"--n: must be an integer, got '{value}'" in line


def test_comma_lists_accept_negative_numbers(capsys):
    parser = build_parser()
    args = parser.parse_args(["sweep", TWO, "--delta", "-0.1,0.05", "--out", "x.csv"])
    assert args.delta == ["-0.1,0.05"]
    args = parser.parse_args(["sweep", TWO, "--scale", "-1:1:3", "--out", "x.csv"])
    assert args.scale == ["-1:1:3"]
    # the value reaches the sweep, which names the bad delta (not "expected one argument")
    line = one_line_error(capsys, "sweep", TWO, "--delta", "-0.1,0.05", "--out", "x.csv")
    assert "delta" in line and "-0.1" in line


# ----- cost and memory, estimated before the work ------------------------------------------
def test_simulate_refuses_above_the_memory_available(capsys):
    line = one_line_error(
        capsys, "simulate", "arbitrary-facts", "--prompts", "1e11", "--n", "10", "--answers", "3"
    )
    assert "GiB of memory" in line and "available" in line


def test_simulate_memory_estimate_is_checked_against_what_is_available():
    from hallbound.commands.simulate import check_memory, memory_estimate
    from hallbound.errors import InputError

    need = memory_estimate(1000, 10_000)
    assert need == 24 * 1000 + 34 * 10_000
    check_memory(1000, 10_000, available=need)  # fits exactly
    with pytest.raises(InputError, match="--prompts"):
        check_memory(1000, 10_000, available=need - 1)


def test_derive_estimates_its_cost_and_obeys_max_time(capsys):
    start = time.perf_counter()
    line = one_line_error(capsys, "derive", "--states", "1e4")
    assert time.perf_counter() - start < 60
    assert "--max-time: derive would take" in line


def test_derive_pilot_extrapolates_with_the_measured_growth():
    from hallbound.commands.derive import pilot
    from hallbound.errors import InputError

    calls = []

    def quadratic(n: int) -> None:  # a stand-in whose time grows like n^2
        calls.append(n)
        time.sleep(0.002 * n * n)

    with pytest.raises(InputError, match="derive would take"):
        pilot(quadratic, 1000, max_time=60.0, budget=0.05)  # ~ 2000 s at n^2
    assert max(calls) < 1000  # refused from the pilot, before the real size
    calls.clear()
    pilot(quadratic, 4, max_time=60.0, budget=0.05)  # ~ 0.03 s: allowed
    assert max(calls) < 4


# ----- spec files ------------------------------------------------------------------------------
def test_unknown_state_key_is_refused_with_the_nearest_key(tmp_path, capsys):
    path = _spec(tmp_path, 'family = "normal"\ndelta = 0.05\n'
                 "[[state]]\nweight = 1.0\nmean = [1.0]\ncovv = [[1.0]]\n")
    line = one_line_error(capsys, "estimate", path)
    assert "state[1].covv: unknown key" in line
    assert "did you mean 'cov'?" in line


def test_unknown_top_level_key_is_refused_with_the_nearest_key(tmp_path, capsys):
    path = _spec(tmp_path, 'family = "normal"\ndelta = 0.05\nlos = "squared"\n' + NORMAL_STATE)
    line = one_line_error(capsys, "estimate", path)
    assert "los: unknown key" in line and "did you mean 'loss'?" in line


def test_directory_given_as_spec_says_so(tmp_path, capsys):
    line = one_line_error(capsys, "estimate", str(tmp_path))
    assert "is a directory, not a file" in line


@pytest.mark.parametrize(
    ("state", "key"),
    [
        ("mean = [1e308]\ncov = [[1.0]]", "state[1].mean"),
        ("mean = [1.0]\ncov = [[1e300]]", "state[1].cov"),
    ],
)
def test_overflowing_mean_or_covariance_is_an_input_error(tmp_path, capsys, state, key):
    path = _spec(tmp_path, f'family = "normal"\ndelta = 0.05\n[[state]]\nweight = 1.0\n{state}\n')
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning may come first
        line = one_line_error(capsys, "estimate", path)
    assert f"{key}: " in line and "overflows double precision" in line
    assert len(line) < 200  # no 300-digit number


def test_largest_accepted_magnitude_still_works(tmp_path, capsys):
    path = _spec(tmp_path, 'family = "normal"\ndelta = 0.05\n'
                 "[[state]]\nweight = 1.0\nmean = [1e150]\ncov = [[1.0]]\n")
    code, out, _ = run(capsys, "estimate", path, "--json")
    assert code == 0
    assert json.loads(out)["estimate"] == [1e150]


# ----- tex: the shared run options ------------------------------------------------------------
def test_tex_unknown_paper_is_one_line(tmp_path, capsys):
    line = one_line_error(capsys, "tex", "--paper", "nope", "--out", str(tmp_path / "g"))
    assert "--paper: unknown paper 'nope'" in line
    assert not (tmp_path / "g").exists()


def test_tex_max_time_refuses_before_writing(tmp_path, capsys):
    out = tmp_path / "generated"
    line = one_line_error(
        capsys, "tex", "Lemma B.3", "--max-time", "0.001", "--quiet", "--out", str(out)
    )
    assert "--max-time: tex would take" in line and "1 claim" in line
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary folder


def test_tightness_pilot_fits_fixed_and_per_draw_cost():
    from hallbound.commands.tightness import pilot
    from hallbound.errors import InputError

    calls = []

    def row_work(row, draws):  # 0.005 s of bounds plus 2e-5 s per draw
        calls.append(draws)
        time.sleep(0.005 + 2e-5 * draws)

    rows = list(range(10))
    with pytest.raises(InputError, match=r"tightness would take about .* \(10 rows"):
        pilot(row_work, rows, 1_000_000, max_time=20.0)  # ~ 10 * 20 s
    assert max(calls) <= 4000  # only the pilot sizes ran
    pilot(row_work, rows, 10_000, max_time=600.0)  # ~ 2 s: allowed
    pilot(row_work, rows, 500, max_time=600.0)  # n below the pilot sizes
    assert 500 in calls
