r"""A display definition stated under a condition on another variable
(``c := \sqrt{x^2} \quad (x \ge 0)``, ``\quad \text{for } x \ge 0``, ``&& (x \ge 0)``,
``&& x \ge 0``) is refused, never substituted unconditionally into later displays
(:func:`hallbound.proofs_checks.latex.definition_book.condition_remark`); a remark that is
an equation number or the domain of the function's own parameter keeps it."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(defn: str, step: str, env: str = "equation") -> tuple[list[str], list[str]]:
    rep = verify_tex(f"% hb: assume x \\in \\mathbb{{R}}\n\\begin{{{env}}} {defn} \\end{{{env}}}\n"
                     f"\\begin{{equation}} {step} \\end{{equation}}\n", trials=60)
    return ([s.verdict for ch in rep.environments for s in ch.steps],
            [d.refused for d in rep.definitions])


@pytest.mark.parametrize(("defn", "env"), [
    (r"c := \sqrt{x^2} \quad (x \ge 0)", "equation"),
    (r"c := \sqrt{x^2} \quad \text{for } x \ge 0", "equation"),
    (r"c := \sqrt{x^2}, \quad \text{if $x \ge 0$}", "equation"),
    (r"c &:= \sqrt{x^2} && (x \ge 0)", "align"),
    (r"c &:= \sqrt{x^2} && x \ge 0", "align")])
def test_a_conditional_definition_is_not_used_unconditionally(defn, env):
    verdicts, refused = _run(defn, "x c = x^2", env)
    assert verdicts == ["UNDECIDED"] and refused and "condition" in refused[0]


def test_the_same_definition_without_its_condition_is_used():
    assert _run(r"c := \sqrt{x^2}", "x c = x^2")[0] == ["REFUTED"]
    assert _run(r"c := \sqrt{x^2}", "c = |x|")[0] == ["PROVED"]
    assert _run(r"c := \sqrt{x^2} \quad (3)", "c = |x|")[0] == ["PROVED"]
    assert _run(r"c := \sqrt{x^2} \quad (3)", "x c = x^2")[0] == ["REFUTED"]


def test_a_condition_on_the_own_parameter_is_the_domain():
    assert _run(r"f(y) := \sqrt{y} \quad (y \ge 0)", "f(4) = 2")[0] == ["PROVED"]
    assert _run(r"f(y) := \sqrt{y} \quad (y \ge 0)", "f(4) = 3")[0] == ["REFUTED"]
