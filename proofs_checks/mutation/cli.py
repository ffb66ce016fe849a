r"""``python -m hallbound.proofs_checks.mutation``: run the mutation harness, print the report,
write the JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from hallbound.proofs_checks.mutation.operators import CHECK_SECONDS, DEFAULT_SEED, DEFAULT_TRIALS
from hallbound.proofs_checks.mutation.runner import run
from hallbound.proofs_checks.mutation.summary import report


def select_claims(pool: Sequence[Any], names: Sequence[str] | None,
                  prefix: bool = False) -> list[Any]:
    """The claims of ``pool`` named in ``names`` (all when empty or None), in ``pool``'s order.

    A name selects the one claim with exactly that name (not the claims that correct it);
    with ``prefix``, every claim whose name starts with it (case-insensitive). A name that
    selects nothing raises :class:`~hallbound.errors.InputError` naming ``--claims``."""
    from hallbound.errors import InputError

    if not names:
        return list(pool)
    chosen: set[str] = set()
    for want in names:
        if prefix:
            hits = [c.name for c in pool if c.name.lower().startswith(want.lower())]
        else:
            hits = [c.name for c in pool if c.name == want]
        if not hits:
            how = "starts" if prefix else "is named"
            raise InputError("--claims", f"no claim {how} {want!r} (names are exact; "
                                         f"--prefix matches the start)")
        chosen.update(hits)
    return [c for c in pool if c.name in chosen]


def _appender(path: str | None) -> Any:
    """``(claim, outcomes) ->`` one JSON line appended to ``path`` (None: no record)."""
    if path is None:
        return None
    import json

    def append(name: str, outcomes: Sequence[Any]) -> None:
        line = json.dumps({"claim": name, "outcomes": [o.to_dict() for o in outcomes]},
                          default=str)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    return append


def main(argv: Sequence[str] | None = None) -> int:
    from hallbound.errors import InputError
    from hallbound.io import atomic_write_text
    from hallbound.proofs_checks.claims import registry

    ap = argparse.ArgumentParser(prog="python -m hallbound.proofs_checks.mutation",
                                 description="Run the mutation harness on the claims: plant "
                                 "mutants of each step, check them, print the report (kills "
                                 "by REFUTED, by demotion, survivors) and write the JSON.")
    ap.add_argument("--claims", nargs="*", default=None,
                    help="exact claim names (default: all); see --prefix")
    ap.add_argument("--prefix", action="store_true",
                    help="--claims are case-insensitive name prefixes ('Theorem 6.1' then "
                         "selects every claim whose name starts with it)")
    ap.add_argument("--json", default=None, help="write every outcome to this JSON file")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seeds every random draw")
    ap.add_argument("--trials", type=int, default=DEFAULT_TRIALS, help="checker trials/mutant")
    ap.add_argument("--per-step", type=int, default=None,
                    help="check at most this many false mutants per step (seeded choice)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (one claim each)")
    ap.add_argument("--check-seconds", type=float, default=CHECK_SECONDS,
                    help="CPU seconds the checker may spend on one mutant (then TIMEOUT)")
    ap.add_argument("--step-share", type=float, default=1.0,
                    help="mutate only this share of each claim's steps (seeded choice)")
    ap.add_argument("--partial", default=None,
                    help="append each claim's outcomes to this JSON-lines file as it finishes")
    args = ap.parse_args(argv)
    try:
        if args.trials < 1:
            raise InputError("--trials", "must be >= 1")
        if args.per_step is not None and args.per_step < 1:
            raise InputError("--per-step", "must be >= 1")
        if args.jobs < 1:
            raise InputError("--jobs", "must be >= 1")
        if not 0 < args.step_share <= 1:
            raise InputError("--step-share", "must be in (0, 1]")
        if args.check_seconds <= 0:
            raise InputError("--check-seconds", "must be > 0")
        claims = select_claims(registry.all_claims(), args.claims, prefix=args.prefix)
    except InputError as err:
        print(f"hallbound: error: {err}", file=sys.stderr)
        return 2
    result = run(claims, seed=args.seed, trials=args.trials, per_step=args.per_step,
                 progress=lambda n: print(f"... {n}", file=sys.stderr, flush=True),
                 jobs=args.jobs, step_share=args.step_share, check_seconds=args.check_seconds,
                 on_claim=_appender(args.partial))
    print(report(result))
    if args.json:
        import json

        atomic_write_text(args.json, json.dumps(result, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
