r"""The size of vectors and matrices: a verdict must hold in every size the text allows.

A text that writes :math:`x \in \mathbb{R}^d` or :math:`A \succ 0` and leaves the size free
claims its steps in every dimension, while the reader builds vectors and matrices of one size
(:mod:`.dim_reading`). A step can hold in one size only: the Gram determinant of three vectors
vanishes in :math:`\mathbb{R}^2`, not in :math:`\mathbb{R}^3`; :math:`\det A \,
\operatorname{tr} A^{-1} = \operatorname{tr} A` holds for :math:`2 \times 2` matrices only. So
a document whose reading built a vector or matrix of the unfixed size is checked in the sizes
:data:`SIZES` (:func:`over_dims`), and each verdict is merged (:func:`merge_dim_check`):

* a step that holds in every size keeps the weakest verdict (size 1 may not read: a
  :math:`1 \times 1` matrix product is a number; then it is left out), but a PROVED or
  CERTIFIED is kept only where the finite check proves every size: the step writes only
  vectors (no ``\det``, trace, ``\mathbf{1}``, ``\mathbf{I}``, component or matrix) and at
  most ``max(SIZES)`` of them (:func:`size_bound`); then every configuration of its vectors
  lies in a subspace of that size, where it was proved (inner products and norms do not see
  the rest). Otherwise it is SUPPORTED, saying in which sizes it was proved exactly;
* REFUTED only when every size from 2 up refutes it (the witness shown: size 2); a step that
  fails in size 1 alone, or in some sizes only, is UNDECIDED, saying which.

A size the text fixes (``\mathbb{R}^3``, ``% hb: dim 3``) is used alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hallbound.proofs_checks.latex.dim_reading import DEFAULT_DIM, reading_dim
from hallbound.proofs_checks.latex.log_base import HOLDS, merge_reports
from hallbound.proofs_checks.latex.models.vector_readings import SIZE_NOTE
from hallbound.proofs_checks.latex.verify_results import LineCheck, VerifyReport

#: The sizes tried when the text does not fix one, :data:`.dim_reading.DEFAULT_DIM` first.
SIZES = (DEFAULT_DIM, 1, 3, 4)
#: What makes a step depend on the size beyond its vectors' span.
_SIZED = re.compile(r"\\det\b|\\(?:operatorname|mathrm)\s*\{\s*(?:tr|Tr|trace)\s*\}|\\tr\b"
                    r"|\\mathbf\s*\{?\s*[01I]\b|\\mathbb\s*\{?\s*1\b|\^\s*\{\s*\(|\\succ")


def over_dims(run: Callable[[], VerifyReport]) -> VerifyReport:
    """Run ``run`` once per size in :data:`SIZES` when the first run built a vector or matrix
    of the unfixed size (once otherwise), and merge the reports (module doc)."""
    with reading_dim(SIZES[0]) as seen:
        report = run()
    if not seen[0]:
        return report
    others = []
    for size in SIZES[1:]:
        with reading_dim(size):
            others.append((size, run()))
    merge_reports(report, others, merge_dim_check)
    return report


def size_bound(check: LineCheck) -> bool:
    """Whether a step may hold in small sizes only even with its vectors in a subspace: its
    text writes a determinant, trace, ``\\mathbf{1}``, identity or component, or its sides
    hold a matrix of the unfixed size, or more vectors than the largest size tried
    (:func:`.models.vector_readings.size_note`)."""
    if _SIZED.search(f"{check.lhs} {check.rhs}"):
        return True
    notes = [n[len(SIZE_NOTE):] for n in check.notes if n.startswith(SIZE_NOTE)]
    if not notes:
        return False
    return "(matrix)" in notes[0] or notes[0].count("(vector)") > max(SIZES)


def merge_dim_check(first: LineCheck, others: list[tuple[Any, LineCheck | None]]
                    ) -> LineCheck:
    """One verdict for every size (module doc); ``None`` for a size whose reading of the
    chain differed (then nothing is claimed)."""
    # size 1 may not read at all (a 1 x 1 matrix product is a number): nothing is claimed
    # there then; what holds in size 2 holds in size 1 for the vector-only steps kept PROVED
    runs = [(SIZES[0], first), *((s, c) for s, c in others if c is not None or s != 1)]
    got = {size: (c.verdict if c is not None else "read differently") for size, c in runs}
    says = ", ".join(f"size {s}: {v}" for s, v in sorted(got.items()))
    if first.verdict == "REFUTED" and all(v == "REFUTED" for s, v in got.items() if s >= 2):
        note = (f"REFUTED in every size from 2 to {max(SIZES)} (the witness shown: size "
                f"{SIZES[0]}; {says})")
        return replace(first, notes=[*first.notes, note])
    if first.verdict in HOLDS and all(v in HOLDS for v in got.values()):
        weakest = min((c for _, c in runs if c is not None),
                      key=lambda c: HOLDS.index(c.verdict))
        out = replace(weakest, source=first.source)
        if out.verdict != "SUPPORTED" and size_bound(first):
            note = (f"proved in sizes {', '.join(map(str, sorted(got)))} only ({says}); the "
                    "size of its vectors and matrices is not fixed: state it "
                    "(\\mathbb{R}^3, or `% hb: dim 3`)")
            return replace(out, verdict="SUPPORTED", method="exact in each size tried",
                           detail=note, notes=[*out.notes, note])
        return replace(out, notes=[*out.notes, f"holds in every size tried ({says})"])
    if first.verdict not in (*HOLDS, "REFUTED"):
        return first
    note = (f"the verdict depends on the size of the vectors and matrices ({says}): state it "
            "(\\mathbb{R}^3, or `% hb: dim 3`)")
    return replace(first, verdict="UNDECIDED", method="not decided", detail=note,
                   witness=None, lhs_value=None, rhs_value=None, satisfies=[],
                   notes=[*first.notes, note])


__all__ = ["SIZES", "merge_dim_check", "over_dims", "size_bound"]
