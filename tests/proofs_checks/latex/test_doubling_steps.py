r"""A stated doubling inequality iterated
(:mod:`hallbound.proofs_checks.latex.models.doubling_steps`).

Mutation style: the true iterated bound is PROVED; a planted false variant (a wrong constant, the
inequality flipped, two centres, a radius ratio that is no power of the factor) is never PROVED;
without a stated doubling property nothing is PROVED."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex

METRIC = "% hb: assume d_{B(x,2r)} \\le 2^a d_{B(x,r)}\n"
MEASURE = ("% hb: function \\mu\n% hb: assume C > 0\n"
           "% hb: assume \\mu(B(x, 2r)) \\le C \\mu(B(x, r))\n")


def _one(body: str, pre: str = METRIC) -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{body}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_three_doublings_are_proved() -> None:
    s = _one(r"2^{-10a} d_{B(y, 8s)}(u, v) \le 2^{-7a} d_{B(y, s)}(u, v)")
    assert s.verdict == "PROVED" and s.method == "doubling"


def test_a_wrong_constant_is_not_proved() -> None:
    s = _one(r"2^{-10a} d_{B(y, 8s)}(u, v) \le 2^{-8a} d_{B(y, s)}(u, v)")
    assert s.verdict != "PROVED"


def test_the_flipped_direction_is_not_proved() -> None:
    s = _one(r"d_{B(y, s)}(u, v) \le 2^{3a} d_{B(y, 8s)}(u, v)")
    assert s.verdict != "PROVED"


def test_two_centres_are_not_proved() -> None:
    s = _one(r"d_{B(y, 8s)}(u, v) \le 2^{3a} d_{B(z, s)}(u, v)")
    assert s.verdict != "PROVED"


def test_a_ratio_off_the_powers_is_not_proved() -> None:
    s = _one(r"d_{B(y, 6s)}(u, v) \le 2^{3a} d_{B(y, s)}(u, v)")
    assert s.verdict != "PROVED"


def test_without_a_stated_property_nothing_is_proved() -> None:
    s = _one(r"d_{B(y, 8s)}(u, v) \le 2^{3a} d_{B(y, s)}(u, v)", pre="")
    assert s.verdict != "PROVED"


def test_a_doubling_measure() -> None:
    ok = _one(r"\mu(B(y, 4s)) \le C^2 \mu(B(y, s))", pre=MEASURE)
    assert ok.verdict == "PROVED"
    bad = _one(r"\mu(B(y, 4s)) \le C \mu(B(y, s))", pre=MEASURE)
    assert bad.verdict != "PROVED"


def test_a_property_for_small_radii_only_is_not_used() -> None:
    s = _one(r"2^{-10a} d_{B(y, 8s)}(u, v) \le 2^{-7a} d_{B(y, s)}(u, v)",
             pre="% hb: assume r \\le 1\n" + METRIC)
    assert s.verdict != "PROVED"
