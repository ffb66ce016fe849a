r"""The dual norm (:mod:`hallbound.proofs_checks.latex.models.dual_norms`).

Mutation style: ``\sup_{\|x\|_p \le 1} <y, x> = \|y\|_q`` is PROVED for conjugate exponents;
a planted false step (the same exponent on both sides, a ball of radius 2, the index in the
norm, a scaled body) is never PROVED, each checked false here by hand on a small vector; with
nothing stated of ``p`` and ``q`` the step stays UNDECIDED."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex

CONJ = "% hb: assume 1/p + 1/q = 1\n"


def _step(row: str, pre: str = CONJ) -> object:
    text = f"{pre}\\begin{{equation}}\n{row}\n\\end{{equation}}\n"
    rep = verify_tex(text, trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_the_dual_norm_is_proved() -> None:
    s = _step(r"\sup_{\|x\|_p \le 1} \langle y, x \rangle = \|y\|_q")
    assert s.verdict == "PROVED" and s.method == "dual norm"
    s = _step(r"\|y\|_\infty = \sup_{\|x\|_1 \le 1} \langle x, y \rangle", pre="")
    assert s.verdict == "PROVED"
    s = _step(r"\sup_{\|x\|_2 \le 1} \langle y, x \rangle = \|y\|_2", pre="")
    assert s.verdict == "PROVED"


def test_planted_false_dual_norms_are_not_proved() -> None:
    # y = (1, 1): sup over the l1 ball is max|y_i| = 1, but ||y||_1 = 2 (the same exponent);
    # over the ball of radius 2 the sup is 2 ||y||_inf = 2, not 1
    y = (1, 1)
    assert max(map(abs, y)) != sum(map(abs, y)) and 2 * max(map(abs, y)) != max(map(abs, y))
    for row, pre in (
        (r"\sup_{\|x\|_1 \le 1} \langle y, x \rangle = \|y\|_1", ""),
        (r"\sup_{\|x\|_p \le 1} \langle y, x \rangle = \|y\|_p", CONJ),
        (r"\sup_{\|x\|_p \le 2} \langle y, x \rangle = \|y\|_q", CONJ),
        (r"\sup_{\|x\|_p \le 1} \langle x, x \rangle = \|x\|_q", CONJ),
        (r"\sup_{\|x\|_p \le 1} 2\langle y, x \rangle = \|y\|_q", CONJ),
    ):
        assert _step(row, pre).verdict != "PROVED", row


def test_unstated_exponents_stay_undecided() -> None:
    s = _step(r"\sup_{\|x\|_p \le 1} \langle y, x \rangle = \|y\|_q", pre="")
    assert s.verdict == "UNDECIDED"


def test_exponents_below_one_keep_the_model_out() -> None:
    # review finding 3: 0 < p < 1 gives q < 0; for p = 1/2 (q = -1), y = (1, 0): the sup of
    # <y, x> over {|x_1|^(1/2) + |x_2|^(1/2) <= 1} is 1, while ||y||_{-1} is no norm at all
    row = r"\sup_{\|x\|_p \le 1} \langle y, x \rangle = \|y\|_q"
    for extra in (r"0 < p < 1", r"p > 0", r"q \le 3"):
        s = _step(row, pre=f"% hb: assume 1/p + 1/q = 1, {extra}\n")
        assert s.verdict != "PROVED", (extra, s.verdict)
    s = _step(row, pre="% hb: assume 1/p + 1/q = 1, p \\ge 1\n")  # true: not refuted
    assert s.verdict != "REFUTED"


def test_a_vector_defined_from_the_index_keeps_the_model_out() -> None:
    # review finding 6: v = 2x gives sup <2x, x> = 2 over the l2 ball, but ||v||_2 = 2||x||_2
    row = r"\sup_{\|x\|_2 \le 1} \langle v, x \rangle = \|v\|_2"
    for pre in ("% hb: let v = 2x\n", "% hb: assume v = 2x\n", "% hb: assume x \\ge 0\n"):
        s = _step(row, pre=pre)
        assert s.verdict != "PROVED", (pre, s.verdict)
    assert _step(row, pre="% hb: let v = 2w\n").verdict != "REFUTED"
