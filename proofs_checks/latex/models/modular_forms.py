r"""Eisenstein series and the discriminant at points of the upper half plane:
``E_2(-1/z) = z^2 E_2(z) - \frac{6iz}{\pi}``, ``\Delta(-1/z) = z^{12} \Delta(z)``.

A step whose opaque quantities are all values ``E_k(w)`` (``k`` even, ``2 \le k \le 14``) and
``\Delta(w)`` at arguments ``w`` that are rational functions of one letter ``z`` (the only letter
of the step besides a free ``i``) is read as the normalized Eisenstein series and the modular
discriminant (:func:`modular_value`), with ``q = e^{2\pi i w}``:

- ``E_k(w) = 1 - \frac{2k}{B_k} \sum_{n \ge 1} \frac{n^{k-1} q^n}{1 - q^n}`` (constant term 1;
  ``E_2 = 1 - 24 \sum \sigma_1(n) q^n``, ``E_4 = 1 + 240 \sum \sigma_3(n) q^n``, ...);
- ``\Delta(w) = (E_4(w)^3 - E_6(w)^2) / 1728 = q \prod_{n \ge 1} (1 - q^n)^{24}``.

The reading needs the notation of modular forms in the step itself: ``\Delta`` or two distinct
weights ``E_k``, and an argument other than the bare letter (a transformation such as
``-1/z``, ``z + 1``) or ``\Delta``. Both sides are evaluated to :data:`DIGITS` digits at the
points :data:`POINTS` of the upper half plane (a point where some argument leaves the region
``\Im w \ge`` :data:`MIN_IM` is skipped; the series are summed until the next term is below
``10^{-DIGITS}``). The step is SUPPORTED when the sides agree to a relative ``10^{-20}`` at
every point (at least :data:`MIN_POINTS` evaluated), REFUTED with the point ``z`` as witness
when they differ by more than a relative ``10^{-6}`` at one; anything between, an inequality,
another quantity or a second letter leaves the step as it is.
"""

from __future__ import annotations

import re
from typing import Any

import mpmath
import sympy as sp

from hallbound.proofs_checks.latex.models.imaginary_unit import index_use

#: Sample points of the upper half plane (off the imaginary axis and the unit circle).
POINTS: tuple[complex, ...] = (0.13 + 1.07j, -0.31 + 0.88j, 0.42 + 1.31j, -0.07 + 0.74j,
                               0.27 + 0.96j)
#: The least imaginary part of an argument at which the series are summed.
MIN_IM = 0.15
#: The fewest points at which both sides must be evaluated for a verdict.
MIN_POINTS = 3
#: Working precision (decimal digits).
DIGITS = 40
_AGREE = mpmath.mpf("1e-20")
_DIFFER = mpmath.mpf("1e-6")
_EISENSTEIN = re.compile(r"E_\{?(\d+)\}?$")


def _weight(head: str) -> int | None:
    """The weight ``k`` of an Eisenstein head ``E_k`` (even, 2..14), ``12`` for ``Delta``."""
    if head == "Delta":
        return 12
    m = _EISENSTEIN.match(head)
    if m is None:
        return None
    k = int(m.group(1))
    return k if k % 2 == 0 and 2 <= k <= 14 else None


def eisenstein(k: int, w: mpmath.mpc) -> mpmath.mpc:
    r"""``E_k(w) = 1 - \frac{2k}{B_k} \sum_{n \ge 1} n^{k-1} q^n / (1 - q^n)``, ``q = e^{2\pi i
    w}``, summed until a term is below ``10^{-DIGITS}`` (``\Im w > 0``)."""
    q = mpmath.exp(2j * mpmath.pi * w)
    total = mpmath.mpc(0)
    eps = mpmath.mpf(10) ** (-DIGITS - 5)
    n = 1
    while True:
        qn = q**n
        term = mpmath.mpf(n) ** (k - 1) * qn / (1 - qn)
        total += term
        if abs(term) < eps and n > k:
            break
        n += 1
    return 1 - 2 * k / mpmath.bernoulli(k) * total


def modular_value(head: str, w: mpmath.mpc) -> mpmath.mpc:
    r"""``E_k(w)`` for the head ``E_k``, ``\Delta(w) = (E_4^3 - E_6^2)/1728`` for ``Delta``."""
    if head == "Delta":
        return (eisenstein(4, w) ** 3 - eisenstein(6, w) ** 2) / 1728
    weight = _weight(head)
    if weight is None:
        raise ValueError(f"not a modular head: {head}")
    return eisenstein(weight, w)


def _reading(diff: sp.Basic, checker: Any) -> tuple[dict, sp.Symbol, dict] | None:
    """``(modular atoms -> (head, arg), the letter, units -> I)`` when every opaque quantity of
    ``diff`` is a modular value at one letter and the notation is that of modular forms."""
    atoms = checker.table.atoms
    found: dict = {}
    units: dict = {}
    letters: set = set()
    for s in diff.free_symbols:
        a = atoms.get(s)
        if a is None:
            letters.add(s)
        elif a.kind == "imaginary":
            units[s] = sp.I
        elif a.kind == "func" and _weight(a.head) is not None and a.arg is not None \
                and len(a.arg) == 1:
            found[s] = (a.head, a.arg[0])
            letters |= set(a.arg[0].free_symbols)
        else:
            return None
    if len(letters) != 1 or not found:
        return None
    (z,) = letters
    if any(atoms.get(s) is not None for s in letters):
        return None
    heads = {h for h, _ in found.values()}
    transformed = any(arg != z for _, arg in found.values())
    if not (("Delta" in heads or len(heads) >= 2) and (transformed or "Delta" in heads)):
        return None
    return found, z, units


def _evaluate(expr: sp.Basic, found: dict, z: sp.Symbol, units: dict,
              point: complex) -> mpmath.mpc | None:
    """``expr`` at ``z = point`` with the modular values; None where an argument leaves the
    region ``Im w >= MIN_IM``."""
    zval = sp.Float(point.real, DIGITS) + sp.I * sp.Float(point.imag, DIGITS)
    subs: dict = dict(units)
    for sym, (head, arg) in found.items():
        wv = sp.N(arg.xreplace({z: zval}), DIGITS)
        if complex(wv).imag < MIN_IM:
            return None
        val = modular_value(head, mpmath.mpc(str(sp.re(wv)), str(sp.im(wv))))
        subs[sym] = sp.Float(str(val.real), DIGITS) + sp.I * sp.Float(str(val.imag), DIGITS)
    subs[z] = zval
    out = sp.N(expr.xreplace(subs), DIGITS)
    return mpmath.mpc(str(sp.re(out)), str(sp.im(out)))


def modular_form_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED equation between modular values is SUPPORTED or REFUTED by
    evaluating both sides at points of the upper half plane (module doc)."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or step.rel != "=":
        return
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    read = _reading(lhs - rhs, checker)
    if read is None:
        return
    found, z, units = read
    doc = getattr(checker, "doc", None)
    if units and index_use(getattr(doc, "text", "") or "") is not None:
        return
    with mpmath.workdps(DIGITS):
        verdict = _verdict(lhs, rhs, found, z, units)
    if verdict is None:
        return
    kind, point, count = verdict
    if kind == "REFUTED" and (checker.refused or _constrained(z, checker)):
        check.detail = (f"the sides differ at {z} = {point}, but a stated assumption on {z} "
                        "was not read or not met by this point: no counterexample")
        return
    reading = ("E_k the normalized Eisenstein series (constant term 1), Delta = (E_4^3 - "
               "E_6^2)/1728, evaluated to 40 digits")
    if kind == "REFUTED":
        check.verdict = "REFUTED"
        check.method = "modular forms, evaluated"
        check.witness = {str(z): f"{point.real} + {point.imag}i"}
        check.lhs_value = check.rhs_value = None
        check.detail = f"the sides differ at {z} = {point} ({reading})"
        return
    check.verdict = "SUPPORTED"
    check.method = "modular forms, evaluated"
    check.detail = (f"the sides agree to 20 digits at {count} points {z} of the upper half "
                    f"plane ({reading}); a numerical check, not a proof")
    check.trials = count


def _constrained(z: sp.Symbol, checker: Any) -> bool:
    """True when a stated domain or relation names the letter ``z`` (the sample points may
    not meet it: no refutation then)."""
    param = checker.table.params.get(z)
    if param is not None and (param.lo is not None or param.hi is not None
                              or getattr(param, "is_integer", False)):
        return True
    for a, _, b in getattr(checker, "relations", []):
        if z in getattr(a, "free_symbols", set()) | getattr(b, "free_symbols", set()):
            return True
    return False


def _verdict(lhs: sp.Basic, rhs: sp.Basic, found: dict, z: sp.Symbol,
             units: dict) -> tuple[str, complex, int] | None:
    """``("SUPPORTED", _, points)`` or ``("REFUTED", point, _)`` (module doc), None when
    undecided."""
    count = 0
    for point in POINTS:
        try:
            a = _evaluate(lhs, found, z, units, point)
            b = _evaluate(rhs, found, z, units, point)
        except (TypeError, ValueError, ZeroDivisionError, AttributeError):
            return None
        if a is None or b is None:
            continue
        scale = max(abs(a), abs(b), mpmath.mpf(1))
        gap = abs(a - b) / scale
        if gap > _DIFFER:
            return "REFUTED", point, 0
        if gap > _AGREE:
            return None
        count += 1
    return ("SUPPORTED", 0j, count) if count >= MIN_POINTS else None


__all__ = ["eisenstein", "modular_form_check", "modular_value"]
