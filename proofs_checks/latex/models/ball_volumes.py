r"""A model of the Lebesgue measure of balls: steps about ``V(B_r)`` checked in ``R^d``.

Covering arguments write the volume ``V`` (or ``\mathrm{vol}``) of balls ``B_r``, ``B_r(c)``
and of Minkowski sums ``B_a + B_b``. The reader keeps each such term as an opaque number, so
``V(B_1)/V(B_\varepsilon) = \varepsilon^{-d}`` cannot be decided. Here each term is written
out by the three facts that hold for the balls of *any* norm on ``R^d`` and the Lebesgue
measure:

* scaling: ``V(B_r) = r^d V(B_1)`` (``r > 0``; a ball has a positive radius);
* translation invariance: ``V(B_r(c)) = V(B_r)``;
* Minkowski sums of centred balls: ``B_a + B_b = B_{a+b}``;

with a sum over a set of the same ball's volume ``\sum_{c \in C} V(B_r(c)) = |C| V(B_r)``
(``|C|`` written ``\vert C \vert``). The dimension is the environment's ``d`` (the ``d`` of
``R^d``, named in the chain or in an assumption); an environment that names no ``d`` gets a
fresh dimension and is never REFUTED (the text may name it otherwise). Any other set
(``V(A)``), any other quantity of unknown kind (an expectation, a function value), or a
radius that does not read keeps the model out, and so does an environment that shows no sign
of balls in ``R^d`` (:func:`about_balls`: an exponent naming ``d``, ``\mathbb{R}^d``, a
centred ball ``B_r(c)`` or a union): ``V(B_t)`` may be the variance of a Brownian motion.

Verdicts (:func:`ball_volume_check`):

* an equation whose two sides agree after the substitution for every dimension ``d >= 1``,
  in an environment that names ``R^d`` (:func:`names_space`; else SUPPORTED, saying so),
  every positive radius and unit-ball volume, each radius expression shown positive by the
  stated domains (a symbol with none stated is a radius, so positive; ``B_{1-\varepsilon}``
  needs ``\varepsilon < 1``): PROVED;
* a failure at ``d`` in 1..4, positive rational radii and the Euclidean unit ball
  ``V(B_1) = \pi^{d/2}/\Gamma(d/2+1)``, each radius positive and each stated relation and
  domain met, re-checked exactly (SymPy, 50 digits): REFUTED, the witness naming ``d``, the
  radii and ``V``; never when an assumption was not read or a variable occurs on one side only;
* otherwise, no failure at any sampled instance: SUPPORTED, saying what was sampled.

Countable subadditivity ``V(\bigcup_{c \in C} X_c) \le \sum_{c \in C} V(X_c)`` (the same
index, set and body on both sides) holds for every measure: PROVED
(:func:`subadditive`).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import sympy as sp

#: Names of the volume (the head of ``V(..)``).
VOLUME_HEADS = frozenset({"V", "vol", "Vol", "volume", "Volume", "\\mathrm{vol}",
                          "\\operatorname{vol}", "\\mathrm{Vol}", "\\operatorname{Vol}"})
#: Dimensions tried.
DIMENSIONS = (1, 2, 3, 4)
#: Radius values tried for each free symbol of a radius.
RADII = (sp.Integer(1), sp.Rational(1, 2), sp.Integer(2), sp.Rational(1, 3), sp.Integer(3))
#: Set sizes tried for each ``|C|``.
CARDS = (1, 2, 3)
#: Most instances evaluated for one step.
MAX_INSTANCES = 400

_BRACED = r"\{(?P<b>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}"
_BALL = re.compile(r"B_(?:" + _BRACED + r"|(?P<t>\\[A-Za-z]+|[A-Za-z0-9]))"
                   r"(?:\((?P<c>[^()]*)\))?")
_SUM = re.compile(r"sum_\{(?P<i>[A-Za-z])\\in(?P<s>[A-Za-z])\}\((?P<body>.*)\)")
_UNION = re.compile(r"\\bigcup_\{(?P<i>[A-Za-z])\\in(?P<s>[A-Za-z])\}(?P<body>.*)")
_RELS = {"=", "<=", "<", ">=", ">"}


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _top_split(text: str, sep: str = "+") -> list[str]:
    """``text`` split at each ``sep`` outside braces and parentheses."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "{(["
        depth -= ch in "})]"
        if ch == sep and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [*out, cur]


def _volume_arg(atom: Any) -> str | None:
    """The argument text of a volume atom ``V(..)`` (spaces removed); None for other atoms."""
    if getattr(atom, "kind", None) != "func" or atom.head not in VOLUME_HEADS:
        return None
    text = _plain(atom.latex)
    head = _plain(atom.head)
    if not (text.startswith(head + "(") and text.endswith(")")):
        return None
    return text[len(head) + 1:-1]


def ball_radius(arg: str, parse: Any) -> sp.Basic | None:
    r"""The radius of ``arg`` when it is a ball or a Minkowski sum of balls (``B_r``,
    ``B_{r}(c)``, ``B_1 + B_{\varepsilon/2}``: the sum of the radii); None otherwise."""
    total = sp.Integer(0)
    for part in _top_split(arg):
        m = _BALL.fullmatch(part)
        if m is None:
            return None
        text = m.group("b") if m.group("b") is not None else m.group("t")
        try:
            r = parse(text)
        except Exception:  # noqa: BLE001 - a radius that does not read keeps the model out
            return None
        if not isinstance(r, sp.Expr) or r.atoms(sp.Function) or r.has(sp.I):
            return None
        total += r
    return total


class _Written:
    """The step with each volume written out: ``r^D w`` (``w`` the unit ball's volume)."""

    def __init__(self, dim: sp.Symbol) -> None:
        self.dim = dim
        self.unit = sp.Symbol("V(B_1)", positive=True)
        self.radii: list[sp.Expr] = []
        #: the size ``|C|`` of each set summed over, by the set's name
        self.cards: dict[str, sp.Symbol] = {}

    def volume(self, r: sp.Expr) -> sp.Expr:
        self.radii.append(r)
        return r**self.dim * self.unit


def sum_body(atom: Any, table: Any, written_body: str) -> str:
    r"""The body of the sum ``atom`` as written: the LaTeX of its one function value
    (``V(B_{\varepsilon}(c))``, spaces removed) when the body is one, else ``written_body``
    (the body's text in the sum's key, where a value read from its argument is named by
    its key, ``V(B_varepsilon(c))``)."""
    arg = getattr(atom, "arg", None)
    inner = table.atoms.get(arg[0]) if isinstance(arg, sp.Tuple) and len(arg) == 2 else None
    if inner is not None and inner.kind == "func":
        return _plain(inner.latex)
    return written_body


def _sum_value(atom: Any, written: _Written, table: Any, parse: Any) -> sp.Expr | None:
    r"""``\sum_{c \in C} V(B_r(c))`` as ``|C| r^D w`` when the radius does not depend on the
    index; None otherwise."""
    m = _SUM.fullmatch(_plain(atom.latex))
    if m is None:
        return None
    body = sum_body(atom, table, m.group("body"))
    head = next((h for h in sorted(VOLUME_HEADS, key=len, reverse=True)
                 if body.startswith(_plain(h) + "(")), None)
    if head is None or not body.endswith(")"):
        return None
    r = ball_radius(body[len(_plain(head)) + 1:-1], parse)
    idx = table.symbols.get(m.group("i"))
    if r is None or (idx is not None and idx in r.free_symbols):
        return None
    name = m.group("s")
    card = written.cards.setdefault(name, sp.Symbol(f"|{name}|", positive=True, integer=True))
    return card * written.volume(r)


def write_out(expr: sp.Expr, checker: Any, written: _Written) -> sp.Expr | None:
    """``expr`` with each volume of a ball, and each sum of them, written out; None when the
    expression holds another opaque quantity or a volume of something else."""
    table = checker.table
    parse = _parser(checker)
    subs: dict[Any, Any] = {}
    for s in expr.free_symbols:
        atom = table.atoms.get(s)
        if atom is None:
            continue
        arg = _volume_arg(atom)
        if arg is not None:
            r = ball_radius(arg, parse)
            value = written.volume(r) if r is not None else None
        elif atom.kind == "sum":
            value = _sum_value(atom, written, table, parse)
        else:
            value = None
        if value is None:
            return None
        subs[s] = value
    return expr.xreplace(subs)


def with_cards(expr: sp.Expr, written: _Written) -> sp.Expr | None:
    """``expr`` with each ``|C|`` of a set summed over written as its size; None when a set
    is used as a number outside ``|C|``."""
    out = expr.xreplace({a: written.cards[a.args[0].name] for a in expr.atoms(sp.Abs)
                         if isinstance(a.args[0], sp.Symbol) and a.args[0].name in written.cards})
    return None if set(written.cards) & {x.name for x in out.free_symbols} else out


def _parser(checker: Any) -> Any:
    from hallbound.proofs_checks.latex.math_parser import parse_expression

    scope = checker.table.scope()
    return lambda text: parse_expression(text, scope)


def _positive(expr: sp.Expr, names: set) -> tuple[sp.Expr, dict]:
    """``expr`` with each symbol of ``names`` replaced by a positive one (and the map back)."""
    pos = {s: sp.Symbol(s.name, positive=True) for s in names}
    return expr.xreplace(pos), {v: k for k, v in pos.items()}


def _identity(lhs: sp.Expr, rhs: sp.Expr, written: _Written) -> bool:
    """Whether ``lhs = rhs`` for every dimension, positive radius symbols and unit volume."""
    names = set().union(*(r.free_symbols for r in written.radii)) - {written.dim}
    gap, _ = _positive(lhs - rhs, names)
    dim = sp.Symbol("D_dim", positive=True, integer=True)
    gap = gap.xreplace({sp.Symbol(written.dim.name, positive=True): dim, written.dim: dim})
    try:
        return bool(sp.simplify(sp.powsimp(sp.expand_power_base(gap, force=False),
                                           force=False)) == 0)
    except Exception:  # noqa: BLE001 - an expression SymPy cannot simplify: no proof
        return False


def _sign_symbol(s: sp.Symbol, p: Any) -> sp.Symbol:
    """``s`` with the sign its stated domain gives: positive when nothing is stated (a symbol
    written as a radius), or when the domain's lower end is above 0 (or 0, open); negative
    when its upper end is below 0."""
    if p is None or (p.lo is None and p.hi is None):
        return sp.Symbol(s.name, positive=True)
    if p.lo is not None and (p.lo > 0 or (p.lo == 0 and p.lo_open)):
        return sp.Symbol(s.name, positive=True)
    if p.lo is not None and p.lo >= 0:
        return sp.Symbol(s.name, nonnegative=True)
    if p.hi is not None and (p.hi < 0 or (p.hi == 0 and p.hi_open)):
        return sp.Symbol(s.name, negative=True)
    if p.hi is not None and p.hi <= 0:
        return sp.Symbol(s.name, nonpositive=True)
    return sp.Symbol(s.name, real=True)


def _radii_positive(prob: Any, table: Any) -> bool:
    """Whether each radius expression is positive for every value the stated domains allow
    (``B_{1 - \\varepsilon}`` with ``0 < \\varepsilon < 2`` is not: ``V(B_r) = r^d V(B_1)``
    needs ``r > 0``)."""
    for r in prob.written.radii:
        signed = r.xreplace({s: _sign_symbol(s, table.params.get(s)) for s in r.free_symbols
                             if s is not prob.written.dim})
        if signed.is_positive is not True:
            return False
    return True


def _unit_volume(d: int) -> sp.Expr:
    """The Euclidean unit ball's volume in ``R^d``: ``pi^(d/2) / Gamma(d/2 + 1)``."""
    return sp.pi ** sp.Rational(d, 2) / sp.gamma(sp.Rational(d, 2) + 1)


def _in_domain(p: Any, v: Any) -> bool:
    """Whether value ``v`` lies in parameter ``p``'s stated domain."""
    if p is None:
        return True
    if p.is_integer and not v.is_integer:
        return False
    lo, hi = (None if e is None else sp.Rational(e) for e in (p.lo, p.hi))  # exact ends
    if lo is not None and (v < lo or (p.lo_open and v == lo)):
        return False
    return not (hi is not None and (v > hi or (p.hi_open and v == hi)))


class _Problem:
    """The step written out, its symbols, and the stated relations written out the same way."""

    def __init__(self, lhs: sp.Expr, rel: str, rhs: sp.Expr, written: _Written,
                 dim_named: bool, relations: list[tuple[sp.Expr, str, sp.Expr]]) -> None:
        self.lhs, self.rel, self.rhs, self.written = lhs, rel, rhs, written
        self.dim_named = dim_named
        self.relations = relations
        names = set().union(*(r.free_symbols for r in written.radii)) - {written.dim}
        self.radius_syms = sorted(names, key=str)
        self.cards = sorted(written.cards.values(), key=str)

    def instances(self) -> Any:
        """Each instance (a value map), dimension first."""
        dims = DIMENSIONS if self.dim_named else (2,)
        for d in dims:
            for rs in itertools.product(RADII, repeat=len(self.radius_syms)):
                for cs in itertools.product(CARDS, repeat=len(self.cards)):
                    vals = {self.written.dim: sp.Integer(d), self.written.unit: _unit_volume(d)}
                    vals.update(zip(self.radius_syms, rs, strict=True))
                    vals.update(zip(self.cards, map(sp.Integer, cs), strict=True))
                    yield vals


def _admissible(prob: _Problem, vals: dict, table: Any) -> bool:
    """Each radius positive, each value in its domain and each stated relation met (exactly)."""
    from hallbound.proofs_checks.latex.models.function_models import _exact_holds

    if any(_exact_holds(r.xreplace(vals), ">") is not True for r in prob.written.radii):
        return False
    if not all(_in_domain(table.params.get(s), v) for s, v in vals.items()
               if s is not prob.written.unit):
        return False
    for a, op, b in prob.relations:
        gap = (a - b).xreplace(vals)
        if gap.free_symbols or _exact_holds(gap, op) is not True:
            return False
    return True


def _relations(checker: Any, step_syms: set, written: _Written) -> list | None:
    """The stated relations that name a symbol of the step, written out; None when one of
    them cannot be (then no instance is known to meet it)."""
    out = []
    for a, op, b in checker.relations:
        if not isinstance(a, sp.Basic) or not isinstance(b, sp.Basic) or op not in _RELS:
            if isinstance(a, sp.Basic) and isinstance(b, sp.Basic) and not (
                    (a.free_symbols | b.free_symbols) & step_syms):
                continue
            return None
        if not (a.free_symbols | b.free_symbols) & step_syms:
            continue
        wa, wb = write_out(a, checker, written), write_out(b, checker, written)
        wa = with_cards(wa, written) if wa is not None else None
        wb = with_cards(wb, written) if wb is not None else None
        if wa is None or wb is None:
            return None
        out.append((wa, op, wb))
    return out


def _problem(step: Any, checker: Any) -> _Problem | None:
    """The step written out in ``R^d``; None when the model does not apply."""
    if step.rel not in _RELS or checker.table is None:
        return None
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    table = checker.table
    syms = lhs.free_symbols | rhs.free_symbols
    if not any(_volume_arg(table.atoms.get(s)) is not None for s in syms):
        return None
    named = _dimension(checker)
    dim = named if named is not None else sp.Symbol("D_dim", positive=True, integer=True)
    written = _Written(dim)
    wl, wr = write_out(lhs, checker, written), write_out(rhs, checker, written)
    if wl is None or wr is None:
        return None
    wl, wr = with_cards(wl, written), with_cards(wr, written)
    relations = _relations(checker, syms, written)
    if wl is None or wr is None or relations is None:
        return None
    return _Problem(wl, step.rel, wr, written, named is not None, relations)


def _dimension(checker: Any) -> sp.Symbol | None:
    """The environment's ``d`` (a variable of its chain, or named by an assumption)."""
    table = checker.table
    named = [s for s in table.params if table.params[s].name == "d" and s not in table.atoms]
    if named:
        return named[0]
    stated = {x.name for a, _, b in checker.relations for e in (a, b)
              if isinstance(e, sp.Basic) for x in e.free_symbols}
    if "d" in getattr(table.hyp, "domains", {}) or "d" in stated:
        d = _parser(checker)("d")
        return d if isinstance(d, sp.Symbol) else None
    return None


def _dim_stated(checker: Any) -> bool:
    """Whether an assumption of the environment (a domain or a relation) names ``d``."""
    table = checker.table
    stated = {x.name for a, _, b in checker.relations for e in (a, b)
              if isinstance(e, sp.Basic) for x in e.free_symbols}
    return "d" in getattr(table.hyp, "domains", {}) or "d" in stated


def _fails_every_dim(prob: _Problem, vals: dict) -> bool:
    """Whether the step fails at the instance's radii and set sizes for *every* real
    dimension ``D >= 1`` (so every integer one): the gap, with the radii and sizes put in,
    divided by ``V(B_1)`` where it is a multiple of it, is free of ``V(B_1)`` and SymPy's
    ``solveset`` finds no ``D`` in ``[1, oo)`` where the relation holds."""
    dim, unit = prob.written.dim, prob.written.unit
    fixed = {k: v for k, v in vals.items() if k not in (dim, unit)}
    gap = sp.simplify((prob.lhs - prob.rhs).xreplace(fixed))
    if unit in gap.free_symbols:
        gap = sp.simplify(gap / unit)
    big_d = sp.Symbol("D_every", real=True)
    gap = gap.xreplace({dim: big_d, sp.Symbol(dim.name, positive=True): big_d})
    if gap.free_symbols - {big_d}:
        return False
    rel = {"=": sp.Eq, "<=": sp.Le, "<": sp.Lt, ">=": sp.Ge, ">": sp.Gt}.get(prob.rel)
    if rel is None:
        return False
    try:
        where = sp.solveset(rel(gap, 0), big_d, sp.Interval(1, sp.oo))
    except Exception:  # noqa: BLE001 - SymPy cannot solve it: not shown
        return False
    return where is sp.S.EmptySet


def _witness(prob: _Problem, vals: dict, table: Any) -> dict[str, Any]:
    d = int(vals[prob.written.dim])
    out: dict[str, Any] = {"d": d} if prob.dim_named else {}
    for s in prob.radius_syms:
        out[table.params[s].name if s in table.params else s.name] = _show(vals[s])
    for c in prob.cards:
        out[c.name] = int(vals[c])
    out["V"] = (f"Lebesgue measure on R^{d} (Euclidean balls: V(B_r) = "
                f"{sp.sstr(_unit_volume(d))} r^{d})")
    return out


def _show(v: sp.Expr) -> Any:
    return int(v) if v.is_integer else str(v)


#: What marks an environment as one about volumes of balls in ``R^d``: an exponent naming
#: ``d``, ``\mathbb{R}^d``, a ball with a centre ``B_r(c)``, or a union.
_EVIDENCE = re.compile(r"\^\s*(?:\{[^{}]*(?<![A-Za-z\\])d(?![A-Za-z])[^{}]*\}|d(?![A-Za-z]))"
                       r"|\\mathbb\s*\{?R\}?\s*\^|B_(?:\{[^{}]*\}|\\?[A-Za-z0-9]+)\s*\("
                       r"|\\bigcup")


#: What names the space ``R^d`` itself (``\mathbb{R}^d``, ``\R^n``): needed for PROVED.
_SPACE = re.compile(r"\\mathbb\s*\{?R\}?\s*\^|\\R\s*\^")


#: A named real space and its exponent: ``\mathbb{R}^{d}``, ``\R^d``, ``\mathbb R^{d+1}``.
_SPACE_EXP = re.compile(r"\\(?:(?:mathbb|mathbf|mathrm|Bbb)\s*\{?R\}?|R(?![A-Za-z]))"
                        r"\s*\^\s*(\{[^{}]*\}|\\?[A-Za-z0-9])")


def space_is_dim(text: str, dim: sp.Symbol) -> bool:
    r"""Whether every real space the text names is ``R^{dim}`` with the exponent exactly the
    dimension's letter (not ``R^{d+1}``, ``R^{d \times d}``, ``R^2``, ``R^m``); True when
    none is named (the caller then says SUPPORTED only)."""
    exps = [e[1:-1] if e.startswith("{") else e for e in _SPACE_EXP.findall(text)]
    return all(e.strip() == dim.name for e in exps)


def _env_text(checker: Any, line: int) -> str:
    """The text of the environment holding ``line`` with its directives ("" if none)."""
    doc = getattr(checker, "doc", None)
    for env in getattr(doc, "environments", []):
        first, last = doc.line_col(env.offset)[0], doc.line_col(env.end)[0]
        if first <= line <= last:
            text = doc.blank[env.body_offset:env.end]
            return text + " ".join(getattr(d, "arg", "") for d in env.directives)
    return ""


def about_balls(checker: Any, line: int) -> bool:
    """Whether the environment holding ``line`` (with its assumptions) shows that ``V`` is
    the volume of balls in ``R^d`` (:data:`_EVIDENCE`), and not, say, the variance of a
    Brownian motion ``V(B_t)``."""
    return bool(_EVIDENCE.search(_env_text(checker, line)))


def names_space(checker: Any, line: int) -> bool:
    """Whether the environment (or an assumption of it) names ``R^d`` (:data:`_SPACE`): only
    then is ``V`` known to be the Lebesgue measure and ``d`` the dimension (in a doubling
    metric-measure space ``V(B_{2r}) \\le 2^d V(B_r)`` only)."""
    return bool(_SPACE.search(_env_text(checker, line)))


def ball_volume_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED step about volumes of balls gets the verdict of the model
    (module doc); any other step is left as it is."""
    if check.verdict != "UNDECIDED" or step is None:
        return
    if subadditive(check, step, checker):
        return
    if not about_balls(checker, check.line):
        return
    try:
        prob = _problem(step, checker)
        if prob is None or not space_is_dim(_env_text(checker, check.line), prob.written.dim):
            return  # the text names R^m, R^{d+1}, R^2: d is not the dimension there
        shown = _radii_positive(prob, checker.table)
        if prob.rel == "=" and shown and _identity(prob.lhs, prob.rhs, prob.written):
            _proved(check, prob, names_space(checker, check.line))
            return
        _search(check, prob, checker)
        if not shown and check.verdict == "SUPPORTED":
            check.detail += ("; a radius is not shown positive by the stated domains (radius "
                             "> 0 assumed: only positive radii drawn), so no proof")
    except Exception:  # noqa: BLE001 - an expression the model cannot evaluate: no verdict
        return


def _proved(check: Any, prob: _Problem, space: bool) -> None:
    """PROVED when the text names ``R^d`` (``space``); otherwise SUPPORTED, saying that the
    reading of ``V`` as the Lebesgue measure of balls in ``R^d`` is the model's."""
    check.verdict = "PROVED" if space else "SUPPORTED"
    check.method = "ball volumes"
    dim = "d" if prob.dim_named else "every dimension d"
    check.detail = (f"with V(B_r) = r^d V(B_1) in R^d ({dim}; r > 0), V(B_r(c)) = V(B_r) and "
                    "B_a + B_b = B_{a+b} (Lebesgue measure, balls of any norm), the two sides "
                    "simplify to the same expression")
    if not space:
        check.detail += ("; the text does not name R^d (V read as the Lebesgue measure and d "
                         "as the dimension from the letters alone: state x \\in \\mathbb{R}^d "
                         "in a `% hb: assume` to have it proved), so no proof")
    check.witness = None


def _search(check: Any, prob: _Problem, checker: Any) -> None:
    """Evaluate the step at each admissible instance: the first failure refutes it (when
    allowed), none over two instances or more leaves it SUPPORTED."""
    from hallbound.proofs_checks.latex.models.function_models import _exact_holds

    table = checker.table
    seen = 0
    for vals in itertools.islice(prob.instances(), MAX_INSTANCES):
        if not _admissible(prob, vals, table):
            continue
        seen += 1
        holds = _exact_holds((prob.lhs - prob.rhs).xreplace(vals), prob.rel)
        if holds is None:
            return
        if not holds:
            _refuted(check, prob, vals, checker)
            return
    if seen >= 2:
        dims = "d = 1..4" if prob.dim_named else "a dimension no text names (d = 2)"
        check.verdict = "SUPPORTED"
        check.method = "ball volumes"
        check.detail = (f"sampled over {seen} instances in R^d ({dims}, Euclidean balls, "
                        "radius symbols in {1, 1/2, 2, 1/3, 3}, set sizes in {1, 2, 3}), each "
                        "meeting every stated relation: no counterexample (V(B_r) = r^d V(B_1),"
                        " translation invariance, B_a + B_b = B_{a+b})")
        check.trials = seen


def _refuted(check: Any, prob: _Problem, vals: dict, checker: Any) -> None:
    table = checker.table
    wit = _witness(prob, vals, table)
    pts = ", ".join(f"{k}={v}" for k, v in wit.items())
    one_side = [s for s in prob.radius_syms
                if (s in prob.lhs.free_symbols) != (s in prob.rhs.free_symbols)]
    why = ""
    if checker.refused:
        why = "an assumption of this environment was not read (" + "; ".join(checker.refused) + ")"
    elif not prob.dim_named:
        why = "the step names no dimension d (the text may name it otherwise)"
    elif not _dim_stated(checker) and not _fails_every_dim(prob, vals):
        why = (f"no assumption of the environment states d, and the failure at d = "
               f"{wit['d']} is not shown at every dimension d >= 1 (the prose, never read, may "
               "exclude that d)")
    elif one_side:
        who = ", ".join(table.params[s].name for s in one_side if s in table.params)
        why = f"{who} occurs on one side only (the step may state what the text knows of it)"
    if why:
        check.detail = f"the step fails at the instance {pts}, but {why}: no counterexample"
        return
    check.verdict = "REFUTED"
    check.method = "ball volumes"
    check.witness = wit
    check.lhs_value = float(sp.N(prob.lhs.xreplace(vals), 30))
    check.rhs_value = float(sp.N(prob.rhs.xreplace(vals), 30))
    check.satisfies = [f"{sp.sstr(a)} {op} {sp.sstr(b)}" for a, op, b in prob.relations]
    check.detail = ("fails in R^d with the Lebesgue measure of Euclidean balls (V(B_r) = r^d "
                    "V(B_1), V(B_r(c)) = V(B_r), B_a + B_b = B_{a+b}), each radius positive and "
                    "every stated relation met; re-checked exactly (SymPy, 50 digits)")


def subadditive(check: Any, step: Any, checker: Any) -> bool:
    r"""``V(\bigcup_{c \in C} X_c) \le \sum_{c \in C} V(X_c)`` (same index, set and body; or
    the reverse with ``\ge``): PROVED by countable subadditivity of a measure. True when
    it applied."""
    table = checker.table
    if table is None or step.rel not in ("<=", ">="):
        return False
    small, big = (step.lhs, step.rhs) if step.rel == "<=" else (step.rhs, step.lhs)
    u, s = table.atoms.get(small), table.atoms.get(big)
    arg = _volume_arg(u)
    if arg is None or s is None or s.kind != "sum":
        return False
    mu, ms = _UNION.fullmatch(arg), _SUM.fullmatch(_plain(s.latex))
    if mu is None or ms is None:
        return False
    same = (mu.group("i"), mu.group("s")) == (ms.group("i"), ms.group("s"))
    if not same or sum_body(s, table, ms.group("body")) != f"{_plain(u.head)}({mu.group('body')})":
        return False
    check.verdict = "PROVED"
    check.method = "ball volumes"
    check.detail = ("countable subadditivity of the measure V: the volume of a union is at most "
                    "the sum of the volumes")
    check.witness = None
    return True


__all__ = ["ball_radius", "ball_volume_check", "subadditive", "sum_body", "with_cards",
           "write_out"]
