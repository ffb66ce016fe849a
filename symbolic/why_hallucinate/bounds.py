r"""The paper's bounds from summary numbers; each formula is written once, as SymPy.

- Theorem 1: :math:`\mathrm{err} \ge 2\,\mathrm{err}_{iiv} - k/K - \delta`
  (:data:`IIV_LOWER`);
- Theorem 2 (LB), 99%: :math:`\mathrm{sr} - 2/K - (35 + 6\ln N)/\sqrt N - \delta`
  (:data:`SINGLETON_LOWER_99`); at confidence :math:`1-\gamma`:
  :math:`\mathrm{sr} - 2/K - 6\ln(3N/\gamma)/\sqrt N - \delta` (:data:`SINGLETON_LOWER`);
- Theorem 2 (UB), 99%: :math:`\mathrm{sr} - \mathrm{sr}/(L+1) + 13/\sqrt N`
  (:data:`SINGLETON_UPPER_99`); at :math:`1-\gamma`:
  :math:`\mathrm{sr} - \mathrm{sr}/(L+1) + 5\sqrt{\ln(5/\gamma)/N}` (:data:`SINGLETON_UPPER`);
- Theorems 3/4: :math:`\mathrm{err} \ge 2(1 - 1/C)\,\mathrm{err}_{iiv}`
  (:data:`MULTIPLE_CHOICE_LOWER`; with the error of the best threshold, or opt(G)).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.errors import InputError, require_finite

sr = sp.Symbol("sr", nonnegative=True)
N = sp.Symbol("N", positive=True, integer=True)
K = sp.Symbol("K", positive=True, integer=True)
L = sp.Symbol("L", positive=True, integer=True)
C = sp.Symbol("C", positive=True, integer=True)
k = sp.Symbol("k", positive=True, integer=True)
delta = sp.Symbol("delta", nonnegative=True)
gamma = sp.Symbol("gamma", positive=True)
err_iiv = sp.Symbol("err_iiv", nonnegative=True)

#: Sample terms of Theorem 2.
LB_TERM_99 = (35 + 6 * sp.log(N)) / sp.sqrt(N)
LB_TERM = 6 * sp.log(3 * N / gamma) / sp.sqrt(N)
UB_TERM_99 = 13 / sp.sqrt(N)
UB_TERM = 5 * sp.sqrt(sp.log(5 / gamma) / N)

IIV_LOWER = 2 * err_iiv - k / K - delta
SINGLETON_LOWER_99 = sr - 2 / K - LB_TERM_99 - delta
SINGLETON_LOWER = sr - 2 / K - LB_TERM - delta
SINGLETON_UPPER_99 = sr - sr / (L + 1) + UB_TERM_99
SINGLETON_UPPER = sr - sr / (L + 1) + UB_TERM
MULTIPLE_CHOICE_LOWER = 2 * (1 - 1 / C) * err_iiv


def _value(expr: sp.Expr, **values: Any) -> float:
    subs = {sp.Symbol(name, **_ASSUME[name]): v for name, v in values.items()}
    return float(sp.N(expr.subs(subs), 30))


_ASSUME: dict[str, dict[str, bool]] = {
    s.name: s.assumptions0 for s in (sr, N, K, L, C, k, delta, gamma, err_iiv)
}


def _unit(name: str, x: float, open_lo: bool = False) -> float:
    require_finite(name, x)
    if x < 0 or x > 1 or (open_lo and x == 0):
        raise InputError(name, f"must lie in {'(0' if open_lo else '[0'}, 1], got {x!r}")
    return float(x)


def _count(name: str, n: int, lo: int = 1) -> int:
    if int(n) != n or n < lo:
        raise InputError(name, f"must be an integer >= {lo}, got {n!r}")
    return int(n)


def singleton_lower(
    sr_value: float, n: int, min_errors: int, delta_value: float, gamma_value: float | None = None
) -> dict[str, Any]:
    """Theorem 2 (LB): keys ``lower``, ``confidence``, ``terms``, ``vacuous``."""
    s = _unit("--sr", sr_value)
    n = _count("--n", n)
    kk = _count("--min-errors", min_errors)
    d = _unit("--delta", delta_value)
    if gamma_value is None:
        term = _value(LB_TERM_99, N=n)
        lower = _value(SINGLETON_LOWER_99, sr=s, N=n, K=kk, delta=d)
        conf, form = 0.99, "sr - 2/K - (35 + 6 ln N)/sqrt(N) - delta"
    else:
        g = _unit("--gamma", gamma_value, open_lo=True)
        term = _value(LB_TERM, N=n, gamma=g)
        lower = _value(SINGLETON_LOWER, sr=s, N=n, K=kk, delta=d, gamma=g)
        conf, form = 1 - g, "sr - 2/K - 6 ln(3N/gamma)/sqrt(N) - delta"
    return {
        "bound": "Theorem 2 (LB)",
        "form": form,
        "lower": lower,
        "confidence": conf,
        "terms": {"sr": s, "two_over_K": 2 / kk, "sample_term": term, "delta": d},
        "vacuous": lower <= 0,
    }


def singleton_upper(
    sr_value: float, n: int, max_errors: int, gamma_value: float | None = None
) -> dict[str, Any]:
    """Theorem 2 (UB, for the paper's calibrated algorithm): keys ``upper``, ``confidence``,
    ``terms``, ``vacuous``."""
    s = _unit("--sr", sr_value)
    n = _count("--n", n)
    ll = _count("--max-errors", max_errors)
    if gamma_value is None:
        term = _value(UB_TERM_99, N=n)
        upper = _value(SINGLETON_UPPER_99, sr=s, N=n, L=ll)
        conf, form = 0.99, "sr - sr/(L+1) + 13/sqrt(N)"
    else:
        g = _unit("--gamma", gamma_value, open_lo=True)
        term = _value(UB_TERM, N=n, gamma=g)
        upper = _value(SINGLETON_UPPER, sr=s, N=n, L=ll, gamma=g)
        conf, form = 1 - g, "sr - sr/(L+1) + 5 sqrt(ln(5/gamma)/N)"
    return {
        "bound": "Theorem 2 (UB)",
        "form": form,
        "upper": upper,
        "confidence": conf,
        "terms": {"sr": s, "sr_over_L_plus_1": s / (ll + 1), "sample_term": term},
        "vacuous": upper >= 1,
    }


def multiple_choice_lower(err_iiv_value: float, choices: int) -> dict[str, Any]:
    """Theorems 3/4: ``lower`` = :math:`2(1-1/C)\\,\\mathrm{err}_{iiv}` (deterministic)."""
    e = _unit("--err-iiv", err_iiv_value)
    c = _count("--choices", choices, lo=2)
    return {
        "bound": "Theorem 3/4",
        "form": "2 (1 - 1/C) err_iiv",
        "lower": _value(MULTIPLE_CHOICE_LOWER, err_iiv=e, C=c),
        "confidence": 1.0,
        "terms": {"err_iiv": e, "factor": 2 * (1 - 1 / c)},
        "vacuous": e == 0,
        "note": "err_iiv of the best threshold (Theorem 4) or opt(G) (Theorem 3)",
    }


def iiv_lower(err_iiv_value: float, k_value: int, K_value: int, delta_value: float) -> float:  # noqa: N803
    """Theorem 1's right side :math:`2\\,\\mathrm{err}_{iiv} - k/K - \\delta`."""
    return _value(IIV_LOWER, err_iiv=err_iiv_value, k=k_value, K=K_value, delta=delta_value)


def numeric(expr: sp.Expr):  # noqa: ANN201
    """A fast float function of (sr, N, K, L, delta, gamma) for the simulator."""
    return sp.lambdify((sr, N, K, L, delta, gamma), expr, modules="math")
