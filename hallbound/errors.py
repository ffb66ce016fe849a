"""Errors that name the offending parameter.

Every bad input raises :class:`InputError` (a :class:`ValueError`), whose message starts
with the parameter's name, e.g. ``delta: must lie in (0, 1], got -0.1``. The CLI prints that
one line and exits 2.
"""

from __future__ import annotations

import math
from collections.abc import Iterable


class InputError(ValueError):
    """Bad input; ``str(err)`` is one line that names the parameter."""

    def __init__(self, parameter: str, problem: str) -> None:
        self.parameter = parameter
        self.problem = problem
        super().__init__(f"{parameter}: {problem}")


def require_finite(parameter: str, values: float | Iterable[float]) -> None:
    """Raise :class:`InputError` when any value is NaN or infinite."""
    items = [values] if isinstance(values, int | float) else list(_flatten(values))
    for v in items:
        if not math.isfinite(float(v)):
            raise InputError(parameter, f"must be finite, got {v!r}")


def require_delta(delta: float, parameter: str = "delta") -> float:
    r"""Validate a hallucination level :math:`\delta > 0` (the paper's range is (0, 1])."""
    require_finite(parameter, delta)
    if delta <= 0:
        raise InputError(parameter, f"must be > 0, got {delta!r}")
    return float(delta)


def _flatten(values: object) -> Iterable[float]:
    if isinstance(values, int | float):
        yield values
        return
    for v in values:  # type: ignore[attr-defined]
        yield from _flatten(v)
