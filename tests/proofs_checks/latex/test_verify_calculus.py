r"""Derivatives, gradients, argmin and differentials as authors write them
(:mod:`hallbound.proofs_checks.latex.math_derivatives`).

Each reading: a true step is not REFUTED (PROVED where SymPy decides it), a planted false
variant (wrong constant, dropped chain-rule factor, flipped sign, product for sum) is not
PROVED, and a half-readable form is refused with a message naming it.
"""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(body: str) -> tuple[list[str], list[str]]:
    rep = verify_tex(f"\\begin{{align*}}\n{body}\n\\end{{align*}}\n", trials=60)
    verdicts = [s.verdict for env in rep.environments for s in env.steps]
    return verdicts, [e.message for e in rep.errors]


TRUE_PROVED = [
    r"\frac{d}{dx} x^{3} = 3 x^2",
    r"\frac{d}{dx} \left( x^{3} + 2x \right) = 3 x^2 + 2",
    r"\frac{\mathrm{d}}{\mathrm{d} y} \Phi\left(\ln y\right) = \frac{\Phi'(\ln y)}{y}",
    r"\frac{\mathrm{d} \ln y}{\mathrm{d} y} = \frac{1}{y}",
    r"\frac{\operatorname{d}}{\operatorname{d}t} e^{2t} = 2 e^{2t}",
    r"\frac{d}{dx} f(x) = f'(x)",
    r"\frac{d}{dx} f'(x) = f''(x)",
    r"\frac{d}{dx} f(x^2) = 2 x f'(x^2)",
    r"\frac{d^2}{dx^2} \sin(x) = -\sin(x)",
    r"\frac{\partial^2 (x^2 y^3)}{\partial x^2} = 2 y^3",
    r"\frac{\partial}{\partial x} (x y) = y",
    r"\langle \nabla f(x), y - x \rangle = \langle \nabla f(x), y \rangle "
    r"- \langle \nabla f(x), x \rangle",
    r"\nabla^2 f(x) + \nabla_x g(x, y) = \nabla_x g(x, y) + \nabla^2 f(x)",
    r"\operatorname{\arg\min}_{x} f(x) = \mathop{\arg\min}_x f(x)",
    r"\int_0^1 dx\, x^2 + 1 = \frac{4}{3}",
    r"\int_0^1 \mathrm{d}x\, (x + 1)^2 = \frac{7}{3}",
    r"\int_0^1 \int_0^1 x y \,dx\,dy = \frac{1}{4}",
    r"\int_0^1 dx \int_0^1 dy\, x y = \frac{1}{4}",
    r"\int_0^1 x^2 \text{d}x = \frac{1}{3}",
    r"\int_0^1 \frac{dx}{1 + x} = \ln 2",
]


@pytest.mark.parametrize("body", TRUE_PROVED)
def test_a_true_step_is_proved(body: str) -> None:
    verdicts, errors = _run(body)
    assert verdicts == ["PROVED"], (verdicts, errors)


FALSE = [
    r"\frac{d}{dx} x^{3} = 2 x^2",  # wrong constant
    r"\frac{d}{dx} \left( x^{3} + 2x \right) = 3 x^2 + 2x",  # derivative of 2x kept as 2x
    r"\frac{\mathrm{d}}{\mathrm{d} y} \Phi\left(\ln y\right) = \Phi'(\ln y)",  # dropped 1/y
    r"\frac{d}{dx} f(x^2) = x f'(x^2)",  # dropped 2
    r"\frac{d}{dx} f(x) = f(x)",
    r"\frac{d}{dx} f(x) = f''(x)",
    r"\frac{d^2}{dx^2} \sin(x) = \sin(x)",  # flipped sign
    r"\frac{\partial^2 (x^2 y^3)}{\partial x^2} = 2 y^2",  # dropped power
    r"\frac{d}{dt} (x^2) = 0",  # x may depend on t
    r"\frac{dy}{dx} = 0",
    r"\frac{d}{dx} |x| = \operatorname{sign}(x)",  # no derivative at 0: never differentiated
    r"\langle \nabla f(x), y - x \rangle = \langle \nabla f(x), y \rangle "
    r"+ \langle \nabla f(x), x \rangle",
    r"\nabla f(x) = \nabla f(y)",
    r"\nabla f(x) = f'(x) + 1",
    r"\arg\min_{x \in C} f(x) = \min_{x \in C} f(x)",  # the minimiser is not the minimum
    r"\operatorname*{argmin}_{x} f(x) = \operatorname*{argmax}_x f(x)",
    r"\arg\min_x (f(x) + g(x)) = \arg\min_x f(x) + \arg\min_x g(x)",  # sum for argmin
    r"\arg\min_x 2 f(x) = 2 \arg\min_x f(x)",
    r"\int_0^1 dx\, x^2 + 1 = \frac{1}{3}",  # the 1 is outside the integrand
    r"\int_0^1 dx\, x^2 = x^2",  # the integrand is not left outside
    r"\int_0^1 x^2 \text{d}x = \frac{1}{2}",
    r"\int_0^1 \frac{dx}{1 + x} = \ln 3",
]


@pytest.mark.parametrize("body", FALSE)
def test_a_false_step_is_not_proved(body: str) -> None:
    verdicts, errors = _run(body)
    assert "PROVED" not in verdicts and "CERTIFIED" not in verdicts, (verdicts, errors)


@pytest.mark.parametrize(
    "body",
    [
        r"\frac{d}{dx} x^{3} = 2 x^2",
        r"\frac{d^2}{dx^2} \sin(x) = \sin(x)",
        r"\int_0^1 dx\, x^2 + 1 = \frac{1}{3}",
        r"\int_0^1 \frac{dx}{1 + x} = \ln 3",
    ],
)
def test_a_false_step_without_unknowns_is_refuted(body: str) -> None:
    assert _run(body)[0] == ["REFUTED"]


@pytest.mark.parametrize(
    "body",
    [
        r"\frac{d}{dt} (x^2) = 2 x",  # true where x = t: an opaque derivative never refutes
        r"\frac{dy}{dx} = 2 x",
        r"\frac{\partial}{\partial x} \mathbb{E}[X x] = \mathbb{E}[X]",
        r"\frac{d}{dx} \int_0^x g(t)\, dt = g(x)",
        r"\frac{\partial}{\partial x} f(x, y) = f(x, y)",  # a partial of f: opaque
        r"\frac{d}{dx} |x| = \operatorname{sign}(x)",
    ],
)
def test_what_the_reader_cannot_differentiate_is_never_refuted(body: str) -> None:
    verdicts, _ = _run(body)
    assert "REFUTED" not in verdicts and "PROVED" not in verdicts


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (r"\frac{d}{dx} f(x) g(x) = 0", "scope of \\frac{d}{dx} is unclear"),
        (r"\frac{d}{dx} f(x) \Big|_{x=0} = f'(0)", "scope of \\frac{d}{dx} is unclear"),
        (r"\frac{d}{dx}\Big|_{x=0} f(x) = f'(0)", "no operand"),
        (r"\frac{\partial^2 f}{\partial x \partial y} = 0", "mixed partial"),
        (r"\frac{d^2 f}{d x} = 0", "orders"),
        (r"\frac{\partial f}{d x} = 0", "d and \\partial"),
        (r"\nabla g \le 1", "gradients are read only"),
        (r"\nabla f(x)^\top (y - x) = 0", "transpose"),
        (r"\int_0^1 \frac{dx}{1 + x} x = 1", "differential"),
    ],
)
def test_a_half_readable_form_is_refused_by_name(body: str, message: str) -> None:
    verdicts, errors = _run(body)
    assert verdicts == [] or set(verdicts) == {"UNDECIDED"}
    assert any(message in e for e in errors), errors
