r"""Measure which LaTeX-to-SymPy parser reads the rows of the derivation corpus.

Usage::

    python examples/latex_parser_survey.py [lark|antlr|l2s|hallbound ...]

Every row of every display environment of ``tests/data/derivations/*.tex`` (comments blanked,
alignment ``&``, ``\label``, ``\tag``, ``\nonumber`` and ``\quad`` removed, which is the
cleaning every parser gets) is given to each parser; a row counts as parsed when the parser
returns without an exception within 10 s. ``hallbound`` is
:mod:`hallbound.proofs_checks.latex.math_parser` with each environment's ``% hb:`` declarations;
``lark``/``antlr`` are ``sympy.parsing.latex.parse_latex`` backends; ``l2s`` is
``latex2sympy2_extended.latex2sympy``. (SymPy 1.14's antlr backend needs
``antlr4-python3-runtime`` 4.11; put such a copy first on ``PYTHONPATH`` to measure it.)

Parsing is not evaluation here: these parsers build SymPy objects from a grammar. The
project itself only uses the ``hallbound`` parser (the allow-list one).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hallbound.proofs_checks.latex.document import blank_comments, read_document
from hallbound.proofs_checks.latex.hypotheses import SymbolTable
from hallbound.proofs_checks.latex.math_parser import RELATIONS, LatexError, parse_chain, tokenize
from hallbound.proofs_checks.latex.verify import (
    _definitions,
    _hypotheses,
    run_with_time_limit,
)

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "derivations"
#: A LaTeX command name left in the parsed result as a symbol: a silent misreading.
_COMMAND_AS_NAME = re.compile(r"\b(mathbf|top|lVert|rVert|operatorname|mathbb|Vert|intercal)\b")
_STRIP = re.compile(r"\\(label|tag\*?)\{[^}]*\}|\\(nonumber|notag|quad|qquad)\b|&")


def rows() -> list[tuple[str, int, str, object]]:
    """(file, environment index, cleaned row text, environment) for every corpus row."""
    out = []
    for path in sorted(CORPUS.glob("*.tex")):
        text = path.read_text()
        blank = blank_comments(text)
        for env in read_document(text).environments:
            for row in env.rows:
                cleaned = _STRIP.sub(" ", blank[row.offset : row.end]).strip().rstrip(".,")
                out.append((path.name, env.index, cleaned, env))
    return out


def sides(text: str) -> list[str]:
    """The row split at top-level relation tokens (``=``, ``\\le``, ...): its expressions."""
    cuts, depth = [], 0
    for tok in tokenize(text):
        if tok.kind == "sym" and tok.text in "([{":
            depth += 1
        elif tok.kind == "sym" and tok.text in ")]}":
            depth -= 1
        key = tok.text if tok.kind == "sym" else "\\" + tok.text
        if depth == 0 and key in RELATIONS:
            cuts.append((tok.offset, tok.offset + len(key)))
    bounds = [0] + [x for c in cuts for x in c] + [len(text)]
    parts = [text[bounds[k] : bounds[k + 1]].strip() for k in range(0, len(bounds), 2)]
    return [p for p in parts if p]


def parser(name: str):
    if name == "l2s":
        from latex2sympy2_extended import latex2sympy

        return lambda text, env: latex2sympy(text)
    if name in ("lark", "antlr"):
        from sympy.parsing.latex import parse_latex

        return lambda text, env: parse_latex(text, backend=name)

    def ours(text: str, env) -> object:
        table = SymbolTable(_hypotheses(env))
        _definitions(env, table, [])
        try:
            return parse_chain(text, table.scope())
        except LatexError as err:
            raise ValueError(err.message) from None

    return ours


def main(names: list[str], verbose: bool = False) -> None:
    by_row = rows()
    by_side = [(f, i, side, env) for f, i, text, env in by_row for side in sides(text)]
    for name in names:
        parse = parser(name)
        for unit, data in (("rows", by_row), ("expressions", by_side)):
            ok = misread = 0
            failures = []
            for fname, _, text, env in data:
                status, value = run_with_time_limit(
                    lambda t=text, e=env, f=parse: str(f(t, e)), 10.0
                )
                if status == "ok":
                    ok += 1
                    misread += bool(_COMMAND_AS_NAME.search(value)) or value.strip() == "Pr"
                else:
                    failures.append((fname, text[:40], " ".join(str(value).split())[:60]))
            print(
                f"{name}: {ok}/{len(data)} {unit} parse ({100 * ok / len(data):.0f}%), "
                f"{misread} of them with a LaTeX command read as a variable"
            )
            for f in failures if verbose else []:
                print("   not parsed:", *f)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    main(args or ["hallbound", "lark", "l2s", "antlr"], verbose="-v" in sys.argv)
