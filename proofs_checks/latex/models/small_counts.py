r"""A second model for steps about families with a symbolic count: ``n`` written out as 1..6.

A step such as :math:`\lambda_1 \cdots \lambda_n \le (\frac1n \sum_{i=1}^n \lambda_i)^n` cannot
be evaluated numerically: ``n`` is a symbol and the family :math:`\lambda_i` has no fixed
length. Here ``n`` is a *count*: the upper limit of a sum or product (``\sum_{i=1}^n``) or the
last index of a written ellipsis (``\lambda_1 \cdots \lambda_n``, ``x_1 + \cdots + x_n``). The
text's notation makes a count a positive integer, so the step is checked again at small
values of the count that its stated domain allows, from its least allowed value (0 or
negatives for an integer domain that allows them) to just past the largest whole number the
step writes (:mod:`.count_range`), with

* the sums and products written out term by term (an empty range is 0 or 1),
* each ellipsis atom ``a_1 \cdots a_n`` / ``a_1 + \cdots + a_n`` written out,
* each entry ``a_n`` (``a[j]`` of a written-out sum) the environment's symbol ``a_3`` etc.,
  drawn within the domain the text states for ``a_i``,

and the same substitution made in the stated relations (the assumptions), so that a witness
meets them at the same count. A count is not tried (:class:`SkipCount`, named in the detail)
where an ellipsis would run backwards (``x_2 + \cdots + x_n`` at ``n = 1``), where an entry
of the step is past its family's last index, where the stated relations rule it out, or where
a sum would write out more than :data:`MAX_TERMS` terms (``n^{30}``). The checker then
evaluates exactly. A failure is a genuine counterexample (the count and the values in the
witness); no failure at two counts or more leaves the step SUPPORTED, saying which counts were
written out (a proof at each small count is no proof for every count).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.latex.models.count_range import (
    count_values,
    largest_constant,
    needed_reach,
    noninteger_counts,
)
from hallbound.proofs_checks.latex.models.ellipsis_patterns import (
    apply_entry_definitions,
    ellipsis_pattern,
    entry_definitions,
    pattern_terms,
    shifted_entry,
)

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
            pattern = ellipsis_pattern(atoms.get(s), atoms) if ends is None else None
            if pattern is not None and pattern[2] in by_name:  # (Z_n - Z_{n-1}) + \cdots
                out.add(by_name[pattern[2]])
    return out


class SkipCount(Exception):  # noqa: N818 - a count not tried, with the reason
    """This count is not tried: an ellipsis runs backwards there, an entry is outside its
    family, or a sum or ellipsis has more than :data:`MAX_TERMS` terms."""


#: Most terms one sum, product or ellipsis may have when written out at a count (``n^30``,
#: ``2^n``, ``n!`` give more: that count is not tried, with a note).
MAX_TERMS = 64
#: Most terms a whole side may have written out (nested sums multiply).
MAX_SIDE_TERMS = 4096


def ellipsis_range(i0: int | str, i1: int | str, names: dict[str, int]) -> range | None:
    """The indices of the ellipsis ``a_{i0} .. a_{i1}`` at the counts ``names``; None when an
    end is no known count. The written direction is the generic one (a count letter large:
    ``a_2 + \\cdots + a_n`` ascends, ``a_n \\cdots a_1`` descends; two numbers: their
    order); a count at which the ends run the other way (``a_2 + \\cdots + a_n`` at
    ``n = 1``) raises :class:`SkipCount`: the text does not write such an ellipsis there."""
    lo, hi = (names.get(i, i) for i in (i0, i1))
    if not (isinstance(lo, int) and isinstance(hi, int)):
        return None
    descending = (isinstance(i0, str) and isinstance(i1, int)) or (
        isinstance(i0, int) and isinstance(i1, int) and i0 > i1)
    if (lo < hi and descending) or (lo > hi and not descending):
        raise SkipCount("an ellipsis whose last index is past its first")
    a, b = min(lo, hi), max(lo, hi)
    if b - a + 1 > MAX_TERMS:
        raise SkipCount(f"more than {MAX_TERMS} terms")
    return range(a, b + 1)


def write_out(expr: Any, point: dict[sp.Symbol, int], atoms: dict,
              make: Callable[[str, str], sp.Symbol],
              entries: Callable[[sp.Basic], sp.Basic]) -> Any:
    """``expr`` at the counts ``point``: ellipsis atoms written out, entries ``a_n`` renamed
    ``a_3`` (``make(name, latex)`` gives the environment's symbol), then ``entries`` (the
    sums and products written out, ``a[j]`` made symbols). Raises :class:`SkipCount` when
    the count makes an ellipsis run backwards or a sum too long (:func:`term_count`)."""
    names = {s.name: int(v) for s, v in point.items()}
    swap: dict[sp.Basic, sp.Basic] = {}
    for s in sp.sympify(expr).free_symbols:
        ends = ellipsis_ends(atoms.get(s))
        if ends is not None:
            base, i0, i1 = ends
            span = ellipsis_range(i0, i1, names)
            if span is not None:
                terms = [make(f"{base}_{k}", f"{_tex(base)}_{{{k}}}") for k in span]
                swap[s] = sp.Mul(*terms) if atoms[s].kind == "product" else sp.Add(*terms)
            continue
        if (written := _written_pattern(s, atoms, names, make)) is not None:
            swap[s] = written
            continue
        m = _ENTRY_NAME.fullmatch(s.name)
        if m is not None and m.group("index") in names and s not in atoms:
            k = names[m.group("index")]
            swap[s] = make(f"{m.group('base')}_{k}", f"{_tex(m.group('base'))}_{{{k}}}")
        elif (shifted := shifted_entry(s.name)) is not None and shifted[1] in names \
                and s not in atoms:  # Z_{n-1} at n = 4: Z_3
            k = names[shifted[1]] + shifted[2]
            if k < 0:
                raise SkipCount("an entry before index 0")
            swap[s] = make(f"{shifted[0]}_{k}", f"{_tex(shifted[0])}_{{{k}}}")
    at = {s: sp.Integer(v) for s, v in point.items()}
    done = sp.sympify(sp.sympify(expr).xreplace(swap).xreplace(at))
    term_count(done)
    return entries(done)


def _written_pattern(s: sp.Symbol, atoms: dict, names: dict[str, int],
                     make: Callable[[str, str], sp.Symbol]) -> Any:
    """An ellipsis of compound terms (:func:`.ellipsis_patterns.ellipsis_pattern`) written
    out at the counts ``names``; None when ``s`` is none or its count is not given."""
    pattern = ellipsis_pattern(atoms.get(s), atoms)
    if pattern is None or pattern[2] not in names:
        return None
    terms = pattern_terms(pattern, names[pattern[2]], make)
    if terms is None:
        raise SkipCount("an ellipsis whose last index is past its first")
    if len(terms) > MAX_TERMS:
        raise SkipCount(f"more than {MAX_TERMS} terms")
    return sp.Mul(*terms) if atoms[s].kind == "product" else sp.Add(*terms)


def term_count(expr: Any, cap: int = MAX_SIDE_TERMS) -> int:
    """The number of terms the sums and products of ``expr`` write out to (nested ones
    multiplied), counted without writing them out; raises :class:`SkipCount` past
    :data:`MAX_TERMS` for one sum or ``cap`` in all. A sum whose limits are not integers
    here counts 1 (it is not written out)."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum, sp.Product):
        return 1
    if isinstance(expr, sp.Sum | sp.Product):
        *inner, (i, lo, hi) = expr.limits
        body = type(expr)(expr.function, *inner) if inner else expr.function
        if not (lo.is_Integer and hi.is_Integer):
            if not (lo.free_symbols or hi.free_symbols):  # n/2 at n = 1
                raise SkipCount("a limit that is no whole number at this count")
            return 1
        size = int(hi) - int(lo) + 1
        if size > MAX_TERMS:
            raise SkipCount(f"a sum or product of more than {MAX_TERMS} terms")
        total = 0
        for k in range(int(lo), int(hi) + 1):
            total += term_count(body.xreplace({i: sp.Integer(k)}), cap)
            if total > cap:
                raise SkipCount(f"more than {cap} terms written out")
        return max(total, 1)
    total = 0
    for a in expr.args:
        total += term_count(a, cap)
        if total > cap:
            raise SkipCount(f"more than {cap} terms written out")
    return total


def family_tops(exprs: list[Any], point: dict[sp.Symbol, int], atoms: dict) -> dict[str, int]:
    """The last index of each family at the counts ``point``: the largest index its sums,
    products (``x[i]`` for ``i`` in the range) and ellipses reach there."""
    at = {s: sp.Integer(v) for s, v in point.items()}
    names = {s.name: int(v) for s, v in point.items()}
    tops: dict[str, int] = {}

    def top(base: str, k: Any) -> None:
        if isinstance(k, int | sp.Integer):
            tops[base] = max(tops.get(base, int(k)), int(k))

    for e in exprs:
        e = sp.sympify(e)
        for big in e.atoms(sp.Sum, sp.Product):
            for i, lo, hi in big.limits:
                lo, hi = lo.xreplace(at), hi.xreplace(at)
                if not (lo.is_Integer and hi.is_Integer) or hi < lo:
                    continue
                for ix in big.function.atoms(sp.Indexed):
                    if len(ix.indices) == 1 and ix.indices[0].free_symbols <= {i}:
                        for end in (lo, hi):
                            top(str(ix.base), ix.indices[0].xreplace({i: end}))
        for s in e.free_symbols:
            ends = ellipsis_ends(atoms.get(s))
            if ends is not None:
                for k in ends[1:]:
                    top(ends[0], names.get(k, k) if isinstance(k, str) else k)
    return tops


def outside_entries(exprs: list[Any], point: dict[sp.Symbol, int], atoms: dict) -> list[str]:
    """The entries written with a number (``x_3``) past the last index of their family at
    the counts ``point`` (``x_3`` with ``\\sum_{i=1}^n x_i`` at ``n = 2``): no member of the
    family there, so the count is not tried."""
    tops = family_tops(exprs, point, atoms)
    out = []
    for e in exprs:
        for s in sp.sympify(e).free_symbols:
            m = _ENTRY_NAME.fullmatch(s.name)
            if (m is not None and s not in atoms and m.group("index").isdigit()
                    and m.group("base") in tops and int(m.group("index")) > tops[m.group("base")]):
                out.append(s.name)
    return sorted(set(out))


def _tex(base: str) -> str:
    from hallbound.proofs_checks.latex.math_tokens import GREEK

    return "\\" + base if base in GREEK else base


def count_points(counts: set[sp.Symbol], params: dict,
                 constant: int = 0) -> list[dict[sp.Symbol, int]] | None:
    """The points tried: every count at its k-th value (the same step through each count's
    values, :func:`.count_range.count_values` past the step's largest whole number
    ``constant``); None when a count is no parameter or has no value to try."""
    values = []
    for s in sorted(counts, key=str):
        p = params.get(s)
        if p is None or not (p.kind == "real" or p.is_integer):
            return None
        vals = count_values(p, constant)
        if not vals:
            return None
        values.append((s, vals))
    if not values:
        return None
    n = min(len(v) for _, v in values)
    return [{s: v[k] for s, v in values} for k in range(n)]


def mixed_points(counts: set[sp.Symbol], params: dict,
                 constant: int = 0) -> list[dict[sp.Symbol, int]]:
    """Points where the counts differ (``\\sum_{i=1}^{n} a_i + \\sum_{i=1}^{m} b_i``: the
    same step through each count's values never tries ``m != n``): for each count, that count
    at its second value and every other at its first; none with fewer than two counts."""
    if len(counts) < 2:
        return []
    values = {s: count_values(params[s], constant) for s in sorted(counts, key=str)}
    if any(len(v) < 2 for v in values.values()):
        return []
    return [{s: v[1] if s == moved else v[0] for s, v in values.items()} for moved in values]


def _small_step(step: Any, sides: list[Any], point: dict, table: Any) -> Any:
    from hallbound.proofs_checks.engine.claim import Step

    return Step(
        f"{step.name} at {', '.join(f'{s}={v}' for s, v in point.items())}",
        sides[0], step.rel, sides[1], step.justification, kind=step.kind,
        params=_distinct_names(sorted(table.params.values(), key=lambda p: p.name)),
        witness_view=step.witness_view,
    )


def _distinct_names(params: list[Any]) -> list[Any]:
    """The parameters, a name shown twice (``p(x_i)`` inside a sum over ``i`` and outside it:
    two symbols, one text) made distinct by primes: a claim declares each name once."""
    seen: set[str] = set()
    out = []
    for p in params:
        name = p.name
        while name in seen:
            name += "'"
        seen.add(name)
        out.append(p if name == p.name else replace(p, name=name))
    return out


def check_small_counts(checker: Any, step: Any, table: Any, check: Any) -> Any:
    """Check ``step`` again at each point of :func:`count_points`, written out
    (:func:`write_out`), under the stated relations written out the same way. The first
    REFUTED point fills ``check`` (the counts in the witness, the method saying the sums
    were written out) and the written-out step is returned; when every point is PROVED,
    CERTIFIED or SUPPORTED (two counts at least) the step is SUPPORTED, naming the counts
    (and the counts not tried: :class:`SkipCount`, an error); otherwise it keeps its
    verdict, with a note (None returned). A failure where a family occurs on one side only
    (:func:`one_sided_families`) is no counterexample: UNDECIDED, saying so."""
    from hallbound.proofs_checks.engine.claim import Claim
    from hallbound.proofs_checks.engine.verdicts import Verdict
    from hallbound.proofs_checks.latex.verify_results import fill as _fill

    lhs, rhs = sp.Tuple(step.lhs, step.rhs).xreplace(checker.defs)
    atoms = table.atoms
    counts = count_symbols([lhs, rhs], atoms, table.params)
    if _real_counts(check, counts, table):
        return None
    constant = largest_constant([lhs, rhs])
    points = count_points(counts, table.params, constant)
    if not points:
        return None
    same = len(points)  # past it: the counts differ (mixed_points)
    points += mixed_points(counts, table.params, constant)
    reached = False  # a count past the step's largest whole number tried, no failure
    tried, held, skipped, late, passed = [], [], [], None, []
    names = {x.name for x in (lhs.free_symbols | rhs.free_symbols)}
    for at, point in enumerate(points):
        if late is not None and all(v > late[s] for s, v in point.items()):
            continue  # a smaller count ran out of time: the larger ones would too
        shown = ", ".join(f"{table.latex.get(s, s)}={v}" for s, v in point.items())
        tied = count_excluded(checker.relations, point, names, table.params)
        if tied is True:
            passed.append(f"{shown} (the stated relations rule it out)")
            continue
        try:
            small, relations = _written_step(checker, step, (lhs, rhs), point, table)
        except SkipCount as why:
            passed.append(f"{shown} ({why})")
            if "more than" in str(why):
                late = point if late is None else late  # larger counts give more terms
            continue
        except Exception as err:  # noqa: BLE001 - one count never ends the file's check
            passed.append(f"{shown} (could not be written out: {type(err).__name__})")
            continue
        try:
            claim = Claim(small.name, None, [], [small], source="latex", assumptions=relations)
            res = _timed_check(checker, claim, small)
        except InputError as why:  # this model's own claim is bad: it declines, the file goes on
            check.notes.append(f"small counts not tried: {why}")
            return None
        if isinstance(res, str) and res.startswith("budget"):
            late = point if late is None else late
            skipped.append(shown)
            continue
        tried.append(shown)
        if isinstance(res, str) or res.verdict is not Verdict.REFUTED:
            ok = not isinstance(res, str) and res.verdict in (
                Verdict.PROVED, Verdict.CERTIFIED, Verdict.SUPPORTED)
            held.append(ok)
            reached = reached or (ok and min(point.values()) >= needed_reach(constant))
            continue
        if tied is None:  # a stated relation ties the count to a symbol the point leaves free
            held.append(False)
            passed.append(f"{shown} (fails there, but a stated relation ties the count to a "
                          "symbol the step does not name)")
            continue
        witness = {**{table.params[s].name: v for s, v in point.items()},
                   **(res.witness or {})}
        lone = one_sided_families(lhs, rhs, atoms, set(point),
                                  entry_definitions(checker.defs, {c.name for c in point}))
        if lone:
            _one_sided(check, lone, witness)
            return None
        if at >= same:  # the counts may be tied in the prose: no counterexample, no support
            _different_counts(check, witness)
            return None
        _fill(check, res)
        check.witness = witness
        check.method = f"{res.method}, with the sums written out at {shown}"
        check.notes.append(f"{', '.join(str(table.latex.get(s, s)) for s in point)} read as "
                           "a count (a positive integer: the number of terms written)")
        return small
    out_of_time = (f"; out of time at {skipped[0]} ({COUNT_TIME_LIMIT:g} CPU s a count): "
                   "larger counts not tried" if skipped else "")
    out_of_time += f"; not tried: {'; '.join(passed)}" if passed else ""
    if len(tried) >= 2 and all(held) and not reached:
        check.notes.append(_too_few(tried, constant) + out_of_time)
    elif len(tried) >= 2 and all(held):  # one count alone (n = 1) is too thin to support
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


def _too_few(tried: list[str], constant: int) -> str:
    """The note for a step that held at every count tried, none past ``constant``."""
    return (f"no counterexample with the sums written out at {'; '.join(tried)}, but no count "
            f"past {constant} (the largest number the step writes) could be tried: too few "
            "counts to support it")


def _real_counts(check: Any, counts: set[sp.Symbol], table: Any) -> bool:
    """Whether a count's stated domain is real, not the integers (a note then says so): a
    sum or product up to a non-whole bound has no meaning, so no count is written out."""
    real = noninteger_counts(counts, table)
    if real:
        check.notes.append(f"small counts not tried: {', '.join(real)} is stated to be a real "
                           "number, not an integer, and a sum or product up to a non-whole "
                           "bound has no meaning; state it an integer to check the step")
    return bool(real)


def limit_counts(step: Any, defs: dict) -> set[sp.Symbol]:
    """The free symbols of the limits of the sums and products of ``step`` (its counts as a
    float search sees them)."""
    out: set[sp.Symbol] = set()
    for e in sp.Tuple(step.lhs, step.rhs).xreplace(defs).atoms(sp.Sum, sp.Product):
        for lim in e.limits:
            out |= lim[1].free_symbols | lim[2].free_symbols
    return out


def _integer_witness(check: Any, counts: set, table: Any) -> bool:
    """Whether the REFUTED ``check``'s witness puts every count at a positive integer, or at
    an integer its stated integer domain allows (``n = 0`` for ``n \\in \\mathbb{Z}, n \\ge 0``:
    an empty range, 0 for a sum)."""
    w = check.witness or {}
    for c in counts:
        p = table.params.get(c)
        v = w.get(p.name) if p is not None else None
        v = w.get(str(c), v) if v is None else v
        if not (isinstance(v, int | float) and float(v).is_integer()):
            return False
        if not (v >= 1 or (p is not None and p.is_integer and p.contains(v))):
            return False
    return True


def recheck_counts(checker: Any, step: Any, table: Any, check: Any) -> Any:
    """The count model (:func:`check_small_counts`) for ``step`` where it applies: a step
    that cannot be evaluated (a family of symbolic length), and a step with a count (a
    symbol in a sum's limits) that a sampling method called SUPPORTED, or REFUTED at a
    count that is no positive integer. A float search evaluates ``\\sum_{i=1}^n`` in
    closed form at any real ``n``: that is neither support nor a counterexample, so such a
    verdict is withdrawn first (UNDECIDED, saying why), then the written-out counts decide
    (a failure there is REFUTED with ``n`` and the values; none at two counts or more is
    SUPPORTED naming them); so is a step the sampling found no real value of at real counts
    (``\\sum_{i=1}^n (-1)^i`` is complex at ``n = 1/2``). A SUPPORTED whose counts are
    declared integers is kept when the counts decide nothing. Returns the written-out step
    when REFUTED there."""
    if check.verdict == "UNDECIDED" and (
            "cannot evaluate" in check.detail  # (or a sum at a real count has no real value)
            or ("finite real value" in check.detail and limit_counts(step, checker.defs))):
        return check_small_counts(checker, step, table, check)
    patterns = [p for s in (step.lhs - step.rhs).free_symbols
                if (p := ellipsis_pattern(table.atoms.get(s), table.atoms)) is not None]
    if check.verdict in ("UNDECIDED", "REFUTED") and patterns:  # (Z_n - Z_{n-1}) + \cdots
        for p in patterns:
            table.make(p[2], p[2])  # the count the entries name (Z_{n-1}): a parameter
        check.verdict, check.method = "UNDECIDED", "not decided"  # the ellipsis was a number
        check.detail = ("an ellipsis of compound terms is no free number: it is checked "
                        "written out at small counts only")
        check.witness = check.lhs_value = check.rhs_value = None
        return check_small_counts(checker, step, table, check)
    counts = limit_counts(step, checker.defs)
    if check.verdict not in ("SUPPORTED", "REFUTED") or not counts:
        return None
    if check.method == "sampled with the families written out" or any(
            c not in table.params for c in counts):
        return None
    if check.verdict == "REFUTED" and _integer_witness(check, counts, table):
        return None  # a counterexample at a whole count, re-verified: it stands
    saved = (check.verdict, check.method, check.detail, check.trials, check.witness)
    shown = ", ".join(str(table.latex.get(c, c)) for c in sorted(counts, key=str))
    check.verdict, check.method = "UNDECIDED", "not decided"
    check.detail = (f"the {saved[1] or 'sampling'} took the count {shown} (a sum's limit) at "
                    "values that are not whole numbers, where the sum has no meaning: no "
                    "support and no counterexample")
    check.witness = check.lhs_value = check.rhs_value = None
    check.trials = None
    small = check_small_counts(checker, step, table, check)
    integer = all(table.params[c].is_integer for c in counts)
    if check.verdict == "UNDECIDED" and saved[0] == "SUPPORTED" and integer:
        check.verdict, check.method, check.detail, check.trials, check.witness = saved
    return small


_OPS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "==", "==": "=="}


def count_excluded(relations: list, point: dict, step_names: set[str],
                   params: dict) -> bool | None:
    """Whether the stated relations that tie a count of ``point`` to a symbol the step does
    not name rule the count out (``n \\ge m``, ``m \\ge 2`` at ``n = 1``): True when they
    cannot hold there (with the other symbol's stated domain), or a relation on the counts
    alone fails there (``n - 1 \\ge 1`` at ``n = 1``); False when no relation ties
    a count so, or when one symbol ``m`` is tied only to the counts and can be chosen there
    (``m = 2`` at ``n = 2``: a failure at the point is a counterexample for that ``m``);
    None otherwise (a failure there is no counterexample: the point does not fix ``m``)."""
    names = {s.name for s in point}
    free = [{x.name for x in (sp.sympify(a).free_symbols | sp.sympify(b).free_symbols)}
            for a, _, b in relations]
    pairs = zip(free, relations, strict=True)
    if any(f and f <= names and _breaks(rel, point) for f, rel in pairs):
        return True  # a relation on the counts alone fails there (n - 1 >= 1 at n = 1)
    linked = [k for k, f in enumerate(free) if f & names and f - names - step_names]
    if not linked:
        return False
    extra = set().union(*(free[k] - names - step_names for k in linked))
    if len(extra) != 1:
        return None
    (name,) = extra
    var = sp.Symbol(name, real=True)
    rename = {x: var for a, _, b in relations for x in (sp.sympify(a).free_symbols
                                                        | sp.sympify(b).free_symbols)
              if x.name == name}
    rename.update({s: sp.Integer(v) for s, v in point.items()})
    rels = [sp.Rel(sp.sympify(a).xreplace(rename), sp.sympify(b).xreplace(rename), _OPS[op])
            for k, (a, op, b) in enumerate(relations)
            if op in _OPS and (k in linked or (free[k] and free[k] <= extra))]
    dom = next((p for sym, p in params.items() if str(sym) == name), None)
    if dom is not None and dom.lo is not None:
        rels.append(var > dom.lo if dom.lo_open else var >= dom.lo)
    if dom is not None and dom.hi is not None:
        rels.append(var < dom.hi if dom.hi_open else var <= dom.hi)
    alone = all(not (f & extra) or f <= extra | names for f in free)  # m meets counts only
    try:
        found = sp.reduce_inequalities(rels, [var])
    except Exception:  # noqa: BLE001 - not decided
        return None
    if found is sp.false:
        return True
    return False if alone and found.free_symbols <= {var} else None


def _breaks(rel: tuple, point: dict) -> bool:
    """Whether the relation ``(a, op, b)`` on the counts alone is false at ``point``."""
    a, op, b = rel
    if op not in _OPS:
        return False
    by_name = {s.name: sp.Integer(v) for s, v in point.items()}
    at = {x: by_name[x.name] for x in sp.sympify(a).free_symbols | sp.sympify(b).free_symbols
          if x.name in by_name}
    try:
        return sp.Rel(sp.sympify(a).xreplace(at), sp.sympify(b).xreplace(at), _OPS[op]) is sp.false
    except Exception:  # noqa: BLE001 - not decided: not ruled out
        return False


def _written_step(checker: Any, step: Any, sides: tuple, point: dict, table: Any) -> Any:
    """``(step, relations)`` written out at the counts ``point`` (:func:`write_out`), the
    stated relations written out the same way; raises :class:`SkipCount` when an
    entry of the step is no member of its family there (:func:`outside_entries`)."""
    from hallbound.proofs_checks.latex.verify_rows import _write_out

    lone = outside_entries(list(sides), point, table.atoms)
    if lone:
        raise SkipCount(f"{', '.join(lone)} past the family's last index")

    defined = entry_definitions(checker.defs, {c.name for c in point})

    def out(e: Any) -> Any:
        done = write_out(e, point, table.atoms, table.make, lambda x: _write_out(x, table))
        try:  # D_3 of a stated D_i = Z_i - Z_{i-1}: Z_3 - Z_2
            return apply_entry_definitions(done, defined, table.make)
        except ValueError as why:
            raise SkipCount(str(why)) from None

    small = _small_step(step, [out(e) for e in sides], point, table)
    return small, [(out(a), op, out(b)) for a, op, b in checker.relations]


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
        pattern = ellipsis_pattern(atoms.get(s), atoms)
        if pattern is not None:
            out |= {base for base, _, _ in pattern[1].values()}
            continue
        m = _ENTRY_NAME.fullmatch(s.name)
        if m is not None and m.group("index") in counts and s not in atoms:
            out.add(m.group("base"))
        elif (shifted := shifted_entry(s.name)) is not None and shifted[1] in counts \
                and s not in atoms:
            out.add(shifted[0])
    return out


def one_sided_families(lhs: Any, rhs: Any, atoms: dict, counts: set,
                       definitions: list | None = None) -> list[str]:
    """The families that occur on one side of the step only (``\\sum_i \\lambda_i =
    \\operatorname{tr} B``): such a step states what the text knows about the family (its
    link to the other side, shown in prose), so values drawn freely for it are no
    counterexample of the text. A family with a stated definition at a generic index
    (``D_i = Z_i - Z_{i-1}``, :func:`.ellipsis_patterns.entry_definitions`) stands for the
    families of its definition."""
    names = {str(c) for c in counts}
    left, right = families(lhs, atoms, names), families(rhs, atoms, names)
    for base, _, _, entries in definitions or []:
        for side in (left, right):
            if base in side:
                side.discard(base)
                side.update(b for b, _, _ in entries.values())
    return sorted(left ^ right)


def _different_counts(check: Any, witness: dict) -> None:
    from hallbound.proofs_checks.engine.verdicts import Verdict

    pts = ", ".join(f"{k}={v}" for k, v in witness.items())
    check.verdict = Verdict.UNDECIDED.value
    check.method = "not decided"
    check.detail = (
        f"the step fails at {pts} (the families written out, with different counts): no "
        "counterexample if the text ties the counts; state that tie with `% hb: assume`")
    check.witness = check.lhs_value = check.rhs_value = None


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
    "limit_counts",
    "MAX_TERMS",
    "recheck_counts",
    "SkipCount",
    "MAX_TRIES",
    "SMALL_COUNTS",
    "count_points",
    "mixed_points",
    "count_symbols",
    "count_values",  # re-exported from .count_range
    "ellipsis_ends",
    "write_out",
]
