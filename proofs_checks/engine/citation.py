r"""A step citing another claim as a lemma instance.

:func:`cite` instantiates a claim's symbolic conclusion by substituting its parameters
(:math:`\gamma \mapsto 4\gamma/5`): the result is a :class:`ClaimInstance`, which a step lists
in ``Step.lemmas`` like a trust-base lemma instance. The engine then

* proves the step from the instance's conclusion (as for a lemma);
* checks the instance's hypotheses as premises of the citing step: each cited parameter's
  value lies in the parameter's domain, and each stated relation of the cited claim holds
  (substituted);
* caps the citing step by the cited claim's verdict (:func:`back`): the cited claim is
  checked (once, cached by content), and only a PROVED or CERTIFIED claim whose chain closes
  backs the step at that verdict; a SUPPORTED claim whose chain closes caps it at SUPPORTED;
  anything else leaves the step ASSUMED, naming the cited claim;
* refuses a cycle: a claim that cites itself, directly or through the claims it cites.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.engine.claim import Claim, Param, relation_of
from hallbound.proofs_checks.library.lemma_library import Hypothesis


@dataclass(frozen=True)
class CitedClaim:
    """What a :class:`ClaimInstance` reports as its lemma: the cited claim's name."""

    name: str
    reference: str = ""


@dataclass(frozen=True, eq=False)
class ClaimInstance:
    """A claim's conclusion with its parameters substituted (``args``: parameter name ->
    value), and the hypotheses the citing step must meet."""

    claim: Claim = field(repr=False)
    args: Mapping[str, Any]
    lemma: CitedClaim
    hypotheses: tuple[Hypothesis, ...]
    conclusion: tuple[Any, str, Any]

    @property
    def name(self) -> str:
        return self.lemma.name

    def text(self) -> str:
        """``claim NAME(args): lhs rel rhs  [if hypotheses]``."""
        args = ", ".join(f"{k}={sp.sstr(v)}" for k, v in self.args.items())
        lhs, rel, rhs = self.conclusion
        hyps = "; ".join(h.text() for h in self.hypotheses)
        out = f"claim {self.lemma.name}({args}): {sp.sstr(lhs)} {rel} {sp.sstr(rhs)}"
        return out + (f"  [if {hyps}]" if hyps else "")


def cite(claim: Claim, index: int = 0, **values: Any) -> ClaimInstance:
    """The ``index``-th relation of ``claim``'s conclusion with each parameter (by name)
    replaced by its value. Every parameter must be given; :class:`InputError` names an
    unknown or missing parameter, a non-integer value of an integer parameter, or a claim
    without a symbolic conclusion."""
    if not claim.conclusion:
        raise InputError("claim", f"{claim.name!r} has no symbolic conclusion to cite")
    if not 0 <= index < len(claim.conclusion):
        raise InputError("index", f"{claim.name!r} has {len(claim.conclusion)} conclusions")
    by_name = {p.name: p for p in claim.hypotheses}
    for key in values:
        if key not in by_name:
            raise InputError(key, f"not a parameter of {claim.name!r} (parameters: "
                             f"{list(by_name)})")
    subs: dict[sp.Basic, sp.Basic] = {}
    hyps: list[Hypothesis] = []
    for p in claim.hypotheses:
        if p.name not in values:
            raise InputError(p.name, f"missing value of {claim.name!r}'s parameter")
        value = sp.sympify(values[p.name])
        if p.is_integer and value.is_integer is not True:
            raise InputError(p.name, f"{claim.name!r} needs an integer, got {value}")
        subs[p.symbol] = value
        hyps.extend(_domain_hypotheses(p, value))
    for a in claim.assumptions:
        hyps.append(_assumption_hypothesis(claim, a, subs))

    def inst(e: Any) -> Any:
        if not isinstance(e, sp.Basic):
            return e
        return e.xreplace(dict(claim.definitions)).xreplace(subs)

    lhs, rel, rhs = claim.conclusion[index]
    _no_free_symbols(claim, lhs, rhs)
    return ClaimInstance(
        claim, dict(values), CitedClaim(claim.name, f"{claim.name} ({claim.paper})"),
        tuple(hyps), (inst(lhs), rel, inst(rhs)),
    )


def _no_free_symbols(claim: Claim, lhs: Any, rhs: Any) -> None:
    """Refuse a conclusion that names a symbol some step of the cited claim declares on its
    own domain (an implicit parameter): the cited claim holds for it only on that domain,
    and in the citing step a symbol of the same name would range wider. The claim's
    undeclared objects (``MM``, ``sr``: random quantities bound by its stated relations,
    which the citing step must meet as premises) are the same objects in both."""
    bound = {p.symbol for p in claim.hypotheses} | set(claim.definitions)
    declared = {p.symbol for step in claim.steps for p in step.params}
    free: set[sp.Basic] = set()
    for side in (lhs, rhs):
        if isinstance(side, sp.Basic):
            free |= side.free_symbols
    loose = sorted(map(str, (free & declared) - bound))
    if loose:
        raise InputError("claim", f"{claim.name!r}'s conclusion names {', '.join(loose)}, "
                         "which only its steps declare (on their own domains): make it a "
                         "parameter of the claim before citing it")


def _domain_hypotheses(p: Param, value: sp.Basic) -> list[Hypothesis]:
    out = []
    if p.lo is not None:
        out.append(Hypothesis(value, ">" if p.lo_open else ">=", p.exact_lo,
                              "deterministic"))
    if p.hi is not None:
        out.append(Hypothesis(value, "<" if p.hi_open else "<=", p.exact_hi,
                              "deterministic"))
    return out


def _assumption_hypothesis(claim: Claim, a: Any, subs: Mapping[sp.Basic, sp.Basic]) -> Any:
    try:
        lhs, op, rhs = relation_of(a)
    except TypeError as err:
        raise InputError("claim", f"{claim.name!r} states {a!r}, which is not a relation: "
                         "it cannot be checked as a premise of a citing step") from err
    lhs, rhs = sp.sympify(lhs).xreplace(subs), sp.sympify(rhs).xreplace(subs)
    return Hypothesis(lhs, op, rhs, "deterministic")


# ----- the cited claim's verdict ------------------------------------------------------------

_RESULTS: dict[tuple, Any] = {}
#: ``check_claim``, registered by the checker when it is imported (:func:`use_checker`): the
#: checker imports this module, so this module does not import it back.
_CHECK: Callable[[Claim], Any] | None = None


def use_checker(check: Callable[[Claim], Any]) -> None:
    """Register the function that checks a cited claim (the checker's ``check_claim``)."""
    global _CHECK
    _CHECK = check
_ACTIVE: list[str] = []


def _fingerprint(claim: Claim) -> tuple:
    """What the cache compares: everything a verdict depends on. The claim's name, source,
    parameters with their domains, definitions, conclusion, stated relations, and every
    step's relation, justification, own parameters, box, law, lemma instances and premises
    (a claim of the same name with another domain or step is another claim)."""
    steps = tuple(
        (s.name, s.relation_text(), s.justification, s.kind, tuple(map(repr, s.params)),
         repr(getattr(s, "box", None)), repr(getattr(s, "law", None)),
         tuple(x.text() for x in s.lemmas), tuple(str(p) for p in s.premises))
        for s in claim.steps
    )
    return (claim.name, claim.source, tuple(map(repr, claim.hypotheses)),
            tuple((sp.srepr(k), sp.srepr(v)) for k, v in claim.definitions.items()),
            tuple(sp.srepr(sp.Tuple(a, b)) + op for a, op, b in claim.conclusion
                  if isinstance(a, sp.Basic) and isinstance(b, sp.Basic)),
            claim.statement_text(), tuple(map(str, claim.assumptions)), steps)


def remember(claim: Claim, result: Any) -> None:
    """Store a claim's result (the checker calls this after a default check)."""
    _RESULTS[_fingerprint(claim)] = result


def cited_claims(claim: Claim) -> set[str]:
    """The names of the claims ``claim`` cites, directly or through the claims it cites."""
    out: set[str] = set()
    todo = [claim]
    while todo:
        current = todo.pop()
        for step in current.steps:
            for inst in step.lemmas:
                if isinstance(inst, ClaimInstance) and inst.claim.name not in out:
                    out.add(inst.claim.name)
                    todo.append(inst.claim)
    return out


def _result(claim: Claim) -> Any:
    if _CHECK is None:
        raise RuntimeError("no checker registered: import hallbound.proofs_checks.engine.checker")
    key = _fingerprint(claim)
    if key not in _RESULTS:
        _ACTIVE.append(claim.name)
        try:
            _RESULTS[key] = _CHECK(claim)
        finally:
            _ACTIVE.pop()
    return _RESULTS[key]


def warm(step: Any) -> None:
    """Check (and cache) every claim ``step`` cites, so that a later check of the step finds
    their results (the mutation harness calls this outside a mutant's CPU budget)."""
    for inst in getattr(step, "lemmas", ()):
        if isinstance(inst, ClaimInstance) and inst.claim.name not in _ACTIVE:
            _result(inst.claim)


def back(out: Any, citing: Claim, inst: ClaimInstance) -> None:
    """Cap the citing step's backing ``out`` by the cited claim's verdict (see the module
    doc); a cycle leaves the step ASSUMED."""
    from hallbound.proofs_checks.engine.verdicts import Verdict

    cited = inst.claim
    if (cited.name == citing.name or citing.name in cited_claims(cited)
            or cited.name in _ACTIVE):
        out.assumed.append(f"{cited.name}: citing it is circular (it cites {citing.name})")
        out.lower(Verdict.ASSUMED)
        return
    res = _result(cited)
    verdict = res.verdict
    if res.chain_closed and verdict in (Verdict.PROVED, Verdict.CERTIFIED, Verdict.SUPPORTED):
        out.lower(verdict)
        return
    closes = "its chain closes" if res.chain_closed else "its chain does not close"
    out.assumed.append(f"{cited.name}, which is {verdict.value} ({closes})")
    out.lower(Verdict.ASSUMED)
