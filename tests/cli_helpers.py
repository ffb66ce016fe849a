"""Helpers shared by the command-line tests (one copy, issue 20's D3)."""

from __future__ import annotations

from hallbound.cli import main


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``hallbound ARGV`` run in this process (an argparse
    exit, which raises ``SystemExit``, gives its code)."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err
