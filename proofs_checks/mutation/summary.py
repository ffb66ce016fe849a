r"""The mutation report: how each false mutant was killed, and how many mutants the
independent models decided (:mod:`hallbound.proofs_checks.mutation`).

Every outcome (a dict of :meth:`hallbound.proofs_checks.mutation.runner.Outcome.to_dict`) has an
``independent`` status: ``false`` (a model found a point of the step's domain where the
mutant fails), ``true`` (no such point in the models), ``undecidable`` (no model could
evaluate it) or ``skipped`` (a ``--per-step`` limit). A false mutant is checked by the real
checker and is, by its verdict (:func:`kill_kind`):

* **killed by REFUTED**: the checker found a counterexample;
* **killed by demotion**: SUPPORTED, ASSUMED or UNDECIDED (not PROVED/CERTIFIED, but no
  counterexample either);
* **survived**: PROVED or CERTIFIED while a model shows it false (a soundness bug of the
  checker, or of the model: each is listed);
* **timeout** / **error**: the checker gave no verdict within the harness's CPU budget, or
  raised (listed; neither a kill nor a survival).

The decided fraction is :math:`(\#\text{true} + \#\text{false}) / (\#\text{generated} -
\#\text{skipped})`. The targets (:data:`TARGETS`): at least 90% decided, every false mutant
killed, at least 80% of the kills by REFUTED.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

HOLDING = frozenset({"PROVED", "CERTIFIED"})
DEMOTED = frozenset({"SUPPORTED", "ASSUMED", "UNDECIDED"})
#: Target fractions: decided / evaluated, killed / false, REFUTED / killed.
TARGETS: dict[str, float] = {"decided": 0.90, "killed": 1.0, "refuted_share": 0.80}
COLUMNS = ("generated", "decided", "false", "refuted", "demoted", "survived")


def kill_kind(verdict: str | None) -> str | None:
    """``"refuted"``, ``"demoted"``, ``"survived"``, ``"timeout"`` (no verdict within the
    harness's CPU budget) or ``"error"`` for a false mutant's verdict (None: not checked)."""
    if verdict is None:
        return None
    if verdict == "REFUTED":
        return "refuted"
    if verdict in DEMOTED:
        return "demoted"
    if verdict in HOLDING:
        return "survived"
    if verdict == "TIMEOUT":
        return "timeout"
    return "error"


def _row() -> dict[str, int]:
    return dict.fromkeys((*COLUMNS, "true", "undecidable", "skipped", "error", "timeout"), 0)


def _add(row: dict[str, int], o: Mapping[str, Any]) -> None:
    row["generated"] += 1
    status = o["independent"]
    if status in ("true", "false"):
        row["decided"] += 1
        row[status] += 1
    elif status in ("undecidable", "skipped"):
        row[status] += 1
    kind = kill_kind(o.get("verdict")) if status == "false" else None
    if kind is not None:
        row[kind] += 1


def _source_row(source: Mapping[str, Any]) -> dict[str, int]:
    """The planted source-formula change as one more false mutant (its kill kind is the
    verdict of the first step that is neither PROVED nor CERTIFIED)."""
    row = _row()
    row["generated"] = 1
    if not source.get("false"):
        row["undecidable"] = 1
        return row
    row["decided"] = row["false"] = 1
    verdicts = list((source.get("step_verdicts") or {}).values())
    broken = next((v for v in verdicts if v not in HOLDING), None)
    row[kill_kind(broken) or "survived"] += 1
    return row


def tally(outcomes: Sequence[Mapping[str, Any]],
          source: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Per claim and in total: the counts of :data:`COLUMNS` (and ``true``,
    ``undecidable``, ``skipped``, ``error``), the fractions and whether each target holds."""
    per: dict[str, dict[str, int]] = defaultdict(_row)
    for o in outcomes:
        _add(per[o["claim"]], o)
    if source is not None:
        name = f"{source.get('claim', '?')} (source change)"
        per[name] = _source_row(source)
    total = _row()
    for row in per.values():
        for k, v in row.items():
            total[k] += v
    return {"per_claim": dict(per), "total": total, "fractions": fractions(total)}


def fractions(row: Mapping[str, int]) -> dict[str, Any]:
    """decided / (generated - skipped), killed / false, REFUTED / killed, and the targets."""
    evaluated = row["generated"] - row["skipped"]
    killed = row["refuted"] + row["demoted"]
    out: dict[str, Any] = {
        "decided": row["decided"] / evaluated if evaluated else None,
        "killed": killed / row["false"] if row["false"] else None,
        "refuted_share": row["refuted"] / killed if killed else None,
    }
    out["targets"] = {k: (out[k] is not None and out[k] >= t - 1e-12) for k, t in TARGETS.items()}
    return out


def reason_key(how: str) -> str:
    """An undecidable mutant's reason with its counts blanked (for grouping)."""
    return re.sub(r"\d+", "#", how)


def undecided_reasons(outcomes: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
    """Why the undecidable mutants were not decided: (reason, count), most frequent first."""
    c = Counter(reason_key(o["independent_how"]) for o in outcomes
                if o["independent"] == "undecidable")
    return c.most_common()


_GT_TAIL = ("err_iiv is bounded only through stated inequalities (err_iiv >= S, a "
            "conditional sum), not computed from a law, and the bound is loose: a mutated "
            "bound's truth rests on the true tail, which no exact finite law determines")

#: Why a step's mutants stay undecided where no honest model reaches them (claim, step).
UNDECIDED_WHY: dict[tuple[str, str], str] = {
    ("Lemma 2", "16 (failure)"): (
        "Pr of a tail event of the Good-Turing estimator: 2 err_iiv < sr - "
        "6 ln(3N/gamma)/sqrt(N) is empty unless 6 ln(3N/gamma) < sqrt(N), i.e. N >= ~3000, "
        "so no sample small enough to enumerate reaches it; " + _GT_TAIL),
    ("Lemma 2", "15 (union bound)"): (
        "left by the third model (bound_models): a mutated event that loosens the err_iiv "
        "tail (2 err_iiv < MM - a smaller margin) or a threshold below the original's, or a "
        "tighter bound (gamma/2, 2 Pr): not implied by the proved bound, and no written-out "
        "law reaches the tail; " + _GT_TAIL),
    ("Corollary 3", "5 (failure)"): (
        "left by the third model (bound_models): a threshold below the original's "
        "(121/100, ln(2/gamma), no 1/N, -1/N) or a tighter bound (gamma/2, 2 Pr): whether "
        "Pr(|G_N - M_N| > t) stays below the bound at large N is the true tail of the "
        "Good-Turing deviation, which the cited concentration bounds only bound from above"),
}


def undecided_by_step(outcomes: Sequence[Mapping[str, Any]],
                      ) -> list[tuple[str, str, int, str]]:
    """The undecidable mutants per step: (claim, step, count, why), most first; ``why`` is
    the :data:`UNDECIDED_WHY` note, else the step's most frequent reason."""
    count: Counter[tuple[str, str]] = Counter()
    reasons: dict[tuple[str, str], Counter[str]] = {}
    for o in outcomes:
        if o["independent"] != "undecidable":
            continue
        key = (o["claim"], o["step"])
        count[key] += 1
        reasons.setdefault(key, Counter())[reason_key(o["independent_how"])] += 1
    return [(c, st, n, UNDECIDED_WHY.get((c, st), reasons[(c, st)].most_common(1)[0][0]))
            for (c, st), n in count.most_common()]


def demotions(outcomes: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """The verdicts of the false mutants killed by demotion, counted."""
    return dict(Counter(o["verdict"] for o in outcomes if o["independent"] == "false"
                        and kill_kind(o.get("verdict")) == "demoted"))


#: Why a false mutant ends demoted rather than REFUTED, in the order they are tried.
CAUSES = (
    ("premise-law", "premise changed with the side on a law step: the law computes the "
                    "original formula"),
    ("premise-source", "premise changed with the side, and not implied by the source it names "
                       "(ASSUMED, the premise named): the mutant as stated is a true "
                       "conditional, so no point satisfying its premise refutes it"),
    ("premise", "premise changed with the side, and the premise has no source (an assumption "
                "of the original step too): the substituted step is the original, so no "
                "point satisfying the premise refutes it (ASSUMED)"),
    ("strict", "a relation flipped to a strict one where the original holds with equality "
               "(equality is not counted against a strict relation)"),
    ("hand-law", "law step with a hand-written law: the law computes the original formula, "
                 "not the displayed sides"),
    ("no-number", "the checker found no numeric form (UNDECIDED: sums over a symbolic N, "
                  "integrals, matrices, unknown functions)"),
    ("other", "no counterexample found by the checker's search (SUPPORTED/ASSUMED)"),
)


def demotion_cause(o: Mapping[str, Any]) -> str:
    """The first of :data:`CAUSES` that fits a demoted outcome (its key)."""
    if o.get("operator", "").startswith("premise+"):
        if o.get("law") and o.get("law") != "declared":
            return "premise-law"
        method = o.get("method", "")
        if "not implied by the claim's assumptions" in method or "does not follow from" in method:
            return "premise-source"
        return "premise"
    if (o.get("operator") == "flip-rel" and o.get("original_rel") in ("=", "<=", ">=")
            and o.get("mutation", "").endswith(("<", ">"))):
        return "strict"
    if o.get("law") == "hand-written":
        return "hand-law"
    if o.get("verdict") == "UNDECIDED":
        return "no-number"
    return "other"


def demotion_causes(outcomes: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
    """The demoted false mutants counted by :func:`demotion_cause` (described)."""
    c = Counter(demotion_cause(o) for o in outcomes
                if o["independent"] == "false" and kill_kind(o.get("verdict")) == "demoted")
    text = dict(CAUSES)
    return [(text[k], c[k]) for k, _ in CAUSES if c[k]]


def side_only_share(outcomes: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
    """(REFUTED, killed) among the false mutants whose premise was *not* changed with the
    side: a ``premise+...`` mutant is a true conditional (its premise gives its relation),
    so its honest kill is a demotion naming the unbacked premise, never a REFUTED."""
    kinds = [kill_kind(o.get("verdict")) for o in outcomes if o["independent"] == "false"
             and not o.get("operator", "").startswith("premise+")]
    refuted = kinds.count("refuted")
    return refuted, refuted + kinds.count("demoted")


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def table(summary: Mapping[str, Any]) -> str:
    """The per-claim table (generated, decided, false, killed by REFUTED, killed by
    demotion, survived) and the total line, as text."""
    head = ("claim", "generated", "decided", "false", "REFUTED", "demoted", "survived")
    rows = [(name, *(str(r[c]) for c in COLUMNS)) for name, r in summary["per_claim"].items()]
    t = summary["total"]
    rows.append(("TOTAL", *(str(t[c]) for c in COLUMNS)))
    width = [max(len(head[0]), *(len(r[0]) for r in rows))]
    width += [max(len(head[i]), *(len(r[i]) for r in rows)) for i in range(1, len(head))]
    out = ["  ".join([head[0].ljust(width[0]),
                      *(h.rjust(w) for h, w in zip(head[1:], width[1:], strict=True))])]
    for i, r in enumerate(rows):
        if i == len(rows) - 1:
            out.append("-" * len(out[0]))
        out.append("  ".join([r[0].ljust(width[0]),
                              *(x.rjust(w) for x, w in zip(r[1:], width[1:], strict=True))]))
    return "\n".join(out)


def score_lines(summary: Mapping[str, Any]) -> list[str]:
    """The decided fraction, the kill rate and the REFUTED share, each with its target."""
    t, f = summary["total"], summary["fractions"]
    ok = {k: "met" if v else "NOT met" for k, v in f["targets"].items()}
    evaluated = t["generated"] - t["skipped"]
    killed = t["refuted"] + t["demoted"]
    return [
        f"decided: {t['decided']}/{evaluated} mutants ({_pct(f['decided'])}; target >= "
        f"{_pct(TARGETS['decided'])}: {ok['decided']}); true {t['true']}, false {t['false']}, "
        f"undecidable {t['undecidable']}, skipped {t['skipped']}",
        f"killed: {killed}/{t['false']} false mutants ({_pct(f['killed'])}; target 100%: "
        f"{ok['killed']}): by REFUTED {t['refuted']}, by demotion {t['demoted']}, survived "
        f"{t['survived']}, no verdict in the CPU budget {t['timeout']}, checker errors "
        f"{t['error']}",
        f"kills by REFUTED: {t['refuted']}/{killed} ({_pct(f['refuted_share'])}; target >= "
        f"{_pct(TARGETS['refuted_share'])}: {ok['refuted_share']})",
    ]


def summarize(outcomes: Sequence[Any], source: dict | None, seconds: float, seed: int,
              trials: int, per_step: int | None) -> dict[str, Any]:
    """Every outcome, the per-claim and total counts of
    :func:`hallbound.proofs_checks.mutation.summary.tally` (with the three kill kinds), the
    reasons the undecidable mutants were not decided, and the survivors."""
    rows = [o.to_dict() for o in outcomes]
    summary = tally(rows, source)
    t = summary["total"]
    counts = {k: t[k] for k in ("false", "true", "undecidable", "skipped")}
    return {
        "seed": seed,
        "trials": trials,
        "per_step": per_step,
        "seconds": round(seconds, 1),
        "mutants": t["generated"],
        "independent": counts,
        "checked": t["false"],
        "killed": t["refuted"] + t["demoted"],
        "killed_by_refuted": t["refuted"],
        "killed_by_demotion": t["demoted"],
        "survived": t["survived"],
        "score": summary["fractions"]["killed"],
        "decided_fraction": summary["fractions"]["decided"],
        "refuted_share": summary["fractions"]["refuted_share"],
        "targets": summary["fractions"]["targets"],
        "per_claim": summary["per_claim"],
        "total": t,
        "demotions": demotions(rows),
        "demotion_causes": demotion_causes(rows),
        "side_only_refuted": side_only_share(rows),
        "undecided_reasons": undecided_reasons(rows),
        "undecided_by_step": undecided_by_step(rows),
        "checker_errors": [r for r in rows if r["kill"] in ("error", "timeout")],
        "survivors": [r for r in rows if r["kill"] == "survived"],
        "planted": [r for r in rows if r["planted"]],
        "source_mutation": source,
        "outcomes": rows,
    }


def survivor_table(result: Mapping[str, Any]) -> str:
    """The surviving false mutants: claim, step, mutation, verdict (one line each)."""
    rows = [(s["claim"], s["step"], f"{s['operator']}: {s['mutation']}", s["verdict"])
            for s in result["survivors"]]
    src = result.get("source_mutation")
    if src and src["false"] and not src["killed"]:
        rows.append((src["claim"], "(source)", src["name"], str(src["claim_verdict"])))
    if not rows:
        return "no surviving false mutants"
    w = [min(max(len(r[i]) for r in rows), cap) for i, cap in enumerate((34, 26, 70, 10))]
    lines = [f"{'claim':<{w[0]}}  {'step':<{w[1]}}  {'mutation':<{w[2]}}  verdict"]
    for r in rows:
        cells = [r[i][: w[i]].ljust(w[i]) for i in range(3)]
        lines.append("  ".join(cells) + "  " + r[3])
    return "\n".join(lines)


def score_line(result: Mapping[str, Any]) -> str:
    """``mutation score: killed/false killed (p%)``, killed = by REFUTED + by demotion."""
    k, m = result["killed"], result["checked"]
    pct = 100.0 * k / m if m else float("nan")
    return (f"mutation score: {k}/{m} killed ({pct:.1f}%): {result['killed_by_refuted']} by "
            f"REFUTED, {result['killed_by_demotion']} by demotion, {result['survived']} survived")


def report(result: Mapping[str, Any], reasons: int = 12) -> str:
    """The text report: the per-claim table, the decided fraction and the kill kinds with
    their targets, the demotions by verdict, the most frequent reasons a mutant was not
    decided, and the survivors."""
    out = [table({"per_claim": result["per_claim"], "total": result["total"]}), ""]
    out += score_lines({"total": result["total"], "fractions": {
        "decided": result["decided_fraction"], "killed": result["score"],
        "refuted_share": result["refuted_share"], "targets": result["targets"]}})
    if result.get("side_only_refuted"):
        r, k = result["side_only_refuted"]
        out.append(f"kills by REFUTED without the premise-changed mutants (true conditionals, "
                   f"demoted by design): {r}/{k} ({_pct(r / k if k else None)})")
    if result["demotions"]:
        out.append("demoted to: " + ", ".join(f"{k} {v}" for k, v in
                                              sorted(result["demotions"].items())))
        out.append("demotions by cause:")
        out += [f"  {n:5d}  {why}" for why, n in result["demotion_causes"]]
    if result["undecided_reasons"]:
        out.append("not decided, by reason:")
        out += [f"  {n:5d}  {why}" for why, n in result["undecided_reasons"][:reasons]]
        rest = sum(n for _, n in result["undecided_reasons"][reasons:])
        if rest:
            out.append(f"  {rest:5d}  (other reasons)")
    if result.get("undecided_by_step"):
        out.append("not decided, by step (most first):")
        out += [f"  {n:5d}  {c} / {st}: {why[:160]}"
                for c, st, n, why in result["undecided_by_step"][:reasons]]
    if result["checker_errors"]:
        n = len(result["checker_errors"])
        out.append(f"no verdict: checker errors and CPU-budget timeouts (neither killed nor "
                   f"survived): {n}")
        for e in result["checker_errors"]:
            where = f"{e['claim']} / {e['step']} / {e['mutation'][:60]}"
            out.append(f"  {where}: {e['verdict']} {e['method']}")
    out += ["", "survivors (false by a model, PROVED/CERTIFIED by the checker):",
            survivor_table(result), "",
            score_line(result) + f"; {result['seconds']} s wall, "
            f"{result.get('cpu_seconds', '?')} s CPU (this process)"]
    return "\n".join(out)
