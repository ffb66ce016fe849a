r"""Check the paper's claims step by step: PROVED (SymPy), CERTIFIED (interval arithmetic on a
box), SUPPORTED (no counterexample in n trials), REFUTED (a re-verified witness), UNDECIDED.

Write a claim::

    import sympy as sp
    from hallbound.proofs_checks import Claim, Param, Step, check_claim

    x = sp.Symbol("x", positive=True)
    claim = Claim("AM-GM", "x + 1/x >= 2", [Param("x", x, lo=0, lo_open=True)],
                  [Step("s1", x + 1 / x, ">=", 2, "AM-GM")])
    print(check_claim(claim).steps[0].verdict)   # Verdict.PROVED
"""

from hallbound.proofs_checks.engine.checker import (
    DEFAULT_SEED,
    check_claim,
    check_claims,
    check_step,
)
from hallbound.proofs_checks.engine.claim import RELATIONS, Claim, Param, Step
from hallbound.proofs_checks.engine.probability import DiscreteLaw, LawCheck
from hallbound.proofs_checks.engine.verdicts import ClaimResult, StepResult, Verdict

__all__ = [
    "DEFAULT_SEED",
    "RELATIONS",
    "Claim",
    "ClaimResult",
    "DiscreteLaw",
    "LawCheck",
    "Param",
    "Step",
    "StepResult",
    "Verdict",
    "check_claim",
    "check_claims",
    "check_step",
]
