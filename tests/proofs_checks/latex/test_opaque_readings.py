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
    assert verdicts(r"\sum_{i=1}^n a_{2i+1} &= \sum_{i=1}^n a_{2 i + 1}") == ["PROVED"]
    # a_{2i}: the entry (2, i) or the term 2i? refused (review s11 finding 1)
    assert verdicts(r"\sum_{i=1}^n a_{2i} &= \sum_{i=1}^n a_{2 i}") == []
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


def test_a_decorated_compound_is_one_atom_never_the_plain_value_never_split() -> None:
    e, tab = read(r"\overline{a+b}")
    assert isinstance(e, sp.Symbol) and tab.atoms[e].kind == "decorated"
    scope = tab.scope()
    assert parse_expression(r"\overline{b + a}", scope) == e  # same content, same atom
    assert parse_expression(r"\hat{a+b}", scope) != e  # another decoration
    for false_step in (
        r"\overline{a+b} &= \overline{a} + \overline{b}",
        r"\overline{a+b} &= a + b",
        r"\widehat{A B} &= \widehat{B A}",
        r"\tilde{x y + 1} &= \tilde{y x + 1}",
        r"\sum_{i=1}^n \overline{a_i + b_i} &= n \overline{a_i + b_i}",
    ):
        assert "PROVED" not in verdicts(false_step), false_step
    assert verdicts(r"\widetilde{a+b} &\le \widetilde{b+a} + 1") == ["PROVED"]
    assert verdicts(r"\widetilde{a+b} &\ge \widetilde{a+b} + 1") == ["REFUTED"]
    # a true identity of the atom's own value is never refuted by setting it freely
    assert "REFUTED" not in verdicts(r"\overline{a+b}^2 &\ge 0 \cdot a")


def test_a_decorated_compound_before_a_bracket_is_refused() -> None:
    text = "\\begin{align*}\n\\widehat{f * g}(x) &= 1\n\\end{align*}\n"
    rep = verify_tex(text, trials=20)
    assert [s.verdict for env in rep.environments for s in env.steps] in ([], ["UNDECIDED"])
    assert any("compound" in e.message for e in rep.errors)


def test_a_decorated_subscripted_name_is_a_name_indexed_in_sums() -> None:
    assert verdicts(r"\widehat{R_n}(h) - R(h) &= \widehat{R_n}(h) - R(h)") == ["PROVED"]
    assert "PROVED" not in verdicts(r"\sum_{i=1}^n \widehat{R_i} &= n \widehat{R_i}")


def test_an_entry_of_a_parenthesised_matrix_is_an_atom_never_a_product() -> None:
    e, tab = read(r"(Y^k)_{ii}")
    assert isinstance(e, sp.Symbol) and tab.atoms[e].kind == "func"
    scope = tab.scope()
    assert parse_expression(r"(Y^k)_{ij}", scope) != e
    assert parse_expression(r"[Y^k]_{ii}", scope) != e
    assert verdicts(r"(Y^k)_{ii} + (Y^k)_{ii} &= 2 (Y^k)_{ii}") == ["PROVED"]
    for false_step in (r"(Y^k)_{ii} + (Y^k)_{ii} &= 3 (Y^k)_{ii}",
                       r"(A B)_{ij} &= (B A)_{ij}", r"(A B)_{ij} &= (A B)_{ji}",
                       r"(\log p)_t &= \log p_t", r"\sum_{i=1}^n (A B)_{ii} &= n \cdot (A B)_{ii}"):
        assert "PROVED" not in verdicts(false_step), false_step


def test_a_sequence_or_family_in_parentheses_is_refused() -> None:
    for family in (r"(a_n)_{n}", r"(X_t)_{t \ge 0}", r"(x_i)_{i \in I}", r"(x_k)_{k=1}^n"):
        text = f"\\begin{{align*}}\n{family} &= 1\n\\end{{align*}}\n"
        rep = verify_tex(text, trials=20)
        assert [s.verdict for env in rep.environments for s in env.steps] in ([], ["UNDECIDED"])
        assert rep.errors, family


def test_a_limit_is_evaluated_only_where_sympy_and_mpmath_agree() -> None:
    assert read(r"\lim_{n \to \infty} (1 + \frac{1}{n})^n")[0] == sp.E
    assert read(r"\lim_{x \to 0^+} \frac{\sin x}{x}")[0] == 1
    assert read(r"\lim_{x \to 0^+} \frac{|x|}{x}")[0] == 1
    assert read(r"\lim_{x \to 0^-} \frac{|x|}{x}")[0] == -1
    for opaque in (r"\lim_{x \to 0} \frac{|x|}{x}",  # one-sided limits differ: no limit
                   r"\lim_{n \to \infty} \sin(n)",  # oscillates
                   r"\lim_{n \to \infty} \frac{a}{n}",  # a parameter: never evaluated
                   r"\lim_{n \to \infty} a_n",
                   r"\limsup_{n \to \infty} \sin(n)"):
        e, tab = read(opaque)
        assert isinstance(e, sp.Symbol) and tab.atoms[e].kind == "limit", opaque
    assert verdicts(r"\lim_{n \to \infty} (1 + \frac{1}{n})^n &= e") == ["PROVED"]
    assert verdicts(r"\lim_{n \to \infty} (1 + \frac{1}{n})^n &= 3") == ["REFUTED"]
    assert verdicts(r"\lim_{x \to 1} \frac{x^2-1}{x-1} &= 2") == ["PROVED"]
    assert verdicts(r"\lim_{x \to 1} \frac{x^2-1}{x-1} &< 2") == ["REFUTED"]
    text = "\\begin{align*}\n\\lim_{n \\to \\infty} \\frac{n+1}{n} &= 1\n\\end{align*}\n"
    step = verify_tex(text, trials=20).environments[0].steps[0]
    assert any("SymPy's limit" in n and "mpmath" in n for n in step.notes)


def test_an_opaque_limit_is_never_split_nor_refuted_freely() -> None:
    for false_step in (
        r"\lim_{n \to \infty} (a_n + b_n) &= \lim_{n \to \infty} a_n + \lim_{n \to \infty} b_n",
        r"\limsup_{n \to \infty} a_n &\le \liminf_{n \to \infty} a_n",
        r"\lim_{n \to \infty} a_n &= \lim_{n \to \infty} b_n",
    ):
        assert "PROVED" not in verdicts(false_step), false_step
    for true_step in (
        r"\limsup_{n \to \infty} a_n &\ge \liminf_{n \to \infty} a_n",
        r"\lim_{n \to \infty} \frac{1}{\log \log n} &= 0",  # true, too slow to check: opaque
        r"\lim_{n \to \infty} (1 + \frac{a}{n})^n &= e^a",
    ):
        assert "REFUTED" not in verdicts(true_step), true_step
    assert verdicts(r"\lim_{n \to \infty} a_n &\le \lim_{n \to \infty} a_n + 1") == ["PROVED"]
    assert verdicts(r"\lim_{n \to \infty} a_n &\ge \lim_{n \to \infty} a_n + 1") == ["REFUTED"]


def test_an_evaluation_at_infinity_is_the_limit() -> None:
    assert verdicts(r"[-e^{-x}]_0^\infty &= 1") == ["PROVED"]
    assert verdicts(r"[-e^{-x}]_0^\infty &= 2") == ["REFUTED"]
    assert verdicts(r"[\arctan x]_{-\infty}^{\infty} &= \pi") == ["PROVED"]
    assert "PROVED" not in verdicts(r"[g(x)]_0^\infty &= -g(0)")
    assert "REFUTED" not in verdicts(r"[\sin x]_0^\infty &= 0")  # no limit: opaque


def test_a_limit_subscript_that_is_not_one_variable_to_a_point_is_refused() -> None:
    for text in (r"\lim_{n} x_n &= 0", r"\lim_{n, m \to \infty} a_{nm} &= 0",
                 r"\lim \frac{1}{n} &= 0"):
        rep = verify_tex(f"\\begin{{align*}}\n{text}\n\\end{{align*}}\n", trials=20)
        assert [s.verdict for env in rep.environments for s in env.steps] in ([], ["UNDECIDED"])
        assert rep.errors, text
