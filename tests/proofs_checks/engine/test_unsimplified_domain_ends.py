r"""A domain end that is an exact number written unsimplified (``\log_2 8``,
``log(8)/log(2)``) is compared exactly, never through the truth value of a SymPy Relational
(red team 6, F9: a TypeError ended the whole run)."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, check_claim
from hallbound.proofs_checks.engine.exact_numbers import exact_order
from hallbound.proofs_checks.latex.verify import verify_tex

x = sp.Symbol("x", real=True)


def test_exact_order_decides_unsimplified_numbers() -> None:
    assert exact_order(3, sp.log(8) / sp.log(2)) == 0
    assert exact_order(sp.Rational(3), sp.log(9) / sp.log(2)) == -1
    assert exact_order(sp.pi, 3) == 1
    assert exact_order(sp.sqrt(2) * sp.sqrt(8), 4) == 0


def verdicts(hi: sp.Basic, rel: str, rhs: float) -> list[str]:
    p = Param("x", x, lo=0, hi=hi)
    result = check_claim(Claim("c", "c", [p], [Step("s", x, rel, rhs, "j")]), seed=1)
    return [s.verdict.value for s in result.steps]


def test_a_param_end_written_as_log_ratio_is_read_exactly() -> None:
    hi = sp.log(8) / sp.log(2)  # 3
    assert verdicts(hi, "<=", 3) == ["PROVED"]
    assert verdicts(hi, "<", 3) == ["REFUTED"]  # false at the closed end x = 3
    assert verdicts(sp.log(9) / sp.log(2), "<=", 3) == ["REFUTED"]  # the end is past 3


def test_an_assumed_end_written_as_log_base_is_read_exactly() -> None:
    def run(step: str) -> list[str]:
        text = ("% hb: assume n \\in \\mathbb{Z}, 0 \\le n \\le \\log_2 8\n"
                f"\\begin{{equation}} {step} \\end{{equation}}\n")
        return [s.verdict for env in verify_tex(text, trials=30).environments for s in env.steps]

    assert run(r"n \le 3") == ["PROVED"]
    assert run(r"n \le 2") == ["REFUTED"]
