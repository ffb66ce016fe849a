r"""Terms in random variables, as the information atoms of a step write them: the arguments
of ``H[..]``, ``\mathbb{I}[..]``, ``I(X; Y \mid Z)`` (read through joint entropies) and the
Ruzsa distance ``d[X | Z; Y | W]``.

A term is a nested tuple: ``("var", name)``, ``("num", k)``, ``("add", a, b)``,
``("neg", a)``, ``("mul", k, a)`` (an integer multiple), ``("tuple", (a, b, ..))``.
Names are normalised as :func:`.law_statements.norm_name` does (``X '`` -> ``X'``,
``A _ { 1 }`` -> ``A_1``). A quantity is an entropy ``("H", terms, cond)``
(:math:`H[terms, cond] - H[cond]`), a mutual information ``("I", left, right, cond)``
(:math:`H[left | cond] + H[right | cond] - H[left, right | cond]`) or a Ruzsa distance
``("d", (x, z), (y, w))`` (:math:`d[x | z; y | w]`, ``z``/``w`` None when unconditioned).
Anything else (a product of two variables, a function the reader does not know) raises
:class:`TermError`. A name may carry a one-letter superscript, a sequence (``X_1^n``); a
digit there is a power, never read.
"""

from __future__ import annotations

import re
from typing import Any

from hallbound.proofs_checks.latex.models.law_statements import norm_name

Term = tuple[Any, ...]
_TOKEN = re.compile(
    r"\s*(?:(?P<bar>\\mid\b)|(?P<name>\\?[A-Za-z]+(?:\s*_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?"
    r"(?:\s*\^\s*(?:\{\s*[A-Za-z]\s*\}|[A-Za-z])(?![A-Za-z]))?"
    r"(?:\s*(?:'|\^\s*\{?\s*\\prime\s*\}?))*)|(?P<num>\d+)|(?P<op>[-+*,;|:()\[\]]))"
)


class TermError(Exception):
    """A term the reader does not model."""


def tokens(text: str) -> list[str]:
    """The tokens of ``text``: normalised names, integers and operators."""
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise TermError(f"cannot read {text[pos:pos + 12]!r}")
        if m.group("bar"):
            out.append("|")
        elif m.group("name"):
            name = norm_name(m.group("name"))
            if name is None:
                raise TermError(f"cannot read {m.group('name')!r}")
            out.append(name)
        else:
            out.append(m.group("num") or m.group("op"))
        pos = m.end()
    return out


def split_top(toks: list[str], sep: str) -> list[list[str]]:
    """``toks`` split at ``sep`` outside brackets."""
    out: list[list[str]] = [[]]
    depth = 0
    for t in toks:
        depth += t in "(["
        depth -= t in ")]"
        if t == sep and depth == 0:
            out.append([])
        else:
            out[-1].append(t)
    return out


class _Reader:
    def __init__(self, toks: list[str]) -> None:
        self.toks, self.pos = toks, 0

    def peek(self) -> str | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self) -> str:
        t = self.peek()
        if t is None:
            raise TermError("the term ends early")
        self.pos += 1
        return t

    def expr(self) -> Term:
        out = self.signed()
        while self.peek() in ("+", "-"):
            op = self.take()
            right = self.signed()
            out = ("add", out, right if op == "+" else ("neg", right))
        return out

    def signed(self) -> Term:
        if self.peek() == "-":
            self.take()
            return ("neg", self.signed())
        return self.factor()

    def factor(self) -> Term:
        t = self.take()
        if t.isdigit():
            if self.peek() == "*":
                self.take()
            if self.peek() in (None, "+", "-", ",", ")", "]"):
                return ("num", int(t))
            return ("mul", int(t), self.factor())
        if t in ("(", "["):
            parts = [_Reader(p).whole() for p in split_top(self.group(t), ",")]
            return parts[0] if len(parts) == 1 else ("tuple", tuple(parts))
        if t[0].isalpha() or t[0] == "_":
            nxt = self.peek()
            if nxt is not None and (nxt in ("*", "(", "[") or nxt[0].isalnum()):
                raise TermError(f"a product or function of {t!r} is not modelled")
            return ("var", t)
        raise TermError(f"unexpected {t!r}")

    def group(self, opener: str) -> list[str]:
        closer, depth, out = {"(": ")", "[": "]"}[opener], 1, []
        while True:
            t = self.take()
            depth += t == opener
            depth -= t == closer
            if depth == 0:
                return out
            out.append(t)

    def whole(self) -> Term:
        if not self.toks:
            raise TermError("an empty term")
        out = self.expr()
        if self.pos != len(self.toks):
            raise TermError(f"unexpected {self.toks[self.pos]!r}")
        return out


def parse_term(toks: list[str]) -> Term:
    """One term from its tokens."""
    return _Reader(toks).whole()


def parse_list(toks: list[str]) -> tuple[Term, ...]:
    """Comma-separated terms (``X, Y + Z``)."""
    return tuple(parse_term(p) for p in split_top(toks, ","))


def term_vars(term: Term) -> set[str]:
    """The variable names of ``term``."""
    if term[0] == "var":
        return {term[1]}
    if term[0] == "tuple":
        return set().union(*(term_vars(t) for t in term[1]))
    return set().union(*(term_vars(t) for t in term[1:] if isinstance(t, tuple)))


def substitute(term: Term, defs: dict[str, Term]) -> Term:
    """``term`` with each variable that ``defs`` defines replaced by its definition."""
    if term[0] == "var":
        return defs.get(term[1], term)
    if term[0] == "num":
        return term
    if term[0] == "tuple":
        return ("tuple", tuple(substitute(t, defs) for t in term[1]))
    if term[0] == "mul":
        return ("mul", term[1], substitute(term[2], defs))
    return (term[0], *(substitute(t, defs) for t in term[1:]))


def conditioned(toks: list[str]) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """``X, Y | Z, W`` -> the terms before and after the one top-level ``|``."""
    parts = split_top(toks, "|")
    if len(parts) > 2 or not parts[0]:
        raise TermError("expected 'X | Z'")
    cond = parse_list(parts[1]) if len(parts) == 2 else ()
    return parse_list(parts[0]), cond


def entropy_quantity(inner: str) -> tuple:
    """``H[inner]``: an entropy quantity (``inner`` may condition with ``|``)."""
    args, cond = conditioned(tokens(inner))
    return ("H", args, cond)


def ruzsa_quantity(inner: str) -> tuple:
    """``d[X | Z; Y | W]`` (``inner`` has exactly one top-level ``;``): a Ruzsa distance."""
    sides = split_top(tokens(inner), ";")
    if len(sides) != 2:
        raise TermError("a Ruzsa distance needs 'X; Y'")
    out = []
    for side in sides:
        args, cond = conditioned(side)
        if len(args) != 1 or args[0][0] == "tuple":
            raise TermError("a Ruzsa distance of a list")
        out.append((args[0], ("tuple", cond) if cond else None))
    return ("d", out[0], out[1])


def mutual_information_quantity(inner: str) -> tuple:
    """``I(X; Y | Z)`` (``inner`` has exactly one top-level ``;``): the quantity
    ``("I", (X,), (Y,), (Z,))``, :math:`H(X \\mid Z) + H(Y \\mid Z) - H(X, Y \\mid Z)`."""
    sides = split_top(tokens(inner), ";")
    if len(sides) != 2 or not sides[0] or "|" in sides[0]:
        raise TermError("a mutual information needs 'X; Y' (a bar only after the ';')")
    right, cond = conditioned(sides[1])
    return ("I", parse_list(sides[0]), right, cond)


def quantity_vars(q: tuple) -> set[str]:
    """The variable names of a quantity."""
    if q[0] in ("H", "I"):
        return set().union(*(term_vars(t) for part in q[1:] for t in part))
    return set().union(*(term_vars(t) for side in q[1:] for t in side if t is not None))


def substitute_quantity(q: tuple, defs: dict[str, Term]) -> tuple:
    """A quantity with the defined variables replaced."""
    if q[0] in ("H", "I"):
        return (q[0], *(tuple(substitute(t, defs) for t in part) for part in q[1:]))
    return ("d", *(tuple(None if t is None else substitute(t, defs) for t in side)
                   for side in q[1:]))


__all__ = [
    "Term",
    "TermError",
    "conditioned",
    "entropy_quantity",
    "mutual_information_quantity",
    "parse_list",
    "parse_term",
    "quantity_vars",
    "ruzsa_quantity",
    "split_top",
    "substitute",
    "substitute_quantity",
    "term_vars",
    "tokens",
]
