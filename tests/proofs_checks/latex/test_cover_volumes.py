r"""Covers and separated sets drawn on the line
(:mod:`hallbound.proofs_checks.latex.models.cover_volumes`, readings in
:mod:`~hallbound.proofs_checks.latex.models.set_readings`).

Mutation style: a planted false step of a covering or packing argument (the inequality flipped,
the radius doubled, a Minkowski sum dropped) is REFUTED, its witness re-checked here by hand
from the intervals it names; the true step is SUPPORTED, never REFUTED; a step with a fact the
model does not read, or a set no fact is stated for, is never REFUTED."""

from __future__ import annotations

import re
from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks.latex.models import set_readings as sr
from hallbound.proofs_checks.latex.models.line_intervals import covers, measure
from hallbound.proofs_checks.latex.verify import verify_tex

COVER = "% hb: assume C \\text{ is an } \\varepsilon\\text{-cover of } A\n"
PACKING = "% hb: assume S \\subseteq A \\text{ is } \\varepsilon\\text{-separated}\n"
#: The line stated: a failure drawn on the line refutes only a step about the line.
LINE = "% hb: assume A \\subseteq \\mathbb{R}\n"


def _one(body: str, pre: str) -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{body}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def _intervals(text: str) -> list[tuple[Fraction, Fraction]]:
    return [(Fraction(a), Fraction(b)) for a, b in re.findall(r"\[([^,\]]+), ([^\]]+)\]", text)]


def _points(text: str) -> list[Fraction]:
    return [Fraction(p) for p in text.strip("{}").split(", ") if p]


def _union(points: list[Fraction], r: Fraction) -> Fraction:
    return measure([(p - r, p + r) for p in points])


def test_a_cover_covers_the_set_supported() -> None:
    s = _one(r"V(A) \le V(\bigcup_{c \in C} B_\varepsilon(c))", COVER)
    assert s.verdict == "SUPPORTED" and s.method == "covers on the line"


def test_flipped_cover_inequality_is_refuted_with_a_real_cover() -> None:
    s = _one(r"V(A) \ge V(\bigcup_{c \in C} B_\varepsilon(c))", COVER + LINE)
    assert s.verdict == "REFUTED"
    eps, region, pts = Fraction(s.witness["varepsilon"]), _intervals(s.witness["A"]), \
        _points(s.witness["C"])
    assert covers(pts, eps, region)  # the witness meets the stated assumption ...
    assert all(any(a <= p <= b for a, b in region) for p in pts)  # ... even read as internal
    assert measure(region) < _union(pts, eps)


def test_separated_balls_of_half_radius_are_disjoint_supported() -> None:
    s = _one(r"\sum_{s \in S} V(B_{\varepsilon/2}(s)) = V(\bigcup_{s \in S} B_{\varepsilon/2}(s))",
             PACKING)
    assert s.verdict == "SUPPORTED"


def test_separated_balls_of_full_radius_may_overlap_refuted() -> None:
    s = _one(r"\sum_{s \in S} V(B_{\varepsilon}(s)) = V(\bigcup_{s \in S} B_{\varepsilon}(s))",
             PACKING + LINE)
    assert s.verdict == "REFUTED"
    eps, pts = Fraction(s.witness["varepsilon"]), _points(s.witness["S"])
    assert all(b - a > eps for a, b in zip(pts, pts[1:], strict=False))
    assert _union(pts, eps) < 2 * eps * len(pts)


def test_union_inside_the_minkowski_sum_and_not_inside_the_set() -> None:
    ok = _one(r"V(\bigcup_{s \in S} B_{\varepsilon/2}(s)) \le V(A + B_{\varepsilon/2})", PACKING)
    assert ok.verdict == "SUPPORTED"
    bad = _one(r"V(\bigcup_{s \in S} B_{\varepsilon/2}(s)) \le V(A)", PACKING + LINE)
    assert bad.verdict == "REFUTED"
    eps, pts = Fraction(bad.witness["varepsilon"]), _points(bad.witness["S"])
    region = _intervals(bad.witness["A"])
    assert all(any(a <= p <= b for a, b in region) for p in pts)
    assert _union(pts, eps / 2) > measure(region)


def test_no_fact_on_the_cover_is_never_refuted() -> None:
    s = _one(r"V(A) \le V(\bigcup_{c \in C} B_\varepsilon(c))", "")
    assert s.verdict != "REFUTED" and s.verdict != "PROVED"


def test_an_unread_fact_blocks_the_refutation() -> None:
    pre = "% hb: assume C \\text{ is a maximal packing of } A\n"
    s = _one(r"V(A) \ge V(\bigcup_{c \in C} B_\varepsilon(c))", pre)
    assert s.verdict == "UNDECIDED"


def test_another_quantity_keeps_the_model_out() -> None:
    s = _one(r"V(A) \le \mathbb{E}[X] V(\bigcup_{c \in C} B_\varepsilon(c))", COVER)
    assert s.method != "covers on the line"


def test_readings_of_facts_and_sets() -> None:
    parse = sp.Symbol
    f = sr.read_facts([r"C \text{ an } \varepsilon\text{-cover of } A",
                       r"S \subseteq A \text{ is } \delta\text{-separated}",
                       r"B \subseteq A", r"C \text{ is a net}"], parse)
    assert [(c, a) for c, _, a in f.covers] == [("C", "A")]
    assert [s for s, _ in f.separated] == ["S"] and ("S", "A") in f.subsets
    assert ("B", "A") in f.subsets and len(f.unread) == 1
    assert sr.read_set(r"B_r(x)", parse) is None  # a centre that is no index: not read
    u = sr.read_set(r"\bigcup_{c\inC}B_r(c)", parse)
    assert isinstance(u, sr.Union) and sr.set_names(u) == (set(), {"C"})


def test_a_set_no_fact_names_is_never_refuted() -> None:
    s = _one(r"V(D) \ge V(\bigcup_{c \in C} B_\varepsilon(c))", COVER)
    assert s.verdict != "REFUTED" and "D" in s.detail


def test_volumes_without_a_ball_keep_the_model_out() -> None:
    s = _one(r"V(X) \le V(Y) + V(B_t)", "")
    assert s.method != "covers on the line" and s.verdict != "REFUTED"


TIGHT = r"V(A) \le V(\bigcup_{c \in C} B_{\varepsilon/2}(c)) + V(B_{\varepsilon})"


def test_a_step_false_only_at_tight_covers_is_not_supported() -> None:
    """rev8/r2 c22: false on the line at eps = 1, A = [0, 27/5], C = {9/10, 27/10, 9/2} (a
    cover whose points are 9/5 eps apart): drawn covers include such tight ones."""
    eps, region, pts = Fraction(1), [(Fraction(0), Fraction(27, 5))], \
        [Fraction(9, 10), Fraction(27, 10), Fraction(9, 2)]
    assert covers(pts, eps, region) and measure(region) > _union(pts, eps / 2) + 2 * eps
    assert _one(TIGHT, COVER).verdict not in ("SUPPORTED", "PROVED")
    s = _one(TIGHT, COVER + LINE)
    assert s.verdict == "REFUTED"
    eps, region, pts = Fraction(s.witness["varepsilon"]), _intervals(s.witness["A"]), \
        _points(s.witness["C"])
    assert covers(pts, eps, region) and measure(region) > _union(pts, eps / 2) + 2 * eps


def test_another_space_named_blocks_supported_too() -> None:
    """rev8/r2 c16: the environment names R^2 (S = {s} = A gives pi e^2 > pi e^2 / 2)."""
    step = r"V(\bigcup_{s \in S} B_{\varepsilon}(s)) \le 2 V(A + B_{\varepsilon/2})"
    s = _one(step, PACKING + "% hb: assume s \\in \\mathbb{R}^2\n")
    assert s.verdict not in ("SUPPORTED", "PROVED")


DOUBLED = r"\sum_{s \in S} V(B_{2\varepsilon}(s)) \ge 4 \sum_{s \in S} V(B_{\varepsilon}(s))"


def test_a_failure_on_the_line_refutes_only_a_step_about_the_line() -> None:
    """rev8/r2 c4, c4g, c4h: true in R^d for every d >= 2, false on the line; the prose (never
    read) may say d >= 2, so only an environment that states the line refutes it."""
    assert _one(DOUBLED, PACKING).verdict != "REFUTED"
    assert _one(DOUBLED, PACKING + "% hb: assume d \\ge 2\n").verdict != "REFUTED"
    s = _one(DOUBLED, PACKING + LINE)
    assert s.verdict == "REFUTED"
    eps, pts = Fraction(s.witness["varepsilon"]), _points(s.witness["S"])
    assert pts and 4 * eps * len(pts) < 4 * 2 * eps * len(pts)


def test_a_step_true_for_internal_covers_only_is_not_supported() -> None:
    """rev8/r2 c12: V(U B_eps(c)) <= V(A + B_eps) needs the centres in A (A = [0, 1],
    C = {1/2, 100}, eps = 1 fails): the text does not say which cover it means."""
    step = r"V(\bigcup_{c \in C} B_{\varepsilon}(c)) \le V(A + B_{\varepsilon})"
    for pre in (COVER, COVER + LINE):
        s = _one(step, pre)
        assert s.verdict not in ("SUPPORTED", "PROVED", "REFUTED")
    control = _one(r"V(A) \le V(\bigcup_{c \in C} B_\varepsilon(c))", COVER)
    assert control.verdict == "SUPPORTED"
