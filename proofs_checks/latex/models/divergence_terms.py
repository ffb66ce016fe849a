r"""A reader of the LaTeX of one side of a step about finite measures, and its value on a
drawn instance (:mod:`.measure_models`).

What it reads (anything else raises :class:`Unread`, which keeps the model out):

* numbers, ``+ - \cdot \times /``, implicit products, ``^``, ``( ) [ ] { }`` (with
  ``\left``/``\right``/``\big`` sizes), ``\frac``/``\tfrac``/``\dfrac``, ``\sqrt``,
  ``\log``/``\ln``/``\exp``, ``|..|`` (``\log`` in the base the instance carries, ``\ln``
  natural; ``\log_2`` is not read);
* a measure name (one the text declares a probability measure or relates by ``\ll``, or an
  argument of a divergence): ``\mu(\mathcal X)`` / ``\mu(\Omega)`` its total mass;
  ``\nu[g]`` and ``\mathbb{E}_{\nu}[g]`` the integral :math:`\sum_x \nu(x) g(x)`;
* ``\frac{d\mu}{d\nu}`` the density :math:`\mu(x)/\nu(x)` (a function on the finite set);
* ``f(..)`` for a function the text declares convex (``f \text{ convex}``): the drawn convex
  function, applied pointwise;
* ``D_f(\mu, \nu)`` :math:`= \sum_x \nu(x) f(\mu(x)/\nu(x))`; ``KL(\mu, \nu)``
  :math:`= \sum_x \mu(x) \log(\mu(x)/\nu(x))`; ``TV(\mu, \nu)`` :math:`= \tfrac12 \sum_x
  |\mu(x) - \nu(x)|` (or without the 1/2: the instance carries it); ``\chi^2(\mu, \nu)``
  :math:`= \sum_x (\mu(x) - \nu(x))^2/\nu(x)`;
  ``H^2(\mu, \nu)`` :math:`= c \sum_x (\sqrt{\mu(x)} - \sqrt{\nu(x)})^2` with the
  normalisation ``c`` (1/2 or 1) the instance carries: the text rarely says which.

A term is a nested tuple; :func:`evaluate` gives an ``mpmath`` number (or a tuple of them for
a function on the finite set) at the working precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import mpmath as mp

from hallbound.proofs_checks.latex.models.kernel_integrals import (
    Evaluator,
    at_partial_integral,
    evaluate_at,
    read_partial_integral,
    read_point_density,
)
from hallbound.proofs_checks.latex.models.measure_unread import Unread

Term = tuple[Any, ...]

#: Operators of two measures the reader knows (normalised name -> kind).
DIVERGENCES = {"KL": "KL", "D_{KL}": "KL", "TV": "TV", "d_{TV}": "TV", "H^2": "H2",
               "H^{2}": "H2", "\\chi^2": "chi2", "\\chi^{2}": "chi2"}
_SIZES = re.compile(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)"
                    r"(?![A-Za-z])|\\[,;:! ]|\\quad|\\qquad|~")
_TOKEN = re.compile(r"\\[A-Za-z]+|\d+(?:\.\d+)?|\S")


@dataclass
class Context:
    """What the text declares: the measure names and the convex function names."""

    measures: set[str]
    convex: set[str] = field(default_factory=set)
    #: Markov kernels (:mod:`.kernel_terms`), and the generators ``f`` of ``D_f`` that the
    #: text does not declare convex (any function: drawn convex or not)
    kernels: set[str] = field(default_factory=set)
    free: set[str] = field(default_factory=set)


def _normalise(text: str) -> str:
    text = _SIZES.sub(" ", text)
    text = re.sub(r"\\\||\\parallel(?![A-Za-z])|\|\|", r" \\Vert ", text)
    text = re.sub(r"\\mathbb\s*(?:\{\s*E\s*\}|E)", r"\\E ", text)
    text = re.sub(r"\\(?:operatorname\*?|mathrm|text)\s*\{\s*(\\?[A-Za-z]+(?:\^\{?2\}?)?)\s*\}",
                  lambda m: "\\op{" + m.group(1).replace("{", "").replace("}", "")
                  .lstrip("\\") + "}", text)
    text = re.sub(r"\\mathcal\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))",
                  lambda m: "\\cal{" + (m.group(1) or m.group(2)) + "}", text)
    text = re.sub(r"\\(?:tfrac|dfrac)", r"\\frac", text)
    return re.sub(r"\\frac\s*(\d)\s*(\d)", r"\\frac{\1}{\2}", text)


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` (sizes dropped; ``\\operatorname{X}`` -> ``op:X``,
    ``\\mathcal X`` -> ``cal:X``, ``\\mathbb{E}`` -> ``\\E``)."""
    text = _normalise(text)
    out: list[str] = []
    pos = 0
    for m in re.finditer(r"\\op\{([^{}]*)\}|\\cal\{([A-Za-z])\}", text):
        out += _TOKEN.findall(text[pos:m.start()])
        out.append("op:" + m.group(1) if m.group(1) is not None else "cal:" + m.group(2))
        pos = m.end()
    return out + _TOKEN.findall(text[pos:])


def _name(tok: str) -> str:
    return tok.lstrip("\\")


class Reader:
    """Recursive descent over the tokens of one side (module doc)."""

    def __init__(self, text: str, ctx: Context) -> None:
        self.toks, self.pos, self.ctx = tokens(text), 0, ctx
        self.used: set[str] = set()
        #: the index of the enclosing ``\\sum_x`` over the points, if any
        self.point: str | None = None

    def peek(self, k: int = 0) -> str | None:
        i = self.pos + k
        return self.toks[i] if i < len(self.toks) else None

    def take(self, want: str | None = None) -> str:
        t = self.peek()
        if t is None or (want is not None and t != want):
            raise Unread(f"expected {want or 'more'} at {' '.join(self.toks[self.pos:][:4])!r}")
        self.pos += 1
        return t

    def read(self) -> Term:
        out = self.expr()
        if self.peek() is not None:
            raise Unread(f"cannot read {' '.join(self.toks[self.pos:][:6])!r}")
        return out

    def expr(self) -> Term:
        out = ("neg", self.term()) if self._sign() else self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            right = self.term()
            out = ("add", out, ("neg", right) if op == "-" else right)
        return out

    def _sign(self) -> bool:
        if self.peek() in ("-", "+"):
            return self.take() == "-"
        return False

    def term(self) -> Term:
        out = self.power()
        while True:
            t = self.peek()
            if t in ("\\cdot", "\\times", "*"):
                self.take()
                out = ("mul", out, self.power())
            elif t == "/":
                self.take()
                out = ("div", out, self.power())
            elif t is not None and t not in ("+", "-", ")", "]", "}", ",", "|", "\\}"):
                out = ("mul", out, self.power())
            else:
                return out

    def power(self) -> Term:
        base = self.atom()
        if self.peek() == "^":
            self.take()
            base = ("pow", base, self.group())
        return base

    def group(self) -> Term:
        """A braced group or one token (an exponent, a \\frac argument)."""
        t = self.peek()
        if t == "{":
            self.take()
            out = self.expr()
            self.take("}")
            return out
        if t is not None and re.fullmatch(r"\d+", t):
            self.take()
            return ("num", int(t))
        return self.atom()

    def root(self) -> Term:
        r"""``\sqrt{x}`` and ``\sqrt[k]{x}`` (:math:`x^{1/k}`, ``k`` a whole number >= 2;
        any other index raises :class:`Unread`): the index is never a factor."""
        if self.peek() != "[":
            return ("sqrt", self.group())
        self.take("[")
        index = self.peek()
        if index is None or not re.fullmatch(r"\d+", index) or int(index) < 2:
            raise Unread(f"root index {index!r} not read")
        self.take()
        self.take("]")
        return ("pow", self.group(), ("div", ("num", 1), ("num", int(index))))

    def atom(self) -> Term:
        t = self.peek()
        if t is None:
            raise Unread("the side ends early")
        if re.fullmatch(r"\d+(?:\.\d+)?", t):
            self.take()
            return ("num", mp.mpf(t) if "." in t else int(t))
        if t in ("(", "[", "{"):
            close = {"(": ")", "[": "]", "{": "}"}[self.take()]
            out = self.expr()
            self.take(close)
            return out
        if t == "|":
            self.take()
            out = self.expr()
            self.take("|")
            return ("abs", out)
        if t == "\\frac":
            return self.frac()
        if t == "\\sqrt":
            self.take()
            return self.root()
        if t in ("\\log", "\\ln", "\\exp"):
            self.take()
            return ({"\\exp": "exp", "\\ln": "ln"}.get(t, "log"), self.power())
        if t in ("\\E", "op:E"):
            return self.expectation()
        if t == "\\sum":
            return self.point_sum()
        if t == "\\int":
            return self.integral()
        return self.named()

    def integral(self) -> Term:
        r"""``\int g \, d\mu``, ``\int_{\mathcal X} g(x) \, d\mu(x)``: the sum of ``g``
        weighted by the masses of ``\mu`` (the integrating measure written ``d\mu``,
        ``\mathrm{d}\mu`` or ``d\mu(x)``)."""
        if at_partial_integral(self):  # \int_x g \partial\mu (:mod:`.kernel_integrals`)
            return read_partial_integral(self)
        self.take("\\int")
        if self.point is not None:
            raise Unread("an integral inside a sum or an integral")
        if self.peek() == "_":
            self.take()
            sub = [self.take()]
            if sub[0] == "{":
                while sub[-1] != "}":
                    sub.append(self.take())
                sub = sub[1:-1]
            if sub not in (["cal:X"], ["\\Omega"]) and not (
                    len(sub) == 3 and sub[1] == "\\in" and sub[2] in ("cal:X", "\\Omega")):
                raise Unread("an integral over a set other than the whole space")
            if len(sub) == 3:
                self.point = sub[0]
        if self.point is None:
            self.point = "x"
        try:
            factors = []
            while not self._at_measure_differential():
                if self.peek() in (None, "+", "-", ")", "]", "}", ","):
                    raise Unread("an integral without d\\mu")
                factors.append(self.power())
            measure = self._differential()
        finally:
            self.point = None
        if not factors:
            raise Unread("an integral with nothing to integrate")
        body = factors[0]
        for f in factors[1:]:
            body = ("mul", body, f)
        return ("int", measure, body)

    def _at_measure_differential(self) -> bool:
        t, u = self.peek(), self.peek(1)
        return t in ("d", "op:d") and u is not None and _name(u) in self.ctx.measures

    def _differential(self) -> str:
        self.take()
        name = _name(self.take())
        if self.peek() == "(" and self.peek(1) == self.point and self.peek(2) == ")":
            self.pos += 3
        self.used.add(name)
        return name

    def point_sum(self) -> Term:
        r"""``\sum_x g`` or ``\sum_{x \in \mathcal X} g``: the sum over the points of the
        finite set, ``\mu(x)`` in ``g`` the mass of ``\mu`` at ``x``."""
        self.take("\\sum")
        self.take("_")
        if self.point is not None:
            raise Unread("a sum inside a sum over the points")
        if self.peek() == "{":
            self.take()
            index = self.take()
            if self.peek() == "\\in":
                self.take()
                if self.take() not in ("cal:X", "\\Omega"):
                    raise Unread("a sum over a set other than the whole space")
            self.take("}")
        else:
            index = self.take()
        if not re.fullmatch(r"[a-z]|\\omega", index) or self.peek() == "^":
            raise Unread("a sum that is not over the points of the space")
        self.point = index
        try:
            body = self.term()
        finally:
            self.point = None
        return ("sum", body)

    def frac(self) -> Term:
        self.take("\\frac")
        start = self.pos
        at_points = read_point_density(self)  # d\mu/d\nu (x) inside a \partial integral
        if at_points is not None:
            return at_points
        dens = self._density()
        if dens is not None:
            return dens
        self.pos = start
        num = self.group()
        return ("div", num, self.group())

    def _density(self) -> Term | None:
        r"""``\frac{d\mu}{d\nu}`` for two measures, or None."""
        toks = self.toks[self.pos:self.pos + 8]
        if (len(toks) >= 8 and toks[0] == "{" and toks[1] == "d" and toks[3] == "}"
                and toks[4] == "{" and toks[5] == "d" and toks[7] == "}"):
            a, b = _name(toks[2]), _name(toks[6])
            if a in self.ctx.measures and b in self.ctx.measures:
                self.pos += 8
                self.used |= {a, b}
                if (self.point is not None and self.peek() == "(" and self.peek(1) == self.point
                        and self.peek(2) == ")"):
                    self.pos += 3  # the density at the point of the sum or integral
                return ("density", a, b)
        return None

    def expectation(self) -> Term:
        self.take()
        if self.peek() != "_":
            raise Unread("an expectation without its measure")
        self.take("_")
        m = self.group()
        if m[0] != "measure":
            raise Unread("an expectation under something other than a measure")
        self.take("[")
        g = self.expr()
        self.take("]")
        return ("int", m[1], g)

    def named(self) -> Term:
        t = self.take()
        name = t[3:] if t.startswith("op:") else _name(t)
        if t.startswith("op:") or name in ("KL", "TV", "D", "H", "chi"):
            div = self._divergence(name)
            if div is not None:
                return div
        if name in self.ctx.measures and not t.startswith(("op:", "cal:")):
            self.used.add(name)
            return self._measure(name)
        if name in self.ctx.convex and self.peek() == "(":
            self.used.add(name)
            self.take("(")
            arg = self.expr()
            self.take(")")
            return ("apply", name, arg)
        raise Unread(f"{t!r} is not a measure, a divergence or a declared convex function")

    def _measure(self, name: str) -> Term:
        if self.peek() == "[":
            self.take()
            g = self.expr()
            self.take("]")
            return ("int", name, g)
        if self.point is not None and self.peek() == "(" and self.peek(1) == self.point \
                and self.peek(2) == ")":
            self.pos += 3
            return ("masses", name)
        if self.peek() == "(" and self.peek(2) == ")":
            space = self.peek(1)
            if space in ("cal:X", "\\Omega", "cal:Omega"):
                self.pos += 3
                return ("mass", name)
        return ("measure", name)

    def _divergence(self, name: str) -> Term | None:
        """``KL(a, b)``, ``D_f(a, b)``, ``TV^2(a, b)``, ``H^2(a, b)``; None if not one."""
        start = self.pos
        sub = ""
        if self.peek() == "_":
            self.take()
            sub = self.take()
            if sub == "{":
                sub = self.take()
                self.take("}")
            sub = _name(sub[3:] if sub.startswith("op:") else sub)
        head = {"D": f"D_{sub}", "chi": "\\chi", "d": f"d_{sub}"}.get(name, name)
        if name == "D" and sub == "KL":
            head = "KL"
        elif name != "D" and sub:
            head = f"{name}_{{{sub}}}"
        if self.peek() == "^" and head in ("H", "\\chi"):
            self.take()
            head += "^" + _name(self.take())
        kind = DIVERGENCES.get(head)
        if head.startswith("D_") and sub in self.ctx.convex | self.ctx.free:
            kind = "Df"
            self.used.add(sub)
        if kind is None:
            self.pos = start
            return None
        power = None
        if self.peek() == "^":
            self.take()
            power = self.group()
        args = self._two_measures()
        out: Term = ("div_" + kind, args[0], args[1], sub)
        if len(args) == 3:  # D(kappa, eta | mu)
            out = ("cdiv_" + kind, args[0][1], args[1][1], sub, args[2])
        return ("pow", out, power) if power is not None else out

    def _two_measures(self) -> tuple[Any, ...]:
        """The arguments ``(a, b)`` of a divergence, each a measure's name or a law of
        :mod:`.kernel_terms` on the same space; ``(kappa, eta, mu)`` for a conditional one."""
        from hallbound.proofs_checks.latex.models.kernel_terms import dimension, read_argument

        self.take("(")
        args = [read_argument(self, (",", "\\Vert", "\\mid"))]
        if self.take() in ("\\Vert", "\\mid") and dimension(args[0]) == 0:
            raise Unread("a kernel before \\| in a divergence")
        args.append(read_argument(self, (")", "\\mid", "|")))
        if self.take() != ")":
            args.append(read_argument(self, (")",)))
            self.take(")")
            if dimension(args[0]) or dimension(args[1]) or dimension(args[2]) != 1:
                raise Unread("a conditional divergence that is not D(kernel, kernel | measure)")
        elif dimension(args[0]) != dimension(args[1]) or not dimension(args[0]):
            raise Unread("a divergence of laws on different spaces, or of a kernel")
        self.used |= {a for a in args if isinstance(a, str)}
        return tuple(args)


def measure_names(text: str) -> set[str]:
    r"""The names that a divergence of ``text`` takes as its arguments (``KL(\mu, \nu)``:
    ``mu``, ``nu``): they are measures by the notation."""
    toks = tokens(text)
    out: set[str] = set()
    for i, t in enumerate(toks):
        head = t[3:] if t.startswith("op:") else _name(t)
        if head not in ("KL", "TV", "H^2", "D", "H", "chi", "Hsq"):
            continue
        j = toks.index("(", i) if "(" in toks[i:i + 6] else -1
        if j < 0 or j + 4 >= len(toks) or toks[j + 2] != "," or toks[j + 4] != ")":
            continue
        out |= {_name(toks[j + 1]), _name(toks[j + 3])}
    return {n for n in out if re.fullmatch(r"[A-Za-z]+", n)}


@dataclass
class Instance:
    """Measures on ``{0..size-1}`` (masses), the drawn convex functions, the normalisation
    of H^2, and how each was drawn (for the report)."""

    masses: dict[str, tuple[Any, ...]]
    functions: dict[str, tuple[str, Any]]
    hellinger: Any = mp.mpf(1) / 2
    #: TV = tv * sum |mu - nu| (1/2, or 1 for the L1 convention)
    tv: Any = mp.mpf(1) / 2
    #: the logarithm of the base of KL and of ``\log`` (1: nats; log 2: bits); ``\ln`` is
    #: always natural
    kl_unit: Any = mp.mpf(1)
    log_unit: Any = mp.mpf(1)
    #: Markov kernels: ``kernels[name][x][y]`` (:mod:`.kernel_terms`)
    kernels: dict[str, tuple[tuple[Any, ...], ...]] = field(default_factory=dict)


def _lift(op: Any, a: Any, b: Any) -> Any:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return tuple(op(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, tuple):
        return tuple(op(x, b) for x in a)
    if isinstance(b, tuple):
        return tuple(op(a, y) for y in b)
    return op(a, b)


def _map(fn: Any, a: Any) -> Any:
    return tuple(fn(x) for x in a) if isinstance(a, tuple) else fn(a)


def _divergence(kind: str, p: tuple, q: tuple, inst: Instance, sub: str) -> Any:
    if kind == "Df":
        f = inst.functions[sub][1]
        return mp.fsum(y * f(x / y) for x, y in zip(p, q, strict=True))
    if kind == "KL":
        return mp.fsum(x * mp.log(x / y) for x, y in zip(p, q, strict=True)) / inst.kl_unit
    if kind == "TV":
        return inst.tv * mp.fsum(abs(x - y) for x, y in zip(p, q, strict=True))
    if kind == "chi2":
        return mp.fsum((x - y) ** 2 / y for x, y in zip(p, q, strict=True))
    return inst.hellinger * mp.fsum((mp.sqrt(x) - mp.sqrt(y)) ** 2
                                    for x, y in zip(p, q, strict=True))


#: The one-argument operations of a read term, by its head.
_UNARY = {
    "neg": lambda x, inst: -x,
    "abs": lambda x, inst: abs(x),
    "sqrt": lambda x, inst: mp.sqrt(x),
    "ln": lambda x, inst: mp.log(x),
    "log": lambda x, inst: mp.log(x) / inst.log_unit,  # the base the instance's convention fixes
    "exp": lambda x, inst: mp.exp(x),
}


def evaluate(term: Term, inst: Instance) -> Any:
    """The value of ``term`` on ``inst`` at mpmath's working precision."""
    head = term[0]
    if head == "num":
        return mp.mpf(term[1])
    if head in ("add", "mul", "div", "pow"):
        a, b = evaluate(term[1], inst), evaluate(term[2], inst)
        op = {"add": lambda x, y: x + y, "mul": lambda x, y: x * y,
              "div": lambda x, y: x / y, "pow": lambda x, y: x ** y}[head]
        return _lift(op, a, b)
    if head in _UNARY:
        fn = _UNARY[head]
        return _map(lambda x: fn(x, inst), evaluate(term[1], inst))
    if head == "density":
        p, q = inst.masses[term[1]], inst.masses[term[2]]
        return tuple(x / y for x, y in zip(p, q, strict=True))
    if head == "masses":
        return inst.masses[term[1]]
    if head == "pint":
        return evaluate_at(term, inst, {}, _EVALUATOR)
    if head == "sum":
        body = evaluate(term[1], inst)
        size = len(next(iter(inst.masses.values())))
        return mp.fsum(body) if isinstance(body, tuple) else body * size
    if head == "mass":
        return mp.fsum(inst.masses[term[1]])
    if head == "int":
        g, m = evaluate(term[2], inst), inst.masses[term[1]]
        return mp.fsum(w * v for w, v in zip(m, g, strict=True)) if isinstance(
            g, tuple) else g * mp.fsum(m)
    if head == "apply":
        return _map(inst.functions[term[1]][1], evaluate(term[2], inst))
    if head.startswith("div_"):
        from hallbound.proofs_checks.latex.models.kernel_terms import argument_law

        p, q = argument_law(term[1], inst), argument_law(term[2], inst)
        return _divergence(head[4:], p, q, inst, term[3])
    if head.startswith("cdiv_"):  # sum_x mu(x) D(kappa(x, .), eta(x, .))
        from hallbound.proofs_checks.latex.models.kernel_terms import argument_law

        rows, other, m = inst.kernels[term[1]], inst.kernels[term[2]], argument_law(
            term[4], inst)
        return mp.fsum(w * _divergence(head[5:], a, b, inst, term[3])
                       for w, a, b in zip(m, rows, other, strict=True))
    raise Unread(f"a bare measure {term[1]!r} where a number is needed")


#: The evaluator :func:`.kernel_integrals.evaluate_at` falls back on (terms with no bound point).
_EVALUATOR = Evaluator(evaluate, _UNARY, _divergence)


__all__ = ["Context", "Instance", "Reader", "Unread", "evaluate", "measure_names", "tokens"]
