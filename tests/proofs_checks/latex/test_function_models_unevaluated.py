r"""A concrete function-model instance where the step cannot be evaluated (an unevaluated
``\sum_{i=1}^n``, a non-real or infinite value) is no trial (review s11, finding 7):
``\sum_{i=1}^n f(0) = 5`` was SUPPORTED over "400 concrete instances" none of which gave
the sum a value. Now it stays UNDECIDED, saying how many instances were evaluated; a step
the instances do evaluate is still SUPPORTED over them."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _steps(text: str) -> list:
    rep = verify_tex(text, trials=120)
    return [s for c in rep.environments for s in c.steps]


@pytest.mark.parametrize("row", [r"\sum_{i=1}^{n} f(0) &= 5", r"\sum_{i=1}^{n} f(0) &= 0",
                                 r"\sum_{i=1}^{n} f(1) &\le 0"])
def test_a_sum_no_instance_can_evaluate_is_not_supported(row: str) -> None:
    (s,) = _steps(r"% hb: assume n \ge 1" "\n" r"\begin{align*} " + row + r" \end{align*}")
    assert s.verdict == "UNDECIDED"
    assert "only 0 of" in s.detail and "concrete instances" in s.detail


def test_a_step_the_instances_evaluate_is_still_supported() -> None:
    (s,) = _steps(r"% hb: assume f \ge 0" "\n" r"\begin{align*} f(a) &\ge 0 \end{align*}")
    assert s.verdict == "SUPPORTED" and "concrete instances" in s.detail
    (t,) = _steps(r"% hb: assume n \ge 1, f \ge 0" "\n"
                  r"\begin{align*} \sum_{i=1}^{3} f(0) &\ge 0 \end{align*}")
    assert t.verdict in ("SUPPORTED", "PROVED")
