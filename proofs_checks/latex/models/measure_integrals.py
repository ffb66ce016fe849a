r"""A model of integrals against an unknown measure: ``\int g(x) \, d\mu(x)`` on point masses.

The reader keeps ``\int g(x)\,d\mu(x)`` (no limits: over the whole space) as an opaque atom,
keyed by its integrand, so ``\int 2 g\,d\mu = \int g\,d\mu`` reads ``2 I = I``: a free number
``I`` may be 0, and the step stays UNDECIDED. A measure about which nothing is stated may be
any finite measure, a point mass among them. Here the step is evaluated on the finite measures
:data:`MEASURES` (``\mu = \sum_k w_k \delta_{a_k}``: ``\int g\,d\mu = \sum_k w_k g(a_k)``),
each other variable drawn from :data:`VALUES` within its stated domain and relations, and
compared exactly (SymPy, 50 digits). A counterexample must fail at *every* measure tried
(point masses on both sides of 0, a two-point law, a symmetric one, and, unless the text
declares a probability measure, measures of mass 2 and 1/2): a step that holds for some of
them may rest on a property of the measure the text states in words (a zero mean, mass 1).

The model applies (:func:`measure_integral_check`) only when every opaque quantity of the step
is such an integral against the same measure, each integrand an elementary expression of the
integration variable and of plain variables (a nested integral, a function value or an
expectation keeps it out), and no symbol could be the imaginary unit (``i``, ``j``). It never
refutes when an assumption was not read, when the environment states anything about the
measure, or when a variable occurs on one side only. No failure at two instances or more:
SUPPORTED, saying what was sampled (no proof).
"""

from __future__ import annotations

import itertools
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.integral_registry import REGISTRY, register  # noqa: F401

#: The finite measures tried: ``[(weight, point), ..]``.
MEASURES: tuple[tuple[tuple[sp.Rational, sp.Rational], ...], ...] = (
    ((sp.Integer(1), sp.Integer(1)),),
    ((sp.Integer(1), sp.Integer(2)),),
    ((sp.Integer(1), sp.Rational(1, 2)),),
    ((sp.Integer(1), sp.Integer(-1)),),
    ((sp.Rational(1, 2), sp.Integer(1)), (sp.Rational(1, 2), sp.Integer(3))),
    ((sp.Rational(1, 2), sp.Integer(-1)), (sp.Rational(1, 2), sp.Integer(1))),
)
#: Measures of mass other than 1, tried too unless the measure is declared a probability
#: measure (nothing stated: any finite measure, ``\int 1\,d\mu = 1`` is not known).
MASSES: tuple[tuple[tuple[sp.Rational, sp.Rational], ...], ...] = (
    ((sp.Integer(2), sp.Integer(1)),),
    ((sp.Rational(1, 2), sp.Integer(1)),),
)
#: The values tried for each other variable.
VALUES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 2), sp.Integer(3))
#: Names that may be the imaginary unit.
_IMAGINARY = frozenset({"i", "j", "I"})


def _show_measure(m: tuple) -> str:
    return " + ".join(f"{'' if w == 1 else f'{w} '}delta_{a}" for w, a in m)


class _Model:
    def __init__(self, lhs: sp.Expr, rel: str, rhs: sp.Expr, integrals: dict,
                 measure: str, variables: list[sp.Symbol]) -> None:
        self.lhs, self.rel, self.rhs = lhs, rel, rhs
        self.integrals, self.measure, self.variables = integrals, measure, variables

    def value(self, expr: sp.Expr, m: tuple, vals: dict) -> sp.Expr | None:
        """``expr`` at the measure ``m`` and the values ``vals``; None when an integrand is
        undefined at a point of ``m``."""
        subs = dict(vals)
        for s, (body, var, _) in self.integrals.items():
            total = sp.Integer(0)
            for w, a in m:
                g = body.xreplace({**vals, var: a})
                if g.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or g.free_symbols:
                    return None
                total += w * g
            subs[s] = total
        out = expr.xreplace(subs)
        return None if out.free_symbols or out.has(sp.nan, sp.zoo) else out


def _model(step: Any, checker: Any) -> _Model | None:
    table = checker.table
    if table is None or step.rel not in ("=", "<=", "<", ">=", ">"):
        return None
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    integrals, plain, measures = {}, set(), set()
    for s in lhs.free_symbols | rhs.free_symbols:
        atom = table.atoms.get(s)
        if atom is None:
            plain.add(s)
            continue
        entry = REGISTRY.get(atom.key) if atom.kind == "integral" else None
        if entry is None:
            return None
        integrals[s] = entry
        measures.add(entry[2])
    if not integrals or len(measures) != 1:
        return None
    for body, var, _ in integrals.values():
        inner = body.free_symbols - {var}
        if any(x in table.atoms for x in inner) or body.atoms(sp.core.function.AppliedUndef):
            return None
        plain |= inner
    if any(table.params[s].name in _IMAGINARY if s in table.params else s.name in _IMAGINARY
           for s in plain):
        return None
    return _Model(lhs, step.rel, rhs, integrals, measures.pop(), sorted(plain, key=str))


def _admissible(model: _Model, vals: dict, checker: Any) -> bool | None:
    """Whether ``vals`` meets each variable's domain and each stated relation that names a
    variable of the step; None when such a relation cannot be evaluated there."""
    from hallbound.proofs_checks.latex.models.ball_volumes import _in_domain
    from hallbound.proofs_checks.latex.models.function_models import _exact_holds

    table = checker.table
    if not all(_in_domain(table.params.get(s), v) for s, v in vals.items()):
        return False
    for a, op, b in checker.relations:
        if not isinstance(a, sp.Basic) or not isinstance(b, sp.Basic):
            return None
        gap = a - b
        if not gap.free_symbols & (set(model.variables) | set(model.integrals)):
            continue
        gap = gap.xreplace(vals)
        if gap.free_symbols or op not in ("=", "<=", "<", ">=", ">"):
            return None
        if _exact_holds(gap, op) is not True:
            return False
    return True


def _states_measure(model: _Model, checker: Any) -> bool:
    """Whether the environment states anything about the measure that the model does not
    meet (a fact naming it; a kind other than "probability measure", which every measure of
    :data:`MEASURES` is)."""
    hyp = checker.hyp
    name = model.measure.lstrip("\\")
    texts = [getattr(f, "text", str(f)) for f in getattr(hyp, "facts", [])]
    texts += [str(k) for k, v in getattr(hyp, "kinds", {}).items() if v != "probability measure"]
    return any(name in t for t in texts)


def _probability(model: _Model, checker: Any) -> bool:
    """Whether the environment declares the measure a probability measure (then only the
    laws of :data:`MEASURES` are drawn; otherwise :data:`MASSES` too)."""
    name = model.measure.lstrip("\\")
    kinds = getattr(checker.hyp, "kinds", {})
    return any(v == "probability measure" and name in str(k) for k, v in kinds.items())


def measure_integral_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED step whose opaque quantities are integrals against one measure
    gets the verdict of the point-mass model (module doc)."""
    if check.verdict != "UNDECIDED" or step is None:
        return
    try:
        model = _model(step, checker)
        if model is not None:
            _search(check, model, checker)
    except Exception:  # noqa: BLE001 - an expression the model cannot evaluate: no verdict
        return


def _search(check: Any, model: _Model, checker: Any) -> None:
    """Evaluate the step at each variable value and each measure of :data:`MEASURES`. A
    failure refutes only when the step fails at *every* measure tried at those values (a
    property of the measure stated in words, such as a zero mean or a symmetry, cannot then
    rescue it); a failure at some measures only leaves the step UNDECIDED, saying so."""
    from hallbound.proofs_checks.latex.models.extremum_values import unsigned_warning
    from hallbound.proofs_checks.latex.models.function_models import _exact_holds

    seen, partial = 0, None
    measures = MEASURES if _probability(model, checker) else MEASURES + MASSES
    for vs in itertools.product(VALUES, repeat=len(model.variables)):
        vals = dict(zip(model.variables, vs, strict=True))
        ok = _admissible(model, vals, checker)
        if ok is None:
            return
        if not ok:
            continue
        fails, holds_at = [], []
        for m in measures:
            lv, rv = model.value(model.lhs, m, vals), model.value(model.rhs, m, vals)
            if lv is None or rv is None:
                continue
            holds = _exact_holds(lv - rv, model.rel)
            if holds is None:
                return
            seen += 1
            (holds_at if holds else fails).append((m, lv, rv))
        if fails and not holds_at and len(fails) >= 2:
            m, lv, rv = fails[0]
            _refuted(check, model, m, vals, (lv, rv), checker)
            return
        if fails and partial is None:
            partial = (fails[0][0], holds_at[0][0] if holds_at else None)
    if partial is not None:
        bad, good = partial
        at = f" and holds at {_show_measure(good)}" if good is not None else ""
        check.detail = (f"the step fails for {model.measure} = {_show_measure(bad)}{at}: a "
                        f"property of {model.measure} the text may state in words could rule "
                        "the failing measure out, so no counterexample")
        return
    if seen >= 2:
        check.verdict = "SUPPORTED"
        check.method = "point-mass measures"
        check.detail = (f"sampled over {seen} instances: the measure {model.measure} one of "
                        + "; ".join(_show_measure(m) for m in measures)
                        + ", each variable in {1, 2, 1/2, 3} within its stated domain and "
                        "relations: no counterexample (no proof)"
                        + unsigned_warning(model.variables, checker.table))
        check.trials = seen


def _refuted(check: Any, model: _Model, m: tuple, vals: dict, sides: tuple,
             checker: Any) -> None:
    table = checker.table
    names = {s: table.params[s].name if s in table.params else s.name for s in vals}
    wit: dict[str, Any] = {model.measure: _show_measure(m)}
    wit.update({names[s]: str(v) for s, v in vals.items()})
    pts = ", ".join(f"{k}={v}" for k, v in wit.items())
    lfree = model.lhs.free_symbols | set().union(
        *(model.integrals[s][0].free_symbols for s in model.lhs.free_symbols
          if s in model.integrals))
    rfree = model.rhs.free_symbols | set().union(
        *(model.integrals[s][0].free_symbols for s in model.rhs.free_symbols
          if s in model.integrals))
    one_side = [names[s] for s in model.variables if (s in lfree) != (s in rfree)]
    why = ""
    if checker.refused:
        why = "an assumption of this environment was not read (" + "; ".join(checker.refused) + ")"
    elif _states_measure(model, checker):
        why = f"the environment states something about {model.measure} that is not modelled"
    elif one_side:
        why = f"{', '.join(one_side)} occurs on one side only"
    if why:
        check.detail = f"the step fails at {pts}, but {why}: no counterexample"
        return
    check.verdict = "REFUTED"
    check.method = "point-mass measures"
    check.witness = wit
    check.lhs_value = float(sp.N(sides[0], 30))
    check.rhs_value = float(sp.N(sides[1], 30))
    check.detail = (f"fails for the probability measure {model.measure} = {_show_measure(m)} "
                    "(an integral against it is the weighted sum of the integrand's values) and "
                    "at every other measure tried (a symmetric two-point law among them), each "
                    "variable in its stated domain and relations; re-checked exactly (SymPy, "
                    "50 digits)")


__all__ = ["measure_integral_check", "register"]
