r"""Both orders of a superscript and a subscript, read alike only where the meaning allows
(a big operator's limits, ``\sum^n_{i=1}``; a label, ``X^{(i)}_t`` is ``X_t^{(i)}``); a power
or an operation before a subscript (``A^{-1}_{11}``, the entry of the inverse) stays refused;
a superscript word on a name applied to a bracket (``N_\varepsilon^{int}(A)``) is refused
when a letter of the word is used elsewhere or the bracket holds more than one set-like name,
never read as a power times a bracket; otherwise it is a label (an internal covering number)."""

from __future__ import annotations

from hallbound.proofs_checks.latex.math_tokens import subscript_first, tokenize
from hallbound.proofs_checks.latex.verify import verify_tex


def _one(rel: str) -> tuple[object, list]:
    rep = verify_tex(f"\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s, [e.message for e in rep.errors]


def test_tokens_put_the_subscript_first_on_labels_and_big_operators() -> None:
    texts = [t.text for t in subscript_first(tokenize(r"X^{(i)}_t \sum^n_{i} x^*_j"))]
    assert texts == ["X", "_", "t", "^", "{", "(", "i", ")", "}",
                     "sum", "_", "{", "i", "}", "^", "n", "x", "_", "j", "^", "*"]


def test_a_power_or_an_operation_before_a_subscript_stays_as_written() -> None:
    for rel in (r"A^{-1}_{11}", r"A^2_{12}", r"A^\top_{12}", r"N^{int}_\varepsilon"):
        toks = tokenize(rel)
        assert [t.text for t in subscript_first(toks)] == [t.text for t in toks], rel


def test_an_entry_of_the_inverse_is_never_proved_as_a_reciprocal() -> None:
    """L4 (h-rev6): ``A^{-1}_{11}`` is (A^{-1})_{11}; A = [[2, 1], [1, 1]] gives 1 != 1/2."""
    for rel in (r"A^{-1}_{11} = \frac{1}{A_{11}}", r"\Sigma^{-1}_{ii} \Sigma_{ii} = 1",
                r"A^{2}_{12} = A_{12} A_{12}", r"x^{2}_{i} - x_{i}^{2} = 0"):
        steps, _ = _report(rel)
        assert all(s.verdict not in ("PROVED", "REFUTED", "SUPPORTED") for s in steps), rel


def test_both_orders_read_the_same() -> None:
    s, _ = _one(r"x^*_i + X^{(i)}_t = x_i^* + X_t^{(i)}")
    assert s.verdict == "PROVED"
    t, _ = _one(r"\sum^n_{i=1} i = \frac{n(n+1)}{2}")
    u, _ = _one(r"\sum_{i=1}^n i = \frac{n(n+1)}{2}")
    # n undeclared may be negative (an empty sum, 0, against n(n+1)/2 = 1 at n = -2): not
    # PROVED, but read the same in both orders and never REFUTED
    assert t.verdict == u.verdict and t.verdict in ("PROVED", "SUPPORTED")


def test_a_wrong_sum_written_superscript_first_is_refuted() -> None:
    s, _ = _one(r"\sum^n_{i=1} i = \frac{n(n-1)}{2}")
    assert s.verdict == "REFUTED"


def _report(rel: str) -> tuple[list, list]:
    rep = verify_tex(f"\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    return [s for ch in rep.environments for s in ch.steps], [e.message for e in rep.errors]


def test_a_superscript_word_on_an_applied_name_is_refused() -> None:
    for rel in (r"N_\varepsilon^{ext}(B) \le 3 + x", r"N^{ab}(x) \le 3 + x"):
        steps, errors = _report(rel)
        assert all(s.method == "not checked" for s in steps)
        assert any("superscript word" in e for e in errors), rel
    steps, errors = _report(r"n N^{int}_\varepsilon(B) \le N^{int}_{\varepsilon/2}(A)")
    assert all(s.method == "not checked" for s in steps) and errors


def test_a_superscript_word_of_unused_letters_on_a_set_is_a_label() -> None:
    """``N^{int}_\\varepsilon(B)``: no ``i``, ``n``, ``t`` elsewhere, a set in the bracket:
    the value of a function of its own, opaque (two radii: two different values)."""
    steps, errors = _report(r"N^{int}_\varepsilon(B) \le N^{int}_{\varepsilon/2}(A)")
    assert not errors and all(s.method != "not checked" for s in steps)
    assert all(s.verdict not in ("PROVED", "REFUTED") for s in steps)
    (same,), _ = _report(r"N^{int}_\varepsilon(B) = N^{int}_{\varepsilon}(B)")
    assert same.verdict == "PROVED"


def test_a_power_of_a_word_without_a_bracket_is_still_read() -> None:
    s, errors = _one(r"e^{it} (1 + x) = e^{it} + x e^{it}")
    assert s.verdict == "PROVED" and not errors


def test_a_declared_variable_or_a_letter_used_in_an_exponent_keeps_the_word_a_power() -> None:
    """Review finding 7: ``% hb: variable c`` makes ``c^{mn}(A)`` a power times ``(A)``
    (or refused), as does ``m`` or ``n`` written in an exponent on the other side."""
    for pre, row in (
        ("% hb: variable c\n% hb: assume c > 1, A > 0\n", r"c^{mn}(A) = A \cdot c^{mn}"),
        ("% hb: assume c > 1, A > 0\n", r"c^{mn}(A) = A \cdot c^{m n}"),
        ("% hb: variable q\n% hb: assume 0 < q < 1, Q > 1\n", r"q^{ab}(Q) \le Q"),
    ):
        rep = verify_tex(f"{pre}\\begin{{equation}}\n{row}\n\\end{{equation}}\n", trials=30)
        steps = [s for ch in rep.environments for s in ch.steps]
        assert all(s.verdict != "REFUTED" for s in steps), row  # true as a power
        assert any("superscript word" in e.message for e in rep.errors), row
    # a planted false step (c = 2, m = n = 1, A = 1, B = 2: 2 != 4 as powers) is never proved
    rep = verify_tex("% hb: variable c\n\\begin{equation}\nc^{mn}(A) = c^{mn}(B)\n"
                     "\\end{equation}\n", trials=30)
    assert all(s.verdict != "PROVED" for ch in rep.environments for s in ch.steps)
