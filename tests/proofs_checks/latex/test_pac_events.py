r"""The finite PAC model: probabilities of events about empirical and true risks
(models/pac_events.py, pac_models.py, pac_verdicts.py)."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from hallbound.proofs_checks.latex.models.learning.pac_events import PacOut, read_event, tokens
from hallbound.proofs_checks.latex.models.learning.pac_models import Instance, coin, probability
from hallbound.proofs_checks.latex.models.learning.pac_verdicts import says_class_finite
from hallbound.proofs_checks.latex.verify import verify_tex

HALF = Fraction(1, 2)


def _steps(body: str, assume: str = "") -> list:
    pre = f"% hb: assume {assume}\n" if assume else ""
    # the bounds are stated with the natural log (a bare \log is otherwise tried in base 2, 10)
    report = verify_tex("% hb: log e\n\\begin{align}\n" + pre + body + "\n\\end{align}\n")
    return [s for env in report.environments for s in env.steps]


def _one(body: str, assume: str = ""):
    steps = _steps(body, assume)
    assert len(steps) == 1
    return steps[0]


def test_tokens_fold_hats_fonts_and_stars() -> None:
    assert tokens(r"\hat { L } ( h^{*} ) \geq \mathcal H") == [
        "Lhat", "(", "hstar", ")", ">=", "Hcal"]


def test_event_read_from_latex_tokens_and_from_sympy_text() -> None:
    latex = read_event(r"2 \sup _ { h \in \mathcal H } | \hat { L } ( h ) - L ( h ) | "
                       r"\geq \epsilon")
    assert latex[0] == "rel" and latex[1] == ">=" and latex[3] == ("par", "epsilon")
    sup = latex[2][1][1]
    assert sup[0] == "sup" and sup[1] == "h" and sup[3] == "Hcal"
    parsed = read_event("Abs(L(hhat) - L(hstar)) >= epsilon")
    risks = parsed[2][1][1]
    assert risks[0][2] == ("erm",) and risks[1][1][1][2] == ("best",)


@pytest.mark.parametrize("text", [
    r"X \ge t",  # an unknown random variable
    r"\hat L(g) > 1",  # a risk at an unknown point
    r"\sup_{x \in \mathcal X} L(x) > 1",  # a supremum over another set
    r"\hat L_T(h) > 1",  # an unknown subscript
    r"\hat L(h) > \epsilon | A",  # a conditioning
])
def test_unread_events_keep_the_model_out(text: str) -> None:
    with pytest.raises(PacOut):
        read_event(text)


def test_probability_is_exact_over_every_sample() -> None:
    # fair coin, h(z) = z, n = 2: hat L in {0, 1/2, 1} w.p. 1/4, 1/2, 1/4; L = 1/2
    event = read_event(r"|\hat L(h) - L(h)| \ge 1/2")
    assert probability(event, coin(), 2, {}) == HALF
    # two losses h0 = z, h1 = 1 - z: |hat L - L| is the same for both, so the sup changes
    # nothing; with n = 3 it is 1/2 w.p. 1/4 and 1/6 w.p. 3/4
    inst = Instance((HALF, HALF), ((Fraction(0), Fraction(1)), (Fraction(1), Fraction(0))),
                    "{0, 1}")
    event = read_event(r"\sup_{h \in \mathcal H} |\hat L(h) - L(h)| > 1/3")
    assert probability(event, inst, 3, {}) == Fraction(1, 4)


def test_biased_law_probability() -> None:
    # P(1) = 1/4, h(z) = z, n = 1: hat L - L = 3/4 w.p. 1/4
    inst = Instance((Fraction(3, 4), Fraction(1, 4)), ((Fraction(0), Fraction(1)),), "{0, 1}")
    event = read_event(r"\hat R_S(h) - R(h) > \epsilon")
    assert probability(event, inst, 1, {"epsilon": HALF}) == Fraction(1, 4)


def test_dropped_factor_in_the_union_bound_is_refuted_with_the_fair_coin() -> None:
    step = _one(r"\Pr \left( 2 \sup_{h \in \mathcal H} | \hat{L}(h) - L(h) | \geq \epsilon "
                r"\right) \leq 2 |\mathcal H| \exp \left( -2n\epsilon^2 \right)")
    assert step.verdict == "REFUTED"
    # the witness: one loss h(z) = z on a fair coin, n = 1, so 2|hat L - L| = 1 surely, and
    # for the epsilon it names the bound 2 exp(-2 eps^2) is below 1
    assert "h0 = (0, 1)" in step.detail and "n = 1," in step.detail
    eps = Fraction(step.detail.split("epsilon = ")[1].split(":")[0])
    assert eps <= 1 and 2 * math.exp(-2 * float(eps) ** 2) < 1


@pytest.mark.parametrize("body", [
    r"\Pr ( 2 \sup_{h \in \mathcal H} | \hat{L}(h) - L(h) | \geq \epsilon ) \leq "
    r"2 |\mathcal H| \exp ( -n\epsilon^2/2 )",
    r"\Pr[\hat R_S(h) - R(h) > \epsilon] \le \exp(-2n\epsilon^2)",
    r"\Pr[|\hat L(h) - L(h)| \le \epsilon] \ge 1 - 2\exp(-2n\epsilon^2)",
    r"\Pr[\sup_{h \in \mathcal{H}} |\hat L(h) - L(h)| > "
    r"\sqrt{\log(2|\mathcal H|/\delta)/(2n)}] \le \delta",
])
def test_true_bounds_are_supported_saying_what_was_sampled(body: str) -> None:
    step = _one(body)
    assert step.verdict == "SUPPORTED"
    assert "every sample enumerated exactly" in step.detail and "weak evidence" in step.detail


@pytest.mark.parametrize("body", [
    r"\Pr[\hat R_S(h) - R(h) > \epsilon] \le \exp(-20n\epsilon^2)",
    r"\Pr[|\hat L(h) - L(h)| < \epsilon] \ge 1 - \exp(-2n\epsilon^2)",
    r"\Pr[\sup_{h \in \mathcal{H}} |\hat L(h) - L(h)| > "
    r"\sqrt{\log(2|\mathcal H|/\delta)/(8n)}] \le \delta",
])
def test_false_bounds_of_the_same_shape_are_refuted(body: str) -> None:
    assert _one(body).verdict == "REFUTED"


_ROLES = ("% hb: assume \\hat h \\text{ is an empirical risk minimiser}\n"
          "% hb: assume h^* \\text{ is a risk minimiser}\n")


def _with_roles(body: str, roles: str = _ROLES):
    text = roles + "\\begin{align}\n" + body + "\n\\end{align}\n"
    steps = [s for env in verify_tex(text).environments for s in env.steps]
    assert len(steps) == 1
    return steps[0]


def test_a_false_step_naming_the_minimisers_is_not_refuted() -> None:
    # which ERM is meant on ties is not fixed by the text: a failure is only a note
    step = _with_roles(r"\Pr[L(\hat h) - L(h^*) > \epsilon] \le "
                       r"\Pr[\sup_{h \in \mathcal H}|\hat L(h) - L(h)| > 4\epsilon]")
    assert step.verdict != "REFUTED"


_ERM_STEP = (r"\Pr[L(\hat h) - L(h^*) > \epsilon] \le \Pr[\sup_{h \in \mathcal H}|\hat L(h) "
             r"- L(h)| > \epsilon/4]")


def test_b7_1_minimiser_roles_are_taken_only_when_the_environment_states_them() -> None:
    # review B7-1: \hat h was read as the ERM by notation, also where the text says it is
    # fixed or an arbitrary algorithm's output: `Pr[\hat L(\hat h) > \hat L(h)] = 0` SUPPORTED
    wrong = r"\Pr[\hat L(\hat h) > \hat L(h)] = 0"
    for roles in ("", "% hb: assume \\hat h \\text{ is fixed before the sample is drawn}\n",
                  "Let $\\hat h = \\mathcal{A}(S)$ be the output of an arbitrary algorithm.\n"):
        step = _with_roles(wrong, roles)
        assert step.verdict not in ("SUPPORTED", "REFUTED")
        assert any("does not state that it is an empirical" in n or "unread remark on" in n
                   for n in step.notes)
    step = _with_roles(_ERM_STEP, "% hb: assume \\hat h \\text{ is an ERM}\n")
    assert step.verdict != "SUPPORTED"  # h^* is named, its role not stated
    step = _with_roles(_ERM_STEP, _ROLES + "% hb: assume \\hat h \\text{ is fixed in advance}\n")
    assert step.verdict != "SUPPORTED"  # another remark on \hat h is not read
    # with both roles stated the true step is supported, saying how the names were read
    step = _with_roles(_ERM_STEP)
    assert step.verdict == "SUPPORTED" and "first empirical risk minimiser" in step.detail


@pytest.mark.parametrize("body", [
    r"\Pr[\hat L_m(h) - L(h) > \epsilon] \le \exp(-20n\epsilon^2)",  # two sample sizes
    r"\Pr[\hat R(h) - L(h) > \epsilon] \le \exp(-20n\epsilon^2)",  # two notions of risk
    r"\Pr[X > \epsilon] \le \exp(-20n\epsilon^2)",  # an unknown variable
    r"\Pr[\hat L(h) - L(h) > \epsilon] \le \exp(-20 n k \epsilon^2)",  # an unknown name
])
def test_steps_with_unread_roles_are_not_decided_by_the_model(body: str) -> None:
    step = _one(body)
    assert step.verdict not in ("REFUTED", "SUPPORTED")
    assert any("finite PAC model not used" in n for n in step.notes)


def test_a_stated_range_of_the_parameter_is_met_by_every_instance() -> None:
    # epsilon >= 2 excludes every drawn value: no instance, no verdict from the model
    step = _one(r"\Pr[\hat R_S(h) - R(h) > \epsilon] \le \exp(-20n\epsilon^2)",
                assume=r"\epsilon \ge 2")
    assert step.verdict != "REFUTED"
    step = _one(r"\Pr[\hat R_S(h) - R(h) > \epsilon] \le \exp(-20n\epsilon^2)",
                assume=r"0 < \epsilon < 1")
    assert step.verdict == "REFUTED" and "epsilon = 3/2" not in step.detail


def test_statements_on_the_risks_keep_the_model_out() -> None:
    step = _one(r"\Pr[\hat R_S(h) - R(h) > \epsilon] \le \exp(-20n\epsilon^2)",
                assume=r"R \le 1/10")
    assert step.verdict != "REFUTED"


def test_a_loss_range_holding_the_unit_interval_and_a_finite_class_are_met() -> None:
    body = (r"\Pr ( 2 \sup_{h \in \mathcal H} | \hat{L}(h) - L(h) | \geq \epsilon ) \leq "
            r"2 |\mathcal H| \exp ( -2n\epsilon^2 )")
    assert _one(body, assume=r"0 \le \ell \le 1").verdict == "REFUTED"
    assert _one(body, assume=r"0 \le \ell \le 1/2").verdict != "REFUTED"
    text = ("% hb: assume 0 \\le \\ell \\le 1\n% hb: assume \\mathcal H \\text{ finite}\n"
            "\\begin{align}\n" + body + "\n\\end{align}\n")
    steps = [s for env in verify_tex(text).environments for s in env.steps]
    assert [s.verdict for s in steps] == ["REFUTED"]
    text = text.replace("\\text{ finite}", "\\text{ for small } n")
    steps = [s for env in verify_tex(text).environments for s in env.steps]
    assert steps[0].verdict != "REFUTED"  # another unread remark blocks the refutation


def test_says_class_finite_reads_only_that_remark() -> None:
    def msg(item: str) -> str:
        return f"assume: the remark 'x' is not read: (in {item!r}: not used)"

    assert says_class_finite(msg(r"\mathcal H \text{ finite}"))
    assert says_class_finite(msg(r"\mathcal{F} \text{ is a finite class}"))
    assert not says_class_finite(msg(r"X \text{ finite}"))
    assert not says_class_finite(msg(r"\mathcal H \text{ finite for } n > 1"))


def test_b1_a_sup_variable_after_the_sups_body_keeps_the_model_out() -> None:
    # review B1: `\sup_h \hat L(h) - L(h)` is the sup of the difference (true, union bound);
    # the h of L(h) must not become a free "fixed h"
    step = _one(r"\Pr[\sup_{h \in \mathcal H} \hat L(h) - L(h) > \epsilon] \le "
                r"|\mathcal H| \exp(-2n\epsilon^2)")
    assert step.verdict != "REFUTED"
    # the parser reads the sup of the whole difference (L(h) a function value under the
    # sup): the true union bound is then SUPPORTED; read otherwise, the model stays out
    assert step.verdict == "SUPPORTED" or any("outside the supremum" in n for n in step.notes)
    with pytest.raises(PacOut):
        read_event(r"L ( h ) + \sup _ { h \in \mathcal H } \hat { L } ( h ) > \epsilon")
    # the bracketed sup of the difference is still read and supported
    step = _one(r"\Pr[\sup_{h \in \mathcal H} (\hat L(h) - L(h)) > \epsilon] \le "
                r"|\mathcal H| \exp(-2n\epsilon^2)")
    assert step.verdict == "SUPPORTED"


def test_b2_a_root_with_an_index_is_not_read_as_a_square_root_times() -> None:
    # review B2: \sqrt[4]{\epsilon} was read as sqrt(4) * epsilon and a true step REFUTED
    step = _one(r"\Pr[\hat L(h) - L(h) > \sqrt[4]{\epsilon}] \le \exp(-2n\sqrt{\epsilon})")
    assert step.verdict != "REFUTED"
    with pytest.raises(PacOut):
        read_event(r"\hat { L } ( h ) > \sqrt [ 4 ] { \epsilon }")


def test_b3_a_function_name_with_a_subscript_does_not_crash_verify() -> None:
    # review B3: `\log_2(3)` inside the event raised KeyError out of verify_tex
    step = _one(r"\Pr[\hat L(h) - L(h) > \log_2(3)\epsilon] \le \exp(-2n\epsilon^2)")
    assert step.verdict != "REFUTED"
    with pytest.raises(PacOut):
        read_event(r"\hat { L } ( h ) > \log _ 2 ( 3 ) \epsilon")


@pytest.mark.parametrize("body", [
    r"\Pr[\hat L(h) - L(h) > \epsilon] \le \exp(-2n\epsilon^2)",  # false for losses +-1
    r"\Pr[\hat L(h) \ge 0] \ge 1",  # false for the loss -1
])
def test_b4_a_loss_range_wider_than_the_unit_interval_keeps_the_model_out(body: str) -> None:
    # review B4: `\ell \in [-1, 1]` was "met" while only {0,1}, {0,1/2,1} losses were drawn
    step = _one(body, assume=r"\ell \in [-1, 1]")
    assert step.verdict not in ("SUPPORTED", "REFUTED")
    assert any("finite PAC model not used" in n for n in step.notes)
    # the exact unit interval is still met: the true bound is supported
    step = _one(body, assume=r"\ell \in [0, 1]")
    assert step.verdict == "SUPPORTED"


def test_b7_1b_a_bare_m_is_not_read_as_the_sample_size() -> None:
    # review B7-1b: `e^{-2 m eps^2}` beside "let m = 2n" was SUPPORTED with m read as n
    body = r"\Pr[\hat L(h) - L(h) > \epsilon] \le e^{-2 m \epsilon^2}"
    for pre in ("", "We draw a sample of size $n$ and let $m = 2n$.\n"):
        text = pre + "\\begin{align}\n" + body + "\n\\end{align}\n"
        step = [s for env in verify_tex(text).environments for s in env.steps][0]
        assert step.verdict not in ("SUPPORTED", "REFUTED")
        assert any("m is not named as the sample size" in n for n in step.notes)
    # named as the empirical risk's subscript, m is the sample size; n is read as it and
    # the detail says so
    step = _one(r"\Pr[\hat L_m(h) - L(h) > \epsilon] \le e^{-2 m \epsilon^2}")
    assert step.verdict == "SUPPORTED" and "m as the sample size" in step.detail
    step = _one(r"\Pr[\hat L(h) - L(h) > \epsilon] \le e^{-2 n \epsilon^2}")
    assert step.verdict == "SUPPORTED" and "n as the sample size" in step.detail


def test_b5_the_detail_names_only_the_parameter_values_drawn() -> None:
    # review B5: delta in (0, 1) filtered 1 and 3/2 out, the detail still named them; the
    # open end 1 was not even filtered (Integer(1) == 1.0 is False in SymPy)
    step = _one(r"\Pr[|\hat L(h) - L(h)| > \sqrt{\log(2/\delta)/(2n)}] \le \delta",
                assume=r"\delta \in (0, 1)")
    assert step.verdict == "SUPPORTED"
    assert "delta drawn from {1/10, 1/4, 1/2, 3/4})" in step.detail
    step = _one(r"\Pr[|\hat L(h) - L(h)| > \sqrt{\log(2/\delta)/(2n)}] \le \delta")
    assert "delta drawn from {1/10, 1/4, 1/2, 3/4, 1, 3/2})" in step.detail
