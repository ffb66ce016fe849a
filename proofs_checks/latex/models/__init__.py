"""Models that decide a ``verify`` step about quantities the reader keeps opaque, by
evaluating it on concrete objects that satisfy every stated assumption as read:

* random finite joint laws for entropies, mutual informations, Ruzsa distances and moments
  (:mod:`.finite_laws`, :mod:`.linear_laws`, :mod:`.moment_laws`, :mod:`.law_statements`,
  :mod:`.law_constraints`, :mod:`.law_verdicts`, :mod:`.rv_terms`);
* concrete functions of the stated classes (:mod:`.function_facts`, :mod:`.function_families`,
  :mod:`.function_models`, :mod:`.function_verdicts`);
* families with a symbolic count written out at small counts (:mod:`.small_counts`), and
  witnesses extended through stated equations (:mod:`.witness_extension`).

A failure there is a genuine counterexample (REFUTED, the object printed); no failure is
SUPPORTED, saying what was sampled.
"""
