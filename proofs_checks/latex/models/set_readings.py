r"""Readings of sets in a covering argument: set expressions under a volume ``V(..)`` and the
stated facts about sets (covers, separated sets, inclusions).

Set expressions (spaces removed, as the atom's LaTeX keeps them), :func:`read_set`:

* a ball ``B_r`` (centred at the origin) or ``B_r(c)`` with ``c`` an index of an enclosing
  union or sum (any other centre is not read);
* a named set: one capital letter (``A``, ``S``; ``B`` alone, without a radius);
* a union ``\bigcup_{c \in C} X_c`` over a named (finite) set ``C``, a binary union
  ``X \cup Y`` and a Minkowski sum ``X + Y``.

Stated facts (:func:`read_facts`), each a ``% hb: assume`` item with its ``\text{..}`` words
read as words:

* ``C`` (is) an ``r``-cover of ``A`` (also "covering"): ``A \subseteq \bigcup_{c \in C}
  B_r(c)``;
* ``S`` (is) ``r``-separated: distinct points of ``S`` lie at distance at least ``r`` (the
  instances drawn keep them *farther* than ``r``, so the strict reading is met too);
* ``X \subseteq Y`` (``\subset``), alone or before "is ..": every point of ``X`` lies in ``Y``.

An item with any other words is not read (:func:`read_facts` returns it among the unread).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sympy as sp

#: A set's name: one capital letter.
_NAME = r"[A-Z]"
_BRACED = r"\{(?P<b>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}"
_BALL = re.compile(r"B_(?:" + _BRACED + r"|(?P<t>\\[A-Za-z]+|[A-Za-z0-9]))"
                   r"(?:\((?P<c>[^()]*)\))?")
_UNION = re.compile(r"\\bigcup_\{(?P<i>[a-z])\\in(?P<s>[A-Z])\}(?P<body>.+)")
_RADIUS = r"(?P<r>\\[A-Za-z]+(?:/\d+)?|\{[^{}]+\}|[a-z0-9](?:/\d+)?)"
_COVER = re.compile(r"(?P<c>[A-Z])(?:is)?(?:an?)?" + _RADIUS + r"-cover(?:ing)?of(?P<a>[A-Z])")
_SEPARATED = re.compile(r"(?P<s>[A-Z])(?:\\subseteq|\\subset)?(?P<a>[A-Z])?(?:is)?(?:an?)?"
                        + _RADIUS + r"-separated(?:set)?")
_SUBSET = re.compile(r"(?P<s>[A-Z])(?:\\subseteq|\\subset)(?P<a>[A-Z])")


@dataclass(frozen=True)
class Ball:
    """``B_r(centre)``; ``centre`` None: the origin."""

    radius: sp.Expr
    centre: str | None


@dataclass(frozen=True)
class Named:
    """A named set."""

    name: str


@dataclass(frozen=True)
class Union:
    """``\\bigcup_{index \\in over} body``."""

    index: str
    over: str
    body: Any


@dataclass(frozen=True)
class Combine:
    """``left op right`` with op ``+`` (Minkowski sum) or ``cup`` (union)."""

    op: str
    left: Any
    right: Any


@dataclass
class Facts:
    """The stated facts about sets: covers ``(C, r, A)``, separated sets ``(S, r)`` and
    inclusions ``(X, Y)``; the items not read."""

    covers: list[tuple[str, sp.Expr, str]]
    separated: list[tuple[str, sp.Expr]]
    subsets: list[tuple[str, str]]
    unread: list[str]


def _top_split(text: str, sep: str) -> list[str]:
    """``text`` split at each ``sep`` outside braces and parentheses."""
    out, depth, cur, i = [], 0, "", 0
    while i < len(text):
        ch = text[i]
        depth += ch in "{(["
        depth -= ch in "})]"
        if depth == 0 and text.startswith(sep, i):
            out.append(cur)
            cur, i = "", i + len(sep)
            continue
        cur += ch
        i += 1
    return [*out, cur]


def read_set(text: str, parse: Any, bound: frozenset[str] = frozenset()) -> Any | None:
    """The set expression of ``text`` (module doc); None when a part does not read.
    ``bound`` holds the indices of the enclosing unions and sums."""
    for sep, op in (("\\cup", "cup"), ("+", "+")):
        parts = _top_split(text, sep)
        if len(parts) > 1:
            read = [read_set(p, parse, bound) for p in parts]
            if any(r is None for r in read):
                return None
            out = read[0]
            for r in read[1:]:
                out = Combine(op, out, r)
            return out
    if text.startswith("(") and text.endswith(")"):
        return read_set(text[1:-1], parse, bound)
    if re.fullmatch(_NAME, text):
        return Named(text)
    m = _UNION.fullmatch(text)
    if m is not None:
        body = read_set(m.group("body"), parse, bound | {m.group("i")})
        return None if body is None else Union(m.group("i"), m.group("s"), body)
    m = _BALL.fullmatch(text)
    if m is None:
        return None
    centre = m.group("c")
    if centre is not None and centre not in bound:
        return None
    r = radius(m.group("b") if m.group("b") is not None else m.group("t"), parse)
    return None if r is None else Ball(r, centre)


def radius(text: str, parse: Any) -> sp.Expr | None:
    """The radius expression of ``text``; None when it does not read as a plain number."""
    try:
        r = parse(text)
    except Exception:  # noqa: BLE001 - a radius that does not read keeps the model out
        return None
    if not isinstance(r, sp.Expr) or r.atoms(sp.Function) or r.has(sp.I):
        return None
    return r


def set_names(expr: Any) -> tuple[set[str], set[str]]:
    """The names a set expression uses as regions and as index sets (finite sets)."""
    if isinstance(expr, Named):
        return {expr.name}, set()
    if isinstance(expr, Union):
        regions, points = set_names(expr.body)
        return regions, points | {expr.over}
    if isinstance(expr, Combine):
        a, b = set_names(expr.left), set_names(expr.right)
        return a[0] | b[0], a[1] | b[1]
    return set(), set()


def radii(expr: Any) -> list[sp.Expr]:
    """The radius expressions of the balls of a set expression."""
    if isinstance(expr, Ball):
        return [expr.radius]
    if isinstance(expr, Union):
        return radii(expr.body)
    if isinstance(expr, Combine):
        return radii(expr.left) + radii(expr.right)
    return []


def _words(text: str) -> str:
    r"""``text`` with each ``\text{..}`` (``\mathrm``, ``\textrm``) replaced by its words, and
    spaces, ``~``, ``\,`` removed."""
    text = re.sub(r"\\(?:text|textrm|mathrm|textit)\s*\{([^{}]*)\}", r" \1 ", text)
    text = re.sub(r"\\[,;:!]|~|\\ ", " ", text)
    return re.sub(r"\s+", "", text).rstrip(".,")


def read_facts(items: list[str], parse: Any) -> Facts:
    """The covers, separated sets and inclusions stated by ``items`` (module doc)."""
    facts = Facts([], [], [], [])
    for item in items:
        plain = _words(item)
        m = _COVER.fullmatch(plain)
        if m is not None and (r := radius(m.group("r").strip("{}"), parse)) is not None:
            facts.covers.append((m.group("c"), r, m.group("a")))
            continue
        m = _SEPARATED.fullmatch(plain)
        if m is not None and (r := radius(m.group("r").strip("{}"), parse)) is not None:
            facts.separated.append((m.group("s"), r))
            if m.group("a"):
                facts.subsets.append((m.group("s"), m.group("a")))
            continue
        m = _SUBSET.fullmatch(plain)
        if m is not None:
            facts.subsets.append((m.group("s"), m.group("a")))
            continue
        facts.unread.append(item)
    return facts


__all__ = ["Ball", "Combine", "Facts", "Named", "Union", "radii", "radius", "read_facts",
           "read_set", "set_names"]
