r"""The size of vectors and matrices while a document is read (see :mod:`.dimensions`).

A text that writes :math:`x \in \mathbb{R}^d` or :math:`A \succ 0` without fixing the size
claims its steps in every dimension; the reader builds vectors and matrices of the size
being tried (:func:`reading_dim`) and records that it did. A size the text fixes
(``\mathbb{R}^3``, ``% hb: dim 3``) is used as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: The size tried first, and the one used outside :func:`.dimensions.over_dims`.
DEFAULT_DIM = 2

#: (size, [whether a vector or matrix of that size was built]) while a document is read
_STATE: ContextVar[tuple[int, list[bool]] | None] = ContextVar("vector_dim", default=None)


def vector_dim(fixed: int | None) -> int:
    """The size of a vector or matrix: ``fixed`` when the text fixes it; otherwise the size
    being tried (:data:`DEFAULT_DIM` outside :func:`reading_dim`), noting that it was used."""
    if fixed is not None:
        return fixed
    state = _STATE.get()
    if state is None:
        return DEFAULT_DIM
    size, seen = state
    seen[0] = True
    return size


@contextmanager
def reading_dim(size: int) -> Iterator[list[bool]]:
    """Read with vectors and matrices of ``size``; yields a flag list, ``[True]`` once a
    vector or matrix of the unfixed size is built."""
    seen = [False]
    token = _STATE.set((size, seen))
    try:
        yield seen
    finally:
        _STATE.reset(token)


__all__ = ["DEFAULT_DIM", "reading_dim", "vector_dim"]
