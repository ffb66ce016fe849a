r"""A conditional expectation written with ``\vert``/``\lvert``/``\rvert`` is random, never a
constant (red team 6, F7), and the covariance of arguments not known to be scalars keeps its
order (``Cov(Y, X) = Cov(X, Y)^T`` for random vectors, F1)."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.hypotheses import Hypotheses, SymbolTable
from hallbound.proofs_checks.latex.math_covariance import constant_atom
from hallbound.proofs_checks.latex.math_parser import parse_expression
from hallbound.proofs_checks.latex.verify import verify_tex


def verdicts(body: str, head: str = "") -> list[str]:
    text = f"{head}\n\\begin{{equation}}\n{body}\n\\end{{equation}}\n"
    return [s.verdict for env in verify_tex(text, trials=30).environments for s in env.steps]


@pytest.mark.parametrize("bar", [r"\vert", r"\lvert", r"\rvert", r"\middle\vert", r"\big|"])
def test_a_conditional_expectation_with_any_bar_is_not_a_constant(bar: str) -> None:
    cond = rf"\mathbb{{E}}[X {bar} Y]"
    assert "PROVED" not in verdicts(rf"\operatorname{{Var}}({cond}) = 0")
    assert "PROVED" not in verdicts(rf"\mathrm{{Cov}}({cond}, Y) = 0")
    assert "PROVED" not in verdicts(
        rf"\operatorname{{Var}}(X - {cond}) = \operatorname{{Var}}(X)")
    # the same condition, however its bar is written, is one quantity
    assert verdicts(rf"{cond} = \mathbb{{E}}[X \mid Y]") == ["PROVED"]


def test_an_unconditioned_expectation_is_still_a_constant() -> None:
    assert verdicts(r"\operatorname{Var}(\mathbb{E}[X]) = 0") == ["PROVED"]
    assert verdicts(
        r"\operatorname{Var}(X - \mathbb{E}[X]) = \operatorname{Var}(X)") == ["PROVED"]
    assert verdicts(r"\operatorname{Var}(\mathbb{E}[X]) = 1") == ["REFUTED"]
    # a pair of bars is an absolute value, not a condition
    assert verdicts(r"\mathbb{E}[\lvert X \rvert] \ge 0") == ["PROVED"]


def test_constant_atom_is_known_from_how_the_atom_was_made() -> None:
    tab = SymbolTable(Hypotheses())
    plain = parse_expression(r"\mathbb{E}[X]", tab.scope())
    cond = parse_expression(r"\mathbb{E}[X \vert Y]", tab.scope())
    sub = parse_expression(r"\mathbb{E}_{\theta}[X]", tab.scope())
    assert constant_atom(tab.atoms[plain])
    assert not constant_atom(tab.atoms[cond])
    assert not constant_atom(tab.atoms[sub])


def test_the_covariance_of_random_vectors_keeps_its_order() -> None:
    assert "PROVED" not in verdicts(
        r"\mathrm{Cov}(\mathbf{X}, \mathbf{Y}) = \mathrm{Cov}(\mathbf{Y}, \mathbf{X})")
    for size in ("d", "2"):
        head = rf"% hb: assume X \in \mathbb{{R}}^{size}, Y \in \mathbb{{R}}^{size}"
        assert "PROVED" not in verdicts(r"\mathrm{Cov}(X, Y) = \mathrm{Cov}(Y, X)", head)


def test_the_covariance_of_scalars_is_still_symmetric() -> None:
    assert verdicts(r"\mathrm{Cov}(X, Y) = \mathrm{Cov}(Y, X)") == ["PROVED"]
    assert verdicts(r"\mathrm{Cov}(X, Y \mid Z) = \mathrm{Cov}(Y, X \mid Z)") == ["PROVED"]
    assert verdicts(r"\mathrm{Cov}(2X, Y) = 2\mathrm{Cov}(Y, X)") == ["PROVED"]
    assert verdicts(r"\mathrm{Cov}(X, Y) = 2\mathrm{Cov}(Y, X)") == ["REFUTED"]
