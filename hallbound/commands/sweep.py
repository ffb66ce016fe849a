"""``hallbound sweep SPEC.toml --out FILE.csv``: a bound and/or Monte Carlo rate over a grid.

Axes (each a comma list and/or inclusive ranges ``start:stop:num``; default: the spec's
value): ``--delta``, ``--states`` (N; extra states copy the first), ``--scale`` (mean-law
spread), ``--weights`` (``spec``, ``equal`` or ``0.2,0.8``; repeat for several).
``--what bound|rate|both``. Writes CSV, and Parquet next to it when pyarrow is present,
whole or not at all. ``--dask ADDRESS`` runs the rates on a Dask cluster: each finished row
is written atomically to ``OUT.parts/``, the final files only when every row is done.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
from pathlib import Path

from hallbound import costguard
from hallbound.commands import common

SWEEP_DESCRIPTION = """\
Compute a bound and/or a Monte Carlo rate over a grid of parameters and write it as CSV.

Axes, each a comma list and/or inclusive ranges start:stop:num (negative values are fine:
--delta -0.1,0.05), default the spec's value: --delta, --states (N; extra states copy the
first), --scale (mean-law spread), --weights (spec, equal or 0.2,0.8; repeat for several).
--what chooses bound, rate or both.

Writes CSV, and Parquet next to it when pyarrow is present, whole or not at all; --out -
writes the CSV to standard output. --dask ADDRESS runs the rates on a Dask cluster: each
finished row is written atomically to OUT.parts/, the final files only when every row is
done.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "sweep",
        **common.parser_kwargs(
            "Theorem 6.1 bound and/or Monte Carlo rate over a grid, to CSV/Parquet",
            SWEEP_DESCRIPTION,
        ),
    )
    p.add_argument("spec", help="spec file (TOML) with a [mean_law] table")
    p.add_argument(
        "--out", required=True, type=common.output_file,
        help="output CSV path, or - for standard output (CSV only)",
    )
    p.add_argument("--delta", nargs="+", help="delta values, e.g. 0.01:0.1:10")
    p.add_argument("--states", nargs="+", help="numbers of states N, e.g. 2,3,5")
    p.add_argument("--scale", nargs="+", help="mean-law scales (spreads)")
    p.add_argument("--weights", nargs="+", help="spec | equal | comma list, per value")
    p.add_argument(
        "--what", choices=("bound", "rate", "both"), default="bound",
        help="what to compute at each point (default: bound)",
    )
    p.add_argument(
        "--n", type=common.integer, default=None, help="Monte Carlo draws per point (rate)"
    )
    common.add_seed(p, help="Random seed of the rates, an integer >= 0 (default 0).")
    p.add_argument("--level", type=float, default=0.95, help="interval level (rate)")
    p.add_argument("--threads", type=common.integer, default=None, help="threads (rate)")
    p.add_argument("--no-parquet", action="store_true", help="CSV only")
    common.add_cost_options(p)
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="run the rates on a Dask cluster: tcp://HOST:PORT or local:K (K processes)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hallbound.numeric.sweep import (
        SweepGrid,
        parse_values,
        parse_weights,
        run_sweep,
        write_table,
    )
    from hallbound.spec import load_spec

    grid = SweepGrid(
        deltas=parse_values(args.delta, "delta"),
        states=parse_values(args.states, "states", integer=True),
        scales=parse_values(args.scale, "scale"),
        weights=parse_weights(args.weights),
    )
    if args.dask is not None and common.to_stdout(args.out):
        from hallbound.errors import InputError

        raise InputError("--out", "--dask writes its rows next to a file: give a file, not -")
    with contextlib.ExitStack() as stack:
        client, parts = None, None
        if args.dask is not None:  # connect first: a bad address fails fast
            from hallbound.numeric.cluster import connect

            client = stack.enter_context(connect(args.dask))
            parts = Path(args.out).with_suffix(".parts")
        spec = load_spec(args.spec)
        points = grid.resolved(spec).size()
        if client is None and args.what != "bound" and args.n is not None and args.n >= 1:
            pilot_rate(spec, grid.resolved(spec), points, args)
        bar = stack.enter_context(
            costguard.Progress(points, desc="sweep", unit="point", quiet=args.quiet)
        )
        columns = run_sweep(
            spec,
            grid,
            bound=args.what in ("bound", "both"),
            rate=args.what in ("rate", "both"),
            n=args.n,
            seed=args.seed,
            level=args.level,
            threads=args.threads,
            progress=bar.update,
            client=client,
            partitions=parts,
        )
    if common.to_stdout(args.out):
        from hallbound.numeric.sweep import csv_text

        common.write_output(args.out, csv_text(columns))
        return 0
    written = write_table(columns, args.out, parquet=False if args.no_parquet else None)
    if parts is not None:  # every row is in the final file now
        shutil.rmtree(parts, ignore_errors=True)
    print(f"wrote {points} rows to " + ", ".join(str(p) for p in written))
    return 0


def pilot_rate(spec: object, grid: object, points: int, args: argparse.Namespace) -> None:
    """Refuse (``--max-time``) a rate sweep whose pilot-timed cost is too high: draws per
    point times points, at the spec's per-draw time scaled by the largest N."""
    from hallbound.numeric.montecarlo import RateProblem, hallucination_rate

    problem = RateProblem.from_spec(spec)
    costguard.piloted(
        "sweep", lambda k: hallucination_rate(problem, k, args.seed, threads=args.threads),
        points * args.n, args.max_time, unit="draw",
        scale=max(1.0, max(grid.states) / problem.size),  # type: ignore[attr-defined]
    )
