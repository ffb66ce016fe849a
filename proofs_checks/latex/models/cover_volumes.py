r"""A finite model of covering and packing arguments: volumes of sets, covers and separated
sets drawn on the real line.

Covering-number proofs compare ``V(A)``, ``V(\bigcup_{c \in C} B_\varepsilon(c))``,
``\sum_{s \in S} V(B_{\varepsilon/2}(s))`` and ``V(A + B_{\varepsilon/2})`` under facts such
as "``C`` is an ``\varepsilon``-cover of ``A``" or "``S \subseteq A`` is
``\varepsilon``-separated" (:mod:`.set_readings`). Each such step that follows from the
definitions holds for the Lebesgue measure on ``R^d`` with the balls of any norm, so in
particular on the line ``R^1`` (``B_r(c) = [c - r, c + r]``). Here each instance is drawn on
the line, exactly (rationals): every set used as a region (``A``) a finite union of closed
intervals, every set summed or united over (``C``, ``S``) a finite set of points, every radius
symbol a positive rational in its stated domain; the stated covers, separations and
inclusions are met (a cover even by the open balls and with its points in the covered set,
so under the internal definition too; a separation strictly), and ``V`` is the
length of a finite union of intervals (:func:`measure`).

Verdicts (:func:`cover_volume_check`), on a step whose every volume reads as a set
expression, that names a ball and a set other than a ball (a region, a union or a sum over a
set), and
whose other symbols are radius symbols or sizes ``|C|`` of the sets summed over:

* a failure at an instance meeting every stated fact: REFUTED with the instance, unless an
  item of the environment was read neither here nor by the hypothesis reader, a set the step
  names has no stated cover, separation or inclusion (a cover or a packing is often defined
  in words the model never sees), or the text names a space other than ``R^d`` /
  ``R^1`` (then a note only);
* no failure over :data:`MIN_INSTANCES` instances or more: SUPPORTED, saying that the sample
  is on the line (a statement about ``R^d`` is then sampled at ``d = 1`` only).
"""

from __future__ import annotations

import random
import re
from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.hypotheses import split_top_level
from hallbound.proofs_checks.latex.models import set_readings as sr
from hallbound.proofs_checks.latex.models.ball_volumes import (
    VOLUME_HEADS,
    _env_text,
    _in_domain,
    _parser,
    sum_body,
)
from hallbound.proofs_checks.latex.models.line_intervals import (
    Intervals,
    covers,
    draw_cover,
    draw_inside,
    draw_region,
    inside,
    measure,
    separated,
)
from hallbound.proofs_checks.latex.models.stated_letters import names_letter

#: Instances drawn for one step, and the fewest that must meet the facts for SUPPORTED.
DRAWS = 120
MIN_INSTANCES = 20
_SUM = re.compile(r"sum_\{(?P<i>[a-z])\\in(?P<s>[A-Z])\}\((?P<body>.*)\)")
#: A space named other than R^d or R^1 (``\mathbb{R}^3``, ``\mathbb{C}``, a Hilbert space).
_OTHER_SPACE = re.compile(r"\\mathbb\s*\{?R\}?\s*\^\s*\{?\s*[02-9]|\\mathbb\s*\{?C\}?|Hilbert")



def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def evaluate(expr: Any, inst: dict, env: dict[str, Fraction]) -> Intervals:
    """The set ``expr`` at the instance ``inst`` (regions, point sets, radius values) with
    the indices of ``env`` bound to points: a finite union of intervals."""
    if isinstance(expr, sr.Ball):
        r = Fraction(str(expr.radius.xreplace(inst["radii"])))
        c = env[expr.centre] if expr.centre is not None else Fraction(0)
        return [(c - r, c + r)]
    if isinstance(expr, sr.Named):
        if expr.name in inst["points"]:
            return [(p, p) for p in inst["points"][expr.name]]
        return list(inst["regions"][expr.name])
    if isinstance(expr, sr.Union):
        return [iv for p in inst["points"][expr.over]
                for iv in evaluate(expr.body, inst, {**env, expr.index: p})]
    left, right = evaluate(expr.left, inst, env), evaluate(expr.right, inst, env)
    if expr.op == "cup":
        return left + right
    return [(a + c, b + d) for a, b in left for c, d in right]


class _Step:
    """The step's volumes and sums read as set expressions."""

    def __init__(self) -> None:
        self.volumes: dict[sp.Symbol, Any] = {}
        self.sums: dict[sp.Symbol, tuple[str, str, Any]] = {}
        self.cards: dict[sp.Basic, str] = {}


def _volume_set(latex: str, parse: Any, bound: frozenset[str]) -> Any | None:
    text = _plain(latex)
    head = next((h for h in sorted(VOLUME_HEADS, key=len, reverse=True)
                 if text.startswith(_plain(h) + "(")), None)
    if head is None or not text.endswith(")"):
        return None
    return sr.read_set(text[len(_plain(head)) + 1:-1], parse, bound)


def read_step(expr: sp.Expr, table: Any, parse: Any, out: _Step) -> bool:
    """Read each volume, each sum of a volume over a set and each ``|C|`` of ``expr`` into
    ``out``; False when an opaque quantity of another kind occurs."""
    for s in expr.free_symbols:
        atom = table.atoms.get(s)
        if atom is None:
            continue
        if atom.kind == "func" and atom.head in VOLUME_HEADS:
            got = _volume_set(atom.latex, parse, frozenset())
            if got is None:
                return False
            out.volumes[s] = got
            continue
        m = _SUM.fullmatch(_plain(atom.latex)) if atom.kind == "sum" else None
        text = sum_body(atom, table, m.group("body")) if m else ""
        body = _volume_set(text, parse, frozenset({m.group("i")})) if m else None
        if body is None:
            return False
        out.sums[s] = (m.group("i"), m.group("s"), body)
    for a in expr.atoms(sp.Abs):
        if isinstance(a.args[0], sp.Symbol) and re.fullmatch("[A-Z]", a.args[0].name):
            out.cards[a] = a.args[0].name
    return True


class _Model:
    """The step read, the stated facts, and the sets' roles."""

    def __init__(self, step: _Step, facts: sr.Facts, syms: list[sp.Symbol]) -> None:
        self.step, self.facts, self.syms = step, facts, syms
        exprs = [*step.volumes.values(), *(b for _, _, b in step.sums.values())]
        regions, points = set(), {s for _, s, _ in step.sums.values()} | set(step.cards.values())
        for e in exprs:
            a, b = sr.set_names(e)
            regions, points = regions | a, points | b
        points |= {c for c, _, _ in facts.covers} | {s for s, _ in facts.separated}
        regions |= {a for _, _, a in facts.covers} | {x for p in facts.subsets for x in p}
        self.points, self.regions = sorted(points), sorted(regions - points)

    def named(self) -> set[str]:
        """The sets the step itself names."""
        exprs = [*self.step.volumes.values(), *(b for _, _, b in self.step.sums.values())]
        out = {s for _, s, _ in self.step.sums.values()} | set(self.step.cards.values())
        for e in exprs:
            a, b = sr.set_names(e)
            out |= a | b
        return out

    def constrained(self) -> set[str]:
        """The sets some stated cover, separation or inclusion is about."""
        f = self.facts
        return ({x for c, _, a in f.covers for x in (c, a)} | {s for s, _ in f.separated}
                | {x for p in f.subsets for x in p})

    def draw(self, rng: random.Random, table: Any) -> dict | None:
        """One instance (module doc), or None when the draw misses a stated fact."""
        radii = {s: sp.Rational(rng.randint(1, 24), 12) for s in self.syms}
        if not all(_in_domain(table.params.get(s), v) for s, v in radii.items()):
            return None
        regions = {n: draw_region(rng) for n in self.regions}
        for x, y in self.facts.subsets:
            if x in regions and y in regions:
                lo, hi = rng.choice(regions[y])
                a, b = sorted(draw_inside(rng, [(lo, hi)], 2))
                regions[x] = [(a, b)]
        inst = {"radii": radii, "regions": regions, "points": {}}
        external = rng.random() < 1 / 3
        for n in self.points:
            inst["points"][n] = self._points(n, rng, inst, external)
        if not self.meets(inst):
            return None
        inst["external"] = any(
            not inside([(p, p) for p in inst["points"][c]], self._region(a, inst))
            for c, _, a in self.facts.covers)
        return inst

    def _value(self, r: sp.Expr, inst: dict) -> Fraction:
        return Fraction(str(r.xreplace(inst["radii"])))

    def _region(self, name: str, inst: dict) -> Intervals:
        return evaluate(sr.Named(name), inst, {})

    def _points(self, name: str, rng: random.Random, inst: dict,
                external: bool = False) -> list[Fraction]:
        for c, r, a in self.facts.covers:
            if c == name and (a in inst["regions"] or a in inst["points"]):
                return draw_cover(rng, self._region(a, inst), self._value(r, inst), external)
        host = next((y for x, y in self.facts.subsets if x == name and y in inst["regions"]),
                    None)
        k = rng.randint(1, 5)
        pts = (draw_inside(rng, inst["regions"][host], k) if host is not None
               else [Fraction(rng.randint(-36, 36), 12) for _ in range(k)])
        for s, r in self.facts.separated:
            if s == name:
                keep: list[Fraction] = []
                for p in pts:
                    if all(abs(p - q) > self._value(r, inst) for q in keep):
                        keep.append(p)
                pts = keep
        return sorted(set(pts))

    def meets(self, inst: dict) -> bool:
        """Whether ``inst`` meets every stated cover, separation and inclusion, exactly."""
        try:
            ok = all(covers(inst["points"][c], self._value(r, inst), self._region(a, inst))
                     for c, r, a in self.facts.covers)
            ok = ok and all(separated(inst["points"][s], self._value(r, inst))
                            for s, r in self.facts.separated)
            return ok and all(inside(self._region(x, inst), self._region(y, inst))
                              for x, y in self.facts.subsets)
        except KeyError:
            return False

    def values(self, inst: dict) -> dict:
        """The value of each volume, sum, size and radius symbol at ``inst``."""
        out: dict = {s: sp.Rational(measure(evaluate(e, inst, {})))
                     for s, e in self.step.volumes.items()}
        for s, (i, over, body) in self.step.sums.items():
            out[s] = sp.Rational(sum((measure(evaluate(body, inst, {i: p}))
                                      for p in inst["points"][over]), Fraction(0)))
        out.update({a: sp.Integer(len(inst["points"][n])) for a, n in self.step.cards.items()})
        out.update(inst["radii"])
        return out


def _directive_items(checker: Any, line: int) -> list[str]:
    """The ``% hb: assume`` items of the environment holding ``line``."""
    doc = getattr(checker, "doc", None)
    for env in getattr(doc, "environments", []):
        if doc.line_col(env.offset)[0] <= line <= doc.line_col(env.end)[0]:
            return [d.arg for d in env.directives if d.verb == "assume"]
    return []


def _squash(text: str) -> str:
    return re.sub(r"[\s\\]+", "", text)


def _unread_refusals(checker: Any, read: list[str]) -> list[str]:
    """The hypothesis reader's refusals that are not about an item read here."""
    mine = [_squash(t) for t in read]
    out = []
    for msg in checker.refused:
        m = re.search(r"\(in '(.*)'", msg)
        quoted = _squash(m.group(1)) if m else None
        if not quoted or not any(t.startswith(quoted) or quoted in t for t in mine):
            out.append(msg)
    return out


def _model(step: Any, checker: Any, items: list[str]) -> _Model | None:
    """The step read with the stated facts; None when the model does not apply."""
    table, parse = checker.table, _parser(checker)
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    read = _Step()
    if not all(read_step(e, table, parse, read) for e in (lhs, rhs)):
        return None
    sets = [*read.volumes.values(), *(b for _, _, b in read.sums.values())]
    if not read.sums and not any(any(sr.set_names(e)) for e in sets):
        return None  # balls only: the ball-volume model's steps
    if not any(sr.radii(e) for e in sets):
        return None  # no ball: V may be a variance, not a volume
    facts = sr.read_facts(items, parse)
    syms = set().union(*(r.free_symbols for e in sets for r in sr.radii(e)),
                       *(r.free_symbols for _, r, _ in facts.covers),
                       *(r.free_symbols for _, r in facts.separated))
    rest = (lhs - rhs).xreplace(dict.fromkeys(read.cards, sp.Integer(1))).free_symbols
    if rest - syms - set(read.volumes) - set(read.sums):
        return None  # a symbol of another kind: not this model's step
    return _Model(read, facts, sorted(syms, key=str))


def _holds(gap: sp.Expr, rel: str) -> bool:
    return {"=": gap == 0, "<=": gap <= 0, "<": gap < 0, ">=": gap >= 0, ">": gap > 0}[rel]


def _stated_met(checker: Any, vals: dict, syms: set) -> bool | None:
    """Whether each stated relation naming a symbol of the step holds at ``vals``; None
    when one cannot be evaluated."""
    for a, op, b in checker.relations:
        if not isinstance(a, sp.Basic) or not isinstance(b, sp.Basic):
            return None
        if not (a.free_symbols | b.free_symbols) & syms:
            continue
        gap = (a - b).xreplace(vals)
        if gap.free_symbols or op not in ("=", "<=", "<", ">=", ">"):
            return None
        if not _holds(gap, op):
            return False
    return True


def cover_volume_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED step about volumes of sets under stated covers and separations
    gets the model's verdict (module doc); any other step is left as it is."""
    if check.verdict != "UNDECIDED" or step is None or checker.table is None:
        return
    if step.rel not in ("=", "<=", "<", ">=", ">") or "B_" not in _env_text(checker, check.line):
        return
    items = _directive_items(checker, check.line)
    try:
        model = _model(step, checker, items)
        if model is not None:
            _search(check, step, checker, model, items)
    except Exception:  # noqa: BLE001 - an expression the model cannot evaluate: no verdict
        return


def _search(check: Any, step: Any, checker: Any, model: _Model, items: list[str]) -> None:
    rng = random.Random(getattr(checker, "seed", 0))
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    gap = lhs - rhs
    seen, outside = 0, None
    for _ in range(DRAWS):
        inst = model.draw(rng, checker.table)
        if inst is None:
            continue
        vals = model.values(inst)
        met = _stated_met(checker, vals, set(vals))
        if met is None:
            return
        sets = [*model.step.volumes.values(), *(b for _, _, b in model.step.sums.values())]
        radii = [r.xreplace(inst["radii"]) for e in sets for r in sr.radii(e)]
        if not met or any(not r.is_positive for r in radii):
            continue
        seen += 1
        value = gap.xreplace(vals)
        if value.free_symbols:
            return
        if not _holds(value, step.rel):
            if not inst["external"]:
                _refuted(check, checker, model, inst, items)
                return
            outside = outside or inst
    if outside is not None:
        pts = "; ".join(f"{k} = {v}" for k, v in _show(outside).items())
        check.detail = (f"the step fails at the instance {pts}, where a cover has a centre "
                        "outside the set it covers; it held at every instance with the centres "
                        "in the covered set (true for internal covers only?): the text does not "
                        "say which definition it uses, so no verdict")
        return
    space = _space(checker, check.line, items)
    if seen >= MIN_INSTANCES and space == "other":
        check.detail = (f"no counterexample over {seen} instances on the line R^1, but the text "
                        "names a space other than the line (R^2, a dimension d stated): the "
                        "line is not a sample of it, so no verdict")
        return
    if seen >= MIN_INSTANCES:
        check.verdict = "SUPPORTED"
        check.method = "covers on the line"
        check.detail = (f"sampled over {seen} instances on the line R^1 (V the length; regions "
                        "finite unions of intervals, the sets summed or united over finite "
                        "point sets, radii positive rationals; covers dense or tight, with "
                        "their centres in the covered set or not), each meeting every stated "
                        "cover, separation, inclusion and relation: no counterexample (a "
                        "statement about R^d is sampled at d = 1 only)")
        check.trials = seen


#: An assumption that puts a set on the line: ``A \subseteq \mathbb{R}`` (or ``R^1``).
_ON_LINE = re.compile(r"\s*[A-Za-z]\s*\\(?:subseteq|subset|in)\s*\\mathbb\s*\{?R\}?"
                      r"(?:\s*\^\s*\{?\s*1\s*\}?)?\s*")
_D_IS_ONE = re.compile(r"\s*d\s*=\s*1\s*")


def _on_line(item: str) -> bool:
    """Whether the assumption ``item`` is ``A \\subseteq \\mathbb{R}`` or ``d = 1`` (read
    here: the hypothesis reader refuses the set)."""
    return bool(_ON_LINE.fullmatch(item) or _D_IS_ONE.fullmatch(item))


def _space(checker: Any, line: int, items: list[str]) -> str:
    """``"line"`` when an assumption of the environment puts its sets on the line (``A
    \\subseteq \\mathbb{R}``, ``d = 1``), ``"other"`` when the environment names another
    space (:data:`_OTHER_SPACE`) or an assumption names a dimension ``d``, else
    ``"unknown"`` (the prose outside the environment, never read, may fix it)."""
    parts = [t for item in items for t, _ in split_top_level(item, 0)]
    if any(_on_line(t) for t in parts):
        return "line"
    if _OTHER_SPACE.search(_env_text(checker, line)) or any(
            names_letter(t, "d") for t in parts):
        return "other"
    return "unknown"


def _show(inst: dict) -> dict[str, Any]:
    out: dict[str, Any] = {str(k): str(v) for k, v in inst["radii"].items()}
    for n, parts in inst["regions"].items():
        out[n] = " u ".join(f"[{lo}, {hi}]" for lo, hi in sorted(parts))
    for n, pts in inst["points"].items():
        out[n] = "{" + ", ".join(str(p) for p in pts) + "}"
    out["V"] = "length (Lebesgue measure on R^1), B_r(c) = [c - r, c + r]"
    return out


def _refuted(check: Any, checker: Any, model: _Model, inst: dict, items: list[str]) -> None:
    """REFUTED with the instance, unless an item was not read or another space is named."""
    wit = _show(inst)
    pts = "; ".join(f"{k} = {v}" for k, v in wit.items())
    read = [t for t in items if t not in model.facts.unread or _on_line(t)]
    blocked = _unread_refusals(checker, read)
    why = ""
    if blocked:
        why = "an assumption of this environment was not read (" + "; ".join(blocked) + ")"
    elif model.facts.unread and any(t in checker.refused for t in model.facts.unread):
        why = "an assumption of this environment was not read"
    elif free := sorted(model.named() - model.constrained()):
        why = (f"no cover, separation or inclusion is stated for {', '.join(free)} (the text "
               "may define it in words)")
    elif (space := _space(checker, check.line, items)) == "other":
        why = "the text names a space other than R^d (the instance is on the line)"
    elif space != "line":
        why = ("no assumption of the environment puts its sets on the line (A \\subseteq "
               "\\mathbb{R}, d = 1): the prose may take R^d with d >= 2, where the step may "
               "hold (a failure on the line is not one in every dimension)")
    if why:
        check.detail = f"the step fails at the instance {pts}, but {why}: no counterexample"
        return
    check.verdict = "REFUTED"
    check.method = "covers on the line"
    check.witness = wit
    check.detail = ("fails on the line R^1 (V the length, B_r(c) = [c - r, c + r]) at an "
                    "instance meeting every stated cover, separation, inclusion and relation, "
                    "checked exactly in rationals")


__all__ = ["cover_volume_check", "evaluate", "read_step"]
