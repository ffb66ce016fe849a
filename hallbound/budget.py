r"""Budgets that decide a verdict count CPU time, never wall time.

A check that runs out of time gives a weaker verdict (UNDECIDED, a SymPy attempt given up).
If the clock were the wall clock, the same input could get a different verdict on a loaded
machine; so every budget that can change a verdict counts the CPU time of the process that
does the work (or deterministic work units, as z3's ``rlimit``):

* :func:`cpu_seconds`: the CPU time (user + system) this process has used;
* :func:`cpu_timer`: raise an exception in a block once the process has used ``seconds``
  more CPU seconds (``ITIMER_PROF``, which counts CPU time, not ``ITIMER_REAL``); a caller's
  ``ITIMER_PROF`` timer that would fire first is left alone, a later one gets back what it
  had left. A signal handler's exception is swallowed where it lands in a garbage
  collector callback or a ``__del__``; so while the timer is armed the collector's callbacks
  are set aside (Hypothesis installs one, and a signal that arrives during a long big-integer
  product is handled at the first Python code run after it: that callback, when the product's
  result starts a collection; ``sympy.factor`` was then never stopped), and once spent the
  timer fires again every :data:`REPEAT_SECONDS` until the block ends;
* :data:`BUDGET` and :func:`budget_text`: a check stopped by its budget says so with the
  reason ``"budget"`` at the start of its detail; :func:`hit_budget` recognises it, and
  the summaries of ``check`` and ``verify`` count such steps.

Wall-clock limits remain only as safety nets far above a CPU budget (a worker that sleeps or
hangs in a system call), and they give the same ``budget`` outcome.
"""

from __future__ import annotations

import contextlib
import gc
import resource
import signal
import threading
from collections.abc import Iterator
from typing import Any

#: The reason given by a check that ran out of its budget.
BUDGET = "budget"
#: CPU seconds between two firings of a spent :func:`cpu_timer` (its exception swallowed):
#: far more than unwinding the block takes, so a firing that was not swallowed is the last.
REPEAT_SECONDS = 0.25


class OutOfBudget(BaseException):  # noqa: N818 - not an Exception: library excepts pass it on
    """Raised by :func:`cpu_timer` when the block's CPU budget is spent."""


def cpu_seconds() -> float:
    """CPU seconds (user + system) used by this process so far (``getrusage``)."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def budget_text(what: str) -> str:
    """``"budget: <what>"``, the detail of a check stopped by its budget."""
    return f"{BUDGET}: {what}"


def hit_budget(*texts: str | None) -> bool:
    """True when one of ``texts`` (a step's method or detail) says the budget stopped it."""
    return any(t is not None and str(t).startswith(f"{BUDGET}:") for t in texts)


def _timers_usable() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextlib.contextmanager
def cpu_timer(seconds: float, error: type[BaseException] = OutOfBudget) -> Iterator[bool]:
    """Raise ``error`` in the block once this process has used ``seconds`` more CPU seconds.

    Yields True when the timer is armed; False (no limit) off the main thread, where signals
    cannot be delivered, or without ``setitimer``, or when a caller's CPU timer fires first
    (its own handler then stops the block). On exit the caller's timer and handler are
    restored, its time left reduced by the CPU time the block used. Raises ``ValueError``
    naming ``seconds`` when it is not positive."""
    if not seconds > 0:
        raise ValueError(f"seconds: must be > 0, got {seconds!r}")
    if not _timers_usable():
        yield False
        return

    done = [False]

    def _raise(signum: int, frame: Any) -> None:
        if not done[0]:  # a firing handled once the block is left raises nothing
            raise error

    outer, outer_every = signal.getitimer(signal.ITIMER_PROF)
    if outer and outer <= seconds:  # a caller's timer fires first: leave it alone
        yield False
        return
    old = signal.signal(signal.SIGPROF, _raise)
    callbacks = list(gc.callbacks)
    gc.callbacks.clear()
    start = cpu_seconds()
    signal.setitimer(signal.ITIMER_PROF, seconds, REPEAT_SECONDS)
    try:
        yield True
    finally:
        done[0] = True  # first, and no call before it: no firing can be handled in between
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)
        gc.callbacks[:] = callbacks + [c for c in gc.callbacks if c not in callbacks]
        if outer:  # give the caller's timer back what it had left
            left = max(outer - (cpu_seconds() - start), 1e-6)
            signal.setitimer(signal.ITIMER_PROF, left, outer_every)


__all__ = ["BUDGET", "REPEAT_SECONDS", "OutOfBudget", "budget_text", "cpu_seconds", "cpu_timer",
           "hit_budget"]
