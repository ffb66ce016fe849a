r"""Split a LaTeX document into display environments, rows and ``% hb:`` directives.

Nothing is evaluated here: the text is scanned with regular expressions. Comments are
blanked (replaced by spaces of the same length) so that every offset still points into the
original text; a ``% hb: ...`` comment is kept as a :class:`Directive`.

* Environments: ``align``, ``align*``, ``equation``, ``equation*``, ``gather``, ``gather*``,
  ``eqnarray``, ``eqnarray*``, ``multline*`` (their bodies are split into rows at top-level
  ``\\``).
* Directives before an environment (after the previous one) apply to it: ``assume``,
  ``let``, ``box``, ``dim``; at the end of a row they apply to that row: ``by NAME``,
  ``from (2)`` / ``from \eqref{lbl}`` / ``from lbl``.
* ``\input``, ``\include`` and other file-reading macros are reported (never followed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Largest accepted document, in characters.
MAX_CHARS = 1_000_000
ENV_NAMES = ("align", "equation", "gather", "eqnarray", "multline", "flalign", "alignat")
_ENV = re.compile(
    r"\\begin\{(?P<name>(?:" + "|".join(ENV_NAMES) + r")\*?)\}(?P<body>.*?)\\end\{(?P=name)\}",
    re.S,
)
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_DIRECTIVE = re.compile(r"%\s*hb:\s*(?P<verb>[A-Za-z]+)\b\s*(?P<arg>[^\n]*)")
_FILE_MACROS = re.compile(
    r"\\(?P<m>input|include|includeonly|InputIfFileExists|openin|read|verbatiminput|"
    r"lstinputlisting|import|subimport|inputminted|CatchFileDef)\b"
)
_ROW_BREAK = re.compile(r"\\\\(?:\s*\[[^\]]*\])?")
VERBS = ("assume", "let", "box", "dim", "by", "from", "function", "variable")
#: Verbs that apply to the whole environment (wherever they stand in it).
ENV_VERBS = ("assume", "let", "box", "dim", "function", "variable")


@dataclass
class Directive:
    """A ``% hb: VERB ARG`` comment; ``offset`` is the offset of ARG in the document."""

    verb: str
    arg: str
    offset: int


@dataclass
class Row:
    """One row of an environment: ``text`` is the row with comments blanked, starting at
    ``offset``; ``end`` is the offset where its math ends (before a trailing comment);
    ``number`` is its equation number (None when unnumbered) and ``labels`` its labels."""

    text: str
    offset: int
    end: int
    directives: list[Directive] = field(default_factory=list)
    number: str | None = None
    labels: list[str] = field(default_factory=list)


@dataclass
class Environment:
    """A display environment: its name, rows and the directives that apply to it."""

    index: int
    name: str
    offset: int
    body_offset: int
    end: int
    rows: list[Row]
    directives: list[Directive]


@dataclass
class Document:
    """The text, its environments and any file-reading macros found (offsets)."""

    text: str
    environments: list[Environment]
    file_macros: list[tuple[int, str]]
    stray_directives: list[Directive]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        line = self.text.count("\n", 0, offset) + 1
        col = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, col


def blank_comments(text: str) -> str:
    """The text with every comment replaced by spaces (offsets are kept)."""
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), text)


def _directives(text: str, start: int, end: int) -> list[Directive]:
    out = []
    for m in _COMMENT.finditer(text, start, end):
        d = _DIRECTIVE.match(m.group(0))
        if d:
            out.append(
                Directive(d.group("verb"), d.group("arg").rstrip(), m.start() + d.start("arg"))
            )
    return out


def _split_rows(blank: str, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Row spans in ``[start, end)`` split at ``\\`` outside braces."""
    spans = []
    depth = 0
    row_start = start
    i = start
    while i < end:
        c = blank[i]
        if c == "\\" and i + 1 < end and blank[i + 1] == "\\" and depth == 0:
            m = _ROW_BREAK.match(blank, i)
            assert m is not None
            spans.append((row_start, i))
            i = m.end()
            row_start = i
            continue
        if c == "\\" and i + 1 < end:
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        i += 1
    spans.append((row_start, end))
    return spans


_LABEL = re.compile(r"\\label\{([^}]*)\}")
_TAG = re.compile(r"\\tag\*?\{([^}]*)\}")
_NONUMBER = re.compile(r"\\(nonumber|notag)\b")


def read_document(text: str) -> Document:
    """Environments, rows and directives of a LaTeX text (see the module doc)."""
    blank = blank_comments(text)
    envs: list[Environment] = []
    previous_end = 0
    counter = 0
    used: set[int] = set()
    for k, m in enumerate(_ENV.finditer(blank)):
        name = m.group("name")
        directives = _directives(text, previous_end, m.start())
        used.update(d.offset for d in directives)
        body_start, body_end = m.start("body"), m.end("body")
        rows = []
        numbered_env = not name.endswith("*")
        spans = _split_rows(blank, text, body_start, body_end)
        if name.startswith(("equation", "multline")):
            spans = [(body_start, body_end)]
        for i, (a, b) in enumerate(spans):
            row_text = blank[a:b]
            row_dirs = [d for d in _directives(text, a, b) if d.offset not in used]
            used.update(d.offset for d in row_dirs)
            env_level = [d for d in row_dirs if d.verb in ENV_VERBS]
            directives.extend(env_level)
            row_dirs = [d for d in row_dirs if d not in env_level]
            # directives in the comment after the row break belong to this row
            if i + 1 < len(spans):
                nxt_a = spans[i + 1][0]
                line_end = text.find("\n", b)
                line_end = nxt_a if line_end < 0 else line_end
                for d in _directives(text, b, min(line_end, body_end)):
                    if d.offset not in used:
                        row_dirs.append(d)
                        used.add(d.offset)
            stripped = row_text.rstrip()
            math_end = a + len(stripped)
            if not stripped.strip():
                continue
            number = None
            tag = _TAG.search(row_text)
            if tag:
                number = tag.group(1)
            elif numbered_env and not _NONUMBER.search(row_text):
                counter += 1
                number = str(counter)
            labels = _LABEL.findall(row_text)
            rows.append(Row(row_text, a, math_end, row_dirs, number, labels))
        envs.append(Environment(k + 1, name, m.start(), body_start, m.end(), rows, directives))
        previous_end = m.end()
    stray = [d for d in _directives(text, 0, len(text)) if d.offset not in used]
    macros = [(m.start(), m.group("m")) for m in _FILE_MACROS.finditer(blank)]
    return Document(text, envs, macros, stray)


__all__ = ["Directive", "Document", "Environment", "MAX_CHARS", "Row", "read_document"]
