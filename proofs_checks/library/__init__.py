"""The trust base: the lemma library (cited inequalities with their hypotheses), its audit,
and the random-variable notation (``Pr``, ``E``, joint laws) the lemmas are stated in."""
