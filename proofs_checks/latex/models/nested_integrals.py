r"""Nested integrals against an unknown measure, with the imaginary unit:
``\int_{-r}^r \int e^{itx}\,d\mu(x)\,dt = \int \left(\int_{-r}^r e^{itx}\,dt\right) d\mu(x)
= \int 2 \frac{\sin(rx)}{x}\,d\mu(x)``.

The point-mass model (:mod:`.measure_integrals`) keeps out an integrand that holds another
integral, and any possible imaginary unit. This model reads an equation whose opaque
quantities are integrals (:data:`..integral_registry.BODIES`) of three kinds, nested in any
order: ``\int g\,d\mu(x)`` against one measure ``\mu`` (no limits: the whole space),
``\int_a^b g\,dx`` with written limits (Lebesgue measure on ``[a, b]``), and a free ``i`` read
as the imaginary unit (never where the text uses ``i`` as an index, :func:`.index_use`).
Each integrand is elementary in its variable, the other plain variables and the integrals
inside it.

It evaluates both sides (:func:`nested_value`) with ``\mu`` each finite measure of
:data:`.measure_integrals.MEASURES` (and :data:`.measure_integrals.MASSES` unless the text
declares a probability measure), ``\int g\,d\mu = \sum_k w_k g(a_k)``, each plain variable in
:data:`.measure_integrals.VALUES` within its stated domain and relations, and each
``\int_a^b`` by Gauss-Legendre quadrature (``mpmath.quad``) at :data:`DIGITS` digits. When
the sides agree to a relative :data:`AGREE` at two instances or more and never differ, the
step is SUPPORTED (sampled, no proof). A quadrature is no proof of a failure either: a step
whose sides differ is left UNDECIDED, with the instance in the detail.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import mpmath
import sympy as sp

from hallbound.proofs_checks.latex.integral_registry import BODIES
from hallbound.proofs_checks.latex.models.imaginary_unit import index_use
from hallbound.proofs_checks.latex.models.measure_integrals import (
    MASSES,
    MEASURES,
    VALUES,
    _show_measure,
)

#: Working precision (decimal digits) of the quadratures.
DIGITS = 30
#: Relative agreement of the sides that counts as equal.
AGREE = mpmath.mpf("1e-15")
#: Most integrals (nested ones counted) in one step.
MAX_INTEGRALS = 6

Value = Callable[[dict], Any]


class _Reading:
    """The integrals of one step: ``compile`` turns an expression into a function of the
    environment (plain variables and the measure) to its complex value."""

    def __init__(self, atoms: dict, unit: set) -> None:
        self.atoms, self.unit = atoms, unit
        self.measures: set[str] = set()
        self.plain: set[sp.Symbol] = set()
        self.bound: set[sp.Symbol] = set()
        self.count = 0
        self.lebesgue = False
        self.used_unit = False

    def compile(self, expr: sp.Basic) -> Value | None:
        """``env -> value`` of ``expr`` (None when a part of it is not read)."""
        inner: dict[sp.Symbol, Value] = {}
        self.used_unit = self.used_unit or bool(expr.free_symbols & self.unit)
        for s in expr.free_symbols:
            if s in self.unit:
                continue
            atom = self.atoms.get(s)
            if atom is None:
                self.plain.add(s)
                continue
            f = self.integral(atom) if atom.kind == "integral" else None
            if f is None:
                return None
            inner[s] = f
        if expr.atoms(sp.core.function.AppliedUndef):
            return None
        syms = sorted(inner, key=str)
        free = sorted(expr.free_symbols - set(inner) - self.unit, key=str)
        body = expr.xreplace({u: sp.I for u in self.unit})
        try:
            fn = sp.lambdify(syms + free, body, "mpmath")
        except Exception:  # noqa: BLE001 - SymPy cannot write it for mpmath: not read
            return None

        def value(env: dict) -> Any:
            return fn(*[inner[s](env) for s in syms], *[env[s] for s in free])

        return value

    def integral(self, atom: Any) -> Value | None:
        r"""The value function of one integral atom: a sum over the point masses of ``\mu``
        or a quadrature over ``[a, b]``."""
        entry = BODIES.get(atom.key)
        self.count += 1
        if entry is None or self.count > MAX_INTEGRALS:
            return None
        body, var, lower, upper, measure = entry
        self.bound.add(var)
        g = self.compile(body)
        if g is None:
            return None
        if measure:
            if lower is not None or upper is not None:
                return None
            self.measures.add(measure)
            return lambda env: mpmath.fsum(w * g({**env, var: a}) for w, a in env["\\mu"])
        if lower is None or upper is None:
            return None
        self.lebesgue = True
        lo, hi = self.compile(lower), self.compile(upper)
        if lo is None or hi is None:
            return None
        return lambda env: mpmath.quad(lambda x: g({**env, var: x}), [lo(env), hi(env)])


def _read(step: Any, checker: Any) -> tuple[_Reading, Value, Value, list] | None:
    table = checker.table
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    unit = {s for s, a in table.atoms.items() if a.kind == "imaginary"}
    reading = _Reading(table.atoms, unit)
    left, right = reading.compile(lhs), reading.compile(rhs)
    if left is None or right is None or len(reading.measures) != 1:
        return None
    if not reading.lebesgue and not reading.used_unit:
        return None  # plain integrals against the measure: the point-mass model's step
    plain = sorted(reading.plain - reading.bound, key=str)
    if any(s in table.atoms for s in plain) or len(plain) > 2:
        return None
    return reading, left, right, plain


def nested_integral_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED equation between nested integrals against one measure is
    SUPPORTED when both sides agree at every point-mass instance (module doc)."""
    if check.verdict != "UNDECIDED" or step is None or step.rel != "=":
        return
    if getattr(checker, "table", None) is None or checker.refused:
        return
    try:
        read = _read(step, checker)
        if read is None:
            return
        reading, left, right, plain = read
        if reading.used_unit:
            if index_use(getattr(getattr(checker, "doc", None), "text", "") or "") is not None:
                return
        with mpmath.workdps(DIGITS):
            _sample(check, reading, left, right, plain, checker)
    except Exception:  # noqa: BLE001 - an integrand the quadrature cannot evaluate: no verdict
        return


def _sample(check: Any, reading: _Reading, left: Value, right: Value, plain: list,
            checker: Any) -> None:
    from hallbound.proofs_checks.latex.models.measure_integrals import _admissible, _probability

    (measure,) = reading.measures
    probe = type("P", (), {"variables": plain, "integrals": {}, "measure": measure})()
    measures = MEASURES if _probability(probe, checker) else MEASURES + MASSES
    seen = 0
    for vs in itertools.product(VALUES, repeat=len(plain)):
        vals = dict(zip(plain, vs, strict=True))
        ok = _admissible(probe, vals, checker)
        if ok is None:
            return
        if not ok:
            continue
        env_vals = {s: mpmath.mpf(sp.Rational(v).p) / sp.Rational(v).q for s, v in vals.items()}
        for m in measures:
            env = {**env_vals, "\\mu": [(mpmath.mpf(w.p) / w.q, mpmath.mpf(a.p) / a.q)
                                        for w, a in m]}
            a, b = mpmath.mpc(left(env)), mpmath.mpc(right(env))
            if abs(a - b) > AGREE * max(abs(a), abs(b), 1):
                at = ", ".join(f"{s}={v}" for s, v in vals.items())
                check.detail = (f"the sides differ ({mpmath.nstr(a, 8)} vs {mpmath.nstr(b, 8)}) "
                                f"for {measure} = {_show_measure(m)}{', ' + at if at else ''} "
                                "by quadrature: not a proof of failure, no verdict")
                return
            seen += 1
    if seen < 2:
        return
    check.verdict = "SUPPORTED"
    check.method = "point-mass measures, quadrature"
    check.detail = (f"sampled over {seen} instances: {measure} each of "
                    + "; ".join(_show_measure(m) for m in measures)
                    + " (an integral against it the weighted sum of the integrand's values), "
                    "each variable in {1, 2, 1/2, 3} within its stated domain and relations, "
                    "i the imaginary unit, each integral with limits by quadrature at 30 "
                    "digits: the sides agree to 15 digits (no proof)")
    check.trials = seen


__all__ = ["nested_integral_check", "nested_value"]


def nested_value(expr: sp.Basic, checker: Any, env: dict) -> Any:
    """The value of ``expr`` (its integrals read as in the module doc) at ``env`` (symbols to
    numbers, ``"\\mu"`` to ``[(weight, point), ..]``); None when it is not read."""
    table = checker.table
    unit = {s for s, a in table.atoms.items() if a.kind == "imaginary"}
    f = _Reading(table.atoms, unit).compile(expr)
    return None if f is None else f(env)
