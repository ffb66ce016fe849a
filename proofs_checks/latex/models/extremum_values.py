r"""Suprema and infima of explicit polynomial bodies, evaluated exactly at concrete values:
``\sup_x (x y - \frac{a}{2} x^2) = \frac{y^2}{2a}`` checked at drawn ``a``, ``y``.

The reader keeps ``\sup_x F`` over an unrestricted index as an opaque atom. When every opaque
quantity of a step is such an extremum (``sup``/``inf``/``max``/``min``) whose body, once the
other variables are numbers, is a polynomial in the index, the step is evaluated at each
instance: the variables drawn from :data:`VALUES` (positive numbers: a failure there is
a genuine counterexample, and a step true only for positive values is not cried wolf on),
kept when each stated domain and relation holds exactly, and each extremum computed exactly
over the real numbers (an index letter that conventionally runs over integers, ``\min_n``,
or one whose range a stated domain or relation restricts, ``x \ge 0``, ``t \in \mathbb{N}``,
keeps the model out)
(:func:`poly_extremum`: the largest value at the real roots of the derivative, an exact
algebraic number; an unbounded one makes the instance skipped, never compared). A failure:
REFUTED (re-checked at 50 digits), unless an assumption was not read or a variable occurs
on one side only; no failure at two instances or more: SUPPORTED, saying what was sampled.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import sympy as sp

#: The values tried for each variable (positive: see the module doc).
VALUES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 2), sp.Integer(3))
#: Most instances evaluated for one step.
MAX_INSTANCES = 120
_KEY = re.compile(r"(?P<op>inf|sup|min|max)_\{(?P<i>\\?[A-Za-z]+)\}\(.*\)")
#: Index letters that conventionally range over integers (``\min_n``): kept out.
INTEGER_INDICES = frozenset("i j k l m n N M K".split())


def poly_extremum(p: sp.Expr, x: sp.Symbol, upper: bool) -> sp.Expr | None:
    """``sup_x p(x)`` (``upper``) or ``inf_x p(x)`` over the reals of a polynomial with
    rational coefficients, exactly; None when it is infinite or ``p`` is no polynomial."""
    try:
        poly = sp.Poly(p if upper else -p, x)
    except sp.PolynomialError:
        return None
    if not all(c.is_rational for c in poly.all_coeffs()):
        return None
    deg = poly.degree()
    if deg <= 0:
        value = poly.as_expr()
    elif deg % 2 == 1 or poly.LC() > 0:
        return None  # unbounded above
    else:
        roots = sp.Poly(poly.diff(x), x).real_roots()
        value = max((poly.as_expr().subs(x, r) for r in roots),
                    key=lambda v: sp.N(v, 50))
    return value if upper else -value


class _Model:
    def __init__(self, lhs: sp.Expr, rel: str, rhs: sp.Expr, extrema: dict,
                 variables: list[sp.Symbol]) -> None:
        self.lhs, self.rel, self.rhs = lhs, rel, rhs
        self.extrema, self.variables = extrema, variables

    def value(self, expr: sp.Expr, vals: dict) -> sp.Expr | None:
        subs = dict(vals)
        for s, (op, body, idx) in self.extrema.items():
            v = poly_extremum(sp.expand(body.xreplace(vals)), idx, op in ("sup", "max"))
            if v is None:
                return None
            subs[s] = v
        out = expr.xreplace(subs)
        return None if out.free_symbols else out


def _model(step: Any, checker: Any, why: list[str] | None = None) -> _Model | None:
    """The step's extrema and plain variables; None when the model does not apply (``why``
    gets a one-line reason when an index's range is stated)."""
    table = checker.table
    if table is None or step.rel not in ("=", "<=", "<", ">=", ">"):
        return None
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    extrema, plain = {}, set()
    for s in lhs.free_symbols | rhs.free_symbols:
        atom = table.atoms.get(s)
        if atom is None:
            plain.add(s)
            continue
        m = _KEY.fullmatch(atom.key)
        if m is None or not isinstance(atom.arg, sp.Tuple) or len(atom.arg) != 2:
            return None
        body, idx = atom.arg
        if not isinstance(idx, sp.Symbol) or idx.name != m.group("i").lstrip("\\"):
            return None
        if idx.name in INTEGER_INDICES:
            return None
        if _index_stated(idx.name, checker):
            if why is not None:
                why.append(f"exact extrema not tried: the range of the index {idx.name} is "
                           "stated (the model computes extrema over all reals only)")
            return None
        inner = body.free_symbols - {idx}
        if any(x in table.atoms for x in inner) or body.atoms(sp.Function):
            return None
        extrema[s] = (m.group("op"), body, idx)
        plain |= inner
    if not extrema:
        return None
    return _Model(lhs, step.rel, rhs, extrema, sorted(plain, key=str))


def _index_stated(name: str, checker: Any) -> bool:
    """Whether a stated domain (``x \\ge 0``, ``t \\in \\mathbb{N}``) or relation names the
    index: the extremum is then over that range, not over the reals (kept out)."""
    if name in getattr(checker.table.hyp, "domains", {}):
        return True
    return any(isinstance(e, sp.Basic) and any(x.name == name for x in e.free_symbols)
               for a, _, b in checker.relations for e in (a, b))


def _admissible(variables: list[sp.Symbol], vals: dict, checker: Any) -> bool | None:
    """Whether ``vals`` meets each stated domain and each stated relation that names a
    variable of the step (exactly); None when such a relation cannot be evaluated."""
    from hallbound.proofs_checks.latex.models.ball_volumes import _in_domain
    from hallbound.proofs_checks.latex.models.function_models import _exact_holds

    table = checker.table
    if not all(_in_domain(table.params.get(s), v) for s, v in vals.items()):
        return False
    for a, op, b in checker.relations:
        if not isinstance(a, sp.Basic) or not isinstance(b, sp.Basic):
            return None
        gap = a - b
        if not gap.free_symbols & set(variables):
            continue
        gap = gap.xreplace(vals)
        if gap.free_symbols or op not in ("=", "<=", "<", ">=", ">"):
            return None
        if _exact_holds(gap, op) is not True:
            return False
    return True


def extremum_value_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED step whose opaque quantities are extrema of polynomial bodies
    gets the verdict of the exact evaluation (module doc)."""
    if check.verdict != "UNDECIDED" or step is None:
        return
    try:
        why: list[str] = []
        model = _model(step, checker, why)
        if model is not None:
            _search(check, model, checker)
        elif why and isinstance(getattr(check, "notes", None), list):
            check.notes.append(why[0])
    except Exception:  # noqa: BLE001 - an expression the model cannot evaluate: no verdict
        return


def _search(check: Any, model: _Model, checker: Any) -> None:
    from hallbound.proofs_checks.latex.models.function_models import _exact_holds

    seen = 0
    tuples = itertools.product(VALUES, repeat=len(model.variables))
    for vs in itertools.islice(tuples, MAX_INSTANCES):
        vals = dict(zip(model.variables, vs, strict=True))
        ok = _admissible(model.variables, vals, checker)
        if ok is None:
            return
        lv, rv = model.value(model.lhs, vals), model.value(model.rhs, vals)
        if not ok or lv is None or rv is None:
            continue
        holds = _exact_holds(lv - rv, model.rel)
        if holds is None:
            return
        seen += 1
        if not holds:
            _refuted(check, model, vals, (lv, rv), checker)
            return
    if seen >= 2:
        check.verdict = "SUPPORTED"
        check.method = "exact extrema"
        check.detail = (f"sampled over {seen} instances (each variable in {{1, 2, 1/2, 3}} "
                        "within its stated domain and relations; each supremum or infimum of "
                        "a polynomial computed exactly at the real roots of its derivative, an "
                        "unbounded one skipped): no counterexample (no proof)"
                        + unsigned_warning(model.variables, checker.table))
        check.trials = seen


def unsigned_warning(variables: list[sp.Symbol], table: Any) -> str:
    """``"; no value <= 0 was tried for a, y, though no stated domain rules one out"`` for
    the variables whose stated domain does not keep them positive ("" when there are none)."""
    names = []
    for s in variables:
        p = table.params.get(s)
        if p is None or p.lo is None or p.lo < 0 or (p.lo == 0 and not p.lo_open):
            names.append(p.name if p is not None else s.name)
    if not names:
        return ""
    return (f"; no value <= 0 was tried for {', '.join(names)}, though no stated domain "
            "rules one out")


def _sides_free(model: _Model, expr: sp.Expr) -> set:
    out = set(expr.free_symbols)
    for s in expr.free_symbols & set(model.extrema):
        _, body, idx = model.extrema[s]
        out |= body.free_symbols - {idx}
    return out


def _refuted(check: Any, model: _Model, vals: dict, sides: tuple, checker: Any) -> None:
    table = checker.table
    names = {s: table.params[s].name if s in table.params else s.name for s in vals}
    wit = {names[s]: str(v) for s, v in vals.items()}
    pts = ", ".join(f"{k}={v}" for k, v in wit.items())
    lfree, rfree = _sides_free(model, model.lhs), _sides_free(model, model.rhs)
    one_side = [names[s] for s in model.variables if (s in lfree) != (s in rfree)]
    why = ""
    if checker.refused:
        why = "an assumption of this environment was not read (" + "; ".join(checker.refused) + ")"
    elif one_side:
        why = f"{', '.join(one_side)} occurs on one side only"
    if why:
        check.detail = f"the step fails at {pts}, but {why}: no counterexample"
        return
    check.verdict = "REFUTED"
    check.method = "exact extrema"
    check.witness = wit
    check.lhs_value = float(sp.N(sides[0], 30))
    check.rhs_value = float(sp.N(sides[1], 30))
    check.detail = ("fails at these values (each stated domain and relation met), each "
                    "supremum or infimum of a polynomial computed exactly at the real roots of "
                    "its derivative; re-checked at 50 digits")


__all__ = ["extremum_value_check", "poly_extremum", "unsigned_warning"]
