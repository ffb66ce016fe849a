r"""``hallbound verify FILE.tex [--json FILE] [--annotate OUT.tex] [--strict]``.

Reads every display environment of a LaTeX file (or stdin with ``-``) as a chain of
relations and checks each step with the project's checker; ``% hb:`` comments give the
hypotheses (``assume``), definitions (``let``), boxes (``box``) and citations (``by``,
``from``). Prints a table per chain (line, relation, verdict, witness or box) and the chain's
conclusion. ``--macros FILE`` reads the author's macro definitions (``\newcommand``, ...)
from a paper's ``macros.tex``; no other file is read (``\input`` is never followed). Exit
status: 0 after a completed check; 1 with ``--strict`` when a step is REFUTED, an
environment is not closed, a row could not be read, or nothing was checked; 2 on
unreadable input.
"""

from __future__ import annotations

import argparse
import sys

from hallbound.commands import common

DESCRIPTION = """\
Read every display environment of a LaTeX file (or standard input with -) as a chain of
relations and check each step with the project's checker; % hb: comments give the
hypotheses (assume), definitions (let), boxes (box) and citations (by, from). Prints a
table per chain (line, relation, verdict, witness or box) and the chain's conclusion.
Exit status: 0 after a completed check; 1 with --strict when a step is REFUTED; 2 on
unreadable input or an output path that cannot be written.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check a derivation straight from its LaTeX, line by line",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE.tex", help="LaTeX file, or - for stdin")
    common.add_json(parser, to_file=True)
    parser.add_argument(
        "--annotate", metavar="OUT.tex", type=common.output_file,
        help="write the LaTeX with a verdict tag on each line to OUT.tex, or to standard "
        "output for - (the table is then not printed)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a step is REFUTED, an environment is not closed, a row could not "
        "be read, or nothing was checked",
    )
    parser.add_argument(
        "--macros", metavar="FILE", help="read macro definitions from FILE (a macros.tex)"
    )
    parser.add_argument(
        "--coq", metavar="DIR", help="export the PROVED/CERTIFIED steps as Coq lemmas to DIR "
        "and have coqc check them: each step then says kernel: checked / failed / not exportable",
    )
    common.add_seed(parser, default=None)
    parser.add_argument(
        "--trials", type=common.integer, default=200,
        help="random falsification trials per step (default 200)",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=30.0,
        help="CPU seconds per step check (default 30); a step past it is UNDECIDED (budget)",
    )
    parser.add_argument(
        "--total-time", type=float, default=1800.0, help="CPU seconds for the whole file (1800)"
    )
    parser.add_argument(
        "--no-cache", action="store_true",
        help="check every step afresh (default: reuse the verdicts of unchanged steps, "
             "cached in $HALLBOUND_VERIFY_CACHE or ~/.cache/hallbound/verify)",
    )
    parser.set_defaults(run=run)


#: The longest input in characters: ``document.MAX_CHARS`` (not imported: importing the
#: checker is what a cached file's answer avoids; a test pins the two equal).
MAX_CHARS = 1_000_000


def _read(path: str, param: str = "FILE") -> str:
    from hallbound.errors import InputError

    try:
        if path == "-":
            data = sys.stdin.buffer.read(4 * MAX_CHARS + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(4 * MAX_CHARS + 1)
    except OSError as err:
        raise InputError(param, f"cannot read {path!r}: {err.strerror or err}") from None
    if len(data) > 4 * MAX_CHARS:
        raise InputError(param, f"larger than {4 * MAX_CHARS} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(param, f"not UTF-8 text (byte {err.start})") from None


def _check_args(args: argparse.Namespace) -> None:
    from hallbound.errors import InputError

    if args.trials < 1:
        raise InputError("--trials", f"must be >= 1, got {args.trials}")
    if not args.time_limit > 0:
        raise InputError("--time-limit", f"must be > 0, got {args.time_limit}")
    if not args.total_time > 0:
        raise InputError("--total-time", f"must be > 0, got {args.total_time}")
    if args.seed is not None and args.seed < 0:
        raise InputError("--seed", f"must be >= 0, got {args.seed}")
    if args.json == common.STDOUT and args.annotate == common.STDOUT:
        raise InputError("--annotate", "only one of --json and --annotate can be - (stdout)")


def _outputs(args: argparse.Namespace, text: str, macros: str | None) -> dict:
    """Check the file (the heavy imports happen here): the table, JSON, annotated LaTeX and
    ``--strict`` failures, and whether a step ran out of its CPU budget."""
    from hallbound.proofs_checks.engine.checker import DEFAULT_SEED
    from hallbound.proofs_checks.latex.report import annotate, render, to_json
    from hallbound.proofs_checks.latex.verdict_cache import VerdictCache
    from hallbound.proofs_checks.latex.verify import verify_tex

    report = verify_tex(
        text,
        seed=DEFAULT_SEED if args.seed is None else args.seed,
        trials=args.trials,
        time_limit=args.time_limit,
        total_time=args.total_time,
        macros=macros,
        cache=None if args.no_cache else VerdictCache(),
    )
    out = {"render": render(report), "json": to_json(report), "annotate": annotate(report),
           "strict": report.strict_failures(), "report": report}
    out["budget"] = any(s.detail.startswith("budget") for ch in report.environments
                        for s in [*ch.steps, *([ch.conclusion] if ch.conclusion else [])])
    return out


def run(args: argparse.Namespace) -> int:
    from hallbound.verify_filecache import FileCache, file_key

    _check_args(args)
    text = _read(args.file)
    macros = _read(args.macros, "--macros") if args.macros else None
    files = None if args.no_cache or args.coq else FileCache()
    settings = (args.seed, args.trials, args.time_limit, args.total_time)
    key = file_key(text, macros, settings) if files is not None else ""
    out = files.get(key) if files is not None else None
    if out is None:
        out = _outputs(args, text, macros)
        if files is not None and not out["budget"]:
            files.put(key, out)
    kernel = _kernel(args, out["report"]) if args.coq else None
    if kernel is not None:  # the steps now carry their kernel result: render them again
        from hallbound.proofs_checks.latex.report import annotate, render

        out |= {"render": render(out["report"]), "annotate": annotate(out["report"])}
    if not common.to_stdout(args.json, args.annotate):
        print(out["render"], end="")
        if kernel is not None:
            print(kernel[1], end="")
    if args.json:
        common.write_output(args.json, out["json"] if kernel is None else kernel[2])
    if args.annotate:
        common.write_output(args.annotate, out["annotate"])
    if args.strict and out["strict"]:
        print(f"--strict: {'; '.join(out['strict'])}", file=sys.stderr)
        return 1
    return 0


def _kernel(args: argparse.Namespace, report: object) -> tuple[object, str, str]:
    """``--coq DIR``: the kernel check of the report's PROVED steps (kernel/verify_export):
    (result, text section, JSON of the report with the kernel's summary)."""
    import json
    from pathlib import Path

    from hallbound.errors import InputError
    from hallbound.proofs_checks.kernel import verify_export
    from hallbound.proofs_checks.latex.report import to_json

    outdir = Path(args.coq)
    if outdir.exists() and not outdir.is_dir():
        raise InputError("--coq", f"{outdir} is not a folder")
    kernel = verify_export.kernel_check(report, outdir, args.file)
    data = json.loads(to_json(report)) | {"kernel": kernel.to_dict()}
    return kernel, verify_export.render(kernel, outdir), json.dumps(data, indent=2) + "\n"
