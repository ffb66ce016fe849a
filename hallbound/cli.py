"""The ``hallbound`` command line.

Each subcommand lives in its own module ``hallbound.commands.<name>`` exposing
``register(subparsers) -> None`` (adds its parser, with ``set_defaults(run=...)``) and a
``run(args) -> int``; the command registry (:mod:`hallbound.registry`) lists them, and a
plugin may add one. Options every command shares are declared once in
:mod:`hallbound.commands.common`. Bad input raises :class:`hallbound.errors.InputError`; it is
printed as one line ``hallbound: error: PARAM: problem`` and the exit status is 2. Argument
types check what they can when the command line is parsed (output paths are writable, integers
are integral), so those errors come before any work. Any other exception (a plain
:class:`ValueError` included) is a bug: it propagates with its traceback (exit 1).

``--plugin MODULE`` (repeatable, before the command) imports a user's module from the working
directory (or a ``.py`` path) and registers the families and losses it defines, so that every
command can use them; installed entry points (``hallbound.families``, ...) are loaded too.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from hallbound.registry import BUILTIN_COMMANDS

#: Built-in subcommands, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = BUILTIN_COMMANDS

#: A token that starts with a minus and a digit is a value (``-0.1,0.05``, ``-1:1:5``), never
#: an option: no hallbound option starts with a digit.
NEGATIVE_VALUE = re.compile(r"^-\.?[0-9]")


class OneLineParser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` whose errors are one line, exit status 2.

    ``argument --n: invalid int value: '1e12'`` becomes
    ``hallbound: error: --n: invalid int value: '1e12'`` (no usage block); ``--help`` still
    prints the usage.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE_VALUE  # comma lists of negative numbers

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
        allow_abbrev=False,  # --plugin is found before parsing, by its full name
        description="Check, compute and test the mathematics of delta-hallucination.",
    )
    parser.add_argument(
        "--version", action="version", version=f"hallbound {version()}",
        help="Print the version and exit.",
    )
    parser.add_argument(
        "--plugin",
        action="append",
        default=[],
        metavar="MODULE",
        help="Import MODULE (a module in the working directory, or a .py file) before the "
        "command and register the families and losses it defines; repeatable.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    from hallbound.registry import registry

    for obj in registry("commands").values():
        module = importlib.import_module(obj) if isinstance(obj, str) else obj
        module.register(sub)
    return parser


def plugins_in(argv: Sequence[str]) -> list[str]:
    """The ``--plugin`` values of a command line (``--plugin M`` and ``--plugin=M``)."""
    pre = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    pre.add_argument("--plugin", action="append", default=[])
    known, _ = pre.parse_known_args(list(argv))
    return list(known.plugin)


def load_plugins(argv: Sequence[str]) -> None:
    """Register the installed entry points, then import each ``--plugin`` module."""
    from hallbound.registry import load_entry_points, load_plugin

    load_entry_points()
    for target in plugins_in(argv):
        load_plugin(target)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    from hallbound.errors import InputError

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        load_plugins(argv)
    except InputError as err:
        return _fail(err)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except InputError as err:
        return _fail(err)
    except KeyboardInterrupt:
        print("hallbound: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which closed early
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def _fail(err: Exception) -> int:
    """Print ``err`` as one line and return exit status 2."""
    message = str(err).splitlines()[0] if str(err) else type(err).__name__
    print(f"hallbound: error: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
