r"""Function application as papers write it (issue 21): a name applied to one name or to a
set expression is a function value (:mod:`hallbound.proofs_checks.latex.math_arguments`);
a name applied to two arguments anywhere in the document is a function unless it is used on
its own next to arithmetic somewhere; the classic products stay products or refusals."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.document import read_document
from hallbound.proofs_checks.latex.document_evidence import document_evidence, inline_formulas
from hallbound.proofs_checks.latex.hypotheses import Hypotheses, SymbolTable
from hallbound.proofs_checks.latex.math_arguments import set_expression, single_name
from hallbound.proofs_checks.latex.math_parser import LatexError, parse_expression
from hallbound.proofs_checks.latex.math_tokens import tokenize
from hallbound.proofs_checks.latex.verify import verify_tex

CHECKED = ("PROVED", "CERTIFIED", "SUPPORTED", "REFUTED")


def read(tex: str, tab: SymbolTable | None = None) -> sp.Basic:
    return parse_expression(tex, (tab or SymbolTable(Hypotheses())).scope())


def verdicts(body: str, head: str = "") -> list[str]:
    text = f"{head}\\begin{{align*}}\n{body}\n\\end{{align*}}\n"
    return [s.verdict for env in verify_tex(text, trials=30).environments for s in env.steps]


def errors(text: str) -> list[str]:
    return [e.message for e in verify_tex(text, trials=20).errors]


@pytest.mark.parametrize("tex", [
    "p(x)", "H(X)", r"\mu(A_\epsilon)", "P[N_{T,a}]", r"\mu[f]", "T_C(x)", r"\nu(a)",
    "E_{2m}(A)", "h(X)", r"\Lambda(n)", r"\hat{\mu}(t)", "n_0(x)", "h(X_1^n)", "q(h^*)",
    r"\mu(A \setminus \{a\})", r"\mu(A \cup B)", r"\mu(\mathcal X)", r"\mu(\emptyset)",
    r"\nu(A \times B)",
])
def test_a_name_applied_to_one_name_or_a_set_is_a_function_value(tex: str) -> None:
    tab = SymbolTable(Hypotheses())
    value = read(tex, tab)
    assert isinstance(value, sp.Symbol) and tab.atoms[value].kind == "func", tex


@pytest.mark.parametrize("tex", [
    "c(a+b)", r"\sigma(-a)", "p(x^2)", r"c(a \times b)", "c(2)", "c(2s+1)", "c(x y)",
])
def test_a_compound_or_a_number_in_the_group_is_still_refused(tex: str) -> None:
    with pytest.raises(LatexError, match="function application"):
        read(tex)


def test_the_shapes_of_one_name_and_of_a_set() -> None:
    def toks(tex: str) -> list:
        return tokenize(tex)

    for tex in ("x", "x_i", r"\theta_0", "h^*", r"\hat x", "X_1^n", "f'", r"\mathcal{X}",
                "x^{(k)}"):
        assert single_name(toks(tex)), tex
    for tex in ("2", "x^2", "x^{-1}", "-x", "x+1", "xy", r"\hat{xy}", "x_1 y", "n!"):
        assert not single_name(toks(tex)), tex
    assert set_expression(toks(r"A \cap (B \cup C)")) and set_expression(toks(r"\{a, b\}"))
    assert not set_expression(toks(r"a \times b")) and not set_expression(toks("(A)"))


def test_the_classic_products_stay_products_or_refusals() -> None:
    assert verdicts(r"x(1-x) &\le 1/4") == ["PROVED"]
    assert verdicts(r"\frac{n(n+1)}{2} &= \frac{n^2 + n}{2}") == ["PROVED"]
    # \sigma on its own in the environment: \sigma(-a) is the product
    assert verdicts(r"\sigma(-a) + \sigma &= \sigma (1 - a)") == ["PROVED"]
    assert verdicts(r"h(2s+1) &= 2hs + h", "% hb: assume h < 1\n") == ["PROVED"]
    # h alone next to arithmetic in the environment comes first: h(x) is h times x
    assert verdicts("h(x) &= hx \\\\\n h &< 2")[0] == "PROVED"
    got = verdicts("c(a+b) &= ca + cb")
    assert "REFUTED" not in got and "PROVED" not in got or got == ["PROVED"]


def test_a_step_with_an_unread_application_stays_undecided() -> None:
    text = "\\begin{align*}\nc(a+b) &= ca + cb\n\\end{align*}\n"
    rep = verify_tex(text, trials=20)
    assert not [s for env in rep.environments for s in env.steps if s.verdict in CHECKED]
    assert any("function application" in m for m in errors(text))


def test_function_values_under_an_assumption_mutation() -> None:
    head = "% hb: assume \\mu(A) + \\mu(B) \\le \\mu(C) - 1\n"
    assert verdicts(r"\mu(A) + \mu(B) &\le \mu(C)", head) == ["PROVED"]
    assert verdicts(r"\mu(A) + \mu(B) &\ge \mu(C)", head) == ["REFUTED"]
    # the assumption is read (no refusal withdraws the environment's counterexamples)
    text = head + "\\begin{align*}\n\\mu(A) + \\mu(B) &\\ge \\mu(C)\n\\end{align*}\n"
    assert not [m for m in errors(text) if "not read" in m or "application" in m]


def test_same_name_same_argument_same_value_across_rows() -> None:
    assert verdicts("p(x) + 1 &= 1 + p(x) \\\\\n &= p(x) + 1") == ["PROVED", "PROVED"]
    assert "PROVED" not in verdicts("p(x) + 1 &= 1 + p(y)")
    assert "PROVED" not in verdicts(r"\nu(A \times B) &= \nu(B \times A)")


def test_the_document_applies_a_name_to_two_arguments() -> None:
    one = "\\begin{align*}\nw_2(a + b) &\\le 1\n\\end{align*}\n"
    two = "\\begin{align*}\nw_2(a - b) &\\le 2\n\\end{align*}\n"
    assert any("function application" in m for m in errors(one))
    assert not any("function application" in m for m in errors(one + two))
    inline = "Here $w_2(a - b) = 0$.\n" + one
    assert not any("function application" in m for m in errors(inline))
    # used on its own next to arithmetic anywhere: never a function by this rule
    alone = "\\begin{align*}\nw_2 + 1 &\\le 3\n\\end{align*}\n"
    assert any("function application" in m for m in errors(one + two + alone))


def test_document_evidence_reads_rows_assumptions_and_inline_math() -> None:
    text = ("Let $q(u + 1)$ and \\(r \\le 2\\).\n% hb: assume s(v + w) \\ge 0\n"
            "\\begin{equation}\nt(x + y) = 1\n\\end{equation}\n")
    ev = document_evidence(read_document(text))
    assert {"q", "s", "t"} <= set(ev.applied) and "r" in ev.standalone
    assert inline_formulas("a $x$ b $$y$$ c \\$ d \\(z\\)") == ["x", "y", "z"]


def test_an_assume_line_reads_names_as_the_rows_use_them() -> None:
    # c x on the rows: c(x + 1) in the assumption is the product, and the assumption is read
    head = "% hb: assume c(x + 1) \\le 1, x > 0, c > 0\n"
    assert verdicts("c x + c &\\le 1", head) == ["PROVED"]
    assert verdicts("c x + c &\\le 1/2", head) == ["REFUTED"]  # the halved bound
    text = head + "\\begin{align*}\nc x + c &\\le 1\n\\end{align*}\n"
    assert not [m for m in errors(text) if "application" in m]
    # with no row using c as a number, c(x + 1) stays refused (never guessed)
    text = "% hb: assume c(x + 1) \\le 1\n\\begin{align*}\nx &\\le x\n\\end{align*}\n"
    assert any("application" in m for m in errors(text))


def test_a_divergence_bar_between_two_names_is_two_arguments() -> None:
    tab = SymbolTable(Hypotheses())
    d = read("D(p || q)", tab)
    assert tab.atoms[d].kind == "func" and d == read(r"D(p \| q)", tab) == read("D(p, q)", tab)
    assert d != read(r"D(q \parallel p)", tab)  # a divergence is not symmetric
    assert verdicts(r"D(p || q) &= D(p \| q)") == ["PROVED"]
    assert "PROVED" not in verdicts(r"D(p || q) &= D(q || p)")
    for tex in (r"c(\|x\|)", "c(|x| |y|)", "c(p || q + 1)"):  # a norm, absolute values
        with pytest.raises(LatexError, match="function application"):
            read(tex)
