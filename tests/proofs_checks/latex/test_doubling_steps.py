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


def test_a_quantity_naming_the_property_letters_is_not_proved() -> None:
    """rev8/r2 d3, d9, d10: ``\\mu_r``, ``\\mu_x``, ``d_{B(x,2r)}(x, r)`` tie the quantity to the
    property's own radius or centre (counterexample: ``\\mu_t(B(c, \\rho)) = 1`` if ``\\rho
    \\le 2t`` else ``\\rho``, C = 1): the property says nothing of another ball."""
    pre = "% hb: function \\mu\n% hb: assume C > 0\n"
    for q in ("\\mu_r", "\\mu_x"):
        prop = f"% hb: assume {q}(B(x, 2r)) \\le C {q}(B(x, r))\n"
        s = _one(f"{q}(B(y, 4s)) \\le C^2 {q}(B(y, s))", pre + prop)
        assert s.verdict != "PROVED"
    prop = "% hb: assume C > 0\n% hb: assume d_{B(x,2r)}(x, r) \\le C d_{B(x,r)}(x, r)\n"
    s = _one(r"d_{B(y,4s)}(x, r) \le C^2 d_{B(y,s)}(x, r)", prop)
    assert s.verdict != "PROVED"
    s = _one(r"\mu(B(y, 4s)) \le C^2 \mu(B(y, s))", MEASURE)  # the control
    assert s.verdict == "PROVED"


def test_a_constant_naming_the_radius_is_not_used() -> None:
    pre = "% hb: function \\mu\n% hb: assume \\mu(B(x, 2r)) \\le (1 + r^2) \\mu(B(x, r))\n"
    s = _one(r"\mu(B(y, 4s)) \le (1 + r^2)^2 \mu(B(y, s))", pre)
    assert s.verdict != "PROVED"


def test_a_stated_set_of_the_centre_keeps_the_property_out() -> None:
    """rev8/r2 d6: ``x \\in E`` (a set the reader does not parse) restricts the centre
    (counterexample ``\\mu(B(c, \\rho)) = 1`` if ``c = 0`` else ``\\rho``, E = {0}, C = 1)."""
    pre = MEASURE.replace("C > 0\n", "C > 0\n% hb: assume x \\in E\n")
    s = _one(r"\mu(B(y, 4s)) \le C^2 \mu(B(y, s))", pre)
    assert s.verdict != "PROVED"
