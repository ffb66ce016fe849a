r"""The Fenchel--Young inequality (:mod:`.models.fenchel_young`): ``<v, w> <= h(w) + h^*(v)``
with any rest shown non-negative is PROVED; each planted false variant (the inequality
flipped, a factor 2 on the inner product, a strict inequality, another function, the rest
negative) is not PROVED, and an equation is left to the rest of the checker."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _one(rel: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{align*}}\n{rel}\n\\end{{align*}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


@pytest.mark.parametrize("rel", [
    r"\langle y, q\rangle &\le g(y) + g^*(q)",
    r"\langle q, y\rangle &\le g(q) + g^*(y)",  # v = y, w = q: the inner product symmetric
    r"\langle q_k, y\rangle_m - \langle A q_k, x\rangle_n &\le g(y) + g^*(q_k) - "
    r"\langle A q_k, x\rangle_n",
    r"g(y) + g^*(q) + 1 &\ge \langle q, y\rangle",
    r"\langle q, y\rangle &< g(y) + g^*(q) + 1",
])
def test_true_forms_are_proved(rel: str) -> None:
    s = _one(rel)
    assert s.verdict == "PROVED" and s.method == "Fenchel-Young inequality", (
        s.verdict, s.method, s.detail)


@pytest.mark.parametrize("rel", [
    r"\langle q, y\rangle &\ge g(y) + g^*(q)",  # flipped
    r"2\langle q, y\rangle &\le g(y) + g^*(q)",  # a wrong constant
    r"\langle q, y\rangle &< g(y) + g^*(q)",  # strict: equality is possible
    r"\langle q, y\rangle &\le f(y) + g^*(q)",  # another function
    r"\langle q, y\rangle &\le g(y) + g^*(q) - 1",  # a negative rest
    r"\langle q, x\rangle &\le g(y) + g^*(q)",  # another point
])
def test_planted_false_steps_are_not_proved(rel: str) -> None:
    s = _one(rel)
    assert s.verdict not in ("PROVED", "CERTIFIED"), (s.verdict, s.method, s.detail)


def test_an_equation_is_left_undecided() -> None:
    s = _one(r"\langle q, y\rangle &= g(y) + g^*(q)")
    assert s.method != "Fenchel-Young inequality" and s.verdict != "PROVED"
