"""Kernel-checked certificates: PROVED/CERTIFIED steps re-stated as Coq lemmas and checked by
``coqc``, independently of SymPy (:mod:`.coq_export` translates, :mod:`.goals` decides what is
exportable, :mod:`.tactics` picks the proof script, :mod:`.run` writes and checks the files)."""
