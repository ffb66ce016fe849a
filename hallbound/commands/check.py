"""``hallbound check [CLAIM ...] [--paper KEY] [--json FILE] [--strict] [--seed S] [--trials N]
[--list]``.

Checks every step of the paper's claims (as stated) and of the corrected claims, and prints a
table per claim: step, relation, verdict, method, and the witness (REFUTED), the certified box
(CERTIFIED) or the number of trials (SUPPORTED). Exit status 0 after a completed run; with
``--strict``, 1 when a checked claim has a REFUTED or ASSUMED step.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from hallbound import costguard
from hallbound.budget import hit_budget
from hallbound.commands import common

#: Environment variable: the folder of check's result cache (default: verify's cache folder,
#: see :mod:`hallbound.verify_filecache`), or ``off`` for no cache.
CACHE_ENV = "HALLBOUND_CHECK_CACHE"

#: Falsification trials per step by default; more is a long run (``--max-time`` applies).
DEFAULT_TRIALS = 200


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        **common.parser_kwargs(
            "check the paper's claims step by step (proved, certified, refuted, ...)",
            "Check every step of the papers' claims (as stated) and of the corrected claims, "
            "and print a table per claim: step, relation, verdict, method, and the witness "
            "(REFUTED), the certified box (CERTIFIED) or the number of trials (SUPPORTED). "
            "The exit status is 0 after a completed run; with --strict it is 1 when a checked "
            "claim has a REFUTED or ASSUMED step.",
        ),
    )
    parser.add_argument(
        "claims",
        nargs="*",
        metavar="CLAIM",
        help="claim names or prefixes, e.g. 'Theorem 5.1' (default: all)",
    )
    common.add_json(
        parser, to_file=True,
        help="Write one JSON object (steps, claims, lemmas used) to FILE, or to standard "
        "output for '-' (the table is then not printed).",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a checked claim has a REFUTED or ASSUMED step",
    )
    common.add_seed(parser, default=None)
    parser.add_argument(
        "--trials",
        type=common.integer,
        default=DEFAULT_TRIALS,
        help=f"random falsification trials per step (default {DEFAULT_TRIALS})",
    )
    parser.add_argument("--list", action="store_true", help="list the claim names and exit")
    parser.add_argument(
        "--coq", metavar="DIR", help="also export the PROVED/CERTIFIED steps as Coq lemmas to "
        "DIR and have coqc check them: each step then carries kernel: checked / failed / not "
        "exportable (the text report ends with the kernel's fractions and every failure)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="Print every claim's table of steps (default: the results settled per paper and "
        "one line per claim).",
    )
    common.add_paper(
        parser, help="Check one paper's claims: bad-estimations or why-hallucinate "
        "(default: all).",
    )
    parser.add_argument(
        "--no-cache", action="store_true",
        help="check every claim afresh (default: an unchanged checker, claims and settings "
        "print the stored result; cached with verify's, or in $HALLBOUND_CHECK_CACHE)",
    )
    common.add_cost_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hallbound.errors import InputError

    if args.list:
        from hallbound.proofs_checks.claims import registry

        if args.paper is not None:
            registry.find([], paper=args.paper)  # validates the key
        print("\n".join(registry.names(args.paper)))
        return 0
    if args.trials < 1:
        raise InputError("--trials", f"must be >= 1, got {args.trials}")
    if args.seed is not None and args.seed < 0:
        raise InputError("--seed", f"must be >= 0, got {args.seed}")
    files, key = _cache(args)
    out = files.get(key) if files is not None else None
    if out is not None:
        if not args.quiet:
            print("check: unchanged checker, claims and settings: the stored result "
                  "(--no-cache checks afresh)", file=sys.stderr)
    else:
        out = _outputs(args)
        if files is not None and not out.pop("budget"):
            files.put(key, out)
    if not common.to_stdout(args.json):
        print(out["render"], end="")
    if args.json:
        common.write_output(args.json, out["json"])
    if args.strict and out["strict"]:
        return 1
    return 0


def _cache(args: argparse.Namespace) -> tuple[Any, str]:
    """The result cache and this run's key, or (None, "") when the run is not cached: with
    ``--no-cache`` or ``--coq`` (the kernel's word is not stored), when
    ``$HALLBOUND_CHECK_CACHE`` is ``off``, or when a plugin or entry point was loaded (its
    code is not part of the key). The key holds the checker's version (the source of the
    package, claims included, and the libraries' versions) and every setting that changes
    the output."""
    from hallbound import registry
    from hallbound.verify_filecache import FileCache, check_key

    where = os.environ.get(CACHE_ENV)
    if args.no_cache or args.coq or where == "off" or registry.EXTERNAL:
        return None, ""
    settings = (tuple(args.claims), args.paper, args.seed, args.trials, args.verbose)
    return FileCache(where or None), check_key(settings)


def _outputs(args: argparse.Namespace) -> dict[str, Any]:
    """Check the claims: the printed report (``render``), the JSON (``json``), the
    ``--strict`` failures and whether a step ran out of its CPU budget."""
    from hallbound.proofs_checks.claims import registry
    from hallbound.proofs_checks.engine.checker import DEFAULT_SEED, check_claim
    from hallbound.proofs_checks.engine.report import headline, render, render_brief
    from hallbound.proofs_checks.library.lemma_audit import failing_lemmas

    seed = DEFAULT_SEED if args.seed is None else args.seed
    claims = registry.find(args.claims, paper=getattr(args, "paper", None))
    results = []
    if args.trials > DEFAULT_TRIALS and claims:  # many trials: time the first claim at the
        # default trial count, scale linearly in trials (an over-estimate: fixed costs scale too)
        _, _, pilot_s = costguard.measure(
            lambda k: check_claim(claims[0], seed=seed, trials=DEFAULT_TRIALS), 1, budget=0
        )
        costguard.guard(
            "check", len(claims) * args.trials, pilot_s / DEFAULT_TRIALS, args.max_time,
            unit="trial", pilot=(DEFAULT_TRIALS, pilot_s),
        )
    with costguard.Progress(len(claims), desc="check", unit="claim", quiet=args.quiet) as bar:
        for claim in claims:
            results.append(check_claim(claim, seed=seed, trials=args.trials))
            bar.update(1)
    kernel_text = _kernel(args, claims, results) if args.coq else ""
    corrects = {c.name: c.corrects for c in claims}
    failing = failing_lemmas()
    papers = [r for r in results if r.registered]
    yours = [r for r in results if not r.registered]
    if args.verbose or not papers:
        text = "\n".join(headline(papers, corrects)) + "\n" if papers else ""
        text += render(results)
    else:
        text = render_brief(papers, corrects)
        if yours:  # a plugin's claims: full tables, each labelled "your claim"
            text += "\nYour claims (from --plugin or an entry point):\n" + render(yours)
    text += _audit_line(failing) + "\n" + kernel_text
    strict = [f"lemma {k} fails its audit" for k in failing]
    strict += [f"{r.claim}: REFUTED or ASSUMED step" for r in results if r.refuted or r.assumes]
    return {
        "render": text,
        "json": _json(results, papers, failing, corrects),
        "annotate": "",
        "strict": strict,
        "budget": any(hit_budget(s.method, s.detail) for r in results for s in r.steps),
    }


def _json(results: list, papers: list, failing: dict[str, str], corrects: dict) -> str:
    """The ``--json`` object of every result (each claim carries its ``label``: ``your claim``
    for a plugin's); ``settled`` counts the papers' claims only."""
    import json

    from hallbound.proofs_checks.engine.report import settled, to_object

    out = to_object(results, failing, corrects)
    out["settled"] = settled(papers, corrects)
    return json.dumps(out, indent=2, default=str) + "\n"


def _audit_line(failing: dict[str, str]) -> str:
    """One line on the trust base's own audit (every lemma, not only those used)."""
    from hallbound.proofs_checks.library.lemma_library import LIBRARY

    if not failing:
        return (f"Trust-base audit: all {len(LIBRARY)} lemmas pass "
                "(broad random cases, pinned tight cases)")
    return f"Trust-base audit: {len(failing)} of {len(LIBRARY)} lemmas FAIL: " + "; ".join(
        f"{k}: {v}" for k, v in failing.items()
    )


def _kernel(args: argparse.Namespace, claims: list, results: list) -> str:
    """``--coq DIR``: the kernel check of the PROVED/CERTIFIED steps (kernel/claims_export);
    sets each step's ``kernel``; the text section (fractions, reasons, every failure)."""
    import time
    from pathlib import Path

    from hallbound.commands.export import render
    from hallbound.errors import InputError
    from hallbound.proofs_checks.kernel.claims_export import kernel_check_results
    from hallbound.proofs_checks.kernel.run import coq_available

    outdir = Path(args.coq)
    if outdir.exists() and not outdir.is_dir():
        raise InputError("--coq", f"{outdir} is not a folder")
    start = time.monotonic()
    exports = kernel_check_results(claims, results, outdir)
    return "\n" + render(exports, coq_available(), outdir, 0.0, time.monotonic() - start)
