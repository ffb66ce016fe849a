r"""Planted mutants: the false steps named in the issues (Chebyshev with Var/(4a^2), U5
without V_d and its premise), and a planted change of a source formula through its
injection point (:func:`hallbound.symbolic.mean_laws.planted_sup_density_scale`)."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Step
from hallbound.proofs_checks.mutation.operators import (
    DEFAULT_SEED,
    DEFAULT_TRIALS,
    HOLDING,
    Mutant,
    _is_sym,
    _premise_variants,
    _takes_earlier,
    _with_step,
    with_source_law,
)


# ----- planted mutants -------------------------------------------------------------------
def _find_step(claims: Sequence[Claim], claim: str, prefix: str) -> tuple[Claim, Step] | None:
    for c in claims:
        if c.name == claim:
            for s in c.steps:
                if s.name == prefix or s.name.startswith(prefix + " "):
                    return c, s
    return None


def _planted(claim: Claim, step: Step, lhs: Any, rhs: Any, name: str, op: str,
             side_factor: tuple[str, Fraction] | None,
             drop: Mapping[sp.Basic, sp.Basic] | None = None) -> Mutant:
    changes: dict[str, Any] = {"lhs": lhs, "rhs": rhs}
    variants = _premise_variants(step, lhs, step.rel, rhs)
    given = dict(getattr(step, "given", {}) or {})
    if drop is not None and given:  # drop the same factor from the premise
        changes["given"] = {k: v.xreplace(dict(drop)) for k, v in given.items()}
    for _, ch in variants:
        for k, v in ch.items():
            changes.setdefault(k, v)
    new = with_source_law(dataclasses.replace(step, **changes), step)
    return Mutant(_with_step(claim, step, new), new, step, op, name, side_factor=side_factor,
                  premise_changed=True, planted=name)


def planted_mutants(claims: Sequence[Claim]) -> list[Mutant]:
    """The planted false steps named in issue #10 (where the claims still hold the step)."""
    out: list[Mutant] = []
    hit = _find_step(claims, "Lemma B.3", "B.3")
    if hit and _is_sym(hit[1].rhs):
        c, s = hit
        out.append(_planted(c, s, s.lhs, s.rhs / 4, "Chebyshev with Var/(4a^2)",
                            "premise+scale-side", ("rhs", Fraction(1, 4))))
    hit = _find_step(claims, "Theorem 6.1 (corrected)", "U5")
    if hit and _is_sym(hit[1].rhs):
        c, s = hit
        drop = _ball_volume_factor(sp.sympify(s.rhs))
        if drop is not None:
            rhs = s.rhs.xreplace(drop)
            out.append(_planted(c, s, s.lhs, rhs, "drop V_d from U5 together with its premise",
                                "premise+drop-factor", None, drop=drop))
    return out


def _ball_volume_factor(expr: sp.Basic) -> dict[sp.Basic, sp.Basic] | None:
    r"""How to drop :math:`V_d` from a product: a symbol named ``V_d`` or the Gamma-function
    expression of the ball volume goes to 1; an opaque ``BallVolume(d, r)`` (the volume
    :math:`V_d r^d`) becomes :math:`r^d`. None when the product has no such factor."""
    factors = expr.args if isinstance(expr, sp.Mul) else (expr,)
    for f in factors:
        if isinstance(f, sp.Symbol) and f.name in ("V_d", "V_{d}"):
            return {f: sp.Integer(1)}
        if type(f).__name__ == "BallVolume" and len(f.args) == 2:
            dim, r = f.args
            return {f: r**dim}
    for f in factors:
        if f.has(sp.gamma):
            return {f: sp.Integer(1)}
    return None



# ----- the planted source-formula change --------------------------------------------------
@contextlib.contextmanager
def halved_uniform_sup_density() -> Iterator[list[str]]:
    r"""Halve the uniform mean law's sup density for the duration of the block, through the
    source's injection point :func:`hallbound.symbolic.mean_laws.planted_sup_density_scale`
    (every consumer, the bound and the claim's steps ``U0``, reads the value through
    ``standard_sup_density`` at call time); yields the name of what was changed."""
    from hallbound.symbolic import mean_laws

    with mean_laws.planted_sup_density_scale("uniform", sp.Rational(1, 2)):
        yield ["hallbound.symbolic.mean_laws.standard_sup_density('uniform') * 1/2"]


def uniform_sup_density() -> float:
    """The sup density of the standard uniform mean law U(-1, 1) as the source states it:
    ``hallbound.symbolic.mean_laws.standard_sup_density("uniform")``."""
    from hallbound.symbolic import mean_laws

    return float(mean_laws.standard_sup_density("uniform"))


def planted_source_mutation(
    seed: int = DEFAULT_SEED, trials: int = DEFAULT_TRIALS, baseline: bool = False
) -> dict:
    """Halve the uniform sup density in the source, check independently that the patched
    value is false (scipy's U(-1, 1) density at 0 is 1/2), rebuild ``Theorem 6.1
    (corrected)`` and check it step by step: killed when a step is neither PROVED nor
    CERTIFIED (then the claim is not either). ``baseline``: also check the unpatched claim
    (slow; for reading the report)."""
    from scipy.stats import uniform

    truth = float(uniform(loc=-1, scale=2).pdf(0.0))
    with halved_uniform_sup_density() as patched:
        try:
            stated = uniform_sup_density()
        except (ImportError, AttributeError, KeyError):
            stated = None
        verdicts, holds_now = _check_until_broken(_theorem_6_1_corrected(), seed, trials)
    base_verdicts = None
    if baseline:
        base_verdicts, _ = _check_until_broken(_theorem_6_1_corrected(), seed, trials)
    false = stated is not None and abs(stated - truth) > 1e-12
    return {
        "name": "halve the uniform mean law's sup density",
        "patched": patched,
        "independent": {"scipy U(-1,1) pdf(0)": truth, "source after the patch": stated},
        "false": bool(false and patched),
        "claim": "Theorem 6.1 (corrected)",
        "claim_verdict": "PROVED/CERTIFIED" if holds_now else "not PROVED/CERTIFIED",
        "step_verdicts": verdicts,
        "unpatched_step_verdicts": base_verdicts,
        "killed": not holds_now,
    }


def _check_until_broken(claim: Claim, seed: int, trials: int) -> tuple[dict[str, str], bool]:
    """Check the steps in order (each with the results before it) until one is neither
    PROVED nor CERTIFIED; then the claim cannot be. Returns the verdicts seen, and whether
    every step (hence possibly the claim) holds."""
    from hallbound.proofs_checks.engine.checker import check_step

    done: dict[str, Any] = {}
    verdicts: dict[str, str] = {}
    earlier = _takes_earlier()
    for step in claim.steps:
        kw = {"earlier": dict(done)} if earlier else {}
        res = check_step(claim, step, seed=seed, trials=trials, **kw)
        done[step.name] = res
        verdicts[step.name] = res.verdict.value
        if res.verdict.value not in HOLDING:
            return verdicts, False
    return verdicts, True


def _theorem_6_1_corrected() -> Claim:
    """A freshly built ``Theorem 6.1 (corrected)`` (not the registry's cached copy)."""
    import importlib

    from hallbound.proofs_checks.claims import registry

    for name in getattr(registry, "_MODULES", ("bad_estimations.corrected",)):
        mod = importlib.import_module(f"hallbound.proofs_checks.claims.{name}")
        for c in mod.claims():
            if c.name == "Theorem 6.1 (corrected)":
                return c
    raise LookupError("no claim named 'Theorem 6.1 (corrected)'")
