r"""A model of steps about a family of bounded random variables :math:`X_1, \dots, X_n` with a
stated range ``a_i \le X_i \le b_i`` (or numeric ends, ``0 \le X_i \le 1``): the means
``\mathbb{E}[X_i]`` and variances ``\operatorname{Var}(X_i)`` of each member, the ends
``a_i``, ``b_i``, the count ``n`` and sums ``\sum_{i=1}^n``.

An instance draws ``n`` from :func:`counts` (1..4 and the two integers past the largest
number the step writes: ``\frac{1}{4n}`` parts from ``\frac{1}{n^2}`` only past ``n = 4``), for
each ``i`` the ends (:data:`LOWS`, :data:`WIDTHS`) and a law of ``X_i`` supported in
:math:`[a_i, b_i]` (a fair coin on the two ends, the extreme case of a variance bound, or random
weights on ends, midpoint and a third point); all values are
fractions, so every side is computed exactly. Members are drawn independently: the model
reads only quantities of one member at a time, so a stated independence is met and no joint
law matters. An index that no sum binds (``\operatorname{Var}(X_i) \le ..``) is checked at
every ``i`` of the instance.

The mean ``\bar X`` (``\overline{X}``) of a family is read as
:math:`\frac1n \sum_{i=1}^n X_i`; its law is the convolution of the drawn members' laws, so
a joint law matters: the variance of a mean is read only when the family is stated
independent (``X_i \text{ independent}``); its expectation, linear under any coupling,
needs no such statement. The text may mean something else by ``\bar X`` (a centred or a
conjugate variable), so a step that fails under this reading is left UNDECIDED, never
REFUTED; one that holds at every instance is SUPPORTED, the reading named.

Anything else (a sum of variables inside ``\operatorname{Var}``, a name with no stated
range, another stated item about a name of the step) keeps the model out
(:class:`~.divergence_terms.Unread`).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from hallbound.proofs_checks.latex.models.divergence_terms import Unread, tokens

#: Lower ends and widths drawn for a member's stated range.
LOWS = (Fraction(-1), Fraction(0), Fraction(1, 2), Fraction(2))
WIDTHS = (Fraction(0), Fraction(1, 2), Fraction(1), Fraction(3))
#: Instances drawn.
INSTANCES = 200
#: The counts always drawn, and the largest ``n`` drawn at all (a step writing a number at
#: or past ``MAX_N - 1`` keeps the model out: its ``n`` could not pass that number).
COUNTS = (1, 2, 3, 4)
MAX_N = 10
#: Tokens that open the mean of a family, and the index that marks it in a read term.
BARS = ("\\bar", "\\overline")
BAR = "bar"


@dataclass
class Family:
    """A random family ``X`` with its ends: a name of an end family (``a``) or a number."""

    name: str
    low: str | Fraction
    high: str | Fraction


@dataclass
class Draw:
    """``n``, the ends of each member, and each member's law (value -> probability)."""

    n: int
    ends: dict[str, list[Fraction]]
    laws: dict[str, list[dict[Fraction, Fraction]]]


def _side_name(text: str) -> tuple[str, str] | Fraction | None:
    """``a_i`` -> ("a", "i"); ``0`` -> 0; None for anything else."""
    text = text.strip()
    m = re.fullmatch(r"(\\?[A-Za-z]+)\s*_\s*\{?\s*([a-z])\s*\}?", text)
    if m:
        return m.group(1).lstrip("\\"), m.group(2)
    try:
        return Fraction(text)
    except ValueError:
        return None


def families(hyp: Any) -> tuple[dict[str, Family], set[str]]:
    """The stated ranges ``lo \\le X_i \\le hi`` (from the environment's relations) and the
    texts of the items read."""
    lows: dict[str, Any] = {}
    highs: dict[str, Any] = {}
    texts: set[str] = set()
    for rel in hyp.relations:
        lhs, rhs = _side_name(rel.lhs), _side_name(rel.rhs)
        if rel.op not in ("<=", ">="):
            continue
        if rel.op == ">=":
            lhs, rhs = rhs, lhs
        for var, end, table in ((rhs, lhs, lows), (lhs, rhs, highs)):
            if isinstance(var, tuple) and var[0][0].isupper():
                if isinstance(end, tuple) and end[1] == var[1]:
                    table[var[0]] = end[0]
                    texts.add(rel.text)
                elif isinstance(end, Fraction):
                    table[var[0]] = end
                    texts.add(rel.text)
    out = {n: Family(n, lows[n], highs[n]) for n in lows if n in highs}
    return out, texts


class Reader:
    """Recursive descent over a side (module doc)."""

    def __init__(self, text: str, fams: dict[str, Family]) -> None:
        self.toks, self.pos, self.fams = tokens(text), 0, fams
        self.ends = {f.low for f in fams.values()} | {f.high for f in fams.values()}
        self.bound: str | None = None
        self.free: set[str] = set()
        #: the families whose mean's variance ``\operatorname{Var}(\bar X)`` the side names
        self.bars: set[str] = set()
        #: the families whose mean ``\bar X`` the side names (a reading the text may not define)
        self.means: set[str] = set()

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
        out = self.power()
        while self.peek() is not None and self.peek() not in ("+", "-", ")", "}", "]"):
            t = self.peek()
            if t in ("\\cdot", "\\times", "/"):
                self.take()
            out = ("div" if t == "/" else "mul", out, self.power())
        return out

    def power(self) -> Any:
        base = self.atom()
        if self.peek() == "^":
            self.take()
            base = ("pow", base, self.group())
        return base

    def group(self) -> Any:
        if self.peek() == "{":
            self.take()
            out = self.expr()
            self.take("}")
            return out
        return self.atom()

    def atom(self) -> Any:
        t = self.take()
        if re.fullmatch(r"\d+", t):
            return ("num", Fraction(int(t)))
        if t in ("(", "{", "["):
            out = self.expr()
            self.take({"(": ")", "{": "}", "[": "]"}[t])
            return out
        if t == "\\frac":
            num = self.group()
            return ("div", num, self.group())
        if t == "\\sum":
            return self.sum()
        if t in ("op:Var", "Var", "op:E", "\\E"):
            return self.moment("var" if "Var" in t else "mean")
        if t == "n":
            return ("n",)
        name = t.lstrip("\\")
        if name in self.ends and self.peek() == "_":
            return ("end", name, self.index())
        raise Unread(f"{t!r} is not a stated range, a moment of a member or n")

    def index(self) -> str:
        self.take("_")
        t = self.take()
        if t == "{":
            t = self.take()
            self.take("}")
        if not re.fullmatch(r"[a-z]", t) or t == "n":
            raise Unread("an index that is not one letter")
        if t != self.bound:
            self.free.add(t)
        return t

    def moment(self, kind: str) -> Any:
        close = {"(": ")", "[": "]"}.get(self.peek() or "")
        if close is None:
            raise Unread("a moment without its bracket")
        self.take()
        if self.peek() in BARS:
            out = (kind, self.bar(), BAR)
            self.means.add(out[1])
            if kind == "var":
                self.bars.add(out[1])
        else:
            name = self.take().lstrip("\\")
            if name not in self.fams:
                raise Unread(f"a moment of {name!r}, which has no stated range")
            out = (kind, name, self.index())
        self.take(close)
        return out

    def bar(self) -> str:
        r"""The family of a mean ``\bar X`` / ``\bar{X}`` / ``\overline{X}``."""
        self.take()
        braced = self.peek() == "{" and self.take() == "{"
        name = self.take().lstrip("\\")
        if braced:
            self.take("}")
        if name not in self.fams:
            raise Unread(f"the mean of {name!r}, which has no stated range")
        return name

    def sum(self) -> Any:
        if self.bound is not None:
            raise Unread("a sum inside a sum")
        self.take("_")
        self.take("{")
        index = self.take()
        self.take("=")
        self.take("1")
        self.take("}")
        self.take("^")
        braced = self.peek() == "{" and self.take() == "{"
        if self.take() != "n" or (braced and self.take() != "}"):
            raise Unread("a sum whose upper limit is not n")
        self.bound = index
        try:
            body = self.term()
        finally:
            self.bound = None
        return ("sum", index, body)


def value(term: Any, d: Draw, at: dict[str, int]) -> Fraction:
    head = term[0]
    if head == "num":
        return term[1]
    if head == "n":
        return Fraction(d.n)
    if head in ("add", "mul", "div"):
        a, b = value(term[1], d, at), value(term[2], d, at)
        return a + b if head == "add" else a * b if head == "mul" else a / b
    if head == "pow":
        a, b = value(term[1], d, at), value(term[2], d, at)
        if b.denominator != 1:
            raise Unread("a fractional power")
        return a ** int(b)
    if head == "neg":
        return -value(term[1], d, at)
    if head == "end":
        return d.ends[term[1]][at[term[2]] - 1]
    if head == "sum":
        return sum((value(term[2], d, {**at, term[1]: i}) for i in range(1, d.n + 1)),
                   Fraction(0))
    law = mean_law(d, term[1]) if term[2] == BAR else d.laws[term[1]][at[term[2]] - 1]
    mean = sum(v * p for v, p in law.items())
    return mean if head == "mean" else sum(p * (v - mean) ** 2 for v, p in law.items())


def mean_law(d: Draw, name: str) -> dict[Fraction, Fraction]:
    r"""The law of :math:`\bar X = \frac1n \sum_{i=1}^n X_i` for the drawn members, which are
    independent: the convolution of their laws, scaled by ``1/n`` (exact)."""
    total: dict[Fraction, Fraction] = {Fraction(0): Fraction(1)}
    for law in d.laws[name]:
        nxt: dict[Fraction, Fraction] = {}
        for s, p in total.items():
            for v, q in law.items():
                nxt[s + v] = nxt.get(s + v, Fraction(0)) + p * q
        total = nxt
    return {s / d.n: p for s, p in total.items()}


def stated_independent(laws: list[Any], name: str) -> bool:
    """Whether a statement of ``laws`` says the members of the family ``name`` are mutually
    independent (``X_i \\text{ independent}``, ``X_1, \\dots, X_n \\text{ independent}``)."""
    from hallbound.proofs_checks.latex.models.law_statements import INDEPENDENT, family

    return any(law.kind == INDEPENDENT and not law.of
               and any(len(g) == 1 and family(g[0]) == f"{name}_*" for g in law.groups)
               for law in laws)


def _law(rng: random.Random, lo: Fraction, hi: Fraction) -> dict[Fraction, Fraction]:
    if lo == hi:
        return {lo: Fraction(1)}
    if rng.random() < 0.35:
        return {lo: Fraction(1, 2), hi: Fraction(1, 2)}
    points = [lo, hi, (lo + hi) / 2, lo + (hi - lo) / 3]
    weights = [rng.randint(0, 4) for _ in points]
    if not any(weights):
        weights[0] = 1
    law: dict[Fraction, Fraction] = {}
    for v, w in zip(points, weights, strict=True):
        law[v] = law.get(v, Fraction(0)) + Fraction(w, sum(weights))
    return {v: p for v, p in law.items() if p}


def counts(*terms: Any) -> tuple[int, ...]:
    """The counts ``n`` drawn for a step with read sides ``terms``: :data:`COUNTS` and the two
    integers past the largest number the sides write; :class:`Unread` when those pass
    :data:`MAX_N`."""
    big = max((_largest(t) for t in terms), default=0)
    if big + 2 > MAX_N:
        raise Unread(f"the number {big} of the step is past the counts n drawn (up to {MAX_N})")
    return tuple(sorted(set(COUNTS) | {int(big) + 1, int(big) + 2}))


def _largest(term: Any) -> Fraction:
    """The largest number written in a read term."""
    if not isinstance(term, tuple):
        return Fraction(0)
    if term[0] == "num":
        return abs(term[1])
    return max((_largest(t) for t in term[1:]), default=Fraction(0))


def draw(rng: random.Random, fams: dict[str, Family],
         ns: tuple[int, ...] = COUNTS) -> Draw:
    """One instance (module doc), its ``n`` drawn from ``ns``."""
    n = rng.choice(ns)
    ends: dict[str, list[Fraction]] = {}
    laws: dict[str, list[dict[Fraction, Fraction]]] = {}
    for fam in fams.values():
        lows, highs = [], []
        for _ in range(n):
            lo = fam.low if isinstance(fam.low, Fraction) else rng.choice(LOWS)
            hi = fam.high if isinstance(fam.high, Fraction) else lo + rng.choice(WIDTHS)
            if hi < lo:
                raise Unread("a stated range that is empty")
            lows.append(lo)
            highs.append(hi)
        for end, vals in ((fam.low, lows), (fam.high, highs)):
            if isinstance(end, str):
                ends[end] = vals
        laws[fam.name] = [_law(rng, lo, hi) for lo, hi in zip(lows, highs, strict=True)]
    return Draw(n, ends, laws)


def fails(rel: str, a: Fraction, b: Fraction) -> bool:
    """Whether ``a REL b`` fails (exact)."""
    return {"=": a != b, "<=": a > b, "<": a >= b, ">=": a < b, ">": a <= b}.get(rel, False)


def describe(d: Draw, fams: dict[str, Family], diff: Fraction) -> str:
    """The instance, as the report prints it."""
    parts = [f"n = {d.n}"]
    for fam in fams.values():
        for i, law in enumerate(d.laws[fam.name], start=1):
            cells = ", ".join(f"{v} w.p. {p}" for v, p in sorted(law.items()))
            ends = ", ".join(f"{e}_{i} = {d.ends[e][i - 1]}" for e in (fam.low, fam.high)
                             if isinstance(e, str))
            parts.append(f"{fam.name}_{i}: {cells}" + (f" ({ends})" if ends else ""))
    return "; ".join(parts) + f" (lhs - rhs = {diff}, exact)"


__all__ = ["Draw", "Family", "Reader", "counts", "describe", "draw", "fails", "families",
           "mean_law", "stated_independent", "value"]
