r"""Theorem 6.1 (hallucination probability lower bound), as stated, with proof (B.5).

Exact cases: one-dimensional outputs, N = 2 independent discrete mean laws with a common
mean :math:`\mu_0`, rational weights, each :math:`U_i^\delta` the open interval of radius
:math:`r` around :math:`\mu_i` (the Normal(:math:`\mu_i`, 1) family at
:math:`\delta = e^{-r^2/2}/\sqrt{2\pi}`), so :math:`r_i = r_x = r`, and rational
:math:`\alpha_i > 1` with :math:`\theta_i(\alpha_i) \le 1` (the theorem's hypothesis).
Probabilities are exact rationals; sides involving :math:`d = (\sum_j p_j^2\sigma_j^d)^{1/2}`
are evaluated in 50-digit mpmath. :math:`P_i` is bounded below by a maximum over a grid of
:math:`\alpha`, so a violation of a bound by that grid value is a violation of the bound.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.proofs_checks.claims.bad_estimations import lemmas as lemmas_b
from hallbound.proofs_checks.claims.common import positive, unit
from hallbound.proofs_checks.claims.laws import MeanCase, at_least, at_most, random_case
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.engine.probability import DiscreteLaw, LawCheck
from hallbound.proofs_checks.engine.prover import normalize_sums
from hallbound.proofs_checks.library.lemma_library import Norm, lemma
from hallbound.proofs_checks.library.randomness import E, Pr, random_symbol

LABEL = "exact discrete mean laws (N = 2, d_a = 1)"
#: Why the later steps stay SUPPORTED: they held on every exact law tried, but their only
#: route, the paper's, goes through refuted steps (chain b, chain d, the independence steps).
NO_ROUTE = "no proof known: the paper's route through it is refuted (chain b, chain d)"
def _mp(x: Fraction | int) -> mpmath.mpf:
    x = Fraction(x)
    return mpmath.mpf(x.numerator) / x.denominator


@functools.cache
def _mp_functions() -> tuple[Any, Any, Any]:
    """theta, alpha_max and the objective, lambdified (mpmath) from the one SymPy source
    :mod:`hallbound.numeric.theorem61` (``THETA``, ``OBJECTIVE``); alpha_max solves
    ``THETA = 1`` for alpha."""
    from hallbound.numeric.theorem61 import ALPHA, OBJECTIVE, RX, SIGMA, THETA, D

    (top,) = [a for a in sp.solve(sp.Eq(THETA, 1), ALPHA) if a.could_extract_minus_sign() is False]
    args = (ALPHA, D, RX, SIGMA)
    return (
        sp.lambdify(args, THETA, modules="mpmath"),
        sp.lambdify((D, RX, SIGMA), top, modules="mpmath"),
        sp.lambdify(args, OBJECTIVE, modules="mpmath"),
    )


def _state(case: MeanCase, i: int) -> tuple[Any, Any, Any]:
    return mpmath.sqrt(_mp(case.d2())), _mp(case.get("r")), _mp(case.sigma(i))


def theta(case: MeanCase, i: int, alpha: Any) -> Any:
    r""":math:`\theta_i(\alpha) = (\alpha d + r_x)^2/\sigma_i^d` (50 digits)."""
    with mpmath.workdps(50):
        return _mp_functions()[0](alpha, *_state(case, i))


def alpha_max(case: MeanCase, i: int) -> Any:
    r"""Largest :math:`\alpha` with :math:`\theta_i(\alpha) \le 1`."""
    with mpmath.workdps(50):
        return _mp_functions()[1](*_state(case, i))


def p_lower(case: MeanCase, i: int, grid: int = 400) -> Any:
    r"""A lower bound of :math:`P_i = \max_\alpha (1-\alpha^{-2})(1-\theta_i(\alpha))^2`:
    the best :math:`\alpha` of a float grid, evaluated in 50 digits."""
    top = float(alpha_max(case, i))
    a = 1 + (top - 1) * np.arange(1, grid + 1) / grid
    objective = _mp_functions()[2]
    d, r, s = (float(v) for v in _state(case, i))
    vals = [float(objective(float(x), d, r, s)) for x in a]
    best = mpmath.mpf(float(a[int(np.argmax(vals))]))
    with mpmath.workdps(50):
        best = min(best, alpha_max(case, i))
        return objective(best, *_state(case, i))


def sample(rng: np.random.Generator) -> MeanCase:
    """A case meeting the hypothesis: alpha_max(i) > 1 for both states."""
    for _ in range(200):
        base = random_case(rng, n=2, atoms=3)
        smin = min(float(base.sigma(i)) for i in range(2))
        r = Fraction(int(rng.integers(0, 31)), 100) * Fraction(
            int(np.floor(np.sqrt(smin) * 100)), 100
        )
        case = MeanCase(base.p, base.laws, base.mu0, (("r", r),))
        tops = [alpha_max(case, i) for i in range(2)]
        if all(t > 1.01 for t in tops):
            a1 = Fraction(1) + Fraction(int(rng.integers(1, 100)), 100) * (
                Fraction(str(float(tops[0]))) - 1
            )
            if theta(case, 0, _mp(a1)) <= 1:
                return MeanCase(base.p, base.laws, base.mu0, (("r", r), ("alpha_1", a1)))
    raise RuntimeError("no case met the hypothesis")  # pragma: no cover


def _events(c: MeanCase):
    a, r, d2 = c.get("alpha_1"), c.get("r"), c.d2()
    e1 = lambda m: at_most(c.a_star(m) - c.mu0, d2, a)  # noqa: E731
    e2 = lambda m: at_least(m[0] - c.mu0, d2, a, r)  # noqa: E731
    return e1, e2


def _normal_delta(r: Fraction | float) -> float:
    r""":math:`\delta` at which the Normal(:math:`\mu`, 1) family's level set is the open
    interval of radius :math:`r`: its density at :math:`\mu + r`, from the family's one
    formula (:class:`hallbound.symbolic.families.Normal`)."""
    from hallbound.symbolic.families import Normal

    state = Normal.from_spec({"mean": [0], "cov": [[1]]})
    return float(state.density().subs(state.a, state.location() + sp.Rational(r)).evalf(30))


def _view(c: MeanCase) -> dict[str, Any]:
    out = c.describe()
    out["r_x"] = out.pop("r")
    out["delta"] = _normal_delta(c.get("r"))
    out["family"] = "Normal(mu_i, 1): U_i = open interval of radius r_x"
    out["K"] = [float(c.kappa(i)) for i in range(c.n)]
    out["sigma_d_i"] = [float(c.sigma(i)) for i in range(c.n)]
    return out


def _law(fn, trials: int = 150, cases: tuple = ()) -> LawCheck:
    return LawCheck(sample, fn, _view, trials=trials, cases=cases, label=LABEL)


def _centred(atoms: tuple[Fraction, ...], probs: tuple[Fraction, ...]) -> DiscreteLaw:
    """The law of ``atoms`` (weights ``probs``) shifted to mean 0."""
    mean = sum((a * q for a, q in zip(atoms, probs, strict=True)), Fraction(0))
    return DiscreteLaw(tuple(a - mean for a in atoms), probs)


#: A case of the theorem's hypothesis (alpha_max(i) > 1 for both states, theta_1(alpha_1)
#: <= 1) where (B.5 chain b) fails: Pr[|A* - mu_1| > r] = 579/1250 < Pr[E1] Pr[E2] (found by
#: a random search over two- and three-point laws, then made rational; exact).
CHAIN_B_WITNESS = MeanCase(
    (Fraction(27, 50), Fraction(23, 50)),
    (
        _centred((Fraction(-8, 3), Fraction(1, 4), Fraction(9, 4)),
                 (Fraction(77, 200), Fraction(35, 200), Fraction(88, 200))),
        _centred((Fraction(8, 5), Fraction(-3)), (Fraction(66, 100), Fraction(34, 100))),
    ),
    Fraction(0),
    (("r", Fraction(61, 100)), ("alpha_1", Fraction(101, 100))),
)


def b9(c):
    a, d2 = c.get("alpha_1"), c.d2()
    return (
        c.prob(lambda m: at_most(c.a_star(m) - c.mu0, d2, a)),
        1 - c.sum_p2() * c.sigma_d() / (a * a * d2),
    )


def b10(c):
    _, e2 = _events(c)
    with mpmath.workdps(50):
        th = theta(c, 0, _mp(c.get("alpha_1")))
        return c.prob(e2), (1 - th) ** 2 * _mp(c.kappa(0))


def c1(c):
    r = c.get("r")
    return (
        c.prob(lambda m: abs(c.a_star(m) - m[0]) >= r),
        c.prob(lambda m: abs(c.a_star(m) - m[0]) > r),
    )


def c2(c):
    e1, e2 = _events(c)
    r = c.get("r")
    return c.prob(lambda m: abs(c.a_star(m) - m[0]) > r), c.prob(e1) * c.prob(e2)


def c2_indep(c):
    e1, e2 = _events(c)
    return c.prob(lambda m: e1(m) and e2(m)), c.prob(e1) * c.prob(e2)


def c3(c):
    e1, e2 = _events(c)
    a = c.get("alpha_1")
    with mpmath.workdps(50):
        th = theta(c, 0, _mp(a))
        first = 1 - _mp(c.sum_p2() * c.sigma_d() / (a * a * c.d2()))
        return _mp(c.prob(e1) * c.prob(e2)), first * (1 - th) ** 2 * _mp(c.kappa(0))


def c5(c):
    r = c.get("r")
    with mpmath.workdps(50):
        return (c.prob(lambda m: abs(c.a_star(m) - m[0]) >= r), p_lower(c, 0) * _mp(c.kappa(0)))


def _all_out(c):
    r = c.get("r")
    return c.prob(lambda m: all(abs(c.a_star(m) - x) >= r for x in m))


def c6(c):
    with mpmath.workdps(50):
        rhs = mpmath.mpf(1)
        for i in range(c.n):
            rhs *= p_lower(c, i) * _mp(c.kappa(i))
        return _all_out(c), rhs


def c6_indep(c):
    r = c.get("r")
    f = [lambda m, i=i: abs(c.a_star(m) - m[i]) >= r for i in range(2)]
    return _all_out(c), c.prob(f[0]) * c.prob(f[1])


def c4_step() -> Step:
    p1 = sp.Symbol("p_1", positive=True)
    s1, s1p = positive("sigma_1^d", search=(1e-2, 1e2))
    s2, s2p = positive("sigma_2^d", search=(1e-2, 1e2))
    a = sp.Symbol("alpha_i", positive=True)
    th, thp = unit("theta_i")
    kk, kp = unit("K_i", lo_open=True)
    sum_p2 = p1**2 + (1 - p1) ** 2
    d2 = p1**2 * s1 + (1 - p1) ** 2 * s2
    return Step(
        "B.5 chain d",
        (1 - sum_p2 * (s1 + s2) / (a**2 * d2)) * (1 - th) ** 2 * kk,
        "=",
        (1 - 1 / a**2) * (1 - th) ** 2 * kk,
        "d_i = alpha_i d, d^2 = sum_j p_j^2 sigma_j^d (N = 2)",
        params=[
            Param("p_1", p1, lo=0, hi=1, lo_open=True, hi_open=True),
            s1p,
            s2p,
            Param("alpha_i", a, lo=1, lo_open=True, search=(1, 10)),
            thp,
            kp,
        ],
        note="(sum p^2) sigma^d / d^2 >= 1, with equality only in special cases",
    )


def claims() -> list[Claim]:
    b5, b6 = lemmas_b.lemma_b5(), lemmas_b.lemma_b6()
    b9_steps, b10_steps = _b9_steps(b5), _b10_steps(b6)
    # Definition 6.3: outside the closed ball B_i(r_x) is outside U_i (U_i inside the ball)
    a_star, mu_i = random_symbol("A*"), sp.Symbol("mu_i", real=True)
    far = sp.Gt(Norm(a_star - mu_i), sp.Symbol("r_x", nonnegative=True))
    outside = sp.Symbol("A* notin U_i")
    steps = [
        *b9_steps,
        *b10_steps,
        Step(
            "B.5 chain a",
            Pr(outside),
            ">=",
            Pr(far),
            "U_i is inside the closed ball B_i(r_i) (Definition 6.3): outside the ball is "
            "outside U_i; monotonicity of Pr",
            kind="probability",
            lemmas=(lemma("Monotonicity", A=far, B=outside),),
            law=_law(c1),
        ),
        Step(
            "B.5 chain b",
            "Pr[A* notin B_i(r_i)]",
            ">=",
            "Pr[||A* - mu_0|| <= d_i] * Pr[||mu_i - mu_0|| >= d_i + r_x]",
            "event inclusion and independence",
            kind="probability",
            law=_law(c2, 300, cases=(CHAIN_B_WITNESS,)),
            note="E1 and E2 and {A* in B_i} are not independent: with N = 2 the lhs falls "
            "below the product (CHAIN_B_WITNESS)",
        ),
        Step(
            "B.5 chain b (independence)",
            "Pr[E1 and E2]",
            "independent",
            "Pr[E1] Pr[E2]",
            "by independence: E1 = {||A* - mu_0|| <= d_i}, E2 = {||mu_i - mu_0|| >= d_i + r_x}",
            kind="independence",
            law=_law(c2_indep),
            note="A* = sum_j p_j mu_j depends on mu_i, so E1 and E2 are not independent",
        ),
        _chain_c(b9_steps[-1], b10_steps[-1]),
        c4_step(),
        Step(
            "B.5 chain e",
            "Pr[A* notin U_i]",
            ">=",
            "P_i K_i",
            "choose alpha_i to maximise",
            kind="probability",
            law=_law(c5, 60),
            note=NO_ROUTE,
        ),
        Step(
            "B.5 product",
            "Pr[A* notin U_i for all i]",
            ">=",
            "prod_i P_i K_i",
            "given the d_i^mu are independent",
            kind="probability",
            law=_law(c6, 60),
            note=NO_ROUTE,
        ),
        Step(
            "B.5 product (independence)",
            "Pr[A* notin U_1 and A* notin U_2]",
            "independent",
            "Pr[A* notin U_1] Pr[A* notin U_2]",
            "the d_i^mu are independent",
            kind="independence",
            law=_law(c6_indep),
            note="the events share A*: independent mean laws do not make them independent",
        ),
        Step(
            "Theorem 6.1 (statement)",
            "P_H^delta",
            ">",
            "prod_i P_i K_i",
            "(B.5)",
            kind="probability",
            law=_law(c6, 60),
            note=NO_ROUTE,
        ),
    ]
    steps.append(mc_statement_step())
    hyps = [Param("alpha_i", sp.Symbol("alpha_i", positive=True), lo=1, lo_open=True)]
    return [
        Claim(
            "Theorem 6.1",
            "P_H^delta > prod_i P_i K_i",
            hyps,
            steps,
            section="6",
            domain="Assumption 6.1; every i has alpha_i > 1 with theta_i(alpha_i) <= 1",
            # Lemma B.5's sum_i p_i = 1, Lemma B.6's E(mu_i - mu_0)^4 > 0; Definition 6.3
            assumptions=[*b5.assumptions, *b6.assumptions, ("implies", far, outside)],
        )
    ]


def _merged(*groups: Any) -> list[Param]:
    """The parameters of several steps, each symbol once."""
    out: dict[Any, Param] = {}
    for group in groups:
        for p in group:
            out.setdefault(p.symbol, p)
    return list(out.values())


def _chain_c(b9_step: Step, b10_step: Step) -> Step:
    r"""(B.5 chain c) :math:`\Pr[E_1]\Pr[E_2] \ge (1 - (\sum p^2)\sigma^d/d_i^2)\,
    (1-\theta)^2 K_i`, written out: the product of the sides of (B.9) and (B.10). (B.10) is
    solved for :math:`\Pr[E_2]`, (B.9) for the expectation in its bound, so that
    :math:`\Pr[E_1] \ge 0` stays in the step (the bound of (B.9) may be negative)."""
    # the engine expands the product (it holds sums) down into Pr and E: written so
    l9, r9 = (normalize_sums(x) for x in (b9_step.lhs, b9_step.rhs))
    l10, r10 = (sp.expand(x) for x in (b10_step.lhs, b10_step.rhs))
    (moment,) = [a for a in r9.atoms(E) if a.has(sp.Sum)]
    return Step(
        "B.5 chain c",
        l9 * l10,
        ">=",
        r9 * r10,
        "(B.9) and (B.10): Pr[E1] >= l_1, Pr[E2] >= l_2 >= 0 and Pr[E1] >= 0 give "
        "Pr[E1] Pr[E2] >= l_1 l_2",
        kind="probability",
        premises=(
            Premise(sp.Ge(l10, r10), by=b10_step.name, solve_for=l10),
            Premise(sp.Ge(l9, r9), by=b9_step.name, solve_for=moment),
        ),
        params=_merged(b9_step.params, b10_step.params),
        law=_law(c3),
    )


def _b10_steps(b6: Claim) -> list[Step]:
    r"""(B.10) from Lemma B.6's own steps (the weak event contains the strict one; the
    library's Paley-Zygmund with :math:`T = (\mu_i - \mu_0)^2`), then the two composed;
    ``theta`` stands for :math:`\theta_i(\alpha_i) \in [0, 1]` (the theorem's hypothesis)."""
    import dataclasses

    defs = dict(b6.definitions)  # written out: sigma_i^d and K_i are the paper's 6.1 symbols
    weak, strict = (
        dataclasses.replace(st, name=name, lhs=st.lhs.xreplace(defs), rhs=st.rhs.xreplace(defs))
        for st, name in zip(b6.steps, ("B.10a (weak event)", "B.10b (Paley-Zygmund)"),
                            strict=True)
    )
    # the Monotonicity instance at the written-out events (Pr(B) >= Pr(A), A = strict event)
    weak.lemmas = (lemma("Monotonicity", A=weak.rhs.args[0], B=weak.lhs.args[0]),)
    composed = Step(
        "B.10",
        weak.lhs,
        ">=",
        strict.rhs,
        "Lemma B.6 (sigma_i^d = E(mu_i - mu_0)^2, K_i = (sigma_i^d)^2 / E(mu_i - mu_0)^4): "
        "(B.10a) and (B.10b)",
        kind="probability",
        premises=(
            Premise(sp.Ge(weak.lhs, weak.rhs), by=weak.name, solve_for=weak.lhs),
            Premise(sp.Ge(strict.lhs, strict.rhs), by=strict.name, solve_for=strict.lhs),
        ),
        params=list(weak.params),
        law=_law(b10),
    )
    return [weak, strict, composed]


# ----- (B.9) from Lemma B.5's own steps, the complement and monotonicity ------------------
def canonical(expr: Any) -> Any:
    r"""``expr`` in the form the engine substitutes premises in: finite sums expanded
    (:func:`normalize_sums`), a sum of a term free of its index written as a product
    (:math:`\sum_{i=1}^N c = N c`), and each relation inside ``Pr`` in SymPy's canonical
    order (solving a premise writes them so)."""
    out = normalize_sums(expr)
    out = out.replace(
        lambda e: isinstance(e, sp.Sum) and not e.function.has(e.limits[0][0]),
        lambda e: e.function * (e.limits[0][2] - e.limits[0][1] + 1),
    )
    return out.replace(lambda e: isinstance(e, Pr), lambda e: Pr(e.args[0].canonical))


B5_PREFIX = "Lemma B.5: "


def _written_out(step: Step, defs: dict, cites: dict[str, str]) -> Step:
    """``step`` of Lemma B.5 with its definitions (A*, sigma^d) written out in its sides, its
    ``given`` and its lemma instances, renamed with :data:`B5_PREFIX`, without its law check
    (Lemma B.5's own claim runs it)."""
    import dataclasses

    def w(e: Any) -> Any:
        return e.xreplace(defs) if isinstance(e, sp.Basic) else e

    lemmas = tuple(
        dataclasses.replace(
            inst,
            conclusion=tuple(w(x) for x in inst.conclusion),
            hypotheses=tuple(h.map(w) for h in inst.hypotheses),
        )
        for inst in step.lemmas
    )
    return dataclasses.replace(
        step, name=B5_PREFIX + step.name, lhs=w(step.lhs), rhs=w(step.rhs), lemmas=lemmas,
        given={w(k): w(v) for k, v in dict(step.given).items()},
        cites=tuple(cites.get(c, c) for c in step.cites),
        law=None,  # checked on exact laws in Lemma B.5's own claim: the proof is what is used
    )


def _b9_steps(b5: Claim) -> list[Step]:
    r"""(B.9) :math:`\Pr[\|\mu_0 - A^*\|^2 \le d_i^2] \ge 1 - (\sum p^2)\sigma^d/d_i^2`:
    Lemma B.5's steps (written out), their composition (B.9c), the trust base's
    ``Complement`` (B.9a) and ``Monotonicity`` (B.9b: the strict event is inside the weak one).
    ``d_1`` of Lemma B.5 stands for :math:`d_i = \alpha_i d > 0`."""
    defs = dict(b5.definitions)
    names = {st.name: B5_PREFIX + st.name for st in b5.steps}
    copied = [_written_out(st, defs, names) for st in b5.steps]
    # a definition step (B.5b: A* = sum_i p_i mu_i) reads x = x once written out: left out
    copied = [st for st in copied if not (st.rel == "=" and st.lhs == st.rhs)]
    by = {st.name: st for st in copied}
    # the engine expands finite sums before it substitutes premises: the composed steps are
    # written in that normal form, so that their premises' atoms are found in their sides
    norm = canonical
    raw = b5.conclusion[0][0].xreplace(defs)  # Pr[(mu_0 - A*)^2 >= d_1^2]
    dev, d2 = raw.args[0].lhs, raw.args[0].rhs
    event, bound = norm(raw), norm(b5.conclusion[0][2].xreplace(defs))
    strict, weak = norm(Pr(sp.Lt(dev, d2))), norm(Pr(sp.Le(dev, d2)))
    params = list(copied[0].params)

    def premise(name: str, solve_for: Any) -> Premise:
        st = by[B5_PREFIX + name]
        return Premise(sp.Rel(norm(st.lhs), norm(st.rhs), "==" if st.rel == "=" else st.rel),
                       by=st.name, solve_for=solve_for)

    def atom(name: str) -> Any:
        return next(iter(norm(by[B5_PREFIX + name].lhs).atoms(E)))

    middle = norm(by[B5_PREFIX + "B.5c"].rhs)
    first = Step(
        "B.9c1 (Lemma B.5)", event, "<=", middle,
        "Lemma B.5: (B.5a) and (B.5c) composed", kind="probability", params=params,
        premises=(premise("B.5a", event), premise("B.5c", atom("B.5c"))),
    )
    composed = Step(
        "B.9c (Lemma B.5)", event, "<=", bound,
        "Lemma B.5: (B.9c1), (B.5d) and (B.5e) composed", kind="probability", params=params,
        premises=(
            Premise(sp.Le(event, middle), by=first.name, solve_for=event),
            premise("B.5d", atom("B.5d")),
            premise("B.5e", atom("B.5e")),
        ),
    )
    complement = Step(
        "B.9a (complement)", strict, "=", 1 - event,
        "the complement of {(mu_0 - A*)^2 >= d_i^2} is {(mu_0 - A*)^2 < d_i^2}",
        kind="probability", params=params,
        lemmas=(lemma("Complement", A=event.args[0]),),
    )
    weaker = Step(
        "B.9b (weak event)", weak, ">=", strict,
        "the strict event is inside the weak one: monotonicity of Pr",
        kind="probability", params=params,
        lemmas=(lemma("Monotonicity", A=strict.args[0], B=weak.args[0]),),
    )
    b9_step = Step(
        "B.9", weak, ">=", 1 - bound,
        "(B.9b), (B.9a) and Lemma B.5 (B.9c)",
        kind="probability", params=params,
        premises=(
            Premise(sp.Ge(weak, strict), by=weaker.name, solve_for=weak),
            Premise(sp.Eq(strict, 1 - event), by=complement.name, solve_for=strict),
            Premise(sp.Le(event, bound), by=composed.name, solve_for=event),
        ),
        law=_law(b9),
        note="Pr[X <= a] >= Pr[X < a] = 1 - Pr[X >= a] (Monotonicity, Complement)",
    )
    return [*copied, first, composed, complement, weaker, b9_step]


# ----- Monte Carlo: the statement with Normal mean laws (continuous) ---------------------
MC_DRAWS = 20_000


@functools.cache
def _normal_law() -> tuple[float, float]:
    r""":math:`(m_2, m_4/m_2^2)` of the standard Normal mean law, from its record
    (:func:`hallbound.symbolic.mean_laws.standard_moments`): :math:`\sigma_i^d = m_2 s_i^2` in
    one dimension and :math:`K_i = m_2^2/m_4` (the record gives 1 and 3)."""
    from hallbound.symbolic.mean_laws import standard_moments

    m2, m4 = standard_moments("normal")
    return float(m2), float(m4 / m2**2)


@functools.cache
def _float_functions() -> tuple[Any, Any]:
    """alpha_max and the objective for floats (NumPy), lambdified from the same SymPy source
    as :func:`_mp_functions` (:mod:`hallbound.numeric.theorem61`)."""
    from hallbound.numeric.theorem61 import ALPHA, OBJECTIVE, RX, SIGMA, THETA, D

    (top,) = [a for a in sp.solve(sp.Eq(THETA, 1), ALPHA) if a.could_extract_minus_sign() is False]
    return (
        sp.lambdify((D, RX, SIGMA), top, modules="numpy"),
        sp.lambdify((ALPHA, D, RX, SIGMA), OBJECTIVE, modules="numpy"),
    )


def _mc_moments(p: Any, s: Any) -> tuple[float, list[float]]:
    r""":math:`d = (\sum_j p_j^2\sigma_j^d)^{1/2}` and the :math:`\sigma_i^d = m_2 s_i^2`."""
    m2 = _normal_law()[0]
    sigma = [m2 * x * x for x in s]
    return float(np.sqrt(sum(q * q * v for q, v in zip(p, sigma, strict=True)))), sigma


def _mc_sample(rng: np.random.Generator) -> dict[str, Any]:
    """p, Normal mean-law scales s_i (mu_i ~ N(mu_0, s_i^2), d_a = 1), r: the hypothesis."""
    top = _float_functions()[0]
    for _ in range(200):
        p1 = float(rng.uniform(0.2, 0.8))
        s = rng.uniform(0.5, 3.0, size=2)
        r = float(rng.uniform(0, 0.3)) * float(s.min())
        d, sigma = _mc_moments([p1, 1 - p1], s)
        if all(top(d, r, sigma[i]) > 1.01 for i in range(2)):
            return {
                "p": [p1, 1 - p1],
                "s": [float(x) for x in s],
                "r": r,
                "seed": int(rng.integers(2**31)),
            }
    raise RuntimeError("no case met the hypothesis")  # pragma: no cover


def _mc_p_lower(p: list[float], s: list[float], r: float, i: int) -> float:
    top, objective = _float_functions()
    d, sigma = _mc_moments(p, s)
    a = 1 + (top(d, r, sigma[i]) - 1) * np.arange(1, 401) / 400
    return float(np.max(objective(a, d, r, sigma[i])))


def _mc_eval(case: dict[str, Any]):
    from hallbound.proofs_checks.engine.probability import MCEstimate
    from hallbound.symbolic.mean_laws import draw_standard

    rng = np.random.default_rng(case["seed"])
    # mu_i = mu_0 + s_i xi_i, mu_0 = 0: the Normal record's draws (the Monte Carlo stream)
    mu = draw_standard(rng, "normal", (MC_DRAWS, 2)) * np.asarray(case["s"])
    a_star = mu @ np.asarray(case["p"])
    hits = int(np.all(np.abs(a_star[:, None] - mu) >= case["r"], axis=1).sum())
    rhs = 1.0
    for i in range(2):  # K_i = m_2^2 / m_4 of the Normal mean law in one dimension
        rhs *= _mc_p_lower(case["p"], case["s"], case["r"], i) / _normal_law()[1]
    return MCEstimate(hits, MC_DRAWS), rhs


def mc_statement_step() -> Step:
    law = LawCheck(
        _mc_sample,
        _mc_eval,
        lambda c: {"N": 2, "d_a": 1, "p": c["p"], "mean_law": "normal", "s": c["s"], "r_x": c["r"]},
        trials=8,
        label="Normal mean laws, N = 2, d_a = 1",
        monte_carlo=True,
    )
    return Step(
        "Theorem 6.1 (statement, Monte Carlo)",
        "P_H^delta",
        ">",
        "prod_i P_i K_i",
        "(B.5)",
        kind="probability",
        law=law,
        note="Monte Carlo on Normal mean laws: sampled by its nature (the exact step above "
        "is the same relation)",
    )
