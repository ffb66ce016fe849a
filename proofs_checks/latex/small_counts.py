r"""A second model for steps about families with a symbolic count: ``n`` written out as 1..6.

A step such as :math:`\lambda_1 \cdots \lambda_n \le (\frac1n \sum_{i=1}^n \lambda_i)^n` cannot
be evaluated numerically: ``n`` is a symbol and the family :math:`\lambda_i` has no fixed
length. Here ``n`` is a *count*: the upper limit of a sum or product (``\sum_{i=1}^n``) or the
last index of a written ellipsis (``\lambda_1 \cdots \lambda_n``, ``x_1 + \cdots + x_n``). The
text's notation makes a count a positive integer, so the step is checked again at each small
value :data:`SMALL_COUNTS` of the count that its stated domain allows, with

* the sums and products written out term by term (an empty range is 0 or 1),
* each ellipsis atom ``a_1 \cdots a_n`` / ``a_1 + \cdots + a_n`` written out,
* each entry ``a_n`` (``a[j]`` of a written-out sum) the environment's symbol ``a_3`` etc.,
  drawn within the domain the text states for ``a_i``,

and the same substitution made in the stated relations (the assumptions), so that a witness
meets them at the same count. The checker then evaluates exactly. A failure is a genuine
counterexample (the count and the values in the witness); no failure at any count leaves the
step SUPPORTED, saying which counts were written out (a proof at each small count is no proof
for every count).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import sympy as sp

#: The counts tried (``n = 1..6``), in order, for a count with no lower end stated.
SMALL_COUNTS = tuple(range(1, 7))
#: CPU seconds one count's check may take (a proof at n = 6 can take a minute).
COUNT_TIME_LIMIT = 2.0
#: Most counts tried for one step.
MAX_TRIES = len(SMALL_COUNTS)

_ENTRY_NAME = re.compile(r"(?P<base>[A-Za-z]+)_(?P<index>[A-Za-z]|\d+)")


def ellipsis_ends(atom: Any) -> tuple[str, int | str, int | str] | None:
    """``(base, first, last)`` of an ellipsis atom whose ends are entries of one family
    (``lambda_1 * ... * lambda_n``: ``("lambda", 1, "n")``); None for any other atom."""
    if getattr(atom, "head", None) != "ellipsis" or not isinstance(atom.arg, sp.Tuple):
        return None
    ends = []
    for e in atom.arg:
        m = _ENTRY_NAME.fullmatch(e.name) if isinstance(e, sp.Symbol) else None
        if m is None:
            return None
        idx = m.group("index")
        ends.append((m.group("base"), int(idx) if idx.isdigit() else idx))
    (b0, i0), (b1, i1) = ends
    return (b0, i0, i1) if b0 == b1 and i0 != i1 else None


def count_symbols(exprs: list[Any], atoms: dict, params: dict) -> set[sp.Symbol]:
    """The counts of ``exprs``: the free symbols of the limits of sums and products, and
    the letter index ending an ellipsis atom (``n`` of ``a_1 \\cdots a_n``), when it is a
    parameter of the environment."""
    by_name = {s.name: s for s in params}
    out: set[sp.Symbol] = set()
    for e in exprs:
        for big in e.atoms(sp.Sum, sp.Product):
            for lim in big.limits:
                out |= lim[1].free_symbols | lim[2].free_symbols
        for s in e.free_symbols:
            ends = ellipsis_ends(atoms.get(s))
            if ends is not None:
                out |= {by_name[i] for i in ends[1:] if isinstance(i, str) and i in by_name}
    return out


def count_values(p: Any) -> list[int]:
    """The counts tried for parameter ``p``: :data:`SMALL_COUNTS` shifted to start at the
    stated lower end (when above 1), kept where the stated domain contains them; with no
    lower end stated, the degenerate count 1 is tried last (a failure at ``n >= 2`` is the
    clearer witness)."""
    start = 1
    if p.lo is not None and p.lo > 1:
        start = math.floor(p.lo) + 1 if p.lo_open or p.lo != int(p.lo) else int(p.lo)
    values = [k for k in range(start, start + MAX_TRIES) if p.contains(k)]
    if p.lo is None and values[:1] == [1]:
        values = [*values[1:], 1]  # no lower end stated: n = 1 (one term) is tried last
    return values


def write_out(expr: Any, point: dict[sp.Symbol, int], atoms: dict,
              make: Callable[[str, str], sp.Symbol],
              entries: Callable[[sp.Basic], sp.Basic]) -> Any:
    """``expr`` at the counts ``point``: ellipsis atoms written out, entries ``a_n`` renamed
    ``a_3`` (``make(name, latex)`` gives the environment's symbol), then ``entries`` (the
    sums and products written out, ``a[j]`` made symbols)."""
    names = {s.name: v for s, v in point.items()}
    swap: dict[sp.Basic, sp.Basic] = {}
    for s in expr.free_symbols:
        ends = ellipsis_ends(atoms.get(s))
        if ends is not None:
            base, i0, i1 = ends
            lo, hi = (names.get(i, i) for i in (i0, i1))
            if isinstance(lo, int) and isinstance(hi, int):
                a, b = min(lo, hi), max(lo, hi)
                terms = [make(f"{base}_{k}", f"{_tex(base)}_{{{k}}}") for k in range(a, b + 1)]
                swap[s] = sp.Mul(*terms) if atoms[s].kind == "product" else sp.Add(*terms)
            continue
        m = _ENTRY_NAME.fullmatch(s.name)
        if m is not None and m.group("index") in names and s not in atoms:
            k = names[m.group("index")]
            swap[s] = make(f"{m.group('base')}_{k}", f"{_tex(m.group('base'))}_{{{k}}}")
    return entries(sp.sympify(expr).xreplace(swap).xreplace(point))


def _tex(base: str) -> str:
    from hallbound.proofs_checks.latex.math_tokens import GREEK

    return "\\" + base if base in GREEK else base


def count_points(counts: set[sp.Symbol], params: dict) -> list[dict[sp.Symbol, int]] | None:
    """The points tried: every count at its k-th value (the same step through each count's
    values); None when a count is no parameter or has no value to try."""
    values = []
    for s in sorted(counts, key=str):
        p = params.get(s)
        if p is None or p.kind not in ("real", "integer"):
            return None
        vals = count_values(p)
        if not vals:
            return None
        values.append((s, vals))
    if not values:
        return None
    n = min(len(v) for _, v in values)
    return [{s: v[k] for s, v in values} for k in range(n)]


def _small_step(step: Any, sides: list[Any], point: dict, table: Any) -> Any:
    from hallbound.proofs_checks.engine.claim import Step

    return Step(
        f"{step.name} at {', '.join(f'{s}={v}' for s, v in point.items())}",
        sides[0], step.rel, sides[1], step.justification, kind=step.kind,
        params=sorted(table.params.values(), key=lambda p: p.name),
        witness_view=step.witness_view,
    )


def check_small_counts(checker: Any, step: Any, table: Any, check: Any) -> Any:
    """Check ``step`` again at each point of :func:`count_points`, written out
    (:func:`write_out`), under the stated relations written out the same way. The first
    REFUTED point fills ``check`` (the counts in the witness, the method saying the sums
    were written out) and the written-out step is returned; when every point is PROVED,
    CERTIFIED or SUPPORTED the step is SUPPORTED, naming the counts; otherwise it keeps its
    verdict, with a note (None returned). A failure where a family occurs on one side only
    (:func:`one_sided_families`) is no counterexample: UNDECIDED, saying so."""
    from hallbound.proofs_checks.engine.claim import Claim
    from hallbound.proofs_checks.engine.verdicts import Verdict
    from hallbound.proofs_checks.latex.verify import _fill, _write_out

    lhs, rhs = sp.Tuple(step.lhs, step.rhs).xreplace(checker.defs)
    atoms = table.atoms
    points = count_points(count_symbols([lhs, rhs], atoms, table.params), table.params)
    if not points:
        return None
    tried, held, skipped, late = [], [], [], None
    for point in points:
        if late is not None and all(v > late[s] for s, v in point.items()):
            continue  # a smaller count ran out of time: the larger ones would too
        def out(e: Any, point: dict = point) -> Any:
            return write_out(e, point, atoms, table.make, lambda x: _write_out(x, table))
        sides = [out(e) for e in (lhs, rhs)]
        relations = [(out(a), op, out(b)) for a, op, b in checker.relations]
        small = _small_step(step, sides, point, table)
        claim = Claim(small.name, None, [], [small], source="latex", assumptions=relations)
        res = _timed_check(checker, claim, small)
        shown = ", ".join(f"{table.latex.get(s, s)}={v}" for s, v in point.items())
        if isinstance(res, str) and res.startswith("budget"):
            late = point if late is None else late
            skipped.append(shown)
            continue
        tried.append(shown)
        if isinstance(res, str) or res.verdict is not Verdict.REFUTED:
            ok = not isinstance(res, str) and res.verdict in (
                Verdict.PROVED, Verdict.CERTIFIED, Verdict.SUPPORTED)
            held.append(ok)
            continue
        witness = {**{table.params[s].name: v for s, v in point.items()},
                   **(res.witness or {})}
        lone = one_sided_families(lhs, rhs, atoms, set(point))
        if lone:
            _one_sided(check, lone, witness)
            return None
        _fill(check, res)
        check.witness = witness
        check.method = f"{res.method}, with the sums written out at {shown}"
        check.notes.append(f"{', '.join(str(table.latex.get(s, s)) for s in point)} read as "
                           "a count (a positive integer: the number of terms written)")
        return small
    out_of_time = (f"; out of time at {skipped[0]} ({COUNT_TIME_LIMIT:g} CPU s a count): "
                   "larger counts not tried" if skipped else "")
    if tried and all(held):
        check.verdict = Verdict.SUPPORTED.value
        check.method = "sampled with the families written out"
        check.detail = (f"no counterexample with the sums, products and ellipses written out "
                        f"at {'; '.join(tried)} (each count checked; no proof for every "
                        f"count){out_of_time}")
        check.trials = None
        return None
    elif tried:
        check.notes.append(f"no counterexample with the sums written out at {'; '.join(tried)}"
                           + out_of_time)
    return None


def _timed_check(checker: Any, claim: Any, step: Any) -> Any:
    """``checker.check`` with at most :data:`COUNT_TIME_LIMIT` CPU seconds."""
    saved = checker.limit
    checker.limit = min(saved, COUNT_TIME_LIMIT)
    try:
        return checker.check(claim, step)
    finally:
        checker.limit = saved


def families(expr: Any, atoms: dict, counts: set[str]) -> set[str]:
    """The bases of the families with a symbolic count in ``expr``: ``a`` of ``a[i]`` in a
    sum or product, of an ellipsis atom ``a_1 \\cdots a_n`` and of an entry ``a_n``."""
    out = {str(e.base) for e in expr.atoms(sp.Indexed)}
    for s in expr.free_symbols:
        ends = ellipsis_ends(atoms.get(s))
        if ends is not None:
            out.add(ends[0])
            continue
        m = _ENTRY_NAME.fullmatch(s.name)
        if m is not None and m.group("index") in counts and s not in atoms:
            out.add(m.group("base"))
    return out


def one_sided_families(lhs: Any, rhs: Any, atoms: dict, counts: set) -> list[str]:
    """The families that occur on one side of the step only (``\\sum_i \\lambda_i =
    \\operatorname{tr} B``): such a step states what the text knows about the family (its
    link to the other side, shown in prose), so values drawn freely for it are no
    counterexample of the text."""
    names = {str(c) for c in counts}
    left, right = families(lhs, atoms, names), families(rhs, atoms, names)
    return sorted(left ^ right)


def _one_sided(check: Any, lone: list[str], witness: dict) -> None:
    from hallbound.proofs_checks.engine.verdicts import Verdict

    pts = ", ".join(f"{k}={v}" for k, v in witness.items())
    who = ", ".join(lone)
    check.verdict = Verdict.UNDECIDED.value
    check.method = "not decided"
    check.detail = (
        f"the step fails at {pts} (the families written out), but the family {who} occurs "
        "on one side only: the step states what the text knows about it (a link shown in "
        "the prose), which this display does not show; add `% hb: assume` with that link "
        "to check it")
    check.witness = check.lhs_value = check.rhs_value = None


__all__ = [
    "COUNT_TIME_LIMIT",
    "check_small_counts",
    "MAX_TRIES",
    "SMALL_COUNTS",
    "count_points",
    "count_symbols",
    "count_values",
    "ellipsis_ends",
    "write_out",
]
