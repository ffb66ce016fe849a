r"""Conditional expectations on finite laws: a step about ``\mathbb{E}[g | X_1, \dots, X_i]``
(nested, with or without conditioning), where ``g`` is built from the family members
``X_k`` and a function ``f`` applied to them (``f(X_1, \dots, X_n)``), with ``n`` and the
indices free.

An instance draws ``n`` in 1..4, a joint law of :math:`(X_1, \dots, X_n)` on
:math:`\{0, 1, 2\}^n` with 2 to 6 outcomes of positive probability (any dependence; a product
law when the text states the members independent), and a table of integer values of each
function applied (any function: the text states nothing about it). Every quantity is a
random variable, a function of the outcome computed exactly with fractions:
:math:`\mathbb{E}[g \mid X_S](\omega)` averages ``g`` over the outcomes that agree with
:math:`\omega` on the members in ``S``. A relation between random variables must hold at
every outcome of positive probability (almost surely). Free indices (``i``) are checked at
each value in 1..n that keeps every index of the step in 1..n.

Anything else keeps the model out (:class:`~.divergence_terms.Unread`).
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from hallbound.proofs_checks.latex.models.divergence_terms import Unread, tokens

#: Instances drawn.
INSTANCES = 120
_DOTS = ("\\dots", "\\ldots", "\\cdots")


@dataclass
class Law:
    """``n``, the outcomes (tuples) with their probabilities, the function tables."""

    n: int
    probs: dict[tuple[int, ...], Fraction]
    tables: dict[str, dict[tuple[int, ...], Fraction]]


class Reader:
    """Recursive descent over a side: expectations, members, function values, + - *."""

    def __init__(self, text: str, family: str) -> None:
        self.toks, self.pos, self.family = tokens(text), 0, family
        self.free: set[str] = set()
        self.functions: set[str] = set()
        self.expectations = 0

    def peek(self, k: int = 0) -> str | None:
        i = self.pos + k
        return self.toks[i] if i < len(self.toks) else None

    def take(self, want: str | None = None) -> str:
        t = self.peek()
        if t is None or (want is not None and t != want):
            raise Unread(f"expected {want or 'more'}")
        self.pos += 1
        return t

    def read(self) -> Any:
        out = self.expr()
        if self.peek() is not None:
            raise Unread(f"cannot read {' '.join(self.toks[self.pos:][:6])!r}")
        return out

    def expr(self) -> Any:
        neg = self.peek() == "-" and self.take() == "-"
        out = self.term()
        out = ("neg", out) if neg else out
        while self.peek() in ("+", "-"):
            op = self.take()
            right = self.term()
            out = ("add", out, ("neg", right) if op == "-" else right)
        return out

    def term(self) -> Any:
        out = self.atom()
        while self.peek() not in (None, "+", "-", ")", "]", "|", ",", "}"):
            if self.peek() in ("\\cdot", "\\times"):
                self.take()
            out = ("mul", out, self.atom())
        return out

    def atom(self) -> Any:
        t = self.take()
        if re.fullmatch(r"\d+", t):
            return ("num", Fraction(int(t)))
        if t in ("(", "{"):
            out = self.expr()
            self.take(")" if t == "(" else "}")
            return out
        if t in ("op:E", "\\E"):
            return self.expectation()
        if t == self.family and self.peek() == "_":
            return ("member", self.index())
        if re.fullmatch(r"[a-ce-z]", t) and self.peek() == "(":  # f(..), never \exp(..)
            self.take()
            members = self.members(")")
            self.functions.add(t)
            return ("apply", t, members)
        raise Unread(f"{t!r} is not an expectation, a member of {self.family} or f(..)")

    def index(self) -> Any:
        self.take("_")
        t = self.take()
        if t != "{":
            return self._index_atom(t)
        out = self._index_atom(self.take())
        while self.peek() in ("+", "-"):
            sign = 1 if self.take() == "+" else -1
            tok = self.take()
            if not re.fullmatch(r"\d+", tok):
                raise Unread("an index offset that is not a number")
            out = ("off", out, sign * int(tok))
        self.take("}")
        return out

    def _index_atom(self, t: str) -> Any:
        if re.fullmatch(r"\d+", t):
            return ("lit", int(t))
        if re.fullmatch(r"[a-z]", t):
            if t != "n":
                self.free.add(t)
            return ("sym", t)
        raise Unread("an index the model does not read")

    def members(self, close: str) -> list[Any]:
        """``X_1, \\dots, X_i`` / ``X_1, X_2``: a list of index ranges (lo, hi)."""
        items: list[Any] = []
        while True:
            t = self.take()
            if t in _DOTS:
                items.append("dots")
            elif t == self.family:
                items.append(self.index())
            else:
                raise Unread("a list of something other than members")
            if self.peek() == close:
                self.take()
                break
            self.take(",")
        out = []
        for k, item in enumerate(items):
            if item == "dots":
                if k == 0 or k + 1 >= len(items) or items[k + 1] == "dots":
                    raise Unread("dots that do not sit between two members")
                out[-1] = (out[-1][0], items[k + 1])
            elif k > 0 and items[k - 1] == "dots":
                continue
            else:
                out.append((item, item))
        return out

    def expectation(self) -> Any:
        self.take("[")
        self.expectations += 1
        body = self.expr()
        cond = None
        if self.peek() == "|":
            self.take()
            cond = self.members("]")
        else:
            self.take("]")
        return ("E", body, cond)


def _index(ix: Any, at: dict[str, int]) -> int:
    if ix[0] == "lit":
        return ix[1]
    if ix[0] == "sym":
        return at[ix[1]]
    return _index(ix[1], at) + ix[2]


def _set(ranges: list[Any], at: dict[str, int], n: int) -> list[int]:
    out: list[int] = []
    for lo, hi in ranges:
        a, b = _index(lo, at), _index(hi, at)
        if not (1 <= a <= n and 1 <= b <= n) or b < a:
            raise IndexError("an index outside 1..n")
        out += range(a, b + 1)
    return out


def value(term: Any, law: Law, at: dict[str, int]) -> dict[tuple[int, ...], Fraction]:
    """The random variable ``term``: outcome -> value (exact)."""
    head = term[0]
    omegas = list(law.probs)
    if head == "num":
        return dict.fromkeys(omegas, term[1])
    if head == "member":
        k = _index(term[1], at)
        if not 1 <= k <= law.n:
            raise IndexError("an index outside 1..n")
        return {w: Fraction(w[k - 1]) for w in omegas}
    if head in ("add", "mul"):
        a, b = value(term[1], law, at), value(term[2], law, at)
        return {w: a[w] + b[w] if head == "add" else a[w] * b[w] for w in omegas}
    if head == "neg":
        return {w: -v for w, v in value(term[1], law, at).items()}
    if head == "apply":
        ks = _set(term[2], at, law.n)
        table = law.tables[term[1]]
        return {w: table[tuple(w[k - 1] for k in ks)] for w in omegas}
    g = value(term[1], law, at)
    ks = _set(term[2], at, law.n) if term[2] is not None else []
    out = {}
    for w in omegas:
        same = [u for u in omegas if all(u[k - 1] == w[k - 1] for k in ks)]
        mass = sum(law.probs[u] for u in same)
        out[w] = sum(law.probs[u] * g[u] for u in same) / mass
    return out


def draw(rng: random.Random, functions: dict[str, int], independent: bool) -> Law:
    """A law and function tables (module doc); ``functions``: name -> arity (0: any)."""
    n = rng.randint(1, 4)
    if independent:
        margins = [{v: Fraction(rng.randint(1, 4)) for v in rng.sample((0, 1, 2), 2)}
                   for _ in range(n)]
        probs: dict[tuple[int, ...], Fraction] = {}
        for w in itertools.product(*[sorted(m) for m in margins]):
            p = Fraction(1)
            for k, v in enumerate(w):
                p *= margins[k][v] / sum(margins[k].values())
            probs[w] = p
    else:
        outcomes = {tuple(rng.randint(0, 2) for _ in range(n)) for _ in range(rng.randint(2, 6))}
        weights = {w: rng.randint(1, 5) for w in outcomes}
        total = sum(weights.values())
        probs = {w: Fraction(v, total) for w, v in weights.items()}
    tables: dict[str, dict[tuple[int, ...], Fraction]] = {}
    for name in functions:
        tables[name] = _table(rng)
    return Law(n, probs, tables)


class _Table(dict):
    """A function's values, drawn on first use (integers -3..3)."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: tuple[int, ...]) -> Fraction:
        self[key] = Fraction(self.rng.randint(-3, 3))
        return self[key]


def _table(rng: random.Random) -> Any:
    return _Table(random.Random(rng.random()))


def describe(law: Law, at: dict[str, int], where: tuple[int, ...], diff: Fraction) -> str:
    """The witness: n, the free indices, the law, the function values used, the outcome."""
    cells = " | ".join(f"{w} {p}" for w, p in sorted(law.probs.items()))
    parts = [f"n = {law.n}"] + [f"{k} = {v}" for k, v in sorted(at.items())]
    parts.append(f"law of (X_1..X_n): {cells}")
    for name, table in sorted(law.tables.items()):
        vals = ", ".join(f"{name.lstrip(chr(92))}{k} = {v}" for k, v in sorted(table.items()))
        parts.append(vals)
    return "; ".join(parts) + f"; fails at the outcome {where} (lhs - rhs = {diff}, exact)"


__all__ = ["INSTANCES", "Law", "Reader", "describe", "draw", "value"]
