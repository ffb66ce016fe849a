r"""Big operators for the LaTeX parser: ``\sum``/``\prod`` with limits and
``\min``/``\max`` of a list.

``\sum_{i=a}^{b}`` with numeric limits is written out (at most :data:`MAX_TERMS` terms), with
symbolic limits it is a SymPy ``Sum``; limits may come in either order (``\sum^{n}_{i=1}``).
With no limits, over a set, or with a body holding atoms that depend on ``i`` (so that SymPy
would take them for constants), it is an opaque atom
(:meth:`~hallbound.proofs_checks.latex.math_reading.ReadingMixin.opaque_big_operator`).

:class:`SumsMixin` is a base of :class:`~hallbound.proofs_checks.latex.math_parser.Parser`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_extent import body_closed, index_after_body
from hallbound.proofs_checks.latex.math_linear import canonical_form, finite_value
from hallbound.proofs_checks.latex.math_tokens import GREEK, MAX_TERMS, Token, skip_group


def _latex_base(name: str) -> str:
    return "\\" + name if name in GREEK else name


class SumsMixin:
    """Parser methods for ``\\sum``, ``\\prod``, ``\\min`` and ``\\max``."""

    toks: list[Any]
    pos: int
    bound: dict[str, sp.Symbol]

    @contextmanager
    def binding(self, name: str | None, value: sp.Basic) -> Iterator[None]:
        """Inside the block the letter ``name`` reads as ``value`` (a summation index, an
        integration or limit variable, an evaluation end); its outer reading comes back after
        the block, however it ends. ``name=None`` binds nothing."""
        if name is None:
            yield
            return
        saved = self.bound.get(name)
        self.bound[name] = value
        try:
            yield
        finally:
            if saved is None:
                self.bound.pop(name, None)
            else:
                self.bound[name] = saved

    def minmax(self, func: Callable[..., sp.Basic]) -> sp.Basic:
        if self.at("sym", "_"):
            raise self.fail("\\min/\\max over a set are not supported; list the values")
        if self.at("sym", "("):
            open_, close, kind = "(", ")", "sym"
        elif self.at("cmd", "{"):
            open_, close, kind = "{", "}", "cmd"
        elif self.at("sym", "{"):
            open_, close, kind = "{", "}", "sym"
        else:
            raise self.fail("\\min/\\max need a parenthesised list")
        self.next()
        args = [self.expression()]
        while self.at("sym", ","):
            self.next()
            args.append(self.expression())
        self.expect(kind, close)
        del open_
        return func(*args)

    def big_operator(self, name: str, offset: int) -> sp.Basic:
        """``\\sum_{i=a}^{b}`` (written out for numeric limits, else a SymPy ``Sum``); with
        no limits, over a set, or with a body holding atoms that depend on ``i``: an opaque
        atom (:meth:`opaque_big_operator`)."""
        self.limits_in_order()
        if name not in ("sum", "prod") or not self.numeric_range_follows():
            sub: list[Token] = []
            if self.at("sym", "_"):
                self.next()
                sub = self.read_group_tokens() if self.at("sym", "{") else [self.next()]
            upper = None
            if self.at("sym", "^"):
                self.next()
                upper = self.script()
            return self.opaque_big_operator(name, sub, upper)
        self.next()
        self.expect("sym", "{")
        var_tok = self.next()
        self.expect("sym", "=")
        lower = self.expression()
        self.expect("sym", "}")
        if not self.at("sym", "^"):
            raise self.fail(f"\\{name} needs an upper limit ^{{b}}", offset)
        self.next()
        upper = self.script()
        var = sp.Symbol(var_tok.text, integer=True)
        with self.binding(var_tok.text, var):
            self.enter()
            start = self.pos
            body = self.product()
            if index_after_body(self.toks, self.pos, var_tok.text, True):  # \sum_k 1/k - 1/(k+1)
                body = self.sum_extent(body, var_tok.text,
                                       body_closed(self.toks, start, self.pos), name)
            self.leave()
        if isinstance(body, sp.MatrixBase):
            raise self.fail(f"\\{name} of vectors is not supported", offset)
        if self.atoms_depending_on(body, var):  # E[X_i] summed: SymPy would see a constant
            return self.split_range_sum(name, var, lower, upper, body)
        cls = sp.Sum if name == "sum" else sp.Product
        if lower.is_Integer and upper.is_Integer:
            n = int(upper) - int(lower) + 1
            if n > MAX_TERMS:
                raise self.fail(f"\\{name} with {n} terms (limit {MAX_TERMS})", offset)
            terms = [self.instantiate(body, var, k) for k in range(int(lower), int(upper) + 1)]
            return sp.Add(*terms) if name == "sum" else sp.Mul(*terms)
        return cls(body, (var, lower, upper))

    def operator_extent(self, body: sp.Basic, index: str, closed: bool, name: str) -> sp.Basic:
        """The body of an operator whose index recurs after it: :meth:`sum_extent` for a
        sum or product, else :meth:`.math_reading.ReadingMixin.extended_body`."""
        if name in ("sum", "prod"):
            return self.sum_extent(body, index, closed, name)
        return self.extended_body(body, index, closed, name)  # type: ignore[attr-defined]

    def sum_extent(self, body: sp.Basic, index: str, closed: bool, name: str) -> sp.Basic:
        r"""``\sum_{k=1}^n \frac1k - \frac1{k+1}``: the index recurs after the body, beyond
        a top-level ``+``/``-`` (:func:`.math_extent.index_after_body`), so the sum covers
        the terms after it, up to the end of its group or the next relation, when each of
        them holds the index (a term free of it would be counted once per index in the sum,
        and once outside: ambiguous). Refused (never a free index) for a product, a body
        the author closed with brackets, or a term free of the index."""
        if closed or name != "sum":
            raise self.ambiguous_extent(name, index)
        sym = sp.Symbol(index, integer=True)
        with self.binding(index, sym):  # type: ignore[attr-defined]
            while self.at("sym", "+") or self.at("sym", "-"):  # type: ignore[attr-defined]
                sign = self.next().text  # type: ignore[attr-defined]
                term = self.product()  # type: ignore[attr-defined]
                if sym not in term.free_symbols and not self.atoms_depending_on(term, sym):
                    raise self.ambiguous_extent(name, index)  # \sum_k a_k - b_k + 1
                body = body + term if sign == "+" else body - term
        return body

    def ambiguous_extent(self, name: str, index: str) -> Exception:
        """The refusal of an operator whose extent is ambiguous."""
        return self.fail(  # type: ignore[attr-defined]
            f"the extent of \\{name}_{{{index}}} is ambiguous ({index} occurs after its "
            f"body): write \\{name}_{{{index}}} (..) around the whole body, or (\\{name}_"
            f"{{{index}}} ..) around the operator alone")

    def split_range_sum(self, name: str, var: sp.Symbol, lower: sp.Basic, upper: sp.Basic,
                        body: sp.Basic) -> sp.Basic:
        """``\\sum_{var=lower}^{upper} body`` split by linearity when the range is finite
        (:meth:`.math_linear.LinearMixin.linear_sum`), else
        :meth:`range_sum`."""
        finite = name == "sum" and finite_value(lower) and finite_value(upper)
        split = self.linear_sum(  # type: ignore[attr-defined]
            body, var, lambda part: self.range_sum(name, var, lower, upper, part)
        ) if finite else None
        return split if split is not None else self.range_sum(name, var, lower, upper, body)

    def range_sum(self, name: str, var: sp.Symbol, lower: sp.Basic, upper: sp.Basic,
                  body: sp.Basic) -> sp.Basic:
        """``\\sum_{var=lower}^{upper} body``: an atom when an atom of ``body`` depends on
        ``var`` (the same atom under another index name), else a SymPy ``Sum``/``Product``."""
        if not self.atoms_depending_on(body, var):
            cls = sp.Sum if name == "sum" else sp.Product
            return cls(body, (var, lower, upper))
        rng = f"{var}={sp.sstr(lower)}"
        key = f"{name}_{{{rng}}}^{{{sp.sstr(upper)}}}({sp.sstr(body)})"
        deps = (body.free_symbols | lower.free_symbols | upper.free_symbols) - {var}
        form = canonical_form(name, f"{rng}^{{{sp.sstr(upper)}}}", sp.sstr(body), var.name)
        sym = self.merged(form, key, lambda: self.atom_symbol(  # type: ignore[attr-defined]
            "sum", name, key, key, depends=deps))
        if name == "sum" and finite_value(lower) and finite_value(upper):
            self.remember_sum(  # type: ignore[attr-defined]
                sym, var, body, lambda b: self.split_range_sum(name, var, lower, upper, b))
        return sym

    def limits_in_order(self) -> None:
        """``\\sum^{n}_{i=1}`` -> ``\\sum_{i=1}^{n}`` (the tokens are reordered)."""
        if not self.at("sym", "^"):
            return
        end = skip_group(self.toks, self.pos + 1) if self.at("sym", "{", 1) else self.pos + 2
        if end < len(self.toks) and self.toks[end].text == "_" and self.toks[end].kind == "sym":
            braced = self.at("sym", "{", end + 1 - self.pos)
            sub_end = skip_group(self.toks, end + 1) if braced else end + 2
            sup, sub = self.toks[self.pos : end], self.toks[end:sub_end]
            self.toks[self.pos : sub_end] = sub + sup

    def numeric_range_follows(self) -> bool:
        """``_{i=a}^{b}`` (or ``_{i=a}^b``) with a letter index ``i``."""
        if not (self.at("sym", "_") and self.at("sym", "{", 1) and self.at("sym", "=", 3)):
            return False
        v = self.peek(2)
        assert v is not None
        if not (v.kind == "letter" or (v.kind == "cmd" and v.text in GREEK)):
            return False
        close = skip_group(self.toks, self.pos + 1)
        return self.at("sym", "^", close - self.pos)

    def instantiate(self, body: sp.Basic, var: sp.Symbol, k: int) -> sp.Basic:
        """``body`` at ``var = k``: indexed names ``x[i]`` become the symbols ``x_k``."""

        def repl(e: sp.Indexed) -> sp.Basic:
            idx = e.indices[0].subs(var, k)
            if not idx.is_Integer:
                return e.func(e.base, idx)
            base = str(e.base)
            return self.symbol(f"{base}_{int(idx)}", f"{_latex_base(base)}_{{{int(idx)}}}")

        out = body.subs(var, k)
        return out.replace(lambda e: isinstance(e, sp.Indexed), repl)


__all__ = ["SumsMixin"]
