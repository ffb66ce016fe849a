r"""A reason in a row followed by an operator: the maths after it continues the side, so the
row is refused, never read shorter than written (``2a \ge a \;\text{by the bound} + 2a`` was
PROVED as ``2a \ge a``)."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _report(row: str):
    text = "% hb: assume a > 0\n\\begin{align*}\n" + row + "\n\\end{align*}\n"
    return verify_tex(text, trials=40)


@pytest.mark.parametrize("row", [
    r"2a &\ge a \;\text{by the bound} + 2a",  # false as written: 2a >= 3a
    r"3a &\ge a \;\text{by the bound} + 2a",  # true as written, still unread
    r"x^2 + 1 &\ge 2x \quad\text{by AM-GM} \cdot 3",
    r"x^2 + 1 &\ge 2x \quad\text{using $(x-1)^2 \ge 0$} - 1",
    r"a^2 &\le a \,\text{by (3)} \times a",
])
def test_an_operator_after_a_reason_refuses_the_row(row: str) -> None:
    rep = _report(row)
    steps = [s for c in rep.environments for s in c.steps]
    assert not any(s.verdict in ("PROVED", "CERTIFIED", "SUPPORTED", "REFUTED") for s in steps)
    assert any("continues the side" in e.message for e in rep.errors), rep.errors


def test_a_reason_stating_a_relation_still_reads() -> None:
    rep = _report(r"2a &\ge a \;\text{since } a > 0")
    (chain,) = rep.environments
    (step,) = chain.steps
    assert step.verdict == "PROVED", step.detail
    assert not any("continues the side" in e.message for e in rep.errors)


def test_a_planted_error_before_a_reason_is_refuted() -> None:
    rep = _report(r"a &\ge 2a \;\text{since } a > 0")
    (chain,) = rep.environments
    (step,) = chain.steps
    assert step.verdict == "REFUTED", step.detail
