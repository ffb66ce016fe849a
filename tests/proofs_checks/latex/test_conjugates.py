r"""The convex conjugate by its definition (:mod:`.models.conjugates`): ``h^*(v) = \sup_x
\langle v, x\rangle - h(x)`` PROVED, also for ``h`` defined in a stated line; a changed sign,
factor, argument, body or a restricted supremum is never PROVED by this rule."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

AFFINE = "% hb: assume g(x) = f(Ax+b)\n"


def _one(rel: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_the_definition_is_proved() -> None:
    s = _one(r"f^*(y) = \sup_{x} \langle y, x \rangle - f(x)")
    assert s.verdict == "PROVED" and s.method == "convex conjugate: definition"
    s = _one(r"g^* (y) = \sup_{x}\ \langle y,x \rangle - f(Ax+b)", AFFINE)
    assert s.verdict == "PROVED"
    s = _one(r"g^* (y) = \sup_{x}\ \langle y,x \rangle - f(Ax+b)")  # g not stated
    assert s.verdict != "PROVED"


@pytest.mark.parametrize("planted", [
    r"g^*(y) = \sup_{x} \langle y, x \rangle + f(Ax+b)",  # flipped sign
    r"g^*(y) = \sup_{x} \langle 2y, x \rangle - f(Ax+b)",  # wrong argument
    r"g^*(y) = \sup_{x} \langle y, x \rangle - f(Ax-b)",  # not g
    r"g^*(y) = \sup_{x} \langle y, x \rangle - 2 f(Ax+b)",  # a factor
    r"g^*(y) = \sup_{\|x\| \le 1} \langle y, x \rangle - f(Ax+b)",  # restricted
    r"g^*(y) = \inf_{x} \langle y, x \rangle - f(Ax+b)",  # inf for sup
    r"g^*(z) = \sup_{x} \langle y, x \rangle - f(Ax+b)",  # another point
])
def test_a_planted_false_step_is_not_proved(planted: str) -> None:
    assert _one(planted, AFFINE).verdict != "PROVED", planted


def test_the_definition_inside_a_sum_and_a_negated_inner_product() -> None:
    left = r"-\langle y, w \rangle + \sup_z\ \langle v, z \rangle - f(z)"
    assert _one(rf"{left} = \langle -y, w \rangle + f^*(v)").verdict == "PROVED"
    assert _one(rf"{left} = \langle y, w \rangle + f^*(v)").verdict != "PROVED"
    assert _one(rf"{left} = \langle -y + u, w \rangle + f^*(v)").verdict != "PROVED"


def test_a_body_the_model_cannot_read_stays_undecided() -> None:
    """Not the definition's shape: no guess, the step is left UNDECIDED (never REFUTED)."""
    s = _one(r"f^*(y) = \sup_{x} \langle y, x \rangle - f(x)^2")
    assert s.verdict == "UNDECIDED"


def test_a_point_that_names_the_index_is_not_the_definition() -> None:
    assert _one(r"f^*(x) = \sup_{x} \langle x, x \rangle - f(x)").verdict != "PROVED"


@pytest.mark.parametrize("pre", [
    "% hb: assume x \\ge 0\n",  # rev8/r2 k31
    "% hb: assume x \\in C\n",  # k32 (a set the reader does not parse)
    "% hb: assume g(x) = f(x)\n% hb: assume x \\ge 0\n",  # k27: the definition under x >= 0
    "% hb: assume g(x) = f(x)\n% hb: assume x \\in C\n",  # k30
])
def test_a_stated_restriction_of_the_index_keeps_the_definition_out(pre: str) -> None:
    head = "g" if "g(x)" in pre else "f"
    s = _one(f"{head}^*(y) = \\sup_{{x}} \\langle y, x \\rangle - f(x)", pre)
    assert s.verdict != "PROVED"


def test_a_plain_stated_definition_still_proves() -> None:
    s = _one(r"g^*(y) = \sup_{x} \langle y, x \rangle - f(x)", "% hb: assume g(x) = f(x)\n")
    assert s.verdict == "PROVED"


@pytest.mark.parametrize("item", ["x = 2", "x_1 = 0", "\\|x\\| = 1"])
def test_an_equation_pinning_the_index_is_no_definition(item: str) -> None:
    s = _one(r"f^*(y) = \sup_{x} \langle y, x \rangle - f(x)", f"% hb: assume {item}\n")
    assert s.verdict != "PROVED"


def test_a_definition_of_another_name_by_the_letter_restricts_nothing() -> None:
    s = _one(r"f^*(y) = \sup_{x} \langle y, x \rangle - f(x)", "% hb: let w = x_k + 1\n")
    assert s.verdict == "PROVED"
