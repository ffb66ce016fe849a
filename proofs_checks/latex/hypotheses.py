r"""``% hb: assume`` / ``let`` / ``box`` / ``dim`` directives: domains, symbols and definitions.

An ``assume`` list is split at top-level commas; each item is one of

* a relation, or a chain of relations, between expressions: ``x > 0``,
  ``0 < h < \frac{2-s^2}{2s+1}``, ``|x-c| < \delta``, ``x \ne c``, ``\lambda \le 2^n``,
  ``2\eta k - I_1 \ge 0``, ``0 \le s \le t``. Each link between one variable and a number
  becomes that variable's domain (and its SymPy sign); every other link is a stated
  relation (:class:`StatedRelation`), parsed with the environment's symbols
  (:func:`resolve_relations`): the falsifier draws only points where it holds, the provers
  take it as a hypothesis. ``\eta = 1/9`` or ``x = y + z`` is a definition (substituted
  exactly, as with ``let``); another equation is refused;
* membership: ``N \in \mathbb{Z}`` (:mod:`.domains`), ``x \in [a, b]``
  (open ends with ``(``/``)``, ``\infty`` allowed; ends that are not numbers become
  stated relations), ``v \in \mathbb{R}^{d}`` (a vector of the environment's dimension);
* a statement about the joint law of random variables, read whole before any split
  (``X, Y \text{ independent}``, copies, ``\text{ i.i.d.}``, ``\text{characteristic } 2``,
  ``\mu \ll \nu``): :mod:`~hallbound.proofs_checks.latex.models.law_statements`;
* a function fact (:mod:`~hallbound.proofs_checks.latex.models.function_facts`): ``f \text{
  convex}``, ``f(x) \le q(x) \ \forall x``, ``v \in \argmin_x q(x)``, ``y \in \{-1,
  1\}``, ``h(x) \in \{-1, 1\}`` (into ``facts``; ``\lambda \succeq 0`` is ``\lambda \ge 0``);
* ``% hb: function f, \sigma`` / ``% hb: variable x``: ``f(..)`` is a function value /
  ``x(..)`` a product (see :mod:`~hallbound.proofs_checks.latex.math_reading`);
* ``\Sigma \succ 0``: a symmetric positive-definite matrix of the environment's dimension,
  written :math:`\Sigma = LL^\top` with :math:`L` lower triangular with a positive diagonal
  (every such matrix has exactly one such :math:`L`), so its domain is a product of
  intervals over the entries of :math:`L`.

An item that cannot be read is refused with one error naming it, never dropped in silence
(a dropped assumption would make true steps REFUTED). ``box x \in [a, b]`` narrows ``x``'s
domain to the box: both the search and the proofs see only the box.

An assumption on ``x_i`` (a one-letter subscript) applies to every ``x_k``. Every variable is
real. A symbol gets SymPy assumptions (positive, nonnegative, integer) from its domain.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Param
from hallbound.proofs_checks.engine.exact_numbers import exact_order
from hallbound.proofs_checks.latex.assume_remarks import split_remarks
from hallbound.proofs_checks.latex.dim_reading import SizedNames, note_sized, vector_dim
from hallbound.proofs_checks.latex.domains import Domain, read_number_set
from hallbound.proofs_checks.latex.math_atoms import Atom
from hallbound.proofs_checks.latex.math_linear import LinearForms
from hallbound.proofs_checks.latex.math_names import Evidence, scan_evidence, styled_name
from hallbound.proofs_checks.latex.math_parser import (
    LatexError,
    Scope,
    parse_chain,
    parse_expression,
    tokenize,
)
from hallbound.proofs_checks.latex.models.function_facts import take_facts
from hallbound.proofs_checks.latex.models.law_statements import LawStatement, read_law_statement

#: Largest matrix/vector dimension (``% hb: dim``).
MAX_DIM = 4


@dataclass
class StatedRelation:
    """One stated relation ``lhs OP rhs`` (``OP`` one of ``< <= > >= !=``) of an
    ``assume`` item: the LaTeX of each side with its offset, the item's text, and
    ``value``, the SymPy relation once :func:`resolve_relations` has parsed it."""

    lhs: str
    lhs_at: int
    op: str
    rhs: str
    rhs_at: int
    text: str
    value: tuple[Any, str, Any] | None = None


@dataclass
class Hypotheses:
    """The parsed directives of one environment."""

    domains: dict[str, Domain] = field(default_factory=dict)
    #: the size of vectors and matrices when the text fixes it (``% hb: dim``, ``\\mathbb{R}^3``);
    #: None: every size (:mod:`.dimensions`)
    dim: int | None = None
    #: the letter of the unfixed size (``d`` of ``x \\in \\mathbb{R}^d``) when every vector of
    #: that size names it and no matrix has it: it equals the size tried (:mod:`.size_letter`)
    size_letter: str = ""
    boxes: dict[str, tuple[float, float]] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    relations: list[StatedRelation] = field(default_factory=list)
    #: equations of ``assume`` that are not definitions (``a^2 + b^2 = 1``): a witness must
    #: satisfy them (see :func:`resolve_equations`)
    equations: list[StatedRelation] = field(default_factory=list)
    #: ``x = expression`` items of ``assume``: (LaTeX of x, LaTeX of the expression, offset)
    definitions: list[tuple[str, str, int]] = field(default_factory=list)
    #: each ``assume`` item's text (for the report), in order
    stated: list[str] = field(default_factory=list)
    #: every item of the ``assume``, ``box`` and ``let`` directives as written, read or not
    #: (a model that needs a name unrestricted checks that no item names it)
    items: list[str] = field(default_factory=list)
    #: names declared ``% hb: function`` / ``% hb: variable``
    functions: set[str] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    #: names declared by ``assume`` to be probability measures (name -> kind)
    kinds: dict[str, str] = field(default_factory=dict)
    #: statements about the joint law of random variables (independence, copies, i.i.d.,
    #: characteristic, ``\\ll``; see :mod:`~hallbound.proofs_checks.latex.models.law_statements`)
    laws: list[LawStatement] = field(default_factory=list)
    #: function classes, quantified relations, finite sets (:mod:`.function_facts`)
    facts: list[Any] = field(default_factory=list)
    #: how the environment's rows use each name (``Evidence``; None outside an environment)
    row_use: Any = None
    #: names read as their values, shared by every symbol table of the environment
    #: (name -> (value, key pattern); :mod:`.definition_values`)
    values: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    document: Any = None  #: how the whole document uses each name (``Evidence``)

    def domain(self, name: str) -> Domain:
        """The domain of ``name``, created unbounded when the environment has none yet."""
        return self.domains.setdefault(name, Domain())


def split_top_level(text: str, base: int) -> list[tuple[str, int]]:
    """Split at commas outside brackets; each piece with its offset. A ``\\,`` is a thin
    space, never a separator (``c\\,\\varepsilon^{-d}``)."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0 and _escaped(text, i):
            continue
        elif c == "," and depth == 0:
            out.append((text[start:i], base + start))
            start = i + 1
    out.append((text[start:], base + start))
    return [(t, o + len(t) - len(t.lstrip())) for t, o in out if t.strip()]


def _escaped(text: str, i: int) -> bool:
    """Whether ``text[i]`` follows an odd run of backslashes (``\\,``, not ``\\\\,``)."""
    k = i
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (i - k) % 2 == 1


def measure_names(hyp: Hypotheses) -> set[str]:
    r"""The names the environment states to be measures: probability measures
    (``\mu \text{ probability}``) and the two sides of ``\mu \ll \nu``."""
    out = {n for n, kind in getattr(hyp, "kinds", {}).items() if "measure" in kind}
    laws = getattr(hyp, "laws", [])
    return out | {n for law in laws if law.kind == "abscont" for g in law.groups for n in g}


def _probe_scope(functions: set[str] | None = None, evidence: Any = None,
                 document: Any = None, variables: set[str] | None = None) -> Scope:
    r"""A scope that reads an assumption to check its form (the environment's table reads it
    again with its own symbols and atoms: ``\operatorname{tr} B = n^2`` is an atom there),
    knowing the rows' and the document's use of each name (``evidence``, ``document``) and
    the names already declared variables (``variables``: ``e`` there is no Euler number)."""
    def atom(key: str, latex: str, lo: Any = None, hi: Any = None, lo_open: bool = False
             ) -> sp.Symbol:
        return sp.Symbol(key, real=True)

    return Scope(lambda name, latex: sp.Symbol(name, real=True), make_atom=atom,
                 functions=functions or set(), evidence=evidence, document=document,
                 variables=set(variables or ()))


def _number(e: sp.Basic, offset: int, side: str = "") -> float:
    r"""A domain bound as a float: rounded outward (``side`` ``"lo"`` down, ``"hi"`` up) when
    the float is not the number itself (``\frac{1}{3}``, ``\pi``, ``10^{-400}``), so that the
    domain the provers see contains the stated one (see :func:`exact_end`)."""
    if e is sp.oo or e is -sp.oo:
        return float(e)
    if not e.is_number or not e.is_real:
        raise LatexError("a domain bound must be a number", offset)
    f = float(e)
    if side and not exact_end(e):
        order = exact_order(sp.Rational(f), e)  # None: round outward, the sound side
        if side == "lo" and order != -1:
            f = math.nextafter(f, -math.inf)
        elif side == "hi" and order != 1:
            f = math.nextafter(f, math.inf)
    return f


def float_value(v: float | None) -> sp.Rational | None:
    """A domain end as the exact value of its float (already rounded outward by
    :func:`_number`), so that the provers' domain contains the stated one; None if none."""
    if v is None or not math.isfinite(v):
        return None
    return sp.Rational(v)


def exact_end(e: sp.Basic) -> bool:
    r"""Whether the number ``e`` is exactly a float (``1/4``, ``3``; not ``1/3`` or ``\pi``).
    A bound that is not is also kept as a stated relation: a witness must meet it exactly."""
    if e is sp.oo or e is -sp.oo:
        return True
    try:
        f = float(e)
    except (TypeError, ValueError, OverflowError):
        return False
    return math.isfinite(f) and exact_order(sp.Rational(f), e) == 0


_IN = re.compile(r"\\in\b")
_SUCC = re.compile(r"\\succ\b")

def name_of(text: str, offset: int) -> str:
    """The SymPy name a single variable in ``text`` parses to (``\\mu_i`` -> ``mu_i``); the
    name is being declared, so a lone ``e`` is the variable ``e``, not Euler's number."""
    e = parse_expression(text, _probe_scope(variables={"e"}), offset)
    if not isinstance(e, sp.Symbol):
        raise LatexError(f"expected one variable, got {text.strip()!r}", offset)
    return e.name


#: ``\mu, \nu \text{ probability measures}``: a declaration of what the names are.
_KIND = re.compile(r"(?P<names>[^\\{}]*(?:\\[A-Za-z]+[^\\{}]*)*?)\s*"
                   r"\\text\{\s*(?:(?:are|is|be)\s+)?(?:a\s+)?"
                   r"(?P<kind>(?:Markov|probability|stochastic)\s+kernels?"
                   r"|probability(?:\s+(?:measure|distribution|law)s?)?)\s*\}\s*")


def _declaration(arg: str, offset: int, hyp: Hypotheses) -> bool:
    r"""``\mu, \nu \text{ probability measures}``: the names are probability measures
    (``\kappa \text{ a Markov kernel}``, also probability/stochastic kernel: Markov kernels)
    (recorded in ``hyp.kinds``; a declaration, not a relation: it constrains no value the
    reader samples, since the atoms of a measure already carry the bounds every probability
    measure meets, ``0 <= TV <= 1``). False (nothing recorded) when ``arg`` is no such
    declaration or a name in it is not one variable."""
    m = _KIND.fullmatch(arg)
    if m is None or not m.group("names").strip():
        return False
    try:
        names = [name_of(t, at) for t, at in split_top_level(m.group("names"), offset)]
    except LatexError:
        return False
    kind = "Markov kernel" if "kernel" in m.group("kind") else "probability measure"
    for n in names:
        hyp.kinds[n] = kind
    hyp.stated.append(arg.strip())
    return True


def parse_assume(arg: str, offset: int, hyp: Hypotheses) -> None:
    """Add the domains and stated relations of one ``assume`` directive (an item that
    cannot be read goes to ``hyp.errors``, naming it). A list of variables before an item
    shares its relation: ``a, b > 0`` is ``a > 0, b > 0``."""
    if _declaration(arg, offset, hyp):
        return
    if (law := read_law_statement(arg)) is not None:
        hyp.laws.append(law)
        hyp.stated.append(arg.strip())
        return
    items = take_facts(split_top_level(arg, offset), hyp)  # f \text{ convex}, \forall, \{..\}
    for item, at in _distributed(split_remarks(items, hyp.errors), hyp):
        try:
            _assume_item(item.strip(), at, hyp)
            hyp.stated.append(item.strip())
        except LatexError as err:
            hyp.errors.append(
                (err.offset, f"assume: {err.message} (in {item.strip()!r}: not used)")
            )
    drop_empty_domains(hyp, offset)


_TAIL = re.compile(r"\\in\b|\\succ\b|\\neq?(?![A-Za-z])|\\not\s*=|<|>|=|\\l[et]q?\b|"
                   r"\\g[et]q?\b|\\leqslant\b|\\geqslant\b")


def _distributed(items: list[tuple[str, int]], hyp: Hypotheses) -> list[tuple[str, int]]:
    """Items with each bare variable (no relation) given the relation of the next item that
    has one and starts with a single variable; a bare variable left over is an error."""
    out: list[tuple[str, int]] = []
    waiting: list[tuple[str, int]] = []
    for item, at in items:
        tail = _TAIL.search(item)
        if tail is None:
            waiting.append((item, at))
            continue
        head = item[: tail.start()]
        if waiting:
            try:
                name_of(head, at)
                for var, v_at in waiting:
                    name_of(var, v_at)
                    out.append((var.strip() + " " + item[tail.start() :], v_at))
            except LatexError:
                out.extend(waiting)  # refused below, by name
            waiting = []
        out.append((item, at))
    out.extend(waiting)
    return out


def _assume_item(item: str, at: int, hyp: Hypotheses) -> None:
    if m := _SUCC.search(item):
        name = name_of(item[: m.start()], at)
        if item[m.end() :].strip() != "0":
            raise LatexError("write '\\Sigma \\succ 0'", at)
        hyp.domains[name] = Domain(kind="spd")
        return
    if m := _IN.search(item):
        name = name_of(item[: m.start()], at)
        rest = item[m.end() :].strip()
        rest_at = at + m.end() + (len(item[m.end() :]) - len(item[m.end() :].lstrip()))
        dom = hyp.domains.setdefault(name, Domain())
        if read_number_set(rest, dom):
            return
        if len(rest) >= 2 and rest[0] in "([" and rest[-1] in ")]" and "," in rest:
            ends = split_top_level(rest[1:-1], rest_at + 1)
            if len(ends) != 2:
                raise LatexError("write 'x \\in [a, b]'", rest_at)
            (lo_txt, lo_at), (hi_txt, hi_at) = ends
            var_txt = item[: m.start()].strip()
            lo_e = parse_expression(lo_txt, _probe_scope(), lo_at)
            hi_e = parse_expression(hi_txt, _probe_scope(), hi_at)
            if lo_e.is_number:
                lo = _number(lo_e, lo_at, "lo")
                if lo != float("-inf"):
                    dom.tighten_lo(lo, rest[0] == "(")
            if not lo_e.is_number or not exact_end(lo_e):
                op = "<" if rest[0] == "(" else "<="
                hyp.relations.append(StatedRelation(lo_txt.strip(), lo_at, op, var_txt, at,
                                                    item.strip()))
            if hi_e.is_number:
                hi = _number(hi_e, hi_at, "hi")
                if hi != float("inf"):
                    dom.tighten_hi(hi, rest[-1] == ")")
            if not hi_e.is_number or not exact_end(hi_e):
                op = "<" if rest[-1] == ")" else "<="
                hyp.relations.append(StatedRelation(var_txt, at, op, hi_txt.strip(), hi_at,
                                                    item.strip()))
            return
        raise LatexError(f"unsupported set {rest!r}", rest_at)
    if m := _NE.search(item):
        _not_equal(item, at, m, hyp)
        return
    probe = _probe_scope(hyp.functions | measure_names(hyp), hyp.row_use, hyp.document,
                         hyp.variables | set(hyp.domains))
    exprs, rels, spans = parse_chain(item, probe, at)
    if not rels or len(exprs) != len(rels) + 1:
        raise LatexError("expected a relation such as 'x > 0'", at)
    bounds = [0] + [x - at for span in spans for x in span] + [len(item)]
    sides = [(item[bounds[k] : bounds[k + 1]], at + bounds[k]) for k in range(0, len(bounds), 2)]
    for k, rel in enumerate(rels):
        if rel == "=":
            _equation(exprs[k], exprs[k + 1], sides[k], sides[k + 1], item, spans[k][0], hyp)
            continue
        _link(exprs[k], rel, exprs[k + 1], sides[k], sides[k + 1], item, at, hyp)


def _between_numbers(left: sp.Basic, rel: str, right: sp.Basic, item: str, at: int) -> bool:
    """Whether ``left REL right`` relates two numbers (then it must hold: a false one is
    refused, naming the item)."""
    if not (left.is_number and right.is_number):
        return False
    if rel == "=":
        holds = sp.simplify(left - right) == 0
    else:
        holds = {"<": left < right, "<=": left <= right, ">": left > right,
                 ">=": left >= right}[rel] is sp.true
    if not holds:
        raise LatexError(f"the assumption {item.strip()!r} is false", at)
    return True


def _equation(
    left: sp.Basic,
    right: sp.Basic,
    l_side: tuple[str, int],
    r_side: tuple[str, int],
    item: str,
    at: int,
    hyp: Hypotheses,
) -> None:
    """``a = b`` in an assumption: a variable equal to a number or to an expression of
    other variables is a definition (substituted exactly, as with ``let``); any other
    equation (``a^2 + b^2 = 1``) is a stated equation (``hyp.equations``), which a
    REFUTED step's witness must satisfy (it is not given to the provers or the search)."""
    if _between_numbers(left, "=", right, item, at):
        return
    for var, other, v_side, o_side in ((left, right, l_side, r_side),
                                       (right, left, r_side, l_side)):
        if not isinstance(var, sp.Symbol):
            continue
        if var not in plain_free(other):  # exact: 1/9 is never rounded to a float bound
            hyp.definitions.append((v_side[0].strip(), o_side[0].strip(), o_side[1]))
            return
    hyp.equations.append(
        StatedRelation(l_side[0].strip(), l_side[1], "=", r_side[0].strip(), r_side[1],
                       item.strip())
    )


def plain_free(e: sp.Basic) -> set:
    """The free symbols of ``e`` but the labels of its indexed terms (``X`` of ``X[i]``, a
    name of its own: ``X = \\sum_i X_i`` is a definition)."""
    index = sp.Function("index")
    return e.xreplace({t: index(*t.indices) for t in e.atoms(sp.Indexed)}).free_symbols


_NE = re.compile(r"\\(?:neq?)(?![A-Za-z])|\\not\s*=")
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _link(
    left: sp.Basic,
    rel: str,
    right: sp.Basic,
    l_side: tuple[str, int],
    r_side: tuple[str, int],
    item: str,
    at: int,
    hyp: Hypotheses,
) -> None:
    """One link ``left REL right`` of an assumption chain: a variable's domain when it
    relates one variable to a number, else a stated relation."""
    if _between_numbers(left, rel, right, item, at):
        return
    var, bound, op = None, None, rel
    if isinstance(left, sp.Symbol) and right.is_number:
        var, bound = left, right
    elif isinstance(right, sp.Symbol) and left.is_number:
        var, bound, op = right, left, _MIRROR[rel]
    if var is not None:
        dom = hyp.domains.setdefault(var.name, Domain())
        if dom.kind != "real":
            raise LatexError(f"{var.name} is a matrix or vector: no order on it", at)
        strict = op in ("<", ">")
        value = _number(bound, at, "hi" if op in ("<", "<=") else "lo")
        if op in ("<", "<="):
            dom.tighten_hi(value, strict)
        else:
            dom.tighten_lo(value, strict)
        if exact_end(bound):
            return
    hyp.relations.append(
        StatedRelation(l_side[0].strip(), l_side[1], rel, r_side[0].strip(), r_side[1],
                       item.strip())
    )


def _not_equal(item: str, at: int, m: re.Match[str], hyp: Hypotheses) -> None:
    """``a \\ne b``: a stated relation (no relation may be chained with it)."""
    left, right = item[: m.start()], item[m.end() :]
    for side, where in ((left, at), (right, at + m.end())):
        if not side.strip():
            raise LatexError("write 'a \\ne b'", at)
        parse_expression(side, _probe_scope(), where)  # one expression on each side
    hyp.relations.append(
        StatedRelation(left.strip(), at, "!=", right.strip(), at + m.end(), item.strip())
    )


def parse_declaration(verb: str, arg: str, offset: int, hyp: Hypotheses) -> None:
    """``function f, \\sigma`` / ``variable x, h``: names read as functions / variables when
    a ``(..)`` follows them (errors go to ``hyp.errors``)."""
    if verb not in ("function", "variable"):
        raise ValueError(f"verb must be 'function' or 'variable', got {verb!r}")
    target = hyp.functions if verb == "function" else hyp.variables
    for item, at in split_top_level(arg, offset):
        text = item.strip()
        m = _DECLARED.fullmatch(text)
        if m is None:
            hyp.errors.append((at, f"{verb}: expected a name such as f or \\sigma, got {text!r}"))
            continue
        name = m.group("name")
        if m.group("deco"):  # \hat{L} -> Lhat, \mathcal{R} -> Rcal: the parser's names
            name = styled_name(m.group("deco"), name) or name + m.group("deco")
        target.add(name + (f"_{m.group('sub')}" if m.group("sub") else ""))


_DECLARED = re.compile(
    r"(?:\\(?P<deco>hat|bar|tilde|overline|widehat|widetilde|check|breve|mathcal|mathfrak|"
    r"mathbb|mathscr|mathsf|mathtt)\s*\{?\s*)?\\?(?P<name>[A-Za-z]+)\s*\}?"
    r"(?:_\{?(?P<sub>[A-Za-z0-9]+)\}?)?"
)


def parse_box(arg: str, offset: int, hyp: Hypotheses) -> None:
    """``x \\in [a, b]`` (several, comma separated) -> the box of the environment's steps."""
    for item, at in _split_box_items(arg, offset):
        m = _IN.search(item)
        rest = item[m.end() :].strip() if m else ""
        if not m or not (rest.startswith("[") and rest.endswith("]")):
            hyp.errors.append((at, "box: write 'x \\in [a, b]'"))
            continue
        try:
            name = name_of(item[: m.start()], at)
            (lo_t, lo_at), (hi_t, hi_at) = split_top_level(rest[1:-1], at)
            lo = _number(parse_expression(lo_t, _probe_scope(), lo_at), lo_at)
            hi = _number(parse_expression(hi_t, _probe_scope(), hi_at), hi_at)
        except (LatexError, ValueError) as err:
            hyp.errors.append((at, f"box: {getattr(err, 'message', err)}"))
            continue
        if not lo <= hi:
            hyp.errors.append((at, "box: lower end above upper end"))
            continue
        dom = hyp.domains.setdefault(name, Domain())
        boxed = Domain(**vars(dom))
        boxed.tighten_lo(lo, False)
        boxed.tighten_hi(hi, False)
        if boxed.is_empty():  # also an integer between two integers, or an open end
            hyp.errors.append((at, f"box: no value of {name} in the box satisfies the "
                                   "assumptions"))
            continue
        hyp.boxes[name] = (lo, hi)
        dom.tighten_lo(lo, False)
        dom.tighten_hi(hi, False)
        hyp.stated.append(f"{item.strip()} (box)")
    drop_empty_domains(hyp, offset)


def drop_empty_domains(hyp: Hypotheses, offset: int) -> None:
    """A domain with no number in it (``n \\in \\mathbb{Z}`` boxed in ``[0.2, 0.8]``,
    ``x \\in (1, 1)``, ``x > 5, x < 1``) would make every step about its variable hold
    vacuously, and a search outside it find false counterexamples: one error names it
    (refusing the assumption, so no step is REFUTED there), and the variable is checked
    without that domain or box, which can only prove what holds for every real value."""
    for name, dom in list(hyp.domains.items()):
        if dom.is_empty():
            hyp.errors.append((offset, f"assume: no value of {name} satisfies its stated "
                                       "domain and box together (it is empty): not used"))
            del hyp.domains[name]
            hyp.boxes.pop(name, None)


def _split_box_items(arg: str, offset: int) -> list[tuple[str, int]]:
    return split_top_level(arg, offset)


def resolve_relations(hyp: Hypotheses, scope: Scope) -> list[tuple[Any, str, Any]]:
    """Each stated relation parsed with the environment's symbols (``scope``), as
    ``(lhs, op, rhs)``; one that cannot be parsed, or has no numeric value (functions,
    sums, probabilities, matrices), is refused: an error in ``hyp.errors`` naming it, and
    it is dropped from ``hyp.relations`` and ``hyp.stated`` (the report lists what is
    used)."""
    out = []
    kept = []
    for r in hyp.relations:
        sides = _parsed_sides(r, scope, hyp)
        if sides is None:
            continue
        lhs, rhs = sides
        r.value = (lhs, r.op, rhs)
        kept.append(r)
        out.append(r.value)
    hyp.relations = kept
    return out


def _parsed_sides(r: Any, scope: Scope, hyp: Hypotheses) -> tuple[Any, Any] | None:
    """Both sides of a stated relation or equation parsed with the environment's symbols;
    None, with an error naming it (and dropped from ``hyp.stated``), when a side cannot be
    parsed or has no numeric value."""
    try:
        lhs = parse_expression(r.lhs, scope, r.lhs_at)
        rhs = parse_expression(r.rhs, scope, r.rhs_at)
        why = _not_numeric(lhs) or _not_numeric(rhs)
        if why:
            raise LatexError(why, r.lhs_at)
    except LatexError as err:
        hyp.errors.append((err.offset, f"assume: {err.message} (in {r.text!r}: not used)"))
        if r.text in hyp.stated:
            hyp.stated.remove(r.text)
        return None
    return lhs, rhs


def resolve_equations(hyp: Hypotheses, scope: Scope) -> list[tuple[Any, Any, str]]:
    """Each stated equation parsed with the environment's symbols, as ``(lhs, rhs, text)``;
    one that cannot be parsed or has no numeric value is refused (an error naming it)."""
    out = []
    for r in hyp.equations:
        sides = _parsed_sides(r, scope, hyp)
        if sides is not None:
            r.value = (sides[0], "=", sides[1])
            out.append((*sides, r.text))
    return out


def _not_numeric(e: Any) -> str:
    """Why ``e`` has no numeric value at a point ('' when it has one)."""
    if isinstance(e, sp.MatrixBase):
        return "a relation between vectors or matrices is not an assumption"
    if not isinstance(e, sp.Expr):
        return "not a number"
    if e.has(sp.Sum, sp.Product, sp.Integral, sp.Indexed):
        return "a sum, product, integral or indexed term has no value at a point"
    undefined = [f for f in e.atoms(sp.Function) if isinstance(f, sp.core.function.AppliedUndef)
                 or (type(f).__module__ or "").startswith("hallbound")]
    if undefined:
        return f"no numeric value for {sp.sstr(undefined[0])}"
    return ""


def domain_for(name: str, domains: dict[str, Domain]) -> Domain | None:
    """The domain of ``name``; an assumption on ``x_i`` (one-letter index) covers ``x_k``."""
    if name in domains or "_" not in name:
        return domains.get(name)
    base = name.split("_", 1)[0]
    for key, dom in domains.items():
        kb, _, ks = key.partition("_")
        if kb == base and len(ks) == 1 and ks.isalpha():
            return dom
    return None


class SymbolTable:
    """Creates each environment's symbols (with assumptions), matrices and Params."""

    def __init__(self, hyp: Hypotheses, document: Evidence | None = None) -> None:
        self.hyp = hyp
        self.document = document  # how the whole document uses each name (document_evidence)
        self.symbols: dict[str, sp.Symbol] = {}
        self.latex: dict[sp.Symbol, str] = {}
        #: vectors and matrices by name (and, in ``objects.kinds``, the size-dependent parts
        #: of each name's definition: reading the name records them, :mod:`.dim_reading`)
        self.objects: SizedNames = SizedNames()
        self.params: dict[sp.Symbol, Param] = {}
        self.matrix_parts: dict[str, tuple[str, list[list[Any]]]] = {}
        self.atoms: dict[sp.Symbol, Atom] = {}  # the environment's opaque atoms (what each is)
        self.linear = LinearForms()  # sums merged and parts split by linearity (math_linear)
        self.values = hyp.values  # names read as their values (:mod:`.definition_values`)
        self.substituted: dict[str, sp.Basic] = {}  # names replaced after reading (Scope)
        self.value_texts: list[tuple[str, str]] = []  # (name, value) as written, for notes
        self.evidence = Evidence()
        for name, dom in hyp.domains.items():
            if dom.kind == "spd":
                self._spd(name)
            elif dom.kind == "vector":
                self._vector(name, dom.dim if dom.dim and dom.dim <= MAX_DIM else None)

    def scope(self) -> Scope:
        return Scope(
            self.make,
            objects=self.objects,
            dim=self.hyp.dim,
            latex=self.latex,
            make_atom=self.make_atom,
            atoms=self.atoms,
            # a declared measure applied, mu(A) or nu[g], is a value of it, never a product
            functions=self.hyp.functions | measure_names(self.hyp),
            # a variable with an assumed domain is a variable (``i`` is no imaginary unit)
            variables=self.hyp.variables | set(self.hyp.domains),
            evidence=self.evidence,
            document=self.document,
            linear=self.linear,
            values=self.values,
            substituted=self.substituted,
            named=frozenset(re.findall(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z\\])",
                                       " ".join(self.hyp.items))),
        )

    def prescan(self, texts: list[str]) -> None:
        """Record how the environment's rows use each name (on its own, or applied to
        ``(..)``), so that ``x(..)`` is read the same way on every row."""
        for text in texts:
            try:
                self.evidence.merge(scan_evidence(tokenize(text)))
            except LatexError:
                continue

    def make_atom(
        self, key: str, latex: str, lo: float | None, hi: float | None, lo_open: bool = False
    ) -> sp.Symbol:
        """The symbol of an opaque atom named ``key``, with the known bounds ``lo``/``hi``
        (SymPy assumptions and the Param's domain, used by the provers and the sampler),
        narrowed by an ``assume`` on the atom itself (``% hb: assume \\mathbb{E}[X] \\ge 0``)."""
        if key in self.symbols:
            return self.symbols[key]
        stated = self.hyp.domains.get(key)
        dom = Domain(**vars(stated)) if stated is not None else Domain()
        if lo is not None:
            dom.tighten_lo(lo, lo_open)
        if hi is not None:
            dom.tighten_hi(hi, False)
        lo, hi, lo_open, hi_open = dom.lo, dom.hi, dom.lo_open, dom.hi_open
        sym = sp.Symbol(key, **dom.sympy_assumptions())
        self.symbols[key] = sym
        self.latex[sym] = latex
        self.params[sym] = Param(latex, sym, lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open,
                                 lo_exact=float_value(lo), hi_exact=float_value(hi))
        return sym

    def make(self, name: str, latex: str) -> sp.Symbol:
        note_sized(*self.objects.kinds.get(name, ()))  # a let of a size-dependent value
        if name in self.symbols:
            return self.symbols[name]
        dom = domain_for(name, self.hyp.domains) or Domain()
        sym = sp.Symbol(name, **dom.sympy_assumptions())
        self.symbols[name] = sym
        self.latex[sym] = latex
        kind = "integer" if dom.integer else "real"
        lo, hi, lo_open, hi_open = dom.ends()
        self.params[sym] = Param(
            latex, sym, kind=kind, lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open,
            lo_exact=float_value(lo), hi_exact=float_value(hi),
        )
        return sym

    def _param(self, name: str, latex: str, search: tuple[float, float], pos: bool) -> sp.Symbol:
        sym = sp.Symbol(name, positive=True) if pos else sp.Symbol(name, real=True)
        self.symbols[name] = sym
        self.latex[sym] = latex
        self.params[sym] = Param(latex, sym, lo=0.0 if pos else None, lo_open=pos, search=search)
        return sym

    def _spd(self, name: str) -> None:
        d = vector_dim(self.hyp.dim)
        tex = _latex_name(name)
        L = sp.zeros(d, d)
        parts: list[list[Any]] = [[None] * d for _ in range(d)]
        for i in range(d):
            for j in range(i + 1):
                pos = i == j
                sym = self._param(
                    f"{name}__L{i + 1}{j + 1}",
                    f"L_{{{i + 1}{j + 1}}}[{tex}]",
                    (0.2, 3.0) if pos else (-2.0, 2.0),
                    pos,
                )
                L[i, j] = sym
                parts[i][j] = sym
        self.objects[name] = sp.ImmutableMatrix(L * L.T)
        self.matrix_parts[tex] = ("spd", parts)

    def _vector(self, name: str, stated: int | None) -> None:
        """The vector ``name`` of the size its set states (``\\mathbb{R}^3``), else of the
        environment's (``hyp.dim``) or the one being tried."""
        d = vector_dim(stated if stated is not None else self.hyp.dim)
        tex = _latex_name(name)
        comps = []
        for i in range(d):
            sym = self.make(f"{name}__{i + 1}", f"{tex}^{{({i + 1})}}")
            comps.append(sym)
        self.objects[name] = sp.ImmutableMatrix(comps)

    def witness_view(self, point: dict[str, Any]) -> dict[str, Any]:
        """Replace Cholesky entries by the matrix they give (exact where the point is)."""
        out = dict(point)
        for tex, (_, parts) in self.matrix_parts.items():
            d = len(parts)
            names = [[self.params[s].name if s is not None else None for s in row] for row in parts]
            if not all(n in point for row in names for n in row if n is not None):
                continue
            L = [[point[n] if n is not None else 0 for n in row] for row in names]
            for row in names:
                for n in row:
                    if n is not None:
                        out.pop(n, None)
            out[tex] = [
                [sum(Fraction(L[i][k]) * Fraction(L[j][k]) for k in range(d)) for j in range(d)]
                for i in range(d)
            ]
        return out


def _latex_name(name: str) -> str:
    from hallbound.proofs_checks.latex.math_parser import GREEK

    base, _, sub = name.partition("_")
    tex = "\\" + base if base in GREEK else base
    return f"{tex}_{{{sub}}}" if sub else tex


__all__ = [
    "StatedRelation",
    "Domain",
    "Hypotheses",
    "SymbolTable",
    "domain_for",
    "name_of",
    "parse_assume",
    "parse_box",
    "resolve_relations",
    "parse_declaration",
    "plain_free",
    "split_top_level",
]
