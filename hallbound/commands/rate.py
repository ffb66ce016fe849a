"""``hallbound rate SPEC.toml --n N --seed S``: Monte Carlo hallucination probability.

Each state's mean is replaced by a draw from its mean law (the spec's ``[mean_law]``, or the
state's own ``mean_law`` table) around the common centre; the squared-loss optimal estimate
is tested against every :math:`U_i^\\delta`. Prints the estimate, an exact Clopper-Pearson
interval and n (``--json``: keys ``estimate``, ``ci``, ``n``, ``seed``, ``count``, ``level``).
``--dask ADDRESS`` runs the chunks on a Dask cluster (same count as a local run).
"""

from __future__ import annotations

import argparse
import contextlib
import json

from hallbound import costguard
from hallbound.commands import common


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "rate",
        help="Monte Carlo probability that the optimal estimate delta-hallucinates",
        description="Monte Carlo hallucination probability: each state's mean is replaced by a "
        "draw from its mean law (the spec's [mean_law] table, or the state's own) around the "
        "common centre, and the squared-loss optimal estimate is tested against every level "
        "set U_i^delta. Prints the estimate, an exact Clopper-Pearson interval and n; with "
        "--json the keys estimate, ci, n, seed, count and level. With --dask the chunks run on "
        "a Dask cluster and give the same count as a local run.",
    )
    p.add_argument("spec", help="spec file (TOML) with a [mean_law] table")
    p.add_argument("--n", type=common.integer, required=True, help="number of draws (1e6 is "
                   "accepted)")
    common.add_seed(p)
    p.add_argument("--level", type=float, default=0.95, help="interval level in (0, 1)")
    p.add_argument(
        "--threads", type=common.integer, default=None, help="threads (default: all cores)"
    )
    common.add_json(p)
    common.add_cost_options(p)
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="run the chunks on a Dask cluster: tcp://HOST:PORT or local:K (K processes)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hallbound.numeric.intervals import require_count, require_level
    from hallbound.numeric.montecarlo import RateProblem, hallucination_rate
    from hallbound.spec import load_spec

    n = require_count(args.n, "n")
    seed = require_count(args.seed, "seed", 0)
    level = require_level(args.level)
    if args.threads is not None:
        require_count(args.threads, "threads")
    with contextlib.ExitStack() as stack:
        client = None
        if args.dask is not None:  # connect first: a bad address fails fast
            from hallbound.numeric.cluster import connect

            client = stack.enter_context(connect(args.dask))
        problem = RateProblem.from_spec(load_spec(args.spec))
        if client is None:  # a short timed pilot; refuses a run over --max-time
            costguard.piloted(
                "rate", lambda k: hallucination_rate(problem, k, seed, threads=args.threads), n,
                args.max_time, unit="draw",
            )
        bar = stack.enter_context(
            costguard.Progress(n, desc="rate", unit="draw", quiet=args.quiet)
        )
        result = hallucination_rate(
            problem, n, seed, level=level, threads=args.threads, progress=bar.update, client=client
        )
    if args.json:
        print(json.dumps(result.to_dict()))
        return 0
    lo, hi = result.ci
    print(
        f"hallucination rate {result.estimate:.6g} "
        f"({100 * level:g}% exact CI [{lo:.6g}, {hi:.6g}]) "
        f"count {result.count} of n = {n}, seed = {seed}"
    )
    return 0
