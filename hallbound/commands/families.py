"""``hallbound families [--json]``: every family (parameters, domains, spec keys, an example
state), every loss with its options, every mean law."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "families",
        help="list the families, losses and mean laws a spec can name",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hallbound import catalogue

    if args.json:
        print(json.dumps(catalogue.as_dict(), indent=1))
    else:
        print(catalogue.render(), end="")
    return 0
