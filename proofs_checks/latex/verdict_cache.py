r"""A content-addressed cache of step verdicts for ``hallbound verify`` (issue 21, item 5).

A step's key is the SHA-256 of everything its verdict depends on, normalised: both sides and
the relation (SymPy ``srepr``, after the author's macros are expanded and the row is read, so
spacing, line numbers and macro names do not matter but their meaning does), the parameters
with their domains, the box, the claim's definitions and stated assumptions, the cited
lemmas, the earlier steps it cites (verdict, assumptions, region and relation), the seed,
trials and time limit, and the checker's version: :func:`checker_version`, a hash of the
source of every module of the package, so any change to the checker misses. One file per
key (a pickled
:class:`~hallbound.proofs_checks.engine.verdicts.StepResult`, which keeps its SymPy region
for composing the chain) in a directory the user owns (created with mode 0o700; the
cache is the user's own, like any local build cache). A step that ran out of time or failed
is never stored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Any

import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.engine.claim import Claim, Step
from hallbound.proofs_checks.engine.verdicts import StepResult

# the version hash and the directory are shared with the whole-file cache (light module)
from hallbound.verify_filecache import (  # noqa: E402 - re-exported
    CACHE_ENV,
    checker_version,
    default_dir,
    source_roots,
)


def _param(p: Any) -> str:
    return repr((p.name, sp.srepr(p.symbol), p.kind, p.lo, p.hi, p.lo_open, p.hi_open,
                 p.search, p.dim))


def _mapping(d: dict) -> list[str]:
    return sorted(f"{sp.srepr(k)}:{sp.srepr(v)}" for k, v in d.items())


def _cited(claim: Claim, name: str, result: StepResult) -> str:
    """What the engine uses of a cited line: its verdict, assumptions and region (which cap
    and narrow the step), and its relation and parameters (a cited step of the same claim
    discharges a lemma's hypotheses), so an edited cited line with the same verdict misses."""
    src = next((s for s in claim.steps if s.name == name), None)
    relation = ("", "") if src is None else (
        repr((sp.srepr(src.lhs), src.rel, sp.srepr(src.rhs))),
        repr(sorted(_param(p) for p in src.params)))
    region = sorted((sp.srepr(k), sp.srepr(v)) for k, v in (result.region or {}).items())
    return repr((name, result.verdict.value, result.relation, sorted(result.assumed),
                 region, relation))


def step_key(claim: Claim, step: Step, earlier: dict[str, StepResult], settings: tuple) -> str:
    """The key of a step's check (see the module doc); ``settings`` is (seed, trials,
    time limit)."""
    cited = sorted(_cited(claim, c, earlier[c]) for c in step.cites if c in earlier)
    parts = [
        checker_version(),
        sp.srepr(step.lhs), step.rel, sp.srepr(step.rhs), step.kind,
        repr(sorted(_param(p) for p in step.params)),
        repr(sorted((step.box or {}).items())),
        repr(_mapping(claim.definitions or {})),
        repr(sorted(repr(tuple(sp.srepr(x) if isinstance(x, sp.Basic) else x for x in a))
                    for a in (claim.assumptions or []))),
        repr([repr(x) for x in step.lemmas]),
        repr(sorted(str(c) for c in step.cites)), repr(cited),
        repr(step.witness_view is not None),
        repr(settings),
    ]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class VerdictCache:
    """Step verdicts on disk, by :func:`step_key`; counts its hits and misses."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_dir()
        if self.directory.exists() and not self.directory.is_dir():
            raise InputError("cache", f"{self.directory} is not a directory")
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pkl"

    def get(self, key: str, step_name: str) -> StepResult | None:
        """The stored result (renamed to ``step_name``), or None."""
        path = self._path(key)
        try:
            with path.open("rb") as fh:
                result = pickle.load(fh)  # noqa: S301 - the user's own cache directory
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.misses += 1
            return None
        if not isinstance(result, StepResult):
            self.misses += 1
            return None
        self.hits += 1
        return replace(result, step=step_name)

    def put(self, key: str, result: StepResult) -> None:
        """Store a result (atomically: a temporary file renamed); a write error is ignored
        (the cache only saves time)."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(result, fh)
            tmp.replace(path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            return


__all__ = ["CACHE_ENV", "VerdictCache", "checker_version", "default_dir", "source_roots",
           "step_key"]
