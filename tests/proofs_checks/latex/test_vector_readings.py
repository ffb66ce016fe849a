r"""A PROVED step on a vector of ``\mathbb{R}^d`` that writes ``|x|`` or ``x^2`` says the
Euclidean reading in its detail (:mod:`.models.vector_readings`, review note on
``\|x\| = |x|``); a step on plain reals gets no such note."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex

VEC = "% hb: assume x \\in \\mathbb{R}^d\n"


def _one(rel: str, pre: str) -> object:
    rep = verify_tex(f"{pre}\\begin{{align*}}\n{rel}\n\\end{{align*}}\n", trials=20)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_the_euclidean_reading_is_said() -> None:
    for rel in (r"\|x\| = |x|", r"\|x\|^2 = x^2"):
        s = _one(rel, VEC)
        assert s.verdict == "PROVED" and "Euclidean norm" in s.detail, rel


def test_no_note_on_a_real_letter() -> None:
    s = _one(r"|x|^2 = x^2", "")
    assert "Euclidean" not in s.detail
