r"""The lemma library: the checker's trust base, small and tested.

Each :class:`Lemma` is a standard result written ONCE as SymPy expressions in its parameters,
with its hypotheses and a reference. A step cites an instance::

    from hallbound.proofs_checks.library.lemma_library import lemma
    inst = lemma("Markov", X=(T - E(T)) ** 2, a=a ** 2)
    inst.conclusion      # (Pr((T - E[T])**2 >= a**2), "<=", E[(T - E[T])**2] / a**2)
    inst.hypotheses      # (T - E[T])**2 >= 0 pointwise; a**2 > 0 deterministic

:meth:`Lemma.instance` substitutes the parameters simultaneously (``xreplace``); a function
parameter (``kind="function"``, e.g. Jensen's :math:`\varphi`) is replaced by a
``sympy.Lambda``; a sequence parameter (:math:`x_1, \dots, x_n`) takes either an
``IndexedBase`` (symbolic :math:`n`) or a finite tuple, in which case :math:`n` is its length
and sums, products and unions over :math:`1..n` are written out.

Instances are hygienic: the variables a hypothesis quantifies (Jensen's :math:`u` in
:math:`\varphi''(u) \ge 0` for all real :math:`u`, an index :math:`i \in 1..n`) become fresh
``sympy.Dummy`` symbols in every instance, so no symbol of a user's claim (a parameter named
``u``, say) can capture them; a sum, product or union index is renamed where it clashes with
an argument's symbol (else the library's index is kept, and claims may name it).

Hypotheses (:class:`Hypothesis`) carry a scope:

* ``"pointwise"``: holds at every outcome (random variables range over their support);
* ``"deterministic"``: a relation between numbers (it may contain Pr/E/Var; variables listed in
  ``over`` are universally quantified, e.g. Jensen's :math:`\varphi''(t) \ge 0` for all real
  :math:`t`);
* :class:`Independent`: the listed random quantities are mutually independent.

Relations of hypotheses: ``=``, ``<=``, ``<``, ``>=``, ``>``; ``implies`` (event ``lhs``
implies event ``rhs`` pointwise); ``measurable`` (``lhs`` is a function of the quantities in
the tuple ``rhs``); ``independent`` (``lhs`` is the tuple of quantities); and
``bounded-differences`` (``rhs = (X_i, c_i)``, and once unrolled ``(X_i, c_i, (X_1, ..., X_n))``:
changing ``X_i`` alone over its support changes ``lhs``, as a function of the family
``X_1, ..., X_n``, by at most ``c_i``).

:func:`hypotheses_failing` and :func:`conclusion_holds` check an instance on an exact finite
law (``randomness.JointLaw``); the tests run every lemma through them.
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
from hallbound.proofs_checks.library.randomness import (
    OPERATORS,
    E,
    JointLaw,
    Number,
    Pr,
    RandomSymbol,
    Var,
    _number,
    _resolve,
    _truth,
    evaluate,
    holds,
    is_random,
    random_symbol,
    random_symbols,
    to_number,
)

#: Parameter kinds.
KINDS: tuple[str, ...] = (
    "random",
    "real",
    "positive",
    "nonnegative",
    "integer",
    "event",
    "sequence",
    "random-sequence",
    "event-sequence",
    "function",
)
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
)
_SEQUENCE_KINDS = ("sequence", "random-sequence", "event-sequence")
_COLLECTING = ("independent", "measurable")
_REL_TEX = {"=": "=", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">"}


# ----- SymPy helpers ----------------------------------------------------------------------


class AnyOf(Boolean):
    r"""The union of events :math:`\bigvee_{k=lo}^{hi} A_k` (written out when the limits are
    integers): ``AnyOf(A[k], (k, 1, n))``."""

    def __new__(cls, function: sp.Basic, *limits: Any) -> AnyOf:
        return sp.Basic.__new__(cls, function, *[sp.Tuple(*lim) for lim in limits])

    @property
    def function(self) -> sp.Basic:
        return self.args[0]

    @property
    def limits(self) -> tuple[sp.Tuple, ...]:
        return self.args[1:]

    @property
    def free_symbols(self) -> set[sp.Basic]:
        """The free symbols, less the bound index (as for ``Sum``)."""
        out = set(self.function.free_symbols)
        for v, lo, hi in self.limits:
            out = (out - {v}) | lo.free_symbols | hi.free_symbols
        return out

    def _sympystr(self, printer: Any) -> str:
        lims = ", ".join(f"{printer._print(v)}={lo}..{hi}" for v, lo, hi in self.limits)
        return f"AnyOf({printer._print(self.function)}, {lims})"

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(self._latex_body(printer), exp)

    def _latex_body(self, printer: Any) -> str:
        v, lo, hi = self.limits[0]
        return (
            rf"\bigvee_{{{printer._print(v)}={printer._print(lo)}}}^{{{printer._print(hi)}}}"
            + printer._print(self.function)
        )


class BallVolume(sp.Function):
    r""":math:`\operatorname{vol}(B_d(r))`, the Lebesgue measure of the Euclidean ball of radius
    :math:`r` in :math:`\mathbb R^d` (opaque: the lemma ``Ball volume`` gives its value)."""

    nargs = 2
    is_real = True
    is_nonnegative = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(self._latex_body(printer), exp)

    def _latex_body(self, printer: Any) -> str:
        d, r = (printer._print(a) for a in self.args)
        return rf"\operatorname{{vol}}\left(B_{{{d}}}({r})\right)"


class SupDensity(sp.Function):
    r""":math:`\sup f_X`, the (essential) supremum of the Lebesgue density of the random vector
    :math:`X` in :math:`\mathbb R^d` (``SupDensity(X, d)``); :math:`+\infty` when :math:`X` has
    no bounded density (opaque: the lemmas ``Sup density (...)`` and ``Ball mass`` relate it)."""

    nargs = 2
    is_extended_real = True
    is_extended_nonnegative = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(self._latex_body(printer), exp)

    def _latex_body(self, printer: Any) -> str:
        return r"\sup f_{" + printer._print(self.args[0]) + "}"


class Norm(sp.Function):
    r""":math:`\lVert X \rVert`, the Euclidean norm of a random vector (opaque; in dimension 1
    it is :math:`|X|`)."""

    nargs = 1
    is_real = True
    is_nonnegative = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(r"\left\lVert " + printer._print(self.args[0]) + r"\right\rVert", exp)


class CondE(sp.Function):
    r""":math:`\mathbb E[X \mid B] = \mathbb E[X \mathbf 1_B] / \Pr[B]`, the conditional
    expectation of ``X`` given an event ``B`` of positive probability (``CondE(X, B)``;
    opaque: the lemma ``Total expectation`` relates it to :math:`\mathbb E[X]`)."""

    nargs = 2
    is_real = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        x, b = (printer._print(a) for a in self.args)
        return _with_exp(r"\mathbb{E}\left[" + x + r" \mid " + b + r"\right]", exp)


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


# ----- data -------------------------------------------------------------------------------


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
        if self.kind not in KINDS:
            raise InputError("kind", f"unknown parameter kind {self.kind!r}")


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
        seq_len: int | None = None
        for p in self.params:
            if p.name not in args:
                if p.name == self.length:
                    continue
                raise InputError(p.name, f"missing argument of {self.name!r}")
            value = _check_arg(p, args[p.name])
            if p.kind == "function":
                fun_map[p.placeholder] = value
            elif isinstance(value, tuple):
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
            return _doit_derivatives(e.xreplace(sym_map))

        def finish(e: sp.Basic) -> sp.Basic:
            return _doit_derivatives(_expand(e, seq_map)) if seq_map else e

        given = [*sym_map.values(), *fun_map.values(), *seq_map.values()]
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
    if h.rel in _COLLECTING:
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
    if p.kind == "function":
        if isinstance(value, sp.Lambda):
            if len(value.variables) != p.arity:
                raise InputError(p.name, f"needs a function of {p.arity} variable(s)")
            return value
        if isinstance(value, sp.FunctionClass):
            return value
        raise InputError(p.name, f"must be a sympy.Lambda, got {value!r}")
    if p.kind in _SEQUENCE_KINDS:
        if isinstance(value, sp.IndexedBase):
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
    if p.kind in ("event", "event-sequence"):
        if not isinstance(v, Boolean | sp.Indexed):  # an indexed event A[k], as Pr accepts
            raise InputError(p.name, f"must be an event (a SymPy Boolean), got {value!r}")
        return v
    if isinstance(v, Boolean) and not isinstance(v, sp.Symbol):
        raise InputError(p.name, f"must be an expression, not an event: {value!r}")
    if p.kind in ("real", "positive", "nonnegative", "integer") and _holds_random(v):
        raise InputError(p.name, f"must be deterministic (no random variable): {value!r}")
    if not isinstance(v, sp.Expr):
        raise InputError(p.name, f"must be an expression, got {value!r}")
    if p.kind == "integer" and v.is_number and not v.is_Integer:
        raise InputError(p.name, f"must be an integer, got {value!r}")
    if v.is_real is False:
        raise InputError(p.name, f"must be real, got {value!r}")
    return v


# ----- checking an instance on a finite law -----------------------------------------------


def _values(expr: sp.Basic, law: JointLaw, env_map: Mapping[sp.Basic, sp.Expr]) -> list[Any]:
    """Value of ``expr`` at each outcome with positive probability (with the probability)."""
    e = _resolve(sp.sympify(expr).xreplace(env_map), law)
    out = []
    for atom, q in law.outcomes():
        v = e.xreplace({k: sp.Rational(x.numerator, x.denominator) for k, x in atom.items()})
        if isinstance(v, Boolean):
            out.append((sp.true if _truth(v) else sp.false, q))
        else:
            out.append((_number(v), q))
    return out


def _sym(x: Any) -> sp.Expr:
    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    return sp.sympify(x)


def _env(env: Mapping[Any, Any] | None) -> dict[sp.Basic, sp.Expr]:
    if not env:
        return {}
    return {(sp.Symbol(k) if isinstance(k, str) else k): _sym(v) for k, v in env.items()}


def _num_holds(lhs: sp.Basic, rel: str, rhs: sp.Basic, rtol: float) -> bool:
    return holds(to_number(lhs), rel, to_number(rhs), rtol)


def hypothesis_holds(
    h: Hypothesis,
    law: JointLaw,
    env: Mapping[Any, Any] | None = None,
    points: Sequence[Any] | None = None,
    rtol: float = 1e-30,
) -> bool:
    """Whether ``h`` holds on ``law`` (exactly; 50 digits with ``rtol`` where irrational).

    Pointwise relations are checked at every outcome; ``independent`` by comparing the joint
    law of the quantities with the product of their marginals; ``measurable`` by checking that
    ``lhs`` is constant where the quantities are; ``bounded-differences`` over the product of
    the supports, ``lhs`` read as a function of the family (see :func:`_bounded_differences`).
    A real variable in ``over`` is checked only at ``points`` (default: every
    value in the law's support and 0), a necessary check, not a proof.
    """
    em = _env(env)
    if h.over:
        reals = [v for v, _, _ in h.over if not v.is_integer]
        if len(reals) != len(h.over):
            raise InputError("over", f"index range of {h.text()} is not concrete")
        pts = points
        if pts is None:
            pts = sorted({x for a, _ in law.outcomes() for x in a.values()} | {Fraction(0)})
        for combo in itertools.product(pts, repeat=len(reals)):
            s = {v: _sym(x) for v, x in zip(reals, combo, strict=True)}
            g = Hypothesis(h.lhs.xreplace(s), h.rel, h.rhs.xreplace(s), h.scope)
            if not hypothesis_holds(g, law, env, rtol=rtol):
                return False
        return True
    if h.rel == "independent":
        cols = [_values(v, law, em) for v in h.lhs.args]
        joint: dict[tuple[Any, ...], Fraction] = {}
        margs: list[dict[Any, Fraction]] = [{} for _ in cols]
        for rows in zip(*cols, strict=True):
            q = rows[0][1]
            key = tuple(v for v, _ in rows)
            joint[key] = joint.get(key, Fraction(0)) + q
            for m, v in zip(margs, key, strict=True):
                m[v] = m.get(v, Fraction(0)) + q
        for combo in itertools.product(*[list(m.items()) for m in margs]):
            prod = Fraction(1)
            for _, q in combo:
                prod *= q
            if joint.get(tuple(v for v, _ in combo), Fraction(0)) != prod:
                return False
        return True
    if h.rel == "measurable":
        lhs = _values(h.lhs, law, em)
        cols = [_values(v, law, em) for v in h.rhs.args]
        seen: dict[tuple[Any, ...], Any] = {}
        for i, (val, _) in enumerate(lhs):
            key = tuple(c[i][0] for c in cols)
            if seen.setdefault(key, val) != val:
                return False
        return True
    if h.rel == "bounded-differences":
        return _bounded_differences(h, law, em, rtol)
    if h.scope == "deterministic" and not (is_random(h.lhs) or is_random(h.rhs)):
        if h.rel == "implies":
            return (not _truth(_resolve(h.lhs.xreplace(em), law))) or _truth(
                _resolve(h.rhs.xreplace(em), law)
            )
        return holds(evaluate(h.lhs, law, env), h.rel, evaluate(h.rhs, law, env), rtol)
    lhs = _values(h.lhs, law, em)
    rhs = _values(h.rhs, law, em)
    for (l, _), (r, _) in zip(lhs, rhs, strict=True):
        if h.rel == "implies":
            if _truth(l) and not _truth(r):
                return False
        elif not _num_holds(l, h.rel, r, rtol):
            return False
    return True


def _bounded_differences(
    h: Hypothesis, law: JointLaw, em: Mapping[sp.Basic, sp.Expr], rtol: float
) -> bool:
    r"""Changing ``X_i`` alone changes ``lhs`` by at most ``c_i``.

    ``lhs`` is read as a function :math:`g` of the family :math:`X_1, \dots, X_n` (the third
    element of ``rhs``; just ``X_i`` when absent). When ``lhs`` involves another random
    variable :math:`Y` and is, on the law, a function of the family (it may be: :math:`Y` a
    copy of :math:`X_1`), :math:`g` is read from the law, and must be known on the whole
    product of the supports (else the check fails: :math:`g` is not determined there);
    otherwise :math:`g` is the formula, each variable over its support, the others held fixed.
    """
    xi, ci, *rest = h.rhs.args
    if not isinstance(xi, RandomSymbol):
        raise InputError("rhs", f"bounded differences need a random variable, got {xi}")
    family = tuple(rest[0].args) if rest else (xi,)
    if not all(isinstance(x, RandomSymbol) for x in family):
        raise InputError("rhs", f"bounded differences need random variables, got {family}")
    f = _resolve(h.lhs.xreplace(em), law)
    c = _resolve(ci.xreplace(em), law)
    if not random_symbols(f) <= set(family) | {xi}:
        table = _function_of(f, family, law)
        if table is not None:
            return _table_differences(table, family, xi, law, c, rtol)
    syms = sorted(random_symbols(f) | {xi}, key=lambda s: s.name)
    supports = {s: law.support(s) for s in syms}
    others = [s for s in syms if s != xi]
    for rest_values in itertools.product(*[supports[s] for s in others]):
        base = {
            s: sp.Rational(v.numerator, v.denominator)
            for s, v in zip(others, rest_values, strict=True)
        }
        vals = []
        for v in supports[xi]:
            base[xi] = sp.Rational(v.numerator, v.denominator)
            vals.append(_number(f.xreplace(base)))
        for u, w in itertools.combinations(vals, 2):
            if not _num_holds(sp.Abs(u - w), "<=", c, rtol):
                return False
    return True


def _function_of(
    f: sp.Basic, family: Sequence[sp.Basic], law: JointLaw
) -> dict[tuple[Fraction, ...], sp.Expr] | None:
    """``f`` as a table on the values of ``family`` seen on the law; None when ``f`` is not a
    function of them (two outcomes with equal family values and different ``f``)."""
    table: dict[tuple[Fraction, ...], sp.Expr] = {}
    for atom, _ in law.outcomes():
        key = tuple(atom[x] for x in family)
        sub = {k: sp.Rational(v.numerator, v.denominator) for k, v in atom.items()}
        value = _number(f.xreplace(sub))
        if table.setdefault(key, value) != value:
            return None
    return table


def _table_differences(
    table: Mapping[tuple[Fraction, ...], sp.Expr],
    family: Sequence[sp.Basic],
    xi: sp.Basic,
    law: JointLaw,
    c: sp.Basic,
    rtol: float,
) -> bool:
    k = list(family).index(xi)
    supports = [law.support(x) for x in family]
    for point in itertools.product(*supports):
        for v in supports[k]:
            other = (*point[:k], v, *point[k + 1 :])
            if point not in table or other not in table:
                return False
            if not _num_holds(sp.Abs(table[point] - table[other]), "<=", c, rtol):
                return False
    return True


def hypotheses_failing(
    inst: LemmaInstance,
    law: JointLaw,
    env: Mapping[Any, Any] | None = None,
    points: Sequence[Any] | None = None,
) -> list[Hypothesis]:
    """The hypotheses of ``inst`` that fail on ``law`` (empty: all hold)."""
    return [h for h in inst.hypotheses if not hypothesis_holds(h, law, env, points)]


def conclusion_values(
    inst: LemmaInstance, law: JointLaw, env: Mapping[Any, Any] | None = None
) -> tuple[Number, Number]:
    """Both sides of the conclusion evaluated on ``law`` (``randomness.evaluate``)."""
    lhs, _, rhs = inst.conclusion
    return evaluate(lhs, law, env), evaluate(rhs, law, env)


def conclusion_holds(
    inst: LemmaInstance,
    law: JointLaw,
    env: Mapping[Any, Any] | None = None,
    rtol: float = 1e-30,
) -> bool:
    """Whether the conclusion of ``inst`` holds on ``law``."""
    lhs, rhs = conclusion_values(inst, law, env)
    return holds(lhs, inst.conclusion[1], rhs, rtol)


# ----- the lemmas -------------------------------------------------------------------------

_X = random_symbol("X")
_Y = random_symbol("Y")
_T = random_symbol("T")
_F = random_symbol("F")
_a = sp.Symbol("a", real=True)
_t = sp.Symbol("t", real=True)
_x = sp.Symbol("x", real=True)
_y = sp.Symbol("y", real=True)
_p = sp.Symbol("p", real=True)
_q = sp.Symbol("q", real=True)
_r = sp.Symbol("r", real=True)
_theta = sp.Symbol("theta", real=True)
_n = sp.Symbol("n", integer=True)
_d = sp.Symbol("d", integer=True)
_i = sp.Symbol("i", integer=True)
_k = sp.Symbol("k", integer=True)
_A = sp.Symbol("A")
_B = sp.Symbol("B")
_xs = sp.IndexedBase("x", real=True)
_ys = sp.IndexedBase("y", real=True)
_as = sp.IndexedBase("a", real=True)
_bs = sp.IndexedBase("b", real=True)
_cs = sp.IndexedBase("c", real=True)
_Xs = sp.IndexedBase(_X)
_As = sp.IndexedBase("A")
_phi = sp.Function("phi")
_u = sp.Symbol("u", real=True)  # Jensen's quantified variable

_DURRETT = "R. Durrett, Probability: Theory and Examples (4th/5th ed.)"
_VERSHYNIN = "R. Vershynin, High-Dimensional Probability (2018)"
_HLP = "G. H. Hardy, J. E. Littlewood, G. Polya, Inequalities (2nd ed., 1952)"


def _P(name: str, kind: str, placeholder: Any, arity: int = 1) -> Param:
    return Param(name, kind, placeholder, arity)


def _H(lhs: Any, rel: str, rhs: Any, scope: str = "deterministic", over: Any = ()) -> Hypothesis:
    return Hypothesis(sp.sympify(lhs), rel, sp.sympify(rhs), scope, tuple(over))


def _indep(*vs: Any, over: Any = ()) -> Hypothesis:
    tup = sp.Tuple(*vs)
    return Hypothesis(tup, "independent", sp.true, Independent(tuple(tup)), tuple(over))


def _over(i: sp.Symbol, n: sp.Basic) -> tuple[tuple[sp.Basic, sp.Basic, sp.Basic]]:
    return ((i, sp.S.One, n),)


def _sum(e: sp.Basic, i: sp.Symbol = _i) -> sp.Sum:
    return sp.Sum(e, (i, 1, _n))


_S_hoeff = _sum(_Xs[_i])
_gauss_tail = sp.erfc(_x / sp.sqrt(2)) / 2  # 1 - Phi(x)
_gauss_density = sp.exp(-(_x**2) / 2) / sp.sqrt(2 * sp.pi)  # phi(x)

_LEMMAS: tuple[Lemma, ...] = (
    Lemma(
        "Markov",
        f"{_DURRETT}, Thm 1.6.4 (Chebyshev's inequality, general form); {_VERSHYNIN}, Prop. 1.2.4",
        (_P("X", "random", _X), _P("a", "positive", _a)),
        (_H(_X, ">=", 0, "pointwise"), _H(_a, ">", 0)),
        (Pr(sp.Ge(_X, _a)), "<=", E(_X) / _a),
    ),
    Lemma(
        "Monotonicity (expectations)",
        f"{_DURRETT}, Thm 1.5.1 (monotonicity of the integral)",
        (_P("X", "random", _X), _P("Y", "random", _Y)),
        (_H(_X, "<=", _Y, "pointwise"),),
        (E(_X), "<=", E(_Y)),
    ),
    Lemma(
        "Linearity (constant factor)",
        f"{_DURRETT}, Thm 1.5.1 (linearity of the integral)",
        (_P("c", "real", _a), _P("X", "random", _X)),
        (),
        (E(_a * _X), "=", _a * E(_X)),
        note="c is deterministic: a real parameter holds no random variable",
    ),
    Lemma(
        "Chebyshev",
        f"{_VERSHYNIN}, Cor. 1.2.5; {_DURRETT}, Thm 1.6.4 with phi(x) = x^2",
        (_P("X", "random", _X), _P("a", "positive", _a)),
        (_H(_a, ">", 0),),
        (Pr(sp.Ge(sp.Abs(_X - E(_X)), _a)), "<=", Var(_X) / _a**2),
    ),
    Lemma(
        "Cantelli",
        "F. P. Cantelli (1928); G. Grimmett, D. Stirzaker, Probability and Random Processes "
        "(one-sided Chebyshev inequality)",
        (_P("X", "random", _X), _P("a", "positive", _a)),
        (_H(_a, ">", 0),),
        (Pr(sp.Ge(_X - E(_X), _a)), "<=", Var(_X) / (Var(_X) + _a**2)),
    ),
    Lemma(
        "Cauchy-Schwarz (sums)",
        "J. M. Steele, The Cauchy-Schwarz Master Class (2004), Ch. 1",
        (_P("x", "sequence", _xs), _P("y", "sequence", _ys), _P("n", "integer", _n)),
        (),
        (_sum(_xs[_i] * _ys[_i]) ** 2, "<=", _sum(_xs[_i] ** 2) * _sum(_ys[_i] ** 2)),
        length="n",
        note="a tuple for x and y gives the finite vector form",
    ),
    Lemma(
        "Cauchy-Schwarz (expectations)",
        f"{_DURRETT}, Thm 1.6.3 (Hoelder) with p = q = 2",
        (_P("X", "random", _X), _P("Y", "random", _Y)),
        (),
        (E(_X * _Y) ** 2, "<=", E(_X**2) * E(_Y**2)),
    ),
    Lemma(
        "Jensen",
        f"{_DURRETT}, Thm 1.6.2",
        (_P("phi", "function", _phi), _P("X", "random", _X)),
        (_H(sp.Derivative(_phi(_u), (_u, 2)), ">=", 0, over=((_u, -sp.oo, sp.oo),)),),
        (_phi(E(_X)), "<=", E(_phi(_X))),
        note="convexity as phi'' >= 0 on the real line",
    ),
    Lemma(
        "Union bound",
        f"{_DURRETT}, Thm 1.1.1 (ii) (subadditivity)",
        (_P("A", "event", _A), _P("B", "event", _B)),
        (),
        (Pr(sp.Or(_A, _B)), "<=", Pr(_A) + Pr(_B)),
    ),
    Lemma(
        "Union bound (family)",
        f"{_DURRETT}, Thm 1.1.1 (ii) (subadditivity)",
        (_P("A", "event-sequence", _As), _P("n", "integer", _n)),
        (),
        (Pr(AnyOf(_As[_k], (_k, 1, _n))), "<=", sp.Sum(Pr(_As[_k]), (_k, 1, _n))),
        length="n",
    ),
    Lemma(
        "Monotonicity",
        f"{_DURRETT}, Thm 1.1.1 (i)",
        (_P("A", "event", _A), _P("B", "event", _B)),
        (_H(_A, "implies", _B, "pointwise"),),
        (Pr(_A), "<=", Pr(_B)),
    ),
    Lemma(
        "Total probability",
        f"{_DURRETT}, Sect. 1.1 (additivity of a measure)",
        (_P("A", "event", _A), _P("B", "event", _B)),
        (),
        (Pr(_A), "=", Pr(sp.And(_A, _B)) + Pr(sp.And(_A, sp.Not(_B)))),
    ),
    Lemma(
        "Independence product",
        f"{_DURRETT}, Sect. 2.1 (definition of independence)",
        (
            _P("X", "random", _X),
            _P("Y", "random", _Y),
            _P("A", "event", _A),
            _P("B", "event", _B),
        ),
        (
            _indep(_X, _Y),
            _H(_A, "measurable", sp.Tuple(_X), "pointwise"),
            _H(_B, "measurable", sp.Tuple(_Y), "pointwise"),
        ),
        (Pr(sp.And(_A, _B)), "=", Pr(_A) * Pr(_B)),
    ),
    Lemma(
        "Paley-Zygmund",
        "R. Paley, A. Zygmund (1932); J.-P. Kahane, Some Random Series of Functions, Ch. 1 "
        "(T in the bound, not Z: the corrected Lemma B.2)",
        (_P("T", "random", _T), _P("theta", "real", _theta)),
        (
            _H(_T, ">=", 0, "pointwise"),
            _H(_theta, ">=", 0),
            _H(_theta, "<=", 1),
            _H(E(_T**2), ">", 0),
        ),
        (Pr(sp.Gt(_T, _theta * E(_T))), ">=", (1 - _theta) ** 2 * E(_T) ** 2 / E(_T**2)),
    ),
    Lemma(
        "Hoelder",
        f"{_HLP}, Sect. 2.7 (Hoelder's inequality for sums)",
        (
            _P("x", "sequence", _xs),
            _P("y", "sequence", _ys),
            _P("p", "real", _p),
            _P("q", "real", _q),
            _P("n", "integer", _n),
        ),
        (_H(_p, ">", 1), _H(1 / _p + 1 / _q, "=", 1)),
        (
            _sum(sp.Abs(_xs[_i] * _ys[_i])),
            "<=",
            _sum(sp.Abs(_xs[_i]) ** _p) ** (1 / _p) * _sum(sp.Abs(_ys[_i]) ** _q) ** (1 / _q),
        ),
        length="n",
    ),
    Lemma(
        "AM-GM",
        f"{_HLP}, Sect. 2.5",
        (_P("x", "nonnegative", _x), _P("y", "nonnegative", _y)),
        (_H(_x, ">=", 0), _H(_y, ">=", 0)),
        (sp.sqrt(_x * _y), "<=", (_x + _y) / 2),
    ),
    Lemma(
        "AM-GM (n terms)",
        f"{_HLP}, Sect. 2.5",
        (_P("x", "sequence", _xs), _P("n", "integer", _n)),
        (_H(_n, ">=", 1), _H(_xs[_i], ">=", 0, over=_over(_i, _n))),
        (sp.Product(_xs[_i], (_i, 1, _n)) ** (1 / _n), "<=", _sum(_xs[_i]) / _n),
        length="n",
    ),
    Lemma(
        "Hoeffding",
        f"{_VERSHYNIN}, Thm 2.2.6; W. Hoeffding (1963), Thm 2",
        (
            _P("X", "random-sequence", _Xs),
            _P("a", "sequence", _as),
            _P("b", "sequence", _bs),
            _P("t", "positive", _t),
            _P("n", "integer", _n),
        ),
        (
            _indep(_Xs[_i], over=_over(_i, _n)),
            _H(_as[_i], "<=", _Xs[_i], "pointwise", _over(_i, _n)),
            _H(_Xs[_i], "<=", _bs[_i], "pointwise", _over(_i, _n)),
            _H(_as[_i], "<", _bs[_i], over=_over(_i, _n)),
            _H(_t, ">", 0),
        ),
        (
            Pr(sp.Ge(_S_hoeff - E(_S_hoeff), _t)),
            "<=",
            sp.exp(-2 * _t**2 / _sum((_bs[_i] - _as[_i]) ** 2)),
        ),
        length="n",
    ),
    Lemma(
        "McDiarmid",
        "S. Boucheron, G. Lugosi, P. Massart, Concentration Inequalities (2013), Thm 6.2; "
        "C. McDiarmid (1989)",
        (
            _P("F", "random", _F),
            _P("X", "random-sequence", _Xs),
            _P("c", "sequence", _cs),
            _P("t", "positive", _t),
            _P("n", "integer", _n),
        ),
        (
            _indep(_Xs[_i], over=_over(_i, _n)),
            _H(_F, "measurable", sp.Tuple(_Xs[_i]), "pointwise", _over(_i, _n)),
            _H(_F, "bounded-differences", sp.Tuple(_Xs[_i], _cs[_i]), "pointwise", _over(_i, _n)),
            _H(_sum(_cs[_i] ** 2), ">", 0),
            _H(_t, ">", 0),
        ),
        (Pr(sp.Ge(_F - E(_F), _t)), "<=", sp.exp(-2 * _t**2 / _sum(_cs[_i] ** 2))),
        length="n",
    ),
    Lemma(
        "Gaussian tail (Mills)",
        f"{_VERSHYNIN}, Prop. 2.1.2 (upper bound); R. D. Gordon (1941)",
        (_P("x", "positive", _x),),
        (_H(_x, ">", 0),),
        (_gauss_tail, "<=", _gauss_density / _x),
        note="1 - Phi(x) = erfc(x / sqrt 2) / 2",
    ),
    Lemma(
        "Gaussian tail (lower)",
        f"{_VERSHYNIN}, Prop. 2.1.2 (lower bound, in the form x/(1+x^2)); R. D. Gordon (1941)",
        (_P("x", "positive", _x),),
        (_H(_x, ">", 0),),
        (_gauss_tail, ">=", _x / (1 + _x**2) * _gauss_density),
    ),
    Lemma(
        "Ball volume",
        "NIST DLMF 5.19.4; G. B. Folland, Real Analysis (2nd ed.), Cor. 2.55",
        (_P("d", "integer", _d), _P("r", "nonnegative", _r)),
        (_H(_d, ">=", 1), _H(_r, ">=", 0)),
        (BallVolume(_d, _r), "=", sp.pi ** (_d / 2) * _r**_d / sp.gamma(_d / 2 + 1)),
    ),
    Lemma(
        "Sup density (convolution)",
        f"{_DURRETT}, Thm 2.1.16 (5th ed.; 2.1.11 in the 4th): X + Y has the density "
        "z -> E[f_X(z - Y)], at most sup f_X",
        (_P("X", "random", _X), _P("Y", "random", _Y), _P("d", "integer", _d)),
        (_indep(_X, _Y), _H(_d, ">=", 1)),
        (SupDensity(_X + _Y, _d), "<=", SupDensity(_X, _d)),
        note="X, Y random vectors in R^d; when X has no bounded density, sup f_X = +oo and "
        "the bound says nothing",
    ),
    Lemma(
        "Sup density (scaling)",
        "G. B. Folland, Real Analysis (2nd ed.), Thm 2.44 (linear change of variables): "
        "cX has the density x -> f_X(x/c)/|c|^d",
        (_P("X", "random", _X), _P("c", "real", _a), _P("d", "integer", _d)),
        (_H(sp.Abs(_a), ">", 0), _H(_d, ">=", 1)),
        (SupDensity(_a * _X, _d), "=", SupDensity(_X, _d) / sp.Abs(_a) ** _d),
        note="X a random vector in R^d, c a non-zero real number",
    ),
    Lemma(
        "Ball mass",
        f"{_DURRETT}, Thm 1.5.1 (monotonicity of the integral): Pr[X in B] = int_B f_X "
        "<= sup f_X vol(B)",
        (_P("X", "random", _X), _P("d", "integer", _d), _P("r", "nonnegative", _r)),
        (_H(_d, ">=", 1), _H(SupDensity(_X, _d), "<", sp.oo)),
        (Pr(sp.Le(Norm(_X), _r)), "<=", SupDensity(_X, _d) * BallVolume(_d, _r)),
        note="B the closed ball of radius r about 0 (apply it to X - m for another centre)",
    ),
    Lemma(
        "Expectation of a constant",
        f"{_DURRETT}, Sect. 1.4 (the integral of a simple function): E[c] = c Pr[Omega] = c",
        (_P("c", "real", _a),),
        (),
        (E(_a), "=", _a),
        note="c is deterministic: a real parameter holds no random variable",
    ),
    Lemma(
        "Total expectation",
        f"{_DURRETT}, Thm 4.1.13 (E[E[X | F]] = E[X]) with F generated by the event B, where "
        "E[X | F] = E[X | B] on B and E[X | not B] off B (Example 4.1.3)",
        (_P("X", "random", _X), _P("B", "event", _B)),
        (_H(Pr(_B), ">", 0), _H(Pr(sp.Not(_B)), ">", 0)),
        (
            E(_X),
            "=",
            Pr(_B) * CondE(_X, _B) + Pr(sp.Not(_B)) * CondE(_X, sp.Not(_B)),
        ),
        note="the tower rule for the partition {B, not B}",
    ),
    Lemma(
        "Triangle",
        "the triangle inequality for the absolute value",
        (_P("x", "real", _x), _P("y", "real", _y)),
        (),
        (sp.Abs(_x + _y), "<=", sp.Abs(_x) + sp.Abs(_y)),
    ),
    Lemma(
        "Triangle (norm)",
        "Minkowski's inequality for p = 2; " + _HLP + ", Sect. 2.11",
        (_P("x", "sequence", _xs), _P("y", "sequence", _ys), _P("n", "integer", _n)),
        (),
        (
            sp.sqrt(_sum((_xs[_i] + _ys[_i]) ** 2)),
            "<=",
            sp.sqrt(_sum(_xs[_i] ** 2)) + sp.sqrt(_sum(_ys[_i] ** 2)),
        ),
        length="n",
    ),
    Lemma(
        "Reverse triangle",
        "the reverse triangle inequality for the absolute value",
        (_P("x", "real", _x), _P("y", "real", _y)),
        (),
        (sp.Abs(_x - _y), ">=", sp.Abs(_x) - sp.Abs(_y)),
    ),
)

#: The library, by name.
LIBRARY: dict[str, Lemma] = {lem.name: lem for lem in _LEMMAS}


def names() -> list[str]:
    """The names of the lemmas in the library."""
    return list(LIBRARY)


def lemma(name: str, **args: Any) -> LemmaInstance:
    """The instance of library lemma ``name`` with ``args`` substituted."""
    if name not in LIBRARY:
        raise InputError("name", f"no lemma {name!r} in the library (have: {names()})")
    return LIBRARY[name].instance(**args)


def _with_exp(tex: str, exp: Any) -> str:
    """``tex`` raised to the printed power ``exp`` (SymPy's printer passes it for x**n)."""
    return tex if exp is None else r"\left(" + tex + r"\right)^{" + str(exp) + "}"
