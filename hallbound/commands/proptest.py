"""``hallbound proptest FAMILY``: run the property battery on a family.

``FAMILY`` is a TOML user-family spec (see :mod:`hallbound.testing.user_family`), a
built-in family name, or, with ``--python module:Class``, a Python class implementing the
Family protocol (opt-in: that imports and runs the module's code). Prints one line per
property (``PASS``/``FAIL``), and after a failure the shrunk counterexample. Exit 0 when all
pass, 1 when any fails, 2 on a bad spec (one line naming the problem; nothing from the file
is executed).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
import time
import warnings
from collections.abc import Iterator
from typing import Any

from hallbound import costguard
from hallbound.commands import common


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "proptest",
        help="run the property battery on a (user-defined) family",
        description="Run the six-property battery (optimal estimator optimal, symbolic = "
        "numeric, covering radius, MC rate >= valid bounds, predicate = region form, "
        "same seed same numbers) on a family: a TOML user-family spec (nothing in it is "
        "executed), a registered family name (built in, or from --plugin), or with --python a "
        "Family class in a Python module. A family whose mean or variance does not exist "
        "(a Cauchy law) fails the properties that need it at once, with the reason, and the "
        "others run. Prints one line per property (PASS or FAIL) and the shrunk "
        "counterexample after a failure. Exit 0 when all pass, 1 when one fails, 2 on a bad "
        "spec. Before the battery, a pilot (one example of the first property) estimates its "
        "time and refuses a run over --max-time.",
    )
    parser.add_argument(
        "family", nargs="?", help="a TOML spec file or a registered family name"
    )
    parser.add_argument(
        "--python",
        metavar="MODULE:CLASS",
        help="opt-in: import a Family subclass from a Python module (runs its code)",
    )
    parser.add_argument(
        "--examples", type=common.integer, default=10,
        help="Hypothesis examples per property (default 10)",
    )
    parser.add_argument(
        "--only", action="append", default=None, help="run only this property (repeatable)"
    )
    common.add_paper(
        parser,
        help="Run a paper's own properties instead (why-hallucinate: Theorems 1 and 4, "
        "the calibration identity).",
    )
    parser.add_argument(
        "--paper-bound",
        action="store_true",
        help="also put the paper's Theorem 6.1 bound (as stated) through the bound property",
    )
    common.add_cost_options(parser)
    parser.set_defaults(run=run)


def load_family(args: argparse.Namespace) -> Any:
    """The family class to test (raises InputError on a bad spec)."""
    from hallbound.errors import InputError

    if args.python:
        return _python_family(args.python)
    if not args.family:
        raise InputError("family", "give a TOML spec, a built-in family name, or --python")
    if args.family.endswith(".toml"):
        from hallbound.testing.user_family import load_user_family

        return load_user_family(args.family)
    from hallbound.symbolic.families import family_class

    return family_class(args.family)


def _python_family(target: str) -> Any:
    import importlib

    from hallbound.errors import InputError
    from hallbound.symbolic.families import Family

    module_name, _, cls_name = target.partition(":")
    if not module_name or not cls_name:
        raise InputError("--python", f"must be MODULE:CLASS, got {target!r}")
    try:
        module = importlib.import_module(module_name)
    except ImportError as err:
        raise InputError("--python", f"cannot import {module_name!r}: {err}") from None
    cls = getattr(module, cls_name, None)
    if not (isinstance(cls, type) and issubclass(cls, Family)):
        raise InputError("--python", f"{target!r} is not a Family subclass")
    return cls


def run(args: argparse.Namespace) -> int:
    from hallbound.errors import InputError
    from hallbound.testing.properties import PROPERTIES, checker_bounds, paper_theorem61_bound

    if getattr(args, "paper", None):
        return _run_paper(args)
    cls = load_family(args)
    if args.examples is not None and args.examples < 1:
        raise InputError("--examples", f"must be >= 1, got {args.examples}")
    only = args.only or list(PROPERTIES)
    for name in only:
        if name not in PROPERTIES:
            raise InputError(
                "--only", f"unknown property {name!r} (known: {', '.join(PROPERTIES)})"
            )
    bounds = checker_bounds()
    if args.paper_bound:
        bounds["theorem_6_1_as_stated"] = paper_theorem61_bound
    from hallbound.testing.properties import run_battery

    name = getattr(cls, "name", str(cls))
    estimate(cls, only, args.examples, bounds, args.max_time)
    print(f"proptest {name}: {len(only)} properties, bounds: {', '.join(bounds) or 'none'}")
    with costguard.Progress(  # a second check, on the real run's first property
        len(only), desc="proptest", unit="property", quiet=args.quiet, max_time=args.max_time
    ) as bar, quiet_numerics():
        outcomes = run_battery(
            cls, max_examples=args.examples, bounds=bounds, only=only, progress=bar.update
        )
    failed = skipped = 0
    for out in outcomes:
        print(f"{out.label}  {out.name}" + (f": {out.detail}" if out.detail else ""))
        if not out.applicable:
            skipped += 1
        elif not out.passed:
            failed += 1
            print(f"      counterexample: {_format(out.counterexample)}")
    passed = len(outcomes) - failed - skipped
    print(f"{passed} passed, {failed} failed" + (f", {skipped} not applicable" if skipped else ""))
    sys.stdout.flush()
    return 1 if failed else 0


def estimate(
    cls: Any, only: list[str], examples: int, bounds: dict[str, Any], max_time: float
) -> costguard.Estimate | None:
    r"""Refuse (one ``--max-time`` :class:`InputError` line) a battery whose estimate is over
    ``max_time``, before its first property.

    The pilot, not part of the result: the first property that applies, run on one
    Hypothesis example twice (the first call absorbs one-off costs: imports, compilation);
    the second call's time :math:`t` gives
    :math:`\text{estimate} = t \cdot \text{examples} \cdot P` for the :math:`P`
    properties that apply (a property the family's moments rule out costs nothing). The
    first property stands for the others, so the estimate is rough; the run's own progress
    checks it again after its first property."""
    if not math.isfinite(max_time):
        return None
    from hallbound.testing.properties import NEEDS, moment_status, not_applicable, run_battery

    label = getattr(cls, "name", str(cls))
    status = moment_status(cls) if any(NEEDS.get(n) for n in only) else None
    applies = [n for n in only if status is None or not_applicable(n, label, status) is None]
    if not applies:
        return None
    seconds = 0.0
    with quiet_numerics():
        for _ in range(2):
            start = time.perf_counter()
            run_battery(cls, max_examples=1, bounds=bounds, only=applies[:1])
            seconds = time.perf_counter() - start
    return costguard.guard(
        "proptest", examples * len(applies), seconds, max_time, unit="example",
        pilot=(1, seconds),
    )


@contextlib.contextmanager
def quiet_numerics() -> Iterator[None]:
    """No SciPy IntegrationWarning or NumPy RuntimeWarning reaches the user: the properties
    compare the numbers themselves and report a disagreement as a failure."""
    import scipy.integrate

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", scipy.integrate.IntegrationWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def _run_paper(args: argparse.Namespace) -> int:
    from hallbound.errors import InputError

    if args.paper != "why-hallucinate":
        raise InputError("--paper", f"no properties for {args.paper!r} (known: why-hallucinate)")
    if args.examples < 1:
        raise InputError("--examples", f"must be >= 1, got {args.examples}")
    from hallbound.why_hallucinate.properties import PROPERTIES, run

    only = args.only or list(PROPERTIES)
    for name in only:
        if name not in PROPERTIES:
            raise InputError(
                "--only", f"unknown property {name!r} (known: {', '.join(PROPERTIES)})"
            )
    print(f"proptest --paper {args.paper}: {len(only)} properties")
    outcomes = run(args.examples, only)
    for out in outcomes:
        print(f"{'PASS' if out.passed else 'FAIL'}  {out.name}: {out.detail}")
        if not out.passed:
            print(f"      counterexample: {_format(out.counterexample)}")
    failed = sum(not o.passed for o in outcomes)
    print(f"{len(outcomes) - failed} passed, {failed} failed")
    return 1 if failed else 0


def _format(example: Any) -> str:
    if not example:
        return "(none recorded)"
    return "; ".join(f"{k}={v!r}" for k, v in example.items())
