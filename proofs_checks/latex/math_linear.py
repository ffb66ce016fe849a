r"""Linearity of opaque sums, integrals and inner products, applied while an atom is built.

The reader keeps a sum it cannot write out (``\sum_i p_i \log p_i``, ``\sum_{j \in J_1} t_j
\sigma(x_j)``, ``\sum_{s=0}^{T-1} \mu_{A_s}``), an integral SymPy cannot evaluate and an inner
product as opaque atoms. Keyed by their whole text, ``\sum_i p_i (\ell_i + 1)`` and ``\sum_i
p_i \ell_i + \sum_i p_i`` would be unrelated numbers. Here the body is put in a linear normal
form before the atom is made (so the counterexample search sees the same split):

* **finite sums** (:meth:`LinearMixin.linear_sum`): the body is distributed over ``+``/``-``
  (products of sums multiplied out, :func:`body_terms`; a power or a function such as
  ``(a_i + b_i)^2`` or ``\log(p_i/q_i)`` is not expanded: ``\log(p/q) = \log p - \log q``
  needs ``p, q > 0``, which is not read here), each term
  :math:`c \cdot g_i` with ``c`` free of the index gives :math:`c \sum_i g_i`, and the terms
  free of the index stay one sum of their total (for ``\sum_{i=a}^{b}`` a SymPy ``Sum``,
  whose count ``b - a + 1`` the checker writes out as an integer). This is
  exact for a **finite** index set, so only a range **written** finite is split
  (:func:`finite_subscript`): ``\sum_{i=a}^{b}`` with a finite ``b``, ``\sum_{a \le i \le
  b}``, ``\sum_{i \in [n]}``, ``\sum_{i \in \{1, \dots, n\}}`` (a written last element).
  An implicit range (``\sum_i``, ``\sum_n``), a set given by a name (``\sum_{i \in S}``,
  ``\mathcal{N}``, ``J_1``), a list ending in ``\dots`` and an infinite series
  (``\sum_{n=1}^{\infty}``, ``\sum_{n \ge 1}``, ``\sum_{n \in \mathbb{N}}``) are never
  split: the set may be infinite, and splitting a convergent :math:`\sum_n (f(n) - f(n+1))`
  into two divergent series is the telescoping fallacy. The same rule gates the exchange of a
  sum with an integral below.
* **definite integrals** (``\int_a^b`` with finite ends, ``\int_{x \in S}`` over a set not
  written as one of the usual infinite ones): the same split, each part integrated on its own
  (SymPy's value when it finds one); this takes every part to be integrable. An integral with
  no limits or an infinite limit is not split. A finite sum inside such an integral is
  exchanged with it, :math:`\int c \sum_i g_i = \sum_i \int c\, g_i`
  (:meth:`LinearMixin.integral_of_sum`), the sum rebuilt as if written around the integral.
* **inner products** (:func:`inner_parts`): additive in each argument over ``+``/``-`` with
  numeric (rational) coefficients, :math:`\langle q, 2y - z\rangle = 2\langle q, y\rangle -
  \langle q, z\rangle`, only when each summand is a single name; a letter next to a vector
  (``A x``) is never pulled out (it may be a matrix).

Two sums over the same written range whose bodies differ only by the name of the bound index
are one atom (:func:`canonical_form`, for a range whose index is surely bound,
:func:`bound_subscript`: renaming is exact on any set; an implicit range ``\sum_i`` is never
merged with ``\sum_j``: the letters may range over different sets). The parts made by a split
are recorded (:class:`LinearForms`) so that a verdict resting on them says linearity was used
(:mod:`~hallbound.proofs_checks.latex.models.linear_notes`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_order import ordered_text

#: Most terms a body is split into (past it the atom stays whole).
MAX_PARTS = 12
#: Sets written as infinite: a sum over them is a series, an integral over them improper.
_INFINITE_SET = re.compile(r"\\(mathbb|mathbf|Bbb)\s*\{?\s*[NZQRC]\b|\\infty|\\N\b|\\Z\b|\\R\b")
_RELATIONS = ("le", "leq", "ge", "geq", "<", ">", "lt", "gt")
_UPWARD = ("le", "leq", "<", "lt")
_DOTS = ("\\dots", "\\ldots", "\\cdots")


@dataclass
class LinearForms:
    """What the splits of one environment made: ``canon`` maps the index-free form of a sum
    (:func:`canonical_form`) to its atom; ``sums`` keeps each finite sum atom's index and body (for
    :meth:`LinearMixin.integral_of_sum`); ``parts`` maps each symbol a split produced or
    merged to the kinds of rule used (``sum``, ``integral``, ``inner``, ``index``)."""

    canon: dict[str, sp.Symbol] = field(default_factory=dict)
    parts: dict[sp.Symbol, set[str]] = field(default_factory=dict)
    #: each finite sum atom: (its index, its body, the same sum of another body)
    sums: dict[sp.Symbol, tuple[sp.Symbol, sp.Basic, Callable[[sp.Basic], Any]]] = field(
        default_factory=dict)


def bound_subscript(sub_text: str, index: str | None, upper: Any = None) -> bool:
    r"""Whether the index of ``\sum_{sub}^{upper}`` is surely the bound letter, over a range
    that may be renamed (:func:`canonical_form`): the index alone, ``i \in S`` with ``S`` not
    a usual infinite set, or ``a \le i \le b``; an upper limit must be finite. This says
    nothing of finiteness: only :func:`finite_subscript` allows a split."""
    if index is None or _INFINITE_SET.search(sub_text):
        return False
    if upper is not None and not finite_value(upper):
        return False
    words = sub_text.replace("\\", " ").split()
    if words == [index]:
        return True
    if "in" in words:
        return words.index("in") == 1 and words[0] == index and len(words) > 2
    rels = [k for k, w in enumerate(words) if w in _RELATIONS]
    return len(rels) == 2 and 0 < rels[0] and words[rels[0] + 1 : rels[1]] == [index] \
        and rels[1] < len(words) - 1


def finite_subscript(sub_text: str, index: str | None, upper: Any = None) -> bool:
    r"""Whether ``\sum_{sub}^{upper}`` is over a range **written** finite (module doc), the only
    ranges a sum is split over: ``i = a`` with a finite upper limit, ``a \le i \le b`` (both
    relations the same way, both ends written), ``i \in [n]`` or ``i \in \{1, \dots, n\}``
    (a listed set whose last element is written, not ``\dots``). An implicit range
    (``\sum_i``), a set given by a name (``i \in S``, ``\mathcal{N}``) or a list ending in
    ``\dots`` is not: it may be infinite, and a series is not split."""
    if index is None or _INFINITE_SET.search(sub_text):
        return False
    if upper is not None and not finite_value(upper):
        return False
    words = sub_text.split()
    if len(words) > 2 and words[0] == index and words[1] == "=":
        return upper is not None
    if len(words) > 2 and words[0] == index and words[1] == "\\in":
        return upper is None and _listed_finite(words[2:])
    if upper is not None:
        return False
    plain = [w.lstrip("\\") for w in words]
    rels = [k for k, w in enumerate(plain) if w in _RELATIONS]
    if len(rels) != 2 or not 0 < rels[0] or rels[1] >= len(words) - 1:
        return False
    same_way = {plain[k] in _UPWARD for k in rels}
    return plain[rels[0] + 1 : rels[1]] == [index] and len(same_way) == 1


def _listed_finite(rest: list[str]) -> bool:
    r"""Whether a set's words are ``[ n ]`` or ``\{ a , .. , b \}`` with a written last
    element (no ``\dots`` before the closing brace, no set-builder bar or colon)."""
    if len(rest) < 3 or any(w in (":", "|", "\\mid", "\\setminus") for w in rest):
        return False
    inner = rest[1:-1]
    if rest[0] == "[" and rest[-1] == "]":
        return not any(w in ("[", "]", ",", ".") or w in _DOTS for w in inner)
    if rest[0] == "\\{" and rest[-1] == "\\}":
        return not any(w in ("\\{", "\\}") for w in inner) and inner[-1] not in _DOTS \
            and inner[-1] != "."
    return False


def infinite_set(text: str) -> bool:
    r"""Whether a set's text names a usual infinite set (``\mathbb{R}``, ``\mathbb{N}``, ..,
    or writes ``\infty``)."""
    return _INFINITE_SET.search(text) is not None


def finite_value(value: Any) -> bool:
    """Whether a limit is a finite expression (no ``oo``, no ``zoo``, no ``nan``)."""
    if not isinstance(value, sp.Basic):
        return False
    return not value.has(sp.oo, -sp.oo, sp.zoo, sp.nan)


def body_terms(body: sp.Basic) -> list[sp.Basic] | None:
    """The summands of ``body`` with products distributed over sums at every level of ``+``
    and ``*`` (``c (a + d (b + e)) -> c a + c d b + c d e``; no power, logarithm or other
    function entered); None past :data:`MAX_PARTS`."""
    if body.is_Add:
        out: list[sp.Basic] = []
        for arg in body.args:
            terms = body_terms(arg)
            if terms is None:
                return None
            out.extend(terms)
        return out if len(out) <= MAX_PARTS else None
    if not body.is_Mul:
        return [body]
    out = [sp.Integer(1)]
    for factor in body.args:
        terms = body_terms(factor) if factor.is_Add else [factor]
        if terms is None:
            return None
        out = [a * b for a in out for b in terms]
        if len(out) > MAX_PARTS:
            return None
    return out


def linear_parts(body: sp.Basic, varies: Callable[[sp.Basic], bool]
                 ) -> list[tuple[sp.Basic, sp.Basic]] | None:
    r"""``body`` as :math:`\sum_k c_k g_k` with each ``c_k`` the product of the factors for
    which ``varies`` is false (``g_k = 1`` for a term free of the variable), equal ``g_k``
    combined and zero coefficients dropped; None when there is nothing to split (one term with
    coefficient 1) or too many terms."""
    terms = body_terms(body)
    if terms is None:
        return None
    combined: dict[sp.Basic, sp.Basic] = {}
    for term in terms:
        coeff, part = sp.Integer(1), sp.Integer(1)
        for f in sp.Mul.make_args(term):
            if varies(f):
                part *= f
            else:
                coeff *= f
        combined[part] = combined.get(part, sp.Integer(0)) + coeff
    if len(combined) == 1 and next(iter(combined.values())) == 1:
        return None
    return [(c, g) for g, c in combined.items() if c != 0]


def names_index(expr: sp.Basic, index: str) -> bool:
    """Whether a symbol of ``expr`` writes the index in its name (``x_i`` read as one name)."""
    pat = re.compile(rf"(?<![A-Za-z]){re.escape(index)}(?![A-Za-z])")
    return any(pat.search(s.name) for s in expr.free_symbols if isinstance(s, sp.Symbol))


def canonical_form(head: str, range_text: str, body_text: str, index: str) -> str | None:
    """The text of a sum with its bound index renamed ``#`` (in the range and the body), or
    None when the range is implicit (the index alone) or names the index other than once."""
    pat = re.compile(rf"(?<![\w\\]){re.escape(index)}(?!\w)")
    if range_text.strip() == index or len(pat.findall(range_text)) != 1 or "#" in body_text:
        return None
    return f"{head}_{{{pat.sub('#', range_text)}}}({pat.sub('#', body_text)})"


def inner_parts(value: sp.Basic) -> list[tuple[sp.Rational, sp.Basic]] | None:
    """``value`` as :math:`\\sum_k c_k v_k` with rational ``c_k`` and each ``v_k`` a single
    name (a symbol, an entry ``x[i]``); None when a summand is anything else (``A x``, a
    letter coefficient, a function of a vector) or when there is a single summand ``1 * v``."""
    if isinstance(value, sp.MatrixBase):
        return None
    out = []
    for term in sp.Add.make_args(value):
        coeff, rest = term.as_coeff_Mul()
        if not (coeff.is_Rational and isinstance(rest, (sp.Symbol, sp.Indexed))):
            return None
        out.append((coeff, rest))
    if len(out) == 1 and out[0][0] == 1:
        return None
    return out


class LinearMixin:
    """Parser methods splitting sums, integrals and inner products (module doc); use the
    parser's ``scope`` and :meth:`atoms_depending_on`."""

    scope: Any

    def linear_forms(self) -> LinearForms:
        forms = getattr(self.scope, "linear", None)
        return forms if forms is not None else LinearForms()

    def varies_with(self, expr: sp.Basic, var: sp.Symbol) -> bool:
        """Whether ``expr`` depends on the bound variable ``var`` (directly, through an atom,
        or through a name that writes it, ``x_i``)."""
        return (var in expr.free_symbols or self.atoms_depending_on(expr, var)  # type: ignore[attr-defined]
                or names_index(expr, var.name))

    def linear_sum(self, body: sp.Basic, var: sp.Symbol, build: Callable[[sp.Basic], Any],
                   kind: str = "sum") -> sp.Basic | None:
        r""":math:`\sum_k c_k \cdot build(g_k)` for the parts of ``body`` (:func:`linear_parts`);
        the terms free of ``var`` go together as ``build(c)`` (for a range a SymPy ``Sum`` of
        ``c``, so the count keeps its integer reading; ``\sum_{i \in S} c`` one atom, as
        written alone); None when there is nothing to split (also for a body free of
        ``var``)."""
        parts = linear_parts(body, lambda f: self.varies_with(f, var))
        if parts is None:
            return None
        const = sp.Add(*[c for c, g in parts if g == 1])
        varying = [(c, g) for c, g in parts if g != 1]
        if not varying:
            return None
        total: sp.Basic = build(const) if const != 0 else sp.Integer(0)
        self.mark(total, kind)
        for coeff, part in varying:
            value = build(part)
            self.mark(value, kind)
            total += coeff * value
        return total

    def mark(self, value: Any, kind: str) -> None:
        """Record the atoms of ``value`` as made by a ``kind`` split."""
        if isinstance(value, sp.Basic):
            atoms = self.scope.atoms
            for s in value.free_symbols:
                if s in atoms:
                    self.linear_forms().parts.setdefault(s, set()).add(kind)

    def remember_sum(self, sym: sp.Symbol, index: sp.Symbol, body: sp.Basic,
                     rebuild: Callable[[sp.Basic], Any]) -> None:
        """Record the finite sum atom ``sym`` (its index, body, and how to build the same sum
        of another body)."""
        self.linear_forms().sums.setdefault(sym, (index, body, rebuild))

    def integral_of_sum(self, part: sp.Basic, var: sp.Symbol,
                        integral: Callable[[sp.Basic], sp.Basic]) -> sp.Basic | None:
        r""":math:`\int c \sum_i g_i = \sum_i \int c\, g_i` for one finite sum atom among the
        factors of ``part`` (exact for a finite sum of integrable terms); None when ``part``
        holds no such sum, several, or a factor that writes the sum's index."""
        forms = self.linear_forms()
        found = [f for f in sp.Mul.make_args(part) if f in forms.sums]
        if len(found) != 1:
            return None
        index, body, rebuild = forms.sums[found[0]]
        rest = part / found[0]
        if index == var or self.varies_with(rest, index) or found[0] in rest.free_symbols:
            return None
        value = rebuild(integral(rest * body))
        self.mark(value, "integral")
        return value

    def merged(self, form: str | None, key: str, make: Callable[[], sp.Symbol]) -> sp.Symbol:
        """The atom of the sum whose index-free form is ``form`` (one made earlier under
        another index name, else ``make()``; ``key``: the name ``make()`` gives it)."""
        forms = self.linear_forms()
        if form is not None and form in forms.canon:
            sym = forms.canon[form]
            if sym.name != key:
                forms.parts.setdefault(sym, set()).add("index")
            return sym
        sym = make()
        if form is not None:
            forms.canon.setdefault(form, sym)
        return sym

    def split_inner(self, vals: list[sp.Basic], parts: list[list[Any]],
                    label: str) -> sp.Basic | None:
        """``<a, b>_label`` by additivity in each argument with rational coefficients
        (:func:`.math_linear.inner_parts`): each side split when every summand is one name,
        kept whole (its key text as written) otherwise; every piece keeps the space's label;
        None when neither side splits."""
        sides = [inner_parts(v) for v in vals]
        if sides[0] is None and sides[1] is None:
            return None
        whole = [[(sp.Integer(1), ordered_text(v, p), v)] for v, p in zip(vals, parts,
                                                                          strict=True)]
        terms = [whole[k] if sides[k] is None else [(c, sp.sstr(x), x) for c, x in sides[k]]
                 for k in range(2)]
        total: sp.Basic = sp.Integer(0)
        for ca, ta, va in terms[0]:
            for cb, tb, vb in terms[1]:
                atom = self.inner_atom(  # type: ignore[attr-defined]
                    [ta, tb], va.free_symbols | vb.free_symbols, label)
                self.mark(atom, "inner")
                total += ca * cb * atom
        return total


__all__ = [
    "LinearForms",
    "LinearMixin",
    "body_terms",
    "canonical_form",
    "bound_subscript",
    "finite_subscript",
    "finite_value",
    "infinite_set",
    "inner_parts",
    "linear_parts",
]
