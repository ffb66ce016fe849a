"""Refined lower bounds on P_H (setting of Theorem 6.1): two-point enumeration against an
exact brute force in rationals, the N = 2 formula against Monte Carlo, every bound below the
Monte Carlo upper confidence limit on a small panel, the factor-10 target, the CLI."""

from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.numeric.bounds_refined import (
    binned_bound,
    refined_bound,
    two_point_bound,
    two_state_exact,
)
from hallbound.numeric.intervals import clopper_pearson
from hallbound.numeric.montecarlo import RateProblem, numpy_count
from hallbound.numeric.tightness import (
    PanelRow,
    format_table,
    panel_rows,
    row_spec,
    run_panel,
    summary,
)
from hallbound.spec import parse_spec


def brute_two_point(p, r, s, strict: bool) -> Fraction:
    """Exact rationals: every sign pattern, |sum_j p_j x_j - x_i| compared with r_i."""
    n = len(p)
    hits = 0
    for signs in itertools.product((-1, 1), repeat=n):
        x = [sg * sj for sg, sj in zip(signs, s, strict=True)]
        t = sum((pj * xj for pj, xj in zip(p, x, strict=True)), Fraction(0))
        if strict:
            hits += all(abs(t - xi) > ri for xi, ri in zip(x, r, strict=True))
        else:
            hits += all(abs(t - xi) >= ri for xi, ri in zip(x, r, strict=True))
    return Fraction(hits, 2**n)


@given(
    w=st.lists(st.integers(1, 9), min_size=2, max_size=7),
    data=st.data(),
)
def test_two_point_enumeration_is_exact(w, data) -> None:
    n = len(w)
    p = [Fraction(x, sum(w)) for x in w]
    s = [Fraction(data.draw(st.integers(1, 8)), 2) for _ in range(n)]
    r = [Fraction(data.draw(st.integers(0, 12)), 4) for _ in range(n)]
    pf, rf, sf = (np.array([float(v) for v in a]) for a in (p, r, s))
    for strict in (True, False):
        got = two_point_bound(pf, rf, sf, strict=strict)
        assert got == float(brute_two_point(p, r, s, strict))


def test_two_point_two_dimensions_brute_force() -> None:
    p = np.array([0.2, 0.3, 0.5])
    s = np.array([[1.0, 2.0], [0.5, 1.5], [2.0, 0.7]])
    r = np.array([0.9, 1.3, 0.4])
    hits = 0
    for signs in itertools.product((-1.0, 1.0), repeat=6):
        x = np.array(signs).reshape(3, 2) * s
        t = p @ x
        hits += all(np.linalg.norm(t - x[i]) > r[i] for i in range(3))
    assert two_point_bound(p, r, s) == hits / 64


def mc_problem(kind: str, p, cov, scale: float, delta: float = 0.05) -> RateProblem:
    spec = {
        "family": "normal",
        "delta": delta,
        "mean_law": {"kind": kind, "center": [0.0], "scale": [scale]},
        "state": [{"weight": w, "mean": [0.0], "cov": [[c]]} for w, c in zip(p, cov, strict=True)],
    }
    return RateProblem.from_spec(parse_spec(spec))


def radii(cov, delta: float = 0.05) -> np.ndarray:
    """Normal level set {f > delta}: |a - mu| < sqrt(-2 v ln(delta sqrt(2 pi v)))."""
    return np.array([math.sqrt(-2 * v * math.log(delta * math.sqrt(2 * math.pi * v))) for v in cov])


@pytest.mark.parametrize("kind", ["normal", "uniform", "laplace", "two-point"])
def test_two_state_formula_matches_monte_carlo(kind) -> None:
    p, cov, scale = [0.3, 0.7], [0.8, 1.2], 3.0
    r = radii(cov)
    exact = two_state_exact(p, r, [scale, scale], kind)
    n = 100_000
    count = numpy_count(mc_problem(kind, p, cov, scale), n, seed=5)
    lo, hi = clopper_pearson(count, n, 0.999)
    assert lo <= exact <= hi
    if kind != "two-point":
        b = binned_bound(p, r, [scale, scale], kind)
        assert 0.6 * exact <= b <= exact


def test_two_state_normal_chi_square_against_direct_tail() -> None:
    # D = x2 - x1 ~ N(0, s1^2 + s2^2): Pr[|D| > m] = erfc(m / sqrt(2 (s1^2 + s2^2)))
    p, r, s = [0.4, 0.6], [0.5, 1.1], [1.5, 2.5]
    m = max(0.5 / 0.6, 1.1 / 0.4)
    want = math.erfc(m / math.sqrt(2 * (1.5**2 + 2.5**2)))
    assert two_state_exact(p, r, s, "normal") == pytest.approx(want, rel=1e-12)
    # the quadrature path on the same normal case (kinds given per state, not all normal)
    q = two_state_exact(p, r, s, ["normal", "normal"])
    assert q == pytest.approx(want, rel=1e-12)


def test_binned_bound_finer_grid_is_tighter_and_valid() -> None:
    p, r, s = [0.5, 0.5], [0.4, 0.4], [1.0, 1.0]
    exact = two_state_exact(p, r, s, "normal")
    coarse = binned_bound(p, r, s, "normal", bins=40, refine=2)
    fine = binned_bound(p, r, s, "normal", bins=400, refine=8)
    assert coarse <= fine <= exact
    assert fine >= 0.85 * exact


PANEL = [
    PanelRow("normal", "normal", 3, "linear", 0.2, 0.05),
    PanelRow("normal", "uniform", 5, "equal", 0.2, 0.05),
    PanelRow("laplace", "laplace", 10, "equal", 0.05, 0.05),
    PanelRow("normal", "two-point", 5, "linear", 0.6, 0.05),
    PanelRow("normal", "laplace", 2, "equal", 0.6, 0.05),
]


@pytest.fixture(scope="module")
def panel():
    return run_panel(PANEL, n=40_000, seed=3)


def test_bounds_below_monte_carlo_upper_limit(panel) -> None:
    for x in panel:
        lo, hi = clopper_pearson(round(x.truth * x.n), x.n, 0.999)
        assert x.union <= hi and x.refined <= hi
        assert x.refined >= x.union - 1e-12
        assert x.valid
        if x.paper_applicable:
            assert x.paper <= hi


def test_target_within_factor_ten(panel) -> None:
    big = [x for x in panel if x.truth >= 0.1]
    assert len(big) >= 4
    for x in big:
        assert x.target and x.refined * 10 >= x.truth
    s = summary(panel)
    assert s["refined"]["min"] >= 0.1
    assert s["union"]["min"] < 0.1  # the union bound alone misses (N = 10, overlaps)
    assert "rows with truth >= 0.1" in format_table(panel)


def test_panel_spec_weights_sum_to_one() -> None:
    spec = parse_spec(row_spec(PanelRow("normal", "normal", 10, "linear", 0.2, 0.05)))
    assert sum(spec.mixture.weight_vector()) == pytest.approx(1.0, abs=1e-15)


def test_refined_bound_methods_and_errors() -> None:
    assert refined_bound([0.5, 0.5], [0.1, 0.1], [1.0, 1.0], "two-point").method == "two-point"
    two_d = refined_bound([0.5, 0.5], 0.3, np.ones((2, 2)), "normal")
    assert two_d.method == "union"
    with pytest.raises(InputError, match="p"):
        binned_bound([0.5, 0.6], [0.1, 0.1], [1.0, 1.0])
    with pytest.raises(InputError, match="scale"):
        binned_bound([0.5, 0.5], [0.1, 0.1], np.ones((2, 2)))
    with pytest.raises(InputError, match="kind"):
        binned_bound([0.5, 0.5], [0.1, 0.1], [1.0, 1.0], "two-point")
    with pytest.raises(InputError, match="r"):
        two_point_bound([0.5, 0.5], [-1.0, 0.1], [1.0, 1.0])


def test_cli_quick_json(tmp_path, capsys) -> None:
    out = tmp_path / "t.json"
    assert main(["tightness", "--quick", "--n", "2000", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "refined" in text and "paper" in text
    data = json.loads(out.read_text())
    assert data["n"] == 2000 and len(data["rows"]) == 16
    assert set(data["summary"]) >= {"union", "refined", "paper", "target_met"}
    assert main(["tightness", "--seed", "-1"]) == 2


def test_panel_rows_cover_the_stated_grid() -> None:
    """The full panel: normal family over 4 kinds x 4 sizes x 2 weights x 3 ratios (96 rows),
    then the Laplace family over 4 kinds x N in {2, 5, 10} x 2 ratios, equal weights (24);
    quick: normal only, 4 kinds x N in {2, 5} x 2 ratios (16). No row twice."""
    full, quick = panel_rows(), panel_rows(quick=True)
    assert len(full) == 96 + 24 and len(set(full)) == len(full)
    assert len(quick) == 16 and len(set(quick)) == 16
    lap = [r for r in full if r.family == "laplace"]
    assert len(lap) == 24 and {r.weights for r in lap} == {"equal"}
    assert {r.n_states for r in lap} == {2, 5, 10} and {r.ratio for r in lap} == {0.05, 0.2}
    assert full[:96] == [r for r in full if r.family == "normal"]
    assert {r.n_states for r in quick} == {2, 5} and {r.family for r in quick} == {"normal"}
    assert PanelRow("normal", "two-point", 10, "linear", 0.6, 0.05) in full
    assert all(r.delta == 0.05 for r in full)
