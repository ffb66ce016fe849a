r"""Derived formulas as LaTeX fragments, printed from the SymPy expressions themselves.

Per family (the registry :data:`hallbound.symbolic.families.FAMILIES`): the density
:math:`f_i(a)`, :math:`\sup_a f_i`, mean and variance, the level set
:math:`U_i^\delta = \{a : f_i(a) > \delta\}` with its non-emptiness condition, and the
covering radius :math:`r_i(\delta)`; every family parameter carries the state index
:math:`i` (:math:`\mu \to \mu_i`, :math:`\Sigma \to \Sigma_i`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from hallbound.paper_tex.asciimath import prose_tex
from hallbound.paper_tex.printer import escape_text, tex
from hallbound.symbolic.families.level_set import EllipsoidLevelSet, IntervalLevelSet

#: The hallucination level, as the families expect it.
DELTA = sp.Symbol("delta", positive=True)


def parameter_symbols(family: Any) -> frozenset[sp.Symbol]:
    """The free symbols of a family's parameters (the ones that get the state index)."""
    out: set[sp.Symbol] = set()
    for value in family.parameters().values():
        out |= getattr(value, "free_symbols", set())
    return frozenset(out)


def level_set_tex(level_set: Any, printer: Callable[[Any], str], a: str = "a") -> str:
    r"""LaTeX of a :class:`~hallbound.symbolic.families.LevelSet`, printed by ``printer``."""
    if isinstance(level_set, EllipsoidLevelSet):
        c = printer(level_set.center)
        diff = f"({a} - {c})"
        m = printer(level_set.shape)
        return rf"\left\{{ {a} : {diff}^\top {m} {diff} < {printer(level_set.level)} \right\}}"
    if level_set.region is not None:
        return printer(level_set.region)
    return level_set.latex(a)


def family_rows(family: Any, index: str = "i") -> list[tuple[str, str]]:
    """``(left side, right side)`` LaTeX pairs for one symbolic family member."""
    indexed = parameter_symbols(family)

    def p(expr: Any) -> str:
        return tex(expr, state_index=index, indexed=indexed)

    a = "a" if isinstance(family.a, sp.MatrixBase) else p(family.a)
    fi = f"f_{{{index}}}({a})"
    rows: list[tuple[str, str]] = [(fi, p(family.density()))]
    rows.append((rf"\sup_{{{a}}} {fi}", p(family.sup_density())))
    rows.append((rf"\mathbb{{E}}[A \mid Z_{{{index}}}]", p(family.mean())))
    rows.append((rf"\mathbb{{E}}\hbNorm{{A - \mu_{{{index}}}}}^2", p(family.variance())))
    level = family.level_set(DELTA)
    region = level.region
    if isinstance(level, IntervalLevelSet) and isinstance(region, sp.Interval):
        left = "(" if region.left_open else "["
        right = ")" if region.right_open else "]"
        lo, hi = rf"\ell_{{{index}}}(\delta)", rf"u_{{{index}}}(\delta)"
        rows.append((rf"\hbU{{{index}}}{{\delta}}", rf"\left{left} {lo}, {hi} \right{right}"))
        rows.append((lo, p(region.start)))
        rows.append((hi, p(region.end)))
    else:
        rows.append((rf"\hbU{{{index}}}{{\delta}}", level_set_tex(level, p, a)))
    rows.append((rf"\hbU{{{index}}}{{\delta}} \ne \emptyset \iff", p(level.nonempty)))
    rows.append((rf"r_{{{index}}}(\delta)", p(family.covering_radius(DELTA))))
    return rows


def align_block(rows: list[tuple[str, str]]) -> str:
    r"""An ``align*`` environment, one ``lhs &= \hbFit{rhs}`` line per row (long sides shrink)."""
    lines = []
    for lhs, rhs in rows:
        sep = "&" if lhs.endswith(r"\iff") else "&="
        lines.append(f"  {lhs} {sep} \\hbFit{{{rhs}}}")
    return "\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}\n"


def family_fragment(name: str, cls: type) -> str:
    """The fragment for one registered family (1-dimensional symbolic member)."""
    family = cls.symbolic()
    title = escape_text(cls.__name__)
    head = (
        f"% hallbound: formulas of the {cls.__name__} family (state i), generated.\n"
        f"\\paragraph{{{title} family (\\texttt{{{escape_text(name)}}}).}}\n"
        f"Conditional law of state $i$, hallucination level $\\delta$.\n"
    )
    return head + align_block(family_rows(family))


def family_fragments() -> dict[str, str]:
    """``{"formulas/family-<name>.tex": text}`` for every registered family, sorted."""
    from hallbound.symbolic.families import FAMILIES

    return {
        f"formulas/family-{slug(name)}.tex": family_fragment(name, FAMILIES[name])
        for name in sorted(FAMILIES)
    }


def slug(name: str) -> str:
    """A file-name-safe slug: ``"Theorem 5.1 (as stated)"`` -> ``theorem-5-1-as-stated``."""
    out = []
    for ch in name.lower():
        out.append(ch if ch.isascii() and ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)


#: The symbolic mixture each loss's derivation is shown for: (family, states, dimension).
LOSS_SETTING: dict[str, tuple[str, int, int]] = {"cross_entropy": ("categorical", 2, 3)}
DEFAULT_LOSS_SETTING: tuple[str, int, int] = ("normal", 2, 1)


def derivation_tex(derivation: Any) -> str:
    r"""A derivation's steps as an ``enumerate`` (relation, then its justification), and the
    result (or the defining condition) as a display; relations printed by :func:`tex`."""
    items = []
    for step in derivation.steps:
        mark = r" (checked symbolically)" if step.verified else ""
        why = prose_tex(step.justification) + mark
        items.append(f"  \\item $\\hbFit{{{tex(step.relation)}}}$\\\\\n  {{\\small {why}}}")
    out = ["\\begin{enumerate}", *items, "\\end{enumerate}"]
    if derivation.assumptions:
        out.append("Assuming: " + "; ".join(prose_tex(a) for a in derivation.assumptions) + ".")
    if derivation.result is not None:
        est = derivation.estimator or "s^*"
        out.append(f"\\[ \\hbFit{{{est} = {tex(derivation.result)}}} \\]")
    elif derivation.condition is not None:
        out.append(f"\\[ \\hbFit{{{tex(derivation.condition)}}} \\]")
    return "\n".join(out) + "\n"


#: Options of the losses that need one (the pinball loss has no default tau).
LOSS_OPTIONS: dict[str, dict[str, Any]] = {"pinball": {"tau": 0.5}}


def loss_derivation(name: str) -> tuple[Any, Any, tuple[str, int, int]]:
    """The loss object, its optimal-estimator derivation and the mixture setting shown."""
    from hallbound.symbolic.losses import derive_estimator, make_loss

    setting = LOSS_SETTING.get(name, DEFAULT_LOSS_SETTING)
    family, states, dim = setting
    loss = make_loss(name, **LOSS_OPTIONS.get(name, {}))
    return loss, derive_estimator(loss, family, states, dim), setting


def loss_fragment(name: str, loss: Any, derivation: Any, setting: tuple[str, int, int]) -> str:
    """The fragment of one loss: its expression and the optimal-estimator derivation."""
    family, states, dim = setting
    s, a = loss.symbols(dim)
    return (
        f"% hallbound: optimal estimator under the {name} loss, generated.\n"
        f"\\paragraph{{Loss \\texttt{{{escape_text(name)}}}.}}\n"
        f"{prose_tex(derivation.title)}; shown for {states} states of the "
        f"\\texttt{{{escape_text(family)}}} family in dimension {dim}.\n"
        f"\\[ \\ell(s, a) = \\hbFit{{{tex(loss.expression(s, a))}}} \\]\n"
        + derivation_tex(derivation)
    )


def loss_fragments() -> dict[str, str]:
    """``{"formulas/loss-<name>.tex": text}`` for every registered loss, sorted.

    Every derivation runs before any is printed: a derivation may register the LaTeX form of
    a shared placeholder symbol, and printing after all of them keeps the output independent
    of the order (and of earlier calls in the same process).
    """
    from hallbound.symbolic.losses import LOSSES

    derived = {name: loss_derivation(name) for name in sorted(LOSSES)}
    return {
        f"formulas/loss-{slug(name)}.tex": loss_fragment(name, *derived[name]) for name in derived
    }


def bound_fragment() -> str:
    r"""Theorem 6.1 as stated, printed from :mod:`hallbound.numeric.theorem61`'s expressions,
    and :math:`\sigma_i^d`, :math:`K_i` per mean law (:mod:`hallbound.symbolic.mean_laws`)."""
    from hallbound.numeric.theorem61 import (
        ALPHA,
        OBJECTIVE,
        RX,
        SIGMA,
        THETA,
        D,
        stationary_polynomial,
    )
    from hallbound.symbolic.mean_laws import KINDS, moment_expressions

    names = {ALPHA: r"\alpha_{i}", SIGMA: r"\sigma_{i}^{d}", RX: "r_{x}", D: "d"}

    def p(expr: Any) -> str:
        return tex(expr, symbol_names=names)

    j, n = sp.symbols("j N", integer=True, positive=True)
    pj, sj = sp.Indexed("p", j), sp.Indexed(sp.Symbol("sigma^d"), j)
    d_def = sp.sqrt(sp.Sum(pj**2 * sj, (j, 1, n)))
    rows = [
        ("d", p(d_def)),
        (r"r_{x}", r"\max_{i} r_{i}(\delta)"),
        (r"\theta_{i}(\alpha_{i})", p(THETA)),
        (r"P_{i}", r"\max_{\alpha_{i} > 1,\ \theta_{i}(\alpha_{i}) \le 1} " + p(OBJECTIVE)),
        (r"0", p(stationary_polynomial().as_expr())),
    ]
    law_rows = []
    for kind in sorted(KINDS):
        second, fourth, ratio, _ = moment_expressions(kind, 1)
        law_rows.append(
            f"\\texttt{{{escape_text(kind)}}} & ${tex(second)}$ & ${tex(fourth)}$ & "
            f"${tex(ratio)}$ \\\\"
        )
    return (
        "% hallbound: Theorem 6.1 (as stated), generated.\n"
        "\\paragraph{Theorem 6.1 bound (as stated).}\n"
        "Under Assumption 6.1, if every state has some $\\alpha_i > 1$ with "
        "$\\theta_i(\\alpha_i) \\le 1$, then $\\hbPH{\\delta} > \\prod_{i=1}^{N} P_i K_i$, with\n"
        + align_block(rows)
        + "where the last line is the stationarity condition of the objective in $\\alpha_i$ "
        "(its root in $(1, \\alpha_{\\max})$ attains $P_i$). "
        "Each mean $\\mu_i = \\mu_0 + s\\,\\xi_i$ is drawn from a law "
        "with $\\sigma_i^d = \\mathbb{E}(\\mu_i - \\mu_0)^2$ and "
        "$K_i = (\\sigma_i^d)^2 / \\mathbb{E}(\\mu_i - \\mu_0)^4$ (dimension 1):\n"
        "\\begin{center}\n\\begin{tabular}{lccc}\n\\toprule\n"
        "law of $\\xi_i$ & $\\sigma_i^d$ & $\\mathbb{E}(\\mu_i - \\mu_0)^4$ & $K_i$ \\\\\n"
        "\\midrule\n" + "\n".join(law_rows) + "\n\\bottomrule\n\\end{tabular}\n\\end{center}\n"
    )
