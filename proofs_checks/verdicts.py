"""Step verdicts and check results (plain dataclasses with ``to_dict``).

Verdicts, strongest first: ``PROVED`` (SymPy, with assumptions), ``CERTIFIED`` (interval
arithmetic over a stated box), ``SUPPORTED`` (no counterexample in ``n`` stated trials),
``REFUTED`` (a witness re-verified at 50 digits or in exact rationals), ``UNDECIDED``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """The outcome of checking one step."""

    PROVED = "PROVED"
    CERTIFIED = "CERTIFIED"
    SUPPORTED = "SUPPORTED"
    REFUTED = "REFUTED"
    UNDECIDED = "UNDECIDED"

    @property
    def holds(self) -> bool:
        """True for PROVED and CERTIFIED (the verdicts a corrected claim must reach)."""
        return self in (Verdict.PROVED, Verdict.CERTIFIED)


@dataclass
class StepResult:
    """The verdict on one step, with how it was reached.

    ``witness`` (REFUTED only) maps the paper's symbol names to values; ``lhs``/``rhs`` are
    the two sides evaluated at the witness. ``box`` (CERTIFIED) maps names to ``[lo, hi]``.
    ``trials`` is the number of falsification trials (always given for SUPPORTED).
    """

    claim: str
    step: str
    relation: str
    verdict: Verdict
    method: str
    detail: str = ""
    witness: dict[str, Any] | None = None
    lhs: float | None = None
    rhs: float | None = None
    box: dict[str, list[float]] | None = None
    trials: int | None = None
    justification: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (verdict as its string)."""
        out: dict[str, Any] = {
            "claim": self.claim,
            "step": self.step,
            "relation": self.relation,
            "verdict": self.verdict.value,
            "method": self.method,
            "justification": self.justification,
            "detail": self.detail,
        }
        if self.witness is not None:
            out["witness"] = dict(self.witness)
            out["lhs"] = self.lhs
            out["rhs"] = self.rhs
        if self.box is not None:
            out["box"] = {k: list(v) for k, v in self.box.items()}
        if self.trials is not None:
            out["trials"] = self.trials
        return out

    def summary(self) -> str:
        """One short line: the witness, the certified box or the trial count."""
        if self.verdict is Verdict.REFUTED and self.witness is not None:
            pts = ", ".join(f"{k}={_short(v)}" for k, v in self.witness.items())
            return f"{pts}: lhs={_short(self.lhs)} rhs={_short(self.rhs)}"
        if self.verdict is Verdict.CERTIFIED and self.box is not None:
            return "box " + ", ".join(
                f"{k} in [{_short(a)}, {_short(b)}]" for k, (a, b) in self.box.items()
            )
        if self.verdict is Verdict.SUPPORTED:
            return f"no counterexample in n={self.trials} trials" + (
                f"; {self.detail}" if self.detail else ""
            )
        return self.detail


@dataclass
class ClaimResult:
    """The results of every step of one claim."""

    claim: str
    steps: list[StepResult] = field(default_factory=list)
    source: str = "paper"
    domain: str = ""
    paper: str = "bad-estimations"

    @property
    def refuted(self) -> bool:
        """True when some step is REFUTED."""
        return any(s.verdict is Verdict.REFUTED for s in self.steps)

    @property
    def holds(self) -> bool:
        """True when every step is PROVED or CERTIFIED."""
        return all(s.verdict.holds for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "paper": self.paper,
            "source": self.source,
            "domain": self.domain,
            "steps": [s.to_dict() for s in self.steps],
        }


def _short(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, list):
        return "[" + ", ".join(_short(x) for x in v) + "]"
    return str(v)
