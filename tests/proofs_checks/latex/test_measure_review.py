r"""Regressions of the review of the finite-measure, bounded-family and conditional models
(issue 21, h-rev5 D1-D6): a definition the models do not apply keeps them out; an instance
that was never compared (a skipped index, an undefined side) is never a pass; TV and KL are
refuted only under every convention the text may use."""

from __future__ import annotations

import re

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

PROB = r"\mu, \nu \text{ probability measures}"
TV_HALF = r"\mathrm{TV}(\mu, \nu) = \frac{1}{2} \sum_x |\mu(x) - \nu(x)|"


def _steps(body: str, *directives: str) -> list:
    text = "".join(f"% hb: {d}\n" for d in directives)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


@pytest.mark.parametrize(("directives", "verdict"), [
    (("let f(x) = x^2",), "not REFUTED"),     # D2: f is defined, not an arbitrary table
    ((), "REFUTED"),                          # f arbitrary: E[f(X_1) | X_2] < 0 somewhere
    (("let c = 2",), "REFUTED"),              # a definition of another name changes nothing
])
def test_a_let_definition_keeps_the_conditional_model_out(directives: tuple,
                                                          verdict: str) -> None:
    (s,) = _steps(r"\mathbb{E}[f(X_1) | X_2] &\ge 0", *directives)
    assert (s.verdict != "REFUTED") if verdict == "not REFUTED" else s.verdict == verdict, \
        s.detail


@pytest.mark.parametrize(("directives", "verdict"), [
    (("let \\mu = \\nu",), "not REFUTED"),    # D2: mu = nu gives 0 <= 0
    ((), "REFUTED"),
    (("let c = 2",), "REFUTED"),
])
def test_a_let_definition_keeps_the_measure_model_out(directives: tuple, verdict: str) -> None:
    (s,) = _steps(r"\mathrm{TV}(\mu, \nu) &\le \mathrm{KL}(\mu, \nu)", "assume " + PROB,
                  *directives)
    assert (s.verdict != "REFUTED") if verdict == "not REFUTED" else s.verdict == verdict, \
        s.detail


@pytest.mark.parametrize("step", [
    r"\mathbb{E}[X_5 | X_1] &= X_1",                        # D1: X_5 never drawn (n <= 4)
    r"\mathbb{E}[X_{n+1} | X_1, \dots, X_n] &= X_n",         # the martingale property
])
def test_a_step_never_evaluated_is_not_supported(step: str) -> None:
    (s,) = _steps(step)
    assert s.verdict not in ("SUPPORTED", "PROVED"), s.detail
    assert any("0 of 120 drawn laws" in n for n in s.notes), s.notes


def test_the_detail_counts_the_laws_evaluated() -> None:
    r"""``X_2`` does not exist on the draws with n = 1: the tower rule is SUPPORTED over the
    laws actually evaluated, and the detail says how many."""
    (s,) = _steps(r"\mathbb{E}[\mathbb{E}[f(X_1, X_2) | X_1, X_2] | X_1] &= "
                  r"\mathbb{E}[f(X_1, X_2) | X_1]")
    assert s.verdict == "SUPPORTED", s.detail
    laws, pairs = (int(x) for x in re.search(
        r"sampled over (\d+) joint laws of X_1..X_n \((\d+) \(law, index\) pairs", s.detail)
        .groups())
    assert 20 <= laws < 120 and pairs == laws and s.trials == laws


@pytest.mark.parametrize(("rhs", "verdict"), [
    (r"-\log\big(1 - \mathrm{TV}(\mu, \nu)^2\big)", "SUPPORTED"),   # Bretagnolle-Huber
    (r"-\log\big(\mathrm{TV}(\mu, \nu)^2 - 1\big)", "UNDECIDED"),   # D6: log of a number <= 0
])
def test_an_undefined_side_is_never_a_pass(rhs: str, verdict: str) -> None:
    (s,) = _steps(r"\mathrm{KL}(\mu, \nu) &\ge " + rhs, "assume " + PROB, "assume " + TV_HALF)
    assert s.verdict == verdict, s.detail
    if verdict == "UNDECIDED":
        assert "right side is undefined" in s.detail and "compared at only 0" in s.detail


@pytest.mark.parametrize(("rhs", "verdict"), [
    (r"\frac{2}{\ln 2}\,\mathrm{TV}(\mu, \nu)^2", "UNDECIDED"),  # D4: Pinsker in bits
    (r"2\,\mathrm{TV}(\mu, \nu)^2", "SUPPORTED"),                # Pinsker: true in both bases
    (r"8\,\mathrm{TV}(\mu, \nu)^2", "REFUTED"),                  # false in nats and in bits
])
def test_kl_is_refuted_only_in_every_base(rhs: str, verdict: str) -> None:
    (s,) = _steps(r"\mathrm{KL}(\mu, \nu) &\ge " + rhs, "assume " + PROB, "assume " + TV_HALF)
    assert s.verdict == verdict, s.detail
    if verdict == "UNDECIDED":
        assert "KL in bits (base 2)" in s.detail
    if verdict == "REFUTED":
        assert "KL in nats" in s.detail and "KL in bits" in s.detail


def test_a_failure_only_in_bits_is_named_in_the_supported_detail() -> None:
    r"""KL <= log(1 + chi^2) holds in nats and fails with KL in bits: SUPPORTED in nats, the
    detail says so."""
    (s,) = _steps(r"\mathrm{KL}(\mu, \nu) &\le \ln \sum_x \frac{\mu(x)^2}{\nu(x)}",
                  "assume " + PROB)
    assert s.verdict == "SUPPORTED", s.detail
    assert "KL in nats (natural log): with KL in bits the step fails" in s.detail


@pytest.mark.parametrize(("assume", "verdict"), [
    ((PROB,), "UNDECIDED"),                   # D5: false for mu = delta_0, nu = delta_1
    ((PROB, r"\mu \ll \nu"), "SUPPORTED"),
])
def test_a_density_needs_the_stated_absolute_continuity(assume: tuple, verdict: str) -> None:
    (s,) = _steps(r"\nu\Big[\frac{d\mu}{d\nu}\Big] &= 1", *("assume " + a for a in assume))
    assert s.verdict == verdict, s.detail
    if verdict == "UNDECIDED":
        assert r"\mu \ll \nu is not stated" in s.detail


# -- rev8: the count n of a bounded family passes the step's numbers --------------------------

BOUNDED = ("assume X_i \\text{ independent}", "assume a_i \\le X_i \\le b_i")


def test_a_variance_of_the_mean_bound_false_only_past_n_4_is_not_supported() -> None:
    # rev8 e1: Var(bar X) = (1/n^2) sum Var(X_i) >= (1/(4n)) sum Var(X_i) fails at n = 5;
    # n was drawn only in 1..4
    (s,) = _steps(r"\operatorname{Var}(\bar X) \ge \frac{1}{4n}\sum_{i=1}^n "
                  r"\operatorname{Var}(X_i)", *BOUNDED)
    assert s.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED"), s.detail
    n = int(re.search(r"n = (\d+)", s.detail).group(1))
    assert n > 4, s.detail
    # the control: the same bound with 1/n^2 holds at every n
    (s,) = _steps(r"\operatorname{Var}(\bar X) \ge \frac{1}{n^2}\sum_{i=1}^n "
                  r"\operatorname{Var}(X_i)", *BOUNDED)
    assert s.verdict == "SUPPORTED", s.detail


def test_a_number_past_the_drawn_counts_keeps_the_bounded_model_out() -> None:
    (s,) = _steps(r"\operatorname{Var}(\bar X) \ge \frac{1}{40n}\sum_{i=1}^n "
                  r"\operatorname{Var}(X_i)", *BOUNDED)
    assert s.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED", "REFUTED"), s.detail


@pytest.mark.parametrize("upper", ["n", "{n}"])
def test_a_braced_upper_limit_reads_as_the_bare_one(upper: str) -> None:
    # rev8 d3 / d3n: \sum_{i=1}^{n} was not read, \sum_{i=1}^n was
    (s,) = _steps(r"\operatorname{Var}(\bar X) \le \frac{1}{n}\sum_{i=1}^" + upper
                  + r" \operatorname{Var}(X_i)", *BOUNDED)
    assert s.verdict == "SUPPORTED" and "bounded-family" in s.method, s.detail
    (s,) = _steps(r"\operatorname{Var}(\bar X) \le \frac{1}{2n}\sum_{i=1}^" + upper
                  + r" \operatorname{Var}(X_i)", *BOUNDED)
    assert s.verdict != "SUPPORTED", s.detail
