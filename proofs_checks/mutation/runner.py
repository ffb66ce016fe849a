r"""Running the real checker on false mutants, within a CPU budget per mutant, claim by
claim (optionally in worker processes)."""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from hallbound.proofs_checks.engine.claim import Claim, Step
from hallbound.proofs_checks.mutation.evaluation import Evaluation, _rng, evaluate_mutant
from hallbound.proofs_checks.mutation.operators import (
    CHECK_SECONDS,
    DEFAULT_SEED,
    DEFAULT_TRIALS,
    HOLDING,
    TIMEOUT,
    Mutant,
    _premise_objects,
    _takes_earlier,
    step_mutants,
)
from hallbound.proofs_checks.mutation.planted import planted_mutants, planted_source_mutation
from hallbound.proofs_checks.mutation.summary import summarize


# ----- running the checker ---------------------------------------------------------------
@dataclass
class Outcome:
    """One mutant's evaluation and (for false mutants) the checker's verdict."""

    claim: str
    step: str
    operator: str
    description: str
    relation: str
    evaluation: Evaluation
    verdict: str | None = None
    method: str = ""
    planted: str = ""
    check_seconds: float = 0.0
    law: str = ""
    original_rel: str = ""

    @property
    def killed(self) -> bool | None:
        if self.evaluation.status != "false" or self.verdict is None:
            return None
        return self.verdict not in HOLDING

    @property
    def kill(self) -> str | None:
        """How a false mutant ended: ``refuted``, ``demoted``, ``survived`` or ``error``
        (:func:`hallbound.proofs_checks.mutation.summary.kill_kind`); None when unchecked."""
        from hallbound.proofs_checks.mutation.summary import kill_kind

        return kill_kind(self.verdict) if self.evaluation.status == "false" else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "step": self.step,
            "operator": self.operator,
            "mutation": self.description,
            "relation": self.relation,
            "independent": self.evaluation.status,
            "independent_how": self.evaluation.how,
            "witness": self.evaluation.witness,
            "verdict": self.verdict,
            "method": self.method,
            "killed": self.killed,
            "kill": self.kill,
            "model": self.evaluation.model,
            "planted": self.planted,
            "check_seconds": self.check_seconds,
            "law": self.law,
            "original_rel": self.original_rel,
        }


def _law_kind(step: Step) -> str:
    """``"displayed"`` (a law check built from the step's sides), ``"declared"`` (the
    displayed sides through the claim's verified declared symbols,
    :mod:`hallbound.proofs_checks.mutation.declared`), ``"hand-written"`` (a second, typed
    formula) or ``""`` (no law)."""
    from hallbound.proofs_checks.engine.law_checks import ExprLawCheck
    from hallbound.proofs_checks.mutation.declared import DeclaredLawCheck

    if step.law is None:
        return ""
    if isinstance(step.law, DeclaredLawCheck):
        return "declared"
    return "displayed" if isinstance(step.law, ExprLawCheck) else "hand-written"


def check_mutant(
    m: Mutant,
    seed: int = DEFAULT_SEED,
    trials: int = DEFAULT_TRIALS,
    cache: dict[str, Any] | None = None,
    budget: float | None = None,
) -> tuple[str, str]:
    """The real checker's verdict on the mutated step (``ERROR: ...`` when it raises,
    :data:`TIMEOUT` after ``budget`` seconds of CPU, default :data:`CHECK_SECONDS`).

    The steps the mutated step cites (``cites``, and premises backed ``by`` a step name) are
    checked first, unmutated and outside the budget (their checks are the context, not the
    mutant's), and passed to the checker as ``earlier`` results (memoised in ``cache``), so
    that a mutant is never killed for a missing context."""
    from hallbound.proofs_checks.engine.checker import check_step
    from hallbound.proofs_checks.engine.citation import warm

    warm(m.step)  # a cited claim is checked once, outside the mutant's budget
    kw: dict[str, Any] = {}
    try:
        if _takes_earlier():  # the unmutated cited steps too: the budget is the mutant's own
            kw["earlier"] = _earlier(m.claim, m.step, seed, trials,
                                     {} if cache is None else cache)
        with cpu_budget(CHECK_SECONDS if budget is None else budget):
            res = check_step(m.claim, m.step, seed=seed, trials=trials, **kw)
    except OutOfBudget:
        return TIMEOUT, f"no verdict within {CHECK_SECONDS if budget is None else budget:g} s CPU"
    except Exception as err:  # noqa: BLE001 - a crash is recorded, never a PROVED
        return f"ERROR: {type(err).__name__}", str(err)[:200]
    return res.verdict.value, res.method


class OutOfBudget(BaseException):  # noqa: N818 - not an Exception: the checker's excepts pass it
    """Raised by :func:`cpu_budget` when the checker runs out of CPU time on a mutant."""


@contextlib.contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`OutOfBudget` in the block after ``seconds`` of the process's CPU time
    (:func:`hallbound.budget.cpu_timer`: ``ITIMER_PROF``, so load on other processes does not
    count, fired again where its exception is swallowed; main thread, POSIX only; no limit
    elsewhere or when ``seconds <= 0``)."""
    from hallbound.budget import cpu_timer

    if seconds <= 0:
        yield
        return
    with cpu_timer(seconds, OutOfBudget):
        yield




def _cited(step: Step) -> list[str]:
    names = [str(n) for n in getattr(step, "cites", ()) or ()]
    for p in _premise_objects(step):
        by = getattr(p, "by", None)
        if isinstance(by, str) and by != "hypothesis":
            names.append(by)
    return names


def _earlier(claim: Claim, step: Step, seed: int, trials: int,
             cache: dict[str, Any]) -> dict[str, Any]:
    """Results of the (unmutated) steps ``step`` cites, recursively, checked once each."""
    from hallbound.proofs_checks.engine.checker import check_step

    by_name = {s.name: s for s in claim.steps}
    out: dict[str, Any] = {}
    for name in _cited(step):
        original = by_name.get(name)
        if original is None or original is step:
            continue
        if name not in cache:
            sub = _earlier(claim, original, seed, trials, cache)
            cache[name] = check_step(claim, original, seed=seed, trials=trials, earlier=sub)
        out[name] = cache[name]
    return out


def run_claim(
    claim: Claim,
    seed: int = DEFAULT_SEED,
    trials: int = DEFAULT_TRIALS,
    per_step: int | None = None,
    planted: Sequence[Mutant] = (),
    step_share: float = 1.0,
    check_seconds: float = CHECK_SECONDS,
) -> list[Outcome]:
    """Evaluate the mutants of one claim (plus ``planted``) and check the false ones (at
    most ``check_seconds`` of CPU each).

    With ``per_step``, each step's mutants are taken in a seeded random order (planted ones
    first, then those that alter a premise with the relation) and evaluation stops once
    ``per_step`` false mutants of the step were found and checked; the rest are recorded as
    ``skipped``. ``step_share`` < 1 mutates only that
    share of the claim's steps (a seeded choice; steps with planted mutants always)."""
    steps = list(claim.steps)
    if step_share < 1:
        order = _rng(seed, "steps", claim.name).permutation(len(steps))
        keep = max(1, math.ceil(step_share * len(steps)))
        chosen = {steps[i].name for i in order[:keep]} | {m.original.name for m in planted}
        steps = [st for st in steps if st.name in chosen]
    mutants = [*planted, *(m for st in steps for m in step_mutants(claim, st))]
    return run_mutants(claim.name, mutants, seed=seed, trials=trials, per_step=per_step,
                       check_seconds=check_seconds)


def run_mutants(
    claim: str,
    mutants: Sequence[Mutant],
    seed: int = DEFAULT_SEED,
    trials: int = DEFAULT_TRIALS,
    per_step: int | None = None,
    check_seconds: float = CHECK_SECONDS,
) -> list[Outcome]:
    """Evaluate ``mutants`` (of the claim named ``claim``) step by step and check the false
    ones with the real checker (see :func:`run_claim` for ``per_step``)."""
    by_step: dict[str, list[Mutant]] = {}
    for m in mutants:
        by_step.setdefault(m.original.name, []).append(m)
    outcomes: list[Outcome] = []
    for step, ms in by_step.items():
        if per_step is not None:  # planted first, then premise-altering mutants, then others
            rng = _rng(seed, "select", claim, step)
            keep = [m for m in ms if m.planted]
            prem = [m for m in ms if not m.planted and m.premise_changed]
            rest = [m for m in ms if not m.planted and not m.premise_changed]
            ms = keep + [prem[i] for i in rng.permutation(len(prem))] + [
                rest[i] for i in rng.permutation(len(rest))
            ]
        found = 0
        cache: dict[str, Any] = {}
        models: dict[Any, Any] = {}
        for m in ms:
            o = Outcome(claim, step, m.operator, m.description, m.step.relation_text(),
                        Evaluation("skipped", "per-step limit reached"), planted=m.planted,
                        law=_law_kind(m.step), original_rel=m.original.rel)
            outcomes.append(o)
            if per_step is not None and found >= per_step and not m.planted:
                continue
            o.evaluation = evaluate_mutant(m, seed=seed, models=models)
            if o.evaluation.status == "false":
                found += 1
                t0 = time.process_time()
                o.verdict, o.method = check_mutant(m, seed=seed, trials=trials, cache=cache,
                                                   budget=check_seconds)
                o.check_seconds = round(time.process_time() - t0, 3)
    return outcomes


def _run_named(name: str, seed: int, trials: int, per_step: int | None,
               with_planted: bool, step_share: float = 1.0,
               check_seconds: float = CHECK_SECONDS) -> list[Outcome]:
    """:func:`run_claim` on a registered claim, by name (for worker processes)."""
    from hallbound.proofs_checks.claims import registry

    claim = next(c for c in registry.all_claims() if c.name == name)
    planted = planted_mutants([claim]) if with_planted else []
    return run_claim(claim, seed=seed, trials=trials, per_step=per_step, planted=planted,
                     step_share=step_share, check_seconds=check_seconds)


def run(
    claims: Sequence[Claim],
    seed: int = DEFAULT_SEED,
    trials: int = DEFAULT_TRIALS,
    per_step: int | None = None,
    with_planted: bool = True,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    step_share: float = 1.0,
    check_seconds: float = CHECK_SECONDS,
    on_claim: Callable[[str, list[Outcome]], None] | None = None,
) -> dict[str, Any]:
    """Mutation testing of ``claims``: every outcome, the score and the planted results.

    The mutants of one claim run in one process; ``jobs > 1`` spreads registered claims
    over that many worker processes (outcomes are reported in the claims' order whatever
    the order they finish in). The checker spends at most ``check_seconds`` of CPU on one
    mutant. ``on_claim(name, outcomes)`` is called as each claim finishes (a partial record
    that survives an interrupted run)."""
    t0 = time.perf_counter()
    c0 = time.process_time()
    done: dict[str, list[Outcome]] = {}
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                pool.submit(_run_named, c.name, seed, trials, per_step, with_planted,
                            step_share, check_seconds): c.name
                for c in claims
            }
            for fut in as_completed(futures):
                name = futures[fut]
                done[name] = fut.result()
                if on_claim:
                    on_claim(name, done[name])
                if progress:
                    progress(name)
    else:
        planted = planted_mutants(claims) if with_planted else []
        for c in claims:
            if progress:
                progress(c.name)
            mine = [m for m in planted if m.claim.name == c.name]
            done[c.name] = run_claim(c, seed=seed, trials=trials, per_step=per_step,
                                     planted=mine, step_share=step_share,
                                     check_seconds=check_seconds)
            if on_claim:
                on_claim(c.name, done[c.name])
    outcomes = [o for c in claims for o in done[c.name]]
    source = None
    if with_planted and any(c.name == "Theorem 6.1 (corrected)" for c in claims):
        source = planted_source_mutation(seed=seed, trials=trials)
    out = summarize(outcomes, source, time.perf_counter() - t0, seed, trials, per_step)
    out["step_share"] = step_share
    out["check_seconds"] = check_seconds
    out["cpu_seconds"] = round(time.process_time() - c0, 1)  # this process (jobs=1: all)
    return out
