r"""The lemma model: :class:`Lemma` (a standard result written once as SymPy expressions in
its parameters), its :class:`Param`, :class:`Hypothesis` and :class:`Independent` scope, and
:class:`LemmaInstance`, a lemma with its parameters substituted.

:meth:`Lemma.instance` substitutes the parameters simultaneously (``xreplace``); a function
parameter (``kind="function"``, e.g. Jensen's :math:`\varphi`) is replaced by a
``sympy.Lambda``; a sequence parameter (:math:`x_1, \dots, x_n`) takes an ``IndexedBase``
or a one-variable ``sympy.Lambda`` giving its term (symbolic :math:`n`; the Lambda for a
row of a doubly indexed family, :math:`i \mapsto D_{l,i}`) or a finite tuple, in which case
:math:`n` is its length and sums, products and unions over :math:`1..n` are written out.

Instances are hygienic: the variables a hypothesis quantifies (Jensen's :math:`u` in
:math:`\varphi''(u) \ge 0` for all real :math:`u`, an index :math:`i \in 1..n`) become fresh
``sympy.Dummy`` symbols in every instance, so no symbol of a user's claim (a parameter named
``u``, say) can capture them; a sum, product or union index is renamed where it clashes with
an argument's symbol (else the library's index is kept, and claims may name it).

What a parameter kind accepts is a row of :data:`LEMMA_PARAM_KINDS` (a
:class:`LemmaParamKind`), looked up once per parameter; the code asks the row, never compares
kind names.

Every name stays importable from :mod:`hallbound.proofs_checks.library.lemma_library`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp
from sympy.logic.boolalg import Boolean

from hallbound.errors import InputError
from hallbound.proofs_checks.library.lemma_notation import AnyOf
from hallbound.proofs_checks.library.randomness import OPERATORS, RandomSymbol


@dataclass(frozen=True)
class LemmaParamKind:
    """What a lemma parameter of one kind accepts: a function (a ``sympy.Lambda`` of
    ``arity`` variables), a sequence (a tuple or an ``IndexedBase``), an event (a SymPy
    Boolean), a deterministic value (no random variable), an integer."""

    function: bool = False
    sequence: bool = False
    event: bool = False
    deterministic: bool = False
    integer: bool = False


#: The parameter kinds, by name.
LEMMA_PARAM_KINDS: dict[str, LemmaParamKind] = {
    "random": LemmaParamKind(),
    "real": LemmaParamKind(deterministic=True),
    "positive": LemmaParamKind(deterministic=True),
    "nonnegative": LemmaParamKind(deterministic=True),
    "integer": LemmaParamKind(deterministic=True, integer=True),
    "event": LemmaParamKind(event=True),
    "sequence": LemmaParamKind(sequence=True),
    "random-sequence": LemmaParamKind(sequence=True),
    "event-sequence": LemmaParamKind(sequence=True, event=True),
    "function": LemmaParamKind(function=True),
}
#: Parameter kinds.
KINDS: tuple[str, ...] = tuple(LEMMA_PARAM_KINDS)
#: Relations a hypothesis may state.
HYPOTHESIS_RELATIONS: tuple[str, ...] = (
    "=",
    "<=",
    "<",
    ">=",
    ">",
    "implies",
    "measurable",
    "independent",
    "bounded-differences",
    "conditional-sum",
    "arb-ball",
)
_COLLECTING = ("independent", "measurable")
_REL_TEX = {"=": "=", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">"}


_COMBINE = {sp.Sum: sp.Add, sp.Product: sp.Mul, AnyOf: sp.Or}


def _expand(expr: sp.Basic, seqs: Mapping[sp.IndexedBase, tuple[sp.Basic, ...]]) -> sp.Basic:
    """Write out sums/products/unions with integer limits; replace ``x[j]`` by ``seqs[x][j-1]``."""
    if isinstance(expr, sp.Indexed):
        if expr.base in seqs and len(expr.indices) == 1 and expr.indices[0].is_Integer:
            values = seqs[expr.base]
            j = int(expr.indices[0])
            if not 1 <= j <= len(values):
                raise InputError(str(expr.base), f"index {j} outside 1..{len(values)}")
            return values[j - 1]
        return expr
    if isinstance(expr, sp.IndexedBase) or not expr.args:
        return expr
    if isinstance(expr, sp.Sum | sp.Product | AnyOf):
        limits = [tuple(lim) for lim in expr.limits]
        if all(lo.is_Integer and hi.is_Integer for _, lo, hi in limits):
            terms = []
            ranges = [range(int(lo), int(hi) + 1) for _, lo, hi in limits]
            for values in itertools.product(*ranges):
                sub = {v: sp.Integer(j) for (v, _, _), j in zip(limits, values, strict=True)}
                terms.append(_expand(expr.function.xreplace(sub), seqs))
            return _COMBINE[type(expr)](*terms)
    args = [_expand(a, seqs) for a in expr.args]
    if all(a is b for a, b in zip(args, expr.args, strict=True)):
        return expr
    return expr.func(*args)


def _doit_derivatives(expr: sp.Basic) -> sp.Basic:
    if not expr.has(sp.Derivative):
        return expr
    return expr.replace(lambda e: isinstance(e, sp.Derivative), lambda e: e.doit())



# ----- data -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A lemma parameter: its name, kind (one of :data:`KINDS`) and SymPy placeholder (a
    ``Symbol``/``RandomSymbol``, an ``IndexedBase`` for sequences, an undefined function for
    ``kind="function"``)."""

    name: str
    kind: str
    placeholder: Any
    arity: int = 1

    def __post_init__(self) -> None:
        if self.kind not in LEMMA_PARAM_KINDS:
            raise InputError("kind", f"unknown parameter kind {self.kind!r}")

    @property
    def accepts(self) -> LemmaParamKind:
        """What the parameter's kind accepts (its row of :data:`LEMMA_PARAM_KINDS`)."""
        return LEMMA_PARAM_KINDS[self.kind]


@dataclass(frozen=True)
class Independent:
    """Scope marker: the quantities ``vars`` are mutually independent."""

    vars: tuple[sp.Basic, ...]


@dataclass(frozen=True)
class Hypothesis:
    """``lhs REL rhs`` under ``scope`` ("pointwise", "deterministic" or :class:`Independent`);
    ``over`` lists quantified variables as SymPy limits ``(i, lo, hi)`` (an integer ``i``:
    one hypothesis per index; a real ``t`` with ``(-oo, oo)``: for all real ``t``)."""

    lhs: sp.Basic
    rel: str
    rhs: sp.Basic
    scope: str | Independent
    over: tuple[tuple[sp.Basic, sp.Basic, sp.Basic], ...] = ()

    def __post_init__(self) -> None:
        if self.rel not in HYPOTHESIS_RELATIONS:
            raise InputError("rel", f"unknown hypothesis relation {self.rel!r}")
        if not isinstance(self.scope, Independent) and self.scope not in (
            "pointwise",
            "deterministic",
        ):
            raise InputError("scope", f"unknown scope {self.scope!r}")

    def map(self, fn: Any) -> Hypothesis:
        """The hypothesis with ``fn`` applied to every expression in it."""
        lhs = fn(self.lhs)
        scope = Independent(tuple(lhs.args)) if isinstance(self.scope, Independent) else self.scope
        over = tuple(tuple(fn(x) for x in lim) for lim in self.over)
        return Hypothesis(lhs, self.rel, fn(self.rhs), scope, over)

    def text(self) -> str:
        if self.rel == "independent":
            body = "independent(" + ", ".join(map(str, self.lhs.args)) + ")"
        else:
            body = f"{self.lhs} {self.rel} {self.rhs}"
            if not isinstance(self.scope, Independent):
                body += f" ({self.scope})"
        if self.over:
            q = ", ".join(
                f"{v} in {lo}..{hi}" if v.is_integer else f"all real {v}" for v, lo, hi in self.over
            )
            body = f"for {q}: {body}"
        return body

    def latex(self) -> str:
        if self.rel == "independent":
            return (
                r"\text{independent}\left(" + ", ".join(map(sp.latex, self.lhs.args)) + r"\right)"
            )
        rel = _REL_TEX.get(self.rel, rf"\ \text{{{self.rel}}}\ ")
        return f"{sp.latex(self.lhs)} {rel} {sp.latex(self.rhs)}"


@dataclass(frozen=True)
class LemmaInstance:
    """A lemma with its parameters substituted (``args``: the values given; equality and
    hashing use the lemma, the substituted hypotheses and the conclusion)."""

    lemma: Lemma
    args: Mapping[str, Any] = field(compare=False)
    hypotheses: tuple[Hypothesis, ...]
    conclusion: tuple[sp.Basic, str, sp.Basic]
    renamed: tuple[sp.Dummy, ...] = field(default=(), compare=False)

    def _key(self) -> tuple[Any, ...]:
        """What equality and hashing compare: the lemma, the hypotheses and the conclusion,
        with this instance's fresh bound variables (``renamed``) replaced by canonical ones
        (two instances built from the same arguments are equal)."""
        canon = {
            d: sp.Dummy(d.name, dummy_index=-1 - k, **_assumptions(d))
            for k, d in enumerate(self.renamed)
        }
        if not canon:
            return (self.lemma, self.hypotheses, self.conclusion)
        hyps = tuple(h.map(lambda e: sp.sympify(e).xreplace(canon)) for h in self.hypotheses)
        lhs, rel, rhs = self.conclusion
        return (self.lemma, hyps, (lhs.xreplace(canon), rel, rhs.xreplace(canon)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LemmaInstance):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @property
    def name(self) -> str:
        return self.lemma.name

    @property
    def relation(self) -> sp.Basic:
        """The conclusion as a SymPy relational (unevaluated)."""
        lhs, rel, rhs = self.conclusion
        return sp.Rel(lhs, rhs, "==" if rel == "=" else rel, evaluate=False)

    def text(self) -> str:
        args = ", ".join(f"{k}={_arg_text(v)}" for k, v in self.args.items())
        lhs, rel, rhs = self.conclusion
        hyps = "; ".join(h.text() for h in self.hypotheses)
        out = f"{self.lemma.name}({args}): {lhs} {rel} {rhs}"
        return out + (f"  [if {hyps}]" if hyps else "")

    def latex(self) -> str:
        lhs, rel, rhs = self.conclusion
        return f"{sp.latex(lhs)} {_REL_TEX[rel]} {sp.latex(rhs)}"


def _arg_text(v: Any) -> str:
    if isinstance(v, tuple | list):
        return "(" + ", ".join(map(str, v)) + ")"
    return str(v)


@dataclass(frozen=True)
class Lemma:
    """A standard result: ``conclusion`` holds whenever every hypothesis holds."""

    name: str
    reference: str
    params: tuple[Param, ...]
    hypotheses: tuple[Hypothesis, ...]
    conclusion: tuple[sp.Basic, str, sp.Basic]
    length: str | None = None  # the integer parameter that is the length of the sequences
    note: str = ""
    _by_name: Mapping[str, Param] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {p.name: p for p in self.params})
        if self.conclusion[1] not in _REL_TEX:
            raise InputError("conclusion", f"unknown relation {self.conclusion[1]!r}")

    def text(self) -> str:
        lhs, rel, rhs = self.conclusion
        hyps = "; ".join(h.text() for h in self.hypotheses)
        return f"{self.name}: {lhs} {rel} {rhs}" + (f"  [if {hyps}]" if hyps else "")

    def instance(self, **args: Any) -> LemmaInstance:
        """Substitute the parameters (all at once). Unknown or missing parameters, or values of
        the wrong kind, raise :class:`~hallbound.errors.InputError` naming the parameter."""
        names = list(self._by_name)
        for k in args:
            if k not in self._by_name:
                raise InputError(k, f"not a parameter of {self.name!r} (parameters: {names})")
        sym_map: dict[sp.Basic, sp.Basic] = {}
        fun_map: dict[Any, Any] = {}
        seq_map: dict[sp.IndexedBase, tuple[sp.Basic, ...]] = {}
        seq_fun: dict[sp.IndexedBase, sp.Lambda] = {}
        seq_len: int | None = None
        for p in self.params:
            if p.name not in args:
                if p.name == self.length:
                    continue
                raise InputError(p.name, f"missing argument of {self.name!r}")
            value = _check_arg(p, args[p.name])
            if p.accepts.function:
                fun_map[p.placeholder] = value
            elif isinstance(value, sp.Lambda):  # a sequence given by its term, i -> D[l, i]
                seq_fun[p.placeholder] = value
            elif isinstance(value, tuple):
                _distinct_quantities(p, value)
                if seq_len is not None and len(value) != seq_len:
                    raise InputError(p.name, f"length {len(value)}, other sequences {seq_len}")
                seq_len = len(value)
                seq_map[p.placeholder] = value
            else:
                sym_map[p.placeholder] = value
        if self.length is not None:
            n_param = self._by_name[self.length]
            given = sym_map.get(n_param.placeholder)
            if seq_len is not None:
                if given is not None and given != seq_len:
                    raise InputError(self.length, f"is {given}, but the sequences have {seq_len}")
                sym_map[n_param.placeholder] = sp.Integer(seq_len)
            elif given is None:
                raise InputError(self.length, f"missing argument of {self.name!r}")

        def sub(e: sp.Basic) -> sp.Basic:
            e = sp.sympify(e)
            for f, lam in fun_map.items():
                e = e.replace(f, lam)
            if seq_fun:
                e = e.replace(lambda x: isinstance(x, sp.Indexed) and x.base in seq_fun,
                              lambda x: seq_fun[x.base](*x.indices))
            return _doit_derivatives(e.xreplace(sym_map))

        def finish(e: sp.Basic) -> sp.Basic:
            return _doit_derivatives(_expand(e, seq_map)) if seq_map else e

        given = [*sym_map.values(), *fun_map.values(), *seq_map.values(), *seq_fun.values()]
        fresh = _Renamer(_argument_symbols(given))
        hyps: list[Hypothesis] = []
        for h in self.hypotheses:
            for g in _unroll(fresh.hypothesis(h).map(sub)):
                hyps.append(g.map(finish))
        lhs, rel, rhs = (fresh.bound(e) if isinstance(e, sp.Basic) else e for e in self.conclusion)
        return LemmaInstance(
            self,
            dict(args),
            tuple(hyps),
            (finish(sub(lhs)), rel, finish(sub(rhs))),
            renamed=tuple(fresh.made),
        )



def _distinct_quantities(p: Param, value: tuple[Any, ...]) -> None:
    """A family of random quantities (``random-sequence``, e.g. the X_1..X_n of Independence
    product (family), said mutually independent) given as a tuple must not repeat an entry: a
    variable is not independent of itself, so (V, V) would give Pr[V >= 1] = Pr[V >= 1]^2.
    Raises :class:`~hallbound.errors.InputError` naming the parameter."""
    if p.kind != "random-sequence":
        return
    repeated = sorted({str(v) for v in value if value.count(v) > 1})
    if repeated:
        raise InputError(p.name, f"the quantities must be distinct; repeated: {repeated}")


# ----- hygiene: bound variables renamed apart from the arguments --------------------------


def _argument_symbols(values: Sequence[Any]) -> set[sp.Symbol]:
    """The free symbols of the arguments (a tuple: of its items; a ``Lambda``: of its body less
    its variables; an ``IndexedBase``: its label; an undefined function: none)."""
    out: set[sp.Symbol] = set()
    for v in values:
        if isinstance(v, tuple):
            out |= _argument_symbols(v)
        elif isinstance(v, sp.Basic):
            out |= {s for s in v.free_symbols if isinstance(s, sp.Symbol)}
    return out


class _Renamer:
    r"""Capture-avoiding renaming for one instance.

    * The variables a hypothesis quantifies (``over``: Jensen's :math:`u` in
      :math:`\varphi''(u) \ge 0` for all real :math:`u`, an index :math:`i \in 1..n`) are
      ALWAYS replaced by fresh :class:`sympy.Dummy` symbols with the same assumptions, so no
      argument, and no symbol of a user's claim, can be (or be mistaken for) one of them.
    * A variable bound inside an expression (the index of a ``Sum``, ``Product`` or
      :class:`AnyOf`) is replaced by a fresh ``Dummy`` only
      where it clashes with a free symbol of the arguments (the same symbol, or one of the same
      name); otherwise it is kept, so that claims can name the library's index.

    ``made`` lists the dummies created, in order (the instance compares modulo them).
    """

    def __init__(self, free: set[sp.Symbol]) -> None:
        self.free = free
        self.names = {s.name for s in free}
        self.made: list[sp.Dummy] = []
        self._clash_map: dict[sp.Symbol, sp.Dummy] = {}

    def new(self, v: sp.Symbol) -> sp.Dummy:
        d = sp.Dummy(v.name, **_assumptions(v))
        self.made.append(d)
        return d

    def hypothesis(self, h: Hypothesis) -> Hypothesis:
        """``h`` with its quantified variables fresh and its clashing bound variables renamed."""
        quantified = {v: self.new(v) for v, _, _ in h.over}
        return h.map(lambda e: self.bound(sp.sympify(e).xreplace(quantified)))

    def clashes(self, v: sp.Basic) -> bool:
        return isinstance(v, sp.Symbol) and (v in self.free or v.name in self.names)

    def bound(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` with each bound variable that clashes with an argument symbol renamed."""
        if not isinstance(expr, sp.Basic) or not expr.args or isinstance(expr, sp.IndexedBase):
            return expr
        args = tuple(self.bound(a) for a in expr.args)
        if any(a is not b for a, b in zip(args, expr.args, strict=True)):
            expr = expr.func(*args)
        variables = _binders(expr)
        ren = {v: self._for(v) for v in variables if self.clashes(v)}
        if not ren:
            return expr
        return _rebind(expr, ren)

    def _for(self, v: sp.Symbol) -> sp.Dummy:
        if v not in self._clash_map:
            self._clash_map[v] = self.new(v)
        return self._clash_map[v]


def _assumptions(v: sp.Symbol) -> dict[str, Any]:
    orig = getattr(v, "_assumptions_orig", None)
    return dict(orig) if orig is not None else dict(v.assumptions0)


def _binders(expr: sp.Basic) -> list[sp.Basic]:
    """The variables ``expr`` itself binds (not those of its sub-expressions). A
    ``Derivative``'s variable is not bound: :math:`\varphi''(u)` is evaluated at :math:`u`."""
    if isinstance(expr, sp.Sum | sp.Product | AnyOf):
        return [lim[0] for lim in expr.limits]
    return []


def _rebind(expr: sp.Basic, ren: Mapping[sp.Basic, sp.Basic]) -> sp.Basic:
    """``expr`` (a binder) with its bound variables renamed by ``ren`` in its body and limits."""
    limits = [(ren.get(v, v), *rest) for v, *rest in (tuple(lim) for lim in expr.limits)]
    return type(expr)(expr.function.xreplace(ren), *limits)


def _unroll(h: Hypothesis) -> list[Hypothesis]:
    """One hypothesis per integer index when its range is concrete (collected into one tuple
    for ``independent``/``measurable``)."""
    if not h.over:
        return [h]
    (v, lo, hi), rest = h.over[0], h.over[1:]
    if not (v.is_integer and lo.is_Integer and hi.is_Integer):
        return [h]
    idx = range(int(lo), int(hi) + 1)
    # "F measurable in (X_i, i in 1..n)" is one fact about the family; "A_i measurable in
    # (X_i)" (A_i depends on the index) is one fact per index
    if h.rel in _COLLECTING and not (h.rel == "measurable" and v in h.lhs.free_symbols):
        side = h.lhs if h.rel == "independent" else h.rhs
        items = sp.Tuple(*[x.xreplace({v: sp.Integer(j)}) for j in idx for x in side.args])
        if h.rel == "independent":
            return _unroll(Hypothesis(items, h.rel, h.rhs, Independent(tuple(items)), rest))
        return _unroll(Hypothesis(h.lhs, h.rel, items, h.scope, rest))
    out: list[Hypothesis] = []
    family = None
    if h.rel == "bounded-differences" and len(h.rhs.args) == 2:
        family = sp.Tuple(*[h.rhs.args[0].xreplace({v: sp.Integer(j)}) for j in idx])
    for j in idx:
        s = {v: sp.Integer(j)}
        rhs = h.rhs.xreplace(s)
        if family is not None:
            rhs = sp.Tuple(*rhs.args, family)
        g = Hypothesis(h.lhs.xreplace(s), h.rel, rhs, h.scope, rest)
        out.extend(_unroll(g))
    return out


def _check_arg(p: Param, value: Any) -> Any:
    if p.accepts.function:
        if isinstance(value, sp.Lambda):
            if len(value.variables) != p.arity:
                raise InputError(p.name, f"needs a function of {p.arity} variable(s)")
            return value
        if isinstance(value, sp.FunctionClass):
            return value
        raise InputError(p.name, f"must be a sympy.Lambda, got {value!r}")
    if p.accepts.sequence:
        if isinstance(value, sp.IndexedBase):
            return value
        if isinstance(value, sp.Lambda):  # the sequence's term as a function of its index
            if len(value.variables) != 1:
                raise InputError(p.name, "a sequence given as a sympy.Lambda takes one index")
            return value
        if isinstance(value, tuple | list | sp.Tuple):
            return tuple(_check_scalar(p, v) for v in value)
        raise InputError(p.name, f"must be a tuple of expressions or an IndexedBase, got {value!r}")
    return _check_scalar(p, value)


def _holds_random(v: sp.Basic) -> bool:
    """A random symbol outside E/Pr/Var/Cov (inside them the value is a number)."""
    if isinstance(v, OPERATORS):
        return False
    if isinstance(v, RandomSymbol):
        return True
    if isinstance(v, sp.Indexed):
        return isinstance(v.base.label, RandomSymbol) or any(_holds_random(a) for a in v.indices)
    return any(_holds_random(a) for a in v.args if isinstance(a, sp.Basic))


def _check_scalar(p: Param, value: Any) -> sp.Basic:
    try:
        v = sp.sympify(value, strict=not isinstance(value, str | int | float | Fraction))
    except (sp.SympifyError, TypeError) as err:
        raise InputError(p.name, f"not a SymPy expression: {value!r}") from err
    if isinstance(value, Fraction):
        v = sp.Rational(value.numerator, value.denominator)
    if p.accepts.event:
        if not isinstance(v, Boolean | sp.Indexed):  # an indexed event A[k], as Pr accepts
            raise InputError(p.name, f"must be an event (a SymPy Boolean), got {value!r}")
        return v
    if isinstance(v, Boolean) and not isinstance(v, sp.Symbol):
        raise InputError(p.name, f"must be an expression, not an event: {value!r}")
    if p.accepts.deterministic and _holds_random(v):
        raise InputError(p.name, f"must be deterministic (no random variable): {value!r}")
    if not isinstance(v, sp.Expr):
        raise InputError(p.name, f"must be an expression, got {value!r}")
    if p.accepts.integer and v.is_number and not v.is_Integer:
        raise InputError(p.name, f"must be an integer, got {value!r}")
    if v.is_real is False:
        raise InputError(p.name, f"must be real, got {value!r}")
    return v

