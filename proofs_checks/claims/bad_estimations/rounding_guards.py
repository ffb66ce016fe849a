r"""The two-point enumeration's rounding guard (step E3), as an interval statement.

:func:`hallbound.numeric.bounds_refined.two_point_bound` counts a sign pattern when the
floating-point comparison :math:`\hat D > \mathrm{fl}(\hat r^2 + \hat g)` holds, where
:math:`\hat D` is the computed :math:`\|T - x_i\|^2` and
:math:`\hat g = \mathrm{fl}(10^{-12}(r_i^2 + S))`, :math:`S = \sum_{j,k} s_{jk}^2`, is the guard.
Write :math:`Q = r_i^2 + S`, :math:`u = 2^{-53}` and :math:`\gamma_n = nu/(1 - nu)`.

**The error model** (a stated relation of the claim, shown under "assuming"). IEEE 754
double arithmetic obeys the standard model :math:`\mathrm{fl}(a \circ b) = (a \circ b)(1 +
\delta)`, :math:`|\delta| \le u`, without underflow or overflow (N. J. Higham, *Accuracy and
Stability of Numerical Algorithms*, 2nd ed., 2002, eq. (2.4); Lemma 3.1 and eq. (3.5) for
sums and inner products in any order). ``two_point_bound`` keeps its inputs where this
holds (scales in :math:`[2^{-400}, 2^{400}]`, radii :math:`\le 2^{400}`, weights 0 or
:math:`\ge 2^{-400}`; an underflowed square adds at most :math:`2^{-1074} \le 2^{-260}Q`).
Then, with :math:`x_{jk} = v s_{jk}` (:math:`v` a support point of the record, :math:`\pm 1`;
the product is rounded once), :math:`t_k = \sum_j p_j x_{jk}`:

* :math:`|\hat t_k - t_k| \le (\gamma_N(1+u) + u) \sum_j p_j |x_{jk}|`; with
  :math:`A_k = \sum_j p_j|x_{jk}| + |x_{ik}|`, :math:`|\widehat{t_k - x_{ik}} - (t_k - x_{ik})|
  \le \alpha A_k`, :math:`\alpha = (\gamma_N(1 + u) + u)(1 + u) + u(2 + u)`;
* squaring and summing over the :math:`d` coordinates:
  :math:`|\hat D - D| \le (\alpha(2 + \alpha) + \gamma_d(1 + \alpha)^2)\sum_k A_k^2`, and
  :math:`\sum_k A_k^2 \le 5S` (:math:`\sum_j p_j \le 1 + 10^{-9}`, checked on input;
  :math:`S = \sum_{j,k} (\max|v|\, s_{jk})^2`);
* the threshold: :math:`\mathrm{fl}(\hat r^2 + \hat g) \ge r_i^2(1 - 2u) +
  10^{-12}(1-u)^{Nd+5}Q` (every term is non-negative, so each of the at most
  :math:`Nd + 5` roundings on a path loses at most a factor :math:`1 - u`).

So on a counted pattern :math:`D - r_i^2 \ge c + (g_c - e_c)Q` with :math:`c = \hat D -
\mathrm{fl}(\hat r^2 + \hat g) > 0`, the **guard coefficient**
:math:`g_c = 10^{-12}(1 - u)^{Nd + 5}` and the **error coefficient**
:math:`e_c = 5(\alpha(2+\alpha) + \gamma_d(1+\alpha)^2) + 2u + 2^{-260}`.

**The interval statement** (E3b): :math:`e_c / g_c \le 1` (a ratio: the coefficients are
near :math:`10^{-14}`, below any absolute tolerance of a search) for every real
:math:`N, d \in [1, 20]` (``two_point_bound`` takes :math:`Nd \le 20`), certified by
interval arithmetic. (E3) then follows from the model and (E3b). The test suite checks the
model on random float inputs against exact rational arithmetic, and plants a guard 1000
times too small that (E3b) does not certify.
"""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.claims.common import nonneg, positive
from hallbound.proofs_checks.engine.claim import Param, Premise, Step

#: The unit roundoff of IEEE 754 binary64 (round to nearest).
UNIT_ROUNDOFF = sp.Rational(1, 2**53)
#: The guard's relative size in ``two_point_bound`` (``1e-12``).
GUARD = sp.Rational(1, 10**12)
#: Largest N and d the box covers (``two_point_bound`` needs N d <= 20).
BOX_TOP = 20

N_E = sp.Symbol("N_e", positive=True)
D_E = sp.Symbol("d_e", positive=True)
#: The error and guard coefficients (claim definitions: e_c := ..., g_c := ...).
E_C = sp.Symbol("e_c", positive=True)
G_C = sp.Symbol("g_c", positive=True)


def gamma(n: sp.Expr, u: sp.Expr = UNIT_ROUNDOFF) -> sp.Expr:
    r""":math:`\gamma_n = nu/(1 - nu)` (Higham, Lemma 3.1)."""
    return n * u / (1 - n * u)


def error_coefficient(n: sp.Expr, d: sp.Expr, u: sp.Expr = UNIT_ROUNDOFF) -> sp.Expr:
    r""":math:`e_c = 5(\alpha(2+\alpha) + \gamma_d(1+\alpha)^2) + 2u + 2^{-260}` with
    :math:`\alpha = (\gamma_N(1+u) + u)(1 + u) + u(2 + u)`: the rounding of the comparison
    is at most :math:`e_c Q` (module doc)."""
    alpha = (gamma(n, u) * (1 + u) + u) * (1 + u) + u * (2 + u)
    return 5 * (alpha * (2 + alpha) + gamma(d, u) * (1 + alpha) ** 2) + 2 * u + sp.Rational(
        1, 2**260
    )


def guard_coefficient(n: sp.Expr, d: sp.Expr, guard: sp.Expr = GUARD,
                      u: sp.Expr = UNIT_ROUNDOFF) -> sp.Expr:
    r""":math:`g_c = \text{guard}\,(1 - u)^{Nd + 5}`: the computed threshold exceeds
    :math:`r_i^2` by at least :math:`g_c Q` (module doc)."""
    return guard * (1 - u) ** (n * d + 5)


def definitions(guard: sp.Expr = GUARD) -> dict[sp.Symbol, sp.Expr]:
    """The claim definitions ``e_c`` and ``g_c`` (in N_e, d_e)."""
    return {E_C: error_coefficient(N_E, D_E), G_C: guard_coefficient(N_E, D_E, guard)}


def _box_params() -> list[Param]:
    return [
        Param("N_e", N_E, lo=1, hi=BOX_TOP, search=(1, BOX_TOP),
              description="number of states N (N d <= 20)"),
        Param("d_e", D_E, lo=1, hi=BOX_TOP, search=(1, BOX_TOP),
              description="output dimension d (N d <= 20)"),
    ]


_SYMBOLS = {
    "d2": sp.Symbol("||T - x_i||^2", nonnegative=True),
    "r2": sp.Symbol("r_i^2", nonnegative=True),
    "gap": sp.Symbol("computed gap", positive=True),
    "q": sp.Symbol("Q", nonnegative=True),
}


def model_relation() -> sp.Basic:
    r"""The standard model's consequence on a counted pattern (a stated relation):
    :math:`\|T - x_i\|^2 - r_i^2 \ge c + (g_c - e_c)Q`."""
    s = _SYMBOLS
    return sp.Ge(s["d2"] - s["r2"], s["gap"] + (G_C - E_C) * s["q"])


def steps() -> list[Step]:
    """(E3b) the certified coefficient inequality, and (E3) the guard's conclusion."""
    s = _SYMBOLS
    e3b = Step(
        "E3b (guard covers rounding)",
        E_C / G_C,
        "<=",
        sp.Integer(1),
        "the standard model's error coefficient is below the guard's for every N, d in "
        "[1, 20] (two_point_bound takes N d <= 20)",
        kind="inequality",
        params=_box_params(),
    )
    _, gp = positive("computed gap")
    _, qp = nonneg("Q")
    _, d2p = nonneg("||T - x_i||^2")
    _, r2p = nonneg("r_i^2")
    e3 = Step(
        "E3 (rounding guard)",
        s["d2"] - s["r2"],
        ">",
        sp.Integer(0),
        "a pattern is counted when the computed gap c = D - fl(r_i^2 + guard) is > 0; by the "
        "standard model (stated) and (E3b) the exact gap is >= c + (g_c - e_c) Q > 0",
        kind="inequality",
        premises=(
            Premise(model_relation(), by="hypothesis", solve_for=s["d2"],
                    label="IEEE 754 standard model (Higham (2.4), Lemma 3.1)"),
            Premise(sp.Le(E_C / G_C, 1), by=e3b.name, solve_for=E_C),
        ),
        params=[*_box_params(), d2p, r2p, gp, qp],
    )
    return [e3b, e3]
