r"""The results of :func:`~hallbound.proofs_checks.latex.verify.verify_tex`: one
:class:`LineCheck` per checked relation, one :class:`ChainReport` per chain, the input's
:class:`ErrorEntry` messages, and the whole :class:`VerifyReport` (with the ``--strict``
rules, :meth:`VerifyReport.strict_failures`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Verdicts that count as checked.
CHECKED = ("PROVED", "CERTIFIED", "SUPPORTED", "REFUTED")
REL_TEX = {"=": "=", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">"}


@dataclass
class LineCheck:
    """One checked relation (a step, or a chain's conclusion) with its source position."""

    line: int
    column: int
    lhs: str
    relation: str
    rhs: str
    verdict: str
    method: str
    witness: dict[str, Any] | None = None
    lhs_value: float | None = None
    rhs_value: float | None = None
    detail: str = ""
    box: dict[str, list[float]] | None = None
    trials: int | None = None
    cites: list[str] = field(default_factory=list)
    lemma: str | None = None
    assumed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lemma_problem: str = ""
    #: the stated assumptions (and boxes) a REFUTED step's witness satisfies
    satisfies: list[str] = field(default_factory=list)
    #: the kernel's word with ``--coq`` (``checked``, ``failed (why)``, ...; kernel/)
    kernel: str | None = None
    #: (claim, step, result, earlier results) of the check, for the kernel export
    source: Any = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "line": self.line,
            "lhs": self.lhs,
            "relation": self.relation,
            "rhs": self.rhs,
            "verdict": self.verdict,
            "method": self.method,
            "witness": self.witness,
            "lhs_value": self.lhs_value,
            "rhs_value": self.rhs_value,
            "column": self.column,
            "detail": self.detail,
        }
        if self.box is not None:
            out["box"] = self.box
        if self.trials is not None:
            out["trials"] = self.trials
        if self.cites:
            out["cites"] = self.cites
        if self.lemma:
            out["lemma"] = self.lemma
        if self.assumed:
            out["assumed"] = self.assumed
        if self.notes:
            out["notes"] = self.notes
        if self.satisfies:
            out["satisfies"] = self.satisfies
        if self.kernel is not None:
            out["kernel"] = self.kernel
        return out


@dataclass
class ChainReport:
    """One chain: its environment, first line, steps and conclusion."""

    index: int
    environment: int
    name: str
    line: int
    steps: list[LineCheck]
    conclusion: LineCheck | None
    #: (offset where a row's math ends, text of its margin tag), for ``--annotate``.
    tags: list[tuple[int, str]] = field(default_factory=list)
    env_name: str = "align"
    #: the offset where each step's row ends (its tag's place), in step order
    step_rows: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "environment": self.environment,
            "name": self.name,
            "line": self.line,
            "steps": [s.to_dict() for s in self.steps],
            "conclusion": self.conclusion.to_dict() if self.conclusion else None,
        }


@dataclass
class ErrorEntry:
    """A message about the input at a line and column (1-based)."""

    line: int
    column: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class VerifyReport:
    """What :func:`verify_tex` found: one entry per chain, and the input errors."""

    environments: list[ChainReport]
    errors: list[ErrorEntry]
    text: str = ""
    #: (offset, environment name, tag) of rows that could not be checked.
    unchecked: list[tuple[int, str, str]] = field(default_factory=list)
    #: (offset, macro) of file-reading macros (``\input``, ...), never followed.
    file_macros: list[tuple[int, str]] = field(default_factory=list)
    #: (line, reason) of each row or environment that was not checked
    skipped: list[tuple[int, str]] = field(default_factory=list)
    #: environments not closed (or closed by the wrong ``\end``)
    unclosed: int = 0
    #: steps whose verdict came from the verdict cache / were checked and stored
    cache_hits: int = 0
    cache_misses: int = 0
    #: the display definitions (``:=`` ...; :class:`.display_definitions.Definition`), in
    #: file order: never steps, never counted as checked
    definitions: list[Any] = field(default_factory=list)

    @property
    def refuted(self) -> bool:
        """True when some step is REFUTED."""
        return any(s.verdict == "REFUTED" for c in self.environments for s in c.steps)

    @property
    def checked(self) -> int:
        """Steps with a checked verdict (PROVED, CERTIFIED, SUPPORTED or REFUTED)."""
        return sum(s.verdict in CHECKED for c in self.environments for s in c.steps)

    def strict_failures(self) -> list[str]:
        """Why ``--strict`` fails (empty when it passes): a REFUTED step, an environment that
        is not closed, a row that could not be parsed, or nothing checked at all."""
        out = []
        if self.refuted:
            out.append("a step is REFUTED")
        if self.unclosed:
            out.append(f"{self.unclosed} environment(s) not closed")
        rows = sum(1 for _, why in self.skipped if not why.startswith("environment"))
        if rows:
            out.append(f"{rows} row(s) could not be read")
        unread = sum(1 for e in self.errors if e.message.startswith(("assume:", "box:")))
        if unread:
            out.append(f"{unread} assumption(s) could not be read")
        if self.checked == 0:
            out.append("no step was checked")
        return out

    def to_dict(self) -> dict[str, Any]:
        out = {
            "environments": [c.to_dict() for c in self.environments],
            "errors": [e.to_dict() for e in self.errors],
        }
        if self.definitions:
            out["definitions"] = [d.to_dict() for d in self.definitions]
        return out


def say_sampled(check: LineCheck) -> None:
    """A SUPPORTED check always says what was sampled (a method's empty detail filled)."""
    if check.verdict == "SUPPORTED" and not check.detail:
        points = f"{check.trials} sampled points" if check.trials else "the points sampled"
        check.detail = f"no counterexample in {points} ({check.method}); no proof"


def retag(chain: ChainReport) -> None:
    """Set ``chain.tags`` from its steps' verdicts (each at the end of its row) and the
    conclusion's (at the last step's row)."""
    by_row: dict[int, list[str]] = {}
    for off, c in zip(chain.step_rows, chain.steps, strict=True):
        by_row.setdefault(off, []).append(c.verdict)
    if chain.conclusion is not None and chain.step_rows:
        by_row.setdefault(chain.step_rows[-1], []).append(f"chain {chain.conclusion.verdict}")
    chain.tags = [(off, ", ".join(v)) for off, v in sorted(by_row.items())]


def compose(rels: list[str]) -> str | None:
    """The relation of a chain's conclusion (None when it mixes directions)."""
    kinds = set(rels)
    if kinds <= {"="}:
        return "="
    if kinds <= {"=", "<=", "<"}:
        return "<" if "<" in kinds else "<="
    if kinds <= {"=", ">=", ">"}:
        return ">" if ">" in kinds else ">="
    return None


def fill(check: LineCheck, result: Any) -> None:
    """Copy a step result (or a reason it was not decided, a string) into ``check``."""
    if isinstance(result, str):
        check.verdict = "UNDECIDED"
        check.method = "not decided"
        check.detail = result
        return
    check.verdict = result.verdict.value
    check.method = result.method
    check.detail = result.detail or ""
    check.witness = result.witness
    check.lhs_value = result.lhs
    check.rhs_value = result.rhs
    check.box = result.box
    check.trials = result.trials
    check.assumed = list(getattr(result, "assumed", []) or [])
