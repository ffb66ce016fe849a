r"""A defined name read as its value (``X = \sum_{i=1}^n X_i``: :mod:`.definition_values`).

The reader gives the plain name its value where it reads it (:attr:`.math_parser.Scope.values`):
never ``X_i``, ``X_1``, ``\hat X``, a bound index ``\sum_X``, which are other names. So every
quantity built around it, an expectation's argument included, is built from the value, and
two texts of one quantity (``\mathbb{E}[e^{tX}]``, ``\mathbb{E}[e^{t\sum_i X_i}]``) are one atom.

Two places where the value cannot stand for the name make the side unreadable (a
:class:`LatexError` naming it), never a partial substitution:

* the name inside a construct that binds a symbol of its value (``\sum_{i} a_i X`` with
  ``X = \sum_i X_i``: the value's ``i`` would be captured; :func:`defined_value`);
* the name inside a quantity read as text, keyed by its tokens (:func:`unread_value`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_tokens import LatexError, tokenize


def name_pattern(latex: str) -> re.Pattern[str]:
    r"""The name written ``latex`` in an atom's key (tokens shown with spaces, ``sstr``
    output): not inside a longer word or command, not followed by a subscript or an index
    (``X _ i``, ``X[i]``, another name)."""
    shown = ["\\" + t.text if t.kind == "cmd" else t.text for t in tokenize(latex)
             if t.text not in ("{", "}")]
    body = r"[\s{}]*".join(re.escape(s) for s in shown)
    return re.compile(r"(?<![A-Za-z\\])" + body + r"(?![A-Za-z])(?![\s{}]*[_\[])")


def value_names(value: sp.Basic) -> set[str]:
    """The names of every symbol of ``value``, bound ones and labels of indexed terms too."""
    return {s.name for s in value.atoms(sp.Symbol)}


def defined_value(name: str, value: sp.Basic, bound: Mapping[str, Any], at: int) -> sp.Basic:
    """``value`` for the defined ``name`` read at ``at``; a LatexError when a name that
    ``value`` uses is bound there (it would be captured)."""
    captured = sorted(value_names(value) & set(bound))
    if captured:
        raise LatexError(f"{name} is defined as {sp.sstr(value)}, which uses {captured[0]}, "
                         f"bound where {name} is written: the definition is not substituted "
                         "there", at)
    return value


def unread_value(key: str, latex: str, values: Mapping[str, Any], at: int) -> None:
    """A LatexError when a defined name occurs, not replaced, in ``key``, the key of the
    quantity written ``latex`` (a quantity read as text keeps the name's letters)."""
    for name, (_, pattern) in values.items():
        if pattern.search(key):
            raise LatexError(f"{latex} is read as text and writes {name}, a defined name: "
                             "the definition is not substituted there", at)


__all__ = ["defined_value", "name_pattern", "unread_value", "value_names"]
