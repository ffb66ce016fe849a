r"""Auxiliary Lemmas B.2-B.6, as stated.

Lemmas B.3-B.6 are written with
:class:`~hallbound.proofs_checks.library.randomness.Pr`/``E``/``Var`` of random symbols; a step is
PROVED only through an instance of a library lemma
(:mod:`hallbound.proofs_checks.library.lemma_library`: Chebyshev, Cauchy-Schwarz, Markov,
Monotonicity, Paley-Zygmund) whose hypotheses the engine checks, or by SymPy after the claim's
definitions (:math:`A^* := \sum_i p_i \mu_i`, ...). Probability steps also carry a law check built
from the same expressions (:func:`~hallbound.proofs_checks.engine.law_checks.law_check`): both
displayed sides are computed exactly on random finite joint laws. Lemma B.2 as stated (with ``Z``)
is refuted on exact laws.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from hallbound.proofs_checks.claims.common import positive
from hallbound.proofs_checks.claims.laws import joint_mean_case
from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.law_checks import law_check, single_law
from hallbound.proofs_checks.engine.probability import DiscreteLaw, LawCheck, random_law
from hallbound.proofs_checks.library.lemma_library import LemmaInstance, lemma
from hallbound.proofs_checks.library.randomness import E, Pr, Var, evaluate, random_symbol

THETAS = tuple(Fraction(k, 4) for k in range(5))


# ----- Lemma B.2 (Paley-Zygmund, as stated with Z) --------------------------------------
def _pz_case(rng: np.random.Generator) -> tuple[DiscreteLaw, DiscreteLaw, Fraction]:
    t = random_law(rng, size=3, lo=0, hi=4, denom=2)
    z = random_law(rng, size=2, lo=-3, hi=3, denom=2)
    while all(a == 0 for a in z.atoms):
        z = random_law(rng, size=2, lo=-3, hi=3, denom=2)
    return t, z, THETAS[int(rng.integers(0, len(THETAS)))]


def _pz_eval(case, use_z: bool = True) -> tuple[Fraction, Fraction]:
    t, z, theta = case
    other = z if use_z else t
    lhs = t.prob(lambda x: x > theta * t.mean())
    m2 = other.moment(2)
    rhs = (1 - theta) ** 2 * other.mean() ** 2 / m2 if m2 else Fraction(0)
    return lhs, rhs


def _pz_view(case) -> dict[str, Any]:
    t, z, theta = case
    return {
        "theta": float(theta),
        "T": {"atoms": [float(a) for a in t.atoms], "probs": [str(q) for q in t.probs]},
        "Z": {"atoms": [float(a) for a in z.atoms], "probs": [str(q) for q in z.probs]},
    }


def lemma_b2() -> Claim:
    law = LawCheck(
        _pz_case, _pz_eval, _pz_view, trials=200, label="exact discrete laws of T >= 0 and Z"
    )
    step = Step(
        "B.2",
        "Pr[T > theta E T]",
        ">=",
        "(1 - theta)^2 (E Z)^2 / E[Z^2]",
        "Paley-Zygmund",
        kind="probability",
        law=law,
        note="as stated the bound uses Z, not T: any Z with (E Z)^2 = E Z^2 breaks it",
    )
    return Claim(
        "Lemma B.2",
        "Pr[T > theta E T] >= (1-theta)^2 (E Z)^2 / E Z^2",
        [Param("theta", sp.Symbol("theta"), lo=0, hi=1)],
        [step],
        section="B",
        domain="T >= 0, theta in [0, 1], any random variable Z",
    )


# ----- shared symbols ---------------------------------------------------------------------
i_ = sp.Symbol("i", integer=True)
theta = sp.Symbol("theta", nonnegative=True)
THETA = Param("theta", theta, lo=0, hi=1, description="Paley-Zygmund level")


def _theta_value(rng: np.random.Generator) -> Fraction:
    return THETAS[int(rng.integers(0, len(THETAS)))]


# ----- Lemma B.3 (Chebyshev) ------------------------------------------------------------
def lemma_b3() -> Claim:
    r""":math:`\Pr[|T - \mathbb E T| \ge a] \le \operatorname{Var}[T] / a^2` for :math:`a > 0`:
    the library's Chebyshev instance with :math:`X = T`."""
    t = random_symbol("T")
    a, ap = positive("a", search=(0.1, 10))
    lhs, rhs = Pr(sp.Ge(sp.Abs(t - E(t)), a)), Var(t) / a**2
    sample = single_law(t, env=lambda rng, law: {a: Fraction(int(rng.integers(1, 9)), 2)})
    step = Step(
        "B.3",
        lhs,
        "<=",
        rhs,
        "Chebyshev (library instance X = T, a = a)",
        kind="probability",
        lemmas=(lemma("Chebyshev", X=t, a=a),),
        law=law_check(lhs, rhs, sample, trials=150, label="exact discrete laws of T"),
    )
    return Claim(
        "Lemma B.3",
        "Pr[|T - E T| >= a] <= Var[T] / a^2",
        [ap],
        [step],
        section="B",
        domain="a > 0, T with a finite variance",
        conclusion=[(lhs, "<=", rhs)],
    )


# ----- Lemma B.4 (Cauchy) ---------------------------------------------------------------
def lemma_b4() -> Claim:
    r""":math:`(\sum_i x_i y_i)^2 \le (\sum_i x_i^2)(\sum_i y_i^2)`: the quadratic
    :math:`\sum_i (x_i t - y_i)^2 = A t^2 - 2 B t + C` (B.4a) and the library's
    Cauchy-Schwarz (sums) for B.4b, with :math:`A, B, C` defined as the three sums."""
    n = sp.Symbol("n", integer=True, positive=True)
    x, y = sp.IndexedBase("x", real=True), sp.IndexedBase("y", real=True)
    t = sp.Symbol("t", real=True)
    big_a, big_c = sp.Symbol("A", nonnegative=True), sp.Symbol("C", nonnegative=True)
    big_b = sp.Symbol("B", real=True)
    sums = {
        big_a: sp.Sum(x[i_] ** 2, (i_, 1, n)),
        big_b: sp.Sum(x[i_] * y[i_], (i_, 1, n)),
        big_c: sp.Sum(y[i_] ** 2, (i_, 1, n)),
    }
    n_p = Param("n", n, kind="integer", lo=1, search=(1, 6))
    steps = [
        Step(
            "B.4a",
            sp.Sum((x[i_] * t - y[i_]) ** 2, (i_, 1, n)),
            "=",
            big_a * t**2 - 2 * big_b * t + big_c,
            "expand the square; linearity of the sum",
            params=[Param("t", t)],
        ),
        Step(
            "B.4b",
            big_b**2,
            "<=",
            big_a * big_c,
            "Cauchy-Schwarz for sums (library; the discriminant of (B.4a) is <= 0)",
            kind="inequality",
            lemmas=(lemma("Cauchy-Schwarz (sums)", x=x, y=y, n=n),),
        ),
    ]
    return Claim(
        "Lemma B.4",
        "(sum x_i y_i)^2 <= (sum x_i^2)(sum y_i^2)",
        [n_p],
        steps,
        section="B",
        domain="any n >= 1, real x, y",
        definitions=sums,
        conclusion=[(sums[big_b] ** 2, "<=", sums[big_a] * sums[big_c])],
    )


# ----- Lemma B.5 ------------------------------------------------------------------------
def _with_sequence(inst: Any, base: sp.IndexedBase, value: Any, text: str) -> Any:
    r"""A lemma instance with the sequence ``base[j]`` replaced by ``value(j)`` everywhere.

    The library takes a sequence as an ``IndexedBase`` or a tuple; a lemma that holds for
    every real sequence holds for :math:`y_j = \mu_j - \mu_0` too, so substituting the
    element is again an instance (``args`` records it as ``text``)."""

    def sub(e: sp.Basic) -> sp.Basic:
        return sp.sympify(e).replace(
            lambda z: isinstance(z, sp.Indexed) and z.base == base,
            lambda z: value(z.indices[0]),
        )

    lhs, rel, rhs = inst.conclusion
    return LemmaInstance(
        inst.lemma,
        {**inst.args, "y": text},
        tuple(h.map(sub) for h in inst.hypotheses),
        (sub(lhs), rel, sub(rhs)),
    )


def lemma_b5() -> Claim:
    r""":math:`\Pr[\|\mu_0 - A^*\|^2 \ge d_1^2] \le (\sum_i p_i^2)\,\sigma^d / d_1^2` with
    :math:`A^* := \sum_i p_i \mu_i` (Lemma B.1) and :math:`\sigma^d := \mathbb E\sum_i
    (\mu_i - \mu_0)^2` (Definition 6.1), one-dimensional means.

    B.5a is Markov on :math:`(A^* - \mu_0)^2` (the paper cites Chebyshev), B.5b the
    definition of :math:`A^*`, B.5c :math:`\sum_i p_i = 1`, B.5d Cauchy-Schwarz pointwise
    (library) then monotonicity of :math:`\mathbb E` (library, its pointwise hypothesis from
    the cited B.5d (pointwise)), B.5e linearity of :math:`\mathbb E` (library)."""
    big_n = sp.Symbol("N", integer=True, positive=True)
    p = sp.IndexedBase("p", positive=True)
    mu = sp.IndexedBase(random_symbol("mu"), real=True)
    dev = sp.IndexedBase("D", real=True)  # placeholder for mu_i - mu_0 in Cauchy-Schwarz
    mu0 = sp.Symbol("mu_0", real=True)
    d1, d1p = positive("d_1", search=(0.05, 10))
    a_star = random_symbol("A*")
    sigma = sp.Symbol("sigma^d", nonnegative=True)

    def total(e: sp.Basic) -> sp.Sum:
        return sp.Sum(e, (i_, 1, big_n))

    defs = {a_star: total(p[i_] * mu[i_]), sigma: E(total((mu[i_] - mu0) ** 2))}
    sum_p2 = total(p[i_] ** 2)
    params = [
        Param("N", big_n, kind="integer", lo=1, search=(1, 4)),
        Param("mu_0", mu0, search=(-3, 3)),
        d1p,
    ]

    def sample(rng: np.random.Generator) -> Any:
        d = Fraction(int(rng.integers(1, 9)), 4)
        return joint_mean_case(rng, mu, p, big_n, mu0, env={d1: d})

    def law(lhs: Any, rhs: Any) -> Any:
        return law_check(
            lhs, rhs, sample, definitions=defs, trials=40,
            label="exact joint laws of independent means with a common mean",
        )

    event = Pr(sp.Ge((mu0 - a_star) ** 2, d1**2))
    e_a = E((a_star - mu0) ** 2) / d1**2
    e_b = E((total(p[i_] * mu[i_]) - mu0) ** 2) / d1**2
    e_c = E(total(p[i_] * (mu[i_] - mu0)) ** 2) / d1**2
    e_d = E(sum_p2 * total((mu[i_] - mu0) ** 2)) / d1**2
    e_e = sum_p2 * sigma / d1**2
    cs = _with_sequence(
        lemma("Cauchy-Schwarz (sums)", x=p, y=dev, n=big_n), dev, lambda j: mu[j] - mu0,
        "mu_i - mu_0",
    )
    cs_lhs, _, cs_rhs = cs.conclusion
    steps = [
        Step(
            "B.5a", event, "<=", e_a,
            "Markov on (A* - mu_0)^2 >= d_1^2 (the paper cites Chebyshev with E[A*] = mu_0)",
            kind="probability", params=params,
            lemmas=(lemma("Markov", X=(a_star - mu0) ** 2, a=d1**2),),
            law=law(event, e_a),
        ),
        Step(
            "B.5b", e_a, "=", e_b, "A* = sum_i p_i mu_i (Lemma B.1)",
            kind="definition", params=params, law=law(e_a, e_b),
        ),
        Step(
            "B.5c", e_b, "=", e_c, "sum_i p_i = 1 (pointwise, inside E)",
            kind="probability", params=params,
            given={total(p[i_]): 1}, premises=("sum_i p_i = 1",),
            law=law(e_b, e_c),
        ),
        Step(
            "B.5d (pointwise)", cs_lhs, "<=", cs_rhs,
            "Cauchy-Schwarz for sums (library) with x = p, y_i = mu_i - mu_0, at every outcome",
            kind="inequality", params=params, lemmas=(cs,),
        ),
        Step(
            "B.5d", e_c, "<=", e_d,
            "(B.5d (pointwise)), then monotonicity of E",
            kind="probability", params=params, cites=("B.5d (pointwise)",),
            lemmas=(
                lemma(
                    "Monotonicity (expectations)",
                    X=total(p[i_] * (mu[i_] - mu0)) ** 2,
                    Y=sum_p2 * total((mu[i_] - mu0) ** 2),
                ),
            ),
            law=law(e_c, e_d),
        ),
        Step(
            "B.5e", e_d, "=", e_e,
            "linearity of E (the constant sum_i p_i^2 comes out); Definition 6.1 of sigma^d",
            kind="probability", params=params,
            lemmas=(
                lemma("Linearity (constant factor)", c=sum_p2, X=total((mu[i_] - mu0) ** 2)),
            ),
            law=law(e_d, e_e),
        ),
    ]
    return Claim(
        "Lemma B.5",
        "Pr[||mu_0 - A*||^2 >= d_1^2] <= (sum p_i^2) sigma^d / d_1^2",
        [d1p],
        steps,
        section="B",
        domain="Assumption 6.1 (common mean mu_0, independent mean laws), d_1 > 0; "
        "one-dimensional means",
        definitions=defs,
        assumptions=[sp.Eq(total(p[i_]), 1)],
        conclusion=[(event, "<=", e_e)],
    )


# ----- Lemma B.6 ------------------------------------------------------------------------
def lemma_b6() -> Claim:
    r""":math:`\Pr[\|\mu_i - \mu_0\|^2 \ge \theta \sigma_i^d] \ge (1-\theta)^2 K_i` with
    :math:`\sigma_i^d := \mathbb E(\mu_i - \mu_0)^2` and :math:`K_i := (\sigma_i^d)^2 /
    \mathbb E(\mu_i - \mu_0)^4`: the library's Paley-Zygmund with :math:`T = (\mu_i -
    \mu_0)^2` (the paper cites Lemma B.2, which is refuted as stated: its bound has Z), after
    the weak event contains the strict one (Monotonicity)."""
    mu = random_symbol("mu_i")
    mu0 = sp.Symbol("mu_0", real=True)
    sigma = sp.Symbol("sigma_i^d", nonnegative=True)
    kappa = sp.Symbol("K_i", positive=True)
    big_t = (mu - mu0) ** 2
    defs = {sigma: E(big_t), kappa: E(big_t) ** 2 / E(big_t**2)}
    weak, strict = sp.Ge(big_t, theta * sigma), sp.Gt(big_t, theta * sigma)
    bound = (1 - theta) ** 2 * kappa
    fourth = sp.Gt(E(big_t**2), 0)
    params = [THETA, Param("mu_0", mu0, search=(-3, 3))]

    def env(rng: np.random.Generator, law: Any) -> dict[sp.Basic, Any]:
        return {mu0: evaluate(E(mu), law), theta: _theta_value(rng)}

    def law(lhs: Any, rhs: Any) -> Any:
        return law_check(
            lhs, rhs, single_law(mu, env=env), where=[fourth], definitions=defs, trials=60,
            label="exact discrete laws of mu_i (mu_0 its mean)",
        )

    steps = [
        Step(
            "B.6a", Pr(weak), ">=", Pr(strict),
            "Monotonicity: T > theta sigma_i^d implies T >= theta sigma_i^d",
            kind="probability", params=params,
            lemmas=(lemma("Monotonicity", A=strict, B=weak),),
            law=law(Pr(weak), Pr(strict)),
        ),
        Step(
            "B.6b", Pr(strict), ">=", bound,
            "Paley-Zygmund (library; Lemma B.2 (corrected)) with T = ||mu_i - mu_0||^2, "
            "E T = sigma_i^d; the cited Lemma B.2 as stated (with Z) is refuted",
            kind="probability", params=params,
            lemmas=(lemma("Paley-Zygmund", T=big_t, theta=theta),),
            law=law(Pr(strict), bound),
        ),
    ]
    return Claim(
        "Lemma B.6",
        "Pr[||mu_i - mu_0||^2 >= theta sigma_i^d] >= (1-theta)^2 K_i",
        [THETA],
        steps,
        section="B",
        domain="theta in [0, 1]; a mean law with 0 < E(mu_i - mu_0)^4 < oo (K_i defined); "
        "one-dimensional means",
        definitions=defs,
        assumptions=[fourth],
        conclusion=[(Pr(weak), ">=", bound)],
    )


def claims() -> list[Claim]:
    return [lemma_b2(), lemma_b3(), lemma_b4(), lemma_b5(), lemma_b6()]
