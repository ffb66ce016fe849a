r"""Sums over the subsets of a finite set (:mod:`~hallbound.proofs_checks.latex.subset_sums`):
``\sum_{D \subseteq Q} x^{|D|} y^{|Q \setminus D|} = (x + y)^{|Q|}`` is read by the binomial
theorem; a planted error (a wrong exponent, a product for a sum) is not PROVED; a body that
uses the subset otherwise stays one opaque sum (UNDECIDED)."""

from __future__ import annotations

from hallbound.proofs_checks.latex.math_tokens import tokenize
from hallbound.proofs_checks.latex.subset_sums import rewrite_differences, subset_range
from hallbound.proofs_checks.latex.verify import verify_tex

POS = "% hb: assume x > 0\n% hb: assume y > 0\n% hb: assume N \\ge 1\n"
BINOMIAL = r"\sum_{D \subseteq Q} x^{|D|} y^{|Q \setminus D|} = (x + y)^{|Q|}"
PAPER = (r"\frac{2k}{N}\sum_{\mathcal{D}\subseteq\mathcal{Q}}N^{-\left\lvert \mathcal{Q}"
         r"\backslash \mathcal{D}\right\rvert} = \frac{2k}{N}(1+1/N)^{|\mathcal{Q}|}")


def _one(rel: str, pre: str = POS) -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_the_binomial_theorem_over_subsets_is_proved() -> None:
    assert _one(BINOMIAL).verdict == "PROVED"
    assert _one(PAPER, POS + "% hb: assume k \\ge 1\n").verdict == "PROVED"


def test_planted_errors_are_not_proved() -> None:
    for rel in (BINOMIAL.replace("^{|Q|}", "^{|Q| + 1}"),  # wrong exponent
                BINOMIAL.replace("(x + y)", "(x y)"),  # product for sum
                PAPER.replace("(1+1/N)", "(1+2/N)")):  # wrong constant
        assert _one(rel, POS + "% hb: assume k \\ge 1\n").verdict not in ("PROVED",
                                                                          "CERTIFIED"), rel


def test_a_body_not_geometric_in_the_size_stays_one_sum() -> None:
    """|D|^2 y^{|Q \\ D|} is not b_0 a^{|D|}: no closed form, the sum stays one atom."""
    rel = r"\sum_{D \subseteq Q} |D|^2 y^{|Q \setminus D|} = (1 + y)^{|Q|}"
    assert _one(rel).verdict not in ("PROVED", "CERTIFIED", "REFUTED")


def test_a_factor_that_varies_with_the_subset_is_not_pulled_out() -> None:
    """f(D), a sum or product over d in D vary with the summed subset D: writing them outside
    the sum (a false step) must not be PROVED; the same factor free of D is."""
    for fac in (r"f(D)", r"\sum_{d \in D} w_d", r"\prod_{d \in D} p_d"):
        rel = rf"\sum_{{D \subseteq Q}} {fac}\, y^{{|Q \setminus D|}} = {fac} (1 + y)^{{|Q|}}"
        assert _one(rel).verdict not in ("PROVED", "CERTIFIED"), rel
    free = r"\sum_{D \subseteq Q} f(Q)\, y^{|Q \setminus D|} = f(Q) (1 + y)^{|Q|}"
    assert _one(free).verdict == "PROVED"


def test_differences_are_rewritten_only_inside_a_subset_range() -> None:
    sub = tokenize(r"\mathcal{D}\subseteq\mathcal{Q}")
    x, y = subset_range(sub)
    assert "".join(t.text for t in x) == "mathcal{D}"
    toks = tokenize(r"N^{-|\mathcal{Q}\setminus\mathcal{D}|} + |\mathcal{Q}\setminus\mathcal{E}|")
    out = "".join(t.text for t in rewrite_differences(toks, x, y))
    assert out.startswith("N^{-(|mathcal{Q}|-|mathcal{D}|)}")
    assert "setminus" in out  # |Q \ E|: E is not the summed subset
    assert subset_range(tokenize(r"D \subset Q")) is None  # \subset may be proper: not read


def test_a_difference_after_the_sum_is_left_as_written() -> None:
    """|Q \\ D| after the sum names no summed subset: it is not rewritten (still refused)."""
    rel = (r"\sum_{D \subseteq Q} y^{|Q \setminus D|} + |Q \setminus D| = (1 + y)^{|Q|} + |Q|"
           r" - |D|")
    rep = verify_tex(f"{POS}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    assert not any(s.verdict in ("PROVED", "CERTIFIED")
                   for ch in rep.environments for s in ch.steps)
    assert rep.skipped
