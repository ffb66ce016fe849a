r"""Sweeps: Theorem 6.1's bound and/or the Monte Carlo rate over a parameter grid.

The grid is the product of four axes, each defaulting to the spec's own value:

* ``delta``: the level :math:`\delta`;
* ``states``: the number of latent states N (for N other than the spec's, every state is a
  copy of the spec's first state);
* ``scale``: the mean laws' scale (every coordinate of every state), i.e. the spread of
  :math:`d_i^\mu`;
* ``weights``: ``spec``, ``equal`` (:math:`p_i = 1/N`) or an explicit list ``0.2,0.8``.

Each row holds the axes, :math:`r_x`, :math:`d`, the bound :math:`\prod_i P_i K_i`
(NaN when the theorem's condition fails, with ``applicable`` False), and for rates the
estimate, its exact interval, the count, n and the seed (common random numbers: every grid
point uses the same seed). :func:`write_table` writes CSV (and Parquet when pyarrow is
present) atomically: whole files or none.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp

from hallbound.errors import InputError

#: Largest value count a ``start:stop:num`` range may ask for before any allocation.
MAX_AXIS = 10**8
#: Bytes assumed per grid row (CSV text, Python objects) when checking memory.
ROW_BYTES = 400


def parse_values(items: Sequence[str] | None, parameter: str, integer: bool = False) -> list:
    """Values from ``["0.1,0.2", "0.01:0.1:10"]`` (lists, and inclusive ``start:stop:num``)."""
    if not items:
        return []
    values: list = []
    for item in items:
        for part in str(item).split(","):
            part = part.strip()
            if not part:
                continue
            values.extend(_parse_part(part, parameter, integer))
    return values


def _number(text: str, parameter: str, integer: bool) -> float | int:
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        kind = "an integer" if integer else "a number"
        raise InputError(parameter, f"must be {kind}, got {text!r}") from None
    if not math.isfinite(value):
        raise InputError(parameter, f"must be finite, got {text!r}")
    return value


def _parse_part(part: str, parameter: str, integer: bool) -> list:
    if ":" not in part:
        return [_number(part, parameter, integer)]
    pieces = part.split(":")
    if len(pieces) != 3:
        raise InputError(parameter, f"a range is start:stop:num, got {part!r}")
    start, stop = (_number(p, parameter, integer) for p in pieces[:2])
    num = _number(pieces[2], parameter, True)
    if num < 1:
        raise InputError(parameter, f"range count must be >= 1, got {num}")
    if num > MAX_AXIS:
        raise InputError("grid", f"{parameter} asks for {num} values (limit {MAX_AXIS})")
    if integer:
        return sorted({int(round(v)) for v in np.linspace(start, stop, num)})
    return decimal_range(pieces[0], pieces[1], num)


def decimal_range(start: str, stop: str, num: int) -> list[float]:
    """``num`` evenly spaced values from ``start`` to ``stop`` (inclusive), computed in decimal
    arithmetic from the typed strings, so ``0.01:0.1:10`` gives 0.02, not 0.020000000000000004
    (each value is the float nearest the decimal, printed as typed by ``repr``)."""
    lo, hi = Decimal(start.strip()), Decimal(stop.strip())
    if num == 1:
        return [float(lo)]
    step = (hi - lo) / (num - 1)
    return [float(lo + step * k) for k in range(num - 1)] + [float(hi)]


def parse_weights(items: Sequence[str] | None) -> list[str]:
    """Weight choices: ``spec``, ``equal`` or comma lists (checked against N later)."""
    if not items:
        return []
    out = []
    for item in items:
        text = str(item).strip()
        if text in ("spec", "equal"):
            out.append(text)
            continue
        vals = [_number(v, "weights", False) for v in text.split(",") if v.strip()]
        if not vals:
            raise InputError("weights", f"empty weight list {item!r}")
        out.append(",".join(repr(v) for v in vals))
    return out


def available_memory() -> int:
    """Bytes of memory available now (``/proc/meminfo``, else the physical size)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:  # pragma: no cover
        pass
    return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))


def check_grid_memory(points: int, max_states: int, limit: int | None = None) -> None:
    """:class:`InputError` (``grid``) when the rows would not fit in half the free memory."""
    need = points * (ROW_BYTES + 48 * max_states)
    budget = (available_memory() if limit is None else limit) // 2
    if need > budget:
        raise InputError(
            "grid",
            f"{points} points would need about {need / 2**30:.3g} GiB "
            f"(budget {budget / 2**30:.3g} GiB); use fewer values",
        )


@dataclass
class SweepGrid:
    """The axes of a sweep; empty lists mean "the spec's value"."""

    deltas: list[float] = field(default_factory=list)
    states: list[int] = field(default_factory=list)
    scales: list[float] = field(default_factory=list)
    weights: list[str] = field(default_factory=list)

    def resolved(self, spec: Any) -> SweepGrid:
        """Fill empty axes from the spec; validate values."""
        deltas = self.deltas or [spec.delta]
        for v in deltas:
            if not v > 0:
                raise InputError("delta", f"must be > 0, got {v}")
        states = self.states or [spec.mixture.size]
        for n in states:
            if n < 1:
                raise InputError("states", f"must be >= 1, got {n}")
        for v in self.scales:
            if not v > 0:
                raise InputError("scale", f"must be > 0, got {v}")
        scales = self.scales or [math.nan]  # NaN: the spec's scale
        weights = self.weights or ["spec"]
        return SweepGrid(list(deltas), list(states), list(scales), list(weights))

    def size(self) -> int:
        return len(self.deltas) * len(self.states) * len(self.scales) * len(self.weights)


def _state_tables(spec: Any, n_states: int) -> list[dict[str, Any]]:
    if n_states == spec.mixture.size:
        return [dict(s) for s in spec.states]
    return [dict(spec.states[0]) for _ in range(n_states)]


def _weights(choice: str, spec: Any, n_states: int) -> list[float]:
    if choice == "equal":
        return [1.0 / n_states] * n_states
    if choice == "spec":
        if n_states != spec.mixture.size:
            raise InputError(
                "weights", f"'spec' weights have {spec.mixture.size} entries, N={n_states}"
            )
        return [float(w) for w in spec.mixture.weight_vector()]
    values = [float(v) for v in choice.split(",")]
    if len(values) != n_states:
        raise InputError("weights", f"{choice!r} has {len(values)} entries, N={n_states}")
    if any(v <= 0 for v in values) or abs(sum(values) - 1.0) > 1e-12:
        raise InputError("weights", f"{choice!r}: weights must be > 0 and sum to 1")
    return values


@dataclass
class _Setting:
    """One (N, weights, scale) combination: mixture, mean laws, compiled radii."""

    mixture: Any
    laws: list[Any]
    radius: Callable[[np.ndarray], np.ndarray]


def _setting(spec: Any, n_states: int, weights: list[float], scale: float) -> _Setting:
    from hallbound.symbolic.families import family_class
    from hallbound.symbolic.mean_laws import MeanLaw
    from hallbound.symbolic.mixture import LatentMixture

    tables = _state_tables(spec, n_states)
    cls = family_class(spec.family)
    dim = spec.mixture.dim
    states = [cls.from_spec(t, dim) for t in tables]
    mixture = LatentMixture([sp.Rational(repr(w)) for w in weights], states)
    laws = []
    for i, table in enumerate(tables, start=1):
        raw = table.get("mean_law", spec.mean_law)
        if raw is None:
            raise InputError("mean_law", "missing: a sweep needs a [mean_law] table")
        law = MeanLaw.from_spec(
            raw, dim, "mean_law" if "mean_law" not in table else f"state[{i}].mean_law"
        )
        laws.append(law if math.isnan(scale) else law.with_scale(scale))
    return _Setting(mixture, laws, _radius_function(states))


def _radius_function(states: list[Any]) -> Callable[[np.ndarray], np.ndarray]:
    r""":math:`r_x(\delta) = \max_i r_i(\delta)`, compiled from each family's closed form."""
    from hallbound.numeric.compile import compile_expression
    from hallbound.symbolic.values import to_float

    delta = sp.Symbol("delta", positive=True)
    kernels = []
    for s in states:
        expr = s.covering_radius(delta)
        try:
            kernels.append(compile_expression(expr, (delta,), tag="radius"))
        except Exception:  # not printable: evaluate the closed form point by point
            kernels.append(
                np.vectorize(lambda v, e=expr: to_float(e.subs(delta, sp.Rational(repr(float(v))))))
            )

    def radius(deltas: np.ndarray) -> np.ndarray:
        return np.max([np.asarray(k(deltas), dtype=float) for k in kernels], axis=0)

    return radius


def run_sweep(
    spec: Any,
    grid: SweepGrid,
    *,
    bound: bool = True,
    rate: bool = False,
    n: int | None = None,
    seed: int = 0,
    level: float = 0.95,
    threads: int | None = None,
    progress: Callable[[int], None] | None = None,
    memory_limit: int | None = None,
    client: Any = None,
    partitions: str | Path | None = None,
) -> dict[str, list]:
    """Evaluate the grid; returns columns (a dict of equal-length lists).

    ``client`` (a ``distributed.Client``): every row's Monte Carlo chunks run as tasks on the
    cluster, all rows at once (same counts as locally). Each finished row is then written to
    ``partitions`` (a folder; ``part-K.parquet``, or ``.csv`` without pyarrow), atomically.
    """
    from hallbound.numeric.intervals import require_count, require_level
    from hallbound.numeric.theorem61 import laws_bound

    if not (bound or rate):
        raise InputError("what", "choose bound, rate or both")
    if rate:
        n = require_count(n if n is not None else -1, "n")
        require_count(seed, "seed", 0)
        level = require_level(level)
    grid = grid.resolved(spec)
    check_grid_memory(grid.size(), max(grid.states), memory_limit)
    columns: dict[str, list] = {k: [] for k in ("delta", "N", "scale", "weights", "r_x", "d")}
    if bound:
        columns.update({"bound": [], "applicable": []})
    if rate:
        columns.update({k: [] for k in RATE_COLUMNS})
    deltas = np.array(grid.deltas, dtype=float)
    pending: list[tuple[int, Any]] = []
    for n_states, choice, scale in itertools.product(grid.states, grid.weights, grid.scales):
        weights = _weights(choice, spec, n_states)
        setting = _setting(spec, n_states, weights, scale)
        r_x = setting.radius(deltas)
        result = laws_bound(np.array(weights), setting.laws, r_x)
        problem = _rate_problem(setting, spec) if rate else None
        for k, delta in enumerate(grid.deltas):
            columns["delta"].append(delta)
            columns["N"].append(n_states)
            columns["scale"].append(float(setting.laws[0].scale[0]))
            columns["weights"].append(",".join(f"{w:.12g}" for w in weights))
            columns["r_x"].append(float(r_x[k]))
            columns["d"].append(float(result.d[k]))
            if bound:
                columns["bound"].append(float(result.product[k]))
                columns["applicable"].append(bool(result.applicable[k]))
            if rate and client is not None:
                pending.append((len(columns["delta"]) - 1, problem.with_values(delta=float(delta))))
                for key in RATE_COLUMNS:
                    columns[key].append(None)
                continue
            if rate:
                _rate_row(columns, problem, delta, n, seed, level, threads)
            if progress is not None:
                progress(1)
    if pending:
        _cluster_rows(columns, pending, client, n, seed, level, progress, partitions)
    return columns


#: The columns a rate adds to a row.
RATE_COLUMNS = ("estimate", "ci_lo", "ci_hi", "count", "n", "seed", "level")


def _cluster_rows(columns, pending, client, n, seed, level, progress, partitions) -> None:
    """Submit every pending row's chunks, fill rows as they finish, write their partitions."""
    from distributed import as_completed

    from hallbound.io import atomic_write_bytes
    from hallbound.numeric.intervals import RateEstimate
    from hallbound.numeric.montecarlo import CHUNK, submit_count

    folder = Path(partitions) if partitions is not None else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    owner, left, hits = {}, {}, {}
    futures = []
    for row, problem in pending:
        pairs = submit_count(client, problem, n, seed, chunk=CHUNK)
        left[row], hits[row] = len(pairs), 0
        for future, _ in pairs:
            owner[future.key] = row
            futures.append(future)
    for future in as_completed(futures):
        row = owner[future.key]
        hits[row] += int(future.result())
        left[row] -= 1
        if left[row]:
            continue
        est = RateEstimate(hits[row], n, level, seed)
        values = (est.estimate, *est.ci, est.count, n, seed, level)
        for key, value in zip(RATE_COLUMNS, values, strict=True):
            columns[key][row] = value
        if folder is not None:
            one = {key: [col[row]] for key, col in columns.items()}
            try:
                data, suffix = parquet_bytes(one), ".parquet"
            except ImportError:
                data, suffix = csv_text(one).encode("utf-8"), ".csv"
            atomic_write_bytes(folder / f"part-{row:06d}{suffix}", data)
        if progress is not None:
            progress(1)


def _rate_problem(setting: _Setting, spec: Any) -> Any:
    from hallbound.numeric.montecarlo import RateProblem

    return RateProblem.from_mixture(
        setting.mixture, setting.laws, spec.delta, spec.loss, spec.loss_options
    )


def _rate_row(columns, problem, delta, n, seed, level, threads) -> None:
    from hallbound.numeric.montecarlo import hallucination_rate

    est = hallucination_rate(
        problem.with_values(delta=float(delta)), n, seed, level=level, threads=threads
    )
    lo, hi = est.ci
    for key, value in (
        ("estimate", est.estimate),
        ("ci_lo", lo),
        ("ci_hi", hi),
        ("count", est.count),
        ("n", n),
        ("seed", seed),
        ("level", level),
    ):
        columns[key].append(value)


def csv_text(columns: dict[str, list]) -> str:
    """The columns as CSV text (header first; floats in full precision)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(columns))
    rows = zip(*columns.values(), strict=True)
    writer.writerows([repr(v) if isinstance(v, float) else v for v in row] for row in rows)
    return buf.getvalue()


def parquet_bytes(columns: dict[str, list]) -> bytes:
    """The columns as a Parquet file (needs pyarrow)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(pa.table(columns), sink)
    return sink.getvalue().to_pybytes()


def write_table(
    columns: dict[str, list], path: str | Path, parquet: bool | None = None
) -> list[Path]:
    """Write ``path`` (CSV) and, when pyarrow is present (or ``parquet`` is True), the same
    table as ``path`` with suffix ``.parquet``; both atomically, after all rows exist."""
    from hallbound.io import atomic_write_bytes, atomic_write_text

    target = Path(path)
    payloads: list[tuple[Path, bytes]] = [(target, csv_text(columns).encode("utf-8"))]
    if parquet is None:
        try:
            import pyarrow  # noqa: F401

            parquet = True
        except ImportError:
            parquet = False
    if parquet:
        payloads.append((target.with_suffix(".parquet"), parquet_bytes(columns)))
    written = []
    for p, data in payloads:
        written.append(
            atomic_write_bytes(p, data)
            if p.suffix == ".parquet"
            else atomic_write_text(p, data.decode("utf-8"))
        )
    return written


__all__ = [
    "SweepGrid",
    "available_memory",
    "check_grid_memory",
    "csv_text",
    "parse_values",
    "parse_weights",
    "parquet_bytes",
    "run_sweep",
    "write_table",
]
