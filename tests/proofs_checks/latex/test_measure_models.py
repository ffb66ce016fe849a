r"""The finite-measure model of divergence steps (issue 21): planted false steps (Jensen for an
f-divergence reversed, Pinsker's constant wrong, TV without its 1/2) REFUTED with measures
that satisfy the stated assumptions, re-checked here independently with exact fractions and
mpmath; the true forms SUPPORTED, never REFUTED; what the model cannot read keeps it out."""

from __future__ import annotations

import re
from fractions import Fraction

import mpmath
import pytest

from hallbound.proofs_checks.latex.models.divergence_terms import Context, Reader, Unread
from hallbound.proofs_checks.latex.verify import verify_tex

JENSEN = (r"\nu\left[ f\left( \frac{d\mu}{d\nu} \right) \right] {rel} "
          r"f\left( \nu\left[\frac{d\mu}{d\nu} \right] \right)")
PROB = r"\mu, \nu \text{ probability measures}"


def _steps(body: str, *assume: str) -> list:
    text = "\\DeclareMathOperator{\\TV}{TV}\\DeclareMathOperator{\\KL}{KL}\n"
    text += "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


def _masses(witness: dict, name: str) -> list[Fraction]:
    return [Fraction(x) for x in witness[name].strip("()").split(",")]


def _kl(p: list[Fraction], q: list[Fraction]) -> mpmath.mpf:
    with mpmath.workdps(60):
        return mpmath.fsum(mpmath.mpf(a.numerator) / a.denominator
                           * mpmath.log(mpmath.mpf((a / b).numerator) / (a / b).denominator)
                           for a, b in zip(p, q, strict=True))


def test_jensen_reversed_is_refuted_with_a_genuine_witness() -> None:
    body = JENSEN.replace("{rel}", "\\le")
    (step,) = _steps(body, r"\mu \ll \nu", r"\nu \text{ probability}", r"f \text{ convex}")
    assert step.verdict == "REFUTED", step.detail
    mu, nu = _masses(step.witness, "mu"), _masses(step.witness, "nu")
    assert sum(nu) == 1 and all(x > 0 for x in mu + nu)  # nu probability, mu << nu
    name = step.witness["f(t)"]
    fns = {"(t - 1)^2": lambda t: (t - 1) ** 2, "t^2": lambda t: t ** 2,
           "|t - 1|/2": lambda t: abs(t - 1) / 2}
    if name in fns:  # exact: nu[f(dmu/dnu)] > f(nu[dmu/dnu]) for a strictly convex f
        f = fns[name]
        assert sum(b * f(a / b) for a, b in zip(mu, nu, strict=True)) > f(sum(mu))
    else:
        assert "lhs - rhs = " in step.detail and "-" not in step.detail.split("lhs - rhs = ")[1]


def test_jensen_true_direction_is_supported_and_says_what_was_sampled() -> None:
    body = JENSEN.replace("{rel}", "\\ge") + r" = f(\mu(\mathcal X))"
    steps = _steps(body, r"\mu \ll \nu", r"\nu \text{ probability}", r"f \text{ convex}")
    assert [s.verdict for s in steps] == ["SUPPORTED", "SUPPORTED"]
    assert "finite measures" in steps[0].detail and "convex functions" in steps[0].detail


TV_HALF = r"\TV(\mu, \nu) = \frac{1}{2} \sum_x |\mu(x) - \nu(x)|"


@pytest.mark.parametrize(("rhs", "verdict"), [
    (r"\sqrt{\frac{1}{2}\KL(\mu, \nu)}", "SUPPORTED"),
    (r"\sqrt{\frac{1}{8}\KL(\mu, \nu)}", "REFUTED"),
])
def test_pinsker_constant(rhs: str, verdict: str) -> None:
    (step,) = _steps(r"\TV(\mu, \nu) \le " + rhs, PROB, TV_HALF)
    assert step.verdict == verdict, step.detail
    if verdict == "REFUTED":
        mu, nu = _masses(step.witness, "mu"), _masses(step.witness, "nu")
        assert sum(mu) == sum(nu) == 1
        tv = sum(abs(a - b) for a, b in zip(mu, nu, strict=True)) / 2
        with mpmath.workdps(60):
            assert mpmath.mpf(tv.numerator) / tv.denominator > mpmath.sqrt(_kl(mu, nu) / 8)


def test_pinsker_with_the_convention_of_tv_unstated_is_not_refuted() -> None:
    r"""TV <= sqrt(KL/2) holds for TV = 1/2 sum |mu - nu| and fails for TV = sum |mu - nu|
    (h-rev5 D3): with the text silent, UNDECIDED naming the conventions, never REFUTED."""
    (step,) = _steps(r"\TV(\mu, \nu) \le \sqrt{\frac{1}{2}\KL(\mu, \nu)}", PROB)
    assert step.verdict == "UNDECIDED" and "TV = 1 * sum |mu - nu|" in step.detail


@pytest.mark.parametrize(("rhs", "verdict"), [
    (r"\frac12 \sum_{x \in \mathcal X} |\mu(x) - \nu(x)|", "SUPPORTED"),
    (r"\sum_{x} |\mu(x) - \nu(x)|", "REFUTED"),
])
def test_total_variation_needs_its_half(rhs: str, verdict: str) -> None:
    r"""With its definition stated, TV = sum |mu - nu| is REFUTED; with none stated, each
    definition is one of the two conventions: neither REFUTED (h-rev5 D3)."""
    (silent,) = _steps(r"\TV(\mu, \nu) = " + rhs, PROB)
    assert silent.verdict == "UNDECIDED" and "convention" in silent.detail, silent.detail
    (step,) = _steps(r"\TV(\mu, \nu) = " + rhs, PROB, TV_HALF)
    assert step.verdict == verdict, step.detail
    if verdict == "REFUTED":
        mu, nu = _masses(step.witness, "mu"), _masses(step.witness, "nu")
        diff = sum(abs(a - b) for a, b in zip(mu, nu, strict=True))
        assert diff != diff / 2  # the witness has mu != nu


def test_hellinger_normalisation_unstated_is_not_refuted() -> None:
    r"""Le Cam's TV^2 <= H^2 (2 - H^2) holds for H^2 = 1/2 sum (sqrt mu - sqrt nu)^2 and fails
    for the sum without 1/2: with the text silent, UNDECIDED, never REFUTED."""
    step, = _steps(r"\TV(\mu, \nu)^2 \le \operatorname{H^2}(\mu, \nu)"
                   r"(2 - \operatorname{H^2}(\mu, \nu))", PROB, TV_HALF)
    assert step.verdict == "UNDECIDED" and "H^2 = 1 * sum" in step.detail


def test_unstated_measure_mass_gives_no_refutation() -> None:
    r"""``\mu(\mathcal X) = 1`` fails only when mu is not a probability measure, which the text
    does not say: not REFUTED."""
    (step,) = _steps(r"\mu(\mathcal X) = 1", r"\mu \ll \nu")
    assert step.verdict == "UNDECIDED" and "not a probability measure" in step.detail


def test_an_unread_assumption_blocks_the_refutation() -> None:
    body = JENSEN.replace("{rel}", "\\le")
    (step,) = _steps(body, r"\mu \ll \nu", r"\nu \text{ probability}", r"f \text{ convex}",
                     r"\kappa \text{ a finite kernel}")
    assert step.verdict != "REFUTED"


@pytest.mark.parametrize("text", [
    r"D_f(\kappa \circ \mu, \nu)",        # a composition the model does not know
    r"\nu[g]",                            # g declared nowhere
    r"f(\mu(A))",                         # an event A
])
def test_what_the_model_cannot_read_keeps_it_out(text: str) -> None:
    ctx = Context(measures={"mu", "nu"}, convex={"f"})
    with pytest.raises(Unread):
        Reader(text, ctx).read()


def test_stated_relation_about_a_measure_keeps_the_model_out() -> None:
    (step,) = _steps(r"\mu(\mathcal X) = \nu(\mathcal X)", r"\mu \ll \nu",
                     r"\mu(\mathcal X) = \nu(\mathcal X)")
    assert step.verdict != "REFUTED"


# -- bounded members: Var(X_i) <= (b_i - a_i)^2 / 4 ------------------------------------------

RANGE = (r"X_i \text{ independent}", r"a_i \le X_i \le b_i")
VAR_SUM = r"\frac{1}{n^2}\sum_{i=1}^n \operatorname{Var}(X_i) \le \frac{1}{n^2}\sum_{i=1}^n "


def _members(detail: str) -> list[tuple[dict[Fraction, Fraction], Fraction, Fraction]]:
    """(law, a_i, b_i) of each member printed in a witness."""
    out = []
    for m in re.finditer(r"X_(\d+): ([^()]*) \(a_\1 = ([-\d/]+), b_\1 = ([-\d/]+)\)", detail):
        law = {Fraction(v): Fraction(p) for v, p in
               (cell.split(" w.p. ") for cell in m.group(2).split(", "))}
        out.append((law, Fraction(m.group(3)), Fraction(m.group(4))))
    return out


@pytest.mark.parametrize(("rhs", "verdict"), [
    ("(b_i - a_i)^2", "SUPPORTED"),
    ("(b_i - a_i)^2/2", "SUPPORTED"),
    ("\\frac{(b_i - a_i)^2}{4}", "SUPPORTED"),
    ("(b_i - a_i)^2/8", "REFUTED"),
])
def test_variance_of_bounded_members(rhs: str, verdict: str) -> None:
    (step,) = _steps(VAR_SUM + rhs, *RANGE)
    assert step.verdict == verdict, step.detail
    if verdict == "REFUTED":  # re-checked here: a law in [a_i, b_i] whose variances add up more
        members = _members(step.detail)
        assert members
        total_var, total_w = Fraction(0), Fraction(0)
        for law, a, b in members:
            assert sum(law.values()) == 1 and all(a <= v <= b for v in law)
            mean = sum(v * p for v, p in law.items())
            total_var += sum(p * (v - mean) ** 2 for v, p in law.items())
            total_w += (b - a) ** 2 / 8
        assert total_var > total_w


def test_variance_of_one_member_with_a_free_index() -> None:
    true, false = (_steps(r"\operatorname{Var}(X_i) \le " + r, *RANGE)[0]
                   for r in (r"\frac{(b_i - a_i)^2}{4}", r"\frac{(b_i - a_i)^2}{5}"))
    assert true.verdict == "SUPPORTED" and false.verdict == "REFUTED"


def test_variance_of_an_undefined_mean_keeps_the_model_out() -> None:
    (step,) = _steps(r"\operatorname{Var}(\bar{X}) \le \frac{1}{n^2}", *RANGE)
    assert step.verdict != "REFUTED"


VAR_MEAN = r"\operatorname{Var}\left(\bar{X} \right) = "


def test_variance_of_the_mean_of_independent_members() -> None:
    true = _steps(VAR_MEAN + r"\frac{1}{n^2}\sum_{i=1}^n \operatorname{Var}(X_i)", *RANGE)[0]
    assert true.verdict == "SUPPORTED", true.detail
    assert "read as the mean" in true.detail
    for planted in (r"\frac{1}{n}\sum_{i=1}^n \operatorname{Var}(X_i)",  # 1/n for 1/n^2
                    r"\frac{1}{n^2}\sum_{i=1}^n (b_i - a_i)^2/4"):  # the bound, not the value
        (false,) = _steps(VAR_MEAN + planted, *RANGE)
        # \bar X is not defined by the text: a failure under the reading is not REFUTED
        assert false.verdict == "UNDECIDED" and "fails" in false.detail, false.detail


def test_variance_of_the_mean_needs_stated_independence() -> None:
    (step,) = _steps(VAR_MEAN + r"\frac{1}{n^2}\sum_{i=1}^n \operatorname{Var}(X_i)",
                     r"a_i \le X_i \le b_i")
    assert step.verdict not in ("SUPPORTED", "PROVED", "REFUTED"), step.detail


def test_mean_of_the_mean_under_any_coupling() -> None:
    lhs = r"\mathbb{E}[\bar X] = "
    true = _steps(lhs + r"\frac{1}{n}\sum_{i=1}^n \mathbb{E}[X_i]", r"a_i \le X_i \le b_i")[0]
    false = _steps(lhs + r"\sum_{i=1}^n \mathbb{E}[X_i]", r"a_i \le X_i \le b_i")[0]
    assert true.verdict == "SUPPORTED", true.detail
    assert false.verdict not in ("SUPPORTED", "PROVED", "REFUTED"), false.detail


def test_a_member_without_a_stated_range_keeps_the_model_out() -> None:
    (step,) = _steps(r"\operatorname{Var}(Y_i) \le \frac{(b_i - a_i)^2}{8}", *RANGE)
    assert step.verdict != "REFUTED"


# -- conditional expectations: the tower rule -----------------------------------------------

F = r"f(X_1,\dots,X_n)"
E_I = r"\mathbb{E}[" + F + r" | X_1,\dots,X_i]"


def _law_of(detail: str) -> tuple[int, dict, dict, tuple]:
    """(i, law, f values, failing outcome) printed in a witness."""
    i = int(re.search(r"; i = (\d+)", detail).group(1))
    cells = re.search(r"law of \(X_1..X_n\): ([^;]*);", detail).group(1).split(" | ")
    law = {}
    for cell in cells:
        w, p = cell.rsplit(" ", 1)
        law[tuple(int(x) for x in re.findall(r"\d+", w))] = Fraction(p)
    fvals = {tuple(int(x) for x in re.findall(r"\d+", k)): Fraction(v)
             for k, v in re.findall(r"f(\([^)]*\)) = (-?\d+)", detail)}
    where = tuple(int(x) for x in re.findall(
        r"\d+", re.search(r"outcome (\([^)]*\))", detail).group(1)))
    return i, law, fvals, where


@pytest.mark.parametrize(("step", "verdict"), [
    (r"\mathbb{E}[" + E_I + r"] = \mathbb{E}[" + F + "]", "SUPPORTED"),
    (E_I + r" = \mathbb{E}[" + F + "]", "REFUTED"),  # the conditioning dropped
    (r"\mathbb{E}[" + E_I + r" | X_1,\dots,X_{i-1}] = \mathbb{E}[" + F
     + r" | X_1,\dots,X_{i-1}]", "SUPPORTED"),
    (r"\mathbb{E}[" + E_I + r" | X_1,\dots,X_{i-1}] = " + E_I, "REFUTED"),
])
def test_tower_rule(step: str, verdict: str) -> None:
    (s,) = _steps(step)
    assert s.verdict == verdict, s.detail
    if verdict == "REFUTED" and "X_{i-1}" not in step:  # E[f | X_1..X_i](w) != E[f], exactly
        i, law, fvals, w = _law_of(s.detail)
        assert sum(law.values()) == 1 and all(p > 0 for p in law.values())
        mean = sum(p * fvals[u] for u, p in law.items())
        same = {u: p for u, p in law.items() if u[:i] == w[:i]}
        cond = sum(p * fvals[u] for u, p in same.items()) / sum(same.values())
        assert cond != mean


def test_tower_rule_with_an_undefined_name_keeps_the_model_out() -> None:
    (s,) = _steps(r"\mathbb{E}[Z_i] = \mathbb{E}[" + E_I + "]")
    assert s.verdict != "REFUTED" and s.verdict != "SUPPORTED"


def test_a_known_function_is_never_a_drawn_table() -> None:
    r"""Jensen for ``\exp`` is true: ``\exp`` must not be read as an arbitrary function."""
    (s,) = _steps(r"\mathbb{E}[\exp(X_1)] \ge \exp(\mathbb{E}[X_1])")
    assert s.verdict != "REFUTED"


# -- integrals against a measure -------------------------------------------------------------


@pytest.mark.parametrize(("step", "verdict"), [
    (r"\int \log\frac{d\mu}{d\nu} \, d\mu = \KL(\mu \| \nu)", "SUPPORTED"),
    (r"\int \log\frac{d\mu}{d\nu} \, d\nu = \KL(\mu, \nu)", "REFUTED"),  # the wrong measure
    (r"\int_{\mathcal X} \frac{d\mu}{d\nu}(x) \, d\nu(x) = 1", "SUPPORTED"),
])
def test_integrals_against_a_measure(step: str, verdict: str) -> None:
    (s,) = _steps(step, PROB, r"\mu \ll \nu")  # a density needs it stated (h-rev5 D5)
    assert s.verdict == verdict, s.detail
    if verdict == "REFUTED":
        mu, nu = _masses(s.witness, "mu"), _masses(s.witness, "nu")
        with mpmath.workdps(60):
            lhs = mpmath.fsum(mpmath.mpf(b.numerator) / b.denominator
                              * mpmath.log(mpmath.mpf((a / b).numerator) / (a / b).denominator)
                              for a, b in zip(mu, nu, strict=True))
            assert abs(lhs - _kl(mu, nu)) > mpmath.mpf(10) ** -20


def test_a_stated_range_of_n_keeps_the_drawn_families_out() -> None:
    r"""``n \ge 5`` is stated: the models draw n in 1..4, so they must not answer."""
    (s,) = _steps(VAR_SUM + "(b_i - a_i)^2/8", *RANGE, r"n \ge 5")
    assert "bounded-family" not in s.method and "n = 1;" not in s.detail
    (s,) = _steps(E_I + r" = \mathbb{E}[" + F + "]", r"n \ge 5")
    assert "conditional expectations" not in s.method


@pytest.mark.parametrize(("assume", "verdict"), [
    ((r"X_1, \dots, X_n \text{ independent}",), "SUPPORTED"),
    ((), "REFUTED"),  # nothing stated: a dependent law is a genuine counterexample
])
def test_a_product_needs_the_stated_independence(assume: tuple, verdict: str) -> None:
    step = r"\mathbb{E}[f(X_1) g(X_2)] = \mathbb{E}[f(X_1)] \mathbb{E}[g(X_2)]"
    (s,) = _steps(step, *assume)
    assert s.verdict == verdict, s.detail


# -- stated relations about the measures ------------------------------------------------------

H2_HALF = (r"\operatorname{H^2}(\mu, \nu) = \frac{1}{2} \sum_x "
           r"(\sqrt{\mu(x)} - \sqrt{\nu(x)})^2")
LE_CAM = (r"\TV(\mu, \nu)^2 \le \operatorname{H^2}(\mu, \nu)"
          r"(2 - \operatorname{H^2}(\mu, \nu))")


def test_a_stated_definition_of_hellinger_fixes_its_normalisation() -> None:
    (s,) = _steps(LE_CAM, PROB, H2_HALF, TV_HALF)
    assert s.verdict == "SUPPORTED", s.detail
    (s,) = _steps(LE_CAM, PROB, H2_HALF.replace(r"\frac{1}{2} ", ""), TV_HALF)
    assert s.verdict == "REFUTED", s.detail
    mu, nu = _masses(s.witness, "mu"), _masses(s.witness, "nu")
    with mpmath.workdps(60):  # TV^2 > H^2 (2 - H^2) with H^2 = sum (sqrt mu - sqrt nu)^2
        tv = sum(abs(a - b) for a, b in zip(mu, nu, strict=True)) / 2
        h2 = mpmath.fsum((mpmath.sqrt(mpmath.mpf(a.numerator) / a.denominator)
                          - mpmath.sqrt(mpmath.mpf(b.numerator) / b.denominator)) ** 2
                         for a, b in zip(mu, nu, strict=True))
        assert (mpmath.mpf(tv.numerator) / tv.denominator) ** 2 > h2 * (2 - h2)


def test_a_stated_equal_mass_is_met_by_every_instance() -> None:
    r"""``\mu(\mathcal X) = \nu(\mathcal X)`` stated: an instance that breaks it is not
    counted, so the step that follows from it is never REFUTED (PROVED once the stated
    masses are read as the same function values as the step's)."""
    (s,) = _steps(r"\mu(\mathcal X) - \nu(\mathcal X) = 0", r"\mu \ll \nu",
                  r"\mu(\mathcal X) = \nu(\mathcal X)")
    assert s.verdict in ("SUPPORTED", "PROVED"), s.detail
    (s,) = _steps(r"\mu(\mathcal X) - \nu(\mathcal X) = 1", r"\mu \ll \nu",
                  r"\mu(\mathcal X) = \nu(\mathcal X)")
    assert s.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED"), s.detail  # the mutant
