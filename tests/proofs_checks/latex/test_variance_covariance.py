r"""Variance and covariance read as a symmetric bilinear form
(:mod:`hallbound.proofs_checks.latex.math_covariance`): true identities PROVED by exact
algebra, planted false ones (a wrong coefficient, a dropped covariance, a wrong sign) never
PROVED and REFUTED only at a real joint law, and a factor that may be random (a lower-case
letter, a function value) or a conditional / vector variance left opaque (UNDECIDED)."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.hypotheses import Hypotheses, SymbolTable
from hallbound.proofs_checks.latex.math_atoms import atom_definitions
from hallbound.proofs_checks.latex.math_parser import parse_expression
from hallbound.proofs_checks.latex.verify import verify_tex


def _step(tex: str, pre: str = ""):
    rep = verify_tex(pre + "\\begin{equation} " + tex + " \\end{equation}\n", trials=40)
    (env,) = rep.environments
    (step,) = env.steps
    return step


TRUE_STEPS = [
    r"\mathrm{Var}(Z_{t+s} - Z_t) = \mathrm{Var}(Z_{t+s}) + \mathrm{Var}(Z_t)"
    r" - 2\mathrm{Cov}(Z_{t+s}, Z_t)",
    r"Var(Z_{t+s} - Z_t) = Var(Z_{t+s}) + Var(Z_t) - 2Cov(Z_{t+s}, Z_t)",
    r"\mathrm{Var}(X+Y) = \mathrm{Var}(X) + \mathrm{Var}(Y) + 2\mathrm{Cov}(X,Y)",
    r"Cov(B_t, B_{t+s}) = Cov(B_t, B_{t+s} - B_t) + Cov(B_t, B_t)",
    r"\mathbb{E}[T^2]-2\mathbb{E}[TW]+\mathbb{E}[W^2]-\mathbb{E}[T]^2+2\mathbb{E}[T]\mathbb{E}[W]"
    r"-\mathbb{E}[W]^2 = \operatorname{Var}[T]-2\operatorname{Cov}[T,W]+\operatorname{Var}[W]",
    r"\operatorname{Cov}(X, Y) = \operatorname{Cov}(Y, X)",
    r"\operatorname{Var}(2X + 3Y - 1) = 4\operatorname{Var}(X) + 9\operatorname{Var}(Y)"
    r" + 12\operatorname{Cov}(X, Y)",
    r"\operatorname{Var}(X - Y) = \operatorname{Var}(X) + \operatorname{Var}(Y)"
    r" - 2\operatorname{Cov}(X, Y)",
    r"\operatorname{Var}(X - \mathbb{E}[X]) = \operatorname{Var}(X)",
    r"\operatorname{Cov}(2X + 1, Y - 3) = 2\operatorname{Cov}(X, Y)",
    r"\operatorname{Cov}(X, Y) = \mathbb{E}[XY] - \mathbb{E}[X]\mathbb{E}[Y]",
    r"\operatorname{Var}(X + Y) = \mathbb{E}[(X + Y)^2] - \mathbb{E}[X + Y]^2",
    r"\operatorname{Var}(X_1 + X_2 + X_3) = \operatorname{Var}(X_1) + \operatorname{Var}(X_2)"
    r" + \operatorname{Var}(X_3) + 2\operatorname{Cov}(X_1, X_2) + 2\operatorname{Cov}(X_1, X_3)"
    r" + 2\operatorname{Cov}(X_2, X_3)",
    r"\operatorname{Var}(7) + \operatorname{Cov}(X, 3) = 0",
    r"\operatorname{Cov}_\theta(X, Y) = \operatorname{Cov}_\theta(Y, X)",
]


@pytest.mark.parametrize("tex", TRUE_STEPS)
def test_true_identities_are_proved(tex: str) -> None:
    assert _step(tex).verdict == "PROVED"


#: Planted errors, each REFUTED at a finite joint law; the value of lhs - rhs that the law
#: gives, as a function of (Var X, Var Y, Cov(X, Y)), computed here from the law itself.
PLANTED = [
    (r"\mathrm{Var}(X+Y) = \mathrm{Var}(X) + \mathrm{Var}(Y) + 3\mathrm{Cov}(X,Y)",
     lambda vx, vy, c: -c),
    (r"\mathrm{Var}(X+Y) = \mathrm{Var}(X) + \mathrm{Var}(Y)", lambda vx, vy, c: 2 * c),
    (r"\mathrm{Var}(X-Y) = \mathrm{Var}(X) + \mathrm{Var}(Y) + 2\mathrm{Cov}(X,Y)",
     lambda vx, vy, c: -4 * c),
    (r"\operatorname{Var}(2X + 3Y - 1) = 4\operatorname{Var}(X) + 9\operatorname{Var}(Y)"
     r" - 12\operatorname{Cov}(X, Y)", lambda vx, vy, c: 24 * c),
]


def _law(witness: str) -> list[tuple[dict[str, Fraction], Fraction]]:
    """The joint law of a witness table ``(X, Y): (a, b) p | ..; Z: c q | ..`` (independent
    blocks multiplied)."""
    blocks = []
    for block in witness.split("; "):
        head, cells = block.split(": ", 1)
        names = [n.strip() for n in head.strip("()").split(",")]
        outcomes = []
        for cell in cells.split(" | "):
            value, prob = cell.rsplit(" ", 1)
            values = [Fraction(v.strip()) for v in value.strip("()").split(",")]
            outcomes.append((dict(zip(names, values, strict=True)), Fraction(prob)))
        blocks.append(outcomes)
    law = []
    for combo in itertools.product(*blocks):
        point: dict[str, Fraction] = {}
        p = Fraction(1)
        for values, q in combo:
            point.update(values)
            p *= q
        law.append((point, p))
    return law


def _moments(law: list[tuple[dict[str, Fraction], Fraction]]) -> tuple[Fraction, ...]:
    e = {n: sum(p * pt[n] for pt, p in law) for n in ("X", "Y")}
    var = {n: sum(p * (pt[n] - e[n]) ** 2 for pt, p in law) for n in ("X", "Y")}
    cov = sum(p * (pt["X"] - e["X"]) * (pt["Y"] - e["Y"]) for pt, p in law)
    return var["X"], var["Y"], cov


@pytest.mark.parametrize(("tex", "gap"), PLANTED)
def test_planted_errors_are_refuted_at_a_real_law(tex: str, gap) -> None:
    step = _step(tex)
    assert step.verdict == "REFUTED", step.detail
    assert step.witness and "law" in step.witness, step.witness
    vx, vy, cov = _moments(_law(step.witness["law"]))
    # a real law: Cauchy-Schwarz holds, and the step's gap is the one the law gives
    assert cov**2 <= vx * vy
    value = float(re.search(r"lhs - rhs = ([-0-9.e+]+)", step.detail).group(1))
    assert gap(vx, vy, cov) != 0
    assert value == pytest.approx(float(gap(vx, vy, cov)), rel=1e-5)


@pytest.mark.parametrize("tex", [
    r"\operatorname{Var}(2X) = 2\operatorname{Var}(X)",
    r"\mathbb{E}[T^2]-2\mathbb{E}[TW]+\mathbb{E}[W^2]-\mathbb{E}[T]^2+2\mathbb{E}[T]\mathbb{E}[W]"
    r"-\mathbb{E}[W]^2 = \operatorname{Var}[T]+2\operatorname{Cov}[T,W]+\operatorname{Var}[W]",
    r"\operatorname{Cov}(X, Y) = \mathbb{E}[XY] + \mathbb{E}[X]\mathbb{E}[Y]",
    r"\operatorname{Cov}(2X, Y) = \operatorname{Cov}(X, Y)",
])
def test_other_planted_errors_are_refuted(tex: str) -> None:
    assert _step(tex).verdict == "REFUTED"


@pytest.mark.parametrize("tex", [
    # a coefficient that may be random is never pulled out
    r"\operatorname{Var}(aX) = a^2\operatorname{Var}(X)",
    r"\operatorname{Var}(aX + Y) = a^2\operatorname{Var}(X) + \operatorname{Var}(Y)"
    r" + 2a\operatorname{Cov}(X, Y)",
    r"\operatorname{Cov}(aX, Y) = a\operatorname{Cov}(X, Y)",
    # a function of a random variable, a Greek letter: not classified
    r"\operatorname{Var}(f(X) + Y) = \operatorname{Var}(f(X)) + \operatorname{Var}(Y)"
    r" + 2\operatorname{Cov}(f(X), Y)",
    r"\operatorname{Var}(\mu + X) = \operatorname{Var}(X)",
    # conditional variance, a subscripted variance: opaque
    r"\operatorname{Var}(X + Y \mid Z) = \operatorname{Var}(X \mid Z)"
    r" + \operatorname{Var}(Y \mid Z) + 2\operatorname{Cov}(X, Y \mid Z)",
    r"\operatorname{Var}_\theta(X + Y) = \operatorname{Var}_\theta(X)"
    r" + \operatorname{Var}_\theta(Y) + 2\operatorname{Cov}_\theta(X, Y)",
    # random vectors: Cov(X, Y) is not Cov(Y, X)
    r"\operatorname{Var}(\mathbf{X} + \mathbf{Y}) = \operatorname{Var}(\mathbf{X})"
    r" + \operatorname{Var}(\mathbf{Y}) + 2\operatorname{Cov}(\mathbf{X}, \mathbf{Y})",
])
def test_unclassified_factors_stay_undecided(tex: str) -> None:
    assert _step(tex).verdict == "UNDECIDED"


def _table() -> SymbolTable:
    return SymbolTable(Hypotheses())


def _read(tex: str, tab: SymbolTable) -> sp.Basic:
    return parse_expression(tex, tab.scope())


def test_the_basis_is_canonical() -> None:
    tab = _table()
    vx, vy = _read(r"\operatorname{Var}(X)", tab), _read(r"\operatorname{Var}(Y)", tab)
    cxy = _read(r"\operatorname{Cov}(X, Y)", tab)
    assert _read(r"\operatorname{Cov}(Y, X)", tab) == cxy
    assert _read(r"\operatorname{Cov}[X, X]", tab) == vx
    assert _read(r"\operatorname{Var}(X + Y)", tab) == vx + vy + 2 * cxy
    assert _read(r"\operatorname{Cov}(X - Y, X + Y)", tab) == vx - vy
    assert _read(r"\operatorname{Var}(-X + 5)", tab) == vx
    # an opaque argument keeps one atom, unrelated to the basis
    opaque = _read(r"\operatorname{Var}(aX + Y)", tab)
    assert isinstance(opaque, sp.Symbol) and tab.atoms[opaque].kind == "Var"


def test_covariance_definition_only_with_its_expectations() -> None:
    tab = _table()
    cxy = _read(r"\operatorname{Cov}(X, Y)", tab)
    assert cxy not in atom_definitions(tab.atoms)
    exy, ex = _read(r"\mathbb{E}[XY]", tab), _read(r"\mathbb{E}[X]", tab)
    assert cxy not in atom_definitions(tab.atoms)  # E[Y] is not written yet
    ey = _read(r"\mathbb{E}[Y]", tab)
    assert atom_definitions(tab.atoms)[cxy] == exy - ex * ey


def test_a_variable_on_one_side_only_is_what_the_text_knows_about_it() -> None:
    """Cov(X, Y) <= Var(X) fails at a drawn law, but Y is on one side only and nothing states
    its law (the one-side rule of the law model, as for a free scalar): not REFUTED."""
    step = _step(r"\operatorname{Cov}(X, Y) \le \operatorname{Var}(X)")
    assert step.verdict == "UNDECIDED" and "one side only" in step.detail


def test_a_stated_zero_covariance_is_used_and_an_unstated_one_is_not() -> None:
    pre = "% hb: assume \\operatorname{Cov}(X, Y) = 0\n"
    step = r"\operatorname{Var}(X + Y) = \operatorname{Var}(X) + \operatorname{Var}(Y)"
    assert _step(step, pre).verdict == "PROVED"
    assert _step(step).verdict == "REFUTED"


@pytest.mark.parametrize("tex", [
    # true by what the text says of the process in words (Cov(Z_t, Z_{t+s}) = t = Var Z_t)
    r"Cov[Z_t, Z_{t+s}-Z_t] = t-t",
    r"\operatorname{Cov}(X_i, X_j) = 0",
    r"\operatorname{Cov}(B_s, B_t) = \operatorname{Var}(B_s)",  # Brownian, s <= t
])
def test_a_covariance_of_an_indexed_family_is_not_refuted_by_a_drawn_law(tex: str) -> None:
    assert _step(tex).verdict == "UNDECIDED"
