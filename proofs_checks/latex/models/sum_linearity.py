r"""Sums over one index set, related by linearity: exact, whatever the set and the summands.

The LaTeX reader keeps ``\sum_{x} p(x) \log q(x)`` as an opaque atom (kind ``sum``) whose
argument is the summand and whose name is the index specification followed by the summand
(``sum_{x , y}(..)``, ``sum_{i=1}^{n}(..)``). Two sums written over the same specification
run over the same index set, so for every set (finite, or each sum convergent):

* **linearity**: :math:`\sum_S a + \sum_S b = \sum_S (a + b)` and
  :math:`c \sum_S a = \sum_S c\,a` for a factor ``c`` in which no letter of the index
  specification occurs (``x \sum_x f(x)`` is refused: the outer ``x`` is another variable);
* **termwise order**: :math:`\sum_S b \ge 0` when :math:`b \ge 0` at every index.

A step ``lhs REL rhs`` is read as ``rhs - lhs = \sum_k \sum_{S_k} B_k + r`` (one summand
``B_k`` per specification ``S_k``, gathered by linearity; ``r`` the terms outside every sum).
Then:

* ``=``: PROVED when ``r`` and every ``B_k`` simplify to 0 (SymPy, each function value and
  letter a real number); SUPPORTED when ``r`` does and each ``B_k`` is 0 at every one of at
  least :data:`MIN_POINTS` sampled points (each function value, atom and letter of ``B_k`` an
  independent real; a point where a logarithm, root or quotient is undefined is skipped):
  ``\log(ab) = \log a + \log b`` holds wherever both logarithms are defined;
* ``<=`` (``>=`` turned round): PROVED when ``r >= 0`` and every ``B_k >= 0`` are shown by the
  project's sign prover with each letter's stated sign; ``<`` needs ``r > 0``.

A specification with an infinite bound (``\infty``) is refused (``\sum (a_n - a_n)`` is not
``\sum a_n - \sum a_n`` when the series diverge), and so is a summand holding a sum, product,
integral or piecewise expression of SymPy's own, a matrix or vector letter, or a term that
is not linear in its one sum. A summand that fails at a sampled point leaves the step as it
is (the sum may still hold: a probability that sums to 1): the model never refutes.
"""

from __future__ import annotations

import math
import random
import re
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from hallbound.proofs_checks.latex.models.event_atoms import Signs

#: Sampled points a summand must be 0 at (defined there) for SUPPORTED.
MIN_POINTS = 40
#: Points tried at most for one summand.
MAX_TRIES = 400
#: Relative tolerance of a sampled zero.
TOLERANCE = 1e-9
_WORD = re.compile(r"[A-Za-z]+")
#: SymPy objects that keep a summand out: its own sums and the like, and step functions (a
#: sampled zero of ``\lfloor p^2 / 20 \rfloor`` says nothing past the sampled range).
_SPECIAL = (sp.Sum, sp.Product, sp.Integral, sp.Piecewise, sp.MatrixBase, sp.floor,
            sp.ceiling, sp.frac, sp.Mod, sp.sign, sp.Heaviside)


def sum_parts(sym: sp.Symbol, table: Any) -> tuple[str, sp.Expr] | None:
    """``(specification, summand)`` of a ``\\sum`` atom whose name reads back as its
    specification followed by its summand; None otherwise."""
    atom = table.atoms.get(sym)
    if atom is None or atom.kind != "sum" or atom.head != "sum":
        return None
    if not isinstance(atom.arg, sp.Tuple) or not atom.arg:
        return None
    body = atom.arg[0]
    tail = f"({sp.sstr(body)})"
    if not isinstance(body, sp.Expr) or not atom.key.endswith(tail):
        return None
    spec = atom.key[: -len(tail)]
    if not spec.startswith("sum_{") or "oo" in spec or "infty" in spec:
        return None
    return spec, body


def index_letters(spec: str) -> set[str]:
    """The letters of the index in a specification ``sum_{..}^{..}``: the words left of
    ``=`` or ``\\in`` in the subscript, or all its words (``x , y``, ``i<j``)."""
    inner = spec[len("sum_{"):]
    depth, end = 1, len(inner)
    for k, ch in enumerate(inner):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0:
            end = k
            break
    sub = re.split(r"=|\\in\b", inner[:end])[0]
    return set(_WORD.findall(sub))


def _lead(s: sp.Basic) -> str:
    """The leading word of a letter's name (``x`` of ``x_i``)."""
    found = _WORD.findall(getattr(s, "name", str(s)))
    return found[0] if found else ""


def gather(diff: sp.Expr, table: Any) -> tuple[dict[str, sp.Expr], sp.Expr] | None:
    """``({specification: summand B_k}, r)`` with ``diff = sum_k \\sum_{S_k} B_k + r`` by
    linearity (module doc); None when a term is not read so."""
    groups: dict[str, sp.Expr] = {}
    rest: sp.Expr = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand_mul(diff)):
        sums = [s for s in term.free_symbols if sum_parts(s, table) is not None]
        if not sums:
            rest += term
            continue
        if len(sums) > 1:
            return None
        (sym,) = sums
        coeff = sp.cancel(term / sym)
        if sym in coeff.free_symbols:
            return None
        spec, body = sum_parts(sym, table)
        index = index_letters(spec)
        if any(_lead(s) in index for s in coeff.free_symbols):
            return None
        groups[spec] = groups.get(spec, sp.Integer(0)) + coeff * body
    if not groups:
        return None
    return groups, rest


def _opaque(expr: sp.Expr) -> tuple[sp.Expr, list[sp.Dummy]]:
    """``expr`` with each function value and indexed value (``f(x)``, ``p[i]``), then each
    remaining letter, replaced by its own dummy; and the dummies."""
    calls = sorted(expr.atoms(AppliedUndef, sp.Indexed), key=sp.sstr)
    first = {c: sp.Dummy(f"c{i}") for i, c in enumerate(calls)}
    plain = expr.xreplace(first)
    letters = sorted(plain.free_symbols - set(first.values()), key=sp.sstr)
    second = {s: sp.Dummy(f"s{i}") for i, s in enumerate(letters)}
    return plain.xreplace(second), [*first.values(), *second.values()]


def sampled_zero(expr: sp.Expr, seed: int) -> int | None:
    """The number of sampled points (module doc) where ``expr`` is 0, when it is 0 at every
    point where it is defined and there are at least :data:`MIN_POINTS` such points; None
    when it is not, or too few points are defined."""
    plain, dummies = _opaque(expr)
    if plain.free_symbols - set(dummies):
        return None
    terms = [sp.lambdify(dummies, t, "math") for t in sp.Add.make_args(plain)]
    rng = random.Random(seed)
    good = 0
    for trial in range(MAX_TRIES):
        point = [_draw(rng, trial % 3) for _ in dummies]
        try:
            parts = [float(f(*point)) for f in terms]
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            continue
        if not all(math.isfinite(p) for p in parts):
            continue
        if abs(sum(parts)) > TOLERANCE * (1 + sum(abs(p) for p in parts)):
            return None
        good += 1
        if good >= MIN_POINTS:
            return good
    return None


def _draw(rng: random.Random, mode: int) -> float:
    """A real drawn in ``(0.05, 4)`` (mode 0), in ``(-4, 4)`` (mode 1), or of either sign with
    its size log-uniform in ``(0.01, 100)`` (mode 2)."""
    if mode == 0:
        return rng.uniform(0.05, 4.0)
    if mode == 1:
        return rng.uniform(-4.0, 4.0)
    return rng.choice((-1.0, 1.0)) * math.exp(rng.uniform(math.log(0.01), math.log(100.0)))


def _readable(groups: dict[str, sp.Expr], table: Any) -> bool:
    """No summand holds SymPy's own sums, products, integrals or piecewise parts, nor a
    letter of the table with a size other than 1 (a vector, a matrix)."""
    for body in groups.values():
        if any(body.has(k) for k in _SPECIAL):
            return False
        for s in body.free_symbols:
            param = table.params.get(s)
            if param is not None and getattr(param, "dim", 1) != 1:
                return False
    return True


def _free_index(spec: str, body: sp.Expr) -> sp.Expr:
    """``body`` with each letter of the index a real number with no sign: a sign stated for
    a letter of that name elsewhere in the text is not the range of the index."""
    index = index_letters(spec)
    return body.xreplace({s: sp.Dummy(s.name, real=True) for s in body.free_symbols
                          if isinstance(s, sp.Symbol) and _lead(s) in index})


def decide(lhs: sp.Expr, rel: str, rhs: sp.Expr, table: Any,
           seed: int) -> tuple[str, str] | None:
    """``(verdict, detail)`` of the step by the rules of the module doc; None when they do
    not decide it."""
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, {">=": "<=", ">": "<"}[rel]
    if rel not in ("=", "<=", "<"):
        return None
    found = gather(rhs - lhs, table)
    if found is None or not _readable(found[0], table):
        return None
    groups, rest = found
    shown = ", ".join(f"{spec}: {sp.sstr(sp.simplify(b))[:80]}" for spec, b in groups.items())
    lin = ("linearity of sums over the same index set (\\sum_S a + \\sum_S b = \\sum_S (a + b),"
           " c \\sum_S a = \\sum_S c a for c free of the index)")
    if rel == "=":
        if sp.simplify(rest) != 0:
            return None
        if all(sp.simplify(b) == 0 for b in groups.values()):
            return "PROVED", f"{lin}; each gathered summand simplifies to 0"
        counts = [sampled_zero(b, seed) for b in groups.values()]
        if any(c is None for c in counts):
            return None
        return "SUPPORTED", (f"{lin}; each gathered summand is 0 at {min(counts)}+ sampled "
                             "points (function values, atoms and letters drawn as independent "
                             "reals; points where a term is undefined skipped): " + shown)
    bodies = [_free_index(spec, b) for spec, b in groups.items()]
    signs = Signs(table, [rest, *bodies])
    if not signs.shown(rest, rel == "<"):
        return None
    if not all(signs.shown(b, False) for b in bodies):
        return None
    return "PROVED", (f"{lin}; the gathered summand(s) are >= 0 at every index and the terms "
                      f"outside every sum {'> 0' if rel == '<' else '>= 0'} (sign prover): "
                      + shown)


def sum_linearity_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED step whose sides are sums over shared index sets (module doc)
    is PROVED or SUPPORTED when the rules decide it; any other step is left as it is."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None or checker.contradictory:
        return
    try:
        lhs, rhs = (sp.sympify(e).xreplace(checker.defs) for e in (step.lhs, step.rhs))
        if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)):
            return
        found = decide(lhs, step.rel, rhs, table, int(getattr(checker, "seed", 0) or 0))
    except Exception:  # noqa: BLE001 - an expression the rules cannot handle: no verdict
        return
    if found is None:
        return
    check.verdict, check.detail = found
    check.method = "sum linearity"
    if found[0] == "SUPPORTED":
        check.trials = MIN_POINTS
    check.witness = None


__all__ = ["decide", "gather", "sampled_zero", "sum_linearity_check", "sum_parts"]
