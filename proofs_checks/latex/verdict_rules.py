r"""Verdict rules applied after a step's check in
:func:`~hallbound.proofs_checks.latex.verify.verify_tex`: a REFUTED step keeps its verdict only
when its witness is a counterexample of the text (it satisfies every stated assumption and
box, sets no opaque atom freely, and needs nothing the tool could not read); otherwise it
becomes UNDECIDED with the reason, the point kept in the detail. Also: stated assumptions
that contradict each other (z3), and an opaque quantity against an infinite bound."""

from __future__ import annotations

import cmath
import math
import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Step
from hallbound.proofs_checks.engine.verdicts import Verdict
from hallbound.proofs_checks.latex.hypotheses import SymbolTable, domain_for
from hallbound.proofs_checks.latex.math_atoms import refutation_blocker
from hallbound.proofs_checks.latex.models.imaginary_unit import modulus_keeps_unit
from hallbound.proofs_checks.latex.models.law_statements import law_names
from hallbound.proofs_checks.latex.verify_results import LineCheck


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a and b else a or b


_ENTRY = re.compile(r"(?P<base>[A-Za-z\\]+)(?:\[\d+\]|_\{?\d+\}?)")


def _entry_under_generic_assumption(
    witness: dict[str, Any], table: SymbolTable, relations: list[tuple[Any, str, Any]]
) -> tuple[str, str] | None:
    """A witness entry ``x[1]`` / ``x_{1}`` whose base is the subject of an assumption with a
    letter index (``x_i >= 0``, ``\\max_i |x_i| <= 1``): the assumption means every entry,
    but it was read as a statement about one symbol ``x_i``; (entry, assumed name)."""
    names = set(table.hyp.domains)
    relation_names: set[str] = set()
    for a, _, b in relations:
        relation_names |= {str(v) for e in (a, b) for v in getattr(e, "free_symbols", ())}
        names |= {str(v) for e in (a, b) for v in getattr(e, "free_symbols", ())}
        names |= {str(v.base) + "_i" for e in (a, b)
                  for v in getattr(e, "atoms", lambda *_: ())(sp.Indexed)}
    for key, value in witness.items():
        m = _ENTRY.fullmatch(key)
        if m is None:
            continue
        base = m.group("base")
        for name in names:
            if not re.search(r"(?<![A-Za-z\\])" + re.escape(base)
                             + r"(?:_\{?[A-Za-z]+\}?|\[[A-Za-z]+\])", name):
                continue
            dom = table.hyp.domains.get(name)
            if dom is not None and name not in relation_names and _inside(value, dom):
                continue  # a plain domain on x_i, and the entry lies in it
            return key, name
    return None


def _inside(value: Any, dom: Any) -> bool:
    """A number inside an interval domain (ends and openness as stated)."""
    if not isinstance(value, int | float) or dom.kind != "real":
        return False
    if dom.lo is not None and (value < dom.lo or (dom.lo_open and value == dom.lo)):
        return False
    if dom.hi is not None and (value > dom.hi or (dom.hi_open and value == dom.hi)):
        return False
    return not dom.integer or float(value).is_integer()


def _withdraw_witness(check: LineCheck, why: str) -> None:
    """A REFUTED step whose witness is not shown to satisfy every stated assumption becomes
    UNDECIDED; the point is kept in the detail."""
    pts = ", ".join(f"{k}={v}" for k, v in (check.witness or {}).items())
    check.verdict = Verdict.UNDECIDED.value
    check.method = "not decided"
    check.detail = f"the step fails at {pts}, but {why}"
    check.witness = check.lhs_value = check.rhs_value = None


def _contradictory(relations: list[tuple[Any, str, Any]], table: SymbolTable) -> str:
    """Whether the stated relations may contradict each other and the domains (so every
    step would hold vacuously): ``"z3"`` when z3 shows that no point satisfies them,
    ``"search"`` when no point that meets them all is found
    (:func:`.consistency.find_point`: z3 reads no ``\\sin``, ``\\log`` or atom, so its
    silence is no evidence of consistency), ``""`` when such a point is found."""
    from hallbound.proofs_checks.engine.premises import param_domains
    from hallbound.proofs_checks.engine.z3_prover import decide
    from hallbound.proofs_checks.latex.consistency import find_point

    params = [p for p in table.params.values() if p.kind == "real" or p.is_integer]
    ints = [p.symbol for p in params if p.is_integer]
    try:
        res = decide(sp.Integer(0), "=", sp.Integer(1), param_domains(params), integers=ints,
                     timeout=1.0, hypotheses=relations)
        if res.status == "proved":
            return "z3"
    except Exception:  # noqa: BLE001 - z3 cannot read them: the search decides
        pass
    return "search" if find_point(relations, table.params) is None else ""


def _holds(gap: Any, op: str, values: dict[Any, float]) -> bool | None:
    """``gap OP 0`` at ``values``, with a tolerance in its favour of 1e-9 relative to the size
    of ``gap``'s terms (``sum |t|`` over its top-level terms: the witness is shown rounded);
    None when it cannot be evaluated. The tolerance is never absolute: at a point of tiny
    values (``c = 5e-324``, ``Delta = 6e-68``) ``Delta <= 2 sqrt(2 c)`` is broken, not met."""
    exact = {k: sp.nsimplify(v, rational=True) for k, v in values.items()}
    try:
        g = complex(gap.xreplace(exact).evalf(30))
        scale = sum(abs(complex(t.xreplace(exact).evalf(30))) for t in sp.Add.make_args(gap))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not (cmath.isfinite(g) and math.isfinite(scale)):
        return False  # undefined there (log 0, 1/0): the relation is not met
    if abs(g.imag) > 1e-12 * max(scale, abs(g)):
        return False
    v = g.real
    tol = 1e-9 * max(scale, abs(v))
    return {"<": v < tol, "<=": v <= tol, ">": v > -tol, ">=": v >= -tol,
            "!=": True, "=": abs(v) <= tol}.get(op)  # a rounded point cannot decide !=


def _withdraw_infinite_bound(check: LineCheck, step: Step, table: SymbolTable) -> None:
    """``Q < \\infty`` (or any relation with an infinite side) for an opaque quantity Q (an
    expectation, a variance, an integral, a supremum, ...) is a statement that Q exists and
    is finite, which the engine cannot see (it reads every atom as a finite real): such a
    PROVED or CERTIFIED verdict becomes UNDECIDED."""
    if check.verdict not in (Verdict.PROVED.value, Verdict.CERTIFIED.value) or not table.atoms:
        return
    sides = (step.lhs, step.rhs)
    if not any(getattr(e, "is_infinite", False) for e in sides):
        return
    opaque = set(table.atoms)
    if not any(e.free_symbols & opaque for e in sides):
        return
    check.verdict = Verdict.UNDECIDED.value
    check.method = "not decided"
    check.detail = ("an opaque quantity against an infinite bound: whether it is finite is not "
                    "something the engine can see (it reads each atom as a finite real)")


def _constrained(table: SymbolTable) -> set[sp.Symbol]:
    """The symbols about which something is stated: a domain or box, or an occurrence in a
    stated relation or equation (``X^2 \\le 1``, ``|X| \\le 1``: the law of ``X`` is no
    longer free, so ``Var[X]`` cannot take any value >= 0)."""
    out = {s for s in table.params if domain_for(s.name, table.hyp.domains)}
    for r in [*table.hyp.relations, *table.hyp.equations]:
        for side in r.value[::2] if r.value is not None else ():
            out |= getattr(side, "free_symbols", set())
    # a variable named by an independence / copy / i.i.d. / \ll statement: its law is tied
    named = law_names(table.hyp.laws, {s.name for s in table.params})
    return out | {s for s in table.params if s.name in named}


def _withdraw_atom_refutation(check: LineCheck, step: Step, table: SymbolTable, defs: dict) -> None:
    """A REFUTED verdict whose witness sets opaque atoms (E[..], Pr[..], norms, ...) freely
    may describe nothing real (:func:`.math_atoms.refutation_blocker`):
    it becomes UNDECIDED, the witness kept in the detail. A proof with a free ``i`` is
    withdrawn too (:func:`withdraw_imaginary_proof`)."""
    withdraw_imaginary_proof(check, step, table, defs)
    if check.verdict != Verdict.REFUTED.value or not table.atoms:
        return
    lhs, rhs = (e.xreplace(defs) for e in (step.lhs, step.rhs))
    # the witness's value of each atom, by the atom's key (its symbol's name)
    names = {p.name: s.name for s, p in table.params.items() if s in table.atoms}
    values = {names[k]: float(v) for k, v in (check.witness or {}).items()
              if k in names and isinstance(v, (int, float))}
    why = refutation_blocker(lhs, rhs, table.atoms, _constrained(table), values)
    if why is None:
        return
    pts = ", ".join(f"{k}={v}" for k, v in (check.witness or {}).items())
    check.verdict = Verdict.UNDECIDED.value
    check.method = "not decided"
    check.detail = _join(f"no counterexample: {why} (it was {pts})", "")
    check.witness = check.lhs_value = check.rhs_value = None


def withdraw_imaginary_proof(check: LineCheck, step: Step, table: SymbolTable,
                             defs: dict) -> None:
    """A PROVED, CERTIFIED or SUPPORTED step in which a free ``i`` remains once ``lhs - rhs``
    is expanded was shown with ``i`` real, but ``i`` may be the imaginary unit (``i^2 \\ge
    0`` fails for it): UNDECIDED, saying so, as a counterexample with a real ``i`` is no
    REFUTED (:func:`.math_atoms.refutation_blocker`). A step where ``i`` cancels keeps its
    verdict, unless it cancels only because the reader's real ``i`` dropped a modulus
    (``|a + ib|^2 = (a + ib)^2``, :func:`.imaginary_unit.modulus_keeps_unit`)."""
    if check.verdict not in ("PROVED", "CERTIFIED", "SUPPORTED"):
        return
    unit = {s for s, a in table.atoms.items() if a.kind == "imaginary"}
    if not unit:
        return
    lhs, rhs = (e.xreplace(defs) for e in (step.lhs, step.rhs))
    try:
        diff = sp.expand(lhs - rhs)
    except Exception:  # noqa: BLE001 - cannot expand: judge on the sides themselves
        diff = lhs - rhs
    if not getattr(diff, "free_symbols", set()) & unit and not modulus_keeps_unit(
            check, step, table, defs, unit & (lhs - rhs).free_symbols):
        return  # i cancels, also where the row writes |..| around it (|a + ib|^2, ...)
    check.detail = _join(f"it was {check.verdict} ({check.method}) with i a real number, but "
                         "i may be the imaginary unit (declare '% hb: variable i' if it is a "
                         "variable)", "")
    check.verdict = Verdict.UNDECIDED.value
    check.method = "not decided"


def _vacuous(check: LineCheck, contradictory: str) -> bool:
    """A PROVED, CERTIFIED or SUPPORTED step under stated relations that z3 shows
    contradictory (``"z3"``), or that no point was found to meet (``"search"``), becomes
    UNDECIDED (it may hold only vacuously); True when it did. A SUPPORTED step whose own
    search drew points meeting them all (``trials``) keeps its verdict: those points show
    the relations consistent."""
    why = ("the stated assumptions contradict each other: the step holds only vacuously"
           if contradictory == "z3" else "no point satisfying every stated assumption was "
           "found (a search of the domains, checked exactly): the step may hold only "
           "vacuously")
    if contradictory and check.verdict == "UNDECIDED" and not check.trials:
        check.detail = _join(why, check.detail)  # the search met no point: this is why
        return True
    if not contradictory or check.verdict not in ("PROVED", "CERTIFIED", "SUPPORTED"):
        return False
    if contradictory == "search" and check.verdict == "SUPPORTED" and check.trials:
        return False
    check.verdict = Verdict.UNDECIDED.value
    check.detail = _join(f"{why} ({check.method})", check.detail)
    check.method = "not decided"
    return True


def review(check: LineCheck, checker: Any) -> None:
    """After a step's check: a REFUTED step's witness is checked against every stated
    relation (one it breaks is a bug: the step becomes UNDECIDED, saying so) and lists
    the assumptions and boxes it satisfies; a witness variable about which nothing is
    assumed gets a note. A SUPPORTED step whose search found few points satisfying the
    stated relations says so; none at all leaves it UNDECIDED."""
    if _vacuous(check, checker.contradictory):
        return
    if check.verdict == "REFUTED" and check.witness:
        review_witness(check, checker)
    elif check.verdict == "SUPPORTED" and check.trials is not None and checker.relations:
        if check.trials == 0:
            check.verdict = Verdict.UNDECIDED.value
            check.method = "no search"
            check.detail = _join("no point satisfying every stated assumption was found "
                                 "(rejection sampling)", check.detail)
        elif check.trials < checker.trials / 2:
            check.notes.append(
                f"only {check.trials} points of the search satisfy the stated assumptions "
                "(rejection sampling: the rest were drawn and rejected)"
            )

def review_witness(check: LineCheck, checker: Any) -> None:
    table = checker.table
    assert table is not None and check.witness is not None
    entry = _entry_under_generic_assumption(check.witness, table, checker.relations)
    if entry:
        _withdraw_witness(check, f"an assumption on {entry[1]} (for every index) is not "
                          f"applied to the written-out entry {entry[0]}, so the point may "
                          "break it")
        return
    by_name = {p.name: (sym, p) for sym, p in table.params.items()}
    values = {by_name[k][0]: v for k, v in check.witness.items()
              if k in by_name and isinstance(v, int | float)}
    satisfied = [by_name[k][1].domain_text() for k in check.witness
                 if k in by_name and (by_name[k][1].lo is not None
                                      or by_name[k][1].hi is not None
                                      or by_name[k][1].is_integer)]
    related: set[Any] = set()
    for (lhs, op, rhs), text in zip(checker.relations, checker.relation_texts, strict=True):
        free = lhs.free_symbols | rhs.free_symbols
        related |= free
        if not free <= set(values):
            continue
        holds = _holds(lhs - rhs, op, values)
        if holds is None:
            _withdraw_witness(check, f"the stated assumption {text!r} cannot be evaluated "
                              "there, so the point may break it")
            return
        if holds is False:
            _withdraw_witness(check, f"it breaks the stated assumption {text!r} "
                              "(a bug; please report it)")
            return
        satisfied.append(text)
    fixed = set(values)
    for lhs, rhs, text in getattr(checker, "equations", []):
        related |= lhs.free_symbols | rhs.free_symbols
        why = _equation_met(lhs - rhs, values, check, checker)
        if why == "":
            continue
        if why is not None:
            _withdraw_witness(check, why.replace("{text}", repr(text)))
            return
        satisfied.append(text)
    if set(values) != fixed and not _extension_met(check, checker, values, fixed, satisfied):
        return
    check.satisfies = satisfied
    for name in check.witness:
        if name not in by_name:
            continue
        sym, p = by_name[name]
        if p.lo is None and p.hi is None and p.kind == "real" and sym not in related:
            check.notes.append(
                f"no assumption on {name}: add `% hb: assume` if the text states one"
            )
    if checker.refused:
        # a stated assumption the tool could not read may exclude the point: no
        # counterexample is established (never a false alarm from an unread hypothesis)
        _withdraw_witness(check, "an assumption of this environment was not read ("
                          + "; ".join(checker.refused) + "), so the point may break it")


def lemma_note(check: LineCheck) -> None:
    """A cited lemma that cannot back the step is an unbacked premise: unless the
    relation holds without it (PROVED/CERTIFIED), the step is at most ASSUMED. A
    witness satisfies every stated assumption and box (the search draws no other
    point), so a REFUTED step stays REFUTED whatever it cites."""
    why = check.lemma_problem
    if check.verdict in ("PROVED", "CERTIFIED"):
        check.detail = _join(f"holds without the cited {check.lemma!r} ({why})", "")
        return
    if check.verdict == "REFUTED":  # a citation never hides a counterexample
        check.notes.append(f"the cited {check.lemma!r} cannot hold here: {why}")
        return
    was = check.verdict
    if check.witness is not None:
        pts = ", ".join(f"{k}={v}" for k, v in check.witness.items())
        was += f" at {pts} when the premise is ignored"
    check.verdict = Verdict.ASSUMED.value
    check.method = f"rests on the cited lemma {check.lemma!r}, an unbacked premise"
    check.assumed = [f"{check.lemma} (cited, not backed: {why})"]
    check.detail = _join(f"{why}; without the premise: {was}", check.detail)
    check.witness = check.lhs_value = check.rhs_value = None


# -- a lone quantity: the step states a fact the display does not show --------------------

#: Values tried for each variable when looking for a point where a step holds.
_PROBE_VALUES = (0.0, 1.0, -1.0, 0.5, 2.0, -0.5, 3.0, 10.0, -2.0, 0.1)
_PROBES = 400


def _lone(side: Any) -> sp.Symbol | None:
    """The symbol ``s`` when a side is ``s`` or ``|s|``, else None."""
    if isinstance(side, sp.Abs) and isinstance(side.args[0], sp.Symbol):
        return side.args[0]
    return side if isinstance(side, sp.Symbol) else None


def _value_for(lone_side: Any, s: sp.Symbol, rel: str, other: float) -> float | None:
    """A value of ``s`` that makes ``lone_side REL other`` hold (``rel`` read with the lone
    side on the left), or None when there is none (``|s| <= -1``)."""
    absolute = isinstance(lone_side, sp.Abs)
    target = {"=": other, "<=": other, ">=": other, "<": other - 1, ">": other + 1}[rel]
    if absolute:
        if rel in ("<", "<=") and (other < 0 or (rel == "<" and other == 0)):
            return None
        if rel == "=" and other < 0:
            return None
        target = other / 2 if rel == "<" else (max(other, 0.0) + (1 if rel == ">" else 0))
    return target


_FLIP = {"=": "=", "<=": ">=", ">=": "<=", "<": ">", ">": "<"}


def holds_somewhere(
    lhs: Any, rel: str, rhs: Any, s: sp.Symbol, relations: list[tuple[Any, str, Any]],
    seed: int = 0,
) -> dict[Any, float] | None:
    """A point where ``lhs REL rhs`` and every stated relation hold (None if none is found
    among :data:`_PROBES` points built from :data:`_PROBE_VALUES`): the other variables are
    probed, and ``s`` is solved for when it stands alone on one side and not on the other;
    when it is on one side only but not alone there, ``s`` is chosen among the real roots of
    ``lhs - rhs`` (a polynomial in ``s``) and :data:`_ONE_SIDED_VALUES`; else probed too.
    Exact check (:func:`_holds`, 30 digits)."""
    import random

    lone_left = _lone(lhs) == s
    lone, other, r = (lhs, rhs, rel) if lone_left else (rhs, lhs, _FLIP[rel])
    one_sided = (s in lhs.free_symbols) != (s in rhs.free_symbols)
    solve = s not in other.free_symbols and _lone(lone) == s
    free = sorted((lhs.free_symbols | rhs.free_symbols) - ({s} if one_sided else set()),
                  key=str)
    linked = {v for a, _, b in relations for v in (a.free_symbols | b.free_symbols)}
    free += sorted(linked - set(free) - {s}, key=str)
    rng = random.Random(seed)
    for _ in range(_PROBES):
        point: dict[Any, float] = {v: rng.choice(_PROBE_VALUES) for v in free}
        for candidate in _candidates(lhs, rel, rhs, s, point, solve, one_sided, lone, other, r):
            if one_sided:
                point[s] = candidate
            if _holds(lhs - rhs, rel, point) is not True:
                continue
            if all(_holds(a - b, op, point) is True for a, op, b in relations
                   if (a.free_symbols | b.free_symbols) <= set(point)):
                return point
    return None


#: Values tried for a symbol on one side only (beside the real roots when it is an equation).
_ONE_SIDED_VALUES = (*_PROBE_VALUES, 100.0, -100.0, 1e6, -1e6)


def _candidates(lhs: Any, rel: str, rhs: Any, s: sp.Symbol, point: dict[Any, float],
                solve: bool, one_sided: bool, lone: Any, other: Any, r: str) -> list[Any]:
    """The values of ``s`` to try at ``point`` (``[None]`` when ``s`` is probed with the
    others): the solution of the lone side; else, for a one-sided ``s``, the real roots of
    the univariate ``lhs - rhs`` when it is a polynomial in ``s``, then fixed values."""
    if not one_sided:
        return [None]
    exact = {k: sp.nsimplify(v, rational=True) for k, v in point.items()}
    if solve:
        try:
            val = float(sp.sympify(other).xreplace(exact).evalf(30))
        except (TypeError, ValueError):
            return []
        target = _value_for(lone, s, r, val)
        return [] if target is None else [target]
    return (_real_roots(lhs - rhs, s, exact) if rel == "=" else []) + list(_ONE_SIDED_VALUES)


def _real_roots(gap: Any, s: sp.Symbol, exact: dict[Any, Any]) -> list[float]:
    """The real roots (numerically, degree <= 8) of ``gap`` at ``exact`` as a polynomial in
    ``s``; [] when it is not one. Each is re-checked exactly by the caller."""
    import numpy as np

    try:
        poly = sp.Poly(sp.sympify(gap).xreplace(exact), s)
        if not 1 <= poly.degree() <= 8:
            return []
        coeffs = [complex(c.evalf(30)) for c in poly.all_coeffs()]
        roots = np.roots(coeffs)
    except (sp.PolynomialError, sp.GeneratorsNeeded, TypeError, ValueError,
            np.linalg.LinAlgError):
        return []
    return [float(z.real) for z in roots if abs(z.imag) <= 1e-9 * (1 + abs(z))]


def withdraw_lone_quantity(
    check: LineCheck, sides: tuple[Any, str, Any], first: bool, table: SymbolTable,
    relations: list[tuple[Any, str, Any]],
) -> None:
    """A REFUTED step that states what the text knows about a quantity ``s`` about which
    nothing is assumed on its own (no domain, no box, no stated relation naming it): ``s``
    is a side alone (``s`` or ``|s|``) when the step is its chain's first or ``s`` does not
    occur on the other side; or, in a chain's first step about whose quantities nothing at
    all is assumed, or whose two sides each bring their own unassumed quantities (a
    comparison of two named objects), ``s`` occurs on one side only (``b_1^2 + b_2^2 =
    ...`` where the prose defines the b's; ``a y >= 0`` with ``a > 0`` assumed keeps its
    refutation and its "no assumption on y" note). When the step holds at some
    point of the stated assumptions with ``s`` chosen (:func:`holds_somewhere`), a point
    that picks ``s`` freely is no counterexample of the text: UNDECIDED, saying so."""
    if check.verdict != Verdict.REFUTED.value:
        return
    lhs, rel, rhs = sides
    for s in _unread_quantities(lhs, rhs, first, table, relations):
        if holds_somewhere(lhs, rel, rhs, s, relations) is None:
            continue
        name = table.latex.get(s, table.params[s].name)
        pts = ", ".join(f"{k}={v}" for k, v in (check.witness or {}).items())
        where = "stands alone on" if s in (_lone(lhs), _lone(rhs)) else "occurs on"
        check.verdict = Verdict.UNDECIDED.value
        check.method = "not decided"
        check.detail = (
            f"{name} {where} one side only and nothing is assumed on it: the step states "
            f"what the text knows about {name} (a definition, or a bound shown elsewhere), "
            f"which this display does not show. It fails at {pts}, where {name} is picked "
            f"freely; add `% hb: assume` with what the text states about {name} to check it"
        )
        check.witness = check.lhs_value = check.rhs_value = None
        return


def _unread_quantities(lhs: Any, rhs: Any, first: bool, table: SymbolTable,
                       relations: list[tuple[Any, str, Any]]) -> list[sp.Symbol]:
    """The candidates of :func:`withdraw_lone_quantity`, lone sides first: real parameters
    with no bound, box or domain; one-sided symbols only in a first step, when each side
    brings its own unassumed quantities (``u_a + ... <= u_b + ...``: two named objects
    compared, as an argmax's definition does) or no symbol of the step has a bound, box,
    domain or stated relation. A stated relation in one symbol alone (``\\ln n \\ge 1``)
    is a bound on it, as ``n \\ge e`` would be: that symbol is no candidate."""
    linked = {v for a, _, b in relations for v in (a.free_symbols | b.free_symbols)}
    bounded = {v for a, _, b in relations for v in (a.free_symbols | b.free_symbols)
               if (a.free_symbols | b.free_symbols) == {v}}
    out: list[sp.Symbol] = []
    for side, other in ((lhs, rhs), (rhs, lhs)):
        s = _lone(side)
        if s is not None and (first or s not in other.free_symbols):
            out.append(s)
    every = lhs.free_symbols | rhs.free_symbols
    left, right = lhs.free_symbols - rhs.free_symbols, rhs.free_symbols - lhs.free_symbols
    free = all(_unassumed(v, table) and v not in linked for v in left | right)
    if first and free and (left and right or (not every & linked
                                              and all(_unassumed(v, table) for v in every))):
        out += sorted((left | right) - set(out), key=str)
    return [s for s in out if _unassumed(s, table) and s not in bounded]


def _unassumed(s: sp.Symbol, table: SymbolTable) -> bool:
    """A real parameter of the step with no bound, no box and no domain."""
    p = table.params.get(s)
    if p is None or p.lo is not None or p.hi is not None or p.kind != "real":
        return False
    return p.name not in table.hyp.boxes and domain_for(s.name, table.hyp.domains) is None


def unconstrained_nonpositive(check: LineCheck, table: SymbolTable,
                              relations: list[tuple[Any, str, Any]]) -> list[sp.Symbol]:
    """The symbols of a REFUTED step's witness that are <= 0, that a stated relation names
    (so the text sets their domain) but whose sign nothing states (no domain, no box). A
    variable about which nothing at all is assumed keeps the issue's rule instead: the
    step stays REFUTED, with the note "no assumption on X"."""
    if check.verdict != Verdict.REFUTED.value or not check.witness:
        return []
    related = {v for a, _, b in relations for v in (a.free_symbols | b.free_symbols)}
    out = []
    for sym, p in table.params.items():
        v = check.witness.get(p.name)
        if not isinstance(v, int | float) or v > 0 or sym not in related:
            continue
        if domain_for(sym.name, table.hyp.domains) is not None:
            continue
        if p.kind == "real" and p.lo is None and p.hi is None and p.name not in table.hyp.boxes:
            out.append(sym)
    return out


def withdraw_sign_only(check: LineCheck, names: list[str]) -> None:
    """A REFUTED step that fails only where a variable that a stated relation names, but
    whose sign nothing states, is <= 0 (a re-check with those variables positive found no
    counterexample): most letters of a paper are positive quantities stated in words, so
    the point is no counterexample of the text: UNDECIDED, naming them."""
    pts = ", ".join(f"{k}={v}" for k, v in (check.witness or {}).items())
    who = ", ".join(names)
    check.verdict = Verdict.UNDECIDED.value
    check.method = "not decided"
    check.detail = (
        f"the step fails at {pts}, but only where {who} <= 0, and no sign is stated for "
        f"{who}: add `% hb: assume` with what the text states ({names[0]} > 0 or "
        f"{names[0]} \\le 0) to check it"
    )
    check.witness = check.lhs_value = check.rhs_value = None


def defined_domains(
    defs: dict, domains: dict, table: SymbolTable
) -> list[tuple[tuple[Any, str, Any], str]]:
    """The stated domain of a defined symbol (``\\varepsilon = \\sigma\\sqrt{c \\log n}``
    and ``\\varepsilon > 0``) as relations on its definition, each with its text: the
    definition is substituted everywhere, so without them a witness could break the domain
    (an imaginary or negative ``\\varepsilon``)."""
    out = []
    for sym, expr in defs.items():
        dom = domain_for(getattr(sym, "name", ""), domains)
        if dom is None or dom.kind != "real":
            continue
        name = table.latex.get(sym, str(sym))
        if dom.lo is not None:
            op = ">" if dom.lo_open else ">="
            out.append(((expr, op, sp.Float(dom.lo) if dom.lo % 1 else sp.Integer(int(dom.lo))),
                        f"{name} {op} {dom.lo:g}"))
        if dom.hi is not None:
            op = "<" if dom.hi_open else "<="
            out.append(((expr, op, sp.Float(dom.hi) if dom.hi % 1 else sp.Integer(int(dom.hi))),
                        f"{name} {op} {dom.hi:g}"))
    return out


def _extension_met(check: LineCheck, checker: Any, values: dict[Any, Any], fixed: set,
                   satisfied: list[str]) -> bool:
    """A witness extended to meet a stated equation (:func:`extend_witness`) is re-checked
    against every stated relation and equation exactly: one that names an extended variable
    must hold there (one it cannot evaluate, or one about every entry of an extended family,
    ``a_i \\le b_i``, withdraws the witness); True when it is met."""
    added = set(values) - fixed
    entry = _entry_under_generic_assumption(check.witness or {}, checker.table,
                                            checker.relations)
    if entry:
        _withdraw_witness(check, f"an assumption on {entry[1]} (for every index) is not "
                          f"applied to the extended entry {entry[0]}, so the point may break it")
        return False
    stated = [((a, op, b), t) for (a, op, b), t in
              zip(checker.relations, checker.relation_texts, strict=True)]
    stated += [((a, "=", b), t) for a, b, t in getattr(checker, "equations", [])]
    for (lhs, op, rhs), text in stated:
        free = lhs.free_symbols | rhs.free_symbols
        if text in satisfied and not free & added:
            continue
        if not free <= set(values):
            if free & added:
                _withdraw_witness(check, f"the stated assumption {text!r} names a variable "
                                  "drawn to meet a stated equation and one the point does not "
                                  "fix, so the point may break it")
                return False
            continue
        if _holds(lhs - rhs, op, values) is not True:
            _withdraw_witness(check, f"the point, extended to meet a stated equation, "
                              f"breaks the stated assumption {text!r}")
            return False
        if text not in satisfied:
            satisfied.append(text)
    return True


def extend_witness(gap: Any, values: dict[Any, Any], unknown: set[Any],
                   table: SymbolTable) -> tuple[dict[str, float], str] | None:
    """:func:`.witness_extension.extend` with this table's names and domains."""
    from hallbound.proofs_checks.latex.models.witness_extension import extend

    def name_of(s: Any) -> str:
        p = table.params.get(s)
        return p.name if p is not None else str(s)

    return extend(gap, values, unknown, getattr(table, "atoms", {}),
                  lambda n: domain_for(n, table.hyp.domains), name_of, _inside, _holds)


def _equation_met(gap: Any, values: dict[Any, float], check: LineCheck,
                  checker: Any) -> str | None:
    """Whether a witness satisfies a stated equation ``gap = 0``: None when it does (a
    variable the point does not fix, in no stated relation, is solved for exactly and added
    to the witness), "" when the equation does not touch the point, else why not (with
    ``{text}`` for the equation)."""
    free = gap.free_symbols
    if not free & set(values):
        return ""
    unknown = free - set(values)
    if not unknown:
        return None if _holds(gap, "=", values) else (
            "the search does not keep to the stated equation {text}, and the point breaks it")
    table = checker.table
    linked = {v for a, _, b in checker.relations for v in (a.free_symbols | b.free_symbols)}
    (v, *more) = sorted(unknown, key=str)
    if more or v in linked or v not in table.params or v in getattr(table, "atoms", {}):
        drawn = extend_witness(gap, values, unknown, table)  # values extended in place
        if drawn is not None:
            check.witness = {**(check.witness or {}), **drawn[0]}
            check.notes += [drawn[1]] if drawn[1] else []
            return None
        return ("the stated equation {text} links it to variables the point does not fix, "
                "so the point may break it")
    exact = {k: sp.nsimplify(x, rational=True) for k, x in values.items()}
    dom = domain_for(v.name, table.hyp.domains)
    try:
        roots = [r for r in sp.solve(gap.xreplace(exact), v) if r.is_real]
    except (NotImplementedError, TypeError, ValueError):
        roots = []
    for r in sorted(roots, key=lambda r: abs(float(r))):
        x = float(r)
        if (dom is None or _inside(x, dom)) and _holds(gap, "=", {**values, v: x}):
            check.witness = {**(check.witness or {}), table.params[v].name: x}
            return None
    return "no value of the variables it leaves free satisfies the stated equation {text}"
