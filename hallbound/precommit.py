"""``hallbound-precommit FILE.tex ...``: ``hallbound verify --strict`` on each file, for a
pre-commit hook (``.pre-commit-hooks.yaml``, hook ``hallbound-verify``) or a CI step.

``hallbound verify`` checks one file; pre-commit passes every changed ``.tex`` file at once.
This entry checks them in turn and exits with the worst status: 0 when every file's steps
hold or stay undecided, 1 when a step of some file is REFUTED, 2 when a file is unreadable.
The options ``--time-limit``, ``--total-time``, ``--trials`` and ``--seed`` are passed on to
each ``verify`` run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

#: Options of ``hallbound verify`` passed on unchanged: (flag, type, help).
PASSED_ON: tuple[tuple[str, type, str], ...] = (
    ("--time-limit", float, "CPU seconds per step, passed on to each verify run"),
    ("--total-time", float, "CPU seconds per file, passed on to each verify run"),
    ("--trials", int, "random falsification trials per step, passed on to each verify run"),
    ("--seed", int, "random seed (an integer >= 0), passed on to each verify run"),
)


def build_parser() -> argparse.ArgumentParser:
    """Files and the options passed on to ``hallbound verify``."""
    parser = argparse.ArgumentParser(
        prog="hallbound-precommit",
        description="Run hallbound verify --strict on each LaTeX file and exit with the worst "
        "status: 0 when every step holds or stays undecided, 1 when a step is refuted, 2 "
        "when a file cannot be read.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE.tex", help="LaTeX files to check")
    for flag, kind, text in PASSED_ON:
        parser.add_argument(flag, type=kind, default=None, help=text)
    return parser


def verify_argv(path: str, options: argparse.Namespace) -> list[str]:
    """The ``hallbound`` arguments that check one file: ``verify --strict [options] path``."""
    argv = ["verify", "--strict"]
    for flag, _, _ in PASSED_ON:
        value = getattr(options, flag[2:].replace("-", "_"))
        if value is not None:
            argv += [flag, str(value)]
    return [*argv, path]


def main(argv: Sequence[str] | None = None) -> int:
    """Check each file with ``hallbound verify --strict``; the worst exit status (0, 1 or 2)."""
    from hallbound.cli import main as hallbound_main

    options = build_parser().parse_args(argv)
    worst = 0
    for path in options.files:
        print(f"== {path}", flush=True)
        try:
            status = int(hallbound_main(verify_argv(path, options)) or 0)
        except SystemExit as stop:  # argparse errors inside verify
            status = stop.code if isinstance(stop.code, int) else 2
        if status:
            print(f"hallbound-precommit: {path}: exit status {status}", file=sys.stderr)
        worst = max(worst, status)
    return worst


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
