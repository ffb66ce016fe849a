r"""Both orders of a superscript and a subscript on one name (TeX attaches both to the same
nucleus): ``x^2_i`` is ``x_i^2``, ``X^{(i)}_t`` is ``X_t^{(i)}``, ``\sum^n_{i=1}`` is
``\sum_{i=1}^n``; a superscript word on a name applied to a bracket (``N^{int}_\varepsilon(A)``)
is refused, never read as a power times a bracket."""

from __future__ import annotations

from hallbound.proofs_checks.latex.math_tokens import subscript_first, tokenize
from hallbound.proofs_checks.latex.verify import verify_tex


def _one(rel: str) -> tuple[object, list]:
    rep = verify_tex(f"\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s, [e.message for e in rep.errors]


def test_tokens_put_the_subscript_first() -> None:
    texts = [t.text for t in subscript_first(tokenize(r"N^{int}_\varepsilon x^2_{i}"))]
    assert texts == ["N", "_", "varepsilon", "^", "{", "i", "n", "t", "}",
                     "x", "_", "{", "i", "}", "^", "2"]


def test_both_orders_read_the_same() -> None:
    s, _ = _one(r"x^2_i + X^{(i)}_t = x_i^2 + X_t^{(i)}")
    assert s.verdict == "PROVED"
    t, _ = _one(r"\sum^n_{i=1} i = \frac{n(n+1)}{2}")
    assert t.verdict == "PROVED"


def test_a_wrong_sum_written_superscript_first_is_refuted() -> None:
    s, _ = _one(r"\sum^n_{i=1} i = \frac{n(n-1)}{2}")
    assert s.verdict == "REFUTED"


def _report(rel: str) -> tuple[list, list]:
    rep = verify_tex(f"\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    return [s for ch in rep.environments for s in ch.steps], [e.message for e in rep.errors]


def test_a_superscript_word_on_an_applied_name_is_refused() -> None:
    for rel in (r"N^{int}_\varepsilon(B) \le N^{int}_{\varepsilon/2}(A)",
                r"N_\varepsilon^{ext}(B) \le 3 + x", r"N^{ab}(x) \le 3 + x"):
        steps, errors = _report(rel)
        assert all(s.method == "not checked" for s in steps)
        assert any("superscript word" in e for e in errors), rel


def test_a_power_of_a_word_without_a_bracket_is_still_read() -> None:
    s, errors = _one(r"e^{it} (1 + x) = e^{it} + x e^{it}")
    assert s.verdict == "PROVED" and not errors
