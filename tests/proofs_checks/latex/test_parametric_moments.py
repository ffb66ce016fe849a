r"""One random variable's probabilities and expectations with stated parameters
(:mod:`.models.parametric_moments`): Chernoff's first steps are read on finite laws; planted
false variants are REFUTED with a witness that meets the assumptions; a scalar the model
cannot place (outside every atom, or with no stated assumption) keeps it out."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex

PARS = "% hb: assume t \\ge 0\n% hb: assume 0 \\le \\lambda \\le \\frac{1}{b}\n% hb: assume b > 0\n"
POSITIVE = "% hb: assume t \\ge 0\n% hb: assume \\lambda > 0\n"


def _one(pre: str, rel: str) -> object:
    rep = verify_tex(f"{pre}\\begin{{align*}}\n{rel}\n\\end{{align*}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def _rational(text: str) -> float:
    num, _, den = text.partition("/")
    return float(num) / float(den or 1)


def test_exponentiating_an_event_with_lambda_zero_allowed_is_refuted() -> None:
    s = _one(PARS, r"\Pr[U \geq t] &= \Pr\left[ e^{\lambda U} \geq e^{\lambda t} \right]")
    assert s.verdict == "REFUTED" and s.method.startswith("parametric moment model")
    pars = dict(p.split(" = ") for p in s.witness["parameters"].split(", "))
    lam, b, t = (_rational(pars[k]) for k in ("lambda", "b", "t"))
    assert lam == 0 and b > 0 and t >= 0 and lam <= 1 / b
    assert s.lhs_value != s.rhs_value


def test_exponentiating_an_event_with_a_positive_lambda_is_not_refuted() -> None:
    s = _one(POSITIVE, r"\Pr[U \geq t] &= \Pr\left[ e^{\lambda U} \geq e^{\lambda t} \right]")
    assert s.verdict == "PROVED"  # exact, by the tail-event rules (run before the sampler)


def test_markov_on_the_exponential_is_proved() -> None:
    s = _one(PARS, r"\Pr\left[ e^{\lambda U} \geq e^{\lambda t} \right] &\leq e^{-\lambda t} "
                   r"\mathbb{E}[e^{\lambda U}]")
    assert s.verdict == "PROVED" and s.method.startswith("tail-event rules")


def test_markov_with_a_planted_wrong_constant_is_refuted() -> None:
    s = _one(POSITIVE, r"\Pr\left[ e^{\lambda U} \geq e^{\lambda t} \right] &\leq "
                       r"e^{-2 \lambda t} \mathbb{E}[e^{\lambda U}]")
    assert s.verdict == "REFUTED"
    assert s.lhs_value > s.rhs_value


def test_markov_flipped_is_refuted() -> None:
    s = _one(PARS, r"\Pr\left[ e^{\lambda U} \geq e^{\lambda t} \right] &\geq e^{-\lambda t} "
                   r"\mathbb{E}[e^{\lambda U}]")
    assert s.verdict == "REFUTED"


def test_a_scalar_outside_every_atom_keeps_the_model_out() -> None:
    # V is a variance proxy stated in words: the step rests on a hypothesis not read
    s = _one(PARS + "% hb: assume V > 0\n",
             r"e^{-\lambda t} \mathbb{E}[e^{\lambda U}] &\leq \exp\left( -\lambda t + "
             r"\frac{\lambda^2 V}{2} \right)")
    assert s.verdict == "UNDECIDED"
    assert any("outside every probability" in n for n in s.notes)


def test_a_scalar_with_no_stated_assumption_keeps_the_model_out() -> None:
    # m may be the median of U, defined in prose: no verdict either way
    s = _one("", r"\Pr[U \geq m] &\geq \frac{1}{2}")
    assert s.verdict == "UNDECIDED"


def test_two_random_variables_are_not_read() -> None:
    s = _one(POSITIVE, r"\Pr[U + W \geq t] &\leq e^{-\lambda t} \mathbb{E}[e^{\lambda U}]")
    assert s.verdict not in ("REFUTED", "PROVED", "CERTIFIED")


def test_a_tail_bound_by_a_closed_form_is_never_refuted() -> None:
    # true when U is, say, Exp(1), stated in words: the failure is no counterexample
    s = _one("% hb: assume t \\ge 0\n", r"\Pr[U \geq t] &\leq e^{-t}")
    assert s.verdict == "UNDECIDED" and "closed form of the parameters" in s.detail


def test_a_trivial_closed_form_bound_is_supported() -> None:
    s = _one("% hb: assume t \\ge 0\n", r"\Pr[U \geq t] &\leq 1 + t")
    assert s.verdict in ("SUPPORTED", "PROVED")


def test_a_conditioned_probability_is_not_read() -> None:
    s = _one(POSITIVE, r"\Pr[U \geq t \mid U \geq 0] &\leq e^{-\lambda t} "
                       r"\mathbb{E}[e^{\lambda U}]")
    assert s.verdict not in ("REFUTED", "PROVED", "CERTIFIED", "SUPPORTED")


MARKOV = r"\Pr[U \geq t] &\leq \frac{\mathbb{E}[U]}{t}"


def test_markov_for_a_stated_nonnegative_variable_is_proved() -> None:
    s = _one("% hb: assume U \\ge 0\n% hb: assume t > 0\n", MARKOV)
    assert s.verdict == "PROVED" and s.method.startswith("tail-event rules")


def test_markov_without_the_sign_of_the_variable_is_refuted_at_a_signed_law() -> None:
    s = _one("% hb: assume t > 0\n", MARKOV)
    assert s.verdict == "REFUTED"
    assert any(v.startswith("-") for v in s.witness["law"].split(": ")[1].split(" | ")[0:4])


def test_a_stated_relation_about_the_law_keeps_the_model_out() -> None:
    s = _one("% hb: assume t > 0\n% hb: assume \\mathbb{E}[U] \\le 1\n", MARKOV)
    assert s.verdict != "REFUTED"


def test_an_unread_assumption_about_the_law_blocks_the_refutation() -> None:
    # U = 0 a.s. makes the step true: the stated (unread) probability equation blocks REFUTED
    s = _one("% hb: assume t > 0\n% hb: assume \\Pr[U = 0] = 1\n",
             r"\Pr[U \geq t] &= \Pr[U \geq 2 t]")
    assert s.verdict != "REFUTED"


def test_jensen_on_a_real_power_is_not_refuted_by_complex_arithmetic() -> None:
    # rev8 q10/q1: at X < 0 and t = 1/2, X^t is imaginary and the gap real only by complex
    # arithmetic; such a draw is no instance of the step
    for pre, rel in (("% hb: assume t > 0\n", r"\mathbb{E}[X^{2t}] \ge \mathbb{E}[X^{t}]^2"),
                     ("% hb: assume n \\ge 1\n", r"\mathbb{E}[X^{2n}] \ge \mathbb{E}[X^{n}]^2")):
        s = _one(pre, rel)
        assert s.verdict != "REFUTED", s.detail


def test_jensen_flipped_on_a_real_power_is_refuted_at_a_real_instance() -> None:
    s = _one("% hb: assume t > 0\n", r"\mathbb{E}[X^{2t}] \le \mathbb{E}[X^{t}]^2")
    assert s.verdict == "REFUTED" and s.lhs_value > s.rhs_value
    assert all(not x.startswith("-") for x in s.witness["law"].split(": ")[1].split(" ")[::2])


def test_a_complex_side_is_no_draw_for_supported() -> None:
    # rev8 q6: E[X^p]^{1/p} with E[X^p] < 0 is complex; such draws are skipped, not counted
    import sympy as sp

    from hallbound.proofs_checks.latex.models import parametric_moments as pm

    x, p, e1, e2 = sp.symbols("X p e1 e2")
    lhs, rhs = e1 ** (1 / p), e2 ** (1 / (2 * p))
    quantities = {e1: ("E", x ** p), e2: ("E", x ** (2 * p))}
    grids = {p: [pm.Fraction(1), pm.Fraction(3)], x: [pm.Fraction(-1)]}
    met, fail = pm.search(lhs - rhs, "<=", quantities, x, grids, [], 1, (lhs, rhs))
    # at X = -1 and p = 3 the left side is (-1)^(1/3), not real: only p = 1 draws count
    assert fail is None and 0 < met < pm.DRAWS


def test_an_integer_letter_off_the_integers_does_not_refute() -> None:
    # rev8 q9: k >= 1 in E[X^{2k}] conventionally an integer; the failure is found only at
    # k = 3/2 (X^3 < 0), so no verdict; the same step at integer k holds
    s = _one("% hb: assume k \\ge 1, t > 0\n",
             r"\Pr[X \ge t] \le \frac{\mathbb{E}[X^{2k}]}{t^{2k}}")
    assert s.verdict != "REFUTED"
    assert any("off the integers" in n for n in s.notes)


def test_an_integer_letter_failing_at_an_integer_is_refuted() -> None:
    s = _one("% hb: assume k \\ge 1\n", r"\mathbb{E}[X^{2k}] \le \mathbb{E}[X^{k}]^2")
    assert s.verdict == "REFUTED"
    k = s.witness["parameters"].split(" = ")[1]
    assert "/" not in k
