r"""Bregman divergences and the symbolic proof that their Bayes-optimal estimate is the mean.

For a strictly convex, differentiable generator :math:`\phi : \mathbb{R}^d \to \mathbb{R}`,
the loss of an estimate :math:`s` for a target :math:`a` is

.. math:: D_\phi(a, s) = \phi(a) - \phi(s) - \nabla\phi(s)^\top (a - s)

(expanded around the *estimate*; Banerjee et al. 2005, "Clustering with Bregman
divergences", Prop. 1). For a latent mixture :math:`A \sim \sum_i p_i f_i` with state means
:math:`\mu_i`, :func:`derive_bregman_mean` derives, step by step and each step checked by
SymPy, that :math:`s^* = \arg\min_s E[D_\phi(A, s)] = \sum_i p_i \mu_i`:

1. :math:`\nabla_s D_\phi(a, s) = -H_\phi(s)(a - s)` (affine in :math:`a`);
2. so :math:`E_i[\nabla_s D_\phi(A, s)] = -H_\phi(s)(\mu_i - s)` by linearity;
3. :math:`\nabla_s E[D_\phi] = -H_\phi(s)(\sum_i p_i\mu_i - s)` using :math:`\sum_i p_i = 1`;
4. :math:`H_\phi(s) \succ 0` gives the unique stationary point :math:`s^* = \sum_i p_i\mu_i`;
5. second order: :math:`\nabla^2_s E[D_\phi]\,|_{s^*} = H_\phi(s^*) \succ 0`;
6. globally: :math:`E[D_\phi(A, s)] - E[D_\phi(A, s^*)] = D_\phi(s^*, s) \ge 0`.

The generator may be a generic SymPy ``Function`` (:data:`GENERATORS` ``"generic"``) or a
named instance: squared Euclidean, squared Mahalanobis, generalised KL, Itakura-Saito.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy as sp

from hallbound.errors import InputError
from hallbound.symbolic.derivation import Derivation, DerivationError, Label, is_zero

Coords = list[sp.Symbol]


@dataclass(frozen=True)
class Generator:
    r"""A Bregman generator :math:`\phi` and the named divergence it induces.

    ``phi(x)`` builds :math:`\phi` from a list of coordinates; ``divergence(a, s)`` is the
    divergence's usual closed form (checked against :math:`D_\phi` in the derivation);
    ``positive`` says the domain is :math:`(0, \infty)^d`; ``convexity`` explains why
    :math:`H_\phi \succ 0`.
    """

    name: str
    description: str
    phi: Callable[[Coords], sp.Expr]
    divergence: Callable[[Coords, Coords], sp.Expr] | None
    positive: bool
    convexity: str


def _generic_phi(x: Coords) -> sp.Expr:
    return sp.Function("phi")(*x)


def _squared_phi(x: Coords) -> sp.Expr:
    return sp.Add(*[v**2 for v in x])


def _squared_div(a: Coords, s: Coords) -> sp.Expr:
    return sp.Add(*[(ai - si) ** 2 for ai, si in zip(a, s, strict=True)])


def mahalanobis_matrix(dim: int) -> sp.Matrix:
    """A symmetric symbolic weight matrix :math:`W` (``w`` when ``dim == 1``)."""
    if dim == 1:
        return sp.Matrix([[sp.Symbol("w", positive=True)]])
    return sp.Matrix(
        dim, dim, lambda i, j: sp.Symbol(f"W_{{{min(i, j) + 1}{max(i, j) + 1}}}", real=True)
    )


def _mahalanobis_phi(x: Coords) -> sp.Expr:
    v = sp.Matrix(x)
    return sp.expand((v.T * mahalanobis_matrix(len(x)) * v)[0, 0])


def _mahalanobis_div(a: Coords, s: Coords) -> sp.Expr:
    diff = sp.Matrix(a) - sp.Matrix(s)
    return (diff.T * mahalanobis_matrix(len(a)) * diff)[0, 0]


def _kl_phi(x: Coords) -> sp.Expr:
    return sp.Add(*[v * sp.log(v) - v for v in x])


def _kl_div(a: Coords, s: Coords) -> sp.Expr:
    return sp.Add(*[ai * sp.log(ai / si) - ai + si for ai, si in zip(a, s, strict=True)])


def _is_phi(x: Coords) -> sp.Expr:
    return sp.Add(*[-sp.log(v) for v in x])


def _is_div(a: Coords, s: Coords) -> sp.Expr:
    return sp.Add(*[ai / si - sp.log(ai / si) - 1 for ai, si in zip(a, s, strict=True)])


#: Named generators: ``bregman`` loss option ``generator`` picks one (an allow-list).
GENERATORS: dict[str, Generator] = {
    "generic": Generator(
        "generic",
        "any strictly convex differentiable phi",
        _generic_phi,
        None,
        False,
        "phi strictly convex: its Hessian H_phi(s) is positive definite",
    ),
    "squared": Generator(
        "squared",
        "squared Euclidean ||a - s||^2, phi(x) = ||x||^2",
        _squared_phi,
        _squared_div,
        False,
        "H_phi = 2 I is positive definite",
    ),
    "mahalanobis": Generator(
        "mahalanobis",
        "squared Mahalanobis (a - s)^T W (a - s), phi(x) = x^T W x",
        _mahalanobis_phi,
        _mahalanobis_div,
        False,
        "H_phi = 2 W is positive definite (W positive definite by hypothesis)",
    ),
    "kl": Generator(
        "kl",
        "generalised KL sum a log(a/s) - a + s, phi(x) = sum x log x - x",
        _kl_phi,
        _kl_div,
        True,
        "H_phi = diag(1/s_j) is positive definite on s > 0",
    ),
    "itakura_saito": Generator(
        "itakura_saito",
        "Itakura-Saito sum a/s - log(a/s) - 1, phi(x) = -sum log x",
        _is_phi,
        _is_div,
        True,
        "H_phi = diag(1/s_j^2) is positive definite on s > 0",
    ),
}


def generator(name: str) -> Generator:
    """The named generator, or :class:`InputError` naming ``generator``."""
    try:
        return GENERATORS[name]
    except KeyError:
        known = ", ".join(sorted(GENERATORS))
        raise InputError(
            "generator", f"unknown Bregman generator {name!r} (known: {known})"
        ) from None


def coordinates(name: str, dim: int, positive: bool = False) -> Coords:
    """``[name]`` when ``dim == 1``, else ``[name_1, ..., name_d]`` (real or positive)."""
    kw = {"positive": True} if positive else {"real": True}
    if dim == 1:
        return [sp.Symbol(name, **kw)]
    return list(sp.symbols(f"{name}_1:{dim + 1}", **kw))


def bregman_divergence(gen: Generator, a: Coords, s: Coords) -> sp.Expr:
    r""":math:`D_\phi(a, s) = \phi(a) - \phi(s) - \nabla\phi(s)^\top (a - s)`."""
    phi_s = gen.phi(s)
    grad = sp.Matrix([sp.diff(phi_s, v) for v in s])
    diff = sp.Matrix(a) - sp.Matrix(s)
    return gen.phi(a) - phi_s - (grad.T * diff)[0, 0]


def _scalar(m: sp.Matrix) -> sp.Expr | sp.Matrix:
    """A 1x1 matrix as its entry (for readable 1-D steps)."""
    return m[0, 0] if m.shape == (1, 1) else m


def as_columns(means: Sequence[object], dim: int) -> list[sp.Matrix]:
    """Each state mean as a ``dim x 1`` column."""
    out = []
    for m in means:
        col = sp.Matrix(m) if isinstance(m, sp.MatrixBase | list | tuple) else sp.Matrix([m])
        if col.shape != (dim, 1):
            raise InputError("mean", f"must have length {dim}, got shape {col.shape}")
        out.append(col)
    return out


def derive_bregman_mean(
    gen: Generator,
    weights: Sequence[sp.Expr],
    means: Sequence[object],
    dim: int,
    title: str | None = None,
) -> Derivation:
    r"""Derive :math:`\arg\min_s \sum_i p_i E_i[D_\phi(A, s)] = \sum_i p_i \mu_i` (see module).

    ``weights`` are :math:`p_1..p_N` (symbols or numbers, assumed to sum to 1); ``means``
    are the state means :math:`\mu_i` (scalars or columns of length ``dim``). Every step
    that is an identity is checked by SymPy; :class:`DerivationError` if one fails.
    """
    mus = as_columns(means, dim)
    a = coordinates("a", dim, gen.positive)
    s = coordinates("s", dim, gen.positive)
    A, S = sp.Matrix(a), sp.Matrix(s)
    der = Derivation(title or f"Bayes-optimal estimate under the Bregman loss ({gen.description})")
    der.estimator = "s^*"
    der.assumptions = ["sum_i p_i = 1", gen.convexity]

    D = bregman_divergence(gen, a, s)
    loss_sym = sp.Function("D_phi")(_scalar(A), _scalar(S))
    der.step(
        sp.Eq(loss_sym, D, evaluate=False),
        "definition of the Bregman divergence, expanded around the estimate s",
    )
    if gen.divergence is not None:
        der.identity(D, gen.divergence(a, s), f"closed form of the {gen.name} divergence")

    H, mix_mean, foc, subs = _gradient_steps(der, gen, D, weights, mus, a, s)

    # (3) solve the first-order condition
    solution = sp.solve(list(mix_mean - S), s, dict=True)
    if len(solution) != 1:
        raise DerivationError(f"first-order condition has {len(solution)} solutions")
    s_star = sp.Matrix([sp.expand(solution[0][v]) for v in s])
    der.identity(
        _scalar(S.subs(solution[0])),
        _scalar(mix_mean),
        f"H_phi(s) is invertible ({gen.convexity}), so the gradient vanishes iff "
        "sum_i p_i mu_i - s = 0; SymPy's solve gives the unique root",
        show=Label("s*", "s^*"),
    )
    _optimality_steps(der, gen, weights, mus, s, s_star, H, foc, subs)
    der.result = _scalar(s_star)
    return der


def _gradient_steps(
    der: Derivation,
    gen: Generator,
    D: sp.Expr,
    weights: Sequence[sp.Expr],
    mus: Sequence[sp.Matrix],
    a: Sequence[sp.Symbol],
    s: Sequence[sp.Symbol],
) -> tuple[sp.Matrix, sp.Matrix, sp.Matrix, dict | None]:
    r"""Steps (1) and (2) of :func:`derive_bregman_mean`: :math:`\nabla_s D_\phi(a, s) =
    -H_\phi(s)(a - s)`, affine in :math:`a` (checked), so its expectation replaces :math:`a`
    by the mixture mean. Returns the Hessian, the mixture mean, the first-order gradient and
    the substitution that makes the weights sum to 1 (None: the last weight is a number)."""
    dim = len(s)
    A, S = sp.Matrix(a), sp.Matrix(s)
    # (1) gradient in s is -H(s)(a - s)
    H = sp.hessian(gen.phi(s), s)
    grad_D = sp.Matrix([sp.diff(D, v) for v in s])
    der.identity(
        _scalar(grad_D),
        _scalar(-H * (A - S)),
        "differentiate in s (phi(a) does not depend on s); H_phi is the Hessian of phi",
        show=Label("grad_s D_phi(a, s)", r"\nabla_s D_\phi(a, s)"),
    )
    for v in a:  # affine in a: every second derivative in a vanishes
        if not is_zero(sp.diff(grad_D, v, 2)) or any(not is_zero(sp.diff(grad_D, v, w)) for w in a):
            raise DerivationError("gradient of the Bregman divergence is not affine in a")

    # (2) expectation under state i: replace a by mu_i (linearity)
    grads_i = [(-H * (mu - S)) for mu in mus]
    expected = sp.zeros(dim, 1)
    for p, g in zip(weights, grads_i, strict=True):
        expected += p * g
    mix_mean = sp.zeros(dim, 1)
    for p, mu in zip(weights, mus, strict=True):
        mix_mean += p * mu
    total = sp.Add(*weights)
    mu_i = sp.Matrix(coordinates("mu_i", dim))
    der.step(
        sp.Eq(
            Label("E_i[grad_s D_phi(A, s)]", r"E_i\left[\nabla_s D_\phi(A, s)\right]"),
            _scalar(-H * (mu_i - S)),
            evaluate=False,
        ),
        "the gradient is affine in a (its second a-derivatives vanish, checked), "
        "so E_i replaces a by mu_i = E_i[A]",
        verified=True,
    )
    der.identity(
        _scalar(expected),
        _scalar(-H * (mix_mean - total * S)),
        "sum over states with weights p_i (linearity of expectation)",
        show=Label("grad_s E[D_phi(A, s)]", r"\nabla_s E\left[D_\phi(A, s)\right]"),
    )
    subs = {weights[-1]: 1 - sp.Add(*weights[:-1])} if _is_symbol(weights[-1]) else None
    foc = -H * (mix_mean - S)
    der.identity(
        _scalar(expected),
        _scalar(foc),
        "weights sum to 1",
        subs=subs,
        show=Label("grad_s E[D_phi(A, s)]"),
    )

    return H, mix_mean, foc, subs


def _optimality_steps(
    der: Derivation,
    gen: Generator,
    weights: Sequence[sp.Expr],
    mus: Sequence[sp.Matrix],
    s: Sequence[sp.Symbol],
    s_star: sp.Matrix,
    H: sp.Matrix,
    foc: sp.Matrix,
    subs: dict | None,
) -> None:
    r"""Steps (4) and (5) of :func:`derive_bregman_mean`: the Hessian of the expected loss at
    ``s_star`` is :math:`H_\phi(s^*)`, and the excess risk over ``s_star`` is the divergence
    :math:`D_\phi(s^*, s) \ge 0`, so ``s_star`` is the global minimiser."""
    n = len(weights)
    S = sp.Matrix(s)
    # (4) second order: Jacobian of the gradient at s* equals H(s*)
    jac = foc.jacobian(s)
    at_star = dict(zip(s, s_star, strict=True))
    der.identity(
        _scalar(jac.subs(at_star)),
        _scalar(H.subs(at_star)),
        "second-order condition: the Hessian of the expected loss at s* is H_phi(s*), "
        "positive definite",
        show=Label("Hess_s E[D_phi(A, s)] at s*", r"\nabla^2_s E\left[D_\phi(A, s)\right]_{s=s^*}"),
    )

    # (5) global optimality: excess risk is the divergence D_phi(s*, s) >= 0
    consts = [sp.Symbol(f"c_{i + 1}") for i in range(n)]  # c_i = E_i[phi(A)]
    phi_s = gen.phi(s)
    gphi = sp.Matrix([sp.diff(phi_s, v) for v in s])

    def risk(point: sp.Matrix) -> sp.Expr:
        sub = dict(zip(s, point, strict=True))
        terms = [
            p * (c - phi_s.subs(sub) - (gphi.subs(sub).T * (mu - point))[0, 0])
            for p, c, mu in zip(weights, consts, mus, strict=True)
        ]
        return sp.Add(*terms)

    excess = risk(S) - risk(s_star)
    d_star = bregman_divergence(gen, list(s_star), s)
    der.identity(
        excess,
        d_star,
        "E_i[D_phi(A, s)] = c_i - phi(s) - grad phi(s)^T (mu_i - s) with c_i = E_i[phi(A)]; "
        "the excess risk over s* is D_phi(s*, s) >= 0 (convexity), so s* is the global "
        "minimiser",
        subs=subs,
        show=Label("E[D_phi(A, s)] - E[D_phi(A, s*)]", r"E[D_\phi(A, s)] - E[D_\phi(A, s^*)]"),
    )


def _is_symbol(x: object) -> bool:
    return isinstance(x, sp.Basic) and bool(x.free_symbols)
