r"""Entries with a shifted index (``Z_{n-1}``) and ellipses of compound terms
(``(Z_n - Z_{n-1}) + \cdots + (Z_1 - Z_0)``) written out at small counts
(:mod:`.models.ellipsis_patterns`): a telescoping sum is SUPPORTED at the counts written out,
a planted error is REFUTED with the count and the values, re-checked here."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.models.ellipsis_patterns import (
    ellipsis_pattern,
    pattern_terms,
    shifted_entry,
)
from hallbound.proofs_checks.latex.verify import verify_tex

TELESCOPE = r"(Z_n - Z_{n - 1}) + (Z_{n - 1} - Z_{n - 2}) + \cdots + (Z_1 - Z_0)"


def _steps(body: str) -> list:
    rep = verify_tex("\\begin{align*}\n" + body + "\n\\end{align*}\n", trials=30)
    return [s for ch in rep.environments for s in ch.steps]


@pytest.mark.parametrize(("name", "parts"), [
    ("Z_{n-1}", ("Z", "n", -1)), ("Z_n", ("Z", "n", 0)), ("Z_3", ("Z", None, 3)),
    ("x_{m+2}", ("x", "m", 2)), ("Z_{ij}", None), ("Z_{-1}", None), ("Z", None),
])
def test_shifted_entries(name: str, parts: tuple | None) -> None:
    assert shifted_entry(name) == parts


class _Atom:
    head = "ellipsis"

    def __init__(self, first: sp.Basic, last: sp.Basic) -> None:
        self.arg = sp.Tuple(first, last)


def test_a_descending_pattern_is_read_and_written_out() -> None:
    z = {k: sp.Symbol(k) for k in ("Z_{n-1}", "Z_{n-2}", "Z_1", "Z_0")}
    atom = _Atom(z["Z_{n-1}"] - z["Z_{n-2}"], z["Z_1"] - z["Z_0"])
    pattern = ellipsis_pattern(atom, {})
    assert pattern is not None and pattern[2:] == ("n", -2)
    terms = pattern_terms(pattern, 4, lambda name, tex: sp.Symbol(name))
    assert sp.Add(*terms) == sp.Symbol("Z_3") - sp.Symbol("Z_0")
    assert pattern_terms(pattern, 1, lambda name, tex: sp.Symbol(name)) is None


def test_ends_of_two_patterns_are_not_read() -> None:
    a, b, c = sp.symbols("x_1 y_n x_n")
    assert ellipsis_pattern(_Atom(a * a, b * c), {}) is None


def test_a_telescoping_sum_is_supported_at_small_counts() -> None:
    (s,) = _steps(f"Z_n - Z_0 &= {TELESCOPE}")
    assert s.verdict == "SUPPORTED" and s.method == "sampled with the families written out"
    assert "n=3" in s.detail


def test_a_telescoping_sum_with_a_wrong_end_is_refuted() -> None:
    (s,) = _steps(f"Z_n + Z_0 &= {TELESCOPE}")
    assert s.verdict == "REFUTED"
    n = int(s.witness["n"])
    zn = Fraction(str(s.witness[f"Z_{{{n}}}"]))
    z0 = Fraction(str(s.witness["Z_{0}"]))
    assert zn + z0 != zn - z0  # the written-out right side is Z_n - Z_0: z0 != 0


def test_an_ascending_pattern_of_products() -> None:
    (s,) = _steps(r"x_1 y_1 + \cdots + x_n y_n &= \sum_{i=1}^n x_i y_i")
    assert s.verdict in ("SUPPORTED", "PROVED")


def _defined(body: str) -> list:
    text = "% hb: assume D_i = Z_i - Z_{i-1}\n\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for ch in verify_tex(text, trials=30).environments for s in ch.steps]


def test_a_stated_entry_definition_is_used_at_each_count() -> None:
    (s,) = _defined(f"{TELESCOPE} &= \\sum_{{i = 1}}^n D_i")
    assert s.verdict == "SUPPORTED" and "n=4" in s.detail


def test_a_doubled_sum_is_refuted_through_the_definition() -> None:
    (s,) = _defined(f"{TELESCOPE} &= 2\\sum_{{i = 1}}^n D_i")
    assert s.verdict == "REFUTED"
    n = int(s.witness["n"])
    zn = Fraction(str(s.witness[f"Z_{{{n}}}"]))
    z0 = Fraction(str(s.witness["Z_{0}"]))
    assert zn - z0 != 2 * (zn - z0)  # the sum of Z_i - Z_{i-1} telescopes to Z_n - Z_0


def test_a_pattern_whose_stride_is_not_one_is_not_read() -> None:
    """L3 (h-rev6): a pair ``a_1 + a_2`` steps by 2 in texts, a difference ``Z_2 - Z_0`` by
    2; neither is filled with stride 1."""
    a1, a2, am, an = sp.symbols("a_1 a_2 a_{n-1} a_n")
    assert ellipsis_pattern(_Atom(a1 + a2, am + an), {}) is None
    z0, z2, zm, zn = sp.symbols("Z_0 Z_2 Z_{n-2} Z_n")
    assert ellipsis_pattern(_Atom(z2 - z0, zn - zm), {}) is None
    z1, zn1 = sp.symbols("Z_1 Z_{n-1}")
    assert ellipsis_pattern(_Atom(z1 - z0, zn - zn1), {}) is not None


@pytest.mark.parametrize("body", [
    r"(a_1 + a_2) + (a_3 + a_4) + \cdots + (a_{n-1} + a_n) &= a_1 + a_2 + \cdots + a_n",
    r"(a_1 + a_2) + \cdots + (a_{n-1} + a_n) &= a_1 + \cdots + a_n",
])
def test_grouping_in_pairs_is_never_refuted(body: str) -> None:
    (s,) = _steps(body)
    assert s.verdict != "REFUTED"
