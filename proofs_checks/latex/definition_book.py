r"""The display definitions of one file, in file order (:class:`DefinitionBook`): recorded
where :func:`~hallbound.proofs_checks.latex.verify.verify_tex` reads them, checked once
(:mod:`.definition_use`: the defined part, the value, self-reference, redefinition, how the
file uses the name), and handed to each later environment."""

from __future__ import annotations

from typing import Any

from hallbound.proofs_checks.latex.definition_use import (
    bound_in,
    head_of,
    mentions,
    param_texts,
    read_lhs,
    shape_of,
)
from hallbound.proofs_checks.latex.display_definitions import Definition, split_row
from hallbound.proofs_checks.latex.math_names import Evidence, scan_evidence
from hallbound.proofs_checks.latex.math_parser import Unreadable
from hallbound.proofs_checks.latex.math_tokens import LatexError, tokenize


class DefinitionBook:
    """The file's definitions and how its rows use names (:meth:`scan`)."""

    def __init__(self) -> None:
        self.defs: list[Definition] = []
        self.evidence = Evidence()

    def scan(self, rows: list[str]) -> None:
        """How the file's rows use names (definition parts blanked): names applied to a
        bracket and names used as values, as :func:`.math_names.scan_evidence` spells them."""
        for text in rows:
            try:
                self.evidence.merge(scan_evidence(tokenize(split_row(text)[0])))
            except LatexError:
                continue

    def record(self, lhs: str, value: Any, value_text: str, line: int, env: int,
               atoms: dict) -> Definition:
        """Add the definition ``lhs := value`` of environment ``env`` (``value`` as read
        there, an :class:`Unreadable` when it could not be); returns it, with ``refused``
        set when it is not used."""
        d = Definition("", lhs, (), value_text, line, env)
        self.defs.append(d)
        got = read_lhs(lhs)
        if isinstance(got, str):
            d.refused = got
            return d
        d.name, d.params = got
        head = head_of(lhs)
        if value is None or not value_text:
            d.refused = "it has no value"
        elif isinstance(value, Unreadable):
            d.refused = f"its value cannot be read ({value.error.message})"
        elif mentions(head, value_text):
            d.refused = f"{head} occurs in its own value"
        elif any(bound_in(p, [value_text]) for p in param_texts(lhs)):
            d.refused = "a parameter is bound inside the value (a sum or integral index)"
        else:
            d.refused = shape_of(d, value, atoms, set(self.evidence.applied),
                                 self.evidence.standalone)
        self._redefined(d)
        return d

    def refuse(self, lhs: str, why: str, line: int, env: int) -> None:
        """A definition whose row could not be read at all."""
        d = Definition("", lhs, (), "", line, env, refused=f"its row cannot be read ({why})")
        got = read_lhs(lhs)
        if not isinstance(got, str):
            d.name = got[0]
            self._redefined(d)
        self.defs.append(d)

    def _redefined(self, d: Definition) -> None:
        """A name defined before: the same definition again is a repeat; a different one
        stops the earlier one here, and is not used either."""
        for e in self.defs:
            if e is d or e.name != d.name or e.until is not None:
                continue
            same = (e.params, " ".join(e.value.split())) == (d.params, " ".join(d.value.split()))
            if same and not e.refused:
                d.refused = d.refused or f"repeats the definition of line {e.line}"
                return
            e.until = d.env
            d.refused = (f"{d.latex} is defined differently on line {e.line}: neither "
                         "definition is used from here on")
            return

    def active(self, env: int) -> list[Definition]:
        """The definitions that hold in environment ``env``."""
        return [d for d in self.defs if d.active(env)]


__all__ = ["DefinitionBook"]
