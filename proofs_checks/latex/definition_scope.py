r"""Where a display definition (:mod:`.display_definitions`) holds: conservatively.

* A definition ends with the part of the text that encloses it: inside a proof, at the
  ``\end{proof}`` that closes it; in any case at the next ``\chapter``, ``\section``,
  ``\subsection`` or ``\subsubsection`` (:func:`scope_end`).
* A name defined anywhere else in the text (``:=``, ``\coloneqq``, ``\triangleq``, ``=:``,
  ``\stackrel{def}{=}`` ... in another display, in inline math ``$C := 3$`` or in a
  ``\text{..}`` remark) is not used from the first such place on; when that place comes
  before the definition, the definition is not used at all (:func:`other_definition`).

In one environment a definition is not used (:func:`usable`, a note) where a ``% hb: let``
or an ``assume`` equation defines the same name, or where the name is bound (a sum index ..).
Offsets are those of the document's ``blank`` text (comments blanked).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from hallbound.proofs_checks.latex.definition_use import bound_in, head_of
from hallbound.proofs_checks.latex.display_definitions import Definition
from hallbound.proofs_checks.latex.hypotheses import Hypotheses, name_of
from hallbound.proofs_checks.latex.math_tokens import LatexError

_SECTION = re.compile(r"\\(?:chapter|section|subsection|subsubsection)\b\*?")
_PROOF = re.compile(r"\\(begin|end)\s*\{proof\*?\}")
#: The forward definition symbols, on a text whose braces are blanked.
_FORWARD = (r"(?::\s*=(?!\s*:)|\\coloneqq?(?![A-Za-z])|\\colonequals|\\triangleq|"
            r"\\vcentcolon\s*=|\\(?:stackrel|overset)\s*(?:\\[A-Za-z]+\s*)?"
            r"(?:def\.?|\\triangle|\\Delta)\s*=)")
_BACKWARD = r"(?:=\s*:(?!\s*=)|\\eqq?colon(?![A-Za-z]))"
#: What may stand between a name and its definition symbol: spaces, the alignment ``&``,
#: spacing commands (``C &:= 3``, ``C \;:= 3``, ``3 =:\, C``).
_GAP = r"(?:\s|&|\\[,;!> ]|\\q?quad(?![A-Za-z])|~)*"


def scope_end(text: str, at: int) -> int:
    """The offset where a definition written at ``at`` stops holding: the ``\\end{proof}``
    closing the innermost proof around it, or the next sectioning command, the earlier."""
    end = len(text)
    m = _SECTION.search(text, at)
    if m:
        end = m.start()
    depth = 0
    for p in _PROOF.finditer(text):
        if p.start() < at:
            depth = depth + 1 if p.group(1) == "begin" else max(depth - 1, 0)
    if depth:
        inner = 1
        for p in _PROOF.finditer(text, at):
            inner += 1 if p.group(1) == "begin" else -1
            if inner == 0:
                return min(end, p.start())
    return end


def _name_pattern(head: str) -> str:
    """A pattern for the name ``head`` on a text whose braces are blanked."""
    chars = [c for c in head if c not in "{} "]
    body = r"\s*".join(re.escape(c) for c in chars)
    before = r"(?<![A-Za-z\\_^])" if chars and chars[0].isalpha() else ""
    return before + body + r"(?![A-Za-z])"


def other_definition(text: str, head: str, own: tuple[int, int]) -> int | None:
    """The first offset of ``text`` where the name ``head`` (as written) is defined outside
    the span ``own`` (the definition's own row); None when there is none."""
    flat = text.translate(str.maketrans("{}", "  "))
    name = _name_pattern(head)
    forward = re.compile(name + _GAP + r"(?:\([^()]*\))?" + _GAP + _FORWARD)
    backward = re.compile(_BACKWARD + _GAP + name)
    hits = [m.start() for pat in (forward, backward) for m in pat.finditer(flat)
            if not own[0] <= m.start() < own[1]]
    return min(hits, default=None)


def env_from(envs: Sequence[Any], offset: int) -> int | None:
    """The index of the first environment that ends after ``offset`` (None when none)."""
    return next((e.index for e in envs if e.end > offset), None)


def limit(d: Any, head: str, text: str, envs: Sequence[Any], row: tuple[int, int]) -> None:
    """Set ``d.stop`` (the first environment where it no longer holds) from its scope and
    the other definitions of its name ``head``; refuse it when one comes before it."""
    ends = [env_from(envs, scope_end(text, row[0]))]
    other = other_definition(text, head, row)
    if other is not None and other < row[0]:
        d.refused = d.refused or (f"{head} is also defined before it (outside "
                                  "this row): not used")
        return
    if other is not None:
        ends.append(env_from(envs, other))
        d.notes.append(f"{head} is defined again later in the text (outside a "
                       "display row): not used from there on")
    known = [e for e in ends if e is not None]
    if known:
        d.stop = min(known)


def local_names(hyp: Hypotheses, lets: list[str]) -> set[str]:
    """Names the environment defines itself (``% hb: let``, ``assume`` equations)."""
    out = set()
    for text in [*lets, *(f"{n} = {e}" for n, e, _ in hyp.definitions)]:
        left = text.split("=", 1)[0]
        try:
            out.add(name_of(left, 0))
        except LatexError:
            continue
    return out


def usable(d: Definition, env: int, own: set[str], rows: list[str]) -> bool:
    """Whether ``d`` is substituted in environment ``env`` (a note on ``d`` when not)."""
    if not d.active(env):
        return False
    if d.name in own:
        d.notes.append(f"environment {env}: not used there, where '% hb: let' or 'assume' "
                       f"defines {d.latex} too (that one is used)")
        return False
    if bound_in(head_of(d.latex), rows):
        d.notes.append(f"environment {env}: not used there, where {d.latex} is a bound name")
        return False
    return True


__all__ = ["env_from", "limit", "local_names", "other_definition", "scope_end", "usable"]
