r"""A second prover for polynomial steps: z3's nonlinear real arithmetic (nlsat).

:func:`decide` decides ``lhs REL rhs`` for all real values of its symbols (integers where a
symbol is declared integer) that satisfy the symbols' SymPy assumptions (positive,
nonnegative, negative, nonpositive, nonzero, integer) and the given domains. Rational
functions are brought to one fraction :math:`N/D` and the relation :math:`N/D \;R\; 0` is
decided as

.. math::  D \ne 0 \;\Rightarrow\; N D \;R\; 0 \quad(\text{inequalities}), \qquad
           D \ne 0 \;\Rightarrow\; N = 0 \quad(=),

i.e. wherever the expression is defined (sign(N/D) = sign(N D)). SymPy expressions are
converted node by node (Add, Mul, Pow with a non-negative integer exponent, Rational, Symbol;
a Float as its exact binary value); anything else (exp, log, sqrt, Abs, pi, ...) gives
``"not-polynomial"``. A ``"refuted"`` carries a model that was re-checked on the SymPy
expression (exactly, or at 50 digits for algebraic values); a model that does not re-check
gives ``"unknown"``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp
import z3

from hallbound.errors import InputError

#: Statuses of :class:`Z3Result`.
STATUSES: tuple[str, ...] = ("proved", "refuted", "unknown", "not-polynomial")
_RELS = {"=": "==", "==": "==", "<=": "<=", "<": "<", ">=": ">=", ">": ">"}


@dataclass(frozen=True)
class Z3Result:
    """The outcome of :func:`decide`.

    ``status``: one of :data:`STATUSES`; ``model``: a counterexample ``{name: value}``
    (``Fraction``, or ``float`` for an irrational algebraic value) when refuted;
    ``seconds``: wall time; ``conditions``: the constraints the decision assumed;
    ``reason``: why it is unknown or not polynomial.
    """

    status: str
    model: Mapping[str, Fraction | float] | None = None
    seconds: float = 0.0
    conditions: tuple[str, ...] = ()
    reason: str = ""
    exact_model: Mapping[sp.Symbol, Any] | None = field(default=None, repr=False)

    @property
    def proved(self) -> bool:
        return self.status == "proved"


class NotPolynomial(Exception):
    """Raised by :func:`to_z3` on an expression outside polynomial arithmetic."""


def to_z3(expr: sp.Basic, variables: Mapping[sp.Symbol, Any]) -> Any:
    """Convert a polynomial SymPy expression to a z3 term (``variables``: Symbol -> z3 var)."""
    if isinstance(expr, sp.Symbol):
        if expr not in variables:
            raise NotPolynomial(f"unknown symbol {expr}")
        return variables[expr]
    if isinstance(expr, sp.Rational):
        return z3.RealVal(f"{expr.p}/{expr.q}") if expr.q != 1 else z3.RealVal(int(expr.p))
    if isinstance(expr, sp.Float):
        r = sp.Rational(expr)
        return z3.RealVal(f"{r.p}/{r.q}")
    if isinstance(expr, sp.Add):
        return z3.Sum([to_z3(a, variables) for a in expr.args])
    if isinstance(expr, sp.Mul):
        return z3.Product([to_z3(a, variables) for a in expr.args])
    if isinstance(expr, sp.Pow):
        base, exp = expr.args
        if exp.is_Integer and exp >= 0:
            b = to_z3(base, variables)
            k = int(exp)
            if k == 0:
                return z3.RealVal(1)
            return b if k == 1 else z3.Product([b] * k)
        raise NotPolynomial(f"non-integer or negative power {expr}")
    raise NotPolynomial(f"{type(expr).__name__} is not polynomial: {expr}")


def _bound(value: sp.Basic, what: str) -> sp.Rational | None:
    if value in (sp.oo, -sp.oo):
        return None
    if value.is_Rational:
        return value
    raise NotPolynomial(f"{what} {value} is not rational")


def _assumption_constraints(s: sp.Symbol, v: Any) -> list[tuple[Any, str]]:
    out = []
    if s.is_positive:
        out.append((v > 0, f"{s} > 0"))
    elif s.is_nonnegative:
        out.append((v >= 0, f"{s} >= 0"))
    if s.is_negative:
        out.append((v < 0, f"{s} < 0"))
    elif s.is_nonpositive:
        out.append((v <= 0, f"{s} <= 0"))
    if s.is_zero is False and not (s.is_positive or s.is_negative):
        out.append((v != 0, f"{s} != 0"))
    return out


def _value(v: Any) -> tuple[Fraction | float, Any]:
    """A z3 model value as (Fraction or float, exact sympy number or 60-digit mpf)."""
    if z3.is_int_value(v):
        return Fraction(v.as_long()), sp.Integer(v.as_long())
    if z3.is_rational_value(v):
        num, den = v.numerator_as_long(), v.denominator_as_long()
        return Fraction(num, den), sp.Rational(num, den)
    if z3.is_algebraic_value(v):
        approx = v.approx(60)
        num, den = approx.numerator_as_long(), approx.denominator_as_long()
        with mpmath.workdps(60):
            return float(Fraction(num, den)), mpmath.mpf(num) / den
    raise NotPolynomial(f"model value {v} is not a number")


def _violated(diff: sp.Expr, rel: str, point: Mapping[sp.Symbol, Any]) -> bool:
    """Whether ``diff REL 0`` fails at ``point`` (exactly, or at 50 digits with a margin)."""
    if all(isinstance(x, sp.Rational) for x in point.values()):
        val = diff.xreplace(dict(point))
        if val.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            return False
        if val.is_Rational:
            return not {"==": val == 0, "<=": val <= 0, "<": val < 0, ">=": val >= 0, ">": val > 0}[
                rel
            ]
    with mpmath.workdps(60):
        sub = {s: (sp.Float(x, 60) if isinstance(x, mpmath.mpf) else x) for s, x in point.items()}
        try:
            val = mpmath.mpf(sp.N(diff.xreplace(sub), 60))
        except TypeError:
            return False
        tol = mpmath.mpf(10) ** -40
        return {
            "==": abs(val) > tol,
            "<=": val > tol,
            "<": val > tol,
            ">=": val < -tol,
            ">": val < -tol,
        }[rel]


def decide(
    lhs: Any,
    rel: str,
    rhs: Any,
    domains: Mapping[sp.Symbol, sp.Interval] | None = None,
    integers: Iterable[sp.Symbol] = (),
    timeout: float = 2.0,
) -> Z3Result:
    """Decide ``lhs REL rhs`` for all admissible values of its symbols (see the module doc).

    ``domains`` maps symbols to ``sympy.Interval`` with rational (or infinite) ends;
    ``integers`` lists symbols that range over the integers (as do symbols with
    ``integer=True``); ``timeout`` is in seconds.
    """
    t0 = time.perf_counter()
    if rel not in _RELS:
        raise InputError("rel", f"must be one of {sorted(_RELS)}, got {rel!r}")
    if timeout <= 0:
        raise InputError("timeout", f"must be > 0, got {timeout!r}")
    op = _RELS[rel]
    domains = dict(domains or {})
    for s, dom in domains.items():
        if not isinstance(s, sp.Symbol):
            raise InputError("domains", f"keys must be SymPy symbols, got {s!r}")
        if not isinstance(dom, sp.Interval):
            raise InputError("domains", f"{s}: must be a sympy.Interval, got {dom!r}")
    ints = set(integers)

    def done(status: str, **kw: Any) -> Z3Result:
        return Z3Result(status, seconds=time.perf_counter() - t0, **kw)

    try:
        diff = sp.sympify(lhs) - sp.sympify(rhs)
    except (sp.SympifyError, TypeError) as err:
        raise InputError("lhs", f"not a SymPy expression: {err}") from err
    symbols = sorted(diff.free_symbols | set(domains) | ints, key=lambda s: (s.name, str(s)))
    if any(not isinstance(s, sp.Symbol) for s in symbols):
        return done("not-polynomial", reason="free symbols that are not plain symbols")
    num, den = sp.fraction(sp.together(diff))

    variables: dict[sp.Symbol, Any] = {}
    used: dict[str, int] = {}
    for s in symbols:
        k = used.get(s.name, 0)
        used[s.name] = k + 1
        name = s.name if k == 0 else f"{s.name}__{k}"
        variables[s] = z3.Int(name) if (s in ints or s.is_integer) else z3.Real(name)

    try:
        zn = to_z3(sp.expand(num), variables)
        zd = to_z3(sp.expand(den), variables)
        constraints: list[tuple[Any, str]] = []
        for s, v in variables.items():
            constraints.extend(_assumption_constraints(s, v))
        for s, dom in domains.items():
            v = variables[s]
            lo, hi = _bound(dom.start, f"{s}: lower end"), _bound(dom.end, f"{s}: upper end")
            if lo is not None:
                zlo = to_z3(lo, variables)
                constraints.append(
                    (v > zlo, f"{s} > {lo}") if dom.left_open else (v >= zlo, f"{s} >= {lo}")
                )
            if hi is not None:
                zhi = to_z3(hi, variables)
                constraints.append(
                    (v < zhi, f"{s} < {hi}") if dom.right_open else (v <= zhi, f"{s} <= {hi}")
                )
    except NotPolynomial as err:
        return done("not-polynomial", reason=str(err))

    is_const_den = den.is_number
    if not is_const_den:
        constraints.append((zd != 0, f"{den} != 0 (where the expression is defined)"))
    target = zn if op == "==" or is_const_den else zn * zd
    if is_const_den and den.is_negative:
        target = -zn
    goal = {
        "==": target == 0,
        "<=": target <= 0,
        "<": target < 0,
        ">=": target >= 0,
        ">": target > 0,
    }[op]

    has_int = any(z3.is_int(v) for v in variables.values())
    solver = z3.Solver() if has_int else z3.SolverFor("QF_NRA")
    solver.set("timeout", max(1, int(timeout * 1000)))
    for c, _ in constraints:
        solver.add(c)
    solver.add(z3.Not(goal))
    answer = solver.check()
    conditions = tuple(text for _, text in constraints)
    if answer == z3.unsat:
        return done("proved", conditions=conditions)
    if answer == z3.unknown:
        return done("unknown", conditions=conditions, reason=solver.reason_unknown())
    m = solver.model()
    model: dict[str, Fraction | float] = {}
    exact: dict[sp.Symbol, Any] = {}
    try:
        for s, v in variables.items():
            shown, val = _value(m.eval(v, model_completion=True))
            model[s.name] = shown
            exact[s] = val
    except NotPolynomial as err:
        return done("unknown", conditions=conditions, reason=str(err))
    if not _violated(diff, op, exact):
        return done(
            "unknown",
            conditions=conditions,
            reason=f"z3 model {model} did not re-check on the SymPy expression",
        )
    return done("refuted", model=model, conditions=conditions, exact_model=exact)
