r"""``hallbound estimate SPEC.toml [--json]``.

For the concrete mixture of a spec file: the Bayes-optimal estimate :math:`a^*` for the
spec's loss (``loss``, ``loss_options``), each state's density :math:`f_i(a^*)`,
:math:`\max_i f_i(a^*)`, the covering radii :math:`r_i(\delta)` (Definition 6.3), whether
:math:`a^*` :math:`\delta`-hallucinates (Definition 4.2: :math:`f_i(a^*) \le \delta` for all
i) and whether it lies in the HCDR :math:`\bigcup_i U_i^\delta` (Remark 6.1).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hallbound.commands import common


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "estimate",
        help="optimal estimate of a spec's mixture and whether it delta-hallucinates",
        description="For the concrete mixture of a spec file: the Bayes-optimal estimate a* "
        "for the spec's loss, each state's density f_i(a*) and their maximum, the covering "
        "radii r_i(delta) (Definition 6.3), whether a* delta-hallucinates (Definition 4.2: "
        "f_i(a*) <= delta for all i) and whether it lies in the HCDR, the union of the level "
        "sets U_i^delta (Remark 6.1).",
    )
    parser.add_argument("spec", help="spec file (TOML), see examples/")
    common.add_json(parser)
    parser.set_defaults(run=run)


def evaluate(path: str) -> dict[str, Any]:
    """Everything ``estimate`` reports, as plain Python values (JSON-able)."""
    from hallbound.numeric.estimators import optimal_estimate
    from hallbound.spec import load_spec
    from hallbound.symbolic.losses import make_loss
    from hallbound.symbolic.values import exact, to_float

    spec = load_spec(path)
    loss = make_loss(spec.loss, **spec.loss_options)
    mixture = spec.mixture
    estimate = optimal_estimate(mixture, loss)
    densities = mixture.state_densities(estimate)
    delta = spec.delta
    d = exact(delta, "delta")
    in_regions = [s.level_set(d).contains(estimate) for s in mixture.states]
    hallucinates = mixture.hallucinates(estimate, delta)
    return {
        "spec": str(path),
        "family": spec.family,
        "loss": loss.name,
        "loss_options": {k: _plain(v) for k, v in loss.options.items()},
        "estimator_kind": loss.estimator,
        "delta": delta,
        "weights": [to_float(w) for w in mixture.weights],
        "means": [_location(s) for s in mixture.states],
        "estimate": [float(v) for v in estimate],
        "densities": [float(v) for v in densities],
        "max_density": float(max(densities)),
        "argmax_state": 1 + int(max(range(len(densities)), key=densities.__getitem__)),
        "covering_radii": [float(r) for r in mixture.covering_radii(delta)],
        "in_level_sets": in_regions,
        "hallucinates": bool(hallucinates),
        "in_hcdr": bool(any(in_regions)),
    }


def render(result: dict[str, Any]) -> str:
    """The readable table printed without ``--json``."""
    delta = result["delta"]
    lines = [
        f"spec: {result['spec']}",
        f"family: {result['family']}   loss: {result['loss']} "
        f"(optimal estimate: {result['estimator_kind']})   delta: {delta:g}",
        f"optimal estimate a* = {_vec(result['estimate'])}",
        "",
        f"{'state':>5}  {'weight':>8}  {'mean':>18}  {'f_i(a*)':>13}  {'r_i(delta)':>12}"
        "  a* in U_i",
    ]
    rows = zip(
        result["weights"],
        result["means"],
        result["densities"],
        result["covering_radii"],
        result["in_level_sets"],
        strict=True,
    )
    for i, (w, m, f, r, inside) in enumerate(rows, start=1):
        lines.append(
            f"{i:>5}  {w:>8.4g}  {_vec(m):>18}  {f:>13.6g}  {r:>12.6g}  {'yes' if inside else 'no'}"
        )
    top = result["max_density"]
    relation = ">" if top > delta else "<="
    lines += [
        "",
        f"max_i f_i(a*) = {top:.6g} (state {result['argmax_state']}) "
        f"{relation} delta = {delta:g}",
        "delta-hallucinates (Definition 4.2): " + ("yes" if result["hallucinates"] else "no"),
        "in the HCDR, union of U_i^delta (Remark 6.1): " + ("yes" if result["in_hcdr"] else "no"),
    ]
    if result["hallucinates"] == result["in_hcdr"]:
        lines.append(
            "note: Remark 6.1's equivalence fails here (a density equals delta at a* or a "
            "level set is closed)"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    result = evaluate(args.spec)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(render(result))
    return 0


def _location(state: Any) -> list[float]:
    """The state's mean, or its location parameter when the mean does not exist."""
    import numpy as np

    from hallbound.symbolic.values import to_float

    mean = state.mean_vector()
    if np.all(np.isfinite(mean)) or getattr(state, "mu", None) is None:
        return [float(v) for v in mean]
    mu = state.mu
    return [to_float(v) for v in (list(mu) if hasattr(mu, "shape") else [mu])]


def _vec(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:.6g}" for v in values) + "]"


def _plain(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)
