r"""The kernel check of checked claims, for ``hallbound check --coq DIR`` and ``export --coq``.

:func:`claim_job` turns one checked claim into the Coq job of :mod:`.run` (its steps' lemmas
and, when the chain closes with every step exportable, its conclusion's);
:func:`kernel_check_results` writes and checks the files and sets each PROVED/CERTIFIED
step's :attr:`~hallbound.proofs_checks.engine.verdicts.StepResult.kernel` to the kernel's
word (``checked``, ``failed (why)``, ``not exportable (why)``, ``not run (coqc missing)``).
A step whose kernel check fails keeps its verdict, and :func:`failures` lists it: the verdict
then rests on SymPy alone, and the report says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hallbound.proofs_checks.kernel.goals import claim_goals, step_goals
from hallbound.proofs_checks.kernel.run import ClaimExport, Job, KernelResult, check_files
from hallbound.proofs_checks.kernel.tactics import DEFAULT_TIMEOUT


def claim_job(claim: Any, result: Any) -> Job:
    """The Coq job of one checked claim (``result`` from ``check_claim``)."""
    goals = step_goals(claim, result.steps)
    whole, why = claim_goals(claim, result, goals)
    return Job(claim.name, claim.paper, goals, whole, why, result.verdict.value)


def kernel_check_results(
    claims: Sequence[Any], results: Sequence[Any], outdir: Path,
    timeout: int = DEFAULT_TIMEOUT, file_limit: float = 600.0, workers: int = 2,
) -> list[ClaimExport]:
    """Export and check the claims (``results`` in the same order), then set each exported
    step's ``kernel`` text on its :class:`StepResult`."""
    jobs = [claim_job(c, r) for c, r in zip(claims, results, strict=True)]
    exports = check_files(jobs, outdir, timeout=timeout, file_limit=file_limit,
                          workers=workers)
    for res, ex in zip(results, exports, strict=True):
        by_step = {k.step: k for k in ex.steps}
        for s in res.steps:
            if s.step in by_step:
                s.kernel = by_step[s.step].text()
    return exports


def failures(exports: Sequence[ClaimExport]) -> list[KernelResult]:
    """Every PROVED/CERTIFIED step (and claim conclusion) whose kernel check failed."""
    return [k for ex in exports for k in [*ex.steps, *([ex.whole] if ex.whole else [])]
            if k.status == "failed"]
