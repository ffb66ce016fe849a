r"""The proximal operator by its definition (:mod:`.models.prox_operators`):
``\mathrm{prox}_{c g}(v) = \arg\min_x c\,g(x) + \frac12\|x - v\|_2^2`` PROVED; a dropped
weight, a dropped half, another norm or another point is never PROVED by this rule."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

PRE = "\\DeclareMathOperator*{\\argmin}{arg\\,min}\n\\DeclareMathOperator*{\\prox}{prox}\n"


def _one(rel: str) -> object:
    rep = verify_tex(f"{PRE}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


@pytest.mark.parametrize("true_step", [
    r"\prox_{t g} (v) = \argmin_x \frac12 \|x - v\|^2 + t g(x)",
    r"\argmin_x \frac{1}{2} \|x-\widetilde{x}\|_2^2 + \frac{1}{L} \cdot g(x)"
    r" = \prox_{\frac{1}{L} \cdot g} (\widetilde{x})",
    r"\prox_{g} (v) = \argmin_x \frac12 \|v - x\|_2^2 + g(x)",
])
def test_the_definition_is_proved(true_step: str) -> None:
    s = _one(true_step)
    assert s.verdict == "PROVED" and s.method == "proximal operator: definition"


@pytest.mark.parametrize("planted", [
    r"\prox_{t g} (v) = \argmin_x \frac12 \|x - v\|^2 + g(x)",  # dropped weight
    r"\prox_{t g} (v) = \argmin_x \|x - v\|^2 + t g(x)",  # dropped half
    r"\prox_{t g} (v) = \argmin_x \frac12 \|x - v\|_1^2 + t g(x)",  # another norm
    r"\prox_{t g} (v) = \argmin_x \frac12 \|x - w\|^2 + t g(x)",  # another point
    r"\prox_{t g} (v) = \argmin_x \frac12 \|x - v\|^2 - t g(x)",  # flipped sign
    r"\prox_{t g} (v) = \argmax_x \frac12 \|x - v\|^2 + t g(x)",  # argmax
])
def test_a_planted_false_step_is_not_proved(planted: str) -> None:
    assert _one(planted.replace(r"\argmax", r"\operatorname{arg max}")).verdict != "PROVED"


def test_a_subscript_the_model_cannot_read_stays_undecided() -> None:
    """A sum of functions in the subscript is not read as ``c g``: no guess, UNDECIDED."""
    s = _one(r"\prox_{g + h} (v) = \argmin_x \frac12 \|x - v\|^2 + g(x) + h(x)")
    assert s.verdict == "UNDECIDED"


def test_a_point_or_weight_that_names_the_index_is_not_the_definition() -> None:
    assert _one(r"\prox_{t g} (x) = \argmin_x \frac12 \|x - x\|^2 + t g(x)").verdict != "PROVED"
    assert _one(r"\prox_{x g} (v) = \argmin_x \frac12 \|x - v\|^2 + x g(x)").verdict != "PROVED"


@pytest.mark.parametrize("stated", ["x \\ge 0", "x \\in C"])  # rev8/r2 p30, p31
def test_a_stated_restriction_of_the_index_keeps_the_definition_out(stated: str) -> None:
    step = r"\prox_{t g} (v) = \argmin_x \frac12 \|x - v\|^2 + t g(x)"
    rep = verify_tex(f"{PRE}% hb: function g\n% hb: assume {stated}\n\\begin{{equation}}\n"
                     f"{step}\n\\end{{equation}}\n", trials=30)
    assert all(s.verdict != "PROVED" for ch in rep.environments for s in ch.steps)
    assert _one(step).verdict == "PROVED"  # the control: nothing stated of x
