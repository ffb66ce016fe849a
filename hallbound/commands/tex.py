"""``hallbound tex [--out DIR] [--seed N] [--coq DIR] [CLAIM ...]``: LaTeX for papers.

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
        help="Refuse, before anything is written, a run whose estimated time exceeds T "
        "(the first claim's check times the number of claims; seconds, or 90s, 10m, 2h, inf; "
        "default inf).",
    )
    parser.add_argument(
        "--coq", metavar="DIR", default=None,
        help="also export the PROVED/CERTIFIED steps as Coq lemmas to DIR (outside --out) and "
        "have coqc check them: each verdict table row then carries its Coq kernel result",
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
    _guard_cost(args, claims)
    coq = _coq_dir(args)
    paths = generate(args.out, TexOptions(claims=claims, seed=seed, coq=coq))
    if args.quiet:
        return 0
    for path in paths:
        print(path)
    print(f"hallbound tex: {len(paths)} files in {args.out}", file=sys.stderr)
    return 0


def _coq_dir(args: argparse.Namespace) -> str | None:
    """``--coq DIR`` checked: not a file, not inside ``--out`` (replaced whole)."""
    from pathlib import Path

    from hallbound.errors import InputError

    if args.coq is None:
        return None
    coq, out = Path(args.coq).resolve(), Path(args.out).resolve()
    if coq.exists() and not coq.is_dir():
        raise InputError("--coq", f"{args.coq} is not a folder")
    if coq == out or out in coq.parents:
        raise InputError("--coq", f"{args.coq} is inside --out {args.out}, which is replaced "
                         "whole")
    return str(coq)


def _paper_claims(paper: str, selection: tuple[str, ...]) -> tuple[str, ...]:
    """The names of the selected claims (all when none is named) of one paper; an unknown
    paper key is an :class:`InputError` naming ``--paper``."""
    from hallbound.proofs_checks.claims import registry

    return tuple(c.name for c in registry.find(list(selection), paper=paper))


def _guard_cost(args: argparse.Namespace, claims: tuple[str, ...]) -> None:
    """Refuse, before anything is written, a run whose estimate exceeds ``--max-time``: the
    first selected claim's check is timed (wall clock, as the other commands' pilots) and
    multiplied by the number of claims; the claim checks are most of tex's work (tables,
    figures and formulas come on top, so this is a lower estimate)."""
    import math
    import time

    from hallbound import costguard
    from hallbound.proofs_checks.claims import registry
    from hallbound.proofs_checks.engine.checker import DEFAULT_SEED, check_claim

    if not math.isfinite(args.max_time):
        return
    selected = registry.find(list(claims))
    if not selected:
        return
    start = time.perf_counter()
    check_claim(selected[0], seed=DEFAULT_SEED)
    elapsed = time.perf_counter() - start
    costguard.guard(
        "tex", len(selected), elapsed, args.max_time, unit="claim", pilot=(1, elapsed)
    )
