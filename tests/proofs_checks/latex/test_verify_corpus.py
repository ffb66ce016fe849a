r"""The derivation corpus (tests/data/derivations): every step's verdict, derived by hand.

``T`` marks a true relation whose proof needs more than the engine's symbolic strategies: it
may be PROVED, CERTIFIED or SUPPORTED, but never REFUTED. ``P`` is a relation with an
elementary symbolic proof (an identity, a sum of squares, a sign read off the hypotheses).
``U`` is true but may stay UNDECIDED (sums to a symbolic length). ``R`` is false on the
stated domain: it must be REFUTED, and each witness is re-checked here
with mpmath / numpy from the formula written out by hand (not by the code under test).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import mpmath
import numpy as np
import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

pytestmark = pytest.mark.slow  # the whole corpus: about 40 s

CORPUS = Path(__file__).parents[2] / "data" / "derivations"
P, T, R, U = "P", "T", "R", "U"
TRUE = {"PROVED", "CERTIFIED", "SUPPORTED"}

Check = Callable[[dict], bool]  # witness -> the relation fails there (computed by hand)


def _c1_d(w: dict) -> float:
    n, delta, s = w["N"], w["\\delta"], w["s"]
    return -(n - 1) * s / (n * math.log(delta**2))


def _b4_first_line_fails(w: dict) -> bool:
    """(2 pi)^-1 det^-1/2 exp(-m^2 1'S^-1 1 / 2) != (2 pi)^-1 det^-1/2 exp(-m^2 1'S 1 / 2)."""
    sig = np.array(w["\\Sigma_{i}"], dtype=float)
    one = np.ones(2)
    det = np.linalg.det(sig)
    q, q_inv = one @ sig @ one, one @ np.linalg.solve(sig, one)
    m2 = (-2 * math.log(w["\\delta"]) - math.log(det)) / q
    pre = det**-0.5 / (2 * math.pi)
    lhs, rhs = pre * math.exp(-m2 * q_inv / 2), pre * math.exp(-m2 * q / 2)
    return det > 0 and not math.isclose(lhs, rhs, rel_tol=1e-9)


#: file -> list of chains: (list of (row snippet, expectation, witness check), conclusion)
CASES: dict[str, list[tuple[list[tuple[str, str, Check | None]], str]]] = {
    "amgm_two.tex": [([("&= \\frac{(\\sqrt{a}", P, None), ("&\\ge 0", P, None)], P)],
    "amgm_three.tex": [([("\\ge \\sqrt[3]{abc}", T, None)], T)],
    "amgm_three_reversed.tex": [
        (
            [
                (
                    "\\le \\sqrt[3]{abc}",
                    R,
                    lambda w: (
                        (w["a"] + w["b"] + w["c"]) / 3 > (w["a"] * w["b"] * w["c"]) ** (1 / 3)
                    ),
                )
            ],
            R,
        )
    ],
    "bernoulli.tex": [([("&= 1 + 3x + 3x^2", P, None), ("&\\ge 1 + 3x", T, None)], T)],
    "cauchy_schwarz_sums.tex": [([("&= (x_1 y_2", P, None), ("&\\ge 0", P, None)], P)],
    "cauchy_schwarz_symbolic_n.tex": [
        (
            [
                ("&\\le N \\sum", U, None),
                (
                    "&\\le \\sum_{i=1}^{N} x_i^2\n",
                    R,
                    # N sum x_j^2 > sum x_j^2 for N >= 2 and some x_j != 0
                    lambda w: (
                        (w["N"] - 1)
                        * sum(w.get(f"x_{{{j}}}", w.get(f"x[{j}]")) ** 2
                              for j in range(1, w["N"] + 1))
                        > 0
                    ),
                ),
            ],
            R,  # (sum x)^2 <= sum x^2 fails at N = 2, x_1 = x_2 > 0
        )
    ],
    "cauchy_schwarz_wrong.tex": [
        (
            [
                (
                    "\\le \\sum_{i=1}^{3} x_i^2 y_i^2",
                    R,
                    lambda w: (
                        sum(w[f"x_{{{i}}}"] * w[f"y_{{{i}}}"] for i in (1, 2, 3)) ** 2
                        > sum((w[f"x_{{{i}}}"] * w[f"y_{{{i}}}"]) ** 2 for i in (1, 2, 3))
                    ),
                )
            ],
            R,
        )
    ],
    "cites_equation.tex": [
        ([("&= \\frac{(x - 1)^2}{x}", P, None), ("&\\ge 0", P, None)], P),
        ([("&\\ge 2", T, None)], T),
    ],
    "exp_bounds.tex": [([("e^{-x} \\le", T, None)], T)],
    "false_middle_exp.tex": [
        (
            [
                ("&\\ge 1 + x", T, None),
                ("&\\ge 1 + 2x", R, lambda w: 1 + w["x"] < 1 + 2 * w["x"]),
                ("&\\ge 1\n", P, None),
            ],
            T,  # e^x >= 1 for x > 0, checked directly
        )
    ],
    "false_middle_log.tex": [
        (
            [
                ("&\\le x \\\\", T, None),
                ("&\\le \\frac{x}{2}", R, lambda w: w["x"] > w["x"] / 2),
                ("&\\le x^2 + x", P, None),
            ],
            T,  # ln(1+x) <= x^2 + x, checked directly
        )
    ],
    "false_middle_sqrt.tex": [
        (
            [
                ("&\\le \\frac{a+b}{2}", T, None),
                ("&\\le \\min(a, b)", R, lambda w: (w["a"] + w["b"]) / 2 > min(w["a"], w["b"])),
                ("&\\le \\max(a, b)", T, None),
            ],
            T,  # sqrt(ab) <= max(a, b)
        )
    ],
    "false_middle_square.tex": [
        (
            [
                ("&= a^2 + 2ab + b^2", P, None),
                ("&= a^2 + b^2 + (a - b)^2", R, lambda w: w["a"] * w["b"] != 0),
                ("&= 2a^2 + 2b^2 - 2ab", P, None),
            ],
            # (a+b)^2 + (a-b)^2 = 2a^2 + 2b^2, not 2a^2 + 2b^2 - 2ab unless ab = 0
            R,
        )
    ],
    # cites the library's Gaussian tail (Mills): the engine proves it from the instance
    "gaussian_tail_mills.tex": [([("\\le \\frac{e^{-t^2/2}}{t", P, None)], P)],
    "gaussian_tail_chernoff_false.tex": [
        (
            [
                (
                    "\\le \\frac{1}{4} e^{-t^2/2}",
                    R,
                    lambda w: (
                        mpmath.erfc(w["t"] / mpmath.sqrt(2)) / 2
                        > mpmath.exp(-(w["t"] ** 2) / 2) / 4
                    ),
                )
            ],
            R,
        )
    ],
    "geometric_sum.tex": [
        ([("&= \\frac{1 - q^5}{1 - q}", P, None), ("&< \\frac{1}{1 - q}", T, None)], T)
    ],
    "hoeffding_lemma_bound.tex": [
        ([("\\le e^{x^2/2}", T, None)], T),
        (
            [("\\le e^{x^2/4}", R, lambda w: math.cosh(w["x"]) > math.exp(w["x"] ** 2 / 4))],
            R,
        ),
    ],
    "jensen_log.tex": [
        ([("\\le \\ln\\left(w x", T, None)], T),
        ([("\\ln(1 + x) \\le x", T, None)], T),
    ],
    "jensen_log_reversed.tex": [
        (
            [
                (
                    "\\ge \\ln\\left(w x",
                    R,
                    lambda w: (
                        w["w"] * math.log(w["x"]) + (1 - w["w"]) * math.log(w["y"])
                        < math.log(w["w"] * w["x"] + (1 - w["w"]) * w["y"])
                    ),
                )
            ],
            R,
        )
    ],
    "multi_chain_gather.tex": [
        ([("\\ln(uv) = ", P, None)], P),
        ([("\\ln\\left(\\frac{u}{v}\\right) =", R, lambda w: True)], R),  # off by 1 everywhere
    ],
    "paper_lemma_b4_chain.tex": [
        (
            [
                # mu^T Sigma^-1 mu = m^2 1^T Sigma^-1 1, not m^2 1^T Sigma 1
                ("m_i^2\\,\\mathbf{1}^\\top\\Sigma_i\\mathbf{1}", R, _b4_first_line_fails),
                ("\\exp\\left(\\ln\\delta + \\frac{1}{2}", P, None),
                ("&= (2\\pi)^{-d_a/2}\\delta", P, None),
                ("&\\le \\delta", P, None),
            ],
            # the conclusion f_i(0) <= delta itself fails (e.g. Sigma = 2I, delta = 0.01)
            R,
        )
    ],
    "paper_lemma_b4_corrected.tex": [
        (
            [
                ("m_i^2\\,\\mathbf{1}^\\top\\Sigma_i^{-1}", P, None),
                ("\\exp\\left(\\ln\\delta + \\frac{1}{2}", P, None),
                ("&= (2\\pi)^{-d_a/2}\\delta", P, None),
                ("&\\le \\delta", P, None),
            ],
            P,
        )
    ],
    "paper_theorem51_b6.tex": [
        (
            [
                ("&\\le \\det(\\Sigma_N)^{-1/2}", T, None),
                # det(I/m)^(-1/2) = m = 1/delta, but (m^2)^(-1/2) = delta
                ("&= \\left(m_N^{d_a}\\right)^{-1/2}", R, lambda w: w["\\delta"] != 1),
                ("&= \\delta", P, None),
            ],
            R,
        )
    ],
    "paper_theorem_c1_chain.tex": [
        (
            [
                (
                    "\\cdot\\frac{\\delta^2}{2}",
                    R,
                    lambda w: (
                        (2 * math.pi * _c1_d(w)) ** -0.5
                        * math.exp(-(w["N"] - 1) / (2 * _c1_d(w) * w["N"]))
                        > math.sqrt(-math.log(w["\\delta"] ** 2) / math.pi) * w["\\delta"] ** 2 / 2
                    ),
                ),
                (
                    "&\\le \\frac{\\delta^2\\ln(1/\\delta)}",
                    R,
                    # sqrt(L) > L for L = ln(1/delta) < 1
                    lambda w: math.log(1 / w["\\delta"]) < 1,
                ),
                ("&\\le \\frac{\\delta^2(1/\\delta - 1)}", T, None),
                ("&\\le \\delta\n", T, None),
            ],
            R,
        )
    ],
    "quadratic_form.tex": [
        ([("\\le \\operatorname{tr}", T, None)], T),
        ([("2ab \\le", P, None)], P),
    ],
    "quadratic_form_false.tex": [
        (
            [
                (
                    "\\le \\lVert x \\rVert^2",
                    R,
                    lambda w: (lambda v, s: v @ s @ v > v @ v)(
                        np.array([w["x^{(1)}"], w["x^{(2)}"]], dtype=float),
                        np.array(w["\\Sigma"], dtype=float),
                    ),
                )
            ],
            R,
        )
    ],
    "unsupported_constructs.tex": [([("x^2 + 1 \\ge 2x", P, None)], P)],
    "young.tex": [([("ab \\le", P, None)], P), ([("|x + y| \\le", P, None)], P)],
    # issue 21: a citation never hides a counterexample that satisfies every stated
    # assumption (this step was ASSUMED, "A", before)
    "markov_citation.tex": [
        (
            [
                (
                    "p &\\le \\frac{m}{a}",
                    R,
                    lambda w: w["a"] > 0 and w["m"] > 0 and 0 <= w["p"] <= 1
                    and w["p"] > w["m"] / w["a"],
                )
            ],
            R,
        )
    ],
}


def _line_of(text: str, snippet: str) -> int:
    """The line of ``snippet`` in the display environments (after the prose)."""
    start = text.find("\\begin{", text.find("\\begin{document}") + 1)
    at = text.find(snippet, start)
    assert at >= 0, f"snippet {snippet!r} not in the file"
    assert text.find(snippet, at + 1) < 0, f"snippet {snippet!r} is not unique"
    return text.count("\n", 0, at) + 1


def _expect(verdict: str, expectation: str) -> None:
    if expectation == P:
        assert verdict == "PROVED"
    elif expectation == T:
        assert verdict in TRUE
    elif expectation == R:
        assert verdict == "REFUTED"
    elif expectation == U:  # true, but not decidable by computation: never REFUTED
        assert verdict in TRUE | {"UNDECIDED"}
    else:  # "A": rests on an unbacked premise
        assert verdict in ("ASSUMED", "UNDECIDED")


def test_corpus_is_large_enough() -> None:
    files = sorted(p.name for p in CORPUS.glob("*.tex"))
    assert len(files) >= 25
    assert set(CASES) == set(files)


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_verdicts(name: str) -> None:
    text = (CORPUS / name).read_text()
    report = verify_tex(text, trials=80)
    chains = CASES[name]
    assert len(report.environments) == len(chains)
    for chain, (rows, conclusion) in zip(report.environments, chains, strict=True):
        assert len(chain.steps) == len(rows)
        for step, (snippet, expectation, fails_at) in zip(chain.steps, rows, strict=True):
            assert step.line == _line_of(text, snippet), snippet
            _expect(step.verdict, expectation)
            if expectation == R:
                assert step.witness, snippet
                assert fails_at is not None and fails_at(step.witness), step.witness
        _expect(chain.conclusion.verdict, conclusion)
    if name == "unsupported_constructs.tex":
        where = [_line_of(text, "\\lim_{n}"), _line_of(text, "\\nabla g")]
        assert [(e.line, e.column) for e in report.errors] == [(ln, 1) for ln in where]
    else:
        assert report.errors == []
