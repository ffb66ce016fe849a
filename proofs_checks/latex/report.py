r"""Tables, JSON and the annotated LaTeX of a :class:`~.verify.VerifyReport`.

``render(report)`` prints one table per chain: line, relation, verdict, and the witness
(REFUTED), the certified box (CERTIFIED), the trial count (SUPPORTED) or the method, then
the chain's conclusion. ``to_json(report)`` is the issue's object
``{"environments": [...], "errors": [...]}``. ``annotate(report)`` returns the source with
each checked row's verdicts as a margin tag (``\tag*{..}`` in amsmath environments, a
``\mbox`` after the row in ``eqnarray`` or where the row already has a ``\tag``).
"""

from __future__ import annotations

import json
import re

from hallbound.budget import hit_budget
from hallbound.proofs_checks.latex.verify import ChainReport, LineCheck, VerifyReport

REL_TEXT = {"=": "=", "<=": "<=", "<": "<", ">=": ">=", ">": ">", "": "?"}


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _num(v: object) -> str:
    """A value with every digit it has (``2.000001``, not ``2``): 6 significant digits when
    they are exact, else the shortest repr that reads back as the same float."""
    if isinstance(v, float):
        short = f"{v:.6g}"
        return short if float(short) == v else repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_num(x) for x in v) + "]"
    return str(v)


def info(c: LineCheck) -> str:
    """The witness, box, trial count or method of one check, on one line."""
    if c.verdict == "REFUTED" and c.witness is not None:
        pts = ", ".join(f"{k}={_num(v)}" for k, v in c.witness.items())
        return f"{pts}: lhs={_num(c.lhs_value)}, rhs={_num(c.rhs_value)}"
    if c.verdict == "CERTIFIED" and c.box:
        return "box " + ", ".join(f"{k} in {_num(v)}" for k, v in c.box.items())
    if c.verdict == "SUPPORTED" and c.trials is not None:
        return f"no counterexample in {c.trials} trials"
    text = c.method + (f" ({c.detail})" if c.detail else "")
    return text


def render_chain(chain: ChainReport, width: int = 124) -> str:
    """One chain's table."""
    head = f"{chain.name} ({chain.env_name}, line {chain.line})"
    lines = [head, "-" * len(head)]
    rel_w = 44
    for s in chain.steps:
        rel = f"{s.lhs} {REL_TEXT[s.relation]} {s.rhs}"
        lines.append(
            f"  {s.line:>5}  {_cut(rel, rel_w):<{rel_w}}  {s.verdict:<10} "
            + _cut(info(s), width - rel_w - 22)
        )
        if s.lemma:
            lines.append(f"  {'':>5}  cites lemma: {s.lemma}")
        if s.cites:
            lines.append(f"  {'':>5}  cites: {', '.join(s.cites)}")
        if s.verdict == "REFUTED" and s.satisfies:
            lines.append(f"  {'':>5}  the witness satisfies: {'; '.join(s.satisfies)}")
        for note in s.notes:
            lines.append(f"  {'':>5}  note: {note}")
        if s.assumed:
            lines.append(f"  {'':>5}  assumes: {'; '.join(s.assumed)}")
        if s.kernel:
            lines.append(f"  {'':>5}  kernel: {s.kernel}")
    c = chain.conclusion
    if c is not None:
        rel = f"{c.lhs} {REL_TEXT[c.relation]} {c.rhs}"
        lines.append(
            f"  {'chain':>5}  {_cut(rel, rel_w):<{rel_w}}  {c.verdict:<10} "
            + _cut(info(c), width - rel_w - 22)
        )
        if c.kernel:
            lines.append(f"  {'':>5}  kernel: {c.kernel}")
    return "\n".join(lines)


def render(report: VerifyReport, width: int = 124) -> str:
    """Every chain's table, then the errors, then a one-line count of verdicts (and of the
    steps stopped by their CPU budget, and of the rows skipped, with why)."""
    parts = [render_chain(c, width) for c in report.environments]
    if report.definitions:
        parts.append(render_definitions(report, width))
    if report.errors:
        parts.append(
            "errors\n------\n"
            + "\n".join(f"  line {e.line}, column {e.column}: {e.message}" for e in report.errors)
        )
    counts: dict[str, int] = {}
    for c in report.environments:
        for s in c.steps:
            counts[s.verdict] = counts.get(s.verdict, 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    budget = sum(hit_budget(s.detail) for c in report.environments for s in c.steps)
    parts.append(
        f"{len(report.environments)} chain(s), {sum(counts.values())} step(s): "
        f"{summary or 'none'}; {budget} stopped by their CPU budget; "
        f"{skipped_text(report)}; {len(report.errors)} error(s)"
        + (f"; {len(report.definitions)} definition(s), not steps" if report.definitions
           else "")
    )
    return "\n\n".join(parts) + "\n"


def render_definitions(report: VerifyReport, width: int = 124) -> str:
    """The display definitions (``:=`` ...): line, definition, how it is read or why it is
    not used, and a note per environment where it is not used."""
    lines = ["definitions (not steps: no verdict)", "-" * 35]
    for d in report.definitions:
        lines.append(f"  {d.line:>5}  {_cut(d.text, 44):<44}  " + _cut(d.summary(), width - 54))
        for note in d.notes:
            lines.append(f"  {'':>5}  note: {note}")
    return "\n".join(lines)


def skipped_text(report: VerifyReport) -> str:
    """``"N row(s) skipped (...)"``: rows not checked, and environments not closed or over
    the limit, grouped by why (unreadable rows by the first words of their error)."""
    if not report.skipped:
        return "0 rows skipped"
    why: dict[str, int] = {}
    for _, reason in report.skipped:
        key = reason if reason.startswith("environment") else "unreadable: " + _cut(reason, 60)
        why[key] = why.get(key, 0) + 1
    rows = sum(1 for _, r in report.skipped if not r.startswith("environment"))
    envs = len(report.skipped) - rows
    head = f"{rows} row(s) skipped" + (f", {envs} environment(s) skipped" if envs else "")
    return head + " (" + "; ".join(f"{n} {k}" for k, n in sorted(why.items())) + ")"


def to_json(report: VerifyReport) -> str:
    """The report as JSON (see the module doc)."""
    return json.dumps(report.to_dict(), indent=2, default=str) + "\n"


_HAS_TAG = re.compile(r"\\tag\b")


def annotate(report: VerifyReport) -> str:
    """The checked LaTeX with each row's verdicts as a margin tag (a complete document:
    a fragment is wrapped in ``article`` with ``amsmath``)."""
    text = report.text
    inserts: list[tuple[int, str]] = []
    tags = [(off, c.env_name, tag) for c in report.environments for off, tag in c.tags]
    for off, env_name, tag in tags + list(report.unchecked):
        row_start = max(text.rfind("\\\\", 0, off), text.rfind("\n", 0, off))
        row = text[row_start + 1 : off]
        if env_name.startswith("eqnarray") or _HAS_TAG.search(row):
            inserts.append((off, r"\quad\mbox{\scriptsize[" + tag + "]}"))
        else:
            inserts.append((off, r" \tag*{\scriptsize " + tag + "}"))
    out = text
    edits = [(off, 0, ins) for off, ins in inserts]
    # file-reading macros are not followed here either: \input{x} becomes \hbNotFollowed{x}
    edits += [(off, len(macro) + 1, r"\hbNotFollowed") for off, macro in report.file_macros]
    for off, cut, ins in sorted(edits, reverse=True):
        out = out[:off] + ins + out[off + cut :]
    if report.file_macros:
        out = "\\providecommand{\\hbNotFollowed}[1]{}\n" + out
    if "\\documentclass" not in out:
        out = (
            "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n"
            + out
            + "\n\\end{document}\n"
        )
    return out


__all__ = ["annotate", "info", "render", "render_chain", "render_definitions", "skipped_text",
           "to_json"]
