"""Check a claim step by step, then whether its steps compose into its statement.

Per step: :func:`~hallbound.proofs_checks.engine.premises.resolve` decides what backs each premise
(definitions, reparametrisations, the claim's assumptions, earlier steps cited by name, lemma
instances whose hypotheses are proved as sub-steps); a quick falsification search runs first
(it may give REFUTED whatever the premises say); a SymPy proof (or one from a lemma instance)
gives PROVED (each SymPy call under a CPU-time limit,
:mod:`~hallbound.proofs_checks.engine.time_limits`: a call cut off proves nothing, and a
verdict it could have changed says so); otherwise a longer search may give REFUTED;
otherwise interval arithmetic over the step's box may give CERTIFIED; otherwise SUPPORTED
with the number of trials. A step that cannot be evaluated because it has a symbolic length
(a sum to ``n``, entries ``x[i]``) is searched on small written-out instances
(:mod:`~hallbound.proofs_checks.engine.instances`): REFUTED with the lengths and entries of a
witness, else UNDECIDED. A step is
capped by its backing: an unbacked premise makes it at most ASSUMED, and a cited step's
verdict caps it. Probability steps with a
:class:`~hallbound.proofs_checks.engine.probability.LawCheck` are searched on exact discrete laws;
that search alone gives SUPPORTED. Steps whose sides are text (no computation possible) are
ASSUMED on their justification, or SUPPORTED by their law search.

A claim's verdict comes from its steps and from :func:`~hallbound.proofs_checks.engine.chain.close`
(see :class:`~hallbound.proofs_checks.engine.verdicts.ClaimResult`).
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Callable, Iterable
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import numpy as np
import sympy as sp

from hallbound.budget import budget_text
from hallbound.proofs_checks.engine import certify as cert
from hallbound.proofs_checks.engine import citation
from hallbound.proofs_checks.engine.chain import closure, set_text
from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.consistency import unmet
from hallbound.proofs_checks.engine.falsify import falsify
from hallbound.proofs_checks.engine.instances import has_symbolic_length, search_instances
from hallbound.proofs_checks.engine.point_masses import METHOD as POINT_MASS_METHOD
from hallbound.proofs_checks.engine.point_masses import point_mass_form
from hallbound.proofs_checks.engine.premises import Backing, interval_of, resolve
from hallbound.proofs_checks.engine.probability import search_law
from hallbound.proofs_checks.engine.proving import (  # noqa: F401 - re-exported
    _instance_relation,
    _vacuous,
    justify,
    prove_step,
    stated_relations,
)
from hallbound.proofs_checks.engine.root_points import at_roots
from hallbound.proofs_checks.engine.search import (  # noqa: F401 - re-exported
    _ORDER,
    ProverDisagreement,
    _assumptions_hold,
    _cross_check,
    _evaluator,
    _in_domain,
    _interval_confirm,
    _jsonable,
    _rational,
    _refuted,
    _relation_or_none,
    _search_options,
    _with_originals,
    _z3_decide,
    conditions,
    eliminated,
    linked_symbols,
    numeric_sides,
    step_params,
    substituted,
)
from hallbound.proofs_checks.engine.stated_witness import refuted_or_withdrawn
from hallbound.proofs_checks.engine.time_limits import cut_note, step_clock
from hallbound.proofs_checks.engine.verdicts import ClaimResult, StepResult, Verdict, weakest

DEFAULT_SEED = 20250925


def step_rng(seed: int, claim: str, step: str) -> np.random.Generator:
    """A generator that depends on the seed and the step's name only (subsets reproduce)."""
    return np.random.default_rng([seed, zlib.crc32(f"{claim}/{step}".encode())])


def check_claim(claim: Claim, seed: int = DEFAULT_SEED, trials: int = 200) -> ClaimResult:
    """Check every step of ``claim``, then whether they reach its conclusion on its whole
    domain (a conclusion reached only on a part is searched for a counterexample on the
    rest)."""
    out = ClaimResult(
        claim.name,
        source=claim.source,
        registered=claim.registered,
        domain=claim.domain_text(),
        paper=claim.paper,
        statement=claim.statement_text(),
        comment=str(claim.statement) if claim.conclusion else "",
        assumptions=[assumption_text(a) for a in claim.assumptions],
        definitions=[f"{sp.sstr(k)} := {sp.sstr(v)}" for k, v in claim.definitions.items()],
    )
    done: dict[str, StepResult] = {}
    contradiction = contradictory_assumptions(claim)
    for step in claim.steps:
        res = check_step(claim, step, seed=seed, trials=trials, earlier=done)
        if contradiction and res.verdict in _VACUOUS:
            res = dataclasses.replace(res, verdict=Verdict.UNDECIDED, method="not decided",
                                      detail=contradiction, witness=None)
        elif contradiction and res.verdict is Verdict.UNDECIDED:
            res = dataclasses.replace(res, detail=contradiction)  # the reason that decides
        done[step.name] = res
        out.steps.append(res)
    out.implicit, clash = implicit_parameters(claim)
    closed = closure(claim, out.steps)
    out.chain_closed, out.chain = closed.closed, closed.text
    if clash and out.chain_closed:
        out.chain_closed, out.chain = False, f"chain open: {clash}"
    if closed.uncovered:
        out.uncovered = closed.uncovered_text(claim)
        out.uncovered_check = _check_uncovered(claim, closed.uncovered, seed, trials)
    if seed == DEFAULT_SEED and trials == 200:  # a claim that cites this one reuses it
        citation.remember(claim, out)
    return out


#: Verdicts that a claim with contradictory stated relations cannot earn.
_VACUOUS = (Verdict.PROVED, Verdict.CERTIFIED, Verdict.SUPPORTED)


def contradictory_assumptions(claim: Claim) -> str:
    """Why every step of ``claim`` might hold vacuously (empty when a point meets them): z3
    derives ``0 = 1`` from the claim's stated relations over the parameters' domains (the
    claim's and the steps'), or no point that meets them all is found
    (:func:`~hallbound.proofs_checks.engine.consistency.unmet`: z3 leaves ``exp``, ``sin``,
    ... out, so its silence is no consistency)."""
    params = {p.symbol: p for p in claim.hypotheses}
    for step in claim.steps:
        for p in step.params:
            params.setdefault(p.symbol, p)
    scalars = [p for p in params.values() if p.kind == "real" or p.is_integer]
    relations = stated_relations(claim, scalars)
    if not relations:
        return ""
    if not _vacuous(scalars, relations):
        return unmet(scalars, relations)  # z3 sees no contradiction: a point must show none
    shown = ", ".join(f"{sp.sstr(a)} {op} {sp.sstr(b)}" for a, op, b in relations)
    return (f"the claim's stated relations contradict each other (z3: no point meets "
            f"{shown}): every step would hold vacuously, so none is counted")


def implicit_parameters(claim: Claim) -> tuple[list[str], str]:
    """The symbols the claim's conclusion uses that are not its parameters, each with where
    its values come from (a step's declaration, or its own SymPy assumptions), so that the
    report shows every domain a verdict rests on; and, when steps declare one of them on
    different domains, why the chain cannot close on one domain."""
    declared: dict[sp.Basic, list[tuple[str, Param]]] = {}
    for step in claim.steps:
        for p in step.params:
            declared.setdefault(p.symbol, []).append((step.name, p))
    quantified = {p.symbol for p in claim.hypotheses} | set(claim.definitions)
    used: set[sp.Basic] = set()
    for lhs, _, rhs in claim.conclusion:
        for side in (lhs, rhs):
            if isinstance(side, sp.Basic):
                used |= side.free_symbols
    out, clash = [], ""
    for sym in sorted(used - quantified, key=sp.default_sort_key):
        if not isinstance(sym, sp.Symbol) or isinstance(sym, sp.Dummy):
            continue
        if type(sym).__name__ == "RandomSymbol":
            continue
        found = declared.get(sym, [])
        domains = {p.domain_text() for _, p in found}
        if found:
            out.append(f"{sorted(domains)[0]} (declared by step {found[0][0]})"
                       if len(domains) == 1 else
                       "; ".join(f"{p.domain_text()} (step {n})" for n, p in found))
            if len(domains) > 1 and not clash:
                clash = (f"{sym} is not a parameter of the claim, and the steps declare it on "
                         f"different domains ({', '.join(sorted(domains))}): declare it once "
                         "in the claim's hypotheses")
        else:
            words = [k for k in ("positive", "nonnegative", "negative", "nonpositive",
                                 "integer", "real") if getattr(sym, f"is_{k}", None)]
            out.append(f"{sym}: " + (", ".join(words[:2]) if words else "any value")
                       + " (no parameter declares it)")
    return out, clash


def assumption_text(a: Any) -> str:
    """A stated assumption of a claim as one line."""
    if isinstance(a, tuple) and len(a) == 3 and a[0] == "implies":
        return f"{sp.sstr(a[1])} implies {sp.sstr(a[2])}"
    if isinstance(a, tuple) and len(a) == 3 and a[1] == "conditional-sum":
        s, m, v = a[0].args
        return (f"given the data, {sp.sstr(s)} = sum_i w_i Y_i, Y_i in [0, 1] independent, "
                f"{sp.sstr(m)} = E[{sp.sstr(s)} | data], {sp.sstr(v)} = sum_i w_i^2")
    if isinstance(a, tuple) and len(a) == 3 and a[1] == "arb-ball":
        e, lo = a[0].args
        return (f"{sp.sstr(lo)} = the lower end of the Arb ball computed for {sp.sstr(e)} "
                "(operation by operation from exact rational inputs)")
    if isinstance(a, tuple) and len(a) == 3 and all(isinstance(x, sp.Basic | str) for x in a):
        return " ".join(sp.sstr(x) if isinstance(x, sp.Basic) else str(x) for x in a)
    if isinstance(a, sp.Basic):
        return sp.sstr(a)
    if callable(getattr(a, "text", None)) and hasattr(a, "over"):  # a stated lemma hypothesis
        return a.text()
    declared = getattr(a, "vars", None)
    if declared is not None:
        return "independent(" + ", ".join(map(sp.sstr, declared)) + ")"
    return str(a)


def _check_uncovered(
    claim: Claim, cells: list[dict[sp.Basic, sp.Set]], seed: int, trials: int
) -> StepResult:
    """Search each uncovered cell for a point where the conclusion fails (REFUTED with the
    witness), else SUPPORTED with the number of trials; UNDECIDED when the conclusion has no
    numeric form."""
    name = "conclusion on the uncovered part"
    rel_text = claim.statement_text()
    base = dict(claim=claim.name, step=name, relation=rel_text, paper=claim.paper,
                justification="no step reaches the conclusion here")
    rng = step_rng(seed, claim.name, name)
    total = unconfirmed = sampled = 0
    for cell in cells:
        for lhs, op, rhs in claim.conclusion:
            probe = Step(name, lhs, op, rhs, "uncovered part", params=_cell_params(claim, cell))
            probe_claim = dataclasses.replace(claim, steps=[probe], conclusion=(),
                                              statement="")
            try:
                params, l, r = step_params(probe_claim, probe, resolve(probe_claim, probe, {}))
                drawn = {p.symbol for p in params}
                cell_params = {p.symbol: p for p in probe.params}
                params += [cell_params.get(p.symbol, p) for p in claim.hypotheses
                           if p.symbol not in drawn and p.kind != "spd"]
                evaluate = _evaluator(params, probe, l, r)
            except Exception as err:  # noqa: BLE001 - no numeric form: nothing to search
                return StepResult(**base, verdict=Verdict.UNDECIDED, method="no search",
                                  detail=f"cannot evaluate the conclusion: {type(err).__name__}")
            options = _search_options(params, [], l, r, op)
            options["valid"] = _assumptions_hold(claim, params)
            found = falsify(params, evaluate, op, rng, trials=trials, **options)
            total += found.trials
            sampled += found.drawn
            unconfirmed += found.unconfirmed
            if found.witness is not None:
                return refuted_or_withdrawn(claim, probe, base, params, found)
    if unconfirmed:
        return StepResult(**base, verdict=Verdict.UNDECIDED, method="falsification search",
                          trials=total, detail=unconfirmed_text(unconfirmed))
    if total < MIN_SAMPLED:
        return StepResult(**base, verdict=Verdict.UNDECIDED, method="falsification search",
                          trials=total, detail=too_few_points(total))
    if sampled < MIN_SAMPLED:
        return StepResult(**base, verdict=Verdict.UNDECIDED, method="falsification search",
                          trials=total, detail=grid_only(total, sampled))
    return StepResult(**base, verdict=Verdict.SUPPORTED, method="falsification search",
                      trials=total)


#: The fewest sampled points (meeting the step's premises and the claim's stated relations)
#: behind a SUPPORTED from the falsification search, for every claim (a ``verify`` chain
#: too); with fewer the step is UNDECIDED.
MIN_SAMPLED = 20


def too_few_points(count: int) -> str:
    """The reason of an UNDECIDED search that met its premises at too few points."""
    return (f"only {count} sampled point(s) meet the premises and stated relations and give "
            "both sides a finite real value (an equality is rarely hit by sampling); "
            f"SUPPORTED needs {MIN_SAMPLED}")


def grid_only(count: int, drawn: int) -> str:
    """The reason of an UNDECIDED search whose points meeting the premises and stated
    relations are (nearly) all fixed grid points, not random draws: an equation the
    relations state (``|x| = y``) holds there, a biased few, and no sample of the rest."""
    return (f"{count} point(s) meet the premises and stated relations, but only {drawn} of "
            "them random draws (the rest fixed grid or simple values: an equation may "
            "constrain the point, which sampling rarely meets); SUPPORTED needs "
            f"{MIN_SAMPLED} random ones")


def unconfirmed_text(count: int) -> str:
    """The reason of an UNDECIDED search that met candidate counterexamples it could
    neither confirm nor clear (no enclosure, no exact value)."""
    return (f"a candidate counterexample could not be confirmed ({count} point(s) violate "
            "the relation at 50 digits, but neither interval arithmetic nor SymPy's exact "
            "value confirms or clears it)")


def _cell_params(claim: Claim, cell: dict[sp.Basic, sp.Set]) -> list[Param]:
    """The claim's parameters with the cell's parts as their domains."""
    out = []
    for p in claim.hypotheses:
        part = cell.get(p.symbol)
        if part is None:
            continue
        if isinstance(part, sp.FiniteSet) and len(part) == 1:
            v = float(next(iter(part)))
            out.append(dataclasses.replace(p, lo=v, hi=v, lo_open=False, hi_open=False,
                                           search=None))
        elif isinstance(part, sp.Interval):
            lo = None if part.start.is_infinite else float(part.start)
            hi = None if part.end.is_infinite else float(part.end)
            out.append(dataclasses.replace(p, lo=lo, hi=hi, lo_open=bool(part.left_open),
                                           hi_open=bool(part.right_open), search=None))
    return out


def step_region(claim: Claim, step: Step, res: StepResult) -> dict[sp.Basic, sp.Set]:
    """The claim parameters the step was shown for on a part of their domain only, with that
    part: its own ``params`` re-declare a claim parameter on a narrower domain, or (CERTIFIED)
    its box is narrower than the domain. A re-declaration counts even when the parameter
    enters the step only through a premise."""
    own = {p.symbol: p for p in step.params}
    out = {}
    for p in claim.hypotheses:
        if p.kind == "spd":
            continue
        full = _interval(p)
        mine = own.get(p.symbol, p)
        part = _interval(mine)
        if mine.is_integer and not p.is_integer:  # shown at the integers only
            part = part.intersect(sp.S.Integers)
        if res.verdict is Verdict.CERTIFIED and res.box and p.name in res.box:
            lo, hi = res.box[p.name]
            part = part.intersect(sp.Interval(_exact_box_end(lo), _exact_box_end(hi)))
        if full.is_subset(part) is not True:
            out[p.symbol] = full.intersect(part)
    return out


def _interval(p: Param) -> sp.Set:
    return interval_of(p)


def check_claims(
    claims: Iterable[Claim],
    seed: int = DEFAULT_SEED,
    trials: int = 200,
    progress: Callable[[str], None] | None = None,
) -> list[ClaimResult]:
    """Check several claims (``progress`` is called with each claim's name first)."""
    results = []
    for c in claims:
        if progress:
            progress(c.name)
        results.append(check_claim(c, seed=seed, trials=trials))
    return results


def check_step(
    claim: Claim,
    step: Step,
    seed: int = DEFAULT_SEED,
    trials: int = 200,
    earlier: dict[str, StepResult] | None = None,
) -> StepResult:
    """The verdict on one step (``earlier``: the results of the steps before it)."""
    rng = step_rng(seed, claim.name, step.name)
    backing = resolve(claim, step, earlier or {})
    base = dict(
        claim=claim.name,
        step=step.name,
        relation=step.relation_text(),
        justification=step.justification,
        paper=claim.paper,
        cites=list(backing.cites),
        lemmas=list(backing.lemmas),
    )
    with step_clock() as clock:  # the prover's symbolic calls share one time limit
        if step.law is not None:
            res = _check_law(claim, step, rng, base, backing)
        elif not _symbolic(step):
            res = StepResult(
                **base,
                verdict=Verdict.ASSUMED,
                method="no computation (the sides are text)",
                detail=step.note,
                assumed=[*backing.assumed, step.justification],
            )
        else:
            res = _check_expr(claim, step, rng, base, trials, backing)
    res = _with_cut_note(_capped(res, backing), cut_note(clock))
    if backing.stated and res.verdict is not Verdict.ASSUMED:
        res.detail = _stated_note(res.detail, backing.stated)
    res.region = step_region(claim, step, res)
    for name in backing.cites:  # a step resting on a step shown on a part: that part only
        cited = (earlier or {}).get(name)
        for sym, part in (cited.region if cited is not None else {}).items():
            res.region[sym] = res.region.get(sym, part).intersect(part)
    names = {p.symbol: p.name for p in claim.hypotheses}
    res.shown_on = {names[k]: f"{names[k]} in {set_text(v)}" for k, v in res.region.items()}
    return res


def _with_cut_note(res: StepResult, note: str) -> StepResult:
    """A verdict that the prover's cut-off calls could have changed (not PROVED, REFUTED or
    CERTIFIED: none of those rests on a call that was cut off) says so: an UNDECIDED one
    with the reason ``budget``, the others at the end of their detail."""
    if not note or res.verdict in (Verdict.PROVED, Verdict.REFUTED, Verdict.CERTIFIED):
        return res
    if res.verdict is Verdict.UNDECIDED:
        res.detail = "; ".join(x for x in (budget_text(note), res.detail) if x)
    else:
        res.detail = "; ".join(x for x in (res.detail, note) if x)
    return res


def _symbolic(step: Step) -> bool:
    if step.evaluate is not None:
        return True
    return isinstance(step.lhs, sp.Basic) and isinstance(step.rhs, sp.Basic)


def _capped(res: StepResult, backing: Backing) -> StepResult:
    """Lower a verdict to what its premises allow (REFUTED and UNDECIDED stay; an
    UNDECIDED step still names, in ``assumed``, the unbacked premises and lemmas it rests on,
    e.g. a lemma that failed the trust-base audit)."""
    if res.verdict is Verdict.UNDECIDED:
        res.assumed = [*res.assumed, *(a for a in backing.assumed if a not in res.assumed)]
        return res
    if res.verdict is Verdict.REFUTED:
        return res
    if res.verdict is Verdict.SUPPORTED and not res.assumed:
        cap = backing.cap if backing.cap is not Verdict.ASSUMED else Verdict.SUPPORTED
        res.verdict = weakest([res.verdict, cap])
        return res
    assumed = list(res.assumed) or (
        list(backing.assumed) if res.verdict is not Verdict.SUPPORTED else []
    )
    floor = Verdict.ASSUMED if assumed else Verdict.PROVED
    res.verdict = weakest([res.verdict, backing.cap, floor])
    res.assumed = assumed if res.verdict is Verdict.ASSUMED else []
    return res


def _stated_note(detail: str, stated: list[str]) -> str:
    """``detail`` followed by the premises the claim states and the step takes as given."""
    note = ("premises stated by the claim, taken as given (not computed): "
            + "; ".join(dict.fromkeys(stated)))
    return f"{detail}; {note}" if detail else note


def _premise_note(backing: Backing) -> str:
    if backing.assumed:
        return " assuming " + "; ".join(backing.assumed)
    return ""


def _check_law(
    claim: Claim, step: Step, rng: np.random.Generator, base: dict, backing: Backing
) -> StepResult:
    proof = None
    if _symbolic(step) and step.evaluate is None and step.rel in (*_ORDER, "="):
        params, lhs, rhs = step_params(claim, step, backing)
        proof = prove_step(claim, step, lhs, rhs, params, backing)
    found = search_law(step.law, step.rel, rng)
    case, lhs, rhs, n = found.case, found.lhs, found.rhs, found.evaluated
    skipped = (f"; {found.skipped} cases skipped: a side has no real value there"
               if found.skipped else "")
    if case is not None:
        return StepResult(
            **base,
            verdict=Verdict.REFUTED,
            method=f"{_law_method(step)} ({step.law.label})",
            witness=_jsonable(step.law.describe(case)),
            lhs=float(lhs),
            rhs=float(rhs),
            detail=f"lhs={lhs}, rhs={rhs}" + _note(step),
        )
    if proof and not backing.assumed:
        return StepResult(
            **base,
            verdict=Verdict.PROVED,
            method=proof,
            detail=f"no counterexample on {n} {step.law.label}{skipped}" + _note(step),
        )
    if n == 0 or (found.skipped and n < MIN_SAMPLED):
        why = too_few_points(n) if n else "no case of the law gives both sides a real value"
        return StepResult(
            **base, verdict=Verdict.UNDECIDED, method=f"{_law_method(step)} ({step.law.label})",
            trials=n, detail=why + skipped + _note(step),
        )
    symbolic = f"; symbolically, {proof}{_premise_note(backing)}" if proof else ""
    return StepResult(
        **base,
        verdict=Verdict.SUPPORTED,
        method=f"{_law_method(step)} ({step.law.label})",
        trials=n,
        detail=(step.note + symbolic + skipped).strip("; "),
    )


def _law_method(step: Step) -> str:
    if step.law.monte_carlo:
        return "Monte Carlo with exact binomial intervals"
    return "exact computation"


def _note(step: Step) -> str:
    return f"; {step.note}" if step.note else ""


def _check_expr(
    claim: Claim, step: Step, rng: np.random.Generator, base: dict, trials: int, backing: Backing
) -> StepResult:
    params, lhs, rhs = step_params(claim, step, backing)
    nlhs, nrhs = numeric_sides(lhs, rhs)  # derivatives and Subs carried out, for the search
    missing = []
    if lhs is not None:
        known = claim.params_by_symbol(step) | {p.symbol: p for p in backing.params}
        missing = sorted(str(s) for s in (nlhs.free_symbols | nrhs.free_symbols)
                         if s not in known)
    evaluate = None
    if not missing:
        try:
            evaluate = _evaluator(params, step, nlhs, nrhs)
        except Exception as err:  # noqa: BLE001 - SymPy cannot print it numerically
            missing = [f"(no numeric form: {type(err).__name__})"]
    search: dict[str, Any] = {}
    derived: list[tuple[Param, sp.Basic]] = []
    shown: list[tuple[Param, sp.Basic]] = []
    if evaluate is not None and lhs is not None:
        derived = eliminated(claim, step, backing)
        shown = substituted(claim, step, backing)
        search = _search_options(params, derived, nlhs, nrhs, step.rel, claim,
                                 backing.subs, conditions(step, backing))
    early = 0  # candidates the quick search could neither confirm nor clear
    if evaluate is not None and lhs is not None:  # a quick search first: proofs can be slow
        quick = falsify(
            params, evaluate, step.rel, rng, trials=20, hypothesis_examples=0, local_starts=0,
            **search,
        )
        if quick.witness is not None:
            _cross_check(step, lhs, rhs, params, Verdict.REFUTED)
            return refuted_or_withdrawn(claim, step, base, params, quick, shown, backing)
        early = quick.unconfirmed
    if lhs is not None:
        proof = prove_step(claim, step, lhs, rhs, params, backing)
        if proof:
            if not proof.startswith(("z3", "from ")):
                _cross_check(step, lhs, rhs, params, Verdict.PROVED)
            return StepResult(
                **base,
                verdict=Verdict.PROVED,
                method=proof + _premise_note(backing),
                detail=step.note,
                assumed=list(backing.assumed),
            )
    if missing:
        return _undecided_or_instance(claim, step, base, lhs, rhs, backing, rng, trials, missing)
    found = falsify(params, evaluate, step.rel, rng, trials=trials, **search)
    if found.witness is not None:
        if lhs is not None:
            _cross_check(step, lhs, rhs, params, Verdict.REFUTED)
        return refuted_or_withdrawn(claim, step, base, params, found, shown, backing)
    if lhs is not None and step.rel in ("<", ">"):  # the roots of the gap: equal sides
        res = at_roots(claim, step, base, params, evaluate, (lhs, rhs), rng, search, shown,
                       backing)
        if res is not None:
            res.trials = found.trials
            _cross_check(step, lhs, rhs, params, Verdict.REFUTED)
            return res
    if lhs is not None and step.rel in _ORDER:
        res = _certify(claim, params, step, lhs, rhs, backing)
        if res is not None:
            return res(**base)
    if found.unconfirmed or early:
        return StepResult(**base, verdict=Verdict.UNDECIDED, method="falsification search",
                          trials=found.trials, detail=unconfirmed_text(found.unconfirmed + early))
    if found.trials < MIN_SAMPLED:
        return StepResult(**base, verdict=Verdict.UNDECIDED, method="falsification search",
                          trials=found.trials, detail=too_few_points(found.trials))
    if found.drawn < MIN_SAMPLED:
        return StepResult(**base, verdict=Verdict.UNDECIDED, method="falsification search",
                          trials=found.trials, detail=grid_only(found.trials, found.drawn))
    return StepResult(
        **base,
        verdict=Verdict.SUPPORTED,
        method="falsification search" + _premise_note(backing),
        trials=found.trials,
        detail=step.note,
        assumed=list(backing.assumed),
    )


def _undecided_or_instance(
    claim: Claim, step: Step, base: dict, lhs: Any, rhs: Any, backing: Backing,
    rng: np.random.Generator, trials: int, missing: list[str],
) -> StepResult:
    """REFUTED by a counterexample on a small written-out instance of a step with a
    symbolic length (:mod:`~hallbound.proofs_checks.engine.instances`), else UNDECIDED."""
    detail = f"cannot evaluate numerically: {', '.join(missing)}"
    if lhs is not None and step.rel in (*_ORDER, "=") and has_symbolic_length([lhs, rhs]):
        known = list(claim.params_by_symbol(step).values()) + list(backing.params)
        res = search_instances(claim, step, lhs, rhs, known, rng, trials=max(trials, 30),
                               subs=backing.subs)
        if res.found is not None:
            out = _refuted(step, base, res.found)
            sizes = ", ".join(f"{k} = {v}" for k, v in res.lengths.items())
            out.method = f"falsification search on the written-out instance {sizes}, " \
                         "re-verified at 50 digits"
            return out
        if res.trials:
            detail += f"; no counterexample on written-out instances ({res.trials} points)"
    form, found = _on_point_masses(claim, step, backing, lhs, rhs, rng, trials)
    if found is not None and found.witness is not None:
        out = _refuted(step, base, found, form.derived)
        out.method = POINT_MASS_METHOD
        return out
    if found is not None:
        detail += f"; no counterexample on point-mass laws ({found.trials} points)"
    return StepResult(**base, verdict=Verdict.UNDECIDED, method="sympy (no proof found)",
                      detail=detail)


def _on_point_masses(claim: Claim, step: Step, backing: Backing, lhs: Any, rhs: Any,
                     rng: np.random.Generator, trials: int) -> tuple[Any, Any]:
    """The point-mass form (:mod:`.point_masses`) and the falsification search on it, or
    ``(None, None)`` where that form is refused. Only ever a counterexample: never a
    proof."""
    known = claim.params_by_symbol(step) | {p.symbol: p for p in backing.params}
    form = point_mass_form(claim, step, backing, lhs, rhs, known,
                           eliminated(claim, step, backing))
    if form is None or step.rel not in (*_ORDER, "="):
        return None, None
    try:
        evaluate = _evaluator(form.params, step, form.lhs, form.rhs)
    except Exception:  # noqa: BLE001 - no numeric form
        return None, None
    # the search keeps to the claim's stated relations, those on the constants included
    stated = SimpleNamespace(assumptions=form.assumptions)
    search = _search_options(form.params, form.derived, form.lhs, form.rhs, step.rel, stated)
    return form, falsify(form.params, evaluate, step.rel, rng, trials=max(trials, 60), **search)


def _box_covers(p: Param, lo: float, hi: float) -> bool:
    """The box ``[lo, hi]`` contains the parameter's whole domain."""
    box = sp.Interval(_exact_box_end(lo), _exact_box_end(hi))
    return interval_of(p).is_subset(box) is True


def _exact_box_end(v: Any) -> sp.Basic:
    """A certified box's end as the number that was certified: a float's exact binary value
    (never a nearby simple fraction: a box certified up to 0.333...3 does not reach 1/3)."""
    return sp.Rational(v) if isinstance(v, float) else sp.sympify(v)


def _certify(
    claim: Claim, params: list[Param], step: Step, lhs: sp.Basic, rhs: sp.Basic, backing: Backing
):
    strict, sign = _ORDER[step.rel]
    box: dict[sp.Symbol, tuple[Fraction, Fraction]] = {}
    claim_symbols = {q.symbol for q in claim.hypotheses}
    for p in params:
        if p.kind == "spd":
            return None
        if step.box and p.name in step.box:
            lo, hi = step.box[p.name]
            if p.symbol not in claim_symbols and not _box_covers(p, lo, hi):
                return None  # a step's own variable only on a part: not the step as stated
        elif p.lo is not None and p.hi is not None:
            lo, hi = p.lo, p.hi
        else:
            return None
        box[p.symbol] = (Fraction(lo), Fraction(hi))
    g = sign * (rhs - lhs)
    res = cert.certify(g, box, strict=strict)
    if res.status != "certified":
        return None
    named = {p.name: [float(box[p.symbol][0]), float(box[p.symbol][1])] for p in params}

    def make(**base: Any) -> StepResult:
        return StepResult(
            **base,
            verdict=Verdict.CERTIFIED,
            method=f"interval arithmetic ({res.backend}), {res.boxes} sub-boxes"
            + _premise_note(backing),
            box=named,
            detail=step.note,
            assumed=list(backing.assumed),
        )

    return make


citation.use_checker(check_claim)  # a step citing a claim has it checked by check_claim
