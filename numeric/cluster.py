r"""Monte Carlo counts on a Dask cluster (the optional ``dask`` extra): the plumbing (connect,
submit runs of chunks, gather the counts); the task itself is
:func:`hallbound.numeric.montecarlo.count_chunks_task`, submitted by
:func:`hallbound.numeric.montecarlo.submit_count` (this module imports nothing of the Monte Carlo).

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
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from hallbound.errors import InputError

#: Seconds to wait for a scheduler before giving up on an address.
CONNECT_TIMEOUT = 3.0
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


def _workers(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # pragma: no cover - an older client
        return 1


def submit_chunks(
    client: Any, task: Callable[..., int], n: int, chunk: int, *args: Any
) -> list[tuple[Any, int]]:
    """Submit ``task(first, last, *args)`` over consecutive runs of the ``ceil(n / chunk)``
    chunk numbers (at most :data:`MAX_CHUNKS_PER_TASK` per task, about 8 tasks per worker
    thread); returns ``(future, draws)`` pairs, ``draws`` the draws of the task's chunks."""
    n_chunks = (n + chunk - 1) // chunk
    per_task = max(1, min(MAX_CHUNKS_PER_TASK, n_chunks // (8 * _workers(client)) or 1))
    token = uuid.uuid4().hex
    out = []
    for first in range(0, n_chunks, per_task):
        last = min(n_chunks, first + per_task)
        draws = min(n, last * chunk) - first * chunk
        future = client.submit(
            task, first, last, *args, pure=False, key=f"hallbound-count-{token}-{first}"
        )
        out.append((future, draws))
    return out


def gather_counts(
    pairs: list[tuple[Any, int]], progress: Callable[[int], None] | None = None
) -> int:
    """The sum of the futures' integer results, as they complete (``progress`` hears each
    future's draws)."""
    distributed = _distributed()
    draws = {f.key: size for f, size in pairs}
    hits = 0
    for future in distributed.as_completed([f for f, _ in pairs]):
        hits += int(future.result())
        if progress is not None:
            progress(draws[future.key])
    return hits


__all__ = [
    "CONNECT_TIMEOUT",
    "MAX_CHUNKS_PER_TASK",
    "connect",
    "gather_counts",
    "parse_address",
    "submit_chunks",
]
