r"""``verify``'s hook for the finite-law model (:mod:`.finite_laws`): the verdict of a step
about entropies, mutual informations and Ruzsa distances, from random finite joint laws that
satisfy the environment's read statements (:mod:`.law_statements`).

* a failure, re-checked at high precision, in the group where a counterexample is one of the
  text (:math:`\mathbb{Z}`, or the stated characteristic), at a law where every read
  statement holds: REFUTED, the law printed as a small table (each independent block with its
  outcomes and probabilities; each copy with its original);
* the same failure when an assumption of the environment was not read, when the failing
  quantities are about groups of variables that nothing stated links, or when it shows only
  in :math:`(\mathbb{Z}/2)^2` or only in :math:`\mathbb{Z}` (no group stated): UNDECIDED,
  saying why, with the law;
* no failure: SUPPORTED, "sampled over N finite joint laws (...)".

A stated relation or equation about the laws of the step's variables (``\mathbb{E}[X] = 0``,
``d[X; Y] = 0``) is checked on every drawn law, and a law that breaks it is not counted
(:mod:`.law_constraints`); one the model cannot check keeps the model out. With fewer than
:data:`MIN_MET` laws meeting the stated relations there is no SUPPORTED.

Only a step the engine left UNDECIDED or SUPPORTED is looked at; PROVED, CERTIFIED and
REFUTED verdicts are kept.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
import pickle
import re
from pathlib import Path
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.hypotheses import domain_for
from hallbound.proofs_checks.latex.models.finite_laws import (
    CONFIRM_DPS,
    LAW_CPU_S,
    LAWS_PER_GROUP,
    REAL_VALUES,
    Factor,
    Model,
    Outcome,
    build_model,
    qvars,
    search,
)
from hallbound.proofs_checks.latex.models.law_constraints import stated_on
from hallbound.proofs_checks.latex.models.law_values import domain_values, widened_values
from hallbound.proofs_checks.latex.models.moment_laws import build_moment_model
from hallbound.proofs_checks.latex.models.prose_laws import PROSE_NOTE, prose_laws
from hallbound.proofs_checks.latex.models.rv_terms import TermError
from hallbound.proofs_checks.latex.verdict_cache import checker_version

#: Fewest drawn laws meeting the stated relations for a SUPPORTED.
MIN_MET = 10


def _fmt(v: Any) -> str:
    return f"({', '.join(map(str, v))})" if isinstance(v, tuple) and len(v) != 1 else str(
        v[0] if isinstance(v, tuple) else v)


def law_table(model: Model, factors: list[Factor]) -> list[str]:
    """One line per independent block: ``(X, Z): (0, 1) 1/2 | (1, 0) 1/2``; copies say of
    what."""
    copies = {tuple(c): s for c, s in model.copies}
    lines = []
    for names, dist in factors:
        head = _fmt(names)
        if names in copies:
            lines.append(f"{head}: an independent copy of {_fmt(copies[names])}")
            continue
        cells = " | ".join(f"{_fmt(o)} {p}" for o, p in sorted(dist.items()))
        lines.append(f"{head}: {cells}")
    return lines


def sampled_text(model: Model, out: Outcome) -> str:
    """What was sampled: the laws per group, and the statements built in."""
    counts = out.met if model.stated else out.drawn
    groups = ", ".join(f"{n} in {g}" for g, n in counts.items())
    total = sum(counts.values())
    stated = "; ".join(model.statements) or "none stated: dependent and independent laws"
    if model.stated:
        stated += ("; only the laws that meet the stated " + "; ".join(
            st.text for st in model.stated) + f", {total} of {sum(out.drawn.values())} drawn")
    stated += _couplings(model)
    if model.diff is not None:
        narrowed = "".join(
            f", {n} on {{{', '.join(map(str, vals))}}} within its stated domain"
            for n, vals in sorted(model.allowed.items()))
        return (f"sampled over {total} finite joint laws (values in "
                f"{{{', '.join(map(str, model.real_values or REAL_VALUES))}}}{narrowed}, "
                "2 to 5 outcomes per "
                f"independent block{_LINEAR}; independence: {stated}), each computed exactly; "
                "no other values were tried")
    return (f"sampled over {total} finite joint laws ({groups}; 2 to 5 outcomes per "
            f"independent block, each variable on 2 to 4 values{_LINEAR}; "
            f"independence: {stated})")


#: What :mod:`.linear_laws` adds to the sampled family.
_LINEAR = (", or each variable a function of F_2- or F_3-linear forms of uniform seeds "
           "(Z = X + Y where no statement forbids it)")


def _couplings(model: Model) -> str:
    """Which couplings a copy that is not independent was drawn with (no other is tried)."""
    if not model.coupled:
        return ""
    names = ", ".join("(" + ", ".join(c) + ")" if len(c) > 1 else c[0] for c in model.coupled)
    return (f"; {names} coupled to its original only as independent, identical, "
            "antithetic (countermonotone) or a mixture of independent with one of those: "
            "no other coupling was sampled")


def _side_names(side: Any, atoms: dict) -> set[str]:
    """The variable names a side's atoms are about (``Var[X]``, ``Cov(X, Y)``: X, Y)."""
    if not isinstance(side, sp.Basic):
        return set()
    out = set()
    for sym in side.free_symbols:
        atom = atoms.get(sym)
        out |= {str(d) for d in atom.depends} if atom is not None else {str(sym)}
    return out


def _named_in(name: str, texts: list[str]) -> bool:
    """Whether ``name`` is written (as a whole name) in one of ``texts``."""
    return any(re.search(rf"(?<![A-Za-z\\]){re.escape(name)}(?![A-Za-z])", t) for t in texts)


def _one_sided(model: Model, lhs: Any, rhs: Any, atoms: dict | None = None) -> list[str]:
    r"""The variables whose law nothing read states that occur on one side of a step of
    moments only (``E[X] = 2``, ``E[X + Y] = E[X]``): as with a free scalar on one side only,
    such a step states what the text knows about that variable (a law given in words, a
    moment computed before). Entropy steps (``\mathbb{H}[X | Y] = \mathbb{H}[X]``) keep
    their refutation: texts that write them state their laws as assumptions."""
    if model.diff is None:
        return []
    texts = [*model.statements, *(st.text for st in model.stated)]
    free = {n for n in _unstated(model) if n not in model.allowed
            and not _named_in(n, texts)}
    names = [_side_names(side, atoms or {}) for side in (lhs, rhs)]
    used = set().union(*(qvars(q) for _, q in model.terms)) & free
    return sorted(n for n in used if sum(n in side for side in names) < 2)


def _blocked(model: Model, out: Outcome, refused: list[str],
             sides: tuple[Any, ...] = (None, None)) -> str | None:
    """Why a confirmed failure is not a counterexample of the text, or None."""
    if out.group not in model.refute_in:
        return (f"it fails only in {out.group} and holds at every law sampled in "
                f"{', '.join(sorted(model.refute_in))}: the text's group matters (state "
                "`\\text{characteristic } p` if it is one)")
    if out.held:
        return (f"it fails only in {out.group} and holds at every law sampled in "
                f"{', '.join(out.held)}: the text's group matters (state "
                "`\\text{characteristic } 0` for a torsion-free group such as Z)")
    if refused:
        return ("an assumption of this environment was not read ("
                + "; ".join(refused) + "), so the law may break it")
    if model.plain and _unstated(model):
        return (f"nothing read states the law of {', '.join(_unstated(model))}, and a text "
                "that writes H(..), I(..; ..) as functions states such facts in words (a "
                "channel, a Markov chain, a function of another variable): add `% hb: assume` "
                "with what it states")
    if not model.linked:
        return ("the failing quantities are about groups of variables that nothing stated "
                "links; the text may relate them (a copy, a relabelling): add `% hb: assume` "
                "with what it states")
    if out.as_numbers:
        return (f"{', '.join(out.as_numbers)} has a stated numeric domain and nothing read "
                "says it is random: read as a number (any value of its domain) the step held "
                "at every law sampled")
    one_sided = _one_sided(model, *sides)
    if one_sided:
        return (f"{', '.join(one_sided)} occurs on one side only and nothing read states its "
                "law: the step states what the text knows about it (a law stated in words, "
                "a result shown before): add `% hb: assume` with what it states")
    return None


def _maybe_numbers(model: Model) -> list[str]:
    """The variables with a stated numeric domain (``% hb: assume C > 0``) that no read
    statement about laws names: a text may mean a number by them, not a random variable."""
    texts = [*model.statements, *(st.text for st in model.stated)]
    return [n for n in _unstated(model) if n in model.allowed
            and not _named_in(n, texts)]


#: Most constant values tried for the variables of :func:`_maybe_numbers`.
MAX_CONSTANTS = 12


def search_both(model: Model, seed: int) -> Outcome:
    """:func:`.finite_laws.search`; a failure that draws a variable of :func:`_maybe_numbers`
    is searched again with those variables constant (each value of their domains in turn,
    at most :data:`MAX_CONSTANTS`): a failure found so is returned (it refutes under either
    reading); else the first failure, with ``as_numbers`` naming them (a REFUTED needs
    the step false under every reading)."""
    out = search(model, seed)
    names = _maybe_numbers(model)
    if out.law is None or not names:
        return out
    combos = itertools.product(*(model.allowed[n] for n in names))
    for combo in itertools.islice(combos, MAX_CONSTANTS):
        fixed = dataclasses.replace(model, allowed={
            **model.allowed, **{n: (v,) for n, v in zip(names, combo, strict=True)}})
        hit = search(fixed, seed)
        if hit.law is not None:
            return hit
    out.as_numbers = names
    return out


def _refuted(check: Any, step: Any, model: Model, out: Outcome, atoms_used: dict,
             refused: list[str]) -> None:
    assert out.law is not None
    table = law_table(model, out.law)
    where = f"a finite joint law (values in {out.group})"
    if model.diff is not None:
        where = "a finite joint law (computed exactly)"
    why = _blocked(model, out, refused, (step.lhs, step.rhs, step.atoms))
    check.witness = None
    if why is not None:
        check.verdict, check.method = "UNDECIDED", "not decided"
        check.detail = f"the step fails at {where}: {'; '.join(table)}, but {why}"
        return
    check.verdict = "REFUTED"
    check.method = ("finite-law model, exact" if model.diff is not None
                    else f"finite-law model, re-checked at {CONFIRM_DPS} digits")
    rechecked = ""
    if model.stated:
        rechecked = (" (the stated relations re-checked on it "
                     + ("exactly" if model.diff is not None else f"at {CONFIRM_DPS} digits")
                     + ")")
    check.detail = (f"fails at {where} that satisfies every stated assumption{rechecked}: "
                    + "; ".join(table) + f" (lhs - rhs = {out.value:.6g})")
    check.witness = {"law": "; ".join(table), "group": out.group}
    values = {s: sp.Float(v, 30) for s, v in atoms_used.items()}
    check.lhs_value = _num(step.lhs, values)
    check.rhs_value = _num(step.rhs, values)
    check.satisfies = list(model.statements) + [st.text for st in model.stated] + [
        f"the stated domain of {n}" for n in sorted(model.allowed)]
    check.notes += [f"witness law, independent block: {line}" for line in table]
    free = _unstated(model)
    if free:
        check.notes.append(f"no assumption on the law of {', '.join(free)}: add `% hb: assume` "
                           "if the text states one (independence, a copy)")


def _unstated(model: Model) -> list[str]:
    """The variables of the step that no read statement is about (their law is free)."""
    named = {n for groups in model.constraints for g in groups for n in g}
    named |= {n for c, s in model.copies for n in (*c, *s)}
    used = set().union(*(qvars(q) for _, q in model.terms))
    return sorted(used - named)


def _num(expr: Any, values: dict) -> float | None:
    try:
        return float(sp.sympify(expr).xreplace(values))
    except (TypeError, ValueError):
        return None


def _restrict(model: Model, table: Any, checker: Any) -> str:
    """Narrow the model's variables to their stated domains (moments only) and take in the
    stated relations about their laws (:func:`.law_constraints.stated_on`); a reason not to
    use the model when a stated relation cannot be checked on a drawn law, or a domain is
    stated where the model cannot honour it ("" when the model may be used)."""
    names = set().union(*(qvars(q) for _, q in model.terms))
    names |= set(model.base) | {n for c, s in model.copies for n in (*c, *s)}
    atoms = {s.name for s in model.symbols}
    model.stated, why = stated_on(model, table, checker)
    if why:
        return why
    copies = {n for c, _ in model.copies for n in c}
    for n in sorted(names | atoms):
        dom = domain_for(n, table.hyp.domains)
        if dom is None:
            continue
        if model.diff is None or n in copies or n in atoms:
            return f"a stated domain of {n}"
        model.allowed[n] = domain_values(n, dom, table.hyp, model.real_values or REAL_VALUES)
        if len(model.allowed[n]) < 2:
            return f"the stated domain of {n} holds too few sample values"
    return ""


def _cache_path(checker: Any, model: Model) -> Path | None:
    """Where the verdict cache keeps this model's search (by the checker's version, the
    model and the seed); None without a cache."""
    cache = getattr(checker, "cache", None)
    if cache is None:
        return None
    parts = [checker_version(), repr(model.terms), model.rel, repr(model.base),
             repr(model.copies), repr(model.constraints), repr(model.groups),
             repr(sorted(model.allowed.items())), sp.srepr(model.diff), repr(checker.seed),
             repr(LAWS_PER_GROUP), repr(model.coupled), repr(model.stated),
             repr(model.real_values)]
    key = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
    return Path(cache.directory) / "laws" / f"{key}.pkl"


def _cache_get(checker: Any, model: Model) -> Outcome | None:
    path = _cache_path(checker, model)
    try:
        with path.open("rb") as fh:  # type: ignore[union-attr]
            out = pickle.load(fh)  # noqa: S301 - the user's own cache directory
    except (OSError, AttributeError, pickle.UnpicklingError, EOFError, ImportError):
        return None
    return out if isinstance(out, Outcome) else None


def _cache_put(checker: Any, model: Model, out: Outcome) -> None:
    path = _cache_path(checker, model)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(out, fh)
        tmp.replace(path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def apply_finite_laws(check: Any, step: Any, checker: Any) -> None:
    """The finite-law verdict of a step the engine left UNDECIDED or SUPPORTED (module doc);
    nothing when the step is not one of information quantities only. Run in a worker with a
    CPU limit."""
    from hallbound.proofs_checks.latex.worker import run_with_budget

    table = checker.table
    if check.verdict not in ("UNDECIDED", "SUPPORTED") or table is None or checker.contradictory:
        return
    if step.rel not in ("=", "<=", "<", ">=", ">"):
        return
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    prose = prose_laws(checker, lhs, rhs, table.atoms, table.hyp.laws)
    laws = table.hyp.laws + [law for law, _ in prose]
    try:
        model = (build_model(lhs, step.rel, rhs, table.atoms, checker.defs, laws)
                 or build_moment_model(lhs, step.rel, rhs, table.atoms, laws))
    except TermError as err:
        check.notes.append(f"finite-law model not used: {err}")
        return
    if model is None:
        return
    if model.diff is not None:
        model.real_values = widened_values(lhs, rhs, table.atoms, model.symbols)
    why = _restrict(model, table, checker)
    if why:
        check.notes.append(f"finite-law model not used: {why}")
        return
    # the engine's notes about the atoms as free numbers no longer apply
    check.notes = [n for n in check.notes if not n.startswith("no assumption on ")]
    check.notes += [f"{PROSE_NOTE} ({where}): {law.text}" for law, where in prose]
    out = _cache_get(checker, model)
    if out is None:
        status, out, used = run_with_budget(lambda: search_both(model, checker.seed),
                                            min(checker.limit, LAW_CPU_S))
        checker.charged += used
        if status != "ok":
            return
        _cache_put(checker, model, out)
    if out.law is None and model.stated and sum(out.met.values()) < MIN_MET:
        check.notes.append(f"finite-law model: no failure at the {sum(out.met.values())} of "
                           f"{sum(out.drawn.values())} drawn laws that meet the stated "
                           + "; ".join(st.text for st in model.stated)
                           + f", too few (at least {MIN_MET}) to support the step")
        return
    if out.law is None:
        check.verdict, check.method = "SUPPORTED", "finite-law model"
        check.detail = sampled_text(model, out) + ": no failure"
        check.trials = sum(out.drawn.values())
        check.witness = check.lhs_value = check.rhs_value = None
        return
    atoms_used = {sym: out.values[i] for i, sym in enumerate(model.symbols)}
    _refuted(check, _Sides(lhs, rhs, table.atoms), model, out, atoms_used,
             list(checker.refused))


class _Sides:
    def __init__(self, lhs: Any, rhs: Any, atoms: dict) -> None:
        self.lhs, self.rhs, self.atoms = lhs, rhs, atoms


__all__ = ["apply_finite_laws", "law_table", "sampled_text"]
