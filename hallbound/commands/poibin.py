"""``hallbound poibin --p 0.1,0.5,... [--method auto|dp|dft|exact] [--json]``.

Prints the Poisson-binomial pmf of the number of heads of independent coins with the given
head probabilities. ``--method exact`` reads each probability as an exact decimal
(``0.1`` is 1/10) and also prints the rational pmf.
"""

from __future__ import annotations

import argparse
import json

from hallbound.commands import common
from hallbound.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "poibin",
        help="Poisson-binomial pmf of independent coins",
        description="Print the Poisson-binomial pmf of the number of heads of independent "
        "coins with the given head probabilities, by dynamic programming, the DFT of the "
        "characteristic function, or exact rationals (--method exact reads each probability as "
        "an exact decimal, 0.1 being 1/10, and also prints the rational pmf).",
    )
    parser.add_argument("--p", required=True, help="comma-separated head probabilities")
    parser.add_argument(
        "--method", default="auto", choices=("auto", "dp", "dft", "exact"),
        help="dp (dynamic programming), dft (characteristic function), exact (rationals), or "
        "auto (the faster accurate one; default)",
    )
    common.add_json(parser, help="Print one JSON object (key 'pmf').")
    parser.set_defaults(run=run)


def parse_probabilities(text: str) -> list[str]:
    """Split ``"0.1, 0.5"`` into its items; raise :class:`InputError` when empty."""
    items = [t.strip() for t in text.split(",")]
    if not text.strip() or any(not t for t in items):
        raise InputError("p", f"must be a comma-separated list of probabilities, got {text!r}")
    return items


def run(args: argparse.Namespace) -> int:
    from fractions import Fraction

    import numpy as np

    from hallbound.numeric.poisson_binomial import pmf, pmf_exact, validate_probabilities

    items = parse_probabilities(args.p)
    try:
        floats = [float(t) for t in items]
    except ValueError as err:
        raise InputError("p", f"must be numbers, got {args.p!r}") from err
    probs = validate_probabilities(floats)
    exact = None
    if args.method == "exact":
        exact = pmf_exact([Fraction(t) for t in items])
        values = np.array([float(v) for v in exact])
    else:
        values = pmf(probs, method=args.method)
    if args.json:
        payload: dict[str, object] = {
            "p": probs.tolist(),
            "method": args.method,
            "pmf": [float(v) for v in values],
        }
        if exact is not None:
            payload["pmf_exact"] = [str(v) for v in exact]
        print(json.dumps(payload))
        return 0
    print(f"# Poisson-binomial pmf of {probs.size} coins (method {args.method})")
    print("k\tPr[K=k]" + ("\texact" if exact is not None else ""))
    for k, v in enumerate(values):
        extra = f"\t{exact[k]}" if exact is not None else ""
        print(f"{k}\t{v:.17g}{extra}")
    return 0
