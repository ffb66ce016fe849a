r"""Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate": what the CLI needs
beyond the paper's mathematics.

The paper's objects live with the first paper's, in the model rooms:
:mod:`hallbound.symbolic.why_hallucinate` (finite instances, random instances, the
Arbitrary-Facts model, the bounds of Theorems 1-4) and :mod:`hallbound.numeric.why_hallucinate`
(the arbitrary-facts simulator, numba). Here:

- :mod:`.files`: an instance read from a TOML or JSON file (``hallbound bound``);
- :mod:`.properties`: the Hypothesis properties of ``hallbound proptest --paper
  why-hallucinate``.
"""
