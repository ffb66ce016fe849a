"""The vocabulary of the Coq exporter: a translated term (:class:`Term`), the error for what
is not real arithmetic (:class:`NotExportable`), and Coq identifiers (:func:`coq_name`).
Kept apart from :mod:`.coq_export` so that its helpers (:mod:`.sums`) import it without an
import circle."""

from __future__ import annotations

from dataclasses import dataclass, field


class NotExportable(ValueError):
    """The expression is not a statement of real arithmetic this exporter translates."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Term:
    """A Coq term, its side conditions (Coq propositions, innermost first) and the features it
    uses (``div``, ``sqrt``, ``ln``, ``exp``, ``rpower``, ``abs``, ``minmax``, ``pi``)."""

    text: str
    conditions: list[str] = field(default_factory=list)
    features: set[str] = field(default_factory=set)
    #: The conditions stronger than SymPy's definedness (``0 < b`` of ``Rpower b e``: SymPy's
    #: :math:`0^e` is defined); each other condition fails exactly where SymPy is undefined.
    stronger: list[str] = field(default_factory=list)


#: A Coq identifier: letters, digits, underscores, not starting with a digit.
_RESERVED = {"R", "Z", "nat", "exp", "ln", "sqrt", "pow", "Rabs", "Rmin", "Rmax", "Rpower",
             "PI", "IZR", "forall", "fun", "match", "with", "end", "in", "let", "if", "then",
             "else", "Prop", "Set", "Type", "at", "as", "return", "is", "by", "for", "mod",
             "where", "fix", "cofix", "struct", "Lemma", "Proof", "Qed", "True", "False"}


def coq_name(text: str, taken: set[str] | None = None) -> str:
    """A Coq identifier for ``text`` (non-identifier characters become ``_``; a reserved word
    or a name in ``taken`` gets a suffix ``_1``, ``_2``, ...)."""
    base = "".join(c if c.isalnum() or c == "_" else "_" for c in text) or "v"
    if base[0].isdigit() or base[0] == "_":
        base = "v" + base
    base = base.encode("ascii", "replace").decode().replace("?", "_")
    name, k = base, 0
    while name in _RESERVED or (taken is not None and name in taken):
        k += 1
        name = f"{base}_{k}"
    return name
