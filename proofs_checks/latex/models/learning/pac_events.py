r"""Events about empirical and true risks over a finite class, read from the text of a
probability atom (``\Pr[..]``, ``\Pr(..)``, ``P(..)``) into a small tree that the finite PAC
model (:mod:`.pac_models`) evaluates exactly.

The reader takes either form the LaTeX reader keeps of an atom's argument: the parsed SymPy
text (``Abs(L(hhat) - L(hstar)) >= epsilon``) or the LaTeX tokens (``2 \sup _ { h \in
\mathcal H } | \hat { L } ( h ) - L ( h ) | \geq \epsilon``). It reads:

* the empirical risk ``\hat L(h)``, ``\hat R(h)``, ``\hat L_S(h)``, ``\hat R_S(h)``
  (``("risk", True, who, subscript, letter)``) and the true risk ``L(h)``, ``R(h)``, ``L_D(h)``,
  ``R_D(h)`` (``("risk", False, who, subscript, letter)``), where ``who`` is the variable of a
  ``\sup`` / ``\max`` over the class, ``\hat h`` (an empirical risk minimiser:
  ``("erm",)``), ``h^*`` (a minimiser of the true risk: ``("best",)``) or a free ``h`` (one
  fixed member of the class: ``("fixed",)``);
* ``\sup_{h \in \mathcal H} (..)``, ``\max_{h \in \mathcal H} (..)``: ``("sup", var, body,
  class)``;
* ``|\mathcal H|``: the class size, ``("card", class)``; ``n`` / ``m``: the sample size,
  ``("count", name)``; ``\epsilon``, ``\varepsilon``, ``\delta``, ``t``: ``("par", name)``;
* numbers, ``+ - * /``, juxtaposition, ``^``, ``\frac``, ``|..|``, ``\exp``, ``\log``,
  ``\sqrt``; the relations ``<, <=, >, >=`` between two such expressions (``("rel", op, a,
  b)``), joined by ``\wedge`` / ``\vee`` / ``\land`` / ``\lor``.

Roles are read, never guessed: any other name, subscript or command raises :class:`PacOut`
and keeps the model out of the step.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from hallbound.proofs_checks.latex.models.token_cursor import TokenCursor

Node = tuple[Any, ...]


#: The one-argument functions the event reader reads (LaTeX command or SymPy's printed name).
_FUNCTION_WORDS = frozenset(("\\exp", "exp", "\\log", "log", "\\ln", "\\sqrt", "sqrt", "Abs"))

class PacOut(Exception):
    """A term the finite PAC model does not read (the model stays out of the step)."""


#: Names of the true risk and of the empirical risk (after ``hat`` is folded in).
TRUE_RISKS = frozenset({"L", "R"})
EMPIRICAL_RISKS = frozenset({"Lhat", "Rhat"})
#: Subscripts each risk may carry (the sample / the law); anything else keeps the model out.
_RISK_SUBS = {True: frozenset({"S", "n", "m"}), False: frozenset({"D", "Dcal", "P"})}
#: Parameters an event may name (drawn by the model from a grid of positive rationals).
PARAMETERS = frozenset({"epsilon", "varepsilon", "delta", "t"})
COUNTS = frozenset({"n", "m"})
_TOKEN = re.compile(r"\s*(\d+(?:\.\d+)?|\\[A-Za-z]+|[A-Za-z][A-Za-z0-9]*|>=|<=|\*\*|\S)")
_WORDS = {"\\geq": ">=", "\\ge": ">=", "\\leq": "<=", "\\le": "<=", "\\cdot": "*",
          "\\times": "*", "\\wedge": "and", "\\land": "and", "\\vee": "or", "\\lor": "or",
          "\\epsilon": "epsilon", "\\varepsilon": "varepsilon", "\\delta": "delta",
          "\\lvert": "|", "\\rvert": "|", "\\vert": "|", "\\mid": "|", "\\tfrac": "\\frac",
          "\\dfrac": "\\frac", "\\star": "*", "\\ast": "*"}
_DROP = frozenset({"\\left", "\\right", "\\big", "\\Big", "\\bigg", "\\Bigg", "\\bigl",
                   "\\bigr", "\\Bigl", "\\Bigr", "\\,", "\\;", "\\!", "\\quad"})
_HATS = frozenset({"\\hat", "\\widehat"})
_FONTS = frozenset({"\\mathcal", "\\mathscr"})
_RELATIONS = frozenset({"<", "<=", ">", ">="})


def tokens(text: str) -> list[str]:
    r"""The tokens of ``text`` with spellings folded: ``\geq`` -> ``>=``, ``\hat { L }`` ->
    ``Lhat``, ``\mathcal H`` -> ``Hcal``, ``h ^ { * }`` -> ``hstar``; sizes dropped."""
    raw = [w for w in _TOKEN.findall(text) if w not in _DROP]
    raw = [_WORDS.get(w, w) for w in raw]
    out: list[str] = []
    k = 0
    while k < len(raw):
        w = raw[k]
        if w in _HATS or w in _FONTS:
            letter, k = _braced_letter(raw, k + 1)
            out.append(letter + ("hat" if w in _HATS else "cal"))
            continue
        if w == "^" and out and out[-1] == "h":
            star, end = _braced_letter(raw, k + 1, star=True)
            if star == "*":
                out[-1], k = "hstar", end
                continue
        out.append(w)
        k += 1
    return out


def _braced_letter(raw: list[str], k: int, star: bool = False) -> tuple[str, int]:
    """The single letter (or ``*``) at ``raw[k]``, braced or not, and the index after it."""
    if k < len(raw) and raw[k] == "{":
        if k + 2 < len(raw) and raw[k + 2] == "}":
            return raw[k + 1], k + 3
        raise PacOut("a hat or font over more than one letter")
    if k < len(raw) and (re.fullmatch(r"[A-Za-z]", raw[k]) or (star and raw[k] == "*")):
        return raw[k], k + 1
    raise PacOut("a hat or font over something other than a letter")


class EventReader(TokenCursor):
    """Recursive descent over the tokens of one event or expression (module doc)."""

    Out = PacOut

    def __init__(self, text: str, bound: tuple[str, ...] = ()) -> None:
        super().__init__(tokens(text))
        self.bound = bound
        #: every name a ``\sup`` / ``\max`` of the event binds: such a name met outside its
        #: supremum's one-factor body is not read as a free ``h`` (the scope is unclear)
        self.sup_names = sup_names(self.toks)

    def event(self) -> Node:
        """``a rel b`` joined by ``and`` / ``or`` (left to right)."""
        node = self.relation()
        while self.peek("and", "or"):
            op = self.take()
            node = (op, node, self.relation())
        return node

    def relation(self) -> Node:
        left = self.expr()
        if not self.peek(*_RELATIONS):
            raise PacOut("an event without a relation")
        op = self.take()
        right = self.expr()
        if self.peek(*_RELATIONS):
            raise PacOut("a chained relation inside an event")
        return ("rel", op, left, right)

    def expr(self) -> Node:
        terms = [self.term()]
        while self.peek("+", "-"):
            sign = self.take()
            t = self.term()
            terms.append(t if sign == "+" else ("mul", [("num", Fraction(-1)), t]))
        return terms[0] if len(terms) == 1 else ("add", terms)

    def term(self) -> Node:
        factors = [self.unary()]
        while True:
            if self.peek("*"):
                self.take()
                factors.append(self.unary())
            elif self.peek("/"):
                self.take()
                factors.append(("pow", self.unary(), ("num", Fraction(-1))))
            elif self.starts_primary():
                factors.append(self.unary())
            else:
                return factors[0] if len(factors) == 1 else ("mul", factors)

    def starts_primary(self) -> bool:
        r"""Whether the next token begins a factor of an implicit product (``|`` only as the
        class size ``|\mathcal H|``)."""
        if self.done():
            return False
        w = self.toks[self.pos]
        if w == "|":
            return self.toks[self.pos + 1 : self.pos + 3] in (["Hcal", "|"], ["Fcal", "|"])
        return w in ("(", "{") or bool(re.fullmatch(r"\d.*|[A-Za-z]\w*|\\[A-Za-z]+", w)) and (
            w not in ("and", "or"))

    def unary(self) -> Node:
        if self.peek("-"):
            self.take()
            return ("mul", [("num", Fraction(-1)), self.unary()])
        base = self.primary()
        if self.peek("**", "^"):
            self.take()
            return ("pow", base, self.exponent())
        return base

    def exponent(self) -> Node:
        if self.peek("{"):
            return self.braced()
        return self.unary()

    def braced(self) -> Node:
        self.eat("{")
        node = self.expr()
        self.eat("}")
        return node

    def paren(self) -> Node:
        opener = self.take()
        if opener not in ("(", "[", "{"):
            raise PacOut(f"expected a bracket, not {opener!r}")
        close = {"(": ")", "[": "]", "{": "}"}[opener]
        node = self.expr()
        self.eat(close)
        return node

    def primary(self) -> Node:
        w = self.toks[self.pos] if not self.done() else ""
        if re.fullmatch(r"\d+", w):
            self.take()
            return ("num", Fraction(int(w)))
        if w in ("(", "[", "{"):
            return self.paren()
        if w == "|":
            return self.bars()
        if w == "\\frac":
            self.take()
            num = self.braced()
            return ("mul", [num, ("pow", self.braced(), ("num", Fraction(-1)))])
        if w in ("\\sup", "\\max", "sup", "max"):
            return self.supremum()
        if w == "Abs" and self.toks[self.pos + 1 : self.pos + 4] in (["(", c, ")"] for c in
                                                                  ("Hcal", "Fcal")):
            self.pos += 4  # Abs(Hcal): the class size, as |\mathcal H| (a read event's text)
            return ("card", self.toks[self.pos - 2])
        if w in _FUNCTION_WORDS:
            self.take()
            head = {"Abs": "abs", "\\ln": "log"}.get(w, w.lstrip("\\"))
            if head == "sqrt" and self.peek("["):
                raise PacOut("a root with an index (\\sqrt[k])")
            arg = self.braced() if head == "sqrt" and self.peek("{") else self.paren()
            return ("abs", arg) if head == "abs" else (head, arg)
        return self.name()

    def bars(self) -> Node:
        """``| a |``: the class size when ``a`` is the class, else an absolute value."""
        self.eat("|")
        if self.peek("Hcal", "Fcal") and self.pos + 1 < len(self.toks) and (
                self.toks[self.pos + 1] == "|"):
            self.pos += 2
            return ("card", self.toks[self.pos - 2])
        node = self.expr()
        self.eat("|")
        return ("abs", node)

    def supremum(self) -> Node:
        r"""``\sup_{h \in \mathcal H} body`` (the body is one factor: a bracket, ``|..|`` or a
        risk)."""
        self.take()
        self.eat("_")
        self.eat("{")
        var = self.take()
        self.eat("\\in")
        cls = self.take()
        if cls not in ("Hcal", "Fcal"):
            raise PacOut("a supremum over something other than the class")
        self.eat("}")
        if not re.fullmatch(r"[a-z]", var) or var in COUNTS:
            raise PacOut(f"a supremum over {var!r}")
        inner = EventReader("", self.bound + (var,))
        inner.toks, inner.pos, inner.sup_names = self.toks, self.pos, self.sup_names
        body = inner.unary()
        self.pos = inner.pos
        return ("sup", var, body, cls)

    def name(self) -> Node:
        w = self.take()
        if w in TRUE_RISKS | EMPIRICAL_RISKS:
            return self.risk(w)
        if w == "Hcal":
            raise PacOut("the class outside |..| or a supremum")
        if w in COUNTS:
            return ("count", w)
        if w in PARAMETERS:
            return ("par", w)
        raise PacOut(f"the name {w!r}")

    def risk(self, w: str) -> Node:
        empirical = w in EMPIRICAL_RISKS
        sub = ""
        if self.peek("_"):
            self.take()
            sub = self.take()
            if sub == "{":
                sub = self.take()
                self.eat("}")
            if sub not in _RISK_SUBS[empirical]:
                raise PacOut(f"a risk with subscript {sub!r}")
        self.eat("(")
        who = self.take()
        self.eat(")")
        where = {"hhat": ("erm",), "hstar": ("best",), "h": ("fixed",)}.get(who)
        if who in self.bound:
            where = ("var", who)
        elif who in self.sup_names:
            raise PacOut(f"a risk at {who!r} outside the supremum that binds {who!r}")
        if where is None:
            raise PacOut(f"a risk at {who!r}")
        return ("risk", empirical, where, sub, w[0])


def sup_names(toks: list[str]) -> frozenset[str]:
    r"""The names bound by a ``\sup_{h ..}`` / ``\max_{h ..}`` anywhere in ``toks``."""
    return frozenset(toks[k + 3] for k in range(len(toks) - 3)
                     if toks[k] in ("\\sup", "\\max", "sup", "max")
                     and toks[k + 1 : k + 3] == ["_", "{"])


def read_event(text: str) -> Node:
    """The event of a probability atom's argument (module doc); raises :class:`PacOut`."""
    reader = EventReader(text)
    node = reader.event()
    if not reader.done():
        raise PacOut("text after the event")
    return node


def uses(node: Any, kind: str) -> bool:
    """Whether ``node`` contains a node of ``kind`` (``"risk"``, ``"erm"``, ``"best"``,
    ``"sup"``, ``"count"``, ``"card"``)."""
    if isinstance(node, tuple):
        if node and node[0] == kind:
            return True
        return any(uses(c, kind) for c in node[1:])
    if isinstance(node, list):
        return any(uses(c, kind) for c in node)
    return False


def names_of(node: Any, kind: str) -> set[str]:
    """The names an event gives nodes of ``kind``: the parameters (``"par"``), the sample
    size (``"count"``), the class (``"card"``, ``"sup"``), the risks' subscripts
    (``"risk"``), the risks' letters ``L`` / ``R`` (``"letter"``)."""
    head, at = {"par": ("par", 1), "count": ("count", 1), "card": ("card", 1),
                "sup": ("sup", 3), "risk": ("risk", 3), "letter": ("risk", 4)}[kind]
    out: set[str] = set()
    if isinstance(node, tuple):
        if node and node[0] == head:
            out.add(node[at])
        for c in node[1:]:
            out |= names_of(c, kind)
    elif isinstance(node, list):
        for c in node:
            out |= names_of(c, kind)
    return out


def parameters(node: Any) -> set[str]:
    """The parameters (``epsilon``, ``delta``, ..) an event names."""
    return names_of(node, "par")


__all__ = ["COUNTS", "PARAMETERS", "PacOut", "names_of", "parameters", "read_event", "tokens",
           "uses"]
