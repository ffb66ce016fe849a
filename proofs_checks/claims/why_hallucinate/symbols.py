r"""Symbols shared by the claims of Kalai et al. (2025), named as in the note."""

from __future__ import annotations

from hallbound.proofs_checks.claims.why_hallucinate.common import (
    param,
    sym,
)

# ----- symbols ---------------------------------------------------------------------------
err, err_iiv, delta = (sym(n, nonnegative=True) for n in ("err", "err_iiv", "delta"))
k, K, C, Ec, M = (sym(n, positive=True, integer=True) for n in ("k", "K", "C", "E_c", "M"))
pAV, pBV, DAV, DBV = (
    sym(n, nonnegative=True) for n in ("phat(A-V)", "phat(B-V)", "D(A-V)", "D(B&V)")
)
pB, phB, phBV, pA, phA = (
    sym(n, nonnegative=True) for n in ("p(B)", "phat(B)", "phat(B&V)", "p(A)", "phat(A)")
)
mu, w, w1, w2 = (sym(n, nonnegative=True) for n in ("mu", "w", "w1", "w2"))
q, t, beta, s = (
    sym("q", nonnegative=True),
    sym("t", nonnegative=True),
    sym("beta", nonnegative=True),
    sym("s", positive=True),
)
wpos = sym("w+", positive=True)
ERR, ERR_IIV, DELTA = param(err, 0, 1), param(err_iiv, 0, 1), param(delta, 0, 1)
KK, SMALLK = param(K, 1, None, search=(1, 50)), param(k, 1, None, search=(1, 50))
W = param(w, 0, None, search=(0, 10))
