r"""Stated facts about covering numbers
(:mod:`hallbound.proofs_checks.latex.models.covering_instances`).

Mutation style: monotonicity is PROVED; a stated bound is not read at another radius; a planted
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


def test_a_stated_bound_is_not_read_for_other_radii() -> None:
    # review findings 1 and 5: a bound stated with a free radius may hold for one radius only
    # (c eps at eps = 1 does not give c eps / 2 at eps / 2), and a radius inside the set
    # argument does not rescale with the subscript
    for row, stated in (
        (r"N^{int}_{\varepsilon/2}(A) \le c \cdot (\varepsilon/2)^{-d}",
         r"N^{int}_\varepsilon(A) \le c\,\varepsilon^{-d}"),
        (r"N^{int}_{\varepsilon/2}(A) \le \frac{c\,\varepsilon}{2}",
         r"N^{int}_\varepsilon(A) \le c\,\varepsilon"),
        (r"N^{int}_{\varepsilon/2}(B_\varepsilon) \le 2 - e^{-2/\varepsilon}",
         r"N^{int}_\varepsilon(B_\varepsilon) \le 2 - e^{-1/\varepsilon}"),
    ):
        assert _step(row, stated).verdict != "PROVED", row


def test_the_stated_bound_itself_is_not_refuted() -> None:
    stated = r"N^{int}_\varepsilon(A) \le c\,\varepsilon^{-d}"
    assert _step(stated, stated).verdict != "REFUTED"
