r"""Score ``hallbound verify`` against the hand-judged corpus of real derivations.

Usage::

    python -m hallbound.proofs_checks.latex.corpus [DIR] [--no-parsers] [--time-limit S]

``DIR`` (default: the project's ``tests/data/real_derivations``) holds ``*.tex`` files and a
``judgements.json`` (see that folder's README): one object per judged chain, with ``file``,
``chain`` (0-based index of the display environment in the file), ``steps`` (``index``,
``relation``, ``truth``, ``reason``), ``assumptions`` (LaTeX) and ``introduced_error``.

A judged chain's step ``i`` is the ``i``-th relation of the environment, rows in order, as
counted by :func:`chain_relations` (independently of verify's parser): a top-level relation
token (``=``, ``<``, ``>``, ``\le``, ``\leq``, ``\ge`` ...; ``\stackrel{..}{=}``,
``\overset{..}{\le}`` count as their relation) that is not inside braces, brackets,
parentheses or a non-alignment inner environment (``cases``, ``matrix``), not in a
``\text``-like group, not after ``\quad``/``\qquad`` in its column (a remark), and not in an
alignment column past the equation's own (``a &= b & \text{remark}``: columns after the
second ``&`` of a row; in ``eqnarray`` after the third).

For each file, every judged chain's assumptions are inserted as ``% hb: assume`` lines just
before its environment (the authors state them in the prose); an assumption whose directive
line gets an error from verify is counted as not expressed (verify ignores it). Then
:func:`~hallbound.proofs_checks.latex.verify.verify_tex` runs once on the file, and each of
its step results is mapped to a judged step by position: the step's (line, column) must fall
in exactly one judged relation's span, with the same relation. A judged step that gets no
result, or more than one, or a result for a different relation, is *not checked* (the
mapping is never guessed). Checked means PROVED, CERTIFIED, SUPPORTED or REFUTED.

The table (:func:`score_corpus` returns it as a :class:`CorpusTable`, :func:`render` prints
it): judged and checked steps; true steps REFUTED (false alarms); false steps
PROVED/CERTIFIED; introduced errors REFUTED; real errors of the sources (false steps of real
chains) REFUTED; the median wall time of verify per file; and the fraction of chain sides
(the expressions between the counted relations) that SymPy's ``parse_latex`` (lark backend)
and ``latex2sympy2_extended`` parse without an exception within 10 s each (parse rate only;
"not installed" when the package is missing).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallbound.errors import InputError
from hallbound.proofs_checks.latex.display_definitions import is_definition_over
from hallbound.proofs_checks.latex.math_tokens import RELATIONS as TOKEN_RELATIONS

#: The project's corpus (a source checkout; absent from an installed wheel).
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "real_derivations"
CHECKED = frozenset({"PROVED", "CERTIFIED", "SUPPORTED", "REFUTED"})
PASSED = frozenset({"PROVED", "CERTIFIED"})
#: Display environments whose body is one judged chain (starred forms too).
DISPLAY_ENVS = ("align", "equation", "gather", "eqnarray", "multline", "flalign", "alignat")
#: Inner environments whose rows belong to the enclosing chain.
TRANSPARENT_ENVS = ("split", "aligned", "alignedat", "gathered", "multlined")
#: Relation token -> normalised relation (verify's ``LineCheck.relation``): the parser's
#: relations, plus ``\ne`` (a judged step that verify does not check as a relation).
RELATIONS: dict[str, str] = {**TOKEN_RELATIONS, r"\ne": "!=", r"\neq": "!="}
_TEXTLIKE = "text textrm textup textnormal textit textbf emph mbox hbox intertext shortintertext"
_TEXT_CMDS = frozenset(_TEXTLIKE.split())
_DROP_WITH_ARG = frozenset({"label", "tag", "tag*", "eqref", "ref"})
_DROP = frozenset({"nonumber", "notag"})
_OVER = frozenset({"stackrel", "overset", "underset"})
_ENV_RE = re.compile(
    r"\\begin\{(?P<name>(?:" + "|".join(DISPLAY_ENVS) + r")\*?)\}(?P<body>.*?)\\end\{(?P=name)\}",
    re.S,
)
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_CMD = re.compile(r"\\([A-Za-z]+\*?|.|$)", re.DOTALL)  # `\` + newline: a control space


@dataclass
class EnvSpan:
    """A top-level display environment: its name and body span in the text."""

    name: str
    start: int
    body_start: int
    body_end: int


@dataclass
class Relation:
    """A counted relation of a chain: its span in the text and normalised relation."""

    start: int
    end: int
    relation: str


@dataclass
class StepRow:
    """One judged step and what verify said about it (``verdict`` None: not checked)."""

    file: str
    chain: int
    step: int
    truth: bool
    reason: str
    introduced: bool
    verdict: str | None = None
    note: str = ""

    def where(self) -> str:
        return f"{self.file} chain {self.chain} step {self.step}"


@dataclass
class FileResult:
    """One corpus file: its steps, verify's wall time and the assumptions left out."""

    file: str
    steps: list[StepRow]
    seconds: float
    assumptions: int = 0
    not_expressed: list[str] = field(default_factory=list)
    unmatched: int = 0


@dataclass
class CorpusTable:
    """The scored corpus (see the module doc); ``parse_rates`` maps a parser's name to
    (sides parsed, sides) or None when it is not installed."""

    files: list[FileResult]
    chains: int = 0
    real_chains: int = 0
    repositories: int = 0
    parse_rates: dict[str, tuple[int, int] | None] = field(default_factory=dict)

    @property
    def steps(self) -> list[StepRow]:
        return [s for f in self.files for s in f.steps]

    @property
    def judged(self) -> int:
        return len(self.steps)

    @property
    def checked(self) -> int:
        return sum(s.verdict in CHECKED for s in self.steps)

    @property
    def checked_fraction(self) -> float:
        return self.checked / self.judged if self.judged else 0.0

    @property
    def false_alarms(self) -> list[StepRow]:
        """True steps REFUTED."""
        return [s for s in self.steps if s.truth and s.verdict == "REFUTED"]

    @property
    def false_passes(self) -> list[StepRow]:
        """False steps PROVED or CERTIFIED."""
        return [s for s in self.steps if not s.truth and s.verdict in PASSED]

    @property
    def false_supported(self) -> list[StepRow]:
        """False steps SUPPORTED (no counterexample found; not a proof)."""
        return [s for s in self.steps if not s.truth and s.verdict == "SUPPORTED"]

    @property
    def introduced(self) -> list[StepRow]:
        return [s for s in self.steps if s.introduced and not s.truth]

    @property
    def real_errors(self) -> list[StepRow]:
        """The false steps of real chains (errors in the sources)."""
        return [s for s in self.steps if not s.introduced and not s.truth]

    @property
    def median_seconds(self) -> float:
        return statistics.median(f.seconds for f in self.files) if self.files else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The table as plain data (counts and the listed steps as ``file/chain/step``)."""

        def names(rows: list[StepRow]) -> list[str]:
            return [r.where() for r in rows]

        return {
            "files": len(self.files),
            "chains": self.chains,
            "real_chains": self.real_chains,
            "repositories": self.repositories,
            "judged": self.judged,
            "checked": self.checked,
            "checked_fraction": self.checked_fraction,
            "false_alarms": names(self.false_alarms),
            "false_passes": names(self.false_passes),
            "introduced_refuted": names([s for s in self.introduced if s.verdict == "REFUTED"]),
            "introduced_total": len(self.introduced),
            "real_errors_refuted": names([s for s in self.real_errors if s.verdict == "REFUTED"]),
            "real_errors_total": len(self.real_errors),
            "median_seconds": self.median_seconds,
            "parse_rates": self.parse_rates,
        }


# -- reading the corpus files -------------------------------------------------------------


def blank_comments(text: str) -> str:
    """The text with every ``%`` comment replaced by spaces (offsets kept)."""
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), text)


def display_environments(text: str) -> list[EnvSpan]:
    """The top-level display environments of a LaTeX text, in order (comments ignored)."""
    blank = blank_comments(text)
    return [
        EnvSpan(m.group("name"), m.start(), m.start("body"), m.end("body"))
        for m in _ENV_RE.finditer(blank)
    ]


def _group_end(text: str, i: int, end: int) -> int:
    """Index after the braced group starting at ``text[i]`` (skipping spaces), or ``i``."""
    j = i
    while j < end and text[j].isspace():
        j += 1
    if j >= end or text[j] != "{":
        return i
    depth = 0
    while j < end:
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return end


def _env_name(text: str, i: int, end: int) -> tuple[str, int]:
    m = re.match(r"\s*\{([A-Za-z*]+)\}", text[i:end])
    return (m.group(1), i + m.end()) if m else ("", i)


def _over_relation(text: str, i: int, end: int) -> tuple[str, int] | None:
    r"""``\stackrel{X}{REL}``: (REL, index after it) when the second group is a relation."""
    a = _group_end(text, i, end)
    b = _group_end(text, a, end)
    if a == i or b == a:
        return None
    inner = text[a:b].strip()[1:-1].strip()
    return (RELATIONS[inner], b) if inner in RELATIONS else None


_REMARK_START = re.compile(
    r"(?:\s|\\q?quad\b|\\[,;:! ])*\\(?:" + "|".join(_TEXT_CMDS) + r"|forall)\b"
)


def _remark_follows(text: str, i: int, end: int) -> bool:
    r"""True when a ``\text``-like command or ``\forall`` follows (after spacing): then the
    ``\quad`` before it starts a remark (``x = y \quad \text{for } t \ge 0``)."""
    return _REMARK_START.match(text, i, end) is not None


_PROSE_WORDS = frozenset("for where since if and by as when with so using".split())


def _is_prose(command: str) -> bool:
    r"""``\text{ for all }``, ``\text{since}``: a remark (a space inside or a linking word);
    ``\text{Var}`` is notation."""
    body = command[command.find("{") + 1 : -1] if "{" in command else ""
    return " " in body.strip() or body != body.strip() or body.strip() in _PROSE_WORDS


class _Scanner:
    """One pass over an environment body: the counted relations and a mask of the text
    that is not part of the chain's expressions (remarks, labels, alignment marks)."""

    def __init__(self, text: str, env: EnvSpan) -> None:
        self.text = text
        self.env = env
        self.max_cols = 3 if env.name.startswith("eqnarray") else 2
        self.relations: list[Relation] = []
        self.masked: list[tuple[int, int]] = []  # spans left out of the sides

    def run(self) -> None:
        t, end = self.text, self.env.body_end
        i = self.env.body_start
        depth = 0  # braces, brackets, parentheses and opaque inner environments
        col = 0  # alignment column within the current row
        remark = False  # in a remark until the end of the column
        while i < end:
            c = t[i]
            if c == "%":
                j = t.find("\n", i)
                j = end if j < 0 or j > end else j
                self.masked.append((i, j))
                i = j
                continue
            skip = remark or col >= self.max_cols
            if c == "\\":
                m = _CMD.match(t, i)
                assert m is not None
                name, j = m.group(1), m.end()
                if name == "\\" and depth == 0:  # row break \\[..]
                    k = re.match(r"\s*(\[[^\]]*\])?", t[j:end])
                    j += k.end() if k else 0
                    self.masked.append((i, j))
                    col, remark, i = 0, False, j
                    continue
                if name in ("begin", "end"):
                    env, j = _env_name(t, j, end)
                    base = env.rstrip("*")
                    if base in TRANSPARENT_ENVS:
                        if name == "begin" and base == "alignedat":
                            j = _group_end(t, j, end)
                        self.masked.append((i, j))
                    else:
                        depth += 1 if name == "begin" else -1
                    i = j
                    continue
                if name in _TEXT_CMDS or name in _DROP_WITH_ARG:
                    j = _group_end(t, j, end)
                    if name in _TEXT_CMDS and depth == 0 and _is_prose(t[i:j]):
                        remark = True
                    if skip or remark or name in _DROP_WITH_ARG or "intertext" in name:
                        self.masked.append((i, j))
                    i = j
                    continue
                if name in _DROP:
                    self.masked.append((i, j))
                    i = j
                    continue
                quad = name in ("quad", "qquad") and depth == 0 and not skip
                if quad and _remark_follows(t, j, end):
                    remark = True
                    self.masked.append((i, j))
                    i = j
                    continue
                if name in _OVER and depth == 0 and not skip:
                    over = _over_relation(t, j, end)
                    if over is not None and is_definition_over(t[j : _group_end(t, j, end)]):
                        i = over[1]  # \stackrel{\text{def}}{=}: a definition, not a step
                        continue
                    if over is not None:
                        self.relations.append(Relation(i, over[1], over[0]))
                        i = over[1]
                        continue
                if name in ("{", "langle", "lbrace", "lVert", "lvert"):
                    depth += 1
                elif name in ("}", "rangle", "rbrace", "rVert", "rvert"):
                    depth = max(0, depth - 1)
                elif "\\" + name in RELATIONS and depth == 0 and not skip:
                    self.relations.append(Relation(i, j, RELATIONS["\\" + name]))
                if skip:
                    self.masked.append((i, j))
                i = j
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth = max(0, depth - 1)
            elif c == "&" and depth == 0:
                col += 1
                self.masked.append((i, i + 1))
                i += 1
                continue
            elif c in "=<>" and depth == 0 and not skip and not _colon_next(t, i, end):
                self.relations.append(Relation(i, i + 1, RELATIONS[c]))
            if skip:
                self.masked.append((i, i + 1))
            i += 1


def _colon_next(text: str, i: int, end: int) -> bool:
    """Whether the ``=`` at ``i`` is part of a definition symbol ``:=`` or ``=:``."""
    k = i - 1
    while k >= 0 and text[k] in " \t\n":
        k -= 1
    j = i + 1
    while j < end and text[j] in " \t\n":
        j += 1
    return (k >= 0 and text[k] == ":") or (j < end and text[j] == ":")


def chain_relations(text: str, env: EnvSpan) -> list[Relation]:
    """The counted relations of one environment's chain (see the module doc)."""
    scan = _Scanner(text, env)
    scan.run()
    return scan.relations


def chain_sides(text: str, env: EnvSpan) -> list[str]:
    """The expressions between the counted relations, remarks, labels, ``&`` and row
    breaks left out, trailing ``.``/``,`` dropped (the input of the parse-rate rows)."""
    scan = _Scanner(text, env)
    scan.run()
    chars = list(text[: env.body_end])
    for a, b in scan.masked:
        for k in range(a, min(b, env.body_end)):
            chars[k] = " "
    bounds = [env.body_start]
    for r in scan.relations:
        bounds += [r.start, r.end]
    bounds.append(env.body_end)
    sides = ["".join(chars[bounds[k] : bounds[k + 1]]) for k in range(0, len(bounds), 2)]
    return [" ".join(s.split()).rstrip(".,; ") for s in sides]


# -- judgements --------------------------------------------------------------------------


def load_judgements(directory: Path) -> list[dict[str, Any]]:
    """The judged chains of ``directory/judgements.json`` (raises InputError when missing)."""
    path = Path(directory) / "judgements.json"
    if not path.is_file():
        raise InputError("directory", f"no judgements.json in {directory}")
    data = json.loads(path.read_text())
    if not isinstance(data, list):
        raise InputError("directory", "judgements.json must hold a list of chains")
    return data


def repositories(directory: Path) -> set[str]:
    """The ``% source:`` repositories of the corpus files."""
    out = set()
    for path in Path(directory).glob("*.tex"):
        m = re.search(r"^% source:\s*(\S+)", path.read_text(), re.M)
        if m:
            out.add(m.group(1).rstrip("/"))
    return out


def with_assumptions(text: str, chains: list[dict[str, Any]]) -> tuple[str, dict[int, list[str]]]:
    """The text with each judged chain's assumptions as ``% hb: assume`` lines before its
    environment, and the 1-based line of each inserted directive -> its assumption."""
    envs = display_environments(text)
    inserts: dict[int, list[str]] = {}
    for ch in chains:
        k = ch["chain"]
        if not 0 <= k < len(envs):
            raise InputError("judgements", f"{ch['file']}: no display environment {k}")
        line_start = text.rfind("\n", 0, envs[k].start) + 1
        inserts.setdefault(line_start, []).extend(ch.get("assumptions") or [])
    out, pos, lines = [], 0, {}
    for at in sorted(inserts):
        out.append(text[pos:at])
        for a in inserts[at]:
            line = "".join(out).count("\n") + 1
            lines[line] = a
            out.append(f"% hb: assume {' '.join(a.split())}\n")
        pos = at
    out.append(text[pos:])
    return "".join(out), lines


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def score_file(
    path: Path,
    chains: list[dict[str, Any]],
    time_limit: float | None = None,
    verify: Callable[..., Any] | None = None,
) -> FileResult:
    """Run verify on one corpus file (its chains' assumptions inserted) and map each of its
    step results to a judged step (see the module doc)."""
    if verify is None:
        from hallbound.proofs_checks.latex.verify import verify_tex as verify
    text, directive_lines = with_assumptions(path.read_text(), chains)
    envs = display_environments(text)
    kwargs = {} if time_limit is None else {"time_limit": time_limit}
    t0 = time.perf_counter()
    report = verify(text, **kwargs)
    seconds = time.perf_counter() - t0
    starts = _line_starts(text)
    hits: dict[tuple[int, int], list[str]] = {}
    rels = {k: chain_relations(text, envs[k]) for k in {c["chain"] for c in chains}}
    unmatched = 0
    for chain in report.environments:
        for s in chain.steps:
            off = starts[s.line - 1] + s.column - 1
            found = [
                (k, i)
                for k, rs in rels.items()
                for i, r in enumerate(rs)
                if r.start <= off < r.end and r.relation == s.relation
            ]
            if len(found) == 1:
                hits.setdefault(found[0], []).append(s.verdict)
            else:
                unmatched += 1
    rows = []
    for ch in chains:
        introduced = bool(ch.get("introduced_error"))
        for st in ch["steps"]:
            row = StepRow(
                path.name,
                ch["chain"],
                st["index"],
                st["truth"] in (True, "true"),
                st.get("reason", ""),
                introduced,
            )
            got = hits.get((ch["chain"], st["index"]), [])
            if len(got) == 1:
                row.verdict = got[0]
            elif got:
                row.note = f"{len(got)} results for one step: not checked"
            rows.append(row)
    bad_lines = {e.line for e in report.errors}
    not_expressed = [a for ln, a in directive_lines.items() if ln in bad_lines]
    return FileResult(path.name, rows, seconds, len(directive_lines), not_expressed, unmatched)


# -- other parsers: parse rate only -----------------------------------------------------------


def _parsers() -> dict[str, Callable[[str], Any] | None]:
    out: dict[str, Callable[[str], Any] | None] = {}
    try:
        import lark  # noqa: F401
        from sympy.parsing.latex import parse_latex

        out["sympy parse_latex (lark)"] = lambda s: parse_latex(s, backend="lark")
    except ImportError:
        out["sympy parse_latex (lark)"] = None
    try:
        from latex2sympy2_extended import latex2sympy

        out["latex2sympy2-extended"] = latex2sympy
    except ImportError:
        out["latex2sympy2-extended"] = None
    return out


def parse_rates(sides: Sequence[str], limit: float = 10.0) -> dict[str, tuple[int, int] | None]:
    """(sides parsed, sides) per parser; None for a parser that is not installed. A side
    counts as parsed when the parser returns without an exception within ``limit`` s (each
    side in a worker process; the parser's grammar is built once, here, before)."""
    import warnings

    from hallbound.proofs_checks.latex.verify import run_with_time_limit

    out: dict[str, tuple[int, int] | None] = {}
    for name, parse in _parsers().items():
        if parse is None:
            out[name] = None
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                parse("x + 1")  # builds the grammar in this process, shared by the workers
            except Exception:  # noqa: BLE001 - a failure here shows up on every side below
                pass
            ok = 0
            for side in sides:
                status, _ = run_with_time_limit(lambda p=parse, s=side: str(p(s)), limit)
                ok += status == "ok"
        out[name] = (ok, len(sides))
    return out


# -- the table ----------------------------------------------------------------------------


def score_corpus(
    directory: Path | str | None = None,
    time_limit: float | None = None,
    parsers: bool = True,
) -> CorpusTable:
    """Score every judged file of ``directory`` (default :data:`DEFAULT_DIR`)."""
    directory = Path(directory) if directory is not None else DEFAULT_DIR
    if not directory.is_dir():
        raise InputError("directory", f"not a folder: {directory}")
    judged = load_judgements(directory)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for ch in judged:
        by_file.setdefault(ch["file"], []).append(ch)
    files = [
        score_file(directory / name, chains, time_limit) for name, chains in sorted(by_file.items())
    ]
    table = CorpusTable(files)
    table.chains = len(judged)
    table.real_chains = sum(not ch.get("introduced_error") for ch in judged)
    table.repositories = len(repositories(directory))
    if parsers:
        sides = []
        for name, chains in sorted(by_file.items()):
            text = (directory / name).read_text()
            envs = display_environments(text)
            for ch in chains:
                sides += chain_sides(text, envs[ch["chain"]])
        table.parse_rates = parse_rates(sides)
    return table


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else f"{a}/{b}"


def render(table: CorpusTable) -> str:
    """The table as text (see the module doc)."""
    steps = table.steps
    intro = table.introduced
    real = table.real_errors
    lines = [
        f"corpus: {len(table.files)} files, {table.chains} judged chains "
        f"({table.real_chains} real, {table.chains - table.real_chains} with an introduced "
        f"error), {table.repositories} repositories",
        f"judged steps: {table.judged} ({sum(s.truth for s in steps)} true, "
        f"{sum(not s.truth for s in steps)} false)",
        f"checked (PROVED/CERTIFIED/SUPPORTED/REFUTED): {_pct(table.checked, table.judged)}",
    ]
    counts: dict[str, int] = {}
    for s in steps:
        key = s.verdict or "not checked"
        counts[key] = counts.get(key, 0) + 1
    lines.append("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    lines.append(f"true steps REFUTED (false alarms): {len(table.false_alarms)}")
    lines += [f"  {s.where()}: {s.reason}" for s in table.false_alarms]
    lines.append(f"false steps PROVED/CERTIFIED: {len(table.false_passes)}")
    lines += [f"  {s.where()} ({s.verdict}): {s.reason}" for s in table.false_passes]
    if table.false_supported:
        lines.append(f"false steps SUPPORTED (not refuted): {len(table.false_supported)}")
    refuted = [s for s in intro if s.verdict == "REFUTED"]
    lines.append(f"introduced errors REFUTED: {_pct(len(refuted), len(intro))}")
    lines += [
        f"  missed: {s.where()} ({s.verdict or 'not checked'})"
        for s in intro
        if s.verdict != "REFUTED"
    ]
    found = [s for s in real if s.verdict == "REFUTED"]
    lines.append(f"real errors in the sources REFUTED: {_pct(len(found), len(real))}")
    lines += [f"  {s.where()}: {s.reason}" for s in found]
    lines += [
        f"  not refuted: {s.where()} ({s.verdict or 'not checked'})"
        for s in real
        if s.verdict != "REFUTED"
    ]
    unmatched = sum(f.unmatched for f in table.files)
    lines.append(f"verify results matched to no judged step: {unmatched}")
    assumed = sum(f.assumptions for f in table.files)
    left = sum(len(f.not_expressed) for f in table.files)
    lines.append(f"assumptions stated: {assumed}; not expressible as % hb: assume: {left}")
    lines.append(
        f"median verify time per file: {table.median_seconds:.2f} s "
        f"(max {max((f.seconds for f in table.files), default=0.0):.2f} s)"
    )
    if table.parse_rates:
        lines.append("parse rate of the chain sides:")
        for name, rate in table.parse_rates.items():
            lines.append(f"  {name}: " + ("not installed" if rate is None else _pct(*rate)))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m hallbound.proofs_checks.latex.corpus [DIR]``: print the table."""
    ap = argparse.ArgumentParser(
        prog="python -m hallbound.proofs_checks.latex.corpus",
        description="Score hallbound verify against a hand-judged corpus of real derivations: "
        "the share of judged steps checked, true steps refuted, false steps proved, "
        "introduced and real errors refuted, and the parse rate of other LaTeX readers.")
    ap.add_argument("directory", nargs="?", default=None,
                    help="folder with the .tex files and judgements.json (default: the "
                    "project's tests/data/real_derivations)")
    ap.add_argument("--no-parsers", action="store_true", help="skip the parse-rate rows")
    ap.add_argument("--time-limit", type=float, default=None, help="CPU s per step")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    args = ap.parse_args(argv)
    try:
        table = score_corpus(args.directory, args.time_limit, parsers=not args.no_parsers)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(json.dumps(table.to_dict(), indent=2) if args.json else render(table), end="")
    return 0


__all__ = [
    "CorpusTable",
    "FileResult",
    "StepRow",
    "chain_relations",
    "chain_sides",
    "display_environments",
    "load_judgements",
    "main",
    "parse_rates",
    "render",
    "repositories",
    "score_corpus",
    "score_file",
    "with_assumptions",
]

if __name__ == "__main__":
    sys.exit(main())
