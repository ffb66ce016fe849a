r"""``n \in \mathbb{N}`` holds 0 for some authors (:mod:`.models.natural_zero`): a step is PROVED
only when it holds at 0 too (or makes no claim there), and REFUTED only with a witness where
every such variable is at least 1; the unambiguous spellings keep their meaning
(:func:`.domains.read_number_set`)."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.domains import Domain, read_number_set
from hallbound.proofs_checks.latex.verify import verify_tex

STRONG = ("PROVED", "CERTIFIED")
TAIL = r"\Pr[X \ge a] = \Pr[kX \ge ka]"


def _steps(rel: str, assume: str) -> list:
    text = f"% hb: assume {assume}\n\\begin{{align}}\n{rel}\n\\end{{align}}\n"
    rep = verify_tex(text, trials=60)
    return [s for ch in rep.environments for s in ch.steps]


def _one(rel: str, assume: str) -> object:
    (s,) = _steps(rel, assume)
    return s


def test_a_tail_event_scaled_by_a_natural_number_is_not_proved() -> None:
    s = _one(TAIL, r"k \in \mathbb{N}")  # false at k = 0: Pr[0 >= 0] = 1
    assert s.verdict == "UNDECIDED"
    assert "k = 0" in s.detail and "\\mathbb{N}" in s.detail


@pytest.mark.parametrize("assume", [r"k \in \mathbb{N}_{>0}", r"k \in \mathbb{N}, k \ge 1",
                                    r"k \ge 1, k \in \mathbb{N}", r"k \in \mathbb{N}^+",
                                    r"k \in \mathbb{Z}_{>0}"])
def test_the_tail_event_is_proved_where_zero_is_left_out(assume: str) -> None:
    assert _one(TAIL, assume).verdict == "PROVED"


@pytest.mark.parametrize("rel", [r"n \ge 1", r"n - 1 \ge 0", r"2^n \ge 2", r"n m \ge 1"])
def test_a_step_true_from_one_only_is_neither_proved_nor_refuted(rel: str) -> None:
    s = _one(rel, r"n, m \in \mathbb{N}")
    assert s.verdict == "UNDECIDED"


@pytest.mark.parametrize("rel", [r"\frac{1}{n} \le 1", r"\log n \ge 0", r"n^2 \ge n",
                                 r"n \ge 0", r"\sum_{i=1}^{n} 1 = n"])
def test_a_step_true_at_zero_or_undefined_there_stays_proved(rel: str) -> None:
    assert _one(rel, r"n \in \mathbb{N}").verdict in STRONG


def test_a_witness_has_every_natural_variable_at_least_one() -> None:
    s = _one(r"n \ge 2", r"n \in \mathbb{N}")
    assert s.verdict == "REFUTED" and s.witness["n"] >= 1
    s = _one(r"n \ge 1", r"n \in \mathbb{N}_0")  # 0 stated: a counterexample there
    assert s.verdict == "REFUTED" and s.witness["n"] == 0


def test_a_step_with_other_letters_is_checked_at_zero_by_the_checker() -> None:
    s = _one(r"x^n \le x", r"n \in \mathbb{N}, 0 < x < 1")  # 1 <= x at n = 0: false
    assert s.verdict not in (*STRONG, "SUPPORTED", "REFUTED")
    s = _one(r"(x + 1)^2 \ge x^2 + 2 n x", r"n \in \mathbb{N}, x > 0, n \le 1")
    assert s.verdict != "REFUTED"


def test_a_chain_with_a_step_false_at_zero_does_not_conclude() -> None:
    steps = _steps(r"n + 1 &\le 2n \\ &\le 3n - 1", r"n \in \mathbb{N}")
    assert [s.verdict for s in steps] == ["UNDECIDED", "UNDECIDED"]


def test_a_positive_real_that_some_read_with_zero_is_checked_at_zero() -> None:
    assert _one(r"x > 0", r"x \in \mathbb{R}_+").verdict == "UNDECIDED"
    assert _one(r"\frac{1}{x} > 0", r"x \in \mathbb{R}_+").verdict in STRONG
    assert _one(r"x > 0", r"x \in \mathbb{R}_{>0}").verdict in STRONG


def test_a_series_over_the_naturals_is_never_evaluated() -> None:
    for value in ("1", "2"):  # its value depends on where N starts
        row = f"\\sum_{{n \\in \\mathbb{{N}}}} 2^{{-n}} = {value}"
        text = f"\\begin{{align}}\n{row}\n\\end{{align}}\n"
        (s,) = [s for ch in verify_tex(text, trials=30).environments for s in ch.steps]
        assert s.verdict not in (*STRONG, "REFUTED")


@pytest.mark.parametrize("text, lo, lo_open, disputed", [
    (r"\mathbb{N}", 1.0, False, True), (r"\mathbb N", 1.0, False, True),
    ("ℕ", 1.0, False, True), (r"\mathbb{N}_0", 0.0, False, False),
    (r"\mathbb{N}_{\ge 0}", 0.0, False, False), (r"\mathbb{Z}_{\geq 0}", 0.0, False, False),
    (r"\mathbb{N}^*", 0.0, True, False), (r"\mathbb{N}_{\ge 1}", 1.0, False, False),
    (r"\mathbb{Z}^+", 0.0, True, False), (r"\mathbb{Z}_+", 0.0, True, True),
    (r"\mathbb{R}_+", 0.0, True, True), (r"\mathbb{R}_{++}", 0.0, True, False),
])
def test_number_sets_are_read_with_their_convention(text: str, lo: float, lo_open: bool,
                                                    disputed: bool) -> None:
    dom = Domain()
    assert read_number_set(text, dom)
    assert (dom.lo, dom.lo_open, bool(dom.zero_disputed)) == (lo, lo_open, disputed)


@pytest.mark.parametrize("text", [r"\mathbb{Z}^*", r"\mathbb{R}^*", r"\mathbb{N}^d",
                                  r"\mathbb{R}_+^d", r"\mathbb{N}_{x}"])
def test_an_unknown_decoration_is_refused(text: str) -> None:
    assert not read_number_set(text, Domain())


def test_a_bound_stated_before_or_after_settles_the_zero() -> None:
    dom = Domain()
    dom.tighten_lo(0.0, True)
    read_number_set(r"\mathbb{N}", dom)
    assert not dom.zero_disputed
    dom = Domain()
    read_number_set(r"\mathbb{N}", dom)
    dom.tighten_lo(1.0, False)
    assert not dom.zero_disputed
    dom = Domain()
    dom.tighten_lo(0.0, False)  # n >= 0 stated: 0 stays disputed
    read_number_set(r"\mathbb{N}", dom)
    assert dom.zero_disputed
