r"""``verify``'s hook for the finite-measure model (:mod:`.measure_models`): the verdict of a
step the engine left UNDECIDED or SUPPORTED about divergences, densities and integrals of
measures.

* a failure in the conventional round (probability measures, :math:`f(1) = 0`), re-checked
  at 80 digits, under both normalisations of ``H^2`` where it occurs, with every assumption
  of the environment read: REFUTED, the measures and the function as witness;
* a failure only in the wider round, only under one normalisation of ``H^2``, or with an
  assumption not read: UNDECIDED, saying why, with the instance;
* no failure: SUPPORTED, naming what was sampled.

PROVED, CERTIFIED and REFUTED verdicts of the engine are kept.
"""

from __future__ import annotations

import itertools
import random
import re
from typing import Any

from hallbound.proofs_checks.latex.models.divergence_terms import Unread
from hallbound.proofs_checks.latex.models.kernel_models import NONCONVEX, show_value
from hallbound.proofs_checks.latex.models.measure_models import (
    CONFIRM_DPS,
    Failure,
    Model,
    _names,
    build,
    conventions,
    describe,
    sampled,
    search,
)

#: Fewest drawn instances meeting the stated relations for a verdict.
MIN_MET = 20
#: CPU seconds the model may spend on one step.
MEASURE_CPU_S = 10.0


def _undecided(check: Any, why: str) -> None:
    check.verdict, check.method = "UNDECIDED", "not decided"
    check.detail = why
    check.witness = check.lhs_value = check.rhs_value = None


def _refute(check: Any, fails: list[Failure], hyp: Any) -> None:
    check.verdict = "REFUTED"
    check.method = f"finite-measure model, re-checked at {CONFIRM_DPS} digits"
    text = "; and ".join(describe(f) for f in fails)
    each = " (under each convention the text may use)" if len(fails) > 1 else ""
    check.detail = f"fails at finite measures{each} that satisfy every stated assumption: {text}"
    first = fails[0]
    check.witness = {name: show_value(v) for name, v in sorted(first.masses.items())}
    check.witness.update({f"{f}(t)": name for f, name in sorted(first.functions.items())})
    check.lhs_value = check.rhs_value = None
    check.satisfies = list(hyp.stated)
    check.notes.append(f"witness: {text}")


def definitions(checker: Any) -> list[tuple[str, set[str], set[str]]]:
    """Each ``% hb: let``: its text, the names of its defined side and the names of its
    body. (A definition written with ``assume`` is a stated item: each model either checks
    it on every instance or keeps out.)"""
    out = []
    for text in getattr(checker, "let_texts", []):
        left, _, right = text.partition("=")
        out.append((text, set(_names(left)), set(_names(right))))
    return out


def definition_clash(checker: Any, step: str, drawn: set[str]) -> str | None:
    """The first definition that the model would not apply: its defined name occurs in the
    step, or it names an object the model draws; None when there is none."""
    names, drawn = set(_names(step)), {d.lstrip("\\") for d in drawn}
    for text, left, right in definitions(checker):
        if left & names or (left | right) & drawn:
            return text
    return None


def _status(c: Any, fails: list[Failure], counts: Any) -> str:
    """How the step fares under the convention ``c``: fails (in the conventional round),
    wider (fails only in the wider round), uncompared (too few instances with both sides
    defined) or holds."""
    if any(f.convention == c and not f.wider for f in fails):
        return "fails"
    if any(f.convention == c for f in fails):
        return "wider"
    return "holds" if counts.compared_by.get(c, 0) >= MIN_MET else "uncompared"


_WIDENING = re.compile(r"measure|kernel|finite|signed|distribution|law")


def _widening(refused: list[str], model: Model) -> str:
    """The first refused item that names an object of the model and says what kind it is
    (a finite measure, a finite kernel, ...): the model may have drawn too narrow a class
    ("" when none)."""
    names = set(model.measures) | set(model.kernels)
    for item in refused:
        said = {t.lstrip("\\") for t in re.findall(r"\\[A-Za-z]+|[A-Za-z]+", item)}
        if said & names and _WIDENING.search(item):
            return item
    return ""


def decide(check: Any, model: Model, fails: list[Failure], counts: Any, hyp: Any,
           refused: list[str]) -> None:
    """Set the verdict of ``check`` from the failures of the search (module doc): REFUTED
    only with a failure under every convention that the stated relations leave; SUPPORTED
    only when the step holds, compared at enough instances, under each of them."""
    live = [c for c in conventions(model) if counts.met_by.get(c, 0) >= MIN_MET]
    status = {c: _status(c, fails, counts) for c in live}
    nats = [c for c in live if c.base == "e"]
    if nats and all(status[c] == "holds" for c in nats) and model.unstated_ll:
        a, b = (f"\\{n}" if len(n) > 1 else n for n in model.unstated_ll[0])
        _undecided(check, f"no failure at the {counts.drawn} finite measures drawn, but the step "
                   f"has the density d{a}/d{b} and {a} \\ll {b} is not stated: every measure "
                   "drawn has full support (so \\ll holds), and a singular part is never seen; "
                   "add `% hb: assume` if the text states it")
        return
    wide = _widening(refused, model)
    if nats and all(status[c] == "holds" for c in nats) and wide:
        _undecided(check, f"no failure at the {counts.drawn} finite measures drawn, but the "
                   f"assumption {wide!r} was not read and may widen the objects beyond those "
                   "drawn (probability measures, the kernels named)")
        return
    if nats and all(status[c] == "holds" for c in nats):
        check.verdict, check.method = "SUPPORTED", "finite-measure model"
        check.detail = sampled(model, counts.drawn, nats) + ": no failure"
        bits = [f for f in fails if f.convention.base != "e"]
        if bits:
            check.detail += ("; KL in nats (natural log): with KL in bits the step fails "
                             "at " + describe(bits[0]))
        check.trials = counts.drawn
        check.witness = check.lhs_value = check.rhs_value = None
        return
    plain = [f for f in fails if not f.wider]
    if plain and all(v == "fails" for v in status.values()):
        if model.free:
            _undecided(check, "the step fails at " + describe(plain[0]) + ", but "
                       + ", ".join(model.free) + " is not declared convex, and the text may "
                       "fix it elsewhere: add `% hb: assume` with what it states")
            return
        if model.guessed:
            _undecided(check, "the step fails at " + describe(plain[0]) + ", but "
                       + ", ".join("\\" + k if len(k) > 1 else k for k in model.guessed)
                       + " is read as a kernel only because it follows \\otimes: the text "
                       "does not state whether it is a kernel or a law (a product measure); "
                       "add `% hb: assume` with what it states")
            return
        if refused:
            _undecided(check, "the step fails at " + describe(plain[0]) + ", but an "
                       "assumption of this environment was not read (" + "; ".join(refused)
                       + ")")
            return
        _refute(check, [next(f for f in plain if f.convention == c) for c in live], hyp)
        return
    if plain:
        why = {"holds": "holds at every instance sampled", "wider": "fails only at a measure "
               "that is not a probability measure or with f(1) != 0", "uncompared": "a side "
               "is undefined (complex or infinite) at nearly every instance"}
        rest = "; ".join(f"{why[v]} under {c.text(model)}" for c, v in status.items()
                         if v != "fails")
        _undecided(check, "the step fails at " + describe(plain[0]) + ", but " + rest
                   + ", and the text does not say which convention it uses")
        return
    nonconvex = [f for f in fails if set(f.functions.values()) & {n for n, _, _ in NONCONVEX}]
    if nonconvex and model.free:
        _undecided(check, "the step holds at every convex generator with f(1) = 0 and "
                   "probability measures drawn, and fails at a function that is not convex: "
                   + describe(nonconvex[0]) + "; " + ", ".join(model.free) + " is not "
                   "declared convex: add `% hb: assume " + model.free[0] + " \\text{ convex}` "
                   "if the text states it")
        return
    if fails:
        _undecided(check, "the step fails only at a measure that is not a probability measure, "
                   "a kernel that is not Markov, or a convex function with f(1) != 0: "
                   + describe(fails[0]) + "; the text does not state it: add `% hb: assume` "
                   "with what the text states")
        return
    _undecided(check, "a side is undefined (complex or infinite) at nearly every instance "
               "under " + " | ".join(c.text(model) for c, v in status.items()
                                      if v == "uncompared") + "; no failure elsewhere")


def apply_measure_model(check: Any, step: Any, checker: Any) -> None:
    """The finite-measure verdict of a step the engine left UNDECIDED or SUPPORTED; nothing
    when the step is not about measures. Runs in a worker with a CPU limit."""
    from hallbound.proofs_checks.latex.worker import run_with_budget

    table = checker.table
    if check.verdict not in ("UNDECIDED", "SUPPORTED") or table is None:
        return
    if check.relation not in ("=", "<=", "<", ">=", ">") or checker.contradictory:
        return
    try:
        model = build(check.lhs, check.relation, check.rhs, table.hyp)
    except Unread as err:
        if check.verdict == "UNDECIDED" and (apply_bounded(check, checker)
                                             or apply_conditional(check, checker)):
            return
        if "measure model" not in " ".join(check.notes):
            check.notes.append(f"finite-measure model not used: {err}")
        return
    if model is None:
        if check.verdict == "UNDECIDED" and not apply_bounded(check, checker):
            apply_conditional(check, checker)
        return
    if isinstance(model, str):
        check.notes.append(f"finite-measure model not used: {model}")
        return
    clash = definition_clash(checker, f"{check.lhs} {check.rhs}",
                             set(model.measures) | set(model.convex))
    if clash is not None:
        check.notes.append(f"finite-measure model not used: the definition {clash!r} is "
                           "not applied by it")
        return
    try:
        status, out, used = run_with_budget(lambda: search(model, checker.seed),
                                            min(checker.limit, MEASURE_CPU_S))
    except Unread as err:
        check.notes.append(f"finite-measure model not used: {err}")
        return
    checker.charged += used
    if status != "ok":
        if status == "error":
            check.notes.append(f"finite-measure model not used: {out}")
        return
    fails, counts = out
    if model.stated and counts.met < MIN_MET:
        check.notes.append(f"finite-measure model: only {counts.met} drawn instances meet the "
                           "stated " + "; ".join(c[3] for c in model.stated)
                           + ", too few to decide")
        return
    if not fails and counts.compared < MIN_MET:
        _uncompared(check, counts)
        return
    check.notes = [n for n in check.notes if not n.startswith("no assumption on ")]
    if not any(n >= MIN_MET for n in counts.met_by.values()):
        check.notes.append("finite-measure model: too few drawn instances meet the stated "
                           "relations under any one convention of the divergences")
        return
    decide(check, model, fails, counts, table.hyp, list(checker.refused))
    if check.verdict == "SUPPORTED" and counts.compared < counts.met:
        check.detail = check.detail.replace(": no failure", f"; compared at {counts.compared} "
                                            f"of {counts.met} (a side undefined, complex or "
                                            "infinite, at the rest): no failure")


def _uncompared(check: Any, counts: Any) -> None:
    """Too few instances with both sides defined: UNDECIDED, saying which side is undefined
    (the engine's own sampling reads the divergences as free numbers and cannot see it)."""
    sides = [s for s, u in zip(("left", "right"), counts.undefined, strict=True)
             if u >= counts.met - counts.compared and u]
    where = " and the ".join(sides) or "a"
    _undecided(check, f"the {where} side is undefined (complex or infinite) at "
               f"{counts.met - counts.compared} of the {counts.met} drawn instances; "
               f"the sides were compared at only {counts.compared}, too few to decide")




def _bounded_model(check: Any, checker: Any) -> tuple[Any, Any, dict, set[str]] | str | None:
    """The read sides, the families of a step about bounded members and those whose mean
    ``\\bar X`` it names, a reason to keep out, or None when the step is not about them."""
    from hallbound.proofs_checks.latex.models.bounded_laws import Reader as BoundedReader
    from hallbound.proofs_checks.latex.models.bounded_laws import families, stated_independent

    hyp = checker.table.hyp
    fams, read = families(hyp)
    if not fams:
        return None
    sides = []
    means: set[str] = set()
    for text in (check.lhs, check.rhs):
        reader = BoundedReader(text, fams)
        sides.append((reader.read(), reader.free))
        means |= reader.means
        for name in reader.bars:
            if not stated_independent(hyp.laws, name):
                return (f"the variance of the mean of {name} depends on the joint law, and "
                        f"{name}_i are not stated independent")
    read |= {law.text for law in hyp.laws if law.kind == "independent"}
    used = set(fams) | {e for f in fams.values() for e in (f.low, f.high) if isinstance(e, str)}
    used |= {"n"} | {i for _, free in sides for i in free}  # n >= 3 stated: not drawn from 1..4
    for item in hyp.stated:
        if item not in read and set(re.findall(r"[A-Za-z]+", item)) & used:
            return f"the stated {item!r} is not taken in by the bounded-family model"
    clash = definition_clash(checker, f"{check.lhs} {check.rhs}", used)
    if clash is not None:
        return f"the definition {clash!r} is not applied by the bounded-family model"
    return sides[0], sides[1], fams, means


def apply_bounded(check: Any, checker: Any) -> bool:
    """The verdict of a step about bounded members (:mod:`.bounded_laws`); False when the
    model does not apply."""
    from hallbound.proofs_checks.latex.models import bounded_laws as bl

    try:
        got = _bounded_model(check, checker)
    except Unread:
        return False
    if got is None:
        return False
    if isinstance(got, str):
        check.notes.append(f"bounded-family model not used: {got}")
        return False
    (lhs, free_l), (rhs, free_r), fams, means = got
    check.notes = [n for n in check.notes if not n.startswith("no assumption on ")]
    free = sorted(free_l | free_r)
    if len(free) > 1:
        return False
    try:
        ns = bl.counts(lhs, rhs)
    except Unread as why:
        check.notes.append(f"bounded-family model not used: {why}")
        return False
    rng = random.Random(checker.seed)
    for _ in range(bl.INSTANCES):
        d = bl.draw(rng, fams, ns)
        for i in range(1, d.n + 1) if free else [0]:
            at = {free[0]: i} if free else {}
            a, b = bl.value(lhs, d, at), bl.value(rhs, d, at)
            if bl.fails(check.relation, a, b):
                _bounded_refute(check, checker, bl.describe(d, fams, a - b), free, i, means)
                return True
    check.verdict, check.method = "SUPPORTED", "bounded-family model, exact"
    check.detail = (f"sampled over {bl.INSTANCES} families (n in "
                    f"{{{', '.join(map(str, ns))}}}; ends a_i in "
                    "{-1, 0, 1/2, 2} and widths {0, 1/2, 1, 3}; each member a fair coin on "
                    "its two ends or random weights on ends, midpoint and a third point; "
                    "members independent), computed exactly"
                    + "".join(f"; \\bar {m} read as the mean (1/n) sum_i {m}_i"
                              for m in sorted(means)) + ": no failure")
    check.trials = bl.INSTANCES
    check.witness = check.lhs_value = check.rhs_value = None
    return True


def _bounded_refute(check: Any, checker: Any, text: str, free: list[str], i: int,
                    means: set[str]) -> None:
    at = f" at {free[0]} = {i}" if free else ""
    if means:
        _undecided(check, f"the step fails{at} at {text}, reading "
                   + ", ".join(f"\\bar {m} as the mean (1/n) sum_i {m}_i" for m in sorted(means))
                   + ", which the text does not define")
        return
    if checker.refused:
        _undecided(check, f"the step fails{at} at {text}, but an assumption of this "
                   "environment was not read (" + "; ".join(checker.refused) + ")")
        return
    check.verdict, check.method = "REFUTED", "bounded-family model, exact"
    check.detail = (f"fails{at} at bounded members that satisfy every stated assumption: "
                    + text)
    check.witness = {"instance": text}
    check.lhs_value = check.rhs_value = None
    check.satisfies = list(checker.table.hyp.stated)


def _family(text: str) -> str | None:
    """The one capital letter of ``text`` written with a subscript (``X_1``), or None."""
    from hallbound.proofs_checks.latex.models.divergence_terms import tokens

    toks = tokens(text)
    names = {t for t, u in zip(toks, toks[1:], strict=False)
             if re.fullmatch(r"[A-Z]", t) and u == "_"}
    return names.pop() if len(names) == 1 else None


def _conditional_model(check: Any, checker: Any) -> tuple[Any, Any, list[str], bool] | None:
    """Both sides read by :mod:`.cond_expectations`, the free indices and whether the
    family is stated independent; None when the model does not apply."""
    from hallbound.proofs_checks.latex.models.cond_expectations import Reader as CondReader

    hyp = checker.table.hyp
    family = _family(f"{check.lhs} {check.rhs}")
    if family is None:
        return None
    readers = [CondReader(text, family) for text in (check.lhs, check.rhs)]
    try:
        sides = [r.read() for r in readers]
    except Unread:
        return None
    if not any(r.expectations for r in readers):
        return None
    # independence of the whole family (X_i, X_1..X_n), not of some members only
    independent = {law.text for law in hyp.laws if law.kind == "independent"
                   and len(law.groups) == 1 and len(law.groups[0]) == 1
                   and re.fullmatch(re.escape(family) + r"_(?:[a-z*])", law.groups[0][0])}
    used = {family, "n"} | {f.lstrip("\\") for r in readers for f in r.functions}
    used |= readers[0].free | readers[1].free  # a stated range of n or i: not drawn freely
    for item in hyp.stated:
        if item not in independent and set(re.findall(r"[A-Za-z]+", item)) & used:
            return None
    if definition_clash(checker, f"{check.lhs} {check.rhs}", used) is not None:
        return None
    free = sorted(readers[0].free | readers[1].free)
    return sides[0], sides[1], free, bool(independent)


def _conditional_search(check: Any, model: Any, seed: int) -> tuple[str | None, int, int]:
    """The first failure (its description, or None), the (law, index) pairs evaluated and
    the laws with at least one of them (an index outside 1..n is skipped, never a pass)."""
    from hallbound.proofs_checks.latex.models import cond_expectations as ce

    lhs, rhs, free, independent = model
    rng = random.Random(seed)
    fns = {t[1] for t in _walk(lhs) + _walk(rhs) if t[0] == "apply"}
    pairs = laws = 0
    for _ in range(ce.INSTANCES):
        law = ce.draw(rng, dict.fromkeys(fns, 0), independent)
        seen = False
        for values in itertools.product(range(1, law.n + 1), repeat=len(free)):
            at = dict(zip(free, values, strict=True))
            try:
                full = {**at, "n": law.n}
                a, b = ce.value(lhs, law, full), ce.value(rhs, law, full)
            except IndexError:
                continue
            pairs, seen = pairs + 1, True
            for w in sorted(law.probs):
                if _fails_exact(check.relation, a[w], b[w]):
                    return ce.describe(law, at, w, a[w] - b[w]), pairs, laws + 1
        laws += seen
    return None, pairs, laws


def _fails_exact(rel: str, a: Any, b: Any) -> bool:
    return {"=": a != b, "<=": a > b, "<": a >= b, ">=": a < b, ">": a <= b}.get(rel, False)


def apply_conditional(check: Any, checker: Any) -> bool:
    """The verdict of a step about (conditional) expectations of a finite family
    (:mod:`.cond_expectations`); False when the model does not apply."""
    from hallbound.proofs_checks.latex.models.cond_expectations import INSTANCES

    model = _conditional_model(check, checker)
    if model is None:
        return False
    try:
        found, pairs, laws = _conditional_search(check, model, checker.seed)
    except (KeyError, ZeroDivisionError, Unread):
        return False
    if found is None and laws < MIN_MET:
        check.notes.append(f"finite-law model of conditional expectations not used: only "
                           f"{laws} of {INSTANCES} drawn laws ({pairs} (law, index) pairs) "
                           "have every index of the step in 1..n, too few to decide")
        return False
    check.notes = [n for n in check.notes if not n.startswith("no assumption on ")]
    if found is None:
        check.verdict, check.method = "SUPPORTED", "finite-law model of conditional expectations"
        skipped = f"; {INSTANCES - laws} drawn laws skipped: an index outside 1..n" \
            if laws < INSTANCES else ""
        check.detail = (f"sampled over {laws} joint laws of X_1..X_n ({pairs} (law, index) "
                        f"pairs evaluated{skipped}) (n in 1..4, values "
                        "in {0, 1, 2}, 2 to 6 outcomes" + (", a product law: independence "
                        "stated" if model[3] else ", any dependence") + "; functions with "
                        "integer values -3..3; every free index in 1..n), exact, almost "
                        "surely at each outcome: no failure")
        check.trials = laws
        check.witness = check.lhs_value = check.rhs_value = None
        return True
    if checker.refused:
        _undecided(check, f"the step fails at {found}, but an assumption of this "
                   "environment was not read (" + "; ".join(checker.refused) + ")")
        return True
    check.verdict, check.method = "REFUTED", "finite-law model of conditional expectations"
    check.detail = "fails at a finite law that satisfies every stated assumption: " + found
    if not model[3]:
        check.notes.append("no assumption on the law of the family or on the functions "
                           "applied: add `% hb: assume` if the text states one")
    check.witness = {"instance": found}
    check.lhs_value = check.rhs_value = None
    check.satisfies = list(checker.table.hyp.stated)
    return True


def _walk(term: Any) -> list[Any]:
    out = [term]
    for part in term[1:] if isinstance(term, tuple) else ():
        if isinstance(part, tuple):
            out += _walk(part)
    return out


__all__ = ["apply_bounded", "apply_conditional", "apply_measure_model", "decide"]
