"""The checking engine: claims and steps, the checker, premises and chains, the provers
(SymPy, z3), interval certification, falsification, probability steps, the claim registry
and the reports."""
