r"""A SymPy LaTeX printer configured for the paper's notation.

Every formula that ``hallbound tex`` writes comes from a SymPy expression printed here:
:math:`\ln` (not :math:`\log`), Greek names as in the paper (``mu`` :math:`\to \mu`,
``Sigma_12`` :math:`\to \Sigma_{12}`, ``lambda_max`` :math:`\to \lambda_{\max}`), and, for
the formulas of one latent state, the state index added to every family parameter
(``mu`` :math:`\to \mu_i`, ``Sigma_12`` :math:`\to \Sigma_{i,12}`) while the point ``a``,
:math:`\delta` and the dimension :math:`d_a` keep their names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter

from hallbound.paper_tex.asciimath import (
    NAME_OPERATORS,
    OPERATOR_SUBSCRIPTS,
    PAPER_NAMES,
    SIMPLE_NAME,
    escape_text,
    symbol_latex,
)


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


__all__ = [
    "NAME_OPERATORS",
    "OPERATOR_SUBSCRIPTS",
    "PAPER_NAMES",
    "SIMPLE_NAME",
    "PaperLatexPrinter",
    "escape_text",
    "symbol_latex",
    "tex",
]
