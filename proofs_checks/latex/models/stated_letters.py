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


def index_stated(hyp: Any, index: str, function: str) -> list[str]:
    r"""The stated items naming the index letter ``index`` of a supremum/minimiser read "over
    an unrestricted index", except a plain definition ``function(index) = expression`` (one
    ``=``, no relation, set or condition in it): ``x \ge 0``, ``x \in C`` restrict the index,
    and a definition ``g(x) = f(x)`` stated beside them holds only there."""
    head = squash(f"{function}({index if len(index) == 1 else chr(92) + index})")

    def plain_definition(text: str) -> bool:
        t = squash(text)
        return (t.startswith(head + "=") and t.count("=") == 1
                and _RESTRICTING.search(t[len(head) + 1:]) is None)

    return stated_naming(hyp, [index], plain_definition)


__all__ += ["index_stated"]
