"""The allow-list LaTeX parser behind ``hallbound verify``: each construct against the SymPy
expression built by hand, and the limits on hostile input."""

from __future__ import annotations

import pathlib
import re

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.math_parser import (
    LatexError,
    Scope,
    parse_chain,
    parse_expression,
)

a, b, c, x, y, t, N = sp.symbols("a b c x y t N", real=True)
delta, mu_i, p_i = sp.symbols("delta mu_i p_i", real=True)
S11, S12, S22 = sp.symbols("S11 S12 S22", real=True)
SIGMA = sp.Matrix([[S11, S12], [S12, S22]])


def scope() -> Scope:
    return Scope(lambda name, latex: sp.Symbol(name, real=True), objects={"Sigma": SIGMA}, dim=2)


def parse(text: str) -> sp.Basic:
    return parse_expression(text, scope())


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        (r"\frac{a+b}{2}", (a + b) / 2),
        (r"\dfrac{1}{x}", 1 / x),
        (r"\sqrt{x}", sp.sqrt(x)),
        (r"\sqrt[3]{abc}", (a * b * c) ** sp.Rational(1, 3)),
        (r"\ln(1+x)", sp.log(1 + x)),
        (r"\log x", sp.log(x)),  # natural logarithm, as in the papers
        (r"\exp(-x)", sp.exp(-x)),
        (r"e^{-x^2/2}", sp.exp(-(x**2) / 2)),
        (r"\min(a, b)", sp.Min(a, b)),
        (r"\max\{a, b\}", sp.Max(a, b)),
        (r"|x - y|", sp.Abs(x - y)),
        (r"\delta^{-2}", delta**-2),
        (r"\mu_i p_i", mu_i * p_i),
        (r"2\pi", 2 * sp.pi),
        (r"x^2 + 1 \quad \text{for all } x", x**2 + 1),
        (r"\left(a + b\right)^2", (a + b) ** 2),
        (r"a \cdot b", a * b),
        (r"0.25 x", x / 4),
        (r"\binom{5}{2}", sp.Integer(10)),
    ],
)
def test_constructs(tex: str, expected: sp.Basic) -> None:
    assert sp.simplify(parse(tex) - expected) == 0


def test_sums_and_products_with_numeric_limits_are_written_out() -> None:
    got = parse(r"\sum_{i=1}^{3} x_i y_i")
    names = sorted(str(s) for s in got.free_symbols)
    assert names == ["x_1", "x_2", "x_3", "y_1", "y_2", "y_3"]
    vals = {s: k + 1 for k, s in enumerate(sorted(got.free_symbols, key=str))}
    # x_1..x_3 = 1, 2, 3; y_1..y_3 = 4, 5, 6: 1*4 + 2*5 + 3*6 = 32
    assert got.subs(vals) == 32
    prod = parse(r"\prod_{k=1}^{4} k")
    assert prod == 24


def test_symbolic_sum_keeps_an_indexed_body() -> None:
    got = parse(r"\sum_{i=1}^{N} p_i \mu_i")
    assert isinstance(got, sp.Sum)
    (idx, lo, hi) = got.limits[0]
    assert lo == 1 and str(hi) == "N"
    assert all(isinstance(f, sp.Indexed) for f in got.function.args)


def test_matrix_constructs() -> None:
    one = sp.Matrix([1, 1])
    assert sp.expand(parse(r"\mathbf{1}^\top \Sigma \mathbf{1}") - (one.T * SIGMA * one)[0]) == 0
    assert sp.expand(parse(r"\mathbf{1}^T \Sigma \mathbf{1}") - (one.T * SIGMA * one)[0]) == 0
    det = S11 * S22 - S12**2
    assert sp.simplify(parse(r"\det(\Sigma)^{-1/2}") - det ** sp.Rational(-1, 2)) == 0
    inv = (one.T * SIGMA.inv() * one)[0]
    assert sp.simplify(parse(r"\mathbf{1}^\top \Sigma^{-1} \mathbf{1}") - inv) == 0
    assert sp.simplify(parse(r"\operatorname{tr}(\Sigma)") - (S11 + S22)) == 0
    assert sp.simplify(parse(r"\ln\det\Sigma") - sp.log(det)) == 0


def test_norms() -> None:
    s = Scope(lambda n, latex: sp.Symbol(n, real=True), objects={"v": sp.Matrix([x, y])}, dim=2)
    assert sp.simplify(parse_expression(r"\lVert v \rVert^2", s) - (x**2 + y**2)) == 0
    assert sp.simplify(parse_expression(r"\|v\|_2", s) - sp.sqrt(x**2 + y**2)) == 0
    # x is not a declared vector: its norm is an opaque atom, not |x| (a misread for vectors)
    norm = parse(r"\lVert x \rVert")
    assert isinstance(norm, sp.Symbol) and norm != sp.Abs(x) and parse(r"\|x\|") == norm


def test_chain_relations_and_continuation_rows() -> None:
    exprs, rels, spans = parse_chain(
        r"a &\le b \leq c < x = y \ge 0 \geq 1 > 2 \lt 3 \gt 4", scope()
    )
    assert rels == ["<=", "<=", "<", "=", ">=", ">=", ">", "<", ">"]
    assert exprs[:3] == [a, b, c]
    exprs, rels, _ = parse_chain(r"&\le \frac{x}{2} \nonumber \label{eq:1}", scope())
    assert rels == ["<="] and exprs == [x / 2]


@pytest.mark.parametrize(
    ("tex", "message"),
    [
        (r"\int_0^1 g(x)", "differential"),
        (r"a \cdots", "ellipsis"),  # a_1 \cdots a_n (two ends) is read: an atom
        (r"\partial_x g", "derivatives"),
        (r"\foo{x}", "unsupported LaTeX command \\foo"),
        (r"\input{../private}", "never followed"),
        (r"x'", "primes"),
        (r"p_i(0)", "function application"),  # not p_i * 0
        (r"\sigma(t + 1)", "% hb: function"),  # \sigma(t): a function value
        (r"\ln x y", "ambiguous argument"),
        (r"1e-3 x", "10^{k}"),
        (r"\sum_{i=1}^{3} x_{B(i)}", "mixes a summation index"),
    ],
)
def test_unsupported_constructs_name_themselves(tex: str, message: str) -> None:
    with pytest.raises(LatexError) as err:
        parse(tex)
    assert message in err.value.message


def test_products_with_brackets_are_products() -> None:
    assert parse(r"x(1 + x)") == x * (1 + x)
    assert parse(r"f \cdot (x + 1)") == sp.Symbol("f", real=True) * (x + 1)


def test_error_offsets_point_at_the_construct() -> None:
    with pytest.raises(LatexError) as err:
        parse_expression(r"x + \partial A", scope(), base=100)
    assert err.value.offset == 100 + len("x + ")


@pytest.mark.parametrize(
    "tex",
    [
        "10^{10^{10}}",
        "2^{2^{2^{2^{2^{2}}}}}",
        "9^{123456789}",
        "x^{100000}",
        "1" * 60,
        "{" * 500 + "x" + "}" * 500,
        "(" * 500 + "x" + ")" * 500,
        r"\frac{" * 200 + "x" + "}{2}" * 200,
        "x" * 5000,
    ],
)
def test_hostile_expressions_are_refused(tex: str) -> None:
    with pytest.raises(LatexError):
        parse(tex)


def test_towers_of_symbols_are_kept_unevaluated() -> None:
    got = parse(r"x^{x^{x}}")
    assert got == x ** (x**x)


def test_no_evaluation_of_text_in_the_verify_modules() -> None:
    root = pathlib.Path(__file__).resolve().parents[3] / "proofs_checks" / "latex"
    modules = ("math_parser", "math_reading", "math_atoms", "math_tokens", "math_values")
    modules += ("document", "hypotheses", "verify")
    for name in (*modules, "lemmas", "report"):
        src = (root / f"{name}.py").read_text()
        for banned in (
            r"\beval\(",
            r"\bexec\(",
            r"\bsympify\(",
            r"\bparse_expr\(",
            r"\bparse_latex\b",
            r"\bsp\.S\(",
            r"(?<!re\.)\bcompile\(",
        ):
            assert re.search(banned, src) is None, f"{name}.py uses {banned}"


_PIECES = [
    "x",
    "y",
    "2",
    "0.5",
    "+",
    "-",
    "^",
    "_",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "|",
    "&",
    "=",
    r"\le ",
    r"\frac",
    r"\sqrt",
    r"\ln ",
    r"\det",
    r"\sum_{i=1}^{3}",
    r"\mu",
    r"\Sigma",
    r"\mathbf{1}",
    r"^\top",
    r"\lVert",
    r"\rVert",
    r"\min",
    ",",
    r"\{",
    r"\}",
    r"\text{a}",
    r"\Pr",
    r"\left(",
    r"\right)",
    "!",
    "/",
    r"\cdot",
    " ",
    "10^{10^{10}}",
    r"\input{x}",
]


def test_random_token_soup_raises_only_latex_errors() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.lists(st.sampled_from(_PIECES), max_size=30))
    def run(pieces: list[str]) -> None:
        try:
            exprs, rels, _ = parse_chain("".join(pieces), scope())
        except LatexError:
            return
        assert len(exprs) in (len(rels), len(rels) + 1)

    run()
