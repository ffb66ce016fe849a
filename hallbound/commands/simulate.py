"""``hallbound simulate arbitrary-facts``: Theorem 2 of Kalai et al. (2025) by simulation.

Prints, per trial, sr, MM, err, err_iiv, delta and both Theorem 2 bounds (at the first
``--gamma``), then for each gamma how often each bound (and Lemmas 1-2) fails, with a 95%
Clopper-Pearson interval. ``--json`` prints one JSON object instead.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hallbound.commands import common

#: Peak bytes per prompt of one trial: the alpha draws and two count arrays (8 bytes each).
BYTES_PER_PROMPT = 24
#: Peak bytes per training draw of one trial: prompt indices, uniforms, the gathered alphas
#: and the split indices (8 bytes each), and two boolean masks.
BYTES_PER_DRAW = 34

DESCRIPTION = (
    "Simulate Theorem 2 of Kalai et al. (2025) in the arbitrary-facts model. Prints, per "
    "trial, sr, MM, err, err_iiv, delta and both Theorem 2 bounds (at the first --gamma), then "
    "for each gamma how often each bound (and Lemmas 1 and 2) fails, with a 95% "
    "Clopper-Pearson interval; --json prints one JSON object instead. A run whose memory "
    "estimate is above the memory available is refused before it starts."
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "simulate", help="simulate a paper's model (arbitrary facts)", description=DESCRIPTION
    )
    sub = parser.add_subparsers(dest="model", metavar="MODEL")
    sub.required = True
    af = sub.add_parser(
        "arbitrary-facts",
        help="Theorem 2 (singleton-rate bounds) by simulation",
        description=DESCRIPTION,
    )
    af.add_argument(
        "--prompts", type=common.integer, required=True, help="number of prompts M"
    )
    af.add_argument("--n", type=common.integer, required=True, help="training sample size N")
    af.add_argument("--answers", type=common.integer, required=True, help="|R_c| (>= 2)")
    af.add_argument("--alpha", default="0.5:1", help="alpha_c ~ U[LO, HI] (default 0.5:1)")
    af.add_argument(
        "--algorithm",
        default="calibrated",
        help="calibrated | memorize-idk | memorize-guess | add-lambda",
    )
    af.add_argument("--lambda", dest="lam", type=float, default=1.0, help="add-lambda's lambda")
    af.add_argument(
        "--trials", type=common.integer, default=20, help="independent trials (default 20)"
    )
    common.add_seed(af)
    af.add_argument(
        "--gamma",
        default="0.01",
        help="failure probability, or a comma-separated list (default 0.01)",
    )
    common.add_quiet(af, help="Omit the per-trial rows.")
    common.add_json(af)
    af.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hallbound.errors import InputError
    from hallbound.numeric.why_hallucinate import simulate

    try:
        gammas = tuple(float(g) for g in args.gamma.split(","))
    except ValueError:
        raise InputError(
            "--gamma", f"must be numbers separated by commas, got {args.gamma!r}"
        ) from None
    check_memory(args.prompts, args.n)
    sim = simulate(
        args.prompts,
        args.n,
        args.answers,
        args.alpha,
        args.algorithm,
        args.trials,
        args.seed,
        gammas,
        args.lam,
    )
    if args.json:
        print(json.dumps(sim.to_dict(), indent=2))
        return 0
    p = sim.params
    print(
        f"arbitrary facts: M={p['prompts']} N={p['n']} |R_c|={p['answers']} "
        f"alpha~U{p['alpha']} algorithm={p['algorithm']} trials={p['trials']} seed={p['seed']}"
    )
    if not args.quiet:
        print(
            f"{'trial':>5} {'sr':>9} {'MM':>9} {'err':>9} {'err_iiv':>9} {'delta':>9} "
            f"{'LB':>9} {'UB':>9}   (bounds at gamma={gammas[0]:g})"
        )
        for i, r in enumerate(sim.rows):
            print(
                f"{i:>5} {r['sr']:9.5f} {r['MM']:9.5f} {r['err']:9.5f} {r['err_iiv']:9.5f} "
                f"{r['delta']:9.5f} {r['lower']:9.5f} {r['upper']:9.5f}"
            )
    print("failure frequencies (95% Clopper-Pearson):")
    for g, out in sim.failures.items():
        cells = [
            f"{k} {v['failures']}/{p['trials']} [{v['ci95'][0]:.3f}, {v['ci95'][1]:.3f}]"
            + (f" (min margin {v['min_margin']:+.4f})" if "min_margin" in v else "")
            + (" > gamma!" if v["exceeds_gamma"] else "")
            for k, v in out.items()
        ]
        print(f"  gamma={g}: " + "; ".join(cells))
    return 0


def memory_estimate(prompts: int, n: int) -> int:
    """Peak bytes of one trial: :data:`BYTES_PER_PROMPT` per prompt plus
    :data:`BYTES_PER_DRAW` per training draw (the arrays of ``sample_counts`` and
    ``prompt_terms``; trials run one after the other)."""
    return BYTES_PER_PROMPT * max(int(prompts), 0) + BYTES_PER_DRAW * max(int(n), 0)


def check_memory(prompts: int, n: int, available: int | None = None) -> None:
    """Raise :class:`InputError` (``--prompts``) naming the estimate when one trial would need
    more memory than is available (``MemAvailable``)."""
    from hallbound.errors import InputError
    from hallbound.numeric.sweep import available_memory

    need = memory_estimate(prompts, n)
    have = available_memory() if available is None else available
    if need > have:
        raise InputError(
            "--prompts",
            f"M = {prompts} prompts and N = {n} draws would need about {_gib(need)} of "
            f"memory per trial ({BYTES_PER_PROMPT} bytes per prompt, {BYTES_PER_DRAW} per "
            f"draw), more than the {_gib(have)} available; use fewer prompts or draws",
        )


def _gib(size: int) -> str:
    return f"{size / 2**30:.3g} GiB"
