r"""How ``hallbound verify`` reads what authors write: probability notation, function
application, single-token arguments, sums, norms, integrals, and a chain with one unreadable
side. Each misread found on real derivations has a regression test here (issue 21)."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.hypotheses import Hypotheses, SymbolTable
from hallbound.proofs_checks.latex.math_atoms import atom_definitions, refutation_blocker
from hallbound.proofs_checks.latex.math_parser import (
    LatexError,
    Unreadable,
    parse_chain_pieces,
    parse_expression,
)
from hallbound.proofs_checks.latex.verify import verify_tex


def table(functions: tuple[str, ...] = (), variables: tuple[str, ...] = ()) -> SymbolTable:
    hyp = Hypotheses()
    hyp.functions |= set(functions)
    hyp.variables |= set(variables)
    return SymbolTable(hyp)


def read(tex: str, tab: SymbolTable | None = None) -> sp.Basic:
    return parse_expression(tex, (tab or table()).scope())


def atom_of(value: sp.Basic, tab: SymbolTable) -> str:
    """The kind of the single opaque atom ``value`` is (fails if it is not one)."""
    assert isinstance(value, sp.Symbol), value
    return tab.atoms[value].kind


# -- probability --------------------------------------------------------------------------


def test_expectation_spellings_are_one_symbol() -> None:
    tab = table()
    spellings = [r"\mathbb{E}[X]", r"\E[X]", r"E[X]", r"E(X)", r"\mathbb{E}\left[X\right]"]
    values = {read(t, tab) for t in spellings}
    assert len(values) == 1
    assert atom_of(values.pop(), tab) == "E"


def test_expectation_is_linear_in_numbers_and_sums_only() -> None:
    tab = table()
    ex, ey = read(r"\mathbb{E}[X]", tab), read(r"\mathbb{E}[Y]", tab)
    assert read(r"\mathbb{E}[2X + 3]", tab) == 2 * ex + 3
    assert read(r"\mathbb{E}[X + Y]", tab) == ex + ey
    assert read(r"\mathbb{E}[5]", tab) == 5
    # a letter may be random: E[aX] is not a E[X]
    eax = read(r"\mathbb{E}[a X]", tab)
    assert atom_of(eax, tab) == "E" and eax != read("a", tab) * ex


def test_expectation_of_a_square_is_nonnegative() -> None:
    tab = table()
    e2 = read(r"\mathbb{E}[X^2]", tab)
    assert e2.is_nonnegative and tab.params[e2].lo == 0.0
    assert read(r"\mathbb{E}[X]", tab).is_nonnegative is None


def test_probability_is_an_atom_in_the_unit_interval() -> None:
    tab = table()
    p = read(r"\Pr[X \ge t \mid Y]", tab)
    assert atom_of(p, tab) == "Pr"
    assert (tab.params[p].lo, tab.params[p].hi) == (0.0, 1.0) and p.is_nonnegative
    assert read(r"\mathbb{P}(X \geq t | Y)", tab) == p  # same event, other spelling
    assert read(r"\Pr[X \ge s \mid Y]", tab) != p


def test_var_of_a_difference_is_one_atom_not_a_product_of_letters() -> None:
    # misread: Var[W(t)-W(s)] as V*a*r*(W*t - W*s)
    tab = table()
    v = read(r"Var[W(t)-W(s)]", tab)
    assert atom_of(v, tab) == "Var" and tab.params[v].lo == 0.0
    assert not {s.name for s in v.free_symbols} & {"V", "a", "r", "W"}
    assert read(r"\operatorname{Var}[W(t) - W(s)]", tab) == v
    assert read(r"\mathrm{Var}\left(W(t)-W(s)\right)", tab) == v


def test_var_rules() -> None:
    tab = table()
    vx = read(r"\operatorname{Var}[X]", tab)
    assert read(r"\operatorname{Var}[2X + 1]", tab) == 4 * vx
    assert read(r"\operatorname{Var}[7]", tab) == 0
    assert read(r"\operatorname{Cov}(X, Y)", tab) == read(r"\operatorname{Cov}(Y, X)", tab)
    assert read(r"\operatorname{Cov}(X, X)", tab) == vx
    # Var[X] = E[X^2] - E[X]^2 once both expectations are written
    assert atom_definitions(tab.atoms) == {}
    e2, e1 = read(r"\mathbb{E}[X^2]", tab), read(r"\mathbb{E}[X]", tab)
    assert atom_definitions(tab.atoms) == {vx: e2 - e1**2}


# -- function application -----------------------------------------------------------------


def test_sigma_applied_is_refused_unless_declared() -> None:
    # misread: \sigma(-a) as -a*\sigma
    with pytest.raises(LatexError) as err:
        read(r"\sigma(-a)")
    assert "% hb: function" in err.value.message and "% hb: variable" in err.value.message
    tab = table(functions=("sigma",))
    value = read(r"\sigma(-a)", tab)
    assert atom_of(value, tab) == "func" and value == read(r"\sigma( - a )", tab)
    assert value != read(r"\sigma(a)", tab)
    sigma, a = read(r"\sigma", table(variables=("sigma",))), sp.Symbol("a", real=True)
    assert read(r"\sigma(-a)", table(variables=("sigma",))) == -a * sigma


def test_gamma_is_the_gamma_function() -> None:
    # misread: \Gamma(x) as \Gamma * x
    x = sp.Symbol("x", real=True)
    assert read(r"\Gamma(x)") == sp.gamma(x)
    assert read(r"\Gamma(5)") == 24


def test_kth_derivative_is_never_a_power() -> None:
    # misread: \varphi^{(3)}(u) as u * \varphi^3
    tab = table()
    d3 = read(r"\varphi^{(3)}(u)", tab)
    assert atom_of(d3, tab) == "func"
    assert d3 != read(r"\varphi(u)", tab) and d3 != read(r"\varphi''(u)", tab)
    assert not any(isinstance(p, sp.Pow) for p in sp.preorder_traversal(d3))
    with pytest.raises(LatexError, match="derivative"):
        read(r"\varphi^{(3)}")


def test_products_stay_products_when_the_letter_is_a_variable() -> None:
    x, s, h = sp.symbols("x s h", real=True)
    assert read(r"x(1 - x)") == x * (1 - x)
    # h is used on its own in the environment, so h(2s+1) is a product
    tab = table()
    tab.prescan([r"h < 1", r"h(2s+1)"])
    assert read(r"h(2s+1)", tab) == h * (2 * s + 1)


def test_function_letters_and_repeated_application() -> None:
    tab = table()
    fx, fy = read("f(x)", tab), read("f(y)", tab)
    assert atom_of(fx, tab) == "func" and fx != fy and read("f(x)", tab) == fx
    # p is no conventional function letter: applied once to a compound it is refused,
    # applied to two different arguments in the environment it is a function
    with pytest.raises(LatexError):
        read("p(x + 1)", tab)
    tab.prescan(["p(x + 1) + p(y)"])
    assert atom_of(read("p(x + 1)", tab), tab) == "func"


def test_distance_of_two_arguments() -> None:
    tab = table()
    d = read("d(x, y)", tab)
    assert atom_of(d, tab) == "func" and d != read("d(y, x)", tab)


def test_operator_words_before_brackets_are_operators() -> None:
    tab = table()
    kl = read(r"KL(P \| Q)", tab)
    assert atom_of(kl, tab) == "op" and read(r"\operatorname{KL}(P \| Q)", tab) == kl
    assert atom_of(read(r"\mathrm{dist}(x, A)", tab), tab) == "op"


# -- small constructs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tex", "same_as"),
    [
        (r"\bar X", r"\bar{X}"),
        (r"\hat x", r"\hat{x}"),
        (r"\frac12", r"\frac{1}{2}"),
        (r"\frac a b", r"\frac{a}{b}"),
        (r"\tfrac{a}{b}", r"\frac{a}{b}"),
        (r"\nicefrac{a}{b}", r"\frac{a}{b}"),
        (r"\dfrac12", r"0.5"),
        (r"\bigl( a + b \bigr)^2", r"(a+b)^2"),
        (r"\Big[ a \Big]", r"a"),
        (r"\left. a \right.", r"a"),
        (r"\sum_{\ell=1}^{3} a_\ell", r"a_1 + a_2 + a_3"),
        (r"x^\star + x^*", r"2 x^{*}"),
    ],
)
def test_single_token_arguments_and_sizes(tex: str, same_as: str) -> None:
    tab = table()
    assert sp.simplify(read(tex, tab) - read(same_as, tab)) == 0


def test_styled_letters_are_symbols() -> None:
    tab = table()
    f = read(r"\mathcal{F}", tab)
    assert isinstance(f, sp.Symbol) and f != read("F", tab) and f != read(r"\mathfrak{F}", tab)
    # a bold letter is another object than the plain one (a vector beside a coordinate)
    bold = read(r"\boldsymbol{x}", tab)
    assert isinstance(bold, sp.Symbol) and bold != read("x", tab)
    assert bold == read(r"\mathbf{x}", tab) == read(r"\bm{x}", tab)


def test_sums_without_numeric_range_are_atoms() -> None:
    tab = table()
    s = read(r"\sum_i x_i", tab)
    assert atom_of(s, tab) == "sum"
    assert read(r"\sum_{i \in S} x_i^2", tab).is_nonnegative
    assert read(r"\sum_i x_i - \sum_i x_i", tab) == 0
    ell = read(r"x_1 + \cdots + x_n", tab)
    assert atom_of(ell, tab) == "sum" and read(r"x_1 + \dots + x_n", tab) == ell
    # E[X_i] depends on i: the sum is an atom, never n * E[X_i]
    summed = read(r"\sum_{i=1}^{n} \mathbb{E}[X_i]", tab)
    assert atom_of(summed, tab) == "sum"


def test_norms_and_inner_products() -> None:
    tab = table()
    n = read(r"\|x - y\|", tab)
    assert atom_of(n, tab) == "norm" and n.is_nonnegative
    assert read(r"\lVert x - y \rVert", tab) == n
    assert read(r"\|x\|_1", tab) != read(r"\|x\|_2", tab)
    ip = read(r"\langle x, y \rangle", tab)
    assert atom_of(ip, tab) == "inner" and read(r"\langle y, x \rangle", tab) == ip
    assert read(r"\langle x, x \rangle", tab).is_nonnegative


def test_integrals() -> None:
    tab = table()
    assert read(r"\int_0^1 x^2 \, dx", tab) == sp.Rational(1, 3)
    assert read(r"\int_0^{\pi} \sin(x) \, \mathrm{d}x", tab) == 2
    # no closed form: an atom; the same integral under another variable is the same atom
    hard = read(r"\int_0^1 x^x \, dx", tab)
    assert atom_of(hard, tab) == "integral" and read(r"\int_0^1 t^t dt", tab) == hard
    assert read(r"\int_0^2 x^x dx", tab) != hard
    with pytest.raises(LatexError, match="differential"):
        read(r"\int_0^1 x^2")


# -- one unreadable side ------------------------------------------------------------------


def test_an_unreadable_side_is_isolated() -> None:
    exprs, rels, _ = parse_chain_pieces(r"a \le \partial A \le b = c", table().scope())
    assert rels == ["<=", "<=", "="]
    assert isinstance(exprs[1], Unreadable) and "derivatives" in exprs[1].error.message
    assert [isinstance(e, Unreadable) for e in exprs] == [False, True, False, False]


def test_verify_checks_the_steps_around_an_unreadable_side() -> None:
    text = r"""% hb: assume x > 0
\begin{align}
x &\le x + 1 \le \partial A \le x + 3 \\
&\le x + 2
\end{align}"""
    rep = verify_tex(text, trials=20)
    steps = rep.environments[0].steps
    assert [s.verdict for s in steps] == ["PROVED", "UNDECIDED", "UNDECIDED", "REFUTED"]
    assert all(s.detail.startswith("skipped") for s in steps[1:3])
    assert len(rep.errors) == 1 and "skipped" in rep.errors[0].message


# -- verdicts on atoms --------------------------------------------------------------------


def test_atoms_do_not_cry_wolf_but_exact_rules_decide() -> None:
    text = r"""% hb: assume X \ge 0, a > 0
\begin{equation} \Pr[X \ge a] \le \frac{\mathbb{E}[X]}{a} \end{equation}
\begin{equation} \mathbb{E}[Y^2] \ge \mathbb{E}[Y]^2 \end{equation}
\begin{equation} \mathbb{E}[2Y + 1] = 2 \mathbb{E}[Y] + 1 \end{equation}
\begin{equation} \operatorname{Var}[Y] = \mathbb{E}[Y^2] - \mathbb{E}[Y]^2 \end{equation}
\begin{equation} \operatorname{Var}[Y] = \mathbb{E}[Y^2] + \mathbb{E}[Y]^2 \end{equation}
\begin{equation} \Pr[A \mid B] \le 1 \end{equation}
"""
    rep = verify_tex(text, trials=20)
    verdicts = [c.steps[0].verdict for c in rep.environments]
    # Markov and Jensen are true: setting the atoms freely must not refute them (Markov,
    # with X >= 0 and a > 0 stated, is PROVED by the tail-event rules; Jensen, with no
    # parameter, is sampled over finite laws of Y: SUPPORTED)
    assert verdicts[:2] == ["PROVED", "SUPPORTED"]
    assert rep.environments[0].steps[0].method == "tail-event rules: Markov's inequality"
    assert rep.environments[1].steps[0].method == "finite-law model"
    assert verdicts[2:4] == ["PROVED", "PROVED"]
    # a dropped minus sign: -2 E[Y]^2 = 0 fails for any Y with a non-zero mean
    assert verdicts[4] == "REFUTED"
    assert verdicts[5] in ("PROVED", "CERTIFIED")


def test_refutation_blocker_rules() -> None:
    tab = table()
    e1, e2 = read(r"\mathbb{E}[X]", tab), read(r"\mathbb{E}[X^2]", tab)
    f = read("f(x)", tab)
    x = read("x", tab)
    assert refutation_blocker(e2, e1**2, tab.atoms, set()) is not None
    assert refutation_blocker(e1 + 1, e1, tab.atoms, set()) is None  # the atom cancels
    # what the text says of f (convex, majorised by q) is not known: no refutation
    assert refutation_blocker(f, x**2, tab.atoms, set()) is not None
    assert refutation_blocker(f + 1, f, tab.atoms, set()) is None
    assert refutation_blocker(e1, 0, tab.atoms, set()) is None  # some X has a non-zero mean
    xs = read("X", tab)
    assert refutation_blocker(e1, 0, tab.atoms, {xs}) is not None  # X's domain is stated


def test_more_constructs_authors_write() -> None:
    tab = table()
    n = read("n", tab)
    assert read(r"\sum^{3}_{i=1} i", tab) == 6  # limits in either order
    # a convergent geometric series is summed (issue 21); any other series is one atom
    assert read(r"1 + \frac12 + \frac14 + \dots", tab) == 2
    series = read(r"1 + \frac12 + \frac13 + \dots", tab)
    assert atom_of(series, tab) == "sum"
    h = read(r"H[X | Y]", tab)  # a conditioning bar: a function value, not H * (X | Y)
    assert atom_of(h, tab) == "func"
    tv = read(r"\operatorname{TV}^2(\mu, \nu)", tab)
    assert tv == read(r"\operatorname{TV}(\mu, \nu)", tab) ** 2
    assert read(r"\text{Var}(X)", tab) == read(r"\operatorname{Var}[X]", tab)
    assert read(r"n + 1 \quad (\text{by } (2))", tab) == n + 1
    xk1 = read(r"x_{k+1}", tab)
    assert isinstance(xk1, sp.Symbol) and xk1 != read("x_k", tab) + 1


def test_a_free_i_refutes_nothing() -> None:
    text = r"""\begin{equation} |q - a - ib|^2 = (q - a)^2 + b^2 \end{equation}
% hb: assume i \in \mathbb{N}
\begin{equation} i^2 \ge i + 1 \end{equation}"""
    rep = verify_tex(text, trials=20)
    first, second = (c.steps[0] for c in rep.environments)
    # i may be the imaginary unit: the identity is true then, and must not be REFUTED
    assert first.verdict == "UNDECIDED" and "imaginary unit" in first.detail
    # a declared integer i is a variable: i = 1 refutes the second
    assert second.verdict == "REFUTED"


def test_a_lone_total_variation_can_refute() -> None:
    # (1 - TV)^2 / 2 misread as (1 - TV^2) / 2: false at TV = 1/2, which some pair of
    # measures has; KL and TV carry their ranges
    text = r"""\begin{align}
\frac{1}{2} - \operatorname{TV}(\mu, \nu) + \frac{1}{2}\operatorname{TV}^2(\mu, \nu)
&= \frac{1}{2}(1 - \operatorname{TV}(\mu, \nu)^2) \\
&= \frac{1}{2} - \frac{1}{2}\operatorname{TV}(\mu, \nu)^2
\end{align}"""
    steps = verify_tex(text, trials=20).environments[0].steps
    assert [s.verdict for s in steps] == ["REFUTED", "PROVED"]
    tab = table()
    tv, kl = read(r"\operatorname{TV}(P, Q)", tab), read(r"\operatorname{KL}(P, Q)", tab)
    assert (tab.params[tv].lo, tab.params[tv].hi) == (0.0, 1.0) and kl.is_nonnegative


def test_a_name_alone_in_a_norm_is_no_number() -> None:
    # \|p\| says nothing of p being a number: p(x + 1) stays a refused application, not
    # p * (x + 1)
    with pytest.raises(LatexError, match="function application"):
        read(r"\|p\| + p(x + 1)")
    a, b, c = sp.symbols("a b c", real=True)
    assert read(r"2a + a(b + c)") == 2 * a + a * (b + c)  # 2a: a is a number
    tab = table()
    assert read(r"\Pr\{X > t\}", tab) == read(r"\Pr[X > t]", tab)


def test_an_assumption_on_an_atom_narrows_it() -> None:
    text = r"""% hb: assume \mathbb{E}[X] \ge 1
\begin{equation} \mathbb{E}[X] \ge \frac{1}{2} \end{equation}"""
    assert verify_tex(text, trials=20).environments[0].steps[0].verdict in ("PROVED", "CERTIFIED")
    hyp = Hypotheses()
    from hallbound.proofs_checks.latex.hypotheses import parse_assume

    parse_assume(r"\Pr[A] \le \frac{1}{2}", 0, hyp)
    tab = SymbolTable(hyp)
    p = read(r"\Pr[A]", tab)
    assert (tab.params[p].lo, tab.params[p].hi) == (0.0, 0.5)


def test_an_unbracketed_expectation_takes_its_power() -> None:
    # E X^2 is E[X^2], E|X|^p is E[|X|^p]; only E[X]^2 is the square of the mean
    tab = table()
    e2, e1 = read(r"\mathbb{E}[X^2]", tab), read(r"\mathbb{E}[X]", tab)
    assert read(r"\mathbb{E} X^2", tab) == e2
    assert read(r"\mathbb{E}|X|^2", tab) == e2
    assert read(r"\mathbb{E}[X]^2", tab) == e1**2
    assert read(r"\mathbb{E}\left\lvert X \right\rvert", tab) == read(r"\mathbb{E}[|X|]", tab)


def test_declarations_name_decorated_letters() -> None:
    from hallbound.proofs_checks.latex.hypotheses import parse_declaration

    hyp = Hypotheses()
    parse_declaration("function", r"\hat{L}, \mathcal{R}_m, q_k, 2x", 0, hyp)
    assert {"Lhat", "Rcal_m", "q_k"} <= hyp.functions and len(hyp.errors) == 1
    tab = SymbolTable(hyp)
    assert atom_of(read(r"\hat L(h)", tab), tab) == "func"
    assert atom_of(read(r"\mathcal{R}_m(F)", tab), tab) == "func"
    with pytest.raises(ValueError, match="verb"):
        parse_declaration("constant", "c", 0, hyp)


def test_scripts_and_subscripted_norms() -> None:
    tab = table()
    n, x = read("n", tab), read("x", tab)
    # ^n (1 - x): the one-token exponent n is never applied to (1 - x)
    assert read(r"x^n (1 - x)", tab) == x**n * (1 - x)
    braced = read(r"{\left\lVert{ y}\right\rVert}_{q}", tab)
    assert braced == read(r"\|y\|_q", tab) and braced != read(r"\|y\|", tab)


def test_integrals_share_a_budget_per_file() -> None:
    from hallbound.proofs_checks.latex import math_reading

    try:
        math_reading.reset_integral_budget(0.0)
        # nothing left: even an elementary integral stays an opaque atom
        tab = table()
        assert atom_of(read(r"\int_0^2 x^3 \, dx", tab), tab) == "integral"
    finally:
        math_reading.reset_integral_budget()
    assert read(r"\int_0^2 x^3 \, dx") == 4
    with pytest.raises(ValueError, match="seconds"):
        math_reading.reset_integral_budget(-1.0)


def test_plain_p_of_an_event_is_a_probability() -> None:
    tab = table()
    p = read(r"P(X > t)", tab)
    assert p == read(r"\Pr[X > t]", tab) and atom_of(p, tab) == "Pr"
    assert read(r"P(A \mid B)", tab) == read(r"\Pr[A | B]", tab)
    with pytest.raises(LatexError, match="function application"):
        read(r"P(x + 1)", tab)  # no event: P is no probability here


def test_a_sum_of_atoms_that_depend_on_the_index_is_never_n_times_one() -> None:
    tab = table()
    n = read("n", tab)
    for tex in (r"\sum_{i=1}^n \Pr[X_i > t]", r"\sum_{i=1}^{3} \Pr[X_i > t]"):
        assert atom_of(read(tex, tab), tab) == "sum"
    # an atom read as text (its symbols unknown) that names the index: opaque too
    assert atom_of(read(r"\sum_{i=1}^n \mathbb{E}[f(X_i, \dots)]", tab), tab) == "sum"
    # an atom free of the index is a constant of the sum
    assert sp.simplify(read(r"\sum_{i=1}^n \Pr[A]", tab).doit() - n * read(r"\Pr[A]", tab)) == 0
