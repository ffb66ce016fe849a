r"""What backs a step's premises, decided by computations.

A premise is backed when

* it is a claim definition (``Claim.definitions``: name := expression);
* it is a reparametrisation :math:`x = g(t)` of a hypothesis :math:`x \in D_x` whose range
  :math:`g(D_t)` covers :math:`D_x` (SymPy's ``function_range``), so that a statement for every
  :math:`t` is a statement for every :math:`x`;
* it follows from a stated relation of the claim (``Claim.assumptions``), from an earlier step
  cited by name (whose verdict then caps this one), or from a lemma instance whose hypotheses
  are proved as sub-steps: :func:`implies` shows it by substituting the source relation
  (through a slack variable) into the premise and proving the result.

Anything else is unbacked: a step that needs it is at most ASSUMED, and the report names it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import (  # noqa: F401 - relation_of re-exported
    Claim,
    Param,
    Premise,
    Step,
    relation_of,
    structured,
    texts,
)
from hallbound.proofs_checks.engine.premise_solutions import (  # noqa: F401 - re-exported
    chooses_a_branch,
    interval_of,
    misses_points,
)
from hallbound.proofs_checks.engine.prover import prove_relation
from hallbound.proofs_checks.engine.stated_relations import (  # noqa: F401 - re-exported
    _FLIP,
    _canonical,
    _declared_independent,
    _false_by_form,
    _is_relation,
    _same_relation,
    flip,
    stated,
    stated_hypothesis,
)
from hallbound.proofs_checks.engine.stated_signs import (  # noqa: F401 - re-exported
    listed,
    signed_atoms,
    stated_nonzero,
    stated_signs,
)
from hallbound.proofs_checks.engine.time_limits import limited
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict

Relation = tuple[Any, str, Any]
#: ``Premise(..., solve_for=AS_FACT)``: not a substitution; the step must follow from the
#: premise as a whole (:func:`implies`), e.g. through logarithms. Solving a transcendental
#: premise for a parameter (``N`` through ``LambertW``) would cover one branch only.
AS_FACT = sp.Symbol("(kept as a fact)")


@dataclass
class Backing:
    """The substitution a step is checked under, and what backs it.

    ``facts`` are premises that could not be written as a substitution: the step must
    follow from one of them (:func:`implies`). ``cap`` is the strongest verdict the step may
    reach (cited steps cap it); ``assumed`` names the unbacked premises; ``lemmas`` the lemma
    instances used; ``cites`` the earlier steps used; ``stated`` the lemma hypotheses backed
    only because the claim states them (premises of the claim, not computed)."""

    subs: dict[sp.Basic, sp.Basic] = field(default_factory=dict)
    params: list[Param] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    facts: list[Relation] = field(default_factory=list)
    cap: Verdict = Verdict.PROVED
    stated: list[str] = field(default_factory=list)

    def lower(self, verdict: Verdict) -> None:
        if verdict.strength < self.cap.strength:
            self.cap = verdict


def relation_text(rel: Relation) -> str:
    lhs, op, rhs = rel
    show = [sp.sstr(x) if isinstance(x, sp.Basic) else str(x) for x in (lhs, rhs)]
    return f"{show[0]} {op} {show[1]}"


def _gap(rel: Relation) -> tuple[sp.Expr, str] | None:
    """``(g, kind)`` with the relation equivalent to ``g >= 0`` (kind ``">="``), ``g > 0``
    (``">"``) or ``g = 0`` (``"="``); None for non-symbolic relations."""
    lhs, op, rhs = rel
    lhs, rhs = (sp.sympify(x) if isinstance(x, int | float) else x for x in (lhs, rhs))
    if not (isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic)):
        return None
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if op == "=":
        return lhs - rhs, "="
    if op in ("<=", "<"):
        return rhs - lhs, ">=" if op == "<=" else ">"
    if op in (">=", ">"):
        return lhs - rhs, ">=" if op == ">=" else ">"
    return None


def _atoms(g: sp.Expr) -> list[sp.Basic]:
    """Candidates to solve for: symbols, indexed objects and applied functions."""
    found = (
        set(g.free_symbols)
        | g.atoms(sp.Indexed)
        | g.atoms(sp.core.function.AppliedUndef)
        | {f for f in g.atoms(sp.Function) if (type(f).__module__ or "").startswith("hallbound")}
    )
    found = {a for a in found if not isinstance(a, sp.IndexedBase | sp.Idx)}
    return sorted(found, key=lambda a: (sp.count_ops(a), sp.sstr(a)))


def as_substitution(
    rel: Relation, solve_for: sp.Basic | None = None, slack_name: str = "s",
    domain: Sequence[Param] = (), nonzero: Sequence[sp.Basic] = (),
) -> tuple[dict[sp.Basic, sp.Basic], list[Param]] | None:
    """Write a relation as a substitution ``{x: solution}`` through a slack variable.

    :math:`g \\ge 0` becomes :math:`g = s` with :math:`s \\ge 0` (``s > 0`` for a strict
    relation; no slack for ``=``), solved for ``solve_for`` (or the first atom with a unique
    solution). Returns the substitution and the slack's parameter, or None. A solution that
    may miss points of the premise (:func:`misses_points`; ``domain``: the parameters whose
    intervals it knows; ``nonzero``: expressions the claim states are non-zero) is not used.
    """
    gap = _gap(rel)
    if gap is None or solve_for is AS_FACT:
        return None
    g, kind = gap
    for x in [solve_for] if solve_for is not None else _atoms(g):
        params: list[Param] = []
        if kind != "=" and _unbounded(x) and not _bounded_by(rel, x, upper=True):
            continue  # x may be +oo: x = e + s (a finite slack) would miss it
        if kind == "=":
            target = sp.Eq(g, 0)
        else:
            s, params = _slack(slack_name, kind == ">", x)
            target = sp.Eq(g, s)
        try:
            sol = limited("solve a premise", sp.solve, target, x, dict=True)
        except Exception:  # noqa: BLE001 - SymPy cannot solve for it (in time): the next atom
            continue
        if len(sol) == 1 and x in sol[0]:
            if misses_points(g, kind, sol[0][x], domain, nonzero):
                continue  # a * x <= 1 at a = 0 holds for every x: x = (1 - s)/a misses it
            if chooses_a_branch(g, x, sol[0][x]):
                continue  # tan(x) = y: x = atan(y) misses x + k pi
            return {x: sol[0][x]}, params
    return None


def _unbounded(x: Any) -> bool:
    """An extended-real atom that may be infinite (``SupDensity``: +oo without a density)."""
    return (
        isinstance(x, sp.Basic)
        and getattr(x, "is_extended_real", None) is True
        and x.is_finite is not True
    )


def _slack(name: str, strict: bool, atom: sp.Basic) -> tuple[sp.Basic, list[Param]]:
    """A slack variable for a premise solved for ``atom``: a symbol, or, when ``atom``
    carries free integer indices (``x[i]``), a non-negative function of those indices (one
    slack per index: a single shared slack would prove only the case of equal gaps)."""
    assumptions = {"positive": True} if strict else {"nonnegative": True}
    indices = sorted(_index_symbols(atom), key=lambda v: v.name)
    if indices:
        return sp.Function(f"{name}_slack", **assumptions)(*indices), []
    sym = sp.Dummy(name, **assumptions)
    return sym, [Param(name, sym, lo=0, lo_open=strict, search=(0, 10))]


def fresh_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name`` with primes added until no parameter in ``taken`` has it: the
    search keys its points by name, so a slack named ``s0`` beside a parameter ``s0`` would
    be drawn equal to it at every point (``x + s0 <= 3`` under ``x <= 3`` was SUPPORTED)."""
    while name in taken:
        name += "'"
    return name


def _index_symbols(atom: sp.Basic) -> set[sp.Basic]:
    """The integer symbols ``atom`` is indexed by: indices of an ``Indexed`` in it (``x[i]``)
    or arguments of an undefined function (``f(i)``); an integer parameter elsewhere (``N``
    in ``log(N nu)``) is not an index."""
    if not isinstance(atom, sp.Basic) or isinstance(atom, sp.Symbol):
        return set()
    out: set[sp.Basic] = set()
    for node in atom.atoms(sp.Indexed) | atom.atoms(sp.core.function.AppliedUndef):
        args = node.indices if isinstance(node, sp.Indexed) else node.args
        for a in args:
            out |= {v for v in sp.sympify(a).free_symbols if v.is_integer}
    return out


def param_domains(params: Sequence[Param]) -> dict[sp.Symbol, sp.Interval]:
    """Real and integer parameters' domains as SymPy intervals (for the prover's calculus
    strategy): an integer parameter's real interval contains its integers, so a relation
    proved on the interval holds at each of them."""
    return {p.symbol: interval_of(p) for p in params if p.kind == "real" or p.is_integer}


def implies(
    source: Relation, target: Relation, params: Sequence[Param] = ()
) -> str | None:
    """A short description of a computation showing ``source => target``, or None.

    Tries, in order: the target alone (it may hold outright), the two gaps being equal up to
    a positive factor, and substituting the source (solved through a slack variable for each
    candidate atom in turn) into the target and proving the result.
    """
    tg, sg = _gap(target), _gap(source)
    if tg is None or sg is None:
        return None
    domains = param_domains(params)
    t_lhs, t_op, t_rhs = target
    how = prove_relation(sp.sympify(t_lhs), t_op, sp.sympify(t_rhs), domains)
    if how:
        return "holds outright: " + how
    (g_t, k_t), (g_s, k_s) = tg, sg
    if _infinite_term(g_t) or _infinite_term(g_s):  # no arithmetic with oo: substitute
        return _try_subs(source, target, domains, params)
    try:
        ratio = sp.simplify(g_t / g_s) if g_s != 0 else None
    except Exception:  # noqa: BLE001 - SymPy cannot simplify it (e.g. events inside Pr): no ratio
        ratio = None
    if ratio is not None and ratio.is_positive:  # g_t = c g_s with c > 0 on the whole domain
        if k_t == k_s or (k_t == ">=" and k_s in (">", "=")):
            return f"same relation up to the positive factor {ratio}"
    how = _after_logs(target, g_s, k_s, domains)
    if how:
        return how
    if k_t != "=" and k_s != "=":
        # g_t = g_s + (g_t - g_s): enough that the difference is >= 0 (> 0 if only g_t is strict)
        strict = k_t == ">" and k_s != ">"
        how = prove_relation(sp.expand(g_t - g_s), ">" if strict else ">=", sp.Integer(0), domains)
        if how:
            return f"target - source >= 0: {how}"
    return _try_subs(source, target, domains, params)


def _after_logs(
    target: Relation, g_s: sp.Expr, k_s: str, domains: Mapping[sp.Symbol, sp.Interval]
) -> str | None:
    r"""``small <= big`` with both sides positive is :math:`\log big - \log small \ge 0`; when
    that gap, with its logarithms expanded, is the source's gap (up to a positive factor), the
    target follows. The expansion (:math:`\log ab = \log a + \log b`,
    :math:`\log a^k = k \log a`) is valid because every logarithm's argument in the result
    is proved positive."""
    t_lhs, t_op, t_rhs = target
    if t_op not in ("<=", "<", ">=", ">"):
        return None
    small, big = (t_lhs, t_rhs) if t_op in ("<=", "<") else (t_rhs, t_lhs)
    small, big = sp.sympify(small), sp.sympify(big)
    if small.has(sp.log) or big.has(sp.log) or not g_s.has(sp.log):
        return None
    if not (_positive(small, domains) and _positive(big, domains)):
        return None
    g_t = sp.expand(sp.expand_log(sp.log(big) - sp.log(small), force=True))
    g_s = sp.expand(sp.expand_log(g_s, force=True))
    args = [a.args[0] for a in (g_t.atoms(sp.log) | g_s.atoms(sp.log))]
    if not all(_positive(a, domains) for a in args):
        return None
    try:
        ratio = sp.simplify(g_t / g_s)
    except Exception:  # noqa: BLE001 - no ratio
        return None
    strict_t = t_op in ("<", ">")
    if ratio.is_positive and (k_s == ">" or not strict_t):
        return f"same relation after taking logarithms (positive factor {ratio})"
    return None


def _positive(e: sp.Basic, domains: Mapping[sp.Symbol, sp.Interval]) -> bool:
    """``e > 0``: proved outright, or a product of positive factors, or a positive base to a
    real power."""
    if prove_relation(e, ">", sp.Integer(0), domains):
        return True
    if isinstance(e, sp.Mul):
        return all(_positive(a, domains) for a in e.args)
    if isinstance(e, sp.Pow):
        return e.exp.is_real is True and _positive(e.base, domains)
    return False


def _try_subs(source, target, domains, params) -> str | None:
    g_s, _ = _gap(source)
    t_lhs, t_op, t_rhs = target
    t_atoms = set(_atoms(sp.sympify(t_lhs) - sp.sympify(t_rhs)))
    sides = (sp.sympify(t_lhs), sp.sympify(t_rhs))
    need = [up for up, inf in ((True, sp.oo), (False, -sp.oo))
            if any(_infinite_term(e, inf) for e in sides)]
    for x in [a for a in _atoms(g_s) if a in t_atoms]:
        if not all(_bounded_by(source, x, up) for up in need):
            continue  # a finite slack cannot stand for x = +-oo: x must be bounded that way
        sub = as_substitution(source, x, domain=params)
        if sub is None:
            continue
        mapping, slack = sub
        lhs = sp.sympify(t_lhs).xreplace(mapping)
        rhs = sp.sympify(t_rhs).xreplace(mapping)
        how = prove_relation(lhs, t_op, rhs, domains | param_domains(slack))
        if how:
            return f"substituting {sp.sstr(x)} from the source: {how}"
    return None


def _conditioned_symbols(claim: Claim, source: Step) -> set[sp.Basic]:
    """Symbols the cited step was shown under a condition on: those of the claim's stated
    assumptions and of the step's own premises (its relation holds only where they do, so
    it is no statement for every value of such a symbol in its domain)."""
    out: set[sp.Basic] = set()
    conditions = [a for a in claim.assumptions if _is_relation(a)]
    conditions += [p.relation for p in source.premises if isinstance(p, Premise)]
    for cond in conditions:
        for side in (relation_of(cond)[0], relation_of(cond)[2]):
            out |= getattr(sp.sympify(side), "free_symbols", set())
    out |= set(source.given)
    return out


def instance_of(
    source: Relation,
    target: Relation,
    source_params: Sequence[Param],
    params: Sequence[Param] = (),
    fixed: set[sp.Basic] = frozenset(),
) -> str | None:
    r"""A description when ``target`` is ``source`` with each of its real parameters
    :math:`x` replaced by an expression :math:`e_x` that lies in :math:`x`'s domain (proved
    under ``params``): a relation shown for every :math:`x` in its domain holds at
    :math:`e_x`. The target is matched as written, and with its logarithms combined
    (:math:`\log a - \log b = \log(a/b)` for positive :math:`a, b`); the instance is then
    checked to equal the target."""
    s_lhs, s_op, s_rhs = source
    t_lhs, t_op, t_rhs = target
    if s_op != t_op or not all(isinstance(e, sp.Basic) for e in (s_lhs, s_rhs, t_lhs, t_rhs)):
        return None
    # a symbol the source was shown under a condition on cannot be replaced by anything
    real = {p.symbol: p for p in source_params if p.kind == "real" and p.symbol not in fixed}
    wild = {x: sp.Wild(f"w_{x.name}") for x in real}
    pattern = sp.Tuple(s_lhs, s_rhs).xreplace(wild)
    domains = param_domains(params)
    for form in (lambda e: e, sp.logcombine):
        try:
            found = sp.Tuple(form(t_lhs), form(t_rhs)).match(pattern)
        except Exception:  # noqa: BLE001 - no match
            found = None
        if not found:
            continue
        values = {x: found[w] for x, w in wild.items() if w in found}
        inst = [sp.sympify(e).xreplace(values) for e in (s_lhs, s_rhs)]
        if any(not prove_relation(a, "=", b) for a, b in zip(inst, (t_lhs, t_rhs), strict=True)):
            continue
        if all(_in_domain(v, real[x], domains) for x, v in values.items()):
            shown = ", ".join(f"{x} = {sp.sstr(v)}" for x, v in values.items())
            return f"instance of the cited relation at {shown}"
    return None


def _in_domain(value: sp.Basic, p: Param, domains: Mapping[sp.Symbol, sp.Interval]) -> bool:
    """``value`` lies in the domain of ``p``: it is real (SymPy knows it), and each finite
    end is proved."""
    if sp.sympify(value).is_real is not True:
        return False
    checks = []
    if p.lo is not None:
        checks.append((value, ">" if p.lo_open else ">=", p.exact_lo))
    if p.hi is not None:
        checks.append((value, "<" if p.hi_open else "<=", p.exact_hi))
    return all(prove_relation(a, op, b, domains) for a, op, b in checks)


def _infinite_term(e: Any, which: Any = None) -> bool:
    """Whether ``e`` has ``oo`` or ``-oo`` (``which``: that one) as a value, not only as a
    limit of an integral, sum or product."""
    if not isinstance(e, sp.Basic):
        return False
    if e in (sp.oo, -sp.oo):
        return which is None or e == which
    if isinstance(e, sp.Integral | sp.Sum | sp.Product):
        return _infinite_term(e.function, which)
    return any(_infinite_term(a, which) for a in e.args)


def _bounded_by(source: Relation, x: sp.Basic, upper: bool) -> bool:
    """Whether ``source`` bounds ``x`` by an expression from above (``x <= e``, ``x < e``,
    ``x = e``, or the same written the other way round), or from below (``upper=False``)."""
    lhs, op, rhs = source
    below, above = ("<=", "<", "="), (">=", ">", "=")
    if x == lhs:
        return op in (below if upper else above)
    if x == rhs:
        return op in (above if upper else below)
    return False


def reparametrisation(
    key: sp.Basic, value: sp.Basic, known: Mapping[sp.Basic, Param], step: Step | None = None
) -> str | None:
    """A description when ``key = value`` is a reparametrisation covering ``key``'s domain.

    The new variable ``t`` must be fresh: absent from the step's own sides and from every
    other substitution of the step (``x := y`` with ``y`` already in the step would tie two
    independent parameters together, not rename one)."""
    if key not in known or known[key].kind != "real":
        return None
    free = [s for s in sp.sympify(value).free_symbols if s in known]
    if len(free) != 1 or len(sp.sympify(value).free_symbols) != 1:
        return None
    t = free[0]
    if step is not None:
        sides = [x for x in (step.lhs, step.rhs) if isinstance(x, sp.Basic)]
        if any(t in x.free_symbols for x in sides):
            return None
        others = [v for k, v in dict(step.given).items() if k != key]
        if any(t in sp.sympify(v).free_symbols for v in others):
            return None
    dom_k = param_domains([known[key]])[key]
    dom_t = param_domains([known[t]]).get(t)
    if dom_t is None:
        return None
    try:
        from sympy.calculus.util import function_range

        image = function_range(value, t, dom_t)
    except Exception:  # noqa: BLE001 - no range: not shown to be a reparametrisation
        return None
    if dom_k.is_subset(image) is True:
        return f"reparametrisation {key} = {sp.sstr(value)}, range {image} covers {dom_k}"
    return None


def resolve(
    claim: Claim, step: Step, earlier: Mapping[str, StepResult]
) -> Backing:
    """The substitution a step is checked under and what backs each part of it."""
    out = Backing(subs=dict(claim.definitions))
    known = claim.params_by_symbol(step)
    notes = texts(step)
    unbacked_given = False
    for key, value in dict(step.given).items():
        out.subs[key] = value
        if claim.definitions.get(key) == value:
            continue
        if reparametrisation(key, value, known, step):
            continue
        if stated(claim, (key, "=", value)):
            continue
        if any(
            implies(relation_of(a), (key, "=", value), list(known.values()))
            for a in claim.assumptions
            if _is_relation(a)
        ):
            continue
        unbacked_given = True
    if unbacked_given:
        out.assumed.extend(notes or [f"given {sp.sstr(dict(step.given))}"])
    for name in step.cites:
        _cite(out, name, earlier)
    for i, premise in enumerate(structured(step)):
        _premise(out, claim, step, premise, earlier, i)
    for inst in step.lemmas:
        out.lemmas.append(inst.text())
        _trusted(out, inst, claim)
        _lemma_hypotheses(out, claim, step, inst)
    return out


def _trusted(out: Backing, inst: Any, claim: Claim) -> None:
    """A lemma instance backs a step only when its lemma is the trust base's own and passes
    the trust-base audit (:func:`~hallbound.proofs_checks.library.lemma_audit.failing_lemmas`: broad
    random cases filtered by the lemma's own hypotheses, and pinned tight cases); otherwise
    the step rests on an assumption and is at most ASSUMED. A cited claim
    (:class:`~hallbound.proofs_checks.engine.citation.ClaimInstance`) caps the step by its own
    verdict (:func:`~hallbound.proofs_checks.engine.citation.back`)."""
    from hallbound.proofs_checks.engine.citation import ClaimInstance, back
    from hallbound.proofs_checks.library.lemma_audit import failing_lemmas
    from hallbound.proofs_checks.library.lemma_library import LIBRARY

    if isinstance(inst, ClaimInstance):
        back(out, claim, inst)
        return
    lem = inst.lemma
    if LIBRARY.get(lem.name) != lem:
        out.assumed.append(f"{lem.name}: not a lemma of the trust base (a lemma you write "
                           "is an assumption until it is in the library and audited)")
        out.lower(Verdict.ASSUMED)
        return
    reason = failing_lemmas().get(lem.name)
    if reason:
        out.assumed.append(f"{lem.name} failed the trust-base audit: {reason}")
        out.lower(Verdict.ASSUMED)


def _cite(out: Backing, name: str, earlier: Mapping[str, StepResult]) -> StepResult | None:
    if name not in out.cites:
        out.cites.append(name)
    cited = earlier.get(name)
    if cited is None:
        out.assumed.append(f"({name}), which is not an earlier step")
        out.lower(Verdict.ASSUMED)
        return None
    if cited.verdict in (Verdict.REFUTED, Verdict.UNDECIDED):
        out.assumed.append(f"({name}), which is {cited.verdict.value}")
        out.lower(Verdict.ASSUMED)
    else:
        out.lower(cited.verdict)
        out.assumed.extend(a for a in cited.assumed if a not in out.assumed)
    return cited


def _premise(
    out: Backing,
    claim: Claim,
    step: Step,
    premise: Premise,
    earlier: Mapping[str, StepResult],
    index: int,
) -> None:
    rel = relation_of(premise.relation)
    taken = {p.name for p in (*claim.params_by_symbol(step).values(), *out.params)}
    sub = as_substitution(rel, premise.solve_for, slack_name=fresh_name(f"s{index}", taken),
                          domain=list(claim.params_by_symbol(step).values()),
                          nonzero=stated_nonzero(claim))
    if sub is not None and any(k in out.subs and out.subs[k] not in (
            claim.definitions.get(k), dict(step.given).get(k)) for k in sub[0]):
        sub = None  # a symbol an earlier premise wrote (x >= 10, then x <= 20): a fact, never
        # overwriting that substitution (an unbacked one is the search's condition)
    if sub is None:
        out.facts.append(rel)  # used as a source the step must follow from
    else:
        mapping, slack = sub
        out.subs.update(mapping)
        out.params.extend(slack)
    params = list(claim.params_by_symbol(step).values())
    by = premise.by
    if by is None:
        out.assumed.append(premise.text())
        return
    if by == "hypothesis":
        if stated(claim, rel):
            return
        if any(implies(relation_of(a), rel, params) for a in claim.assumptions if _is_relation(a)):
            return
        out.assumed.append(f"{premise.text()} (not implied by the claim's assumptions)")
        return
    if isinstance(by, str):
        step_by_name = {s.name: s for s in claim.steps}
        cited = _cite(out, by, earlier)
        if cited is None:
            return
        source = step_by_name[by]
        clash = _domain_clash(claim, source, step)
        if clash:
            out.assumed.append(f"{premise.text()} (({by}) was shown for {clash})")
        elif not _same_up_to_expansion(relation_of(source), rel) and not implies(
            relation_of(source), rel, params) and not instance_of(
            relation_of(source), rel, list(claim.params_by_symbol(source).values()), params,
            fixed=_conditioned_symbols(claim, source),
        ):
            out.assumed.append(f"{premise.text()} (does not follow from ({by}))")
        return
    out.lemmas.append(by.text())
    _trusted(out, by, claim)
    _lemma_hypotheses(out, claim, step, by)
    if not implies(relation_of(by.conclusion), rel, params):
        out.assumed.append(f"{premise.text()} (does not follow from {by.lemma.name})")


def _same_up_to_expansion(source: Relation, target: Relation) -> bool:
    """``target`` is ``source`` written out (its sides expanded, also inside ``Pr``/``E``):
    it follows at once, without a proof search."""
    try:
        return source[1] == target[1] and all(
            sp.expand(sp.sympify(a) - sp.sympify(b)) == 0
            for a, b in ((source[0], target[0]), (source[2], target[2]))
        )
    except (sp.SympifyError, TypeError):
        return False


def _domain_clash(claim: Claim, cited: Step, step: Step) -> str:
    """A parameter both steps use with different domains (the cited relation was shown only
    on its own domain), as text; empty when none."""
    mine = claim.params_by_symbol(step)
    for sym, p in claim.params_by_symbol(cited).items():
        if sym in mine and mine[sym] != p:
            return p.domain_text()
    return ""


def _lemma_hypotheses(out: Backing, claim: Claim, step: Step, inst: Any) -> None:
    """Each hypothesis of a lemma instance, shown as a sub-step: a relation proved by the
    prover (random variables range over the reals, so a pointwise relation proved for every
    value holds at every outcome) or implied by the claim's assumptions; an implication
    between events through :func:`implies`; an independence declared by the claim
    (``Claim.assumptions`` holding a :class:`~hallbound.proofs_checks.library.lemma_library.
    Independent` of a superset of the variables). Anything else is named as assumed."""
    params = list(claim.params_by_symbol(step).values())
    domains = param_domains(params)
    by_name = {s.name: s for s in claim.steps}
    for hyp in inst.hypotheses:
        hyp = _bound_apart(hyp)
        false_by_form = _false_by_form(hyp)
        if false_by_form:  # checked even when the claim states it: a statement is no proof
            out.assumed.append(f"{inst.lemma.name} hypothesis: {hyp.text()} ({false_by_form})")
            continue
        if stated_hypothesis(claim, hyp):  # the claim states it (up to its indices' names)
            out.stated.append(f"{inst.lemma.name} hypothesis: {hyp.text()}")
            continue
        lhs, op = _substituted(hyp.lhs, out.subs), hyp.rel
        rhs = _substituted(hyp.rhs, out.subs) if hyp.rhs is not None else None
        if op == "independent":
            if _declared_independent(claim, tuple(lhs.args)):
                continue
        elif op == "implies":
            try:
                if implies(relation_of(lhs), relation_of(rhs), params):
                    continue
            except TypeError:
                pass
            if any(_same_relation(a, (lhs, rhs)) for a in claim.assumptions):
                out.stated.append(f"{inst.lemma.name} hypothesis: {hyp.text()}")
                continue
            if _events_imply(claim, step, out, lhs, rhs, domains):
                continue
        elif op in ("conditional-sum", "arb-ball"):  # a structure the claim must state
            if any(_stated_as(a, (lhs, op, rhs), out.subs) for a in claim.assumptions):
                continue
        elif op in ("=", "<=", "<", ">=", ">"):
            if prove_relation(lhs, op, rhs, domains) or any(
                implies(relation_of(a), (lhs, op, rhs), params)
                for a in claim.assumptions
                if _is_relation(a)
            ):
                continue
            if any(  # an earlier step the step cites (it already capped the step's verdict),
                # as written or with the claim's definitions written out (identities)
                implies(rel, (lhs, op, rhs), params)
                for c in step.cites
                if c in by_name
                for rel in (relation_of(by_name[c]), _with_definitions(claim, by_name[c]))
            ):
                continue
        out.assumed.append(f"{inst.lemma.name} hypothesis: {hyp.text()}")


def _stated_as(a: Any, rel: tuple[Any, str, Any], subs: Mapping[sp.Basic, sp.Basic]) -> bool:
    """The stated relation ``a`` is ``rel`` once the step's substitution (its eliminated
    premises' symbols written through slacks) is applied to both, as it was to ``rel``."""
    canon = _canonical(relation_of(a)) if _is_relation(a) else None
    if canon is None:
        return False
    return (_substituted(canon[0], subs), canon[1], _substituted(canon[2], subs)) == rel


def _substituted(e: Any, subs: Mapping[sp.Basic, sp.Basic]) -> sp.Basic:
    """``e`` with the step's substitution applied until nothing changes (at most 3 passes,
    as for the conclusions: a premise's value may hold another eliminated symbol)."""
    out = sp.sympify(e)
    for _ in range(3):
        new = out.xreplace(subs)
        if new == out:
            break
        out = new
    return out


def _with_definitions(claim: Claim, step: Step) -> Relation:
    """``step``'s relation with the claim's definitions substituted (``ell := ln(3N/gamma)``:
    a definition is an identity of the claim, so the relation still holds)."""
    lhs, op, rhs = relation_of(step)
    defs = dict(claim.definitions)
    return tuple(  # type: ignore[return-value]
        sp.sympify(x).xreplace(defs) if isinstance(x, sp.Basic) else x for x in (lhs, op, rhs)
    )


def _events_imply(
    claim: Claim, step: Step, out: Backing, a: Any, b: Any,
    domains: Mapping[sp.Symbol, sp.Interval],
) -> str | None:
    """Event ``a`` implies event ``b`` at every outcome, by z3
    (:func:`~hallbound.proofs_checks.engine.event_logic.event_implies`) under the pointwise
    facts: the claim's stated relations and the relations of the earlier steps the step cites
    (which already capped its verdict), the definitions substituted."""
    from hallbound.proofs_checks.engine.event_logic import event_implies

    facts = []
    for rel in [*(relation_of(x) for x in claim.assumptions if _is_relation(x)),
                *(relation_of(s) for s in claim.steps if s.name in step.cites)]:
        lhs, op, rhs = rel
        if isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic):
            facts.append((lhs.xreplace(out.subs), op, rhs.xreplace(out.subs)))
    return event_implies(a, b, facts, domains)


def _bound_apart(hyp: Any) -> Any:
    """The hypothesis with each quantified variable (``over``: "for all real u") renamed to a
    fresh symbol, so that no claim parameter or substitution of the same name captures it
    (a claim's ``u in [0, 1]`` must not prove "phi''(u) >= 0 for all real u")."""
    over = getattr(hyp, "over", ())
    if not over:
        return hyp
    fresh = {v: sp.Dummy(v.name, **v.assumptions0) for v, _, _ in over if isinstance(v, sp.Symbol)}
    return hyp.map(lambda e: sp.sympify(e).xreplace(fresh) if e is not None else e)


def shared_step_params(claim: Claim) -> dict[sp.Basic, Param]:
    """The variables the claim does not declare whose steps all declare them with one domain
    (kind and interval): that domain is the claim's own for them."""
    seen: dict[sp.Basic, list[Param]] = {}
    for p in (p for step in claim.steps for p in step.params):
        seen.setdefault(p.symbol, []).append(p)
    declared = {p.symbol for p in claim.hypotheses}
    return {sym: ps[0] for sym, ps in seen.items() if sym not in declared
            and all(q.kind == ps[0].kind and interval_of(q) == interval_of(ps[0]) for q in ps)}
