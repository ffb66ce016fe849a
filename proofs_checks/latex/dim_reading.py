r"""The size of vectors and matrices while a document is read (see :mod:`.dimensions`).

A text that writes :math:`x \in \mathbb{R}^d` or :math:`A \succ 0` without fixing the size
claims its steps in every dimension; the reader builds vectors and matrices of the size
being tried (:func:`reading_dim`) and records that it did. A size the text fixes
(``\mathbb{R}^3``, ``% hb: dim 3``) is used as it is.

What makes a step depend on the size beyond the span of its vectors (a ones vector, an
identity, a determinant, a trace, the size letter ``d`` of ``\mathbb{R}^d``) is recorded as
it is read (:func:`note_sized`), for the block being recorded (:func:`recording`: a row, a
``let``); a name defined from such a part carries it to each place it is read
(:class:`SizedNames`, ``SymbolTable.sized``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

#: The size tried first, and the one used outside :func:`.dimensions.over_dims`.
DEFAULT_DIM = 2

#: (size, [whether a vector or matrix of that size was built]) while a document is read
_STATE: ContextVar[tuple[int, list[bool]] | None] = ContextVar("vector_dim", default=None)
#: the open recorders (:func:`recording`), innermost last
_RECORDERS: ContextVar[tuple[set[str], ...]] = ContextVar("sized_parts", default=())


def vector_dim(fixed: int | None, kind: str = "") -> int:
    """The size of a vector or matrix: ``fixed`` when the text fixes it; otherwise the size
    being tried (:data:`DEFAULT_DIM` outside :func:`reading_dim`), noting that it was used
    and, for a part of the unfixed size that depends on it (``kind``: "ones vector",
    "identity"), recording that part (:func:`note_sized`)."""
    if fixed is not None:
        return fixed
    if kind:
        note_sized(kind)
    state = _STATE.get()
    if state is None:
        return DEFAULT_DIM
    size, seen = state
    seen[0] = True
    return size


def size_tried() -> int:
    """The size being tried (:data:`DEFAULT_DIM` outside :func:`reading_dim`)."""
    state = _STATE.get()
    return DEFAULT_DIM if state is None else state[0]


def note_sized(*kinds: str) -> None:
    """Record ``kinds`` (parts whose value depends on the size) in every open recorder."""
    for rec in _RECORDERS.get():
        rec.update(kinds)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Yield the set of the size-dependent parts read inside the block (also recorded by
    the recorders around it)."""
    rec: set[str] = set()
    token = _RECORDERS.set((*_RECORDERS.get(), rec))
    try:
        yield rec
    finally:
        _RECORDERS.reset(token)


class SizedNames(dict):
    """Names -> vectors and matrices; reading a name whose definition holds a size-dependent
    part (``let u = \\mathbf{1}``: :attr:`kinds`) records that part (:func:`note_sized`)."""

    def __init__(self) -> None:
        super().__init__()
        #: name -> the size-dependent parts its definition holds
        self.kinds: dict[str, frozenset[str]] = {}

    def __getitem__(self, name: Any) -> Any:
        note_sized(*self.kinds.get(name, ()))
        return super().__getitem__(name)


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


__all__ = ["DEFAULT_DIM", "SizedNames", "note_sized", "reading_dim", "recording", "size_tried",
           "vector_dim"]
