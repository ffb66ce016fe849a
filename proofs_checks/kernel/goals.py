r"""Which checked steps are exportable to Coq, and the lemma each one states.

A PROVED or CERTIFIED step is exported as the relation the engine decided: its two sides after
the premise substitution (claim definitions, ``given``, structured premises written through
their slack variables :math:`s \ge 0`), for every value of each variable in its domain:

* the claim's and the step's parameters, each with its stated interval (an integer parameter
  is a Coq ``Z`` read as a real through ``IZR``);
* premise slack variables (:math:`s \ge 0`, or :math:`s > 0` for a strict premise);
* symbols no parameter declares, with what their SymPy assumptions say (positive, ...);
* a CERTIFIED step on its certified box as well (closed bounds on every variable);
* a step proved *from* a lemma instance or a premise that is not a substitution: that
  relation as a hypothesis (the kernel then checks the implication; the lemma itself stays
  the trust base's), its expectations, probabilities, norms and finite sums each an opaque
  real variable (:mod:`.opaque`).

Each side condition of the translation (:mod:`.coq_export`: denominators non-zero, arguments
of ``sqrt``/``ln``/``Rpower`` in range) is a proof obligation of its own, so a kernel-checked
step holds as SymPy states it. Anything else gets ``not exportable`` with the reason.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.premises import shared_step_params
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict
from hallbound.proofs_checks.kernel.coq_export import (
    COQ_REL,
    NotExportable,
    coq_name,
    number,
    to_coq,
)
from hallbound.proofs_checks.kernel.opaque import abstracted, abstraction, atom_facts
from hallbound.proofs_checks.kernel.sums import (
    declare_families,
    families,
    free_indices,
    nat_ident,
    per_index,
)

#: The verdicts whose steps are exported.
EXPORTED = (Verdict.PROVED, Verdict.CERTIFIED)
#: Transcendental features (the interval tactic or atom reasoning is needed).
TRANSCENDENTAL = frozenset({"sqrt", "ln", "exp", "rpower", "pi"})


@dataclass
class Goal:
    """One step as a Coq lemma (``reason`` set when it is not exportable).

    ``binders`` are ``(name, "R" | "Z")``; ``hyps`` Coq propositions about them; ``goal`` the
    relation (``lhs`` and ``rhs`` its sides); ``conditions`` the translation's side
    conditions; ``bounded`` the real variables with a lower and an upper bound among
    ``hyps`` (the interval tactic needs them); ``given`` names what a hypothesis beyond the
    domains stands for (a lemma, a premise); ``uses`` the step lemmas a claim's conclusion is
    derived from; ``opaque`` the atoms (``E(...)``, ``Pr(...)``, sums) read as opaque reals
    in a step proved from a relation (:mod:`.opaque`); ``sum_bounds`` the ``nat`` bounds of
    its finite sums (:mod:`.sums`).
    """

    claim: str
    step: str
    name: str
    verdict: str
    method: str
    rel: str = ""
    binders: list[tuple[str, str]] = field(default_factory=list)
    hyps: list[str] = field(default_factory=list)
    goal: str = ""
    lhs: str = ""
    rhs: str = ""
    conditions: list[str] = field(default_factory=list)
    features: set[str] = field(default_factory=set)
    bounded: list[str] = field(default_factory=list)
    atoms: list[str] = field(default_factory=list)
    given: list[str] = field(default_factory=list)
    polynomial: bool = False
    integer: bool = False
    reason: str | None = None
    uses: list[Goal] = field(default_factory=list)
    opaque: list[str] = field(default_factory=list)
    sum_bounds: list[str] = field(default_factory=list)
    fraction: tuple[str, str] | None = None

    @property
    def exportable(self) -> bool:
        """True when the step has a Coq statement."""
        return self.reason is None


def step_goals(claim: Claim, results: list[StepResult]) -> list[Goal]:
    """A :class:`Goal` for each PROVED/CERTIFIED step of a checked claim (``results`` in step
    order, as :func:`~hallbound.proofs_checks.engine.checker.check_claim` gives them)."""
    by_name = {s.name: s for s in claim.steps}
    earlier: dict[str, StepResult] = {}
    taken: set[str] = set()
    out = []
    for res in results:
        step = by_name.get(res.step)
        if step is not None and res.verdict in EXPORTED:
            name = coq_name(f"step_{res.step}", taken)
            taken.add(name)
            out.append(step_goal(claim, step, res, earlier, name))
        earlier[res.step] = res
    return out


def step_goal(
    claim: Claim, step: Step, res: StepResult, earlier: Mapping[str, StepResult], name: str
) -> Goal:
    """The Coq lemma for one checked step (``reason`` says why there is none)."""
    for premises_as_hyps in (True, False):
        goal = Goal(claim.name, step.name, name, res.verdict.value, res.method, rel=step.rel)
        try:
            _fill(goal, claim, step, res, earlier, premises_as_hyps)
        except NotExportable as err:
            goal.reason = err.reason
        except Exception as err:  # noqa: BLE001 - SymPy could not rebuild the step: say so
            goal.reason = f"the step could not be rebuilt ({type(err).__name__}: {err})"[:200]
        if goal.exportable:
            return goal
    return goal


def _premise_form(
    claim: Claim, step: Step, backing: Any
) -> tuple[dict[sp.Basic, sp.Basic], list[tuple[Any, str, Any]]]:
    """The step with its structured premises as hypotheses instead of solved: the
    substitution without the premises' solutions, and each premise relation after it.
    :class:`NotExportable` when a premise is solved for something that is not a variable
    (an expectation, a probability): that step is exported through its solution."""
    from hallbound.proofs_checks.engine.claim import structured
    from hallbound.proofs_checks.engine.premises import relation_of
    from hallbound.proofs_checks.engine.prover import substitute

    fixed = set(claim.definitions) | set(dict(step.given))
    solved = [k for k in backing.subs if k not in fixed]
    if not solved:
        return dict(backing.subs), []
    if not all(isinstance(k, sp.Symbol) for k in solved):
        raise NotExportable("a premise is solved for a quantity that is not a variable")
    subs = {k: v for k, v in backing.subs.items() if k not in solved}
    hyps = []
    for premise in structured(step):
        lhs, op, rhs = relation_of(premise.relation)
        if op == "==":
            op = "="
        if op not in COQ_REL:
            raise NotExportable(f"a premise with the relation {op!r}")
        hyps.append((sp.sympify(substitute(lhs, subs)), op, sp.sympify(substitute(rhs, subs))))
    return subs, hyps


def _fill(
    goal: Goal, claim: Claim, step: Step, res: StepResult, earlier: Mapping[str, StepResult],
    premises_as_hyps: bool = True,
) -> None:
    """Fill ``goal`` from the step. With ``premises_as_hyps`` the step's structured premises
    are hypotheses of the lemma (the kernel checks *premises imply relation* at every point
    of the domain: SymPy's ``solve`` is not trusted); otherwise they are substituted through
    their slack variables as the engine checked them (the kernel then checks the relation on
    the solution set SymPy gave, every denominator of the solution proved non-zero)."""
    from hallbound.proofs_checks.engine.checker import step_params
    from hallbound.proofs_checks.engine.premises import resolve
    from hallbound.proofs_checks.engine.prover import substitute

    if step.evaluate is not None:
        raise NotExportable("a matrix step (evaluated numerically)")
    if step.rel not in COQ_REL:
        raise NotExportable(f"the relation {step.rel!r} is not real arithmetic")
    if not (isinstance(step.lhs, sp.Basic) and isinstance(step.rhs, sp.Basic)):
        raise NotExportable("the sides are text")
    backing = resolve(claim, step, dict(earlier))
    premises: list[tuple[Any, str, Any]] = []
    if premises_as_hyps:
        subs, premises = _premise_form(claim, step, backing)
        lhs, rhs = (sp.sympify(substitute(x, subs)) for x in (step.lhs, step.rhs))
        backing = dataclasses.replace(backing, subs=subs, params=[])
    else:
        _, lhs, rhs = step_params(claim, step, backing)
    if any(getattr(x, "is_Matrix", False) for x in (lhs, rhs)):
        raise NotExportable("a matrix relation")
    sources = _sources(step, res, backing)
    if sources:
        goal.given = [str(res.method).split(":")[0].removeprefix("from ")]
    elif step.law is not None and not str(res.method).startswith(("sympy", "calculus", "log")):
        raise NotExportable("a probability step checked on laws")
    sources = [*premises, *[x for x in sources if x not in premises]]
    table = abstraction([lhs, rhs, *[x for src in sources for x in (src[0], src[2])]],
                        sums=bool(goal.given)) if sources else {}
    if table:  # E(...), Pr(...), sums: opaque reals in an implication (kernel/opaque.py)
        lhs, rhs = abstracted(lhs, table), abstracted(rhs, table)
        sources = [(abstracted(a, table), op, abstracted(b, table)) for a, op, b in sources]
        goal.opaque = [sp.sstr(atom) for atom in table]
    free = set(lhs.free_symbols | rhs.free_symbols)
    for src in sources:
        free |= src[0].free_symbols | src[2].free_symbols
    known = claim.params_by_symbol(step) | {p.symbol: p for p in backing.params}
    exprs = [lhs, rhs, *[x for src in sources for x in (src[0], src[2])]]
    for e in exprs:
        free -= {x.base.label for x in e.atoms(sp.Indexed)}  # mu of mu[i]: not a variable
    bound, fams, uppers = families(exprs)  # finite sums (kernel/sums.py)
    each = [free_indices(src, fams, known) for src in sources]
    free -= bound | {x for x in free if isinstance(x, sp.Indexed) and x.base.label in fams}
    free -= {i for idx in each for i in idx}
    names = _binders(goal, free, known, res, nats=uppers)
    goal.hyps += [h for atom, sym in table.items() for h in atom_facts(atom, names[sym])]
    declare_families(goal, fams, names)
    goal.sum_bounds = sorted(nat_ident(u, names) or "" for u in uppers)
    terms = [to_coq(lhs, names), to_coq(rhs, names)]
    goal.lhs, goal.rhs = terms[0].text, terms[1].text
    goal.goal = f"{goal.lhs} {COQ_REL[step.rel]} {goal.rhs}"
    stated_hyps(goal, claim, names, backing.subs, table)
    for src, idx in zip(sources, each, strict=True):
        terms += _source_hyps(goal, src, names, idx)
    for t in terms:
        goal.conditions += [c for c in t.conditions if c not in goal.conditions]
        goal.features |= t.features
    goal.atoms = _atoms(goal.goal + " " + " ".join(goal.hyps))
    goal.polynomial = not (goal.features & (TRANSCENDENTAL | {"abs", "minmax"}))
    if goal.polynomial and "div" in goal.features and step.rel in ("<=", "<", ">=", ">"):
        goal.fraction = _fraction_hint(lhs, step.rel, rhs, names)
    goal.integer = bool(goal.binders) and all(k == "Z" for _, k in goal.binders)


def stated_hyps(
    goal: Goal, claim: Claim, names: Mapping[sp.Basic, str], subs: Mapping[sp.Basic, sp.Basic],
    table: Mapping[sp.Basic, sp.Symbol] | None = None,
) -> None:
    """Add to ``goal.hyps`` each stated relation of the claim (``Claim.assumptions``, after the
    definitions' substitution ``subs``) over the goal's variables only: the engine checks a
    step under them, so the lemma states them too. A relation over other variables, or one
    that does not translate, is left out (fewer hypotheses: the lemma only gets harder). The
    relation's translation side conditions come first as hypotheses too: where one fails the
    relation is undefined in SymPy, so it does not hold there and the step says nothing.
    ``table``: the goal's opaque atoms (:mod:`.opaque`), replaced in the relations too."""
    from hallbound.proofs_checks.engine.checker import _relation_or_none
    from hallbound.proofs_checks.engine.prover import substitute

    for a in claim.assumptions:
        rel = _relation_or_none(a)
        if rel is None or rel[1] not in COQ_REL:
            continue
        lhs, rhs = (abstracted(sp.sympify(substitute(x, subs)), dict(table or {}))
                    for x in (rel[0], rel[2]))
        if not (lhs.free_symbols | rhs.free_symbols) <= set(names):
            continue
        try:
            a_term, b_term = to_coq(lhs, names), to_coq(rhs, names)
        except NotExportable:
            continue
        text = f"{a_term.text} {COQ_REL[rel[1]]} {b_term.text}"
        for h in [*a_term.conditions, *b_term.conditions, text]:
            if h not in goal.hyps:
                goal.hyps.append(h)


def _source_hyps(goal: Goal, src: tuple[Any, str, Any], names: Mapping[sp.Basic, str],
                 indices: list[sp.Symbol] | None = None) -> list[Any]:
    """Add the relation a step is proved from to ``goal.hyps``, its translation's side
    conditions first: where one fails the relation is undefined in SymPy, so it does not hold
    and the step follows from nothing there. A condition stronger than SymPy's definedness
    (:attr:`.coq_export.Term.stronger`) stays an obligation: the terms returned carry it.
    With ``indices`` (a relation per term of a sum, :func:`.sums.free_indices`) the
    hypothesis is ``forall k : nat, conditions -> relation``."""
    inner, prefix = per_index(names, indices or [])
    a, b = to_coq(src[0], inner), to_coq(src[2], inner)
    if prefix and (a.stronger or b.stronger):
        raise NotExportable("a relation per term whose translation needs a positive base")
    conds = []
    for t in (a, b):
        conds += [c for c in t.conditions if c not in t.stronger and c not in conds]
        t.conditions = list(t.stronger)
    text = f"{a.text} {COQ_REL[src[1]]} {b.text}"
    if prefix:
        text = "(" + prefix + "".join(f"({c}) -> " for c in conds) + text + ")"
        conds = []
    for h in [*conds, text]:
        if h not in goal.hyps:
            goal.hyps.append(h)
    return [a, b]


def _fraction_hint(
    lhs: sp.Expr, rel: str, rhs: sp.Expr, names: Mapping[sp.Basic, str]
) -> tuple[str, str] | None:
    """``(N, D)`` with the inequality's gap (``rhs - lhs`` for ``<=``) equal to ``N / D``,
    both polynomials (a hint for the tactic; Coq proves the equality itself)."""
    gap = rhs - lhs if rel in ("<=", "<") else lhs - rhs
    try:
        num, den = sp.fraction(sp.together(gap))
        num, den = sp.expand(num), sp.expand(den)
        if den.is_number:
            return None
        n, d = to_coq(num, names), to_coq(den, names)
    except (NotExportable, sp.SympifyError, TypeError):
        return None
    if "div" in n.features | d.features:
        return None
    return n.text, d.text


def _sources(step: Step, res: StepResult, backing: Any) -> list[tuple[Any, str, Any]]:
    """The relations a step proved *from* (a lemma instance's conclusion, a premise that is
    not a substitution), after the substitution; empty for a direct proof."""
    from hallbound.proofs_checks.engine.checker import _instance_relation
    from hallbound.proofs_checks.engine.prover import substitute

    method = str(res.method)
    if not method.startswith("from ") or method.startswith("from the stated relation "):
        return []  # a stated relation of the claim is a hypothesis of every lemma (stated_hyps)
    out = []
    for inst in step.lemmas:
        if method.startswith(f"from {inst.lemma.name}:"):
            out.append(_instance_relation(inst, backing))
    if method.startswith("from the premise"):
        for fact in backing.facts:
            lhs, op, rhs = fact
            out.append((sp.sympify(substitute(lhs, backing.subs)), op,
                        sp.sympify(substitute(rhs, backing.subs))))
    if not out:
        raise NotExportable("the relation it was proved from could not be identified")
    for lhs, op, rhs in out:
        if op not in COQ_REL or not all(isinstance(x, sp.Expr) for x in (lhs, rhs)):
            raise NotExportable(f"it follows from a relation that is not real arithmetic "
                                f"({sp.sstr(lhs)} {op} {sp.sstr(rhs)})"[:160])
    return out


def _binders(
    goal: Goal, free: set[sp.Basic], known: Mapping[sp.Basic, Param], res: StepResult,
    nats: set[sp.Basic] = frozenset(),
) -> dict[sp.Basic, str]:
    """Declare each free symbol (binder + hypotheses); its Coq term for the translation.
    A symbol of ``nats`` (a sum's bound) is a Coq ``nat``, read ``INR n``."""
    names: dict[sp.Basic, str] = {}
    taken: set[str] = set()
    box = res.box if res.verdict is Verdict.CERTIFIED and res.box else {}
    for sym in sorted(free, key=sp.default_sort_key):
        if sym in nats:
            _nat_binder(goal, sym, known.get(sym), names, taken)
            continue
        if isinstance(sym, sp.Indexed) and all(isinstance(i, sp.Symbol) for i in sym.indices):
            pass  # mu[i] at a fixed index: a variable (of its own assumptions) like any other
        elif not isinstance(sym, sp.Symbol):
            raise NotExportable(f"{sp.sstr(sym)} is not a real variable")
        p = known.get(sym)
        ident = coq_name(sp.sstr(sym), taken)
        taken.add(ident)
        integer = p.is_integer if p is not None else bool(sym.is_integer)
        if p is not None and p.kind == "spd":
            raise NotExportable(f"{p.name} is a matrix")
        term = f"(IZR {ident})" if integer else ident
        goal.binders.append((ident, "Z" if integer else "R"))
        names[sym] = term
        lo_hi = _domain_hyps(goal, sym, p, term)
        if p is not None and p.name in box:
            lo, hi = box[p.name]
            goal.hyps += [f"{_exact(lo)} <= {term}", f"{term} <= {_exact(hi)}"]
            lo_hi = (True, True)
        if all(lo_hi) and not integer:
            goal.bounded.append(ident)
    return names


def _nat_binder(goal: Goal, sym: sp.Basic, p: Param | None, names: dict[sp.Basic, str],
                taken: set[str]) -> None:
    """A sum's bound as a ``nat`` binder: only an integer parameter whose domain starts at
    0 or above (no value of the step is left out)."""
    from hallbound.proofs_checks.engine.premises import interval_of

    if p is None or not p.is_integer or interval_of(p).start.is_infinite \
            or interval_of(p).start < 0:
        raise NotExportable(f"the sum's bound {sym} is not a parameter in the naturals")
    ident = coq_name(sp.sstr(sym), taken)
    taken.add(ident)
    goal.binders.append((ident, "nat"))
    names[sym] = f"(INR {ident})"
    _domain_hyps(goal, sym, p, names[sym])


def _domain_hyps(goal: Goal, sym: sp.Symbol, p: Param | None, term: str) -> tuple[bool, bool]:
    """The hypotheses of a variable's domain (its parameter's interval, else its SymPy
    assumptions); whether it has a lower and an upper bound."""
    if p is None:
        if sym.is_real is not True:
            raise NotExportable(f"the symbol {sym} is not declared real")
        for key, text in (("positive", f"0 < {term}"), ("negative", f"{term} < 0"),
                          ("nonnegative", f"0 <= {term}"), ("nonpositive", f"{term} <= 0")):
            if getattr(sym, f"is_{key}", None) is True:
                goal.hyps.append(text)
                break
        return (bool(sym.is_nonnegative or sym.is_positive),
                bool(sym.is_nonpositive or sym.is_negative))
    if p.kind != "real" and not p.is_integer:
        raise NotExportable(f"{p.name} has the domain kind {p.kind!r}")
    from hallbound.proofs_checks.engine.premises import interval_of

    iv = interval_of(p)
    has_lo, has_hi = not iv.start.is_infinite, not iv.end.is_infinite
    if has_lo:
        goal.hyps.append(f"{number(iv.start)} {'<' if iv.left_open else '<='} {term}")
    if has_hi:
        goal.hyps.append(f"{term} {'<' if iv.right_open else '<='} {number(iv.end)}")
    return has_lo, has_hi


def _exact(v: float) -> str:
    """A box end (a float the engine certified over) as the exact rational it is."""
    f = Fraction(v)
    return number(sp.Rational(f.numerator, f.denominator))


def _atoms(text: str) -> list[str]:
    """The ``exp``/``sqrt``/``ln``/``Rabs``/``Rpower`` applications in a Coq term (outermost
    first), for the facts a tactic script may pose about them."""
    out = []
    for m in re.finditer(r"\((exp|sqrt|Rabs|ln|Rpower) ", text):
        depth, i = 0, m.start()
        for j in range(i, len(text)):
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            if depth == 0:
                atom = text[i:j + 1]
                if atom not in out:
                    out.append(atom)
                break
    return out


def claim_goals(claim: Claim, result: Any, steps: list[Goal]) -> tuple[list[Goal], str]:
    """The lemmas of a closed claim's conclusion (one per relation), each to be derived from
    the step lemmas by the chain's transitivity; or ``([], reason)`` when the claim is not
    exported as a whole: its chain is open, a step is not exportable, or a step's lemma has
    hypotheses beyond the claim's domain (premise slacks, a box, a lemma's conclusion)."""
    if not claim.conclusion:
        return [], "the claim states no symbolic conclusion"
    if not result.chain_closed:
        return [], "its chain does not close"
    by_step = {g.step: g for g in steps}
    for res in result.steps:
        g = by_step.get(res.step)
        if g is None:
            return [], f"step {res.step} is {res.verdict.value}"
        if not g.exportable:
            return [], f"step {res.step} is not exportable"
    base = Goal(claim.name, "conclusion", "claim", "", "")
    known = {p.symbol: p for p in claim.hypotheses} | shared_step_params(claim)
    free: set[sp.Basic] = set()
    sides = []
    for lhs, op, rhs in claim.conclusion:
        if op not in COQ_REL or not all(isinstance(x, sp.Expr) for x in (lhs, rhs)):
            return [], f"the conclusion {sp.sstr(lhs)} {op} {sp.sstr(rhs)} is not real arithmetic"
        lhs, rhs = (sp.sympify(x).xreplace(dict(claim.definitions)) for x in (lhs, rhs))
        sides.append((lhs, op, rhs))
        free |= lhs.free_symbols | rhs.free_symbols
    for g in steps:
        free |= {p.symbol for p in claim.hypotheses if p.name in {n for n, _ in g.binders}}
    try:
        res0 = StepResult(claim.name, "conclusion", "", Verdict.PROVED, "chain")
        names = _binders(base, free, known, res0)
        stated_hyps(base, claim, names, claim.definitions)
        for g in steps:
            extra = [h for h in g.hyps if h not in base.hyps]
            if not set(g.binders) <= set(base.binders) or extra:
                return [], (f"step {g.step} has variables or hypotheses beyond the claim's "
                            f"domain ({', '.join(extra) or 'its own variables'})")[:200]
        out = []
        for i, (lhs, op, rhs) in enumerate(sides):
            g = Goal(claim.name, "conclusion", f"claim_{i + 1}", "", "chain of the steps",
                     rel=op, binders=list(base.binders), hyps=list(base.hyps),
                     bounded=list(base.bounded))
            a, b = to_coq(lhs, names), to_coq(rhs, names)
            g.lhs, g.rhs, g.goal = a.text, b.text, f"{a.text} {COQ_REL[op]} {b.text}"
            g.conditions = a.conditions + [c for c in b.conditions if c not in a.conditions]
            g.features = a.features | b.features
            g.atoms = _atoms(g.goal)
            g.uses = [s for s in steps]
            out.append(g)
    except NotExportable as err:
        return [], err.reason
    return out, ""
