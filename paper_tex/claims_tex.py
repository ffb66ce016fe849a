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
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import sympy as sp

from hallbound.paper_tex.asciimath import math_tex, prose_tex
from hallbound.paper_tex.formulas_tex import slug
from hallbound.paper_tex.printer import escape_text, tex
from hallbound.proofs_checks.engine.claim import RELATION_TEX

#: Longest evidence text in the verdict table (characters, before escaping).
EVIDENCE_CHARS = 150


def registered_claims() -> list[Any]:
    """Every registered claim in registry order (the paper's as stated, then corrected)."""
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
    """The heading: the claim's name, marked "as stated" or "corrected"."""
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


def steps_tex(claim: Any) -> str:
    """The proof steps as encoded, one labelled item each."""
    items = []
    for step in claim.steps:
        why = prose_tex(step.justification)
        if getattr(step, "note", ""):
            why += f". \\emph{{Note:}} {prose_tex(step.note)}"
        items.append(
            f"  \\item[({prose_tex(step.name)})] \\mbox{{}}\\\\\n"
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
    """The evidence of a step result (:func:`evidence_text`) cut at a word to
    :data:`EVIDENCE_CHARS`, its formulas in math mode."""
    text = evidence_text(result)
    if len(text) > EVIDENCE_CHARS:
        text = text[: EVIDENCE_CHARS - 3].rsplit(" ", 1)[0].rstrip(",;") + " ..."
    return prose_tex(text)


#: Rows per ``tabular`` of a verdict table: a long claim's table is cut into pieces that each
#: fit on a page (a ``tabular`` never breaks across pages).
ROWS_PER_TABLE = 12


def verdict_table(result: Any) -> str:
    """Step, verdict, method and evidence of each step (booktabs), in pieces of at most
    :data:`ROWS_PER_TABLE` rows, then the claim's verdict and whether its chain closes."""
    rows = [
        f"({prose_tex(s.step)}) & \\hb{s.verdict.value} & {prose_tex(s.method)} & "
        f"{evidence(s)} \\\\"
        for s in result.steps
    ]
    pieces = [rows[k : k + ROWS_PER_TABLE] for k in range(0, len(rows), ROWS_PER_TABLE)] or [[]]
    out = ""
    for k, piece in enumerate(pieces):
        head = "Step & Verdict & Method & Evidence" + (" (continued)" if k else "")
        out += (
            "\\begin{center}\n\\small\n"
            "\\begin{tabular}{@{}>{\\raggedright\\arraybackslash}p{0.15\\linewidth}l"
            ">{\\raggedright\\arraybackslash}p{0.25\\linewidth}"
            ">{\\raggedright\\arraybackslash}p{0.4\\linewidth}@{}}\n"
            f"\\toprule\n{head} \\\\\n\\midrule\n"
            + "\n".join(piece)
            + "\n\\bottomrule\n\\end{tabular}\n\\end{center}\n"
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
    """The fragment of one claim: statement, steps and the verdict table."""
    title = escape_text(claim_title(claim))
    return (
        f"% hallbound: {claim_title(claim)}, generated.\n"
        f"\\begin{{hbclaim}}{{{title}}}\n{statement_tex(claim)}\n\\end{{hbclaim}}\n"
        + steps_tex(claim)
        + verdict_table(result)
    )


def summary_table(claims: Sequence[Any], results: Sequence[Any]) -> str:
    """One row per claim: its name, source and the count of each verdict."""
    from hallbound.paper_tex.macros import VERDICTS

    rows = []
    for claim, result in zip(claims, results, strict=True):
        counts = [sum(s.verdict.value == v for s in result.steps) for v in VERDICTS]
        cells = [str(c) if c else "" for c in counts]
        source = "as stated" if getattr(claim, "source", "paper") == "paper" else "corrected"
        rows.append(f"{escape_text(claim.name)} & {source} & " + " & ".join(cells) + " \\\\")
    header = " & ".join(f"\\hb{v}" for v in VERDICTS)
    return (
        "% hallbound: verdicts of every claim, generated.\n"
        "\\begin{table}[htbp]\n\\centering\n\\small\n"
        "\\caption{Step verdicts per claim (strongest first).}\n\\label{hb:tab:claims}\n"
        "\\begin{tabular}{@{}>{\\raggedright\\arraybackslash}p{0.28\\linewidth}l"
        + "r" * len(VERDICTS)
        + "@{}}\n\\toprule\n"
        f"Claim & Source & {header} \\\\\n\\midrule\n" + "\n".join(rows) + "\n"
        "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
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


def claim_fragments(names: Sequence[str]) -> tuple[dict[str, str], str]:
    """``claims/<slug>.tex`` per claim and ``claims/summary.tex``; the section body."""
    from hallbound.proofs_checks.engine.claim import PAPERS

    claims = select_claims(names)
    body = ["\\section{Claims}"]
    if not claims:
        body.append("No claim registry is available in this build.")
        return {}, "\n".join(body) + "\n"
    results = check_all(claims)
    files = {"claims/summary.tex": summary_table(claims, results)}
    for claim, result in zip(claims, results, strict=True):
        files[f"claims/{claim_slug(claim)}.tex"] = claim_fragment(claim, result)
    body.append("\\input{\\hbDir claims/summary}")
    papers = list(dict.fromkeys(_key(c)[0] for c in claims))
    for paper in papers:  # one section per paper
        if len(papers) > 1 or paper != "bad-estimations":
            body.append(f"\\section{{Claims: {escape_text(PAPERS.get(paper, paper))}}}")
        body += [
            f"\\input{{\\hbDir claims/{claim_slug(c)}}}" for c in claims if _key(c)[0] == paper
        ]
    return files, "\n".join(body) + "\n"
