r"""Derivatives, gradients and differentials as authors write them: the
:class:`DerivativesMixin` of :class:`~hallbound.proofs_checks.latex.math_parser.Parser`.

Reading rules (each refused by name where the text is unclear):

1. Leibniz notation ``\frac{d}{dx} E``, ``\frac{d E}{dx}``, ``\frac{d^2 E}{dx^2}``, with the
   ``d`` written ``d``, ``\mathrm{d}``, ``\operatorname{d}`` or ``\text{d}``, and the partial
   ``\frac{\partial}{\partial x} E``, ``\frac{\partial^2 E}{\partial x^2}``. The scope of a
   ``\frac{d}{dx}`` written before its operand must be one bracket group, one function
   application or one atom (with its power: ``\frac{d}{dx} e^{2x}``), with nothing
   multiplied on (``\frac{d}{dx} f(x) g(x)``, ``\frac{d}{dx} x \cdot y`` and an evaluation
   bar ``\Big|_{x=a}`` are refused). Mixed partials (``\partial x \partial y``) and
   differing orders are refused. Where the letter ``d`` is a number (assumed, declared,
   defined or used as one in the environment: :meth:`DerivativesMixin.d_is_number`), a
   ``\frac{d}{dx}`` with the letter ``d`` is refused (a quotient or a derivative?); the
   upright ``\mathrm{d}`` is still read.
2. The value is SymPy's ``diff`` of what is read, with each function value ``f(u)`` (an
   opaque ``func`` atom with its argument read) an uninterpreted SymPy ``Function``, so the
   chain rule holds: ``\frac{d}{dy}\Phi(\ln y) = \Phi'(\ln y) / y``. ``f^{(k)}`` of one
   argument comes back as the atom the text ``f'(u)`` / ``f''(u)`` reads to (the same key).
3. What ``diff`` cannot see is never taken for a constant: with the total ``d``, any other
   letter (it may depend on ``x``: ``\frac{d}{dt} x^2`` is ``2 x \dot x``) or any other atom
   makes the derivative one opaque atom keyed by ``d^k/dx^k`` and the operand (the same text,
   the same atom; it never refutes). With ``\partial`` other letters are held fixed, by
   definition; an atom whose text names ``x`` but that is no function value stays opaque.
   ``|x|``, ``\max``, ``\lfloor x\rfloor`` (points without a derivative) are never
   differentiated: their derivative is that opaque atom too.
4. Gradients ``\nabla f(x)``, ``\nabla^2 f(x)``, ``\nabla_x f(x, y)``: an opaque function
   value keyed by ``\nabla``, its order and subscript, and the function value's own key
   (``\nabla f(x)`` read twice is one symbol). It is a number like any undeclared letter of
   the reader (``x`` in ``\langle x, y\rangle``), so ``\langle \nabla f(x), y - x\rangle``
   splits by the inner product's linearity; its transpose is refused as any undeclared
   name's is. ``\nabla`` of anything but one function application is refused.
5. A differential written first, ``\int_0^1 dx\, f(x)`` (physics style), integrates what
   follows it up to the next top-level ``+``, ``-``, relation or closing bracket (where a
   ``\sum``'s body ends); ``\int_0^1 \frac{dx}{1 + x}`` integrates ``1 / (1 + x)`` when no
   factor follows the fraction. Both are rewritten to the usual order before reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from hallbound.proofs_checks.latex.math_names import closer_of, is_closer, show
from hallbound.proofs_checks.latex.math_tokens import GREEK, Token, skip_group

#: Upright wrappers of the differential's ``d`` (``\mathrm{d}x``).
_UPRIGHT = ("mathrm", "operatorname", "text", "mathit", "textrm")
#: A function head that can stand for an uninterpreted SymPy ``Function``: a name, maybe
#: subscripted, maybe primed (``f``, ``f_t``, ``\Phi``, ``f'``); not ``f[..]``, ``f^*``.
_PLAIN_HEAD = re.compile(r"\\?[A-Za-z]+(_\{?[A-Za-z0-9]+\}?)?'*")

#: Functions with points where no derivative exists: their derivative stays opaque.
_NOT_SMOOTH = (sp.Abs, sp.sign, sp.Max, sp.Min, sp.floor, sp.ceiling, sp.Piecewise,
               sp.Heaviside, sp.frac)


@dataclass(frozen=True)
class Leibniz:
    """A parsed ``\\frac{d^k E}{d x^k}``: ``partial``, the order ``k``, the variable's tokens
    and the operand's tokens ``body`` (empty: the operand follows the fraction)."""

    partial: bool
    order: int
    var: list[Token]
    body: list[Token]


def d_marker(toks: list[Token], i: int) -> tuple[bool, int] | None:
    r"""``(partial, width)`` of a differential sign at ``toks[i]``: ``d``, ``\partial``,
    ``\mathrm{d}`` (and the other upright wrappers), ``\mathrm d``; None when there is none."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t.kind == "letter" and t.text == "d":
        return False, 1
    if t.kind == "cmd" and t.text == "partial":
        return True, 1
    if t.kind == "cmd" and t.text in _UPRIGHT:
        if [show(x) for x in toks[i + 1 : i + 4]] == ["{", "d", "}"]:
            return False, 4
        if i + 1 < len(toks) and toks[i + 1].kind == "letter" and toks[i + 1].text == "d":
            return False, 2
    return None


def _after_script(toks: list[Token], i: int) -> int:
    """The index after the script whose ``^`` / ``_`` is ``toks[i]`` (a braced group or one
    token)."""
    if i + 1 >= len(toks):
        return i + 1
    end = skip_group(toks, i + 1)
    return end if end > i + 1 else i + 2


def _order(toks: list[Token], i: int) -> tuple[int | None, int]:
    """The order ``k`` of a ``^k`` / ``^{k}`` at ``toks[i]`` (1 and ``i`` when there is
    none; None for an order that is no positive integer literal) and the index after it."""
    if i >= len(toks) or show(toks[i]) != "^":
        return 1, i
    end = _after_script(toks, i)
    inner = toks[i + 2 : end - 1] if show(toks[i + 1]) == "{" else toks[i + 1 : end]
    if len(inner) == 1 and inner[0].kind == "num" and inner[0].text.isdigit():
        return int(inner[0].text), end
    return None, end


def leibniz_parts(num: list[Token], den: list[Token]) -> Leibniz | str | None:
    r"""The Leibniz fraction ``num / den`` (:class:`Leibniz`); a refusal message where it is
    one but not readable; None where it is no Leibniz fraction (``\frac{d}{d+1}``,
    ``\frac{d^2}{d_i}``, ``\frac{d\mu}{d\nu}`` stay quotients)."""
    top, bottom = d_marker(num, 0), d_marker(den, 0)
    if top is None or bottom is None:
        return None
    w = bottom[1]
    v = den[w] if w < len(den) else None
    if v is None or not (v.kind == "letter" or (v.kind == "cmd" and v.text in GREEK)):
        return None
    greek = [p for p in (num, den) if len(p) == 2 and p[1].kind == "cmd" and p[1].text in GREEK]
    if not top[0] and len(greek) == 2:
        return None  # d\mu / d\nu: a Radon-Nikodym density, read by the measure models
    if top[0] != bottom[0]:
        return "a fraction of d and \\partial is not read as a derivative"
    end = w + 1
    if end < len(den) and show(den[end]) == "_":
        end = _after_script(den, end)
    var = den[w:end]
    k_den, after = _order(den, end)
    if after != len(den):
        return "a mixed partial derivative (or a denominator other than dx^k) is not read"
    k_num, start = _order(num, top[1])
    if k_num is None or k_den is None or k_num != k_den:
        return "the orders of a derivative's numerator and denominator differ or are unclear"
    return Leibniz(top[0], k_num, var, num[start:])


def _function_head(atom: Any) -> bool:
    """A ``func`` atom whose argument was read and whose head is a plain (maybe primed)
    function name: it can be an uninterpreted SymPy ``Function``."""
    return (atom.kind == "func" and isinstance(atom.arg, sp.Tuple)
            and _PLAIN_HEAD.fullmatch(atom.head) is not None)


def _names(atom: Any, var: sp.Symbol) -> bool:
    """Whether the atom's text or its dependences name ``var``."""
    return var in atom.depends or re.search(rf"(?<![A-Za-z]){re.escape(var.name)}(?![A-Za-z])",
                                            atom.key) is not None


class DerivativesMixin:
    """Leibniz derivatives and gradients (see the module doc)."""

    toks: list[Any]
    pos: int
    scope: Any

    def read_leibniz(self, parts: Leibniz, offset: int) -> sp.Basic:
        r"""The value of ``\frac{d^k E}{dx^k}`` (rules 1-3 of the module doc); the position
        is past the fraction (and past the operand when it follows)."""
        var = self.sub_parse(parts.var)  # type: ignore[attr-defined]
        if not isinstance(var, sp.Symbol) or var in self.scope.atoms:
            raise self.fail("a derivative with respect to something that is not a variable",  # type: ignore[attr-defined]
                            offset)
        if parts.body:
            body = self.sub_parse(parts.body)  # type: ignore[attr-defined]
        else:
            body = self.derivative_operand(offset)
        if isinstance(body, sp.MatrixBase):
            raise self.fail("a derivative of a vector or matrix is not read", offset)  # type: ignore[attr-defined]
        return self.derivative_value(body, var, parts.order, parts.partial)

    def derivative_operand(self, offset: int) -> sp.Basic:
        r"""The operand after ``\frac{d}{dx}``: one bracket group, function application or
        atom (and its power), with no factor or evaluation bar after it (else refused by name)."""
        t = self.peek()  # type: ignore[attr-defined]
        if t is None or (t.kind == "sym" and t.text in "+-=<>|"):
            raise self.fail("\\frac{d}{dx} with no operand (an evaluation bar?) is not read",  # type: ignore[attr-defined]
                            offset)
        value = self.power()  # type: ignore[attr-defined]
        nxt = self.peek()  # type: ignore[attr-defined]
        unclear = nxt is not None and (
            (nxt.kind == "sym" and nxt.text in "/'_")
            or (nxt.kind == "cmd" and nxt.text in ("cdot", "times", "big", "Big", "bigg"))
            or self.starts_factor())  # type: ignore[attr-defined]
        if unclear:
            raise self.fail(  # type: ignore[attr-defined]
                "the scope of \\frac{d}{dx} is unclear (what follows the operand belongs to "
                "it or not?): write \\frac{d}{dx}\\left(...\\right)", offset)
        return value

    def derivative_value(self, body: sp.Basic, var: sp.Symbol, order: int,
                         partial: bool) -> sp.Basic:
        """``d^order body / d var^order`` by SymPy with function values as ``Function``s;
        the opaque derivative atom where anything could depend on ``var`` unseen."""
        atoms = self.scope.atoms
        if body.has(*_NOT_SMOOTH):  # |x|' at 0: SymPy's sign(0) = 0 is no derivative
            return self.derivative_atom(body, var, order, partial)
        subs: dict[sp.Symbol, sp.Basic] = {}
        for s in body.free_symbols:
            atom = atoms.get(s)
            if s == var or (atom is None and partial):
                continue
            if atom is not None and _function_head(atom) and self.readable_args(atom, var,
                                                                                partial):
                subs[s] = sp.Function(atom.head)(*atom.arg)
            elif atom is None or not partial or _names(atom, var):
                return self.derivative_atom(body, var, order, partial)
        try:
            value = sp.diff(body.xreplace(subs), var, order)
        except (TypeError, ValueError, NotImplementedError):
            return self.derivative_atom(body, var, order, partial)
        back = self.back_to_atoms(value, {v: k for k, v in subs.items()})
        return back if back is not None else self.derivative_atom(body, var, order, partial)

    def readable_args(self, atom: Any, var: sp.Symbol, partial: bool) -> bool:
        """A function value's arguments hold no atom, and (total ``d``) no letter but
        ``var``."""
        free = set().union(*(a.free_symbols for a in atom.arg))
        if any(s in self.scope.atoms for s in free):
            return False
        return partial or free <= {var}

    def back_to_atoms(self, value: sp.Basic, plain: dict) -> sp.Basic | None:
        """``value`` with each ``F(u)`` back to its atom and each ``F^{(k)}(u)`` of one
        argument as the atom of ``F'..'(u)``; None when anything else is left."""
        reps: dict[sp.Basic, sp.Basic] = {}
        for sub in value.atoms(sp.Subs):
            expr, names, points = sub.args
            if not (isinstance(expr, sp.Derivative) and len(names) == 1
                    and isinstance(expr.expr, AppliedUndef) and expr.expr.args == names):
                return None
            reps[sub] = self.primed_atom(expr.expr.func, expr.derivative_count, points[0])
        value = value.xreplace(reps)
        reps = {}
        for der in value.atoms(sp.Derivative):
            fn = der.expr
            if not (isinstance(fn, AppliedUndef) and len(fn.args) == 1
                    and all(v == fn.args[0] for v in der.variables)):
                return None
            reps[der] = self.primed_atom(fn.func, der.derivative_count, fn.args[0])
        value = value.xreplace(reps).xreplace(plain)
        return None if value.atoms(AppliedUndef, sp.Derivative, sp.Subs) else value

    def primed_atom(self, func: Any, count: int, point: sp.Basic) -> sp.Symbol:
        """The atom ``f'..'(point)`` (``count`` primes after the head's own), keyed as the
        text ``f'(u)`` is read."""
        head = f"{func.__name__}{chr(39) * count}"
        latex = next((a.latex.split("(")[0] for a in self.scope.atoms.values()
                      if a.kind == "func" and a.head == func.__name__), func.__name__)
        text = sp.sstr(point)
        return self.atom_symbol("func", head, f"{head}({text})",  # type: ignore[attr-defined]
                                f"{latex}{chr(39) * count}({text})", arg=sp.Tuple(point),
                                depends=point.free_symbols)

    def derivative_atom(self, body: sp.Basic, var: sp.Symbol, order: int,
                        partial: bool) -> sp.Symbol:
        """The opaque ``d^k/dx^k[body]`` (``partial^k/...`` for ``\\partial``)."""
        sign = "partial" if partial else "d"
        power = f"^{order}" if order > 1 else ""
        key = f"{sign}{power}/{sign}{var.name}{power}[{sp.sstr(body)}]"
        return self.atom_symbol("deriv", sign, key, key,  # type: ignore[attr-defined]
                                depends=body.free_symbols | {var})

    def read_gradient(self, offset: int) -> sp.Symbol:
        r"""``\nabla f(u)``, ``\nabla^2 f(u)``, ``\nabla_x f(u)`` (rule 4 of the module doc);
        the position is at ``\nabla``."""
        self.next()  # type: ignore[attr-defined]
        order, sub = 1, ""
        for _ in range(2):
            if self.at("sym", "^") and order == 1:  # type: ignore[attr-defined]
                order, end = _order(self.toks, self.pos)
                if order is None:
                    raise self.fail("\\nabla^k needs a positive integer k", offset)  # type: ignore[attr-defined]
                self.pos = end
            elif self.at("sym", "_") and not sub:  # type: ignore[attr-defined]
                sub = self.optional_sub_text()  # type: ignore[attr-defined]
        t = self.peek()  # type: ignore[attr-defined]
        value = self.atom() if t is not None and t.kind in ("letter", "cmd") else None  # type: ignore[attr-defined]
        atom = self.scope.atoms.get(value) if isinstance(value, sp.Symbol) else None
        if atom is None or atom.kind != "func":
            raise self.fail("gradients are read only of one function applied to its "  # type: ignore[attr-defined]
                            "argument (\\nabla f(x))", offset)
        head = "nabla" + (f"^{order}" if order > 1 else "") + (f"_{{{sub}}}" if sub else "")
        return self.atom_symbol("func", f"{head} {atom.head}", f"{head} {atom.key}",  # type: ignore[attr-defined]
                                f"\\{head} {atom.latex}", arg=atom.arg, depends=atom.depends)

    def d_is_number(self) -> bool:
        r"""Whether the letter ``d`` is a number here: declared, assumed, boxed or defined
        (``% hb: assume d > 0``, ``let d = 2``) or used as a number in the environment
        (``d + 1``). Then ``\frac{d}{dn}`` is no derivative for sure (it is refused), and a
        ``d`` before a letter is no differential where another one ends the integrand."""
        scope = self.scope
        if "d" in scope.variables or "d" in getattr(scope, "named", ()):
            return True
        uses = (scope.evidence, getattr(self, "row_evidence", None))
        return any(ev is not None and "d" in ev.standalone for ev in uses)

    def factor_d(self, j: int) -> bool:
        r"""Whether the letter ``d`` at ``toks[j]`` (before a letter, in an integrand) is the
        number ``d``, a factor: ``d`` is a number (:meth:`d_is_number`) and another
        differential after it ends the integrand (``\int_0^1 d\, x^2\, dx``)."""
        if not self.d_is_number():
            return False
        start, self.pos = self.pos, j + 1
        try:
            return self.find_differential() is not None  # type: ignore[attr-defined]
        finally:
            self.pos = start

    # -- differentials written before the integrand ------------------------------------------
    def move_differential(self) -> None:
        r"""``\int_a^b dx\, E`` (the differential first) and ``\int_a^b \frac{dx}{E}``: the
        tokens rewritten as ``E\, dx`` and ``\frac{1}{E} dx`` (rule 5 of the module doc);
        nothing changes where no such differential is at the position."""
        toks, i = self.toks, self.pos
        if i < len(toks) and toks[i].kind == "cmd" and toks[i].text in ("frac", "dfrac", "tfrac"):
            j = skip_group(toks, i + 1)
            k = skip_group(toks, j)
            if j == i + 1 or k == j or _differential_end(toks, i + 2) != j - 1:
                return
            if k < len(toks) and not self.integrand_ends(k):
                return  # rac{dx}{x} f(x): which is the integrand? left to the refusal
            one = [Token("sym", "{", toks[i + 1].offset), Token("num", "1", toks[i + 2].offset),
                   Token("sym", "}", toks[j - 1].offset)]
            toks[i:k] = [toks[i], *one, *toks[j:k], *toks[i + 2 : j - 1]]
            return
        e = _differential_end(toks, i)
        if e is None or e >= len(toks) or self.integrand_ends(e) or show(toks[e]) in "^_'":
            return
        stop = e
        depth = 0
        while stop < len(toks) and not (depth == 0 and self.integrand_ends(stop)):
            depth += 1 if closer_of(toks[stop]) is not None else 0
            depth -= 1 if is_closer(toks[stop]) else 0
            stop += 1
        self.pos = e
        later = self.find_differential()  # type: ignore[attr-defined]
        self.pos = i
        if later is None or later[0] >= stop:  # \int d x^2\, dx: d is a factor there
            toks[i:stop] = [*toks[e:stop], *toks[i:e]]

    def integrand_ends(self, j: int) -> bool:
        """Token ``j`` ends an integrand written after its differential: a relation, a
        closing bracket, a top-level ``+``/``-`` (as a sum's body ends), or the end."""
        if j >= len(self.toks):
            return True
        t = self.toks[j]
        return (self.relation_at(j) or is_closer(t)  # type: ignore[attr-defined]
                or (t.kind == "sym" and t.text in "+-,;")
                or (t.kind == "cmd" and t.text in ("pm", "mp")))


def _differential_end(toks: list[Token], i: int) -> int | None:
    r"""The index after a total differential ``dx`` / ``\mathrm{d}x_i`` starting at
    ``toks[i]`` (a ``d`` sign and one variable, maybe subscripted); None where there is none."""
    mark = d_marker(toks, i)
    if mark is None or mark[0]:
        return None
    v = i + mark[1]
    if v >= len(toks) or not (toks[v].kind == "letter"
                              or (toks[v].kind == "cmd" and toks[v].text in GREEK)):
        return None
    if v + 1 < len(toks) and show(toks[v + 1]) == "_":
        return _after_script(toks, v + 1)
    return v + 1


__all__ = ["DerivativesMixin", "Leibniz", "d_marker", "leibniz_parts"]
