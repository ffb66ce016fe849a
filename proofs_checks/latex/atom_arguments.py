r"""The canonical form of an expectation's argument, so that equal random quantities written
differently are keyed as the same atom (:mod:`.math_atoms`).

Only identities that hold for every value of every symbol are applied, over finite index
ranges (a sum or product with an infinite limit is left as written):

* :math:`\prod_{i=a}^{b} e^{u_i} = e^{\sum_{i=a}^{b} u_i}` (also for an empty or backward range:
  both sides follow the same convention, :math:`e^0 = 1` and :math:`e^{-S} = 1/e^{S}`);
* :math:`e^{u} e^{v} = e^{u + v}`;
* :math:`\sum_i (c\,g_i + h_i) = c \sum_i g_i + \sum_i h_i` for a factor :math:`c` free of the
  index;
* polynomial expansion of an exponent.

So :math:`\mathbb{E}[e^{t \sum_{i=1}^n X_i}]` and :math:`\mathbb{E}[\prod_{i=1}^n e^{t X_i}]` are
one atom. Independence (:math:`\mathbb{E}[\prod] = \prod \mathbb{E}`) is *not* such an identity and
is never applied.
"""

from __future__ import annotations

import sympy as sp

#: Arguments larger than this (SymPy operation count) are keyed as written.
MAX_OPS = 200


def canonical_argument(arg: sp.Basic) -> sp.Basic:
    """``arg`` with the identities of the module doc applied (``arg`` itself when it has no
    ``exp``/``Sum``/``Product``, is not a scalar expression, or would grow too large)."""
    if not isinstance(arg, sp.Expr) or not arg.has(sp.exp, sp.Sum, sp.Product):
        return arg
    if sp.count_ops(arg) > MAX_OPS:
        return arg
    try:
        out = _rewrite(arg)
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        return arg
    return out if sp.count_ops(out) <= 2 * MAX_OPS else arg


def _finite(limits: tuple) -> bool:
    """Every bound of every ``(i, a, b)`` limit is finite (no ``oo``/``zoo``/``nan``)."""
    return all(
        len(lim) == 3 and not any(b.has(sp.oo, -sp.oo, sp.zoo, sp.nan) for b in lim[1:])
        for lim in limits
    )


def _rewrite(e: sp.Basic) -> sp.Basic:
    """Bottom-up rewrite: products of exponentials, exponents, sums (module doc)."""
    if e.is_Atom or not isinstance(e, sp.Expr):
        return e
    if isinstance(e, (sp.Sum, sp.Product)):
        body = _rewrite(e.function)
        if not _finite(e.limits):
            return e.func(body, *e.limits)
        if isinstance(e, sp.Product):
            body = _merge_exps(body)
            if isinstance(body, sp.exp):
                return sp.exp(_exponent(sp.Sum(body.args[0], *e.limits)))
            return sp.Product(body, *e.limits)
        return _split_sum(body, e.limits)
    args = [_rewrite(a) for a in e.args]
    if isinstance(e, sp.exp):
        return sp.exp(_exponent(args[0]))
    out = e.func(*args)
    return _merge_exps(out) if isinstance(out, sp.Mul) else out


def _merge_exps(e: sp.Basic) -> sp.Basic:
    """``e^u e^v w -> e^{u+v} w`` in a product (other factors kept)."""
    if not isinstance(e, sp.Mul):
        return e
    exps = [f for f in e.args if isinstance(f, sp.exp)]
    if len(exps) < 2:
        return e
    rest = [f for f in e.args if not isinstance(f, sp.exp)]
    return sp.Mul(*rest, sp.exp(_exponent(sp.Add(*(f.args[0] for f in exps)))))


def _exponent(u: sp.Basic) -> sp.Basic:
    """An exponent in canonical form: expanded, its sums split and their constants pulled out."""
    u = sp.expand(u, power_exp=False, log=False, multinomial=False)
    return sp.Add(*(_split_term(t) for t in sp.Add.make_args(u)))


def _split_term(t: sp.Basic) -> sp.Basic:
    """A term whose factors may be finite sums: each sum split (:func:`_split_sum`)."""
    if isinstance(t, sp.Sum) and _finite(t.limits):
        return _split_sum(t.function, t.limits)
    if isinstance(t, sp.Mul):
        return sp.Mul(*(_split_term(f) for f in t.args))
    return t


def _split_sum(body: sp.Basic, limits: tuple) -> sp.Basic:
    r""":math:`\sum (c g + h) = c \sum g + \sum h` (``c`` free of the indices)."""
    if not _finite(limits):
        return sp.Sum(body, *limits)
    indices = {lim[0] for lim in limits}
    body = sp.expand(body, power_exp=False, log=False, multinomial=False)
    out = sp.Integer(0)
    for term in sp.Add.make_args(body):
        free, bound = [], []
        for f in sp.Mul.make_args(term):
            (bound if f.free_symbols & indices else free).append(f)
        if not bound:
            out += sp.Mul(*free) * _count(limits)
            continue
        out += sp.Mul(*free) * sp.Sum(sp.Mul(*bound), *limits)
    return out


def _count(limits: tuple) -> sp.Basic:
    """The value of :math:`\\sum 1` over ``limits`` (SymPy's sum of 1, written as a Sum when
    a bound is symbolic, so that it is not turned into ``b - a + 1`` on a backward range)."""
    return sp.Sum(sp.Integer(1), *limits)


__all__ = ["MAX_OPS", "canonical_argument"]
