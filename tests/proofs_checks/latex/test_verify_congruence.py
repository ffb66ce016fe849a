r"""``verify`` proves steps that hold for every value of their opaque atoms
(:mod:`hallbound.proofs_checks.latex.congruence`): equal arguments give equal function values,
a norm is absolutely homogeneous in a scalar, and stated equations are used exactly (ideal
membership). Each rule has a planted wrong step that it must not prove (a mutation test) and
a true step of the same shape that it proves (the control)."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.latex.congruence import (
    Ideal,
    linear_in_unknowns,
    prove_for_all_atoms,
)
from hallbound.proofs_checks.latex.math_atoms import Atom
from hallbound.proofs_checks.latex.verify import verify_tex


def _verdicts(text: str) -> list[tuple[str, str]]:
    rep = verify_tex(text, trials=30)
    return [(s.verdict, s.method) for ch in rep.environments for s in ch.steps]


CONVEX = r"""
% hb: assume 0 < t < 1
% hb: assume x_0 = t x + (1-t) x^*
\begin{align}
f(x_0) &= f(t x + (1-t) x^*) \\
\lVert x^* - x_0 \rVert &= \lVert x^* - (t x + (1-t) x^*) \rVert \\
&= \lVert t (x^* - x) \rVert \\
&= t \lVert x^* - x \rVert
\end{align}
"""


def test_equal_arguments_and_norm_homogeneity_prove_the_convexity_chain() -> None:
    # beckr's local-is-global argument: before, all four steps were UNDECIDED
    got = _verdicts(CONVEX)
    assert [v for v, _ in got] == ["PROVED"] * 4
    assert "equal arguments" in got[0][1]
    assert "homogeneous" in got[3][1]


def test_a_wrong_argument_or_constant_is_not_proved() -> None:
    planted = CONVEX.replace("f(t x + (1-t) x^*)", "f(t x + (1-t) x)").replace(
        "&= t \\lVert", "&= 2 t \\lVert")
    got = _verdicts(planted)
    assert got[0][0] != "PROVED"  # f(x_0) = f(t x + (1-t) x): another argument
    assert got[3][0] != "PROVED"  # ||t v|| = 2t ||v||
    assert [v for v, _ in got[1:3]] == ["PROVED", "PROVED"]


def test_a_factor_with_no_stated_domain_is_not_pulled_out_of_a_norm() -> None:
    # s may be a vector or a matrix: ||s v|| = s ||v|| is not a norm identity
    text = "\\begin{equation}\n\\lVert s v \\rVert = s \\lVert v \\rVert\n\\end{equation}\n"
    assert _verdicts(text)[0][0] != "PROVED"
    signed = "% hb: assume -1 < s < 1\n" + text  # a scalar that may be negative: |s|, not s
    assert _verdicts(signed)[0][0] != "PROVED"
    positive = "% hb: assume s > 0\n" + text
    assert _verdicts(positive)[0][0] == "PROVED"


def test_products_of_possible_matrices_are_never_identified() -> None:
    a, b, x, z = sp.symbols("A b x z", real=True)
    assert not linear_in_unknowns(a * x + b, set(), {})
    assert linear_in_unknowns(a * x + b, {a}, {})
    fz, fax = sp.symbols("f(z) f(A*x+b)", real=True)
    atoms = {fz: Atom("func", "f", "f(z)", "f(z)", arg=sp.Tuple(z)),
             fax: Atom("func", "f", "f(Ax+b)", "f(Ax+b)", arg=sp.Tuple(a * x + b))}
    assert prove_for_all_atoms(fz, "=", fax, atoms, [(z, a * x + b)]) is None
    assert prove_for_all_atoms(fz, "=", fax, atoms, [(z, a * x + b)], {a}) is not None


def test_different_functions_at_equal_arguments_stay_apart() -> None:
    x = sp.Symbol("x", real=True)
    f1, g1, fp = sp.symbols("f(x) g(x) f'(x)", real=True)
    atoms = {f1: Atom("func", "f", "f(x)", "f(x)", arg=sp.Tuple(x)),
             g1: Atom("func", "g", "g(x)", "g(x)", arg=sp.Tuple(x)),
             fp: Atom("func", "f'", "f'(x)", "f'(x)", arg=sp.Tuple(x))}
    assert prove_for_all_atoms(f1, "=", g1, atoms) is None
    assert prove_for_all_atoms(f1, "=", fp, atoms) is None
    assert prove_for_all_atoms(f1 + g1, ">=", g1 + f1, atoms) is not None
    assert prove_for_all_atoms(f1, "<", f1, atoms) is None  # a strict relation is never 0


ROOTS = r"""
% hb: assume a^2 + b^2 = 1
\begin{align}
q^2 - 2aq + a^2 + b^2 &= q^2 - 2aq + 1
\end{align}
"""


def test_a_step_is_proved_where_the_stated_equations_hold() -> None:
    # FormalBook's Wedderburn step: true on the unit circle, false off it
    assert _verdicts(ROOTS)[0] == ("PROVED", "congruence: the stated equations")
    planted = ROOTS.replace("q^2 - 2aq + 1", "q^2 - 2aq + 2")
    assert _verdicts(planted)[0][0] != "PROVED"
    no_assumption = ROOTS.replace("% hb: assume a^2 + b^2 = 1\n", "")
    assert _verdicts(no_assumption)[0][0] != "PROVED"


def test_ideal_membership_is_exact() -> None:
    a, b, c = sp.symbols("a b c", real=True)
    ideal = Ideal([a**2 + b**2 - 1, c - a * b])
    assert ideal.zero(a**4 + 2 * a**2 * b**2 + b**4 - 1)  # (a^2+b^2)^2 - 1
    assert ideal.zero(c**2 - a**2 * b**2)
    assert not ideal.zero(a**2 - 1)
    assert not ideal.zero(sp.sqrt(a) - 1)  # not a polynomial: nothing is shown
    assert not Ideal([]).zero(a - b)
    assert Ideal([]).zero((a + b) ** 2 - a**2 - 2 * a * b - b**2)


# -- entropy and mutual information ------------------------------------------------------------


def test_mutual_information_is_not_read_as_an_indicator() -> None:
    # PFR writes I[A : B] for mutual information; it was read as the indicator 1[A : B]
    rep = verify_tex("\\begin{equation}\n\\mathbb{I}[Y : Z] \\le 1\n\\end{equation}\n")
    (step,) = rep.environments[0].steps
    assert step.verdict != "PROVED"  # an indicator is <= 1; a mutual information is not
    assert "1[" not in step.detail


def test_information_identities_by_their_definitions() -> None:
    text = r"""
% hb: assume Z = A_1 + B_1
\begin{align}
\mathbb{H}[A_1 | Z] &= \mathbb{H}[A_1, A_1 + B_1] - \mathbb{H}[Z] \\
\mathbb{I}[Y : Y+ Z] &= \mathbb{H}[Y] + \mathbb{H}[Y + Z] - \mathbb{H}[Y + Z, Y] \\
\mathbb{I}[X : Y | W] &= \mathbb{H}[X | W] - \mathbb{H}[X | Y, W]
\end{align}
"""
    assert [v for v, _ in _verdicts(text)] == ["PROVED"] * 3


def test_wrong_information_identities_are_not_proved() -> None:
    text = r"""
\begin{align}
\mathbb{H}[A | Z] &= \mathbb{H}[A, Z] + \mathbb{H}[Z] \\
\mathbb{I}[Y : Z] &= \mathbb{H}[Y] + \mathbb{H}[Z] + \mathbb{H}[Y, Z] \\
\mathbb{H}[Y, Y + Z] &= \mathbb{H}[Y, Z]
\end{align}
"""
    # the first is off by 2H[Z], which a non-constant Z makes > 0: refuted; the second is
    # off by a joint entropy (not set freely): not proved; the last is true for any
    # variables (a bijection), but no identity of the definitions: not proved, not refuted
    steps = [s for ch in verify_tex(text, trials=30).environments for s in ch.steps]
    assert steps[0].verdict == "REFUTED" and steps[0].witness["H[Z]"] > 0
    assert steps[1].verdict != "PROVED"
    assert steps[2].verdict not in ("PROVED", "REFUTED")


def test_the_indicator_reading_of_double_struck_i_stays() -> None:
    rep = verify_tex("\\begin{equation}\n\\mathbb{I}\\{A_s = a\\} \\le 1\n\\end{equation}\n")
    (step,) = rep.environments[0].steps
    assert step.verdict == "PROVED"  # an indicator lies in [0, 1]


# -- integrals: constant factors -------------------------------------------------------------


def test_a_constant_factor_leaves_an_opaque_integral() -> None:
    # the CLT notes' step (true) and the introduced error that drops the 2 (false)
    text = r"""
\begin{align}
\int 2 \frac{\sin(r x)}{x} d\mu(x) &= 2 r \int \frac{\sin(r x)}{r x} d\mu(x) \\
\int 2 \frac{\sin(r x)}{x} d\mu(x) &= r \int \frac{\sin(r x)}{r x} d\mu(x)
\end{align}
"""
    got = _verdicts(text)
    assert got[0][0] == "PROVED"
    assert got[1][0] != "PROVED"


# -- declared probability measures -------------------------------------------------------------

HELLINGER = r"""
% hb: assume \mu, \nu \text{ probability measures}
\begin{align}
\frac{1}{2} - \operatorname{TV}(\mu, \nu) + \frac{1}{2}\operatorname{TV}^2(\mu, \nu)
  &= \frac{1}{2}(1 - \operatorname{TV}(\mu, \nu))^2
\end{align}
"""


def test_a_declared_probability_measure_is_read_and_a_planted_error_refuted() -> None:
    rep = verify_tex(HELLINGER, trials=40)
    assert not [e for e in rep.errors if "assume" in e.message]
    (step,) = rep.environments[0].steps
    assert step.verdict == "PROVED"  # the control: the testing-lower-bounds step
    planted = HELLINGER.replace("(1 - \\operatorname{TV}(\\mu, \\nu))^2",
                                "(1 - \\operatorname{TV}(\\mu, \\nu)^2)")
    (step,) = verify_tex(planted, trials=40).environments[0].steps
    assert step.verdict == "REFUTED"  # the introduced error of the corpus
    (tv,) = step.witness.values()
    assert 0 < tv < 1  # a total variation some pair of probability measures has


def test_a_prose_assumption_beside_the_declaration_still_blocks_a_refutation() -> None:
    text = HELLINGER.replace("probability measures}", "probability measures}\n"
                             "% hb: assume \\mu \\text{ symmetric}").replace(
        "(1 - \\operatorname{TV}(\\mu, \\nu))^2", "(1 - \\operatorname{TV}(\\mu, \\nu)^2)")
    (step,) = verify_tex(text, trials=40).environments[0].steps
    assert step.verdict == "UNDECIDED" and "not read" in step.detail


# -- geometric series written with \dots ------------------------------------------------------

SERIES = r"""
% hb: assume n \ge 1
\begin{align*}
\frac{1}{n+1} + \frac{1}{(n+1)^2} + \frac{1}{(n+1)^3} + \dots &= \frac{1}{n}
\end{align*}
"""


def test_a_convergent_geometric_series_is_summed() -> None:
    # FormalBook's e-irrational step (the control) and the corpus's introduced error
    assert _verdicts(SERIES)[0][0] == "PROVED"
    (step,) = verify_tex(SERIES.replace("= \\frac{1}{n}", "= \\frac{1}{n+2}"),
                         trials=40).environments[0].steps
    assert step.verdict == "REFUTED" and step.witness["n"] >= 1


def test_a_series_is_summed_only_when_its_pattern_and_convergence_are_shown() -> None:
    text = r"""
\begin{align*}
1 + 2 + 4 + \dots &= -1 \\
1 + x + x^2 + \dots &= \frac{1}{1-x} \\
1 + \frac12 + \frac13 + \dots &= 2
\end{align*}
"""
    # divergent; |x| < 1 not stated; not geometric: none is read as a sum, none proved
    assert all(v != "PROVED" for v, _ in _verdicts(text))
    bounded = "% hb: assume -1/2 < x < 1/2\n" + text.split("\\\\\n", 1)[0].replace(
        "1 + 2 + 4 + \\dots &= -1", "1 + x + x^2 + \\dots &= \\frac{1}{1-x}") + "\n\\end{align*}\n"
    assert _verdicts(bounded)[0][0] != "REFUTED"


# -- atoms of different variables are realisable at once -------------------------------------

RUZSA = r"""
% hb: assume Z = A_1 + B_1
\begin{align}
\mathbb{H}[A_1 | Z] &= \mathbb{H}[A_1, A_1 + B_1] - \mathbb{H}[Z] \\
&= \mathbb{H}[A,B] - \mathbb{H}[Z] \\
&= \mathbb{H}[Z] - \mathbb{I}[A:B] - 2 \mathbb{H}[Z] - \mathbb{H}[A] - \mathbb{H}[B]
\end{align}
"""


def test_the_pfr_sign_error_is_refuted_with_entropies_some_variables_have() -> None:
    # the real error of pfr's Ruzsa-distance chain: the right side is off by 2H[A] + 2H[B]
    steps = verify_tex(RUZSA, trials=60).environments[0].steps
    assert [s.verdict for s in steps] == ["PROVED", "UNDECIDED", "REFUTED"]
    w = steps[2].witness
    assert w["H[A]"] >= 0 and w["H[B]"] >= 0 and w["H[A]"] + w["H[B]"] > 0
    assert abs(float(steps[2].lhs_value) - float(steps[2].rhs_value)) > 1e-9


def test_related_atoms_or_a_negative_entropy_never_refute() -> None:
    text = r"""
% hb: assume t > 0
\begin{align}
t &\le t + 1 \\
\mathbb{H}[A] &\le \mathbb{H}[A] + \mathbb{H}[B] \\
\mathbb{E}[X] + \mathbb{E}[X^2] &\ge 0 \\
\mathbb{H}[A, B] &\le \mathbb{H}[A] + \mathbb{H}[B]
\end{align}
"""
    # true for Shannon entropy (a witness needs H[B] < 0, a differential entropy at most);
    # E[X] and E[X^2] are of one variable; H[A, B] is tied to H[A] and H[B]
    assert all(s.verdict != "REFUTED"
               for s in verify_tex(text, trials=60).environments[0].steps)


def test_an_assumption_about_a_trace_is_read_as_an_equation_of_its_atom() -> None:
    # FormalBook's Hadamard chain: tr B = n^2 (an unread assumption before issue 21's pass)
    text = r"""\DeclareMathOperator{\trace}{trace}
% hb: assume \operatorname{tr} B = n^2
\begin{equation}
\left( \frac{\trace B}{n} \right)^n = n^n
\end{equation}
"""
    rep = verify_tex(text, trials=30)
    assert not [e.message for e in rep.errors]
    assert rep.environments[0].steps[0].verdict == "PROVED"
    planted = verify_tex(text.replace("= n^n", "= n^{n+1}"), trials=30)
    assert planted.environments[0].steps[0].verdict != "PROVED"


# -- red-team findings 1 and 2: denominators, norms that are not homogeneous ----------------


def _one(assume: str, step: str) -> str:
    text = f"% hb: assume {assume}\n\\begin{{align}}\n{step}\n\\end{{align}}\n"
    return _verdicts(text)[0][0]


def test_a_denominator_that_vanishes_where_the_equations_hold_proves_nothing() -> None:
    # 0/0 at the only point x = sqrt 2 (the limit is 2 sqrt 2): the numerator's membership
    # in the ideal says nothing about the quotient
    assert _one("x^2 = 2, x > 0", r"\frac{x^2 - 2}{x - \sqrt{2}} &= 0") != "PROVED"
    circle = "a^2 + b^2 = 1, a > 0, b > 0"
    assert _one(circle, r"\frac{a^2 + b^2 - 1}{a^4 + 2a^2 b^2 + b^4 - 1} &= 0") != "PROVED"
    assert _one(circle, r"\frac{a^2 + b^2 - 1}{\sin(a^2 + b^2 - 1)} &= 0") != "PROVED"
    assert _one(circle, r"\frac{a^2 + b^2 - 1}{a - b} &= 0") != "PROVED"  # 0 at a = b
    # controls: a denominator shown non-zero there (no common zero; a stated sign)
    assert _one("x^2 = 2, x > 0", r"\frac{x^2 - 2}{x - 1} &= 0") == "PROVED"
    assert _one(circle, r"\frac{a^2 + b^2 - 1}{a^2 + b^2 + 1} &= 0") == "PROVED"
    assert _one(circle, r"\frac{a^2 + b^2 - 1}{a + b} &= 0") == "PROVED"


def test_the_ideal_checks_the_denominator() -> None:
    a, b, x = sp.symbols("a b x", real=True)
    circle = Ideal([a**2 + b**2 - 1])
    assert not circle.zero((a**2 + b**2 - 1) / (a**4 + 2 * a**2 * b**2 + b**4 - 1))
    assert not circle.zero((a**2 + b**2 - 1) / (a - b))
    assert circle.zero((a**2 + b**2 - 1) / (a**2 + b**2 + 3))
    assert circle.zero((a**2 + b**2 - 1) / 7)
    assert not Ideal([x**2 - 2]).zero((x**2 - 2) / (x - sp.sqrt(2)))
    assert circle.nonzero(sp.Integer(2)) and not circle.nonzero(sp.Integer(0))


def test_norm_homogeneity_only_for_norms() -> None:
    step = r"\|t v\|{0} &= t \|v\|{0}"
    for sub in ("_0", "_p", "_{0.5}", "_{w}"):  # a count, p maybe < 1, unknown: never
        assert _one("0 < t < 1", step.format(sub)) != "PROVED", sub
    for sub in ("", "_2", "_1", "_\\infty", "_{\\mathrm{op}}", "_F", "_{1.5}"):
        assert _one("0 < t < 1", step.format(sub)) == "PROVED", sub
    assert _one("0 < t < 1", r"\|t v\|_2 &= 2 t \|v\|_2") != "PROVED"  # planted constant


def test_a_refused_or_vector_domain_makes_no_real_scalar() -> None:
    step = r"\|t v\|^2 &= t^2 \|v\|^2"
    assert _one(r"t \in \mathbb{C}", step) != "PROVED"  # refused set: t may be complex
    assert _one(r"t \in \mathbb{R}^d", step) != "PROVED"  # a vector
    assert _one(r"t \in \mathbb{R}", step) == "PROVED"  # control: a real scalar
