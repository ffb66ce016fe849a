"""Every --help is plain text and complete: each parser has a description that ends a
sentence, each option a help string, and none of them carries reStructuredText or LaTeX
markup. Options every command shares are declared once (hallbound/commands/common.py)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from hallbound.cli import build_parser

#: Markup that must not reach a terminal.
MARKUP = re.compile(r"``|`|:(?:mod|math|class|func|meth|data|attr|ref):|^\.\. |\\[A-Za-z]", re.M)
COMMANDS = Path(__file__).resolve().parents[2] / "hallbound" / "commands"
SHARED = ("--json", "--seed", "--quiet", "--max-time", "--paper")


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    """(name, parser) for the top-level parser and every subcommand, recursively."""
    out = []
    todo = [("hallbound", build_parser())]
    while todo:
        name, parser = todo.pop()
        out.append((name, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f"{name} {k}", p) for k, p in action.choices.items()]
    return out


PARSERS = _parsers()


def test_every_command_is_walked():
    names = {name for name, _ in PARSERS}
    assert {"hallbound check", "hallbound tex", "hallbound bound singleton",
            "hallbound experiment coin", "hallbound simulate arbitrary-facts"} <= names
    assert len(names) >= 20


@pytest.mark.parametrize(("name", "parser"), PARSERS, ids=[n for n, _ in PARSERS])
def test_description_is_plain_and_complete(name, parser):
    text = parser.description or ""
    assert text.strip(), f"{name}: no description"
    assert not MARKUP.search(text), f"{name}: markup in {MARKUP.search(text).group(0)!r}"
    assert text.rstrip().endswith("."), f"{name}: description stops mid-sentence: {text!r}"
    if "\n" in text.strip():  # kept as written (RawDescriptionHelpFormatter): no long lines
        widest = max(len(line) for line in text.splitlines())
        assert widest <= 100, f"{name}: a description line of {widest} characters"


@pytest.mark.parametrize(("name", "parser"), PARSERS, ids=[n for n, _ in PARSERS])
def test_every_option_has_plain_help(name, parser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                assert choice.help, f"{name} {choice.dest}: no help"
                assert not MARKUP.search(choice.help), f"{name} {choice.dest}: markup"
            continue
        label = "/".join(action.option_strings) or action.dest
        assert action.help and action.help.strip(), f"{name} {label}: no help"
        assert not MARKUP.search(action.help), f"{name} {label}: markup in {action.help!r}"


@pytest.mark.parametrize(("name", "parser"), PARSERS, ids=[n for n, _ in PARSERS])
def test_help_renders_without_markup(name, parser):
    text = parser.format_help()
    assert not MARKUP.search(text), f"{name}: {MARKUP.search(text).group(0)!r}"


def test_tex_has_the_shared_run_options():
    tex = dict(PARSERS)["hallbound tex"]
    options = {s for a in tex._actions for s in a.option_strings}
    assert {"--paper", "--quiet", "--max-time", "--seed", "--out"} <= options


@pytest.mark.parametrize("option", SHARED)
def test_shared_options_are_declared_once(option):
    """No command module declares a shared option itself: each goes through common.py."""
    pattern = re.compile(r"add_argument\(\s*['\"]" + re.escape(option) + r"['\"]")
    declaring = sorted(p.name for p in COMMANDS.glob("*.py") if pattern.search(p.read_text()))
    assert declaring == ["common.py"], declaring
