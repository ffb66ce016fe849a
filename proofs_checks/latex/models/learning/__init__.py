"""Finite models of learning theory for ``verify``: expectations over a sample, a ghost sample
and Rademacher signs, suprema over a finite class, empirical and population risks and the
Rademacher complexity (:mod:`.learning_terms`, :mod:`.learning_models`,
:mod:`.learning_verdicts`, :mod:`.learning_stated`, :mod:`.learning_labels`,
:mod:`.learning_pairs`, :mod:`.learning_points`), and probabilities of events about risks on
finite PAC instances (:mod:`.pac_events`, :mod:`.pac_models`, :mod:`.pac_verdicts`). Each is
evaluated exactly on small written-out instances that satisfy the stated assumptions.
"""
