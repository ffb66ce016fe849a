r"""A defined name substituted after reading (``S := t^2``, ``% hb: let``) is refused where a
symbol of its value is bound (an integration variable, a sum index: red team 6, F11), and a
redefinition written in an alignment (``C &:= 3``) ends the earlier definition (F8)."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def verdicts(*displays: str, head: str = "") -> list[str]:
    text = head + "\n" + "\n".join(displays) + "\n"
    return [s.verdict for env in verify_tex(text, trials=30).environments for s in env.steps]


def eq(body: str) -> str:
    return f"\\begin{{equation}}\n{body}\n\\end{{equation}}"


def test_a_definition_whose_variable_is_integrated_is_not_substituted() -> None:
    assert "PROVED" not in verdicts(eq("S := t^2"), eq(r"\int_0^1 S \, dt = S"))
    assert "PROVED" not in verdicts(eq("S := t^2"), eq(r"\int_0^1 S \, dt \le S"),
                                    head=r"% hb: assume t \in \mathbb{R}")
    assert "PROVED" not in verdicts(eq(r"S := \sum_{i=1}^{3} t^i"), eq(r"\int_0^1 S \, dt = S"))
    assert "PROVED" not in verdicts(eq(r"\int_0^1 S \, dt = S"), head="% hb: let S = t^2")


def test_a_definition_whose_variable_is_a_sum_index_is_not_substituted() -> None:
    assert "PROVED" not in verdicts(eq("c := x + 1"), eq(r"\sum_{x=1}^{3} c = 3c"))
    found = verify_tex(eq("c := x + 1") + "\n" + eq(r"\sum_{x=1}^{3} c = 3c") + "\n")
    assert any("bound where c is written" in e.message for e in found.errors)


def test_a_definition_not_captured_is_still_substituted() -> None:
    assert verdicts(eq("S := t^2"), eq(r"\int_0^1 S \, dx = S")) == ["PROVED"]
    assert verdicts(eq("S := t^2"), eq(r"\int_0^1 S \, dx = 2S")) == ["REFUTED"]
    assert verdicts(eq("c := x + 1"), eq(r"\sum_{k=1}^{3} c = 3c")) == ["PROVED"]
    assert verdicts(eq("c := x + 1"), eq(r"\sum_{k=1}^{3} c = 4c")) == ["REFUTED"]


def test_a_redefinition_after_an_alignment_mark_ends_the_first() -> None:
    first = eq("C := 2")
    for mark in ("&:=", r"&\;:=", r"\,:="):
        again = f"\\begin{{align}}\nC {mark} 3 \\\\\nC^2 &= 4\n\\end{{align}}"
        assert "PROVED" not in verdicts(first, again)
    s_first = eq(r"S := \sum_{i=1}^3 i")
    again = "\\begin{align}\nS &:= 10 \\\\\n2S &= 12\n\\end{align}"
    assert "PROVED" not in verdicts(s_first, again)


def test_a_definition_not_redefined_still_holds_in_an_alignment() -> None:
    assert verdicts(eq("C := 2"), "\\begin{align}\nC^2 &= 4\n\\end{align}") == ["PROVED"]
    assert verdicts(eq("C := 2"), "\\begin{align}\nC^2 &= 5\n\\end{align}") == ["REFUTED"]
