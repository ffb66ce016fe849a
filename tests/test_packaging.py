"""Packaging: what ``pyproject.toml`` lists is what the source tree holds, and every module imports.

``[tool.setuptools] packages`` is a hand-written list (automatic discovery does not follow the
``package-dir`` mapping that installs ``symbolic/``, ``numeric/``, ... as ``hallbound.*``), so a
new subpackage would import in an editable install and be missing from the wheel. These tests
read the mapping, walk the mapped folders and fail on any package the list forgets.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
#: installed package name -> folder in the source tree
MAPPING: dict[str, str] = dict(SETUPTOOLS["package-dir"])
#: the CLI entry (``python -m hallbound``): importing it runs the CLI and exits
NOT_IMPORTABLE = {"hallbound.__main__"}
#: build output of ``hallbound tex`` (ignored by git, never Python)
OUTPUT_FOLDERS = {"paper_tex/generated"}


def _folders() -> dict[str, pathlib.Path]:
    """Installed dotted name -> folder, for every folder under a mapped root (nested mapped
    roots win over the folder that contains them)."""
    out: dict[str, pathlib.Path] = {}
    for name, folder in sorted(MAPPING.items(), key=lambda kv: kv[0].count(".")):
        root = ROOT / folder
        for path in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
            rel = path.relative_to(ROOT).as_posix()
            if "__pycache__" in path.parts or any(rel.startswith(o) for o in OUTPUT_FOLDERS):
                continue
            parts = path.relative_to(root).parts
            out[".".join((name, *parts))] = path
    return out


def _modules_on_disk() -> set[str]:
    """Every ``.py`` file of the mapped folders, as the module name it installs under."""
    found = set()
    for name, path in _folders().items():
        for f in path.glob("*.py"):
            found.add(name if f.stem == "__init__" else f"{name}.{f.stem}")
    return found


def test_the_mapping_covers_the_top_level_folders() -> None:
    assert set(MAPPING.values()) == {"hallbound", "symbolic", "numeric", "proofs_checks",
                                     "paper_tex"}
    assert all(name == "hallbound" or name.startswith("hallbound.") for name in MAPPING)


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(SETUPTOOLS["packages"])
    packages = {n for n, p in _folders().items() if (p / "__init__.py").is_file()}
    assert packages - listed == set(), "add these to [tool.setuptools] packages"
    assert listed - packages - {"hallbound"} == set(), "listed, but no such package folder"
    assert "hallbound" in listed  # the namespace of the CLI itself (no __init__.py)


def test_every_folder_with_python_files_is_a_package() -> None:
    """A folder without ``__init__.py`` imports as a namespace package from the source tree
    but is skipped by the list above and by :func:`pkgutil.walk_packages`."""
    missing = [
        p.relative_to(ROOT).as_posix()
        for n, p in _folders().items()
        if n != "hallbound" and any(p.glob("*.py")) and not (p / "__init__.py").is_file()
    ]
    assert missing == []


_WALK = r"""
import importlib, json, pkgutil, sys
roots, skip = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
seen, failed = [], {}
def onerror(name):
    failed[name] = repr(sys.exc_info()[1])
for root in roots:
    pkg = importlib.import_module(root)
    seen.append(root)
    for info in pkgutil.walk_packages(pkg.__path__, root + ".", onerror=onerror):
        if info.name in skip:
            continue
        try:
            importlib.import_module(info.name)
            seen.append(info.name)
        except Exception as err:
            failed[info.name] = f"{type(err).__name__}: {err}"
print(json.dumps({"seen": seen, "failed": failed}))
"""


def test_every_module_of_the_package_imports() -> None:
    """``pkgutil.walk_packages`` over each mapped package (in a fresh interpreter, so that no
    test's imports help), importing each module; every ``.py`` file on disk must be reached."""
    args = [json.dumps(sorted(MAPPING)), json.dumps(sorted(NOT_IMPORTABLE))]
    env = {**os.environ, "MPLBACKEND": "Agg"}
    proc = subprocess.run([sys.executable, "-c", _WALK, *args], capture_output=True, text=True,
                          timeout=600, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["failed"] == {}
    missed = _modules_on_disk() - set(result["seen"]) - NOT_IMPORTABLE
    assert missed == set()
