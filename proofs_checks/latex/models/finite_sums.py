r"""Sums over a finite set and over index ranges, of indicators and function values, checked
exactly on finite instances (the verdict:
:func:`~hallbound.proofs_checks.latex.models.finite_sum_verdicts.finite_sum_check`; the sides
and the stated definitions: :mod:`.finite_sum_sides`).

The LaTeX reader keeps ``\sum_{a \in \mathcal{A}} \sum_{s=0}^{t-1} \mathbb{I}\{A_s = a\}
f(a)`` as an opaque atom printed ``sum_{a \in \mathcal { A }}(sum_{s=0}^{t - 1}(1[A[s] =
a]*f(a)))``. This module reads that text back (:class:`SumReader`) into nodes:

* ``("set", var, set, body)``: :math:`\sum_{var \in set} body` (``set``: ``\mathcal{A}``
  or one capital name; a sum with no range, :math:`\sum_i`, ranges over a set the text
  leaves implicit, one per index letter);
  ``("range", var, lo, hi, body)``: :math:`\sum_{var=lo}^{hi} body`;
* ``("ind", a, b)``: :math:`1\{a = b\}`; ``("func", f, x)``: a function of an element of the
  set; ``("seq", X, i)``: the sequence ``X_i`` at an integer index, its values in the set;
* ``("call", N, [t, a])``: a value at several arguments (``N_{t,a}``); ``("real", x)``: a
  drawn number (a plain name that bounds no range);
* ``("var", v)``, ``("count", t)`` (the one free integer), numbers, ``+ - * /``.

Each name has one type (an element of the set, an integer, a number) and must be used as
such (``X[a]`` at an element ``a`` is the function ``X`` of the element, ``\\Delta_a``): a
function at an integer, one name as a sequence and a function, two sets, two free integers
or any other name keep the model out. On an instance (the set ``{0, .., K-1}``, ``K`` =
1..3, or 4..6 or just past every number the step writes, with function values scaled past
them; each sequence's values drawn in the set, each function's values drawn among small
rationals; the free integer written out 0..4 and just past the step's largest number; a
number past ``MAX_COUNT - 2`` keeps the model out) both sides are computed exactly.
The verdict is SUPPORTED when every instance meets the step, saying what was drawn; a
failure is only a note (the roles above are read from notation, so no refutation rests on
them).
"""

from __future__ import annotations

import math
import random
import re
from fractions import Fraction
from typing import Any

from hallbound.proofs_checks.latex.models.token_cursor import TokenCursor

Node = tuple[Any, ...]
_TOKEN = re.compile(r"\s*(sum_|\d+|\\[A-Za-z]+|[A-Za-z][A-Za-z0-9]*|\S)")
#: Instances drawn, free-integer values written out, function values drawn.
INSTANCES = 40
COUNTS = range(0, 5)
#: The largest free-integer value written out (a step's larger numbers are not passed).
MAX_COUNT = 40
_VALUES = tuple(Fraction(v, 2) for v in range(-4, 7))
#: The set of the sums whose range the text leaves implicit (``\sum_i p_i``): all such sums
#: over one index letter range over it, as authors write them; ``\sum_i`` beside ``\sum_j``
#: are two sets, which keeps the model out (they may range apart).
IMPLICIT_SET = "(the range of {})"


class SumOut(Exception):
    """A term this model does not read."""


class SumReader(TokenCursor):
    """Recursive descent over the printed text of a side (module doc); ``types`` maps each
    name to ``elem``, ``int``, ``func`` or ``seq`` and ``sets`` collects the set names."""

    Out = SumOut

    def __init__(self, text: str, types: dict[str, str], sets: set[str]) -> None:
        super().__init__(_TOKEN.findall(text))
        self.types, self.sets = types, sets

    def expr(self) -> Node:
        terms = [self.term()]
        while self.peek("+", "-"):
            sign = self.take()
            t = self.term()
            terms.append(t if sign == "+" else ("mul", [("num", Fraction(-1)), t]))
        if len(terms) == 1:
            return terms[0]
        _kind_of(("add", terms), self.types)  # raises on arithmetic with an element
        return ("add", terms)

    def term(self) -> Node:
        factors = [self.unary()]
        while self.peek("*", "/"):
            op = self.take()
            if op == "*" and self.peek("*"):  # a**k: a power with a whole exponent
                self.take()
                factors[-1] = self.power(factors[-1])
                continue
            f = self.unary()
            factors.append(f if op == "*" else ("inv", f))
        if len(factors) == 1:
            return factors[0]
        _kind_of(("mul", factors), self.types)  # raises on arithmetic with an element
        return ("mul", factors)

    def power(self, base: Node) -> Node:
        """``base**k`` for a whole ``k`` (``-k``: ``1/base^k``) as a product; any other
        exponent keeps the model out."""
        sign = self.take() if self.peek("-") else ""
        w = self.take()
        if not w.isdigit() or int(w) > 8:
            raise SumOut(f"a power {sign}{w}")
        if _kind_of(base, self.types) == "elem":
            raise SumOut("arithmetic on an element of the set")
        node: Node = ("mul", [base] * int(w)) if int(w) != 1 else base
        if int(w) == 0:
            node = ("num", Fraction(1))
        return ("inv", node) if sign else node

    def unary(self) -> Node:
        if self.peek("-"):
            self.take()
            return ("mul", [("num", Fraction(-1)), self.unary()])
        return self.primary()

    def primary(self) -> Node:
        w = self.take()
        if w == "(":
            node = self.expr()
            self.eat(")")
            return node
        if w == "sum_":
            return self.summation()
        if w.isdigit():
            if w == "1" and self.peek("["):
                self.take()
                left = self.expr()
                self.eat("=")
                right = self.expr()
                self.eat("]")
                self._same_kind(left, right)
                return ("ind", left, right)
            return ("num", Fraction(int(w)))
        if re.fullmatch(r"[A-Za-z]\w*", w):
            return self.name(w)
        raise SumOut(f"the token {w!r}")

    def summation(self) -> Node:
        self.eat("{")
        var = self.take()
        if not re.fullmatch(r"[a-z]", var) or var in self.types:
            raise SumOut(f"a sum over {var!r}")
        if self.peek("}"):  # \sum_i body: the range the text leaves implicit, a finite set
            self.take()
            name = IMPLICIT_SET.format(var)
            self.sets.add(name)
            return ("set", var, name, self.body(var, "elem"))
        if self.peek("\\in"):
            self.take()
            name = self.set_name()
            self.eat("}")
            self.sets.add(name)
            return ("set", var, name, self.body(var, "elem"))
        self.eat("=")
        lo = self.expr()
        self.eat("}")
        self.eat("^")
        self.eat("{")
        hi = self.expr()
        self.eat("}")
        return ("range", var, lo, hi, self.body(var, "int"))

    def set_name(self) -> str:
        r"""The set of ``\sum_{a \in ..}`` as written: ``\mathcal{A}``, or one capital
        name (``S``, ``V``); anything else (``\mathbb{N}``, ``[n]``, ``J_1``) keeps the model
        out (it may be infinite, or not a set of its own)."""
        if self.peek("\\mathcal"):
            self.take()
            self.eat("{")
            name = self.take()
            self.eat("}")
            return f"\\mathcal{{{name}}}"
        name = self.take()
        if not re.fullmatch(r"[A-Z][A-Za-z]*", name) or not self.peek("}"):
            raise SumOut(f"a sum over {name!r}, not a set name")
        return name

    def body(self, var: str, kind: str) -> Node:
        self.types[var] = kind
        self.eat("(")
        node = self.expr()
        self.eat(")")
        if _kind_of(node, self.types) == "elem":
            raise SumOut("a sum of elements of the set")
        del self.types[var]
        return node

    def name(self, w: str) -> Node:
        if self.peek("["):
            self.take()
            idx = self.expr()
            self.eat("]")
            if _kind_of(idx, self.types) == "elem":  # \Delta_a inside a sum over a
                self._kind(w, "func")
                return ("func", w, idx)
            self._kind(w, "seq")
            if _kind_of(idx, self.types) != "int":
                raise SumOut(f"{w} at a non-integer index")
            return ("seq", w, idx)
        if self.peek("("):
            self.take()
            args = [self.expr()]
            while self.peek(","):
                self.take()
                args.append(self.expr())
            self.eat(")")
            if len(args) > 1:  # N_{t,a}: a value at several arguments, each int or elem
                return self.call(w, args)
            arg = args[0]
            self._kind(w, "func")
            if _kind_of(arg, self.types) != "elem":
                raise SumOut(f"{w} at something other than an element of the set")
            return ("func", w, arg)
        if self.types.get(w) == "real":
            return ("real", w)
        kind = self.types.get(w)
        if kind in ("elem", "int") and len(w) == 1 and w.islower():
            return ("var", w)
        self._kind(w, "count")
        return ("count", w)

    def call(self, w: str, args: list[Node]) -> Node:
        """``N(t, a)``: the value of ``w`` at integers and elements (kinds fixed per place)."""
        kinds = tuple(_kind_of(a, self.types) for a in args)
        if any(k not in ("int", "elem") for k in kinds):
            raise SumOut(f"{w} at an argument that is neither an integer nor an element")
        self._kind(w, "call" + "".join(k[0] for k in kinds))
        return ("call", w, args)

    def _kind(self, name: str, kind: str) -> None:
        if self.types.setdefault(name, kind) != kind:
            raise SumOut(f"{name} is used in two roles")

    def _same_kind(self, a: Node, b: Node) -> None:
        ka, kb = _kind_of(a, self.types), _kind_of(b, self.types)
        if ka != kb or ka not in ("elem", "int"):
            raise SumOut("an indicator comparing different kinds")


def _kind_of(node: Node, types: dict[str, str]) -> str:
    """``elem`` (an element of the set), ``int`` or ``num``."""
    if node[0] == "var":
        return types[node[1]]
    if node[0] == "seq":
        return "elem"
    if node[0] == "count":
        return "int"
    if node[0] == "inv" and _kind_of(node[1], types) == "elem":
        raise SumOut("arithmetic on an element of the set")
    if node[0] in ("add", "mul"):
        kinds = {_kind_of(c, types) for c in node[1]}
        if "elem" in kinds:
            raise SumOut("arithmetic on an element of the set")
        return "int" if kinds <= {"int", "num"} and "int" in kinds else "num"
    return "num"


class Instance:
    """The set ``{0..K-1}``, sequences and functions drawn lazily (function values among
    ``_VALUES`` times ``scale``), the free integer."""

    def __init__(self, rng: random.Random, k: int, count: int, scale: int = 1,
                 defs: dict | None = None) -> None:
        self.rng, self.k, self.count, self.scale = rng, k, count, scale
        self.defs: dict[str, tuple[list[str], Node]] = defs or {}
        self.drawn: dict[tuple[str, int], Any] = {}

    def draw(self, key: tuple[str, int], kind: str) -> Any:
        if key not in self.drawn:
            self.drawn[key] = (self.rng.randrange(self.k) if kind == "seq"
                               else self.scale * self.rng.choice(_VALUES))
        return self.drawn[key]


def largest_number(node: Any) -> int:
    """The ceiling of the largest absolute number written in ``node`` (0 when none)."""
    if isinstance(node, tuple) and node and node[0] == "num":
        return math.ceil(abs(node[1]))
    if isinstance(node, (tuple, list)):
        return max((largest_number(c) for c in node), default=0)
    return 0


def sample_box(left: Node, right: Node) -> tuple[tuple[int, ...], int]:
    """The free-integer values written out and the scale of the wide function values: past
    every number the step writes (review B6: a bound at the edge of a fixed box such as
    ``\\sum_a f(a) \\le 9`` was met only because of the box)."""
    big = min(largest_number((left, right)), MAX_COUNT - 2)
    return tuple(sorted(set(COUNTS) | {big + 1, big + 2})), max(10, big + 1)


def evaluate(node: Node, inst: Instance, env: dict[str, int]) -> Any:
    """The exact value of ``node`` on ``inst`` (``env``: the bound variables)."""
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "var":
        return env[node[1]]
    if kind == "count":
        return inst.count
    if kind == "seq":
        return inst.draw((node[1], int(evaluate(node[2], inst, env))), "seq")
    if kind in ("func", "call"):
        args = node[2] if kind == "call" else [node[2]]
        values = tuple(evaluate(a, inst, env) for a in args)
        if node[1] in inst.defs:  # a defined name: its definition at the arguments
            params, body = inst.defs[node[1]]
            return evaluate(body, inst, dict(zip(params, values, strict=True)))
        return inst.draw((node[1], values if kind == "call" else values[0]), "func")
    if kind == "real":
        return inst.draw((node[1], 0), "func")
    if kind == "ind":
        return Fraction(int(evaluate(node[1], inst, env) == evaluate(node[2], inst, env)))
    if kind == "add":
        return sum((evaluate(c, inst, env) for c in node[1]), Fraction(0))
    if kind == "mul":
        out = Fraction(1)
        for c in node[1]:
            out *= evaluate(c, inst, env)
        return out
    if kind == "inv":
        return 1 / Fraction(evaluate(node[1], inst, env))  # 1/0 raises: the point is skipped
    if kind == "set":
        return sum((evaluate(node[3], inst, {**env, node[1]: a}) for a in range(inst.k)),
                   Fraction(0))
    lo, hi = (evaluate(node[i], inst, env) for i in (2, 3))
    if lo.denominator != 1 or hi.denominator != 1:
        raise ZeroDivisionError("a range with non-integer ends")
    return sum((evaluate(node[4], inst, {**env, node[1]: s}) for s in range(int(lo),
                                                                           int(hi) + 1)),
               Fraction(0))


def set_sizes(left: Node, right: Node) -> tuple[int, ...]:
    r"""The sizes ``K`` of the set drawn: 1..6 and the two just past the step's largest number
    (``\sum_{a \in A} 1 \le 7`` fails only at ``K = 8``), at most ``MAX_COUNT``."""
    big = min(largest_number((left, right)), MAX_COUNT - 2)
    return tuple(sorted(set(range(1, 7)) | {big + 1, big + 2}))


def passes_numbers(left: Node, right: Node) -> bool:
    """Whether the drawn sizes and counts pass every number the step writes."""
    return largest_number((left, right)) <= MAX_COUNT - 2


def search(left: Node, rel: str, right: Node, seed: int,
           defs: dict | None = None) -> tuple[dict | None, int]:
    """The first instance breaking ``left rel right`` (None) and the number checked."""
    rng = random.Random(seed)
    checked = 0
    counts, scale = sample_box(left, right)
    past = [k for k in set_sizes(left, right) if k > 6]
    for i in range(INSTANCES):
        for count in counts:
            # half the instances small, half on 4-6 points (every fourth just past the step's
            # numbers, when they pass 6) with values scaled past the step's numbers
            wide = i % 2 == 1
            size = rng.randint(4, 6) if wide else rng.randint(1, 3)
            if i % 4 == 3 and past:
                size = rng.choice(past)
            inst = Instance(rng, size, count, scale if wide else 1, defs)
            try:
                a, b = evaluate(left, inst, {}), evaluate(right, inst, {})
            except ZeroDivisionError:
                continue
            checked += 1
            ok = {"=": a == b, "<=": a <= b, "<": a < b, ">=": a >= b, ">": a > b}[rel]
            if not ok:
                return {"K": inst.k, "count": count, "lhs": a, "rhs": b,
                        "drawn": dict(inst.drawn)}, checked
    return None, checked


__all__ = ["Instance", "SumOut", "SumReader", "evaluate", "passes_numbers", "search",
           "set_sizes"]
