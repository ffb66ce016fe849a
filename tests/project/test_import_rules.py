"""The import rules of ARCHITECTURE.md, drawn from the code with ``ast`` (issue 20, "Done
when"): no import circle between modules, counting imports inside functions; nothing in
``symbolic/``, ``numeric/`` or ``proofs_checks/`` imports the CLI layer; the engine imports no
claim; each room imports only what the architecture's table allows; no room (one folder's own
files) holds more than a fifth of the lines.

Modules are named as installed (``symbolic/losses.py`` is ``hallbound.symbolic.losses``, the
``package-dir`` mapping of pyproject.toml). An import of ``a.b.c`` counts as an edge to the
module ``a.b.c`` (or, for a name, to the module that defines it), not to the packages ``a``
and ``a.b`` it also runs.
"""

from __future__ import annotations

import ast
import runpy
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Packages whose modules must not reach up to the command line.
MODEL_ROOMS = ("hallbound.symbolic", "hallbound.numeric", "hallbound.proofs_checks")
CLI_LAYER = ("hallbound.cli", "hallbound.commands", "hallbound.spec")
ENGINE, CLAIMS = "hallbound.proofs_checks.engine", "hallbound.proofs_checks.claims"
#: The most a room may hold, as a fraction of all lines.
ROOM_SHARE = 0.20
#: Leaf modules of the application that every room may import (they import nothing of ours).
BASE = ("hallbound.errors", "hallbound.precision", "hallbound.budget", "hallbound.io",
        "hallbound.verify_filecache")
_S, _N, _P = "hallbound.symbolic", "hallbound.numeric", "hallbound.proofs_checks"
#: ARCHITECTURE.md's table: room -> what its modules may import besides BASE and themselves
#: (the most specific room of a module applies).
ALLOWED: dict[str, tuple[str, ...]] = {
    _S: (),
    _N: (_S,),
    # the trust base audits the Arb operation table the certified binned bound executes
    f"{_P}.library": (f"{_N}.arb_ops",),
    f"{_P}.engine": (f"{_P}.library", _S, f"{_N}.intervals"),
    f"{_P}.latex": (f"{_P}.engine", f"{_P}.library"),
    f"{_P}.claims": (f"{_P}.engine", f"{_P}.library", _S, _N),
    "hallbound.paper_tex": (_S, _N, _P),
}


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


@cache
def modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the installed package: name -> (file, is a package ``__init__``)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    folders = config["tool"]["setuptools"]["package-dir"]
    out: dict[str, tuple[Path, bool]] = {}
    found = runpy.run_path(str(ROOT / "setup.py"), run_name="setup_for_test")["mapped_packages"]
    for package in found(ROOT):  # the package list setup.py gives setuptools
        top = max((p for p in folders if _within(package, p)), key=len)
        folder = ROOT / folders[top] / Path(*package[len(top):].split(".")[1:])
        for path in sorted(folder.glob("*.py")):
            is_init = path.stem == "__init__"
            out[package if is_init else f"{package}.{path.stem}"] = (path, is_init)
    return out


def _imported(name: str, is_init: bool, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The dotted targets of one import statement (relative imports resolved)."""
    if isinstance(node, ast.Import):
        yield from (a.name for a in node.names)
        return
    if node.level:
        base = name if is_init else name.rsplit(".", 1)[0]
        for _ in range(node.level - 1):
            base = base.rsplit(".", 1)[0]
        target = f"{base}.{node.module}" if node.module else base
    else:
        target = node.module or ""
    for alias in node.names:
        yield f"{target}.{alias.name}"  # a submodule, or a name of ``target``


def _module_of(target: str) -> str | None:
    """The longest known module that ``target`` names or lies in (None: not ours)."""
    while target not in modules():
        if "." not in target:
            return None
        target = target.rsplit(".", 1)[0]
    return target


@cache
def graph() -> dict[str, frozenset[str]]:
    """module -> the modules it imports anywhere in its file (functions included)."""
    out = {}
    for name, (path, is_init) in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        edges = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _imported(name, is_init, node):
                    module = _module_of(target)
                    if module is not None and module != name:
                        edges.add(module)
        out[name] = frozenset(edges)
    return out


def circles(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def rooms() -> dict[str, int]:
    """Lines per room: the ``.py`` files directly in one package folder."""
    out: dict[str, int] = {}
    for name, (path, is_init) in modules().items():
        package = name if is_init else name.rsplit(".", 1)[0]
        lines = len(path.read_text(encoding="utf-8").splitlines())
        out[package] = out.get(package, 0) + lines
    return out


# ----- the scanner itself ----------------------------------------------------------------------
def test_the_scan_sees_the_package_and_imports_inside_functions() -> None:
    names = modules()
    assert "hallbound.symbolic.losses" in names and "hallbound.cli" in names
    assert "hallbound.proofs_checks.engine.checker" in names
    assert len(names) > 100
    # a function-level import is an edge (the Monte Carlo reaches the cluster lazily)
    assert "hallbound.numeric.cluster" in graph()["hallbound.numeric.montecarlo"]


def test_circles_finds_a_circle_through_three_modules_and_not_a_chain() -> None:
    ring = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}),
            "d": frozenset({"a"})}
    assert circles(ring) == [["a", "b", "c"]]
    assert circles({"a": frozenset({"b"}), "b": frozenset(), "c": frozenset({"a"})}) == []


# ----- the rules -------------------------------------------------------------------------------
def test_no_import_circle() -> None:
    assert circles(graph()) == []


@pytest.mark.parametrize("room", MODEL_ROOMS)
def test_model_rooms_do_not_import_the_cli_layer(room: str) -> None:
    bad = {
        (name, target)
        for name, targets in graph().items()
        if _within(name, room)
        for target in targets
        if any(_within(target, layer) for layer in CLI_LAYER)
    }
    assert not bad, sorted(bad)


def _room(module: str) -> str | None:
    """The most specific room of :data:`ALLOWED` that holds ``module``."""
    rooms_in = [r for r in ALLOWED if _within(module, r)]
    return max(rooms_in, key=len) if rooms_in else None


def test_each_room_imports_only_what_the_architecture_allows() -> None:
    bad = set()
    for name, targets in graph().items():
        room = _room(name)
        if room is None:
            continue
        allowed = (room, *ALLOWED[room], *BASE)
        bad |= {(name, t) for t in targets if not any(_within(t, a) for a in allowed)}
    assert not bad, sorted(bad)


def test_base_modules_import_nothing_of_ours() -> None:
    assert {m: sorted(graph()[m]) for m in BASE if graph()[m]} == {}


def test_engine_imports_no_claim() -> None:
    bad = {
        (name, target)
        for name, targets in graph().items()
        if _within(name, ENGINE)
        for target in targets
        if _within(target, CLAIMS)
    }
    assert not bad, sorted(bad)


def test_no_room_holds_more_than_a_fifth_of_the_lines() -> None:
    lines = rooms()
    total = sum(lines.values())
    shares = {room: n / total for room, n in lines.items()}
    largest = max(shares, key=shares.__getitem__)
    assert shares[largest] <= ROOM_SHARE, (largest, f"{shares[largest]:.1%}", total)
