r"""Whole-file results of ``hallbound verify``, found before the checker is imported.

Importing the checker (SymPy, the engine) costs more CPU than re-reading a file's verdicts,
so an unchanged file is answered from this cache with no heavy import: its key is the
SHA-256 of the file's text, the macros file's text, the settings (seed, trials, time limits)
and :func:`checker_version` (a hash of the source of every module of the package), so any
change to the input, the settings or the checker misses. An entry holds what the command
printed or wrote (the table, the JSON, the annotated LaTeX) and the ``--strict`` failures.
A file with a step stopped by its CPU budget is never stored (its verdict may differ on the
next run); the per-step cache
(:mod:`~hallbound.proofs_checks.latex.verdict_cache`) still re-checks only the steps an
edit touches. ``hallbound check`` stores its whole run here too, by :func:`check_key` (the
claims are part of the package's source, so the checker's version covers them). This module
imports nothing heavy.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

#: Environment variable naming the cache directory (default
#: ``$XDG_CACHE_HOME/hallbound/verify``, or ``~/.cache/hallbound/verify``).
CACHE_ENV = "HALLBOUND_VERIFY_CACHE"
#: the subpackages the package-dir mapping places outside ``hallbound/`` in a source tree
_SUBPACKAGES = ("symbolic", "numeric", "proofs_checks", "paper_tex")
_VERSION: str | None = None
#: What an entry holds (each a string, except ``strict``: a list of strings).
FIELDS = ("render", "json", "annotate", "strict")


def default_dir() -> Path:
    """``$HALLBOUND_VERIFY_CACHE``, else ``$XDG_CACHE_HOME/hallbound/verify`` (``~/.cache``
    when ``XDG_CACHE_HOME`` is not set)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hallbound" / "verify"


def source_roots() -> list[Path]:
    """The folders holding the package's source: ``hallbound.__path__`` and the search
    locations of each mapped subpackage (``hallbound.proofs_checks`` ...), resolved (found
    without importing them). In an editable install the subpackages are not under
    ``hallbound/``, so hashing ``hallbound.__path__`` alone would miss the checker."""
    import importlib.util

    import hallbound

    roots = {Path(p).resolve() for p in hallbound.__path__ if os.path.isdir(p)}
    for name in _SUBPACKAGES:
        spec = importlib.util.find_spec(f"hallbound.{name}")
        if spec is not None and spec.submodule_search_locations:
            roots |= {Path(p).resolve() for p in spec.submodule_search_locations
                      if os.path.isdir(p)}
    return sorted(roots)


#: The libraries whose versions enter :func:`checker_version` (a SymPy upgrade may change a
#: verdict as surely as an edit of the checker).
LIBRARIES = ("sympy", "mpmath", "z3-solver", "numpy", "scipy", "python-flint", "numba")


def library_versions() -> list[str]:
    """``name==version`` of each of :data:`LIBRARIES` that is installed, and Python's."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    out = [f"python=={platform.python_version()}"]
    for name in LIBRARIES:
        try:
            out.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}==absent")
    return out


def checker_version() -> str:
    """SHA-256 of the source of every ``.py`` module under :func:`source_roots` (paths and
    contents, in order) and of :func:`library_versions`: a change to any part of the checker,
    or of a library it computes with, gives a new version."""
    global _VERSION
    if _VERSION is None:
        h = hashlib.sha256()
        h.update("\n".join(library_versions()).encode())
        for root in source_roots():
            h.update(str(root.name).encode())
            for path in sorted(root.rglob("*.py")):
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
        _VERSION = h.hexdigest()
    return _VERSION


def file_key(text: str, macros: str | None, settings: tuple) -> str:
    """The key of one run: the input's texts, the settings and the checker's version."""
    parts = ["file", checker_version(), text, "\x01" if macros is None else macros,
             repr(settings)]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def check_key(settings: tuple) -> str:
    """The key of one ``hallbound check`` run: its settings (claims, paper, seed, trials,
    verbosity) and the checker's version (the claims are part of the package's source)."""
    parts = ["check", checker_version(), repr(settings)]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class FileCache:
    """Whole-file outputs on disk, by :func:`file_key` (one JSON file per key)."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_dir()

    def _path(self, key: str) -> Path:
        return self.directory / "files" / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored outputs, or None (absent, unreadable or not of this shape)."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or set(data) != set(FIELDS):
            return None
        if not all(isinstance(data[k], str) for k in FIELDS[:3]):
            return None
        if not (isinstance(data["strict"], list) and all(isinstance(x, str)
                                                         for x in data["strict"])):
            return None
        return data

    def put(self, key: str, outputs: dict[str, Any]) -> None:
        """Store the outputs atomically (a temporary file renamed); a write error is ignored
        (the cache only saves time)."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({k: outputs[k] for k in FIELDS}), encoding="utf-8")
            tmp.replace(path)
        except (OSError, TypeError, ValueError, KeyError):
            return


__all__ = ["CACHE_ENV", "FIELDS", "LIBRARIES", "FileCache", "check_key", "checker_version",
           "default_dir", "file_key", "library_versions", "source_roots"]
