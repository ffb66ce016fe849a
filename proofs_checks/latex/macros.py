r"""The author's macros: read their definitions, expand them in the math that is checked.

Definitions read (from a document's text, comments blanked, and from a ``macros.tex`` given
with ``--macros``): ``\newcommand``, ``\renewcommand``, ``\providecommand`` (starred too),
with ``[n]`` arguments and an optional first argument's default (``[n][default]``);
``\DeclareMathOperator{\op}{name}`` (and ``*``), which becomes ``\operatorname{name}``;
mathtools' ``\DeclarePairedDelimiter{\ceil}{\lceil}{\rceil}``, whose ``\ceil{x}``,
``\ceil*{x}`` and ``\ceil[\big]{x}`` all become ``\lceil x \rceil`` (the size is dropped);
``\def\name#1#2{body}`` (undelimited parameters only), ``\gdef``/``\edef``/``\xdef`` read
the same way; ``\let\a\b`` / ``\let\a=\b``. Anything else is left alone.
``\newcommand`` does not replace an earlier definition (LaTeX would stop with an error);
``\renewcommand`` and ``\def`` do; ``\providecommand`` only defines a new name.

Expansion works like TeX's: the replacement text goes back into the input and is read
again, so a macro's body may use another macro whose arguments follow in the text. An
argument is a braced group or a single token (``\E X``). Each character of the result
remembers the offset of the text it came from (a macro's body: the offset of the call), so
errors still point into the file. Work is bounded: at most :data:`MAX_EXPANSIONS`
expansions per text, :data:`MAX_DEPTH` nested expansions, and :data:`MAX_EXPANDED`
characters of result; past any limit :func:`expand` raises :class:`MacroError`. Nothing
here reads a file: a body that says ``\input`` expands to text that says ``\input``, which
the expression parser refuses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Most expansions in one text (a macro that expands to itself stops here).
MAX_EXPANSIONS = 2000
#: Most nested expansions (a macro whose body calls a macro whose body ...).
MAX_DEPTH = 32
#: Most characters an expanded text may have (a macro that doubles stops here).
MAX_EXPANDED = 20_000
#: Most characters of one macro's body.
MAX_BODY = 5000
#: Most macros one document (or macros file) may define.
MAX_MACROS = 5000
#: Most unreadable definitions listed one by one.
MAX_LISTED_ERRORS = 20

_DEFINER = re.compile(
    r"\\(?P<cmd>newcommand|renewcommand|providecommand|DeclareMathOperator|"
    r"DeclarePairedDelimiter|def|gdef|edef|"
    r"xdef|let)(?![A-Za-z])(?P<star>\*?)"
)
_NAME = re.compile(r"\s*(?:\{\s*\\(?P<braced>[A-Za-z]+|.)\s*\}|\\(?P<bare>[A-Za-z]+|.))")
_CS = re.compile(r"\\([A-Za-z]+|.)", re.S)
_ENDS_IN_WORD = re.compile(r"(?<!\\)(?:\\\\)*\\[A-Za-z]+$")


#: LaTeX's own wrappers that macro bodies use, read as what they give in a formula:
#: ``\\ensuremath{X}`` is X, ``\\xspace``, ``\\relax`` and ``\\protect`` are nothing. An
#: author's definition of the same name replaces them.
BUILTINS: dict[str, Macro] = {}


class MacroError(ValueError):
    """A definition that cannot be read, or an expansion past a limit, at ``offset``."""

    def __init__(self, message: str, offset: int, name: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.name = name


@dataclass(frozen=True)
class Macro:
    r"""``\name`` with ``nargs`` arguments (the first optional, with ``default``, when
    ``default`` is not None) and its replacement text; a ``starred`` macro (a paired
    delimiter) reads a ``*`` right after its name as part of the call."""

    name: str
    nargs: int
    default: str | None
    body: str
    starred: bool = False


BUILTINS.update({
    "ensuremath": Macro("ensuremath", 1, None, "{#1}"),
    "xspace": Macro("xspace", 0, None, ""),
    "relax": Macro("relax", 0, None, ""),
    "protect": Macro("protect", 0, None, ""),
})


def _group(text: str, i: int, open_: str = "{", close: str = "}") -> int:
    """The offset just past the group that opens at ``text[i]`` (nesting counted; a
    backslash escapes the next character); -1 when it does not close."""
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == open_ or (c == "{" and open_ != "{"):
            depth += 1
        elif c == close or (c == "}" and close != "}"):
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\n\r":
        i += 1
    return i


def read_definitions(
    text: str, table: dict[str, Macro] | None = None, used: set[str] | None = None
) -> tuple[dict[str, Macro], list[tuple[int, str]]]:
    """The macros ``text`` defines, added to ``table`` (a copy), and the definitions that
    could not be read as ``(offset, message)`` (only those of names in ``used`` when it is
    given: a package's internal ``\\def\\@x`` that no formula uses is not an error).
    ``text`` should have its comments blanked."""
    out = dict(table or {})
    errors: list[tuple[int, str]] = []
    count = 0
    for m in _DEFINER.finditer(text):
        count += 1
        if count > MAX_MACROS:
            errors.append((m.start(), f"more than {MAX_MACROS} macro definitions: the rest "
                                      "are not read"))
            break
        try:
            macro = _definition(text, m)
        except MacroError as err:
            if used is None or err.name is None or err.name in used:
                errors.append((err.offset, err.message))
            continue
        cmd = m.group("cmd")
        if cmd in ("newcommand", "providecommand") and macro.name in out:
            continue
        out[macro.name] = macro
    if len(errors) > MAX_LISTED_ERRORS:
        errors = errors[:MAX_LISTED_ERRORS] + [
            (errors[MAX_LISTED_ERRORS][0],
             f"{len(errors) - MAX_LISTED_ERRORS} more macro definitions not read")
        ]
    return out, errors


def _definition(text: str, m: re.Match[str]) -> Macro:
    n = _NAME.match(text, m.end())
    if not n:
        raise MacroError(f"\\{m.group('cmd')}: cannot read the macro's name", m.start())
    name = n.group("braced") or n.group("bare")
    try:
        return _definition_body(text, m, name, n.end())
    except MacroError as err:
        err.name = name
        raise


def _definition_body(text: str, m: re.Match[str], name: str, i: int) -> Macro:
    cmd = m.group("cmd")
    at = m.start()
    if cmd == "let":
        i = _skip_space(text, i)
        if i < len(text) and text[i] == "=":
            i = _skip_space(text, i + 1)
        target = _CS.match(text, i)
        if not target:
            raise MacroError(f"\\let\\{name}: cannot read what it copies", at)
        return Macro(name, 0, None, target.group(0))
    if cmd == "DeclareMathOperator":
        body, _ = _braced(text, i, at, cmd)
        return Macro(name, 0, None, f"\\operatorname{{{body.strip()}}}")
    if cmd == "DeclarePairedDelimiter":  # [size] (dropped), then the delimited argument
        left, i = _braced(text, i, at, cmd)
        right, _ = _braced(text, i, at, cmd)
        return Macro(name, 2, "", f"{left.strip()} #2 {right.strip()}", starred=True)
    if cmd in ("def", "gdef", "edef", "xdef"):
        j = text.find("{", i)
        params = text[i:j] if j >= 0 else ""
        if j < 0 or not re.fullmatch(r"(?:\s*#[1-9])*\s*", params):
            raise MacroError(f"\\{cmd}\\{name}: only undelimited parameters #1..#9 are read", at)
        nargs = params.count("#")
        body, _ = _braced(text, j, at, cmd)
        return Macro(name, nargs, None, body)
    nargs, default = 0, None
    i = _skip_space(text, i)
    if i < len(text) and text[i] == "[":
        close = text.find("]", i)
        word = text[i + 1 : close].strip() if close > 0 else ""
        if not word.isdigit() or not 0 <= int(word) <= 9:
            raise MacroError(f"\\{cmd}{{\\{name}}}: the number of arguments must be 0..9", at)
        nargs = int(word)
        i = _skip_space(text, close + 1)
        if i < len(text) and text[i] == "[":
            end = _group(text, i, "[", "]")
            if end < 0:
                raise MacroError(f"\\{cmd}{{\\{name}}}: the default is not closed", at)
            default = text[i + 1 : end - 1]
            i = end
    body, _ = _braced(text, i, at, cmd)
    return Macro(name, nargs, default, body)


def _braced(text: str, i: int, at: int, cmd: str) -> tuple[str, int]:
    i = _skip_space(text, i)
    if i >= len(text) or text[i] != "{":
        raise MacroError(f"\\{cmd}: expected a braced body", at)
    end = _group(text, i)
    if end < 0:
        raise MacroError(f"\\{cmd}: the body is not closed", at)
    if end - i - 2 > MAX_BODY:
        raise MacroError(f"\\{cmd}: a body longer than {MAX_BODY} characters", at)
    return text[i + 1 : end - 1], end


@dataclass
class _Stream:
    """Text still to read: characters, the offset each came from, and its nesting depth."""

    text: str
    offsets: list[int]
    depths: list[int]


def expand(text: str, table: dict[str, Macro], base: int = 0) -> tuple[str, list[int]]:
    """``text`` with every macro of ``table`` expanded, and the offset (``base`` + index into
    ``text``, or the offset of the call a character's macro body came from) of each of its
    characters. Raises :class:`MacroError` past a limit (see the module doc) or when a call
    lacks an argument."""
    if not table or "\\" not in text:
        return text, [base + k for k in range(len(text))]
    s = _Stream(text, [base + k for k in range(len(text))], [0] * len(text))
    out: list[str] = []
    omap: list[int] = []
    count = 0
    i = 0
    while i < len(s.text):
        cs = _CS.match(s.text, i) if s.text[i] == "\\" else None
        if cs is None or cs.group(1) not in table:
            stop = cs.end() if cs else i + 1
            out.append(s.text[i:stop])
            omap.extend(s.offsets[i:stop])
            i = stop
            continue
        count += 1
        macro = table[cs.group(1)]
        where, depth = s.offsets[i], s.depths[i] + 1
        if count > MAX_EXPANSIONS:
            raise MacroError(f"\\{macro.name}: more than {MAX_EXPANSIONS} macro expansions "
                             "(a macro that calls itself?)", where)
        if depth > MAX_DEPTH:
            raise MacroError(f"\\{macro.name}: macros nested more than {MAX_DEPTH} deep "
                             "(a macro that calls itself?)", where)
        args, j = _arguments(s, cs.end(), macro, where)
        body, b_off, b_dep = _substitute(macro, args, where, depth)
        rest = len(s.text) - j
        if len(body) + rest + len(omap) > MAX_EXPANDED:
            raise MacroError(f"\\{macro.name}: the expansion exceeds {MAX_EXPANDED} characters "
                             "(a macro that doubles?)", where)
        if _glues(body, s.text[j:]):  # \abs{x}y -> \rvert y, not \rverty
            body, b_off, b_dep = body + " ", b_off + [where], b_dep + [depth]
        s = _Stream(body + s.text[j:], b_off + s.offsets[j:], b_dep + s.depths[j:])
        i = 0
    return "".join(out), omap


def _arguments(
    s: _Stream, i: int, macro: Macro, where: int
) -> tuple[list[tuple[str, list[int], list[int]]], int]:
    """The call's arguments (text, offsets, depths) and the offset after them."""
    args = []
    j = _skip_space(s.text, i)
    if macro.starred and j < len(s.text) and s.text[j] == "*":
        i = j + 1  # \ceil*{x}: the auto-sized form, read as \ceil{x}
    for k in range(macro.nargs):
        j = _skip_space(s.text, i)
        if k == 0 and macro.default is not None:
            if j < len(s.text) and s.text[j] == "[":
                end = _group(s.text, j, "[", "]")
                if end < 0:
                    raise MacroError(f"\\{macro.name}: the optional argument is not closed",
                                     where)
                args.append(_part(s, j + 1, end - 1))
                i = end
            else:
                args.append((macro.default, [where] * len(macro.default),
                             [0] * len(macro.default)))
            continue
        if j >= len(s.text) or s.text[j] == "}":
            raise MacroError(f"\\{macro.name} needs {macro.nargs} argument(s)", where)
        if s.text[j] == "{":
            end = _group(s.text, j)
            if end < 0:
                raise MacroError(f"\\{macro.name}: an argument is not closed", where)
            args.append(_part(s, j + 1, end - 1))
            i = end
        else:
            cs = _CS.match(s.text, j)
            end = cs.end() if cs else j + 1
            args.append(_part(s, j, end))
            i = end
    return args, i


def _part(s: _Stream, a: int, b: int) -> tuple[str, list[int], list[int]]:
    return s.text[a:b], s.offsets[a:b], s.depths[a:b]


def _substitute(
    macro: Macro, args: list[tuple[str, list[int], list[int]]], where: int, depth: int
) -> tuple[str, list[int], list[int]]:
    """The body with ``#k`` replaced by argument ``k`` (``##`` by ``#``); body characters
    come from ``where`` at ``depth``, argument characters keep their own origin."""
    text: list[str] = []
    offs: list[int] = []
    deps: list[int] = []
    body = macro.body
    i = 0
    while i < len(body):
        c = body[i]
        if c == "#" and i + 1 < len(body) and body[i + 1].isdigit():
            k = int(body[i + 1])
            if 1 <= k <= len(args):
                a_text, a_off, a_dep = args[k - 1]
                after = body[i + 2 : i + 3]
                if _glues("".join(text), a_text) or _glues(a_text, after):
                    a_text, a_off, a_dep = _spaced(a_text, a_off, a_dep, where, depth)
                text.append(a_text)
                offs.extend(a_off)
                deps.extend(a_dep)
                i += 2
                continue
        if c == "#" and i + 1 < len(body) and body[i + 1] == "#":
            i += 1
        text.append(c)
        offs.append(where)
        deps.append(depth)
        i += 1
    return "".join(text), offs, deps


def _glues(left: str, right: str) -> bool:
    """Whether writing ``right`` straight after ``left`` would merge a control word with
    letters (``\\lvert`` + ``I`` -> ``\\lvertI``, ``\\sin`` + ``h`` -> ``\\sinh``): TeX
    reads the body's control word as one token before the argument is put in, so the
    expansion must keep them apart."""
    return bool(right[:1].isalpha() and _ENDS_IN_WORD.search(left))


def _spaced(
    a_text: str, a_off: list[int], a_dep: list[int], where: int, depth: int
) -> tuple[str, list[int], list[int]]:
    """The argument with a space on each side (a space after a control word is dropped
    by TeX, so the reading is unchanged but no control word can absorb a letter)."""
    return " " + a_text + " ", [where] + a_off + [where], [depth] + a_dep + [depth]


__all__ = [
    "BUILTINS",
    "MAX_DEPTH",
    "MAX_EXPANDED",
    "MAX_EXPANSIONS",
    "Macro",
    "MacroError",
    "expand",
    "read_definitions",
]
