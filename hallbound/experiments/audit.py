r"""HCDR audit of generated outputs against real data (paper section 7.3, Definition A.1).

Pipeline, fitted once on the real data's fitting split:

1. L2 normalise each row, :math:`x \mapsto x / \|x\|_2`;
2. PCA to ``pca`` components, then z-score each component;
3. per class :math:`c` a diagonal-covariance Gaussian mixture :math:`\hat f_c`, its number of
   components chosen by BIC within ``components = (lo, hi)``;
4. per class a threshold :math:`t_c` = the ``percentile``-th percentile of
   :math:`\log \hat f_c` over the class's calibration split, so that the class HDR
   :math:`\hat U_c = \{x : \log \hat f_c(x) > t_c\}` holds mass about
   :math:`1 - \text{percentile}/100` (the mass form, Definition A.1);
5. HCDR :math:`= \bigcup_c \hat U_c`; a point delta-hallucinates when it lies outside it.

Real points are split per class, seeded: 60% fit, 20% calibration (thresholds), 20% test.
The test share outside the HCDR is the honest comparison figure (it should sit at or just
below the percentile; the calibration share equals it by construction). Each share comes
with a 95% Clopper-Pearson interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from hallbound.errors import InputError

#: Fewest real points a class needs (12 fit, 4 calibration, 4 test).
MIN_PER_CLASS = 20
FIT_FRACTION, CALIBRATION_FRACTION = 0.6, 0.2


@dataclass(frozen=True)
class AuditConfig:
    """Settings of the pipeline; ``components`` is the inclusive BIC search range."""

    percentile: float = 10.0
    pca: int = 128
    components: tuple[int, int] = (2, 6)
    seed: int = 0
    #: ``"diag"`` (the paper's) or ``"full"`` covariance for the class mixtures.
    covariance: str = "diag"

    def validated(self) -> AuditConfig:
        q = float(self.percentile)
        if not np.isfinite(q) or not 0 < q < 100:
            raise InputError("percentile", f"must lie in (0, 100), got {self.percentile!r}")
        if isinstance(self.pca, bool) or int(self.pca) != self.pca or self.pca < 1:
            raise InputError("pca", f"must be a positive integer, got {self.pca!r}")
        lo, hi = self.components
        if not 1 <= lo <= hi:
            raise InputError("components", f"must be a range 1 <= lo <= hi, got {lo}:{hi}")
        if self.covariance not in ("diag", "full"):
            raise InputError("covariance", f"must be diag or full, got {self.covariance!r}")
        return self


def parse_components(text: str) -> tuple[int, int]:
    """``"2:6"`` -> (2, 6); ``"3"`` -> (3, 3)."""
    parts = text.split(":")
    try:
        values = [int(p) for p in parts]
    except ValueError as err:
        raise InputError("components", f"must be LO:HI integers, got {text!r}") from err
    if len(values) == 1:
        values = values * 2
    if len(values) != 2 or not 1 <= values[0] <= values[1]:
        raise InputError("components", f"must be LO:HI with 1 <= LO <= HI, got {text!r}")
    return values[0], values[1]


# ----------------------------------------------------------------------------- input


def check_matrix(x: object, parameter: str) -> np.ndarray:
    """A finite 2-D float matrix with at least one row; names the first NaN row."""
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as err:
        raise InputError(parameter, "must be a numeric matrix") from err
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise InputError(parameter, f"must be a non-empty 2-D matrix (n x d), got {arr.shape}")
    bad = ~np.isfinite(arr).all(axis=1)
    if bad.any():
        rows = np.flatnonzero(bad)
        raise InputError(parameter, f"row {rows[0]} has NaN or infinite values ({rows.size} rows)")
    zero = np.linalg.norm(arr, axis=1) == 0
    if zero.any():
        raise InputError(parameter, f"row {np.flatnonzero(zero)[0]} is all zeros (no direction)")
    return arr


def load_npz(path: str, required: Sequence[str], parameter: str) -> dict[str, np.ndarray]:
    """Read an ``.npz`` (no pickles); every key in ``required`` must be present. A folder
    given as the file is named as such (:class:`InputError` on ``parameter``)."""
    import zipfile

    if Path(path).is_dir():
        raise InputError(parameter, f"{path} is a directory, not a file")
    if Path(path).is_file() and not zipfile.is_zipfile(path):
        raise InputError(parameter, f"{path!r} is not an .npz archive")
    try:
        with np.load(path, allow_pickle=False) as data:
            content = {k: data[k] for k in data.files}
    except FileNotFoundError as err:
        raise InputError(parameter, f"no such file {path!r}") from err
    except (OSError, ValueError) as err:
        raise InputError(parameter, f"not a readable .npz file {path!r}: {err}") from err
    for key in required:
        if key not in content:
            raise InputError(parameter, f"{path!r} has no key {key!r} (has {sorted(content)})")
    return content


def check_labels(labels: object, n: int, parameter: str) -> np.ndarray:
    arr = np.asarray(labels)
    if arr.ndim != 1 or arr.shape[0] != n:
        raise InputError(parameter, f"must be one label per row of X ({n}), got shape {arr.shape}")
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise InputError(parameter, f"entry {np.flatnonzero(~np.isfinite(arr))[0]} is NaN")
    return arr


# ----------------------------------------------------------------------------- model


@dataclass
class HCDRModel:
    """The fitted pipeline: normaliser, one mixture and one threshold per class."""

    pca: object
    scaler: object
    classes: np.ndarray
    mixtures: list
    thresholds: np.ndarray

    @property
    def n_components(self) -> list[int]:
        return [int(g.n_components) for g in self.mixtures]

    def embed(self, x: np.ndarray) -> np.ndarray:
        unit = x / np.linalg.norm(x, axis=1, keepdims=True)
        return self.scaler.transform(self.pca.transform(unit))

    def log_densities(self, x: np.ndarray) -> np.ndarray:
        r""":math:`\log \hat f_c(x)` for every row and class, shape ``(n, classes)``."""
        z = self.embed(x)
        return np.column_stack([g.score_samples(z) for g in self.mixtures])

    def outside(self, x: np.ndarray) -> np.ndarray:
        """True where a row lies outside every class HDR (outside the HCDR)."""
        return ~(self.log_densities(x) > self.thresholds).any(axis=1)


def split_indices(labels: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seeded per-class split of row indices into fit / calibration / test (60/20/20)."""
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    parts: list[list[np.ndarray]] = [[], [], []]
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == c))
        a = int(round(FIT_FRACTION * idx.size))
        b = a + int(round(CALIBRATION_FRACTION * idx.size))
        for part, chunk in zip(parts, (idx[:a], idx[a:b], idx[b:]), strict=True):
            part.append(chunk)
    return tuple(np.sort(np.concatenate(p)) for p in parts)  # type: ignore[return-value]


def fit_hcdr(
    x: np.ndarray, labels: np.ndarray, config: AuditConfig, fit: np.ndarray, cal: np.ndarray
) -> HCDRModel:
    """Fit normaliser and mixtures on rows ``fit``, thresholds on rows ``cal``."""
    from sklearn.decomposition import PCA
    from sklearn.mixture import GaussianMixture
    from sklearn.preprocessing import StandardScaler

    unit = x[fit] / np.linalg.norm(x[fit], axis=1, keepdims=True)
    k = int(min(config.pca, x.shape[1], fit.size - 1))
    pca = PCA(n_components=k, random_state=config.seed).fit(unit)
    scaler = StandardScaler().fit(pca.transform(unit))
    z_fit = scaler.transform(pca.transform(unit))
    classes = np.unique(labels)
    mixtures = []
    fit_labels = labels[fit]
    for c in classes:
        zc = z_fit[fit_labels == c]
        best, best_bic = None, np.inf
        lo, hi = config.components
        for m in range(lo, min(hi, max(lo, zc.shape[0] // 2)) + 1):
            g = GaussianMixture(
                n_components=m,
                covariance_type=config.covariance,
                reg_covar=1e-4,
                random_state=config.seed,
            ).fit(zc)
            bic = g.bic(zc)
            if bic < best_bic:
                best, best_bic = g, bic
        mixtures.append(best)
    model = HCDRModel(pca, scaler, classes, mixtures, np.zeros(classes.size))
    cal_logf = model.log_densities(x[cal])
    cal_labels = labels[cal]
    model.thresholds = np.array(
        [
            np.percentile(cal_logf[cal_labels == c, i], config.percentile)
            for i, c in enumerate(classes)
        ]
    )
    return model


# ----------------------------------------------------------------------------- audit


@dataclass
class Share:
    """``outside`` of ``n`` points outside the HCDR, with a 95% Clopper-Pearson interval."""

    name: str
    n: int
    outside: int

    @property
    def rate(self) -> float:
        return self.outside / self.n

    @property
    def ci(self) -> tuple[float, float]:
        from hallbound.numeric.intervals import clopper_pearson

        return clopper_pearson(int(self.outside), int(self.n))

    def to_json(self) -> dict[str, object]:
        return {"n": self.n, "outside": self.outside, "rate": self.rate, "ci": list(self.ci)}


@dataclass
class AuditResult:
    """Shares outside the HCDR: real test, real calibration, each generated group."""

    config: AuditConfig
    classes: list[str]
    n_components: list[int]
    thresholds: list[float]
    real_test: Share
    real_calibration: Share
    groups: list[Share]
    generated: Share
    real_test_own_class: float
    # For plots: per-class test log-densities of own class, and generated log-densities.
    test_logf: list[np.ndarray] = field(default_factory=list, repr=False)
    model: HCDRModel | None = field(default=None, repr=False)
    generated_logf: np.ndarray | None = field(default=None, repr=False)

    def to_json(self) -> dict[str, object]:
        return {
            "config": {
                "percentile": self.config.percentile,
                "pca": self.config.pca,
                "components": list(self.config.components),
                "seed": self.config.seed,
                "covariance": self.config.covariance,
            },
            "classes": self.classes,
            "n_components": self.n_components,
            "thresholds": self.thresholds,
            "real_test": self.real_test.to_json(),
            "real_test_outside_own_class_hdr": self.real_test_own_class,
            "real_calibration": self.real_calibration.to_json(),
            "generated": self.generated.to_json(),
            "groups": {g.name: g.to_json() for g in self.groups},
        }


def audit(
    real_x: object,
    labels: object,
    gen_x: object,
    groups: object | None = None,
    config: AuditConfig | None = None,
) -> AuditResult:
    """Fit the HCDR on the real data and report the shares outside it."""
    config = (config or AuditConfig()).validated()
    rx = check_matrix(real_x, "real.X")
    lab = check_labels(labels, rx.shape[0], "real.labels")
    gx = check_matrix(gen_x, "generated.X")
    if gx.shape[1] != rx.shape[1]:
        raise InputError(
            "generated.X", f"has {gx.shape[1]} columns but real.X has {rx.shape[1]} (dimensions)"
        )
    grp = np.zeros(gx.shape[0], dtype=int) if groups is None else np.asarray(groups)
    grp = check_labels(grp, gx.shape[0], "generated.group")
    classes, counts = np.unique(lab, return_counts=True)
    if classes.size < 1:
        raise InputError("real.labels", "needs at least one class")
    small = counts < MIN_PER_CLASS
    if small.any():
        c = classes[small][0]
        raise InputError(
            "real.labels",
            f"class {c!r} has {counts[small][0]} points, needs at least {MIN_PER_CLASS} to fit",
        )
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # small dense fits: one BLAS thread is faster than many
        return _audit(rx, lab, gx, grp if groups is not None else None, config)


def _audit(
    rx: np.ndarray, lab: np.ndarray, gx: np.ndarray, grp: np.ndarray | None, config: AuditConfig
) -> AuditResult:
    classes = np.unique(lab)
    fit, cal, test = split_indices(lab, config.seed)
    model = fit_hcdr(rx, lab, config, fit, cal)
    test_logf = model.log_densities(rx[test])
    test_out = ~(test_logf > model.thresholds).any(axis=1)
    cal_out = model.outside(rx[cal])
    own = np.array([np.flatnonzero(classes == c)[0] for c in lab[test]])
    own_out = test_logf[np.arange(test.size), own] <= model.thresholds[own]
    gen_logf = model.log_densities(gx)
    gen_out = ~(gen_logf > model.thresholds).any(axis=1)
    shares = []
    if grp is not None:
        for g in np.unique(grp):
            sel = grp == g
            shares.append(Share(str(g), int(sel.sum()), int(gen_out[sel].sum())))
    return AuditResult(
        config=config,
        classes=[str(c) for c in classes],
        n_components=model.n_components,
        thresholds=[float(t) for t in model.thresholds],
        real_test=Share("real test", int(test.size), int(test_out.sum())),
        real_calibration=Share("real calibration", int(cal.size), int(cal_out.sum())),
        groups=shares,
        generated=Share("generated", int(gx.shape[0]), int(gen_out.sum())),
        real_test_own_class=float(own_out.mean()),
        test_logf=[test_logf[lab[test] == c, i] for i, c in enumerate(classes)],
        generated_logf=gen_logf,
        model=model,
    )


def format_result(result: AuditResult) -> str:
    """Plain-text report."""
    cfg = result.config
    lines = [
        f"# HCDR audit: percentile {cfg.percentile:g}, PCA {cfg.pca}, "
        f"{cfg.covariance} GMM, components {cfg.components[0]}..{cfg.components[1]} by BIC, "
        f"seed {cfg.seed}",
        "class\tcomponents\tthreshold (log-density)",
    ]
    for c, m, t in zip(result.classes, result.n_components, result.thresholds, strict=True):
        lines.append(f"{c}\t{m}\t{t:.4f}")
    lines.append("set\tn\toutside\trate\t95% CI (Clopper-Pearson)")
    rows = [result.real_test, result.real_calibration, result.generated, *result.groups]
    for s in rows:
        lo, hi = s.ci
        lines.append(f"{s.name}\t{s.n}\t{s.outside}\t{s.rate:.4f}\t[{lo:.4f}, {hi:.4f}]")
    return "\n".join(lines)


def plot_audit(result: AuditResult, path: str) -> None:
    """Per class: histogram of real test log-densities, the threshold, generated points."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hallbound.experiments.coin import figure_format
    from hallbound.io import atomic_write_bytes

    fmt = figure_format(path)
    k = len(result.classes)
    cols = min(k, 5)
    rows = -(-k // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.6 * rows), squeeze=False)
    for i, c in enumerate(result.classes):
        ax = axes[i // cols, i % cols]
        real = result.test_logf[i]
        gen = result.generated_logf[:, i] if result.generated_logf is not None else np.array([])
        lo = np.percentile(np.concatenate([real, gen]), 1) if gen.size else real.min()
        bins = np.linspace(max(lo, real.min() - 3 * real.std()), real.max(), 30)
        ax.hist(real, bins=bins, alpha=0.6, density=True, label="real (test)")
        if gen.size:
            ax.hist(
                np.clip(gen, bins[0], None),
                bins=bins,
                alpha=0.5,
                density=True,
                label="generated",
                color="C3",
            )
        ax.axvline(result.thresholds[i], color="k", ls="--", lw=1, label="threshold")
        ax.set_title(f"class {c}", fontsize=9)
        ax.set_xlabel(r"$\log \hat f_c$ (lower values piled at the left edge)", fontsize=7)
    for j in range(k, rows * cols):
        axes[j // cols, j % cols].axis("off")
    axes[0, 0].legend(fontsize=7)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt)
    plt.close(fig)
    atomic_write_bytes(path, buf.getvalue())
