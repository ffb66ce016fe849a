"""The checker's CPU budget on a mutant (hallbound.proofs_checks.mutation.runner.check_mutant)
counts the mutant's own check only: the unmutated steps it cites are checked first, outside
the budget (a long chain of cited steps once timed out the first mutant of Theorem 6.1's
B.5 chain c)."""

from __future__ import annotations

import time

from hallbound.proofs_checks.mutation import operators as OP
from hallbound.proofs_checks.mutation import runner


def _mutant() -> OP.Mutant:
    from hallbound.proofs_checks.claims import registry

    claim = next(c for c in registry.all_claims() if c.name == "Theorem 2")
    step = next(s for s in claim.steps if s.name == "LB 3a")
    return next(m for m in OP.step_mutants(claim, step) if m.description == "lhs: side * 2")


def _burn(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_slow_cited_steps_do_not_use_the_mutants_budget(monkeypatch):
    """The cited steps take 1.5 s of CPU, the budget is 1 s: the mutant still gets its own
    verdict (12 ln(300 N) = 6 ln 300 + 6 ln N is false at every N >= 1: REFUTED, or its
    witness withdrawn because the stated Good-Turing relations reach N), not a TIMEOUT."""
    monkeypatch.setattr(runner, "_takes_earlier", lambda: True)
    monkeypatch.setattr(runner, "_earlier", lambda *a, **k: _burn(1.5) or {})
    verdict, method = runner.check_mutant(_mutant(), trials=20, budget=1.0)
    assert verdict == "REFUTED" or (verdict == "UNDECIDED" and "withdrawn" in method), method


def test_the_mutants_own_check_is_still_budgeted(monkeypatch):
    """A check that itself runs past the budget is a TIMEOUT."""
    import hallbound.proofs_checks.engine.checker as checker

    monkeypatch.setattr(checker, "check_step", lambda *a, **k: _burn(5.0))
    verdict, _ = runner.check_mutant(_mutant(), trials=20, budget=0.5)
    assert verdict == OP.TIMEOUT
