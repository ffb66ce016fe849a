r"""Assumptions about functions and finite sets in ``% hb: assume`` (read, not yet used).

Forms read (a general grammar: names, a class word list, a quantifier, a set):

* a *function class*: ``f \text{ convex}``, ``f \text{ is convex}``, ``f, g \text{ are convex
  and increasing}``; the words are :data:`CLASS_WORDS` (``convex``, ``concave``,
  ``increasing``, ``decreasing``, ``nondecreasing``, ``nonincreasing``, ``nonnegative``,
  ``positive``, with ``strictly``/``non-``/``monotone`` spellings);
* a *quantified relation*: ``f(x) \le q_k(x) \ \forall x``, ``\forall x: f(x) \le g(x)``,
  ``a(s) = a(u) \text{ for all } s, u > 0``, ``\forall x \in \mathbb{R}``: one relation
  between expressions of the bound variables, for every real value of them (or every value
  above / below a number, when the list ends with one such bound);
* a *minimiser*: ``v \in \argmin_x E(x)`` (``\operatorname{arg\,min}``, ``\arg\min``) is
  :math:`E(v) \le E(x)` for all :math:`x`; ``\argmax`` likewise with :math:`\ge`;
* a *finite set*: ``y \in \{-1, 1\}`` (the variable takes one of the values) and
  ``h(x) \in \{-1, 1\}`` (every value of the function ``h`` is one of them);
* ``\lambda \succeq 0`` for a scalar: ``\lambda \ge 0`` (and ``\preceq`` as ``\le``).

Each name a function fact is about is a function in the environment (as ``% hb: function``
declares it: :func:`declare_functions`). What does not match stays with the other readers of
``assume``, which refuse what they cannot read (never dropped in silence)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

#: Class words (after lower-casing, spaces/hyphens removed) -> the property they state.
CLASS_WORDS: dict[str, str] = {
    "convex": "convex",
    "concave": "concave",
    "increasing": "increasing",
    "strictlyincreasing": "increasing",
    "decreasing": "decreasing",
    "strictlydecreasing": "decreasing",
    "nondecreasing": "nondecreasing",
    "monotoneincreasing": "nondecreasing",
    "monotonicallyincreasing": "nondecreasing",
    "weaklyincreasing": "nondecreasing",
    "nonincreasing": "nonincreasing",
    "monotonedecreasing": "nonincreasing",
    "monotonicallydecreasing": "nonincreasing",
    "weaklydecreasing": "nonincreasing",
    "nonnegative": "nonnegative",
    "positive": "positive",
}


@dataclass(frozen=True)
class FunctionClass:
    """``names`` (parser names, ``q_k``) each have every property of ``props``."""

    names: tuple[str, ...]
    props: frozenset[str]
    text: str


@dataclass(frozen=True)
class ForAll:
    r"""``lhs OP rhs`` for every value of the ``bound`` variables (LaTeX); ``lo``/``hi``
    (with ``strict``) bound the variables when the text does (``\sigma > 0``). A minimiser
    (``v \in \argmin_x E``) has ``point`` = the LaTeX of ``v`` and ``lhs = rhs = E``, ``op`` =
    ``<=`` (``>=`` for argmax): :math:`E(v) \mathrel{op} E(x)` for every ``x``."""

    lhs: str
    op: str
    rhs: str
    bound: tuple[str, ...]
    text: str
    lo: Fraction | None = None
    hi: Fraction | None = None
    strict: bool = False
    point: str | None = None


@dataclass(frozen=True)
class FiniteSet:
    """``subject`` (a variable, or a function value ``h(x)`` when ``function`` names ``h``)
    takes only the ``values``."""

    subject: str
    values: tuple[Fraction, ...]
    function: str | None
    text: str


Fact = FunctionClass | ForAll | FiniteSet

_NAME = r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?"
_CLASS = re.compile(
    rf"(?P<names>{_NAME}(?:\s*,\s*{_NAME})*)\s*"
    r"\\text\{\s*(?:(?:is|are|be)\s+)?(?P<words>[A-Za-z\- ,]+?)\s*\}\s*$"
)
_FORALL_TAIL = re.compile(
    r"(?:\\[,;:! ]|\\q?quad\b|~|\s)*(?:\\forall\b|\\text\{\s*for\s+(?:all|every|each)\s*\})"
    r"\s*(?P<vars>[^{}]*?)\s*$"
)
_FORALL_HEAD = re.compile(
    r"^\s*\\forall\s*(?P<vars>[^:,]*?(?:\\in\s*\\mathbb\{R\})?)\s*(?::|,|\\colon|\\quad|\\,|\\;)"
    r"\s*(?P<rel>.+)$"
)
_ARG = (r"(?:\\argmin|\\argmax|\\arg\s*\\(?:min|max)|"
        r"\\operatorname\*?\{\s*arg\s*(?:\\,)?\s*(?:min|max)\s*\})")
_MINIMISER = re.compile(
    rf"^(?P<point>.+?)\s*\\in\s*(?P<op>{_ARG})\s*_\s*(?:\{{(?P<x1>[^{{}}]+)\}}|(?P<x2>\\?[A-Za-z]+))"
    r"\s*(?P<expr>.+)$"
)
_SET = re.compile(r"^(?P<subject>.+?)\s*\\in\s*\\\{(?P<values>[^{}]*)\\\}\s*$")
_SUCCEQ = re.compile(r"^(?P<name>[^<>=]+?)\s*\\(?P<op>succeq|preceq)\s*0\s*$")
_APPLIED = re.compile(
    r"(?:\\(?P<deco>hat|bar|tilde|widehat|widetilde|check|mathcal|mathscr|mathfrak)\s*"
    r"(?:\{\s*(?P<inner>\\?[A-Za-z]+)\s*\}|\s(?P<bare>\s*\\?[A-Za-z])))?"
    r"(?(deco)|(?P<name>\\?[A-Za-z]+))(?P<sub>_\{?[A-Za-z0-9]+\}?)?\s*\("
)
_RELATION = re.compile(r"\\l(?:e|eq|eqslant)\b|\\g(?:e|eq|eqslant)\b|<|>|=")


def parser_name(text: str) -> str:
    r"""The parser's name of a LaTeX name: ``q_{k}`` / ``q_k`` -> ``q_k``, ``\phi`` -> ``phi``."""
    m = re.fullmatch(r"\s*\\?(?P<base>[A-Za-z]+)(?:_\{?(?P<sub>[A-Za-z0-9]+)\}?)?\s*", text)
    if m is None:
        raise ValueError(f"text must be one name such as f or q_k, got {text!r}")
    return m.group("base") + (f"_{m.group('sub')}" if m.group("sub") else "")


def class_props(words: str) -> frozenset[str] | None:
    """The properties a class phrase states (``convex and increasing``), None when a word
    of it is not a class word."""
    props = set()
    for w in re.split(r"\s*(?:,|\band\b)\s*", words.strip()):
        key = re.sub(r"[\s\-]+", "", w.lower())
        if not key:
            continue
        if key not in CLASS_WORDS:
            return None
        props.add(CLASS_WORDS[key])
    return frozenset(props) or None


def _bound_vars(text: str) -> tuple[tuple[str, ...], Fraction | None, Fraction | None, bool]:
    r"""``x``, ``x \in \mathbb{R}``, ``s, u > 0``, ``x \ge 1``: the bound names and their
    common bounds; ValueError when the list is not of that form."""
    t = re.sub(r"\\in\s*\\mathbb\{R\}\s*$", "", text.strip()).strip()
    lo = hi = None
    strict = False
    m = re.search(r"(?P<op>>|<|\\geq?|\\leq?|\\ge|\\le)\s*(?P<num>-?\d+(?:/\d+)?)\s*$", t)
    if m:
        value = Fraction(m.group("num"))
        strict = m.group("op") in "<>"
        if m.group("op") in (">", "\\ge", "\\geq"):
            lo = value
        else:
            hi = value
        t = t[: m.start()]
    names = tuple(n.strip() for n in t.split(",") if n.strip())
    if not names or not all(re.fullmatch(_NAME + r"'*", n) for n in names):
        raise ValueError(f"no bound variable in {text!r}")
    return names, lo, hi, strict


def _relation(text: str) -> tuple[str, str, str] | None:
    """``lhs OP rhs`` of one relation (outside brackets), None when not exactly one."""
    depth, found = 0, []
    i = 0
    while i < len(text):
        c = text[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0 and (m := _RELATION.match(text, i)):
            found.append(m)
            i = m.end()
            continue
        i += 2 if c == "\\" else 1
    if len(found) != 1:
        return None
    m = found[0]
    op = {"<": "<", ">": ">", "=": "="}.get(m.group(0))
    if op is None:
        op = "<=" if m.group(0).startswith("\\l") else ">="
    lhs, rhs = text[: m.start()].strip(), text[m.end() :].strip()
    return (lhs, op, rhs) if lhs and rhs else None


def read_fact(item: str) -> Fact | None:
    """The function fact an ``assume`` item states, None when it is none of the forms."""
    text = item.strip()
    if m := _CLASS.match(text):
        props = class_props(m.group("words"))
        if props is None:
            return None
        try:
            names = tuple(parser_name(n) for n in m.group("names").split(","))
        except ValueError:
            return None
        return FunctionClass(names, props, text)
    if m := _MINIMISER.match(text):
        x = (m.group("x1") or m.group("x2")).strip()
        op = "<=" if "min" in m.group("op") else ">="
        if not re.fullmatch(_NAME, x):
            return None
        bound = (x,)
        expr = m.group("expr").strip()
        return ForAll(expr, op, expr, bound, text, point=m.group("point").strip())
    if m := _SET.match(text):
        try:
            values = tuple(Fraction(v.strip()) for v in m.group("values").split(","))
        except ValueError:
            return None
        subject = m.group("subject").strip()
        app = applied_names(subject) if subject.endswith(")") else set()
        func = next(iter(app)) if len(app) == 1 else None
        if func is None:
            try:
                parser_name(subject)
            except ValueError:
                return None
        return FiniteSet(subject, values, func, text)
    return _quantified(text)


def _quantified(text: str) -> ForAll | None:
    """``REL \\forall x`` / ``\\forall x: REL`` (see the module doc)."""
    rel_text = vars_text = None
    if m := _FORALL_HEAD.match(text):
        rel_text, vars_text = m.group("rel"), m.group("vars")
    elif m := _FORALL_TAIL.search(text):
        rel_text, vars_text = text[: m.start()], m.group("vars")
    if rel_text is None or vars_text is None:
        return None
    rel = _relation(rel_text.strip().rstrip(",").rstrip("\\").strip())
    if rel is None:
        return None
    try:
        names, lo, hi, strict = _bound_vars(vars_text)
    except ValueError:
        return None
    return ForAll(rel[0], rel[1], rel[2], names, text, lo, hi, strict)


_CMP = r"\\geq?(?:slant)?|\\leq?(?:slant)?|>|<"
#: a bound: any text without a relation or a comma (``1``, ``1/2``, ``-\\frac{1}{2}``, ``c^2``)
_NUM = r"(?:(?!\\[gl]eq?(?:slant)?(?![A-Za-z])|<|>|=|,).)+?"
_SIGN = re.compile(rf"^(?:(?P<lo>{_NUM})\s*(?P<op0>{_CMP})\s*)?(?P<name>{_NAME})\s*"
                   rf"(?P<op>{_CMP})\s*(?P<bound>{_NUM})\s*$")
#: ``c \le f`` (the bound first): read as ``f \ge c``
_SIGN_REV = re.compile(rf"^(?P<bound>{_NUM})\s*(?P<op>{_CMP})\s*(?P<name>{_NAME})\s*$")
_FLIP = {"<": ">", ">": "<"}


def function_sign(item: str, hyp: Any) -> FunctionClass | str | None:
    r"""``f \ge 0`` (``f > 0``) of a name the environment's rows apply to arguments and
    never use as a number (``hyp.row_use``, :func:`row_evidence`): the class ``f
    nonnegative`` (``positive``), a fact about every value of ``f``. Any other bound on such
    a name (``f \le 0``, ``f \ge 1``, ``f < c``, ``0 \le f \le 1``): an error text (refused,
    never read of a number ``f`` with ``f(a)`` a product).
    A name the rows also use as a number, or declared ``% hb: variable``, stays a number
    (``f(a)`` then multiplies); a sign on a name with no evidence of a function
    (:func:`_function_evidence`: ``c > 0`` of a ``c(x)``) is refused. None for any other
    item."""
    m = _SIGN.match(item.strip()) or _SIGN_REV.match(item.strip())
    use = getattr(hyp, "row_use", None)
    if m is None or use is None:
        return None
    try:
        name = parser_name(m.group("name"))
    except ValueError:
        return None
    if name not in use.applied or name in use.standalone or name in hyp.variables:
        return None  # a number (``2^p (a + b)``, ``x(1 - x)``: a product by the rows' use)
    if not _function_evidence(name, use, hyp):
        return (f"assume: {item.strip()!r} of {name}, which the display applies to one "
                f"argument: a number {name} times it or a function {name}? declare "
                f"'% hb: function {name}' or '% hb: variable {name}': not read")
    op = m.group("op")
    if m.re is _SIGN_REV:  # ``0 \le f`` is ``f \ge 0``
        op = _FLIP.get(op) or ("\\ge" if op.startswith("\\l") else "\\le")
    two_sided = m.re is _SIGN and m.group("lo") is not None
    zero = re.sub(r"\s", "", m.group("bound")) in ("0", "+0", "-0")
    if two_sided or not zero or op.startswith(("\\l", "<")):
        return (f"assume: {item.strip()!r} of {name}, which the display applies to arguments "
                "(a bound on every value of a function?): not read")
    word = "positive" if op == ">" else "nonnegative"
    return FunctionClass((name,), frozenset({word}), item.strip())


def _function_evidence(name: str, use: Any, hyp: Any) -> bool:
    """Whether a sign on ``name`` (applied in the rows, never a number there) is a sign of a
    function: declared ``% hb: function``, a conventional function letter (``f``, ``g``,
    ``\\varphi``) or applied to two different arguments in the rows or the document. A
    ``c > 0`` of a ``c(x)`` is else a constant times ``x`` as much as a function value."""
    from hallbound.proofs_checks.latex.math_atoms import CONVENTIONAL_FUNCTIONS

    if name in hyp.functions or name.lstrip("\\") in CONVENTIONAL_FUNCTIONS:
        return True
    doc = getattr(hyp, "document", None)
    args = set(use.applied.get(name, set()))
    if doc is not None and name not in doc.standalone:
        args |= doc.applied.get(name, set())
    return len(args) >= 2


def row_evidence(texts: list[str]) -> Any:
    """How the rows ``texts`` use each name (:func:`.math_names.scan_evidence`)."""
    from hallbound.proofs_checks.latex.math_names import Evidence, scan_evidence
    from hallbound.proofs_checks.latex.math_tokens import tokenize

    ev = Evidence()
    for text in texts:
        try:
            ev.merge(scan_evidence(tokenize(text)))
        except Exception:  # noqa: BLE001 - a row the tokenizer refuses says nothing here
            continue
    return ev


def scalar_order(item: str) -> str | None:
    r"""``\lambda \succeq 0`` -> ``\lambda \ge 0`` (``\preceq`` -> ``\le``); None otherwise."""
    m = _SUCCEQ.match(item.strip())
    if m is None:
        return None
    op = "\\ge" if m.group("op") == "succeq" else "\\le"
    return f"{m.group('name').strip()} {op} 0"


def applied_names(text: str) -> set[str]:
    """The parser names of the letters applied to a ``(..)`` group in ``text`` (``\\hat
    L(..)`` -> ``Lhat``, ``\\mathcal{L}(..)`` -> ``Lcal``)."""
    from hallbound.proofs_checks.latex.math_names import styled_name

    out = set()
    for m in _APPLIED.finditer(text):
        sub = m.group("sub") or ""
        if m.group("deco"):
            inner = (m.group("inner") or m.group("bare")).strip()
            name = styled_name(m.group("deco"), inner) or inner.lstrip("\\") + m.group("deco")
            out.add(parser_name(name + sub) if sub else name)
            continue
        if m.group("name").startswith("\\") and m.group("name")[1:] in _NOT_FUNCTIONS:
            continue
        out.add(parser_name(m.group("name") + sub))
    return out


#: Commands that are no function letters (``\log(x)``, ``\left(``).
_NOT_FUNCTIONS = frozenset(
    "left right big Big bigg Bigg log ln exp sin cos tan sqrt frac max min sup inf".split()
)


def declared_functions(fact: Fact) -> set[str]:
    """The names a fact makes functions: a class's names, a finite range's function, and the
    letters a quantified relation applies to its bound variables."""
    if isinstance(fact, FunctionClass):
        return set(fact.names)
    if isinstance(fact, FiniteSet):
        return {fact.function} if fact.function else set()
    return applied_names(fact.lhs) | applied_names(fact.rhs)




def take_facts(items: list[tuple[str, int]], hyp: Any) -> list[tuple[str, int]]:
    """Read the function facts among an ``assume`` directive's items into ``hyp.facts``
    (their functions into ``hyp.functions``, a finite set's variable into its domain's
    interval); the other items, in order, for the other readers (``\\lambda \\succeq 0``
    rewritten as ``\\lambda \\ge 0``). Bare names before a fact share it: ``f, g \\text{
    convex}``, ``y, h(x) \\in \\{-1, 1\\}``."""
    out: list[tuple[str, int]] = []
    waiting: list[tuple[str, int]] = []
    for item, at in items:
        text = item.strip()
        if re.fullmatch(_NAME, text):
            waiting.append((item, at))
            continue
        if (order := scalar_order(text)) is not None:
            out.extend(waiting)
            waiting = []
            out.append((order, at))
            continue
        sign = function_sign(text, hyp)
        if sign is not None:
            out.extend(waiting)
            waiting = []
            if isinstance(sign, str):
                hyp.errors.append((at, sign))
            else:
                _record(sign, hyp)
                hyp.stated.append(text)
            continue
        fact = read_fact(text)
        if fact is None:
            out.extend(waiting)
            waiting = []
            out.append((item, at))
            continue
        facts = [fact]
        if isinstance(fact, FunctionClass) and waiting:
            names = tuple(parser_name(w) for w, _ in waiting) + fact.names
            facts = [FunctionClass(names, fact.props, fact.text)]
        elif isinstance(fact, FiniteSet):
            facts += [FiniteSet(w.strip(), fact.values, None, fact.text) for w, _ in waiting]
        elif waiting:
            out.extend(waiting)
        waiting = []
        for f in facts:
            _record(f, hyp)
        hyp.stated.append(text)
    out.extend(waiting)
    return out


def _record(fact: Fact, hyp: Any) -> None:
    """Add one fact to ``hyp`` (a variable's finite set also bounds its domain: the
    interval of its values, integer when they all are)."""
    hyp.facts.append(fact)
    hyp.functions |= declared_functions(fact)
    if isinstance(fact, FiniteSet) and fact.function is None:
        name = parser_name(fact.subject)
        dom = hyp.domain(name)
        dom.tighten_lo(float(min(fact.values)), False)
        dom.tighten_hi(float(max(fact.values)), False)
        if all(v.denominator == 1 for v in fact.values):
            dom.integer = True


def prescan_functions(items: list[tuple[str, int]], hyp: Any) -> None:
    """The functions an ``assume`` directive's facts declare (its top-level ``items``),
    added to ``hyp.functions`` before any directive is read (a fact may follow the relation
    that uses its function)."""
    for item, _ in items:
        fact = read_fact(item)
        sign = function_sign(item, hyp)
        if isinstance(sign, FunctionClass):
            fact = sign
        if fact is not None:
            hyp.functions |= declared_functions(fact)


__all__ = [
    "CLASS_WORDS",
    "Fact",
    "FiniteSet",
    "ForAll",
    "FunctionClass",
    "applied_names",
    "class_props",
    "declared_functions",
    "function_sign",
    "parser_name",
    "read_fact",
    "prescan_functions",
    "row_evidence",
    "scalar_order",
    "take_facts",
]
