r"""Stated facts about covering numbers
(:mod:`hallbound.proofs_checks.latex.models.covering_instances`).

Mutation style: monotonicity and a stated bound at a smaller radius are PROVED; a planted
false step (the subset and the set swapped, internal covers at the same radius, a wrong
constant, the bound at a larger radius, a flipped inequality) is never PROVED; a step the
model cannot read in full (no inclusion stated, a stated domain on the radius) stays
UNDECIDED. The planted internal-cover step is false on the line: ``B = \{-1, 1\} \subseteq
A = [-1, 1]``, ``N^{int}_1(B) = 2`` but ``N^{int}_1(A) = 1`` (the ball ``[-1, 1]`` at 0)."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def _step(row: str, assume: str) -> object:
    text = f"% hb: assume {assume}\n\\begin{{equation}}\n{row}\n\\end{{equation}}\n"
    rep = verify_tex(text, trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_monotonicity_is_proved() -> None:
    s = _step(r"N^{int}_\varepsilon(B) \le N^{int}_{\varepsilon/2}(A)", r"B \subseteq A")
    assert s.verdict == "PROVED" and s.method == "covering numbers: stated facts"
    s = _step(r"N^{ext}_{\varepsilon/3}(A) \ge N^{ext}_\varepsilon(B)", r"B \subseteq A")
    assert s.verdict == "PROVED"


def test_planted_false_monotonicity_is_not_proved() -> None:
    # the first: internal covers at the same radius, false on the line (module doc)
    for row, assume in (
        (r"N^{int}_\varepsilon(B) \le N^{int}_{\varepsilon}(A)", r"B \subseteq A"),
        (r"N^{int}_\varepsilon(A) \le N^{int}_{\varepsilon/2}(B)", r"B \subseteq A"),
        (r"N^{int}_\varepsilon(B) \ge N^{int}_{\varepsilon/2}(A)", r"B \subseteq A"),
        (r"N^{int}_\varepsilon(B) \le N^{int}_{\varepsilon/2}(A)", r"A \subseteq C"),
    ):
        s = _step(row, assume)
        assert s.verdict != "PROVED", (row, assume)


def test_a_stated_bound_at_a_smaller_radius_is_proved() -> None:
    s = _step(r"N^{int}_{\varepsilon/2}(A) \le c \cdot (\varepsilon/2)^{-d}",
              r"N^{int}_\varepsilon(A) \le c\,\varepsilon^{-d}")
    assert s.verdict == "PROVED"


def test_planted_false_instances_are_not_proved() -> None:
    stated = r"N^{int}_\varepsilon(A) \le c\,\varepsilon^{-d}"
    for row in (r"N^{int}_{\varepsilon/2}(A) \le \frac{c}{2} \cdot (\varepsilon/2)^{-d}",
                r"N^{int}_{\varepsilon/2}(A) \le c \varepsilon^{-d}",  # a power dropped
                r"N^{int}_{2\varepsilon}(A) \le c \cdot (2\varepsilon)^{-d}",  # a larger radius
                r"N^{int}_{\varepsilon/2}(A) \ge c \cdot (\varepsilon/2)^{-d}",  # flipped
                r"N^{int}_{\varepsilon/2}(B) \le c \cdot (\varepsilon/2)^{-d}"):  # another set
        s = _step(row, stated)
        assert s.verdict != "PROVED", row


def test_a_restricted_radius_keeps_the_instance_out() -> None:
    s = _step(r"N^{int}_{\varepsilon/2}(A) \le c \cdot (\varepsilon/2)^{-d}",
              r"N^{int}_\varepsilon(A) \le c\,\varepsilon^{-d}, \varepsilon \ge 1")
    assert s.verdict == "UNDECIDED"
