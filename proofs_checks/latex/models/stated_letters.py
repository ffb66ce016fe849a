r"""Whether the stated assumptions name a letter a model needs unrestricted.

A model that reads a stated property "for every centre ``x`` and radius ``r``" or a supremum
"over an unrestricted index ``x``" is sound only when nothing else the text states restricts
that letter (``x \ge 0``, ``x \in C``, ``r \le 1``, ``g(x) = f(x)`` stated under ``x \in C``).
The reader does not parse every such item (``x \in E`` is refused as an unsupported set), so
the check is on the items as written (``Hypotheses.items``): an item names the letter when the
letter occurs in it as a token (``x`` in ``\mu_x`` or ``(x, r)``, not in ``\max``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """``text`` without white space."""
    return _WS.sub("", text)


def names_letter(text: str, letter: str) -> bool:
    r"""Whether ``letter`` (``x`` or ``\rho``; a SymPy name ``rho`` is read as ``\rho``
    too) occurs in ``text`` as a token."""
    bare = letter.lstrip("\\")
    pats = [rf"\\{re.escape(bare)}(?![A-Za-z])"]
    if len(bare) == 1:
        pats.append(rf"(?<![A-Za-z\\]){re.escape(bare)}(?![A-Za-z])")
    return any(re.search(p, text) for p in pats)


def stated_naming(hyp: Any, letters: Iterable[str],
                  skip: Callable[[str], bool] | None = None) -> list[str]:
    """The stated items (``assume``, ``box``, ``let``; read or refused) that name one of
    ``letters``, except those ``skip`` accepts (the property or definition itself)."""
    letters = list(letters)
    items = list(getattr(hyp, "items", []) or [])
    return [t for t in items if (skip is None or not skip(t))
            and any(names_letter(t, x) for x in letters)]


__all__ = ["names_letter", "squash", "stated_naming"]


_RESTRICTING = re.compile(r"\\in\b|\\text|\\mathrm\{(?:if|for)\}|\\l[et]q?\b|\\g[et]q?\b|[<>:|]"
                          r"|\\leqslant|\\geqslant|\\neq?\b|\\subset")


#: The left side of a definition: a name (decorated, subscripted) or a function value of one.
_DEFINED = re.compile(r"(?P<head>(?:\\(?:widetilde|tilde|hat|bar|overline)\{[^{}]*\}"
                      r"|\\?[A-Za-z]+)(?:_\{?[A-Za-z0-9]+\}?)?(?:\^\*)?)(?:\([^()]*\))?")


def index_stated(hyp: Any, index: str) -> list[str]:
    r"""The stated items naming the index letter ``index`` of a supremum/minimiser read "over
    an unrestricted index", except a plain definition ``lhs = expression`` whose ``lhs`` is
    not the index itself (one ``=``, no relation, set or condition in it: ``g(x) = f(Ax+b)``,
    ``\widetilde{x} = x_k - \frac1L \nabla f(x_k)`` define a name and restrict nothing):
    ``x \ge 0``, ``x \in C``, ``x = 2``, ``x_1 = 0``, ``\|x\| = 1`` restrict the index,
    and a definition stated beside them holds only there."""
    bare = index.lstrip("\\")

    def plain_definition(text: str) -> bool:
        t = squash(text)
        lhs, _, rhs = t.partition("=")
        m = _DEFINED.fullmatch(lhs)
        return (t.count("=") == 1 and m is not None and bool(rhs)
                and not _RESTRICTING.search(t)
                and not re.fullmatch(rf"\\?{re.escape(bare)}(?:_.*)?", m.group("head")))

    return stated_naming(hyp, [index], plain_definition)


__all__ += ["index_stated"]
