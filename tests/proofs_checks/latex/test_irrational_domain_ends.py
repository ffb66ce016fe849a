r"""A stated closed domain end that is irrational (``0 \le x \le \frac{\pi}{4}``,
``\sqrt{2} \le x``, ``e \le x``, a row condition ``&& (0 \le x \le \tfrac{\pi}{4})``) is tried
exactly: a strict step false only there is REFUTED, its non-strict twin is not."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

CASES = [
    (r"0 \le x \le \frac{\pi}{4}", r"\tan x {} 1"),
    (r"\sqrt{2} \le x \le 3", r"x^2 {} 2"),
    (r"e \le x \le 5", r"\ln x {} 1"),
    (r"\frac{\pi}{3} \le x \le 1.5", r"\cos x {} \frac{1}{2}"),
]


def _verdicts(assume: str, row: str) -> list[str]:
    pre = f"% hb: assume {assume}\n" if assume else ""
    rep = verify_tex(f"{pre}\\begin{{align}}\n{row}\n\\end{{align}}\n", trials=60)
    return [s.verdict for ch in rep.environments for s in ch.steps]


@pytest.mark.parametrize(("assume", "step"), CASES)
def test_strict_step_false_at_the_end_is_refuted(assume, step):
    strict = "<" if r"\tan" in step or r"\cos" in step else ">"
    assert _verdicts(assume, step.replace("{}", strict)) == ["REFUTED"]
    loose = {"<": r"\le", ">": r"\ge"}[strict]
    assert _verdicts(assume, step.replace("{}", loose)) != ["REFUTED"]


def test_a_row_condition_with_an_irrational_end():
    assert _verdicts("", r"\tan x &< 1 && (0 \le x \le \tfrac{\pi}{4})") == ["REFUTED"]
    assert _verdicts("", r"\tan x &\le 1 && (0 \le x \le \tfrac{\pi}{4})") != ["REFUTED"]
    assert _verdicts("", r"x^2 &> 2 \quad \text{for } x \ge \sqrt{2}") == ["REFUTED"]
    assert _verdicts("", r"x^2 &> 2 \quad \text{for } x > \sqrt{2}") != ["REFUTED"]
