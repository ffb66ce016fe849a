r"""Hand-checked models of the steps whose sides hold opaque probability operators
(:data:`hallbound.proofs_checks.mutation.evaluation.MODELS`): each is one realisable instance
of the step's random quantities, written out, so that the step's sides become numbers.

* :func:`convolution_model` (Theorem 6.1 (corrected), U4): :math:`R = 0` (a constant,
  independent of everything) and :math:`\mu_j` with a density of supremum :math:`G_j`
  (uniform on a ball of volume :math:`1/G_j`), so for a real :math:`a \ne 0`
  :math:`\sup f_{a\mu_j + bR} = G_j/|a|^d` (Folland, Thm 2.44);
* :func:`ball_model` (U5): :math:`R = 0` and :math:`\mu_j` uniform on the unit ball of
  :math:`\mathbb R^d`, so :math:`G_j = 1/V_d`, :math:`\Pr[\|a\mu_j\| \le r] =
  \min(1, (r/|a|)^d)` and :math:`\sup f_{a\mu_j} = 1/(V_d |a|^d)`;
* :func:`total_expectation_model` (Theorem C.1 (corrected), C.3a): an event :math:`Z_i` of
  probability :math:`p_i \in (0, 1)` and :math:`q(i)` equal to :math:`a` on :math:`Z_i` and
  :math:`b` off it (a two-atom exact law), so :math:`\mathbb E[q(i) \mid Z_i] = a`,
  :math:`\mathbb E[q(i) \mid Z_j] = b` (:math:`Z_j` is the complement of :math:`Z_i`) and
  :math:`p_X(i) = \mathbb E\,q(i) = p_i a + (1 - p_i) b`;
* :func:`good_turing_model` (Corollary 3, step 5 (failure)): samples of size
  :math:`N \le 4` from a three-value law, :math:`\Pr` summed exactly over the samples;
  *one-sided* (a witness shows a mutant false; no point failing says nothing).

* :func:`parameters_only_model` (Lemma 1, 4a; Theorem 2, LB 3a): a step that is a relation
  of its own parameters only (:math:`\varphi_0 \in [0, 1)`; an integer :math:`N \ge 1`),
  in a claim whose stated relations define random quantities *at* those parameters
  (:math:`\mathrm{MissingMass}(N) = MM + \mathrm{MissedMass}(N, \varphi_0)`, the
  Good-Turing bounds, :math:`MM, s_r \in [0, 1]`, ...): each of them is met by the
  Good-Turing model of any law with IDK mass :math:`\varphi_0` at sample size :math:`N`, so
  every value of the parameters in its domain is realised, and the relations are not
  constraints on the points.

Each model is *closed*: it realises every stated relation of its claim by construction
(listed per model), and only its own constraints filter the points. A side the rewrite
cannot write out (an argument not linear in :math:`\mu_j`, an event of another shape) keeps
its operator, so the point has no numeric form and is not judged.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks.engine.claim import Param
from hallbound.proofs_checks.library.lemma_notation import Norm, SupDensity
from hallbound.proofs_checks.library.randomness import E, Pr


@dataclass(frozen=True)
class Model:
    r"""A realisable instance of a step's opaque symbols: ``subs`` maps symbol *names* to
    SymPy expressions in the ``params`` (plus the claim's and step's own parameters)."""

    subs: Callable[[], dict[str, sp.Basic]]
    params: Callable[[], list[Param]]
    description: str
    #: applied to each side before ``subs`` (writes out opaque operators: Pr, sup density)
    rewrite: Callable[[sp.Basic], sp.Basic] | None = None
    #: the model realises every stated relation of the claim by construction (hand-checked,
    #: listed in its doc): only its own ``constraints`` filter the points
    closed: bool = False
    constraints: Callable[[], list[tuple[sp.Basic, str, sp.Basic]]] = lambda: []
    #: the model shows a mutant false (a witness) but never true (e.g. a sample size where
    #: the original's event is empty): where no point fails, the mutant stays undecided
    one_sided: bool = False


def _named(expr: sp.Basic, name: str) -> sp.Basic | None:
    """The atom of ``expr`` named ``name`` (a random symbol), or None."""
    return next((s for s in expr.free_symbols if getattr(s, "name", None) == name), None)


def _coefficient(arg: sp.Basic) -> sp.Basic | None:
    r""":math:`a` when ``arg`` is :math:`a\,\mu_j + b\,R` with :math:`R = 0` (no other random
    part, no shift); None otherwise."""
    mu = _named(arg, "mu_j")
    if mu is None:
        return None
    r = _named(arg, "R")
    at_zero = arg.xreplace({r: sp.Integer(0)}) if r is not None else arg
    a = sp.diff(at_zero, mu)
    if a.has(mu) or sp.expand(at_zero - a * mu) != 0:
        return None
    return a


def _sup_density(sup: Callable[[sp.Basic], sp.Basic]) -> Callable[[sp.Basic], sp.Basic]:
    def rewrite(e: sp.Basic) -> sp.Basic:
        a = _coefficient(e.args[0])
        return e if a is None else sup(e.args[1]) / sp.Abs(a) ** e.args[1]

    return rewrite


def _ball_probability(dim: sp.Basic) -> Callable[[sp.Basic], sp.Basic]:
    def rewrite(e: sp.Basic) -> sp.Basic:
        event = e.args[0]
        if not (isinstance(event, sp.Le) and isinstance(event.lhs, Norm)):
            return e
        a = _coefficient(event.lhs.args[0])
        if a is None:
            return e
        return sp.Min(1, (event.rhs / sp.Abs(a)) ** dim)

    return rewrite


def _rewrite_ops(expr: sp.Basic, sup: Callable[[sp.Basic], sp.Basic],
                 dim: sp.Basic | None = None) -> sp.Basic:
    out = expr.replace(lambda e: isinstance(e, SupDensity), _sup_density(sup))
    if dim is not None:
        out = out.replace(lambda e: isinstance(e, Pr), _ball_probability(dim))
    return out


def _dim_and_c() -> tuple[sp.Symbol, sp.Symbol, list[Param]]:
    d = sp.Symbol("d_a", integer=True, positive=True)
    c = sp.Symbol("c_ij", real=True)
    return d, c, [Param("d_a", d, kind="integer", lo=1, hi=6), Param("c_ij", c, lo=-3, hi=3)]


def convolution_model() -> Model:
    """U4 (see the module doc). Realised by construction: R independent of mu_j c_ij (a
    constant), sup f_{mu_j} = G_j, |c_ij| = Abs(c_ij); its own constraint: |c_ij| >= 1/50 (a
    part of the domain |c_ij| > 0).
    ``A*``, ``A[k]``, ``r[k]`` and ``b[k]`` of the claim are defined from these."""
    d, c, params = _dim_and_c()
    g = sp.Symbol("G_j", positive=True)

    def subs() -> dict[str, sp.Basic]:
        return {"G_j": g, "c_ij": c, "|c_ij|": sp.Abs(c), "d_a": d}

    return Model(subs, lambda: [*params, Param("G_j", g, lo=0.01, hi=10)],
                 "R = 0 and mu_j with sup density G_j (uniform on a ball)",
                 rewrite=lambda e: _rewrite_ops(e, lambda _d: g),
                 closed=True, constraints=lambda: [(sp.Abs(c), ">=", sp.Rational(1, 50))])


def ball_model() -> Model:
    """U5 (see the module doc). Realised by construction as for U4, with G_j = 1/V_d."""
    d, c, params = _dim_and_c()
    r = sp.Symbol("r_i", nonnegative=True)
    vd = sp.pi ** (d / 2) / sp.gamma(d / 2 + 1)

    def subs() -> dict[str, sp.Basic]:
        return {"G_j": 1 / vd, "c_ij": c, "|c_ij|": sp.Abs(c), "d_a": d, "r_i": r}

    return Model(subs, lambda: [*params, Param("r_i", r, lo=0, hi=5)],
                 "R = 0 and mu_j uniform on the unit ball",
                 rewrite=lambda e: _rewrite_ops(e, lambda _d: 1 / vd, dim=_named_dim(e)),
                 closed=True, constraints=lambda: [(sp.Abs(c), ">=", sp.Rational(1, 50))])


def _named_dim(expr: sp.Basic) -> sp.Basic:
    """The claim's ``d_a`` in ``expr`` (the ball's dimension), else a fresh ``d_a``."""
    return _named(expr, "d_a") or sp.Symbol("d_a", integer=True, positive=True)


def total_expectation_model() -> Model:
    r"""C.3a (see the module doc). Realised by construction: :math:`p_X(i) = \mathbb E\,q(i)`,
    :math:`\Pr[Z_i] = p_i`, :math:`\Pr[\lnot Z_i] = 1 - p_i`, the two conditional
    expectations; :math:`q(j) \mid Z_j := 1 - b` and :math:`\rho := b` meet
    :math:`q(i)|Z_j + q(j)|Z_j \le 1` and :math:`q(j)|Z_j \ge 1 - \rho`. Its own
    constraints (a part of the domain, so that strict bounds hold with room):
    :math:`p_i \in [0.01, 0.99]` (the lemma's :math:`\Pr[Z_i], \Pr[\lnot Z_i] > 0`) and
    :math:`\rho = b \le (1 - p_i)/(2 - p_i) - 1/100` (the claim's bound on :math:`\rho`)."""
    p, a, b = (sp.Symbol(n, real=True) for n in ("p_i", "a", "b"))

    def rewrite(e: sp.Basic) -> sp.Basic:
        return e.replace(lambda x: isinstance(x, E) and getattr(x.args[0], "name", "")
                         == "q(i) | Z_j", lambda x: b)

    def subs() -> dict[str, sp.Basic]:
        return {"p_i": p, "E[q(i) | Z_i]": a, "p_X(i)": p * a + (1 - p) * b}

    return Model(subs, lambda: [Param("p_i", p, lo=0.01, hi=0.99), Param("a", a, lo=0, hi=1),
                                Param("b", b, lo=0, hi=1)],
                 "Z_i of probability p_i, q(i) = a on Z_i and b off it",
                 rewrite=rewrite, closed=True,
                 constraints=lambda: [(b, "<=", (1 - p) / (2 - p) - sp.Rational(1, 100))])


# ----- Corollary 3, step 5 (failure): an exact sample law, one-sided ----------------------
#: The law the sample is drawn from (three values) and the sample sizes written out.
GT_LAW = (Fraction(1, 2), Fraction(1, 4), Fraction(1, 4))
GT_SIZES = (1, 2, 3, 4)


def _sample_outcomes(n: int, law: Sequence[Fraction]) -> list[tuple[Fraction, Fraction, Fraction]]:
    r"""Every sample :math:`s \sim \nu^n`, grouped by its counts (multinomial), as
    (probability, Good-Turing :math:`N_1/n`, missing mass), exactly."""
    out = []
    for cut in itertools.combinations(range(n + len(law) - 1), len(law) - 1):
        bounds = (-1, *cut, n + len(law) - 1)
        counts = [bounds[k + 1] - bounds[k] - 1 for k in range(len(law))]
        ways = math.factorial(n) // math.prod(math.factorial(c) for c in counts)
        prob = ways * math.prod((q**c for q, c in zip(law, counts, strict=True)),
                                start=Fraction(1))
        gt = Fraction(counts.count(1), n)
        mm = sum((q for q, c in zip(law, counts, strict=True) if c == 0), Fraction(0))
        out.append((prob, gt, mm))
    return out


def _sample_probability(event: sp.Basic, n_sym: sp.Basic) -> sp.Basic | None:
    r""":math:`\Pr[\text{event}]` over the sample, as a ``Piecewise`` in the sample size (one
    branch per size of :data:`GT_SIZES`; the event may use other symbols, e.g.
    :math:`\gamma`); None when the event is not a relation of ``GoodTuring(N)`` and
    ``MissingMass(N)`` alone."""
    from hallbound.proofs_checks.library.lemmas_concentration import GoodTuring, MissingMass

    if not isinstance(event, sp.core.relational.Relational):
        return None
    gts, mms = event.atoms(GoodTuring), event.atoms(MissingMass)
    if any(a.args[0] != n_sym for a in (*gts, *mms)) or not (gts or mms):
        return None
    branches = []
    for n in GT_SIZES:
        total = sp.Integer(0)
        for prob, gt, mm in _sample_outcomes(n, GT_LAW):
            table = {**{a: sp.Rational(gt.numerator, gt.denominator) for a in gts},
                     **{a: sp.Rational(mm.numerator, mm.denominator) for a in mms}}
            at = event.xreplace(table).xreplace({n_sym: sp.Integer(n)})
            total += sp.Piecewise((sp.Rational(prob.numerator, prob.denominator), at),
                                  (0, True))
        branches.append((total, sp.Eq(n_sym, n)))
    return sp.Piecewise(*branches, (sp.nan, True))


def good_turing_model() -> Model:
    r"""Corollary 3, step 5 (failure): the sample of size :math:`N \in \{1, \dots, 4\}` is
    drawn from the law :data:`GT_LAW`, and :math:`\Pr` of a relation of ``GoodTuring(N)``
    and ``MissingMass(N)`` is the exact sum over the :math:`3^N` samples. One-sided: at these
    sizes the original's event is empty (its threshold exceeds 1 >= |G_N - M_N|), so a
    mutant that holds in the model says nothing about large N; only a point where the mutant
    fails is used (a witness), never "true"."""
    n = sp.Symbol("N", integer=True, positive=True)
    g = sp.Symbol("gamma", positive=True)

    def rewrite(e: sp.Basic) -> sp.Basic:
        n_claim = next((s for s in e.free_symbols if getattr(s, "name", "") == "N"), None)
        if n_claim is None:
            return e

        def prob(x: sp.Basic) -> sp.Basic:
            out = _sample_probability(x.args[0], n_claim)
            return x if out is None else out

        return e.replace(lambda x: isinstance(x, Pr), prob)

    return Model(lambda: {"N": n, "gamma": g},
                 lambda: [Param("N", n, kind="integer", lo=1, hi=GT_SIZES[-1]),
                          Param("gamma", g, lo=0.01, hi=0.99)],
                 f"samples of size N <= {GT_SIZES[-1]} from the law {list(map(str, GT_LAW))}",
                 rewrite=rewrite, closed=True, one_sided=True)


def parameters_only_model(what: str) -> Model:
    """A step of its own parameters only, every value realised (see the module doc): the
    identity substitution over the step's parameter domains, closed (no constraint), so a
    mutant is false at a point of the domain where the original holds and it fails."""
    return Model(lambda: {}, lambda: [], f"the step's parameters over their domains ({what})",
                 closed=True)
