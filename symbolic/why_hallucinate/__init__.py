r"""Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate": the paper's finite
objects and closed forms (the first paper's live in the rest of :mod:`hallbound.symbolic`).

- :mod:`.finite`: a finite instance (prompts with weights :math:`\mu`, valid and error
  responses, :math:`p` and :math:`\hat p`) and every quantity of the paper on it, exact
  (``Fraction``) and in float;
- :mod:`.instances`: random finite instances, with edges (ties at :math:`1/K`, point
  masses, uniform :math:`\hat p`);
- :mod:`.facts`: the Arbitrary-Facts model (Definition 1), exactly, on small instances;
- :mod:`.bounds`: the paper's bounds from summary numbers (Theorems 1-4), in SymPy.

The simulator is :mod:`hallbound.numeric.why_hallucinate`; reading instance files and the
property battery are in :mod:`hallbound.why_hallucinate` (the application).
"""
