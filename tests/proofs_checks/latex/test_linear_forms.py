r"""Linearity of opaque sums, integrals and inner products
(:mod:`hallbound.proofs_checks.latex.math_linear`).

Mutation style: each true linear step is PROVED (and its detail says linearity was read);
each planted false variant (a dropped term, a wrong count of terms, a flipped sign, a wrong
coefficient, another range) is never PROVED; an infinite series or an improper integral is
never split; a step the split cannot fully read (a square of a sum, a letter coefficient in an
inner product, ``\log(p/q)`` without positivity) stays UNDECIDED."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.math_linear import (
    bound_subscript,
    canonical_form,
    finite_subscript,
    inner_parts,
    linear_parts,
)
from hallbound.proofs_checks.latex.verify import verify_tex


def _one(body: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{body}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


TRUE_STEPS = [
    r"\sum_{i \in [n]} p_i \log p_i - \sum_{i \in [n]} p_i \log q_i + \log C"
    r" = \sum_{i \in [n]} p_i (\log p_i - \log q_i) + \log C",
    r"\sum_{i \in [n]} p_i (\ell_i + 1) = \sum_{i \in [n]} p_i \ell_i + \sum_{i \in [n]} p_i",
    r"\int_0^1 (f(x) + 2 g(x)) dx = \int_0^1 f(x) dx + 2 \int_0^1 g(x) dx",
    r"\langle q, y - z\rangle = \langle q, y\rangle - \langle q, z\rangle",
    r"\langle q, 2y - z\rangle = 2\langle q, y\rangle - \langle q, z\rangle",
    r"\sum_{j \in \{1, \dots, m\}} c\, t_j f(x_j) = c \sum_{k \in \{1, \dots, m\}} t_k f(x_k)",
    r"\sum_{1 \le i \le n} (a_i - b_i) = \sum_{1 \le i \le n} a_i - \sum_{1 \le i \le n} b_i",
    r"\int_0^1 (f(x) + x) dx = \int_0^1 f(x) dx + \frac{1}{2}",
    r"\int_0^1 f(x) \sum_{i=1}^{n} g(x, i) dx = \sum_{i=1}^{n} \int_0^1 f(x) g(x, i) dx",
    r"\int_0^1 f(x) \sum_{1 \le j \le m} g(x, j) dx = \sum_{1 \le k \le m} \int_0^1 f(x) g(x, k)"
    r" dx",
]

FALSE_STEPS = [
    r"\sum_{i=1}^{n} (a_i + b_i) = \sum_{i=1}^{n} a_i",  # a dropped term
    r"\sum_{i \in [n]} p_i (\ell_i - 1) = \sum_{i \in [n]} p_i \ell_i + \sum_{i \in [n]} p_i",
    r"\sum_{s=0}^{T-1} (\mu^* - \mu_{A_s}) = (T+1) \mu^* - \sum_{s=0}^{T-1} \mu_{A_s}",
    r"\sum_{s=0}^{T-1} (\mu^* - \mu_{A_s}) = T \mu^* + \sum_{s=0}^{T-1} \mu_{A_s}",
    r"\int_0^1 (f(x) + 2 g(x)) dx = \int_0^1 f(x) dx + 3 \int_0^1 g(x) dx",
    r"\int_0^1 (f(x) + x) dx = \int_0^1 f(x) dx + 1",
    r"\langle q, 2y - z\rangle = \langle q, y\rangle - \langle q, z\rangle",  # dropped 2
    r"\langle x + y, x - y\rangle = \langle x, x\rangle - \langle y, y\rangle + 1",
    r"\sum_{i \in [n]} (c + f(i)) = \sum_{i \in [n]} f(i) + c",  # c once, not n times
    r"\sum_{i=1}^{n} (a_i + b_i)^2 = \sum_{i=1}^{n} a_i^2 + \sum_{i=1}^{n} b_i^2",
    r"\int_0^1 f(x) \sum_{i=1}^{n} g(x, i) dx = \sum_{i=1}^{n} \int_0^2 f(x) g(x, i) dx",
    r"\int_0^1 f(x) \sum_{i=1}^{n} g(x, i) dx = \sum_{i=0}^{n} \int_0^1 f(x) g(x, i) dx",
    r"\int_0^1 f(x) \sum_{j \in [m]} (g(x, j) + 1) dx = \sum_{k \in [m]} \int_0^1 f(x) g(x, k)"
    r" dx + \int_0^1 f(x) dx",  # the constant integrated once, not m times
]


@pytest.mark.parametrize("body", TRUE_STEPS)
def test_true_linear_steps_are_proved_and_say_linearity(body: str) -> None:
    s = _one(body)
    assert s.verdict == "PROVED", (body, s.verdict, s.detail)
    assert "linearity" in (s.detail or ""), s.detail


T_STEP = r"\sum_{s=0}^{T-1} (\mu^* - \mu_{A_s}) = T \mu^* - \sum_{s=0}^{T-1} \mu_{A_s}"


def test_a_count_times_a_constant_needs_a_whole_count() -> None:
    # T terms of mu^* make T mu^* only for a whole T >= 0: at T = -1 the range 0..-2 is
    # empty (0), but T mu^* - 0 = -mu^*; SymPy's Karr value would make it hold anyway
    s = _one(T_STEP, "% hb: assume T \\in \\mathbb{Z}, T \\ge 0\n")
    assert s.verdict == "PROVED", (s.verdict, s.detail)
    assert "linearity" in (s.detail or ""), s.detail
    assert _one(T_STEP).verdict not in ("PROVED", "REFUTED")


@pytest.mark.parametrize("body", FALSE_STEPS)
def test_planted_false_steps_are_never_proved(body: str) -> None:
    assert _one(body).verdict != "PROVED", body


def test_a_wrong_constant_left_after_the_split_is_refuted() -> None:
    # the atoms cancel exactly: what is left is a number, so the counterexample is genuine
    assert _one(r"\int_0^1 (f(x) + x) dx = \int_0^1 f(x) dx + 1").verdict == "REFUTED"
    s = _one(r"\langle x + y, x - y\rangle = \langle x, x\rangle - \langle y, y\rangle + 1")
    assert s.verdict == "REFUTED"


@pytest.mark.parametrize("body", [
    r"\sum_{n=1}^{\infty} (f(n) - g(n)) = \sum_{n=1}^{\infty} f(n) - \sum_{n=1}^{\infty} g(n)",
    r"\sum_{n \ge 1} (f(n) - g(n)) = \sum_{n \ge 1} f(n) - \sum_{n \ge 1} g(n)",
    r"\sum_{n \in \mathbb{N}} (a_n - b_n) = \sum_{n \in \mathbb{N}} a_n"
    r" - \sum_{n \in \mathbb{N}} b_n",
    r"\int_0^\infty (f(x) - g(x)) dx = \int_0^\infty f(x) dx - \int_0^\infty g(x) dx",
    r"\int_0^1 f(x) \sum_{i=1}^{\infty} g(x, i) dx = \sum_{i=1}^{\infty} \int_0^1 f(x) g(x, i)"
    r" dx",  # no exchange of a series and an integral
    # a range not written finite may be infinite (review session 10): never split
    r"\sum_{n} (f(n) - f(n+1)) = \sum_{n} f(n) - \sum_{n} f(n+1)",  # the telescoping fallacy
    r"\sum_{k \in \{1, 2, \dots\}} (f(x_k) - g(x_k)) = \sum_{k \in \{1, 2, \dots\}} f(x_k)"
    r" - \sum_{k \in \{1, 2, \dots\}} g(x_k)",
    r"\sum_{k \in \mathcal{N}} (f(x_k) - g(x_k)) = \sum_{k \in \mathcal{N}} f(x_k)"
    r" - \sum_{k \in \mathcal{N}} g(x_k)",
    r"\sum_{j \in J_1} c\, t_j f(x_j) = c \sum_{k \in J_1} t_k f(x_k)",
    r"\int_0^1 f(x) \sum_{j \in S} g(x, j) dx = \sum_{k \in S} \int_0^1 f(x) g(x, k) dx",
])
def test_an_infinite_series_or_improper_integral_is_not_split(body: str) -> None:
    assert _one(body).verdict == "UNDECIDED", body


@pytest.mark.parametrize("body", [
    r"\sum_i p_i (\ell_i + 1) = \sum_i p_i \ell_i + \sum_i p_i",
    r"\sum_{j \in S} (a_j + f(j)) = \sum_{k \in S} a_k + \sum_{i \in S} f(i)",
])
def test_an_implicit_range_is_not_split_only_computed_on_finite_sets(body: str) -> None:
    """``\\sum_i`` and ``\\sum_{i \\in S}`` may be series: never PROVED by a split; the finite
    sum model may support them on finite sets, and then says so."""
    step = _one(body)
    assert step.verdict in ("UNDECIDED", "SUPPORTED")
    if step.verdict == "SUPPORTED":
        assert "finite instances" in step.detail and "weak evidence" in step.detail


@pytest.mark.parametrize("body", [
    r"\sum_{i=1}^n f(i) = \sum_{i=0}^n f(i)",
    r"\sum_{j \in J_1} t_j f(x_j) = \sum_{j \in J_2} t_j f(x_j)",
    r"\sum_{i=1}^{n} (f(i) + g(i)) = \sum_{i=0}^{n} f(i) + \sum_{i=1}^{n} g(i)",
    r"\int_0^1 (f(x) + g(x)) dx = \int_0^2 f(x) dx + \int_0^1 g(x) dx",
])
def test_sums_over_different_ranges_never_merge(body: str) -> None:
    assert _one(body).verdict != "PROVED", body


@pytest.mark.parametrize("body", [
    r"\sum_{j=1}^n f(j) = \sum_{k=1}^n f(k)",
    r"\sum_{j \in S} t_j f(x_j) = \sum_{k \in S} t_k f(x_k)",  # renaming needs no finiteness
    r"\sum_{j \in [n]} (a_j + f(j)) = \sum_{k \in [n]} a_k + \sum_{i \in [n]} f(i)",
])
def test_the_same_range_under_another_index_name_merges(body: str) -> None:
    s = _one(body)
    assert s.verdict == "PROVED" and "bound index" in s.detail


def test_an_implicit_range_is_not_merged_under_another_letter() -> None:
    # \sum_i and \sum_j may range over different sets: kept apart (no proof, no refutation)
    assert _one(r"\sum_i a_i = \sum_j a_j").verdict == "UNDECIDED"


@pytest.mark.parametrize("body", [
    r"\sum_{i \in [n]} p_i \log(p_i/q_i) = \sum_{i \in [n]} p_i \log p_i"
    r" - \sum_{i \in [n]} p_i \log q_i",  # no positivity
    r"\sum_{i=1}^{n} (f(i) + b_i)^2 = \sum_{i=1}^{n} (f(i)^2 + 2 f(i) b_i + b_i^2)",  # no power
    r"\langle q, a y\rangle = a \langle q, y\rangle",  # a letter is never pulled out
    r"\langle q, A x\rangle = A \langle q, x\rangle",
])
def test_what_the_split_does_not_read_stays_undecided(body: str) -> None:
    assert _one(body).verdict == "UNDECIDED", body


@pytest.mark.parametrize("body", [
    r"\langle x, y + z \rangle_{H} = \langle x, y\rangle_{H} + \langle x, z\rangle",
    r"\langle x, 2y - z \rangle_{H} = 2\langle x, y\rangle_{H} - \langle x, z\rangle",
    r"\langle x_1 + x_2, y \rangle_{\mathcal H} = \langle x_1, y\rangle_{\mathcal H}"
    r" + \langle x_2, y\rangle",
    r"\langle x, y + z \rangle_{H} = \langle x, y\rangle_{H} + \langle x, z\rangle_{K}",
])
def test_a_split_keeps_the_space_label_on_every_piece(body: str) -> None:
    # the label after the bracket names the space: a piece without it is another product
    assert _one(body).verdict != "PROVED", body


def test_a_labelled_split_with_the_label_on_every_piece_is_proved() -> None:
    s = _one(r"\langle x, 2y - z \rangle_{H} = 2\langle x, y\rangle_{H}"
             r" - \langle x, z\rangle_{H}")
    assert s.verdict == "PROVED", s.detail
    s = _one(r"\langle x, 2y - z \rangle_{H} = \langle x, y\rangle_{H}"
             r" - \langle x, z\rangle_{H}")
    assert s.verdict != "PROVED", s.detail


def test_linear_parts_pulls_out_factors_free_of_the_index() -> None:
    i, c = sp.Symbol("i", integer=True), sp.Symbol("c")
    p, q = sp.IndexedBase("p"), sp.IndexedBase("q")
    parts = linear_parts(c * (p[i] - 2 * q[i]) + 3, lambda f: i in f.free_symbols)
    assert parts is not None
    assert {g: k for k, g in parts} == {p[i]: c, q[i]: -2 * c, sp.Integer(1): 3}
    assert linear_parts(p[i] * q[i], lambda f: i in f.free_symbols) is None  # nothing to split
    assert linear_parts((p[i] + q[i]) ** 2, lambda f: i in f.free_symbols) is None


def test_finite_subscripts() -> None:
    # only a range written finite (review session 10): not \sum_i, not a named set
    assert not finite_subscript("i", "i") and not finite_subscript(r"j \in J _ 1", "j")
    assert bound_subscript("i", "i") and bound_subscript(r"j \in J _ 1", "j")
    assert finite_subscript(r"1 \le i \le n", "i") and finite_subscript(r"i \in [ n ]", "i")
    assert finite_subscript(r"i \in \{ 1 , \dots , n \}", "i")
    assert finite_subscript(r"i \in \{ 1 , . . . , n \}", "i")
    assert not finite_subscript(r"k \in \{ 1 , 2 , \dots \}", "k")
    assert not finite_subscript(r"k \in \{ 1 , 2 , . . . \}", "k")
    assert not finite_subscript(r"k \in \mathcal { N }", "k")
    assert not finite_subscript(r"1 \le i \ge n", "i")
    assert finite_subscript("i = 1", "i", sp.Symbol("n")) and not finite_subscript("i = 1", "i")
    assert not finite_subscript(r"n \ge 1", "n")
    assert not finite_subscript(r"n \in \mathbb { N }", "n")
    assert not finite_subscript("i", "i", sp.oo)
    assert not finite_subscript(r"x \in A", "i")


def test_canonical_form_renames_only_the_bound_index() -> None:
    a = canonical_form("sum", r"j \in S", "t[j]*x[i]", "j")
    b = canonical_form("sum", r"k \in S", "t[k]*x[i]", "k")
    c = canonical_form("sum", r"i \in S", "t[i]*x[j]", "i")
    assert a == b and a != c
    assert canonical_form("sum", "i", "a[i]", "i") is None  # an implicit range


def test_inner_parts_take_numeric_coefficients_of_single_names_only() -> None:
    y, z, a = sp.symbols("y z a")
    assert sorted(inner_parts(2 * y - z), key=str) == [(-1, z), (2, y)]
    assert inner_parts(a * y - z) is None
    assert inner_parts(y) is None


def test_the_count_of_a_split_range_stays_an_integer() -> None:
    # true at every integer T, false at T = 1/2: the constant part stays a Sum over the range
    # (its count written out as an integer), never T as a free real number
    s = _one(r"\sum_{s=0}^{T-1} (f(s) + 1) = \sum_{s=0}^{T-1} f(s) + T \cos(2 \pi T)")
    assert s.verdict != "REFUTED", s.detail
    false = _one(r"\sum_{s=0}^{T-1} (f(s) + 1) = \sum_{s=0}^{T-1} f(s) + T + 1")
    assert false.verdict == "REFUTED"


def test_only_a_surely_bound_index_is_renamed() -> None:
    # the first letter of \max_{c x \le 1} need not be the bound variable: no merge
    assert _one(r"\max_{c x \le 1} g(c, x) = \max_{d x \le 1} g(d, x)").verdict != "PROVED"
    assert _one(r"\sum_{k \le i \le n} f(i) = \sum_{m \le i \le n} f(i)").verdict != "PROVED"
