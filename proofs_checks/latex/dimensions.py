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
  CERTIFIED is kept only where the finite check proves every size: the step holds only
  vectors, no part whose value depends on the size (a ones or zero vector, an identity, a
  determinant, a trace, the letter ``d`` of :math:`\mathbb{R}^d`: recorded as they are read,
  :mod:`.dim_reading`) and no matrix of the unfixed size, and at most ``max(SIZES)``
  vectors (:func:`size_bound`); then every configuration of its vectors lies in a subspace
  of that size, where it was proved (inner products and norms do not see the rest).
  Otherwise it is SUPPORTED, saying in which sizes it was proved exactly;
* REFUTED only when every size from 2 up refutes it (the witness shown: size 2); a step that
  fails in size 1 alone, or in some sizes only, is UNDECIDED, saying which.

The letter of the size (``d`` of :math:`x \in \mathbb{R}^d`) equals the size in each run
(:mod:`.size_letter`); a run whose size lies outside the letter's stated domain
(``d \ge 5``) is left out of the merge, and a step no size tried meets is UNDECIDED. A size
the text fixes (``\mathbb{R}^3``, ``% hb: dim 3``) is used alone; vectors of a stated size
keep it beside those of a free size, which are still tried in every size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hallbound.proofs_checks.latex.dim_reading import DEFAULT_DIM, reading_dim
from hallbound.proofs_checks.latex.log_base import HOLDS, merge_reports
from hallbound.proofs_checks.latex.models.vector_readings import SIZE_NOTE, SIZED_PART
from hallbound.proofs_checks.latex.size_letter import OUTSIDE_NOTE, UNTIED
from hallbound.proofs_checks.latex.verify_results import LineCheck, VerifyReport

#: The sizes tried when the text does not fix one, :data:`.dim_reading.DEFAULT_DIM` first.
SIZES = (DEFAULT_DIM, 1, 3, 4)
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
    """Whether a step may hold in small sizes only even with its vectors in a subspace: it
    holds a part whose value depends on the size (a ones vector, an identity, a trace, a
    determinant, the size letter), a matrix of the unfixed size, or more vectors than the
    largest size tried (:func:`.models.vector_readings.size_note`)."""
    items = _items(check)
    if any(i.endswith(("(matrix)", SIZED_PART)) for i in items):
        return True
    return len({i for i in items if i.endswith("(vector)")}) > max(SIZES)


def _items(check: LineCheck) -> list[str]:
    """The items of ``check``'s size notes (``x (vector)``, ``trace (depends on the size)``)."""
    return [i.strip() for n in check.notes if n.startswith(SIZE_NOTE)
            for i in n[len(SIZE_NOTE):].split(",")]


def _outside(check: LineCheck | None) -> str:
    """The note saying that ``check``'s size lies outside the size letter's domain ("")."""
    if check is None:
        return ""
    return next((n for n in check.notes if n.startswith(OUTSIDE_NOTE)), "")


def chain_size_note(conclusion: LineCheck, steps: list[LineCheck], outside: str) -> None:
    """Give a chain's conclusion the vectors and size-dependent parts of its steps (it holds
    in the sizes where they all hold), and the note of a size left out (``outside``)."""
    items = [i for c in steps for i in _items(c)]
    if conclusion.method.startswith("checked directly"):  # read with the letter free
        items = [i.replace("the size letter", UNTIED) for i in items]
    if items:
        conclusion.notes.append(f"{SIZE_NOTE} " + ", ".join(dict.fromkeys(items)))
    if outside and outside not in conclusion.notes:
        conclusion.notes.append(outside)


def merge_dim_check(first: LineCheck, others: list[tuple[Any, LineCheck | None]]
                    ) -> LineCheck:
    """One verdict for every size (module doc); ``None`` for a size whose reading of the
    chain differed (then nothing is claimed). A size outside the domain of the size letter
    is left out; the first size left in gives the verdict shown."""
    # size 1 may not read at all (a 1 x 1 matrix product is a number): nothing is claimed
    # there then; what holds in size 2 holds in size 1 for the vector-only steps kept PROVED
    runs = [(SIZES[0], first), *((s, c) for s, c in others if c is not None or s != 1)]
    kept = [(s, c) for s, c in runs if not _outside(c)]
    if not kept:
        if not any(n.startswith(SIZE_NOTE) for n in first.notes):
            return first  # nothing of the size in it: read alike in every size
        why = _outside(first)[len(OUTSIDE_NOTE):].strip()
        note = (f"no size tried ({', '.join(map(str, sorted(s for s, _ in runs)))}) meets the "
                f"stated domain of the size letter ({why})")
        return replace(first, verdict="UNDECIDED", method="not decided", detail=note,
                       witness=None, lhs_value=None, rhs_value=None, satisfies=[],
                       notes=[*first.notes, note])
    (base_size, base), runs = kept[0], kept
    if base is None:
        return _undecided(first, "the sizes read it differently (" + _says(runs) + ")")
    got = {size: (c.verdict if c is not None else "read differently") for size, c in runs}
    says = _says(runs)
    refuted = [v for s, v in got.items() if s >= 2]
    untied = next((i for i in _items(base) if i.startswith(UNTIED)), "")
    if base.verdict == "REFUTED" and untied:
        return _undecided(base, f"{untied[len(UNTIED):].split()[0]} names the size of vectors "
                                f"but is not the size built ({says}): its witness may not "
                                "hold (state one size letter, or the size)")
    if base.verdict == "REFUTED" and refuted and all(v == "REFUTED" for v in refuted):
        note = (f"REFUTED in every size from 2 to {max(SIZES)} left in (the witness shown: "
                f"size {base_size}; {says})")
        return replace(base, notes=[*base.notes, note])
    if base.verdict in HOLDS and all(v in HOLDS for v in got.values()):
        weakest = min((c for _, c in runs if c is not None),
                      key=lambda c: HOLDS.index(c.verdict))
        out = replace(weakest, source=base.source)
        if out.verdict != "SUPPORTED" and size_bound(base):
            note = (f"proved in sizes {', '.join(map(str, sorted(got)))} only ({says}); the "
                    "size of its vectors and matrices is not fixed: state it "
                    "(\\mathbb{R}^3, or `% hb: dim 3`)")
            return replace(out, verdict="SUPPORTED", method="exact in each size tried",
                           detail=note, notes=[*out.notes, note])
        return replace(out, notes=[*out.notes, f"holds in every size tried ({says})"])
    if base.verdict not in (*HOLDS, "REFUTED"):
        return base
    return _undecided(base, f"the verdict depends on the size of the vectors and matrices "
                            f"({says}): state it (\\mathbb{{R}}^3, or `% hb: dim 3`)")


def _says(runs: list[tuple[Any, LineCheck | None]]) -> str:
    return ", ".join(f"size {s}: {c.verdict if c is not None else 'read differently'}"
                     for s, c in sorted(runs, key=lambda r: r[0]))


def _undecided(check: LineCheck, note: str) -> LineCheck:
    return replace(check, verdict="UNDECIDED", method="not decided", detail=note,
                   witness=None, lhs_value=None, rhs_value=None, satisfies=[],
                   notes=[*check.notes, note])


__all__ = ["SIZES", "chain_size_note", "merge_dim_check", "over_dims", "size_bound"]
