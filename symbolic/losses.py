r"""Losses and the derivation of their Bayes-optimal estimators for a latent mixture.

A :class:`Loss` is :math:`\ell(s, a)`, the cost of estimate :math:`s` for target :math:`a`,
written once as a SymPy expression (:meth:`Loss.expression`); its numeric form
(:meth:`Loss.numeric`) and LaTeX come from it. :meth:`Loss.derive` derives (it does not look
up) the minimiser of :math:`E[\ell(s, A)]` for :math:`A \sim \sum_i p_i f_i` and returns a
:class:`~hallbound.symbolic.derivation.Derivation`:

=====================  ===============================================  ==================
loss                   :math:`\ell(s, a)`                               optimal estimate
=====================  ===============================================  ==================
``squared``            :math:`\|a - s\|^2`                               mean
``bregman``            :math:`D_\phi(a, s)` (``generator`` option)       mean
``mahalanobis``        :math:`(a-s)^\top W (a-s)`                        mean
``kl``                 :math:`\sum_j a_j\ln(a_j/s_j) - a_j + s_j`        mean
``itakura_saito``      :math:`\sum_j a_j/s_j - \ln(a_j/s_j) - 1`         mean
``brier``              :math:`\|s - a\|^2` (probability vectors)         mean (the law)
``cross_entropy``      :math:`-\sum_t a_t \ln s_t`                       mean (the law)
``absolute``           :math:`\sum_j |a_j - s_j|`                        median
``pinball``            :math:`\sum_j \rho_\tau(a_j - s_j)` (``tau``)     :math:`\tau`-quantile
``zero_one``           :math:`1\{s \ne a\}`                              mode
=====================  ===============================================  ==================

Use :func:`make_loss` (by name, with options) and :func:`symbolic_mixture` (N states with
symbolic weights and means) to build derivations. The :class:`Loss` contract and the symbolic
mixtures live in :mod:`hallbound.symbolic.loss_base`; this module holds the concrete losses
and their registry, and re-exports the contract's public names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.bregman import (
    GENERATORS,
    Coords,
    Generator,
    bregman_divergence,
    coordinates,
    derive_bregman_mean,
    generator,
    mahalanobis_matrix,
)
from hallbound.symbolic.derivation import Derivation, Label
from hallbound.symbolic.families import Family
from hallbound.symbolic.loss_base import (
    DOMAINS,
    LAW_KINDS,
    Loss,
    TestOption,
    _weight_sum_subs,
    estimate_symbol,
    law_kind,
    lowest_point,
    state_means,
    symbolic_mixture,
)
from hallbound.symbolic.mixture import LatentMixture

# ----- mean-type losses (Bregman) -------------------------------------------------------


def numeric_generators() -> tuple[str, ...]:
    r"""Named Bregman generators whose :math:`\phi(x)` is a concrete expression of
    :math:`x` alone (no undefined function, no symbolic weight): those with a numeric value."""
    x = coordinates("x", 2, positive=True)
    out = []
    for key, gen in GENERATORS.items():
        phi = gen.phi(x)
        if not phi.atoms(sp.core.function.AppliedUndef) and phi.free_symbols <= set(x):
            out.append(key)
    return tuple(sorted(out))


class BregmanLoss(Loss):
    r""":math:`D_\phi(a, s) = \phi(a) - \phi(s) - \nabla\phi(s)^\top(a - s)`; optimum: the mean."""

    name = "bregman"
    estimator = "mean"
    description = "Bregman divergence D_phi(a, s) (option generator)"
    option_names: ClassVar[tuple[str, ...]] = ("generator",)
    fixed_generator: ClassVar[str | None] = None
    #: The generic generator has no numeric value, and each named one with a numeric value
    #: is registered as a loss of its own, so ``bregman`` itself is not run numerically.
    law_kinds: ClassVar[frozenset[str]] = frozenset()
    test_options: ClassVar[dict[str, TestOption]] = {
        "generator": TestOption("choice", choices=numeric_generators())
    }

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        name = self.fixed_generator or self.options.get("generator", "generic")
        if not isinstance(name, str):
            raise InputError("generator", f"must be a name, got {name!r}")
        self.generator: Generator = generator(name)
        if self.generator.positive:
            self.domain = "positive"

    def symbols(self, dim: int = 1) -> tuple[Coords, Coords]:
        pos = self.generator.positive
        return coordinates("s", dim, pos), coordinates("a", dim, pos)

    def expression(self, s: Coords, a: Coords) -> sp.Expr:
        """The divergence's named closed form when it has one, else :math:`D_\\phi(a, s)`."""
        if self.generator.divergence is not None:
            return self.generator.divergence(a, s)
        return bregman_divergence(self.generator, a, s)

    def derive(self, mixture: LatentMixture) -> Derivation:
        return derive_bregman_mean(
            self.generator,
            mixture.weights,
            [s.mean() for s in mixture.states],
            mixture.dim,
            title=f"Bayes-optimal estimate under the {self.name} loss "
            f"({self.generator.description})",
        )


class SquaredLoss(BregmanLoss):
    r"""Squared Euclidean :math:`\|a - s\|^2` (Definition 3.1; Lemma B.1: the mean)."""

    name = "squared"
    description = "squared Euclidean ||a - s||^2"
    option_names = ()
    fixed_generator = "squared"
    law_kinds = frozenset({"continuous", "discrete", "simplex"})

    def quadratic_weight(self, dim: int) -> np.ndarray:
        """:math:`W = I`."""
        return np.eye(dim)


class MahalanobisLoss(BregmanLoss):
    r"""Squared Mahalanobis :math:`(a - s)^\top W (a - s)`, W positive definite (option ``W``).

    The derivation keeps W symbolic; a numeric ``W`` only enters :meth:`expression`.
    """

    name = "mahalanobis"
    description = "squared Mahalanobis (a - s)^T W (a - s)"
    option_names = ("W",)
    fixed_generator = "mahalanobis"
    law_kinds = frozenset({"continuous", "discrete"})
    test_options = {"W": TestOption("positive_definite")}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.W: np.ndarray | None = None
        if "W" in self.options:
            w = np.atleast_2d(np.asarray(self.options["W"], dtype=float))
            if w.shape[0] != w.shape[1] or not np.all(np.isfinite(w)):
                raise InputError("W", "must be a finite square matrix")
            if not np.allclose(w, w.T) or np.linalg.eigvalsh(w).min() <= 0:
                raise InputError("W", "must be symmetric positive definite")
            self.W = w

    def expression(self, s: Coords, a: Coords) -> sp.Expr:
        diff = sp.Matrix(a) - sp.Matrix(s)
        if self.W is None:
            W = mahalanobis_matrix(len(s))
        else:
            if self.W.shape[0] != len(s):
                raise InputError("W", f"must be {len(s)}x{len(s)}, got {self.W.shape}")
            W = sp.Matrix(self.W.tolist())
        return (diff.T * W * diff)[0, 0]

    def quadratic_weight(self, dim: int) -> np.ndarray | None:
        """The numeric ``W`` when it is ``dim x dim`` (``None`` while W is symbolic)."""
        if self.W is None or self.W.shape != (dim, dim):
            return None
        return self.W

    def coordinate_loss(self, coord: int = 0) -> Callable[[Any, Any], Any]:
        r""":math:`\ell_j(s_j, a_j) = W_{jj}(a_j - s_j)^2`: separable only for a diagonal
        numeric ``W`` (else :class:`InputError`)."""
        if self.W is None:
            raise InputError("W", "a numeric W is needed for numeric values")
        if np.any(self.W != np.diag(np.diag(self.W))):
            raise InputError("W", "a non-diagonal W is not a sum over coordinates")
        w = float(self.W[coord, coord])

        def ell(sj: Any, aj: Any) -> Any:
            return w * (aj - sj) ** 2

        return ell


class KLLoss(BregmanLoss):
    r"""Generalised KL :math:`\sum_j a_j \ln(a_j/s_j) - a_j + s_j` (positive vectors)."""

    name = "kl"
    description = "generalised KL divergence"
    option_names = ()
    fixed_generator = "kl"
    domain = "positive"
    #: exact sums over a positive finite support (the continuous built-ins are not positive)
    law_kinds = frozenset({"discrete"})


class ItakuraSaitoLoss(BregmanLoss):
    r"""Itakura-Saito :math:`\sum_j a_j/s_j - \ln(a_j/s_j) - 1` (positive vectors)."""

    name = "itakura_saito"
    description = "Itakura-Saito divergence"
    option_names = ()
    fixed_generator = "itakura_saito"
    domain = "positive"
    #: exact sums over a positive finite support (the continuous built-ins are not positive)
    law_kinds = frozenset({"discrete"})


class BrierLoss(BregmanLoss):
    r"""Brier score :math:`\|s - a\|^2` on probability vectors: strictly proper; optimum the
    law itself, i.e. the mean vector :math:`\sum_i p_i \mu_i` (in the simplex when every
    :math:`\mu_i` is)."""

    name = "brier"
    estimator = "law"
    description = "Brier score ||s - a||^2 (a proper scoring rule)"
    option_names = ()
    fixed_generator = "squared"
    domain = "simplex"
    law_kinds = frozenset({"simplex"})

    def quadratic_weight(self, dim: int) -> np.ndarray:
        """:math:`W = I`."""
        return np.eye(dim)

    def derive(self, mixture: LatentMixture) -> Derivation:
        der = super().derive(mixture)
        der.title = "Bayes-optimal forecast under the Brier score (squared loss on the simplex)"
        der.step(
            sp.Eq(Label("sum_t s*_t", r"\sum_t s^*_t"), _total(der.result), evaluate=False),
            "the unconstrained minimiser is the mean vector; when every mu_i lies in the "
            "simplex so does the mixture mean, so the simplex constraint is inactive (zero "
            "Lagrange multiplier) and the forecast is the mixture law itself: Brier is "
            "strictly proper",
        )
        return der


def _total(result: Any) -> sp.Expr:
    return sp.Add(*result) if isinstance(result, sp.MatrixBase) else result


# ----- cross-entropy ------------------------------------------------------------------------


class CrossEntropyLoss(Loss):
    r"""Log loss :math:`\ell(q, a) = -\sum_t a_t \ln q_t` over forecasts :math:`q` in the
    simplex (Definition C.1, with the target a probability or one-hot vector).

    Derivation (Gibbs' inequality / Lagrange multiplier): with :math:`m = E[A] =
    \sum_i p_i \mu_i`, :math:`q^*_t = m_t / \sum_u m_u`, i.e. :math:`q^* = m` when the
    targets lie in the simplex.
    """

    name = "cross_entropy"
    estimator = "law"
    description = "cross-entropy / log loss -sum_t a_t log s_t"
    domain = "simplex"
    law_kinds = frozenset({"simplex"})

    def symbols(self, dim: int = 1) -> tuple[Coords, Coords]:
        return coordinates("s", dim, positive=True), coordinates("a", dim)

    def expression(self, s: Coords, a: Coords) -> sp.Expr:
        return -sp.Add(*[at * sp.log(st) for st, at in zip(s, a, strict=True)])

    def derive(self, mixture: LatentMixture) -> Derivation:
        dim = mixture.dim
        if dim < 2:
            raise InputError(
                "dim", "cross_entropy needs probability-vector targets over C = dim >= 2 classes"
            )
        weights = mixture.weights
        mus = state_means(mixture)
        q, a = self.symbols(dim)
        lam = sp.Symbol("lambda", real=True)
        m = sp.zeros(dim, 1)
        for p, mu in zip(weights, mus, strict=True):
            m += p * mu
        m_syms = list(sp.symbols(f"m_1:{dim + 1}", positive=True))
        der = Derivation("Bayes-optimal forecast under cross-entropy (log loss)")
        der.estimator = "q^*"
        der.assumptions = ["sum_i p_i = 1", "m_t = E[A_t] > 0", "each mu_i sums to 1"]
        loss = self.expression(q, a)
        der.step(
            sp.Eq(Label("L(a, q)"), loss, evaluate=False),
            "Definition C.1: cross-entropy of forecast q (in the simplex) for target a",
        )
        risk = -sp.Add(*[mt * sp.log(qt) for mt, qt in zip(m_syms, q, strict=True)])
        der.step(
            sp.Eq(Label("E[L(A, q)]"), risk, evaluate=False),
            "L is linear in a, so E replaces a_t by m_t = E[A_t] = sum_i p_i mu_{i,t}",
            verified=sp.diff(loss, a[0], 2) == 0,
        )
        for t in range(dim):
            der.step(
                sp.Eq(m_syms[t], m[t], evaluate=False),
                "mixture mean of coordinate t (linearity)",
            )
        lagr = risk + lam * (sp.Add(*q) - 1)
        stationary = sp.solve([sp.diff(lagr, qt) for qt in q], q, dict=True)[0]
        der.step(
            sp.Eq(Label("q_t"), stationary[q[0]].subs(m_syms[0], Label("m_t")), evaluate=False),
            "Lagrangian E[L] + lambda (sum_t q_t - 1): d/dq_t gives -m_t/q_t + lambda = 0",
            verified=True,
        )
        lam_val = sp.solve(sp.Add(*[stationary[qt] for qt in q]) - 1, lam)[0]
        der.identity(lam_val, sp.Add(*m_syms), "the constraint sum_t q_t = 1", show=lam)
        q_star = sp.Matrix([stationary[qt].subs(lam, lam_val) for qt in q])
        der.step(
            sp.Eq(Label("q*"), q_star, evaluate=False),
            "substitute lambda",
            verified=True,
        )
        # Gibbs: excess risk over m/sum(m) is (sum m) KL(m/sum m || q) >= 0
        sub_star = dict(zip(q, q_star, strict=True))
        excess = risk - risk.subs(sub_star)
        total = sp.Add(*m_syms)
        kl = sp.Add(*[mt * sp.log((mt / total) / qt) for mt, qt in zip(m_syms, q, strict=True)])
        der.identity(
            sp.expand_log(excess, force=True),
            sp.expand_log(kl, force=True),
            "Gibbs' inequality: the excess risk is (sum_t m_t) KL(m / sum m || q) >= 0, "
            "zero only at q = q*",
            show=Label("E[L(A, q)] - E[L(A, q*)]", r"E[L(A, q)] - E[L(A, q^*)]"),
        )
        # with targets in the simplex, sum_t m_t = 1
        subs = {mu[dim - 1]: 1 - sp.Add(*mu[: dim - 1]) for mu in mus if mu[dim - 1].is_Symbol}
        subs.update(_weight_sum_subs(weights) or {})
        total_m = sp.Add(*m)
        if _sums_to_one(total_m, subs):
            der.identity(
                total_m,
                sp.Integer(1),
                "when every state mean lies in the simplex (sum_t mu_{i,t} = 1) and "
                "sum_i p_i = 1, sum_t m_t = 1 and q* = m",
                subs=subs,
                show=Label("sum_t m_t", r"\sum_t m_t"),
            )
        der.result = m
        der.step(
            sp.Eq(Label("q*"), m, evaluate=False),
            "so the optimal forecast is the mixture law, whose appendix-C estimate is its "
            "mean vector sum_i p_i mu_i",
        )
        return der


def _sums_to_one(total: sp.Expr, subs: dict[sp.Expr, sp.Expr]) -> bool:
    return sp.simplify(sp.expand(total.subs(subs)) - 1) == 0


# ----- quantile losses ----------------------------------------------------------------------


class PinballLoss(Loss):
    r"""Pinball loss :math:`\rho_\tau(a - s) = (a - s)(\tau - 1\{a < s\})`, summed over
    coordinates; optimum: the (componentwise) :math:`\tau`-quantile, the smallest root of
    :math:`F(s) = \sum_i p_i F_i(s) = \tau` (lower quantile :math:`\inf\{s : F(s) \ge \tau\}`)."""

    name = "pinball"
    estimator = "quantile"
    description = "pinball (quantile) loss rho_tau(a - s)"
    option_names: ClassVar[tuple[str, ...]] = ("tau",)
    test_options: ClassVar[dict[str, TestOption]] = {"tau": TestOption("grid", 0.05, 0.95, 0.05)}
    #: ``tau`` when none is given; ``None``: the option is required (a silent default would
    #: answer a different question than the user asked).
    default_tau: ClassVar[float | None] = None

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        tau = self.options.get("tau", self.default_tau)
        if tau is None:
            raise InputError(
                "tau", "the pinball loss needs a quantile level tau in (0, 1) (--tau, or "
                "tau in the spec's [loss_options])"
            )
        if isinstance(tau, bool) or not isinstance(tau, int | float | sp.Rational):
            raise InputError("tau", f"must be a number in (0, 1), got {tau!r}")
        if not 0 < float(tau) < 1:
            raise InputError("tau", f"must lie in (0, 1), got {tau!r}")
        self.tau = sp.Rational(repr(float(tau))) if isinstance(tau, float) else sp.S(tau)

    @property
    def quantile_level(self) -> float:
        return float(self.tau)

    def expression(self, s: Coords, a: Coords) -> sp.Expr:
        terms = [
            sp.Piecewise((self.tau * (aj - sj), aj >= sj), ((self.tau - 1) * (aj - sj), True))
            for sj, aj in zip(s, a, strict=True)
        ]
        return sp.Add(*terms)

    def derive(self, mixture: LatentMixture) -> Derivation:
        return derive_quantile(mixture, self.tau, self.name, self._preamble)

    def _preamble(self, der: Derivation, s: sp.Symbol, a: sp.Symbol) -> None:
        der.step(
            sp.Eq(Label("rho_tau(a - s)", r"\rho_\tau(a - s)"), self.expression([s], [a])),
            "definition of the pinball loss",
        )


class AbsoluteLoss(PinballLoss):
    r"""Absolute loss :math:`\sum_j |a_j - s_j| = 2\sum_j \rho_{1/2}(a_j - s_j)`; optimum:
    the (componentwise, lower) median."""

    name = "absolute"
    description = "absolute loss |a - s|"
    option_names = ()
    default_tau = 0.5
    estimate_summary = (
        "the (lower, componentwise) median: smallest root of sum_i p_i F_i(s) = 1/2"
    )

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.tau = sp.Rational(1, 2)

    def expression(self, s: Coords, a: Coords) -> sp.Expr:
        return sp.Add(*[sp.Abs(aj - sj) for sj, aj in zip(s, a, strict=True)])

    def _preamble(self, der: Derivation, s: sp.Symbol, a: sp.Symbol) -> None:
        half = PinballLoss(tau=0.5).expression([s], [a])
        absolute = sp.Abs(a - s)
        ok = all(
            sp.simplify((absolute - 2 * half).subs({a: s + d})) == 0
            for d in (sp.Symbol("d", positive=True), -sp.Symbol("d", positive=True))
        )
        der.step(
            sp.Eq(absolute, 2 * half, evaluate=False),
            "|a - s| = 2 rho_{1/2}(a - s) (checked on a > s and a < s): the absolute loss is "
            "twice the pinball loss at tau = 1/2",
            verified=ok,
        )


def _state_cdf(state: Family, index: int, s: sp.Symbol, coord: int | None) -> sp.Expr:
    """The state's CDF at ``s`` if the family gives one in closed form, else ``F_i(s)``."""
    cdf = getattr(state, "cdf", None)
    if coord is None and callable(cdf):
        try:
            expr = cdf()
            if isinstance(expr, sp.Expr):
                return expr.subs(state.a, s)
        except (NotImplementedError, TypeError, AttributeError):
            pass
    name = f"F_{index}" if coord is None else f"F_{index}_{coord}"
    return sp.Function(name)(s)


def derive_quantile(
    mixture: LatentMixture,
    tau: sp.Expr,
    loss_name: str,
    preamble: Callable[[Derivation, sp.Symbol, sp.Symbol], None] | None = None,
) -> Derivation:
    r"""Derive the first-order condition :math:`\sum_i p_i F_i(s) = \tau` (integral form).

    Steps: split :math:`E[\rho_\tau(A - s)]` at :math:`s`; differentiate under the integral
    (Leibniz; SymPy computes it, boundary terms vanish); use :math:`\int f = 1`; the
    derivative of :math:`F - \tau` is :math:`f \ge 0`, so the loss is convex and its
    minimisers are the solutions of :math:`F(s) = \tau`; the convention is the smallest.
    """
    s, a = estimate_symbol(mixture), sp.Symbol("a", real=True)
    f = sp.Function("f")
    F = sp.Function("F")
    der = Derivation(f"Bayes-optimal estimate under the {loss_name} loss (tau = {tau})")
    der.estimator = "s^*"
    der.assumptions = ["sum_i p_i = 1", "A has a density f = sum_i p_i f_i (else subgradients)"]
    if preamble is not None:
        preamble(der, s, a)
    risk = tau * sp.Integral((a - s) * f(a), (a, s, sp.oo)) + (1 - tau) * sp.Integral(
        (s - a) * f(a), (a, -sp.oo, s)
    )
    der.step(
        sp.Eq(Label("E[rho_tau(A - s)]", r"E[\rho_\tau(A - s)]"), risk, evaluate=False),
        "split the expectation at a = s (f is the mixture density)",
    )
    deriv = sp.diff(risk, s)
    expected = -tau * sp.Integral(f(a), (a, s, sp.oo)) + (1 - tau) * sp.Integral(
        f(a), (a, -sp.oo, s)
    )
    der.identity(
        deriv,
        expected,
        "Leibniz rule (SymPy): the boundary terms (s - s) f(s) vanish",
        show=Label("d/ds E[rho_tau(A - s)]", r"\frac{d}{ds} E[\rho_\tau(A - s)]"),
    )
    upper = sp.Integral(f(a), (a, s, sp.oo))
    lower = sp.Integral(f(a), (a, -sp.oo, s))
    foc = expected.subs({upper: 1 - F(s), lower: F(s)})
    der.identity(
        foc,
        F(s) - tau,
        "int_s^oo f = 1 - F(s) and int_-oo^s f = F(s), F the mixture CDF",
        show=Label("d/ds E[rho_tau(A - s)]", r"\frac{d}{ds} E[\rho_\tau(A - s)]"),
    )
    der.identity(
        sp.diff(F(s) - tau, s),
        sp.Derivative(F(s), s),
        "second order: the derivative of F(s) - tau is the density f(s) >= 0, so the "
        "expected loss is convex; its minimisers are exactly the roots of F(s) = tau",
        show=Label("d^2/ds^2 E[rho_tau(A - s)]", r"\frac{d^2}{ds^2} E[\rho_\tau(A - s)]"),
    )
    dim = mixture.dim
    conditions = []
    for j in range(dim):
        sj = s if dim == 1 else sp.Symbol(f"{s.name}_{j + 1}", real=True)
        coord = None if dim == 1 else j + 1
        mix_cdf = sp.Add(
            *[
                p * _state_cdf(st, i + 1, sj, coord)
                for i, (p, st) in enumerate(zip(mixture.weights, mixture.states, strict=True))
            ]
        )
        conditions.append(sp.Eq(mix_cdf, tau))
    why = "F(s) = sum_i p_i F_i(s) for the mixture (F_i: state i's CDF)"
    if dim > 1:
        why += "; the loss is a sum over coordinates, so each coordinate j is minimised "
        why += "separately with the marginal CDFs F_{i,j}"
    for c in conditions:
        der.step(c, why)
    der.condition = conditions[0] if dim == 1 else sp.And(*conditions)
    der.step(
        sp.Eq(Label("s*"), Label("inf{s : F(s) >= tau}", r"\inf\{s : F(s) \ge \tau\}")),
        "no closed form for a mixture: the defining equation is solved numerically; "
        "convention when F is flat at level tau (or jumps over it): the smallest root, the "
        "lower quantile",
    )
    return der


# ----- zero-one ------------------------------------------------------------------------------


class ZeroOneLoss(Loss):
    r"""Zero-one loss :math:`1\{s \ne a\}`; optimum: the mode
    :math:`\arg\max_s \sum_i p_i f_i(s)` (pmf on a discrete support; for densities, the limit
    of :math:`1\{\|s - a\| > \varepsilon\}` as :math:`\varepsilon \to 0`)."""

    name = "zero_one"
    estimator = "mode"
    optimum_on_support = True
    description = "zero-one loss 1{s != a}"
    #: for a density, E 1{s != A} = 1 for every s: only pmfs
    law_kinds = frozenset({"discrete", "simplex"})
    separable = False

    def expression(self, s: Coords, a: Coords) -> sp.Expr:
        same = sp.And(*[sp.Eq(sj, aj) for sj, aj in zip(s, a, strict=True)])
        return sp.Piecewise((0, same), (1, True))

    def derive(self, mixture: LatentMixture) -> Derivation:
        dim = mixture.dim
        s = coordinates(estimate_symbol(mixture).name, dim)
        point = mixture.states[0].point_symbols()
        dens = mixture.density().subs(dict(zip(point, s, strict=True)))
        discrete = all(st.discrete for st in mixture.states)
        der = Derivation("Bayes-optimal estimate under the zero-one loss")
        der.estimator = "s^*"
        der.assumptions = ["sum_i p_i = 1"]
        S = s[0] if dim == 1 else sp.Matrix(s)
        argmax = sp.Function("argmax")
        if discrete:
            der.step(
                sp.Eq(Label("E[1{s != A}]"), 1 - dens, evaluate=False),
                "E[1{s != A}] = 1 - P(A = s) = 1 - sum_i p_i f_i(s) (pmfs f_i)",
            )
            der.condition = sp.Eq(Label("s*"), argmax(dens, S), evaluate=False)
            der.step(
                der.condition,
                "minimising 1 - P(A = s) maximises the mixture pmf over the support: the mode "
                "(ties: the smallest support point)",
            )
            return der
        eps = sp.Symbol("varepsilon", positive=True)
        der.step(
            sp.Eq(Label("E[1{||s - A|| > eps}]"), 1 - Label("P(||A - s|| <= eps)"), evaluate=False),
            "for densities 1{s != a} has expectation 1 for every s; use the zero-one loss with "
            "tolerance eps, whose expectation is 1 - P(||A - s|| <= eps)",
        )
        vol = Label("vol(B_eps)", r"\operatorname{vol}(B_\varepsilon)")
        der.step(
            sp.Eq(
                Label("P(||A - s|| <= eps)"), vol * dens + sp.O(eps ** (dim + 1)), evaluate=False
            ),
            "for continuous f the ball probability is vol(B_eps) f(s) + o(eps^d), so as eps -> 0 "
            "the minimiser tends to the maximiser of f = sum_i p_i f_i: the mode",
        )
        grad = [sp.diff(dens, v) for v in s]
        for g in grad:
            der.step(sp.Eq(g, 0), "first-order condition for an interior maximum of f")
        der.condition = sp.Eq(Label("s*"), argmax(dens, S), evaluate=False)
        der.step(
            der.condition,
            "no closed form for a mixture: the global maximiser is found numerically "
            "(grid search, then a bounded optimiser)",
        )
        return der


# ----- registry ------------------------------------------------------------------------------

#: Registry: loss name -> Loss subclass.
LOSSES: dict[str, type[Loss]] = {
    cls.name: cls
    for cls in (
        SquaredLoss,
        BregmanLoss,
        MahalanobisLoss,
        KLLoss,
        ItakuraSaitoLoss,
        AbsoluteLoss,
        PinballLoss,
        ZeroOneLoss,
        CrossEntropyLoss,
        BrierLoss,
    )
}

#: Other accepted spellings.
ALIASES: dict[str, str] = {
    "log": "cross_entropy",
    "log_loss": "cross_entropy",
    "l2": "squared",
    "l1": "absolute",
    "quantile": "pinball",
    "generalized_kl": "kl",
    "generalised_kl": "kl",
}


def register_loss(cls: type[Loss]) -> type[Loss]:
    """Add a Loss subclass to :data:`LOSSES` under ``cls.name`` (usable as a decorator)."""
    LOSSES[cls.name] = cls
    return cls


def loss_class(name: str) -> type[Loss]:
    """The registered class for ``name`` (or an alias), else :class:`InputError` naming ``loss``."""
    if not isinstance(name, str):
        raise InputError("loss", f"must be a name, got {name!r}")
    key = ALIASES.get(name, name)
    try:
        return LOSSES[key]
    except KeyError:
        known = ", ".join(sorted(LOSSES))
        raise InputError("loss", f"unknown loss {name!r} (known: {known})") from None


def make_loss(name: str, **options: Any) -> Loss:
    """An instance of the named loss with its options (e.g. ``make_loss("pinball", tau=0.9)``)."""
    return loss_class(name)(**options)


def derive_estimator(
    loss: str | Loss,
    family: str | type[Family] = "normal",
    n_states: int = 2,
    dim: int | None = None,
    **options: Any,
) -> Derivation:
    """Derivation of ``loss``'s optimal estimator for a symbolic mixture of ``family``."""
    obj = make_loss(loss, **options) if isinstance(loss, str) else loss
    return obj.derive(symbolic_mixture(family, n_states, dim))


__all__ = [
    "AbsoluteLoss",
    "ALIASES",
    "BregmanLoss",
    "BrierLoss",
    "CrossEntropyLoss",
    "derive_estimator",
    "derive_quantile",
    "DOMAINS",
    "estimate_symbol",
    "ItakuraSaitoLoss",
    "KLLoss",
    "law_kind",
    "LAW_KINDS",
    "Loss",
    "loss_class",
    "LOSSES",
    "lowest_point",
    "MahalanobisLoss",
    "make_loss",
    "numeric_generators",
    "PinballLoss",
    "register_loss",
    "SquaredLoss",
    "state_means",
    "symbolic_mixture",
    "TestOption",
    "ZeroOneLoss",
]
