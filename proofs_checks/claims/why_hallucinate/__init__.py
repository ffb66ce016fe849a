"""The claims of Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate"
(``paper="why-hallucinate"``): :mod:`.claims` (``claims()`` for the registry), one module per
group of results (:mod:`.reduction`, :mod:`.calibration`, :mod:`.multiple_choice`,
:mod:`.observations`; App. B: :mod:`.goodturing` (Corollary 3, Lemma 1, and
``claims_paper()`` for the four Good-Turing claims), :mod:`.goodturing_cor3`,
:mod:`.goodturing_lemma2`, :mod:`.goodturing_theorem2`, :mod:`.goodturing_common`), their
shared :mod:`.symbols` and :mod:`.common`."""
