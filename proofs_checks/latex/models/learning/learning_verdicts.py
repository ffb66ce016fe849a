r"""The finite learning model's verdict on a step (:func:`apply_learning_model`).

A step of expectations over a sample, a ghost sample and Rademacher signs, suprema over a
function class, empirical averages and population means (:mod:`.learning_terms`) is
evaluated exactly on random finite instances (:mod:`.learning_models`), the sample size
written out. The verdict:

* SUPPORTED when no instance breaks it, saying what was sampled;
* REFUTED when a class with values in ``{0, 1}`` (so in ``[0, 1]`` and in ``[-1, 1]``, the
  ranges texts state) breaks it at some outcome of the groups left free, every assumption
  of the environment was read and none is stated on the class, the sample, the signs or the
  count; the witness (law, class, outcome, both sides' exact values) is in the detail;
* UNDECIDED (a note) when only a class with values outside ``{0, 1}`` breaks it: the text
  may restrict the values in words.

The model stays out when a role is not read: the signs ``\sigma_i`` must be named in the
subscript of some expectation of the step and never left free, one class only, one sample
size (``n`` or ``m``), a sum without limits only beside that count, no point other than the
sample, the ghost sample and a fresh ``z``.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.learning.learning_labels import (
    label_facts,
    search_labelled,
)
from hallbound.proofs_checks.latex.models.learning.learning_models import (
    COMPLEXITIES,
    FAMILIES,
    Failure,
    all_groups,
    free_groups,
    search,
)
from hallbound.proofs_checks.latex.models.learning.learning_points import fixed_point_terms
from hallbound.proofs_checks.latex.models.learning.learning_stated import stated_on_model
from hallbound.proofs_checks.latex.models.learning.learning_terms import (
    COMPLEXITY_HEADS,
    LearnOut,
    Node,
    read_side,
)

#: CPU seconds one step's search may take.
LEARN_CPU_S = 20.0
_GROUP_NAMES = {"z": "the sample z_1..z_n", "zp": "the ghost sample z'_1..z'_n",
                "sigma": "the signs sigma_1..sigma_n", "x": "a fresh point z",
                "x0": "every point of the domain as the fixed point z_0"}


def read_step(lhs: Any, rhs: Any) -> tuple[Node, Node, dict] | str:
    """Both sides read as trees with the roles they use, or why the model stays out."""
    scope: dict = {}
    try:
        left = read_side(sp.sstr(lhs), scope)
        right = read_side(sp.sstr(rhs), scope)
    except LearnOut as err:
        return str(err)
    used = all_groups(left) | all_groups(right)
    if not used:
        return "no random sample or sign"
    if "signs" in scope["flags"] and "sigma" not in scope["subscripts"]:
        return "sigma_i is not named in the subscript of an expectation (its role is not read)"
    if "sigma" in free_groups(left) | free_groups(right):
        return "the signs sigma_i are left outside every expectation"
    if len(({c for _, c in scope["classes"]} | scope["complexities"]) - {""}) > 1:
        return "two function classes"
    if len(scope["counts"]) > 1:
        return "two sample sizes"
    scope["used"] = used
    return left, right, scope


#: What a SUPPORTED of this model is worth (small counts and classes only).
_WEAK = ("; weak evidence: only these small counts{} were tried, a failure at a larger n or "
         "class is not excluded")


def _sampled(counts: tuple[int, ...], checked: int, used: set[str],
             families: tuple | None = None) -> str:
    if used <= {"sigma"}:
        return (f"n = {counts[0]}..{counts[-1]} written out, exact enumeration of the signs "
                "sigma_1..sigma_n (uniform on {-1, +1}, independent)")
    fams = ", ".join(name for name, _ in (families or FAMILIES))
    groups = ", ".join(_GROUP_NAMES[g] for g in sorted(used))
    return (f"sampled {checked} finite classes of 1-3 functions (values in {fams}) on 1-3 "
            f"points with random laws, n = {counts[0]}..{counts[-1]} written out, exact "
            f"enumeration of {groups}")


def _witness(fail: Failure, signs_only: bool = False) -> str:
    """The failing instance, the free outcome and both sides; only ``n`` when the step is
    in the signs alone (its class and law play no role)."""
    free = "; ".join(f"{g} = {v}" for g, v in sorted(fail.free.items()))
    at = f" at {free}" if free else ""
    inst = f"n = {fail.inst.n}" if signs_only else fail.inst.describe()
    return f"{inst}{at}: lhs = {_show(fail.lhs)}, rhs = {_show(fail.rhs)}"


def _show(v: Any) -> str:
    return str(v) if not hasattr(v, "ae") else sp.Float(str(v), 30).__str__()


def _learning_atom(atom: Any) -> bool:
    """An expectation, a supremum or a Rademacher complexity ``R_n(\\mathcal F)``: the
    atoms this model may read."""
    return atom is not None and (atom.kind == "E" or atom.head == "sup" or (
        atom.kind == "func" and atom.head.split("_")[0] in COMPLEXITY_HEADS))


def apply_learning_model(check: Any, step: Any, checker: Any) -> None:
    """The finite learning model's verdict (module doc); nothing when it stays out. Runs
    the search in a worker with a CPU limit."""
    from hallbound.proofs_checks.latex.worker import run_with_budget

    table = checker.table
    if check.verdict not in ("UNDECIDED", "SUPPORTED") or table is None or checker.contradictory:
        return
    if step.rel not in ("=", "<=", "<", ">=", ">"):
        return
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    if not any(_learning_atom(table.atoms.get(s)) for s in (lhs - rhs).free_symbols):
        return
    read = read_step(lhs, rhs)
    if isinstance(read, str):
        check.notes.append(f"finite learning model not used: {read}")
        return
    left, right, scope = read
    met: frozenset[str] = frozenset()
    if "labelled" in scope["flags"]:
        labels = label_facts(table.hyp.facts, {f for f, _ in scope["classes"]})
        if labels is None:
            check.notes.append("finite learning model not used: a labelled sample without "
                               "the stated ranges y, h(x) \\in \\{-1, 1\\}")
            return
        met = frozenset(labels)
    defs, families = checker.defs, None
    if "x0" in scope["used"]:  # a fixed point z_0 (learning_points)
        point = fixed_point_terms(scope, table, defs)
        if isinstance(point, str):
            check.notes.append(f"finite learning model not used: {point}")
            return
        point_met, defs, families = point
    else:
        point_met = frozenset()
    why = stated_on_model(scope, table, list(checker.relations), defs,
                          list(checker.refused), met | point_met)
    if why is not None:
        check.notes.append(f"finite learning model not used: {why}")
        return
    if met:
        _labelled(check, left, step.rel, right, checker)
        if check.verdict == "SUPPORTED" and scope["complexities"]:
            check.detail += f" (R_n(F) read as {COMPLEXITIES[0][0]})"
        return
    signs_only = scope["used"] <= {"sigma"}  # one instance per count: no class, no law
    counts = (1, 2, 3, 4) if signs_only else (1, 2, 3)
    per_family = 1 if signs_only else 12
    readings = len(COMPLEXITIES) if scope["complexities"] else 1
    status, out, used = run_with_budget(
        lambda: _search_all(left, step.rel, right, counts, checker.seed, per_family,
                            1 if signs_only else families, readings),
        min(checker.limit, LEARN_CPU_S))
    checker.charged += used
    if status != "ok":
        return
    fail, checked, others = out
    _verdict(check, fail, checked, counts, scope, list(checker.refused), families)
    if scope["complexities"]:
        _complexity_verdict(check, fail, others)


def _labelled(check: Any, left: Node, rel: str, right: Node, checker: Any) -> None:
    """The verdict on a step of a labelled sample (:mod:`.learning_labels`): SUPPORTED when
    no labelled instance breaks it; a failure is a note (no refutation: this reading of the
    pairs is checked on small instances only)."""
    from hallbound.proofs_checks.latex.worker import run_with_budget

    counts = (1, 2, 3)
    status, out, used = run_with_budget(
        lambda: search_labelled(left, rel, right, counts, checker.seed),
        min(checker.limit, LEARN_CPU_S))
    checker.charged += used
    if status != "ok":
        return
    fail, checked = out
    if fail is not None:
        check.notes.append(f"the finite learning model breaks the step at {_witness(fail)} "
                           "(a labelled sample): no refutation")
        return
    check.verdict, check.method = "SUPPORTED", "finite learning model"
    check.detail = (f"sampled {checked} labelled instances (1-2 inputs, one input only at "
                    "n > 3, every (input, label) "
                    "pair with a random weight, labels and class values in {-1, 1} as "
                    f"stated; classes of 1-3 functions), n = {counts[0]}..{counts[-1]} "
                    "written out, exact enumeration of the sample and the signs sigma_1.."
                    "sigma_n (uniform on {-1, +1}, independent): no failure"
                    + _WEAK.format(" (and classes of at most 3 functions on at most 2 "
                                   "inputs)"))
    check.trials = checked
    check.witness = check.lhs_value = check.rhs_value = None
    check.notes = [n for n in check.notes if not n.startswith("no assumption on ")]


def _search_all(left: Node, rel: str, right: Node, counts: tuple[int, ...], seed: int,
                per_family: int, families: tuple | None, defs: int) -> tuple:
    """The search under the modern reading of ``R_n`` (the only one when the step has no
    ``R_n``), and, when it fails there with a class of values in ``{0, 1}``, under each other
    reading (:data:`.learning_models.COMPLEXITIES`)."""
    fail, checked = search(left, rel, right, counts, seed, per_family, families)
    others = []
    if fail is not None and fail.inst.family == FAMILIES[0][0] and fail.on_average:
        for d in range(1, defs):
            other, more = search(left, rel, right, counts, seed, per_family, 1, d)
            checked += more
            others.append(other)
    return fail, checked, others


def _complexity_verdict(check: Any, fail: Failure | None, others: list) -> None:
    """A verdict about a step with ``R_n(F)``: SUPPORTED says the reading; REFUTED stands
    only when the step fails under every reading of ``R_n`` texts use."""
    reading = f"R_n(F) read as {COMPLEXITIES[0][0]}"
    if check.verdict == "SUPPORTED":
        check.detail += f" ({reading})"
        return
    if check.verdict != "REFUTED":
        return
    if any(o is None or o.inst.family != FAMILIES[0][0] or not o.on_average for o in others):
        check.verdict, check.method = "UNDECIDED", "not decided"
        check.detail = (f"with {reading} the step fails ({check.detail}), but not under every "
                        "definition of R_n texts use (" + "; ".join(
                            d for d, _ in COMPLEXITIES[1:]) + ")")
        check.witness = None
        return
    check.detail += " (" + reading + "); it fails under every other reading too: " + "; ".join(
        f"with {d}: {_witness(o)}" for (d, _), o in zip(COMPLEXITIES[1:], others, strict=True))


def _verdict(check: Any, fail: Failure | None, checked: int, counts: tuple[int, ...],
             scope: dict, refused: list[str], families: tuple | None = None) -> None:
    sampled = _sampled(counts, checked, scope["used"], families)
    signs = ("; sigma_i read as Rademacher signs (uniform on {-1, +1}, independent), as "
             "nothing else is stated on them" if "sigma" in scope["used"] else "")
    check.notes = [n for n in check.notes if not n.startswith("no assumption on ")]
    if fail is None:
        check.verdict, check.method = "SUPPORTED", "finite learning model"
        weak = _WEAK.format(" (and classes of at most 3 functions on at most 3 points)"
                            if scope["used"] - {"sigma"} else "")
        check.detail = sampled + ": no failure" + signs + weak
        check.trials = checked
        check.witness = check.lhs_value = check.rhs_value = None
        return
    where = _witness(fail, scope["used"] <= {"sigma"})
    fixed = "x0" in scope["used"]
    if fail.inst.family != FAMILIES[0][0] or refused or not fail.on_average or fixed:
        why = (f"the class takes values in {fail.inst.family}, and the text may restrict "
               "them" if not refused else "an assumption of this environment was not read ("
               + "; ".join(refused) + ")")
        if not fail.on_average and not refused:
            why = ("it holds on average over the free sample, and the text may mean it in "
                   "expectation or with high probability")
        if fixed and not refused:
            why = "the text may fix z_0 (and the class there) with properties not stated here"
        check.verdict, check.method = "UNDECIDED", "not decided"
        check.detail = f"the finite learning model breaks the step at {where}{signs}, but {why}"
        check.witness = None
        return
    check.verdict, check.method = "REFUTED", "finite learning model, exact"
    check.detail = (f"fails at a finite instance (class values in {{0, 1}}, so in [0, 1] "
                    f"and [-1, 1]; every group enumerated exactly): {where}{signs}")
    if scope["used"] <= {"sigma"}:
        check.detail = ("fails at a count written out (every sign pattern enumerated): "
                        f"{where}{signs}")
    check.witness = {"instance": where}
    check.lhs_value, check.rhs_value = float(fail.lhs), float(fail.rhs)
    check.satisfies = ["class values in {0, 1}", "sigma_i uniform on {-1, +1}, independent",
                       "samples i.i.d. from the stated finite law"]


__all__ = ["LEARN_CPU_S", "apply_learning_model", "read_step"]
