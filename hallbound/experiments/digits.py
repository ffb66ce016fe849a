r"""HCDR audit on real handwritten digits (scikit-learn's bundled 8x8 set, offline).

Each class (digit 0..9) is a latent state. For an ambiguous request "draw an a or a b"
with equal weights, the squared-loss optimal answer (Lemma B.1) is the mixture mean
:math:`\tfrac12(\mu_a + \mu_b)`, :math:`\mu_c` the mean image of class c. The audit fits
the HCDR on the real digits (:mod:`hallbound.experiments.audit`) and measures which share
of these answers falls outside it, next to the held-out real digits. Groups:

* ``pair_mean``: :math:`\tfrac12(\mu_a + \mu_b)` for all 45 pairs :math:`a < b`;
* ``pair_mean_k``: per pair, ``draws`` estimates
  :math:`\tfrac12(\bar x_a + \bar x_b)`, each :math:`\bar x_c` the mean of ``k`` random
  images of class c (the paper's K-sample mean of a generator's outputs);
* ``class_mean``: :math:`\mu_c` alone (the optimal answer to an unambiguous request);
* ``real_pair``: one real image of class a or b per draw (a generator that samples a
  mode instead of averaging: it should sit near the held-out real share).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from hallbound.errors import InputError
from hallbound.experiments.audit import (
    AuditConfig,
    AuditResult,
    Share,
    audit,
    parse_components,
)

#: Pairs drawn in the figure.
FIGURE_PAIRS: tuple[tuple[int, int], ...] = ((0, 1), (3, 8), (4, 9), (1, 7), (5, 6))


@dataclass
class DigitsResult:
    """The audit (union of all ten class HDRs), the shares outside the request's own
    classes' HDRs per group, and per pair whether its mean lies outside the union."""

    audit: AuditResult
    own_states: list[Share]
    #: Per group (and "real test"): median over rows of max_c (log f_c(x) - t_c); positive
    #: means inside the HCDR, larger means deeper inside.
    median_margin: dict[str, float]
    pairs: list[tuple[int, int]]
    pair_mean_outside: list[bool]

    def to_json(self) -> dict[str, object]:
        out = self.audit.to_json()
        out["dataset"] = "sklearn.datasets.load_digits (1797 real 8x8 images, 10 classes)"
        out["pair_mean_outside"] = {
            f"{a}-{b}": flag
            for (a, b), flag in zip(self.pairs, self.pair_mean_outside, strict=True)
        }
        return out


def build_generated(
    x: np.ndarray, y: np.ndarray, draws: int, k: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[int, int]]]:
    """The generated rows, their group names, the request's latent states per row (a pair
    ``(a, b)``, or ``(c, c)`` for a class mean) and the list of pairs."""
    classes = np.unique(y)
    means = {int(c): x[y == c].mean(axis=0) for c in classes}
    pairs = [(int(a), int(b)) for a, b in itertools.combinations(classes, 2)]
    rows, names, states = [], [], []
    for a, b in pairs:
        rows.append(0.5 * (means[a] + means[b]))
        names.append("pair_mean")
        states.append((a, b))
    for a, b in pairs:
        for _ in range(draws):
            xa = x[rng.choice(np.flatnonzero(y == a), size=k, replace=False)].mean(axis=0)
            xb = x[rng.choice(np.flatnonzero(y == b), size=k, replace=False)].mean(axis=0)
            rows.append(0.5 * (xa + xb))
            names.append("pair_mean_k")
            c = a if rng.random() < 0.5 else b
            rows.append(x[rng.choice(np.flatnonzero(y == c))])
            names.append("real_pair")
            states += [(a, b), (a, b)]
    for c in classes:
        rows.append(means[int(c)])
        names.append("class_mean")
        states.append((int(c), int(c)))
    return np.array(rows), np.array(names), np.array(states), pairs


def outside_own_states(result: AuditResult, x: np.ndarray, states: np.ndarray) -> np.ndarray:
    r"""Definition 4.2 with the request's own latent states: row r is outside when
    :math:`\log \hat f_c(x_r) \le t_c` for both classes c of ``states[r]``."""
    assert result.model is not None
    logf = result.model.log_densities(x)
    rows = np.arange(x.shape[0])
    t = result.model.thresholds
    idx = np.searchsorted(result.model.classes, states)
    return (logf[rows, idx[:, 0]] <= t[idx[:, 0]]) & (logf[rows, idx[:, 1]] <= t[idx[:, 1]])


def run_digits(
    percentile: float = 10.0,
    pca: int = 20,
    components: str | tuple[int, int] = "1:4",
    covariance: str = "diag",
    draws: int = 20,
    k: int = 5,
    seed: int = 0,
    plot: str | None = None,
    audit_plot: str | None = None,
) -> DigitsResult:
    """Audit pair means of real digits against the digits' HCDR; optionally draw figures."""
    from sklearn.datasets import load_digits

    from hallbound.experiments.coin import figure_format

    for path in (plot, audit_plot):
        if path:
            figure_format(path)
    if draws < 1:
        raise InputError("draws", f"must be at least 1, got {draws!r}")
    if not 1 <= k <= 100:
        raise InputError("k", f"must lie in 1..100, got {k!r}")
    comps = parse_components(components) if isinstance(components, str) else components
    config = AuditConfig(
        percentile=percentile, pca=pca, components=comps, seed=seed, covariance=covariance
    ).validated()
    data = load_digits()
    x, y = data.data.astype(float), data.target.astype(int)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
    gen, groups, states, pairs = build_generated(x, y, draws, k, rng)
    result = audit(x, y, gen, groups, config)
    assert result.model is not None
    pair_out = result.model.outside(gen[groups == "pair_mean"]).tolist()
    own_out = outside_own_states(result, gen, states)
    own = [
        Share(str(g), int((groups == g).sum()), int(own_out[groups == g].sum()))
        for g in np.unique(groups)
    ]
    if plot:
        plot_digits(x, y, result, pairs, pair_out, plot, rng)
    if audit_plot:
        from hallbound.experiments.audit import plot_audit

        plot_audit(result, audit_plot)
    margin = _median_margins(result, x, y, gen, groups)
    return DigitsResult(result, own, margin, pairs, [bool(v) for v in pair_out])


def _median_margins(
    result: AuditResult, x: np.ndarray, y: np.ndarray, gen: np.ndarray, groups: np.ndarray
) -> dict[str, float]:
    assert result.model is not None
    t = result.model.thresholds
    gen_margin = (result.model.log_densities(gen) - t).max(axis=1)
    out = {str(g): float(np.median(gen_margin[groups == g])) for g in np.unique(groups)}
    test = np.concatenate([v - t[i] for i, v in enumerate(result.test_logf)])
    out["real test (own class)"] = float(np.median(test))
    return out


def plot_digits(
    x: np.ndarray,
    y: np.ndarray,
    result: AuditResult,
    pairs: list[tuple[int, int]],
    pair_out: list[bool],
    path: str,
    rng: np.random.Generator,
) -> None:
    """Rows of: a real a, a real b, the pair mean (marked outside/inside the HCDR)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hallbound.experiments.coin import figure_format
    from hallbound.io import atomic_write_bytes

    fmt = figure_format(path)
    fig, axes = plt.subplots(len(FIGURE_PAIRS), 3, figsize=(5.0, 1.75 * len(FIGURE_PAIRS)))
    for row, (a, b) in enumerate(FIGURE_PAIRS):
        mean = 0.5 * (x[y == a].mean(axis=0) + x[y == b].mean(axis=0))
        real_a = x[rng.choice(np.flatnonzero(y == a))]
        real_b = x[rng.choice(np.flatnonzero(y == b))]
        flag = pair_out[pairs.index((a, b))]
        panels = (
            (real_a, f"real {a}"),
            (real_b, f"real {b}"),
            (mean, f"mean {a}/{b}: {'OUTSIDE' if flag else 'inside'}"),
        )
        for col, (img, title) in enumerate(panels):
            ax = axes[row, col]
            ax.imshow(img.reshape(8, 8), cmap="gray_r", vmin=0, vmax=16)
            ax.set_title(title, fontsize=8, color="C3" if col == 2 and flag else "k")
            ax.set_xticks([])
            ax.set_yticks([])
    by_name = {g.name: g for g in result.groups}
    pm, rt = by_name["pair_mean"], result.real_test
    fig.suptitle(f"outside HCDR: pair means {pm.rate:.0%}, held-out real {rt.rate:.0%}", fontsize=9)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt)
    plt.close(fig)
    atomic_write_bytes(path, buf.getvalue())


def format_result(result: DigitsResult) -> str:
    from hallbound.experiments.audit import format_result as format_audit

    lines = ["# digits (sklearn load_digits, 1797 real 8x8 images): pair means vs HCDR"]
    lines.append(format_audit(result.audit))
    lines.append("outside the request's own classes' HDRs (Definition 4.2 with its states):")
    for s in result.own_states:
        lo, hi = s.ci
        lines.append(f"{s.name}\t{s.n}\t{s.outside}\t{s.rate:.4f}\t[{lo:.4f}, {hi:.4f}]")
    margins = ", ".join(f"{k} {v:+.2f}" for k, v in result.median_margin.items())
    lines.append(f"median of max_c (log f_c - t_c): {margins}")
    flags = zip(result.pairs, result.pair_mean_outside, strict=True)
    outside = [f"{a}-{b}" for (a, b), o in flags if o]
    lines.append(f"pair means outside the HCDR: {', '.join(outside) if outside else 'none'}")
    return "\n".join(lines)
