r"""Unicode math as Lean blueprints write it (issue 21): each class of character is read as
the LaTeX it stands for (:mod:`hallbound.proofs_checks.latex.math_unicode`), and an unknown
one is refused by name on one line."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.hypotheses import Hypotheses, SymbolTable
from hallbound.proofs_checks.latex.math_parser import LatexError, parse_chain, parse_expression
from hallbound.proofs_checks.latex.math_tokens import tokenize
from hallbound.proofs_checks.latex.verify import verify_tex


def scope():  # noqa: ANN201 - a parser scope
    return SymbolTable(Hypotheses()).scope()


def same(uni: str, tex: str) -> bool:
    return parse_expression(uni, scope()) == parse_expression(tex, scope())


def verdicts(body: str) -> list[str]:
    text = f"\\begin{{align*}}\n{body}\n\\end{{align*}}\n"
    return [s.verdict for env in verify_tex(text, trials=30).environments for s in env.steps]


def test_relations_read_as_their_latex() -> None:
    _, rels, _ = parse_chain("a ≤ b ≥ c", scope())
    assert rels == ["<=", ">="]
    with pytest.raises(LatexError, match=r"\\neq"):  # read as \neq (which no chain holds)
        parse_chain("a ≠ b", scope())
    assert verdicts("x^2 + 1 &≥ 2x") == ["PROVED"]
    assert verdicts("x^2 + 1 &≤ 2x") == ["REFUTED"]  # the flipped step


def test_greek_letters_follow_unicode_math() -> None:
    assert same("α + β·γ", r"\alpha + \beta \cdot \gamma")
    assert same("ε + ϵ", r"\varepsilon + \epsilon") and not same("ε", r"\epsilon")
    assert same("φ(x) + Λ", r"\varphi(x) + \Lambda")


def test_operators_read_as_their_latex() -> None:
    assert same("2 × 3 · x", r"2 \times 3 \cdot x") and same("√2", r"\sqrt{2}")
    assert same("∑_{i=1}^{3} i", r"\sum_{i=1}^{3} i") and same("∏_{i=1}^{3} i", "6")
    assert same("a − b", "a - b")
    assert parse_expression("∞", scope()) == sp.oo


def test_script_digits_are_one_script_each_run() -> None:
    assert same("n₀(x)", "n_0(x)") and same("x₁₂", "x_{12}")
    assert same("x² + y³", "x^2 + y^3") and same("x⁻¹", "x^{-1}")
    assert not same("x²", "x_2") and not same("x₂", "x^2")
    assert verdicts("(a + b)² &= a² + 2ab + b²") == ["PROVED"]
    assert verdicts("(a + b)² &= a² + b²") == ["REFUTED"]  # the dropped cross term


def test_tokens_keep_the_offset_of_their_character() -> None:
    toks = tokenize("x ≤ α₀")
    assert [(t.kind, t.text, t.offset) for t in toks] == [
        ("letter", "x", 0), ("cmd", "le", 2), ("cmd", "alpha", 4), ("sym", "_", 5),
        ("sym", "{", 5), ("num", "0", 5), ("sym", "}", 5)]


def test_an_unknown_character_is_refused_on_one_line() -> None:
    with pytest.raises(LatexError) as err:
        parse_expression("x ≺ y", scope())
    assert "U+227A" in err.value.message and "\n" not in err.value.message
    text = "\\begin{align*}\nx &≺ y\n\\end{align*}\n"
    rep = verify_tex(text, trials=20)
    assert not [s for env in rep.environments for s in env.steps if s.verdict != "UNDECIDED"]
    assert any("U+227A" in e.message for e in rep.errors)


@pytest.mark.parametrize("uni", ["√ab", "√2x", "√ ab", "√αβ", "√x₁y"])
def test_a_root_of_juxtaposed_names_is_refused_by_name(uni: str) -> None:
    # rev-s10 u4: √ab read as \sqrt a \cdot b refuted the true AM-GM step below
    with pytest.raises(LatexError, match="√") as err:
        parse_expression(uni, scope())
    assert "\n" not in err.value.message


def test_the_am_gm_step_with_an_ambiguous_root_is_not_refuted() -> None:
    pre = "% hb: assume a \\ge 0\n% hb: assume b \\ge 0\n"
    for body in ("√ab &≤ (a+b)/2", "√ab &≥ (a+b)/2"):
        rep = verify_tex(f"{pre}\\begin{{align*}}\n{body}\n\\end{{align*}}\n", trials=30)
        assert all(s.verdict == "UNDECIDED" for env in rep.environments for s in env.steps)
        assert any("√ab" in e.message for e in rep.errors)


def test_a_root_of_one_name_or_a_bracket_is_still_read() -> None:
    assert same("√x", r"\sqrt{x}") and same("√2", r"\sqrt{2}")
    assert same("√(a+b)", r"\sqrt{a+b}") and same("√{ab}", r"\sqrt{ab}")
    assert same("√x₁", r"\sqrt{x_1}") and same("√2 x", r"\sqrt{2} x")
    pre = "% hb: assume a \\ge 0\n% hb: assume b \\ge 0\n"
    good = verify_tex(f"{pre}\\begin{{align*}}\n√(ab) &≤ (a+b)/2\n\\end{{align*}}\n", trials=30)
    assert [s.verdict for env in good.environments for s in env.steps] != ["REFUTED"]
    bad = verify_tex(f"{pre}\\begin{{align*}}\n√(ab) &≤ (a+b)/3\n\\end{{align*}}\n", trials=30)
    assert [s.verdict for env in bad.environments for s in env.steps] == ["REFUTED"]


def test_a_relation_span_covers_its_character_only() -> None:
    # rev-s10 u7: "≤" read as \le spanned 3 characters, so the next side lost its first two
    text = "x³ ≤ x² ≤ 2 − x"
    _, rels, spans = parse_chain(text, scope())
    assert rels == ["<=", "<="] and [text[a:b] for a, b in spans] == ["≤", "≤"]
    assert tokenize("x ≤ α₀")[-1].offset == 5  # scripts keep the offset of their run
    _, _, ascii_spans = parse_chain(r"x \le y", scope())
    assert [r"x \le y"[a:b] for a, b in ascii_spans] == [r"\le"]


def test_unicode_sides_are_shown_whole_and_an_assumed_root_is_read() -> None:
    text = ("% hb: assume 0 ≤ x ≤ 1\n\\begin{align*}\nx³ &≤ x² \\\\\n &≤ 2 − x²\n"
            "\\end{align*}\n")
    steps = [s for env in verify_tex(text, trials=30).environments for s in env.steps]
    assert [(s.lhs.strip(), s.rhs.strip()) for s in steps] == [("x³", "x²"), ("x²", "2 − x²")]
    text = ("% hb: assume √y ≤ 2\n% hb: assume y ≥ 0\n\\begin{align*}\ny &≤ 4\n\\end{align*}\n"
            "% hb: assume √y ≤ 2\n% hb: assume y ≥ 0\n\\begin{align*}\ny &≤ 3\n\\end{align*}\n")
    rep = verify_tex(text, trials=60)
    assert not rep.errors
    first, second = [s.verdict for env in rep.environments for s in env.steps]
    assert first != "REFUTED" and second == "REFUTED"
