r"""A SymPy LaTeX printer configured for the paper's notation.

Every formula that ``hallbound tex`` writes comes from a SymPy expression printed here:
:math:`\ln` (not :math:`\log`), Greek names as in the paper (``mu`` :math:`\to \mu`,
``Sigma_12`` :math:`\to \Sigma_{12}`, ``lambda_max`` :math:`\to \lambda_{\max}`), and, for
the formulas of one latent state, the state index added to every family parameter
(``mu`` :math:`\to \mu_i`, ``Sigma_12`` :math:`\to \Sigma_{i,12}`) while the point ``a``,
:math:`\delta` and the dimension :math:`d_a` keep their names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import sympy as sp
from sympy.printing.conventions import split_super_sub
from sympy.printing.latex import LatexPrinter, translate

#: Name prefixes that are operators applied to the rest of the name (``det_Sigma_i``).
NAME_OPERATORS: dict[str, str] = {"det": r"\det", "ln": r"\ln", "log": r"\ln", "exp": r"\exp"}

#: Subscript words that LaTeX typesets as operators.
OPERATOR_SUBSCRIPTS: dict[str, str] = {"max": r"\max", "min": r"\min"}

#: Names printed as base, subscripts and superscripts; anything else is shown verbatim.
SIMPLE_NAME = re.compile(r"^[A-Za-z]+[0-9]*([_^][A-Za-z0-9]+)*$")

#: Symbol names whose LaTeX is not what SymPy guesses (base names, before any subscript).
PAPER_NAMES: dict[str, str] = {
    "d_a": "d_a",
    "N": "N",
    "eps": r"\varepsilon",
    "epsilon": r"\varepsilon",
}


class PaperLatexPrinter(LatexPrinter):
    r"""SymPy's :class:`LatexPrinter` with the paper's names.

    Extra settings: ``state_index`` (a LaTeX string such as ``"i"``) and ``indexed`` (a
    set of symbols, usually a family's parameters) that receive that index as their first
    subscript.
    """

    _default_settings: dict[str, Any] = {
        **LatexPrinter._default_settings,
        "ln_notation": True,
        "state_index": None,
        "indexed": frozenset(),
    }

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:  # noqa: N802
        explicit = self._settings["symbol_names"].get(expr)
        if explicit is not None:
            return explicit
        return symbol_latex(
            expr.name,
            self._settings["state_index"] if expr in self._settings["indexed"] else None,
        )

    def _print_RandomSymbol(self, expr: sp.Symbol, style: str = "plain") -> str:  # noqa: N802
        return self._print_Symbol(expr, style)  # SymPy binds this to its own _print_Symbol

    def _print_OneMatrix(self, expr: Any) -> str:  # noqa: N802
        rows, cols = expr.shape
        return r"\mathbf{1}^{\top}" if rows == 1 and cols != 1 else r"\mathbf{1}"

    def _print_Indexed(self, expr: sp.Indexed) -> str:  # noqa: N802
        base = self._print(expr.base.label)
        if "_" in base:  # mu_i[k]: a subscripted base takes the index as a second level
            base = "{" + base + "}"
        return base + "_{" + ",".join(self._print(i) for i in expr.indices) + "}"


def symbol_latex(name: str, index: str | None = None) -> str:
    r"""LaTeX for a symbol name: ``"Sigma_12", "i"`` :math:`\to` ``\Sigma_{i,12}``.

    A name that already is LaTeX (starts with a backslash) is kept as it is.
    """
    if name in PAPER_NAMES and index is None:
        return PAPER_NAMES[name]
    if name.startswith("\\"):
        return name
    if not SIMPLE_NAME.match(name):  # e.g. "1^T Sigma_i 1": ASCII mathematics
        from hallbound.paper_tex.asciimath import math_tex

        return math_tex(name)
    base, supers, subs = split_super_sub(name)
    if base in NAME_OPERATORS and subs:  # "det_Sigma_i" -> \det \Sigma_{i}
        return NAME_OPERATORS[base] + " " + symbol_latex("_".join(subs), index)
    if subs and subs[-1] == "star":  # "A_star" -> A^{*}
        supers = [*supers, "*"]
        subs = subs[:-1]
    base_tex = PAPER_NAMES.get(base) or LatexPrinter()._deal_with_super_sub(base)
    sub_parts = [index] if index else []
    sub_parts += [OPERATOR_SUBSCRIPTS.get(s, translate(s)) for s in subs]
    out = base_tex
    if supers:
        out += "^{" + " ".join(supers) + "}"
    if sub_parts:
        out += "_{" + ",".join(sub_parts) + "}"
    return out


def tex(
    expr: Any,
    *,
    state_index: str | None = None,
    indexed: Iterable[sp.Symbol] = (),
    **settings: Any,
) -> str:
    r"""LaTeX of a SymPy object with :class:`PaperLatexPrinter` (math mode content, no ``$``).

    ``tex(mu, state_index="i", indexed={mu})`` gives ``\mu_{i}``.
    """
    printer = PaperLatexPrinter(
        {"state_index": state_index, "indexed": frozenset(indexed), **settings}
    )
    return printer.doprint(expr)


def escape_text(text: str) -> str:
    r"""Escape LaTeX's special characters in plain text (``_`` :math:`\to` ``\_``, ...)."""
    table = {
        "\\": r"\textbackslash{}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "{": r"\{",
        "}": r"\}",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "<": r"\textless{}",
        ">": r"\textgreater{}",
        "|": r"\textbar{}",
    }
    return "".join(table.get(ch, ch) for ch in text)
