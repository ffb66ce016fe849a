r"""Values built by the LaTeX parser: numbers, products, quotients, powers, norms.

Each helper applies the parser's limits (:data:`MAX_LITERAL_DIGITS`, :data:`MAX_EXPONENT`,
:data:`MAX_RESULT_DIGITS`) and raises the parser's error (``p.fail``) for what it refuses:
a complex or too large exponent, a number tower, the power of a matrix other than ``^{-1}``.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_tokens import (
    MAX_EXPONENT,
    MAX_LITERAL_DIGITS,
    MAX_RESULT_DIGITS,
    Token,
)


def _number(t: Token, p: Any) -> sp.Expr:
    digits = t.text.replace(".", "")
    if len(digits) > MAX_LITERAL_DIGITS:
        raise p.fail(f"number literal longer than {MAX_LITERAL_DIGITS} digits", t.offset)
    if "." in t.text:
        whole, frac = t.text.split(".")
        return sp.Rational(int(whole or "0") * 10 ** len(frac) + int(frac), 10 ** len(frac))
    return sp.Integer(int(t.text))


def _scalar(x: sp.Basic) -> sp.Basic:
    if isinstance(x, sp.MatrixBase) and x.shape == (1, 1):
        return x[0, 0]
    return x


def _mul(a: sp.Basic, b: sp.Basic) -> sp.Basic:
    if isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase):
        if a.shape[1] != b.shape[0]:
            raise ValueError(f"matrix shapes {a.shape} and {b.shape} do not multiply")
        return _scalar(a * b)
    return a * b


def _div(a: sp.Basic, b: sp.Basic, p: Any) -> sp.Basic:
    if isinstance(b, sp.MatrixBase):
        if b.shape != (1, 1):
            raise p.fail("division by a vector or matrix")
        b = b[0, 0]
    return a / b


def _pow(base: sp.Basic, ex: sp.Basic, p: Any, at: int) -> sp.Basic:
    if isinstance(ex, sp.MatrixBase):
        raise p.fail("a vector or matrix exponent", at)
    if isinstance(base, sp.MatrixBase):
        if ex == -1 and base.shape[0] == base.shape[1]:
            return base.inv()
        if base.shape == (1, 1):
            base = base[0, 0]
        elif ex == 2 and base.shape[1] == 1:  # x^2 for a vector: its squared norm
            return sum(v**2 for v in base)
        else:
            raise p.fail("a power of a vector or matrix (only ^{-1} and ^\\top)", at)
    if ex.is_number:
        value = sp.N(ex, 20)
        if not value.is_real:
            raise p.fail("a complex exponent", at)
        if abs(float(value)) > MAX_EXPONENT:
            raise p.fail(f"exponent {ex} too large (limit {MAX_EXPONENT})", at)
        if base.is_number and base.is_Rational and ex.is_Rational:
            digits = max(len(str(abs(base.p))), len(str(base.q)))
            if digits * abs(float(ex)) > MAX_RESULT_DIGITS:
                raise p.fail(f"power {base}^{ex} too large", at)
    elif base.is_number and base != sp.E:
        b = sp.N(base, 20)
        if b.is_real and abs(float(b)) > 1 and _unbounded_number_tower(ex):
            raise p.fail("exponent tower too large", at)
    if base == sp.E:
        return sp.exp(ex)
    return sp.Pow(base, ex)


def _unbounded_number_tower(ex: sp.Basic) -> bool:
    return any(isinstance(a, sp.Pow) and a.base.is_number for a in sp.preorder_traversal(ex))


def _transpose(base: sp.Basic, p: Any, at: int) -> sp.Basic:
    r"""``base^\top``: the transpose of a declared vector or matrix; a number, or a scalar
    made only of declared objects' entries (``(x^\top y)^\top``), is its own transpose. The
    transpose of any other name is refused: it says that the name is a vector or matrix,
    which the reader would otherwise take for a number (``A^\top B = B A^\top``)."""
    if isinstance(base, sp.MatrixBase):
        return base.T
    entries: set[sp.Basic] = set()
    for obj in p.scope.objects.values():
        entries |= obj.free_symbols
    if not base.free_symbols <= entries:
        shown = ", ".join(sorted(p.scope.latex.get(s, str(s)) for s in base.free_symbols
                                 - entries))
        raise p.fail(f"a transpose of {shown} (not declared a vector or matrix): declare "
                     "it (assume x \\in \\mathbb{R}^{d}, or A \\succ 0)", at)
    return base


def _abs(x: sp.Basic) -> sp.Basic:
    if isinstance(x, sp.MatrixBase):
        if x.shape == (1, 1):
            return sp.Abs(x[0, 0])
        return _norm(x)
    return sp.Abs(x)


def _ceiling(x: sp.Basic) -> sp.Basic:
    """``\\lceil x \\rceil``: the least integer >= x, of a number only."""
    if isinstance(x, sp.MatrixBase):
        raise ValueError("the ceiling of a vector or matrix is not supported")
    return sp.ceiling(x)


def _floor(x: sp.Basic) -> sp.Basic:
    """``\\lfloor x \\rfloor``: the greatest integer <= x, of a number only."""
    if isinstance(x, sp.MatrixBase):
        raise ValueError("the floor of a vector or matrix is not supported")
    return sp.floor(x)


def _norm(x: sp.Basic) -> sp.Basic:
    if isinstance(x, sp.MatrixBase):
        if x.shape[1] != 1 and x.shape[0] != 1:
            raise ValueError("the norm of a matrix is not supported")
        return sp.sqrt(sum(v**2 for v in x))
    return sp.Abs(x)
