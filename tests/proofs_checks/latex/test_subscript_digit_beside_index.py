r"""A subscript that sets a number beside a summation index (``a_{1i}``, ``a_{i1}``,
``a_{2i}``, ``a_{0i}``: the entry ``(2, i)`` or the term ``2i``?) is refused by name
(:func:`hallbound.proofs_checks.latex.math_symbols._digit_by_letter`, review s11 finding 1):
read as a product, ``a_{1i}`` and ``a_{i1}`` were one atom and a false step was PROVED. An
all-digit label (``a_{12}``), a comma (``a_{1,i}``), letters (``a_{ij}``) and a number before
an index among operators (``a_{2i+1}``) read as before."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(row: str, assume: str = "n \\ge 1") -> tuple[list[str], list[str]]:
    text = f"% hb: assume {assume}\n\\begin{{align*}}\n{row}\n\\end{{align*}}\n"
    rep = verify_tex(text, trials=30)
    return ([s.verdict for ch in rep.environments for s in ch.steps],
            [e.message for e in rep.errors])


@pytest.mark.parametrize("row", [
    r"\sum_{i=1}^{n} a_{1i} &= \sum_{i=1}^{n} a_{i1}",
    r"\sum_{i=1}^{n} a_{2i} &= \sum_{i=1}^{n} a_{i2}",
    r"\sum_{i=1}^{n} a_{0i} &= \sum_{i=1}^{n} a_{i0}",
    r"\prod_{i=1}^{n} a_{1i} &= \prod_{i=1}^{n} a_{i1}",
    r"\max_{i} a_{2i} &= \max_{i} a_{i2}",
])
def test_a_number_beside_an_index_is_refused_by_name(row: str) -> None:
    verdicts, errors = _run(row)
    assert verdicts == [] and any("sets a number beside an index" in e for e in errors), errors


def test_the_refusal_suggests_the_entry_with_a_comma() -> None:
    _, errors = _run(r"\sum_{i=1}^{n} a_{2i} &= \sum_{i=1}^{n} a_{i2}")
    assert any("a_{2,i}" in e and "a_{2 \\cdot i}" in e for e in errors), errors


@pytest.mark.parametrize("row, verdict", [
    (r"\sum_{i=1}^{n} a_{1,i} &= \sum_{i=1}^{n} a_{1,i}", "PROVED"),
    (r"\sum_{i=1}^{n} a_{2i+1} &= \sum_{i=1}^{n} a_{2i+1}", "PROVED"),
    (r"\sum_{i=1}^{n} a_{ij} &= \sum_{i=1}^{n} a_{ij}", "PROVED"),
])
def test_unambiguous_subscripts_are_still_read(row: str, verdict: str) -> None:
    assert _run(row) == ([verdict], [])


def test_an_entry_with_a_comma_is_not_its_transpose() -> None:
    verdicts, _ = _run(r"\sum_{i=1}^{n} a_{1,i} &= \sum_{i=1}^{n} a_{i,1}")
    assert "PROVED" not in verdicts
