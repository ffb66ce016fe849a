"""The claims of Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate"
(``paper="why-hallucinate"``): :mod:`.claims` (``claims()`` for the registry), one module per
group of results (:mod:`.reduction`, :mod:`.calibration`, :mod:`.multiple_choice`,
:mod:`.observations`, :mod:`.goodturing` for App. B and Theorem 2), their shared
:mod:`.symbols` and :mod:`.common`."""
