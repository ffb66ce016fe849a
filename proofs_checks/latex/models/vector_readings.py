r"""Say how a vector of ``\mathbb{R}^d`` was read when a step proved on it writes ``|x|`` or
``x^2``: the reader takes ``|x|`` as the Euclidean norm ``\|x\|_2`` and ``x^2`` as ``x \cdot x``
(one standard convention; ``|x|`` may also mean another norm). :func:`vector_reading_note`
adds that reading to the detail of a PROVED step; it never changes a verdict.

:func:`size_note` says which vectors and matrices of the size being tried a step's sides
contain (:data:`SIZE_NOTE`), for :mod:`..dimensions` to merge the sizes by.
"""

from __future__ import annotations

import re
from typing import Any

from hallbound.proofs_checks.latex.hypotheses import _latex_name


def _vector_names(checker: Any) -> list[str]:
    """The LaTeX names of the environment's vectors (``% hb: assume x \\in \\mathbb{R}^d``)."""
    hyp = getattr(checker, "hyp", None)
    domains = getattr(hyp, "domains", {}) or {}
    return [_latex_name(n) for n, d in domains.items() if getattr(d, "kind", "") == "vector"]


def _read_as_euclidean(text: str, name: str) -> bool:
    """Whether ``text`` writes ``|..name..|`` (single bars) or ``name^2``."""
    plain = text.replace(r"\|", " ").replace(r"\left|", "|").replace(r"\right|", "|")
    tok = re.escape(name) + r"(?![A-Za-z])"
    bars = any(re.search(r"(?<![A-Za-z\\])" + tok, m) for m in re.findall(r"\|([^|]*)\|", plain))
    return bars or re.search(r"(?<![A-Za-z\\])" + tok + r"\s*\^\s*\{?\s*2", plain) is not None


def vector_reading_note(check: Any, step: Any, checker: Any) -> None:
    """The hook: a PROVED step that writes ``|x|`` or ``x^2`` for a vector ``x`` gets the
    Euclidean reading in its detail; nothing else changes."""
    if check.verdict != "PROVED":
        return
    text = f"{check.lhs} {check.rhs}"
    names = [n for n in _vector_names(checker) if _read_as_euclidean(text, n)]
    if not names:
        return
    note = (f"{', '.join(names)} in R^d: |v| read as the Euclidean norm ||v||_2 and v^2 as "
            "the inner product v.v")
    check.detail = f"{check.detail}; {note}" if check.detail else note


#: The start of the note naming the vectors and matrices of the size being tried in a step.
SIZE_NOTE = "read with vectors and matrices of each size tried:"
#: How a part whose value depends on the size is marked in that note.
SIZED_PART = "(depends on the size)"


def size_note(check: Any, step: Any, checker: Any) -> None:
    """Note the vectors (``x \\in \\mathbb{R}^d``) and matrices (``A \\succ 0``, ``let``) of
    the unfixed size whose entries the step's sides contain, and the size-dependent parts
    read on its rows (``checker.step_sized``: ones vector, identity, trace, determinant, the
    size letter; :mod:`..dim_reading`); nothing when the size is fixed."""
    table = getattr(checker, "table", None)
    hyp = getattr(checker, "hyp", None)
    if table is None or hyp is None or hyp.dim is not None:
        return
    try:
        free = step.lhs.free_symbols | step.rhs.free_symbols
    except AttributeError:
        return
    used = sorted(name for name, obj in table.objects.items()
                  if getattr(obj, "free_symbols", set()) & free)
    items = [f"{n} (matrix)" if getattr(table.objects[n], "cols", 1) > 1 else f"{n} (vector)"
             for n in used]
    items += [f"{k} {SIZED_PART}" for k in sorted(getattr(checker, "step_sized", ()))]
    if items:
        check.notes.append(f"{SIZE_NOTE} " + ", ".join(items))


__all__ = ["SIZED_PART", "SIZE_NOTE", "size_note", "vector_reading_note"]
