r"""A small, sound prover of :math:`D \ge 0` (or :math:`D > 0`) on a parameter domain, for the
third mutation model (:mod:`hallbound.proofs_checks.mutation.bound_models`).

The domain is written with positive symbols so that SymPy's assumption system can see the
signs: :math:`N = N_0 + n` (:math:`n \ge 0` an integer), :math:`\gamma = 1/(1 + v)` and
:math:`\varphi_0 = w/(1 + w)` (:math:`v, w > 0`), logarithms expanded. :func:`proved_sign`
then tries, in order (every rule is an implication, so a True answer is a proof):

* SymPy's assumptions say the sign (``is_nonnegative`` / ``is_positive``);
* a common factor SymPy knows to be positive is removed;
* :math:`D = P - Q` with :math:`P, Q \ge 0` (each by SymPy) and :math:`P^2 - Q^2` of the
  wanted sign (recursively, to a fixed depth): :math:`P - Q = (P^2 - Q^2)/(P + Q)`;
* :math:`D` over a common denominator: a positive denominator, a numerator of the sign.

Anything else is "not proved" (None), never a guess."""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

_DEPTH = 4


def domain_form(expr: sp.Basic, ints: Mapping[str, int], unit: tuple[str, ...] = (),
                open_unit: tuple[str, ...] = ()) -> sp.Basic:
    r"""``expr`` over positive symbols: an integer parameter ``name >= ints[name]`` becomes
    ``ints[name] + n`` (``n`` a nonnegative integer); a parameter in ``unit`` (the interval
    :math:`(0, 1)`) becomes :math:`1/(1 + v)`, one in ``open_unit`` :math:`v/(1 + v)`
    (:math:`v > 0`); logarithms are expanded."""
    table: dict[sp.Basic, sp.Basic] = {}
    for s in expr.free_symbols:
        name = getattr(s, "name", "")
        if name in ints:
            table[s] = ints[name] + sp.Symbol(f"_{name}", integer=True, nonnegative=True)
        elif name in unit:
            table[s] = 1 / (1 + sp.Symbol(f"_{name}", positive=True))
        elif name in open_unit:
            v = sp.Symbol(f"_{name}", positive=True)
            table[s] = v / (1 + v)
    out = expr.xreplace(table)
    return out.replace(lambda x: isinstance(x, sp.log), _split_log)


def _split_log(x: sp.Basic) -> sp.Basic:
    r""":math:`\log` of a product as the sum of the logs of its factors (the argument is
    positive on the domain: each factor is a positive constant or a positive polynomial)."""
    num, den = sp.fraction(sp.factor(x.args[0]))
    out = sp.Integer(0)
    for part, sign in ((num, 1), (den, -1)):
        coeff, factors = sp.factor_list(part)
        if not all(f.is_positive for f, _ in factors) or not coeff.is_positive:
            return x
        out += sign * (sp.log(coeff) + sum((k * sp.log(f) for f, k in factors), sp.Integer(0)))
    return out


def _collect(e: sp.Basic) -> sp.Basic:
    """A sum with the terms of the same symbolic part added: their numeric coefficients
    summed (``2 x - sqrt(2) x`` becomes ``(2 - sqrt(2)) x``)."""
    parts: dict[sp.Basic, sp.Basic] = {}
    for t in e.args:
        coeff, part = t.as_independent(*e.free_symbols, as_Add=False)
        parts[part] = parts.get(part, sp.Integer(0)) + coeff
    return sp.Add(*(sp.Mul(c, p, evaluate=False) if c != 1 else p for p, c in parts.items()))


def _known(e: sp.Basic, strict: bool) -> bool:
    return bool(e.is_positive) if strict else bool(e.is_nonnegative)


def proved_sign(expr: sp.Basic, strict: bool = False, depth: int = _DEPTH) -> bool:
    """True when ``expr >= 0`` (``> 0`` with ``strict``) is shown by the rules of the module
    doc on the positive-symbol form (:func:`domain_form`); False when not shown."""
    if _known(expr, strict):
        return True
    if depth <= 0:
        return False
    e = sp.factor_terms(expr)
    if e.is_Mul:
        unknown = [f for f in e.args if not f.is_positive]
        if not unknown:
            return True
        if len(unknown) == 1 and unknown[0] != e:
            return proved_sign(unknown[0], strict, depth - 1)
        return False
    if e.is_Add:
        grouped = _collect(e)
        if len(sp.Add.make_args(grouped)) < len(e.args):
            return proved_sign(grouped, strict, depth - 1)
        const = sp.Add(*(t for t in e.args if t.is_number))
        terms = [t for t in e.args if not t.is_number] + ([const] if const != 0 else [])
        pos = [t for t in terms if t.is_nonnegative]
        neg = [-t for t in terms if not t.is_nonnegative]
        if not neg:  # a sum of terms >= 0 (> 0 when one is)
            return not strict or any(t.is_positive for t in pos)
        if pos and neg and all(t.is_nonnegative for t in neg):
            p, q = sp.Add(*pos), sp.Add(*neg)
            if proved_sign(sp.factor(sp.expand(p**2 - q**2)), strict, depth - 1):
                return True
        num, den = sp.fraction(sp.together(e))
        if den != 1 and den.is_positive and num != e:
            return proved_sign(sp.expand(num), strict, depth - 1)
    return False
