r"""Definitions written in a display: ``C_f := expr``, ``f(x) := expr``, ``expr =: C``.

A relation written with a definition symbol is a definition, never a step (no verdict). The
symbols (at brace depth 0 of a row, after the author's macros are expanded):

* defined name on the left: ``:=`` (also ``\mathrel{:}=``, ``\vcentcolon=``),
  ``\coloneqq``, ``\coloneq``, ``\colonequals``, ``\triangleq``,
  ``\stackrel{X}{=}`` / ``\overset{X}{=}`` with ``X`` one of ``def``, ``def.``,
  ``\text{def}``, ``\mathrm{def}`` (any ``\text``-like wrapper), ``\triangle``, ``\Delta``;
* defined name on the right: ``=:``, ``\eqqcolon``, ``\eqcolon``.

``\doteq`` (approximately equal in some texts) and ``\equiv`` are no definition symbols.

A row ``LHS := value REL ...`` defines ``LHS`` when nothing but ``LHS`` stands before the
symbol (no relation); the value is the first expression after it, and the rest of the row is
a chain that starts with that value (``x := a = b``: the step ``a = b`` is checked), up to a
remark (a ``,``, ``\quad`` or ``\text`` at depth 0: ``f(x) := x^2, \quad x > 0``). A row
``... REL value =: NAME`` defines ``NAME`` as the last expression before the symbol when only
``NAME`` follows it. Any other placement leaves the row as it was (unreadable). The reading
of what a definition means and where it holds is in :mod:`.definition_use`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Definition symbols with the defined name on the left.
_FORWARD = re.compile(
    r":\s*=(?!\s*:)|\\coloneqq?\b|\\colonequals\b|\\triangleq\b|\\vcentcolon\s*=|"
    r"\\mathrel\s*\{\s*(?::|\\vcentcolon)\s*\}\s*=|\\mathrel\s*\{\s*:\s*=\s*\}|"
    r"\\(?:stackrel|overset)\s*\{\s*(?:\\(?:text|textrm|textup|mathrm|rm|mathsf|textsf|"
    r"scriptscriptstyle|scriptstyle|tiny|small)\s*\{?\s*)?(?:def\.?|\\triangle|\\Delta)"
    r"\s*\}?\s*\}\s*\{\s*=\s*\}"
)
#: Definition symbols with the defined name on the right.
_BACKWARD = re.compile(r"=\s*:(?!\s*=)|\\eqq?colon\b")
#: A relation at brace depth 0 (then a ``:=`` after it is not read as a definition).
_RELATION = re.compile(
    r"(?<![:\\])=(?!\s*:)|<|>|\\(?:le|leq|ge|geq|lt|gt|leqslant|geqslant|ne|neq|approx|"
    r"equiv|sim|simeq|cong|propto|doteq|to|in|subset|subseteq|supset|supseteq)(?![A-Za-z])"
)

#: Where a remark after a definition's value starts (``, \quad x > 0``, ``\text{for } ..``,
#: a further align column ``&& x \ge 0``).
_REMARK = re.compile(r"(?<!\\),|\\q?quad\b|\\(?:text|textrm|textnormal|mbox|intertext)\s*\{"
                     r"|(?<!\\)&")


@dataclass
class Site:
    """A definition symbol in a row: its span, and whether the defined name is on the left
    (``forward``) or on the right."""

    start: int
    end: int
    forward: bool


def _depth_zero(text: str) -> list[bool]:
    """For each character of ``text``: whether it stands outside every ``{}``, ``()``, ``[]``
    group (escaped braces ``\\{`` count as groups too)."""
    out, depth = [], 0
    for c in text:
        if c in ")]}":
            depth = max(depth - 1, 0)
        out.append(depth == 0)
        if c in "([{":
            depth += 1
    return out


def find_site(text: str) -> Site | None:
    """The first definition symbol at depth 0 of a row (None when there is none)."""
    top = _depth_zero(text)
    best: Site | None = None
    for pattern, forward in ((_FORWARD, True), (_BACKWARD, False)):
        for m in pattern.finditer(text):
            if top[m.start()] and (best is None or m.start() < best.start):
                best = Site(m.start(), m.end(), forward)
                break
    return best


def has_relation(text: str) -> bool:
    """Whether ``text`` holds a relation at depth 0 (``=``, ``<``, ``\\le``, ``\\in`` ...)."""
    top = _depth_zero(text)
    return any(top[m.start()] for m in _RELATION.finditer(text))


def after_relation(text: str) -> str:
    """``text`` from its first relation at depth 0 on ('' when it has none)."""
    top = _depth_zero(text)
    at = next((m.start() for m in _RELATION.finditer(text) if top[m.start()]), len(text))
    return text[at:]


def second_definition(text: str) -> str:
    """The defined name of a second definition in the remark of a forward definition row
    (``m := 4, \\qquad n := 5`` gives ``n``); '' when there is none."""
    remark = re.sub(r"^(?:\s|,|\\q?quad\b|\\[,;!: ]|\\text\s*\{[^{}]*\})*", "",
                    definition_remark(text))
    return split_row(remark)[2] if remark else ""


def definition_remark(text: str) -> str:
    r"""The remark after a forward definition's value, from its ``,``, ``\quad`` or
    ``\text`` at depth 0 on (``c := \sqrt{x^2} \quad (x \ge 0)`` gives
    ``\quad (x \ge 0)``); '' when the row has none."""
    _, site, _ = split_row(text)
    if site is None or not site.forward:
        return ""
    rest = text[site.end :]
    top = _depth_zero(rest)
    cut = next((m.start() for m in _REMARK.finditer(rest) if top[m.start()]), None)
    return "" if cut is None else rest[cut:]


def split_row(text: str) -> tuple[str, Site | None, str]:
    """``(row text with the definition part blanked, the site, the defined name's text)``.

    Forward (``LHS := value ...``): ``LHS`` and the symbol are blanked (spaces, so offsets
    are kept); the row then starts with the value. Backward (``... value =: NAME``): the
    symbol and ``NAME`` are blanked. When the site is placed otherwise (a relation before a
    forward symbol, anything but a name after a backward one) the row is returned as it is,
    with no site."""
    site = find_site(text)
    if site is None:
        return text, None, ""
    if site.forward:
        lhs = text[: site.start]
        if has_relation(lhs) or not lhs.replace("&", " ").strip():
            return text, None, ""
        out = " " * site.end + text[site.end :]
        top = _depth_zero(out)
        cut = next((m.start() for m in _REMARK.finditer(out) if top[m.start()]), len(out))
        return out[:cut] + " " * (len(out) - cut), site, _plain(lhs)
    name = text[site.end :]
    if has_relation(name) or find_site(name) is not None or not _plain(name):
        return text, None, ""
    return text[: site.start] + " " * (len(text) - site.start), site, _plain(name)


def _plain(text: str) -> str:
    """A defined name's text without alignment marks, spacing and final punctuation."""
    text = re.sub(r"\\label\{[^}]*\}|&|\\[,;!: ]|\\q?quad\b", " ", text)
    return " ".join(text.split()).rstrip(",.;")


def is_definition_over(group: str) -> bool:
    r"""Whether the text over an ``=`` (``\stackrel{GROUP}{=}``, braces included) marks a
    definition (``{\text{def}}``, ``{def}``, ``{\triangle}`` ...)."""
    return _FORWARD.fullmatch(f"\\stackrel{group}{{=}}") is not None


@dataclass
class Definition:
    """One definition of the file: the defined name (``name``: its SymPy name; ``latex``: as
    written), its parameters (SymPy names; empty for a name), the value's text (macros
    expanded), where it is written, its ``shape`` (``name``, ``function`` or
    ``pointfree``), why it is not used (``refused``, '' when it is), the environment from
    which a later different definition stops it (``until``), and one note per environment
    where it is not used."""

    name: str
    latex: str
    params: tuple[str, ...]
    value: str
    line: int
    env: int
    shape: str = "name"
    refused: str = ""
    until: int | None = None
    notes: list[str] = field(default_factory=list)
    uses: int = 0
    #: the function letters of a point-free value (read as functions where it holds)
    letters: tuple[str, ...] = ()
    #: the first environment where it no longer holds (its proof or section ended, or the
    #: name is defined again outside a display row: :mod:`.definition_scope`)
    stop: int | None = None

    @property
    def text(self) -> str:
        return f"{self.latex} := {self.value}"

    def active(self, env: int) -> bool:
        """Whether the definition holds in environment ``env`` (later than its own, before
        a different definition of the same name)."""
        if self.refused or env <= self.env:
            return False
        return (self.until is None or env < self.until) and (self.stop is None
                                                                 or env < self.stop)

    def summary(self) -> str:
        """One line for the report."""
        if self.refused:
            return f"not used: {self.refused}"
        how = {
            "name": "a name, substituted like '% hb: let'",
            "function": f"a function of ({', '.join(self.params)})",
            "pointfree": "a function, read pointwise",
        }[self.shape]
        out = f"{how}; used in {self.uses} later display(s)"
        if self.until is not None:
            out += f" (until environment {self.until}, where it is defined again)"
        if self.stop is not None and (self.until is None or self.stop < self.until):
            out += f" (holds before environment {self.stop} only)"
        return out

    def to_dict(self) -> dict[str, object]:
        return {"line": self.line, "name": self.latex, "params": list(self.params),
                "value": self.value, "shape": self.shape, "used": not self.refused,
                "refused": self.refused, "uses": self.uses, "notes": list(self.notes)}


__all__ = ["Definition", "Site", "after_relation", "definition_remark", "find_site",
           "has_relation",
           "is_definition_over", "second_definition", "split_row"]
