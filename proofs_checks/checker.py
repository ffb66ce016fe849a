"""Check a claim step by step: prove, then falsify, then certify; probability steps on laws.

Order per step: ``definition`` steps are accepted as such (method ``definition``); a SymPy
proof gives PROVED; otherwise a falsification search (random, Hypothesis, local
optimisation, 50-digit re-check) may give REFUTED; otherwise interval arithmetic over the
step's box may give CERTIFIED; otherwise SUPPORTED with the number of trials. Probability
steps with a :class:`~hallbound.proofs_checks.probability.LawCheck` are first searched for an
exact counterexample on discrete laws.
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
from hallbound.proofs_checks.claim import Claim, Param, Step
from hallbound.proofs_checks.falsify import falsify
from hallbound.proofs_checks.probability import run_law_check
from hallbound.proofs_checks.prover import prove_relation, substitute
from hallbound.proofs_checks.verdicts import ClaimResult, StepResult, Verdict

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
    for step in claim.steps:
        out.steps.append(check_step(claim, step, seed=seed, trials=trials))
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


def check_step(claim: Claim, step: Step, seed: int = DEFAULT_SEED, trials: int = 200) -> StepResult:
    """The verdict on one step."""
    rng = step_rng(seed, claim.name, step.name)
    base = dict(
        claim=claim.name,
        step=step.name,
        relation=step.relation_text(),
        justification=step.justification,
    )
    if step.law is not None:
        return _check_law(claim, step, rng, base)
    if step.kind == "definition":
        return StepResult(
            **base,
            verdict=Verdict.PROVED,
            method="definition",
            detail=step.note or "holds by the stated definition/construction",
        )
    return _check_expr(claim, step, rng, base, trials)


def _premise_note(step: Step) -> str:
    return f" given {', '.join(step.premises)}" if step.premises else ""


def _check_law(claim: Claim, step: Step, rng: np.random.Generator, base: dict) -> StepResult:
    proof = None
    if (
        isinstance(step.lhs, sp.Basic)
        and isinstance(step.rhs, sp.Basic)
        and step.rel in (*_ORDER, "=")
    ):
        params, lhs, rhs = step_params(claim, step)
        proof = prove_relation(lhs, step.rel, rhs, _domains(params))
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
    if proof or step.kind == "definition":
        how = (proof + _premise_note(step)) if proof else "definition"
        return StepResult(
            **base,
            verdict=Verdict.PROVED,
            method=how,
            detail=f"no counterexample on {n} {step.law.label}" + _note(step),
        )
    return StepResult(
        **base,
        verdict=Verdict.SUPPORTED,
        method=f"{_law_method(step)} ({step.law.label})",
        trials=n,
        detail=step.note,
    )


def _law_method(step: Step) -> str:
    if step.law.monte_carlo:
        return "Monte Carlo with exact binomial intervals"
    return "exact computation"


def _note(step: Step) -> str:
    return f"; {step.note}" if step.note else ""


def step_params(claim: Claim, step: Step) -> tuple[list[Param], sp.Basic | None, sp.Basic | None]:
    """The parameters a step ranges over, and its two sides after the premise substitution."""
    if step.evaluate is not None:
        return list(step.params), None, None
    lhs = sp.sympify(substitute(step.lhs, step.given))
    rhs = sp.sympify(substitute(step.rhs, step.given))
    known = claim.params_by_symbol(step)
    free = lhs.free_symbols | rhs.free_symbols
    params = sorted((known[s] for s in free if s in known), key=lambda p: p.name)
    return params, lhs, rhs


def _domains(params: list[Param]) -> dict[sp.Symbol, sp.Interval]:
    """Real parameters' domains as SymPy intervals (for the calculus strategy)."""
    out = {}
    for p in params:
        if p.kind != "real":
            continue
        lo = -sp.oo if p.lo is None else sp.nsimplify(p.lo)
        hi = sp.oo if p.hi is None else sp.nsimplify(p.hi)
        out[p.symbol] = sp.Interval(lo, hi, p.lo_open or p.lo is None, p.hi_open or p.hi is None)
    return out


def _evaluator(params: list[Param], step: Step, lhs: sp.Basic, rhs: sp.Basic):
    if step.evaluate is not None:
        return step.evaluate
    syms = [p.symbol for p in params]
    fl = sp.lambdify(syms, lhs, modules="mpmath")
    fr = sp.lambdify(syms, rhs, modules="mpmath")

    def evaluate(point: dict[str, Any]) -> tuple[Any, Any]:
        args = [point[p.name] for p in params]
        return mpmath.mpmathify(fl(*args)), mpmath.mpmathify(fr(*args))

    return evaluate


def _check_expr(
    claim: Claim, step: Step, rng: np.random.Generator, base: dict, trials: int
) -> StepResult:
    params, lhs, rhs = step_params(claim, step)
    missing = []
    if lhs is not None:
        known = claim.params_by_symbol(step)
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
            return _refuted(step, base, quick)
    if lhs is not None:
        proof = prove_relation(lhs, step.rel, rhs, _domains(params))
        if proof:
            return StepResult(
                **base, verdict=Verdict.PROVED, method=proof + _premise_note(step), detail=step.note
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
        return _refuted(step, base, found)
    if lhs is not None and step.rel in _ORDER:
        res = _certify(params, step, lhs, rhs)
        if res is not None:
            return res(**base)
    return StepResult(
        **base,
        verdict=Verdict.SUPPORTED,
        method="falsification search",
        trials=found.trials,
        detail=step.note,
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


def _certify(params: list[Param], step: Step, lhs: sp.Basic, rhs: sp.Basic):
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
            + _premise_note(step),
            box=named,
            detail=step.note,
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
