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
