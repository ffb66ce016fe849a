r"""Tightness panel of the lower bounds on :math:`P_H^\delta` (setting of Theorem 6.1).

Each row fixes a conditional family (``normal`` with per-state variances, ``laplace`` with
per-state scales; one dimension), a mean-law kind (normal, uniform, laplace, two-point;
:mod:`hallbound.symbolic.mean_laws`), :math:`N`, weights (``equal`` or ``linear``,
:math:`p_j \propto j`), :math:`\delta` and the mean-law scale :math:`s = r_x/\rho` for a
ratio :math:`\rho`. It reports

* ``truth``: Monte Carlo :math:`P_H^\delta` with an exact Clopper-Pearson interval
  (:func:`hallbound.numeric.montecarlo.numpy_count`, the NumPy twin of the compiled kernel,
  same stream and count; ``kernel=True`` uses the compiled kernel), seed ``seed + row``;
* ``union``: :func:`hallbound.numeric.bounds.union_bound` (``Theorem 6.1 (corrected)``);
* ``refined``: :func:`hallbound.numeric.bounds_refined.refined_bound` (two-point
  enumeration or binned conditioning, ``Theorem 6.1, binned conditioning (corrected)`` etc.);
* ``paper``: :math:`\prod_i P_i K_i` (:func:`hallbound.numeric.theorem61.paper_bound`, as
  stated; NaN when its hypothesis :math:`d + r_x < \sqrt{\sigma_i^d}` fails for some i);

and each bound's ratio to ``truth``; ``valid``: every bound is at most the
Clopper-Pearson upper limit at :data:`VALID_LEVEL`. The target: ``refined / truth >= 1/10`` wherever
``truth >= 0.1``.
"""

from __future__ import annotations

import functools
import itertools
import math
import statistics
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

#: The panel's axes (full run).
FAMILIES = ("normal", "laplace")
KINDS = ("normal", "uniform", "laplace", "two-point")
SIZES = (2, 3, 5, 10)
WEIGHTS = ("equal", "linear")
RATIOS = (0.05, 0.2, 0.6)
#: Target: within a factor 10 of the truth wherever the truth is at least 0.1.
TARGET_FACTOR = 10.0
TARGET_FLOOR = 0.1
#: Level of the Clopper-Pearson upper limit a valid bound must not exceed (``valid``):
#: 1 - 0.05/500, a family-wise 95% level for panels of up to 500 rows (exact values, such as
#: the two-point enumeration, fall outside a per-row 95% interval on 5% of rows).
VALID_LEVEL = 0.9999


@dataclass(frozen=True)
class PanelRow:
    """One panel setting."""

    family: str
    kind: str
    n_states: int
    weights: str
    ratio: float
    delta: float


@dataclass
class RowResult:
    """A row's truth (estimate, CI), bounds and ratios (NaN where undefined)."""

    family: str
    kind: str
    n_states: int
    weights: str
    ratio: float
    delta: float
    scale: float
    r_max: float
    truth: float
    ci_lo: float
    ci_hi: float
    n: int
    seed: int
    union: float
    refined: float
    refined_method: str
    paper: float
    paper_applicable: bool
    union_ratio: float
    refined_ratio: float
    paper_ratio: float
    valid: bool
    target: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {
            k: (None if isinstance(v, float) and math.isnan(v) else v)
            for k, v in asdict(self).items()
        }


def panel_rows(quick: bool = False) -> list[PanelRow]:
    """The panel: full (``normal`` family: every kind, N, weights and ratio; ``laplace``
    family: equal weights, two ratios) or ``quick`` (N in {2, 5}, fewer settings)."""
    sizes = (2, 5) if quick else SIZES
    ratios = (0.05, 0.2) if quick else RATIOS
    weights = ("equal",) if quick else WEIGHTS
    rows = _grid("normal", sizes, weights, ratios)
    if not quick:
        rows += _grid("laplace", (2, 5, 10), ("equal",), (0.05, 0.2))
    return rows


def _grid(
    family: str, sizes: Iterable[int], weights: Iterable[str], ratios: Iterable[float]
) -> list[PanelRow]:
    r"""Every kind of :data:`KINDS` crossed with ``sizes``, ``weights`` and ``ratios`` (in this
    order), for one conditional ``family`` at :math:`\delta = 0.05`."""
    return [
        PanelRow(family, k, n, w, rho, 0.05)
        for k, n, w, rho in itertools.product(KINDS, sizes, weights, ratios)
    ]


def weight_vector(name: str, n: int) -> np.ndarray:
    """``equal``: :math:`1/N`; ``linear``: :math:`p_j = 2j/(N(N+1))`."""
    if name == "equal":
        return np.full(n, 1.0 / n)
    w = np.arange(1, n + 1, dtype=float)
    return w / w.sum()


def _states(family: str, n: int, weights: np.ndarray) -> list[dict[str, Any]]:
    """Per-state parameters spread over [0.6, 1.4] (variance or Laplace scale)."""
    spread = np.linspace(0.6, 1.4, n) if n > 1 else np.ones(1)
    out = []
    for w, v in zip(weights, spread, strict=True):
        state: dict[str, Any] = {"weight": float(w), "mean": [0.0]}
        if family == "normal":
            state["cov"] = [[round(float(v), 6)]]
        else:
            state["scale"] = round(float(v), 6)
        out.append(state)
    return out


def row_spec(row: PanelRow, scale: float = 1.0) -> dict[str, Any]:
    """The spec dictionary of a row with mean-law scale ``scale``."""
    w = weight_vector(row.weights, row.n_states)
    w[-1] = 1.0 - w[:-1].sum()
    return {
        "family": row.family,
        "delta": row.delta,
        "mean_law": {"kind": row.kind, "center": [0.0], "scale": [scale]},
        "state": _states(row.family, row.n_states, w),
    }


def row_mixture(row: PanelRow) -> Any:
    """The row's :class:`~hallbound.symbolic.mixture.LatentMixture`, built from the states of
    :func:`row_spec` as a spec file's ``[[state]]`` tables are read (``Family.from_spec``)."""
    from hallbound.symbolic.families import family_class
    from hallbound.symbolic.mixture import LatentMixture

    cls = family_class(row.family)
    states = row_spec(row)["state"]
    laws, dim = [], None
    for state in states:
        law = cls.from_spec(state, dim)
        dim = law.dim
        laws.append(law)
    return LatentMixture([state["weight"] for state in states], laws)


def row_problem(row: PanelRow, scale: float) -> Any:
    """The row's :class:`~hallbound.numeric.montecarlo.RateProblem` at mean-law scale ``scale``
    (squared loss; one mean law, centred at 0, for every state)."""
    from hallbound.numeric.montecarlo import RateProblem
    from hallbound.symbolic.mean_laws import MeanLaw

    spec = row_spec(row, scale)
    mixture = row_mixture(row)
    law = MeanLaw.from_spec(spec["mean_law"], mixture.dim, "mean_law")
    return RateProblem.from_mixture(mixture, [law] * mixture.size, row.delta)


def evaluate_row(
    row: PanelRow, n: int, seed: int, *, level: float = 0.95, kernel: bool = False
) -> RowResult:
    """Truth, bounds and ratios for one row (see the module doc)."""
    from hallbound.numeric.bounds import union_bound
    from hallbound.numeric.bounds_refined import refined_bound
    from hallbound.numeric.intervals import RateEstimate, clopper_pearson
    from hallbound.numeric.montecarlo import count_hallucinations, numpy_count
    from hallbound.numeric.theorem61 import paper_bound

    r = np.array(row_mixture(row).covering_radii(row.delta), dtype=float)
    scale = float(f"{r.max() / row.ratio:.6g}")
    problem = row_problem(row, scale)
    p = problem.weights.astype(float)
    count = count_hallucinations(problem, n, seed) if kernel else numpy_count(problem, n, seed)
    est = RateEstimate(count, n, level, seed)
    lo, hi = est.ci
    s = np.full((row.n_states, 1), scale)
    ub = float(union_bound(p, r, s, row.kind))
    rb = refined_bound(p, r, s, row.kind)
    m2, kk = _moments(row.kind)
    sigma = np.full(row.n_states, m2 * scale**2)
    pb = paper_bound(p, sigma, np.full(row.n_states, kk), float(r.max()))
    paper = float(pb.product)
    truth = est.estimate

    def ratio(b: float) -> float:
        return b / truth if truth > 0 and not math.isnan(b) else math.nan

    hi_valid = clopper_pearson(count, n, VALID_LEVEL)[1]
    valid = all(b <= hi_valid for b in (ub, rb.value))
    target = None if truth < TARGET_FLOOR else bool(rb.value * TARGET_FACTOR >= truth)
    return RowResult(
        row.family, row.kind, row.n_states, row.weights, row.ratio, row.delta, scale,
        float(r.max()), truth, lo, hi, n, seed, ub, rb.value, rb.method, paper,
        bool(pb.applicable), ratio(ub), ratio(rb.value), ratio(paper), valid, target,
    )  # fmt: skip


@functools.cache
def _moments(kind: str) -> tuple[float, float]:
    r""":math:`(m_2, K)` of a one-dimensional mean law of ``kind``: :math:`\sigma^d = m_2 s^2`,
    :math:`K = m_2^2/m_4` (scale-free), from
    :func:`~hallbound.symbolic.mean_laws.standard_moments`."""
    from hallbound.symbolic.mean_laws import standard_moments

    m2, m4 = standard_moments(kind)
    return float(m2), float(m2**2 / m4)


def run_panel(
    rows: Iterable[PanelRow],
    n: int = 200_000,
    seed: int = 0,
    *,
    kernel: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[RowResult]:
    """Evaluate every row; row ``k`` uses seed ``seed + k``."""
    out = []
    for k, row in enumerate(rows):
        out.append(evaluate_row(row, n, seed + k, kernel=kernel))
        if progress is not None:
            progress(1)
    return out


def summary(results: list[RowResult]) -> dict[str, Any]:
    """Over rows with ``truth >= 0.1``: min and median of each bound's ratio (paper: over
    rows where its hypothesis holds), how many rows meet the target, and validity."""
    big = [x for x in results if x.truth >= TARGET_FLOOR]
    out: dict[str, Any] = {"rows": len(results), "rows_truth_ge_0.1": len(big)}
    for name in ("union", "refined", "paper"):
        vals = [getattr(x, f"{name}_ratio") for x in big]
        vals = [v for v in vals if not math.isnan(v)]
        out[name] = {
            "rows": len(vals),
            "min": min(vals) if vals else None,
            "median": statistics.median(vals) if vals else None,
        }
    out["paper"]["hypothesis_fails"] = sum(not x.paper_applicable for x in results)
    out["target_met"] = sum(bool(x.target) for x in big)
    out["all_valid"] = all(x.valid for x in results)
    return out


def format_table(results: list[RowResult]) -> str:
    """A fixed-width table, one line per row, then the summary."""
    head = (
        f"{'family':8} {'kind':9} {'N':>2} {'weights':7} {'rho':>5} {'truth':>9} "
        f"{'CI hi':>9} {'union':>9} {'refined':>9} {'method':9} {'paper':>10} "
        f"{'ref/tru':>8} {'pap/tru':>9} target"
    )
    lines = [head]
    for x in results:
        paper = "cond.fails" if not x.paper_applicable else f"{x.paper:10.3g}"
        target = "-" if x.target is None else ("met" if x.target else "MISSED")
        lines.append(
            f"{x.family:8} {x.kind:9} {x.n_states:2d} {x.weights:7} {x.ratio:5.2f} "
            f"{x.truth:9.4g} {x.ci_hi:9.4g} {x.union:9.4g} {x.refined:9.4g} "
            f"{x.refined_method:9} {paper:>10} {_fmt(x.refined_ratio):>8} "
            f"{_fmt(x.paper_ratio):>9} {target}"
        )
    s = summary(results)
    lines.append("")
    lines.append(f"rows with truth >= 0.1: {s['rows_truth_ge_0.1']} of {s['rows']}")
    for name in ("union", "refined", "paper"):
        v = s[name]
        lines.append(
            f"  {name:8} bound/truth: min {_fmt(v['min'])}, median {_fmt(v['median'])}"
            f" over {v['rows']} rows"
        )
    lines.append(f"  paper's hypothesis fails on {s['paper']['hypothesis_fails']} rows")
    lines.append(
        f"  target (refined >= truth/10): met on {s['target_met']} of "
        f"{s['rows_truth_ge_0.1']}; every bound <= its 99.99% CP upper limit: {s['all_valid']}"
    )
    return "\n".join(lines)


def _fmt(v: float | None) -> str:
    return "nan" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3g}"


__all__ = [
    "PanelRow",
    "RowResult",
    "evaluate_row",
    "format_table",
    "panel_rows",
    "row_mixture",
    "row_problem",
    "row_spec",
    "run_panel",
    "summary",
    "weight_vector",
]
