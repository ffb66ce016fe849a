"""Compile pipeline: every compiled kernel against a 50-digit mpmath evaluation of the same
SymPy expression (relative error <= 1e-12 on well-conditioned inputs), and the disk cache
across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from hallbound.errors import InputError
from hallbound.numeric.compile import compile_expression, expression_source
from hallbound.numeric.theorem61 import ALPHA, OBJECTIVE, RX, SIGMA, D, stationary_polynomial
from hallbound.symbolic.families import FAMILIES, Normal
from hallbound.symbolic.mean_laws import KINDS, moment_expressions

TOL = 1e-12


def reference(expr: sp.Expr, args: tuple, values: list[float]) -> mpmath.mpf:
    """The expression at exactly these binary floats, in 50-digit arithmetic."""
    subs = {s: sp.Float(v, 60) for s, v in zip(args, values, strict=True)}
    with mpmath.workdps(50):
        return mpmath.mpf(sp.N(expr.subs(subs), 50))


def assert_close(kernel, expr: sp.Expr, args: tuple, values: list[float]) -> None:
    exact = reference(expr, args, values)
    got = kernel.scalar(*values)
    vec = kernel(*[np.array([v]) for v in values])[0]
    assert got == vec
    if exact == 0:
        assert got == 0.0
    else:
        assert abs(mpmath.mpf(got) - exact) <= TOL * abs(exact), (values, got, exact)


def family_args(name: str) -> tuple[sp.Expr, tuple]:
    fam = FAMILIES[name].symbolic(1)
    expr = fam.density()
    others = sorted(expr.free_symbols - {fam.a, fam.mu}, key=str)
    return expr, (fam.a, fam.mu, *others)


CONTINUOUS_1D = [n for n in ("normal", "laplace", "student_t", "uniform") if n in FAMILIES]
KERNELS: dict[str, tuple] = {}


def kernel_for(name: str):
    if name not in KERNELS:
        expr, args = family_args(name)
        KERNELS[name] = (compile_expression(expr, args), expr, args)
    return KERNELS[name]


def parameter_value(symbol: sp.Symbol, draw: st.DrawFn) -> float:
    if str(symbol) == "nu":
        return draw(st.floats(0.5, 60.0))
    return draw(st.floats(0.05, 20.0))


@pytest.mark.parametrize("name", CONTINUOUS_1D)
@given(data=st.data())
def test_family_density_kernel_matches_mpmath(name: str, data: st.DataObject) -> None:
    kernel, expr, args = kernel_for(name)
    params = [parameter_value(s, data.draw) for s in args[2:]]
    mu = data.draw(st.floats(-50.0, 50.0))
    width = 0.9 if name == "uniform" else 6.0  # inside the support; away from underflow
    t = data.draw(st.floats(-width, width))
    a = mu + t * params[-1] if name != "student_t" else mu + t * params[1]
    assert_close(kernel, expr, args, [a, mu, *params])


def test_normal_2d_density_kernel_matches_mpmath() -> None:
    fam = Normal.from_spec({"mean": [0.5, -1.0], "cov": [[2.0, 0.3], [0.3, 0.5]]})
    m = sp.Matrix(sp.symbols("m_1:3", real=True))
    moved = fam.shifted(m)
    expr = moved.density()
    args = (*moved.point_symbols(), *m)
    kernel = compile_expression(expr, args)
    rng = np.random.default_rng(5)
    for _ in range(20):
        mu = rng.uniform(-5, 5, 2)
        a = mu + rng.uniform(-2, 2, 2)
        assert_close(kernel, expr, args, [*a, *mu])


OBJ = compile_expression(OBJECTIVE, (ALPHA, D, RX, SIGMA))
POLY = compile_expression(stationary_polynomial().as_expr(), (ALPHA, D, RX, SIGMA))


@given(
    alpha=st.floats(1.01, 10.0),
    d=st.floats(0.01, 10.0),
    r=st.floats(0.0, 10.0),
    s=st.floats(0.5, 100.0),
)
def test_theorem61_kernels_match_mpmath(alpha: float, d: float, r: float, s: float) -> None:
    args = (ALPHA, D, RX, SIGMA)
    assert_close(OBJ, OBJECTIVE, args, [alpha, d, r, s])
    # The polynomial is a sum of signed terms; test it where it is not near a root.
    exact = reference(stationary_polynomial().as_expr(), args, [alpha, d, r, s])
    terms = reference(
        sum(abs(t) for t in stationary_polynomial().as_expr().args), args, [alpha, d, r, s]
    )
    if abs(exact) > 1e-3 * terms:
        assert_close(POLY, stationary_polynomial().as_expr(), args, [alpha, d, r, s])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_mean_law_ratio_kernel_matches_mpmath(kind: str) -> None:
    _, _, ratio, s = moment_expressions(kind, 3)
    kernel = compile_expression(ratio, s)
    rng = np.random.default_rng(1)
    for _ in range(10):
        assert_close(kernel, ratio, tuple(s), list(rng.uniform(0.1, 5.0, 3)))


def test_vector_kernel_broadcasts() -> None:
    kernel, expr, args = kernel_for("normal")
    a = np.linspace(-3, 3, 7)
    got = kernel(a[:, None], 0.0, np.array([1.0, 2.0]))
    assert got.shape == (7, 2)
    want = [[kernel.scalar(x, 0.0, s) for s in (1.0, 2.0)] for x in a]
    np.testing.assert_array_equal(got, want)


def test_unknown_free_symbol_is_rejected() -> None:
    x, y = sp.symbols("x y")
    with pytest.raises(InputError, match="expr"):
        compile_expression(x + y, (x,))
    assert "math.exp" in expression_source(sp.exp(x), (x,))


SCRIPT = """
import json, sympy as sp
from hallbound.numeric.compile import compile_expression
x, y = sp.symbols("x y", positive=True)
k = compile_expression(sp.exp(-x**2 / y) * sp.sqrt(y) + sp.Rational(7, 3), (x, y))
value = k.scalar(0.25, 2.0)
stats = k.scalar.stats
print(json.dumps({"value": value, "hits": sum(stats.cache_hits.values()),
                  "misses": sum(stats.cache_misses.values())}))
"""


def test_second_process_loads_from_disk_cache(tmp_path) -> None:
    env = {**os.environ, "HALLBOUND_CACHE_DIR": str(tmp_path)}
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(2)
    ]
    assert runs[0]["misses"] == 1 and runs[0]["hits"] == 0
    assert runs[1]["misses"] == 0 and runs[1]["hits"] == 1
    assert runs[0]["value"] == runs[1]["value"]
    assert list(tmp_path.glob("expr_*.py"))


@pytest.mark.parametrize("name", CONTINUOUS_1D)
def test_log_density_kernel_matches_mpmath(name: str) -> None:
    """The Monte Carlo kernel's ln f (``log_density``) against 50 digits of the same form."""
    from hallbound.numeric.montecarlo import log_density

    expr, args = family_args(name)
    log_form = log_density(expr)
    if log_form is None:  # Piecewise (uniform): the kernel tests f itself
        assert name == "uniform"
        return
    kernel = compile_expression(log_form, args)
    rng = np.random.default_rng(2)
    for _ in range(15):
        params = list(rng.uniform(0.5, 10.0, len(args) - 2))
        mu = rng.uniform(-20, 20)
        values = [mu + rng.uniform(-4, 4) * params[-1], mu, *params]
        assert_close(kernel, log_form, args, values)
        # and it is the log of the density
        assert float(reference(log_form, args, values)) == pytest.approx(
            float(mpmath.log(reference(expr, args, values))), rel=1e-13, abs=1e-13
        )


def test_covering_radius_kernel_matches_mpmath() -> None:
    delta = sp.Symbol("delta", positive=True)
    fam = Normal.from_spec({"mean": [0.0, 0.0], "cov": [[2.0, 0.5], [0.5, 1.0]]})
    expr = fam.covering_radius(delta)
    kernel = compile_expression(expr, (delta,))
    for v in (1e-4, 0.003, 0.05, 0.1):
        assert_close(kernel, expr, (delta,), [v])
    assert kernel.scalar(10.0) == 0.0  # above sup f: empty level set
