"""``hallbound experiment coin|digits``: the paper's experiments, exactly or offline.

``coin``: exact Poisson-binomial figures of the coin-aggregation experiment (section 7.1)
and, with ``--learn`` or ``--plot``, the per-epoch curves of a squared-loss regressor.
``digits``: the HCDR audit on scikit-learn's bundled handwritten digits, with pair means
(the squared-loss answer to an ambiguous request) as the generated outputs.
"""

from __future__ import annotations

import argparse
import json
import time

from hallbound import costguard
from hallbound.commands import common
from hallbound.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "experiment",
        help="the paper's experiments: coin aggregation (exact) and a digits HCDR audit",
        description="Run an experiment of the paper, exactly where possible: coin gives the "
        "exact Poisson-binomial figures of the coin-aggregation experiment (section 7.1) and, "
        "with --learn or --plot, the per-epoch curves of a squared-loss regressor; digits runs "
        "the HCDR audit on scikit-learn's bundled handwritten digits, with pair means as the "
        "generated outputs.",
    )
    sub = parser.add_subparsers(dest="experiment", metavar="EXPERIMENT")
    sub.required = True

    coin = sub.add_parser(
        "coin", help="coin aggregation: exact Poisson-binomial figures",
        description="Exact Poisson-binomial figures of the coin-aggregation experiment and, "
        "with --learn or --plot, the learning curves of a squared-loss regressor. Before the "
        "work, pilots on fewer inputs and samples estimate its time and refuse a run over "
        "--max-time.",
    )
    coin.add_argument("--n", default="2,3,5", help="comma-separated N values (2N coins)")
    coin.add_argument(
        "--delta", default="0.01,0.05,0.1,0.2,0.3,0.4,0.5", help="comma-separated levels"
    )
    coin.add_argument(
        "--max-inputs", type=common.integer, default=1_000_000, help="enumerate up to this"
    )
    coin.add_argument(
        "--input-samples", type=common.integer, default=200_000, help="inputs drawn above it"
    )
    coin.add_argument("--learn", action="store_true", help="also train the regressor")
    coin.add_argument(
        "--samples", type=common.integer, default=20000, help="M, learned part (default 20000)"
    )
    coin.add_argument(
        "--epochs", type=common.integer, default=30, help="training epochs (default 30)"
    )
    common.add_seed(coin)
    coin.add_argument(
        "--plot", metavar="FILE", type=common.output_file, help="write the learning-curve figure"
    )
    common.add_json(coin)
    common.add_cost_options(coin)
    coin.set_defaults(run=run_coin)

    digits = sub.add_parser(
        "digits", help="HCDR audit of pair means on real handwritten digits",
        description="The HCDR audit on scikit-learn's bundled handwritten digits, with means "
        "of image pairs from two classes (the squared-loss answer to an ambiguous request) as "
        "the generated outputs. Before the work, pilots (one GMM fit per class, a few draws) "
        "estimate its time and refuse a run over --max-time.",
    )
    digits.add_argument(
        "--percentile", type=float, default=10.0,
        help="density percentile of each class threshold (default 10)",
    )
    digits.add_argument(
        "--pca", type=common.integer, default=20, help="PCA components (at most 64)"
    )
    digits.add_argument("--components", default="1:4", help="GMM components range, BIC")
    digits.add_argument("--covariance", default="diag", help="diag (the paper's) or full")
    digits.add_argument(
        "--draws", type=common.integer, default=20, help="K-sample means per class pair"
    )
    digits.add_argument(
        "--k", type=common.integer, default=5, help="images averaged per class"
    )
    common.add_seed(digits)
    digits.add_argument(
        "--plot", metavar="FILE", type=common.output_file,
        help="figure: pair means beside real digits",
    )
    digits.add_argument(
        "--audit-plot", metavar="FILE", type=common.output_file,
        help="figure: log-density histograms",
    )
    common.add_json(digits)
    common.add_cost_options(digits)
    digits.set_defaults(run=run_digits)


def _int_list(text: str, parameter: str) -> list[int]:
    try:
        values = [common.integer(t) for t in text.split(",")]
    except argparse.ArgumentTypeError as err:
        raise InputError(parameter, f"must be comma-separated integers, got {text!r}") from err
    return values


def run_coin(args: argparse.Namespace) -> int:
    from hallbound.experiments import coin

    ns = [coin.validate_n(v) for v in _int_list(args.n, "n")]
    deltas = coin.parse_deltas([t.strip() for t in args.delta.split(",")])
    if args.max_inputs < 1:
        raise InputError("max-inputs", f"must be positive, got {args.max_inputs}")
    if args.plot:
        coin.figure_format(args.plot)
    learn = bool(args.learn or args.plot)
    estimate_coin(args, ns, deltas, learn)
    exact, curves = [], []
    with costguard.Progress(  # a second check, on the run's first part
        len(ns) * (2 if learn else 1), desc="experiment coin", unit="part",
        quiet=args.quiet, max_time=args.max_time,
    ) as bar:
        for n in ns:
            exact.append(coin.coin_exact(n, deltas, args.max_inputs, args.input_samples, args.seed))
            bar.update(1)
        for n in ns if learn else ():
            curves.append(coin.coin_learn(n, args.samples, args.epochs, args.seed))
            bar.update(1)
    if args.plot:
        coin.plot_curves(curves, args.plot)
    if args.json:
        payload: dict[str, object] = {
            "density_convention": coin.DENSITY_CONVENTION,
            "exact": [e.to_json() for e in exact],
        }
        if curves:
            payload["learned"] = [c.to_json() for c in curves]
        print(json.dumps(payload, indent=1))
        return 0
    for e in exact:
        print(coin.format_exact(e))
    for c in curves:
        print(coin.format_curve(c))
    if args.plot:
        print(f"figure: {args.plot}")
    return 0


def estimate_coin(args: argparse.Namespace, ns: list[int], deltas: list, learn: bool) -> float:
    r"""Refuse (one ``--max-time`` line) a coin run whose estimate is over ``--max-time``,
    before its first part. Pilots on reduced problems at the largest N (not part of the
    result; :func:`costguard.measure` doubles them until one takes 0.1 s): the exact part
    on k sampled inputs gives seconds per input, times :math:`\sum_N m_N` inputs
    (:math:`m_N = \binom{2N}{N}` when enumerated, else ``--input-samples``); the learned
    part on k samples for one epoch gives seconds per sample-epoch, times
    ``samples * epochs * len(ns)``."""
    import math

    from hallbound.experiments import coin

    if not math.isfinite(args.max_time):
        return 0.0
    top = max(ns)
    inputs = 0
    for n in ns:
        total = math.comb(2 * n, n)
        inputs += total if total <= args.max_inputs else args.input_samples
    parts = {"exact": _piloted(
        lambda k: coin.coin_exact(top, deltas, 0, max(2, k), args.seed), inputs, "input"
    )}
    if learn:
        parts["learn"] = _piloted(
            lambda k: coin.coin_learn(top, max(10, k), 1, args.seed),
            args.samples, "sample-epoch", args.epochs * len(ns),
        )
    return costguard.guard_parts("experiment coin", parts, args.max_time)


def _piloted(work, units: int, unit: str, repeat: int = 1) -> costguard.Estimate:
    """The estimate of ``units * repeat`` units from a :func:`costguard.measure` pilot."""
    import math

    per_unit, k, seconds = costguard.measure(work, units, budget=0.1)
    return costguard.guard("", units * repeat, per_unit, math.inf, unit=unit, pilot=(k, seconds))


def estimate_digits(args: argparse.Namespace) -> float:
    r"""Refuse (one ``--max-time`` line) a digits run whose estimate is over ``--max-time``,
    before it starts. Two pilots, not part of the result: the audit with the smallest
    component count lo only (one GMM fit per class) on the full data, scaled by
    :math:`\sum_{c=lo}^{hi} c / lo` (a fit's cost grows with its components); and the
    generated rows for k draws (doubled until 0.1 s), scaled to ``--draws``."""
    import math

    import numpy as np
    from sklearn.datasets import load_digits

    from hallbound.experiments import audit, digits

    if not math.isfinite(args.max_time):
        return 0.0
    lo, hi = audit.parse_components(args.components)
    config = audit.AuditConfig(
        percentile=args.percentile, pca=args.pca, components=(lo, lo), seed=args.seed,
        covariance=args.covariance,
    ).validated()
    data = load_digits()
    x, y = data.data.astype(float), data.target.astype(int)

    def rows(k: int) -> tuple:
        return digits.build_generated(x, y, k, min(max(args.k, 1), 100),
                                      np.random.default_rng(args.seed))

    parts = {"draws": _piloted(rows, max(args.draws, 1), "draw")}
    gen, groups, _, _ = rows(1)
    start = time.perf_counter()
    audit.audit(x, y, gen, groups, config)
    seconds = time.perf_counter() - start
    fits = sum(range(lo, hi + 1)) / lo if 1 <= lo <= hi else 1.0
    parts["fit"] = costguard.guard("", fits, seconds, math.inf, unit="fit", pilot=(1, seconds))
    return costguard.guard_parts("experiment digits", parts, args.max_time)


def run_digits(args: argparse.Namespace) -> int:
    from hallbound.experiments import digits

    estimate_digits(args)
    result = digits.run_digits(
        percentile=args.percentile,
        pca=args.pca,
        components=args.components,
        covariance=args.covariance,
        draws=args.draws,
        k=args.k,
        seed=args.seed,
        plot=args.plot,
        audit_plot=args.audit_plot,
    )
    if args.json:
        print(json.dumps(result.to_json(), indent=1))
    else:
        print(digits.format_result(result))
    return 0
