"""The claims of Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate"
(``paper="why-hallucinate"``): :mod:`.claims` (the main text, and ``claims()`` for the
registry), :mod:`.goodturing` (App. B and Theorem 2) and their shared :mod:`.common`."""
