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
