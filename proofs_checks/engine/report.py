"""Plain-text tables and JSON for check results.

``render(results)`` gives one line per claim (verdict, whether the chain closes, counts per
verdict, the ASSUMED premises, the lemmas used), then one table per claim (step, relation,
verdict, method, and the witness, the certified box, the trial count or the premises), then
a summary; ``to_json(results)`` gives one object with ``"steps"`` (one object per step: claim,
paper, step, relation, verdict, method, justification, detail, cites, lemmas, assumed, and
``witness``/``lhs``/``rhs`` for REFUTED, ``box`` for CERTIFIED, ``trials`` for SUPPORTED),
``"claims"`` (claim, paper, source, verdict, chain_closed, chain, counts, assumed, lemmas,
statement, comment, assumptions, uncovered, uncovered_check)
and ``"lemmas"`` (the trust base the run relied on).
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hallbound.budget import hit_budget
from hallbound.proofs_checks.engine.verdicts import ClaimResult, Verdict


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def claim_line(result: ClaimResult) -> str:
    """One line: verdict, chain, counts per verdict, assumed premises, lemmas."""
    counts = ", ".join(f"{k} {v}" for k, v in result.counts().items())
    chain = "chain closes" if result.chain_closed else "chain open"
    out = f"{result.claim}: {result.verdict.value} ({chain}; {counts})"
    if result.assumptions:
        out += f"; assuming: {'; '.join(result.assumptions)}"
    if result.uncovered:
        out += f"; uncovered: {'; '.join(result.uncovered.values())}"
    if result.assumed:
        out += f"; assumes: {'; '.join(result.assumed)}"
    if result.lemmas:
        out += f"; lemmas: {'; '.join(result.lemmas)}"
    return out


def source_label(result: ClaimResult) -> str:
    """Where a claim comes from: ``<paper key>, <source>`` for a registered claim of a paper,
    ``your claim`` for any other (a claim built by the user is not the paper's)."""
    if result.registered:
        return f"{result.paper}, {result.source}"
    return "your claim"


def render_claim(result: ClaimResult, width: int = 100) -> str:
    """One claim's table."""
    head = f"{result.claim}  [{source_label(result)}]  domain: {result.domain}"
    lines = [head, "-" * min(len(head), width)]
    if result.statement:
        lines.append(f"  states: {_cut(result.statement, width - 10)}")
    for label, items in (("assuming", result.assumptions), ("other variables", result.implicit),
                         ("defining", result.definitions)):
        if items:
            for chunk in textwrap.wrap(f"{label}: " + "; ".join(items), width - 2):
                lines.append(f"  {chunk}")
    lines.append(f"  verdict: {result.verdict.value}; {result.chain}")
    if result.uncovered:
        check = result.uncovered_check
        found = f": {check.verdict.value}, {check.summary()}" if check is not None else ""
        lines.append(f"  uncovered: {'; '.join(result.uncovered.values())}{found}")
    step_w = max([len(s.step) for s in result.steps] + [4])
    step_w = min(step_w, 30)
    for s in result.steps:
        lines.append(f"  {_cut(s.step, step_w):<{step_w}}  {s.verdict.value:<10} {s.method}")
        lines.append(f"  {'':<{step_w}}  relation: {_cut(s.relation, width - step_w - 14)}")
        if s.kernel:
            lines.append(f"  {'':<{step_w}}  kernel: {_cut(s.kernel, width - step_w - 12)}")
        info = s.summary()
        if info:
            for chunk in textwrap.wrap(info, width - step_w - 6)[:4]:
                lines.append(f"  {'':<{step_w}}  {chunk}")
    return "\n".join(lines)


def render(results: Sequence[ClaimResult], width: int = 100) -> str:
    """One line per claim, every claim's table, then a summary."""
    parts = ["Claims:\n" + "\n".join("  " + claim_line(r) for r in results)]
    parts += [render_claim(r, width) for r in results]
    parts.append(summary(results))
    return "\n\n".join(parts) + "\n"


def summary(results: Sequence[ClaimResult]) -> str:
    """Counts per verdict, the refuted steps, the steps stopped by their CPU budget, and
    whether each corrected claim holds."""
    counts = Counter(s.verdict for r in results for s in r.steps)
    line = ", ".join(f"{v.value} {counts[v]}" for v in Verdict if counts[v])
    out = [f"Summary: {sum(counts.values())} steps in {len(results)} claims: {line}"]
    refuted = [
        f"  {r.claim} / {s.step}" for r in results for s in r.steps if s.verdict is Verdict.REFUTED
    ]
    if refuted:
        out.append("REFUTED:")
        out.extend(refuted)
    assumed = [
        f"  {r.claim} / {s.step}: {'; '.join(s.assumed)}"
        for r in results
        for s in r.steps
        if s.verdict is Verdict.ASSUMED
    ]
    if assumed:
        out.append("ASSUMED (premises nothing backs):")
        out.extend(assumed)
    out.append(budget_line(results))
    claims = Counter(r.verdict for r in results)
    out.append(
        "Claims: "
        + ", ".join(f"{v.value} {claims[v]}" for v in Verdict if claims[v])
        + f"; chains closed {sum(r.chain_closed for r in results)}/{len(results)}"
    )
    corrected = [r for r in results if r.source == "corrected"]
    if corrected:
        out.append("Corrected claims:")
    for r in corrected:
        out.append(f"  {r.claim}: {r.verdict.value} ({r.chain})")
    used = lemmas_used(results)
    out.append("Trust base used: " + (", ".join(used) if used else "no lemma"))
    return "\n".join(out)


# ----- the headline: results settled per paper ---------------------------------------------


def settled(
    results: Sequence[ClaimResult], corrects: Mapping[str, str | None]
) -> dict[str, dict[str, list[str]]]:
    """Per paper, its results (claims as stated) sorted into ``"proved"`` (PROVED or
    CERTIFIED, chain closed), ``"corrected"`` (REFUTED, and a corrected claim of it, named in
    ``corrects`` (claim name -> the name it corrects), PROVED or CERTIFIED with its chain
    closed) and ``"unsettled"`` (anything else)."""
    fixed = {
        corrects.get(r.claim)
        for r in results
        if r.source == "corrected" and r.verdict.holds and r.chain_closed
    }
    out: dict[str, dict[str, list[str]]] = {}
    for r in results:
        if r.source == "corrected":
            continue
        kinds = out.setdefault(r.paper, {"proved": [], "corrected": [], "unsettled": []})
        if r.verdict.holds and r.chain_closed:
            kinds["proved"].append(r.claim)
        elif r.verdict is Verdict.REFUTED and r.claim in fixed:
            kinds["corrected"].append(r.claim)
        else:
            kinds["unsettled"].append(r.claim)
    return out


def headline(results: Sequence[ClaimResult], corrects: Mapping[str, str | None]) -> list[str]:
    """One line per paper: ``KEY: N results: P proved, R refuted and corrected, U unsettled``."""
    lines = []
    for paper, kinds in settled(results, corrects).items():
        n = sum(len(v) for v in kinds.values())
        lines.append(
            f"{paper}: {n} results: {len(kinds['proved'])} proved, "
            f"{len(kinds['corrected'])} refuted and corrected, {len(kinds['unsettled'])} unsettled"
        )
    return lines


_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "theta": "θ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "phi": "φ", "Sigma": "Σ",
}
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def readable(text: str) -> str:
    """A relation printed by SymPy (``sstr``) as readable math: ``≤ ≥ ≠``, ``^`` for ``**``,
    ``|x|`` for ``Abs(x)``, ``√`` for ``sqrt``, ``Σ_{j=1}^{N}(..)``/``Π`` for
    ``Sum``/``Product``, ``∫_{a}^{b}(..) dx`` for ``Integral``, ``d/dx(..)`` for
    ``Derivative``, ``(..)|_{t=0}`` for ``Subs``, ``{a if c; b otherwise}`` for ``Piecewise``,
    ``∞``, Greek letters for their names and digit subscripts (``x_1`` -> ``x₁``)."""
    out = _abs_bars(text)
    for name, shape in _CALLS:
        out = _rewrite_calls(out, name, shape)
    for a, b in (("**", "^"), ("<=", "≤"), (">=", "≥"), ("!=", "≠"), ("sqrt(", "√(")):
        out = out.replace(a, b)
    out = re.sub(r"(?<![\w.])oo(?![\w(])", "∞", out)
    names = "|".join(_GREEK)
    out = re.sub(rf"(?<![A-Za-z0-9])({names})(?![A-Za-z0-9])", lambda m: _GREEK[m.group(1)], out)
    out = re.sub(r"(?<=[A-Za-zα-ωΣ])_(\d+)\b", lambda m: m.group(1).translate(_SUBSCRIPT), out)
    return out.replace("*", "·")


def _split_top(text: str) -> list[str]:
    """``text`` split at the commas outside any bracket, each part stripped."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def _tuple(text: str) -> list[str]:
    """``(j, 1, N)`` -> ``["j", "1", "N"]``; a bare ``j`` -> ``["j"]``."""
    if text.startswith("(") and text.endswith(")"):
        return _split_top(text[1:-1])
    return [text]


def _limits(args: list[str], sign: str) -> str:
    """``Σ_{j=1}^{N}(body)`` / ``∫_{a}^{b}(body) dx`` from SymPy's ``(body, (j, 1, N))``."""
    body, out, tail = args[0], sign, ""
    for spec in args[1:]:
        var, *ends = _tuple(spec)
        if sign == "∫":
            out += f"_{{{ends[0]}}}^{{{ends[1]}}}" if len(ends) == 2 else ""
            tail += f" d{var}"
        else:
            out += f"_{{{var}={ends[0]}}}^{{{ends[1]}}}" if len(ends) == 2 else f"_{{{var}}}"
    return f"{out}({body}){tail}"


def _derivative(args: list[str]) -> str:
    """``Derivative(e, s)`` -> ``d/ds(e)``; ``Derivative(e, (s, 2))`` -> ``d^2/ds^2(e)``."""
    out = ""
    for spec in args[1:]:
        var, *order = _tuple(spec)
        out += f"d/d{var}" if not order or order[0] == "1" else f"d^{order[0]}/d{var}^{order[0]}"
    return f"{out}({args[0]})"


def _subs(args: list[str]) -> str:
    """``Subs(e, t, 0)`` -> ``(e)|_{t=0}`` (tuples of variables and points too)."""
    pairs = zip(_tuple(args[1]), _tuple(args[2]), strict=False)
    return f"({args[0]})|_{{{', '.join(f'{v}={p}' for v, p in pairs)}}}"


def _piecewise(args: list[str]) -> str:
    """``Piecewise((a, c), (b, True))`` -> ``{a if c; b otherwise}``."""
    pieces = []
    for arg in args:
        value, cond = (_tuple(arg) + ["True"])[:2]
        pieces.append(f"{value} otherwise" if cond == "True" else f"{value} if {cond}")
    return "{" + "; ".join(pieces) + "}"


#: SymPy calls printed as math: (name, its shape from the call's top-level arguments).
_CALLS: tuple[tuple[str, Callable[[list[str]], str]], ...] = (
    ("Derivative", _derivative),
    ("Subs", _subs),
    ("Integral", lambda a: _limits(a, "∫")),
    ("Sum", lambda a: _limits(a, "Σ")),
    ("Product", lambda a: _limits(a, "Π")),
    ("Piecewise", _piecewise),
)


def _rewrite_calls(text: str, name: str, shape: Callable[[list[str]], str]) -> str:
    """Each ``name(...)`` call (not inside a longer name) replaced by ``shape(arguments)``,
    innermost first; an unbalanced call is left as it is."""
    pattern = re.compile(rf"(?<![\w.]){name}\(")
    starts = [m.start() for m in pattern.finditer(text)]
    for i in reversed(starts):
        depth, j = 0, i + len(name)
        for j in range(i + len(name), len(text)):
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            if depth == 0:
                break
        else:
            continue
        args = _split_top(text[i + len(name) + 1 : j])
        if len(args) >= 2 or name == "Piecewise":
            text = text[:i] + shape(args) + text[j + 1 :]
    return text


def _abs_bars(text: str) -> str:
    """``Abs(x)`` -> ``|x|`` (balanced parentheses; nested calls too)."""
    while True:
        i = text.find("Abs(")
        if i < 0 or (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
            return text
        depth, j = 0, i + 3
        for j in range(i + 3, len(text)):
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            if depth == 0:
                break
        else:
            return text
        text = text[:i] + "|" + text[i + 4 : j] + "|" + text[j + 1 :]


def render_brief(
    results: Sequence[ClaimResult],
    corrects: Mapping[str, str | None],
    width: int = 100,
) -> str:
    """The default report of ``hallbound check``: the headline per paper, then each paper's
    claims, one line each (verdict, chain, counts), no line over ``width`` characters;
    ``render`` (``--verbose``) and ``--json`` give every step."""
    from hallbound.proofs_checks.engine.claim import PAPERS

    lines = headline(results, corrects)
    for paper in dict.fromkeys(r.paper for r in results):
        lines += ["", _cut(f"{paper}: {PAPERS.get(paper, '')}", width)]
        for r in (r for r in results if r.paper == paper):
            counts = ", ".join(f"{k} {v}" for k, v in r.counts().items())
            chain = "chain closes" if r.chain_closed else "chain open"
            lines.append(_cut(f"  {r.claim}: {r.verdict.value} ({chain}; {counts})", width))
            if r.statement and r.verdict is not Verdict.REFUTED:
                lines.append(_cut(f"    {readable(r.statement)}", width))
    counts = Counter(s.verdict for r in results for s in r.steps)
    line = ", ".join(f"{v.value} {counts[v]}" for v in Verdict if counts[v])
    lines += ["", _cut(f"Steps: {sum(counts.values())}: {line}", width)]
    lines.append(_cut(budget_line(results), width))
    used = lemmas_used(results)
    lines.append(_cut("Trust base used: " + (", ".join(used) if used else "no lemma"), width))
    lines.append("Every step: --verbose (tables) or --json FILE.")
    return "\n".join(lines) + "\n"


def budget_line(results: Sequence[ClaimResult]) -> str:
    """How many steps ran out of their budget (UNDECIDED with the reason ``budget``), and
    which."""
    hit = [
        f"{r.claim} / {s.step}"
        for r in results
        for s in r.steps
        if hit_budget(getattr(s, "method", ""), getattr(s, "detail", ""))
    ]
    return f"Budget: {len(hit)} step(s) stopped by their CPU budget" + (
        ": " + "; ".join(hit) if hit else ""
    )


def lemmas_used(results: Sequence[ClaimResult]) -> list[str]:
    """The names of the lemmas the run relied on (the trust base), sorted."""
    return sorted({x.split("(")[0].strip() for r in results for x in r.lemmas})


def to_records(results: Sequence[ClaimResult]) -> list[dict[str, Any]]:
    """One dictionary per step."""
    return [s.to_dict() | {"source": r.source, "paper": r.paper} for r in results for s in r.steps]


def to_object(
    results: Sequence[ClaimResult],
    audit: dict[str, str] | None = None,
    corrects: Mapping[str, str | None] | None = None,
) -> dict[str, Any]:
    """The ``--json`` object: steps, claims, the lemmas relied on, and (when given) the
    trust-base audit's failing lemmas (name -> reason; empty when all pass); each claim's
    ``label`` (:func:`source_label`: its paper and source, or ``your claim``); with
    ``corrects`` (claim name -> the claim it corrects), each claim's ``corrects`` and the
    ``settled`` results per paper (:func:`settled`)."""
    claims = [r.claim_dict() | {"label": source_label(r)} for r in results]
    if corrects is not None:
        for c in claims:
            c["corrects"] = corrects.get(c["claim"])
    out = {"steps": to_records(results), "claims": claims, "lemmas": lemmas_used(results)}
    if corrects is not None:
        out["settled"] = settled(results, corrects)
    if audit is not None:
        out["trust_base_audit"] = {"failing": dict(audit)}
    return out


def to_json(
    results: Sequence[ClaimResult],
    audit: dict[str, str] | None = None,
    corrects: Mapping[str, str | None] | None = None,
) -> str:
    """JSON text of :func:`to_object`."""
    return json.dumps(to_object(results, audit, corrects), indent=2, default=str) + "\n"
