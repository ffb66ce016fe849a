r"""CPU-time limits on the prover's symbolic calls.

One SymPy call can run for hours on an innocent step: ``factor(exp(x) - exp(5999999/2000000))``
takes ``exp(x/2000000)`` for a generator and works on a polynomial of degree six million.
Every call of the prover that can blow up (``factor``, ``simplify``, ``solveset``, a lemma
match, the translation for z3, ...) runs through :func:`limited`, under
:func:`hallbound.budget.cpu_timer` (CPU seconds, so the outcome does not depend on the load;
a caller's CPU timer, the ``verify`` worker's or the mutation runner's, is given back):

* one call gets at most :data:`CALL_SECONDS` CPU seconds (or the ``seconds`` it asks for);
* within :func:`step_clock` (one step's check), all these calls together get at most
  :data:`STEP_SECONDS` (their own CPU time only, not the step's searches); once that is
  spent, every further call is refused at once.

A call that is cut off, or refused, raises :class:`ProverTimeLimit`, an ``Exception``: the
prover's handlers read it as "this attempt gave no proof", never as a result, and the step
goes on to its next method (z3, the full search, interval arithmetic). The clock records
each cut (:attr:`StepClock.cuts`); :func:`cut_note` words it for the step's detail.

Nested limits: each call raises its own exception class, so an outer call's limit that fires
inside an inner call is caught by the outer call only. Off the main thread no timer can be
armed (:func:`hallbound.budget.cpu_timer` yields False): the calls run without a limit
there, as every CPU budget of the project.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sympy.core.parameters import global_parameters

from hallbound.budget import cpu_seconds, cpu_timer

#: CPU seconds one symbolic call of the prover may use.
CALL_SECONDS = 5.0
#: CPU seconds all symbolic calls of one step's proof attempts may use together.
STEP_SECONDS = 15.0

T = TypeVar("T")


class ProverTimeLimit(Exception):  # noqa: N818 - an Exception: "no proof" to the prover
    """A symbolic call cut off (or refused) by its CPU-time limit: no result, never a proof."""


class _Cut(BaseException):  # noqa: N818 - not an Exception: SymPy's excepts pass it on
    """Raised by the timer inside the call (each call subclasses it, see the module doc)."""


@dataclass
class StepClock:
    """The CPU seconds of one step's symbolic calls: ``total`` allowed, ``used`` by the
    calls done (an outermost call counts once, with the calls inside it), and the calls cut
    off or refused (``cuts``: what each was). The step's other work (its searches) is not
    counted."""

    total: float
    used: float = 0.0
    cuts: list[str] = field(default_factory=list)
    since: float | None = None  # CPU seconds when the running outermost call started
    #: set when a call was cut off by this clock (its limit was the step's time left)
    spent: bool = False

    def left(self) -> float:
        """CPU seconds left: ``total - used``, less what the running call has used; 0 once a
        call was cut off by the step's clock (the timer's count and ``getrusage``'s may differ
        by a tick, which must not leave a sliver for a further call)."""
        if self.spent:
            return 0.0
        running = 0.0 if self.since is None else cpu_seconds() - self.since
        return self.total - self.used - running


_CLOCK: contextvars.ContextVar[StepClock | None] = contextvars.ContextVar(
    "hallbound_prover_clock", default=None)


@contextlib.contextmanager
def step_clock(total: float | None = None) -> Iterator[StepClock]:
    """The block's symbolic calls share ``total`` CPU seconds (default :data:`STEP_SECONDS`,
    read when the block starts)."""
    clock = StepClock(STEP_SECONDS if total is None else total)
    token = _CLOCK.set(clock)
    try:
        yield clock
    finally:
        _CLOCK.reset(token)


def limited(what: str, fn: Callable[..., T], *args: Any, seconds: float | None = None,
            shared: bool = True, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` within ``min(seconds, the step's CPU seconds left)``
    (``seconds`` defaults to :data:`CALL_SECONDS`; ``math.inf``: the step's clock only;
    ``shared=False``: ``seconds`` only, the step's clock neither limits nor records it).
    Raises :class:`ProverTimeLimit` naming ``what`` when the call is cut off, or refused
    because the step's clock is spent; an outer limit passes through unchanged."""
    limit = CALL_SECONDS if seconds is None else seconds
    clock = _CLOCK.get() if shared else None
    spends = False  # whether the step's clock, not the call's own limit, bounds the call
    if clock is not None:
        left = clock.left()
        if left <= 0:
            clock.cuts.append(f"{what} (not started: the step's time was spent)")
            raise ProverTimeLimit(f"{what}: the step's {clock.total:g} CPU s are spent")
        spends = left <= limit
        limit = min(limit, left)
    outermost = clock is not None and clock.since is None
    if outermost:
        clock.since = cpu_seconds()
    try:
        return _run(what, limit, clock, spends, fn, *args, **kwargs)
    finally:
        if outermost:
            clock.used += cpu_seconds() - clock.since
            clock.since = None


def _run(what: str, limit: float, clock: StepClock | None, spends: bool, fn: Callable[..., T],
         *args: Any, **kwargs: Any) -> T:
    if math.isinf(limit):
        return fn(*args, **kwargs)
    cut = type("_CutHere", (_Cut,), {})
    flags = dict(vars(global_parameters))
    try:
        with cpu_timer(limit, cut):
            return fn(*args, **kwargs)
    except cut:
        for name, value in flags.items():  # a cut inside SymPy's own `with evaluate(False)`
            setattr(global_parameters, name, value)  # must not leave it switched off
        if clock is not None:
            clock.cuts.append(what)
            clock.spent = clock.spent or spends
        raise ProverTimeLimit(f"{what}: no result within {limit:.3g} CPU s") from None


def cut_note(clock: StepClock) -> str:
    """The words for a step whose prover was cut off: empty when nothing was."""
    if not clock.cuts:
        return ""
    names = ", ".join(dict.fromkeys(clock.cuts))
    return (f"the SymPy prover stopped on its time limit ({CALL_SECONDS:g} CPU s a call, "
            f"{clock.total:g} CPU s a step) in: {names}; no proof from it")


__all__ = ["CALL_SECONDS", "STEP_SECONDS", "ProverTimeLimit", "StepClock", "cut_note",
           "limited", "step_clock"]
