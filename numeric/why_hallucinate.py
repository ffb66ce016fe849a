r"""Arbitrary-Facts simulator: Theorem 2's bounds against simulated draws (the per-prompt
closed forms in numba, the sampling vectorised in NumPy).

One trial: :math:`M` prompts with :math:`\mu = \mathrm{Unif}`, :math:`|R_c| = R`,
:math:`\alpha_c \sim U[\mathrm{lo}, \mathrm{hi}]`, and :math:`N` i.i.d. training pairs
(:math:`c \sim \mu`, then :math:`a_c` with probability :math:`\alpha_c`, else IDK). The
model :math:`\hat p` of the chosen algorithm is, per prompt, constant on the
:math:`R-1` errors (every algorithm here treats unseen answers alike), so
:math:`\mathrm{err}`, :math:`\mathrm{err}_{iiv}` and :math:`\delta` have closed forms per
prompt (:func:`prompt_terms`):

- :math:`\mathrm{err} = \sum_c \mu(c)(R-1)\hat p_e(c)`;
- :math:`\mathrm{err}_{iiv} = \sum_c \mu(c)[\tfrac{\alpha_c}{2}I[\hat p_a \le t] +
  \tfrac{1-\alpha_c}{2}I[\hat p_{idk} \le t] + \tfrac12 I[\hat p_e > t]]`, :math:`t = 1/K`,
  :math:`K = R-1`;
- :math:`\delta = |\sum_c \mu(c)[(\hat p_a-\alpha_c)I[\hat p_a>t] +
  (\hat p_{idk}-1+\alpha_c)I[\hat p_{idk}>t] + (R-1)\hat p_e I[\hat p_e>t]]|`.

The bounds are :data:`hallbound.symbolic.why_hallucinate.bounds.SINGLETON_LOWER` and
``SINGLETON_UPPER`` (written once, in SymPy); failure frequencies come with exact
Clopper-Pearson intervals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numba
import numpy as np

from hallbound.errors import InputError
from hallbound.symbolic.why_hallucinate import bounds as B

ALGORITHMS: tuple[str, ...] = ("calibrated", "memorize-idk", "memorize-guess", "add-lambda")
#: Level of the reported Clopper-Pearson intervals.
CI_LEVEL = 0.95


def sample_counts(
    m: int, n: int, alpha: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Non-IDK and IDK sample counts per prompt for ``n`` draws (uniform prompts).

    NumPy-vectorised (draws, then ``bincount``): at N = 10^6 this beats a numba loop, whose
    scattered increments into two 10^6-long arrays cost more than the vectorised pass
    (``python -m hallbound.bench`` measures both sides of the per-prompt kernel)."""
    c = rng.integers(0, m, size=n)
    hit = rng.random(n) < alpha[c]
    return np.bincount(c[hit], minlength=m), np.bincount(c[~hit], minlength=m)


@numba.njit(cache=True)
def prompt_terms(
    alpha: np.ndarray, ans: np.ndarray, idk: np.ndarray, r: int, algorithm: int, lam: float
) -> np.ndarray:
    """[sr count, MM, err, err_iiv, signed delta] summed over prompts (mu uniform)."""
    m = alpha.shape[0]
    t = 1.0 / (r - 1)
    singles = 0.0
    mm = 0.0
    err = 0.0
    iiv = 0.0
    dsum = 0.0
    for c in range(m):
        a = alpha[c]
        known = ans[c] > 0
        if ans[c] == 1:
            singles += 1.0
        if not known:
            mm += a
        if algorithm == 0:  # calibrated (Theorem 2 UB)
            pa, pi, pe = (a, 1.0 - a, 0.0) if known else (a / r, 1.0 - a, a / r)
        elif algorithm == 1:  # memorize, IDK on U
            pa, pi, pe = (1.0, 0.0, 0.0) if known else (0.0, 1.0, 0.0)
        elif algorithm == 2:  # memorize, guess uniformly on U
            pa, pi, pe = (1.0, 0.0, 0.0) if known else (1.0 / r, 0.0, 1.0 / r)
        else:  # add-lambda empirical frequencies over R_c and IDK
            tot = ans[c] + idk[c] + lam * (r + 1)
            pa, pi, pe = (ans[c] + lam) / tot, (idk[c] + lam) / tot, lam / tot
        err += (r - 1) * pe
        if pa <= t:
            iiv += a / 2
        if pi <= t:
            iiv += (1.0 - a) / 2
        if pe > t:
            iiv += 0.5
        if pa > t:
            dsum += pa - a
        if pi > t:
            dsum += pi - (1.0 - a)
        if pe > t:
            dsum += (r - 1) * pe
    out = np.empty(5)
    out[0] = singles
    out[1] = mm / m
    out[2] = err / m
    out[3] = iiv / m
    out[4] = dsum / m
    return out


@dataclass
class Simulation:
    """Per-trial rows and failure counts per gamma."""

    params: dict[str, Any]
    rows: list[dict[str, float]] = field(default_factory=list)
    failures: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"params": self.params, "trials": self.rows, "failures": self.failures}


def _parse_alpha(text: str) -> tuple[float, float]:
    try:
        lo, hi = (float(x) for x in text.split(":"))
    except ValueError:
        raise InputError("--alpha", f"must be LO:HI, got {text!r}") from None
    if not (0 <= lo <= hi <= 1):
        raise InputError("--alpha", f"need 0 <= LO <= HI <= 1, got {text!r}")
    return lo, hi


def simulate(
    prompts: int,
    n: int,
    answers: int,
    alpha: str | tuple[float, float],
    algorithm: str,
    trials: int,
    seed: int,
    gammas: tuple[float, ...] = (0.01,),
    lam: float = 1.0,
) -> Simulation:
    """Run ``trials`` independent trials; see the module doc."""
    from hallbound.numeric.intervals import clopper_pearson

    if prompts < 1:
        raise InputError("--prompts", f"must be >= 1, got {prompts}")
    if n < 1:
        raise InputError("--n", f"must be >= 1, got {n}")
    if answers < 2:
        raise InputError("--answers", f"must be >= 2 (|R_c| >= 2), got {answers}")
    if trials < 1:
        raise InputError("--trials", f"must be >= 1, got {trials}")
    if seed < 0:
        raise InputError("--seed", f"must be >= 0, got {seed}")
    if algorithm not in ALGORITHMS:
        raise InputError("--algorithm", f"unknown {algorithm!r} (known: {', '.join(ALGORITHMS)})")
    for g in gammas:
        if not (0 < g <= 1):
            raise InputError("--gamma", f"must lie in (0, 1], got {g}")
    lo, hi = _parse_alpha(alpha) if isinstance(alpha, str) else alpha
    k_min = answers - 1
    lower = B.numeric(B.SINGLETON_LOWER)
    upper = B.numeric(B.SINGLETON_UPPER)
    sim = Simulation(
        {
            "prompts": prompts,
            "n": n,
            "answers": answers,
            "alpha": [lo, hi],
            "algorithm": algorithm,
            "trials": trials,
            "seed": seed,
            "gammas": list(gammas),
            "lambda": lam,
            "K": k_min,
            "L": k_min,
        }
    )
    fails = {g: {"lower": 0, "upper": 0, "lemma1": 0, "lemma2": 0} for g in gammas}
    margin = {g: {"lower": math.inf, "upper": math.inf} for g in gammas}
    seeds = np.random.SeedSequence(seed).generate_state(2 * trials, dtype=np.uint32)
    alg = ALGORITHMS.index(algorithm)
    for i in range(trials):
        rng = np.random.default_rng(int(seeds[2 * i]))
        al = rng.uniform(lo, hi, size=prompts)
        ans, idk = sample_counts(prompts, n, al, np.random.default_rng(int(seeds[2 * i + 1])))
        singles, mm, err, iiv, dsig = prompt_terms(al, ans, idk, answers, alg, lam)
        sr = singles / n
        delta = abs(dsig)
        g0 = gammas[0]
        row = {
            "sr": sr,
            "MM": mm,
            "err": err,
            "err_iiv": iiv,
            "delta": delta,
            "lower": lower(sr, n, k_min, k_min, delta, g0),
            "upper": upper(sr, n, k_min, k_min, delta, g0),
        }
        sim.rows.append(row)
        for g in gammas:
            f = fails[g]
            lo_g = lower(sr, n, k_min, k_min, delta, g)
            up_g = upper(sr, n, k_min, k_min, delta, g)
            f["lower"] += err < lo_g
            f["upper"] += err > up_g
            margin[g]["lower"] = min(margin[g]["lower"], err - lo_g)
            margin[g]["upper"] = min(margin[g]["upper"], up_g - err)
            f["lemma1"] += abs(mm - sr) > 4.42 * math.sqrt(math.log(5 / g) / n)
            f["lemma2"] += 2 * iiv < sr - 6 * math.log(3 * n / g) / math.sqrt(n)
    for g in gammas:
        out = {}
        for key, k in fails[g].items():
            ci = clopper_pearson(int(k), trials, CI_LEVEL)
            out[key] = {
                "failures": int(k),
                "rate": k / trials,
                "ci95": list(ci),
                "exceeds_gamma": ci[0] > g,
            }
            if key in margin[g]:  # the smallest slack over the trials (negative: a failure)
                out[key]["min_margin"] = margin[g][key]
        sim.failures[str(g)] = out
    return sim
