r"""Figures as byte-stable PDFs (matplotlib, no pyplot state, no timestamps).

* :func:`mixture_figure`: a two-state mixture, its conditional densities :math:`f_i`, the
  high conditional density regions :math:`U_i^\delta = \{f_i > \delta\}` (shaded) and the
  squared-loss optimal estimate :math:`A^* = \sum_i p_i \mu_i` between them.
* :func:`rate_figure`: the Theorem 6.1 bound and the Monte Carlo rate (with its interval)
  against :math:`\delta`, one curve per number of states :math:`N`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

#: rcParams for every figure: fixed fonts and sizes, TrueType fonts in the PDF.
RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "pdf.fonttype": 42,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "hallbound",
    "path.simplify": False,
}

#: PDF metadata: no dates, a fixed creator.
PDF_METADATA: dict[str, Any] = {"CreationDate": None, "ModDate": None, "Creator": "hallbound"}


def pdf_bytes(draw: Any, size: tuple[float, float] = (4.8, 3.0)) -> bytes:
    """Call ``draw(fig)`` on a fresh Figure and return the PDF bytes (deterministic)."""
    import matplotlib
    from matplotlib.backends.backend_pdf import FigureCanvasPdf
    from matplotlib.figure import Figure

    with matplotlib.rc_context(RC):
        fig = Figure(figsize=size)
        FigureCanvasPdf(fig)
        draw(fig)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf", metadata=PDF_METADATA)
    return buf.getvalue()


def interval_bounds(level_set: Any) -> list[tuple[float, float]]:
    """The ``(start, end)`` pairs of a 1-d level set (interval or union of intervals)."""
    import sympy as sp

    if level_set.is_empty():
        return []
    region = level_set.region
    parts = region.args if isinstance(region, sp.Union) else (region,)
    return [(float(sp.N(p.start, 30)), float(sp.N(p.end, 30))) for p in parts]


def mixture_figure(mixture: Any, delta: float) -> bytes:
    r"""PDF of a 1-d mixture: each :math:`f_i`, :math:`U_i^\delta` shaded, :math:`\delta`,
    and :math:`A^* = \sum_i p_i \mu_i` (which delta-hallucinates when it lies outside all
    :math:`U_i^\delta`)."""
    import sympy as sp

    if mixture.dim != 1:
        from hallbound.errors import InputError

        raise InputError("mixture", f"the picture needs a 1-d mixture, got dim {mixture.dim}")
    means = [float(s.mean_vector()[0]) for s in mixture.states]
    spread = [float(sp.sqrt(s.variance()).evalf()) for s in mixture.states]
    lo = min(m - 4 * s for m, s in zip(means, spread, strict=True))
    hi = max(m + 4 * s for m, s in zip(means, spread, strict=True))
    grid = np.linspace(lo, hi, 401)
    estimate = float(mixture.mean_vector()[0])
    exact_delta = sp.Rational(repr(delta))
    colours = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")

    def draw(fig: Any) -> None:
        ax = fig.add_subplot(1, 1, 1)
        for i, state in enumerate(mixture.states):
            colour = colours[i % len(colours)]
            f = np.array([state.pdf(x) for x in grid])
            ax.plot(grid, f, color=colour, lw=1.4, label=rf"$f_{i + 1}$")
            for a, b in interval_bounds(state.level_set(exact_delta)):
                label = rf"$U_{i + 1}^{{\delta}}$"
                ax.axvspan(a, b, color=colour, alpha=0.15, lw=0, label=label)
        marginal = np.array(
            [
                sum(
                    float(w) * s.pdf(x)
                    for w, s in zip(mixture.weight_vector(), mixture.states, strict=True)
                )
                for x in grid
            ]
        )
        ax.plot(grid, marginal, color="0.35", lw=1.0, ls="--", label=r"$\sum_i p_i f_i$")
        ax.axhline(delta, color="0.2", lw=0.8, ls=":", label=rf"$\delta = {delta:g}$")
        ax.axvline(estimate, color="black", lw=1.2)
        ax.annotate(
            r"$A^* = \sum_i p_i \mu_i$",
            xy=(estimate, delta),
            xytext=(estimate, 0.8 * ax.get_ylim()[1]),
            ha="center",
            arrowprops={"arrowstyle": "->", "lw": 0.8},
            bbox={"fc": "white", "ec": "none", "pad": 1.0},
        )
        ax.set_xlabel(r"output $a$")
        ax.set_ylabel("density")
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=7)

    return pdf_bytes(draw, size=(5.6, 3.0))


def rate_figure(
    deltas: Sequence[float],
    curves: Mapping[int, Mapping[str, Sequence[float]]],
) -> bytes:
    r"""PDF of bound and Monte Carlo rate against :math:`\delta`, one colour per :math:`N`.

    ``curves[N]`` holds equal-length lists ``bound``, ``rate``, ``low``, ``high`` (the
    Monte Carlo interval) aligned with ``deltas``.
    """
    colours = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b")

    def draw(fig: Any) -> None:
        ax = fig.add_subplot(1, 1, 1)
        x = np.asarray(deltas, dtype=float)
        for k, n in enumerate(sorted(curves)):
            c = curves[n]
            colour = colours[k % len(colours)]
            ax.plot(x, c["bound"], color=colour, lw=1.2, ls="--", label=f"bound, N={n}")
            rate = np.asarray(c["rate"], dtype=float)
            err = np.vstack([rate - np.asarray(c["low"]), np.asarray(c["high"]) - rate])
            ax.errorbar(
                x,
                rate,
                yerr=err,
                color=colour,
                lw=1.0,
                marker="o",
                ms=3,
                capsize=2,
                label=f"Monte Carlo, N={n}",
            )
        ax.set_xlabel(r"$\delta$")
        ax.set_ylabel("probability of $\\delta$-hallucination")
        ax.set_yscale("log")
        lowest = min(min(c["bound"]) for c in curves.values())
        ax.set_ylim(lowest / 5, 2.0)
        ax.legend(loc="center left", frameon=False, fontsize=7, ncol=2)

    return pdf_bytes(draw)


#: The two-state example of the mixture picture: weights, means, variances, delta.
MIXTURE_EXAMPLE: dict[str, Any] = {
    "weights": (0.5, 0.5),
    "means": (-3.0, 3.0),
    "variances": (1.0, 1.0),
    "delta": 0.05,
}


def example_mixture() -> Any:
    """The Normal two-state mixture of :data:`MIXTURE_EXAMPLE`."""
    from hallbound.symbolic.families.normal import Normal
    from hallbound.symbolic.mixture import LatentMixture

    ex = MIXTURE_EXAMPLE
    states = [
        Normal.from_spec({"mean": [m], "cov": [[v]]})
        for m, v in zip(ex["means"], ex["variances"], strict=True)
    ]
    return LatentMixture(list(ex["weights"]), states)


def figure_tex(pdf: str, caption: str, label: str, width: str = "0.75\\linewidth") -> str:
    """A ``figure`` float that includes ``\\hbDir pdf``."""
    return (
        "\\begin{figure}[htbp]\n"
        "  \\centering\n"
        f"  \\includegraphics[width={width}]{{\\hbDir {pdf}}}\n"
        f"  \\caption{{{caption}}}\n"
        f"  \\label{{{label}}}\n"
        "\\end{figure}\n"
    )


def mixture_fragment() -> dict[str, str | bytes]:
    """``figures/mixture.pdf`` and the fragment ``figures/mixture.tex``."""
    ex = MIXTURE_EXAMPLE
    mixture = example_mixture()
    estimate = float(mixture.mean_vector()[0])
    halluc = mixture.hallucinates([estimate], ex["delta"])
    verdict = "lies outside every" if halluc else "lies inside some"
    parts = ", ".join(
        f"$p_{i + 1} = {w:g}$, $\\mu_{i + 1} = {m:g}$, $\\Sigma_{i + 1} = {v:g}$"
        for i, (w, m, v) in enumerate(zip(ex["weights"], ex["means"], ex["variances"], strict=True))
    )
    caption = (
        "A two-state Normal mixture (" + parts + "). Shaded: the high conditional density "
        f"regions $\\hbU{{i}}{{\\delta}}$ for $\\delta = {ex['delta']:g}$. The squared-loss "
        f"optimal estimate $\\hbOpt = \\sum_i p_i \\mu_i = {estimate:g}$ {verdict} "
        "$\\hbU{i}{\\delta}$" + (", so it $\\delta$-hallucinates." if halluc else ".")
    )
    return {
        "figures/mixture.pdf": mixture_figure(mixture, ex["delta"]),
        "figures/mixture.tex": figure_tex("figures/mixture.pdf", caption, "hb:fig:mixture"),
    }


def rates_fragment(seed: int) -> dict[str, str | bytes]:
    """``figures/rates.pdf``: the Theorem 6.1 bound and Monte Carlo rates of the table grid."""
    from hallbound.paper_tex.tables import GRID, rate_grid, setting_text

    points = rate_grid(seed)
    curves: dict[int, dict[str, list[float]]] = {}
    for pt in points:
        c = curves.setdefault(pt.states, {"bound": [], "rate": [], "low": [], "high": []})
        c["bound"].append(pt.bound)
        c["rate"].append(pt.rate)
        c["low"].append(pt.low)
        c["high"].append(pt.high)
    level = int(round(100 * GRID["level"]))
    caption = (
        "Theorem~6.1's lower bound $\\prod_i P_i K_i$ (dashed) and the Monte Carlo rate "
        f"$\\hat P_H^{{\\delta}}$ with its exact {level}\\% interval (points) against "
        f"$\\delta$, for $N \\in \\{{{', '.join(map(str, GRID['states']))}\\}}$ states: "
        f"{setting_text()}; log scale."
    )
    return {
        "figures/rates.pdf": rate_figure(GRID["deltas"], curves),
        "figures/rates.tex": figure_tex("figures/rates.pdf", caption, "hb:fig:rates"),
    }


def figure_fragments(seed: int) -> dict[str, str | bytes]:
    """Every figure (PDF) and its fragment; ``seed`` drives the Monte Carlo curves."""
    files = {**mixture_fragment(), **rates_fragment(seed)}
    return dict(sorted(files.items()))
