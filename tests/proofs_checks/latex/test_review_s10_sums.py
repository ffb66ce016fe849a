r"""Defects of sums and integrals found by the session-10 review (false PROVED, a crash, a
false SUPPORTED), each as a planted false step that must not pass and its true neighbour that
must not be refuted."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _one(body: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{align}}\n{body}\n\\end{{align}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


@pytest.mark.parametrize("body", [
    r"\int_0^1 p(x, y)\, dy &= \int_0^1 p(x, y)\, dx",  # the two marginals of a density
    r"\int_0^1 K(s, t)\, ds &= \int_0^1 K(s, t)\, dt",
    r"\int_0^1 \|x - y\|\, dx &= \int_0^1 \|x - y\|\, dy",
    r"\int_0^1 g(x^2 y)\, dx &= \int_0^1 g(x^2 y)\, dy",
])
def test_integrals_over_different_variables_are_not_one_atom(body: str) -> None:
    # the variable hides inside an atom (p(x, y) is one symbol): renaming it would merge them
    assert _one(body).verdict != "PROVED", body


@pytest.mark.parametrize("body", [
    r"\int_0^1 p(x, y)\, dy &= \int_0^1 p(x, y)\, dy",
    r"\int_0^1 (x^2 + \sin(x y))\, dx &= \int_0^1 (t^2 + \sin(t y))\, dt",  # plain symbols
])
def test_the_same_integral_is_still_proved(body: str) -> None:
    assert _one(body).verdict == "PROVED", body


CRASH = r"\sum_{i=1}^{n} p(x_i)\, c_i &\le p(x_i) \sum_{i=1}^{n} c_i"


@pytest.mark.parametrize("pre", ["", "% hb: function p\n"])
def test_a_name_shown_twice_does_not_abort_the_file(pre: str) -> None:
    # p(x_i) inside the sum over i and outside it: two symbols with one text, which the
    # small-count model declared twice (InputError ended `hallbound verify`)
    s = _one(CRASH, pre)
    assert s.verdict != "PROVED", s.detail


def test_the_small_count_model_declines_on_its_own_bad_claim(monkeypatch) -> None:
    from hallbound.proofs_checks.latex.models import small_counts

    monkeypatch.setattr(small_counts, "_distinct_names", lambda params: params)
    s = _one(CRASH)  # the duplicate names again: the model says so and gives no verdict
    assert s.verdict != "PROVED" and any("small counts not tried" in n for n in s.notes)


def test_sums_of_different_lengths_are_not_supported() -> None:
    # the sampler only tried m = n: this false step was SUPPORTED
    s = _one(r"\sum_{i=1}^{n} a_i + \sum_{i=1}^{m} b_i &= \sum_{i=1}^{n} (a_i + b_i)")
    assert s.verdict in ("UNDECIDED", "REFUTED"), (s.verdict, s.detail)


@pytest.mark.parametrize("body", [
    r"\sum_{i=1}^{n} a_i + \sum_{i=1}^{m} b_i &= \sum_{j=1}^{m} b_j + \sum_{j=1}^{n} a_j",
    r"\sum_{i=1}^{n} a_i^2 + \sum_{i=1}^{m} b_i^2 &\ge 0",
])
def test_true_steps_with_different_lengths_are_not_refuted(body: str) -> None:
    s = _one(body)
    assert s.verdict in ("PROVED", "SUPPORTED"), (s.verdict, s.detail)


def test_a_stated_tie_of_the_counts_is_used() -> None:
    s = _one(r"\sum_{i=1}^{n} a_i + \sum_{i=1}^{m} b_i &= \sum_{i=1}^{n} (a_i + b_i)",
             "% hb: assume m = n\n")
    assert s.verdict != "REFUTED", s.detail
