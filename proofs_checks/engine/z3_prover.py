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

**Budget.** z3 is stopped by its deterministic resource counter (``rlimit``), never by the
clock, so the same query gets the same answer on an idle and on a loaded machine. The
budget is ``rlimit`` units; a ``timeout`` in seconds (the older signature) is mapped to
``timeout * RLIMIT_PER_SECOND`` units. Each query runs in its own z3 context, so its work
count does not depend on the queries made before it. A wall-clock safety net
(:func:`wall_limit_ms`, far above the budget) only catches a runaway solver; both limits
give the same outcome: ``"unknown"`` with the reason :data:`BUDGET`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp
import z3

from hallbound.errors import InputError
from hallbound.precision import GUARD_DIGITS

#: Statuses of :class:`Z3Result`.
STATUSES: tuple[str, ...] = ("proved", "refuted", "unknown", "not-polynomial")
#: z3 resource units per second of ``timeout``. Calibrated so that a budget costs at most
#: about the CPU time the old wall-clock timeout allowed: on a slow nlsat query (cubic
#: equality in three variables on a quartic ball) 400,000 units take 0.5 s and 800,000 take
#: 2.0 s of CPU on one idle core; easy queries do far more units per second. The project's
#: z3 queries (every claim of ``hallbound check``) use at most about 2,300 units, far below
#: the checker's budgets of 1 and 2 s (400,000 and 800,000 units), so no verdict changed.
RLIMIT_PER_SECOND = 400_000
#: Default budget of :func:`decide`, in seconds of ``timeout``.
DEFAULT_TIMEOUT = 2.0
#: The wall-clock safety net is this many times the budget's seconds, and at least
#: :data:`WALL_MIN_SECONDS`: far above any load a budget must survive.
WALL_FACTOR = 20.0
WALL_MIN_SECONDS = 30.0
#: The reason of an ``"unknown"`` that ran out of its budget (resource or wall limit).
BUDGET = "budget"
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
    work: int = 0
    wall_seconds: float = field(default=0.0, compare=False)

    @property
    def budget(self) -> bool:
        """True when z3 ran out of its budget (resource count or wall safety net)."""
        return self.status == "unknown" and self.reason == BUDGET

    @property
    def proved(self) -> bool:
        return self.status == "proved"


class NotPolynomial(Exception):
    """Raised by :func:`to_z3` on an expression outside polynomial arithmetic."""


def to_z3(expr: sp.Basic, variables: Mapping[sp.Symbol, Any], ctx: Any = None) -> Any:
    """Convert a polynomial SymPy expression to a z3 term (``variables``: Symbol -> z3 var;
    ``ctx``: the z3 context of the constants, z3's main context when None)."""
    if isinstance(expr, sp.Symbol):
        if expr not in variables:
            raise NotPolynomial(f"unknown symbol {expr}")
        return variables[expr]
    if isinstance(expr, sp.Rational):
        text = f"{expr.p}/{expr.q}" if expr.q != 1 else int(expr.p)
        return z3.RealVal(text, ctx)
    if isinstance(expr, sp.Float):
        r = sp.Rational(expr)
        return z3.RealVal(f"{r.p}/{r.q}", ctx)
    if isinstance(expr, sp.Add):
        return z3.Sum([to_z3(a, variables, ctx) for a in expr.args])
    if isinstance(expr, sp.Mul):
        return z3.Product([to_z3(a, variables, ctx) for a in expr.args])
    if isinstance(expr, sp.Pow):
        base, exp = expr.args
        if exp.is_Integer and exp >= 0:
            b = to_z3(base, variables, ctx)
            k = int(exp)
            if k == 0:
                return z3.RealVal(1, ctx)
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


_HYP_OPS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "==", "==": "==", "!=": "!="}


def _hypothesis(gap: sp.Expr, op: str, variables: Mapping[sp.Symbol, Any], ctx: Any) -> list:
    """``gap OP 0`` as z3 constraints (``[]`` when it is not a rational function of the
    variables): ``num * den OP 0`` and ``den != 0`` for ``gap = num / den``."""
    if op not in _HYP_OPS:
        return []
    try:
        num, den = sp.fraction(sp.together(gap))
        zn = to_z3(sp.expand(num), variables, ctx)
        out = []
        if den.is_number:
            target = zn if den.is_positive else -zn
        else:
            zd = to_z3(sp.expand(den), variables, ctx)
            out.append((zd != 0, f"{den} != 0 (a stated relation's denominator)"))
            target = zn * zd if _HYP_OPS[op] not in ("==", "!=") else zn
    except (NotPolynomial, TypeError, ValueError, AttributeError):
        return []
    z = {"<": target < 0, "<=": target <= 0, ">": target > 0, ">=": target >= 0,
         "==": target == 0, "!=": target != 0}[_HYP_OPS[op]]
    return [*out, (z, f"{gap} {op} 0 (stated)")]


def _value(v: Any) -> tuple[Fraction | float, Any]:
    """A z3 model value as (Fraction or float, exact sympy number or 60-digit mpf)."""
    if z3.is_int_value(v):
        return Fraction(v.as_long()), sp.Integer(v.as_long())
    if z3.is_rational_value(v):
        num, den = v.numerator_as_long(), v.denominator_as_long()
        return Fraction(num, den), sp.Rational(num, den)
    if z3.is_algebraic_value(v):
        approx = v.approx(GUARD_DIGITS)
        num, den = approx.numerator_as_long(), approx.denominator_as_long()
        with mpmath.workdps(GUARD_DIGITS):
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
    with mpmath.workdps(GUARD_DIGITS):
        sub = {
            s: (sp.Float(x, GUARD_DIGITS) if isinstance(x, mpmath.mpf) else x)
            for s, x in point.items()
        }
        try:
            val = mpmath.mpf(sp.N(diff.xreplace(sub), GUARD_DIGITS))
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


def budget_rlimit(timeout: float | None = None, rlimit: int | None = None) -> int:
    """z3 resource units of a budget: ``rlimit`` when given, else
    ``ceil(timeout * RLIMIT_PER_SECOND)`` (``timeout`` defaults to :data:`DEFAULT_TIMEOUT`).
    Raises :class:`InputError` naming ``timeout`` / ``rlimit`` when not positive."""
    if rlimit is not None:
        if isinstance(rlimit, bool) or not isinstance(rlimit, int) or rlimit < 1:
            raise InputError("rlimit", f"must be a positive integer, got {rlimit!r}")
        return rlimit
    seconds = DEFAULT_TIMEOUT if timeout is None else timeout
    if not (isinstance(seconds, int | float) and seconds > 0 and math.isfinite(seconds)):
        raise InputError("timeout", f"must be > 0 (seconds), got {timeout!r}")
    return max(1, math.ceil(seconds * RLIMIT_PER_SECOND))


def wall_limit_ms(rlimit: int) -> int:
    """The wall-clock safety net of a budget of ``rlimit`` units, in milliseconds:
    ``max(WALL_MIN_SECONDS, WALL_FACTOR * rlimit / RLIMIT_PER_SECOND)`` seconds."""
    seconds = max(WALL_MIN_SECONDS, WALL_FACTOR * rlimit / RLIMIT_PER_SECOND)
    return int(1000 * seconds)


#: z3's reasons for stopping at a limit (resource count, wall time, cancellation).
_OUT_OF_BUDGET = ("max. resource limit exceeded", "timeout", "canceled")


def _work(solver: Any) -> int:
    """z3's ``rlimit count`` of the solver's context (0 when z3 does not report it)."""
    stats = solver.statistics()
    return int(stats.get_key_value("rlimit count")) if "rlimit count" in stats.keys() else 0


def _checked_domains(
    domains: Mapping[sp.Symbol, sp.Interval] | None,
) -> dict[sp.Symbol, sp.Interval]:
    """``domains`` as a dict, each key a SymPy symbol and each value a ``sympy.Interval``."""
    out = dict(domains or {})
    for s, dom in out.items():
        if not isinstance(s, sp.Symbol):
            raise InputError("domains", f"keys must be SymPy symbols, got {s!r}")
        if not isinstance(dom, sp.Interval):
            raise InputError("domains", f"{s}: must be a sympy.Interval, got {dom!r}")
    return out


def _z3_variables(symbols: Iterable[sp.Symbol], ints: set[Any], ctx: Any) -> dict[sp.Symbol, Any]:
    """One z3 variable per symbol (an Int for an integer symbol, else a Real); symbols that
    share a name get distinct z3 names (``x``, ``x__1``, ...)."""
    variables: dict[sp.Symbol, Any] = {}
    used: dict[str, int] = {}
    for s in symbols:
        k = used.get(s.name, 0)
        used[s.name] = k + 1
        name = s.name if k == 0 else f"{s.name}__{k}"
        variables[s] = z3.Int(name, ctx) if (s in ints or s.is_integer) else z3.Real(name, ctx)
    return variables


def _domain_constraints(
    domains: Mapping[sp.Symbol, sp.Interval], variables: Mapping[sp.Symbol, Any], ctx: Any
) -> list[tuple[Any, str]]:
    """``lo <(=) s <(=) hi`` for each symbol's interval (an infinite end: no constraint), with
    its text; raises :class:`NotPolynomial` for an end z3 cannot hold."""
    constraints: list[tuple[Any, str]] = []
    for s, dom in domains.items():
        v = variables[s]
        lo, hi = _bound(dom.start, f"{s}: lower end"), _bound(dom.end, f"{s}: upper end")
        if lo is not None:
            zlo = to_z3(lo, variables, ctx)
            constraints.append(
                (v > zlo, f"{s} > {lo}") if dom.left_open else (v >= zlo, f"{s} >= {lo}")
            )
        if hi is not None:
            zhi = to_z3(hi, variables, ctx)
            constraints.append(
                (v < zhi, f"{s} < {hi}") if dom.right_open else (v <= zhi, f"{s} <= {hi}")
            )
    return constraints


def _goal(op: str, zn: Any, zd: Any, den: sp.Expr) -> Any:
    """``num/den OP 0`` without division: ``num OP 0`` over a positive constant denominator,
    ``-num OP 0`` over a negative one, ``num*den OP 0`` over a variable one (where it is not
    0, a constraint the caller adds; ``==`` needs only ``num == 0`` there)."""
    is_const_den = den.is_number
    target = zn if op == "==" or is_const_den else zn * zd
    if is_const_den and den.is_negative:
        target = -zn
    return {
        "==": target == 0,
        "<=": target <= 0,
        "<": target < 0,
        ">=": target >= 0,
        ">": target > 0,
    }[op]


def _rechecked_model(
    m: Any, variables: Mapping[sp.Symbol, Any], diff: sp.Expr, op: str
) -> tuple[dict[str, Fraction | float], dict[sp.Symbol, Any], str | None]:
    """z3's counter-model read back (shown values, exact values) and re-checked on the SymPy
    expression ``diff OP 0``; the third item is why it is not a refutation (None: it is)."""
    model: dict[str, Fraction | float] = {}
    exact: dict[sp.Symbol, Any] = {}
    try:
        for s, v in variables.items():
            shown, val = _value(m.eval(v, model_completion=True))
            model[s.name] = shown
            exact[s] = val
    except NotPolynomial as err:
        return model, exact, str(err)
    if not _violated(diff, op, exact):
        return model, exact, f"z3 model {model} did not re-check on the SymPy expression"
    return model, exact, None


def decide(
    lhs: Any,
    rel: str,
    rhs: Any,
    domains: Mapping[sp.Symbol, sp.Interval] | None = None,
    integers: Iterable[sp.Symbol] = (),
    timeout: float | None = None,
    *,
    rlimit: int | None = None,
    hypotheses: Iterable[tuple[Any, str, Any]] = (),
) -> Z3Result:
    """Decide ``lhs REL rhs`` for all admissible values of its symbols (see the module doc).

    ``hypotheses`` are relations ``(a, op, b)`` (``op`` in ``< <= > >= = !=``) the symbols
    satisfy; a polynomial or rational one is a constraint (a rational one where its
    denominator is not 0), any other is left out (the decision is then over more points,
    which is sound for "proved").

    ``domains`` maps symbols to ``sympy.Interval`` with rational (or infinite) ends;
    ``integers`` lists symbols that range over the integers (as do symbols with
    ``integer=True``). The budget is ``rlimit`` z3 resource units, or ``timeout`` seconds
    converted by :func:`budget_rlimit` (default :data:`DEFAULT_TIMEOUT`): deterministic, the
    same on any load.
    """
    t0 = time.perf_counter()
    if rel not in _RELS:
        raise InputError("rel", f"must be one of {sorted(_RELS)}, got {rel!r}")
    units = budget_rlimit(timeout, rlimit)
    op = _RELS[rel]
    domains = _checked_domains(domains)
    ints = set(integers)
    work = 0

    def done(status: str, **kw: Any) -> Z3Result:
        return Z3Result(
            status,
            seconds=work / RLIMIT_PER_SECOND,
            work=work,
            wall_seconds=time.perf_counter() - t0,
            **kw,
        )

    try:
        diff = sp.sympify(lhs) - sp.sympify(rhs)
    except (sp.SympifyError, TypeError) as err:
        raise InputError("lhs", f"not a SymPy expression: {err}") from err
    hyps = [(sp.sympify(a) - sp.sympify(b), op) for a, op, b in hypotheses]
    hyp_symbols: set[Any] = set()
    for h, _ in hyps:
        hyp_symbols |= h.free_symbols
    symbols = sorted(diff.free_symbols | set(domains) | ints | hyp_symbols,
                     key=lambda s: (s.name, str(s)))
    if any(not isinstance(s, sp.Symbol) for s in symbols):
        return done("not-polynomial", reason="free symbols that are not plain symbols")
    num, den = sp.fraction(sp.together(diff))

    ctx = z3.Context()  # a fresh context: the work count depends on this query only
    variables = _z3_variables(symbols, ints, ctx)
    try:
        zn = to_z3(sp.expand(num), variables, ctx)
        zd = to_z3(sp.expand(den), variables, ctx)
        constraints: list[tuple[Any, str]] = []
        for s, v in variables.items():
            constraints.extend(_assumption_constraints(s, v))
        constraints.extend(_domain_constraints(domains, variables, ctx))
    except NotPolynomial as err:
        return done("not-polynomial", reason=str(err))
    for h, hop in hyps:
        constraints.extend(_hypothesis(h, hop, variables, ctx))
    if not den.is_number:
        constraints.append((zd != 0, f"{den} != 0 (where the expression is defined)"))
    goal = _goal(op, zn, zd, den)

    has_int = any(z3.is_int(v) for v in variables.values())
    solver = z3.Solver(ctx=ctx) if has_int else z3.SolverFor("QF_NRA", ctx=ctx)
    solver.set("rlimit", units)
    solver.set("timeout", wall_limit_ms(units))  # the safety net only
    for c, _ in constraints:
        solver.add(c)
    solver.add(z3.Not(goal))
    answer = solver.check()
    work = _work(solver)
    conditions = tuple(text for _, text in constraints)
    if answer == z3.unsat:
        return done("proved", conditions=conditions)
    if answer == z3.unknown:
        why = solver.reason_unknown()
        if work >= units or why in _OUT_OF_BUDGET:
            why = BUDGET
        return done("unknown", conditions=conditions, reason=why)
    model, exact, why = _rechecked_model(solver.model(), variables, diff, op)
    if why is not None:
        return done("unknown", conditions=conditions, reason=why)
    return done("refuted", model=model, conditions=conditions, exact_model=exact)
