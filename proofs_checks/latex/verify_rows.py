r"""Reading an environment's rows and directives for
:func:`~hallbound.proofs_checks.latex.verify.verify_tex`: the cleaned text of a side, the
author's macros expanded in a directive, the environment's hypotheses (``assume``, ``box``,
``function``, ``variable``, ``dim``) and definitions (``let``, ``x = expression``), and the rows
with continuation rows (starting with ``+``/``-``) joined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.definition_values import Defined, plain_names, read_in_place
from hallbound.proofs_checks.latex.dim_reading import recording
from hallbound.proofs_checks.latex.display_definitions import Site, has_relation, split_row
from hallbound.proofs_checks.latex.document import (
    Directive,
    Document,
    Environment,
    blank_comments,
)
from hallbound.proofs_checks.latex.hypotheses import (
    MAX_DIM,
    Hypotheses,
    SymbolTable,
    name_of,
    parse_assume,
    parse_box,
    parse_declaration,
    split_top_level,
)
from hallbound.proofs_checks.latex.let_guard import subscripted_use
from hallbound.proofs_checks.latex.macros import (
    BUILTINS,
    Macro,
    MacroError,
    expand,
    read_definitions,
)
from hallbound.proofs_checks.latex.math_parser import GREEK, LatexError, parse_expression
from hallbound.proofs_checks.latex.models.function_facts import prescan_functions, row_evidence
from hallbound.proofs_checks.latex.size_letter import stated_letter
from hallbound.proofs_checks.latex.verify_results import ErrorEntry


@dataclass
class _Side:
    expr: Any
    text: str
    offset: int
    #: the size-dependent parts read on its row (:func:`.dim_reading.recording`)
    sized: frozenset[str] = frozenset()


@dataclass
class _Rel:
    rel: str
    start: int
    end: int
    row: int
    cites: list[str] = field(default_factory=list)
    lemma: str | None = None
    assumed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lemma_problem: str = ""


_CLEAN = re.compile(r"\\(nonumber|notag|quad|qquad|displaystyle)\b|&|\\[,;:!]")
_SIZING = re.compile(r"\\(left|right|[bB]igg?[lr]?)\b\s*")
_CLEAN_ARG = re.compile(r"\\(label|tag\*?|text|textrm|mbox|intertext)\{[^}]*\}")


#: The error for rows with no relation before a row with a left side of its own.
ORPHAN_ROW = ("a row with no relation comes before a row with a left side of its own: the "
              "rows are not joined, so that row's first relation is not checked")


def _clean(text: str) -> str:
    text = _CLEAN_ARG.sub(" ", text)
    text = _CLEAN.sub(" ", _SIZING.sub("", text))
    text = " ".join(text.split())
    return text.rstrip(",.; ")


def _expanded(
    d: Directive, macros: dict[str, Macro], errors: list[tuple[int, str]]
) -> Directive | None:
    """A directive with the author's macros expanded in its argument (None, with an error,
    when the expansion fails); an expanded argument reports its errors at its start."""
    if not macros or "\\" not in d.arg:
        return d
    try:
        text, _ = expand(d.arg, macros, d.offset)
    except MacroError as err:
        errors.append((d.offset, f"{d.verb}: {err.message} (not used)"))
        return None
    return d if text == d.arg else Directive(d.verb, text, d.offset)


def _hypotheses(env: Environment, macros: dict[str, Macro] | None = None,
                document: Any = None) -> Hypotheses:
    hyp = Hypotheses()
    hyp.document = document  # how the whole document uses each name (assume items read so)
    directives = []
    for d in env.directives:
        e = _expanded(d, macros or {}, hyp.errors)
        if e is not None:
            directives.append(e)
    for d in directives:
        if d.verb == "dim":
            if d.arg.strip().isdigit() and 1 <= int(d.arg.strip()) <= MAX_DIM:
                hyp.dim = int(d.arg.strip())
            else:
                hyp.errors.append((d.offset, f"dim: give an integer in [1, {MAX_DIM}]"))
    hyp.row_use = row_evidence([r.text for r in env.rows])  # f(a) only: f \ge 0 of a function
    for d in directives:
        if d.verb == "assume":
            # f \text{ convex}: f(..) is a function value
            prescan_functions(split_top_level(d.arg, 0), hyp)
    for d in directives:
        if d.verb in ("assume", "box", "let"):
            hyp.items.extend(t.strip() for t, _ in split_top_level(d.arg, 0))
        if d.verb == "assume":
            parse_assume(d.arg, d.offset, hyp)
        elif d.verb == "box":
            parse_box(d.arg, d.offset, hyp)
        elif d.verb in ("function", "variable"):
            parse_declaration(d.verb, d.arg, d.offset, hyp)
        elif d.verb not in ("let", "dim"):
            hyp.errors.append((d.offset, f"'{d.verb}' applies to a row, not to an environment"))
    _stated_size(hyp, directives[0].offset if directives else 0)
    hyp.size_letter = stated_letter(hyp, [d.arg for d in directives if d.verb == "let"])
    return hyp


def _stated_size(hyp: Hypotheses, offset: int) -> None:
    """Fix the size of vectors and matrices to the one the sets state (``\\mathbb{R}^3``, up
    to ``MAX_DIM``) when every vector states that one size and no matrix has a free size;
    otherwise each vector keeps the size its set states and the others (``\\mathbb{R}^d``,
    ``A \\succ 0``) are tried in every size (:mod:`.dimensions`). A stated size other than
    ``% hb: dim`` is an error, so that no step is checked with vectors of the wrong size."""
    doms = hyp.domains.values()
    sizes = sorted({dom.dim for dom in doms if dom.kind == "vector" and dom.dim})
    free = any(d.kind == "spd" or (d.kind == "vector" and not d.dim) for d in doms)
    if hyp.dim is not None and sizes and sizes != [hyp.dim]:
        sizes = sorted({*sizes, hyp.dim})
        hyp.errors.append((offset, f"vectors of sizes {', '.join(map(str, sizes))} in one "
                                   "environment are not modelled"))
    elif len(sizes) == 1 and not free and sizes[0] <= MAX_DIM:
        hyp.dim = sizes[0]


def _top_level_equals(text: str) -> int:
    """The index of the first ``=`` outside every (), [] and {} of ``text`` (-1 if none):
    in ``\\Pr[X = 0] = 1`` the definition's ``=`` is the second one."""
    depth = 0
    for k, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif ch == "=" and depth == 0:
            return k
    return -1


def _definitions(
    env: Environment,
    table: SymbolTable,
    errors: list[tuple[int, str]],
    macros: dict[str, Macro] | None = None,
    hyp: Hypotheses | None = None,
) -> dict:
    """``let`` directives, in order, then the ``x = expression`` items of ``assume``
    (``hyp.definitions``): scalars -> substitution; vectors/matrices -> objects; a plain name
    whose value has sums or indexed terms (``X = \\sum_i X_i``) -> read in place of the name
    (:mod:`.definition_values`). A name defined twice keeps its first definition; the second
    is refused with an error; so is a name that occurs in its own value. The size-dependent
    parts of each definition are kept with its name (``table.objects.kinds``)."""
    defs: dict[sp.Symbol, sp.Basic] = {}
    stated = [Directive("let", f"{name} = {expr}", at - len(name) - 3)
              for name, expr, at in (hyp.definitions if hyp else [])]
    read: list[Defined] = []
    lets: list[Defined] = []
    for raw in [*env.directives, *stated]:
        if raw.verb != "let":
            continue
        d = _expanded(raw, macros or {}, errors)
        if d is None:
            continue
        eq = _top_level_equals(d.arg)
        if eq < 0:
            errors.append((d.offset, "let: write 'let name = expression'"))
            continue
        try:
            name = name_of(d.arg[:eq], d.offset)
            with recording() as sized:
                rhs = parse_expression(d.arg[eq + 1 :], table.scope(), d.offset + eq + 1)
        except LatexError as err:
            errors.append((err.offset, f"let: {err.message}"))
            continue
        if sized and name not in table.objects.kinds:
            table.objects.kinds[name] = frozenset(sized)
        if isinstance(rhs, sp.MatrixBase):
            table.objects[name] = sp.ImmutableMatrix(rhs)
            continue
        if name in {x.name for x in read}:
            errors.append((d.offset, f"{d.verb}: {d.arg[:eq].strip()} is already defined; "
                                     f"{d.arg.strip()!r} is not used"))
            continue
        if name in plain_names(rhs, table.atoms):
            errors.append((d.offset, f"let: {d.arg[:eq].strip()} occurs in its own value; "
                                     f"{d.arg.strip()!r} is not used"))
            continue
        read.append(Defined(name, d.arg[:eq].strip(), d.arg[eq + 1 :], d.offset + eq + 1, rhs))
        if raw not in stated:  # a `% hb: let` line, not an `assume x = ..` item
            lets.append(read[-1])

    def refuse(x: Defined, why: str) -> None:
        errors.append((x.at, f"let: {x.latex} = {x.text.strip()}: {why} (not used)"))

    rows = [r.text for r in env.rows] + (hyp.items if hyp else [])
    scratch = SymbolTable(hyp or Hypotheses())
    plain = [x for x in read if _plain(x.latex, scratch)]  # not E[X] = .., f(x) = ..
    in_place = read_in_place(plain, table, rows, refuse)
    for x in lets:  # let p = 1/2 beside p_i: the family's letter is no scalar
        # X = \\sum_i X_i names the family in its value: the author tells them apart
        named = x.name in in_place or "_" in x.latex or subscripted_use(x.latex, [x.text])
        use = None if named else subscripted_use(x.latex, rows)
        if use is not None:
            refuse(x, f"{x.latex} is also written with a subscript here ({use}), a family "
                      "or another name that the value cannot replace")
            in_place.add(x.name)  # not substituted either
    for x in read:
        if x.name in in_place:
            continue
        sym = table.make(x.name, x.latex)
        rhs = x.value.xreplace(defs) if defs else x.value
        defs = {k: v.xreplace({sym: rhs}) for k, v in defs.items()}
        defs[sym] = rhs
    return defs


def _plain(latex: str, scratch: SymbolTable) -> bool:
    """Whether ``latex`` reads as a plain name (no opaque quantity, no function value)."""
    try:
        e = parse_expression(latex, scratch.scope(), 0)
    except LatexError:
        return False
    return isinstance(e, sp.Symbol) and e not in scratch.atoms


def _row_chunks(env: Environment, blank: str) -> list[tuple[int, int, int, list[Directive]]]:
    """Rows, with a row that starts with ``+``/``-`` and holds no relation of its own joined
    to the one before it (a continued side; ``-t &\\ge -1`` is a statement of its own):
    ``(start, end, index of the row used for the tag, row directives)``."""
    out: list[tuple[int, int, int, list[Directive]]] = []
    for i, row in enumerate(env.rows):
        text = _clean(blank[row.offset : row.end])
        if out and text[:1] in ("+", "-") and not has_relation(text):
            a, _, _, dirs = out[-1]
            out[-1] = (a, row.end, i, dirs + row.directives)
        else:
            out.append((row.offset, row.end, i, list(row.directives)))
    return out


def expand_rows(
    chunks: list[tuple[int, int, int, list[Directive]]], blank: str, macros: dict[str, Macro]
) -> tuple[dict[int, Any], dict[int, tuple[Site | None, str]]]:
    """Each row (by its start) with the author's macros expanded, as ``(text, offset map)``
    (a MacroError when that fails), and its definition symbol and defined name
    (:func:`.display_definitions.split_row`: blanked from the text; ``(None, "")`` if none)."""
    expanded: dict[int, Any] = {}
    sites: dict[int, tuple[Site | None, str]] = {}
    for start, end, _, _ in chunks:
        sites[start] = (None, "")
        try:
            text, omap = expand(_blank_breaks(blank[start:end]), macros, start)
        except MacroError as err:
            expanded[start] = err
            continue
        text, site, lhs = split_row(text)
        expanded[start], sites[start] = (text, omap), (site, lhs)
    return expanded, sites


def _blank_breaks(text: str) -> str:
    return re.sub(r"\\\\(\s*\[[^\]]*\])?", lambda m: " " * len(m.group(0)), text)


def _write_out(expr: sp.Basic, table: SymbolTable) -> sp.Basic:
    """Sums and products with integer limits written out; ``x[j]`` becomes the symbol
    ``x_j`` of the environment (with the domain assumed for ``x_i``)."""
    from hallbound.proofs_checks.engine.instances import written_out

    expr = written_out(expr)  # an empty range is 0 (a sum) or 1 (a product)

    def sym(e: sp.Indexed) -> sp.Basic:
        (j,) = e.indices
        if not j.is_Integer:
            return e
        base = str(e.base)
        return table.make(f"{base}_{int(j)}", f"{_latex_base(base)}_{{{int(j)}}}")

    return expr.replace(lambda e: isinstance(e, sp.Indexed), sym)


def _latex_base(name: str) -> str:
    return "\\" + name if name in GREEK else name


def macros_file(macros: str, errors_out: list[ErrorEntry], used: set[str]) -> dict[str, Macro]:
    """The definitions of a macros file; its problems become errors that name it (its own
    ``\\input`` is not followed either), appended to ``errors_out``."""
    blank = blank_comments(macros)
    table, errors = read_definitions(blank, dict(BUILTINS), used=used)
    mdoc = Document(macros, [], [], [])
    for off, msg in errors:
        line, col = mdoc.line_col(off)
        errors_out.append(ErrorEntry(0, 0, f"macros file, line {line}: {msg}"))
    for m in re.finditer(r"\\(input|include|InputIfFileExists|import|subimport)\b", blank):
        line, _ = mdoc.line_col(m.start())
        errors_out.append(ErrorEntry(
            0, 0, f"macros file, line {line}: \\{m.group(1)} is not followed"))
    return table


def row_directives(dirs: list[Directive], numbers: dict[str, Any], error: Any
                   ) -> tuple[list[str], str | None]:
    """A row's ``by`` lemma and the equations its ``from`` cites (keys of ``numbers``, the
    file's equation numbers and labels); any other verb, or an unknown equation, is an
    ``error(offset, message)``."""
    cites: list[str] = []
    lemma = None
    for d in dirs:
        if d.verb == "by":
            lemma = d.arg.strip()
        elif d.verb == "from":
            for ref in re.split(r"\s*,\s*|\s+and\s+", d.arg.strip()):
                key = ref.strip()
                m = re.fullmatch(r"\\(?:eq)?ref\{([^}]*)\}", key)
                key = m.group(1) if m else key
                if key not in numbers and f"({key})" in numbers:
                    key = f"({key})"
                if key not in numbers:
                    error(d.offset, f"from: no equation {ref.strip()!r} in this file")
                else:
                    cites.append(key)
        else:
            error(d.offset, f"'{d.verb}' applies to an environment; put it before it")
    return cites, lemma


def mapped(k: int, omap: list[int], start: int) -> int:
    """The source offset of character ``k`` of a macro-expanded row (``omap``: its origins)."""
    if 0 <= k < len(omap):
        return omap[k]
    return (omap[-1] + 1) if omap else start


def scalar_of(x: Any) -> Any:
    """A 1 x 1 matrix as its entry; anything else as it is."""
    if isinstance(x, sp.MatrixBase) and x.shape == (1, 1):
        return x[0, 0]
    return x


def free_of(x: Any) -> set:
    """The free symbols of ``x`` (none when it is not a SymPy object)."""
    return set(x.free_symbols) if isinstance(x, sp.Basic) else set()


