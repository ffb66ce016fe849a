r"""Volumes of balls in ``R^d`` (:mod:`hallbound.proofs_checks.latex.models.ball_volumes`).

Mutation style: a planted false step (a wrong scaling exponent, a Minkowski sum read as a
sum of volumes, a dropped ``|C|``) is REFUTED, its witness re-checked here by hand from the
formula ``V(B_r) = c_d r^d`` (``c_d > 0``); the true form of each is PROVED or SUPPORTED,
never REFUTED."""

from __future__ import annotations

from fractions import Fraction

from hallbound.proofs_checks.latex.verify import verify_tex


def _steps(text: str) -> list:
    rep = verify_tex(text, trials=30)
    return [s for ch in rep.environments for s in ch.steps]


def _one(body: str, pre: str = "") -> object:
    (s,) = _steps(f"{pre}\\begin{{equation}}\n{body}\n\\end{{equation}}\n")
    return s


#: The environment names the dimension d of R^d (as a covering argument's text does).
DIM = "% hb: assume d \\ge 1\n"
#: ... and names the space R^d itself (needed for PROVED).
RD = "% hb: assume d \\ge 1, x \\in \\mathbb{R}^d\n"


def _in_rd(row: str, pre: str = DIM) -> object:
    """The first step of ``row`` in an environment whose other row shows balls in R^d."""
    text = f"{pre}\\begin{{align*}}\n{row} \\\\\nV(B_s) &= s^d V(B_1)\n\\end{{align*}}\n"
    return _steps(text)[0]


def _q(x: object) -> Fraction:
    return Fraction(str(x))


def test_scaling_with_the_wrong_exponent_is_refuted() -> None:
    s = _one(r"V(B_r) = r^{d-1} V(B_1)")
    assert s.verdict == "REFUTED" and s.method == "ball volumes"
    d, r = s.witness["d"], _q(s.witness["r"])
    assert d >= 1 and r > 0
    # c r^d = r^(d-1) c with c > 0 holds only at r = 1
    assert r ** d != r ** (d - 1)
    assert "Lebesgue measure on R^" in s.witness["V"]


def test_scaling_the_right_way_is_proved() -> None:
    s = _one(r"V(B_r) = r^{d} V(B_1)", pre=RD)
    assert s.verdict == "PROVED" and s.method == "ball volumes"


def test_scaling_in_another_space_than_r_d_is_not_proved() -> None:
    """In R^m, R^{d+1} or R^2 the exponent of V(B_s) = s^? V(B_1) is not d (review)."""
    for space in (r"y \in \mathbb{R}^m, m \ge 1, d \ge m + 1", r"y \in \mathbb{R}^{d+1}, d \ge 1",
                  r"y \in \mathbb{R}^2, d \ge 3"):
        s = _one(r"V(B_s) = s^{d} V(B_1)", pre=f"% hb: assume {space}\n")
        assert s.verdict not in ("PROVED", "CERTIFIED", "SUPPORTED"), space


def test_minkowski_sum_of_balls_is_a_ball() -> None:
    s = _in_rd(r"V(B_a + B_b) &= V(B_{a+b})", pre=RD)
    assert s.verdict == "PROVED"


def test_minkowski_sum_read_as_sum_of_volumes_is_refuted_at_d_2() -> None:
    s = _in_rd(r"V(B_a + B_b) &= V(B_a) + V(B_b)")
    assert s.verdict == "REFUTED"
    d, a, b = s.witness["d"], _q(s.witness["a"]), _q(s.witness["b"])
    assert a > 0 and b > 0 and d >= 2  # true at d = 1: the witness needs d >= 2
    assert (a + b) ** d != a ** d + b ** d


def test_translated_balls_summed_over_a_set() -> None:
    good = _one(r"\sum_{c \in C} V(B_\varepsilon(c)) = \vert C \vert V(B_\varepsilon)", pre=RD)
    assert good.verdict == "PROVED"
    bad = _one(r"\sum_{c \in C} V(B_\varepsilon(c)) = V(B_\varepsilon)", pre=DIM)
    assert bad.verdict == "REFUTED"
    assert bad.witness["|C|"] >= 2  # |C| V = V fails only for |C| != 1


def test_subadditivity_of_the_volume() -> None:
    s = _one(r"V(\bigcup_{c \in C} B_\varepsilon(c)) \le \sum_{c \in C} V(B_\varepsilon(c))")
    assert s.verdict == "PROVED" and "subadditivity" in s.detail
    rev = _one(r"V(\bigcup_{c \in C} B_\varepsilon(c)) \ge \sum_{c \in C} V(B_\varepsilon(c))")
    assert rev.verdict not in ("PROVED", "REFUTED")


def test_monotone_radius_inequalities() -> None:
    up = _in_rd(r"V(B_r) &\le V(B_{2r})")
    assert up.verdict == "SUPPORTED" and "d = 1..4" in up.detail
    down = _in_rd(r"V(B_{2r}) &\le V(B_r)")
    assert down.verdict == "REFUTED" and _q(down.witness["r"]) > 0


def test_a_stated_dimension_bound_is_respected() -> None:
    # (a+b)^d = a^d + b^d holds at d = 1, the only dimension the assumption allows
    s = _in_rd(r"V(B_a + B_b) &= V(B_a) + V(B_b)", pre="% hb: assume 1 \\le d < 2\n")
    assert s.verdict == "SUPPORTED" and s.method == "ball volumes"


def test_no_dimension_named_is_never_refuted() -> None:
    # n may be the dimension the text names: V(B_{2r}) = 2^n V(B_r) in R^n is true
    s = _one(r"V(B_{2r}) = 2^n V(B_r)")
    assert s.verdict != "REFUTED"
    assert _one(r"V(B_{2r}) = 2^d V(B_r)", pre=RD).verdict == "PROVED"


def test_a_set_that_is_no_ball_keeps_the_model_out() -> None:
    s = _one(r"V(A) \le V(B_r)", pre=DIM)
    assert s.verdict != "REFUTED" and s.method != "ball volumes"


def test_the_covering_bound_of_the_corpus() -> None:
    text = r"""
\begin{align*}
  \frac{V(B_1 + B_{\varepsilon/2})}{V(B_{\varepsilon/2})}
  = \frac{V(B_{1 + \varepsilon/2})}{V(B_{\varepsilon/2})}
  = \frac{(1 + \varepsilon/2)^d}{(\varepsilon/2)^d}
  = \frac{(1 + \varepsilon/2)^d}{(\varepsilon/2)^{d-1}}
\end{align*}
"""
    a, b, c = _steps(text)
    # the excerpt never names R^d: the identities are SUPPORTED, saying so (A5)
    assert a.verdict == "SUPPORTED" and b.verdict == "SUPPORTED"
    assert "does not name R^d" in a.detail
    assert c.verdict == "REFUTED"
    d, e = c.witness["d"], _q(c.witness["\\varepsilon"])
    assert e > 0 and (e / 2) ** d != (e / 2) ** (d - 1)


def test_no_sign_of_balls_in_r_d_keeps_the_model_out() -> None:
    # V(B_t) may be the variance of a Brownian motion B in R^d: Var(B_{2t}) = 2 Var(B_t)
    s = _one(r"V(B_{2t}) = 2 V(B_t)", pre=DIM)
    assert s.verdict != "REFUTED" and s.method != "ball volumes"
    t = _one(r"V(B_1 + B_2) = V(B_3)", pre=DIM)
    assert t.method != "ball volumes"


def test_a_radius_the_stated_domain_lets_go_negative_is_not_proved() -> None:
    # eps = 3/2 is allowed: B_{-1/2} is empty (V = 0) while (-1/2)^d V(B_1) != 0
    s = _one(r"V(B_{1-\varepsilon}) = (1-\varepsilon)^d V(B_1)",
             pre="% hb: assume d \\ge 1, 0 < \\varepsilon < 2\n")
    assert s.verdict != "PROVED" and "radius > 0 assumed" in s.detail
    t = _one(r"V(B_{r-s}) = (r-s)^d V(B_1)", pre="% hb: assume d \\ge 1, r > 0, s > 0\n")
    assert t.verdict != "PROVED"
    # a radius the stated domain keeps positive is still proved
    u = _one(r"V(B_{1-\varepsilon}) = (1-\varepsilon)^d V(B_1)",
             pre="% hb: assume d \\ge 1, \\varepsilon < 0, x \\in \\mathbb{R}^d\n")
    assert u.verdict == "PROVED"
    v = _one(r"V(B_{1+\varepsilon}) = (1+\varepsilon)^d V(B_1)",
             pre="% hb: assume d \\ge 1, \\varepsilon > 0, x \\in \\mathbb{R}^d\n")
    assert v.verdict == "PROVED"


def test_without_r_d_named_an_identity_is_only_supported() -> None:
    # in a doubling metric-measure space V(B_{2r}) <= 2^d V(B_r) only: the letters V, B, d
    # alone do not make V the Lebesgue measure of R^d
    s = _one(r"V(B_{2r}) = 2^d V(B_r)", pre=DIM)
    assert s.verdict == "SUPPORTED" and "does not name R^d" in s.detail
    assert _one(r"V(B_{2r}) = 2^d V(B_r)", pre=RD).verdict == "PROVED"


#: True for every d >= 2 (2^d >= d + 2), false at d = 1.
FOUR = r"V(B_{2r}(x)) \ge (d + 2) V(B_r(x))"


def test_a_dimension_the_assumptions_do_not_state_is_not_refuted_on() -> None:
    """rev8/r2 c4f-c4h: ``V(B_{2r}) >= (d + 2) V(B_r)`` is true for every d >= 2, false at d = 1;
    the prose (never read) may say d >= 2, so with no stated d it is not REFUTED."""
    assert _one(FOUR).verdict != "REFUTED"
    assert _one(FOUR, "% hb: assume d \\ge 2\n").verdict != "REFUTED"
    assert _one(FOUR, DIM).verdict == "REFUTED"  # d = 1 allowed by the stated d >= 1


def test_a_failure_at_every_dimension_is_refuted_without_a_stated_d() -> None:
    s = _one(r"V(B_{2r}(x)) \ge 2^{d+1} V(B_r(x))")
    assert s.verdict == "REFUTED"
