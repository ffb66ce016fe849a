r"""The evaluation bracket :math:`\left[F\right]_a^b = F(b) - F(a)`, as integrations by parts
and antiderivatives write it (``2 \left[ g(u)^2 \right]_0^{1/2}``).

The variable is the one symbol ``F`` depends on (a plain symbol of ``F``, or the argument of a
function value in it: ``g(u)`` depends on ``u``); ``F`` is read again with that variable
bound to each end, so a function value becomes its value there (``g(1/2)``, the same atom as
a ``g\left(\frac12\right)`` written elsewhere). A bracket whose ``F`` depends on several
symbols (which one is the variable?) or on none, and an end at infinity (a limit), are
refused with a message saying so.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_names import match_group, show


class EvaluationMixin:
    """``[F]_a^b`` at the parser's position (see the module doc)."""

    toks: list[Any]
    pos: int
    scope: Any
    bound: dict[str, Any]

    def evaluation_bracket(self) -> sp.Basic | None:
        """``[F]_a^b`` / ``[F]^b_a`` at the position (``[`` next): ``F(b) - F(a)``
        (consumed); None (nothing consumed) when no ``_``/``^`` pair follows the bracket."""
        start = self.pos
        close = match_group(self.toks, self.pos)
        if close + 1 >= len(self.toks) or show(self.toks[close]) != "]":
            return None
        if show(self.toks[close + 1]) not in ("_", "^"):
            return None
        inner = self.toks[start + 1 : close]
        self.pos = close + 1
        ends: dict[str, Any] = {}
        for _ in range(2):
            for mark in ("_", "^"):
                if mark not in ends and self.at("sym", mark):  # type: ignore[attr-defined]
                    self.next()  # type: ignore[attr-defined]
                    ends[mark] = self.script()  # type: ignore[attr-defined]
        if len(ends) != 2:
            self.pos = start
            return None
        lower, upper = ends["_"], ends["^"]
        offset = self.toks[start].offset
        if any(e.has(sp.oo, -sp.oo, sp.zoo) for e in (lower, upper)):
            raise self.fail("an evaluation [F] at infinity is a limit: not read", offset)  # type: ignore[attr-defined]
        name = self.bracket_variable(inner, offset)
        return self.value_at(inner, name, upper) - self.value_at(inner, name, lower)

    def bracket_variable(self, inner: list[Any], offset: int) -> str:
        """The name of the one symbol ``F`` (``inner``) depends on; refused otherwise."""
        value = self.sub_parse(inner)  # type: ignore[attr-defined]
        if isinstance(value, sp.MatrixBase):
            raise self.fail("an evaluation [F] of a vector or matrix", offset)  # type: ignore[attr-defined]
        atoms = self.scope.atoms
        names: set[str] = set()
        for s in value.free_symbols:
            deps = atoms[s].depends if s in atoms else {s}
            names |= {d.name for d in deps if isinstance(d, sp.Symbol)}
        if len(names) != 1:
            which = ", ".join(sorted(names)) or "no symbol"
            raise self.fail(  # type: ignore[attr-defined]
                f"an evaluation [F]_a^b needs one variable in F (it has {which})", offset)
        return names.pop()

    def value_at(self, inner: list[Any], name: str, end: sp.Basic) -> sp.Basic:
        """``F`` (``inner``) read with the symbol ``name`` standing for ``end``."""
        saved = self.bound.get(name)
        self.bound[name] = end
        try:
            return self.sub_parse(inner)  # type: ignore[attr-defined]
        finally:
            if saved is None:
                self.bound.pop(name, None)
            else:
                self.bound[name] = saved


__all__ = ["EvaluationMixin"]
