"""Cost of the certified binned bound (ball arithmetic) against the float (FFT) path.

Run ``python examples/bench_binned_certified.py [--repeats R]``: for each case, the median
time of ``binned_bound_float`` and of ``binned_bound`` (certified) over R runs in this same
process, their ratio, and both values (certified minus float is the float path's margin,
1e-9, plus its interval widening).
"""

from __future__ import annotations

import argparse
import statistics
import time

from hallbound.numeric.bounds_certified import clear_cache
from hallbound.numeric.bounds_refined import binned_bound, binned_bound_float

CASES = [
    ("normal N=2", [0.3, 0.7], [0.8, 1.1], [3.0, 3.0], "normal"),
    ("laplace N=2", [0.3, 0.7], [0.8, 1.1], [3.0, 3.0], "laplace"),
    ("uniform N=2", [0.3, 0.7], [0.8, 1.1], [3.0, 3.0], "uniform"),
    ("normal N=3", [0.2, 0.3, 0.5], [0.4, 0.5, 0.3], [1.0, 2.0, 1.5], "normal"),
    ("laplace N=5", [0.1, 0.2, 0.3, 0.4, 0.0], [0.2] * 5, [1.0] * 5, "laplace"),
]


def _median_time(fn, args: tuple, repeats: int) -> tuple[float, float]:
    times, value = [], float("nan")
    for _ in range(repeats):
        clear_cache()  # each run computes anew
        t0 = time.perf_counter()
        value = fn(*args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    ratios = []
    for name, *case in CASES:
        tf, vf = _median_time(binned_bound_float, tuple(case), args.repeats)
        tc, vc = _median_time(binned_bound, tuple(case), args.repeats)
        ratios.append(tc / tf)
        print(f"{name:12s} float {tf * 1e3:8.1f} ms  certified {tc * 1e3:8.1f} ms  "
              f"ratio {tc / tf:5.1f}x  values {vf:.12f} {vc:.12f} (diff {vc - vf:.2e})")
    print(f"median ratio {statistics.median(ratios):.1f}x over {len(CASES)} cases "
          f"({args.repeats} runs each, medians)")


if __name__ == "__main__":
    main()
