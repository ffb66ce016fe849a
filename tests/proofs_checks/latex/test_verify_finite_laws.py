r"""The finite-law model of entropy steps (issue 21): statements about laws read in
``% hb: assume``; planted false information identities REFUTED with a law that satisfies
the assumptions (re-checked here exactly, independently of the model's own check); true
identities and inequalities never REFUTED."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import mpmath
import pytest

from hallbound.proofs_checks.latex.models.finite_laws import (
    Model,
    draw_law,
    entropy,
    group_named,
    marginal,
    search,
)
from hallbound.proofs_checks.latex.models.law_statements import (
    CHARACTERISTIC,
    COPY,
    IID,
    INDEPENDENT,
    read_law_statement,
)
from hallbound.proofs_checks.latex.models.rv_terms import (
    TermError,
    entropy_quantity,
    ruzsa_quantity,
)
from hallbound.proofs_checks.latex.verify import verify_tex

H = r"\newcommand{\bbH}{\mathbb{H}}\newcommand{\bbI}{\mathbb{I}}" + "\n"


def _steps(body: str, *assume: str) -> list:
    text = H + "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


# -- reading the statements ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind", "groups"), [
    (r"X, Y \text{ independent}", INDEPENDENT, (("X",), ("Y",))),
    (r"(X,Z) \text{ independent of } (Y,W)", INDEPENDENT, (("X", "Z"), ("Y", "W"))),
    (r"X_1, \dots, X_n \text{ i.i.d.}", IID, (("X_*",),)),
    (r"z_i' \text{ i.i.d.}", IID, (("z_i'",),)),
    (r"X' \text{ an independent copy of } X", COPY, (("X'",),)),
    (r"(Y',W'), (X',Z') \text{ are independent copies}", COPY, (("Y'", "W'"), ("X'", "Z'"))),
    (r"\text{characteristic } 2", CHARACTERISTIC, ()),
])
def test_law_statements_are_read(text: str, kind: str, groups: tuple) -> None:
    law = read_law_statement(text)
    assert law is not None and law.kind == kind and law.groups == groups


def test_a_copy_without_of_copies_the_unprimed_names() -> None:
    law = read_law_statement(r"(X',Z'),(Y',W') \text{ independent copies}")
    assert law is not None and law.sources == (("X", "Z"), ("Y", "W"))


@pytest.mark.parametrize("text", [
    r"X \text{ independent}",            # one plain variable: independent of what?
    r"X, Y \text{ pairwise independent}",  # pairwise is not mutual: not read
    r"f \text{ convex}",
    r"X \text{ a copy}",                 # a copy of what?
    r"\text{characteristic } 4",         # not a prime
])
def test_other_statements_are_not_read(text: str) -> None:
    assert read_law_statement(text) is None


def test_an_unread_law_statement_is_refused_and_blocks_refutation() -> None:
    (step,) = _steps(r"\bbH[X + Y] &= \bbH[X] + \bbH[Y]", r"X, Y \text{ pairwise independent}")
    assert step.verdict == "UNDECIDED"
    assert "fails at a finite joint law" in step.detail and "not read" in step.detail


def test_terms_outside_the_model_are_refused() -> None:
    for bad in ("X Y", "f(X)", "X^2"):
        with pytest.raises(TermError):
            entropy_quantity(bad)
    with pytest.raises(TermError):
        ruzsa_quantity("X, Y")


# -- planted false steps: REFUTED, with a genuine witness ----------------------------------


@pytest.mark.parametrize(("body", "assume"), [
    # a sign slip in the chain rule
    (r"\bbH[X, Y] &= \bbH[X] - \bbH[Y | X]", ()),
    # a dropped conditional, with no independence stated
    (r"\bbH[X | Y] &= \bbH[X]", ()),
    # entropy of a sum is additive only for ... nothing: not even independent variables
    (r"\bbH[X + Y] &= \bbH[X] + \bbH[Y]", ()),
    (r"\bbH[X + Y] &= \bbH[X] + \bbH[Y]", (r"X, Y \text{ independent}",)),
    # the flipped direction of 'conditioning does not increase entropy'
    (r"\bbH[X | Y] &\ge \bbH[X]", ()),
    # mutual information with the sign of a term flipped
    (r"\bbI[X : Y] &= \bbH[X] + \bbH[Y] + \bbH[X, Y]", ()),
])
def test_planted_false_information_steps_are_refuted(body: str, assume: tuple) -> None:
    (step,) = _steps(body, *assume)
    assert step.verdict == "REFUTED", step.detail
    assert step.witness is not None and step.witness["group"] == "Z"
    assert list(step.satisfies) == list(assume)
    if not assume:  # nothing stated about the law: the report says so
        assert any("no assumption on the law of" in n for n in step.notes)


def test_a_refuting_law_satisfies_the_stated_independence_exactly() -> None:
    """H[X + Y] = H[X] + H[Y] with X, Y independent: the failing law found by the search
    has P(X = x, Y = y) = P(X = x) P(Y = y) exactly, and the identity fails there by more
    than rounding (recomputed here at 80 digits)."""
    q = [(Fraction(1), entropy_quantity("X + Y")), (Fraction(-1), entropy_quantity("X")),
         (Fraction(-1), entropy_quantity("Y"))]
    model = Model(q, "=", ["X", "Y"], [], [[{"X"}, {"Y"}]], ["Z"], {"Z"}, True)
    out = search(model, seed=3)
    assert out.law is not None
    g = group_named("Z")
    joint = marginal(out.law, ("tuple", (("var", "X"), ("var", "Y"))), g)
    px = marginal(out.law, ("var", "X"), g)
    py = marginal(out.law, ("var", "Y"), g)
    for x, y in itertools.product(px, py):
        assert joint.get((x, y), Fraction(0)) == px[x] * py[y]
    with mpmath.workdps(80):
        gap = (entropy(marginal(out.law, ("add", ("var", "X"), ("var", "Y")), g))
               - entropy(px) - entropy(py))
        assert abs(gap) > mpmath.mpf("1e-10")


def test_drawn_laws_keep_every_independence_statement() -> None:
    """Laws drawn under '(X, Z) independent of (Y, W)' factor exactly, dependent or not."""
    model = Model([], "=", ["W", "X", "Y", "Z"], [], [[{"X", "Z"}, {"Y", "W"}]], ["Z"],
                  {"Z"}, True)
    g, rng = group_named("Z"), random.Random(1)
    dependent = 0
    for k in range(30):
        law = draw_law(model, g, rng, k == 0)
        xz = marginal(law, ("tuple", (("var", "X"), ("var", "Z"))), g)
        yw = marginal(law, ("tuple", (("var", "Y"), ("var", "W"))), g)
        joint = marginal(law, ("tuple", tuple(("var", n) for n in "XZYW")), g)
        for a, b in itertools.product(xz, yw):
            assert joint.get((*a, *b), Fraction(0)) == xz[a] * yw[b]
        dependent += any(len(names) > 1 for names, _ in law)
    assert dependent > 0  # dependent blocks are drawn too, not only independent variables


# -- true steps: never REFUTED -------------------------------------------------------------


@pytest.mark.parametrize(("body", "assume"), [
    (r"\bbH[X, Y] &= \bbH[X] + \bbH[Y | X]", ()),                       # chain rule
    (r"\bbH[X, Y, Z] + \bbH[Z] &\le \bbH[X, Z] + \bbH[Y, Z]", ()),      # submodularity
    (r"\bbH[X + Y | Y] &= \bbH[X | Y]", ()),
    (r"\bbH[X | Y] &\le \bbH[X]", ()),
    (r"\bbI[X : Y] &= \bbH[X] + \bbH[Y] - \bbH[X, Y]", ()),
    (r"\bbH[X | Y] &= \bbH[X]", (r"X, Y \text{ independent}",)),
    (r"\bbH[X, Y + Z] &= \bbH[X, Y, Z] - \bbH[Y | X, Y + Z]", ()),
    (r"\bbH[X'] &= \bbH[X]", (r"X' \text{ an independent copy of } X",)),
    (r"d[X; Y] &= \bbH[X' - Y'] - \tfrac12 \bbH[X'] - \tfrac12 \bbH[Y']",
     (r"X', Y' \text{ independent copies}",)),
    (r"d[X | Z; Y | W] &= \bbH[X' - Y' | Z', W'] - \tfrac12 \bbH[X' | Z'] "
     r"- \tfrac12 \bbH[Y' | W']", (r"(X',Z'),(Y',W') \text{ independent copies}",)),
    (r"\bbH[X + Y] &= \bbH[X - Y]", (r"X, Y \text{ independent}",
                                     r"\text{characteristic } 2")),
])
def test_true_information_steps_are_supported(body: str, assume: tuple) -> None:
    (step,) = _steps(body, *assume)
    assert step.verdict in ("SUPPORTED", "PROVED"), step.detail
    if step.verdict == "SUPPORTED":
        assert "sampled over" in step.detail and "finite joint laws" in step.detail


def test_a_slip_in_the_ruzsa_distance_is_refuted() -> None:
    (step,) = _steps(r"d[X; Y] &= \bbH[X' - Y'] - \tfrac12 \bbH[X'] + \tfrac12 \bbH[Y']",
                     r"X', Y' \text{ independent copies}")
    assert step.verdict == "REFUTED"


def test_sums_depend_on_the_group() -> None:
    """H[X + Y] = H[X - Y] holds in characteristic 2, not in Z: REFUTED only when the group
    is stated torsion-free (characteristic 0); with no group stated the failure is seen only
    in Z and every (Z/2)^2 law holds, so the text's group matters (the PFR papers work in
    F_2^n). H[2X] = H[X] holds in Z and fails only in (Z/2)^2: not REFUTED either."""
    (z,) = _steps(r"\bbH[X + Y] &= \bbH[X - Y]", r"X, Y \text{ independent}",
                  r"\text{characteristic } 0")
    assert z.verdict == "REFUTED" and z.witness["group"] == "Z"
    (free,) = _steps(r"\bbH[X + Y] &= \bbH[X - Y]", r"X, Y \text{ independent}")
    assert free.verdict == "UNDECIDED"
    assert "fails only in Z and holds at every law sampled in (Z/2)^2" in free.detail
    (two,) = _steps(r"\bbH[2 X] &= \bbH[X]")
    assert two.verdict == "UNDECIDED" and "fails only in (Z/2)^2" in two.detail


def test_quantities_of_unlinked_variables_are_not_refuted() -> None:
    """H[A_1, A_1 + B_1] = H[A, B]: true when (A_1, B_1) is a copy of (A, B), which the
    prose may say; nothing stated links them, so the failure is no counterexample."""
    (step,) = _steps(r"\bbH[A_1, A_1 + B_1] &= \bbH[A, B]")
    assert step.verdict == "UNDECIDED" and "nothing stated" in step.detail
    (copy,) = _steps(r"\bbH[A_1, A_1 + B_1] &= \bbH[A, B]",
                     r"(A_1, B_1) \text{ a copy of } (A, B)")
    assert copy.verdict == "SUPPORTED"


# -- expectations, variances, probabilities (exact) ------------------------------------------


def _moment_steps(body: str, *assume: str) -> list:
    text = "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


@pytest.mark.parametrize(("body", "assume"), [
    (r"\mathbb{E}[X Y] &= \mathbb{E}[X] \mathbb{E}[Y]", ()),          # needs independence
    (r"\operatorname{Var}(X + Y) &= \operatorname{Var}(X) + \operatorname{Var}(Y)", ()),
    (r"\Pr[X \ge 1] &\le \mathbb{E}[X]", ()),                          # Markov needs X >= 0
    (r"\Pr[X \ge 2] &\ge \mathbb{E}[X]", (r"X \ge 0",)),               # flipped Markov
    (r"\operatorname{Var}(X + Y) &= \operatorname{Var}(X) - \operatorname{Var}(Y)",
     (r"X, Y \text{ independent}",)),                                  # a sign slip
])
def test_planted_false_moment_steps_are_refuted(body: str, assume: tuple) -> None:
    (step,) = _moment_steps(body, *assume)
    assert step.verdict == "REFUTED", step.detail
    assert step.method == "finite-law model, exact"


@pytest.mark.parametrize(("body", "assume"), [
    (r"\mathbb{E}[X Y] &= \mathbb{E}[X] \mathbb{E}[Y]", (r"X, Y \text{ independent}",)),
    (r"\operatorname{Var}(X + Y) &= \operatorname{Var}(X) + \operatorname{Var}(Y)",
     (r"X, Y \text{ independent}",)),
    (r"\Pr[X \ge 1] &\le \mathbb{E}[X]", (r"X \ge 0",)),               # Markov
    (r"\Pr[X + Y \ge 2] &\le \Pr[X \ge 1] + \Pr[Y \ge 1]", ()),        # union bound
    (r"\mathbb{E}[X^2] &\ge \mathbb{E}[X]^2", ()),
])
def test_true_moment_steps_are_supported(body: str, assume: tuple) -> None:
    (step,) = _moment_steps(body, *assume)
    assert step.verdict in ("SUPPORTED", "PROVED"), step.detail


def test_a_lower_case_letter_inside_an_expectation_is_not_modelled() -> None:
    """E[t X] = E[X] E[t]: ``t`` may be a constant of the text; not drawn as random."""
    (step,) = _moment_steps(r"\mathbb{E}[t X] &= \mathbb{E}[X] \mathbb{E}[t]")
    assert "finite-law" not in step.method


def test_a_stated_relation_on_a_random_variable_keeps_the_model_out() -> None:
    (step,) = _moment_steps(r"\Pr[X \ge 2] &\ge \mathbb{E}[X]", r"X \ge Y")
    assert step.verdict != "REFUTED" and "finite-law" not in step.method


def test_the_search_is_kept_in_the_verdict_cache(tmp_path, monkeypatch) -> None:
    """A second run with the same cache takes the search's outcome from disk: with the
    search broken, the verdict is the same."""
    from hallbound.proofs_checks.latex.models import law_verdicts
    from hallbound.proofs_checks.latex.verdict_cache import VerdictCache

    text = H + "\\begin{align*}\n\\bbH[X + Y | Y] &= \\bbH[X | Y]\n\\end{align*}\n"
    first = verify_tex(text, trials=60, cache=VerdictCache(tmp_path))
    assert first.environments[0].steps[0].verdict == "SUPPORTED"
    assert list((tmp_path / "laws").glob("*.pkl"))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the search ran again")

    monkeypatch.setattr(law_verdicts, "search", broken)
    again = verify_tex(text, trials=60, cache=VerdictCache(tmp_path))
    assert again.environments[0].steps[0].verdict == "SUPPORTED"
    fresh = verify_tex(text, trials=60)  # no cache: the broken search leaves it undecided
    assert fresh.environments[0].steps[0].verdict != "SUPPORTED"


def test_a_plain_letter_h_is_an_entropy_only_beside_entropies_or_with_a_bar() -> None:
    """``H(X + Y)`` alone may be any function H: not modelled; with a conditioning bar, or
    beside ``\\mathbb{H}``, it is the entropy."""
    (plain,) = _moment_steps(r"H(X + Y) &= H(X) + H(Y)", r"X, Y \text{ independent}")
    assert "finite-law" not in plain.method
    (bar,) = _moment_steps(r"H(X + Y | Y) &= H(X | Y) + H(Y | Y)")
    assert bar.verdict == "SUPPORTED" and bar.method == "finite-law model"
    (slip,) = _moment_steps(r"H(X + Y | Y) &= H(X | Y) + H(Y)")  # H(Y) beside H(.. | ..)
    # written as functions, with nothing read about the laws: the failure is shown, but the
    # text may state in words what makes it hold (Y constant); stated laws let it refute
    assert slip.verdict == "UNDECIDED" and "fails at a finite joint law" in slip.detail
    (stated,) = _moment_steps(r"H(X + Y | Y) &= H(X | Y) + H(Y)", r"X, Y \text{ independent}")
    assert stated.verdict == "REFUTED"


def test_an_unsimplified_zero_is_no_failure() -> None:
    """(sqrt 3 + 1)^2 - 4 - 2 sqrt 3 is 0: no failure of '=' (nor of '<=')."""
    import sympy as sp

    from hallbound.proofs_checks.latex.models.moment_laws import exact_fails

    zero = (sp.sqrt(3) + 1) ** 2 - 4 - 2 * sp.sqrt(3)
    assert not exact_fails("=", zero) and not exact_fails("<=", zero)
    assert exact_fails("<", zero) and exact_fails("=", sp.sqrt(2) - 1)


# -- reviewer's findings (h-rev3): stated relations, copies, lists, the group ----------------


@pytest.mark.parametrize(("body", "assume"), [
    # F0: E[X] = 0 is substituted away as a definition; Var X = E X^2 is then true
    (r"\operatorname{Var}(X) &= \mathbb{E}[X^2]", (r"\mathbb{E}[X] = 0",)),
    # F0: uncorrelated variables: the variance of the sum is the sum of the variances
    (r"\operatorname{Var}(X + Y) &= \operatorname{Var}(X) + \operatorname{Var}(Y)",
     (r"\operatorname{Cov}(X, Y) = 0",)),
    (r"\operatorname{Var}(X + Y) &= \operatorname{Var}(X) + \operatorname{Var}(Y)",
     (r"\mathbb{E}[X Y] = \mathbb{E}[X] \mathbb{E}[Y]",)),
])
def test_a_stated_moment_equation_is_not_broken_by_the_witness(body: str, assume: tuple) -> None:
    """True steps under a stated equation about other moments of the same variables: the
    model checks the equation on every law (or stays out); never REFUTED."""
    (step,) = _moment_steps(body, *assume)
    assert step.verdict != "REFUTED", step.detail
    if step.verdict == "SUPPORTED":
        assert "only the laws that meet the stated" in step.detail


@pytest.mark.parametrize("assume", [
    r"d[X; Y] = 0",                            # |H[X] - H[Y]| <= 2 d[X; Y] = 0
])
def test_a_stated_ruzsa_distance_is_not_broken_by_the_witness(assume: str) -> None:
    (step,) = _steps(r"\bbH[X] &= \bbH[Y]", r"X, Y \text{ independent}", assume)
    assert step.verdict != "REFUTED", step.detail
    assert any("that meet the stated" in n for n in step.notes)  # checked, too few met


def test_a_stated_entropy_equation_is_checked_on_each_law() -> None:
    """H[X - Y] = H[X] + H[Y] (X - Y injective on the supports) gives H[X + Y] = H[X] +
    H[Y]: the laws where X - Y collides are not counted, and the rest all hold."""
    (step,) = _steps(r"\bbH[X + Y] &= \bbH[X] + \bbH[Y]", r"X, Y \text{ independent}",
                     r"\bbH[X - Y] = \bbH[X] + \bbH[Y]")
    assert step.verdict != "REFUTED", step.detail
    if step.verdict == "SUPPORTED":
        assert "only the laws that meet the stated" in step.detail
    # the same stated equation with a false step: still REFUTED, at a law that meets it
    (slip,) = _steps(r"\bbH[X + Y] &= \bbH[X] + 2 \bbH[Y]", r"X, Y \text{ independent}",
                     r"\bbH[X - Y] = \bbH[X] + \bbH[Y]")
    assert slip.verdict == "REFUTED" and "re-checked on it" in slip.detail
    assert r"\mathbb{H}[X - Y] = \mathbb{H}[X] + \mathbb{H}[Y]" in slip.satisfies


def test_a_stated_relation_the_model_cannot_check_keeps_it_out() -> None:
    """Cov is not a quantity the moment model computes: a stated Cov(X, Y) <= 0 (a relation,
    not substituted) keeps the model from drawing laws that may break it."""
    (step,) = _moment_steps(
        r"\operatorname{Var}(X + Y) &\le \operatorname{Var}(X) + \operatorname{Var}(Y)",
        r"\operatorname{Cov}(X, Y) \le 0")
    assert step.verdict != "REFUTED", step.detail


def test_a_copy_without_independent_states_only_the_law() -> None:
    """'X' a copy of X' allows X' = X: H[X, X'] = 2 H[X] and H[X - X'] >= H[X] are false
    (REFUTED at a coupling that keeps the law of X'), the law-only facts still hold."""
    law = read_law_statement(r"X' \text{ a copy of } X")
    assert law is not None and not law.independent
    for body in (r"\bbH[X, X'] &= 2 \bbH[X]", r"\bbH[X - X'] &\ge \bbH[X]"):
        (step,) = _steps(body, r"X' \text{ a copy of } X")
        assert step.verdict == "REFUTED", step.detail
    (true,) = _steps(r"\bbH[X'] &= \bbH[X]", r"X' \text{ a copy of } X")
    assert true.verdict in ("SUPPORTED", "PROVED")
    (indep,) = _steps(r"\bbH[X, X'] &= 2 \bbH[X]", r"X' \text{ an independent copy of } X")
    assert indep.verdict in ("SUPPORTED", "PROVED")


def test_a_coupled_copy_keeps_the_law_of_its_original() -> None:
    """Each drawn coupling gives X' the law of X exactly, and the identical one is drawn."""
    model = Model([(Fraction(1), entropy_quantity("X, X'"))], "=", ["X"], [(("X'",), ("X",))],
                  [], ["Z"], {"Z"}, True)
    model.coupled = [("X'",)]
    g, rng = group_named("Z"), random.Random(5)
    identical = 0
    for k in range(30):
        law = draw_law(model, g, rng, k == 0)
        px = marginal(law, ("var", "X"), g)
        assert marginal(law, ("var", "X'"), g) == px
        joint = marginal(law, ("tuple", (("var", "X"), ("var", "X'"))), g)
        identical += all(a == b for a, b in joint)
    assert identical > 0


def test_independent_of_a_list_is_independent_of_the_tuple() -> None:
    """'X independent of Y, Z' says nothing of Y and Z: H[Y, Z] = H[Y] + H[Z] is false."""
    law = read_law_statement(r"X \text{ independent of } Y, Z")
    assert law is not None and law.groups == (("X",), ("Y", "Z"))
    (step,) = _steps(r"\bbH[Y, Z] &= \bbH[Y] + \bbH[Z]", r"X \text{ independent of } Y, Z")
    assert step.verdict != "SUPPORTED", step.detail
    (true,) = _steps(r"\bbH[X, Y, Z] &= \bbH[X] + \bbH[Y, Z]",
                     r"X \text{ independent of } Y, Z")
    assert true.verdict in ("SUPPORTED", "PROVED"), true.detail


def test_an_indexed_variable_independent_of_another_says_nothing_of_its_family() -> None:
    """'X_i independent of Y': each X_i alone; X_1 = X_2 is allowed."""
    (step,) = _steps(r"\bbH[X_1, X_2] &= \bbH[X_1] + \bbH[X_2]",
                     r"X_i \text{ independent of } Y")
    assert step.verdict != "SUPPORTED", step.detail
    (one,) = _steps(r"\bbH[X_1, Y] &= \bbH[X_1] + \bbH[Y]", r"X_i \text{ independent of } Y")
    assert one.verdict in ("SUPPORTED", "PROVED"), one.detail


def test_a_failure_only_in_z_is_not_refuted_when_the_group_is_in_prose() -> None:
    """info_F2c: the group F_2^n said in prose, not in assume: H[X - Y] = H[X + Y] fails in
    Z, holds in every (Z/2)^2 law: UNDECIDED, the group named; with characteristic 2
    stated, SUPPORTED."""
    text = (H + "% hb: assume X, Y \\text{ independent}\n"
            "The random variables take values in $G = \\mathbb{F}_2^n$.\n"
            "\\begin{align*} \\bbH[X - Y] &= \\bbH[X + Y] \\end{align*}\n")
    (step,) = [s for c in verify_tex(text, trials=60).environments for s in c.steps]
    assert step.verdict == "UNDECIDED" and "the text's group matters" in step.detail
    (two,) = _steps(r"\bbH[X - Y] &= \bbH[X + Y]", r"X, Y \text{ independent}",
                    r"\text{characteristic } 2")
    assert two.verdict == "SUPPORTED"
    assert read_law_statement(r"\text{characteristic } 0").modulus == 0


# -- review round two: unread assumptions, indexed names (N1, N2) ----------------------------


def _verdicts(text: str) -> list[str]:
    """Every step's and every conclusion's verdict of ``text``."""
    envs = verify_tex(text, trials=60).environments
    return [s.verdict for c in envs for s in c.steps] + [c.conclusion.verdict for c in envs]


@pytest.mark.parametrize(("assume", "body"), [
    (r"\Pr[X = 0] = 1, X \ge 0", r"\mathbb{E}[X^2] &= \mathbb{E}[X]^2"),
    (r"\Pr[X = 0] = 1", r"\mathbb{E}[X] &= 0"),
    (r"\Pr(X = 0) = 1", r"\mathbb{E}[X] &= 0"),
])
def test_an_unread_probability_equation_blocks_every_refutation(assume: str, body: str) -> None:
    """N1: X = 0 a.s. makes each step true; the stated probability equation is no
    definition (its '=' inside the brackets is not the definition's), and whatever error
    it ends in, it is refused, so neither the law model nor the search refutes."""
    text = f"% hb: assume {assume}\n\\begin{{align*}} {body} \\end{{align*}}\n"
    verdicts = _verdicts(text)
    assert "REFUTED" not in verdicts, verdicts


def test_an_unread_probability_equation_blocks_an_entropy_refutation() -> None:
    """N1: Y = 0 a.s. gives H[X + Y] = H[X]; the unread Pr[Y = 0] = 1 blocks REFUTED."""
    text = (H + "% hb: assume X, Y \\text{ independent}\n% hb: assume \\Pr[Y = 0] = 1\n"
            "\\begin{align*} \\bbH[X + Y] &= \\bbH[X] \\end{align*}\n")
    assert "REFUTED" not in _verdicts(text)


def test_a_failed_definition_is_refused() -> None:
    """N1: a 'let' whose name cannot be read ends in an error and is counted as refused."""
    from hallbound.proofs_checks.latex.verify_rows import _top_level_equals
    assert _top_level_equals(r"\Pr[X = 0] = 1") == len(r"\Pr[X = 0] ")
    assert _top_level_equals(r"f(x = 1)") == -1
    text = ("% hb: let \\Pr[X = 0] = 1\n"
            "\\begin{align*} \\mathbb{E}[X] &= 0 \\end{align*}\n")
    assert "REFUTED" not in _verdicts(text)


@pytest.mark.parametrize(("assume", "body"), [
    (r"\mathbb{E}[X_{k+1}] \ge 1", r"\mathbb{E}[X_{k+1}^2] &\ge 1"),
    (r"\mathbb{E}[X_{k+1}] = 0", r"\operatorname{Var}(X_{k+1}) &= \mathbb{E}[X_{k+1}^2]"),
    (r"\mathbb{E}[X^{(1)}] = 0", r"\operatorname{Var}(X^{(1)}) &= \mathbb{E}[(X^{(1)})^2]"),
    (r"\operatorname{Cov}(X_{k+1}, Y_{k+1}) = 0",
     r"\operatorname{Var}(X_{k+1} + Y_{k+1}) &= \operatorname{Var}(X_{k+1})"
     r" + \operatorname{Var}(Y_{k+1})"),
])
def test_a_stated_moment_of_an_indexed_variable_is_never_skipped(assume: str, body: str) -> None:
    """N2: X_{k+1}, X^{(1)} are matched by the atoms' parsed variables (or, unparsed, keep
    the model out): the stated relation is never skipped, so the true step is not REFUTED."""
    (step,) = _moment_steps(body, assume)
    assert step.verdict != "REFUTED", step.detail


# -- review round two: non-integer values, the antithetic copy (N5) --------------------------


@pytest.mark.parametrize(("body", "assume"), [
    (r"\mathbb{E}[X^2] &= \mathbb{E}[X]", (r"0 \le X \le 1",)),       # X = 1/2: 1/4 != 1/2
    (r"\mathbb{E}[X^4] &\ge \mathbb{E}[X^2]", ()),                      # X = 1/2
    (r"\mathbb{E}[X^3] - \mathbb{E}[X] &\ge 0", (r"X \ge 0",)),         # X = 1/2
    (r"\Pr[X > 1] &= \Pr[X \ge 2]", ()),                                # X = 3/2
])
def test_steps_true_only_on_integers_are_not_supported(body: str, assume: tuple) -> None:
    """N5: the moment model draws non-integer values too, so a step that holds for every
    integer-valued X but not for a real one is never SUPPORTED (here REFUTED at a law
    that is re-checked below to lie in the stated interval)."""
    (step,) = _moment_steps(body, *assume)
    assert step.verdict == "REFUTED", step.detail
    values = [Fraction(cell.split()[0]) for cell in step.witness["law"][3:].split(" | ")]
    assert any(v.denominator > 1 for v in values), step.witness
    if assume:
        assert all(v >= 0 for v in values) and (assume[0][0] != "0" or max(values) <= 1)


def test_a_copy_may_be_antithetic() -> None:
    """N5: X' = 1 - X is a copy of X (X uniform on {0, 1}), H[X + X'] = 0 < H[X]: the
    step is false, and the countermonotone coupling is drawn, so it is not SUPPORTED."""
    from hallbound.proofs_checks.latex.models.finite_laws import antithetic
    half = Fraction(1, 2)
    assert antithetic({0: half, 1: half}) == {0: {1: Fraction(1)}, 1: {0: Fraction(1)}}
    kernel = antithetic({0: Fraction(1, 4), 1: Fraction(1, 4), 2: half})
    law = {w: sum(Fraction(1, 4 if v < 2 else 2) * row.get(w, 0) for v, row in kernel.items())
           for w in (0, 1, 2)}
    assert law == {0: Fraction(1, 4), 1: Fraction(1, 4), 2: half}    # the law of the copy
    assert kernel[2] == {0: half, 1: half}                             # 2 is paired with 0, 1
    (step,) = _steps(r"\bbH[X + X'] &\ge \bbH[X]", r"X' \text{ a copy of } X",
                     r"\text{characteristic } 0")
    assert step.verdict != "SUPPORTED", step.detail


def test_the_supported_detail_names_the_values_and_couplings_sampled() -> None:
    """N5: a SUPPORTED moment step names the values drawn; a coupled copy names the
    couplings drawn."""
    (step,) = _moment_steps(r"\mathbb{E}[X^2] &\ge \mathbb{E}[X]^2", r"0 \le X \le 1")
    assert step.verdict == "SUPPORTED", step.detail
    assert "1/3" in step.detail and "no other values were tried" in step.detail
    (copy,) = _steps(r"\bbH[X'] &= \bbH[X]", r"X' \text{ a copy of } X")
    assert copy.verdict == "SUPPORTED", copy.detail
    assert "antithetic (countermonotone)" in copy.detail, copy.detail
