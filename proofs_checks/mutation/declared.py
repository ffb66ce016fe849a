r"""Law steps through the claim's declared symbols (:attr:`Claim.law_symbols`,
:attr:`Step.law_symbols`).

A step checked by a hand-written law (a second, typed formula ``case -> (lhs, rhs)``) keeps
that law when its displayed sides are mutated, so the checker never sees the edit and the
mutant is only demoted. A claim may declare how its displayed symbols take values on its
law cases (``law_symbols={err: lambda inst: inst.err(), ...}``; a step's own table
overrides the claim's). The harness uses a declaration on a step only when it is
**verified** (:func:`verify`): every free symbol of the displayed sides is declared, and on
every case tried (the law's own cases, then :data:`VERIFY_CASES` drawn ones) the displayed
sides evaluated through the declaration equal the law's two values *exactly* (``Fraction``;
50 digits for irrational values). A declaration that disagrees once is not used (the step
keeps its hand-written law), so no guessed mapping ever judges a mutant.

For a verified step, :func:`declared_law` gives a mutant the law of its *own* displayed
sides on the same cases (:class:`DeclaredLawCheck`): a false mutant is then refuted on an
exact case, with that case as its witness, and a true mutant cannot be (its sides hold on
every case, the original's law values being reproduced exactly).
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Step
from hallbound.proofs_checks.engine.probability import LawCheck

#: Cases drawn from the law's sampler to verify a declaration (after the law's own cases).
VERIFY_CASES = 40
#: A verified declaration needs at least this many cases where both sides have a value.
MIN_CASES = 8
#: Relative tolerance when a side is irrational (50-digit arithmetic).
_TOL = mpmath.mpf(10) ** -40


@dataclass
class DeclaredLawCheck(LawCheck):
    """A law check of a step's displayed sides through its claim's declared symbols."""

    declared: bool = True


def declared_table(claim: Claim, step: Step) -> dict[str, Callable[[Any], Any]]:
    """The claim's ``law_symbols`` with the step's own on top, keyed by symbol name."""
    out = {str(k): fn for k, fn in (getattr(claim, "law_symbols", {}) or {}).items()}
    out.update({str(k): fn for k, fn in (getattr(step, "law_symbols", {}) or {}).items()})
    return out


def _as_sympy(v: Any) -> sp.Basic:
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    if isinstance(v, bool):
        raise TypeError("a truth value is not a quantity")
    if isinstance(v, int | np.integer):
        return sp.Integer(int(v))
    if isinstance(v, mpmath.mpf):
        return sp.Float(mpmath.nstr(v, 60), 60)
    return sp.sympify(v)


def _number(v: sp.Basic) -> Fraction | mpmath.mpf | None:
    """An exact ``Fraction`` for a rational, a 50-digit number for a real; None otherwise."""
    if v.free_symbols or v.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return None
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    with mpmath.workdps(50):
        x = mpmath.mpmathify(sp.N(v, 60))
        if mpmath.im(x) != 0 or mpmath.isnan(x) or mpmath.isinf(x):
            return None
        return mpmath.re(x)


def side_value(expr: Any, table: Mapping[str, Callable[[Any], Any]], case: Any) -> Any:
    """The value of a displayed side on ``case`` through ``table`` (None: no real value,
    or a symbol not declared)."""
    e = sp.sympify(expr)
    names = {s.name for s in e.free_symbols}
    if not names <= set(table):
        return None
    try:
        values = {s: _as_sympy(table[s.name](case)) for s in e.free_symbols}
        v = e.xreplace(values)
        if v.has(sp.zoo, sp.nan):
            return None  # no value before the operators run (log 0 under d/ds is not 0)
        if v.has(sp.Integral, sp.Derivative, sp.Subs, sp.Sum):
            v = v.doit()
        return _number(v)
    except (ArithmeticError, TypeError, ValueError, AttributeError, IndexError, KeyError):
        return None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Fraction | int) and isinstance(b, Fraction | int):
        return Fraction(a) == Fraction(b)
    with mpmath.workdps(50):
        x = mpmath.mpf(a.numerator) / a.denominator if isinstance(a, Fraction) else a
        y = mpmath.mpf(b.numerator) / b.denominator if isinstance(b, Fraction) else b
        try:
            return bool(abs(x - y) <= _TOL * (1 + abs(x) + abs(y)))
        except TypeError:
            return False


def _free_names(step: Step) -> set[str]:
    out: set[str] = set()
    for e in (step.lhs, step.rhs):
        out |= {s.name for s in getattr(e, "free_symbols", set())}
    return out


def verify(claim: Claim, step: Step, rng: np.random.Generator) -> tuple[bool, str]:
    """Whether the declared symbols reproduce ``step``'s own law exactly on every case
    tried (see the module doc): ``(True, how)`` or ``(False, why not)``."""
    law = step.law
    if law is None or getattr(law, "monte_carlo", False):
        return False, "no exact law"
    if not all(isinstance(e, sp.Basic) for e in (step.lhs, step.rhs)):
        return False, "the sides are not SymPy expressions"
    table = declared_table(claim, step)
    missing = sorted(_free_names(step) - set(table))
    if not table or missing:
        return False, f"symbols not declared: {', '.join(missing) or 'none declared'}"
    cases = [*law.cases, *(law.sample(rng) for _ in range(VERIFY_CASES))]
    valid = 0
    for case in cases:
        hand = law.evaluate(case)
        shown = (side_value(step.lhs, table, case), side_value(step.rhs, table, case))
        if shown[0] is None or shown[1] is None:
            return False, "a declared symbol has no real value on a case of the law"
        if not (_same(hand[0], shown[0]) and _same(hand[1], shown[1])):
            return False, (f"the declared symbols give ({shown[0]}, {shown[1]}) where the "
                           f"step's law gives ({hand[0]}, {hand[1]})")
        valid += 1
    if valid < MIN_CASES:
        return False, f"only {valid} cases to verify on (fewer than {MIN_CASES})"
    return True, f"the declared symbols reproduce the step's law on {valid} cases"


def _verified(claim: Claim, step: Step, seed: int) -> bool:
    """:func:`verify`, memoised on the step object and the declaration."""
    table = tuple(sorted((k, id(fn)) for k, fn in declared_table(claim, step).items()))
    key = (claim.name, step.name, seed, table)
    memo = _VERIFIED.setdefault(id(step), {})
    if key not in memo:
        tag = zlib.crc32(f"declared/{claim.name}/{step.name}".encode())
        memo[key] = verify(claim, step, np.random.default_rng([seed, tag]))
    return memo[key][0]


_VERIFIED: dict[int, dict[tuple[Any, ...], tuple[bool, str]]] = {}


def declared_law(claim: Claim, original: Step, new: Step, seed: int) -> LawCheck | None:
    """The law of ``new``'s own displayed sides on ``original``'s cases, through the claim's
    verified declaration; None when the declaration is absent, unverified, or does not
    cover ``new``'s symbols."""
    law = original.law
    if law is None or isinstance(law, DeclaredLawCheck) or not _verified(claim, original, seed):
        return None
    table = declared_table(claim, original)
    if not all(isinstance(e, sp.Basic) for e in (new.lhs, new.rhs)):
        return None
    if not _free_names(new) <= set(table):
        return None

    def values(case: Any) -> tuple[Any, Any]:
        lhs, rhs = side_value(new.lhs, table, case), side_value(new.rhs, table, case)
        if lhs is None or rhs is None:
            raise ValueError("the mutated side has no real value on this case")
        return lhs, rhs

    return DeclaredLawCheck(
        law.sample, values, law.describe, trials=law.trials, cases=law.cases,
        label=f"{law.label}; the displayed sides through the claim's declared symbols",
    )


def with_declared_law(claim: Claim, original: Step, new: Step, seed: int) -> Step:
    """``new`` with :func:`declared_law` in place of a hand-written law (unchanged where
    there is none, or where only the relation changed)."""
    if (new.lhs, new.rhs) == (original.lhs, original.rhs):
        return new
    law = declared_law(claim, original, new, seed)
    return new if law is None else dataclasses.replace(new, law=law)


def declared_mapping(claim: Claim, step: Step,
                     seed: int) -> Callable[[Any], dict[str, Any]] | None:
    """``case -> {name: value}`` of a verified declaration (for the first model), or None."""
    if step.law is None or not _verified(claim, step, seed):
        return None
    table = declared_table(claim, step)
    names = sorted(_free_names(step) | set(table))

    def mapping(case: Any) -> dict[str, Any]:
        out = {}
        for n in names:
            try:
                out[n] = table[n](case)
            except (ArithmeticError, TypeError, ValueError, AttributeError, IndexError,
                    KeyError):
                continue
        return out

    return mapping
