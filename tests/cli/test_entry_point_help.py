"""The --help of the other entry points (``hallbound-precommit`` and the ``python -m``
programs) is plain text and complete, as ``hallbound``'s is (test_cli_help.py): a description
that ends a sentence, a help string for every option, no reStructuredText markup.

Each program's parser is taken as its ``main`` builds it: ``parse_args`` is intercepted, so
nothing runs."""

from __future__ import annotations

import argparse
import importlib

import pytest

from tests.cli.test_cli_help import MARKUP

#: Entry points: module whose ``main(argv)`` parses the command line.
ENTRY_POINTS = (
    "hallbound.precommit",
    "hallbound.bench",
    "hallbound.proofs_checks.mutation.cli",
    "hallbound.proofs_checks.latex.corpus",
    "hallbound.proofs_checks.kernel.corpus",
)
#: Programs whose help is not yet complete: module -> why (none today; a new entry point
#: whose help is unfinished is named here until it is).
NOT_YET: dict[str, str] = {}


class _Parsed(Exception):
    """Raised by the intercepted ``parse_args`` with the parser."""


def parser_of(module: str, monkeypatch: pytest.MonkeyPatch) -> argparse.ArgumentParser:
    """The parser ``module.main([])`` builds, caught before it parses anything."""

    def intercept(self: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        raise _Parsed(self)

    main = importlib.import_module(module).main
    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", intercept)
    with pytest.raises(_Parsed) as caught:
        main([])
    monkeypatch.undo()
    return caught.value.args[0]


def problems(parser: argparse.ArgumentParser) -> list[str]:
    """What keeps ``parser``'s --help from being plain and complete."""
    out = []
    text = (parser.description or "").strip()
    if not text.endswith("."):
        out.append(f"description missing or stopping mid-sentence: {text[-40:]!r}")
    mark = MARKUP.search(parser.format_help())
    if mark:
        out.append(f"markup {mark.group(0)!r}")
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction) and not (action.help or "").strip():
            out.append("no help: " + ("/".join(action.option_strings) or action.dest))
    return out


@pytest.mark.parametrize("module", ENTRY_POINTS)
def test_entry_point_help_is_plain_and_complete(module, monkeypatch):
    found = problems(parser_of(module, monkeypatch))
    if module in NOT_YET:
        assert found, f"{module}'s help is complete now: remove it from NOT_YET"
    else:
        assert not found, found


def test_problems_sees_a_bare_option_and_markup():
    parser = argparse.ArgumentParser(description="Uses ``markup`` and stops")
    parser.add_argument("--bare")
    found = problems(parser)
    assert any("mid-sentence" in p for p in found)
    assert "markup '``'" in found and "no help: --bare" in found
