"""Numeric kernels generated from the symbolic expressions, evaluated at scale.

Modules (import the one you need; nothing heavy is imported here):

* :mod:`~hallbound.numeric.compile`: SymPy expression -> numba kernels, cached on disk;
* :mod:`~hallbound.numeric.montecarlo`: Monte Carlo hallucination probability;
* :mod:`~hallbound.numeric.theorem61`: Theorem 6.1's bound as stated, over grids;
* :mod:`~hallbound.numeric.intervals`: exact Clopper-Pearson intervals;
* :mod:`~hallbound.numeric.sweep`: grids of bounds and rates written to CSV/Parquet;
* :mod:`~hallbound.numeric.poisson_binomial`: Poisson-binomial laws;
* :mod:`~hallbound.numeric.estimators`: median, quantile and mode estimators.
"""
