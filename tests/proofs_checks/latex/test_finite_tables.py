r"""Suprema over a set and expectations over one variable on finite tables
(:mod:`.models.finite_tables`): true steps SUPPORTED saying what was sampled, planted false
steps never SUPPORTED (the breaking instance in a note, no refutation), a stated minimiser
honoured, other statements keeping the model out."""

from __future__ import annotations

from fractions import Fraction

import pytest

from hallbound.proofs_checks.latex.models.finite_tables import (
    Instance,
    TablesOut,
    extremum_parts,
    large_scale,
)
from hallbound.proofs_checks.latex.verify import verify_tex

_ARGMIN = "% hb: assume \\hat\\theta \\in \\argmin_\\theta \\hat L(\\theta)\n"


def _steps(body: str, pre: str = "") -> list:
    rep = verify_tex(f"{pre}\\begin{{align}}\n{body}\n\\end{{align}}\n", trials=30)
    return [s for ch in rep.environments for s in ch.steps]


def test_extremum_parts_reads_index_and_range() -> None:
    assert extremum_parts(r"sup_{\theta \in \Theta}(Abs(L(theta)))") == ("theta", "Theta")
    assert extremum_parts("sup_{u '}(g(u ', v))") == ("u'", None)
    with pytest.raises(TablesOut):
        extremum_parts(r"sup_{x \in [0, 1]}(f(x))")


def test_instance_describes_its_tables() -> None:
    inst = Instance({}, {"g": {(0,): Fraction(1), (1,): Fraction(-1, 2)}},
                    {"v": [Fraction(1, 3), Fraction(2, 3)]}, {"thetahat": 1})
    assert inst.describe() == "g(1) = 1, g(2) = -1/2; v with law (1/3, 2/3); thetahat = point 2"


def test_a_value_at_two_points_is_at_most_twice_the_supremum() -> None:
    (s,) = _steps(r"|L(\hat{\theta}) - \hat{L}(\hat{\theta})| + |\hat{L}(\theta^*) - "
                  r"L(\theta^*)| &\le 2 \sup_{\theta \in \Theta} |L(\theta) - \hat{L}(\theta)|")
    assert s.verdict == "SUPPORTED" and s.method == "finite tables model"
    assert "read as points of the range" in s.detail and "weak evidence" in s.detail


def test_once_the_supremum_is_not_enough_for_two_points() -> None:
    (s,) = _steps(r"|L(\hat{\theta}) - \hat{L}(\hat{\theta})| + |\hat{L}(\theta^*) - "
                  r"L(\theta^*)| &\le \sup_{\theta \in \Theta} |L(\theta) - \hat{L}(\theta)|")
    assert s.verdict not in ("SUPPORTED", "PROVED", "REFUTED")
    assert any("finite tables model breaks the step" in n for n in s.notes)


def test_sup_of_expectation_at_most_expectation_of_sup() -> None:
    a, b = _steps(r"\sup_u (\mathbb{E}_v[g(u,v)]) &\le \sup_u (\mathbb{E}_v[\sup_{u'}(g(u',v))])"
                  r" \\ &= \mathbb{E}_v [\sup_u (g(u,v))]")
    assert a.verdict == b.verdict == "SUPPORTED"
    assert "each expectation's variable (v) a random law" in a.detail


def test_the_exchange_reversed_is_not_supported() -> None:
    (s,) = _steps(r"\mathbb{E}_v [\sup_u (g(u,v))] &\le \sup_u (\mathbb{E}_v[g(u,v)])")
    assert s.verdict not in ("SUPPORTED", "PROVED", "REFUTED")
    note = next(n for n in s.notes if "finite tables model breaks" in n)
    assert "v with law" in note


def test_a_stated_minimiser_is_honoured() -> None:
    step = r"\hat L(\hat\theta) &= \inf_{\theta \in \Theta} \hat L(\theta)"
    (s,) = _steps(step, _ARGMIN)
    assert s.verdict == "SUPPORTED" and "exact minimiser of Lhat" in s.detail
    (t,) = _steps(step)  # without the minimiser the equality fails at some table
    assert t.verdict != "SUPPORTED"


def test_another_statement_keeps_the_model_out() -> None:
    (s,) = _steps(r"L(\hat\theta) &\le \sup_{\theta \in \Theta} L(\theta)",
                  "% hb: assume L(\\hat\\theta) \\le 3\n")
    assert s.method != "finite tables model"
    assert any("finite tables model not used" in n for n in s.notes)


def test_a_restricted_and_an_unrestricted_range_of_one_set_stay_out() -> None:
    (s,) = _steps(r"\sup_{x \in A} f(x) &\le \sup_{x} f(x)")
    assert s.method != "finite tables model"


def test_a_point_of_another_letter_is_not_read_as_a_point_of_the_range() -> None:
    (s,) = _steps(r"f(x) &\le \sup_{y \in A} f(y)")
    assert s.method != "finite tables model"
    assert any("not named after the index" in n for n in s.notes)
    (t,) = _steps(r"f(\hat y) &\le \sup_{y \in A} f(y)")
    assert t.verdict == "SUPPORTED" and t.method == "finite tables model"


def test_the_large_scale_passes_every_number_of_the_step() -> None:
    import sympy as sp

    x = sp.Symbol("x")
    assert large_scale(sp.Integer(2), 4 * x ** 2) == 50
    assert large_scale(x, sp.Rational(-7, 2)) == 45


@pytest.mark.parametrize("body", [r"\sup_{u} g(u) &\le 2",
                                  r"\sup_{u} |g(u)|^2 &\le 4 \mathbb{E}_v[1]",
                                  r"\sup_{u} g(u) &\ge -30"])
def test_a_bound_at_the_edge_of_the_tables_is_not_supported(body: str) -> None:
    """L1 (h-rev6): a free g == 3 (or -40) breaks each; the tables reach past the constant."""
    (s,) = _steps(body)
    assert s.verdict not in ("SUPPORTED", "PROVED", "REFUTED")
    assert any("finite tables model breaks the step" in n for n in s.notes)


def test_an_initial_point_is_not_read_as_a_point_of_the_range() -> None:
    """L2 (h-rev6): theta_0 (an initial point) may lie outside Theta; hat/star still read."""
    (s,) = _steps(r"f(\theta_0) &\le \sup_{\theta \in \Theta} f(\theta)")
    assert s.verdict != "SUPPORTED"
    assert any("not an estimator or optimum" in n for n in s.notes)
    (t,) = _steps(r"f(\hat\theta) &\le \sup_{\theta \in \Theta} f(\theta)")
    assert t.verdict == "SUPPORTED"
