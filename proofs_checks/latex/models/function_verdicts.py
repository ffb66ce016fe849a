r"""The verdict of the concrete-model search (:mod:`.function_models`) on one step:
:func:`model_check`, the hook of :func:`~hallbound.proofs_checks.latex.verify.verify_tex`.

A failing admissible instance makes the step REFUTED, its witness naming each function
(``f(x) = x^2``) and each variable, unless one of the rules below keeps it UNDECIDED (the
instance kept in the detail):

* an assumption of the environment was not read (``checker.refused``);
* a function of the step about which nothing is stated (the text may define it in words);
* a variable the step uses outside every function argument with nothing assumed on it;
* a variable the chain's first step introduces (:func:`_introduced`).

A failing instance whose quantified assumption could be checked only on a grid (its gap is
no polynomial, or of two variables) is no counterexample: UNDECIDED, saying so (and no
SUPPORTED). A step that names a measure-valued quantity (:func:`measure_valued`:
``\nu[f(..)]``, ``d\mu/d\nu``, ``\mu(A)``) gets no model at all.

No failure over :data:`.function_models.MIN_INSTANCES` admissible instances or more:
SUPPORTED, saying what was sampled. A REFUTED witness of the engine that puts a variable
outside its stated finite set becomes UNDECIDED (:func:`_outside_sets`).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.function_facts import FiniteSet
from hallbound.proofs_checks.latex.models.function_models import (
    _PALETTE,
    MIN_INSTANCES,
    Model,
    _anchors,
    _Instance,
    _number,
    _relation_holds,
    admissible,
    model_for,
)
from hallbound.proofs_checks.latex.models.function_search import Outcome, search


def _witness(inst: _Instance, table: Any) -> dict[str, Any]:
    """The instance as a witness: each function (``f(x)`` -> ``x^2``), then each variable."""
    out: dict[str, Any] = {f"{h}(x)": inst.funcs[h].text() for h in inst.model.heads}
    for v in inst.model.variables:
        out[table.params[v].name] = _number(inst.values[v])
    return out


def _classes(model: Model) -> str:
    """``f: convex; q_k: f + s, s >= 0`` (what each function was drawn from)."""
    parts = []
    for h in model.heads:
        if h in model.dominated:
            lower, strict = model.dominated[h]
            parts.append(f"{h} = {lower} + s with s {'>' if strict else '>='} 0")
        elif model.props[h] or h in model.ranges:
            what = sorted(model.props[h])
            if h in model.ranges:
                what.append("values in {" + ", ".join(map(str, sorted(model.ranges[h]))) + "}")
            parts.append(f"{h}: {' and '.join(what)}")
        else:
            parts.append(f"{h}: any function (no class stated)")
    parts += [f"{v} the exact minimiser (maximiser) its assumption states"
              for v in model.minimisers]
    return "; ".join(parts)


def _introduced(inst: _Instance, check_sides: tuple[Any, Any], first: bool, checker: Any
                ) -> str | None:
    """The variable a failing step introduces (nothing assumed on it, on one side only: the
    rule of :func:`.verdict_rules.withdraw_lone_quantity`) when some value of it makes the
    step hold on the same instance; None when there is none."""
    from hallbound.proofs_checks.latex.verdict_rules import _unassumed, _unread_quantities

    table, model = checker.table, inst.model
    lhs, rhs = check_sides
    linked = {v for a, _, b, _ in model.points for v in (a.free_symbols | b.free_symbols)}
    def deps(e: Any) -> set:
        out = set(e.free_symbols)
        for a in e.free_symbols & set(model.atoms):
            out |= model.atoms[a][1].free_symbols
        return out

    for s in _unread_quantities(lhs, rhs, first, table, checker.relations):
        names = model.atoms[s][1].free_symbols if s in model.atoms else {s}
        both = deps(lhs) & deps(rhs)  # a variable on both sides is no new name
        for v in sorted((names & set(model.variables)) - both, key=str):
            if not _unassumed(v, table) or v in linked or v in model.minimisers:
                continue
            saved = inst.values[v]
            tries = set(_PALETTE) | set(_anchors(inst))
            for x in sorted(tries):
                inst.set(v, x)
                try:
                    holds = _relation_holds(inst.fval(model.lhs - model.rhs), model.rel, 1e-9)
                except (TypeError, ValueError, OverflowError, ZeroDivisionError):
                    holds = False
                if holds and admissible(inst, exact=False) is not None:
                    inst.set(v, saved)
                    return table.latex.get(v, str(v))
            inst.set(v, saved)
    return None


def model_check(check: Any, step: Any, checker: Any, first: bool) -> None:
    """The hook of :func:`~hallbound.proofs_checks.latex.verify.verify_tex`: an UNDECIDED
    step about function values is checked on concrete instances (module doc). A REFUTED
    step whose witness puts a variable outside its stated finite set becomes UNDECIDED."""
    _outside_sets(check, checker)
    _outside_quantified(check, checker)
    _unapplied_classes(check, checker)
    if check.verdict != "UNDECIDED" or step is None or checker.table is None:
        return
    if measure_valued(f"{check.lhs} {check.rhs}", checker):
        return  # \nu[f(..)], d\mu/d\nu, \mu(A): read as products, no model of them
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    try:
        model = model_for(lhs, step.rel, rhs, checker)
        out = search(model, checker.seed) if model is not None else None
    except Exception:  # noqa: BLE001 - an expression the search cannot evaluate: no verdict
        return
    if model is None or out is None:
        return
    if out.unconfirmed is not None and out.refuted is None:
        pts = ", ".join(f"{k}={v}" for k, v in _witness(out.unconfirmed, checker.table).items())
        check.detail = (f"the step fails at the concrete instance {pts}, but the quantified "
                        f"assumption {'; '.join(out.grid_only)} was checked there only on a "
                        "grid and at the chain's points, not everywhere: no counterexample")
        return
    if out.refuted is None:
        if out.instances >= MIN_INSTANCES:
            check.verdict = "SUPPORTED"
            check.method = "concrete functions"
            grid = (" (a quantified one checked in floats on a grid of points, the chain's "
                    "rational points among them)" if model.quantified else "")
            check.detail = (f"sampled over {out.instances} concrete instances ({_classes(model)}),"
                            f" each meeting every stated assumption{grid}: no counterexample")
            check.trials = out.instances
            check.notes = [n for n in check.notes if not n.startswith("no assumption on")]
        elif out.drawn > out.instances:
            check.detail = (f"only {out.instances} of {out.drawn} concrete instances drawn gave "
                            "the step a finite real value on both sides (SUPPORTED needs "
                            f"{MIN_INSTANCES}): no verdict")
        return
    _refuted(check, out, model, (lhs, rhs), first, checker)


#: ``\frac{d\mu}{d\nu}`` / ``d\mu/d\nu`` (a density).
_DENSITY = re.compile(r"\\frac\s*\{\s*(?:\\mathrm\{d\}|\\operatorname\{d\}|d)\s*\\?[A-Za-z]+"
                      r"[^{}]*\}\s*\{\s*(?:\\mathrm\{d\}|\\operatorname\{d\}|d)\s*\\?[A-Za-z]"
                      r"|(?<![A-Za-z\\])d\s*\\?[A-Za-z]+\s*/\s*d\s*\\?[A-Za-z]")
#: Letters that name measures (``\nu[f]``, ``\mu(A)``, ``P(E)``).
MEASURE_LETTERS = frozenset("mu nu rho pi kappa lambda eta gamma P Q R".split())
#: A letter or a Greek letter applied to a bracket (``\nu[f]``, ``\nu\left[..\right]``).
_BRACKET = re.compile(r"(?<![A-Za-z\\])(?:[A-Za-z]|\\(?:" + "|".join(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta kappa lambda mu nu xi pi rho "
    "sigma tau phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega"
    .split()) + r")(?![A-Za-z]))(?:_\{?[A-Za-z0-9]+\}?)?\s*"
    r"(?:\\(?:left|bigl|Bigl|biggl|Biggl|big|Big)\s*)?\[")


def measure_valued(text: str, checker: Any) -> bool:
    """Whether the step's text holds a measure-valued quantity the model does not have: a
    density ``d\\mu/d\\nu``, a letter applied to a bracket (``\\nu[f(x)]``: a measure
    integrating a function), or a measure letter (:data:`MEASURE_LETTERS`, a declared
    measure) applied to ``(..)`` that the environment does not read as a function
    (``\\mu(\\mathcal X)``, read as the product ``\\mu \\cdot X``). It does not depend on
    which assumptions were read (``\\mu \\ll \\nu``)."""
    from hallbound.proofs_checks.latex.hypotheses import measure_names
    from hallbound.proofs_checks.latex.models.function_facts import applied_names

    if _DENSITY.search(text) or _BRACKET.search(text):
        return True
    if applied_names(text) & measure_names(checker.hyp):
        return True  # a stated measure applied: mu(A), a measure's value, never a function
    heads = {a.head for a in checker.table.atoms.values() if a.kind == "func"}
    measures = MEASURE_LETTERS | set(checker.hyp.kinds)
    return bool((applied_names(text) & measures) - heads - set(checker.hyp.functions))


def _refuted(check: Any, out: Outcome, model: Model, sides: tuple[Any, Any], first: bool,
             checker: Any) -> None:
    inst = out.refuted
    assert inst is not None
    wit = _witness(inst, checker.table)
    pts = ", ".join(f"{k}={v}" for k, v in wit.items())
    if checker.refused:
        check.detail = (f"the step fails at the concrete instance {pts}, but an assumption of "
                        "this environment was not read (" + "; ".join(checker.refused)
                        + "), so the instance may break it")
        return
    unstated = _unstated_heads(model)
    if unstated:
        who = ", ".join(unstated)
        check.detail = (f"the step fails at the concrete instance {pts}, but nothing is stated "
                        f"about {who} (the text may define it in words): add `% hb: assume` "
                        f"with what the text states about {who} to check it")
        return
    loose = _unassumed_outside(model, checker)
    if loose:
        who = ", ".join(checker.table.latex.get(v, str(v)) for v in loose)
        check.detail = (f"the step fails at the concrete instance {pts}, but nothing is assumed "
                        f"on {who}, which the step uses outside a function's argument (a "
                        f"quantity the text may define, or a reading of the notation as a "
                        f"product): add `% hb: assume` with what the text states about {who}")
        return
    name = _introduced(inst, sides, first, checker)
    if name is not None:
        check.detail = (f"{name} occurs on one side only and nothing is assumed on it: the "
                        f"step states what the text knows about {name}. It fails at the "
                        f"concrete instance {pts}, where {name} is picked freely; add `% hb: "
                        f"assume` with what the text states about {name} to check it")
        return
    check.verdict = "REFUTED"
    check.method = "concrete functions"
    check.witness = wit
    check.lhs_value = _number(inst.exact(model.lhs))
    check.rhs_value = _number(inst.exact(model.rhs))
    check.satisfies = out.satisfies
    check.notes = [n for n in check.notes if not n.startswith("no assumption on")]
    exact = [v for v in model.minimisers if not isinstance(inst.values[v], Fraction)]
    quant = ("; each quantified assumption by the exact sign analysis of a polynomial, its "
             "values compared at 50 digits" if model.quantified else "")
    check.detail = (f"fails at a concrete instance ({_classes(model)}: each class property "
                    "holds by construction; the failure, each variable's set and domain and "
                    f"each stated relation at a point re-checked at 50 digits{quant})"
                    + "".join(f"; {checker.table.params[v].name} is the exact minimiser "
                              f"{sp.sstr(inst.values[v])}" for v in exact))


def _unassumed_outside(model: Model, checker: Any) -> list[sp.Symbol]:
    """The variables the step uses outside every function argument about which nothing is
    assumed (no domain, box, finite set, stated relation or minimiser fact)."""
    from hallbound.proofs_checks.latex.verdict_rules import _unassumed

    linked: set = set(model.sets) | set(model.minimisers) | set(model.boxes)
    for a, _, b, _ in model.points:
        for x in a.free_symbols | b.free_symbols:
            linked |= model.atoms[x][1].free_symbols if x in model.atoms else {x}
    outside = (model.lhs - model.rhs).free_symbols - set(model.atoms)
    return sorted((v for v in outside if v not in linked and _unassumed(v, checker.table)),
                  key=str)


def _unstated_heads(model: Model) -> list[str]:
    """The functions of the step about which no assumption states anything (no class, no
    range, no relation or quantified relation naming a value of it): a counterexample that
    picks them freely may contradict a definition the text gives in words."""
    stated = {h for h in model.heads if model.props[h] or h in model.ranges}
    stated |= set(model.dominated) | {lower for lower, _ in model.dominated.values()}
    for a, _, b, _ in model.points:
        stated |= {model.atoms[x][0] for x in (a.free_symbols | b.free_symbols)
                   if x in model.atoms}
    for q in model.quantified:
        stated |= {model.atoms[x][0] for x in (q.lhs.free_symbols | q.rhs.free_symbols)
                   if x in model.atoms}
    step = (model.lhs - model.rhs).free_symbols
    return sorted({model.atoms[x][0] for x in step if x in model.atoms} - stated)


def _unapplied_classes(check: Any, checker: Any) -> None:
    """A class stated of a name the environment never applies to an argument (``a_n
    \\text{ increasing}`` of a sequence, ``A \\text{ positive}`` of a number) is not read as
    what it says of that name: no step of the environment is REFUTED (as for any assumption
    that is not read)."""
    if check.verdict != "REFUTED" or checker.table is None:
        return
    from hallbound.proofs_checks.latex.models.function_facts import FunctionClass
    from hallbound.proofs_checks.latex.verdict_rules import _withdraw_witness

    heads = {a.head for a in checker.table.atoms.values() if a.kind == "func"}
    for f in checker.hyp.facts:
        if isinstance(f, FunctionClass) and set(f.names) - heads:
            _withdraw_witness(check, f"the assumption {f.text!r} names no function applied "
                              "here (a sequence or a number?), so it is not read and the "
                              "point may break it")
            return


def _outside_quantified(check: Any, checker: Any) -> None:
    """A REFUTED witness of the engine (which does not read quantified assumptions) that sets
    a variable a quantified assumption names (``|L(h)| \\le \\varepsilon \\ \\forall h``
    bounds ``\\varepsilon``) may break it: UNDECIDED, naming the assumption."""
    if check.verdict != "REFUTED" or not check.witness or check.method == "concrete functions":
        return
    from hallbound.proofs_checks.latex.models.function_facts import ForAll
    from hallbound.proofs_checks.latex.models.function_models import _parse_quantified
    from hallbound.proofs_checks.latex.verdict_rules import _withdraw_witness

    facts = [f for f in checker.hyp.facts if isinstance(f, ForAll)]
    if not facts or checker.table is None:
        return
    table = checker.table
    atoms: dict = {}
    parsed = _parse_quantified(checker.hyp, table, atoms)
    for i, f in enumerate(facts):
        if parsed is None:
            hit = True  # cannot tell which variables it names: it may name the point's
        else:
            q = parsed[i]
            free = (q.lhs.free_symbols | q.rhs.free_symbols) - set(q.bound) - set(atoms)
            if q.point is not None:
                free.add(q.point)
            hit = any(table.params[v].name in check.witness for v in free if v in table.params)
        if hit:
            _withdraw_witness(check, f"the quantified assumption {f.text!r} is not checked at "
                              "the point, which may break it")
            return


def _outside_sets(check: Any, checker: Any) -> None:
    """A REFUTED witness with a variable outside its stated finite set (``y \\in \\{-1,
    1\\}`` is read as the interval ``[-1, 1]`` by the engine) is no counterexample."""
    if check.verdict != "REFUTED" or not check.witness or checker.hyp is None:
        return
    from hallbound.proofs_checks.latex.models.function_facts import parser_name
    from hallbound.proofs_checks.latex.verdict_rules import _withdraw_witness

    table = checker.table
    for f in checker.hyp.facts:
        if not isinstance(f, FiniteSet) or f.function is not None:
            continue
        sym = table.symbols.get(parser_name(f.subject)) if table is not None else None
        name = table.params[sym].name if sym is not None and sym in table.params else None
        v = check.witness.get(name) if name else None
        if isinstance(v, int | float) and not any(float(x) == v for x in f.values):
            _withdraw_witness(check, f"it puts {name} = {v} outside the stated set "
                              f"{{{', '.join(map(str, f.values))}}}")
            return


__all__ = ["measure_valued", "model_check"]
