r"""Theorem 6.1 (corrected): the union bound of :mod:`hallbound.numeric.bounds`.

The bound's density term :math:`V_d r^d G / |c|^d` is
:func:`hallbound.symbolic.union_bound.term`, written once there: :math:`G` is the mean law's
sup density (:func:`hallbound.numeric.bounds.standard_sup`, read from
:func:`hallbound.symbolic.mean_laws.standard_sup_density`), and
:mod:`hallbound.numeric.bounds` evaluates
:func:`~hallbound.symbolic.union_bound.log_term`, generated from
:func:`~hallbound.symbolic.union_bound.log_term_expression`. Each source the running bound
reads is checked by a step of the claim, so that changing one changes a ``check`` verdict,
not only a test:

* ``U0``/``U0d``/``U0i``: the sup density the bound uses is at least the density of the
  record's ``sympy.stats`` variable and of the law its draws really have (the transform of
  the primitive, an increasing map: density :math:`f_P(v)/T'(v)` at :math:`T(v)`);
* ``U2a``: the ``Union bound (family)`` instance, also evaluated as displayed on exact
  discrete mean laws;
* ``U5b``/``U5c``: the ``Ball volume`` instance, and its formula against the volume by slicing
  (:math:`V_1(r) = \int_{-r}^{r} dt`, :math:`V_n(r) = \int_{-r}^{r} V_{n-1}(\sqrt{r^2-t^2})\,dt`);
* ``U7a``: the expression the running bound evaluates equals the proved term
  :math:`\operatorname{vol}(B_d(r))\, G/|c|^d` of ``U5d`` (from ``U4`` and ``U5``).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy as sp
import sympy.stats as st

from hallbound.errors import InputError
from hallbound.proofs_checks.claims.common import D_A, N_P, nonneg, positive, unit
from hallbound.proofs_checks.claims.laws import MeanCase, random_case
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.engine.probability import LawCheck, product
from hallbound.proofs_checks.library.lemma_library import (
    AnyOf,
    BallVolume,
    Independent,
    Norm,
    SupDensity,
    lemma,
)
from hallbound.proofs_checks.library.randomness import Pr, random_symbol
from hallbound.symbolic import mean_laws
from hallbound.symbolic.union_bound import (
    DIM,
    LOG_COEF,
    LOG_SUP,
    RADIUS,
    log_term_expression,
)

# ----- U0: the sup density the bound reads, against the record and against its draws --------
#: The law of each primitive draw of ``hallbound.symbolic.mean_laws.PRIMITIVES`` (NumPy's
#: ``standard_normal`` is N(0, 1), ``random`` uniform on [0, 1)) and its support.
PRIMITIVE_LAWS: dict[str, tuple[Callable[[str], Any], sp.Set]] = {
    "normal": (lambda name: st.Normal(name, 0, 1), sp.S.Reals),
    "uniform": (lambda name: st.Uniform(name, 0, 1), sp.Interval.Ropen(0, 1)),
}


def _pieces(expr: sp.Expr, domain: sp.Set) -> list[tuple[sp.Expr, sp.Set]]:
    """The pieces of a Piecewise (or the one piece) with the part of ``domain`` each governs."""
    if not isinstance(expr, sp.Piecewise):
        return [(expr, domain)]
    out, rest = [], domain
    for value, cond in expr.args:
        where = sp.Intersection(domain if cond is sp.true else cond.as_set(), rest)
        rest = sp.Complement(rest, where)
        out.append((value, where))
    return out


def _intervals(where: sp.Set) -> tuple[list[sp.Interval], list[sp.Set]]:
    """The intervals of positive length in ``where`` (points have probability 0), and the
    parts that are neither (a set SymPy cannot write as intervals)."""
    parts = where.args if isinstance(where, sp.Union) else (where,)
    read, unread = [], []
    for part in parts:
        if isinstance(part, sp.Interval) and part.measure > 0:
            read.append(part)
        elif not (isinstance(part, sp.FiniteSet) or part is sp.S.EmptySet):
            unread.append(part)
    return read, unread


def draw_pieces(
    law: mean_laws.StandardLaw,
) -> tuple[list[tuple[sp.Expr, sp.Expr, sp.Interval]], list[sp.Set]]:
    r"""``(T, f_P, I)``: the record's transform :math:`T` and the primitive's density
    :math:`f_P` on each interval :math:`I` of the primitive's support where both are one
    expression and :math:`f_P \ne 0`, in the variable :func:`draw_symbol`, in order; and the
    parts of the support that could not be read as intervals."""
    name = law.primitive
    if name not in PRIMITIVE_LAWS:
        raise InputError("primitive", f"no law known for the primitive {name!r}")
    make, support = PRIMITIVE_LAWS[name]
    v = draw_symbol(law)
    transform = sp.sympify(law.transform).xreplace({mean_laws.PRIMITIVES[name].symbol: v})
    density = sp.simplify(st.density(make(v.name))(v))
    out, unread = [], []
    for t_expr, t_set in _pieces(transform, support):
        for f_expr, f_set in _pieces(density, support):
            if f_expr == 0:
                continue
            read, rest = _intervals(sp.Intersection(t_set, f_set))
            out.extend((t_expr, f_expr, i) for i in read)
            unread.extend(rest)
    return sorted(out, key=lambda piece: piece[2].start), unread


def draw_symbol(law: mean_laws.StandardLaw) -> sp.Symbol:
    """The (assumption-free, real) variable the draw steps of ``law`` are written in."""
    return sp.Symbol(mean_laws.PRIMITIVES[law.primitive].symbol.name, real=True)


def _interval_param(v: sp.Symbol, where: sp.Interval) -> Param:
    lo = None if where.start == -sp.oo else float(where.start)
    hi = None if where.end == sp.oo else float(where.end)
    return Param(v.name, v, lo=lo, hi=hi, lo_open=True, hi_open=True,
                 search=(-8, 8) if lo is None and hi is None else None)


def draw_steps(law: mean_laws.StandardLaw, sup: sp.Expr) -> list[Step]:
    r"""``U0d``: on each piece :math:`I` of the draw :math:`\xi = T(v)`,
    :math:`f_P(v) \le G\,T'(v)` (with :math:`f_P > 0`, :math:`T' > 0`: :math:`T` increases
    there, and :math:`\xi` has density :math:`f_P(v)/T'(v) \le G` at :math:`T(v)`); ``U0i``:
    consecutive pieces are in order (the end of one is at most the start of the next), so
    :math:`T` is increasing and one-to-one and these are all of :math:`\xi`'s density."""
    v = draw_symbol(law)
    try:
        pieces, unread = draw_pieces(law)
    except InputError as err:
        pieces, unread = [], [str(err)]
    out = [_unread_step(law, part) for part in unread]
    for t_expr, f_expr, where in pieces:
        label = law.name if len(pieces) == 1 else f"{law.name}, {v} in {_open(where)}"
        out.append(
            Step(
                f"U0d (draws, {label})",
                f_expr,
                "<=",
                sp.Mul(sup, sp.diff(t_expr, v), evaluate=False),
                f"the draw xi = T({v}) = {sp.sstr(t_expr)} has density f_P({v})/T'({v}) at "
                f"T({v}) (change of variables, T increasing): at most the G the bound uses",
                kind="calculus",
                params=[_interval_param(v, where)],
            )
        )
    for (t0, _, i0), (t1, _, i1) in zip(pieces, pieces[1:], strict=False):
        out.append(
            Step(
                f"U0i (draws in order, {law.name}, {v} = {i0.end})",
                sp.Subs(t0, v, i0.end),
                "<=",
                sp.Subs(t1, v, i1.start),
                "the draw's pieces follow one another: T is one-to-one",
                kind="calculus",
            )
        )
    return out


def _open(where: sp.Interval) -> str:
    return f"({where.start}, {where.end})"


def _unread_step(law: mean_laws.StandardLaw, part: Any) -> Step:
    """A part of the draw the steps cannot read: stated in words (ASSUMED, named)."""
    what = part if isinstance(part, str) else f"the draw on {part}"
    return Step(
        f"U0d (draws, {law.name}, unread part)",
        f"density of the draw of {law.name}: {what}",
        "<=",
        "the G the bound uses",
        f"not written as intervals of one expression: {what}",
        kind="calculus",
    )


def sup_density_steps() -> list[Step]:
    r"""``U0``: each mean law's density is at most the sup density the bound uses; ``U0d`` and
    ``U0i`` (:func:`draw_steps`): so is the density of the law its draws have."""
    from hallbound.numeric import bounds

    x = Param("x", mean_laws.X_STD, search=(-4, 4))
    out = []
    for kind, law in mean_laws.KINDS.items():
        pdf = mean_laws.standard_density(kind)
        if pdf is None:
            continue
        sup = bounds.standard_sup(kind)
        out.append(
            Step(
                f"U0 (sup density, {kind})",
                pdf,
                "<=",
                sup,
                f"G_j = prod_k sup f_xi / s_jk: sup of the standard {kind} density",
                kind="calculus",
                params=[x],
            )
        )
        out.extend(draw_steps(law, sup))
    return out


# ----- U5c: the ball volume by slicing --------------------------------------------------------
#: The dimensions at which ``U5c`` checks the library's ball volume by slicing.
SLICED_DIMENSIONS = (1, 2, 3)


def slicing_steps(dd: sp.Symbol) -> list[Step]:
    r"""``U5c``: the ``Ball volume`` formula :math:`V(n, r)` at :math:`n = 1, 2, \dots` against
    the volume by slicing (Fubini): :math:`V(1, r) = \int_{-r}^{r} dt` and
    :math:`V(n, r) = \int_{-r}^{r} V(n-1, \sqrt{r^2 - t^2})\,dt`, the earlier dimension read
    from the same formula (so the formula is checked dimension by dimension from the length of
    an interval, independently of its Gamma-function form), for a radius :math:`R > 0`."""
    rr = sp.Symbol("R", positive=True)  # any radius > 0 (at 0 both sides are 0)
    rp = Param("R", rr, lo=0, lo_open=True, search=(0.01, 10))
    formula = lemma("Ball volume", d=dd, r=rr).conclusion[2]
    t = sp.Symbol("t", real=True)
    out = []
    for n in SLICED_DIMENSIONS:
        if n == 1:
            slices: sp.Expr = sp.Integer(1)
        else:
            slices = sp.Subs(formula, (dd, rr), (n - 1, sp.sqrt(rr**2 - t**2)))
        out.append(
            Step(
                f"U5c (ball volume by slicing, d = {n})",
                sp.Subs(formula, dd, n),
                "=",
                sp.Integral(slices, (t, -rr, rr)),
                "vol B_1(R) = length of [-R, R]; vol B_n(R) = int_{-R}^{R} vol B_{n-1}"
                "(sqrt(R^2 - t^2)) dt (Fubini)",
                kind="calculus",
                params=[rp],
            )
        )
    return out


# ----- Theorem 6.1 (corrected): the union bound ------------------------------------------
#: Exact discrete mean-law cases of the probability steps.
LAW_LABEL = "exact discrete mean laws"
_COMBINE = {sp.Sum: sp.Add, sp.Product: sp.Mul, AnyOf: sp.Or}


def _written_out(expr: sp.Basic, truth: dict | None = None) -> sp.Basic:
    """Finite sums, products and unions (integer limits) written out; with ``truth`` (indexed
    event -> True/False), each written-out term takes its truth value first (SymPy's ``Or``
    takes only Booleans); without it, events inside ``Pr`` are left for
    :func:`_event_probability`."""
    if truth is None and isinstance(expr, Pr):
        return expr
    if isinstance(expr, sp.Sum | sp.Product | AnyOf):
        limits = [tuple(lim) for lim in expr.limits]
        if all(lo.is_Integer and hi.is_Integer for _, lo, hi in limits):
            (v, lo, hi), rest = limits[0], limits[1:]
            terms = []
            for j in range(int(lo), int(hi) + 1):
                body = expr.function.xreplace({v: sp.Integer(j)})
                body = type(expr)(body, *rest) if rest else body
                terms.append(_written_out(body.xreplace(truth or {}), truth))
            return _COMBINE[type(expr)](*terms)
    if not expr.args or isinstance(expr, sp.IndexedBase):
        return expr
    args = [_written_out(a, truth) for a in expr.args]
    if all(a is b for a, b in zip(args, expr.args, strict=True)):
        return expr
    return expr.func(*args)


def _event_probability(event: sp.Basic, outcomes: list[tuple[dict, Fraction]]) -> Fraction:
    """:math:`\\Pr[\\text{event}]` from the truth values of the indexed events per outcome."""
    total = Fraction(0)
    for truth, q in outcomes:
        value = _written_out(event.xreplace(truth), truth)
        if value not in (sp.true, sp.false):
            raise InputError("event", f"not an event of the indexed events: {event}")
        total += q if value is sp.true else 0
    return total


def displayed_law(
    lhs: sp.Basic,
    rhs: sp.Basic,
    definitions: dict[sp.Basic, sp.Basic],
    events: sp.IndexedBase,
    length: sp.Symbol,
    sample: Callable[[Any], MeanCase],
    view: Callable[[MeanCase], dict[str, Any]],
) -> LawCheck:
    r"""A LawCheck of the displayed relation itself on exact discrete mean laws: both sides
    (after the claim's ``definitions``) with ``length`` := the case's number of states, sums,
    products and unions written out, ``events[k]`` := :math:`\{|A^* - \mu_k| < r\}` (an open
    interval :math:`U_k`) and every :math:`\Pr` computed exactly over the case's outcomes."""
    sides = [sp.sympify(s).xreplace(definitions) for s in (lhs, rhs)]

    def value(expr: sp.Basic, case: MeanCase, outcomes: list[tuple[dict, Fraction]]) -> Fraction:
        e = _written_out(expr.xreplace({length: sp.Integer(case.n)}))
        e = e.replace(
            lambda x: isinstance(x, Pr),
            lambda x: sp.Rational(*_as_pair(_event_probability(x.args[0], outcomes))),
        )
        if not e.is_Rational:
            raise InputError("expr", f"not a number on the case: {e}")
        return Fraction(int(e.p), int(e.q))

    def evaluate(case: MeanCase) -> tuple[Fraction, Fraction]:
        r = case.get("r")
        outcomes = []
        for mus, q in product(case.laws):
            a = case.a_star(mus)
            truth = {events[k + 1]: sp.true if abs(a - m) < r else sp.false
                     for k, m in enumerate(mus)}
            outcomes.append((truth, q))
        return value(sides[0], case, outcomes), value(sides[1], case, outcomes)

    return LawCheck(sample, evaluate, view, trials=60, label=LAW_LABEL)


def _as_pair(x: Fraction) -> tuple[int, int]:
    return x.numerator, x.denominator


def _ub_sample(rng: Any) -> MeanCase:
    base = random_case(rng, n=int(rng.integers(2, 4)))
    r = Fraction(int(rng.integers(0, 40)), 20)
    return type(base)(base.p, base.laws, base.mu0, (("r", r),))


def _ub_view(case: MeanCase) -> dict[str, Any]:
    from hallbound.proofs_checks.claims.bad_estimations.theorem_6_1 import _view

    out = _view(case)
    out.pop("alpha_1", None)
    return out


def _ub_law() -> tuple[LawCheck, LawCheck]:
    def inside(case):  # U_i = open interval of radius r: A* in U_i implies |A* - mu_i| <= r
        r = case.get("r")
        return (
            case.prob(lambda m: abs(case.a_star(m) - m[0]) < r),
            case.prob(lambda m: abs(case.a_star(m) - m[0]) <= r),
        )

    def union(case):
        r = case.get("r")
        ph = case.prob(lambda m: all(abs(case.a_star(m) - x) >= r for x in m))
        terms = sum(
            (case.prob(lambda m, i=i: abs(case.a_star(m) - m[i]) <= r) for i in range(case.n)),
            Fraction(0),
        )
        return ph, 1 - terms

    return (
        LawCheck(_ub_sample, inside, _ub_view, trials=100, label=LAW_LABEL),
        LawCheck(_ub_sample, union, _ub_view, trials=100, label=LAW_LABEL),
    )


def theorem_6_1() -> Claim:
    r"""The union bound, step by step.

    Events: :math:`A_k := \{A^* \in U_k^\delta\}` (an indexed event) and
    :math:`B_k := \{|A^* - \mu_k| \le r_k\}`; :math:`A_k \Rightarrow B_k` is Definition 6.3
    (:math:`U_k^\delta \subseteq \bar B(\mu_k, r_k)`), an assumption of the claim.
    :math:`P_H := 1 - \Pr[\bigcup_k A_k]` is a definition. The density term is shown for one
    generic :math:`W = \sum_j c_j \mu_j` (``U4``, ``U5``, ``U5d``) and tied to the expression
    the running bound evaluates (``U7a``); ``U7`` applies it to each
    :math:`W_k = A^* - \mu_k`.
    """
    j = sp.Symbol("j", integer=True)
    nn = sp.Symbol("N", integer=True, positive=True)
    dd = sp.Symbol("d_a", integer=True, positive=True)
    p = sp.IndexedBase("p", nonnegative=True)
    bnd = sp.IndexedBase("b", nonnegative=True)  # the density/Gaussian bound of term k
    events = sp.IndexedBase("A")  # A_k = {A* in U_k}
    union = lemma("Union bound (family)", A=events, n=nn)
    k = union.conclusion[2].limits[0][0]  # the library's index: every indexed step uses it
    a_star = random_symbol("A*")
    mu, radius = sp.IndexedBase("mu", real=True), sp.IndexedBase("r", nonnegative=True)
    ball = sp.Le(Norm(a_star - mu[k]), radius[k])  # B_k
    ph, php = unit("P_H")
    gk, gkp = positive("G_j")
    ck, ckp = positive("|c_ij|")
    rr, rp = nonneg("r_i")
    law_in, law_union = _ub_law()
    # the generic W = c mu_j + R of U4-U7b (R: the other terms, independent of mu_j)
    mu_j, rest = random_symbol("mu_j"), random_symbol("R")
    cc = sp.Symbol("c_ij", real=True)
    ccp = Param("c_ij", cc, search=(-2, 2))
    w_gen = cc * mu_j + rest
    prob = Pr(sp.Le(Norm(w_gen), rr))
    conv = lemma("Sup density (convolution)", X=cc * mu_j, Y=rest, d=dd)
    scaling = lemma("Sup density (scaling)", X=mu_j, c=cc, d=dd)
    ball_mass = lemma("Ball mass", X=w_gen, d=dd, r=rr)
    decomposition = sp.Eq(a_star, mu[k] + w_gen)  # A* - mu_k = W_k (U3)
    vk = sp.IndexedBase("vv", positive=True)
    z = sp.IndexedBase("Z", real=True)
    vmin, vmp = positive("v_min")
    d_int = Param("d_a", dd, kind="integer", lo=1)
    definitions = {ph: 1 - Pr(AnyOf(events[k], (k, 1, nn)))}
    sum_b = 1 - union.conclusion[2]  # 1 - sum_k Pr[A_k]
    sum_ball = 1 - sp.Sum(Pr(ball), (k, 1, nn))
    ball_volume = BallVolume(dd, rr)
    ball_formula = lemma("Ball volume", d=dd, r=rr)
    proved_term = ball_volume * gk / ck**dd
    executed = log_term_expression().xreplace(
        {DIM: dd, RADIUS: rr, LOG_SUP: sp.log(gk), LOG_COEF: sp.log(ck)}
    )
    executed_term = sp.exp(executed)
    # b_k as the substitution b_k = executed term writes it (SymPy's solve combines the logs)
    (b_written,) = sp.solve(sp.Eq(bnd[k], executed_term), bnd[k])
    steps = [
        *sup_density_steps(),
        Step(
            "U1",
            Pr(events[k]),
            "<=",
            Pr(ball),
            "U_k is inside the closed ball B_k(r_k) (Definition 6.3): monotonicity of Pr",
            kind="probability",
            lemmas=(lemma("Monotonicity", A=events[k], B=ball),),
            law=law_in,
        ),
        Step(
            "U2a (union bound)",
            ph,
            ">=",
            sum_b,
            "P_H = 1 - Pr[union_k A_k] >= 1 - sum_k Pr[A_k] (subadditivity); both sides as "
            "displayed, also computed on exact discrete mean laws",
            kind="probability",
            lemmas=(union,),
            params=[php],
            law=displayed_law(ph, sum_b, definitions, events, nn, _ub_sample, _ub_view),
        ),
        Step(
            "U2b",
            sum_b,
            ">=",
            sum_ball,
            "(U1) for every k",
            kind="probability",
            premises=(Premise(sp.Le(Pr(events[k]), Pr(ball)), by="U1", solve_for=Pr(events[k])),),
            law=law_union,
        ),
        Step(
            "U3 (mean zero)",
            sp.Sum(p[j], (j, 1, nn)) - 1,
            "=",
            sp.Integer(0),
            "W_k = A* - mu_k = sum_j (p_j - [k=j]) mu_j: coefficients sum to 0",
            given={sp.Sum(p[j], (j, 1, nn)): 1},
            premises=("sum p = 1",),
        ),
        Step(
            "U4 (convolution)",
            SupDensity(w_gen, dd),
            "<=",
            gk / ck**dd,
            "W = c mu_j + R with R independent of mu_j: sup g_W <= sup of the density of c mu_j "
            "(convolution) = G_j/|c|^d (scaling)",
            kind="inequality",
            premises=(
                Premise(sp.Le(SupDensity(w_gen, dd), SupDensity(cc * mu_j, dd)), by=conv,
                        solve_for=SupDensity(w_gen, dd)),
                Premise(sp.Eq(SupDensity(cc * mu_j, dd), SupDensity(mu_j, dd) / sp.Abs(cc) ** dd),
                        by=scaling, solve_for=SupDensity(cc * mu_j, dd)),
                Premise(sp.Eq(SupDensity(mu_j, dd), gk), by="hypothesis",
                        solve_for=SupDensity(mu_j, dd), label="G_j := sup f_{mu_j}"),
                Premise(sp.Eq(sp.Abs(cc), ck), by="hypothesis", solve_for=sp.Abs(cc),
                        label="|c_ij| := Abs(c_ij)"),
            ),
            params=[gkp, ckp, ccp, d_int],
        ),
        Step(
            "U5 (ball)",
            prob,
            "<=",
            BallVolume(dd, rr) * SupDensity(w_gen, dd),
            "Pr[||W|| <= r_i] = int over the ball of g_W <= vol(B(r_i)) sup g_W; sup g_W < oo "
            "by (U4)",
            kind="inequality",
            lemmas=(ball_mass,),
            cites=("U4 (convolution)",),
            params=[rp, gkp, ckp, ccp, d_int],
        ),
        Step(
            "U5b (ball volume)",
            ball_volume,
            "=",
            ball_formula.conclusion[2],
            "the volume of a d-ball of radius r_i",
            lemmas=(ball_formula,),
            params=[rp, d_int],
        ),
        *slicing_steps(dd),
        Step(
            "U5d (density term)",
            prob,
            "<=",
            proved_term,
            "(U5) with sup g_W bounded by (U4)",
            kind="inequality",
            premises=(
                Premise(sp.Le(prob, ball_volume * SupDensity(w_gen, dd)), by="U5 (ball)",
                        solve_for=prob),
                Premise(sp.Le(SupDensity(w_gen, dd), gk / ck**dd), by="U4 (convolution)",
                        solve_for=SupDensity(w_gen, dd)),
            ),
            params=[rp, gkp, ckp, ccp, d_int],
        ),
        Step(
            "U7a (executed term)",
            executed_term,
            "=",
            proved_term,
            "the term hallbound.numeric.bounds.union_bound evaluates (exp of "
            "log_term_expression at d, r_i, log G_j, log |c_ij|) is the proved term of (U5d), "
            "with the ball volume of (U5b)",
            kind="algebra",
            premises=(
                Premise(
                    sp.Eq(ball_volume, ball_formula.conclusion[2]),
                    by="U5b (ball volume)",
                    solve_for=ball_volume,
                ),
            ),
            params=[rp, gkp, ckp, d_int],
        ),
        Step(
            "U6 (Gaussian term)",
            sp.Sum(vk[k] * z[k] ** 2, (k, 1, dd)),
            ">=",
            vmin * sp.Sum(z[k] ** 2, (k, 1, dd)),
            "Normal mean laws: W_i = sum_k sqrt(v_ik) Z_k e_k, v_ik >= v_min, so Pr[||W_i|| "
            "<= r] <= F_chi2_d(r^2 / v_min)",
            kind="inequality",
            premises=(Premise(sp.Ge(vk[k], vmin), by="hypothesis", solve_for=vk[k]),),
            params=[vmp],
        ),
        Step(
            "U7b (term)",
            prob,
            "<=",
            sp.Min(1, proved_term),
            "a probability is at most 1, and at most the density term (U5d)",
            kind="inequality",
            premises=(Premise(sp.Le(prob, proved_term), by="U5d (density term)", solve_for=gk),),
            params=[rp, gkp, ckp, ccp, d_int],
        ),
        Step(
            "U7c (at W_k)",
            Pr(ball),
            "<=",
            sp.Min(1, bnd[k]),
            "(U7b) at W_k = A* - mu_k = c_kj mu_j + R_kj, r_i = r_k, with b_k the executed term "
            "of (U7a) at (d, r_k, G_j, |c_kj|); it holds for every j, so for the j the running "
            "bound picks (the least term)",
            kind="inequality",
            premises=(
                Premise(decomposition, by="hypothesis", solve_for=a_star),
                Premise(sp.Eq(radius[k], rr), by="hypothesis", solve_for=radius[k]),
                Premise(sp.Eq(bnd[k], executed_term), by="hypothesis", solve_for=bnd[k]),
                Premise(sp.Eq(b_written, proved_term), by="U7a (executed term)",
                        solve_for=b_written),
                Premise(sp.Le(prob, sp.Min(1, proved_term)), by="U7b (term)", solve_for=prob),
            ),
            params=[rp, gkp, ckp, ccp, d_int],
        ),
        Step(
            "U7 (bound)",
            sum_ball,
            ">=",
            1 - sp.Sum(sp.Min(1, bnd[k]), (k, 1, nn)),
            "each term is at most min(1, b_k) by (U7c)",
            kind="inequality",
            premises=(
                Premise(sp.Le(Pr(ball), sp.Min(1, bnd[k])), by="U7c (at W_k)",
                        solve_for=Pr(ball)),
            ),
            params=[d_int],
        ),
    ]
    return Claim(
        "Theorem 6.1 (corrected)",
        "P_H^delta >= 1 - sum_i min(1, V_d r_i^d min_j G_j / |c_ij|^d) (union bound)",
        [N_P, D_A],
        steps,
        source="corrected",
        corrects="Theorem 6.1",
        section="6",
        domain="Assumption 6.1 (independent mean laws, common mean), location "
        "families (r_i deterministic), mean laws with bounded densities; see "
        "hallbound.numeric.bounds.union_bound",
        definitions=definitions,
        assumptions=[
            sp.Eq(sp.Sum(p[j], (j, 1, nn)), 1),
            ("implies", events[k], ball),  # Definition 6.3: U_k inside B(mu_k, r_k)
            sp.Ge(vk[k], vmin),  # v_min := min_k v_k
            Independent((cc * mu_j, rest)),  # Assumption 6.1: independent mean laws
            sp.Eq(SupDensity(mu_j, dd), gk),  # G_j: the sup density of mu_j
            sp.Eq(sp.Abs(cc), ck),  # |c_ij|
            sp.Gt(sp.Abs(cc), 0),  # c_ij != 0: the bound divides by |c_ij|^d
            decomposition,  # W_k := A* - mu_k = c_kj mu_j + R_kj (U3)
            sp.Eq(radius[k], rr),  # the generic radius r_i is r_k
            sp.Eq(bnd[k], executed_term),  # b_k: the executed term at (d, r_k, G_j, |c_kj|)
        ],
        conclusion=[(ph, ">=", 1 - sp.Sum(sp.Min(1, bnd[k]), (k, 1, nn)))],
    )


def claims() -> list[Claim]:
    return [theorem_6_1()]
