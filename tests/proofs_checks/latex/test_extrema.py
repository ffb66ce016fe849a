r"""``\inf_x F \le F(x)`` and ``F(x) \le \sup_x F`` (:mod:`.models.extrema`): PROVED only for
an unrestricted index and the body at the index's own name; the reversed direction, a
restricted range and a value at another point are never PROVED by this rule."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def _one(rel: str) -> object:
    rep = verify_tex(f"\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_an_infimum_is_at_most_the_value_at_its_index() -> None:
    s = _one(r"\inf_{x} \mathscr{L}(x, \lambda, \nu) \le \mathscr{L}(x, \lambda, \nu)")
    assert s.verdict == "PROVED" and s.method == "extremum"
    t = _one(r"\mathscr{L}(x, \lambda, \nu) \ge \inf_{x} \mathscr{L}(x, \lambda, \nu)")
    assert t.verdict == "PROVED"


def test_a_supremum_is_at_least_the_value_at_its_index() -> None:
    s = _one(r"y^2 - 3 y \le \sup_{y} (y^2 - 3 y)")
    assert s.verdict == "PROVED"


def test_the_wrong_direction_is_not_proved() -> None:
    assert _one(r"\sup_{x} \mathscr{L}(x, \lambda) \le \mathscr{L}(x, \lambda)").verdict != "PROVED"
    assert _one(r"\inf_{x} \mathscr{L}(x, \lambda) \ge \mathscr{L}(x, \lambda)").verdict != "PROVED"


def test_a_restricted_range_or_another_point_is_not_proved() -> None:
    s = _one(r"\inf_{x \in D} \mathscr{L}(x, \lambda) \le \mathscr{L}(x, \lambda)")
    assert s.method != "extremum"
    t = _one(r"\inf_{x} \mathscr{L}(x, \lambda) \le \mathscr{L}(z, \lambda)")
    assert t.method != "extremum"


def _report(rel: str) -> object:
    return verify_tex(f"\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)


def test_an_operator_covers_the_rest_of_its_group_when_its_index_recurs() -> None:
    # \sup_x xy - x^2 is the supremum of the difference (y^2/4), never (\sup_x xy) - x^2
    good = _one(r"\sup_{x} x y - x^2 = \frac{y^2}{4}")
    assert good.verdict == "SUPPORTED" and good.method == "exact extrema"
    bad = _one(r"\sup_{x} x y - x^2 = \frac{y^2}{2}")
    assert bad.verdict == "REFUTED"
    y = float(bad.witness["y"])
    assert y * y / 4 != y * y / 2


def test_a_delimited_extent_and_a_rebinding_operator_are_read() -> None:
    rep = _report(r"\sup_{x} (x y - x^2) \le \sup_{x} f(x) - \inf_{x} g(x) + 1")
    assert not rep.errors


def _steps(tex: str) -> list[object]:
    rep = verify_tex(tex, trials=30)
    return [s for ch in rep.environments for s in ch.steps]


def test_a_body_closed_by_brackets_is_never_extended() -> None:
    # (sup_x (xy - x^2)) - x = y^2/4 - x, x free: not sup_x (xy - x^2 - x); refused
    tex = ("% hb: assume y > 0\n\\begin{align*}\n\\sup_{x} \\big(x y - x^2\\big) - x &= "
           "\\sup_{x} \\big(x y - x^2 - x\\big)\n\\end{align*}\n")
    rep = verify_tex(tex, trials=30)
    assert any("extent of \\sup_{x} is ambiguous" in e.message for e in rep.errors)
    assert all(s.verdict != "PROVED" for ch in rep.environments for s in ch.steps)
    assert _report(r"\max_{x} 2(1 - x^2) - x \ge 0").errors


def test_an_extension_that_drops_the_index_keeps_the_refusal() -> None:
    # max_k a_k - a_k is the gap at a free k; max_k(0) would make any two gaps equal
    for rel in (r"\max_{k} a_k - a_k = \max_{k} b_k - b_k",
                r"\sup_{x} f(x) - f(x) \ge \sup_{x} g(x) - g(x)"):
        rep = verify_tex("% hb: function f, g\n\\begin{align*}\n" + rel.replace("=", "&=", 1)
                         .replace("\\ge", "&\\ge", 1) + "\n\\end{align*}\n", trials=30)
        assert any("is ambiguous" in e.message for e in rep.errors), rel
        assert all(s.verdict != "PROVED" for ch in rep.environments for s in ch.steps), rel


def test_a_subscripted_letter_is_not_the_index_and_conjugates_still_extend() -> None:
    # x_0 is another name: max_x (-(x - x_0)^2) - x_0^2 = -x_0^2 is read and sampled
    (s,) = _steps("% hb: assume x_0 > 0\n\\begin{align*}\n\\max_{x} \\big(-(x - x_0)^2\\big) "
                  "- x_0^2 &= -x_0^2\n\\end{align*}\n")
    assert s.verdict == "SUPPORTED" and s.method == "exact extrema"
    (t,) = _steps("% hb: assume x_0 > 0\n\\begin{align*}\n\\max_{x} \\big(-(x - x_0)^2\\big) "
                  "- x_0^2 &= -2 x_0^2\n\\end{align*}\n")
    assert t.verdict == "REFUTED"
    assert not _report(r"\sup_{x} \langle y, x \rangle - x^2 = \frac{y^2}{4}").errors
