r"""Tail-bound steps by exact rules (:mod:`.models.tail_events`, :mod:`.models.tail_bounds`):
a strictly monotone map of an event, Markov's inequality (Chebyshev: Markov on a square) and
the union bound are PROVED when every condition is shown from the stated assumptions; each
planted false variant (a^2 for a, a variable that may be negative, no sign on lambda, a
decreasing map without the flip, the event flipped, t for t^2, a product for the sum) is
not PROVED, and a condition that is not shown is named in a note."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

LAM = "% hb: assume \\lambda > 0\n"
NEG = "% hb: assume \\lambda < 0\n"
T = "% hb: assume t > 0\n"
XA = "% hb: assume X \\ge 0\n% hb: assume a > 0\n"
CHERNOFF = r"\Pr[X\ge a] &= \Pr[e^{\lambda X}\ge e^{\lambda a}]"
MARKOV_EXP = r"\Pr[e^{\lambda X}\ge e^{\lambda a}] &\le e^{-\lambda a}\mathbb{E}[e^{\lambda X}]"
CHEB_EVENT = r"P(|Z - \mu| \ge t) &= P(|Z - \mu|^2 \ge t^2)"
CHEB = r"P(|Z - \mu|^2 \ge t^2) &\le \frac{\mathbb{E}[|Z-\mu|^2]}{t^2}"
ABS_UNION = r"P(|X| \ge t) &\le P(X \ge t) + P(X \le -t)"


def _one(pre: str, rel: str) -> object:
    rep = verify_tex(f"{pre}\\begin{{align*}}\n{rel}\n\\end{{align*}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def _rules(s: object) -> bool:
    return s.method.startswith("tail-event rules")


@pytest.mark.parametrize("pre, rel", [
    (LAM, CHERNOFF),
    (NEG, r"\Pr[X\ge a] &= \Pr[e^{\lambda X}\le e^{\lambda a}]"),  # decreasing: flipped
    ("% hb: assume s > 0\n", r"P(Z \ge t) &= P(sZ \ge st)"),
    ("", r"P(X \ge a) &= P(-X \le -a)"),
    ("", r"P(X > a) &= P(X^3 > a^3)"),
    ("% hb: assume X > 0\n% hb: assume a > 0\n", r"P(X \ge a) &= P(\log X \ge \log a)"),
    (T, CHEB_EVENT),
    ("", MARKOV_EXP),  # e^{lambda a} > 0 whatever the sign of lambda
    (XA, r"\Pr[X \ge a] &\le \frac{\mathbb{E}[X]}{a}"),
    (XA, r"\Pr[a < X] &\le \frac{2\mathbb{E}[X]}{a}"),  # a larger bound
    (T, CHEB),
    ("", ABS_UNION),
    ("", r"P(|X| > t) &\le P(X > t) + P(-X > t)"),
    ("", r"\Pr[A \cup B] &\le \Pr[A] + \Pr[B]"),
    ("", r"\Pr[\{X \ge t\} \cup \{Y \ge t\}] &\le \Pr[\{X \ge t\}] + \Pr[\{Y \ge t\}]"),
])
def test_true_forms_are_proved(pre: str, rel: str) -> None:
    s = _one(pre, rel)
    assert s.verdict == "PROVED" and _rules(s), (s.verdict, s.method, s.detail)


@pytest.mark.parametrize("pre, rel", [
    (XA, r"\Pr[X \ge a] &\le \frac{\mathbb{E}[X]}{a^2}"),  # a^2 for a
    ("% hb: assume a > 0\n", r"\Pr[X \ge a] &\le \frac{\mathbb{E}[X]}{a}"),  # X may be < 0
    ("", CHERNOFF),  # lambda without a stated sign
    (NEG, CHERNOFF),  # a decreasing map without the flip
    (LAM, r"\Pr[X\ge a] &= \Pr[e^{\lambda X}\le e^{\lambda a}]"),  # the event flipped
    (T, r"P(|Z - \mu|^2 \ge t^2) &\le \frac{\mathbb{E}[|Z-\mu|^2]}{t}"),  # t for t^2
    ("", r"P(|Z - \mu| \ge t) &= P(|Z - \mu| \ge t^2)"),  # only one side mapped
    ("", r"P(|X| \ge t) &\le P(X \ge t) P(X \le -t)"),  # a product for the sum
    ("", r"\Pr[A \cup B] &\le \Pr[A] \Pr[B]"),
    ("", r"\Pr[A \cup B \cup C] &\le \Pr[A] + \Pr[B]"),  # an event left out
    ("", r"P(|X| \ge t) &\le P(X \ge t) + P(X \ge -t)"),  # the second event's side flipped
    ("", r"P(X \ge a) &= P(X^2 \ge a^2)"),  # an even power with no sign
    ("", MARKOV_EXP.replace(r"-\lambda a", r"-2\lambda a")),  # a wrong constant
    (XA, r"\Pr[X \ge a] &< \frac{\mathbb{E}[X]}{a}"),  # strict: fails at X = 0
    (XA, r"\Pr[X \ge a] &\ge \frac{\mathbb{E}[X]}{a}"),  # Markov the wrong way round
    ("", r"\Pr[A \cup B] &\le \Pr[A] + \Pr[C]"),  # another event
])
def test_planted_false_forms_are_not_proved(pre: str, rel: str) -> None:
    s = _one(pre, rel)
    assert s.verdict not in ("PROVED", "CERTIFIED"), (s.method, s.detail)


@pytest.mark.parametrize("pre, rel, named", [
    ("", CHERNOFF, "lambda > 0"),
    ("", CHEB_EVENT, "t >= 0"),
    ("% hb: assume a > 0\n", r"\Pr[X \ge a] &\le \frac{\mathbb{E}[X]}{a}", "X >= 0"),
])
def test_a_condition_not_shown_is_named_and_the_step_is_not_proved(pre: str, rel: str,
                                                                    named: str) -> None:
    s = _one(pre, rel)
    assert s.verdict not in ("PROVED", "CERTIFIED")
    assert any(n.startswith("tail-event rules") and named in n for n in s.notes), s.notes


@pytest.mark.parametrize("pre, rel", [
    (LAM, r"\Pr[S(X) \ge a] &= \Pr[e^{\lambda X}\ge e^{\lambda a}]"),  # S(x): not read
    (LAM, r"\Pr[X\ge a \mid Y] &= \Pr[e^{\lambda X}\ge e^{\lambda a} \mid Y]"),  # conditioned
    (XA, r"\Pr[X \ge a] &\le \frac{\mathbb{E}[X \mid Y]}{a}"),  # another expectation
    (T, r"P(|X - \mathbb{E}[X]| \ge t) &= P(|X - \mathbb{E}[X]|^2 \ge t^2)"),  # E in an event
    (LAM, r"\Pr_{x \sim D}[X\ge a] &= \Pr_{x \sim D}[e^{\lambda X}\ge e^{\lambda a}]"),
])
def test_steps_not_fully_read_stay_undecided(pre: str, rel: str) -> None:
    s = _one(pre, rel)
    assert s.verdict == "UNDECIDED" or not _rules(s)
    assert s.verdict not in ("PROVED", "CERTIFIED")


@pytest.mark.parametrize("pre, rel", [
    # X = Y uniform on {1/2, 3/2}: Pr = 1 > E[X]/Y = 2/3 at Y = 3/2 (review s10)
    ("% hb: assume X \\ge 0\n% hb: assume Y > 0\n",
     r"\Pr[X \ge Y] &\le \frac{\mathbb{E}[X]}{Y}"),
    ("% hb: assume X \\ge 0\n% hb: assume t > 0\n% hb: assume Y > 0\n",
     r"\Pr[X \ge t + Y] &\le \frac{\mathbb{E}[X]}{t + Y}"),
    ("% hb: assume \\lambda > 0\n% hb: assume \\hat{s} > 0\n",  # an estimator
     r"\Pr[e^{\lambda X} \ge \hat{s}] &\le \frac{\mathbb{E}[e^{\lambda X}]}{\hat{s}}"),
])
def test_markov_with_a_threshold_that_may_be_random_is_not_proved(pre: str, rel: str) -> None:
    s = _one(pre, rel)
    assert s.verdict not in ("PROVED", "CERTIFIED")
    assert not _rules(s)


def test_a_union_of_sets_inside_one_event_is_no_union_of_events() -> None:
    s = _one("", r"\Pr[\theta \in A \cup B] &\le \Pr[\theta \in A] + \Pr[B]")
    assert s.verdict not in ("PROVED", "CERTIFIED") and not _rules(s)
    assert _one("", r"\Pr[A \cup B] &\le \Pr[A] + \Pr[B]").verdict == "PROVED"
