r"""Claims and their steps, as data.

A :class:`Claim` has a name (the paper's number, e.g. ``"Theorem 5.1"``), hypotheses
(:class:`Param`: a symbol with its assumptions and its parameter domain), a statement and
ordered :class:`Step` objects. A step states ``lhs REL rhs`` with a justification. Sides are
SymPy expressions wherever the step is an algebraic or analytic relation; probability steps
carry a :class:`~hallbound.proofs_checks.engine.probability.LawCheck` that computes both sides
exactly on discrete laws (or by Monte Carlo).

Premises enter a step as :class:`Premise` objects: a relation and what backs it (a claim
hypothesis, an earlier step cited by name, or a lemma instance from
:mod:`hallbound.proofs_checks.library.lemma_library`). The engine writes a premise as a substitution
itself (the ``solve_for`` symbol through a non-negative slack) and checks the backing by a
computation; an unbacked premise (``by=None``) caps the step at ASSUMED. The older ``given``
mapping is a premise like any other: it is backed only where each entry is a claim
definition (``Claim.definitions``), a stated equality of the claim (``Claim.assumptions``) or a
reparametrisation whose range is exactly the hypothesis' domain (e.g.
:math:`\delta = e^{-\lambda}`, :math:`\lambda \ge 0`); otherwise it is ASSUMED and ``premises``
(text) names it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath.libmp as mlib
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks.engine.exact_numbers import exact_order

#: Relations a step may state.
RELATIONS: tuple[str, ...] = (
    "=",
    "<=",
    "<",
    ">=",
    ">",
    "subset",
    "equal-in-law",
    "independent",
    "product",
)
#: The papers whose claims hallbound checks: key -> citation.
PAPERS: dict[str, str] = {
    "bad-estimations": 'Liu, Hu, Zhang, Song, Liu (2025), "Are Hallucinations Bad Estimations?"',
    "why-hallucinate": 'Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate"',
}
#: Kinds of justification.
KINDS: tuple[str, ...] = (
    "algebra",
    "calculus",
    "inequality",
    "construction",
    "definition",
    "probability",
    "independence",
    "lemma",
)


#: LaTeX of each step relation.
RELATION_TEX: dict[str, str] = {
    "=": "=",
    "<=": r"\le",
    "<": "<",
    ">=": r"\ge",
    ">": ">",
    "subset": r"\subseteq",
    "equal-in-law": r"\overset{d}{=}",
    "independent": r"\perp",
    "product": "=",
}


@dataclass(frozen=True)
class Param:
    r"""A hypothesis: one symbol and its domain.

    ``kind`` is ``"real"`` (interval ``[lo, hi]``, open ends by ``lo_open``/``hi_open``;
    ``None`` = unbounded, as is an infinite end), ``"integer"`` or ``"spd"`` (a symmetric
    positive-definite matrix of size ``dim``, an int). ``search`` bounds the sampling range
    of an unbounded parameter in falsification (the domain itself stays unbounded; draws
    stay in it).
    """

    name: str
    symbol: sp.Basic
    kind: str = "real"
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    search: tuple[float, float] | None = None
    description: str = ""
    dim: int = 1
    #: the exact ends (``1/3``, ``pi``, the decimal ``1/10`` of ``lo=0.1``), used by the
    #: provers and to confirm a witness; ``lo``/``hi`` are floats rounded outward from them,
    #: for sampling (set from ``lo``/``hi`` when not given)
    lo_exact: Any = field(default=None, compare=False, repr=False)
    hi_exact: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        for end in ("lo", "hi"):
            _set_end(self, end)
        for end in ("lo", "hi"):  # an infinite end is no end: the domain is unbounded there
            v = getattr(self, end)
            if v is not None and math.isinf(v):
                if (v > 0) == (end == "lo"):  # lo = +oo, hi = -oo: no point at all
                    raise InputError(self.name, f"{end} cannot be {v}")
                object.__setattr__(self, end, None)
                object.__setattr__(self, f"{end}_open", False)
        check_symbol_assumptions(self)

    @property
    def exact_lo(self) -> Any:
        """The exact lower end (None: unbounded)."""
        return _exact_of(self.lo, self.lo_exact)

    @property
    def exact_hi(self) -> Any:
        """The exact upper end (None: unbounded)."""
        return _exact_of(self.hi, self.hi_exact)

    def contains_exactly(self, value: Any) -> bool:
        """Membership of an exact number (a Fraction, a SymPy number) in the exact domain."""
        v = sp.nsimplify(value) if isinstance(value, float) else sp.sympify(value)
        lo, hi = self.exact_lo, self.exact_hi
        below, above = exact_order(v, lo) if lo is not None else 1, \
            exact_order(v, hi) if hi is not None else -1
        if below is None or above is None:  # undecided: not known to be inside
            return False
        return not (below < 0 or (below == 0 and self.lo_open)
                    or above > 0 or (above == 0 and self.hi_open))

    @property
    def is_integer(self) -> bool:
        """Whether the parameter ranges over integers (``kind == "integer"``)."""
        return self.kind == "integer"

    def domain_text(self) -> str:
        """E.g. ``delta in (0, 1]``."""
        if self.kind == "spd":
            return f"{self.name} positive definite ({self.dim}x{self.dim})"
        lo = "-oo" if self.lo is None else _num(self.lo)
        hi = "oo" if self.hi is None else _num(self.hi)
        left = "(" if (self.lo_open or self.lo is None) else "["
        right = ")" if (self.hi_open or self.hi is None) else "]"
        integer = " integer" if self.is_integer else ""
        return f"{self.name}{integer} in {left}{lo}, {hi}{right}"

    def contains(self, value: float) -> bool:
        """Membership of a number in the stated domain."""
        if self.lo is not None and (value < self.lo or (self.lo_open and value == self.lo)):
            return False
        if self.hi is not None and (value > self.hi or (self.hi_open and value == self.hi)):
            return False
        return not (self.is_integer and value != int(value))


def _exact_of(end: Any, exact: Any) -> Any:
    if end is None:
        return None
    if exact is not None:
        return exact
    return sp.Integer(end) if isinstance(end, int) else sp.Rational(end)


def _matches(exact: Any, v: Any) -> bool:
    """Whether the exact end ``exact`` is the end ``v`` (an int equal to it, a float within
    a few ulps of it, or the same SymPy number)."""
    try:
        if isinstance(v, int):
            return bool(sp.sympify(exact) == v)
        if isinstance(v, float):
            return math.isfinite(v) and abs(float(exact) - v) <= 4 * math.ulp(v)
        return bool(sp.sympify(exact) == sp.sympify(v))
    except (TypeError, ValueError, OverflowError, sp.SympifyError):
        return False


def _set_end(p: Param, end: str) -> None:
    """``p.lo``/``p.hi`` as a float (an int kept) rounded outward from its exact value, which
    goes to ``lo_exact``/``hi_exact``: a float given is read as its shortest decimal (0.1 is
    1/10), a SymPy number or Fraction as itself. An exact end left by ``dataclasses.replace``
    that no longer matches the float is recomputed from it."""
    v, key = getattr(p, end), f"{end}_exact"
    exact = getattr(p, key)
    if v is None:
        object.__setattr__(p, key, None)
        return
    if exact is not None and not _matches(exact, v):  # left by dataclasses.replace
        exact = None
    if isinstance(v, int):
        object.__setattr__(p, key, sp.Integer(v) if exact is None else exact)
        return
    if isinstance(v, float) and math.isnan(v):
        raise InputError(p.name, f"{end} must be a number, got {v!r}")
    if isinstance(v, float) and math.isinf(v):  # no end (made None by the caller)
        object.__setattr__(p, key, None)
        return
    if exact is None:
        try:
            exact = shortest_decimal(sp.Float(v)) if isinstance(v, float) else sp.sympify(v)
            f = float(v)
        except (TypeError, ValueError, sp.SympifyError) as err:
            raise InputError(p.name, f"{end} must be a number, got {v!r}") from err
    else:
        f = float(v)
    if math.isnan(f):
        raise InputError(p.name, f"{end} must be a number, got {v!r}")
    if math.isfinite(f) and exact.is_number and not isinstance(v, float):
        order = exact_order(sp.Rational(f), exact)  # None: round outward, the sound side
        if end == "lo" and order != -1 and order != 0:
            f = math.nextafter(f, -math.inf)
        elif end == "hi" and order != 1 and order != 0:
            f = math.nextafter(f, math.inf)
    object.__setattr__(p, end, f)
    object.__setattr__(p, key, exact if math.isfinite(f) else None)


def domain_assumptions(p: Param) -> dict[str, bool]:
    r"""The SymPy assumptions a parameter's stated domain justifies, and nothing more.

    ``real`` always (``integer`` for ``kind="integer"``); ``nonnegative`` when :math:`lo \ge 0`,
    ``positive`` when :math:`lo > 0` or the domain is :math:`(0, \dots`; ``nonpositive`` and
    ``negative`` likewise from ``hi``. Empty for matrix parameters (``kind="spd"``).
    """
    if p.kind == "spd":
        return {}
    out = {"real": True}
    if p.is_integer:
        out["integer"] = True
    if p.lo is not None and p.lo >= 0:
        out["nonnegative"] = True
        if p.lo > 0 or p.lo_open:
            out["positive"] = True
    if p.hi is not None and p.hi <= 0:
        out["nonpositive"] = True
        if p.hi < 0 or p.hi_open:
            out["negative"] = True
    return out


def justified_symbol(p: Param) -> sp.Symbol | None:
    """A fresh symbol carrying exactly :func:`domain_assumptions` (None for non-symbols)."""
    if not isinstance(p.symbol, sp.Symbol) or p.kind == "spd":
        return None
    return sp.Dummy(p.symbol.name, **domain_assumptions(p))


def check_symbol_assumptions(p: Param) -> None:
    r"""Refuse a symbol whose SymPy assumptions say more than its domain.

    ``Symbol('x', positive=True)`` with the domain :math:`[0, 1]` would let SymPy prove
    :math:`x(2-x) > 0` (false at 0), and rewrites such as :math:`\sqrt{x^2} = x` happen when
    the step is built. Every assumption the symbol states (true or false) must follow from
    :func:`domain_assumptions` by SymPy's own assumption system.
    """
    sym = p.symbol
    if p.kind == "spd" or not isinstance(sym, sp.Basic):
        return
    if getattr(sym, "is_random_variable", False) or type(sym).__name__ == "RandomSymbol":
        raise InputError(p.name, f"{sym} is a random variable, not a parameter: state what it "
                         "satisfies (e.g. (X, '>=', 0)) in the claim's assumptions")
    check_nonempty(p)
    probe = sp.Dummy("probe", **domain_assumptions(p))
    for key in _CHECKED:
        value = getattr(sym, f"is_{key}", None)
        if value is None or getattr(probe, f"is_{key}", None) == value:
            continue
        word = key if value else f"not {key}"
        raise InputError(
            p.name,
            f"{sym} is declared {word}, which its domain {p.domain_text()} does not imply: "
            + (f"declare Symbol({sym.name!r}, real=True)" if isinstance(sym, sp.Symbol)
               else "declare it without assumptions")
            + " (the checker adds what the domain justifies) or narrow the domain",
        )


def check_nonempty(p: Param) -> None:
    """Refuse a domain with no point: ``lo > hi``; ``lo == hi`` with an open end; an integer
    domain with no integer in it (``ceil(lo) > floor(hi)``, open ends excluded). A claim over
    an empty domain holds vacuously, and a search there finds witnesses outside it."""
    lo, hi = p.lo, p.hi
    if lo is None or hi is None:
        return
    if lo > hi:
        raise InputError(p.name, f"empty domain: lo={lo} > hi={hi}")
    if lo == hi and (p.lo_open or p.hi_open):
        raise InputError(p.name, f"empty domain: {p.domain_text()} has no point")
    if p.is_integer:
        first = math.floor(lo) + 1 if p.lo_open and float(lo).is_integer() else math.ceil(lo)
        last = math.ceil(hi) - 1 if p.hi_open and float(hi).is_integer() else math.floor(hi)
        if first > last:
            raise InputError(p.name, f"empty domain: no integer in {p.domain_text()}")


#: The assumptions compared with the domain's (in this order: the first that differs is named).
_CHECKED = ("positive", "negative", "nonnegative", "nonpositive", "zero", "nonzero", "integer",
            "even", "odd", "prime", "composite", "rational", "irrational", "algebraic",
            "transcendental", "real", "extended_real", "finite", "infinite", "imaginary",
            "extended_positive", "extended_negative", "extended_nonnegative",
            "extended_nonpositive", "extended_nonzero")


@dataclass(frozen=True)
class Premise:
    r"""A relation a step relies on, and what backs it.

    ``by`` is ``"hypothesis"`` (the relation follows from ``Claim.assumptions`` or a parameter
    domain), the name of an earlier step of the same claim (its relation must imply this one),
    a lemma instance (its conclusion must imply this one; its hypotheses are checked as
    sub-steps) or ``None`` (unbacked: the step is at most ASSUMED). ``solve_for`` is the
    symbol the engine eliminates, writing the relation through a slack variable
    (:math:`x \ge y` becomes :math:`x = y + s`, :math:`s \ge 0`).
    """

    relation: Any
    by: Any = None
    solve_for: sp.Basic | None = None
    label: str = ""

    def text(self) -> str:
        """The premise as one line: the label, or the relation."""
        return self.label or (sp.sstr(self.relation) if isinstance(self.relation, sp.Basic)
                              else str(self.relation))


@dataclass
class Step:
    """One proof step ``lhs REL rhs`` and its justification.

    ``given`` substitutes premises (see the module doc); ``params`` lists the step's own
    symbols (slack variables, sub-family parameters) on top of the claim's hypotheses.
    ``box`` (name -> (lo, hi)) is the box interval arithmetic certifies over when SymPy does
    not prove the step. ``law`` (a LawCheck) checks probability steps on exact laws.
    ``evaluate`` (point -> (lhs, rhs) as mpmath numbers) replaces SymPy substitution for
    steps with matrix parameters. ``witness_view`` maps a point to the paper's symbols.
    ``premises`` holds :class:`Premise` objects, and strings that name what the old ``given``
    substitution stands for; ``cites`` names earlier steps the step uses; ``lemmas`` holds
    lemma instances the step follows from.
    """

    name: str
    lhs: Any
    rel: str
    rhs: Any
    justification: str
    kind: str = "algebra"
    given: Mapping[sp.Basic, sp.Basic] = field(default_factory=dict)
    premises: Sequence[Any] = ()
    params: Sequence[Param] = ()
    box: Mapping[str, tuple[float, float]] | None = None
    law: Any = None
    evaluate: Callable[[dict[str, Any]], tuple[Any, Any]] | None = None
    witness_view: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    note: str = ""
    cites: Sequence[str] = ()
    lemmas: Sequence[Any] = ()
    #: how the displayed symbols take values on this step's law cases (symbol -> case ->
    #: exact value); overrides the claim's :attr:`Claim.law_symbols` for this step
    law_symbols: Mapping[Any, Callable[[Any], Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_law_symbols(self.law_symbols, f"step {self.name!r}")
        for side in ("lhs", "rhs"):
            value = getattr(self, side)
            if isinstance(value, int | float) and not isinstance(value, bool):
                setattr(self, side, sp.sympify(value))
        if self.rel not in RELATIONS:
            raise ValueError(f"rel: unknown relation {self.rel!r} (known: {RELATIONS})")
        if self.kind not in KINDS:
            raise ValueError(f"kind: unknown justification kind {self.kind!r}")
        for p in self.premises:  # a bare relation would be neither checked nor kept to
            if not isinstance(p, Premise | str):
                raise InputError("premises", f"step {self.name!r}: {p!r} is not a Premise; "
                                 "write Premise(relation, by=...) (by=None: an unbacked "
                                 "condition of the step), or text naming a given")
        decided = (bool, sp.logic.boolalg.BooleanAtom)  # True/False: decided when built
        for i, p in enumerate(self.premises, start=1):
            if isinstance(p, Premise) and isinstance(p.relation, decided):
                raise InputError("premises", f"step {self.name!r}: premise {i}"
                                 f"{f' ({p.label})' if p.label else ''} is the constant "
                                 f"{p.relation}: SymPy decided the relation when it was built "
                                 "(exp(x) <= 0 is False at once), so what it states is lost; "
                                 "write it as a tuple (lhs, rel, rhs) or with evaluate=False")

    def relation_text(self) -> str:
        """``lhs REL rhs`` as one line of text."""
        return f"{_txt(self.lhs)} {self.rel} {_txt(self.rhs)}"

    def relation_latex(self) -> str:
        """``lhs REL rhs`` in LaTeX (for paper_tex)."""
        rel = RELATION_TEX[self.rel]
        return f"{_tex(self.lhs)} {rel} {_tex(self.rhs)}"


@dataclass
class Claim:
    r"""A statement with hypotheses and ordered steps.

    ``source`` is ``"paper"`` (encoded as stated) or ``"corrected"``; ``corrects`` names the
    paper claim a corrected claim replaces. ``domain`` states the domain in words. ``paper``
    is the source paper's key (one of :data:`PAPERS`). ``definitions`` (symbol := expression)
    are substituted into every step; ``assumptions`` are stated relations of the claim (e.g.
    :math:`\sum_i p_i = 1`); ``conclusion`` is the statement as relations ``(lhs, rel, rhs)``
    that the steps must compose into (the chain closes), or empty when the statement is only
    text.
    """

    name: str
    statement: Any
    hypotheses: Sequence[Param]
    steps: Sequence[Step]
    source: str = "paper"
    corrects: str | None = None
    domain: str = ""
    section: str = ""
    note: str = ""
    paper: str = "bad-estimations"
    definitions: Mapping[sp.Basic, sp.Basic] = field(default_factory=dict)
    assumptions: Sequence[Any] = ()
    conclusion: Sequence[tuple[Any, str, Any]] = ()
    #: set by the project's claims registry on the claims it loads: a claim built elsewhere
    #: (by a user) is reported as "your claim", never as the paper's
    registered: bool = field(default=False, compare=False)
    #: how the steps' displayed symbols take values on their law cases: symbol (or its
    #: name) -> a function of a law case giving the symbol's exact value there. Read only
    #: by the mutation harness, which uses it on a step only where it reproduces the step's
    #: own law exactly on every case tried (a declaration, never a verdict of ``check``)
    law_symbols: Mapping[Any, Callable[[Any], Any]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        check_law_symbols(self.law_symbols, f"claim {self.name!r}")
        self.conclusion = tuple(
            (_sym(lhs), op, _sym(rhs)) for lhs, op, rhs in self.conclusion
        )
        for step in self.steps:
            _exact_sides(step)
        self.conclusion = tuple((exact_floats(a), op, exact_floats(b))
                                for a, op, b in self.conclusion)
        check_names(self)
        check_random_assumptions(self)
        quantified = {p.symbol: p for p in self.hypotheses}
        for key in self.definitions:
            if key in quantified:
                raise InputError(
                    "definitions",
                    f"{key} is a parameter of the claim ({quantified[key].domain_text()}); a "
                    "definition would prove the claim for one value only: remove the parameter "
                    "or the definition",
                )
        check_statement(self)

    def statement_text(self) -> str:
        """What the claim states: its symbolic conclusion when it has one (the text
        :attr:`statement` is then only the author's wording), else the text."""
        if self.conclusion:
            return " and ".join(f"{_txt(a)} {op} {_txt(b)}" for a, op, b in self.conclusion)
        return _txt(self.statement)

    def params_by_symbol(self, step: Step) -> dict[sp.Basic, Param]:
        """Every parameter a step may use, keyed by symbol."""
        out = {p.symbol: p for p in self.hypotheses}
        out.update({p.symbol: p for p in step.params})
        return out

    def domain_text(self) -> str:
        """The hypotheses' domains joined, or :attr:`domain` when given."""
        return self.domain or "; ".join(p.domain_text() for p in self.hypotheses)


def _sym(x: Any) -> Any:
    if isinstance(x, int | float | Fraction) and not isinstance(x, bool):
        return sp.nsimplify(x) if isinstance(x, float) else sp.sympify(x)
    return x


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _txt(x: Any) -> str:
    return sp.sstr(x) if isinstance(x, sp.Basic) else str(x)


def _tex(x: Any) -> str:
    return sp.latex(x) if isinstance(x, sp.Basic) else r"\text{" + str(x) + "}"


def structured(step: Step) -> list[Premise]:
    """The step's :class:`Premise` objects."""
    return [p for p in step.premises if isinstance(p, Premise)]


def texts(step: Step) -> list[str]:
    """The step's premises given as text (they describe its ``given`` substitution)."""
    return [p for p in step.premises if isinstance(p, str)]


_OPS = (("\\geq", ">="), ("\\leq", "<="), ("\\neq", None), ("\\ge", ">="), ("\\le", "<="),
        ("\\ne", None), ("<=", "<="), (">=", ">="), ("≤", "<="), ("≥", ">="), ("==", "="),
        ("!=", None), ("≠", None), ("<", "<"), (">", ">"), ("=", "="))


def parse_statement(text: str, symbols: Mapping[str, sp.Basic]) -> list[tuple] | None:
    """The relations a statement's text writes in plain formula syntax (``a <= b``,
    ``a >= b >= c``, ``x + 1/x ≥ 2``), over the claim's symbols only; None when the text is
    not such a formula (it is then prose, kept as the author's comment)."""
    from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

    parts, ops, rest = [], [], str(text)
    while True:
        hit = _first_op(rest)
        if hit is None:
            parts.append(rest)
            break
        at, token, op = hit
        if op is None:
            return None
        parts.append(rest[:at])
        ops.append(op)
        rest = rest[at + len(token):]
    if not ops:
        return None
    try:
        sides = [parse_expr(x, local_dict=dict(symbols), evaluate=True,
                            transformations=(*standard_transformations, convert_xor))
                 for x in parts]
    except Exception:  # noqa: BLE001 - prose, not a formula
        return None
    known = set(symbols.values())
    if any(not isinstance(x, sp.Expr) or not x.free_symbols <= known
           or x.atoms(sp.core.function.AppliedUndef) for x in sides):
        return None
    return [(sides[i], ops[i], sides[i + 1]) for i in range(len(ops))]


def _first_op(text: str) -> tuple[int, str, str | None] | None:
    best = None
    for token, op in _OPS:
        at = text.find(token)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, token, op)
    return best


def _gap_form(rel: tuple) -> tuple[sp.Expr, str] | None:
    lhs, op, rhs = rel
    if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)):
        return None
    if op == "=":
        return lhs - rhs, "="
    if op in ("<=", "<"):
        return rhs - lhs, op
    if op in (">=", ">"):
        return lhs - rhs, "<=" if op == ">=" else "<"
    return None


def equivalent(a: tuple, b: tuple) -> bool:
    """Two relations are the same statement: the same kind, and gaps whose difference
    (or, for equalities, sum) simplifies to 0."""
    ga, gb = _gap_form(a), _gap_form(b)
    if ga is None or gb is None or ga[1] != gb[1]:
        return False
    for other in (gb[0], -gb[0]) if ga[1] == "=" else (gb[0],):
        try:
            if sp.simplify(ga[0] - other) == 0:
                return True
        except Exception:  # noqa: BLE001 - not comparable
            continue
    return False


#: Words and marks that separate formulas from prose in a statement (not brackets: a
#: formula has them).
_PROSE = (r"(?i)[,;:]|\$|\b(?:for all|for every|for each|for any|holds|whenever|where|when|if|"
          r"iff|with|provided|then|and|we have)\b")
#: The same, brackets included: "f_i(0) <= delta for every state (both cases)".
_PROSE_OR_BRACKET = _PROSE.replace("[,;:]", "[,;:()]")
#: A relation written in LaTeX, which the statement reader does not take: a statement with
#: one beside a parameter's name is refused, not kept as a comment (``=>`` is prose there:
#: "implies").
_FOREIGN_RELATION = re.compile(r"\\(?:le|ge|leq|geq|neq|ne|lt|gt)\b")
#: A trailing remark in brackets with no relation in it: "x + 1/x >= 2 (AM-GM)".
_REMARK = re.compile(r"\s*\([^()<>=≤≥]*\)\s*\.?$")


def _chunk_relations(chunk: str, symbols: Mapping[str, sp.Basic]) -> list[tuple]:
    """The relations one prose-free chunk of a statement writes; [] for words. A chunk that
    writes a relation in LaTeX beside a parameter's name but does not read as a
    formula is refused:
    otherwise ``x + \\frac{1}{x} \\ge 3`` or ``x + x^-1 => 3`` would pass as a comment beside
    a conclusion that says something else."""
    for text in (chunk, _REMARK.sub("", chunk)):
        found = parse_statement(text, symbols) if text else None
        if found is not None:
            return found
    words = set(re.findall(r"[^\W\d]\w*", chunk))
    if _FOREIGN_RELATION.search(chunk) and words & set(symbols):
        raise InputError(
            "statement",
            f"cannot read the formula in {chunk!r}: write the conclusion in plain syntax "
            "(x + 1/x >= 2), or the statement in words",
        )
    return []


def _about_domain(rel: tuple, by_symbol: Mapping[sp.Basic, Param]) -> bool:
    """``x > 0`` in "for all x > 0": a bound on one parameter by a number, which its
    declared domain implies (then it restates the domain, it is not the conclusion)."""
    lhs, op, rhs = rel
    if lhs.is_number and rhs in by_symbol:
        lhs, op, rhs = rhs, {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}[op], lhs
    if lhs not in by_symbol or not rhs.is_number:
        return False
    p = by_symbol[lhs]
    lo = -sp.oo if p.lo is None else p.exact_lo
    hi = sp.oo if p.hi is None else p.exact_hi
    dom = sp.Interval(lo, hi, p.lo_open or p.lo is None, p.hi_open or p.hi is None)
    sol = {"<": sp.Interval.open(-sp.oo, rhs), "<=": sp.Interval(-sp.oo, rhs),
           ">": sp.Interval.open(rhs, sp.oo), ">=": sp.Interval(rhs, sp.oo)}.get(op)
    return sol is not None and dom.is_subset(sol) is True


def check_statement(claim: Claim) -> None:
    """A statement written as a formula must be the conclusion (each relation it writes is
    equivalent to one of :attr:`Claim.conclusion`); prose is the author's comment."""
    if not isinstance(claim.statement, str) or not claim.conclusion:
        return
    symbols: dict[str, sp.Basic] = {}
    for p in claim.hypotheses:
        if isinstance(p.symbol, sp.Symbol):
            symbols[p.name] = p.symbol
            symbols[p.symbol.name] = p.symbol
    written = parse_statement(claim.statement, symbols)
    if written is None:  # "For all x > 0, x + 1/x >= 3 (AM-GM)": the formulas in the prose
        written = []
        for chunk in (c.strip() for c in re.split(_PROSE, claim.statement)):
            written += _chunk_relations(chunk, symbols) if chunk else []
        for chunk in (c.strip() for c in re.split(_PROSE_OR_BRACKET, claim.statement)):
            written += (parse_statement(chunk, symbols) or []) if chunk else []
    by_symbol = {p.symbol: p for p in claim.hypotheses}
    for rel in written:
        if _about_domain(rel, by_symbol):
            continue
        if not any(equivalent(rel, c) for c in claim.conclusion):
            shown = " and ".join(f"{_txt(a)} {op} {_txt(b)}" for a, op, b in claim.conclusion)
            raise InputError(
                "statement",
                f"{claim.statement!r} is not the conclusion the steps must reach ({shown}): "
                "state the conclusion, or write the statement in words",
            )


def exact_floats(expr: Any) -> Any:
    """Every SymPy ``Float`` replaced by the decimal it prints as (``0.1`` -> ``1/10``): a
    Float compared at its own binary precision would let ``Float('0.1', 3)`` (= 3277/32768)
    equal 1/10."""
    if not isinstance(expr, sp.Basic) or getattr(expr, "is_Matrix", False):
        return expr
    floats = expr.atoms(sp.Float)
    if not floats:
        return expr
    return expr.xreplace({f: shortest_decimal(f) for f in floats})


def shortest_decimal(f: sp.Float) -> sp.Rational:
    """The shortest decimal that reads back as ``f`` at its own precision, as a Rational:
    ``0.1`` -> 1/10, but ``1.0000000000000002`` (the float after 1) -> itself, never 1
    (SymPy prints a 53-bit Float with 15 digits, which is not always enough)."""
    prec = f._prec
    digits = mlib.libmpf.prec_to_dps(prec)
    for extra in range(0, 4):
        text = mlib.to_str(f._mpf_, digits + extra)
        if sp.Float(text, precision=prec) == f:
            return sp.Rational(text)
    return sp.Rational(f)  # its exact binary value


def _exact_sides(step: Step) -> None:
    step.lhs, step.rhs = exact_floats(step.lhs), exact_floats(step.rhs)


def _free_symbols(obj: Any) -> set[sp.Basic]:
    if isinstance(obj, sp.Basic):
        return set(obj.free_symbols)
    if isinstance(obj, tuple | list):
        return set().union(*(_free_symbols(x) for x in obj)) if obj else set()
    return set()


def check_law_symbols(table: Mapping[Any, Any], owner: str) -> None:
    """``law_symbols`` maps SymPy symbols (or names) to callables; else a one-line error."""
    if not isinstance(table, Mapping):
        raise InputError("law_symbols", f"{owner}: a mapping symbol -> function, got "
                         f"{type(table).__name__}")
    for key, fn in table.items():
        if not isinstance(key, sp.Basic | str) or not callable(fn):
            raise InputError("law_symbols", f"{owner}: {key!r} must be a symbol or a name "
                             "mapped to a function of a law case")


def check_names(claim: Claim) -> None:
    """Parameter names are unique, and every symbol the claim writes that bears a declared
    parameter's name is that parameter (``Symbol('x', positive=True)`` in a step is not the
    parameter ``Symbol('x', real=True)``: both print as ``x``)."""
    declared: dict[str, sp.Basic] = {}
    seen: list[str] = []
    for p in claim.hypotheses:
        if p.name in seen:
            raise InputError("hypotheses", f"two parameters named {p.name!r}")
        seen.append(p.name)
        declared[p.name] = p.symbol
        declared.setdefault(str(p.symbol), p.symbol)
    for step in claim.steps:
        names = [p.name for p in step.params]
        if len(names) != len(set(names)):
            raise InputError("params", f"step {step.name!r} declares a parameter name twice")
        for p in step.params:
            other = declared.get(p.name)
            if other is not None and other != p.symbol:
                raise InputError("params", f"step {step.name!r}: {p.name!r} is another symbol "
                                 "than the claim's parameter of that name")
    written = _free_symbols(claim.conclusion) | _free_symbols(list(claim.definitions))
    for step in claim.steps:
        written |= _free_symbols([step.lhs, step.rhs, *dict(step.given).keys(),
                                  *dict(step.given).values()])
    for sym in written:
        if not isinstance(sym, sp.Symbol):
            continue
        other = declared.get(sym.name)
        if other is not None and other != sym:
            raise InputError(
                "symbols", f"{sym.name} in the claim is not the parameter {sym.name} (other "
                f"assumptions: {_assumption_words(sym)} vs {_assumption_words(other)})")


def _assumption_words(sym: sp.Basic) -> str:
    given = getattr(sym, "_assumptions_orig", None) or {}
    words = [k if v else f"not {k}" for k, v in sorted(given.items())]
    return ", ".join(words) or "none"


#: A random variable's assumption -> the relation the claim must state for it.
_RANDOM_STATED = {"positive": ">", "nonnegative": ">=", "negative": "<", "nonpositive": "<="}


def check_random_assumptions(claim: Claim) -> None:
    """A random variable declared with a sign (``random_symbol("X", nonnegative=True)``)
    carries a hypothesis on its law: the claim must state it in ``assumptions`` (e.g.
    ``(X, ">=", 0)``), so that the report shows what the verdict rests on."""
    written = _free_symbols(claim.conclusion)
    for step in claim.steps:
        written |= _free_symbols([step.lhs, step.rhs])
    stated = [a for a in claim.assumptions if isinstance(a, tuple) and len(a) == 3]
    stated += [(a.lhs, a.rel_op, a.rhs) for a in claim.assumptions
               if isinstance(a, sp.core.relational.Relational)]
    for sym in written:
        if type(sym).__name__ != "RandomSymbol":
            continue
        for key, op in _RANDOM_STATED.items():
            if getattr(sym, f"is_{key}", None) is not True:
                continue
            want = (sym, op, sp.Integer(0))
            if any(_same_rel(a, want) for a in stated):
                continue
            if key == "nonnegative" and sym.is_positive:
                continue
            raise InputError(
                "assumptions", f"the random variable {sym} is declared {key}: state it as "
                f"({sym}, {op!r}, 0) in the claim's assumptions")


def _same_rel(a: tuple, b: tuple) -> bool:
    try:
        return equivalent((sp.sympify(a[0]), a[1] if a[1] != "==" else "=", sp.sympify(a[2])), b)
    except (sp.SympifyError, TypeError):
        return False


def relation_of(obj: Any) -> tuple[Any, str, Any]:
    """``(lhs, rel, rhs)`` of a SymPy relational, a tuple or a :class:`Step`."""
    if isinstance(obj, Step):
        return obj.lhs, obj.rel, obj.rhs
    if isinstance(obj, tuple) and len(obj) == 3:
        return obj
    if isinstance(obj, sp.Equality):
        return obj.lhs, "=", obj.rhs
    if isinstance(obj, sp.core.relational.Relational):
        return obj.lhs, obj.rel_op, obj.rhs
    raise TypeError(f"not a relation: {obj!r}")
