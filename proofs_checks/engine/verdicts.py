"""Step verdicts and check results (plain dataclasses with ``to_dict``).

Verdicts, strongest first:

* ``PROVED``: a computation (SymPy, z3) derived the relation from the claim's hypotheses, from
  earlier PROVED/CERTIFIED steps cited by name, and from lemma instances whose hypotheses were
  checked as sub-steps;
* ``CERTIFIED``: interval arithmetic over the stated domain or a stated box (the box is part of
  the verdict);
* ``SUPPORTED``: the only evidence is a search that found no counterexample (random,
  Hypothesis, exact discrete laws, Monte Carlo), with its count;
* ``ASSUMED``: the relation follows by a computation, but only under a premise that is none of
  the above; the premise is named;
* ``UNDECIDED``: nothing decided the step;
* ``REFUTED``: a witness, re-verified at 50 digits or in exact rationals.

A claim's verdict is the weakest of its steps' verdicts, and ``PROVED``/``CERTIFIED`` only when
its chain closes (the steps compose into the claim's statement).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """The outcome of checking one step (or one claim)."""

    PROVED = "PROVED"
    CERTIFIED = "CERTIFIED"
    SUPPORTED = "SUPPORTED"
    ASSUMED = "ASSUMED"
    UNDECIDED = "UNDECIDED"
    REFUTED = "REFUTED"

    @property
    def holds(self) -> bool:
        """True for PROVED and CERTIFIED (the verdicts a corrected claim must reach)."""
        return self in (Verdict.PROVED, Verdict.CERTIFIED)

    @property
    def strength(self) -> int:
        """Rank, larger is stronger: PROVED 5 ... REFUTED 0."""
        return _STRENGTH[self]


_STRENGTH = {
    Verdict.PROVED: 5,
    Verdict.CERTIFIED: 4,
    Verdict.SUPPORTED: 3,
    Verdict.ASSUMED: 2,
    Verdict.UNDECIDED: 1,
    Verdict.REFUTED: 0,
}


def weakest(verdicts: Iterable[Verdict]) -> Verdict:
    """The weakest verdict (PROVED for an empty collection)."""
    return min(verdicts, key=lambda v: v.strength, default=Verdict.PROVED)


@dataclass
class StepResult:
    """The verdict on one step, with how it was reached.

    ``shown_on`` names the claim parameters the step was shown for on a part of their domain
    only (its own ``params``, or the box of a CERTIFIED step), with that part; ``region``
    holds the same parts as SymPy sets (for :mod:`~hallbound.proofs_checks.engine.chain`).
    ``witness`` (REFUTED only) maps the paper's symbol names to values; ``lhs``/``rhs`` are
    the two sides evaluated at the witness. ``box`` (CERTIFIED) maps names to ``[lo, hi]``.
    ``trials`` is the number of falsification trials (always given for SUPPORTED). ``cites``
    names the earlier steps the step used, ``lemmas`` the lemma instances (text), ``assumed``
    the premises nothing backs (non-empty exactly for ASSUMED, or a weaker verdict that also
    rests on them).
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
    cites: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    paper: str = ""
    shown_on: dict[str, str] = field(default_factory=dict)
    region: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: the Coq kernel's word when asked (``check --coq``): ``checked``, ``failed (why)``, ...
    kernel: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (verdict as its string)."""
        out: dict[str, Any] = {
            "claim": self.claim,
            "paper": self.paper,
            "step": self.step,
            "relation": self.relation,
            "verdict": self.verdict.value,
            "method": self.method,
            "justification": self.justification,
            "detail": self.detail,
            "cites": list(self.cites),
            "lemmas": list(self.lemmas),
            "assumed": list(self.assumed),
        }
        if self.witness is not None:
            out["witness"] = dict(self.witness)
            out["lhs"] = self.lhs
            out["rhs"] = self.rhs
        if self.box is not None:
            out["box"] = {k: list(v) for k, v in self.box.items()}
        if self.trials is not None:
            out["trials"] = self.trials
        if self.shown_on:
            out["shown_on"] = dict(self.shown_on)
        if self.kernel is not None:
            out["kernel"] = self.kernel
        return out

    def summary(self) -> str:
        """One short line: the witness, the certified box, the trial count or the premises."""
        if self.verdict is Verdict.REFUTED and self.witness is not None:
            pts = ", ".join(f"{k}={_short(v)}" for k, v in self.witness.items())
            return f"{pts}: " + _sides(self.lhs, self.rhs)
        parts = []
        if self.verdict is Verdict.CERTIFIED and self.box is not None:
            parts.append(
                "box "
                + ", ".join(f"{k} in [{_short(a)}, {_short(b)}]" for k, (a, b) in self.box.items())
            )
        if self.verdict is Verdict.SUPPORTED:
            parts.append(f"no counterexample in n={self.trials} trials")
        if self.assumed:
            parts.append("assumes: " + "; ".join(self.assumed))
        if self.shown_on:
            parts.append("shown only on " + ", ".join(self.shown_on.values()))
        if self.cites:
            parts.append("cites: " + ", ".join(self.cites))
        if self.lemmas:
            parts.append("lemmas: " + "; ".join(self.lemmas))
        if self.detail:
            parts.append(self.detail)
        return "; ".join(parts)


@dataclass
class ClaimResult:
    """The results of every step of one claim, and whether its chain closes.

    ``chain`` explains how the steps compose into the statement (or why they do not).
    ``statement`` is what the claim states (its symbolic conclusion when it has one),
    ``comment`` the author's wording; ``assumptions`` the claim's stated relations (shown next
    to the domain: a verdict holds under them); ``implicit`` the conclusion's symbols that are
    not parameters, with where their values come from; ``definitions`` the claim's
    definitions (name := expression). ``uncovered`` names, per parameter, the part of
    the domain no chain of steps reaches the conclusion on, and ``uncovered_check`` is the
    search for a counterexample to the conclusion there.
    """

    claim: str
    steps: list[StepResult] = field(default_factory=list)
    source: str = "paper"
    domain: str = ""
    paper: str = ""
    #: a claim of the project's registry (else a user's claim, labelled as such)
    registered: bool = False
    chain_closed: bool = False
    chain: str = ""
    statement: str = ""
    comment: str = ""
    assumptions: list[str] = field(default_factory=list)
    implicit: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    uncovered: dict[str, str] = field(default_factory=dict)
    uncovered_check: StepResult | None = None

    @property
    def refuted(self) -> bool:
        """True when some step is REFUTED."""
        return any(s.verdict is Verdict.REFUTED for s in self.steps)

    @property
    def assumes(self) -> bool:
        """True when some step is ASSUMED."""
        return any(s.verdict is Verdict.ASSUMED for s in self.steps)

    @property
    def verdict(self) -> Verdict:
        """The weakest step verdict; PROVED/CERTIFIED only when the chain closes on the whole
        domain. When the steps reach the conclusion only on a part of it, the conclusion is
        searched on the rest (``uncovered_check``): REFUTED with a witness there, else at
        most SUPPORTED."""
        v = weakest(s.verdict for s in self.steps)
        check = self.uncovered_check
        if self.uncovered and check is not None:
            if check.verdict is Verdict.REFUTED:
                return Verdict.REFUTED
            if check.verdict is Verdict.SUPPORTED and v.strength >= Verdict.SUPPORTED.strength:
                return Verdict.SUPPORTED
        if v.holds and not self.chain_closed:
            return Verdict.UNDECIDED  # every step holds, but they do not show the statement
        return v

    @property
    def holds(self) -> bool:
        """True when the claim's verdict is PROVED or CERTIFIED."""
        return self.verdict.holds

    @property
    def assumed(self) -> list[str]:
        """Every premise an ASSUMED step rests on (deduplicated, in order)."""
        return _dedupe(a for s in self.steps for a in s.assumed)

    @property
    def lemmas(self) -> list[str]:
        """Every lemma instance the steps used (deduplicated, in order)."""
        return _dedupe(x for s in self.steps for x in s.lemmas)

    def counts(self) -> dict[str, int]:
        """Number of steps per verdict."""
        out: dict[str, int] = {}
        for s in self.steps:
            out[s.verdict.value] = out.get(s.verdict.value, 0) + 1
        return out

    def claim_dict(self) -> dict[str, Any]:
        """The claim object of ``hallbound check --json``."""
        return {
            "claim": self.claim,
            "paper": self.paper,
            "source": self.source,
            "verdict": self.verdict.value,
            "chain_closed": self.chain_closed,
            "chain": self.chain,
            "counts": self.counts(),
            "assumed": self.assumed,
            "lemmas": self.lemmas,
            "statement": self.statement,
            "comment": self.comment,
            "assumptions": list(self.assumptions),
            "implicit": list(self.implicit),
            "definitions": list(self.definitions),
            "uncovered": dict(self.uncovered),
            "uncovered_check": (
                self.uncovered_check.to_dict() if self.uncovered_check is not None else None
            ),
        }

    def to_dict(self) -> dict[str, Any]:
        return self.claim_dict() | {
            "domain": self.domain,
            "steps": [s.to_dict() for s in self.steps],
        }


def _dedupe(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


def _sides(lhs: Any, rhs: Any) -> str:
    """``lhs=.. rhs=..`` with 6 significant digits, or as many as it takes (up to 17) for two
    different floats to print differently."""
    for digits in (6, 10, 17):
        shown = _short(lhs, digits), _short(rhs, digits)
        if shown[0] != shown[1] or not (isinstance(lhs, float) and isinstance(rhs, float)):
            break
    return f"lhs={shown[0]} rhs={shown[1]}"


def _short(v: Any, digits: int = 6) -> str:
    if isinstance(v, float):
        return f"{v:.{digits}g}"
    if isinstance(v, list):
        return "[" + ", ".join(_short(x) for x in v) + "]"
    return str(v)
