r"""Learning-theory terms as the LaTeX reader prints them, read into a small tree that the
finite learning model (:mod:`.learning_models`) evaluates exactly.

The reader keeps ``\mathbb{E}_{S, \sigma}[..]``, ``\sup_{f \in \mathcal F}(..)`` and
``\sum_{i=1}^n (..)`` of function values as opaque atoms whose names are the printed terms
(``E_S , \sigma[sup_{f \in \mathcal F}(sum_{i}(f(z[i])*sigma[i])/m)]``). This module reads that
printed text back (:func:`read_side`) into nodes:

* ``("num", Fraction)``, ``("count",)`` (the sample size ``n`` or ``m``), ``("add", [..])``,
  ``("mul", [..])``, ``("pow", base, exponent)``, ``("abs", a)``;
* ``("E", groups, a)``: the expectation over the named random groups (``None``: over every
  random group in ``a``); ``("sup", a)``: the supremum over the function class
  (``("sup", a, -1)`` over the negated class ``-\mathcal F``, ``("R", -1)`` its complexity);
  ``("sum", index, a)``: :math:`\sum_{index=1}^{n} a`;
* ``("f", group, index)``: the class function at the sample point ``z_i`` (group ``"z"``), the
  ghost point ``z_i'`` (``"zp"``), a fresh point ``z ~ P`` (``"x"``) or a fixed point ``z_0``
  (``"x0"``: :mod:`.learning_points`), index None for these two; ``("sigma", index)``: the
  sign :math:`\sigma_i`; ``("loss01", index)``: ``\ell_{0-1}((x^{(i)}, y^{(i)}), h)``.

Roles are read, never guessed: a letter is the class function only as the variable of a
``\sup`` over a class; ``\sigma_i`` is a sign only when some ``\mathbb{E}`` of the step names
``\sigma`` in its subscript (checked by the model); a subscript of ``\mathbb{E}`` must name only
the sample (``S``, ``z_i``, ``z_1, \dots, z_n``), the ghost sample (``S'``, ``z_i'``) or the
signs. Anything else raises :class:`LearnOut` and keeps the model out of the step.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from hallbound.proofs_checks.latex.models.learning.learning_pairs import INPUT, LABEL, strip_pair
from hallbound.proofs_checks.latex.models.learning.learning_pairs import zero_one_point as zero_one

Node = tuple[Any, ...]
_IDENT = re.compile(r"[A-Za-z\\][A-Za-z0-9_\\]*")
_NUM = re.compile(r"\d+")
#: Names read as the sample size.
COUNTS = ("n", "m")
#: Subscript items of an expectation and the random group each names.
_SUB_GROUPS = {
    "S": "z", "z": "z?", "z_i": "z", "z_1": "z", "z_n": "z", "z_m": "z", "\\{z_i\\}": "z",
    "S'": "zp", "z'": "zp", "z_i'": "zp", "z_1'": "zp", "z_n'": "zp", "z_m'": "zp",
    "\\sigma": "sigma", "\\sigma_i": "sigma", "\\sigma_j": "sigma", "\\sigma_1": "sigma",
    "\\sigma_n": "sigma", "\\sigma_m": "sigma",
}


_COMPLEXITY = re.compile(
    r"(?:\\math(?:cal|frak|scr)\{R\}|R(?:cal|frak|scr)?)_\{?(\w+)\}?\(")


def class_letter(text: str) -> str | None:
    r"""The capital naming a plain class (``\mathcal F``, ``\mathcal{F}``, ``Fcal``, ``F``);
    None for anything else (``-\mathcal F``, a set written out)."""
    t = re.sub(r"[\s{}\\]", "", text)
    m = re.fullmatch(r"(?:math(?:cal|scr|frak))?([A-Z])(?:cal|scr|frak)?", t)
    return m.group(1) if m else None


def signed_class(text: str) -> tuple[int, str | None]:
    r"""``(sign, letter)`` of a class written plain or negated: ``-\mathcal F`` -> ``(-1,
    "F")``, the class of the functions ``-f`` for ``f`` in ``\mathcal F``."""
    t = text.strip()
    if t.startswith("-"):
        return -1, class_letter(t[1:])
    return 1, class_letter(t)


class LearnOut(Exception):
    """A term the finite learning model does not read (the model stays out of the step)."""


def subscript_groups(sub: str) -> frozenset[str]:
    r"""The random groups an expectation's subscript names: ``S, S', \sigma`` ->
    ``{z, zp, sigma}``; ``z_1, \dots, z_n \sim P`` -> ``{z}``. Raises :class:`LearnOut` on
    any other item."""
    text = re.sub(r"\s+", "", sub)
    text = re.sub(r"\\sim.*$", "", text).replace("\\{", "").replace("\\}", "")
    out = set()
    for item in text.split(","):
        if item in ("\\dots", "\\ldots", "\\cdots", "..."):
            continue
        group = _SUB_GROUPS.get(item.replace("{", "").replace("}", ""))
        if group is None:
            raise LearnOut(f"the expectation's subscript names {item!r}")
        out.add(group)
    if not out:
        raise LearnOut("an empty subscript")
    return frozenset(out)


def law_names(sub: str) -> set[str]:
    r"""The letters of the law written after ``\sim`` in an expectation's subscript
    (``z \sim \mathcal{D}`` -> ``{D}``): the model draws that law, so a statement on it
    keeps the model out."""
    m = re.search(r"\\sim(.*)$", sub)
    if m is None:
        return set()
    return set(re.findall(r"[A-Za-z]+", m.group(1))) - {"mathcal", "mathscr", "mathbb"}


def _close(text: str, pos: int, open_: str, close_: str) -> int:
    """The index of the bracket closing the one at ``pos``."""
    depth = 0
    for k in range(pos, len(text)):
        if text[k] == open_:
            depth += 1
        elif text[k] == close_:
            depth -= 1
            if depth == 0:
                return k
    raise LearnOut("unbalanced brackets")


class _Reader:
    """Recursive descent over one printed side (module doc)."""

    def __init__(self, text: str, scope: dict) -> None:
        self.text, self.pos, self.scope = text, 0, scope

    def peek(self, s: str) -> bool:
        return self.text.startswith(s, self.pos)

    def eat(self, s: str) -> None:
        if not self.peek(s):
            raise LearnOut(f"expected {s!r} at {self.text[self.pos:self.pos + 20]!r}")
        self.pos += len(s)

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1

    def done(self) -> bool:
        self.skip()
        return self.pos >= len(self.text)

    def expr(self) -> Node:
        terms = [self.term()]
        while True:
            self.skip()
            if self.peek("+"):
                self.pos += 1
                terms.append(self.term())
            elif self.peek("-"):
                self.pos += 1
                terms.append(("mul", [("num", Fraction(-1)), self.term()]))
            else:
                return terms[0] if len(terms) == 1 else ("add", terms)

    def term(self) -> Node:
        factors = [self.unary()]
        while True:
            self.skip()
            if self.peek("*"):
                self.pos += 1
                factors.append(self.unary())
            elif self.peek("/"):
                self.pos += 1
                factors.append(("pow", self.unary(), ("num", Fraction(-1))))
            else:
                return factors[0] if len(factors) == 1 else ("mul", factors)

    def unary(self) -> Node:
        self.skip()
        if self.peek("-"):
            self.pos += 1
            return ("mul", [("num", Fraction(-1)), self.unary()])
        base = self.primary()
        self.skip()
        if self.peek("**"):
            self.pos += 2
            return ("pow", base, self.unary())
        return base

    def group(self, open_: str = "(", close_: str = ")") -> str:
        """The text inside the bracket at the current position; moves past it."""
        self.skip()
        if not self.peek(open_):
            raise LearnOut(f"expected {open_!r}")
        end = _close(self.text, self.pos, open_, close_)
        inner = self.text[self.pos + 1 : end]
        self.pos = end + 1
        return inner

    def sub(self, text: str, **scope: Any) -> Node:
        reader = _Reader(text, {**self.scope, **scope})
        node = reader.expr()
        if not reader.done():
            raise LearnOut(f"cannot read {text[reader.pos:reader.pos + 20]!r}")
        return node

    def primary(self) -> Node:
        self.skip()
        m = _NUM.match(self.text, self.pos)
        if m:
            self.pos = m.end()
            return ("num", Fraction(int(m.group())))
        if self.peek("("):
            return self.sub(self.group())
        for name, read in (("Abs(", self.abs_), ("sqrt(", self.sqrt), ("Sum(", self.sympy_sum),
                           ("sum_{", self.sum_), ("sup_{", self.sup), ("E_", self.expect),
                           ("E[", self.expect)):
            if self.peek(name):
                return read()
        m = _COMPLEXITY.match(self.text, self.pos)
        if m:
            return self.complexity(m)
        m = _IDENT.match(self.text, self.pos)
        if not m:
            raise LearnOut(f"cannot read {self.text[self.pos:self.pos + 20]!r}")
        self.pos = m.end()
        return self.name(m.group())

    def complexity(self, m: re.Match) -> Node:
        r"""``R_n(\mathcal F)``: the Rademacher complexity of the class at the count."""
        if m.group(1) not in COUNTS:
            raise LearnOut(f"a complexity at {m.group(1)!r}, not the sample size")
        self.pos = m.end() - 1
        sign, klass = signed_class(self.group())
        if klass is None:
            raise LearnOut("a complexity of something other than a plain class")
        self.scope["counts"].add(m.group(1))
        self.scope["complexities"].add(klass)
        return ("R",) if sign == 1 else ("R", -1)

    def abs_(self) -> Node:
        self.pos += 3
        return ("abs", self.sub(self.group()))

    def sqrt(self) -> Node:
        self.pos += 4
        return ("pow", self.sub(self.group()), ("num", Fraction(1, 2)))

    def sympy_sum(self) -> Node:
        self.pos += 3
        inner = self.group()
        m = re.fullmatch(r"(.*), \((\w+), 1, (\w+)\)", inner)
        if not m or m.group(3) not in COUNTS:
            raise LearnOut(f"a sum other than i = 1..n: {inner!r}")
        self.scope.setdefault("counts", set()).add(m.group(3))
        index = m.group(2)
        return ("sum", index, self.sub(m.group(1), indices=self.scope["indices"] | {index}))

    def sum_(self) -> Node:
        self.pos += 4
        head = self.group("{", "}")
        hi = None
        if self.peek("^{"):
            self.pos += 1
            hi = self.group("{", "}").strip()
        m = re.fullmatch(r"\s*(\w+(?:\s*,\s*\w+)*)\s*(?:=\s*1\s*)?", head)
        if not m or (hi is not None and hi not in COUNTS):
            raise LearnOut(f"a sum other than i = 1..n: sum_{{{head}}}")
        if hi is not None:
            self.scope.setdefault("counts", set()).add(hi)
        names = [s.strip() for s in m.group(1).split(",")]
        body_text = self.group()
        body = self.sub(body_text, indices=self.scope["indices"] | set(names))
        for index in reversed(names):
            body = ("sum", index, body)
        return body

    def sup(self) -> Node:
        self.pos += 4
        head = self.group("{", "}")
        m = re.fullmatch(r"\s*(\w+)\s*(?:\\in\s*(.+?))?\s*", head)
        if not m or self.scope.get("f") is not None:
            raise LearnOut(f"a supremum the model does not read: sup_{{{head}}}")
        sign, klass = signed_class(m.group(2)) if m.group(2) else (1, "")
        if klass is None:
            raise LearnOut(f"the class {m.group(2)!r} is not a plain class name")
        self.scope.setdefault("classes", set()).add((m.group(1), klass))
        body = self.sub(self.group(), f=m.group(1))
        return ("sup", body) if sign == 1 else ("sup", body, -1)

    def expect(self) -> Node:
        self.pos += 1
        groups = None
        if self.peek("_"):
            end = self.text.find("[", self.pos)
            if end < 0:
                raise LearnOut("an expectation without its bracket")
            sub, labelled = strip_pair(self.text[self.pos + 1 : end])
            if labelled:  # \{(x^{(i)}, y^{(i)})\}: a labelled sample (learning_labels)
                self.scope["flags"].add("labelled")
            groups = subscript_groups(sub)
            self.scope.setdefault("laws", set()).update(law_names(self.text[self.pos + 1 : end]))
            self.scope.setdefault("subscripts", set()).update(groups)
            self.pos = end
        inner = self.group("[", "]")
        f = self.scope.get("f")
        if groups is None and f is not None and inner.strip() == f:
            return ("E", None, ("f", "x", None))  # E[f]: the population mean
        node = self.sub(inner)
        if groups is not None and "z?" in groups:  # E_z: a fresh point or the sample
            points = _points(node)
            if len(points) > 1:
                raise LearnOut("E_z over both a fresh point z and the sample z_i")
            groups = (groups - {"z?"}) | (points or {"z"})
        return ("E", groups, node)

    def name(self, ident: str) -> Node:
        if self.peek("("):
            return self.apply(ident, self.group())
        if ident == "sigma" and self.peek("["):
            self.scope["flags"].add("signs")
            return ("sigma", self.index(self.group("[", "]")))
        if ident.startswith("sigma_"):
            self.scope["flags"].add("signs")
            return ("sigma", self.index(ident[6:]))
        if ident in COUNTS:
            self.scope.setdefault("counts", set()).add(ident)
            return ("count",)
        if ident.startswith("y") and "labelled" in self.scope["flags"]:
            return self.label(ident)
        if ident == "ell_" and self.peek("{") and "labelled" in self.scope["flags"]:
            index = zero_one(self.group("{", "}"), self.group(), self.scope.get("f"))
            if index is None:
                raise LearnOut("a loss that is not the zero-one loss at a labelled point")
            return ("loss01", self.index(index))
        raise LearnOut(f"the symbol {ident!r}")

    def label(self, ident: str) -> Node:
        """``y^{(i)}`` / ``y_i`` of a labelled sample: the label of the i-th point."""
        if ident in ("y_i", "y_j"):
            return ("y", self.index(ident[2:]))
        m = LABEL.match(self.text, self.pos)
        if ident != "y" or m is None:
            raise LearnOut(f"the symbol {ident!r}")
        self.pos = m.end()
        return ("y", self.index(m.group(1) or m.group(2)))

    def index(self, text: str) -> str:
        text = text.strip()
        if text not in self.scope["indices"]:
            raise LearnOut(f"the index {text!r} is not a summation index")
        return text

    def apply(self, ident: str, arg: str) -> Node:
        if ident != self.scope.get("f"):
            raise LearnOut(f"the function {ident!r} is not the class variable of a sup")
        text = re.sub(r"\s+", "", arg)
        if "labelled" in self.scope["flags"] and (x := INPUT.fullmatch(text)):
            return ("f", "z", self.index(next(g for g in x.groups() if g)))
        m = re.fullmatch(r"z(?:\[(\w+)\]|_\{?(\w+)\}?)('?)", text)
        if text == "z":
            return ("f", "x", None)
        if text in ("z_0", "z_{0}", "z[0]"):
            return ("f", "x0", None)  # a fixed point z_0: the step must hold at each point
        if not m:
            raise LearnOut(f"{ident}({arg}) is not a class function at a sample point")
        index = self.index(m.group(1) or m.group(2))
        return ("f", "zp" if m.group(3) else "z", index)


#: Heads of a Rademacher complexity as the reader names them (``R``, ``\mathcal{R}``, ...).
COMPLEXITY_HEADS = ("R", "Rcal", "Rfrak", "Rscr")


def complexity_application(base: str, full: str, inside: list[str]) -> bool:
    r"""Whether ``full(inside)`` is a complexity of a class as learning theory writes it:
    ``R_n(\mathcal F)``, ``\mathcal{R}_m(\mathcal{F})``, ``\mathfrak{R}_n(-\mathcal H)``: a head
    ``R`` with a subscript applied to a calligraphic (or script, fraktur) capital, perhaps
    negated. The reader then keeps it as a function value (an opaque atom, the same symbol
    for the same class), never a product."""
    if base not in COMPLEXITY_HEADS or full == base:
        return False
    text = "".join(t.lstrip("\\") for t in inside if t not in ("{", "}")).replace(" ", "")
    return re.fullmatch(r"-?(mathcal|mathscr|mathfrak)[A-Z]", text) is not None


def _points(node: Node) -> set[str]:
    """Which of a fresh point ``x`` and the sample ``z`` the tree evaluates ``f`` at."""
    if node[0] == "f":
        return {node[1]} & {"x", "z"}
    out: set[str] = set()
    for a in node[1:]:
        for b in (a if isinstance(a, list) else [a]):
            if isinstance(b, tuple):
                out |= _points(b)
    return out


def read_side(text: str, scope: dict) -> Node:
    """The tree of one printed side; ``scope`` collects the counts, classes and subscripts
    met (shared by both sides of a step)."""
    scope.setdefault("indices", frozenset())
    for key in ("counts", "classes", "subscripts", "complexities", "flags"):
        scope.setdefault(key, set())
    reader = _Reader(text, scope)
    node = reader.expr()
    if not reader.done():
        raise LearnOut(f"cannot read {text[reader.pos:reader.pos + 20]!r}")
    return node


__all__ = ["COMPLEXITY_HEADS", "COUNTS", "LearnOut", "Node", "class_letter",
           "complexity_application", "read_side", "signed_class", "subscript_groups"]
