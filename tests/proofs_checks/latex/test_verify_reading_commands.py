r"""How ``hallbound verify`` reads LaTeX commands as papers write them (issue 21, reading
side): ``\operatorname{\mathbb{E}}``, ``\sin^2 x``, ``\log_2``, ``\det B`` of an undeclared
``B``, ``\binom n2``, and ``{R}_D``. Each construct is read correctly or refused with a reason;
the expected values are written out by hand."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.hypotheses import Hypotheses, SymbolTable
from hallbound.proofs_checks.latex.math_parser import LatexError, parse_expression
from hallbound.proofs_checks.latex.verify import verify_tex


def read(tex: str, tab: SymbolTable | None = None) -> sp.Basic:
    return parse_expression(tex, (tab or SymbolTable(Hypotheses())).scope())


def verdicts(body: str, env: str = "align*") -> list[str]:
    rep = verify_tex(f"\\begin{{{env}}}\n{body}\n\\end{{{env}}}\n", time_limit=2.0)
    return [s.verdict for c in rep.environments for s in c.steps]


def test_operatorname_around_one_command_is_that_command() -> None:
    tab = SymbolTable(Hypotheses())
    e = read(r"\mathbb{E}[X]", tab)
    assert read(r"\operatorname{\mathbb{E}}[X]", tab) == e
    assert read(r"\operatorname*{\mathbb{E}}[X]", tab) == e
    # a DeclareMathOperator'd \Exp with \mathbb{E} as its body
    tex = "\\DeclareMathOperator*{\\Exp}{\\mathbb{E}}\n\\begin{align*}\n"
    tex += "\\Exp[X + 1] &= \\Exp[X] + 1\n\\end{align*}\n"
    rep = verify_tex(tex, time_limit=2.0)
    assert [s.verdict for c in rep.environments for s in c.steps] == ["PROVED"]
    # two commands in the braces are not one operator
    with pytest.raises(LatexError):
        read(r"\operatorname{\mathbb{E}\mathbb{P}}[X]")


def test_function_powers_are_powers_of_the_value() -> None:
    x = read("x")
    assert read(r"\sin^2 x") == sp.sin(x) ** 2
    assert read(r"\cos^{3}(x)") == sp.cos(x) ** 3
    assert read(r"\log^2 x") == sp.log(x) ** 2
    assert verdicts(r"\cos^2 x + \sin^2 x &= 1") == ["PROVED"]
    # the inverse-function reading of ^{-1} is not guessed; nor is a symbolic power
    for tex in (r"\sin^{-1} x", r"\sin^k x", r"\exp^2 x", r"\sin^{2.5} x"):
        with pytest.raises(LatexError, match=r"instead of"):
            read(tex)


def test_log_with_a_base_divides_by_the_log_of_the_base() -> None:
    x = read("x")
    assert read(r"\log_2 x") == sp.log(x) / sp.log(2)
    assert read(r"\log_{10}(x)") == sp.log(x) / sp.log(10)
    assert verdicts(r"\log_2 8 &= 3") == ["PROVED"]
    assert verdicts(r"\log_2 8 &= 2") == ["REFUTED"]
    with pytest.raises(LatexError, match="base"):
        read(r"\ln_2 x")
    with pytest.raises(LatexError, match="base"):
        read(r"\log_1 x")


def test_determinant_of_an_undeclared_name_is_one_opaque_atom() -> None:
    tab = SymbolTable(Hypotheses())
    d = read(r"\det B", tab)
    assert isinstance(d, sp.Symbol) and tab.atoms[d].kind == "func"
    assert read(r"\det(B)", tab) == d
    assert read(r"\det C", tab) != d
    assert verdicts(r"\det B &= 1 \cdot \det B") == ["PROVED"]
    # an unknown determinant is never refuted on a free value
    assert verdicts(r"\det B &\le 2 \det B") == ["UNDECIDED"]
    # of a product or a sum: not a name, refused
    with pytest.raises(LatexError, match="declared matrix"):
        read(r"\det(A + B)", tab)


def test_binomial_takes_single_token_arguments() -> None:
    n = read("n")
    assert read(r"\binom n2") == sp.binomial(n, 2)
    assert verdicts(r"\binom{n}{2} &= \frac{n(n-1)}{2}") == ["PROVED"]


def test_braces_around_one_name_bind_its_subscript() -> None:
    tab = SymbolTable(Hypotheses())
    assert read(r"{R}_D", tab) == read(r"R_D", tab)
    assert read(r"2{x}", tab) == 2 * read("x", tab)
    # a macro \risk -> \ensuremath{R}: R_D applied to two arguments is a function
    tex = "\\newcommand{\\risk}{\\ensuremath{R}}\n\\begin{align*}\n"
    tex += "\\risk_D(h_S) &\\le \\risk_D(h^*) + 1\n\\end{align*}\n"
    rep = verify_tex(tex, time_limit=2.0)
    assert not rep.errors
    # arguments and scripts keep their braces: \hat{x}, x^{2}, \frac{a}{b}
    assert read(r"\frac{a}{b}", tab) == read("a", tab) / read("b", tab)
    assert read(r"x^{2}", tab) == read("x", tab) ** 2


def test_a_function_command_ends_the_argument_of_the_one_before() -> None:
    t = read(r"\vartheta")
    assert read(r"\cos\vartheta \sin\vartheta") == sp.cos(t) * sp.sin(t)
    with pytest.raises(LatexError, match="ambiguous"):
        read(r"\ln x y")


def test_bound_function_letter_applied_is_a_value_not_a_product() -> None:
    # \sup_{h \in H} h(x): h(x) is the value of h, never h * x
    tab = SymbolTable(Hypotheses())
    value = read(r"\sup_{h \in H} h(x)", tab)
    key = tab.atoms[value].key
    assert "h*x" not in key and "h(x)" in key
    # a numeric index applied to a bracket stays a product: i(i+1)
    i = sp.Symbol("i", integer=True)
    n = read("n", tab)
    assert read(r"\sum_{i=1}^{n} i(i+1)", tab) == sp.Sum(i * (i + 1), (i, 1, n))


def test_subscript_labels_name_symbols_and_never_hide_an_index() -> None:
    tab = SymbolTable(Hypotheses())
    a = read(r"N_{t,A_t}", tab)
    assert isinstance(a, sp.Symbol) and a == read(r"N_{t,A_{t}}", tab)
    assert a != read(r"N_{t,A_s}", tab)
    f0 = read(r"f_{i_0}", tab)
    n = read("n", tab)
    i = sp.Symbol("i", integer=True)
    # i_0 is no use of the index i: the sum of a constant
    assert read(r"\sum_{i=1}^{n} f_{i_0}", tab) == sp.Sum(f0, (i, 1, n))
    assert verdicts(r"\mu_{a^*} &\ge \mu_{a^*} - 1") == ["PROVED"]
    # a subscript holding the index with other symbols: the function's value at it, whose
    # sum stays opaque (never n times one value, never a free \mu_{A_i})
    for tex, key in ((r"\sum_{i=1}^{n} \mu_{A_i}", "mu(A[i])"),
                     (r"\sum_{a=1}^{n} x_{a^2}", "x(a**2)"),
                     (r"\sum_{i=1}^{3} x_{i,j}", "x(i, j)")):
        total = read(tex, tab)
        assert isinstance(total, sp.Symbol) and tab.atoms[total].kind == "sum"
        assert key in tab.atoms[total].key
    assert read(r"\sum_{i=1}^{n} \mu_{A_i}", tab) != read(r"n \mu_{A_i}", tab)
    # a^* (the optimal a) is a name of its own, no use of the index a
    star = read(r"x_{a^*}", tab)
    a = sp.Symbol("a", integer=True)
    assert read(r"\sum_{a=1}^{n} x_{a^*}", tab) == sp.Sum(star, (a, 1, n))
    # a subscript with commands or brackets: an opaque quantity keyed by its text
    lab = read(r"d_{B(x, \frac{1}{2} r)}", tab)
    assert isinstance(lab, sp.Symbol) and tab.atoms[lab].kind == "label"
    assert read(r"d_{B(x, \frac{1}{2} r)}", tab) == lab != read(r"d_{B(x, r)}", tab)
    with pytest.raises(LatexError, match="mixes a summation index"):
        read(r"\sum_{i=1}^{n} d_{B(x_i, \frac{1}{2} r)}", tab)


def test_integral_over_a_set_is_an_opaque_atom_of_integrand_and_set() -> None:
    tab = SymbolTable(Hypotheses())
    a = read(r"\int_{\omega \in \Omega} f(\omega)\, d\omega", tab)
    assert isinstance(a, sp.Symbol) and tab.atoms[a].kind == "integral"
    assert read(r"\int\limits_{\omega\in\Omega} f(\omega)\;d\omega", tab) == a
    assert read(r"\int_{\omega \in \mathbb{R}} f(\omega)\, d\omega", tab) != a
    # limits are still limits
    assert read(r"\int_0^1 x\,dx", tab) == sp.Rational(1, 2)


def test_parenthesised_superscript_is_a_label_not_a_power() -> None:
    tab = SymbolTable(Hypotheses())
    x1 = read(r"x^{(1)}", tab)
    assert isinstance(x1, sp.Symbol) and x1 != read("x", tab) and x1 != read("x_1", tab)
    assert verdicts(r"x^{(i)} + x^{(i)} &= 2 x^{(i)}") == ["PROVED"]
    # the i-th x inside a sum over i is indexed, and agrees with the written-out terms
    assert verdicts(r"\sum_{i=1}^{2} x^{(i)} &= x^{(1)} + x^{(2)}") == ["PROVED"]
    assert read(r"(x)^{(2)}", tab) == read("x", tab) ** 2
    # a power in parentheses is not a label: (x)^{(2)}, x^{(a+b)}
    assert read(r"x^{(a+b)}", tab) == read("x", tab) ** (read("a", tab) + read("b", tab))


def test_a_column_past_the_equation_is_never_a_factor() -> None:
    # align: "a &= b & (3)" is a remark column (or a second equation), not b * 3: read as
    # a factor, 2 = 2 (3) would be REFUTED
    assert verdicts(r"2 &= 2 & (3) \\ &\le 2") == ["PROVED", "PROVED"]
    rep = verify_tex("\\begin{align*}\nx &= 2 & (3)\n\\end{align*}\n", time_limit=2.0)
    assert [s.rhs.strip() for c in rep.environments for s in c.steps] == ["2"]
    # eqnarray: the fourth column is the remark
    tex = "\\begin{eqnarray}\n2 & = & 2 & (3) \\\\\n & \\le & 3\n\\end{eqnarray}\n"
    rep = verify_tex(tex, time_limit=2.0)
    assert [s.verdict for c in rep.environments for s in c.steps] == ["PROVED", "PROVED"]
    # nested aligned: the same rule
    assert verdicts(r"\begin{aligned} 2 &= 2 & (3) \end{aligned}", "equation") == ["PROVED"]


def test_indicators_are_atoms_in_the_unit_interval() -> None:
    tab = SymbolTable(Hypotheses())
    a = read(r"\mathbb{1}\{X > t\}", tab)
    assert tab.atoms[a].kind == "indicator" and (tab.atoms[a].lo, tab.atoms[a].hi) == (0, 1)
    for tex in (r"\mathbb{1}[X > t]", r"\mathbf{1}\{X > t\}", r"\mathbbm{1}\{X>t\}"):
        assert read(tex, tab) == a
    assert read(r"\mathbb{I}\{X > s\}", tab) != a
    assert verdicts(r"\mathbb{I}\{A = a\} &\le 1") == ["PROVED"]
    # \mathbb{I}_d (an identity) and \mathbf{1} alone (the ones vector) are no indicators
    assert read(r"\mathbb{I}_d", tab) not in tab.atoms
    assert read(r"\mathbf{1}", tab) == sp.ones(2, 1)


def test_underbrace_notes_and_forall_conditions_are_not_read_as_math() -> None:
    tab = SymbolTable(Hypotheses())
    lam, u = read(r"\lambda", tab), read("u", tab)
    assert read(r"\underbrace{\lambda}_{\geq 0} \underbrace{u}_{\le 0}", tab) == lam * u
    assert read(r"\overbrace{\lambda + u}^{=c}", tab) == lam + u
    # "\forall x \in \mathbb{R}" after a relation restricts nothing: the formula ends there;
    # "\forall x \in D" is a condition and refuses the row (review s11 finding 6)
    row = r"\lambda + u &= u + \lambda \quad \forall \lambda \in \mathbb{R}"
    assert verdicts(row) == ["PROVED"]
    assert verdicts(r"\lambda + u &= u + \lambda \quad \forall \lambda \in D") == []


def test_braces_around_one_command_bind_its_script_and_argument() -> None:
    # \newcommand{\E}{\ensuremath{\mathbb{E}}}: \E_S[X] is {\mathbb{E}}_S[X]
    tab = SymbolTable(Hypotheses())
    assert read(r"{\mathbb{E}}_S[X]", tab) == read(r"\mathbb{E}_S[X]", tab)
    assert read(r"{\hat{R}}_S", tab) == read(r"\hat{R}_S", tab)
    tex = "\\newcommand{\\E}{\\ensuremath{\\mathbb{E}}}\n\\begin{align*}\n"
    tex += "\\E_S\\!\\left[X + 1\\right] &= \\E_S[X] + 1\n\\end{align*}\n"
    rep = verify_tex(tex, time_limit=2.0)
    assert [s.verdict for c in rep.environments for s in c.steps] == ["PROVED"]
    # a group of more than one unit stays a group: {a + b}^2 is (a + b)^2
    a, b = read("a", tab), read("b", tab)
    assert read(r"{a + b}^2", tab) == (a + b) ** 2
    assert read(r"{\hat{a} b}^2", tab) == (read(r"\hat{a}", tab) * b) ** 2


def test_a_product_with_an_ellipsis_is_one_atom_of_its_ends() -> None:
    tab = SymbolTable(Hypotheses())
    p = read(r"\lambda_1 \cdots \lambda_n", tab)
    assert isinstance(p, sp.Symbol) and tab.atoms[p].kind == "product"
    assert read(r"\lambda_1 \cdot \ldots \cdot \lambda_n", tab) == p
    assert read(r"2 \lambda_1 \cdots \lambda_n", tab) == 2 * p
    assert read(r"\lambda_1 \cdots \lambda_m", tab) != p
    # never refuted on a free value of the product
    assert verdicts(r"\lambda_1 \cdots \lambda_n &\le 2") == ["UNDECIDED"]


def test_an_underbraced_part_is_read_like_any_other() -> None:
    # sizes and spacing inside the braced part are dropped as elsewhere
    tab = SymbolTable(Hypotheses())
    x, k = read("x", tab), read("k", tab)
    assert read(r"\underbrace{\left( x - k \right)^2 \,}_{q(x)}", tab) == (x - k) ** 2


def test_a_function_indexed_by_a_sum_keeps_the_sum_opaque() -> None:
    tab = SymbolTable(Hypotheses())
    s = read(r"\sum_{i=1}^{n} f_i(x)", tab)
    assert tab.atoms[s].kind == "sum"  # never n * f_i(x)
    assert s != read("n", tab) * read(r"f_i(x)", tab)
    # written out or not, the sum of f_i is not refuted on free values
    assert verdicts(r"\sum_{i=1}^{2} f_i(x) &= f_1(x) + f_2(x)") == ["UNDECIDED"]
