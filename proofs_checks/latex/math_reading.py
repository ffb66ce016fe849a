r"""What the LaTeX parser reads beyond arithmetic: operators, function values, integrals.

:class:`ReadingMixin` is mixed into :class:`~hallbound.proofs_checks.latex.math_parser.Parser`;
each method consumes tokens at the parser's position and returns a SymPy value, usually an
opaque atom (:mod:`~hallbound.proofs_checks.latex.math_atoms`).

**Function application is never silently a product.** A name before ``(`` is read, in order, as

1. a product, when the name is declared ``% hb: variable``;
2. a function value, when it is declared ``% hb: function``;
3. a function value, when the group holds a top-level comma (``d(x, y)``: no product has that),
   a conditioning bar or a divergence bar between two names (``D(P \| Q)``, read as ``D(P, Q)``);
4. a product, when the name is also used on its own in the environment (``x(1-x)``,
   ``h < 2``, then ``h(2s+1)``);
5. a function value, for a conventional function letter
   (:data:`~hallbound.proofs_checks.latex.math_atoms.CONVENTIONAL_FUNCTIONS`), or when the
   group holds one name or a set expression (``p(x)``, ``\mu(A \setminus B)``:
   :mod:`~hallbound.proofs_checks.latex.math_arguments`);
6. a function value, when the environment applies the name to two different arguments, or
   the whole document does (every display, ``% hb: assume`` line and inline formula) and
   never uses the name on its own next to arithmetic;
7. otherwise a refusal naming ``% hb: function`` and ``% hb: variable``.

A function value is an atom keyed by the name and the parsed arguments (same name and
arguments, same value). ``f'(x)``, ``f''(x)``, ``f^{(k)}(x)`` are values of derivatives (atoms
of their own, never powers); ``\Gamma(x)`` is the gamma function."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.integral_registry import register, register_body
from hallbound.proofs_checks.latex.math_arguments import (
    argument_group,
    divergence_split,
    set_expression,
)
from hallbound.proofs_checks.latex.math_atoms import CONVENTIONAL_FUNCTIONS, Atom
from hallbound.proofs_checks.latex.math_defined import unread_value as _unread
from hallbound.proofs_checks.latex.math_extent import body_closed, index_after_body
from hallbound.proofs_checks.latex.math_linear import (
    bound_subscript,
    canonical_form,
    finite_subscript,
    finite_value,
    infinite_set,
)
from hallbound.proofs_checks.latex.math_names import (
    LETTERLIKE,
    Evidence,
    closer_of,
    is_closer,
    match_group,
    raw_key,
    scan_evidence,
    show,
    split_top,
    styled_name,
)
from hallbound.proofs_checks.latex.math_order import ordered_text
from hallbound.proofs_checks.latex.math_probability import ProbabilityMixin
from hallbound.proofs_checks.latex.models.learning.learning_terms import complexity_application
from hallbound.proofs_checks.latex.partial_integrals import partial_extent
from hallbound.proofs_checks.latex.subset_sums import (
    binomial_closed_form,
    rewrite_with_origins,
    subset_range,
)

#: CPU seconds SymPy gets to evaluate one integral (in a worker process).
INTEGRAL_CPU_S = 2.0
#: Most integrals remembered (integrand and limits -> value or None).
_INTEGRAL_CACHE_SIZE = 256
_INTEGRAL_CACHE: dict[str, sp.Basic | None] = {}
#: CPU seconds all integrals of one file may take (:func:`reset_integral_budget`); each
#: evaluation is charged at least :data:`_INTEGRAL_MIN_CHARGE` (its worker's start).
INTEGRAL_FILE_CPU_S = 20.0
_INTEGRAL_MIN_CHARGE = 0.05
_integral_left = [INTEGRAL_FILE_CPU_S]


def reset_integral_budget(seconds: float = INTEGRAL_FILE_CPU_S) -> None:
    """Give the integrals of the next file ``seconds`` CPU seconds in all; past them an
    integral stays an opaque atom (so a file of many integrals cannot run for long)."""
    if not seconds >= 0:
        raise ValueError(f"seconds must be >= 0, got {seconds}")
    _integral_left[0] = seconds


def evaluate_integral(
    integrand: sp.Basic, var: sp.Symbol, lower: sp.Basic, upper: sp.Basic
) -> sp.Basic | None:
    """:math:`\\int_{lower}^{upper} integrand\\, d var` by SymPy within :data:`INTEGRAL_CPU_S`
    CPU seconds (a worker process) and what is left of the file's integral budget; None when
    SymPy leaves an integral, a piecewise result or a non-finite value, or runs out of time."""
    key = sp.srepr((integrand, var, lower, upper))
    if key in _INTEGRAL_CACHE:
        return _INTEGRAL_CACHE[key]
    limit = min(INTEGRAL_CPU_S, _integral_left[0])
    if limit < _INTEGRAL_MIN_CHARGE:
        return None  # the file's integral budget is spent: the integral stays opaque
    from hallbound.proofs_checks.latex.worker import run_with_budget

    status, value, used = run_with_budget(
        lambda: sp.integrate(integrand, (var, lower, upper)), limit
    )
    _integral_left[0] -= max(used, _INTEGRAL_MIN_CHARGE)
    result = None
    if status == "ok" and isinstance(value, sp.Basic):
        bad = value.has(sp.Integral, sp.Piecewise, sp.nan, sp.zoo, sp.oo, -sp.oo)
        result = None if bad else value
    if len(_INTEGRAL_CACHE) >= _INTEGRAL_CACHE_SIZE:
        _INTEGRAL_CACHE.clear()
    _INTEGRAL_CACHE[key] = result
    return result


def subscripted_variable(toks: list[Any], k: int, base: str) -> tuple[int, str]:
    """A differential's variable with its subscript (``d\\omega_1``, ``d x_{-i}``): the
    index past it and the parser's name of it (``omega_1``, ``x_{-i}``); ``(k, base)``
    when no subscript follows at ``k``."""
    if k >= len(toks) or show(toks[k]) != "_" or k + 1 >= len(toks):
        return k, base
    if show(toks[k + 1]) == "{":
        close = match_group(toks, k + 1)
        sub, end = toks[k + 2 : close], close + 1
    else:
        sub, end = [toks[k + 1]], k + 2
    return end, label_name(base, sub)


def label_name(base: str, sub: list[Any]) -> str:
    """The parser's name of ``base`` with the subscript tokens ``sub``: ``x_1``,
    ``x_{k+1}`` (braces kept around a compound label)."""
    out, k = [], 0
    while k < len(sub):  # braces around one token dropped: A_{t} is A_t
        if sub[k].text == "{" and k + 2 < len(sub) and sub[k + 2].text == "}":
            out.append(sub[k + 1].text)
            k += 3
            continue
        out.append(sub[k].text)
        k += 1
    text = "".join(out)
    return f"{base}_{text}" if re.fullmatch(r"[A-Za-z0-9,]+", text) else f"{base}_{{{text}}}"


class ReadingMixin(ProbabilityMixin):
    """Parser methods for operators, function values, integrals and opaque sums (see the
    module doc). Uses the parser's ``toks``, ``pos``, ``scope``, ``bound`` and helpers."""

    toks: list[Any]
    pos: int
    scope: Any
    bound: dict[str, sp.Symbol]
    depth: int
    row_evidence: Evidence

    # -- atoms -------------------------------------------------------------------------------
    def atom_symbol(
        self,
        kind: str,
        head: str,
        key: str,
        latex: str,
        lo: float | None = None,
        hi: float | None = None,
        lo_open: bool = False,
        arg: sp.Basic | None = None,
        depends: set | frozenset = frozenset(),
    ) -> sp.Symbol:
        """The symbol of one opaque atom (created once per key; bounds as in :class:`Atom`);
        the symbols it depends on grow with each reading (``f(i)`` read first outside, then
        inside ``\\sum_i``: the sum keeps it inside)."""
        _unread(key, latex, getattr(self.scope, "values", {}), self.offset())  # math_defined
        make = getattr(self.scope, "make_atom", None)
        sym = make(key, latex, lo, hi, lo_open) if make else self.scope.make_symbol(key, latex)
        atoms = self.scope.atoms
        deps = set().union(*(atoms[s].depends if s in atoms else {s} for s in depends))
        # a summation index named in the key counts as a dependence, also for an atom read
        # as text (its symbols unknown): the sum of it is then opaque, never n times it
        deps |= {v for name, v in self.bound.items() if re.search(rf"\b{re.escape(name)}\b", key)}
        old = atoms.get(sym)
        if old is None:
            atoms[sym] = Atom(kind, head, key, latex, lo, hi, lo_open, arg, frozenset(deps))
        elif not deps <= old.depends:  # read again inside a sum over an index it names
            atoms[sym] = replace(old, depends=old.depends | deps)
        self.scope.latex.setdefault(sym, latex)
        return sym

    def atoms_depending_on(self, expr: Any, var: sp.Symbol) -> bool:
        """Whether ``expr`` holds an atom whose argument involves ``var`` (a bound index)."""
        if not isinstance(expr, sp.Basic):
            return False
        atoms = self.scope.atoms
        return any(var in atoms[s].depends for s in expr.free_symbols if s in atoms)

    def sub_parse(self, toks: list[Any], rule: str = "whole_expression") -> Any:
        """Parse ``toks`` alone with this parser's scope and bound indices (``rule``: a
        parser method name); raises :class:`LatexError` like the parser."""
        end = toks[-1].offset + len(toks[-1].text) if toks else self.offset()  # type: ignore[attr-defined]
        p = type(self)(list(toks), self.scope, end)  # type: ignore[call-arg]
        p.bound = dict(self.bound)
        p.depth = self.depth
        p.row_evidence = self.row_evidence
        return getattr(p, rule)()

    def try_parse(self, toks: list[Any]) -> sp.Basic | None:
        """``toks`` as one scalar expression, or None when they cannot be read."""
        from hallbound.proofs_checks.latex.math_tokens import LatexError

        if not toks:
            return None
        try:
            value = self.sub_parse(toks)
        except (LatexError, RecursionError, TypeError, ValueError, AttributeError):
            return None
        return None if isinstance(value, sp.MatrixBase) else value

    def read_group_tokens(self) -> list[Any]:
        """The tokens inside the bracket group at the position (``(..)``, ``[..]``, ``{..}``,
        ``\\{..\\}``, ``\\langle..\\rangle``); the position moves past it."""
        t = self.peek()  # type: ignore[attr-defined]
        if t is None or closer_of(t) is None:
            raise self.fail("expected a bracket")  # type: ignore[attr-defined]
        j = match_group(self.toks, self.pos)
        if j >= len(self.toks) or show(self.toks[j]) != closer_of(t):
            raise self.fail(f"unbalanced {show(t)}", t.offset)  # type: ignore[attr-defined]
        inner = self.toks[self.pos + 1 : j]
        self.pos = j + 1
        return inner

    def at_opener(self, k: int = 0) -> bool:
        t = self.peek(k)  # type: ignore[attr-defined]
        return t is not None and (t.kind, t.text) in (
            ("sym", "("),
            ("sym", "["),
            ("cmd", "{"),
            ("cmd", "lbrace"),
            ("cmd", "lbrack"),
        )

    def optional_sub_text(self) -> str:
        """``_{..}`` or ``_x`` after an operator (``\\mathbb{E}_{x \\sim D}``) as text."""
        if not self.at("sym", "_"):  # type: ignore[attr-defined]
            return ""
        self.next()  # type: ignore[attr-defined]
        if self.at("sym", "{"):  # type: ignore[attr-defined]
            return raw_key(self.read_group_tokens())
        return show(self.next())  # type: ignore[attr-defined]

    def operator_argument(self, what: str, offset: int) -> list[Any]:
        """The bracketed argument of an operator, or a single name (``\\mathbb{E} X``)."""
        if self.at_opener():
            return self.read_group_tokens()
        t = self.peek()  # type: ignore[attr-defined]
        if t is not None and (t.kind == "letter" or (t.kind == "cmd" and t.text in LETTERLIKE)):
            start = self.pos
            self.next()  # type: ignore[attr-defined]
            if self.at("sym", "_"):  # type: ignore[attr-defined]
                self.next()  # type: ignore[attr-defined]
                if self.at("sym", "{"):  # type: ignore[attr-defined]
                    self.read_group_tokens()
                else:
                    self.next()  # type: ignore[attr-defined]
            return self.toks[start : self.with_power()]
        bars = {"|": "|", "lvert": "rvert", "Vert": "Vert", "lVert": "rVert"}
        if t is not None and t.text in bars:  # E|X - m|: the expectation of |X - m|
            close = bars[t.text]
            for j in range(self.pos + 1, len(self.toks)):
                if self.toks[j].text == close and self.toks[j].kind == t.kind:
                    start, self.pos = self.pos, j + 1
                    return self.toks[start : self.with_power()]
        raise self.fail(f"{what} needs a bracketed argument", offset)  # type: ignore[attr-defined]

    def with_power(self) -> int:
        """Past a ``^2`` / ``^{p}`` at the position (consumed): without brackets the power
        belongs to the argument, ``\\mathbb{E} X^2 = \\mathbb{E}[X^2]``,
        ``\\mathbb{E}|X|^p = \\mathbb{E}[|X|^p]``."""
        if self.at("sym", "^"):  # type: ignore[attr-defined]
            self.next()  # type: ignore[attr-defined]
            if self.at("sym", "{"):  # type: ignore[attr-defined]
                self.read_group_tokens()
            else:
                self.next()  # type: ignore[attr-defined]
        return self.pos

    # -- functions ---------------------------------------------------------------------------
    def application_kind(self, base: str, full: str) -> str:
        """``product``, ``function`` or ``refuse`` for ``full(..)`` (module doc, rules 1-7)."""
        scope = self.scope
        declared_vars = getattr(scope, "variables", set())
        declared_funcs = getattr(scope, "functions", set())
        if full in declared_vars or base in declared_vars:
            return "product"
        if full in declared_funcs or base in declared_funcs:
            return "function"
        j = match_group(self.toks, self.pos)
        inside = self.toks[self.pos + 1 : j]
        if len(split_top(inside, (",", ";", ":"))) > 1 or self.split_condition(inside)[1] \
                or divergence_split(inside) is not None:
            return "function"  # d(x, y), d[X; Y], I[X : Y], H[X | Y], D(P || Q): no product
        env = getattr(scope, "evidence", None) or Evidence()
        if full in self.row_evidence.standalone or full in env.standalone:
            return "product"
        if base in CONVENTIONAL_FUNCTIONS or complexity_application(
                base, full, [show(t) for t in inside]):
            return "function"
        if argument_group(inside):
            return "function"  # p(x), H(X), \mu(A \cup B): an argument, never a factor
        uses = set(env.applied.get(full, set())) | self.row_evidence.applied.get(full, set())
        if len(uses) >= 2:
            return "function"
        doc = getattr(scope, "document", None)
        if doc is not None and full not in doc.standalone:
            if len(uses | doc.applied.get(full, set())) >= 2:
                return "function"  # applied to two arguments in the document, never alone
        return "refuse"

    def derivative_marker(self) -> str | None:
        """``'``, ``''``, ``^{(k)}``, ``^\\prime`` before a ``(``: the marker's text (consumed);
        None (nothing consumed) when there is none or no ``(`` follows it."""
        start = self.pos
        marker = ""
        while self.at("sym", "'"):  # type: ignore[attr-defined]
            self.next()  # type: ignore[attr-defined]
            marker += "'"
        if not marker and self.at("sym", "^"):  # type: ignore[attr-defined]
            if self.at("cmd", "prime", 1):  # type: ignore[attr-defined]
                self.pos += 2
                marker = "'"
            elif self.at("sym", "*", 1) or self.at("cmd", "star", 1):  # type: ignore[attr-defined]
                self.pos += 2  # f^*(y): the conjugate, a function of its own
                marker = "^*"
            elif (
                self.at("sym", "{", 1)  # type: ignore[attr-defined]
                and self.at("sym", "(", 2)  # type: ignore[attr-defined]
            ):
                j = match_group(self.toks, self.pos + 1)
                inner = self.toks[self.pos + 3 : j - 1] if j < len(self.toks) else []
                if j < len(self.toks) and show(self.toks[j - 1]) == ")":
                    marker = f"^({raw_key(inner)})"
                    self.pos = j + 1
        if marker and (self.at("sym", "(") or self.at("sym", "[")):  # type: ignore[attr-defined]
            return marker
        self.pos = start
        return None

    def maybe_application(self, base: str, full: str, latex: str, offset: int) -> Any:
        """The value of ``full(..)`` / ``full'(..)`` / ``full^{(k)}(..)`` when one is at the
        position, per :meth:`application_kind`; None when none follows (or a product)."""
        if getattr(self, "in_script", 0):
            return None
        start = self.pos
        marker = self.derivative_marker()
        bracket = self.at("sym", "(") or self.at("sym", "[")  # type: ignore[attr-defined]
        if marker is None and not bracket:
            if self.at("sym", "^") and self.at("sym", "{", 1) and self.at("sym", "(", 2):  # type: ignore[attr-defined]
                if base in CONVENTIONAL_FUNCTIONS or base in getattr(
                    self.scope, "functions", set()
                ):
                    raise self.fail(  # type: ignore[attr-defined]
                        f"{latex}^{{(k)}} reads as a derivative; write it applied, "
                        f"{latex}^{{(k)}}(x), or declare '% hb: variable {latex}'",
                        offset,
                    )
            return None
        if base == "Gamma" and marker is None and full == "Gamma" and self.at("sym", "("):  # type: ignore[attr-defined]
            if "Gamma" not in getattr(self.scope, "variables", set()):
                return sp.gamma(self.group("(", ")"))  # type: ignore[attr-defined]
        decision = self.application_kind(base, full)
        if decision == "product" and marker is None:
            self.pos = start
            return None
        opener = self.peek().text  # type: ignore[attr-defined]
        group = "(...)" if opener == "(" else "[...]"
        if decision != "function":
            raise self.fail(  # type: ignore[attr-defined]
                f"{latex}{group} reads as a function application; declare '% hb: function "
                f"{latex}' (a function value), or '% hb: variable {latex}' (a product), or "
                f"write {latex} \\cdot {group}",
                offset,
            )
        toks = self.read_group_tokens()
        if set_expression(toks):  # A \times B is no product of numbers: keyed as written
            args, deps, parsed = raw_key(toks), set(), None
        elif (pair := divergence_split(toks)) is not None:  # D(P || Q): as D(P, Q)
            (a, d, p), (b, e, q) = self.args_read(pair[0]), self.args_read(pair[1])
            args, deps = f"{a}, {b}", d | e
            parsed = sp.Tuple(*p, *q) if p is not None and q is not None else None
        else:
            args, deps, parsed = self.args_read(toks, (",", ";", ":"))
        name = full + (marker or "") + ("" if opener == "(" else "[]")
        shown = latex + (marker or "")
        key = f"{name}({args})"
        return self.atom_symbol("func", name, key, f"{shown}({raw_key(toks)})", arg=parsed,
                                depends=deps)

    # -- norms, inner products ---------------------------------------------------------------
    def norm_atom(self, value: sp.Basic, toks: list[Any]) -> sp.Basic:
        """``\\|value\\|_sub`` of something not a declared vector: an atom ``>= 0``, keyed by
        the value and, for a product of letters, its written order (``toks``:
        :func:`~hallbound.proofs_checks.latex.math_order.ordered_text`)."""
        sub = ""
        if self.at("sym", "_"):  # type: ignore[attr-defined]
            sub = self.optional_sub_text()
        key = f"||{ordered_text(value, toks)}||{'_' + sub if sub else ''}"
        return self.atom_symbol("norm", f"norm_{sub}" if sub else "norm", key, key, lo=0.0,
                                arg=value, depends=value.free_symbols)

    def subscripted_norm(self, base: Any) -> sp.Basic | None:
        """``{\\|x\\|}_q``: a subscript after a braced norm atom belongs to the norm; the
        subscripted norm (the subscript consumed), or None when ``base`` is no such atom."""
        atom = self.scope.atoms.get(base) if isinstance(base, sp.Symbol) else None
        if atom is None or atom.kind != "norm" or "||_" in atom.key:
            return None
        sub = self.optional_sub_text()
        key = f"{atom.key}_{sub}"
        return self.atom_symbol("norm", f"norm_{sub}", key, key, lo=0.0, arg=atom.arg,
                                depends=atom.depends)

    def read_inner_product(self, offset: int) -> sp.Basic:
        """``\\langle x, y \\rangle`` (:meth:`inner_atom`): each side keyed by its value and the
        written order of its products; a subscript (``\\langle x, y \\rangle_m``) keys the space."""
        toks = self.read_group_tokens()
        label = self.optional_sub_text()  # <a, b>_m: the inner product of the space m
        parts = split_top(toks, (",", "|", "\\mid"))
        if len(parts) != 2:
            raise self.fail("an inner product needs two arguments", offset)  # type: ignore[attr-defined]
        vals = [self.try_parse(p) for p in parts]
        if vals[0] is not None and vals[1] is not None:
            split = self.split_inner(vals, parts, label)  # type: ignore[attr-defined]
            if split is not None:
                return split
            texts = [ordered_text(v, p) for v, p in zip(vals, parts, strict=True)]
            deps = vals[0].free_symbols | vals[1].free_symbols
        else:
            texts = [raw_key(p) for p in parts]
            deps = set()
        return self.inner_atom(texts, deps, label)

    def inner_atom(self, texts: list[str], deps: set, label: str) -> sp.Symbol:
        """The atom ``<a, b>_label`` of the sides' key texts (the label keys every piece of a
        split); ``>= 0`` when equal; symmetric unless the document has complex scalars
        (``Evidence.complex_scalars``: the written order is kept)."""
        texts = texts if getattr(self.scope.document, "complex_scalars", False) else sorted(texts)
        lo = 0.0 if texts[0] == texts[1] else None
        key = f"<{texts[0]}, {texts[1]}>" + (f"_{{{label}}}" if label else "")
        return self.atom_symbol("inner", "inner", key, key, lo=lo, depends=deps)

    # -- integrals and sums ------------------------------------------------------------------
    def find_differential(self) -> tuple[int, int, str] | None:
        """``(start, end, variable)`` of the top-level ``dx`` / ``\\mathrm{d}x`` /
        ``\\,d\\theta`` ending the integrand at the position."""
        depth = 0
        j = self.pos
        toks = self.toks
        rel = self.relation_at  # type: ignore[attr-defined]
        nested = 0  # integrals inside the integrand: each takes the first differential
        while j < len(toks):
            t = toks[j]
            if depth == 0 and t.kind == "cmd" and t.text == "int":
                nested += 1
            if closer_of(t) is not None:
                depth += 1
            elif is_closer(t):
                depth -= 1
                if depth < 0:
                    return None
            elif depth == 0 and rel(j):
                return None
            if depth == 0:
                width = 0
                if t.kind == "letter" and t.text == "d":
                    width = 1
                elif t.kind == "cmd" and t.text in ("mathrm", "operatorname", "text", "mathop"):
                    if j + 3 < len(toks) and [x.text for x in toks[j + 1 : j + 4]] == list("{d}"):
                        width = 4
                    elif j + 1 < len(toks) and toks[j + 1].text == "d":
                        width = 2
                elif t.kind == "cmd" and t.text == "d":
                    width = 1
                elif t.kind == "cmd" and t.text == "dd" and j + 1 < len(toks):
                    width = 2 if toks[j + 1].text == "{" else 1  # physics' \dd{x}
                if width and j + width + 2 < len(toks) and toks[j + width].text == "{":
                    if toks[j + width + 2].text == "}":  # d{s}: the braces are dropped
                        toks[j + width : j + width + 3] = [toks[j + width + 1]]
                if width and j + width < len(toks):
                    v = toks[j + width]
                    if v.kind == "letter" or (v.kind == "cmd" and v.text in LETTERLIKE):
                        prev = toks[j - 1] if j > self.pos else None
                        script = j >= 2 and show(toks[j - 2]) == "_"  # d\omega_id\omega
                        if script or not (  # "d" ending an italic word (``ad x``): no d
                            t.kind == "letter"
                            and prev is not None
                            and prev.kind == "letter"
                            and prev.offset + 1 == t.offset
                        ):
                            end, name = subscripted_variable(toks, j + width + 1, v.text)
                            if not nested and t.kind == "letter" and self.factor_d(j):
                                j += 1  # \int_0^1 d\, x^2\, dx: the number d, a factor
                                continue
                            if not nested:
                                return j, end, name
                            nested -= 1  # a nested integral's own differential
                            j = end
                            continue
            j += 1
        return None

    def integral_domain(self) -> str:
        r"""The set of ``\int_{x \in S}`` (its tokens' text; the subscript consumed), or
        ``""`` (nothing consumed) when the subscript is no domain. The integral is then an
        opaque atom keyed by the integrand and that set."""
        if not (self.at("sym", "_") and self.at("sym", "{", 1)):  # type: ignore[attr-defined]
            return ""
        close = match_group(self.toks, self.pos + 1)
        inner = self.toks[self.pos + 2 : close]
        cut = [k for k, t in enumerate(inner) if t.kind == "cmd" and t.text == "in"]
        if len(cut) != 1 or cut[0] == 0 or cut[0] == len(inner) - 1:
            return ""
        self.pos = close + 1
        return raw_key(inner[cut[0] + 1 :])

    def read_integral(self, offset: int) -> sp.Basic:
        """``\\int_a^b g(x)\\,dx``: SymPy's value when it finds one within
        :data:`INTEGRAL_CPU_S`; otherwise an atom keyed by integrand and limits."""
        start = self.pos
        if self.find_differential() is None:  # \int_x g(x) \partial\mu: kept whole
            end = partial_extent(self.toks, start, self.relation_at)  # type: ignore[attr-defined]
            if end is not None:
                self.pos = end
                key = f"int_partial({raw_key(self.toks[start:end])})"
                return self.atom_symbol("integral", "integral", key, key)
        lower = upper = None
        domain = self.integral_domain()
        for _ in range(0 if domain else 2):
            if self.at("sym", "_") and lower is None:  # type: ignore[attr-defined]
                self.next()  # type: ignore[attr-defined]
                lower = self.script()  # type: ignore[attr-defined]
            elif self.at("sym", "^") and upper is None:  # type: ignore[attr-defined]
                self.next()  # type: ignore[attr-defined]
                upper = self.script()  # type: ignore[attr-defined]
        self.move_differential()  # type: ignore[attr-defined]
        if (found := self.find_differential()) is None:
            if any(t.kind == "cmd" and t.text == "partial" for t in self.toks[self.pos :]):
                raise self.fail(  # type: ignore[attr-defined]
                    "an integral against a measure written \\partial\\mu is not read "
                    "(write d\\mu(x))", offset)
            raise self.fail(  # type: ignore[attr-defined]
                "an integral needs its differential (dx) after the integrand", offset
            )
        start, end, var_name = found
        measure = ""
        if end < len(self.toks) and self.toks[end - 2].text == "{" and show(self.toks[end]) == "}":
            end += 1  # \dd{x}: past the closing brace
        elif (
            end + 2 < len(self.toks)
            and show(self.toks[end]) == "("
            and show(self.toks[end + 2]) == ")"
        ):
            # d\mu(x): against a measure; read as an atom of the integrand and the measure
            measure, var_name = var_name, self.toks[end + 1].text
            end += 3
        body_toks = self.toks[self.pos : start]
        self.pos = end
        var = sp.Symbol(var_name, real=True)
        with self.binding(var_name, var):  # type: ignore[attr-defined]
            body = self.sub_parse(body_toks) if body_toks else sp.Integer(1)
        if isinstance(body, sp.MatrixBase):
            raise self.fail("an integral of a vector or matrix", offset)  # type: ignore[attr-defined]
        opaque = self.atoms_depending_on(body, var) or lower is None or upper is None
        opaque = opaque or bool(measure)
        if not opaque:
            value = evaluate_integral(body, var, lower, upper)
            if value is not None:
                return value
        limits = (lower, upper, measure, domain)
        finite = (domain and not infinite_set(domain)) or (
            lower is not None and upper is not None and finite_value(lower) and finite_value(upper))
        if not finite:
            return self.integral_atom(body, var, limits)
        split = self.linear_sum(  # type: ignore[attr-defined]
            body, var, lambda part: self.integral_part(part, var, limits), "integral")
        return split if split is not None else self.integral_part(body, var, limits)

    def integral_part(self, part: sp.Basic, var: sp.Symbol, limits: tuple) -> sp.Basic:
        """One part of a split integral: SymPy's value when it has limits, no measure, no atom
        depending on ``var`` and SymPy finds one (as if alone); else :meth:`integral_atom`."""
        lower, upper, measure, _ = limits
        swapped = self.integral_of_sum(  # type: ignore[attr-defined]
            part, var, lambda b: self.integral_atom(b, var, limits))
        if swapped is not None:
            return swapped
        plain = lower is not None and upper is not None and not measure
        if plain and not self.atoms_depending_on(part, var):
            value = evaluate_integral(part, var, lower, upper)
            if value is not None:
                return value
        return self.integral_atom(part, var, limits)

    def integral_atom(self, body: sp.Basic, var: sp.Symbol, limits: tuple) -> sp.Basic:
        """The atom of ``\\int body d var`` over ``limits`` (``lower, upper, measure, domain``),
        its factors free of ``var`` outside (:meth:`constant_factor`). The key names the
        variable ``_t`` only when every occurrence of it is a plain symbol; when an atom
        depends on it (``p(x, y)``, ``\\|x - y\\|``: one symbol each) the key keeps its name,
        so that ``\\int p(x, y) dy`` and ``\\int p(x, y) dx`` stay two numbers."""
        lower, upper, measure, domain = limits
        coeff, body = self.constant_factor(body, var)
        canon = var if self.atoms_depending_on(body, var) else sp.Symbol("_t", real=True)
        ends = ["" if b is None else sp.sstr(b) for b in (lower, upper)]
        lims = f"{{in {domain}}}" if domain else f"{ends[0]}^{ends[1]}"
        key = f"int_{lims}({sp.sstr(body.xreplace({var: canon}))} d{measure}({canon}))"
        deps = (body.free_symbols - {var}) | {
            s for b in (lower, upper) if b is not None for s in b.free_symbols
        }
        if measure and lower is None and upper is None and not domain:
            register(key, body.xreplace({var: canon}), canon, measure)  # models/measure_integrals
        if not domain:
            register_body(key, body, var, lower, upper, measure)  # models/nested_integrals
        lo = None
        if (
            body.is_nonnegative
            and lower is not None
            and upper is not None
            and (upper - lower).is_nonnegative
        ):
            lo = 0.0
        return coeff * self.atom_symbol("integral", "integral", key, key, lo=lo, depends=deps)

    def constant_factor(self, body: sp.Basic, var: sp.Symbol) -> tuple[sp.Basic, sp.Basic]:
        r"""``(c, g)`` with ``body = c * g`` and ``c`` the factors free of the integration
        variable (no atom in them depends on it): :math:`\int c\,g = c \int g`, so that
        ``\int 2 g`` and ``2 \int g`` are one atom."""
        const, rest = sp.Integer(1), sp.Integer(1)
        for f in sp.Mul.make_args(body):
            if var in f.free_symbols or self.atoms_depending_on(f, var):
                rest *= f
            else:
                const *= f
        return const, rest

    def opaque_big_operator(self, name: str, sub_toks: list[Any], upper: Any) -> sp.Basic:
        """``\\sum_{i \\in S} body`` (no numeric range): an atom keyed by the range text and
        the body read with ``i`` as an index; ``>= 0`` when the body is."""
        index = next((t.text for t in sub_toks if t.kind == "letter" or t.text in LETTERLIKE), None)
        start = self.pos  # type: ignore[has-type]
        subsets = subset_range(sub_toks) if name == "sum" and upper is None else None
        if subsets is not None:  # |Y \setminus X| = |Y| - |X| in the body (X \subseteq Y)
            tail = self.toks[start:]
            new, origin = rewrite_with_origins(tail, *subsets)
            self.toks = self.toks[:start] + new
        bound_index = sp.Symbol(index, integer=True) if index else sp.S.Zero
        with self.binding(index, bound_index):  # type: ignore[attr-defined]
            self.enter()  # type: ignore[attr-defined]
            body = self.product()  # type: ignore[attr-defined]
            if subsets is not None and self.pos - start < len(new):  # after the body: as written
                self.toks = self.toks[:self.pos] + tail[origin[self.pos - start]:]
            self.leave()  # type: ignore[attr-defined]
        if isinstance(body, sp.MatrixBase):
            raise self.fail(f"\\{name} of vectors is not supported")  # type: ignore[attr-defined]
        closed = self.subset_sum(body, subsets) if subsets is not None else None
        if closed is not None:
            return closed
        plain = _plain_index(sub_toks, index)
        if index_after_body(self.toks, self.pos, index, plain):  # sums: math_sums.sum_extent
            body = self.operator_extent(body, index, body_closed(self.toks, start, self.pos), name)
        return self.split_set_sum(name, sub_toks, upper, body, index)

    def split_set_sum(self, name: str, sub_toks: list[Any], upper: Any, body: sp.Basic,
                      index: str | None) -> sp.Basic:
        """``\\sum_{sub}^{upper} body`` split by linearity over a finite index set
        (:mod:`.math_linear`), else one atom (:meth:`set_sum_atom`)."""
        if name == "sum" and finite_subscript(raw_key(sub_toks), index, upper):
            var = self.bound.get(index, sp.Symbol(index, integer=True))
            split = self.linear_sum(  # type: ignore[attr-defined]
                body, var, lambda part: self.set_sum_atom(name, sub_toks, upper, part, index))
            if split is not None:
                return split
        return self.set_sum_atom(name, sub_toks, upper, body, index)

    def set_sum_atom(self, name: str, sub_toks: list[Any], upper: Any, body: sp.Basic,
                     index: str | None) -> sp.Symbol:
        """The atom of ``\\sum_{sub}^{upper} body`` (for a finite sum, one atom for the same
        range and body under another index name: :func:`.math_linear.canonical_form`)."""
        up = f"^{{{sp.sstr(upper)}}}" if upper is not None else ""
        key = f"{name}_{{{raw_key(sub_toks)}}}{up}({sp.sstr(body)})"
        lo = 0.0 if name == "sum" and body.is_nonnegative else None
        deps = {s for s in body.free_symbols if not (index and s.name == index)}
        arg = sp.Tuple(body, self.bound.get(index, sp.Symbol(index, integer=True))) if index \
            else None
        finite = name == "sum" and finite_subscript(raw_key(sub_toks), index, upper)
        bound = name == "sum" and bound_subscript(raw_key(sub_toks), index, upper)
        form = canonical_form(name, raw_key(sub_toks) + up, sp.sstr(body), index) \
            if bound and index else None  # the index surely bound: i, i \in S, a \le i \le b
        sym = self.merged(form, key, lambda: self.atom_symbol(  # type: ignore[attr-defined]
            "sum", name, key, key, lo=lo, arg=arg, depends=deps))
        if finite and arg is not None:
            self.remember_sum(  # type: ignore[attr-defined]
                sym, arg[1], body, lambda b: self.split_set_sum(name, sub_toks, upper, b, index))
        return sym

    def subset_sum(self, body: sp.Basic, subsets: tuple[list, list]) -> sp.Basic | None:
        """The sum of ``body`` over the subsets ``X \\subseteq Y`` in closed form
        (:func:`.subset_sums.binomial_closed_form`), the sets found among the body's symbols
        by their LaTeX; None when it has none."""
        def tex(toks: list) -> str:
            return "".join(("\\" + t.text) if t.kind == "cmd" else t.text for t in toks)

        def find(toks: list) -> sp.Symbol | None:
            want = tex(toks)
            for s in body.free_symbols:
                got = self.scope.latex.get(s, s.name)  # type: ignore[attr-defined]
                if got.replace(" ", "") == want:
                    return s
            return None

        xs, ys = find(subsets[0]), find(subsets[1])
        if xs is None or ys is None or self.atoms_depending_on(body, xs):
            return None  # f(D), \sum_{d \in D} w_d: a factor that varies with the subset
        return binomial_closed_form(body, sp.Abs(xs), sp.Abs(ys), xs)

    def extended_body(self, body: sp.Basic, index: str, closed: bool, name: str) -> sp.Basic:
        """``\\sup_x <y,x> - f(x)``: the whole difference (:mod:`.math_extent`). A body closed
        by brackets, or one the extension leaves free of the index (``\\max_k a_k - a_k``),
        keeps the refusal: the extent is ambiguous."""
        if not closed:
            longer = self.rest_of_body(body, index)
            sym = sp.Symbol(index, integer=True)
            if any(s.name == index for s in longer.free_symbols) \
                    or self.atoms_depending_on(longer, sym):
                return longer
        raise self.ambiguous_extent(name, index)  # type: ignore[attr-defined]

    def rest_of_body(self, body: sp.Basic, index: str) -> sp.Basic:
        """The terms after an operator's first factor, added to its body while the index is
        bound (:mod:`.math_extent`: the operator covers the rest of its group)."""
        with self.binding(index, sp.Symbol(index, integer=True)):  # type: ignore[attr-defined]
            while self.at("sym", "+") or self.at("sym", "-"):  # type: ignore[attr-defined]
                sign = self.next().text  # type: ignore[attr-defined]
                term = self.product()  # type: ignore[attr-defined]
                body = body + term if sign == "+" else body - term
        return body

    def ellipsis_sum(self, first: sp.Basic, last: sp.Basic) -> sp.Basic:
        """``first + \\cdots + last``: an atom keyed by its first and last terms."""
        key = f"{sp.sstr(first)} + ... + {sp.sstr(last)}"
        deps = first.free_symbols | last.free_symbols
        return self.atom_symbol("sum", "ellipsis", key, key, arg=sp.Tuple(first, last),
                                depends=deps)


__all__ = [
    "Evidence",
    "INTEGRAL_CPU_S",
    "ReadingMixin",
    "closer_of",
    "evaluate_integral",
    "is_closer",
    "reset_integral_budget",
    "scan_evidence",
    "split_top",
    "styled_name",
]


def _plain_index(sub_toks: list[Any], index: str | None) -> bool:
    """Whether the index letter stands in the subscript without a subscript of its own."""
    for k, t in enumerate(sub_toks):
        if t.text == index:
            return not (k + 1 < len(sub_toks) and show(sub_toks[k + 1]) == "_")
    return False
