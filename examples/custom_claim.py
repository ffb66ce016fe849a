"""Write your own claim and check it with hallbound's checker.

Run: ``python3 examples/custom_claim.py``. The claim is an inequality chain between the
arithmetic, geometric and harmonic means of two positive numbers, with one step written the
wrong way round (the checker refutes it and prints a witness), one step that SymPy proves,
one step certified by interval arithmetic on a box, and a probability step (Chebyshev)
checked exactly on random discrete laws.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks import Claim, LawCheck, Param, Step, check_claim
from hallbound.proofs_checks.engine.probability import random_law
from hallbound.proofs_checks.engine.report import render

x = sp.Symbol("x", positive=True)
y = sp.Symbol("y", positive=True)
X = Param("x", x, lo=0, lo_open=True, search=(1e-2, 1e2))
Y = Param("y", y, lo=0, lo_open=True, search=(1e-2, 1e2))


def _chebyshev_case(rng):
    return random_law(rng, size=3, lo=-3, hi=3, denom=2), Fraction(int(rng.integers(1, 6)), 2)


def _chebyshev(case):
    law, a = case
    m = law.mean()
    return law.prob(lambda v: abs(v - m) >= a), law.moment(2, m) / (a * a)


def build_claim() -> Claim:
    """AM >= GM >= HM for x, y > 0, one step reversed, plus two more kinds of step."""
    am, gm, hm = (x + y) / 2, sp.sqrt(x * y), 2 * x * y / (x + y)
    steps = [
        Step("AM-GM (squared)", am**2, ">=", gm**2, "(x - y)^2 >= 0"),
        Step("GM-HM (reversed)", gm, "<=", hm, "written the wrong way round"),
        Step(
            "exp on a box",
            sp.exp(x),
            ">=",
            1 + x + x**2 / 3,
            "series",
            params=[Param("x", x, lo=0.5, hi=3)],
            box={"x": (0.5, 3)},
        ),
        Step(
            "Chebyshev",
            "Pr[|T - E T| >= a]",
            "<=",
            "Var T / a^2",
            "Markov on (T-ET)^2",
            kind="probability",
            law=LawCheck(_chebyshev_case, _chebyshev, lambda c: {"a": c[1]}, trials=100),
        ),
    ]
    return Claim(
        "Mean inequalities", "AM >= GM >= HM", [X, Y], steps, source="user", domain="x, y > 0"
    )


if __name__ == "__main__":
    result = check_claim(build_claim(), seed=1)
    print(render([result]), end="")
