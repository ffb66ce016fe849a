r"""A stated doubling inequality iterated: ``F_{B(x, 2r)} \le K F_{B(x, r)}`` gives
``F_{B(y, 2^k s)} \le K^k F_{B(y, s)}``.

Analysis on metric spaces states a doubling property of a quantity attached to balls (a
measure ``\mu(B(x, 2r)) \le C \mu(B(x, r))``, a family of metrics ``d_{B(x, 2r)} \le 2^a
d_{B(x, r)}``) and then compares that quantity on two balls of one centre whose radii differ
by a power of the doubling factor. Here (:func:`doubling_check`):

* the stated relation is read as the doubling property: its two sides name the same quantity
  (the same text around ``B(x, ..)``, ``x`` and ``r`` letters) on ``B(x, m r)`` and
  ``B(x, r)``, ``m > 1`` a number, with a constant ``K`` shown positive; it is read for every
  centre and radius (the letters: a stated domain or relation on either keeps it out), and
  for every argument list a term adds after it (``d_{B(x, r)}`` of a pair
  ``(\vartheta, \theta)``);
* a step ``c_1 F(B(y, R_1)) \le c_2 F(B(y, R_2))`` (or ``\ge`` reversed) about that quantity,
  one centre ``y`` and one argument list on both sides, with ``R_1 / R_2 = m^k`` (``k \ge 1``
  an integer, by SymPy), ``c_1`` shown positive and ``c_1 K^k = c_2`` exactly: PROVED (``k``
  applications of the property, each multiplied by ``K > 0``, then by ``c_1 > 0``).

Anything else (another ratio, ``c_1 K^k \ne c_2``, where a sign of the quantity would be
needed) is left alone; nothing is REFUTED here.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.stated_letters import (
    names_letter,
    squash,
    stated_naming,
)

_MAX_POWER = 64


def _ball(text: str) -> tuple[str, str, str] | None:
    """``(text with the ball replaced by a mark, centre text, radius text)`` of a term with
    exactly one ``B(centre, radius)``; None otherwise."""
    text = re.sub(r"\s+", "", text)
    starts = [m.start() for m in re.finditer(r"(?<![A-Za-z\\])B\(", text)]
    if len(starts) != 1:
        return None
    i, depth, comma = starts[0] + 2, 1, None
    j = i
    while j < len(text) and depth:
        depth += text[j] in "({"
        depth -= text[j] in ")}"
        if text[j] == "," and depth == 1 and comma is None:
            comma = j
        j += 1
    if depth or comma is None:
        return None
    return text[:starts[0]] + "@" + text[j:], text[i:comma], text[comma + 1:j - 1]


def _term(expr: sp.Expr, table: Any) -> tuple[sp.Expr, tuple[str, str, str]] | None:
    """``(coefficient, ball reading)`` of ``expr`` = coefficient times one ball term."""
    terms = [s for s in expr.free_symbols if _name(s, table) is not None
             and _ball(_name(s, table)) is not None]
    if len(terms) != 1:
        return None
    coeff = sp.simplify(expr / terms[0])
    if terms[0] in coeff.free_symbols:
        return None
    return coeff, _ball(_name(terms[0], table))


def _name(s: sp.Symbol, table: Any) -> str | None:
    atom = table.atoms.get(s)
    return atom.latex if atom is not None else getattr(s, "name", None)


def _property(checker: Any) -> list[tuple[str, sp.Expr, sp.Expr]]:
    """Each stated doubling property: ``(quantity mark text, factor m, constant K)``."""
    out = []
    parse = _parse(checker)
    for rel in getattr(checker.table.hyp, "relations", []):
        if rel.value is None:
            continue
        a, op, b = rel.value
        if op not in ("<=", ">=") or not isinstance(a, sp.Expr) or not isinstance(b, sp.Expr):
            continue
        big, small = (a, b) if op == "<=" else (b, a)
        tb, ts = _term(big, checker.table), _term(small, checker.table)
        if tb is None or ts is None or tb[0] != 1:
            continue
        (_, (kb, xb, rb)), (k_const, (ks, xs, rs)) = tb, ts
        if kb != ks or xb != xs or not re.fullmatch(r"\\?[A-Za-z]", xb):
            continue
        if not re.fullmatch(r"\\?[A-Za-z]", rs) or _names_own(kb, k_const, (xb, rs)):
            continue
        try:
            factor = sp.simplify(parse(rb) / parse(rs))
        except Exception:  # noqa: BLE001 - a radius that does not read: no property
            continue
        if factor.is_number and factor > 1 and k_const.is_positive and not _restricted(
                checker, (xb, rs), rel.text):
            out.append((kb, factor, k_const))
    return out


def _names_own(mark: str, k_const: sp.Expr, letters: tuple[str, str]) -> bool:
    """Whether the quantity's text outside the ball (``\\mu_r``, ``d_{B(x, 2r)}(x, r)``) or the
    constant names the property's centre or radius letter: the property then ties the
    quantity to its own ball, and says nothing of ``F(B(y, s))`` at another centre/radius."""
    bare = {t.lstrip("\\") for t in letters}
    return (any(names_letter(mark, t) for t in letters)
            or any(x.name.lstrip("\\") in bare for x in k_const.free_symbols))


def _restricted(checker: Any, letters: tuple[str, ...], own: str = "") -> bool:
    """Whether a stated domain, relation or any other stated item (``x \\in E``, read or
    not) names the property's centre or radius letter (``r \\le 1``): the property then
    holds only there, and is not used. ``own`` is the property's own text."""
    names = {t.lstrip("\\") for t in letters}
    domains = getattr(checker.table.hyp, "domains", {})
    if any(d.lo is not None or d.hi is not None or d.integer or d.kind != "real"
           for n, d in domains.items() if n.lstrip("\\") in names):
        return True
    if stated_naming(checker.table.hyp, letters, lambda t: squash(t) == squash(own)):
        return True
    return any(x.name.lstrip("\\") in names for a, _, b in checker.relations
               for e in (a, b) if isinstance(e, sp.Basic) for x in e.free_symbols)


def _parse(checker: Any) -> Any:
    from hallbound.proofs_checks.latex.math_parser import parse_expression

    scope = checker.table.scope()
    return lambda text: parse_expression(text, scope)


#: Names for the opaque values ``s(J)`` inside a radius (a letter at an argument).
_MARKS = ("\\xi", "\\zeta", "\\chi", "\\varkappa")


def _radii(r1: str, r2: str, parse: Any) -> tuple[sp.Expr, sp.Expr] | None:
    """The two radius texts read, each value ``s(J)`` (a letter at an argument list) the
    same unknown number in both; None when they do not read."""
    apps = sorted(set(re.findall(r"(?<![A-Za-z\\])[A-Za-z]\([^()]*\)", r1 + " " + r2)))
    marks = [m for m in _MARKS if m not in r1 + r2]
    if len(apps) > len(marks):
        return None
    for app, mark in zip(apps, marks, strict=False):
        r1, r2 = r1.replace(app, "{" + mark + "}"), r2.replace(app, "{" + mark + "}")
    try:
        out = parse(r1), parse(r2)
    except Exception:  # noqa: BLE001 - a radius that does not read: no verdict
        return None
    return out if all(isinstance(e, sp.Expr) for e in out) else None


def _applies(mark: str, prop: str) -> bool:
    """Whether a term's text is the property's quantity, possibly at an argument list."""
    return mark == prop or (mark.startswith(prop + "(") and mark.endswith(")"))


def doubling_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED step comparing a doubling quantity on two balls of one centre
    is PROVED when the stated property, iterated, gives it exactly (module doc)."""
    table = checker.table
    if check.verdict != "UNDECIDED" or step is None or table is None:
        return
    if step.rel not in ("<=", ">=") or not checker.relations:
        return
    try:
        _check(check, step, checker)
    except Exception:  # noqa: BLE001 - an expression SymPy cannot handle: no verdict
        return


def _check(check: Any, step: Any, checker: Any) -> None:
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    small, big = (lhs, rhs) if step.rel == "<=" else (rhs, lhs)
    t1, t2 = _term(small, checker.table), _term(big, checker.table)
    if t1 is None or t2 is None:
        return
    (c1, (m1, y1, r1)), (c2, (m2, y2, r2)) = t1, t2
    if m1 != m2 or y1 != y2:
        return
    radii = _radii(r1, r2, _parse(checker))
    if radii is None:
        return
    for prop, factor, k_const in _property(checker):
        if not _applies(m1, prop):
            continue
        k = next((j for j in range(1, _MAX_POWER)
                  if sp.simplify(radii[0] - factor**j * radii[1]) == 0), None)
        if k is None or c1.is_positive is not True:
            continue
        if sp.simplify(c1 * k_const**k - c2) == 0:
            check.verdict = "PROVED"
            check.method = "doubling"
            check.detail = (f"the stated doubling property (radius times {factor}, constant "
                            f"{sp.sstr(k_const)}), read for every centre and radius, applied "
                            f"{k} times (radius {sp.sstr(factor**k)} times larger), each time "
                            "multiplied by the positive constant, then by the positive coefficient "
                            f"{sp.sstr(c1)}")
            check.witness = None
            return


__all__ = ["doubling_check"]
