r"""``python -m hallbound.proofs_checks.kernel.corpus [DIR] --coq OUT``: the kernel fraction of a
LaTeX corpus (by default the project's ``tests/data/real_derivations``).

Each ``.tex`` file is checked by ``verify`` on its own (with the judged chains' stated
assumptions inserted as ``% hb: assume`` lines, as the corpus score does, unless
``--as-written``), then its PROVED/CERTIFIED steps are exported and checked by Coq
(:func:`~.verify_export.kernel_check`, one folder per file under ``OUT``). Prints one line per
file with steps and the total fraction: kernel-checked over PROVED/CERTIFIED steps.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hallbound.proofs_checks.kernel.verify_export import TexKernel, _short, kernel_check


def kernel_file(path: Path, outdir: Path, chains: list[dict[str, Any]] | None = None,
                time_limit: float | None = None) -> TexKernel:
    """``verify`` then the kernel check of one LaTeX file (``chains``: its judged chains,
    whose assumptions are inserted first)."""
    from hallbound.proofs_checks.latex.corpus import with_assumptions
    from hallbound.proofs_checks.latex.verify import verify_tex

    text = path.read_text(encoding="utf-8")
    if chains:
        text, _ = with_assumptions(text, chains)
    report = verify_tex(text, **({} if time_limit is None else {"time_limit": time_limit}))
    return kernel_check(report, outdir / path.stem, source=path.name)


def kernel_corpus(directory: Path, outdir: Path, as_written: bool = False,
                  time_limit: float | None = None) -> list[tuple[str, TexKernel, float]]:
    """``(file name, kernel result, seconds)`` for each ``.tex`` file of ``directory``."""
    judged: dict[str, list[dict[str, Any]]] = {}
    listing = directory / "judgements.json"
    if not as_written and listing.is_file():
        for ch in json.loads(listing.read_text()):
            judged.setdefault(ch["file"], []).append(ch)
    out = []
    for path in sorted(directory.glob("*.tex")):
        t0 = time.monotonic()
        result = kernel_file(path, outdir, judged.get(path.name), time_limit)
        out.append((path.name, result, time.monotonic() - t0))
    return out


def render(rows: list[tuple[str, TexKernel, float]]) -> str:
    """One line per file with PROVED/CERTIFIED steps, the total, the reasons, each failure."""
    lines, total = [], Counter()
    for name, k, secs in rows:
        c = k.counts()
        total.update(c)
        if k.steps:
            lines.append(f"{name:<58} {c['checked']:>3} of {len(k.steps):>3} checked, "
                         f"{c['failed']} failed, {c['not exportable']} not exportable "
                         f"({secs:.0f} s)")
    n = sum(total.values())
    frac = 100 * total["checked"] / n if n else 0.0
    lines.append(f"corpus: {total['checked']} of {n} PROVED/CERTIFIED steps kernel-checked "
                 f"({frac:.0f}%); failed {total['failed']}, not exportable "
                 f"{total['not exportable']}, not run {total['not run']}; "
                 f"{len(rows)} files")
    reasons = Counter(_short(k) for _, r, _ in rows for _, _, k in r.steps
                      if k.status != "checked")
    lines += [f"  {m:>3}  {why}"[:160] for why, m in reasons.most_common()]
    whole = [k for _, r, _ in rows for _, k in r.chains if k.status != "not exportable"]
    lines.append(f"chains checked as a whole: {sum(k.status == 'checked' for k in whole)} of "
                 f"{len(whole)} exported")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry (see the module doc)."""
    ap = argparse.ArgumentParser(
        prog="python -m hallbound.proofs_checks.kernel.corpus",
        description="Check each .tex file of a corpus with verify, export its PROVED and "
        "CERTIFIED steps to Coq and have coqc check them: one line per file and the "
        "fraction kernel-checked.")
    ap.add_argument("directory", nargs="?", default="tests/data/real_derivations",
                    help="folder of .tex files (default: tests/data/real_derivations)")
    ap.add_argument("--coq", metavar="OUT", required=True, help="folder for the .v files")
    ap.add_argument("--as-written", action="store_true",
                    help="do not insert the judged chains' assumptions")
    ap.add_argument("--time-limit", type=float, default=None, help="CPU s per step")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = ap.parse_args(argv)
    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"error: directory: {directory} is not a folder", file=sys.stderr)
        return 2
    rows = kernel_corpus(directory, Path(args.coq), args.as_written, args.time_limit)
    if args.json:
        print(json.dumps({name: k.to_dict() | {"seconds_total": round(s, 2)}
                          for name, k, s in rows}, indent=2))
    else:
        print(render(rows), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
