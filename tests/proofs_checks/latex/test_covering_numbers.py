r"""Covering numbers of balls (:mod:`hallbound.proofs_checks.latex.models.covering_numbers`).

Mutation style: the two volumetric bounds are shown, a planted false bound (a lower bound
with a larger ratio, an upper bound with a dropped ``+1``, a flipped inequality, a power
dropped) is never PROVED or SUPPORTED, and a step the model cannot fully read (an equation,
a set other than a ball, a second covering number) stays UNDECIDED. The planted bounds are
checked false here by hand, on the cube of the sup norm (``N^{int}_e(B_1) = ceil(1/e)^d``)."""

from __future__ import annotations

import math

from hallbound.proofs_checks.latex.verify import verify_tex

RD = "% hb: assume d \\ge 1, x \\in \\mathbb{R}^d\n"


def _first(row: str, pre: str = RD) -> object:
    """The first step of ``row`` in an environment that shows balls in R^d."""
    text = f"{pre}\\begin{{align*}}\n{row} \\\\\nV(B_s) &= s^d V(B_1)\n\\end{{align*}}\n"
    rep = verify_tex(text, trials=30)
    return [s for ch in rep.environments for s in ch.steps][0]


def _sup_norm_cover(eps: float, d: int) -> int:
    """The internal covering number of the unit cube by cubes of half-side ``eps``."""
    return math.ceil(1 / eps) ** d


def test_the_volume_lower_bound_is_proved() -> None:
    s = _first(r"N^{int}_\varepsilon(B_1) &\ge \frac{V(B_1)}{V(B_\varepsilon)}")
    assert s.verdict == "PROVED" and s.method == "covering numbers of balls"
    s = _first(r"N^{ext}_\varepsilon(B_r) &\ge \frac{r^d}{\varepsilon^d}")
    assert s.verdict == "PROVED"


def test_the_packing_upper_bound_is_proved() -> None:
    s = _first(r"N^{int}_\varepsilon(B_1) &\le "
               r"\frac{V(B_1 + B_{\varepsilon/2})}{V(B_{\varepsilon/2})}")
    assert s.verdict == "PROVED"
    s = _first(r"N^{int}_\varepsilon(B_1) &\le (1 + 2/\varepsilon)^d")
    assert s.verdict == "PROVED"


def test_planted_false_bounds_are_not_shown() -> None:
    planted = [  # (row, eps, d, the bound's value there): each false on the cube
        (r"N^{int}_\varepsilon(B_1) &\ge \frac{V(B_1)}{V(B_{\varepsilon/2})}", 0.4, 2,
         (2 / 0.4) ** 2),
        (r"N^{int}_\varepsilon(B_1) &\le \frac{1}{\varepsilon^d}", 0.4, 1, 1 / 0.4),
        (r"N^{int}_\varepsilon(B_1) &\ge \frac{V(B_1 + B_{\varepsilon/2})}"
         r"{V(B_{\varepsilon/2})}", 0.5, 1, (1 + 0.25) / 0.25),
        (r"N^{int}_\varepsilon(B_1) &\ge \frac{1}{\varepsilon^{d+1}}", 0.4, 1, 1 / 0.4 ** 2),
        (r"N^{int}_\varepsilon(B_1) &\le 1 + 2/\varepsilon", 0.4, 2, 1 + 2 / 0.4),
    ]
    for row, eps, d, bound in planted:
        n = _sup_norm_cover(eps, d)
        assert (n > bound) if "\\le" in row else (n < bound), row  # false on the cube
        s = _first(row)
        assert s.verdict not in ("PROVED", "SUPPORTED", "CERTIFIED"), (row, s.verdict)


def test_without_r_d_named_it_is_supported_only() -> None:
    s = _first(r"N^{int}_\varepsilon(B_1) &\ge \frac{V(B_1)}{V(B_\varepsilon)}", pre="")
    assert s.verdict == "SUPPORTED" and "no proof" in s.detail


def test_what_the_model_does_not_read_stays_undecided() -> None:
    for row in (r"N^{int}_\varepsilon(B_1) &= \frac{V(B_1)}{V(B_\varepsilon)}",
                r"N^{int}_\varepsilon(A) &\ge \frac{V(A)}{V(B_\varepsilon)}",
                r"N^{int}_\varepsilon(B_1) &\le N^{int}_{\varepsilon/2}(B_2)"):
        s = _first(row)
        assert s.verdict == "UNDECIDED", (row, s.verdict)


def test_another_space_keeps_the_model_out() -> None:
    # review finding 2: in R^{d+1} (or R^2, R^m, R^{d x d}) the exponent d is not the
    # dimension; N_e(B_1) <= (1 + 2/e)^d is false there (the cube in R^{d+1}, e = 0.4)
    assert _sup_norm_cover(0.4, 2) > (1 + 2 / 0.4) ** 1
    row = r"N^{int}_\varepsilon(B_1) &\le (1 + 2/\varepsilon)^d"
    for pre in (r"y \in \mathbb{R}^{d+1}, d \ge 1", r"y \in \mathbb{R}^2, d \ge 1",
                r"y \in \mathbb{R}^m, m \ge 1, d \ge 1", r"M \in \mathbb{R}^{d \times d}, d \ge 1",
                r"x \in \mathbb{R}^d, y \in \mathbb{R}^{d+1}, d \ge 1"):
        s = _first(row, pre=f"% hb: assume {pre}\n")
        assert s.verdict not in ("PROVED", "SUPPORTED", "CERTIFIED"), (pre, s.verdict)
    assert _first(row, pre="% hb: assume d \\ge 1, x \\in \\R^d\n").verdict == "PROVED"


def test_a_dimension_that_may_be_zero() -> None:
    # review finding 4: at d = 0 (R^0, one point) every covering number is 1
    pre = "% hb: assume d \\ge 0, x \\in \\mathbb{R}^d\n"
    s = _first(r"N^{int}_\varepsilon(B_{2\varepsilon}) &\ge 2", pre=pre)  # false at d = 0
    assert s.verdict not in ("PROVED", "SUPPORTED", "CERTIFIED"), s.verdict
    s = _first(r"N^{int}_\varepsilon(B_{2\varepsilon}) &\ge 2", pre=RD)  # true for d >= 1
    assert s.verdict == "PROVED"
    s = _first(r"N^{int}_\varepsilon(B_1) &\le (1 + 2/\varepsilon)^d", pre=pre)  # d = 0 too
    assert s.verdict != "REFUTED"
