"""Plain-text tables and JSON for check results.

``render(results)`` gives one table per claim (step, relation, verdict, method, and the
witness, the certified box or the trial count); ``to_json(results)`` gives a list with one
object per step (keys: claim, step, relation, verdict, method, justification, detail, and
``witness``/``lhs``/``rhs`` for REFUTED, ``box`` for CERTIFIED, ``trials`` for SUPPORTED).
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

from hallbound.proofs_checks.verdicts import ClaimResult, Verdict


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def render_claim(result: ClaimResult, width: int = 100) -> str:
    """One claim's table."""
    head = f"{result.claim}  [{result.paper}, {result.source}]  domain: {result.domain}"
    lines = [head, "-" * min(len(head), width)]
    step_w = max([len(s.step) for s in result.steps] + [4])
    step_w = min(step_w, 30)
    for s in result.steps:
        lines.append(f"  {_cut(s.step, step_w):<{step_w}}  {s.verdict.value:<10} {s.method}")
        lines.append(f"  {'':<{step_w}}  relation: {_cut(s.relation, width - step_w - 14)}")
        info = s.summary()
        if info:
            for chunk in textwrap.wrap(info, width - step_w - 6)[:4]:
                lines.append(f"  {'':<{step_w}}  {chunk}")
    return "\n".join(lines)


def render(results: Sequence[ClaimResult], width: int = 100) -> str:
    """Every claim's table, then a summary."""
    parts = [render_claim(r, width) for r in results]
    parts.append(summary(results))
    return "\n\n".join(parts) + "\n"


def summary(results: Sequence[ClaimResult]) -> str:
    """Counts per verdict, the refuted steps, and whether each corrected claim holds."""
    counts = Counter(s.verdict for r in results for s in r.steps)
    line = ", ".join(f"{v.value} {counts[v]}" for v in Verdict if counts[v])
    out = [f"Summary: {sum(counts.values())} steps in {len(results)} claims: {line}"]
    refuted = [
        f"  {r.claim} / {s.step}" for r in results for s in r.steps if s.verdict is Verdict.REFUTED
    ]
    if refuted:
        out.append("REFUTED:")
        out.extend(refuted)
    corrected = [r for r in results if r.source == "corrected"]
    if corrected:
        out.append("Corrected claims:")
    for r in corrected:
        state = "every step PROVED or CERTIFIED" if r.holds else "NOT all steps hold"
        out.append(f"  {r.claim}: {state}")
    return "\n".join(out)


def to_records(results: Sequence[ClaimResult]) -> list[dict[str, Any]]:
    """One dictionary per step."""
    return [
        s.to_dict() | {"source": r.source, "paper": r.paper} for r in results for s in r.steps
    ]


def to_json(results: Sequence[ClaimResult]) -> str:
    """JSON text of :func:`to_records`."""
    return json.dumps(to_records(results), indent=2, default=str) + "\n"
