r"""A finite-measure model of a step about divergences (``D_f``, ``KL``, ``TV``, ``H^2``,
``\chi^2``), densities ``\frac{d\mu}{d\nu}``, integrals ``\nu[g]`` and total masses
``\mu(\mathcal X)`` (read by :mod:`.divergence_terms`): random measures on a set of 2 to 4
points, each with strictly positive masses (so every stated ``\mu \ll \nu`` holds and every
density is defined), and, for a function the text declares convex, convex functions from
:data:`CONVEX` (convex on :math:`(0, \infty)`).

Two rounds of instances:

* conventional: every measure a probability measure, every convex function with
  :math:`f(1) = 0` (an f-divergence's generator);
* wider: a measure the text does not declare a probability measure (and that is no argument
  of ``KL``/``TV``/``H^2``/``\chi^2``) drawn with total mass 1/2, 3/2 or 2, and convex
  functions with :math:`f(1) \ne 0`.

``H^2`` and ``TV`` are evaluated under both conventions texts use (:class:`Convention`):
:math:`c \sum (\sqrt{\mu} - \sqrt{\nu})^2` and :math:`c \sum |\mu - \nu|` with
:math:`c = \tfrac12` or :math:`1`; ``KL`` in nats and in bits (information theory states it
in bits without writing the base): a failure only in bits blocks REFUTED, never SUPPORTED
(the detail says so). A stated relation (a definition) leaves only the conventions it meets.

Verdicts (:func:`apply_measure_model`): a failure, re-checked at 80 digits, in the
conventional round, under every convention left: REFUTED with the measures and the
function; a failure only in the wider round, or only under some conventions, or with an
assumption of the environment not read: UNDECIDED, saying why; no failure: SUPPORTED,
naming what was sampled. A stated item about a name of the step that the model does not take
in (anything but ``\text{probability}``, ``\ll`` and ``\text{convex}``)
keeps the model out.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath as mp

from hallbound.proofs_checks.latex.hypotheses import _KIND
from hallbound.proofs_checks.latex.models.divergence_terms import (
    Context,
    Instance,
    Reader,
    Unread,
    evaluate,
    measure_names,
)
from hallbound.proofs_checks.latex.models.kernel_models import (
    NONCONVEX,
    base_names,
    draw_kernels,
    free_generators,
    guessed_roles,
    kernel_context,
    kernels_in,
    show_kernels,
    unstated_at_points,
)

#: Convex functions on (0, inf): name, f(1) = 0?, the function (mpmath).
CONVEX: list[tuple[str, bool, Any]] = [
    ("t log t", True, lambda t: t * mp.log(t)),
    ("-log t", True, lambda t: -mp.log(t)),
    ("(t - 1)^2", True, lambda t: (t - 1) ** 2),
    ("|t - 1|/2", True, lambda t: abs(t - 1) / 2),
    ("(sqrt(t) - 1)^2", True, lambda t: (mp.sqrt(t) - 1) ** 2),
    ("t^2", False, lambda t: t ** 2),
    ("exp(-t)", False, lambda t: mp.exp(-t)),
    ("1/t", False, lambda t: 1 / t),
]
#: Instances per round.
PER_ROUND = 60
#: Working and re-check precision (decimal digits).
DPS, CONFIRM_DPS = 50, 80
#: Total masses of a measure drawn in the wider round.
WIDER_MASSES = (Fraction(1, 2), Fraction(3, 2), Fraction(2))
_DIVERGENCE_HEADS = ("div_KL", "div_TV", "div_H2", "div_chi2")


@dataclass
class Model:
    """The read sides, the measures (probability ones named), the convex functions."""

    lhs: Any
    rel: str
    rhs: Any
    measures: list[str]
    probability: set[str]
    convex: list[str]
    hellinger: bool = False
    notes: list[str] = field(default_factory=list)
    #: stated relations between quantities of the measures (lhs, rel, rhs, text), checked
    #: on every drawn instance (one that breaks one is not counted)
    stated: list[tuple[Any, str, Any, str]] = field(default_factory=list)
    #: a stated relation fixes the normalisation of H^2 (its definition is stated)
    pinned: bool = False
    #: the step (or a stated relation) has TV: both conventions are tried
    tv: bool = False
    #: the step has KL (nats and bits are tried), and a ``\log`` (not ``\ln``)
    kl: bool = False
    logs: bool = False
    #: the densities d a / d b of the step with no ``a \ll b`` stated: the sampler's full
    #: support makes it hold, so a pass says nothing about a singular part
    unstated_ll: list[tuple[str, str]] = field(default_factory=list)
    #: Markov kernels (:mod:`.kernel_models`), and the generators of ``D_f`` the text does
    #: not declare convex (drawn among convex and non-convex functions; never refuted)
    kernels: list[str] = field(default_factory=list)
    free: list[str] = field(default_factory=list)
    #: kernels not stated Markov and in no divergence (finite rows in the wider round), and
    #: names read as kernels only after ``\otimes`` (never refuted: a law may be meant)
    finite: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Convention:
    """The conventions of the divergences that texts write differently: the normalisation
    of H^2 (``c sum (sqrt mu - sqrt nu)^2``) and of TV (``c sum |mu - nu|``), c = 1/2 or 1."""

    hellinger: Fraction = Fraction(1, 2)
    tv: Fraction = Fraction(1, 2)
    #: the log base of KL: "e" (nats, every log natural), "2" (KL and ``\log`` in bits),
    #: "2kl" (KL in bits, ``\log`` natural); ``\ln`` is always natural
    base: str = "e"

    def text(self, model: Model) -> str:
        """The conventions that matter to ``model``, as the report prints them."""
        parts = []
        if model.kl:
            bits = "KL and \\log in bits (base 2)" if model.logs else "KL in bits (base 2)"
            parts.append({"e": "KL in nats (natural log)", "2": bits,
                          "2kl": "KL in bits (base 2), \\log natural"}[self.base])
        if model.hellinger:
            parts.append(f"H^2 = {self.hellinger} * sum (sqrt(mu) - sqrt(nu))^2")
        if model.tv:
            parts.append(f"TV = {self.tv} * sum |mu - nu|")
        return ", ".join(parts)


def conventions(model: Model) -> list[Convention]:
    """Every convention tried for ``model`` (the usual one first): a stated relation that
    fixes one leaves the others with too few instances meeting it."""
    both = [Fraction(1, 2), Fraction(1)]
    bases = (["e", "2", "2kl"] if model.logs else ["e", "2"]) if model.kl else ["e"]
    return [Convention(h, t, b) for b in bases for h in (both if model.hellinger else both[:1])
            for t in (both if model.tv else both[:1])]


@dataclass
class Failure:
    """A drawn instance where the step fails, with its round and convention."""

    masses: dict[str, tuple[Fraction, ...]]
    functions: dict[str, str]
    wider: bool
    convention: Convention
    value: Any
    #: the convention as the report prints it ("" when the step has no such divergence)
    said: str = ""


def _walk(term: Any) -> list[Any]:
    out = [term]
    for part in term[1:] if isinstance(term, tuple) else ():
        if isinstance(part, tuple):
            out += _walk(part)
    return out


def build(lhs: str, rel: str, rhs: str, hyp: Any) -> Model | str | None:
    """The model of ``lhs REL rhs`` under the environment's ``hyp``; None when the step is
    not about measures; a reason (str) when it is but a stated item keeps the model out.
    :class:`Unread` when a side cannot be read."""
    kinds = {n for n, k in (hyp.kinds or {}).items() if "probability" in k}
    markov = {n for n, k in (hyp.kinds or {}).items() if k == "Markov kernel"}
    related = {n for law in hyp.laws if law.kind == "abscont" for g in law.groups for n in g
               if "(" not in n}  # kappa(x) << eta(x) names kernels
    convex = {c.names[0] for c in hyp.facts if getattr(c, "props", None) == {"convex"}
              and len(c.names) == 1}
    more, kernels = kernel_context(lhs, rhs)
    kernels |= markov - kinds
    measures = kinds | related | measure_names(lhs) | measure_names(rhs) | more
    if not measures:
        return None
    free = free_generators(lhs + " " + rhs, bool(kernels or kinds or related)) - convex
    kernels -= measures
    ctx = Context(measures=measures, convex=convex, kernels=kernels, free=free)
    readers = [Reader(lhs, ctx), Reader(rhs, ctx)]
    terms = [r.read() for r in readers]
    used = readers[0].used | readers[1].used
    if not used & measures:
        return None
    stated, why = _stated_items(hyp, ctx, used)
    if why:
        return why
    nodes = _walk(terms[0]) + _walk(terms[1])
    pinned = [t for c in stated for side in (c[0], c[2]) for t in _walk(side)]
    divergence_args = {n for t in nodes + pinned if t[0] in _DIVERGENCE_HEADS
                       for a in t[1:3] for n in base_names(a)}
    divergence_args |= {n for t in nodes + pinned if t[0].startswith("cdiv_")
                        for n in base_names(t[4])}
    names = sorted(used & measures)
    model = Model(terms[0], rel, terms[1], names, (kinds | divergence_args) & set(names),
                  sorted(used & convex), any(t[0] == "div_H2" for t in nodes + pinned))
    model.stated = stated
    model.pinned = any(t[0] == "div_H2" for t in pinned)
    model.tv = any(t[0] == "div_TV" for t in nodes + pinned)
    model.kl = any(t[0] in ("div_KL", "cdiv_KL") for t in nodes + pinned)
    model.kernels = sorted(used & kernels)
    in_divergence = kernels_in([t for t in nodes + pinned if t[0] in _DIVERGENCE_HEADS
                                or t[0].startswith("cdiv_")], kernels)
    model.finite = sorted(used & kernels - markov - in_divergence)
    model.guessed = sorted(used & kernels & guessed_roles(lhs, rhs) - markov)
    model.free = sorted(used & free)
    stated_ll = {(law.groups[0][0].lstrip("\\"), law.groups[1][0].lstrip("\\"))
                 for law in hyp.laws if law.kind == "abscont"}
    model.unstated_ll = sorted({(t[1], t[2]) for t in nodes if t[0] == "density"} - stated_ll)
    model.unstated_ll += unstated_at_points(nodes, stated_ll)
    model.logs = any(t[0] in _LOG_HEADS for t in nodes + pinned)
    return model


#: The read-term heads of a logarithm whose base a convention fixes (not ``ln``).
_LOG_HEADS = frozenset({"log"})
_RELATIONS = {"=": "=", "\\le": "<=", "\\leq": "<=", "\\ge": ">=", "\\geq": ">=",
              "<": "<", ">": ">"}


def _relation(item: str, ctx: Context) -> tuple[Any, str, Any, str] | None:
    """``lhs REL rhs`` of a stated item, both sides read by the model, or None."""
    parts = re.split(r"(\\leq?(?![A-Za-z])|\\geq?(?![A-Za-z])|(?<![<>])[=<>])", item)
    if len(parts) != 3:
        return None
    try:
        sides = [Reader(parts[0], ctx).read(), Reader(parts[2], ctx).read()]
    except Unread:
        return None
    return sides[0], _RELATIONS[parts[1]], sides[1], item


def _stated_items(hyp: Any, ctx: Context, used: set[str]) -> tuple[list, str]:
    """The stated relations the model checks on each instance, and the first stated item
    about a name of the step that it cannot take in ("" when none)."""
    read = {law.text for law in hyp.laws if law.kind == "abscont"}
    read |= {c.text for c in hyp.facts if getattr(c, "props", None) == {"convex"}}
    out = []
    for item in hyp.stated:
        if item in read or _KIND.fullmatch(item):  # a probability-measure declaration
            continue
        if not set(_names(item)) & used:
            continue
        rel = _relation(item, ctx)
        if rel is None:
            return [], f"the stated {item!r} is not taken in by the measure model"
        out.append(rel)
    return out, ""


def _names(text: str) -> list[str]:
    """The names (letters and Greek commands) of ``text``."""
    return [t.lstrip("\\") for t in re.findall(r"\\[A-Za-z]+|[A-Za-z]+", text)]


def _masses(rng: random.Random, size: int, total: Fraction) -> tuple[Fraction, ...]:
    top = rng.choice((9, 9, 99, 999, 0))  # some draws near the edge of the simplex
    raw = [rng.randint(1, top or 1) for _ in range(size)]
    if not top:  # nearly a point mass at a random point
        raw[rng.randrange(size)] = rng.randint(50, 999)
    s = sum(raw)
    return tuple(Fraction(r, s) * total for r in raw)


def _draw(model: Model, rng: random.Random, wider: bool) -> tuple[dict, dict]:
    size = rng.randint(2, 4)
    masses = {}
    for n in model.measures:
        total = Fraction(1)
        if wider and n not in model.probability:
            total = rng.choice(WIDER_MASSES)
        masses[n] = _masses(rng, size, total)
    pool = [c for c in CONVEX if c[1] != wider] or CONVEX
    functions = {f: rng.choice(pool)[0] for f in model.convex}
    # an undeclared generator: any function (non-convex ones in the wider round)
    functions.update({f: rng.choice(pool + (NONCONVEX if wider else []))[0]
                      for f in model.free})
    draw_kernels(masses, model.kernels, size, rng,
                 (model.finite if wider else [], model.guessed))
    return masses, functions


def _mpf(x: Fraction) -> Any:
    return mp.mpf(x.numerator) / x.denominator


def _instance(masses: dict, functions: dict, conv: Convention) -> Instance:
    table = {name: fn for name, _, fn in CONVEX + NONCONVEX}
    plain = {n: v for n, v in masses.items() if not isinstance(v[0], tuple)}
    return Instance({n: tuple(_mpf(x) for x in v) for n, v in plain.items()},
                    {f: (name, table[name]) for f, name in functions.items()},
                    _mpf(conv.hellinger), _mpf(conv.tv),
                    mp.mpf(1) if conv.base == "e" else mp.log(2),
                    mp.log(2) if conv.base == "2" else mp.mpf(1),
                    {n: tuple(tuple(_mpf(x) for x in row) for row in v)
                     for n, v in masses.items() if n not in plain})


def _meets(model: Model, inst: Instance) -> bool:
    """Whether the instance meets every stated relation (equalities within the margin)."""
    for lhs, rel, rhs, _ in model.stated:
        a, b = evaluate(lhs, inst), evaluate(rhs, inst)
        if isinstance(a, tuple) or isinstance(b, tuple):
            raise Unread("a stated side is a function on the set, not a number")
        if not (mp.isfinite(a) and mp.isfinite(b)) or mp.im(a) or mp.im(b):
            return False
        tol = mp.mpf(10) ** (-30) * (1 + abs(a) + abs(b))
        if {"=": abs(a - b) > tol, "<=": a - b > tol, "<": a - b >= -tol,
                ">=": b - a > tol, ">": b - a >= -tol}.get(rel, True):
            return False
    return True


def _defined(x: Any) -> bool:
    """Whether a side's value is a finite real number (a complex or infinite side is
    never compared)."""
    return bool(mp.isfinite(x)) and not mp.im(x)


def undefined_sides(model: Model, inst: Instance) -> tuple[bool, bool]:
    """Whether the left and the right side are undefined (complex or infinite) here."""
    return _compare(model, inst)[:2]


def _compare(model: Model, inst: Instance) -> tuple[bool, bool, Any]:
    """Whether each side is undefined, and lhs - rhs when the relation fails by more than
    the margin (None when it holds or a side is undefined)."""
    a, b = evaluate(model.lhs, inst), evaluate(model.rhs, inst)
    if isinstance(a, tuple) or isinstance(b, tuple):
        raise Unread("a side is a function on the set, not a number")
    off = (not _defined(a), not _defined(b))
    return off[0], off[1], None if any(off) else _gap(model, a, b)


def _fails(model: Model, inst: Instance) -> Any:
    """lhs - rhs when the relation fails by more than the margin, else None (also when a
    side is undefined: see :func:`undefined_sides`)."""
    return _compare(model, inst)[2]


def _gap(model: Model, a: Any, b: Any) -> Any:
    """lhs - rhs when ``a REL b`` fails by more than the margin, else None."""
    diff = a - b
    tol = mp.mpf(10) ** (-30) * (1 + abs(a) + abs(b))
    bad = {"=": abs(diff) > tol, "<=": diff > tol, "<": diff > tol,
           ">=": -diff > tol, ">": -diff > tol}.get(model.rel, False)
    return diff if bad else None


def _confirmed(model: Model, masses: dict, functions: dict, c: Convention) -> Any:
    with mp.workdps(CONFIRM_DPS):
        inst = _instance(masses, functions, c)
        return _fails(model, inst) if _meets(model, inst) else None


@dataclass
class Counts:
    """How many instances were drawn, met every stated relation, and were compared (both
    sides defined); how often each side was undefined (among those meeting the relations)."""

    drawn: int = 0
    met: int = 0
    compared: int = 0
    undefined: list[int] = field(default_factory=lambda: [0, 0])
    #: the instances meeting every stated relation, and those compared, under each convention
    met_by: dict[Convention, int] = field(default_factory=dict)
    compared_by: dict[Convention, int] = field(default_factory=dict)


def search(model: Model, seed: int) -> tuple[list[Failure], Counts]:
    """Failures (at most one per round and normalisation) and the counts (:class:`Counts`;
    an instance with an undefined side is never a pass)."""
    rng = random.Random(seed)
    norms = conventions(model)
    found: list[Failure] = []
    counts = Counts()
    with mp.workdps(DPS):
        for wider in (False, True):
            seen: set[Convention] = set()
            for _ in range(PER_ROUND):
                masses, functions = _draw(model, rng, wider)
                counts.drawn += 1
                for c in norms:
                    inst = _instance(masses, functions, c)
                    if not _meets(model, inst):
                        continue
                    counts.met += 1
                    counts.met_by[c] = counts.met_by.get(c, 0) + 1
                    *off, gap = _compare(model, inst)
                    if any(off):
                        counts.undefined = [u + o for u, o in zip(counts.undefined, off,
                                                                  strict=True)]
                        continue
                    counts.compared += 1
                    counts.compared_by[c] = counts.compared_by.get(c, 0) + 1
                    if c in seen or gap is None:
                        continue
                    value = _confirmed(model, masses, functions, c)
                    if value is not None:
                        seen.add(c)
                        found.append(Failure(masses, functions, wider, c, value,
                                             c.text(model)))
    return found, counts


def _tex(name: str) -> str:
    return "\\" + name if len(name) > 1 else name


def _fmt_masses(masses: dict) -> str:
    plain = {n: v for n, v in masses.items() if not isinstance(v[0], tuple)}
    size = len(next(iter(plain.values())))
    parts = [f"{_tex(n)} = ({', '.join(str(x) for x in v)})" for n, v in sorted(plain.items())]
    return f"{'; '.join(parts)} on a {size}-point set" + show_kernels(masses)


def describe(fail: Failure) -> str:
    """The instance of a failure, as the report prints it."""
    out = _fmt_masses(fail.masses)
    out += "".join(f"; {f}(t) = {name}" for f, name in sorted(fail.functions.items()))
    if fail.said:
        out += f"; {fail.said}"
    return out + f" (lhs - rhs = {mp.nstr(fail.value, 6)})"


def sampled(model: Model, drawn: int, live: list[Convention] | None = None) -> str:
    """What was sampled, for a SUPPORTED detail (``live``: the conventions tried that the
    stated relations leave)."""
    prob = ", ".join(_tex(n) for n in model.measures if n in model.probability)
    wide = ", ".join(_tex(n) for n in model.measures if n not in model.probability)
    text = (f"sampled over {drawn} finite measures on 2 to 4 points with strictly positive "
            "rational masses (weights 1..9, 1..99, 1..999, or nearly a point mass; so any "
            f"\\ll holds), computed at {DPS} digits")
    if prob:
        text += f"; {prob} probability measures"
    if wide:
        text += f"; {wide} probability measures and measures of mass 1/2, 3/2, 2"
    if model.convex:
        names = ", ".join(n for n, _, _ in CONVEX)
        text += f"; {', '.join(model.convex)} among the convex functions {names}"
    markov = [_tex(k) for k in model.kernels if k not in model.finite]
    if markov:
        text += (f"; {', '.join(markov)} Markov kernels from the point set to itself (each "
                 "row a drawn probability measure)")
    if model.finite:
        text += (f"; {', '.join(_tex(k) for k in model.finite)} kernels from the point set "
                 "to itself, each row a drawn probability measure or (not stated Markov) a "
                 "measure of mass 1/2, 3/2, 2")
    if model.guessed:
        text += (f"; {', '.join(_tex(k) for k in model.guessed)} (role not stated) as a "
                 "kernel and as a law (constant rows: the product measure)")
    if model.free:
        names = ", ".join(n for n, _, _ in CONVEX + NONCONVEX)
        text += (f"; {', '.join(model.free)} (not declared convex) among the functions "
                 f"{names}")
    if model.stated:
        text += "; only the instances that meet the stated " + "; ".join(
            c[3] for c in model.stated)
    said = [c.text(model) for c in live or []]
    if len(said) > 1:
        text += "; under each convention (" + " | ".join(said) + ")"
    elif said and said[0]:
        text += f"; {said[0]}"
    return text + "; no other measure or function was tried"


__all__ = ["CONVEX", "Convention", "Counts", "Failure", "Model", "build", "conventions",
           "describe", "sampled", "search", "undefined_sides"]
