r"""Statements about the joint law of random variables in ``% hb: assume``: independence,
copies, i.i.d. families, the characteristic of the group, absolute continuity.

Read forms (``LIST`` is a comma-separated list of variables ``X``, ``Y'``, ``A_1``, ``z_i'``
or tuples ``(X, Z)``; ``\dots`` entries are passed over):

* ``LIST \text{ (are) (mutually) independent}``: the items are mutually independent;
* ``A \text{ (is) independent of } B``: ``A`` and ``B`` are independent (``X \text{
  independent of } Y, Z``: ``X`` is independent of the pair ``(Y, Z)``, nothing is said of
  ``Y`` and ``Z``; an indexed ``X_i`` here says only that each ``X_i`` alone is independent
  of ``B``);
* ``LIST \text{ (are) (independent) copies (of) } LIST2`` / ``X' \text{ an independent copy
  of } X``: each item has the law of its original (the item of ``LIST2`` at the same place,
  or the only one); without ``of``, the original of a primed item is the item with one prime
  less (``(X', Z') \text{ independent copies}``: of ``(X, Z)``). With ``independent`` the
  copies are independent of each other and of the rest; without it (``X' \text{ a copy of }
  X``) only the law is stated: ``X' = X`` is allowed, the model draws couplings;
* ``LIST \text{ (are) i.i.d.}``: independent and identically distributed;
* ``\text{characteristic } p`` (``G \text{ has characteristic } p``): sums are taken in a
  group of characteristic ``p`` (``p`` a prime; ``0``: a torsion-free group such as
  :math:`\mathbb{Z}`);
* ``\mu \ll \nu``: ``\mu`` is absolutely continuous with respect to ``\nu``.
* ``\kappa(x) \ll \eta(x)``: for kernels, at every point ``x`` (the names kept as
  ``kappa(x)``, so that they are never taken for measures).

An indexed item ``X_i`` (one-letter subscript) stands for the whole family ``X_k``
(``X_i \text{ independent}``: every ``X_k`` is independent of the others). A statement of
another form is not read here (the caller refuses it, naming it). Names are normalised by
:func:`norm_name` (``\mu`` -> ``mu``, ``A_{1}`` -> ``A_1``, ``X^{\prime}`` -> ``X'``), the
form :mod:`~hallbound.proofs_checks.latex.models.finite_laws` gives the variables of a step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Kinds of statement.
INDEPENDENT, COPY, IID, CHARACTERISTIC, ABSOLUTELY_CONTINUOUS = (
    "independent", "copy", "iid", "characteristic", "abscont")
_PRIMES = (2, 3, 5, 7)
_DOTS = frozenset({"dots", "ldots", "cdots"})
_TEXT = r"\\text(?:rm|normal)?\s*\{\s*(?P<words>[^{}]*)\}"
_ITEM = re.compile(r"(?P<names>.*?)\s*" + _TEXT + r"\s*(?P<rest>.*)", re.S)
_NAME = re.compile(
    r"\s*(?P<base>\\?[A-Za-z]+)\s*(?:_\s*(?P<sub>\{[^{}]*\}|\\?[A-Za-z0-9]+))?"
    r"\s*(?:\^\s*(?P<seq>\{\s*[A-Za-z]\s*\}|[A-Za-z](?![A-Za-z])))?"
    r"\s*(?P<primes>(?:'|\^\s*\{?\s*\\prime\s*\}?)*)\s*"
)


@dataclass(frozen=True)
class LawStatement:
    """One read statement: its ``kind``, the ``groups`` it is about (tuples of normalised
    names), for copies the ``sources`` (the group each one copies) and whether they are
    stated ``independent`` (else only their law is), for a characteristic its ``modulus``,
    whether an independence statement is of the form ``A independent of B`` (``of``), and
    the ``text`` as written."""

    kind: str
    groups: tuple[tuple[str, ...], ...]
    sources: tuple[tuple[str, ...], ...] = ()
    modulus: int = 0
    text: str = ""
    independent: bool = True
    of: bool = False

    def names(self) -> set[str]:
        """Every name the statement is about."""
        return {n for g in (*self.groups, *self.sources) for n in g}


def norm_name(text: str) -> str | None:
    r"""The normalised name of one variable written ``text`` (``\mu`` -> ``mu``,
    ``A_{1}`` -> ``A_1``, ``X^{\prime}`` -> ``X'``); None when ``text`` is not one."""
    m = _NAME.fullmatch(text)
    if m is None:
        return None
    base = m.group("base").lstrip("\\")
    sub = (m.group("sub") or "").strip("{}").replace(" ", "").replace("\\", "")
    primes = m.group("primes").count("'") + m.group("primes").count("prime")
    seq = (m.group("seq") or "").strip("{} ")
    return base + (f"_{sub}" if sub else "") + (f"^{seq}" if seq else "") + "'" * primes


def family(name: str) -> str | None:
    """``X_i`` -> ``X_*`` (a one-letter subscript stands for every index; ``X_*`` is one
    already); None otherwise."""
    if "_*" in name:
        return name
    m = re.fullmatch(r"(?P<base>[A-Za-z]+)_(?P<sub>[a-z])(?P<primes>'*)", name)
    return f"{m.group('base')}_*{m.group('primes')}" if m else None


def _split(text: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += c in "([{"
        depth -= c in ")]}"
        if c == "," and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [t.strip() for t in out if t.strip()]


def read_groups(text: str) -> tuple[tuple[str, ...], ...] | None:
    """``X, (Y, Z), W'`` -> ``(("X",), ("Y", "Z"), ("W'",))``; None when an item is not a
    variable or a tuple of variables."""
    groups = []
    items = _split(text)
    dots = any(item.lstrip("\\") in _DOTS for item in items)
    for item in items:
        if item.lstrip("\\") in _DOTS:
            continue
        if item.startswith("(") and item.endswith(")"):
            names = [norm_name(t) for t in _split(item[1:-1])]
        else:
            names = [norm_name(item)]
        if not names or any(n is None for n in names):
            return None
        groups.append(tuple(n for n in names if n is not None))
    if dots:  # X_1, \dots, X_n: the family X_*
        groups = [(_member(g[0]),) if len(g) == 1 else g for g in groups]
        groups = list(dict.fromkeys(groups))
    return tuple(groups) or None


def _member(name: str) -> str:
    """``X_1`` -> ``X_*`` (a member of a family written with ``\\dots``)."""
    m = re.fullmatch(r"(?P<base>[A-Za-z]+)_[A-Za-z0-9]+(?P<primes>'*)", name)
    return f"{m.group('base')}_*{m.group('primes')}" if m else name


def _words(words: str) -> str:
    return re.sub(r"\s+", " ", words.replace(".", "").replace(",", " ")).strip().lower()


def _copies(groups: tuple, rest: str, text: str, independent: bool) -> LawStatement | None:
    """Copies: of ``rest`` (a list), or of the items with one prime less."""
    if rest:
        sources = read_groups(rest)
        if sources is None:
            return None
        if len(sources) == 1:
            sources = sources * len(groups)
    else:
        if not all(n.endswith("'") for g in groups for n in g):
            return None
        sources = tuple(tuple(n[:-1] for n in g) for g in groups)
    if len(sources) != len(groups) or any(
            len(a) != len(b) for a, b in zip(groups, sources, strict=True)):
        return None
    return LawStatement(COPY, groups, sources, text=text, independent=independent)


def read_law_statement(arg: str) -> LawStatement | None:
    """The statement ``arg`` makes (module doc), or None when it is not one of the read
    forms."""
    text = " ".join(arg.split())
    if m := re.fullmatch(r"(?P<a>\\?[A-Za-z_{}0-9' ]+?)\s*\\ll\s*(?P<b>\\?[A-Za-z_{}0-9' ]+)",
                         text):
        a, b = norm_name(m.group("a")), norm_name(m.group("b"))
        return LawStatement(ABSOLUTELY_CONTINUOUS, ((a,), (b,)), text=text) if a and b else None
    if m := re.fullmatch(r"(?P<a>\\?[A-Za-z]+)\s*\((?P<x>[a-z])\)\s*\\ll\s*"
                         r"(?P<b>\\?[A-Za-z]+)\s*\((?P=x)\)", text):  # \kappa(x) \ll \eta(x)
        a, b = norm_name(m.group("a")), norm_name(m.group("b"))
        x = m.group("x")
        return LawStatement(ABSOLUTELY_CONTINUOUS, ((f"{a}({x})",), (f"{b}({x})",)),
                            text=text) if a and b else None
    m = _ITEM.fullmatch(text)
    if m is None:
        return None
    words = _words(m.group("words"))
    rest = m.group("rest").strip()
    if (c := re.fullmatch(r"(?:has )?characteristic(?: (\d+))?", words)) and (
            c.group(1) or rest.isdigit()):
        p = int(c.group(1) or rest)
        ok = (p == 0 or p in _PRIMES) and (not c.group(1) or not rest)
        return LawStatement(CHARACTERISTIC, (), modulus=p, text=text) if ok else None
    groups = read_groups(m.group("names"))
    if groups is None:
        return None
    words = re.sub(r"^(?:are|is|be) ", "", words)
    if words in ("independent", "mutually independent", "jointly independent") and not rest:
        return LawStatement(INDEPENDENT, groups, text=text) if _enough(groups) else None
    if words in ("independent of", "is independent of") and rest:
        other = read_groups(rest)
        if other is None or len(groups) != 1:
            return None
        whole = (tuple(dict.fromkeys(n for g in other for n in g)),)  # of the tuple of them
        return LawStatement(INDEPENDENT, groups + whole, text=text, of=True)
    if words in ("iid", "iid random variables"):
        return LawStatement(IID, groups, text=text) if _enough(groups) else None
    if re.fullmatch(r"(?:(?:an? )?independent )?(?:an? )?cop(?:y|ies)(?: of)?", words):
        if words.endswith("of") != bool(rest):
            return None
        return _copies(groups, rest, text, "independent" in words)
    return None


def _enough(groups: tuple) -> bool:
    """Two or more items, or one indexed family ``X_i``."""
    return len(groups) >= 2 or (len(groups[0]) == 1 and family(groups[0][0]) is not None)


def in_family(name: str, fam: str) -> bool:
    """Whether the variable ``name`` (``X_3``, ``X_k'``) is a member of ``fam``
    (``X_*`` or ``X_*'``)."""
    base, _, primes = fam.partition("_*")
    return re.fullmatch(re.escape(base) + r"_[A-Za-z0-9]+" + re.escape(primes), name) is not None


def law_names(laws: list[LawStatement], names: set[str]) -> set[str]:
    """The names among ``names`` that a statement of ``laws`` is about (directly, or as a
    member of a family it names)."""
    stated = {n for law in laws for n in law.names()}
    fams = [f for f in (family(n) for n in stated) if f is not None]
    return {n for n in names if n in stated or any(in_family(n, f) for f in fams)}


__all__ = ["LawStatement", "family", "in_family", "law_names", "norm_name", "read_groups",
           "read_law_statement"]
