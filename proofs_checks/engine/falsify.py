r"""Falsification search: seeded random trials, Hypothesis-driven search, local optimisation
of the violation, then a 50-digit re-check of any witness.

The violation of ``lhs REL rhs`` at a point is the margin :math:`m = \text{rhs}-\text{lhs}`
for ``<=``/``<`` (:math:`\text{lhs}-\text{rhs}` for ``>=``/``>``, :math:`-|\text{lhs}-
\text{rhs}|` for ``=``), scaled by :math:`1+|\text{lhs}|+|\text{rhs}|`; a point with a
margin below :math:`-10^{-12}` is a candidate, rationalised exactly and re-evaluated in
50-digit mpmath; so is (a bounded number of times) a point whose margin lies within
:math:`10^{-12}` of 0, where double precision cannot tell the sign. A point counts as a
trial only when both sides are finite real numbers there.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.precision import CONFIRM_DIGITS, EXACT_DIGITS, SCREEN_DIGITS
from hallbound.proofs_checks.engine.claim import Param

Evaluator = Callable[[dict[str, Any]], tuple[Any, Any]]

#: Relative tolerance of the 50-digit re-check (a witness must violate by more).
VERIFY_TOL = mpmath.mpf(10) ** -30


@dataclass
class Falsification:
    """``witness`` (name -> exact value) with ``lhs``/``rhs`` at 50 digits, or None;
    ``trials`` counts the points where both sides evaluated to finite real numbers (a point
    with no real value is no trial); ``equality`` marks a witness of a strict relation
    where both sides are exactly equal; ``unconfirmed`` counts candidate counterexamples
    (violated at 50 digits) that no enclosure or exact evaluation could confirm or clear;
    ``drawn`` counts the trials among the random draws only, not at the fixed grid of
    :func:`nice_points` nor in the Hypothesis search (which favours simple values): a stated
    equality ``|x| = y`` that only such points meet, all with ``x >= 0``, leaves ``drawn``
    at 0, no sample of the domain. ``gap``: ``lhs - rhs`` exactly at the witness when the
    exact evaluation (``exact_gap``) found it, the 50-digit values being too close;
    ``nonreal``: the side (``"lhs"``/``"rhs"``) that has no real value at the witness while
    the other has one (``nonreal_side`` confirmed it exactly); ``diverges``: the side whose
    integral diverges at the witness while the other is finite (``diverging_side``)."""

    witness: dict[str, Any] | None
    lhs: Any
    rhs: Any
    trials: int
    equality: bool = False
    unconfirmed: int = 0
    drawn: int = 0
    gap: Any = None
    nonreal: str = ""
    diverges: str = ""


def margin(lhs: Any, rhs: Any, rel: str) -> float:
    """Signed, scaled margin; negative means the relation fails at this point."""
    l, r = float(mpmath.re(lhs)), float(mpmath.re(rhs))
    if any(math.isnan(v) for v in (l, r)) or mpmath.im(lhs) != 0 or mpmath.im(rhs) != 0:
        return math.nan
    scale = 1.0 + abs(l) + abs(r)
    if math.isinf(scale):
        return math.nan
    if rel in ("<=", "<"):
        return (r - l) / scale
    if rel in (">=", ">"):
        return (l - r) / scale
    return -abs(l - r) / scale


def violated_exact(lhs: Any, rhs: Any, rel: str) -> bool:
    """The relation fails at 50 digits, by more than :data:`VERIFY_TOL` relatively."""
    if mpmath.im(lhs) != 0 or mpmath.im(rhs) != 0:
        return False
    l, r = mpmath.re(lhs), mpmath.re(rhs)
    if mpmath.isnan(l) or mpmath.isnan(r):
        return False
    tol = VERIFY_TOL * (1 + abs(l) + abs(r))
    if rel in ("<=", "<"):
        return r - l < -tol
    if rel in (">=", ">"):
        return l - r < -tol
    return abs(l - r) > tol


def sample_param(p: Param, rng: np.random.Generator) -> Any:
    """One draw from a parameter's domain (or its search range when unbounded)."""
    if p.kind == "spd":
        a = rng.normal(size=(p.dim, p.dim))
        s = a @ a.T + 0.05 * np.eye(p.dim)
        return s * math.exp(rng.uniform(-2.5, 2.5)) / max(np.trace(s) / p.dim, 1e-9)
    lo, hi = search_range(p)
    wide = p.search is None and (p.lo is None or p.hi is None) and rng.random() < WIDE_FRACTION
    if p.is_integer:
        big = any(e is not None and abs(e) >= 2**53 for e in (p.lo, p.hi))
        if wide:  # an integer far out too: n <= 1000 fails from n = 1001, n <= 10^9 too
            if big:
                return _wide_big_int(p, *_int_range(p, *_int_search(p, lo, hi)), rng)
            v = _wide(p, math.ceil(lo), math.floor(hi), rng, WIDE_MAX_INT)
            return _int_in_domain(p, int(math.floor(v) if v > 0 else math.ceil(v)))
        first, last = _int_range(p, *(_int_search(p, lo, hi) if big else (lo, hi)))
        return int_between(rng, first, last)
    if wide:
        return _clip(p, _wide(p, lo, hi, rng))
    u = rng.random()
    if rng.random() < 0.1:  # the ends of the stated domain are favourite witnesses
        v = lo if rng.random() < 0.5 else hi
    elif lo > 0 and hi / lo > 50:
        v = math.exp(math.log(lo) + u * (math.log(hi) - math.log(lo)))
    else:
        v = lo + u * (hi - lo)
    return _clip(p, v)


#: Share of draws of an unbounded parameter (no ``search`` range; real or integer) taken
#: far out, up to :data:`WIDE_MAX` beyond the search range: a step true on [-10, 10] but
#: false at 50 is found.
WIDE_FRACTION = 0.2
WIDE_MAX = 1e6
#: The same for integers, drawn exactly: ``n <= 10^9`` fails far out. Below ``2**53`` a
#: float holds every integer, so the draw stays exact.
WIDE_MAX_INT = 1e15
#: Integers larger than this enter the evaluation as mpmath numbers (exact below ``2**53``
#: at the working precision): ``n**n`` at ``n = 10^15`` must not become a Python integer.
BIG_INT = 10**6


def search_range(p: Param) -> tuple[float, float]:
    """The range random draws come from: ``search`` when given (cut to the domain where they
    overlap), else the domain, with an unbounded end replaced by a point 10 beyond the other
    end (or by +-10)."""
    lo, hi = p.lo, p.hi
    if p.search:
        a = float(p.search[0]) if lo is None else max(float(p.search[0]), float(lo))
        b = float(p.search[1]) if hi is None else min(float(p.search[1]), float(hi))
        if a <= b:
            return a, b
    if lo is None and hi is None:
        return -10.0, 10.0
    if hi is None:
        return float(lo), float(max(lo + 10.0, 10.0))
    if lo is None:
        return float(min(hi - 10.0, -10.0)), float(hi)
    return float(lo), float(hi)


def _int_ends(p: Param) -> tuple[int | None, int | None]:
    """The least and greatest integer of the domain (None: unbounded); an open end is left
    out: ``(0, oo)`` starts at 1, ``[0.5, oo)`` at 1, ``(-oo, 3)`` ends at 2."""
    first = last = None
    if p.lo is not None:
        first = math.floor(p.lo) + 1 if p.lo_open else math.ceil(p.lo)
    if p.hi is not None:
        last = math.ceil(p.hi) - 1 if p.hi_open else math.floor(p.hi)
    return first, last


def _int_in_domain(p: Param, v: int) -> int:
    """``v`` moved to the nearest integer of the domain."""
    first, last = _int_ends(p)
    if first is not None and v < first:
        v = first
    if last is not None and v > last:
        v = last
    return v


def _int_search(p: Param, lo: float, hi: float) -> tuple[int, int]:
    """The integer search range: :func:`search_range` computed on the exact integer ends
    (``lo = 10**50`` stays ``10**50``, not the float ``1e50``)."""
    if p.search:
        return math.ceil(lo), math.floor(hi)
    first, last = _int_ends(p)
    if first is None and last is None:
        return -10, 10
    if last is None:
        return first, max(first + 10, 10)
    if first is None:
        return min(last - 10, -10), last
    return first, last


def int_between(rng: np.random.Generator, first: int, last: int) -> int:
    """A uniform integer of ``[first, last]``, exact at any size: numpy's int64 draw inside
    its range, else a Python integer built from 32-bit words (``lo = 10**50`` is drawable)."""
    span = last - first + 1
    if -(2**62) < first and last < 2**62 and span < 2**62:
        return int(rng.integers(first, last + 1))
    words = span.bit_length() // 32 + 2  # 32 spare bits: the modulo bias is below 2**-32
    r = 0
    for w in rng.integers(0, 2**32, size=words, dtype=np.uint64):
        r = (r << 32) | int(w)
    return first + r % span


def _wide_big_int(p: Param, first: int, last: int, rng: np.random.Generator) -> int:
    """:func:`_wide` for an integer parameter with an end beyond ``2**53``, exactly."""
    sides = [s for s, end in ((1, p.hi), (-1, p.lo)) if end is None]
    side = sides[int(rng.integers(0, len(sides)))]
    step = int(math.exp(rng.uniform(0.0, math.log(WIDE_MAX_INT))))
    return _int_in_domain(p, last + step if side > 0 else first - step)


def _int_range(p: Param, lo: float, hi: float) -> tuple[int, int]:
    """The integers of the search range ``[lo, hi]`` (floats, or exact integers) that lie in
    the domain, as
    ``(first, last)``; when none do, the domain's integers nearest to the range. Raises
    ``ValueError`` when the domain holds no integer."""
    first, last = _int_ends(p)
    if first is not None and last is not None and first > last:
        raise ValueError(f"the domain of {p.name} holds no integer")
    a, b = _int_in_domain(p, math.ceil(lo)), _int_in_domain(p, math.floor(hi))
    return (a, b) if a <= b else (b, a)


def _wide(
    p: Param, lo: float, hi: float, rng: np.random.Generator, top: float = WIDE_MAX
) -> float:
    """A log-uniform draw beyond the search range (up to ``top`` past it), on an unbounded
    side of the domain."""
    sides = [s for s, end in ((1, p.hi), (-1, p.lo)) if end is None]
    side = sides[int(rng.integers(0, len(sides)))]
    start = hi if side > 0 else lo
    return start + side * math.exp(rng.uniform(0.0, math.log(top)))


_NICE_SPD = (
    np.array([[2.0, 0.0], [0.0, 1.0]]),
    np.array([[2.0, 1.0], [1.0, 2.0]]),
    np.array([[0.5, 0.0], [0.0, 0.5]]),
)


def nice_values(p: Param) -> list[Any]:
    """A few simple values of a parameter's domain, tried before random ones (readable
    witnesses)."""
    if p.kind == "spd":
        return [s[: p.dim, : p.dim] for s in _NICE_SPD] if p.dim <= 2 else []
    if p.is_integer:
        lo = math.ceil(p.lo) if p.lo is not None else 0
        return [v for v in (lo, lo + 1, lo + 2) if p.contains(v)]
    cands = [0.5, 0.1, 1.0, 2.0, 0.0, 10.0, -1.0, 3.0, 0.01]
    return [v for v in cands if p.contains(v)][:5]


def nice_points(
    params: Sequence[Param], limit: int = 64, boundary: Mapping[str, Sequence[Any]] | None = None
) -> list[dict[str, Any]]:
    """The product of :func:`nice_values` (at most ``limit`` points), each parameter's
    ``boundary`` values (exact, :mod:`~hallbound.proofs_checks.engine.boundary_points`) first."""
    import itertools

    boundary = boundary or {}
    values = [[*boundary.get(p.name, ()), *nice_values(p)] for p in params]
    if any(not v for v in values):
        return []
    pts = []
    for combo in itertools.product(*values):
        pts.append({p.name: v for p, v in zip(params, combo, strict=True)})
        if len(pts) >= limit:
            break
    return pts


def _valid_at(valid: Any, exact: dict[str, Any]) -> bool:
    """Both sides have a value at the exact point (no ``valid`` check: True)."""
    return valid is None or _valid(valid, mp_point(exact))


def _inside_exactly(params: Sequence[Param], exact: dict[str, Any]) -> bool:
    """Every scalar coordinate of ``exact`` lies in its parameter's exact domain (the float
    ends the search draws within are rounded outward from ``1/3``, ``pi``...)."""
    for p in params:
        v = exact.get(p.name)
        if p.kind == "spd" or not isinstance(v, Fraction | int):
            continue
        if not p.contains_exactly(v):
            return False
    return True


def _clip(p: Param, v: float) -> float:
    if p.lo is not None:
        if v < p.lo or (p.lo_open and v <= p.lo):
            v = p.lo + max(1e-9, abs(p.lo) * 1e-9) if p.lo_open else p.lo
    if p.hi is not None:
        if v > p.hi or (p.hi_open and v >= p.hi):
            v = p.hi - max(1e-9, abs(p.hi) * 1e-9) if p.hi_open else p.hi
    return float(v)


def exact_point(point: dict[str, Any]) -> dict[str, Any]:
    """Floats -> exact Fractions (binary floats are rationals), matrices -> lists of them."""
    out: dict[str, Any] = {}
    for k, v in point.items():
        if isinstance(v, np.ndarray):
            out[k] = [[Fraction(float(x)) for x in row] for row in v]
        elif isinstance(v, int | np.integer):
            out[k] = int(v)
        elif isinstance(v, Fraction | sp.Basic):  # an exact boundary value stays exact
            out[k] = v
        else:
            out[k] = Fraction(float(v))
    return out


def mp_point(point: dict[str, Any]) -> dict[str, Any]:
    """Exact point -> mpmath numbers at the current precision."""
    out: dict[str, Any] = {}
    for k, v in point.items():
        if isinstance(v, list):
            out[k] = mpmath.matrix(
                [[mpmath.mpf(x.numerator) / x.denominator for x in row] for row in v]
            )
        elif isinstance(v, int):
            out[k] = _int_arg(v)
        elif isinstance(v, sp.Basic):  # an irrational domain end (pi/4): at this precision
            out[k] = mpmath.mpf(str(sp.N(v, mpmath.mp.dps + 10)))
        else:
            out[k] = mpmath.mpf(v.numerator) / v.denominator
    return out


def _numeric(point: dict[str, Any]) -> dict[str, Any]:
    """``point`` with its exact SymPy values (an irrational domain end) as 60-digit mpmath
    numbers, the form the ``valid`` checks read; the point itself when it has none."""
    if not any(isinstance(v, sp.Basic) for v in point.values()):
        return point
    with mpmath.workdps(60):  # the mpf keeps its 60 digits after the block
        return {k: mpmath.mpf(str(sp.N(v, 60))) if isinstance(v, sp.Basic) else v
                for k, v in point.items()}


def _float_point(point: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in point.items():
        if isinstance(v, np.ndarray):
            out[k] = mpmath.matrix(v.tolist())
        elif isinstance(v, int | np.integer):
            out[k] = _int_arg(int(v))
        else:
            out[k] = mpmath.mpf(float(v))
    return out


def _int_arg(v: int) -> Any:
    """An integer as evaluation argument: a Python int, or past :data:`BIG_INT` an mpmath
    number with the same value (``n**n`` stays a float power)."""
    return v if abs(v) <= BIG_INT else mpmath.mpf(v)


def falsify(
    params: Sequence[Param],
    evaluate: Evaluator,
    rel: str,
    rng: np.random.Generator,
    trials: int = 200,
    hypothesis_examples: int = 60,
    local_starts: int = 3,
    valid: Callable[[dict[str, Any]], bool] | None = None,
    exact_equal: Callable[[dict[str, Any]], bool] | None = None,
    confirm: Callable[[dict[str, Any]], bool | None] | None = None,
    boundary: Mapping[str, Sequence[Any]] | None = None,
    exact_gap: Callable[[dict[str, Any]], Any] | None = None,
    nonreal_side: Callable[[dict[str, Any]], str | None] | None = None,
    diverging_side: Callable[[dict[str, Any]], str | None] | None = None,
) -> Falsification:
    """Search the parameters' domain for a point where ``lhs REL rhs`` fails.

    ``valid`` (a point -> bool) rejects points outside the step's real domain: variables that
    premise elimination wrote through slack variables must stay in their own domains, so a
    point is only a witness when every original variable lies in its domain. Rejected draws
    are not trials; at most ``20 * trials`` draws are made. ``exact_equal`` (an exact point ->
    bool) confirms that ``lhs = rhs`` holds exactly at a point: for a strict relation that
    point is a counterexample (``x > 1`` fails at ``x = 1``). ``confirm`` (an exact point ->
    True / False / None / :data:`UNCONFIRMED`) encloses the relation at the witness: False
    rejects the witness, None leaves the decision to re-evaluation at higher precision
    (:data:`CONFIRM_DIGITS`), UNCONFIRMED counts it in ``unconfirmed``. ``boundary`` (name
    -> exact values: the ends of a thin valid band) is tried first, with :func:`nice_points`.
    ``exact_gap`` decides a point within the 50-digit tolerance (:func:`_exact_failure`);
    ``nonreal_side`` and ``diverging_side`` read the points :class:`_SidePoints` keeps.
    """
    one_symbol_per_name(params)
    count = unconfirmed = 0
    scored: list[tuple[float, dict[str, Any]]] = []
    strict = rel in ("<", ">")
    kept = _SidePoints(nonreal_side, diverging_side)

    def score(point: dict[str, Any]) -> float:
        nonlocal count
        if valid is not None and not _valid(valid, _numeric(point)):
            return math.nan
        try:
            with mpmath.workdps(SCREEN_DIGITS):
                l, r = evaluate(_float_point(point))
            m = margin(l, r, rel)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            kept.unsure(point)
            return math.nan
        if not math.isnan(m):  # a trial: both sides are finite real numbers there
            count += 1
        else:
            kept.seen(point, l, r)
        return m

    def candidate(m: float) -> bool:
        return not math.isnan(m) and (m < -SCREEN_TOL or (strict and m <= SCREEN_TOL))

    near = _NearZero(candidate)
    checks = _Checks(params, evaluate, rel, valid, confirm, exact_equal, exact_gap, kept)

    def verify(point: dict[str, Any]) -> Falsification | None:
        nonlocal unconfirmed
        hit, missed = checks.verify(point, count)
        unconfirmed += missed
        return hit

    for pt in nice_points(params, boundary=boundary):
        m = score(pt)
        if candidate(m) or near(m):
            hit = verify(pt)
            if hit:
                return hit
    draws = 0
    while draws < 20 * trials and len(scored) < trials:
        draws += 1
        pt = {p.name: sample_param(p, rng) for p in params}
        m = score(pt)
        if math.isnan(m):
            continue
        scored.append((m, pt))
        if candidate(m) or near(m):
            hit = verify(pt)
            if hit:
                return hit
    hit = _hypothesis_search(params, score, verify, candidate, hypothesis_examples, rng)
    if hit:
        hit.trials = count
        return hit
    scored.sort(key=lambda t: t[0])
    for _, start in scored[:local_starts]:
        hit = _local_search(params, start, score, verify, candidate)
        if hit:
            hit.trials = count
            return hit
    hit = kept.witness(params, valid, evaluate)
    if hit:
        hit.trials = count
        return hit
    return Falsification(None, None, None, count, unconfirmed=unconfirmed, drawn=len(scored))


@dataclass
class _Checks:
    """The exact checks of a candidate point (:func:`falsify`'s ``verify``)."""

    params: Sequence[Param]
    evaluate: Evaluator
    rel: str
    valid: Any
    confirm: Any
    exact_equal: Any
    exact_gap: Any
    kept: Any

    def verify(self, point: dict[str, Any], count: int) -> tuple[Falsification | None, int]:
        """The witness at ``point`` (or None), and 1 when a candidate was left unconfirmed:
        inside the exact domain and ``valid``, violated at 50 digits and confirmed
        (``confirm``, else stable at :data:`CONFIRM_DIGITS`), or exactly equal sides of a
        strict relation, or an exact rational gap that fails."""
        exact, rel, evaluate = exact_point(point), self.rel, self.evaluate
        with mpmath.workdps(EXACT_DIGITS):  # an exact point (a Fraction) read at 50 digits
            if not (_inside_exactly(self.params, exact) and _valid_at(self.valid, exact)):
                return None, 0
            try:
                l, r = evaluate(mp_point(exact))
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                self.kept.unsure(point)
                return None, 0
            if violated_exact(l, r, rel):
                sure = _confirmed(self.confirm, exact)
                if sure is UNCONFIRMED:
                    return None, 1
                if sure is not False and (sure is not None or _stable(evaluate, exact, l, r, rel)):
                    return Falsification(exact, l, r, count), 0
                self.kept.unsure(point)  # unstable: a diverging integral's quadrature? (or
                # exactly equal sides of a strict relation: below)
            if (rel in ("<", ">") and self.exact_equal is not None
                    and _equal_at(self.exact_equal, exact, l, r)):
                return Falsification(exact, l, r, count, equality=True), 0
            gap = _exact_failure(self.exact_gap, exact, rel)
            if gap is not None:
                return Falsification(exact, l, r, count, gap=gap), 0
        return None, 0


#: How many points of each kind :class:`_SidePoints` keeps, to read exactly at the end.
SPLIT_CHECKS = 4


class _SidePoints:
    """Points a search keeps to read exactly at its end, when it found no other witness:
    where one side alone has a real value (``nonreal_side``: an exact point -> ``"lhs"`` /
    ``"rhs"`` / None, the side with no real value, confirmed exactly: the step does not
    hold there as written), and where a side had no value or a candidate was not confirmed
    (``diverging_side``, the side whose integral SymPy integrates to infinity while the
    other is finite: a diverging integral's quadrature is unstable)."""

    def __init__(self, nonreal_side: Any, diverging_side: Any) -> None:
        self.nonreal_side, self.diverging_side = nonreal_side, diverging_side
        self.split: list[dict[str, Any]] = []
        self.odd: list[dict[str, Any]] = []

    def seen(self, point: dict[str, Any], l: Any, r: Any) -> None:
        """A point where the two sides are not both finite real numbers."""
        if self.nonreal_side is not None and len(self.split) < SPLIT_CHECKS and _one_real(l, r):
            self.split.append(point)
        else:
            self.unsure(point)

    def unsure(self, point: dict[str, Any]) -> None:
        """A point with no value, or a candidate that was not confirmed."""
        if self.diverging_side is not None and len(self.odd) < SPLIT_CHECKS:
            self.odd.append(point)

    def witness(self, params: Sequence[Param], valid: Any, evaluate: Evaluator
                ) -> Falsification | None:
        for pt in self.split:
            hit = _side_witness(pt, params, valid, evaluate, self.nonreal_side)
            if hit:
                return hit
        for pt in self.odd:
            hit = _side_witness(pt, params, valid, evaluate, self.diverging_side)
            if hit:
                hit.nonreal, hit.diverges = "", hit.nonreal
                return hit
        return None


def _one_real(l: Any, r: Any) -> bool:
    """Exactly one of the two values is a finite real number, the other a finite non-real
    complex number."""
    def real(v: Any) -> bool:
        return mpmath.im(v) == 0 and mpmath.isfinite(v)

    def complex_(v: Any) -> bool:
        return mpmath.im(v) != 0 and mpmath.isfinite(v)

    try:
        return (real(l) and complex_(r)) or (real(r) and complex_(l))
    except (TypeError, ValueError):
        return False


def _side_witness(point: dict[str, Any], params: Sequence[Param], valid: Any,
                  evaluate: Evaluator, which_side: Any) -> Falsification | None:
    """The point as a witness where ``which_side`` names a side exactly (no real value, or
    a diverging integral; inside the exact domain and the stated relations); else None."""
    exact = exact_point(point)
    with mpmath.workdps(EXACT_DIGITS):
        if not (_inside_exactly(params, exact) and _valid_at(valid, exact)):
            return None
        try:
            side = which_side(exact)
        except Exception:  # noqa: BLE001 - not confirmed: no witness
            return None
        if side not in ("lhs", "rhs"):
            return None
        try:
            l, r = evaluate(mp_point(exact))
        except Exception:  # noqa: BLE001 - a diverging side may have no numeric value
            l = r = mpmath.nan
    return Falsification(exact, l, r, 0, nonreal=side)


def one_symbol_per_name(params: Sequence[Param]) -> None:
    """Raise ``ValueError`` when two parameters with different symbols share a name: a point
    is keyed by name, so they would be drawn equal at every point (``x_1 - x_{1} = 0``
    "holds" for two different symbols) while the prover keeps them apart. No verdict is
    better than that one."""
    seen: dict[str, Any] = {}
    for p in params:
        if seen.setdefault(p.name, p.symbol) != p.symbol:
            raise ValueError(f"two different symbols are both named {p.name!r}: the search "
                             "would draw them as one")


def _stable(evaluate: Evaluator, exact: dict[str, Any], l50: Any, r50: Any, rel: str) -> bool:
    """The 50-digit violation survives at :data:`CONFIRM_DIGITS`, with the same values to
    30 digits: a violation that is rounding (``1 + 10^-55 = 1`` at 50 digits) is no witness."""
    for digits in CONFIRM_DIGITS:
        with mpmath.workdps(digits):
            try:
                l, r = evaluate(mp_point(exact))
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                return False
            if not violated_exact(l, r, rel):
                return False
            for a, b in ((l, l50), (r, r50)):
                if abs(a - b) > VERIFY_TOL * (1 + abs(a)):
                    return False
    return True


#: The float screen's tolerance on the scaled margin: below ``-SCREEN_TOL`` a point is a
#: candidate; within it (either side of 0) it is re-read at 50 digits (:data:`NEAR_CHECKS`).
SCREEN_TOL = 1e-12
#: How many points with a margin within :data:`SCREEN_TOL` of 0 one search re-reads at 50
#: digits (a true equality ``x >= x`` has every point there: the re-reading is bounded).
NEAR_CHECKS = 24


class _NearZero:
    """``m -> bool``: a margin within :data:`SCREEN_TOL` of 0 that is not a candidate, to be
    re-read at 50 digits (at most :data:`NEAR_CHECKS` times per search): a float margin of 0
    may hide a violation below double precision (``x^2 + 10^20 <= x^2 + 10^20 - 1``)."""

    def __init__(self, candidate: Callable[[float], bool]) -> None:
        self.candidate, self.left = candidate, NEAR_CHECKS

    def __call__(self, m: float) -> bool:
        if math.isnan(m) or self.candidate(m) or abs(m) > SCREEN_TOL or self.left <= 0:
            return False
        self.left -= 1
        return True


class _Unconfirmed:
    """A confirmation's answer when the candidate could be neither confirmed nor cleared."""

    def __repr__(self) -> str:
        return "UNCONFIRMED"


#: ``confirm``'s answer for a candidate that no enclosure or exact evaluation decides: the
#: search counts it (``Falsification.unconfirmed``) and the step is UNDECIDED, never
#: SUPPORTED.
UNCONFIRMED: Any = _Unconfirmed()


def _confirmed(confirm: Callable | None, exact: dict[str, Any]) -> Any:
    if confirm is None:
        return None
    try:
        return confirm(exact)
    except Exception:  # noqa: BLE001 - no enclosure: the precision check decides
        return None


def _exact_failure(exact_gap: Callable | None, exact: dict[str, Any], rel: str) -> Any:
    r"""``g = lhs - rhs`` at the exact point when ``exact_gap`` gives it as a rational number
    and the relation fails there exactly (:math:`g \ne 0` for ``=``, :math:`g > 0` for
    ``<=``, :math:`g \ge 0` for ``<``, and so on); else None."""
    if exact_gap is None:
        return None
    try:
        g = exact_gap(exact)
    except Exception:  # noqa: BLE001 - no exact value there: nothing shown
        return None
    if g is None or not getattr(g, "is_Rational", False):
        return None
    fails = {"=": g != 0, "<=": g > 0, "<": g >= 0, ">=": g < 0, ">": g <= 0}.get(rel, False)
    return g if fails else None


def _valid(valid: Callable[[dict[str, Any]], bool], point: dict[str, Any]) -> bool:
    try:
        return bool(valid(point))
    except (ZeroDivisionError, ValueError, OverflowError, TypeError):
        return False


def _equal_at(exact_equal: Callable, point: dict[str, Any], lhs: Any, rhs: Any) -> bool:
    """Equality at 50 digits first (cheap), then confirmed exactly by ``exact_equal``."""
    if mpmath.im(lhs) != 0 or mpmath.im(rhs) != 0:
        return False
    l, r = mpmath.re(lhs), mpmath.re(rhs)
    if abs(l - r) > VERIFY_TOL * (1 + abs(l) + abs(r)):
        return False
    try:
        return bool(exact_equal(point))
    except Exception:  # noqa: BLE001 - not confirmed exactly: no witness
        return False


def _hypothesis_search(params, score, verify, candidate, examples, rng) -> Falsification | None:
    """Hypothesis ``find`` over the scalar parameters (others fixed at a random draw)."""
    if examples <= 0:
        return None
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis import strategies as st
    from hypothesis.errors import NoSuchExample

    fixed = {p.name: sample_param(p, rng) for p in params if p.kind != "real"}
    strategies: dict[str, Any] = {}
    for p in params:
        if p.kind != "real":
            continue
        lo, hi = search_range(p)
        strategies[p.name] = st.floats(lo, hi, allow_nan=False).map(lambda v, p=p: _clip(p, v))
    if not strategies:
        return None
    strat = st.fixed_dictionaries(strategies).map(lambda d: {**fixed, **d})
    try:
        pt = find(
            strat,
            lambda d: candidate(score(d)),
            settings=settings(
                max_examples=examples,
                database=None,
                derandomize=True,
                deadline=None,
                phases=[Phase.generate, Phase.shrink],
                suppress_health_check=list(HealthCheck),
            ),
        )
    except NoSuchExample:
        return None
    return verify(pt)


def _local_search(params, start, score, verify, candidate) -> Falsification | None:
    """Nelder-Mead on the margin over the real parameters, clipped to the domain."""
    from scipy.optimize import minimize

    reals = [p for p in params if p.kind == "real"]
    if not reals:
        return None
    x0 = np.array([float(start[p.name]) for p in reals])

    def point(x: np.ndarray) -> dict[str, Any]:
        pt = dict(start)
        pt.update({p.name: _clip(p, float(v)) for p, v in zip(reals, x, strict=True)})
        return pt

    def objective(x: np.ndarray) -> float:
        m = score(point(x))
        return 1e3 if math.isnan(m) else m

    res = minimize(
        objective, x0, method="Nelder-Mead", options={"maxfev": 150, "xatol": 1e-10, "fatol": 1e-14}
    )
    if candidate(float(res.fun)):
        return verify(point(res.x))
    return None
