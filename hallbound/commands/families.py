"""``hallbound families [--json]``: every family (parameters, domains, spec keys, an example
state), every loss with its options, every mean law."""

from __future__ import annotations

import argparse
import json

from hallbound.commands import common


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "families",
        help="list the families, losses and mean laws a spec can name",
        description="List every family (parameters, domains, spec keys, an example state), "
        "every loss with its options, and every mean law: built in, from installed entry "
        "points, and from --plugin modules.",
    )
    common.add_json(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hallbound import catalogue

    if args.json:
        print(json.dumps(catalogue.as_dict(), indent=1))
    else:
        print(catalogue.render(), end="")
    return 0
