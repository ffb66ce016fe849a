r"""Sums of indexed families under a stated pointwise definition
(:mod:`hallbound.proofs_checks.latex.models.indexed_sums`).

Mutation style: the true termwise substitution and the dropped zero term are PROVED; a planted
false variant (a wrong sign in the substituted body, a definition whose excluded term is not 0)
is never PROVED; a definition of one entry only, or at another index letter, is not read as a
definition of the whole family (the step stays unproved)."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex

DEF = "% hb: assume k_i = f_i - g_i f_{i_0}/g_{i_0}\n"


def _one(body: str, pre: str = DEF) -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{body}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_termwise_substitution_is_proved() -> None:
    s = _one(r"\sum_i k_i t_i = \sum_i (f_i - g_i f_{i_0}/g_{i_0}) t_i")
    assert s.verdict == "PROVED" and s.method == "indexed sums"


def test_wrong_sign_in_the_substituted_body_is_not_proved() -> None:
    s = _one(r"\sum_i k_i t_i = \sum_i (f_i + g_i f_{i_0}/g_{i_0}) t_i")
    assert s.verdict != "PROVED"


def test_a_zero_term_may_be_dropped() -> None:
    s = _one(r"\sum_{i \neq i_0} k_i t_i = \sum_i k_i t_i")
    assert s.verdict == "PROVED" and "i_0" in s.detail


def test_a_nonzero_term_may_not_be_dropped() -> None:
    s = _one(r"\sum_{i \neq i_0} k_i t_i = \sum_i k_i t_i",
             pre="% hb: assume k_i = f_i - g_i f_{i_0}\n")
    assert s.verdict != "PROVED"


def test_a_definition_of_one_entry_is_not_a_family() -> None:
    s = _one(r"\sum_i k_i t_i = \sum_i t_i", pre="% hb: assume k_0 = 1\n")
    assert s.verdict != "PROVED"


def test_a_definition_at_another_index_letter_is_left_alone() -> None:
    s = _one(r"\sum_i k_i t_i = \sum_i f_i t_i", pre="% hb: assume k_j = f_j\n")
    assert s.method != "indexed sums"
