r"""The base of a bare ``\log`` (:mod:`.log_base`): a step whose truth depends on the base
(``\log 100 = 2``, ``e^{-2c \log n} = n^{-2c}``, ``\log(1+x) \le x``) is neither PROVED nor
REFUTED unless the document states the base; a step false in every base (``\log 8 = 4``) or
true in every base (``\log(ab) = \log a + \log b``) keeps its verdict; ``\ln`` and ``\log_b``
are unaffected; ``% hb: log B`` fixes the base and a bad one is an error naming ``log``."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

POS = "% hb: assume a > 0, b > 0, c > 0, n > 1, x > 0\n"


def _one(pre: str, rel: str, head: str = "") -> object:
    rep = verify_tex(f"{head}{pre}\\begin{{align*}}\n{rel}\n\\end{{align*}}\n", trials=40)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


@pytest.mark.parametrize("rel", [
    r"\log 100 &= 2",  # base 10
    r"\log 8 &= 3",  # base 2
    r"\log e &= 1",  # base e
    r"e^{-2c\log n} &= n^{-2c}",  # natural log
    r"\log(1+x) &\le x",  # natural log only (false in base 2 near 0)
    r"\log(2^n) &= n",  # base 2
])
def test_a_base_dependent_step_is_neither_proved_nor_refuted(rel: str) -> None:
    s = _one(POS, rel)
    assert s.verdict == "UNDECIDED", (rel, s.verdict, s.detail)
    assert "base of \\log" in s.detail


@pytest.mark.parametrize("base, rel", [
    ("10", r"\log 100 &= 2"),
    ("2", r"\log 8 &= 3"),
    ("e", r"\log e &= 1"),
    ("natural", r"e^{-2c\log n} &= n^{-2c}"),
    ("base 2", r"\log(2^n) &= n"),
])
def test_a_stated_base_decides_it(base: str, rel: str) -> None:
    s = _one(POS, rel, head=f"% hb: log {base}\n")
    assert s.verdict == "PROVED", (base, rel, s.verdict, s.detail)


@pytest.mark.parametrize("base, rel", [
    ("2", r"\log 100 &= 2"),
    ("10", r"\log 8 &= 3"),
    ("2", r"e^{-2c\log n} &= n^{-2c}"),
])
def test_a_stated_base_refutes_what_is_false_in_it(base: str, rel: str) -> None:
    assert _one(POS, rel, head=f"% hb: log {base}\n").verdict == "REFUTED"


@pytest.mark.parametrize("rel", [
    r"\log 8 &= 4",  # 2.08, 3, 0.90: false in every base
    r"e^{-2c\log n} &= n^{-c}",  # planted: the 2 dropped
    r"\log(ab) &= \log a - \log b",  # planted: product read as a quotient
    r"\log(a^2) &= 3\log a",  # planted: wrong constant
])
def test_a_step_false_in_every_base_stays_refuted(rel: str) -> None:
    s = _one(POS, rel)
    assert s.verdict == "REFUTED", (rel, s.verdict, s.detail)
    assert any("base e, 2 and 10" in n for n in s.notes)


@pytest.mark.parametrize("rel", [
    r"\log(ab) &= \log a + \log b",
    r"\log\frac{1}{a} &= -\log a",
    r"\log(a^3) &= 3\log a",
    r"\ln(1+x) &\le x",  # \ln is the natural log, whatever \log means
    r"\log_2 8 &= 3",  # an explicit base
])
def test_a_step_true_in_every_base_or_explicit_is_proved(rel: str) -> None:
    s = _one(POS, rel)
    assert s.verdict == "PROVED", (rel, s.verdict, s.detail)


def test_a_bad_or_second_base_is_an_error_naming_log() -> None:
    text = "% hb: log 3\n% hb: log 2\n% hb: log 10\n\\begin{align*}\n\\log 8 &= 3\n\\end{align*}\n"
    rep = verify_tex(text, trials=30)
    msgs = [e.message for e in rep.errors]
    assert any(m.startswith("log: give e") and "'3'" in m for m in msgs), msgs
    assert any("second, different base" in m for m in msgs), msgs
    # each error sits at its line, on the base's first character ("% hb: log " is 10 long)
    where = {e.message[:12]: (e.line, e.column) for e in rep.errors}
    assert where["log: give e "] == (1, 11)
    assert where["log: a secon"] == (3, 11)
    (s,) = rep.environments[0].steps
    assert s.verdict == "PROVED"  # the first readable base (2) is used


def test_the_annotation_tags_show_the_merged_verdict() -> None:
    rep = verify_tex(f"{POS}\\begin{{align*}}\n\\log 100 &= 2\n\\end{{align*}}\n", trials=30)
    (chain,) = rep.environments
    assert chain.steps[0].verdict == "UNDECIDED"
    assert [t for _, t in chain.tags] == ["UNDECIDED, chain UNDECIDED"]
