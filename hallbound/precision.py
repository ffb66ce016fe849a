"""The working precisions of hallbound, in decimal digits, named once.

Each constant is the precision of one kind of computation; a module that evaluates at high
precision imports its constant instead of writing a number (``mpmath.workdps(EXACT_DIGITS)``).
"""

from __future__ import annotations

#: Family numerics: the symbolic fallbacks (moments, sup density, CDF, level sets) against
#: quadrature, and the parameter values of a Python-defined family.
QUADRATURE_DIGITS = 30
#: The property battery's high-precision evaluations of a density (``hallbound proptest``).
PROPERTY_DIGITS = 40
#: The checker's numeric side: exact laws and expectations, falsification, certified
#: evaluation of a claim's sides.
EXACT_DIGITS = 50
#: Guard digits above :data:`EXACT_DIGITS`: values handed on to a later exact step (SymPy
#: floats of random laws, rational bounds for z3, the second paper's closed forms).
GUARD_DIGITS = 60
#: A first, cheap screen of a candidate counterexample before the exact evaluation.
SCREEN_DIGITS = 20
#: The precisions at which a counterexample found at :data:`EXACT_DIGITS` is confirmed.
CONFIRM_DIGITS = (150, 400)

__all__ = [
    "CONFIRM_DIGITS",
    "EXACT_DIGITS",
    "GUARD_DIGITS",
    "PROPERTY_DIGITS",
    "QUADRATURE_DIGITS",
    "SCREEN_DIGITS",
]
