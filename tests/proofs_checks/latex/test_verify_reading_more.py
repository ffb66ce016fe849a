r"""Constructs of real derivations that ``verify`` now reads (or refuses with a message that
says why): ``\Re``/``\Im``, subscripts that are no plain label (``d_{I^\circ}``,
``f_{n_0(x)}``), the evaluation bracket ``[F]_a^b``, differentials with a subscript and
nested integrals, an unbalanced bracket, and function application of decorated or
subscripted letters under the issue's rule. Each has a regression test; a planted wrong step
of the same shape is never PROVED, and a misreading that would refute a true step is shown
not to happen."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(body: str, head: str = "") -> tuple[list, list[str]]:
    rep = verify_tex(f"{head}\\begin{{equation}}\n{body}\n\\end{{equation}}\n", trials=30)
    steps = [s for ch in rep.environments for s in ch.steps]
    return steps, [e.message for e in rep.errors]


def _verdicts(body: str, head: str = "") -> list[str]:
    steps, errors = _run(body, head)
    assert not errors, errors
    return [s.verdict for s in steps]


# -- \Re, \Im ------------------------------------------------------------------------------

def test_real_part_is_an_opaque_value_of_a_possibly_complex_argument() -> None:
    # \Re \rho is never \rho: the same argument gives the same value, nothing more
    assert _verdicts("\\Re(\\rho) + \\Re (2) = 2 + \\Re \\rho") == ["PROVED"]
    assert _verdicts("\\Re \\rho = \\rho") != ["PROVED"]
    assert _verdicts("\\Im \\rho = 0") != ["PROVED"]
    assert _verdicts("\\Im \\rho = 0") != ["REFUTED"]  # Im of a real rho is 0: no alarm
    assert _verdicts("\\Im(3) + \\Re(3) = 3") == ["PROVED"]


# -- subscripts that are no plain label ----------------------------------------------------

def test_a_subscript_with_commands_or_brackets_names_an_opaque_quantity() -> None:
    steps, errors = _run("d_{I^\\circ}(a, b) \\le 2 d_{J^\\circ}(a, b) = 2 d_{J^\\circ}(a,b)")
    assert not errors
    assert [s.verdict for s in steps] == ["UNDECIDED", "PROVED"]
    steps, errors = _run("f_n(y) = f_{n_0(x)}(y) + 0 \\cdot f_{\\max(n_0(x), n_0(y))}(y)")
    assert not errors and steps[0].verdict != "REFUTED"


def test_two_texts_of_one_value_in_a_subscript_never_refute() -> None:
    # x_{\frac12} and x_{\frac{1}{2}} are one quantity; as opaque labels the step is
    # undecided, never a false alarm
    assert _verdicts("x_{\\frac{1}{2}} = x_{\\frac12}") == ["UNDECIDED"]
    assert _verdicts("x_{\\frac{1}{2}} = x_{\\frac{1}{2}}") == ["PROVED"]


# -- the evaluation bracket [F]_a^b --------------------------------------------------------

def test_evaluation_bracket_substitutes_the_ends() -> None:
    basel = ("2 \\left[ g(u)^2 \\right]_0^{1/2} - 4 \\left[ h(u)^2 \\right]_{1/2}^1 = "
             "2 g\\left(\\frac{1}{2}\\right)^2 - 2 g(0)^2 - 4 h(1)^2 + 4 h\\left(\\frac{1}{2}"
             "\\right)^2")
    assert _verdicts(basel) == ["PROVED"]
    assert _verdicts("\\left[ x^3/3 \\right]_0^1 = \\frac13") == ["PROVED"]
    assert _verdicts("\\left[ x^3/3 \\right]^1_0 = \\frac12") == ["REFUTED"]  # 1/3 != 1/2
    # a wrong end: 2 g(1/2)^2 - 2 g(0)^2 is not 2 g(1)^2 - 2 g(0)^2
    assert _verdicts("2 [ g(u)^2 ]_0^{1/2} = 2 g(1)^2 - 2 g(0)^2") != ["PROVED"]


def test_evaluation_bracket_refuses_what_it_cannot_decide() -> None:
    _, errors = _run("[a x]_0^1 = a")
    assert any("one variable" in e for e in errors)
    # an infinite end is a limit: taken only where SymPy's limit and mpmath agree
    assert _verdicts("[e^{-u}]_0^\\infty = -1") == ["PROVED"]
    assert _verdicts("[e^{-u}]_0^\\infty = 1") == ["REFUTED"]
    assert _verdicts("[\\sin u]_0^\\infty = 0") not in (["PROVED"], ["REFUTED"])  # no limit


# -- differentials with a subscript, nested integrals --------------------------------------

def test_a_differential_with_a_subscript_binds_the_subscripted_variable() -> None:
    assert _verdicts("\\int_0^1 \\omega_1^2 \\, d\\omega_1 = \\frac13") == ["PROVED"]
    assert _verdicts("\\int_0^1 \\omega_1^2 \\, d\\omega_1 = \\frac12") == ["REFUTED"]
    # omega_1 is bound: the value does not depend on a free omega_1
    assert _verdicts("\\int_0^1 \\omega_1 \\, d\\omega_1 = \\omega_1") != ["PROVED"]


def test_nested_integrals_each_take_their_own_differential() -> None:
    assert _verdicts("\\int_0^2 \\int_0^1 x y \\, dx \\, dy = 1") == ["PROVED"]
    assert _verdicts("\\int_0^2 \\int_0^1 x y \\, dx \\, dy = 2") == ["REFUTED"]
    assert _verdicts("\\int_0^1 \\int_0^1 x_1 y \\, dy \\, dx_1 = \\frac{1}{4}") == ["PROVED"]


# -- an unbalanced bracket -----------------------------------------------------------------

def test_an_unbalanced_closing_bracket_is_named() -> None:
    _, errors = _run("x = \\left(\\sum_i g_i t_i\\right) f_{0}/g_{0}) = y")
    assert any("unbalanced ')'" in e for e in errors)


# -- function application of decorated and subscripted letters -----------------------------

def test_a_decorated_or_subscripted_letter_applied_once_is_refused_naming_the_directive() -> None:
    # (applied to one name, E_{2m}(A), it is a function value: test_function_arguments.py)
    for body in ("E_{2m}(A + 1) = 1", "\\hat{\\mu}(t + 1) = 1", "\\mu[f + 1] = 1",
                 "\\mathcal{R}_m(F + 1) = 1"):
        _, errors = _run(body)
        assert any("% hb: function" in e and "% hb: variable" in e for e in errors), body


def test_applied_to_different_arguments_or_declared_it_is_a_function() -> None:
    for body in ("E_{2m}(A) \\le E_{2m}(B) + 1", "\\hat{\\mu}(s) - \\hat{\\mu}(t) = 0",
                 "\\mu[f] - \\mu[g] = 0", "\\mathcal{R}_m(F) \\le \\mathcal{R}_m(G)",
                 "P[X] \\le P[Y]"):
        verdicts = _verdicts(body)
        assert verdicts == ["UNDECIDED"], body  # free function values: neither way
    head = "% hb: function \\hat{\\mu}, E_{2m}\n"
    assert _verdicts("\\hat{\\mu}(t) - E_{2m}(A) = \\hat{\\mu}(t) - E_{2m}(A)", head) == [
        "PROVED"]


# -- refusals that say what is not read ----------------------------------------------------

def test_evaluation_bars_product_measures_and_set_differences_are_refused_by_name() -> None:
    cases = {
        "\\frac{1}{a} e^{a u}\\ \\Big|_{0}^1 = 1": "evaluation bar",
        "(\\otimes_a \\nu(a))(A) = 1": "product measures",
        "N^{-|Q \\backslash D|} = 1": "set differences",
    }
    for body, words in cases.items():
        _, errors = _run(body)
        assert any(words in e for e in errors), (body, errors)
    assert _verdicts("|x|^2 = x^2") == ["PROVED"]  # a closing bar's power is still a power


def test_a_differential_right_after_a_one_letter_subscript_is_read() -> None:
    # d\omega_id\omega_{-i}: the d after the subscript i is a differential, not the end of
    # an italic word "id"
    assert _verdicts("\\int_0^1 \\int_0^1 x_1 y_1 \\, dy_1dx_1 = \\frac14") == ["PROVED"]
    steps, errors = _run("A = \\int_{u \\in S} f(u) \\int_{v_i \\in T} f(v_i)\\;dv_idu")
    assert not errors and steps[0].verdict != "REFUTED"


def test_an_integral_against_a_measure_written_with_partial_is_one_atom() -> None:
    # read whole, as an opaque atom (models/kernel_integrals.py evaluates it on measures):
    # nothing is known of it, so it is never refuted against a number
    steps, errors = _run("\\int_x f(x) \\partial\\xi = 1")
    assert not errors and [s.verdict for s in steps] == ["UNDECIDED"]
    assert _verdicts("\\int_x f(x) \\partial\\xi + 1 = 1 + \\int_x f(x) \\partial\\xi") == [
        "PROVED"]
