"""Regression tests for the bugs of issue 11 (item 7): the CLI's error boundary, no
ImportError guards around the project's own modules, no ``nsimplify`` of exact results,
``hallucination_rate(..., method=...)``."""

from __future__ import annotations

import sys
from fractions import Fraction

import pytest
import scipy.stats
import sympy as sp

from hallbound import cli
from hallbound.errors import InputError
from hallbound.numeric import montecarlo
from hallbound.spec import parse_spec
from hallbound.symbolic import mean_laws


# --- cli: only InputError is a user error -------------------------------------------------
def test_internal_value_error_is_not_reported_as_bad_input(monkeypatch, capsys) -> None:
    import hallbound.commands.families as families

    def broken(args: object) -> int:
        raise ValueError("an internal bug")

    monkeypatch.setattr(families, "run", broken)
    with pytest.raises(ValueError, match="an internal bug"):
        cli.main(["families"])
    assert "hallbound: error" not in capsys.readouterr().err


def test_input_error_is_one_line_exit_2(monkeypatch, capsys) -> None:
    import hallbound.commands.families as families

    def bad(args: object) -> int:
        raise InputError("delta", "must be > 0, got -1")

    monkeypatch.setattr(families, "run", bad)
    assert cli.main(["families"]) == 2
    assert capsys.readouterr().err == "hallbound: error: delta: must be > 0, got -1\n"


# --- no ImportError guards around the project's own modules -------------------------------
def test_a_broken_command_module_is_not_silently_dropped(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "hallbound.commands.tex", None)
    with pytest.raises(ImportError):
        cli.build_parser()


def test_claims_tex_does_not_hide_a_broken_registry(monkeypatch) -> None:
    from hallbound.paper_tex import claims_tex

    monkeypatch.setitem(sys.modules, "hallbound.proofs_checks.claims.registry", None)
    with pytest.raises(ImportError):
        claims_tex.registered_claims()


def test_formulas_tex_does_not_hide_a_broken_loss_registry(monkeypatch) -> None:
    from hallbound.paper_tex import formulas_tex

    monkeypatch.setitem(sys.modules, "hallbound.symbolic.losses", None)
    with pytest.raises(ImportError):
        formulas_tex.loss_fragments()


def test_property_battery_always_has_the_checker_bounds() -> None:
    from hallbound.testing.properties import checker_bounds

    assert set(checker_bounds()) == {
        "Theorem 6.1 (corrected): union bound",
        "Theorem 6.1 (refined)",
    }


# --- no nsimplify of results that are already exact ----------------------------------------
#: (E xi^2, E xi^4) of each standard law, from SciPy (independent of sympy.stats).
SCIPY_LAWS = {
    "normal": scipy.stats.norm(),
    "uniform": scipy.stats.uniform(loc=-1, scale=2),
    "laplace": scipy.stats.laplace(),
}


def _exact(x: float) -> sp.Rational:
    f = Fraction(x).limit_denominator(1000)
    return sp.Rational(f.numerator, f.denominator)


@pytest.mark.parametrize("kind", [*sorted(SCIPY_LAWS), "two-point"])
def test_moments_exact_without_nsimplify(kind: str, monkeypatch) -> None:
    def guess(*args: object, **kwargs: object) -> None:
        raise AssertionError("nsimplify called on an exact result")

    mean_laws.standard_moments.cache_clear()
    monkeypatch.setattr(sp, "nsimplify", guess)
    try:
        m2, m4 = mean_laws.standard_moments(kind)
        law = mean_laws.MeanLaw(kind, (sp.Integer(0),) * 2, (sp.Rational(1, 3), sp.Integer(2)))
        second, fourth, ratio = law.second_moment(), law.fourth_moment(), law.kurtosis_ratio()
    finally:
        mean_laws.standard_moments.cache_clear()
    if kind == "two-point":
        w2, w4 = sp.Integer(1), sp.Integer(1)
    else:
        w2, w4 = (_exact(SCIPY_LAWS[kind].moment(k)) for k in (2, 4))
    assert (m2, m4) == (w2, w4)
    s1, s2 = sp.Rational(1, 3), sp.Integer(2)
    # ||s . xi||^2 = s1^2 xi1^2 + s2^2 xi2^2 with independent coordinates (hand expansion)
    want2 = w2 * (s1**2 + s2**2)
    want4 = w4 * (s1**4 + s2**4) + 2 * w2**2 * s1**2 * s2**2
    assert second == want2 and fourth == want4 and ratio == want2**2 / want4
    assert all(isinstance(v, sp.Rational) for v in (second, fourth, ratio))


# --- hallucination_rate honours method -----------------------------------------------------
def _problem() -> montecarlo.RateProblem:
    spec = {
        "family": "normal",
        "delta": 0.05,
        "mean_law": {"kind": "normal", "center": [0.0], "scale": [2.0]},
        "state": [
            {"weight": 0.5, "mean": [0.0], "cov": [[1.0]]},
            {"weight": 0.5, "mean": [1.0], "cov": [[1.0]]},
        ],
    }
    return montecarlo.RateProblem.from_spec(parse_spec(spec))


def test_hallucination_rate_passes_method(monkeypatch) -> None:
    seen: list[tuple[int, int]] = []

    def fake_numpy_count(problem, n, seed, *, chunk, progress):  # noqa: ANN001
        seen.append((n, seed))
        return 3

    # the python method is the NumPy reference; auto would run the kernel (squared loss)
    assert _problem().compiled
    monkeypatch.setattr(montecarlo, "numpy_count", fake_numpy_count)
    est = montecarlo.hallucination_rate(_problem(), 10, 4, method="python")
    assert seen == [(10, 4)] and est.count == 3
    with pytest.raises(InputError, match="method"):
        montecarlo.hallucination_rate(_problem(), 10, 4, method="no-such-method")
