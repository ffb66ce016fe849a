r"""Coin aggregation (paper section 7.1), exactly, and with a learned regressor.

There are :math:`2N` coins with head probabilities :math:`p_i = i/(2N)`, :math:`i=1..2N`.
An input is a set :math:`S` of :math:`N` distinct coins (uniform over the
:math:`\binom{2N}{N}` sets); the target is the number of heads :math:`K_S`, a
Poisson-binomial count with pmf :math:`f_S(k) = [x^k] \prod_{i \in S}(1 - p_i + p_i x)`.

Exact part, for every input:

* the squared-loss optimum (Lemma B.1) :math:`A^*(S) = E[K_S] = \sum_{i \in S} p_i`;
* :math:`f_S(\lceil A^* \rceil)` (the paper's metric), :math:`f_S(\lfloor A^* + 1/2 \rfloor)`
  (nearest, ties up) and :math:`\max_k f_S(k)` (the mode's probability);
* :math:`f_S(A^*)` itself. **Density convention**: the target is discrete, so its density
  is taken with respect to counting measure: :math:`f_S(a) = \Pr[K_S = a]` for an integer
  :math:`a` and :math:`f_S(a) = 0` off the integers. A non-integer optimum therefore
  delta-hallucinates for every :math:`\delta > 0`.

Delta-hallucination (Definition 4.2) with one latent state (the law given the input): an
answer :math:`a` delta-hallucinates at :math:`S` when :math:`f_S(a) \le \delta`; the rate
is the share of inputs where it does, for the estimate and each rounded variant.

Every probability has the common denominator :math:`(2N)^N`, so numerators are integers:
for :math:`N \le 13` they are exact in int64 and the averages are exact rationals. All
:math:`\binom{2N}{N}` inputs are enumerated up to ``max_inputs``; above, a seeded uniform
sample of inputs is used and each average carries its standard error (rates a
Clopper-Pearson interval). For :math:`N > 13` the per-input pmf is float64 (DP, absolute
error below :math:`10^{-13}`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from numba import njit

from hallbound.errors import InputError

#: Answers whose probability is reported, in order.
VARIANTS: tuple[str, ...] = ("estimate", "ceil", "round", "mode")
#: Default hallucination levels.
DEFAULT_DELTAS: tuple[str, ...] = ("0.01", "0.05", "0.1", "0.2", "0.3", "0.4", "0.5")
#: How the density of a real-valued answer is read off the discrete target's law.
DENSITY_CONVENTION = (
    "counting measure: f_S(a) = Pr[K_S = a] for an integer a and 0 off the integers, so a "
    "non-integer optimal estimate delta-hallucinates for every delta > 0; 'ceil', 'round' "
    "(nearest, ties up) and 'mode' read the pmf at that integer instead"
)
#: Largest N whose numerators (at most (2N)^N) fit in int64.
EXACT_MAX_N = 13


@dataclass
class Figure:
    """An average: exact rational when known, else a float with its standard error."""

    value: float
    exact: Fraction | None = None
    stderr: float = 0.0

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"value": self.value}
        if self.exact is not None:
            out["exact"] = str(self.exact)
        else:
            out["stderr"] = self.stderr
        return out


@dataclass
class CoinExact:
    """Exact (or sampled) figures of the coin experiment for one N."""

    n: int
    inputs: int
    enumerated: int
    exhaustive: bool
    averages: dict[str, Figure]
    deltas: list[Fraction]
    rates: dict[str, list[Figure]]
    intervals: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "N": self.n,
            "coins": 2 * self.n,
            "inputs": self.inputs,
            "enumerated": self.enumerated,
            "exhaustive": self.exhaustive,
            "averages": {k: v.to_json() for k, v in self.averages.items()},
            "deltas": [str(d) for d in self.deltas],
            "hallucination_rate": {k: self._rates_json(k) for k in self.rates},
        }

    def _rates_json(self, name: str) -> list[dict[str, object]]:
        out = [f.to_json() for f in self.rates[name]]
        for item, ci in zip(out, self.intervals.get(name, []), strict=False):
            item["ci"] = list(ci)
        return out


def validate_n(n: int) -> int:
    if isinstance(n, bool) or int(n) != n or n < 1:
        raise InputError("n", f"must be a positive integer, got {n!r}")
    return int(n)


def parse_deltas(deltas: Sequence[str | float | Fraction]) -> list[Fraction]:
    """Hallucination levels as exact rationals in (0, 1] (decimal strings are exact)."""
    out = []
    for d in deltas:
        try:
            q = Fraction(str(d)) if isinstance(d, float) else Fraction(d)
        except (TypeError, ValueError, ZeroDivisionError) as err:
            raise InputError("delta", f"must be numbers, got {d!r}") from err
        if not 0 < q <= 1:
            raise InputError("delta", f"must lie in (0, 1], got {d!r}")
        out.append(q)
    if not out:
        raise InputError("delta", "must hold at least one level")
    return out


def all_inputs(n: int) -> np.ndarray:
    """Every input as a row of coin labels :math:`i \\in 1..2N` (lexicographic)."""
    flat = np.fromiter(
        itertools.chain.from_iterable(itertools.combinations(range(1, 2 * n + 1), n)),
        dtype=np.int64,
    )
    return flat.reshape(-1, n)


def sample_inputs(n: int, m: int, rng: np.random.Generator) -> np.ndarray:
    """``m`` inputs drawn uniformly (each a uniform N-subset of the 2N coins), sorted rows."""
    keys = rng.random((m, 2 * n))
    return np.sort(np.argsort(keys, axis=1)[:, :n] + 1, axis=1).astype(np.int64)


@njit(cache=True)
def _numerators(labels: np.ndarray, two_n: int) -> np.ndarray:  # pragma: no cover - compiled
    # Columns: S = sum of labels, then (2N)^N * f at ceil, round, mode, estimate.
    m, n = labels.shape
    out = np.zeros((m, 5), dtype=np.int64)
    c = np.zeros(n + 1, dtype=np.int64)
    for r in range(m):
        c[:] = 0
        c[0] = 1
        s = 0
        for j in range(n):
            k = labels[r, j]
            s += k
            for t in range(j + 1, 0, -1):
                c[t] = (two_n - k) * c[t] + k * c[t - 1]
            c[0] = (two_n - k) * c[0]
        up = -((-s) // two_n)
        near = (2 * s + two_n) // (2 * two_n)
        out[r, 0] = s
        out[r, 1] = c[up]
        out[r, 2] = c[near]
        out[r, 3] = c.max()
        out[r, 4] = c[s // two_n] if s % two_n == 0 else 0
    return out


def _float_probabilities(labels: np.ndarray, two_n: int) -> np.ndarray:
    from hallbound.numeric.poisson_binomial import pmf_dp_rows

    pmfs = pmf_dp_rows(labels / two_n)
    s = labels.sum(axis=1)
    rows = np.arange(labels.shape[0])
    up = -((-s) // two_n)
    near = (2 * s + two_n) // (2 * two_n)
    at = np.where(s % two_n == 0, pmfs[rows, s // two_n], 0.0)
    return np.column_stack([pmfs[rows, up], pmfs[rows, near], pmfs.max(axis=1), at])


def coin_exact(
    n: int,
    deltas: Sequence[str | float | Fraction] = DEFAULT_DELTAS,
    max_inputs: int = 1_000_000,
    samples: int = 200_000,
    seed: int = 0,
) -> CoinExact:
    """The exact averages over all inputs (or a seeded sample above ``max_inputs``)."""
    n = validate_n(n)
    levels = parse_deltas(deltas)
    total = math.comb(2 * n, n)
    exhaustive = total <= max_inputs
    if exhaustive:
        labels = all_inputs(n)
    else:
        if samples < 2:
            raise InputError("samples", f"must be at least 2, got {samples!r}")
        labels = sample_inputs(n, samples, np.random.default_rng(seed))
    two_n = 2 * n
    m = labels.shape[0]
    order = ("ceil", "round", "mode", "estimate")
    if n <= EXACT_MAX_N:
        num = _numerators(labels, two_n)
        denom = two_n**n
        exact_cols = {name: num[:, i + 1] for i, name in enumerate(order)}
        probs = {name: col / denom for name, col in exact_cols.items()}
    else:
        fl = _float_probabilities(labels, two_n)
        probs = dict(zip(order, fl.T, strict=True))
        exact_cols, denom = {}, 1
    variance_num = (labels * (two_n - labels)).sum(axis=1).astype(object)
    averages: dict[str, Figure] = {}
    for name in VARIANTS:
        averages[f"p_{name}"] = _average(probs[name], exact_cols.get(name), denom, exhaustive)
    averages["estimate"] = _average(
        labels.sum(axis=1) / two_n, labels.sum(axis=1).astype(object), two_n, exhaustive
    )
    averages["bayes_risk"] = _average(
        np.asarray(variance_num, dtype=float) / two_n**2, variance_num, two_n**2, exhaustive
    )
    rates: dict[str, list[Figure]] = {v: [] for v in VARIANTS}
    intervals: dict[str, list[tuple[float, float]]] = {}
    for name in VARIANTS:
        for d in levels:
            if name in exact_cols:
                hits = _count_at_most(exact_cols[name], d, denom)
            else:
                hits = int(np.count_nonzero(probs[name] <= float(d)))
            if exhaustive:
                rates[name].append(Figure(hits / m, Fraction(hits, m)))
            else:
                rates[name].append(Figure(hits / m, None, math.sqrt(hits * (m - hits) / m) / m))
                intervals.setdefault(name, []).append(_clopper_pearson(hits, m))
    return CoinExact(n, total, m, exhaustive, averages, levels, rates, intervals)


def _count_at_most(numerators: np.ndarray, d: Fraction, denom: int) -> int:
    """How many :math:`x/\text{denom} \\le d`, exactly."""
    if denom * d.denominator < 2**62:
        return int(np.count_nonzero(numerators * d.denominator <= d.numerator * denom))
    return sum(1 for x in numerators if int(x) * d.denominator <= d.numerator * denom)


def _average(values: np.ndarray, numerators, denom: int, exhaustive: bool) -> Figure:
    m = len(values)
    if numerators is not None and exhaustive:
        exact = Fraction(int(sum(int(x) for x in numerators)), denom * m)
        return Figure(float(exact), exact)
    arr = np.asarray(values, dtype=float)
    return Figure(float(arr.mean()), None, float(arr.std(ddof=1) / math.sqrt(m)))


def _clopper_pearson(hits: int, trials: int) -> tuple[float, float]:
    from hallbound.numeric.intervals import clopper_pearson

    return clopper_pearson(int(hits), int(trials))


# --------------------------------------------------------------------------- learned part


@dataclass
class LearnCurve:
    r"""Per-epoch training MSE and validation metric of a squared-loss regressor, with the
    same figures for the exact optimum :math:`A^*(S) = \sum_{i \in S} p_i` on the same data
    and the validation mean of the mode's probability."""

    n: int
    samples: int
    epochs: list[int]
    train_mse: list[float]
    val_metric: list[float]
    optimal_train_mse: float
    optimal_val_metric: float
    mode_val_metric: float

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def encode(labels: np.ndarray, n: int) -> np.ndarray:
    """Multi-hot encoding of inputs: row r has a 1 at column i-1 for each chosen coin i."""
    x = np.zeros((labels.shape[0], 2 * n))
    np.put_along_axis(x, labels - 1, 1.0, axis=1)
    return x


def ceil_metric(predictions: np.ndarray, pmfs: np.ndarray) -> float:
    r"""Mean of :math:`f_S(\lceil \hat a \rceil)`; a count outside :math:`0..N` has
    probability 0."""
    k = np.ceil(predictions).astype(np.int64)
    ok = (k >= 0) & (k < pmfs.shape[1])
    out = np.zeros(len(k))
    out[ok] = pmfs[np.flatnonzero(ok), k[ok]]
    return float(out.mean())


def coin_learn(
    n: int,
    samples: int = 20000,
    epochs: int = 30,
    seed: int = 0,
    hidden: tuple[int, ...] = (64, 64),
) -> LearnCurve:
    """Train ``MLPRegressor`` (squared loss) on ``samples`` seeded input/target pairs, 80/20
    split; after each epoch record the training MSE and the validation mean of
    :math:`f_S(\\lceil \\hat a(S) \\rceil)`."""
    from sklearn.neural_network import MLPRegressor
    from threadpoolctl import threadpool_limits

    from hallbound.numeric.poisson_binomial import pmf_dp_rows

    n = validate_n(n)
    if samples < 10:
        raise InputError("samples", f"must be at least 10, got {samples!r}")
    if epochs < 1:
        raise InputError("epochs", f"must be at least 1, got {epochs!r}")
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    labels = sample_inputs(n, samples, rng)
    p = labels / (2 * n)
    y = (rng.random(p.shape) < p).sum(axis=1).astype(float)
    x = encode(labels, n)
    cut = int(round(0.8 * samples))
    x_tr, y_tr, x_va = x[:cut], y[:cut], x[cut:]
    pmf_va = pmf_dp_rows(p[cut:])
    model = MLPRegressor(
        hidden_layer_sizes=hidden,
        learning_rate_init=1e-3,
        batch_size=min(200, cut),
        random_state=int(rng.integers(2**31 - 1)),
    )
    train_mse, val_metric = [], []
    with threadpool_limits(1):  # small matrices: one BLAS thread is fastest and reproducible
        for _ in range(epochs):
            model.partial_fit(x_tr, y_tr)
            train_mse.append(float(np.mean((model.predict(x_tr) - y_tr) ** 2)))
            val_metric.append(ceil_metric(model.predict(x_va), pmf_va))
    return LearnCurve(
        n=n,
        samples=samples,
        epochs=list(range(1, epochs + 1)),
        train_mse=train_mse,
        val_metric=val_metric,
        optimal_train_mse=float(np.mean((p[:cut].sum(axis=1) - y_tr) ** 2)),
        optimal_val_metric=ceil_metric(p[cut:].sum(axis=1), pmf_va),
        mode_val_metric=float(pmf_va.max(axis=1).mean()),
    )


def plot_curves(curves: Sequence[LearnCurve], path: str) -> None:
    """Figure 3 shape: per N, training MSE (top) and validation metric (bottom) by epoch."""
    import matplotlib

    matplotlib.use("Agg")
    import io

    import matplotlib.pyplot as plt

    from hallbound.io import atomic_write_bytes

    fig, axes = plt.subplots(2, len(curves), figsize=(3.6 * len(curves), 5.6), squeeze=False)
    for col, c in enumerate(curves):
        top, bottom = axes[0, col], axes[1, col]
        top.plot(c.epochs, c.train_mse, marker=".", label="training MSE")
        top.axhline(c.optimal_train_mse, ls="--", color="k", lw=1, label=r"MSE of $A^*$")
        top.set_title(f"N = {c.n} ({c.samples} samples)")
        top.set_xlabel("epoch")
        top.legend(fontsize=7)
        bottom.plot(
            c.epochs, c.val_metric, marker=".", color="C1", label=r"$f(\lceil\hat a\rceil)$"
        )
        bottom.axhline(
            c.optimal_val_metric, ls="--", color="k", lw=1, label=r"$f(\lceil A^*\rceil)$"
        )
        bottom.axhline(c.mode_val_metric, ls=":", color="C2", lw=1, label="mode")
        bottom.set_xlabel("epoch")
        bottom.set_ylim(0, 1)
        bottom.legend(fontsize=7)
    axes[1, 0].set_ylabel("validation probability")
    axes[0, 0].set_ylabel("training loss")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=figure_format(path))
    plt.close(fig)
    atomic_write_bytes(path, buf.getvalue())


def figure_format(path: str) -> str:
    """The image format from a figure path's extension (png, pdf, svg)."""
    ext = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if ext not in {"png", "pdf", "svg"}:
        raise InputError("plot", f"must end in .png, .pdf or .svg, got {path!r}")
    return ext


def format_exact(e: CoinExact) -> str:
    """Plain-text table of one N's exact figures."""
    how = "all inputs" if e.exhaustive else f"{e.enumerated} sampled inputs (stderr shown)"
    lines = [f"# coin aggregation, N = {e.n}: {2 * e.n} coins, {e.inputs} inputs, {how}"]
    for name, fig in e.averages.items():
        exact = f"  = {fig.exact}" if fig.exact is not None else f"  +- {fig.stderr:.2g}"
        lines.append(f"  mean {name:<12} {fig.value:.10f}{exact}")
    lines.append("  delta-hallucination rate   " + "  ".join(f"{float(d):>6g}" for d in e.deltas))
    for name, figs in e.rates.items():
        lines.append(f"    {name:<24}" + "  ".join(f"{f.value:6.4f}" for f in figs))
    return "\n".join(lines)


def format_curve(c: LearnCurve) -> str:
    """One line per N: last-epoch learned figures against the exact optimum."""
    return (
        f"# learned N = {c.n}, M = {c.samples}, {len(c.epochs)} epochs: training MSE "
        f"{c.train_mse[-1]:.4f} (optimum A* {c.optimal_train_mse:.4f}); validation "
        f"f(ceil) {c.val_metric[-1]:.4f} (optimum {c.optimal_val_metric:.4f}, "
        f"mode {c.mode_val_metric:.4f})"
    )
