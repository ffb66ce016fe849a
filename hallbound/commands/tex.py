"""``hallbound tex [--out DIR] [--seed N] [CLAIM ...]``: LaTeX for papers.

Writes ``macros.tex``, one fragment per claim, family and loss, tables, figures (PDF) and a
standalone ``main.tex`` into DIR (default ``paper_tex/generated/``), atomically and
byte-identically for the same inputs. Build the document with ``latexmk -pdf main.tex``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from hallbound.commands import common


def register(subparsers: Any) -> None:
    """Add the ``tex`` subcommand."""
    parser = subparsers.add_parser(
        "tex",
        help="write LaTeX (claims, formulas, tables, figures, main.tex) for papers",
        description=(
            "Write LaTeX fragments (one per claim, family and loss), macros.tex, tables, "
            "figures (PDF) and a standalone main.tex into a folder, atomically and "
            "byte-identically for the same inputs. Build the document with latexmk -pdf "
            "main.tex in the output folder."
        ),
    )
    parser.add_argument(
        "--out",
        default="paper_tex/generated",
        type=common.output_dir,
        metavar="DIR",
        help="output folder, replaced whole (default: paper_tex/generated)",
    )
    common.add_seed(
        parser,
        default=None,
        help="Seed of the Monte Carlo tables and figure (default fixed); claim checks use "
        "the checker's default seed, as hallbound check does.",
    )
    common.add_paper(parser, help="Include one paper's claims only: bad-estimations or "
                     "why-hallucinate (default: both).")
    common.add_max_time(
        parser, default=float("inf"),
        help="Stop the run after T of CPU time (seconds, or 90s, 10m, 2h, inf; default inf), "
        "leaving no output folder.",
    )
    common.add_quiet(parser, help="Print neither the files written nor the summary line.")
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
    claims = tuple(args.claims)
    if args.paper is not None:
        claims = _paper_claims(args.paper, claims)
    paths = _generate_within(args, lambda: generate(
        args.out, TexOptions(claims=claims, seed=seed)
    ))
    if args.quiet:
        return 0
    for path in paths:
        print(path)
    print(f"hallbound tex: {len(paths)} files in {args.out}", file=sys.stderr)
    return 0


def _paper_claims(paper: str, selection: tuple[str, ...]) -> tuple[str, ...]:
    """The names of the selected claims (all when none is named) of one paper; an unknown
    paper key is an :class:`InputError` naming ``--paper``."""
    from hallbound.proofs_checks.engine import registry

    return tuple(c.name for c in registry.find(list(selection), paper=paper))


class _TexOutOfTime(BaseException):  # noqa: N818 - no check may catch it as its own budget
    """Raised when ``tex --max-time`` is spent."""


def _generate_within(args: argparse.Namespace, work: Any) -> Any:
    """Run ``work()`` under ``--max-time``: tex has no separate pilot (the claim checks are
    the work), so the limit is a CPU budget for the whole run; past it, one
    :class:`InputError` line and no output folder (the tree is written atomically)."""
    import math

    from hallbound.budget import cpu_timer
    from hallbound.costguard import format_seconds
    from hallbound.errors import InputError

    if not math.isfinite(args.max_time):
        return work()
    try:
        with cpu_timer(args.max_time, error=_TexOutOfTime):
            return work()
    except _TexOutOfTime:
        raise InputError(
            "--max-time", f"tex was stopped after {format_seconds(args.max_time)} of CPU "
            "time; nothing was written; raise --max-time"
        ) from None
