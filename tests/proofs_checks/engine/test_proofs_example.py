"""examples/custom_claim.py: each kind of verdict, and the refutation re-checked by hand."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

from hallbound.proofs_checks import Verdict, check_claim

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "custom_claim.py"


def _load():
    spec = importlib.util.spec_from_file_location("custom_claim", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_verdicts() -> None:
    result = check_claim(_load().build_claim(), seed=1)
    verdicts = {s.step: s.verdict for s in result.steps}
    assert verdicts == {
        "AM-GM (squared)": Verdict.PROVED,
        "GM-HM (reversed)": Verdict.REFUTED,
        "exp on a box": Verdict.CERTIFIED,
        "Chebyshev": Verdict.SUPPORTED,
    }
    bad = next(s for s in result.steps if s.verdict is Verdict.REFUTED)
    x, y = float(bad.witness["x"]), float(bad.witness["y"])
    assert math.sqrt(x * y) > 2 * x * y / (x + y)  # GM > HM unless x = y
