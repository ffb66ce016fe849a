"""Benchmarks: ``python -m hallbound.bench [--quick]`` prints one line per ratio.

Every baseline is implemented here, so one run measures both sides on the same machine:

* compiled optimal estimators (median for absolute, mode for zero_one; N = 2, d = 1) on 2
  threads: draws/s (target >= 1e6) and the ratio to the Python path (``method="python"``,
  timed on a small n; target >= 1000x);
* Monte Carlo kernel vs a NumPy-vectorised implementation of the same estimator (same n,
  same draws; target >= 3x) and vs the bare cost of drawing the same normals with
  ``numpy.random.default_rng`` (target <= 2x that floor);
* Poisson-binomial DP vs a pure-Python DP (nested loops over a list) at n = 50 (>= 100x), and
  our pmf (``pmf``, the DP) vs ``scipy.stats.poisson_binom`` at n = 50, 2000, 20000: time and
  the largest error of each against the exact pmf (exact rationals for n = 50 and 2000 -- the
  floats' exact dyadic values, an integer polynomial product in FLINT; for n = 20000, FLINT
  ball arithmetic at 300 bits, whose certified radius is printed);
* the per-draw cost of ``rate`` for losses without a compiled kernel (absolute, zero-one);
* Theorem 6.1 over a 10^5-point grid vs ``sympy.lambdify(..., 'numpy')`` with a per-point
  ``scipy.optimize`` maximisation over alpha (>= 100x; the baseline is timed on a subsample
  and scaled, which the line says);
* peak memory (``ru_maxrss`` of a fresh subprocess) of a 10^9-sample run (< 1 GiB);
* a 10^9-draw rate through ``--dask local:2`` against the threaded run (overhead <= 15%),
  and local:1 against local:2 (scaling);
* the Arbitrary-Facts simulator (Kalai et al. 2025): the numba per-prompt kernel vs a
  NumPy-vectorised version (calibrated algorithm, M = 10^6; >= 1x; both agree), and one
  whole trial at M = N = 10^6 (< 1 s).

``--quick`` scales every n down (and says so on each line). Times are the best of repeats.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np


def best_time(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` wall-clock timings of ``fn()``."""
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def line(name: str, value: float, unit: str, target: str, met: bool | None, note: str = "") -> str:
    """``name: measured figures; ratio (goal ...: reached|missed)``: the measured times of both
    sides come first (``note``), then the ratio and the goal it is held to."""
    verdict = "" if met is None else (": reached" if met else ": missed")
    goal = f" (goal {target}{verdict})" if target else ""
    head = f"{name}: {note}; " if note else f"{name}: "
    return f"{head}{value:.3g}{unit}{goal}"


# ----- Monte Carlo ------------------------------------------------------------------------
def _mc_problem():
    from hallbound.numeric.montecarlo import RateProblem
    from hallbound.spec import parse_spec

    spec = parse_spec(
        {
            "family": "normal",
            "delta": 0.05,
            "mean_law": {"kind": "normal", "center": [0.0], "scale": [2.0]},
            "state": [
                {"weight": 0.3, "mean": [1.0], "cov": [[1.0]]},
                {"weight": 0.7, "mean": [5.0], "cov": [[1.0]]},
            ],
        }
    )
    return RateProblem.from_spec(spec)


def _mc_mixture():
    from hallbound.spec import parse_spec

    return parse_spec(
        {
            "family": "normal",
            "delta": 0.05,
            "state": [
                {"weight": 0.3, "mean": [1.0], "cov": [[1.0]]},
                {"weight": 0.7, "mean": [5.0], "cov": [[1.0]]},
            ],
        }
    ).mixture


def _mc_laws():
    from hallbound.symbolic.mean_laws import MeanLaw

    law = MeanLaw.from_spec({"kind": "normal", "center": [0.0], "scale": [2.0]}, 1)
    return [law, law]


def bench_montecarlo(quick: bool) -> list[str]:
    from hallbound.numeric.montecarlo import CHUNK, count_hallucinations, numpy_count

    pb = _mc_problem()
    n = 2 * 10**6 if quick else 2 * 10**7
    count_hallucinations(pb, 1000, 0)  # compile / load from cache
    result: dict[str, int] = {}
    t_kernel = best_time(lambda: result.setdefault("k", count_hallucinations(pb, n, 1)))
    t_numpy = best_time(lambda: result.setdefault("np", numpy_count(pb, n, 1)), repeat=2)
    draws = n * pb.size * pb.dim

    def floor() -> None:
        rng = np.random.default_rng(1)
        left = draws
        while left > 0:
            rng.standard_normal(min(left, CHUNK * pb.size * pb.dim))
            left -= CHUNK * pb.size * pb.dim

    t_floor = best_time(floor)
    tag = f"n={n:.0e}" + (" [--quick]" if quick else "")
    same = "same count" if result["k"] == result["np"] else "COUNTS DIFFER"
    return [
        line(
            f"MC kernel vs numpy-vectorised ({tag})",
            t_numpy / t_kernel,
            "x faster",
            ">= 3x",
            t_numpy / t_kernel >= 3,
            f"{t_kernel:.3g}s vs {t_numpy:.3g}s, {same}",
        ),
        line(
            f"MC kernel vs numpy default_rng normals floor ({tag}, {draws:.0e} normals)",
            t_kernel / t_floor,
            "x the floor",
            "<= 2x",
            t_kernel / t_floor <= 2,
            f"{t_kernel:.3g}s vs {t_floor:.3g}s",
        ),
    ]


def bench_optimal_estimators(quick: bool) -> list[str]:
    """Compiled median (absolute) and mode (zero_one) at N = 2, d = 1, on 2 threads, against
    the Python path (``method="python"``) timed on a small n in the same run."""
    from hallbound.numeric.montecarlo import count_hallucinations

    n = 2 * 10**5 if quick else 4 * 10**6
    n_py = 10 if quick else 40
    out = []
    for loss in ("absolute", "zero_one"):
        pb = _mc_problem().with_values(loss=loss)
        count_hallucinations(pb, 1000, 0, threads=2)  # compile / load from cache
        cpu0 = time.process_time()
        t_kernel = best_time(lambda pb=pb: count_hallucinations(pb, n, 1, threads=2))
        per_cpu = 3 * n / (time.process_time() - cpu0)  # draws per CPU-second (3 repeats)
        t_py = best_time(lambda pb=pb: count_hallucinations(pb, n_py, 1, method="python"), repeat=1)
        same = count_hallucinations(pb, n_py, 1, threads=2) == count_hallucinations(
            pb, n_py, 1, method="python"
        )
        rate, rate_py = n / t_kernel, n_py / t_py
        tag = f"n={n:.0e}" + (" [--quick]" if quick else "")
        out += [
            line(
                f"MC compiled {loss} estimator, N=2 d=1, 2 threads ({tag})",
                rate,
                " draws/s",
                ">= 1e6",
                rate >= 1e6,
                f"{t_kernel:.3g}s wall; {per_cpu:.3g} draws per CPU-second (shared machines:"
                " wall rate <= 2x that)",
            ),
            line(
                f"MC compiled {loss} estimator vs Python path (python timed on n={n_py})",
                rate / rate_py,
                "x faster",
                ">= 1000x",
                rate / rate_py >= 1000,
                f"{rate:.3g} vs {rate_py:.3g} draws/s, "
                + ("same count" if same else "COUNTS DIFFER")
                + f" on n={n_py}",
            ),
        ]
    return out


def bench_dask(quick: bool) -> list[str]:
    """A squared-loss rate through ``--dask local:K`` (K = 1, 2 worker processes, one thread
    each) against the threaded local run on the same machine, same n and seed."""
    try:
        import distributed  # noqa: F401  (the optional third-party extra)
    except ImportError:  # pragma: no cover
        return ["Dask local:2 vs threaded run: skipped: dask.distributed not installed"]
    from hallbound.numeric.cluster import connect
    from hallbound.numeric.montecarlo import count_hallucinations

    pb = _mc_problem()
    n = 10**8 if quick else 10**9
    tag = f"n={n:.0e}" + (" [--quick: scaled down from 1e9]" if quick else "")
    count_hallucinations(pb, 1000, 0)
    counts = {}
    t_local = best_time(lambda: counts.setdefault("local", count_hallucinations(pb, n, 1)), 1)
    times = {}
    for k in (1, 2):
        with connect(f"local:{k}") as client:
            count_hallucinations(pb, 10**6, 0, client=client)  # workers load the kernel
            times[k] = best_time(
                lambda c=client, k=k: counts.setdefault(
                    k, count_hallucinations(pb, n, 1, client=c)
                ),
                1,
            )
    same = "same count" if counts[1] == counts[2] == counts["local"] else "COUNTS DIFFER"
    overhead = times[2] / t_local - 1
    return [
        line(
            f"Dask local:2 vs threaded local run, 2 threads ({tag})",
            100 * overhead,
            "% overhead",
            "<= 15%",
            overhead <= 0.15,
            f"{times[2]:.3g}s vs {t_local:.3g}s, {same}",
        ),
        line(
            f"Dask scaling local:1 -> local:2 ({tag})",
            times[1] / times[2],
            "x faster",
            "n/a",
            None,
            f"{times[1]:.3g}s vs {times[2]:.3g}s; {n / times[2]:.3g} draws/s on 2 workers",
        ),
    ]


MEMORY_SCRIPT = """
import json, resource, sys, time
from hallbound.bench import _mc_problem
from hallbound.numeric.montecarlo import count_hallucinations
n = int(sys.argv[1])
pb = _mc_problem()
count_hallucinations(pb, 1000, 0)
t0 = time.perf_counter()
k = count_hallucinations(pb, n, 2)
print(json.dumps({"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "seconds": time.perf_counter() - t0, "count": k}))
"""


def bench_memory(quick: bool) -> list[str]:
    n = 10**7 if quick else 10**9
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(n)], capture_output=True, text=True, check=True
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    mib = data["maxrss_kib"] / 1024
    tag = f"n={n:.0e}" + (" [--quick: scaled down from 1e9]" if quick else "")
    return [
        line(
            f"Peak memory of an MC run ({tag})",
            mib,
            " MiB",
            "< 1024 MiB",
            mib < 1024,
            f"{data['seconds']:.3g}s, {n / data['seconds']:.3g} draws/s",
        )
    ]


# ----- Poisson-binomial -------------------------------------------------------------------
def python_dp(p: list[float]) -> list[float]:
    """Pure-Python product recursion over a list (the baseline)."""
    r = [1.0] + [0.0] * len(p)
    for j, q in enumerate(p):
        for k in range(j + 1, 0, -1):
            r[k] = (1.0 - q) * r[k] + q * r[k - 1]
        r[0] = (1.0 - q) * r[0]
    return r


def bench_poisson_binomial(quick: bool) -> list[str]:
    from hallbound.numeric.poisson_binomial import pmf_dp, pmf_dp_rows

    rng = np.random.default_rng(0)
    p50 = rng.uniform(size=50)
    as_list = p50.tolist()
    pmf_dp(p50)
    reps = 200 if quick else 2000
    t_fast = best_time(lambda: [pmf_dp(p50) for _ in range(reps)]) / reps
    t_py = best_time(lambda: [python_dp(as_list) for _ in range(reps // 10)]) / (reps // 10)
    assert np.allclose(pmf_dp(p50), python_dp(as_list), rtol=1e-12, atol=1e-15)
    rows = rng.uniform(size=(2000 if quick else 20000, 50))
    pmf_dp_rows(rows[:2])
    t_rows = best_time(lambda: pmf_dp_rows(rows)) / len(rows)
    return [
        line(
            "Poisson-binomial DP vs pure-Python DP (n=50)",
            t_py / t_fast,
            "x faster",
            ">= 100x",
            t_py / t_fast >= 100,
            f"{t_fast * 1e6:.3g}us vs {t_py * 1e6:.3g}us per pmf, pmf_dp incl. validation",
        ),
        line(
            "Poisson-binomial DP, batched pmf_dp_rows, vs pure-Python DP (n=50)",
            t_py / t_rows,
            "x faster",
            ">= 100x",
            t_py / t_rows >= 100,
            f"{t_rows * 1e6:.3g}us vs {t_py * 1e6:.3g}us per pmf, {len(rows)} rows per call",
        ),
    ] + [compare_scipy(n) for n in ((50, 2000) if quick else (50, 2000, 20000))] + (
        ["ours vs scipy.stats.poisson_binom (n=20000): skipped [--quick]"] if quick else []
    )


def _split_product(polys: list) -> object:
    """The product of a list of polynomials by binary splitting."""
    while len(polys) > 1:
        polys = [
            polys[i] * polys[i + 1] if i + 1 < len(polys) else polys[i]
            for i in range(0, len(polys), 2)
        ]
    return polys[0]


def _to_float(numerator: int, shift: int) -> float:
    """``numerator / 2**shift`` as the nearest float (Python's int division rounds
    correctly)."""
    return numerator / (1 << shift)


def exact_pmf(p: np.ndarray) -> tuple[np.ndarray, float, str]:
    """The pmf of the floats ``p`` (taken at their exact binary values) from an exact
    product: exact rationals (integer polynomial over the common power-of-two denominator)
    for n <= 5000, else 300-bit FLINT balls. Returns the pmf, the certified radius (0 when
    exact) and how it was computed."""
    from flint import arb, arb_poly, ctx, fmpz_poly

    if len(p) <= 5000:
        ratios = [float(x).as_integer_ratio() for x in p]
        bits = max(d.bit_length() - 1 for _, d in ratios)
        one = 1 << bits
        polys = [fmpz_poly([one - a * (one // d), a * (one // d)]) for a, d in ratios]
        coeffs = _split_product(polys).coeffs()  # type: ignore[attr-defined]
        values = [_to_float(int(c), bits * len(p)) for c in coeffs]
        return np.array(values + [0.0] * (len(p) + 1 - len(values))), 0.0, "exact rationals"
    old = ctx.prec
    ctx.prec = 300
    try:
        polys = [arb_poly([arb(1) - arb(float(x)), arb(float(x))]) for x in p]
        coeffs = _split_product(polys).coeffs()  # type: ignore[attr-defined]
        radius = max(float(c.rad()) for c in coeffs)
        values = [float(c.mid()) for c in coeffs]
    finally:
        ctx.prec = old
    return np.array(values), radius, "300-bit balls"


def compare_scipy(n: int) -> str:
    """Our pmf vs ``scipy.stats.poisson_binom`` at n coins: time, max error vs exact."""
    from hallbound.numeric.poisson_binomial import pmf

    try:
        from scipy.stats import poisson_binom
    except ImportError:
        import scipy

        return (
            f"ours vs scipy.stats.poisson_binom (n={n}): scipy {scipy.__version__} has no "
            "poisson_binom (added in scipy 1.15); not compared"
        )
    p = np.random.default_rng(n).uniform(size=n)
    ks = np.arange(n + 1)
    pmf(p)
    repeat = 5 if n <= 2000 else 2
    t_ours = best_time(lambda: pmf(p), repeat=repeat)
    t_scipy = best_time(lambda: poisson_binom(p).pmf(ks), repeat=repeat)
    exact, radius, how = exact_pmf(p)
    ours, theirs = pmf(p), poisson_binom(p).pmf(ks)
    err_ours = float(np.max(np.abs(ours - exact)))
    err_scipy = float(np.max(np.abs(theirs - exact)))
    ref = how if not radius else f"{how}, radius {radius:.1e}"
    if np.array_equal(ours, theirs):
        ref += "; the two float results are bit-identical"
    return line(
        f"ours (pmf_dp) vs scipy.stats.poisson_binom (n={n})",
        t_scipy / t_ours,
        "x faster",
        "",
        None,
        f"ours {t_ours * 1e3:.3g}ms, max error {err_ours:.2g}; scipy {t_scipy * 1e3:.3g}ms, "
        f"max error {err_scipy:.2g} (against {ref})",
    )


# ----- rate for losses without a kernel -------------------------------------------------------
def bench_python_losses(quick: bool) -> list[str]:
    from hallbound.numeric.montecarlo import RateProblem, hallucination_rate

    base = _mc_problem()
    out = []
    n = 50 if quick else 300
    for loss, options in (("absolute", {}), ("pinball", {"tau": 0.9}), ("zero_one", {})):
        problem = RateProblem.from_mixture(
            _mc_mixture(), _mc_laws(), base.delta, loss, options
        )
        hallucination_rate(problem, 2, 0)
        t = best_time(
            lambda problem=problem: hallucination_rate(problem, n, 1, method="python"), repeat=2
        )
        t_mean = best_time(lambda: hallucination_rate(base, n, 1), repeat=2)
        out.append(
            line(
                f"rate per draw, {loss} loss (optimal estimate per draw in Python, n={n})",
                t / t_mean,
                "x the squared loss",
                "",
                None,
                f"{t / n * 1e3:.3g} ms per draw; squared loss (compiled) {t_mean / n * 1e6:.3g} us"
                " per draw at this n (overhead-bound)",
            )
        )
    return out


# ----- Theorem 6.1 grid -------------------------------------------------------------------
def baseline_bound(p, s, k, r) -> np.ndarray:
    """Per point: ``sympy.lambdify`` objective + ``scipy.optimize.minimize_scalar``."""
    import scipy.optimize
    import sympy as sp

    from hallbound.numeric.theorem61 import ALPHA, OBJECTIVE, RX, SIGMA, D

    f = sp.lambdify((ALPHA, D, RX, SIGMA), OBJECTIVE, "numpy")
    out = np.full(len(r), np.nan)
    for m in range(len(r)):
        d = math.sqrt(float(np.sum(p[m] ** 2 * s[m])))
        prod = 1.0
        for i in range(p.shape[1]):
            hi = (math.sqrt(s[m, i]) - r[m]) / d
            if not hi > 1:
                prod = math.nan
                break
            res = scipy.optimize.minimize_scalar(
                lambda a, d=d, rm=r[m], si=s[m, i]: -f(a, d, rm, si),
                bounds=(1.0, hi),
                method="bounded",
                options={"xatol": 1e-12},
            )
            prod *= -res.fun * k[m, i]
        out[m] = prod
    return out


def bench_bound(quick: bool) -> list[str]:
    from hallbound.numeric.theorem61 import paper_bound

    rng = np.random.default_rng(3)
    m, n_states = 10**5, 3
    p = rng.dirichlet(np.ones(n_states), m)
    s = rng.uniform(20.0, 400.0, (m, n_states))
    k = rng.uniform(0.2, 1.0, (m, n_states))
    r = rng.uniform(0.0, 2.0, m)
    paper_bound(p[:10], s[:10], k[:10], r[:10])  # compile / load
    t_fast = best_time(lambda: paper_bound(p, s, k, r))
    sub = 200 if quick else 2000
    t_base = best_time(lambda: baseline_bound(p[:sub], s[:sub], k[:sub], r[:sub]), repeat=1)
    t_base_full = t_base * m / sub
    ours = paper_bound(p[:sub], s[:sub], k[:sub], r[:sub]).product
    theirs = baseline_bound(p[:sub], s[:sub], k[:sub], r[:sub])
    ok = np.isnan(ours) == np.isnan(theirs)
    agree = ok.all() and np.all(ours[~np.isnan(ours)] >= theirs[~np.isnan(theirs)] * (1 - 1e-9))
    return [
        line(
            "Theorem 6.1 bound, 10^5-point grid vs lambdify + scipy per point",
            t_base_full / t_fast,
            "x faster",
            ">= 100x",
            t_base_full / t_fast >= 100,
            f"{t_fast:.3g}s vs {t_base_full:.3g}s (baseline timed on {sub} points, scaled)"
            + ("" if agree else "; VALUES DISAGREE"),
        )
    ]


def numpy_prompt_terms(alpha, ans, idk, r: int) -> np.ndarray:
    """Baseline: the calibrated algorithm's per-prompt terms, NumPy-vectorised."""
    t = 1.0 / (r - 1)
    known = ans > 0
    pa = np.where(known, alpha, alpha / r)
    pi = 1.0 - alpha
    pe = np.where(known, 0.0, alpha / r)
    iiv = (alpha / 2) * (pa <= t) + ((1 - alpha) / 2) * (pi <= t) + 0.5 * (pe > t)
    dsum = (pa - alpha) * (pa > t) + (pi - 1 + alpha) * (pi > t) + (r - 1) * pe * (pe > t)
    m = alpha.shape[0]
    return np.array([float((ans == 1).sum()), alpha[~known].sum() / m,
                     ((r - 1) * pe).sum() / m, iiv.sum() / m, dsum.sum() / m])


def bench_arbitrary_facts(quick: bool) -> list[str]:
    """The numba per-prompt kernel vs NumPy, and one whole simulate() trial."""
    from hallbound.numeric.why_hallucinate import prompt_terms, sample_counts, simulate

    n = 10**5 if quick else 10**6
    m = n
    rng = np.random.default_rng(0)
    alpha = rng.uniform(0.5, 1.0, size=m)
    ans, idk = sample_counts(m, n, alpha, np.random.default_rng(1))
    ours = prompt_terms(alpha, ans, idk, 365, 0, 1.0)  # compiles
    base = numpy_prompt_terms(alpha, ans, idk, 365)
    assert np.allclose(ours, base, rtol=1e-9, atol=1e-12), (ours, base)
    t_nb = best_time(lambda: prompt_terms(alpha, ans, idk, 365, 0, 1.0))
    t_np = best_time(lambda: numpy_prompt_terms(alpha, ans, idk, 365))
    t_trial = best_time(lambda: simulate(m, n, 365, (0.5, 1.0), "calibrated", 1, 1), repeat=2)
    tag = " (--quick: n = 1e5)" if quick else ""
    return [
        line(f"arbitrary-facts per-prompt kernel, M = {m:.0e}{tag}", t_np / t_nb, "x", ">= 1x",
             t_np / t_nb >= 1, f"numba {t_nb * 1e3:.1f} ms, NumPy {t_np * 1e3:.1f} ms"),
        line(f"arbitrary-facts trial, M = N = {n:.0e}{tag}", t_trial, " s", "< 1 s",
             t_trial < 1, "simulate(..., trials=1): sample, model, err, err_iiv, delta, bounds"),
    ]


#: The --help description: the module docstring's contents as plain text.
DESCRIPTION = (
    "Benchmarks: print one line per comparison, ours against a baseline measured in the same "
    "run (the compiled optimal estimators against the Python path, the Monte Carlo kernel "
    "against NumPy, the Poisson-binomial pmf against a pure-Python DP and "
    "scipy.stats.poisson_binom, the per-draw cost of rate for losses without a compiled "
    "kernel, the Theorem 6.1 bound against sympy.lambdify with scipy.optimize, the peak "
    "memory of a 10^9-sample run, the Dask overhead, the Arbitrary-Facts simulator), with the "
    "ratio and the goal it reaches or misses. Times are the best of repeats."
)


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m hallbound.bench``."""
    parser = argparse.ArgumentParser(prog="python -m hallbound.bench", description=DESCRIPTION)
    parser.add_argument(
        "--quick", action="store_true", help="scale every n down (each line says so)"
    )
    parser.add_argument(
        "--only", nargs="+", metavar="NAME",
        help="run only these comparisons (e.g. optimal_estimators dask)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    benches = (
        bench_montecarlo,
        bench_optimal_estimators,
        bench_poisson_binomial,
        bench_python_losses,
        bench_bound,
        bench_memory,
        bench_dask,
        bench_arbitrary_facts,
    )
    names = {b.__name__.removeprefix("bench_"): b for b in benches}
    unknown = sorted(set(args.only or ()) - set(names))
    if unknown:
        parser.error(f"--only: unknown {', '.join(unknown)} (choose from {', '.join(names)})")
    for bench in [names[k] for k in args.only] if args.only else benches:
        for text in bench(args.quick):
            print(text, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
