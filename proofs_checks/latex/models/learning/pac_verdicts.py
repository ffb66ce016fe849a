r"""The finite PAC model's verdict on a step of probabilities of events about empirical and
true risks (:func:`apply_pac_model`).

A step such as ``\Pr(2 \sup_{h \in \mathcal H} |\hat L(h) - L(h)| \ge \epsilon) \le
2|\mathcal H| e^{-2n\epsilon^2}`` is read: each probability atom's event by
:mod:`.pac_events`, the rest of the step in the sample size ``n`` (or ``m``), the class size
``|\mathcal H|`` and the parameters ``\epsilon``, ``\varepsilon``, ``\delta``, ``t``. Both sides
are evaluated on finite instances (:mod:`.pac_models`): each probability exactly over every
sample, the sides at 60 digits, a witness re-checked by SymPy at 80 digits. The verdict:

* SUPPORTED when no instance breaks the step, saying what was sampled and how the names
  were read;
* REFUTED when a class of losses with values in ``{0, 1}`` (so in ``[0, 1]``) breaks it, the
  step names neither ``\hat h`` nor ``h^*`` (whose tie-breaking the text does not fix), and
  the environment states nothing but domains and relations on the count and the parameters
  (each drawn instance meets them) and nothing was refused;
  the witness (law, class, ``n``, parameters, both sides) is in the detail;
* UNDECIDED with a note otherwise (only a ``{0, 1/2, 1}`` class breaks it, or ``\hat h`` /
  ``h^*`` is named, or something is stated on the environment).

The model stays out of a step with any other atom or name.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from hallbound.proofs_checks.latex.models.learning.pac_events import (
    COUNTS,
    PARAMETERS,
    Node,
    PacOut,
    names_of,
    parameters,
    read_event,
    uses,
)
from hallbound.proofs_checks.latex.models.learning.pac_models import (
    DPS,
    FAMILIES,
    PARAM_GRID,
    TIE,
    Instance,
    Tie,
    coin,
    probability,
    random_instance,
)

#: CPU seconds one step's search may take; counts written out; instances per family;
#: parameter combinations per instance and count.
PAC_CPU_S = 20.0
COUNTS_TRIED = (1, 2, 3)
PER_FAMILY = 16
COMBOS = 6
_CLASS_NAMES = ("Hcal", "Fcal")
_CARD = sp.Symbol("_pac_card")
#: Names of the loss: a stated range on it that is ``[0, 1]`` is met by every instance.
LOSS_NAMES = frozenset({"ell"})
#: An ``assume`` item the reader refuses that says the class is finite (met by the model).
_FINITE = re.compile(r"\\*(?:mathcal|mathscr)\s*\{?\s*([HF])\s*\}?\s*\\+text\s*\{\s*(?:is\s+)?"
                     r"(?:a\s+)?finite(?:\s+(?:set|class))?\s*\.?\s*\}\s*\.?")
#: ``assume`` remarks the reader refuses that state the roles of ``\hat h`` and ``h^*``.
_ROLE = r"\s*\\+text\s*\{\s*(?:is\s+)?(?:an?\s+|the\s+)?"
_ERM = re.compile(r"\\*(?:hat|widehat)\s*\{?\s*h\s*\}?" + _ROLE
                  + r"(?:ERM|empirical\s+risk\s+minimi[sz]er)\s*\.?\s*\}\s*\.?")
_BEST = re.compile(r"h\s*\^\s*\{?\s*(?:\*|\\+star|\\+ast)\s*\}?" + _ROLE
                   + r"(?:true\s+|population\s+)?risk\s+minimi[sz]er\s*\.?\s*\}\s*\.?")


@dataclass
class Read:
    """A step read by the model: its events (atom symbol -> event), the count symbol, the
    parameter symbols and the difference ``lhs - rhs`` with ``|\\mathcal H|`` as ``_CARD``."""

    events: dict[sp.Symbol, Node]
    count: sp.Symbol | None
    params: list[sp.Symbol]
    diff: sp.Basic
    #: stated domains ``(Domain, symbol)`` and relations ``(a, op, b)`` on these names
    stated: list = field(default_factory=list)


@dataclass
class Failure:
    """An instance, count and parameters where the step fails, with both sides' values."""

    inst: Instance
    n: int
    env: dict[str, Fraction]
    probs: dict[sp.Symbol, Fraction]
    diff: Any


def _event_text(latex: str) -> str | None:
    """The argument of ``Pr[..]`` / ``Pr(..)`` as the atom keeps it; None for another head."""
    for open_, close in (("Pr[", "]"), ("Pr(", ")")):
        if latex.startswith(open_) and latex.endswith(close):
            return latex[len(open_):-1]
    return None


def read_step(lhs: sp.Basic, rhs: sp.Basic, atoms: dict) -> Read | str:
    """The step read (class doc of :class:`Read`), or why the model stays out."""
    diff = (lhs - rhs).replace(
        lambda e: isinstance(e, sp.Abs) and e.args[0].is_Symbol and e.args[0].name in
        _CLASS_NAMES, lambda e: _CARD)
    events: dict[sp.Symbol, Node] = {}
    count, params = None, []
    for s in sorted(diff.free_symbols - {_CARD}, key=lambda s: s.name):
        atom = atoms.get(s)
        if atom is not None:
            text = _event_text(atom.latex) if atom.kind == "Pr" else None
            if text is None:
                return f"the atom {atom.latex} is not a probability of an event"
            try:
                events[s] = read_event(text)
            except PacOut as err:
                return f"the event of {atom.latex} is not read ({err})"
            except (KeyError, IndexError, ValueError, TypeError, ZeroDivisionError) as err:
                return f"the event of {atom.latex} is not read ({type(err).__name__})"
        elif s.name in COUNTS:
            if count is not None:
                return "two sample sizes"
            count = s
        elif s.name in PARAMETERS:
            params.append(s)
        else:
            return f"the name {s.name} (its role is not read)"
    if not events or not any(uses(e, "risk") for e in events.values()):
        return "no probability of an event about risks"
    why = _one_of_each(events.values(), count, diff) or _sample_size_named(events, count)
    if why is not None:
        return why
    names = {p.name for p in params}.union(*(parameters(e) for e in events.values()))
    own = {p.name: p for p in params}
    params = [own.get(name, sp.Symbol(name)) for name in sorted(names)]
    return Read(events, count, params, diff)


def _one_of_each(events: Any, count: sp.Symbol | None, diff: sp.Basic) -> str | None:
    """Why the step names two sample sizes, two classes or two notions of risk (None: one
    of each). A risk's subscript ``n`` / ``m`` names the sample size too."""
    events = list(events)
    counts = set().union(*(names_of(e, "count") for e in events)) | (
        {count.name} if count is not None else set())
    subs = set().union(*(names_of(e, "risk") for e in events))
    if len(counts | (subs & COUNTS)) > 1:
        return "two sample sizes"
    classes = set().union(*(names_of(e, "card") | names_of(e, "sup") for e in events))
    classes |= {a.args[0].name for a in diff.atoms(sp.Abs) if a.args[0].is_Symbol}
    if len(classes & set(_CLASS_NAMES)) > 1:
        return "two classes"
    letters = set().union(*(names_of(e, "letter") for e in events))
    if len(letters) > 1:
        return "two notions of risk (L and R)"
    return None


def _sample_size_named(events: dict, count: sp.Symbol | None) -> str | None:
    r"""Why the step's count is not read as the sample size (None: it is ``n``, the usual
    name, or a risk's subscript names it, ``\hat L_m``). A bare ``m`` is often something
    else (``m = 2n``, a class size; review B7-1b)."""
    names = set().union(*(names_of(e, "count") for e in events.values())) | (
        {count.name} if count is not None else set())
    subs = set().union(*(names_of(e, "risk") for e in events.values()))
    odd = sorted(c for c in names if c != "n" and c not in subs)
    if odd:
        return (f"{odd[0]} is not named as the sample size (only n, or a count written as "
                "the empirical risk's subscript, is)")
    return None


def _combos(rng: random.Random, k: int) -> list[tuple[Fraction, ...]]:
    every = list(itertools.product(PARAM_GRID, repeat=k))
    return every if len(every) <= COMBOS else rng.sample(every, COMBOS)


def _violates(d: Any, rel: str) -> bool:
    """Whether ``d = lhs - rhs`` breaks ``lhs rel rhs`` by more than the tie gap."""
    if rel == "=":
        return abs(d) > TIE
    return d > TIE if rel in ("<=", "<") else d < -TIE


def search(read: Read, rel: str, seed: int) -> tuple[Failure | None, int]:
    """The first failure over the instances (the fair coin first, then :data:`PER_FAMILY`
    random classes of each family), counts 1..3 and sampled parameters; and the number of
    (instance, count, parameters) checked."""
    rng = random.Random(seed)
    syms = [*read.events, *read.params, _CARD] + ([read.count] if read.count else [])
    fn = sp.lambdify(syms, read.diff, modules="mpmath")
    checked = 0
    for name, values in FAMILIES:
        insts = ([coin()] if name == FAMILIES[0][0] else []) + [
            random_instance(rng, values, name) for _ in range(PER_FAMILY)]
        for inst, n in itertools.product(insts, COUNTS_TRIED):
            for combo in _combos(rng, len(read.params)):
                env = {p.name: v for p, v in zip(read.params, combo, strict=True)}
                if not _meets(read, env, n):
                    continue
                try:
                    probs = {s: probability(e, inst, n, env) for s, e in read.events.items()}
                    args = [*probs.values(), *combo, len(inst.losses)] + (
                        [n] if read.count else [])
                    with mpmath.workdps(DPS):
                        d = fn(*[mpmath.mpf(a.numerator) / a.denominator
                                 if isinstance(a, Fraction) else mpmath.mpf(a) for a in args])
                except (Tie, ZeroDivisionError, ValueError, TypeError):
                    continue
                checked += 1
                if _violates(d, rel):
                    return Failure(inst, n, env, probs, d), checked
    return None, checked


def recheck(read: Read, fail: Failure, rel: str) -> bool:
    """Whether SymPy, at 80 digits, confirms that ``fail`` breaks the step."""
    subs: dict[Any, Any] = {s: sp.Rational(v.numerator, v.denominator)
                            for s, v in fail.probs.items()}
    by_name = {s.name: s for s in read.diff.free_symbols}
    subs.update({by_name[k]: sp.Rational(v.numerator, v.denominator)
                 for k, v in fail.env.items() if k in by_name})
    subs[_CARD] = sp.Integer(len(fail.inst.losses))
    if read.count is not None:
        subs[read.count] = sp.Integer(fail.n)
    d = sp.N(read.diff.xreplace(subs), 80)
    if not d.is_number or not d.is_real:
        return False
    return abs(d) > 1e-40 if rel == "=" else (d > 1e-40 if rel in ("<=", "<") else d < -1e-40)


def _stated(checker: Any, read: Read) -> str | None:
    """Why the environment's statements keep the model out (None: each one is a domain or a
    relation on the count and the parameters only, which :func:`search` enforces, and
    :attr:`Read.stated` receives)."""
    hyp = checker.table.hyp
    if hyp.laws or hyp.facts or hyp.definitions or checker.equations or checker.defs:
        return "the environment states laws, facts or definitions the model does not check"
    names = {p.name: p for p in read.params}
    if read.count is not None:
        names[read.count.name] = read.count
    for name, dom in hyp.domains.items():
        if name in LOSS_NAMES and _unit_interval(dom):
            continue  # the loss's range is [0, 1]: the model's losses lie in it and fill it
        if name not in names or dom.kind != "real":
            return f"a stated domain of {name} (the model draws its own objects)"
        read.stated.append((dom, names[name]))
    for a, op, b in checker.relations:
        syms = (sp.sympify(a) - sp.sympify(b)).free_symbols
        if not syms or not syms <= set(names.values()):
            return "a stated relation on names other than the count and the parameters"
        read.stated.append((sp.sympify(a), op, sp.sympify(b)))
    return None


def _unit_interval(dom: Any) -> bool:
    """Whether a stated domain is exactly the closed interval ``[0, 1]``: a wider range
    (``[-1, 1]``) allows losses the model never draws (review B4), a narrower one excludes
    some it draws."""
    return (dom.kind == "real" and not dom.integer and dom.lo == 0 and dom.hi == 1
            and not dom.lo_open and not dom.hi_open)


def _remark(refusal: str) -> str | None:
    """The ``assume`` item a refusal names as ``(in '..': not used)`` (None: another one)."""
    m = re.search(r"\(in '(.*)': not used\)$", refusal)
    return m.group(1).strip() if m is not None else None


def minimisers_stated(read: Read, refused: list[str]) -> str | None:
    r"""Why the roles of ``\hat h`` / ``h^*`` are not read (None: the step names neither, or
    the environment states each named one as an empirical / true risk minimiser by a remark
    ``\hat h \text{ is an ERM}``, ``h^* \text{ is a risk minimiser}``). The notation alone
    never fixes the role (review B7-1: ``\hat h`` may be any algorithm's output)."""
    items = [_remark(r) or "" for r in refused]
    other = [i for i in items if re.search(r"hat\s*\{?\s*h\b|h\s*\^", i)
             and not (_ERM.fullmatch(i) or _BEST.fullmatch(i))]
    if other:
        return f"an unread remark on \\hat h or h^* ({other[0]})"
    for kind, pattern, name in (("erm", _ERM, "\\hat h"), ("best", _BEST, "h^*")):
        if any(uses(e, kind) for e in read.events.values()) and not any(
                pattern.fullmatch(i) for i in items):
            return (f"the step names {name}, and the environment does not state that it is "
                    + ("an empirical" if kind == "erm" else "a true") + " risk minimiser")
    return None


def says_minimiser(refusal: str) -> bool:
    r"""Whether a refused ``assume`` item only says that ``\hat h`` / ``h^*`` is an
    empirical / true risk minimiser (read by :func:`minimisers_stated`)."""
    item = _remark(refusal)
    return item is not None and (_ERM.fullmatch(item) is not None
                                 or _BEST.fullmatch(item) is not None)


def says_class_finite(refusal: str) -> bool:
    r"""Whether a refused ``assume`` item only says that the class is finite
    (``\mathcal H \text{ finite}``, ``\mathcal{F} \text{ is a finite class}``): every
    instance of the model meets it. The refusal names its item as ``(in '..': not used)``."""
    m = re.search(r"\(in '(.*)': not used\)$", refusal)
    return m is not None and _FINITE.fullmatch(m.group(1).strip()) is not None


def _meets(read: Read, env: dict[str, Fraction], n: int) -> bool:
    """Whether the drawn count and parameters meet every stated domain and relation."""
    subs: dict[Any, Any] = {p: sp.Rational(env[p.name].numerator, env[p.name].denominator)
                            for p in read.params}
    if read.count is not None:
        subs[read.count] = sp.Integer(n)
    for item in read.stated:
        if len(item) == 2:
            dom, sym = item
            if not _in_domain(dom, subs[sym]):
                return False
            continue
        a, op, b = item
        d = (a - b).xreplace(subs)
        ok = {"<": d < 0, "<=": d <= 0, ">": d > 0, ">=": d >= 0, "=": d == 0,
              "!=": d != 0}.get(op)
        if ok is None or not bool(ok):
            return False
    return True


def _in_domain(dom: Any, v: sp.Rational) -> bool:
    """Whether ``v`` lies in ``dom``; float ends are compared as the decimals they print
    (SymPy's ``Integer(1) == 1.0`` is False: an open end ``1.0`` let ``v = 1`` in)."""
    if dom.integer and not v.is_integer:
        return False
    lo, hi = (None if e is None else sp.Rational(str(e)) if isinstance(e, float)
              else sp.sympify(e) for e in (dom.lo, dom.hi))
    if lo is not None and (v < lo or (dom.lo_open and v == lo)):
        return False
    return hi is None or not (v > hi or (dom.hi_open and v == hi))


def apply_pac_model(check: Any, step: Any, checker: Any) -> None:
    """The finite PAC model's verdict (module doc); nothing when it stays out. Runs the
    search in a worker with a CPU limit."""
    from hallbound.proofs_checks.latex.worker import run_with_budget

    table = checker.table
    if check.verdict != "UNDECIDED" or table is None or checker.contradictory:
        return
    if step.rel not in ("=", "<=", "<", ">=", ">"):
        return
    if not any(getattr(table.atoms.get(s), "kind", None) == "Pr"
               for s in (step.lhs - step.rhs).free_symbols):
        return
    read = read_step(step.lhs, step.rhs, table.atoms)
    if isinstance(read, str):
        check.notes.append(f"finite PAC model not used: {read}")
        return
    why = _stated(checker, read) or minimisers_stated(read, list(checker.refused))
    if why is not None:
        check.notes.append(f"finite PAC model not used: {why}")
        return
    status, out, used = run_with_budget(lambda: search(read, step.rel, checker.seed),
                                        min(checker.limit, PAC_CPU_S))
    checker.charged += used
    if status == "ok":
        _verdict(check, read, step.rel, out, list(checker.refused))


def _sampled(read: Read, checked: int) -> str:
    fams = ", ".join(name for name, _ in FAMILIES)
    count = read.count.name if read.count is not None else "n"
    roles = (f"reading \\hat L (\\hat R) as the empirical risk on the {count}-sample, {count} "
             "as the sample size, L (R) as the true risk")
    if any(uses(e, "erm") or uses(e, "best") for e in read.events.values()):
        roles += ", \\hat h as the first empirical risk minimiser, h^* as a minimiser of L"
    return (f"{checked} finite instances checked (the fair coin and random classes of 1-3 "
            f"losses with values in {fams} on 1-3 points with random laws, {count} = 1..3 "
            "written out" + _drawn_parameters(read)
            + f"), every sample enumerated exactly; {roles}")


def _drawn_parameters(read: Read) -> str:
    """What the parameters were drawn from: the grid values each one's stated domains keep
    (review B5: values the domains filter out were named as drawn), and whether stated
    relations filtered the combinations further."""
    out = []
    for p in read.params:
        kept = [v for v in PARAM_GRID if all(
            _in_domain(item[0], sp.Rational(v.numerator, v.denominator))
            for item in read.stated if len(item) == 2 and item[1] == p)]
        out.append(f", {p.name} drawn from {{{', '.join(str(v) for v in kept)}}}")
    if any(len(item) == 3 for item in read.stated):
        out.append(" (only combinations meeting the stated relations)")
    return "".join(out)


def _witness(fail: Failure, read: Read) -> str:
    count = read.count.name if read.count is not None else next(iter(
        set().union(*(names_of(e, "count") for e in read.events.values())) or {"n"}))
    pars = "".join(f", {k} = {v}" for k, v in sorted(fail.env.items()))
    probs = ", ".join(f"{s.name} = {v}" for s, v in fail.probs.items())
    with mpmath.workdps(30):
        diff = mpmath.nstr(fail.diff, 20)
    return f"{fail.inst.describe()}; {count} = {fail.n}{pars}: {probs}; lhs - rhs = {diff}"


def _verdict(check: Any, read: Read, rel: str, out: tuple, refused: list[str]) -> None:
    fail, checked = out
    if fail is None:
        if checked == 0:
            return
        check.verdict, check.method = "SUPPORTED", "finite PAC model"
        check.detail = (_sampled(read, checked) + ": no failure; weak evidence: only small "
                        "classes, laws and counts were tried")
        check.trials = checked
        check.witness = check.lhs_value = check.rhs_value = None
        return
    names_minimisers = any(uses(e, "erm") or uses(e, "best") for e in read.events.values())
    where = _witness(fail, read)
    why = None
    if fail.inst.family != FAMILIES[0][0]:
        why = f"the losses take values in {fail.inst.family}, and the text may restrict them"
    elif names_minimisers:
        why = "the step names \\hat h or h^*, whose choice on ties the text does not fix"
    elif [r for r in refused if not (says_class_finite(r) or says_minimiser(r))]:
        why = "an assumption of this environment was not read (" + "; ".join(refused) + ")"
    elif not recheck(read, fail, rel):
        why = "the 80-digit re-check does not confirm the failure"
    if why is not None:
        check.notes.append(f"the finite PAC model breaks the step at {where}, but {why}")
        return
    check.verdict, check.method = "REFUTED", "finite PAC model, exact"
    check.detail = ("fails at a finite instance (losses in {0, 1}, so in [0, 1]; the sample "
                    f"i.i.d. from the law, every sample enumerated exactly): {where}; "
                    + _sampled(read, checked).split("; ", 1)[1])
    check.witness = {"instance": where}
    check.satisfies = ["losses in {0, 1}", "the sample i.i.d. from the stated finite law"]
    if refused:
        check.satisfies.append("the class is finite (as the refused assume item states)")


__all__ = ["PAC_CPU_S", "apply_pac_model", "read_step", "recheck", "search"]
