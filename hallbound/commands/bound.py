"""``hallbound bound iiv|singleton|multiple-choice``: the bounds of Kalai et al. (2025).

- ``bound iiv FILE.toml [--json]``: both sides of Theorem 1 for the file's p and p-hat
  (exact fractions and floats; see :mod:`hallbound.symbolic.why_hallucinate.finite`);
- ``bound singleton --sr SR --n N [--min-errors K --delta D] [--max-errors L] [--gamma G]``:
  Theorem 2's lower bound (key ``lower``) and/or upper bound (key ``upper``); without
  ``--gamma`` the paper's 99% forms;
- ``bound multiple-choice --err-iiv E --choices C``: Theorems 3/4 (key ``lower``).
"""

from __future__ import annotations

import argparse
import json
from fractions import Fraction
from typing import Any

from hallbound.commands import common

DESCRIPTION = """\
The bounds of Kalai et al. (2025), "Why Language Models Hallucinate".

  bound iiv FILE: both sides of Theorem 1 for the file's p and p-hat (exact fractions
    and floats).
  bound singleton --sr SR --n N [--min-errors K --delta D] [--max-errors L] [--gamma G]:
    Theorem 2's lower bound (key lower) and/or upper bound (key upper); without --gamma
    the paper's 99% forms.
  bound multiple-choice --err-iiv E --choices C: Theorems 3 and 4 (key lower).
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bound",
        help="bounds of 'Why Language Models Hallucinate' (Theorems 1-4)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="bound", metavar="BOUND")
    sub.required = True
    iiv = sub.add_parser(
        "iiv", help="Theorem 1 on a finite instance (TOML/JSON)",
        description="Both sides of Theorem 1 (err >= 2 err_iiv - k/K - delta) for the "
        "instance file's p and p-hat, as exact fractions and floats.",
    )
    iiv.add_argument(
        "file", metavar="FILE", type=common.input_file, help="instance file (.toml or .json)"
    )
    common.add_json(iiv)
    iiv.set_defaults(run=run_iiv)
    single = sub.add_parser(
        "singleton", help="Theorem 2 from the singleton rate",
        description="Theorem 2's lower bound (with --min-errors and --delta) and/or upper "
        "bound (with --max-errors) from the singleton rate; without --gamma the paper's 99% "
        "forms.",
    )
    single.add_argument("--sr", type=float, required=True, help="singleton rate in [0, 1]")
    single.add_argument(
        "--n", type=common.integer, required=True, help="training sample size N >= 1"
    )
    single.add_argument(
        "--min-errors", type=common.integer, help="K = min_c |E_c| (lower bound)"
    )
    single.add_argument("--delta", type=float, help="calibration error delta (lower bound)")
    single.add_argument(
        "--max-errors", type=common.integer, help="L = max_c |E_c| (upper bound)"
    )
    single.add_argument("--gamma", type=float, help="failure probability (default: 99%% form)")
    common.add_json(single)
    single.set_defaults(run=run_singleton)
    mc = sub.add_parser(
        "multiple-choice", help="Theorems 3/4: 2 (1 - 1/C) err_iiv",
        description="Theorems 3 and 4: the lower bound 2 (1 - 1/C) err_iiv on the error of "
        "a multiple-choice answer with C choices.",
    )
    mc.add_argument("--err-iiv", type=float, required=True, help="IIV error (best threshold)")
    mc.add_argument("--choices", type=common.integer, required=True, help="C = K + 1 >= 2")
    common.add_json(mc)
    mc.set_defaults(run=run_multiple_choice)


def _emit(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, indent=2, default=str))
        return
    for key, value in result.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for k2, v2 in value.items():
                print(f"  {k2:<20} {_fmt(v2)}")
        else:
            print(f"{key:<22} {_fmt(value)}")


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.10g}"
    return str(v)


def run_iiv(args: argparse.Namespace) -> int:
    from hallbound.why_hallucinate.files import load

    inst = load(args.file)
    exact = inst.summary(exact=True)
    lhs, rhs = exact["err"], exact["theorem1_rhs"]
    result = {
        "bound": "Theorem 1",
        "form": "err >= 2 err_iiv - k/K - delta",
        "err": float(lhs),
        "lower": float(rhs),
        "holds": lhs >= rhs,
        "assumption_p_V_is_1": exact["p_valid_mass"] == 1,
        "terms": {k: float(v) if isinstance(v, Fraction) else v for k, v in exact.items()},
        "exact": {k: str(v) for k, v in exact.items()},
    }
    if args.json:
        _emit(result, True)
        return 0
    print(f"Theorem 1: err >= 2 err_iiv - k/K - delta   ({args.file})")
    for key, value in exact.items():
        shown = f"{float(value):.10g}" if isinstance(value, Fraction) else str(value)
        print(f"  {key:<18} {str(value):>24}  {shown}")
    state = "holds" if result["holds"] else "FAILS"
    print(f"err = {float(lhs):.10g} >= {float(rhs):.10g}: {state}")
    if not result["assumption_p_V_is_1"]:
        print("note: p(V) != 1, the standing assumption of Theorem 1 does not hold")
    return 0


def run_singleton(args: argparse.Namespace) -> int:
    from hallbound.errors import InputError
    from hallbound.symbolic.why_hallucinate.bounds import singleton_lower, singleton_upper

    want_lower = args.min_errors is not None or args.delta is not None
    if want_lower and (args.min_errors is None or args.delta is None):
        raise InputError("--min-errors", "the lower bound needs both --min-errors and --delta")
    if not want_lower and args.max_errors is None:
        raise InputError("--min-errors", "give --min-errors and --delta, or --max-errors")
    result: dict[str, Any] = {}
    if want_lower:
        result = singleton_lower(args.sr, args.n, args.min_errors, args.delta, args.gamma)
    if args.max_errors is not None:
        up = singleton_upper(args.sr, args.n, args.max_errors, args.gamma)
        if result:
            result["upper"] = up["upper"]
            result["upper_form"] = up["form"]
            result["upper_terms"] = up["terms"]
            result["upper_vacuous"] = up["vacuous"]
        else:
            result = up
    _emit(result, args.json)
    return 0


def run_multiple_choice(args: argparse.Namespace) -> int:
    from hallbound.symbolic.why_hallucinate.bounds import multiple_choice_lower

    _emit(multiple_choice_lower(args.err_iiv, args.choices), args.json)
    return 0
