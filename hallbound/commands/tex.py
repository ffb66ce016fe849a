"""``hallbound tex [--out DIR] [--seed N] [CLAIM ...]``: LaTeX for papers.

Writes ``macros.tex``, one fragment per claim, family and loss, tables, figures (PDF) and a
standalone ``main.tex`` into DIR (default ``paper_tex/generated/``), atomically and
byte-identically for the same inputs. Build the document with ``latexmk -pdf main.tex``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``tex`` subcommand."""
    parser = subparsers.add_parser(
        "tex",
        help="write LaTeX (claims, formulas, tables, figures, main.tex) for papers",
        description=(
            "Write LaTeX fragments, macros.tex and a standalone main.tex; "
            "build it with `latexmk -pdf main.tex` in the output folder."
        ),
    )
    parser.add_argument(
        "--out",
        default="paper_tex/generated",
        metavar="DIR",
        help="output folder, replaced whole (default: paper_tex/generated)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed of the Monte Carlo tables and figure (default fixed); claim checks use "
        "the checker's default seed, as `hallbound check` does",
    )
    parser.add_argument(
        "claims", nargs="*", metavar="CLAIM", help="claims to include (default: all)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Generate the tree and print one line per file written."""
    from hallbound.paper_tex.document import DEFAULT_SEED, TexOptions, generate

    seed = DEFAULT_SEED if args.seed is None else args.seed
    if seed < 0:
        from hallbound.errors import InputError

        raise InputError("--seed", f"must be >= 0, got {seed}")
    paths = generate(args.out, TexOptions(claims=tuple(args.claims), seed=seed))
    for path in paths:
        print(path)
    print(f"hallbound tex: {len(paths)} files in {args.out}", file=sys.stderr)
    return 0
