r"""Monte Carlo counts on a Dask cluster (the optional ``dask`` extra).

Chunks become tasks. The draws are cut exactly as in a local run
(:func:`hallbound.numeric.montecarlo.count_hallucinations`): chunk ``c`` of
:data:`~hallbound.numeric.montecarlo.CHUNK` draws uses
``SeedSequence(seed, spawn_key=(c,))``; a task counts a run of consecutive chunks, and the
count is the sum over tasks, so it equals the local count for the same seed and n whatever the
number of workers, and whatever Dask re-runs: a task lost with its worker is recomputed from
its chunk numbers alone and returns the same integer.

Kernels on workers: a task carries the generated kernel *source* (a few kB) and the numeric
arguments; the worker compiles it through :func:`hallbound.numeric.compile.load_source`, into
its own disk cache (``$HALLBOUND_CACHE_DIR`` or ``~/.cache/hallbound/kernels`` on that
machine), once per process. Losses without a compiled estimator ship the pickled
:class:`~hallbound.numeric.montecarlo.RateProblem` and run the NumPy reference per chunk
(:func:`~hallbound.numeric.montecarlo.reference_chunk_count`).

Addresses (:func:`connect`): ``tcp://HOST:PORT`` (or any scheduler address Dask accepts,
``tls://``, ``ucx://``...) connects to a running scheduler; ``local:K`` starts a
``LocalCluster`` of K single-threaded worker processes on this machine and closes it after.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from hallbound.errors import InputError

#: Seconds to wait for a scheduler before giving up on an address.
CONNECT_TIMEOUT = 3.0
_LOAD_LOCK = threading.Lock()
#: Chunks per task at most (a task of 64 chunks is about 1.7e7 draws).
MAX_CHUNKS_PER_TASK = 64


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise InputError("dask", "needs dask.distributed: pip install 'hallbound[dask]'") from None
    return distributed


def parse_address(address: str) -> tuple[str, int]:
    """``("local", K)`` for ``local:K``, ``("scheduler", 0)`` for a ``scheme://`` address;
    anything else raises :class:`InputError` (``dask``). Imports nothing."""
    address = str(address).strip()
    if address.startswith("local:"):
        text = address[len("local:") :]
        try:
            workers = int(text)
        except ValueError:
            raise InputError("dask", f"local:K needs an integer K, got {text!r}") from None
        if workers < 1:
            raise InputError("dask", f"local:K needs K >= 1, got {workers}")
        return "local", workers
    scheme, sep, rest = address.partition("://")
    if not sep or not scheme or not rest:
        raise InputError("dask", f"must be tcp://HOST:PORT or local:K, got {address!r}")
    return "scheduler", 0


@contextlib.contextmanager
def connect(address: str, *, timeout: float = CONNECT_TIMEOUT) -> Iterator[Any]:
    """A ``distributed.Client`` for ``address`` (``tcp://...`` or ``local:K``), closed after.

    A scheduler that does not answer within ``timeout`` seconds raises
    :class:`InputError` (``dask``).
    """
    kind, workers = parse_address(address)
    distributed = _distributed()
    address = str(address).strip()
    if kind == "local":
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port if the dashboard is available
            host="127.0.0.1",
        )
        try:
            with distributed.Client(cluster, timeout=timeout) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = distributed.Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as err:
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError("dask", f"cannot reach a scheduler at {address}: {first}") from None
    try:
        yield client
    finally:
        client.close()


def count_chunks_task(
    source: str | None,
    problem: Any,
    seed: int,
    first: int,
    last: int,
    n: int,
    chunk: int,
    args: tuple,
) -> int:
    """The count of chunks ``first..last-1`` of an n-draw run (runs on a worker)."""
    from hallbound.numeric import montecarlo

    hits = 0
    if source is not None:
        from hallbound.numeric.compile import load_source

        with _LOAD_LOCK:  # threads of one worker compile a kernel once
            kernel = load_source(source, "mc").count_chunk
        for c in range(first, last):
            size = min(chunk, n - c * chunk)
            hits += int(kernel(montecarlo.chunk_generator(seed, c), size, *args))
        return hits
    for c in range(first, last):
        hits += montecarlo.reference_chunk_count(problem, seed, c, min(chunk, n - c * chunk))
    return hits


def _workers(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # pragma: no cover - an older client
        return 1


def submit_count(
    client: Any,
    problem: Any,
    n: int,
    seed: int,
    *,
    chunk: int,
    method: str = "auto",
) -> list[tuple[Any, int]]:
    """Submit the tasks of one count; returns ``(future, draws)`` pairs."""
    from hallbound.numeric.montecarlo import kernel_source

    compiled = method == "kernel" or (method == "auto" and problem.compiled)
    source = kernel_source(problem) if compiled else None
    args = (
        np.ascontiguousarray(problem.weights, dtype=float),
        np.ascontiguousarray(problem.centers, dtype=float),
        np.ascontiguousarray(problem.scales, dtype=float),
        float(problem.delta),
    )
    n_chunks = (n + chunk - 1) // chunk
    per_task = max(1, min(MAX_CHUNKS_PER_TASK, n_chunks // (8 * _workers(client)) or 1))
    shipped = None if compiled else problem
    token = uuid.uuid4().hex
    out = []
    for first in range(0, n_chunks, per_task):
        last = min(n_chunks, first + per_task)
        draws = min(n, last * chunk) - first * chunk
        future = client.submit(
            count_chunks_task,
            source,
            shipped,
            seed,
            first,
            last,
            n,
            chunk,
            args,
            pure=False,
            key=f"hallbound-count-{token}-{first}",
        )
        out.append((future, draws))
    return out


def cluster_count(
    client: Any,
    problem: Any,
    n: int,
    seed: int,
    *,
    chunk: int,
    progress: Callable[[int], None] | None = None,
    method: str = "auto",
) -> int:
    """The hallucination count of ``n`` draws, as tasks on ``client`` (see the module)."""
    distributed = _distributed()
    pairs = submit_count(client, problem, n, seed, chunk=chunk, method=method)
    draws = {f.key: size for f, size in pairs}
    hits = 0
    for future in distributed.as_completed([f for f, _ in pairs]):
        hits += int(future.result())
        if progress is not None:
            progress(draws[future.key])
    return hits


__all__ = [
    "CONNECT_TIMEOUT",
    "cluster_count",
    "connect",
    "count_chunks_task",
    "parse_address",
    "submit_count",
]
