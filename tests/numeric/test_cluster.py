"""Monte Carlo on a real Dask cluster on 127.0.0.1: a scheduler and two workers, each a
separate process started with the ``dask`` command line (no nanny, one thread, its own
kernel cache). Counts equal local runs; a worker killed mid-run changes nothing; a bad
address is one error line and exit status 2."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import distributed  # the [dask] extra, also in [test]: CI runs these for real
import pytest

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.numeric.cluster import parse_address
from hallbound.numeric.montecarlo import (
    RateProblem,
    count_hallucinations,
    hallucination_rate,
    submit_count,
)
from hallbound.spec import parse_spec

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SPEC = {
    "family": "normal",
    "delta": 0.05,
    "mean_law": {"kind": "normal", "center": [0.0], "scale": [3.0]},
    "state": [
        {"weight": 0.5, "mean": [-4.0], "cov": [[1.0]]},
        {"weight": 0.5, "mean": [4.0], "cov": [[1.0]]},
    ],
}
STUDENT = {
    "family": "student_t",
    "delta": 0.1,
    "loss": "absolute",
    "mean_law": {"kind": "normal", "center": [0.0], "scale": [2.0]},
    "state": [
        {"weight": 0.5, "mean": [0.0], "df": 3.0, "scale": 1.0},
        {"weight": 0.5, "mean": [0.0], "df": 5.0, "scale": 0.8},
    ],
}


def _dask(*args: str, env: dict | None = None, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", *args],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """``(client, address, workers, caches)``; the processes end with the module."""
    tmp = tmp_path_factory.mktemp("dask")
    file = tmp / "scheduler.json"
    procs = [
        _dask(
            "distributed.cli.dask_scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(file),
            log=tmp / "scheduler.log",
        )
    ]
    workers, caches = [], []
    try:
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        for k in range(2):
            cache = tmp / f"cache{k}"
            caches.append(cache)
            workers.append(
                _dask(
                    "distributed.cli.dask_worker",
                    "--scheduler-file",
                    str(file),
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                    "--death-timeout",
                    "60",
                    env={"HALLBOUND_CACHE_DIR": str(cache)},
                    log=tmp / f"worker{k}.log",
                )
            )
        procs += workers
        address = json.loads(file.read_text())["address"]
        client = distributed.Client(address, timeout=30)
        client.wait_for_workers(2, timeout=60)
        yield client, address, workers, caches
        client.close()
    finally:  # workers first (nothing to save), then the scheduler
        for p in [*workers, procs[0]]:
            if p.poll() is None:
                p.send_signal(signal.SIGKILL if p in workers else signal.SIGTERM)
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)


def test_counts_equal_local_runs(cluster) -> None:
    client, _, _, caches = cluster
    pb = RateProblem.from_spec(parse_spec(SPEC))
    # (the compiled mode is checked on the cluster by the killed-worker test)
    for problem, n, chunk in [
        (pb, 2_000_000, 1 << 16),
        (pb.with_values(loss="absolute"), 300_000, 1 << 14),
    ]:
        local = count_hallucinations(problem, n, 7, chunk=chunk)
        assert count_hallucinations(problem, n, 7, chunk=chunk, client=client) == local
        assert 0 < local < n
    est = hallucination_rate(pb, 500_000, 3, client=client)
    assert est.count == count_hallucinations(pb, 500_000, 3)
    # Each worker compiled the shipped kernel source into its own cache folder.
    assert all(any(c.glob("mc_*.py")) for c in caches)


def test_python_path_losses_run_on_workers(cluster) -> None:
    client = cluster[0]
    pt = RateProblem.from_spec(parse_spec(STUDENT))
    assert not pt.compiled  # no closed-form Student-t CDF: the Python estimator, per chunk
    local = count_hallucinations(pt, 24, 5, chunk=6)
    assert count_hallucinations(pt, 24, 5, chunk=6, client=client) == local
    assert 0 < local < 24


def test_sweep_on_cluster_equals_local_sweep(cluster, tmp_path, capsys) -> None:
    from hallbound.numeric.sweep import SweepGrid, run_sweep

    client, address, _, _ = cluster
    spec_path = tmp_path / "spec.toml"
    spec_path.write_text((ROOT / "examples" / "separated_normals.toml").read_text())
    argv = ["sweep", str(spec_path), "--what", "both", "--n", "50000", "--delta", "0.02,0.1"]
    assert main([*argv, "--out", str(tmp_path / "local.csv")]) == 0
    assert main([*argv, "--out", str(tmp_path / "dask.csv"), "--dask", address]) == 0
    assert (tmp_path / "dask.csv").read_text() == (tmp_path / "local.csv").read_text()
    assert not (tmp_path / "dask.parts").exists()  # partitions go once the final file exists
    # The partitions themselves: one atomic file per row, holding that row.
    import pyarrow.parquet as pq

    from hallbound.spec import load_spec

    spec = load_spec(spec_path)
    grid = SweepGrid(deltas=[0.02, 0.1])
    parts = tmp_path / "parts"
    cols = run_sweep(spec, grid, rate=True, n=50000, client=client, partitions=parts)
    files = sorted(parts.iterdir())
    assert [f.name for f in files] == ["part-000000.parquet", "part-000001.parquet"]
    for k, f in enumerate(files):
        row = pq.read_table(f).to_pydict()
        assert row["count"] == [cols["count"][k]] and row["delta"] == [cols["delta"][k]]


def test_bad_address_is_one_line_exit_2(capsys) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    spec = str(ROOT / "examples" / "separated_normals.toml")
    rc = main(["rate", spec, "--n", "10", "--dask", f"tcp://127.0.0.1:{port}"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and err[0].startswith("hallbound: error: dask: ")
    assert main(["rate", spec, "--n", "10", "--dask", "nowhere"]) == 2
    for bad in ("local:0", "local:x", "127.0.0.1:8786"):
        with pytest.raises(InputError, match="^dask"):
            parse_address(bad)
    assert parse_address("local:3") == ("local", 3)


def test_killed_worker_changes_nothing(cluster) -> None:
    # Last in this module: it leaves one worker.
    client, _, workers, _ = cluster
    # The compiled mode (about 1e6 draws/s per core): tasks of about 0.2 s each.
    pb = RateProblem.from_spec(parse_spec(SPEC)).with_values(loss="zero_one", delta=0.35)
    n, chunk = 1_500_000, 1 << 14
    local = count_hallucinations(pb, n, 11, chunk=chunk)
    pairs = submit_count(client, pb, n, 11, chunk=chunk)
    assert len(pairs) >= 8
    futures = [f for f, _ in pairs]
    distributed.wait(futures, return_when="FIRST_COMPLETED", timeout=60)
    victim = workers[1]
    victim.kill()  # SIGKILL: its running task and the results it held are lost
    unfinished = sum(not f.done() for f in futures)
    victim.wait(timeout=10)
    total = sum(int(f.result(timeout=120)) for f in futures)
    assert unfinished > 0  # the kill did land mid-run
    assert total == local and 0 < local < n
    assert len(client.scheduler_info()["workers"]) == 1


def test_cli_rate_on_local_cluster_equals_local_run(capsys) -> None:
    # local:K starts K worker processes of its own (a LocalCluster), closed at the end.
    # --max-time inf: the cost guard's pilot is timed by the wall clock, and on a loaded
    # machine it refused this run (exit 2); the guard is not what this test is about.
    spec = str(ROOT / "examples" / "separated_normals.toml")
    argv = ["rate", spec, "--n", "400000", "--seed", "4", "--json", "--max-time", "inf"]
    assert main(argv) == 0
    local = json.loads(capsys.readouterr().out)
    assert main([*argv, "--dask", "local:1"]) == 0
    remote = json.loads(capsys.readouterr().out)
    assert remote == local and 0 < local["count"] < 400000
