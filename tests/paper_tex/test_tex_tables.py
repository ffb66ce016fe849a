"""Tables of ``hallbound tex``: the grid's numbers against independent references."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import norm

from hallbound.paper_tex.document import DEFAULT_SEED
from hallbound.paper_tex.tables import GRID, booktabs, rate_grid, sci, table_fragments


@pytest.fixture(scope="module")
def points():
    return rate_grid(DEFAULT_SEED)


def test_grid_covers_every_state_count_and_delta(points) -> None:
    keys = [(p.states, p.delta) for p in points]
    assert keys == [(n, d) for n in GRID["states"] for d in GRID["deltas"]]


def test_covering_radius_is_the_unit_normal_level(points) -> None:
    # f(a) = phi(a) > delta  <=>  |a| < sqrt(-2 ln delta - ln 2 pi)   (variance 1)
    for p in points:
        assert math.isclose(p.r_x, math.sqrt(-2 * math.log(p.delta) - math.log(2 * math.pi)))


def test_bound_matches_a_brute_force_maximisation(points) -> None:
    # d = (sum_j p_j^2 sigma_j)^(1/2), theta(alpha) = (alpha d + r)^2 / sigma, normal means: K = 1/3
    s2 = GRID["mean_scale"] ** 2
    for p in points:
        n = p.states
        d = math.sqrt(n * (1 / n) ** 2 * s2)
        alpha_max = (math.sqrt(s2) - p.r_x) / d
        alpha = np.linspace(1, alpha_max, 200001)[1:-1]
        theta = (alpha * d + p.r_x) ** 2 / s2
        best = float(np.max((1 - 1 / alpha**2) * (1 - theta) ** 2))
        assert math.isclose(p.d, d, rel_tol=1e-12)
        assert math.isclose(p.bound, (best / 3) ** n, rel_tol=1e-6)


def test_two_state_rate_matches_the_closed_form(points) -> None:
    # N = 2, p = 1/2: A* = (mu_1 + mu_2)/2 is at distance |mu_1 - mu_2|/2 from both means, and
    # mu_1 - mu_2 ~ N(0, 2 s^2), so P_H = P(|mu_1 - mu_2| / 2 >= r) = 2 (1 - Phi(sqrt(2) r / s)).
    s, n = GRID["mean_scale"], GRID["samples"]
    for p in points:
        if p.states != 2:
            continue
        exact = 2 * norm.sf(math.sqrt(2) * p.r_x / s)
        assert abs(p.rate - exact) < 4.5 * math.sqrt(exact * (1 - exact) / n), (p, exact)
        assert p.low <= p.rate <= p.high
        assert p.n == n and p.count == round(p.rate * n)


def test_number_formats_and_booktabs() -> None:
    assert sci(1.2240206e-07) == r"$1.22 \times 10^{-7}$"
    assert sci(float("nan")) == "--"
    text = booktabs("rr", ["a", "b"], [["1", "x"], ["", "y"], ["2", "z"]])
    assert text.splitlines()[1] == "\\toprule" and "\\bottomrule" in text
    assert text.count("\\addlinespace") == 1


def test_table_fragments_use_booktabs_and_namespaced_labels() -> None:
    files = table_fragments(DEFAULT_SEED)
    assert sorted(files) == ["tables/bounds.tex", "tables/rates.tex"]
    for text in files.values():
        assert "\\toprule" in text and "\\label{hb:tab:" in text
        assert "\\documentclass" not in text
