r"""A witness against a step with a sum rests on an evaluation whose error is controlled.

SymPy's mpmath printer wrote :math:`\sum_{k=1}^{n} \frac{1}{k(k+1)}` as a sum over Python
integers (each term a double), so the telescoping identity ``= 1 - 1/(n+1)`` was REFUTED "at
50 digits" at ``n = 2`` (0.6666666666666666 against 0.6666666666666667), and a true ``\le``
at ``n = 74658`` by round-off accumulated over the terms; the interval confirmation could not
enclose a sum, so the double's miss stood. Now the search sums in mpmath and the confirmation
writes the sum out exactly at the witness (else the witness is unconfirmed). Each false
version (an off-by-one bound or range) is still REFUTED, at a witness where SymPy's own exact
value of the two sides differs."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step
from hallbound.proofs_checks.engine.checker import check_claim
from hallbound.proofs_checks.engine.falsify import UNCONFIRMED, falsify
from hallbound.proofs_checks.engine.finite_sums import MAX_EXACT_TERMS, written_out
from hallbound.proofs_checks.engine.search import _evaluator, _interval_confirm, _search_options
from hallbound.proofs_checks.latex.verify import verify_tex

n = sp.Symbol("n", integer=True)
k = sp.Symbol("k", integer=True)
TERM = 1 / (k * (k + 1))
TELESCOPING = sp.Sum(TERM, (k, 1, n))

# (hypothesis on n, relation as written): all true
TRUE_TEX = [
    ("n \\ge 1", "\\sum_{k=1}^{n} \\frac{1}{k(k+1)} = 1 - \\frac{1}{n+1}"),
    ("n \\ge 1", "\\sum_{k=1}^{n} \\frac{1}{k(k+1)} = \\frac{n}{n+1}"),
    ("n \\ge 2", "\\sum_{k=3}^{n} \\frac{1}{k(k-1)} = \\frac{1}{2} - \\frac{1}{n}"),
    ("n \\ge 1", "\\sum_{k=1}^{n} \\frac{1}{k(k+1)} \\le 1 - \\frac{1}{n+1}"),
]
# the same with a planted error, and the exact sides as SymPy writes them (lhs, rel, rhs)
FALSE_TEX = [
    ("n \\ge 1", "\\sum_{k=1}^{n} \\frac{1}{k(k+1)} = 1 - \\frac{1}{n+2}",
     (TELESCOPING, "=", 1 - 1 / (n + 2))),
    ("n \\ge 1", "\\sum_{k=1}^{n+1} \\frac{1}{k(k+1)} = \\frac{n}{n+1}",
     (sp.Sum(TERM, (k, 1, n + 1)), "=", n / (n + 1))),
    ("n \\ge 2", "\\sum_{k=3}^{n} \\frac{1}{k(k-1)} = \\frac{1}{2} - \\frac{1}{n+1}",
     (sp.Sum(1 / (k * (k - 1)), (k, 3, n)), "=", sp.Rational(1, 2) - 1 / (n + 1))),
    ("n \\ge 1", "\\sum_{k=1}^{n} \\frac{1}{k(k+1)} \\le 1 - \\frac{1}{n}",
     (TELESCOPING, "<=", 1 - 1 / n)),
]


def _verify(hyp: str, rel: str) -> object:
    tex = (f"% hb: assume n \\in \\mathbb{{Z}}, {hyp}\n"
           f"\\begin{{align}}\n{rel}\n\\end{{align}}\n")
    (s,) = [s for ch in verify_tex(tex, trials=200).environments for s in ch.steps]
    return s


def _fails_exactly(lhs: sp.Expr, rel: str, rhs: sp.Expr, at: int) -> bool:
    """SymPy's exact value of both sides at ``n = at`` (the sums carried out by ``doit``,
    every range here proper) violates the relation."""
    left = sp.nsimplify(lhs.subs(n, at).doit())
    right = sp.nsimplify(rhs.subs(n, at).doit())
    assert left.is_Rational and right.is_Rational
    return left != right if rel == "=" else not bool(left <= right)


@pytest.mark.parametrize(("hyp", "rel"), TRUE_TEX)
def test_a_true_telescoping_step_is_not_refuted_through_latex(hyp: str, rel: str) -> None:
    s = _verify(hyp, rel)
    assert s.verdict in ("PROVED", "SUPPORTED"), (s.verdict, s.witness, s.detail)


@pytest.mark.parametrize(("hyp", "rel", "exact"), FALSE_TEX)
def test_a_planted_false_sum_is_refuted_at_an_exact_witness(hyp, rel, exact) -> None:
    s = _verify(hyp, rel)
    assert s.verdict == "REFUTED", (s.verdict, s.detail)
    at = s.witness["n"]
    assert isinstance(at, int)
    assert _fails_exactly(*exact, at)


def _api(rhs: sp.Expr, rel: str = "=") -> object:
    claim = Claim("tele", "telescoping", [Param("n", n, kind="integer", lo=1)],
                  [Step("s", TELESCOPING, rel, rhs, "telescoping")])
    return check_claim(claim, trials=200).steps[0]


@pytest.mark.parametrize(("rhs", "rel"), [(n / (n + 1), "="), (1 - 1 / (n + 1), "="),
                                          (1 - 1 / (n + 1), "<=")])
def test_a_true_telescoping_step_is_not_refuted_through_the_api(rhs, rel) -> None:
    res = _api(rhs, rel)
    assert res.verdict.value in ("PROVED", "SUPPORTED"), (res.verdict, res.witness)


@pytest.mark.parametrize("rhs", [n / (n + 2), 1 - 1 / (n + 2), (n + 1) / (n + 2)])
def test_a_false_telescoping_step_is_refuted_through_the_api(rhs: sp.Expr) -> None:
    res = _api(rhs)
    assert res.verdict.value == "REFUTED", (res.verdict, res.detail)
    assert _fails_exactly(TELESCOPING, "=", rhs, int(res.witness["n"]))


@pytest.mark.parametrize("at", [2, 8, 609])
def test_the_search_evaluator_sums_in_mpmath(at: int) -> None:
    params = [Param("n", n, kind="integer", lo=1)]
    step = Step("s", TELESCOPING, "=", n / (n + 1), "t")
    evaluate = _evaluator(params, step, TELESCOPING, n / (n + 1))
    with mpmath.workdps(50):
        lhs, rhs = evaluate({"n": at})
        assert abs(lhs - rhs) < mpmath.mpf(10) ** -45
        assert abs(lhs - mpmath.mpf(at) / (at + 1)) < mpmath.mpf(10) ** -45


def _double_evaluator(lhs: sp.Expr, rhs: sp.Expr):
    """The old evaluator: SymPy's own printer, a sum over Python integers in doubles."""
    fl, fr = (sp.lambdify([n], e, modules="mpmath") for e in (lhs, rhs))
    return lambda point: (mpmath.mpmathify(fl(point["n"])), mpmath.mpmathify(fr(point["n"])))


@pytest.mark.parametrize(("rhs", "rel"), [(1 - 1 / (n + 1), "="), (n / (n + 1), "="),
                                          (1 - 1 / (n + 1), "<=")])
def test_the_confirmation_alone_rejects_a_double_precision_miss(rhs, rel) -> None:
    """Even with the old double-precision evaluator (whose misses look like violations at 50
    digits), the confirmation keeps the search from a witness: it is the guard."""
    params = [Param("n", n, kind="integer", lo=1, search=(1, 700))]
    options = _search_options(params, [], TELESCOPING, rhs, rel)
    found = falsify(params, _double_evaluator(TELESCOPING, rhs), rel,
                    np.random.default_rng(3), trials=200, **options)
    assert found.witness is None, found.witness


def test_the_confirmation_decides_exactly_or_not_at_all() -> None:
    params = [Param("n", n, kind="integer", lo=1)]
    true_confirm = _interval_confirm(params, TELESCOPING, n / (n + 1), "=")
    false_confirm = _interval_confirm(params, TELESCOPING, n / (n + 2), "=")
    le_confirm = _interval_confirm(params, TELESCOPING, 1 - 1 / (n + 1), "<=")
    assert true_confirm({"n": 2}) is False and true_confirm({"n": 609}) is False
    assert le_confirm({"n": 5000}) is False
    assert false_confirm({"n": 2}) is True
    # more terms than are written out exactly: neither confirmed nor cleared
    assert le_confirm({"n": MAX_EXACT_TERMS + 1}) is UNCONFIRMED
    assert false_confirm({"n": 74658}) is UNCONFIRMED


def test_a_sum_that_cannot_be_written_out_is_refused() -> None:
    x = sp.Symbol("x")
    assert written_out(sp.Sum(TERM, (k, 1, sp.Rational(5, 2)))) is None
    assert written_out(sp.Sum(TERM, (k, 1, x))) is None
    assert written_out(sp.Sum(TERM, (k, 1, MAX_EXACT_TERMS + 1))) is None
    assert written_out(sp.Sum(TERM, (k, 3, 1))) == 0  # an empty range, not Karr's value
    assert written_out(sp.Product(1 - 1 / k**2, (k, 2, 6))) == sp.Rational(7, 12)
    params = [Param("x", x)]
    confirm = _interval_confirm(params, sp.Sum(TERM, (k, 1, x)), x, "=")
    assert confirm({"x": 2.5}) is None or confirm({"x": 2.5}) is UNCONFIRMED
