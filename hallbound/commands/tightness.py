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
import math
import time
from collections.abc import Callable, Sequence
from typing import Any

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
        "is >= 0.1); then a summary. Before the panel, the first row is timed at 1000 and "
        "4000 draws and a run whose estimate is over --max-time is refused.",
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
    from hallbound.numeric.tightness import format_table, panel_rows, run_panel, summary

    seed = require_count(args.seed, "seed", 0)
    n = require_count(args.n if args.n is not None else (20_000 if args.quick else 200_000), "n")
    rows = panel_rows(quick=args.quick)
    pilot(lambda row, draws: run_panel([row], draws, seed, kernel=args.kernel), rows, n,
          args.max_time)
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


#: Draws of the two pilot runs of :func:`pilot`.
PILOT_DRAWS = (1000, 4000)


def pilot(
    work: Callable[[Any, int], Any], rows: Sequence[Any], n: int, max_time: float
) -> None:
    r"""Refuse (``--max-time``, one line) a panel whose estimated time exceeds ``max_time``,
    before its first row: after an untimed warm-up, ``work(rows[0], m)`` is timed at the
    :data:`PILOT_DRAWS` (at most ``n``); a row's time :math:`a + b\,m` (fixed part: the
    bounds; per-draw part: the Monte Carlo) is fitted to the two and extrapolated to ``n``
    draws and every row."""
    if not rows or not math.isfinite(max_time):
        return
    sizes = sorted({min(n, m) for m in PILOT_DRAWS})
    work(rows[0], sizes[0])  # untimed: imports, compilation and caches are one-off costs
    times = []
    for m in sizes:
        start = time.perf_counter()
        work(rows[0], m)
        times.append(time.perf_counter() - start)
    per_draw = 0.0
    if len(sizes) == 2:
        per_draw = max(times[1] - times[0], 0.0) / (sizes[1] - sizes[0])
    fixed = max(times[-1] - per_draw * sizes[-1], 0.0)
    costguard.guard(
        "tightness", len(rows), fixed + per_draw * n, max_time, unit="row",
        pilot=(len(sizes), sum(times)),
    )
