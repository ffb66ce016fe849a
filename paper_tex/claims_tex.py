r"""Claims as LaTeX: the statement (environment ``hbclaim``), the proof steps as encoded
(environment ``hbsteps``) and the checker's verdict on each step (a compact booktabs table),
for the paper's claims as stated and the corrected ones.

Verdicts come from running :func:`hallbound.proofs_checks.engine.checker.check_claim` with its
default seed and trial count, so the PDF says what ``hallbound check`` says. Claims are
checked in parallel processes (each step's randomness depends on its seed and name only,
so the verdicts do not depend on the process that ran them; their budgets count CPU time or
z3's resource units, so they do not depend on the machine's load either).
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import sympy as sp

from hallbound.paper_tex.asciimath import (
    math_tex,
    number_tex,
    prose_tex,
    sympy_calls,
    top_split,
)
from hallbound.paper_tex.formulas_tex import slug
from hallbound.paper_tex.printer import escape_text, tex
from hallbound.paper_tex.program_tex import program_tex, relation_tex
from hallbound.proofs_checks.engine.claim import RELATION_TEX


def registered_claims() -> list[Any]:
    """Every claim in registry order (the paper's as stated, then corrected, then the
    claims plugins registered)."""
    from hallbound.proofs_checks.claims.registry import all_claims

    return list(all_claims())


def select_claims(names: Sequence[str]) -> list[Any]:
    """The named claims (all when ``names`` is empty), selected exactly as ``hallbound check``
    does (:func:`hallbound.proofs_checks.claims.registry.find`: an exact name also selects the claim
    that corrects it, else a case-insensitive prefix), also by slug (``theorem-5-1``); an
    unknown name raises :class:`InputError` naming ``CLAIM``."""
    claims = registered_claims()
    if not names:
        return claims
    from hallbound.proofs_checks.claims.registry import find

    by_slug = {slug(c.name): c.name for c in claims}
    return find([by_slug.get(name, name) for name in names])


def claim_title(claim: Any) -> str:
    """The heading: the claim's name, marked "as stated", "corrected", or "your claim" for a
    claim a plugin registered (never presented as the paper's)."""
    if not getattr(claim, "registered", True):
        return f"{claim.name} (your claim)"
    if getattr(claim, "source", "paper") == "paper":
        return f"{claim.name} (as stated)"
    if "correct" in claim.name.lower():
        return claim.name
    return f"{claim.name} (corrected)"


def claim_titles(names: Sequence[str]) -> list[str]:
    """The names of the selected claims as they appear in the PDF."""
    return [c.name for c in select_claims(names)]


def side_tex(side: Any) -> str:
    """One side of a step: a SymPy object through the paper printer, an ASCII formula
    through :func:`~hallbound.paper_tex.asciimath.math_tex` (math mode either way)."""
    if isinstance(side, sp.Basic | sp.MatrixBase):
        return tex(side)
    return math_tex(str(side))


def step_tex(step: Any) -> str:
    """``lhs REL rhs`` of one step."""
    rel = RELATION_TEX.get(step.rel, r"\mathrel{" + escape_text(step.rel) + "}")
    return f"{side_tex(step.lhs)} {rel} {side_tex(step.rhs)}"


def statement_tex(claim: Any) -> str:
    """The statement (the symbolic conclusion when the claim has one, the author's wording
    after it; else the text or a SymPy relation), its domain and its assumptions."""
    stmt = claim.statement
    if isinstance(stmt, sp.Basic):
        body = f"${tex(stmt)}$"
    else:
        text = str(stmt)
        body = prose_tex(text[:1].upper() + text[1:] if text[:1].islower() else text)
        conclusion = list(getattr(claim, "conclusion", ()) or ())
        if conclusion:
            formulas = "".join(
                f"\\[ \\hbFit{{{side_tex(a)} {RELATION_TEX.get(op, op)} {side_tex(b)}}} \\]\n"
                for a, op, b in conclusion
            )
            words = f"In words: {body}" if text.strip() else ""
            body = f"States:\n{formulas}{words}"
    domain = claim.domain_text() if hasattr(claim, "domain_text") else ""
    if domain:
        body += f". \\emph{{Domain:}} {prose_tex(domain)}"
    assumptions = list(getattr(claim, "assumptions", ()) or ())
    if assumptions:
        body += ". \\emph{Assuming:} " + "; ".join(_assumption_tex(a) for a in assumptions)
    corrects = getattr(claim, "corrects", None)
    if corrects:
        body += f". \\emph{{Corrects:}} {escape_text(corrects)}"
    return body + "."


def _assumption_tex(a: Any) -> str:
    """One stated assumption of a claim: a relation ``(lhs, rel, rhs)`` or a SymPy object in
    math mode, anything else as text."""
    if isinstance(a, tuple) and len(a) == 3 and a[0] == "implies":
        return f"${side_tex(a[1])} \\Rightarrow {side_tex(a[2])}$"
    if isinstance(a, tuple) and len(a) == 3 and all(isinstance(x, sp.Basic) for x in a[::2]):
        return f"${side_tex(a[0])} {RELATION_TEX.get(a[1], a[1])} {side_tex(a[2])}$"
    if isinstance(a, sp.Basic):
        return f"${tex(a)}$"
    declared = getattr(a, "vars", None)
    if declared is not None:
        return "independent $" + ", ".join(tex(v) for v in declared) + "$"
    return prose_tex(str(a))


#: A step's label: ``B.3a``, ``U4``, ``R1``, ``C.4''`` (text, never a subscripted symbol).
_LABEL = re.compile(r"^[A-Z]{1,2}\.?[0-9]+(?:\.[0-9]+)*[a-z]?'*$")


def step_name_tex(name: str) -> str:
    """A step's name as text: its label (``U4``) as written, formulas after it in math
    (``B.3 pairing (i = N/2)``)."""
    head, _, rest = str(name).partition(" ")
    if _LABEL.match(head):
        return escape_text(head) + (" " + prose_tex(rest) if rest else "")
    return prose_tex(str(name))


def steps_tex(claim: Any) -> str:
    """The proof steps as encoded, one labelled item each."""
    items = []
    for step in claim.steps:
        why = prose_tex(step.justification)
        if getattr(step, "note", ""):
            why += f". \\emph{{Note:}} {prose_tex(step.note)}"
        items.append(
            f"  \\item[({step_name_tex(step.name)})] \\mbox{{}}\\\\\n"
            f"  $\\hbFit{{{step_tex(step)}}}$\\\\\n  {{\\small {why}}}"
        )
    name = escape_text(claim.name)
    return (
        f"\\begin{{hbsteps}}{{{name}}}\n\\begin{{description}}\n"
        + "\n".join(items)
        + "\n\\end{description}\n\\end{hbsteps}\n"
    )


def evidence_text(result: Any) -> str:
    """What backs a step's verdict, never empty: the witness (REFUTED), the certified box,
    the trial count, the cited lemmas and steps and the assumed premises (when the checker
    reports them), the checker's detail; else what the method did."""
    parts = [" ".join(str(result.summary() or "").split())]
    detail = " ".join(str(getattr(result, "detail", "") or "").split())
    if detail and detail not in parts[0]:
        parts.append(detail)
    trials = getattr(result, "trials", None)
    if trials and "trials" not in " ".join(parts):
        parts.append(f"{trials} trials")
    lemmas = [str(x) for x in getattr(result, "lemmas", ()) or ()]
    if lemmas:
        parts.append("lemmas: " + ", ".join(lemmas))
    cites = [str(x) for x in getattr(result, "cites", ()) or ()]
    if cites:
        parts.append("uses steps " + ", ".join(f"({c})" for c in cites))
    assumed = [str(x) for x in getattr(result, "assumed", ()) or ()]
    if assumed:
        parts.append("assumes " + "; ".join(assumed))
    text = "; ".join(p for p in parts if p)
    if not text:
        verdict = getattr(result.verdict, "value", str(result.verdict))
        method = str(getattr(result, "method", "") or "the checker")
        text = {
            "PROVED": f"symbolic proof ({method})",
            "UNDECIDED": f"neither a proof nor a counterexample found ({method})",
        }.get(verdict, method)
    return text


def evidence(result: Any) -> str:
    """The evidence of a step result (:func:`evidence_text`), its formulas in math mode
    (the plain-text form, for notebooks and tests; the PDF uses :func:`how_shown`)."""
    return prose_tex(evidence_text(result))


# ----- the "How shown" cell: method and evidence, typeset ------------------------------------

#: Longest formula (characters of LaTeX) set inline; a longer one is a display under the text.
INLINE_CHARS = 70


def _float_text(value: float, digits: int) -> str:
    text = f"{value:.{digits}g}"
    return number_tex(text.replace("e+", "e"))


def pair_digits(a: Any, b: Any) -> int:
    """Significant digits (6 to 17) that print two different numbers differently."""
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return 6
    digits = 6
    while digits < 17 and x != y and f"{x:.{digits}g}" == f"{y:.{digits}g}":
        digits += 1
    return digits


def value_tex(value: Any, digits: int = 6) -> str:
    """Math-mode LaTeX of a witness value: a number, a fraction such as ``'3/7'``, a name, a
    vector, a matrix or a table (``{'atoms': [...], 'probs': [...]}``)."""
    if isinstance(value, bool):
        return r"\text{" + str(value).lower() + "}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value, digits)
    if isinstance(value, dict):
        items = [f"{math_tex(str(k))} = {value_tex(v, digits)}" for k, v in value.items()]
        return r"\{" + r",\allowbreak\ ".join(items) + r"\}"
    if isinstance(value, list | tuple):
        rows = [list(v) for v in value if isinstance(v, list | tuple)]
        if value and len(rows) == len(value) and len({len(r) for r in rows}) == 1:
            body = r" \\ ".join(" & ".join(value_tex(x, digits) for x in r) for r in rows)
            return r"\begin{pmatrix}" + body + r"\end{pmatrix}"
        return "(" + r",\allowbreak ".join(value_tex(v, digits) for v in value) + ")"
    text = str(value)
    try:
        return tex(sp.Rational(text))
    except (TypeError, ValueError):
        pass
    try:
        return _float_text(float(text), digits)
    except ValueError:
        return math_tex(text)


def witness_tex(result: Any) -> str:
    r"""``Counterexample at $\delta = 0.5$, ...: left side $2$, right side $0.5$``, with the
    digits that tell the two sides apart."""
    digits = pair_digits(result.lhs, result.rhs)
    point = ", ".join(
        f"${math_tex(str(k))} = {value_tex(v, digits)}$" for k, v in result.witness.items()
    )
    lhs, rhs = value_tex(result.lhs, digits), value_tex(result.rhs, digits)
    sides = f"left side ${lhs}$, right side ${rhs}$"
    return f"counterexample at {point}: {sides}" if point else f"counterexample: {sides}"


def formula_tex(lhs: str, rel: str, rhs: str) -> str:
    """A relation inline when short, else a display broken before the relation (the left
    side on one line, the relation and the right side on the next, each shrunk to the
    cell only when wider than it)."""
    if len(lhs) + len(rhs) <= INLINE_CHARS or not rel:
        body = f"{lhs} {rel} {rhs}".strip()
        if len(body) <= INLINE_CHARS:
            return f"${body}$"
        return f"\\par\\hbFit{{{body}}}\\par "
    return (
        f"\\par\\hbFit{{{lhs}}}\\par\\hfill\\hbFit{{{{}} {rel} {rhs}}}\\par "
    )


def program_formula(text: str) -> str:
    """Program text of a SymPy relation (``Sum(x[i], (i, 1, n)) <= 1``) typeset by the
    paper printer; prose (:func:`~hallbound.paper_tex.asciimath.prose_tex`) when it is not
    SymPy text."""
    parsed = relation_tex(text)
    if parsed is None:
        return prose_tex(sympy_calls(text))
    return formula_tex(*parsed)


def _top_colon(text: str) -> int:
    """The index of the first ``": "`` outside brackets (or -1)."""
    depth = 0
    for k, ch in enumerate(text):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(ch, 0)
        if depth == 0 and text.startswith(": ", k):
            return k
    return -1


def lemma_tex(text: str) -> str:
    """A lemma instance ``Name(x=..., y=...): relation  [if c1 (kind); c2 (kind)]``: its name,
    its arguments and its relation typeset, its conditions after it."""
    body, _, conditions = text.partition("  [if ")
    colon = _top_colon(body)
    if colon < 0:
        return program_formula(body)
    head, relation = body[:colon], body[colon + 2 :]
    name, args = head, ""
    if head.endswith(")"):
        depth = 0
        for k in range(len(head) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(head[k], 0)
            if depth == 0:
                name, args = head[:k], head[k + 1 : -1]
                break
    out = f"lemma {escape_text(name.strip())}"
    bindings = []
    for part in top_split(args) if args else []:
        key, eq, val = part.partition("=")
        formula = program_tex(val) if eq else None
        if formula is None:
            bindings.append(prose_tex(part.strip()))
        else:
            bindings.append(f"${math_tex(key.strip())} = {formula}$")
    if bindings:
        out += " with " + ", ".join(bindings)
    out += ": " + program_formula(relation)
    if conditions:
        conds = [c.strip() for c in conditions.rstrip("]").split("; ") if c.strip()]
        out += " if " + "; ".join(_condition_tex(c) for c in conds)
    return out


def _condition_tex(text: str) -> str:
    """``relation (kind)`` of a lemma's condition."""
    formula, kind = text, ""
    if text.endswith(")") and " (" in text:
        formula, kind = text.rsplit(" (", 1)
        kind = " (" + escape_text(kind[:-1]) + ")"
    if " implies " in formula:
        a, b = formula.split(" implies ", 1)
        return program_formula(a) + " implies " + program_formula(b) + kind
    return program_formula(formula) + kind


#: Method texts shortened: checker's bookkeeping that repeats the evidence.
_METHOD_NOISE = (
    re.compile(r"\s*\((?:rewrite \d+|as written)\)"),
    re.compile(r": same relation up to the positive factor 1$"),
)


def method_text(result: Any) -> str:
    """The method, without the rewrite counters and without the premises that
    :func:`how_shown` lists anyway."""
    text = " ".join(str(getattr(result, "method", "") or "").split())
    if getattr(result, "assumed", None) and " assuming " in text:
        text = text.split(" assuming ", 1)[0]
    for pattern in _METHOD_NOISE:
        text = pattern.sub("", text)
    text = _SUBSTITUTED.sub(_short_substitution, text)
    return re.sub(r"\bsympy\b", "SymPy", text)


#: "substituting X from the source": X as the checker printed it.
_SUBSTITUTED = re.compile(r"substituting (.+?) from the source")


def _short_substitution(m: re.Match[str]) -> str:
    """A substituted atom that is a whole call (``Pr(Abs(MM - sr) <= ...)``) is not
    typeset by the prose reader: it is named as a term of the source (the lemma or premise
    is listed beside it)."""
    return m.group(0) if "(" not in m.group(1) else "substituting a term from the source"


def how_shown(result: Any) -> str:
    """The merged Method and Evidence cell: the method, then what backs the verdict (the
    counterexample, the certified box, the trial count, the checker's detail, the cited
    steps and lemmas, the assumed premises), every formula typeset, never empty."""
    verdict = getattr(result.verdict, "value", str(result.verdict))
    method = method_text(result)
    lemmas = [str(x) for x in getattr(result, "lemmas", ()) or ()]
    if lemmas and method.startswith("from ") and any(x.startswith(method[5:]) for x in lemmas):
        method = ""  # "from Markov": the lemma's instance below says it all
    parts = [prose_tex(method[:1].upper() + method[1:])] if method else []
    if verdict == "REFUTED" and getattr(result, "witness", None) is not None:
        parts.append(witness_tex(result))
    box = getattr(result, "box", None)
    if verdict == "CERTIFIED" and box:
        parts.append("box " + ", ".join(
            f"${math_tex(str(k))} \\in [{value_tex(a)}, {value_tex(b)}]$"
            for k, (a, b) in box.items()
        ))
    trials = getattr(result, "trials", None)
    if trials and verdict == "SUPPORTED":
        parts.append(f"no counterexample in {trials} trials")
    detail = " ".join(str(getattr(result, "detail", "") or "").split())
    if detail and detail not in method:
        parts.append(prose_tex(detail))
    shown_on = getattr(result, "shown_on", None) or {}
    if shown_on:
        parts.append("shown only on " + "; ".join(prose_tex(v) for v in shown_on.values()))
    cites = [str(x) for x in getattr(result, "cites", ()) or ()]
    if cites:
        parts.append("uses steps " + ", ".join(f"({escape_text(c)})" for c in cites))
    parts += [lemma_tex(x) for x in lemmas]
    assumed = [str(x) for x in getattr(result, "assumed", ()) or ()]
    if assumed:
        parts.append("assumes " + "; ".join(program_formula(a) for a in assumed))
    if not parts:
        parts.append({"PROVED": "symbolic proof"}.get(verdict, "the checker"))
    return "; ".join(p.strip() for p in parts if p.strip())


def verdict_table(result: Any) -> str:
    """Step, verdict and how it was shown (method and evidence in one cell) of each step,
    in a ``longtable`` that breaks across pages, then the claim's verdict and whether its
    chain closes."""
    rows = [
        f"({step_name_tex(s.step)}) & \\hb{s.verdict.value} & {how_shown(s)}"
        + (f"; Coq kernel: {escape_text(s.kernel)}" if getattr(s, "kernel", None) else "")
        + " \\\\"
        for s in result.steps
    ]
    head = "Step & Verdict & How shown \\\\"
    out = (
        "{\\small\n"
        "\\begin{longtable}{@{}>{\\raggedright\\arraybackslash}p{0.2\\linewidth}l"
        ">{\\raggedright\\arraybackslash}p{0.62\\linewidth}@{}}\n"
        f"\\toprule\n{head}\n\\midrule\n\\endfirsthead\n"
        f"\\toprule\n{head[:-4]} (continued) \\\\\n\\midrule\n\\endhead\n"
        + "\n".join(rows)
        + "\n\\bottomrule\n\\end{longtable}\n}\n"
    )
    verdict = getattr(result, "verdict", None)
    if verdict is not None and hasattr(result, "chain_closed"):
        chain = "the chain closes" if result.chain_closed else "the chain is open"
        out += f"\\noindent Claim verdict: \\hb{verdict.value}; {chain}"
        uncovered = getattr(result, "uncovered", None)
        if uncovered:
            out += "; no chain of steps on " + prose_tex("; ".join(uncovered.values()))
        out += ".\n"
    return out


def claim_fragment(claim: Any, result: Any) -> str:
    """The fragment of one claim: statement (its heading carries the claim's verdict), steps
    and the verdict table."""
    title = escape_text(claim_title(claim))
    verdict = getattr(getattr(result, "verdict", None), "value", None)
    head = f"{title}: \\hb{verdict}" if verdict else title
    return (
        f"% hallbound: {claim_title(claim)}, generated.\n"
        f"\\begin{{hbclaim}}{{{head}}}\n{statement_tex(claim)}\n\\end{{hbclaim}}\n"
        + steps_tex(claim)
        + verdict_table(result)
    )


def summary_table(claims: Sequence[Any], results: Sequence[Any], caption: str = "") -> str:
    """One row per claim: its name, source, the claim's verdict and the count of each step
    verdict; a verdict no step of these claims has gets no column."""
    from hallbound.paper_tex.macros import VERDICTS

    present = [
        v for v in VERDICTS if any(s.verdict.value == v for r in results for s in r.steps)
    ]
    rows = []
    for claim, result in zip(claims, results, strict=True):
        counts = [sum(s.verdict.value == v for s in result.steps) for v in present]
        cells = [str(c) if c else "" for c in counts]
        source = "as stated" if getattr(claim, "source", "paper") == "paper" else "corrected"
        rows.append(
            f"{escape_text(claim.name)} & {source} & \\hb{result.verdict.value} & "
            + " & ".join(cells) + " \\\\"
        )
    header = " & ".join(f"\\hb{v}" for v in present)
    caption = caption or "Claim verdicts and step verdicts per claim (strongest first)."
    return (
        "% hallbound: verdicts of every claim, generated.\n"
        "\\begin{table}[htbp]\n\\centering\n\\small\n"
        f"\\caption{{{caption}}}\n"
        "\\begin{tabular}{@{}>{\\raggedright\\arraybackslash}p{0.26\\linewidth}ll"
        + "r" * len(present)
        + "@{}}\n\\toprule\n"
        f"Claim & Source & Verdict & {header} \\\\\n"
        f"\\cmidrule(l){{4-{3 + len(present)}}}\n"
        f" & & & \\multicolumn{{{len(present)}}}{{c}}{{steps}} \\\\\n\\midrule\n"
        + "\n".join(rows) + "\n"
        "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
    )


def paper_heading(key: str) -> str:
    """The section title of a paper's claims: its citation (:data:`PAPERS`), escaped, with
    TeX quotes."""
    from hallbound.proofs_checks.engine.claim import PAPERS

    cite = PAPERS.get(key, key)
    quoted = re.sub(r'"([^"]*)"', r"``\1''", cite)
    return "Claims of " + "".join(
        part if part in ("``", "''") else escape_text(part)
        for part in re.split(r"(``|'')", quoted)
    )


def _key(claim: Any) -> tuple[str, str]:
    """Claims are named per paper: (paper, name) identifies one."""
    return (getattr(claim, "paper", "bad-estimations"), claim.name)


def claim_slug(claim: Any) -> str:
    """The fragment's file name: the claim's slug, prefixed by its paper's key for papers
    other than the first (``why-hallucinate-theorem-1``)."""
    paper, name = _key(claim)
    return slug(name) if paper == "bad-estimations" else f"{paper}-{slug(name)}"


def _check(key: tuple[str, str]) -> Any:
    """Check the registered claim with this (paper, name) (runs in a worker process)."""
    from hallbound.proofs_checks.engine.checker import check_claim

    (claim,) = [c for c in registered_claims() if _key(c) == tuple(key)]
    return check_claim(claim)


#: Check results of this process, by (paper, claim name) (the checker is deterministic).
_RESULTS: dict[tuple[str, str], Any] = {}


def check_all(claims: Sequence[Any]) -> list[Any]:
    """Check results in the order of ``claims``; parallel over the available cores."""
    todo = [_key(c) for c in claims if _key(c) not in _RESULTS]
    if todo:
        _RESULTS.update(zip(todo, _check_names(todo), strict=True))
    return [_RESULTS[_key(c)] for c in claims]


def _check_names(names: Sequence[tuple[str, str]]) -> list[Any]:
    workers = min(
        len(names),
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
    )
    if workers <= 1:
        return [_check(n) for n in names]
    # spawn, not fork: the parent may already run numba/OpenMP threads, which fork breaks.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_check, names))


def claim_fragments(names: Sequence[str], coq: str | None = None
                    ) -> tuple[dict[str, str], str]:
    """``claims/<slug>.tex`` per claim and ``claims/summary[-<paper>].tex`` per paper; the
    body: one section per paper (its citation in the title), its summary table, its claims.
    ``coq``: a folder where the PROVED/CERTIFIED steps are exported and checked by Coq first
    (each verdict table row then carries its ``Coq kernel`` result)."""
    claims = select_claims(names)
    if not claims:
        return {}, "\\section{Claims}\nNo claim registry is available in this build.\n"
    results = check_all(claims)
    if coq is not None:  # on copies: the cached results stay without a kernel mark
        import copy
        from pathlib import Path

        from hallbound.proofs_checks.kernel.claims_export import kernel_check_results

        results = copy.deepcopy(results)
        kernel_check_results(claims, results, Path(coq))
    files: dict[str, str] = {}
    body: list[str] = []
    papers = list(dict.fromkeys(_key(c)[0] for c in claims))
    for paper in papers:  # one section per paper
        mine = [(c, r) for c, r in zip(claims, results, strict=True) if _key(c)[0] == paper]
        stem = "claims/summary" if paper == "bad-estimations" else f"claims/summary-{paper}"
        files[f"{stem}.tex"] = summary_table([c for c, _ in mine], [r for _, r in mine])
        body += [f"\\section{{{paper_heading(paper)}}}", f"\\input{{\\hbDir {stem}}}"]
        for claim, result in mine:
            files[f"claims/{claim_slug(claim)}.tex"] = claim_fragment(claim, result)
            body.append(f"\\input{{\\hbDir claims/{claim_slug(claim)}}}")
    return files, "\n".join(body) + "\n"
