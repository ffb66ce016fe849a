r"""Monte Carlo hallucination probability :math:`P_H^\delta` under Assumption 6.1.

One draw: every state's mean is drawn from its mean law,
:math:`\mu_i = \mu_0 + s_i \odot \xi_i` (independent; :mod:`hallbound.symbolic.mean_laws`),
the squared-loss optimal estimate is formed, :math:`A^* = \sum_i p_i \mu_i` (Lemma B.1), and
the draw counts as a hallucination when :math:`f_i(A^*) \le \delta` for every :math:`i`
(Definition 4.2), where :math:`f_i` is state i's law moved to :math:`\mu_i`. The estimate is
the share of hallucinating draws, with an exact Clopper-Pearson interval.

The kernel is generated: each :math:`f_i(a; \mu)` is the family's SymPy density with a
symbolic location, printed by :mod:`hallbound.numeric.compile` into one numba module with
the counting loop. Any family whose ``shifted(symbol).density()`` is a closed form in the
point and the location is supported (Normal in d dimensions, and the 1-D continuous
families). The compiled path covers losses whose optimum is the mixture mean (squared and
Bregman losses); any other loss (absolute, pinball, zero-one, ...) runs the ``python``
method: per draw, :func:`hallbound.numeric.estimators.optimal_estimate` on the moved
mixture, with the same stream (so both methods agree draw by draw on squared loss), single
threaded and about a millisecond per draw.

Reproducibility: samples are cut into chunks of :data:`CHUNK`; chunk ``c`` draws from
``Generator(PCG64(SeedSequence(seed, spawn_key=(c,))))``. Chunks are shared among threads
(the kernel releases the GIL), and the count is a sum over chunks, so the same seed and n give
the same count whatever the thread count. Memory does not grow with n.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
from hallbound.numeric.compile import expression_source, load_source
from hallbound.numeric.intervals import RateEstimate, require_count, require_level

from hallbound.errors import InputError, require_delta

#: Samples per chunk (each chunk has its own seed; the chunking is part of the stream).
CHUNK = 1 << 18

_LAPLACE = """
@njit(cache=True, nogil=True, inline="always")
def laplace(u):
    if u == 0.0:
        u = 2.0 ** -54
    if u < 0.5:
        return math.log(2.0 * u)
    return -math.log(2.0 * (1.0 - u))
"""

#: The standard draw of each mean-law code, as kernel source (same as ``draw_standard``).
_DRAW_CODE = {
    0: "gen.standard_normal()",
    1: "(2.0 * gen.random() - 1.0)",
    2: "laplace(gen.random())",
    3: "(1.0 if gen.random() < 0.5 else -1.0)",
}


@dataclass(frozen=True)
class RateProblem:
    r"""Everything one Monte Carlo run needs.

    ``densities[i]`` is :math:`f_i` as a SymPy expression in ``point`` (the coordinates of
    :math:`a`) and ``location`` (the coordinates of :math:`\mu_i`); ``centers``/``scales``
    are ``(N, d)`` and ``kinds`` the mean-law codes (:data:`~hallbound.symbolic.mean_laws.KINDS`).
    """

    weights: np.ndarray
    centers: np.ndarray
    scales: np.ndarray
    kinds: np.ndarray
    delta: float
    densities: tuple[sp.Expr, ...]
    point: tuple[sp.Symbol, ...]
    location: tuple[sp.Symbol, ...]
    loss: str = "squared"
    loss_options: tuple[tuple[str, Any], ...] = ()
    states: tuple[Any, ...] = ()

    @property
    def fast(self) -> bool:
        """True when the optimal estimate is the mixture mean (squared, Bregman losses)."""
        if self.loss == "squared":
            return True
        from hallbound.symbolic.losses import make_loss

        return make_loss(self.loss, **dict(self.loss_options)).estimator in ("mean", "law")

    @property
    def size(self) -> int:
        return len(self.weights)

    @property
    def dim(self) -> int:
        return len(self.point)

    def with_values(self, **changes: Any) -> RateProblem:
        """A copy with some numeric fields replaced (``delta``, ``scales``, ``weights``...)."""
        values = {**self.__dict__, **changes}
        return RateProblem(**values)

    @classmethod
    def from_mixture(
        cls,
        mixture: Any,
        laws: Sequence[Any],
        delta: float,
        loss: str = "squared",
        loss_options: dict[str, Any] | None = None,
    ) -> RateProblem:
        """From a :class:`LatentMixture` and one :class:`MeanLaw` per state."""
        if loss != "squared":
            from hallbound.symbolic.losses import make_loss

            make_loss(loss, **(loss_options or {}))  # validates the name and options
        delta = require_delta(delta)
        if len(laws) != mixture.size:
            raise InputError("mean_law", f"{len(laws)} mean laws for {mixture.size} states")
        d = mixture.dim
        for i, law in enumerate(laws, start=1):
            if law.dim != d:
                raise InputError(f"state[{i}].mean_law.center", f"must have length {d}")
        point = tuple(sp.symbols(f"a_1:{d + 1}", real=True))
        location = tuple(sp.symbols(f"m_1:{d + 1}", real=True))
        densities = tuple(
            _density(state, point, location, i) for i, state in enumerate(mixture.states)
        )
        for i, state in enumerate(mixture.states, start=1):
            if state.mean().has(sp.nan, sp.zoo, sp.oo, -sp.oo):
                raise InputError(
                    f"state[{i}]", "has no finite mean: the Monte Carlo draws move the mean"
                )
        return cls(
            weights=mixture.weight_vector(),
            centers=np.array([law.center_vector() for law in laws]),
            scales=np.array([law.scale_vector() for law in laws]),
            kinds=np.array([law.code for law in laws], dtype=np.int64),
            delta=delta,
            densities=densities,
            point=point,
            location=location,
            loss=loss,
            loss_options=tuple(sorted((loss_options or {}).items())),
            states=tuple(mixture.states),
        )

    @classmethod
    def from_spec(cls, spec: Any) -> RateProblem:
        """From a parsed :class:`~hallbound.spec.Spec` with ``[mean_law]`` tables."""
        from hallbound.symbolic.mean_laws import MeanLaw

        laws = []
        for i in range(spec.mixture.size):
            table = spec.state_mean_law(i)
            if table is None:
                raise InputError("mean_law", "missing: rate needs a [mean_law] table")
            name = "mean_law" if "mean_law" not in spec.states[i] else f"state[{i + 1}].mean_law"
            laws.append(MeanLaw.from_spec(table, spec.mixture.dim, name))
        return cls.from_mixture(spec.mixture, laws, spec.delta, spec.loss, spec.loss_options)


def _density(state: Any, point: tuple, location: tuple, i: int) -> sp.Expr:
    """:math:`f_i(a; \\mu)` with symbolic point and location."""
    try:
        mu = location[0] if state.dim == 1 else sp.Matrix(location)
        moved = state.shifted(mu)
        expr = moved.density()
        expr = expr.xreplace(dict(zip(moved.point_symbols(), point, strict=True)))
    except Exception as err:  # a family without a symbolic location
        raise InputError(
            "family", f"state {i + 1}: no symbolic density for the Monte Carlo kernel ({err})"
        ) from None
    extra = expr.free_symbols - set(point) - set(location)
    if extra:
        names = ", ".join(sorted(map(str, extra)))
        raise InputError("family", f"state {i + 1}: density has free parameters {names}")
    return expr


def log_density(expr: sp.Expr) -> sp.Expr | None:
    r""":math:`\ln f` expanded (``expand_log``), when that removes every ``exp`` and has no
    ``Piecewise``; the kernel then tests :math:`\ln f_i(A^*) > \ln\delta` (no exp per draw).
    """
    log_form = sp.expand_log(sp.log(expr), force=True)
    if log_form.has(sp.exp, sp.Piecewise, sp.zoo, sp.nan, sp.oo, -sp.oo):
        return None
    return log_form


def kernel_source(problem: RateProblem) -> str:
    """The generated numba module: one ``f_i`` per state and the unrolled ``count_chunk``."""
    d, n_states = problem.dim, problem.size
    args = [*problem.point, *problem.location]
    parts, tests = [], []
    for i, expr in enumerate(problem.densities):
        log_form = log_density(expr)
        if log_form is None:
            parts.append(expression_source(expr, args, f"_f{i}"))
            tests.append((f"f{i}", "delta"))
        else:
            parts.append(expression_source(log_form, args, f"_f{i}"))
            tests.append((f"f{i}", "log_delta"))
        parts.append(f"f{i} = njit(cache=True, nogil=True, inline='always')(_f{i})\n")
    lines = [
        "@njit(cache=True, nogil=True)",
        "def count_chunk(gen, n, weights, centers, scales, delta):",
    ]
    for i in range(n_states):
        lines.append(f"    w{i} = weights[{i}]")
        for j in range(d):
            lines.append(f"    c{i}_{j} = centers[{i}, {j}]")
            lines.append(f"    s{i}_{j} = scales[{i}, {j}]")
    lines += ["    log_delta = math.log(delta)", "    hits = 0", "    for _ in range(n):"]
    for i in range(n_states):
        draw = _DRAW_CODE[int(problem.kinds[i])]
        for j in range(d):
            lines.append(f"        m{i}_{j} = c{i}_{j} + s{i}_{j} * {draw}")
    for j in range(d):
        total = " + ".join(f"w{i} * m{i}_{j}" for i in range(n_states))
        lines.append(f"        e{j} = {total}")
    est = ", ".join(f"e{j}" for j in range(d))
    for i, (name, threshold) in enumerate(tests):
        mus = ", ".join(f"m{i}_{j}" for j in range(d))
        lines += [f"        if {name}({est}, {mus}) > {threshold}:", "            continue"]
    lines += ["        hits += 1", "    return hits", ""]
    return "\n\n".join(parts) + _LAPLACE + "\n\n" + "\n".join(lines)


def compiled_kernel(problem: RateProblem) -> Callable[..., int]:
    """``count_chunk(gen, n, weights, centers, scales, delta) -> int`` (cached)."""
    return load_source(kernel_source(problem), "mc").count_chunk


def chunk_generator(seed: int, chunk: int) -> np.random.Generator:
    """The generator of chunk number ``chunk``: ``SeedSequence(seed, spawn_key=(chunk,))``."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(chunk,))))


def _chunks(n: int, size: int) -> list[tuple[int, int]]:
    return [(c, min(size, n - c * size)) for c in range((n + size - 1) // size)]


def default_threads() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


def count_hallucinations(
    problem: RateProblem,
    n: int,
    seed: int,
    *,
    threads: int | None = None,
    chunk: int = CHUNK,
    progress: Callable[[int], None] | None = None,
    method: str = "auto",
) -> int:
    """The number of hallucinating draws among ``n`` (see the module docstring).

    ``method``: ``kernel`` (compiled; losses whose optimum is the mean), ``python`` (any
    loss: :func:`hallbound.numeric.estimators.optimal_estimate` per draw, single-threaded,
    about a millisecond per draw), ``auto`` (kernel when possible).
    """
    n = require_count(n, "n")
    seed = require_count(seed, "seed", 0)
    chunk = require_count(chunk, "chunk")
    threads = require_count(threads if threads is not None else default_threads(), "threads")
    if method not in ("auto", "kernel", "python"):
        raise InputError("method", f"must be auto, kernel or python, got {method!r}")
    if method == "python" or (method == "auto" and not problem.fast):
        return _python_count(problem, n, seed, chunk, progress)
    if not problem.fast:
        raise InputError("method", f"loss {problem.loss!r} has no compiled kernel; use python")
    kernel = compiled_kernel(problem)
    args = (
        np.ascontiguousarray(problem.weights, dtype=float),
        np.ascontiguousarray(problem.centers, dtype=float),
        np.ascontiguousarray(problem.scales, dtype=float),
        float(problem.delta),
    )
    n_chunks = (n + chunk - 1) // chunk
    lock = threading.Lock()
    state = {"next": 0, "hits": 0}
    errors: list[BaseException] = []

    def worker() -> None:
        while True:
            with lock:
                c = state["next"]
                if c >= n_chunks or errors:
                    return
                state["next"] = c + 1
            size = min(chunk, n - c * chunk)
            try:
                hits = int(kernel(chunk_generator(seed, c), size, *args))
            except BaseException as err:  # pragma: no cover - surfaced below
                with lock:
                    errors.append(err)
                return
            with lock:
                state["hits"] += hits
            if progress is not None:
                progress(size)

    pool = [threading.Thread(target=worker) for _ in range(min(threads, n_chunks))]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    if errors:
        raise errors[0]
    return state["hits"]


def hallucination_rate(
    problem: RateProblem,
    n: int,
    seed: int,
    *,
    level: float = 0.95,
    threads: int | None = None,
    chunk: int = CHUNK,
    progress: Callable[[int], None] | None = None,
    method: str = "auto",
) -> RateEstimate:
    r"""Estimate :math:`P_H^\delta` with an exact interval at ``level``."""
    level = require_level(level)
    count = count_hallucinations(problem, n, seed, threads=threads, chunk=chunk, progress=progress)
    return RateEstimate(count, n, level, seed)


def _python_count(
    problem: RateProblem,
    n: int,
    seed: int,
    chunk: int,
    progress: Callable[[int], None] | None,
) -> int:
    """Any loss: per draw, the loss's optimal estimate of the moved mixture (same stream)."""
    from hallbound.numeric.compile import compile_expression
    from hallbound.numeric.estimators import optimal_estimate
    from hallbound.symbolic.mean_laws import KINDS, draw_standard
    from hallbound.symbolic.mixture import LatentMixture

    if not problem.states:
        raise InputError("state", "the python method needs the mixture's states")
    names = {law.code: name for name, law in KINDS.items()}
    kinds = [names[int(k)] for k in problem.kinds]
    args = (*problem.point, *problem.location)
    dens = [compile_expression(f, args, tag="density").scalar for f in problem.densities]
    weights = [float(w) for w in problem.weights]
    options = dict(problem.loss_options)
    hits = 0
    for c, size in _chunks(n, chunk):
        gen = chunk_generator(seed, c)
        for j in range(size):
            if progress is not None and j and j % 64 == 0:  # a few draws/s: report often
                progress(64)
            mus = [
                problem.centers[i]
                + problem.scales[i] * draw_standard(gen, kinds[i], (problem.dim,))
                for i in range(problem.size)
            ]
            moved = [
                s.shifted(float(mu[0]) if problem.dim == 1 else [float(v) for v in mu])
                for s, mu in zip(problem.states, mus, strict=True)
            ]
            mixture = LatentMixture(weights, moved)
            est = np.asarray(optimal_estimate(mixture, problem.loss, **options), dtype=float)
            if all(f(*est, *mu) <= problem.delta for f, mu in zip(dens, mus, strict=True)):
                hits += 1
        if progress is not None:
            progress(size - 64 * ((size - 1) // 64))
    return hits


def numpy_count(problem: RateProblem, n: int, seed: int, *, chunk: int = CHUNK) -> int:
    """The same estimator vectorised with NumPy (``lambdify`` of the same densities).

    Uses the same chunk generators and draw order as the kernel, so for kinds shared by all
    states it returns the same count; it is the baseline of the benchmark and a test oracle.
    """
    from hallbound.symbolic.mean_laws import KINDS, draw_standard

    names = {law.code: name for name, law in KINDS.items()}
    kinds = {int(k) for k in problem.kinds}
    if len(kinds) != 1:
        raise InputError("mean_law", "numpy_count needs one mean-law kind for every state")
    kind = names[kinds.pop()]
    args = [*problem.point, *problem.location]
    fs = [sp.lambdify(args, f, modules=["numpy", "scipy"]) for f in problem.densities]
    hits = 0
    for c, size in _chunks(n, chunk):
        gen = chunk_generator(seed, c)
        xi = draw_standard(gen, kind, (size, problem.size, problem.dim))
        mu = problem.centers + problem.scales * xi
        est = np.zeros((size, problem.dim))
        for i in range(problem.size):
            est += problem.weights[i] * mu[:, i, :]
        ok = np.ones(size, dtype=bool)
        for i, f in enumerate(fs):
            dens = f(*est.T, *mu[:, i, :].T)
            ok &= np.broadcast_to(dens, (size,)) <= problem.delta
        hits += int(ok.sum())
    return hits


__all__ = [
    "CHUNK",
    "RateProblem",
    "chunk_generator",
    "compiled_kernel",
    "count_hallucinations",
    "default_threads",
    "hallucination_rate",
    "kernel_source",
    "numpy_count",
]
