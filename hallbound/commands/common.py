"""Options every command shares, declared once, and the argument types behind them.

* :func:`add_json`, :func:`add_seed`, :func:`add_quiet`, :func:`add_max_time`,
  :func:`add_paper`: the shared options (one help text each, a command may sharpen it);
* :func:`integer`: an integer argument that also accepts an integral ``1e6``;
* :func:`output_file` / :func:`output_dir`: an output path checked for writability when the
  command line is parsed, before any work (``-`` is standard output for a file);
* :func:`input_file`: an input path that must be a readable file (a folder says so);
* :func:`write_output`: write a result to its path, atomically, or to standard output for ``-``;
* :func:`parser_kwargs`: a subcommand's one-line help and plain-text description.

A type function raises :class:`argparse.ArgumentTypeError`; the parser prints it as one line
``hallbound: error: --json: ...`` and exits 2.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from hallbound import costguard

#: The value of an output option that means standard output.
STDOUT = "-"


# ----- argument types ---------------------------------------------------------------------
def integer(text: str) -> int:
    """An integer from ``"42"``, ``"1_000"``, ``"1e6"`` or ``"2.5e3"`` (integral values only)."""
    raw = str(text).strip()
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        value = Decimal(raw.replace("_", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"must be an integer, got {text!r}") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise argparse.ArgumentTypeError(f"must be an integer, got {text!r}")
    return int(value)


def output_file(text: str) -> str:
    """An output file path that can be written (``-``: standard output). The folder (or the
    nearest existing ancestor, since missing folders are created) must accept a new file;
    an existing folder at the path itself is refused."""
    if text == STDOUT:
        return text
    if not text:
        raise argparse.ArgumentTypeError("needs a file name, got ''")
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a directory, not a file")
    if path.exists() and not os.access(path, os.W_OK):
        raise argparse.ArgumentTypeError(f"cannot write {text}: permission denied")
    _probe(_existing_ancestor(path.parent), text)
    return text


def output_dir(text: str) -> str:
    """An output folder that can be created or replaced (standard output is no folder)."""
    if text == STDOUT:
        raise argparse.ArgumentTypeError("must be a folder; '-' (standard output) is a file")
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a file, not a folder")
    _probe(_existing_ancestor(path.parent), text)
    return text


def input_file(text: str) -> str:
    """An input file that exists and is a file (a folder is named as such)."""
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a directory, not a file")
    if not path.exists():
        raise argparse.ArgumentTypeError(f"no such file: {text}")
    return text


def _existing_ancestor(folder: Path) -> Path:
    folder = folder if str(folder) else Path(".")
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _probe(folder: Path, text: str) -> None:
    """Create and remove a temporary file in ``folder``: the only test that works for every
    file system and user (``os.access`` says yes to root on a read-only mount or ``/proc``)."""
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"cannot write {text}: {folder} is not a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".hallbound-probe.", dir=folder)
    except OSError as err:
        reason = err.strerror or errno.errorcode.get(err.errno or 0, str(err))
        raise argparse.ArgumentTypeError(f"cannot write {text}: {reason}") from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(tmp)


# ----- writing ----------------------------------------------------------------------------
def write_output(path: str, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all; ``-`` writes it to standard output."""
    if path == STDOUT:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    from hallbound.io import atomic_write_text

    atomic_write_text(path, text)


def to_stdout(*paths: str | None) -> bool:
    """True when one of the output options is ``-`` (the readable table then stays off
    standard output, so that what is there parses)."""
    return any(p == STDOUT for p in paths)


# ----- the shared options -------------------------------------------------------------------
def add_json(parser: argparse.ArgumentParser, *, to_file: bool = False, help: str = "") -> None:
    """``--json``: a flag (print one JSON object instead of the table), or with ``to_file``
    a FILE to write the JSON report to (``-`` for standard output)."""
    if to_file:
        parser.add_argument(
            "--json",
            metavar="FILE",
            type=output_file,
            default=None,
            help=help or "Write the report as JSON to FILE, or to standard output for '-' "
            "(the table is then not printed).",
        )
    else:
        parser.add_argument(
            "--json", action="store_true", help=help or "Print one JSON object instead of text."
        )


def add_seed(
    parser: argparse.ArgumentParser, *, default: int | None = 0, help: str = ""
) -> None:
    """``--seed S``: the random seed, an integer >= 0."""
    text = f"default {default}" if default is not None else "default: a fixed seed"
    parser.add_argument(
        "--seed",
        type=integer,
        default=default,
        metavar="S",
        help=help or f"Random seed, an integer >= 0 ({text}).",
    )


def add_quiet(parser: argparse.ArgumentParser, *, help: str = "") -> None:
    """``--quiet``: no progress output (a command may say what else it leaves out)."""
    parser.add_argument("--quiet", action="store_true", help=help or "Print no progress output.")


def add_max_time(
    parser: argparse.ArgumentParser,
    *,
    default: float = costguard.DEFAULT_MAX_TIME,
    help: str = "",
) -> None:
    """``--max-time T``: refuse a run whose estimated time is over T."""
    shown = "inf" if default == float("inf") else costguard.format_seconds(default)
    parser.add_argument(
        "--max-time",
        type=costguard.parse_duration,
        default=default,
        metavar="T",
        help=help or "Refuse, before the work, a run whose estimated time exceeds T "
        f"(seconds, or 90s, 10m, 2h, inf; default {shown}).",
    )


def add_cost_options(parser: argparse.ArgumentParser) -> None:
    """``--max-time`` and ``--quiet``, for commands that can run long."""
    add_max_time(parser)
    add_quiet(parser)


def add_paper(parser: argparse.ArgumentParser, *, help: str = "") -> None:
    """``--paper KEY``: restrict to one paper (bad-estimations or why-hallucinate)."""
    parser.add_argument(
        "--paper",
        metavar="KEY",
        default=None,
        help=help or "Restrict to one paper: bad-estimations or why-hallucinate "
        "(default: both).",
    )


# ----- help text ------------------------------------------------------------------------------
def parser_kwargs(help: str, description: str) -> dict[str, Any]:
    """The keyword arguments of ``add_parser``: a one-line ``help`` and a plain
    ``description``, wrapped to the terminal, or kept as written when it has line breaks
    (paragraphs and lists)."""
    out: dict[str, Any] = {"help": help, "description": description}
    if "\n" in description:
        out["formatter_class"] = argparse.RawDescriptionHelpFormatter
    return out


__all__ = [
    "STDOUT",
    "add_cost_options",
    "add_json",
    "add_max_time",
    "add_paper",
    "add_quiet",
    "add_seed",
    "input_file",
    "integer",
    "output_dir",
    "output_file",
    "parser_kwargs",
    "to_stdout",
    "write_output",
]
