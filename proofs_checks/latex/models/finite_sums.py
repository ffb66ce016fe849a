r"""Sums over a finite set and over index ranges, of indicators and function values, checked
exactly on finite instances (:func:`finite_sum_check`).

The LaTeX reader keeps ``\sum_{a \in \mathcal{A}} \sum_{s=0}^{t-1} \mathbb{I}\{A_s = a\}
f(a)`` as an opaque atom printed ``sum_{a \in \mathcal { A }}(sum_{s=0}^{t - 1}(1[A[s] =
a]*f(a)))``. This module reads that text back (:class:`SumReader`) into nodes:

* ``("set", var, set, body)``: :math:`\sum_{var \in set} body`;
  ``("range", var, lo, hi, body)``: :math:`\sum_{var=lo}^{hi} body`;
* ``("ind", a, b)``: :math:`1\{a = b\}`; ``("func", f, x)``: a function of an element of the
  set; ``("seq", X, i)``: the sequence ``X_i`` at an integer index, its values in the set;
* ``("var", v)``, ``("count", t)`` (the one free integer), numbers, ``+ - * /``.

Each name has one type (an element of the set, an integer, a number) and must be used as
such: a function at an integer, a sequence at an element, two sets, two free integers or any
other name keep the model out. On an instance (the set ``{0, .., K-1}``, ``K`` = 1..3, or
4..6 with function values scaled past every number the step writes; each sequence's values
drawn in the set, each function's values drawn among small rationals; the free integer
written out 0..4 and just past the step's largest number) both sides are computed exactly.
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

import sympy as sp

Node = tuple[Any, ...]
_TOKEN = re.compile(r"\s*(sum_|\d+|\\[A-Za-z]+|[A-Za-z][A-Za-z0-9]*|\S)")
#: Instances drawn, free-integer values written out, function values drawn.
INSTANCES = 40
COUNTS = range(0, 5)
#: The largest free-integer value written out (a step's larger numbers are not passed).
MAX_COUNT = 40
_VALUES = tuple(Fraction(v, 2) for v in range(-4, 7))


class SumOut(Exception):
    """A term this model does not read."""


class SumReader:
    """Recursive descent over the printed text of a side (module doc); ``types`` maps each
    name to ``elem``, ``int``, ``func`` or ``seq`` and ``sets`` collects the set names."""

    def __init__(self, text: str, types: dict[str, str], sets: set[str]) -> None:
        self.toks = _TOKEN.findall(text)
        self.pos, self.types, self.sets = 0, types, sets

    def peek(self, *words: str) -> bool:
        return self.pos < len(self.toks) and self.toks[self.pos] in words

    def take(self) -> str:
        if self.pos >= len(self.toks):
            raise SumOut("the text ends early")
        self.pos += 1
        return self.toks[self.pos - 1]

    def eat(self, word: str) -> None:
        if self.take() != word:
            raise SumOut(f"expected {word!r}")

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
            f = self.unary()
            factors.append(f if op == "*" else ("inv", f))
        if len(factors) == 1:
            return factors[0]
        _kind_of(("mul", factors), self.types)  # raises on arithmetic with an element
        return ("mul", factors)

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
        if self.peek("\\in"):
            self.take()
            self.eat("\\mathcal")
            self.eat("{")
            name = self.take()
            self.eat("}")
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
            self._kind(w, "seq")
            if _kind_of(idx, self.types) != "int":
                raise SumOut(f"{w} at a non-integer index")
            return ("seq", w, idx)
        if self.peek("("):
            self.take()
            arg = self.expr()
            self.eat(")")
            self._kind(w, "func")
            if _kind_of(arg, self.types) != "elem":
                raise SumOut(f"{w} at something other than an element of the set")
            return ("func", w, arg)
        kind = self.types.get(w)
        if kind in ("elem", "int") and len(w) == 1 and w.islower():
            return ("var", w)
        self._kind(w, "count")
        return ("count", w)

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

    def __init__(self, rng: random.Random, k: int, count: int, scale: int = 1) -> None:
        self.rng, self.k, self.count, self.scale = rng, k, count, scale
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
    if kind == "func":
        return inst.draw((node[1], evaluate(node[2], inst, env)), "func")
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


def read_sides(lhs: sp.Basic, rhs: sp.Basic, atoms: dict) -> tuple[Node, Node, dict] | str:
    """Both sides read (each a sum atom, a number or an expression of them), or why not."""
    types: dict[str, str] = {}
    sets: set[str] = set()
    nodes = []
    for side in (lhs, rhs):
        subs = {}
        for s in side.free_symbols:
            atom = atoms.get(s)
            if atom is None or atom.kind != "sum" or not atom.latex.startswith("sum_"):
                return f"the name {s} is not a sum this model reads"
            subs[s] = sp.Symbol(f"_sum{len(nodes)}_{len(subs)}")
        try:
            texts = {v.name: atoms[k].latex for k, v in subs.items()}
            printed = sp.sstr(side.xreplace(subs))
            for name, text in texts.items():
                printed = printed.replace(name, f"({text})")
            reader = SumReader(printed, types, sets)
            node = reader.expr()
            if reader.pos != len(reader.toks):
                return "text after the side"
            if _kind_of(node, types) == "elem":
                return "a side that is an element of the set"
        except SumOut as err:
            return str(err)
        nodes.append(node)
    counts = [n for n, k in types.items() if k == "count"]
    if len(sets) != 1 or len(counts) > 1:
        return "not one finite set and at most one free integer"
    return nodes[0], nodes[1], {"types": types, "set": sets.pop(), "count": counts}


def search(left: Node, rel: str, right: Node, seed: int) -> tuple[dict | None, int]:
    """The first instance breaking ``left rel right`` (None) and the number checked."""
    rng = random.Random(seed)
    checked = 0
    counts, scale = sample_box(left, right)
    for i in range(INSTANCES):
        for count in counts:
            # half the instances small, half on 4-6 points with values scaled past the step's
            # numbers
            wide = i % 2 == 1
            inst = Instance(rng, rng.randint(4, 6) if wide else rng.randint(1, 3), count,
                            scale if wide else 1)
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


def _stated(step: Any, checker: Any, read_names: set[str]) -> str | None:
    """Why the environment's statements keep the model out: anything but definitions of
    names the step does not use (``N_{t,a} = \\sum_s \\mathbb{I}\\{A_s = a\\}`` beside a step
    without ``N``: such a definition restricts none of the drawn objects). ``read_names``:
    the names the sum atoms read (functions, sequences, the free integer, the set)."""
    hyp = checker.table.hyp
    if hyp.laws or hyp.facts or checker.refused or checker.equations or (
            len(hyp.stated) != len(hyp.definitions)):
        return "the environment states assumptions other than definitions"
    used = set((step.lhs - step.rhs).free_symbols)
    for s in list(used):
        atom = checker.table.atoms.get(s)
        used |= set(atom.depends) if atom is not None else set()
    names = {_head(s) for s in used} | read_names
    for key in checker.defs:
        if key in used or _head(key) in names:
            return f"a definition of {key}, which the step uses"
    return None


def _head(key: Any) -> str:
    r"""The base name of a defined or used name: ``f`` of ``f(a)``, ``N`` of ``N_{t,a}``,
    ``A`` of ``\mathcal{A}``."""
    if isinstance(key, sp.core.function.AppliedUndef):
        return str(key.func)
    text = re.sub(r"\\math[a-z]+|[{}\s\\]", "", str(key))
    return re.split(r"[_\[(]", text)[0]


def finite_sum_check(check: Any, step: Any, checker: Any) -> None:
    """SUPPORTED for a step of finite sums that every drawn instance meets (module doc);
    nothing when the model stays out; a note on a failure."""
    table = checker.table
    if check.verdict != "UNDECIDED" or table is None or checker.contradictory:
        return
    if step.rel not in ("=", "<=", "<", ">=", ">") or checker.relations:
        return
    atoms = table.atoms
    if not any(getattr(atoms.get(s), "kind", None) == "sum"
               for s in (step.lhs - step.rhs).free_symbols):
        return
    read = read_sides(step.lhs, step.rhs, atoms)
    if isinstance(read, str):
        check.notes.append(f"finite sum model not used: {read}")
        return
    left, right, info = read
    why = _stated(step, checker, {_head(n) for n in info["types"]} | {info["set"]})
    if why is not None:
        check.notes.append(f"finite sum model not used: {why}")
        return
    fail, checked = search(left, step.rel, right, checker.seed)
    counts, scale = sample_box(left, right)
    seqs = sorted(n for n, k in info["types"].items() if k == "seq")
    funcs = sorted(n for n, k in info["types"].items() if k == "func")
    drawn = (f"the set \\mathcal{{{info['set']}}} = {{0..K-1}} with K = 1..6"
             + (f", the sequence(s) {', '.join(seqs)} with values drawn in it" if seqs else "")
             + (f", the function(s) {', '.join(funcs)} with values drawn in "
                "{-2, -3/2, .., 3}" + (f" and {scale} times these" if scale > 1 else "")
                if funcs else "")
             + (f", {info['count'][0]} in {{{', '.join(map(str, counts))}}} written out"
                if info["count"] else ""))
    if fail is not None:
        check.notes.append(f"the finite sum model breaks the step ({drawn}) at {fail}; not "
                           "refuted: the roles of the names are read from notation")
        return
    check.verdict, check.method = "SUPPORTED", "finite sum model"
    check.detail = (f"{checked} finite instances computed exactly ({drawn}): no failure; "
                    "weak evidence: small sets and counts only")
    check.trials = checked
    check.witness = check.lhs_value = check.rhs_value = None


__all__ = ["SumOut", "SumReader", "evaluate", "finite_sum_check", "read_sides", "search"]
