r"""Theorem 5.1 (the optimal estimator delta-hallucinates) and Corollary 5.2.1, as stated.

Construction (B.1): for :math:`i<N`, :math:`A(X;Z_i)\sim N(m_i\mathbf 1,\Sigma_i)` with
:math:`m_i=\sqrt{(-2\ln\delta-\ln\det\Sigma_i)/(\mathbf 1^\top\Sigma_i\mathbf 1)}`; state N:
:math:`\mu_N=-\sum_{i<N}(p_i/p_N)\mu_i`, :math:`m_N=\delta^{-2/d_a}`, :math:`\Sigma_N=I/m_N`.
Steps with matrices are evaluated with ``Sigma`` a 2x2 positive-definite matrix (a witness
at one dimension refutes a claim made for every dimension).
"""

from __future__ import annotations

from typing import Any

import mpmath
import sympy as sp

from hallbound.proofs_checks.claims.bad_estimations import lemma_b1 as b1
from hallbound.proofs_checks.claims.common import (
    D_A,
    DELTA,
    N_P,
    TWO_PI,
    d_a,
    delta,
    gauss_pdf,
    matrix_view,
    ones,
    positive,
    real,
    stated_density,
    written_at,
)
from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.symbolic.families.normal import normal_density_at, quadratic_form

Sigma = sp.MatrixSymbol("Sigma_i", d_a, d_a)
ONE = sp.OneMatrix(d_a, 1)
m = sp.Symbol("m_i", real=True)
SIGMA_2 = Param("Sigma_i", sp.MatrixSymbol("Sigma_i", 2, 2), kind="spd", dim=2)
P1 = Param(
    "p_1",
    sp.Symbol("p_1", positive=True),
    lo=0,
    hi=1,
    lo_open=True,
    hi_open=True,
    search=(1e-3, 1 - 1e-3),
)


#: The point ``a`` and the mean ``mu_i`` of the Normal density, as matrix symbols.
A_PT = sp.MatrixSymbol("a", d_a, 1)
MU_SYM = sp.MatrixSymbol("mu_i", d_a, 1)
#: :math:`\mu_i = m_i\mathbf 1`, kept as the product.
MU_I = sp.MatMul(m, ONE)
#: :math:`\mu_i^\top\Sigma_i^{-1}\mu_i` at :math:`\mu_i = m_i\mathbf 1`, written out (SymPy
#: would fold it into :math:`m_i^2\,\mathbf 1^\top\Sigma_i^{-1}\mathbf 1`); a scalar, the trace
#: of the 1x1 product, as :func:`hallbound.symbolic.families.normal.quadratic_form` writes it.
QF_MU_I = written_at(sp.Trace(MU_SYM.T * Sigma.I * MU_SYM), {MU_SYM: MU_I})


def m_stated(delta_v: Any, cov: mpmath.matrix) -> Any:
    r"""The paper's :math:`m_i` (mpmath; complex when the radicand is negative)."""
    d = cov.rows
    one = ones(d)
    rad = (-2 * mpmath.log(delta_v) - mpmath.log(mpmath.det(cov))) / (one.T * cov * one)[0, 0]
    if rad < 0:
        raise ValueError("m_i is not real at this point")
    return mpmath.sqrt(rad)


def _b4b(pt: dict[str, Any]) -> tuple[Any, Any]:
    cov, dl = pt["Sigma_i"], pt["delta"]
    mi = m_stated(dl, cov)
    d = cov.rows
    one = ones(d)
    lhs = gauss_pdf(mpmath.matrix(d, 1), mi * one, cov)  # the density at 0, mu_i = m_i 1
    rhs = stated_density((mi**2) * (one.T * cov * one)[0, 0], mpmath.det(cov), d)  # as stated
    return lhs, rhs


def _b4_chain(pt: dict[str, Any]) -> tuple[Any, Any]:
    cov, dl = pt["Sigma_i"], pt["delta"]
    mu = m_stated(dl, cov) * ones(cov.rows)
    return gauss_pdf(mpmath.matrix(cov.rows, 1), mu, cov), dl


def _b6_chain(pt: dict[str, Any]) -> tuple[Any, Any]:
    """N = 2: f_2(0) for mu_2 = -(p_1/p_2) mu_1, Sigma_2 = I/m_N, m_N = delta^(-2/d_a)."""
    cov, dl, p1 = pt["Sigma_i"], pt["delta"], pt["p_1"]
    d = cov.rows
    mu1 = m_stated(dl, cov) * ones(d)
    mu2 = -(p1 / (1 - p1)) * mu1
    m_n = dl ** (-mpmath.mpf(2) / d)
    return gauss_pdf(mpmath.matrix(d, 1), mu2, mpmath.eye(d) / m_n), dl


def _view(pt: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"delta": pt["delta"], "d_a": 2, "Sigma_i": matrix_view(pt["Sigma_i"])}
    if "p_1" in pt:
        out.update({"N": 2, "p": [pt["p_1"], 1 - pt["p_1"]], "Sigma_1": out.pop("Sigma_i")})
    return out


def b4_steps() -> list[Step]:
    """The chain (B.4) for one state i < N, as stated."""
    det_s, det_p = positive("det_Sigma_i")
    one_s1, one_p = positive("1^T Sigma_i 1")
    log_det, log_p = real("ln det Sigma_i")
    m_def = sp.sqrt((-2 * sp.log(delta) - log_det) / one_s1)
    x = sp.Dummy("x")
    return [
        Step(
            "B.1 (m_i real)",
            -2 * sp.log(delta) - sp.log(det_s),
            ">=",
            sp.Integer(0),
            "construction: the radicand of m_i",
            kind="construction",
            params=[det_p],
            note="m_i is real only when det(Sigma_i) <= delta^-2",
        ),
        Step(
            "B.4a",
            written_at(
                quadratic_form(A_PT, MU_SYM, Sigma), {A_PT: sp.ZeroMatrix(d_a, 1), MU_SYM: MU_I}
            ),
            "=",
            QF_MU_I,
            "Gaussian density at 0: its quadratic form (0 - mu_i)^T Sigma_i^-1 (0 - mu_i)",
            params=[Param("m_i", m)],
        ),
        Step(
            "B.4b",
            "exp(-1/2 mu_i^T Sigma_i^-1 mu_i)",
            "=",
            "exp(-1/2 m_i^2 1^T Sigma_i 1)",
            "algebra: mu_i = m_i 1",
            params=[DELTA, SIGMA_2],
            evaluate=_b4b,
            witness_view=_view,
            note="mu^T Sigma^-1 mu = m^2 1^T Sigma^-1 1, not 1^T Sigma 1",
        ),
        Step(
            "B.4c",
            written_at(sp.exp(-(m**2) * one_s1 / 2), {m: m_def}),
            "=",
            written_at(sp.exp(x), {x: sp.log(delta) + log_det / 2}),
            "definition of m_i",
            params=[one_p, log_p],
        ),
        Step(
            "B.4d",
            written_at(TWO_PI / sp.sqrt(det_s) * sp.exp(x), {x: sp.log(delta) + sp.log(det_s) / 2}),
            "=",
            TWO_PI * delta,
            "algebra",
            params=[det_p],
        ),
        Step("B.4e", TWO_PI * delta, "<=", delta, "(2 pi)^(-d_a/2) <= 1"),
        Step(
            "B.4 (chain)",
            "f_i(0)",
            "<=",
            "delta",
            "(B.4a)-(B.4e)",
            kind="inequality",
            params=[DELTA, SIGMA_2],
            evaluate=_b4_chain,
            witness_view=_view,
        ),
    ]


def b5_step() -> Step:
    i = sp.Symbol("i", integer=True)
    p, mu = sp.IndexedBase("p", positive=True), sp.IndexedBase("mu", real=True)
    pn = sp.Symbol("p_N", positive=True)
    mu_n = -sp.Sum(p[i] / pn * mu[i], (i, 1, sp.Symbol("N", integer=True, positive=True) - 1))
    total = sp.Sum(p[i] * mu[i], (i, 1, sp.Symbol("N", integer=True, positive=True) - 1))
    return Step(
        "B.5",
        total + pn * mu_n,
        "=",
        sp.Integer(0),
        "A* = sum_i p_i mu_i with mu_N := -sum_{i<N} (p_i/p_N) mu_i (per coordinate)",
        params=[Param("p_N", pn, lo=0, hi=1, lo_open=True)],
    )


def b6_steps() -> list[Step]:
    m_n = delta ** (-2 / d_a)
    s2, s2_p = positive("||mu_N||^2")
    mn, mn_p = positive("m_N")
    mu_n = sp.MatrixSymbol("mu_N", d_a, 1)
    sigma_n = sp.MatrixSymbol("Sigma_N", d_a, d_a)
    with sp.evaluate(False):  # at m_N = delta^(-2/d_a), written out, not SymPy's value
        det_sigma_n = (m_n**-d_a) ** sp.Rational(-1, 2)  # det(I/m_N)^(-1/2)
        det_written = (m_n**d_a) ** sp.Rational(-1, 2)  # what (B.6c) writes for it
    # the N(mu_N, Sigma_N) density of symbolic/families/normal.py at a, then a = 0 written in
    zero = sp.ZeroMatrix(d_a, 1)
    f_n_at_0 = written_at(normal_density_at(A_PT, mu_n, sigma_n, d_a), {A_PT: zero})
    return [
        Step(
            "B.6a",
            f_n_at_0,
            "=",
            (2 * sp.pi) ** (-d_a / 2)
            * sp.Determinant(sigma_n) ** sp.Rational(-1, 2)
            * sp.exp(-sp.Trace(mu_n.T * sigma_n.I * mu_n) / 2),
            "Gaussian density at 0 (lhs: the N(mu_N, Sigma_N) density of symbolic/families/"
            "normal.py at a = 0; rhs: as stated)",
        ),
        Step(
            "B.6b",
            TWO_PI * (mn**-d_a) ** sp.Rational(-1, 2) * sp.exp(-mn * s2 / 2),
            "<=",
            (mn**-d_a) ** sp.Rational(-1, 2),
            "(2 pi)^(-d_a/2) <= 1 and exp(-x) <= 1; det(Sigma_N) = m_N^(-d_a)",
            params=[s2_p, mn_p],
        ),
        Step(
            "B.6c",
            det_sigma_n,
            "=",
            det_written,
            "det(Sigma_N)^(-1/2) = (m_N^d_a)^(-1/2) with Sigma_N = I/m_N",
            note="det((1/m_N) I)^(-1/2) = m_N^(d_a/2) = 1/delta, not delta",
        ),
        Step("B.6d", det_written, "=", delta, "m_N = delta^(-2/d_a)"),
        Step(
            "B.6 (chain)",
            "f_N(0)",
            "<=",
            "delta",
            "(B.6a)-(B.6d), sub-family N = 2",
            kind="inequality",
            params=[DELTA, SIGMA_2, P1],
            evaluate=_b6_chain,
            witness_view=_view,
        ),
    ]


def claims() -> list[Claim]:
    hyps = [DELTA, D_A, N_P]
    thm = Claim(
        "Theorem 5.1",
        "infinitely many laws of (A(X), Z) make the squared-loss minimiser delta-hallucinate",
        hyps,
        [*b4_steps(), b5_step(), *b6_steps()],
        section="5",
        domain="delta in (0, 1]; any N >= 2; any weights p; any positive-definite Sigma_i",
    )
    cor = Claim(
        "Corollary 5.2.1",
        "the minimiser delta-hallucinates at every X_1..X_S",
        [*hyps, *b1.HYPOTHESES],
        [
            # Lemma B.1 at each input: its statement step, proved here again (A*(X_j) = E[A(X_j)]
            # minimises the squared loss)
            b1.statement_step("C.1 (per input)"),
            Step(
                "C.2 (hallucination at X_j)",
                "f_N(0)",
                "<=",
                "delta",
                "each A(X_j) built as in (B.1); uses (B.4), (B.6)",
                kind="inequality",
                params=[DELTA, SIGMA_2, P1],
                evaluate=_b6_chain,
                witness_view=_view,
                note="inherits Theorem 5.1 (B.6)",
            ),
        ],
        section="5",
        domain=thm.domain,
        assumptions=list(b1.ASSUMPTIONS),
    )
    return [thm, cor]
