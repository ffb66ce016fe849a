r"""Opaque readings (issue 21): a decorated compound (``\hat{a+b}``), an entry of a
parenthesised matrix (``(Y^k)_{ii}``), a limit (``\lim_{n\to\infty}``) and a sum over a
relation between indices (``\sum_{i<j}``) are atoms keyed by what is written; each is the same
atom when read twice and never equal to anything else, so planted false steps are never
PROVED and true ones never REFUTED."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.latex.hypotheses import Hypotheses, SymbolTable
from hallbound.proofs_checks.latex.math_parser import parse_expression
from hallbound.proofs_checks.latex.verify import verify_tex


def verdicts(body: str) -> list[str]:
    text = f"\\begin{{align*}}\n{body}\n\\end{{align*}}\n"
    return [s.verdict for env in verify_tex(text, trials=30).environments for s in env.steps]


def read(text: str) -> tuple[sp.Basic, SymbolTable]:
    tab = SymbolTable(Hypotheses())
    return parse_expression(text, tab.scope()), tab


def test_juxtaposed_indices_are_a_pair_never_a_product() -> None:
    # a_{ij} inside a sum over i was read a(i*j): a_{ij} = a_{ji}, a false step PROVED
    assert "PROVED" not in verdicts(r"\sum_{i<j} a_{ij} &= \sum_{i<j} a_{ji}")
    assert "PROVED" not in verdicts(r"\sum_{i=1}^n a_{ij} &= \sum_{i=1}^n a_{ji}")
    assert verdicts(r"\sum_{i<j} a_{ij} &= \sum_{i<j} a_{i j}") == ["PROVED"]
    assert verdicts(r"\sum_{i<j} a_{ij} &\le \sum_{i<j} a_{ij} + 1") == ["PROVED"]
    assert verdicts(r"\sum_{i=1}^n a_{2i} &= \sum_{i=1}^n a_{2 i}") == ["PROVED"]
    assert "PROVED" not in verdicts(r"\sum_{i=1}^n a_{ik+1} &= \sum_{i=1}^n a_{ki+1}")


def test_a_sum_over_a_relation_of_indices_is_one_atom_never_split() -> None:
    e, tab = read(r"\sum_{i<j} a_{ij}")
    assert isinstance(e, sp.Symbol) and tab.atoms[e].kind == "sum"
    for false_step in (
        r"\sum_{i<j} b_j a_i &= b_j \sum_{i<j} a_i",
        r"\sum_{1 \le i < j \le n} 1 &= n^2",
        r"\sum_{i \ne j} a_i b_j &= \sum_{i} a_i \sum_{j} b_j",
        r"\sum_{i<j} a_{ij} &= \sum_{j<i} a_{ij}",
    ):
        assert "PROVED" not in verdicts(false_step), false_step
    for true_step in (
        r"\sum_{1 \le i < j \le n} 1 &= n(n-1)/2",
        r"\sum_{i<j}\frac{2}{j-i+1} &= 2 \sum_{i<j}\frac{1}{j-i+1}",
        r"\sum_{i,j} a_i b_j &= \sum_{i} a_i \sum_{j} b_j",
    ):
        assert "REFUTED" not in verdicts(true_step), true_step
    assert verdicts(r"\sum_{i \ne j} a_i b_j &\le \sum_{i \ne j} a_i b_j + 1") == ["PROVED"]
    assert verdicts(r"\sum_{i \ne j} a_i b_j &\le \sum_{i \ne j} a_i b_j - 1") == ["REFUTED"]
