r"""Suprema over an index set and expectations over one variable, of functions about which
nothing else is known, evaluated exactly on finite tables (:func:`finite_table_check`).

Learning-theory notes bound a value at a point by a supremum over the set
(``|L(\hat\theta) - \hat L(\hat\theta)| \le \sup_{\theta \in \Theta} |L(\theta) -
\hat L(\theta)|``) and exchange a supremum and an expectation (``\sup_u \mathbb{E}_v[g(u, v)]
\le \mathbb{E}_v[\sup_u g(u, v)]``). The reader keeps each ``\sup_{x \in X}(..)`` (``inf``,
``max``, ``min``), ``\mathbb{E}_v[..]`` and ``g(u, v)`` as an opaque atom. This model reads a
step made only of such atoms, numbers, ``+``, ``\cdot``, integer powers and ``|..|``
(:func:`read_tables`):

* every argument of a function is a point: a plain name, either bound (the index of a
  supremum, the variable of an expectation) or free (``\hat\theta``, ``\theta^*``);
* the points of one function argument, and the index of a supremum over them, share one
  set (a *sort*); a supremum's range names it (``\Theta``), an unrestricted ``\sup_u`` ranges
  over the whole set; two different ranges of one sort keep the model out;
* an expectation names one variable in its subscript, never used outside it.

An instance (:func:`draw`) gives each sort 1-3 points, each function a random table of
values in :data:`VALUES` times a scale drawn for the instance from ``1/10``, ``1`` and a
large one beyond every number written in the step (:func:`large_scale`: a bound such as
``\sup_u g(u) \le 2`` on a free ``g`` is never "supported" by the box of the tables), each
expectation's variable a random law (positive rational weights) and each free point a point
of its sort; a stated minimiser ``\hat\theta \in \argmin_\theta \hat L(\theta)``
(``argmax``) is honoured: ``\hat\theta`` is a point where the drawn table of ``\hat L`` is
least. Both sides are then exact Fractions.

Verdicts: no failure in :data:`INSTANCES` instances: SUPPORTED, saying what was sampled and
how the free points were read (points of the supremum's range). A failure: UNDECIDED, the
instance in the detail (the functions are free tables: the text may define them in words,
and a free point's membership in the range is a reading): this model never refutes. Any
other statement of the environment (a domain, a relation, a law, an unread assumption, a
definition) keeps the model out.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

#: Values a function table takes.
VALUES: tuple[Fraction, ...] = tuple(Fraction(k, 2) for k in range(-4, 5))
#: Instances drawn for one step.
INSTANCES = 200
_EXTREMA = {"sup": max, "max": max, "inf": min, "min": min}
_SUBSCRIPT = re.compile(r"E_\{?\s*(\\?[A-Za-z]+)\s*\}?\[")


class TablesOut(Exception):
    """A term this model does not read (it stays out of the step)."""


def _plain(text: str) -> str:
    """A LaTeX name without spaces, backslashes and braces: ``\\mathcal{H}`` -> ``mathcalH``."""
    return re.sub(r"[\s\\{}]", "", text)


def _braced(key: str, start: int) -> tuple[str, int]:
    """The text inside the brace at ``key[start]`` and the index after its closing brace."""
    depth = 0
    for k in range(start, len(key)):
        depth += {"{": 1, "}": -1}.get(key[k], 0)
        if depth == 0:
            return key[start + 1 : k], k + 1
    raise TablesOut("unbalanced braces")


def extremum_parts(key: str) -> tuple[str, str | None]:
    r"""The index and the range an extremum atom's key names: ``sup_{\theta \in \Theta}(..)``
    -> ``("theta", "Theta")``; ``sup_{u'}(..)`` -> ``("u'", None)`` (unrestricted). Raises
    :class:`TablesOut` for an index that is not a plain name (primes allowed) or a range that
    is not a plain set name (an interval, a set written out)."""
    m = re.match(r"(sup|inf|max|min)_", key)
    if m is None or not key[m.end():].startswith("{"):
        raise TablesOut(f"an extremum written {key[:30]!r}")
    head, _ = _braced(key, m.end())
    index, _, rng = head.partition("\\in")
    index = _plain(index)
    if not re.fullmatch(r"[A-Za-z]+'*", index):
        raise TablesOut(f"the index {index!r} is not a plain name")
    if not rng:
        return index, None
    rng = _plain(rng)
    if not re.fullmatch(r"[A-Za-z]+", rng):
        raise TablesOut(f"the range {head!r} is not a plain set name")
    return index, rng


@dataclass
class Tables:
    """What a step uses: function heads and arities, sorts (union-find over point names and
    argument positions), the range of each sort, bound and free points (by name), the
    expectations' variables, each atom's points as read (``reads``: key -> argument names,
    extremum index or expectation variable) and the honoured minimisers ``point -> (head,
    'min' | 'max')``."""

    table: Any
    arity: dict[str, int] = field(default_factory=dict)
    parent: dict[Any, Any] = field(default_factory=dict)
    ranges: dict[Any, set] = field(default_factory=dict)
    bound: set[str] = field(default_factory=set)
    random_vars: set[str] = field(default_factory=set)
    points: set[str] = field(default_factory=set)
    reads: dict[str, Any] = field(default_factory=dict)
    argmins: dict[str, tuple[str, str]] = field(default_factory=dict)
    outer: set[str] = field(default_factory=set)

    def find(self, key: Any) -> Any:
        while self.parent.setdefault(key, key) != key:
            key = self.parent[key]
        return key

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb

    def sorts(self) -> dict[Any, set]:
        """Each sort's root with the ranges its extrema name (``None``: unrestricted)."""
        out: dict[Any, set] = {}
        for key, rngs in self.ranges.items():
            out.setdefault(self.find(key), set()).update(rngs)
        for p in self.points:
            out.setdefault(self.find(("var", p)), set())
        return out

    @property
    def free(self) -> list[str]:
        """The points the step uses outside every binder of their name."""
        return sorted(self.outer)


def _walk(expr: Any, tabs: Tables) -> set[str]:
    """Record the atoms of ``expr`` in ``tabs`` (module doc); the point names it uses
    outside their binders."""
    if isinstance(expr, sp.Symbol):
        return _walk_symbol(expr, tabs)
    if expr.is_Number:
        return set()
    if isinstance(expr, sp.Pow) and not (expr.exp.is_Integer):
        raise TablesOut("a power that is not an integer")
    if not isinstance(expr, (sp.Add, sp.Mul, sp.Pow, sp.Abs, sp.Max, sp.Min)):
        raise TablesOut(f"the operation {type(expr).__name__}")
    return set().union(*(_walk(a, tabs) for a in expr.args))


def _walk_symbol(sym: sp.Symbol, tabs: Tables) -> set[str]:
    atom = tabs.table.atoms.get(sym)
    if atom is None:
        raise TablesOut(f"the symbol {sym.name!r} outside a function argument")
    if atom.kind == "func":
        return _walk_function(atom, tabs)
    if atom.head in _EXTREMA and isinstance(atom.arg, sp.Tuple) and len(atom.arg) == 2:
        body, idx = atom.arg
        index, rng = extremum_parts(atom.key)
        if not isinstance(idx, sp.Symbol) or index.rstrip("'") != idx.name:
            raise TablesOut(f"an extremum over {idx}")
        tabs.reads[atom.key] = index
        tabs.bound.add(index)
        tabs.points.add(index)
        tabs.ranges.setdefault(("var", index), set()).add(rng)
        return _walk(body, tabs) - {index}
    if atom.kind == "E" and atom.arg is not None:
        m = _SUBSCRIPT.match(atom.key)
        if m is None:
            raise TablesOut(f"the expectation {atom.key[:30]!r} names no single variable")
        var = m.group(1).lstrip("\\")
        inner = _walk(atom.arg, tabs)
        if var not in inner:
            raise TablesOut(f"the expectation's variable {var!r} does not occur inside it")
        tabs.reads[atom.key] = var
        tabs.random_vars.add(var)
        return inner - {var}
    raise TablesOut(f"the quantity {atom.key!r}")


def _arguments(atom: Any, table: Any) -> tuple[str, ...]:
    """The point names a function atom is applied to: its parsed arguments, or, when the
    reader kept it as tokens (``g(u', v)``), its key's comma-separated plain names."""
    if isinstance(atom.arg, sp.Tuple):
        if not all(isinstance(a, sp.Symbol) and a not in table.atoms for a in atom.arg):
            raise TablesOut(f"an argument of {atom.key!r} is not a point")
        return tuple(a.name for a in atom.arg)
    m = re.fullmatch(re.escape(atom.head) + r"\((.*)\)", atom.key)
    names = tuple(_plain(a) for a in m.group(1).split(",")) if m else ()
    if not names or not all(re.fullmatch(r"[A-Za-z]+'*", a) for a in names):
        raise TablesOut(f"the arguments of {atom.key!r} are not points")
    return names


def _walk_function(atom: Any, tabs: Tables) -> set[str]:
    head, names = atom.head, _arguments(atom, tabs.table)
    if tabs.arity.setdefault(head, len(names)) != len(names):
        raise TablesOut(f"{head} with two arities")
    tabs.reads[atom.key] = names
    for j, a in enumerate(names):
        tabs.points.add(a)
        tabs.union(("var", a), ("pos", head, j))
    return set(names)


def read_tables(lhs: Any, rhs: Any, table: Any, facts: list, atoms: dict) -> Tables | str:
    """The step's :class:`Tables`, or why the model stays out. ``facts``: the parsed
    quantified facts of the environment, their atoms in ``atoms`` (each fact must be a
    minimiser this model honours)."""
    tabs = Tables(table)
    try:
        for side in (lhs, rhs):
            tabs.outer |= _walk(sp.sympify(side), tabs)
    except TablesOut as err:
        return str(err)
    if set(tabs.arity) & tabs.points:
        return "an index is also a function (a class of functions)"
    if tabs.random_vars & (tabs.bound | tabs.outer):
        return "an expectation's variable is also an index or used outside it"
    why = _honour(facts, atoms, tabs)
    if why is not None:
        return why
    for rngs in tabs.sorts().values():
        if len(rngs) > 1:
            return "one set with two ranges (" + ", ".join(sorted(map(str, rngs))) + ")"
    return _named_points(tabs)


def letter_of(name: str) -> str:
    r"""The letter a point's name decorates: ``thetahat``, ``thetastar``, ``theta_0``,
    ``theta'`` -> ``theta``."""
    prev = None
    while prev != name:
        prev, name = name, re.sub(r"(?<=.)(?:hat|star|bar|tilde|'|_\{?\w+\}?)$", "", name)
    return name


def _named_points(tabs: Tables) -> Tables | str:
    """``tabs`` when each free point of a set with a named range (``\\Theta``) is the letter of
    an index over that range with a hat or a star (``\\hat\\theta``, ``\\theta^*`` beside
    ``\\sup_{\\theta \\in \\Theta}``: texts name points of a set so); why not otherwise (its
    membership in the range would be a guess: ``\\theta_0``, an initial point, often lies
    outside a constraint set)."""
    sorts = tabs.sorts()
    for p in tabs.free:
        root = tabs.find(("var", p))
        if sorts.get(root, set()) - {None}:
            letters = {letter_of(i) for i in tabs.bound if tabs.find(("var", i)) == root}
            if letter_of(p) not in letters:
                return f"the point {p} is not named after the index of its set's supremum"
            if re.sub(r"(?<=.)(?:hat|star)+$", "", p) != letter_of(p):
                return (f"the point {p} is not an estimator or optimum (hat, star) of the "
                        "index: an initial or iterated point may lie outside the range")
    return tabs


def _honour(facts: list, atoms: dict, tabs: Tables) -> str | None:
    """Record each stated minimiser (``point in argmin_x F(x)``) of the step's functions;
    the reason to stay out for any other fact."""
    for q in facts:
        atom = atoms.get(q.lhs) if isinstance(q.lhs, sp.Symbol) else None
        if (q.point is None or q.lhs != q.rhs or atom is None or atom.kind != "func"
                or not isinstance(atom.arg, sp.Tuple) or tuple(atom.arg) != tuple(q.bound)
                or len(q.bound) != 1 or q.lo is not None or q.hi is not None
                or q.op not in ("<=", ">=")):
            return f"a stated fact this model does not read ({q.text})"
        point = q.point.name
        if atom.head not in tabs.arity or point not in tabs.free:
            continue  # nothing the step uses: the minimiser constrains none of its values
        if tabs.arity[atom.head] != 1 or point in tabs.argmins:
            return f"a minimiser this model does not read ({q.text})"
        tabs.union(("var", point), ("pos", atom.head, 0))
        tabs.argmins[point] = (atom.head, "min" if q.op == "<=" else "max")
    return None


@dataclass
class Instance:
    """Sizes of the sorts, function tables, laws of the expectation variables and the
    values of the free points (0-based indices)."""

    size: dict[Any, int]
    funcs: dict[str, dict[tuple, Fraction]]
    laws: dict[str, list[Fraction]]
    free: dict[str, int]

    def describe(self) -> str:
        parts = []
        for head, values in sorted(self.funcs.items()):
            parts.append(", ".join(f"{head}({','.join(str(i + 1) for i in k)}) = {v}"
                                   for k, v in sorted(values.items())))
        for var, law in sorted(self.laws.items()):
            parts.append(f"{var} with law (" + ", ".join(map(str, law)) + ")")
        for p, i in sorted(self.free.items()):
            parts.append(f"{p} = point {i + 1}")
        return "; ".join(parts)


def _sort_size(tabs: Tables, inst: Instance, name: str) -> int:
    return inst.size[tabs.find(("var", name))]


def large_scale(*exprs: Any) -> Fraction:
    """Ten times (one plus the largest absolute value of a number written in ``exprs``):
    tables at this scale reach past every constant the step compares with."""
    top = Fraction(0)
    for e in exprs:
        for n in sp.sympify(e).atoms(sp.Number):
            if n.is_finite and n.is_real:
                top = max(top, abs(Fraction(str(sp.nsimplify(n)))))
    return 10 * (top + 1)


def draw(rng: random.Random, tabs: Tables, big: Fraction = Fraction(10)) -> Instance:
    """A random instance (module doc); ``big`` is the large scale."""
    scale = rng.choice((Fraction(1, 10), Fraction(1), big))
    size = {root: rng.choice((1, 2, 2, 3, 3)) for root in tabs.sorts()}
    funcs: dict[str, dict[tuple, Fraction]] = {}
    for head, k in sorted(tabs.arity.items()):
        cells: list[tuple] = [()]
        for j in range(k):
            cells = [c + (i,) for c in cells for i in range(size[tabs.find(("pos", head, j))])]
        funcs[head] = {c: scale * rng.choice(VALUES) for c in cells}
    inst = Instance(size, funcs, {}, {})
    for var in sorted(tabs.random_vars):
        weights = [rng.randint(1, 3) for _ in range(_sort_size(tabs, inst, var))]
        inst.laws[var] = [Fraction(w, sum(weights)) for w in weights]
    for p in tabs.free:
        inst.free[p] = rng.randrange(_sort_size(tabs, inst, p))
    for p, (head, kind) in sorted(tabs.argmins.items()):
        values = funcs[head]
        best = (min if kind == "min" else max)(values.values())
        inst.free[p] = rng.choice([c[0] for c, v in sorted(values.items()) if v == best])
    return inst


def value(expr: Any, tabs: Tables, inst: Instance, env: dict) -> Fraction:
    """``expr`` on ``inst`` with the points of ``env`` (name -> 0-based index), exactly."""
    if isinstance(expr, sp.Symbol):
        return _atom_value(tabs.table.atoms[expr], tabs, inst, env)
    if expr.is_Number:
        return Fraction(str(expr))
    vals = [value(a, tabs, inst, env) for a in expr.args]
    if isinstance(expr, sp.Add):
        return sum(vals, Fraction(0))
    if isinstance(expr, sp.Mul):
        out = Fraction(1)
        for v in vals:
            out *= v
        return out
    if isinstance(expr, sp.Pow):
        if vals[0] == 0 and vals[1] < 0:
            raise ZeroDivisionError("0 to a negative power")
        return vals[0] ** int(vals[1])
    if isinstance(expr, sp.Abs):
        return abs(vals[0])
    return max(vals) if isinstance(expr, sp.Max) else min(vals)


def _atom_value(atom: Any, tabs: Tables, inst: Instance, env: dict) -> Fraction:
    read = tabs.reads[atom.key]
    if atom.kind == "func":
        return inst.funcs[atom.head][tuple(env[a] for a in read)]
    if atom.head in _EXTREMA:
        return _EXTREMA[atom.head](value(atom.arg[0], tabs, inst, {**env, read: i})
                                   for i in range(_sort_size(tabs, inst, read)))
    return sum((w * value(atom.arg, tabs, inst, {**env, read: i})
                for i, w in enumerate(inst.laws[read])), Fraction(0))


def holds(a: Fraction, rel: str, b: Fraction) -> bool:
    """``a REL b`` exactly."""
    return {"=": a == b, "<=": a <= b, ">=": a >= b, "<": a < b, ">": a > b}[rel]


def search(lhs: Any, rel: str, rhs: Any, tabs: Tables, seed: int,
           count: int = INSTANCES) -> tuple[Instance | None, tuple | None, int]:
    """The first instance (of ``count``) where ``lhs REL rhs`` fails, with both sides;
    ``(None, None, checked)`` when none does."""
    rng = random.Random(seed)
    checked = 0
    big = large_scale(lhs, rhs)
    for _ in range(count):
        inst = draw(rng, tabs, big)
        env = dict(inst.free)
        try:
            a, b = value(lhs, tabs, inst, env), value(rhs, tabs, inst, env)
        except ZeroDivisionError:
            continue
        checked += 1
        if not holds(a, rel, b):
            return inst, (a, b), checked
    return None, None, checked


def _stated_elsewhere(checker: Any) -> str | None:
    """Why the environment's statements keep the model out (module doc), if they do."""
    hyp = checker.table.hyp
    if checker.refused:
        return "an assumption of this environment was not read"
    if checker.relations or checker.defs or hyp.relations or hyp.equations:
        return "a stated relation or definition"
    if hyp.definitions or hyp.laws or hyp.kinds or hyp.domains:
        return "a stated domain, law or definition"
    if len(hyp.stated) != len(hyp.facts):
        return "an assumption this model does not read"
    return None


def _sampled(tabs: Tables, checked: int, big: Fraction) -> str:
    heads = ", ".join(sorted(tabs.arity))
    text = (f"sampled {checked} finite instances, exact (Fractions): each set a function "
            f"argument or an index ranges over has 1-3 points, each function ({heads}) a "
            f"random table of values in {{-2, -3/2, ..., 2}} times a scale 1/10, 1 or {big} "
            "(past every number in the step)")
    if tabs.random_vars:
        text += ", each expectation's variable (" + ", ".join(
            sorted(tabs.random_vars)) + ") a random law on its set"
    if tabs.free:
        text += "; the named points (" + ", ".join(map(str, tabs.free)) + (
            ") read as points of the range of the suprema over their set")
    if tabs.argmins:
        text += "; " + ", ".join(f"{p} an exact {k}imiser of {h}, as stated"
                                 for p, (h, k) in sorted(tabs.argmins.items()))
    return text + ("; weak evidence: only small finite sets and tables were tried, and no "
                   "proof")


def finite_table_check(check: Any, step: Any, checker: Any) -> None:
    """The hook (module doc): an UNDECIDED step of suprema and expectations over finite
    tables becomes SUPPORTED when no instance breaks it; a failure stays UNDECIDED, the
    instance in a note."""
    from hallbound.proofs_checks.latex.models.function_models import _parse_quantified

    table = checker.table
    if check.verdict != "UNDECIDED" or step is None or table is None:
        return
    if step.rel not in ("=", "<=", "<", ">=", ">") or getattr(checker, "contradictory", False):
        return
    lhs, rhs = step.lhs, step.rhs
    if not any(a.head in _EXTREMA or a.kind == "E" for s in (lhs - rhs).free_symbols
               if (a := table.atoms.get(s)) is not None):
        return
    why = _stated_elsewhere(checker)
    atoms: dict = {}
    facts = _parse_quantified(table.hyp, table, atoms) if why is None else None
    if why is None and (facts is None or len(facts) != len(table.hyp.facts)):
        why = "a stated fact this model does not read"
    read = read_tables(lhs, rhs, table, facts or [], atoms) if why is None else why
    if isinstance(read, str):
        check.notes.append(f"finite tables model not used: {read}")
        return
    inst, sides, checked = search(lhs, step.rel, rhs, read, checker.seed)
    if inst is None and checked >= INSTANCES // 2:
        check.verdict, check.method = "SUPPORTED", "finite tables model"
        check.detail = _sampled(read, checked, large_scale(lhs, rhs)) + ": no failure"
        check.trials = checked
        check.witness = check.lhs_value = check.rhs_value = None
        check.notes = [n for n in check.notes if not n.startswith("no assumption on ")]
        return
    if inst is not None:
        check.notes.append(
            f"the finite tables model breaks the step at {inst.describe()} (lhs = "
            f"{sides[0]}, rhs = {sides[1]}), but its functions are free tables (the text may "
            "define them in words): no refutation")


__all__ = ["INSTANCES", "Tables", "TablesOut", "extremum_parts", "finite_table_check",
           "read_tables", "search", "value"]
