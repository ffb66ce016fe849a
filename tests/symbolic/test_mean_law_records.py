"""Mean-law records (issue 11, item 3): each kind is one record whose draw is one SymPy
transform of one primitive. The transform is checked against the record's ``sympy.stats``
variable (continuous: F(T(p)) = G(p) on each piece, G the primitive's CDF written by hand;
finite: the law of T(U) by the lengths of its pieces), the NumPy draw and the numba
kernel's draw are compared bit for bit on the same stream, and a kind registered in a test
(logistic) works through moments, sampling and the Monte Carlo kernel."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import numpy as np
import pytest
import scipy.stats
import sympy as sp
import sympy.stats as st
from sympy.calculus.util import function_range

from hallbound.errors import InputError
from hallbound.numeric.compile import load_source
from hallbound.numeric.montecarlo import (
    RateProblem,
    chunk_generator,
    count_hallucinations,
    draw_source,
    numpy_count,
    standard_draws,
)
from hallbound.symbolic import mean_laws
from hallbound.symbolic.families import Normal
from hallbound.symbolic.mean_laws import (
    KINDS,
    PRIMITIVES,
    U_GUARD,
    U_PRIMITIVE,
    X_STD,
    MeanLaw,
    StandardLaw,
    draw_standard,
)
from hallbound.symbolic.mixture import LatentMixture

#: Where each primitive lives and its CDF G (by hand): random() is uniform on [0, 1),
#: standard_normal() has G = Phi.
PRIMITIVE_LAW = {
    "uniform": (sp.Interval.Ropen(0, 1), lambda p: p),
    "normal": (sp.S.Reals, lambda p: (1 + sp.erf(p / sp.sqrt(2))) / 2),
}

LOGISTIC = StandardLaw(
    "logistic-test",
    90,
    "logistic scale",
    lambda: st.Logistic("xi", 0, 1),
    "uniform",
    sp.Piecewise(
        (sp.log(U_GUARD / (1 - U_GUARD)), sp.Eq(U_PRIMITIVE, 0)),
        (sp.log(U_PRIMITIVE / (1 - U_PRIMITIVE)), True),
    ),
    40.0,
)


def pieces(expr: sp.Expr, var: sp.Symbol, domain: sp.Set) -> list[tuple[sp.Expr, sp.Set]]:
    """The pieces of a Piecewise (or one piece) with the part of ``domain`` each governs."""
    if not isinstance(expr, sp.Piecewise):
        return [(expr, domain)]
    out, rest = [], domain
    for value, cond in expr.args:
        where = domain if cond is sp.true else cond.as_set()
        where = sp.Intersection(where, rest)
        rest = sp.Complement(rest, where)
        out.append((value, where))
    return out


def check_transform(law: StandardLaw) -> None:
    """The law of T(primitive) is the law of the record's sympy.stats variable."""
    p = PRIMITIVES[law.primitive].symbol
    domain, cdf = PRIMITIVE_LAW[law.primitive]
    xi = law.variable()
    parts = pieces(law.transform, p, domain)
    if law.primitive == "uniform":  # random() can return 0: the draw stays finite there
        assert law.transform.subs(p, 0).is_finite
    if not law.has_density:  # finite law: P(T = v) = length of {u : T(u) = v}
        probs: dict[sp.Expr, sp.Expr] = defaultdict(lambda: sp.Integer(0))
        for value, where in parts:
            assert value.is_number, "a finite law's transform is constant on each piece"
            probs[sp.nsimplify(value)] += where.measure
        want = {k: v for k, v in st.density(xi).dict.items() if v != 0}
        assert {k: v for k, v in probs.items() if v != 0} == want
        return
    big_f = sp.simplify(st.cdf(xi)(X_STD))
    checked = 0
    for value, where in parts:
        if where.measure == 0:  # a guard at a point (probability 0)
            continue
        image = function_range(value, p, where)
        for f_piece, x_set in pieces(big_f, X_STD, sp.S.Reals):
            if sp.Intersection(image, x_set).measure == 0:
                continue
            assert sp.simplify(f_piece.subs(X_STD, value) - cdf(p)) == 0, (value, f_piece)
            checked += 1
    assert checked >= 1


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_transform_has_the_law_of_the_sympy_variable(kind: str) -> None:
    check_transform(KINDS[kind])


def test_the_transform_check_rejects_a_wrong_transform() -> None:
    """The check itself can fail: 2u - 1 is not the Laplace inverse CDF, and a two-point
    draw with P(+1) = 1/3 is not the symmetric two-point law."""
    wrong = StandardLaw(
        "wrong", 91, "-", lambda: st.Laplace("xi", 0, 1), "uniform", 2 * U_PRIMITIVE - 1, 1.0
    )
    with pytest.raises(AssertionError):
        check_transform(wrong)
    flipped = StandardLaw(
        "flipped",
        92,
        "-",
        KINDS["two-point"].variable,
        "uniform",
        sp.Piecewise((1, U_PRIMITIVE < sp.Rational(1, 3)), (-1, True)),
        1.0,
    )
    with pytest.raises(AssertionError):
        check_transform(flipped)


def draw_module(laws: list[StandardLaw], dim: int):  # noqa: ANN201
    """A numba module with the kernel's draw of each law: ``fill(gen, out)`` writes
    out[j, i, k] draw by draw, state by state, coordinate by coordinate (the kernel's
    order), ``apply{code}(x, out)`` applies one law's compiled transform."""
    defs: dict[int, str] = {}
    calls = []
    for law in laws:
        defs[law.code], call = draw_source(law)
        calls.append(call)
    lines = ["@njit", "def fill(gen, out):", "    for j in range(out.shape[0]):"]
    for i, call in enumerate(calls):
        lines += [f"        out[j, {i}, {k}] = {call}" for k in range(dim)]
    for code in defs:
        lines += [
            "",
            "@njit",
            f"def apply{code}(x, out):",
            "    for k in range(x.size):",
            f"        out[k] = xi{code}(x[k])",
        ]
    return load_source("\n\n".join(defs.values()) + "\n\n" + "\n".join(lines) + "\n", "test")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_numpy_draws_are_the_kernels_bit_for_bit(kind: str) -> None:
    law = KINDS[kind]
    module = draw_module([law], 1)
    n = 200_000  # np.log would differ from math.log in the last bit on ~0.3% of these
    kernel = np.empty((n, 1, 1))
    module.fill(chunk_generator(5, 2), kernel)
    numpy = draw_standard(chunk_generator(5, 2), kind, (n,))
    assert np.array_equal(kernel[:, 0, 0], numpy)
    assert len(np.unique(numpy)) > 1
    # and at the primitive's edge values (u = 0 takes the guard)
    edge = np.array([0.0, 2.0**-53, 0.5 - 2.0**-53, 0.5, 1.0 - 2.0**-53])
    compiled = np.empty_like(edge)
    getattr(module, f"apply{law.code}")(edge, compiled)
    assert np.array_equal(compiled, mean_laws.apply_transform(law, edge))
    assert np.all(np.isfinite(compiled))


def test_mixed_kinds_draws_are_the_kernels_bit_for_bit() -> None:
    laws = [KINDS["laplace"], KINDS["normal"], KINDS["two-point"]]
    module = draw_module(laws, 2)
    kernel = np.empty((3000, 3, 2))
    module.fill(chunk_generator(9, 0), kernel)
    numpy = standard_draws(chunk_generator(9, 0), laws, 3000, 2)
    assert np.array_equal(kernel, numpy)
    one = standard_draws(chunk_generator(9, 0), [KINDS["uniform"]] * 2, 10, 3)
    assert np.array_equal(one, draw_standard(chunk_generator(9, 0), "uniform", (10, 2, 3)))


@pytest.mark.parametrize("kind", sorted(k for k in KINDS if KINDS[k].has_density))
def test_support_radius_keeps_all_but_a_small_tail(kind: str) -> None:
    radius = sp.Float(KINDS[kind].support_radius)
    cdf = mean_laws.standard_cdf(kind)
    outside = 1 - cdf.subs(X_STD, radius) + cdf.subs(X_STD, -radius)
    assert float(outside) < 1e-5


def test_a_new_kind_is_one_record() -> None:
    """Register a logistic law (one record), use it everywhere, then remove it."""
    with pytest.raises(InputError):
        MeanLaw("logistic-test", (sp.Integer(0),), (sp.Integer(1),))
    mean_laws.register(LOGISTIC)
    try:
        with pytest.raises(InputError):
            mean_laws.register(LOGISTIC)  # the name is taken
        with pytest.raises(InputError, match="code"):
            mean_laws.register(replace(LOGISTIC, name="other-test", code=KINDS["normal"].code))
        check_transform(LOGISTIC)
        law = MeanLaw("logistic-test", (sp.Integer(1),), (sp.Integer(2),))
        # Var of the standard logistic is pi^2/3, E xi^4 = 7 pi^4/15 (known closed forms)
        assert sp.simplify(law.second_moment() - 4 * sp.pi**2 / 3) == 0
        assert sp.simplify(law.fourth_moment() - 16 * 7 * sp.pi**4 / 15) == 0
        x = law.sample(np.random.default_rng(3), 20_000)[:, 0]
        assert scipy.stats.kstest(x, scipy.stats.logistic(1.0, 2.0).cdf).pvalue > 1e-3
        states = [Normal.from_spec({"mean": [0.0], "cov": [[1.0]]}) for _ in range(2)]
        mixture = LatentMixture([sp.Rational(1, 3), sp.Rational(2, 3)], states)
        problem = RateProblem.from_mixture(mixture, [law, law], 0.05)
        n = 5_003
        count = count_hallucinations(problem, n, 7, chunk=1024, method="kernel")
        assert count == numpy_count(problem, n, 7, chunk=1024)
        assert 0 < count < n
        # the bounds look the kind up when called (a copy taken at import would refuse it)
        from hallbound.numeric.bounds import union_bound

        value = union_bound([0.5, 0.5], 0.1, [[1.0], [1.0]], kind="logistic-test")
        assert 0 <= float(value) <= 1
    finally:
        mean_laws.unregister("logistic-test")
    assert "logistic-test" not in KINDS
    with pytest.raises(InputError):
        mean_laws.law_kind("logistic-test")


def test_register_refuses_a_record_whose_draws_are_another_law() -> None:
    """The record states its law twice (variable and transform): a standard normal variable
    drawn as 2u - 1 (variance 1/3, not 1) is refused, and so is a two-point law drawn with
    P(+1) = 1/3."""
    uniform_draws = StandardLaw(
        "wrong-test", 93, "-", lambda: st.Normal("xi", 0, 1), "uniform", 2 * U_PRIMITIVE - 1, 8.0
    )
    with pytest.raises(InputError, match="sympy.stats variable"):
        mean_laws.register(uniform_draws)
    lopsided = StandardLaw(
        "lopsided-test",
        94,
        "-",
        KINDS["two-point"].variable,
        "uniform",
        sp.Piecewise((1, U_PRIMITIVE < sp.Rational(1, 3)), (-1, True)),
        1.0,
    )
    with pytest.raises(InputError, match="sympy.stats variable"):
        mean_laws.register(lopsided)
    assert "wrong-test" not in KINDS and "lopsided-test" not in KINDS
    for law in KINDS.values():  # and every built-in record passes the same check
        mean_laws.check_draws(law)
