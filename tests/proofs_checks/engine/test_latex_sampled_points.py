"""A SUPPORTED from the falsification search needs MIN_SAMPLED points meeting the stated
relations, for a ``verify`` chain too: ``sin x cos y <= 1/2`` under ``x^2 + y^2 <= 10^-4``
was SUPPORTED by verify on the 13 points of rejection sampling that met the assumption (the
API's bar is 20)."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step
from hallbound.proofs_checks.engine.checker import MIN_SAMPLED, check_claim
from hallbound.proofs_checks.latex.verify import verify_tex

DISC = "% hb: assume x^2 + y^2 \\le 10^{-4}\n"


def _one(rel: str, pre: str = DISC) -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=200)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_a_verify_step_met_at_too_few_points_is_undecided() -> None:
    s = _one("\\sin(x) \\cos(y) \\le \\frac{1}{2}")
    assert s.verdict == "UNDECIDED", (s.verdict, s.trials)
    assert 0 < s.trials < MIN_SAMPLED and f"needs {MIN_SAMPLED}" in s.detail


def test_a_false_step_on_the_same_few_points_is_refuted() -> None:
    assert _one("\\sin(x) \\cos(y) \\le -\\frac{1}{2}").verdict == "REFUTED"


def test_the_same_step_on_a_wide_region_is_supported() -> None:
    s = _one("\\sin(x) \\cos(y) \\le \\frac{3}{2}", pre="% hb: assume x^2 + y^2 \\le 4\n")
    assert s.verdict in ("PROVED", "SUPPORTED") and (s.verdict == "PROVED"
                                                     or s.trials >= MIN_SAMPLED)


def test_the_bar_is_the_same_for_a_latex_claim_and_an_api_claim() -> None:
    x, y = sp.symbols("x y", real=True)
    params = [Param("x", x), Param("y", y)]
    step = Step("s", sp.sin(x) * sp.cos(y), "<=", sp.Rational(1, 2), "t")
    verdicts = set()
    for source in ("latex", "paper"):
        claim = Claim("T", "t", params, [step], source=source,
                      assumptions=[(x**2 + y**2, "<=", sp.Rational(1, 10**4))])
        res = check_claim(claim, trials=200).steps[0]
        assert res.verdict.value != "SUPPORTED" or res.trials >= MIN_SAMPLED
        verdicts.add(res.verdict)
    assert len(verdicts) == 1
