r"""Finite PAC instances on which events about risks (:mod:`.pac_events`) are evaluated
exactly.

An instance is a finite sample space ``Z = {0, .., k-1}`` with a law ``p`` (positive
rationals summing to 1), a finite class of losses ``h: Z -> values`` (the class ``\mathcal
H``, in order) and a sample size ``n``. The sample ``z_1..z_n`` is i.i.d. from ``p``; each of
the ``k^n`` samples is enumerated, so

    Pr[event] = sum over samples s of  prod_i p(z_i) * 1{event holds on s}

is an exact rational. On a sample: the empirical risk ``\hat L(h) = (1/n) sum_i h(z_i)``,
the true risk ``L(h) = sum_z p(z) h(z)``, ``\hat h`` the first empirical risk minimiser,
``h^*`` the first minimiser of ``L``, a free ``h`` the first member of the class, ``|\mathcal
H|`` the class size. Numbers stay :class:`~fractions.Fraction` through ``+ - * /``, integer
powers and ``|..|``; ``exp``, ``log``, ``sqrt`` and other powers go to mpmath at
:data:`DPS` digits, and a comparison closer than :data:`TIE` is a tie (:class:`Tie`).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath

from hallbound.proofs_checks.latex.models.learning.pac_events import Node

#: mpmath digits for the non-rational values, and the gap under which a comparison is a tie.
DPS = 60
TIE = mpmath.mpf(10) ** -40
#: The loss values of each family of classes: ``{0, 1}`` first (the family a REFUTED needs).
FAMILIES: tuple[tuple[str, tuple[Fraction, ...]], ...] = (
    ("{0, 1}", (Fraction(0), Fraction(1))),
    ("{0, 1/2, 1}", (Fraction(0), Fraction(1, 2), Fraction(1))),
)
#: The values drawn for each parameter (epsilon, delta, t).
PARAM_GRID = tuple(Fraction(a, b) for a, b in ((1, 10), (1, 4), (1, 2), (3, 4), (1, 1), (3, 2)))


class Tie(Exception):
    """A comparison of non-rational values closer than :data:`TIE` (not decided here)."""


@dataclass(frozen=True)
class Instance:
    """A law ``p`` on ``{0, .., k-1}``, a class of losses and the family they come from."""

    law: tuple[Fraction, ...]
    losses: tuple[tuple[Fraction, ...], ...]
    family: str

    def true_risk(self, h: int) -> Fraction:
        return sum((p * v for p, v in zip(self.law, self.losses[h], strict=True)), Fraction(0))

    def describe(self) -> str:
        law = ", ".join(f"P({z}) = {p}" for z, p in enumerate(self.law))
        cls = "; ".join(f"h{j} = (" + ", ".join(str(v) for v in h) + ")"
                        for j, h in enumerate(self.losses))
        return (f"Z = {{0..{len(self.law) - 1}}} with {law}; class of {len(self.losses)} "
                f"loss(es) on Z: {cls}")


#: The one-argument functions of an event: name -> (mpmath function, defined only for x > 0).
_FUNCTIONS = {"exp": (mpmath.exp, False), "log": (mpmath.log, True), "sqrt": (mpmath.sqrt, True)}

def coin() -> Instance:
    """The fair coin: ``Z = {0, 1}`` uniform, one loss ``h(z) = z`` (tried first)."""
    half = Fraction(1, 2)
    return Instance((half, half), ((Fraction(0), Fraction(1)),), FAMILIES[0][0])


def random_instance(rng: random.Random, values: tuple[Fraction, ...], family: str) -> Instance:
    """A law on 1..3 points with weights 1..4 and a class of 1..3 losses with ``values``."""
    k = rng.randint(1, 3)
    weights = [rng.randint(1, 4) for _ in range(k)]
    law = tuple(Fraction(w, sum(weights)) for w in weights)
    losses = tuple(tuple(rng.choice(values) for _ in range(k)) for _ in range(rng.randint(1, 3)))
    return Instance(law, losses, family)


class _Sample:
    """One sample of an instance, with the risks it fixes."""

    def __init__(self, inst: Instance, points: tuple[int, ...]) -> None:
        self.inst = inst
        n = len(points)
        self.emp = [sum((h[z] for z in points), Fraction(0)) / n for h in inst.losses]
        self.true = [inst.true_risk(j) for j in range(len(inst.losses))]
        self.erm = min(range(len(self.emp)), key=lambda j: self.emp[j])
        self.best = min(range(len(self.true)), key=lambda j: self.true[j])


def value(node: Node, sample: _Sample, env: dict[str, Any], bound: dict[str, int]) -> Any:
    """The value of an expression node on ``sample`` (``env``: ``count``, ``card`` and the
    parameters; ``bound``: the variables of enclosing suprema)."""
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind in ("count", "card"):
        return Fraction(env[kind])
    if kind == "par":
        return env[node[1]]
    if kind == "risk":
        who = node[2]
        j = {"var": lambda: bound[who[1]], "erm": lambda: sample.erm,
             "best": lambda: sample.best, "fixed": lambda: 0}[who[0]]()
        return (sample.emp if node[1] else sample.true)[j]
    if kind == "sup":
        return max((value(node[2], sample, env, {**bound, node[1]: j})
                    for j in range(len(sample.inst.losses))), key=_key)
    if kind == "add":
        return _sum(value(c, sample, env, bound) for c in node[1])
    if kind == "mul":
        out: Any = Fraction(1)
        for c in node[1]:
            out = out * value(c, sample, env, bound)
        return out
    if kind == "abs":
        return abs(value(node[1], sample, env, bound))
    if kind == "pow":
        return _power(value(node[1], sample, env, bound), value(node[2], sample, env, bound))
    function, positive_only = _FUNCTIONS[kind]
    with mpmath.workdps(DPS):
        arg = _mp(value(node[1], sample, env, bound))
        if positive_only and arg <= 0:
            raise Tie(f"{kind} of a value <= 0")
        return function(arg)


def _key(v: Any) -> Any:
    return v if isinstance(v, Fraction) else _mp(v)


def _sum(values: Any) -> Any:
    out: Any = Fraction(0)
    for v in values:
        out = out + v if isinstance(out, Fraction) and isinstance(v, Fraction) else (
            _mp(out) + _mp(v))
    return out


def _mp(v: Any) -> Any:
    with mpmath.workdps(DPS):
        if isinstance(v, Fraction):
            return mpmath.mpf(v.numerator) / v.denominator
        return mpmath.mpf(v)


def _power(base: Any, exp: Any) -> Any:
    if isinstance(base, Fraction) and isinstance(exp, Fraction) and exp.denominator == 1:
        if base == 0 and exp < 0:
            raise Tie("division by zero")
        return base ** int(exp)
    if base == 0:
        raise Tie("0 to a non-integer power")
    with mpmath.workdps(DPS):
        return mpmath.power(_mp(base), _mp(exp))


def compare(a: Any, op: str, b: Any) -> bool:
    """``a op b`` exactly for rationals, else at :data:`DPS` digits (:class:`Tie` when the
    two are closer than :data:`TIE`)."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        d = a - b
    else:
        with mpmath.workdps(DPS):
            d = _mp(a) - _mp(b)
            if abs(d) < TIE:
                raise Tie("a comparison too close to call")
    return {"<": d < 0, "<=": d <= 0, ">": d > 0, ">=": d >= 0, "=": d == 0}[op]


def holds(event: Node, sample: _Sample, env: dict[str, Any]) -> bool:
    """Whether ``event`` (relations joined by ``and`` / ``or``) holds on ``sample``."""
    if event[0] == "and":
        return holds(event[1], sample, env) and holds(event[2], sample, env)
    if event[0] == "or":
        return holds(event[1], sample, env) or holds(event[2], sample, env)
    _, op, left, right = event
    return compare(value(left, sample, env, {}), op, value(right, sample, env, {}))


def probability(event: Node, inst: Instance, n: int, env: dict[str, Any]) -> Fraction:
    """``Pr[event]`` under ``n`` i.i.d. draws from the instance's law, exactly (every sample
    enumerated)."""
    env = {**env, "count": n, "card": len(inst.losses)}
    total = Fraction(0)
    for points in itertools.product(range(len(inst.law)), repeat=n):
        if holds(event, _Sample(inst, points), env):
            weight = Fraction(1)
            for z in points:
                weight *= inst.law[z]
            total += weight
    return total


__all__ = ["FAMILIES", "Instance", "PARAM_GRID", "Tie", "coin", "compare", "probability",
           "random_instance", "value"]
