r"""``\arg\min_x F = \arg\min_x G`` when ``F = c G + r``, ``c > 0`` and ``c``, ``r`` free of
``x`` (:mod:`.models.argmin_scaling`): PROVED; a negative factor, a dropped term that depends
on ``x`` or a restricted range is never PROVED by this rule."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex

PRE = "% hb: assume L > 0\n"
LEFT = (r"\operatorname{arg min}_{x} f(x_k) + \langle \nabla f(x_k), x - x_k \rangle"
        r" + \frac{L}{2} \|x - x_k\|_2^2")


def _one(rel: str, pre: str = PRE) -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_dropping_a_constant_and_scaling_by_a_positive_factor_keeps_the_minimisers() -> None:
    right = (r"\operatorname{arg min}_{x} \frac{1}{L}\left(\langle \nabla f(x_k), x - x_k"
             r" \rangle + \frac{L}{2} \|x - x_k\|_2^2\right)")
    s = _one(f"{LEFT} = {right}")
    assert s.verdict == "PROVED" and s.method.startswith("argmin")
    assert "L > 0" in s.detail


def test_a_factor_of_unknown_sign_is_not_proved() -> None:
    right = (r"\operatorname{arg min}_{x} a \cdot \left(\langle \nabla f(x_k), x - x_k"
             r" \rangle + \frac{L}{2} \|x - x_k\|_2^2\right)")
    s = _one(f"{LEFT} = {right}")
    assert s.verdict != "PROVED"


def test_a_dropped_term_that_moves_with_x_is_not_proved() -> None:
    right = r"\operatorname{arg min}_{x} \frac{L}{2} \|x - x_k\|_2^2"
    s = _one(f"{LEFT} = {right}")
    assert s.verdict != "PROVED"


def test_a_plain_objective_shift_and_scale() -> None:
    assert _one(r"\operatorname{arg min}_{x} (3 x^2 - 6 x + 7) = "
                r"\operatorname{arg min}_{x} (x^2 - 2 x)", "").verdict == "PROVED"
    s = _one(r"\operatorname{arg min}_{x} (-x^2 + 2 x) = "
             r"\operatorname{arg min}_{x} (x^2 - 2 x)", "")
    assert s.verdict != "PROVED"
