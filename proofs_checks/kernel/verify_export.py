r"""Kernel certificates for ``hallbound verify FILE.tex --coq DIR``.

Every PROVED or CERTIFIED step of a LaTeX derivation is exported as a Coq lemma, exactly as the
steps of the papers' claims are (:mod:`.goals`): the relation the engine decided, after the
``% hb: let`` definitions, over the stated domains of its variables and the stated relations
(``% hb: assume``) over them. One file per chain (``<file>_environment_<k>.v``); a chain whose
conclusion is PROVED/CERTIFIED and whose steps are all exported also gets its conclusion,
derived from the step lemmas by the chain's transitivity (a ``Section`` at the file's end).
``coqtop``/``coqc`` then check each file (:mod:`.run`). Each exported step's
:attr:`~hallbound.proofs_checks.latex.verify.LineCheck.kernel` is set to
``checked``, ``failed (why)``, ``not exportable (why)`` or ``not run (coqc missing)``.

Steps with another verdict get no kernel field: only PROVED and CERTIFIED claim more than
a search.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from hallbound.proofs_checks.kernel import run as _run
from hallbound.proofs_checks.kernel.goals import EXPORTED, Goal, claim_goals, step_goal
from hallbound.proofs_checks.kernel.run import (
    ClaimExport,
    Job,
    KernelResult,
    check_files,
)
from hallbound.proofs_checks.kernel.tactics import DEFAULT_TIMEOUT

#: The verdict values whose steps are exported.
EXPORTED_TEXT = tuple(v.value for v in EXPORTED)


@dataclass
class TexKernel:
    """The kernel's word on one LaTeX file: per exported step (``chain``, ``line``, result),
    per chain its conclusion (when exported whole), and whether ``coqc`` ran."""

    ran: bool
    steps: list[tuple[str, int, KernelResult]] = field(default_factory=list)
    chains: list[tuple[str, KernelResult]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def counts(self) -> Counter:
        """How many exported steps got each kernel status."""
        return Counter(k.status for _, _, k in self.steps)

    def fraction(self) -> float:
        """Kernel-checked steps over PROVED/CERTIFIED steps (0 when there are none)."""
        return self.counts()["checked"] / len(self.steps) if self.steps else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``coqc``, counts, the fraction, each step's and chain's result."""
        return {
            "coqc": "present" if self.ran else "missing",
            "proved_steps": len(self.steps),
            "counts": dict(self.counts()),
            "fraction": round(self.fraction(), 4),
            "steps": [{"chain": c, "line": line, "kernel": k.text(), "status": k.status,
                       "file": k.file, "lemma": k.lemma} for c, line, k in self.steps],
            "chains": [{"chain": c, "kernel": k.text(), "status": k.status}
                       for c, k in self.chains],
            "seconds": round(self.seconds, 2),
        }


def _goals_of_chain(chain: Any, taken: set[str]) -> list[tuple[Any, Goal]]:
    """``(line check, goal)`` for each PROVED/CERTIFIED step of a chain that kept its
    engine record (:attr:`LineCheck.source`)."""
    from hallbound.proofs_checks.kernel.coq_export import coq_name

    out = []
    for check in chain.steps:
        if check.verdict not in EXPORTED_TEXT or check.source is None:
            continue
        claim, step, result, earlier = check.source
        if isinstance(result, str) or result.verdict.value != check.verdict:
            continue  # the verdict was changed after the check: its record is not the step's
        name = coq_name(f"line_{step.name.removeprefix('line ')}", taken)
        taken.add(name)
        out.append((check, step_goal(claim, step, result, earlier, name)))
    return out


def _whole(chain: Any, pairs: list[tuple[Any, Goal]]) -> tuple[list[Goal], str]:
    """The chain's conclusion lemmas (:func:`~.goals.claim_goals`), or why there are none."""
    c = chain.conclusion
    if c is None or c.verdict not in EXPORTED_TEXT:
        return [], "the chain's conclusion is not PROVED/CERTIFIED"
    if len(pairs) != len(chain.steps):
        return [], "a step of the chain is not exported"
    claim = pairs[-1][0].source[0]
    if not claim.conclusion:
        return [], "the chain states no conclusion"
    params = {p.symbol: p for check, _ in pairs for p in check.source[1].params}
    try:
        whole = dataclasses.replace(claim, hypotheses=list(params.values()), steps=[
            check.source[1] for check, _ in pairs])
    except Exception as err:  # noqa: BLE001 - a claim the engine refuses: say why
        return [], f"the chain could not be rebuilt as a claim ({err})"[:200]
    results = [check.source[2] for check, _ in pairs]
    summary = SimpleNamespace(chain_closed=True, steps=results)
    return claim_goals(whole, summary, [g for _, g in pairs])


def _stem(path: str) -> str:
    return re.sub(r"\.tex$", "", Path(path).name) if path not in ("", "-") else "stdin"


def kernel_check(
    report: Any, outdir: Path, source: str = "-", timeout: int = DEFAULT_TIMEOUT,
    file_limit: float = 600.0, workers: int = 2,
) -> TexKernel:
    """Export the PROVED/CERTIFIED steps of a :class:`~.latex.verify.VerifyReport` to
    ``outdir`` (one ``.v`` file per chain), have Coq check them, and set each step's
    ``kernel`` (and the chain conclusion's, when exported whole). ``source`` names the LaTeX
    file (for the ``.v`` names)."""
    import time

    start = time.monotonic()
    jobs, pairs_of = [], {}
    for chain in report.environments:
        pairs = _goals_of_chain(chain, set())
        if not pairs:
            continue
        whole, why = _whole(chain, pairs)
        label = f"{_stem(source)} {chain.name}"
        verdict = chain.conclusion.verdict if chain.conclusion else ""
        jobs.append(Job(label, "latex", [g for _, g in pairs], whole, why, verdict))
        pairs_of[label] = (chain, pairs)
    exports: list[ClaimExport] = check_files(jobs, outdir, timeout=timeout,
                                             file_limit=file_limit, workers=workers)
    out = TexKernel(_run.coq_available())  # through the module: one answer for all callers
    for ex in exports:
        chain, pairs = pairs_of[ex.claim]
        out.files.append(ex.file)
        for (check, _), k in zip(pairs, ex.steps, strict=True):
            check.kernel = k.text()
            out.steps.append((chain.name, check.line, k))
        if ex.whole is not None and chain.conclusion is not None:
            if ex.whole.status != "not exportable":
                chain.conclusion.kernel = ex.whole.text()
            out.chains.append((chain.name, ex.whole))
    out.seconds = time.monotonic() - start
    return out


def render(kernel: TexKernel, outdir: Path) -> str:
    """The kernel section of the text report: the fraction, the reasons, each failure."""
    if not kernel.steps:
        return "kernel: no PROVED/CERTIFIED step to export\n"
    counts = kernel.counts()
    lines = []
    if not kernel.ran:
        lines.append(f"kernel: coqc is missing: wrote the Coq files to {outdir} without "
                     "checking them (apt-get install coq libcoq-interval)")
    lines.append(f"kernel: {counts['checked']} of {len(kernel.steps)} PROVED/CERTIFIED steps "
                 f"kernel-checked by coqc ({100 * kernel.fraction():.0f}%); failed "
                 f"{counts['failed']}, not exportable {counts['not exportable']}"
                 + (f", not run {counts['not run']}" if counts["not run"] else "")
                 + f"; files in {outdir}")
    for why, n in Counter(_short(k) for _, _, k in kernel.steps
                          if k.status not in ("checked", "failed")).most_common():
        lines.append(f"  {n:>3}  {why}")
    whole = [k for _, k in kernel.chains if k.status != "not exportable"]
    if whole:
        lines.append(f"kernel: chains checked as a whole: "
                     f"{sum(k.status == 'checked' for k in whole)} of {len(whole)} exported")
    failed = [(c, line, k) for c, line, k in kernel.steps if k.status == "failed"]
    failed += [(c, "chain", k) for c, k in kernel.chains if k.status == "failed"]
    if failed:
        lines.append(f"kernel FAILED on {len(failed)} PROVED/CERTIFIED step(s): the verdict "
                     "rests on SymPy alone there")
        lines += [f"  {c}, line {line}: {k.reason}"[:200] for c, line, k in failed]
    return "\n".join(lines) + "\n"


def _short(k: KernelResult) -> str:
    """A reason without the expression it quotes (so equal reasons count together)."""
    return f"{k.status}: " + re.sub(r" \(.*", "", k.reason)[:90]
