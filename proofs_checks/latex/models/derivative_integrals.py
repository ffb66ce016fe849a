r"""Calculus identities over unspecified functions and their derivatives:
``4 \int_0^{1/2} g'(u) g(u)\,du = 2 \left[g(u)^2\right]_0^{1/2}``,
``\int_a^b f'(x) h(x)\,dx = f(b) h(b) - f(a) h(a) - \int_a^b f(x) h'(x)\,dx``.

A step whose only quantities are values ``F(a)``, ``F'(a)``, ``F''(a)`` of function letters
``F`` (one argument) and integrals ``\int_a^b G\,du`` with numeric limits of such values and
of the integration variable (the integrands the reader registered,
:data:`~hallbound.proofs_checks.latex.integral_registry.BODIES`), with ``F'`` written only
where ``F`` itself occurs in the step, is read as a statement about every differentiable
``F``: ``F'`` is the derivative of ``F``. It is evaluated exactly on :data:`DRAWS` instances
in which each letter ``F`` is a random polynomial of degree :data:`DEGREES` with rational
coefficients plus a random exponential ``a e^{bu}`` (:func:`draw_polynomial`: a formula exact
only up to some degree, a quadrature rule, fails on it), each integral integrated exactly and
both sides compared to :data:`DIGITS` digits and, where they agree, exactly (an O(1) gap
beside values of size ``e^{10^{20}}`` is below any number of digits); derivatives up to
``F''``. A function letter is one Latin letter (not ``W``, ``J``, ``Y``, ``K``, ``I``): a Greek
or longer name (``\zeta``, ``\psi``, ``\Gamma``) is a special function, not an arbitrary one.

The step is SUPPORTED when both sides agree on every instance (an identity of calculus:
it then holds for the text's functions whatever they are). A failing instance does not
refute: the text's functions may be particular ones, defined in words (the arcsine), for
which the step holds; the step then stays UNDECIDED with a note. An inequality, a step with a
free letter, another quantity, or an integral with a measure or infinite limit is left alone.
"""

from __future__ import annotations

import random
import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex import integral_registry

#: Instances evaluated, and the degrees of the drawn polynomials.
DRAWS = 12
DEGREES = (2, 6)
#: Working digits; sides within a relative ``_AGREE`` agree, beyond ``_DIFFER`` differ.
DIGITS = 50
_AGREE = sp.Float("1e-35")
_DIFFER = sp.Float("1e-12")
#: The highest derivative read (``F''``).
MAX_ORDER = 2
#: A function letter: one Latin letter, maybe with a subscript (``f``, ``g_1``); a longer
#: or Greek name (``\zeta``, ``\Gamma``, ``\psi``, ``\operatorname{Li}``) names a special
#: function, not an arbitrary smooth one, and so do the letters of :data:`_SPECIAL`.
_HEAD = re.compile(r"(?P<name>[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?)(?P<primes>'*)$")
#: Lambert's ``W`` and the Bessel functions ``J``, ``Y``, ``K``, ``I`` (singular or
#: branched inside ranges an identity over every smooth function would allow).
_SPECIAL = frozenset("WJYKI")
_U = sp.Symbol("u_poly")


def draw_polynomial(rng: random.Random) -> sp.Expr:
    """A function of ``u_poly``: a polynomial of a random degree in :data:`DEGREES`, its
    coefficients random rationals ``p / q`` (``|p| <= 12``, ``1 <= q <= 5``, the leading one
    nonzero), plus ``a e^{b u}`` with rationals ``a, b != 0``: no quadrature or Taylor
    formula exact up to some degree holds for it."""
    degree = rng.randint(*DEGREES)
    coeffs = [sp.Rational(rng.randint(-12, 12), rng.randint(1, 5)) for _ in range(degree + 1)]
    if coeffs[-1] == 0:
        coeffs[-1] = sp.Integer(rng.choice((-3, -1, 1, 2)))
    a = sp.Rational(rng.choice((-3, -2, -1, 1, 2, 3)), rng.randint(1, 4))
    b = sp.Rational(rng.choice((-5, -3, -2, -1, 1, 2, 3, 5)), rng.randint(1, 3))
    poly = sum((c * _U**k for k, c in enumerate(coeffs)), sp.Integer(0))
    return poly + a * sp.exp(b * _U)


class _Reading:
    """The function values and integrals of one step (None fields: not read)."""

    def __init__(self, atoms: dict) -> None:
        self.atoms = atoms
        #: symbol -> (function letter, order of the derivative, argument)
        self.values: dict[sp.Symbol, tuple[str, int, sp.Expr]] = {}
        #: symbol -> (integrand, variable, lower, upper)
        self.integrals: dict[sp.Symbol, tuple[sp.Expr, sp.Symbol, sp.Expr, sp.Expr]] = {}

    def value(self, sym: sp.Symbol, bound: set) -> bool:
        """Read a function value ``F^{(k)}(arg)``; its argument uses only ``bound``."""
        atom = self.atoms.get(sym)
        if atom is None or atom.kind != "func" or atom.arg is None or len(atom.arg) != 1:
            return False
        m = _HEAD.match(atom.head or "")
        (arg,) = atom.arg
        if m is None or not arg.free_symbols <= bound or len(m.group("primes")) > MAX_ORDER:
            return False
        if m.group("name")[0] in _SPECIAL:
            return False
        self.values[sym] = (m.group("name"), len(m.group("primes")), arg)
        return True

    def integral(self, sym: sp.Symbol) -> bool:
        """Read an integral with numeric limits whose integrand holds only function values
        of the integration variable and that variable."""
        atom = self.atoms.get(sym)
        body = integral_registry.BODIES.get(atom.key) if atom is not None else None
        if atom is None or atom.kind != "integral" or body is None:
            return False
        expr, var, lo, hi, measure = body
        if measure or lo is None or hi is None or lo.free_symbols or hi.free_symbols:
            return False
        if not (lo.is_finite and hi.is_finite):
            return False
        for s in expr.free_symbols - {var}:
            if not self.value(s, {var}):
                return False
        self.integrals[sym] = (expr, var, lo, hi)
        return True

    def read(self, expr: sp.Expr) -> bool:
        """Whether every symbol of ``expr`` is a read value or integral."""
        return all(self.value(s, set()) or self.integral(s) for s in expr.free_symbols)

    def letters(self) -> tuple[set[str], set[str]]:
        """The function letters written plain, and those written with a derivative."""
        plain = {f for f, k, _ in self.values.values() if k == 0}
        derived = {f for f, k, _ in self.values.values() if k > 0}
        return plain, derived


def _instance(reading: _Reading, polys: dict[str, sp.Expr]) -> dict[sp.Symbol, sp.Expr]:
    """The value of each read symbol when each letter is the polynomial ``polys[letter]``."""
    def value(sym: sp.Symbol) -> sp.Expr:
        f, k, arg = reading.values[sym]
        return sp.diff(polys[f], _U, k).subs(_U, arg)

    out = {s: value(s) for s in reading.values}
    for sym, (expr, var, lo, hi) in reading.integrals.items():
        body = expr.xreplace({s: value(s) for s in expr.free_symbols if s in reading.values})
        out[sym] = sp.integrate(sp.expand(body), (var, lo, hi))
        if out[sym].has(sp.Integral):
            raise ValueError("not integrated in closed form")
    return out


def _exactly_equal(step: Any, inst: dict[sp.Symbol, sp.Expr]) -> bool:
    """Whether both sides of ``step`` at the exact instance ``inst`` (rationals, ``e`` to
    rational powers, integrals in closed form) are equal exactly: ``lhs - rhs`` expands to 0
    once powers of ``e`` are combined."""
    try:
        diff = sp.powsimp(sp.expand((step.lhs - step.rhs).xreplace(inst)), force=True)
        return sp.expand(diff) == 0 or sp.simplify(diff) == 0
    except Exception:  # noqa: BLE001 - not rewritten: not shown equal
        return False


def derivative_integral_check(check: Any, step: Any, checker: Any) -> None:
    r"""The hook: an UNDECIDED equation over function values, derivatives and integrals of
    unspecified functions is SUPPORTED when it holds for every drawn polynomial instance
    (module doc); a failing instance only adds a note."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or step.rel != "=":
        return
    try:
        diff = sp.sympify(step.lhs - step.rhs)
    except (TypeError, AttributeError):
        return
    reading = _Reading(table.atoms)
    if not diff.free_symbols or not reading.read(diff):
        return
    plain, derived = reading.letters()
    if not derived or not derived <= plain or not reading.integrals:
        return
    rng = random.Random(f"{getattr(checker, 'seed', 0)}:{sp.srepr(diff)}")
    for _ in range(DRAWS):
        polys = {f: draw_polynomial(rng) for f in sorted(plain)}
        try:
            inst = _instance(reading, polys)
            sides = [sp.N(e.xreplace(inst), DIGITS) for e in (step.lhs, step.rhs)]
        except Exception:  # noqa: BLE001 - an integral SymPy cannot do: not read
            return
        if not all(v.is_number and v.is_finite for v in sides):
            return
        gap, scale = abs(sides[0] - sides[1]), max(1, abs(sides[0]), abs(sides[1]))
        if _AGREE * scale < gap <= _DIFFER * scale:
            return  # neither equal nor apart at this precision: no verdict
        if gap <= _AGREE * scale and not _exactly_equal(step, inst):
            return  # close in 50 digits but not shown equal: a gap hidden by the scale
        if gap > _DIFFER * scale:
            shown = ", ".join(f"{f}(u) = {sp.sstr(p.subs(_U, sp.Symbol('u')))}"
                              for f, p in polys.items())
            check.notes.append("calculus identity model: the step fails for " + shown +
                               " (the text's functions may be particular ones: not refuted)")
            return
    check.verdict = "SUPPORTED"
    check.method = "exact, drawn function instances"
    check.detail = (f"holds for {DRAWS} random functions {', '.join(sorted(plain))} (a "
                    f"polynomial of degree {DEGREES[0]}..{DEGREES[1]} plus a e^(b u); F' read "
                    "as the derivative of F), each integral integrated exactly")
    check.witness = None


__all__ = ["derivative_integral_check", "draw_polynomial"]
