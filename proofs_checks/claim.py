r"""Claims and their steps, as data.

A :class:`Claim` has a name (the paper's number, e.g. ``"Theorem 5.1"``), hypotheses
(:class:`Param`: a symbol with its assumptions and its parameter domain), a statement and
ordered :class:`Step` objects. A step states ``lhs REL rhs`` with a justification. Sides are
SymPy expressions wherever the step is an algebraic or analytic relation; probability steps
carry a :class:`~hallbound.proofs_checks.probability.LawCheck` that computes both sides
exactly on discrete laws (or by Monte Carlo).

Premises (a triangle inequality, a cited standard lemma, a hypothesis such as
:math:`\|v_0\| \le \varepsilon`) enter a step through ``given``: a substitution that writes a
symbol through non-negative slack symbols (e.g. :math:`b = \varepsilon - w`, :math:`w \ge 0`),
so that SymPy's assumption system can use them. ``premises`` names them for the report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

#: Relations a step may state.
RELATIONS: tuple[str, ...] = (
    "=",
    "<=",
    "<",
    ">=",
    ">",
    "subset",
    "equal-in-law",
    "independent",
    "product",
)
#: The papers whose claims hallbound checks: key -> citation.
PAPERS: dict[str, str] = {
    "bad-estimations": "Liu et al., hallucination from bad estimations (theory.md)",
    "why-hallucinate": 'Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate"',
}
#: Kinds of justification.
KINDS: tuple[str, ...] = (
    "algebra",
    "calculus",
    "inequality",
    "construction",
    "definition",
    "probability",
    "independence",
    "lemma",
)


#: LaTeX of each step relation.
RELATION_TEX: dict[str, str] = {
    "=": "=",
    "<=": r"\le",
    "<": "<",
    ">=": r"\ge",
    ">": ">",
    "subset": r"\subseteq",
    "equal-in-law": r"\overset{d}{=}",
    "independent": r"\perp",
    "product": "=",
}


@dataclass(frozen=True)
class Param:
    r"""A hypothesis: one symbol and its domain.

    ``kind`` is ``"real"`` (interval ``[lo, hi]``, open ends by ``lo_open``/``hi_open``;
    ``None`` = unbounded), ``"integer"`` or ``"spd"`` (a symmetric positive-definite matrix
    of size ``dim``, an int). ``search`` bounds the sampling range of an unbounded parameter
    in falsification (the domain itself stays unbounded).
    """

    name: str
    symbol: sp.Basic
    kind: str = "real"
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    search: tuple[float, float] | None = None
    description: str = ""
    dim: int = 1

    def domain_text(self) -> str:
        """E.g. ``delta in (0, 1]``."""
        if self.kind == "spd":
            return f"{self.name} positive definite ({self.dim}x{self.dim})"
        lo = "-oo" if self.lo is None else _num(self.lo)
        hi = "oo" if self.hi is None else _num(self.hi)
        left = "(" if (self.lo_open or self.lo is None) else "["
        right = ")" if (self.hi_open or self.hi is None) else "]"
        integer = " integer" if self.kind == "integer" else ""
        return f"{self.name}{integer} in {left}{lo}, {hi}{right}"

    def contains(self, value: float) -> bool:
        """Membership of a number in the stated domain."""
        if self.lo is not None and (value < self.lo or (self.lo_open and value == self.lo)):
            return False
        if self.hi is not None and (value > self.hi or (self.hi_open and value == self.hi)):
            return False
        return not (self.kind == "integer" and value != int(value))


@dataclass
class Step:
    """One proof step ``lhs REL rhs`` and its justification.

    ``given`` substitutes premises (see the module doc); ``params`` lists the step's own
    symbols (slack variables, sub-family parameters) on top of the claim's hypotheses.
    ``box`` (name -> (lo, hi)) is the box interval arithmetic certifies over when SymPy does
    not prove the step. ``law`` (a LawCheck) checks probability steps on exact laws.
    ``evaluate`` (point -> (lhs, rhs) as mpmath numbers) replaces SymPy substitution for
    steps with matrix parameters. ``witness_view`` maps a point to the paper's symbols.
    """

    name: str
    lhs: Any
    rel: str
    rhs: Any
    justification: str
    kind: str = "algebra"
    given: Mapping[sp.Basic, sp.Basic] = field(default_factory=dict)
    premises: Sequence[str] = ()
    params: Sequence[Param] = ()
    box: Mapping[str, tuple[float, float]] | None = None
    law: Any = None
    evaluate: Callable[[dict[str, Any]], tuple[Any, Any]] | None = None
    witness_view: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.rel not in RELATIONS:
            raise ValueError(f"rel: unknown relation {self.rel!r} (known: {RELATIONS})")
        if self.kind not in KINDS:
            raise ValueError(f"kind: unknown justification kind {self.kind!r}")

    def relation_text(self) -> str:
        """``lhs REL rhs`` as one line of text."""
        return f"{_txt(self.lhs)} {self.rel} {_txt(self.rhs)}"

    def relation_latex(self) -> str:
        """``lhs REL rhs`` in LaTeX (for paper_tex)."""
        rel = RELATION_TEX[self.rel]
        return f"{_tex(self.lhs)} {rel} {_tex(self.rhs)}"


@dataclass
class Claim:
    """A statement with hypotheses and ordered steps.

    ``source`` is ``"paper"`` (encoded as stated) or ``"corrected"``; ``corrects`` names the
    paper claim a corrected claim replaces. ``domain`` states the domain in words.
    ``paper`` is the key of the paper the claim comes from (:data:`PAPERS`).
    """

    name: str
    statement: Any
    hypotheses: Sequence[Param]
    steps: Sequence[Step]
    source: str = "paper"
    corrects: str | None = None
    domain: str = ""
    section: str = ""
    note: str = ""
    paper: str = "bad-estimations"

    def params_by_symbol(self, step: Step) -> dict[sp.Basic, Param]:
        """Every parameter a step may use, keyed by symbol."""
        out = {p.symbol: p for p in self.hypotheses}
        out.update({p.symbol: p for p in step.params})
        return out

    def domain_text(self) -> str:
        """The hypotheses' domains joined, or :attr:`domain` when given."""
        return self.domain or "; ".join(p.domain_text() for p in self.hypotheses)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _txt(x: Any) -> str:
    return sp.sstr(x) if isinstance(x, sp.Basic) else str(x)


def _tex(x: Any) -> str:
    return sp.latex(x) if isinstance(x, sp.Basic) else r"\text{" + str(x) + "}"
