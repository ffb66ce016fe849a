"""``hallbound export --coq DIR [CLAIM ...] [--paper KEY] [--json FILE] [--timeout S]
[--file-limit S] [--jobs N] [--trials N]``.

Checks the claims (as ``check`` does), then writes each claim's PROVED and CERTIFIED steps
that are statements of real arithmetic as Coq lemmas (one file per claim in DIR) and has Coq
check them. Each such step gets ``kernel: checked``, ``kernel: failed (tactic gave up:
...)`` or ``kernel: not exportable (reason)``; the report lists them per claim, then the
fraction kernel-checked per paper, the reasons for the rest and every failure. Without
``coqc`` the files are still written and one line says that ``coqc`` is missing (exit 0).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from typing import Any

from hallbound import costguard
from hallbound.commands import common

DESCRIPTION = """\
Check the claims (as check does), then write each claim's PROVED and CERTIFIED steps that
are statements of real arithmetic as Coq lemmas (one file per claim in DIR) and have Coq's
kernel check them. Each such step gets "kernel: checked", "kernel: failed (tactic gave up)"
or "kernel: not exportable (reason)". The report lists them per claim, then the fraction
kernel-checked per paper, the reasons for the rest and every failure. Without coqc the files
are still written and one line says that coqc is missing (exit 0).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write PROVED/CERTIFIED steps as Coq lemmas and have coqc check them",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("claims", nargs="*", metavar="CLAIM",
                        help="claim names or prefixes (default: all)")
    parser.add_argument("--coq", metavar="DIR", required=True,
                        help="folder for the .v files (created when missing)")
    common.add_paper(parser)
    common.add_json(parser, to_file=True, help="Write the kernel results as JSON to FILE "
                    "(- for standard output, the table is then not printed).")
    parser.add_argument("--timeout", type=common.integer, default=10,
                        help="seconds per tactic attempt in Coq (default 10)")
    parser.add_argument("--file-limit", type=float, default=600.0,
                        help="seconds per claim file for coqtop/coqc (default 600)")
    parser.add_argument("--jobs", type=common.integer, default=2,
                        help="claim files checked at a time (default 2)")
    parser.add_argument("--mutants", action="store_true",
                        help="also export a known-false variant of each exported step "
                        "(flipped inequality, shifted equality): Coq must reject every one")
    parser.add_argument("--trials", type=common.integer, default=200,
                        help="falsification trials per step of the check (default 200)")
    common.add_cost_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from hallbound.errors import InputError
    from hallbound.proofs_checks.claims import registry
    from hallbound.proofs_checks.engine.checker import check_claim
    from hallbound.proofs_checks.kernel.claims_export import claim_job
    from hallbound.proofs_checks.kernel.run import check_files, coq_available

    for name in ("timeout", "jobs", "trials"):
        if getattr(args, name) < 1:
            raise InputError(f"--{name}", f"must be >= 1, got {getattr(args, name)}")
    if args.file_limit <= 0:
        raise InputError("--file-limit", f"must be > 0, got {args.file_limit}")
    outdir = Path(args.coq)
    if outdir.exists() and not outdir.is_dir():
        raise InputError("--coq", f"{outdir} is not a folder")
    claims = registry.find(args.claims, paper=args.paper)
    start = time.monotonic()
    jobs = []
    with costguard.Progress(len(claims), desc="check", unit="claim", quiet=args.quiet) as bar:
        for claim in claims:
            res = check_claim(claim, trials=args.trials)
            jobs.append(claim_job(claim, res))
            bar.update(1)
    checked_s = time.monotonic() - start
    exports = check_files(jobs, outdir, timeout=args.timeout, file_limit=args.file_limit,
                          workers=args.jobs)
    total_s = time.monotonic() - start
    ran = coq_available()
    mutants = None
    if args.mutants:
        mutants = check_files(mutant_jobs(jobs), outdir / "mutants", timeout=args.timeout,
                              file_limit=args.file_limit, workers=args.jobs)
    if not common.to_stdout(args.json):
        print(render(exports, ran, outdir, checked_s, total_s), end="")
        if mutants is not None:
            print(mutant_text(mutants, ran), end="")
    if args.json:
        data = to_json(exports, ran, checked_s, total_s)
        if mutants is not None:
            data["mutants"] = mutant_json(mutants)
        common.write_output(args.json, json.dumps(data, indent=2) + "\n")
    return 0


def mutant_jobs(jobs: list[Any]) -> list[Any]:
    """One job per claim with the known-false variants of its exportable steps."""
    from hallbound.proofs_checks.kernel.mutants import false_mutants
    from hallbound.proofs_checks.kernel.run import Job

    out = []
    for job in jobs:
        goals = [m for g in job.goals for m in false_mutants(g)]
        if goals:
            out.append(Job(f"{job.claim} (false mutants)", job.paper, goals))
    return out


def mutant_json(mutants: list[Any]) -> dict[str, Any]:
    """How many false mutants were exported, and those Coq accepted (a translation bug)."""
    steps = [k for ex in mutants for k in ex.steps]
    return {"exported": len(steps),
            "rejected": sum(k.status == "failed" for k in steps),
            "accepted": [f"{k.claim} / {k.step}" for k in steps if k.status == "checked"]}


def mutant_text(mutants: list[Any], ran: bool) -> str:
    """One line on the false mutants (and each one Coq accepted)."""
    data = mutant_json(mutants)
    if not ran:
        return f"false mutants: {data['exported']} written, not checked (coqc missing)\n"
    lines = [f"false mutants: {data['exported']} exported, {data['rejected']} rejected by Coq, "
             f"{len(data['accepted'])} accepted (each accepted one is a translation bug)"]
    lines += [f"  ACCEPTED: {a}" for a in data["accepted"]]
    return "\n".join(lines) + "\n"


def fractions(exports: list[Any]) -> dict[str, dict[str, Any]]:
    """Per paper: steps exported (PROVED/CERTIFIED), how many the kernel checked, the
    reasons for the rest (counted)."""
    out: dict[str, dict[str, Any]] = {}
    for ex in exports:
        for k in ex.steps:
            row = out.setdefault(k.paper, {"steps": 0, "checked": 0, "failed": 0,
                                           "not exportable": 0, "not run": 0,
                                           "reasons": Counter()})
            row["steps"] += 1
            row[k.status] += 1
            if k.status != "checked":
                row["reasons"][f"{k.status}: {_short_reason(k.reason)}"] += 1
    return out


def _short_reason(reason: str) -> str:
    """A reason without the expression it quotes (so that equal reasons count together)."""
    if reason.startswith(("step ", "the conclusion")):
        return re.sub(r"^step .*? (is|has)", r"a step \1", reason).split(" (")[0]
    if reason.startswith("side conditions"):
        return "side conditions not proved from the stated domain"
    if reason.startswith("tactic gave up"):
        return reason.split(":")[0]
    return re.sub(r" \(.*", "", reason)[:90]


def render(exports: list[Any], ran: bool, outdir: Any, checked_s: float, total_s: float
           ) -> str:
    """The text report: per claim its steps' kernel results, then per paper the fraction."""
    lines = []
    if not ran:
        lines.append(f"coqc is missing: wrote the Coq files to {outdir} without checking them "
                     "(apt-get install coq libcoq-interval)")
    for ex in exports:
        if not ex.steps:
            continue
        lines.append(f"{ex.claim}  [{ex.paper}]  {ex.file}")
        for k in ex.steps:
            lines.append(f"  {k.step:<28} {k.verdict:<9} kernel: {k.text()}")
        if ex.whole is not None:
            lines.append(f"  {'(the claim)':<28} {ex.whole.verdict:<9} kernel: "
                         f"{ex.whole.text()}")
    lines.append("")
    for paper, row in fractions(exports).items():
        frac = row["checked"] / row["steps"] if row["steps"] else 0.0
        lines.append(f"{paper}: {row['checked']} of {row['steps']} PROVED/CERTIFIED steps "
                     f"kernel-checked ({100 * frac:.0f}%); failed {row['failed']}, not "
                     f"exportable {row['not exportable']}")
        for why, n in row["reasons"].most_common():
            lines.append(f"  {n:>3}  {why}")
    wholes = [ex.whole for ex in exports if ex.whole is not None and ex.steps]
    tried = [k for k in wholes if k.status != "not exportable"]
    lines.append(f"claims checked as a whole (conclusion from the step lemmas): "
                 f"{sum(k.status == 'checked' for k in tried)} of {len(tried)} exported; "
                 f"{len(wholes) - len(tried)} not exported")
    for why, n in Counter(_short_reason(k.reason) for k in wholes
                          if k.status == "not exportable").most_common():
        lines.append(f"  {n:>3}  {why}")
    failures = [k for ex in exports for k in [*ex.steps, *([ex.whole] if ex.whole else [])]
                if k.status == "failed"]
    if failures:
        lines.append(f"kernel failures ({len(failures)}):")
        lines += [f"  {k.claim} / {k.step}: {k.reason}" for k in failures]
    lines.append(f"time: check {checked_s:.1f} s, export and Coq {total_s - checked_s:.1f} s, "
                 f"total {total_s:.1f} s")
    return "\n".join(lines) + "\n"


def to_json(exports: list[Any], ran: bool, checked_s: float, total_s: float) -> dict:
    """One object: ``coqc`` (present or not), ``steps`` (kernel results), ``claims`` (file,
    accepted by coqc, seconds), ``papers`` (fractions and reasons), ``seconds``."""
    papers = {p: {**{k: v for k, v in row.items() if k != "reasons"},
                  "fraction": row["checked"] / row["steps"] if row["steps"] else 0.0,
                  "reasons": dict(row["reasons"])}
              for p, row in fractions(exports).items()}
    return {
        "coqc": "present" if ran else "missing",
        "steps": [k.to_dict() for ex in exports for k in ex.steps],
        "claims": [{"claim": ex.claim, "paper": ex.paper, "file": ex.file,
                    "accepted": ex.accepted, "seconds": round(ex.seconds, 2),
                    "kernel": ex.whole.text() if ex.whole else None}
                   for ex in exports],
        "papers": papers,
        "seconds": {"check": round(checked_s, 2), "total": round(total_s, 2)},
    }
