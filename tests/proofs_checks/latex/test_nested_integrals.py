r"""Nested integrals against an unknown measure with the imaginary unit
(:mod:`.models.nested_integrals`): Fubini and the integral of e^{itx} over [-r, r] are
SUPPORTED on point masses; a planted error (a dropped factor 2, wrong limits, sin for cos) is
never SUPPORTED nor PROVED, and the model never refutes."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex

PRE = "% hb: assume r > 0\n"


def _one(rel: str, pre: str = PRE) -> object:
    rep = verify_tex(f"{pre}\\begin{{equation}}\n{rel}\n\\end{{equation}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


FUBINI = (r"\int_{-r}^r \int e^{i t x} \, d\mu(x) \, dt = "
          r"\int \left( \int_{-r}^r e^{i t x} \, dt \right) \, d\mu(x)")
SINC = (r"\int \left( \int_{-r}^r e^{i t x} \, dt \right) \, d\mu(x) = "
        r"\int 2 \frac{\sin(r x)}{x} \, d\mu(x)")


def test_fubini_and_the_sinc_integral_are_supported() -> None:
    for rel in (FUBINI, SINC):
        s = _one(rel)
        assert s.verdict == "SUPPORTED" and s.method == "point-mass measures, quadrature", rel


def test_planted_errors_are_not_supported() -> None:
    for bad in (SINC.replace("\\int 2 \\frac", "\\int \\frac"),
                SINC.replace("\\sin(r x)", "\\cos(r x)"),
                FUBINI.replace("\\int_{-r}^r e", "\\int_{0}^r e")):
        s = _one(bad)
        assert s.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED", "REFUTED"), bad
        assert "differ" in s.detail, bad


def test_an_index_i_keeps_the_model_out() -> None:
    s = _one(SINC, PRE + "% hb: assume x_i > 0\n")
    assert s.method != "point-mass measures, quadrature"


def test_a_function_it_cannot_evaluate_stays_undecided() -> None:
    s = _one(r"\int \left( \int_{-r}^r f(t x) \, dt \right) \, d\mu(x) = \int 2 f(r x) \, d\mu(x)")
    assert s.verdict != "SUPPORTED" or s.method != "point-mass measures, quadrature"
    assert s.verdict != "REFUTED"
