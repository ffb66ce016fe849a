r"""Split a LaTeX document into display environments, rows and ``% hb:`` directives.

Nothing is evaluated here: the text is scanned once, left to right (linear time). Comments
are blanked (replaced by spaces of the same length) so that every offset still points into
the original text; a ``% hb: ...`` comment is kept as a :class:`Directive`.

* Environments: ``align``, ``equation``, ``gather``, ``eqnarray``, ``multline``,
  ``flalign``, ``alignat`` (and their starred forms), and ``\[ .. \]`` (``displaymath``,
  unnumbered). Their bodies are split into rows at ``\\`` outside braces (``equation``,
  ``multline`` and ``\[ .. \]`` are one row: a ``\\`` there continues the formula).
* Nested ``split``, ``aligned``, ``alignedat``, ``gathered`` inside them split their rows too;
  ``multlined`` continues one formula. The ``\begin``/``\end`` markers (with ``[t]`` and
  ``{n}`` arguments) are blanked. An outer row holds one equation number, given to its last
  row; its labels go with that number.
* ``&&`` starts a comment column: the rest of the row is blanked (``\text{..}`` remarks are
  cut by the expression parser, which ends the formula where one starts).
* An environment that is not closed, or closed by the wrong ``\end``, is an error entry
  (:attr:`Document.errors`), never silently skipped.
* Directives before an environment (after the previous one) apply to it: ``assume``,
  ``let``, ``box``, ``dim``; at the end of a row they apply to that row: ``by NAME``,
  ``from (2)`` / ``from \eqref{lbl}`` / ``from lbl``.
* ``\input``, ``\include`` and other file-reading macros are reported (never followed);
  ``\write18`` and other shell escapes are reported (never run: nothing here runs TeX).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from hallbound.proofs_checks.latex.row_remarks import column_states_condition
from hallbound.proofs_checks.latex.row_separators import bracketed, column_states_maths

#: Largest accepted document, in characters.
MAX_CHARS = 1_000_000
ENV_NAMES = ("align", "equation", "gather", "eqnarray", "multline", "flalign", "alignat",
             "displaymath")
#: Environments nested in a display whose ``\\`` separate rows.
ROW_ENVS = ("split", "aligned", "alignedat", "gathered")
#: Environments nested in a display whose ``\\`` continue one formula.
CONTINUED_ENVS = ("multlined",)
#: Outer environments whose ``\\`` continue one formula.
_ONE_ROW = ("equation", "multline", "displaymath")
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_DIRECTIVE = re.compile(r"%\s*hb:\s*(?P<verb>[A-Za-z]+)\b\s*(?P<arg>[^\n]*)")
_FILE_MACROS = re.compile(
    r"\\(?P<m>input|include|includeonly|InputIfFileExists|openin|read|verbatiminput|"
    r"lstinputlisting|import|subimport|inputminted|CatchFileDef)\b"
)
_SHELL = re.compile(r"\\(?P<m>write18|openout|ShellEscape|directlua|luaexec)\b")
#: Most structure errors listed one by one (the rest are counted in one line).
MAX_LISTED_ERRORS = 20
_MARK = re.compile(
    r"\\(?P<kind>begin|end)\s*\{(?P<name>[A-Za-z]{1,30}\*?)\}|(?<!\\)\\(?P<disp>[\[\]])"
)
#: Optional arguments of nested environments: ``aligned[t]``, ``alignedat{2}``, ...
_ENV_ARGS = re.compile(r"\s*(?:\[[a-z]{0,3}\]|\{\s*\d{1,2}\s*\})")
_ROW_BREAK = re.compile(r"\\\\\*?(?:\s*\[[^\]\n]{0,30}\])?")
_COMMENT_COLUMN = re.compile(r"&\s*&")
VERBS = ("assume", "let", "box", "dim", "by", "from", "function", "variable")
#: Verbs that apply to the whole environment (wherever they stand in it).
ENV_VERBS = ("assume", "let", "box", "dim", "function", "variable")
#: Verbs that apply to the whole document (``% hb: log 2``: the base of a bare ``\\log``).
DOCUMENT_VERBS = ("log",)


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
    """The text, its environments, any file-reading macros found (offsets), and ``blank``:
    the text with comments, nested environment markers and comment columns blanked (the
    math each row's offsets point into). ``errors`` are (offset, message) about the
    structure (unclosed environments; ``unclosed`` counts them all); ``shell`` are
    (offset, macro) of shell escapes."""

    text: str
    environments: list[Environment]
    file_macros: list[tuple[int, str]]
    stray_directives: list[Directive]
    blank: str = ""
    errors: list[tuple[int, str]] = field(default_factory=list)
    shell: list[tuple[int, str]] = field(default_factory=list)
    unclosed: int = 0
    #: the inside of each row's bracketed comment column (``&& (x \ge 0)``), blanked from
    #: ``blank``, by the row's offset (:mod:`.bracket_columns` reads it)
    brackets: dict[int, str] = field(default_factory=dict)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset (a binary search in the line starts)."""
        starts = self.__dict__.get("_starts")
        if starts is None:
            starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
            self.__dict__["_starts"] = starts
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1


def blank_comments(text: str) -> str:
    """The text with every comment replaced by spaces (offsets are kept)."""
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), text)


def _directives(text: str, start: int, end: int) -> list[Directive]:
    out = []
    for m in _COMMENT.finditer(text, start, end):
        d = _DIRECTIVE.match(m.group(0))
        if d and d.group("verb") not in DOCUMENT_VERBS:  # read by log_base.stated_base
            out.append(
                Directive(d.group("verb"), d.group("arg").rstrip(), m.start() + d.start("arg"))
            )
    return out


def _base(name: str) -> str:
    return name.rstrip("*")


@dataclass
class _Span:
    """An outer environment found by the scanner: its markers and its nested ones."""

    name: str
    start: int
    body_start: int
    body_end: int = -1
    end: int = -1
    inner: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, name) marks


def _scan(blank: str) -> tuple[list[_Span], list[tuple[int, str]], int]:
    """Outer display environments and their nested markers, structure errors (at most
    :data:`MAX_LISTED_ERRORS` listed, then one line for the rest), and how many
    environments are not closed."""
    spans: list[_Span] = []
    errors: list[tuple[int, str]] = []
    current: _Span | None = None
    stack: list[tuple[str, int]] = []
    for m in _MARK.finditer(blank):
        kind, name = m.group("kind"), m.group("name")
        if m.group("disp"):  # \[ ... \] is a displaymath environment
            kind, name = ("begin" if m.group("disp") == "[" else "end"), "displaymath"
        if current is None:
            if kind == "begin" and _base(name) in ENV_NAMES:
                current = _Span(name, m.start(), m.end())
                stack = []
            elif kind == "end" and _base(name) in ENV_NAMES:
                errors.append((m.start(), f"\\end{{{name}}} without a \\begin{{{name}}}"))
            continue
        if kind == "begin" and _base(name) in ENV_NAMES:
            errors.append((current.start, _unclosed(current.name, f"\\begin{{{name}}}")))
            current = _Span(name, m.start(), m.end())
            stack = []
            continue
        if kind == "begin":
            stack.append((name, m.start()))
            current.inner.append((m.start(), m.end(), "begin:" + name))
            continue
        if stack and stack[-1][0] == name:
            stack.pop()
            current.inner.append((m.start(), m.end(), "end:" + name))
            continue
        if not stack and name == current.name:
            current.body_end, current.end = m.start(), m.end()
            spans.append(current)
            current = None
            continue
        opened = stack[-1][0] if stack else current.name
        errors.append((m.start(), f"\\end{{{name}}} does not close \\begin{{{opened}}}"))
        errors.append((current.start, _unclosed(current.name, f"\\end{{{name}}}")))
        current = None
    if current is not None:
        errors.append((current.start, _unclosed(current.name, "the end of the text")))
    unclosed_total = sum("is not closed" in msg for _, msg in errors)
    if len(errors) > MAX_LISTED_ERRORS:
        rest = errors[MAX_LISTED_ERRORS:]
        unclosed = sum("is not closed" in msg for _, msg in rest)
        errors = errors[:MAX_LISTED_ERRORS] + [(
            rest[0][0],
            f"{len(rest)} more environment problems not listed ({unclosed} environment(s) "
            "not closed): their rows are not checked",
        )]
    return spans, errors, unclosed_total


def _unclosed(name: str, before: str) -> str:
    return (f"\\begin{{{name}}} is not closed before {before} (\\end{{{name}}} missing): "
            "its rows are not checked")


def _mask_markers(chars: list[str], span: _Span, blank: str) -> None:
    """Blank the nested row environments' markers and their ``[t]`` / ``{n}`` arguments,
    and an outer ``alignat``'s ``{n}``."""
    if _base(span.name) == "alignat":
        a = _ENV_ARGS.match(blank, span.body_start)
        if a:
            chars[span.body_start : a.end()] = " " * (a.end() - span.body_start)
    for start, end, what in span.inner:
        name = what.split(":", 1)[1]
        if name not in ROW_ENVS + CONTINUED_ENVS:
            continue
        stop = end
        if what.startswith("begin:"):
            a = _ENV_ARGS.match(blank, end)
            stop = a.end() if a else end
        chars[start:stop] = " " * (stop - start)


def _breaks(blank: str, span: _Span) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every ``\\`` of an environment body outside braces (at the
    brace depth of its innermost environment); ``kind`` from :func:`_kind_of_break`."""
    out: list[tuple[int, int, str]] = []
    marks = sorted(span.inner)
    k = 0
    envs: list[tuple[str, int]] = [(span.name, 0)]  # (name, brace depth at its begin)
    depth = 0
    i, end = span.body_start, span.body_end
    while i < end:
        if k < len(marks) and i == marks[k][0]:
            _, stop, what = marks[k]
            kind, name = what.split(":", 1)
            if kind == "begin":
                envs.append((name, depth))
            elif len(envs) > 1:
                envs.pop()
            k += 1
            i = stop
            continue
        c = blank[i]
        if c == "\\" and i + 1 < end and blank[i + 1] == "\\":
            m = _ROW_BREAK.match(blank, i)
            stop = m.end() if m else i + 2
            name, at_depth = envs[-1]
            if depth == at_depth:
                out.append((i, stop, _kind_of_break(name, len(envs) == 1)))
            i = stop
            continue
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        i += 1
    return out


def _kind_of_break(name: str, outer: bool) -> str:
    """``"outer"`` (a new row and equation), ``"inner"`` (a new row, same equation),
    ``"continue"`` (the formula goes on) or ``"none"`` (a ``\\`` of a matrix or cases)."""
    base = _base(name)
    if outer:
        return "continue" if base in _ONE_ROW else "outer"
    if base in ROW_ENVS:
        return "inner"
    if base in CONTINUED_ENVS:
        return "continue"
    return "none"


_LABEL = re.compile(r"\\label\{([^}]*)\}")
_TAG = re.compile(r"\\tag\*?\{([^}]*)\}")
_NONUMBER = re.compile(r"\\(nonumber|notag)\b")


def _blank_comment_columns(chars: list[str], blank: str, a: int, b: int) -> str | None:
    """Blank a row from its first ``&&`` that follows some math (a comment column) to its
    end; an ``&&`` that opens the row (``flalign``'s alignment) is kept. The inside of a
    bracketed column blanked (:func:`_blank_column`), or None."""
    for m in _COMMENT_COLUMN.finditer(blank, a, b):
        if blank[a : m.start()].replace("&", " ").strip():
            return _blank_column(chars, blank, m.start(), m.end(), b)
    return None


def _blank_column(chars: list[str], blank: str, start: int, mark_end: int, b: int
                  ) -> str | None:
    r"""Blank the column ``blank[start:b]`` whose ``&`` marks end at ``mark_end``; a column
    stating a condition (``&& \text{if } x < 0``) loses only its marks: the row's reader
    refuses it (:mod:`.row_remarks`), never checks the step without it. A column that is
    one bracketed group (``&& (x \ge 0)``) is blanked whole and its inside returned, to be
    read on its own (:mod:`.bracket_columns`); None for any other column."""
    column = blank[mark_end:b]
    if column_states_maths(column):
        return None  # "&& x \ge 0": the row's condition (row_separators), or it is refused
    inside = bracketed(column)
    end = mark_end if inside is None and column_states_condition(column) else b
    chars[start:end] = " " * (end - start)
    return inside


_ENV_MARK = re.compile(r"\\(begin|end)\s*\{([A-Za-z*]+)\}|\\[&{}]|[{}&]")


def _extra_column(blank: str, a: int, b: int, env: str) -> int | None:
    r"""Offset of the ``&`` that starts a column past the row's equation, or None: in an
    ``eqnarray`` the third top-level ``&`` (``a & = & b & remark``), in ``flalign`` none,
    elsewhere the second (``a &= b & (\text{by } (2))``: a remark, or a second equation,
    never a factor of ``b``). ``&`` inside braces or a nested ``cases``/``matrix``/``array``
    does not count; those of a nested ``aligned``/``split`` do."""
    base = _base(env)
    if base == "flalign":
        return None
    limit = 3 if base == "eqnarray" else 2
    depth = nested = seen = 0
    for m in _ENV_MARK.finditer(blank, a, b):
        tok = m.group(0)
        if m.group(1):
            if _base(m.group(2)) not in ROW_ENVS + CONTINUED_ENVS:
                nested += 1 if m.group(1) == "begin" else -1
        elif tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        elif tok == "&" and depth == 0 and nested == 0:
            seen += 1
            if seen == limit:
                return m.start()
    return None


def _rows(blank: str, chars: list[str], span: _Span) -> list[tuple[int, int, int, bool]]:
    """``(start, end, outer row index, last of its outer row)`` of every row; ``\\`` that
    continue a formula are blanked in ``chars``."""
    pieces: list[tuple[int, int, int]] = []
    outer = 0
    start = span.body_start
    for a, b, kind in _breaks(blank, span):
        if kind == "none":
            continue
        if kind == "continue":
            chars[a:b] = " " * (b - a)
            continue
        pieces.append((start, a, outer))
        if kind == "outer":
            outer += 1
        start = b
    pieces.append((start, span.body_end, outer))
    out = []
    for k, (a, b, o) in enumerate(pieces):
        last = k + 1 == len(pieces) or pieces[k + 1][2] != o
        out.append((a, b, o, last))
    return out


def read_document(text: str) -> Document:
    """Environments, rows and directives of a LaTeX text (see the module doc)."""
    blank = blank_comments(text)
    spans, errors, unclosed = _scan(blank)
    chars = list(blank)
    for span in spans:
        _mask_markers(chars, span, blank)
    row_lists = [_rows(blank, chars, span) for span in spans]
    brackets: dict[int, str] = {}
    for span, rows in zip(spans, row_lists, strict=True):
        for a, b, _, _ in rows:
            inside = _blank_comment_columns(chars, blank, a, b)
            extra = _extra_column(blank, a, b, span.name)
            if extra is not None:
                inside = _blank_column(chars, blank, extra, extra + 1, b) or inside
            if inside is not None:
                brackets[a] = inside
    masked = "".join(chars)
    envs: list[Environment] = []
    previous_end = 0
    counter = 0
    used: set[int] = set()
    for k, (span, pieces) in enumerate(zip(spans, row_lists, strict=True)):
        env, counter = _environment(
            text, masked, span, pieces, k + 1, previous_end, counter, used
        )
        envs.append(env)
        previous_end = span.end
    stray = [d for d in _directives(text, 0, len(text)) if d.offset not in used]
    macros = [(m.start(), m.group("m")) for m in _FILE_MACROS.finditer(blank)]
    shell = [(m.start(), m.group("m")) for m in _SHELL.finditer(blank)]
    return Document(text, envs, macros, stray, masked, errors, shell, unclosed, brackets)


def _environment(
    text: str,
    masked: str,
    span: _Span,
    pieces: list[tuple[int, int, int, bool]],
    index: int,
    previous_end: int,
    counter: int,
    used: set[int],
) -> tuple[Environment, int]:
    directives = _directives(text, previous_end, span.start)
    used.update(d.offset for d in directives)
    numbered_env = not span.name.endswith("*") and span.name != "displaymath"
    outer_text: dict[int, str] = {}
    last_of: dict[int, int] = {}  # outer row -> its last non-empty piece
    for i, (a, b, o, _) in enumerate(pieces):
        outer_text[o] = outer_text.get(o, "") + " " + masked[a:b]
        if masked[a:b].strip():
            last_of[o] = i
    rows: list[Row] = []
    for i, (a, b, o, _) in enumerate(pieces):
        last = last_of.get(o) == i
        row_text = masked[a:b]
        row_dirs = [d for d in _directives(text, a, b) if d.offset not in used]
        used.update(d.offset for d in row_dirs)
        env_level = [d for d in row_dirs if d.verb in ENV_VERBS]
        directives.extend(env_level)
        row_dirs = [d for d in row_dirs if d not in env_level]
        # directives in the comment after the row break belong to this row
        if i + 1 < len(pieces):
            nxt_a = pieces[i + 1][0]
            line_end = text.find("\n", b)
            line_end = nxt_a if line_end < 0 else line_end
            for d in _directives(text, b, min(line_end, span.body_end)):
                if d.offset not in used:
                    row_dirs.append(d)
                    used.add(d.offset)
        stripped = row_text.rstrip()
        if not stripped.strip():
            continue
        number = None
        labels: list[str] = []
        if last:
            whole = outer_text[o]
            tag = _TAG.search(whole)
            if tag:
                number = tag.group(1)
            elif numbered_env and not _NONUMBER.search(whole):
                counter += 1
                number = str(counter)
            labels = _LABEL.findall(whole)
        rows.append(Row(row_text, a, a + len(stripped), row_dirs, number, labels))
    env = Environment(index, span.name, span.start, span.body_start, span.end, rows, directives)
    return env, counter


__all__ = [
    "CONTINUED_ENVS",
    "Directive",
    "Document",
    "Environment",
    "MAX_CHARS",
    "ROW_ENVS",
    "Row",
    "blank_comments",
    "read_document",
]
