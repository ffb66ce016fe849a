r"""Issue 11, item 5: :math:`\lambda_{\max}(\Sigma)` is a function of :math:`\Sigma`, so
substituting the entries of :math:`\Sigma` into the Normal's covering radius evaluates it."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from hallbound.paper_tex.printer import tex
from hallbound.symbolic.families import Normal

DELTA = sp.Symbol("delta", positive=True)


def _radius_by_hand(cov: np.ndarray, delta: float) -> float:
    # r = sqrt(lambda_max R^2), R^2 = -2 ln delta - d ln(2 pi) - ln det Sigma (numpy only)
    d = cov.shape[0]
    r2 = -2 * math.log(delta) - d * math.log(2 * math.pi) - math.log(np.linalg.det(cov))
    return math.sqrt(np.linalg.eigvalsh(cov).max() * r2)


@pytest.mark.parametrize(
    ("entries", "delta"),
    [
        ({(0, 0): sp.Integer(2), (0, 1): sp.Rational(1, 2), (1, 1): sp.Integer(1)}, "1/100"),
        ({(0, 0): sp.Float(1.3), (0, 1): sp.Float(-0.4), (1, 1): sp.Float(0.7)}, "1/50"),
    ],
)
def test_covering_radius_evaluates_after_substituting_sigma(entries, delta) -> None:
    normal = Normal.symbolic(2)
    radius = normal.covering_radius(DELTA)
    assert r"\lambda_{\max}(\Sigma)" in tex(radius)
    subs = {normal.Sigma[i, j]: v for (i, j), v in entries.items()}
    subs[DELTA] = sp.Rational(delta)
    value = radius.subs(subs)
    assert value.free_symbols == set()
    cov = np.array([[float(entries[0, 0]), float(entries[0, 1])],
                    [float(entries[0, 1]), float(entries[1, 1])]])
    assert float(value) == pytest.approx(_radius_by_hand(cov, float(sp.Rational(delta))), 1e-12)


def test_max_eigenvalue_is_a_function_of_sigma() -> None:
    normal = Normal.symbolic(3)
    lam = normal.max_eigenvalue()
    assert lam.free_symbols == normal.Sigma.free_symbols
    assert lam.is_positive and lam.is_commutative
    assert tex(lam**2) == r"\lambda_{\max}(\Sigma)^{2}"
    diag = {normal.Sigma[i, j]: (sp.Integer(i + 2) if i == j else 0) for i in range(3)
            for j in range(3)}
    assert lam.subs(diag) == 4  # exact: diag(2, 3, 4)
