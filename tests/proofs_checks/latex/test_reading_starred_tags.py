r"""A misread found on real derivations from a repository outside the corpus (issue 21):
``\tag*{(1.1.4)}`` (amsmath's starred tag, no parentheses added) was read as a factor of the
row's last side: ``a + a = 2a \tag*{(3)}`` read ``2a \cdot 3``, so a true step came out
REFUTED and a false one PROVED. The expected verdicts are worked out by hand."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def verdicts(tex: str) -> list[str]:
    rep = verify_tex(tex, time_limit=2.0)
    return [s.verdict for c in rep.environments for s in c.steps]


def test_starred_tag_is_not_a_factor_of_the_row() -> None:
    tex = (
        "\\begin{align}\n"
        "a + a &= 2a \\tag*{(3)}\\\\\n"  # true: 2a, not 2a * 3
        "&= 6a \\tag{4}\\\\\n"  # false: 2a = 6a fails at a = 1
        "&= 2a \\tag*{[by (3)]}\n"  # false as well (6a = 2a)
        "\\end{align}\n"
    )
    got = verdicts(tex)
    assert got[0] == "PROVED"
    assert got[1] == "REFUTED" and got[2] == "REFUTED"


def test_starred_tag_with_a_word_is_dropped_like_the_plain_tag() -> None:
    plain = verdicts("\\begin{align}\nx^2 - 1 &= (x - 1)(x + 1) \\tag{5}\n\\end{align}\n")
    starred = verdicts(
        "\\begin{align}\nx^2 - 1 &= (x - 1)(x + 1) \\tag*{[from (1.1.7)]}\n\\end{align}\n"
    )
    assert plain == starred == ["PROVED"]
