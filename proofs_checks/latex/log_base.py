r"""The base of a bare ``\log``: a verdict must hold whichever base the author meant.

Authors write ``\log`` for the natural logarithm (analysis, statistics), for ``\log_2``
(information theory, computer science) and for ``\log_{10}``. Some steps do not depend on the
base (``\log(ab) = \log a + \log b``, ``\log(1/p) = -\log p``), others do
(``\log 8 = 3``, ``e^{c \log n} = n^c``, ``\log(1 + x) \le x``). So, unless the document
states the base with ``% hb: log e`` (or ``natural``, ``2``, ``10``), a file that writes a bare
``\log`` is checked three times, reading :math:`\log u` as :math:`\ln u / \ln b` for
:math:`b = e, 2, 10` (:func:`over_bases`), and each verdict is merged (:func:`merge_check`):

* PROVED, CERTIFIED or SUPPORTED only when every base gives one of them (the weakest is kept);
* REFUTED only when every base refutes the step (the witness shown is the natural log's);
* otherwise UNDECIDED, saying which base gives which verdict.

``\ln`` and ``\log_b`` (an explicit base) are never affected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.document import Document
from hallbound.proofs_checks.latex.log_reading import reading_base
from hallbound.proofs_checks.latex.verify_results import (
    ChainReport,
    ErrorEntry,
    LineCheck,
    VerifyReport,
    retag,
)

#: The bases tried when the document does not state one, natural first.
BASES: tuple[sp.Basic, ...] = (sp.E, sp.Integer(2), sp.Integer(10))
_NAMES = {"e": sp.E, "natural": sp.E, "ln": sp.E, "2": sp.Integer(2), "10": sp.Integer(10)}
_DIRECTIVE = re.compile(r"%\s*hb:\s*log\b[ \t]*(?P<arg>[^\n]*)")
#: Verdicts in the order weakest to strongest, among those that say the step holds.
HOLDS = ("SUPPORTED", "CERTIFIED", "PROVED")
_HOLDS = HOLDS
#: ``merge(first, [(label, check or None)])``: one verdict from several runs of a step
Merge = Callable[[LineCheck, list[tuple[Any, LineCheck | None]]], LineCheck]

def stated_base(text: str) -> tuple[sp.Basic | None, list[tuple[int, str]]]:
    """The base a ``% hb: log B`` line states (None when none does), and (offset, message)
    of each such line that cannot be read or disagrees with an earlier one."""
    base: sp.Basic | None = None
    errors: list[tuple[int, str]] = []
    for m in _DIRECTIVE.finditer(text):
        arg = re.sub(r"^base\s+", "", m.group("arg").strip().lower())
        value = _NAMES.get(arg)
        if value is None:
            errors.append((m.start("arg"), f"log: give e (natural), 2 or 10, got {arg!r}"))
        elif base is not None and value != base:
            errors.append((m.start("arg"), "log: a second, different base; the first is used"))
        elif base is None:
            base = value
    return base, errors


def over_bases(text: str, run: Callable[[], VerifyReport]) -> VerifyReport:
    """Run ``run`` (one check of the document) once per base of a bare ``\\log`` (see the
    module doc) and merge the reports; once when the document states the base or writes no
    bare ``\\log``."""
    base, errors = stated_base(text)
    if base is not None:
        with reading_base(base):
            report = run()
        return _with_errors(report, text, errors)
    with reading_base(sp.E) as seen:
        report = run()
    if seen[0]:
        others = []
        for alt in BASES[1:]:
            with reading_base(alt):
                others.append((alt, run()))
        merge_reports(report, others)
    return _with_errors(report, text, errors)


def merge_reports(report: VerifyReport, others: list[tuple[Any, VerifyReport]],
                  merge: Merge | None = None) -> None:
    """Merge the other runs' verdicts into ``report`` (the first run: natural log), step by
    step, with ``merge`` (:func:`merge_check` by default); a chain another run read
    differently is passed as ``None``."""
    merge = merge or merge_check
    for k, chain in enumerate(report.environments):
        alts = [(b, _same_chain(chain, r.environments, k)) for b, r in others]
        for i, check in enumerate(chain.steps):
            chain.steps[i] = merge(check, [(b, c and c.steps[i]) for b, c in alts])
        if chain.conclusion is not None:
            chain.conclusion = merge(chain.conclusion, [(b, c and c.conclusion) for b, c in alts])
        retag(chain)


def merge_check(natural: LineCheck, others: list[tuple[sp.Basic, LineCheck | None]]) -> LineCheck:
    """One verdict that holds for every base (see the module doc); ``None`` for a base whose
    reading of the chain differed (then nothing is claimed)."""
    verdict = natural.verdict
    if verdict not in (*_HOLDS, "REFUTED"):
        return natural
    got = [(b, c.verdict if c is not None else "read differently") for b, c in others]
    if verdict == "REFUTED" and all(v == "REFUTED" for _, v in got):
        note = "REFUTED with \\log in base e, 2 and 10 alike (the witness shown: natural log)"
        return replace(natural, notes=[*natural.notes, note])
    if verdict in _HOLDS and all(v in _HOLDS for _, v in got):
        weakest = min([natural, *(c for _, c in others if c is not None)],
                      key=lambda c: _HOLDS.index(c.verdict))
        return weakest if weakest is natural else _same_place(weakest, natural)
    says = "; ".join([f"natural log: {verdict}", *(f"base {b}: {v}" for b, v in got)])
    note = (f"the verdict depends on the base of \\log ({says}): write \\ln or \\log_2, or "
            "state the base with `% hb: log e` (or 2, 10)")
    return replace(natural, verdict="UNDECIDED", method="not decided", detail=note,
                   witness=None, lhs_value=None, rhs_value=None, satisfies=[],
                   notes=[*natural.notes, note])


def _same_chain(chain: ChainReport, chains: list[ChainReport], k: int) -> ChainReport | None:
    """The other run's chain ``k`` when it reads the same rows (same sides, same steps)."""
    if k >= len(chains):
        return None
    other = chains[k]
    shape = [(s.line, s.lhs, s.relation, s.rhs) for s in chain.steps]
    if [(s.line, s.lhs, s.relation, s.rhs) for s in other.steps] != shape:
        return None
    if (chain.conclusion is None) != (other.conclusion is None):
        return None
    return other


def _same_place(check: LineCheck, natural: LineCheck) -> LineCheck:
    """``check`` (another base's) with the natural run's source (for the kernel export)."""
    return replace(check, source=natural.source,
                   notes=[*check.notes, "the weakest verdict over the bases e, 2 and 10 of \\log"])


def _with_errors(report: VerifyReport, text: str, errors: list[tuple[int, str]]) -> VerifyReport:
    """``report`` with the ``% hb: log`` errors at their lines."""
    doc = Document(text=text, environments=[], file_macros=[], stray_directives=[])
    for off, msg in errors:
        report.errors.append(ErrorEntry(*doc.line_col(off), msg))
    report.errors.sort(key=lambda e: (e.line, e.column))
    return report


__all__ = ["BASES", "HOLDS", "Merge", "merge_check", "merge_reports", "over_bases",
           "stated_base"]

