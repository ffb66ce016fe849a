r"""SymPy expressions as Coq terms over ``R`` (Coq's standard library reals), soundly.

:func:`to_coq` writes an expression as a Coq term and lists the **side conditions** under
which Coq's reading of it equals SymPy's. Coq's functions are total where SymPy's are not:
``sqrt`` of a negative number is 0 in Coq (imaginary in SymPy), ``ln`` of a non-positive
number is 0 (complex or ``zoo``), ``Rpower b e = exp (e ln b)`` (so ``Rpower 0 (1/3) = 1``
while SymPy's :math:`0^{1/3} = 0`), and :math:`x/0 = 0`. So

* :math:`a/b`, :math:`b^{-k}` need ``b <> 0``;
* :math:`\sqrt{b}`, :math:`b^{p/2}` (:math:`p > 0`) need ``0 <= b``; :math:`b^{-p/2}` needs
  ``0 < b``;
* :math:`\ln b` and :math:`b^e` for any other exponent ``e`` (``Rpower``) need ``0 < b``.

Where every side condition holds, the Coq term and the SymPy expression have the same real
value; the exporter makes Coq prove the conditions on the step's domain too (a lemma of its
own), so a kernel-checked step is true as SymPy states it. Integer, rational and ``pi``/``E``
constants are exact; floating-point numbers, sums, integrals, unknown functions, matrices and
anything else outside real arithmetic raise :class:`NotExportable` with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from hallbound.proofs_checks.kernel.coq_terms import (  # noqa: F401 - re-exported
    _RESERVED,
    NotExportable,
    Term,
    coq_name,
)


def number(value: sp.Rational) -> str:
    """An exact rational as a Coq real: ``3``, ``(- 3)``, ``(1 / 3)``, ``(- (7 / 2))``."""
    value = sp.Rational(value)
    p, q = abs(int(value.p)), int(value.q)
    body = str(p) if q == 1 else f"({p} / {q})"
    return body if value >= 0 else f"(- {body})"


def to_coq(expr: sp.Basic, names: Mapping[sp.Basic, str]) -> Term:
    """``expr`` as a Coq real term; ``names`` maps each free symbol to its Coq term (a real
    variable ``x``, or ``(IZR n)`` for an integer variable). :class:`NotExportable` on
    anything else (see the module doc)."""
    if not isinstance(expr, sp.Expr):
        raise NotExportable(f"{type(expr).__name__} is not a real expression")
    out = Term("")
    out.text = _term(sp.sympify(expr), names, out)
    return out


def _term(e: sp.Expr, names: Mapping[sp.Basic, str], out: Term) -> str:
    if e.is_Integer or e.is_Rational:
        return number(e)
    if e.is_Float:
        raise NotExportable(f"the floating-point constant {e} (no exact value)")
    if e in names:
        return names[e]
    if e is sp.pi:
        out.features.add("pi")
        return "PI"
    if e is sp.E:
        out.features.add("exp")
        return "(exp 1)"
    if isinstance(e, sp.Indexed):
        from hallbound.proofs_checks.kernel.sums import family_term

        entry = family_term(e, names)
        if entry is not None:
            return entry
    if isinstance(e, sp.Symbol | sp.Indexed):
        raise NotExportable(f"the symbol {e} has no declared domain")
    if isinstance(e, sp.Sum):
        from hallbound.proofs_checks.kernel.sums import sum_term

        return sum_term(e, names, out, _term)
    if isinstance(e, sp.Subs):  # f(t) at t = a: the substitution itself, then translated
        value = e.expr.xreplace(dict(zip(e.variables, e.point, strict=True)))
        if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise NotExportable(f"{sp.sstr(e)[:40]} is undefined")
        return _term(value, names, out)
    if e.is_Add:
        return "(" + " + ".join(_term(a, names, out) for a in _ordered(e.args)) + ")"
    if e.is_Mul:
        return _mul(e, names, out)
    if e.is_Pow:
        return _pow(e.base, e.exp, names, out)
    if isinstance(e, sp.exp):
        out.features.add("exp")
        return f"(exp {_term(e.args[0], names, out)})"
    if isinstance(e, sp.log):
        if len(e.args) != 1:
            raise NotExportable("a logarithm to a base")
        arg = _term(e.args[0], names, out)
        _condition(out, e.args[0], f"0 < {arg}")
        out.features.add("ln")
        return f"(ln {arg})"
    if isinstance(e, sp.Abs):
        out.features.add("abs")
        return f"(Rabs {_term(e.args[0], names, out)})"
    if isinstance(e, sp.Max | sp.Min):
        out.features.add("minmax")
        fn = "Rmax" if isinstance(e, sp.Max) else "Rmin"
        args = [_term(a, names, out) for a in _ordered(e.args)]
        text = args[0]
        for a in args[1:]:
            text = f"({fn} {text} {a})"
        return text
    if e.is_number and e.is_real is False:
        raise NotExportable(f"the non-real number {e}")
    raise NotExportable(f"{type(e).__name__} ({sp.sstr(e)[:40]}) is not real arithmetic")


def _ordered(args: tuple) -> list[sp.Expr]:
    return sorted(args, key=sp.default_sort_key)


def _mul(e: sp.Expr, names: Mapping[sp.Basic, str], out: Term) -> str:
    """A product: numerator factors times ``1 / (denominator)`` (the denominator != 0)."""
    num, den = [], []
    for f in _ordered(e.args):
        if f.is_Pow and f.exp.is_Integer and f.exp < 0:
            den.append(f.base ** -f.exp)
        elif f.is_Rational and f.q != 1:
            num.append(sp.Integer(f.p))
            den.append(sp.Integer(f.q))
        else:
            num.append(f)
    top = " * ".join(_term(f, names, out) for f in num) if num else "1"
    if not den:
        return f"({top})"
    bottom_expr = sp.Mul(*den, evaluate=False) if len(den) > 1 else den[0]
    bottom = " * ".join(_term(f, names, out) for f in den)
    _condition(out, bottom_expr, f"({bottom}) <> 0")
    out.features.add("div")
    return f"(({top}) / ({bottom}))"


def _pow(base: sp.Expr, ex: sp.Expr, names: Mapping[sp.Basic, str], out: Term) -> str:
    if ex.is_Integer:
        k = int(ex)
        b = _term(base, names, out)
        if k >= 0:
            return f"({b} ^ {k})"
        _condition(out, base, f"{b} <> 0")
        out.features.add("div")
        return f"(1 / {b})" if k == -1 else f"(1 / ({b} ^ {-k}))"
    if ex.is_Rational and ex.q == 2:
        b = _term(base, names, out)
        k = int(ex.p)
        out.features.add("sqrt")
        root = f"(sqrt {b})" if abs(k) == 1 else f"(sqrt {b} ^ {abs(k)})"
        if k > 0:
            _condition(out, base, f"0 <= {b}")
            return root
        _condition(out, base, f"0 < {b}")
        out.features.add("div")
        return f"(1 / {root})"
    if base is sp.E:
        out.features.add("exp")
        return f"(exp {_term(ex, names, out)})"
    b = _term(base, names, out)
    _condition(out, base, f"0 < {b}")
    if f"0 < {b}" in out.conditions and f"0 < {b}" not in out.stronger:
        out.stronger.append(f"0 < {b}")
    out.features.add("rpower")
    return f"(Rpower {b} {_term(ex, names, out)})"


def _condition(out: Term, expr: sp.Expr, text: str) -> None:
    """Record a side condition (``0 < b``, ``0 <= b`` or ``b <> 0``) unless ``expr`` is a
    constant SymPy sees satisfy it."""
    if expr.is_number:
        holds = (expr.is_nonzero if text.endswith("<> 0") else
                 expr.is_nonnegative if text.startswith("0 <= ") else expr.is_positive)
        if holds is True:
            return
    if text not in out.conditions:
        out.conditions.append(text)


#: Relations and their Coq notation.
COQ_REL = {"=": "=", "<=": "<=", "<": "<", ">=": ">=", ">": ">"}
