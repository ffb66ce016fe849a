"""``hallbound check``'s headline (issue 22, item 7): results settled per paper, readable math,
no line over 100 characters by default; and the README's verdict tallies against a fresh run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hallbound.proofs_checks.engine.report import headline, readable, render_brief, settled
from hallbound.proofs_checks.engine.verdicts import ClaimResult, StepResult, Verdict

pytestmark = pytest.mark.xdist_group("all_claims")  # every claim checked once a worker: conftest

README = Path(__file__).resolve().parents[2] / "README.md"


def _claim(name: str, verdict: Verdict, closed: bool, source: str = "paper",
           paper: str = "p1") -> ClaimResult:
    step = StepResult(name, "s", "x**2 <= Abs(y)", verdict, "m", paper=paper)
    return ClaimResult(name, [step], source=source, paper=paper, chain_closed=closed,
                       statement="sqrt(x_1) <= delta and Subs(Derivative(f(s), s), s, 0) = 0")


RESULTS = [
    _claim("A", Verdict.PROVED, True),
    _claim("B", Verdict.REFUTED, False),
    _claim("B (corrected)", Verdict.PROVED, True, source="corrected"),
    _claim("C", Verdict.REFUTED, False),
    _claim("C (corrected)", Verdict.ASSUMED, True, source="corrected"),  # does not hold
    _claim("D", Verdict.PROVED, False),  # steps hold, chain open: UNDECIDED
    _claim("E", Verdict.SUPPORTED, True, paper="p2"),
]
CORRECTS = {"B (corrected)": "B", "C (corrected)": "C"}


def test_settled_sorts_each_result() -> None:
    got = settled(RESULTS, CORRECTS)
    assert got == {
        "p1": {"proved": ["A"], "corrected": ["B"], "unsettled": ["C", "D"]},
        "p2": {"proved": [], "corrected": [], "unsettled": ["E"]},
    }
    # a corrected claim counts only for the claim it names
    assert settled(RESULTS, {})["p1"]["corrected"] == []


def test_headline_per_paper() -> None:
    assert headline(RESULTS, CORRECTS) == [
        "p1: 4 results: 1 proved, 1 refuted and corrected, 2 unsettled",
        "p2: 1 results: 0 proved, 0 refuted and corrected, 1 unsettled",
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("x**2 <= Abs(y - Abs(z))", "x^2 ≤ |y - |z||"),
        ("sqrt(2*pi) >= oo", "√(2·π) ≥ ∞"),
        ("Sum(p[j], (j, 1, N)) + mu_i", "Σ_{j=1}^{N}(p[j]) + μ_i"),
        ("Integral(a**2*f(a), (a, -oo, oo))", "∫_{-∞}^{∞}(a^2·f(a)) da"),
        ("Subs(Derivative(g(s, t), s), s, 1) <= 0", "(d/ds(g(s, t)))|_{s=1} ≤ 0"),
        ("Derivative(f(x), (x, 2)) >= 0", "d^2/dx^2(f(x)) ≥ 0"),
        ("Piecewise((1/v, p >= r), (0, True)) <= d", "{1/v if p ≥ r; 0 otherwise} ≤ d"),
        ("Subs(t/(1 - t), t, 0)", "(t/(1 - t))|_{t=0}"),
        ("CumSum(x, y) + Sum(x", "CumSum(x, y) + Sum(x"),  # other names, unbalanced: as is
        ("x_1 + delta_12 != epsilon", "x₁ + δ₁₂ ≠ ε"),
        ("Absolute(x) + cosh", "Absolute(x) + cosh"),  # names inside words stay
    ],
)
def test_readable(text: str, want: str) -> None:
    assert readable(text) == want


def test_brief_report_is_grouped_and_short() -> None:
    text = render_brief(RESULTS * 3, CORRECTS)
    lines = text.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert lines[0].startswith("p1: ") and lines[1].startswith("p2: ")
    assert "**" not in text and "Abs(" not in text and "sqrt(" not in text
    assert "Subs(" not in text and "Derivative(" not in text
    p2 = lines.index(next(x for x in lines if x.startswith("p2: ") and "results" not in x))
    assert all(not x.startswith("  A:") for x in lines[p2:])  # A is listed under p1 only


# ----- the README's tallies ------------------------------------------------------------------
_TALLY = re.compile(r"^`(\d+) steps in (\d+) claims: (.*)`;$")


def tally_lines(doc: dict) -> list[str]:
    """The README's two tally lines, from a ``check --json`` object."""
    order = [v.value for v in Verdict]
    steps = [s["verdict"] for s in doc["steps"]]
    claims = [c["verdict"] for c in doc["claims"]]
    step_part = ", ".join(f"{v} {steps.count(v)}" for v in order if steps.count(v))
    claim_part = ", ".join(f"{v} {claims.count(v)}" for v in order if claims.count(v))
    closed = sum(c["chain_closed"] for c in doc["claims"])
    return [
        f"`{len(steps)} steps in {len(claims)} claims: {step_part}`;",
        f"claims `{claim_part}; chains closed {closed}/{len(claims)}`.",
    ]


def _readme_tally() -> list[str]:
    lines = README.read_text().splitlines()
    i = next(k for k, line in enumerate(lines) if _TALLY.match(line))
    return lines[i : i + 2]


def test_tally_lines_format() -> None:
    doc = {"steps": [{"verdict": "PROVED"}, {"verdict": "REFUTED"}, {"verdict": "PROVED"}],
           "claims": [{"verdict": "REFUTED", "chain_closed": False}]}
    assert tally_lines(doc) == ["`3 steps in 1 claims: PROVED 2, REFUTED 1`;",
                                "claims `REFUTED 1; chains closed 0/1`."]


@pytest.mark.slow
def test_readme_tallies_match_a_fresh_check(full_check: dict) -> None:
    """The README's tally lines are what ``hallbound check --json`` gives on this tree (a full
    run, shared by the session: tests/conftest.py's ``full_check``)."""
    assert _readme_tally() == tally_lines(full_check)
