"""``hallbound tightness [--json FILE] [--quick] [--seed S]``: how tight the proved lower
bounds on the hallucination probability are (setting of Theorem 6.1).

For each panel row (conditional family, mean-law kind, N, weights, radius ratio) prints the
Monte Carlo truth with its exact Clopper-Pearson upper limit, the union bound, the refined
bound (two-point enumeration or binned conditioning) and the paper's bound as stated
(``cond.fails`` where its hypothesis fails), the ratios bound/truth and whether the target
(refined bound within a factor 10 of the truth wherever the truth is >= 0.1) is met; then a
summary. ``--json FILE`` also writes every row and the summary (atomically).
"""

from __future__ import annotations

import argparse
import json

from hallbound import costguard
from hallbound.commands import common


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "tightness",
        help="tightness of the proved lower bounds on P_H (Theorem 6.1) against Monte Carlo",
        description="Measure how tight the proved lower bounds on the hallucination "
        "probability are (setting of Theorem 6.1). For each panel row (conditional family, "
        "mean-law kind, N, weights, radius ratio) print the Monte Carlo truth with its exact "
        "Clopper-Pearson upper limit, the union bound, the refined bound and the paper's bound "
        "as stated (cond.fails where its hypothesis fails), the ratios bound/truth and whether "
        "the target is met (refined bound within a factor 10 of the truth wherever the truth "
        "is >= 0.1); then a summary. The first row is timed as a pilot and a run whose "
        "estimate is over --max-time stops there.",
    )
    common.add_json(p, to_file=True, help="Write every row and the summary as JSON to FILE, "
                    "or to standard output for '-' (the table is then not printed).")
    p.add_argument("--quick", action="store_true", help="small panel, 20000 draws per row")
    common.add_seed(p, help="Base seed, an integer >= 0; row k uses seed + k (default 0).")
    p.add_argument(
        "--n", type=common.integer, default=None, help="draws per row (default 200000)"
    )
    p.add_argument("--kernel", action="store_true", help="compiled Monte Carlo kernel")
    common.add_cost_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hallbound.numeric.intervals import require_count
    from hallbound.proofs_checks.tightness import format_table, panel_rows, run_panel, summary

    seed = require_count(args.seed, "seed", 0)
    n = require_count(args.n if args.n is not None else (20_000 if args.quick else 200_000), "n")
    rows = panel_rows(quick=args.quick)
    with costguard.Progress(  # the first row is the pilot: refuses a run over --max-time
        len(rows), desc="tightness", unit="row", quiet=args.quiet, max_time=args.max_time
    ) as bar:
        results = run_panel(rows, n, seed, kernel=args.kernel, progress=bar.update)
    if not common.to_stdout(args.json):
        print(format_table(results))
    if args.json:
        payload = {
            "n": n,
            "seed": seed,
            "rows": [x.to_dict() for x in results],
            "summary": summary(results),
        }
        common.write_output(args.json, json.dumps(payload, indent=1) + "\n")
    return 0
