r"""Probability steps checked on laws: exactly on discrete laws, by Monte Carlo otherwise.

A :class:`LawCheck` draws cases (e.g. independent discrete mean laws with rational atoms and
weights), computes both sides of a probability relation **exactly** (``fractions.Fraction``)
and reports the first case where the relation fails. :func:`clopper_pearson` gives the exact
binomial interval used for Monte Carlo: a Monte Carlo REFUTED needs the interval at level
:math:`1-10^{-9}` to exclude the claimed relation.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from hallbound.errors import InputError
from hallbound.precision import EXACT_DIGITS

#: Level of Monte Carlo intervals (a REFUTED needs the interval to exclude the claim).
MC_ALPHA = 1e-9


@dataclass(frozen=True)
class DiscreteLaw:
    """A finitely supported law with exact atoms (scalars or tuples) and probabilities."""

    atoms: tuple[Any, ...]
    probs: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        if sum(self.probs) != 1 or any(q < 0 for q in self.probs):
            raise ValueError("probs: must be non-negative and sum to 1")

    def mean(self) -> Fraction:
        return sum((q * a for a, q in zip(self.atoms, self.probs, strict=True)), Fraction(0))

    def moment(self, k: int, about: Fraction = Fraction(0)) -> Fraction:
        r""":math:`E[(X - c)^k]`."""
        return sum(
            (q * (a - about) ** k for a, q in zip(self.atoms, self.probs, strict=True)), Fraction(0)
        )

    def prob(self, event: Callable[[Any], bool]) -> Fraction:
        return sum(
            (q for a, q in zip(self.atoms, self.probs, strict=True) if event(a)), Fraction(0)
        )


def random_law(
    rng: np.random.Generator, size: int = 3, lo: int = -4, hi: int = 4, denom: int = 4
) -> DiscreteLaw:
    """A random law on ``size`` rational atoms in ``[lo, hi]`` (step ``1/denom``)."""
    atoms = sorted(
        {Fraction(int(rng.integers(lo * denom, hi * denom + 1)), denom) for _ in range(size)}
    )
    weights = [int(w) for w in rng.integers(1, 10, size=len(atoms))]
    total = sum(weights)
    return DiscreteLaw(tuple(atoms), tuple(Fraction(w, total) for w in weights))


def product(laws: Sequence[DiscreteLaw]) -> Iterator[tuple[tuple[Any, ...], Fraction]]:
    """The joint law of independent draws: (values, probability) over the product support."""
    for combo in itertools.product(*[list(zip(l.atoms, l.probs, strict=True)) for l in laws]):
        values = tuple(a for a, _ in combo)
        q = Fraction(1)
        for _, w in combo:
            q *= w
        yield values, q


def joint_prob(laws: Sequence[DiscreteLaw], event: Callable[[tuple[Any, ...]], bool]) -> Fraction:
    """Exact :math:`\\Pr[\\text{event}]` under independent draws from ``laws``."""
    return sum((q for v, q in product(laws) if event(v)), Fraction(0))


def clopper_pearson(k: int, n: int, alpha: float = MC_ALPHA) -> tuple[float, float]:
    """Exact two-sided binomial interval for ``k`` successes in ``n`` trials at error
    probability ``alpha`` (:func:`hallbound.numeric.intervals.clopper_pearson_alpha`)."""
    from hallbound.numeric.intervals import clopper_pearson_alpha

    return clopper_pearson_alpha(k, n, alpha)


@dataclass
class LawCheck:
    """An exact check of a probability relation over random cases.

    ``sample(rng)`` draws a case; ``evaluate(case)`` returns exact ``(lhs, rhs)``;
    ``describe(case)`` gives the witness in the paper's symbols; ``cases`` are tried first.
    """

    sample: Callable[[np.random.Generator], Any]
    evaluate: Callable[[Any], tuple[Fraction, Fraction]]
    describe: Callable[[Any], dict[str, Any]]
    trials: int = 200
    cases: Sequence[Any] = field(default_factory=tuple)
    label: str = "exact discrete laws"
    monte_carlo: bool = False


@dataclass(frozen=True)
class MCEstimate:
    """A Monte Carlo probability: ``k`` hits in ``n`` draws, with its exact interval."""

    k: int
    n: int
    alpha: float = MC_ALPHA

    @property
    def interval(self) -> tuple[float, float]:
        return clopper_pearson(self.k, self.n, self.alpha)

    def __float__(self) -> float:
        return self.k / self.n

    def __str__(self) -> str:
        lo, hi = self.interval
        return f"{self.k}/{self.n} (interval [{lo:.6g}, {hi:.6g}] at level 1 - {self.alpha:g})"


def holds(lhs: Any, rel: str, rhs: Any) -> bool:
    """Exact relation between two rationals (``independent``/``product`` mean equality);
    for 50-digit mpmath numbers a violation must exceed ``1e-40`` relatively; for a Monte
    Carlo estimate, the relation fails only when its interval excludes it."""
    if isinstance(lhs, MCEstimate):
        lo, hi = lhs.interval
        r = float(rhs)
        if rel in (">=", ">"):
            return not hi < r
        if rel in ("<=", "<"):
            return not lo > r
        return lo <= r <= hi
    if not (isinstance(lhs, Fraction | int) and isinstance(rhs, Fraction | int)):
        import mpmath

        with mpmath.workdps(EXACT_DIGITS):
            l = mpmath.mpf(lhs.numerator) / lhs.denominator if isinstance(lhs, Fraction) else lhs
            r = mpmath.mpf(rhs.numerator) / rhs.denominator if isinstance(rhs, Fraction) else rhs
            tol = mpmath.mpf(10) ** -40 * (1 + abs(l) + abs(r))
            if rel in ("<=", "<"):
                return bool(l <= r + tol)
            if rel in (">=", ">"):
                return bool(l >= r - tol)
            return bool(abs(l - r) <= tol)
    return {
        "<=": lhs <= rhs,
        "<": lhs < rhs,
        ">=": lhs >= rhs,
        ">": lhs > rhs,
    }.get(rel, lhs == rhs)


@dataclass(frozen=True)
class LawSearch:
    """The outcome of a search over a law's cases: the first case where the relation fails
    (with its sides), the number of cases evaluated, and the number skipped because a side
    has no real value there (``log 0``, a division by zero)."""

    case: Any | None
    lhs: Any | None
    rhs: Any | None
    evaluated: int
    skipped: int = 0


#: What a law's ``evaluate`` raises where a side has no real value (the case is skipped, as
#: the falsification search skips such points).
UNDEFINED = (ArithmeticError, ValueError)


def search_law(check: LawCheck, rel: str, rng: np.random.Generator) -> LawSearch:
    """The first case where the relation fails, re-evaluated before it is reported; cases
    whose sides have no real value are skipped and counted."""
    n = skipped = 0
    for case in itertools.chain(check.cases, (check.sample(rng) for _ in range(check.trials))):
        try:
            lhs, rhs = check.evaluate(case)
        except InputError:
            raise  # a mistake in the law's input, not a side without a value
        except UNDEFINED:
            skipped += 1
            continue
        n += 1
        if not holds(lhs, rel, rhs):
            lhs2, rhs2 = check.evaluate(case)
            if not holds(lhs2, rel, rhs2):
                return LawSearch(case, lhs2, rhs2, n, skipped)
    return LawSearch(None, None, None, n, skipped)


def run_law_check(
    check: LawCheck, rel: str, rng: np.random.Generator
) -> tuple[Any | None, Fraction | None, Fraction | None, int]:
    """First case where the relation fails (case, lhs, rhs, cases evaluated), or
    (None, None, None, n) (:func:`search_law` without the count of skipped cases)."""
    res = search_law(check, rel, rng)
    return res.case, res.lhs, res.rhs, res.evaluated
