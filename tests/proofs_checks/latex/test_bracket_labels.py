r"""A subscript after a closing bracket (issue 21): ``\langle a, b\rangle_m`` is the inner
product of the space ``m`` (an atom keyed with the label) and ``[Y^k]_{ij}`` an entry of the
bracketed matrix (an opaque atom keyed by the content and the subscript); neither is ever a
product, and ``[F]_a^b`` stays an evaluation."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.latex.hypotheses import Hypotheses, SymbolTable
from hallbound.proofs_checks.latex.math_parser import parse_expression
from hallbound.proofs_checks.latex.verify import verify_tex


def verdicts(body: str) -> list[str]:
    text = f"\\begin{{align*}}\n{body}\n\\end{{align*}}\n"
    return [s.verdict for env in verify_tex(text, trials=30).environments for s in env.steps]


def test_a_labelled_inner_product_is_one_atom_of_its_space() -> None:
    tab = SymbolTable(Hypotheses())
    m = parse_expression(r"\langle a, b\rangle_m", tab.scope())
    assert isinstance(m, sp.Symbol) and tab.atoms[m].kind == "inner"
    assert m != parse_expression(r"\langle a, b\rangle_n", tab.scope())
    assert m != parse_expression(r"\langle a, b\rangle", tab.scope())
    assert verdicts(r"\langle a, b\rangle_m &= \langle b, a\rangle_m") == ["PROVED"]
    assert "PROVED" not in verdicts(r"\langle a, b\rangle_m &= \langle a, b\rangle_n")
    assert verdicts(r"\langle a, b\rangle_m &\le \langle a, b\rangle_m - 1") == ["REFUTED"]


def test_an_entry_of_a_bracketed_matrix_is_an_atom_never_a_product() -> None:
    tab = SymbolTable(Hypotheses())
    e = parse_expression(r"[Y^k]_{ij}", tab.scope())
    assert isinstance(e, sp.Symbol) and tab.atoms[e].kind == "func"
    assert e != parse_expression(r"[Y^k]_{ji}", tab.scope())
    assert e != parse_expression(r"[Y^2]_{ij}", tab.scope())
    assert verdicts(r"[Y^k]_{ij} + [Y^k]_{ij} &= 2 [Y^k]_{ij}") == ["PROVED"]
    assert verdicts(r"[Y^k]_{ij} + [Y^k]_{ij} &= 3 [Y^k]_{ij}") != ["PROVED"]
    assert "PROVED" not in verdicts(r"[Y^k]_{ij} &= [Y^k]_{ji}")


def test_an_evaluation_bracket_is_still_an_evaluation() -> None:
    assert verdicts(r"[x^2]_0^1 &= 1") == ["PROVED"]
    assert verdicts(r"[x^2]_0^1 &= 2") == ["REFUTED"]


def test_a_bracketed_name_with_both_scripts_is_refused_never_an_evaluation() -> None:
    # [Y]_{ij}^2 is the square of an entry: read as Y(2) - Y(ij) it would refute the true
    # step below; it stays unread (UNDECIDED) instead
    text = "\\begin{align*}\n[Y]_{ij}^2 &\\ge 0\n\\end{align*}\n"
    rep = verify_tex(text, trials=20)
    assert [s.verdict for env in rep.environments for s in env.steps] in ([], ["UNDECIDED"])
    assert rep.errors


def test_an_entry_depends_on_its_content_and_subscript() -> None:
    tab = SymbolTable(Hypotheses())
    e = parse_expression(r"[A x]_{k m}", tab.scope())
    assert {s.name for s in tab.atoms[e].depends} >= {"A", "x", "k", "m"}


def test_an_entry_naming_the_index_stays_inside_its_sum() -> None:
    # rev-s10 br3: [A x]_i was a constant to SymPy, so the planted step below was PROVED;
    # read in either order (the entry outside the sum first, or inside it first)
    for body in (r"\sum_{i=1}^{n} [A x]_i\, y_i &= [A x]_i \sum_{i=1}^{n} y_i",
                 r"[A x]_i \sum_{i=1}^{n} y_i &= \sum_{i=1}^{n} [A x]_i\, y_i",
                 r"f(i) \sum_{i=1}^{n} y_i &= \sum_{i=1}^{n} f(i)\, y_i"):
        assert "PROVED" not in verdicts(body), body
    # an entry free of the index still comes out, and the sum is still the same sum
    assert verdicts(r"\sum_{k=1}^{n} [A x]_j\, y_k &= [A x]_j \sum_{k=1}^{n} y_k") == ["PROVED"]
    assert verdicts(r"\sum_{i=1}^{n} [A x]_i\, y_i &= \sum_{i=1}^{n} y_i [A x]_i") == ["PROVED"]
