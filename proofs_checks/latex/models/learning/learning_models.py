r"""A finite learning model: the steps of statistical learning theory (symmetrisation,
Rademacher complexity, uniform deviations) evaluated EXACTLY on small random instances.

An instance (:class:`Instance`) is a finite domain of ``d`` points with a random law ``P``
(positive rational weights), a finite class of ``k`` functions on it (values from one
family: ``{0, 1}``, ``{0, 1/2, 1}`` or ``{-1, -1/2, 0, 1/2, 1}``) and a sample size ``n``
written out (1..3; 1..4 when only the signs are random). The random groups are the sample
``z_1..z_n`` (i.i.d. ``P``), the ghost sample ``z'_1..z'_n`` (i.i.d. ``P``), the Rademacher
signs ``sigma_1..sigma_n`` (uniform on ``{-1, +1}``, independent) and a fresh point ``z ~ P``.
``E_{groups}[X]`` averages ``X`` over every outcome of the named groups (exact
:class:`~fractions.Fraction` weights), ``sup_{f in F}`` is the maximum over the class, ``E[f]``
the population mean. A group left outside every expectation is free: the step must hold at
each of its outcomes.

Values are Fractions; a non-integer power (a square root) is taken in mpmath at
:data:`DPS` digits, and ``=`` then means ``|lhs - rhs| < 10^-40``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any

import mpmath

from hallbound.proofs_checks.latex.models.learning.learning_terms import Node

DPS = 60
_TINY = mpmath.mpf(10) ** -40
#: Value families of the class functions, narrowest first (name, values).
FAMILIES: tuple[tuple[str, tuple[Fraction, ...]], ...] = (
    ("{0, 1}", (Fraction(0), Fraction(1))),
    ("{0, 1/2, 1}", (Fraction(0), Fraction(1, 2), Fraction(1))),
    ("{-1, -1/2, 0, 1/2, 1}", tuple(Fraction(k, 2) for k in range(-2, 3))),
)
#: Outcomes of the groups an expectation may enumerate at once (keeps each check small).
MAX_OUTCOMES = 1200


@dataclass(frozen=True)
class Instance:
    """A finite domain with its law ``weights``, a class ``funcs`` (one value tuple per
    function) and the sample size ``n``."""

    weights: tuple[Fraction, ...]
    funcs: tuple[tuple[Fraction, ...], ...]
    n: int
    family: str
    #: a labelled sample (:mod:`.learning_labels`): each point's input and label
    xs: tuple[int, ...] | None = None
    labels: tuple[int, ...] | None = None

    def describe(self) -> str:
        if self.labels is not None:
            law = ", ".join(f"P(x{x + 1}, y={y:+d}) = {w}" for x, y, w in
                            zip(self.xs, self.labels, self.weights, strict=True))
            cls = "; ".join(f"h{j + 1} = (" + ", ".join(str(v) for v in f) + ")"
                            for j, f in enumerate(self.funcs))
            return f"n = {self.n}, labelled points with {law}; class on the inputs {cls}"
        law = ", ".join(f"P({k + 1}) = {w}" for k, w in enumerate(self.weights))
        cls = "; ".join(
            f"f{j + 1} = (" + ", ".join(str(v) for v in f) + ")" for j, f in enumerate(self.funcs))
        return f"n = {self.n}, domain {{1..{len(self.weights)}}} with {law}; class {cls}"


def _complexity(scale: int, absolute: bool, empirical: bool = False) -> Node:
    """``E_{z, sigma} sup_f |(scale/n) sum_i sigma_i f(z_i)|`` (no bars when not
    ``absolute``; over the signs only, the sample z_1..z_n left free, when ``empirical``)."""
    inner: Node = ("mul", [("num", Fraction(scale)), ("pow", ("count",), ("num", Fraction(-1))),
                           ("sum", "_r", ("mul", [("sigma", "_r"), ("f", "z", "_r")]))])
    groups = frozenset({"sigma"} if empirical else {"z", "sigma"})
    return ("E", groups, ("sup", ("abs", inner) if absolute else inner))


#: The definitions of ``R_n(F)`` texts use: (what it says, its tree). The first is the
#: modern one; a REFUTED step involving ``R_n`` must fail under each of them, the empirical
#: ones (the sample fixed, only the signs averaged: lecture notes write it without a hat)
#: included.
COMPLEXITIES: tuple[tuple[str, Node], ...] = (
    ("E sup_f (1/n) sum sigma_i f(z_i)", _complexity(1, False)),
    ("E sup_f |(1/n) sum sigma_i f(z_i)|", _complexity(1, True)),
    ("E sup_f |(2/n) sum sigma_i f(z_i)|", _complexity(2, True)),
    ("E_sigma sup_f (1/n) sum sigma_i f(z_i) at the sample z (empirical)",
     _complexity(1, False, True)),
    ("E_sigma sup_f |(1/n) sum sigma_i f(z_i)| at the sample z (empirical)",
     _complexity(1, True, True)),
    ("E_sigma sup_f |(2/n) sum sigma_i f(z_i)| at the sample z (empirical)",
     _complexity(2, True, True)),
)


def with_complexity(node: Node, definition: int) -> Node:
    """``node`` with each ``R_n(F)`` replaced by the tree of :data:`COMPLEXITIES`
    ``[definition]`` (an empirical one then depends on the step's sample)."""
    if node[0] == "R":
        return (NEGATED_COMPLEXITIES if node[1:] == (-1,) else COMPLEXITIES)[definition][1]
    out: list = [node[0]]
    for a in node[1:]:
        if isinstance(a, tuple):
            out.append(with_complexity(a, definition))
        elif isinstance(a, list):
            out.append([with_complexity(b, definition) for b in a])
        else:
            out.append(a)
    return tuple(out)


def _negated(node: Node) -> Node:
    """``node`` with each supremum over the class made one over the negated class."""
    if node[0] == "sup":
        return ("sup", _negated(node[1]), -1)
    return tuple(_negated(a) if isinstance(a, tuple) else a for a in node)


#: :data:`COMPLEXITIES` of the negated class ``-F`` (``R_n(-\\mathcal F)``), kept trees.
NEGATED_COMPLEXITIES: tuple[tuple[str, Node], ...] = tuple(
    (text, _negated(tree)) for text, tree in COMPLEXITIES)


def outcomes(inst: Instance, group: str) -> list[tuple[tuple, Fraction]]:
    """Every value of ``group`` with its probability."""
    d, n = len(inst.weights), inst.n
    if group == "sigma":
        w = Fraction(1, 2**n)
        return [(s, w) for s in product((-1, 1), repeat=n)]
    if group == "x":
        return [((p,), inst.weights[p]) for p in range(d)]
    if group == "x0":  # a fixed point z_0: each point of the domain, equally weighted
        return [((p,), Fraction(1, d)) for p in range(d)]
    out = []
    for pts in product(range(d), repeat=n):
        w = Fraction(1)
        for p in pts:
            w *= inst.weights[p]
        out.append((pts, w))
    return out


def free_groups(node: Node) -> frozenset[str]:
    """The random groups ``node`` depends on outside its own expectations."""
    kind = node[0]
    if kind == "f":
        return frozenset({node[1]})
    if kind == "sigma":
        return frozenset({"sigma"})
    if kind in ("y", "loss01"):
        return frozenset({"z"})
    if kind == "E":
        inner = free_groups(node[2])
        return frozenset() if node[1] is None else inner - node[1]
    if kind in ("add", "mul"):
        return frozenset().union(*(free_groups(a) for a in node[1]))
    if kind in ("pow",):
        return free_groups(node[1]) | free_groups(node[2])
    if kind in ("abs", "sup"):
        return free_groups(node[1])
    if kind == "sum":
        return free_groups(node[2])
    return frozenset()


def _mp(x: Any) -> Any:
    return mpmath.mpf(x.numerator) / x.denominator if isinstance(x, Fraction) else x


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a + b
    return _mp(a) + _mp(b)


def _mul(a: Any, b: Any) -> Any:
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a * b
    return _mp(a) * _mp(b)


class Evaluator:
    """Exact values of trees on one instance (module doc); expectations are memoised by
    the free values they depend on."""

    def __init__(self, inst: Instance, definition: int = 0) -> None:
        self.inst, self.definition = inst, definition
        self.memo: dict = {}
        self.groups: dict[str, list] = {}

    def outcomes(self, group: str) -> list:
        if group not in self.groups:
            self.groups[group] = outcomes(self.inst, group)
        return self.groups[group]

    def value(self, node: Node, env: dict) -> Any:  # noqa: C901 - one case per node kind
        kind = node[0]
        if kind == "num":
            return node[1]
        if kind == "count":
            return Fraction(self.inst.n)
        if kind == "add":
            total: Any = Fraction(0)
            for a in node[1]:
                total = _add(total, self.value(a, env))
            return total
        if kind == "mul":
            prod_: Any = Fraction(1)
            for a in node[1]:
                prod_ = _mul(prod_, self.value(a, env))
            return prod_
        if kind == "pow":
            return _power(self.value(node[1], env), self.value(node[2], env))
        if kind == "abs":
            return abs(self.value(node[1], env))
        if kind == "sigma":
            return Fraction(env["sigma"][env[node[1]] - 1])
        if kind == "f":
            pts = env[node[1]]
            point = pts[0] if node[2] is None else pts[env[node[2]] - 1]
            if self.inst.xs is not None:  # a labelled point: the function reads its input
                point = self.inst.xs[point]
            return env.get("fsign", 1) * self.inst.funcs[env["f"]][point]
        if kind == "y":  # the label of the i-th sample point
            return Fraction(self.inst.labels[env["z"][env[node[1]] - 1]])
        if kind == "loss01":  # 1[h(x_i) != y_i] at the i-th labelled sample point
            point = env["z"][env[node[1]] - 1]
            guess = env.get("fsign", 1) * self.inst.funcs[env["f"]][self.inst.xs[point]]
            return Fraction(int(guess != self.inst.labels[point]))
        if kind == "sum":
            out: Any = Fraction(0)
            for i in range(1, self.inst.n + 1):
                out = _add(out, self.value(node[2], {**env, node[1]: i}))
            return out
        if kind == "sup":
            sign = node[2] if len(node) > 2 else 1  # -1: the negated class -F
            return max(self.value(node[1], {**env, "f": j, "fsign": sign})
                       for j in range(len(self.inst.funcs)))
        if kind == "E":
            return self.expectation(node, env)
        if kind == "R":
            return self.expectation(with_complexity(node, self.definition), {})  # a kept tree
        raise ValueError(f"unknown node {kind!r}")

    def expectation(self, node: Node, env: dict) -> Any:
        groups = sorted(node[1] if node[1] is not None else free_groups(node[2]))
        key = (id(node), tuple(sorted((k, v) for k, v in env.items() if k not in groups)))
        if key in self.memo:
            return self.memo[key]
        total: Any = Fraction(0)
        for combo in product(*(self.outcomes(g) for g in groups)):
            weight = Fraction(1)
            inner = dict(env)
            for g, (val, w) in zip(groups, combo, strict=True):
                inner[g] = val
                weight *= w
            v = self.value(node[2], inner)
            total = _add(total, _mul(weight, v))
        self.memo[key] = total
        return total


def _power(base: Any, exp: Any) -> Any:
    if isinstance(exp, Fraction) and exp.denominator == 1 and isinstance(base, Fraction):
        if base == 0 and exp < 0:
            raise ZeroDivisionError("0 to a negative power")
        return base ** int(exp)
    if _mp(base) < 0:
        raise ValueError("a negative base to a fractional power")
    return mpmath.power(_mp(base), _mp(exp))


def holds(lhs: Any, rel: str, rhs: Any) -> bool:
    """``lhs REL rhs`` exactly (Fractions) or within 10^-40 (mpmath at :data:`DPS` digits)."""
    if isinstance(lhs, Fraction) and isinstance(rhs, Fraction):
        diff: Any = lhs - rhs
        zero = diff == 0
    else:
        diff = _mp(lhs) - _mp(rhs)
        zero = abs(diff) < _TINY
    return {"=": zero, "<=": zero or diff < 0, ">=": zero or diff > 0,
            "<": diff < 0 and not zero, ">": diff > 0 and not zero}[rel]


@dataclass
class Failure:
    """An instance and free outcome where the step fails, with both sides' values."""

    inst: Instance
    free: dict
    lhs: Any
    rhs: Any
    #: whether the step fails also with both sides averaged over the free groups (always
    #: True when no group is free): a step that fails at some sample only may be meant in
    #: expectation or with high probability
    on_average: bool = True


def check_instance(lhs: Node, rel: str, rhs: Node, inst: Instance,
                   definition: int = 0) -> Failure | None:
    """The first outcome of the free groups where ``lhs REL rhs`` fails on ``inst``
    (``R_n`` read by :data:`COMPLEXITIES` ``[definition]``)."""
    ev = Evaluator(inst, definition)
    lhs, rhs = with_complexity(lhs, definition), with_complexity(rhs, definition)
    free = sorted(free_groups(lhs) | free_groups(rhs))
    found = None
    mean_a: Any = Fraction(0)
    mean_b: Any = Fraction(0)
    with mpmath.workdps(DPS):
        for combo in product(*(ev.outcomes(g) for g in free)):
            env = {g: val for g, (val, _) in zip(free, combo, strict=True)}
            weight = Fraction(1)
            for _, w in combo:
                weight *= w
            a, b = ev.value(lhs, env), ev.value(rhs, env)
            mean_a, mean_b = _add(mean_a, _mul(weight, a)), _add(mean_b, _mul(weight, b))
            if found is None and not holds(a, rel, b):
                found = Failure(inst, env, a, b)
        if found is not None and free:
            found.on_average = not holds(mean_a, rel, mean_b)
    return found


def _size(groups: set[str], d: int, n: int) -> int:
    per = {"z": d**n, "zp": d**n, "sigma": 2**n, "x": d, "x0": d}
    out = 1
    for g in groups:
        out *= per[g]
    return out


def draw(rng: random.Random, family: int | tuple, n: int, groups: set[str]) -> Instance:
    """A random instance of the value family ``family`` (an index of :data:`FAMILIES` or a
    ``(name, values)`` pair) at sample size ``n``, its domain small enough that the groups'
    outcomes stay within :data:`MAX_OUTCOMES`."""
    name, values = FAMILIES[family] if isinstance(family, int) else family
    d = rng.choice((1, 2, 3))
    while d > 1 and _size(groups, d, n) > MAX_OUTCOMES:
        d -= 1
    weights = [rng.randint(1, 3) for _ in range(d)]
    total = sum(weights)
    k = rng.choice((1, 2, 2, 3))
    funcs = tuple(tuple(rng.choice(values) for _ in range(d)) for _ in range(k))
    return Instance(tuple(Fraction(w, total) for w in weights), funcs, n, name)


def search(lhs: Node, rel: str, rhs: Node, counts: tuple[int, ...], seed: int,
           per_family: int = 12, families: int | tuple | None = None,
           definition: int = 0) -> tuple[Failure | None, int]:
    """Instances of each family (narrowest first; the first ``families`` of them, or the
    ``(name, values)`` families given) at each count; the first failure (None when none)
    and how many instances were checked."""
    rng = random.Random(seed)
    groups = set(all_groups(lhs)) | set(all_groups(rhs))
    checked, first = 0, None
    for family in (families if isinstance(families, tuple)
                   else range(families or len(FAMILIES))):
        for n in counts:
            for _ in range(per_family):
                inst = draw(rng, family, n, groups)
                checked += 1
                fail = check_instance(lhs, rel, rhs, inst, definition)
                if fail is not None and fail.on_average:
                    return fail, checked
                first = first or fail  # a failure at some sample only: look on
        if first is not None:
            return first, checked
    return first, checked


def all_groups(node: Node) -> set[str]:
    """Every random group ``node`` uses (bound or free)."""
    kind = node[0]
    if kind == "f":
        return {node[1]}
    if kind == "sigma":
        return {"sigma"}
    if kind in ("y", "loss01"):
        return {"z"}
    if kind == "R":
        return {"z", "sigma"}
    out: set[str] = set()
    for a in node[1:]:
        if isinstance(a, tuple):
            out |= all_groups(a)
        elif isinstance(a, list):
            for b in a:
                out |= all_groups(b)
    return out


__all__ = ["COMPLEXITIES", "FAMILIES", "Evaluator", "Failure", "Instance", "check_instance", "draw",
           "all_groups", "free_groups", "holds", "outcomes", "search", "with_complexity"]
