"""Mean laws: moments against numeric integration and exact enumeration, sampling against
scipy.stats (KS), parsing errors naming the key."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import scipy.integrate
import scipy.stats
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.mean_laws import MeanLaw

SCIPY = {
    "normal": lambda s: scipy.stats.norm(0, s),
    "uniform": lambda s: scipy.stats.uniform(-s, 2 * s),
    "laplace": lambda s: scipy.stats.laplace(0, s),
}


@pytest.mark.parametrize("kind", sorted(SCIPY))
def test_moments_match_scipy_2d(kind: str) -> None:
    """Reference: scipy's 1-D moments, expanded by hand:
    E(X^2+Y^2)^2 = E X^4 + 2 E X^2 E Y^2 + E Y^4 (independent coordinates)."""
    scales = (1.5, 0.5)
    law = MeanLaw.from_spec({"kind": kind, "center": [3.0, -1.0], "scale": list(scales)})
    x2, y2 = (SCIPY[kind](s).moment(2) for s in scales)
    x4, y4 = (SCIPY[kind](s).moment(4) for s in scales)
    m2, m4 = x2 + y2, x4 + 2 * x2 * y2 + y4
    assert float(law.second_moment()) == pytest.approx(m2, rel=1e-12)
    assert float(law.fourth_moment()) == pytest.approx(m4, rel=1e-12)
    assert float(law.kurtosis_ratio()) == pytest.approx(m2**2 / m4, rel=1e-12)


def test_uniform_moments_by_2d_integration() -> None:
    law = MeanLaw.from_spec({"kind": "uniform", "center": [0.0, 0.0], "scale": [1.5, 0.5]})

    def moment(power: int) -> float:
        f = lambda y, x: (x * x + y * y) ** (power / 2) / (3.0 * 1.0)  # noqa: E731
        return scipy.integrate.dblquad(f, -1.5, 1.5, -0.5, 0.5, epsabs=1e-12, epsrel=1e-12)[0]

    assert float(law.second_moment()) == pytest.approx(moment(2), rel=1e-9)
    assert float(law.fourth_moment()) == pytest.approx(moment(4), rel=1e-9)


def test_two_point_moments_by_enumeration() -> None:
    scales = [Fraction(1), Fraction(2), Fraction(1, 2)]
    law = MeanLaw.from_spec({"kind": "rademacher", "center": 0, "scale": [1, 2, 0.5]}, 3)
    pts = [
        sum((e * s) ** 2 for e, s in zip(signs, scales, strict=True))
        for signs in itertools.product((-1, 1), repeat=3)
    ]
    m2 = sum(pts) / 8
    m4 = sum(x * x for x in pts) / 8
    assert law.second_moment() == sp.Rational(m2.numerator, m2.denominator)
    assert law.fourth_moment() == sp.Rational(m4.numerator, m4.denominator)
    assert law.kind == "two-point"


@pytest.mark.parametrize("kind", sorted(SCIPY))
def test_samples_follow_the_law(kind: str) -> None:
    law = MeanLaw.from_spec({"kind": kind, "center": [2.0], "scale": [0.7]})
    x = law.sample(np.random.default_rng(0), 20_000)[:, 0] - 2.0
    assert scipy.stats.kstest(x, SCIPY[kind](0.7).cdf).pvalue > 1e-3


@pytest.mark.parametrize(
    ("table", "parameter"),
    [
        ({"kind": "cauchy", "center": [0.0], "scale": [1.0]}, "mean_law.kind"),
        ({"kind": "normal", "center": [0.0]}, "mean_law.scale"),
        ({"kind": "normal", "center": [0.0], "scale": [-1.0]}, "mean_law.scale[0]"),
        ({"kind": "normal", "center": [0.0, 1.0], "scale": [1.0]}, "mean_law.center"),
        ({"kind": "normal", "center": [0.0], "scale": [1.0], "width": 2}, "mean_law.width"),
        ("normal", "mean_law"),
    ],
)
def test_parse_errors_name_the_key(table, parameter: str) -> None:
    with pytest.raises(InputError) as err:
        MeanLaw.from_spec(table, 1)
    assert err.value.parameter == parameter
