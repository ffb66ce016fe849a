r"""The finite learning model (issue 21): expectations over a sample, a ghost sample and
Rademacher signs, suprema over a finite class, evaluated exactly. Planted errors
(symmetrisation constant 2 -> 1, a spurious 1/n, a sup moved outside an expectation the
wrong way, a dropped 1/n) are REFUTED with a witness re-checked here by an independent
brute force; their true forms are SUPPORTED; roles the model cannot read keep it out."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

import pytest

from hallbound.proofs_checks.latex.models.learning.learning_models import (
    Evaluator,
    Instance,
    check_instance,
)
from hallbound.proofs_checks.latex.models.learning.learning_terms import (
    LearnOut,
    read_side,
    subscript_groups,
)
from hallbound.proofs_checks.latex.verify import verify_tex

E = r"\mathbb{E}"
SYM_LHS = rf"{E}_{{S, S', \sigma}}\left[\sup_{{f \in \mathcal{{F}}}} \frac{{1}}{{m}}" \
    r"\sum_{i=1}^m \sigma_i\bigl(f(z_i') - f(z_i)\bigr)\right]"
RAD = rf"{E}_{{S, \sigma}}\left[\sup_{{f \in \mathcal{{F}}}} \frac{{1}}{{m}}" \
    r"\sum_{i=1}^m \sigma_i f(z_i)\right]"
DEV = rf"{E}_{{S}}\left[\sup_{{f \in \mathcal{{F}}}} \left({E}[f] - \frac{{1}}{{m}}" \
    r"\sum_{i=1}^m f(z_i)\right)\right]"
AVG = r"\frac{1}{n}\sum_{i=1}^n f(z_i)"


def _steps(body: str, *assume: str) -> list:
    text = "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


# -- an independent brute force for the witnesses ---------------------------------------------


def _witness(detail: str) -> tuple[int, list[Fraction], list[tuple[Fraction, ...]]]:
    """``(n, law, class)`` read back from a REFUTED detail."""
    n = int(re.search(r"n = (\d+)", detail).group(1))
    law = [Fraction(w) for w in re.findall(r"P\(\d+\) = ([\d/]+)", detail)]
    funcs = [tuple(Fraction(v.strip()) for v in body.split(","))
             for body in re.findall(r"f\d+ = \(([^)]*)\)", detail)]
    return n, law, funcs


def _samples(law: list[Fraction], n: int):
    for pts in itertools.product(range(len(law)), repeat=n):
        w = Fraction(1)
        for p in pts:
            w *= law[p]
        yield pts, w


def _signs(n: int):
    for s in itertools.product((-1, 1), repeat=n):
        yield s, Fraction(1, 2**n)


def _rademacher(n: int, law: list, funcs: list) -> Fraction:
    """E_{S, sigma} sup_f (1/n) sum sigma_i f(z_i), by brute force."""
    return sum((w * v * max(sum(s[i] * f[z[i]] for i in range(n)) for f in funcs) / n
                for z, w in _samples(law, n) for s, v in _signs(n)), Fraction(0))


def _sym(n: int, law: list, funcs: list) -> Fraction:
    """E_{S, S', sigma} sup_f (1/n) sum sigma_i (f(z_i') - f(z_i)), by brute force."""
    return sum((w * w2 * v * max(sum(s[i] * (f[z2[i]] - f[z[i]]) for i in range(n))
                                 for f in funcs) / n
                for z, w in _samples(law, n) for z2, w2 in _samples(law, n)
                for s, v in _signs(n)), Fraction(0))


def _mean_sup(n: int, law: list, funcs: list) -> tuple[Fraction, Fraction]:
    """(E_S sup_f avg f(z_i), sup_f E_S avg f(z_i)) by brute force."""
    e_sup = sum((w * max(sum(f[p] for p in z) for f in funcs) / n
                 for z, w in _samples(law, n)), Fraction(0))
    sup_e = max(sum((w * f[p] for p, w in enumerate(law)), Fraction(0)) for f in funcs)
    return e_sup, sup_e


# -- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("sub", "groups"), [
    ("S , S ' , \\sigma", {"z", "zp", "sigma"}),
    ("z _ 1 , \\dots , z _ n \\sim P", {"z"}),
    ("z _ i , z _ i '", {"z", "zp"}),
    ("\\sigma _ 1 , \\dots , \\sigma _ n", {"sigma"}),
])
def test_subscripts_name_the_random_groups(sub: str, groups: set) -> None:
    assert subscript_groups(sub) == groups


@pytest.mark.parametrize("sub", ["v", "\\{ ( x ^ { ( i ) } , y ^ { ( i ) } ) \\}", "X"])
def test_other_subscripts_keep_the_model_out(sub: str) -> None:
    with pytest.raises(LearnOut):
        subscript_groups(sub)


def test_exact_values_match_hand_computation() -> None:
    # F = {(0, 1), (1, 0)} on two points of law (1/2, 1/2), n = 1: E sup sigma f(z) = 1/2
    inst = Instance((Fraction(1, 2), Fraction(1, 2)), ((Fraction(0), Fraction(1)),
                                                        (Fraction(1), Fraction(0))), 1, "{0, 1}")
    scope: dict = {}
    node = read_side("E_S , \\sigma[sup_{f \\in \\mathcal F}(sum_{i}(f(z[i])*sigma[i])/m)]",
                     scope)
    assert Evaluator(inst).value(node, {}) == Fraction(1, 2)
    # E_sigma |sigma_1 + sigma_2| / 2 = (1 + 0 + 0 + 1) / 4 = 1/2
    two = Instance((Fraction(1),), ((Fraction(0),),), 2, "{0, 1}")
    node = read_side("E_\\sigma _ i[Abs(Sum(sigma[i], (i, 1, n))/n)]", {})
    assert Evaluator(two).value(node, {}) == Fraction(1, 2)


def test_a_free_sample_is_checked_at_each_outcome() -> None:
    # sup_f avg f(z_i) >= E[f] holds in expectation, never at every sample
    inst = Instance((Fraction(1, 2), Fraction(1, 2)), ((Fraction(0), Fraction(1)),), 1,
                    "{0, 1}")
    scope: dict = {}
    lhs = read_side("sup_{f \\in \\mathcal F}(sum_{i=1}^{n}(f(z[i]))/n)", scope)
    rhs = read_side("sup_{f \\in \\mathcal F}(E[f])", scope)
    fail = check_instance(lhs, ">=", rhs, inst)
    assert fail is not None and fail.free == {"z": (0,)} and fail.lhs == 0


# -- planted errors and their true forms --------------------------------------------------------


def test_symmetrisation_constant_two_to_one_is_refuted() -> None:
    (step,) = _steps(rf"{SYM_LHS} &\le {RAD}")
    assert step.verdict == "REFUTED" and "finite learning model" in step.method
    n, law, funcs = _witness(step.detail)
    assert sum(law) == 1 and all(v in (0, 1) for f in funcs for v in f)
    assert _sym(n, law, funcs) > _rademacher(n, law, funcs)


def test_symmetrisation_with_two_is_supported() -> None:
    (step,) = _steps(rf"{SYM_LHS} &\le 2\,{RAD}")
    assert step.verdict == "SUPPORTED" and "n = 1..3 written out" in step.detail


def test_a_spurious_one_over_n_is_refuted_and_the_true_bound_supported() -> None:
    true, false = _steps(rf"{DEV} &\le 2\,{RAD} \\ &\le \frac{{2}}{{m}}\,{RAD}")
    assert true.verdict == "SUPPORTED"
    assert false.verdict == "REFUTED"
    n, law, funcs = _witness(false.detail)
    rad = _rademacher(n, law, funcs)
    assert 2 * rad > Fraction(2, n) * rad


def test_sup_moved_outside_the_expectation_the_wrong_way_is_refuted() -> None:
    wrong, right = _steps(rf"{E}_S\left[\sup_{{f \in \mathcal F}} {AVG}\right] "
                          rf"&\le \sup_{{f \in \mathcal F}} {E}_S\left[{AVG}\right] \\ "
                          rf"&\le {E}_S\left[\sup_{{f \in \mathcal F}} {AVG}\right]")
    assert wrong.verdict == "REFUTED" and right.verdict == "SUPPORTED"
    n, law, funcs = _witness(wrong.detail)
    e_sup, sup_e = _mean_sup(n, law, funcs)
    assert e_sup > sup_e


def test_a_dropped_one_over_n_on_signs_is_refuted() -> None:
    lhs = rf"{E}_{{\sigma}}\left[\left(\frac{{1}}{{n}}\sum_{{i=1}}^n \sigma_i\right)^2\right]"
    true, = _steps(rf"{lhs} &= \frac{{1}}{{n^2}} {E}_{{\sigma}}\left[\sum_{{i=1}}^n "
                   r"\sigma_i^2\right]")
    false, = _steps(rf"{lhs} &= \frac{{1}}{{n}} {E}_{{\sigma}}\left[\sum_{{i=1}}^n "
                    r"\sigma_i^2\right]")
    assert true.verdict in ("SUPPORTED", "PROVED")
    assert false.verdict == "REFUTED" and "n = 2" in false.detail


def test_a_failure_only_with_negative_values_is_not_refuted() -> None:
    (step,) = _steps(rf"{E}_S\left[\sup_{{f \in \mathcal F}} {AVG}\right] &\ge 0")
    assert step.verdict == "UNDECIDED" and "{-1, -1/2, 0, 1/2, 1}" in step.detail


@pytest.mark.parametrize("body", [
    # sigma never named under an expectation: its role is not read
    rf"{E}_S\left[\sup_{{f \in \mathcal F}} \frac{{1}}{{n}}\sum_{{i=1}}^n \sigma_i f(z_i)\right]"
    rf" &\le {E}_S\left[\sup_{{f \in \mathcal F}} {AVG}\right]",
    # a class that is not a plain name (a negated class -F is read: test_learning_negated_class)
    rf"{E}_S\left[\sup_{{f \in \mathcal F \cup \mathcal G}} {AVG}\right] &\le 1",
    # a sample written in another letter and a point z_0 the text fixes elsewhere
    rf"{E}_{{x_i}}\left[\sup_{{f \in \mathcal F}} f(x_1)\right] &\le 1",
    rf"{E}_{{\sigma}}\left[\sup_{{f \in \mathcal F}} f(z_0)\sum_{{i=1}}^n \sigma_i\right] &\le 0",
])
def test_unread_roles_keep_the_model_out(body: str) -> None:
    for step in _steps(body):
        assert "finite learning model" not in step.method


def test_a_stated_domain_on_the_class_keeps_the_model_out() -> None:
    (step,) = _steps(rf"{SYM_LHS} &\le {RAD}", r"f \ge 0")
    assert step.verdict != "REFUTED" and "finite learning model" not in step.method


# -- the Rademacher complexity R_n(F) ----------------------------------------------------------


def test_complexity_is_read_as_a_function_value_not_refused() -> None:
    text = r"\begin{align*} a &= 2\,\mathcal{R}_m(\mathcal{F}) + R_n(-\mathcal H) \end{align*}"
    report = verify_tex(text)
    assert not [e for e in report.errors if "function application" in e.message]


def test_complexity_with_a_dropped_two_is_refuted_under_every_reading() -> None:
    true, = _steps(rf"2\,{RAD} &= 2\,\mathcal{{R}}_m(\mathcal{{F}})")
    false, = _steps(rf"2\,{RAD} &= \mathcal{{R}}_m(\mathcal{{F}})")
    assert true.verdict == "SUPPORTED" and "R_n(F) read as" in true.detail
    assert false.verdict == "REFUTED" and "every other reading" in false.detail
    n, law, funcs = _witness(false.detail.split("(R_n(F) read as")[0])
    rad = _rademacher(n, law, funcs)
    assert 2 * rad != rad


def test_complexity_true_only_under_one_reading_is_not_refuted() -> None:
    # R_m(F) >= E sup_f |(1/m) sum sigma_i f(z_i)| fails for the modern reading (F = {1}: 0 < 1)
    # but is an equality under the reading with bars: not REFUTED
    bars = rf"{E}_{{S, \sigma}}\left[\sup_{{f \in \mathcal{{F}}}} \left|\frac{{1}}{{m}}" \
        r"\sum_{i=1}^m \sigma_i f(z_i)\right|\right]"
    (step,) = _steps(rf"\mathcal{{R}}_m(\mathcal{{F}}) &\ge {bars}")
    assert step.verdict == "UNDECIDED" and "not under every definition" in step.detail


# -- what is stated ---------------------------------------------------------------------------


def test_iid_statements_the_model_meets_keep_it_in() -> None:
    (step,) = _steps(rf"{SYM_LHS} &\le {RAD}", r"z_i, z_i' \text{ i.i.d.}")
    assert step.verdict == "REFUTED"


def test_an_assumption_on_names_a_step_does_not_use_is_ignored() -> None:
    lhs = rf"{E}_{{\sigma}}\left[\left(\frac{{1}}{{n}}\sum_{{i=1}}^n \sigma_i\right)^2\right]"
    (step,) = _steps(rf"{lhs} &= \frac{{1}}{{n^2}}", r"z = z_0 \text{ a.s.}")
    assert step.verdict == "REFUTED" and "n = 2" in step.detail


def test_a_stated_relation_on_the_sample_size_outside_the_written_counts_keeps_it_out() -> None:
    (step,) = _steps(rf"{SYM_LHS} &\le {RAD}", r"m \ge 5")
    assert "finite learning model" not in step.method


def test_e_over_a_plain_z_is_the_population_mean() -> None:
    (step,) = _steps(rf"\sup_{{f \in \mathcal F}} {E}_z\left[f(z)\right] "
                     rf"&= \sup_{{f \in \mathcal F}} {E}[f]")
    assert step.verdict in ("SUPPORTED", "PROVED")


def test_a_failure_at_some_sample_only_is_not_refuted() -> None:
    # the best empirical mean on the sample exceeds the one on the ghost sample at some
    # samples, never on average (the two samples have one law)
    ghost = AVG.replace("z_i", "z_i'")
    (step,) = _steps(rf"\sup_{{f \in \mathcal F}} {AVG} &\le \sup_{{f \in \mathcal F}} {ghost}")
    assert step.verdict == "UNDECIDED" and "on average" in step.detail


# -- the signs' law (review L5) ---------------------------------------------------------------

FOURTH = rf"{E}_{{\sigma}}\Big[\Big(\sum_{{i=1}}^n \sigma_i\Big)^4\Big]"


def test_signs_stated_iid_only_keep_the_model_out() -> None:
    # true for standard normal sigma_i (3n^2), false for Rademacher signs (3n^2 - 2n): the
    # text says only i.i.d., so the model must not read them as Rademacher
    (step,) = _steps(rf"{FOURTH} &= 3n^2", r"\sigma_1, \sigma_2 \text{ i.i.d.}")
    assert step.verdict != "REFUTED" and "finite learning model" not in step.method
    assert any("does not say they are Rademacher" in n for n in step.notes)


def test_signs_stated_gaussian_keep_even_a_supported_out() -> None:
    (step,) = _steps(rf"{FOURTH} &= 3n^2 - 2n",
                     r"\sigma_1, \dots, \sigma_n \text{ i.i.d. standard normal}")
    assert "finite learning model" not in step.method


def test_signs_stated_rademacher_keep_the_model_in_and_the_detail_says_so() -> None:
    (false,) = _steps(rf"{FOURTH} &= 3n^2", r"\sigma_i \text{ i.i.d.}, \sigma_i \text{ Rademacher}")
    (true,) = _steps(rf"{FOURTH} &= 3n^2 - 2n")
    assert false.verdict == "REFUTED" and "n = 1" in false.detail
    assert "Rademacher signs (uniform on {-1, +1}" in false.detail
    assert "class" not in false.detail  # no class: the step is in the signs alone
    assert true.verdict == "SUPPORTED" and "Rademacher signs" in true.detail


# -- definitions and laws under other names (review L2) ---------------------------------------

SIGNS_F = rf"{E}_{{\sigma}}\Big[\sup_{{f \in \mathcal{{F}}}} \frac{{1}}{{n}}\sum_{{i=1}}^n " \
    r"\sigma_i f(z_i)\Big]"
DEV_N = rf"{E}_{{S}}\Big[\sup_{{f \in \mathcal{{F}}}} \Big({E}[f] - {AVG}\Big)\Big]"


def _let_steps(body: str, *lets: str) -> list:
    text = "".join(f"% hb: let {a}\n" for a in lets)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


@pytest.mark.parametrize(("body", "let"), [
    (rf"{SIGNS_F} &= 0", r"\mathcal{F} = \{0\}"),  # F = {0}: true
    (rf"{DEV_N} &= 0", r"\mathcal{F} = \{f_0\}"),  # one function: E_S (E f0 - mean) = 0
    (rf"{DEV_N} &= 0", r"\mathcal{D} = \delta_{0}"),  # a point mass: every mean is f(0)
])
def test_a_let_on_the_class_or_the_law_keeps_the_model_out(body: str, let: str) -> None:
    (step,) = _let_steps(body, let)
    assert step.verdict != "REFUTED" and "finite learning model" not in step.method


def test_a_law_named_after_sim_or_d_keeps_the_model_out_when_stated() -> None:
    drawn = DEV_N.replace("E}_{S}", r"E}_{S \sim G}")
    body = rf"{drawn} &= 0"
    (step,) = _steps(body, r"G = \delta_{0}")
    assert step.verdict != "REFUTED" and "finite learning model" not in step.method
    (point,) = _steps(rf"{DEV_N} &= 0", r"\mathcal{D} = \delta_{0}")
    assert point.verdict != "REFUTED" and "finite learning model" not in point.method


def test_a_let_on_other_names_leaves_the_model_in() -> None:
    # the false form (a dropped symmetrisation 2) is still REFUTED beside an unrelated let
    (step,) = _let_steps(rf"{SYM_LHS} &\le {RAD}", r"c = 3")
    assert step.verdict == "REFUTED"


# -- the empirical complexity, the sample fixed (review L4) -----------------------------------

EMP = rf"{E}_{{\sigma}}\Big[\sup_{{f \in \mathcal{{F}}}} \frac{{1}}{{n}}\sum_{{i=1}}^n " \
    r"\sigma_i f(z_i)\Big]"


@pytest.mark.parametrize("body", [
    rf"\mathcal{{R}}_n(\mathcal{{F}}) &= {EMP}",  # the empirical definition itself
    rf"\mathcal{{R}}_n(\mathcal{{F}})^2 &= \Big({EMP}\Big)^2",  # fails on average otherwise
])
def test_the_empirical_definition_of_the_complexity_is_not_refuted(body: str) -> None:
    (step,) = _steps(body)
    assert step.verdict == "UNDECIDED"


def test_a_complexity_step_false_under_the_empirical_reading_too_is_refuted() -> None:
    (step,) = _steps(rf"\mathcal{{R}}_n(\mathcal{{F}}) &= 2\,{EMP}")
    assert step.verdict == "REFUTED" and "(empirical)" in step.detail


def test_a_supported_says_it_is_weak_evidence() -> None:
    # review L3: E (sum sigma_i)^4 = 3n^2 - 2n <= 2n^2 + 8 holds at n = 1..4 only (n = 5:
    # 65 > 58); the SUPPORTED must say which counts were tried and that this is weak
    (step,) = _steps(rf"{FOURTH} &\le 2n^2 + 8")
    assert step.verdict == "SUPPORTED"
    assert "n = 1..4" in step.detail and "weak evidence" in step.detail


@pytest.mark.parametrize("law", [
    r"\sigma_i \text{ i.i.d.}, \sigma_i \text{ uniform on } [-1, 1]",  # an interval: not signs
    r"\sigma_i \text{ i.i.d.}, \sigma_i \text{ uniform on } \{-1, 0, 1\}",
])
def test_signs_uniform_on_another_set_keep_the_model_out(law: str) -> None:
    (step,) = _steps(rf"{FOURTH} &= 3n^2", law)
    assert step.verdict != "REFUTED" and "finite learning model" not in step.method


def test_signs_uniform_on_plus_minus_one_keep_the_model_in() -> None:
    (step,) = _steps(rf"{FOURTH} &= 3n^2", r"\sigma_i \text{ i.i.d.}",
                     r"\sigma_i \text{ uniform on } \{\pm 1\}")
    assert "finite learning model" in step.method or "finite learning model" in step.detail
