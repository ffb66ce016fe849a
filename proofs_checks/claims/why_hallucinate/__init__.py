"""The claims of Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate"
(``paper="why-hallucinate"``): :mod:`.claims` (the main text, and ``claims()`` for the
registry), :mod:`.goodturing` (App. B: Corollary 3, Lemma 1; and ``claims_paper()`` for all
four Good-Turing claims), :mod:`.goodturing_lemma2` (Lemma 2), :mod:`.goodturing_theorem2`
(Theorem 2), :mod:`.goodturing_common` (their symbols and exact enumeration) and the shared
:mod:`.common`."""
