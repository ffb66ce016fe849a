r"""A letter ``e`` the text declares a variable (a domain in ``% hb: assume``, or
``% hb: variable e``) is that variable, never Euler's number; undeclared, ``e`` stays
Euler's number."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex

STRONG = ("PROVED", "CERTIFIED")


def _one(rel: str, pre: str = "") -> tuple[object, list[object]]:
    rep = verify_tex(f"{pre}\\begin{{align}}\n{rel}\n\\end{{align}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s, rep.errors


DOMAIN = "% hb: assume e \\in \\mathbb{Z}, 1 \\le e \\le 2\n"


def test_a_declared_e_is_a_variable() -> None:
    s, errors = _one(r"e \le 2", DOMAIN)
    assert s.verdict in STRONG
    assert not errors  # neither "expected one variable" nor "the assumption is false"
    assert _one(r"e^2 \le 4", DOMAIN)[0].verdict in STRONG


def test_a_planted_false_step_about_a_declared_e_is_refuted() -> None:
    assert _one(r"e \ge 2", DOMAIN)[0].verdict == "REFUTED"  # e = 1 is allowed
    assert _one(r"e \le 1", DOMAIN)[0].verdict == "REFUTED"


def test_e_declared_by_variable_is_not_euler() -> None:
    assert _one(r"e \ge 0", "% hb: variable e\n")[0].verdict not in STRONG


def test_an_undeclared_e_is_euler() -> None:
    assert _one(r"e \ge 0")[0].verdict in STRONG
    assert _one(r"e \le 2")[0].verdict == "REFUTED"
