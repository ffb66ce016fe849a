"""Build hook: the package list is found, not written by hand.

``pyproject.toml`` maps the top-level folders (``symbolic/``, ``numeric/``, ...) onto the one
installed namespace ``hallbound.*`` with ``[tool.setuptools.package-dir]``. Setuptools' own
discovery does not follow that mapping, so this file walks each mapped folder and lists every
folder holding an ``__init__.py`` as a package: a new subpackage lands in the wheel without an
edit here or in ``pyproject.toml``. Everything else is configured in ``pyproject.toml``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
#: Folders under a mapped root that are never packages (build output).
SKIPPED = ("__pycache__", "generated")


def mapped_packages(root: Path = ROOT) -> list[str]:
    """Every installed package name: ``hallbound`` (the namespace of the CLI, no
    ``__init__.py``) plus ``name.sub.sub`` for each folder with an ``__init__.py`` under a
    folder that ``package-dir`` maps to ``name``."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    mapping: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    found = {"hallbound"}
    for name, folder in mapping.items():
        base = root / folder
        for init in base.rglob("__init__.py"):
            parts = init.parent.relative_to(base).parts
            if any(p in SKIPPED or not p.isidentifier() for p in parts):
                continue
            found.add(".".join((name, *parts)))
    return sorted(found)


if __name__ == "__main__":
    setup(packages=mapped_packages())
