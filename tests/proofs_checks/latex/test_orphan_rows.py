r"""A row with no relation followed by a row with a left side of its own was paired with that
left side: ``2 + 1 \\ 5 &= 5`` was checked as ``2 + 1 = 5`` (REFUTED, a false alarm on two
true rows), in ``align``, ``gather`` and ``split`` alike. Now that row's first relation is not
checked (an error says why), and the rest of the chain is."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def _report(tex: str):
    return verify_tex(tex, time_limit=2.0)


def test_an_expression_row_is_not_paired_with_the_next_rows_left_side() -> None:
    for env in ("align", "gather"):
        rep = _report(f"\\begin{{{env}}}\n2 + 1 \\\\\n5 {'&' if env == 'align' else ''}= 5\n"
                      f"\\end{{{env}}}\n")
        assert not [s for c in rep.environments for s in c.steps if s.verdict == "REFUTED"]
        assert any("no relation" in e for e in map(str, rep.errors))
    rep = _report("\\begin{equation}\n\\begin{split}\n7 \\\\\n4 &= 4\n\\end{split}\n"
                  "\\end{equation}\n")
    assert not [s for c in rep.environments for s in c.steps if s.verdict == "REFUTED"]


def test_the_rest_of_the_chain_is_checked_and_a_false_step_there_is_refuted() -> None:
    rep = _report("\\begin{align}\nx^2 \\\\\n(x+1)^2 &= x^2 + 2x + 1 \\\\\n&= x^2 + 2x + 2\n"
                  "\\end{align}\n")
    got = [s.verdict for c in rep.environments for s in c.steps]
    assert got == ["REFUTED"]  # only x^2 + 2x + 1 = x^2 + 2x + 2 is read, and it is false


def test_a_row_that_starts_with_a_relation_still_continues_the_expression_row() -> None:
    rep = _report("\\begin{align}\n(x+1)^2 \\\\\n&= x^2 + 2x + 1\n\\end{align}\n")
    assert [s.verdict for c in rep.environments for s in c.steps] == ["PROVED"]


def test_a_definition_value_alone_on_its_row_does_not_join_the_next_row() -> None:
    """Review of display definitions: ``\\delta := \\varepsilon/2, \\\\ \\varepsilon/2 \\le
    \\varepsilon/3`` was checked as ``\\varepsilon/2 \\le \\varepsilon/2`` (PROVED, false)."""
    rep = _report("% hb: assume \\varepsilon > 0\n\\begin{align}\n"
                  "\\delta &:= \\frac{\\varepsilon}{2}, \\\\\n"
                  "\\frac{\\varepsilon}{2} &\\le \\frac{\\varepsilon}{3}\n\\end{align}\n"
                  "\\begin{align}\nc &:= 2, \\\\\n3 &= 1 + 2\n\\end{align}\n")
    got = [(s.relation, s.verdict) for c in rep.environments for s in c.steps]
    assert [v for _, v in got] == ["REFUTED", "PROVED"]
    assert not rep.errors
