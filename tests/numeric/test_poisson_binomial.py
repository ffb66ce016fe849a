"""Poisson-binomial pmf: DP and DFT-CF against exact rationals, exact against two
independent references (python-flint polynomial product, brute-force enumeration)."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import flint
import numpy as np
import pytest
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.numeric.poisson_binomial import (
    pmf,
    pmf_dft,
    pmf_dp,
    pmf_dp_rows,
    pmf_exact,
)

probabilities = st.lists(
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False), min_size=1, max_size=60
)


def flint_pmf(p: list[Fraction]) -> list[Fraction]:
    """Coefficients of prod (1 - p + p x) by python-flint's exact rational polynomials."""
    poly = flint.fmpq_poly([1])
    for q in p:
        poly *= flint.fmpq_poly([_fmpq(1 - q), _fmpq(q)])
    coeffs = [Fraction(int(c.p), int(c.q)) for c in poly.coeffs()]
    return coeffs + [Fraction(0)] * (len(p) + 1 - len(coeffs))


def _fmpq(q: Fraction) -> flint.fmpq:
    return flint.fmpq(q.numerator, q.denominator)


def brute_force_pmf(p: list[Fraction]) -> list[Fraction]:
    out = [Fraction(0)] * (len(p) + 1)
    for heads in itertools.product((0, 1), repeat=len(p)):
        w = Fraction(1)
        for q, h in zip(p, heads, strict=True):
            w *= q if h else 1 - q
        out[sum(heads)] += w
    return out


@given(probabilities)
def test_dp_and_dft_match_exact_rationals(p: list[float]) -> None:
    exact = np.array([float(v) for v in pmf_exact([Fraction(x) for x in p])])
    arr = np.array(p)
    assert np.max(np.abs(pmf_dp(arr) - exact)) <= 1e-12
    assert np.max(np.abs(pmf_dft(arr) - exact)) <= 1e-12
    assert np.max(np.abs(pmf(arr) - exact)) <= 1e-12


def fractions(max_denominator: int, max_size: int) -> st.SearchStrategy[list[Fraction]]:
    each = st.fractions(min_value=0, max_value=1, max_denominator=max_denominator)
    return st.lists(each, min_size=1, max_size=max_size)


@given(fractions(50, 25))
def test_exact_matches_flint_polynomial_product(p: list[Fraction]) -> None:
    assert pmf_exact(p) == flint_pmf(p)


@given(fractions(20, 8))
def test_exact_matches_brute_force(p: list[Fraction]) -> None:
    assert pmf_exact(p) == brute_force_pmf(p)


def test_large_n_dp_and_dft_agree_with_scipy() -> None:
    rng = np.random.default_rng(7)
    p = rng.random(3000)
    ref = scipy.stats.poisson_binom.pmf(np.arange(p.size + 1), p)
    assert np.max(np.abs(pmf_dp(p) - ref)) <= 1e-12
    assert np.max(np.abs(pmf_dft(p) - ref)) <= 1e-12


def test_rows_match_single() -> None:
    rng = np.random.default_rng(1)
    rows = rng.random((5, 7))
    out = pmf_dp_rows(rows)
    for row, got in zip(rows, out, strict=True):
        ref = scipy.stats.poisson_binom.pmf(np.arange(8), row)
        assert np.max(np.abs(got - ref)) <= 1e-14


def test_binomial_special_case() -> None:
    got = pmf_exact([Fraction(1, 3)] * 4)
    assert got == [
        Fraction(16, 81),
        Fraction(32, 81),
        Fraction(24, 81),
        Fraction(8, 81),
        Fraction(1, 81),
    ]


@pytest.mark.parametrize("bad", [[], [0.2, 1.5], [-0.1], [float("nan")], [[0.1, 0.2]]])
def test_bad_probabilities_raise(bad: list) -> None:
    with pytest.raises(InputError, match="^p: "):
        pmf(np.array(bad, dtype=float) if bad else [], method="dp")


def test_bad_method_raises() -> None:
    with pytest.raises(InputError, match="^method: "):
        pmf([0.5], method="fourier")


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poibin", "--p", "0.1,0.5", "--json", "--method", "exact"]) == 0
    payload = json.loads(capsys.readouterr().out)
    # (0.9 + 0.1 x)(0.5 + 0.5 x) = 0.45 + 0.5 x + 0.05 x^2, by hand.
    assert payload["pmf_exact"] == ["9/20", "1/2", "1/20"]
    assert payload["pmf"] == pytest.approx([0.45, 0.5, 0.05], abs=1e-15)


@pytest.mark.parametrize("text", ["", ",", "0.1,", "0.1,1.5", "nan", "abc", "-0.2"])
def test_cli_bad_p_exits_2(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poibin", "--p", text]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("hallbound: error: p: ")


@given(fractions(12, 10))
def test_exact_matches_symbolic_family_masses(p: list[Fraction]) -> None:
    import sympy as sp

    from hallbound.symbolic.families.poisson_binomial import PoissonBinomial

    fam = PoissonBinomial([sp.Rational(q.numerator, q.denominator) for q in p])
    masses = [Fraction(int(m.p), int(m.q)) for m in map(sp.Rational, fam.masses())]
    assert masses == pmf_exact(p)
