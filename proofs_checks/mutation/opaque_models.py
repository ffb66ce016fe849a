r"""Hand-checked models of the steps whose sides hold opaque probability operators
(:data:`hallbound.proofs_checks.mutation.evaluation.MODELS`): each is one realisable instance
of the step's random quantities, written out, so that the step's sides become numbers.

* :func:`convolution_model` (Theorem 6.1 (corrected), U4): :math:`R = 0` (a constant,
  independent of everything) and :math:`\mu_j` with a density of supremum :math:`G_j`
  (uniform on a ball of volume :math:`1/G_j`), so for a real :math:`a \ne 0`
  :math:`\sup f_{a\mu_j + bR} = G_j/|a|^d` (Folland, Thm 2.44);
* :func:`ball_model` (U5): :math:`R = 0` and :math:`\mu_j` uniform on the unit ball of
  :math:`\mathbb R^d`, so :math:`G_j = 1/V_d`, :math:`\Pr[\|a\mu_j\| \le r] =
  \min(1, (r/|a|)^d)` and :math:`\sup f_{a\mu_j} = 1/(V_d |a|^d)`;
* :func:`total_expectation_model` (Theorem C.1 (corrected), C.3a): an event :math:`Z_i` of
  probability :math:`p_i \in (0, 1)` and :math:`q(i)` equal to :math:`a` on :math:`Z_i` and
  :math:`b` off it (a two-atom exact law), so :math:`\mathbb E[q(i) \mid Z_i] = a`,
  :math:`\mathbb E[q(i) \mid Z_j] = b` (:math:`Z_j` is the complement of :math:`Z_i`) and
  :math:`p_X(i) = \mathbb E\,q(i) = p_i a + (1 - p_i) b`.

Each model is *closed*: it realises every stated relation of its claim by construction
(listed per model), and only its own constraints filter the points. A side the rewrite
cannot write out (an argument not linear in :math:`\mu_j`, an event of another shape) keeps
its operator, so the point has no numeric form and is not judged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Param
from hallbound.proofs_checks.library.lemma_notation import Norm, SupDensity
from hallbound.proofs_checks.library.randomness import E, Pr


def _named(expr: sp.Basic, name: str) -> sp.Basic | None:
    """The atom of ``expr`` named ``name`` (a random symbol), or None."""
    return next((s for s in expr.free_symbols if getattr(s, "name", None) == name), None)


def _coefficient(arg: sp.Basic) -> sp.Basic | None:
    r""":math:`a` when ``arg`` is :math:`a\,\mu_j + b\,R` with :math:`R = 0` (no other random
    part, no shift); None otherwise."""
    mu = _named(arg, "mu_j")
    if mu is None:
        return None
    r = _named(arg, "R")
    at_zero = arg.xreplace({r: sp.Integer(0)}) if r is not None else arg
    a = sp.diff(at_zero, mu)
    if a.has(mu) or sp.expand(at_zero - a * mu) != 0:
        return None
    return a


def _sup_density(sup: Callable[[sp.Basic], sp.Basic]) -> Callable[[sp.Basic], sp.Basic]:
    def rewrite(e: sp.Basic) -> sp.Basic:
        a = _coefficient(e.args[0])
        return e if a is None else sup(e.args[1]) / sp.Abs(a) ** e.args[1]

    return rewrite


def _ball_probability(dim: sp.Basic) -> Callable[[sp.Basic], sp.Basic]:
    def rewrite(e: sp.Basic) -> sp.Basic:
        event = e.args[0]
        if not (isinstance(event, sp.Le) and isinstance(event.lhs, Norm)):
            return e
        a = _coefficient(event.lhs.args[0])
        if a is None:
            return e
        return sp.Min(1, (event.rhs / sp.Abs(a)) ** dim)

    return rewrite


def _rewrite_ops(expr: sp.Basic, sup: Callable[[sp.Basic], sp.Basic],
                 dim: sp.Basic | None = None) -> sp.Basic:
    out = expr.replace(lambda e: isinstance(e, SupDensity), _sup_density(sup))
    if dim is not None:
        out = out.replace(lambda e: isinstance(e, Pr), _ball_probability(dim))
    return out


def _dim_and_c() -> tuple[sp.Symbol, sp.Symbol, list[Param]]:
    d = sp.Symbol("d_a", integer=True, positive=True)
    c = sp.Symbol("c_ij", real=True)
    return d, c, [Param("d_a", d, kind="integer", lo=1, hi=6), Param("c_ij", c, lo=-3, hi=3)]


def convolution_model() -> Any:
    """U4 (see the module doc). Realised by construction: R independent of mu_j c_ij (a
    constant), sup f_{mu_j} = G_j, |c_ij| = Abs(c_ij); its own constraint: |c_ij| >= 1/50 (a
    part of the domain |c_ij| > 0).
    ``A*``, ``A[k]``, ``r[k]`` and ``b[k]`` of the claim are defined from these."""
    from hallbound.proofs_checks.mutation.evaluation import Model

    d, c, params = _dim_and_c()
    g = sp.Symbol("G_j", positive=True)

    def subs() -> dict[str, sp.Basic]:
        return {"G_j": g, "c_ij": c, "|c_ij|": sp.Abs(c), "d_a": d}

    return Model(subs, lambda: [*params, Param("G_j", g, lo=0.01, hi=10)],
                 "R = 0 and mu_j with sup density G_j (uniform on a ball)",
                 rewrite=lambda e: _rewrite_ops(e, lambda _d: g),
                 closed=True, constraints=lambda: [(sp.Abs(c), ">=", sp.Rational(1, 50))])


def ball_model() -> Any:
    """U5 (see the module doc). Realised by construction as for U4, with G_j = 1/V_d."""
    from hallbound.proofs_checks.mutation.evaluation import Model

    d, c, params = _dim_and_c()
    r = sp.Symbol("r_i", nonnegative=True)
    vd = sp.pi ** (d / 2) / sp.gamma(d / 2 + 1)

    def subs() -> dict[str, sp.Basic]:
        return {"G_j": 1 / vd, "c_ij": c, "|c_ij|": sp.Abs(c), "d_a": d, "r_i": r}

    return Model(subs, lambda: [*params, Param("r_i", r, lo=0, hi=5)],
                 "R = 0 and mu_j uniform on the unit ball",
                 rewrite=lambda e: _rewrite_ops(e, lambda _d: 1 / vd, dim=_named_dim(e)),
                 closed=True, constraints=lambda: [(sp.Abs(c), ">=", sp.Rational(1, 50))])


def _named_dim(expr: sp.Basic) -> sp.Basic:
    """The claim's ``d_a`` in ``expr`` (the ball's dimension), else a fresh ``d_a``."""
    return _named(expr, "d_a") or sp.Symbol("d_a", integer=True, positive=True)


def total_expectation_model() -> Any:
    r"""C.3a (see the module doc). Realised by construction: :math:`p_X(i) = \mathbb E\,q(i)`,
    :math:`\Pr[Z_i] = p_i`, :math:`\Pr[\lnot Z_i] = 1 - p_i`, the two conditional
    expectations; :math:`q(j) \mid Z_j := 1 - b` and :math:`\rho := b` meet
    :math:`q(i)|Z_j + q(j)|Z_j \le 1` and :math:`q(j)|Z_j \ge 1 - \rho`. Its own
    constraints (a part of the domain, so that strict bounds hold with room):
    :math:`p_i \in [0.01, 0.99]` (the lemma's :math:`\Pr[Z_i], \Pr[\lnot Z_i] > 0`) and
    :math:`\rho = b \le (1 - p_i)/(2 - p_i) - 1/100` (the claim's bound on :math:`\rho`)."""
    from hallbound.proofs_checks.mutation.evaluation import Model

    p, a, b = (sp.Symbol(n, real=True) for n in ("p_i", "a", "b"))

    def rewrite(e: sp.Basic) -> sp.Basic:
        return e.replace(lambda x: isinstance(x, E) and getattr(x.args[0], "name", "")
                         == "q(i) | Z_j", lambda x: b)

    def subs() -> dict[str, sp.Basic]:
        return {"p_i": p, "E[q(i) | Z_i]": a, "p_X(i)": p * a + (1 - p) * b}

    return Model(subs, lambda: [Param("p_i", p, lo=0.01, hi=0.99), Param("a", a, lo=0, hi=1),
                                Param("b", b, lo=0, hi=1)],
                 "Z_i of probability p_i, q(i) = a on Z_i and b off it",
                 rewrite=rewrite, closed=True,
                 constraints=lambda: [(b, "<=", (1 - p) / (2 - p) - sp.Rational(1, 100))])
