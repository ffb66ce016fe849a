"""Running one check in a forked worker with a budget of CPU seconds (its own, so the outcome
does not depend on the machine's load), and a wall-clock safety net far above it."""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import signal
from collections.abc import Callable
from typing import Any

from hallbound.budget import BUDGET, OutOfBudget, cpu_seconds, cpu_timer
from hallbound.errors import InputError

#: The wall-clock safety net of a worker is ``WALL_FACTOR`` times its CPU budget plus
#: ``WALL_SLACK`` seconds (:func:`wall_safety_net`).
WALL_FACTOR = 10.0
WALL_SLACK = 10.0
#: The worker's hard CPU limit (``RLIMIT_CPU``) is this many seconds above its budget.
CPU_LIMIT_SLACK = 2



def _arm_cpu_limits(limit: float) -> None:  # pragma: no cover - runs in a fork
    """In the worker: a hard CPU limit a little above ``limit`` (``RLIMIT_CPU``: SIGXCPU ends
    the worker even inside C code that never returns to Python), and no core file."""
    import resource
    import signal

    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    soft = math.ceil(limit) + CPU_LIMIT_SLACK
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with contextlib.suppress(ValueError, OSError):
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard == resource.RLIM_INFINITY or hard > soft:
            resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))


def _child(fn: Callable[[], Any], conn: Any, limit: float) -> None:  # pragma: no cover - fork
    """Run ``fn`` within ``limit`` CPU seconds; send ``(status, value, CPU seconds used)``.
    The CPU timer fires at the kernel's tick at best, so a result that came in under the
    timer but over the budget is a budget outcome too."""
    try:
        _arm_cpu_limits(limit)
        with cpu_timer(limit):
            value = fn()
        if cpu_seconds() > limit:  # a fresh fork: its CPU time is the check's
            raise OutOfBudget
        conn.send(("ok", value, cpu_seconds()))
    except OutOfBudget:
        conn.send((BUDGET, None, cpu_seconds()))
    except BaseException as err:  # noqa: BLE001 - report anything back
        conn.send(("error", f"{type(err).__name__}: {err}", cpu_seconds()))
    finally:
        conn.close()


def wall_safety_net(limit: float) -> float:
    """Wall seconds after which a worker with a CPU budget of ``limit`` s is killed anyway
    (it sleeps, or waits on a system call): ``WALL_FACTOR * limit + WALL_SLACK``, far above
    what any load makes of the CPU budget; it gives the same ``budget`` outcome."""
    return WALL_FACTOR * limit + WALL_SLACK


def run_with_budget(
    fn: Callable[[], Any], limit: float, wall: float | None = None
) -> tuple[str, Any, float]:
    """``(status, value, CPU seconds charged)``: ``fn`` runs in a forked worker process with a
    budget of ``limit`` seconds of **CPU time** (its own, so the outcome does not depend on
    the machine's load). Status ``"ok"`` (value: ``fn()``), ``"error"`` (value: the error
    text) or :data:`~hallbound.budget.BUDGET` (value None; the worker used its CPU budget, or
    ran past the wall-clock safety net ``wall``, default :func:`wall_safety_net`). A budget
    outcome is charged ``limit`` CPU seconds."""
    if not limit > 0:
        raise InputError("limit", f"must be > 0, got {limit!r}")
    wall = wall_safety_net(limit) if wall is None else wall
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - no fork on this platform: no budget
        start = cpu_seconds()
        try:
            return "ok", fn(), cpu_seconds() - start
        except Exception as err:  # noqa: BLE001
            return "error", f"{type(err).__name__}: {err}", cpu_seconds() - start
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, send, limit), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(wall):
            return BUDGET, None, limit
        try:
            status, value, used = recv.recv()
        except EOFError:
            proc.join(5)
            if proc.exitcode == -signal.SIGXCPU:  # the hard CPU limit ended it
                return BUDGET, None, limit
            return "error", "the worker process died", 0.0
        return status, value, (limit if status == BUDGET else used)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        recv.close()


def run_with_time_limit(fn: Callable[[], Any], limit: float) -> tuple[str, Any]:
    """``("ok", value)``, ``("error", text)`` or ``("budget", None)``: :func:`run_with_budget`
    without the CPU seconds (``limit`` is a budget of CPU seconds)."""
    status, value, _ = run_with_budget(fn, limit)
    return status, value


__all__ = ["CPU_LIMIT_SLACK", "WALL_FACTOR", "WALL_SLACK", "run_with_budget", "run_with_time_limit",
           "wall_safety_net"]
