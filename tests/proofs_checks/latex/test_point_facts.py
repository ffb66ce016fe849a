r"""Concrete functions with a stated fact read at one point (:mod:`.models.point_facts`):
``f(x_{k+1}) \le q_k(x_{k+1})`` beside ``f \le q_k`` everywhere and ``f(x_k) = q_k(x_k)`` is
SUPPORTED, saying which reading was sampled; the flipped step is never SUPPORTED nor REFUTED
(its failing instance may break the "for every value" reading of ``f(x_k) = q_k(x_k)``)."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex

PRE = ("% hb: assume f(x) \\le q_k(x)\\ \\forall x\n"
       "% hb: assume f(x_k) = q_k(x_k)\n")


def _one(rel: str) -> object:
    rep = verify_tex(f"{PRE}\\begin{{align*}}\n{rel}\n\\end{{align*}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_a_majoriser_bounds_the_function_at_another_point() -> None:
    s = _one(r"f(x_{k+1}) &\le q_k(x_{k+1})")
    assert s.verdict == "SUPPORTED" and s.method == "concrete functions, facts at one point"
    assert "read at that one point" in s.detail and "q_k = f + s" in s.detail


def test_the_flipped_step_is_neither_supported_nor_refuted() -> None:
    s = _one(r"f(x_{k+1}) &> q_k(x_{k+1})")
    assert s.verdict == "UNDECIDED"
    assert "no counterexample" in s.detail
