r"""Leibniz notation needs the letter ``d`` not to be a number (review s11 finding 8,
:meth:`hallbound.proofs_checks.latex.math_derivatives.DerivativesMixin.d_is_number`): with
``d`` assumed, declared, defined or used as a number in the environment, ``\frac{d}{dn}`` is
refused (a quotient or a derivative?), and a ``d`` before a letter in an integral is a factor
where another differential ends the integrand (``\int_0^1 d\, x^2\, dx``). Without such a
``d`` (or with the upright ``\mathrm{d}``) the derivative is read as before."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(pre: str, row: str) -> tuple[list[str], list[str]]:
    rep = verify_tex(f"{pre}\\begin{{align*}}\n{row}\n\\end{{align*}}\n", trials=30)
    return ([s.verdict for ch in rep.environments for s in ch.steps],
            [e.message for e in rep.errors])


@pytest.mark.parametrize("pre, row", [
    ("% hb: assume d > 0, n > 0\n", r"\frac{d}{dn} n^2 &= n"),
    ("% hb: assume d > 0, n > 0\n", r"\frac{d}{dn} n^2 &= 2n"),
    ("% hb: assume d \\in \\mathbb{N}, n > 0\n", r"\frac{d}{d\, n} n^2 &= n"),
    ("% hb: assume n > 0\n% hb: let d = 2\n", r"\frac{d}{dn} n^2 &= n"),
    ("% hb: assume n > 0\n", r"\frac{d}{dn} n^2 &= n \\ d + 1 &\ge d"),
])
def test_leibniz_with_a_number_d_is_refused(pre: str, row: str) -> None:
    verdicts, errors = _run(pre, row)
    assert verdicts == (["PROVED"] if "d + 1" in row else [])  # only d + 1 >= d is checked
    assert any("with d a number here" in e for e in errors), errors


def test_the_upright_d_and_an_unused_d_are_still_read() -> None:
    up = r"\frac{\mathrm{d}}{\mathrm{d}n} n^2 &= 2n"
    assert _run("% hb: assume d > 0, n > 0\n", up) == (["PROVED"], [])
    assert _run("% hb: assume d > 0, n > 0\n", up.replace("2n", "n"))[0] == ["REFUTED"]
    assert _run("% hb: assume n > 0\n", r"\frac{d}{dn} n^2 &= 2n") == (["PROVED"], [])


def test_a_number_d_before_the_integrand_is_a_factor() -> None:
    pre = "% hb: assume d > 0\n"
    assert _run(pre, r"\int_0^1 d\, x^2 \, dx &= \frac{d}{3}") == (["PROVED"], [])
    assert _run(pre, r"\int_0^1 d\, x^2 \, dx &= \frac{d}{2}")[0] == ["REFUTED"]
    assert _run(pre, r"\int_0^1 dx\, x^2 &= \frac{1}{3}") == (["PROVED"], [])
