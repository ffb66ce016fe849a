"""Whether a premise's solution ``x = solution`` (premise elimination, :mod:`.premises`)
covers every point where the premise holds: not when it is one branch of a many-valued
inverse (:func:`chooses_a_branch`), nor when a factor of its denominator may vanish there
(:func:`misses_points`). Moved out of :mod:`.premises`, which re-exports these names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp

from hallbound.proofs_checks.engine.claim import Param
from hallbound.proofs_checks.engine.stated_signs import listed
from hallbound.proofs_checks.engine.time_limits import ProverTimeLimit, limited

#: Functions whose value is one branch of a many-valued inverse: a solution through one of
#: them (``atan``, ``LambertW``, ...) may be SymPy's principal solution only.
_BRANCHES = (
    sp.atan, sp.asin, sp.acos, sp.acot, sp.asec, sp.acsc, sp.acosh, sp.asech, sp.LambertW,
    sp.CRootOf, sp.Mod, sp.floor, sp.ceiling, sp.Piecewise, sp.arg,
)
#: Functions of the solved-for variable that make a premise many-to-one (periodic, or
#: folding: ``|x|``, ``sign``, ``min``/``max``).
_FOLDS = (
    sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc, sp.Abs, sp.sign, sp.Min, sp.Max,
    sp.cosh, sp.sech, sp.floor, sp.ceiling, sp.Mod, sp.frac,
)


def chooses_a_branch(g: sp.Expr, x: sp.Basic, solution: sp.Expr) -> bool:
    """True when ``x = solution`` may be one branch of the premise ``g(x) = s`` only, so
    that the substitution would miss points where the premise holds: the solution goes
    through a principal-branch inverse (``atan``, ``asin``, ``LambertW``, a root object,
    rounding), or ``x`` sits inside a periodic or folding function of the premise (``tan``,
    ``|x|``, ``max``), or under a fractional power (``x^(2/3) = y`` has ``x = ±y^(3/2)``).
    SymPy's :func:`~sympy.solve` then returns its principal solution as if it were the only
    one (``tan(x) = y`` gives ``x = atan(y)``; ``x e^x = y`` gives ``LambertW(y)``)."""
    if solution.has(*_BRANCHES):
        return True
    for f in g.atoms(*_FOLDS):
        if f.has(x):
            return True
    for pw in g.atoms(sp.Pow):
        if pw.base.has(x) and pw.exp.is_Rational and not pw.exp.is_integer:
            return True
    return False


def misses_points(
    g: sp.Expr, kind: str, solution: sp.Expr, params: Sequence[Param] = (),
    nonzero: Sequence[sp.Basic] = (),
) -> bool:
    """True when the solution ``x = solution`` of the premise ``g >= 0`` (``> 0``, ``= 0``;
    ``kind``) may miss points where the premise holds: a factor of its denominator can vanish
    there (``a (x - y) <= 0`` holds for every ``x`` at ``a = 0``: ``x = y - s/a`` misses
    them). A factor is harmless when SymPy sees it non-zero; when it has one variable and at
    each root the root is outside the variable's interval (``params``) or the premise is false
    or undefined there (``p (1 - r) < 1 - 2 r`` at ``r = 1``); or when it is in ``nonzero``
    (stated > 0, < 0 or != 0: :func:`stated_nonzero`). Unfactored in time: True."""
    domains = {p.symbol: interval_of(p) for p in params if p.kind == "real" or p.is_integer}
    try:  # factor(exp(x) - exp(5999999/2000000)) runs for hours (time_limits)
        den = limited("factor a denominator", sp.factor, sp.denom(sp.together(solution)))
    except ProverTimeLimit:
        return True  # its factors unknown: one may vanish where the premise holds
    for f in sp.Mul.make_args(den):
        base = f.base if f.is_Pow else f
        if base.is_number or base.is_nonzero or listed(base, nonzero):
            continue
        if not _premise_false_at_zero(g, kind, base, domains):
            return True
    return False


def _premise_false_at_zero(g: sp.Expr, kind: str, factor: sp.Expr,
                           domains: Mapping[sp.Basic, sp.Interval]) -> bool:
    """The premise ``g (kind) 0`` fails wherever the one-variable ``factor`` vanishes in its
    variable's interval (:func:`misses_points`); False when that is not shown in time."""
    if len(factor.free_symbols) != 1:
        return False
    (v,) = factor.free_symbols
    try:
        roots = limited("solve a denominator", sp.solve, factor, v)
        ats = [limited("simplify a premise at a root", sp.simplify, g.subs(v, r)) for r in roots]
    except Exception:  # noqa: BLE001 - no roots known (in time): it may vanish anywhere
        return False
    for r, at in zip(roots, ats, strict=True):
        if v in domains and (r.is_real is False or domains[v].contains(r) is sp.false):
            continue
        if at.has(sp.zoo, sp.nan):
            continue  # the premise is undefined there: it does not hold
        false = {">=": at.is_negative, ">": at.is_nonpositive, "=": at.is_nonzero}[kind]
        if false is not True:
            return False
    return True


def interval_of(p: Param) -> sp.Interval:
    """The real interval ``[lo, hi]`` of a parameter (open ends as declared; an integer
    parameter's interval contains its integers)."""
    lo = -sp.oo if p.lo is None else p.exact_lo
    hi = sp.oo if p.hi is None else p.exact_hi
    return sp.Interval(lo, hi, p.lo_open or p.lo is None, p.hi_open or p.hi is None)


__all__ = ["chooses_a_branch", "interval_of", "misses_points"]
