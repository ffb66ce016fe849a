"""Check a claim step by step, then whether its steps compose into its statement.

Per step: :func:`~hallbound.proofs_checks.premises.resolve` decides what backs each premise
(definitions, reparametrisations, the claim's assumptions, earlier steps cited by name, lemma
instances whose hypotheses are proved as sub-steps); a quick falsification search runs first
(it may give REFUTED whatever the premises say); a SymPy proof (or one from a lemma instance)
gives PROVED; otherwise a longer search may give REFUTED; otherwise interval arithmetic over
the step's box may give CERTIFIED; otherwise SUPPORTED with the number of trials. A step is
capped by its backing: an unbacked premise makes it at most ASSUMED, and a cited step's
verdict caps it. Probability steps with a
:class:`~hallbound.proofs_checks.probability.LawCheck` are searched on exact discrete laws;
that search alone gives SUPPORTED. Steps whose sides are text (no computation possible) are
ASSUMED on their justification, or SUPPORTED by their law search.

A claim's verdict comes from its steps and from :func:`~hallbound.proofs_checks.chain.close`
(see :class:`~hallbound.proofs_checks.verdicts.ClaimResult`).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.proofs_checks import certify as cert
from hallbound.proofs_checks.chain import close
from hallbound.proofs_checks.claim import Claim, Param, Step
from hallbound.proofs_checks.falsify import falsify
from hallbound.proofs_checks.premises import Backing, implies, resolve
from hallbound.proofs_checks.premises import param_domains as _domains
from hallbound.proofs_checks.probability import run_law_check
from hallbound.proofs_checks.prover import prove_relation, substitute
from hallbound.proofs_checks.verdicts import ClaimResult, StepResult, Verdict, weakest

DEFAULT_SEED = 20250925
_ORDER = {"<=": (False, 1), "<": (True, 1), ">=": (False, -1), ">": (True, -1)}


def step_rng(seed: int, claim: str, step: str) -> np.random.Generator:
    """A generator that depends on the seed and the step's name only (subsets reproduce)."""
    return np.random.default_rng([seed, zlib.crc32(f"{claim}/{step}".encode())])


def check_claim(claim: Claim, seed: int = DEFAULT_SEED, trials: int = 200) -> ClaimResult:
    """Check every step of ``claim``."""
    out = ClaimResult(
        claim.name, source=claim.source, domain=claim.domain_text(), paper=claim.paper
    )
    done: dict[str, StepResult] = {}
    for step in claim.steps:
        res = check_step(claim, step, seed=seed, trials=trials, earlier=done)
        done[step.name] = res
        out.steps.append(res)
    out.chain_closed, out.chain = close(claim, out.steps)
    return out


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
    return _capped(res, backing)


def _symbolic(step: Step) -> bool:
    if step.evaluate is not None:
        return True
    return isinstance(step.lhs, sp.Basic) and isinstance(step.rhs, sp.Basic)


def _capped(res: StepResult, backing: Backing) -> StepResult:
    """Lower a verdict to what its premises allow (REFUTED and UNDECIDED stay)."""
    if res.verdict in (Verdict.REFUTED, Verdict.UNDECIDED):
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
        proof = _prove(claim, step, lhs, rhs, params, backing)
    case, lhs, rhs, n = run_law_check(step.law, step.rel, rng)
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
            detail=f"no counterexample on {n} {step.law.label}" + _note(step),
        )
    symbolic = f"; symbolically, {proof}{_premise_note(backing)}" if proof else ""
    return StepResult(
        **base,
        verdict=Verdict.SUPPORTED,
        method=f"{_law_method(step)} ({step.law.label})",
        trials=n,
        detail=(step.note + symbolic).strip("; "),
    )


def _law_method(step: Step) -> str:
    if step.law.monte_carlo:
        return "Monte Carlo with exact binomial intervals"
    return "exact computation"


def _note(step: Step) -> str:
    return f"; {step.note}" if step.note else ""


def step_params(
    claim: Claim, step: Step, backing: Backing | None = None
) -> tuple[list[Param], sp.Basic | None, sp.Basic | None]:
    """The parameters a step ranges over, and its two sides after the premise substitution
    (definitions, ``given``, structured premises through their slack variables)."""
    if step.evaluate is not None:
        return list(step.params), None, None
    backing = backing or resolve(claim, step, {})
    lhs = sp.sympify(substitute(step.lhs, backing.subs))
    rhs = sp.sympify(substitute(step.rhs, backing.subs))
    known = claim.params_by_symbol(step) | {p.symbol: p for p in backing.params}
    free = lhs.free_symbols | rhs.free_symbols
    params = sorted((known[s] for s in free if s in known), key=lambda p: p.name)
    return params, lhs, rhs


def _evaluator(params: list[Param], step: Step, lhs: sp.Basic, rhs: sp.Basic):
    if step.evaluate is not None:
        return step.evaluate
    opaque = [
        f
        for f in (lhs.atoms(sp.Function) | rhs.atoms(sp.Function))
        if isinstance(f, sp.core.function.AppliedUndef)
        or (type(f).__module__ or "").startswith("hallbound")  # BallVolume, Pr, E: no number
    ]
    if opaque:
        raise NameError(f"no numeric form for {sorted(map(str, opaque))}")
    syms = [p.symbol for p in params]
    fl = sp.lambdify(syms, lhs, modules="mpmath")
    fr = sp.lambdify(syms, rhs, modules="mpmath")

    def evaluate(point: dict[str, Any]) -> tuple[Any, Any]:
        args = [point[p.name] for p in params]
        return mpmath.mpmathify(fl(*args)), mpmath.mpmathify(fr(*args))

    return evaluate


def _prove(
    claim: Claim, step: Step, lhs: Any, rhs: Any, params: list[Param], backing: Backing
) -> str | None:
    """A proof of the substituted relation: from a lemma instance the step cites, or
    directly (SymPy, then z3 for polynomial relations)."""
    known = list(claim.params_by_symbol(step).values()) + list(backing.params)
    for inst in step.lemmas:
        how = implies(_instance_relation(inst, backing), (lhs, step.rel, rhs), known)
        if how:
            return f"from {inst.lemma.name}: {how}"
    for fact in backing.facts:
        how = implies(fact, (lhs, step.rel, rhs), known)
        if how:
            return f"from the premise {fact[0]} {fact[1]} {fact[2]}: {how}"
    how = prove_relation(lhs, step.rel, rhs, _domains(params))
    if how:
        return how
    return _z3(lhs, step.rel, rhs, params)


def _instance_relation(inst: Any, backing: Backing) -> tuple[Any, str, Any]:
    lhs, op, rhs = inst.conclusion
    return (
        sp.sympify(substitute(lhs, backing.subs)),
        op,
        sp.sympify(substitute(rhs, backing.subs)),
    )


def _z3(lhs: Any, rel: str, rhs: Any, params: list[Param]) -> str | None:
    """z3's nonlinear real arithmetic on a polynomial relation (None when not applicable).

    A z3 model against a relation is a counterexample: the falsification search re-finds and
    re-verifies it (so REFUTED always carries a 50-digit witness)."""
    res = _z3_decide(lhs, rel, rhs, params)
    if res is not None and res.status == "proved":
        return f"z3 (nonlinear real arithmetic, {res.seconds:.2f} s)"
    return None


class ProverDisagreement(RuntimeError):
    """SymPy (or the 50-digit falsifier) and z3 disagree on a step: a bug, never a verdict."""


def _z3_decide(lhs: Any, rel: str, rhs: Any, params: list[Param], timeout: float = 2.0):
    from hallbound.proofs_checks.z3_prover import decide

    if rel not in _ORDER and rel != "=":
        return None
    if getattr(lhs, "is_Matrix", False) or getattr(rhs, "is_Matrix", False):
        return None
    if lhs.has(sp.Sum, sp.Integral, sp.Derivative, sp.Subs) or rhs.has(
        sp.Sum, sp.Integral, sp.Derivative, sp.Subs
    ):
        return None
    ints = [p.symbol for p in params if p.kind == "integer"]
    try:
        return decide(lhs, rel, rhs, _domains(params), integers=ints, timeout=timeout)
    except Exception:  # noqa: BLE001 - z3 cannot read it: no second opinion
        return None


def _cross_check(
    step: Step, lhs: Any, rhs: Any, params: list[Param], verdict: Verdict
) -> None:
    """Decide a polynomial step with z3 too; raise on disagreement with ``verdict``."""
    res = _z3_decide(lhs, step.rel, rhs, params, timeout=1.0)
    if res is None:
        return
    if verdict is Verdict.PROVED and res.status == "refuted":
        raise ProverDisagreement(f"{step.name}: SymPy proved it, z3 refutes it ({res.model})")
    if verdict is Verdict.REFUTED and res.status == "proved":
        raise ProverDisagreement(f"{step.name}: a 50-digit witness refutes it, z3 proves it")


def _check_expr(
    claim: Claim, step: Step, rng: np.random.Generator, base: dict, trials: int, backing: Backing
) -> StepResult:
    params, lhs, rhs = step_params(claim, step, backing)
    missing = []
    if lhs is not None:
        known = claim.params_by_symbol(step) | {p.symbol: p for p in backing.params}
        missing = sorted(str(s) for s in (lhs.free_symbols | rhs.free_symbols) if s not in known)
    evaluate = None
    if not missing:
        try:
            evaluate = _evaluator(params, step, lhs, rhs)
        except Exception as err:  # noqa: BLE001 - SymPy cannot print it numerically
            missing = [f"(no numeric form: {type(err).__name__})"]
    if evaluate is not None and lhs is not None:  # a quick search first: proofs can be slow
        quick = falsify(
            params, evaluate, step.rel, rng, trials=20, hypothesis_examples=0, local_starts=0
        )
        if quick.witness is not None:
            _cross_check(step, lhs, rhs, params, Verdict.REFUTED)
            return _refuted(step, base, quick)
    if lhs is not None:
        proof = _prove(claim, step, lhs, rhs, params, backing)
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
        return StepResult(
            **base,
            verdict=Verdict.UNDECIDED,
            method="sympy (no proof found)",
            detail=f"cannot evaluate numerically: {', '.join(missing)}",
        )
    found = falsify(params, evaluate, step.rel, rng, trials=trials)
    if found.witness is not None:
        if lhs is not None:
            _cross_check(step, lhs, rhs, params, Verdict.REFUTED)
        return _refuted(step, base, found)
    if lhs is not None and step.rel in _ORDER:
        res = _certify(params, step, lhs, rhs, backing)
        if res is not None:
            return res(**base)
    return StepResult(
        **base,
        verdict=Verdict.SUPPORTED,
        method="falsification search" + _premise_note(backing),
        trials=found.trials,
        detail=step.note,
        assumed=list(backing.assumed),
    )


def _refuted(step: Step, base: dict, found: Any) -> StepResult:
    view = step.witness_view(found.witness) if step.witness_view else found.witness
    return StepResult(
        **base,
        verdict=Verdict.REFUTED,
        method="falsification search, re-verified at 50 digits",
        witness=_jsonable(view),
        lhs=float(mpmath.re(found.lhs)),
        rhs=float(mpmath.re(found.rhs)),
        detail=step.note,
    )


def _certify(params: list[Param], step: Step, lhs: sp.Basic, rhs: sp.Basic, backing: Backing):
    strict, sign = _ORDER[step.rel]
    box: dict[sp.Symbol, tuple[Fraction, Fraction]] = {}
    for p in params:
        if p.kind == "spd":
            return None
        if step.box and p.name in step.box:
            lo, hi = step.box[p.name]
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


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else float(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, mpmath.mpf):
        return float(v)
    return v
