r"""Entropy and mutual information for the LaTeX parser: ``\mathbb{H}[..]`` and
``\mathbb{I}[X : Y]``.

Every quantity is written with *joint entropies* only, each an opaque atom (kind ``H``) keyed
by the set of its arguments (``H[X, Y]`` and ``H[Y, X, X]`` are one atom), through the exact
identities that define the others (the chain rule; they hold for Shannon entropy, and for
differential entropy wherever the terms are finite):

* :math:`H[X \mid Y] = H[X, Y] - H[Y]`;
* :math:`I[X : Y] = H[X] + H[Y] - H[X, Y]`;
* :math:`I[X : Y \mid Z] = H[X, Z] + H[Y, Z] - H[X, Y, Z] - H[Z]`.

No bound is put on an entropy (a differential entropy may be negative), and nothing that
needs independence or a bijection (``H[X, X + Y] = H[X, Y]``) is used.

``\mathbb{I}`` is mutual information only with a top-level ``:`` in its bracket; otherwise it
stays the indicator (``\mathbb{I}\{A_s = a\}``). :class:`InformationMixin` is a base of
:class:`~hallbound.proofs_checks.latex.math_probability.ProbabilityMixin`'s users; it needs
``read_group_tokens``, ``split_condition``, ``try_parse`` and ``atom_symbol``.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_names import raw_key, split_top
from hallbound.proofs_checks.latex.math_tokens import LatexError, Token


class InformationMixin:
    """Parser methods for entropies and mutual information."""

    toks: list[Any]
    pos: int

    def mutual_information_follows(self) -> bool:
        r"""A bracket follows whose contents have a top-level ``:`` (``\mathbb{I}[X : Y]``);
        nothing is consumed."""
        if not (self.at("sym", "[") or self.at("sym", "(")):  # type: ignore[attr-defined]
            return False
        start = self.pos
        try:
            toks = self.read_group_tokens()  # type: ignore[attr-defined]
        except LatexError:
            return False
        finally:
            self.pos = start
        return len(split_top(toks, (":",))) == 2

    def entropy_of(self, toks: list[Any]) -> sp.Basic:
        """The joint entropy of the comma-separated variables ``toks`` (one atom per set)."""
        keys: dict[str, Any] = {}
        deps: set = set()
        for part in split_top(toks, (",",)):
            if not part:
                raise self.fail("an entropy of an empty argument", 0)  # type: ignore[attr-defined]
            value = self.try_parse(part)  # type: ignore[attr-defined]
            key = raw_key(part) if value is None else sp.sstr(value)
            keys.setdefault(key, value)
            if value is not None:
                deps |= value.free_symbols
        names = sorted(keys)
        key = f"H[{', '.join(names)}]"
        values = [keys[n] for n in names]
        arg = None if any(v is None for v in values) else sp.Tuple(*values)
        return self.atom_symbol("H", "H", key, key, arg=arg,  # type: ignore[attr-defined]
                                depends=deps)

    def read_entropy(self, offset: int) -> sp.Basic:
        r"""``\mathbb{H}[X, Y | Z]``: :math:`H[X, Y, Z] - H[Z]` (module doc)."""
        toks = self.read_group_tokens()  # type: ignore[attr-defined]
        if not toks:
            raise self.fail("an entropy of nothing", offset)  # type: ignore[attr-defined]
        arg, cond = self.split_condition(toks)  # type: ignore[attr-defined]
        if not cond:
            return self.entropy_of(arg)
        both = [*arg, _comma(arg), *cond]
        return self.entropy_of(both) - self.entropy_of(cond)

    def read_mutual_information(self, offset: int) -> sp.Basic:
        r"""``\mathbb{I}[X : Y | Z]`` through joint entropies (module doc)."""
        toks = self.read_group_tokens()  # type: ignore[attr-defined]
        left, right = split_top(toks, (":",))
        right, cond = self.split_condition(right)  # type: ignore[attr-defined]
        if not left or not right:
            raise self.fail("a mutual information needs two sides", offset)  # type: ignore[attr-defined]
        comma = _comma(toks)
        if not cond:
            return (self.entropy_of(left) + self.entropy_of(right)
                    - self.entropy_of([*left, comma, *right]))
        return (self.entropy_of([*left, comma, *cond]) + self.entropy_of([*right, comma, *cond])
                - self.entropy_of([*left, comma, *right, comma, *cond]) - self.entropy_of(cond))


def _comma(toks: list[Any]) -> Token:
    """A ``,`` token joining two argument lists (at the offset of ``toks``' first token)."""
    return Token("sym", ",", toks[0].offset if toks else 0)


__all__ = ["InformationMixin"]
