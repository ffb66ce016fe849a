"""Packaging: the wheel holds every package of the source tree, and every module imports.

``pyproject.toml`` maps ``symbolic/``, ``numeric/``, ... onto ``hallbound.*`` with
``package-dir``; setuptools' discovery does not follow that mapping, so ``setup.py`` walks the
mapped folders and lists the packages it finds. These tests check that list against the tree,
build the wheel (offline: ``pip wheel --no-deps --no-build-isolation``, with the setuptools
and wheel of the ``test`` extra) and import every module from the unpacked wheel in a fresh
interpreter.
"""

from __future__ import annotations

import json
import os
import pathlib
import runpy
import shutil
import subprocess
import sys
import tomllib
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
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


def _found_packages() -> set[str]:
    """The package list ``setup.py`` hands to setuptools."""
    return set(runpy.run_path(str(ROOT / "setup.py"), run_name="setup_for_test")
               ["mapped_packages"](ROOT))


def test_every_package_folder_is_found_by_setup_py() -> None:
    found = _found_packages()
    packages = {n for n, p in _folders().items() if (p / "__init__.py").is_file()}
    assert packages - found == set()
    assert found - packages - {"hallbound"} == set(), "found, but no such package folder"
    assert "hallbound" in found  # the namespace of the CLI itself (no __init__.py)
    assert "packages" not in SETUPTOOLS, "a hand-written list would shadow setup.py's"


def test_setup_py_finds_a_new_subpackage(tmp_path) -> None:
    """A package folder added under a mapped root is found without any edit."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.setuptools.package-dir]\n"hallbound" = "hallbound"\n"hallbound.numeric" = "num"\n'
    )
    for folder in ("hallbound/commands", "num", "num/brand_new", "num/brand_new/deeper",
                   "num/__pycache__"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / "num/not_a_package").mkdir()
    found = runpy.run_path(str(ROOT / "setup.py"), run_name="x")["mapped_packages"](tmp_path)
    assert found == ["hallbound", "hallbound.commands", "hallbound.numeric",
                     "hallbound.numeric.brand_new", "hallbound.numeric.brand_new.deeper"]


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


#: Source-tree entries the wheel build needs (a copy, so the build leaves no ``build/`` or
#: ``*.egg-info`` in the checkout).
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "LICENSE",
                *sorted(set(MAPPING.values())))
_COPY_IGNORE = shutil.ignore_patterns("__pycache__", "*.egg-info", "generated", "*.pyc")


def _build_wheel(tmp: pathlib.Path) -> pathlib.Path:
    """Build the wheel from a copy of the source tree into ``tmp/dist``; return its path."""
    src = tmp / "src"
    for entry in BUILD_INPUTS:
        origin = ROOT / entry
        if origin.is_dir():
            shutil.copytree(origin, src / entry, ignore=_COPY_IGNORE)
        else:
            src.mkdir(exist_ok=True)
            shutil.copy2(origin, src / entry)
    # no build isolation: the backend (setuptools, wheel) comes from the test extra, installed
    # with the project, so the build needs no package index at test time
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
           "-w", str(tmp / "dist"), str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    (wheel,) = (tmp / "dist").glob("hallbound-*.whl")
    return wheel


_FROM_WHEEL = r"""
import importlib, json, sys
site, names = sys.argv[1], json.loads(sys.argv[2])
failed, outside = {}, []
for name in names:
    try:
        module = importlib.import_module(name)
    except Exception as err:
        failed[name] = f"{type(err).__name__}: {err}"
        continue
    if not (getattr(module, "__file__", None) or "").startswith(site):
        outside.append(name)
print(json.dumps({"failed": failed, "outside": outside}))
"""


@pytest.mark.slow
def test_the_wheel_holds_and_imports_every_module(tmp_path) -> None:
    """Build the wheel, check it holds every ``.py`` file of the mapped folders (each package's
    ``__init__.py`` included), unpack it and import each module from the unpacked copy in a
    fresh interpreter run outside the checkout (its own folder first on ``sys.path``)."""
    wheel = _build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        files = {n for n in archive.namelist() if n.endswith(".py")}
        archive.extractall(tmp_path / "site")
    expected = {
        "/".join((*name.split("."), f.name))
        for name, folder in _folders().items()
        for f in folder.glob("*.py")
    }
    assert expected - files == set(), "missing from the wheel"
    site = str(tmp_path / "site")
    names = sorted(_modules_on_disk() - NOT_IMPORTABLE)
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": site}
    proc = subprocess.run([sys.executable, "-c", _FROM_WHEEL, site, json.dumps(names)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["failed"] == {}
    assert result["outside"] == [], "imported from outside the wheel"
