r"""Probabilities and expectations of one random variable with stated scalar parameters:
``\Pr[U \ge t] = \Pr[e^{\lambda U} \ge e^{\lambda t}]``,
``\Pr[e^{\lambda U} \ge e^{\lambda t}] \le e^{-\lambda t}\,\mathbb{E}[e^{\lambda U}]``.

:mod:`.moment_laws` keeps out a step with a free scalar: a lower-case or Greek letter may be a
constant the prose ties to the law (a median, a variance proxy). This model reads such a
scalar as a *parameter* only when the text gives it that role twice over:

* a stated assumption bounds it (``% hb: assume t \ge 0``, ``0 \le \lambda \le 1/b``): the
  author quantifies over it; and
* it occurs inside a probability or an expectation of the step (an event's threshold, an
  exponent of the integrand): it shapes the event or the integrand, it is not a bound on a
  functional of the law. A scalar of the step met only outside every atom (the ``V`` of
  ``\mathbb{E}[e^{\lambda U}] \le e^{\lambda^2 V/2}``, a variance proxy stated in words) keeps
  the model out: the step then rests on a hypothesis the model does not read.

Every free symbol of ``lhs - rhs`` is then such a parameter or an unconditioned
``\mathbb{E}[g]`` / ``\Pr[a \;\mathrm{op}\; b]`` whose argument is built from one random
variable (a capital Latin letter, as in :mod:`.moment_laws`) and the parameters with
``+ - * / ^`` and ``\exp``/``\log``. Each trial draws a finite law of the variable (values in
:data:`.finite_laws.REAL_VALUES` within its stated domain, 1 to 4 atoms, rational weights; a
stated relation about the variable or its law keeps the model out) and each parameter from a
grid of rationals (the endpoints ``0``, ``1`` among them) meeting every stated domain and
relation, exactly; ``\Pr`` and ``\mathbb{E}`` are finite sums, and ``lhs - rhs`` is judged by
:func:`.moment_laws.exact_fails` (exact, or 60 digits with a margin). A draw where an integrand
value or a side is not real (``X^{1/2}`` at ``X < 0``) is skipped: neither a witness nor counted.
A failure found only with an exponent letter of :data:`INTEGER_LETTERS` (``k`` of ``X^{2k}``)
off the integers gives no verdict (a note): the text conventionally means integers there. A
failure at a draw that
meets every stated assumption, none refused: REFUTED with the law and the parameters, but
only when both sides hold a probability or an expectation (a side that is a closed form of
the parameters alone, ``\Pr[U \ge t] \le e^{-t}``, can only rest on a hypothesis about the
law stated in words: its failure stays UNDECIDED); no failure over :data:`MIN_DRAWS` draws:
SUPPORTED.
"""

from __future__ import annotations

import random
import re
from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.hypotheses import domain_for
from hallbound.proofs_checks.latex.models.finite_laws import REAL_VALUES
from hallbound.proofs_checks.latex.models.law_statements import law_names
from hallbound.proofs_checks.latex.models.moment_laws import exact_fails

#: Draws (law and parameters) tried; fewer meeting the assumptions than MIN_DRAWS: no verdict.
DRAWS = 240
MIN_DRAWS = 60
#: CPU seconds for one step's draws (at most the step's own limit).
CPU_S = 15.0
#: The grid a parameter is drawn from (before its stated domain and relations filter it).
GRID = tuple(Fraction(v) for v in ("0", "1/3", "1/2", "1", "3/2", "2", "3", "-1/2", "-1",
                                   "-2", "5", "1/10"))
_RELS = {">=": sp.Ge, "<=": sp.Le, ">": sp.Gt, "<": sp.Lt}
_FUNCS = (sp.exp, sp.log)
_MARGIN = sp.Float("1e-30", 60)
#: Letters an exponent conventionally ranges over the integers with (``X^{2k}``, ``x^n``):
#: a failure found only with such a letter off the integers is not a REFUTED.
INTEGER_LETTERS = frozenset("ijklmn")


class _Out(Exception):
    """A term or step this model does not read."""


class _Quiet(_Out):
    """A step with no probability or expectation: not this model's, nothing to note."""


def _rat(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _readable(expr: sp.Basic, names: set[sp.Symbol]) -> None:
    """Raise :class:`_Out` unless ``expr`` is built from ``names`` and numbers with
    ``+ * ^``, ``exp`` and ``log`` only."""
    if not isinstance(expr, sp.Expr) or not expr.free_symbols <= names:
        raise _Out("a term outside the random variable and the parameters")
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Function) and not isinstance(node, _FUNCS):
            raise _Out(f"the function {type(node).__name__}")


def _sympify(text: str, deps: set[sp.Symbol]) -> sp.Basic:
    """``text`` parsed with each name of ``deps`` as its symbol (a name such as ``lambda``
    is renamed first: SymPy's parser reads it as Python)."""
    ordered = sorted(deps, key=lambda s: -len(s.name))
    local = {}
    for k, sym in enumerate(ordered):
        text = re.sub(rf"(?<![A-Za-z0-9_]){re.escape(sym.name)}(?![A-Za-z0-9_])",
                      f"_hbv{k}", text)
        local[f"_hbv{k}"] = sym
    return sp.sympify(text, locals=local)


#: The public name of :func:`_sympify` (other models read atom keys with it).
sympify_named = _sympify


def _event(key: str, deps: set[sp.Symbol]) -> sp.Basic:
    """``Pr[a >= b]``'s event as a SymPy relation between readable sides."""
    inner = key[3:-1]
    for op, cls in _RELS.items():
        parts = inner.split(f" {op} ")
        if len(parts) != 2 or any(o in p for p in parts for o in (" < ", " > ", "=", " & ")):
            continue
        try:
            sides = [_sympify(p, deps) for p in parts]
        except (sp.SympifyError, SyntaxError, TypeError, ValueError) as err:
            raise _Out("an event not read") from err
        for s in sides:
            _readable(s, deps)
        return cls(*sides)
    raise _Out("an event that is not one relation")


def _quantity(atom: Any) -> tuple[str, sp.Basic]:
    """``("E", g)`` or ``("Pr", relation)`` of an unconditioned, unsubscripted atom."""
    if atom is None or atom.kind not in ("E", "Pr") or " | " in atom.key or not \
            atom.key.startswith(f"{atom.kind}["):
        raise _Out("a symbol that is neither a parameter nor a probability / expectation")
    deps = set(atom.depends)
    if atom.kind == "Pr":
        return "Pr", _event(atom.key, deps)
    if atom.arg is None:
        raise _Out("an expectation read as tokens only")
    _readable(atom.arg, deps)
    return "E", atom.arg


def read_step(diff: sp.Expr, atoms: dict, laws: list) -> tuple[dict, sp.Symbol, list]:
    """``({atom symbol: quantity}, the random variable, the parameters)`` of the step whose
    ``lhs - rhs`` is ``diff``; :class:`_Out` when it is not one this model reads."""
    quantities, inside = {}, set()
    if not any(sym in atoms and atoms[sym].kind in ("E", "Pr") for sym in diff.free_symbols):
        raise _Quiet
    for sym in diff.free_symbols:
        if sym in atoms:
            quantities[sym] = _quantity(atoms[sym])
            inside |= set(atoms[sym].depends)
    if not quantities:
        raise _Out("no probability or expectation")
    named = law_names(laws, {s.name for s in inside})
    rvs = {s for s in inside if s.name in named or (s.name[:1].isupper()
                                                    and s.name[:1].isascii())}
    if len(rvs) != 1:
        raise _Out("not exactly one random variable")
    (rv,) = rvs
    if law_names(laws, {rv.name}):
        raise _Out(f"a stated law statement about {rv}")
    params = (diff.free_symbols - set(quantities)) | (inside - rvs)
    if not params:
        raise _Quiet  # no parameter: :mod:`.moment_laws`' step, not this model's
    outside = sorted(p.name for p in params - inside)
    if outside:
        raise _Out(f"the scalar {', '.join(outside)} occurs outside every probability and "
                   "expectation (it may be a constant the text ties to the law)")
    return quantities, rv, sorted(params, key=lambda s: s.name)


def _stated(params: list[sp.Symbol], hyp: Any, rv: sp.Symbol,
            atoms: dict) -> tuple[dict, list]:
    """Each parameter's grid values inside its stated domain (the random variable's under
    the key ``rv``), and the stated relations (SymPy) to meet; :class:`_Out` for a parameter
    with no stated assumption, or a stated relation about the variable or its law."""
    if hyp.equations:
        raise _Out("a stated equation")
    relations = [r.value for r in hyp.relations if r.value is not None]
    related = set().union(*(sp.sympify(a).free_symbols | sp.sympify(b).free_symbols
                            for a, _, b in relations)) if relations else set()
    if _about_law(rv, hyp) or related & (set(atoms) | {rv}) or any(
            rv in a.depends and domain_for(sym.name, hyp.domains) is not None
            for sym, a in atoms.items()):
        raise _Out(f"a stated relation about {rv} or its law")
    grids = {}
    for p in params:
        dom = domain_for(p.name, hyp.domains)
        if dom is None and p not in related:
            raise _Out(f"no stated assumption on the scalar {p.name}")
        grids[p] = [v for v in GRID if dom is None or _inside(v, dom)]
    for sym in sorted(related - set(params), key=lambda s: s.name):
        dom = domain_for(sym.name, hyp.domains)
        grids[sym] = [v for v in GRID if dom is None or _inside(v, dom)]
    if any(len(g) < 2 for g in grids.values()):
        raise _Out("a stated domain holds too few grid values")
    dom = domain_for(rv.name, hyp.domains)
    grids[rv] = [Fraction(v) for v in REAL_VALUES if dom is None or _inside(Fraction(v), dom)]
    if len(grids[rv]) < 2:
        raise _Out(f"the stated domain of {rv} holds too few sample values")
    return grids, relations


def _about_law(rv: sp.Symbol, hyp: Any) -> bool:
    r"""Whether a stated assumption names ``rv`` other than as a bare range (``U \ge 0``):
    ``\Pr[U = 0] = 1``, ``\mathbb{E}[U] \le 1``, ``U = 2`` constrain its law."""
    word = re.compile(rf"(?<![A-Za-z\\]){re.escape(rv.name)}(?![A-Za-z])")
    return any(word.search(text) and re.search(r"[\[\](){}=|]|\\(?:Pr|mathbb|E\b|operatorname)",
                                                text) for text in hyp.stated)


def _inside(v: Fraction, dom: Any) -> bool:
    lo, hi, lo_open, hi_open = dom.ends()
    if dom.kind != "real":
        return False
    return ((lo is None or v > lo or (v == lo and not lo_open))
            and (hi is None or v < hi or (v == hi and not hi_open)))


def _meets(relations: list, point: dict) -> bool:
    """Whether the drawn parameters meet every stated relation, exactly."""
    for a, op, b in relations:
        left = sp.sympify(a).xreplace(point)
        right = sp.sympify(b).xreplace(point)
        if left.free_symbols or right.free_symbols:
            raise _Out("a stated relation about a symbol the model does not draw")
        if not (left.is_real and right.is_real):
            return False  # undefined there (1/b at b = 0): not a point the text allows
        ok = {"<": left < right, "<=": left <= right, ">": left > right,
              ">=": left >= right, "!=": sp.simplify(left - right) != 0}.get(op)
        if ok is None or not bool(ok):
            return False
    return True


def _holds(rel: sp.Basic, point: dict) -> bool:
    """The event at one outcome; :class:`_Out` when it cannot be told apart from equality."""
    gap = rel.lhs.xreplace(point) - rel.rhs.xreplace(point)
    if not gap.is_Rational:
        approx = sp.N(gap, 60)
        if approx.is_real and abs(approx) > _MARGIN:
            gap = approx
        elif sp.simplify(gap) == 0:
            gap = sp.Integer(0)
        else:
            raise _Out("an event decided only numerically at its boundary")
    return bool(type(rel)(gap, 0))


def _value(q: tuple, rv: sp.Symbol, law: list, point: dict) -> sp.Basic:
    total = sp.Integer(0)
    for x, p in law:
        at = {**point, rv: _rat(x)}
        if q[0] == "Pr":
            total += _rat(p) if _holds(q[1], at) else 0
        else:
            term = q[1].xreplace(at)
            if term.is_real is not True:
                raise _Out("an integrand value that is not real")  # X^(1/2) at X < 0
            total += _rat(p) * term
    return total


def _exponent_letters(exprs: list, params: list[sp.Symbol]) -> set[sp.Symbol]:
    """The parameters with a conventional integer letter (:data:`INTEGER_LETTERS`) met in an
    exponent ``a^{...}`` of ``exprs``: ``k`` of ``X^{2k}``."""
    found: set[sp.Symbol] = set()
    for expr in exprs:
        for node in sp.preorder_traversal(expr):
            if isinstance(node, sp.Pow):
                found |= {p for p in params if p in node.exp.free_symbols
                          and p.name.split("_")[0] in INTEGER_LETTERS}
    return found


def _law(rng: random.Random, support: list[Fraction]) -> list[tuple[Fraction, Fraction]]:
    """A finite law on 1 to 4 values of ``support`` with rational weights."""
    values = rng.sample(support, rng.randint(1, min(4, len(support))))
    weights = [rng.randint(1, 6) for _ in values]
    return [(Fraction(v), Fraction(w, sum(weights))) for v, w in zip(values, weights, strict=True)]


def search(diff: sp.Expr, rel: str, quantities: dict, rv: sp.Symbol, grids: dict,
           relations: list, seed: int, sides: tuple = (),
           integer_like: frozenset = frozenset()) -> tuple[int, tuple | None]:
    """``(draws meeting the assumptions, first failing (law, parameters, gap, values, off))``
    or ``None`` for the failure. A draw where an integrand or a side of the step (``sides``)
    is not real is skipped: neither a witness nor counted. A failure with a parameter of
    ``integer_like`` off the integers is kept only when no failure at integers is found,
    flagged ``off = True``."""
    rng = random.Random(f"parametric-moments:{seed}")
    met, soft = 0, None
    support = grids[rv]
    pars = sorted(((s, g) for s, g in grids.items() if s != rv), key=lambda i: i[0].name)
    for _ in range(DRAWS):
        point = {s: _rat(rng.choice(g)) for s, g in pars}
        if not _meets(relations, point):
            continue
        law = _law(rng, support)
        try:
            values = {s: _value(q, rv, law, point) for s, q in quantities.items()}
        except _Out:
            continue
        at = {**values, **point}
        gap = diff.xreplace(at)
        if any(e.xreplace(at).is_real is not True for e in (*sides, gap)):
            continue  # a complex side (E[X^p]^(1/p) with E[X^p] < 0): no real instance
        met += 1
        if exact_fails(rel, gap):
            off = any(not point[p].is_integer for p in integer_like if p in point)
            if not off:
                return met, (law, point, gap, at, False)
            soft = soft or (law, point, gap, at, True)
    return met, soft


def parametric_moment_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: the verdict of an UNDECIDED step about one random variable's probabilities and
    expectations with stated parameters (module doc); nothing on a step it does not read."""
    table = checker.table
    if check.verdict != "UNDECIDED" or step is None or table is None or checker.contradictory:
        return
    if step.rel not in ("=", "<=", "<", ">=", ">"):
        return
    try:
        lhs, rhs = (sp.sympify(e).xreplace(checker.defs) for e in (step.lhs, step.rhs))
        diff = lhs - rhs
        if not isinstance(diff, sp.Expr) or not diff.free_symbols:
            return
        quantities, rv, params = read_step(diff, table.atoms, table.hyp.laws)
        grids, relations = _stated(params, table.hyp, rv, table.atoms)
    except _Quiet:
        return
    except _Out as why:
        check.notes.append(f"parametric moment model not used: {why}")
        return
    from hallbound.proofs_checks.latex.worker import run_with_budget

    status, out, used = run_with_budget(
        lambda: search(diff, step.rel, quantities, rv, grids, relations, checker.seed,
                       (lhs, rhs), frozenset(_exponent_letters(
                           [diff, *(q[1] for q in quantities.values())], params))),
        min(checker.limit, CPU_S))
    checker.charged += used
    if status != "ok":
        check.notes.append(f"parametric moment model not used: {out or status}")
        return
    met, fail = out
    if fail is None:
        if met >= MIN_DRAWS:
            _supported(check, rv, params, met)
        return
    if fail[4]:
        _off_integers(check, rv, fail)
        return
    _refuted(check, checker, rv, fail, lhs, rhs)


def _off_integers(check: Any, rv: sp.Symbol, fail: tuple) -> None:
    """A failure found only with an exponent letter such as ``k`` off the integers: the text
    conventionally means integers there, so no verdict (a note with the reading)."""
    law, point = fail[0], fail[1]
    shown = " | ".join(f"{x} {p}" for x, p in law)
    pars = ", ".join(f"{s} = {v}" for s, v in sorted(point.items(), key=lambda i: i[0].name))
    check.notes.append(
        f"parametric moment model: the step fails at the law {rv}: {shown} with {pars}, but "
        "only with an exponent letter off the integers (read as an integer conventionally); "
        "no failure at integer values: no verdict")


def _supported(check: Any, rv: sp.Symbol, params: list, met: int) -> None:
    check.verdict, check.method = "SUPPORTED", "parametric moment model"
    check.detail = (f"sampled over {met} finite laws of {rv} (values in "
                    f"{{{', '.join(map(str, REAL_VALUES))}}}, 1 to 4 atoms) with the "
                    f"parameters {', '.join(p.name for p in params)} on a grid of rationals "
                    "meeting every stated assumption, each computed exactly: no failure")
    check.trials = met
    check.notes = [n for n in check.notes if not n.startswith("no assumption on ")]


def _has_atom(expr: sp.Expr, atoms: dict) -> bool:
    return any(s in atoms for s in expr.free_symbols)


def _refuted(check: Any, checker: Any, rv: sp.Symbol, fail: tuple, lhs: sp.Expr,
             rhs: sp.Expr) -> None:
    law, point, gap, at, _ = fail
    shown = " | ".join(f"{x} {p}" for x, p in law)
    pars = ", ".join(f"{s} = {v}" for s, v in sorted(point.items(), key=lambda i: i[0].name))
    where = f"the law {rv}: {shown} with {pars}"
    atoms = checker.table.atoms
    refused = list(checker.refused) + [msg for _, msg in checker.table.hyp.errors]
    if refused:
        check.detail = (f"the step fails at {where}, but an assumption of this environment "
                        f"was not read ({'; '.join(map(str, refused))})")
        return
    if not all(_has_atom(e, atoms) for e in (lhs, rhs)):
        check.detail = (f"the step fails at {where}, but one side is a closed form of the "
                        "parameters only: such a bound can rest only on a hypothesis about the "
                        f"law of {rv} (a tail or moment bound stated in words), not read here")
        return
    check.verdict, check.method = "REFUTED", "parametric moment model, exact"
    check.detail = (f"fails at {where}, which meets every stated assumption "
                    f"(lhs - rhs = {float(sp.N(gap, 30)):.6g})")
    check.witness = {"law": f"{rv}: {shown}", "parameters": pars}
    check.satisfies = [f"the stated assumptions on {pars}"]
    check.lhs_value, check.rhs_value = (float(sp.N(e.xreplace(at), 30)) for e in (lhs, rhs))


__all__ = ["parametric_moment_check", "read_step", "search", "sympify_named"]
