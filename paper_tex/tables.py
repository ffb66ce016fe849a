r"""Tables (booktabs) of Theorem 6.1's bound and Monte Carlo rates over a small grid.

The grid (:data:`GRID`): N states of a 1-d Normal family :math:`f_i = \mathcal N(\mu_i, 1)`,
equal weights :math:`p_i = 1/N`, means drawn independently from
:math:`\mu_i \sim \mathcal N(0, s^2)` (Assumption 6.1 with :math:`\mu_0 = 0`), for several
:math:`N` and :math:`\delta`. Per point: :math:`r_x = \max_i r_i(\delta)` (the family's
closed form), the bound :math:`\prod_i P_i K_i` (:mod:`hallbound.numeric.theorem61`) and the
Monte Carlo rate :math:`\hat P_H^\delta` with its exact Clopper-Pearson interval
(:mod:`hallbound.numeric.montecarlo`), from a fixed seed per point.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: The grid of the tables and the rate figure.
GRID: dict[str, Any] = {
    "states": (2, 3, 5),
    "deltas": (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35),
    "mean_scale": 10.0,
    "variance": 1.0,
    "samples": 20000,
    "level": 0.95,
}


@dataclass(frozen=True)
class GridPoint:
    """One (N, delta) point: covering radius, bound and Monte Carlo estimate."""

    states: int
    delta: float
    r_x: float
    d: float
    bound: float
    applicable: bool
    count: int
    n: int
    rate: float
    low: float
    high: float


def point_seed(seed: int, states: int, k: int) -> int:
    """A distinct, reproducible seed per grid point (SeedSequence entropy)."""
    import numpy as np

    return int(np.random.SeedSequence([seed, states, k]).generate_state(1)[0])


def grid_mixture(states: int) -> Any:
    """N Normal states (means 0, variance :data:`GRID` ``variance``), equal weights."""
    import sympy as sp

    from hallbound.symbolic.families.normal import Normal
    from hallbound.symbolic.mixture import LatentMixture

    state = Normal.from_spec({"mean": [0.0], "cov": [[GRID["variance"]]]})
    return LatentMixture([sp.Rational(1, states)] * states, [state] * states)


@functools.cache
def rate_grid(seed: int) -> tuple[GridPoint, ...]:
    """Every grid point, sorted by (N, delta); cached per seed within one process."""
    from hallbound.numeric.montecarlo import RateProblem, hallucination_rate
    from hallbound.numeric.theorem61 import covering_radius_max, laws_bound
    from hallbound.symbolic.mean_laws import MeanLaw

    law_table = {"kind": "normal", "center": 0.0, "scale": GRID["mean_scale"]}
    out = []
    for states in GRID["states"]:
        mixture = grid_mixture(states)
        laws = [MeanLaw.from_spec(law_table, 1) for _ in range(states)]
        for k, delta in enumerate(GRID["deltas"]):
            r_x = covering_radius_max(mixture, delta)
            bound = laws_bound(mixture.weight_vector(), laws, r_x)
            problem = RateProblem.from_mixture(mixture, laws, delta)
            est = hallucination_rate(
                problem, GRID["samples"], point_seed(seed, states, k), level=GRID["level"]
            )
            low, high = est.ci
            out.append(
                GridPoint(
                    states=states,
                    delta=delta,
                    r_x=r_x,
                    d=float(bound.d),
                    bound=float(bound.product),
                    applicable=bool(bound.applicable),
                    count=est.count,
                    n=est.n,
                    rate=est.estimate,
                    low=low,
                    high=high,
                )
            )
    return tuple(out)


def fmt(x: float, digits: int = 4) -> str:
    """A number for a table cell: fixed decimals, ``--`` for NaN."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "--"
    return f"{x:.{digits}f}"


def sci(x: float, digits: int = 3) -> str:
    r"""A number in LaTeX scientific notation, ``$1.21 \times 10^{-7}$``; ``--`` for NaN."""
    if math.isnan(x):
        return "--"
    if x == 0:
        return "$0$"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"${mantissa} \\times 10^{{{int(exponent)}}}$"


def booktabs(columns: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A ``tabular`` with booktabs rules."""
    lines = [f"\\begin{{tabular}}{{{columns}}}", "\\toprule", " & ".join(header) + " \\\\"]
    lines.append("\\midrule")
    previous = None
    for row in rows:
        if previous is not None and row[0] != "" and previous != row[0]:
            lines.append("\\addlinespace")
        previous = row[0] or previous
        lines.append(" & ".join(row) + " \\\\")
    lines += ["\\bottomrule", "\\end{tabular}"]
    return "\n".join(lines)


def table_float(body: str, caption: str, label: str) -> str:
    """A centred ``table`` float around ``body``."""
    return (
        "\\begin{table}[htbp]\n  \\centering\n  \\small\n"
        f"  \\caption{{{caption}}}\n  \\label{{{label}}}\n"
        f"{body}\n\\end{{table}}\n"
    )


def setting_text() -> str:
    """The grid's setting in one LaTeX sentence."""
    g = GRID
    return (
        f"$f_i = \\mathcal{{N}}(\\mu_i, {g['variance']:g})$, $p_i = 1/N$, "
        f"$\\mu_i \\sim \\mathcal{{N}}(0, {g['mean_scale']:g}^2)$ independently"
    )


def bounds_table(points: Sequence[GridPoint]) -> str:
    """Theorem 6.1 as stated: :math:`r_x`, :math:`d` and :math:`\\prod_i P_i K_i`."""
    rows = []
    for pt in points:
        first = str(pt.states) if pt.delta == GRID["deltas"][0] else ""
        rows.append(
            [
                first,
                f"{pt.delta:g}",
                fmt(pt.r_x),
                fmt(pt.d),
                "yes" if pt.applicable else "no",
                sci(pt.bound),
            ]
        )
    header = ["$N$", "$\\delta$", "$r_x$", "$d$", "hypothesis", "$\\prod_i P_i K_i$"]
    caption = (
        "Theorem~6.1 (as stated): the lower bound $\\prod_i P_i K_i$ on $\\hbPH{\\delta}$ "
        f"for {setting_text()}; hypothesis: every $\\theta_i(\\alpha_i) \\le 1$ for some "
        "$\\alpha_i > 1$."
    )
    return table_float(booktabs("rrrrcr", header, rows), caption, "hb:tab:bounds")


def consistent(pt: GridPoint) -> bool:
    """The Monte Carlo interval does not refute the bound (upper end >= bound)."""
    return not pt.applicable or pt.high >= pt.bound


def rates_table(points: Sequence[GridPoint]) -> str:
    """Monte Carlo rate with its interval next to the bound."""
    level = int(round(100 * GRID["level"]))
    rows = []
    for pt in points:
        first = str(pt.states) if pt.delta == GRID["deltas"][0] else ""
        rows.append(
            [
                first,
                f"{pt.delta:g}",
                fmt(pt.rate),
                f"[{fmt(pt.low)}, {fmt(pt.high)}]",
                sci(pt.bound),
                "yes" if consistent(pt) else "no",
            ]
        )
    header = [
        "$N$",
        "$\\delta$",
        "$\\hat P_H^{\\delta}$",
        f"{level}\\% interval",
        "bound",
        "consistent",
    ]
    caption = (
        f"Monte Carlo rate of $\\delta$-hallucination of $\\hbOpt = \\sum_i p_i \\mu_i$ "
        f"({GRID['samples']} draws per point, exact Clopper--Pearson {level}\\% interval) "
        f"for {setting_text()}, next to Theorem~6.1's bound; consistent: the interval's "
        "upper end is at least the bound (a bound above it would be refuted)."
    )
    return table_float(booktabs("rrrccc", header, rows), caption, "hb:tab:rates")


def table_fragments(seed: int) -> dict[str, str | bytes]:
    """``tables/bounds.tex`` and ``tables/rates.tex``."""
    points = rate_grid(seed)
    return {
        "tables/bounds.tex": "% hallbound: Theorem 6.1 bound table, generated.\n"
        + bounds_table(points),
        "tables/rates.tex": "% hallbound: Monte Carlo rate table, generated.\n"
        + rates_table(points),
    }
