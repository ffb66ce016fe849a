"""Lemma instances are hygienic: bound variables never capture a user's symbols (issue 19, item 4).

Every lemma is instantiated with arguments built from symbols named exactly like the library's
internal symbols (``u``, ``i``, ``k``, ``n``, ``x``, ...), with the same assumptions, so that a
careless substitution would capture them. The quantified variables of the hypotheses must
come out as fresh dummies, disjoint from every argument symbol and from any ``Symbol`` of the
same name; sum/product/union indices must not capture an argument; and nothing of the
library's own (a placeholder, a bound variable) may be left free in an instance.
"""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, check_claim
from hallbound.proofs_checks.library.lemma_library import LIBRARY, AnyOf, Lemma, lemma
from hallbound.proofs_checks.library.randomness import E, random_symbol

X = random_symbol("X")
Y = random_symbol("Y")


def _internal_symbols(lem: Lemma) -> set[sp.Symbol]:
    """Every symbol the lemma's template uses: placeholders, quantified and bound variables."""
    exprs: list[Any] = [lem.conclusion[0], lem.conclusion[2]]
    for h in lem.hypotheses:
        exprs += [h.lhs, h.rhs, *[v for lim in h.over for v in lim]]
    out: set[sp.Symbol] = set()
    for e in exprs:
        e = sp.sympify(e)
        out |= e.atoms(sp.Symbol)
        out |= {b.label for b in e.atoms(sp.IndexedBase) if isinstance(b.label, sp.Symbol)}
    for p in lem.params:
        if isinstance(p.placeholder, sp.Symbol):
            out.add(p.placeholder)
    return out


def _clones(lem: Lemma) -> list[sp.Symbol]:
    """User symbols named like the lemma's internal ones, with the same assumptions (so that
    ``Symbol('u', real=True)`` equals Jensen's ``u`` if the library used it as is)."""
    out = []
    for s in sorted(_internal_symbols(lem), key=lambda s: s.name):
        if isinstance(s, sp.Dummy) or s.name.startswith("_"):
            continue
        out.append(sp.Symbol(s.name, **s._assumptions_orig))
    return out


def _clashing_args(lem: Lemma) -> dict[str, Any]:
    """Symbolic arguments for every parameter, built from the clones (a sequence parameter
    gets an ``IndexedBase`` whose label is a clone of a bound index)."""
    clones = _clones(lem)
    reals = [c for c in clones if not c.is_integer and not isinstance(c, type(X))]
    ints = [c for c in clones if c.is_integer]
    shift = sp.Add(*reals) if reals else sp.Integer(0)
    index = next((c for c in ints if c.name in ("i", "k")), sp.Symbol("i", integer=True))
    args: dict[str, Any] = {}
    for p in lem.params:
        if p.kind == "function":
            u = next((c for c in clones if c.name == "u"), sp.Symbol("u", real=True))
            args[p.name] = sp.Lambda(u, u**4 + shift * u)
        elif p.kind == "random":
            args[p.name] = X + shift
        elif p.kind == "event":
            args[p.name] = sp.Ge(X + shift, 0)
        elif p.kind == "integer":
            args[p.name] = sp.Add(*ints) if ints else sp.Symbol("n", integer=True)
        elif p.kind == "random-sequence":
            args[p.name] = sp.IndexedBase(X)
        elif p.kind in ("sequence", "event-sequence"):
            args[p.name] = sp.IndexedBase(index)
        else:
            args[p.name] = shift + 1
    if lem.length is not None and not any(
        p.kind in ("sequence", "random-sequence", "event-sequence") for p in lem.params
    ):
        args.pop(lem.length, None)
    return args


def _free(value: Any) -> set[sp.Symbol]:
    if isinstance(value, tuple):
        return set().union(*[_free(v) for v in value]) if value else set()
    if isinstance(value, sp.Basic):
        return {s for s in value.free_symbols if isinstance(s, sp.Symbol)}
    return set()


def _binders(expr: Any) -> list[sp.Basic]:
    expr = sp.sympify(expr)
    out: list[sp.Basic] = []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Sum | sp.Product | AnyOf):
            out += [lim[0] for lim in node.limits]
    return out


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_clashing_argument_names_are_never_captured(name: str) -> None:
    lem = LIBRARY[name]
    args = _clashing_args(lem)
    inst = lem.instance(**args)
    arg_syms = set().union(*[_free(v) for v in args.values()])
    arg_names = {s.name for s in arg_syms}
    assert arg_syms, "the arguments must actually carry clashing symbols"
    for h in inst.hypotheses:
        quantified = [v for v, _, _ in h.over]
        for v in quantified:
            assert isinstance(v, sp.Dummy), (name, h.text())
            assert v not in arg_syms
            assert v != sp.Symbol(v.name, **v._assumptions_orig)  # no Symbol of that name
        # a hypothesis mentions only the arguments' symbols and its own quantified variables
        free = (sp.sympify(h.lhs).free_symbols | sp.sympify(h.rhs).free_symbols) - set(quantified)
        free = {s for s in free if isinstance(s, sp.Symbol)}
        assert free <= arg_syms, (name, h.text(), free - arg_syms)
        for b in _binders(h.lhs) + _binders(h.rhs):
            assert b not in arg_syms, (name, h.text(), b)
            assert b.name not in arg_names or isinstance(b, sp.Dummy), (name, h.text(), b)
    lhs, _, rhs = inst.conclusion
    for side in (lhs, rhs):
        free = {s for s in sp.sympify(side).free_symbols if isinstance(s, sp.Symbol)}
        assert free <= arg_syms, (name, free - arg_syms)
        for b in _binders(side):
            assert b not in arg_syms, (name, side, b)
            assert b.name not in arg_names or isinstance(b, sp.Dummy), (name, side, b)


def test_every_lemma_with_a_quantifier_or_binder_is_exercised() -> None:
    """The clash test above is not vacuous: the lemmas with quantified hypotheses or bound
    indices are there, and their clashing arguments really reuse the internal names."""
    with_over = {n for n, lem in LIBRARY.items() if any(h.over for h in lem.hypotheses)}
    assert {"Jensen", "AM-GM (n terms)", "Hoeffding", "McDiarmid"} <= with_over
    jensen_args = _clashing_args(LIBRARY["Jensen"])
    assert "u" in {s.name for s in jensen_args["phi"].variables}


def test_jensen_bound_variable_is_not_the_users_u() -> None:
    # E5: a user's u in [0, 1] used to equal Jensen's u, so "6u >= 0 for all u" was proved
    # on the claim's domain, and phi(s) = s^3 passed for convex
    s = sp.Symbol("s", real=True)
    u = sp.Symbol("u", real=True)
    inst = lemma("Jensen", phi=sp.Lambda(s, s**3), X=X)
    (hyp,) = inst.hypotheses
    (v, lo, hi), = hyp.over
    assert hyp.lhs == 6 * v and (lo, hi) == (-sp.oo, sp.oo)
    assert v != u and u not in hyp.lhs.free_symbols
    # two instances get different dummies, yet compare (and hash) equal
    again = lemma("Jensen", phi=sp.Lambda(s, s**3), X=X)
    assert again.hypotheses[0].over[0][0] != v
    assert again == inst and hash(again) == hash(inst)
    assert lemma("Jensen", phi=sp.Lambda(s, s**4), X=X) != inst


def test_e5_claim_with_a_parameter_named_u_is_not_proved() -> None:
    # phi(s) = s^3 is not convex: E[X]^3 <= E[X^3] fails for X uniform on {-1, 0}
    s = sp.Symbol("s", real=True)
    u = sp.Symbol("u", real=True)
    inst = lemma("Jensen", phi=sp.Lambda(s, s**3), X=X)
    step = Step("j", E(X) ** 3, "<=", E(X**3), "Jensen", kind="inequality", lemmas=(inst,))
    claim = Claim(
        "E5", "E[X]^3 <= E[X^3]", [Param("u", u, lo=0, hi=1)], [step],
        conclusion=[(E(X) ** 3, "<=", E(X**3))],
    )
    result = check_claim(claim)
    assert result.verdict.value not in ("PROVED", "CERTIFIED")
    assert result.steps[0].verdict.value not in ("PROVED", "CERTIFIED")


def test_a_sum_index_is_not_captured_by_the_length_argument() -> None:
    # n = i, a user's symbol equal to the library's index: Sum(x[i] y[i], (i, 1, i)) would
    # be a capture
    i = sp.Symbol("i", integer=True)
    x, y = sp.IndexedBase("x"), sp.IndexedBase("y")
    inst = lemma("Cauchy-Schwarz (sums)", x=x, y=y, n=i)
    (total,) = inst.conclusion[0].atoms(sp.Sum)
    j = total.limits[0][0]
    assert j != i and total.limits[0][1:] == (1, i)
    written = inst.conclusion[0].subs(i, 3).doit()
    assert sp.expand(written - (x[1] * y[1] + x[2] * y[2] + x[3] * y[3]) ** 2) == 0
    # without a clash the library's index is kept (claims name it, e.g. Theorem 6.1's k)
    m = sp.Symbol("m", integer=True, positive=True)
    plain = lemma("Union bound (family)", A=sp.IndexedBase("A"), n=m)
    k = plain.conclusion[2].limits[0][0]
    assert not isinstance(k, sp.Dummy) and k.name == "k"


def test_a_sum_index_in_a_hypothesis_is_not_captured() -> None:
    # McDiarmid's hypothesis sum_i c_i^2 > 0 with n = i
    i = sp.Symbol("i", integer=True)
    inst = lemma("McDiarmid", F=X, X=sp.IndexedBase(X), c=sp.IndexedBase("c"), t=1, n=i)
    (pos,) = [h for h in inst.hypotheses if isinstance(h.lhs, sp.Sum)]
    j = pos.lhs.limits[0][0]
    assert j != i and pos.lhs.limits[0][2] == i
    assert i not in pos.lhs.function.free_symbols
