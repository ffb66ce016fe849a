"""Size (issue 20, "Done when"): no file of the package over 800 lines and no function over
100 lines, except declarative tables, named here with what they declare.

A declarative table is a function that only declares: its own body has no loop and no branch
(``for``, ``while``, ``if``, ``try``, ``match``; nested functions and lambdas, the checks a
declaration carries, are not its own body). A claim's declaration (its steps, premises and
laws, one ``Step(...)`` after another) is the example: splitting it would scatter one
result's proof over several functions."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SCANNED = tuple(sorted(set(_CONFIG["tool"]["setuptools"]["package-dir"].values())))
#: Build output (``hallbound tex``), not code of the package.
SKIPPED = ("paper_tex/generated",)
MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 100
_BE, _WH = "proofs_checks/claims/bad_estimations", "proofs_checks/claims/why_hallucinate"
#: Functions over the limit that are declarative tables: "file:function" -> what they declare.
DECLARATIVE: dict[str, str] = {
    f"{_BE}/corrected.py:_theorem_5_1_parts": "corrected Theorem 5.1's steps",
    f"{_BE}/corrected.py:theorem_c1": "Theorem C.1's claim (its steps)",
    f"{_BE}/lemmas.py:lemma_b5": "Lemma B.5's claim (its steps and exact laws)",
    f"{_BE}/theorem_5_2.py:theorem_5_2": "Theorem 5.2's claim (its steps)",
    f"{_BE}/union_bound.py:theorem_6_1": "Theorem 6.1's claim as stated (its steps)",
}
#: Functions over the limit that are code, not yet split: "file:function" -> why.
NOT_YET: dict[str, str] = {}
_CONTROL = (ast.For, ast.AsyncFor, ast.While, ast.If, ast.Try, ast.Match)
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def own_control_flow(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[int]:
    """Lines of the loops and branches of ``function``'s own body (nested functions and
    lambdas left out)."""
    found, todo = [], list(function.body)
    while todo:
        node = todo.pop()
        if isinstance(node, _NESTED):
            continue
        if isinstance(node, _CONTROL):
            found.append(node.lineno)
        todo.extend(ast.iter_child_nodes(node))
    return sorted(found)


def _files() -> list[tuple[str, str]]:
    out = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if not rel.startswith(SKIPPED):
                out.append((rel, path.read_text(encoding="utf-8")))
    return out


def long_functions() -> dict[str, tuple[int, list[int]]]:
    """"file:function" -> (lines, its own loops and branches) for each function over the
    limit."""
    out = {}
    for rel, source in _files():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    out[f"{rel}:{node.name}"] = (lines, own_control_flow(node))
    return out


def test_the_scan_sees_the_package():
    names = {rel for rel, _ in _files()}
    assert "proofs_checks/library/lemma_library.py" in names
    assert "symbolic/families/params.py" in names and "hallbound/cli.py" in names
    assert len(names) > 150


def test_control_flow_finder():
    source = (
        "def f():\n"
        "    x = [i for i in range(3)]\n"  # a comprehension is an expression, not a loop
        "    def g():\n"
        "        if x: pass\n"  # a nested function's branch is not f's own
        "    y = (lambda z: z if z else 0)\n"
        "    for i in x:\n"
        "        pass\n"
        "    return y\n"
    )
    function = ast.parse(source).body[0]
    assert own_control_flow(function) == [6]


@pytest.mark.parametrize("limit", [MAX_FILE_LINES])
def test_no_file_over_the_limit(limit):
    over = {rel: n for rel, s in _files() if (n := len(s.splitlines())) > limit}
    assert not over, over


def test_no_function_over_the_limit_but_declarative_tables():
    found = long_functions()
    unnamed = {k: v[0] for k, v in found.items() if k not in DECLARATIVE and k not in NOT_YET}
    assert not unnamed, f"functions over {MAX_FUNCTION_LINES} lines: {unnamed}"
    branching = {k: found[k][1] for k in DECLARATIVE if k in found and found[k][1]}
    assert not branching, f"named declarative, but with loops or branches at lines {branching}"


def test_the_named_lists_are_not_stale():
    found = long_functions()
    stale = sorted(k for k in (*DECLARATIVE, *NOT_YET) if k not in found)
    assert not stale, f"no longer over {MAX_FUNCTION_LINES} lines, remove: {stale}"
    assert all(why.strip() for why in (*DECLARATIVE.values(), *NOT_YET.values()))
