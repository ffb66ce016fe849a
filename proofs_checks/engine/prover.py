r"""Symbolic proofs with SymPy and its assumption system.

An equality ``lhs = rhs`` is PROVED when some rewriting of :math:`\text{lhs}-\text{rhs}`
simplifies to 0. An inequality is normalised to :math:`g \ge 0` (or :math:`g > 0`) and
PROVED when

* SymPy's assumptions decide the sign of some rewriting of ``g`` (expanded, factored,
  combined, or, for two positive sides, the logarithm of their ratio); or
* (calculus) ``g``, stripped of factors SymPy knows to be positive, depends on one symbol
  ``x`` ranging over an interval ``I``, is continuous on ``I``, its critical points in ``I``
  form a finite set, and ``g`` is non-negative at them, at the closed ends of ``I`` and in
  the limit at the open ends: then :math:`\inf_I g \ge 0`.

Finite sums (``Sum``) are expanded and constant factors pulled out before ``given`` (the
premises) is substituted. No ``force=True`` rewriting is used.

A finite sum or product whose range may be empty, backwards or run to a non-whole bound is
opaque to a proof (:mod:`~hallbound.proofs_checks.engine.sum_ranges`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy as sp
from sympy.calculus.util import continuous_domain
from sympy.simplify.simplify import factor_sum

from hallbound.proofs_checks.engine.sum_ranges import finite, improper_ranges, opaque_improper
from hallbound.proofs_checks.engine.time_limits import limited
from hallbound.proofs_checks.library.randomness import Pr, _Operator

_REWRITES: tuple[Callable[[sp.Expr], sp.Expr], ...] = (
    lambda e: e.doit(deep=False) if isinstance(e, sp.Derivative | sp.Subs) else e,
    lambda e: e.replace(lambda x: isinstance(x, sp.Derivative | sp.Subs), lambda x: x.doit()),
    sp.expand,
    sp.simplify,
    sp.factor,
    sp.together,
    lambda e: sp.expand(sp.powsimp(sp.expand_log(e))),
    lambda e: sp.simplify(sp.expand(e)),
    lambda e: sp.factor(sp.expand(e)),
    lambda e: sp.expand(sp.expand_power_base(sp.powdenest(e))),
    lambda e: sp.simplify(sp.logcombine(sp.expand_log(e))),
)


def substitute(expr: sp.Basic, given: Mapping[sp.Basic, sp.Basic] | None) -> sp.Basic:
    """Apply the premise substitution (simultaneously), after normalising finite sums."""
    expr = normalize_sums(expr)
    if not given:
        return expr
    expr = expr.subs(dict(given), simultaneous=True)
    expr = normalize_sums(expr.xreplace(dict(given)))  # also inside sums (bound indices)
    return normalize_sums(expr.xreplace(dict(given)))


def normalize_sums(expr: sp.Basic) -> sp.Basic:
    """Linearity: expand finite sums and integrals, pulling out factors that do not depend
    on the summation/integration variable."""
    if not isinstance(expr, sp.Basic) or getattr(expr, "is_Matrix", False):
        return expr
    if not expr.has(sp.Sum, sp.Integral):
        return expr
    expr = sp.expand(expr)
    expr = expr.replace(lambda e: isinstance(e, sp.Integral), _split_integral)
    return expr.replace(lambda e: isinstance(e, sp.Sum), lambda s: factor_sum(s))


def canonical_sums(expr: sp.Basic) -> sp.Basic:
    """Merge nested finite sums into one multiple sum with its limits in a fixed order
    (Fubini for finite sums), then expand and pull out constants."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum):
        return expr

    def merge(s: sp.Sum) -> sp.Expr:
        body = sp.expand(s.function)
        terms = []
        for term in sp.Add.make_args(body):
            inner = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Sum)]
            if len(inner) == 1:
                rest = sp.Mul(*[f for f in sp.Mul.make_args(term) if f is not inner[0]])
                vars_in = {lim[0] for lim in inner[0].limits}
                if not (rest.free_symbols & vars_in):
                    term = sp.Sum(rest * inner[0].function, *inner[0].limits, *s.limits)
                    term = merge(term)
                    terms.append(term)
                    continue
            terms.append(sp.Sum(term, *s.limits))
        return sp.Add(*terms)

    def order(s: sp.Sum) -> sp.Sum:
        variables = {lim[0] for lim in s.limits}
        if any((lim[1].free_symbols | lim[2].free_symbols) & variables for lim in s.limits):
            return s
        return sp.Sum(s.function, *sorted(s.limits, key=lambda lim: str(lim[0])))

    expr = normalize_sums(expr)
    expr = expr.replace(lambda e: isinstance(e, sp.Sum), merge)
    expr = expr.replace(lambda e: isinstance(e, sp.Sum), order)
    return normalize_sums(expr)


def _split_integral(integral: sp.Integral) -> sp.Expr:
    variables = [lim[0] for lim in integral.limits]
    out = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(integral.function)):
        const, dep = term.as_independent(*variables, as_Add=False)
        out += const * sp.Integral(dep, *integral.limits)
    return out


def _doit(e: sp.Basic) -> sp.Basic:
    if getattr(e, "is_Matrix", False):
        e = e.doit() if hasattr(e, "doit") else e
        if getattr(e, "shape", None) == (1, 1):
            return e[0, 0]
    return e


def opaque_operators(expr: sp.Basic) -> sp.Basic:
    """``expr`` with each outermost ``Pr``/``E``/``Var``/``Cov`` term replaced by an undefined
    real function of that term's free symbols (equal terms by the same function). An identity
    of the result is one of ``expr`` (substitute the terms back), and SymPy's solvers and
    derivatives, which ``simplify`` of a ``Sum`` calls (a telescoping solve), need not look
    inside an event: they fail on one (``Not`` has no ``_diff_wrt``)."""
    ops = sorted(expr.atoms(_Operator), key=sp.default_sort_key)
    if not ops:
        return expr
    reps: dict[sp.Basic, sp.Basic] = {}
    for j, op in enumerate(ops):
        args = sorted(op.free_symbols, key=sp.default_sort_key)
        term = sp.Function(f"_op{j}", real=True)
        reps[op] = term(*args) if args else sp.Dummy(f"_op{j}", real=True)
    return expr.xreplace(reps)


def opaque_ranges(*exprs: sp.Basic) -> list[sp.Basic]:
    """``exprs`` with finite sums expanded by linearity (:func:`normalize_sums`), then each
    sum or product whose range may be improper made opaque
    (:func:`~hallbound.proofs_checks.engine.sum_ranges.opaque_improper`); unchanged when
    there is none."""
    if not improper_ranges(*exprs):
        return list(exprs)
    return opaque_improper(*(normalize_sums(x) if isinstance(x, sp.Basic) else x
                             for x in exprs))


def prove_equal(lhs: sp.Basic, rhs: sp.Basic) -> str | None:
    """Name of the rewrite that takes ``lhs - rhs`` to 0, or None (an improper range is
    opaque: :func:`opaque_ranges`)."""
    lhs, rhs = _doit(lhs), _doit(rhs)
    if not (getattr(lhs, "is_Matrix", False) or getattr(rhs, "is_Matrix", False)):
        lhs, rhs = opaque_ranges(lhs, rhs)
    if getattr(lhs, "is_Matrix", False) or getattr(rhs, "is_Matrix", False):
        try:
            diff = limited("simplify (matrix)", sp.simplify, lhs - rhs)
        except Exception:  # noqa: BLE001 - cut off or failed: no proof
            return None
        zero = diff == sp.ZeroMatrix(*diff.shape) or getattr(diff, "is_ZeroMatrix", False)
        return "sympy.simplify (matrix)" if zero else None
    diff = normalize_sums(lhs - rhs)
    for i, rewrite in enumerate(_REWRITES):
        try:
            zero = limited(f"rewrite {i} of lhs - rhs", _is_zero, rewrite, diff)
        except Exception:  # noqa: BLE001 - a rewrite that fails is just not a proof
            continue
        if zero:
            return f"sympy: lhs - rhs simplifies to 0 (rewrite {i})"
    try:
        merged = diff.has(sp.Sum) and limited(
            "merging finite sums", lambda: sp.simplify(opaque_operators(canonical_sums(diff)))
        ) == 0
    except Exception:  # noqa: BLE001 - cut off or failed: no proof
        merged = False
    if merged:
        return "sympy: lhs - rhs is 0 after merging and reordering finite sums"
    return None


def _is_zero(rewrite: Callable[[sp.Expr], sp.Expr], diff: sp.Expr) -> bool:
    r = normalize_sums(rewrite(diff))
    return bool(r == 0 or getattr(r, "is_zero", None) is True)


def prove_sign(g: sp.Expr, strict: bool) -> str | None:
    """Name of the rewrite whose sign SymPy decides as ``g >= 0`` (``g > 0`` if strict).

    First with each probability ``Pr[A]`` replaced by a non-negative atom (equal terms by
    the same atom): SymPy's sign rules use only that ``Pr[A] >= 0``, and simplifying the
    events inside is slow; a sign shown for every value of the atoms holds for theirs. Then,
    if that fails, on ``g`` itself (events simplified: two terms may turn out equal), except
    when ``g`` has one probability term whose event has a free symbol (simplified, such an
    event stays an event: no second term to match, no constant to fold). An improper range
    is opaque (:func:`opaque_ranges`)."""
    (g,) = opaque_ranges(g)
    atoms = {p: sp.Dummy("pr", nonnegative=True) for p in g.atoms(Pr)} if g.has(Pr) else {}
    if atoms:
        how = _prove_sign(g.xreplace(atoms), strict)
        if how or (len(atoms) == 1 and all(p.args[0].free_symbols for p in atoms)):
            return how
    return _prove_sign(g, strict)


def _prove_sign(g: sp.Expr, strict: bool) -> str | None:
    for i, rewrite in enumerate(_REWRITES):
        try:
            ok = limited(f"rewrite {i} of rhs - lhs", _signed, rewrite, g, strict)
        except Exception:  # noqa: BLE001 - failed or cut off: no proof from this rewrite
            continue
        if ok:
            return f"sympy assumptions: sign of rhs - lhs (rewrite {i})"
    return None


def _signed(rewrite: Callable[[sp.Expr], sp.Expr], g: sp.Expr, strict: bool) -> bool:
    r = normalize_sums(rewrite(g))
    return (r.is_positive if strict else r.is_nonnegative) is True


def _strip_positive(g: sp.Expr) -> sp.Expr:
    f = sp.factor(g)
    if f.is_Mul:
        keep = [a for a in f.args if a.is_positive is not True]
        return sp.Mul(*keep)
    return f


def prove_by_calculus(
    g: sp.Expr, strict: bool, domains: Mapping[sp.Symbol, sp.Interval]
) -> str | None:
    """Global minimum of a one-variable ``g`` over its interval (see the module doc)."""
    try:
        h = limited("factor (calculus)", _strip_positive, g)
    except Exception:  # noqa: BLE001 - failed or cut off: no proof
        return None
    if len(h.free_symbols) != 1:  # the strategy is for one variable only (see the module doc)
        return None
    for x in sorted(h.free_symbols & set(domains), key=str):
        interval = domains[x]
        try:
            how = limited("calculus (critical points, limits)", _univariate_min, h, x,
                          interval, strict)
        except Exception:  # noqa: BLE001 - SymPy could not decide, or was cut off: no proof
            how = None
        if how:
            return how
    return None


def _nonneg(v: sp.Expr, strict: bool) -> bool:
    v = sp.simplify(v)
    if v is sp.oo:
        return True
    ok = v.is_positive if strict else v.is_nonnegative
    return ok is True


def _univariate_min(h: sp.Expr, x: sp.Symbol, interval: sp.Interval, strict: bool) -> str | None:
    if continuous_domain(h, x, interval) != interval:
        return None
    interior = sp.Interval.open(interval.start, interval.end)
    crit = sp.solveset(sp.diff(h, x), x, interior)
    if crit is sp.S.EmptySet:
        crit = []
    elif isinstance(crit, sp.FiniteSet):
        crit = list(crit)
    else:
        return None
    points = [c for c in crit if interval.contains(c) is sp.true]
    if len(points) != len(crit):
        return None
    for c in points:
        if not _nonneg(h.subs(x, c), strict):
            return None
    for end, is_open, side in (
        (interval.start, interval.left_open, "+"),
        (interval.end, interval.right_open, "-"),
    ):
        if end.is_infinite or is_open:
            if not _nonneg(sp.limit(h, x, end, side), False):
                return None
        elif not _nonneg(h.subs(x, end), strict):
            return None
    return f"calculus: minimum of rhs - lhs over {x} in {interval} at critical points {points}"


def prove_relation(
    lhs: sp.Basic, rel: str, rhs: sp.Basic, domains: Mapping[sp.Symbol, sp.Interval] | None = None
) -> str | None:
    """A short description of a proof of ``lhs REL rhs``, or None."""
    if rel == "=" and (getattr(lhs, "is_Matrix", False) or getattr(rhs, "is_Matrix", False)):
        if lhs == rhs:
            return "sympy: equal matrix expressions"
        try:
            diff = limited("simplify (matrix)", sp.simplify, lhs - rhs)
        except Exception:  # noqa: BLE001 - cut off or failed: no proof
            diff = None
        if diff is not None and (diff == 0 or getattr(diff, "is_ZeroMatrix", False)):
            return "sympy: equal matrix expressions"
    lhs, rhs = _doit(sp.sympify(lhs)), _doit(sp.sympify(rhs))
    lhs, rhs = opaque_series(lhs, rhs)
    lhs, rhs = opaque_ranges(lhs, rhs)
    if rel == "=":
        return prove_equal(lhs, rhs)
    if rel in ("<=", "<"):
        small, big = lhs, rhs
    elif rel in (">=", ">"):
        small, big = rhs, lhs
    else:
        return None
    strict = rel in ("<", ">")
    op = "<" if strict else "<="
    how = _prove_min_max(small, op, big, domains)
    if how:
        return how
    how = _prove_order(small, big, strict, domains)
    if how:
        return how
    return _prove_with_probabilities(small, op, big, domains)


def opaque_series(*exprs: sp.Basic) -> list[sp.Basic]:
    r"""``exprs`` with each infinite series (a ``Sum`` with an infinite limit) replaced by its
    value when SymPy finds one (within the call limit), else by one opaque symbol per
    series: SymPy's ``simplify`` combines :math:`\sum (a_n - b_n) - \sum a_n + \sum b_n`
    to 0, linearity that holds only when the series converge, which nothing checks."""
    series = {e for x in exprs if isinstance(x, sp.Basic) and not getattr(x, "is_Matrix", False)
              for e in x.atoms(sp.Sum) if any(not finite(lim) for lim in e.limits[0][1:])}
    table: dict[sp.Basic, sp.Basic] = {}
    for k, e in enumerate(sorted(series, key=sp.default_sort_key)):
        try:
            value = limited("evaluate a series", e.doit)
        except Exception:  # noqa: BLE001 - no value in time: the series stays opaque
            value = e
        known = not value.has(sp.Sum) and value.is_finite is True
        table[e] = value if known else sp.Dummy(f"series{k}", real=True)
    return [x.xreplace(table) if table and isinstance(x, sp.Basic) else x for x in exprs]


def _finite_by_construction(
    e: sp.Basic, domains: Mapping[sp.Symbol, sp.Interval] | None
) -> bool:
    """``e`` is a finite real number: SymPy says so, and it is built only from symbols
    (real numbers by their declaration), numbers and SymPy's own functions. An opaque
    quantity declared real (an expectation, a variance, a norm: the project's ``Function``
    classes) or an integral, sum or product is not finite for that: SymPy counts every real
    as finite, but ``E[X^2]`` may be infinite."""
    del domains  # the symbols' domains do not matter: a real symbol is a finite number
    if not (e.is_real is True and e.is_finite is True):
        return False
    if e.has(sp.Integral, sp.Sum, sp.Product):
        return False
    return all(type(f).__module__.startswith("sympy.functions") for f in e.atoms(sp.Function))


def _prove_order(
    small: sp.Basic, big: sp.Basic, strict: bool, domains: Mapping[sp.Symbol, sp.Interval] | None
) -> str | None:
    """``small <= big`` (``<`` when strict) by the sign of ``big - small``; against an
    infinite side, by the other side being a finite real number."""
    if big == sp.oo and _finite_by_construction(small, domains):
        return "sympy assumptions: a finite real number is below oo"
    if small == -sp.oo and _finite_by_construction(big, domains):
        return "sympy assumptions: a finite real number is above -oo"
    raw = big - small
    if (raw.is_positive if strict else raw.is_nonnegative) is True:
        return "sympy assumptions: sign of rhs - lhs (as written)"
    g = normalize_sums(raw)
    how = prove_sign(g, strict)
    if how:
        return how
    if small.is_positive and big.is_positive:  # log of the ratio
        how = prove_sign(sp.log(big) - sp.log(small), strict)
        if how:
            return "log ratio; " + how
    if domains:
        return prove_by_calculus(g, strict, domains)
    return None


def _prove_min_max(
    small: sp.Basic, op: str, big: sp.Basic, domains: Mapping[sp.Symbol, sp.Interval] | None
) -> str | None:
    """:math:`s \\le \\min(a_1, \\dots, a_n)` iff :math:`s \\le a_i` for every i;
    :math:`\\max(a_1, \\dots, a_n) \\le b` iff :math:`a_i \\le b` for every i (each part
    proved by :func:`prove_relation`)."""
    if isinstance(big, sp.Min):
        parts = [(small, a) for a in big.args]
    elif isinstance(small, sp.Max):
        parts = [(a, big) for a in small.args]
    else:
        return None
    hows = [prove_relation(lo, op, hi, domains) for lo, hi in parts]
    if not all(hows):
        return None
    return "min/max: each argument: " + "; ".join(hows)


def _prove_with_probabilities(
    small: sp.Basic, op: str, big: sp.Basic, domains: Mapping[sp.Symbol, sp.Interval] | None
) -> str | None:
    """Each probability :math:`\\Pr[A]` read as a number in :math:`[0, 1]` (Kolmogorov's
    axioms: :math:`0 \\le \\Pr[A] \\le \\Pr[\\Omega] = 1`), the relation proved for every
    such number. Probabilities of different events are separate numbers (nothing else about
    them is used)."""
    from hallbound.proofs_checks.library.randomness import Pr

    atoms = sp.sympify(small).atoms(Pr) | sp.sympify(big).atoms(Pr)
    atoms = {a for a in atoms if not a.free_symbols & _bound_symbols(small, big)}
    if not atoms:
        return None
    table = {a: sp.Dummy("P", nonnegative=True) for a in sorted(atoms, key=sp.default_sort_key)}
    unit_domains = dict(domains or {}) | {d: sp.Interval(0, 1) for d in table.values()}
    how = prove_relation(small.xreplace(table), op, big.xreplace(table), unit_domains)
    return f"probabilities in [0, 1]: {how}" if how else None


def _bound_symbols(*exprs: sp.Basic) -> set[sp.Basic]:
    """Variables bound by a sum, product or integral in ``exprs``."""
    out: set[sp.Basic] = set()
    for e in exprs:
        for node in sp.preorder_traversal(sp.sympify(e)):
            if isinstance(node, sp.Sum | sp.Product | sp.Integral):
                out |= {lim[0] for lim in node.limits}
    return out
