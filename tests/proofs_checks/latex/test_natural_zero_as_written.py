r"""A variable of a set that holds 0 for some authors (``n \in \mathbb{N}``, ``\mathbb{Z}_+``) is
read without simplifying as if 0 were out (:meth:`.domains.Domain.sympy_assumptions`), so the
check at 0 (:mod:`.models.natural_zero`) sees the sides as written: ``0^n = 0`` and
``\max(n, 1) = n`` are not PROVED (false at 0); what holds at 0 too keeps its verdict."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.domains import Domain, read_number_set
from hallbound.proofs_checks.latex.verify import verify_tex

STRONG = ("PROVED", "CERTIFIED")


def _one(rel: str, assume: str) -> object:
    text = f"% hb: assume {assume}\n\\begin{{align*}}\n{rel}\n\\end{{align*}}\n"
    (s,) = [s for ch in verify_tex(text, trials=60).environments for s in ch.steps]
    return s


@pytest.mark.parametrize("rel, assume", [
    (r"0^n &= 0", r"n \in \mathbb{N}"), (r"0^n &= 0", r"n \in \mathbb{Z}_+"),
    (r"0^{n} + 1 &= 1", r"n \in \mathbb{N}"),
    (r"\max(n, 1) &= n", r"n \in \mathbb{N}"), (r"\min(n, 1) &= 1", r"n \in \mathbb{N}"),
    (r"\left\lfloor \frac{1}{n+1} \right\rfloor &= 0", r"n \in \mathbb{N}"),
    (r"\lceil n/(n+1) \rceil &= 1", r"n \in \mathbb{N}"),
    (r"|n-1| &= n-1", r"n \in \mathbb{N}"), (r"|x-1| &= x-1", r"x \in \mathbb{Z}_+"),
])
def test_a_step_false_at_zero_is_not_proved_once_simplified(rel: str, assume: str) -> None:
    s = _one(rel, assume)
    assert s.verdict == "UNDECIDED" and "= 0" in s.detail


@pytest.mark.parametrize("rel", [r"\frac{1}{n} \le 1", r"0^n \le 1", r"n^0 = 1",
                                 r"\binom{n}{1} = n", r"\max(n, 0) = n", r"|n| = n"])
def test_a_step_true_at_zero_too_stays_proved(rel: str) -> None:
    assert _one(rel, r"n \in \mathbb{N}").verdict in STRONG


def test_a_step_true_from_one_only_is_still_not_refuted() -> None:
    s = _one(r"\binom{n}{1} \ge 1", r"n \in \mathbb{N}")
    assert s.verdict == "UNDECIDED" and "n = 0" in s.detail


def test_a_disputed_zero_gives_a_nonnegative_symbol_a_settled_one_a_positive_symbol() -> None:
    dom = Domain()
    read_number_set(r"\mathbb{N}", dom)
    assert dom.sympy_assumptions().get("nonnegative") and "positive" not in dom.sympy_assumptions()
    assert (dom.lo, dom.integer) == (1.0, True)  # the search still draws n >= 1
    dom = Domain()
    read_number_set(r"\mathbb{N}^+", dom)
    assert dom.sympy_assumptions().get("positive")
