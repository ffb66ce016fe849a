"""The ``hallbound`` command line.

Each subcommand lives in its own module ``hallbound.commands.<name>`` exposing
``register(subparsers) -> None`` (adds its parser, with ``set_defaults(run=...)``) and a
``run(args) -> int``. Bad input raises :class:`ValueError`; it is printed as one line
``hallbound: error: ...`` and the exit status is 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

#: Subcommands, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "check",
    "derive",
    "estimate",
    "rate",
    "poibin",
    "sweep",
    "proptest",
    "tex",
    "experiment",
    "audit",
    "tightness",
    "verify",
)


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="hallbound",
        description="Check, compute and test the mathematics of delta-hallucination.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        module_name = f"hallbound.commands.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:  # a command not built yet
            if err.name != module_name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except ValueError as err:
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        print(f"hallbound: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("hallbound: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which closed early
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
