r"""Reading a bare ``\log`` in the base being tried (see :mod:`.log_base`): the reader calls
:func:`bare_log` on the natural-log value; :func:`reading_base` sets the base for one run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import sympy as sp

#: (base, [whether a bare \log was read]) while a document is read; None outside
_STATE: ContextVar[tuple[sp.Basic, list[bool]] | None] = ContextVar("log_base", default=None)


def bare_log(arg: sp.Basic) -> sp.Basic:
    r"""A bare ``\log`` of ``arg``: :math:`\ln u / \ln b` for the base :math:`b` being tried
    (:math:`\ln u` for :math:`e`, and outside :func:`.log_base.over_bases`)."""
    value = sp.log(arg)
    state = _STATE.get()
    if state is None:
        return value
    base, seen = state
    seen[0] = True
    return value if base == sp.E else value / sp.log(base)


@contextmanager
def reading_base(base: sp.Basic) -> Iterator[list[bool]]:
    """Read with bare ``\\log`` in ``base``; yields a flag list, ``[True]`` once one is read."""
    seen = [False]
    token = _STATE.set((base, seen))
    try:
        yield seen
    finally:
        _STATE.reset(token)


__all__ = ["bare_log", "reading_base"]
