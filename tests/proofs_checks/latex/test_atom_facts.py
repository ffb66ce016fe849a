r"""Exact facts between opaque atoms (:mod:`.models.atom_facts`): the triangle inequality of a
norm, ``|E[Y]| <= E[|Y|]`` and the monotonicity of a probability under ``cap``/``cup`` are
PROVED with any rest shown non-negative; each planted false variant (flipped, a coefficient
too small, a ``_p`` subscript that may be below 1, strict, a mixed or conditioned event) is
not PROVED, and an equation is left to the rest of the checker."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _one(rel: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{align*}}\n{rel}\n\\end{{align*}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


@pytest.mark.parametrize("rel", [
    r"\Pr[A \cap B] &\le \Pr[A]",
    r"\Pr[A \cup B] &\ge \Pr[B]",
    r"\Pr[\{X \ge t\} \cap \{Y \ge t\}] &\le \Pr[\{X \ge t\}]",
    r"\|a + b\| &\le \|a\| + \|b\|",
    r"\|a - 2b\|_2 &\le \|a\|_2 + 2\|b\|_2 + 1",
    r"|\mathbb{E}[X]| &\le \mathbb{E}[|X|]",
])
def test_true_forms_are_proved(rel: str) -> None:
    s = _one(rel)
    assert s.verdict == "PROVED" and s.method == "atom facts", (s.verdict, s.method, s.detail)


@pytest.mark.parametrize("rel", [
    r"\Pr[A \cap B] &\ge \Pr[A]",  # flipped
    r"\Pr[A \cup B] &\le \Pr[B]",  # flipped
    r"\Pr[A \cap B \cup C] &\le \Pr[A]",  # no agreed reading
    r"\Pr[A \cup B, C] &\ge \Pr[A]",  # an intersection after the comma
    r"\Pr[A \cap B \mid C] &\le \Pr[A]",  # conditioned
    r"\|a - 2b\|_2 &\le \|a\|_2 + \|b\|_2",  # the factor 2 dropped
    r"\|a + b\|_p &\le \|a\|_p + \|b\|_p",  # p may be below 1
    r"\|a + b\| &\ge \|a\| + \|b\|",  # flipped
    r"\mathbb{E}[|X|] &\le |\mathbb{E}[X]|",  # flipped
    r"|\mathbb{E}[X]| &< \mathbb{E}[|X|]",  # strict: equality when X >= 0
])
def test_planted_false_steps_are_not_proved(rel: str) -> None:
    s = _one(rel)
    assert s.verdict not in ("PROVED", "CERTIFIED"), (s.verdict, s.method, s.detail)


def test_an_equation_is_left_to_the_checker() -> None:
    s = _one(r"\|a + b\| &= \|a\| + \|b\|")
    assert s.method != "atom facts" and s.verdict != "PROVED"
