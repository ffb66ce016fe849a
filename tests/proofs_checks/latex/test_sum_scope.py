r"""The scope of a sum whose index recurs after its first term
(:meth:`hallbound.proofs_checks.latex.math_sums.SumsMixin.sum_extent`):
``\sum_{k=1}^n \frac1k - \frac1{k+1}`` covers both terms (each holds ``k``); a term free of
the index after it, a product, or a bracketed first factor make the extent ambiguous and the
side is refused. The index is never read as a free variable.
"""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(rows: str) -> tuple[list[str], list[str], list[dict]]:
    rep = verify_tex(f"\\begin{{equation*}}\n{rows}\n\\end{{equation*}}\n", trials=60)
    steps = [s for ch in rep.environments for s in ch.steps]
    return ([s.verdict for s in steps], [e.message for e in rep.errors],
            [s.witness or {} for s in steps])


TRUE = [
    r"\sum_{k=1}^n \frac{1}{k} - \frac{1}{k+1} = 1 - \frac{1}{n+1}",
    r"\sum_{k=1}^n \frac{1}{k(k+1)} = \sum_{k=1}^n \frac{1}{k} - \frac{1}{k+1}",
    r"\sum_{k=1}^n \log(k+1) - \log k = \log(n+1)",
    r"\sum_{k=1}^{5} \frac{1}{k} - \frac{1}{k+1} = 1 - \frac{1}{6}",
    r"\sum_{k \in S} a_k - b_k = \sum_{k \in S} (a_k - b_k)",
]
FALSE = [
    r"\sum_{k=1}^n \frac{1}{k} - \frac{1}{k+1} = 1 - \frac{1}{n+2}",
    r"\sum_{k=1}^n \log(k+1) - \log k = \log(n+2)",
    r"\sum_{k=1}^{5} \frac{1}{k} - \frac{1}{k+1} = 1 - \frac{1}{7}",
    r"\sum_{k \in S} a_k - b_k = \sum_{k \in S} (a_k + b_k)",
]


@pytest.mark.parametrize("row", TRUE)
def test_a_true_telescoping_sum_is_not_refuted(row):
    verdicts, errors, witnesses = _run(row)
    assert verdicts and "REFUTED" not in verdicts, (verdicts, errors)
    assert all("k" not in w for w in witnesses)


@pytest.mark.parametrize("row", FALSE)
def test_a_false_telescoping_sum_is_not_proved(row):
    verdicts, errors, witnesses = _run(row)
    assert verdicts and "PROVED" not in verdicts and "SUPPORTED" not in verdicts, errors
    assert all("k" not in w for w in witnesses)


def test_the_numeric_range_is_proved():
    verdicts, _, _ = _run(TRUE[3])
    assert verdicts == ["PROVED"]


@pytest.mark.parametrize("row", [
    r"\sum_{k=1}^n \frac{1}{k} - \frac{1}{k+1} + 1 = 2 - \frac{1}{n+1}",
    r"\sum_{k=1}^n \left(\frac{1}{k}\right) - \frac{1}{k+1} = 1 - \frac{1}{n+1}",
    r"\prod_{k=1}^n \frac{k+1}{k} - k = 1",
    r"\sum_{k \in S} a_k - b_k + c = d",
])
def test_an_ambiguous_extent_is_refused(row):
    verdicts, errors, _ = _run(row)
    assert verdicts == [] and any("extent" in e for e in errors), (verdicts, errors)


def test_a_second_sum_over_the_same_index_is_its_own():
    verdicts, _, _ = _run(r"\sum_{k=1}^n k - \sum_{k=1}^n 1 = \frac{n(n+1)}{2} - n")
    assert verdicts and "REFUTED" not in verdicts
