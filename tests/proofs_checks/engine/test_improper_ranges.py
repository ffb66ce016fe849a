r"""Sums and products whose range may be empty, backwards or run to a non-whole bound
(:func:`hallbound.proofs_checks.engine.prover.opaque_ranges`).

SymPy's ``doit`` follows Karr's convention: :math:`\prod_{k=1}^{-1} 3 = 1/3`, where the
empty-range convention (the one a text means) gives 1. A step that holds only by Karr's
value must not be PROVED; a true step whose ranges are all proper stays PROVED.
The expected values below are the empty-range convention worked out by hand."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, check_claim
from hallbound.proofs_checks.engine.instances import written_out
from hallbound.proofs_checks.engine.prover import improper_ranges, prove_relation

k = sp.Symbol("k", integer=True)
j = sp.Symbol("j", integer=True)
a = sp.IndexedBase("a", real=True)


def _verdict(params: list[Param], lhs: sp.Basic, rel: str, rhs: sp.Basic) -> str:
    res = check_claim(Claim("c", "c", params, [Step("s", lhs, rel, rhs, "")]), seed=1)
    return res.steps[0].verdict.value


def test_a_product_over_a_possibly_backwards_range_is_not_proved() -> None:
    n = sp.Symbol("n", integer=True, nonnegative=True)
    lhs, rhs = sp.Product(3, (k, 1, n - 1)), 3 ** (n - 1)
    assert prove_relation(lhs, "=", rhs) is None
    # at n = 0 the range 1..-1 is empty: 1 against 1/3
    assert written_out(lhs.subs(n, 0)) == 1 and rhs.subs(n, 0) == sp.Rational(1, 3)
    m = sp.Symbol("n", integer=True)
    verdict = _verdict([Param("n", m, kind="integer", lo=0)], lhs.subs(n, m), "=",
                       rhs.subs(n, m))
    assert verdict not in ("PROVED", "CERTIFIED", "SUPPORTED")


def test_a_sum_to_a_non_whole_bound_is_not_proved() -> None:
    x = sp.Symbol("x", real=True)
    assert prove_relation(sp.Sum(1, (k, 1, x)), "=", x) is None
    assert improper_ranges(sp.Sum(1, (k, 1, x))) == [sp.Sum(1, (k, 1, x))]


def test_proper_ranges_keep_their_proofs() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    assert prove_relation(sp.Product(3, (k, 1, n - 1)), "=", 3 ** (n - 1))
    assert prove_relation(sp.Sum(1, (k, 1, n - 1)), "=", n - 1)
    m = sp.Symbol("m", integer=True, nonnegative=True)
    assert prove_relation(sp.Sum(k, (k, 1, m)), "=", m * (m + 1) / 2)
    # nested: j runs to k >= 1, proper whenever the outer range is
    assert improper_ranges(sp.Sum(sp.Sum(1, (j, 1, k)), (k, 1, m))) == []


def test_planted_closed_forms_on_improper_ranges_are_not_proved() -> None:
    n = sp.Symbol("n", integer=True)
    # Karr: sum_{k=1}^{n} 1 = n for every integer n; empty convention: 0 at n = -1
    assert prove_relation(sp.Sum(1, (k, 1, n)), "=", n) is None
    assert written_out(sp.Sum(1, (k, 1, -1))) == 0
    assert prove_relation(sp.Product(2, (k, 1, n)), "=", 2**n) is None


def test_linearity_holds_on_any_range() -> None:
    n = sp.Symbol("n", integer=True)  # the range may be backwards: both sides read alike
    lhs = sp.Sum(a[k] + 1, (k, 1, n))
    assert prove_relation(lhs, "=", sp.Sum(a[k], (k, 1, n)) + sp.Sum(1, (k, 1, n)))
    # a planted error in the linear part is still not proved
    assert prove_relation(lhs, "=", sp.Sum(a[k], (k, 1, n)) + 2 * sp.Sum(1, (k, 1, n))) is None


def test_an_improper_inner_sum_keeps_its_dependence_on_the_outer_index() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    inner = sp.Sum(1, (j, 1, k - 2))  # backwards at k = 1 (1..-1): 0 there, not Karr's -1
    lhs = sp.Sum(inner, (k, 1, n))
    # Karr's closed form (n - 1)(n - 2)/2 ... is -1 too low at k = 1: false at n = 1
    karr = sp.summation(sp.summation(1, (j, 1, k - 2)), (k, 1, n))
    assert written_out(lhs.subs(n, 1)) == 0 and karr.subs(n, 1) != 0
    assert prove_relation(lhs, "=", karr) is None


def test_written_out_keeps_a_possibly_backwards_symbolic_range_unevaluated() -> None:
    m = sp.Symbol("m", integer=True, positive=True)
    s = sp.Sum(1, (k, m, -1))  # empty for every m >= 1 (0), Karr's value is -m
    assert sp.simplify(s.doit() + m) == 0
    out = written_out(s)
    assert out != -m and out.has(sp.Sum)
    proper = sp.Sum(1, (k, 1, m))  # proper for m >= 1: its closed form is fine
    assert written_out(proper) == m
