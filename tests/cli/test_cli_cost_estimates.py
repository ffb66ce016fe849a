"""``proptest`` and ``experiment coin|digits`` estimate their cost before the first unit of
work and obey ``--max-time`` (issue 23): one line naming the estimate and ``--max-time``,
exit 2, no traceback, no output file, and no unit of the real work started (the work's
progress bar and the digits run are replaced by tripwires)."""

from __future__ import annotations

import pytest

from hallbound import costguard
from hallbound.errors import InputError
from tests.cli_helpers import run_cli


class WorkStarted(AssertionError):
    """Raised by a tripwire: the real work began although it should have been refused."""


@pytest.fixture(autouse=True)
def tripwires(monkeypatch):
    """The real work of proptest and experiment coin starts by opening a
    :class:`costguard.Progress`; experiment digits by calling ``digits.run_digits``."""
    from hallbound.experiments import digits

    def trip(*args, **kwargs):
        raise WorkStarted("the work started before the cost was refused")

    monkeypatch.setattr(costguard, "Progress", trip)
    monkeypatch.setattr(digits, "run_digits", trip)


@pytest.mark.parametrize(
    ("argv", "what", "figure"),
    [
        (["proptest", "normal", "--max-time", "0.001", "--quiet"], "proptest", None),
        (["experiment", "coin", "--n", "6", "--max-time", "1e-6", "--quiet"],
         "experiment coin", None),
        (["experiment", "coin", "--n", "2", "--plot", "{fig}", "--max-time", "0.01",
          "--quiet"], "experiment coin", "fig.png"),
        (["experiment", "digits", "--plot", "{fig}", "--max-time", "0.01", "--quiet"],
         "experiment digits", "fig.png"),
    ],
)
def test_tiny_max_time_is_refused_before_the_work(tmp_path, capsys, argv, what, figure):
    fig = tmp_path / "fig.png"
    argv = [a.replace("{fig}", str(fig)) for a in argv]
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert out == ""  # not even a header: the refusal comes before the first unit
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"hallbound: error: --max-time: {what} would take about ")
    assert "over the limit of" in lines[0] and "Traceback" not in err
    if figure:
        assert not fig.exists()


def test_digits_estimate_grows_with_the_draws(capsys):
    code, out, err = run_cli(capsys, "experiment", "digits", "--draws", "1e6", "--max-time", "5")
    assert code == 2 and out == ""
    assert "1e+06 draws" in err and "over the limit of 5 s" in err


def test_coin_estimate_counts_the_learned_part(capsys):
    argv = ["experiment", "coin", "--n", "2", "--learn", "--samples", "1e6", "--epochs", "100",
            "--max-time", "5"]
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == ""
    assert "learn: about" in err and "1e+08 sample-epochs" in err


def test_guard_parts_sums_the_parts_and_names_each():
    def part(seconds: float) -> costguard.Estimate:
        return costguard.Estimate(seconds, 10, seconds / 10, 1, seconds / 10, "step")

    parts = {"a": part(3.0), "b": part(4.0)}
    assert costguard.guard_parts("job", parts, 7.5) == pytest.approx(7.0)
    with pytest.raises(InputError) as info:
        costguard.guard_parts("job", parts, 6.5)
    assert info.value.parameter == "--max-time"
    message = str(info.value)
    assert "job would take about 7 s" in message
    assert "a: about 3 s" in message and "b: about 4 s" in message
