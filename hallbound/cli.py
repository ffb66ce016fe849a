"""The ``hallbound`` command line.

Each subcommand lives in its own module ``hallbound.commands.<name>`` exposing
``register(subparsers) -> None`` (adds its parser, with ``set_defaults(run=...)``) and a
``run(args) -> int``. Bad input raises :class:`hallbound.errors.InputError`; it is printed as
one line ``hallbound: error: PARAM: problem`` and the exit status is 2. Any other exception
(a plain :class:`ValueError` included) is a bug: it propagates with its traceback (exit 1).
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

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
    "families",
    "verify",
    "bound",
    "simulate",
    "export",
)


class OneLineParser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` whose errors are one line, exit status 2.

    ``argument --n: invalid int value: '1e12'`` becomes
    ``hallbound: error: --n: invalid int value: '1e12'`` (no usage block); ``--help`` still
    prints the usage.
    """

    def error(self, message: str) -> NoReturn:
        message = " ".join(message.split())
        match = re.match(r"argument ([^:]+): (.*)", message)
        if match:  # "argument --n/-n: ..." -> "--n: ..."
            message = f"{match.group(1).split('/')[0]}: {match.group(2)}"
        self.exit(2, f"hallbound: error: {message}\n")


def version() -> str:
    """The installed distribution's version (the source tree's when not installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("hallbound")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every available subcommand registered."""
    parser = OneLineParser(
        prog="hallbound",
        description="Check, compute and test the mathematics of delta-hallucination.",
    )
    parser.add_argument("--version", action="version", version=f"hallbound {version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        importlib.import_module(f"hallbound.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    from hallbound.errors import InputError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except InputError as err:
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
