r"""Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate": the paper's
finite objects, evaluators and simulator.

This package is paper-specific (prompts, valid/error responses, the Is-It-Valid
distribution :math:`D`, arbitrary facts), so it lives beside, not inside, the
family-based ``hallbound.symbolic`` of the first paper:

- :mod:`.finite`: a finite instance (prompts with weights :math:`\mu`, valid and error
  responses, :math:`p` and :math:`\hat p`) and every quantity of the paper on it, exact
  (``Fraction``) and in float; TOML/JSON input;
- :mod:`.instances`: random finite instances, with edges (ties at :math:`1/K`, point
  masses, uniform :math:`\hat p`);
- :mod:`.bounds`: the paper's bounds from summary numbers (Theorems 1-4);
- :mod:`.goodturing`: singleton rate, missing mass and Good-Turing estimates of a sample;
- :mod:`.simulate`: the arbitrary-facts simulator (numba).
"""
