r"""Check a derivation straight from its LaTeX: :func:`verify_tex` (``hallbound verify``).

Each display environment (see :mod:`~hallbound.proofs_checks.latex.document`) is read as a
chain :math:`e_0 \mathrel{R_1} e_1 \mathrel{R_2} e_2 \cdots`; every consecutive relation
:math:`e_{k-1} \mathrel{R_k} e_k` becomes one :class:`~hallbound.proofs_checks.engine.claim.Step` of
a :class:`~hallbound.proofs_checks.engine.claim.Claim` whose hypotheses are the environment's
``% hb: assume`` domains, and is checked by the project's checker
(:func:`~hallbound.proofs_checks.engine.checker.check_step`), in a worker process with a time limit
that counts the worker's CPU time, not wall time (:func:`run_with_budget`), so a loaded
machine gives the same verdicts; a step that runs out of it is UNDECIDED, its detail starting
with ``budget:``.
A row that starts with an expression (not a relation) starts a new chain. The author's macros
(:mod:`~hallbound.proofs_checks.latex.macros`; from the file and from ``macros``) are
expanded in each row and directive first; a row that cannot be expanded or read loses only
its own steps, and is counted in :attr:`VerifyReport.skipped`.

``assume`` relations between several variables become the claim's ``assumptions``: the
falsifier draws only points where each one holds (a variable a relation links to the step's
is drawn too), z3 and SymPy take them as hypotheses, and a REFUTED step's witness is
checked against them and lists what it satisfies
(:func:`~hallbound.proofs_checks.latex.verdict_rules.review`, with the other rules that keep a
REFUTED verdict to counterexamples of the text: stated equations, domains of defined
symbols, lone quantities, unsigned variables). A witness
satisfies every stated assumption and box, so a REFUTED step stays REFUTED whatever it
cites (``by NAME`` lifts only an unprovable step to ASSUMED).

The chain's conclusion :math:`e_0 \mathrel{R} e_n` has the composed relation (``=`` if every
step is ``=``; ``<=`` / ``<`` for steps among ``= <= <``, strict when one step is; likewise
``>=``) and its own verdict: when no step is REFUTED, the engine's claim verdict (the
weakest step verdict, and PROVED/CERTIFIED only when
:func:`~hallbound.proofs_checks.engine.chain.close` composes the steps into the conclusion); when
some step is REFUTED the chain is broken and the conclusion is checked directly (its method
says so); a chain mixing ``<=`` and ``>=`` has no conclusion (UNDECIDED).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import sympy as sp

from hallbound.budget import BUDGET, budget_text, cpu_seconds
from hallbound.errors import InputError
from hallbound.proofs_checks.engine.chain import close
from hallbound.proofs_checks.engine.checker import DEFAULT_SEED, check_step
from hallbound.proofs_checks.engine.claim import Claim, Step
from hallbound.proofs_checks.engine.verdicts import ClaimResult, StepResult, Verdict
from hallbound.proofs_checks.latex.bracket_columns import row_bracket, withdraw_against_bracket
from hallbound.proofs_checks.latex.congruence import upgrade
from hallbound.proofs_checks.latex.definition_book import (
    DefinitionBook,
    display_guard,
    functions_here,
    names_here,
    record_row,
    refuse_row,
)
from hallbound.proofs_checks.latex.definition_values import definition_note
from hallbound.proofs_checks.latex.dimensions import chain_size_note, over_dims
from hallbound.proofs_checks.latex.document import (
    MAX_CHARS,
    Document,
    Environment,
    read_document,
)
from hallbound.proofs_checks.latex.document_evidence import (
    complex_evidence,
    document_evidence,
    environment_table,
)
from hallbound.proofs_checks.latex.equation_numbers import equation_number_notes
from hallbound.proofs_checks.latex.hypotheses import (
    Hypotheses,
    SymbolTable,
    resolve_equations,
    resolve_relations,
)
from hallbound.proofs_checks.latex.implication_rows import withdraw_in_implication
from hallbound.proofs_checks.latex.lemmas import match_lemma
from hallbound.proofs_checks.latex.let_guard import withdraw_let_inside_atom
from hallbound.proofs_checks.latex.log_base import over_bases
from hallbound.proofs_checks.latex.macros import (
    BUILTINS,
    Macro,
    MacroError,
    read_definitions,
)
from hallbound.proofs_checks.latex.math_atoms import atom_definitions
from hallbound.proofs_checks.latex.math_limits import limit_notes, reset_limit_budget
from hallbound.proofs_checks.latex.math_parser import LatexError, Unreadable
from hallbound.proofs_checks.latex.math_reading import reset_integral_budget
from hallbound.proofs_checks.latex.models.registry import CONCLUSION_MODELS, LINE_MODELS, run_models
from hallbound.proofs_checks.latex.models.small_counts import recheck_counts
from hallbound.proofs_checks.latex.nonreal_witness import withdraw_unstated_nonreal
from hallbound.proofs_checks.latex.prose_independence import prose_independence
from hallbound.proofs_checks.latex.row_condition_use import (
    keep_to_condition,
    read_row,
    record_condition,
    under,
    with_relations,
)
from hallbound.proofs_checks.latex.size_letter import letter_value, tie_step
from hallbound.proofs_checks.latex.stated_reasons import withdraw_against_reason
from hallbound.proofs_checks.latex.verdict_cache import VerdictCache, step_key
from hallbound.proofs_checks.latex.verdict_rules import (
    _contradictory,
    _withdraw_atom_refutation,
    _withdraw_infinite_bound,
    defined_domains,
    lemma_note,
    review,
    unconstrained_nonpositive,
    withdraw_lone_quantity,
    withdraw_sign_only,
)
from hallbound.proofs_checks.latex.verify_results import (  # noqa: F401 - re-exported
    CHECKED,
    REL_TEX,
    ChainReport,
    ErrorEntry,
    LineCheck,
    VerifyReport,
    compose,
    retag,
    say_sampled,
)
from hallbound.proofs_checks.latex.verify_results import fill as _fill
from hallbound.proofs_checks.latex.verify_rows import (  # noqa: F401 - re-exported
    ORPHAN_ROW,
    _blank_breaks,
    _clean,
    _definitions,
    _expanded,
    _hypotheses,
    _latex_base,
    _Rel,
    _row_chunks,
    _Side,
    _write_out,
    expand_rows,
    free_of,
    macros_file,
    mapped,
    row_directives,
    scalar_of,
)
from hallbound.proofs_checks.latex.worker import (  # noqa: F401 - re-exported
    CPU_LIMIT_SLACK,
    WALL_FACTOR,
    WALL_SLACK,
    run_with_budget,
    run_with_time_limit,
    wall_safety_net,
)

#: Default time limit of one step's check, in CPU seconds of its worker.
STEP_TIME_LIMIT = 30.0
#: Default time limit of a whole file, in CPU seconds (its workers' and its own).
TOTAL_TIME_LIMIT = 1800.0
_ASSUMED = Verdict.ASSUMED
#: Most display environments checked in one file (the rest are counted, not checked).
MAX_ENVIRONMENTS = 500


class _Checker:
    def __init__(self, doc: Document, seed: int, trials: int, limit: float, total: float) -> None:
        self.doc = doc
        self.total = total
        self.cpu_start = cpu_seconds()  # this process's CPU time, plus...
        self.charged = 0.0  # ...the CPU seconds charged by the step workers
        self.blank = doc.blank
        self.seed = seed
        self.trials = trials
        self.limit = limit
        self.errors: list[ErrorEntry] = []
        self.unchecked: list[tuple[int, str, str]] = []
        #: (environment, row) -> (chain, step name, verdict) of each checked row
        self.checked_rows: dict[tuple[int, int], tuple[tuple[int, int] | None, str, Any]] = {}
        #: (environment, row) -> the relations of the condition written on the row
        self.row_conditions: dict[tuple[int, int], list[tuple[Any, str, Any]]] = {}
        #: results of lines of other chains cited by the step being built (name -> result)
        self.imported: dict[str, StepResult] = {}
        self.defs: dict[sp.Basic, sp.Basic] = {}
        #: the author's macros (``\newcommand`` ...), from ``--macros`` and the document
        self.macros: dict[str, Macro] = {}
        #: the current environment's hypotheses, stated relations and symbols
        self.hyp = Hypotheses()
        self.relations: list[tuple[Any, str, Any]] = []
        #: stated equations (lhs, rhs, text) that a witness must satisfy
        self.equations: list[tuple[Any, Any, str]] = []
        self.relation_texts: list[str] = []
        self.refused: list[str] = []
        self.let_texts: list[str] = []
        self.book = DefinitionBook()  # the file's display definitions (``:=`` ...)
        self.display_defs, self.display_lets = [], []  # those used here, as let texts
        self.contradictory = False
        self.table: SymbolTable | None = None
        self.outside = ""  # the size tried is outside its letter's domain (size_letter)
        self.letter: dict = {}  # the letter of the free size -> the size tried (size_letter)
        self.step_sized: frozenset[str] = frozenset()  # size-dependent parts (dim_reading)
        self.doc_evidence = document_evidence(doc)  # how the document uses each name
        self.prose = prose_independence(doc)  # independence stated in the running text
        self.env_offset = -1  # where the environment being checked starts
        #: (line, reason) of each row not checked
        self.skipped: list[tuple[int, str]] = []
        #: the verdict cache (None: every step is checked afresh)
        self.cache: VerdictCache | None = None
        #: results of this file's checks by content (an identical step is checked once)
        self.memo: dict[str, StepResult] = {}
        self.numbers: dict[str, tuple[int, int]] = {}  # eq number / label -> (env, row)
        for env in doc.environments:
            for r, row in enumerate(env.rows):
                if row.number:
                    self.numbers[f"({row.number})"] = (env.index, r)
                for lbl in row.labels:
                    self.numbers[lbl] = (env.index, r)

    def error(self, offset: int, message: str) -> None:
        line, col = self.doc.line_col(offset)
        self.errors.append(ErrorEntry(line, col, message))

    def run(self) -> list[ChainReport]:
        reports: list[ChainReport] = []
        envs = self.doc.environments
        self.book.scan([self.blank[r.offset : r.end] for e in envs for r in e.rows])
        for env in envs[:MAX_ENVIRONMENTS]:
            reports.extend(self.environment(env, len(reports)))
        if len(envs) > MAX_ENVIRONMENTS:
            rest = envs[MAX_ENVIRONMENTS:]
            self.error(rest[0].offset, f"{len(rest)} more display environments not checked "
                                       f"(at most {MAX_ENVIRONMENTS} per file)")
            self.skipped += [(self.doc.line_col(e.offset)[0], "environment over the limit")
                             for e in rest]
        return reports

    def environment(self, env: Environment, first_index: int) -> list[ChainReport]:
        """The chains of one display environment, each checked step by step."""
        table, defs = self.assumptions(env)
        chains: list[tuple[list[_Side], list[_Rel], list[int]]] = []
        sides: list[_Side] = []
        rels: list[_Rel] = []
        broken: list[int] = []
        gap: int | None = None  # line of a row that failed just before
        lone: _Side | None = None  # a definition's value left alone by the row before
        chunks = _row_chunks(env, self.blank)
        # each row's macros expanded; a definition's symbol (:=) and defined name blanked
        expanded, sites = expand_rows(chunks, self.blank, self.macros)
        table.prescan([t[0] for t in expanded.values() if not isinstance(t, MacroError)])
        for start, _end, row_index, dirs in chunks:
            omap: list[int] = []
            try:
                got = expanded[start]
                if isinstance(got, MacroError):
                    raise got
                text, omap = got
                # a condition ending the row (\quad \text{for } x > 0, && (x > 0)) is an
                # assumption of its steps; each side is read on its own (chain())
                text, condition, (exprs, rrels, spans), row_sized = read_row(
                    text, table, sides[-1].expr if sides else None, bool(sites[start][0]),
                    row_bracket(self.doc, env.rows[row_index], self.macros))
                record_condition(self.row_conditions, (env.index, row_index), condition,
                                 [] if len(exprs) > len(rrels) else [r.row for r in rels])
                for e in exprs:
                    if isinstance(e, Unreadable) and not (sites[start][0] and not rrels):
                        at = mapped(e.error.offset, omap, start)
                        self.error(at, f"{e.error.message}; {_SKIPPED}")
                        self.skipped.append((self.doc.line_col(at)[0], e.error.message))
            except (LatexError, MacroError) as err:
                at = err.offset if isinstance(err, MacroError) else mapped(err.offset, omap, start)
                if isinstance(err, LatexError) and sites[start][0]:
                    gap = refuse_row(self, env, row_index, sites[start], err.message,
                                     mapped(sites[start][0].start, omap, start), text)
                    if gap is not None:  # a definition only: no step is lost
                        chains += [(sides, rels, broken)] if rels else []
                        sides, rels, broken = [], [], []
                        continue
                self.error(at, err.message)
                self.unchecked.append((env.rows[row_index].end, env.name, "not checked"))
                gap = self.doc.line_col(at)[0]
                self.skipped.append((self.doc.line_col(start)[0], err.message))
                if sides:
                    broken.append(gap)
                continue

            def where(k: int, omap: list[int] = omap, start: int = start) -> int:
                return omap[k] if 0 <= k < len(omap) else (omap[-1] if omap else start)

            cites, lemma = row_directives(dirs, self.numbers, self.error)
            starts_with_expr = len(exprs) > len(rrels)
            bounds = [0] + [x for span in spans for x in span] + [len(text)]
            pieces = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
            if sites[start][0]:  # a definition: its value starts a chain of its own
                k = 0 if sites[start][0].forward else len(pieces) - 1
                record_row(self, env, row_index, sites[start], _clean(text[slice(*pieces[k])]),
                           exprs[k - len(pieces)] if starts_with_expr or k else None, where)
                if starts_with_expr:
                    chains += [(sides, rels, broken)] if rels else []
                    sides, rels, broken = [], [], []
            if starts_with_expr and sides and not rels and rrels and lone == sides[0]:
                sides, broken = [], []  # a definition's value alone on its row is complete
            elif starts_with_expr and sides and not rels and rrels:  # a split left side?
                self.error(sides[0].offset, ORPHAN_ROW)
                broken = [self.doc.line_col(sides[0].offset)[0]]
                self.unchecked.append((env.rows[row_index].end, env.name, "not checked"))
                sides, rels, exprs = [], [], exprs[1:]
                pieces, spans, rrels = pieces[1:], spans[1:], rrels[1:]
            elif starts_with_expr and (rels or broken):
                chains.append((sides, rels, broken))
                sides, rels, broken = [], [], []
            elif not starts_with_expr and gap is not None:
                # the left side of this row's first relation could not be read: the chain is
                # cut there; the row's own expressions start a new (broken) chain
                if rels:
                    chains.append((sides, rels, broken))
                sides, rels, broken = [], [], [gap]
                self.unchecked.append((env.rows[row_index].end, env.name, "not checked"))
                pieces, spans, rrels = pieces[1:], spans[1:], rrels[1:]
                starts_with_expr = True
            elif not starts_with_expr and not sides:
                self.error(where(spans[0][0]), "a row starts with a relation but no chain is open")
                continue
            gap = None
            if not starts_with_expr:
                pieces = pieces[1:]
            for (a, b), e in zip(pieces, exprs, strict=False):
                sides.append(_Side(e, _clean(text[a:b]), where(a), frozenset(row_sized)))
            for (a, b), r in zip(spans, rrels, strict=True):
                rels.append(_Rel(r, where(a), where(max(a, b - 1)) + 1, row_index, list(cites),
                                 lemma))
            lone = sides[0] if sites[start][0] and len(sides) == 1 and not rels else None
        if sides:
            chains.append((sides, rels, broken))
        return self.check_chains(env, first_index, chains, table, defs)

    def check_chains(self, env: Environment, first_index: int, chains: list, table: SymbolTable,
                     defs: dict) -> list[ChainReport]:
        """Each chain with a relation, checked (Var[X] := E[X^2] - E[X]^2 where written; a
        stated ``Var(X) = 0`` keeps its stated value, so the law model checks it)."""
        defs = functions_here(self, table, {**atom_definitions(table.atoms), **defs})
        out = []
        for k, (c_sides, c_rels, c_broken) in enumerate(chains):
            if not c_rels:
                continue
            if all(_touches_unreadable(c_sides, j) for j in range(len(c_rels))):
                for r in c_rels:  # nothing left to check (the error is reported)
                    self.unchecked.append((env.rows[r.row].end, env.name, "not checked"))
                continue
            out.append(self.chain(env, first_index + len(out), k, c_sides, c_rels, c_broken,
                                  table, defs))
        return out

    def assumptions(self, env: Environment) -> tuple[SymbolTable, dict]:
        """Read the environment's directives: its stated relations and equations (with the
        definitions substituted), whether they may contradict each other, the errors; the
        symbol table and the definitions."""
        hyp = _hypotheses(env, self.macros, self.doc_evidence)
        self.env_offset = env.offset
        table = environment_table(hyp, self.doc_evidence, self.blank, env.rows)
        def_errs: list[tuple[int, str]] = []
        letter_value(hyp, table, [])  # the size letter of R^d is recorded where it is read
        defs = _definitions(env, table, def_errs, self.macros, hyp)  # first: sums read in place
        self.relations = resolve_relations(hyp, table.scope())
        self.equations = resolve_equations(hyp, table.scope())
        errs: list[tuple[int, str]] = list(hyp.errors) + def_errs
        self.letter, self.outside = letter_value(hyp, table, self.relations)  # d of R^d
        defs = names_here(self, env, hyp, table, defs)  # display definitions (:=)
        table.substituted = {k.name: v for k, v in defs.items() if isinstance(k, sp.Symbol)}
        # every item that ends in an error is refused (it blocks each REFUTED here): the
        # reading errors of the directives and every failed definition ('let:', ...)
        self.refused = [m for _, m in errs if not m.startswith(("dim:", "'"))]
        if defs:
            self.relations = [
                (a.xreplace(defs), op, b.xreplace(defs)) for a, op, b in self.relations
            ]
            self.equations = [(a.xreplace(defs), b.xreplace(defs), t)
                              for a, b, t in self.equations]
        self.hyp, self.table = hyp, table
        self.let_texts = [d.arg for d in env.directives if d.verb == "let"]  # models: keep out
        self.relation_texts = [r.text for r in hyp.relations]
        for rel, text in defined_domains(defs, hyp.domains, table):
            self.relations.append(rel)
            self.relation_texts.append(text)
        self.contradictory = bool(self.relations) and _contradictory(self.relations, table)
        if self.contradictory:
            errs.append((env.offset, "the stated assumptions here contradict each other "
                                     "(or no point meets them all): no step is shown by them"))
        for off, msg in errs:
            self.error(off, msg)
        return table, defs

    def chain(
        self,
        env: Environment,
        index: int,
        sub: int,
        sides: list[_Side],
        rels: list[_Rel],
        broken: list[int],
        table: SymbolTable,
        defs: dict,
    ) -> ChainReport:
        name = f"environment {env.index}" + (f".{sub + 1}" if sub else "")
        claim = Claim(name, None, [], [], source="latex", definitions=dict(defs),
                      assumptions=list(self.relations))
        self.defs = dict(defs)
        chain_id = (env.index, sub)
        done: dict[str, StepResult] = {}
        checks: list[LineCheck] = []
        names: set[str] = set()
        for k, r in enumerate(rels):
            lhs, rhs = sides[k], sides[k + 1]
            line, col = self.doc.line_col(r.start)
            step_name = f"line {line}" if f"line {line}" not in names else f"line {line}.{k}"
            names.add(step_name)
            check = LineCheck(line, col, lhs.text, r.rel, rhs.text, "UNDECIDED", "")
            check.cites = r.cites
            check.lemma = r.lemma
            condition = self.row_conditions.get((env.index, r.row), [])
            with under(self, condition, table):  # the row's condition: its steps' assumption
                bad = [s for s in (lhs, rhs) if isinstance(s.expr, Unreadable)]
                if bad:  # a side that could not be read: this step only is skipped
                    check.method = "not checked"
                    check.detail = ("skipped: a side could not be read "
                                    f"({bad[0].expr.error.message})")
                    broken = [*broken, self.doc.line_col(bad[0].offset)[0]]
                    step = None
                else:
                    step = self.make_step(step_name, lhs.expr, r.rel, rhs.expr, table, check,
                                          chain_id)
                if step is not None:
                    step, self.step_sized = tie_step(step, lhs.sized | rhs.sized, self)  # d = s
                    claim.steps = [*claim.steps, step]
                    earlier = {**done, **self.imported}
                    checked = with_relations(claim, self.relations) if condition else claim
                    result = self.check(checked, step, earlier)
                    self.imported = {}
                    check.source = (checked, step, result, earlier)
                    if not isinstance(result, str):
                        done[step_name] = result
                    _fill(check, result)
                    seen = step  # the step as the witness sees it (written out at a count)
                    seen = self.small_lengths(step, table, check) or step
                    self.review(check)
                    self.sign_first(check, seen)
                    _withdraw_atom_refutation(check, seen, table, self.defs)  # its reason first
                    sides3 = (seen.lhs.xreplace(self.defs), seen.rel, seen.rhs.xreplace(self.defs))
                    withdraw_lone_quantity(check, sides3, k == 0, table, self.relations)
                    withdraw_unstated_nonreal(check, table)  # ln x with x unstated
                    _withdraw_infinite_bound(check, seen, table)
                    upgrade(check, step, self)  # holds for all values of the atoms
                    run_models(LINE_MODELS, check, step, self, k == 0)  # models/registry.py
                    withdraw_let_inside_atom(check, step, table, self.let_texts)
                    display_guard(self, check, step)
                    check.notes += definition_note([lhs.text, rhs.text], table)
                    withdraw_against_reason(check, env.rows[r.row].text, table)  # "since a < 1"
                    withdraw_in_implication(check, env.rows, r.row, table)  # A \\ \implies B
                    withdraw_against_bracket(check, row_bracket(self.doc, env.rows[r.row],
                                                                self.macros), table, condition)
                    say_sampled(check)
                    for side in (lhs, rhs):  # a limit given a value: say how
                        check.notes += [n for n in limit_notes(side.text) if n not in check.notes]
                    check.notes += equation_number_notes(env.rows[r.row].text)  # x = y \quad (4)
                    if check.lemma and not step.lemmas:
                        self.lemma_note(check)
                    if step_name in done and check.verdict != done[step_name].verdict.value:
                        # a line that cites this one is capped by the verdict shown, not the raw one
                        done[step_name] = replace(done[step_name], verdict=Verdict(check.verdict))
            keep_to_condition(check, condition, table)
            check.notes += [self.outside] if self.outside else []  # a size the letter rules out
            checks.append(check)
            self.checked_rows[(env.index, r.row)] = (  # a conditional step is cited by none
                None if condition else chain_id,
                step_name,
                None if condition else done.get(step_name),
            )
        conditions = [c for row in dict.fromkeys(r.row for r in rels)
                      for c in self.row_conditions.get((env.index, row), [])]
        self.step_sized = frozenset().union(*(s.sized for s in sides))
        with under(self, conditions, table):  # the conclusion holds under every row's one
            conclusion = self.conclusion(sides, rels, checks, broken, table, chain_id,
                                         with_relations(claim, self.relations))
        chain_size_note(conclusion, checks, self.outside)
        keep_to_condition(conclusion, conditions, table, "the conditions of its rows")
        first_line = self.doc.line_col(sides[0].offset)[0]
        rep = ChainReport(index + 1, env.index, name, first_line, checks, conclusion)
        rep.env_name = env.name
        rep.step_rows = [env.rows[r.row].end for r in rels]
        retag(rep)
        return rep

    def small_lengths(self, step: Step, table: SymbolTable, check: LineCheck) -> Step | None:
        """A step about families with a symbolic count (``\\sum_{i=1}^n``, ``a_1 \\cdots
        a_n``), or with a count a float search sampled, is checked again at small counts,
        written out (:func:`.small_counts.recheck_counts`); the written-out step when it is
        REFUTED there."""
        return recheck_counts(self, step, table, check)

    def review(self, check: LineCheck) -> None:
        """See :func:`.verdict_rules.review`."""
        review(check, self)

    def sign_first(self, check: LineCheck, step: Step) -> None:
        """A REFUTED step whose witness puts a variable that a stated relation names, but
        whose sign nothing states, at a value <= 0 is checked again with those variables
        positive: a counterexample there replaces the witness (noted); none leaves the step
        UNDECIDED
        (:func:`.verdict_rules.withdraw_sign_only`). The re-check is used only to refute:
        positivity is not stated, so nothing is proved under it."""
        assert self.table is not None
        syms = unconstrained_nonpositive(check, self.table, self.relations)
        if not syms:
            return
        params = [replace(p, lo=0.0, lo_open=True) if p.symbol in syms else p
                  for p in step.params]
        retry = replace(step, params=params, lemmas=[], cites=[])
        claim = Claim(step.name, None, [], [retry], source="latex",
                      definitions=dict(self.defs), assumptions=list(self.relations))
        res = self.check(claim, retry)
        names = [self.table.params[s].name for s in syms]
        if isinstance(res, str) or res.verdict is not Verdict.REFUTED:
            withdraw_sign_only(check, names)
            return
        _fill(check, res)
        self.review(check)
        check.notes.append(f"a counterexample with {', '.join(names)} > 0 (no sign is "
                           "stated for them)")

    def lemma_note(self, check: LineCheck) -> None:
        """See :func:`.verdict_rules.lemma_note`."""
        lemma_note(check)

    def make_step(
        self,
        name: str,
        lhs: Any,
        rel: str,
        rhs: Any,
        table: SymbolTable,
        check: LineCheck,
        chain_id: tuple[int, int],
    ) -> Step | None:
        lhs, rhs = scalar_of(lhs), scalar_of(rhs)
        if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
            check.method = "not checked"
            check.detail = "a relation between vectors or matrices is not supported"
            return None
        params = sorted(table.params.values(), key=lambda p: p.name)
        box = {}
        for n, (lo, hi) in table.hyp.boxes.items():
            sym = table.symbols.get(n)
            if sym is not None and sym in table.params:
                box[table.params[sym].name] = (lo, hi)
        just = f"LaTeX line {check.line}"
        lemmas = []
        if check.lemma:
            just += f", by {check.lemma}"
            inst, why = match_lemma(check.lemma, lhs, rel, rhs)
            if inst is not None:
                lemmas.append(inst)
            else:
                check.lemma_problem = why
        cites = []
        for key in check.cites:
            # the engine caps a step by the verdicts of the lines it cites; a line that is not
            # an earlier checked one makes it ASSUMED
            where = self.numbers[key]
            if where not in self.checked_rows:
                cites.append(f"{key}, not an earlier checked line")
                continue
            other_chain, other_step, result = self.checked_rows[where]
            if other_chain == chain_id:
                cites.append(other_step)
            elif result is None:
                cites.append(f"{key}, not checked")
            else:
                label = f"{key}: {other_step} of environment {where[0]}"
                self.imported[label] = result
                cites.append(label)
        if check.cites:
            just += f", from {', '.join(check.cites)}"
        return Step(
            name,
            lhs,
            rel,
            rhs,
            just,
            kind="algebra" if rel == "=" else "inequality",
            params=params,
            box=box or None,
            witness_view=table.witness_view if table.matrix_parts else None,
            cites=cites,
            lemmas=lemmas,
        )

    def check(
        self, claim: Claim, step: Step, earlier: dict[str, StepResult] | None = None
    ) -> StepResult | str:
        seed, trials = self.seed, self.trials
        before = dict(earlier or {})
        left = self.total - self.spent()
        if left <= 0:
            return budget_text(f"the file's total time limit of {self.total:g} CPU s is spent")
        limit = min(self.limit, left)
        key = None
        same = step_key(claim, step, before, (seed, trials, self.limit))
        if same in self.memo:  # the same step, assumptions and citations earlier in the file
            return replace(self.memo[same], step=step.name)
        if self.cache is not None:
            key = step_key(claim, step, before, (seed, trials, self.limit, claim.name, step.name))
            hit = self.cache.get(key, step.name)
            if hit is not None:
                return hit
        status, value, used = run_with_budget(
            lambda: check_step(claim, step, seed=seed, trials=trials, earlier=before), limit
        )
        self.charged += used
        if status == "ok":
            self.memo[same] = value
            if key is not None and not value.detail.startswith("budget"):
                self.cache.put(key, value)
            return value
        if status == BUDGET:
            return budget_text(f"no verdict within the time limit of {limit:g} CPU s")
        return f"the check failed: {value}"

    def spent(self) -> float:
        """CPU seconds spent on the file: this process's since the start, and the workers'."""
        return cpu_seconds() - self.cpu_start + self.charged

    def derived(
        self, out: LineCheck, claim: Claim, lhs: Any, rel: str, rhs: Any, verdicts: list
    ) -> LineCheck:
        """The engine's claim verdict: the weakest step verdict, and PROVED/CERTIFIED only
        when :func:`~hallbound.proofs_checks.engine.chain.close` composes the steps into
        ``lhs REL rhs``."""
        results = [
            StepResult(claim.name, st.name, st.relation_text(), v, "")
            for st, v in zip(claim.steps, verdicts, strict=False)
        ]
        if len(results) != len(verdicts):  # a step was not checked (vectors, matrices)
            out.method = "not derived"
            out.detail = "some step could not be checked"
            return out
        claim.conclusion = [(scalar_of(lhs), rel, scalar_of(rhs))]
        closed, how = close(claim, results)
        summary = ClaimResult(claim.name, steps=results)
        summary.chain_closed = closed
        out.verdict = summary.verdict.value
        out.method = f"from the {len(results)} step(s): weakest verdict; {how}"
        return out

    def conclusion(
        self,
        sides: list[_Side],
        rels: list[_Rel],
        checks: list[LineCheck],
        broken: list[int],
        table: SymbolTable,
        chain_id: tuple[int, int],
        claim: Claim,
    ) -> LineCheck:
        rel = compose([r.rel for r in rels])
        first, last = sides[0], sides[len(rels)]
        line, col = self.doc.line_col(rels[-1].start)
        out = LineCheck(line, col, first.text, rel or "", last.text, "UNDECIDED", "")
        if broken:
            out.method = "not derived"
            out.detail = f"line(s) {', '.join(map(str, broken))} could not be parsed"
            return out
        if rel is None:
            out.method = "no conclusion"
            out.detail = "the chain mixes <=/< with >=/>"
            return out
        verdicts = [Verdict(c.verdict) for c in checks]
        if Verdict.REFUTED not in verdicts:
            out = self.derived(out, claim, first.expr, rel, last.expr, verdicts)
            if out.verdict == "SUPPORTED" and not out.detail:
                lines = ", ".join(str(c.line) for c in checks if c.verdict == "SUPPORTED")
                out.detail = f"no proof: line(s) {lines} only sampled (see each line's detail)"
            return out
        at = next(c.line for c in checks if c.verdict == "REFUTED")
        step = self.make_step("conclusion", first.expr, rel, last.expr, table, out, chain_id)
        if step is None:
            return out
        claim = Claim("conclusion", None, [], [step], source="latex", definitions=self.defs,
                      assumptions=list(self.relations))
        _fill(out, self.check(claim, step))
        step = self.small_lengths(step, table, out) or step
        self.review(out)
        _withdraw_atom_refutation(out, step, table, self.defs)
        _withdraw_infinite_bound(out, step, table)
        run_models(CONCLUSION_MODELS, out, step, self, False)
        display_guard(self, out, step)
        say_sampled(out)
        out.method = f"checked directly (the chain is broken at line {at}): {out.method}"
        return out


_SKIPPED = "the steps that touch this side are skipped; the rest of the chain is checked"


def _touches_unreadable(sides: list[_Side], k: int) -> bool:
    """Whether step ``k`` (sides ``k`` and ``k + 1``) has a side that could not be read."""
    return isinstance(sides[k].expr, Unreadable) or isinstance(sides[k + 1].expr, Unreadable)


# -- public entry point --------------------------------------------------------------------


def verify_tex(
    text: str,
    seed: int = DEFAULT_SEED,
    trials: int = 200,
    time_limit: float = STEP_TIME_LIMIT,
    total_time: float = TOTAL_TIME_LIMIT,
    macros: str | None = None,
    cache: VerdictCache | None = None,
) -> VerifyReport:
    """Check every display environment of a LaTeX text (see the module doc).

    ``macros`` is the text of a macros file (a paper's ``macros.tex``): its definitions
    (:mod:`~hallbound.proofs_checks.latex.macros`) are read before the document's own; no
    other file is ever read. ``cache`` (a
    :class:`~hallbound.proofs_checks.latex.verdict_cache.VerdictCache`) reuses the verdicts
    of steps checked before with the same content, assumptions, settings and checker
    version; its hit and miss counts are in the report. Each step's check gets at most
    ``time_limit`` CPU seconds and the whole file ``total_time`` CPU seconds (a step past
    either is UNDECIDED, its detail starting with ``budget:``; CPU time, so the verdicts do
    not depend on the machine's load). Raises :class:`~hallbound.errors.InputError`
    (parameter ``text`` or ``macros``) when one is not a string or is longer than
    :data:`~hallbound.proofs_checks.latex.document.MAX_CHARS`.
    """
    for name, value in (("text", text), ("macros", macros)):
        if value is None and name == "macros":
            continue
        if not isinstance(value, str):
            raise InputError(name, f"must be a string, got {type(value).__name__}")
        if len(value) > MAX_CHARS:
            raise InputError(name, f"longer than {MAX_CHARS} characters ({len(value)})")
    if not time_limit > 0:
        raise InputError("time_limit", f"must be > 0, got {time_limit}")
    if not total_time > 0:
        raise InputError("total_time", f"must be > 0, got {total_time}")
    return over_bases(text, lambda: over_dims(lambda: _verify_once(
        text, seed, trials, time_limit, total_time, macros, cache)))


def _verify_once(text: str, seed: int, trials: int, time_limit: float, total_time: float,
                 macros: str | None, cache: VerdictCache | None) -> VerifyReport:
    r"""One check of the document, bare ``\log`` read in the base being tried (log_base)."""
    doc = read_document(text)
    reset_integral_budget()  # the integrals SymPy evaluates while reading share one budget
    reset_limit_budget()  # and so do the limits
    checker = _Checker(doc, seed, trials, time_limit, total_time)
    checker.cache = cache
    table: dict[str, Macro] = dict(BUILTINS)
    used = {
        name
        for env in doc.environments
        for name in re.findall(r"\\([A-Za-z]+)", doc.blank[env.body_offset : env.end])
    } | {name for env in doc.environments for d in env.directives
         for name in re.findall(r"\\([A-Za-z]+)", d.arg)}
    if macros is not None:
        table = macros_file(macros, checker.errors, used)
    table, errors = read_definitions(doc.blank, table, used)
    checker.macros = table
    checker.doc_evidence.complex_scalars = complex_evidence(text, [m.body for m in table.values()])
    for off, msg in errors:
        checker.error(off, msg)
    for off, macro in doc.file_macros:
        checker.error(off, f"\\{macro} is not followed: only this file is checked")
    for off, msg in doc.errors:
        checker.error(off, msg)
    unclosed = [off for off, msg in doc.errors if "is not closed" in msg]
    checker.skipped += [(doc.line_col(off)[0], "environment not closed") for off in unclosed]
    checker.skipped += [(0, "environment not closed")] * (doc.unclosed - len(unclosed))
    for off, macro in doc.shell:
        checker.error(off, f"\\{macro} is not run: verify reads the text, it never runs TeX")
    for d in doc.stray_directives:
        checker.error(d.offset, f"'% hb: {d.verb}' is not before an environment: ignored")
    chains = checker.run()
    checker.errors.sort(key=lambda e: (e.line, e.column))
    report = VerifyReport(chains, checker.errors, text, checker.unchecked, list(doc.file_macros))
    report.skipped = sorted(checker.skipped)
    report.definitions = list(checker.book.defs)
    report.unclosed = doc.unclosed
    if cache is not None:
        report.cache_hits, report.cache_misses = cache.hits, cache.misses
    return report


__all__ = ["ChainReport", "ErrorEntry", "LineCheck", "STEP_TIME_LIMIT", "VerifyReport", "compose",
           "run_with_budget", "run_with_time_limit", "verify_tex"]
