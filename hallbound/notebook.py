r"""Rich display in Jupyter: LaTeX and HTML for derivations, check results, families and
mixtures, registered from this one module as IPython formatters (the model classes carry no
display code, so nothing below the application imports this module or the paper printer).

Load it in a notebook with ``%load_ext hallbound.notebook`` (or ``import hallbound.notebook``:
importing it inside IPython registers too); :func:`register` does it for a given shell.
Registered by type name (:data:`DISPLAYS`, subclasses included): ``text/latex`` and
``text/html`` of :class:`~hallbound.symbolic.derivation.Derivation`,
:class:`~hallbound.symbolic.families.base.Family`,
:class:`~hallbound.symbolic.mixture.LatentMixture` and the checker's
:class:`~hallbound.proofs_checks.engine.verdicts.ClaimResult` and ``StepResult``. Formulas are
printed by the paper printer (:func:`hallbound.paper_tex.printer.tex`), so a notebook shows
what ``hallbound tex`` writes; HTML cells carry LaTeX in ``\(...\)`` for MathJax.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

#: Colours of the verdicts in HTML tables.
VERDICT_COLOURS: dict[str, str] = {
    "PROVED": "#1a7f37",
    "CERTIFIED": "#1a7f37",
    "SUPPORTED": "#9a6700",
    "ASSUMED": "#9a6700",
    "UNDECIDED": "#57606a",
    "REFUTED": "#cf222e",
}


def _tex(expr: Any) -> str:
    from hallbound.paper_tex.printer import tex

    return tex(expr)


def _text_tex(text: str) -> str:
    r"""Plain text inside ``\text{...}`` (MathJax-safe)."""
    safe = "".join(ch if ch not in "{}\\$%&#_^~" else " " for ch in str(text))
    return r"\text{" + safe + "}"


#: Escapes of :func:`hallbound.paper_tex.printer.escape_text`, undone inside ``\text{}``.
_UNESCAPE: dict[str, str] = {
    r"\textbackslash{}": " ", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^",
    r"\textless{}": "<", r"\textgreater{}": ">", r"\textbar{}": "|", r"\allowbreak{}": "",
    r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_", r"\{": "{", r"\}": "}",
}


def prose_pieces(text: str) -> list[tuple[bool, str]]:
    r"""A sentence as ``(is_math, piece)`` pairs: the formulas that
    :func:`hallbound.paper_tex.asciimath.prose_tex` finds as LaTeX (``H_phi`` -> ``H_{\phi}``),
    the words between them as plain text."""
    import re

    from hallbound.paper_tex.asciimath import prose_tex

    parts = re.split(r"(?<!\\)\$", prose_tex(str(text)))
    out: list[tuple[bool, str]] = []
    for k, part in enumerate(parts):
        if k % 2:
            out.append((True, part))
            continue
        part = re.sub(r"\\texttt\{([^{}]*)\}", r"\1", part)
        for escaped, plain in _UNESCAPE.items():
            part = part.replace(escaped, plain)
        if part:
            out.append((False, part))
    return out


def _prose_tex(text: str) -> str:
    r"""A sentence in math mode: words in ``\text{...}``, formulas as LaTeX (MathJax-safe)."""
    return "".join(piece if math else _text_tex(piece) for math, piece in prose_pieces(text))


def _prose_html(text: str) -> str:
    r"""A sentence as HTML: words escaped, formulas in ``\(...\)`` for MathJax."""
    return "".join(
        _math_html(piece) if math else html.escape(piece) for math, piece in prose_pieces(text)
    )


def _math_html(latex: str) -> str:
    return r"\(" + html.escape(latex, quote=False) + r"\)"


def _table(header: list[str], rows: list[list[str]], caption: str = "") -> str:
    head = "".join(f"<th style='text-align:left'>{h}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td style='text-align:left'>{c}</td>" for c in row) + "</tr>"
        for row in rows
    )
    cap = f"<caption style='text-align:left'><b>{caption}</b></caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# ----- derivations ---------------------------------------------------------------------------
def derivation_latex(der: Any) -> str:
    """The derivation as one display: numbered steps, justification, the result."""
    lines = []
    for i, step in enumerate(der.steps, start=1):
        mark = r"\ \checkmark" if step.verified else ""
        lines.append(rf"&({i})\quad {step.latex()} && {_prose_tex(step.justification)}{mark}")
    if der.result is not None:
        lines.append(rf"&\Rightarrow\quad {der.estimator or 'a^*'} = {_tex(der.result)} &&")
    elif der.condition is not None:
        lines.append(rf"&\Rightarrow\quad {_tex(der.condition)} &&")
    body = r" \\ ".join(lines)
    return rf"$$\begin{{aligned}}{body}\end{{aligned}}$$"


def derivation_html(der: Any) -> str:
    rows = [
        [str(i), _math_html(step.latex()), _prose_html(step.justification),
         "&#10003;" if step.verified else ""]
        for i, step in enumerate(der.steps, start=1)
    ]
    if der.result is not None:
        rows.append(["", _math_html(f"{der.estimator or 'a^*'} = {_tex(der.result)}"),
                     "result", ""])
    elif der.condition is not None:
        rows.append(["", _math_html(_tex(der.condition)), "defining condition", ""])
    return _table(["", "step", "because", "checked"], rows, html.escape(der.title))


# ----- check results -------------------------------------------------------------------------
def _step_row(step: Any) -> list[str]:
    verdict = step.verdict.value
    colour = VERDICT_COLOURS.get(verdict, "#000000")
    return [
        html.escape(step.step),
        f"<span style='color:{colour}'><b>{verdict}</b></span>",
        html.escape(step.method),
        html.escape(step.relation),
        html.escape(_evidence(step)),
    ]


def _evidence(step: Any) -> str:
    """What backs the verdict, never empty (the Evidence column of ``hallbound tex``)."""
    from hallbound.paper_tex.claims_tex import evidence_text

    return evidence_text(step)


def claim_result_html(result: Any) -> str:
    from hallbound.proofs_checks.engine.report import source_label

    title = f"{result.claim} [{source_label(result)}]"
    rows = [_step_row(s) for s in result.steps]
    return _table(["step", "verdict", "method", "relation", "evidence"], rows,
                  html.escape(title))


def claim_result_latex(result: Any) -> str:
    rows = [
        " & ".join(_text_tex(x) for x in (s.step, s.verdict.value, s.method,
                                           _evidence(s)[:80]))
        for s in result.steps
    ]
    head = " & ".join(_text_tex(h) for h in ("step", "verdict", "method", "evidence"))
    body = r" \\ ".join([head, *rows])
    title = _text_tex(result.claim)
    return rf"$${title}\quad\begin{{array}}{{llll}}{body}\end{{array}}$$"


def step_result_html(step: Any) -> str:
    return _table(["step", "verdict", "method", "relation", "evidence"], [_step_row(step)])


def step_result_latex(step: Any) -> str:
    cells = (step.step, step.verdict.value, step.method, _evidence(step)[:80])
    return "$$" + r"\quad ".join(_text_tex(c) for c in cells) + "$$"


# ----- families and mixtures -----------------------------------------------------------------
def family_rows(family: Any) -> list[tuple[str, str]]:
    """(left, right) LaTeX pairs: density, sup, mean, variance, level set, covering radius
    (those the family can give)."""
    import sympy as sp

    delta = sp.Symbol("delta", positive=True)
    rows: list[tuple[str, str]] = [("f(a)", _tex(family.density()))]
    for left, compute in (
        (r"\sup_a f", family.sup_density),
        (r"\mathbb{E}[A]", family.mean),
        (r"\mathbb{E}\lVert A - \mathbb{E}A\rVert^2", family.variance),
        (r"r(\delta)", lambda: family.covering_radius(delta)),
    ):
        try:
            rows.append((left, _tex(compute())))
        except Exception:  # noqa: BLE001 - a family without this formula shows the rest
            continue
    return rows


def family_latex(family: Any) -> str:
    body = r" \\ ".join(f"{left} &= {right}" for left, right in family_rows(family))
    return rf"$$\begin{{aligned}}{body}\end{{aligned}}$$"


def family_html(family: Any) -> str:
    rows = [[_math_html(left), _math_html(right)] for left, right in family_rows(family)]
    return _table(["", ""], rows, html.escape(f"{type(family).__name__} ({family.name})"))


def _parameters_latex(state: Any) -> str:
    """Each declared parameter as ``symbol = value``, the symbol's LaTeX from its ``Param``."""
    values = list(state.parameters().values())
    return ",\\ ".join(
        f"{p.latex_symbol()} = {_tex(v)}"
        for p, v in zip(state.params, values, strict=True)
    )


def mixture_latex(mixture: Any) -> str:
    rows = [
        rf"{i} & p_{{{i}}} = {_tex(w)} & {_parameters_latex(s)}"
        for i, (w, s) in enumerate(zip(mixture.weights, mixture.states, strict=True), start=1)
    ]
    head = (
        rf"\text{{{mixture.size} states of {type(mixture.states[0]).__name__}, "
        rf"dimension {mixture.dim}}}"
    )
    body = r" \\ ".join(rows)
    return rf"$${head}\quad\begin{{array}}{{rll}}{body}\end{{array}}$$"


def mixture_html(mixture: Any) -> str:
    rows = [
        [str(i), _math_html(_tex(w)), _math_html(_parameters_latex(s))]
        for i, (w, s) in enumerate(zip(mixture.weights, mixture.states, strict=True), start=1)
    ]
    caption = f"mixture of {mixture.size} {type(mixture.states[0]).__name__} states"
    return _table(["state", "weight", "parameters"], rows, caption)


# ----- registration ----------------------------------------------------------------------
#: (module, class name, LaTeX renderer, HTML renderer) of each displayed class.
DISPLAYS: tuple[tuple[str, str, Callable[[Any], str], Callable[[Any], str]], ...] = (
    ("hallbound.symbolic.derivation", "Derivation", derivation_latex, derivation_html),
    ("hallbound.symbolic.families.base", "Family", family_latex, family_html),
    ("hallbound.symbolic.mixture", "LatentMixture", mixture_latex, mixture_html),
    ("hallbound.proofs_checks.engine.verdicts", "ClaimResult", claim_result_latex,
     claim_result_html),
    ("hallbound.proofs_checks.engine.verdicts", "StepResult", step_result_latex,
     step_result_html),
)


def _current_shell() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:  # no IPython: nothing to register with
        return None
    return get_ipython()


def register(shell: Any = None) -> bool:
    """Register :data:`DISPLAYS` with ``shell``'s display formatter (the running IPython shell
    when None); False when there is no shell."""
    shell = shell if shell is not None else _current_shell()
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    for module, name, latex, page in DISPLAYS:
        formatters["text/latex"].for_type_by_name(module, name, latex)
        formatters["text/html"].for_type_by_name(module, name, page)
    return True


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext hallbound.notebook``."""
    register(ipython)


register()  # inside IPython, importing this module is enough


__all__ = [
    "DISPLAYS",
    "claim_result_html",
    "claim_result_latex",
    "derivation_html",
    "derivation_latex",
    "family_html",
    "family_latex",
    "load_ipython_extension",
    "mixture_html",
    "mixture_latex",
    "register",
    "step_result_html",
    "step_result_latex",
]
