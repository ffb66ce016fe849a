r"""A finite-law model of the information atoms of a step: entropies ``H[..]``, mutual
informations (read through joint entropies) and Ruzsa distances ``d[X | Z; Y | W]``.

When every atom left in ``lhs - rhs`` is such a quantity of terms in random variables
(sums, differences, integer multiples and tuples of variables: :mod:`.rv_terms`) and
``lhs - rhs`` is a linear form in them with rational coefficients and no constant term (so
that the base of the logarithm does not matter: a change of base scales every atom alike),
:func:`search` draws random joint laws on small supports and evaluates the step at each one
exactly: probabilities are :class:`~fractions.Fraction`, entropies are computed with mpmath
at :data:`DPS` digits, and a failure is re-checked at :data:`CONFIRM_DPS` digits.

The laws respect what the environment states (:mod:`.law_statements`): the variables are
split into independent blocks, each with a random joint law, such that no block meets two
groups of one independence statement (so every statement holds exactly); laws where every
variable is its own block and laws with dependent blocks are both drawn. Blocks alone draw
more than a statement says (a third variable never depends on two independent ones, pairwise
statements come out mutual), so a share of the laws is drawn by :mod:`.linear_laws`: every
variable a function of linear forms of uniform seeds over :math:`\mathbb{F}_2` or
:math:`\mathbb{F}_3`, the statements met exactly (``Z = X + Y``, the xor law). An independent
copy (``(X', Z') \text{ independent copies}``, an i.i.d. family) is a block of its own with
the law of its original; a copy of which only the law is stated (``X' \text{ a copy of }
X``) is drawn as a coupling with its original (independent, identical, or a mixture of the
two). "``X \text{ independent of } Y, Z``" makes ``X`` independent of the pair ``(Y, Z)``
only. Definitions (``Z = A_1 + B_1``) are substituted. The Ruzsa distance is
:math:`d[X; Y] = H[X' - Y'] - H[X]/2 - H[Y]/2` with :math:`X', Y'` independent copies, and
:math:`d[X | Z; Y | W] = \sum_{z, w} P(Z = z) P(W = w)\, d[(X | Z = z); (Y | W = w)]`.

Groups: with ``\text{characteristic } p`` read, values lie in :math:`(\mathbb{Z}/2)^2`
(``p = 2``) or :math:`\mathbb{Z}/p`; otherwise in :math:`\mathbb{Z}` (a failure there is a
counterexample only when it fails in :math:`(\mathbb{Z}/2)^2` too) and in
:math:`(\mathbb{Z}/2)^2` (a failure only there is reported, never REFUTED: the text's group
may be torsion-free; a failure only in :math:`\mathbb{Z}` likewise, the text's group may be
:math:`\mathbb{F}_2^n`). ``\text{characteristic } 0`` states a torsion-free group: values in
:math:`\mathbb{Z}` only.

:func:`apply_finite_laws` is ``verify``'s hook: a failure at a law that satisfies every read
assumption is REFUTED with the law as witness, unless an assumption of the environment was
not read, or the failing atoms fall into groups of variables that nothing stated links (the
text may relate them in prose: a copy, a relabelling); no failure over the laws is
SUPPORTED, saying what was sampled.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from hallbound.proofs_checks.latex.math_atoms import Atom
from hallbound.proofs_checks.latex.models.law_statements import (
    CHARACTERISTIC,
    COPY,
    IID,
    INDEPENDENT,
    LawStatement,
    family,
    in_family,
)
from hallbound.proofs_checks.latex.models.linear_laws import linear_law
from hallbound.proofs_checks.latex.models.rv_terms import (
    TermError,
    entropy_quantity,
    mutual_information_quantity,
    parse_term,
    quantity_vars,
    ruzsa_quantity,
    substitute_quantity,
    term_vars,
    tokens,
)

#: Digits of the screening evaluation, and of the re-check of a failure.
DPS, CONFIRM_DPS = 30, 60
#: A difference larger than this (screening) / the confirm tolerance counts as a failure.
TOL, CONFIRM_TOL = mpmath.mpf("1e-18"), mpmath.mpf("1e-40")
#: How many laws are drawn in each group.
LAWS_PER_GROUP = 40
#: Most drawn (base) variables, and most variables with the copies.
MAX_BASE, MAX_VARS = 6, 12
#: Most outcomes of one block's law.
MAX_OUTCOMES = 5
#: The share of draws (after the first) made by :func:`.linear_laws.linear_law`.
LINEAR_SHARE = 0.4
#: CPU seconds the search may spend on one step.
LAW_CPU_S = 15.0
Z, Z2SQ = "Z", "(Z/2)^2"


# -- groups --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """An abelian group: its name, the values a variable is drawn from, and ``+``/``-``."""

    name: str
    values: tuple[int, ...]
    add: Callable[[int, int], int]
    neg: Callable[[int], int]


#: The values of a real random variable (moment model): integers and a few fractions, so
#: that an interval such as [0, 1] keeps points strictly inside it (0, 1/3, 1/2, 1).
REAL_VALUES: tuple = (-1, Fraction(-1, 2), 0, Fraction(1, 3), Fraction(1, 2), 1,
                      Fraction(3, 2), 2, 3)


def group_named(name: str) -> Group:
    """``Z`` (values 0, 1, 2), ``(Z/2)^2`` (0..3, XOR) or ``Z/p``."""
    if name == Z:
        return Group(Z, (0, 1, 2), lambda a, b: a + b, lambda a: -a)
    if name == Z2SQ:
        return Group(Z2SQ, (0, 1, 2, 3), lambda a, b: a ^ b, lambda a: a)
    if name == "R":
        return Group("R", REAL_VALUES, lambda a, b: a + b, lambda a: -a)
    p = int(name.split("/")[1])
    return Group(name, tuple(range(p)), lambda a, b: (a + b) % p, lambda a: (-a) % p)


def value_of(term: tuple, point: Mapping[str, Any], g: Group) -> Any:
    """The value of ``term`` where the variables take ``point``'s values."""
    kind = term[0]
    if kind == "var":
        return point[term[1]]
    if kind == "num":
        return term[1] if g.name == Z else _times(term[1], g.values[1] if term[1] else 0, g)
    if kind == "add":
        return g.add(value_of(term[1], point, g), value_of(term[2], point, g))
    if kind == "neg":
        return g.neg(value_of(term[1], point, g))
    if kind == "mul":
        return _times(term[1], value_of(term[2], point, g), g)
    if kind == "tuple":
        return tuple(value_of(t, point, g) for t in term[1])
    raise TermError(f"unknown term {kind!r}")


def _times(k: int, v: int, g: Group) -> int:
    out = 0
    for _ in range(abs(k)):
        out = g.add(out, v)
    return g.neg(out) if k < 0 else out


# -- the model of one step ------------------------------------------------------------------


@dataclass
class Model:
    """A step ``sum c_k q_k REL 0`` over quantities ``q_k``, and how its laws are drawn."""

    terms: list[tuple[Fraction, tuple]]
    rel: str
    base: list[str]
    copies: list[tuple[tuple[str, ...], tuple[str, ...]]]
    constraints: list[list[set[str]]]
    groups: list[str]
    refute_in: set[str]
    linked: bool
    statements: list[str] = field(default_factory=list)
    #: the atom symbol of each term
    symbols: list[sp.Symbol] = field(default_factory=list)
    #: ``lhs - rhs`` in the atoms, for a step of moments evaluated exactly
    #: (:mod:`.moment_laws`); None for a linear form in entropies
    diff: Any = None
    #: the values a variable may take where a stated domain narrows them
    allowed: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: the values of a real random variable (moments): :data:`REAL_VALUES`, widened past
    #: every number the step writes (:func:`.law_verdicts.widened_values`)
    real_values: tuple = ()
    #: the copies of which only the law is stated (``X' \text{ a copy of } X``): each drawn
    #: as a coupling with its original, from independent to identical
    coupled: list[tuple[str, ...]] = field(default_factory=list)
    #: stated relations about the model's quantities, checked on every drawn law
    #: (:mod:`.law_constraints`); a law that breaks one is not counted
    stated: list[Any] = field(default_factory=list)
    #: for a step of moments, the exact evaluation (``value``, ``gap``, ``fails``) that
    #: :mod:`.moment_laws` attaches when it builds the model (so this module needs no import
    #: of it)
    moments: Any = None
    #: a quantity is written as a function (``H(X | Y)``, ``I(X; Y)``), as information
    #: theory texts do, stating the laws of their variables in words (a channel, a Markov
    #: chain): a failure where no read statement is about a variable's law refutes nothing
    plain: bool = False


def _inner(text: str) -> str:
    """The argument of ``H[..]`` / ``d(..)`` (between the first bracket and the last)."""
    start = min(i for i in (text.find("["), text.find("(")) if i >= 0)
    return text[start + 1: -1]


def quantity_of(atom: Atom, entropy_context: bool) -> tuple | None:
    """The information quantity ``atom`` stands for, or None when it is none: an entropy
    atom; ``H(..)``/``H[..]`` read as a function value when the environment reads entropies
    (``\\mathbb{H}``, or an ``H(.. | ..)``) or its own argument conditions with ``|``;
    ``d[X; Y]`` (a top-level ``;``); the mutual information ``I(X; Y | Z)`` (a top-level
    ``;``; an ``I(..; ..)`` in the environment also makes it read entropies)."""
    if atom.kind == "H":
        return entropy_quantity(atom.key[2:-1])
    if atom.kind != "func":
        return None
    head = atom.head.strip("[]\\")
    if head == "H" and ("|" in atom.latex or "mid" in atom.latex or entropy_context):
        return entropy_quantity(_inner(atom.latex))
    if head == "d" and ";" in atom.latex:
        return ruzsa_quantity(_inner(atom.latex))
    if head == "I" and ";" in atom.latex:
        return mutual_information_quantity(_inner(atom.latex))
    return None


def linear_form(diff: sp.Basic, atoms: Mapping[sp.Symbol, Atom]
                ) -> list[tuple[Fraction, sp.Symbol]] | None:
    """``diff`` as ``sum c_k a_k`` over atom symbols with rational ``c_k`` and no constant
    term; None otherwise."""
    out = []
    for term in sp.Add.make_args(diff):
        coeff, rest = term.as_coeff_Mul()
        if not coeff.is_Rational or rest not in atoms:
            return None
        out.append((Fraction(int(coeff.p), int(coeff.q)), rest))
    return out


def _def_terms(defs: Mapping[Any, Any]) -> dict[str, tuple]:
    """The definitions ``name -> term`` that read as terms (others are left out)."""
    out = {}
    for sym, expr in defs.items():
        try:
            out[str(sym)] = parse_term(tokens(sp.sstr(expr)))
        except TermError:
            continue
    return out


def build_model(lhs: sp.Basic, rel: str, rhs: sp.Basic, atoms: Mapping[sp.Symbol, Atom],
                defs: Mapping[Any, Any], laws: list[LawStatement]) -> Model | None:
    """The model of ``lhs REL rhs`` (module doc), or None when the step is not one of
    information quantities only; :class:`TermError` when a quantity cannot be read."""
    try:
        diff = sp.expand(lhs - rhs)
    except Exception:  # noqa: BLE001 - not an expression the model reads
        return None
    if not isinstance(diff, sp.Expr) or not diff.free_symbols or diff.is_number:
        return None
    form = linear_form(diff, atoms)
    if form is None:
        return None
    context = any(a.kind == "H" or (a.kind == "func" and (
        (a.head.strip("[]\\") == "H" and ("|" in a.latex or "mid" in a.latex))
        or (a.head.strip("[]\\") == "I" and ";" in a.latex))) for a in atoms.values())
    dterms = _def_terms(defs)
    terms = []
    for coeff, sym in form:
        q = quantity_of(atoms[sym], context)
        if q is None:
            return None
        q = substitute_quantity(q, dterms)
        if quantity_vars(q) & set(str(s) for s in defs if str(s) not in dterms):
            raise TermError("a variable with a definition the model cannot read")
        terms.append((coeff, q))
    model = _structure(terms, rel, laws)
    if model is not None:
        model.symbols = [sym for _, sym in form]
        model.plain = any(atoms[sym].kind == "func" for _, sym in form)
    return model


def _expand(groups: tuple, names: set[str]) -> list[tuple[str, ...]]:
    """Groups with each family ``X_*`` replaced by one group per member among ``names``."""
    out: list[tuple[str, ...]] = []
    for g in groups:
        if len(g) == 1 and "_*" in g[0]:
            out += [(n,) for n in sorted(names) if in_family(n, g[0])]
        elif len(g) == 1 and family(g[0]) and g[0] not in names:
            out += [(n,) for n in sorted(names) if in_family(n, family(g[0]) or "")]
        else:
            out.append(g)
    return out


def _copies(laws: list[LawStatement], names: set[str]) -> list[tuple[tuple, tuple]]:
    """(copy group, source group) pairs: copy statements, and each i.i.d. family's members
    after its first as copies of the first."""
    out = []
    for law in laws:
        if law.kind == COPY:
            out += [(g, s) for g, s in zip(law.groups, law.sources, strict=True)
                    if set(g) & names]
        elif law.kind == IID:
            members = _expand(law.groups, names)
            if any(len(m) != len(members[0]) for m in members):
                raise TermError("an i.i.d. list of groups of different sizes")
            out += [(m, members[0]) for m in members[1:]]
    return out


def _ordered(copies: list[tuple[tuple, tuple]]) -> list[tuple[tuple, tuple]] | None:
    """Copies ordered so that each one's source is drawn before it; None on a cycle or a
    variable copied twice."""
    made = [n for g, _ in copies for n in g]
    if len(made) != len(set(made)):
        return None
    done: set[str] = set()
    out, rest = [], list(copies)
    while rest:
        ready = [c for c in rest if not (set(c[1]) & set(made)) - done]
        if not ready:
            return None
        for c in ready:
            out.append(c)
            done |= set(c[0])
            rest.remove(c)
    return out


def qvars(q: tuple) -> set[str]:
    """The variable names of an entropy / Ruzsa distance / moment quantity."""
    if q[0] in ("E", "Var", "Cov", "Pr"):
        return {s.name for s in q[1].free_symbols}
    return quantity_vars(q)


def _structure(terms: list[tuple[Fraction, tuple]], rel: str,
               laws: list[LawStatement]) -> Model | None:
    names = set().union(*(qvars(q) for _, q in terms))
    copies = _ordered(_copies(laws, names))
    if copies is None:
        raise TermError("copies the model cannot order")
    for g, s in copies:
        names |= set(g) | set(s)
    made = {n for g, _ in copies for n in g}
    base = sorted(names - made)
    if len(base) > MAX_BASE or len(names) > MAX_VARS:
        raise TermError(f"{len(names)} variables (at most {MAX_BASE} drawn)")
    constraints = _independence(laws, names, made)
    coupled = [g for law in laws if law.kind == COPY and not law.independent
               for g in law.groups if set(g) & made]
    if {n for g in coupled for n in g} & {n for groups in constraints for g in groups
                                          for n in g}:
        raise TermError("an independence statement about a copy whose independence is not "
                        "stated (only its law is)")
    mod = [law.modulus for law in laws if law.kind == CHARACTERISTIC]
    if mod:
        groups = [Z2SQ if mod[0] == 2 else Z if mod[0] == 0 else f"Z/{mod[0]}"]
    else:
        groups = [Z, Z2SQ]
    model = Model(terms, rel, base, copies, constraints, groups, {groups[0]},
                  _linked(terms, copies, constraints),
                  [law.text for law in laws if law.kind != "abscont"])
    model.coupled = coupled
    return model


def _independence(laws: list[LawStatement], names: set[str], made: set[str]
                  ) -> list[list[set[str]]]:
    """Each independence statement as its groups of drawn variables (an independent copy is
    independent of everything already). ``A independent of B``: a family ``X_*`` (written with
    ``\\dots``) stays inside its group; an indexed ``X_i`` states each member alone
    independent of ``B``, which the block model cannot draw for two members or more
    (:class:`TermError`)."""
    out = []
    for law in laws:
        if law.kind != INDEPENDENT:
            continue
        if law.of:
            groups = [set(_members(g, names)) for g in law.groups]
        else:
            groups = [set(g) for g in _expand(law.groups, names)]
        out.append([g - made for g in groups if g - made])
    return out


def _members(group: tuple, names: set[str]) -> list[str]:
    """The variables of ``group`` among ``names``, a family by its members."""
    out = []
    for n in group:
        fam = n if "_*" in n else (family(n) if n not in names else None)
        if fam is None:
            out.append(n)
            continue
        members = sorted(m for m in names if in_family(m, fam))
        if "_*" not in n and len(members) > 1:
            raise TermError(f"'{n} independent of ..' states each member alone independent, "
                            "not the members jointly: the model cannot draw that")
        out += members
    return out


def _linked(terms: list[tuple[Fraction, tuple]], copies: list, constraints: list) -> bool:
    """Whether the variables of the quantities form one group, linked by the quantities,
    the copies and the independence statements."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    def union(names: set[str]) -> None:
        items = sorted(names)
        for a in items[1:]:
            parent[find(a)] = find(items[0])

    for _, q in terms:
        union(qvars(q))
    for g, s in copies:
        union(set(g) | set(s))
    for groups in constraints:
        union(set().union(*groups))
    used = set().union(*(qvars(q) for _, q in terms))
    return len({find(n) for n in used}) <= 1


# -- laws ----------------------------------------------------------------------------------

Factor = tuple[tuple[str, ...], dict[tuple, Fraction]]


def _blocks(model: Model, rng: random.Random, first: bool) -> list[list[str]]:
    """A random partition of the base variables in which no block meets two groups of one
    independence statement (every variable alone when ``first``)."""
    blocks: list[list[str]] = []
    order = list(model.base)
    rng.shuffle(order)
    for v in order:
        ok = [b for b in blocks if not any(_apart(v, u, model.constraints) for u in b)]
        if first or not ok or rng.random() < 0.35:
            blocks.append([v])
        else:
            rng.choice(ok).append(v)
    return blocks


def _apart(v: str, u: str, constraints: list[list[set[str]]]) -> bool:
    """Whether some statement puts ``v`` and ``u`` in different independent groups."""
    for groups in constraints:
        iv = [i for i, g in enumerate(groups) if v in g]
        iu = [i for i, g in enumerate(groups) if u in g]
        if iv and iu and set(iv) != set(iu):
            return True
    return False


def _block_law(names: list[str], g: Group, rng: random.Random,
               allowed: Mapping[str, tuple[int, ...]]) -> Factor:
    """A random law of ``names`` on a few outcomes, with rational probabilities (each
    variable on the values ``allowed`` it, if narrowed)."""
    supports = []
    for n in names:
        vals = allowed.get(n, g.values)
        size = rng.choice((2, 2, 3)) if g.name == Z else rng.randint(min(2, len(vals)),
                                                                      len(vals))
        supports.append(rng.sample(vals, min(size, len(vals))))
    space = list(itertools.product(*supports))
    picked = rng.sample(space, rng.randint(min(2, len(space)), min(MAX_OUTCOMES, len(space))))
    weights = [rng.randint(1, 6) for _ in picked]
    total = sum(weights)
    return tuple(names), {o: Fraction(w, total) for o, w in zip(picked, weights, strict=True)}


def draw_law(model: Model, g: Group, rng: random.Random, first: bool) -> list[Factor]:
    """Independent factors: the base blocks (or, for a share :data:`LINEAR_SHARE` of the
    draws after the first, one joint law of linear forms of uniform seeds,
    :mod:`.linear_laws`, which reaches the laws blocks miss: ``Z = X + Y`` with ``X, Y``
    independent), then each copy with its source's law."""
    joint = None
    if not first and len(model.base) > 1 and rng.random() < LINEAR_SHARE:
        values = {n: model.allowed.get(n, g.values) for n in model.base}
        if all(len(v) > 1 for v in values.values()):  # a constant is no linear form's map
            joint = linear_law(model.base, model.constraints, values, rng)
    factors = [joint] if joint is not None else [
        _block_law(b, g, rng, model.allowed) for b in _blocks(model, rng, first)]
    for copy, source in model.copies:
        dist = marginal(factors, ("tuple", tuple(("var", n) for n in source)), g)
        if tuple(copy) in model.coupled:
            share = rng.choice((Fraction(0), Fraction(1), Fraction(rng.randint(1, 5), 6)))
            if share:
                kernel = antithetic(dist) if rng.random() < 0.5 else None
                factors = _couple(factors, tuple(copy), tuple(source), dist, share, kernel)
                continue
        factors.append((tuple(copy), dist))
    return factors


def antithetic(dist: Mapping[Any, Fraction]) -> dict[Any, dict[Any, Fraction]]:
    """The countermonotone coupling of ``dist`` with itself as a kernel ``value -> {other:
    P(copy = other | source = value)}``: the outcomes in increasing order, the quantile u
    of the source paired with 1 - u of the copy (X uniform on {0, 1}: the copy is 1 - X);
    the copy's law is ``dist``."""
    order = sorted(dist)
    ends, acc = [], Fraction(0)
    for v in order:
        ends.append((acc, acc + dist[v]))
        acc += dist[v]
    kernel: dict[Any, dict[Any, Fraction]] = {}
    for v, (a, b) in zip(order, ends, strict=True):
        row: dict[Any, Fraction] = {}
        for w, (c, d) in zip(order, ends, strict=True):
            overlap = min(b, 1 - c) - max(a, 1 - d)
            if overlap > 0 and dist[v]:
                row[w] = overlap / dist[v]
        kernel[v] = row
    return kernel


def _couple(factors: list[Factor], copy: tuple, source: tuple, dist: dict,
            share: Fraction, kernel: Mapping[Any, Mapping[Any, Fraction]] | None = None
            ) -> list[Factor]:
    """The factors with ``copy`` coupled to ``source``: the factors ``source`` touches are
    merged, and with probability ``share`` ``copy`` equals ``source`` (``kernel`` None) or is
    drawn from ``kernel[source]`` (the antithetic coupling), else it is drawn from ``dist``
    (the law of ``source``) independently; the law of ``copy`` is ``dist``."""
    used = [f for f in factors if set(f[0]) & set(source)]
    rest = [f for f in factors if not set(f[0]) & set(source)]
    names = tuple(n for f in used for n in f[0])
    joint: dict[tuple, Fraction] = {}
    for combo in itertools.product(*(list(f[1].items()) for f in used)):
        outcome = tuple(v for o, _ in combo for v in o)
        p = Fraction(1)
        for _, q in combo:
            p *= q
        point = dict(zip(names, outcome, strict=True))
        own = tuple(point[n] for n in source)
        for value, q in dist.items():
            tied = (value == own) if kernel is None else kernel[own].get(value, 0)
            w = p * ((1 - share) * q + share * tied)
            if w:
                key = (*outcome, *value)
                joint[key] = joint.get(key, Fraction(0)) + w
    return [*rest, ((*names, *copy), joint)]


def marginal(factors: list[Factor], term: tuple, g: Group) -> dict[Any, Fraction]:
    """The law of ``term``'s value (only the factors it touches are enumerated)."""
    need = term_vars(term)
    used = [f for f in factors if set(f[0]) & need]
    out: dict[Any, Fraction] = {}
    for combo in itertools.product(*(list(f[1].items()) for f in used)):
        point: dict[str, Any] = {}
        p = Fraction(1)
        for f, (outcome, q) in zip(used, combo, strict=True):
            point.update(zip(f[0], outcome, strict=True))
            p *= q
        v = value_of(term, point, g)
        out[v] = out.get(v, Fraction(0)) + p
    return out


def entropy(dist: Mapping[Any, Fraction]) -> mpmath.mpf:
    """:math:`-\\sum p \\log p` (natural log) at the working precision."""
    total = mpmath.mpf(0)
    for p in dist.values():
        if p:
            x = mpmath.mpf(p.numerator) / p.denominator
            total -= x * mpmath.log(x)
    return total


def _h(factors: list[Factor], parts: tuple, g: Group) -> mpmath.mpf:
    return entropy(marginal(factors, ("tuple", parts), g)) if parts else mpmath.mpf(0)


def quantity_value(q: tuple, factors: list[Factor], g: Group) -> mpmath.mpf:
    """The value of an entropy or Ruzsa distance under the law ``factors``."""
    if q[0] == "H":
        return _h(factors, (*q[1], *q[2]), g) - _h(factors, q[2], g)
    if q[0] == "I":
        left, right, cond = q[1:]
        return (_h(factors, (*left, *cond), g) + _h(factors, (*right, *cond), g)
                - _h(factors, (*left, *right, *cond), g) - _h(factors, cond, g))
    (x, z), (y, w) = q[1], q[2]
    zs, ws = (z[1] if z else ()), (w[1] if w else ())
    left = marginal(factors, ("tuple", (x, *zs)), g)
    right = marginal(factors, ("tuple", (y, *ws)), g)
    joint: dict[str, dict] = {"xzw": {}, "zw": {}, "xz": {}, "z": {}, "yw": {}, "w": {}}
    for (a, pa), (b, pb) in itertools.product(left.items(), right.items()):
        p = pa * pb
        for key, v in (("xzw", (g.add(a[0], g.neg(b[0])), *a[1:], *b[1:])),
                       ("zw", (*a[1:], *b[1:])), ("xz", a), ("z", a[1:]), ("yw", b),
                       ("w", b[1:])):
            joint[key][v] = joint[key].get(v, Fraction(0)) + p
    e = {k: entropy(v) for k, v in joint.items()}
    return e["xzw"] - e["zw"] - (e["xz"] - e["z"]) / 2 - (e["yw"] - e["w"]) / 2


def gap(model: Model, factors: list[Factor], g: Group) -> mpmath.mpf:
    """``lhs - rhs`` under the law."""
    return sum((mpmath.mpf(c.numerator) / c.denominator * quantity_value(q, factors, g)
                for c, q in model.terms), mpmath.mpf(0))


def fails(rel: str, value: mpmath.mpf, tol: mpmath.mpf) -> bool:
    """Whether ``value = lhs - rhs`` breaks ``rel`` by more than ``tol`` (a strict relation
    met with equality is not counted: the equality is not established numerically)."""
    if rel == "=":
        return abs(value) > tol
    if rel in ("<=", "<"):
        return value > tol
    return value < -tol


@dataclass
class Outcome:
    """What :func:`search` found: the failing law (None: none) in its group, its gap, how
    many laws were drawn in each group, how many of them met the stated relations
    (``met``), and the groups sampled after the failing one where every law held
    (``held``)."""

    law: list[Factor] | None
    group: str
    value: float
    drawn: dict[str, int]
    values: dict[int, float] = field(default_factory=dict)
    met: dict[str, int] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)
    #: variables with a stated numeric domain that nothing says are random, at every
    #: constant value of which (within the domain) no failure was found
    as_numbers: list[str] = field(default_factory=list)


def holds(rel: str, value: Any, tol: Any) -> bool:
    """Whether ``value = lhs - rhs`` meets ``rel`` (an equality within ``tol``; a strict
    relation by more than ``tol``)."""
    if rel == "=":
        return bool(abs(value) <= tol)
    if rel in ("<=", "<"):
        return bool(value <= tol) if rel == "<=" else bool(value < -tol)
    return bool(value >= -tol) if rel == ">=" else bool(value > tol)


def stated_hold(model: Model, factors: list[Factor], g: Group, confirm: bool) -> bool:
    """Whether the law meets every stated relation of the model (exactly for moments; at
    :data:`DPS` / :data:`CONFIRM_DPS` digits within :data:`TOL` / :data:`CONFIRM_TOL` for
    entropies)."""
    for st in model.stated:
        if model.diff is not None:
            value = sp.nsimplify(st.diff.xreplace(
                {s: model.moments.value(q, factors) for s, q in st.quantities}))
            if not value.is_Rational or not holds(st.rel, value, 0):
                return False
            continue
        dps, tol = (CONFIRM_DPS, CONFIRM_TOL) if confirm else (DPS, TOL)
        with mpmath.workdps(dps):
            vals = {s: sp.Float(quantity_value(q, factors, g), dps) for s, q in st.quantities}
            value = sp.Float(st.diff.xreplace(vals).evalf(dps), dps)
            if not value.is_real or not holds(st.rel, value, sp.Float(tol, dps)):
                return False
    return True


def _fails_at(model: Model, factors: list[Factor], g: Group) -> Outcome | None:
    """The failure of the step at the law (confirmed), or None."""
    if model.diff is not None:  # moments: exact
        exact, vals = model.moments.gap(model, factors)
        return Outcome(factors, g.name, float(exact), {}, vals) if model.moments.fails(
            model.rel, exact) else None
    with mpmath.workdps(DPS):
        if not fails(model.rel, gap(model, factors, g), TOL):
            return None
    with mpmath.workdps(CONFIRM_DPS):
        value = gap(model, factors, g)
        if not fails(model.rel, value, CONFIRM_TOL):
            return None
        vals = {i: float(quantity_value(q, factors, g)) for i, (_, q) in enumerate(model.terms)}
    if model.stated and not stated_hold(model, factors, g, True):
        return None
    return Outcome(factors, g.name, float(value), {}, vals)


def search(model: Model, seed: int = 0, per_group: int = LAWS_PER_GROUP) -> Outcome:
    """Draw laws in each of the model's groups (the refuting group first), counting only
    those that meet the stated relations, and return the first failure, confirmed at
    :data:`CONFIRM_DPS` digits (exactly for moments), with the later groups where every law
    held; or the counts."""
    rng = random.Random(seed)
    drawn: dict[str, int] = {}
    met: dict[str, int] = {}
    found: Outcome | None = None
    for name in model.groups:
        g = group_named(name)
        if name == "R" and model.real_values:
            g = Group("R", model.real_values, g.add, g.neg)
        hit = None
        met[name] = 0
        for k in range(per_group):
            factors = draw_law(model, g, rng, k == 0)
            drawn[name] = k + 1
            if model.stated and not stated_hold(model, factors, g, False):
                continue
            met[name] += 1
            hit = _fails_at(model, factors, g)
            if hit is not None:
                break
        if found is None and hit is not None:
            found = hit
        elif found is not None and hit is None:
            found.held.append(name)
    if found is None:
        return Outcome(None, "", 0.0, drawn, met=met)
    found.drawn, found.met = drawn, met
    return found


__all__ = [
    "Group",
    "Model",
    "Outcome",
    "build_model",
    "draw_law",
    "entropy",
    "fails",
    "gap",
    "REAL_VALUES",
    "antithetic",
    "group_named",
    "holds",
    "linear_form",
    "marginal",
    "quantity_of",
    "quantity_value",
    "qvars",
    "search",
]
