r"""``hallbound derive --loss L --family F [--dim D] [--states N] [--latex|--json]``.

Derives, for a symbolic latent mixture of N states of family F (weights :math:`p_i`, means
:math:`\mu_i`), the Bayes-optimal estimator of loss L step by step (each identity checked by
SymPy), and prints it with the family's high-density region :math:`U^\delta` and covering
radius :math:`r(\delta)` as formulas: plain text by default, LaTeX with ``--latex``, one
JSON object with ``--json`` (string formulas and the derivation steps).
"""

from __future__ import annotations

import argparse
import json
import math
import time
from typing import Any

from hallbound import costguard
from hallbound.commands import common

#: Seconds of derivation after which the pilot extrapolates (see :func:`pilot`).
PILOT_BUDGET = 0.25


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "derive",
        help="derive a loss's optimal estimator and a family's level set, as formulas",
        description="Derive the Bayes-optimal estimator of a loss for a symbolic latent "
        "mixture of N states (weights p_i, means mu_i) step by step, each identity checked by "
        "SymPy, and print it with the family's high-density region U^delta and covering radius "
        "r(delta) as formulas: plain text by default, LaTeX with --latex, one JSON object with "
        "--json. Before the derivation, a pilot on fewer states estimates its time and refuses "
        "a run over --max-time.",
    )
    parser.add_argument("--loss", default="squared", help="loss name (default: squared)")
    parser.add_argument("--family", default="normal", help="family name (default: normal)")
    parser.add_argument("--dim", type=common.integer, default=None, help="output dimension d")
    parser.add_argument(
        "--states", type=common.integer, default=2, help="number of latent states N (default 2)"
    )
    parser.add_argument("--tau", type=float, default=None, help="quantile level (pinball)")
    parser.add_argument(
        "--generator",
        default=None,
        help="Bregman generator (bregman loss): generic, squared, mahalanobis, kl, itakura_saito",
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--latex", action="store_true", help="print LaTeX")
    common.add_json(form)
    common.add_cost_options(parser)
    parser.set_defaults(run=run)


def loss_options(args: argparse.Namespace) -> dict[str, Any]:
    """The loss options given on the command line."""
    options: dict[str, Any] = {}
    if args.tau is not None:
        options["tau"] = args.tau
    if args.generator is not None:
        options["generator"] = args.generator
    return options


def build(args: argparse.Namespace) -> dict[str, Any]:
    """Everything ``derive`` prints, as SymPy objects and strings."""
    import sympy as sp

    from hallbound.errors import InputError
    from hallbound.symbolic.derivation import formula_text
    from hallbound.symbolic.families import family_class
    from hallbound.symbolic.losses import make_loss, symbolic_mixture

    if args.states < 1:
        raise InputError("states", f"must be >= 1, got {args.states}")
    if args.dim is not None and args.dim < 1:
        raise InputError("dim", f"must be >= 1, got {args.dim}")
    loss = make_loss(args.loss, **loss_options(args))
    cls = family_class(args.family)
    pilot(lambda n: loss.derive(symbolic_mixture(cls, n, args.dim)), args.states,
          getattr(args, "max_time", math.inf))
    mixture = symbolic_mixture(cls, args.states, args.dim)
    derivation = loss.derive(mixture)
    member = cls.symbolic() if args.dim is None else cls.symbolic(args.dim)
    delta = sp.Symbol("delta", positive=True)
    try:
        level, radius, note = member.level_set(delta), member.covering_radius(delta), ""
    except NotImplementedError as err:  # a family whose level set has no closed form
        level, radius, note = None, None, f"no closed form ({err}); numeric for numbers"
    s, a = loss.symbols(mixture.dim)
    loss_expr = loss.expression(s, a)
    return {
        "loss": loss,
        "family": cls.name,
        "dim": mixture.dim,
        "states": mixture.size,
        "loss_expr": loss_expr,
        "derivation": derivation,
        "member": member,
        "density": member.density(),
        "level": level,
        "level_text": level_text(level) if level is not None else note,
        "radius": radius,
        "note": note,
        "text": formula_text,
    }


def pilot(work: Any, states: int, max_time: float, budget: float = PILOT_BUDGET) -> None:
    r"""Refuse (``--max-time``, one :class:`InputError` line) a derivation for ``states``
    states whose estimated time is over ``max_time``, before it starts.

    ``work(n)`` derives for n states. After an untimed warm-up at n = 1, it is timed at
    n = 1, 2, 4, ... (below ``states``) until one call takes ``budget`` seconds; the time
    :math:`t(N) pprox t(n) (N/n)^k` is extrapolated with the exponent
    :math:`k = \max(1, \log_2(t(n)/t(n/2)))` of the last doubling (SymPy's cost grows faster
    than linearly in N, and faster still for large N, so this is a lower estimate)."""
    if states <= 1 or not math.isfinite(max_time):
        return
    work(1)
    n, previous = 1, None
    while n < states:
        start = time.perf_counter()
        work(n)
        elapsed = max(time.perf_counter() - start, 1e-6)
        if previous is not None:
            k = max(1.0, math.log2(elapsed / previous))
            seconds = elapsed * (states / n) ** k
            costguard.guard("derive", states, seconds / states, max_time, unit="state",
                            pilot=(n, elapsed))
        if elapsed >= budget:
            return
        n, previous = 2 * n, elapsed


def level_text(level: Any) -> str:
    """Plain-text form of a :class:`LevelSet` (:meth:`LevelSet.text`)."""
    return level.text()


def run(args: argparse.Namespace) -> int:
    import sympy as sp

    out = build(args)
    der = out["derivation"]
    text = out["text"]
    loss = out["loss"]
    if args.json:
        payload = {
            "loss": loss.name,
            "loss_options": {k: _plain(v) for k, v in loss.options.items()},
            "estimator_kind": loss.estimator,
            "family": out["family"],
            "dim": out["dim"],
            "states": out["states"],
            "loss_formula": text(out["loss_expr"]),
            "loss_latex": sp.latex(out["loss_expr"]),
            "estimator": der.to_dict()["result"],
            "estimator_latex": der.to_dict()["result_latex"],
            "condition": der.to_dict()["condition"],
            "condition_latex": der.to_dict()["condition_latex"],
            "derivation": der.to_dict(),
            "density": text(out["density"]),
            "density_latex": sp.latex(out["density"]),
            "level_set": out["level_text"],
            "level_set_latex": None,
            "level_set_nonempty": None,
            "covering_radius": None,
            "covering_radius_latex": None,
            "note": out["note"] or None,
        }
        if out["level"] is not None:
            payload["level_set_latex"] = out["level"].latex()
            payload["level_set_nonempty"] = text(out["level"].nonempty)
            payload["covering_radius"] = text(out["radius"])
            payload["covering_radius_latex"] = sp.latex(out["radius"])
        print(json.dumps(payload, indent=2))
        return 0
    if args.latex:
        print(rf"% hallbound derive --loss {loss.name} --family {out['family']}")
        print(rf"\[ \ell(s, a) = {sp.latex(out['loss_expr'])} \]")
        print(der.to_latex())
        print(rf"\[ f(a) = {sp.latex(out['density'])} \]")
        if out["level"] is None:
            print(f"% level set and covering radius: {out['note']}")
            return 0
        print(
            rf"\[ U^\delta = {out['level'].latex()} \quad\text{{if }} "
            rf"{sp.latex(out['level'].nonempty)} \]"
        )
        print(rf"\[ r(\delta) = {sp.latex(out['radius'])} \]")
        return 0
    print(f"loss: {loss.name}  l(s, a) = {text(out['loss_expr'])}")
    print(f"family: {out['family']}  dim = {out['dim']}  states N = {out['states']}")
    if der.result is not None:
        print(f"optimal estimator ({loss.estimator}): {der.estimator} = {text(der.result)}")
    else:
        print(f"optimal estimator ({loss.estimator}): defined by {text(der.condition)}")
    print()
    print(der.to_text())
    print()
    print(f"family density: f(a) = {text(out['density'])}")
    print(f"level set U^delta = {out['level_text']}")
    if out["level"] is None:
        return 0
    print(f"  non-empty iff {text(out['level'].nonempty)}")
    print(f"covering radius r(delta) = {text(out['radius'])}")
    return 0


def _plain(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)
