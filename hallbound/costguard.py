r"""Cost guard and progress for long commands.

Two pieces, used by ``rate``, ``sweep``, ``proptest``, ``tightness``, ``experiment`` and
``check``:

* :func:`measure` times a short **pilot** (the work function on 1, 4, 16, ... units until one
  call takes at least ``budget`` seconds) and returns seconds per unit;
  :func:`guard` multiplies that by the units asked for and refuses, with one
  :class:`~hallbound.errors.InputError` line naming ``--max-time`` and stating the estimate,
  when :math:`\text{estimate} > \text{max\_time}` (default :data:`DEFAULT_MAX_TIME`, 10
  minutes; a user raises it on purpose).
* :class:`Progress` reports progress: a tqdm bar with rate and ETA on a terminal, a plain
  line about every :data:`LINE_INTERVAL` seconds off a terminal, nothing with ``--quiet``.
  When the work has no cheap separate pilot, ``Progress(..., max_time=...)`` makes the first
  units of the real run the pilot: once :data:`PILOT_SECONDS` have passed (or the first unit
  finished), it extrapolates ``elapsed / done * total`` and stops the run with the same
  one-line error when that is over the limit.

The cost guard measures wall time on purpose: it is about how long a user waits, and it
never decides a verdict. On a loaded machine it may refuse a run (before it, or after the
in-run pilot) that an idle machine would do: one :class:`~hallbound.errors.InputError` line
and no output file; a run it lets finish prints what it would print on any machine. Budgets
that can change a verdict count CPU time instead (:mod:`hallbound.budget`).

Ctrl-C raises :class:`KeyboardInterrupt` wherever the run is; every output file is written
atomically after the work (:mod:`hallbound.io`), so an interrupted run leaves no partial
file, and the CLI exits 130 with one line.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from hallbound.errors import InputError

#: Default ``--max-time``: 10 minutes, in seconds.
DEFAULT_MAX_TIME = 600.0

#: Seconds between two plain progress lines when stderr is not a terminal.
LINE_INTERVAL = 10.0

#: Seconds of real work after which an in-run pilot extrapolates the total.
PILOT_SECONDS = 2.0

_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """Seconds from ``"600"``, ``"90s"``, ``"10m"``, ``"2h"``, ``"1d"`` or ``"inf"``."""
    raw = str(text).strip().lower()
    if raw in ("inf", "infinity", "none", "unlimited"):
        return math.inf
    match = re.fullmatch(r"([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(s|m|min|h|d)?", raw)
    if not match:
        raise argparse.ArgumentTypeError(
            f"must be seconds or a duration like 90s, 10m, 2h, inf; got {text!r}"
        )
    seconds = float(match.group(1)) * _UNITS[match.group(2) or ""]
    if seconds <= 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {text!r}")
    return seconds


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--max-time`` and ``--quiet`` to a subcommand's parser."""
    parser.add_argument(
        "--max-time",
        type=parse_duration,
        default=DEFAULT_MAX_TIME,
        metavar="T",
        help="refuse a run whose estimated time exceeds T (seconds, or 90s/10m/2h/inf; "
        "default 10m)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress output")


def plural(unit: str) -> str:
    """The English plural of a unit name: ``draw`` -> ``draws``, ``property`` ->
    ``properties``, ``pass`` -> ``passes`` (a consonant before a final y takes -ies; a final
    s, x or z takes -es)."""
    if len(unit) > 1 and unit.endswith("y") and unit[-2] not in "aeiou":
        return unit[:-1] + "ies"
    if unit.endswith(("s", "x", "z")):
        return unit + "es"
    return unit + "s"


def format_seconds(seconds: float) -> str:
    """A readable duration: ``"45 s"``, ``"12 min"``, ``"3.2 h"``, ``"4.1 days"``."""
    if not math.isfinite(seconds):
        return "forever"
    if seconds < 100:
        return f"{seconds:.2g} s" if seconds < 10 else f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.2g} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.2g} h"
    if seconds < 2 * 365 * 86400:
        return f"{seconds / 86400:.3g} days"
    return f"{seconds / (365.25 * 86400):.3g} years"


@dataclass(frozen=True)
class Estimate:
    """A cost estimate: ``seconds`` for ``units`` units at ``per_unit`` seconds each,
    measured on a pilot of ``pilot_units`` units that took ``pilot_seconds``."""

    seconds: float
    units: float
    per_unit: float
    pilot_units: float
    pilot_seconds: float
    unit: str = "unit"

    def describe(self) -> str:
        """``"about 3.2 h (1e+12 draws at 9.5e-09 s/draw, 0.31 s pilot)"``."""
        return (
            f"about {format_seconds(self.seconds)} ({self.units:.4g} {plural(self.unit)} at "
            f"{self.per_unit:.2g} s/{self.unit}, from a {self.pilot_seconds:.2g} s pilot of "
            f"{self.pilot_units:.4g})"
        )


def measure(
    work: Callable[[int], Any],
    total: int,
    *,
    budget: float = 0.25,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, int, float]:
    """Time ``work(k)`` for k = 1, 4, 16, ... (at most ``total``) until one call takes
    ``budget`` seconds; returns ``(seconds per unit, k, seconds)`` of the last call.

    A first, untimed ``work(1)`` absorbs one-off costs (compilation, caches); only the last
    timed call is used, so the estimate is the steady per-unit cost."""
    work(1)
    k = 1
    while True:
        start = clock()
        work(k)
        elapsed = clock() - start
        if elapsed >= budget or k >= total:
            return elapsed / k, k, elapsed
        k = min(total, k * 4)


def guard(
    what: str,
    units: float,
    per_unit: float,
    max_time: float,
    *,
    unit: str = "unit",
    pilot: tuple[int, float] = (0, 0.0),
    parameter: str = "--max-time",
) -> Estimate:
    """The estimate of ``units`` units at ``per_unit`` s; :class:`InputError` (one line that
    states the estimate) when it exceeds ``max_time``."""
    estimate = Estimate(units * per_unit, units, per_unit, pilot[0], pilot[1], unit)
    if estimate.seconds > max_time:
        raise InputError(
            parameter,
            f"{what} would take {estimate.describe()}, over the limit of "
            f"{format_seconds(max_time)}; ask for less work or raise --max-time",
        )
    return estimate


def guard_parts(what: str, parts: dict[str, Estimate], max_time: float) -> float:
    """The sum of the parts' estimates (seconds); :class:`InputError` (one ``--max-time``
    line naming the total and each part) when the sum exceeds ``max_time``."""
    total = sum(part.seconds for part in parts.values())
    if total > max_time:
        detail = "; ".join(f"{name}: {part.describe()}" for name, part in parts.items())
        raise InputError(
            "--max-time",
            f"{what} would take about {format_seconds(total)} ({detail}), over the limit of "
            f"{format_seconds(max_time)}; ask for less work or raise --max-time",
        )
    return total


def piloted(
    what: str,
    work: Callable[[int], Any],
    total: int,
    max_time: float,
    *,
    unit: str = "unit",
    scale: float = 1.0,
    budget: float = 0.25,
) -> Estimate:
    """:func:`measure` then :func:`guard` for ``total`` units (times ``scale`` each)."""
    per_unit, k, seconds = measure(work, total, budget=budget)
    return guard(what, total, per_unit * scale, max_time, unit=unit, pilot=(k, seconds))


class Progress:
    """Progress of ``total`` units: tqdm on a terminal, a plain line every
    :data:`LINE_INTERVAL` s otherwise, nothing when ``quiet``. Use as a context manager;
    ``update(k)`` reports k more units done (usable as a ``progress=`` callback).

    With ``max_time``, the first units of the run are its pilot: at the first update after
    :data:`PILOT_SECONDS` (or after the first update when ``pilot_units`` units are done),
    the run stops with an :class:`InputError` when ``elapsed / done * total`` exceeds it.
    """

    def __init__(
        self,
        total: float,
        *,
        desc: str = "hallbound",
        unit: str = "unit",
        quiet: bool = False,
        max_time: float | None = None,
        pilot_units: float = 1,
        stream: TextIO | None = None,
        interval: float = LINE_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.desc = desc
        self.unit = unit
        self.quiet = quiet
        self.max_time = max_time
        self.pilot_units = pilot_units
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.clock = clock
        self.done = 0.0
        self.checked = max_time is None or not math.isfinite(max_time)
        self._bar: Any = None
        self._start = clock()
        self._last_line = self._start

    def __enter__(self) -> Progress:
        if not self.quiet and _isatty(self.stream):
            from tqdm import tqdm

            self._bar = tqdm(
                total=self.total, desc=self.desc, unit=self.unit, unit_scale=True,
                file=self.stream, leave=False, dynamic_ncols=True,
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def update(self, k: float = 1) -> None:
        """Record ``k`` more units done; print, and check the limit once after the pilot."""
        self.done += k
        now = self.clock()
        elapsed = now - self._start
        if not self.checked and (elapsed >= PILOT_SECONDS or self.done >= self.pilot_units):
            self.checked = True
            if 0 < self.done < self.total:
                guard(
                    self.desc, self.total, elapsed / self.done, float(self.max_time),
                    unit=self.unit, pilot=(int(self.done), elapsed),
                )
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.update(k)
        elif now - self._last_line >= self.interval:
            self._last_line = now
            print(self.line(elapsed), file=self.stream, flush=True)

    def line(self, elapsed: float) -> str:
        """``"rate: 42% (4.2e+08 of 1e+09 draws), 1.3e+06 draws/s, ETA 7 min"``."""
        rate = self.done / elapsed if elapsed > 0 else math.inf
        share = 100 * self.done / self.total if self.total else 100.0
        eta = (self.total - self.done) / rate if rate > 0 else math.inf
        return (
            f"{self.desc}: {share:.0f}% ({self.done:.4g} of {self.total:.4g} {plural(self.unit)}), "
            f"{rate:.3g} {plural(self.unit)}/s, elapsed {format_seconds(elapsed)}, "
            f"ETA {format_seconds(eta)}"
        )


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


__all__ = [
    "DEFAULT_MAX_TIME",
    "Estimate",
    "Progress",
    "add_options",
    "format_seconds",
    "guard",
    "guard_parts",
    "measure",
    "parse_duration",
    "piloted",
]
