r"""Display definitions (``:=``, ``\coloneqq``, ``=:``, ``\triangleq``, ``\stackrel{def}{=}``):
never steps; names, functions and point-free functions hold in later displays only; planted
errors in chains that use them are REFUTED, the true chains are not; definitions that cannot
be read, refer to themselves or are given twice are refused with their line."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.corpus import chain_relations, display_environments
from hallbound.proofs_checks.latex.display_definitions import find_site, split_row
from hallbound.proofs_checks.latex.report import render
from hallbound.proofs_checks.latex.verify import verify_tex


def _run(text: str):
    return verify_tex(text, trials=60)


def _verdicts(report) -> dict[int, str]:
    return {s.line: s.verdict for c in report.environments for s in c.steps}


def _definition(report, line: int):
    (d,) = [d for d in report.definitions if d.line == line]
    return d


_ASSUME = "% hb: assume a > 0, b > 0\n"


def _env(*rows: str, env: str = "align") -> str:
    return f"\\begin{{{env}}}\n" + " \\\\\n".join(rows) + f"\n\\end{{{env}}}\n"


# -- the symbols -------------------------------------------------------------------------------


@pytest.mark.parametrize("row", [
    r"C &:= a + 1", r"C \coloneqq a + 1", r"C \coloneq a + 1", r"C \triangleq a + 1",
    r"C \stackrel{\text{def}}{=} a + 1", r"C \overset{\mathrm{def}}{=} a + 1",
    r"C \stackrel{\mathrm{def}}{=} a + 1", r"C \overset{\text{def}}{=} a + 1",
    r"C \mathrel{:}= a + 1", r"C \vcentcolon= a + 1",
])
def test_each_forward_symbol_defines_the_left_name(row: str) -> None:
    text, site, name = split_row(row)
    assert site is not None and site.forward and name == "C"
    assert text.strip() == "a + 1"


@pytest.mark.parametrize("row", [r"a + 1 =: C", r"a + 1 \eqqcolon C"])
def test_the_reversed_symbols_define_the_right_name(row: str) -> None:
    text, site, name = split_row(row)
    assert site is not None and not site.forward and name == "C"
    assert text.strip() == "a + 1"


@pytest.mark.parametrize("row", [r"x \doteq 3", r"x \equiv 3", r"x = 3", r"\{x : x = 1\}",
                                 r"a \overset{(i)}{=} b"])
def test_other_relations_are_no_definition(row: str) -> None:
    assert find_site(row) is None


def test_doteq_stays_what_it_was() -> None:
    rep = _run(_env(r"x &\doteq 3"))
    assert rep.definitions == []
    assert any("doteq" in e.message for e in rep.errors)


# -- a definition is not a step ----------------------------------------------------------------


def test_a_definition_row_has_no_verdict_and_strict_passes() -> None:
    rep = _run(_env(r"C_f &:= a^2 + 1") + _env(r"C_f - 1 &= a^2"))
    assert [s.lhs for c in rep.environments for s in c.steps] == ["C_f - 1"]
    assert rep.strict_failures() == []
    assert rep.checked == 1
    out = render(rep)
    assert "definitions (not steps" in out and "1 definition(s), not steps" in out
    assert rep.to_dict()["definitions"][0]["name"] == "C_f"


def test_the_rest_of_a_definition_row_is_still_a_step() -> None:
    rep = _run(_env(r"x &:= a + b = a + 2b"))
    (step,) = [s for c in rep.environments for s in c.steps]
    assert (step.lhs, step.rhs) == ("a + b", "a + 2b")
    assert step.verdict == "REFUTED"
    rep = _run(_env(r"x &:= a + b = b + a"))
    assert list(_verdicts(rep).values()) == ["PROVED"]


def test_consecutive_definition_rows_never_pair_their_values() -> None:
    rep = _run(_env(r"u &:= x^2", r"v &:= \frac{1}{y}", r"w &:= a + b = b + a"))
    steps = [(s.lhs, s.rhs) for c in rep.environments for s in c.steps]
    assert steps == [("a + b", "b + a")]


def test_the_corpus_counts_no_step_at_a_definition_symbol() -> None:
    text = _env(r"\phi &:= \frac{E_4^2}{\Delta}", r"s &\stackrel{\text{def}}{=} t",
                r"a + b &=: c", r"x &= y")
    (env,) = display_environments(text)
    assert [r.relation for r in chain_relations(text, env)] == ["="]


# -- the three shapes ----------------------------------------------------------------------------


def test_a_name_holds_later_and_a_wrong_constant_is_refuted() -> None:
    defs = _env(r"\hat{\mu}_n &:= \frac{a + b}{2}")
    good = _run(defs + _ASSUME + _env(r"2 \hat{\mu}_n - a &= b"))
    assert list(_verdicts(good).values()) == ["PROVED"]
    bad = _run(defs + _ASSUME + _env(r"2 \hat{\mu}_n - a &= 2b"))
    assert list(_verdicts(bad).values()) == ["REFUTED"]


def test_a_reversed_definition_inside_a_chain() -> None:
    rep = _run(_env(r"x &= a + b =: s") + _env(r"s - b &= a"))
    lines = _verdicts(rep)
    assert set(lines) == {2, 5} and lines[5] == "PROVED"  # x = a + b is still a step
    assert _definition(rep, 2).latex == "s" and _definition(rep, 2).value == "a + b"
    bad = _run(_env(r"a + b =: s") + _ASSUME + _env(r"s - b &= 2a"))
    assert list(_verdicts(bad).values()) == ["REFUTED"]


def test_a_function_with_parameters() -> None:
    defs = _env(r"f(x) &:= x^2 + 3x", r"K(s, t) &\coloneqq s t + 1")
    good = _run(defs + _env(r"f(2) &= 10", r"K(u, v) - 1 &= uv"))
    assert set(_verdicts(good).values()) == {"PROVED"}
    bad = _run(defs + _env(r"f(2) &= 12"))
    assert list(_verdicts(bad).values()) == ["REFUTED"]
    flipped = _run(defs + _env(r"K(u, v) &= uv"))  # the +1 dropped
    assert list(_verdicts(flipped).values()) == ["REFUTED"]


def test_a_point_free_function_is_read_pointwise() -> None:
    defs = _env(r"h &:= \frac{F H}{G}")
    good = _run(defs + _env(r"h(t) G(t) &= F(t) H(t)", r"h(s) G(s) + 1 &= F(s) H(s) + 1"))
    assert set(_verdicts(good).values()) == {"PROVED"}
    dropped = _run(defs + _env(r"h(t) G(t) &= F(t)", r"F(s) + G(s) + H(s) &= 1"))
    assert list(_verdicts(dropped).values())[0] != "PROVED"


def test_point_free_is_refused_when_a_letter_is_no_function_of_the_file() -> None:
    text = _env(r"h &:= \frac{F}{c}") + _env(r"h(t) c &= F(t)", r"F(s) &= 1")
    rep = _run(text)
    d = _definition(rep, 2)
    assert d.refused and "c on the right is" in d.refused
    assert list(_verdicts(rep).values())[0] == "UNDECIDED"


def test_a_name_used_as_a_function_and_as_a_value_is_refused() -> None:
    rep = _run(_env(r"h &:= F^2") + _env(r"h(t) &= F(t)^2", r"h + 1 &= F(s)^2 + 1"))
    assert "both as a function and as a value" in _definition(rep, 2).refused
    assert "PROVED" not in _verdicts(rep).values()


# -- refusals --------------------------------------------------------------------------------------


def test_a_definition_holds_only_after_its_row() -> None:
    text = _env(r"C - 1 &= a^2") + _env(r"C &:= a^2 + 1") + _env(r"C - 1 &= a^2")
    rep = _run(text)
    assert _verdicts(rep) == {2: "UNDECIDED", 8: "PROVED"}


def test_a_definition_does_not_hold_in_its_own_display() -> None:
    rep = _run(_env(r"C &:= a^2 + 1", r"D &= C - 1", r"&= a^2"))
    assert "PROVED" not in _verdicts(rep).values()


def test_self_referential_and_unreadable_definitions_are_refused_with_their_line() -> None:
    text = _env(r"c &:= c + 1", r"\|y\| &:= 3", r"q &:= \frac{1}{")
    rep = _run(text + _env(r"c &= 2", r"q &= 1"))
    assert "occurs in its own value" in _definition(rep, 2).refused
    assert "not a name" in _definition(rep, 3).refused
    assert _definition(rep, 4).refused
    assert "PROVED" not in _verdicts(rep).values()
    out = render(rep)
    assert "not used: c occurs in its own value" in out
    assert not any("could not be read" in f for f in rep.strict_failures())


def test_a_name_defined_twice_differently_is_used_by_neither_from_there_on() -> None:
    text = (_env(r"m &:= 2") + _env(r"m + 1 &= 3") + _env(r"m &:= 3") + _env(r"m &= 2")
            + _env(r"m &= 3"))
    rep = _run(text)
    assert "defined differently on line 2" in _definition(rep, 8).refused
    v = _verdicts(rep)
    assert v[5] == "PROVED" and v[11] == "UNDECIDED" and v[14] == "UNDECIDED"


def test_a_bound_name_is_not_substituted() -> None:
    rep = _run(_env(r"m &:= 2") + _env(r"\sum_{m=1}^{3} m &= 6"))
    assert list(_verdicts(rep).values()) == ["PROVED"]
    assert any("bound name" in n for n in _definition(rep, 2).notes)


def test_the_environments_own_let_wins_and_the_report_says_so() -> None:
    text = _env(r"C &:= 5") + "% hb: let C = 2\n" + _env(r"C + 1 &= 3")
    rep = _run(text)
    assert list(_verdicts(rep).values()) == ["PROVED"]
    assert any("% hb: let" in n for n in _definition(rep, 2).notes)


def test_a_planted_wrong_constant_in_a_refused_definition_is_never_proved() -> None:
    rep = _run(_env(r"c &:= c + 1") + _env(r"c + 1 &= c + 2"))
    assert "PROVED" not in _verdicts(rep).values()


def test_a_parameter_bound_in_the_value_is_refused() -> None:
    rep = _run(_env(r"F(x) &:= \sum_{x=1}^{3} x^2") + _env(r"F(2) &= 14"))
    assert "bound" in _definition(rep, 2).refused
    assert "PROVED" not in _verdicts(rep).values()


def test_a_defined_name_inside_an_opaque_quantity_refutes_nothing() -> None:
    rep = _run(_env(r"C &:= 2") + _env(r"\mathbb{E}[C X] &= 3 \mathbb{E}[X]"))
    (step,) = [s for c in rep.environments for s in c.steps]
    # held back by the display definition, or first by the law model's one-side rule (C is
    # on one side only and nothing states its law)
    assert step.verdict == "UNDECIDED"
    assert "display definition" in step.detail or "one side only" in step.detail


_PHI = _env(r"\phi_{-4} &:= \frac{E_4 E_4}{\Delta}",
            r"\phi_{0} &:= \frac{(E_2 E_4 - E_6)^2}{\Delta}")


@pytest.mark.parametrize(("coefficient", "expected"), [(r"\pi^2", "SUPPORTED"),
                                                        (r"\pi", "REFUTED")])
def test_point_free_modular_definitions_are_evaluated(coefficient: str, expected: str) -> None:
    chain = _env(r"\frac{(E_2(z) E_4(z) - E_6(z))^2 - \frac{36}{\pi^2 z^2} E_4(z)^2}{\Delta(z)} "
                 rf"&= \phi_0(z) - \frac{{36}}{{{coefficient} z^2}} \phi_{{-4}}(z)")
    rep = _run(_PHI + chain)
    (step,) = [s for c in rep.environments for s in c.steps]
    assert step.verdict in ({expected, "PROVED"} if expected == "SUPPORTED" else {expected})
    if expected == "REFUTED":
        assert step.witness and "z" in step.witness


def test_a_point_free_power_of_a_letter_is_read_only_in_a_quotient() -> None:
    r"""``E_4^2`` alone may be a composition ``E_4 o E_4``: refused; in the quotient
    ``E_4^2 / \Delta`` the algebra is pointwise, so it is the pointwise square;
    ``(E_2 E_4 - E_6)^2`` is read pointwise."""
    defs = _env(r"\phi_{-4} &:= \frac{E_4^2}{\Delta}",
                r"\phi_{0} &:= \frac{(E_2 E_4 - E_6)^2}{\Delta}", r"\psi &:= E_4^2")
    rep = _run(defs + _env(r"\phi_{-4}(z) \Delta(z) &= E_4(z)^2",
                           r"\phi_0(z) \Delta(z) &= (E_2(z) E_4(z) - E_6(z))^2",
                           r"\psi(z) &= E_4(z)^2"))
    assert not _definition(rep, 2).refused and not _definition(rep, 3).refused
    assert "point-free" in _definition(rep, 4).refused
    assert list(_verdicts(rep).values())[:2] == ["PROVED", "PROVED"]
    assert list(_verdicts(rep).values())[2] != "PROVED"
    wrong = _run(defs + _env(r"\phi_{-4}(z) \Delta(z) &= 2 E_4(z)^2"))
    assert "PROVED" not in _verdicts(wrong).values()


def test_a_remark_after_the_value_is_not_part_of_it() -> None:
    defs = _env(r"f(x) &:= x^2 \quad \text{for } x > 0", r"g(x) &:= x^3, \qquad x \in \mathbb{R}")
    rep = _run(defs + _env(r"f(2) + g(2) &= 12"))
    assert [d.value for d in rep.definitions] == ["x^2", "x^3"]
    assert list(_verdicts(rep).values()) == ["PROVED"]
    bad = _run(defs + _env(r"f(2) + g(2) &= 13"))
    assert list(_verdicts(bad).values()) == ["REFUTED"]


def test_a_piecewise_definition_given_in_two_rows_is_refused() -> None:
    defs = _env(r"f(x) &:= x^2, \quad x > 0", r"f(x) &:= 0, \quad x \le 0")
    rep = _run(defs + _env(r"f(2) &= 4"))
    assert "defined differently" in _definition(rep, 3).refused
    assert "PROVED" not in _verdicts(rep).values()


def test_function_values_inside_the_value_follow_the_argument() -> None:
    defs = _env(r"f(z) &:= g(z)^2 + g(h(z))")
    good = _run(defs + _env(r"f(w) &= g(w)^2 + g(h(w))", r"f(1) - g(h(1)) &= g(1)^2"))
    assert set(_verdicts(good).values()) == {"PROVED"}
    bad = _run(defs + _env(r"f(w) &= g(w)^2 + g(h(2w))"))
    assert "PROVED" not in _verdicts(bad).values()


def test_a_parameter_inside_an_opaque_quantity_is_refused() -> None:
    rep = _run(_env(r"p(x) &:= \mathbb{E}[x X]") + _env(r"p(2) + p(3) &= 5 \mathbb{E}[X]"))
    assert "kept opaque" in _definition(rep, 2).refused
    assert "PROVED" not in _verdicts(rep).values()


# -- review findings: parameters, scope, dependencies, point-free ------------------------------


def test_a_function_parameter_is_not_the_defined_name() -> None:
    """``t := 1/2`` earlier does not make ``g(t) := t^2 = t/2`` true (t is g's parameter)."""
    text = _env(r"t &:= \frac{1}{2}", env="equation*") + _env(r"g(t) &:= t^2 \\ &= \frac{t}{2}")
    rep = _run(text)
    assert "PROVED" not in _verdicts(rep).values()
    assert any("parameter of a function" in n for n in _definition(rep, 2).notes)


def test_a_definition_ends_with_its_proof_and_its_section() -> None:
    inside = ("\\begin{proof}\n" + _env(r"C &:= 2") + "\\end{proof}\n"
              + _env(r"C^2 &= 4"))
    assert list(_verdicts(_run(inside)).values()) != ["PROVED"]
    sections = ("\\section{A}\n" + _env(r"C &:= 2") + _env(r"C^2 &= 4")
                + "\\section{B}\n" + _env(r"C^2 &= 4"))
    got = list(_verdicts(_run(sections)).values())
    assert got[0] == "PROVED" and got[1] != "PROVED"


@pytest.mark.parametrize("elsewhere", [
    "let $C := 3$ be the constant.\n", r"let \(C \coloneqq 3\) be it." + "\n",
    _env(r"\|x\| &\le 3 \\ &= C, \qquad \text{with } C := 3"),
])
def test_a_name_defined_again_outside_a_display_row_is_not_used_from_there(elsewhere) -> None:
    text = _env(r"C &:= 2") + elsewhere + _env(r"C^2 &= 4", r"C^2 &= 9")
    rep = _run(text)
    assert "REFUTED" not in _verdicts(rep).values() and "PROVED" not in [
        v for line, v in _verdicts(rep).items() if line > 6]
    before = elsewhere + _env(r"C &:= 2") + _env(r"C^2 &= 9")
    rep = _run(before)
    assert "REFUTED" not in _verdicts(rep).values()
    assert [d for d in rep.definitions if d.refused]


def test_a_local_assume_on_the_name_skips_the_definition() -> None:
    text = _env(r"C &:= 2") + _env("% hb: assume C \\ge 5\nC^2 &\\ge 25")
    assert list(_verdicts(_run(text)).values()) == ["PROVED"]


def test_definitions_used_by_a_used_value_are_kept() -> None:
    funcs = _env(r"h(x) &:= x^2") + _env(r"k(x) &:= h(x) + 1")
    assert list(_verdicts(_run(funcs + _env(r"k(2) &= 5"))).values()) == ["PROVED"]
    assert list(_verdicts(_run(funcs + _env(r"k(2) &= 4"))).values()) == ["REFUTED"]
    names = _env(r"a &:= 2", r"b &:= a^2 + 1")
    assert list(_verdicts(_run(names + _env(r"b &= 5"))).values()) == ["PROVED"]
    assert list(_verdicts(_run(names + _env(r"b &= 4"))).values()) == ["REFUTED"]


def test_a_value_using_a_definition_that_cannot_hold_here_is_dropped() -> None:
    text = _env(r"h(x) &:= x^2") + _env(r"k(x) &:= h(x) + 1") + _env(
        "% hb: let h = 7\nk(2) &= 5")
    assert "REFUTED" not in _verdicts(_run(text)).values()


@pytest.mark.parametrize("value", [r"f^{-1}", r"f^2", r"f^*", r"f'", r"f^T", r"f \circ f"])
def test_a_point_free_power_or_mark_is_refused(value: str) -> None:
    text = (_env(r"f(x) &:= 2x + 1") + _env(rf"\phi &:= {value}") + _env(r"\phi(3) &= 1")
            + _env(r"f(2) &= 5"))
    rep = _run(text)
    assert _definition(rep, 2 + 3).refused
    assert "REFUTED" not in _verdicts(rep).values()


def test_point_free_letters_used_as_values_are_refused() -> None:
    text = (_env(r"f + g &= 5") + _env(r"\phi &:= f g") + _env(r"f(1) + g(1) &= 3")
            + _env(r"\phi(1) &= 6"))
    rep = _run(text)
    assert "also used as a value" in _definition(rep, 5).refused
    assert "REFUTED" not in _verdicts(rep).values()


def test_point_free_letters_are_functions_only_where_the_name_is_applied() -> None:
    text = (_env(r"\phi &:= \frac{E}{\Delta}") + _env(r"\phi(z) \Delta(z) &= E(z)")
            + _env(r"\Delta (t + 1) - \Delta (t) &= \Delta (1)"))
    got = _verdicts(_run(text))
    assert got[5] == "PROVED" and got.get(8) != "REFUTED"


def test_a_thin_space_is_no_remark() -> None:
    rep = _run(_env(r"K &:= 2\,\pi") + _env(r"K &= 2\pi"))
    assert "pi" in _definition(rep, 2).value
    assert list(_verdicts(rep).values()) == ["PROVED"]
    assert list(_verdicts(_run(_env(r"K &:= 2\,\pi") + _env(r"K &= \pi"))).values()) == [
        "REFUTED"]


def test_a_second_definition_in_the_row_is_reported() -> None:
    rep = _run(_env(r"m \stackrel{\triangle}{=} 4, \qquad n \overset{\text{def}}{=} 5",
                    env="equation") + _env(r"n &= 5"))
    (n,) = [d for d in rep.definitions if d.latex == "n"]
    assert "second definition" in n.refused
    assert list(_verdicts(rep).values()) == ["UNDECIDED"]
