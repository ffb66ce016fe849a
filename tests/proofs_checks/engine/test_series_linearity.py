r"""An infinite series is not split by linearity in a proof (``prover.opaque_series``).

SymPy's ``simplify`` combines :math:`\sum_{n \ge 1} (a_n - b_n) - \sum a_n + \sum b_n` to 0,
which holds only when the series converge: with :math:`a_n = b_n = 1` the left side is 0 and
the right side is undefined. Each infinite series is therefore its value when SymPy finds a
finite one, else an opaque number; finite sums keep their linearity."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.engine.prover import opaque_series, prove_relation

n = sp.Symbol("n", integer=True)
k = sp.Symbol("k", integer=True)
m = sp.Symbol("m", integer=True, positive=True)
a, b = sp.IndexedBase("a"), sp.IndexedBase("b")


def _series(f: sp.Expr, upper: sp.Basic = sp.oo) -> sp.Sum:
    return sp.Sum(f, (n, 1, upper))


def test_a_series_is_not_split_by_linearity() -> None:
    assert prove_relation(_series(a[n] - b[n]), "=", _series(a[n]) - _series(b[n])) is None
    assert prove_relation(_series(a[n] + b[n]), "<=", _series(a[n]) + _series(b[n])) is None


def test_the_same_series_and_a_known_value_are_still_proved() -> None:
    assert prove_relation(_series(a[n]), "=", _series(a[n]))
    assert prove_relation(sp.Sum(sp.Integer(2) ** -k, (k, 0, sp.oo)), "=", 2)
    assert prove_relation(sp.Sum(sp.Integer(2) ** -k, (k, 0, sp.oo)), "=", 3) is None


def test_finite_sums_keep_their_linearity() -> None:
    lhs = _series(a[n] - b[n], m)
    assert prove_relation(lhs, "=", _series(a[n], m) - _series(b[n], m))
    assert prove_relation(lhs, "=", _series(a[n], m) + _series(b[n], m)) is None


def test_a_divergent_series_is_an_opaque_number_not_its_infinite_value() -> None:
    (out,) = opaque_series(_series(1 / n))
    assert not out.has(sp.Sum) and out.free_symbols and out.is_finite is not False
